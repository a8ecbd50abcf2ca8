"""The lawful outcome of an election, worked out from the plain rules, for judging final results.

Kieswet (BWBR0004627), consolidated text of 2026-01-01
(https://wetten.overheid.nl/BWBR0004627/2026-01-01): P 6 (full seats), P 7 and P 8 (residual
seats, with the lot of P 7 lid 3 and P 8 lid 4), P 9 (absolute majority, with the lot of lid 2),
P 10 with P 19a (list exhaustion; Pa 25 for the kiescollege niet-ingezetenen) and the lots of
P 15 lid 1 (candidates with equal preference votes).

A result that states no steps can only be judged by what the law makes of the election. The
function ``lawful_outcome`` goes through the articles in the order the law applies them, one seat
at a time, and records every seat it gives and why. Where a tie is decisive it takes the next
supplied lot (the lots drawn in public, in the order they were drawn); where none is supplied the
lawful outcome is that question (``needs_lot``). There is no choice left to the reader: for one
election (with its law version, profile and lots) there is one lawful outcome, and a final result
is lawful exactly when it is that outcome. ``spec.rules.final`` compares the two and names the
first article where a result departs.

Written plainly, as the law reads: no caches, no shortcuts, exact fractions throughout. This module
imports nothing from ``reference/``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal, TypeAlias

from spec.model import Election, ElectionList, Lot
from spec.rules.base import (
    GREATEST_AVERAGE,
    LARGEST_REMAINDER,
    ONE_PER_LIST,
    SMALL_COUNCIL,
    Reason,
    full_quota_rule,
    full_seat_count,
    lot_kind,
    preference_share,
    qualifies_for_remainder,
    quota,
    reaches_quota,
    reaches_threshold,
)

Phase: TypeAlias = Literal["residual", "reassignment"]


@dataclass(frozen=True, slots=True)
class SeatAward:
    """One residual seat as the law gives it (P 7, P 8; in the ``reassignment`` phase P 10).

    ``held`` are the seats every list holds just before it; ``values`` the remainder or average
    of each list that may receive it; ``reasons`` why each other list may not; ``tied`` the lists
    with the greatest value; ``remaining`` the seats of this phase still to give (this one
    included); ``lot`` whether a supplied lot decided it.
    """

    number: int
    phase: Phase
    method: str
    list: int
    value: Fraction
    held: Mapping[int, int]
    values: Mapping[int, Fraction]
    reasons: Mapping[int, Reason]
    tied: tuple[int, ...]
    remaining: int
    lot: bool


@dataclass(frozen=True, slots=True)
class MajoritySeat:
    """P 9: ``list`` (more than half of the votes, at most half of the seats) receives the seat
    of ``from_list``, one of ``group``: the lists that received the last residual seats (other
    than its own) on the same ``value``."""

    list: int
    from_list: int
    group: tuple[int, ...]
    value: Fraction
    held: Mapping[int, int]
    lot: bool


@dataclass(frozen=True, slots=True)
class Exhaustion:
    """P 10: ``list`` held more seats than its ``limit`` living candidates; ``removed`` go."""

    list: int
    limit: int
    held: int
    removed: int


Event: TypeAlias = SeatAward | MajoritySeat | Exhaustion


@dataclass(frozen=True, slots=True)
class Question:
    """A decisive tie without a supplied lot: what the lot must decide, among ``options``.

    ``values`` (lists) or ``votes`` (candidates) are the figures that tie; ``remaining`` the
    seats (or places) they compete for."""

    kind: Literal["residual_seat", "absolute_majority", "candidate"]
    options: tuple[int, ...]
    list: int | None
    seat: int | None
    value: Fraction
    remaining: int
    method: str | None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the law makes of an election.

    ``events`` every residual seat, P 9 and P 10 step in the order the law takes them, up to
    ``question`` if one is left open; ``seats`` the seats per list at the end (at the question:
    the seats decided before it); ``after_residual`` the seats after the residual seats, before
    P 9 and P 10; ``empty`` the seats no list may take; ``lots_used`` the supplied lots the
    outcome consumed; ``mismatch`` a supplied lot that does not answer the question the law asks
    at that point (the input is then at fault); ``left_over`` supplied lots nothing asked for.
    """

    events: tuple[Event, ...]
    seats: Mapping[int, int]
    after_residual: Mapping[int, int]
    empty: int
    question: Question | None
    lots_used: int
    mismatch: str | None = None
    left_over: int = 0


class _Stop(Exception):
    """The procedure stops: a decisive tie has no supplied lot, or a lot does not fit."""

    def __init__(self, question: Question | None, mismatch: str | None) -> None:
        super().__init__()
        self.question = question
        self.mismatch = mismatch


