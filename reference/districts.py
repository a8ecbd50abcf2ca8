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

from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction

from reference.allocate import allocate
from reference.candidates import nominate, preference_share
from reference.groups import Member, distribute
from reference.lots import LotBox, LotMismatch, LotNeeded
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
    Party,
    Placement,
    Structure,
    Unit,
    resolve,
)
from spec.districts_codec import parse_district_election
from spec.model import (
    Completed,
    Election,
    ElectionList,
    InputError,
    NeedsLot,
    PreferenceStep,
    Rejected,
)


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
    test = allocate(replace(resolve(alone).national_election(alone), lots=()))
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


def _best_list(party_units: list[Unit], key: str) -> Unit:
    """P 16 lid 1, P 18 lid 1: the list with the most votes for ``key``; equal: lowest district."""
    return max(
        party_units,
        key=lambda u: (_votes_on(u, key), -u.district),
    )


def _votes_on(unit: Unit, key: str) -> int:
    return next((c.votes for c in unit.candidates or () if c.key == key), -1)


def _position(unit: Unit, key: str) -> int:
    return next(c.number for c in unit.candidates or () if c.key == key)


class _GroupNomination:
    """P 16 – P 18 for one lijstengroep whose P 15 preference-elected are known."""

    def __init__(
        self, party: Party, units: list[Unit], seats: dict[int, int], last: list[int]
    ) -> None:
        self.party = party
        self.units = units
        self.seats = seats
        self.last = last  # units in the order they received P 12 / P 13 seats after full seats
        self.placed: dict[int, list[int]] = {u.number: [] for u in units}
        self.placements: list[Placement] = []
        self.doubles: list[DoubleElection] = []
        self.warnings: list[str] = []

    def free(self, unit: Unit) -> int:
        return self.seats[unit.number] - len(self.placed[unit.number])

    def place(self, number: int) -> None:
        """P 16: place the preference-elected candidate ``number`` of the group on one list."""
        key = self.party.keys[number - 1]
        stands = [u for u in self.units if _votes_on(u, key) >= 0]
        with_seat = [u for u in stands if self.free(u) > 0]
        forfeited: int | None = None
        if with_seat:
            unit = _best_list(with_seat, key)
            article = "P 16 lid 1"
        else:
            unit = _best_list(stands, key)
            article = "P 16 lid 2"
            donors = [n for n in reversed(self.last) if n != unit.number]
            donors += [u.number for u in reversed(self.units) if u.number != unit.number]
            by_number = {u.number: u for u in self.units}
            forfeited = next(n for n in donors if self.free(by_number[n]) > 0)
            self.seats[forfeited] -= 1
            self.seats[unit.number] += 1
        self.placed[unit.number].append(_position(unit, key))
        self.placements.append(
            Placement(
                self.party.number,
                number,
                key,
                unit.number,
                _position(unit, key),
                _votes_on(unit, key),
                article,
                forfeited,
            )
        )

    def fill(self) -> dict[int, list[int]]:
        """P 17 with P 18: each list's remaining seats in list order; a candidate picked by
        several lists counts on the one with most votes for them (equal: lowest district),
        the others take their next candidate; repeated until no candidate is picked twice."""
        fixed: dict[int, list[int]] = {u.number: [] for u in self.units}
        elected_keys: set[str] = set()
        for unit in self.units:
            for position in self.placed[unit.number]:
                elected_keys.add(next(c.key for c in unit.candidates or () if c.number == position))
        while True:
            picks: dict[int, list[str]] = {}
            for unit in self.units:
                need = self.free(unit) - len(fixed[unit.number])
                living = [
                    c.key
                    for c in unit.candidates or ()
                    if not c.deceased and c.key not in elected_keys
                ]
                picks[unit.number] = living[: max(0, need)]
            picked_by: dict[str, list[Unit]] = {}
            for unit in self.units:
                for key in picks[unit.number]:
                    picked_by.setdefault(key, []).append(unit)
            doubles = {k: us for k, us in picked_by.items() if len(us) > 1}
            if not doubles:
                break
            for key, units in doubles.items():
                kept = _best_list(units, key)
                fixed[kept.number].append(_position(kept, key))
                elected_keys.add(key)
                self.doubles.append(
                    DoubleElection(
                        self.party.number, key, tuple(u.number for u in units), kept.number
                    )
                )
        out: dict[int, list[int]] = {}
        for unit in self.units:
            chosen = set(fixed[unit.number]) | {_position(unit, k) for k in picks[unit.number]}
            in_order = [c.number for c in unit.candidates or () if c.number in chosen]
            out[unit.number] = in_order
            short = self.free(unit) - len(in_order)
            if short > 0:
                self.warnings.append(
                    f"P 17 / P 18: list {unit.number} of group {self.party.number} has "
                    f"{short} seat(s) left without a candidate"
                )
        return out


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
        self.warnings: list[str] = []


