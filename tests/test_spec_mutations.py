"""Every rule catches the mistake it is about.

Each test takes the reference's correct result for a small election, checks that ``spec.check``
accepts it, then makes one deliberate mistake (move a seat, ignore a cap, skip P 9, ...) and
checks that the rule about that mistake flags it. The elections are small enough to verify by
hand; each test says why its mutation is wrong. Also ``kieswet check``'s exit codes.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from conformance.vector_sources.districts import CASES as DISTRICT_CASES
from interchange.allocation import parse_election, result_to_json
from interchange.districts import district_result_to_json, parse_district_election
from interchange.judging import check, check_districts
from kieswet.cli import main
from reference.allocate import allocate
from reference.districts import allocate_districts
from spec.districts import DistrictCompleted, DistrictElection
from spec.model import Election, Lot

REPO = Path(__file__).resolve().parents[1]


def election_of(data: dict[str, Any]) -> Election:
    parsed = parse_election(data)
    assert isinstance(parsed, Election), parsed
    return parsed


def lists_election(kind: str, seats: int, *votes: int, **extra: Any) -> Election:
    """A list-level election; lists numbered 1, 2, ... in the order given."""
    lists = [{"number": n, "name": f"L{n}", "votes": v} for n, v in enumerate(votes, start=1)]
    return election_of({"election": {"kind": kind, "seats": seats, **extra}, "lists": lists})


def example(name: str) -> Election:
    return election_of(json.loads((REPO / "examples" / name).read_text(encoding="utf-8")))


def correct(election: Election) -> dict[str, Any]:
    """The reference's result, which the specification must accept."""
    doc = result_to_json(allocate(election))
    assert check(election, doc) == []
    return copy.deepcopy(doc)


def flagged(election: Election, doc: Any) -> set[str]:
    return {v.rule_id for v in check(election, doc)}


def residual_steps(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in doc["steps"] if s["step"] == "residual_seat"]


def move_seat(doc: dict[str, Any], index: int, to: int) -> None:
    """Give the ``index``-th residual seat to list ``to`` instead (steps, seats, order)."""
    step = residual_steps(doc)[index]
    was = step["list"]
    step["list"] = to
    doc["seats"][str(was)] -= 1
    doc["seats"][str(to)] += 1
    doc["residual_seat_order"] = [s["list"] for s in residual_steps(doc)]


def without_steps(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != "steps"}


# --------------------------------------------------------------------------- P 5, P 6, totals


def test_p5_wrong_quota() -> None:
    election = example("enkhuizen-2022.json")
    doc = correct(election)
    doc["quota"] = "400"
    assert "P5-quota" in flagged(election, doc)
    doc = correct(election)
    doc["total_votes"] += 1
    assert "P5-quota" in flagged(election, doc)


def test_p6_full_seat_off_by_one() -> None:
    election = example("reusel-de-mierden-2022.json")
    doc = correct(election)
    doc["full_seats"]["2"] += 1
    assert "P6-full-seats" in flagged(election, doc)


def test_p6_full_seat_step_states_other_votes() -> None:
    # The stemcijfer a list's full seats are counted from is its votes; a full-seat step that
    # states one vote more for list 2 (its full seats and remainder left as they are) is wrong.
    election = example("reusel-de-mierden-2022.json")
    doc = correct(election)
    (step,) = [s for s in doc["steps"] if s["step"] == "full_seats"]
    row = next(r for r in step["lists"] if r["list"] == 2)
    row["votes"] += 1
    assert flagged(election, doc) == {"P6-full-seats"}


def test_seats_total_one_seat_too_many() -> None:
    election = lists_election("GR", 7, 300, 260, 230, 210)
    doc = correct(election)
    doc["seats"]["1"] += 1
    assert {"SEATS-total", "STEPS-consistent"} <= flagged(election, doc)
    assert "SEATS-total" in flagged(election, without_steps(doc))


def test_stated_value_not_exact() -> None:
    election = lists_election("GR", 7, 300, 260, 230, 210)
    doc = correct(election)
    residual_steps(doc)[0]["value"] = "117"  # the remainder is 117 1/7
    assert "STEPS-consistent" in flagged(election, doc)


# --------------------------------------------------------------------------- P 7