@dataclass
class _Standing:
    """The allocation as far as the law has taken it (working state, never handed out)."""

    election: Election
    lots: tuple[Lot, ...]
    full: dict[int, int]
    held: dict[int, int]
    won: dict[tuple[int, str], int] = field(default_factory=dict)
    awards: list[SeatAward] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    lots_used: int = 0
    seat_number: int = 0

    def draw(self, question: Question) -> int:
        """The outcome of the next supplied lot, which must answer ``question``."""
        if self.lots_used == len(self.lots):
            raise _Stop(question, None)
        lot = self.lots[self.lots_used]
        if (
            lot.kind != question.kind
            or tuple(sorted(lot.options)) != tuple(sorted(question.options))
            or lot.list != question.list
            or lot.drawn not in question.options
        ):
            where = "" if question.list is None else f" op lijst {question.list}"
            raise _Stop(
                None,
                f"gegeven loting {self.lots_used + 1} is een {lot_kind(lot.kind)} tussen "
                f"{_names(lot.options)} (getrokken: {lot.drawn}), maar de wet heeft daar een "
                f"{lot_kind(question.kind)} tussen {_names(question.options)}{where} nodig",
            )
        self.lots_used += 1
        return lot.drawn


def _names(numbers: tuple[int, ...]) -> str:
    return ", ".join(map(str, numbers))


# --------------------------------------------------------------------------- P 7, P 8: who may


