"""Candidates: P 15 (preference votes), P 17 (list order), P 19 (ranking), P 19a (deceased).

Kieswet (BWBR0004627), consolidated text of 2026-01-01
(https://wetten.overheid.nl/BWBR0004627/2026-01-01). P 15: the candidates whose preference votes
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
from spec.rules.base import enumeration, plural, preference_share, show
from spec.rules.context import Context
from spec.rules.rule import Rule


def _only_lot_differs(
    ctx: Context, lst: ElectionList, claimed: tuple[int, ...], expected: tuple[int, ...]
) -> bool:
    """Whether ``claimed`` differs from ``expected`` only where a lot ordered equal votes
    (P 15 lid 1)."""
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
    """P 15 lid 1 (LOT-drawn for candidates): where equal votes decide who is elected "beslist
    het lot", and its outcome is followed (Kieswet, https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    for lst, _, _ in ctx.candidate_lists:
        expected = ctx.preference_elected[lst.number]
        claimed = ctx.claimed_preference[lst.number]
        if claimed != expected and _only_lot_differs(ctx, lst, claimed, expected):
            yield (
                f"lijst {lst.number}: volgens de gegeven lotingen zijn de kandidaten met "
                f"evenveel voorkeurstemmen gekozen als {list(expected)}, de uitkomst kiest "
                f"{list(claimed)}"
            )


