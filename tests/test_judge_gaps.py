"""Fields of a district result that no rule judged (issue 16): a wrong value there passed.

Each test takes a right answer, changes only that field, and asserts the judge rejects it
naming the rule. The expected values are the hand computations in the vectors' comments
(``conformance.vector_sources.districts``) or written out here, not the engine's output.
"""

from __future__ import annotations

import copy
from typing import Any

from conformance.vector_sources.districts import CASES, DistrictCase
from interchange.districts import district_result_to_json, parse_district_election
from interchange.judging import check_districts
from reference.districts import allocate_districts
from spec.districts import DistrictElection
from spec.rules import Violation


def _case(group: str, comment_start: str) -> DistrictCase:
    [case] = [c for c in CASES if c.group == group and c.comment.startswith(comment_start)]
    return case


def _answer(document: dict[str, Any]) -> tuple[DistrictElection, dict[str, Any]]:
    election = parse_district_election(copy.deepcopy(document))
    assert isinstance(election, DistrictElection), election
    return election, district_result_to_json(allocate_districts(election))


def _violations(election: DistrictElection, result: dict[str, Any]) -> list[Violation]:
    return check_districts(election, result)


# =========================================================================== P 12 lid 5: lot


def test_a_wrong_lot_place_in_a_group_distribution_is_rejected() -> None:
    """"P 12 ties", the lot drawn for list 12: group 1 has 11 seats, lists 11 and 12 550
    votes each, groepskiesdeler 100, 5 full seats each, remainder 50 each; the one remainder
    seat (the 1st seat after the full seats) goes by lot (P 12 lid 5): ``lot`` is [1]."""
    case = _case("P 12 ties", "The same with the lot drawn for list 12")
    election, result = _answer(dict(case.input))
    [distribution] = result["distributions"]
    assert distribution["lot"] == [1]  # the hand computation above
    assert _violations(election, result) == []
    for wrong_lot in ([], [2], [1, 1], "1"):
        wrong = copy.deepcopy(result)
        wrong["distributions"][0]["lot"] = wrong_lot
        found = _violations(election, wrong)
        assert {v.rule_id for v in found} == {"P12.2-largest-remainder"}, (wrong_lot, found)
        assert "het lot beslist zetel 1 van de zetels na de volle zetels" in found[0].message


def test_a_lot_claimed_where_none_decided_is_rejected() -> None:
    """"P 12 groepskiesdeler and largest remainders", first vector: group 1 of 10 seats, lists
    11: 600, 12: 300, 13: 100 (groepskiesdeler 100): 6, 3 and 1 full seats, no remainder seat,
    so no seat is decided by lot; a result claiming ``lot`` [1] for it is wrong."""
    case = _case("P 12 groepskiesdeler and largest remainders", "PS, 20 seats, 2000 votes, "
                 "kiesdeler 100. Group 1 (1000 votes) and group 2")  # fmt: skip
    election, result = _answer(dict(case.input))
    assert result["distributions"][0]["owner"] == 1
    assert result["distributions"][0]["lot"] == []
    assert _violations(election, result) == []
    wrong = copy.deepcopy(result)
    wrong["distributions"][0]["lot"] = [1]
    found = _violations(election, wrong)
    assert {v.rule_id for v in found} == {"P12.2-largest-remainder"}, found
    assert found[0].message.startswith(
        "lijstengroep 1: geen zetel van de verdeling wordt door het lot beslist (P 12 lid 5)"
    )


def test_the_lot_place_counts_the_seats_given_after_the_full_seats() -> None:
    """"P 13 inside a lijstengroep", lot drawn for list 13: group 1 of 10 seats holds 3 after
    P 12 lid 4 and P 13 lid 1 (list 11 at its 1 candidate, 12 and 13 one full seat each); then
    12 and 13 by remainder (seats 1, 2), by average 50 (3, 4) and 37 1/2 (5, 6), and the 7th
    seat by lot (average 30 each): ``lot`` is [7]."""
    case = _case("P 13 inside a lijstengroep: a list with fewer candidates than seats",
                 "The same with the lot drawn for list 13")  # fmt: skip
    election, result = _answer(dict(case.input))
    [distribution] = result["distributions"]
    assert distribution["lot"] == [7]
    assert _violations(election, result) == []
    wrong = copy.deepcopy(result)
    wrong["distributions"][0]["lot"] = [6]
    found = _violations(election, wrong)
    assert {v.rule_id for v in found} == {"P12.2-largest-remainder"}, found
    assert "het lot beslist zetel 7" in found[0].message
