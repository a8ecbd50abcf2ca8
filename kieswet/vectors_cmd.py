"""``kieswet vectors``: build the conformance vector suite, verify one against its manifest, or
test a judge (a result checker) on its negative vectors."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

from conformance.negative import Judge, JudgeError, check_judge, command_judge, spec_judge
from conformance.suite import SuiteError, load_negative
from conformance.vectors_build import (
    DEFAULT_IDS,
    DEFAULT_REAL,
    DEFAULT_SUITE,
    BuildError,
    SourceUnreadable,
    SuiteUnreadable,
    build,
    verify,
)
from spec.rules.base import plural

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_UNUSABLE = 2

HELP = """\
The conformance vector suite: language-agnostic JSON test files (kieswet/vectors@1) under
conformance/vectors/<operation>/<topic>.json, with a manifest (manifest.json) holding the
SHA-256 of every file. See docs/vectors.md.

  kieswet vectors build         write the suite from its sources
  kieswet vectors verify        check a suite's files against its manifest
  kieswet vectors check-judge   run a judge over the negative vectors (wrong answers)
"""

CHECK_JUDGE_HELP = """\
Test a judge (a checker of results) on the negative vectors of the suite: the groups flagged
"invalid", each test a WRONG answer to its input with the rules it violates (see
docs/vectors.md). Every wrong answer must be rejected; as a control, the reference's right
answer to each input (without steps) must be accepted.

Without --judge the judge is ours (spec.check and spec.district_check), which must also name
every listed rule. With --judge CMD the checker is a process speaking JSON Lines: it reads one
request per line on standard input, {"id": "123", "operation": "allocate", "input": {...},
"result": {...}} (ids ending in "-control" are right answers), and writes one reply per
request on standard output, {"id": "123", "verdict": "reject", "rules": ["P19-ranking"]}
("accept" or "reject"; "rules" optional), in any order, then exits 0. A checker that names
rules but not a listed one is reported; with --require-rules that is a failure.

Exit status: 0 every wrong answer rejected and every right answer accepted, 1 some were not
(each named), 2 the suite cannot be read or the checker fails or breaks the protocol.
"""

BUILD_HELP = """\
Build the vector suite from its sources: the hand-written cases
(conformance/vector_sources/handwritten.py; eerste_kamer.py, districts.py and totalise.py for
the operations allocate-eerste-kamer, allocate-districts and totalise), the published results
(tests/fixtures/real; the national ones also split over districts) and the seeded edge-case
generator (conformance/vector_sources/generated.py).

