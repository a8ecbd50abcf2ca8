"""Rules about the result as a whole: its format, its status, its seat total, its steps.

Kieswet (BWBR0004627), consolidated text of 2026-01-01
(https://wetten.overheid.nl/BWBR0004627/2026-01-01), P 5 – P 19a taken together. These rules
follow from no single paragraph: a result must be readable (format
``kieswet/seat-allocation-result@1``), a valid election must be allocated or wait for a lot (never
rejected), the seats held plus the seats left empty make up the body (P 6 – P 10), and the steps a
result states must lead to the seats it reports.
"""

from __future__ import annotations

from collections.abc import Iterator

from spec.rules.base import plural, show
from spec.rules.context import Context
from spec.rules.rule import Rule


def _format_result(ctx: Context) -> Iterator[str]:
    """The result format ``kieswet/seat-allocation-result@1`` (no article): every required
    field present, of the required form, for every list of the input (the articles judged are in
    the Kieswet, https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    for problem in ctx.result.problems:
        yield f"{problem.field}: {problem.message}"
    for key, mapping in (("seats", ctx.result.seats), ("full_seats", ctx.result.full_seats)):
        if mapping is None or ctx.result.status != "completed":
            continue
        for number in ctx.lists:
            if number not in mapping:
                yield f"{key} heeft geen waarde voor lijst {number}"
        for number in mapping:
            if number not in ctx.lists:
                yield f"{key} noemt lijst {number}, die niet in de invoer staat"
    if (
        ctx.completed
        and ctx.result.elected is None
        and any(lst.candidates is not None for lst in ctx.election.lists)
    ):
        yield "elected ontbreekt, maar de invoer heeft kandidaten"


def _status(ctx: Context) -> Iterator[str]:
    """P 5 – P 19a taken together: a valid election is allocated (completed) or waits for
    a lot (needs_lot), never rejected; only a supplied lot that does not fit may make the result
    reject it (Kieswet, https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    if ctx.result.status != "rejected":
        return
    if ctx.election.lots and any(f.startswith("lots") for f in ctx.result.error_fields):
        return  # a supplied lot that does not fit the question asked: the input is at fault
    yield (
        "de uitkomst wijst de invoer af, maar de invoer is een geldige verkiezing "
        f"({ctx.election.kind}, {plural(ctx.election.seats, 'zetel', 'zetels')}, "
        f"{plural(len(ctx.election.lists), 'lijst', 'lijsten')})"
    )


def _seats_total(ctx: Context) -> Iterator[str]:
    """P 6 – P 10 taken together: the seats the lists hold and the seats left empty add up
    to the seats of the body, and no more residual seats are given than P 6 leaves (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    seats = ctx.seats
    if not ctx.completed or seats is None:
        return
    total = sum(seats.values())
    if total > ctx.election.seats:
        yield (
            f"de lijsten hebben samen {plural(total, 'zetel', 'zetels')}, maar er zijn er maar "
            f"{ctx.election.seats} te verdelen"
        )
        return
    replay = ctx.replay
    if replay is None:
        return
    if total + replay.unfilled != ctx.election.seats:
        yield (
            f"de lijsten hebben samen {plural(total, 'zetel', 'zetels')} en volgens de uitkomst "
            f"{'blijft' if replay.unfilled == 1 else 'blijven'} er {replay.unfilled} onvervuld; "
            f"samen is dat niet het aantal te verdelen zetels, {ctx.election.seats}"
        )
    initial_unfilled = ctx.residual_total - replay.initial_claims
    if initial_unfilled < 0:
        yield (
            f"{plural(replay.initial_claims, 'restzetel is', 'restzetels zijn')} toegewezen, "
            f"maar na de volle zetels {'blijft' if ctx.residual_total == 1 else 'blijven'} er "
            f"maar {ctx.residual_total} over"
        )
    if replay.reassigned_claims > replay.surplus:
        yield (
            f"{plural(replay.reassigned_claims, 'zetel gaat', 'zetels gaan')} onder P 10 naar "
            f"een andere lijst, maar de uitgeputte lijsten stonden er maar {replay.surplus} af"
        )


def _steps_consistent(ctx: Context) -> Iterator[str]:
    """P 6 – P 10 taken together: the steps a result states follow each other as the
    articles order them, lead to the seats it reports, and state each remainder or average
    exactly (Kieswet, https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    replay = ctx.replay
    if replay is None or replay.state is None:
        return
    yield from replay.misplaced
    for d in replay.decisions:
        stated = d.claim.value
        same_method = d.method is not None and d.claim.method == d.method
        if same_method and stated is not None and stated != d.winner_value:
            yield (
                f"{d.label}: het {d.value_word} van lijst {d.winner} is "
                f"{show(d.winner_value)}, de uitkomst vermeldt {show(stated)}"
            )
    held = replay.state.held
    reported = ctx.seats if ctx.completed else ctx.result.seats
    if reported is not None:
        for number in ctx.lists:
            if number in reported and reported[number] != held[number]:
                yield (
                    f"lijst {number}: volgens de stappen heeft zij "
                    f"{plural(held[number], 'zetel', 'zetels')}, de uitkomst vermeldt "
                    f"{reported[number]}"
                )
    order = ctx.result.residual_seat_order
    if order is not None and ctx.completed:
        winners = tuple(d.winner for d in replay.decisions)
        if order != winners:
            yield (
                f"residual_seat_order is {list(order)}, maar de stappen wijzen de restzetels "
                f"toe aan {list(winners)}"
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
