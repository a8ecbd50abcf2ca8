"""Final-only results (no ``steps``) are judged at full strength (issue 13, finding 1).

A library of wrong final results, each for a small election computed by hand in the test (the
claims are written out here, not produced by our engine): every one is rejected by
``spec.check`` / ``kieswet check`` without steps, naming the article where it departs from the
law, with its figures; every correct one, ``needs_lot`` included, is accepted. Then Hypothesis:
for generated elections the engine's results without steps are accepted, every single-seat move
is rejected by a list-level rule, and a result with and without its steps gets the same verdict.
"""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance.judge import judge
from conformance.protocol import Answer
from conformance.suite import ALLOCATE_OPERATION, Vector
from interchange.allocation import parse_election, result_to_json
from interchange.judging import check, judgement
from kieswet.cli import main
from reference.allocate import allocate
from spec.check import FINAL_ONLY, STEP_BY_STEP
from spec.model import Election, Lot, NeedsLot
from spec.rules import Violation
from spec.rules.lawful import lawful_outcome
from tests.test_spec import elections

FORMAT = "kieswet/seat-allocation-result@1"
CANDIDATE_RULES = {
    "P15-threshold",
    "P15-threshold-strict",
    "P15-preference-order",
    "P17-list-order",
    "P19-ranking",
    "P19a-deceased",
    "CANDIDATES-known",
    "FORMAT-result",
}
"""Rules about candidates (or the document's form): a seat moved between lists must also be
caught by a rule about the lists' seats, not only by the candidates no longer matching."""


def lists_election(
    seats: int,
    *votes: int,
    kind: str = "GR",
    limits: dict[int, int] | None = None,
    lots: list[dict[str, Any]] | None = None,
) -> Election:
    """A list-level election; lists numbered 1, 2, ... in the order given."""
    lists: list[dict[str, Any]] = []
    for number, v in enumerate(votes, start=1):
        entry: dict[str, Any] = {"number": number, "name": f"L{number}", "votes": v}
        if limits and number in limits:
            entry["candidate_count"] = limits[number]
        lists.append(entry)
    parsed = parse_election(
        {"election": {"kind": kind, "seats": seats}, "lists": lists, "lots": lots or []}
    )
    assert isinstance(parsed, Election), parsed
    return parsed


def completed(
    quota: str, total: int, seats: list[int], full: list[int], **extra: Any
) -> dict[str, Any]:
    """A final-only completed result, written out by hand."""
    return {
        "format": FORMAT,
        "status": "completed",
        "total_votes": total,
        "quota": quota,
        "seats": {str(n): s for n, s in enumerate(seats, start=1)},
        "full_seats": {str(n): f for n, f in enumerate(full, start=1)},
        **extra,
    }


def needs_lot(
    quota: str,
    kind: str,
    options: list[int],
    seats_so_far: list[int],
    lots_used: int = 0,
    **lot: Any,
) -> dict[str, Any]:
    """A final-only needs_lot result, written out by hand."""
    return {
        "format": FORMAT,
        "status": "needs_lot",
        "lot": {"kind": kind, "options": options, **lot},
        "lots_used": lots_used,
        "quota": quota,
        "seats_so_far": {str(n): s for n, s in enumerate(seats_so_far, start=1)},
    }


def only(election: Election, document: dict[str, Any]) -> Violation:
    """The one violation of a wrong result (its first departure from the law)."""
    found = check(election, document)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- lots

# 9 seats, votes 400, 250, 250 (900): kiesdeler 100. Full seats 4, 2, 2 (8); one residual seat.
# Remainders 0, 50, 50; 75% of the kiesdeler is 75, every list qualifies. P 8 lid 1: lists 2 and 3
# tie at 50 for one seat: decisive, the lot decides (P 8 lid 4).
TIE = (9, 400, 250, 250)


def test_decisive_tie_asked_as_needs_lot_is_accepted() -> None:
    election = lists_election(*TIE)
    assert check(election, needs_lot("100", "residual_seat", [2, 3], [4, 2, 2])) == []


def test_decisive_tie_silently_broken_is_rejected() -> None:
    election = lists_election(*TIE)
    v = only(election, completed("100", 900, [4, 3, 2], [4, 2, 2]))
    assert v.rule_id == "LOT-decisive"
    assert "de lijsten 2 en 3 hebben een gelijk overschot (50) voor 1 resterende zetel" in v.message
    assert "needs_lot" in v.message


def test_needs_lot_with_the_wrong_options_is_rejected() -> None:
    election = lists_election(*TIE)
    v = only(election, needs_lot("100", "residual_seat", [1, 2, 3], [4, 2, 2]))
    assert v.rule_id == "LOT-decisive"
    assert "de lijsten 2 en 3 hebben een gelijk overschot (50)" in v.message


