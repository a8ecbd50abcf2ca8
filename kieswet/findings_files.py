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
    """Check id → what it means, with the thresholds of ``protocol``."""
    p = protocol
    return {
        "TOT-D-is-A+B+C": "D (admitted voters) is not A + B + C",
        "TOT-list-is-candidate-sum": "a list total is not the sum of its candidates' votes",
        "TOT-E-is-list-sum": "E (votes on lists) is not the sum of the list totals",
        "TOT-H-is-E+F+G": "H (ballots counted) is not E + F + G",
        "TOT-I-J-difference": "I and J do not state the difference between D and H",
        "TOT-sum-identity": "a stated total is not the sum of its units",
        "TOT-complete": "an expected unit has no count",
        "TOT-unique": "a unit has more than one count",
        "TOT-known-unit": "a count is for a unit that is not expected",
        "TOT-level": "a count is at another level than its unit",
        "TOT-double-entry": "the second data entry differs from the first",
        "TOT-correction-target": "a correction has no count to replace",
        "TOT-warning-blank": f"blank ballots are {p.blank_percent}% or more of H",
        "TOT-warning-invalid": f"invalid ballots are {p.invalid_percent}% or more of H",
        "TOT-warning-difference": (
            f"|D - H| is {p.difference_minimum} or more, or {p.difference_percent}% or more of H"
        ),
        "TOT-warning-no-votes": "no ballots counted (H = 0)",
        "CP-no-explanation": "ballots with no explanation (geen verklaring) for D - H",
        "CP-explanations-sum": "the explanations given do not add up to |H - D|",
        "CP-list-deviation": (
            f"a list's share deviates {p.list_deviation_points} percentage points or more "
            "from the rest of the municipality"
        ),
        "CP-swapped-candidates": (
            f"possibly swapped candidates (>= {p.swap_factor}x and >= {p.swap_minimum_votes} "
            "votes from the expected)"
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
