"""``kieswet check``: judge a result document against the executable specification (``spec``)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from interchange.allocation import parse_election
from interchange.eerste_kamer import INPUT_FORMAT as EERSTE_KAMER_FORMAT
from interchange.judging import check, district_judgement, judgement
from kieswet.jsonfile import add_max_bytes, read_json
from kieswet.text import printable
from spec.model import Rejected
from spec.rules.rule import Violation

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_UNUSABLE = 2

HELP = """\
Check a seat-allocation result against the Kieswet rules P 5 - P 19a, as stated in spec/rules/.

INPUT is the election, told apart by its "format": a kieswet/seat-allocation-input@1
document (one contest), a kieswet/eerste-kamer-input@1 document (the Eerste Kamer in member
votes; weighed by U 2 and U 3 first, and the rules U2-stemwaarde and U3-stemcijfer apply) or a
kieswet/district-allocation-input@1 document (kieskringen, stellen, lijstengroepen; checked by
spec.district_check). RESULT is the result document some implementation produced for it
(completed or needs_lot): kieswet/seat-allocation-result@1, or for districts
kieswet/district-allocation-result@1. The reference engine is not consulted: every rule is a
predicate over the input and the result. A result with steps is judged step by step; a result
without steps is judged on the final result only, at full strength: its seats (or its
needs_lot question and seats_so_far) must be the lawful outcome of the election, and the first
article where it departs is named. The output always says which judgement was made
("beoordeeld per stap" or "beoordeeld op het eindresultaat"; with --json on standard error).

With --eml 110a 230b 510d 520 the election is read from the EML_NL files of one election (as
`kieswet result` reads them) and the result from the 520 a vendor's software wrote: the seats
of each list (its elected candidates) and who is elected how (Ranking 1: preference votes,
2: list order), judged on the final result only. A 520 states no kiesdeler or full seats; those
are taken as the law computes them. Give either INPUT and RESULT or --eml, not both.

Each violated rule is printed on one line: its id, its article and what is wrong (in Dutch),
naming the lists, seats and exact values involved; then how many rules were violated ("1 regel
geschonden", "geen regel geschonden" when none). Exit status: 0 no rule violated, 1 at least
one rule violated, 2 a file cannot be read, is not JSON, or the input is not a valid election.
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "check",
        help="check a result against the specification (rule by rule)",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "input", metavar="INPUT.json", nargs="?", help="the election (input document)"
    )
    parser.add_argument("result", metavar="RESULT.json", nargs="?", help="the result to check")
    parser.add_argument(
        "--eml",
        nargs=4,
        metavar=("110A", "230B", "510D", "520"),
        help="check the EML 520 of an election given by its 110a, 230b and 510d instead",
    )
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


def _from_eml(paths: list[str], max_bytes: int) -> tuple[object, object] | str:
    """The election and the 520's claim as JSON documents, or a message naming the fault."""
    from interchange.allocation import election_to_json
    from interchange.eml import EmlError, Limits
    from interchange.eml.result520 import claim_from_520
    from kieswet.result_cmd import read_election_files

    definition, candidates, count, result = paths
    try:
        _, lists, _, election = read_election_files(
            definition, candidates, count, Limits(max_bytes=max_bytes)
        )
        claim = claim_from_520(result, lists, election)
    except EmlError as exc:
        return str(exc)
    return election_to_json(election), claim


def run(args: argparse.Namespace) -> int:
    if args.eml is not None:
        if args.input is not None or args.result is not None:
            print("kieswet check: give INPUT and RESULT, or --eml, not both", file=sys.stderr)
            return EXIT_UNUSABLE
        loaded = _from_eml(args.eml, args.max_bytes)
        if isinstance(loaded, str):
            print(printable(f"kieswet check: {loaded}"), file=sys.stderr)
            return EXIT_UNUSABLE
        return _judge(args, *loaded, args.eml[0])
    if args.input is None or args.result is None:
        print("kieswet check: give INPUT and RESULT (or --eml 110A 230B 510D 520)", file=sys.stderr)
        return EXIT_UNUSABLE
    input_data, problem = _load(args.input, "input", args.max_bytes)
    if problem is None:
        result_data, problem = _load(args.result, "result", args.max_bytes)
    if problem is not None:
        print(printable(f"kieswet check: {problem}"), file=sys.stderr)
        return EXIT_UNUSABLE
    return _judge(args, input_data, result_data, args.input)


def _judge(args: argparse.Namespace, input_data: object, result_data: object, source: str) -> int:
    violations = _violations(input_data, result_data)
    if isinstance(violations, Rejected):
        kind = _KINDS.get(str(_format(input_data)), "election")
        print(
            printable(f"kieswet check: the input {source} is not a valid {kind}:"), file=sys.stderr
        )
        for error in violations.errors:
            print(printable(f"  {error.field}: {error.message}"), file=sys.stderr)
        return EXIT_UNUSABLE
    if _format(input_data) == DISTRICT_FORMAT:
        how = district_judgement(result_data)  # "beoordeeld per stap" or "... eindresultaat"
    else:
        how = judgement(result_data)
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
        if args.json:
            print(how, file=sys.stderr)
        else:
            print(f"geen regel geschonden ({how})")
        return EXIT_OK
    if args.json:
        print(how, file=sys.stderr)
    else:
        print(how)
        count = len(violations)
        print(f"{count} {'regel' if count == 1 else 'regels'} geschonden", file=sys.stderr)
    return EXIT_VIOLATIONS


DISTRICT_FORMAT = "kieswet/district-allocation-input@1"
_KINDS = {
    DISTRICT_FORMAT: "election over districts",
    EERSTE_KAMER_FORMAT: "Eerste Kamer election",
}


def _format(data: object) -> object:
    return data.get("format") if isinstance(data, dict) else None


def _violations(input_data: object, result_data: object) -> list[Violation] | Rejected:
    """The rules ``result_data`` violates for the election ``input_data``, by its format: one
    contest (``spec.check``), the Eerste Kamer weighed by U 2 and U 3 (``spec.check``), or an
    election over districts (``spec.district_check``); ``Rejected`` for an invalid input."""
    kind = _format(input_data)
    if kind == DISTRICT_FORMAT:
        from interchange.districts import parse_district_election
        from interchange.judging import check_districts

        districts = parse_district_election(input_data)
        if isinstance(districts, Rejected):
            return districts
        return check_districts(districts, result_data)
    if kind == EERSTE_KAMER_FORMAT:
        from interchange.judging import weighed_by_law

        weighed = weighed_by_law(input_data)
        if isinstance(weighed, Rejected):
            return weighed
        return check(weighed, result_data)
    election = parse_election(input_data)
    if isinstance(election, Rejected):
        return election
    return check(election, result_data)
