"""The candidates of a lijstengroep: P 16, P 17, P 18, and P 13 when a list runs out.

Kieswet (BWBR0004627); the text quoted is that of the consolidations of 2018 and 2026-01-01
(https://wetten.overheid.nl/BWBR0004627/2026-01-01, hoofdstuk P, paragraaf 3). For a lijstengroep
the seats go to persons list by list:

* P 16 lid 1: a candidate elected on preference (P 15) "die op meer dan één lijst ... is
  vermeld" counts as elected on the list "waarop het grootste aantal stemmen op hem is
  uitgebracht; voor zover aan die lijst ... voldoende zetels zijn toegewezen"; equal votes: the
  list of the lowest-numbered kieskring.
* P 16 lid 2: if none of their lists has a seat left, "wordt aan hem niettemin een zetel
  toegewezen op de lijst ... waarop hij het grootste aantal stemmen heeft verkregen, en vervalt
  daartegenover de zetel die met toepassing van artikel P 12 of P 13 het laatst was toegewezen
  aan een van de lijsten ... van de groep". Read here: the last-allocated seat that is still
  free; a next application walks further back through that order. Full seats (P 12 lid 4) are
  allocated together, so among the lists holding a free full seat the law gives no order: the
  lot decides.
* P 17: the seats left "worden aan de nog niet gekozen kandidaten van de desbetreffende lijsten
  ... toegewezen in de volgorde van de lijst".
* P 18 lid 1: a candidate so elected on several lists of the group counts on the list with the
  most votes for them (equal: lowest kieskring); lid 2: the seats still open go "aan de nog niet
  gekozen kandidaten van de desbetreffende lijst"; lid 3: repeated "totdat alle aan de lijsten
  toegewezen zetels aan kandidaten zijn toegewezen".
* P 13 lid 1: a list that would hold "meer zetels ... dan er kandidaten zijn" passes the seat
  on "door voortgezette toepassing van dat artikel" (P 12 lid 5: largest remainders, for the
  lists that had none) to another list of the group with candidates left; lid 2: then greatest
  averages. Read with P 18 lid 3: when every candidate of a list with an open seat is elected
  already, the seat passes on the same way (the previous Kiesraad software does the same).

This module states those rules as a plain replay from the input: its own P 12 / P 13 order
(``seat_order``), the persons the result elects on preference (judged by P15.2), and the lots
supplied with the input. It never uses the engine. The rule ``P16-P18-group-candidates``
compares the result with the replay and names the first article where it departs; where the
result states its ``double_elections`` (P 18 lid 1: who was elected by which lists at once and
which list kept them) or ``transfers`` (P 13 with P 18 lid 3: which list's seat passed to which),
they must be the replay's, in any order (without ``elected_on_preference``: the replay of the
lawful outcome, ``spec.rules.district_final``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from spec.districts import ListCandidate, Party, Unit
from spec.model import Lot
from spec.rules.base import enumeration, plural
from spec.rules.context import Context
from spec.rules.groups import DistrictContext, candidate_parties, elected_persons, with_final
from spec.rules.rule import Rule


class LotUndecided(Exception):
    """The law asks for a lot here and none was supplied for it."""

    def __init__(self, article: str, options: tuple[int, ...], why: str) -> None:
        super().__init__(why)
        self.article = article
        self.options = options
        self.why = why


class GroupLots:
    """The supplied lots of kind ``group_seat`` for one group (or of another ``kind``, such as
    ``combination_seat`` for a lijstencombinatie), in the order they were given."""

    def __init__(
        self,
        lots: Sequence[Lot],
        party: int,
        kind: str = "group_seat",
        drawn: list[tuple[str, int]] | None = None,
    ) -> None:
        self._lots = [lot for lot in lots if lot.kind == kind and lot.list == party]
        self._next = 0
        self._kind = kind
        self._party = party
        self._drawn = drawn  # where given: every draw, as (kind, owner), in the order drawn

    @property
    def used(self) -> int:
        """How many of the lots were drawn so far."""
        return self._next

    def draw(self, article: str, options: tuple[int, ...], why: str) -> int:
        if self._next < len(self._lots):
            lot = self._lots[self._next]
            if tuple(sorted(lot.options)) == options and lot.drawn in options:
                self._next += 1
                if self._drawn is not None:
                    self._drawn.append((self._kind, self._party))
                return lot.drawn
        raise LotUndecided(article, options, why)


# =========================================================================== P 12, P 13 order


@dataclass
class _Standing:
    """Seats of each list of the group while P 12 / P 13 are applied, one round at a time."""

    votes: Mapping[int, int]
    remainder: Mapping[int, int]  # votes × seats − full seats × group votes (exact)
    limit: Mapping[int, int]  # living candidates of the list
    held: dict[int, int]
    had_remainder_seat: set[int] = field(default_factory=set)

    def next_round(self) -> tuple[list[int], bool] | None:
        """The lists tied for the next seat (in number order) and whether it goes by remainder,
        or ``None`` if no list can take one: the largest remainder among lists that have had no
        remainder seat (P 12 lid 5, P 13 lid 1), else the greatest average (P 13 lid 2)."""
        can_take = [n for n in sorted(self.held) if self.held[n] < self.limit[n]]
        fresh = [n for n in can_take if n not in self.had_remainder_seat]
        if fresh:
            best = max(self.remainder[n] for n in fresh)
            return [n for n in fresh if self.remainder[n] == best], True
        if can_take:
            top = max(Fraction(self.votes[n], self.held[n] + 1) for n in can_take)
            return [n for n in can_take if Fraction(self.votes[n], self.held[n] + 1) == top], False
        return None

    def give(self, number: int, by_remainder: bool) -> None:
        if by_remainder:
            self.had_remainder_seat.add(number)
        self.held[number] += 1


@dataclass(frozen=True)
class SeatOrder:
    """``back``: the rounds of P 12 lid 5 / P 13 seats, last first, then the full seats (P 16
    lid 2; a list once per full seat it keeps). ``forward``: the rounds of continued
    application (P 13 for a list whose candidates are all elected). ``held``: each list's seats
    after P 12 / P 13."""

    back: tuple[tuple[int, ...], ...]
    forward: tuple[tuple[int, ...], ...]
    held: Mapping[int, int]
    lot: tuple[int, ...] = ()
    """The seats the lot decided (P 12 lid 5, old P 11): their 1-based places among the seats
    given after the full seats, in the order given (a round of equal values for no more seats
    than lists counts one place per list)."""
    rounds: tuple[tuple[tuple[int, ...], bool], ...] = ()
    """The seats given after the full seats, round by round in the order given: the lists of
    the round (equal values given together, in no order the law sets) and whether the round
    went by largest remainder (P 12 lid 5, P 13 lid 1) or else by greatest average (P 13
    lid 2)."""
    surplus: tuple[int, ...] = ()
    """P 13 lid 1: per full seat a list cannot take for want of candidates, the list (in number
    order, as often as it has such seats): the seats passed on to the other lists."""
    unfilled: int = 0
    """The seats no list could take (P 13: every list at its number of candidates)."""


def seat_order(
    votes: Mapping[int, int], seats: int, limit: Mapping[int, int], lots: GroupLots
) -> SeatOrder:
    """P 12 and P 13 for a group of ``seats`` seats, with the order in which seats were (and
    would further be) allocated. Equal values competing for fewer seats: the lot (P 12 lid 5)."""
    total = sum(votes.values())
    full = {n: v * seats // total for n, v in votes.items()}
    standing = _Standing(
        votes,
        {n: v * seats - full[n] * total for n, v in votes.items()},
        limit,
        {n: min(full[n], limit[n]) for n in votes},
    )
    given: list[tuple[int, ...]] = []
    methods: list[bool] = []
    by_lot: list[int] = []
    left = seats - sum(standing.held.values())
    while left > 0 and (found := standing.next_round()) is not None:
        tied, by_remainder = found
        if len(tied) <= left:
            for n in tied:
                standing.give(n, by_remainder)
            given.append(tuple(tied))
            methods.append(by_remainder)
            left -= len(tied)
            continue
        by_lot.append(sum(map(len, given)) + 1)
        drawn = lots.draw(
            "P 12 lid 5",
            tuple(tied),
            f"de lijsten {enumeration(tied)} staan gelijk voor {plural(left, 'zetel', 'zetels')}",
        )
        standing.give(drawn, by_remainder)
        given.append((drawn,))
        methods.append(by_remainder)
        left -= 1
    held = dict(standing.held)
    forward = _continued(votes, seats, limit, held)
    # P 12 lid 4: the full seats are given together, so they are the last round walked back
    # by P 16 lid 2, one entry per full seat a list keeps (a list can lose more than one)
    with_full = tuple(n for n in sorted(votes) for _ in range(min(full[n], limit[n])))
    back = (*reversed(given), *((with_full,) if with_full else ()))
    surplus = tuple(n for n in sorted(votes) for _ in range(full[n] - min(full[n], limit[n])))
    return SeatOrder(
        tuple(back),
        tuple(forward),
        held,
        tuple(by_lot),
        tuple(zip(given, methods, strict=True)),
        surplus,
        left,
    )


def _continued(
    votes: Mapping[int, int], seats: int, limit: Mapping[int, int], final: Mapping[int, int]
) -> tuple[tuple[int, ...], ...]:
    """P 13 continued beyond the group's seats, for a seat P 17 / P 18 cannot fill, in the order
    the previous Kiesraad software follows: it hands out the group's seats again from the full
    seats, by largest remainder to lists holding exactly their full seats, else by greatest
    average, every list tied at a value at once; a list found with more seats than candidates
    keeps as many as it has candidates and drops out, with every list at its number of
    candidates; after the group's seats it goes on for as many seats as the lists have
    candidates in all. Whether a list can take a seat is judged when the seat passes."""
    group_votes = sum(votes.values())
    full = {n: v * seats // group_votes for n, v in votes.items()}
    holds = dict(full)
    active = sorted(votes)
    after_the_group = False
    to_give = seats - sum(holds.values())
    out: list[tuple[int, ...]] = []
    while active:
        if to_give > 0:
            plain = [n for n in active if holds[n] == full[n]]
            rest = {n: votes[n] * seats - group_votes * holds[n] for n in plain}
            if rest:
                tied = [n for n in plain if rest[n] == max(rest.values())]
            else:
                best = max(Fraction(votes[n], holds[n] + 1) for n in active)
                tied = [n for n in active if Fraction(votes[n], holds[n] + 1) == best]
            if not after_the_group and len(tied) > to_give:
                tied = ([n for n in tied if final[n] > holds[n]] or tied)[:to_give]
            for n in tied:
                holds[n] += 1
            to_give -= len(tied)
            if after_the_group:
                out.append(tuple(tied))
        elif any(holds[n] > limit[n] for n in active):
            for n in list(active):
                if holds[n] >= limit[n]:
                    to_give += holds[n] - limit[n]
                    holds[n] = limit[n]
                    active.remove(n)
        elif not after_the_group:
            after_the_group = True
            to_give = sum(limit.values()) - sum(holds.values())
        else:
            break
    return tuple(out)


class _Walk:
    """A walk through ``SeatOrder.back`` or ``.forward``: the next list that qualifies; within
    a round of lists that qualify together, the lot (the law gives them no order)."""

    def __init__(self, rounds: Sequence[tuple[int, ...]], article: str, lots: GroupLots) -> None:
        self._rounds = list(rounds)
        self._article = article
        self._lots = lots
        self._open: list[int] = []

    def next(self, qualifies: Mapping[int, bool], why: str) -> int | None:
        while True:
            # a list holding several seats of the round (its full seats) is one option
            candidates = list(dict.fromkeys(n for n in self._open if qualifies[n]))
            if candidates:
                break
            if not self._rounds:
                return None
            self._open = list(self._rounds.pop(0))
        chosen = candidates[0]
        if len(candidates) > 1:
            chosen = self._lots.draw(self._article, tuple(candidates), why)
        self._open.remove(chosen)
        return chosen


# =========================================================================== P 16 – P 18


@dataclass
class GroupOutcome:
    """Who sits on which list of the group: ``on_preference`` (P 16, in order of placement),
    ``elected`` (every person elected on the list), ``seats`` per list after P 16 lid 2 and
    P 13, and how each moved seat moved."""

    on_preference: dict[int, list[int]]
    elected: dict[int, set[int]]
    seats: dict[int, int]
    forfeits: list[tuple[str, int, int]] = field(default_factory=list)  # person, to, from
    transfers: list[tuple[int, int]] = field(default_factory=list)  # from, to
    doubles: list[tuple[str, tuple[int, ...], int]] = field(default_factory=list)
    """P 18 lid 1: (person, the lists electing them in list order at once, the list kept)."""


def _votes(unit: Unit, person: str) -> int | None:
    return next((c.votes for c in unit.candidates or () if c.key == person), None)


def _most_votes(units: Sequence[Unit], person: str) -> Unit:
    """P 16 lid 1, P 18 lid 1: the list with the most votes for ``person``; equal: the list
    of the lowest-numbered kieskring."""
    best = units[0]
    for unit in units[1:]:
        here, there = _votes(unit, person) or 0, _votes(best, person) or 0
        if here > there or (here == there and unit.district < best.district):
            best = unit
    return best


def _position(unit: Unit, person: str) -> int:
    return next(c.number for c in unit.candidates or () if c.key == person)


def elect_group(
    party: Party,
    lists: Sequence[Unit],
    order: SeatOrder,
    preferred: Sequence[str],
    summed: Mapping[str, int],
    lots: GroupLots,
) -> GroupOutcome:
    """P 16 – P 18 (with P 13) for one group: ``preferred`` are the persons elected on
    preference (P 15), ``summed`` their votes over the group's lists."""
    dead = {k for k, c in zip(party.keys, party.candidates or (), strict=True) if c.deceased}
    seats = dict(order.held)
    free = dict(order.held)
    outcome = GroupOutcome({u.number: [] for u in lists}, {u.number: set() for u in lists}, seats)
    back = _Walk(order.back, "P 16 lid 2", lots)
    elected: set[str] = set()

    def sit(unit: Unit, person: str) -> None:
        elected.add(person)
        outcome.elected[unit.number].add(_position(unit, person))

    # P 16, a round of equal votes at a time (P 15 elects them in order of votes).
    by_votes = sorted(set(preferred), key=lambda p: -summed[p])
    levels = sorted({summed[p] for p in by_votes}, reverse=True)
    rounds = [[p for p in by_votes if summed[p] == level] for level in levels]
    for waiting in rounds:
        while True:
            wish: dict[str, Unit] = {}
            for person in waiting:
                open_lists = [u for u in lists if _votes(u, person) is not None and free[u.number]]
                if open_lists:
                    wish[person] = _most_votes(open_lists, person)
            if not wish:
                break
            for unit in lists:
                wanting = sorted(
                    (p for p in waiting if wish.get(p) is unit), key=lambda p: _position(unit, p)
                )
                for person in wanting[: free[unit.number]]:
                    free[unit.number] -= 1
                    sit(unit, person)
                    outcome.on_preference[unit.number].append(_position(unit, person))
                    waiting.remove(person)
        for person in waiting:  # P 16 lid 2
            unit = _most_votes([u for u in lists if _votes(u, person) is not None], person)
            donor = back.next(
                {n: free[n] > 0 for n in free},
                f"P 16 lid 2: kandidaat {person!r} krijgt een zetel op lijst {unit.number}, die "
                "een andere lijst afstaat",
            )
            if donor is None:
                # every seat of a lawful distribution is in the walk (full seats once per seat);
                # a claimed distribution that is not lawful can leave none, and the rules on
                # the seats reject that answer
                continue
            free[donor] -= 1
            seats[donor] -= 1
            seats[unit.number] += 1
            sit(unit, person)
            outcome.on_preference[unit.number].append(_position(unit, person))
            outcome.forfeits.append((person, unit.number, donor))

    # P 17, P 18 (and P 13 for a list whose candidates are all elected).
    forward = _Walk(order.forward, "P 13", lots)

    def not_yet_elected(unit: Unit) -> list[ListCandidate]:
        return [c for c in unit.candidates or () if c.key not in dead and c.key not in elected]

    by_district = sorted(lists, key=lambda u: (u.district, u.number))
    given_up: set[int] = set()
    while any(free[u.number] > 0 and u.number not in given_up for u in lists):
        for unit in by_district:
            while free[unit.number] > 0 and not not_yet_elected(unit):
                room = {u.number: free[u.number] < len(not_yet_elected(u)) for u in lists}
                to = forward.next(
                    room, f"P 13: een zetel van lijst {unit.number} gaat naar een andere lijst"
                )
                if to is None:
                    given_up.add(unit.number)
                    break
                free[unit.number] -= 1
                seats[unit.number] -= 1
                free[to] += 1
                seats[to] += 1
                outcome.transfers.append((unit.number, to))
        chosen_by: dict[str, list[Unit]] = {}
        for unit in lists:
            for c in not_yet_elected(unit)[: free[unit.number]]:
                chosen_by.setdefault(c.key, []).append(unit)
        if not chosen_by:
            break
        for person, units in chosen_by.items():
            keep = _most_votes(units, person)
            free[keep.number] -= 1
            sit(keep, person)
            if len(units) > 1:
                outcome.doubles.append((person, tuple(u.number for u in units), keep.number))
    return outcome


