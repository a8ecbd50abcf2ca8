"""The three reports of a conformance run: ``report.jsonl``, ``junit.xml`` and ``report.html``.

* ``report.jsonl``: a header line (``"type": "header"``: suite and protocol versions, the
  adapter's name, version and capabilities, the filters, the start time), one line per case in
  suite order (``"type": "case"``), and a footer (``"type": "footer"``: counts, a verdict per
  operation and law version, and what happened to the adapter on the way).
* ``junit.xml``: one ``testsuite`` per vector file, one ``testcase`` per vector, with
  ``failure``, ``error`` and ``skipped`` elements, for CI systems.
* ``report.html``: one self-contained page in Dutch (no script, no external assets; it
  prints well) with the verdict per operation and law version as a chart and a table, the
  verdict per interpretation profile, a summary of the failures per article and per violated
  rule (each with a link to the article's text), and every case that did not pass: its
  comment, the differences, the violated rules, the command that reruns just that case, the
  seats per list expected and provided as an SVG chart, and input, expected and provided
  result side by side; every text the adapter provided is escaped.

Every failing case carries that rerun command in all three reports (``rerun`` in the JSONL
line, the failure text in JUnit, the HTML detail). JUnit test names are short and stable:
the vector id and the first rule it tests (``case_name``). Report files are written 0644
(0666 less the umask), not the 0600 of a temporary file.

Apart from the timestamps and the elapsed time, the reports are a function of the suite, the
filters and the answers: cases appear in suite order whatever order the adapter answered in.
Each file is written to a temporary name and renamed, so a report is never half-written.
"""

from __future__ import annotations

import html
import json
import os
import re
import shlex
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from conformance.fastjson import write_line
from conformance.judge import CASE_STATUSES
from conformance.protocol import PROTOCOL
from conformance.runner import CaseRecord, RunOutcome
from conformance.suite import Filters
from interchange.uninterrupted import uninterrupted

REPORT_FORMAT = "kieswet/conformance-report@1"
FILES = ("report.jsonl", "junit.xml", "report.html")


@dataclass(frozen=True, slots=True)
class RunContext:
    """What the run was asked to do, for the header."""

    suite_version: str
    suite_path: str
    filters: Filters
    adapter_command: str
    batch_size: int
    timeout: float
    runner_version: str
    suite_is_default: bool = False
    """The suite shipped with kieswet (the rerun command then needs no ``--suite``)."""


DEFAULT_TIMEOUT = 10.0
"""``kieswet conformance run --timeout`` when not given."""


def rerun_command(context: RunContext, vector_id: int) -> str:
    """The one command that runs just this case again, with the same adapter, suite and
    timeout, writing its reports to ``conformance-report-<id>`` (not over this run's)."""
    argv = ["kieswet", "conformance", "run", "--adapter", context.adapter_command]
    if not context.suite_is_default:
        argv += ["--suite", context.suite_path]
    if context.timeout != DEFAULT_TIMEOUT:
        argv += ["--timeout", f"{context.timeout:g}"]
    argv += ["--id", str(vector_id), "--report-dir", f"conformance-report-{vector_id}"]
    return shlex.join(argv)


def case_name(record: CaseRecord) -> str:
    """Short and stable: the vector id and the first rule it tests (else its first article,
    else its group), e.g. ``17 P8.2-75-percent``; the same whatever the adapter answered."""
    vector = record.vector
    label = (vector.rules or vector.articles or (vector.group,))[0]
    return f"{vector.id} {label}"


def counts(records: Iterable[CaseRecord]) -> dict[str, int]:
    out: dict[str, int] = dict.fromkeys(CASE_STATUSES, 0)
    for record in records:
        out[record.verdict.status] += 1
    out["total"] = sum(out.values())
    return out


def verdict_of(tally: dict[str, int]) -> str:
    """PASS: every case sent passed; FAIL: any FAIL or ERROR; NOT RUN: nothing was sent."""
    if tally["FAIL"] or tally["ERROR"]:
        return "FAIL"
    return "PASS" if tally["PASS"] else "NOT RUN"


