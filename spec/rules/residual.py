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
from fractions import Fraction

from spec.rules.base import (
    GREATEST_AVERAGE,
    LARGEST_REMAINDER,
    ONE_PER_LIST,
    Reason,
    Rule,
    full_quota_rule,
    qualifies_for_remainder,
    reaches_quota,
    show,
)
from spec.rules.majority import plausible_p9_gainer
from spec.rules.replay import Context, SeatDecision, anyone_at_limit

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
    "no_votes": "it has no votes",
    "below_quota": "its stemcijfer is below the kiesdeler",
    "below_75": "its stemcijfer is below 75% of the kiesdeler",
    "exhausted": "it has no further living candidates",
    "won_this_round": "it already received a seat in this round",
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
                        f"{d.label} goes to list {d.winner} ({votes} votes, kiesdeler "
                        f"{show(ctx.quota)}), but {_REASON_TEXT[reason]}"
                    )
        elif ctx.completed:
            yield from _final_eligibility(ctx, rule_id)

    return check


def _final_eligibility(ctx: Context, rule_id: str) -> Iterator[str]:
    """Without steps: a list holding residual seats must be able to win them at all."""
    seats = ctx.seats
    if seats is None:
        return
    for number, lst in ctx.lists.items():
        extra = seats[number] - ctx.full[number]
        if extra <= 0 or plausible_p9_gainer(ctx, number):
            continue
        if rule_id == "RESIDUAL-no-votes" and lst.votes == 0:
            yield f"list {number} has no votes, yet holds {extra} residual seat(s)"
        below = full_quota_rule(ctx.election) and not reaches_quota(ctx.election, lst)
        kind_rule = (
            "P7.2-full-quota-threshold"
            if ctx.election.kind in ("TK", "EP")
            else "BILL36641-full-quota"
        )
        if rule_id == kind_rule and below and lst.votes > 0:
            yield (
                f"list {number} holds {extra} residual seat(s) with {lst.votes} votes, below the "
                f"kiesdeler {show(ctx.quota)}"
            )


def _method_rule(ctx: Context, method: str | None) -> str:
    if not ctx.small:
        return "P7.1-greatest-average"
    if method == LARGEST_REMAINDER:
        return "P8.1-largest-remainder"
    return "P8.3-greatest-average"


_METHOD_TEXT = {
    LARGEST_REMAINDER: "largest remainders (P 8 lid 1-2)",
    ONE_PER_LIST: "greatest averages, one seat per list (P 8 lid 3)",
    GREATEST_AVERAGE: "greatest averages",
}


def _greatest(rule_id: str) -> Callable[[Context], Iterator[str]]:
    def check(ctx: Context) -> Iterator[str]:
        replay = ctx.replay
        if replay is None:
            if ctx.completed:
                yield from _final_greatest(ctx, rule_id)
            return
        for d in replay.decisions:
            if _method_rule(ctx, d.method) != rule_id:
                continue
            if d.method is not None and d.claim.method != d.method:
                yield (
                    f"{d.label} (list {d.winner}) is assigned by "
                    f"{_METHOD_TEXT.get(d.claim.method, d.claim.method)}, but the law prescribes "
                    f"{_METHOD_TEXT[d.method]} at that point"
                )
            if d.reasons.get(d.winner) is not None or d.winner in d.tied:
                continue  # not eligible (another rule), or no list had a greater value
            other = min(d.tied)  # of the lists with the greatest value, the first
            value = d.values[other]
            yield (
                f"list {d.winner} holds {d.label} with {d.value_word} "
                f"{show(d.winner_value)}, while list {other} would have had {show(value)}"
            )

    return check