def _judge(ctx: Context) -> Iterator[str]:
    if not isinstance(ctx, DistrictContext) or ctx.claim.status == "needs_lot":
        return  # a needs_lot question: spec.rules.district_final
    yield from _list_level_groups(ctx)
    yield from _moves_of_no_group(ctx)
    moves_stated = ctx.states("double_elections") or ctx.states("transfers")
    for dctx, party, party_seats in candidate_parties(ctx):
        if not party.is_group:
            continue
        if not dctx.states("elected_on_preference"):
            # Without the trace, the final claim: spec.rules.district_final; a stated
            # double_elections or transfers is held against the lawful outcome.
            lawful = dctx.lawful.parties.get(party.number) if moves_stated else None
            if lawful is not None and lawful.group is not None:
                yield from _moves(dctx, party.number, lawful.group)
            continue
        lists = [dctx.structure.units[n] for n in party.units]
        votes = {u.number: u.votes for u in lists}
        limit = {u.number: u.seat_limit or 0 for u in lists}
        summed = {k: c.votes for k, c in zip(party.keys, party.candidates or (), strict=True)}
        if sum(votes.values()) == 0:
            continue  # seats for a group without votes: the allocation over lists says so
        lots = GroupLots(dctx.district.lots, party.number)
        preferred = [k for k, _ in elected_persons(dctx, party, dctx.on_preference)]
        try:
            order = seat_order(votes, party_seats, limit, lots)
            stated = {n: _row_seats(dctx, party.number, n) for n in votes}
            if dctx.states("distributions") and any(order.held[n] != stated[n] for n in votes):
                # P 12 / P 13 themselves differ. Rule P12.2-largest-remainder names a wrong
                # remainder seat; a seat passed on by P 13 (a list at its number of candidates)
                # is named here, so no wrong distribution goes unnamed.
                yield (
                    f"lijstengroep {party.number}: P 12 en P 13 geven haar lijsten (lijst: "
                    f"zetels) {', '.join(f'{n}: {order.held[n]}' for n in sorted(votes))} "
                    "(volle zetels tot het aantal kandidaten van elke lijst, dan de overschotten, "
                    "dan de grootste gemiddelden voor de zetels die overgaan); de verdeling in de "
                    f"uitkomst vermeldt {', '.join(f'{n}: {stated[n]}' for n in sorted(votes))}"
                )
                continue
            outcome = elect_group(party, lists, order, preferred, summed, lots)
        except LotUndecided as undecided:
            yield (
                f"lijstengroep {party.number}: {undecided.why}: de lijsten "
                f"{enumeration(undecided.options)} komen samen in aanmerking en de wet geeft "
                f"geen volgorde tussen hen ({undecided.article}): het lot beslist; de uitkomst "
                "moet erom vragen (needs_lot), er is geen loting gegeven"
            )
            continue
        departures = list(_compare(dctx, party, lists, outcome))
        yield from departures or _moves(dctx, party.number, outcome)


