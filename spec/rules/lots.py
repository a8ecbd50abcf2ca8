"""Ties and lots (loting): P 7 lid 3, P 8 lid 4, P 9 lid 2 and P 15 lid 1.

Kieswet (BWBR0004627), consolidated text of 2026-01-01. Where lists tie for residual seats
(P 7 lid 3, P 8 lid 4), where lists that received the last residual seats on the same value must
give one up under P 9 (lid 2), and where candidates tie on preference votes (P 15 lid 1), "beslist
het lot". The lot is drawn in public, never by the software: a result asks for it (``needs_lot``)
and the drawn outcome comes back in the input. A tie with a seat for every tied list needs no lot
and is served in list order.
"""

from __future__ import annotations

from collections.abc import Iterator

from spec.claims import LotClaim
from spec.rules.base import (
    Rule,
    join,
    show,
)
from spec.rules.candidates import candidate_lots_followed
from spec.rules.replay import Context, Replay, State


def _tie_order(ctx: Context) -> Iterator[str]:
    replay = ctx.replay
    if replay is None:
        yield from ctx.departures_for("TIE-list-order")
        return
    for d in replay.decisions:
        if len(d.tied) < 2 or d.decisive or d.winner not in d.tied:
            continue
        if d.winner != min(d.tied):
            yield (
                f"{d.label}: lists {join(d.tied)} tie at {d.value_word} {show(d.winner_value)} "
                f"and each gets a seat, so they are served in list order; list {min(d.tied)} "
                f"comes before list {d.winner}"
            )


def _lot_decisive(ctx: Context) -> Iterator[str]:
    replay = ctx.replay
    if replay is None:
        yield from ctx.departures_for("LOT-decisive")
    else:
        for d in replay.decisions:
            if d.claim.lot and not d.decisive:
                if len(d.tied) < 2:
                    yield (
                        f"{d.label}: the result records a lot, but list "
                        f"{join(d.tied) or '-'} alone had the greatest {d.value_word}"
                    )
                else:
                    yield (
                        f"{d.label}: the result records a lot, but lists {join(d.tied)} tie for "
                        f"{d.remaining} remaining seat(s): the tie is not decisive"
                    )
            if d.decisive and not d.claim.lot and d.winner in d.tied:
                yield (
                    f"{d.label}: lists {join(d.tied)} tie at {d.value_word} "
                    f"{show(d.winner_value)} for {d.remaining} remaining seat(s); the lot must "
                    "decide, but the result records none"
                )
        point = replay.majority
        if point is not None and point.claim is not None:
            decisive = point.applies and len(point.group) > 1
            if point.claim.lot and not decisive:
                yield (
                    f"P 9: the result records a lot for the list that gives up a seat, but only "
                    f"list {join(point.group)} received the last residual seat(s)"
                )
            if decisive and not point.claim.lot:
                yield (
                    f"P 9: lists {join(point.group)} received the last residual seats on the same "
                    f"value {show(point.value or 0)}; the lot must decide which gives one up"
                )
    if ctx.result.status == "needs_lot" and ctx.result.lot is not None:
        yield from _lot_question(ctx, ctx.result.lot)


def _lot_question(ctx: Context, lot: LotClaim) -> Iterator[str]:
    """A *needs lot* question must name options that really tie, and the tie must be decisive."""
    options = tuple(sorted(lot.options))
    if lot.kind == "residual_seat":
        d = ctx.pending
        if d is None:
            if ctx.replay is None:
                return
            yield "the lot question cannot be placed after the result's steps"
            return
        if d.remaining <= 0:
            yield (
                f"a lot is asked for a residual seat between lists {join(options)}, but all "
                "residual seats of this phase have been assigned"
            )
            return
        if options != tuple(sorted(d.tied)):
            described = ", ".join(
                f"list {n} {show(v)}" for n, v in d.values.items() if n in options
            )
            yield (
                f"the lot for {d.label} names lists {join(options)}, but the lists with the "
                f"greatest {d.value_word} are {join(d.tied)} ({described})"
            )
        elif len(d.tied) <= d.remaining:
            yield (
                f"the lot for {d.label} between lists {join(options)} is not decisive: "
                f"{d.remaining} seat(s) remain for {len(d.tied)} tied lists"
            )
        if lot.value is not None and d.values and lot.value != d.winner_value:
            yield (
                f"the lot for {d.label} states value {show(lot.value)}, the greatest "
                f"{d.value_word} is {show(d.winner_value)}"
            )
    elif lot.kind == "absolute_majority":
        replay = ctx.replay
        point = replay.majority if replay is not None else None
        if replay is None:
            return
        if point is None:
            state = replay.state
            if state is None:
                return
            point = ctx.majority_at(
                Replay(),
                State(dict(state.held), dict(state.full), awards=list(state.awards)),
                None,
            )
        if not point.applies:
            yield "a P 9 lot is asked, but no list qualifies for a seat under P 9"
        elif options != point.group or len(point.group) < 2:
            yield (
                f"the P 9 lot names lists {join(options)}, but the last residual seat(s) on "
                f"the same value went to list(s) {join(point.group)}"
            )
    else:
        yield from _candidate_question(ctx, lot, options)


