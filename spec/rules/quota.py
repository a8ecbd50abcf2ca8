"""P 5 (the kiesdeler) and P 6 (full seats).

Kieswet (BWBR0004627), consolidated text of 2026-01-01
(https://wetten.overheid.nl/BWBR0004627/2026-01-01). P 5: the kiesdeler is the total of the
stemcijfers of all lists divided by the number of seats. P 6: each list receives as many seats as
its stemcijfer contains the kiesdeler wholly.
"""

from __future__ import annotations

from collections.abc import Iterator

from spec.rules.base import plural, show
from spec.rules.context import Context
from spec.rules.rule import Rule


def _p5_quota(ctx: Context) -> Iterator[str]:
    """P 5: the kiesdeler is the sum of the stemcijfers of all lists divided by the number of
    seats to fill (Kieswet, https://wetten.overheid.nl/BWBR0004627/2026-01-01). The result's
    kiesdeler and its total of the votes on lists are those."""
    total = ctx.election.total_votes
    if ctx.result.quota is not None and ctx.result.quota != ctx.quota:
        yield (
            f"de kiesdeler is {plural(total, 'stem', 'stemmen')} : "
            f"{plural(ctx.election.seats, 'zetel', 'zetels')} = {show(ctx.quota)}, "
            f"de uitkomst vermeldt {show(ctx.result.quota)}"
        )
    if ctx.result.total_votes is not None and ctx.result.total_votes != total:
        yield (
            f"de lijsten hebben samen {plural(total, 'stem', 'stemmen')}, de uitkomst vermeldt "
            f"{ctx.result.total_votes}"
        )


def _p6_full_seats(ctx: Context) -> Iterator[str]:
    """P 6: each list receives as many seats as the kiesdeler is contained wholly in its
    stemcijfer; what is left is its overschot (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01). The full seats, stemcijfers and
    overschotten the result states are those, and a list keeps its full seats unless P 10
    limits it (P 19a: its living candidates)."""
    yield from ctx.departures_for("P6-full-seats")
    reported = ctx.result.full_seats
    if reported is not None:
        for number, expected in ctx.full.items():
            got = reported.get(number)
            if got is not None and got != expected:
                votes = ctx.lists[number].votes
                full_text = plural(expected, "volle zetel", "volle zetels")
                yield (
                    f"lijst {number} heeft stemcijfer {votes}, {show(votes / ctx.quota)} maal de "
                    f"kiesdeler {show(ctx.quota)}: {full_text}, de uitkomst vermeldt {got}"
                )
    for number, got in (ctx.result.stated_votes or {}).items():
        if number in ctx.lists and got != ctx.lists[number].votes:
            yield (
                f"lijst {number} heeft stemcijfer {ctx.lists[number].votes}, de stap van de "
                f"volle zetels vermeldt {got}"
            )
    rows = ctx.result.full_seat_rows
    if rows is not None:
        for number, (full, remainder) in rows.items():
            if number not in ctx.lists or full != ctx.full[number]:
                continue
            expected_rest = ctx.remainder(number, full)
            if remainder != expected_rest:
                yield (
                    f"lijst {number}: overschot {show(ctx.lists[number].votes)} - {full} × "
                    f"{show(ctx.quota)} = {show(expected_rest)}, "
                    f"de uitkomst vermeldt {show(remainder)}"
                )
    if ctx.completed and ctx.seats is not None:
        for number, full in ctx.full.items():
            limit = ctx.limit(number)
            keep = full if limit is None else min(full, limit)
            if ctx.seats[number] < keep:
                living = (
                    ""
                    if limit is None
                    else f" (zij heeft {plural(limit, 'levende kandidaat', 'levende kandidaten')})"
                )
                yield (
                    f"lijst {number} heeft {plural(ctx.seats[number], 'zetel', 'zetels')}, minder "
                    f"dan haar {plural(full, 'volle zetel', 'volle zetels')}{living}"
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