def _p15_threshold(ctx: Context) -> Iterator[str]:
    """P 15 lid 1-2: the voorkeurdrempel is a quarter of the kiesdeler; half of it for a
    gemeenteraad or eilandsraad of fewer than 19 seats; a tenth for the European Parliament
    (Y 23a); the whole kiesdeler for the Eerste Kamer (U 15 lid 3) (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    stated = ctx.result.preference_threshold
    if ctx.completed and stated is not None and stated != ctx.threshold():
        share = preference_share(ctx.election)
        yield (
            f"de voorkeurdrempel is {show(share * 100)}% van de kiesdeler {show(ctx.quota)} = "
            f"{show(ctx.threshold())}, de uitkomst vermeldt {show(stated)}"
        )


def _p15_strict(ctx: Context) -> Iterator[str]:
    """P 15 lid 1: elected on preference only with "een aantal stemmen ... groter dan" the
    voorkeurdrempel: exactly the threshold is not enough (for the Eerste Kamer U 15 lid 3,
    ``_u15_at_least``) (Kieswet, https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    t = ctx.threshold()
    if ctx.election.kind == "EK":
        yield from _u15_at_least(ctx, t)
        return
    for lst, _, _ in ctx.candidate_lists:
        by_number = ctx.candidate_index[lst.number]
        for n in ctx.claimed_preference[lst.number]:
            c = by_number.get(n)
            if c is not None and c.votes <= t:
                relation = "precies gelijk aan" if c.votes == t else "lager dan"
                yield (
                    f"lijst {lst.number}: kandidaat {n} is met voorkeurstemmen gekozen, met "
                    f"{plural(c.votes, 'stem', 'stemmen')}, {relation} de voorkeurdrempel "
                    f"{show(t)}; er zijn meer stemmen dan de drempel nodig"
                )


def _u15_at_least(ctx: Context, t: Fraction) -> Iterator[str]:
    """U 15 lid 3 (Eerste Kamer): elected on preference with votes "groter dan of gelijk aan
    de kiesdeler": exactly the kiesdeler is enough (Kieswet, https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    for lst, _, _ in ctx.candidate_lists:
        by_number = ctx.candidate_index[lst.number]
        for n in ctx.claimed_preference[lst.number]:
            c = by_number.get(n)
            if c is not None and c.votes < t:
                yield (
                    f"lijst {lst.number}: kandidaat {n} is met voorkeurstemmen gekozen, met "
                    f"{plural(c.votes, 'stem', 'stemmen')}, lager dan de kiesdeler {show(t)}; "
                    "U 15 lid 3 eist ten minste de kiesdeler"
                )


def _p15_order(ctx: Context) -> Iterator[str]:
    """P 15 lid 1: the list's seats go first to its living candidates above the
    voorkeurdrempel, in the order of their votes (equal votes: list order, or the lot where it
    decides), as far as the list has seats (Kieswet, https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    t = ctx.threshold()
    for lst, seats, elected in ctx.candidate_lists:
        expected = ctx.preference_elected[lst.number]
        claimed = ctx.claimed_preference[lst.number]
        by_number = ctx.candidate_index[lst.number]
        if claimed != elected[: len(claimed)]:
            yield (
                f"lijst {lst.number}: de met voorkeurstemmen gekozen kandidaten "
                f"{list(claimed)} zijn niet de eersten van de gekozenen {list(elected)}"
            )
        if claimed == expected or _only_lot_differs(ctx, lst, claimed, expected):
            continue
        missing = [n for n in expected if n not in claimed]
        if missing:
            c = by_number[missing[0]]
            yield (
                f"lijst {lst.number}: kandidaat {c.number} heeft "
                f"{plural(c.votes, 'voorkeurstem', 'voorkeurstemmen')}, meer dan de "
                f"voorkeurdrempel {show(t)}, en de lijst heeft "
                f"{plural(seats, 'zetel', 'zetels')}, maar de kandidaat is niet met "
                "voorkeurstemmen gekozen"
                + (
                    f" (met voorkeurstemmen gekozen: {list(claimed)}, verwacht {list(expected)})"
                    if claimed
                    else ""
                )
            )
        elif set(claimed) == set(expected):
            votes = ", ".join(f"{n} ({by_number[n].votes})" for n in expected if n in by_number)
            yield (
                f"lijst {lst.number}: de kandidaten zijn met voorkeurstemmen gekozen in de "
                f"volgorde {list(claimed)}; in volgorde van hun stemmen (bij evenveel stemmen: "
                f"volgorde van de lijst of lot) is het {votes}"
            )
        elif len(claimed) > len(expected):
            extra = [n for n in claimed if n not in expected]
            yield (
                f"lijst {lst.number}: "
                f"{'kandidaat' if len(extra) == 1 else 'kandidaten'} {enumeration(extra)} "
                f"{'is' if len(extra) == 1 else 'zijn'} met voorkeurstemmen gekozen, maar "
                f"alleen {enumeration(expected) or 'niemand'} komt in aanmerking voor "
                f"{'de zetel' if seats == 1 else f'de {seats} zetels'} van de lijst"
            )


def _p17(ctx: Context) -> Iterator[str]:
    """P 17: the seats of a list not given on preference go to its other candidates in the
    order of the list; a list elects as many candidates as it holds seats (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    for lst, seats, elected in ctx.candidate_lists:
        if len(elected) != seats:
            yield (
                f"lijst {lst.number} heeft {plural(seats, 'zetel', 'zetels')}, maar "
                f"{plural(len(elected), 'kandidaat is', 'kandidaten zijn')} gekozen"
            )
        claimed = ctx.claimed_preference[lst.number]
        if claimed != elected[: len(claimed)]:
            continue
        rest = elected[len(claimed) :]
        living = ctx.living[lst.number]
        others = (n for n in living if n not in claimed)
        expected = tuple(islice(others, max(0, seats - len(claimed))))
        if rest != expected:
            chosen = plural(
                len(claimed),
                "met voorkeurstemmen gekozen kandidaat",
                "met voorkeurstemmen gekozen kandidaten",
            )
            yield (
                f"lijst {lst.number}: na {chosen} "
                f"gaan haar overige zetels naar de kandidaten op volgorde van de lijst "
                f"{list(expected)}, de uitkomst kiest {list(rest)}"
            )


def _p19_ranking(ctx: Context) -> Iterator[str]:
    """P 19: the ranking for later vacancies: those elected on preference in the order of
    their election, then the other candidates above the threshold by votes, then the rest in list
    order; lid 5: which lists are ranked (Kieswet, https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
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
                    f"lijst {lst.number} heeft geen gekozen kandidaat: haar rangschikking "
                    "blijft achterwege (P 19 lid 5), de uitkomst rangschikt haar"
                )
            continue
        order = [c.number for c in ctx.preference_orders.get(lst.number, [])]
        living = ctx.living[lst.number]
        rest = [n for n in living if n not in order] if order else living
        expected = tuple(order + rest)
        got = ranking.get(lst.number, ())
        if got != expected:
            yield (
                f"lijst {lst.number}: de rangschikking voor latere vacatures is "
                f"{list(expected)} (de met voorkeurstemmen gekozenen, de andere kandidaten "
                f"boven de drempel op stemmen, de rest op volgorde van de lijst), de uitkomst "
                f"vermeldt {list(got)}"
            )


def _p19a(ctx: Context) -> Iterator[str]:
    """P 19a: a candidate who has died is passed over: neither elected nor ranked (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    for lst, _, elected in ctx.candidate_lists:
        dead = ctx.deceased[lst.number]
        if not dead:
            continue  # nobody to pass over
        ranked = ctx.result.ranking.get(lst.number, ()) if ctx.result.ranking else ()
        for n in dict.fromkeys([*elected, *ctx.claimed_preference[lst.number]]):
            if n in dead:
                yield f"lijst {lst.number}: kandidaat {n} is overleden en kan niet gekozen worden"
        for n in ranked:
            if n in dead:
                yield (
                    f"lijst {lst.number}: kandidaat {n} is overleden en kan niet gerangschikt "
                    "worden"
                )


def _known_candidates(ctx: Context) -> Iterator[str]:
    """P 15 – P 17: the seats of a list go to candidates of that list, each elected at
    most once (Kieswet, https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    for lst, _, elected in ctx.candidate_lists:
        known = ctx.candidate_index[lst.number]
        for n in elected:
            if n not in known:
                yield (
                    f"lijst {lst.number} heeft geen kandidaat {n}, maar de uitkomst kiest die "
                    "kandidaat"
                )
        if len(set(elected)) != len(elected):
            yield (f"lijst {lst.number}: een kandidaat is meer dan eens gekozen in {list(elected)}")
    elected_map = ctx.result.elected
    if ctx.completed and elected_map is not None:
        for n in elected_map:
            if n in ctx.lists and ctx.lists[n].candidates is None and elected_map[n]:
                yield (
                    f"lijst {n} heeft alleen gegevens op lijstniveau, maar de uitkomst kiest "
                    "kandidaten van die lijst"
                )


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