def test_p7_1_seat_moved_to_a_smaller_average() -> None:
    # 19 seats: the last residual seat moved to a list whose average was smaller.
    election = lists_election("GR", 19, 1000, 700, 450, 300, 120)
    doc = correct(election)
    last = residual_steps(doc)[-1]
    smaller = next(
        c["list"]
        for c in last["contenders"]
        if c["list"] != last["list"] and c["value"] != last["value"]
    )
    move_seat(doc, -1, smaller)
    assert "P7.1-greatest-average" in flagged(election, doc)
    assert "P7.1-greatest-average" in flagged(election, without_steps(doc))


def test_p7_2_list_below_quota_gets_a_residual_seat() -> None:
    # 20 seats, 3305 votes: kiesdeler 165 1/4; lists 1-3 have 6 full seats each. List 4 (155
    # votes) has the greatest average (155 against 1060/7 = 151 3/7), which wins a residual
    # seat in a provincial election but not in a Tweede Kamer election (P 7 lid 2). The PS
    # result is wrong for the TK election.
    ps = lists_election("PS", 20, 1060, 1050, 1040, 155)
    doc = correct(ps)
    assert doc["seats"]["4"] == 1
    tk = lists_election("TK", 20, 1060, 1050, 1040, 155)
    assert "P7.2-full-quota-threshold" in flagged(tk, doc)
    assert "P7.2-full-quota-threshold" in flagged(tk, without_steps(doc))


def test_bill_36641_list_below_quota_gets_a_residual_seat() -> None:
    current = lists_election("GR", 20, 1060, 1050, 1040, 155)
    doc = correct(current)
    assert doc["seats"]["4"] == 1
    bill = lists_election("GR", 20, 1060, 1050, 1040, 155, law="bill-36641")
    assert "BILL36641-full-quota" in flagged(bill, doc)


def test_list_without_votes_gets_a_residual_seat() -> None:
    election = lists_election("GR", 19, 1000, 700, 450, 0)
    doc = correct(election)
    move_seat(doc, -1, 4)
    assert "RESIDUAL-no-votes" in flagged(election, doc)
    assert "RESIDUAL-no-votes" in flagged(election, without_steps(doc))


# --------------------------------------------------------------------------- P 8


def test_p8_1_remainder_seat_to_a_smaller_remainder() -> None:
    # 7 seats, kiesdeler 142 6/7. Remainders: list 2 117 1/7, list 3 87 1/7, list 4 67 1/7;
    # two residual seats go to lists 2 and 3. Moving list 3's seat to list 4 is wrong.
    election = lists_election("GR", 7, 300, 260, 230, 210)
    doc = correct(election)
    assert doc["residual_seat_order"] == [2, 3]
    move_seat(doc, 1, 4)
    assert "P8.1-largest-remainder" in flagged(election, doc)
    assert "P8.1-largest-remainder" in flagged(election, without_steps(doc))


def test_p8_2_remainder_seat_below_75_percent() -> None:
    # 7 seats, kiesdeler 142 6/7, 75% of it 107 1/7. List 4 (100 votes) has remainder 100,
    # more than list 3's 57 1/7, but is below 75%: it cannot win a remainder seat.
    election = lists_election("GR", 7, 400, 300, 200, 100)
    doc = correct(election)
    assert doc["residual_seat_order"] == [1, 3]
    move_seat(doc, 1, 4)
    assert "P8.2-75-percent" in flagged(election, doc)


def test_p8_2_threshold_is_inclusive() -> None:
    # 4 seats, 1000 votes: kiesdeler 250, 75% = 187 1/2. List 3 has 188 >= 187 1/2 and
    # takes part in the remainder round; a result that passes it over is wrong.
    election = lists_election("GR", 4, 500, 312, 188)
    doc = correct(election)
    assert 3 in doc["residual_seat_order"]
    step = residual_steps(doc)[doc["residual_seat_order"].index(3)]
    assert step["method"] == "largest_remainder"


def test_p8_2_two_remainder_seats_for_one_list() -> None:
    election = lists_election("GR", 7, 400, 300, 200, 100)
    doc = correct(election)
    move_seat(doc, 1, 1)  # list 1 already won the first remainder seat
    assert "P8.2-one-per-list" in flagged(election, doc)


