"""The Kieswet's seat-allocation rules as declarative predicates over (election, result).

Articles P 5 – P 10 (seats over lists) and P 15 – P 19a (candidates) of the Kieswet
(BWBR0004627), consolidated text of 2026-01-01, as this project reads them (DOMAIN.md §2, §4).
The Dutch *kiesdeler* is ``quota``; a list's *stemcijfer* is its ``votes``.

Each ``Rule`` has a stable id, its article, one plain sentence, and a check that names every
list, seat and exact value involved when the rule is broken. The rules do not recompute the
allocation; they *characterise* it. A result that records its steps is replayed as stated: the
seats held before every residual seat follow from the steps themselves, and each rule checks
the one decision it is about (was the winner eligible, was nobody passed over with a greater
value, was a tie decided by lot only where decisive). A result without steps is checked on its
final seats alone (for greatest averages: no list could have had a greater average for one
more seat than the average at which another list holds its last residual seat).

This module never imports ``reference/``: it is the independent formulation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Literal, TypeAlias

from spec.exact import format_mixed
from spec.model import Candidate, Election, ElectionList, Lot
from spec.result_reader import (
    ExhaustionClaim,
    LotClaim,
    MajorityClaim,
    ReadResult,
    ResidualClaim,
    UnfilledClaim,
)

SMALL_COUNCIL = 19
"""P 7 / P 8: residual seats by largest remainders below this many seats."""

LARGEST_REMAINDER = "largest_remainder"
ONE_PER_LIST = "greatest_average_one_per_list"
GREATEST_AVERAGE = "greatest_average"

Reason: TypeAlias = Literal["no_votes", "below_quota", "below_75", "exhausted", "won_this_round"]


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule: its id, its article and what is wrong, in words a person can check."""

    rule_id: str
    article: str
    message: str


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule of the Kieswet as a predicate: ``check`` yields one message per violation."""

    id: str
    article: str
    statement: str
    check: Callable[[Context], Iterable[str]]

    def run(self, ctx: Context) -> list[Violation]:
        return [Violation(self.id, self.article, message) for message in self.check(ctx)]


def show(value: Fraction | int) -> str:
    """An exact number as people write it: ``612 1/3``."""
    return format_mixed(Fraction(value))


# =========================================================================== the law's predicates


def quota(election: Election) -> Fraction:
    """P 5: kiesdeler = the sum of the stemcijfers divided by the number of seats."""
    return Fraction(election.total_votes, election.seats)


def full_seat_count(election: Election, lst: ElectionList) -> int:
    """P 6: the whole number of times the list's stemcijfer contains the kiesdeler."""
    return lst.votes * election.seats // election.total_votes


def full_quota_rule(election: Election) -> bool:
    """P 7 lid 2 (TK; EP in practice), and bill 36 641 for every kind but the Eerste Kamer:
    a residual seat only for a list whose stemcijfer reaches the kiesdeler."""
    return election.kind in ("TK", "EP") or (election.law == "bill-36641" and election.kind != "EK")


def reaches_quota(election: Election, lst: ElectionList) -> bool:
    return lst.votes * election.seats >= election.total_votes


def qualifies_for_remainder(election: Election, lst: ElectionList) -> bool:
    """P 8 lid 2: a remainder seat only for a list with at least 75% of the kiesdeler
    (inclusive); under bill 36 641 the whole kiesdeler."""
    if election.law == "bill-36641":
        return reaches_quota(election, lst)
    return 4 * lst.votes * election.seats >= 3 * election.total_votes


def preference_share(election: Election) -> Fraction:
    """P 15: the voorkeurdrempel as a share of the kiesdeler: 25%; 50% for a gemeenteraad or
    eilandsraad of fewer than 19 seats; 10% for the European Parliament; the whole kiesdeler
    for the Eerste Kamer (the Kiesraad's practice in 2023)."""
    if election.kind == "EP":
        return Fraction(1, 10)
    if election.kind == "EK":
        return Fraction(1)
    if election.kind in ("GR", "ER") and election.seats < SMALL_COUNCIL:
        return Fraction(1, 2)
    return Fraction(1, 4)


# =========================================================================== replaying the steps


@dataclass
class _State:
    """The seats as the result's own steps leave them, and what P 8 and P 9 need to know."""

    held: dict[int, int]
    full: dict[int, int]
    won: dict[tuple[int, str], int] = field(default_factory=dict)
    awards: list[tuple[int, str, Fraction]] = field(default_factory=list)
    phase: Literal["initial", "reassignment"] = "initial"
    assigned: int = 0  # residual seats assigned in this phase
    to_assign: int = 0  # residual seats this phase has to assign


@dataclass(frozen=True, slots=True)
class SeatDecision:
    """One residual seat as the result assigned it, with the standing just before it.

    ``method`` is the method the law prescribes at that point (``None``: no list can receive
    a seat); ``values`` the eligible lists with their remainder or average under it;
    ``reasons`` why each other list was not eligible; ``tied`` the eligible lists sharing the
    greatest value; ``remaining`` the seats still to assign in this phase (this one included);
    ``lot`` the supplied lot that answers this seat's tie, if decisive and supplied.
    """

    claim: ResidualClaim
    number: int
    phase: str
    method: str | None
    held: Mapping[int, int]
    values: Mapping[int, Fraction]
    reasons: Mapping[int, Reason]
    winner_value: Fraction
    tied: tuple[int, ...]
    remaining: int
    lot: Lot | None

    @property
    def winner(self) -> int:
        return self.claim.list

    @property
    def decisive(self) -> bool:
        return len(self.tied) > self.remaining

    @property
    def label(self) -> str:
        what = "reassigned seat" if self.phase == "reassignment" else "residual seat"
        return f"{what} {self.number}"

    @property
    def value_word(self) -> str:
        return "remainder" if self.method == LARGEST_REMAINDER else "average"


@dataclass(frozen=True, slots=True)
class MajorityPoint:
    """The moment of P 9: after the residual seats, before P 10."""

    claim: MajorityClaim | None
    majority_list: int | None
    held: Mapping[int, int]
    group: tuple[int, ...]  # lists that received the last residual seats (other than it)
    value: Fraction | None
    lot: Lot | None
    body_seats: int

    @property
    def applies(self) -> bool:
        """P 9 gives the majority list a seat: it holds at most half, another can give one."""
        if self.majority_list is None or not self.group:
            return False
        return 2 * self.held[self.majority_list] <= self.body_seats


@dataclass(frozen=True, slots=True)
class ExhaustionPoint:
    """The moment of P 10: the seats after P 9 and the exhaustion steps the result states."""

    held: Mapping[int, int]
    claims: tuple[ExhaustionClaim, ...]


@dataclass
class Replay:
    decisions: list[SeatDecision] = field(default_factory=list)
    majority: MajorityPoint | None = None
    exhaustion: ExhaustionPoint | None = None
    misplaced: list[str] = field(default_factory=list)
    initial_claims: int = 0
    reassigned_claims: int = 0
    surplus: int = 0
    unfilled: int = 0
    residual_lots_used: int = 0
    majority_lots_used: int = 0
    state: _State | None = None


