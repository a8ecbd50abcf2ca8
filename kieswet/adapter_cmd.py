"""``kieswet adapter``: the reference engine (or a translator for OSV2020) as a protocol adapter."""

from __future__ import annotations

import argparse
from typing import Any

HELP = """\
Speak the adapter protocol kieswet-adapter@1 (JSON Lines) on standard input and output, so the
conformance runner can drive an implementation through the vector suite.

Without options this is the reference engine itself: it claims every operation, election kind,
law version and profile it knows, and answers every case as `kieswet allocate --json` would.
Run the suite against it with:

  kieswet conformance run --adapter "kieswet adapter"

With --osv2020 CMD it translates each case into the JSON-lines protocol of the OSV2020
apportionment wrapper started by CMD (split as a shell would, without a shell), and the
wrapper's answers back into results: see docs/adapter-protocol.md for what translates and what
is skipped. Standard error carries logs only. The adapter exits 0 after the runner's stop, 2 on
a malformed request.
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "adapter",
        help="speak the adapter protocol (for kieswet conformance run)",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--osv2020",
        metavar="CMD",
        help='translate for the OSV2020 wrapper started by CMD (e.g. "java -jar osv.jar")',
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.osv2020 is not None:
        from conformance.adapters import osv2020

        return osv2020.main(args.osv2020)
    from conformance.adapters import reference_adapter

    return reference_adapter.main()
