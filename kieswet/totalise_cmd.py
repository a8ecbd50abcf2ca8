"""``kieswet totalise``: total counts up the chain (SB → GSB → HSB → CSB) and check them.

Reading other sources (a directory of EML_NL 510 files) plugs in through
``totalise_and_report``, which takes the already parsed hierarchy and counts.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from reference.totalise import Progress, totalise
from spec.counts import CountInputs, Hierarchy, Totals
from spec.counts_codec import CountsDocument, parse_counts_input, totals_to_json

EXIT_OK = 0
EXIT_BLOCKED = 1
EXIT_INVALID = 2
OUTPUT_NAME = "totals.json"
FINDINGS_SHOWN = 40
PROGRESS_FROM = 500
"""Show a progress bar only for hierarchies of at least this many units."""

HELP = """\
Total the counts of the lowest units (polling stations, or municipalities) up the chain to the
centraal stembureau, and check every count (see the documentation, "Totalisation"):

  errors (block the result): D = A + B + C; each list total = the sum of its candidates;
    E = the sum of the list totals (where E is stated); H = E + F + G; I and J explain D - H;
    a stated total of a higher unit = the sum of its units; every expected unit counted
    exactly once, no unknown units; a second data entry identical to the first;
  warnings: blank or invalid >= 3% of H; |D - H| >= 2% of D and >= 15; no ballots at all.

INPUT is a kieswet/counts-input@1 JSON document: the hierarchy of units, the counts, and
optionally second entries (double entry) and corrections (corrigenda, recounts). A summary is
printed; the totals of every unit, every finding and the corrections trace are written to
DIR/totals.json (kieswet/totals@1), replacing it only once complete.

Exit status: 0 accepted (warnings possible), 1 blocking errors found (totals.json is still
written, with status "blocked"), 2 invalid input or unwritable output (nothing written).
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "totalise",
        help="total counts up the chain and check them",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("input", metavar="INPUT.json", help="a kieswet/counts-input@1 document")
    parser.add_argument(
        "--out",
        metavar="DIR",
        default=".",
        help=f"directory to write {OUTPUT_NAME} to (created if needed; default: the current one)",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on standard error for large inputs "
        "(default: when standard error is a terminal)",
    )
    parser.set_defaults(run=run)


def _fail(message: str) -> int:
    print(f"kieswet totalise: {message}", file=sys.stderr)
    return EXIT_INVALID


def load_counts(path: str) -> CountsDocument | str:
    """The parsed input, or one message naming the file and every offending field."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return f"cannot read {path}: {exc}"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return f"{path}: malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
    except RecursionError:
        return f"{path}: JSON nested too deeply"
    parsed = parse_counts_input(data)
    if isinstance(parsed, CountsDocument):
        return parsed
    lines = [f"{path}: invalid kieswet/counts-input@1 document:"]
    lines += [f"  {e.field or '$'}: {e.message} [{e.code}]" for e in parsed.errors]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    loaded = load_counts(args.input)
    if isinstance(loaded, str):
        return _fail(loaded)
    show = sys.stderr.isatty() if args.progress is None else args.progress
    return totalise_and_report(loaded.hierarchy, loaded.inputs, Path(args.out), show_progress=show)


def totalise_and_report(
    hierarchy: Hierarchy,
    inputs: CountInputs,
    out_dir: Path,
    *,
    show_progress: bool = False,
    console: Console | None = None,
) -> int:
    """Totalise, print the summary, write ``out_dir/totals.json`` atomically; the exit status.

    The entry point for every input format: the caller parses (JSON here, EML_NL elsewhere)
    and passes a sound hierarchy (``spec.counts.hierarchy_problems`` empty) and the counts.
    """
    with _progress(show_progress and len(hierarchy.units) >= PROGRESS_FROM) as progress:
        totals = totalise(hierarchy, inputs, progress)
    document = totals_to_json(totals)
    try:
        write_atomically(out_dir / OUTPUT_NAME, json.dumps(document, ensure_ascii=False, indent=1))
    except OSError as exc:
        return _fail(f"cannot write {out_dir / OUTPUT_NAME}: {exc}")
    out = console or Console(highlight=False)
    render_summary(out, hierarchy, totals)
    out.print(f"Written: {out_dir / OUTPUT_NAME} (status {document['status']})")
    return EXIT_OK if totals.accepted else EXIT_BLOCKED


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text + "\n")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def _progress(enabled: bool) -> Iterator[Progress | None]:
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("totalising"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("totalise", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def render_summary(console: Console, hierarchy: Hierarchy, totals: Totals) -> None:
    """Tables: every total above the polling stations (A - J and findings), the lists of the
    top unit, and the findings."""
    errors: dict[str, int] = {}
    warnings: dict[str, int] = {}
    for finding in totals.findings:
        tally = errors if finding.severity == "error" else warnings
        tally[finding.unit_id] = tally.get(finding.unit_id, 0) + 1
    table = Table(title="Totals per unit (letters of the proces-verbaal)")
    for header in ("unit", "level", "D", "E", "F", "G", "H", "I", "J", "errors", "warnings"):
        table.add_column(header, justify="left" if header in ("unit", "level") else "right")
    for uid, count in totals.counts.items():
        if not hierarchy.units[uid].children:
            continue
        numbers = (
            count.admitted.total,
            count.votes_on_lists,
            count.blank,
            count.invalid,
            count.total_counted,
            count.more_counted,
            count.fewer_counted,
            errors.get(uid, 0),
            warnings.get(uid, 0),
        )
        table.add_row(count.name or uid, count.level, *map(str, numbers))
    console.print(table)
    root = totals.counts.get(totals.root)
    if root is not None:
        lists = Table(title=f"Votes per list, {root.name or root.unit_id}")
        lists.add_column("list", justify="right")
        lists.add_column("votes", justify="right")
        lists.add_column("candidates", justify="right")
        for lst in root.lists:
            lists.add_row(str(lst.list_number), str(lst.total), str(len(lst.candidates)))
        console.print(lists)
    n_errors, n_warnings = sum(errors.values()), sum(warnings.values())
    console.print(
        f"{len(totals.counts)} units, {n_errors} error(s), {n_warnings} warning(s), "
        f"{len(totals.corrections)} correction(s): "
        + ("ACCEPTED" if totals.accepted else "BLOCKED by errors")
    )
    if totals.findings:
        found = Table(title="Findings")
        for header in ("severity", "code", "unit", "field", "message"):
            found.add_column(header)
        for f in totals.findings[:FINDINGS_SHOWN]:
            found.add_row(f.severity, f.code, f.unit_id, f.field, f.message)
        console.print(found)
        if len(totals.findings) > FINDINGS_SHOWN:
            rest = len(totals.findings) - FINDINGS_SHOWN
            console.print(f"... and {rest} more findings in {OUTPUT_NAME}")
