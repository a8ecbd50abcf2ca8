"""P 5 (the kiesdeler) and P 6 (full seats).

Kieswet (BWBR0004627), consolidated text of 2026-01-01. P 5: the kiesdeler is the total of the
stemcijfers of all lists divided by the number of seats. P 6: each list receives as many seats as
its stemcijfer contains the kiesdeler wholly.
"""

from __future__ import annotations

from collections.abc import Iterator

from spec.rules.base import (
    Rule,
    show,
)
from spec.rules.replay import Context


def _p5_quota(ctx: Context) -> Iterator[str]:
    total = ctx.election.total_votes
    if ctx.result.quota is not None and ctx.result.quota != ctx.quota:
        yield (
            f"the kiesdeler is {total} votes / {ctx.election.seats} seats = {show(ctx.quota)}, "
            f"the result states {show(ctx.result.quota)}"
        )
    if ctx.result.total_votes is not None and ctx.result.total_votes != total:
        yield f"the lists have {total} votes in total, the result states {ctx.result.total_votes}"


def _p6_full_seats(ctx: Context) -> Iterator[str]:
    yield from ctx.departures_for("P6-full-seats")
    reported = ctx.result.full_seats
    if reported is not None:
        for number, expected in ctx.full.items():
            got = reported.get(number)
            if got is not None and got != expected:
                votes = ctx.lists[number].votes
                yield (
                    f"list {number} has {votes} votes, {show(votes / ctx.quota)} times the "
                    f"kiesdeler {show(ctx.quota)}: {expected} full seat(s), the result states {got}"
                )
    for number, got in (ctx.result.stated_votes or {}).items():
        if number in ctx.lists and got != ctx.lists[number].votes:
            yield (
                f"list {number} has {ctx.lists[number].votes} votes, the full-seat step states "
                f"{got}"
            )
    rows = ctx.result.full_seat_rows
    if rows is not None:
        for number, (full, remainder) in rows.items():
            if number not in ctx.lists or full != ctx.full[number]:
                continue
            if not ctx.is_remainder(number, full, remainder):
                expected_rest = ctx.remainder(number, full)
                yield (
                    f"list {number}: remainder {show(ctx.lists[number].votes)} - {full} x "
                    f"{show(ctx.quota)} = {show(expected_rest)}, "
                    f"the result states {show(remainder)}"
                )
    if ctx.completed and ctx.seats is not None:
        for number, full in ctx.full.items():
            limit = ctx.limit(number)
            keep = full if limit is None else min(full, limit)
            if ctx.seats[number] < keep:
                yield (
                    f"list {number} holds {ctx.seats[number]} seat(s), fewer than its {full} "
                    "full seat(s)" + ("" if limit is None else f" (it has {limit} candidates)")
                )


RULES: tuple[Rule, ...] = (
    Rule(
        "P5-quota",
        "P 5",
        "The kiesdeler (quota) is the sum of the stemcijfers divided by the number of seats.",
        _p5_quota,
    ),
    Rule(
        "P6-full-seats",
        "P 6",
        "Each list gets as many full seats as its stemcijfer contains the kiesdeler wholly, and "
        "keeps them unless P 10 limits it; the stemcijfer is the list's votes.",
        _p6_full_seats,
    ),
)
"""P 5 and P 6."""
