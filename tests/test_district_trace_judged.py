"""The trace fields of a district result that the judge used to pass over unread, now judged:
a distribution's ``remainder_order`` and ``reassigned`` (P 12 lid 5, P 13), the placements'
``candidate``, ``position`` and ``votes`` (P 16), a lot question's ``lots_used``.

Each test takes a hand-computed vector of the suite (its comment gives the computation; the
figures are repeated here), states the fields as the law makes them (accepted), then as a
wrong implementation would (rejected, naming the rule). Kieswet (BWBR0004627), consolidated
text of 2026-01-01, https://wetten.overheid.nl/BWBR0004627/2026-01-01.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from conformance.suite import default_suite, load_suite
from interchange.districts import district_result_to_json, parse_district_election
from interchange.judging import check_districts
from reference.districts import allocate_districts
from spec.districts import DistrictElection

SUITE = default_suite()
pytestmark = pytest.mark.skipif(
    not (SUITE / "manifest.json").is_file(), reason="the shipped suite is not built yet"
)


def _vector(vector_id: int) -> tuple[DistrictElection, dict[str, Any]]:
    """The election of a district vector and the reference's answer to it."""
    vector = next(v for v in load_suite(SUITE).vectors if v.id == vector_id)
    election = parse_district_election(vector.input)
    assert isinstance(election, DistrictElection)
    return election, district_result_to_json(allocate_districts(election))


def _rules(election: DistrictElection, answer: dict[str, Any]) -> set[str]:
    return {v.rule_id for v in check_districts(election, answer)}


# Vector 1975 (p12-p18-groups.json): group 1 has 5 seats and 558 votes, groepskiesdeler
# 558/5 = 111 3/5. Lists 11 (293 votes, 1 candidate): 2 full seats; 12 (20): 0; 13 (52, 4
# candidates): 0; 14 (193, 1 candidate): 1. List 11 can take 1 of its 2 full seats (P 13
# lid 1): its other full seat passes on. 3 seats are left: largest remainders among the lists
# that can take one, 13 (52) then 12 (20); then greatest averages (P 13 lid 2): 12 20/2 = 10,
# 13 52/2 = 26, so 13. The seat passed on from list 11 is the last one given: to list 13, by
# greatest average.
ORDER_1975 = [13, 12, 13]
REASSIGNED_1975 = [{"from": 11, "to": 13, "method": "greatest_average"}]


def _distribution(answer: dict[str, Any]) -> dict[str, Any]:
    (found,) = [d for d in answer["distributions"] if d["owner"] == 1]
    return found  # type: ignore[no-any-return]


def test_remainder_order_and_reassigned_as_the_law_makes_them_pass() -> None:
    election, answer = _vector(1975)
    _distribution(answer)["remainder_order"] = list(ORDER_1975)
    _distribution(answer)["reassigned"] = copy.deepcopy(REASSIGNED_1975)
    assert _rules(election, answer) == set()


@pytest.mark.parametrize(
    "order",
    [
        [12, 13, 13],  # by list number
        [13, 13, 12],  # the greatest average before the smaller remainder
        [13, 12],  # the seat passed on left out
        [13, 12, 12],  # the passed-on seat to the smaller average
    ],
)
def test_a_wrong_remainder_order_is_rejected_under_p12_lid_5(order: list[int]) -> None:
    election, answer = _vector(1975)
    _distribution(answer)["remainder_order"] = order
    assert "P12.2-largest-remainder" in _rules(election, answer)


@pytest.mark.parametrize(
    "reassigned",
    [
        [],  # P 13 lid 1 not stated
        [{"from": 11, "to": 13, "method": "largest_remainder"}],  # the wrong method
        [{"from": 14, "to": 13, "method": "greatest_average"}],  # 14 keeps its one full seat
        [{"from": 11, "to": 12, "method": "greatest_average"}],  # 12's average 10 < 26
        [*REASSIGNED_1975, *REASSIGNED_1975],  # one seat passed on, not two
    ],
)
def test_wrong_reassigned_seats_are_rejected_under_p13(reassigned: list[Any]) -> None:
    election, answer = _vector(1975)
    _distribution(answer)["remainder_order"] = list(ORDER_1975)
    _distribution(answer)["reassigned"] = reassigned
    assert _rules(election, answer) == {"P12.2-largest-remainder"}


# Vector 1193 (p12-p18-groups.json): candidate A stands on list 11 (300 votes, number 1) and
# list 12 (250 votes, number 2) of group 1; summed 550, elected on preference. P 16 lid 1: the
# list with the most votes for A is list 11, which has seats left: A counts as elected there,
# as candidate 1 with 300 votes.
PLACEMENT_A = {
    "article": "P 16 lid 1",
    "party": 1,
    "candidate": "A",
    "list": 11,
    "position": 1,
    "votes": 300,
    "forfeited_from": None,
}


def _placement_of_a(answer: dict[str, Any]) -> dict[str, Any]:
    (found,) = [p for p in answer["placements"] if p["candidate"] == "A"]
    return found  # type: ignore[no-any-return]


def test_a_placement_as_the_law_makes_it_passes() -> None:
    election, answer = _vector(1193)
    _placement_of_a(answer).update(PLACEMENT_A)
    assert _rules(election, answer) == set()


@pytest.mark.parametrize(
    "change",
    [
        {"votes": 550},  # summed over the group's lists (P 15), not the votes on list 11
        {"votes": 250},  # the votes on list 12
        {"position": 2},  # A's number on list 12
        {"candidate": "B"},  # another person
        {"article": "P 16 lid 2", "forfeited_from": 12},  # list 11 had a seat left
    ],
)
def test_a_wrong_placement_field_is_rejected_under_p16(change: dict[str, Any]) -> None:
    election, answer = _vector(1193)
    _placement_of_a(answer).update({**PLACEMENT_A, **change})
    assert "P16-placement" in _rules(election, answer)


def test_a_placement_left_out_or_doubled_is_rejected() -> None:
    election, answer = _vector(1193)
    left_out = copy.deepcopy(answer)
    left_out["placements"] = [p for p in answer["placements"] if p["candidate"] != "A"]
    assert "P16-placement" in _rules(election, left_out)
    doubled = copy.deepcopy(answer)
    doubled["placements"].append(dict(PLACEMENT_A))
    assert "P16-placement" in _rules(election, doubled)


def test_a_placement_for_a_party_that_is_no_group_is_rejected() -> None:
    election, answer = _vector(1193)
    answer["placements"].append({**PLACEMENT_A, "party": 21, "list": 21})
    assert "P16-placement" in _rules(election, answer)


# Vector 1191 (p12-p18-groups.json): lists 11 and 12 of group 1 tie for its last seat
# (remainders 50 and 50); no lot is supplied, so the answer asks one (stage group) with no
# supplied lot consumed before it: lots_used 0.


@pytest.mark.parametrize(("lots_used", "accepted"), [(0, True), (1, False), (None, False)])
def test_lots_used_of_a_group_lot_question(lots_used: int | None, accepted: bool) -> None:
    election, answer = _vector(1191)
    assert answer["status"] == "needs_lot" and answer["stage"] == "group"
    answer["lots_used"] = lots_used
    assert (_rules(election, answer) == set()) is accepted
    if not accepted:
        assert _rules(election, answer) == {"P12.2-largest-remainder"}