def test_p8_3_two_average_seats_for_one_list_in_round_2() -> None:
    # 9 seats, kiesdeler 111 1/9: list 1 has 6 full seats; lists 2-6 are below 75%. Round 1:
    # list 1 (the only one qualifying). Round 2, one per list: list 1 (700/8 = 87 1/2), then
    # list 2 (64). Giving the third seat to list 1 again breaks the one-per-list cap.
    election = lists_election("GR", 9, 700, 64, 62, 60, 58, 56)
    doc = correct(election)
    assert doc["residual_seat_order"] == [1, 1, 2]
    assert [s["method"] for s in residual_steps(doc)] == [
        "largest_remainder",
        "greatest_average_one_per_list",
        "greatest_average_one_per_list",
    ]
    move_seat(doc, 2, 1)
    assert "P8.3-average-one-per-list" in flagged(election, doc)
    assert "P8.3-average-one-per-list" in flagged(election, without_steps(doc))


def test_p8_3_round_2_seat_to_a_smaller_average() -> None:
    election = lists_election("GR", 9, 700, 64, 62, 60, 58, 56)
    doc = correct(election)
    move_seat(doc, 2, 4)  # list 4 (60) instead of list 2 (64)
    assert "P8.3-greatest-average" in flagged(election, doc)
    assert "P8.3-greatest-average" in flagged(election, without_steps(doc))


def test_p8_wrong_method_for_the_round() -> None:
    election = lists_election("GR", 7, 300, 260, 230, 210)
    doc = correct(election)
    residual_steps(doc)[1]["method"] = "greatest_average_one_per_list"
    assert "P8.1-largest-remainder" in flagged(election, doc)


# --------------------------------------------------------------------------- ties and lots


def _tie_for_two() -> Election:
    # 21 seats, kiesdeler 2150/21: lists 1 and 2 have 9 full seats, list 3 one; two residual
    # seats. Lists 1 and 2 tie at average 100 and both get one: no lot, list order.
    return lists_election("PS", 21, 1000, 1000, 150)


def test_non_decisive_tie_served_out_of_list_order() -> None:
    election = _tie_for_two()
    doc = correct(election)
    steps = residual_steps(doc)
    assert [s["list"] for s in steps] == [1, 2] and steps[0]["tied"] == [1, 2]
    steps[0]["list"], steps[1]["list"] = 2, 1
    doc["residual_seat_order"] = [2, 1]
    assert "TIE-list-order" in flagged(election, doc)


def test_lot_claimed_for_a_tie_that_is_not_decisive() -> None:
    election = _tie_for_two()
    doc = correct(election)
    residual_steps(doc)[0]["lot"] = True
    assert "LOT-decisive" in flagged(election, doc)


def test_needs_lot_for_a_tie_that_is_not_decisive() -> None:
    election = _tie_for_two()
    doc = correct(election)
    question = {
        "format": doc["format"],
        "status": "needs_lot",
        "lot": {"kind": "residual_seat", "options": [1, 2], "seat": 1, "value": "100"},
        "lots_used": 0,
        "quota": doc["quota"],
        "seats_so_far": doc["full_seats"],
        "steps": [],
    }
    assert "LOT-decisive" in flagged(election, question)


def test_needs_lot_between_lists_that_do_not_tie() -> None:
    election = example("roermond-2026.json")
    doc = correct(election)
    assert doc["status"] == "needs_lot" and doc["lot"]["options"] == [3, 9]
    doc["lot"]["options"] = [3, 7]
    assert "LOT-decisive" in flagged(election, doc)


def test_completed_without_the_decisive_lot() -> None:
    # Roermond without a lot: a result that simply gives the seat to list 3 is wrong.
    election = example("roermond-2026.json")
    drawn = with_lots(election, Lot("residual_seat", (3, 9), 3))
    doc = correct(drawn)
    assert "LOT-drawn" in flagged(election, doc)


