"""P 10: list exhaustion (lijstuitputting), with P 19a; Pa 25 for the kiescollege niet-ingezetenen.

Kieswet (BWBR0004627), consolidated text of 2026-01-01
(https://wetten.overheid.nl/BWBR0004627/2026-01-01). A list cannot hold more seats than it has
candidates; deceased candidates do not count (P 19a). Its surplus seats go to the other lists by
continuing the residual-seat procedure, passing over every list that has no further candidate. A
seat stays empty only if no list can take it. Pa 25: in the election of the kiescollege
niet-ingezetenen (kind ``KNI``), "in afwijking van artikel P 10", the surplus seats are not
assigned to any list; they stay empty.
"""

from __future__ import annotations

from collections.abc import Iterator

from spec.rules.base import enumeration, full_quota_rule, plural, reaches_quota
from spec.rules.context import Context
from spec.rules.residual import ineligible_seat, winner_excluded
from spec.rules.rule import Rule


def _p10_exhaustion(ctx: Context) -> Iterator[str]:
    """P 10 with P 19a: a list receives no more seats than it has living candidates; the seats
    it cannot fill, its residual seats first, go to the other lists by continuing the
    residual-seat procedure, passing over every list without a further candidate (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    if ctx.replay is None:
        yield from ctx.departures_for("P10-exhaustion")
    else:
        for d in ctx.replay.decisions:
            if winner_excluded(d) == "exhausted":
                yield ineligible_seat(ctx, d)
    seats = ctx.seats if ctx.completed else None
    if seats is not None:
        for n in ctx.lists:
            limit = ctx.limit(n)
            if limit is not None and seats[n] > limit:
                yield (
                    f"lijst {n} heeft {plural(seats[n], 'zetel', 'zetels')}, maar slechts "
                    f"{plural(limit, 'levende kandidaat', 'levende kandidaten')} "
                    "(lijstuitputting)"
                )
    replay = ctx.replay
    point = None if replay is None else replay.exhaustion
    if point is None:
        return
    claimed = {c.list: c for c in point.claims}
    for n in ctx.lists:
        limit = ctx.limit(n)
        over = 0 if limit is None else point.held[n] - limit
        claim = claimed.get(n)
        if over > 0 and claim is None:
            yield (
                f"na P 9 heeft lijst {n} {plural(point.held[n], 'zetel', 'zetels')}, maar slechts "
                f"{plural(limit or 0, 'levende kandidaat', 'levende kandidaten')}; geen P 10-stap "
                "neemt het overschot weg"
            )
        if claim is None:
            continue
        if over <= 0 or limit is None:
            yield (
                f"een P 10-stap verklaart lijst {n} uitgeput, maar zij heeft niet meer zetels dan "
                "kandidaten"
            )
            continue
        removed = claim.removed_residual + claim.removed_full
        residual_held = point.held[n] - ctx.full[n]
        if claim.seat_limit != limit or removed != over:
            yield (
                f"lijst {n} heeft {plural(point.held[n], 'zetel', 'zetels')} en "
                f"{plural(limit, 'levende kandidaat', 'levende kandidaten')}: "
                f"{plural(over, 'zetel gaat', 'zetels gaan')} naar andere lijsten, de uitkomst "
                f"neemt er {removed} weg"
            )
        elif claim.removed_residual != min(over, max(residual_held, 0)):
            yield (
                f"lijst {n} staat {plural(over, 'zetel', 'zetels')} af: eerst haar restzetels "
                f"({min(over, max(residual_held, 0))}), de uitkomst neemt "
                f"{plural(claim.removed_residual, 'restzetel', 'restzetels')} weg"
            )


def surplus_stays_empty(ctx: Context) -> bool:
    """Pa 25: in the election of the kiescollege niet-ingezetenen, "in afwijking van artikel
    P 10", the seats an exhausted list cannot fill are assigned to no other list (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    return ctx.election.kind == "KNI"


def _p10_empty(ctx: Context) -> Iterator[str]:
    """P 10: the seats an exhausted list cannot fill go to the other lists; a seat stays empty
    only when no list that may receive a residual seat has a further living candidate (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    if ctx.replay is None:
        yield from ctx.departures_for("P10-no-empty-seat-needlessly")
    seats = ctx.seats
    if not ctx.completed or seats is None or surplus_stays_empty(ctx):
        return
    empty = ctx.election.seats - sum(seats.values())
    if empty <= 0:
        return
    for n, lst in ctx.lists.items():
        if lst.votes == 0 or ctx.at_limit(n, seats[n]):
            continue
        if full_quota_rule(ctx.election) and not reaches_quota(ctx.election, lst):
            continue
        limit = ctx.limit(n)
        room = (
            "geen grens aan kandidaten"
            if limit is None
            else plural(limit, "levende kandidaat", "levende kandidaten")
        )
        yield (
            f"{plural(empty, 'zetel blijft', 'zetels blijven')} onvervuld, maar lijst {n} "
            f"(stemcijfer {lst.votes}, {plural(seats[n], 'zetel', 'zetels')}, {room}) kan er "
            "een krijgen"
        )


def _pa25(ctx: Context) -> Iterator[str]:
    """Pa 25: in the election of the kiescollege niet-ingezetenen, "in afwijking van artikel
    P 10", the surplus seats of an exhausted list stay empty (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    seats = ctx.seats
    replay = ctx.replay
    if replay is None:
        yield from ctx.departures_for("Pa25-surplus-stays-empty")
    if not surplus_stays_empty(ctx) or not ctx.completed or seats is None:
        return
    if replay is not None:
        reassigned = [d for d in replay.decisions if d.phase == "reassignment"]
        if reassigned:
            receivers = sorted({d.winner for d in reassigned})
            yield (
                f"kiescollege niet-ingezetenen: "
                f"{plural(len(reassigned), 'zetel', 'zetels')} van een uitgeputte lijst "
                f"{'gaat' if len(reassigned) == 1 else 'gaan'} naar lijst "
                f"{enumeration(receivers)}; onder Pa 25 blijven zij onvervuld"
            )
        elif replay.surplus and replay.unfilled < replay.surplus:
            yield (
                f"kiescollege niet-ingezetenen: uitgeputte lijsten staan "
                f"{plural(replay.surplus, 'zetel', 'zetels')} af, maar de uitkomst laat er maar "
                f"{replay.unfilled} onvervuld; onder Pa 25 blijft elke zetel die een uitgeputte "
                "lijst afstaat onvervuld"
            )


RULES: tuple[Rule, ...] = (
    Rule(
        "P10-exhaustion",
        "P 10, P 19a",
        "No list holds more seats than it has living candidates (lijstuitputting); its surplus "
        "goes to the other lists by continuing the procedure, passing over exhausted lists.",
        _p10_exhaustion,
    ),
    Rule(
        "P10-no-empty-seat-needlessly",
        "P 10",
        "A seat stays empty only if no list that may receive a residual seat has a further "
        "living candidate.",
        _p10_empty,
    ),
    Rule(
        "Pa25-surplus-stays-empty",
        "Pa 25",
        "In the election of the kiescollege niet-ingezetenen (KNI), the surplus seats of an "
        "exhausted list are not assigned to another list: they stay empty (in afwijking van "
        "P 10). Every other election reassigns them (P10-no-empty-seat-needlessly).",
        _pa25,
    ),
)
"""P 10 and Pa 25."""
