"""``kieswet allocate``: seat allocation for one election, or a batch of them (JSON Lines)."""

from __future__ import annotations

import argparse
import gc
import json
import re
import shutil
import signal
import sys
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from typing import IO, TYPE_CHECKING, Any

from conformance.fastjson import write_line_without_floats
from interchange.allocation import parse_election, result_to_json
from interchange.eerste_kamer import INPUT_FORMAT as EERSTE_KAMER_FORMAT
from kieswet.jobs import jobs as jobs_count
from kieswet.jsonfile import (
    DEFAULT_MAX_BYTES,
    JsonInputError,
    add_max_bytes,
    decode_bytes,
    loads,
    read_bytes,
)
from kieswet.messages import why
from kieswet.render import WIDTH, render_result
from kieswet.text import printable_lines
from reference.allocate import allocate
from spec.model import Completed, Election, InputError, NeedsLot, Rejected, Result

if TYPE_CHECKING:
    from concurrent.futures import Future

EXIT_OK = 0
EXIT_REJECTED = 2
EXIT_NEEDS_LOT = 3
EXIT_INTERNAL = 70

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

Without FILE, standard input is read, but not from a terminal: there, give - to type the
input. JSON input is refused (exit 2, naming the field) when it repeats a key, is nested
too deeply, or exceeds the bounds (seats <= 10,000, votes < 10^12, <= 1,000 candidates
per list); a byte-order mark is accepted. See the documentation, "JSON input".

With --batch, every line of FILE (or standard input) is one input document and every output
line is its result, in the same order; a bad line (not UTF-8, not JSON, too long) gives a
"rejected" result line naming its line number and the batch goes on. The exit status is then
0 once all lines are answered. --jobs N computes a batch in N worker processes (default 1);
the output is the same, byte for byte.
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
        default=None,
        help="input JSON file, or - for standard input (the default when standard input is "
        "not a terminal)",
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
        "--no-steps",
        dest="steps",
        action="store_false",
        help="with --json or --batch: leave the trace (steps) out of each result: seats, "
        "elected candidates and ranking only (smaller and faster for large batches)",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="with --batch: show progress on standard error "
        "(default: when standard error is a terminal)",
    )
    parser.add_argument(
        "--jobs",
        type=jobs_count,
        default=1,
        metavar="N",
        help="with --batch: compute in N worker processes (auto: one per processor core); "
        "the output is byte-identical to --jobs 1 (default 1)",
    )
    add_max_bytes(parser)
    parser.set_defaults(run=run)


def _rejected(field: str, code: str, message: str) -> Rejected:
    return Rejected((InputError(field, code, message),))


def decode(text: str) -> object | Rejected:
    """One JSON document by the rules of :mod:`kieswet.jsonfile`, or its rejection."""
    try:
        return loads(text)
    except JsonInputError as exc:
        return _rejected(exc.field, exc.code, exc.reason)


def decode_and_allocate(text: str) -> tuple[Result, Election | None]:
    """Decode one JSON document and allocate it; malformed JSON becomes a rejection."""
    data = decode(text)
    if isinstance(data, Rejected):
        return data, None
    return allocate_document(data)


def allocate_document(data: object) -> tuple[Result, Election | None]:
    """Allocate one decoded seat-allocation (or Eerste Kamer) input document."""
    parsed: Election | Rejected
    if isinstance(data, dict) and data.get("format") == EERSTE_KAMER_FORMAT:
        # member votes per province / kiescollege: weighed first (U 2, U 3)
        from interchange.engine import eerste_kamer_election

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


_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps_line(document: object) -> str:
    """A result document as one line (without its newline), exactly as ``json.dumps(document,
    ensure_ascii=False, separators=(",", ":"))`` writes it (orjson where that is the same text:
    result documents hold no floats), a lone surrogate escaped (``_safe``)."""
    return _safe(write_line_without_floats(document)[:-1], document)


def _safe(text: str, document: object, indent: int | None = None) -> str:
    """``text``, or, when it holds a lone surrogate (a name may: JSON allows ``\\ud800``, UTF-8
    cannot carry it), the same document with non-ASCII characters escaped."""
    if _SURROGATE.search(text) is None:
        return text
    if indent is None:
        return json.dumps(document, separators=(",", ":"))
    return json.dumps(document, indent=indent)


DISTRICT_FORMAT = "kieswet/district-allocation-input@1"


def district_result(text: str) -> tuple[dict[str, Any], int] | None:
    """The result document and exit status of a ``kieswet/district-allocation-input@1`` text,
    or ``None`` when ``text`` is not one (detected by its ``format``; the district engine is
    imported only then, so the single-contest path stays as light as before)."""
    if DISTRICT_FORMAT not in text:
        return None
    data = decode(text)
    if isinstance(data, Rejected):
        return None
    return district_document(data)


def district_document(data: object) -> tuple[dict[str, Any], int] | None:
    """:func:`district_result` of a decoded document."""
    if not isinstance(data, dict) or data.get("format") != DISTRICT_FORMAT:
        return None
    from interchange.districts import district_result_to_json
    from interchange.engine import allocate_districts_json

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
    from interchange.districts import parse_district_election
    from kieswet.render import district_seats, render_district
    from reference.districts import allocate_districts, combination_checks
    from spec.districts import resolve

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