@pytest.mark.parametrize(
    "left_over",
    [Lot("absolute_majority", (2, 3), 2), Lot("candidate", (1, 2), 1, 2)],
    ids=["P 9 lot", "candidate lot"],
)
def test_a_residual_seat_lot_asked_while_a_supplied_lot_is_left_over(left_over: Lot) -> None:
    """PS, 20 seats, 1050 / 475 / 475 (by hand): kiesdeler 100, full seats 10 / 4 / 4, two
    residual seats by greatest averages (P 7): 1050/11 = 95 5/11 > 95 gives the first to list
    1; then 1050/12 = 87 1/2 against 95 and 95: lists 2 and 3 tie for one seat, a lot. An
    input that supplies a lot of another question (a P 9 lot, or a candidate lot of P 15) has
    that lot as the answer to this tie, and it does not fit: the right answer is rejected
    (lot_mismatch). The answer that ignores the supplied lot and asks for the residual-seat lot
    is wrong, with its steps as without them (LOT-drawn)."""
    election = lists_election("PS", 20, 1050, 475, 475)
    doc = correct(election)
    assert doc["status"] == "needs_lot" and doc["lot"]["options"] == [2, 3]
    supplied = with_lots(election, left_over)
    assert "LOT-drawn" in flagged(supplied, doc)
    assert "LOT-drawn" in flagged(supplied, without_steps(doc))


def test_a_candidate_lot_asked_while_a_later_lists_lot_is_supplied() -> None:
    """GR 3 (by hand): list 1 candidates 1000, 1000, 1000, list 2 1000, 1000; kiesdeler
    1666 2/3, full seats 1 / 1, the residual seat to list 1 (P 8, remainder 1333 1/3 against
    the 1250 it needs; list 2's 333 1/3 does not reach it): 2 / 1. Every candidate is above the
    voorkeurdrempel (833 1/3): list 1's three tie for its two seats, the first question. An
    input supplying only list 2's lot has that lot answer list 1's question, and it does not
    fit: rejected. The answer that ignores it and asks for list 1's lot is wrong, with its steps
    (LOT-drawn; it passed before 2026-12-08) as without them."""
    data = {
        "election": {"kind": "GR", "seats": 3},
        "lists": [
            {
                "number": 1,
                "name": "A",
                "candidates": [{"number": n, "votes": 1000} for n in (1, 2, 3)],
            },
            {
                "number": 2,
                "name": "B",
                "candidates": [{"number": n, "votes": 1000} for n in (1, 2)],
            },
        ],
    }
    election = election_of(data)
    doc = correct(election)
    assert doc["status"] == "needs_lot" and doc["seats_so_far"] == {"1": 2, "2": 1}
    assert (doc["lot"]["list"], doc["lot"]["options"]) == (1, [1, 2, 3])
    supplied = with_lots(election, Lot("candidate", (1, 2), 2, 2))
    assert "LOT-drawn" in flagged(supplied, doc)
    assert "LOT-drawn" in flagged(supplied, without_steps(doc))


def test_seat_not_given_to_the_list_the_lot_fell_on() -> None:
    election = example("roermond-2026.json")
    drawn = with_lots(election, Lot("residual_seat", (3, 9), 9))
    doc = correct(drawn)
    index = next(i for i, s in enumerate(residual_steps(doc)) if s["lot"])
    assert residual_steps(doc)[index]["list"] == 9
    move_seat(doc, index, 3)
    assert "LOT-drawn" in flagged(drawn, doc)


# --------------------------------------------------------------------------- P 9, P 10


def test_p9_skipped() -> None:
    # Reusel-De Mierden 2022: list 1 has more than half of the votes but 7 of 15 seats after
    # the residual seats; P 9 gives it the seat of list 4 (the last residual seat).
    election = example("reusel-de-mierden-2022.json")
    doc = correct(election)
    step = next(s for s in doc["steps"] if s["step"] == "absolute_majority")
    assert (step["list"], step["from_list"]) == (1, 4)
    doc["steps"].remove(step)
    doc["seats"]["1"] -= 1
    doc["seats"]["4"] += 1
    assert "P9-absolute-majority" in flagged(election, doc)
    assert "P9-absolute-majority" in flagged(election, without_steps(doc))


def test_p9_seat_taken_from_the_wrong_list() -> None:
    election = example("reusel-de-mierden-2022.json")
    doc = correct(election)
    step = next(s for s in doc["steps"] if s["step"] == "absolute_majority")
    step["from_list"] = 2
    doc["seats"]["4"] += 1
    doc["seats"]["2"] -= 1
    assert "P9-absolute-majority" in flagged(election, doc)


def test_p9_exactly_half_does_not_count() -> None:
    election = lists_election("GR", 9, 500, 300, 200)
    doc = correct(election)
    assert not any(s["step"] == "absolute_majority" for s in doc["steps"])
    assert doc["seats"]["1"] == 4