def test_needs_lot_with_wrong_seats_so_far_names_p6() -> None:
    # List 1 has 4 full seats (400 = 4 x 100); seats_so_far gives it 3.
    election = lists_election(*TIE)
    v = only(election, needs_lot("100", "residual_seat", [2, 3], [3, 3, 2]))
    assert v.rule_id == "P6-full-seats"
    assert "lijst 1 heeft stemcijfer 400" in v.message


def test_needs_lot_with_wrong_lots_used_is_rejected() -> None:
    election = lists_election(*TIE)
    v = only(election, needs_lot("100", "residual_seat", [2, 3], [4, 2, 2], lots_used=1))
    assert v.rule_id == "LOT-drawn"


def test_tie_decided_as_the_lot_fell_is_accepted_and_against_it_rejected() -> None:
    lot = {"kind": "residual_seat", "options": [2, 3], "drawn": 3}
    election = lists_election(*TIE, lots=[lot])
    assert check(election, completed("100", 900, [4, 2, 3], [4, 2, 2])) == []
    v = only(election, completed("100", 900, [4, 3, 2], [4, 2, 2]))
    assert v.rule_id == "LOT-drawn"
    assert "de gegeven loting viel op lijst 3, de uitkomst geeft de zetel aan lijst 2" in v.message


def test_a_supplied_lot_nothing_asks_for_is_rejected() -> None:
    lots = [
        {"kind": "residual_seat", "options": [2, 3], "drawn": 3},
        {"kind": "residual_seat", "options": [1, 2], "drawn": 1},
    ]
    election = lists_election(*TIE, lots=lots)
    v = only(election, completed("100", 900, [4, 2, 3], [4, 2, 2]))
    assert v.rule_id == "LOT-drawn"
    assert "1 gegeven loting beantwoordt geen beslissende gelijke stand" in v.message


# 9 seats, votes 400, 260, 240 (900): kiesdeler 100; full seats 4, 2, 2; remainders 0, 60, 40:
# the one residual seat goes to list 2 (60 > 40), no tie.
NO_TIE = (9, 400, 260, 240)


def test_needs_lot_where_no_tie_exists_is_rejected() -> None:
    election = lists_election(*NO_TIE)
    assert check(election, completed("100", 900, [4, 3, 2], [4, 2, 2])) == []
    v = only(election, needs_lot("100", "residual_seat", [2, 3], [4, 2, 2], seat=1))
    assert v.rule_id == "LOT-decisive"
    assert "restzetel 1 gaat naar lijst 2 met overschot 60 (lijst 3 40)" in v.message


# --------------------------------------------------------------------------- P 7, P 8

# 9 seats, votes 380, 270, 160, 90 (900): kiesdeler 100. Full seats 3, 2, 1, 0 (6); remainders
# 80, 70, 60, 90; 75% of the kiesdeler is 75, so all four qualify. Three residual seats by largest
# remainder, one per list: list 4 (90), list 1 (80), list 2 (70). Seats 4, 3, 1, 1.
REMAINDERS = (9, 380, 270, 160, 90)


@pytest.mark.parametrize("limits", [None, {4: 1}, {1: 4, 2: 3, 3: 2, 4: 1}])
def test_wrong_largest_remainder_seat_is_rejected(limits: dict[int, int] | None) -> None:
    # Also with lists holding exactly as many seats as candidates (nothing is exhausted): the
    # old characterisation gave up there.
    election = lists_election(*REMAINDERS, limits=limits)
    assert check(election, completed("100", 900, [4, 3, 1, 1], [3, 2, 1, 0])) == []
    v = only(election, completed("100", 900, [4, 2, 2, 1], [3, 2, 1, 0]))
    assert v.rule_id == "P8.1-largest-remainder"
    assert v.message == "restzetel 3 ging naar lijst 3 maar komt toe aan lijst 2: overschot 70 > 60"


def test_two_remainder_seats_for_one_list_are_rejected() -> None:
    # The third remainder seat (list 2, 70) given to list 1, which already won one in that round.
    election = lists_election(*REMAINDERS)
    v = only(election, completed("100", 900, [5, 2, 1, 1], [3, 2, 1, 0]))
    assert v.rule_id == "P8.2-one-per-list"
    assert v.message == (
        "restzetel 3 ging naar lijst 1 maar komt toe aan lijst 2 (overschot 70): lijst 1 kreeg "
        "in deze ronde al een restzetel"
    )


