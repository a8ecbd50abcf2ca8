"""The engine's lot questions and warnings are Dutch, with the facts of the tie and the plural
right (docs/testers-guide.md, "Taal"): they reach a report as the ``description`` of a
``needs_lot`` result and the ``warnings`` of a completed one. The numbers are computed here by
hand; the warnings of P 10 and Pa 25 are tested with their articles (tests/test_articles.py,
tests/test_kni.py, tests/test_trace_golden.py)."""

from __future__ import annotations

from fractions import Fraction

from reference.allocate import allocate
from reference.words import enumeration, mixed, plural, seats_left, seats_unfilled
from spec.model import NeedsLot
from tests.builders import election


def _question(result: object) -> str:
    assert isinstance(result, NeedsLot)
    return result.lot.description


def test_words() -> None:
    assert plural(1, "zetel", "zetels") == "1 zetel"
    assert plural(0, "zetel", "zetels") == "0 zetels"
    assert enumeration([4]) == "4"
    assert enumeration([1, 2, 3]) == "1, 2 en 3"
    assert mixed(Fraction(7553, 17)) == "444 5/17"
    assert mixed(Fraction(617)) == "617"
    assert mixed(Fraction(1, 3)) == "1/3"
    assert seats_left(1) == "er blijft maar 1 zetel over"
    assert seats_left(2) == "er blijven maar 2 zetels over"
    assert seats_unfilled(1) == "1 zetel blijft onvervuld"
    assert seats_unfilled(3) == "3 zetels blijven onvervuld"


def test_residual_seat_lot_on_averages_one_seat_left() -> None:
    """GR 19 seats, 950 / 950: kiesdeler 100, full seats 9 / 9, one residual seat (P 7);
    both averages 950 / 10 = 95."""
    assert _question(allocate(election("GR", 19, [950, 950]))) == (
        "restzetel 1: de lijsten 1 en 2 hebben hetzelfde gemiddelde 95 en er blijft maar "
        "1 zetel over"
    )


def test_residual_seat_lot_on_averages_two_seats_left() -> None:
    """GR 20 seats, 600 / 600 / 600: kiesdeler 90, full seats 6 / 6 / 6, two residual seats;
    three averages 600 / 7 = 85 5/7 for two seats."""
    assert _question(allocate(election("GR", 20, [600, 600, 600]))) == (
        "restzetel 1: de lijsten 1, 2 en 3 hebben hetzelfde gemiddelde 85 5/7 en er blijven "
        "maar 2 zetels over"
    )


def test_residual_seat_lot_on_remainders() -> None:
    """GR 3 seats (P 8, fewer than 19), 150 / 150: kiesdeler 100, full seats 1 / 1, both
    remainders 50 (both lists reach 75% of the kiesdeler), one residual seat."""
    assert _question(allocate(election("GR", 3, [150, 150]))) == (
        "restzetel 1: de lijsten 1 en 2 hebben hetzelfde overschot 50 en er blijft maar "
        "1 zetel over"
    )


def test_candidate_lot() -> None:
    """GR 19 seats, list 1 (candidates 0 / 50 / 50 votes) and list 2 (1800): kiesdeler 100,
    list 1 has 1 seat; candidates 2 and 3 both reach the voorkeurdrempel (25% of 100, P 15
    lid 1) with 50 votes: a lot decides which is elected first."""
    assert _question(allocate(election("GR", 19, [[0, 50, 50], 1800]))) == (
        "lijst 1: de kandidaten 2 en 3 hebben elk 50 voorkeurstemmen; welke van hen wordt het "
        "eerst gekozen"
    )
