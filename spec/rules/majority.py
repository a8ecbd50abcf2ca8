"""P 9: absolute majority (volstrekte meerderheid).

Kieswet (BWBR0004627), consolidated text of 2026-01-01. A list that received more than half of all
votes cast on lists, but holds at most half of the seats, receives one more seat, taken from the
list that received the last residual seat (never from itself). Exactly half of the votes is not
more than half. Where the last residual seats went to several lists on the same value, the lot
decides which gives one up (lid 2).
"""

from __future__ import annotations

from collections.abc import Iterator

from spec.rules.base import (
    Rule,
    join,
)
from spec.rules.replay import Context


def _p9(ctx: Context) -> Iterator[str]:
    total = ctx.election.total_votes
    replay = ctx.replay
    if replay is None:
        yield from ctx.departures_for("P9-absolute-majority")
        return
    point = replay.majority
    if point is None:
        return
    claim = point.claim
    if claim is None:
        if point.applies and point.majority_list is not None:
            m = point.majority_list
            yield (
                f"list {m} has {ctx.lists[m].votes} of {total} votes, more than half, but holds "
                f"only {point.held[m]} of {ctx.election.seats} seats after the residual seats, "
                f"and no P 9 step gives it the seat of list {join(point.group)}"
            )
        return
    if claim.list != point.majority_list:
        yield (
            f"P 9 gives list {claim.list} a seat, but it has {ctx.lists[claim.list].votes} of "
            f"{total} votes, not more than half"
        )
        return
    if not point.applies:
        if point.group:
            yield (
                f"P 9 gives list {claim.list} a seat, but it already holds "
                f"{point.held[claim.list]} of {ctx.election.seats} seats, more than half"
            )
        else:
            yield f"P 9 gives list {claim.list} a seat, but no other list holds a residual seat"
        return
    if claim.from_list not in point.group:
        yield (
            f"P 9 takes the seat from list {claim.from_list}, but the last residual seat "
            f"(other than list {claim.list}'s own) went to list {join(point.group)}"
        )


RULES: tuple[Rule, ...] = (
    Rule(
        "P9-absolute-majority",
        "P 9",
        "A list with more than half of all votes (volstrekte meerderheid) that holds at most "
        "half of the seats gets one more, taken from the list that received the last residual "
        "seat other than itself.",
        _p9,
    ),
)
"""P 9."""