def verdicts(records: list[CaseRecord]) -> list[dict[str, Any]]:
    """One verdict per (operation, law version), sorted."""
    keys = sorted({(r.vector.operation, r.vector.file_law) for r in records})
    out = []
    for operation, law in keys:
        tally = counts(
            r for r in records if (r.vector.operation, r.vector.file_law) == (operation, law)
        )
        out.append({"operation": operation, "law": law, "verdict": verdict_of(tally), **tally})
    return out


def profile_verdicts(records: list[CaseRecord]) -> list[dict[str, Any]]:
    """One verdict per (operation, law version, interpretation profile), sorted: what passed
    per profile in a run over several."""
    keys = sorted({(r.vector.operation, r.vector.file_law, r.vector.profile) for r in records})
    out = []
    for operation, law, profile in keys:
        tally = counts(
            r
            for r in records
            if (r.vector.operation, r.vector.file_law, r.vector.profile)
            == (operation, law, profile)
        )
        out.append(
            {
                "operation": operation,
                "law": law,
                "profile": profile,
                "verdict": verdict_of(tally),
                **tally,
            }
        )
    return out


def header(outcome: RunOutcome, context: RunContext) -> dict[str, Any]:
    return {
        "type": "header",
        "format": REPORT_FORMAT,
        "suite_version": context.suite_version,
        "suite": context.suite_path,
        "protocol": PROTOCOL,
        "runner_version": context.runner_version,
        "adapter": {
            "command": context.adapter_command,
            "name": outcome.adapter.name,
            "version": outcome.adapter.version,
            "capabilities": outcome.adapter.capabilities.to_json(),
        },
        "filters": context.filters.to_json(),
        "batch_size": context.batch_size,
        "timeout": context.timeout,
        "started_at": outcome.started_at,
    }


def case_line(record: CaseRecord, context: RunContext) -> dict[str, Any]:
    vector, verdict = record.vector, record.verdict
    line: dict[str, Any] = {
        "type": "case",
        "id": vector.id,
        "file": vector.file,
        "group": vector.group,
        "operation": vector.operation,
        "law": vector.file_law,
        "profile": vector.profile,
        "name": case_name(record),
        "articles": list(vector.articles),
        "flags": list(vector.flags),
        "status": verdict.status,
        "message": verdict.message,
    }
    if verdict.answer_status is not None:
        line["answer"] = verdict.answer_status
    if verdict.status in ("FAIL", "ERROR"):
        line["rerun"] = rerun_command(context, vector.id)
        line["comment"] = vector.comment
        line["expected"] = dict(vector.expected)
        if verdict.provided is not None:
            line["provided"] = dict(verdict.provided)
        if verdict.differences:
            line["differences"] = list(verdict.differences)
    if verdict.violations:
        line["violations"] = [v.to_json() for v in verdict.violations]
    if record.notes:
        line["notes"] = list(record.notes)
    return line


def footer(outcome: RunOutcome) -> dict[str, Any]:
    tally = counts(outcome.records)
    return {
        "type": "footer",
        "counts": tally,
        "verdict": verdict_of(tally),
        "verdicts": verdicts(outcome.records),
        "profiles": profile_verdicts(outcome.records),
        "complete": outcome.complete,
        "adapter_restarts": outcome.restarts,
        "events": list(outcome.events),
        "finished_at": outcome.finished_at,
        "elapsed_seconds": round(outcome.elapsed, 3),
    }


def _dump(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, sort_keys=False, separators=(",", ":"))


def jsonl_text(outcome: RunOutcome, context: RunContext) -> str:
    # A PASS or SKIPPED line holds only texts, whole numbers and lists of texts (no float, no
    # answer): orjson writes it as ``_dump`` would, and several times faster
    # (``conformance.fastjson.write_line``); every other line is written by ``_dump``.
    cases = [
        write_line(case_line(record, context))
        if record.verdict.status in ("PASS", "SKIPPED")
        else _dump(case_line(record, context)) + "\n"
        for record in outcome.records
    ]
    return "".join(
        [_dump(header(outcome, context)) + "\n", *cases, _dump(footer(outcome)) + "\n"]
    )


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: str) -> str:
    """Text XML 1.0 can carry: characters it forbids (an adapter may print any) become ``?``."""
    return _XML_INVALID.sub("?", text)