def without_steps(document: dict[str, Any]) -> dict[str, Any]:
    """``--no-steps``: the result document without its trace (a district result: without the
    trace of its allocation over parties); every other field as it was."""
    document.pop("steps", None)
    national = document.get("national")
    if isinstance(national, dict):
        national.pop("steps", None)
    return document


def batch_lines(
    lines: Iterable[str | bytes],
    faults: list[int] | None = None,
    steps: bool = True,
    start: int = 1,
) -> Iterator[str]:
    """One result line per input line (empty lines are skipped). A line that cannot be read
    (not UTF-8, not JSON, too long) gives a rejected result naming its line number; the batch
    goes on. So does a line on which kieswet itself fails (a bug): its record is rejected
    with code ``internal_error``, and its number is added to ``faults``. ``start`` is the
    number of the first line (a chunk of a batch computed by a worker process)."""
    for number, line in enumerate(lines, start):
        try:
            results = list(_batch_line(number, line, steps))
        except Exception as exc:  # a fault of ours costs this record, not the batch
            if faults is not None:
                faults.append(number)
            message = f"line {number}: internal error, please report: {type(exc).__name__}"
            results = [dumps_line(result_to_json(_rejected("$", "internal_error", message)))]
            results[0] += "\n"
        yield from results


def _batch_line(number: int, line: str | bytes, steps: bool = True) -> Iterator[str]:
    if isinstance(line, bytes):
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        try:
            line = decode_bytes(line)
        except JsonInputError as exc:
            message = f"line {number}: {exc}".replace(" at line 1 (", " (")
            yield dumps_line(result_to_json(_rejected("$", exc.code, message))) + "\n"
            return
    if not line.strip():
        return
    data = decode(line)
    if isinstance(data, Rejected):
        (error,) = data.errors
        located = InputError(error.field, error.code, f"line {number}: {error.message}")
        yield dumps_line(result_to_json(Rejected((located,)))) + "\n"
        return
    district = district_document(data) if DISTRICT_FORMAT in line else None
    if district is not None:
        yield dumps_line(district[0] if steps else without_steps(district[0])) + "\n"
        return
    result, _ = allocate_document(data)
    yield dumps_line(result_to_json(result, steps)) + "\n"


def _bounded_lines(source: IO[bytes], limit: int) -> Iterator[bytes]:
    """The lines of ``source``; a line longer than ``limit`` bytes is replaced by a marker
    line (its rest is skipped, never held in memory)."""
    while True:
        line = source.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := source.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield _TOO_LONG
            continue
        yield line


_TOO_LONG = b"\xff too long"
"""Stands for a line beyond the limit: not UTF-8, so it is rejected as such, with its number."""


CHUNK_LINES = 64
"""With ``--jobs``: at most this many input lines per task of a worker process ..."""
CHUNK_BYTES = 1 << 20
"""... and at most about this many bytes (a longer line is a task of its own)."""
IN_FLIGHT = 3
"""Tasks per worker sent ahead: enough to keep every worker busy while the results are
written in order, few enough that memory stays bounded whatever the length of the batch."""


def _run_batch(
    source: IO[bytes], show_progress: bool, limit: int, steps: bool = True, jobs: int = 1
) -> int:
    out = sys.stdout
    # Elections and results form no reference cycles, so reference counting frees them; the
    # cyclic collector would only rescan the long-lived module objects thousands of times.
    # Freeze what is loaded now and collect rarely: about a quarter faster on large batches.
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    lines = _bounded_lines(source, limit)
    faults: list[int] = []
    # Results as pieces of text, each with the number of result lines it holds.
    pieces: Iterator[tuple[str, int]] = (
        _parallel(lines, faults, steps, jobs)
        if jobs > 1
        else ((line, 1) for line in batch_lines(lines, faults, steps))
    )
    if not show_progress:
        out.writelines(piece for piece, _ in pieces)
        return _batch_status(faults)
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.completed} elections"), TimeElapsedColumn())
    with Progress(*columns, transient=True, console=None) as progress:
        task = progress.add_task("allocate", total=None)
        for piece, count in pieces:
            out.write(piece)
            progress.advance(task, count)
    return _batch_status(faults)


def _chunks(lines: Iterable[bytes]) -> Iterator[tuple[int, list[bytes]]]:
    """The lines in consecutive chunks (of :data:`CHUNK_LINES` lines, or fewer making
    :data:`CHUNK_BYTES`), each with the number of its first line."""
    chunk: list[bytes] = []
    size = 0
    first = 1
    for number, line in enumerate(lines, 1):
        if not chunk:
            first = number
        chunk.append(line)
        size += len(line)
        if len(chunk) >= CHUNK_LINES or size >= CHUNK_BYTES:
            yield first, chunk
            chunk, size = [], 0
    if chunk:
        yield first, chunk


