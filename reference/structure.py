"""Who competes for seats in an election with districts: the engine's own reading of the input.

Kieswet (BWBR0004627), consolidated text of 2026-01-01: a stel gelijkluidende lijsten (H 11 lid
1) is one list (P 3, P 12 "lijst"), its candidates' votes summed over its district lists; a
lijstengroep (H 11 lid 2, P 3) is one list for the number of seats, its persons' votes summed
over "de gezamenlijke lijsten waarop zij voorkomen" (P 15 lid 1); under law ``pre-2017-12`` a
lijstencombinatie (old P 4) is one list for the number of seats. Every vote weighs its
district's stemwaarde (U 2, U 3; 1 outside the Eerste Kamer).

This module is the engine's own: ``spec.districts.resolve`` states the same for the judge, and
the two are tested equal on generated elections (``tests/test_districts.py``), so that a mistake
in one is not silently shared by the other.
"""

from __future__ import annotations

from collections.abc import Sequence

from spec.districts import (
    Contestant,
    DistrictElection,
    DistrictList,
    ListCandidate,
    Party,
    Structure,
    Unit,
)
from spec.model import Candidate


def _unit(number: int, name: str, lists: Sequence[DistrictList], weight: dict[int, int]) -> Unit:
    """A stel (or a lone district list): votes and candidate votes weighted and summed."""
    votes = sum(weight[d.district] * d.votes for d in lists)
    first = lists[0]
    candidates: tuple[ListCandidate, ...] | None = None
    limit: int | None = None
    if first.candidates is not None:
        rows = []
        for index, c in enumerate(first.candidates):
            on_lists = [d.candidates[index] for d in lists if d.candidates is not None]
            rows.append(
                ListCandidate(
                    c.number,
                    c.key,
                    sum(weight[d.district] * x.votes for d, x in zip(lists, on_lists, strict=True)),
                    any(x.deceased for x in on_lists),
                )
            )
        candidates = tuple(rows)
        limit = len([c for c in candidates if not c.deceased])
    elif first.candidate_count is not None:
        limit = first.candidate_count - max(d.deceased_count for d in lists)
    return Unit(
        number=number,
        name=name,
        lists=tuple(d.number for d in lists),
        district=min(d.district for d in lists),
        votes=votes,
        candidates=candidates,
        seat_limit=limit,
    )


def _persons(number: int, name: str, units: Sequence[Unit], is_group: bool) -> Party:
    """A party (a lijstengroep or a unit in none): its distinct persons, in order of first
    appearance, with votes summed over its lists (P 15 lid 1); numbered 1, 2, ... for a group,
    by their positions for a single list."""
    votes = sum(u.votes for u in units)
    if any(u.candidates is None for u in units):
        limits = [u.seat_limit for u in units]
        total = None if None in limits else sum(x for x in limits if x is not None)
        return Party(number, name, tuple(u.number for u in units), is_group, votes, total, None, ())
    order: list[str] = []
    total_votes: dict[str, int] = {}
    deceased: set[str] = set()
    for unit in units:
        for c in unit.candidates or ():
            if c.key not in total_votes:
                order.append(c.key)
                total_votes[c.key] = 0
            total_votes[c.key] += c.votes
            if c.deceased:
                deceased.add(c.key)
    positions = (
        range(1, len(order) + 1) if is_group else [c.number for c in units[0].candidates or ()]
    )
    people = tuple(
        Candidate(n, total_votes[key], key in deceased)
        for n, key in zip(positions, order, strict=True)
    )
    return Party(
        number,
        name,
        tuple(u.number for u in units),
        is_group,
        votes,
        len([p for p in people if not p.deceased]),
        people,
        tuple(order),
    )


def resolve_structure(election: DistrictElection) -> Structure:
    """Units (stellen and lone lists), parties (groups and lone units) and contestants (old-law
    combinations and lone parties) of a validated ``election``, in the input's order."""
    weight = {d.number: d.stemwaarde for d in election.districts}
    lists = {d.number: d for d in election.lists}
    stel_of = {n: s for s in election.sets for n in s.lists}
    units: dict[int, Unit] = {}
    unit_of: dict[int, int] = {}  # district list (or stel) number -> unit number
    for d in election.lists:
        stel = stel_of.get(d.number)
        if stel is None:
            units[d.number] = _unit(d.number, d.name, [d], weight)
            unit_of[d.number] = d.number
            continue
        unit_of[d.number] = unit_of[stel.number] = stel.number
        if stel.number not in units:
            stel_lists = [lists[n] for n in stel.lists]
            units[stel.number] = _unit(stel.number, stel.name or d.name, stel_lists, weight)
    group_of = {m: g for g in election.groups for m in g.members}
    parties: dict[int, Party] = {}
    party_of_unit: dict[int, int] = {}
    for unit in units.values():
        group = group_of.get(unit.number)
        if group is None:
            parties[unit.number] = _persons(unit.number, unit.name, [unit], False)
            party_of_unit[unit.number] = unit.number
        elif group.number not in parties:
            group_units = [units[unit_of.get(m, m)] for m in group.members]
            parties[group.number] = _persons(group.number, group.name, group_units, True)
            party_of_unit.update((u.number, group.number) for u in group_units)
    combination_of = (
        {m: c for c in election.combinations for m in c.members}
        if election.law == "pre-2017-12"
        else {}
    )

    def party_number(member: int) -> int:
        return party_of_unit.get(unit_of.get(member, member), member)

    joined = {party_number(m): c for m, c in combination_of.items()}
    contestants: dict[int, Contestant] = {}
    for party in parties.values():
        combination = joined.get(party.number)
        if combination is None:
            contestants[party.number] = Contestant(
                party.number, party.name, (party.number,), False, party.votes, party.seat_limit
            )
            continue
        if combination.number in contestants:
            continue
        joined_parties = [parties[party_number(m)] for m in combination.members]
        limits = [p.seat_limit for p in joined_parties]
        contestants[combination.number] = Contestant(
            combination.number,
            combination.name or " + ".join(p.name for p in joined_parties),
            tuple(p.number for p in joined_parties),
            True,
            sum(p.votes for p in joined_parties),
            None if None in limits else sum(x for x in limits if x is not None),
        )
    return Structure(units, parties, contestants, party_of_unit)