def _detail(record: CaseRecord, context: RunContext) -> str:
    verdict = record.verdict
    parts = [verdict.message, *verdict.differences]
    parts += [
        f"{v.rule_id} ({v.article}, {law_url(v.article, record.vector.file_law)}): {v.message}"
        for v in verdict.violations
    ]
    parts += record.notes
    if record.vector.comment:
        parts.append(f"vector: {record.vector.comment}")
    parts.append(f"opnieuw uitvoeren: {rerun_command(context, record.vector.id)}")
    return "\n".join(parts)


def junit_text(outcome: RunOutcome, context: RunContext) -> str:
    by_file: dict[str, list[CaseRecord]] = {}
    for record in outcome.records:
        by_file.setdefault(record.vector.file, []).append(record)
    total = counts(outcome.records)
    root = ET.Element(
        "testsuites",
        name=_x(
            f"kieswet conformance {context.suite_version}: {outcome.adapter.name} "
            f"{outcome.adapter.version}"
        ),
        tests=str(total["total"]),
        failures=str(total["FAIL"]),
        errors=str(total["ERROR"]),
        skipped=str(total["SKIPPED"]),
        timestamp=outcome.started_at,
    )
    for file, records in by_file.items():
        tally = counts(records)
        stem = Path(file).stem
        suite = ET.SubElement(
            root,
            "testsuite",
            name=file,
            tests=str(tally["total"]),
            failures=str(tally["FAIL"]),
            errors=str(tally["ERROR"]),
            skipped=str(tally["SKIPPED"]),
        )
        for record in records:
            classname = f"{record.vector.operation}.{stem}.{record.vector.group}"
            case = ET.SubElement(
                suite, "testcase", name=_x(case_name(record)), classname=_x(classname)
            )
            status = record.verdict.status
            if status == "FAIL":
                element = ET.SubElement(case, "failure", message=_x(record.verdict.message))
                element.text = _x(_detail(record, context))
            elif status == "ERROR":
                element = ET.SubElement(case, "error", message=_x(record.verdict.message))
                element.text = _x(_detail(record, context))
            elif status == "SKIPPED":
                ET.SubElement(case, "skipped", message=_x(record.verdict.message))
    if not outcome.complete:
        properties = ET.Element("properties")
        ET.SubElement(properties, "property", name="complete", value="false")
        root.insert(0, properties)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


_CSS = """
body{font-family:system-ui,sans-serif;margin:2em;max-width:90em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.3em .6em;
text-align:left;vertical-align:top}th{background:#eee}.PASS{color:#176b1f;font-weight:bold}
.FAIL,.ERROR{color:#a4161a;font-weight:bold}.SKIPPED,.NOT-RUN{color:#666;font-weight:bold}
pre{background:#f6f6f6;padding:.5em;white-space:pre-wrap;word-break:break-word;margin:0}
td pre{max-height:30em;overflow:auto}
table.side{width:100%;table-layout:fixed}table.side td{width:33%}
td.n{text-align:right}
h3{margin-top:2em;border-top:1px solid #bbb;padding-top:.5em}
@media print{body{margin:0;max-width:none;font-size:10pt}td pre{max-height:none;overflow:visible}
h3{break-before:page}table,pre,svg{break-inside:avoid}a{color:inherit}}
"""

_DUTCH = {
    "PASS": "geslaagd",
    "FAIL": "afwijking",
    "ERROR": "fout",
    "SKIPPED": "overgeslagen",
    "NOT RUN": "niet uitgevoerd",
}

LAW = "https://wetten.overheid.nl/BWBR0004627/2026-01-01"
"""The Kieswet as consolidated on 2026-01-01."""

_LAW_DATE = {"pre-2017-12": "2017-11-30"}
_ARTICLE_RE = re.compile(r"^(?P<chapter>[A-Z][a-z]?) ?(?P<number>\d+[a-z]?)\b")