class Context:
    """An election and a read result, with the facts the rules share (computed once)."""

    def __init__(self, election: Election, result: ReadResult) -> None:
        self.election = election
        self.result = result
        self.lists: dict[int, ElectionList] = {lst.number: lst for lst in election.lists}
        self.quota = quota(election)
        self.full = {lst.number: full_seat_count(election, lst) for lst in election.lists}
        self.small = election.seats < SMALL_COUNCIL
        self.residual_total = election.seats - sum(self.full.values())

    # ------------------------------------------------------------------ seats as reported

    @property
    def completed(self) -> bool:
        return self.result.status == "completed"

    @cached_property
    def seats(self) -> dict[int, int] | None:
        """The reported seats for every list of the input (absent lists: 0)."""
        if self.result.seats is None:
            return None
        return {n: self.result.seats.get(n, 0) for n in self.lists}

    def limit(self, number: int) -> int | None:
        return self.lists[number].seat_limit

    def at_limit(self, number: int, held: int) -> bool:
        limit = self.limit(number)
        return limit is not None and held >= limit

    def lots_of(self, kind: str, list_number: int | None = None) -> list[Lot]:
        return [
            lot
            for lot in self.election.lots
            if lot.kind == kind and (list_number is None or lot.list == list_number)
        ]

    # ------------------------------------------------------------------ P 7 / P 8 eligibility

    def method_at(self, state: _State) -> str | None:
        """The residual-seat method the law prescribes for the next seat (P 7, P 8 rounds)."""
        methods = (
            (LARGEST_REMAINDER, ONE_PER_LIST, GREATEST_AVERAGE)
            if self.small
            else (GREATEST_AVERAGE,)
        )
        for method in methods:
            if any(self.reason(state, n, method) is None for n in self.lists):
                return method
        return None

    def reason(self, state: _State, number: int, method: str) -> Reason | None:
        """Why list ``number`` cannot receive the next seat under ``method`` (None: it can)."""
        lst = self.lists[number]
        if lst.votes == 0:
            return "no_votes"
        if full_quota_rule(self.election) and not reaches_quota(self.election, lst):
            return "below_quota"
        if method == LARGEST_REMAINDER and not qualifies_for_remainder(self.election, lst):
            return "below_75"
        if state.phase == "reassignment" and self.at_limit(number, state.held[number]):
            return "exhausted"
        if method != GREATEST_AVERAGE and state.won.get((number, method), 0) > 0:
            return "won_this_round"
        return None

    def value(self, state: _State, number: int, method: str | None) -> Fraction:
        """Remainder (P 8 lid 1: stemcijfer minus full seats times kiesdeler) or average
        (P 7, P 8 lid 3: stemcijfer divided by seats held plus one)."""
        votes = self.lists[number].votes
        if method == LARGEST_REMAINDER:
            return votes - state.full[number] * self.quota
        return Fraction(votes, state.held[number] + 1)

    # ------------------------------------------------------------------ the replay

    @cached_property
    def replay(self) -> Replay | None:
        """Follow the result's own steps; ``None`` if it has none (or no usable seats)."""
        if self.result.claims is None or self.result.status not in ("completed", "needs_lot"):
            return None
        replay = Replay()
        state = _State(held=dict(self.full), full=dict(self.full), to_assign=self.residual_total)
        residual_lots = self.lots_of("residual_seat")
        done_majority = False
        done_exhaustion = False
        exhaustion_claims: list[ExhaustionClaim] = []
        for claim in self.result.claims:
            if isinstance(claim, ResidualClaim):
                if claim.list not in self.lists:
                    replay.misplaced.append(
                        f"a residual-seat step names list {claim.list}, which is not in the input"
                    )
                    continue
                if exhaustion_claims and not done_exhaustion:
                    self._exhaust(replay, state, exhaustion_claims)
                    done_exhaustion = True
                if state.phase == "initial" and done_majority:
                    replay.misplaced.append(
                        f"a residual seat for list {claim.list} is assigned after P 9 without "
                        "a P 10 exhaustion before it"
                    )
                replay.decisions.append(self._decide(replay, state, claim, residual_lots))
            elif isinstance(claim, MajorityClaim):
                if done_majority or done_exhaustion or exhaustion_claims:
                    replay.misplaced.append(
                        f"the P 9 step for list {claim.list} comes after P 10 or twice; P 9 "
                        "applies once, after the residual seats and before P 10"
                    )
                    continue
                if claim.list not in self.lists or claim.from_list not in self.lists:
                    replay.misplaced.append("the P 9 step names a list that is not in the input")
                    continue
                replay.majority = self._majority(replay, state, claim)
                done_majority = True
            elif isinstance(claim, ExhaustionClaim):
                if claim.list not in self.lists:
                    replay.misplaced.append(
                        f"a P 10 step names list {claim.list}, which is not in the input"
                    )
                    continue
                if not done_majority:
                    replay.majority = self._majority(replay, state, None)
                    done_majority = True
                if done_exhaustion:
                    replay.misplaced.append(
                        f"a second P 10 exhaustion of list {claim.list} after the reassignment"
                    )
                    continue
                exhaustion_claims.append(claim)
            elif isinstance(claim, UnfilledClaim):
                replay.unfilled += claim.seats
        replay.state = state
        if self._allocation_finished() and not done_majority:
            replay.majority = self._majority(replay, state, None)
        if not done_exhaustion and (exhaustion_claims or self._allocation_finished()):
            self._exhaust(replay, state, exhaustion_claims)
        return replay

    def _allocation_finished(self) -> bool:
        """Whether the result claims the whole list-level allocation (P 5 – P 10) is done."""
        if self.result.status == "completed":
            return True
        lot = self.result.lot
        return lot is not None and lot.kind == "candidate"

    def _decide(
        self, replay: Replay, state: _State, claim: ResidualClaim, lots: list[Lot]
    ) -> SeatDecision:
        method = self.method_at(state)
        values: dict[int, Fraction] = {}
        reasons: dict[int, Reason] = {}
        for number in self.lists:
            reason = self.reason(state, number, method or GREATEST_AVERAGE)
            if reason is None:
                values[number] = self.value(state, number, method)
            else:
                reasons[number] = reason
        best = max(values.values(), default=None)
        tied = tuple(n for n, v in values.items() if v == best)
        remaining = state.to_assign - state.assigned
        lot: Lot | None = None
        if len(tied) > remaining and replay.residual_lots_used < len(lots):
            lot = lots[replay.residual_lots_used]
            replay.residual_lots_used += 1
        if state.phase == "initial":
            replay.initial_claims += 1
        else:
            replay.reassigned_claims += 1
        decision = SeatDecision(
            claim=claim,
            number=replay.initial_claims + replay.reassigned_claims,
            phase=state.phase,
            method=method,
            held=dict(state.held),
            values=values,
            reasons=reasons,
            winner_value=self.value(state, claim.list, method),
            tied=tied,
            remaining=remaining,
            lot=lot,
        )
        # Follow the claim, whatever it is: the rules judge it, the replay just keeps count.
        state.held[claim.list] += 1
        state.assigned += 1
        used = method or GREATEST_AVERAGE
        state.won[(claim.list, used)] = state.won.get((claim.list, used), 0) + 1
        state.awards.append((claim.list, used, decision.winner_value))
        return decision

    def _majority(
        self, replay: Replay, state: _State, claim: MajorityClaim | None
    ) -> MajorityPoint:
        """P 9 at this point: who holds a majority of the votes and who could give a seat up."""
        total = self.election.total_votes
        majority = next((n for n, lst in self.lists.items() if 2 * lst.votes > total), None)
        others = [award for award in state.awards if award[0] != majority]
        group: list[int] = []
        value: Fraction | None = None
        if others:
            _, last_method, value = others[-1]
            for number, method, award_value in others:
                if method == last_method and award_value == value and number not in group:
                    group.append(number)
        held = dict(state.held)
        seats = self.election.seats
        point = MajorityPoint(claim, majority, held, tuple(sorted(group)), value, None, seats)
        lot: Lot | None = None
        if point.applies and len(group) > 1:
            lots = self.lots_of("absolute_majority")
            if replay.majority_lots_used < len(lots):
                lot = lots[replay.majority_lots_used]
                replay.majority_lots_used += 1
            point = MajorityPoint(claim, majority, held, point.group, value, lot, seats)
        if claim is not None:
            state.held[claim.from_list] -= 1
            state.held[claim.list] += 1
            taken = next((a for a in reversed(state.awards) if a[0] == claim.from_list), None)
            if taken is not None:
                key = (claim.from_list, taken[1])
                state.won[key] = state.won.get(key, 0) - 1
                if self.election.profile.p9_seat_counts_as_residual:
                    gain = (claim.list, taken[1])
                    state.won[gain] = state.won.get(gain, 0) + 1
        return point

    def _exhaust(self, replay: Replay, state: _State, claims: list[ExhaustionClaim]) -> None:
        replay.exhaustion = ExhaustionPoint(dict(state.held), tuple(claims))
        surplus = 0
        for claim in claims:
            removed = claim.removed_residual + claim.removed_full
            state.held[claim.list] -= removed
            state.full[claim.list] -= claim.removed_full
            surplus += removed
        replay.surplus = surplus
        state.phase = "reassignment"
        state.assigned = 0
        state.to_assign = surplus

    # ------------------------------------------------------------------ the pending question

    @cached_property
    def pending(self) -> SeatDecision | None:
        """For a residual-seat lot question: the seat it is about, as the steps leave it."""
        replay = self.replay
        lot = self.result.lot
        if replay is None or replay.state is None or lot is None or lot.kind != "residual_seat":
            return None
        state = replay.state
        method = self.method_at(state)
        values = {
            n: self.value(state, n, method)
            for n in self.lists
            if self.reason(state, n, method or GREATEST_AVERAGE) is None
        }
        best = max(values.values(), default=None)
        tied = tuple(n for n, v in values.items() if v == best)
        dummy = ResidualClaim(
            -1,
            lot.seat,
            lot.options[0] if lot.options else 0,
            "",
            None,
            (),
            True,
            state.phase == "reassignment",
        )
        return SeatDecision(
            claim=dummy,
            number=replay.initial_claims + replay.reassigned_claims + 1,
            phase=state.phase,
            method=method,
            held=dict(state.held),
            values=values,
            reasons={},
            winner_value=best if best is not None else Fraction(0),
            tied=tied,
            remaining=state.to_assign - state.assigned,
            lot=None,
        )

    # ------------------------------------------------------------------ P 15 – P 19

    def threshold(self) -> Fraction:
        """P 15: the voorkeurdrempel."""
        return self.quota * preference_share(self.election)

    @property
    def preference_orders(self) -> dict[int, list[Candidate]]:
        """Per list with candidates and reported seats: the living candidates above the
        threshold, in the order P 15 elects them (votes; equal votes by the supplied lots where
        a lot decides, otherwise list order)."""
        return self._preferences[0]

    @property
    def candidate_lot_problems(self) -> dict[int, list[str]]:
        """Per list: supplied candidate lots that are missing, misfit or left over."""
        return self._preferences[1]

    @property
    def lot_decided(self) -> dict[int, set[int]]:
        """Per list: the candidates whose place among equal votes a supplied lot decided."""
        return self._preferences[2]

    @cached_property
    def _preferences(
        self,
    ) -> tuple[dict[int, list[Candidate]], dict[int, list[str]], dict[int, set[int]]]:
        all_problems: dict[int, list[str]] = {}
        orders: dict[int, list[Candidate]] = {}
        decided: dict[int, set[int]] = {}
        seats = self.seats
        if seats is None:
            return orders, all_problems, decided
        t = self.threshold()
        always = self.election.profile.candidate_lot_always
        for lst in self.election.lists:
            if lst.candidates is None:
                continue
            problems = all_problems.setdefault(lst.number, [])
            by_lot = decided.setdefault(lst.number, set())
            lots = self.lots_of("candidate", lst.number)
            used = 0
            above = [c for c in lst.candidates if not c.deceased and c.votes > t]
            levels = sorted({c.votes for c in above}, reverse=True)
            order: list[Candidate] = []
            for votes in levels:
                group = [c for c in above if c.votes == votes]
                start = len(order)
                inside = max(0, min(start + len(group), seats[lst.number]) - start)
                decisive = 0 < inside < len(group)
                if decisive:
                    draws = inside
                elif always and len(group) > 1:
                    draws = min(inside, len(group) - 1)
                else:
                    draws = 0
                if draws:
                    by_lot.update(c.number for c in group)
                for _ in range(draws):
                    options = tuple(c.number for c in group)
                    if used >= len(lots):
                        problems.append(
                            f"list {lst.number}: candidates {_join(options)} have {votes} "
                            "preference votes each and a lot must decide who is elected first, "
                            "but the input supplies no such lot"
                        )
                        break
                    lot = lots[used]
                    used += 1
                    if tuple(sorted(lot.options)) != options:
                        problems.append(
                            f"list {lst.number}: the supplied candidate lot between "
                            f"{_join(lot.options)} does not answer the tie between candidates "
                            f"{_join(options)}"
                        )
                        break
                    pick = next(c for c in group if c.number == lot.drawn)
                    group.remove(pick)
                    order.append(pick)
                order.extend(group)
            if used < len(lots) and self.result.status == "completed":
                problems.append(
                    f"list {lst.number}: {len(lots) - used} supplied candidate lot(s) answer no "
                    "decisive tie"
                )
            orders[lst.number] = order
        return orders, all_problems, decided


