"""The findings of a totalisation as files a follow-up team can import.

``findings.csv`` (comma-separated, RFC 4180 quoting, UTF-8, a header row) and
``findings.jsonl`` (one JSON object per line) hold the same rows, one per finding, in the order
of the totalisation: ``unit``, ``check`` (the rule id), ``severity``, ``field``, ``figures``
(the numbers the finding rests on: ``name=value; ...`` in the CSV, an object in JSON Lines)
and ``explanation`` (the message). :func:`legend` says what each check means.

``list-deviations.csv`` is the per-unit deviation table of the list check: for every entered
unit whose parent has other units, per list its share of the votes on lists there minus its
share in the rest of the parent, in percentage points with a sign and one decimal.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping

from reference.control_protocol import list_deviation_table
from spec.counts import ControlProtocol, CountFinding, Hierarchy, Totals, preorder

FINDINGS_CSV = "findings.csv"
FINDINGS_JSONL = "findings.jsonl"
DEVIATIONS_CSV = "list-deviations.csv"
COLUMNS = ("unit", "check", "severity", "field", "figures", "explanation")


def _figures_text(finding: CountFinding) -> str:
    return "; ".join(f"{name}={value}" for name, value in finding.figures)


def findings_csv(findings: Iterable[CountFinding]) -> Iterator[bytes]:
    """The CSV text of the findings, in chunks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for f in findings:
        writer.writerow((f.unit_id, f.code, f.severity, f.field, _figures_text(f), f.message))
        if buffer.tell() > 1 << 16:
            yield buffer.getvalue().encode("utf-8", "backslashreplace")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8", "backslashreplace")


def findings_jsonl(findings: Iterable[CountFinding]) -> Iterator[bytes]:
    """The JSON Lines text of the findings, one line per finding."""
    for f in findings:
        row = {
            "unit": f.unit_id,
            "check": f.code,
            "severity": f.severity,
            "field": f.field,
            "figures": dict(f.figures),
            "explanation": f.message,
        }
        yield (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8", "backslashreplace")


def legend(protocol: ControlProtocol) -> Mapping[str, str]:
    """Check id → what it means, in Dutch with the letters of the proces-verbaal, with the
    thresholds of ``protocol``."""
    p = protocol
    return {
        "TOT-D-is-A+B+C": (
            "D (toegelaten kiezers) is niet A + B + C (stempassen, volmachtbewijzen, kiezerspassen)"
        ),
        "TOT-list-is-candidate-sum": (
            "een lijsttotaal is niet de som van de stemmen op haar kandidaten"
        ),
        "TOT-E-is-list-sum": "E (stemmen op lijsten) is niet de som van de lijsttotalen",
        "TOT-H-is-E+F+G": (
            "H (getelde stembiljetten) is niet E + F + G (stemmen op lijsten, blanco, ongeldig)"
        ),
        "TOT-I-J-difference": (
            "I en J (meer en minder getelde stembiljetten) geven niet het verschil tussen D en H"
        ),
        "TOT-sum-identity": "een opgegeven totaal is niet de som van de eenheden eronder",
        "TOT-complete": "een verwachte eenheid heeft geen telling",
        "TOT-unique": "een eenheid heeft meer dan één telling",
        "TOT-known-unit": "een telling is van een eenheid die niet verwacht wordt",
        "TOT-level": "een telling staat op een ander niveau dan haar eenheid",
        "TOT-double-entry": "de tweede invoer wijkt af van de eerste",
        "TOT-correction-target": "een correctie heeft geen telling om te vervangen",
        "TOT-warning-blank": f"F (blanco) is {p.blank_percent}% of meer van H",
        "TOT-warning-invalid": f"G (ongeldig) is {p.invalid_percent}% of meer van H",
        "TOT-warning-difference": (
            f"|D - H| is {p.difference_minimum} of meer, of {p.difference_percent}% of meer van H"
        ),
        "TOT-warning-no-votes": "geen stembiljetten geteld (H = 0)",
        "CP-no-explanation": "stembiljetten met 'geen verklaring' voor het verschil D - H",
        "CP-explanations-sum": "de gegeven verklaringen tellen niet op tot |H - D|",
        "CP-list-deviation": (
            f"het aandeel van een lijst wijkt {p.list_deviation_points} procentpunten of meer "
            "af van de rest van de gemeente"
        ),
        "CP-swapped-candidates": (
            f"mogelijk verwisselde kandidaten (een factor {p.swap_factor} of meer van de "
            f"verwachting af, bij ten minste {p.swap_minimum_votes} stemmen)"
        ),
    }


def deviations_csv(hierarchy: Hierarchy, totals: Totals) -> Iterator[bytes]:
    """The per-unit list deviation table (percentage points), one row per entered unit."""
    rows: list[tuple[str, str, dict[int, str]]] = []
    numbers: set[int] = set()
    for uid in preorder(hierarchy):
        unit = hierarchy.units[uid]
        count = totals.counts.get(uid)
        if unit.children or unit.parent is None or count is None:
            continue
        parent = totals.counts.get(unit.parent)
        if parent is None or len(hierarchy.units[unit.parent].children) < 2:
            continue
        table = list_deviation_table(count, parent)
        numbers.update(table)
        rows.append((uid, unit.parent, table))
    columns = sorted(numbers)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["unit", "parent", *(f"list {n}" for n in columns)])
    for uid, parent_id, table in rows:
        writer.writerow([uid, parent_id, *(table.get(n, "") for n in columns)])
    yield buffer.getvalue().encode("utf-8", "backslashreplace")
