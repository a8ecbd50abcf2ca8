"""P 10: list exhaustion (lijstuitputting), with P 19a (deceased candidates do not count),
and Pa 25 (the kiescollege niet-ingezetenen does not reassign the surplus).

Kieswet as consolidated on 2026-01-01.
"""

from __future__ import annotations

from reference.residual import Standing, assign_residual_seats
from reference.words import seats_unfilled
from spec.model import Election, ExhaustionStep, UnfilledSeatsStep

PA25_REASON = (
    "Pa 25: bij de verkiezing van het kiescollege niet-ingezetenen gaan de zetels van een "
    "uitgeputte lijst niet over op een andere lijst (in afwijking van P 10)"
)
"""The reason of the ``UnfilledSeatsStep`` (article ``Pa 25``) that Pa 25 leaves."""


def surplus_is_reassigned(election: Election) -> bool:
    """Whether P 10 reassigns the surplus seats of an exhausted list to the other lists.

    Pa 25 (in force since 2023-01-01, Stb. 2022, 410): in the election of the kiescollege
    niet-ingezetenen, "in afwijking van artikel P 10", the surplus seats are not assigned to a
    list; they stay empty. Every other kind of election reassigns them (P 10).
    """
    return election.kind != "KNI"


def apply_list_exhaustion(standing: Standing) -> str | None:
    """P 10: take away the seats a list cannot fill and reassign them.

    A list holding more seats than living candidates (P 19a: deceased candidates do not count)
    loses the surplus (its residual seats first, then full seats). The surplus is reassigned by
    continuing the residual-seat procedure from where it stood, passing over every list that has
    no further candidates.
    Seats that no list can take stay empty: a warning, not an error.
    Pa 25 (kiescollege niet-ingezetenen, see ``surplus_is_reassigned``): the surplus is removed
    the same way but not reassigned; it stays empty, with a warning and a step citing Pa 25.
    """
    surplus_total = 0
    for number, limit in standing.limits.items():
        if limit is None or standing.seats[number] <= limit:
            continue
        surplus = standing.seats[number] - limit
        residual_held = standing.seats[number] - standing.full[number]
        removed_residual = min(surplus, residual_held)
        removed_full = surplus - removed_residual
        standing.full[number] -= removed_full
        standing.seats[number] = limit
        surplus_total += surplus
        standing.steps.append(ExhaustionStep(number, limit, removed_residual, removed_full))
    if surplus_total == 0:
        return None
    if not surplus_is_reassigned(standing.election):
        standing.steps.append(UnfilledSeatsStep(surplus_total, PA25_REASON, "Pa 25"))
        return f"{seats_unfilled(surplus_total)}: {PA25_REASON}"
    empty = assign_residual_seats(standing, surplus_total, reassignment=True)
    if empty == 0:
        return None
    reason = "elke lijst die een zetel zou kunnen krijgen heeft geen levende kandidaten meer"
    standing.steps.append(UnfilledSeatsStep(empty, reason))
    return f"P 10: {seats_unfilled(empty)}: {reason}"