Every expected result is computed by the reference engine and checked by the executable
specification (spec.check, or spec.district_check for allocate-districts, or
spec.totalisation_rules for totalise); hand-written and published expectations must agree
with it. If any test fails a check, the build stops with
exit status 1 naming the test, and writes nothing. Otherwise it writes every vector file, the
manifest and the id registry (stable ids: an existing test keeps its id, a new test gets the
next free id, a removed test's id is retired for good). The output is deterministic: building
twice gives byte-identical files.

Exit status: 0 built, 1 a check failed (nothing written), 2 a source cannot be read.
"""

VERIFY_HELP = """\
Verify a vector suite against its manifest: recompute the SHA-256 of every file the manifest
lists and report each file that was modified, is missing, or is present but not listed.

Exit status: 0 the suite is intact, 1 some file was modified, is missing or is extra,
2 the manifest cannot be read or is not a kieswet/vectors-manifest@1 document.
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "vectors",
        help="build or verify the conformance vector suite, or test a judge on its wrong answers",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="vectors_action", required=True, metavar="ACTION")
    suite_help = f"the suite directory (default: {DEFAULT_SUITE})"
    build_parser = actions.add_parser(
        "build",
        help="write the suite from its sources",
        description=BUILD_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build_parser.add_argument("--suite", metavar="DIR", type=Path, default=DEFAULT_SUITE,
                              help=suite_help)
    build_parser.add_argument(
        "--ids",
        metavar="FILE",
        type=Path,
        default=DEFAULT_IDS,
        help=f"the id registry to read and update (default: {DEFAULT_IDS})",
    )
    build_parser.add_argument(
        "--real",
        metavar="DIR",
        type=Path,
        default=DEFAULT_REAL,
        help=f"the published results in our input format (default: {DEFAULT_REAL})",
    )
    build_parser.set_defaults(run=run_build)
    verify_parser = actions.add_parser(
        "verify",
        help="check a suite's files against its manifest",
        description=VERIFY_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    verify_parser.add_argument("--suite", metavar="DIR", type=Path, default=DEFAULT_SUITE,
                               help=suite_help)
    verify_parser.set_defaults(run=run_verify)
    judge_parser = actions.add_parser(
        "check-judge",
        help="run a judge over the negative vectors (wrong answers)",
        description=CHECK_JUDGE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    judge_parser.add_argument("--suite", metavar="DIR", type=Path, default=DEFAULT_SUITE,
                              help=suite_help)
    judge_parser.add_argument(
        "--judge", metavar="CMD", help="the checker command (default: ours, spec.check)"
    )
    judge_parser.add_argument(
        "--timeout", metavar="S", type=float, default=600.0,
        help="seconds the checker may take for the whole batch (default: 600)",
    )
    judge_parser.add_argument(
        "--require-rules", action="store_true",
        help="a checker that names rules must name every listed one (always so for ours)",
    )
    judge_parser.add_argument(
        "--id", metavar="N", type=int, action="append", default=[],
        help="only this negative vector (repeatable)",
    )
    judge_parser.set_defaults(run=run_check_judge)


def run_build(args: argparse.Namespace) -> int:
    try:
        summary = build(args.suite, args.ids, args.real)
    except SourceUnreadable as exc:
        print(f"kieswet vectors build: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except BuildError as exc:
        print(f"kieswet vectors build: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(f"kieswet vectors build: cannot write the suite: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    print(
        f"built {summary.tests} tests in {len(summary.files)} files under {args.suite} "
        f"({summary.new_ids} new ids, {summary.retired_ids} retired)"
    )
    return EXIT_OK


def run_verify(args: argparse.Namespace) -> int:
    try:
        report = verify(args.suite)
    except SuiteUnreadable as exc:
        print(f"kieswet vectors verify: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    for relpath in report.modified:
        print(f"modified: {relpath} (its SHA-256 differs from the manifest)")
    for relpath in report.missing:
        print(f"missing: {relpath} (listed in the manifest, not in the suite)")
    for relpath in report.extra:
        print(f"extra: {relpath} (in the suite, not listed in the manifest)")
    if report.intact:
        print(f"the suite at {args.suite} is intact: {report.files} files match the manifest")
        return EXIT_OK
    print(f"the suite at {args.suite} does not match its manifest", file=sys.stderr)
    return EXIT_FAILED


def run_check_judge(args: argparse.Namespace) -> int:
    try:
        negatives = load_negative(args.suite)
    except SuiteError as exc:
        print(f"kieswet vectors check-judge: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    if args.id:
        negatives = [n for n in negatives if n.vector.id in args.id]
    if not negatives:
        print("kieswet vectors check-judge: no negative vectors selected", file=sys.stderr)
        return EXIT_UNUSABLE
    judge: Judge
    if args.judge is None:
        judge, name, require = spec_judge, "spec.check", True
    else:
        command = shlex.split(args.judge)
        if not command:
            print("kieswet vectors check-judge: --judge is empty", file=sys.stderr)
            return EXIT_UNUSABLE
        judge, name, require = command_judge(command, args.timeout), args.judge, args.require_rules
    try:
        report = check_judge(negatives, judge, require_rules=require)
    except JudgeError as exc:
        print(f"kieswet vectors check-judge: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    for finding in report.findings:
        what = "controle" if finding.control else "negatieve vector"
        print(f"FAIL {what} {finding.id}: {finding.message}")
    for finding in report.unnamed:
        print(f"opmerking: negatieve vector {finding.id}: {finding.message}")
    print(
        f"{name}: {plural(report.vectors, 'fout antwoord', 'foute antwoorden')}, "
        f"{plural(report.controls, 'juist antwoord', 'juiste antwoorden')} (controles): "
        + ("elk fout antwoord afgewezen, elk juist antwoord aanvaard" if report.ok
           else f"{plural(len(report.findings), 'geval', 'gevallen')} onjuist beoordeeld")
    )
    return EXIT_OK if report.ok else EXIT_FAILED