def _join(numbers: Iterable[int]) -> str:
    items = [str(n) for n in numbers]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# =========================================================================== the rules


def _format_result(ctx: Context) -> Iterator[str]:
    for problem in ctx.result.problems:
        yield f"{problem.field}: {problem.message}"
    for key, mapping in (("seats", ctx.result.seats), ("full_seats", ctx.result.full_seats)):
        if mapping is None or ctx.result.status != "completed":
            continue
        for number in ctx.lists:
            if number not in mapping:
                yield f"{key} has no entry for list {number}"
        for number in mapping:
            if number not in ctx.lists:
                yield f"{key} names list {number}, which is not in the input"
    if (
        ctx.completed
        and ctx.result.elected is None
        and any(lst.candidates is not None for lst in ctx.election.lists)
    ):
        yield "elected is missing, but the input has candidates"


def _status(ctx: Context) -> Iterator[str]:
    if ctx.result.status != "rejected":
        return
    if ctx.election.lots and any(f.startswith("lots") for f in ctx.result.error_fields):
        return  # a supplied lot that does not fit the question asked: the input is at fault
    yield (
        "the result rejects the input, but the input is a valid election "
        f"({ctx.election.kind}, {ctx.election.seats} seats, {len(ctx.election.lists)} lists)"
    )


def _p5_quota(ctx: Context) -> Iterator[str]:
    total = ctx.election.total_votes
    if ctx.result.quota is not None and ctx.result.quota != ctx.quota:
        yield (
            f"the kiesdeler is {total} votes / {ctx.election.seats} seats = {show(ctx.quota)}, "
            f"the result states {show(ctx.result.quota)}"
        )
    if ctx.result.total_votes is not None and ctx.result.total_votes != total:
        yield f"the lists have {total} votes in total, the result states {ctx.result.total_votes}"


def _p6_full_seats(ctx: Context) -> Iterator[str]:
    reported = ctx.result.full_seats
    if reported is not None:
        for number, expected in ctx.full.items():
            got = reported.get(number)
            if got is not None and got != expected:
                votes = ctx.lists[number].votes
                yield (
                    f"list {number} has {votes} votes, {show(votes / ctx.quota)} times the "
                    f"kiesdeler {show(ctx.quota)}: {expected} full seat(s), the result states {got}"
                )
    rows = ctx.result.full_seat_rows
    if rows is not None:
        for number, (full, remainder) in rows.items():
            if number not in ctx.lists or full != ctx.full[number]:
                continue
            expected_rest = ctx.lists[number].votes - full * ctx.quota
            if remainder != expected_rest:
                yield (
                    f"list {number}: remainder {show(ctx.lists[number].votes)} - {full} x "
                    f"{show(ctx.quota)} = {show(expected_rest)}, "
                    f"the result states {show(remainder)}"
                )
    if ctx.completed and ctx.seats is not None:
        for number, full in ctx.full.items():
            limit = ctx.limit(number)
            keep = full if limit is None else min(full, limit)
            if ctx.seats[number] < keep:
                yield (
                    f"list {number} holds {ctx.seats[number]} seat(s), fewer than its {full} "
                    "full seat(s)" + ("" if limit is None else f" (it has {limit} candidates)")
                )