# 9 seats, votes 310, 290 and six lists of 50 (900): kiesdeler 100; only lists 1 and 2 reach 75.
# Full seats 3, 2 (5); remainders 10, 90; four residual seats. Round 1: list 2 (90), list 1 (10).
# Round 2, one per list: list 2 290/4 = 72 1/2, then (list 2 has had its seat in this round)
# list 1 310/5 = 62 > 50. Seats 5, 4, 0, ...
def test_two_average_seats_for_one_list_in_round_2_are_rejected() -> None:
    election = lists_election(9, 310, 290, 50, 50, 50, 50, 50, 50)
    full = [3, 2, 0, 0, 0, 0, 0, 0]
    assert check(election, completed("100", 900, [5, 4, 0, 0, 0, 0, 0, 0], full)) == []
    v = only(election, completed("100", 900, [4, 5, 0, 0, 0, 0, 0, 0], full))
    assert v.rule_id == "P8.3-average-one-per-list"
    assert v.message == (
        "restzetel 4 ging naar lijst 2 maar komt toe aan lijst 1 (gemiddelde 62): lijst 2 kreeg "
        "in deze ronde al een restzetel"
    )


# 9 seats, votes 239, 107, 334 (680): kiesdeler 680/9 = 75 5/9. Full seats 3, 1, 4 (8); remainders
# 239 - 226 2/3 = 12 1/3, 107 - 75 5/9 = 31 4/9, 334 - 302 2/9 = 31 7/9; one residual seat: list 3.
# With the kiesdeler rounded to 76 the remainders would be 11, 31, 30 and list 2 would get it.
def test_quota_rounding_is_rejected() -> None:
    election = lists_election(9, 239, 107, 334)
    assert check(election, completed("75 5/9", 680, [3, 1, 5], [3, 1, 4])) == []
    v = only(election, completed("75 5/9", 680, [3, 2, 4], [3, 1, 4]))
    assert v.rule_id == "P8.1-largest-remainder"
    assert "komt toe aan lijst 3: overschot 31 7/9 > 31 4/9" in v.message
    wrong_quota = check(election, completed("76", 680, [3, 2, 4], [3, 1, 4]))
    assert {x.rule_id for x in wrong_quota} == {"P5-quota", "P8.1-largest-remainder"}


# 9 seats, votes 445, 380, 75 (900): kiesdeler 100; list 3 has exactly 75% of it, which is enough
# (P 8 lid 2: "ten minste"). Full seats 4, 3, 0; remainders 45, 80, 75; two residual seats: list 2
# (80) and list 3 (75). Seats 4, 4, 1. Reading the threshold as "more than 75%" gives list 1 the
# second seat (45).
def test_75_percent_is_inclusive() -> None:
    election = lists_election(9, 445, 380, 75)
    assert check(election, completed("100", 900, [4, 4, 1], [4, 3, 0])) == []
    v = only(election, completed("100", 900, [5, 4, 0], [4, 3, 0]))
    assert v.rule_id == "P8.2-75-percent"
    assert "precies 75% van de kiesdeler 100" in v.message
    assert "overschot 75 > 45" in v.message


# 9 seats, votes 446, 380, 74 (900): list 3 is below 75 and takes no remainder seat. Full seats 4,
# 3, 0; remainders 46, 80, 74; the two residual seats go to list 2 (80) and list 1 (46).
def test_below_75_percent_gets_no_remainder_seat() -> None:
    election = lists_election(9, 446, 380, 74)
    assert check(election, completed("100", 900, [5, 4, 0], [4, 3, 0])) == []
    v = only(election, completed("100", 900, [4, 4, 1], [4, 3, 0]))
    assert v.rule_id == "P8.2-75-percent"
    assert v.message == (
        "restzetel 2 ging naar lijst 3 maar komt toe aan lijst 1 (overschot 46): lijst 3 heeft "
        "stemcijfer 74, lager dan 75% van de kiesdeler 100 (75)"
    )


# 9 seats, votes 440, 290, 70, 60, 40 (900): kiesdeler 100; only lists 1 and 2 reach 75. Full
# seats 4, 2, 0, 0, 0; three residual seats. Round 1 (remainders): list 2 (90), list 1 (40).
# Round 2 (P 8 lid 3, averages, one per list, every list competes, round-1 winners too): list 1
# 440/6 = 73 1/3 > list 2 290/4 = 72 1/2 > list 3 70. Seats 6, 3, 0, 0, 0.
def test_p8_round_2_wrong_is_rejected() -> None:
    election = lists_election(9, 440, 290, 70, 60, 40)
    assert check(election, completed("100", 900, [6, 3, 0, 0, 0], [4, 2, 0, 0, 0])) == []
    # Leaving the round-1 winners out of round 2 gives the seat to list 3.
    v = only(election, completed("100", 900, [5, 3, 1, 0, 0], [4, 2, 0, 0, 0]))
    assert v.rule_id == "P8.3-greatest-average"
    assert v.message == (
        "restzetel 3 ging naar lijst 3 maar komt toe aan lijst 1: gemiddelde 73 1/3 > 70"
    )