def _final_greatest(ctx: Context, rule_id: str) -> Iterator[str]:
    """Final-state characterisations where a result has no steps."""
    seats = ctx.seats
    if seats is None:
        return
    election = ctx.election

    def open_for_more(number: int) -> bool:
        lst = ctx.lists[number]
        return (
            lst.votes > 0
            and not (full_quota_rule(election) and not reaches_quota(election, lst))
            and not ctx.at_limit(number, seats[number])
        )

    if rule_id == "P7.1-greatest-average" and not ctx.small:
        # D'Hondt: the average at which a list holds its last residual seat is at least the
        # average any list that can still take a seat would have for one more.
        holders = [
            n for n in ctx.lists if seats[n] > ctx.full[n] and not plausible_p9_gainer(ctx, n)
        ]
        for holder in holders:
            last = Fraction(ctx.lists[holder].votes, seats[holder])
            greater = [
                (Fraction(ctx.lists[other].votes, seats[other] + 1), other)
                for other in ctx.lists
                if other != holder and open_for_more(other)
            ]
            best = max(greater, key=lambda item: (item[0], -item[1]), default=None)
            if best is not None and best[0] > last:
                yield (
                    f"list {holder} holds its last residual seat with average {show(last)}, "
                    f"while list {best[1]} would have had {show(best[0])}"
                )
        return
    if not ctx.small or anyone_at_limit(ctx, seats):
        return
    if any(plausible_p9_gainer(ctx, n) and seats[n] > ctx.full[n] for n in ctx.lists):
        return
    extra = {n: seats[n] - ctx.full[n] for n in ctx.lists}
    round1 = [
        n
        for n, lst in ctx.lists.items()
        if lst.votes > 0
        and not (full_quota_rule(election) and not reaches_quota(election, lst))
        and qualifies_for_remainder(election, lst)
    ]
    rest = {n: ctx.lists[n].votes - ctx.full[n] * ctx.quota for n in round1}
    k1 = min(max(ctx.residual_total, 0), len(round1))
    ranked = sorted(round1, key=lambda n: -rest[n])
    if rule_id == "P8.1-largest-remainder":
        # A list that fewer than k1 others match or beat in remainder wins a remainder seat
        # whatever the ties and lots: holding none is wrong.
        for n in round1:
            rivals = sum(1 for m in round1 if m != n and rest[m] >= rest[n])
            if rivals < k1 and extra[n] == 0:
                yield (
                    f"list {n} has remainder {show(rest[n])}, among the {k1} largest of the lists "
                    f"with at least 75% of the kiesdeler, yet holds no residual seat"
                )
    if rule_id == "P8.3-greatest-average" and ctx.residual_total > k1 and k1 >= 0:
        boundary_tie = k1 < len(ranked) and k1 > 0 and rest[ranked[k1]] == rest[ranked[k1 - 1]]
        if boundary_tie:
            return
        winners1 = set(ranked[:k1])
        after1 = {n: ctx.full[n] + (1 if n in winners1 else 0) for n in ctx.lists}
        round2 = [n for n in ctx.lists if open_for_more(n)]
        if len(round2) < ctx.residual_total - k1:
            return  # a third round: not characterised on final seats
        winners2 = [n for n in ctx.lists if seats[n] - after1[n] >= 1]
        losers2 = [n for n in round2 if seats[n] == after1[n]]
        for w in winners2:
            got = Fraction(ctx.lists[w].votes, after1[w] + 1)
            for other in losers2:
                would = Fraction(ctx.lists[other].votes, after1[other] + 1)
                if would > got:
                    yield (
                        f"list {w} holds a round-2 residual seat with average {show(got)}, "
                        f"while list {other} would have had {show(would)}"
                    )


def _one_per_list_final(rule_id: str) -> Callable[[Context], Iterator[str]]:
    base = eligibility(rule_id)

    def check(ctx: Context) -> Iterator[str]:
        yield from base(ctx)
        seats = ctx.seats
        if ctx.replay is not None or not ctx.completed or seats is None or not ctx.small:
            return
        if anyone_at_limit(ctx, seats) or _third_round(ctx):
            return
        for n, lst in ctx.lists.items():
            extra = seats[n] - ctx.full[n] - (1 if plausible_p9_gainer(ctx, n) else 0)
            in_round1 = qualifies_for_remainder(ctx.election, lst)
            if rule_id == "P8.3-average-one-per-list" and in_round1 and extra > 2:
                yield (
                    f"list {n} holds {extra} residual seats; at most one in the remainder round "
                    "and one in the greatest-average round is possible"
                )
            if rule_id == "P8.3-average-one-per-list" and not in_round1 and extra > 1:
                yield (
                    f"list {n} (below 75% of the kiesdeler) holds {extra} residual seats; "
                    "at most one in the greatest-average round is possible"
                )

    return check


def _third_round(ctx: Context) -> bool:
    """Whether P 8's unrestricted third round is reached: more residual seats than the lists
    that may win one in the remainder round and in the one-per-list average round."""
    election = ctx.election
    round2 = [
        lst
        for lst in election.lists
        if lst.votes > 0 and not (full_quota_rule(election) and not reaches_quota(election, lst))
    ]
    round1 = [lst for lst in round2 if qualifies_for_remainder(election, lst)]
    return ctx.residual_total > len(round1) + len(round2)


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
        _one_per_list_final("P8.2-one-per-list"),
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
        _one_per_list_final("P8.3-average-one-per-list"),
    ),
)
"""P 7, P 8 and bill 36 641."""