def _seats_total(ctx: Context) -> Iterator[str]:
    seats = ctx.seats
    if not ctx.completed or seats is None:
        return
    total = sum(seats.values())
    if total > ctx.election.seats:
        yield f"the lists hold {total} seats, but the body has {ctx.election.seats}"
        return
    replay = ctx.replay
    if replay is None:
        return
    if total + replay.unfilled != ctx.election.seats:
        yield (
            f"the lists hold {total} seats and {replay.unfilled} are stated unfilled; together "
            f"that is not the {ctx.election.seats} seats of the body"
        )
    initial_unfilled = ctx.residual_total - replay.initial_claims
    if initial_unfilled < 0:
        yield (
            f"{replay.initial_claims} residual seats are assigned, but after the full seats "
            f"only {ctx.residual_total} remain"
        )
    if replay.reassigned_claims > replay.surplus:
        yield (
            f"{replay.reassigned_claims} seats are reassigned under P 10, but the exhausted "
            f"lists gave up only {replay.surplus}"
        )


def _steps_consistent(ctx: Context) -> Iterator[str]:
    replay = ctx.replay
    if replay is None or replay.state is None:
        return
    yield from replay.misplaced
    for d in replay.decisions:
        stated = d.claim.value
        same_method = d.method is not None and d.claim.method == d.method
        if same_method and stated is not None and stated != d.winner_value:
            yield (
                f"{d.label}: list {d.winner}'s {d.value_word} is {show(d.winner_value)}, the "
                f"result states {show(stated)}"
            )
    held = replay.state.held
    reported = ctx.seats if ctx.completed else ctx.result.seats
    if reported is not None:
        for number in ctx.lists:
            if number in reported and reported[number] != held[number]:
                yield (
                    f"list {number}: the steps give it {held[number]} seat(s), the result "
                    f"states {reported[number]}"
                )
    order = ctx.result.residual_seat_order
    if order is not None and ctx.completed:
        winners = tuple(d.winner for d in replay.decisions)
        if order != winners:
            yield (
                f"residual_seat_order is {list(order)}, but the steps assign residual seats to "
                f"{list(winners)}"
            )


_ELIGIBILITY_RULE: dict[Reason, str] = {
    "no_votes": "RESIDUAL-no-votes",
    "below_quota": "P7.2-full-quota-threshold",
    "below_75": "P8.2-75-percent",
    "exhausted": "P10-exhaustion",
    "won_this_round": "P8.2-one-per-list",
}


def _reason_rule(ctx: Context, d: SeatDecision) -> str | None:
    """The rule a residual seat to an ineligible list breaks (None: the winner is eligible)."""
    reason = d.reasons.get(d.winner)
    if reason is None:
        return None
    if reason == "below_quota" and ctx.election.kind not in ("TK", "EP"):
        return "BILL36641-full-quota"
    if reason == "won_this_round" and d.method == ONE_PER_LIST:
        return "P8.3-average-one-per-list"
    return _ELIGIBILITY_RULE[reason]


_REASON_TEXT: dict[Reason, str] = {
    "no_votes": "it has no votes",
    "below_quota": "its stemcijfer is below the kiesdeler",
    "below_75": "its stemcijfer is below 75% of the kiesdeler",
    "exhausted": "it has no further living candidates",
    "won_this_round": "it already received a seat in this round",
}


def _eligibility(rule_id: str) -> Callable[[Context], Iterator[str]]:
    def check(ctx: Context) -> Iterator[str]:
        replay = ctx.replay
        if replay is not None:
            for d in replay.decisions:
                if _reason_rule(ctx, d) == rule_id:
                    reason = d.reasons[d.winner]
                    votes = ctx.lists[d.winner].votes
                    yield (
                        f"{d.label} goes to list {d.winner} ({votes} votes, kiesdeler "
                        f"{show(ctx.quota)}), but {_REASON_TEXT[reason]}"
                    )
        elif ctx.completed:
            yield from _final_eligibility(ctx, rule_id)

    return check


def _final_eligibility(ctx: Context, rule_id: str) -> Iterator[str]:
    """Without steps: a list holding residual seats must be able to win them at all."""
    seats = ctx.seats
    if seats is None:
        return
    for number, lst in ctx.lists.items():
        extra = seats[number] - ctx.full[number]
        if extra <= 0 or _plausible_p9_gainer(ctx, number):
            continue
        if rule_id == "RESIDUAL-no-votes" and lst.votes == 0:
            yield f"list {number} has no votes, yet holds {extra} residual seat(s)"
        below = full_quota_rule(ctx.election) and not reaches_quota(ctx.election, lst)
        kind_rule = (
            "P7.2-full-quota-threshold"
            if ctx.election.kind in ("TK", "EP")
            else "BILL36641-full-quota"
        )
        if rule_id == kind_rule and below and lst.votes > 0:
            yield (
                f"list {number} holds {extra} residual seat(s) with {lst.votes} votes, below the "
                f"kiesdeler {show(ctx.quota)}"
            )


def _method_rule(ctx: Context, method: str | None) -> str:
    if not ctx.small:
        return "P7.1-greatest-average"
    if method == LARGEST_REMAINDER:
        return "P8.1-largest-remainder"
    return "P8.3-greatest-average"


_METHOD_TEXT = {
    LARGEST_REMAINDER: "largest remainders (P 8 lid 1-2)",
    ONE_PER_LIST: "greatest averages, one seat per list (P 8 lid 3)",
    GREATEST_AVERAGE: "greatest averages",
}


def _greatest(rule_id: str) -> Callable[[Context], Iterator[str]]:
    def check(ctx: Context) -> Iterator[str]:
        replay = ctx.replay
        if replay is None:
            if ctx.completed:
                yield from _final_greatest(ctx, rule_id)
            return
        for d in replay.decisions:
            if _method_rule(ctx, d.method) != rule_id:
                continue
            if d.method is not None and d.claim.method != d.method:
                yield (
                    f"{d.label} (list {d.winner}) is assigned by "
                    f"{_METHOD_TEXT.get(d.claim.method, d.claim.method)}, but the law prescribes "
                    f"{_METHOD_TEXT[d.method]} at that point"
                )
            if d.reasons.get(d.winner) is not None:
                continue
            greater = [(v, n) for n, v in d.values.items() if v > d.winner_value]
            if greater:
                value = max(v for v, _ in greater)
                other = min(n for v, n in greater if v == value)
                yield (
                    f"list {d.winner} holds {d.label} with {d.value_word} "
                    f"{show(d.winner_value)}, while list {other} would have had {show(value)}"
                )

    return check


def _plausible_p9_gainer(ctx: Context, number: int) -> bool:
    """Without steps: could list ``number`` have gained its last seat under P 9?"""
    seats = ctx.seats
    if seats is None:
        return False
    lst = ctx.lists[number]
    return (
        2 * lst.votes > ctx.election.total_votes and 2 * (seats[number] - 1) <= ctx.election.seats
    )


def _anyone_at_limit(ctx: Context, seats: Mapping[int, int]) -> bool:
    return any(ctx.at_limit(n, seats[n]) for n in ctx.lists)