def _moves(ctx: DistrictContext, party: int, outcome: GroupOutcome) -> Iterator[str]:
    """P 18 lid 1 and P 13 with P 18 lid 3, where the result states them (``double_elections``,
    ``transfers``): for lijstengroep ``party``, the same entries as the replay ``outcome``
    makes, in any order."""
    if ctx.states("double_elections"):
        stated = [d for d in ctx.claim.double_elections if d.party == party]
        got = Counter((d.candidate, tuple(sorted(d.lists or ())), d.kept) for d in stated)
        want: Counter[tuple[str | None, tuple[int, ...], int | None]] = Counter(
            (p, tuple(sorted(lists)), kept) for p, lists, kept in outcome.doubles
        )
        if got != want or any(d.lists is None for d in stated):
            yield (
                f"lijstengroep {party}: P 18 lid 1: een kandidaat die op volgorde van de lijst "
                "door meer lijsten van de groep gekozen wordt, geldt als gekozen op de lijst met "
                "de meeste stemmen op de kandidaat (bij gelijke stemmen: de laagste kieskring): "
                f"{_doubles(want) or 'geen kandidaat'}; de uitkomst vermeldt in "
                f"double_elections {_doubles(got) or 'geen'}"
            )
    if ctx.states("transfers"):
        moved = Counter((t.from_list, t.to_list) for t in ctx.claim.transfers if t.party == party)
        lawful: Counter[tuple[int | None, int | None]] = Counter(outcome.transfers)
        if moved != lawful:
            yield (
                f"lijstengroep {party}: P 13 met P 18 lid 3 (een zetel waarvoor de lijst geen "
                "nog niet gekozen kandidaat meer heeft, gaat door voortgezette toepassing van "
                "P 12 / P 13 naar een andere lijst van de groep): "
                f"{_transfers(lawful) or 'geen zetel gaat over'}; de uitkomst vermeldt in "
                f"transfers {_transfers(moved) or 'geen'}"
            )


