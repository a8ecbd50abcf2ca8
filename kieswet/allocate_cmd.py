"""``kieswet allocate``: seat allocation for one election, or a batch of them (JSON Lines)."""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import sys
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from typing import IO, Any

from kieswet.messages import why
from kieswet.render import WIDTH, render_result
from reference.allocate import allocate
from spec.codec import parse_election, result_to_json
from spec.eerste_kamer import INPUT_FORMAT as EERSTE_KAMER_FORMAT
from spec.model import Completed, Election, InputError, NeedsLot, Rejected, Result

EXIT_OK = 0
EXIT_REJECTED = 2
EXIT_NEEDS_LOT = 3

HELP = """\
Allocate the seats of one election (P 5 - P 10) and nominate its candidates (P 15 - P 19a).

The input is a kieswet/seat-allocation-input@1 JSON document (see the documentation, or
conformance/schemas/seat-allocation-input.schema.json), or, for the Eerste Kamer, a
kieswet/eerste-kamer-input@1 document with the member votes per province and kiescollege
(conformance/schemas/eerste-kamer-input.schema.json), told apart by its "format".
Without --json the full calculation is printed in Dutch, in numbered sections in the order of
the model proces-verbaal P 22-2, 80 columns wide (wider on a wider terminal); --html prints it
as a page with a chart of the seats per list. Exit status: 0 completed, 2 rejected input
(each offending field is named), 3 a lot must be drawn (the question is printed; rerun with
the drawn outcome appended to "lots").

With --batch, every line of FILE (or standard input) is one input document and every output
line is its result, in the same order; a bad line gives a "rejected" result line and the batch
goes on. The exit status is then 0 once all lines are answered.
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "allocate",
        help="allocate seats with a full trace",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "file",
        nargs="?",
        default="-",
        help="input JSON file, or - for standard input (the default)",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--json",
        action="store_true",
        help="print the machine-readable result (kieswet/seat-allocation-result@1)",
    )
    mode.add_argument(
        "--batch", action="store_true", help="JSON Lines in, JSON Lines out: one election per line"
    )
    mode.add_argument(
        "--html",
        action="store_true",
        help="print a self-contained HTML page: a chart of the seats per list and the trace",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="with --batch: show progress on standard error "
        "(default: when standard error is a terminal)",
    )
    parser.set_defaults(run=run)


def _rejected(field: str, code: str, message: str) -> Rejected:
    return Rejected((InputError(field, code, message),))


def decode_and_allocate(text: str) -> tuple[Result, Election | None]:
    """Decode one JSON document and allocate it; malformed JSON becomes a rejection."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        message = (
            f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
            if isinstance(exc, json.JSONDecodeError)
            else "JSON nested too deeply"
        )
        return _rejected("$", "malformed_json", message), None
    parsed: Election | Rejected
    if isinstance(data, dict) and data.get("format") == EERSTE_KAMER_FORMAT:
        # member votes per province / kiescollege: weighed first (U 2, U 3)
        from reference.eerste_kamer import eerste_kamer_election

        parsed = eerste_kamer_election(data)
    else:
        parsed = parse_election(data)
    if isinstance(parsed, Rejected):
        return parsed, None
    return allocate(parsed), parsed


