"""Residual seats (restzetels): P 7 for 19 seats or more, P 8 for fewer than 19.

Kieswet as consolidated on 2026-01-01, with the law version and profile of the election.

All comparisons are exact integer cross-multiplications: a remainder is kept as
``votes * seats - full * total`` (the remainder times the number of seats), an average as the
pair ``(votes, seats_held + 1)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from reference.lots import LotBox
from reference.words import enumeration, mixed, seats_left
from spec.model import (
    Contender,
    Election,
    ExclusionReason,
    LotQuestion,
    ResidualMethod,
    ResidualSeatStep,
    Step,
)

LARGEST_REMAINDER: ResidualMethod = "largest_remainder"
ONE_PER_LIST: ResidualMethod = "greatest_average_one_per_list"
GREATEST_AVERAGE: ResidualMethod = "greatest_average"

_ARTICLE: dict[tuple[bool, ResidualMethod], str] = {
    (False, GREATEST_AVERAGE): "P 7",
    (True, LARGEST_REMAINDER): "P 8 lid 1-2",
    (True, ONE_PER_LIST): "P 8 lid 3",
    (True, GREATEST_AVERAGE): "P 8 lid 3 (further rounds)",
}


@dataclass
class ResidualAward:
    """One residual seat as awarded, for P 9's "last residual seat"."""

    list: int  # the list's number
    method: ResidualMethod
    value: tuple[int, int]  # exact value as (numerator, denominator), not reduced


@dataclass
class Standing:
    """The allocation in progress, every mapping keyed by list number in the input's list order
    (the order P 7 lid 3 and P 8 lid 4 fall back on when a tie needs no lot)."""

    election: Election
    votes: dict[int, int]
    limits: dict[int, int | None]
    full: dict[int, int]
    seats: dict[int, int]
    threshold_ok: dict[int, bool]
    round1_ok: dict[int, bool]
    small: bool
    lots: LotBox
    wins: dict[ResidualMethod, dict[int, int]] = field(default_factory=dict)
    awards: list[ResidualAward] = field(default_factory=list)
    order: list[int] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    seat_number: int = 0
    total: int = 0  # the election's total votes (P 5), fixed for the whole procedure
    _fractions: dict[tuple[int, int], Fraction] = field(default_factory=dict)
    _contenders: dict[tuple[int, int, int], Contender] = field(default_factory=dict)

    @classmethod
    def start(cls, election: Election, full: dict[int, int], lots: LotBox) -> Standing:
        """The standing after the full seats (``full``: per list number, P 6), with who may
        compete for residual seats.

        P 7 lid 2 (and bill 36 641): the full-kiesdeler threshold; P 8 lid 2: the 75% threshold
        for the largest-remainder round.
        """
        total, seats = election.total_votes, election.seats
        votes = {lst.number: lst.votes for lst in election.lists}
        # P 7 lid 2 (TK; EP in practice) and bill 36 641 (every kind but EK): residual seats
        # only for lists whose stemcijfer reaches the full kiesdeler (votes >= total / seats).
        full_quota_rule = election.kind in ("TK", "EP") or (
            election.law == "bill-36641" and election.kind != "EK"
        )
        reaches_quota = {number: v * seats >= total for number, v in votes.items()}
        threshold_ok = reaches_quota if full_quota_rule else dict.fromkeys(votes, True)
        # P 8 lid 2: the largest-remainder round only for lists with at least 75% of the
        # kiesdeler (inclusive): 4 * votes * seats >= 3 * total.
        round1_ok = (
            reaches_quota
            if election.law == "bill-36641"
            else {number: 4 * v * seats >= 3 * total for number, v in votes.items()}
        )
        return cls(
            election=election,
            votes=votes,
            limits={lst.number: lst.seat_limit for lst in election.lists},
            full=dict(full),
            seats=dict(full),
            threshold_ok=threshold_ok,
            round1_ok=round1_ok,
            small=seats < 19,
            lots=lots,
            total=total,
            wins={
                LARGEST_REMAINDER: dict.fromkeys(votes, 0),
                ONE_PER_LIST: dict.fromkeys(votes, 0),
                GREATEST_AVERAGE: dict.fromkeys(votes, 0),
            },
        )

    def fraction(self, value: tuple[int, int]) -> Fraction:
        cached = self._fractions.get(value)
        if cached is None:
            cached = self._fractions[value] = Fraction(*value)
        return cached

    def contender(self, number: int, value: tuple[int, int]) -> Contender:
        """The trace entry for list ``number`` at ``value`` (shared while its value stands)."""
        key = (number, *value)
        cached = self._contenders.get(key)
        if cached is None:
            cached = self._contenders[key] = Contender(number, self.fraction(value))
        return cached

    def exhausted(self, number: int) -> bool:
        """P 10: list ``number`` holds as many seats as it has (living, P 19a) candidates."""
        limit = self.limits[number]
        return limit is not None and self.seats[number] >= limit

    def value(self, number: int, method: ResidualMethod) -> tuple[int, int]:
        """List ``number``'s remainder (P 8 lid 1) or average (P 7 lid 1, P 8 lid 3), exact."""
        if method == LARGEST_REMAINDER:
            seats = self.election.seats
            return (self.votes[number] * seats - self.full[number] * self.total, seats)
        return (self.votes[number], self.seats[number] + 1)


