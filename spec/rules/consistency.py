"""Rules about the result as a whole: its format, its status, its seat total, its steps.

Kieswet (BWBR0004627), consolidated text of 2026-01-01, P 5 – P 19a taken together. These rules
follow from no single paragraph: a result must be readable (format
``kieswet/seat-allocation-result@1``), a valid election must be allocated or wait for a lot (never
rejected), the seats held plus the seats left empty make up the body (P 6 – P 10), and the steps a
result states must lead to the seats it reports.
"""

from __future__ import annotations

from collections.abc import Iterator

from spec.rules.base import (
    Rule,
    show,
)
from spec.rules.replay import Context


def _format_result(ctx: Context) -> Iterator[str]:
    for problem in ctx.result.problems:
        yield f"{problem.field}: {problem.message}"
    for key, mapping in (("seats", ctx.result.seats), ("full_seats", ctx.result.full_seats)):
        if mapping is None or ctx.result.status != "completed":
            continue
        for number in ctx.lists:
            if number not in mapping:
                yield f"{key} has no entry for list {number}"
        for number in mapping:
            if number not in ctx.lists:
                yield f"{key} names list {number}, which is not in the input"
    if (
        ctx.completed
        and ctx.result.elected is None
        and any(lst.candidates is not None for lst in ctx.election.lists)
    ):
        yield "elected is missing, but the input has candidates"


def _status(ctx: Context) -> Iterator[str]:
    if ctx.result.status != "rejected":
        return
    if ctx.election.lots and any(f.startswith("lots") for f in ctx.result.error_fields):
        return  # a supplied lot that does not fit the question asked: the input is at fault
    yield (
        "the result rejects the input, but the input is a valid election "
        f"({ctx.election.kind}, {ctx.election.seats} seats, {len(ctx.election.lists)} lists)"
    )


def _seats_total(ctx: Context) -> Iterator[str]:
    seats = ctx.seats
    if not ctx.completed or seats is None:
        return
    total = sum(seats.values())
    if total > ctx.election.seats:
        yield f"the lists hold {total} seats, but the body has {ctx.election.seats}"
        return
    replay = ctx.replay
    if replay is None:
        return
    if total + replay.unfilled != ctx.election.seats:
        yield (
            f"the lists hold {total} seats and {replay.unfilled} are stated unfilled; together "
            f"that is not the {ctx.election.seats} seats of the body"
        )
    initial_unfilled = ctx.residual_total - replay.initial_claims
    if initial_unfilled < 0:
        yield (
            f"{replay.initial_claims} residual seats are assigned, but after the full seats "
            f"only {ctx.residual_total} remain"
        )
    if replay.reassigned_claims > replay.surplus:
        yield (
            f"{replay.reassigned_claims} seats are reassigned under P 10, but the exhausted "
            f"lists gave up only {replay.surplus}"
        )


def _steps_consistent(ctx: Context) -> Iterator[str]:
    replay = ctx.replay
    if replay is None or replay.state is None:
        return
    yield from replay.misplaced
    for d in replay.decisions:
        stated = d.claim.value
        same_method = d.method is not None and d.claim.method == d.method
        if same_method and stated is not None and stated != d.winner_value:
            yield (
                f"{d.label}: list {d.winner}'s {d.value_word} is {show(d.winner_value)}, the "
                f"result states {show(stated)}"
            )
    held = replay.state.held
    reported = ctx.seats if ctx.completed else ctx.result.seats
    if reported is not None:
        for number in ctx.lists:
            if number in reported and reported[number] != held[number]:
                yield (
                    f"list {number}: the steps give it {held[number]} seat(s), the result "
                    f"states {reported[number]}"
                )
    order = ctx.result.residual_seat_order
    if order is not None and ctx.completed:
        winners = tuple(d.winner for d in replay.decisions)
        if order != winners:
            yield (
                f"residual_seat_order is {list(order)}, but the steps assign residual seats to "
                f"{list(winners)}"
            )


DOCUMENT_RULES: tuple[Rule, ...] = (
    Rule(
        "FORMAT-result",
        "result format kieswet/seat-allocation-result@1",
        "The result names every field the format requires, with values of the required form.",
        _format_result,
    ),
    Rule(
        "RESULT-status",
        "P 5 - P 19a",
        "A valid election is allocated (completed) or waits for a lot (needs_lot); only a "
        "supplied lot that does not fit may make the result reject it.",
        _status,
    ),
)
"""The result is readable and has the right status."""


TOTAL_RULES: tuple[Rule, ...] = (
    Rule(
        "SEATS-total",
        "P 6 - P 10",
        "The seats held by the lists and the seats stated unfilled add up to the seats of the "
        "body; no more residual seats are assigned than remain.",
        _seats_total,
    ),
    Rule(
        "STEPS-consistent",
        "P 6 - P 10",
        "The steps a result states lead to the seats it reports, with each stated value "
        "(remainder or average) exact.",
        _steps_consistent,
    ),
)
"""The seats add up, and the steps lead to them."""