def law_url(article: str, law: str = "current") -> str:
    """The text of ``article`` (``"P 8 lid 2"``, ``"U 3"``) on wetten.overheid.nl, as a JCI
    link for the version in force on the date of ``law`` (``pre-2017-12``: 2017-11-30; every
    other law version: 2026-01-01); the whole Kieswet when ``article`` names no article."""
    match = _ARTICLE_RE.match(article)
    if match is None:
        return LAW
    chapter, number = match["chapter"], match["number"]
    date = _LAW_DATE.get(law, "2026-01-01")
    return (
        f"https://wetten.overheid.nl/jci1.3:c:BWBR0004627&hoofdstuk={chapter}"
        f"&artikel={chapter}_{number}&z={date}&g={date}"
    )


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _status(value: str) -> str:
    return f'<span class="{_e(value.replace(" ", "-"))}">{_e(value)}</span>'


def _status_nl(value: str) -> str:
    return f"{_status(value)} ({_e(_DUTCH.get(value, value))})"


def _article_link(article: str, law: str) -> str:
    return f'<a href="{_e(law_url(article, law))}">{_e(article)}</a>'


def _pretty(document: object) -> str:
    """``json.dumps(document, ensure_ascii=False, indent=1)``; for a document without floats
    written by orjson (two spaces a level) with each indentation halved, the same text some ten
    times faster (the HTML report shows input, expected and provided of every failing case)."""
    if not _has_float(document):
        try:
            text = orjson.dumps(document, option=orjson.OPT_INDENT_2)
        except TypeError:  # an integer beyond 64 bits, a lone surrogate: as json writes it
            pass
        else:
            return _halved(text.decode("utf-8"))
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False)


def _halved(text: str) -> str:
    """Each line's indentation of 2k spaces made k spaces. Deepest first, each level is marked
    with NUL (which JSON text holds only escaped), so a level done is not met again."""
    deepest = 0
    while "\n" + "  " * (deepest + 1) in text:
        deepest += 1
    for level in range(deepest, 0, -1):
        text = text.replace("\n" + "  " * level, "\n" + "\0" * level)
    return text.replace("\0", " ")


def _has_float(document: object) -> bool:
    """Whether a float (which orjson may write otherwise than json) is anywhere in it."""
    stack: list[Any] = [document]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is dict:
            stack.extend(item.values())
        elif kind is list or kind is tuple:
            stack.extend(item)
        elif kind is not str and kind is not int and kind is not bool and item is not None:
            return True  # a float, or anything else json.dumps is to judge
    return False


def _seat_counts(document: object) -> dict[str, int] | None:
    """The seats per list of a result document, if it has them."""
    if not isinstance(document, dict):
        return None
    seats = document.get("seats")
    if not isinstance(seats, dict) or not seats:
        return None
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in seats.values()):
        return None
    return {str(k): v for k, v in seats.items()}


def seat_chart(expected: dict[str, int], provided: dict[str, int] | None = None) -> str:
    """Seats per list as an inline SVG bar chart (no script, no external asset): the expected
    seats in grey, the provided seats beside them (red where they differ)."""
    lists = sorted(set(expected) | set(provided or {}), key=lambda k: (len(k), k))
    most = max([1, *expected.values(), *(provided or {}).values()])
    bar, gap, label, scale = 9, 6, 70, 300
    per_list = bar * (2 if provided is not None else 1) + gap
    height = per_list * len(lists) + 24
    width = label + scale + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        'aria-label="zetels per lijst: verwacht en geleverd" font-size="10" '
        'font-family="system-ui,sans-serif">'
    ]
    y = 0
    for key in lists:
        want = expected.get(key, 0)
        parts.append(f'<text x="0" y="{y + bar}">lijst {_e(key)}</text>')
        w = want * scale // most
        parts.append(f'<rect x="{label}" y="{y}" width="{w}" height="{bar}" fill="#999"/>')
        parts.append(f'<text x="{label + w + 3}" y="{y + bar - 1}">{want}</text>')
        if provided is not None:
            got = provided.get(key, 0)
            colour = "#2b7bb9" if got == want else "#a4161a"
            w = got * scale // most
            top = y + bar
            parts.append(
                f'<rect x="{label}" y="{top}" width="{w}" height="{bar}" fill="{colour}"/>'
            )
            parts.append(f'<text x="{label + w + 3}" y="{top + bar - 1}">{got}</text>')
        y += per_list
    y += 12
    parts.append(f'<rect x="{label}" y="{y - 8}" width="9" height="9" fill="#999"/>')
    parts.append(f'<text x="{label + 12}" y="{y}">verwacht</text>')
    if provided is not None:
        parts.append(f'<rect x="{label + 70}" y="{y - 8}" width="9" height="9" fill="#2b7bb9"/>')
        parts.append(f'<text x="{label + 82}" y="{y}">geleverd (rood: anders)</text>')
    parts.append("</svg>")
    return "".join(parts)