def _candidate_question(ctx: Context, lot: LotClaim, options: tuple[int, ...]) -> Iterator[str]:
    number = lot.list
    seats = ctx.result.seats
    if number is None or number not in ctx.lists or seats is None:
        yield "a candidate lot must name a list of the input"
        return
    lst = ctx.lists[number]
    by_number = {c.number: c for c in lst.candidates or ()}
    chosen = [by_number.get(n) for n in options]
    if any(c is None or c.deceased for c in chosen) or not options:
        yield (
            f"the candidate lot on list {number} names candidates {join(options)}, not all "
            "living candidates of the list"
        )
        return
    t = ctx.threshold()
    votes = {c.votes for c in chosen if c is not None}
    if len(votes) != 1 or min(votes) <= t:
        detail = ", ".join(f"candidate {c.number} {c.votes}" for c in chosen if c is not None)
        yield (
            f"the candidate lot on list {number} names candidates that do not tie above the "
            f"threshold {show(t)} ({detail})"
        )
        return
    v = min(votes)
    above = [c for c in lst.candidates or () if not c.deceased and c.votes > t]
    group = [c.number for c in above if c.votes == v]
    drawn = [lot_.drawn for lot_ in ctx.lots_of("candidate", number) if lot_.drawn in group]
    remaining = [n for n in group if n not in drawn]
    start = sum(1 for c in above if c.votes > v) + len(drawn)
    inside = max(0, min(start + len(remaining), seats.get(number, 0)) - start)
    if tuple(remaining) != options:
        yield (
            f"the candidate lot on list {number} names {join(options)}, but the candidates tied "
            f"at {v} votes and not yet drawn are {join(remaining)}"
        )
    decisive = 0 < inside < len(remaining)
    if ctx.election.profile.candidate_lot_always:
        decisive = inside > 0 and len(remaining) > 1
    if not decisive:
        yield (
            f"the candidate lot on list {number} between {join(options)} is not decisive: "
            f"{inside} of the list's seats fall to these {len(remaining)} candidates"
        )


def _lot_drawn(ctx: Context) -> Iterator[str]:
    replay = ctx.replay
    residual_lots = ctx.lots_of("residual_seat")
    majority_lots = ctx.lots_of("absolute_majority")
    if replay is None:
        yield from ctx.departures_for("LOT-drawn")
    else:
        for d in replay.decisions:
            if not d.decisive or d.winner not in d.tied:
                continue
            if d.lot is None:
                yield (
                    f"{d.label}: lists {join(d.tied)} tie for {d.remaining} seat(s) and no "
                    "supplied lot decides it; the result should ask for one (needs_lot)"
                )
            elif tuple(sorted(d.lot.options)) != tuple(sorted(d.tied)):
                yield (
                    f"{d.label}: the supplied lot between lists {join(d.lot.options)} does not "
                    f"answer the tie between lists {join(d.tied)}"
                )
            elif d.lot.drawn != d.winner:
                yield (
                    f"{d.label}: the lot fell on list {d.lot.drawn}, but the seat went to "
                    f"list {d.winner}"
                )
        point = replay.majority
        claim = None if point is None else point.claim
        drawn = None if point is None or point.lot is None else point.lot.drawn
        if claim is not None and drawn is not None and drawn != claim.from_list:
            yield (
                f"P 9: the lot fell on list {drawn} to give up a seat, but the seat was taken "
                f"from list {claim.from_list}"
            )
        if ctx.completed or (ctx.result.lot is not None and ctx.result.lot.kind == "candidate"):
            if replay.residual_lots_used < len(residual_lots):
                yield (
                    f"{len(residual_lots) - replay.residual_lots_used} supplied residual-seat "
                    "lot(s) answer no decisive tie in the result's steps"
                )
            if replay.majority_lots_used < len(majority_lots):
                yield "a supplied P 9 lot answers no decisive P 9 question in the result's steps"
    lot = ctx.result.lot
    if ctx.result.status == "needs_lot" and lot is not None and replay is not None:
        if lot.kind == "residual_seat" and replay.residual_lots_used < len(residual_lots):
            yield "a lot is asked for a residual seat although the input supplies one unused"
        if lot.kind == "absolute_majority" and replay.majority_lots_used < len(majority_lots):
            yield "a P 9 lot is asked although the input supplies one unused"
    if ctx.completed:
        for problems in ctx.candidate_lot_problems.values():
            yield from problems
        yield from candidate_lots_followed(ctx)


RULES: tuple[Rule, ...] = (
    Rule(
        "TIE-list-order",
        "P 7 lid 3, P 8 lid 4",
        "Lists that tie for residual seats enough for all of them need no lot; they are served "
        "in ascending list number.",
        _tie_order,
    ),
    Rule(
        "LOT-decisive",
        "P 7 lid 3, P 8 lid 4, P 9 lid 2, P 15 lid 1",
        "The lot (loting) decides exactly the decisive ties: options that really tie for fewer "
        "seats than there are of them; a tie that is not decisive needs no lot.",
        _lot_decisive,
    ),
    Rule(
        "LOT-drawn",
        "P 7 lid 3, P 8 lid 4, P 9 lid 2, P 15 lid 1",
        "A decisive tie is decided as the lot drawn in public fell (supplied in the input, in "
        "order); every supplied lot answers one decisive tie.",
        _lot_drawn,
    ),
)
"""Ties and lots."""