def _final_greatest(ctx: Context, rule_id: str) -> Iterator[str]:
    """Final-state characterisations where a result has no steps."""
    seats = ctx.seats
    if seats is None:
        return
    election = ctx.election

    def open_for_more(number: int) -> bool:
        lst = ctx.lists[number]
        return (
            lst.votes > 0
            and not (full_quota_rule(election) and not reaches_quota(election, lst))
            and not ctx.at_limit(number, seats[number])
        )

    if rule_id == "P7.1-greatest-average" and not ctx.small:
        # D'Hondt: the average at which a list holds its last residual seat is at least the
        # average any list that can still take a seat would have for one more.
        holders = [
            n for n in ctx.lists if seats[n] > ctx.full[n] and not _plausible_p9_gainer(ctx, n)
        ]
        for holder in holders:
            last = Fraction(ctx.lists[holder].votes, seats[holder])
            greater = [
                (Fraction(ctx.lists[other].votes, seats[other] + 1), other)
                for other in ctx.lists
                if other != holder and open_for_more(other)
            ]
            best = max(greater, key=lambda item: (item[0], -item[1]), default=None)
            if best is not None and best[0] > last:
                yield (
                    f"list {holder} holds its last residual seat with average {show(last)}, "
                    f"while list {best[1]} would have had {show(best[0])}"
                )
        return
    if not ctx.small or _anyone_at_limit(ctx, seats):
        return
    if any(_plausible_p9_gainer(ctx, n) and seats[n] > ctx.full[n] for n in ctx.lists):
        return
    extra = {n: seats[n] - ctx.full[n] for n in ctx.lists}
    round1 = [
        n
        for n, lst in ctx.lists.items()
        if lst.votes > 0
        and not (full_quota_rule(election) and not reaches_quota(election, lst))
        and qualifies_for_remainder(election, lst)
    ]
    rest = {n: ctx.lists[n].votes - ctx.full[n] * ctx.quota for n in round1}
    k1 = min(max(ctx.residual_total, 0), len(round1))
    ranked = sorted(round1, key=lambda n: -rest[n])
    if rule_id == "P8.1-largest-remainder":
        # A list that fewer than k1 others match or beat in remainder wins a remainder seat
        # whatever the ties and lots: holding none is wrong.
        for n in round1:
            rivals = sum(1 for m in round1 if m != n and rest[m] >= rest[n])
            if rivals < k1 and extra[n] == 0:
                yield (
                    f"list {n} has remainder {show(rest[n])}, among the {k1} largest of the lists "
                    f"with at least 75% of the kiesdeler, yet holds no residual seat"
                )
    if rule_id == "P8.3-greatest-average" and ctx.residual_total > k1 and k1 >= 0:
        boundary_tie = k1 < len(ranked) and k1 > 0 and rest[ranked[k1]] == rest[ranked[k1 - 1]]
        if boundary_tie:
            return
        winners1 = set(ranked[:k1])
        after1 = {n: ctx.full[n] + (1 if n in winners1 else 0) for n in ctx.lists}
        round2 = [n for n in ctx.lists if open_for_more(n)]
        if len(round2) < ctx.residual_total - k1:
            return  # a third round: not characterised on final seats
        winners2 = [n for n in ctx.lists if seats[n] - after1[n] >= 1]
        losers2 = [n for n in round2 if seats[n] == after1[n]]
        for w in winners2:
            got = Fraction(ctx.lists[w].votes, after1[w] + 1)
            for other in losers2:
                would = Fraction(ctx.lists[other].votes, after1[other] + 1)
                if would > got:
                    yield (
                        f"list {w} holds a round-2 residual seat with average {show(got)}, "
                        f"while list {other} would have had {show(would)}"
                    )


def _one_per_list_final(rule_id: str) -> Callable[[Context], Iterator[str]]:
    base = _eligibility(rule_id)

    def check(ctx: Context) -> Iterator[str]:
        yield from base(ctx)
        seats = ctx.seats
        if ctx.replay is not None or not ctx.completed or seats is None or not ctx.small:
            return
        if _anyone_at_limit(ctx, seats) or _third_round(ctx):
            return
        for n, lst in ctx.lists.items():
            extra = seats[n] - ctx.full[n] - (1 if _plausible_p9_gainer(ctx, n) else 0)
            in_round1 = qualifies_for_remainder(ctx.election, lst)
            if rule_id == "P8.3-average-one-per-list" and in_round1 and extra > 2:
                yield (
                    f"list {n} holds {extra} residual seats; at most one in the remainder round "
                    "and one in the greatest-average round is possible"
                )
            if rule_id == "P8.3-average-one-per-list" and not in_round1 and extra > 1:
                yield (
                    f"list {n} (below 75% of the kiesdeler) holds {extra} residual seats; "
                    "at most one in the greatest-average round is possible"
                )

    return check


def _third_round(ctx: Context) -> bool:
    """Whether P 8's unrestricted third round is reached: more residual seats than the lists
    that may win one in the remainder round and in the one-per-list average round."""
    election = ctx.election
    round2 = [
        lst
        for lst in election.lists
        if lst.votes > 0 and not (full_quota_rule(election) and not reaches_quota(election, lst))
    ]
    round1 = [lst for lst in round2 if qualifies_for_remainder(election, lst)]
    return ctx.residual_total > len(round1) + len(round2)


def _tie_order(ctx: Context) -> Iterator[str]:
    replay = ctx.replay
    if replay is None:
        return
    for d in replay.decisions:
        if len(d.tied) < 2 or d.decisive or d.winner not in d.tied:
            continue
        if d.winner != min(d.tied):
            yield (
                f"{d.label}: lists {_join(d.tied)} tie at {d.value_word} {show(d.winner_value)} "
                f"and each gets a seat, so they are served in list order; list {min(d.tied)} "
                f"comes before list {d.winner}"
            )


def _lot_decisive(ctx: Context) -> Iterator[str]:
    replay = ctx.replay
    if replay is not None:
        for d in replay.decisions:
            if d.claim.lot and not d.decisive:
                if len(d.tied) < 2:
                    yield (
                        f"{d.label}: the result records a lot, but list "
                        f"{_join(d.tied) or '-'} alone had the greatest {d.value_word}"
                    )
                else:
                    yield (
                        f"{d.label}: the result records a lot, but lists {_join(d.tied)} tie for "
                        f"{d.remaining} remaining seat(s): the tie is not decisive"
                    )
            if d.decisive and not d.claim.lot and d.winner in d.tied:
                yield (
                    f"{d.label}: lists {_join(d.tied)} tie at {d.value_word} "
                    f"{show(d.winner_value)} for {d.remaining} remaining seat(s); the lot must "
                    "decide, but the result records none"
                )
        point = replay.majority
        if point is not None and point.claim is not None:
            decisive = point.applies and len(point.group) > 1
            if point.claim.lot and not decisive:
                yield (
                    f"P 9: the result records a lot for the list that gives up a seat, but only "
                    f"list {_join(point.group)} received the last residual seat(s)"
                )
            if decisive and not point.claim.lot:
                yield (
                    f"P 9: lists {_join(point.group)} received the last residual seats on the same "
                    f"value {show(point.value or 0)}; the lot must decide which gives one up"
                )
    if ctx.result.status == "needs_lot" and ctx.result.lot is not None:
        yield from _lot_question(ctx, ctx.result.lot)


def _lot_question(ctx: Context, lot: LotClaim) -> Iterator[str]:
    """A *needs lot* question must name options that really tie, and the tie must be decisive."""
    options = tuple(sorted(lot.options))
    if lot.kind == "residual_seat":
        d = ctx.pending
        if d is None:
            if ctx.replay is None:
                return
            yield "the lot question cannot be placed after the result's steps"
            return
        if d.remaining <= 0:
            yield (
                f"a lot is asked for a residual seat between lists {_join(options)}, but all "
                "residual seats of this phase have been assigned"
            )
            return
        if options != tuple(sorted(d.tied)):
            described = ", ".join(
                f"list {n} {show(v)}" for n, v in d.values.items() if n in options
            )
            yield (
                f"the lot for {d.label} names lists {_join(options)}, but the lists with the "
                f"greatest {d.value_word} are {_join(d.tied)} ({described})"
            )
        elif len(d.tied) <= d.remaining:
            yield (
                f"the lot for {d.label} between lists {_join(options)} is not decisive: "
                f"{d.remaining} seat(s) remain for {len(d.tied)} tied lists"
            )
        if lot.value is not None and d.values and lot.value != d.winner_value:
            yield (
                f"the lot for {d.label} states value {show(lot.value)}, the greatest "
                f"{d.value_word} is {show(d.winner_value)}"
            )
    elif lot.kind == "absolute_majority":
        replay = ctx.replay
        point = replay.majority if replay is not None else None
        if replay is None:
            return
        if point is None:
            state = replay.state
            if state is None:
                return
            point = ctx._majority(
                Replay(),
                _State(dict(state.held), dict(state.full), awards=list(state.awards)),
                None,
            )
        if not point.applies:
            yield "a P 9 lot is asked, but no list qualifies for a seat under P 9"
        elif options != point.group or len(point.group) < 2:
            yield (
                f"the P 9 lot names lists {_join(options)}, but the last residual seat(s) on "
                f"the same value went to list(s) {_join(point.group)}"
            )
    else:
        yield from _candidate_question(ctx, lot, options)