# 19 seats (P 7), votes 1050, 560, 290 (1900): kiesdeler 100; full seats 10, 5, 2 (17). Residual
# seat 1: averages 1050/11 = 95 5/11, 560/6 = 93 1/3, 290/3 = 96 2/3: list 3. Seat 2: list 3 now
# 290/4 = 72 1/2, list 1 95 5/11 > list 2 93 1/3: list 1. Seats 11, 5, 3 (list 1's majority of
# the votes, 1050 of 1900, already has 11 of 19 seats: P 9 does nothing).
def test_p7_greatest_average_seat_wrong_is_rejected() -> None:
    election = lists_election(19, 1050, 560, 290)
    assert check(election, completed("100", 1900, [11, 5, 3], [10, 5, 2])) == []
    # Largest remainders (50, 60, 90) instead of averages: list 3, then list 2.
    v = only(election, completed("100", 1900, [10, 6, 3], [10, 5, 2]))
    assert v.rule_id == "P7.1-greatest-average"
    assert v.message == (
        "restzetel 2 ging naar lijst 2 maar komt toe aan lijst 1: gemiddelde 95 5/11 > 93 1/3"
    )


# --------------------------------------------------------------------------- P 9

# 9 seats, votes 501, 300, 110, 89 (1000): kiesdeler 111 1/9, 75% of it 83 1/3 (all qualify).
# Full seats 4, 2, 0, 0 (6); remainders 56 5/9, 77 7/9, 110, 89. Three residual seats: list 3
# (110), list 4 (89), list 2 (77 7/9): 4, 3, 1, 1. P 9: list 1 has 501 of 1000 votes, more than
# half, and 4 of 9 seats, not more than half: it takes the last residual seat, list 2's.
MAJORITY = (9, 501, 300, 110, 89)


def test_p9_applied_is_accepted() -> None:
    election = lists_election(*MAJORITY)
    assert check(election, completed("111 1/9", 1000, [5, 2, 1, 1], [4, 2, 0, 0])) == []


def test_p9_missing_is_rejected() -> None:
    election = lists_election(*MAJORITY)
    v = only(election, completed("111 1/9", 1000, [4, 3, 1, 1], [4, 2, 0, 0]))
    assert v.rule_id == "P9-absolute-majority"
    assert "lijst 1 heeft 501 van de 1000 stemmen, meer dan de helft" in v.message
    assert "de zetel van lijst 2" in v.message


def test_p9_seat_from_the_wrong_list_is_rejected() -> None:
    election = lists_election(*MAJORITY)
    v = only(election, completed("111 1/9", 1000, [5, 3, 1, 0], [4, 2, 0, 0]))
    assert v.rule_id == "P9-absolute-majority"
    assert v.message == (
        "P 9 neemt de zetel voor lijst 1 van lijst 2 (de laatste restzetel van een andere lijst, "
        "op overschot 77 7/9); de uitkomst neemt hem van lijst 4"
    )


# 9 seats, votes 501, 180, 180, 139 (1000): kiesdeler 111 1/9 (75%: 83 1/3, all qualify). Full
# seats 4, 1, 1, 1 (7); remainders 56 5/9, 68 8/9, 68 8/9, 27 8/9. The two residual seats go to
# lists 2 and 3, tied at 68 8/9 with a seat each (no lot): 4, 2, 2, 1. P 9: list 1 (501 of 1000
# votes, 4 of 9 seats) takes the last residual seat; lists 2 and 3 received the last residual
# seats on the same remainder, so the lot decides which gives it up (P 9 lid 2).
MAJORITY_LOT = (9, 501, 180, 180, 139)


def test_p9_lot_asked_is_accepted_and_silently_decided_rejected() -> None:
    election = lists_election(*MAJORITY_LOT)
    assert check(election, needs_lot("111 1/9", "absolute_majority", [2, 3], [4, 2, 2, 1])) == []
    v = only(election, completed("111 1/9", 1000, [5, 1, 2, 1], [4, 1, 1, 1]))
    assert v.rule_id == "LOT-decisive"
    assert (
        "P 9: de lijsten 2 en 3 kregen hun laatste restzetel op een gelijk overschot (68 8/9)"
        in v.message
    )
    v = only(election, needs_lot("111 1/9", "residual_seat", [2, 3], [4, 1, 1, 1]))
    assert v.rule_id == "LOT-decisive"