def reason_excluded(
    standing: _Standing, lst: ElectionList, method: str, phase: Phase
) -> Reason | None:
    """Why list ``lst`` may not receive the next residual seat under ``method`` (``None``: it
    may). A list without votes never may; P 7 lid 2 and bill 36 641: nor a list below the
    kiesdeler; P 8 lid 2: the remainder round only for lists with 75% of the kiesdeler; P 10:
    in the reassignment no list without a further living candidate; P 8 lid 2-3: one seat per
    list in the remainder round and in the one-per-list average round (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    election = standing.election
    if lst.votes == 0:
        return "no_votes"
    if full_quota_rule(election) and not reaches_quota(election, lst):
        return "below_quota"
    if method == LARGEST_REMAINDER and not qualifies_for_remainder(election, lst):
        return "below_75"
    limit = lst.seat_limit
    if phase == "reassignment" and limit is not None and standing.held[lst.number] >= limit:
        return "exhausted"
    if method != GREATEST_AVERAGE and standing.won.get((lst.number, method), 0) > 0:
        return "won_this_round"
    return None


def value_of(standing: _Standing, lst: ElectionList, method: str) -> Fraction:
    """P 8 lid 1: the remainder, stemcijfer minus full seats times the kiesdeler; P 7, P 8
    lid 3: the average, stemcijfer divided by the seats held plus one (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    if method == LARGEST_REMAINDER:
        return lst.votes - standing.full[lst.number] * quota(standing.election)
    return Fraction(lst.votes, standing.held[lst.number] + 1)


def methods(election: Election) -> tuple[str, ...]:
    """P 7: greatest averages with 19 seats or more. P 8: with fewer, largest remainders first,
    then greatest averages one per list, then (seats still left) greatest averages (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    if election.seats < SMALL_COUNCIL:
        return (LARGEST_REMAINDER, ONE_PER_LIST, GREATEST_AVERAGE)
    return (GREATEST_AVERAGE,)


def assign_residual_seats(standing: _Standing, count: int, phase: Phase) -> int:
    """Give ``count`` seats one at a time to the list with the greatest value under the first
    method some list may use; return how many seats no list may take. Equal values for fewer
    seats than tied lists: the lot (P 7 lid 3, P 8 lid 4); otherwise list order (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    election = standing.election
    for given in range(count):
        remaining = count - given
        chosen: tuple[str, dict[int, Fraction], dict[int, Reason]] | None = None
        for method in methods(election):
            reasons: dict[int, Reason] = {}
            values: dict[int, Fraction] = {}
            for lst in election.lists:
                reason = reason_excluded(standing, lst, method, phase)
                if reason is None:
                    values[lst.number] = value_of(standing, lst, method)
                else:
                    reasons[lst.number] = reason
            if values:
                chosen = (method, values, reasons)
                break
        if chosen is None:
            return remaining
        method, values, reasons = chosen
        best = max(values.values())
        tied = tuple(n for n, v in values.items() if v == best)
        standing.seat_number += 1
        lot = len(tied) > remaining
        if lot:
            question = Question(
                "residual_seat", tied, None, standing.seat_number, best, remaining, method
            )
            winner = standing.draw(question)
        else:
            winner = tied[0]  # a seat for every tied list: list order
        award = SeatAward(
            standing.seat_number,
            phase,
            method,
            winner,
            best,
            dict(standing.held),
            values,
            reasons,
            tied,
            remaining,
            lot,
        )
        standing.events.append(award)
        standing.awards.append(award)
        standing.held[winner] += 1
        standing.won[(winner, method)] = standing.won.get((winner, method), 0) + 1
    return 0


# --------------------------------------------------------------------------- P 9


def absolute_majority(standing: _Standing) -> None:
    """P 9: a list with more than half of all votes but at most half of the seats receives one
    seat more, taken from the list that received the last residual seat (not its own); if the
    last residual seats went to several lists on the same value, the lot decides (lid 2)
    (Kieswet, https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    election = standing.election
    total = election.total_votes
    majority = next((lst.number for lst in election.lists if 2 * lst.votes > total), None)
    if majority is None or 2 * standing.held[majority] > election.seats:
        return
    others = [award for award in standing.awards if award.list != majority]
    if not others:
        return  # no residual seat of another list to take
    last = others[-1]
    group: list[int] = []
    for award in others:
        if award.method == last.method and award.value == last.value and award.list not in group:
            group.append(award.list)
    options = tuple(sorted(group))
    lot = len(options) > 1
    if lot:
        question = Question("absolute_majority", options, None, None, last.value, 1, last.method)
        loser = standing.draw(question)
    else:
        loser = options[0]
    standing.events.append(
        MajoritySeat(majority, loser, options, last.value, dict(standing.held), lot)
    )
    standing.held[loser] -= 1
    standing.held[majority] += 1
    # The seat taken counts no more as won in its round (P 10 may continue that round).
    taken = next(award for award in reversed(others) if award.list == loser)
    standing.won[(loser, taken.method)] -= 1
    if election.profile.p9_seat_counts_as_residual:
        key = (majority, taken.method)
        standing.won[key] = standing.won.get(key, 0) + 1


# --------------------------------------------------------------------------- P 10


def list_exhaustion(standing: _Standing) -> int:
    """P 10 with P 19a: a list holding more seats than living candidates gives up the rest (its
    residual seats first); they go to the other lists by continuing the residual-seat procedure,
    passing over lists without a further candidate. Pa 25: the kiescollege niet-ingezetenen
    leaves them empty. Returns the seats that stay empty (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    election = standing.election
    surplus = 0
    for lst in election.lists:
        limit = lst.seat_limit
        held = standing.held[lst.number]
        if limit is None or held <= limit:
            continue
        over = held - limit
        residual_held = held - standing.full[lst.number]
        removed_full = over - min(over, residual_held)
        standing.full[lst.number] -= removed_full
        standing.held[lst.number] = limit
        standing.events.append(Exhaustion(lst.number, limit, held, over))
        surplus += over
    if surplus == 0:
        return 0
    if election.kind == "KNI":
        return surplus  # Pa 25: in afwijking van P 10, the surplus stays empty
    return assign_residual_seats(standing, surplus, "reassignment")


# --------------------------------------------------------------------------- P 15 lots


def candidate_lots(standing: _Standing) -> None:
    """P 15 lid 1: candidates above the voorkeurdrempel with equal votes, where their order
    decides who is elected (or, with profile ``candidate-lot-always``, whenever one of them is
    elected), are ordered by lot, one draw per place. Only the draws are made here; who is
    elected is judged by ``spec.rules.candidates`` (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    election = standing.election
    threshold = quota(election) * preference_share(election)
    always = election.profile.candidate_lot_always
    for lst in election.lists:
        seats = standing.held[lst.number]
        if lst.candidates is None or seats == 0:
            continue
        above = [
            c
            for c in lst.candidates
            if not c.deceased and reaches_threshold(c.votes, threshold, election.kind)
        ]
        above.sort(key=lambda c: -c.votes)  # equal votes keep list order
        start = 0
        while start < len(above):
            group = [c for c in above if c.votes == above[start].votes]
            inside = max(0, min(start + len(group), seats) - start)
            if 0 < inside < len(group):
                draws = inside
            elif always and len(group) > 1:
                draws = min(inside, len(group) - 1)
            else:
                draws = 0
            for _ in range(draws):
                options = tuple(c.number for c in group)
                question = Question(
                    "candidate", options, lst.number, None, Fraction(group[0].votes), inside, None
                )
                drawn = standing.draw(question)
                group = [c for c in group if c.number != drawn]
            start += len([c for c in above if c.votes == above[start].votes])


# --------------------------------------------------------------------------- the whole


def lawful_outcome(election: Election) -> Outcome:
    """P 6 – P 10 and the lots of P 15, in the order the law applies them (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    full = {lst.number: full_seat_count(election, lst) for lst in election.lists}
    standing = _Standing(election, election.lots, dict(full), dict(full))
    after_residual: dict[int, int] | None = None
    empty = 0
    try:
        empty = assign_residual_seats(standing, election.seats - sum(full.values()), "residual")
        after_residual = dict(standing.held)
        absolute_majority(standing)
        empty += list_exhaustion(standing)
        candidate_lots(standing)
    except _Stop as stop:
        return Outcome(
            tuple(standing.events),
            dict(standing.held),
            dict(standing.held) if after_residual is None else after_residual,
            empty,
            stop.question,
            standing.lots_used,
            stop.mismatch,
        )
    assert after_residual is not None
    return Outcome(
        tuple(standing.events),
        dict(standing.held),
        after_residual,
        empty,
        None,
        standing.lots_used,
        None,
        len(election.lots) - standing.lots_used,
    )
