"""``kieswet conformance run``: run an implementation's adapter through the vector suite;
``kieswet conformance fuzz``: differential fuzzing of an adapter against the reference."""

from __future__ import annotations

import argparse
import random
import shlex
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from conformance import strategies
from conformance.fuzz import (
    Fuzzer,
    FuzzOptions,
    FuzzOutcome,
    FuzzUsageError,
    Progress,
    Provenance,
    write_finding,
)
from conformance.reports import (
    RunContext,
    case_name,
    counts,
    profile_verdicts,
    rerun_command,
    verdict_of,
    verdicts,
    write_reports,
)
from conformance.runner import AdapterFailure, Runner, RunnerOptions
from conformance.suite import (
    ALLOCATE_OPERATION,
    OPERATIONS,
    Filters,
    SuiteError,
    default_suite,
    load_suite,
    select,
)
from kieswet.cli import version
from kieswet.messages import why
from kieswet.text import printable
from spec.model import ELECTION_KINDS, LAW_VERSIONS, parse_profile
from spec.rules.base import plural

EXIT_PASS = 0
EXIT_FAIL = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

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
    _add_adapter(run_parser)
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
    filters.add_argument(
        "--id",
        action="append",
        default=[],
        type=_non_negative_int,
        metavar="ID",
        help="vector id; a report gives, for each failing case, the command with its --id",
    )
    run_parser.add_argument(
        "--batch-size",
        type=_positive_int,
        default=100,
        metavar="N",
        help="cases per run message (default 100)",
    )
    _add_timeout(run_parser)
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
        "--judge-every-answer",
        action="store_true",
        help="judge every answer with the executable specification, also one identical to "
        "the answer the suite build judged PASS (the same verdicts, slower; for when the "
        "judge itself has changed since the suite was built, e.g. mutation testing of spec/)",
    )
    _add_no_progress(run_parser)
    run_parser.set_defaults(run=run)
    _register_fuzz(sub)
    from kieswet.findings_cmd import register_findings

    register_findings(sub)


def _add_adapter(parser: argparse.ArgumentParser) -> None:
    """``--adapter CMD``, shared by ``run`` and ``fuzz``."""
    parser.add_argument(
        "--adapter",
        required=True,
        metavar="CMD",
        help='command that starts the adapter, split as a shell would (e.g. "kieswet adapter")',
    )


def _add_timeout(parser: argparse.ArgumentParser) -> None:
    """``--timeout SECONDS`` per case, shared by ``run`` and ``fuzz``."""
    parser.add_argument(
        "--timeout",
        type=_positive_float,
        default=10.0,
        metavar="SECONDS",
        help="time allowed per case; a batch of N cases gets N times this (default 10)",
    )


def _add_no_progress(parser: argparse.ArgumentParser) -> None:
    """``--no-progress``, shared by ``run`` and ``fuzz``."""
    parser.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress bar (it is shown on standard error only when that is a terminal)",
    )


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
    print(printable(f"kieswet conformance run: {message}"), file=sys.stderr)
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


def adapter_command(text: str) -> list[str]:
    """``--adapter``'s command split as a shell would; ``ValueError`` saying what is wrong."""
    try:
        command = shlex.split(text)
    except ValueError as exc:
        raise ValueError(f"--adapter: cannot split the command ({exc})") from exc
    if not command:
        raise ValueError("--adapter: the command is empty")
    return command