def _result_chart(rows: list[dict[str, Any]]) -> str:
    """The verdicts per operation and law version as stacked horizontal bars (SVG)."""
    colours = {"PASS": "#176b1f", "FAIL": "#a4161a", "ERROR": "#e07b00", "SKIPPED": "#aaa"}
    label, scale, bar = 230, 400, 14
    height = (bar + 6) * len(rows) + 24
    width = label + scale + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="uitslag per bewerking" '
        'font-size="10" font-family="system-ui,sans-serif">'
    ]
    for index, row in enumerate(rows):
        y = index * (bar + 6)
        parts.append(
            f'<text x="0" y="{y + bar - 3}">{_e(row["operation"])} / {_e(row["law"])}</text>'
        )
        x = label
        total = max(1, row["total"])
        for status in CASE_STATUSES:
            w = row[status] * scale // total
            if w:
                parts.append(
                    f'<rect x="{x}" y="{y}" width="{w}" height="{bar}" fill="{colours[status]}">'
                    f"<title>{status}: {row[status]}</title></rect>"
                )
                x += w
    y = len(rows) * (bar + 6) + 12
    x = label
    for status in CASE_STATUSES:
        parts.append(f'<rect x="{x}" y="{y - 8}" width="9" height="9" fill="{colours[status]}"/>')
        parts.append(f'<text x="{x + 12}" y="{y}">{status}</text>')
        x += 80
    parts.append("</svg>")
    return "".join(parts)


def _failing(records: Iterable[CaseRecord]) -> list[CaseRecord]:
    return [r for r in records if r.verdict.status in ("FAIL", "ERROR")]


def by_article(records: list[CaseRecord]) -> list[dict[str, Any]]:
    """Per article named by a vector: how many cases, and how many FAIL and ERROR."""
    out: dict[str, dict[str, Any]] = {}
    for record in records:
        for article in record.vector.articles or ("-",):
            row = out.setdefault(article, {"article": article, **dict.fromkeys(CASE_STATUSES, 0)})
            row[record.verdict.status] += 1
    return sorted(out.values(), key=lambda r: (-(r["FAIL"] + r["ERROR"]), _article_key(r)))


def _article_key(row: dict[str, Any]) -> tuple[str, int, str]:
    match = _ARTICLE_RE.match(row["article"])
    if match is None:
        return (row["article"], 0, "")
    digits = "".join(ch for ch in match["number"] if ch.isdigit())
    return (match["chapter"], int(digits), row["article"])


def by_rule(records: list[CaseRecord]) -> list[dict[str, Any]]:
    """Per violated rule: its article and the ids of the cases that violate it."""
    out: dict[str, dict[str, Any]] = {}
    for record in records:
        for violation in record.verdict.violations:
            row = out.setdefault(
                violation.rule_id,
                {"rule": violation.rule_id, "article": violation.article, "law": "", "ids": []},
            )
            row["law"] = row["law"] or record.vector.file_law
            if record.vector.id not in row["ids"]:
                row["ids"].append(record.vector.id)
    return sorted(out.values(), key=lambda r: (-len(r["ids"]), r["rule"]))


