"""Input validation: every invalid input is ``Rejected`` with the offending field, a stable code
and a message that names the problem; never an exception.

Each case spoils one thing in an otherwise valid document (``tests.builders.document``: GR,
10 seats, list 1 with 600 votes and 10 candidates, list 2 with candidates voting 300 and 100).
The expected field, code and message fragment are the input contract of DESIGN.md ("rejected:
the input is invalid: a code and a message naming the field"), not engine output.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from interchange.allocation import parse_election
from interchange.engine import allocate_json
from spec.model import Completed, Election, Rejected
from tests.builders import document

Doc = dict[str, Any]


def _set(path: tuple[Any, ...], value: Any) -> Callable[[Doc], None]:
    def spoil(doc: Doc) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return spoil


def _swap_lists(doc: Doc) -> None:
    doc["lists"].reverse()


def _swap_candidates(doc: Doc) -> None:
    doc["lists"][1]["candidates"].reverse()


def _zero_votes(doc: Doc) -> None:
    doc["lists"] = [
        {"number": 1, "name": "A", "votes": 0},
        {"number": 2, "name": "B", "candidates": [{"number": 1, "votes": 0}]},
    ]


def _deceased_count_without_candidate_count(doc: Doc) -> None:
    del doc["lists"][0]["candidate_count"]
    doc["lists"][0]["deceased_count"] = 1


# (case id, spoil, field, code, fragment the message must contain)
CASES: list[tuple[str, Callable[[Doc], None], str, str, str]] = [
    ("duplicate list number", _set(("lists", 1, "number"), 1), "lists[1].number", "duplicate",
     "list number 1"),
    ("unsorted list numbers", _swap_lists, "lists[1].number", "unsorted", "list number 1"),
    ("list number zero", _set(("lists", 0, "number"), 0), "lists[0].number", "invalid_number",
     "list number"),
    ("list number as string", _set(("lists", 0, "number"), "1"), "lists[0].number",
     "invalid_number", "'1'"),
    ("duplicate candidate number", _set(("lists", 1, "candidates", 1, "number"), 1),
     "lists[1].candidates[1].number", "duplicate", "candidate number 1"),
    ("unsorted candidate numbers", _swap_candidates, "lists[1].candidates[1].number", "unsorted",
     "candidate number 1"),
    ("negative list votes", _set(("lists", 0, "votes"), -1), "lists[0].votes", "negative", "-1"),
    ("negative candidate votes", _set(("lists", 1, "candidates", 0, "votes"), -3),
     "lists[1].candidates[0].votes", "negative", "-3"),
    ("fractional votes", _set(("lists", 0, "votes"), 1.5), "lists[0].votes", "not_an_integer",
     "1.5"),
    ("float votes with integral value", _set(("lists", 0, "votes"), 600.0), "lists[0].votes",
     "not_an_integer", "600.0"),
    ("votes as string", _set(("lists", 0, "votes"), "12"), "lists[0].votes", "not_an_integer",
     "'12'"),
    ("votes as boolean", _set(("lists", 0, "votes"), True), "lists[0].votes", "not_an_integer",
     "True"),
    ("candidate votes as string", _set(("lists", 1, "candidates", 0, "votes"), "12"),
     "lists[1].candidates[0].votes", "not_an_integer", "'12'"),
    ("candidate votes as boolean", _set(("lists", 1, "candidates", 0, "votes"), True),
     "lists[1].candidates[0].votes", "not_an_integer", "True"),
    ("zero seats", _set(("election", "seats"), 0), "election.seats", "invalid_seats", "0"),
    ("seats as boolean", _set(("election", "seats"), True), "election.seats", "invalid_seats",
     "True"),
    ("zero total votes", _zero_votes, "lists", "zero_votes", "no votes"),
    ("deceased_count above candidate_count", _set(("lists", 0, "deceased_count"), 11),
     "lists[0].deceased_count", "too_many_deceased", "11"),
    ("deceased_count without candidate_count", _deceased_count_without_candidate_count,
     "lists[0].deceased_count", "missing_candidate_count", "candidate_count"),
    ("unknown law version", _set(("election", "law"), "kieswet-1989"), "election.law",
     "unknown_law_version", "kieswet-1989"),
    ("unknown profile", _set(("election", "profile"), "fancy"), "election.profile",
     "unknown_profile", "fancy"),
    ("unknown profile switch in a combination",
     _set(("election", "profile"), "p9-counts-as-residual+fancy"), "election.profile",
     "unknown_profile", "fancy"),
    ("unknown kind", _set(("election", "kind"), "XX"), "election.kind", "unknown_kind", "XX"),
    ("lower-case kind", _set(("election", "kind"), "gr"), "election.kind", "unknown_kind", "gr"),
    ("unknown top-level field", _set(("colour",), "red"), "colour", "unknown_field", "colour"),
    ("unknown election field", _set(("election", "colour"), "red"), "election.colour",
     "unknown_field", "colour"),
    ("unknown list field", _set(("lists", 0, "colour"), "red"), "lists[0].colour",
     "unknown_field", "colour"),
    ("unknown candidate field", _set(("lists", 1, "candidates", 0, "colour"), "red"),
     "lists[1].candidates[0].colour", "unknown_field", "colour"),
    ("votes not the candidates' sum", _set(("lists", 1, "votes"), 401), "lists[1].votes",
     "votes_mismatch", "401"),
    ("candidate_count next to candidates", _set(("lists", 1, "candidate_count"), 5),
     "lists[1].candidate_count", "conflicting_fields", "candidate_count"),
    ("deceased not a boolean", _set(("lists", 1, "candidates", 0, "deceased"), "yes"),
     "lists[1].candidates[0].deceased", "not_a_boolean", "deceased"),
    ("lot drawn not an option",
     _set(("lots",), [{"kind": "residual_seat", "options": [1, 2], "drawn": 3}]),
     "lots[0].drawn", "drawn_not_an_option", "3"),
    ("lot with one option",
     _set(("lots",), [{"kind": "residual_seat", "options": [1], "drawn": 1}]),
     "lots[0].options", "invalid_options", "options"),
    ("lot with repeated options",
     _set(("lots",), [{"kind": "residual_seat", "options": [2, 2], "drawn": 2}]),
     "lots[0].options", "invalid_options", "distinct"),
    ("lot of unknown kind", _set(("lots",), [{"kind": "coin", "options": [1, 2], "drawn": 1}]),
     "lots[0].kind", "invalid_lot_kind", "coin"),
    ("candidate lot without list",
     _set(("lots",), [{"kind": "candidate", "options": [1, 2], "drawn": 1}]),
     "lots[0].list", "invalid_number", "list"),
    ("residual lot naming a list",
     _set(("lots",), [{"kind": "residual_seat", "options": [1, 2], "drawn": 1, "list": 1}]),
     "lots[0].list", "unexpected_field", "list"),
    ("lots not an array", _set(("lots",), {"kind": "residual_seat"}), "lots", "not_an_array",
     "array"),
    ("lot not an object", _set(("lots",), [5]), "lots[0]", "not_an_object", "lot 1"),
    ("unknown format", _set(("format",), "kieswet/other@9"), "format", "unknown_format",
     "kieswet/other@9"),
    ("lists empty", _set(("lists",), []), "lists", "missing", "non-empty"),
    ("list not an object", _set(("lists", 0), 600), "lists[0]", "not_an_object", "list 1"),
    ("candidates not an array", _set(("lists", 1, "candidates"), {"1": 300}),
     "lists[1].candidates", "not_an_array", "array"),
    ("list name not a string", _set(("lists", 0, "name"), 7), "lists[0].name", "not_a_string",
     "name"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("spoil", "field", "code", "fragment"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_invalid_input_is_rejected_naming_the_field(
    spoil: Callable[[Doc], None], field: str, code: str, fragment: str
) -> None:
    doc = document()
    spoil(doc)
    for result in (parse_election(doc), allocate_json(doc)):
        assert isinstance(result, Rejected), result
        matching = [e for e in result.errors if e.field == field and e.code == code]
        assert matching, f"no {code} error on {field}: {result.errors}"
        assert fragment in matching[0].message


def test_the_unspoiled_document_is_valid() -> None:
    """The base every case spoils is itself valid: otherwise the cases would prove nothing.
    Kiesdeler 1000/10 = 100; full seats 6 / 4, no residual seat. List 2 has only 2 candidates,
    so P 10 reassigns its 2 surplus seats: round 1 (largest remainder) list 1, remainder 0 but
    the only list left; round 2 (averages, one per list) list 1 at 600/8 = 75. Seats 8 / 2."""
    parsed = parse_election(document())
    assert isinstance(parsed, Election)
    result = allocate_json(document())
    assert isinstance(result, Completed)
    assert dict(result.seats) == {1: 8, 2: 2}


def test_votes_equal_to_the_candidates_sum_are_accepted() -> None:
    """300 + 100 = 400: a redundant but consistent list total is fine."""
    doc = document()
    doc["lists"][1]["votes"] = 400
    assert isinstance(parse_election(doc), Election)


def test_every_error_is_reported_not_only_the_first() -> None:
    """Three independent faults in one document give (at least) three errors."""
    doc = document()
    doc["election"]["kind"] = "XX"
    doc["election"]["seats"] = 0
    doc["lists"][0]["votes"] = -1
    result = parse_election(doc)
    assert isinstance(result, Rejected)
    fields = {e.field for e in result.errors}
    assert {"election.kind", "election.seats", "lists[0].votes"} <= fields


def _election_not_an_object(doc: Doc) -> None:
    doc["election"] = ["GR", 10]


def _candidates_of_odd_shapes(doc: Doc) -> None:
    doc["lists"][1]["candidates"] = [1, {"number": [1], "votes": {}}, None]


def _lot_of_odd_shapes(doc: Doc) -> None:
    doc["lots"] = [{"kind": ["x"], "options": [[1], [2]], "drawn": [1]}]


def _lot_options_unhashable(doc: Doc) -> None:
    doc["lots"] = [{"kind": "residual_seat", "options": [[1], [2]], "drawn": [1]}]


def _everything_null(doc: Doc) -> None:
    doc["election"] = None
    doc["lists"] = None
    doc["lots"] = None


@pytest.mark.parametrize(
    "spoil",
    [
        _election_not_an_object,
        _candidates_of_odd_shapes,
        _lot_of_odd_shapes,
        _lot_options_unhashable,
        _everything_null,
        _set(("election", "law"), {"version": 1}),
        _set(("election", "profile"), None),
        _set(("election", "kind"), ["GR"]),
        _set(("lists", 0, "number"), None),
        _set(("lists", 1, "candidates", 0, "number"), 2.0),
        _set(("format",), ["x"]),
    ],
)
def test_odd_shapes_are_rejected_without_an_exception(spoil: Callable[[Doc], None]) -> None:
    doc = document()
    spoil(doc)
    result = allocate_json(doc)
    assert isinstance(result, Rejected)
    assert all(e.field and e.code and e.message for e in result.errors)


@pytest.mark.parametrize("value", [None, [], "text", 3, True])
def test_a_document_that_is_not_an_object_is_rejected(value: object) -> None:
    result = allocate_json(value)
    assert isinstance(result, Rejected)
    assert [(e.field, e.code) for e in result.errors] == [("$", "not_an_object")]


def test_lot_mismatch_is_a_rejection_naming_the_lot() -> None:
    """Kiesdeler 100, full seats 6 / 4, no residual seat; P 10 gives list 2's two surplus seats to
    list 1, the only list left, so no tie anywhere: the allocation asks no lot, and a supplied lot
    is left over → rejected on ``lots[0]`` with code ``lot_mismatch``."""
    doc = document()
    doc["lots"] = [{"kind": "residual_seat", "options": [1, 2], "drawn": 1}]
    assert isinstance(parse_election(doc), Election)  # well-formed ...
    result = allocate_json(doc)
    assert isinstance(result, Rejected)  # ... but not asked for
    (error,) = result.errors
    assert (error.field, error.code) == ("lots[0]", "lot_mismatch")
    assert "lots[0]" in error.message