def _candidate_question(ctx: Context, lot: LotClaim, options: tuple[int, ...]) -> Iterator[str]:
    number = lot.list
    seats = ctx.result.seats
    if number is None or number not in ctx.lists or seats is None:
        yield "a candidate lot must name a list of the input"
        return
    lst = ctx.lists[number]
    by_number = {c.number: c for c in lst.candidates or ()}
    chosen = [by_number.get(n) for n in options]
    if any(c is None or c.deceased for c in chosen) or not options:
        yield (
            f"the candidate lot on list {number} names candidates {_join(options)}, not all "
            "living candidates of the list"
        )
        return
    t = ctx.threshold()
    votes = {c.votes for c in chosen if c is not None}
    if len(votes) != 1 or min(votes) <= t:
        detail = ", ".join(f"candidate {c.number} {c.votes}" for c in chosen if c is not None)
        yield (
            f"the candidate lot on list {number} names candidates that do not tie above the "
            f"threshold {show(t)} ({detail})"
        )
        return
    v = min(votes)
    above = [c for c in lst.candidates or () if not c.deceased and c.votes > t]
    group = [c.number for c in above if c.votes == v]
    drawn = [lot_.drawn for lot_ in ctx.lots_of("candidate", number) if lot_.drawn in group]
    remaining = [n for n in group if n not in drawn]
    start = sum(1 for c in above if c.votes > v) + len(drawn)
    inside = max(0, min(start + len(remaining), seats.get(number, 0)) - start)
    if tuple(remaining) != options:
        yield (
            f"the candidate lot on list {number} names {_join(options)}, but the candidates tied "
            f"at {v} votes and not yet drawn are {_join(remaining)}"
        )
    decisive = 0 < inside < len(remaining)
    if ctx.election.profile.candidate_lot_always:
        decisive = inside > 0 and len(remaining) > 1
    if not decisive:
        yield (
            f"the candidate lot on list {number} between {_join(options)} is not decisive: "
            f"{inside} of the list's seats fall to these {len(remaining)} candidates"
        )


def _lot_drawn(ctx: Context) -> Iterator[str]:
    replay = ctx.replay
    residual_lots = ctx.lots_of("residual_seat")
    majority_lots = ctx.lots_of("absolute_majority")
    if replay is not None:
        for d in replay.decisions:
            if not d.decisive or d.winner not in d.tied:
                continue
            if d.lot is None:
                yield (
                    f"{d.label}: lists {_join(d.tied)} tie for {d.remaining} seat(s) and no "
                    "supplied lot decides it; the result should ask for one (needs_lot)"
                )
            elif tuple(sorted(d.lot.options)) != tuple(sorted(d.tied)):
                yield (
                    f"{d.label}: the supplied lot between lists {_join(d.lot.options)} does not "
                    f"answer the tie between lists {_join(d.tied)}"
                )
            elif d.lot.drawn != d.winner:
                yield (
                    f"{d.label}: the lot fell on list {d.lot.drawn}, but the seat went to "
                    f"list {d.winner}"
                )
        point = replay.majority
        claim = None if point is None else point.claim
        drawn = None if point is None or point.lot is None else point.lot.drawn
        if claim is not None and drawn is not None and drawn != claim.from_list:
            yield (
                f"P 9: the lot fell on list {drawn} to give up a seat, but the seat was taken "
                f"from list {claim.from_list}"
            )
        if ctx.completed or (ctx.result.lot is not None and ctx.result.lot.kind == "candidate"):
            if replay.residual_lots_used < len(residual_lots):
                yield (
                    f"{len(residual_lots) - replay.residual_lots_used} supplied residual-seat "
                    "lot(s) answer no decisive tie in the result's steps"
                )
            if replay.majority_lots_used < len(majority_lots):
                yield "a supplied P 9 lot answers no decisive P 9 question in the result's steps"
    lot = ctx.result.lot
    if ctx.result.status == "needs_lot" and lot is not None and replay is not None:
        if lot.kind == "residual_seat" and replay.residual_lots_used < len(residual_lots):
            yield "a lot is asked for a residual seat although the input supplies one unused"
        if lot.kind == "absolute_majority" and replay.majority_lots_used < len(majority_lots):
            yield "a P 9 lot is asked although the input supplies one unused"
    if ctx.completed:
        for problems in ctx.candidate_lot_problems.values():
            yield from problems
        yield from _candidate_lots_followed(ctx)


def _majority_point(ctx: Context) -> MajorityPoint | None:
    replay = ctx.replay
    return None if replay is None else replay.majority


def _p9(ctx: Context) -> Iterator[str]:
    total = ctx.election.total_votes
    replay = ctx.replay
    if replay is None:
        seats = ctx.seats
        if not ctx.completed or seats is None:
            return
        for n, lst in ctx.lists.items():
            if 2 * lst.votes <= total or 2 * seats[n] > ctx.election.seats:
                continue
            others_hold = any(seats[m] > ctx.full[m] for m in ctx.lists if m != n)
            if others_hold and not _anyone_at_limit(ctx, seats):
                yield (
                    f"list {n} has {lst.votes} of {total} votes, more than half, but holds only "
                    f"{seats[n]} of {ctx.election.seats} seats, while another list holds a "
                    "residual seat it could give up"
                )
        return
    point = replay.majority
    if point is None:
        return
    claim = point.claim
    if claim is None:
        if point.applies and point.majority_list is not None:
            m = point.majority_list
            yield (
                f"list {m} has {ctx.lists[m].votes} of {total} votes, more than half, but holds "
                f"only {point.held[m]} of {ctx.election.seats} seats after the residual seats, "
                f"and no P 9 step gives it the seat of list {_join(point.group)}"
            )
        return
    if claim.list != point.majority_list:
        yield (
            f"P 9 gives list {claim.list} a seat, but it has {ctx.lists[claim.list].votes} of "
            f"{total} votes, not more than half"
        )
        return
    if not point.applies:
        if point.group:
            yield (
                f"P 9 gives list {claim.list} a seat, but it already holds "
                f"{point.held[claim.list]} of {ctx.election.seats} seats, more than half"
            )
        else:
            yield f"P 9 gives list {claim.list} a seat, but no other list holds a residual seat"
        return
    if claim.from_list not in point.group:
        yield (
            f"P 9 takes the seat from list {claim.from_list}, but the last residual seat "
            f"(other than list {claim.list}'s own) went to list {_join(point.group)}"
        )


def _p10_exhaustion(ctx: Context) -> Iterator[str]:
    yield from _eligibility("P10-exhaustion")(ctx)
    seats = ctx.seats if ctx.completed else None
    if seats is not None:
        for n in ctx.lists:
            limit = ctx.limit(n)
            if limit is not None and seats[n] > limit:
                yield (
                    f"list {n} holds {seats[n]} seats but has only {limit} living candidate(s) "
                    "(lijstuitputting)"
                )
    replay = ctx.replay
    point = None if replay is None else replay.exhaustion
    if point is None:
        return
    claimed = {c.list: c for c in point.claims}
    for n in ctx.lists:
        limit = ctx.limit(n)
        over = 0 if limit is None else point.held[n] - limit
        claim = claimed.get(n)
        if over > 0 and claim is None:
            yield (
                f"after P 9 list {n} holds {point.held[n]} seats but has only {limit} living "
                "candidate(s); no P 10 step removes the surplus"
            )
        if claim is None:
            continue
        if over <= 0 or limit is None:
            yield f"a P 10 step exhausts list {n}, but it holds no more seats than candidates"
            continue
        removed = claim.removed_residual + claim.removed_full
        residual_held = point.held[n] - ctx.full[n]
        if claim.seat_limit != limit or removed != over:
            yield (
                f"list {n} holds {point.held[n]} seats and has {limit} living candidate(s): "
                f"{over} seat(s) go to other lists, the result removes {removed}"
            )
        elif claim.removed_residual != min(over, max(residual_held, 0)):
            yield (
                f"list {n} gives up {over} seat(s): its residual seats go first "
                f"({min(over, max(residual_held, 0))}), the result removes "
                f"{claim.removed_residual} residual seat(s)"
            )


