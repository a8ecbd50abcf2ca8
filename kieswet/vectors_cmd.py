"""``kieswet vectors``: build the conformance vector suite, or verify one against its manifest."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

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

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_UNUSABLE = 2

HELP = """\
The conformance vector suite: language-agnostic JSON test files (kieswet/vectors@1) under
conformance/vectors/<operation>/<topic>.json, with a manifest (manifest.json) holding the
SHA-256 of every file. See docs/vectors.md.

  kieswet vectors build    write the suite from its sources
  kieswet vectors verify   check a suite's files against its manifest
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
        help="build or verify the conformance vector suite",
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
