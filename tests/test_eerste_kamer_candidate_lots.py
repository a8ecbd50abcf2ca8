"""Scenario: two Eerste Kamer candidates exactly at the kiesdeler tie; a lot decides their order.

Found by a fuzz campaign against the reference adapter (issue 17): the judge's lot rules compared
candidates with the voorkeurdrempel as P 15 lid 1 does ("groter dan"), where for the Eerste Kamer
U 15 lid 3 says "groter dan of gelijk aan de kiesdeler". So the judge called a correct lot
question "not tied above the threshold", and the final-only judgement did not ask for it at all.

Kieswet (BWBR0004627, consolidated text of 2026-01-01,
https://wetten.overheid.nl/BWBR0004627/2026-01-01), U 15 lid 3: a candidate whose number of votes
is "groter dan of gelijk aan de kiesdeler" is elected on preference.

The election, by hand: 75 seats, lists with 5, 10, 30 and 30 votes: 75 votes in all, so the
kiesdeler is 75 / 75 = 1. List 2 has twelve candidates: candidate 12 with 8 votes, candidates 1
and 11 with 1 vote each (exactly the kiesdeler, so both reach it under U 15 lid 3), the rest 0.
Lists 1, 3 and 4 have one candidate each and keep one seat each (P 10); list 2 gets as many seats
as it has candidates (12), so all its candidates are elected, and 60 seats stay empty.

With the profile ``candidate-lot-always`` (a lot whenever candidates above the threshold have
equal votes, since the order of election counts for P 19), candidates 1 and 11 need one lot for
their order: the law's first open question is that lot, options 1 and 11 on list 2.
"""

from __future__ import annotations

import copy
from typing import Any

from interchange.allocation import parse_election, result_to_json
from interchange.judging import check
from reference.allocate import allocate
from spec.model import Election

INPUT: dict[str, Any] = {
    "format": "kieswet/seat-allocation-input@1",
    "election": {"kind": "EK", "law": "current", "profile": "candidate-lot-always", "seats": 75},
    "lists": [
        {"number": 1, "name": "Lijst 1", "candidates": [{"number": 1, "votes": 5}]},
        {
            "number": 2,
            "name": "Lijst 2",
            "candidates": [
                {"number": n, "votes": {1: 1, 11: 1, 12: 8}.get(n, 0)} for n in range(1, 13)
            ],
        },
        {"number": 3, "name": "Lijst 3", "candidates": [{"number": 1, "votes": 30}]},
        {"number": 4, "name": "Lijst 4", "candidates": [{"number": 1, "votes": 30}]},
    ],
    "lots": [],
}


def election(lots: list[dict[str, Any]] | None = None) -> Election:
    data = copy.deepcopy(INPUT)
    data["lots"] = lots or []
    parsed = parse_election(data)
    assert isinstance(parsed, Election)
    return parsed


def the_question() -> dict[str, Any]:
    """The needs_lot answer the law gives, written by hand from the module docstring."""
    return {
        "format": "kieswet/seat-allocation-result@1",
        "status": "needs_lot",
        "lot": {"kind": "candidate", "list": 2, "options": [1, 11]},
        "lots_used": 0,
        "seats_so_far": {"1": 1, "2": 12, "3": 1, "4": 1},
    }


def test_the_lot_between_candidates_at_the_kiesdeler_is_accepted_on_the_final_claim() -> None:
    assert check(election(), the_question()) == []


def test_the_engine_asks_that_lot_and_its_trace_is_accepted_step_by_step() -> None:
    document = result_to_json(allocate(election()))
    assert document["status"] == "needs_lot"
    assert document["lot"]["options"] == [1, 11]
    assert document["seats_so_far"] == {"1": 1, "2": 12, "3": 1, "4": 1}
    assert check(election(), document) == []


def test_a_completed_answer_that_skips_the_lot_is_rejected() -> None:
    silent = {
        "format": "kieswet/seat-allocation-result@1",
        "status": "completed",
        "quota": "1",
        "seats": {"1": 1, "2": 12, "3": 1, "4": 1},
        "elected": {"1": [1], "2": [12, 1, 11, 2, 3, 4, 5, 6, 7, 8, 9, 10], "3": [1], "4": [1]},
    }
    assert any(v.rule_id.startswith("LOT") for v in check(election(), silent))


def test_after_the_lot_candidate_11_comes_before_candidate_1() -> None:
    drawn = election([{"kind": "candidate", "list": 2, "options": [1, 11], "drawn": 11}])
    document = result_to_json(allocate(drawn))
    assert document["status"] == "completed"
    # U 15 lid 3, P 15 lid 1: 12 (8 votes) first, then the lot's 11, then 1; P 17: the rest in
    # list order.
    assert document["elected"]["2"] == [12, 11, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    assert check(drawn, document) == []
