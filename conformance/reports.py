"""The three reports of a conformance run: ``report.jsonl``, ``junit.xml`` and ``report.html``.

* ``report.jsonl``: a header line (``"type": "header"``: suite and protocol versions, the
  adapter's name, version and capabilities, the filters, the start time), one line per case in
  suite order (``"type": "case"``), and a footer (``"type": "footer"``: counts, a verdict per
  operation and law version, and what happened to the adapter on the way).
* ``junit.xml``: one ``testsuite`` per vector file, one ``testcase`` per vector, with
  ``failure``, ``error`` and ``skipped`` elements, for CI systems.
* ``report.html``: one self-contained page (no external assets) with the summary, the verdict
  table and the detail of every case that did not pass; every text the adapter provided is
  escaped.

Apart from the timestamps and the elapsed time, the reports are a function of the suite, the
filters and the answers: cases appear in suite order whatever order the adapter answered in.
Each file is written to a temporary name and renamed, so a report is never half-written.
"""

from __future__ import annotations

import html
import json
import os
import re
import signal
import tempfile
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conformance.judge import CASE_STATUSES
from conformance.protocol import PROTOCOL
from conformance.runner import CaseRecord, RunOutcome
from conformance.suite import Filters

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


def case_line(record: CaseRecord) -> dict[str, Any]:
    vector, verdict = record.vector, record.verdict
    line: dict[str, Any] = {
        "type": "case",
        "id": vector.id,
        "file": vector.file,
        "group": vector.group,
        "operation": vector.operation,
        "law": vector.file_law,
        "articles": list(vector.articles),
        "flags": list(vector.flags),
        "status": verdict.status,
        "message": verdict.message,
    }
    if verdict.answer_status is not None:
        line["answer"] = verdict.answer_status
    if verdict.status in ("FAIL", "ERROR"):
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
        "complete": outcome.complete,
        "adapter_restarts": outcome.restarts,
        "events": list(outcome.events),
        "finished_at": outcome.finished_at,
        "elapsed_seconds": round(outcome.elapsed, 3),
    }


def _dump(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, sort_keys=False, separators=(",", ":"))


def jsonl_text(outcome: RunOutcome, context: RunContext) -> str:
    lines = [header(outcome, context), *map(case_line, outcome.records), footer(outcome)]
    return "".join(_dump(line) + "\n" for line in lines)


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: str) -> str:
    """Text XML 1.0 can carry: characters it forbids (an adapter may print any) become ``?``."""
    return _XML_INVALID.sub("?", text)


def _case_name(record: CaseRecord) -> str:
    comment = f": {record.vector.comment}" if record.vector.comment else ""
    return f"id {record.vector.id}{comment}"


def _detail(record: CaseRecord) -> str:
    verdict = record.verdict
    parts = [verdict.message, *verdict.differences]
    parts += [f"{v.rule_id} ({v.article}): {v.message}" for v in verdict.violations]
    parts += record.notes
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
            classname = f"{record.vector.operation}.{Path(file).stem}.{record.vector.group}"
            case = ET.SubElement(
                suite, "testcase", name=_x(_case_name(record)), classname=_x(classname)
            )
            status = record.verdict.status
            if status == "FAIL":
                element = ET.SubElement(case, "failure", message=_x(record.verdict.message))
                element.text = _x(_detail(record))
            elif status == "ERROR":
                element = ET.SubElement(case, "error", message=_x(record.verdict.message))
                element.text = _x(_detail(record))
            elif status == "SKIPPED":
                ET.SubElement(case, "skipped", message=_x(record.verdict.message))
    if not outcome.complete:
        properties = ET.Element("properties")
        ET.SubElement(properties, "property", name="complete", value="false")
        root.insert(0, properties)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


