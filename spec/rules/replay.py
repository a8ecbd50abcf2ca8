"""Replaying a result's own steps: the ``Context`` that every rule reads.

Kieswet (BWBR0004627), consolidated text of 2026-01-01: P 6 – P 10 (the order in which seats are
assigned) and P 15 – P 19a (the order in which candidates are elected). The rules do not recompute
the allocation; they *characterise* it. A result that records its steps is replayed as stated: the
seats held before every residual seat follow from the steps themselves, and each rule checks the
one decision it is about (was the winner eligible, was nobody passed over with a greater value, was
a tie decided by lot only where decisive). The replay follows every claim, right or wrong; judging
it is the rules' job.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Literal

from spec.model import Candidate, Election, ElectionList, Lot
from spec.result_reader import (
    ExhaustionClaim,
    MajorityClaim,
    ReadResult,
    ResidualClaim,
    UnfilledClaim,
)
from spec.rules.base import (
    GREATEST_AVERAGE,
    LARGEST_REMAINDER,
    ONE_PER_LIST,
    SMALL_COUNCIL,
    Reason,
    full_quota_rule,
    full_seat_count,
    join,
    preference_share,
    qualifies_for_remainder,
    quota,
    reaches_quota,
)


@dataclass
class State:
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
    state: State | None = None


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

    def method_at(self, state: State) -> str | None:
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

    def reason(self, state: State, number: int, method: str) -> Reason | None:
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

    def value(self, state: State, number: int, method: str | None) -> Fraction:
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
        state = State(held=dict(self.full), full=dict(self.full), to_assign=self.residual_total)
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
                replay.majority = self.majority_at(replay, state, claim)
                done_majority = True
            elif isinstance(claim, ExhaustionClaim):
                if claim.list not in self.lists:
                    replay.misplaced.append(
                        f"a P 10 step names list {claim.list}, which is not in the input"
                    )
                    continue
                if not done_majority:
                    replay.majority = self.majority_at(replay, state, None)
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
            replay.majority = self.majority_at(replay, state, None)
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
        self, replay: Replay, state: State, claim: ResidualClaim, lots: list[Lot]
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

    def majority_at(
        self, replay: Replay, state: State, claim: MajorityClaim | None
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

    def _exhaust(self, replay: Replay, state: State, claims: list[ExhaustionClaim]) -> None:
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
                            f"list {lst.number}: candidates {join(options)} have {votes} "
                            "preference votes each and a lot must decide who is elected first, "
                            "but the input supplies no such lot"
                        )
                        break
                    lot = lots[used]
                    used += 1
                    if tuple(sorted(lot.options)) != options:
                        problems.append(
                            f"list {lst.number}: the supplied candidate lot between "
                            f"{join(lot.options)} does not answer the tie between candidates "
                            f"{join(options)}"
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


def anyone_at_limit(ctx: Context, seats: Mapping[int, int]) -> bool:
    return any(ctx.at_limit(n, seats[n]) for n in ctx.lists)
