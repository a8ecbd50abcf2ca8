"""Replaying a result's own steps: the seats as each step leaves them.

Kieswet (BWBR0004627), consolidated text of 2026-01-01
(https://wetten.overheid.nl/BWBR0004627/2026-01-01): P 6 – P 10, the order in which seats are
assigned. The rules do not recompute the allocation of a result that states its steps; they
*characterise* it. ``replay`` follows the steps as stated, right or wrong: the seats held before
every residual seat follow from the steps themselves, and each ``SeatDecision`` records the
standing at that seat (the method the law prescribes there, the value of every list that may
receive it, why the others may not, who ties), so that each rule can judge the one decision it
is about (was the winner eligible, was nobody passed over with a greater value, was a tie
decided by lot only where decisive). Judging is the rules' job; the replay only keeps count.

Plain records and functions: every record is frozen, and each step makes a new ``State``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Literal, TypeAlias

from spec.claims import (
    ExhaustionClaim,
    LotClaim,
    MajorityClaim,
    ReadResult,
    ResidualClaim,
    UnfilledClaim,
)
from spec.model import Election, ElectionList, Lot
from spec.rules.base import (
    GREATEST_AVERAGE,
    LARGEST_REMAINDER,
    ONE_PER_LIST,
    SMALL_COUNCIL,
    Reason,
    full_quota_rule,
    full_seat_count,
    plural,
    qualifies_for_remainder,
    quota,
    reaches_quota,
)

Phase: TypeAlias = Literal["initial", "reassignment"]


@dataclass(frozen=True, slots=True)
class Award:
    """A residual seat as the steps gave it: to ``list``, under ``method``, on ``value``."""

    list: int
    method: str
    value: Fraction


@dataclass(frozen=True, slots=True)
class State:
    """The seats as the result's own steps leave them, and what P 8 and P 9 need to know.

    ``held`` the seats of each list; ``full`` its full seats (P 6, less those P 10 takes);
    ``won`` the residual seats each list received under each method (P 8 lid 2-3: one per list
    in a round); ``awards`` the residual seats in the order given (P 9 takes the last one);
    ``phase`` the first residual seats or the P 10 reassignment; ``assigned`` the residual seats
    given in this phase of the ``to_assign`` it has to give.
    """

    held: Mapping[int, int]
    full: Mapping[int, int]
    won: Mapping[tuple[int, str], int]
    awards: tuple[Award, ...]
    phase: Phase
    assigned: int
    to_assign: int


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
    phase: Phase
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
        """P 7 lid 3, P 8 lid 4: more lists tie than seats remain, so the lot decides."""
        return len(self.tied) > self.remaining

    @property
    def label(self) -> str:
        """``restzetel 3``; a seat passed on under P 10: ``restzetel 7 (P 10)``, as the trace
        heads its column (``kieswet.render``)."""
        return f"restzetel {self.number}" + (" (P 10)" if self.phase == "reassignment" else "")

    @property
    def value_word(self) -> str:
        """``overschot`` (P 8 lid 1) or ``gemiddelde`` (P 7, P 8 lid 3); both take ``het``."""
        return "overschot" if self.method == LARGEST_REMAINDER else "gemiddelde"


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


@dataclass(frozen=True, slots=True)
class Replay:
    """The result's steps followed as stated.

    ``decisions`` every residual seat; ``majority`` and ``exhaustion`` the moments of P 9 and
    P 10; ``misplaced`` the steps that cannot be followed (in words); ``initial_claims`` and
    ``reassigned_claims`` the residual seats of each phase; ``surplus`` the seats the P 10 steps
    take away; ``unfilled`` the seats stated unfilled; ``residual_lots_used`` and
    ``majority_lots_used`` the supplied lots the steps answered; ``state`` the seats at the end.
    """

    decisions: tuple[SeatDecision, ...]
    majority: MajorityPoint | None
    exhaustion: ExhaustionPoint | None
    misplaced: tuple[str, ...]
    initial_claims: int
    reassigned_claims: int
    surplus: int
    unfilled: int
    residual_lots_used: int
    majority_lots_used: int
    state: State


# --------------------------------------------------------------------------- P 7, P 8: who may


def lots_of(election: Election, kind: str, list_number: int | None = None) -> list[Lot]:
    """The supplied lots of ``kind`` (of one list, for candidate lots), in the order drawn."""
    return [
        lot
        for lot in election.lots
        if lot.kind == kind and (list_number is None or lot.list == list_number)
    ]


def reason_excluded(
    election: Election, state: State, lst: ElectionList, method: str
) -> Reason | None:
    """Why list ``lst`` may not receive the next residual seat under ``method`` (``None``: it
    may). The first that applies: no votes; a stemcijfer below the kiesdeler where it must be
    reached (P 7 lid 2, bill 36 641); below 75% of it in the remainder round (P 8 lid 2); no
    further living candidate in the P 10 reassignment; a seat already won in this round of P 8
    (lid 2, lid 3)."""
    if lst.votes == 0:
        return "no_votes"
    if full_quota_rule(election) and not reaches_quota(election, lst):
        return "below_quota"
    if method == LARGEST_REMAINDER and not qualifies_for_remainder(election, lst):
        return "below_75"
    limit = lst.seat_limit
    if state.phase == "reassignment" and limit is not None and state.held[lst.number] >= limit:
        return "exhausted"
    if method != GREATEST_AVERAGE and state.won.get((lst.number, method), 0) > 0:
        return "won_this_round"
    return None


def reasons_under(election: Election, state: State, method: str) -> dict[int, Reason]:
    """Why each list that cannot receive the next seat under ``method`` cannot; the lists that
    can are left out."""
    reasons: dict[int, Reason] = {}
    for lst in election.lists:
        reason = reason_excluded(election, state, lst, method)
        if reason is not None:
            reasons[lst.number] = reason
    return reasons


def standing(election: Election, state: State) -> tuple[str | None, dict[int, Reason]]:
    """The method for the next seat: the first of the P 7 / P 8 rounds under which some list
    can receive it (``None``: no list can); and why each list that cannot receive it under that
    method cannot (under greatest averages if no list can). P 7: greatest averages with 19
    seats or more; P 8: with fewer, largest remainders (lid 1-2), then greatest averages one
    per list (lid 3), then greatest averages."""
    if election.seats < SMALL_COUNCIL:
        methods: tuple[str, ...] = (LARGEST_REMAINDER, ONE_PER_LIST, GREATEST_AVERAGE)
    else:
        methods = (GREATEST_AVERAGE,)
    reasons: dict[int, Reason] = {}
    for method in methods:
        reasons = reasons_under(election, state, method)
        if len(reasons) < len(election.lists):
            return method, reasons
    return None, reasons


def remainder(election: Election, lst: ElectionList, full: int) -> Fraction:
    """P 8 lid 1: the overschot, the list's stemcijfer minus ``full`` times the kiesdeler."""
    return lst.votes - full * quota(election)


