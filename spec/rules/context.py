"""What every rule reads: the election, the result's claim, and the facts that follow from them.

Kieswet (BWBR0004627), consolidated text of 2026-01-01
(https://wetten.overheid.nl/BWBR0004627/2026-01-01). A ``Context`` holds an election and a read
result (``spec.claims.ReadResult``). Everything else it offers is derived from those two, which
never change: the kiesdeler (P 5) and the full seats (P 6), the result's own steps replayed
(``spec.rules.replay``), where a result without steps departs from the lawful outcome
(``spec.rules.final``), and the order in which P 15 elects candidates on preference votes. A
derived fact is worked out when a rule first asks for it (``functools.cached_property``).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from itertools import groupby

from spec.claims import ReadResult
from spec.model import Candidate, Election, ElectionList, Lot
from spec.rules.base import (
    SMALL_COUNCIL,
    enumeration,
    full_seat_count,
    plural,
    preference_threshold,
    quota,
    reaches_threshold,
)
from spec.rules.final import Departure, departures
from spec.rules.replay import Replay, SeatDecision, lots_of, pending_decision, remainder, replay


@dataclass(frozen=True, slots=True)
class Preferences:
    """P 15 lid 1 for every list with candidates: ``orders`` its living candidates above the
    voorkeurdrempel in the order P 15 elects them; ``problems`` the supplied candidate lots that
    are missing, misfit or left over; ``decided`` the candidates whose place a lot decided."""

    orders: dict[int, list[Candidate]]
    problems: dict[int, list[str]]
    decided: dict[int, set[int]]


def preferences(election: Election, seats: dict[int, int], status: str | None) -> Preferences:
    """P 15 lid 1: the candidates above the voorkeurdrempel ("groter dan"; for the Eerste Kamer
    U 15 lid 3: "groter dan of gelijk aan de kiesdeler") are elected first, in the order of
    their votes, as far as the list has ``seats``. Equal votes keep list order, except where
    their order decides who is elected (or, with profile ``candidate-lot-always``, whenever one
    of them is): there the supplied candidate lots decide, one draw per place."""
    threshold = preference_threshold(election)
    always = election.profile.candidate_lot_always
    orders: dict[int, list[Candidate]] = {}
    all_problems: dict[int, list[str]] = {}
    decided: dict[int, set[int]] = {}
    for lst in election.lists:
        if lst.candidates is None:
            continue
        problems = all_problems.setdefault(lst.number, [])
        by_lot = decided.setdefault(lst.number, set())
        lots = lots_of(election, "candidate", lst.number)
        used = 0
        above = [
            c
            for c in lst.candidates
            if not c.deceased and reaches_threshold(c.votes, threshold, election.kind)
        ]
        above.sort(key=lambda c: c.votes, reverse=True)  # equal votes keep list order
        order: list[Candidate] = []
        for votes, equal in groupby(above, key=lambda c: c.votes):
            group = list(equal)
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
        if used < len(lots) and status == "completed":
            unused = plural(
                len(lots) - used, "gegeven kandidatenloting", "gegeven kandidatenlotingen"
            )
            problems.append(
                f"lijst {lst.number}: {unused} "
                f"{'beantwoordt' if len(lots) - used == 1 else 'beantwoorden'} geen "
                "beslissende gelijke stand"
            )
        orders[lst.number] = order
    return Preferences(orders, all_problems, decided)


class Context:
    """An election and a read result, with the facts of them that the rules read."""

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
        """P 10, P 19a: the seats list ``number`` can fill (its living candidates)."""
        return self.lists[number].seat_limit

    def at_limit(self, number: int, held: int) -> bool:
        limit = self.limit(number)
        return limit is not None and held >= limit

    def lots_of(self, kind: str, list_number: int | None = None) -> list[Lot]:
        return lots_of(self.election, kind, list_number)

    def remainder(self, number: int, full: int) -> Fraction:
        """P 8 lid 1: list ``number``'s stemcijfer minus ``full`` times the kiesdeler."""
        return remainder(self.election, self.lists[number], full)

    # ------------------------------------------------------------------ without steps

    @cached_property
    def final(self) -> tuple[Departure, ...]:
        """For a result without steps: where its final claim departs from the lawful outcome
        (``spec.rules.final``); empty for a result with steps, which is judged step by step."""
        if self.result.claims is not None:
            return ()
        return departures(self.election, self.result)

    def departures_for(self, rule_id: str) -> list[str]:
        """The messages of ``final`` that break rule ``rule_id``."""
        return [d.message for d in self.final if d.rule_id == rule_id]

    def district_departures_for(self, rule_id: str) -> list[str]:
        """For a district result, the messages of its stages after P 5 – P 10 that break rule
        ``rule_id`` (``spec.rules.groups.DistrictContext``); a single contest has none."""
        return []

    # ------------------------------------------------------------------ with steps

    @cached_property
    def replay(self) -> Replay | None:
        """The result's own steps followed as stated; ``None`` if it has none (or no usable
        seats)."""
        return replay(self.election, self.result)

    @cached_property
    def pending(self) -> SeatDecision | None:
        """For a residual-seat lot question: the seat it is about, as the steps leave it."""
        lot = self.result.lot
        if self.replay is None or lot is None or lot.kind != "residual_seat":
            return None
        return pending_decision(self.election, self.replay, lot)

    # ------------------------------------------------------------------ P 15 – P 19

    def threshold(self) -> Fraction:
        """P 15: the voorkeurdrempel."""
        return preference_threshold(self.election)

    @cached_property
    def candidate_index(self) -> dict[int, dict[int, Candidate]]:
        """Per list: its candidates by candidate number (empty with list-level data)."""
        return {n: {c.number: c for c in lst.candidates or ()} for n, lst in self.lists.items()}

    @cached_property
    def living(self) -> dict[int, list[int]]:
        """Per list: the numbers of its living candidates, in list order (P 19a)."""
        return {
            n: [c.number for c in lst.candidates or () if not c.deceased]
            for n, lst in self.lists.items()
        }

    @cached_property
    def deceased(self) -> dict[int, set[int]]:
        """Per list: the numbers of its deceased candidates (P 19a)."""
        return {
            n: {c.number for c in lst.candidates or () if c.deceased}
            for n, lst in self.lists.items()
        }

    @cached_property
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

    @cached_property
    def preferences(self) -> Preferences:
        """P 15 lid 1 on the seats the result reports (``preferences``); none without seats."""
        if self.seats is None:
            return Preferences({}, {}, {})
        return preferences(self.election, self.seats, self.result.status)

    @property
    def preference_orders(self) -> dict[int, list[Candidate]]:
        """Per list with candidates and reported seats: the living candidates above the
        threshold, in the order P 15 elects them (votes; equal votes by the supplied lots where
        a lot decides, otherwise list order)."""
        return self.preferences.orders

    @property
    def candidate_lot_problems(self) -> dict[int, list[str]]:
        """Per list: supplied candidate lots that are missing, misfit or left over."""
        return self.preferences.problems

    @property
    def lot_decided(self) -> dict[int, set[int]]:
        """Per list: the candidates whose place among equal votes a supplied lot decided."""
        return self.preferences.decided

    @cached_property
    def preference_elected(self) -> dict[int, tuple[int, ...]]:
        """Per list of ``candidate_lists``: the candidates P 15 elects on preference, the first
        of ``preference_orders`` as far as the list has seats."""
        orders = self.preference_orders
        return {
            lst.number: tuple(c.number for c in orders.get(lst.number, [])[:seats])
            for lst, seats, _ in self.candidate_lists
        }

    @cached_property
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
