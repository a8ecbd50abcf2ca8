"""A second, independently written formulation of P 5 – P 8, cross-checked against the engine.

Neither formulation below imports anything from ``reference/``; they are written from the law
text (Kieswet, consolidated 2026-01-01) and docs/interpretation.md only, and compare seats per list.

19 seats or more (P 6 + P 7) is the D'Hondt method: a list's seats are the number of its
quotients ``votes / d`` (d = 1, 2, ...) among the ``seats`` largest quotients of all lists that
take part. Why the engine's procedure (full seats, then residual seats one at a time to the
greatest average ``votes / (seats_so_far + 1)``) gives exactly this:

- Full seats are D'Hondt seats. A list's d-th quotient is at least the kiesdeler Q = T / S
  exactly when d <= floor(votes / Q), its full seats. There are at most S such quotients in
  all (sum of floor(votes / Q) <= sum of votes / Q = S), so every one of them is among the S
  largest (if ties at the S-th place made that ambiguous, the cut is excluded below).
- The greatest average ``votes / (held + 1)`` is a list's next unused quotient, so assigning
  residual seats one by one to the greatest average takes the next largest quotients in order.

P 7 lid 2 (TK, EP) and bill 36 641 (every kind but EK) let only lists whose stemcijfer reaches
Q receive residual seats. The equivalence still holds with the filter, restricted to the lists
that reach Q over all S seats: a list below Q has no full seats (floor(votes / Q) = 0) and gets
no residual seat, so it holds nothing; a list that reaches Q keeps its full seats, which are
still among the S largest quotients of the lists that take part (the counting argument above
only used that the sum of the full seats is at most S, still true for a subset of the lists);
and greatest averages over the lists that take part continue D'Hondt over that subset.
Lists without votes take no part either way.

Fewer than 19 seats (P 8) is written out directly: full seats; round 1 the largest remainders,
one per list, for lists with at least 75% of Q (bill 36 641: the full Q); round 2 the greatest
averages, one per list, every list with votes; then, if seats still remain, unrestricted
greatest averages. Where the full-quota rule applies (bill 36 641; and, as the engine documents,
P 7 lid 2 for a TK or EP even with fewer than 19 seats, which never happens in practice) rounds
2 and 3 are only for lists reaching Q. Each round is computed
as a batch (sort, take the top k), not seat by seat as the engine does.

Both are compared only where they are unambiguous and P 9 / P 10 do not apply: no candidate
limits, no value tied at a cut, no list with more than half the votes and at most half the
seats.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction

from hypothesis import assume, given
from hypothesis import strategies as st

from conformance.strategies import boundary_elections, elections, tied_elections
from reference.allocate import allocate
from spec.model import Completed, Election, ElectionList

NO_THRESHOLD_KINDS = ("PS", "AB", "GR", "ER", "EK")


class OutOfScope(Exception):
    """A tie at a cut (a lot would decide), or a seat no list may take: the example is skipped."""


def _without_limits(election: Election) -> Election:
    """The same votes at list level with no candidate count: P 10 can never apply."""
    lists = tuple(ElectionList(lst.number, lst.name, lst.votes) for lst in election.lists)
    return replace(election, lists=lists, lots=())


def _full_quota_rule(election: Election) -> bool:
    return election.kind in ("TK", "EP") or (election.law == "bill-36641" and election.kind != "EK")


def _take_top(values: Sequence[tuple[Fraction, int]], k: int) -> list[int]:
    """Indices of the ``k`` largest values; ``OutOfScope`` if the k-th equals the (k+1)-th."""
    ranked = sorted(values, key=lambda pair: pair[0], reverse=True)
    if 0 < k < len(ranked) and ranked[k - 1][0] == ranked[k][0]:
        raise OutOfScope
    return [index for _, index in ranked[:k]]


def dhondt(election: Election) -> list[int]:
    """Seats per list (in list order) by D'Hondt over the lists that take part."""
    total, house = election.total_votes, election.seats
    votes = [lst.votes for lst in election.lists]
    takes_part = [v > 0 and (not _full_quota_rule(election) or v * house >= total) for v in votes]
    quotients = [
        (Fraction(v, d), index)
        for index, v in enumerate(votes)
        if takes_part[index]
        for d in range(1, house + 1)
    ]
    seats = [0] * len(votes)
    for index in _take_top(quotients, house):
        seats[index] += 1
    return seats