def average(lst: ElectionList, held: int) -> Fraction:
    """P 7, P 8 lid 3: the gemiddelde, the list's stemcijfer divided by ``held`` seats plus
    one."""
    return Fraction(lst.votes, held + 1)


def value(election: Election, state: State, lst: ElectionList, method: str | None) -> Fraction:
    """The remainder (largest remainders) or the average (greatest averages) of ``lst``."""
    if method == LARGEST_REMAINDER:
        return remainder(election, lst, state.full[lst.number])
    return average(lst, state.held[lst.number])


def values(
    election: Election, state: State, method: str | None, reasons: Mapping[int, Reason]
) -> dict[int, Fraction]:
    """The ``value`` of each list without a reason it cannot receive the next seat."""
    return {
        lst.number: value(election, state, lst, method)
        for lst in election.lists
        if lst.number not in reasons
    }


def greatest(values: Mapping[int, Fraction]) -> tuple[Fraction | None, tuple[int, ...]]:
    """The greatest of ``values`` (``None`` if there are none) and the lists that have it, in
    the mapping's order."""
    if not values:
        return None, ()
    best = max(values.values())
    return best, tuple(number for number, v in values.items() if v == best)


# --------------------------------------------------------------------------- one step at a time


def seat_decision(
    election: Election, state: State, claim: ResidualClaim, number: int, next_lot: Lot | None
) -> SeatDecision:
    """Residual seat ``number``, which the result gives to ``claim.list``, judged at ``state``;
    ``next_lot`` is the next supplied residual-seat lot, kept if the tie is decisive."""
    method, reasons = standing(election, state)
    eligible = values(election, state, method, reasons)
    _, tied = greatest(eligible)
    remaining = state.to_assign - state.assigned
    lists = {lst.number: lst for lst in election.lists}
    return SeatDecision(
        claim=claim,
        number=number,
        phase=state.phase,
        method=method,
        held=state.held,
        values=eligible,
        reasons=reasons,
        winner_value=(
            eligible[claim.list]
            if claim.list in eligible
            else value(election, state, lists[claim.list], method)
        ),
        tied=tied,
        remaining=remaining,
        lot=next_lot if len(tied) > remaining else None,
    )


