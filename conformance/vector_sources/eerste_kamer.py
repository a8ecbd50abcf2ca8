"""Hand-written conformance cases for the Eerste Kamer input (operation ``allocate-eerste-kamer``).

Kieswet (BWBR0004627), consolidated text of 2026-01-01, chapter U. The input is
``kieswet/eerste-kamer-input@1``: electoral bodies (inhabitants and members, or a stemwaarde as
set) and member votes per body. The stemwaarde is U 2 (inhabitants / (100 × members), an exact
half rounded up); the stemcijfers are the member votes times the stemwaarden (U 3); the seats
then follow chapter P as for any other election (``reference.eerste_kamer``).

The published EK 2023 data (``shared/data/real-results/EK20230530.json``) gives the stemwaarden
and each list's total of member votes and stemcijfer, but not the member votes per province, so
the 2023 election itself cannot be given in this input format. The cases below are computed by
hand instead; two of them use the sixteen 2023 bodies with their published inhabitants, members
and stemwaarden, with every member voting (total 178 970, the officially reported total).

Each case is a ``handwritten.Case`` (expected seats in list order, and where it matters full
seats, order of residual seats, elected candidates, the lot question with its seats so far, or
the rejection codes).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from conformance.vector_sources.handwritten import Case, Topic, lot

INPUT_FORMAT = "kieswet/eerste-kamer-input@1"

BODIES_2023: dict[str, tuple[int, int]] = {
    "Groningen": (596163, 43),
    "Fryslân": (659612, 43),
    "Drenthe": (502120, 43),
    "Overijssel": (1184551, 47),
    "Flevoland": (444850, 41),
    "Gelderland": (2133751, 55),
    "Utrecht": (1387657, 49),
    "Noord-Holland": (2956223, 55),
    "Zuid-Holland": (3804737, 55),
    "Zeeland": (391142, 39),
    "Noord-Brabant": (2626368, 55),
    "Limburg": (1128334, 47),
    "Bonaire": (24090, 9),
    "Sint Eustatius": (3293, 5),
    "Saba": (2035, 5),
}
"""EK 2023 as set by the Kiesraad (EK20230530.json): body → (inhabitants, members). U 2 gives
the published stemwaarden 139 153 117 252 109 388 283 537 692 100 478 240 27 7 4 (members ×
stemwaarde: 5977 6579 5031 11844 4469 21340 13867 29535 38060 3900 26290 11280 243 35 20)."""

KNI = "kiescollege niet-ingezetenen"
KNI_2023 = {"name": KNI, "members": 25, "stemwaarde": 20}
"""The kiescollege niet-ingezetenen 2023: its stemwaarde (20) is set, not derived by U 2."""

FIRST_EIGHT = tuple(list(BODIES_2023)[:8])
"""Groningen to Noord-Holland: members × stemwaarde 5977 + 6579 + 5031 + 11844 + 4469 + 21340 +
13867 + 29535 = 98 642; the other bodies 178 970 − 98 642 = 80 328."""


def bodies_2023() -> list[dict[str, Any]]:
    """The sixteen bodies of 2023: inhabitants and members (U 2), the KNI with its stemwaarde."""
    return [
        {"name": name, "inhabitants": people, "members": members}
        for name, (people, members) in BODIES_2023.items()
    ] + [dict(KNI_2023)]


def members_2023() -> dict[str, int]:
    return {name: members for name, (_, members) in BODIES_2023.items()} | {KNI: 25}


def ek_doc(
    seats: int,
    bodies: Sequence[Mapping[str, Any]],
    lists: Sequence[Mapping[str, Any]],
    lots: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """A ``kieswet/eerste-kamer-input@1`` document with its law version and profile spelled out."""
    return {
        "format": INPUT_FORMAT,
        "election": {"kind": "EK", "seats": seats, "law": "current", "profile": "default"},
        "bodies": [dict(b) for b in bodies],
        "lists": [dict(item) for item in lists],
        "lots": [dict(item) for item in lots],
    }


TOPICS: dict[str, Topic] = {
    "u2-u3-stemwaarde": Topic(
        "current",
        "default",
        {
            "U 2: stemwaarde rounded half up": "A body's stemwaarde is inhabitants / (100 × "
            "members), rounded to a whole number, an exact half upwards; the rounding decides "
            "a seat.",
            "U 3: stemcijfers, then chapter P": "The stemcijfer of a list is the member votes "
            "times the stemwaarden; the seats then go as in chapter P (kiesdeler, full seats, "
            "residual seats by greatest averages, no full-quota threshold).",
            "EK 2023 bodies": "The sixteen bodies of 2023 with their published inhabitants, "
            "members and stemwaarden, every member voting (hypothetical lists: the member "
            "votes per province of 2023 are not published).",
            "lots": "Equal averages for the last seat: the lot, and the lot drawn.",
        },
    ),
    "rejected-eerste-kamer-input": Topic(
        "current",
        "default",
        {
            "rejected Eerste Kamer inputs": "Invalid bodies or member votes; only the status "
            "must match.",
        },
    ),
}

_HALF = {"name": "X", "inhabitants": 1250, "members": 5}
_BELOW_HALF = {"name": "X", "inhabitants": 1249, "members": 5}
_ONE = {"name": "Y", "inhabitants": 2000, "members": 20}
_ROUNDING_LISTS = (
    {"number": 1, "name": "A", "votes": {"X": 5}},
    {"number": 2, "name": "B", "votes": {"Y": 20}},
)

_DOCS_EXAMPLE_BODIES = (
    {"name": "Flevoland", "inhabitants": 444850, "members": 41},
    {"name": "Zeeland", "inhabitants": 391142, "members": 39},
    KNI_2023,
)


def split_2023() -> list[dict[str, Any]]:
    """Every member of 2023 votes: list A in Groningen to Noord-Holland, list B elsewhere."""
    members = members_2023()
    return [
        {"number": 1, "name": "A", "votes": {b: members[b] for b in FIRST_EIGHT}},
        {
            "number": 2,
            "name": "B",
            "votes": {b: m for b, m in members.items() if b not in FIRST_EIGHT},
        },
    ]


def preference_2023() -> list[dict[str, Any]]:
    """Every member of 2023 votes: list A's three candidates get 1 + 5 + 8 member votes (4,
    2386 and 2387 weighted), list B every other vote."""
    members = members_2023()
    votes = [
        {"Saba": 1},
        {"Zuid-Holland": 3, "Utrecht": 1, "Bonaire": 1},
        {"Zuid-Holland": 3, "Utrecht": 1, "Sint Eustatius": 4},
    ]
    used: dict[str, int] = {}
    for by_body in votes:
        for body, count in by_body.items():
            used[body] = used.get(body, 0) + count
    return [
        {
            "number": 1,
            "name": "A",
            "candidates": [{"number": i, "votes": v} for i, v in enumerate(votes, start=1)],
        },
        {"number": 2, "name": "B", "votes": {b: m - used.get(b, 0) for b, m in members.items()}},
    ]


_TIE_BODIES = ({"name": "X", "stemwaarde": 3}, {"name": "Y", "stemwaarde": 2})
_TIE_LISTS = (
    {"number": 1, "name": "A", "votes": {"X": 4}},
    {"number": 2, "name": "B", "votes": {"Y": 6}},
)

CASES: tuple[Case, ...] = (
    Case(
        "u2-u3-stemwaarde",
        "U 2: stemwaarde rounded half up",
        "Body X: 1250 inhabitants, 5 members: 1250 / 500 = 2 1/2, exactly a half → 3. Body Y: "
        "2000 / 2000 = 1. EK 19 seats; list A 5 member votes in X → 15, list B 20 in Y → 20. "
        "Total 35, kiesdeler 35/19 = 1 16/19; full 8 (15 × 19 // 35 = 285 // 35) / 10 (380 // "
        "35); 1 residual seat by greatest average: 15/9 = 1 2/3 < 20/11 = 1 9/11 → B. Seats "
        "8 / 11. (Rounded half to even, or down, X would weigh 2 and A would have 10 votes "
        "and 6 seats, as in the next case.)",
        ek_doc(19, [_HALF, _ONE], _ROUNDING_LISTS),
        ("U 2", "U 3", "P 7 lid 1"),
        ("U2-stemwaarde", "U3-stemcijfer", "P7.1-greatest-average"),
        flags=("boundary",),
        seats=(8, 11),
        full_seats=(8, 10),
        residual_seat_order=(2,),
    ),
    Case(
        "u2-u3-stemwaarde",
        "U 2: stemwaarde rounded half up",
        "Body X: 1249 inhabitants, 5 members: 1249 / 500 = 2 249/500, just below a half → 2. "
        "Body Y → 1. The same member votes: A 5 × 2 = 10, B 20 × 1 = 20. Total 30, kiesdeler "
        "30/19 = 1 11/19; full 6 (190 // 30) / 12 (380 // 30); 1 residual seat: 10/7 = 1 3/7 "
        "< 20/13 = 1 7/13 → B. Seats 6 / 13.",
        ek_doc(19, [_BELOW_HALF, _ONE], _ROUNDING_LISTS),
        ("U 2", "U 3", "P 7 lid 1"),
        ("U2-stemwaarde", "U3-stemcijfer", "P7.1-greatest-average"),
        flags=("boundary",),
        seats=(6, 13),
        full_seats=(6, 12),
        residual_seat_order=(2,),
    ),
    Case(
        "u2-u3-stemwaarde",
        "U 3: stemcijfers, then chapter P",
        "A list without member votes (issue 16): its stemcijfer is 0 (U 3: the sum of no "
        "member votes times a stemwaarde). Bodies and lists A and B as above (X: stemwaarde "
        "3, Y: 1; A 5 × 3 = 15, B 20 × 1 = 20) and list C with no member vote in any body. "
        "Total 35, kiesdeler 35/19 = 1 16/19; full seats A 8 (285 // 35), B 10 (380 // 35), "
        "C 0; 1 residual seat by greatest average (P 7 lid 1): A 15/9 = 1 2/3, B 20/11 = 1 "
        "9/11, C 0/1 = 0 → B. Seats 8 / 11 / 0. (Counted as 1, C would make the total 36 and "
        "A's full seats 285 // 36 = 7.)",
        ek_doc(19, [_HALF, _ONE], [*_ROUNDING_LISTS, {"number": 3, "name": "C", "votes": {}}]),
        ("U 3", "P 6", "P 7 lid 1"),
        ("U3-stemcijfer", "P7.1-greatest-average"),
        seats=(8, 11, 0),
        full_seats=(8, 10, 0),
        residual_seat_order=(2,),
    ),
    Case(
        "u2-u3-stemwaarde",
        "U 3: stemcijfers, then chapter P",
        "docs/eerste-kamer.md: Flevoland 444 850 / 4 100 = 108 1/2 → 109, Zeeland 391 142 / "
        "3 900 = 100 571/1950 → 100, kiescollege niet-ingezetenen 20 (given). A 30 / 10 / 5 "
        "member votes → 3270 + 1000 + 100 = 4370; B 11 / 29 / 20 → 1199 + 2900 + 400 = 4499. "
        "EK 75: total 8869, kiesdeler 118 19/75; full 36 (4370 × 75 // 8869) and 38; 1 "
        "residual seat: 4370/37 = 118 4/37 > 4499/39 = 115 14/39 → A. Seats 37 / 38.",
        ek_doc(
            75,
            _DOCS_EXAMPLE_BODIES,
            [
                {"number": 1, "name": "A",
                 "votes": {"Flevoland": 30, "Zeeland": 10, KNI: 5}},
                {"number": 2, "name": "B",
                 "votes": {"Flevoland": 11, "Zeeland": 29, KNI: 20}},
            ],
        ),
        ("U 2", "U 3", "P 5", "P 6", "P 7 lid 1"),
        ("U2-stemwaarde", "U3-stemcijfer", "P5-quota", "P6-full-seats", "P7.1-greatest-average"),
        seats=(37, 38),
        full_seats=(36, 38),
        residual_seat_order=(1,),
    ),
    Case(
        "u2-u3-stemwaarde",
        "EK 2023 bodies",
        "All 616 members of 2023 vote: list A every member of Groningen to Noord-Holland "
        "(98 642), list B every other member (80 328). Total 178 970 (the officially reported "
        "total of 2023), kiesdeler 178 970 / 75 = 2386 4/15. Full: A 98 642 × 75 // 178 970 = "
        "41, B 80 328 × 75 // 178 970 = 33; 1 residual seat: 98 642/42 = 2348 13/21 < 80 328/34 "
        "= 2362 10/17 → B. Seats 41 / 34.",
        ek_doc(75, bodies_2023(), split_2023()),
        ("U 2", "U 3", "P 7 lid 1"),
        ("U2-stemwaarde", "U3-stemcijfer", "P7.1-greatest-average"),
        seats=(41, 34),
        full_seats=(41, 33),
        residual_seat_order=(2,),
    ),
    Case(
        "u2-u3-stemwaarde",
        "EK 2023 bodies",
        "All 616 members of 2023 vote (kiesdeler 2386 4/15). List A's candidates: 1: Saba 1 "
        "(4); 2: Zuid-Holland 3, Utrecht 1, Bonaire 1 (2076 + 283 + 27 = 2386); 3: "
        "Zuid-Holland 3, Utrecht 1, Sint Eustatius 4 (2076 + 283 + 28 = 2387); A = 4777. List "
        "B every other member vote: 174 193. Full 2 / 72; 1 residual seat: 4777/3 = 1592 1/3 "
        "< 174 193/73 = 2386 15/73 → B. Seats 2 / 73. The voorkeurdrempel of the Eerste Kamer "
        "is the whole kiesdeler: candidate 3 (2387) is elected on preference, candidate 2 "
        "(2386) is not; then candidate 1 in list order: 3, 1.",
        ek_doc(75, bodies_2023(), preference_2023()),
        ("U 3", "P 15 lid 1", "P 17"),
        ("U3-stemcijfer", "P15-threshold", "P15-threshold-strict", "P17-list-order"),
        flags=("boundary",),
        seats=(2, 73),
        full_seats=(2, 72),
        elected={1: (3, 1)},
    ),
    Case(
        "u2-u3-stemwaarde",
        "lots",
        "X stemwaarde 3, Y stemwaarde 2 (given). A 4 member votes in X → 12, B 6 in Y → 12. "
        "EK 19 seats: total 24, kiesdeler 24/19 = 1 5/19; full 9 / 9 (12 × 19 // 24 = 228 // "
        "24); 1 residual seat: 12/10 = 1 1/5 for both: lot between lists 1 and 2.",
        ek_doc(19, _TIE_BODIES, _TIE_LISTS),
        ("U 3", "P 7 lid 3"),
        ("U3-stemcijfer", "LOT-decisive"),
        flags=("tie", "needs_lot"),
        lot={"kind": "residual_seat", "options": [1, 2]},
        # seats_so_far: stemcijfers 4 × 3 = 12 and 6 × 2 = 12 (U 3), kiesdeler 24/19 = 1 5/19,
        # full 9 / 9; the one residual seat (P 7) is the tie: 9 / 9.
        seats_so_far={1: 9, 2: 9},
    ),
    Case(
        "u2-u3-stemwaarde",
        "lots",
        "The same, the lot drawn for list 2: seats 9 / 10.",
        ek_doc(19, _TIE_BODIES, _TIE_LISTS, lots=[lot("residual_seat", [1, 2], 2)]),
        ("U 3", "P 7 lid 3"),
        ("U3-stemcijfer", "LOT-drawn"),
        flags=("tie", "lot"),
        seats=(9, 10),
        residual_seat_order=(2,),
    ),
    Case(
        "rejected-eerste-kamer-input",
        "rejected Eerste Kamer inputs",
        "Member votes in a body that is not in the input.",
        ek_doc(75, [_ONE], [{"number": 1, "name": "A", "votes": {"Z": 3}}]),
        (),
        (),
        errors=(("lists[0].votes.Z", "unknown_body"),),
    ),
    Case(
        "rejected-eerste-kamer-input",
        "rejected Eerste Kamer inputs",
        "More member votes cast in a body (21) than it has members (20).",
        ek_doc(
            75,
            [_ONE],
            [
                {"number": 1, "name": "A", "votes": {"Y": 16}},
                {"number": 2, "name": "B", "votes": {"Y": 5}},
            ],
        ),
        (),
        (),
        errors=(("bodies[0].members", "too_many_votes"),),
    ),
    Case(
        "rejected-eerste-kamer-input",
        "rejected Eerste Kamer inputs",
        "A body with both a stemwaarde and inhabitants.",
        ek_doc(
            75,
            [{"name": "Y", "inhabitants": 2000, "members": 20, "stemwaarde": 1}],
            [{"number": 1, "name": "A", "votes": {"Y": 7}}],
        ),
        (),
        (),
        errors=(("bodies[0].inhabitants", "conflicting_fields"),),
    ),
    Case(
        "rejected-eerste-kamer-input",
        "rejected Eerste Kamer inputs",
        "Every vote is cast in a body whose stemwaarde rounds to 0 (40 / 100 = 2/5 → 0): the "
        "weighted votes add up to nothing, and no seats are allocated without votes.",
        ek_doc(
            75,
            [{"name": "W", "inhabitants": 40, "members": 1}],
            [{"number": 1, "name": "A", "votes": {"W": 1}}],
        ),
        (),
        (),
        errors=(("lists", "zero_votes"),),
    ),
)