def html_text(outcome: RunOutcome, context: RunContext) -> str:
    tally = counts(outcome.records)
    adapter = outcome.adapter
    rows = verdicts(outcome.records)
    statuses = (*CASE_STATUSES, "total")
    heads = "".join(f"<th>{s}</th>" for s in statuses)

    def row_html(v: dict[str, Any], *keys: str) -> str:
        return (
            "<tr>"
            + "".join(f"<td>{_e(v[k])}</td>" for k in keys)
            + f"<td>{_status(v['verdict'])}</td>"
            + "".join(f'<td class="n">{v[s]}</td>' for s in statuses)
            + "</tr>"
        )

    title = f"Conformiteitsrapport: {_e(adapter.name)} {_e(adapter.version)}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="nl"><head><meta charset="utf-8">',
        f"<title>{title}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{title}</h1>",
        f"<p>Oordeel: {_status(verdict_of(tally))} ({_e(_DUTCH[verdict_of(tally)])}): "
        f"{tally['PASS']} geslaagd, {tally['FAIL']} met afwijkingen, {tally['ERROR']} fout, "
        f"{tally['SKIPPED']} overgeslagen, van {tally['total']} gevallen.</p>",
        *(
            []
            if outcome.complete
            else [
                "<p><strong>ONVOLLEDIG: de run is onderbroken; alleen de gevallen hieronder "
                "zijn beoordeeld.</strong></p>"
            ]
        ),
        "<table>",
        f"<tr><th>suite</th><td>{_e(context.suite_version)} ({_e(context.suite_path)})</td></tr>",
        f"<tr><th>protocol</th><td>{_e(PROTOCOL)}</td></tr>",
        f"<tr><th>adapter</th><td><code>{_e(context.adapter_command)}</code></td></tr>",
        "<tr><th>mogelijkheden</th><td><code>"
        f"{_e(_dump(adapter.capabilities.to_json()))}</code></td></tr>",
        f"<tr><th>filters</th><td><code>{_e(_dump(context.filters.to_json()))}</code></td></tr>",
        f"<tr><th>begonnen</th><td>{_e(outcome.started_at)}</td></tr>",
        f"<tr><th>klaar</th><td>{_e(outcome.finished_at)}</td></tr>",
        f"<tr><th>herstarts adapter</th><td>{outcome.restarts}</td></tr>",
        "</table>",
        "<h2>Oordeel per bewerking en wetsversie</h2>",
        _result_chart(rows),
        f"<table><tr><th>bewerking</th><th>wet</th><th>oordeel</th>{heads}</tr>"
        + "".join(row_html(v, "operation", "law") for v in rows)
        + "</table>",
        "<h2>Oordeel per interpretatieprofiel</h2>",
        f"<table><tr><th>bewerking</th><th>wet</th><th>profiel</th><th>oordeel</th>{heads}</tr>"
        + "".join(
            row_html(v, "operation", "law", "profile") for v in profile_verdicts(outcome.records)
        )
        + "</table>",
    ]
    problems = _failing(outcome.records)
    if problems:
        out.append("<h2>Samenvatting per artikel</h2>")
        out.append(
            "<table><tr><th>artikel</th><th>PASS</th><th>FAIL</th><th>ERROR</th>"
            "<th>SKIPPED</th></tr>"
        )
        law = context.filters.laws[0] if len(context.filters.laws) == 1 else "current"
        for row in by_article(outcome.records):
            if row["FAIL"] or row["ERROR"]:
                out.append(
                    f"<tr><td>{_article_link(row['article'], law)}</td>"
                    + "".join(f'<td class="n">{row[s]}</td>' for s in CASE_STATUSES)
                    + "</tr>"
                )
        out.append("</table>")
        rules = by_rule(problems)
        if rules:
            out.append("<h2>Samenvatting per regel</h2>")
            out.append("<table><tr><th>regel</th><th>artikel</th><th>gevallen</th></tr>")
            for row in rules:
                cases = ", ".join(f'<a href="#case-{i}">{i}</a>' for i in row["ids"])
                out.append(
                    f"<tr><td><code>{_e(row['rule'])}</code></td>"
                    f"<td>{_article_link(row['article'], row['law'])}</td>"
                    f"<td>{len(row['ids'])}: {cases}</td></tr>"
                )
            out.append("</table>")
    if outcome.events:
        out.append("<h2>Wat er met de adapter gebeurde</h2><ul>")
        out += [f"<li>{_e(event)}</li>" for event in outcome.events]
        out.append("</ul>")
    out.append(f"<h2>Gevallen die niet slaagden ({len(problems)})</h2>")
    if not problems:
        out.append("<p>Geen: elk verzonden geval is geslaagd.</p>")
    for record in problems:
        out += _case_html(record, context)
    out.append("</body></html>\n")
    return "\n".join(out)