def test_p9_lot_followed_is_accepted_and_against_it_rejected() -> None:
    lot = {"kind": "absolute_majority", "options": [2, 3], "drawn": 3}
    election = lists_election(*MAJORITY_LOT, lots=[lot])
    assert check(election, completed("111 1/9", 1000, [5, 2, 1, 1], [4, 1, 1, 1])) == []
    v = only(election, completed("111 1/9", 1000, [5, 1, 2, 1], [4, 1, 1, 1]))
    assert v.rule_id == "LOT-drawn"
    assert "wees lijst 3 aan om een zetel af te staan; de uitkomst neemt hem van lijst 2" in (
        v.message
    )


# 9 seats, list 1: candidates with 60, 60, 0 votes (120); list 2: 780, then seven with 0 (780).
# Kiesdeler 100, full seats 1, 7, remainders 20, 80: the residual seat goes to list 2 (8 seats,
# 8 candidates). Voorkeurdrempel 50 (half the kiesdeler, fewer than 19 seats): list 1's candidates
# 1 and 2 both have 60, more than 50, and tie for its one seat: a lot (P 15 lid 1).
def candidate_lot_election() -> Election:
    parsed = parse_election(
        {
            "election": {"kind": "GR", "seats": 9},
            "lists": [
                {
                    "number": 1,
                    "name": "A",
                    "candidates": [
                        {"number": 1, "votes": 60},
                        {"number": 2, "votes": 60},
                        {"number": 3, "votes": 0},
                    ],
                },
                {
                    "number": 2,
                    "name": "B",
                    "candidates": [
                        {"number": n, "votes": 780 if n == 1 else 0} for n in range(1, 9)
                    ],
                },
            ],
        }
    )
    assert isinstance(parsed, Election)
    return parsed


def test_candidate_lot_without_steps() -> None:
    election = candidate_lot_election()
    question = needs_lot("100", "candidate", [1, 2], [1, 8], list=1)
    assert check(election, question) == []
    wrong_seats = needs_lot("100", "candidate", [1, 2], [2, 7], list=1)
    v = check(election, wrong_seats)[0]
    assert v.rule_id == "P8.1-largest-remainder"
    assert v.message == "restzetel 1 ging naar lijst 1 maar komt toe aan lijst 2: overschot 80 > 20"
    decided = completed(
        "100",
        900,
        [1, 8],
        [1, 7],
        preference_threshold="50",
        elected={"1": [1], "2": list(range(1, 9))},
        elected_on_preference={"1": [1], "2": [1]},
        ranking={"1": [1, 2, 3], "2": list(range(1, 9))},
    )
    assert "LOT-drawn" in {v.rule_id for v in check(election, decided)}


# --------------------------------------------------------------------------- P 10

# 9 seats, votes 460, 290, 150 (900), list 1 has 3 candidates: kiesdeler 100; full seats 4, 2, 1;
# remainders 60, 90, 50 (75 needed: all qualify). Two residual seats: list 2 (90), list 1 (60):
# 5, 3, 1. P 9: list 1 has 460 of 900 votes but already 5 of 9 seats. P 10: list 1 can fill 3,
# gives up 2 (its residual seat, then a full seat), reassigned by continuing P 8: round 1 still
# open to list 3 only (lists 1 and 2 won there; list 1 is exhausted): list 3 (remainder 50). Then
# round 2 (one per list): list 2 290/4 = 72 1/2 > list 3 150/3 = 50: list 2. Seats 3, 4, 2.
EXHAUSTION = (9, 460, 290, 150)


def test_p10_reassignment_is_accepted() -> None:
    election = lists_election(*EXHAUSTION, limits={1: 3})
    assert check(election, completed("100", 900, [3, 4, 2], [4, 2, 1])) == []


def test_p10_seat_to_the_wrong_list_is_rejected() -> None:
    election = lists_election(*EXHAUSTION, limits={1: 3})
    v = only(election, completed("100", 900, [3, 5, 1], [4, 2, 1]))
    assert v.rule_id == "P8.2-one-per-list"
    assert v.message == (
        "restzetel 3 (P 10) ging naar lijst 2 maar komt toe aan lijst 3 (overschot 50): "
        "lijst 2 kreeg in deze ronde al een restzetel"
    )


def test_p10_surplus_left_empty_is_rejected() -> None:
    election = lists_election(*EXHAUSTION, limits={1: 3})
    found = check(election, completed("100", 900, [3, 3, 1], [4, 2, 1]))
    assert found[0].rule_id == "P10-no-empty-seat-needlessly"
    assert "restzetel 3 (P 10) komt toe aan lijst 3 (overschot 50)" in found[0].message


