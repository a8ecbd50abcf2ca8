"""P 10: list exhaustion (lijstuitputting), with P 19a (deceased candidates do not count).

Kieswet as consolidated on 2026-01-01.
"""

from __future__ import annotations

from reference.residual import Standing, assign_residual_seats
from spec.model import ExhaustionStep, UnfilledSeatsStep


def apply_list_exhaustion(standing: Standing) -> str | None:
    """P 10: take away the seats a list cannot fill and reassign them.

    A list holding more seats than living candidates (P 19a: deceased candidates do not count)
    loses the surplus (its residual seats first, then full seats). The surplus is reassigned by
    continuing the residual-seat procedure from where it stood, passing over every list that has
    no further candidates.
    Seats that no list can take stay empty: a warning, not an error.
    """
    surplus_total = 0
    for index, limit in enumerate(standing.limits):
        if limit is None or standing.seats[index] <= limit:
            continue
        surplus = standing.seats[index] - limit
        residual_held = standing.seats[index] - standing.full[index]
        removed_residual = min(surplus, residual_held)
        removed_full = surplus - removed_residual
        standing.full[index] -= removed_full
        standing.seats[index] = limit
        surplus_total += surplus
        standing.steps.append(
            ExhaustionStep(standing.numbers[index], limit, removed_residual, removed_full)
        )
    if surplus_total == 0:
        return None
    unfilled = assign_residual_seats(standing, surplus_total, reassignment=True)
    if unfilled == 0:
        return None
    reason = "every list that could receive a seat has no further living candidates"
    standing.steps.append(UnfilledSeatsStep(unfilled, reason))
    return f"P 10: {unfilled} seat(s) remain unfilled: {reason}"
