"""Lijstengroepen, stellen and lijstencombinaties: P 3, P 12, P 13, P 15 – P 19, old P 4 / P 11.

Kieswet (BWBR0004627), consolidated text of 2026-01-01; old P 4 and P 11 as in force until
1 December 2017 (law ``pre-2017-12``). P 12: the seats of a lijstengroep go to its lists by the
groepskiesdeler (group stemcijfer / group seats), full seats first, then the largest remainders
(equal remainders: lot). Old P 11: the same for a lijstencombinatie with the combinatiekiesdeler.
P 15 lid 1: a candidate's votes are summed over the party's lists on which they stand ("de
gezamenlijke lijsten waarop zij voorkomen"). P 16: a candidate of a group elected on preference
sits on the list with the most votes for them that has a seat left. P 17, P 18: the remaining
seats of each list in list order, each candidate elected once. P 19: the ranking for later
vacancies of each list with seats; for a lijstengroep in the project's reading (decided, to be
confirmed: docs/interpretation.md): the list's candidates elected on preference anywhere in the
group, then its others above the voorkeurdrempel with votes summed over the group's lists, then
the rest in list order.

These rules read a ``DistrictContext``: a ``Context`` over the allocation to contestants (the
single-contest rules check that part), plus the district input and what the district result
claims (``spec.claims.DistrictClaim``).
On a single-contest ``Context`` they find nothing. Old P 4 lid 2 (which members a combination
keeps) is taken from the result as stated, not re-derived.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from fractions import Fraction
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from spec.claims import DistributionClaim, DistrictClaim
from spec.districts import DistrictElection, Party, Structure, resolve
from spec.model import Election
from spec.rules.base import enumeration, plural, preference_share, reaches_threshold, show
from spec.rules.context import Context
from spec.rules.rule import Rule

if TYPE_CHECKING:
    from spec.rules.district_final import Departure, DistrictOutcome


class DistrictContext(Context):
    """A ``Context`` over the allocation to contestants, with the district input and what the
    district result claims."""

    def __init__(
        self,
        national: Election,
        district: DistrictElection,
        structure: Structure,
        claim: DistrictClaim,
    ) -> None:
        super().__init__(national, claim.national)
        self.district = district
        self.structure = structure
        self.claim = claim
        self.party_seats = claim.party_seats
        self.unit_seats = claim.seats
        self.elected = claim.elected
        self.on_preference = claim.elected_on_preference
        self.ranking = claim.ranking

    @property
    def district_completed(self) -> bool:
        return self.claim.status == "completed"

    def states(self, trace_field: str) -> bool:
        """Whether the result states the trace field ``trace_field`` (``distributions``,
        ``elected_on_preference``, ...): present, it is judged as stated; absent, the claim
        it would explain is judged on its own (``spec.rules.district_final``)."""
        return trace_field in self.claim.trace

    @cached_property
    def lawful(self) -> DistrictOutcome:
        """The lawful outcome of the stages after P 5 – P 10 (``spec.rules.district_final``)."""
        from spec.rules.district_final import lawful_district

        return lawful_district(self.district, self.structure, self.election)

    @cached_property
    def district_final(self) -> tuple[Departure, ...]:
        """Where the claims whose trace the result does not state depart from the law."""
        from spec.rules.district_final import departures

        return departures(self)

    def district_departures_for(self, rule_id: str) -> list[str]:
        """The messages of ``district_final`` that break rule ``rule_id``."""
        return [d.message for d in self.district_final if d.rule_id == rule_id]

    def preferred_persons(self, party: Party) -> set[str]:
        """The persons of ``party`` elected on preference: as ``elected_on_preference`` states;
        without that field, the ones the law elects (P 15, ``spec.rules.district_final``)."""
        if self.states("elected_on_preference"):
            return {k for k, _ in elected_persons(self, party, self.on_preference)}
        found = self.lawful.parties.get(party.number)
        return set(found.preferred or ()) if found is not None else set()

    def distribution(self, kind: str, owner: int) -> DistributionClaim | None:
        return next(
            (d for d in self.claim.distributions if d.kind == kind and d.owner == owner),
            None,
        )

    def owners(self, kind: str) -> Iterator[tuple[int, int, list[tuple[int, int, int | None]]]]:
        """(owner, seats, members as (number, votes, limit)) of every group or combination."""
        s = self.structure
        if kind == "group":
            for party in s.parties.values():
                if party.is_group and party.number in self.party_seats:
                    members = [(u, s.units[u].votes, s.units[u].seat_limit) for u in party.units]
                    yield party.number, self.party_seats[party.number], members
            return
        seats = self.seats or {}
        for c in s.contestants.values():
            if c.is_combination and c.number in seats:
                members = [(p, s.parties[p].votes, s.parties[p].seat_limit) for p in c.parties]
                yield c.number, seats[c.number], members


# =========================================================================== P 12, old P 11

OWNER_WORDS = {"group": "lijstengroep", "combination": "lijstencombinatie"}
"""A group or combination in the messages, as the law names it (P 12, old P 11)."""


def _seats(count: int) -> str:
    return plural(count, "zetel", "zetels")


def _full(count: int) -> str:
    return plural(count, "volle zetel", "volle zetels")


def _quota_rule(kind: str, name: str) -> Any:
    word = OWNER_WORDS[kind]

    def check(ctx: Context) -> Iterator[str]:
        if not isinstance(ctx, DistrictContext) or not ctx.district_completed:
            return
        for owner, seats, members in ctx.owners(kind):
            if seats == 0:
                continue
            total = sum(v for _, v, _ in members)
            quota = Fraction(total, seats)
            found = ctx.distribution(kind, owner)
            if found is None:
                if ctx.states("distributions"):
                    yield (
                        f"{word} {owner} heeft {_seats(seats)}, maar de uitkomst bevat geen "
                        f"verdeling met de {name}"
                    )
                continue
            if found.quota != quota:
                yield (
                    f"{word} {owner}: de {name} is {plural(total, 'stem', 'stemmen')} : "
                    f"{_seats(seats)} = {show(quota)}, de uitkomst vermeldt {found.quota_stated}"
                )
            rows = {r.member: r for r in found.rows}
            for number, votes, limit in members:
                full = votes * seats // total
                row = rows.get(number)
                if row is None:
                    yield f"{word} {owner}: de verdeling met de {name} noemt lijst {number} niet"
                    continue
                if row.full_seats != full:
                    yield (
                        f"{word} {owner}: lijst {number} heeft stemcijfer {votes}, "
                        f"{show(votes / quota)} maal de {name} {show(quota)}: {_full(full)}, "
                        f"de uitkomst vermeldt {row.full_seats_stated}"
                    )
                held = row.seats
                if held is not None and held < full and (limit is None or held < limit):
                    yield (
                        f"{word} {owner}: lijst {number} heeft {_seats(held)}, minder dan haar "
                        f"{_full(full)}, terwijl zij nog kandidaten heeft (P 13)"
                    )
                rest = votes - full * quota
                if row.remainder != rest:
                    yield (
                        f"{word} {owner}: lijst {number}: overschot {votes} - {full} × "
                        f"{show(quota)} = {show(rest)}, de uitkomst vermeldt {row.remainder_stated}"
                    )

    return check


def _remainder_rule(kind: str, lot_kind: str) -> Any:
    word = OWNER_WORDS[kind]

    def check(ctx: Context) -> Iterator[str]:
        if not isinstance(ctx, DistrictContext):
            return
        if not ctx.district_completed:
            return  # a needs_lot question: spec.rules.district_final
        for owner, seats, members in ctx.owners(kind):
            if seats == 0:
                continue
            found = ctx.distribution(kind, owner)
            if found is None:
                continue
            total = sum(v for _, v, _ in members)
            rows = {r.member: r for r in found.rows}
            raw_held = {n: rows[n].seats for n, _, _ in members if n in rows}
            held: dict[int, int] = {n: h for n, h in raw_held.items() if h is not None}
            if len(held) != len(raw_held):
                yield f"{word} {owner}: de verdeling geeft een lijst geen geheel aantal zetels"
                continue
            full = {n: v * seats // total for n, v, _ in members}
            limits = {n: lim for n, _, lim in members}
            at_limit = [n for n in held if (lim := limits[n]) is not None and held[n] >= lim]
            if sum(held.values()) + found.unfilled != seats:
                yield (
                    f"{word} {owner} heeft {_seats(seats)}, haar lijsten hebben er samen "
                    f"{sum(held.values())}"
                )
            rest = {n: v * seats - full[n] * total for n, v, _ in members}
            extra = [n for n in held if held[n] > full[n]]
            passed = [n for n in held if held[n] == full[n] and n not in at_limit]
            for n in held:
                if held[n] > full[n] + 1 and not at_limit:
                    yield (
                        f"{word} {owner}: lijst {n} heeft {_seats(held[n])}, meer dan één boven "
                        f"haar {_full(full[n])}, terwijl geen lijst van de {word} uitgeput is "
                        "(P 13)"
                    )
            lots = [lot for lot in ctx.district.lots if lot.kind == lot_kind and lot.list == owner]
            for a in extra:
                for b in passed:
                    if rest[b] > rest[a] and held[a] == full[a] + 1:
                        yield (
                            f"{word} {owner}: lijst {a} heeft een restzetel met overschot "
                            f"{show(Fraction(rest[a], seats))}, terwijl lijst {b} het grotere "
                            f"overschot {show(Fraction(rest[b], seats))} heeft"
                        )
                    elif rest[b] == rest[a] and not any(
                        {a, b} <= set(lot.options) and lot.drawn != b for lot in lots
                    ):
                        yield (
                            f"{word} {owner}: de lijsten {a} en {b} hebben hetzelfde overschot "
                            f"{show(Fraction(rest[a], seats))} voor minder zetels dan lijsten; "
                            "het lot beslist (geen gegeven loting geeft de zetel aan "
                            f"lijst {a})"
                        )
        yield from _lot_places(ctx, kind, lot_kind)
        yield from _stated_order(ctx, kind, lot_kind)

    return check


_METHODS = {True: "largest_remainder", False: "greatest_average"}


def _stated_order(ctx: DistrictContext, kind: str, lot_kind: str) -> Iterator[str]:
    """Where a distribution states them, its ``remainder_order`` and ``reassigned`` against the
    law's own distribution (``seat_order``, with the lots supplied in the input).

    ``remainder_order``: the members given the seats after the full seats, in the order given:
    round by round the largest remainders among the members without a remainder seat (P 12 lid
    5, P 13 lid 1; old P 11), then the greatest averages (P 13 lid 2, referring to P 7 lid 1);
    the members of a round of equal values in any order (the law gives them none).
    ``reassigned``: P 13 lid 1, a list that would receive "meer zetels ... dan er kandidaten
    zijn" passes "de overblijvende zetel of zetels" on to the other lists of the group "door
    voortgezette toepassing" of P 12 (old P 11); one entry per full
    seat (P 12 lid 4) a member cannot take, from that member; the seats passed on are the last
    ones given, so each goes ``to`` the member given that seat and by that round's ``method``
    (``largest_remainder`` or ``greatest_average``), or stays empty (``to`` null, ``method``
    ``unfilled``) where no member can take it. Compared as multisets of ``from`` and of
    (``to``, ``method``): which passed-on seat is whose is bookkeeping."""
    from collections import Counter

    from spec.rules.group_candidates import GroupLots, LotUndecided, seat_order

    word = OWNER_WORDS[kind]
    article = "P 12 lid 5, P 13" if kind == "group" else "P 11 (pre-2017-12), P 13"
    for owner, seats, members in ctx.owners(kind):
        found = ctx.distribution(kind, owner)
        if found is None or (found.remainder_order is None and found.reassigned is None):
            continue  # both optional in a result
        votes = {n: v for n, v, _ in members}
        if seats <= 0 or sum(votes.values()) == 0:
            rounds: tuple[tuple[tuple[int, ...], bool], ...] = ()
            surplus: tuple[int, ...] = ()
            unfilled = 0
        else:
            limit = {n: seats if lim is None else lim for n, _, lim in members}
            try:
                lots = GroupLots(ctx.district.lots, owner, lot_kind)
                order = seat_order(votes, seats, limit, lots)
            except LotUndecided:
                continue  # a lot the result should have asked for: named above
            rounds, surplus, unfilled = order.rounds, order.surplus, order.unfilled
        given = [(n, by) for lists, by in rounds for n in lists]
        stated = found.remainder_order
        if stated is not None:
            chunks, at = [], 0
            for lists, _ in rounds:
                chunks.append(stated[at : at + len(lists)])
                at += len(lists)
            lawful = len(stated) == at and all(
                Counter(chunk) == Counter(lists)
                for chunk, (lists, _) in zip(chunks, rounds, strict=True)
            )
            if lawful:  # the passed-on seats are the last ones in the order stated
                given = [
                    (n, by)
                    for chunk, (_, by) in zip(chunks, rounds, strict=True)
                    for n in chunk
                    if n is not None
                ]
            else:
                text = " | ".join(
                    f"{'/'.join(map(str, lists))} ({'overschot' if by else 'gemiddelde'})"
                    for lists, by in rounds
                )
                yield (
                    f"{word} {owner}: de zetels na de volle zetels gaan, in de volgorde van "
                    f"toewijzing, naar {text or 'geen lijst'} ({article}: eerst de grootste "
                    "overschotten van de lijsten zonder restzetel, dan de grootste gemiddelden; "
                    "gelijke waarden samen, in willekeurige volgorde); de uitkomst vermeldt "
                    f"remainder_order {list(stated)}"
                )
        if found.reassigned is None:
            continue
        start = len(given) + unfilled - len(surplus)
        want_to: Counter[tuple[int | None, str]] = Counter(
            (n, _METHODS[by]) for n, by in given[max(0, start) :]
        )
        want_to[(None, "unfilled")] += unfilled
        want_to = +want_to
        got_from = Counter(r.source for r in found.reassigned)
        got_to = Counter((r.target, r.method or "") for r in found.reassigned)
        if got_from != Counter(surplus) or got_to != want_to:
            moves = "; ".join(
                f"{_seats(count)} naar "
                + (f"lijst {to} ({how})" if to is not None else "niemand (onvervuld)")
                for (to, how), count in sorted(want_to.items(), key=str)
            )
            sources = enumeration(f"{n} ({_seats(c)})" for n, c in sorted(Counter(surplus).items()))
            yield (
                f"{word} {owner}: P 13 lid 1: "
                + (
                    f"de lijsten met meer volle zetels dan kandidaten, {sources}, geven die zetels "
                    f"door: {moves}"
                    if surplus
                    else "geen lijst heeft meer volle zetels dan kandidaten, geen zetel gaat over"
                )
                + "; de uitkomst vermeldt reassigned "
                + (
                    "; ".join(f"{r.source} -> {r.target} ({r.method})" for r in found.reassigned)
                    or "[]"
                )
            )


def _lot_places(ctx: DistrictContext, kind: str, lot_kind: str) -> Iterator[str]:
    """P 12 lid 5 (old P 11): where a distribution states which of its seats the lot decided
    (``lot``: their places among the seats given after the full seats, in the order given),
    they are the places where the law's own distribution (``seat_order``, with the lots supplied
    in the input) meets more equal values than seats left."""
    from spec.rules.group_candidates import GroupLots, LotUndecided, seat_order

    word = OWNER_WORDS[kind]
    article = "P 12 lid 5" if kind == "group" else "P 11 (pre-2017-12)"
    for owner, seats, members in ctx.owners(kind):
        found = ctx.distribution(kind, owner)
        if found is None or found.lot is None:
            continue  # optional in a result
        votes = {n: v for n, v, _ in members}
        lawful: tuple[int, ...] = ()
        if seats > 0 and sum(votes.values()) > 0:
            limit = {n: seats if lim is None else lim for n, _, lim in members}
            lots = GroupLots(ctx.district.lots, owner, lot_kind)
            try:
                lawful = seat_order(votes, seats, limit, lots).lot
            except LotUndecided:
                continue  # a lot the result should have asked for: named above
        if found.lot != lawful:
            decided = (
                f"het lot beslist {'zetel' if len(lawful) == 1 else 'de zetels'} "
                f"{enumeration(lawful)} van de zetels na de volle zetels, in de volgorde van "
                f"toewijzing ({article}: gelijke waarden voor minder zetels dan lijsten)"
                if lawful
                else f"geen zetel van de verdeling wordt door het lot beslist ({article})"
            )
            yield f"{word} {owner}: {decided}; de uitkomst vermeldt lot {found.lot_stated}"


# =========================================================================== seat sums


def _seat_sum(ctx: Context) -> Iterator[str]:
    if not isinstance(ctx, DistrictContext) or not ctx.district_completed:
        return
    s = ctx.structure
    seats = ctx.seats or {}
    for c in s.contestants.values():
        if c.is_combination:
            held = sum(ctx.party_seats.get(p, 0) for p in c.parties)
            if c.number in seats and held != seats[c.number]:
                yield (
                    f"lijstencombinatie {c.number} heeft {_seats(seats[c.number])}, haar lijsten "
                    f"{enumeration(c.parties)} hebben er samen {held}"
                )
        elif c.number in seats and ctx.party_seats.get(c.number) != seats[c.number]:
            yield (
                f"partij {c.number} heeft {_seats(seats[c.number])} in de verdeling over de "
                f"lijsten, de uitkomst vermeldt {ctx.party_seats.get(c.number)}"
            )
    for party in s.parties.values():
        if party.number not in ctx.party_seats:
            yield f"party_seats noemt partij {party.number} niet"
            continue
        held = sum(ctx.unit_seats.get(u, 0) for u in party.units)
        missing = [u for u in party.units if u not in ctx.unit_seats]
        if missing:
            lists = "lijst" if len(missing) == 1 else "de lijsten"
            yield f"seats noemt {lists} {enumeration(missing)} niet"
        elif held != ctx.party_seats[party.number]:
            yield (
                f"partij {party.number} heeft {_seats(ctx.party_seats[party.number])}, haar "
                f"lijsten {enumeration(party.units)} hebben er samen {held}"
            )
    yield from _rows_held(ctx)


def _rows_held(ctx: DistrictContext) -> Iterator[str]:
    """Each member holds the seats its distribution row gives it (P 12 / P 13, old P 11), but
    for a seat a P 16 lid 2 placement moved from ``forfeited_from`` to the list placed on."""
    moved: dict[int, int] = {}
    for p in ctx.claim.placements:
        if p.article == "P 16 lid 2":
            for number, change in ((p.list, 1), (p.forfeited_from, -1)):
                if number is not None:
                    moved[number] = moved.get(number, 0) + change
    for t in ctx.claim.transfers:
        for number, change in ((t.to_list, 1), (t.from_list, -1)):
            if number is not None:
                moved[number] = moved.get(number, 0) + change
    for kind, held in (("group", ctx.unit_seats), ("combination", ctx.party_seats)):
        for owner, _, _ in ctx.owners(kind):
            found = ctx.distribution(kind, owner)
            for row in found.rows if found is not None else ():
                member, given = row.member, row.seats
                if member is None or given is None or member not in held:
                    continue
                change = moved.get(member, 0) if kind == "group" else 0
                if held[member] != given + change:
                    by_p16 = f", {change:+d} door P 16 lid 2 en P 13" if change else ""
                    yield (
                        f"{OWNER_WORDS[kind]} {owner}: lijst {member} heeft "
                        f"{_seats(held[member])}, de verdeling geeft haar {given}{by_p16}"
                    )


# =========================================================================== candidates


def _persons(ctx: DistrictContext, party: Party) -> dict[str, int]:
    return {key: c.votes for key, c in zip(party.keys, party.candidates or (), strict=True)}


def _deceased(party: Party) -> set[str]:
    """The persons of ``party`` who are deceased (on any of its lists, P 19a)."""
    return {key for key, c in zip(party.keys, party.candidates or (), strict=True) if c.deceased}


def _key_at(ctx: DistrictContext, unit: int, position: int) -> str | None:
    return next(
        (c.key for c in ctx.structure.units[unit].candidates or () if c.number == position), None
    )


def candidate_parties(ctx: Context) -> Iterator[tuple[DistrictContext, Party, int]]:
    if not isinstance(ctx, DistrictContext) or not ctx.district_completed:
        return
    for party in ctx.structure.parties.values():
        seats = ctx.party_seats.get(party.number, 0)
        if party.candidates is not None and seats > 0:
            yield ctx, party, seats


def elected_persons(
    ctx: DistrictContext, party: Party, which: Mapping[int, tuple[int, ...]]
) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for u in party.units:
        for position in which.get(u, ()):
            key = _key_at(ctx, u, position)
            if key is not None:
                out.append((key, u))
    return out


def _p15_summed(ctx: Context) -> Iterator[str]:
    if not isinstance(ctx, DistrictContext) or not ctx.states("elected_on_preference"):
        return  # the final claim: spec.rules.district_final
    for dctx, party, seats in candidate_parties(ctx):
        threshold = dctx.quota * preference_share(dctx.election)
        votes = _persons(dctx, party)
        dead = _deceased(party)
        above = sorted(
            (
                k
                for k, v in votes.items()
                if reaches_threshold(v, threshold, dctx.election.kind) and k not in dead
            ),
            key=lambda k: -votes[k],
        )
        claimed = [k for k, _ in elected_persons(dctx, party, dctx.on_preference)]
        for key in claimed:
            # P 15 lid 1 "groter dan" the voorkeurdrempel; the Eerste Kamer (U 15 lid 3)
            # "groter dan of gelijk aan de kiesdeler"
            if not reaches_threshold(votes.get(key, 0), threshold, dctx.election.kind):
                short = (
                    "minder dan de kiesdeler"
                    if dctx.election.kind == "EK"
                    else "niet meer dan de voorkeurdrempel"
                )
                yield (
                    f"partij {party.number}: kandidaat {key!r} is met voorkeurstemmen gekozen, "
                    f"met {plural(votes.get(key, 0), 'stem', 'stemmen')} opgeteld over de "
                    f"lijsten van de partij, {short} {show(threshold)}"
                )
        expected = above[:seats]
        if sorted(votes[k] for k in claimed if k in votes) != sorted(votes[k] for k in expected):
            yield (
                f"partij {party.number}: met de stemmen opgeteld over haar lijsten zijn de "
                f"kandidaten boven de voorkeurdrempel {show(threshold)} voor haar "
                f"{_seats(seats)}: "
                f"{enumeration(f'{k!r} ({votes[k]})' for k in expected) or 'geen'}; de "
                "uitkomst kiest met voorkeurstemmen "
                f"{enumeration(repr(k) for k in claimed) or 'niemand'}"
            )
            continue
        # The votes agree; where equal votes compete for fewer seats than there are of them
        # "beslist zo nodig het lot" (P 15 lid 1): the supplied lot decides who, as it fell
        # (the lawful outcome follows the input's candidate lots of this party).
        lawful = dctx.lawful.parties.get(party.number)
        chosen = None if lawful is None else lawful.preferred
        if chosen is not None and set(claimed) != set(chosen):
            yield (
                f"partij {party.number}: bij gelijke stemmen beslist het lot (P 15 lid 1); met "
                f"de gegeven lotingen kiest P 15 met voorkeurstemmen "
                f"{enumeration(f'{k!r} ({votes[k]})' for k in chosen) or 'niemand'}; de "
                f"uitkomst kiest {enumeration(repr(k) for k in claimed) or 'niemand'}"
            )


def _p16_placement(ctx: Context) -> Iterator[str]:
    for dctx, party, _ in candidate_parties(ctx):
        if not party.is_group:
            continue
        units = {u: dctx.structure.units[u] for u in party.units}
        votes = _persons(dctx, party)
        placed = elected_persons(dctx, party, dctx.on_preference)
        found = dctx.distribution("group", party.number)
        p12 = {r.member: r.seats for r in (found.rows if found is not None else ())}
        moved = any(p12.get(u) != dctx.unit_seats.get(u) for u in party.units)
        for key, unit in placed:
            stands = [u for u in units.values() if any(c.key == key for c in u.candidates or ())]
            if unit not in {u.number for u in stands}:
                yield (
                    f"partij {party.number}: kandidaat {key!r} is gekozen op lijst {unit}, "
                    "waarop de kandidaat niet voorkomt"
                )
                continue
            best = max(
                stands,
                key=lambda u: (
                    next(c.votes for c in u.candidates or () if c.key == key),
                    -u.district,
                ),
            )
            if best.number == unit or moved:
                continue  # with a P 16 lid 2 move the seats at the time are not restated
            before = [
                k for k, u in placed if u == best.number and k != key and votes[k] >= votes[key]
            ]
            if len(before) < dctx.unit_seats.get(best.number, 0):
                yield (
                    f"partij {party.number}: kandidaat {key!r} is met voorkeurstemmen gekozen op "
                    f"lijst {unit}, maar lijst {best.number} heeft de meeste stemmen op de "
                    "kandidaat en nog een zetel vrij (P 16 lid 1)"
                )


def _p16_stated(ctx: Context) -> Iterator[str]:
    """``_p16_placement``, then the ``placements`` the result states against the law's replay
    (``spec.rules.group_candidates.stated_placements``)."""
    from spec.rules.group_candidates import stated_placements

    yield from _p16_placement(ctx)
    yield from stated_placements(ctx)


def _p18_once(ctx: Context) -> Iterator[str]:
    for dctx, party, _ in candidate_parties(ctx):
        persons = elected_persons(dctx, party, dctx.elected)
        seen: dict[str, int] = {}
        for key, unit in persons:
            if key in seen:
                yield (
                    f"partij {party.number}: kandidaat {key!r} is gekozen op de lijsten "
                    f"{seen[key]} en {unit}; een kandidaat wordt één keer gekozen (P 16, P 18)"
                )
            seen[key] = unit
        if not dctx.states("elected_on_preference"):
            continue  # the final claim: spec.rules.district_final
        elsewhere = {k: u for k, u in persons}
        for u in party.units:
            this = dctx.structure.units[u]
            elected = dctx.elected.get(u, ())
            pref = dctx.on_preference.get(u, ())
            if tuple(elected[: len(pref)]) != tuple(pref):
                yield f"lijst {u}: de met voorkeurstemmen gekozen kandidaten staan niet vooraan"
                continue
            rest = elected[len(pref) :]
            pref_keys = {k for k, _ in elected_persons(dctx, party, dctx.on_preference)}
            eligible = [
                c.number
                for c in this.candidates or ()
                if not c.deceased and c.key not in pref_keys and elsewhere.get(c.key, u) == u
            ]
            want = tuple(eligible[: max(0, dctx.unit_seats.get(u, 0) - len(pref))])
            if tuple(rest) != want:
                yield (
                    f"lijst {u}: na de met voorkeurstemmen gekozen kandidaten gaan haar zetels op "
                    f"volgorde van de lijst naar {list(want)} (wie op een andere lijst van de "
                    f"partij gekozen is, valt af: P 17, P 18); de uitkomst kiest {list(rest)}"
                )


def _p19_group_ranking(ctx: Context) -> Iterator[str]:
    """P 19 per list (a unit with candidate-level data) that P 19 lid 5 does not exempt:
    (a) its candidates whose person the result elects on preference anywhere in the party, by
    summed votes descending (equal votes, elected together: in this list's order where the
    input supplies the party no candidate lot, in any order where it does, as a lot may have
    ordered them); (b) its
    other living candidates with summed votes above the voorkeurdrempel, by summed votes
    descending, equal votes in this list's order; (c) its other living candidates in list
    order. Deceased candidates (P 19a) are not ranked."""
    if not isinstance(ctx, DistrictContext) or ctx.ranking is None:
        return  # the ranking is optional in a result
    if not ctx.district_completed:
        return
    small = ctx.district.seats < 19 and ctx.district.kind != "EK"  # U 15 lid 2: no exception
    for party in ctx.structure.parties.values():
        if party.candidates is None:
            continue
        dctx = ctx
        ranking = dctx.ranking or {}
        threshold = dctx.quota * preference_share(dctx.election)
        votes = _persons(dctx, party)
        dead = _deceased(party)
        preferred = dctx.preferred_persons(party)
        own = dctx.election.profile.p19_own_list_votes
        group_with_seats = party.is_group and ctx.party_seats.get(party.number, 0) > 0
        for u in party.units:
            if not (small or group_with_seats or dctx.elected.get(u)):
                # P 19 lid 5: "blijft de rangschikking achterwege" for this list
                if u in ranking:
                    yield (
                        f"lijst {u} heeft geen gekozen kandidaat en hoort bij geen lijstengroep "
                        "met zetels: haar rangschikking blijft achterwege (P 19 lid 5); de "
                        "uitkomst rangschikt haar toch"
                    )
                continue
            living = [c for c in dctx.structure.units[u].candidates or () if c.key not in dead]
            key_of = {c.number: c.key for c in living}
            first = [c for c in living if c.key in preferred]
            # P 19 lid 2: above the threshold with the votes "op de gezamenlijke lijsten", in
            # the order of "de aantallen op hen uitgebrachte stemmen": summed (default) or, in
            # profile p19-own-list-votes, the votes on this list.
            order_by = {c.key: c.votes for c in living} if own else votes
            above = sorted(
                (
                    c
                    for c in living
                    if c.key not in preferred
                    and reaches_threshold(votes[c.key], threshold, dctx.election.kind)
                ),
                key=lambda c: -order_by[c.key],
            )
            ranked = {c.number for c in first} | {c.number for c in above}
            rest = [c.number for c in living if c.number not in ranked]
            got = ranking.get(u, ())
            head = got[: len(first)]
            # without a supplied candidate lot nothing but this list's order can have ordered
            # candidates elected together on equal summed votes (docs/interpretation.md)
            lot_free = not any(
                lot.kind == "candidate" and lot.list == party.number for lot in ctx.district.lots
            )
            in_order = set(head) == {c.number for c in first} and all(
                votes[key_of[a]] > votes[key_of[b]]
                or (votes[key_of[a]] == votes[key_of[b]] and (not lot_free or a < b))
                for a, b in pairwise(head)
            )
            if not in_order:  # stable: equal votes in this list's order
                head = tuple(c.number for c in sorted(first, key=lambda c: -votes[c.key]))
            expected = (*head, *(c.number for c in above), *rest)
            if got != expected:
                yield (
                    f"lijst {u}: de rangschikking voor latere vacatures is {list(expected)} "
                    "(haar met voorkeurstemmen gekozen kandidaten in de volgorde van hun "
                    "verkiezing, dan haar andere kandidaten boven de voorkeurdrempel "
                    f"{show(threshold)} naar hun stemmen opgeteld over de lijsten van de partij, "
                    "dan de rest op volgorde van de lijst; overleden kandidaten vallen af), de "
                    f"uitkomst vermeldt {list(got)}"
                )


def with_final(rule_id: str, check: Callable[[Context], Iterable[str]]) -> Any:
    """``check``, then the departures of the final claim (``spec.rules.district_final``) that
    break rule ``rule_id``."""

    def run(ctx: Context) -> Iterator[str]:
        yield from check(ctx)
        yield from ctx.district_departures_for(rule_id)  # none for a single contest

    return run


RULES: tuple[Rule, ...] = (
    Rule(
        "P12-seat-sum",
        "P 3, P 12",
        "A lijstengroep (or stel) holds the seats allocated to it as one list, and its lists "
        "together hold exactly those seats, each the seats its distribution gives it (apart "
        "from a seat P 16 lid 2 moves); a combination's members hold the combination's seats.",
        _seat_sum,
    ),
    Rule(
        "P12.1-group-quota",
        "P 12 lid 2-4",
        "The groepskiesdeler is the group's stemcijfer divided by its seats; each list of the "
        "group gets as many seats as its stemcijfer contains the groepskiesdeler wholly.",
        with_final("P12.1-group-quota", _quota_rule("group", "groepskiesdeler")),
    ),
    Rule(
        "P12.2-largest-remainder",
        "P 12 lid 5, P 13",
        "The group's remaining seats go to its lists with the largest remainders (no threshold); "
        "equal remainders for fewer seats than lists: the lot; a list without candidates left "
        "passes its seat on (P 13).",
        with_final("P12.2-largest-remainder", _remainder_rule("group", "group_seat")),
    ),
    Rule(
        "combination-P11-quota",
        "P 11 (pre-2017-12)",
        "Old law: the combinatiekiesdeler is the combination's stemcijfer divided by its seats; "
        "each member gets as many seats as its stemcijfer contains it wholly.",
        with_final("combination-P11-quota", _quota_rule("combination", "combinatiekiesdeler")),
    ),
    Rule(
        "combination-P11-largest-remainder",
        "P 11 (pre-2017-12), P 13",
        "Old law: the combination's remaining seats go to its members with the largest "
        "remainders; equal remainders for fewer seats than members: the lot.",
        with_final(
            "combination-P11-largest-remainder", _remainder_rule("combination", "combination_seat")
        ),
    ),
    Rule(
        "P15.2-summed-preference",
        "P 15 lid 1",
        "A candidate's preference votes are summed over every list of the party on which they "
        "stand; the candidates above the voorkeurdrempel so counted are elected first, in order "
        "of votes, as far as the party (group or single list) has seats.",
        with_final("P15.2-summed-preference", _p15_summed),
    ),
    Rule(
        "P16-placement",
        "P 16 lid 1-2",
        "A candidate of a lijstengroep elected on preference sits on the list with the most "
        "votes for them (equal: lowest district) that has a seat left.",
        with_final("P16-placement", _p16_stated),
    ),
    Rule(
        "P18-elected-once",
        "P 17, P 18",
        "Each candidate of a party is elected once; each list's seats after its "
        "preference-elected go in list order to its candidates not elected elsewhere.",
        with_final("P18-elected-once", _p18_once),
    ),
    Rule(
        "P19-group-ranking",
        "P 19",
        "Each list with seats ranks, for later vacancies, its candidates elected on preference "
        "in the party in order of election, then its others above the voorkeurdrempel by votes "
        "summed over the party's lists, then the rest in list order, deceased left out.",
        _p19_group_ranking,
    ),
)
"""P 3, P 12, P 13, P 15 – P 19 for parties with several lists; old P 11."""


def district_context(district: DistrictElection, claim: DistrictClaim) -> DistrictContext:
    """The context for a district result: the structure after old P 4 lid 2 as the result
    states it (``combination_checks``), the national election, and the claim."""
    from dataclasses import replace

    checks = claim.combination_checks
    if district.combinations and "combination_checks" not in claim.trace:
        from spec.rules.district_final import lawful_combinations

        # Without the trace, old P 4 lid 2 as the law applies it (a test allocation that
        # itself needs a lot leaves the combinations as submitted: the input is at fault).
        district = lawful_combinations(district) or district
    elif district.combinations and checks is not None:
        kept = {c.combination: c for c in checks}
        combos = []
        for combo in district.combinations:
            check = kept.get(combo.number)
            if check is None:
                combos.append(combo)
            elif check.counts:
                combos.append(replace(combo, members=check.kept))
        district = replace(district, combinations=tuple(combos))
    structure = resolve(district)
    return DistrictContext(structure.national_election(district), district, structure, claim)
