"""Candidates: P 15 (preference votes), P 17 (list order), P 19 (ranking), P 19a (deceased).

Kieswet (BWBR0004627), consolidated text of 2026-01-01. P 15: the candidates whose preference votes
exceed the voorkeurdrempel (25% of the kiesdeler; 50% for a gemeenteraad of fewer than 19 seats;
10% for the European Parliament, Y 23a; at least the kiesdeler for the Eerste Kamer, U 15 lid 3)
are elected first, in order of their votes, as far as the list has seats. P 17: the rest of the
list's seats go in list order. P 19: the ranking for later vacancies (lid 5: which lists). P 19a:
a deceased candidate is passed over.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from itertools import islice

from spec.model import ElectionList
from spec.rules.base import (
    Rule,
    join,
    preference_share,
    show,
    whole_part,
)
from spec.rules.replay import Context


def _only_lot_differs(
    ctx: Context, lst: ElectionList, claimed: tuple[int, ...], expected: tuple[int, ...]
) -> bool:
    """Whether ``claimed`` differs from ``expected`` only where a lot ordered equal votes."""
    if len(claimed) != len(expected):
        return False
    votes = {c.number: c.votes for c in lst.candidates or ()}
    decided = ctx.lot_decided.get(lst.number, set())
    for got, want in zip(claimed, expected, strict=True):
        if got == want:
            continue
        if got not in decided or want not in decided or votes.get(got) != votes.get(want):
            return False
    return True


def candidate_lots_followed(ctx: Context) -> Iterator[str]:
    """LOT-drawn for candidates: where a lot ordered equal votes, its outcome is followed."""
    for lst, _, _ in ctx.candidate_lists:
        expected = ctx.preference_elected[lst.number]
        claimed = ctx.claimed_preference[lst.number]
        if claimed != expected and _only_lot_differs(ctx, lst, claimed, expected):
            yield (
                f"list {lst.number}: by the supplied lots the candidates with equal votes are "
                f"elected as {list(expected)}, the result elects {list(claimed)}"
            )


def _p15_threshold(ctx: Context) -> Iterator[str]:
    stated = ctx.result.preference_threshold
    if ctx.completed and stated is not None and stated != ctx.threshold():
        share = preference_share(ctx.election)
        yield (
            f"the voorkeurdrempel is {show(share * 100)}% of the kiesdeler {show(ctx.quota)} = "
            f"{show(ctx.threshold())}, the result states {show(stated)}"
        )


def _p15_strict(ctx: Context) -> Iterator[str]:
    t = ctx.threshold()
    if ctx.election.kind == "EK":
        yield from _u15_at_least(ctx, t)
        return
    most = whole_part(t)  # votes <= t iff votes <= its whole part
    for lst, _, _ in ctx.candidate_lists:
        by_number = ctx.candidate_index[lst.number]
        for n in ctx.claimed_preference[lst.number]:
            c = by_number.get(n)
            if c is not None and c.votes <= most:
                relation = "exactly" if c.votes == t else "below"
                yield (
                    f"list {lst.number}: candidate {n} is elected on preference votes with "
                    f"{c.votes}, {relation} the voorkeurdrempel {show(t)}; more than the "
                    "threshold is required"
                )


def _u15_at_least(ctx: Context, t: Fraction) -> Iterator[str]:
    """U 15 lid 3 (Eerste Kamer): elected on preference with votes "groter dan of gelijk aan
    de kiesdeler": exactly the kiesdeler is enough."""
    for lst, _, _ in ctx.candidate_lists:
        by_number = ctx.candidate_index[lst.number]
        for n in ctx.claimed_preference[lst.number]:
            c = by_number.get(n)
            if c is not None and c.votes < t:
                yield (
                    f"list {lst.number}: candidate {n} is elected on preference votes with "
                    f"{c.votes}, below the kiesdeler {show(t)}; U 15 lid 3 requires at least "
                    "the kiesdeler"
                )


def _p15_order(ctx: Context) -> Iterator[str]:
    t = ctx.threshold()
    for lst, seats, elected in ctx.candidate_lists:
        expected = ctx.preference_elected[lst.number]
        claimed = ctx.claimed_preference[lst.number]
        by_number = ctx.candidate_index[lst.number]
        if claimed != elected[: len(claimed)]:
            yield (
                f"list {lst.number}: the candidates elected on preference {list(claimed)} are "
                f"not the first of those elected {list(elected)}"
            )
        if claimed == expected or _only_lot_differs(ctx, lst, claimed, expected):
            continue
        missing = [n for n in expected if n not in claimed]
        if missing:
            c = by_number[missing[0]]
            yield (
                f"list {lst.number}: candidate {c.number} has {c.votes} preference votes, more "
                f"than the voorkeurdrempel {show(t)}, and the list has {seats} seat(s), but "
                "is not elected on preference votes"
                + (
                    f" (elected on preference: {list(claimed)}, expected {list(expected)})"
                    if claimed
                    else ""
                )
            )
        elif set(claimed) == set(expected):
            votes = ", ".join(f"{n} ({by_number[n].votes})" for n in expected if n in by_number)
            yield (
                f"list {lst.number}: candidates are elected on preference in the order "
                f"{list(claimed)}; in order of their votes (equal votes: list order or lot) "
                f"it is {votes}"
            )
        elif len(claimed) > len(expected):
            extra = [n for n in claimed if n not in expected]
            yield (
                f"list {lst.number}: candidate(s) {join(extra)} are elected on preference, "
                f"but only {join(expected) or 'none'} qualify for the list's {seats} seat(s)"
            )