def _replay(dctx: DistrictContext, party: Party, seats: int) -> GroupOutcome | None:
    """Who sits where in lijstengroep ``party`` by the law (P 12, P 13, P 16 - P 18): with the
    persons the result elects on preference where it states them (``elected_on_preference``,
    judged by P15.2), else the lawful outcome (``spec.rules.district_final``). ``None`` where
    the law asks a lot that was not supplied (named by the other rules)."""
    if not dctx.states("elected_on_preference"):
        lawful = dctx.lawful.parties.get(party.number)
        return lawful.group if lawful is not None else None
    lists = [dctx.structure.units[n] for n in party.units]
    votes = {u.number: u.votes for u in lists}
    if sum(votes.values()) == 0:
        return None
    limit = {u.number: u.seat_limit or 0 for u in lists}
    summed = {k: c.votes for k, c in zip(party.keys, party.candidates or (), strict=True)}
    preferred = [k for k, _ in elected_persons(dctx, party, dctx.on_preference)]
    lots = GroupLots(dctx.district.lots, party.number)
    try:
        order = seat_order(votes, seats, limit, lots)
        return elect_group(party, lists, order, preferred, summed, lots)
    except LotUndecided:
        return None


Placed = tuple[str | None, int | None, str | None, int | None, int | None, int | None, int | None]