def _p10_empty(ctx: Context) -> Iterator[str]:
    seats = ctx.seats
    if not ctx.completed or seats is None:
        return
    empty = ctx.election.seats - sum(seats.values())
    if empty <= 0:
        return
    for n, lst in ctx.lists.items():
        if lst.votes == 0 or ctx.at_limit(n, seats[n]):
            continue
        if full_quota_rule(ctx.election) and not reaches_quota(ctx.election, lst):
            continue
        limit = ctx.limit(n)
        room = "no candidate limit" if limit is None else f"{limit} living candidates"
        yield (
            f"{empty} seat(s) stay empty, but list {n} ({lst.votes} votes, {seats[n]} seats, "
            f"{room}) could take one"
        )


def _candidate_lists(ctx: Context) -> Iterator[tuple[ElectionList, int, tuple[int, ...]]]:
    seats = ctx.seats
    elected = ctx.result.elected
    if not ctx.completed or seats is None or elected is None:
        return
    for lst in ctx.election.lists:
        if lst.candidates is not None:
            yield lst, seats[lst.number], elected.get(lst.number, ())


def _claimed_preference(
    ctx: Context, lst: ElectionList, elected: tuple[int, ...]
) -> tuple[int, ...]:
    on_pref = ctx.result.elected_on_preference
    if on_pref is not None:
        return on_pref.get(lst.number, ())
    expected = len(ctx.preference_orders.get(lst.number, []))
    return elected[: min(expected, len(elected))]


def _only_lot_differs(
    ctx: Context, lst: ElectionList, claimed: tuple[int, ...], expected: tuple[int, ...]
) -> bool:
    """Whether ``claimed`` differs from ``expected`` only where a lot ordered equal votes."""
    if len(claimed) != len(expected):
        return False
    votes = {c.number: c.votes for c in lst.candidates or ()}
    decided = ctx.lot_decided.get(lst.number, set())
    for got, want in zip(claimed, expected, strict=True):
        if got == want:
            continue
        if got not in decided or want not in decided or votes.get(got) != votes.get(want):
            return False
    return True


def _candidate_lots_followed(ctx: Context) -> Iterator[str]:
    """LOT-drawn for candidates: where a lot ordered equal votes, its outcome is followed."""
    for lst, seats, elected in _candidate_lists(ctx):
        order = ctx.preference_orders.get(lst.number, [])
        expected = tuple(c.number for c in order[:seats])
        claimed = _claimed_preference(ctx, lst, elected)
        if claimed != expected and _only_lot_differs(ctx, lst, claimed, expected):
            yield (
                f"list {lst.number}: by the supplied lots the candidates with equal votes are "
                f"elected as {list(expected)}, the result elects {list(claimed)}"
            )


def _p15_threshold(ctx: Context) -> Iterator[str]:
    stated = ctx.result.preference_threshold
    if ctx.completed and stated is not None and stated != ctx.threshold():
        share = preference_share(ctx.election)
        yield (
            f"the voorkeurdrempel is {show(share * 100)}% of the kiesdeler {show(ctx.quota)} = "
            f"{show(ctx.threshold())}, the result states {show(stated)}"
        )


def _p15_strict(ctx: Context) -> Iterator[str]:
    t = ctx.threshold()
    for lst, _, elected in _candidate_lists(ctx):
        by_number = {c.number: c for c in lst.candidates or ()}
        for n in _claimed_preference(ctx, lst, elected):
            c = by_number.get(n)
            if c is not None and c.votes <= t:
                relation = "exactly" if c.votes == t else "below"
                yield (
                    f"list {lst.number}: candidate {n} is elected on preference votes with "
                    f"{c.votes}, {relation} the voorkeurdrempel {show(t)}; more than the "
                    "threshold is required"
                )


def _p15_order(ctx: Context) -> Iterator[str]:
    t = ctx.threshold()
    for lst, seats, elected in _candidate_lists(ctx):
        order = ctx.preference_orders.get(lst.number, [])
        expected = tuple(c.number for c in order[:seats])
        claimed = _claimed_preference(ctx, lst, elected)
        by_number = {c.number: c for c in lst.candidates or ()}
        if claimed != elected[: len(claimed)]:
            yield (
                f"list {lst.number}: the candidates elected on preference {list(claimed)} are "
                f"not the first of those elected {list(elected)}"
            )
        if claimed == expected or _only_lot_differs(ctx, lst, claimed, expected):
            continue
        missing = [n for n in expected if n not in claimed]
        if missing:
            c = by_number[missing[0]]
            yield (
                f"list {lst.number}: candidate {c.number} has {c.votes} preference votes, more "
                f"than the voorkeurdrempel {show(t)}, and the list has {seats} seat(s), but "
                "is not elected on preference votes"
                + (
                    f" (elected on preference: {list(claimed)}, expected {list(expected)})"
                    if claimed
                    else ""
                )
            )
        elif set(claimed) == set(expected):
            votes = ", ".join(f"{n} ({by_number[n].votes})" for n in expected if n in by_number)
            yield (
                f"list {lst.number}: candidates are elected on preference in the order "
                f"{list(claimed)}; in order of their votes (equal votes: list order or lot) "
                f"it is {votes}"
            )
        elif len(claimed) > len(expected):
            extra = [n for n in claimed if n not in expected]
            yield (
                f"list {lst.number}: candidate(s) {_join(extra)} are elected on preference, "
                f"but only {_join(expected) or 'none'} qualify for the list's {seats} seat(s)"
            )


def _p17(ctx: Context) -> Iterator[str]:
    for lst, seats, elected in _candidate_lists(ctx):
        if len(elected) != seats:
            yield (
                f"list {lst.number} holds {seats} seat(s), but {len(elected)} candidate(s) "
                "are elected"
            )
        claimed = _claimed_preference(ctx, lst, elected)
        if claimed != elected[: len(claimed)]:
            continue
        rest = elected[len(claimed) :]
        living = [c.number for c in lst.candidates or () if not c.deceased]
        expected = tuple(n for n in living if n not in claimed)[: max(0, seats - len(claimed))]
        if rest != expected:
            yield (
                f"list {lst.number}: after the {len(claimed)} elected on preference, its "
                f"remaining seats go to the candidates in list order {list(expected)}, the "
                f"result elects {list(rest)}"
            )


def _p19_ranking(ctx: Context) -> Iterator[str]:
    ranking = ctx.result.ranking
    if ranking is None:
        return
    for lst, seats, _ in _candidate_lists(ctx):
        if seats == 0:
            continue  # no seat, so no vacancy to rank for
        order = [c.number for c in ctx.preference_orders.get(lst.number, [])]
        living = [c.number for c in lst.candidates or () if not c.deceased]
        expected = tuple(order + [n for n in living if n not in order])
        got = ranking.get(lst.number, ())
        if got != expected:
            yield (
                f"list {lst.number}: the ranking for later vacancies is {list(expected)} "
                f"(preference-elected, other candidates above the threshold by votes, the rest "
                f"in list order), the result states {list(got)}"
            )


