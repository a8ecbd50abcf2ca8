"""``kieswet result``: the seat allocation from EML_NL 110a + 230b + 510d, and the 520 file."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from interchange.allocation import election_to_json, parse_election
from interchange.eml import (
    CandidateLists,
    ElectedCandidate,
    ElectedList,
    ElectionDefinition,
    EmlError,
    Header,
    Limits,
    read_candidate_lists,
    read_counts,
    read_definition,
    validate,
    write_result,
)
from interchange.eml.counts import CountFile
from kieswet.hashcode import digest_file
from kieswet.jsonfile import add_max_bytes, read_json
from kieswet.render import new_table, render_result, table_text
from kieswet.text import printable
from reference.allocate import allocate
from reference.totalise import election_from_totals
from spec.model import Completed, Election, NeedsLot, Rejected

EXIT_OK = 0
EXIT_INVALID = 2
EXIT_NEEDS_LOT = 3

HELP = """\
Allocate the seats of an election from its EML_NL files, and write the result as EML 520.

  110A  the election definition (verkiezingsdefinitie): kind (ElectionCategory) and seats
  230B  the candidate lists (kandidatenlijsten): list names, candidates and their names
  510D  the CSB's count (telling, 510d): list totals and candidate votes (its TotalVotes)

The 510d is checked against the 230b (no unknown list or candidate) and against itself (every
list total is the sum of its candidates' votes, TotalCounted the sum of the lists, the total
the sum of the districts). The seats are allocated by the reference engine (P 5 - P 10, P 15 -
P 19a; the trace is printed as by `kieswet allocate`), followed by the elected candidates with
their names. The 520 (Resultaat_<election>.eml.xml, the elected candidates with Ranking 1 when
elected on preference votes, 2 in list order) is written to --out, atomically: it appears
complete or not at all. Its hash code is printed.

Every file is read hardened (no DTD, no entities, a size limit). With --eml-schemas DIR every
input and the 520 are also validated against the Kiesraad's XSD schemas in DIR (xsd-v1.2.2).

When the allocation needs a lot, the question is printed and nothing is written (exit 3). Draw
the lot in public, then run again with --lots FILE: the drawn lots in the "lots" format of the
seat-allocation input (kieswet/seat-allocation-input@1), in the order they were asked, e.g.

  [{"kind": "residual_seat", "options": [1, 2], "drawn": 2}]

(FILE holds that array, or an object with a "lots" member such as a whole seat-allocation
input document, of which only "lots" is used). A lot that does not answer the question asked
is refused (exit 2); if another lot is needed, exit 3 again.

Exit status: 0 completed and written; 2 an input is invalid (file, line, element and reason are
printed) or the 520 cannot be written; 3 a lot must be drawn (the question is printed, nothing
is written).
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "result",
        help="seats and elected candidates from EML_NL 110a + 230b + 510d; writes the 520",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("definition", metavar="110A", help="EML 110a election definition")
    parser.add_argument("candidates", metavar="230B", help="EML 230b candidate lists")
    parser.add_argument("count", metavar="510D", help="EML 510d count of the CSB")
    parser.add_argument(
        "--out",
        metavar="DIR",
        default=".",
        help="directory for the 520 file (default: the current directory)",
    )
    parser.add_argument(
        "--eml-schemas",
        metavar="DIR",
        help="validate inputs and output against the EML_NL XSD schemas in DIR",
    )
    parser.add_argument(
        "--lots",
        metavar="FILE",
        help='the lots drawn so far, as JSON: [{"kind", "options", "drawn", "list"?}, ...]',
    )
    add_max_bytes(parser)
    parser.set_defaults(run=run)


_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?")


def build_election(
    definition: ElectionDefinition,
    lists: CandidateLists,
    count: CountFile,
    count_path: str,
    definition_path: str = "110a",
) -> Election:
    """The seat-allocation input: kind and seats from the 110a, lists and candidates from the
    230b, list and candidate votes from the 510d's total. Raises :class:`EmlError`."""
    kind = definition.election.kind
    if kind is None or kind == "EK":
        raise EmlError(
            definition_path,
            f"election category {definition.election.category!r} is not supported here "
            "(supported: TK, EP, PS, AB, GR, ER; the Eerste Kamer votes are weighted)",
            element="ElectionCategory",
        )
    totals = count.totals
    if len(count.contests) != 1 or len(totals) != 1:
        raise EmlError(
            count_path,
            "a 510d with exactly one Contest with a TotalVotes (the CSB total) is needed",
            element="Contest",
        )
    entries = lists.lists()
    try:
        election = election_from_totals(
            totals[0],
            kind,
            definition.seats,
            candidates={n: [c.number for c in e.candidates] for n, e in entries.items()},
            names={n: e.name for n, e in entries.items()},
        )
    except ValueError as exc:
        raise EmlError(count_path, str(exc), element="TotalVotes") from None
    # the checks of every seat-allocation input (e.g. no votes at all: no kiesdeler, P 5)
    checked = parse_election(election_to_json(election))
    if isinstance(checked, Rejected):
        faults = "; ".join(f"{e.field}: {e.message}" for e in checked.errors)
        raise EmlError(
            count_path, f"cannot allocate seats from this count: {faults}", element="TotalVotes"
        )
    return election


