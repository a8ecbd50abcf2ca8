"""The engine's few words: its warnings and lot questions are Dutch, in the law's terms, as
every text a tester may attach to a report (docs/testers-guide.md, "Taal").

Small on purpose: ``reference/`` imports no logic of ``spec/``, so it keeps its own plural,
enumeration and mixed fraction; the trace (``kieswet.render``) uses these same plural and
enumeration.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction


def plural(count: int, singular: str, many: str) -> str:
    """``plural(1, "zetel", "zetels")`` → ``"1 zetel"``; any other count takes ``many``."""
    return f"{count} {singular if count == 1 else many}"


def enumeration(items: Iterable[object]) -> str:
    """``[3, 9]`` → ``"3 en 9"``, ``[1, 2, 3]`` → ``"1, 2 en 3"``."""
    words = [str(item) for item in items]
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " en " + words[-1]


def mixed(value: Fraction) -> str:
    """An exact number as the proces-verbaal writes it: ``Fraction(7553, 17)`` → ``"444 5/17"``,
    ``Fraction(617)`` → ``"617"``, ``Fraction(1, 3)`` → ``"1/3"`` (never negative here)."""
    whole, rest = divmod(value.numerator, value.denominator)
    if rest == 0:
        return str(whole)
    fraction = f"{rest}/{value.denominator}"
    return fraction if whole == 0 else f"{whole} {fraction}"


def seats_unfilled(count: int) -> str:
    """``"1 zetel blijft onvervuld"``, ``"2 zetels blijven onvervuld"`` (P 10, Pa 25)."""
    return f"{plural(count, 'zetel blijft', 'zetels blijven')} onvervuld"


def seats_left(count: int) -> str:
    """Why a tie is decisive: ``"er blijft maar 1 zetel over"``, ``"er blijven maar 2 zetels
    over"``."""
    verb = "blijft" if count == 1 else "blijven"
    return f"er {verb} maar {plural(count, 'zetel', 'zetels')} over"