def unit_ranking(
    unit: Unit, party: Party, elected_in_order: Sequence[str], threshold: Fraction
) -> tuple[int, ...]:
    """P 19 for one list (``unit``) of ``party``: the positions on it in order for later
    vacancies.

    First the unit's candidates elected on preference anywhere in the party
    (``elected_in_order``: their keys in order of election, P 15), in that order; then its
    other living candidates whose votes summed over the party's lists ("de gezamenlijke
    lijsten", as P 15 counts them) are strictly above ``threshold``, by those votes descending
    (equal votes: the unit's list order); then its remaining living candidates in list order.
    Deceased candidates are never ranked (P 19a). A candidate elected on another list of the
    group is still ranked here: they are a candidate of this list too. For a party of one list
    this is the single-contest ranking (``Nomination.ranking``); for a lijstengroep it is the
    project's reading of P 19 (docs/interpretation.md).
    """
    summed = {key: c.votes for key, c in zip(party.keys, party.candidates or (), strict=True)}
    dead = {key for key, c in zip(party.keys, party.candidates or (), strict=True) if c.deceased}
    living = [c for c in unit.candidates or () if c.key not in dead]
    position = {c.key: c.number for c in living}
    first = [position[key] for key in elected_in_order if key in position]
    chosen = set(elected_in_order)
    num, den = threshold.numerator, threshold.denominator
    above = sorted(  # stable: list order within equal votes
        (c for c in living if c.key not in chosen and summed[c.key] * den > num),
        key=lambda c: -summed[c.key],
    )
    ranked = first + [c.number for c in above]
    skip = set(ranked)
    return tuple(ranked + [c.number for c in living if c.number not in skip])


def _nominate_party(
    structure: Structure,
    party: Party,
    party_seats: int,
    unit_seats: dict[int, int],
    last: list[int],
    national: Election,
    lots: LotBox,
    out: _Out,
) -> None:
    """P 15 – P 18 for one party with candidate-level data and at least one seat.

    P 15 lid 1: the voorkeurdrempel is a share of the kiesdeler of the whole election; the
    party's candidates, with votes summed over all its lists, are elected in order of votes as
    far as the party (the lijstengroep, or the list in no group) has seats. A party of one list
    (or one stel) then elects in list order (P 17) as a single contest does; a group places
    each preference-elected candidate (P 16) and fills each list (P 17, P 18).

    P 19: each of the party's lists that holds a seat gets its ranking for later vacancies: a
    party of one list the single contest's (``Nomination.ranking``), a group's lists
    ``unit_ranking`` (after P 16 lid 2, which may move a seat).
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
    units = [structure.units[n] for n in party.units]
    group = _GroupNomination(party, units, unit_seats, last)
    for number in nomination.elected_on_preference:
        group.place(number)
    rest = group.fill()
    for unit in units:
        placed = group.placed[unit.number]
        out.on_preference[unit.number] = tuple(placed)
        out.elected[unit.number] = tuple(placed) + tuple(
            n for n in rest[unit.number] if n not in placed
        )
    in_order = [party.keys[n - 1] for n in nomination.elected_on_preference]
    for unit in units:
        if unit_seats[unit.number] > 0:
            out.ranking[unit.number] = unit_ranking(unit, party, in_order, threshold)
    out.preference.append(replace(nomination.step, elected_in_list_order=()))
    out.placements.extend(group.placements)
    out.doubles.extend(group.doubles)
    out.warnings.extend(group.warnings)


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
    structure = resolve(election)
    national_election = structure.national_election(election)
    national_index = [i for i, lot in enumerate(election.lots) if lot.kind in NATIONAL_LOT_KINDS]
    other_index = [i for i, lot in enumerate(election.lots) if lot.kind not in NATIONAL_LOT_KINDS]
    national = allocate(national_election)
    if isinstance(national, NeedsLot):
        return DistrictNeedsLot(
            national.lot, "national", national.lots_used, national.seats_so_far, national, checks
        )
    if isinstance(national, Rejected):
        return Rejected(
            tuple(replace(e, field=_remap(e.field, national_index)) for e in national.errors)
        )
    lots = LotBox(tuple(election.lots[i] for i in other_index))
    stage = "combination"
    party_seats: dict[int, int] = {}
    unit_seats: dict[int, int] = {}
    distributions: list[Distribution] = []
    out = _Out(national.quota)
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
        stage = "group"
        last: dict[int, list[int]] = {}
        for party in structure.parties.values():
            seats = party_seats[party.number]
            if not party.is_group:
                unit_seats[party.units[0]] = seats
                continue
            if seats == 0:
                unit_seats.update((u, 0) for u in party.units)
                continue
            units = [structure.units[u] for u in party.units]
            done = distribute(
                "group",
                party.number,
                seats,
                [Member(u.number, u.votes, u.seat_limit) for u in units],
                lots,
            )
            distributions.append(done)
            unit_seats.update((row.member, row.seats) for row in done.rows)
            last[party.number] = list(done.remainder_order)
        stage = "candidates"
        for party in structure.parties.values():
            if party.candidates is None:
                continue
            if party_seats[party.number] == 0:
                for u in party.units:
                    out.elected[u] = out.on_preference[u] = ()
                continue
            _nominate_party(
                structure,
                party,
                party_seats[party.number],
                unit_seats,
                last.get(party.number, []),
                national_election,
                lots,
                out,
            )
        lots.check_all_used()
    except LotNeeded as need:
        so_far = unit_seats if stage == "candidates" else party_seats or dict(national.seats)
        return DistrictNeedsLot(
            need.question, stage, need.lots_used, dict(so_far), national, checks
        )
    except LotMismatch as mismatch:
        return _rejected(
            f"lots[{other_index[mismatch.index]}]" if mismatch.index < len(other_index) else "lots",
            "lot_mismatch",
            mismatch.message,
        )
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
    )


def _remap(field: str, index: list[int]) -> str:
    """``lots[i]`` of the national sub-sequence as ``lots[j]`` of the input."""
    if field.startswith("lots[") and "]" in field:
        inner = field[5 : field.index("]")]
        if inner.isdigit() and int(inner) < len(index):
            return f"lots[{index[int(inner)]}]{field[field.index(']') + 1 :]}"
    return field


def allocate_districts_json(data: object) -> DistrictResult:
    """Validate a decoded ``kieswet/district-allocation-input@1`` document and allocate it."""
    parsed = parse_district_election(data)
    if isinstance(parsed, Rejected):
        return parsed
    return allocate_districts(parsed)
