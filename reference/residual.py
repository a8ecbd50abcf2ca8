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

    index: int
    method: ResidualMethod
    value: tuple[int, int]  # exact value as (numerator, denominator), not reduced


@dataclass
class Standing:
    """The allocation in progress; indices are positions in ``election.lists``."""

    election: Election
    numbers: list[int]
    votes: list[int]
    limits: list[int | None]
    full: list[int]
    seats: list[int]
    threshold_ok: list[bool]
    round1_ok: list[bool]
    small: bool
    lots: LotBox
    wins: dict[ResidualMethod, list[int]] = field(default_factory=dict)
    awards: list[ResidualAward] = field(default_factory=list)
    order: list[int] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    seat_number: int = 0
    total: int = 0  # the election's total votes (P 5), fixed for the whole procedure
    _fractions: dict[tuple[int, int], Fraction] = field(default_factory=dict)
    _contenders: dict[tuple[int, int, int], Contender] = field(default_factory=dict)

    @classmethod
    def start(cls, election: Election, full: list[int], lots: LotBox) -> Standing:
        """The standing after the full seats, with who may compete for residual seats.

        P 7 lid 2 (and bill 36 641): the full-kiesdeler threshold; P 8 lid 2: the 75% threshold
        for the largest-remainder round.
        """
        total, seats = election.total_votes, election.seats
        votes = [lst.votes for lst in election.lists]
        # P 7 lid 2 (TK; EP in practice) and bill 36 641 (every kind but EK): residual seats
        # only for lists whose stemcijfer reaches the full kiesdeler (votes >= total / seats).
        full_quota_rule = election.kind in ("TK", "EP") or (
            election.law == "bill-36641" and election.kind != "EK"
        )
        reaches_quota = [v * seats >= total for v in votes]
        threshold_ok = reaches_quota if full_quota_rule else [True] * len(votes)
        # P 8 lid 2: the largest-remainder round only for lists with at least 75% of the
        # kiesdeler (inclusive): 4 * votes * seats >= 3 * total.
        round1_ok = (
            reaches_quota
            if election.law == "bill-36641"
            else [4 * v * seats >= 3 * total for v in votes]
        )
        n = len(votes)
        return cls(
            election=election,
            numbers=[lst.number for lst in election.lists],
            votes=votes,
            limits=[lst.seat_limit for lst in election.lists],
            full=list(full),
            seats=list(full),
            threshold_ok=threshold_ok,
            round1_ok=round1_ok,
            small=seats < 19,
            lots=lots,
            total=total,
            wins={LARGEST_REMAINDER: [0] * n, ONE_PER_LIST: [0] * n, GREATEST_AVERAGE: [0] * n},
        )

    def fraction(self, value: tuple[int, int]) -> Fraction:
        cached = self._fractions.get(value)
        if cached is None:
            cached = self._fractions[value] = Fraction(*value)
        return cached

    def contender(self, index: int, value: tuple[int, int]) -> Contender:
        """The trace entry for list ``index`` at ``value`` (shared while its value stands)."""
        key = (index, *value)
        cached = self._contenders.get(key)
        if cached is None:
            cached = self._contenders[key] = Contender(self.numbers[index], self.fraction(value))
        return cached

    def exhausted(self, index: int) -> bool:
        limit = self.limits[index]
        return limit is not None and self.seats[index] >= limit

    def value(self, index: int, method: ResidualMethod) -> tuple[int, int]:
        if method == LARGEST_REMAINDER:
            seats = self.election.seats
            return (self.votes[index] * seats - self.full[index] * self.total, seats)
        return (self.votes[index], self.seats[index] + 1)


def _exclusion(
    standing: Standing, index: int, method: ResidualMethod, skip_exhausted: bool
) -> ExclusionReason | None:
    if standing.votes[index] == 0:
        return "no_votes"
    if not standing.threshold_ok[index]:
        return "below_threshold"
    if method == LARGEST_REMAINDER and not standing.round1_ok[index]:
        return "below_threshold"
    if skip_exhausted and standing.exhausted(index):
        return "exhausted"
    if method != GREATEST_AVERAGE and standing.wins[method][index] > 0:
        return "already_won_this_round"
    return None


def _round(
    standing: Standing, skip_exhausted: bool
) -> tuple[ResidualMethod, list[int], list[tuple[int, ExclusionReason]]] | None:
    """The method for the next residual seat and who competes (P 7, or P 8's three rounds)."""
    methods = (
        (LARGEST_REMAINDER, ONE_PER_LIST, GREATEST_AVERAGE)
        if standing.small
        else (GREATEST_AVERAGE,)
    )
    for method in methods:
        eligible: list[int] = []
        excluded: list[tuple[int, ExclusionReason]] = []
        for index in range(len(standing.votes)):
            reason = _exclusion(standing, index, method, skip_exhausted)
            if reason is None:
                eligible.append(index)
            else:
                excluded.append((standing.numbers[index], reason))
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
        values = [(index, standing.value(index, method)) for index in eligible]
        best_num, best_den = values[0][1]
        for _, (num, den) in values[1:]:
            if num * best_den > best_num * den:
                best_num, best_den = num, den
        tied = [index for index, (num, den) in values if num * best_den == best_num * den]
        standing.seat_number += 1
        lot = len(tied) > count - assigned
        if lot:
            fraction = Fraction(best_num, best_den)
            options = tuple(standing.numbers[i] for i in tied)
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
            winner = standing.numbers.index(standing.lots.draw(question))
        else:
            winner = tied[0]
        standing.seats[winner] += 1
        standing.wins[method][winner] += 1
        standing.order.append(standing.numbers[winner])
        standing.awards.append(ResidualAward(winner, method, (best_num, best_den)))
        standing.steps.append(
            ResidualSeatStep(
                seat=standing.seat_number,
                method=method,
                article=_ARTICLE[(standing.small, method)],
                list=standing.numbers[winner],
                value=standing.fraction((best_num, best_den)),
                contenders=tuple([standing.contender(i, v) for i, v in values]),
                excluded=tuple(excluded),
                tied=tuple(standing.numbers[i] for i in tied),
                lot=lot,
                reassignment=reassignment,
            )
        )
    return 0