def _enkhuizen_reassigned() -> tuple[Election, dict[str, Any], dict[str, Any]]:
    # Enkhuizen 2022: list 10 has one candidate but wins a remainder seat; P 10 reassigns it
    # (to list 6, the next largest remainder).
    election = example("enkhuizen-2022.json")
    doc = correct(election)
    step = next(s for s in doc["steps"] if s["step"] == "residual_seat" and s["reassignment"])
    assert step["list"] == 6
    return election, doc, step


def test_p10_exhaustion_ignored() -> None:
    election, doc, step = _enkhuizen_reassigned()
    doc["steps"] = [s for s in doc["steps"] if s is not step and s["step"] != "list_exhaustion"]
    doc["seats"]["10"] += 1
    doc["seats"]["6"] -= 1
    doc["residual_seat_order"] = [s["list"] for s in residual_steps(doc)]
    assert "P10-exhaustion" in flagged(election, doc)
    assert "P10-exhaustion" in flagged(election, without_steps(doc))


def test_p10_surplus_left_empty_although_a_list_could_take_it() -> None:
    election, doc, step = _enkhuizen_reassigned()
    index = doc["steps"].index(step)
    doc["steps"][index] = {"step": "unfilled_seats", "article": "P 10", "seats": 1, "reason": "-"}
    doc["seats"]["6"] -= 1
    doc["residual_seat_order"] = [s["list"] for s in residual_steps(doc)]
    assert "P10-no-empty-seat-needlessly" in flagged(election, doc)
    assert "P10-no-empty-seat-needlessly" in flagged(election, without_steps(doc))


def test_p10_reassigned_to_an_exhausted_list() -> None:
    election, doc, step = _enkhuizen_reassigned()
    step["list"] = 10
    doc["seats"]["6"] -= 1
    doc["seats"]["10"] += 1
    assert "P10-exhaustion" in flagged(election, doc)


# --------------------------------------------------------------------------- candidates


def _candidates_election() -> Election:
    # 9 seats, 900 votes: kiesdeler 100, voorkeurdrempel 50% of it = 50 (GR below 19 seats).
    # List 1 (370): 3 full seats + the remainder seat (70); list 2 (430): 4 full seats;
    # list 3 (100): 1 full seat, its first candidate deceased.
    return election_of(
        {
            "election": {"kind": "GR", "seats": 9},
            "lists": [
                {
                    "number": 1,
                    "name": "A",
                    "candidates": [
                        {"number": 1, "votes": 300},
                        {"number": 2, "votes": 50},
                        {"number": 3, "votes": 10},
                        {"number": 4, "votes": 10},
                        {"number": 5, "votes": 0},
                    ],
                },
                {
                    "number": 2,
                    "name": "B",
                    "candidates": [
                        {"number": 1, "votes": 100},
                        {"number": 2, "votes": 250},
                        {"number": 3, "votes": 80},
                        {"number": 4, "votes": 0},
                        {"number": 5, "votes": 0},
                    ],
                },
                {
                    "number": 3,
                    "name": "C",
                    "candidates": [
                        {"number": 1, "votes": 60, "deceased": True},
                        {"number": 2, "votes": 40},
                    ],
                },
            ],
        }
    )


def test_candidates_correct_result_is_as_computed_by_hand() -> None:
    election = _candidates_election()
    doc = correct(election)
    assert doc["seats"] == {"1": 4, "2": 4, "3": 1}
    assert doc["elected_on_preference"] == {"1": [1], "2": [2, 1, 3], "3": []}
    assert doc["elected"] == {"1": [1, 2, 3, 4], "2": [2, 1, 3, 4], "3": [2]}


def test_p15_wrong_threshold() -> None:
    election = _candidates_election()
    doc = correct(election)
    doc["preference_threshold"] = "25"
    assert "P15-threshold" in flagged(election, doc)


def test_p15_candidate_exactly_on_the_threshold_elected_on_preference() -> None:
    election = _candidates_election()
    doc = correct(election)
    doc["elected_on_preference"]["1"] = [1, 2]  # candidate 2 has exactly 50
    assert "P15-threshold-strict" in flagged(election, doc)


