"""Exact numbers as people and files write them: mixed fractions such as ``69485 102/150``.

The Kiesraad publishes the kiesdeler as a mixed fraction over the number of seats
(TK2021: ``69485 102/150``). ``format_mixed`` writes the reduced form (``69485 17/25``);
``format_mixed_over`` keeps a chosen denominator, as a proces-verbaal does.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import TypeGuard

_MIXED = re.compile(r"^\s*(?:(\d+)\s+)?(\d+)\s*(?:/\s*(\d+))?\s*$")


def format_mixed(value: Fraction) -> str:
    """``Fraction(7553, 17)`` → ``'444 5/17'``; integers without a fraction part."""
    if value.numerator < 0:
        return "-" + format_mixed(-value)
    whole, rest = divmod(value.numerator, value.denominator)
    if rest == 0:
        return str(whole)
    if whole == 0:
        return f"{rest}/{value.denominator}"
    return f"{whole} {rest}/{value.denominator}"


def format_mixed_over(value: Fraction, denominator: int) -> str:
    """Mixed fraction over ``denominator`` when it divides exactly (``69485 102/150``)."""
    scaled = value * denominator
    if scaled.denominator != 1 or value < 0:
        return format_mixed(value)
    whole, rest = divmod(scaled.numerator, denominator)
    return str(whole) if rest == 0 else f"{whole} {rest}/{denominator}"


def parse_mixed(text: str) -> Fraction:
    """Inverse of ``format_mixed``: ``'444 5/17'``, ``'5/17'``, ``'617'``.

    Raises ``ValueError`` for anything else (no decimals, no signs, no zero denominator).
    """
    written = _as_written(text)
    if written is not None:
        return written
    match = _MIXED.match(text)
    if match is None:
        raise ValueError(f"not an exact non-negative number: {text!r}")
    whole, top, bottom = match.groups()
    if bottom is None:
        if whole is not None:
            raise ValueError(f"not an exact non-negative number: {text!r}")
        return Fraction(int(top))
    denominator = int(bottom)
    if denominator == 0:
        raise ValueError(f"zero denominator in {text!r}")
    # w + t/d written as the one fraction (w * d + t) / d.
    return Fraction(int(whole or 0) * denominator + int(top), denominator)


def _as_written(text: str) -> Fraction | None:
    """``text`` in exactly a form ``format_mixed`` writes (``'444 5/17'``, ``'5/17'``,
    ``'617'``: ASCII digits, one space, a denominator other than 0), read without the regular
    expression; ``None`` for any other text, which ``parse_mixed`` then reads with it."""
    if not text.isascii():
        return None
    whole, space, rest = text.partition(" ")
    if not space:
        whole, rest = "", text
    elif not whole.isdigit():
        return None
    top, slash, bottom = rest.partition("/")
    if not top.isdigit():
        return None
    if not slash:
        return None if whole else Fraction(int(top))
    if not bottom.isdigit():
        return None
    denominator = int(bottom)
    if denominator == 0:
        return None
    # w + t/d written as the one fraction (w * d + t) / d.
    return Fraction(int(whole or 0) * denominator + int(top), denominator)


def is_number_key(key: object) -> TypeGuard[str]:
    """``key`` is a JSON object key that names a number: ASCII digits only. (``"²".isdigit()``
    is true, yet ``int("²")`` fails; other scripts' digits are no list numbers either.)"""
    return isinstance(key, str) and key.isascii() and key.isdigit()
