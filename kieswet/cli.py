"""The ``kieswet`` command: one sub-command per job; ``kieswet COMMAND --help`` explains each."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kieswet import (
    adapter_cmd,
    allocate_cmd,
    check_cmd,
    conformance_cmd,
    hash_cmd,
    result_cmd,
    totalise_cmd,
    vectors_cmd,
)

EXIT_OK = 0
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kieswet",
        description=(
            "Reference implementation of Dutch Kieswet seat allocation (P 5 - P 19a): "
            "allocate seats with a full trace."
        ),
        epilog="Exit codes: 0 success, 1 a check found differences, 2 invalid input or usage, "
        "3 a lot must be drawn.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    allocate_cmd.register(commands)
    check_cmd.register(commands)
    vectors_cmd.register(commands)
    result_cmd.register(commands)
    hash_cmd.register(commands)
    totalise_cmd.register(commands)
    adapter_cmd.register(commands)
    conformance_cmd.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