def _case_html(record: CaseRecord, context: RunContext) -> list[str]:
    vector, verdict = record.vector, record.verdict
    out = [
        f'<h3 id="case-{vector.id}">{_status_nl(verdict.status)} {_e(case_name(record))}</h3>',
        f"<p>{_e(vector.comment)}</p>" if vector.comment else "",
        f"<p>bestand <code>{_e(vector.file)}</code>, groep {_e(vector.group)}; artikelen "
        + (", ".join(_article_link(a, vector.file_law) for a in vector.articles) or "-")
        + f"; wet {_e(vector.file_law)}, profiel {_e(vector.profile)}; "
        f"kenmerken {_e(', '.join(vector.flags) or '-')}</p>",
        f"<p>{_e(verdict.message)}</p>",
    ]
    if verdict.differences:
        out.append("<p>Verschillen met de verwachte uitkomst:</p><ul>")
        out += [f"<li>{_e(d)}</li>" for d in verdict.differences]
        out.append("</ul>")
    if verdict.violations:
        out.append(
            "<table><tr><th>geschonden regel</th><th>artikel</th><th>wat er mis is</th></tr>"
        )
        out += [
            f"<tr><td><code>{_e(v.rule_id)}</code></td>"
            f"<td>{_article_link(v.article, vector.file_law)}</td><td>{_e(v.message)}</td></tr>"
            for v in verdict.violations
        ]
        out.append("</table>")
    for note in record.notes:
        out.append(f"<p><em>{_e(note)}</em></p>")
    rerun = _e(rerun_command(context, vector.id))
    out.append(f"<p>Alleen dit geval opnieuw uitvoeren:</p><pre>{rerun}</pre>")
    expected_seats = _seat_counts(vector.expected)
    if expected_seats is not None:
        out.append("<p>Zetels per lijst</p>")
        provided = verdict.provided
        out.append(seat_chart(expected_seats, _seat_counts(provided) if provided else None))
    provided_text = "-" if verdict.provided is None else _pretty(verdict.provided)
    out.append(
        '<table class="side"><tr><th>invoer</th><th>verwacht</th><th>geleverd</th></tr><tr>'
        f"<td><pre>{_e(_pretty(vector.input))}</pre></td>"
        f"<td><pre>{_e(_pretty(vector.expected))}</pre></td>"
        f"<td><pre>{_e(provided_text)}</pre></td></tr></table>"
    )
    return [line for line in out if line]


def _stage(path: Path, text: str) -> Path:
    """``text`` in a new temporary file beside ``path`` (0644 like any report file); its path."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file 0600; a report is an ordinary file: 0666 less the umask (0644)
        os.chmod(temporary, 0o666 & ~_umask())
        # an adapter may answer with a lone surrogate (valid JSON \ud800): it is written as
        # that escape, which JSON readers read back as it was
        with os.fdopen(
            handle, "w", encoding="utf-8", errors="backslashreplace", newline="\n"
        ) as stream:
            stream.write(text)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def write_reports(outcome: RunOutcome, context: RunContext, directory: Path) -> list[Path]:
    """Write the three reports into ``directory`` (created if needed); their paths. All three
    are written whole first, then renamed into place together (Ctrl-C waits for the renames),
    so the directory never holds reports of two runs."""
    directory.mkdir(parents=True, exist_ok=True)
    texts = (
        jsonl_text(outcome, context),
        junit_text(outcome, context),
        html_text(outcome, context),
    )
    paths = [directory / name for name in FILES]
    staged: list[Path] = []
    try:
        for path, text in zip(paths, texts, strict=True):
            staged.append(_stage(path, text))
        with uninterrupted():
            for temporary, path in zip(staged, paths, strict=True):
                os.replace(temporary, path)
    finally:
        for temporary in staged:
            temporary.unlink(missing_ok=True)
    return paths
