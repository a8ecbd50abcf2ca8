"""``kieswet allocate``: seat allocation for one election, or a batch of them (JSON Lines)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from typing import IO, Any

from kieswet.render import render_result
from reference.allocate import allocate
from spec.codec import parse_election, result_to_json
from spec.model import Completed, Election, InputError, NeedsLot, Rejected, Result

EXIT_OK = 0
EXIT_REJECTED = 2
EXIT_NEEDS_LOT = 3

HELP = """\
Allocate the seats of one election (P 5 - P 10) and nominate its candidates (P 15 - P 19a).

The input is a kieswet/seat-allocation-input@1 JSON document (see the documentation, or
conformance/schemas/seat-allocation-input.schema.json). Without --json the full calculation is
printed as tables in the style of proces-verbaal P 22-2. Exit status: 0 completed, 2 rejected
input (each offending field is named), 3 a lot must be drawn (the question is printed; rerun
with the drawn outcome appended to "lots").

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


def batch_lines(lines: Iterable[str]) -> Iterator[str]:
    """One result line per input line (empty lines are skipped)."""
    for line in lines:
        if not line.strip():
            continue
        result, _ = decode_and_allocate(line)
        yield dumps_line(result_to_json(result)) + "\n"


def _run_batch(source: IO[str], show_progress: bool) -> int:
    out = sys.stdout
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
        except (OSError, UnicodeDecodeError) as exc:
            print(f"kieswet allocate: cannot read {args.file}: {exc}", file=sys.stderr)
            return EXIT_REJECTED
    try:
        text = _read(args.file)
    except (OSError, UnicodeDecodeError) as exc:
        result: Result = _rejected("$", "unreadable", f"cannot read {args.file}: {exc}")
        parsed = None
    else:
        result, parsed = decode_and_allocate(text)
    if args.json:
        sys.stdout.write(json.dumps(result_to_json(result), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_result(parsed, result))
    return exit_code(result)
