"""Residual seats (restzetels): P 7 (19 seats or more) and P 8 (fewer than 19 seats).

Kieswet (BWBR0004627), consolidated text of 2026-01-01
(https://wetten.overheid.nl/BWBR0004627/2026-01-01). P 7: greatest averages; P 7 lid 2: in a
Tweede Kamer (and European Parliament) election no residual seat for a list below the kiesdeler.
P 8: first the largest remainders, at most one per list and only for lists with at least 75% of the
kiesdeler (lid 1-2); then greatest averages, at most one per list (lid 3); after list exhaustion
unrestricted greatest averages (the Kiesraad's published reading). Also bill 36 641 (law version
``bill-36641``): residual seats only for lists that reach the kiesdeler. Ties and lots (P 7 lid 3,
P 8 lid 4) are in ``spec.rules.lots``; a seat passed on to an exhausted list (P 10) in
``spec.rules.exhaustion``.

Each rule has its own function. A result with steps is judged seat by seat on its replay
(``spec.rules.replay.SeatDecision``); a result without steps by where its final claim departs from
the lawful outcome (``spec.rules.final``).
"""

from __future__ import annotations

from collections.abc import Iterator

from spec.rules.base import GREATEST_AVERAGE, LARGEST_REMAINDER, ONE_PER_LIST, Reason, show
from spec.rules.context import Context
from spec.rules.replay import SeatDecision
from spec.rules.rule import Rule

_REASON_TEXT: dict[Reason, str] = {
    "no_votes": "zij heeft geen stemmen",
    "below_quota": "haar stemcijfer is lager dan de kiesdeler",
    "below_75": "haar stemcijfer is lager dan 75% van de kiesdeler",
    "exhausted": "zij heeft geen levende kandidaten meer",
    "won_this_round": "zij kreeg in deze ronde al een restzetel",
}


def winner_excluded(d: SeatDecision) -> Reason | None:
    """Why the list the result gives seat ``d`` to could not receive it (``None``: it could)."""
    return d.reasons.get(d.winner)


def ineligible_seat(ctx: Context, d: SeatDecision) -> str:
    """Seat ``d`` went to a list that could not receive it, and why, with the figures."""
    reason = d.reasons[d.winner]
    votes = ctx.lists[d.winner].votes
    return (
        f"{d.label} gaat naar lijst {d.winner} (stemcijfer {votes}, kiesdeler "
        f"{show(ctx.quota)}), maar {_REASON_TEXT[reason]}"
    )


