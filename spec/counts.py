"""Typed data contract for counts and their totalisation up the chain (DOMAIN.md §1, §6).

Kieswet as consolidated on 2026-01-01; proces-verbaal models N 10-1 (stembureau), Na 31-1/2
(gemeentelijk stembureau), O 3 (hoofdstembureau), P 22-1 (centraal stembureau); EML_NL 510a-d.

The letters are those of the proces-verbaal:

* A stempassen, B volmachtbewijzen, C kiezerspassen, D = A + B + C toegelaten kiezers;
* E.1 .. E.n votes per list (each the sum of its candidates), E = the sum over lists;
* F blank (blanco), G invalid (ongeldig), H = E + F + G ballots counted;
* I more ballots counted than admitted voters (H − D when H > D), J fewer (D − H when D > H).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, TypeAlias

Level: TypeAlias = Literal["SB", "GSB", "HSB", "CSB"]
"""SB stembureau (polling station), GSB gemeentelijk stembureau (municipality), HSB
hoofdstembureau (electoral district), CSB centraal stembureau."""

LEVELS: tuple[Level, ...] = ("SB", "GSB", "HSB", "CSB")


@dataclass(frozen=True, slots=True)
class AdmittedVoters:
    """A, B, C and D (toegelaten kiezers)."""

    poll_cards: int  # A stempassen
    proxy_certificates: int  # B volmachtbewijzen
    voter_cards: int  # C kiezerspassen
    total: int  # D


@dataclass(frozen=True, slots=True)
class ListCount:
    """E.n: a list's total and its candidates' votes (candidate number → votes)."""

    list_number: int
    total: int
    candidates: Mapping[int, int]


@dataclass(frozen=True, slots=True)
class Count:
    """One reporting unit's count: a polling station's, or a total at a higher level.

    ``unit_id`` identifies the unit within the election (e.g. ``"0518::SB12"`` or an EML
    ``ReportingUnitIdentifier`` id); ``explained`` maps an explanation code to a number where
    the proces-verbaal gives reasons for a difference between D and H.
    """

    unit_id: str
    name: str
    level: Level
    admitted: AdmittedVoters
    lists: tuple[ListCount, ...]
    blank: int  # F
    invalid: int  # G
    total_counted: int  # H
    more_counted: int  # I
    fewer_counted: int  # J
    eligible_voters: int | None = None  # kiesgerechtigden (EML 510 "Cast")

    @property
    def votes_on_lists(self) -> int:
        """E: valid votes on lists."""
        return sum(lst.total for lst in self.lists)


@dataclass(frozen=True, slots=True)
class Unit:
    """A reporting unit in the hierarchy: its level, parent, and expected children."""

    unit_id: str
    name: str
    level: Level
    parent: str | None
    children: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Hierarchy:
    """Which units exist and which units each total is made of (SB → GSB → HSB → CSB)."""

    units: Mapping[str, Unit]
    root: str


CheckSeverity: TypeAlias = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class CountFinding:
    """A failed check of DOMAIN.md §6: errors block the result, warnings are reported.

    ``code`` is stable (e.g. ``D-not-A+B+C``, ``blank-3-percent``); ``unit_id`` and ``field``
    (e.g. ``lists[3].total``) say where; ``message`` names the numbers involved.
    """

    severity: CheckSeverity
    code: str
    unit_id: str
    field: str
    message: str