def _p17(ctx: Context) -> Iterator[str]:
    for lst, seats, elected in ctx.candidate_lists:
        if len(elected) != seats:
            yield (
                f"list {lst.number} holds {seats} seat(s), but {len(elected)} candidate(s) "
                "are elected"
            )
        claimed = ctx.claimed_preference[lst.number]
        if claimed != elected[: len(claimed)]:
            continue
        rest = elected[len(claimed) :]
        living = ctx.living[lst.number]
        others = (n for n in living if n not in claimed)
        expected = tuple(islice(others, max(0, seats - len(claimed))))
        if rest != expected:
            yield (
                f"list {lst.number}: after the {len(claimed)} elected on preference, its "
                f"remaining seats go to the candidates in list order {list(expected)}, the "
                f"result elects {list(rest)}"
            )


def _p19_ranking(ctx: Context) -> Iterator[str]:
    ranking = ctx.result.ranking
    if ranking is None:
        return
    # P 19 lid 5: with fewer than 19 seats every list is ranked; otherwise "blijft de
    # rangschikking achterwege" for a list without elected candidates (U 15 lid 2 reads lid 5
    # without that exception for the Eerste Kamer).
    small = ctx.election.seats < 19 and ctx.election.kind != "EK"
    for lst, _, elected in ctx.candidate_lists:
        if not elected and not small:
            if lst.number in ranking:
                yield (
                    f"list {lst.number} has no elected candidate: its ranking is left out "
                    "(P 19 lid 5), the result ranks it"
                )
            continue
        order = [c.number for c in ctx.preference_orders.get(lst.number, [])]
        living = ctx.living[lst.number]
        rest = [n for n in living if n not in order] if order else living
        expected = tuple(order + rest)
        got = ranking.get(lst.number, ())
        if got != expected:
            yield (
                f"list {lst.number}: the ranking for later vacancies is {list(expected)} "
                f"(preference-elected, other candidates above the threshold by votes, the rest "
                f"in list order), the result states {list(got)}"
            )


def _p19a(ctx: Context) -> Iterator[str]:
    for lst, _, elected in ctx.candidate_lists:
        dead = ctx.deceased[lst.number]
        if not dead:
            continue  # nobody to pass over
        ranked = ctx.result.ranking.get(lst.number, ()) if ctx.result.ranking else ()
        for n in dict.fromkeys([*elected, *ctx.claimed_preference[lst.number]]):
            if n in dead:
                yield f"list {lst.number}: candidate {n} is deceased and cannot be elected"
        for n in ranked:
            if n in dead:
                yield f"list {lst.number}: candidate {n} is deceased and cannot be ranked"


def _known_candidates(ctx: Context) -> Iterator[str]:
    for lst, _, elected in ctx.candidate_lists:
        known = ctx.candidate_index[lst.number]
        for n in elected:
            if n not in known:
                yield f"list {lst.number} has no candidate {n}, yet the result elects one"
        if len(set(elected)) != len(elected):
            yield f"list {lst.number}: a candidate is elected more than once in {list(elected)}"
    elected_map = ctx.result.elected
    if ctx.completed and elected_map is not None:
        for n in elected_map:
            if n in ctx.lists and ctx.lists[n].candidates is None and elected_map[n]:
                yield f"list {n} has list-level data only, yet the result elects candidates of it"


RULES: tuple[Rule, ...] = (
    Rule(
        "P15-threshold",
        "P 15 lid 1-2, Y 23a, U 15 lid 3",
        "The voorkeurdrempel is 25% of the kiesdeler (50% for a gemeenteraad or eilandsraad of "
        "fewer than 19 seats, 10% for the European Parliament, 100% for the Eerste Kamer).",
        _p15_threshold,
    ),
    Rule(
        "P15-threshold-strict",
        "P 15 lid 1",
        "A candidate is elected on preference votes only with more votes than the "
        "voorkeurdrempel; exactly the threshold is not enough.",
        _p15_strict,
    ),
    Rule(
        "P15-preference-order",
        "P 15 lid 1",
        "The list's seats go first to its living candidates above the voorkeurdrempel, in "
        "order of their votes (equal votes: list order, or the lot where it decides), as far "
        "as the list has seats.",
        _p15_order,
    ),
    Rule(
        "P17-list-order",
        "P 17",
        "The list's remaining seats go to its other living candidates in list order (volgorde "
        "van de lijst); a list elects exactly as many candidates as it holds seats.",
        _p17,
    ),
    Rule(
        "P19-ranking",
        "P 19",
        "The ranking for later vacancies: the preference-elected in order of election, the "
        "other candidates above the threshold by votes, then the rest in list order.",
        _p19_ranking,
    ),
    Rule(
        "P19a-deceased",
        "P 19a",
        "A deceased candidate (overleden kandidaat) is neither elected nor ranked.",
        _p19a,
    ),
    Rule(
        "CANDIDATES-known",
        "P 15 - P 17",
        "Only candidates of the list itself are elected, each at most once.",
        _known_candidates,
    ),
)
"""P 15 – P 19a."""