def stated_placements(ctx: Context) -> Iterator[str]:
    """P 16, where the result states its ``placements``: one entry per candidate of a
    lijstengroep elected on preference, with the list the candidate counts as elected on
    (lid 1: the list with the most votes for them that has a seat left, equal votes the
    lowest kieskring; lid 2: where none has, the list with the most votes, ``forfeited_from``
    the list whose last-allocated free seat lapses), the candidate's number on that list
    (``position``) and the votes for them on it (``votes``), as the law's replay has them;
    in any order. An entry for a party that is no lijstengroep with seats and candidates is
    wrong too (P 16 places only the candidates of a group)."""
    if not isinstance(ctx, DistrictContext) or not ctx.states("placements"):
        return
    stated = ctx.claim.placements
    groups = set()
    for dctx, party, seats in candidate_parties(ctx):
        if not party.is_group:
            continue
        groups.add(party.number)
        outcome = _replay(dctx, party, seats)
        if outcome is None:
            continue
        lost = {person: frm for person, _, frm in outcome.forfeits}
        want: Counter[Placed] = Counter()
        for unit in (dctx.structure.units[n] for n in party.units):
            for position in outcome.on_preference[unit.number]:
                c = next(c for c in unit.candidates or () if c.number == position)
                article = "P 16 lid 2" if c.key in lost else "P 16 lid 1"
                frm = lost.get(c.key)
                want[(article, party.number, c.key, unit.number, position, c.votes, frm)] += 1
        got: Counter[Placed] = Counter(
            (p.article, p.party, p.candidate, p.list, p.position, p.votes, p.forfeited_from)
            for p in stated
            if p.party == party.number
        )
        if _placed_where(got) != _placed_where(want) or _forfeits(got) != _forfeits(want):
            yield (
                f"lijstengroep {party.number}: P 16 plaatst de met voorkeurstemmen gekozen "
                f"kandidaten {_placed(want)}; de uitkomst vermeldt in placements "
                f"{_placed(got)}"
            )
    for number in sorted({p.party for p in stated if p.party not in groups}, key=str):
        yield (
            f"placements noemt partij {number}, maar dat is geen lijstengroep met zetels en "
            "kandidaten: alleen daarin plaatst P 16 een kandidaat op een van haar lijsten"
        )