def _no_votes(ctx: Context) -> Iterator[str]:
    """P 7, P 8: a residual seat goes to the list with the greatest average or remainder; a
    list without votes (stemcijfer 0) has none and never receives one (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    if ctx.replay is None:
        yield from ctx.departures_for("RESIDUAL-no-votes")
        return
    for d in ctx.replay.decisions:
        if winner_excluded(d) == "no_votes":
            yield ineligible_seat(ctx, d)


def _p7_2_full_quota(ctx: Context) -> Iterator[str]:
    """P 7 lid 2: in a Tweede Kamer election (and in practice the European Parliament) a list
    whose stemcijfer is lower than the kiesdeler receives no residual seat (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    if ctx.replay is None:
        yield from ctx.departures_for("P7.2-full-quota-threshold")
        return
    if ctx.election.kind not in ("TK", "EP"):
        return  # bill 36 641 for the other kinds: BILL36641-full-quota
    for d in ctx.replay.decisions:
        if winner_excluded(d) == "below_quota":
            yield ineligible_seat(ctx, d)


def _bill_36641_full_quota(ctx: Context) -> Iterator[str]:
    """Bill 36 641 (P 7 / P 8 as amended, not in force): for every kind of body but the Eerste
    Kamer a list whose stemcijfer is lower than the kiesdeler receives no residual seat."""
    if ctx.replay is None:
        yield from ctx.departures_for("BILL36641-full-quota")
        return
    if ctx.election.kind in ("TK", "EP"):
        return  # the law in force already says so: P7.2-full-quota-threshold
    for d in ctx.replay.decisions:
        if winner_excluded(d) == "below_quota":
            yield ineligible_seat(ctx, d)


def _p8_2_75_percent(ctx: Context) -> Iterator[str]:
    """P 8 lid 2: a remainder seat (P 8 lid 1) goes only to a list whose stemcijfer is at
    least 75% of the kiesdeler (Kieswet, https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    if ctx.replay is None:
        yield from ctx.departures_for("P8.2-75-percent")
        return
    for d in ctx.replay.decisions:
        if winner_excluded(d) == "below_75":
            yield ineligible_seat(ctx, d)


def _p8_2_one_per_list(ctx: Context) -> Iterator[str]:
    """P 8 lid 2: in the largest-remainder round a list receives at most one residual seat
    (Kieswet, https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    if ctx.replay is None:
        yield from ctx.departures_for("P8.2-one-per-list")
        return
    for d in ctx.replay.decisions:
        if winner_excluded(d) == "won_this_round" and d.method != ONE_PER_LIST:
            yield ineligible_seat(ctx, d)


def _p8_3_one_per_list(ctx: Context) -> Iterator[str]:
    """P 8 lid 3: in the greatest-average round after the remainders a list receives at most
    one seat (Kieswet, https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    if ctx.replay is None:
        yield from ctx.departures_for("P8.3-average-one-per-list")
        return
    for d in ctx.replay.decisions:
        if winner_excluded(d) == "won_this_round" and d.method == ONE_PER_LIST:
            yield ineligible_seat(ctx, d)


_METHOD_TEXT = {
    LARGEST_REMAINDER: "grootste overschotten (P 8 lid 1-2)",
    ONE_PER_LIST: "grootste gemiddelden, één restzetel per lijst (P 8 lid 3)",
    GREATEST_AVERAGE: "grootste gemiddelden",
}


def passed_over(d: SeatDecision) -> Iterator[str]:
    """Seat ``d`` was given under another method than the law's at that point, or to an
    eligible list while another had a greater value."""
    if d.method is not None and d.claim.method != d.method:
        yield (
            f"{d.label} (lijst {d.winner}) is toegewezen volgens "
            f"{_METHOD_TEXT.get(d.claim.method, d.claim.method)}, maar de wet schrijft op "
            f"dat moment {_METHOD_TEXT[d.method]} voor"
        )
    if d.reasons.get(d.winner) is not None or d.winner in d.tied:
        return  # not eligible (another rule), or no list had a greater value
    other = min(d.tied)  # of the lists with the greatest value, the first
    yield (
        f"lijst {d.winner} krijgt {d.label} met {d.value_word} "
        f"{show(d.winner_value)}, terwijl lijst {other} {show(d.values[other])} zou hebben gehad"
    )


def _p7_1_greatest_average(ctx: Context) -> Iterator[str]:
    """P 7 lid 1: with 19 seats or more, each residual seat goes in turn to the list with the
    greatest average, its stemcijfer divided by one more than the seats it holds (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    if ctx.replay is None:
        yield from ctx.departures_for("P7.1-greatest-average")
        return
    if ctx.small:
        return
    for d in ctx.replay.decisions:
        yield from passed_over(d)


def _p8_1_largest_remainder(ctx: Context) -> Iterator[str]:
    """P 8 lid 1: with fewer than 19 seats, the residual seats go first to the lists with the
    largest remainders (overschotten), one each (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    if ctx.replay is None:
        yield from ctx.departures_for("P8.1-largest-remainder")
        return
    if not ctx.small:
        return
    for d in ctx.replay.decisions:
        if d.method == LARGEST_REMAINDER:
            yield from passed_over(d)


def _p8_3_greatest_average(ctx: Context) -> Iterator[str]:
    """P 8 lid 3: with fewer than 19 seats, the seats left after the remainders go by greatest
    averages, at most one per list; after list exhaustion, further seats by unrestricted
    greatest averages (Kieswet, https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    if ctx.replay is None:
        yield from ctx.departures_for("P8.3-greatest-average")
        return
    if not ctx.small:
        return
    for d in ctx.replay.decisions:
        if d.method != LARGEST_REMAINDER:
            yield from passed_over(d)


RULES: tuple[Rule, ...] = (
    Rule(
        "RESIDUAL-no-votes",
        "P 7, P 8",
        "A list without votes (stemcijfer 0) never receives a residual seat (restzetel).",
        _no_votes,
    ),
    Rule(
        "P7.1-greatest-average",
        "P 7 lid 1",
        "With 19 seats or more, each residual seat goes to the list with the greatest average "
        "(grootste gemiddelde): stemcijfer divided by its seats so far plus one.",
        _p7_1_greatest_average,
    ),
    Rule(
        "P7.2-full-quota-threshold",
        "P 7 lid 2",
        "In a Tweede Kamer or European Parliament election a list whose stemcijfer is below "
        "the kiesdeler receives no residual seat.",
        _p7_2_full_quota,
    ),
    Rule(
        "BILL36641-full-quota",
        "bill 36 641, P 7 / P 8",
        "Under bill 36 641 (every kind but the Eerste Kamer) a list whose stemcijfer is below "
        "the kiesdeler receives no residual seat.",
        _bill_36641_full_quota,
    ),
    Rule(
        "P8.1-largest-remainder",
        "P 8 lid 1",
        "With fewer than 19 seats, residual seats go first to the lists with the largest "
        "remainders (grootste overschotten), for as long as a list qualifies.",
        _p8_1_largest_remainder,
    ),
    Rule(
        "P8.2-75-percent",
        "P 8 lid 2",
        "A remainder seat goes only to a list whose stemcijfer is at least 75% of the kiesdeler.",
        _p8_2_75_percent,
    ),
    Rule(
        "P8.2-one-per-list",
        "P 8 lid 2",
        "In the largest-remainder round a list receives at most one residual seat.",
        _p8_2_one_per_list,
    ),
    Rule(
        "P8.3-greatest-average",
        "P 8 lid 3",
        "Seats left after the remainders go by greatest averages (every list with votes "
        "competes); after list exhaustion, further seats by unrestricted greatest averages.",
        _p8_3_greatest_average,
    ),
    Rule(
        "P8.3-average-one-per-list",
        "P 8 lid 3",
        "In the greatest-average round after the remainders a list receives at most one seat.",
        _p8_3_one_per_list,
    ),
)
"""P 7, P 8 and bill 36 641."""
