"""Seat allocation for an election with districts, lijstengroepen, stellen and lijstencombinaties.

Kieswet (BWBR0004627), consolidated text of 2026-01-01; for law ``pre-2017-12`` the old articles on
lijstencombinaties (I 10, P 4, P 11, P 13 as in force until 1 December 2017). The phases:

1. P 3 (and old P 4 lid 1): every lijstengroep, stel and lijstencombinatie is one list whose
   stemcijfer is the sum of its lists'; P 5 – P 10 allocate the seats over these lists with the
   single-contest engine (``reference.allocate``), P 7 lid 2 included for TK and EP.
   Old P 4 lid 2: a member of a combination that would not have won a seat on its own is not
   part of it; a combination with fewer than two such members does not count.
2. Old P 11 (``pre-2017-12``): a combination's seats over its members (``reference.groups``).
3. P 12, P 13: a group's seats over its lists (``reference.groups``).
4. P 15: a party's candidates are elected on preference votes summed over every list of the
   party on which they stand, as far as the party has seats (lots: P 15 lid 1);
   P 16: a candidate of a group so elected is placed on one of the group's lists;
   P 17: the remaining seats of each list go to its candidates in list order;
   P 18: a candidate so elected on several lists of a group counts on one of them only.
   P 19: the ranking for later vacancies, per list with seats (``unit_ranking``; for a group
   the project's reading, docs/interpretation.md).
   P 19a: deceased candidates are passed over, and never ranked.

Eerste Kamer: every vote weighs its district's stemwaarde (U 2), see ``spec.districts``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from fractions import Fraction
from typing import Literal, TypeAlias

from reference.allocate import allocate, allocate_or_raise
from reference.candidates import nominate, preference_share
from reference.groups import Member, SeatOrder, distribute, distribute_in_order
from reference.lots import LotBox, LotMismatch, LotNeeded
from reference.structure import resolve_structure
from reference.words import enumeration, plural
from spec.districts import (
    NATIONAL_LOT_KINDS,
    Combination,
    CombinationCheck,
    Distribution,
    DistrictCompleted,
    DistrictElection,
    DistrictNeedsLot,
    DistrictResult,
    DoubleElection,
    ListCandidate,
    Party,
    Placement,
    Structure,
    Transfer,
    Unit,
)
from spec.model import (
    Completed,
    Election,
    ElectionList,
    InputError,
    LotQuestion,
    NeedsLot,
    PreferenceStep,
    Rejected,
)

DistrictStage: TypeAlias = Literal["combination", "group", "candidates"]
"""Where after P 5 - P 10 a lot can be needed: old P 11, P 12 / P 13, P 15 - P 19a."""


def _rejected(field: str, code: str, message: str) -> Rejected:
    return Rejected((InputError(field, code, message),))


def combination_checks(
    election: DistrictElection,
) -> tuple[DistrictElection, tuple[CombinationCheck, ...]] | Rejected:
    """Old P 4 lid 2 (``pre-2017-12``): keep in each combination only the members that would
    have won a seat had no combination been formed; drop a combination left with fewer than two.

    The test allocation is the same allocation without any combination. If it needs a lot, the
    reference does not guess: the input is rejected with ``combination_check_needs_lot``.
    """
    if not election.combinations:
        return election, ()
    alone = replace(
        election,
        combinations=(),
        lots=tuple(lot for lot in election.lots if lot.kind in NATIONAL_LOT_KINDS),
    )
    test = allocate(replace(resolve_structure(alone).national_election(alone), lots=()))
    if not isinstance(test, Completed):
        return _rejected(
            "combinations",
            "combination_check_needs_lot",
            "old P 4 lid 2 asks which members of a combination would have won a seat on their "
            "own, and that allocation needs a lot; draw it and give the election without the "
            "combination instead",
        )
    kept_combinations: list[Combination] = []
    checks: list[CombinationCheck] = []
    for combo in election.combinations:
        kept = tuple(m for m in combo.members if test.seats.get(m, 0) > 0)
        dropped = tuple(m for m in combo.members if m not in kept)
        counts = len(kept) >= 2
        checks.append(CombinationCheck(combo.number, kept, dropped, counts))
        if counts:
            kept_combinations.append(replace(combo, members=kept))
    return replace(election, combinations=tuple(kept_combinations)), tuple(checks)


def _best_list(units: Sequence[Unit], key: str) -> Unit:
    """P 16 lid 1, P 18 lid 1: the list with the most votes for ``key``; equal: lowest district."""
    return max(units, key=lambda u: (_votes_on(u, key), -u.district))


def _votes_on(unit: Unit, key: str) -> int:
    return next((c.votes for c in unit.candidates or () if c.key == key), -1)


def _position(unit: Unit, key: str) -> int:
    return next(c.number for c in unit.candidates or () if c.key == key)


class _Rounds:
    """One of a group's seat sequences (``SeatOrder.back`` or ``.forward``), walked once.

    ``take`` gives the next list of the sequence that ``fits``; lists of the current round that
    do not fit are passed over for good (what fits only shrinks while the candidates are
    assigned). Where two or more lists of one round fit, the law gives no order between them:
    the lot decides (kind ``group_seat``, ``list`` = the group).
    """

    def __init__(
        self, rounds: tuple[tuple[int, ...], ...], party: int, article: str, lots: LotBox
    ) -> None:
        self._rounds = rounds
        self._next = 0
        self._current: list[int] = []
        self._party = party
        self._article = article
        self._lots = lots

    def take(self, fits: Callable[[int], bool], why: str) -> int | None:
        while True:
            if not self._current:
                if self._next == len(self._rounds):
                    return None
                self._current = list(self._rounds[self._next])
                self._next += 1
            # a list holding several seats of the round (the full seats) is one option
            eligible = list(dict.fromkeys(n for n in self._current if fits(n)))
            if not eligible:
                self._current = []
                continue
            chosen = eligible[0]
            if len(eligible) > 1:
                chosen = self._lots.draw(
                    LotQuestion(
                        kind="group_seat",
                        options=tuple(sorted(eligible)),
                        article=self._article,
                        description=(
                            f"lijstengroep {self._party}: {why}; de lijsten "
                            f"{enumeration(sorted(eligible))} kregen hun zetels tegelijk, dus "
                            "de wet geeft geen volgorde tussen hen"
                        ),
                        list=self._party,
                    )
                )
            self._current.remove(chosen)
            return chosen


class _GroupNomination:
    """P 16 – P 18 for one lijstengroep whose P 15 preference-elected are known.

    ``seats`` (the group's lists' seats after P 12 / P 13) is updated in place when P 16 lid 2
    or P 13 moves a seat; ``free`` counts each list's seats not yet given to a candidate.
    """

    def __init__(
        self,
        party: Party,
        units: list[Unit],
        seats: dict[int, int],
        order: SeatOrder,
        lots: LotBox,
    ) -> None:
        self.party = party
        self.units = units
        self.seats = seats
        self.free = {u.number: seats[u.number] for u in units}
        self.back = _Rounds(order.back, party.number, "P 16 lid 2", lots)
        self.forward = _Rounds(order.forward, party.number, "P 13", lots)
        self.elected_keys: set[str] = set()
        self.placed: dict[int, list[int]] = {u.number: [] for u in units}
        self.in_list_order: dict[int, list[int]] = {u.number: [] for u in units}
        self.placements: list[Placement] = []
        self.doubles: list[DoubleElection] = []
        self.transfers: list[Transfer] = []
        self.warnings: list[str] = []

    def place_all(self, keys: Sequence[str], summed: dict[str, int]) -> None:
        """P 16 for the preference-elected ``keys`` in order of election, a round of equal
        summed votes at a time (those are elected together, P 15 lid 1)."""
        start = 0
        while start < len(keys):
            end = start
            while end < len(keys) and summed[keys[end]] == summed[keys[start]]:
                end += 1
            self._place_round(list(keys[start:end]))
            start = end

    def _place_round(self, waiting: list[str]) -> None:
        """P 16 lid 1: each candidate on the list with the most votes for them (equal: lowest
        district) among their lists with a seat left; candidates competing for a list's last
        seats in list order, the others try their next list. P 16 lid 2: a candidate none of
        whose lists has a seat left sits on the list with the most votes for them, and the seat
        last allocated under P 12 / P 13 to a list of the group that still has one is forfeited
        (each next one further back in that order)."""
        while True:
            prefer: dict[str, Unit] = {}
            for key in waiting:
                open_ = [u for u in self.units if _votes_on(u, key) >= 0 and self.free[u.number]]
                if open_:
                    prefer[key] = _best_list(open_, key)
            if not prefer:
                break
            for unit in self.units:
                wanting = sorted(
                    (k for k in waiting if prefer.get(k) is unit), key=lambda k: _position(unit, k)
                )
                for key in wanting[: self.free[unit.number]]:
                    self.free[unit.number] -= 1
                    self._record(unit, key, "P 16 lid 1", None)
                    waiting.remove(key)
        for key in waiting:
            unit = _best_list([u for u in self.units if _votes_on(u, key) >= 0], key)
            donor = self.back.take(
                lambda n: self.free[n] > 0,
                f'P 16 lid 2 neemt een zetel voor kandidaat "{key}", geplaatst op lijst '
                f"{unit.number}",
            )
            if donor is None:  # every seat P 12 / P 13 gave is in the sequence
                raise AssertionError(f"P 16 lid 2: no seat of the group left for {key!r}")
            self.free[donor] -= 1
            self.seats[donor] -= 1
            self.seats[unit.number] += 1
            self._record(unit, key, "P 16 lid 2", donor)

    def _record(self, unit: Unit, key: str, article: str, forfeited: int | None) -> None:
        self.elected_keys.add(key)
        self.placed[unit.number].append(_position(unit, key))
        self.placements.append(
            Placement(
                self.party.number,
                self.party.keys.index(key) + 1,
                key,
                unit.number,
                _position(unit, key),
                _votes_on(unit, key),
                article,
                forfeited,
            )
        )

    def fill(self) -> None:
        """P 17, P 18: each list's free seats go to its candidates not yet elected, in list
        order; a candidate so elected on several lists counts on the one with the most votes for
        them (equal: lowest district, lid 1), the others take their next not yet elected
        candidate (lid 2), repeated until every seat has a candidate (lid 3). A list whose
        candidates are all elected passes its free seat on (P 13, ``Transfer``)."""
        unelected = {
            u.number: [
                c for c in u.candidates or () if not c.deceased and c.key not in self.elected_keys
            ]
            for u in self.units
        }
        stuck: set[int] = set()
        while any(self.free[n] > 0 for n in self.free if n not in stuck):
            self._pass_on(unelected, stuck)
            picked_by: dict[str, list[Unit]] = {}
            for unit in self.units:
                for c in unelected[unit.number][: self.free[unit.number]]:
                    picked_by.setdefault(c.key, []).append(unit)
            if not picked_by:
                break
            for key, units in picked_by.items():
                kept = _best_list(units, key)
                self.free[kept.number] -= 1
                self.in_list_order[kept.number].append(_position(kept, key))
                self.elected_keys.add(key)
                if len(units) > 1:
                    self.doubles.append(
                        DoubleElection(
                            self.party.number, key, tuple(u.number for u in units), kept.number
                        )
                    )
            for number, rest in unelected.items():
                unelected[number] = [c for c in rest if c.key not in self.elected_keys]
        for unit in self.units:
            if self.free[unit.number] > 0:
                self.warnings.append(
                    f"P 17 / P 18: lijst {unit.number} van lijstengroep {self.party.number} "
                    f"houdt {plural(self.free[unit.number], 'zetel', 'zetels')} zonder kandidaat"
                )

    def _pass_on(self, unelected: dict[int, list[ListCandidate]], stuck: set[int]) -> None:
        """P 13 lid 1 (with P 18 lid 3): a list with a free seat and no candidate left gives it
        to the next list in the continued application of P 12 / P 13 that has a candidate
        more than it has free seats; lists with such a seat are taken in district order."""
        by_district = sorted(self.units, key=lambda u: (u.district, u.number))
        while True:
            short = next(
                (
                    u.number
                    for u in by_district
                    if self.free[u.number] > 0 and not unelected[u.number] and u.number not in stuck
                ),
                None,
            )
            if short is None:
                return
            receiver = self.forward.take(
                lambda n: self.free[n] < len(unelected[n]),
                f"P 13 geeft een zetel van lijst {short} door, want al haar kandidaten zijn "
                "gekozen",
            )
            if receiver is None:
                stuck.add(short)
                continue
            self.free[short] -= 1
            self.seats[short] -= 1
            self.free[receiver] += 1
            self.seats[receiver] += 1
            self.transfers.append(Transfer(self.party.number, short, receiver))

    def elected(self, unit: Unit) -> tuple[int, ...]:
        placed = self.placed[unit.number]
        return tuple(placed) + tuple(sorted(self.in_list_order[unit.number]))


class _Out:
    """What the candidate phase collects over all parties."""

    def __init__(self, quota: Fraction) -> None:
        self.quota = quota
        self.elected: dict[int, tuple[int, ...]] = {}
        self.on_preference: dict[int, tuple[int, ...]] = {}
        self.ranking: dict[int, tuple[int, ...]] = {}
        self.preference: list[PreferenceStep] = []
        self.placements: list[Placement] = []
        self.doubles: list[DoubleElection] = []
        self.transfers: list[Transfer] = []
        self.warnings: list[str] = []


def unit_ranking(
    unit: Unit,
    party: Party,
    elected_in_order: Sequence[str],
    threshold: Fraction,
    own_list_votes: bool = False,
    election_kind: str = "TK",
    lot_ordered: bool = False,
) -> tuple[int, ...]:
    """P 19 for one list (``unit``) of ``party``: the positions on it in order for later
    vacancies.

    First the unit's candidates elected on preference anywhere in the party
    (``elected_in_order``: their keys in order of election, P 15), in that order (P 19 lid 1;
    candidates with equal summed votes were elected together, so among them this list's order
    decides, unless a lot ordered them: ``lot_ordered``, as the previous Kiesraad software
    does); then its
    other living candidates whose votes summed over the party's lists ("de gezamenlijke
    lijsten", as P 15 counts them) are strictly above ``threshold``, by those votes descending
    (equal votes: the unit's list order; profile ``p19-own-list-votes``: by the votes on this
    list itself); then its remaining living candidates in list order.
    Deceased candidates are never ranked (P 19a). A candidate elected on another list of the
    group is still ranked here: they are a candidate of this list too. For a party of one list
    this is the single-contest ranking (``Nomination.ranking``); for a lijstengroep it is the
    project's reading of P 19 (docs/interpretation.md).
    """
    summed = {key: c.votes for key, c in zip(party.keys, party.candidates or (), strict=True)}
    dead = {key for key, c in zip(party.keys, party.candidates or (), strict=True) if c.deceased}
    living = [c for c in unit.candidates or () if c.key not in dead]
    position = {c.key: c.number for c in living}
    mine = [key for key in elected_in_order if key in position]
    if not lot_ordered:  # equal summed votes, elected together: in this list's order
        mine.sort(key=lambda key: (-summed[key], position[key]))
    first = [position[key] for key in mine]
    chosen = set(elected_in_order)
    num, den = threshold.numerator, threshold.denominator
    order_by = {c.key: c.votes for c in living} if own_list_votes else summed
    ek = election_kind == "EK"

    def reaches(votes: int, num: int, den: int) -> bool:  # U 15 lid 3 for the Eerste Kamer
        return votes * den >= num if ek else votes * den > num

    above = sorted(  # stable: list order within equal votes
        (c for c in living if c.key not in chosen and reaches(summed[c.key], num, den)),
        key=lambda c: -order_by[c.key],
    )
    ranked = first + [c.number for c in above]
    skip = set(ranked)
    return tuple(ranked + [c.number for c in living if c.number not in skip])


def _nominate_party(
    structure: Structure,
    party: Party,
    party_seats: int,
    unit_seats: dict[int, int],
    order: SeatOrder | None,
    national: Election,
    lots: LotBox,
    out: _Out,
) -> None:
    """P 15 – P 18 for one party with candidate-level data and at least one seat.

    P 15 lid 1: the voorkeurdrempel is a share of the kiesdeler of the whole election; the
    party's candidates, with votes summed over all its lists, are elected in order of votes as
    far as the party (the lijstengroep, or the list in no group) has seats. A party of one list
    (or one stel) then elects in list order (P 17) as a single contest does; a group places
    each preference-elected candidate (P 16) and fills each list (P 17, P 18), seats passing
    within the group where P 16 lid 2 or P 13 says so.

    P 19: a party of one list gets the single contest's ranking (``Nomination.ranking``); every
    list of a group with seats gets ``unit_ranking`` (P 19 lid 5: a list of a lijstengroep with
    seats is ranked even when it has no elected candidate).
    """
    derived = ElectionList(party.number, party.name, party.votes, party.candidates)
    threshold = out.quota * preference_share(national)
    nomination = nominate(national, derived, party_seats, threshold, lots)
    if not party.is_group:
        only = party.units[0]
        out.elected[only] = nomination.elected
        out.on_preference[only] = nomination.elected_on_preference
        out.ranking[only] = nomination.ranking
        out.preference.append(nomination.step)
        return
    assert order is not None  # a group with seats has its P 12 distribution
    units = [structure.units[n] for n in party.units]
    group = _GroupNomination(party, units, unit_seats, order, lots)
    summed = {key: c.votes for key, c in zip(party.keys, party.candidates or (), strict=True)}
    in_order = [party.keys[n - 1] for n in nomination.elected_on_preference]
    group.place_all(in_order, summed)
    group.fill()
    for unit in units:
        out.on_preference[unit.number] = tuple(group.placed[unit.number])
        out.elected[unit.number] = group.elected(unit)
        out.ranking[unit.number] = unit_ranking(
            unit,
            party,
            in_order,
            threshold,
            national.profile.p19_own_list_votes,
            national.kind,
            nomination.step.lot,
        )
    out.preference.append(replace(nomination.step, elected_in_list_order=()))
    out.placements.extend(group.placements)
    out.doubles.extend(group.doubles)
    out.transfers.extend(group.transfers)
    out.warnings.extend(group.warnings)


def _rank_seatless(
    structure: Structure, party: Party, national: Election, quota: Fraction, out: _Out
) -> None:
    """P 19 lid 5: in an election of fewer than 19 seats, a party without seats is ranked too
    (nobody is elected: its candidates above the voorkeurdrempel by votes, then the rest)."""
    threshold = quota * preference_share(national)
    if not party.is_group:
        derived = ElectionList(party.number, party.name, party.votes, party.candidates)
        out.ranking[party.units[0]] = nominate(national, derived, 0, threshold, LotBox(())).ranking
        return
    for number in party.units:
        out.ranking[number] = unit_ranking(
            structure.units[number],
            party,
            (),
            threshold,
            national.profile.p19_own_list_votes,
            national.kind,
        )


def allocate_districts(election: DistrictElection) -> DistrictResult:
    """Allocate the seats of ``election`` to contestants, parties and lists, then candidates.

    P 3 (old P 4 lid 1): each group, stel and combination is one list for the single-contest
    engine (``reference.allocate``); then old P 11, P 12 and P 13 distribute seats within them,
    and P 15 – P 18 elect the candidates; P 19 ranks them for later vacancies.

    Returns ``DistrictCompleted``, ``DistrictNeedsLot`` (draw the lot in public and rerun with
    it appended to ``lots``) or ``Rejected`` (a supplied lot that does not fit, or old P 4 lid 2
    needing a lot). Lots of kind ``residual_seat`` / ``absolute_majority`` answer the allocation
    over contestants; ``combination_seat``, ``group_seat`` and ``candidate`` lots the later
    phases; each sequence is consumed in its own order.
    """
    checked = combination_checks(election) if election.law == "pre-2017-12" else (election, ())
    if isinstance(checked, Rejected):
        return checked
    election, checks = checked
    structure = resolve_structure(election)
    national_election = structure.national_election(election)
    national_index = [i for i, lot in enumerate(election.lots) if lot.kind in NATIONAL_LOT_KINDS]
    other_index = [i for i, lot in enumerate(election.lots) if lot.kind not in NATIONAL_LOT_KINDS]
    try:
        national = allocate_or_raise(national_election)
    except LotMismatch as mismatch:
        return _lot_mismatch(mismatch, national_index)
    if isinstance(national, NeedsLot):
        return DistrictNeedsLot(
            national.lot, "national", national.lots_used, national.seats_so_far, national, checks
        )
    lots = LotBox(tuple(election.lots[i] for i in other_index))
    party_seats: dict[int, int] = {}
    unit_seats: dict[int, int] = {}
    distributions: list[Distribution] = []
    out = _Out(national.quota)

    def asked(
        need: LotNeeded, stage: DistrictStage, so_far: Mapping[int, int]
    ) -> DistrictNeedsLot:
        question, used = need.question, need.lots_used
        return DistrictNeedsLot(question, stage, used, dict(so_far), national, checks)

    # Old P 11 (law pre-2017-12): the seats of a lijstencombinatie over its parties.
    try:
        for contestant in structure.contestants.values():
            seats = national.seats[contestant.number]
            if not contestant.is_combination:
                party_seats[contestant.number] = seats
                continue
            members = [
                Member(p, structure.parties[p].votes, structure.parties[p].seat_limit)
                for p in contestant.parties
            ]
            if seats == 0:
                party_seats.update((p, 0) for p in contestant.parties)
                continue
            done = distribute("combination", contestant.number, seats, members, lots)
            distributions.append(done)
            party_seats.update((row.member, row.seats) for row in done.rows)
    except LotNeeded as need:
        # Every contestant's seats are decided (P 5 - P 10); the question is inside a
        # combination: seats so far per contestant, whichever combination asks first.
        return asked(need, "combination", national.seats)
    except LotMismatch as mismatch:
        return _lot_mismatch(mismatch, other_index)
    # P 12, P 13: the seats of a lijstengroep over its lists.
    orders: dict[int, SeatOrder] = {}
    try:
        for party in structure.parties.values():
            seats = party_seats[party.number]
            if not party.is_group:
                unit_seats[party.units[0]] = seats
                continue
            if seats == 0:
                unit_seats.update((u, 0) for u in party.units)
                continue
            units = [structure.units[u] for u in party.units]
            done, orders[party.number] = distribute_in_order(
                "group",
                party.number,
                seats,
                [Member(u.number, u.votes, u.seat_limit) for u in units],
                lots,
            )
            distributions.append(done)
            unit_seats.update((row.member, row.seats) for row in done.rows)
    except LotNeeded as need:
        return asked(need, "group", party_seats or national.seats)
    except LotMismatch as mismatch:
        return _lot_mismatch(mismatch, other_index)
    # P 15 - P 19a: the candidates.
    try:
        for party in structure.parties.values():
            if party.candidates is None:
                continue
            if party_seats[party.number] == 0:
                for u in party.units:
                    out.elected[u] = out.on_preference[u] = ()
                if election.seats < 19:
                    _rank_seatless(structure, party, national_election, national.quota, out)
                continue
            _nominate_party(
                structure,
                party,
                party_seats[party.number],
                unit_seats,
                orders.get(party.number),
                national_election,
                lots,
                out,
            )
        lots.check_all_used()
    except LotNeeded as need:
        return asked(need, "candidates", unit_seats)
    except LotMismatch as mismatch:
        return _lot_mismatch(mismatch, other_index)
    return DistrictCompleted(
        national_election=national_election,
        national=national,
        party_seats=party_seats,
        seats=unit_seats,
        distributions=tuple(distributions),
        elected=out.elected,
        elected_on_preference=out.on_preference,
        ranking=out.ranking,
        preference=tuple(out.preference),
        placements=tuple(out.placements),
        doubles=tuple(out.doubles),
        combination_checks=checks,
        warnings=(*national.warnings, *out.warnings),
        transfers=tuple(out.transfers),
    )


def _lot_mismatch(mismatch: LotMismatch, index: Sequence[int]) -> Rejected:
    """A supplied lot that does not fit, named by its place in the input's ``lots``: ``index``
    gives, for each lot the failing stage was given, its place there."""
    field = f"lots[{index[mismatch.index]}]" if mismatch.index < len(index) else "lots"
    return _rejected(field, "lot_mismatch", mismatch.named(field))
