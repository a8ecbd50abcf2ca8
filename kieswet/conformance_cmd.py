"""``kieswet conformance run``: run an implementation's adapter through the vector suite."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

from conformance.reports import RunContext, counts, verdict_of, verdicts, write_reports
from conformance.runner import AdapterFailure, Runner, RunnerOptions
from conformance.suite import Filters, SuiteError, default_suite, load_suite, select

EXIT_PASS = 0
EXIT_FAIL = 1
EXIT_USAGE = 2

HELP = """\
Run an implementation, wrapped in an adapter (a process speaking kieswet-adapter@1 on standard
input and output; see docs/adapter-protocol.md), through the conformance vector suite.

The suite's manifest is verified first: a suite with a changed, missing or unlisted file is
refused. Vectors outside the adapter's claimed capabilities are SKIPPED without being sent.
The rest go out in batches; every answer is compared with the expected result and checked
against the executable specification (spec.check), so a FAIL names the violated rules.
An adapter that crashes, hangs, prints garbage or answers wrong ids costs only the cases
involved (ERROR, with the reason): it is restarted and the run goes on.

Reports: report.jsonl, junit.xml and report.html in --report-dir.

Exit status: 0 every case sent passed; 1 at least one FAIL or ERROR; 2 usage error, a suite
that cannot be read or was tampered with, or an adapter that cannot be started at all.

Example:
  kieswet conformance run --adapter "kieswet adapter" --article "P 8" --report-dir out
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "conformance",
        help="run an implementation through the conformance suite",
        description="Conformance testing against the vector suite.",
    )
    sub = parser.add_subparsers(dest="conformance_command", required=True, metavar="COMMAND")
    run_parser = sub.add_parser(
        "run",
        help="run an adapter through the suite and write the reports",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run_parser.add_argument(
        "--adapter",
        required=True,
        metavar="CMD",
        help='command that starts the adapter, split as a shell would (e.g. "kieswet adapter")',
    )
    run_parser.add_argument(
        "--suite",
        type=Path,
        default=None,
        metavar="DIR",
        help="suite directory with manifest.json (default: the suite shipped with kieswet)",
    )
    filters = run_parser.add_argument_group(
        "filters", "repeat an option to allow several values; different options must all match"
    )
    filters.add_argument("--operation", action="append", default=[], help="e.g. allocate")
    filters.add_argument(
        "--article",
        action="append",
        default=[],
        help='article, e.g. "P 8" (also matches "P 8 lid 2")',
    )
    filters.add_argument("--flag", action="append", default=[], help="vector flag, e.g. boundary")
    filters.add_argument("--law", action="append", default=[], help="law version, e.g. current")
    run_parser.add_argument(
        "--batch-size",
        type=_positive_int,
        default=100,
        metavar="N",
        help="cases per run message (default 100)",
    )
    run_parser.add_argument(
        "--timeout",
        type=_positive_float,
        default=10.0,
        metavar="SECONDS",
        help="time allowed per case; a batch of N cases gets N times this (default 10)",
    )
    run_parser.add_argument(
        "--max-restarts",
        type=_non_negative_int,
        default=50,
        metavar="N",
        help="restarts of a failing adapter before the remaining cases are ERROR unsent "
        "(default 50)",
    )
    run_parser.add_argument(
        "--report-dir",
        type=Path,
        default=Path("conformance-report"),
        metavar="DIR",
        help="where to write report.jsonl, junit.xml and report.html "
        "(default ./conformance-report)",
    )
    run_parser.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress bar (it is shown on standard error only when that is a terminal)",
    )
    run_parser.set_defaults(run=run)


def _positive_int(text: str) -> int:
    value = _non_negative_int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {text}")
    return value


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, got {text}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {text}")
    return value


def _fail(message: str) -> int:
    print(f"kieswet conformance run: {message}", file=sys.stderr)
    return EXIT_USAGE


@contextmanager
def _progress(show: bool) -> Iterator[Callable[[int, int], None] | None]:
    if not show:
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (
        TextColumn("conformance"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("run", total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield update


def _runner_version() -> str:
    try:
        return metadata.version("kieswet")
    except metadata.PackageNotFoundError:
        return "unknown"


def run(args: argparse.Namespace) -> int:
    try:
        command = shlex.split(args.adapter)
    except ValueError as exc:
        return _fail(f"--adapter: cannot split the command ({exc})")
    if not command:
        return _fail("--adapter: the command is empty")
    suite_dir: Path = args.suite if args.suite is not None else default_suite()
    try:
        suite = load_suite(suite_dir)
    except SuiteError as exc:
        return _fail(f"suite refused: {exc}")
    filters = Filters(tuple(args.operation), tuple(args.article), tuple(args.flag), tuple(args.law))
    vectors = select(suite.vectors, filters)
    if not vectors:
        return _fail(f"no vector in {suite_dir} matches the filters {filters.to_json()}")
    report_dir: Path = args.report_dir
    if report_dir.exists() and not report_dir.is_dir():
        return _fail(f"--report-dir {report_dir} exists and is not a directory")
    options = RunnerOptions(
        command=command,
        batch_size=args.batch_size,
        timeout=args.timeout,
        max_restarts=args.max_restarts,
    )
    show = not args.no_progress and sys.stderr.isatty()
    try:
        with _progress(show) as progress:
            outcome = Runner(options, progress).run(vectors)
    except AdapterFailure as exc:
        return _fail(str(exc))
    context = RunContext(
        suite_version=suite.version,
        suite_path=str(suite_dir),
        filters=filters,
        adapter_command=shlex.join(command),
        batch_size=args.batch_size,
        timeout=args.timeout,
        runner_version=_runner_version(),
    )
    try:
        paths = write_reports(outcome, context, report_dir)
    except OSError as exc:
        return _fail(f"cannot write the reports in {report_dir}: {exc}")
    tally = counts(outcome.records)
    print(
        f"{outcome.adapter.name} {outcome.adapter.version} against suite {suite.version}: "
        f"{verdict_of(tally)}"
    )
    for row in verdicts(outcome.records):
        print(
            f"  {row['operation']} / {row['law']}: {row['verdict']} "
            f"({row['PASS']} pass, {row['FAIL']} fail, {row['ERROR']} error, "
            f"{row['SKIPPED']} skipped)"
        )
    for record in outcome.records:
        if record.verdict.status in ("FAIL", "ERROR"):
            print(
                f"  {record.verdict.status} {record.vector.id} ({record.vector.file}): "
                f"{record.verdict.message}"
            )
    if outcome.events:
        print(f"  adapter restarts: {outcome.restarts}; see the reports for what happened")
    print("reports: " + ", ".join(str(p) for p in paths))
    return EXIT_PASS if verdict_of(tally) != "FAIL" else EXIT_FAIL