def _placed_where(entries: Counter[Placed]) -> Counter[Placed]:
    """The placements without the list whose seat lapses: who sits where, on which article."""
    out: Counter[Placed] = Counter()
    for (article, party, candidate, unit, position, votes, _), count in entries.items():
        out[(article, party, candidate, unit, position, votes, None)] += count
    return out


def _forfeits(entries: Counter[Placed]) -> Counter[tuple[int | None, int | None]]:
    """P 16 lid 2: for each list placed on, the lists whose seats lapse, as a multiset. Which
    of several candidates placed on one list by lid 2 took which lapsed seat is bookkeeping
    (candidates with equal votes have no order among them in P 16), so it is not compared."""
    out: Counter[tuple[int | None, int | None]] = Counter()
    for (article, _, _, unit, _, _, frm), count in entries.items():
        if article == "P 16 lid 2":
            out[(unit, frm)] += count
    return out


def _placed(entries: Counter[Placed]) -> str:
    text = "; ".join(
        f"{candidate!r} op lijst {unit} als kandidaat {position} met {votes} stemmen ({article}"
        + (f", lijst {frm} staat een zetel af" if frm is not None else "")
        + ")"
        for (article, _, candidate, unit, position, votes, frm), count in sorted(
            entries.items(), key=str
        )
        for _ in range(count)
    )
    return text or "geen"