def _exclusion(
    standing: Standing, number: int, method: ResidualMethod, skip_exhausted: bool
) -> ExclusionReason | None:
    """Why list ``number`` may not compete for the next seat by ``method``, if it may not."""
    if standing.votes[number] == 0:
        return "no_votes"
    if not standing.threshold_ok[number]:
        return "below_threshold"
    if method == LARGEST_REMAINDER and not standing.round1_ok[number]:
        return "below_threshold"
    if skip_exhausted and standing.exhausted(number):
        return "exhausted"
    if method != GREATEST_AVERAGE and standing.wins[method][number] > 0:
        return "already_won_this_round"
    return None


def _round(
    standing: Standing, skip_exhausted: bool
) -> tuple[ResidualMethod, list[int], list[tuple[int, ExclusionReason]]] | None:
    """The method for the next residual seat and who competes, by list number (P 7, or P 8's
    three rounds)."""
    methods = (
        (LARGEST_REMAINDER, ONE_PER_LIST, GREATEST_AVERAGE)
        if standing.small
        else (GREATEST_AVERAGE,)
    )
    for method in methods:
        eligible: list[int] = []
        excluded: list[tuple[int, ExclusionReason]] = []
        for number in standing.votes:
            reason = _exclusion(standing, number, method, skip_exhausted)
            if reason is None:
                eligible.append(number)
            else:
                excluded.append((number, reason))
        if eligible:
            return method, eligible, excluded
    return None


def assign_residual_seats(standing: Standing, count: int, reassignment: bool = False) -> int:
    """Assign ``count`` residual seats one at a time; return how many could not be assigned.

    P 7: greatest average ``votes / (seats + 1)``. P 8: first the largest remainders (at most
    one per list, lists with at least 75% of the kiesdeler), then greatest averages at most one
    per list (every list with votes, also those that won in round 1: the Kiesraad's reading,
    which reproduces eilandsraad Saba 2019), then, only when seats remain after exhaustion,
    unrestricted greatest averages (the Kiesraad's published interpretation).

    Equal values that compete for fewer seats than there are tied lists are decided by lot
    (P 7 lid 3, P 8 lid 4); a tie with a seat for everyone needs no lot and is served in list
    order. With ``reassignment`` (P 10) lists without further candidates are passed over.
    """
    for assigned in range(count):
        chosen = _round(standing, skip_exhausted=reassignment)
        if chosen is None:
            return count - assigned
        method, eligible, excluded = chosen
        values = [(number, standing.value(number, method)) for number in eligible]
        best_num, best_den = values[0][1]
        for _, (num, den) in values[1:]:
            if num * best_den > best_num * den:
                best_num, best_den = num, den
        tied = [number for number, (num, den) in values if num * best_den == best_num * den]
        standing.seat_number += 1
        lot = len(tied) > count - assigned
        if lot:
            fraction = Fraction(best_num, best_den)
            options = tuple(tied)
            question = LotQuestion(
                kind="residual_seat",
                options=options,
                article=_ARTICLE[(standing.small, method)],
                description=(
                    f"restzetel {standing.seat_number}: de lijsten {enumeration(options)} "
                    "hebben hetzelfde "
                    f"{'overschot' if method == LARGEST_REMAINDER else 'gemiddelde'} "
                    f"{mixed(fraction)} en {seats_left(count - assigned)}"
                ),
                seat=standing.seat_number,
                value=fraction,
            )
            winner = standing.lots.draw(question)
        else:
            winner = tied[0]
        standing.seats[winner] += 1
        standing.wins[method][winner] += 1
        standing.order.append(winner)
        standing.awards.append(ResidualAward(winner, method, (best_num, best_den)))
        standing.steps.append(
            ResidualSeatStep(
                seat=standing.seat_number,
                method=method,
                article=_ARTICLE[(standing.small, method)],
                list=winner,
                value=standing.fraction((best_num, best_den)),
                contenders=tuple([standing.contender(n, v) for n, v in values]),
                excluded=tuple(excluded),
                tied=tuple(tied),
                lot=lot,
                reassignment=reassignment,
            )
        )
    return 0
