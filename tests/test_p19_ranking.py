"""P 19: which lists are ranked (lid 5) and the order of class 2 in a lijstengroep (lid 2).

P 19 lid 5 (as amended; published translation, as of 2025): "Except for elections where the
number of seats to be allocated is less than nineteen, the ranking will not be applied to lists
on which no candidates have been declared elected and which are not part of a group of lists to
which one or more seats have been allocated." U 15 lid 2 reads lid 5 for the Eerste Kamer
without the exception. Each expectation below is computed by hand in its docstring.
"""

from __future__ import annotations

import copy
from typing import Any

from conformance.vector_sources.districts import CASES
from interchange.allocation import parse_election, result_to_json
from interchange.districts import district_result_to_json, parse_district_election
from interchange.judging import check, check_districts
from reference.allocate import allocate
from reference.districts import allocate_districts
from spec.model import Completed, Rejected


def _single(kind: str, seats: int, lists: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "format": "kieswet/seat-allocation-input@1",
        "election": {"kind": kind, "seats": seats},
        "lists": lists,
    }


def _cands(number: int, votes: list[int]) -> dict[str, Any]:
    return {
        "number": number,
        "name": f"list {number}",
        "candidates": [{"number": i, "votes": v} for i, v in enumerate(votes, start=1)],
    }


def test_a_small_council_ranks_a_list_without_a_seat() -> None:
    """GR 9 seats, 900 votes, kiesdeler 100, voorkeurdrempel 50 (P 15 lid 2). List 1: 300 /
    50 / 0 / 0 / 0 (350); list 2: 500 (list-level, 10 candidates); list 3: 10 / 60 (70). Full
    3 / 5 / 0; 1 residual seat (P 8): remainders 50 / 0 / 70, but list 3 (70) is below 75% of
    the kiesdeler → list 1. Seats 4 / 5 / 0. List 1: candidate 1 (300 > 50) on preference, then
    2, 3, 4 in list order (50 is not above 50). List 3 has no seat; with fewer than 19 seats it
    is ranked all the same: candidate 2 (60 > 50) first, then 1: (2, 1)."""
    election = parse_election(
        _single(
            "GR",
            9,
            [
                _cands(1, [300, 50, 0, 0, 0]),
                {"number": 2, "name": "list 2", "votes": 500, "candidate_count": 10},
                _cands(3, [10, 60]),
            ],
        )
    )
    assert not isinstance(election, Rejected)
    result = allocate(election)
    assert isinstance(result, Completed)
    assert dict(result.seats) == {1: 4, 2: 5, 3: 0}
    assert result.elected[1] == (1, 2, 3, 4)
    assert dict(result.ranking) == {1: (1, 2, 3, 4, 5), 3: (2, 1)}
    document = result_to_json(result)
    assert check(election, document) == []
    missing = copy.deepcopy(document)
    del missing["ranking"]["3"]
    assert "P19-ranking" in {v.rule_id for v in check(election, missing)}


def test_a_large_council_leaves_a_seatless_list_unranked() -> None:
    """GR 19 seats. List 1: 1000 / 800 / 23 candidates with 0 (1800); list 2: 10 / 50 (60).
    1860 votes, kiesdeler 1860/19 = 97 17/19; full 18 / 0 (1800 × 19 / 1860 = 18 72/186);
    1 residual seat by greatest averages (P 7): 1800/19 = 94 14/19 > 60/1 → list 1: 19 / 0.
    List 2 has no elected candidate and no group: not ranked (P 19 lid 5); a result that ranks
    it is named."""
    election = parse_election(
        _single("GR", 19, [_cands(1, [1000, 800, *[0] * 23]), _cands(2, [10, 50])])
    )
    assert not isinstance(election, Rejected)
    result = allocate(election)
    assert isinstance(result, Completed)
    assert dict(result.seats) == {1: 19, 2: 0}
    assert 2 not in result.ranking
    document = result_to_json(result)
    assert check(election, document) == []
    extra = copy.deepcopy(document)
    extra["ranking"]["2"] = [2, 1]
    assert "P19-ranking" in {v.rule_id for v in check(election, extra)}


def _ranking_case() -> dict[str, Any]:
    return dict(next(c for c in CASES if c.group == "P 19 ranking in a lijstengroep").input)


def test_profile_own_list_votes_orders_class_2_by_the_list_itself() -> None:
    """The vector "P 19 ranking in a lijstengroep" (its comment has the computation) under
    profile p19-own-list-votes. Class 2 is the same set (summed votes above 25: P 30, X 28,
    Y 28) ordered by the votes on the list itself. List 11 (X 14, Y 20, P 15, A 40, D dead,
    E 0): A (4); Y 20 (2), P 15 (3), X 14 (1); E (6): 4, 2, 3, 1, 6 (default: 4, 3, 1, 2, 6).
    List 12 (Y 8, B 45, X 14, P 15, F 0): B (2); P 15 (4), X 14 (3), Y 8 (1); F (5):
    2, 4, 3, 1, 5 (default: 2, 4, 1, 3, 5)."""
    document = _ranking_case()
    document["election"] = {**document["election"], "profile": "p19-own-list-votes"}
    election = parse_district_election(document)
    assert not isinstance(election, Rejected)
    result = allocate_districts(election)
    answer = district_result_to_json(result)
    assert answer["ranking"] == {"11": [4, 2, 3, 1, 6], "12": [2, 4, 3, 1, 5]}
    assert check_districts(election, answer) == []
    default = parse_district_election(_ranking_case())
    assert not isinstance(default, Rejected)
    wrong = copy.deepcopy(answer)  # the profile's ranking judged under the default reading
    assert "P19-group-ranking" in {v.rule_id for v in check_districts(default, wrong)}


def test_equal_summed_votes_rank_in_the_lists_own_order() -> None:
    """P 19 lid 1: the preference-elected "in de volgorde waarin de zetels zijn toegewezen".
    Candidates with equal votes that P 15 elects together (no lot needed) have no order of their
    own; on each list they rank in that list's order, as the previous Kiesraad software ranks
    them. PS 20 seats, 2000 votes, kiesdeler 100, voorkeurdrempel 25. Group 1 has members
    [12, 11]: list 12 (district 2: A 20, D 20, F 20, G 20, H 20) and list 11 (district 1: B 40,
    A 20, C 20, E 20); list 2: 1800. Group 2 full seats, one per list. P 15: A (20 + 20 = 40)
    and B (40) are elected, in the group's order A, B (the tie needs no lot). Ranking of list 11:
    B (1) and A (2) in list 11's order, then C (3), E (4): 1, 2, 3, 4 (by the group's order it
    would be 2, 1, 3, 4). List 12: A (1), then 2, 3, 4, 5."""
    from conformance.vector_sources.districts import cand_list, district_doc, lst

    document = district_doc(
        "PS",
        20,
        [
            cand_list(12, 2, [("A", 20), ("D", 20), ("F", 20), ("G", 20), ("H", 20)]),
            cand_list(11, 1, [("B", 40), ("A", 20), ("C", 20), ("E", 20)]),
            lst(2, 1, 1800, 30),
        ],
        districts=2,
        groups=[{"number": 1, "members": [12, 11]}],
    )
    election = parse_district_election(document)
    assert not isinstance(election, Rejected)
    answer = district_result_to_json(allocate_districts(election))
    assert answer["seats"] == {"11": 1, "12": 1, "2": 18}
    assert answer["ranking"] == {"11": [1, 2, 3, 4], "12": [1, 2, 3, 4, 5]}
    assert check_districts(election, answer) == []