def largest_remainders(election: Election) -> list[int]:
    """Seats per list (in list order) by P 6 + P 8, written as three batch rounds."""
    total, house = election.total_votes, election.seats
    kiesdeler = Fraction(total, house)
    votes = [lst.votes for lst in election.lists]
    round1_share = Fraction(1) if election.law == "bill-36641" else Fraction(3, 4)
    seats = [v * house // total for v in votes]  # floor(votes / kiesdeler)
    left = house - sum(seats)
    full_quota_rule = _full_quota_rule(election)
    may_compete = [v > 0 and (not full_quota_rule or v >= kiesdeler) for v in votes]

    round1 = [
        (v - seats[i] * kiesdeler, i)
        for i, v in enumerate(votes)
        if may_compete[i] and v >= round1_share * kiesdeler
    ]
    winners = _take_top(round1, min(left, len(round1)))
    for i in winners:
        seats[i] += 1
    left -= len(winners)

    round2 = [(Fraction(v, seats[i] + 1), i) for i, v in enumerate(votes) if may_compete[i]]
    winners = _take_top(round2, min(left, len(round2)))
    for i in winners:
        seats[i] += 1
    left -= len(winners)

    while left > 0:  # unrestricted greatest averages
        averages = [(Fraction(v, seats[i] + 1), i) for i, v in enumerate(votes) if may_compete[i]]
        if not averages:
            raise OutOfScope  # every list is below the full kiesdeler: nobody may take it
        (winner,) = _take_top(averages, 1)
        seats[winner] += 1
        left -= 1
    return seats


def _no_absolute_majority_question(election: Election, seats: Sequence[int]) -> bool:
    """P 9 stays out: no list has more than half the votes while holding at most half the
    seats."""
    total, house = election.total_votes, election.seats
    return not any(
        2 * lst.votes > total and 2 * s <= house
        for lst, s in zip(election.lists, seats, strict=True)
    )


def _engine_seats(election: Election) -> list[int]:
    result = allocate(election)
    assert isinstance(result, Completed), result
    return [result.seats[lst.number] for lst in election.lists]


def _check(election: Election, formulation: str) -> None:
    try:
        expected = dhondt(election) if formulation == "dhondt" else largest_remainders(election)
    except OutOfScope:
        assume(False)
        return
    assume(_no_absolute_majority_question(election, expected))
    assert _engine_seats(election) == expected


large = st.integers(19, 60)
small = st.integers(1, 18)


@given(
    st.one_of(
        elections(seats=large, max_lists=12),
        tied_elections(seats=large),
        boundary_elections(),
    ).map(_without_limits)
)
def test_nineteen_seats_or_more_is_dhondt(election: Election) -> None:
    assume(election.seats >= 19)
    _check(election, "dhondt")


@given(elections(kinds=("TK", "EP"), seats=large, max_lists=12).map(_without_limits))
def test_full_quota_threshold_is_dhondt_over_the_lists_that_reach_it(election: Election) -> None:
    _check(election, "dhondt")


@given(
    st.one_of(
        elections(seats=small, max_lists=10),
        tied_elections(seats=small),
        boundary_elections(),
    ).map(_without_limits)
)
def test_fewer_than_nineteen_seats_is_p8_written_out(election: Election) -> None:
    assume(election.seats < 19)
    _check(election, "p8")


def test_the_formulations_themselves_on_hand_computed_cases() -> None:
    """Guard the second formulation itself with two cases computed by hand.

    D'Hondt, 19 seats, votes 600 / 310 / 90. With the divisor 48: 600/48 = 12.5, 310/48 = 6.46,
    90/48 = 1.875, floors 12 + 6 + 1 = 19, so the 19 largest quotients are 600/1..600/12,
    310/1..310/6 and 90/1; the smallest of them is 600/12 = 50 and the largest left out is
    600/13 = 46.2 (310/7 = 44.3, 90/2 = 45), so there is no tie at the cut: 12 / 6 / 1.

    P 8, 7 seats, votes 500 / 300 / 140 / 60: T = 1000, Q = 1000/7 = 142 6/7. Full seats
    floor(3.5) = 3, floor(2.1) = 2, 0, 0; two seats left. 75% of Q is 107 1/7, so list 4 (60)
    is out of round 1. Remainders: 500 - 3Q = 71 3/7, 300 - 2Q = 14 2/7, 140. Round 1 gives the
    two seats to list 3 (140) and list 1 (71 3/7): 4 / 2 / 1 / 0.
    """
    three = (600, 310, 90)
    election = Election(
        "GR", 19, tuple(ElectionList(i + 1, f"L{i + 1}", v) for i, v in enumerate(three))
    )
    assert dhondt(election) == [12, 6, 1]
    four = (500, 300, 140, 60)
    election = Election(
        "GR", 7, tuple(ElectionList(i + 1, f"L{i + 1}", v) for i, v in enumerate(four))
    )
    assert largest_remainders(election) == [4, 2, 1, 0]
