"""``kieswet check``: judge a result document against the executable specification (``spec``)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kieswet.messages import why
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
    parser.set_defaults(run=run)


def _load(path: str, what: str) -> tuple[object, str | None]:
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle), None
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"cannot read the {what} {path}: {why(exc)}"
    except json.JSONDecodeError as exc:
        return None, (
            f"the {what} {path} is not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        )
    except RecursionError:
        return None, f"the {what} {path} is nested too deeply"


def run(args: argparse.Namespace) -> int:
    input_data, problem = _load(args.input, "input")
    if problem is None:
        result_data, problem = _load(args.result, "result")
    if problem is not None:
        print(f"kieswet check: {problem}", file=sys.stderr)
        return EXIT_UNUSABLE
    election = parse_election(input_data)
    if isinstance(election, Rejected):
        print(f"kieswet check: the input {args.input} is not a valid election:", file=sys.stderr)
        for error in election.errors:
            print(f"  {error.field}: {error.message}", file=sys.stderr)
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
                ensure_ascii=False,
            )
        else:
            line = f"{violation.rule_id} ({violation.article}): {violation.message}"
        print(line)
    if not violations:
        if not args.json:
            print("no rule violated")
        return EXIT_OK
    if not args.json:
        print(f"{len(violations)} violation(s)", file=sys.stderr)
    return EXIT_VIOLATIONS