def test_p15_preference_order_by_list_order_instead_of_votes() -> None:
    election = _candidates_election()
    doc = correct(election)
    doc["elected_on_preference"]["2"] = [1, 2, 3]
    doc["elected"]["2"] = [1, 2, 3, 4]
    assert "P15-preference-order" in flagged(election, doc)
    doc["elected_on_preference"]["2"] = [2, 1]  # candidate 3 (80) left out
    doc["elected"]["2"] = [2, 1, 4, 5]
    assert "P15-preference-order" in flagged(election, doc)


def test_p17_remaining_seat_not_in_list_order() -> None:
    election = _candidates_election()
    doc = correct(election)
    doc["elected"]["2"] = [2, 1, 3, 5]
    assert "P17-list-order" in flagged(election, doc)
    doc["elected"]["2"] = [2, 1, 3]
    assert "P17-list-order" in flagged(election, doc)


def test_p19_ranking_wrong() -> None:
    election = _candidates_election()
    doc = correct(election)
    doc["ranking"]["2"] = [1, 2, 3, 4, 5]
    assert "P19-ranking" in flagged(election, doc)


def test_p19a_deceased_candidate_elected() -> None:
    election = _candidates_election()
    doc = correct(election)
    doc["elected"]["3"] = [1]
    doc["elected_on_preference"]["3"] = [1]
    assert "P19a-deceased" in flagged(election, doc)


def test_unknown_candidate_elected() -> None:
    election = _candidates_election()
    doc = correct(election)
    doc["elected"]["1"] = [1, 2, 3, 99]
    assert "CANDIDATES-known" in flagged(election, doc)


def _candidate_tie(decisive: bool) -> Election:
    # GR, 5 seats. List 1's candidates tie at 90 votes each. Decisive: list 2 has 330 votes,
    # kiesdeler 600/5 = 120, threshold 60; list 1 has 2 full seats (remainder 30), list 2 2 full
    # seats (remainder 90) and the residual seat: 3 tied candidates for 2 seats. Not decisive:
    # list 2 has 210, kiesdeler 96, threshold 48; list 1 wins the residual seat (remainder 78
    # against 18) and all three tied candidates are elected, in list order.
    other = 330 if decisive else 210
    return election_of(
        {
            "election": {"kind": "GR", "seats": 5},
            "lists": [
                {
                    "number": 1,
                    "name": "A",
                    "candidates": [{"number": n, "votes": 90} for n in (1, 2, 3)],
                },
                {
                    "number": 2,
                    "name": "B",
                    "candidates": [{"number": 1, "votes": other}]
                    + [{"number": n, "votes": 0} for n in range(2, 6)],
                },
            ],
        }
    )


def with_lots(election: Election, *lots: Lot) -> Election:
    return Election(
        election.kind, election.seats, election.lists, election.law, election.profile, lots
    )


def test_candidate_lot_for_a_tie_that_is_not_decisive() -> None:
    election = _candidate_tie(decisive=False)
    doc = correct(election)
    assert doc["seats"]["1"] == 3 and doc["elected_on_preference"]["1"] == [1, 2, 3]
    question = {
        "format": doc["format"],
        "status": "needs_lot",
        "lot": {"kind": "candidate", "options": [1, 2, 3], "list": 1},
        "lots_used": 0,
        "quota": doc["quota"],
        "seats_so_far": doc["seats"],
        "steps": [s for s in doc["steps"] if s["step"] != "preference"],
    }
    assert "LOT-decisive" in flagged(election, question)


def test_candidate_tie_decided_against_the_lot() -> None:
    election = _candidate_tie(decisive=True)
    question = correct(election)
    assert question["status"] == "needs_lot" and question["lot"]["options"] == [1, 2, 3]
    second = correct(with_lots(election, Lot("candidate", (1, 2, 3), 3, 1)))
    assert second["status"] == "needs_lot" and second["lot"]["options"] == [1, 2]
    drawn = with_lots(election, Lot("candidate", (1, 2, 3), 3, 1), Lot("candidate", (1, 2), 2, 1))
    doc = correct(drawn)
    assert doc["elected"]["1"] == [3, 2]
    doc["elected"]["1"] = doc["elected_on_preference"]["1"] = [3, 1]
    assert "LOT-drawn" in flagged(drawn, doc)


# --------------------------------------------------------------------------- P 19 in a lijstengroep