def _p19a(ctx: Context) -> Iterator[str]:
    for lst, _, elected in _candidate_lists(ctx):
        dead = {c.number for c in lst.candidates or () if c.deceased}
        ranked = ctx.result.ranking.get(lst.number, ()) if ctx.result.ranking else ()
        for n in dict.fromkeys([*elected, *_claimed_preference(ctx, lst, elected)]):
            if n in dead:
                yield f"list {lst.number}: candidate {n} is deceased and cannot be elected"
        for n in ranked:
            if n in dead:
                yield f"list {lst.number}: candidate {n} is deceased and cannot be ranked"


def _known_candidates(ctx: Context) -> Iterator[str]:
    for lst, _, elected in _candidate_lists(ctx):
        known = {c.number for c in lst.candidates or ()}
        for n in elected:
            if n not in known:
                yield f"list {lst.number} has no candidate {n}, yet the result elects one"
        if len(set(elected)) != len(elected):
            yield f"list {lst.number}: a candidate is elected more than once in {list(elected)}"
    elected_map = ctx.result.elected
    if ctx.completed and elected_map is not None:
        for n in elected_map:
            if n in ctx.lists and ctx.lists[n].candidates is None and elected_map[n]:
                yield f"list {n} has list-level data only, yet the result elects candidates of it"


RULES: tuple[Rule, ...] = (
    Rule(
        "FORMAT-result",
        "result format kieswet/seat-allocation-result@1",
        "The result names every field the format requires, with values of the required form.",
        _format_result,
    ),
    Rule(
        "RESULT-status",
        "P 5 - P 19a",
        "A valid election is allocated (completed) or waits for a lot (needs_lot); only a "
        "supplied lot that does not fit may make the result reject it.",
        _status,
    ),
    Rule(
        "P5-quota",
        "P 5",
        "The kiesdeler (quota) is the sum of the stemcijfers divided by the number of seats.",
        _p5_quota,
    ),
    Rule(
        "P6-full-seats",
        "P 6",
        "Each list gets as many full seats as its stemcijfer contains the kiesdeler wholly, and "
        "keeps them unless P 10 limits it.",
        _p6_full_seats,
    ),
    Rule(
        "SEATS-total",
        "P 6 - P 10",
        "The seats held by the lists and the seats stated unfilled add up to the seats of the "
        "body; no more residual seats are assigned than remain.",
        _seats_total,
    ),
    Rule(
        "STEPS-consistent",
        "P 6 - P 10",
        "The steps a result states lead to the seats it reports, with each stated value "
        "(remainder or average) exact.",
        _steps_consistent,
    ),
    Rule(
        "RESIDUAL-no-votes",
        "P 7, P 8",
        "A list without votes (stemcijfer 0) never receives a residual seat (restzetel).",
        _eligibility("RESIDUAL-no-votes"),
    ),
    Rule(
        "P7.1-greatest-average",
        "P 7 lid 1",
        "With 19 seats or more, each residual seat goes to the list with the greatest average "
        "(grootste gemiddelde): stemcijfer divided by its seats so far plus one.",
        _greatest("P7.1-greatest-average"),
    ),
    Rule(
        "P7.2-full-quota-threshold",
        "P 7 lid 2",
        "In a Tweede Kamer or European Parliament election a list whose stemcijfer is below "
        "the kiesdeler receives no residual seat.",
        _eligibility("P7.2-full-quota-threshold"),
    ),
    Rule(
        "BILL36641-full-quota",
        "bill 36 641, P 7 / P 8",
        "Under bill 36 641 (every kind but the Eerste Kamer) a list whose stemcijfer is below "
        "the kiesdeler receives no residual seat.",
        _eligibility("BILL36641-full-quota"),
    ),
    Rule(
        "P8.1-largest-remainder",
        "P 8 lid 1",
        "With fewer than 19 seats, residual seats go first to the lists with the largest "
        "remainders (grootste overschotten), for as long as a list qualifies.",
        _greatest("P8.1-largest-remainder"),
    ),
    Rule(
        "P8.2-75-percent",
        "P 8 lid 2",
        "A remainder seat goes only to a list whose stemcijfer is at least 75% of the kiesdeler.",
        _eligibility("P8.2-75-percent"),
    ),
    Rule(
        "P8.2-one-per-list",
        "P 8 lid 2",
        "In the largest-remainder round a list receives at most one residual seat.",
        _one_per_list_final("P8.2-one-per-list"),
    ),
    Rule(
        "P8.3-greatest-average",
        "P 8 lid 3",
        "Seats left after the remainders go by greatest averages (every list with votes "
        "competes); after list exhaustion, further seats by unrestricted greatest averages.",
        _greatest("P8.3-greatest-average"),
    ),
    Rule(
        "P8.3-average-one-per-list",
        "P 8 lid 3",
        "In the greatest-average round after the remainders a list receives at most one seat.",
        _one_per_list_final("P8.3-average-one-per-list"),
    ),
    Rule(
        "TIE-list-order",
        "P 7 lid 3, P 8 lid 4",
        "Lists that tie for residual seats enough for all of them need no lot; they are served "
        "in ascending list number.",
        _tie_order,
    ),
    Rule(
        "LOT-decisive",
        "P 7 lid 3, P 8 lid 4, P 9 lid 2, P 15 lid 1",
        "The lot (loting) decides exactly the decisive ties: options that really tie for fewer "
        "seats than there are of them; a tie that is not decisive needs no lot.",
        _lot_decisive,
    ),
    Rule(
        "LOT-drawn",
        "P 7 lid 3, P 8 lid 4, P 9 lid 2, P 15 lid 1",
        "A decisive tie is decided as the lot drawn in public fell (supplied in the input, in "
        "order); every supplied lot answers one decisive tie.",
        _lot_drawn,
    ),
    Rule(
        "P9-absolute-majority",
        "P 9",
        "A list with more than half of all votes (volstrekte meerderheid) that holds at most "
        "half of the seats gets one more, taken from the list that received the last residual "
        "seat other than itself.",
        _p9,
    ),
    Rule(
        "P10-exhaustion",
        "P 10, P 19a",
        "No list holds more seats than it has living candidates (lijstuitputting); its surplus "
        "goes to the other lists by continuing the procedure, passing over exhausted lists.",
        _p10_exhaustion,
    ),
    Rule(
        "P10-no-empty-seat-needlessly",
        "P 10",
        "A seat stays empty only if no list that may receive a residual seat has a further "
        "living candidate.",
        _p10_empty,
    ),
    Rule(
        "P15-threshold",
        "P 15 lid 1-2, Q 3",
        "The voorkeurdrempel is 25% of the kiesdeler (50% for a gemeenteraad or eilandsraad of "
        "fewer than 19 seats, 10% for the European Parliament, 100% for the Eerste Kamer).",
        _p15_threshold,
    ),
    Rule(
        "P15-threshold-strict",
        "P 15 lid 1",
        "A candidate is elected on preference votes only with more votes than the "
        "voorkeurdrempel; exactly the threshold is not enough.",
        _p15_strict,
    ),
    Rule(
        "P15-preference-order",
        "P 15 lid 1",
        "The list's seats go first to its living candidates above the voorkeurdrempel, in "
        "order of their votes (equal votes: list order, or the lot where it decides), as far "
        "as the list has seats.",
        _p15_order,
    ),
    Rule(
        "P17-list-order",
        "P 17",
        "The list's remaining seats go to its other living candidates in list order (volgorde "
        "van de lijst); a list elects exactly as many candidates as it holds seats.",
        _p17,
    ),
    Rule(
        "P19-ranking",
        "P 19",
        "The ranking for later vacancies: the preference-elected in order of election, the "
        "other candidates above the threshold by votes, then the rest in list order.",
        _p19_ranking,
    ),
    Rule(
        "P19a-deceased",
        "P 19a",
        "A deceased candidate (overleden kandidaat) is neither elected nor ranked.",
        _p19a,
    ),
    Rule(
        "CANDIDATES-known",
        "P 15 - P 17",
        "Only candidates of the list itself are elected, each at most once.",
        _known_candidates,
    ),
)
"""Every rule, in the order ``spec.check.check`` runs them."""

RULES_BY_ID: Mapping[str, Rule] = {rule.id: rule for rule in RULES}
