"""P 12 / old P 11 / P 13 (``reference.groups.distribute``), computed by hand.

Kieswet (BWBR0004627), consolidated text of 2026-01-01; old P 11 as in force until 1 December
2017. Each docstring writes the computation out; the expected values come from it, not from the
engine.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from reference.groups import Member, distribute
from reference.lots import LotBox, LotMismatch, LotNeeded
from spec.model import Lot


def test_p12_full_seats_and_largest_remainders() -> None:
    """Group of 10 seats, lists 11: 4600, 12: 3100, 13: 2300 (10 000 votes).

    groepskiesdeler = 10 000 / 10 = 1000 (P 12 lid 2-3). Full seats (lid 4): 4, 3, 2 (9).
    Remainders 600, 100, 300; 1 remainder seat (lid 5) → list 11. Seats 5, 3, 2.
    Rules: P12.1-group-quota, P12.2-largest-remainder.
    """
    d = distribute(
        "group",
        1,
        10,
        [Member(11, 4600, None), Member(12, 3100, None), Member(13, 2300, None)],
        LotBox(()),
    )
    assert d.quota == 1000
    assert [(r.member, r.full_seats, r.remainder, r.seats) for r in d.rows] == [
        (11, 4, 600, 5),
        (12, 3, 100, 3),
        (13, 2, 300, 2),
    ]
    assert d.remainder_order == (11,)
    assert d.article == "P 12, P 13"


def test_p12_exact_fraction_groepskiesdeler() -> None:
    """Group of 3 seats, lists 1: 500, 2: 300, 3: 200 (1000 votes).

    groepskiesdeler 1000/3 = 333 1/3. Full: 500 → 1 (remainder 166 2/3), 300 → 0 (300),
    200 → 0 (200). 2 remainder seats: list 2 (300), then list 3 (200). Seats 1, 1, 1:
    list 1's remainder 166 2/3 is the smallest. No 75% threshold applies inside a group.
    """
    d = distribute(
        "group",
        9,
        3,
        [Member(1, 500, None), Member(2, 300, None), Member(3, 200, None)],
        LotBox(()),
    )
    assert d.quota == Fraction(1000, 3)
    assert [r.remainder for r in d.rows] == [Fraction(500, 3), 300, 200]
    assert [r.seats for r in d.rows] == [1, 1, 1]
    assert d.remainder_order == (2, 3)


def test_p12_equal_remainders_decisive_asks_for_a_lot() -> None:
    """Group of 5 seats, lists 1: 300, 2: 300, 3: 400 (1000 votes); groepskiesdeler 200.

    Full 1, 1, 2 (4); remainders 100, 100, 0; 1 seat for two equal remainders: lot between
    lists 1 and 2 (P 12 lid 5 "beslist zo nodig het lot"), kind group_seat naming group 7.
    Rule: P12.2-largest-remainder.
    """
    with pytest.raises(LotNeeded) as asked:
        distribute(
            "group",
            7,
            5,
            [Member(1, 300, None), Member(2, 300, None), Member(3, 400, None)],
            LotBox(()),
        )
    q = asked.value.question
    assert (q.kind, q.options, q.list, q.value) == ("group_seat", (1, 2), 7, Fraction(100))
    drawn = distribute(
        "group",
        7,
        5,
        [Member(1, 300, None), Member(2, 300, None), Member(3, 400, None)],
        LotBox((Lot("group_seat", (1, 2), 2, 7),)),
    )
    assert [r.seats for r in drawn.rows] == [1, 2, 2]
    assert drawn.lot == (1,)


def test_p12_equal_remainders_not_decisive_need_no_lot() -> None:
    """Group of 6 seats, lists 1: 300, 2: 300, 3: 400; groepskiesdeler 1000/6 = 166 2/3.

    Full: 300 → 1 (remainder 133 1/3), 300 → 1 (133 1/3), 400 → 2 (66 2/3); 2 remainder
    seats for the two tied lists: each gets one, nothing is decided by the tie, so no lot is
    asked (P 12 lid 5 "zo nodig"). Seats 2, 2, 2.
    """
    d = distribute(
        "group",
        7,
        6,
        [Member(1, 300, None), Member(2, 300, None), Member(3, 400, None)],
        LotBox(()),
    )
    assert [r.seats for r in d.rows] == [2, 2, 2]
    assert d.lot == ()


def test_p12_wrong_lot_is_a_mismatch() -> None:
    """A supplied lot for another group does not answer this question."""
    with pytest.raises(LotMismatch):
        distribute(
            "group",
            7,
            5,
            [Member(1, 300, None), Member(2, 300, None), Member(3, 400, None)],
            LotBox((Lot("group_seat", (1, 2), 2, 8),)),
        )


def test_p13_exhausted_list_passes_its_seat_on() -> None:
    """Group of 6 seats, lists 1: 600 (2 candidates), 2: 300, 3: 100; groepskiesdeler 1000/6.

    Full: 600 → 3 (remainder 100), 300 → 1 (133 1/3), 100 → 0 (100). List 1 can fill only 2:
    its third full seat passes on (P 13 lid 1). Seats to assign: 6 - (2 + 1 + 0) = 3.
    Continued largest remainders among lists with candidates left and no remainder seat yet:
    list 2 (133 1/3), then list 3 (100); then P 13 lid 2 greatest averages among lists with
    candidates left: list 2 300/3 = 100 vs list 3 100/2 = 50 → list 2. Seats 2, 3, 1.
    """
    d = distribute(
        "group", 1, 6, [Member(1, 600, 2), Member(2, 300, None), Member(3, 100, None)], LotBox(())
    )
    assert [r.seats for r in d.rows] == [2, 3, 1]
    assert d.remainder_order == (2, 3, 2)
    assert [(r.from_member, r.to_member, r.method) for r in d.reassigned] == [
        (1, 2, "greatest_average")
    ]


def test_p13_seats_stay_empty_when_every_list_is_exhausted() -> None:
    """Group of 4 seats, lists 1: 500 (1 candidate), 2: 500 (2 candidates): 3 seats can be
    filled, 1 stays empty."""
    d = distribute("group", 1, 4, [Member(1, 500, 1), Member(2, 500, 2)], LotBox(()))
    assert [r.seats for r in d.rows] == [1, 2]
    assert d.unfilled == 1


def test_old_p11_combination_uses_the_same_method() -> None:
    """Combination of 9 seats, members 2: 560 and 3: 350 (910 votes).

    combinatiekiesdeler 910/9 = 101 1/9; 560 → 5 (505 5/9), remainder 54 4/9; 350 → 3
    (303 1/3), remainder 46 2/3; 1 remainder seat → member 2. Seats 6, 3.
    Rule: combination-P11-quota, combination-P11-largest-remainder.
    """
    d = distribute("combination", 9, 9, [Member(2, 560, None), Member(3, 350, None)], LotBox(()))
    assert d.quota == Fraction(910, 9)
    assert [r.remainder for r in d.rows] == [Fraction(490, 9), Fraction(140, 3)]
    assert [r.seats for r in d.rows] == [6, 3]
    assert d.article.startswith("P 11 (pre-2017-12)")


def test_p13_lists_without_votes_share_the_surplus_round_by_round() -> None:
    """Group of 39 seats: list 101 has 1 vote and 1 candidate, lists 102 and 103 no votes.

    groepskiesdeler = 1 / 39 (P 12 lid 2-3); full seats (lid 4): 101 gets 39, the others 0. List
    101 has one candidate, so 38 seats pass on (P 13 lid 1, continued application): first the
    largest remainders of the lists that had none, 102 and 103 both 0 with 38 seats to give, so
    one each without a lot (P 12 lid 5: a lot only where fewer seats than tied lists remain);
    then greatest averages (P 13 lid 2): 0 / (1 + 1) for both, a tie at every step with seats
    enough for both, so every round gives each of them one seat: 18 rounds, 19 seats each.
    The engine used to give the first tied list every seat (a list without votes keeps average 0,
    however many seats it holds) and to ask a lot for the 38th seat; found by a fuzz campaign
    (spec.rules.groups names it P12.2-largest-remainder).
    """
    d = distribute(
        "group",
        1,
        39,
        [Member(101, 1, 1), Member(102, 0, None), Member(103, 0, None)],
        LotBox(()),
    )
    assert [(r.member, r.full_seats, r.seats) for r in d.rows] == [
        (101, 39, 1),
        (102, 0, 19),
        (103, 0, 19),
    ]
    assert d.lot == ()
    assert d.remainder_order == (102, 103) * 19
