"""Typed data contract for counts and their totalisation up the chain.

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
from dataclasses import dataclass, field
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
    ``ReportingUnitIdentifier`` id). The explanations a proces-verbaal may give for a
    difference between D and H (EML ``UncountedVotes`` reason codes such as ``geen
    verklaring``) are not part of a count: the EML reader keeps them beside it
    (``interchange.eml.ContestCounts.explanations``).
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
    reported_votes_on_lists: int | None = None
    """E as written on the proces-verbaal (EML 510 ``TotalCounted``), when the source states
    it; ``None``: not stated. Totalisation checks it against the sum of the list totals
    (rule ``TOT-E-is-list-sum``); ``votes_on_lists`` is always that sum."""

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
    """A failed check of a count (the identities of the proces-verbaal, the control protocol):
    errors block the result, warnings are reported.

    ``code`` is stable (e.g. ``D-not-A+B+C``, ``blank-3-percent``); ``unit_id`` and ``field``
    (e.g. ``lists[3].total``) say where; ``message`` names the numbers involved.
    """

    severity: CheckSeverity
    code: str
    unit_id: str
    field: str
    message: str
    figures: tuple[tuple[str, int | str], ...] = ()
    """The numbers the finding rests on, by name (e.g. ``("D", 750), ("H", 735)``), for a
    findings file that a follow-up team imports; may be empty."""


# --------------------------------------------------------------------------- totalisation
# Added for reference/totalise.py, spec/totalisation_rules.py and interchange/counts.py.

CorrectionKind: TypeAlias = Literal["corrigendum", "recount"]
"""A corrigendum (model Na 14: the GSB corrects a polling station's result) or a recount."""


@dataclass(frozen=True, slots=True)
class Correction:
    """A later result for one unit that replaces the one before it (a corrigendum or recount).

    ``count`` is the unit's complete new count (not a delta); ``reason`` is free text (e.g.
    the corrigendum's reference).
    """

    unit_id: str
    kind: CorrectionKind
    count: Count
    reason: str = ""


@dataclass(frozen=True, slots=True)
class CountInputs:
    """What totalisation starts from, besides the hierarchy.

    ``counts``: the results of units as entered (normally the leaves of the hierarchy; a count
    for a higher unit is a *reported total* that is checked against the sum of its units);
    ``second_entries``: a second, independent data entry of some of those counts (double
    entry; it must be identical to the first); ``corrections``: applied in order, after
    double entry, each replacing one unit's count.
    """

    counts: tuple[Count, ...]
    second_entries: tuple[Count, ...] = ()
    corrections: tuple[Correction, ...] = ()
    explanations: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    """Unit id → the explanations its proces-verbaal gives for a difference between D and H
    (EML ``UncountedVotes`` reason code → number, e.g. ``{"geen verklaring": 2}``). Only
    units that state explanations are judged by the control protocol's explanation checks."""
    recounted: frozenset[str] = frozenset()
    """Units whose ballots were already recounted (or whose unexplained difference was already
    investigated): the control protocol's explanation checks leave them out."""


@dataclass(frozen=True, slots=True)
class FieldDifference:
    """One field that differs between two counts of the same unit.

    ``field`` is a path in the JSON form of a count (``admitted.total``, ``blank``,
    ``lists[3].total``, ``lists[3].candidates[12]``; list and candidate *numbers* in brackets,
    not positions); ``first`` / ``second`` are the two values, ``None`` where one count does
    not have the field (a list or candidate missing, or an optional number not given).
    """

    field: str
    first: int | None
    second: int | None


@dataclass(frozen=True, slots=True)
class CorrectionRecord:
    """The trace of one applied correction: the unit's changed fields (old → new, as
    ``FieldDifference(field, old, new)``) and the higher units whose totals were re-made."""

    unit_id: str
    kind: CorrectionKind
    reason: str
    changes: tuple[FieldDifference, ...]
    retotalled: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Totals:
    """A totalisation result: a count for every unit that has one (entered counts after
    corrections, and the computed totals of every higher unit), every finding, and the
    corrections trace. It is *accepted* only without error findings."""

    root: str
    counts: Mapping[str, Count]
    findings: tuple[CountFinding, ...]
    corrections: tuple[CorrectionRecord, ...] = ()

    @property
    def accepted(self) -> bool:
        return not any(finding.severity == "error" for finding in self.findings)


# --------------------------------------------------------------------------- control protocol

MORE_EXPLANATIONS: tuple[str, ...] = (
    "te veel uitgereikte stembiljetten",
    "te veel briefstembiljetten",
    "geen verklaring",
    "andere verklaring",
)
"""Explanations (EML ``UncountedVotes`` reason codes) of more ballots than admitted voters
(H > D): too many ballots handed out, too many postal ballots, no explanation, another one."""

FEWER_EXPLANATIONS: tuple[str, ...] = (
    "meegenomen stembiljetten",
    "te weinig uitgereikte stembiljetten",
    "geen briefstembiljetten",
    "kwijtgeraakte stembiljetten",
    "geen verklaring",
    "andere verklaring",
)
"""Explanations of fewer ballots than admitted voters (H < D): ballots taken away, too few
handed out, no postal ballots, ballots lost, no explanation, another one."""

NO_EXPLANATION = "geen verklaring"


@dataclass(frozen=True, slots=True)
class ControlProtocol:
    """The thresholds of one version of the Kiesraad's *controleprotocol* (the checks of part A
    that a centraal stembureau makes on each municipality's results per polling station).

    They are not law: the protocol changes between elections. Every percentage is a whole
    number and every boundary is inclusive; the shares are compared in exact arithmetic.

    * blank / invalid: 100 × F (G) ≥ ``blank_percent`` (``invalid_percent``) × H, H > 0;
    * difference: abs(D − H) ≥ ``difference_minimum`` **or** (H > 0 and 100 × abs(D − H) ≥
      ``difference_percent`` × H);
    * list deviation: a list's share of E at a unit and its share of E in the rest of the
      parent unit differ by ≥ ``list_deviation_points`` percentage points;
    * swapped candidates: at a unit, one candidate received ≥ ``swap_minimum_votes`` and ≥
      ``swap_factor`` × the votes expected from the rest of the parent unit (or any, when 0
      were expected), another of the same list was expected ≥ ``swap_minimum_votes`` and
      received ≤ 1 / ``swap_factor`` of that; only where the parent has at least
      ``swap_minimum_units`` units.
    """

    version: str
    source: str
    blank_percent: int = 3
    invalid_percent: int = 3
    difference_percent: int = 2
    difference_minimum: int = 15
    list_deviation_points: int = 50
    swap_factor: int = 5
    swap_minimum_votes: int = 15
    swap_minimum_units: int = 2


TOETSINGSKADER_2024 = (
    "Kiesraad, Toetsingskader voor controles verkiezingsuitslagen op stembureauniveau "
    "(15 February 2024), https://www.kiesraad.nl/binaries/kiesraad/documenten/publicaties/"
    "2024/02/15/toetsingskader-voor-controles-verkiezingsuitslagen-op-stembureauniveau/"
    "CBS+Onderzoek+Toetsingskader+voor+controles+verkiezingsuitslagen+op+stembureauniveau.pdf"
)

CONTROL_PROTOCOLS: Mapping[str, ControlProtocol] = {
    "2024-02": ControlProtocol(
        "2024-02",
        TOETSINGSKADER_2024 + "; as applied by the Kiesraad's HCP from 27 February 2024",
        swap_factor=10,
        swap_minimum_votes=20,
    ),
    "TK2025": ControlProtocol(
        "TK2025",
        TOETSINGSKADER_2024 + "; swapped candidates ≥ 5× and ≥ 15 votes since the Tweede "
        "Kamer election of 29 October 2025 (HCP, 14 August 2025)",
    ),
}
"""The control protocol versions by name; ``CURRENT_PROTOCOL`` is the default."""

CURRENT_PROTOCOL = "TK2025"


LEVEL_RANK: Mapping[Level, int] = {level: rank for rank, level in enumerate(LEVELS)}
"""SB 0, GSB 1, HSB 2, CSB 3: a unit's children are of a lower rank (levels may be skipped:
a gemeenteraad goes SB → GSB → CSB)."""


def hierarchy_problems(hierarchy: Hierarchy) -> list[tuple[str, str]]:
    """Structural faults of a hierarchy as ``(unit_id, reason)``; empty if it is a tree.

    A sound hierarchy: the root exists and has no parent; every unit's key is its
    ``unit_id``; every child exists, names this unit as its parent and has a lower level;
    every unit but the root has a parent that lists it; each unit is listed once; every unit
    is reachable from the root (so there is no cycle).
    """
    units = hierarchy.units
    problems: list[tuple[str, str]] = []
    if hierarchy.root not in units:
        return [(hierarchy.root, "the root is not one of the units")]
    if units[hierarchy.root].parent is not None:
        problems.append((hierarchy.root, "the root has a parent"))
    for key, unit in units.items():
        if key != unit.unit_id:
            problems.append((key, f"listed under {key!r} but its unit_id is {unit.unit_id!r}"))
        if len(set(unit.children)) != len(unit.children):
            problems.append((key, "a child is listed twice"))
        for child_id in unit.children:
            child = units.get(child_id)
            if child is None:
                problems.append((key, f"child {child_id!r} is not one of the units"))
            elif child.parent != key:
                problems.append((key, f"child {child_id!r} names {child.parent!r} as parent"))
            elif LEVEL_RANK[child.level] >= LEVEL_RANK[unit.level]:
                problems.append(
                    (key, f"child {child_id!r} ({child.level}) is not below {unit.level}")
                )
        if unit.parent is not None:
            parent = units.get(unit.parent)
            if parent is None or key not in parent.children:
                problems.append((key, f"parent {unit.parent!r} does not list it as a child"))
        elif key != hierarchy.root:
            problems.append((key, "has no parent but is not the root"))
    if not problems:
        seen: set[str] = set()
        stack = [hierarchy.root]
        while stack:
            key = stack.pop()
            seen.add(key)
            stack.extend(units[key].children)
        problems.extend((key, "not reachable from the root") for key in units if key not in seen)
    return problems


def preorder(hierarchy: Hierarchy) -> list[str]:
    """Unit ids from the root down, each unit before its children, children in their listed
    order (the order of every totals listing). Assumes a sound hierarchy."""
    order: list[str] = []
    stack = [hierarchy.root]
    while stack:
        key = stack.pop()
        order.append(key)
        stack.extend(reversed(hierarchy.units[key].children))
    return order