def run(args: argparse.Namespace) -> int:
    try:
        command = adapter_command(args.adapter)
    except ValueError as exc:
        return _fail(str(exc))
    suite_dir: Path = args.suite if args.suite is not None else default_suite()
    try:
        suite = load_suite(suite_dir)
    except SuiteError as exc:
        return _fail(f"suite refused: {exc}")
    filters = Filters(
        tuple(args.operation),
        tuple(args.article),
        tuple(args.flag),
        tuple(args.law),
        tuple(args.id),
    )
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
        compare_first=not args.judge_every_answer,
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
        runner_version=version(),
        suite_is_default=args.suite is None,
    )
    try:
        paths = write_reports(outcome, context, report_dir)
    except OSError as exc:
        return _fail(f"cannot write the reports in {report_dir}: {why(exc)}")
    tally = counts(outcome.records)
    if not outcome.complete:
        print(
            f"{printable(outcome.adapter.name)} {printable(outcome.adapter.version)} getoetst "
            f"aan suite {suite.version}: ONDERBROKEN na {len(outcome.records)} van de "
            f"{plural(len(vectors), 'geval', 'gevallen')}; de gedeeltelijke rapporten (met "
            "complete: false): " + ", ".join(str(p) for p in paths),
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    print(
        printable(
            f"{outcome.adapter.name} {outcome.adapter.version} getoetst aan suite "
            f"{suite.version}: {verdict_of(tally)}"
        )
    )
    for row in verdicts(outcome.records):
        print(f"  {row['operation']} / {row['law']}: {row['verdict']} ({_tally(row)})")
    profiles = profile_verdicts(outcome.records)
    if len({row["profile"] for row in profiles}) > 1:
        print("per profiel:")
        for row in profiles:
            print(
                f"  {row['operation']} / {row['law']} / {row['profile']}: {row['verdict']} "
                f"({_tally(row)})"
            )
    for record in outcome.records:
        if record.verdict.status in ("FAIL", "ERROR"):
            print(  # the message may quote the adapter: shown escaped
                printable(
                    f"  {record.verdict.status} {case_name(record)} ({record.vector.file}): "
                    f"{record.verdict.message}"
                )
            )
            print(f"    alleen dit geval opnieuw: {rerun_command(context, record.vector.id)}")
    if outcome.events:
        print(f"  herstarts van de adapter: {outcome.restarts}; de rapporten zeggen waarom")
    print("rapporten: " + ", ".join(str(p) for p in paths))
    return EXIT_PASS if verdict_of(tally) != "FAIL" else EXIT_FAIL


def _tally(row: dict[str, Any]) -> str:
    """The cases of a verdict by status, in the words of the HTML report: ``12 geslaagd,
    1 met afwijkingen, 0 fout, 0 overgeslagen``."""
    return (
        f"{row['PASS']} geslaagd, {row['FAIL']} met afwijkingen, {row['ERROR']} fout, "
        f"{row['SKIPPED']} overgeslagen"
    )


# --------------------------------------------------------------------------- fuzz

FUZZ_HELP = """\
Differential fuzzing: send generated elections to an implementation, wrapped in an adapter
(kieswet-adapter@1, as for `kieswet conformance run`), and compare every answer with the
reference engine and the executable specification. --operation picks what is generated:

  allocate               one contest (conformance.strategies.fuzz_elections; spec.check)
  allocate-districts     districts, stellen, lijstengroepen, lijstencombinaties
                         (conformance.strategies_districts.district_inputs;
                         spec.district_check)
  allocate-eerste-kamer  the Eerste Kamer in member votes per body, U 2 and U 3
                         (conformance.strategies_districts.eerste_kamer_inputs; spec.check)

Inputs stay within the election kinds, law versions, profiles, candidates and lots the adapter
claims (narrowed by --kind, --law, --profile, and for allocate --focus). An adapter that does
not claim the operation is sent nothing: the session is skipped, with exit status 2.

One adapter process serves the whole session; examples go out in batches of --batch-size
while the next batch is generated. A crash, hang or invalid line kills the adapter, which is
started again; a case that makes it fail on its own is a difference of kind "errored".

At the first difference Hypothesis shrinks the election to a minimal one that differs in the
same way (the same violated rule, the same differing field, or an error again), sending each
candidate on its own (at most --shrink-limit of them). The result is written to --out as a
kieswet/vectors@1 file, OPERATION/fuzz-<hash>.json, with the reference's expected result, the
violated rule ids, the adapter's answer, and the adapter's name and version, the command and
the seed; --out also gets a manifest.json, so

  kieswet conformance run --adapter CMD --suite fuzz-findings

replays every finding in it. A finding's id is provisional: 1 000 000 000 plus a hash of its
input, clear of the suite's ids, which count up from 1.

The same seed, adapter and options give the same examples and the same finding, with the same
installation of kieswet (see docs/fuzzing.md). Without --seed a random seed is used and
printed.

Exit status: 0 no difference; 1 a difference was found (and written), or the adapter failed
more than --max-restarts times; 2 usage error, an adapter that cannot be started at all, or
one that does not claim the operation (nothing tested).

Examples:
  kieswet conformance fuzz --adapter "kieswet adapter" --examples 5000 --seed 1
  kieswet conformance fuzz --adapter "kieswet adapter" --operation allocate-districts
"""


def _register_fuzz(sub: Any) -> None:
    parser = sub.add_parser(
        "fuzz",
        help="differential fuzzing of an adapter against the reference; writes findings",
        description=FUZZ_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_adapter(parser)
    parser.add_argument(
        "--operation",
        choices=OPERATIONS,
        default=ALLOCATE_OPERATION,
        help=f"what to generate and send (default {ALLOCATE_OPERATION}): " + ", ".join(OPERATIONS),
    )
    parser.add_argument(
        "--examples",
        type=_positive_int,
        default=1000,
        metavar="N",
        help="elections to generate and send (default 1000)",
    )
    parser.add_argument(
        "--seed",
        type=_non_negative_int,
        default=None,
        metavar="S",
        help="seed of the generator (default: a random seed, printed)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("fuzz-findings"),
        metavar="DIR",
        help="where a finding is written, with a manifest (default ./fuzz-findings)",
    )
    filters = parser.add_argument_group(
        "what to generate",
        "repeat an option to allow several values; by default everything the adapter claims",
    )
    filters.add_argument(
        "--kind", action="append", default=[], choices=ELECTION_KINDS, help="election kind"
    )
    filters.add_argument(
        "--law", action="append", default=[], choices=LAW_VERSIONS, help="law version"
    )
    filters.add_argument(
        "--profile",
        action="append",
        default=[],
        type=_profile_name,
        help='interpretation profile, e.g. default or "p9-counts-as-residual"',
    )
    filters.add_argument(
        "--focus",
        action="append",
        default=[],
        choices=strategies.FOCUS_MODES,
        help="kind of election, for --operation allocate only (default: a mix of all): "
        + ", ".join(strategies.FOCUS_MODES),
    )
    parser.add_argument(
        "--batch-size",
        type=_positive_int,
        default=100,
        metavar="N",
        help="cases per run message while exploring (default 100)",
    )
    _add_timeout(parser)
    parser.add_argument(
        "--max-restarts",
        type=_non_negative_int,
        default=50,
        metavar="N",
        help="restarts of a failing adapter before the session gives up (default 50)",
    )
    parser.add_argument(
        "--shrink-limit",
        type=_non_negative_int,
        default=2000,
        metavar="N",
        help="at most N examples sent while shrinking (default 2000; 0: do not shrink)",
    )
    _add_no_progress(parser)
    parser.set_defaults(run=fuzz)


def _profile_name(text: str) -> str:
    try:
        return parse_profile(text).name
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _fuzz_fail(message: str) -> int:
    print(f"kieswet conformance fuzz: {message}", file=sys.stderr)
    return EXIT_USAGE


@contextmanager
def _fuzz_progress(show: bool) -> Iterator[Progress | None]:
    if not show:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Bar(*columns, console=Console(stderr=True), transient=True) as bar:
        tasks: dict[str, Any] = {}

        def update(phase: str, done: int, total: int | None) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(phase, total=total)
            bar.update(tasks[phase], completed=done, total=total)

        yield update


def _reproduce_arguments(args: argparse.Namespace, seed: int) -> list[str]:
    """The options that decide what is generated and sent, for the finding's provenance."""
    out = ["--adapter", args.adapter, "--seed", str(seed), "--examples", str(args.examples)]
    if args.operation != ALLOCATE_OPERATION:
        out += ["--operation", args.operation]
    for option in ("kind", "law", "profile", "focus"):
        for value in getattr(args, option):
            out += [f"--{option}", value]
    if args.shrink_limit != 2000:
        out += ["--shrink-limit", str(args.shrink_limit)]
    return out


def _print_outcome(outcome: FuzzOutcome, seed: int) -> None:
    adapter = outcome.adapter
    rate = outcome.examples / outcome.elapsed if outcome.elapsed > 0 else 0.0
    finding = outcome.finding
    if outcome.skipped_operation is not None:
        print(f"{adapter.name} {adapter.version}: skipped: {outcome.skipped_operation}")
    elif finding is None:
        verdict = f"opgegeven: {outcome.gave_up}" if outcome.gave_up else "geen verschil"
        print(
            f"{adapter.name} {adapter.version}: "
            f"{plural(outcome.examples, 'voorbeeld', 'voorbeelden')} (seed {seed}), "
            f"{verdict}; {rate:.0f} voorbeelden/s"
        )
    else:
        judged = finding.judged
        print(
            f"{adapter.name} {adapter.version}: verschil bij voorbeeld {finding.found_after} "
            f"(seed {seed}): {finding.signature.describe()}"
        )
        print(
            f"  verkleind van {finding.first.example.describe()} tot "
            f"{judged.example.describe()} "
            f"({plural(finding.shrink_calls, 'voorbeeld', 'voorbeelden')} verzonden tijdens "
            "het verkleinen)"
        )
        print(f"  {judged.verdict.status}: {judged.verdict.message}")
        for violation in judged.verdict.violations:
            print(f"    {violation.rule_id} ({violation.article}): {violation.message}")
        for difference in judged.verdict.differences:
            print(f"    {difference}")
    if outcome.skipped:
        print(
            f"  {plural(outcome.skipped, 'voorbeeld', 'voorbeelden')} overgeslagen door de adapter"
        )
    if outcome.events:
        print(f"  herstarts van de adapter: {outcome.restarts}; wat er gebeurde:")
        for event, times in Counter(outcome.events).most_common(10):
            print(f"    {event}" + (f" ({times} keer)" if times > 1 else ""))


def fuzz(args: argparse.Namespace) -> int:
    try:
        command = adapter_command(args.adapter)
    except ValueError as exc:
        return _fuzz_fail(str(exc))
    out: Path = args.out
    if out.exists() and not out.is_dir():
        return _fuzz_fail(f"--out {out} exists and is not a directory")
    if args.focus and args.operation != ALLOCATE_OPERATION:
        return _fuzz_fail(f"--focus applies to --operation {ALLOCATE_OPERATION} only")
    seed: int = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    options = FuzzOptions(
        command=command,
        examples=args.examples,
        seed=seed,
        kinds=tuple(args.kind),
        laws=tuple(args.law),
        profiles=tuple(args.profile),
        focus=tuple(dict.fromkeys(args.focus)) or strategies.FOCUS_MODES,
        batch_size=args.batch_size,
        timeout=args.timeout,
        max_restarts=args.max_restarts,
        shrink_limit=args.shrink_limit,
        operation=args.operation,
    )
    show = not args.no_progress and sys.stderr.isatty()
    try:
        with _fuzz_progress(show) as progress:
            outcome = Fuzzer(options, progress).run()
    except AdapterFailure as exc:
        return _fuzz_fail(str(exc))
    except FuzzUsageError as exc:
        return _fuzz_fail(str(exc))
    _print_outcome(outcome, seed)
    if outcome.skipped_operation is not None:
        return EXIT_USAGE  # nothing was tested
    if outcome.finding is None:
        return EXIT_FAIL if outcome.gave_up else EXIT_PASS
    provenance = Provenance(
        adapter=outcome.adapter,
        command=command,
        seed=seed,
        arguments=_reproduce_arguments(args, seed),
        kieswet_version=version(),
    )
    try:
        path = write_finding(out, outcome.finding, provenance)
    except OSError as exc:
        _fuzz_fail(f"cannot write the finding in {out}: {exc}")
        return EXIT_FAIL  # the difference stands, printed above
    print(f"  geschreven: {path}")
    print(
        f"  opnieuw:    kieswet conformance run --adapter {shlex.quote(args.adapter)} --suite {out}"
    )
    return EXIT_FAIL
