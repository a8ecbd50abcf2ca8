"""U 2: the stemwaarde (weight) of a vote in the Eerste Kamer election.

Kieswet (BWBR0004627), consolidated text of 2026-01-01, chapter U. Exact integer arithmetic;
no floating point anywhere.
"""

from __future__ import annotations


def _positive(value: object, name: str) -> int:
    if type(value) is not int:
        raise ValueError(f"{name} must be a whole number (int), got {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be positive, got {value}")
    return value


def stemwaarde(inhabitants: int, members: int) -> int:
    """U 2: the stemwaarde of a vote cast by a member of provinciale staten (or a kiescollege).

    The number of inhabitants divided by 100 times the number of members, rounded to the
    nearest whole number, an exact half upwards: ``floor(inhabitants / (100 × members) + 1/2)``,
    computed as ``(2 × inhabitants + 100 × members) // (200 × members)``. The Kiesraad's 2023
    figures fix the rounding: Flevoland 444 850 / (100 × 41) = 108 1/2 → 109; Noord-Holland
    2 956 223 / 5 500 = 537.495... → 537.

    The 2023 stemwaarden of the BES kiescolleges (Bonaire, Sint Eustatius, Saba) follow the
    same formula with their inhabitants and kiescollege members; the kiescollege
    niet-ingezetenen does not (its stemwaarde is set from the votes in its own election, see
    ``docs/eerste-kamer.md``) and is given as an input instead.

    Raises ``ValueError`` naming the argument unless both are positive ``int`` values
    (``bool`` is refused too).
    """
    people = _positive(inhabitants, "inhabitants")
    seats = _positive(members, "members")
    return (2 * people + 100 * seats) // (200 * seats)