def _doubles(entries: Counter[tuple[str | None, tuple[int, ...], int | None]]) -> str:
    return "; ".join(
        f"{person!r} gekozen op de lijsten {enumeration(lists)}, telt op lijst {kept}"
        for (person, lists, kept), count in sorted(entries.items(), key=str)
        for _ in range(count)
    )


def _transfers(entries: Counter[tuple[int | None, int | None]]) -> str:
    return "; ".join(
        f"een zetel van lijst {frm} gaat naar lijst {to}"
        for (frm, to), count in sorted(entries.items(), key=str)
        for _ in range(count)
    )


def _moves_of_no_group(ctx: DistrictContext) -> Iterator[str]:
    """``double_elections`` and ``transfers`` entries of a party that is no lijstengroep with
    seats and candidates: P 18 lid 1 and P 13 with P 18 lid 3 happen only inside one."""
    groups = {party.number for _, party, _ in candidate_parties(ctx) if party.is_group}
    for name, parties in (
        ("double_elections", [d.party for d in ctx.claim.double_elections]),
        ("transfers", [t.party for t in ctx.claim.transfers]),
    ):
        for number in sorted({p for p in parties if p not in groups}, key=str):
            yield (
                f"{name} noemt partij {number}, maar dat is geen lijstengroep met zetels en "
                "kandidaten: alleen daarin wordt een kandidaat door meer lijsten gekozen "
                "(P 18 lid 1) of gaat een zetel naar een andere lijst over (P 13 met P 18 lid 3)"
            )


