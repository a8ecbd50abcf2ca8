"""The quantities the articles define, and the words the rules' messages use.

Kieswet (BWBR0004627), consolidated text of 2026-01-01
(https://wetten.overheid.nl/BWBR0004627/2026-01-01). The functions under "the law's quantities"
state what several articles share: the kiesdeler (P 5), the full seats (P 6), the
full-kiesdeler threshold for residual seats (P 7 lid 2, and bill 36 641), the 75% threshold for
remainder seats (P 8 lid 2) and the voorkeurdrempel (P 15 lid 1-2; Y 23a for the European
Parliament; U 15 lid 3 for the Eerste Kamer). The Dutch *kiesdeler* is ``quota``; a list's
*stemcijfer* is its ``votes``. Every comparison is of exact numbers (``int``, ``Fraction``), as
the law states it. A rule itself (``Rule``, ``Violation``) is in ``spec.rules.rule``.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Literal, TypeAlias

from spec.exact import format_mixed
from spec.model import Election, ElectionList

SMALL_COUNCIL = 19
"""P 7 / P 8: residual seats by largest remainders below this many seats."""

LARGEST_REMAINDER = "largest_remainder"
ONE_PER_LIST = "greatest_average_one_per_list"
GREATEST_AVERAGE = "greatest_average"


Reason: TypeAlias = Literal["no_votes", "below_quota", "below_75", "exhausted", "won_this_round"]


def show(value: Fraction | int) -> str:
    """An exact number as people write it: ``612 1/3``."""
    return format_mixed(Fraction(value))


def enumeration(items: Iterable[object]) -> str:
    """Dutch enumeration, as in the trace (``kieswet.render``): ``[3, 9]`` → ``3 en 9``,
    ``[1, 2, 3]`` → ``1, 2 en 3``."""
    words = [str(item) for item in items]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " en " + words[-1]


def plural(count: int, singular: str, many: str) -> str:
    """A count with its noun, as in the trace: ``plural(1, "zetel", "zetels")`` → ``"1 zetel"``;
    any other count takes ``many`` (``"0 zetels"``, ``"2 zetels"``)."""
    return f"{count} {singular if count == 1 else many}"


LOT_KINDS = {
    "residual_seat": "loting voor een restzetel",
    "absolute_majority": "loting onder P 9",
    "candidate": "kandidatenloting",
    "group_seat": "loting voor een zetel van een lijstengroep",
    "combination_seat": "loting voor een zetel van een lijstencombinatie",
}
"""A lot's ``kind`` in words (``lot_kind``)."""


def lot_kind(kind: str) -> str:
    """``"residual_seat"`` → ``"loting voor een restzetel"``; a kind without words of its own
    (not one of the format's kinds) as ``"loting (kind)"``."""
    return LOT_KINDS.get(kind, f"loting ({kind})")


# =========================================================================== the law's quantities


def quota(election: Election) -> Fraction:
    """P 5: the kiesdeler is the sum of the stemcijfers of all lists divided by the number of
    seats to fill."""
    return Fraction(election.total_votes, election.seats)


def full_seat_count(election: Election, lst: ElectionList) -> int:
    """P 6: a list receives as many seats as the kiesdeler is contained wholly in its
    stemcijfer."""
    return lst.votes // quota(election)


def full_quota_rule(election: Election) -> bool:
    """P 7 lid 2 (Tweede Kamer; the European Parliament in practice), and bill 36 641 for every
    kind of body but the Eerste Kamer: a residual seat only for a list whose stemcijfer reaches
    the kiesdeler."""
    return election.kind in ("TK", "EP") or (election.law == "bill-36641" and election.kind != "EK")


def reaches_quota(election: Election, lst: ElectionList) -> bool:
    """P 7 lid 2: the list's stemcijfer is at least the kiesdeler."""
    return lst.votes >= quota(election)


def qualifies_for_remainder(election: Election, lst: ElectionList) -> bool:
    """P 8 lid 2: a remainder seat only for a list whose stemcijfer is at least 75% of the
    kiesdeler (equality included); under bill 36 641 the whole kiesdeler."""
    if election.law == "bill-36641":
        return reaches_quota(election, lst)
    return lst.votes >= Fraction(3, 4) * quota(election)


def reaches_threshold(votes: int, threshold: Fraction, kind: str) -> bool:
    """P 15 lid 1: "een aantal stemmen ... groter dan" the voorkeurdrempel; for the Eerste Kamer
    U 15 lid 3: "groter dan of gelijk aan de kiesdeler"."""
    return votes >= threshold if kind == "EK" else votes > threshold


def preference_share(election: Election) -> Fraction:
    """P 15: the voorkeurdrempel as a share of the kiesdeler: 25%; 50% for a gemeenteraad or
    eilandsraad of fewer than 19 seats; 10% for the European Parliament (Y 23a); the whole
    kiesdeler for the Eerste Kamer (U 15 lid 3, where the comparison includes equality: see
    ``reaches_threshold``)."""
    if election.kind == "EP":
        return Fraction(1, 10)
    if election.kind == "EK":
        return Fraction(1)
    if election.kind in ("GR", "ER") and election.seats < SMALL_COUNCIL:
        return Fraction(1, 2)
    return Fraction(1, 4)


def preference_threshold(election: Election) -> Fraction:
    """P 15 lid 1-2: the voorkeurdrempel, the kiesdeler times ``preference_share``."""
    return quota(election) * preference_share(election)
