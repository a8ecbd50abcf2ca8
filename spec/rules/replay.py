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

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import groupby
from operator import attrgetter
from typing import Any, Generic, Literal, TypeVar, overload

from spec.claims import (
    ExhaustionClaim,
    MajorityClaim,
    ReadResult,
    ResidualClaim,
    UnfilledClaim,
)
from spec.model import Candidate, Election, ElectionList, Lot
from spec.rules.base import (
    GREATEST_AVERAGE,
    LARGEST_REMAINDER,
    ONE_PER_LIST,
    SMALL_COUNCIL,
    Reason,
    enumeration,
    full_quota_rule,
    full_seat_count,
    plural,
    preference_share,
    qualifies_for_remainder,
    quota,
    reaches_quota,
    whole_part,
)
from spec.rules.final import Departure, departures

_T = TypeVar("_T")
_VOTES = attrgetter("votes")


class once(Generic[_T]):  # a decorator, named like ``cached_property``
    """``functools.cached_property`` without its lock: the value is computed at the first access
    and then kept in the instance (Python 3.11's takes a lock at every first access; a
    ``Context`` serves one check in one thread)."""

    def __init__(self, compute: Callable[[Any], _T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> once[_T]: ...
    @overload
    def __get__(self, instance: object, owner: type[Any]) -> _T: ...
    def __get__(self, instance: object | None, owner: type[Any]) -> once[_T] | _T:
        if instance is None:
            return self
        value = self.compute(instance)
        instance.__dict__[self.name] = value
        return value


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


# Not frozen, unlike the other records: one is made for every residual seat of every result
# judged, and a frozen dataclass is several times slower to make. Nothing changes it once made.
@dataclass(slots=True)
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
        # Remainders and averages, by (list, seats): see ``remainder`` and ``average``.
        self._remainders: dict[tuple[int, int], Fraction] = {}
        self._averages: dict[tuple[int, int], Fraction] = {}

    # ------------------------------------------------------------------ seats as reported

    @property
    def completed(self) -> bool:
        return self.result.status == "completed"

    @once
    def seats(self) -> dict[int, int] | None:
        """The reported seats for every list of the input (absent lists: 0)."""
        if self.result.seats is None:
            return None
        return {n: self.result.seats.get(n, 0) for n in self.lists}

    def limit(self, number: int) -> int | None:
        return self._limits[number]

    @once
    def _limits(self) -> dict[int, int | None]:
        """Each list's ``seat_limit`` (P 10, P 19a), counted once rather than at every seat."""
        return {n: lst.seat_limit for n, lst in self.lists.items()}

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

    def standing(self, state: State) -> tuple[str | None, dict[int, Reason]]:
        """The method for the next seat: the first of the P 7 / P 8 rounds under which some
        list can receive it (``None``: no list can); and why each list that cannot receive it
        under that method cannot (under greatest averages if no list can)."""
        methods = (
            (LARGEST_REMAINDER, ONE_PER_LIST, GREATEST_AVERAGE)
            if self.small
            else (GREATEST_AVERAGE,)
        )
        reasons: dict[int, Reason] = {}
        for method in methods:
            reasons = self.reasons(state, method)
            if len(reasons) < len(self.lists):
                return method, reasons
        return None, reasons

    def reasons(self, state: State, method: str) -> dict[int, Reason]:
        """Why each list that cannot receive the next seat under ``method`` cannot; the lists
        that can are left out. The first reason that applies, in this order: no votes, a
        stemcijfer below the kiesdeler (P 7 lid 2, bill 36 641), below 75% of it in the
        remainder round (P 8 lid 2), no further candidate in the P 10 reassignment, a seat
        already won in this round of P 8."""
        reasons = dict(self._excluded)
        if method == LARGEST_REMAINDER:
            for number in self._below_75:
                reasons.setdefault(number, "below_75")
        if state.phase == "reassignment":
            for number in self.lists:
                if number not in reasons and self.at_limit(number, state.held[number]):
                    reasons[number] = "exhausted"
        if method != GREATEST_AVERAGE:
            for (number, round_method), won in state.won.items():
                if round_method == method and won > 0 and number in self.lists:
                    reasons.setdefault(number, "won_this_round")
        return reasons

    @once
    def _excluded(self) -> dict[int, Reason]:
        """The lists that can receive no residual seat at any point, and why: no votes, or a
        stemcijfer below the kiesdeler where the full quota is required (P 7 lid 2,
        bill 36 641). They depend on the stemcijfers alone, so are found once."""
        reasons: dict[int, Reason] = {}
        for number, lst in self.lists.items():
            if lst.votes == 0:
                reasons[number] = "no_votes"
            elif full_quota_rule(self.election) and not reaches_quota(self.election, lst):
                reasons[number] = "below_quota"
        return reasons

    @once
    def _below_75(self) -> list[int]:
        """P 8 lid 2: the lists below 75% of the kiesdeler (``qualifies_for_remainder``)."""
        return [
            n for n, lst in self.lists.items() if not qualifies_for_remainder(self.election, lst)
        ]

    def value(self, state: State, number: int, method: str | None) -> Fraction:
        """Remainder (P 8 lid 1: stemcijfer minus full seats times kiesdeler) or average
        (P 7, P 8 lid 3: stemcijfer divided by seats held plus one)."""
        if method == LARGEST_REMAINDER:
            return self.remainder(number, state.full[number])
        return self.average(number, state.held[number])

    def values(
        self, state: State, method: str | None, reasons: Mapping[int, Reason]
    ) -> dict[int, Fraction]:
        """The ``value`` of each list without a reason it cannot receive the next seat."""
        if method == LARGEST_REMAINDER:
            return {n: self.remainder(n, state.full[n]) for n in self.lists if n not in reasons}
        return {n: self.average(n, state.held[n]) for n in self.lists if n not in reasons}

    def is_remainder(self, number: int, full: int, value: Fraction) -> bool:
        """Whether ``value`` is ``remainder(number, full)``, compared as whole numbers without
        building that fraction: n / d = (v * S - f * T) / S iff n * S = (v * S - f * T) * d."""
        seats = self.election.seats
        exact = self.lists[number].votes * seats - full * self.election.total_votes
        return value.numerator * seats == exact * value.denominator

    def remainder(self, number: int, full: int) -> Fraction:
        """P 8 lid 1: list ``number``'s stemcijfer minus ``full`` times the kiesdeler.

        Written over the number of seats S in one step: v - f * (T / S) = (v * S - f * T) / S
        for stemcijfer v and total T, the same exact number. Computed once per list and number
        of full seats: a list's remainder is the same at every seat until P 10 changes them."""
        found = self._remainders.get((number, full))
        if found is None:
            seats = self.election.seats
            found = Fraction(
                self.lists[number].votes * seats - full * self.election.total_votes, seats
            )
            self._remainders[number, full] = found
        return found

    def average(self, number: int, held: int) -> Fraction:
        """P 7, P 8 lid 3: list ``number``'s stemcijfer divided by ``held`` seats plus one.

        Computed once per list and number of seats held: a list's average is the same at every
        seat until it receives one."""
        found = self._averages.get((number, held))
        if found is None:
            found = self._averages[number, held] = Fraction(self.lists[number].votes, held + 1)
        return found

    # ------------------------------------------------------------------ without steps

    @once
    def final(self) -> tuple[Departure, ...]:
        """For a result without steps: where its final claim departs from the lawful outcome
        (``spec.rules.final``); empty for a result with steps, which is judged step by step."""
        if self.result.claims is not None:
            return ()
        return departures(self.election, self.result)

    def departures_for(self, rule_id: str) -> list[str]:
        """The messages of ``final`` that break rule ``rule_id``."""
        return [d.message for d in self.final if d.rule_id == rule_id]

    # ------------------------------------------------------------------ the replay

    @once
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
                        f"een restzetelstap noemt lijst {claim.list}, die niet in de invoer staat"
                    )
                    continue
                if exhaustion_claims and not done_exhaustion:
                    self._exhaust(replay, state, exhaustion_claims)
                    done_exhaustion = True
                if state.phase == "initial" and done_majority:
                    replay.misplaced.append(
                        f"een restzetel voor lijst {claim.list} is toegewezen na P 9 zonder "
                        "lijstuitputting (P 10) ervoor"
                    )
                replay.decisions.append(self._decide(replay, state, claim, residual_lots))
            elif isinstance(claim, MajorityClaim):
                if done_majority or done_exhaustion or exhaustion_claims:
                    replay.misplaced.append(
                        f"de P 9-stap voor lijst {claim.list} komt na P 10 of tweemaal; P 9 "
                        "geldt eenmaal, na de restzetels en voor P 10"
                    )
                    continue
                if claim.list not in self.lists or claim.from_list not in self.lists:
                    replay.misplaced.append(
                        "de P 9-stap noemt een lijst die niet in de invoer staat"
                    )
                    continue
                replay.majority = self.majority_at(replay, state, claim)
                done_majority = True
            elif isinstance(claim, ExhaustionClaim):
                if claim.list not in self.lists:
                    replay.misplaced.append(
                        f"een P 10-stap noemt lijst {claim.list}, die niet in de invoer staat"
                    )
                    continue
                if not done_majority:
                    replay.majority = self.majority_at(replay, state, None)
                    done_majority = True
                if done_exhaustion:
                    replay.misplaced.append(
                        f"een tweede lijstuitputting (P 10) van lijst {claim.list} na het "
                        "overgaan van de zetels"
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
        method, reasons = self.standing(state)
        values = self.values(state, method, reasons)
        _, tied = greatest(values)
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
            winner_value=(
                values[claim.list]
                if claim.list in values
                else self.value(state, claim.list, method)
            ),
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
        if claim is not None and state.held.get(claim.from_list, 0) <= 0:
            replay.misplaced.append(
                f"de P 9-stap neemt een zetel van lijst {claim.from_list}, die op dat moment "
                "geen zetel heeft"
            )
        elif claim is not None:
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
            held = state.held.get(claim.list, 0)
            if removed > held:
                replay.misplaced.append(
                    f"een P 10-stap neemt {plural(removed, 'zetel', 'zetels')} van lijst "
                    f"{claim.list}, die er op dat moment {held} heeft"
                )
                removed = held  # the rest of the replay goes on from what the list can give
            state.held[claim.list] = held - removed
            state.full[claim.list] = max(0, state.full.get(claim.list, 0) - claim.removed_full)
            surplus += removed
        replay.surplus = surplus
        state.phase = "reassignment"
        state.assigned = 0
        state.to_assign = surplus

    # ------------------------------------------------------------------ the pending question

    @once
    def pending(self) -> SeatDecision | None:
        """For a residual-seat lot question: the seat it is about, as the steps leave it."""
        replay = self.replay
        lot = self.result.lot
        if replay is None or replay.state is None or lot is None or lot.kind != "residual_seat":
            return None
        state = replay.state
        method, reasons = self.standing(state)
        values = self.values(state, method, reasons)
        best, tied = greatest(values)
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
        return self._threshold

    @once
    def _threshold(self) -> Fraction:
        # The kiesdeler T / S times the share a / b, written at once as (T * a) / (S * b).
        share = preference_share(self.election)
        return Fraction(
            self.election.total_votes * share.numerator, self.election.seats * share.denominator
        )

    @once
    def candidate_index(self) -> dict[int, dict[int, Candidate]]:
        """Per list: its candidates by candidate number (empty with list-level data)."""
        return {n: {c.number: c for c in lst.candidates or ()} for n, lst in self.lists.items()}

    @once
    def living(self) -> dict[int, list[int]]:
        """Per list: the numbers of its living candidates, in list order (P 19a)."""
        return {
            n: [c.number for c in lst.candidates or () if not c.deceased]
            for n, lst in self.lists.items()
        }

    @once
    def deceased(self) -> dict[int, set[int]]:
        """Per list: the numbers of its deceased candidates (P 19a)."""
        return {
            n: {c.number for c in lst.candidates or () if c.deceased}
            for n, lst in self.lists.items()
        }

    @once
    def candidate_lists(self) -> list[tuple[ElectionList, int, tuple[int, ...]]]:
        """For a completed result with seats and elected candidates: each list with candidates,
        with its reported seats and the candidates the result elects (none otherwise)."""
        seats = self.seats
        elected = self.result.elected
        if not self.completed or seats is None or elected is None:
            return []
        return [
            (lst, seats[lst.number], elected.get(lst.number, ()))
            for lst in self.election.lists
            if lst.candidates is not None
        ]

    @once
    def preference_elected(self) -> dict[int, tuple[int, ...]]:
        """Per list of ``candidate_lists``: the candidates P 15 elects on preference, the first
        of ``preference_orders`` as far as the list has seats."""
        orders = self.preference_orders
        return {
            lst.number: tuple(c.number for c in orders.get(lst.number, [])[:seats])
            for lst, seats, _ in self.candidate_lists
        }

    @once
    def claimed_preference(self) -> dict[int, tuple[int, ...]]:
        """Per list of ``candidate_lists``: the candidates the result elects on preference, as
        its ``elected_on_preference`` states; without that field, the first of those elected,
        as many as pass the threshold (``preference_orders``)."""
        on_pref = self.result.elected_on_preference
        claimed: dict[int, tuple[int, ...]] = {}
        for lst, _, elected in self.candidate_lists:
            if on_pref is not None:
                claimed[lst.number] = on_pref.get(lst.number, ())
            else:
                expected = len(self.preference_orders.get(lst.number, []))
                claimed[lst.number] = elected[: min(expected, len(elected))]
        return claimed

    @once
    def preference_orders(self) -> dict[int, list[Candidate]]:
        """Per list with candidates and reported seats: the living candidates above the
        threshold, in the order P 15 elects them (votes; equal votes by the supplied lots where
        a lot decides, otherwise list order)."""
        return self._preferences[0]

    @once
    def candidate_lot_problems(self) -> dict[int, list[str]]:
        """Per list: supplied candidate lots that are missing, misfit or left over."""
        return self._preferences[1]

    @once
    def lot_decided(self) -> dict[int, set[int]]:
        """Per list: the candidates whose place among equal votes a supplied lot decided."""
        return self._preferences[2]

    @once
    def _preferences(
        self,
    ) -> tuple[dict[int, list[Candidate]], dict[int, list[str]], dict[int, set[int]]]:
        all_problems: dict[int, list[str]] = {}
        orders: dict[int, list[Candidate]] = {}
        decided: dict[int, set[int]] = {}
        seats = self.seats
        if seats is None:
            return orders, all_problems, decided
        # P 15 lid 1: "groter dan" the threshold, i.e. at least its whole part + 1; for the
        # Eerste Kamer U 15 lid 3: "groter dan of gelijk aan de kiesdeler", i.e. at least its
        # ceiling.
        t = self.threshold()
        ek = self.election.kind == "EK"
        lowest = -(-t.numerator // t.denominator) if ek else whole_part(t) + 1
        always = self.election.profile.candidate_lot_always
        lots_by_list: dict[int | None, list[Lot]] = {}
        for lot in self.lots_of("candidate"):
            lots_by_list.setdefault(lot.list, []).append(lot)
        for lst in self.election.lists:
            if lst.candidates is None:
                continue
            problems = all_problems.setdefault(lst.number, [])
            by_lot = decided.setdefault(lst.number, set())
            lots = lots_by_list.get(lst.number, [])
            used = 0
            above = [c for c in lst.candidates if not c.deceased and c.votes >= lowest]
            above.sort(key=_VOTES, reverse=True)  # by votes; equal votes keep list order
            order: list[Candidate] = above
            if len(set(map(_VOTES, above))) < len(above):  # equal votes: a lot may decide
                order = []
                for votes, equal in groupby(above, key=_VOTES):
                    group = list(equal)
                    if len(group) == 1:
                        order.append(group[0])  # no tie, no lot
                        continue
                    start = len(order)
                    inside = max(0, min(start + len(group), seats[lst.number]) - start)
                    decisive = 0 < inside < len(group)
                    if decisive:
                        draws = inside
                    elif always:
                        draws = min(inside, len(group) - 1)
                    else:
                        draws = 0
                    if draws:
                        by_lot.update(c.number for c in group)
                    for _ in range(draws):
                        options = tuple(c.number for c in group)
                        if used >= len(lots):
                            problems.append(
                                f"lijst {lst.number}: de kandidaten {enumeration(options)} "
                                f"hebben elk {plural(votes, 'voorkeurstem', 'voorkeurstemmen')} "
                                "en het lot moet beslissen wie als eerste gekozen is, maar de "
                                "invoer geeft die loting niet"
                            )
                            break
                        lot = lots[used]
                        used += 1
                        if tuple(sorted(lot.options)) != options:
                            problems.append(
                                f"lijst {lst.number}: de gegeven loting tussen de kandidaten "
                                f"{enumeration(lot.options)} beantwoordt niet de gelijke stand "
                                f"tussen de kandidaten {enumeration(options)}"
                            )
                            break
                        pick = next(c for c in group if c.number == lot.drawn)
                        group.remove(pick)
                        order.append(pick)
                    order.extend(group)
            if used < len(lots) and self.result.status == "completed":
                unused = plural(
                    len(lots) - used, "gegeven kandidatenloting", "gegeven kandidatenlotingen"
                )
                problems.append(
                    f"lijst {lst.number}: {unused} "
                    f"{'beantwoordt' if len(lots) - used == 1 else 'beantwoorden'} geen "
                    "beslissende gelijke stand"
                )
            orders[lst.number] = order
        return orders, all_problems, decided


def greatest(values: Mapping[int, Fraction]) -> tuple[Fraction | None, tuple[int, ...]]:
    """The greatest of ``values`` (``None`` if there are none) and the lists that have it, in
    the mapping's order: ``max(values.values())`` and the lists whose value equals it.

    Compared as whole numbers: a/b > c/d iff a * d > c * b, for the positive denominators b, d
    that a ``Fraction`` keeps; the same order as ``Fraction``'s own comparisons, without them."""
    best: Fraction | None = None
    top, under = 0, 1
    tied: list[int] = []
    for number, value in values.items():
        num, den = value.numerator, value.denominator
        if best is None or num * under > top * den:
            best, top, under, tied = value, num, den, [number]
        elif num * under == top * den:
            tied.append(number)
    return best, tuple(tied)