def _list_level_groups(ctx: Context) -> Iterator[str]:
    """P 12 and P 13 for a group given at list level (no candidates to seat): its lists hold
    the seats the replay gives them, a list at its number of candidates included."""
    if not isinstance(ctx, DistrictContext) or not ctx.district_completed:
        return
    if not ctx.states("distributions"):
        return  # the final claim: spec.rules.district_final
    for party in ctx.structure.parties.values():
        seats = ctx.party_seats.get(party.number, 0)
        if not party.is_group or party.candidates is not None or seats <= 0:
            continue
        lists = [ctx.structure.units[n] for n in party.units]
        if any(u.seat_limit is None for u in lists) or sum(u.votes for u in lists) == 0:
            continue  # no limit to pass seats on from: rule P12.2-largest-remainder suffices
        votes = {u.number: u.votes for u in lists}
        limit = {u.number: u.seat_limit or 0 for u in lists}
        try:
            order = seat_order(votes, seats, limit, GroupLots(ctx.district.lots, party.number))
        except LotUndecided:
            continue  # a lot the result should have asked for: rule P12.2-largest-remainder
        stated = {n: _row_seats(ctx, party.number, n) for n in votes}
        if any(order.held[n] != stated[n] for n in votes):
            yield (
                f"lijstengroep {party.number}: P 12 en P 13 geven haar lijsten (lijst: zetels) "
                f"{', '.join(f'{n}: {order.held[n]}' for n in sorted(votes))}; de verdeling in "
                f"de uitkomst vermeldt {', '.join(f'{n}: {stated[n]}' for n in sorted(votes))}"
            )


def _row_seats(ctx: DistrictContext, party: int, unit: int) -> int | None:
    found = ctx.distribution("group", party)
    for row in found.rows if found is not None else ():
        if row.member == unit:
            return row.seats
    return None


def _compare(
    ctx: DistrictContext, party: Party, lists: Sequence[Unit], outcome: GroupOutcome
) -> Iterator[str]:
    for unit in lists:
        n = unit.number
        stated_pref = list(ctx.on_preference.get(n, ()))
        if sorted(stated_pref) != sorted(outcome.on_preference[n]):
            yield (
                f"lijstengroep {party.number}, lijst {n}: P 16 plaatst de met voorkeurstemmen "
                f"gekozen kandidaten {sorted(outcome.on_preference[n])} op deze lijst; de "
                f"uitkomst plaatst er {sorted(stated_pref)}"
            )
            return
    for unit in lists:
        n = unit.number
        if ctx.unit_seats.get(n) != outcome.seats[n]:
            moves = [
                f"{p!r} op lijst {to} neemt de zetel van lijst {f}" for p, to, f in outcome.forfeits
            ]
            moves += [
                f"een zetel van lijst {frm} gaat naar lijst {to}" for frm, to in outcome.transfers
            ]
            yield (
                f"lijstengroep {party.number}, lijst {n}: na P 16 lid 2 en P 13 heeft zij "
                f"{plural(outcome.seats[n], 'zetel', 'zetels')} "
                f"({'; '.join(moves) or 'geen zetel verschuift'}); de uitkomst vermeldt "
                f"{ctx.unit_seats.get(n)}"
            )
            return
    for unit in lists:
        n = unit.number
        stated = set(ctx.elected.get(n, ()))
        if stated != outcome.elected[n]:
            yield (
                f"lijstengroep {party.number}, lijst {n}: P 17 en P 18 kiezen "
                f"{sorted(outcome.elected[n])} (elke zetel voor de eerste nog niet gekozen "
                "kandidaat van de lijst; wie door meer lijsten gekozen wordt, telt op de lijst "
                f"met de meeste stemmen op de kandidaat); de uitkomst kiest {sorted(stated)}"
            )
            return


RULES: tuple[Rule, ...] = (
    Rule(
        "P16-P18-group-candidates",
        "P 13, P 16, P 17, P 18",
        "The seats of a lijstengroep go to persons list by list: a preference-elected candidate "
        "to the list with the most votes for them that has a seat left (P 16 lid 1), else to "
        "that list with the last-allocated free seat of the group forfeited, each next one "
        "further back (lid 2; among free full seats the lot); the other seats to each list's "
        "candidates not yet elected in list order, a candidate chosen by several lists counting "
        "on the one with the most votes (P 17, P 18); a seat no candidate of its list can take "
        "passes on by continued application of P 12 / P 13. Where the result states them, its "
        "double_elections (P 18 lid 1) and transfers (P 13 with P 18 lid 3) are those moves.",
        with_final("P16-P18-group-candidates", _judge),
    ),
)
