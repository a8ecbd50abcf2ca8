"""Typed data contract for elections with districts: lijstengroepen, stellen, lijstencombinaties.

Kieswet (BWBR0004627), consolidated text of 2026-01-01, unless a paragraph says *old*: the text in
force before 1 December 2017 (law version ``pre-2017-12``).

An election of the Tweede Kamer, of Provinciale Staten with more than one kieskring (Limburg), of
the European Parliament (one kieskring, twenty hoofdstembureaus) or of the Eerste Kamer (the
provinces and the kiescolleges) is counted per district, and its lists are *kandidatenlijsten as
submitted in one district* (``DistrictList``). The central electoral committee then reads the
lists together (Kieswet H 11, P 3, P 12):

- lists submitted in several districts with the same candidates in the same order form a *stel
  gelijkluidende lijsten* (``ListSet``, H 11 lid 1; U 11 lid 1 for the Eerste Kamer); a stel is one
  list for the whole of chapter P;
- lists (or stellen) under the same appellation that differ form a *lijstengroep* (``ListGroup``,
  H 11 lid 2); P 3: for the number of seats it is one list whose stemcijfer is the sum of the
  stemcijfers of its lists; P 12 then distributes its seats over its lists;
- under the old law, lists or groups of different parties could be joined into a
  *lijstencombinatie* (``Combination``, old I 10); old P 4 lid 1: for the number of seats it is
  one list with the summed stemcijfer; old P 11 distributes its seats over its members.

The resolved structure (``resolve``) names the three levels the articles work on:

- a **unit** (``Unit``): what P 12 calls a list of a group: a stel, or a district list in no stel;
- a **party** (``Party``): what P 5 – P 10 and P 15 call a list: a lijstengroep, or a unit in no
  group (the number of a party is the number of its group, stel or district list);
- a **contestant**: what the seats are allocated to first: a lijstencombinatie (law
  ``pre-2017-12`` only), or a party in no combination.

Eerste Kamer (U 2): every vote weighs the *stemwaarde* of its district; a list's stemcijfer and a
candidate's votes are the weighted sums. Other kinds have stemwaarde 1.

All numbers in one input (district lists, stellen, groups, combinations) share one numbering:
each is unique, so a reference to a number is never ambiguous.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal, TypeAlias

from spec.model import (
    Candidate,
    Completed,
    Election,
    ElectionKind,
    ElectionList,
    LawVersion,
    Lot,
    LotQuestion,
    NeedsLot,
    PreferenceStep,
    Profile,
    Rejected,
)

INPUT_FORMAT = "kieswet/district-allocation-input@1"
RESULT_FORMAT = "kieswet/district-allocation-result@1"

NATIONAL_LOT_KINDS = ("residual_seat", "absolute_majority")
"""Lots of the allocation over contestants (P 7 – P 9), handed to the single-contest engine."""


def stemwaarde_of(inhabitants: int, members: int) -> int:
    """U 2: inhabitants / (100 × members of Provinciale Staten), rounded half up (exact ints)."""
    return (2 * inhabitants + 100 * members) // (200 * members)


# --------------------------------------------------------------------------- input


@dataclass(frozen=True, slots=True)
class District:
    """A kieskring (TK, PS), a hoofdstembureau (EP) or a province / kiescollege (EK).

    ``stemwaarde`` weighs every vote cast in the district (U 2; 1 except for the Eerste Kamer).
    """

    number: int
    name: str = ""
    stemwaarde: int = 1


@dataclass(frozen=True, slots=True)
class ListCandidate:
    """A candidate on one district list: position, who (``key``), votes in that district.

    ``key`` identifies the person across the lists of a stel or group (the input's ``id``, or
    else its ``name``); P 15 sums a person's votes over every list of the party.
    """

    number: int
    key: str
    votes: int
    deceased: bool = False


@dataclass(frozen=True, slots=True)
class DistrictList:
    """A kandidatenlijst as submitted in one district, with the votes cast on it there.

    Candidate-level (``candidates`` set; ``votes`` is their sum) or list-level (``candidates``
    ``None``; ``candidate_count`` living and dead, ``deceased_count``) as in ``spec.model``.
    """

    number: int
    district: int
    name: str
    votes: int
    candidates: tuple[ListCandidate, ...] | None = None
    candidate_count: int | None = None
    deceased_count: int = 0


@dataclass(frozen=True, slots=True)
class ListSet:
    """A stel gelijkluidende lijsten (H 11 lid 1): district lists with the same candidates."""

    number: int
    name: str
    lists: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ListGroup:
    """A lijstengroep (H 11 lid 2, P 3): stellen or district lists under one appellation."""

    number: int
    name: str
    members: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Combination:
    """A lijstencombinatie (old I 10, old P 4; law ``pre-2017-12`` only): groups, stellen or
    district lists of different parties, joined for the allocation of seats."""

    number: int
    name: str
    members: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class DistrictElection:
    kind: ElectionKind
    seats: int
    districts: tuple[District, ...]
    lists: tuple[DistrictList, ...]
    sets: tuple[ListSet, ...] = ()
    groups: tuple[ListGroup, ...] = ()
    combinations: tuple[Combination, ...] = ()
    law: LawVersion = "current"
    profile: Profile = Profile()  # noqa: RUF009 (frozen, immutable)
    lots: tuple[Lot, ...] = ()
    name: str = ""


# --------------------------------------------------------------------------- resolved structure


@dataclass(frozen=True, slots=True)
class Unit:
    """A list in the sense of P 12: a stel, or a district list in no stel.

    ``votes`` is its stemcijfer (weighted by stemwaarde); ``candidates`` carry each candidate's
    votes summed over the unit's district lists (weighted); ``district`` is the lowest district
    number of its lists (P 16 lid 1, P 18 lid 1: equal votes go to the lowest kieskring).
    """

    number: int
    name: str
    lists: tuple[int, ...]
    district: int
    votes: int
    candidates: tuple[ListCandidate, ...] | None
    seat_limit: int | None


@dataclass(frozen=True, slots=True)
class Party:
    """A list in the sense of P 5 – P 10 and P 15: a lijstengroep, or a unit in no group.

    ``candidates`` (candidate-level data only) are the distinct persons of the party in its
    order (units in member order, positions within a unit; first appearance counts), numbered
    1, 2, ... as ``Candidate``; their votes are summed over every unit on which they stand (P 15
    lid 1: "op de gezamenlijke lijsten waarop zij voorkomen"). ``keys[i]`` is the person of
    ``candidates[i]``. A party of one list keeps the candidates' positions as their numbers.
    """

    number: int
    name: str
    units: tuple[int, ...]
    is_group: bool
    votes: int
    seat_limit: int | None
    candidates: tuple[Candidate, ...] | None
    keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Contestant:
    """What P 5 – P 10 allocate to: a lijstencombinatie, or a party in no combination."""

    number: int
    name: str
    parties: tuple[int, ...]
    is_combination: bool
    votes: int
    seat_limit: int | None


@dataclass(frozen=True, slots=True)
class Structure:
    units: Mapping[int, Unit]
    parties: Mapping[int, Party]
    contestants: Mapping[int, Contestant]
    party_of_unit: Mapping[int, int]

    def national_election(self, election: DistrictElection) -> Election:
        """The single contest of P 5 – P 10: one list-level list per contestant (P 3, old P 4).

        Candidate nomination happens per party afterwards, so each list carries only its seat
        limit (P 10: the party's distinct living candidates). The lists come in ascending
        number, the list order in which ties that need no lot are served.
        """
        lists = tuple(
            ElectionList(c.number, c.name, c.votes, None, c.seat_limit, 0)
            for c in sorted(self.contestants.values(), key=lambda c: c.number)
        )
        lots = tuple(lot for lot in election.lots if lot.kind in NATIONAL_LOT_KINDS)
        return Election(election.kind, election.seats, lists, election.law, election.profile, lots)


def _sum_candidates(
    lists: list[DistrictList], weight: Mapping[int, int]
) -> tuple[ListCandidate, ...] | None:
    first = lists[0].candidates
    if first is None:
        return None
    votes = [0] * len(first)
    deceased = [False] * len(first)
    for lst in lists:
        for i, c in enumerate(lst.candidates or ()):
            votes[i] += c.votes * weight[lst.district]
            deceased[i] = deceased[i] or c.deceased
    return tuple(ListCandidate(c.number, c.key, votes[i], deceased[i]) for i, c in enumerate(first))


def _unit_limit(
    lists: list[DistrictList], candidates: tuple[ListCandidate, ...] | None
) -> int | None:
    if candidates is not None:
        return sum(1 for c in candidates if not c.deceased)
    first = lists[0]
    if first.candidate_count is None:
        return None
    return first.candidate_count - max(lst.deceased_count for lst in lists)


def resolve(election: DistrictElection) -> Structure:
    """The units, parties and contestants of a validated ``election`` (see the module docstring).

    Under a law version other than ``pre-2017-12`` there are no combinations (the codec rejects
    them). The order everywhere is the input's: units and parties in the order of their first
    district list, contestants in the order of their first party.
    """
    weight = {d.number: d.stemwaarde for d in election.districts}
    by_number = {lst.number: lst for lst in election.lists}
    set_of: dict[int, ListSet] = {}
    for s in election.sets:
        for n in s.lists:
            set_of[n] = s
    units: dict[int, Unit] = {}
    unit_of_list: dict[int, int] = {}
    for lst in election.lists:
        owner = set_of.get(lst.number)
        if owner is not None and owner.number in units:
            unit_of_list[lst.number] = owner.number
            continue
        members = [by_number[n] for n in owner.lists] if owner is not None else [lst]
        candidates = _sum_candidates(members, weight)
        number = owner.number if owner is not None else lst.number
        units[number] = Unit(
            number=number,
            name=owner.name if owner is not None and owner.name else lst.name,
            lists=tuple(m.number for m in members),
            district=min(m.district for m in members),
            votes=sum(m.votes * weight[m.district] for m in members),
            candidates=candidates,
            seat_limit=_unit_limit(members, candidates),
        )
        unit_of_list[lst.number] = number
    group_of: dict[int, ListGroup] = {}
    for g in election.groups:
        for member in g.members:
            group_of[member] = g
    parties: dict[int, Party] = {}
    party_of_unit: dict[int, int] = {}
    for unit in units.values():
        group = group_of.get(unit.number)
        if group is None:
            parties[unit.number] = _party(unit.number, unit.name, [unit], False)
            party_of_unit[unit.number] = unit.number
        elif group.number not in parties:
            group_units = [units[unit_of_list.get(m, m)] for m in group.members]
            parties[group.number] = _party(group.number, group.name, group_units, True)
            for grouped in group_units:
                party_of_unit[grouped.number] = group.number
    combination_of: dict[int, Combination] = {}
    if election.law == "pre-2017-12":
        for combo in election.combinations:
            for member in combo.members:
                combination_of[party_of_unit.get(unit_of_list.get(member, member), member)] = combo
    contestants: dict[int, Contestant] = {}
    for party in parties.values():
        joined = combination_of.get(party.number)
        if joined is None:
            contestants[party.number] = Contestant(
                party.number, party.name, (party.number,), False, party.votes, party.seat_limit
            )
        elif joined.number not in contestants:
            joined_parties = [
                parties[party_of_unit.get(unit_of_list.get(m, m), m)] for m in joined.members
            ]
            limits = [p.seat_limit for p in joined_parties]
            contestants[joined.number] = Contestant(
                joined.number,
                joined.name or " + ".join(p.name for p in joined_parties),
                tuple(p.number for p in joined_parties),
                True,
                sum(p.votes for p in joined_parties),
                None if any(x is None for x in limits) else sum(x or 0 for x in limits),
            )
    return Structure(units, parties, contestants, party_of_unit)


def _party(number: int, name: str, units: list[Unit], is_group: bool) -> Party:
    votes = sum(u.votes for u in units)
    if any(u.candidates is None for u in units):
        limits = [u.seat_limit for u in units]
        # List-level data: persons cannot be told apart, so the lists of a group are assumed
        # to have no candidate in common (the limit is the sum of the lists' limits).
        limit = None if any(x is None for x in limits) else sum(x or 0 for x in limits)
        return Party(number, name, tuple(u.number for u in units), is_group, votes, limit, None, ())
    keys: list[str] = []
    summed: dict[str, int] = {}
    dead: dict[str, bool] = {}
    for unit in units:
        for c in unit.candidates or ():
            if c.key not in summed:
                keys.append(c.key)
                summed[c.key] = 0
                dead[c.key] = False
            summed[c.key] += c.votes
            dead[c.key] = dead[c.key] or c.deceased
    if is_group:
        numbers = list(range(1, len(keys) + 1))
    else:  # one list: its candidates keep their positions
        numbers = [c.number for c in units[0].candidates or ()]
    candidates = tuple(
        Candidate(n, summed[key], dead[key]) for n, key in zip(numbers, keys, strict=True)
    )
    limit = sum(1 for c in candidates if not c.deceased)
    return Party(
        number,
        name,
        tuple(u.number for u in units),
        is_group,
        votes,
        limit,
        candidates,
        tuple(keys),
    )


# --------------------------------------------------------------------------- result

DistributionKind: TypeAlias = Literal["group", "combination"]


@dataclass(frozen=True, slots=True)
class DistributionRow:
    """One member's share: ``full_seats = floor(votes / quota)``, ``remainder = votes −
    full_seats × quota`` (P 12 lid 4-5; old P 11), and the seats it holds in the end."""

    member: int
    votes: int
    full_seats: int
    remainder: Fraction
    seats: int


@dataclass(frozen=True, slots=True)
class Reassignment:
    """P 13: a seat a member could not fill (``from_member``) passes to ``to_member``
    (``method``: ``largest_remainder`` continued, or ``greatest_average``, P 13 lid 2)."""

    from_member: int
    to_member: int | None
    method: str


@dataclass(frozen=True, slots=True)
class Distribution:
    """The seats of a lijstengroep over its lists (P 12, P 13) or of a lijstencombinatie over
    its members (old P 11, P 13): the groepskiesdeler / combinatiekiesdeler and every row."""

    kind: DistributionKind
    owner: int
    article: str
    seats: int
    votes: int
    quota: Fraction | None
    rows: tuple[DistributionRow, ...]
    remainder_order: tuple[int, ...]
    lot: tuple[int, ...]  # remainder seats (1-based, in remainder_order) decided by lot
    reassigned: tuple[Reassignment, ...]
    unfilled: int


@dataclass(frozen=True, slots=True)
class Placement:
    """P 16: a candidate of a lijstengroep elected on preference votes is placed on one list.

    ``article`` is ``P 16 lid 1`` (the list with the most votes for the candidate among those
    with a seat left; equal votes: lowest district) or ``P 16 lid 2`` (no such list: the list
    with the most votes, and ``forfeited_from`` loses the seat it got last under P 12 / P 13).
    """

    party: int
    candidate: int
    key: str
    list: int
    position: int
    votes: int
    article: str
    forfeited_from: int | None = None


@dataclass(frozen=True, slots=True)
class DoubleElection:
    """P 18: a candidate elected in list order on several lists of a group counts as elected
    on ``kept`` (the most votes for them; equal votes: lowest district); the other lists
    fill the seat with their next candidate."""

    party: int
    key: str
    lists: tuple[int, ...]
    kept: int


@dataclass(frozen=True, slots=True)
class Transfer:
    """P 13 lid 1 read with P 18 lid 3, during P 17 / P 18: a seat of ``from_list`` (a list of
    lijstengroep ``party``) that none of its candidates can take any more, because every one of
    them is elected already (on this or another list of the group), passes to ``to_list``: the
    next list in the continued application of P 12 lid 5 / P 13 that still has a candidate
    for it. P 18 lid 3: the procedure repeats "totdat alle aan de lijsten toegewezen zetels aan
    kandidaten zijn toegewezen"."""

    party: int
    from_list: int
    to_list: int


@dataclass(frozen=True, slots=True)
class CombinationCheck:
    """Old P 4 lid 2 (``pre-2017-12``): a member of a combination counts only if it would have
    won a seat on its own; a combination counts only with at least two such members."""

    combination: int
    kept: tuple[int, ...]
    dropped: tuple[int, ...]
    counts: bool


@dataclass(frozen=True, slots=True)
class DistrictCompleted:
    """A completed allocation. ``elected``, ``elected_on_preference`` and ``ranking`` are per
    unit, as positions on it. ``ranking`` (P 19, the order for later vacancies) is given for
    every unit with seats and candidate-level data: the unit's candidates elected on preference
    anywhere in the party, in order of election; then its other living candidates whose votes
    summed over the party's lists exceed the voorkeurdrempel, by those votes (equal: the unit's
    list order); then its other living candidates in list order. Deceased candidates are left
    out (P 19a). For a party of one list or stel this is the single-contest P 19 ranking."""

    national_election: Election
    national: Completed
    party_seats: Mapping[int, int]
    seats: Mapping[int, int]  # per unit
    distributions: tuple[Distribution, ...]
    elected: Mapping[int, tuple[int, ...]]  # unit -> positions, in order of election
    elected_on_preference: Mapping[int, tuple[int, ...]]
    ranking: Mapping[int, tuple[int, ...]]  # unit -> positions, P 19 (units with seats only)
    preference: tuple[PreferenceStep, ...]
    placements: tuple[Placement, ...]
    doubles: tuple[DoubleElection, ...]
    combination_checks: tuple[CombinationCheck, ...]
    warnings: tuple[str, ...]
    transfers: tuple[Transfer, ...] = ()
    status: Literal["completed"] = "completed"


@dataclass(frozen=True, slots=True)
class DistrictNeedsLot:
    """A decisive tie at ``stage`` (``national``, ``combination``, ``group``, ``candidates``).
    ``combination_checks`` (old law) says which combinations the allocation so far counted, as
    in ``DistrictCompleted``: without it the allocation over contestants cannot be judged."""

    lot: LotQuestion
    stage: str
    lots_used: int
    seats_so_far: Mapping[int, int]  # per contestant (stage national) or per party / unit
    national: Completed | NeedsLot | None = None  # the allocation over contestants (P 5 – P 10)
    combination_checks: tuple[CombinationCheck, ...] = ()
    status: Literal["needs_lot"] = "needs_lot"


DistrictResult: TypeAlias = DistrictCompleted | DistrictNeedsLot | Rejected
