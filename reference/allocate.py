"""Seat allocation for one contest, P 5 – P 19a, from a validated ``Election`` to a ``Result``.

Kieswet as consolidated on 2026-01-01 (law version ``current``), or a named law version.
The phases, each in its own module: ``quota`` (P 5, P 6), ``residual`` (P 7, P 8), ``majority``
(P 9), ``exhaustion`` (P 10, P 19a), ``candidates`` (P 15 – P 19a), ``lots``.
"""

from __future__ import annotations

from reference.candidates import nominate, preference_share
from reference.exhaustion import apply_list_exhaustion
from reference.lots import LotBox, LotMismatch, LotNeeded
from reference.majority import apply_absolute_majority
from reference.quota import full_seats, quota
from reference.residual import Standing, assign_residual_seats
from reference.words import seats_unfilled
from spec.model import (
    Completed,
    Election,
    InputError,
    NeedsLot,
    Rejected,
    Result,
    Step,
    UnfilledSeatsStep,
)


def allocate(election: Election) -> Result:
    """Allocate the seats of ``election`` and nominate its candidates.

    Returns ``Completed``, ``NeedsLot`` (a decisive tie; draw it and rerun with the outcome
    appended to ``election.lots``) or ``Rejected`` (a supplied lot that does not fit).
    """
    try:
        return allocate_or_raise(election)
    except LotMismatch as mismatch:
        return Rejected((InputError(f"lots[{mismatch.index}]", "lot_mismatch", mismatch.message),))


def allocate_or_raise(election: Election) -> Completed | NeedsLot:
    """``allocate``, with a supplied lot that does not fit raised as ``LotMismatch`` (its
    ``index`` the lot's place in ``election.lots``) instead of returned as ``Rejected``: for a
    caller whose lots are a part of its own input's (``reference.districts``)."""
    lots = LotBox(election.lots)
    kiesdeler = quota(election)
    full, rows = full_seats(election)
    standing = Standing.start(election, full, lots)
    warnings: list[str] = []
    try:
        residual = election.seats - sum(full.values())
        unfilled = assign_residual_seats(standing, residual)
        if unfilled:
            reason = "geen lijst komt voor een restzetel in aanmerking"
            standing.steps.append(UnfilledSeatsStep(unfilled, reason))
            warnings.append(f"{seats_unfilled(unfilled)}: {reason}")
        for warning in (apply_absolute_majority(standing), apply_list_exhaustion(standing)):
            if warning is not None:
                warnings.append(warning)
        threshold = kiesdeler * preference_share(election)
        elected: dict[int, tuple[int, ...]] = {}
        on_preference: dict[int, tuple[int, ...]] = {}
        ranking: dict[int, tuple[int, ...]] = {}
        nomination_steps: list[Step] = []
        for lst in election.lists:
            if lst.candidates is None:
                continue
            seats = standing.seats[lst.number]
            if seats == 0:
                elected[lst.number] = on_preference[lst.number] = ()
                # P 19 lid 5: with fewer than 19 seats every list is ranked, also one without a
                # seat; otherwise a list without elected candidates is not (U 15 lid 2 reads
                # lid 5 without that exception for the Eerste Kamer).
                if election.seats < 19 and election.kind != "EK":
                    ranking[lst.number] = nominate(election, lst, 0, threshold, lots).ranking
                continue
            nomination = nominate(election, lst, seats, threshold, lots)
            elected[lst.number] = nomination.elected
            on_preference[lst.number] = nomination.elected_on_preference
            ranking[lst.number] = nomination.ranking
            nomination_steps.append(nomination.step)
        lots.check_all_used()
    except LotNeeded as need:
        return NeedsLot(
            lot=need.question,
            lots_used=need.lots_used,
            quota=kiesdeler,
            seats_so_far=dict(standing.seats),
            steps=tuple(standing.steps),
        )
    has_candidates = any(lst.candidates is not None for lst in election.lists)
    return Completed(
        quota=kiesdeler,
        total_votes=election.total_votes,
        seats=dict(standing.seats),
        full_seats=full,
        full_seat_rows=rows,
        residual_seat_order=tuple(standing.order),
        elected=elected,
        elected_on_preference=on_preference,
        ranking=ranking,
        preference_threshold=threshold if has_candidates else None,
        steps=(*standing.steps, *nomination_steps),
        warnings=tuple(warnings),
    )
