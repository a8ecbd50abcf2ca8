"""Ties and lots (loting): P 7 lid 3, P 8 lid 4, P 9 lid 2 and P 15 lid 1.

Kieswet (BWBR0004627), consolidated text of 2026-01-01
(https://wetten.overheid.nl/BWBR0004627/2026-01-01). Where lists tie for residual seats
(P 7 lid 3, P 8 lid 4), where lists that received the last residual seats on the same value must
give one up under P 9 (lid 2), and where candidates tie on preference votes (P 15 lid 1), "beslist
het lot". The lot is drawn in public, never by the software: a result asks for it (``needs_lot``)
and the drawn outcome comes back in the input. A tie with a seat for every tied list needs no lot
and is served in list order.
"""

from __future__ import annotations

from collections.abc import Iterator

from spec.claims import LotClaim
from spec.rules.base import enumeration, plural, reaches_threshold, show
from spec.rules.candidates import candidate_lots_followed
from spec.rules.context import Context
from spec.rules.lawful import lawful_outcome
from spec.rules.replay import majority_point
from spec.rules.rule import Rule


def _tie_order(ctx: Context) -> Iterator[str]:
    """P 7 lid 3, P 8 lid 4: the lot decides only where lists tie for fewer seats than
    there are of them; lists that tie for enough seats for all are served in list order (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    replay = ctx.replay
    if replay is None:
        yield from ctx.departures_for("TIE-list-order")
        return
    for d in replay.decisions:
        if len(d.tied) < 2 or d.decisive or d.winner not in d.tied:
            continue
        if d.winner != min(d.tied):
            yield (
                f"{d.label}: de lijsten {enumeration(d.tied)} hebben een gelijk {d.value_word} "
                f"({show(d.winner_value)}) en krijgen elk een zetel, dus op volgorde van "
                f"lijstnummer; lijst {min(d.tied)} komt voor lijst {d.winner}"
            )


def _lot_decisive(ctx: Context) -> Iterator[str]:
    """P 7 lid 3, P 8 lid 4, P 9 lid 2, P 15 lid 1: "beslist het lot" exactly where a tie
    decides: a result claims or asks for a lot only for options that really tie for fewer seats
    than there are of them, and never goes past such a tie without one (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    replay = ctx.replay
    if replay is None:
        yield from ctx.departures_for("LOT-decisive")
    else:
        for d in replay.decisions:
            if d.claim.lot and not d.decisive:
                if len(d.tied) < 2:
                    yield (
                        f"{d.label}: de uitkomst vermeldt een loting, maar alleen lijst "
                        f"{enumeration(d.tied) or '-'} had het grootste {d.value_word}"
                    )
                else:
                    yield (
                        f"{d.label}: de uitkomst vermeldt een loting, maar de lijsten "
                        f"{enumeration(d.tied)} staan gelijk voor "
                        f"{plural(d.remaining, 'resterende zetel', 'resterende zetels')}: de "
                        "gelijke stand is niet beslissend"
                    )
            if d.decisive and not d.claim.lot and d.winner in d.tied:
                yield (
                    f"{d.label}: de lijsten {enumeration(d.tied)} hebben een gelijk "
                    f"{d.value_word} ({show(d.winner_value)}) voor "
                    f"{plural(d.remaining, 'resterende zetel', 'resterende zetels')}; het lot "
                    "moet beslissen, maar de uitkomst vermeldt geen loting"
                )
        point = replay.majority
        if point is not None and point.claim is not None:
            decisive = point.applies and len(point.group) > 1
            if point.claim.lot and not decisive:
                yield (
                    f"P 9: de uitkomst vermeldt een loting voor de lijst die een zetel afstaat, "
                    f"maar alleen lijst {enumeration(point.group)} kreeg de laatste restzetel"
                )
            if decisive and not point.claim.lot:
                yield (
                    f"P 9: de lijsten {enumeration(point.group)} kregen hun laatste restzetel op "
                    f"gelijke waarde ({show(point.value or 0)}); het lot moet beslissen welke "
                    "lijst een zetel afstaat"
                )
    if ctx.result.status == "needs_lot" and ctx.result.lot is not None:
        yield from _lot_question(ctx, ctx.result.lot)


def _lot_question(ctx: Context, lot: LotClaim) -> Iterator[str]:
    """P 7 lid 3, P 8 lid 4, P 9 lid 2, P 15 lid 1: a *needs lot* question must name options
    that really tie, and the tie must be decisive (Kieswet, https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    options = tuple(sorted(lot.options))
    if lot.kind == "residual_seat":
        d = ctx.pending
        if d is None:
            if ctx.replay is None:
                return
            yield "de lotingsvraag past niet na de stappen van de uitkomst"
            return
        if d.remaining <= 0:
            yield (
                f"er wordt om een loting voor een restzetel tussen de lijsten "
                f"{enumeration(options)} gevraagd, maar alle restzetels van deze fase zijn "
                "toegewezen"
            )
            return
        if options != tuple(sorted(d.tied)):
            described = ", ".join(
                f"lijst {n} {show(v)}" for n, v in d.values.items() if n in options
            )
            yield (
                f"de loting voor {d.label} noemt de lijsten {enumeration(options)}, maar de "
                f"lijsten met het grootste {d.value_word} zijn {enumeration(d.tied)} "
                f"({described})"
            )
        elif len(d.tied) <= d.remaining:
            yield (
                f"de loting voor {d.label} tussen de lijsten {enumeration(options)} is niet "
                f"beslissend: er {'blijft' if d.remaining == 1 else 'blijven'} "
                f"{plural(d.remaining, 'zetel', 'zetels')} over voor {len(d.tied)} gelijk "
                "staande lijsten"
            )
        if lot.value is not None and d.values and lot.value != d.winner_value:
            yield (
                f"de loting voor {d.label} vermeldt de waarde {show(lot.value)}, het grootste "
                f"{d.value_word} is {show(d.winner_value)}"
            )
    elif lot.kind == "absolute_majority":
        replay = ctx.replay
        point = replay.majority if replay is not None else None
        if replay is None:
            return
        if point is None:
            state = replay.state
            point = majority_point(ctx.election, state, None, None)
        if not point.applies:
            yield (
                "er wordt om een loting onder P 9 gevraagd, maar geen lijst komt in aanmerking "
                "voor een zetel onder P 9"
            )
        elif options != point.group or len(point.group) < 2:
            yield (
                f"de loting onder P 9 noemt de lijsten {enumeration(options)}, maar de laatste "
                f"restzetels op gelijke waarde gingen naar lijst {enumeration(point.group)}"
            )
    else:
        yield from _candidate_question(ctx, lot, options)


def _candidate_question(ctx: Context, lot: LotClaim, options: tuple[int, ...]) -> Iterator[str]:
    """P 15 lid 1: a candidate lot asked for names living candidates of one list with equal
    votes above the voorkeurdrempel whose order decides who is elected (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    number = lot.list
    seats = ctx.result.seats
    if number is None or number not in ctx.lists or seats is None:
        yield "een kandidatenloting moet een lijst van de invoer noemen"
        return
    lst = ctx.lists[number]
    by_number = {c.number: c for c in lst.candidates or ()}
    chosen = [by_number.get(n) for n in options]
    if any(c is None or c.deceased for c in chosen) or not options:
        yield (
            f"de kandidatenloting op lijst {number} noemt de kandidaten {enumeration(options)}, "
            "niet allemaal levende kandidaten van de lijst"
        )
        return
    t = ctx.threshold()
    kind = ctx.election.kind
    votes = {c.votes for c in chosen if c is not None}
    if len(votes) != 1 or not reaches_threshold(min(votes), t, kind):
        detail = ", ".join(f"kandidaat {c.number} {c.votes}" for c in chosen if c is not None)
        yield (
            f"de kandidatenloting op lijst {number} noemt kandidaten die niet gelijk staan "
            + (
                f"op of boven de kiesdeler {show(t)} (U 15 lid 3)"
                if kind == "EK"
                else f"boven de voorkeurdrempel {show(t)}"
            )
            + f" ({detail})"
        )
        return
    v = min(votes)
    above = [
        c for c in lst.candidates or () if not c.deceased and reaches_threshold(c.votes, t, kind)
    ]
    group = [c.number for c in above if c.votes == v]
    drawn = [lot_.drawn for lot_ in ctx.lots_of("candidate", number) if lot_.drawn in group]
    remaining = [n for n in group if n not in drawn]
    start = sum(1 for c in above if c.votes > v) + len(drawn)
    inside = max(0, min(start + len(remaining), seats.get(number, 0)) - start)
    if tuple(remaining) != options:
        yield (
            f"de kandidatenloting op lijst {number} noemt {enumeration(options)}, maar de "
            f"kandidaten met elk {plural(v, 'stem', 'stemmen')} die nog niet zijn geloot, zijn "
            f"{enumeration(remaining)}"
        )
    decisive = 0 < inside < len(remaining)
    if ctx.election.profile.candidate_lot_always:
        decisive = inside > 0 and len(remaining) > 1
    if not decisive:
        yield (
            f"de kandidatenloting op lijst {number} tussen {enumeration(options)} is niet "
            f"beslissend: {inside} van de zetels van de lijst "
            f"{'valt' if inside == 1 else 'vallen'} aan deze {len(remaining)} kandidaten toe"
        )


def _lot_drawn(ctx: Context) -> Iterator[str]:
    """P 7 lid 3, P 8 lid 4, P 9 lid 2, P 15 lid 1: a decisive tie is decided as the lot
    drawn in public fell (supplied in the input, in order); every supplied lot answers one
    decisive tie (Kieswet, https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    replay = ctx.replay
    residual_lots = ctx.lots_of("residual_seat")
    majority_lots = ctx.lots_of("absolute_majority")
    # a district question of P 5 - P 10: its top-level lots_used (spec.rules.district_final)
    yield from ctx.district_departures_for("LOT-drawn")
    if replay is None:
        yield from ctx.departures_for("LOT-drawn")
    else:
        for d in replay.decisions:
            if not d.decisive or d.winner not in d.tied:
                continue
            if d.lot is None:
                yield (
                    f"{d.label}: de lijsten {enumeration(d.tied)} staan gelijk voor "
                    f"{plural(d.remaining, 'zetel', 'zetels')} en geen gegeven loting beslist; "
                    "de uitkomst had om een loting moeten vragen (needs_lot)"
                )
            elif tuple(sorted(d.lot.options)) != tuple(sorted(d.tied)):
                yield (
                    f"{d.label}: de gegeven loting tussen de lijsten "
                    f"{enumeration(d.lot.options)} beantwoordt niet de gelijke stand tussen de "
                    f"lijsten {enumeration(d.tied)}"
                )
            elif d.lot.drawn != d.winner:
                yield (
                    f"{d.label}: het lot viel op lijst {d.lot.drawn}, maar de zetel ging naar "
                    f"lijst {d.winner}"
                )
        point = replay.majority
        claim = None if point is None else point.claim
        drawn = None if point is None or point.lot is None else point.lot.drawn
        if claim is not None and drawn is not None and drawn != claim.from_list:
            yield (
                f"P 9: het lot wees lijst {drawn} aan om een zetel af te staan, maar de zetel "
                f"is genomen van lijst {claim.from_list}"
            )
        if ctx.completed or (ctx.result.lot is not None and ctx.result.lot.kind == "candidate"):
            if replay.residual_lots_used < len(residual_lots):
                unused = len(residual_lots) - replay.residual_lots_used
                yield (
                    f"{plural(unused, 'gegeven restzetelloting', 'gegeven restzetellotingen')} "
                    f"{'beantwoordt' if unused == 1 else 'beantwoorden'} geen beslissende "
                    "gelijke stand in de stappen van de uitkomst"
                )
            if replay.majority_lots_used < len(majority_lots):
                yield (
                    "een gegeven loting onder P 9 beantwoordt geen beslissende vraag onder P 9 in "
                    "de stappen van de uitkomst"
                )
    lot = ctx.result.lot
    if ctx.result.status == "needs_lot" and lot is not None and replay is not None:
        if lot.kind == "residual_seat" and replay.residual_lots_used < len(residual_lots):
            yield (
                "er wordt om een loting voor een restzetel gevraagd, terwijl de invoer er een "
                "geeft die niet is gebruikt"
            )
        if lot.kind == "absolute_majority" and replay.majority_lots_used < len(majority_lots):
            yield (
                "er wordt om een loting onder P 9 gevraagd, terwijl de invoer er een geeft die "
                "niet is gebruikt"
            )
    if ctx.result.status == "needs_lot" and replay is not None:
        # A question comes only once every supplied lot has answered its own: the lots are
        # drawn in public in the order the questions arise, so a lot left over is taken as the
        # answer to the next question, and where it does not fit, the input is rejected
        # (lot_mismatch) and no new lot is asked. Whether the supplied lots fit is a property of
        # the input, so it is taken from the lawful outcome, steps or no steps.
        mismatch = lawful_outcome(ctx.election).mismatch
        if mismatch is not None:
            yield (
                f"de uitkomst vraagt om een loting, maar de gegeven lotingen passen niet: "
                f"{mismatch}; de invoer wordt dan afgewezen (lot_mismatch)"
            )
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