def _district(group: str) -> tuple[DistrictElection, dict[str, Any]]:
    """A hand-written district case (``conformance.vector_sources.districts``) and the
    reference's result, which ``spec.district_check`` must accept."""
    case = next(c for c in DISTRICT_CASES if c.group == group and c.ranking)
    election = parse_district_election(dict(case.input))
    assert isinstance(election, DistrictElection), election
    result = allocate_districts(election)
    assert isinstance(result, DistrictCompleted), result
    doc = district_result_to_json(result)
    assert check_districts(election, doc) == []
    return election, copy.deepcopy(doc)


def district_flagged(election: DistrictElection, doc: Any) -> set[str]:
    return {v.rule_id for v in check_districts(election, doc)}


def test_p19_group_ranking_by_own_list_votes_instead_of_summed_votes() -> None:
    # Group 1, list 11: X 14, Y 20, P 15, A 40, D 29 (deceased), E 0; summed over the group
    # P 30, X 28, Y 28. Correct: A (elected on preference), then P, X, Y by summed votes (X
    # before Y in list 11's order), E: 4, 3, 1, 2, 6. By list 11's own votes (Y 20, P 15,
    # X 14) it would be 4, 2, 3, 1, 6: wrong, P 15 counts votes over the lists together.
    election, doc = _district("P 19 ranking in a lijstengroep")
    assert doc["ranking"]["11"] == [4, 3, 1, 2, 6]
    doc["ranking"]["11"] = [4, 2, 3, 1, 6]
    assert district_flagged(election, doc) == {"P19-group-ranking"}


def test_p19_group_ranking_equal_summed_votes_in_another_lists_order() -> None:
    # X and Y both have 28 summed votes: each list ranks them in its own order. List 12 is
    # Y (1), B (2), X (3), P (4), F (5): correct 2, 4, 1, 3, 5; taking list 11's order (X
    # before Y) gives 2, 4, 3, 1, 5: wrong.
    election, doc = _district("P 19 ranking in a lijstengroep")
    doc["ranking"]["12"] = [2, 4, 3, 1, 5]
    assert district_flagged(election, doc) == {"P19-group-ranking"}


def test_p19_group_ranking_with_a_deceased_candidate() -> None:
    # D (list 11, position 5) has died (P 19a): ranking it, here in list order, is wrong.
    election, doc = _district("P 19 ranking in a lijstengroep")
    doc["ranking"]["11"] = [4, 3, 1, 2, 5, 6]
    assert district_flagged(election, doc) == {"P19-group-ranking"}


def test_p19_group_ranking_without_the_candidate_elected_on_another_list() -> None:
    # Order of election A 550, E 200, B 100, F 60, C 50, G 40. A sits on list 11 but is a
    # candidate of list 12 (position 2) as well: list 12 ranks 2, 1, 3, 4, 5, 6. Leaving A
    # out, or ranking E (200) before A (550) in list order, is wrong; so is no ranking for a
    # list with seats.
    election, doc = _district("P 15 summed preference votes and P 16 placement")
    assert doc["ranking"]["12"] == [2, 1, 3, 4, 5, 6]
    for wrong in ([1, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6]):
        doc["ranking"]["12"] = wrong
        assert district_flagged(election, doc) == {"P19-group-ranking"}
    del doc["ranking"]["12"]
    assert district_flagged(election, doc) == {"P19-group-ranking"}