def _batch_chunk(first: int, lines: list[bytes], steps: bool) -> tuple[str, int, list[int]]:
    """In a worker process: the result lines of one chunk as one text, their number, and the
    numbers of the lines on which kieswet failed (see :func:`batch_lines`)."""
    faults: list[int] = []
    results = list(batch_lines(lines, faults, steps, first))
    return "".join(results), len(results), faults


def _worker_start() -> None:
    """A worker ignores Ctrl-C: the main process alone stops the batch (and its workers)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _parallel(
    lines: Iterable[bytes], faults: list[int], steps: bool, jobs: int
) -> Iterator[tuple[str, int]]:
    """``--jobs N``: the chunks of the batch computed by N worker processes, given back in the
    order of the input, so the output is the same as one process writes. A bounded number of
    chunks is in flight (:data:`IN_FLIGHT` per worker). On Ctrl-C, or when the reader of the
    output goes away, the chunks not yet started are cancelled and the workers stop."""
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    # fork: the workers start at once with everything loaded (and frozen) here
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_start)
    pending: deque[Future[tuple[str, int, list[int]]]] = deque()
    try:
        for first, chunk in _chunks(lines):
            pending.append(pool.submit(_batch_chunk, first, chunk, steps))
            while len(pending) >= IN_FLIGHT * jobs or (pending and pending[0].done()):
                yield _taken(pending.popleft(), faults)
        while pending:
            yield _taken(pending.popleft(), faults)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _taken(future: Future[tuple[str, int, list[int]]], faults: list[int]) -> tuple[str, int]:
    text, count, failed = future.result()
    faults.extend(failed)
    return text, count


def _batch_status(faults: list[int]) -> int:
    """0, or 70 after saying on which lines kieswet itself failed (their records say so)."""
    if not faults:
        return EXIT_OK
    shown = ", ".join(map(str, faults[:10])) + (" ..." if len(faults) > 10 else "")
    print(
        f"kieswet allocate: internal error, please report: on line(s) {shown} "
        "(their records are rejected with code internal_error; the others are answered)",
        file=sys.stderr,
    )
    return EXIT_INTERNAL


def _source(args: argparse.Namespace) -> str | None:
    """The file to read (``-``: standard input), or ``None`` after saying why there is none:
    without FILE, standard input is read only when it is not a terminal (a person at a
    terminal would otherwise wait for nothing)."""
    if args.file is not None:
        if args.file == "-" and sys.stdin.isatty():
            print(
                "kieswet allocate: reading the input from the terminal; end it with Ctrl-D",
                file=sys.stderr,
            )
        return str(args.file)
    if sys.stdin.isatty():
        print(
            "kieswet allocate: no input: give a FILE, or - to read standard input "
            "(see kieswet allocate --help)",
            file=sys.stderr,
        )
        return None
    return "-"


def run(args: argparse.Namespace) -> int:
    path = _source(args)
    if path is None:
        return EXIT_REJECTED
    limit = getattr(args, "max_bytes", DEFAULT_MAX_BYTES)
    jobs = getattr(args, "jobs", 1)
    if jobs != 1 and not args.batch:
        print("kieswet allocate: --jobs: only with --batch", file=sys.stderr)
        return EXIT_REJECTED
    if args.batch:
        show = sys.stderr.isatty() if args.progress is None else args.progress
        try:
            with (
                nullcontext(sys.stdin.buffer) if path == "-" else open(path, "rb")
            ) as source:
                return _run_batch(source, show, limit, args.steps, jobs)
        except BrokenPipeError:
            raise  # the reader of our output went away: kieswet.cli stops quietly
        except OSError as exc:
            print(f"kieswet allocate: cannot read {path}: {why(exc)}", file=sys.stderr)
            return EXIT_REJECTED
    try:
        text = decode_bytes(read_bytes(path, limit))
    except JsonInputError as exc:
        message = str(exc) if str(exc).startswith(("cannot read", path)) else f"{path}: {exc}"
        result: Result = _rejected(exc.field, exc.code, message)
        parsed = None
    else:
        data = decode(text)
        if isinstance(data, Rejected):
            (error,) = data.errors
            result = _rejected(error.field, error.code, f"{path}: {error.message}")
            parsed = None
        else:
            district = district_document(data)
            if district is not None:
                document, code = district
                if args.json:
                    document = document if args.steps else without_steps(document)
                    shown = json.dumps(document, ensure_ascii=False, indent=2)
                    sys.stdout.write(_safe(shown, document, 2) + "\n")
                elif args.html:
                    sys.stdout.write(_html(*district_trace(text, WIDTH)))
                else:
                    sys.stdout.write(printable_lines(render_district_text(text, trace_width())))
                return code
            result, parsed = allocate_document(data)
    if args.json:
        document = result_to_json(result, args.steps)
        shown = json.dumps(document, ensure_ascii=False, indent=2)
        sys.stdout.write(_safe(shown, document, 2) + "\n")
    elif args.html:
        from kieswet.render import result_seats

        trace = render_result(parsed, result, WIDTH)
        sys.stdout.write(_html(trace, result_seats(parsed, result)))
    else:
        sys.stdout.write(render_result(parsed, result, trace_width()))
    return exit_code(result)
