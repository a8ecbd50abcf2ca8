"""Terse construction of counts and hierarchies for the totalisation tests.

``count(uid, lists, ...)`` builds a count whose derived numbers are *computed here from the
proces-verbaal formulas*, unless given: D = A + B + C, list total = Σ candidates,
H = E + F + G, and I / J from H and D (polling station form). Tests that need a wrong number
pass it explicitly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spec.counts import AdmittedVoters, Count, Hierarchy, Level, ListCount, Unit

Lists = Mapping[int, Sequence[int]]
"""List number → candidate votes of candidates 1, 2, 3, ..."""


def count(
    uid: str,
    lists: Lists,
    *,
    level: Level = "SB",
    blank: int = 0,
    invalid: int = 0,
    abc: tuple[int, int, int] | None = None,
    d: int | None = None,
    h: int | None = None,
    i: int | None = None,
    j: int | None = None,
    totals: Mapping[int, int] | None = None,
    e: int | None = None,
    eligible: int | None = None,
) -> Count:
    list_counts = tuple(
        ListCount(
            number,
            (totals or {}).get(number, sum(votes)),
            {k: v for k, v in enumerate(votes, start=1)},
        )
        for number, votes in sorted(lists.items())
    )
    counted = sum(lst.total for lst in list_counts) + blank + invalid if h is None else h
    a, b, c = abc if abc is not None else (counted, 0, 0)
    admitted = a + b + c if d is None else d
    return Count(
        unit_id=uid,
        name=uid.upper(),
        level=level,
        admitted=AdmittedVoters(a, b, c, admitted),
        lists=list_counts,
        blank=blank,
        invalid=invalid,
        total_counted=counted,
        more_counted=max(counted - admitted, 0) if i is None else i,
        fewer_counted=max(admitted - counted, 0) if j is None else j,
        eligible_voters=eligible,
        reported_votes_on_lists=e,
    )


def hierarchy(root: str, tree: Mapping[str, tuple[Level, Sequence[str]]]) -> Hierarchy:
    """``tree``: unit id → (level, children); parents are derived."""
    parents = {child: uid for uid, (_, kids) in tree.items() for child in kids}
    units = {
        uid: Unit(uid, uid.upper(), level, parents.get(uid), tuple(kids))
        for uid, (level, kids) in tree.items()
    }
    return Hierarchy(units, root)


def chain() -> Hierarchy:
    """CSB ← HSB ← GSB g1 (SB s1, s2), GSB g2 (SB s3)."""
    return hierarchy(
        "csb",
        {
            "csb": ("CSB", ["hsb"]),
            "hsb": ("HSB", ["g1", "g2"]),
            "g1": ("GSB", ["s1", "s2"]),
            "g2": ("GSB", ["s3"]),
            "s1": ("SB", []),
            "s2": ("SB", []),
            "s3": ("SB", []),
        },
    )


def municipality(*stations: str) -> Hierarchy:
    """A gemeenteraad: CSB ← GSB ← the given polling stations."""
    tree: dict[str, tuple[Level, Sequence[str]]] = {
        "csb": ("CSB", ["gsb"]),
        "gsb": ("GSB", list(stations)),
    }
    tree.update({s: ("SB", []) for s in stations})
    return hierarchy("csb", tree)