def test_p19_group_ranking_is_optional_and_lets_a_lot_order_equal_votes() -> None:
    # Without a ranking nothing is checked. Stel 7 (one party) of lists 1 (A 5, B 100, C 10,
    # D 20, E 15) and 2 (A 5, B 100, C 20, D 10, E 15): 300 votes, list 3 1700, kiesdeler
    # 100, voorkeurdrempel 25; 3 seats. Summed B 200, C 30, D 30, E 30, A 10: B, then two
    # of C, D, E by lot (drawn E, then C): elected and ranked 2, 5, 3, then D (4), A (1).
    # E and C have equal votes, so a ranking 2, 3, 5, 4, 1 breaks no rule (the order among
    # them is the lot's); 2, 5, 4, 3, 1 ranks D, not elected, before C, who was: wrong.
    election, doc = _district("P 19 ranking in a lijstengroep")
    del doc["ranking"]
    assert district_flagged(election, doc) == set()
    document = {
        "format": "kieswet/district-allocation-input@1",
        "election": {"kind": "PS", "seats": 20},
        "districts": [{"number": 1}, {"number": 2}],
        "lists": [
            {
                "number": n,
                "district": n,
                "candidates": [
                    {"number": i, "name": name, "votes": votes}
                    for i, (name, votes) in enumerate(zip("ABCDE", row, strict=True), start=1)
                ],
            }
            for n, row in ((1, (5, 100, 10, 20, 15)), (2, (5, 100, 20, 10, 15)))
        ]
        + [{"number": 3, "district": 1, "votes": 1700, "candidate_count": 30}],
        "sets": [{"number": 7, "lists": [1, 2]}],
        "lots": [
            {"kind": "candidate", "options": [3, 4, 5], "drawn": 5, "list": 7},
            {"kind": "candidate", "options": [3, 4], "drawn": 3, "list": 7},
        ],
    }
    election = parse_district_election(document)
    assert isinstance(election, DistrictElection), election
    result = allocate_districts(election)
    assert isinstance(result, DistrictCompleted), result
    doc = district_result_to_json(result)
    assert doc["seats"]["7"] == 3 and doc["elected"]["7"] == [2, 5, 3]
    assert doc["ranking"]["7"] == [2, 5, 3, 4, 1]
    doc["ranking"]["7"] = [2, 3, 5, 4, 1]
    assert district_flagged(election, doc) == set()
    doc["ranking"]["7"] = [2, 5, 4, 3, 1]
    assert district_flagged(election, doc) == {"P19-group-ranking"}


# --------------------------------------------------------------------------- format, status


def test_malformed_result_names_the_field() -> None:
    election = lists_election("GR", 7, 300, 260, 230, 210)
    doc = correct(election)
    del doc["quota"]
    doc["seats"]["2"] = "two"
    violations = [v for v in check(election, doc) if v.rule_id == "FORMAT-result"]
    assert any("quota" in v.message for v in violations)
    assert any('seats["2"]' in v.message for v in violations)
    assert {v.rule_id for v in check(election, "not a result")} == {"FORMAT-result"}
    assert {v.rule_id for v in check(election, {"status": "done"})} == {"FORMAT-result"}
    doc = correct(election)
    residual_steps(doc)[0]["value"] = 1.5
    assert "FORMAT-result" in flagged(election, doc)


def test_valid_input_rejected() -> None:
    election = lists_election("GR", 7, 300, 260, 230, 210)
    doc = {
        "format": "kieswet/seat-allocation-result@1",
        "status": "rejected",
        "errors": [{"field": "lists", "code": "x", "message": "no"}],
    }
    assert flagged(election, doc) == {"RESULT-status"}


# --------------------------------------------------------------------------- kieswet check


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    source = REPO / "examples" / "enkhuizen-2022.json"
    election = example("enkhuizen-2022.json")
    good = correct(election)
    bad = copy.deepcopy(good)
    bad["quota"] = "400"
    paths = {
        "input": source,
        "good": tmp_path / "good.json",
        "bad": tmp_path / "bad.json",
        "garbage": tmp_path / "garbage.json",
        "invalid": tmp_path / "invalid.json",
    }
    paths["good"].write_text(json.dumps(good), encoding="utf-8")
    paths["bad"].write_text(json.dumps(bad), encoding="utf-8")
    paths["garbage"].write_text("{not json", encoding="utf-8")
    paths["invalid"].write_text(json.dumps({"election": {"kind": "XX"}}), encoding="utf-8")
    return paths


def test_cli_exit_0_when_no_rule_is_violated(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(files["input"]), str(files["good"])]) == 0
    assert "geen regel geschonden" in capsys.readouterr().out


def test_cli_exit_1_with_each_violation(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(files["input"]), str(files["bad"])]) == 1
    out = capsys.readouterr().out
    assert "P5-quota (P 5): de kiesdeler is" in out
    assert main(["check", "--json", str(files["input"]), str(files["bad"])]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0]["rule_id"] == "P5-quota"


def test_cli_exit_2_when_a_file_is_unusable(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(files["input"]), str(files["garbage"])]) == 2
    assert main(["check", str(files["invalid"]), str(files["good"])]) == 2
    assert "election.kind" in capsys.readouterr().err
    assert main(["check", str(files["input"]), str(files["input"].parent / "missing")]) == 2


def test_cli_help_explains(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "INPUT.json" in out and "Exit status" in out
