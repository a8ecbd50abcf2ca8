"""Residual seats (restzetels): P 7 (19 seats or more) and P 8 (fewer than 19 seats).

Kieswet (BWBR0004627), consolidated text of 2026-01-01. P 7: greatest averages; P 7 lid 2: in a
Tweede Kamer (and European Parliament) election no residual seat for a list below the kiesdeler.
P 8: first the largest remainders, at most one per list and only for lists with at least 75% of the
kiesdeler (lid 1-2); then greatest averages, at most one per list (lid 3); after list exhaustion
unrestricted greatest averages (the Kiesraad's published reading). Also bill 36 641 (law version
``bill-36641``): residual seats only for lists that reach the kiesdeler. Ties and lots (P 7 lid 3,
P 8 lid 4) are in ``spec.rules.lots``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spec.rules.base import (
    GREATEST_AVERAGE,
    LARGEST_REMAINDER,
    ONE_PER_LIST,
    Reason,
    Rule,
    show,
)
from spec.rules.replay import Context, SeatDecision

_ELIGIBILITY_RULE: dict[Reason, str] = {
    "no_votes": "RESIDUAL-no-votes",
    "below_quota": "P7.2-full-quota-threshold",
    "below_75": "P8.2-75-percent",
    "exhausted": "P10-exhaustion",
    "won_this_round": "P8.2-one-per-list",
}


def _reason_rule(ctx: Context, d: SeatDecision) -> str | None:
    """The rule a residual seat to an ineligible list breaks (None: the winner is eligible)."""
    reason = d.reasons.get(d.winner)
    if reason is None:
        return None
    if reason == "below_quota" and ctx.election.kind not in ("TK", "EP"):
        return "BILL36641-full-quota"
    if reason == "won_this_round" and d.method == ONE_PER_LIST:
        return "P8.3-average-one-per-list"
    return _ELIGIBILITY_RULE[reason]


_REASON_TEXT: dict[Reason, str] = {
    "no_votes": "zij heeft geen stemmen",
    "below_quota": "haar stemcijfer is lager dan de kiesdeler",
    "below_75": "haar stemcijfer is lager dan 75% van de kiesdeler",
    "exhausted": "zij heeft geen levende kandidaten meer",
    "won_this_round": "zij kreeg in deze ronde al een restzetel",
}


def eligibility(rule_id: str) -> Callable[[Context], Iterator[str]]:
    def check(ctx: Context) -> Iterator[str]:
        replay = ctx.replay
        if replay is not None:
            for d in replay.decisions:
                if d.winner in d.reasons and _reason_rule(ctx, d) == rule_id:
                    reason = d.reasons[d.winner]
                    votes = ctx.lists[d.winner].votes
                    yield (
                        f"{d.label} gaat naar lijst {d.winner} (stemcijfer {votes}, kiesdeler "
                        f"{show(ctx.quota)}), maar {_REASON_TEXT[reason]}"
                    )
        else:
            yield from ctx.departures_for(rule_id)

    return check


def _method_rule(ctx: Context, method: str | None) -> str:
    if not ctx.small:
        return "P7.1-greatest-average"
    if method == LARGEST_REMAINDER:
        return "P8.1-largest-remainder"
    return "P8.3-greatest-average"


_METHOD_TEXT = {
    LARGEST_REMAINDER: "grootste overschotten (P 8 lid 1-2)",
    ONE_PER_LIST: "grootste gemiddelden, één restzetel per lijst (P 8 lid 3)",
    GREATEST_AVERAGE: "grootste gemiddelden",
}


def _greatest(rule_id: str) -> Callable[[Context], Iterator[str]]:
    def check(ctx: Context) -> Iterator[str]:
        replay = ctx.replay
        if replay is None:
            yield from ctx.departures_for(rule_id)
            return
        for d in replay.decisions:
            if _method_rule(ctx, d.method) != rule_id:
                continue
            if d.method is not None and d.claim.method != d.method:
                yield (
                    f"{d.label} (lijst {d.winner}) is toegewezen volgens "
                    f"{_METHOD_TEXT.get(d.claim.method, d.claim.method)}, maar de wet schrijft op "
                    f"dat moment {_METHOD_TEXT[d.method]} voor"
                )
            if d.reasons.get(d.winner) is not None or d.winner in d.tied:
                continue  # not eligible (another rule), or no list had a greater value
            other = min(d.tied)  # of the lists with the greatest value, the first
            value = d.values[other]
            yield (
                f"lijst {d.winner} krijgt {d.label} met {d.value_word} "
                f"{show(d.winner_value)}, terwijl lijst {other} {show(value)} zou hebben gehad"
            )

    return check


RULES: tuple[Rule, ...] = (
    Rule(
        "RESIDUAL-no-votes",
        "P 7, P 8",
        "A list without votes (stemcijfer 0) never receives a residual seat (restzetel).",
        eligibility("RESIDUAL-no-votes"),
    ),
    Rule(
        "P7.1-greatest-average",
        "P 7 lid 1",
        "With 19 seats or more, each residual seat goes to the list with the greatest average "
        "(grootste gemiddelde): stemcijfer divided by its seats so far plus one.",
        _greatest("P7.1-greatest-average"),
    ),
    Rule(
        "P7.2-full-quota-threshold",
        "P 7 lid 2",
        "In a Tweede Kamer or European Parliament election a list whose stemcijfer is below "
        "the kiesdeler receives no residual seat.",
        eligibility("P7.2-full-quota-threshold"),
    ),
    Rule(
        "BILL36641-full-quota",
        "bill 36 641, P 7 / P 8",
        "Under bill 36 641 (every kind but the Eerste Kamer) a list whose stemcijfer is below "
        "the kiesdeler receives no residual seat.",
        eligibility("BILL36641-full-quota"),
    ),
    Rule(
        "P8.1-largest-remainder",
        "P 8 lid 1",
        "With fewer than 19 seats, residual seats go first to the lists with the largest "
        "remainders (grootste overschotten), for as long as a list qualifies.",
        _greatest("P8.1-largest-remainder"),
    ),
    Rule(
        "P8.2-75-percent",
        "P 8 lid 2",
        "A remainder seat goes only to a list whose stemcijfer is at least 75% of the kiesdeler.",
        eligibility("P8.2-75-percent"),
    ),
    Rule(
        "P8.2-one-per-list",
        "P 8 lid 2",
        "In the largest-remainder round a list receives at most one residual seat.",
        eligibility("P8.2-one-per-list"),
    ),
    Rule(
        "P8.3-greatest-average",
        "P 8 lid 3",
        "Seats left after the remainders go by greatest averages (every list with votes "
        "competes); after list exhaustion, further seats by unrestricted greatest averages.",
        _greatest("P8.3-greatest-average"),
    ),
    Rule(
        "P8.3-average-one-per-list",
        "P 8 lid 3",
        "In the greatest-average round after the remainders a list receives at most one seat.",
        eligibility("P8.3-average-one-per-list"),
    ),
)
"""P 7, P 8 and bill 36 641."""