def exit_code(result: Result) -> int:
    if isinstance(result, Completed):
        return EXIT_OK
    if isinstance(result, NeedsLot):
        return EXIT_NEEDS_LOT
    return EXIT_REJECTED


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def dumps_line(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


DISTRICT_FORMAT = "kieswet/district-allocation-input@1"


def district_result(text: str) -> tuple[dict[str, Any], int] | None:
    """The result document and exit status of a ``kieswet/district-allocation-input@1`` text,
    or ``None`` when ``text`` is not one (detected by its ``format``; the district engine is
    imported only then, so the single-contest path stays as light as before)."""
    if DISTRICT_FORMAT not in text:
        return None
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("format") != DISTRICT_FORMAT:
        return None
    from reference.districts import allocate_districts_json
    from spec.districts_codec import district_result_to_json

    document = district_result_to_json(allocate_districts_json(data))
    status = document["status"]
    code = {"completed": EXIT_OK, "needs_lot": EXIT_NEEDS_LOT}.get(status, EXIT_REJECTED)
    return document, code


def render_district_text(text: str, width: int) -> str:
    """The Dutch trace of a ``kieswet/district-allocation-input@1`` text (``kieswet.render``)."""
    return district_trace(text, width)[0]


def district_trace(text: str, width: int) -> tuple[str, list[tuple[int, str, int]] | None]:
    """The Dutch trace of a ``kieswet/district-allocation-input@1`` text, and the seats per
    list when it completed (for the chart of ``--html``)."""
    from kieswet.render import district_seats, render_district
    from reference.districts import allocate_districts, combination_checks
    from spec.districts import resolve
    from spec.districts_codec import parse_district_election

    parsed = parse_district_election(json.loads(text))
    if isinstance(parsed, Rejected):
        return render_district(None, None, parsed, width), None
    result = allocate_districts(parsed)
    checked = combination_checks(parsed) if parsed.law == "pre-2017-12" else (parsed, ())
    if isinstance(result, Rejected):
        return render_district(None, None, result, width), None
    if isinstance(checked, Rejected):
        return render_district(None, None, checked, width), None
    national = resolve(checked[0]).national_election(checked[0])
    trace = render_district(parsed, national, result, width)
    return trace, district_seats(parsed, result)


def _html(trace: str, seats: list[tuple[int, str, int]] | None) -> str:
    from kieswet.render import html_page

    first = trace.splitlines()[0] if trace else "Zetelverdeling"
    return html_page(first, trace, seats)


def trace_width() -> int:
    """80 columns, or the terminal's width when standard output is a wider terminal."""
    if not sys.stdout.isatty():
        return WIDTH
    return max(WIDTH, shutil.get_terminal_size((WIDTH, 24)).columns)


def batch_lines(lines: Iterable[str]) -> Iterator[str]:
    """One result line per input line (empty lines are skipped)."""
    for line in lines:
        if not line.strip():
            continue
        district = district_result(line) if DISTRICT_FORMAT in line else None
        if district is not None:
            yield dumps_line(district[0]) + "\n"
            continue
        result, _ = decode_and_allocate(line)
        yield dumps_line(result_to_json(result)) + "\n"


def _run_batch(source: IO[str], show_progress: bool) -> int:
    out = sys.stdout
    # Elections and results form no reference cycles, so reference counting frees them; the
    # cyclic collector would only rescan the long-lived module objects thousands of times.
    # Freeze what is loaded now and collect rarely: about a quarter faster on large batches.
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    if not show_progress:
        out.writelines(batch_lines(source))
        return EXIT_OK
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.completed} elections"), TimeElapsedColumn())
    with Progress(*columns, transient=True, console=None) as progress:
        task = progress.add_task("allocate", total=None)
        for line in batch_lines(source):
            out.write(line)
            progress.advance(task)
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    if args.batch:
        show = sys.stderr.isatty() if args.progress is None else args.progress
        try:
            with (
                nullcontext(sys.stdin) if args.file == "-" else open(args.file, encoding="utf-8")
            ) as source:
                return _run_batch(source, show)
        except BrokenPipeError:
            raise  # the reader of our output went away: kieswet.cli stops quietly
        except (OSError, UnicodeDecodeError) as exc:
            print(f"kieswet allocate: cannot read {args.file}: {why(exc)}", file=sys.stderr)
            return EXIT_REJECTED
    try:
        text = _read(args.file)
    except (OSError, UnicodeDecodeError) as exc:
        result: Result = _rejected("$", "unreadable", f"cannot read {args.file}: {why(exc)}")
        parsed = None
    else:
        district = district_result(text)
        if district is not None:
            document, code = district
            if args.json:
                sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
            elif args.html:
                sys.stdout.write(_html(*district_trace(text, WIDTH)))
            else:
                sys.stdout.write(render_district_text(text, trace_width()))
            return code
        result, parsed = decode_and_allocate(text)
    if args.json:
        sys.stdout.write(json.dumps(result_to_json(result), ensure_ascii=False, indent=2) + "\n")
    elif args.html:
        from kieswet.render import result_seats

        trace = render_result(parsed, result, WIDTH)
        sys.stdout.write(_html(trace, result_seats(parsed, result)))
    else:
        sys.stdout.write(render_result(parsed, result, trace_width()))
    return exit_code(result)
