"""``kieswet check``: judge a result document against the executable specification (``spec``)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kieswet.jsonfile import add_max_bytes, read_json
from kieswet.text import printable
from spec.check import check
from spec.codec import parse_election
from spec.model import Rejected

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_UNUSABLE = 2

HELP = """\
Check a seat-allocation result against the Kieswet rules P 5 - P 19a, as stated in spec/rules/.

INPUT is a kieswet/seat-allocation-input@1 document (the election); RESULT is the
kieswet/seat-allocation-result@1 document some implementation produced for it (completed or
needs_lot). The reference engine is not consulted: every rule is a predicate over the input and
the result. A result with steps is checked step by step; a result without steps is checked on
its final seats alone.

Each violated rule is printed on one line: its id, its article and what is wrong, naming the
lists, seats and exact values involved. Exit status: 0 no rule violated, 1 at least one rule
violated, 2 a file cannot be read, is not JSON, or the input is not a valid election.
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "check",
        help="check a result against the specification (rule by rule)",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("input", metavar="INPUT.json", help="the election (input document)")
    parser.add_argument("result", metavar="RESULT.json", help="the result to check")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print each violation as a JSON line (rule_id, article, message)",
    )
    add_max_bytes(parser)
    parser.set_defaults(run=run)


def _load(path: str, what: str, max_bytes: int) -> tuple[object, str | None]:
    data, problem = read_json(path, max_bytes)
    return data, None if problem is None else f"the {what}: {problem}"


def run(args: argparse.Namespace) -> int:
    input_data, problem = _load(args.input, "input", args.max_bytes)
    if problem is None:
        result_data, problem = _load(args.result, "result", args.max_bytes)
    if problem is not None:
        print(printable(f"kieswet check: {problem}"), file=sys.stderr)
        return EXIT_UNUSABLE
    election = parse_election(input_data)
    if isinstance(election, Rejected):
        print(f"kieswet check: the input {args.input} is not a valid election:", file=sys.stderr)
        for error in election.errors:
            print(printable(f"  {error.field}: {error.message}"), file=sys.stderr)
        return EXIT_UNUSABLE
    violations = check(election, result_data)
    for violation in violations:
        if args.json:
            line = json.dumps(
                {
                    "rule_id": violation.rule_id,
                    "article": violation.article,
                    "message": violation.message,
                },
            )
        else:
            line = printable(f"{violation.rule_id} ({violation.article}): {violation.message}")
        print(line)
    if not violations:
        if not args.json:
            print("no rule violated")
        return EXIT_OK
    if not args.json:
        print(f"{len(violations)} violation(s)", file=sys.stderr)
    return EXIT_VIOLATIONS
