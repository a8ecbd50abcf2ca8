"""P 5 (kiesdeler) and P 6 (full seats), Kieswet as consolidated on 2026-01-01."""

from __future__ import annotations

from fractions import Fraction

from spec.model import Election, FullSeatsRow


def quota(election: Election) -> Fraction:
    """P 5: the kiesdeler, the sum of the stemcijfers divided by the number of seats."""
    return Fraction(election.total_votes, election.seats)


def full_seats(election: Election) -> tuple[dict[int, int], tuple[FullSeatsRow, ...]]:
    """P 6: each list gets ``floor(stemcijfer / kiesdeler)`` seats.

    Computed as ``(votes * seats) // total`` so no fraction is ever rounded. Returns the full
    seats per list number (in list order) and the rows with each exact remainder
    ``votes - full_seats * kiesdeler``.
    """
    total, seats = election.total_votes, election.seats
    counts: dict[int, int] = {}
    rows: list[FullSeatsRow] = []
    for lst in election.lists:
        n = counts[lst.number] = lst.votes * seats // total
        rows.append(
            FullSeatsRow(lst.number, lst.votes, n, Fraction(lst.votes * seats - n * total, seats))
        )
    return counts, tuple(rows)
