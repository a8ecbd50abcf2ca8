"""P 10: list exhaustion (lijstuitputting), with P 19a.

Kieswet (BWBR0004627), consolidated text of 2026-01-01. A list cannot hold more seats than it has
candidates; deceased candidates do not count (P 19a). Its surplus seats go to the other lists by
continuing the residual-seat procedure, passing over every list that has no further candidate. A
seat stays empty only if no list can take it.
"""

from __future__ import annotations

from collections.abc import Iterator

from spec.rules.base import (
    Rule,
    full_quota_rule,
    reaches_quota,
)
from spec.rules.replay import Context
from spec.rules.residual import eligibility


def _p10_exhaustion(ctx: Context) -> Iterator[str]:
    yield from eligibility("P10-exhaustion")(ctx)
    seats = ctx.seats if ctx.completed else None
    if seats is not None:
        for n in ctx.lists:
            limit = ctx.limit(n)
            if limit is not None and seats[n] > limit:
                yield (
                    f"list {n} holds {seats[n]} seats but has only {limit} living candidate(s) "
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
                f"after P 9 list {n} holds {point.held[n]} seats but has only {limit} living "
                "candidate(s); no P 10 step removes the surplus"
            )
        if claim is None:
            continue
        if over <= 0 or limit is None:
            yield f"a P 10 step exhausts list {n}, but it holds no more seats than candidates"
            continue
        removed = claim.removed_residual + claim.removed_full
        residual_held = point.held[n] - ctx.full[n]
        if claim.seat_limit != limit or removed != over:
            yield (
                f"list {n} holds {point.held[n]} seats and has {limit} living candidate(s): "
                f"{over} seat(s) go to other lists, the result removes {removed}"
            )
        elif claim.removed_residual != min(over, max(residual_held, 0)):
            yield (
                f"list {n} gives up {over} seat(s): its residual seats go first "
                f"({min(over, max(residual_held, 0))}), the result removes "
                f"{claim.removed_residual} residual seat(s)"
            )


def _p10_empty(ctx: Context) -> Iterator[str]:
    seats = ctx.seats
    if not ctx.completed or seats is None:
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
        room = "no candidate limit" if limit is None else f"{limit} living candidates"
        yield (
            f"{empty} seat(s) stay empty, but list {n} ({lst.votes} votes, {seats[n]} seats, "
            f"{room}) could take one"
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
)
"""P 10."""