_CSS = """
body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.3em .6em;
text-align:left;vertical-align:top}th{background:#eee}.PASS{color:#176b1f;font-weight:bold}
.FAIL,.ERROR{color:#a4161a;font-weight:bold}.SKIPPED,.NOT-RUN{color:#666;font-weight:bold}
pre{background:#f6f6f6;padding:.5em;white-space:pre-wrap;word-break:break-word}
h3{margin-top:1.5em}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _status(value: str) -> str:
    return f'<span class="{_e(value.replace(" ", "-"))}">{_e(value)}</span>'


def html_text(outcome: RunOutcome, context: RunContext) -> str:
    tally = counts(outcome.records)
    adapter = outcome.adapter
    rows = "".join(
        f"<tr><td>{_e(v['operation'])}</td><td>{_e(v['law'])}</td>"
        f"<td>{_status(v['verdict'])}</td>"
        + "".join(f"<td>{v[s]}</td>" for s in (*CASE_STATUSES, "total"))
        + "</tr>"
        for v in verdicts(outcome.records)
    )
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Conformance report: {_e(adapter.name)} {_e(adapter.version)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Conformance report: {_e(adapter.name)} {_e(adapter.version)}</h1>",
        f"<p>Verdict: {_status(verdict_of(tally))}</p>",
        *(
            []
            if outcome.complete
            else ["<p><strong>INCOMPLETE: the run was interrupted; only the cases below were "
                  "judged.</strong></p>"]
        ),
        "<table>",
        f"<tr><th>suite</th><td>{_e(context.suite_version)} ({_e(context.suite_path)})</td></tr>",
        f"<tr><th>protocol</th><td>{_e(PROTOCOL)}</td></tr>",
        f"<tr><th>adapter command</th><td><code>{_e(context.adapter_command)}</code></td></tr>",
        "<tr><th>capabilities</th><td><code>"
        f"{_e(_dump(adapter.capabilities.to_json()))}</code></td></tr>",
        f"<tr><th>filters</th><td><code>{_e(_dump(context.filters.to_json()))}</code></td></tr>",
        f"<tr><th>started</th><td>{_e(outcome.started_at)}</td></tr>",
        f"<tr><th>finished</th><td>{_e(outcome.finished_at)}</td></tr>",
        f"<tr><th>adapter restarts</th><td>{outcome.restarts}</td></tr>",
        "</table>",
        "<h2>Verdict per operation and law version</h2>",
        "<table><tr><th>operation</th><th>law</th><th>verdict</th>"
        + "".join(f"<th>{s}</th>" for s in (*CASE_STATUSES, "total"))
        + f"</tr>{rows}</table>",
    ]
    if outcome.events:
        out.append("<h2>What happened to the adapter</h2><ul>")
        out += [f"<li>{_e(event)}</li>" for event in outcome.events]
        out.append("</ul>")
    problems = [r for r in outcome.records if r.verdict.status in ("FAIL", "ERROR")]
    out.append(f"<h2>Cases that did not pass ({len(problems)})</h2>")
    if not problems:
        out.append("<p>None: every case sent passed.</p>")
    for record in problems:
        vector, verdict = record.vector, record.verdict
        out.append(
            f'<h3 id="case-{vector.id}">{_status(verdict.status)} id {vector.id}: '
            f"{_e(vector.comment)}</h3>"
        )
        out.append(
            f"<p>file <code>{_e(vector.file)}</code>, group {_e(vector.group)}; "
            f"articles {_e(', '.join(vector.articles) or '-')}; "
            f"flags {_e(', '.join(vector.flags) or '-')}</p>"
        )
        out.append(f"<p>{_e(verdict.message)}</p>")
        if verdict.differences:
            out.append("<ul>" + "".join(f"<li>{_e(d)}</li>" for d in verdict.differences))
            out.append("</ul>")
        if verdict.violations:
            out.append("<table><tr><th>rule</th><th>article</th><th>what is wrong</th></tr>")
            out += [
                f"<tr><td><code>{_e(v.rule_id)}</code></td><td>{_e(v.article)}</td>"
                f"<td>{_e(v.message)}</td></tr>"
                for v in verdict.violations
            ]
            out.append("</table>")
        for note in record.notes:
            out.append(f"<p><em>{_e(note)}</em></p>")
        out.append(f"<p>expected</p><pre>{_e(_dump(vector.expected))}</pre>")
        if verdict.provided is not None:
            out.append(f"<p>provided</p><pre>{_e(_dump(verdict.provided))}</pre>")
    out.append("</body></html>\n")
    return "\n".join(out)


def _stage(path: Path, text: str) -> Path:
    """``text`` in a new temporary file beside ``path``; its path."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
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
        caught: list[int] = []
        main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, lambda n, f: caught.append(n)) if main else None
        try:
            for temporary, path in zip(staged, paths, strict=True):
                os.replace(temporary, path)
        finally:
            if main:
                signal.signal(signal.SIGINT, previous)
        if caught:
            raise KeyboardInterrupt
    finally:
        for temporary in staged:
            temporary.unlink(missing_ok=True)
    return paths