def after_seat(state: State, decision: SeatDecision) -> State:
    """The state once the seat of ``decision`` is given as the result gives it."""
    winner = decision.winner
    method = decision.method or GREATEST_AVERAGE
    won = dict(state.won)
    won[(winner, method)] = won.get((winner, method), 0) + 1
    return replace(
        state,
        held={**state.held, winner: state.held[winner] + 1},
        won=won,
        awards=(*state.awards, Award(winner, method, decision.winner_value)),
        assigned=state.assigned + 1,
    )


def majority_point(
    election: Election, state: State, claim: MajorityClaim | None, next_lot: Lot | None
) -> MajorityPoint:
    """P 9 at ``state``: the list with more than half of the votes, and the lists that received
    the last residual seats (other than it) on the same value, one of which gives a seat up;
    ``next_lot`` is the next supplied P 9 lot, kept if several lists could give it (lid 2)."""
    total = election.total_votes
    majority = next((lst.number for lst in election.lists if 2 * lst.votes > total), None)
    others = [award for award in state.awards if award.list != majority]
    group: list[int] = []
    last_value: Fraction | None = None
    if others:
        last = others[-1]
        last_value = last.value
        for award in others:
            if (
                award.method == last.method
                and award.value == last.value
                and award.list not in group
            ):
                group.append(award.list)
    point = MajorityPoint(
        claim, majority, state.held, tuple(sorted(group)), last_value, None, election.seats
    )
    if point.applies and len(group) > 1 and next_lot is not None:
        return replace(point, lot=next_lot)
    return point


def after_majority(election: Election, state: State, claim: MajorityClaim) -> State | str:
    """The state once the P 9 step ``claim`` moves its seat; or why it cannot be followed."""
    if state.held.get(claim.from_list, 0) <= 0:
        return (
            f"de P 9-stap neemt een zetel van lijst {claim.from_list}, die op dat moment "
            "geen zetel heeft"
        )
    held = {**state.held}
    held[claim.from_list] -= 1
    held[claim.list] += 1
    won = dict(state.won)
    taken = next((a for a in reversed(state.awards) if a.list == claim.from_list), None)
    if taken is not None:
        key = (claim.from_list, taken.method)
        won[key] = won.get(key, 0) - 1
        if election.profile.p9_seat_counts_as_residual:
            gain = (claim.list, taken.method)
            won[gain] = won.get(gain, 0) + 1
    return replace(state, held=held, won=won)


def after_exhaustion(
    state: State, claims: tuple[ExhaustionClaim, ...]
) -> tuple[State, int, list[str]]:
    """P 10 as the steps state it: each exhausted list gives up the seats the steps take away
    (its residual seats first, which the steps say); the state of the reassignment that
    follows, the seats given up, and the steps that take more than a list holds."""
    held = dict(state.held)
    full = dict(state.full)
    surplus = 0
    misplaced: list[str] = []
    for claim in claims:
        removed = claim.removed_residual + claim.removed_full
        has = held.get(claim.list, 0)
        if removed > has:
            misplaced.append(
                f"een P 10-stap neemt {plural(removed, 'zetel', 'zetels')} van lijst "
                f"{claim.list}, die er op dat moment {has} heeft"
            )
            removed = has  # the rest of the replay goes on from what the list can give
        held[claim.list] = has - removed
        full[claim.list] = max(0, full.get(claim.list, 0) - claim.removed_full)
        surplus += removed
    after = replace(
        state, held=held, full=full, phase="reassignment", assigned=0, to_assign=surplus
    )
    return after, surplus, misplaced


def allocation_finished(result: ReadResult) -> bool:
    """Whether the result claims the whole list-level allocation (P 5 – P 10) is done."""
    if result.status == "completed":
        return True
    return result.lot is not None and result.lot.kind == "candidate"


# --------------------------------------------------------------------------- the whole replay


def initial_state(election: Election) -> State:
    """The seats after P 6: every list its full seats, the residual seats still to give."""
    full = {lst.number: full_seat_count(election, lst) for lst in election.lists}
    return State(
        held=full,
        full=full,
        won={},
        awards=(),
        phase="initial",
        assigned=0,
        to_assign=election.seats - sum(full.values()),
    )


