"""Conformance cases for elections with districts (operation ``allocate-districts``).

Kieswet (BWBR0004627), consolidated text of 2026-01-01; old P 4 / P 11 for law ``pre-2017-12``.
Two sources:

* hand-written cases (``CASES``), each with its hand computation in the comment and the
  expected seats per party and per list (and elected candidates, lot question or rejection
  codes) written down by hand;
* published results (TK 2017 – 2025, EP 2019 / 2024) turned into district-level input by
  ``real_district_input``: each list's published national votes split over 20 districts with a
  fixed seed (the parts sum exactly to the published total), parties as a stel gelijkluidende
  lijsten, as a lijstengroep of two stellen, or as a lijstengroep of a stel and one district
  list. The expected party seats are the officially allocated seats. TK 2017 is given under law
  ``pre-2017-12`` with the two lijstencombinaties of that election (GROENLINKS + PvdA, CU + SGP).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from conformance.vector_sources.handwritten import Topic

INPUT_FORMAT = "kieswet/district-allocation-input@1"
DISTRICTS = 20

COMBINATIONS_TK2017: tuple[tuple[str, str], ...] = (
    ("GROENLINKS", "Partij van de Arbeid (P.v.d.A.)"),
    ("ChristenUnie", "Staatkundig Gereformeerde Partij (SGP)"),
)
"""The lijstencombinaties of TK 2017 (Kiesraad, proces-verbaal of 21 March 2017)."""

REAL_SEED = 2026
"""The seed of the district split of every published result (tests and vectors alike)."""

REAL_ELECTIONS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("TK20170315", "pre-2017-12", COMBINATIONS_TK2017),
    ("TK20170315", "current", ()),
    ("TK20210317", "current", ()),
    ("TK20231122", "current", ()),
    ("TK20251029", "current", ()),
    ("EP20190523", "current", ()),
    ("EP20240606", "current", ()),
)
"""The published results given at district level: (fixture name in ``tests/fixtures/real``,
law version, lijstencombinaties by list name)."""


def split(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` split into ``parts`` non-negative ints that sum to it exactly."""
    weights = [rng.randint(1, 100) for _ in range(parts)]
    shares = [total * w // sum(weights) for w in weights]
    for i in range(total - sum(shares)):
        shares[i % parts] += 1
    return shares


def real_district_input(
    kind: str,
    seats: int,
    lists: Sequence[Mapping[str, Any]],
    seed: int,
    law: str = "current",
    combinations: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """A published national result as a district-level input (see the module docstring).

    ``lists`` are the single-contest input lists (number, name, votes, optional
    candidate_count). Party ``p`` (its list number) has district lists ``100 p + d`` in
    districts ``d = 1 .. 20``; its stellen are ``10000 + 10 p + k``; its group (if any) is ``p``.
    Parties whose ``p % 3`` is 0 (or that carry a candidate_count, so that P 10 stays as
    published) form one stel; 1: a group of two stellen (districts 1-10 and 11-20); 2: a group
    of a stel (1-19) and one district list (20).
    """
    rng = random.Random(seed)
    doc_lists: list[dict[str, Any]] = []
    sets: list[dict[str, Any]] = []
    groups: list[dict[str, Any]] = []
    number_of: dict[str, int] = {}
    for lst in lists:
        p = int(lst["number"])
        number_of[str(lst["name"])] = p
        parts = split(int(lst["votes"]), DISTRICTS, rng)
        for d in range(1, DISTRICTS + 1):
            item: dict[str, Any] = {
                "number": 100 * p + d,
                "district": d,
                "name": lst["name"],
                "votes": parts[d - 1],
            }
            if "candidate_count" in lst:
                item["candidate_count"] = lst["candidate_count"]
            doc_lists.append(item)
        mode = 0 if "candidate_count" in lst else p % 3
        ranges = {0: [(1, 20)], 1: [(1, 10), (11, 20)], 2: [(1, 19)]}[mode]
        members: list[int] = []
        for k, (first, last) in enumerate(ranges):
            set_number = 10000 + 10 * p + k
            sets.append(
                {
                    "number": set_number,
                    "name": lst["name"],
                    "lists": [100 * p + d for d in range(first, last + 1)],
                }
            )
            members.append(set_number)
        if mode == 2:
            members.append(100 * p + 20)
        if len(members) > 1:
            groups.append({"number": p, "name": lst["name"], "members": members})
    document: dict[str, Any] = {
        "format": INPUT_FORMAT,
        "election": {"kind": kind, "seats": seats, "law": law, "profile": "default"},
        "districts": [{"number": d, "name": f"kieskring {d}"} for d in range(1, DISTRICTS + 1)],
        "lists": doc_lists,
        "sets": sets,
        "groups": groups,
    }
    if combinations:
        party_number = {p["number"]: p["number"] for p in groups}
        document["combinations"] = [
            {
                "number": 90000 + index,
                "name": " + ".join(pair),
                "members": [
                    party_number.get(number_of[name], _party_of(number_of[name], groups, sets))
                    for name in pair
                ],
            }
            for index, pair in enumerate(combinations, start=1)
        ]
    return document


def real_contest_input(
    source: Mapping[str, Any], law: str = "current", combinations: Sequence[tuple[str, str]] = ()
) -> dict[str, Any]:
    """A published contest (a single-contest input of ``tests/fixtures/real``) at district
    level: ``real_district_input`` with the fixed seed ``REAL_SEED``."""
    return real_district_input(
        source["election"]["kind"],
        source["election"]["seats"],
        source["lists"],
        seed=REAL_SEED,
        law=law,
        combinations=combinations,
    )


def published_list_number(party: int) -> int:
    """The published list number of a party of ``real_district_input`` (its group ``p``, or
    its stel ``10000 + 10 p``)."""
    return party if party < 10000 else (party - 10000) // 10


def _party_of(p: int, groups: list[dict[str, Any]], sets: list[dict[str, Any]]) -> int:
    """The party number of list ``p``: its group, else its only stel."""
    if any(g["number"] == p for g in groups):
        return p
    number: int = next(s["number"] for s in sets if s["number"] // 10 == 1000 + p)
    return number


# --------------------------------------------------------------------------- hand-written


@dataclass(frozen=True)
class DistrictCase:
    """A hand-written case; ``errors`` (field, code): rejected; ``lot``: needs_lot, with
    ``seats_so_far`` (required with ``lot``, refused without it) the hand-computed seats decided
    before the question, keyed as the result's ``seats_so_far`` is at the question's stage: per
    contestant (group, stel, combination or list) at stages ``national`` and ``combination``,
    per party at ``group``, per P 12 list (stel or district list, with
    the P 16 lid 2 moves already made) at ``candidates``; otherwise completed with
    ``party_seats`` and ``seats`` (per P 12 list) and optionally ``elected`` and ``ranking``
    (P 19, per P 12 list with seats and candidates; when given, the whole mapping: lists
    without a seat have no ranking). The build (``conformance.vectors_build``) compares every
    one of them with the reference's result and stops on a difference."""

    group: str
    comment: str
    input: Mapping[str, Any]
    articles: tuple[str, ...]
    rules: tuple[str, ...]
    flags: tuple[str, ...] = ()
    party_seats: Mapping[int, int] | None = None
    seats: Mapping[int, int] | None = None
    elected: Mapping[int, tuple[int, ...]] = field(default_factory=dict)
    ranking: Mapping[int, tuple[int, ...]] | None = None
    lot: Mapping[str, Any] | None = None
    seats_so_far: Mapping[int, int] | None = None
    errors: tuple[tuple[str, str], ...] | None = None

    @property
    def status(self) -> str:
        if self.errors is not None:
            return "rejected"
        return "needs_lot" if self.lot is not None else "completed"


def district_doc(
    kind: str,
    seats: int,
    lists: Sequence[Mapping[str, Any]],
    *,
    districts: int = 3,
    sets: Sequence[Mapping[str, Any]] = (),
    groups: Sequence[Mapping[str, Any]] = (),
    combinations: Sequence[Mapping[str, Any]] = (),
    law: str = "current",
    lots: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    document: dict[str, Any] = {
        "format": INPUT_FORMAT,
        "election": {"kind": kind, "seats": seats, "law": law, "profile": "default"},
        "districts": [{"number": d} for d in range(1, districts + 1)],
        "lists": [dict(item) for item in lists],
        "sets": [dict(item) for item in sets],
        "groups": [dict(item) for item in groups],
    }
    if combinations:
        document["combinations"] = [dict(item) for item in combinations]
    if lots:
        document["lots"] = [dict(item) for item in lots]
    return document


def lst(number: int, district: int, votes: int, count: int | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"number": number, "district": district, "votes": votes}
    if count is not None:
        item["candidate_count"] = count
    return item


def cand_list(
    number: int,
    district: int,
    candidates: Sequence[tuple[str, int]],
    deceased: Sequence[str] = (),
) -> dict[str, Any]:
    """A candidate-level district list; the candidates named in ``deceased`` have died."""
    return {
        "number": number,
        "district": district,
        "candidates": [
            {
                "number": i,
                "name": name,
                "votes": votes,
                **({"deceased": True} if name in deceased else {}),
            }
            for i, (name, votes) in enumerate(candidates, start=1)
        ],
    }


# P 12 with a tie. GR-like body of 19+ seats is not needed: TK rules, 20 seats.
_P12_BASIC = district_doc(
    "PS",
    20,
    [
        lst(11, 1, 600),
        lst(12, 2, 300),
        lst(13, 3, 100),
        lst(21, 1, 500),
        lst(22, 2, 300),
        lst(23, 3, 200),
    ],
    groups=[{"number": 1, "members": [11, 12, 13]}, {"number": 2, "members": [21, 22, 23]}],
)

_P12_TIE = district_doc(
    "PS",
    20,
    [lst(11, 1, 500), lst(12, 2, 500), lst(21, 1, 700), lst(22, 2, 300)],
    groups=[{"number": 1, "members": [11, 12]}, {"number": 2, "members": [21, 22]}],
)

_P12_GROUP_TIE = district_doc(
    "PS",
    21,
    [lst(11, 1, 550), lst(12, 2, 550), lst(3, 1, 1000)],
    groups=[{"number": 1, "members": [11, 12]}],
)

_PREFERENCE = district_doc(
    "PS",
    20,
    [
        cand_list(11, 1, [("A", 300), ("B", 100), ("C", 50), ("D", 10), ("H", 0), ("I", 0)]),
        cand_list(12, 2, [("E", 200), ("A", 250), ("F", 60), ("G", 40), ("J", 0), ("K", 0)]),
        lst(21, 1, 600),
        lst(22, 2, 440),
    ],
    groups=[{"number": 1, "members": [11, 12]}],
    sets=[],
)

_SUMMED = district_doc(
    "PS",
    20,
    [
        cand_list(11, 1, [("Q", 180), ("S", 0), ("P", 20)]),
        cand_list(12, 2, [("R", 180), ("U", 0), ("P", 20)]),
        lst(2, 1, 1600, 30),
    ],
    districts=2,
    groups=[{"number": 1, "members": [11, 12]}],
)

_DOUBLE = district_doc(
    "PS",
    20,
    [
        cand_list(11, 1, [("X", 12), *((f"B{i}", 21) for i in range(1, 9)), ("B9", 20)]),
        cand_list(12, 2, [("X", 12), *((f"C{i}", 21) for i in range(1, 9)), ("C9", 20)]),
        lst(2, 1, 1600, 30),
    ],
    groups=[{"number": 1, "members": [11, 12]}],
)

_RANKING = district_doc(
    "PS",
    20,
    [
        cand_list(11, 1, [("X", 14), ("Y", 20), ("P", 15), ("A", 40), ("D", 29), ("E", 0)], ["D"]),
        cand_list(12, 2, [("Y", 8), ("B", 45), ("X", 14), ("P", 15), ("F", 0)]),
        lst(2, 1, 1800, 30),
    ],
    districts=2,
    groups=[{"number": 1, "members": [11, 12]}],
)

_PAD = (("C1", 24), ("C2", 24), ("C3", 24), ("C4", 24), ("C5", 24), ("C6", 24), ("C7", 24))

# Class A (P 13 with P 18 lid 3): list 12's only candidates are elected on list 11.
_LIST_RUNS_OUT = district_doc(
    "PS",
    20,
    [
        cand_list(11, 1, [("P", 50), ("X", 13), *_PAD, ("C8", 9)]),
        cand_list(12, 2, [("P", 49), ("X", 11)]),
        lst(2, 1, 1700, 30),
    ],
    districts=2,
    groups=[{"number": 1, "members": [11, 12]}],
)

# Class B (P 18 lid 2): the refill takes only candidates not yet elected.
_REFILL = district_doc(
    "PS",
    20,
    [
        cand_list(
            11,
            1,
            [("X", 11), ("Y", 1), ("Z", 0), *((f"A{i}", 24) for i in range(1, 8)), ("A8", 20)],
        ),
        cand_list(
            12,
            2,
            [
                ("X", 10),
                ("W", 0),
                ("Y", 5),
                ("V", 0),
                *((f"B{i}", 24) for i in range(1, 8)),
                ("B8", 17),
            ],
        ),
        lst(2, 1, 1600, 30),
    ],
    districts=2,
    groups=[{"number": 1, "members": [11, 12]}],
)

# Class C (P 16 lid 2 twice): the second forfeited seat is found further back.
_FORFEIT_TWICE = district_doc(
    "PS",
    20,
    [
        cand_list(
            11, 1, [("A", 60), ("B", 50), ("Q", 40), ("D", 30), ("E1", 24), ("E2", 24), ("E3", 22)]
        ),
        cand_list(12, 2, [*((f"F{i}", 23) for i in range(1, 9)), ("F9", 6)]),
        cand_list(13, 3, [*((f"G{i}", 24) for i in range(1, 7)), ("G7", 16)]),
        lst(2, 1, 1400, 30),
    ],
    groups=[{"number": 1, "members": [11, 12, 13]}],
)

# Class D (P 16 lid 2 among full seats): no order between lists 12 and 13, the lot decides.
_FORFEIT_FULL = district_doc(
    "PS",
    20,
    [
        cand_list(11, 1, [("A", 60), ("B", 50), ("Q", 40), ("E1", 24), ("E2", 24), ("E3", 2)]),
        cand_list(12, 2, [*((f"F{i}", 24) for i in range(1, 9)), ("F9", 8)]),
        cand_list(13, 3, [*((f"G{i}", 24) for i in range(1, 9)), ("G9", 8)]),
        lst(2, 1, 1400, 30),
    ],
    groups=[{"number": 1, "members": [11, 12, 13]}],
)

# Class D2 (P 16 lid 2 twice among full seats): one list can lose two of its full seats, and
# with two lists holding a free full seat the lot decides each time.
_FORFEIT_FULL_TWICE = district_doc(
    "PS",
    20,
    [
        cand_list(11, 1, [("P1", 53), ("P2", 51), ("P3", 49), ("P4", 47)]),
        cand_list(12, 2, [(f"Q{i}", 25) for i in range(1, 13)]),
        lst(2, 1, 1500, 30),
    ],
    districts=2,
    groups=[{"number": 1, "members": [11, 12]}],
)
_FORFEIT_FULL_LOTS = district_doc(
    "PS",
    20,
    [
        cand_list(11, 1, [("P1", 53), ("P2", 51), ("P3", 49), ("P4", 47)]),
        cand_list(12, 2, [(f"Q{i}", 25) for i in range(1, 9)]),
        cand_list(13, 3, [(f"R{i}", 20) for i in range(1, 6)]),
        lst(2, 1, 1500, 30),
    ],
    groups=[{"number": 1, "members": [11, 12, 13]}],
)

_COMBINATION_TIE = district_doc(
    "PS",
    20,
    [lst(1, 1, 1000), lst(2, 1, 550), lst(3, 1, 450)],
    districts=1,
    combinations=[{"number": 9, "members": [2, 3]}],
    law="pre-2017-12",
)

_COMBINATION_DISSOLVED_GROUP_TIE = district_doc(
    "PS",
    20,
    [lst(11, 1, 250), lst(12, 2, 250), lst(2, 1, 1450), lst(3, 1, 50)],
    districts=2,
    groups=[{"number": 1, "members": [11, 12]}],
    combinations=[{"number": 9, "members": [2, 3]}],
    law="pre-2017-12",
)

_COMBINATION = district_doc(
    "PS",
    20,
    [lst(1, 1, 1090), lst(2, 1, 560), lst(3, 1, 350)],
    districts=1,
    combinations=[{"number": 9, "members": [2, 3]}],
    law="pre-2017-12",
)

# P 13 inside a lijstengroep: list 11 has 1 candidate for 6 full seats (issue 16, mutants of
# reference/groups.py: the seats passed on, P 12 lid 5 with two remainder seats and greatest
# averages after them).
_GROUP_LIMIT = district_doc(
    "PS",
    20,
    [lst(11, 1, 620, 1), lst(12, 2, 230, 30), lst(13, 3, 150, 30), lst(2, 1, 1000, 30)],
    groups=[{"number": 1, "members": [11, 12, 13]}],
)

# P 13 with P 18 lid 3, the seat passed on decided by the continued largest remainders: list
# 14's only candidate is elected on list 11; lists 12 and 13 both can take its seat (issue 16,
# mutants of the continued application in reference/groups.py).
_PASS_ON_ORDER = district_doc(
    "PS",
    20,
    [
        cand_list(11, 1, [("P", 101), *((f"A{i}", 24) for i in range(1, 19)), ("A19", 17)]),
        cand_list(12, 2, [*((f"B{i}", 24) for i in range(1, 10)), ("B10", 4)]),
        cand_list(13, 3, [*((f"C{i}", 24) for i in range(1, 6)), ("C6", 10)]),
        cand_list(14, 4, [("P", 100)]),
        lst(2, 1, 1000, 30),
    ],
    districts=4,
    groups=[{"number": 1, "members": [11, 12, 13, 14]}],
)

# P 13 inside a lijstengroep ending in equal averages for the last seat (issue 16: the value of
# a lot by greatest average within a group).
_GROUP_LIMIT_TIE = district_doc(
    "PS",
    20,
    [lst(11, 1, 700, 1), lst(12, 2, 150, 30), lst(13, 3, 150, 30), lst(2, 1, 1000, 30)],
    groups=[{"number": 1, "members": [11, 12, 13]}],
)

# P 13 with P 18 lid 3, the seats passed on decided by the continued greatest averages: list
# 13's candidates are elected on list 11 (issue 16, mutants of the continued application).
_PASS_ON_AVERAGES = district_doc(
    "PS",
    20,
    [
        cand_list(
            11, 1, [("P", 126), ("X", 126), *((f"A{i}", 24) for i in range(1, 14)), ("A14", 16)]
        ),
        cand_list(12, 2, [*((f"B{i}", 24) for i in range(1, 8)), ("B8", 2)]),
        cand_list(13, 3, [("P", 125), ("X", 125)]),
        lst(2, 1, 1000, 30),
    ],
    groups=[{"number": 1, "members": [11, 12, 13]}],
)

CASES: tuple[DistrictCase, ...] = (
    DistrictCase(
        "P 12 groepskiesdeler and largest remainders",
        "PS, 20 seats, 2000 votes, kiesdeler 100. Group 1 (1000 votes) and group 2 (1000 "
        "votes) get 10 full seats each, no residual seat. P 12 group 1: groepskiesdeler "
        "1000/10 = 100; lists 11: 600/100 = 6, 12: 3, 13: 1, no remainders. Group 2: "
        "groepskiesdeler 100; lists 21: 5, 22: 3, 23: 2.",
        _P12_BASIC,
        ("P 3", "P 12"),
        ("P12.1-group-quota", "P12.2-largest-remainder", "P12-seat-sum"),
        party_seats={1: 10, 2: 10},
        seats={11: 6, 12: 3, 13: 1, 21: 5, 22: 3, 23: 2},
    ),
    DistrictCase(
        "P 12 groepskiesdeler and largest remainders",
        "PS, 20 seats, 2000 votes, kiesdeler 100; each group 1000 votes, 10 seats. Group 1: "
        "groepskiesdeler 100, lists 11 and 12: 5 each. Group 2: lists 21: 7, 22: 3. No tie "
        "needs a lot: all seats are full seats.",
        _P12_TIE,
        ("P 12",),
        ("P12.1-group-quota", "P12-seat-sum"),
        party_seats={1: 10, 2: 10},
        seats={11: 5, 12: 5, 21: 7, 22: 3},
    ),
    DistrictCase(
        "P 12 ties",
        "PS, 19 seats, 2000 votes, kiesdeler 2000/19 = 105 5/19. Group 1 (1000 votes): "
        "1000/(2000/19) = 9.5, 9 full seats; group 2 likewise 9 full seats; 1 residual seat "
        "by greatest average (P 7): both 1000/10 = 100, one seat: lot between groups 1 and 2.",
        {**_P12_TIE, "election": {**_P12_TIE["election"], "seats": 19}},
        ("P 7",),
        ("LOT-decisive",),
        ("tie", "needs_lot"),
        lot={"kind": "residual_seat", "options": [1, 2]},
        # seats_so_far (stage national, per contestant): 2000 votes, 19 seats, kiesdeler 2000/19;
        # groups 1 and 2 (1000 each): 1000 * 19 / 2000 = 9.5 → 9 full seats each, 1 residual seat
        # (P 7) tied at 1000/10 = 100: nothing beyond the full seats is settled.
        seats_so_far={1: 9, 2: 9},
    ),
    DistrictCase(
        "P 12 ties",
        "The same, lot drawn for group 1 (10 seats). P 12 group 1: groepskiesdeler 1000/10 = "
        "100; lists 11 and 12: 500/100 = 5 each, no remainder, no tie. Group 2 (9 seats): "
        "groepskiesdeler 1000/9 = 111 1/9; list 21: 700 → 6 full (666 2/3), remainder "
        "33 1/3; list 22: 300 → 2 full (222 2/9), remainder 77 7/9; 1 remainder seat → 22.",
        {
            **_P12_TIE,
            "election": {**_P12_TIE["election"], "seats": 19},
            "lots": [{"kind": "residual_seat", "options": [1, 2], "drawn": 1}],
        },
        ("P 7", "P 12"),
        ("P12.1-group-quota", "P12.2-largest-remainder", "P12-seat-sum"),
        ("tie", "lot"),
        party_seats={1: 10, 2: 9},
        seats={11: 5, 12: 5, 21: 6, 22: 3},
    ),
    DistrictCase(
        "P 12 ties",
        "PS, 21 seats, 2100 votes, kiesdeler 100. Group 1 (lists 11: 550, 12: 550; 1100 "
        "votes): 11 full seats; list 3 (1000): 10. P 12 group 1: groepskiesdeler 1100/11 = "
        "100; lists 11 and 12: 5 full seats each, remainder 50 each; 1 remainder seat for "
        "two equal remainders: lot (P 12 lid 5).",
        _P12_GROUP_TIE,
        ("P 12",),
        ("P12.2-largest-remainder",),
        ("tie", "needs_lot"),
        lot={"kind": "group_seat", "options": [11, 12], "list": 1},
        # seats_so_far (stage group, per party): 2100 votes, 21 seats, kiesdeler 100; group 1 1100
        # → 11 full seats, list 3 1000 → 10, no residual seat; both settled before P 12.
        seats_so_far={1: 11, 3: 10},
    ),
    DistrictCase(
        "P 12 ties",
        "The same with the lot drawn for list 12: 11: 5, 12: 6.",
        {
            **_P12_GROUP_TIE,
            "lots": [{"kind": "group_seat", "options": [11, 12], "drawn": 12, "list": 1}],
        },
        ("P 12",),
        ("P12.2-largest-remainder", "P12-seat-sum"),
        ("tie", "lot"),
        party_seats={1: 11, 3: 10},
        seats={11: 5, 12: 6, 3: 10},
    ),
    DistrictCase(
        "P 13 inside a lijstengroep: a list with fewer candidates than seats",
        "PS, 20 seats, 2000 votes, kiesdeler 100. Group 1 (lists 11: 620 votes, 1 candidate; "
        "12: 230; 13: 150; 1000 votes, 61 candidates): 10 full seats; list 2 (1000): 10. P 12 "
        "lid 4, groepskiesdeler 1000/10 = 100: list 11 6 full seats (remainder 20), 12: 2 "
        "(remainder 30), 13: 1 (remainder 50). List 11 can take 1 seat: P 13 lid 1, its 5 "
        "other seats pass on by continued application of P 12, so with 1 + 2 + 1 = 4 seats "
        "held 6 are left. P 12 lid 5, largest remainders among lists 12 and 13 (11 takes no "
        "further part): 13 (50) → 2 seats, then 12 (30) → 3. P 13 lid 2 (P 7 lid 1), greatest "
        "averages: 12: 230/4 = 57 1/2 > 13: 150/3 = 50 → 12 (4); 12: 230/5 = 46 < 50 → 13 "
        "(3); 12: 46 > 13: 150/4 = 37 1/2 → 12 (5); 12: 230/6 = 38 1/3 > 37 1/2 → 12 (6). "
        "Seats 11: 1, 12: 6, 13: 3 (sum 10).",
        _GROUP_LIMIT,
        ("P 12", "P 13"),
        ("P12.1-group-quota", "P12.2-largest-remainder", "P12-seat-sum"),
        party_seats={1: 10, 2: 10},
        seats={11: 1, 12: 6, 13: 3, 2: 10},
    ),
    DistrictCase(
        "P 13 inside a lijstengroep: a list with fewer candidates than seats",
        "PS, 20 seats, 2000 votes, kiesdeler 100. Group 1 (lists 11: 700 votes, 1 candidate; "
        "12: 150; 13: 150): 10 seats; list 2 (1000): 10. P 12 lid 4, groepskiesdeler 100: "
        "list 11 7 full seats (remainder 0), 12 and 13 1 each (remainder 50). List 11 takes 1 "
        "(P 13 lid 1): 3 seats held, 7 left. P 12 lid 5: 12 and 13 (50 each) one each, 2 "
        "seats, no lot needed (two seats for two lists). P 13 lid 2, greatest averages: 12 "
        "and 13 150/3 = 50 each, two seats: one each (3); 150/4 = 37 1/2 each: one each (4); "
        "150/5 = 30 each for the 1 seat left: the lot (P 13 lid 2 with P 7, here for the "
        "group: kind group_seat, list 1), the tied value 30.",
        _GROUP_LIMIT_TIE,
        ("P 12", "P 13"),
        ("LOT-decisive",),
        ("tie", "needs_lot"),
        lot={"kind": "group_seat", "options": [12, 13], "list": 1},
        # seats_so_far (stage group, per party): 2000 votes, 20 seats, kiesdeler 100; group 1
        # (700 + 150 + 150) 1000 → 10 full seats, list 2 1000 → 10, no residual seat; the tie is
        # inside group 1's P 12 / P 13 distribution, after both parties' seats are settled.
        seats_so_far={1: 10, 2: 10},
    ),
    DistrictCase(
        "P 13 inside a lijstengroep: a list with fewer candidates than seats",
        "The same with the lot drawn for list 13: 11: 1, 12: 4, 13: 5.",
        {
            **_GROUP_LIMIT_TIE,
            "lots": [{"kind": "group_seat", "options": [12, 13], "drawn": 13, "list": 1}],
        },
        ("P 12", "P 13"),
        ("P12.2-largest-remainder", "P12-seat-sum"),
        ("tie", "lot"),
        party_seats={1: 10, 2: 10},
        seats={11: 1, 12: 4, 13: 5, 2: 10},
    ),
    DistrictCase(
        "P 13 inside a lijstengroep: a list with fewer candidates than seats",
        "Deceased candidates of a list-level list (P 19a; issue 16). PS, 20 seats, 2000 votes, "
        "kiesdeler 100. Group 1: list 11 (district 1: 600 votes, 30 candidates), list 12 "
        "(district 2: 400 votes, 5 candidates of whom 2 deceased: 3 can take a seat); list 2: "
        "1000. Full seats: group 10, list 2 10. P 12, groepskiesdeler 100: lists 11 6 and 12 4 "
        "full seats, no remainders. List 12 can take 5 − 2 = 3 (P 13 lid 1): its fourth seat "
        "passes on to list 11, the only other list. Seats 11: 7, 12: 3.",
        district_doc(
            "PS",
            20,
            [
                lst(11, 1, 600, 30),
                {**lst(12, 2, 400, 5), "deceased_count": 2},
                lst(2, 1, 1000, 30),
            ],
            districts=2,
            groups=[{"number": 1, "members": [11, 12]}],
        ),
        ("P 12", "P 13", "P 19a"),
        ("P12.1-group-quota", "P12-seat-sum"),
        ("deceased",),
        party_seats={1: 10, 2: 10},
        seats={11: 7, 12: 3, 2: 10},
    ),
    DistrictCase(
        "P 15 summed preference votes and P 16 placement",
        "PS, 20 seats, 2050 votes, kiesdeler 2050/20 = 102 1/2. Group 1 (list 11: 460, list "
        "12: 550; 1010 votes): 9 full seats (922 1/2), list 21 (600): 5, list 22 (440): 4. "
        "2 residual seats by greatest average (P 7): group 1 1010/10 = 101, 21 600/6 = 100, "
        "22 440/5 = 88 → group 1; then group 1 1010/11 = 91 9/11 < 100 → list 21. Group 1 "
        "10, 21: 6, 22: 4. P 12: groepskiesdeler 1010/10 = 101; list 11: 4 full (404), "
        "remainder 56; list 12: 5 full (505), remainder 45; 1 remainder seat → list 11 (5, "
        "5). P 15: voorkeurdrempel 25% of 102 1/2 = 25 5/8; A stands on both lists: 300 + 250 "
        "= 550; then E 200, B 100, F 60, C 50, G 40; D 10 is below. P 16: A → list 11 (300 "
        "> 250), E → 12, B → 11, F → 12, C → 11, G → 12. P 17: list 11 fills its 2 other "
        "seats with D (4) and H (5); list 12 with J (5) and K (6): A (2) is already elected "
        "on list 11 and is elected once. P 19 (order of election A, E, B, F, C, G): list 11 "
        "ranks first its preference-elected A (1), B (2), C (3) in that order; no other "
        "candidate has more than 25 5/8 summed votes (D 10, H 0, I 0), so then D (4), H (5), "
        "I (6) in list order: 1, 2, 3, 4, 5, 6. List 12: A (2, elected on list 11 but a "
        "candidate of list 12 too), E (1), F (3), G (4) in order of election, then J (5), K "
        "(6): 2, 1, 3, 4, 5, 6. Lists 21 and 22 have no candidates: no ranking.",
        _PREFERENCE,
        ("P 15", "P 16", "P 17", "P 18", "P 19"),
        ("P15.2-summed-preference", "P16-placement", "P18-elected-once", "P19-group-ranking"),
        ("candidates",),
        party_seats={1: 10, 21: 6, 22: 4},
        seats={11: 5, 12: 5, 21: 6, 22: 4},
        elected={11: (1, 2, 3, 4, 5), 12: (1, 3, 4, 5, 6)},
        ranking={11: (1, 2, 3, 4, 5, 6), 12: (2, 1, 3, 4, 5, 6)},
    ),
    DistrictCase(
        "P 15 summed preference votes and P 16 placement",
        "PS, 20 seats, 2000 votes, kiesdeler 100, voorkeurdrempel 25% of 100 = 25. Group 1: "
        "list 11 (district 1: Q 180, S 0, P 20) and list 12 (district 2: R 180, U 0, P 20), "
        "400 votes; list 2: 1600. Full seats 4 / 16, none residual. P 12: groepskiesdeler "
        "400/4 = 100; lists 11 and 12 2 seats each. P 15: P stands on both lists, 20 + 20 = 40 "
        "> 25 (on either list alone 20 would not pass); Q 180, R 180, P 40 are elected on "
        "preference. P 16: Q → 11, R → 12, P: 20 on both lists, the lowest district → 11. P "
        "17: list 11 is full (Q, P); list 12 takes U (position 2). Elected 11: 1, 3; 12: 1, 2. "
        "P 19: order of election Q, R (180 each, not decisive: group order), P (40). List 11 "
        "ranks its preference-elected Q (1), P (3), then S (2, 0 votes) in list order: 1, 3, "
        "2. List 12: R (1), P (3; sits on list 11, still a candidate of list 12), then U (2): "
        "1, 3, 2.",
        _SUMMED,
        ("P 12", "P 15 lid 1", "P 16", "P 17", "P 19"),
        ("P15.2-summed-preference", "P16-placement", "P18-elected-once", "P19-group-ranking"),
        ("candidates",),
        party_seats={1: 4, 2: 16},
        seats={11: 2, 12: 2, 2: 16},
        elected={11: (1, 3), 12: (1, 2)},
        ranking={11: (1, 3, 2), 12: (1, 3, 2)},
    ),
    DistrictCase(
        "P 19 ranking in a lijstengroep",
        "PS, 20 seats, 2000 votes, kiesdeler 100, voorkeurdrempel 25% of 100 = 25. Group 1: "
        "list 11 (district 1: X 14, Y 20, P 15, A 40, D 29 deceased, E 0; 118 votes) and list "
        "12 (district 2: Y 8, B 45, X 14, P 15, F 0; 82 votes), 200 votes; list 2 (list-level) "
        "1800. Full seats: group 2, list 2 18, none residual. P 12: groepskiesdeler 200/2 = "
        "100; list 11: 1 full (remainder 18), list 12: 0 full (remainder 82); the remainder "
        "seat → list 12: 1 seat each. P 15, votes summed over the group: B 45, A 40, P 15 + 15 "
        "= 30, X 14 + 14 = 28, Y 20 + 8 = 28, all above 25 (P, X and Y only with the sum; D "
        "29 is deceased and passed over, P 19a); 2 seats: B, A elected on preference (P 16: B "
        "→ 12, A → 11). P 19, list 11: (a) A (4); (b) by summed votes P 30 (3), then X and Y "
        "at 28 in list 11's order X (1), Y (2) (by list 11's own votes, 20 for Y, 14 for X, "
        "15 for P, the order would be Y, P, X); (c) E (6); D (5) is not ranked: 4, 3, 1, 2, 6. "
        "List 12: (a) B (2); (b) P (4), then Y (1) and X (3) in list 12's order; (c) F (5): "
        "2, 4, 1, 3, 5. P is ranked on both lists by summed votes although no list elects "
        "them.",
        _RANKING,
        ("P 12", "P 15 lid 1", "P 16", "P 19", "P 19a"),
        ("P15.2-summed-preference", "P16-placement", "P19-group-ranking"),
        ("candidates", "deceased", "tie"),
        party_seats={1: 2, 2: 18},
        seats={11: 1, 12: 1, 2: 18},
        elected={11: (4,), 12: (2,)},
        ranking={11: (4, 3, 1, 2, 6), 12: (2, 4, 1, 3, 5)},
    ),
    DistrictCase(
        "P 19 ranking in a lijstengroep",
        "The voorkeurdrempel exactly reached is not passed (P 15 lid 1, P 19: 'meer stemmen "
        "... dan'; issue 16). PS, 20 seats, 2000 votes, kiesdeler 100, voorkeurdrempel 25% of "
        "100 = 25. Group 1: list 11 (district 1: A 20, B 10, C 25, D 45; 100 votes), list 12 "
        "(district 2: E 60, F 24, G 16; 100); list 2 (list-level) 1800. Full seats: group 2, "
        "list 2 18, none residual. P 12: groepskiesdeler 100, lists 11 and 12 1 full seat "
        "each. P 15: above 25 only E 60 and D 45, both elected on preference (P 16: E → 12, D "
        "→ 11). P 19, list 11: D (4); C has exactly 25, not more than the drempel, so no "
        "candidate is ranked by votes; then A (1), B (2), C (3) in list order: 4, 1, 2, 3. "
        "List 12: E (1), then F (2), G (3).",
        district_doc(
            "PS",
            20,
            [
                cand_list(11, 1, [("A", 20), ("B", 10), ("C", 25), ("D", 45)]),
                cand_list(12, 2, [("E", 60), ("F", 24), ("G", 16)]),
                lst(2, 1, 1800, 30),
            ],
            districts=2,
            groups=[{"number": 1, "members": [11, 12]}],
        ),
        ("P 12", "P 15 lid 1", "P 16", "P 19"),
        ("P15.2-summed-preference", "P19-group-ranking"),
        ("candidates", "boundary"),
        party_seats={1: 2, 2: 18},
        seats={11: 1, 12: 1, 2: 18},
        elected={11: (4,), 12: (1,)},
        ranking={11: (4, 1, 2, 3), 12: (1, 2, 3)},
    ),
    DistrictCase(
        "P 19 ranking in a lijstengroep",
        "A voorkeurdrempel that is not a whole number (issue 16). PS, 20 seats, 2050 votes, "
        "kiesdeler 2050/20 = 102 1/2, voorkeurdrempel 25% = 25 5/8. Group 1: list 11 "
        "(district 1: A 20, B 10, C 26, D 49; 105 votes), list 12 (district 2: E 60, F 24, G "
        "16; 100); list 2 (list-level) 1845. Full seats: group 205 / 102 1/2 = 2, list 2 "
        "1845 / 102 1/2 = 18, none residual. P 12: groepskiesdeler 205/2 = 102 1/2; list 11: "
        "1 full (remainder 2 1/2), list 12: 0 full (remainder 100): the remainder seat → 12. "
        "P 15: above 25 5/8: E 60, D 49, C 26; 2 seats: E and D elected on preference (P 16: "
        "E → 12, D → 11). P 19, list 11: D (4), then C (3; 26 > 25 5/8), then A (1), B (2): "
        "4, 3, 1, 2. List 12: E (1), F (2), G (3).",
        district_doc(
            "PS",
            20,
            [
                cand_list(11, 1, [("A", 20), ("B", 10), ("C", 26), ("D", 49)]),
                cand_list(12, 2, [("E", 60), ("F", 24), ("G", 16)]),
                lst(2, 1, 1845, 30),
            ],
            districts=2,
            groups=[{"number": 1, "members": [11, 12]}],
        ),
        ("P 12", "P 15 lid 1", "P 16", "P 19"),
        ("P15.2-summed-preference", "P19-group-ranking"),
        ("candidates", "boundary"),
        party_seats={1: 2, 2: 18},
        seats={11: 1, 12: 1, 2: 18},
        elected={11: (4,), 12: (1,)},
        ranking={11: (4, 3, 1, 2), 12: (1, 2, 3)},
    ),
    DistrictCase(
        "P 18 candidate elected on two lists",
        "PS, 20 seats, 2000 votes, kiesdeler 100, voorkeurdrempel 25. Group 1: lists 11 and "
        "12 (200 votes each), list 2: 1600. Group 1: 4 seats, list 2: 16 (all full seats). "
        "P 12: groepskiesdeler 100, lists 11 and 12: 2 seats each. Nobody passes 25 (X has "
        "12 + 12 = 24). P 17: both lists take X (position 1) and their position 2. P 18: X "
        "has 12 votes on each list: equal, so X counts on the list of the lowest district, "
        "list 11; list 12 takes its next candidate: positions 2 and 3. P 19: nobody is above "
        "25, so each list ranks its candidates in list order, X (1) included on list 12: "
        "1, 2, ..., 10 on both lists.",
        _DOUBLE,
        ("P 17", "P 18", "P 19"),
        ("P18-elected-once", "P19-group-ranking"),
        ("candidates", "tie"),
        party_seats={1: 4, 2: 16},
        seats={11: 2, 12: 2, 2: 16},
        elected={11: (1, 2), 12: (2, 3)},
        ranking={11: tuple(range(1, 11)), 12: tuple(range(1, 11))},
    ),
    DistrictCase(
        "P 13 and P 18 lid 3: a list whose candidates are all elected",
        "PS, 20 seats, 2000 votes, kiesdeler 100, voorkeurdrempel 25. Group 1: list 11 "
        "(district 1: P 50, X 13, C1-C7 24 each, C8 9; 240 votes) and list 12 (district 2: P "
        "49, X 11; 60 votes); list 2: 1700. Full seats: group 3, list 2 17. P 12: "
        "groepskiesdeler 300/3 = 100; list 11: 2 full (remainder 40), list 12: 0 full "
        "(remainder 60): the remainder seat → list 12. P 15, summed: P 99 > 25 is elected on "
        "preference; X 13 + 11 = 24 and the C's 24 are not above 25. P 16 lid 1: P has 50 on "
        "list 11, 49 on list 12 → list 11 (a seat left). P 17: list 11 takes X (2), list 12 "
        "takes X (2, its only candidate not yet elected). P 18 lid 1: X has 13 on list 11, 11 on "
        "list 12 → list 11. List 12 still has its seat and no candidate left ('meer zetels ... "
        "dan er kandidaten zijn', P 13 lid 1 with P 18 lid 3: 'totdat alle aan de lijsten "
        "toegewezen zetels aan kandidaten zijn toegewezen'): the seat passes by continued "
        "application of P 12 to the next list with a candidate left: list 11 (remainder 40, no "
        "remainder seat yet), which takes C1 (3). Seats 11: 3, 12: 0. P 19: list 11: P (1), "
        "nobody else above 25, then 2-10 in list order; list 12 has no elected candidate but "
        "belongs to a group with seats, so it is ranked (P 19 lid 5): P (1), X (2). Leaving "
        "the seat empty is wrong.",
        _LIST_RUNS_OUT,
        ("P 12", "P 13", "P 15", "P 16", "P 17", "P 18", "P 19"),
        ("P16-P18-group-candidates", "P12-seat-sum", "P19-group-ranking"),
        ("candidates",),
        party_seats={1: 3, 2: 17},
        seats={11: 3, 12: 0, 2: 17},
        elected={11: (1, 2, 3), 12: ()},
        ranking={11: tuple(range(1, 11)), 12: (1, 2)},
    ),
    DistrictCase(
        "P 13 and P 18 lid 3: a list whose candidates are all elected",
        "PS, 20 seats, 2000 votes, kiesdeler 100, voorkeurdrempel 25. Group 1: list 11 "
        "(district 1: P 101, A1-A18 24 each, A19 17; 550 votes), list 12 (district 2: B1-B9 "
        "24, B10 4; 220), list 13 (district 3: C1-C5 24, C6 10; 130), list 14 (district 4: P "
        "100; 100); list 2: 1000. Full seats: group 10, list 2 10. P 12, groepskiesdeler "
        "1000/10 = 100: full seats 11: 5 (remainder 50), 12: 2 (20), 13: 1 (30), 14: 1 (0); "
        "the remainder seat → list 11 (50): 6, 2, 1, 1. P 15, summed: P 201 > 25, elected on "
        "preference; nobody else is above 25. P 16 lid 1: P has 101 on list 11, 100 on list "
        "14 → list 11. P 17: list 11 takes A1-A5 (2-6), list 12 B1, B2, list 13 C1; list 14 "
        "has its seat and no candidate left (P 13 lid 1 with P 18 lid 3): the seat passes on "
        "by continued application of P 12 to the lists that had no remainder seat, by largest "
        "remainder: list 13 (30) before list 12 (20) → list 13 takes C2. Seats 11: 6, 12: 2, "
        "13: 2, 14: 0. P 19: list 11: P (1), then 2-20 in list order (nobody else above 25); "
        "12: 1-10; 13: 1-6; list 14 (no seat, in a group with seats, P 19 lid 5): P (1).",
        _PASS_ON_ORDER,
        ("P 12", "P 13", "P 15", "P 16", "P 17", "P 18", "P 19"),
        ("P16-P18-group-candidates", "P12-seat-sum", "P19-group-ranking"),
        ("candidates",),
        party_seats={1: 10, 2: 10},
        seats={11: 6, 12: 2, 13: 2, 14: 0, 2: 10},
        elected={11: (1, 2, 3, 4, 5, 6), 12: (1, 2), 13: (1, 2), 14: ()},
        ranking={
            11: tuple(range(1, 21)),
            12: tuple(range(1, 11)),
            13: tuple(range(1, 7)),
            14: (1,),
        },
    ),
    DistrictCase(
        "P 13 and P 18 lid 3: a list whose candidates are all elected",
        "PS, 20 seats, 2000 votes, kiesdeler 100, voorkeurdrempel 25. Group 1: list 11 "
        "(district 1: P 126, X 126, A1-A13 24 each, A14 16; 580 votes), list 12 (district 2: "
        "B1-B7 24, B8 2; 170), list 13 (district 3: P 125, X 125; 250); list 2: 1000. Full "
        "seats: group 10, list 2 10. P 12, groepskiesdeler 100: full seats 11: 5 (remainder "
        "80), 12: 1 (70), 13: 2 (50); 2 remainder seats → 11 and 12: 6, 2, 2. P 15, summed: "
        "P and X 251 each > 25, elected on preference; nobody else above 25. P 16 lid 1: both "
        "have 126 on list 11, 125 on list 13 → list 11. P 17: list 11 takes A1-A4 (3-6), 12 "
        "B1, B2; list 13 has 2 seats and no candidate left (P 13 lid 1 with P 18 lid 3): they "
        "pass on by continued application of P 12 / P 13. Largest remainder among the lists "
        "without a remainder seat: only list 13, which cannot take one. Then greatest "
        "averages (P 13 lid 2): 11: 580/7 = 82 6/7, 12: 170/3 = 56 2/3, 13: 250/4 = 62 1/2 → "
        "11; then 11: 580/8 = 72 1/2 → 11 again. List 11 takes A5, A6 (7, 8). Seats 11: 8, "
        "12: 2, 13: 0. (Averages divided by the seats held instead, 580/7 = 82 6/7 < 170/2 = "
        "85 would give list 12 the second.) P 19: list 11: P (1), X (2) (elected on "
        "preference, equal votes: list order), then 3-16 in list order; 12: 1-8; list 13 (no "
        "seat, in a group with seats, P 19 lid 5): P (1), X (2).",
        _PASS_ON_AVERAGES,
        ("P 12", "P 13", "P 15", "P 16", "P 17", "P 18", "P 19"),
        ("P16-P18-group-candidates", "P12-seat-sum", "P19-group-ranking"),
        ("candidates",),
        party_seats={1: 10, 2: 10},
        seats={11: 8, 12: 2, 13: 0, 2: 10},
        elected={11: tuple(range(1, 9)), 12: (1, 2), 13: ()},
        ranking={11: tuple(range(1, 17)), 12: tuple(range(1, 9)), 13: (1, 2)},
    ),
    DistrictCase(
        "P 18 lid 2: the refill takes candidates not yet elected",
        "PS, 20 seats, 2000 votes, kiesdeler 100, voorkeurdrempel 25 (nobody is above it: X "
        "11 + 10 = 21, Y 1 + 5 = 6, the A's and B's at most 24). Group 1: list 11 (district "
        "1: X, Y, Z, A1-A8; 200 votes) and list 12 (district 2: X, W, Y, V, B1-B8; 200 "
        "votes); list 2: 1600. Full seats: group 4, list 2 16. P 12: lists 11 and 12 2 seats "
        "each. P 17: list 11 takes X (1) and Y (2); list 12 takes X (1) and W (2). P 18 lid 1: "
        "X has 11 on list 11, 10 on list 12 → list 11; Y was chosen by list 11 alone. P 18 lid "
        "2: list 12's open seat goes to 'de nog niet gekozen kandidaten van de desbetreffende "
        "lijst': Y (3) is elected already (on list 11), so V (4). Elected 11: X, Y (1, 2); "
        "12: W, V (2, 4). Refilling with Y (who has 5 votes on list 12, more than on list 11) "
        "and then moving Y to list 12 is wrong.",
        _REFILL,
        ("P 17", "P 18"),
        ("P16-P18-group-candidates", "P18-elected-once"),
        ("candidates",),
        party_seats={1: 4, 2: 16},
        seats={11: 2, 12: 2, 2: 16},
        elected={11: (1, 2), 12: (2, 4)},
    ),
    DistrictCase(
        "P 16 lid 2: a seat forfeited twice",
        "PS, 20 seats, 2000 votes, kiesdeler 100, voorkeurdrempel 25. Group 1: list 11 (A 60, "
        "B 50, Q 40, D 30, E1 24, E2 24, E3 22; 250 votes), list 12 (F1-F8 23, F9 6; 190), "
        "list 13 (G1-G6 24, G7 16; 160); list 2: 1400. Full seats: group 6, list 2 14. P 12: "
        "groepskiesdeler 600/6 = 100; list 11: 2 full (remainder 50), list 12: 1 (90), list "
        "13: 1 (60); 2 remainder seats: list 12 (90), then list 13 (60): 2 seats each. P 15: "
        "A 60, B 50, Q 40, D 30 are above 25 and elected on preference, in that order. P 16 "
        "lid 1: A and B take list 11's two seats. Q and D stand only on list 11, which has no "
        "seat left: P 16 lid 2 seats them there and forfeits 'de zetel die met toepassing van "
        "artikel P 12 of P 13 het laatst was toegewezen': for Q the last remainder seat, list "
        "13's; for D the last seat allocated before it, list 12's remainder seat (list 13's "
        "full seat was allocated earlier). Seats 11: 4, 12: 1, 13: 1. P 17: list 12 F1 (1), "
        "list 13 G1 (1). Taking list 13's seat again for D is wrong.",
        _FORFEIT_TWICE,
        ("P 12", "P 15", "P 16 lid 2", "P 17"),
        ("P16-P18-group-candidates", "P12-seat-sum"),
        ("candidates",),
        party_seats={1: 6, 2: 14},
        seats={11: 4, 12: 1, 13: 1, 2: 14},
        elected={11: (1, 2, 3, 4), 12: (1,), 13: (1,)},
    ),
    DistrictCase(
        "P 16 lid 2: a seat forfeited among full seats",
        "PS, 20 seats, 2000 votes, kiesdeler 100, voorkeurdrempel 25. Group 1: list 11 (A 60, "
        "B 50, Q 40, E1 24, E2 24, E3 2; 200 votes), lists 12 and 13 (200 each, nobody above "
        "24); list 2: 1400. Full seats: group 6, list 2 14. P 12: groepskiesdeler 600/6 = 100; "
        "2 full seats each, no remainder seat. P 15: A, B, Q elected on preference. P 16: A "
        "and B take list 11's seats; Q stands only on list 11: P 16 lid 2 forfeits the seat "
        "last allocated under P 12, but all six are full seats (P 12 lid 4), allocated "
        "together: lists 12 and 13 both still hold one free, and the law gives no order "
        "between them. The lot decides (kind group_seat, list = the group); taking the last "
        "list of the group has no basis in the text.",
        _FORFEIT_FULL,
        ("P 12 lid 4", "P 16 lid 2"),
        ("P16-P18-group-candidates",),
        ("candidates", "tie", "needs_lot"),
        lot={"kind": "group_seat", "options": [12, 13], "list": 1},
        # seats_so_far (stage candidates, per P 12 list): kiesdeler 100; group 1 600 → 6 full
        # seats, list 2 1400 → 14; P 12 groepskiesdeler 600/6 = 100: 11, 12, 13 200 each → 2 full
        # seats, no remainder. P 16 lid 1 seats A and B on list 11 (no move); the lot comes at Q,
        # before any P 16 lid 2 move: the P 12 seats stand.
        seats_so_far={11: 2, 12: 2, 13: 2, 2: 14},
    ),
    DistrictCase(
        "P 16 lid 2: a seat forfeited among full seats",
        "The same with the lot drawn for list 12: list 12 forfeits a seat. Seats 11: 3 (A, B, "
        "Q), 12: 1 (F1), 13: 2 (G1, G2).",
        {
            **_FORFEIT_FULL,
            "lots": [{"kind": "group_seat", "options": [12, 13], "drawn": 12, "list": 1}],
        },
        ("P 12 lid 4", "P 16 lid 2"),
        ("P16-P18-group-candidates", "P12-seat-sum"),
        ("candidates", "tie", "lot"),
        party_seats={1: 6, 2: 14},
        seats={11: 3, 12: 1, 13: 2, 2: 14},
        elected={11: (1, 2, 3), 12: (1,), 13: (1, 2)},
    ),
    DistrictCase(
        "P 16 lid 2: a seat forfeited among full seats",
        "Two P 16 lid 2 placements from the full seats of one list. PS, 20 seats, 2000 votes, "
        "kiesdeler 100, voorkeurdrempel 25. Group 1: list 11 (P1 53, P2 51, P3 49, P4 47: 200),"
        " list 12 (Q1-Q12, 25 each: 300); list 2: 1500. Full seats: group 5, list 2 15. P 12: "
        "groepskiesdeler 500/5 = 100; list 11: 2 full seats, list 12: 3, no remainder seat. P "
        "15: P1-P4 have more than 25 and are elected on preference (Q1-Q12 have 25, not more). "
        "P 16 lid 1: P1 and P2 take list 11's two seats. P3 and P4 stand only on list 11: P 16 "
        "lid 2 seats each there and forfeits a seat last allocated to another list of the "
        "group; every seat is a full seat (P 12 lid 4) and only list 12 still holds one free, "
        "so both come from list 12. Seats 11: 4, 12: 1. P 17: list 12 Q1. (A walk that lets a "
        "list give up only one full seat leaves P4 without a seat, or takes the second seat "
        "from list 11, which has none free.)",
        _FORFEIT_FULL_TWICE,
        ("P 12 lid 4", "P 15", "P 16 lid 2", "P 17"),
        ("P16-P18-group-candidates", "P12-seat-sum", "P16-placement"),
        ("candidates",),
        party_seats={1: 5, 2: 15},
        seats={11: 4, 12: 1, 2: 15},
        elected={11: (1, 2, 3, 4), 12: (1,)},
    ),
    DistrictCase(
        "P 16 lid 2: a seat forfeited among full seats",
        "Two P 16 lid 2 placements among the full seats of two lists. PS, 20 seats, 2000 votes, "
        "kiesdeler 100, voorkeurdrempel 25. Group 1: list 11 (P1 53, P2 51, P3 49, P4 47: 200), "
        "list 12 (Q1-Q8, 25 each: 200), list 13 (R1-R5, 20 each: 100); list 2: 1500. P 12: "
        "groepskiesdeler 100; full seats 2 / 2 / 1, no remainder seat. P 15: P1-P4 elected on "
        "preference. P 16 lid 1: P1, P2 on list 11. P3 (P 16 lid 2): lists 12 and 13 both "
        "hold a free full seat, allocated together: the lot decides (group_seat, 12 or 13).",
        _FORFEIT_FULL_LOTS,
        ("P 12 lid 4", "P 16 lid 2"),
        ("P16-P18-group-candidates",),
        ("candidates", "tie", "needs_lot"),
        lot={"kind": "group_seat", "options": [12, 13], "list": 1},
        # seats_so_far (stage candidates, per P 12 list): kiesdeler 100; group 1 500 → 5 full
        # seats, list 2 1500 → 15; P 12 groepskiesdeler 100: 11 200 → 2, 12 200 → 2, 13 100 → 1,
        # no remainder. P1 and P2 take list 11's seats (P 16 lid 1); the lot comes at P3, before
        # any P 16 lid 2 move.
        seats_so_far={11: 2, 12: 2, 13: 1, 2: 15},
    ),
    DistrictCase(
        "P 16 lid 2: a seat forfeited among full seats",
        "The same with the first lot drawn for list 12: for P4 lists 12 (one full seat left) and "
        "13 (one) still both hold a free full seat, so the lot decides again (12 or 13).",
        {
            **_FORFEIT_FULL_LOTS,
            "lots": [{"kind": "group_seat", "options": [12, 13], "drawn": 12, "list": 1}],
        },
        ("P 12 lid 4", "P 16 lid 2"),
        ("P16-P18-group-candidates",),
        ("candidates", "tie", "lot", "needs_lot"),
        lot={"kind": "group_seat", "options": [12, 13], "list": 1},
        # seats_so_far (stage candidates, per P 12 list): P 12 gives 11: 2, 12: 2, 13: 1 and list
        # 2 15 (as above); the supplied lot moves one of list 12's seats to list 11 for P3 (P 16
        # lid 2), settled before the second question (at P4): 11: 3, 12: 1, 13: 1.
        seats_so_far={11: 3, 12: 1, 13: 1, 2: 15},
    ),
    DistrictCase(
        "P 16 lid 2: a seat forfeited among full seats",
        "The same with both lots drawn for list 12: list 12 gives up both its full seats. Seats "
        "11: 4 (P1-P4), 12: 0, 13: 1 (R1).",
        {
            **_FORFEIT_FULL_LOTS,
            "lots": [
                {"kind": "group_seat", "options": [12, 13], "drawn": 12, "list": 1},
                {"kind": "group_seat", "options": [12, 13], "drawn": 12, "list": 1},
            ],
        },
        ("P 12 lid 4", "P 16 lid 2", "P 17"),
        ("P16-P18-group-candidates", "P12-seat-sum"),
        ("candidates", "tie", "lot"),
        party_seats={1: 5, 2: 15},
        seats={11: 4, 12: 0, 13: 1, 2: 15},
        elected={11: (1, 2, 3, 4), 13: (1,)},
    ),
    DistrictCase(
        "P 16 lid 2: a seat forfeited among full seats",
        "The same with the lots drawn for list 12, then list 13: each gives up one full seat. "
        "Seats 11: 4 (P1-P4), 12: 1 (Q1), 13: 0.",
        {
            **_FORFEIT_FULL_LOTS,
            "lots": [
                {"kind": "group_seat", "options": [12, 13], "drawn": 12, "list": 1},
                {"kind": "group_seat", "options": [12, 13], "drawn": 13, "list": 1},
            ],
        },
        ("P 12 lid 4", "P 16 lid 2", "P 17"),
        ("P16-P18-group-candidates", "P12-seat-sum"),
        ("candidates", "tie", "lot"),
        party_seats={1: 5, 2: 15},
        seats={11: 4, 12: 1, 13: 0, 2: 15},
        elected={11: (1, 2, 3, 4), 12: (1,)},
    ),
    DistrictCase(
        "P 19 lid 5: which lists are ranked",
        "PS with 9 seats (fewer than 19), 900 votes, kiesdeler 100, voorkeurdrempel 25. List 1 "
        "(a1 300, a2 50, a3-a5 0: 350), list 2 (500, list-level), list 3 (c1 10, c2 40: 50). "
        "Full seats 3 / 5 / 0; 1 residual seat (P 8): remainders 50 / 0 / 50, list 3 is below "
        "75 (75% of 100) → list 1: seats 4 / 5 / 0. P 15: a1 300 and a2 50 elected on "
        "preference, then a3, a4 in list order. P 19 lid 5: 'Behoudens ten aanzien van de "
        "verkiezing van ... [met] minder dan negentien [zetels], blijft de rangschikking "
        "achterwege ...': with 9 seats list 3 is ranked although nobody on it is elected: c2 "
        "(40 > 25) first, then c1: 2, 1. List 1: 1, 2, 3, 4, 5.",
        district_doc(
            "PS",
            9,
            [
                cand_list(1, 1, [("a1", 300), ("a2", 50), ("a3", 0), ("a4", 0), ("a5", 0)]),
                lst(2, 1, 500, 10),
                cand_list(3, 1, [("c1", 10), ("c2", 40)]),
            ],
            districts=1,
        ),
        ("P 8", "P 15", "P 19 lid 5"),
        ("P19-group-ranking",),
        ("candidates",),
        party_seats={1: 4, 2: 5, 3: 0},
        seats={1: 4, 2: 5, 3: 0},
        elected={1: (1, 2, 3, 4), 3: ()},
        ranking={1: (1, 2, 3, 4, 5), 3: (2, 1)},
    ),
    DistrictCase(
        "P 19 lid 5: which lists are ranked",
        "The boundary: PS with 18 seats (fewer than 19; issue 16), 1800 votes, kiesdeler 100, "
        "voorkeurdrempel 25% of 100 = 25 (P 15 lid 1: the 50% below 19 seats is for the "
        "gemeenteraad only). List 1 (district 1, list-level) 1770, list 3 (district 2: c1 0, "
        "c2 30; 30). Full seats 17 / 0; 1 residual seat (P 8): remainders 70 / 30, list 3 is "
        "below 75 (75% of 100) → list 1: 18 / 0. P 19 lid 5: with 18 seats list 3 is ranked "
        "although nobody on it is elected: c2 (30 > 25) first, then c1: 2, 1.",
        district_doc(
            "PS",
            18,
            [lst(1, 1, 1770, 30), cand_list(3, 2, [("c1", 0), ("c2", 30)])],
            districts=2,
        ),
        ("P 8", "P 15", "P 19 lid 5"),
        ("P19-group-ranking",),
        ("candidates", "boundary"),
        party_seats={1: 18, 3: 0},
        seats={1: 18, 3: 0},
        ranking={3: (2, 1)},
    ),
    DistrictCase(
        "lijstencombinaties (pre-2017-12)",
        "PS, 20 seats, 2000 votes, kiesdeler 100, law pre-2017-12: lists 1: 1000, 2: 550, "
        "3: 450, lists 2 and 3 combined (9). Old P 4 lid 2 test without the combination: 1: "
        "10 full, 2: 5 (remainder 50), 3: 4 (remainder 50), 1 residual seat by greatest "
        "average: 1000/11 = 90 10/11, 550/6 = 91 2/3, 450/5 = 90 → list 2; both members win "
        "seats, so the combination counts. With it: 1: 10, combination 1000: 10, all full "
        "seats. Old P 11: combinatiekiesdeler 1000/10 = 100; list 2: 5 full, remainder 50; "
        "list 3: 4 full, remainder 50: equal remainders for 1 seat: lot.",
        _COMBINATION_TIE,
        ("P 4", "P 11"),
        ("combination-P11-largest-remainder",),
        ("tie", "needs_lot"),
        lot={"kind": "combination_seat", "options": [2, 3], "list": 9},
        # seats_so_far (stage combination, per contestant): 2000 votes, 20 seats, kiesdeler
        # 100; list 1 1000 → 10 full seats, combination 9 (550 + 450) 1000 → 10, no residual seat.
        # Every contestant's seats are decided; the tie is inside combination 9 (old P 11).
        seats_so_far={1: 10, 9: 10},
    ),
    DistrictCase(
        "lijstencombinaties (pre-2017-12)",
        "The same with the lot drawn for list 3: 1: 10, 2: 5, 3: 5 (without the combination "
        "it would have been 10, 6, 4).",
        {
            **_COMBINATION_TIE,
            "lots": [{"kind": "combination_seat", "options": [2, 3], "drawn": 3, "list": 9}],
        },
        ("P 4", "P 11"),
        ("combination-P11-largest-remainder", "P12-seat-sum"),
        ("tie", "lot"),
        party_seats={1: 10, 2: 5, 3: 5},
        seats={1: 10, 2: 5, 3: 5},
    ),
    DistrictCase(
        "lijstencombinaties (pre-2017-12)",
        "A combination with exactly one seat (issue 16). PS, 10 seats (fewer than 19: largest "
        "remainders, P 8, for lists with at least 75% of the kiesdeler), 1000 votes, "
        "kiesdeler 100, law pre-2017-12: lists 1: 760, 2: 77, 3: 76, 4: 87; lists 2 and 3 "
        "combined (9). Old P 4 lid 2 test without the combination: full seats 7 / 0 / 0 / 0, "
        "3 residual seats by largest remainder: 87 (4), 77 (2), 76 (3) > 60 (1): both members "
        "win a seat, the combination counts. With it: 1: 7 full (remainder 60), combination "
        "153: 1 full (remainder 53), 4: 0 (remainder 87); 2 residual seats: 87 (4), 60 (1) > "
        "53: seats 1: 8, combination 1, 4: 1. Old P 11: combinatiekiesdeler 153/1 = 153; "
        "lists 2 and 3 0 full seats, remainders 77 and 76: the seat → list 2. Result 1: 8, 2: "
        "1, 3: 0, 4: 1 (the combination cost its members a seat).",
        district_doc(
            "PS",
            10,
            [lst(1, 1, 760), lst(2, 1, 77), lst(3, 1, 76), lst(4, 1, 87)],
            districts=1,
            combinations=[{"number": 9, "members": [2, 3]}],
            law="pre-2017-12",
        ),
        ("P 4", "P 8", "P 11"),
        ("combination-P11-largest-remainder", "P12-seat-sum"),
        ("boundary",),
        party_seats={1: 8, 2: 1, 3: 0, 4: 1},
        seats={1: 8, 2: 1, 3: 0, 4: 1},
    ),
    DistrictCase(
        "lijstencombinaties (pre-2017-12)",
        "PS, 20 seats, 2000 votes, kiesdeler 100, law pre-2017-12. Without the combination "
        "(old P 4 lid 2 test): 1: 10 full (remainder 90), 2: 5 (60), 3: 3 (50); 2 residual "
        "seats by greatest average: 1090/11 = 99 1/11, 560/6 = 93 1/3, 350/4 = 87 1/2 → 1, "
        "then 1090/12 = 90 5/6 vs 93 1/3 → 2: both members win seats, the combination "
        "counts. With it: list 1 1090 (10 full), combination 9 = 910 (9 full, remainder 10); "
        "1 residual seat: 1090/11 = 99 1/11 vs 910/10 = 91 → list 1 (11), combination 9. Old "
        "P 11: combinatiekiesdeler 910/9 = 101 1/9; list 2: 560 → 5 (505 5/9), remainder "
        "54 4/9; list 3: 350 → 3 (303 1/3), remainder 46 2/3; 1 remainder seat → list 2. "
        "Result 1: 11, 2: 6, 3: 3; the combination cost list 3 nothing and gained nothing.",
        _COMBINATION,
        ("P 4", "P 11"),
        ("combination-P11-largest-remainder", "P12-seat-sum"),
        party_seats={1: 11, 2: 6, 3: 3},
        seats={1: 11, 2: 6, 3: 3},
    ),
    DistrictCase(
        "lijstencombinaties (pre-2017-12)",
        "PS, 20 seats, 2000 votes, kiesdeler 100, law pre-2017-12: group 1 (lists 11 and 12, "
        "250 votes each), list 2: 1450, list 3: 50, lists 2 and 3 combined (9). Old P 4 lid 2 "
        "test without the combination: 1: 5 full (remainder 0), 2: 14 (50), 3: 0 (50); 1 "
        "residual seat by greatest average: 500/6 = 83 1/3, 1450/15 = 96 2/3, 50/1 = 50 → "
        "list 2. List 3 wins no seat on its own, so only one member would: the combination "
        "does not count (combination_checks: kept [2], dropped [3]). Allocation: 1: 5, 2: 15, "
        "3: 0. P 12 group 1: groepskiesdeler 500/5 = 100; lists 11 and 12: 2 full seats each, "
        "remainder 50 each; 1 remainder seat for two equal remainders: lot (P 12 lid 5). The "
        "answer must still say the combination did not count, or its allocation over "
        "contestants cannot be judged.",
        _COMBINATION_DISSOLVED_GROUP_TIE,
        ("P 4", "P 12"),
        ("P12.2-largest-remainder",),
        ("tie", "needs_lot"),
        lot={"kind": "group_seat", "options": [11, 12], "list": 1},
        # seats_so_far (stage group, per party): the combination does not count (old P 4 lid 2,
        # above); kiesdeler 100: group 1 500 → 5 full, list 2 1450 → 14 (remainder 50), list 3
        # 50 → 0 (remainder 50); the residual seat (P 7): 500/6, 1450/15 = 96 2/3, 50/1 → list 2.
        seats_so_far={1: 5, 2: 15, 3: 0},
    ),
    DistrictCase(
        "rejected structures",
        "A lijstencombinatie under the current law: abolished on 1 December 2017.",
        {**_COMBINATION, "election": {**_COMBINATION["election"], "law": "current"}},
        (),
        (),
        ("rejected",),
        errors=(("combinations", "combination_not_in_law"),),
    ),
    DistrictCase(
        "rejected structures",
        "A lijstengroep of one list.",
        district_doc(
            "PS", 20, [lst(1, 1, 10), lst(2, 2, 10)], groups=[{"number": 5, "members": [1]}]
        ),
        (),
        (),
        ("rejected",),
        errors=(("groups[0].members", "group_too_small"),),
    ),
    DistrictCase(
        "rejected structures",
        "A list in two groups.",
        district_doc(
            "PS",
            20,
            [lst(1, 1, 10), lst(2, 2, 10), lst(3, 3, 10)],
            groups=[{"number": 5, "members": [1, 2]}, {"number": 6, "members": [2, 3]}],
        ),
        (),
        (),
        ("rejected",),
        errors=(("groups[1].members", "in_two_groups"),),
    ),
    DistrictCase(
        "rejected structures",
        "A stel whose lists differ in candidates.",
        district_doc(
            "PS",
            20,
            [cand_list(1, 1, [("A", 5), ("B", 5)]), cand_list(2, 2, [("B", 5), ("A", 5)])],
            sets=[{"number": 7, "lists": [1, 2]}],
        ),
        (),
        (),
        ("rejected",),
        errors=(("sets[0].lists", "set_lists_differ"),),
    ),
    DistrictCase(
        "rejected structures",
        "A list in no district of the input; a number used twice.",
        district_doc("PS", 20, [lst(1, 4, 10), lst(1, 1, 10)]),
        (),
        (),
        ("rejected",),
        errors=(("lists[0].district", "unknown_district"), ("lists[1].number", "duplicate")),
    ),
    DistrictCase(
        "rejected structures",
        "A lijstengroep with two lists in the same district.",
        district_doc(
            "PS",
            20,
            [lst(1, 1, 10), lst(2, 1, 10), lst(3, 2, 10)],
            groups=[{"number": 5, "members": [1, 2]}],
        ),
        (),
        (),
        ("rejected",),
        errors=(("lists[1].district", "two_lists_in_district"),),
    ),
    DistrictCase(
        "rejected structures",
        "A stemwaarde other than 1 outside the Eerste Kamer.",
        {
            **district_doc("PS", 20, [lst(1, 1, 10), lst(2, 2, 10)]),
            "districts": [{"number": 1, "stemwaarde": 3}, {"number": 2}, {"number": 3}],
        },
        (),
        (),
        ("rejected",),
        errors=(("districts[0].stemwaarde", "stemwaarde_not_ek"),),
    ),
    DistrictCase(
        "rejected structures",
        "The same person (A) standing for two parties: a stel (lists 1 and 2) and list 3.",
        district_doc(
            "PS",
            20,
            [
                cand_list(1, 1, [("A", 5)]),
                cand_list(2, 2, [("A", 5)]),
                cand_list(3, 1, [("A", 4)]),
            ],
            sets=[{"number": 7, "lists": [1, 2]}],
        ),
        (),
        (),
        ("rejected",),
        errors=(("lists", "candidate_in_two_parties"),),
    ),
    DistrictCase(
        "lijstencombinaties: rejected",
        "A lijstencombinatie of one list (law pre-2017-12).",
        district_doc(
            "PS",
            20,
            [lst(1, 1, 10), lst(2, 1, 10)],
            districts=1,
            combinations=[{"number": 9, "members": [1]}],
            law="pre-2017-12",
        ),
        (),
        (),
        ("rejected",),
        errors=(("combinations[0].members", "combination_too_small"),),
    ),
)

TOPICS: dict[str, Topic] = {
    "p12-p18-groups": Topic(
        "current",
        "default",
        {
            "P 12 groepskiesdeler and largest remainders": "A lijstengroep is one list for "
            "the number of seats (P 3); P 12 distributes its seats over its lists with the "
            "groepskiesdeler and the largest remainders.",
            "P 12 ties": "Equal averages between groups, and equal remainders within a group "
            "(P 12 lid 5): the lot, and the lot drawn.",
            "P 15 summed preference votes and P 16 placement": "A candidate's votes are summed "
            "over the lists of the group on which they stand (P 15 lid 1); P 16 places a "
            "candidate elected on preference on one list.",
            "P 18 candidate elected on two lists": "A candidate elected in list order on two "
            "lists of a group counts on one of them; the other list takes its next candidate.",
            "P 13 and P 18 lid 3: a list whose candidates are all elected": "A seat of a list "
            "of a group that none of its candidates can take (all elected on this or another "
            "list of the group) passes on within the group by continued application of P 12 / "
            "P 13; it is not left empty.",
            "P 18 lid 2: the refill takes candidates not yet elected": "After P 18 lid 1, a "
            "list's open seats go to its candidates not yet elected, never to one elected on "
            "another list of the group.",
            "P 16 lid 2: a seat forfeited twice": "Each next P 16 lid 2 placement forfeits the "
            "seat allocated before the previous one (walking back through the P 12 / P 13 "
            "order), not the last one again.",
            "P 13 inside a lijstengroep: a list with fewer candidates than seats": "A list "
            "of a group with fewer candidates than seats passes the rest on to the other lists "
            "of the group by continued application of P 12 (P 13 lid 1); seats still left go "
            "by greatest averages (P 13 lid 2).",
            "P 19 lid 5: which lists are ranked": "With fewer than 19 seats every list is "
            "ranked, also one without an elected candidate.",
            "P 16 lid 2: a seat forfeited among full seats": "Where the seat to forfeit is a "
            "full seat (P 12 lid 4 allocates those together), the lists holding one are in no "
            "order: the lot.",
            "P 19 ranking in a lijstengroep": "The ranking for later vacancies of each list of "
            "a group (the project's reading of P 19): its candidates elected on preference in "
            "the group in order of election, then its others above the voorkeurdrempel by "
            "votes summed over the group's lists (equal: this list's order), then the rest in "
            "list order; deceased candidates are not ranked.",
            "A party of one seat": "P 15 - P 19 for a list or a lijstengroep that wins exactly "
            "one seat.",
            "A supplied lot that does not fit": "A lot that answers another question than the "
            "one asked, or one lot too many: the input is rejected (lot_mismatch); only the "
            "status must match.",
            "P 15 candidate lot in a party of one seat": "Candidates with equal votes summed "
            "over the lists of a stel, above the voorkeurdrempel, competing for the party's only "
            "seat: the lot decides who is elected (P 15 lid 1), and a supplied lot is followed.",
            "A candidate lot, then a group lot": "Each lot answers its own question: a P 15 lid "
            "1 candidate lot of a lijstengroep is not a group_seat lot of the same group, so "
            "the P 16 lid 2 lot after it is drawn from the group_seat lots alone.",
        },
    ),
    "combinations-pre-2017-12": Topic(
        "pre-2017-12",
        "default",
        {
            "lijstencombinaties (pre-2017-12)": "Old P 4: a lijstencombinatie is one list for "
            "the number of seats if its members would each have won a seat on their own; old "
            "P 11 distributes its seats with the combinatiekiesdeler and the largest "
            "remainders.",
            "lijstencombinaties: rejected": "An invalid lijstencombinatie: only the status "
            "must match.",
        },
    ),
    "rejected-structures": Topic(
        "current",
        "default",
        {
            "rejected structures": "District structures that are invalid: only the status "
            "must match.",
        },
    ),
}
"""The vector files of the hand-written cases (``allocate-districts/<topic>.json``): law
version, profile, and the groups (by name, with their comment) each file holds."""


# --------------------------------------------------------------------------- issue 16: power
# Hand-written cases against the engine mutants that survived the suite (issue 16, suite power,
# docs/mutation.md): P 16 lid 1 on a list without votes for the candidate, and the continued
# application of P 12 / P 13 when a seat passes on within a lijstengroep after P 18 (a list's
# only candidate elected on another list of the group: P 13 lid 1 with P 18 lid 3), once with a
# list over its candidates in P 12 itself, once with a list whose candidates have all died, and
# once after a P 12 lid 5 / P 13 lid 2 lot. Every list of group 1 below is candidate-level; list
# 2 is a list-level party of 30 candidates; PS of 20 seats, 2000 votes: kiesdeler 100,
# voorkeurdrempel 25% of 100 = 25 (P 15 lid 1), residual seats by greatest averages (P 7).

_POWER_GROUP4 = [{"number": 1, "members": [11, 12, 13, 14]}]
_POWER_GROUP5 = [{"number": 1, "members": [11, 12, 13, 14, 15]}]

_P16_ZERO_VOTES = district_doc(
    "PS",
    20,
    [
        cand_list(11, 1, [("X", 60), ("A", 40)]),
        cand_list(12, 2, [*((f"Y{i}", 24) for i in range(1, 9)), ("Y9", 8), ("A", 0)]),
        lst(2, 1, 1700, 30),
    ],
    districts=2,
    groups=[{"number": 1, "members": [11, 12]}],
)

_PASS_ON_AFTER_CAP = district_doc(
    "PS",
    20,
    [
        cand_list(11, 1, [("P", 293)]),
        cand_list(12, 2, [("B1", 11), ("B2", 9)]),
        cand_list(13, 3, [("C1", 15), ("C2", 22), ("C3", 10), ("C4", 5)]),
        cand_list(14, 4, [("P", 193)]),
        lst(2, 1, 1442, 30),
    ],
    districts=4,
    groups=_POWER_GROUP4,
)

_PASS_ON_REMAINDER = district_doc(
    "PS",
    20,
    [
        cand_list(11, 1, [("P", 125)]),
        cand_list(12, 2, [*((f"B{i}", 24) for i in range(1, 6)), ("B6", 10)]),
        cand_list(13, 3, [("C1", 24), ("C2", 24), ("C3", 24), ("C4", 7)]),
        cand_list(14, 4, [("P", 118)]),
        lst(2, 1, 1548, 30),
    ],
    districts=4,
    groups=_POWER_GROUP4,
)

_PASS_ON_DECEASED = district_doc(
    "PS",
    20,
    [
        cand_list(11, 1, [("P", 125)]),
        cand_list(12, 2, [("B1", 2)]),
        cand_list(13, 3, [("C1", 11)]),
        cand_list(14, 4, [("D1", 20), ("D2", 15)], deceased=["D1", "D2"]),
        cand_list(15, 5, [("P", 103)]),
        lst(2, 1, 1724, 30),
    ],
    districts=5,
    groups=_POWER_GROUP5,
)

_PASS_ON_AFTER_LOT = district_doc(
    "PS",
    20,
    [
        cand_list(11, 1, [("P", 319)]),
        cand_list(12, 2, [("B1", 6), ("B2", 3), ("B3", 20)]),
        cand_list(13, 3, [("D1", 6), ("D2", 12), ("D3", 14)], deceased=["D1", "D2", "D3"]),
        cand_list(14, 4, [("C1", 13), ("C2", 22), ("C3", 7), ("C4", 16)]),
        cand_list(15, 5, [("P", 242)]),
        lst(2, 1, 1320, 30),
    ],
    districts=5,
    groups=_POWER_GROUP5,
)

_PASS_ON_FAR = district_doc(
    "PS",
    20,
    [
        cand_list(11, 1, [("P", 308)]),
        cand_list(12, 2, [("B1", 29), ("B2", 33), ("B3", 47)]),
        cand_list(13, 3, [("C1", 15)]),
        cand_list(14, 4, [("D1", 9), ("D2", 5), ("D3", 25)]),
        cand_list(15, 5, [("P", 97)]),
        lst(2, 1, 1432, 30),
    ],
    districts=5,
    groups=_POWER_GROUP5,
)

_POWER_CASES: tuple[DistrictCase, ...] = (
    DistrictCase(
        "P 15 summed preference votes and P 16 placement",
        "P 16 lid 1 on a list without votes for the candidate (issue 16). Group 1: list 11 "
        "(district 1: X 60, A 40; 100 votes), list 12 (district 2: Y1-Y8 24 each, Y9 8, A 0; "
        "200 votes); list 2: 1700. Full seats: group 300/100 = 3, list 2 17, none residual. P "
        "12: groepskiesdeler 300/3 = 100; list 11: 1, list 12: 2, no remainders. P 15: X 60 "
        "and A 40 + 0 = 40 are above 25 (Y's 24 are not): both elected on preference, X first. "
        "P 16 lid 1: X stands on list 11 only: its one seat. A stands on list 11 (40 votes) "
        "and list 12 (0 votes); 'voor zover aan die lijst ... voldoende zetels zijn "
        "toegewezen': list 11 has no seat left, so A is elected on list 12, a list on which A "
        "stands although nobody voted for A there (P 16 lid 2, a seat moved from list 12 to "
        "list 11, applies only when none of A's lists has a seat left). P 17: list 12's other "
        "seat to Y1. Seats 11: 1, 12: 2; elected 11: X (1); 12: A (10), Y1 (1). P 19: list 11 "
        "X (1), A (2, elected on preference in the group); list 12 A (10), then Y1-Y9 in list "
        "order (no other candidate above 25).",
        _P16_ZERO_VOTES,
        ("P 12", "P 15", "P 16", "P 17", "P 19"),
        ("P15.2-summed-preference", "P16-placement", "P19-group-ranking"),
        ("candidates",),
        party_seats={1: 3, 2: 17},
        seats={11: 1, 12: 2, 2: 17},
        elected={11: (1,), 12: (10, 1)},
        ranking={11: (1, 2), 12: (10, 1, 2, 3, 4, 5, 6, 7, 8, 9)},
    ),
    DistrictCase(
        "P 13 and P 18 lid 3: a list whose candidates are all elected",
        "The seat passed on after a list over its candidates in P 12 (issue 16). Group 1: list "
        "11 (P 293), 12 (B1 11, B2 9: 20), 13 (C1 15, C2 22, C3 10, C4 5: 52), 14 (P 193); 558 "
        "votes; list 2: 1442. Full seats: group 5 (remainder 58), list 2 14 (remainder 42); 1 "
        "residual seat (P 7): group 558/6 = 93, list 2 1442/15 = 96 2/15 → list 2: 5 / 15. P "
        "12: groepskiesdeler 558/5 = 111 3/5; list 11 293 → 2 full seats (remainder 69 4/5), 12 "
        "0 (20), 13 0 (52), 14 193 → 1 (81 2/5). Lists 11 and 14 have 1 candidate each (P 13 "
        "lid 1): 11 keeps 1, 14 its 1, so 3 seats are left: largest remainders among the lists "
        "that can take one, 13 (52) then 12 (20); then greatest averages (P 13 lid 2): 12 20/2 "
        "= 10, 13 52/2 = 26 → 13. Seats 11: 1, 12: 1, 13: 2, 14: 1. P 15: P 293 + 193 = 486 > "
        "25, elected on preference; nobody else is above 25. P 16: P on list 11 (293 > 193). "
        "List 14's seat has no candidate left (P 18 lid 3: P 13): it passes on by continued "
        "application; 12 and 13 have each had a remainder seat, so by greatest averages: 12 "
        "20/(1 + 1) = 10, 13 52/(2 + 1) = 17 1/3 → list 13. Seats 11: 1, 12: 1, 13: 3, 14: 0; "
        "elected 11: P (1); 12: B1 (1); 13: C1, C2, C3 (1, 2, 3). P 19: 11 (1); 12 (1, 2); 13 "
        "(1, 2, 3, 4), C2's 22 is not above 25; 14 (1): P, elected on preference in the group, "
        "is a candidate of list 14, a list of a group with seats (P 19 lid 5).",
        _PASS_ON_AFTER_CAP,
        ("P 12", "P 13", "P 15", "P 16", "P 17", "P 18", "P 19"),
        ("P12.1-group-quota", "P12.2-largest-remainder", "P16-P18-group-candidates"),
        ("candidates",),
        party_seats={1: 5, 2: 15},
        seats={11: 1, 12: 1, 13: 3, 14: 0, 2: 15},
        elected={11: (1,), 12: (1,), 13: (1, 2, 3)},
        ranking={11: (1,), 12: (1, 2), 13: (1, 2, 3, 4), 14: (1,)},
    ),
    DistrictCase(
        "P 13 and P 18 lid 3: a list whose candidates are all elected",
        "The seat passed on by the continued largest remainders (issue 16). Group 1: list 11 (P "
        "125), 12 (B1-B5 24 each, B6 10: 130), 13 (C1-C3 24 each, C4 7: 79), 14 (P 118); 452 "
        "votes; list 2: 1548. Full seats: group 4 (remainder 52), list 2 15 (remainder 48); 1 "
        "residual seat (P 7): group 452/5 = 90 2/5, list 2 1548/16 = 96 3/4 → list 2: 4 / 16. "
        "P 12: groepskiesdeler 452/4 = 113; 11: 1 full seat (remainder 12), 12: 1 (17), 13: 0 "
        "(79), 14: 1 (5); the remainder seat → 13. Seats 1 each. P 15: P 125 + 118 = 243 > 25, "
        "elected on preference (nobody else above 25); P 16: on list 11 (125 > 118). List 14's "
        "seat has no candidate left (P 18 lid 3: P 13): continued application of P 12 lid 5, "
        "the largest remainder among the lists that have had no remainder seat and can take "
        "one: 11 (its only candidate elected) and 14 cannot, so 12 (17) → list 12. Seats 11: 1, "
        "12: 2, 13: 1, 14: 0; elected 11: (1), 12: (1, 2), 13: (1). P 19: 11 (1); 12 and 13 in "
        "list order (nobody above 25); 14 (1).",
        _PASS_ON_REMAINDER,
        ("P 12", "P 13", "P 15", "P 16", "P 17", "P 18", "P 19"),
        ("P12.1-group-quota", "P12.2-largest-remainder", "P16-P18-group-candidates"),
        ("candidates",),
        party_seats={1: 4, 2: 16},
        seats={11: 1, 12: 2, 13: 1, 14: 0, 2: 16},
        elected={11: (1,), 12: (1, 2), 13: (1,)},
        ranking={11: (1,), 12: (1, 2, 3, 4, 5, 6), 13: (1, 2, 3, 4), 14: (1,)},
    ),
    DistrictCase(
        "P 13 and P 18 lid 3: a list whose candidates are all elected",
        "A list whose candidates have all died takes no seat passed on (P 13, P 19a; issue "
        "16). Group 1: list 11 (P 125), 12 (B1 2), 13 (C1 11), 14 (D1 20, D2 15, both "
        "deceased: 35), 15 (P 103); 276 votes; list 2: 1724. Full seats: group 2 (remainder "
        "76), list 2 17 (remainder 24); 1 residual seat (P 7): group 276/3 = 92, list 2 1724/18 "
        "= 95 7/9 → list 2: 2 / 18. P 12: groepskiesdeler 276/2 = 138; no list has a full "
        "seat; remainders 11: 125, 15: 103, 14: 35, 13: 11, 12: 2: the two seats → 11 and 15. "
        "P 15: P 125 + 103 = 228 > 25, elected on preference; P 16: on list 11 (125 > 103). "
        "List 15's seat has no candidate left (P 18 lid 3: P 13): continued largest remainders "
        "among the lists that have had none: 14 (35) has no living candidate (P 19a), so 13 "
        "(11) → list 13. Seats 11: 1, 12: 0, 13: 1, 14: 0, 15: 0; elected 11: (1), 13: (1). P "
        "19 (every list of a group with seats): 11 (1), 12 (1), 13 (1), 15 (1: P); list 14 "
        "ranks nobody (deceased candidates are not ranked).",
        _PASS_ON_DECEASED,
        ("P 12", "P 13", "P 15", "P 16", "P 18", "P 19", "P 19a"),
        ("P12.2-largest-remainder", "P16-P18-group-candidates"),
        ("candidates", "deceased"),
        party_seats={1: 2, 2: 18},
        seats={11: 1, 12: 0, 13: 1, 14: 0, 15: 0, 2: 18},
        elected={11: (1,), 13: (1,)},
        ranking={11: (1,), 12: (1,), 13: (1,), 14: (), 15: (1,)},
    ),
    DistrictCase(
        "P 13 and P 18 lid 3: a list whose candidates are all elected",
        "A lot inside the group's P 13 distribution (issue 16). Group 1: list 11 (P 319), 12 "
        "(B1 6, B2 3, B3 20: 29), 13 (D1 6, D2 12, D3 14, all deceased: 32), 14 (C1 13, C2 "
        "22, C3 7, C4 16: 58), 15 (P 242); 680 votes; list 2: 1320. Full seats: group 6 "
        "(remainder 80), list 2 13 (remainder 20); 1 residual seat (P 7): group 680/7 = 97 1/7, "
        "list 2 1320/14 = 94 2/7 → group: 7 / 13. P 12: groepskiesdeler 680/7 = 97 1/7; 11: "
        "319 → 3 full seats, 15: 242 → 2, the others 0. Lists 11 and 15 have 1 candidate each "
        "(P 13 lid 1): 1 seat each, 5 left. Largest remainders among the lists that can take a "
        "seat (13 cannot: P 19a): 14 (58), 12 (29); then greatest averages (P 13 lid 2): 14 "
        "58/2 = 29 > 12 29/2 = 14 1/2 → 14; 14 58/3 = 19 1/3 → 14; 14 58/4 = 14 1/2 = 12 29/2 "
        "for the last seat: a lot (kind group_seat, list 1, options 12 and 14, value 14 1/2), "
        "while the seats so far are those of the parties, 1: 7, 2: 13.",
        {k: v for k, v in _PASS_ON_AFTER_LOT.items() if k != "lots"},
        ("P 12", "P 13"),
        ("LOT-decisive",),
        ("tie", "needs_lot", "candidates", "deceased"),
        lot={"kind": "group_seat", "options": [12, 14], "list": 1},
        # seats_so_far (stage group, per party): kiesdeler 2000/20 = 100; group 1 680 → 6 full
        # (remainder 80), list 2 1320 → 13 (remainder 20); 1 residual seat (P 7): 680/7 = 97 1/7
        # > 1320/14 = 94 2/7 → group 1. The tie is inside group 1's P 13 distribution.
        seats_so_far={1: 7, 2: 13},
    ),
    DistrictCase(
        "P 13 and P 18 lid 3: a list whose candidates are all elected",
        "The same with the lot drawn for list 12: seats 11: 1, 12: 2, 13: 0, 14: 3, 15: 1. P "
        "15: P 319 + 242 = 561 > 25, elected on preference (nobody else above 25); P 16: on "
        "list 11 (319 > 242). List 15's seat has no candidate left (P 18 lid 3: P 13): "
        "continued application; 12 and 14 have had their remainder seats, 13 has no living "
        "candidate, so by greatest averages: 12 29/(2 + 1) = 9 2/3, 14 58/(3 + 1) = 14 1/2 → "
        "list 14 (the lot's loser: the lot decided the group's seat, not this one). Seats 11: "
        "1, 12: 2, 13: 0, 14: 4, 15: 0; elected 11: (1), 12: (1, 2), 14: (1, 2, 3, 4). P 19: "
        "11 (1), 12 (1, 2, 3), 14 (1, 2, 3, 4), 15 (1); 13 nobody (all deceased).",
        {
            **_PASS_ON_AFTER_LOT,
            "lots": [{"kind": "group_seat", "options": [12, 14], "list": 1, "drawn": 12}],
        },
        ("P 12", "P 13", "P 15", "P 16", "P 17", "P 18", "P 19", "P 19a"),
        ("P12.2-largest-remainder", "P16-P18-group-candidates"),
        ("tie", "lot", "candidates", "deceased"),
        party_seats={1: 7, 2: 13},
        seats={11: 1, 12: 2, 13: 0, 14: 4, 15: 0, 2: 13},
        elected={11: (1,), 12: (1, 2), 14: (1, 2, 3, 4)},
        ranking={11: (1,), 12: (1, 2, 3), 13: (), 14: (1, 2, 3, 4), 15: (1,)},
    ),
)

_POWER_CASES += (
    DistrictCase(
        "P 13 and P 18 lid 3: a list whose candidates are all elected",
        "The seat passed on far down the continued application, after two P 16 lid 2 "
        "placements (issue 16). Group 1: list 11 (P 308), 12 (B1 29, B2 33, B3 47: 109), 13 "
        "(C1 15), 14 (D1 9, D2 5, D3 25: 39), 15 (P 97); 568 votes; list 2: 1432. Full seats: "
        "group 5 (remainder 68), list 2 14 (remainder 32); 1 residual seat (P 7): group 568/6 = "
        "94 2/3, list 2 1432/15 = 95 7/15 → list 2: 5 / 15. P 12: groepskiesdeler 568/5 = 113 "
        "3/5; list 11 308 → 2 full seats but 1 candidate (P 13 lid 1): 1; the 4 seats left by "
        "largest remainder among the lists that can take one: 12 (109), 15 (97), 14 (39), 13 "
        "(15): 1 seat each. P 15 (threshold 25, strictly above): P 308 + 97 = 405, B3 47, B2 "
        "33, B1 29 (D3's 25 is not above): all 4 elected on preference. P 16: P → list 11 (308 "
        "> 97); B3 → list 12, its only seat; B2: list 12 has no seat left, P 16 lid 2: B2 sits "
        "on list 12 and the seat last allocated under P 12 / P 13 to a list that still has it "
        "free is forfeited: 13's (remainder 15); B1 likewise, the one before: 14's (39). Seats "
        "11: 1, 12: 3, 13: 0, 14: 0, 15: 1. List 15's seat has no candidate left (P 18 lid 3: "
        "P 13): by continued application, every list having had its remainder seat, by "
        "greatest averages over the seats P 12 allocated: 12 109/2 = 54 1/2 and 15 97/2 = 48 "
        "1/2 come first but have no candidate left (then 12 109/3, 15 97/3, ... likewise); of "
        "the lists that can take it, 14 39/2 = 19 1/2 > 13 15/2 = 7 1/2 → list 14 (D1). Seats "
        "11: 1, 12: 3, 13: 0, 14: 1, 15: 0; elected 11: (1), 12: B3, B2, B1 (3, 2, 1), 14: (1). "
        "P 19: 11 (1); 12 (3, 2, 1); 13 (1); 14 (1, 2, 3), nobody above 25; 15 (1).",
        _PASS_ON_FAR,
        ("P 12", "P 13", "P 15", "P 16 lid 2", "P 17", "P 18", "P 19"),
        ("P12.2-largest-remainder", "P16-placement", "P16-P18-group-candidates"),
        ("candidates", "boundary"),
        party_seats={1: 5, 2: 15},
        seats={11: 1, 12: 3, 13: 0, 14: 1, 15: 0, 2: 15},
        elected={11: (1,), 12: (3, 2, 1), 14: (1,)},
        ranking={11: (1,), 12: (3, 2, 1), 13: (1,), 14: (1, 2, 3), 15: (1,)},
    ),
)

_POWER_CASES += (
    DistrictCase(
        "P 19 lid 5: which lists are ranked",
        "The same for an algemeen bestuur (issue 16): P 19 lid 5's exception is for every "
        "election of fewer than 19 seats but the Eerste Kamer (U 15 lid 2), and an AB's "
        "voorkeurdrempel is 25% (P 15 lid 2's 50% is for the gemeenteraad). AB with 9 seats, "
        "the votes of the PS case above: seats 4 / 5 / 0 (P 8: list 3's remainder 50 is below "
        "75); elected list 1: a1, a2 on preference, a3, a4 in list order; list 3 is ranked "
        "although nobody on it is elected: c2 (40 > 25), c1: 2, 1. List 1: 1, 2, 3, 4, 5.",
        district_doc(
            "AB",
            9,
            [
                cand_list(1, 1, [("a1", 300), ("a2", 50), ("a3", 0), ("a4", 0), ("a5", 0)]),
                lst(2, 1, 500, 10),
                cand_list(3, 1, [("c1", 10), ("c2", 40)]),
            ],
            districts=1,
        ),
        ("P 8", "P 15", "P 19 lid 5"),
        ("P19-group-ranking",),
        ("candidates",),
        party_seats={1: 4, 2: 5, 3: 0},
        seats={1: 4, 2: 5, 3: 0},
        elected={1: (1, 2, 3, 4), 3: ()},
        ranking={1: (1, 2, 3, 4, 5), 3: (2, 1)},
    ),
)

_POWER_CASES += (
    DistrictCase(
        "P 15 summed preference votes and P 16 placement",
        "P 16 lid 1 on the later district's list (issue 16). Group 1: list 11 (district 1: Z "
        "30, K1 24, K2 24, K3 22; 100 votes), list 12 (district 2: M1 24, M2 24, M3 2, Z 50; "
        "100); list 2: 1800. Full seats: group 2, list 2 18, none residual. P 12: "
        "groepskiesdeler 200/2 = 100, lists 11 and 12 1 seat each. P 15: Z 30 + 50 = 80 > 25 "
        "is elected on preference (nobody else is above 25). P 16 lid 1: Z is placed on list "
        "12, with the most votes for Z (50 > 30) and a seat. P 17: list 11's seat to K1 "
        "(position 2; Z is elected). Elected 11: (2), 12: (4). P 19: list 11 Z (1), then 2, 3, "
        "4; list 12 Z (4), then 1, 2, 3.",
        district_doc(
            "PS",
            20,
            [
                cand_list(11, 1, [("Z", 30), ("K1", 24), ("K2", 24), ("K3", 22)]),
                cand_list(12, 2, [("M1", 24), ("M2", 24), ("M3", 2), ("Z", 50)]),
                lst(2, 1, 1800, 30),
            ],
            districts=2,
            groups=[{"number": 1, "members": [11, 12]}],
        ),
        ("P 12", "P 15", "P 16", "P 17", "P 19"),
        ("P15.2-summed-preference", "P16-placement", "P19-group-ranking"),
        ("candidates",),
        party_seats={1: 2, 2: 18},
        seats={11: 1, 12: 1, 2: 18},
        elected={11: (2,), 12: (4,)},
        ranking={11: (1, 2, 3, 4), 12: (4, 1, 2, 3)},
    ),
)

# Issue 16, the survivors of the sample at fe9831a (reference/districts.py, groups.py): a party
# of exactly one seat (the candidate phase for it), the voorkeurdrempel exactly reached in an
# algemeen bestuur (strictly more than the drempel, P 15 lid 1, as everywhere but the Eerste
# Kamer), lists of a lijstengroep without votes (equal averages of 0, shared one per list), a
# supplied lot that does not fit the national allocation, and lots between lists numbered
# above 256.

_ZERO_VOTES_2 = district_doc(
    "PS",
    20,
    [lst(11, 1, 600, 2), lst(12, 2, 0, 30), lst(13, 3, 0, 30), lst(2, 1, 1400, 30)],
    groups=[{"number": 1, "members": [11, 12, 13]}],
)

_ZERO_VOTES_3 = district_doc(
    "PS",
    20,
    [
        lst(11, 1, 800, 2),
        lst(12, 2, 0, 30),
        lst(13, 3, 0, 30),
        lst(14, 4, 0, 30),
        lst(2, 1, 1200, 30),
    ],
    districts=4,
    groups=[{"number": 1, "members": [11, 12, 13, 14]}],
)

_ZERO_VOTES_TWO_DONORS = district_doc(
    "PS",
    20,
    [
        lst(11, 1, 400, 1),
        lst(12, 2, 300, 2),
        lst(13, 3, 0, 30),
        lst(14, 4, 0, 30),
        lst(2, 1, 1300, 30),
    ],
    districts=4,
    groups=[{"number": 1, "members": [11, 12, 13, 14]}],
)

_P12_TIE_19 = {**_P12_TIE, "election": {**_P12_TIE["election"], "seats": 19}}

_POWER_CASES += (
    DistrictCase(
        "A party of one seat",
        "A list of one seat elects its candidate (issue 16). PS, 20 seats, 2000 votes, "
        "kiesdeler 100, voorkeurdrempel 25% of 100 = 25 (P 15 lid 1). List 1 (district 1: A "
        "20, B 50, C 30; 100 votes), list 2 (list-level, 30 candidates) 1900. Full seats (P "
        "6): 1 / 19, none residual. P 15: above 25 are B 50 and C 30; the list's one seat goes "
        "to B, elected on preference (most votes). Elected 1: B (2). P 19: B (2), then C (3; "
        "30 > 25), then A (1): 2, 3, 1.",
        district_doc(
            "PS",
            20,
            [cand_list(1, 1, [("A", 20), ("B", 50), ("C", 30)]), lst(2, 1, 1900, 30)],
            districts=1,
        ),
        ("P 6", "P 15", "P 19"),
        ("P15.2-summed-preference", "P19-group-ranking"),
        ("candidates",),
        party_seats={1: 1, 2: 19},
        seats={1: 1, 2: 19},
        elected={1: (2,)},
        ranking={1: (2, 3, 1)},
    ),
    DistrictCase(
        "A party of one seat",
        "A lijstengroep of one seat (issue 16). PS, 20 seats, 2000 votes, kiesdeler 100, "
        "voorkeurdrempel 25. Group 1: list 11 (district 1: A 45, B 10; 55 votes), list 12 "
        "(district 2: C 30, D 15; 45 votes); list 2 (list-level) 1900. Full seats: group 1, "
        "list 2 19, none residual. P 12: groepskiesdeler 100/1 = 100; no list has a full seat; "
        "remainders 55 (11) > 45 (12): the seat → list 11. P 15: above 25 are A 45 and C 30; "
        "the group's one seat → A, elected on preference; P 16: A stands on list 11 only, which "
        "has the seat. Elected 11: A (1); 12: nobody. P 19 (every list of a group with seats, "
        "P 19 lid 5): list 11 A (1), then B (2; 10 is not above 25): 1, 2; list 12 has no "
        "candidate elected on preference, then C (1; 30 > 25), then D (2): 1, 2.",
        district_doc(
            "PS",
            20,
            [
                cand_list(11, 1, [("A", 45), ("B", 10)]),
                cand_list(12, 2, [("C", 30), ("D", 15)]),
                lst(2, 1, 1900, 30),
            ],
            districts=2,
            groups=[{"number": 1, "members": [11, 12]}],
        ),
        ("P 12", "P 15", "P 16", "P 19"),
        ("P12.2-largest-remainder", "P15.2-summed-preference", "P19-group-ranking"),
        ("candidates",),
        party_seats={1: 1, 2: 19},
        seats={11: 1, 12: 0, 2: 19},
        elected={11: (1,)},
        ranking={11: (1, 2), 12: (1, 2)},
    ),
    DistrictCase(
        "A party of one seat",
        "A list whose one seat is a residual seat (issue 16). AB, 9 seats (fewer than 19: "
        "largest remainders for lists with at least 75% of the kiesdeler, P 8), 900 votes, "
        "kiesdeler 100, voorkeurdrempel 25% of 100 = 25 (the 50% of P 15 lid 2 is for the "
        "gemeenteraad). List 1 (district 1: A 20, B 35, C 25; 80 votes), lists 2 and 3 "
        "(list-level, 10 candidates each) 410 each. Full seats 0 / 4 / 4; the residual seat by "
        "largest remainder: 80 (list 1, 80 >= 75) > 10, 10 → list 1. P 15: above 25 only B "
        "35 (C's 25 is not above): B elected on preference. Elected 1: B (2). P 19: B (2), "
        "nobody else above 25, then A (1), C (3): 2, 1, 3.",
        district_doc(
            "AB",
            9,
            [
                cand_list(1, 1, [("A", 20), ("B", 35), ("C", 25)]),
                lst(2, 1, 410, 10),
                lst(3, 1, 410, 10),
            ],
            districts=1,
        ),
        ("P 8", "P 15", "P 19"),
        ("P15.2-summed-preference", "P19-group-ranking"),
        ("candidates", "boundary"),
        party_seats={1: 1, 2: 4, 3: 4},
        seats={1: 1, 2: 4, 3: 4},
        elected={1: (2,)},
        ranking={1: (2, 1, 3)},
    ),
    DistrictCase(
        "P 19 ranking in a lijstengroep",
        "The voorkeurdrempel exactly reached in an algemeen bestuur (issue 16): P 15 lid 1 and "
        "P 19 ask for more votes than the drempel; only the Eerste Kamer takes 'groter dan of "
        "gelijk aan' (U 15 lid 3). The case 'The voorkeurdrempel exactly reached is not "
        "passed' above as an AB: 20 seats, 2000 votes, kiesdeler 100, voorkeurdrempel 25% of "
        "100 = 25. Group 1: list 11 (district 1: A 20, B 10, C 25, D 45), list 12 (district 2: "
        "E 60, F 24, G 16); list 2 (list-level) 1800. Full seats: group 2, list 2 18. P 12: "
        "lists 11 and 12 1 seat each. P 15: E 60 and D 45 elected on preference (P 16: E → "
        "12, D → 11). P 19, list 11: D (4); C's 25 is not above 25, so nobody is ranked by "
        "votes; then A (1), B (2), C (3): 4, 1, 2, 3. List 12: E (1), F (2), G (3).",
        district_doc(
            "AB",
            20,
            [
                cand_list(11, 1, [("A", 20), ("B", 10), ("C", 25), ("D", 45)]),
                cand_list(12, 2, [("E", 60), ("F", 24), ("G", 16)]),
                lst(2, 1, 1800, 30),
            ],
            districts=2,
            groups=[{"number": 1, "members": [11, 12]}],
        ),
        ("P 12", "P 15 lid 1", "P 16", "P 19"),
        ("P15.2-summed-preference", "P19-group-ranking"),
        ("candidates", "boundary"),
        party_seats={1: 2, 2: 18},
        seats={11: 1, 12: 1, 2: 18},
        elected={11: (4,), 12: (1,)},
        ranking={11: (4, 1, 2, 3), 12: (1, 2, 3)},
    ),
    DistrictCase(
        "P 19 ranking in a lijstengroep",
        "The voorkeurdrempel exactly reached by votes summed over the group, in an algemeen "
        "bestuur (issue 16). AB, 20 seats, 2000 votes, kiesdeler 100, voorkeurdrempel 25. "
        "Group 1: list 11 (district 1: A 60, X 15, P 15, Y 10; 100 votes), list 12 (district "
        "2: B 70, P 10, Z 20; 100); list 2 (list-level) 1800. Full seats: group 2, list 2 18. "
        "P 12: groepskiesdeler 100, lists 11 and 12 1 seat each. P 15, summed over the group: "
        "B 70, A 60, P 15 + 10 = 25, Z 20, X 15, Y 10; above 25 only B and A, both elected on "
        "preference (P 16: B → 12, A → 11). P 19, list 11: A (1); P's 25 is not above 25, so "
        "nobody is ranked by votes; then X (2), P (3), Y (4): 1, 2, 3, 4. List 12: B (1), then "
        "P (2), Z (3).",
        district_doc(
            "AB",
            20,
            [
                cand_list(11, 1, [("A", 60), ("X", 15), ("P", 15), ("Y", 10)]),
                cand_list(12, 2, [("B", 70), ("P", 10), ("Z", 20)]),
                lst(2, 1, 1800, 30),
            ],
            districts=2,
            groups=[{"number": 1, "members": [11, 12]}],
        ),
        ("P 12", "P 15 lid 1", "P 16", "P 19"),
        ("P15.2-summed-preference", "P19-group-ranking"),
        ("candidates", "boundary"),
        party_seats={1: 2, 2: 18},
        seats={11: 1, 12: 1, 2: 18},
        elected={11: (1,), 12: (1,)},
        ranking={11: (1, 2, 3, 4), 12: (1, 2, 3)},
    ),
    DistrictCase(
        "P 19 lid 5: which lists are ranked",
        "A lijstengroep without seats in an algemeen bestuur of fewer than 19 seats, one of its "
        "candidates exactly at the voorkeurdrempel (issue 16). AB, 18 seats, 1800 votes, "
        "kiesdeler 100, voorkeurdrempel 25% of 100 = 25. Group 1: list 11 (district 1: B 10, A "
        "25; 35 votes), list 12 (district 2: C 20, D 5; 25); list 2 (list-level) 1740. Full "
        "seats: group 0, list 2 17 (remainder 40); the residual seat (P 8) → list 2 (the group's "
        "60 votes are below 75, 75% of the kiesdeler): 0 / 18. P 19 lid 5: with 18 seats the "
        "group's lists are ranked though nobody is elected; A's 25 is not above 25, so nobody "
        "is ranked by votes: list 11 B (1), A (2); list 12 C (1), D (2).",
        district_doc(
            "AB",
            18,
            [
                cand_list(11, 1, [("B", 10), ("A", 25)]),
                cand_list(12, 2, [("C", 20), ("D", 5)]),
                lst(2, 1, 1740, 30),
            ],
            districts=2,
            groups=[{"number": 1, "members": [11, 12]}],
        ),
        ("P 8", "P 15", "P 19 lid 5"),
        ("P19-group-ranking",),
        ("candidates", "boundary"),
        party_seats={1: 0, 2: 18},
        seats={11: 0, 12: 0, 2: 18},
        ranking={11: (1, 2), 12: (1, 2)},
    ),
    DistrictCase(
        "P 13 inside a lijstengroep: a list with fewer candidates than seats",
        "Lists without votes take the seats passed on, one each per round (issue 16). PS, 20 "
        "seats, 2000 votes, kiesdeler 100. Group 1: list 11 (district 1: 600 votes, 2 "
        "candidates), lists 12 and 13 (districts 2 and 3: 0 votes, 30 candidates each); list 2: "
        "1400. Full seats: group 6, list 2 14, none residual. P 12: groepskiesdeler 600/6 = "
        "100; list 11 6 full seats, 12 and 13 none; no remainders. List 11 can take 2 (P 13 "
        "lid 1): 4 seats pass on. P 12 lid 5: 12 and 13 have equal remainders (0) and there "
        "are seats for both: one each, no lot. P 13 lid 2, greatest averages: 12 and 13 both "
        "0/2 = 0, and 2 seats left for them: one each, no lot (tied lists are served one seat "
        "each before any gets a second at that value: docs/interpretation.md, 'Ties between "
        "lists'). Seats 11: 2, 12: 2, 13: 2.",
        _ZERO_VOTES_2,
        ("P 12", "P 13"),
        ("P12.1-group-quota", "P12.2-largest-remainder", "P12-seat-sum"),
        ("boundary",),
        party_seats={1: 6, 2: 14},
        seats={11: 2, 12: 2, 13: 2, 2: 14},
    ),
    DistrictCase(
        "P 13 inside a lijstengroep: a list with fewer candidates than seats",
        "The same with three lists without votes (issue 16). PS, 20 seats, 2000 votes, "
        "kiesdeler 100. Group 1: list 11 (district 1: 800 votes, 2 candidates), lists 12, 13 "
        "and 14 (0 votes, 30 candidates each); list 2: 1200. Full seats: group 8, list 2 12. "
        "P 12: groepskiesdeler 100; list 11 8 full seats, keeps 2 (P 13 lid 1): 6 pass on. P "
        "12 lid 5: 12, 13 and 14 (remainder 0 each, 3 seats for 3 lists): one each. P 13 lid "
        "2: all three at 0/2 = 0 for the 3 seats left: one each. Seats 11: 2, 12: 2, 13: 2, "
        "14: 2.",
        _ZERO_VOTES_3,
        ("P 12", "P 13"),
        ("P12.1-group-quota", "P12.2-largest-remainder", "P12-seat-sum"),
        ("boundary",),
        party_seats={1: 8, 2: 12},
        seats={11: 2, 12: 2, 13: 2, 14: 2, 2: 12},
    ),
    DistrictCase(
        "P 13 inside a lijstengroep: a list with fewer candidates than seats",
        "Lists without votes take the seats two lists pass on (issue 16). PS, 20 seats, 2000 "
        "votes, kiesdeler 100. Group 1: list 11 (district 1: 400 votes, 1 candidate), 12 "
        "(district 2: 300 votes, 2 candidates), 13 and 14 (0 votes, 30 candidates each); list "
        "2: 1300. Full seats: group 7, list 2 13. P 12: groepskiesdeler 700/7 = 100; 11: 4 "
        "full seats, 12: 3, 13 and 14 none; no remainders. 11 keeps 1 and 12 keeps 2 (P 13 lid "
        "1): 3 + 1 = 4 seats pass on. P 12 lid 5: 13 and 14 (0 each, 2 seats for 2 lists): "
        "one each. P 13 lid 2: 13 and 14 at 0/2 = 0 for the 2 seats left (11 and 12 are at "
        "their candidates): one each. Seats 11: 1, 12: 2, 13: 2, 14: 2.",
        _ZERO_VOTES_TWO_DONORS,
        ("P 12", "P 13"),
        ("P12.1-group-quota", "P12.2-largest-remainder", "P12-seat-sum"),
        ("boundary",),
        party_seats={1: 7, 2: 13},
        seats={11: 1, 12: 2, 13: 2, 14: 2, 2: 13},
    ),
    DistrictCase(
        "A supplied lot that does not fit",
        "The lot for the residual seat answers another question (issue 16). The case 'P 12 "
        "ties' of 19 seats: P 7 asks a lot between groups 1 and 2 (both 1000/10 = 100); the "
        "supplied lot is between groups 1 and 3, so it does not answer the question asked: "
        "the input is rejected (lot_mismatch).",
        {**_P12_TIE_19, "lots": [{"kind": "residual_seat", "options": [1, 3], "drawn": 1}]},
        (),
        (),
        ("rejected",),
        errors=(("lots[0]", "lot_mismatch"),),
    ),
    DistrictCase(
        "A supplied lot that does not fit",
        "One lot too many for the residual seats (issue 16). The case 'P 12 ties' of 19 seats "
        "asks one lot (P 7, groups 1 and 2); two are supplied, so the second is not needed: "
        "the input is rejected (lot_mismatch).",
        {
            **_P12_TIE_19,
            "lots": [
                {"kind": "residual_seat", "options": [1, 2], "drawn": 1},
                {"kind": "residual_seat", "options": [1, 2], "drawn": 2},
            ],
        },
        (),
        (),
        ("rejected",),
        errors=(("lots[1]", "lot_mismatch"),),
    ),
    DistrictCase(
        "A supplied lot that does not fit",
        "A lot for the group's remainder seat naming another group (issue 16). The case 'P 12 "
        "ties' of 21 seats: P 12 lid 5 asks a lot between lists 11 and 12 of group 1; the "
        "supplied lot names group 2 (there is none): the input is rejected (lot_mismatch).",
        {
            **_P12_GROUP_TIE,
            "lots": [{"kind": "group_seat", "options": [11, 12], "drawn": 12, "list": 2}],
        },
        (),
        (),
        ("rejected",),
        errors=(("lots[0]", "lot_mismatch"),),
    ),
    DistrictCase(
        "P 12 ties",
        "The lot drawn between lists numbered above 256 (issue 16): the case of lists 11 and "
        "12 above with lists 311 and 312, the lot drawn for 312. PS, 21 seats, 2100 votes, "
        "kiesdeler 100; group 1 (311: 550, 312: 550) 11 seats, list 3 (1000) 10. P 12: "
        "groepskiesdeler 100; 5 full seats each, remainders 50 and 50, the lot for the "
        "remainder seat → 312: 311: 5, 312: 6.",
        district_doc(
            "PS",
            21,
            [lst(311, 1, 550), lst(312, 2, 550), lst(3, 1, 1000)],
            groups=[{"number": 1, "members": [311, 312]}],
            lots=[{"kind": "group_seat", "options": [311, 312], "drawn": 312, "list": 1}],
        ),
        ("P 12",),
        ("P12.2-largest-remainder", "P12-seat-sum"),
        ("tie", "lot"),
        party_seats={1: 11, 3: 10},
        seats={311: 5, 312: 6, 3: 10},
    ),
    DistrictCase(
        "lijstencombinaties (pre-2017-12)",
        "The lot drawn between members numbered above 256 (issue 16): the combination case "
        "above with lists 302 and 303 (550 and 450 votes) combined (9), beside list 1 (1000). "
        "Old P 11: combinatiekiesdeler 100; 302: 5 full (remainder 50), 303: 4 (remainder 50); "
        "the lot for the remainder seat → 303: 1: 10, 302: 5, 303: 5.",
        district_doc(
            "PS",
            20,
            [lst(1, 1, 1000), lst(302, 1, 550), lst(303, 1, 450)],
            districts=1,
            combinations=[{"number": 9, "members": [302, 303]}],
            law="pre-2017-12",
            lots=[{"kind": "combination_seat", "options": [302, 303], "drawn": 303, "list": 9}],
        ),
        ("P 4", "P 11"),
        ("combination-P11-largest-remainder", "P12-seat-sum"),
        ("tie", "lot"),
        party_seats={1: 10, 302: 5, 303: 5},
        seats={1: 10, 302: 5, 303: 5},
    ),
)

# Issue 16, survivors of the earlier sample (docs/mutation.md, "Not equivalent (18)"): the P 19
# ranking of an Eerste Kamer district election (U 15 lid 3: at least the kiesdeler), and the
# seats so far of a lot in a group's distribution beside a counting lijstencombinatie.

_POWER_CASES += (
    DistrictCase(
        "P 19 ranking in a lijstengroep",
        "An Eerste Kamer election with a lijstengroep (issue 16): U 15 lid 3, elected on "
        "preference with at least the kiesdeler; the others below it are ranked in list order "
        "(P 19 through U 15 lid 2). EK, 20 seats, every stemwaarde 1 (U 2), 2000 votes, "
        "kiesdeler 100. Group 1: list 11 (district 1: A 150, X 10, Y 40; 200 votes), list 12 "
        "(district 2: B 120, Z 5, W 50; 175); list 2 (list-level) 1625. Full seats: group 3 "
        "(remainder 75), list 2 16 (remainder 25); the residual seat: group 375/4 = 93 3/4 < "
        "list 2 1625/17 = 95 10/17 → list 2: 3 / 17. P 12: groepskiesdeler 375/3 = 125; list "
        "11 1 full seat (remainder 75), 12 1 (remainder 50): the remainder seat → 11: 2 / 1. "
        "U 15 lid 3: A 150 and B 120 reach 100, elected on preference (P 16: A → 11, B → 12); "
        "P 17: list 11's other seat → X (2). Elected 11: 1, 2; 12: 1. P 19: list 11 A (1), "
        "nobody else reaches 100, then X (2), Y (3); list 12 B (1), then Z (2), W (3).",
        district_doc(
            "EK",
            20,
            [
                cand_list(11, 1, [("A", 150), ("X", 10), ("Y", 40)]),
                cand_list(12, 2, [("B", 120), ("Z", 5), ("W", 50)]),
                lst(2, 1, 1625, 30),
            ],
            districts=2,
            groups=[{"number": 1, "members": [11, 12]}],
        ),
        ("P 12", "P 16", "P 17", "P 19", "U 15"),
        ("P16-placement", "P19-group-ranking"),
        ("candidates",),
        party_seats={1: 3, 2: 17},
        seats={11: 2, 12: 1, 2: 17},
        elected={11: (1, 2), 12: (1,)},
        ranking={11: (1, 2, 3), 12: (1, 2, 3)},
    ),
    DistrictCase(
        "P 19 ranking in a lijstengroep",
        "An Eerste Kamer election with a candidate on both lists of a lijstengroep (issue 16). "
        "EK, 20 seats, every stemwaarde 1 (U 2), 2000 votes, kiesdeler 100. Group 1: list 11 "
        "(district 1: A 90, X 10, Y 40; 140 votes), list 12 (district 2: A 30, B 130, Z 5, W "
        "50; 215); list 2 (list-level) 1645. Full seats: group 355 → 3 (remainder 55), list 2 "
        "16 (remainder 45); the residual seat: group 355/4 = 88 3/4 < list 2 1645/17 = 96 "
        "13/17 → list 2: 3 / 17. P 12: groepskiesdeler 355/3 = 118 1/3; list 11 1 full seat "
        "(remainder 21 2/3), 12 1 (remainder 96 2/3): the remainder seat → 12: 1 / 2. U 15 "
        "lid 3, votes summed over the group: B 130, A 90 + 30 = 120 reach 100, both elected on "
        "preference (B first); P 16: B → 12, A → 11 (90 > 30). P 17: list 12's other seat → "
        "Z (3; A, position 1, is elected). Elected 11: A (1); 12: B, Z (2, 3). P 19: list 11 A "
        "(1), nobody else reaches 100, then X (2), Y (3); list 12 B (2), A (1; elected on "
        "preference in the group, a candidate of list 12 too), then Z (3), W (4).",
        district_doc(
            "EK",
            20,
            [
                cand_list(11, 1, [("A", 90), ("X", 10), ("Y", 40)]),
                cand_list(12, 2, [("A", 30), ("B", 130), ("Z", 5), ("W", 50)]),
                lst(2, 1, 1645, 30),
            ],
            districts=2,
            groups=[{"number": 1, "members": [11, 12]}],
        ),
        ("P 12", "P 16", "P 17", "P 19", "U 15"),
        ("P15.2-summed-preference", "P16-placement", "P19-group-ranking"),
        ("candidates",),
        party_seats={1: 3, 2: 17},
        seats={11: 1, 12: 2, 2: 17},
        elected={11: (1,), 12: (2, 3)},
        ranking={11: (1, 2, 3), 12: (2, 1, 3, 4)},
    ),
    DistrictCase(
        "P 19 ranking in a lijstengroep",
        "Two candidates of a lijstengroep elected together on equal summed votes, no lot "
        "(issue 16): each list ranks them in its own order (docs/interpretation.md, P 19 in a "
        "lijstengroep). PS, 20 seats, 2000 votes, kiesdeler 100, voorkeurdrempel 25. Group 1: "
        "list 11 (district 1: X 60, Y 20, P 20; 100 votes), list 12 (district 2: Y 60, X 20, Q "
        "20; 100); list 2 (list-level) 1800. Full seats: group 2, list 2 18, no remainder. P "
        "12: groepskiesdeler 100, lists 11 and 12 one seat each. P 15, votes summed over the "
        "group: X 80, Y 80 (P 20, Q 20 below 25): both elected on preference, for the group's "
        "two seats, so their tie decides nothing and no lot is drawn; P 16: X → 11 (60 > 20), "
        "Y → 12 (60 > 20), whichever is placed first. Elected 11: X (1); 12: Y (1). P 19: list "
        "11 X, Y (equal, this list's order: 1, 2), then P (3); list 12 Y, X (this list's "
        "order: 1, 2), then Q (3).",
        district_doc(
            "PS",
            20,
            [
                cand_list(11, 1, [("X", 60), ("Y", 20), ("P", 20)]),
                cand_list(12, 2, [("Y", 60), ("X", 20), ("Q", 20)]),
                lst(2, 1, 1800, 30),
            ],
            districts=2,
            groups=[{"number": 1, "members": [11, 12]}],
        ),
        ("P 12", "P 15", "P 16", "P 19"),
        ("P15.2-summed-preference", "P16-placement", "P19-group-ranking"),
        ("candidates",),
        party_seats={1: 2, 2: 18},
        seats={11: 1, 12: 1, 2: 18},
        elected={11: (1,), 12: (1,)},
        ranking={11: (1, 2, 3), 12: (1, 2, 3)},
    ),
    DistrictCase(
        "P 19 ranking in a lijstengroep",
        "An Eerste Kamer candidate of a lijstengroep whose votes summed over the group are "
        "exactly the kiesdeler is elected on preference: U 15 lid 3, \"groter dan of gelijk "
        "aan de kiesdeler\" (P 15 lid 1 says \"groter dan\" for the other kinds). EK, 20 "
        "seats, every stemwaarde 1 (U 2), 2000 votes, kiesdeler 100. Group 1: list 11 "
        "(district 1: A 60, X 10, Y 30; 100 votes), list 12 (district 2: A 40, B 110, Z 5, W "
        "45; 200); list 2 (list-level) 1700. Full seats: group 3, list 2 17, no remainder; "
        "20 seats. P 12: groepskiesdeler 300/3 = 100; list 11 1 full seat, 12 2. U 15 lid 3, "
        "votes summed over the group: B 110 and A 60 + 40 = 100 reach 100 (A exactly), both "
        "elected on preference, B first; P 16: B → 12 (the only list B is on), A → 11 (60 > "
        "40, a seat free). P 17: list 12's other seat → Z (3; A, position 1, is elected on "
        "11). Elected 11: A (1); 12: B, Z (2, 3). P 19: list 11 A (1), nobody else reaches "
        "100, then X (2), Y (3); list 12 B (2), A (1), then Z (3), W (4). (Until 2026-12-07 "
        "the step-by-step judge called A's election wrong: P15.2-summed-preference compared "
        "with 'more than' for every kind.)",
        district_doc(
            "EK",
            20,
            [
                cand_list(11, 1, [("A", 60), ("X", 10), ("Y", 30)]),
                cand_list(12, 2, [("A", 40), ("B", 110), ("Z", 5), ("W", 45)]),
                lst(2, 1, 1700, 30),
            ],
            districts=2,
            groups=[{"number": 1, "members": [11, 12]}],
        ),
        ("P 12", "P 16", "P 17", "P 19", "U 15"),
        ("P15.2-summed-preference", "P16-placement", "P19-group-ranking"),
        ("candidates",),
        party_seats={1: 3, 2: 17},
        seats={11: 1, 12: 2, 2: 17},
        elected={11: (1,), 12: (2, 3)},
        ranking={11: (1, 2, 3), 12: (2, 1, 3, 4)},
    ),
    DistrictCase(
        "lijstencombinaties (pre-2017-12)",
        "A lot in a lijstengroep's distribution beside a counting combination: the seats so far "
        "are the parties' (issue 16). PS, 20 seats, 2000 votes, kiesdeler 100, law "
        "pre-2017-12: group 1 (lists 11: 250, 12: 250), lists 2: 560, 3: 440, 4: 500; lists 2 "
        "and 3 combined (9). Old P 4 lid 2 test without the combination: group 5, 2: 5 "
        "(remainder 60), 3: 4 (remainder 40), 4: 5 full seats; the residual seat by greatest "
        "average: 500/6 = 83 1/3, 560/6 = 93 1/3, 440/5 = 88, 500/6 → list 2: both members "
        "win seats, the combination counts. With it: group 5, combination 1000: 10, 4: 5, all "
        "full seats. Old P 11: combinatiekiesdeler 100; 2: 5 full (remainder 60), 3: 4 "
        "(remainder 40) → 2: 6, 3: 4. P 12, group 1: groepskiesdeler 100; 11 and 12 2 full "
        "seats each, remainders 50 and 50 for 1 seat: lot (group_seat, list 1), the seats so "
        "far per party 1: 5, 2: 6, 3: 4, 4: 5 (not the combination's 10).",
        district_doc(
            "PS",
            20,
            [lst(11, 1, 250), lst(12, 2, 250), lst(2, 1, 560), lst(3, 1, 440), lst(4, 1, 500)],
            districts=2,
            groups=[{"number": 1, "members": [11, 12]}],
            combinations=[{"number": 9, "members": [2, 3]}],
            law="pre-2017-12",
        ),
        ("P 4", "P 11", "P 12"),
        ("combination-P11-largest-remainder", "P12.2-largest-remainder"),
        ("tie", "needs_lot"),
        lot={"kind": "group_seat", "options": [11, 12], "list": 1},
        # seats_so_far (stage group, per party): kiesdeler 100; group 1 500 → 5, combination 9
        # (560 + 440) 1000 → 10, list 4 500 → 5, all full seats; old P 11, combinatiekiesdeler
        # 1000/10 = 100: list 2 5 full (remainder 60), list 3 4 (remainder 40), the remainder
        # seat → list 2: 6 and 4. Every party is settled before P 12 of group 1.
        seats_so_far={1: 5, 2: 6, 3: 4, 4: 5},
    ),
    DistrictCase(
        "lijstencombinaties (pre-2017-12)",
        "A lijstengroep in a counting combination needing a lot (issue 16). PS, 20 seats, 2000 "
        "votes, kiesdeler 100, law pre-2017-12: group 1 (lists 11: 250, 12: 250), lists 3: "
        "300, 4: 1200; group 1 and list 3 combined (9). Old P 4 lid 2 test: group 5, 3: 3, 4: "
        "12, all full seats: both members win seats. With it: combination 800: 8, 4: 12. Old "
        "P 11: combinatiekiesdeler 100; group 5, list 3 3, no remainders. P 12, group 1: "
        "groepskiesdeler 100; 11 and 12 2 full seats each, remainders 50 and 50 for 1 seat: "
        "lot (group_seat, list 1), the seats so far per party 1: 5, 3: 3, 4: 12.",
        district_doc(
            "PS",
            20,
            [lst(11, 1, 250), lst(12, 2, 250), lst(3, 1, 300), lst(4, 1, 1200)],
            districts=2,
            groups=[{"number": 1, "members": [11, 12]}],
            combinations=[{"number": 9, "members": [1, 3]}],
            law="pre-2017-12",
        ),
        ("P 4", "P 11", "P 12"),
        ("combination-P11-largest-remainder", "P12.2-largest-remainder"),
        ("tie", "needs_lot"),
        lot={"kind": "group_seat", "options": [11, 12], "list": 1},
        # seats_so_far (stage group, per party): kiesdeler 100; combination 9 (group 1 500 + list
        # 3 300) 800 → 8 full seats, list 4 1200 → 12; old P 11, combinatiekiesdeler 800/8 = 100:
        # group 1 5, list 3 3, no remainder. Every party is settled before P 12 of group 1.
        seats_so_far={1: 5, 3: 3, 4: 12},
    ),
)

CASES = CASES + _POWER_CASES


# --------------------------------------------------------------------------- issue 16: judge
# Hand-written cases against the judge mutants that survived the suite (issue 16, suite power of
# the judge, spec/rules/district_final.py): a P 15 lid 1 candidate lot in a party holding one
# seat (a stel, a lijstengroep), asked and drawn. Until these, no district vector supplied or
# asked a candidate lot. PS of 20 seats, 2000 votes: kiesdeler 100, voorkeurdrempel 25% of 100
# = 25 (P 15 lid 1).

_ONE_SEAT_TIE = district_doc(
    "PS",
    20,
    [
        cand_list(11, 1, [("A", 30), ("B", 25)]),
        cand_list(12, 2, [("A", 20), ("B", 25)]),
        lst(2, 1, 1900, 30),
    ],
    districts=2,
    sets=[{"number": 10, "lists": [11, 12]}],
)

_ONE_SEAT_GROUP_TIE = district_doc(
    "PS",
    20,
    [
        cand_list(11, 1, [("A", 30), ("B", 25)]),
        cand_list(12, 2, [("B", 25), ("A", 20)]),
        lst(2, 1, 1900, 30),
    ],
    districts=2,
    groups=[{"number": 1, "members": [11, 12]}],
)

_JUDGE_CASES: tuple[DistrictCase, ...] = (
    DistrictCase(
        "P 15 candidate lot in a party of one seat",
        "Stel 10 (H 11 lid 1): list 11 (district 1: A 30, B 25) and list 12 (district 2: A 20, "
        "B 25), 100 votes; list 2: 1900. Kiesdeler 2000/20 = 100. P 6: stel 10 1 full seat, "
        "list 2 19; no residual seat. P 15 lid 1: votes summed over the stel's lists, A 30 + 20 "
        "= 50, B 25 + 25 = 50, both above 25, for the stel's one seat: equal votes for fewer "
        "seats than candidates, so the lot decides who is elected (kind candidate, list = the "
        "stel, options its positions 1 and 2). List by list, A (30 > 25 on list 11) would win "
        "without a lot.",
        _ONE_SEAT_TIE,
        ("P 6", "P 15"),
        ("P15.2-summed-preference",),
        ("candidates", "tie", "needs_lot"),
        lot={"kind": "candidate", "options": [1, 2], "list": 10},
        # seats_so_far (stage candidates, per P 12 list): kiesdeler 100; stel 10 (55 + 45) 100
        # → 1 full seat, list 2 1900 → 19; the lot comes at P 15, before any candidate is placed.
        seats_so_far={10: 1, 2: 19},
    ),
    DistrictCase(
        "P 15 candidate lot in a party of one seat",
        "The same with the lot drawn for B (position 2): B is elected on preference, the stel's "
        "only seat. Seats 10: 1, 2: 19; elected 10: B (2). P 19: B (elected on preference), "
        "then A (50, above 25): 2, 1.",
        {
            **_ONE_SEAT_TIE,
            "lots": [{"kind": "candidate", "options": [1, 2], "drawn": 2, "list": 10}],
        },
        ("P 6", "P 15", "P 19"),
        ("P15.2-summed-preference", "P19-group-ranking"),
        ("candidates", "tie", "lot"),
        party_seats={10: 1, 2: 19},
        seats={10: 1, 2: 19},
        elected={10: (2,)},
        ranking={10: (2, 1)},
    ),
    DistrictCase(
        "P 15 candidate lot in a party of one seat",
        "The same persons in a lijstengroep instead of a stel: group 1 of list 11 (district 1: A "
        "30, B 25) and list 12 (district 2: B 25, A 20; the order differs, so no stel), 100 "
        "votes; list 2: 1900. P 6: group 1 1 full seat, list 2 19. P 15 lid 1: A 30 + 20 = 50, "
        "B 25 + 25 = 50, both above 25, for the group's one seat: the lot decides (kind "
        "candidate, list = the group, options the group's numbering of its persons: A 1, B 2, "
        "in list order of list 11 first).",
        _ONE_SEAT_GROUP_TIE,
        ("P 6", "P 15"),
        ("P15.2-summed-preference",),
        ("candidates", "tie", "needs_lot"),
        lot={"kind": "candidate", "options": [1, 2], "list": 1},
        # seats_so_far (stage candidates, per P 12 list): kiesdeler 100; group 1 100 → 1 full
        # seat, list 2 1900 → 19; P 12 groepskiesdeler 100/1 = 100: lists 11 (55) and 12 (45) no
        # full seat, the remainder seat → 11 (55 > 45). The lot comes at P 15, before P 16.
        seats_so_far={11: 1, 12: 0, 2: 19},
    ),
    DistrictCase(
        "P 15 candidate lot in a party of one seat",
        "The same with the lot drawn for B (2). P 12: groepskiesdeler 100/1 = 100; lists 11 "
        "(55) and 12 (45) have no full seat; the remainder seat goes to list 11 (55 > 45). P 16 "
        "lid 1: B has 25 votes on each list; equal votes: the list of the lowest kieskring, "
        "list 11 (district 1), which has the seat. Seats 11: 1, 12: 0; elected 11: B (2). P 19 "
        "(lid 5: every list of a group with seats is ranked): list 11 B (2), then A (1, 50 "
        "summed, above 25); list 12 B (1), then A (2).",
        {
            **_ONE_SEAT_GROUP_TIE,
            "lots": [{"kind": "candidate", "options": [1, 2], "drawn": 2, "list": 1}],
        },
        ("P 6", "P 12", "P 15", "P 16", "P 19"),
        ("P15.2-summed-preference", "P16-placement", "P19-group-ranking"),
        ("candidates", "tie", "lot"),
        party_seats={1: 1, 2: 19},
        seats={11: 1, 12: 0, 2: 19},
        elected={11: (2,)},
        ranking={11: (2, 1), 12: (1, 2)},
    ),
)

CASES = CASES + _JUDGE_CASES


# --------------------------------------------------------------------------- issue 16: judge (2)
# A lijstengroep that asks a candidate lot (P 15 lid 1) and then a group_seat lot (P 16 lid 2),
# against the judge mutant that lets the group's P 12 / P 13 / P 16 lid 2 draws take a supplied
# lot of any kind of the group (spec/rules/group_candidates.py, GroupLots). PS of 20 seats, 2000
# votes: kiesdeler 100, voorkeurdrempel 25% of 100 = 25 (P 15 lid 1).

_CANDIDATE_THEN_GROUP_LOT = district_doc(
    "PS",
    20,
    [
        cand_list(11, 1, [("A", 58), ("B", 50), ("Q", 40), ("E1", 26), ("E2", 26)]),
        cand_list(12, 2, [("F1", 30), *((f"F{i}", 24) for i in range(2, 9)), ("F9", 2)]),
        cand_list(13, 3, [("G1", 30), *((f"G{i}", 24) for i in range(2, 9)), ("G9", 2)]),
        lst(2, 1, 1400, 30),
    ],
    groups=[{"number": 1, "members": [11, 12, 13]}],
)
_CANDIDATE_LOT = {"kind": "candidate", "options": [4, 5], "drawn": 5, "list": 1}

_LOT_ORDER_CASES: tuple[DistrictCase, ...] = (
    DistrictCase(
        "A candidate lot, then a group lot",
        "Group 1: list 11 (district 1: A 58, B 50, Q 40, E1 26, E2 26; 200), list 12 (district "
        "2: F1 30, F2-F8 24 each, F9 2; 200), list 13 (district 3: G1 30, G2-G8 24, G9 2; 200); "
        "list 2: 1400. Kiesdeler 100. P 6: group 1 6 full seats, list 2 14; no residual seat. "
        "P 12: groepskiesdeler 600/6 = 100, each list 2 full seats, no remainder seat. P 15 "
        "lid 1, above 25: A 58, B 50, Q 40, F1 30, G1 30, E1 26, E2 26: seven for six seats, "
        "E1 and E2 equal for the last: the lot (kind candidate, list = the group, options the "
        "group's numbering of its persons, list 11 first: E1 4, E2 5).",
        _CANDIDATE_THEN_GROUP_LOT,
        ("P 6", "P 12", "P 15"),
        ("P15.2-summed-preference",),
        ("candidates", "tie", "needs_lot"),
        lot={"kind": "candidate", "options": [4, 5], "list": 1},
        # seats_so_far (stage candidates, per P 12 list): kiesdeler 100; group 1 600 → 6, list 2
        # 1400 → 14; P 12 groepskiesdeler 100: 11, 12, 13 200 each → 2 full seats, no remainder.
        # The lot comes at P 15, before any candidate is placed.
        seats_so_far={11: 2, 12: 2, 13: 2, 2: 14},
    ),
    DistrictCase(
        "A candidate lot, then a group lot",
        "The same with the candidate lot drawn for E2 (5): elected on preference A, B, Q, F1, "
        "G1, E2. P 16 lid 1: A and B take list 11's two seats, F1 one of list 12's, G1 one of "
        "list 13's. P 16 lid 2: Q stands on list 11 only, which has no seat left: list 11 "
        "takes a seat, and the list that gives one up holds the seat P 12 allocated last and "
        "still free: lists 12 and 13 each hold a free full seat, allocated together (P 12 lid "
        "4): no order, the lot (kind group_seat, options 12 and 13). The supplied candidate "
        "lot is not that lot.",
        {**_CANDIDATE_THEN_GROUP_LOT, "lots": [_CANDIDATE_LOT]},
        ("P 6", "P 12", "P 15", "P 16"),
        ("P15.2-summed-preference", "P16-P18-group-candidates"),
        ("candidates", "tie", "needs_lot"),
        lot={"kind": "group_seat", "options": [12, 13], "list": 1},
        # seats_so_far (stage candidates, per P 12 list): P 12 as above, 2 / 2 / 2 and list 2 14;
        # A and B take list 11's seats (P 16 lid 1) and the lot comes at Q, before any P 16 lid 2
        # move: the P 12 seats stand.
        seats_so_far={11: 2, 12: 2, 13: 2, 2: 14},
    ),
    DistrictCase(
        "A candidate lot, then a group lot",
        "The same with the group lot drawn for list 13: list 13 gives up its free seat to Q. "
        "Then E2 (list 11 only) also needs a seat: only list 12 still has a free seat (list "
        "13's other seat is G1's), so list 12 gives it up without a lot. Seats 11: 4, 12: 1, "
        "13: 1, 2: 14; elected 11: A, B, Q, E2 (1, 2, 3, 5), 12: F1 (1), 13: G1 (1). P 19 (fewer "
        "than 19 seats: every list ranked): list 11 its persons elected on preference by "
        "summed votes, A 58, B 50, Q 40, E2 26, then E1 (26, above 25): 1, 2, 3, 5, 4; list 12 "
        "F1, then the rest (24 and less, below 25) in list order: 1 - 9; list 13 likewise.",
        {
            **_CANDIDATE_THEN_GROUP_LOT,
            "lots": [
                _CANDIDATE_LOT,
                {"kind": "group_seat", "options": [12, 13], "drawn": 13, "list": 1},
            ],
        },
        ("P 6", "P 12", "P 15", "P 16", "P 19"),
        ("P15.2-summed-preference", "P16-P18-group-candidates", "P19-group-ranking"),
        ("candidates", "tie", "lot"),
        party_seats={1: 6, 2: 14},
        seats={11: 4, 12: 1, 13: 1, 2: 14},
        elected={11: (1, 2, 3, 5), 12: (1,), 13: (1,)},
        ranking={11: (1, 2, 3, 5, 4), 12: tuple(range(1, 10)), 13: tuple(range(1, 10))},
    ),
)

CASES = CASES + _LOT_ORDER_CASES
