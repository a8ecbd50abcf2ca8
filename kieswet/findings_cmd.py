"""``kieswet conformance findings``: the differences a fuzz campaign stored in its example
database, written as finding vectors (``conformance.fuzz_campaign``)."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

from conformance.fuzz import Provenance
from conformance.fuzz_campaign import (
    DEFAULT_SHARDS_READ,
    FUZZ_OPERATIONS,
    CampaignOptions,
    known_signatures,
    open_database,
    replay,
    summary,
    write_findings,
)
from conformance.runner import AdapterFailure
from conformance.suite import SuiteError
from kieswet.cli import version
from kieswet.conformance_cmd import adapter_command
from spec.rules.base import plural

EXIT_NONE = 0
EXIT_FOUND = 1
EXIT_USAGE = 2

FINDINGS_HELP = """\
Write the differences that a fuzz campaign (pytest --kieswet-adapter CMD --kieswet-fuzz, with
pytest-xdist or HypoFuzz; see docs/fuzzing.md) stored in its Hypothesis example database as
finding vectors, one per operation and signature (the first violated rule, else the first
differing field, else "errored").

DATABASE is the example database: a directory (Hypothesis's default is .hypothesis/examples
where pytest ran) or redis://HOST:PORT/N (needs the redis package). It is only read. Every
failing example stored for the campaign's items (each operation, shards 0 to --shards - 1) is
run through the adapter again and judged as `kieswet conformance run` judges a vector; of
those that still differ, the smallest per signature is written to --out as
OPERATION/fuzz-<hash>.json (kieswet/vectors@1, as `kieswet conformance fuzz` writes a
finding), and --out gets a manifest.json, so

  kieswet conformance run --adapter CMD --suite DIR

replays them. A signature that already has a finding in --out is not written again.

The adapter must be the one the campaign ran (the same command and capabilities): the stored
examples are Hypothesis's choices, which give the same inputs only for the same strategy.

Exit status: 0 no difference stored (or all already in --out); 1 findings written; 2 usage
error, or an adapter that cannot be started.

Example:
  kieswet conformance findings .hypothesis/examples --adapter "./my-adapter" --out findings
"""



def register_findings(sub: Any) -> None:
    parser = sub.add_parser(
        "findings",
        help="write the differences stored by a fuzz campaign as finding vectors",
        description=FINDINGS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("database", metavar="DATABASE", help="directory or redis://HOST:PORT/N")
    parser.add_argument(
        "--adapter",
        required=True,
        metavar="CMD",
        help="command that starts the adapter the campaign ran, split as a shell would",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("fuzz-findings"),
        metavar="DIR",
        help="where the findings are written, with a manifest (default ./fuzz-findings)",
    )
    parser.add_argument(
        "--operation",
        action="append",
        default=[],
        choices=FUZZ_OPERATIONS,
        help="operation to read, repeatable (default all three)",
    )
    parser.add_argument(
        "--shards",
        type=int,
        default=DEFAULT_SHARDS_READ,
        metavar="N",
        help=f"shards read per operation (default {DEFAULT_SHARDS_READ})",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="time allowed per case (default 10)",
    )
    parser.set_defaults(run=findings)


def _fail(message: str) -> int:
    print(f"kieswet conformance findings: {message}", file=sys.stderr)
    return EXIT_USAGE


def findings(args: argparse.Namespace) -> int:
    try:
        command = adapter_command(args.adapter)
    except ValueError as exc:
        return _fail(str(exc))
    if args.shards < 1 or not args.timeout > 0:
        return _fail("--shards must be at least 1 and --timeout positive")
    out: Path = args.out
    if out.exists() and not out.is_dir():
        return _fail(f"--out {out} exists and is not a directory")
    spec: str = args.database
    if "://" not in spec and not Path(spec).is_dir():
        return _fail(f"{spec}: no such example database directory")
    try:
        known = known_signatures(out) if (out / "manifest.json").exists() else frozenset()
        database = open_database(spec)
    except (SuiteError, ValueError) as exc:
        return _fail(str(exc))
    options = CampaignOptions(tuple(command), timeout=args.timeout)
    operations = tuple(dict.fromkeys(args.operation)) or FUZZ_OPERATIONS
    try:
        replayed = replay(options, database, operations, args.shards)
    except AdapterFailure as exc:
        return _fail(str(exc))
    adapter = replayed.adapter
    print(
        f"{adapter.name} {adapter.version}: "
        f"{plural(replayed.examples, 'opgeslagen voorbeeld', 'opgeslagen voorbeelden')} "
        f"opnieuw gestuurd, {plural(len(replayed.found), 'verschil', 'verschillen')}"
    )
    for operation, why in replayed.not_fuzzed.items():
        print(f"  {operation}: niet gelezen: {why}")
    for line in summary(replayed.found):
        print(f"  {line}")
    campaign = f"a fuzz campaign, read back from {spec} by kieswet conformance findings"
    provenance = Provenance(adapter, command, 0, (), version(), campaign=campaign)
    try:
        written = write_findings(out, replayed, provenance, skip=known)
    except OSError as exc:
        return _fail(f"cannot write the findings in {out}: {exc}")
    already = len(replayed.found) - len(written)
    if already:
        print(f"  {already} al in {out}")
    for _, _, path in written:
        print(f"  geschreven: {path}")
    if written:
        print(
            f"  opnieuw: kieswet conformance run --adapter {shlex.quote(args.adapter)} "
            f"--suite {out}"
        )
    return EXIT_FOUND if written else EXIT_NONE
