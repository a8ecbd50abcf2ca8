"""Seats of a lijstengroep over its lists (P 12, P 13), or of a lijstencombinatie over its members
(old P 11, P 13; law ``pre-2017-12``).

Kieswet (BWBR0004627), consolidated text of 2026-01-01; the old articles as in force until
1 December 2017. P 12: the groepskiesdeler is the group's stemcijfer divided by its seats; each
list gets as many seats as its stemcijfer contains the groepskiesdeler wholly; the rest go one
by one to the largest remainders (overschotten); a list without remainder counts as having the
smallest; equal remainders: "beslist zo nodig het lot". There is no 75% threshold and no
one-per-list cap in the text (the number of remainder seats is always smaller than the number of
lists with a remainder, so each list receives at most one of them anyway). Old P 11 does the same
for a lijstencombinatie with the combinatiekiesdeler. P 13 (old and current): a list that would
receive more seats than it has candidates passes the surplus on by continued application of
those provisions to the other lists of the group or combination; seats still left go by greatest
averages (P 13 lid 2, referring to P 7 lid 1).

All arithmetic is exact: a remainder is compared as ``votes × seats − full × total`` (the
remainder times the number of seats), an average as the pair ``(votes, seats held + 1)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from reference.lots import LotBox
from reference.words import enumeration, mixed, seats_left
from spec.districts import Distribution, DistributionKind, DistributionRow, Reassignment
from spec.model import LotKind, LotQuestion

LARGEST_REMAINDER = "largest_remainder"
GREATEST_AVERAGE = "greatest_average"


@dataclass(frozen=True, slots=True)
class Member:
    """A list of the group (or a member of the combination): stemcijfer and seat limit."""

    number: int
    votes: int
    limit: int | None


def distribute(
    kind: DistributionKind,
    owner: int,
    seats: int,
    members: Sequence[Member],
    lots: LotBox,
) -> Distribution:
    """P 12 (``kind`` ``group``) or old P 11 (``combination``), with P 13 for exhaustion.

    Full seats are capped at each member's limit; the seats that frees, and the remainder
    seats, go one at a time: first by largest remainder to members that have not had one and
    can take a seat (P 12 lid 5; P 13 lid 1, "voortgezette toepassing"), then by greatest
    average to members that can take a seat (P 13 lid 2). A decisive tie asks for a lot of kind
    ``group_seat`` / ``combination_seat`` naming ``owner``. Seats no member can take stay empty.
    """
    return distribute_in_order(kind, owner, seats, members, lots)[0]


@dataclass(frozen=True, slots=True)
class SeatOrder:
    """The order in which a group's seats were allocated, and would be allocated further.

    ``back`` (for P 16 lid 2: "de zetel die met toepassing van artikel P 12 of P 13 het laatst
    was toegewezen"): the rounds after the full seats, the last allocated first, then the lists
    that received full seats (P 12 lid 4 gives those all at once: no order among them). A round
    is the lists that received a seat at one value (equal remainders or averages allocated
    together; a seat decided by lot is a round of its own).

    ``forward`` (for P 13 when a list of the group has a seat but no candidate left to take it):
    the rounds of continued application beyond the group's seats (``_continued``): largest
    remainders for the lists that had nothing beyond their full seats (P 13 lid 1, "voortgezette
    toepassing"), then greatest averages (P 13 lid 2).
    """

    back: tuple[tuple[int, ...], ...]
    forward: tuple[tuple[int, ...], ...]


def _next_round(
    members: Sequence[Member],
    remainders: Sequence[int],
    held: Sequence[int],
    had_remainder: Sequence[bool],
) -> tuple[str, list[int], tuple[int, int]] | None:
    """The next seat's method, the members tied for it and the value (``None``: no member can
    take a seat). Largest remainder among members that had none, else greatest average."""
    open_ = [i for i, m in enumerate(members) if m.limit is None or held[i] < m.limit]
    fresh = [i for i in open_ if not had_remainder[i]]
    if fresh:
        method = LARGEST_REMAINDER
        values = {i: (remainders[i], 1) for i in fresh}
    elif open_:
        method = GREATEST_AVERAGE
        values = {i: (members[i].votes, held[i] + 1) for i in open_}
    else:
        return None
    best = max(values.values(), key=lambda v: Fraction(*v))
    tied = [i for i, v in values.items() if v[0] * best[1] == best[0] * v[1]]
    return method, tied, best


def distribute_in_order(
    kind: DistributionKind,
    owner: int,
    seats: int,
    members: Sequence[Member],
    lots: LotBox,
) -> tuple[Distribution, SeatOrder]:
    """``distribute``, with the order of the seats for P 16 lid 2 and P 13 (``SeatOrder``)."""
    article = "P 12, P 13" if kind == "group" else "P 11 (pre-2017-12), P 13"
    lot_kind: LotKind = "group_seat" if kind == "group" else "combination_seat"
    total = sum(m.votes for m in members)
    full = [m.votes * seats // total for m in members]
    remainders = [m.votes * seats - f * total for m, f in zip(members, full, strict=True)]
    held = [f if m.limit is None else min(f, m.limit) for m, f in zip(members, full, strict=True)]
    surplus_from = [
        members[i].number for i in range(len(members)) for _ in range(full[i] - held[i])
    ]
    had_remainder = [False] * len(members)
    order: list[int] = []
    rounds: list[list[int]] = []
    round_key: tuple[str, Fraction] | None = None
    lot_seats: list[int] = []
    reassigned: list[Reassignment] = []
    to_assign = seats - sum(held)
    unfilled = 0
    served: list[int] = []  # who already had a seat at the value ``served_at``
    served_at: tuple[str, Fraction] | None = None
    for step in range(to_assign):
        left = to_assign - step
        found = _next_round(members, remainders, held, had_remainder)
        if found is None:
            unfilled = left
            first = max(0, step - (to_assign - len(surplus_from)))
            reassigned.extend(Reassignment(n, None, "unfilled") for n in surplus_from[first:])
            break
        method, tied, best = found
        # Equal values share out their seats one per list before any list gets a second one at
        # that value. A list's average drops once it has a seat, so this only tells where it
        # does not: a list without votes (average 0 however many seats it holds).
        if served_at != (method, Fraction(*best)):
            served, served_at = [], (method, Fraction(*best))
        waiting = [i for i in tied if i not in served]
        if waiting:
            tied = waiting
        else:
            served = []  # every tied list had a seat at this value: the next round begins
        if len(tied) > left:
            options = tuple(members[i].number for i in tied)
            value = Fraction(best[0], best[1] * (seats if method == LARGEST_REMAINDER else 1))
            what = "overschot" if method == LARGEST_REMAINDER else "gemiddelde"
            owner_word = "lijstengroep" if kind == "group" else "lijstencombinatie"
            drawn = lots.draw(
                LotQuestion(
                    kind=lot_kind,
                    options=tuple(sorted(options)),
                    article=f"{'P 12 lid 5' if kind == 'group' else 'P 11 (pre-2017-12)'}",
                    description=(
                        f"{owner_word} {owner}: de lijsten {enumeration(options)} hebben "
                        f"hetzelfde {what} {mixed(value)} en {seats_left(left)}"
                    ),
                    list=owner,
                    value=value,
                )
            )
            winner = next(i for i in tied if members[i].number == drawn)
            lot_seats.append(len(order) + 1)
            rounds.append([members[winner].number])
            round_key = None
        else:
            winner = tied[0]
            number = members[winner].number
            if round_key == (method, Fraction(*best)) and rounds and number not in rounds[-1]:
                rounds[-1].append(number)
            else:
                rounds.append([number])
            round_key = (method, Fraction(*best))
        served.append(winner)
        held[winner] += 1
        if method == LARGEST_REMAINDER:
            had_remainder[winner] = True
        order.append(members[winner].number)
        moved = step - (to_assign - len(surplus_from))
        if moved >= 0:
            reassigned.append(Reassignment(surplus_from[moved], members[winner].number, method))
    rows = tuple(
        DistributionRow(m.number, m.votes, f, Fraction(r, seats) if seats else Fraction(0), h)
        for m, f, r, h in zip(members, full, remainders, held, strict=True)
    )
    distribution = Distribution(
        kind=kind,
        owner=owner,
        article=article,
        seats=seats,
        votes=total,
        quota=Fraction(total, seats) if seats else None,
        rows=rows,
        remainder_order=tuple(order),
        lot=tuple(lot_seats),
        reassigned=tuple(reassigned),
        unfilled=unfilled,
    )
    # P 12 lid 4 gives the full seats together: the last round of the walk back holds each
    # list once per full seat it keeps, so that P 16 lid 2 can take a second (third, ...) full
    # seat from a list, by lot where two or more lists still hold one
    full_round = tuple(
        sorted(
            m.number
            for m, f in zip(members, full, strict=True)
            for _ in range(f if m.limit is None else min(f, m.limit))
        )
    )
    back = tuple(tuple(sorted(r)) for r in reversed(rounds))
    back += (full_round,) if full_round else ()
    return distribution, SeatOrder(back, _continued(members, seats, full, held))


def _continued(
    members: Sequence[Member], seats: int, full: Sequence[int], final: Sequence[int]
) -> tuple[tuple[int, ...], ...]:
    """The rounds of continued application of P 12 / P 13 beyond the group's seats, in the order
    the Kiesraad's previous software (OSV) continues its distribution after the group's seats are
    given.

    Its procedure, restated: every list takes its full seats (P 12 lid 4); while seats are left,
    one round at a time to the largest remainder among the lists that hold exactly their full
    seats (P 12 lid 5, P 13 lid 1), else to the greatest average (P 13 lid 2), all lists tied at
    a value in one round; when no seat is left and a list holds more seats than candidates, every
    list holding at least as many seats as candidates keeps as many as it has candidates and
    takes no further part (P 13 lid 1), and the freed seats are given again. Once the group's
    seats are given, the same goes on for as many seats as the lists have candidates in all; the
    rounds of that continuation are the result. (A decisive tie while the group's own seats are
    given goes as ``final``, the seats the lists ended with, says.)
    """
    if any(m.limit is None for m in members):
        return ()
    limit = [m.limit or 0 for m in members]
    total = sum(m.votes for m in members)
    count = list(full)
    taking = set(range(len(members)))
    continuing = False
    left = seats - sum(count)
    rounds: list[tuple[int, ...]] = []
    while taking:
        if left > 0:
            plain = [i for i in sorted(taking) if count[i] == full[i]]
            if plain:
                rest = {i: members[i].votes * seats - total * count[i] for i in plain}
                top = max(rest.values())
                tied = [i for i in plain if rest[i] == top]
            else:
                avg = {i: Fraction(members[i].votes, count[i] + 1) for i in sorted(taking)}
                best = max(avg.values())
                tied = [i for i in avg if avg[i] == best]
            if not continuing and len(tied) > left:  # decided by lot: as the result has it
                tied = ([i for i in tied if final[i] > count[i]] or tied)[:left]
            for i in tied:
                count[i] += 1
            left -= len(tied)
            if continuing:
                rounds.append(tuple(sorted(members[i].number for i in tied)))
        elif any(count[i] > limit[i] for i in taking):
            for i in sorted(taking):
                if count[i] >= limit[i]:
                    left += count[i] - limit[i]
                    count[i] = limit[i]
                    taking.discard(i)
        elif not continuing:
            continuing = True
            left = sum(limit) - sum(count)
        else:
            break
    return tuple(rounds)