def test_p10_exhaustion_ignored_is_rejected() -> None:
    election = lists_election(*EXHAUSTION, limits={1: 3})
    assert "P10-exhaustion" in {
        v.rule_id for v in check(election, completed("100", 900, [5, 3, 1], [4, 2, 1]))
    }


def test_deceased_candidates_do_not_count_for_p10() -> None:
    # The same election with list 1's candidates written out: 400, 30, 20 and a deceased one with
    # 10 (P 19a: three living candidates, so the limit is 3 as above).
    parsed = parse_election(
        {
            "election": {"kind": "GR", "seats": 9},
            "lists": [
                {
                    "number": 1,
                    "name": "A",
                    "candidates": [
                        {"number": 1, "votes": 400},
                        {"number": 2, "votes": 30},
                        {"number": 3, "votes": 20},
                        {"number": 4, "votes": 10, "deceased": True},
                    ],
                },
                {"number": 2, "name": "B", "votes": 290},
                {"number": 3, "name": "C", "votes": 150},
            ],
        }
    )
    assert isinstance(parsed, Election)
    right = completed(
        "100",
        900,
        [3, 4, 2],
        [4, 2, 1],
        preference_threshold="50",
        elected={"1": [1, 2, 3]},
        elected_on_preference={"1": [1]},
        ranking={"1": [1, 2, 3]},
    )
    assert check(parsed, right) == []
    # Counting the deceased candidate: list 1 keeps 4 seats and gives up only its residual seat,
    # which goes to list 3 (remainder 50).
    wrong = {**right, "seats": {"1": 4, "2": 3, "3": 2}, "elected": {"1": [1, 2, 3, 4]}}
    found = {v.rule_id for v in check(parsed, wrong)}
    assert {"P10-exhaustion", "P19a-deceased"} <= found


# --------------------------------------------------------------------------- candidates


# 9 seats (GR), kiesdeler 100, voorkeurdrempel 50% of it (fewer than 19 seats): 50, more needed.
# List 1: 150, 60 (deceased), 20, 10 = 240; list 2: 300, 40, 30, 10 = 380; list 3: 30, 200, 50 =
# 280. Full seats 2, 3, 2; remainders 40, 80, 80: lists 2 and 3 tie for the two residual seats,
# one each, no lot. Seats 2, 4, 3 (lists 2 and 3 hold exactly as many seats as living candidates).
# List 1: candidate 1 (150) on preference, then list order skipping deceased 2: [1, 3]; list 2:
# [1] then [2, 3, 4]; list 3: candidate 2 (200) on preference (50 is not more than 50), then
# [1, 3]. Rankings: [1, 3, 4], [1, 2, 3, 4], [2, 1, 3].
def candidate_election() -> Election:
    def cands(*votes: int, dead: int = 0) -> list[dict[str, Any]]:
        return [
            {"number": n, "votes": v, **({"deceased": True} if n == dead else {})}
            for n, v in enumerate(votes, start=1)
        ]

    parsed = parse_election(
        {
            "election": {"kind": "GR", "seats": 9},
            "lists": [
                {"number": 1, "name": "A", "candidates": cands(150, 60, 20, 10, dead=2)},
                {"number": 2, "name": "B", "candidates": cands(300, 40, 30, 10)},
                {"number": 3, "name": "C", "candidates": cands(30, 200, 50)},
            ],
        }
    )
    assert isinstance(parsed, Election)
    return parsed


def candidate_result(**changes: dict[str, list[int]]) -> dict[str, Any]:
    doc = completed(
        "100",
        900,
        [2, 4, 3],
        [2, 3, 2],
        preference_threshold="50",
        elected={"1": [1, 3], "2": [1, 2, 3, 4], "3": [2, 1, 3]},
        elected_on_preference={"1": [1], "2": [1], "3": [2]},
        ranking={"1": [1, 3, 4], "2": [1, 2, 3, 4], "3": [2, 1, 3]},
    )
    for key, value in changes.items():
        doc[key] = {**doc[key], **value}
    return doc


def test_candidates_correct_is_accepted() -> None:
    assert check(candidate_election(), candidate_result()) == []


def test_deceased_candidate_elected_is_rejected() -> None:
    found = check(candidate_election(), candidate_result(elected={"1": [1, 2]}))
    assert "P19a-deceased" in {v.rule_id for v in found}
    assert any("kandidaat 2 is overleden" in v.message for v in found)


def test_candidate_order_wrong_is_rejected() -> None:
    # List order instead of preference votes on list 3.
    found = check(
        candidate_election(),
        candidate_result(elected={"3": [1, 2, 3]}, elected_on_preference={"3": []}),
    )
    assert found[0].rule_id == "P15-preference-order"
    assert "kandidaat 2 heeft 200 voorkeurstemmen" in found[0].message