def with_drawn_lots(election: Election, path: str, max_bytes: int | None = None) -> Election | str:
    """``election`` with the lots drawn in the JSON file ``path`` (the ``lots`` array of the
    seat-allocation input, or an object with one), checked as the seat-allocation input
    checks them; or a message naming the file and every fault."""
    data, problem = read_json(path, max_bytes)
    if problem is not None:
        return problem
    lots = data.get("lots") if isinstance(data, dict) else data
    if not isinstance(lots, list):
        return f'{path}: expected an array of lots, or an object with a "lots" array'
    document = election_to_json(election)
    document["lots"] = lots
    parsed = parse_election(document)
    if isinstance(parsed, Rejected):
        faults = "; ".join(f"{e.field}: {e.message}" for e in parsed.errors)
        return f"{path}: invalid lots: {faults}"
    return parsed


def elected_lists(
    election: Election, result: Completed, lists: CandidateLists
) -> list[ElectedList]:
    """Per list with seats: its 230b entry, votes and elected candidates (520 order)."""
    entries = lists.lists()
    out = []
    for lst in election.lists:
        elected = result.elected.get(lst.number, ())
        if not result.seats.get(lst.number):
            continue
        entry = entries[lst.number]
        by_number = {c.number: c for c in entry.candidates}
        votes = {c.number: c.votes for c in lst.candidates or ()}
        preference = set(result.elected_on_preference.get(lst.number, ()))
        out.append(
            ElectedList(
                entry,
                lst.votes,
                tuple(
                    ElectedCandidate(by_number[n], votes.get(n, 0), n in preference)
                    for n in elected
                ),
            )
        )
    return out


def _elected_table(items: list[ElectedList]) -> str:
    table = new_table("lijst", "nr", "naam", "woonplaats", "stemmen", "gekozen", names=2)
    table.columns[3].justify = "left"
    for item in items:
        for elected in item.elected:
            c = elected.candidate
            how = "voorkeur (1)" if elected.on_preference else "lijstvolgorde (2)"
            table.add_row(
                str(item.entry.number),
                str(c.number),
                printable(c.display_name),
                printable(c.locality),
                str(elected.votes),
                how,
            )
    return "\nGekozen kandidaten (P 15 - P 19a)\n" + table_text(table)


def read_election_files(
    definition_path: str,
    candidates_path: str,
    count_path: str,
    limits: Limits,
    schemas: str | None = None,
) -> tuple[ElectionDefinition, CandidateLists, CountFile, Election]:
    """The 110a, 230b and 510d of one election, read (and with ``schemas`` validated) and
    checked to belong together, and the seat-allocation input they make. Raises
    :class:`EmlError` naming the file."""
    if schemas:
        validate(definition_path, schemas, ("110a",), limits)
        validate(candidates_path, schemas, ("230b",), limits)
        validate(count_path, schemas, ("510d",), limits)
    definition = read_definition(definition_path, limits)
    lists = read_candidate_lists(candidates_path, limits)
    count = read_counts(count_path, limits=limits, lists=lists)
    if count.header.message_id != "510d":
        raise EmlError(
            count_path,
            f"an EML {count.header.message_id}; the result needs the CSB's 510d",
            element="EML",
        )
    for path, identifier in (
        (candidates_path, lists.election.id),
        (count_path, count.header.election.id),
    ):
        if identifier != definition.election.id:
            raise EmlError(
                path,
                f"election {identifier!r}, but the 110a defines {definition.election.id!r}",
                element="ElectionIdentifier",
            )
    election = build_election(definition, lists, count, count_path, definition_path)
    return definition, lists, count, election


def run(args: argparse.Namespace) -> int:
    limits = Limits(max_bytes=args.max_bytes)
    try:
        definition, lists, count, election = read_election_files(
            args.definition, args.candidates, args.count, limits, args.eml_schemas
        )
    except EmlError as exc:
        print(printable(f"kieswet result: {exc}"), file=sys.stderr)
        return EXIT_INVALID
    if args.lots:
        with_lots = with_drawn_lots(election, args.lots, args.max_bytes)
        if isinstance(with_lots, str):
            print(f"kieswet result: {with_lots}", file=sys.stderr)
            return EXIT_INVALID
        election = with_lots
    result = allocate(election)
    sys.stdout.write(render_result(election, result))
    if isinstance(result, Rejected):
        return EXIT_INVALID
    if isinstance(result, NeedsLot):
        print(
            "Nothing written: a lot must be drawn first; run again with --lots FILE, the lots "
            "drawn so far (see --help).",
            file=sys.stderr,
        )
        return EXIT_NEEDS_LOT
    items = elected_lists(election, result, lists)
    sys.stdout.write(_elected_table(items))
    if result.preference_threshold is not None and result.quota:
        percent = result.preference_threshold / result.quota * 100
        if percent != definition.preference_threshold:
            print(
                f"Waarschuwing: de 110a noemt een voorkeurdrempel van "
                f"{definition.preference_threshold}% van de kiesdeler; de Kieswet (P 15) "
                f"geeft hier {percent}%, en die is toegepast."
            )
    created = count.header.creation_date_time
    if not _DATETIME.fullmatch(created):
        created = f"{count.header.election.date}T00:00:00"
    header = Header(
        count.header.election, count.header.authority_id, count.header.authority_name, created
    )
    target = Path(args.out) / f"Resultaat_{definition.election.id}.eml.xml"
    schemas = args.eml_schemas

    def check(temporary: Path) -> None:
        if schemas:
            validate(temporary, schemas, ("520",), display=target)

    try:
        if not Path(args.out).is_dir():
            raise EmlError(args.out, "the output directory does not exist")
        write_result(target, header, count.contests[0].contest_id, items, check)
    except EmlError as exc:
        print(printable(f"kieswet result: {exc}"), file=sys.stderr)
        return EXIT_INVALID
    print(f"520 geschreven: {target}")
    print(f"hashcode: {digest_file(target)}")
    return EXIT_OK