def replay(election: Election, result: ReadResult) -> Replay | None:
    """Follow the result's own steps; ``None`` if it has none (or no usable seats)."""
    if result.claims is None or result.status not in ("completed", "needs_lot"):
        return None
    numbers = {lst.number for lst in election.lists}
    state = initial_state(election)
    residual_lots = lots_of(election, "residual_seat")
    majority_lots = lots_of(election, "absolute_majority")
    decisions: list[SeatDecision] = []
    misplaced: list[str] = []
    majority: MajorityPoint | None = None
    exhaustion: ExhaustionPoint | None = None
    exhaustion_claims: list[ExhaustionClaim] = []
    done_majority = done_exhaustion = False
    residual_lots_used = majority_lots_used = 0
    initial_claims = reassigned_claims = surplus = unfilled = 0

    def at_majority(claim: MajorityClaim | None) -> None:
        nonlocal majority, majority_lots_used, state
        next_lot = (
            majority_lots[majority_lots_used] if majority_lots_used < len(majority_lots) else None
        )
        majority = majority_point(election, state, claim, next_lot)
        if majority.lot is not None:
            majority_lots_used += 1
        if claim is not None:
            moved = after_majority(election, state, claim)
            if isinstance(moved, str):
                misplaced.append(moved)
            else:
                state = moved

    def at_exhaustion() -> None:
        nonlocal exhaustion, state, surplus
        exhaustion = ExhaustionPoint(state.held, tuple(exhaustion_claims))
        state, surplus, problems = after_exhaustion(state, tuple(exhaustion_claims))
        misplaced.extend(problems)

    for claim in result.claims:
        if isinstance(claim, ResidualClaim):
            if claim.list not in numbers:
                misplaced.append(
                    f"een restzetelstap noemt lijst {claim.list}, die niet in de invoer staat"
                )
                continue
            if exhaustion_claims and not done_exhaustion:
                at_exhaustion()
                done_exhaustion = True
            if state.phase == "initial" and done_majority:
                misplaced.append(
                    f"een restzetel voor lijst {claim.list} is toegewezen na P 9 zonder "
                    "lijstuitputting (P 10) ervoor"
                )
            if state.phase == "initial":
                initial_claims += 1
            else:
                reassigned_claims += 1
            next_lot = (
                residual_lots[residual_lots_used]
                if residual_lots_used < len(residual_lots)
                else None
            )
            decision = seat_decision(
                election, state, claim, initial_claims + reassigned_claims, next_lot
            )
            if decision.lot is not None:
                residual_lots_used += 1
            decisions.append(decision)
            state = after_seat(state, decision)
        elif isinstance(claim, MajorityClaim):
            if done_majority or done_exhaustion or exhaustion_claims:
                misplaced.append(
                    f"de P 9-stap voor lijst {claim.list} komt na P 10 of tweemaal; P 9 "
                    "geldt eenmaal, na de restzetels en voor P 10"
                )
                continue
            if claim.list not in numbers or claim.from_list not in numbers:
                misplaced.append("de P 9-stap noemt een lijst die niet in de invoer staat")
                continue
            at_majority(claim)
            done_majority = True
        elif isinstance(claim, ExhaustionClaim):
            if claim.list not in numbers:
                misplaced.append(
                    f"een P 10-stap noemt lijst {claim.list}, die niet in de invoer staat"
                )
                continue
            if not done_majority:
                at_majority(None)
                done_majority = True
            if done_exhaustion:
                misplaced.append(
                    f"een tweede lijstuitputting (P 10) van lijst {claim.list} na het "
                    "overgaan van de zetels"
                )
                continue
            exhaustion_claims.append(claim)
        elif isinstance(claim, UnfilledClaim):
            unfilled += claim.seats
    if allocation_finished(result) and not done_majority:
        at_majority(None)
    if not done_exhaustion and (exhaustion_claims or allocation_finished(result)):
        at_exhaustion()
    return Replay(
        decisions=tuple(decisions),
        majority=majority,
        exhaustion=exhaustion,
        misplaced=tuple(misplaced),
        initial_claims=initial_claims,
        reassigned_claims=reassigned_claims,
        surplus=surplus,
        unfilled=unfilled,
        residual_lots_used=residual_lots_used,
        majority_lots_used=majority_lots_used,
        state=state,
    )


def pending_decision(election: Election, steps: Replay, lot: LotClaim) -> SeatDecision:
    """For a result that asks for a residual-seat lot (``needs_lot``): the seat it asks about,
    as its steps leave it (the next seat after them, the lists that tie there)."""
    state = steps.state
    method, reasons = standing(election, state)
    eligible = values(election, state, method, reasons)
    best, tied = greatest(eligible)
    question = ResidualClaim(
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
        claim=question,
        number=steps.initial_claims + steps.reassigned_claims + 1,
        phase=state.phase,
        method=method,
        held=state.held,
        values=eligible,
        reasons={},
        winner_value=best if best is not None else Fraction(0),
        tied=tied,
        remaining=state.to_assign - state.assigned,
        lot=None,
    )