def test_candidate_ranking_wrong_is_rejected() -> None:
    found = check(candidate_election(), candidate_result(ranking={"1": [1, 2, 3, 4]}))
    assert {v.rule_id for v in found} == {"P19-ranking", "P19a-deceased"}


# --------------------------------------------------------------------------- kieswet check


def test_kieswet_check_says_which_judgement_it_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    election = {
        "election": {"kind": "GR", "seats": 9},
        "lists": [{"number": n, "name": f"L{n}", "votes": v} for n, v in enumerate(TIE[1:], 1)],
    }
    (tmp_path / "in.json").write_text(json.dumps(election), encoding="utf-8")
    good = needs_lot("100", "residual_seat", [2, 3], [4, 2, 2])
    bad = completed("100", 900, [4, 3, 2], [4, 2, 2])
    (tmp_path / "good.json").write_text(json.dumps(good), encoding="utf-8")
    (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
    assert main(["check", str(tmp_path / "in.json"), str(tmp_path / "good.json")]) == 0
    assert "geen regel geschonden (beoordeeld op het eindresultaat)" in capsys.readouterr().out
    assert main(["check", str(tmp_path / "in.json"), str(tmp_path / "bad.json")]) == 1
    out = capsys.readouterr().out
    assert out.startswith("LOT-decisive (")
    assert "beoordeeld op het eindresultaat" in out
    assert main(["check", "--json", str(tmp_path / "in.json"), str(tmp_path / "bad.json")]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out.splitlines()[0])["rule_id"] == "LOT-decisive"
    assert "beoordeeld op het eindresultaat" in captured.err
    good["steps"] = []
    assert judgement(good) == STEP_BY_STEP and judgement(bad) == FINAL_ONLY


def test_the_conformance_judge_says_which_judgement_it_made() -> None:
    document = {
        "format": "kieswet/seat-allocation-input@1",
        "election": {"kind": "GR", "seats": 9},
        "lists": [{"number": n, "name": f"L{n}", "votes": v} for n, v in enumerate(TIE[1:], 1)],
    }
    expected = {"status": "needs_lot", "lot": {"kind": "residual_seat", "options": [2, 3]}}
    vector = Vector(
        1, "1", "tie.json", "g", "", (), (), (), ALLOCATE_OPERATION, "current", "current",
        "default", "GR", document, expected,
    )  # fmt: skip
    answer = needs_lot("100", "residual_seat", [2, 3], [4, 3, 2])  # list 2 one seat too many
    verdict = judge(vector, Answer("1", "needs_lot", answer))
    assert verdict.status == "FAIL"
    assert "beoordeeld op het eindresultaat" in verdict.message
    assert judge(vector, Answer("1", "needs_lot", {**answer, "steps": []})).status == "FAIL"


# --------------------------------------------------------------------------- generated


def without_steps(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "steps"}


def move_residual_step(document: dict[str, Any], index: int, to: int) -> dict[str, Any]:
    """The result with its ``index``-th residual-seat step (and the seats) given to ``to``."""
    moved = copy.deepcopy(document)
    key = "seats" if moved["status"] == "completed" else "seats_so_far"
    steps = [s for s in moved["steps"] if s["step"] == "residual_seat"]
    was = steps[index]["list"]
    steps[index]["list"] = to
    moved[key][str(was)] -= 1
    moved[key][str(to)] = moved[key].get(str(to), 0) + 1
    if "residual_seat_order" in moved:
        moved["residual_seat_order"] = [s["list"] for s in steps]
    return moved


def results_on_the_way(election: Election, data: st.DataObject) -> list[tuple[Election, Any]]:
    """Each result of the engine on the way: every needs_lot (answered by a drawn lot), then
    the last."""
    out = []
    for _ in range(40):
        result = allocate(election)
        out.append((election, result_to_json(result)))
        if not isinstance(result, NeedsLot):
            return out
        question = result.lot
        drawn = data.draw(st.sampled_from(question.options))
        lot = Lot(question.kind, question.options, drawn, question.list)
        election = replace(election, lots=(*election.lots, lot))
    raise AssertionError("more than 40 lots")


GENERATED = settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@GENERATED
@given(elections(), st.data())
def test_engine_results_without_steps_are_accepted(election: Election, data: st.DataObject) -> None:
    for current, document in results_on_the_way(election, data):
        if document["status"] != "rejected":
            assert check(current, without_steps(document)) == [], (current, document)


@GENERATED
@given(elections(), st.data())
def test_every_single_seat_move_is_rejected(election: Election, data: st.DataObject) -> None:
    for current, document in results_on_the_way(election, data):
        if document["status"] == "rejected":
            continue
        key = "seats" if document["status"] == "completed" else "seats_so_far"
        final = without_steps(document)
        for source, held in final[key].items():
            for lst in current.lists:
                target = str(lst.number)
                if held == 0 or target == source:
                    continue
                moved = copy.deepcopy(final)
                moved[key][source] -= 1
                moved[key][target] = moved[key].get(target, 0) + 1
                rules = {v.rule_id for v in check(current, moved)} - CANDIDATE_RULES
                assert rules, (current, document, source, target)


@GENERATED
@given(elections(), st.data())
def test_with_and_without_steps_the_same_verdict(election: Election, data: st.DataObject) -> None:
    for current, document in results_on_the_way(election, data):
        if document["status"] == "rejected":
            continue
        variants = [document]
        residual = [s for s in document["steps"] if s["step"] == "residual_seat"]
        for index, step in enumerate(residual):
            for lst in current.lists:
                if lst.number != step["list"]:
                    variants.append(move_residual_step(document, index, lst.number))
        for variant in variants:
            with_steps = check(current, variant) == []
            final_only = check(current, without_steps(variant)) == []
            assert with_steps == final_only, (current, variant)


@GENERATED
@given(elections())
def test_lawful_outcome_is_written_from_the_rules_alone(election: Election) -> None:
    """The lawful outcome reaches the same seats (or the same question) as the engine: two
    formulations, written independently, of the same articles."""
    outcome = lawful_outcome(election)
    result = allocate(election)
    if isinstance(result, NeedsLot):
        assert outcome.question is not None
        assert (outcome.question.kind, tuple(sorted(outcome.question.options))) == (
            result.lot.kind,
            result.lot.options,
        )
        assert dict(outcome.seats) == dict(result.seats_so_far)
    elif result.status == "completed":
        assert outcome.question is None and outcome.mismatch is None
        assert dict(outcome.seats) == dict(result.seats)
        assert outcome.empty == election.seats - sum(result.seats.values())
    assert all(isinstance(v, Fraction) for e in outcome.events for v in _values(e))


def _values(event: object) -> list[Fraction]:
    values = getattr(event, "values", None)
    return list(values.values()) if isinstance(values, dict) else []


@GENERATED
@given(elections(), st.data())
def test_every_changed_lot_question_is_rejected(election: Election, data: st.DataObject) -> None:
    """A needs_lot without steps naming one option fewer, one more, or another kind of lot."""
    for current, document in results_on_the_way(election, data):
        if document["status"] != "needs_lot":
            continue
        final = without_steps(document)
        lot = final["lot"]
        if lot["kind"] == "candidate":
            owner = next(lst for lst in current.lists if lst.number == lot["list"])
            pool = [c.number for c in owner.candidates or ()]
        else:
            pool = [lst.number for lst in current.lists]
        changed: list[dict[str, Any]] = []
        for option in lot["options"]:
            changed.append({**lot, "options": [o for o in lot["options"] if o != option]})
        for extra in pool:
            if extra not in lot["options"]:
                changed.append({**lot, "options": sorted([*lot["options"], extra])})
        for kind in ("residual_seat", "absolute_majority"):
            if kind != lot["kind"]:
                other = {k: v for k, v in lot.items() if k != "list"}
                changed.append({**other, "kind": kind})
        for question in changed:
            assert check(current, {**final, "lot": question}), (current, document, question)


@GENERATED
@given(elections(), st.data())
def test_every_changed_candidate_claim_is_rejected(election: Election, data: st.DataObject) -> None:
    """Without steps, two neighbours swapped, or one replaced by another candidate of the list,
    in ``elected``, ``elected_on_preference`` or ``ranking``: rejected (P 15 - P 19a)."""
    for current, document in results_on_the_way(election, data):
        if document["status"] != "completed":
            continue
        final = without_steps(document)
        for field in ("elected", "elected_on_preference", "ranking"):
            for key, claimed in final[field].items():
                owner = next(lst for lst in current.lists if str(lst.number) == key)
                numbers = [c.number for c in owner.candidates or ()]
                variants = []
                for i in range(len(claimed) - 1):
                    swapped = list(claimed)
                    swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
                    variants.append(swapped)
                for i in range(len(claimed)):
                    for other in numbers:
                        if other not in claimed:
                            variants.append([*claimed[:i], other, *claimed[i + 1 :]])
                for variant in variants:
                    changed = {**final, field: {**final[field], key: variant}}
                    assert check(current, changed), (current, document, field, key, variant)
