"""Hand-written conformance cases, one small election per article paragraph and per boundary.

Every case carries its independent justification: the hand computation in its comment (the
kiesdeler as an exact fraction, the full seats, the remainders or averages for each residual
seat), and the expected seats (and, where it matters, full seats, elected candidates, the lot
question with its seats so far, or the rejection codes) written down by hand.
``kieswet vectors build`` checks each of these hand-written expectations against the reference
engine and stops, naming the case, when they differ. Most cases mirror ``tests/test_articles.py``.

Article references: Kieswet (BWBR0004627), consolidated text of 2026-01-01. Lists are numbered
1, 2, 3, ... in the order given; a list given as an ``int`` is list-level data (its stemcijfer),
a list given as a ``list`` of ints is candidate-level data (the votes of candidates 1, 2, ...).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

INPUT_FORMAT = "kieswet/seat-allocation-input@1"

ListSpec = int | Sequence[int]


@dataclass(frozen=True)
class Topic:
    """One vector file of hand-written cases: its law version, profile and group comments."""

    law: str
    profile: str
    groups: Mapping[str, str]


@dataclass(frozen=True)
class Case:
    """A hand-written case. Exactly one of the expectations below decides the status:

    ``errors`` (``(field, code)`` pairs): rejected; ``lot`` (``{"kind", "options"[, "list"]}``):
    needs_lot, with ``seats_so_far`` (required with ``lot``, refused without it): the
    hand-computed seats decided before the question, keyed by list number as the result's
    ``seats_so_far`` is; otherwise completed with ``seats`` (in list order) and optionally
    ``full_seats``, ``residual_seat_order`` and ``elected`` (list number → candidates in order
    of election). The build (``conformance.vectors_build``) compares every one of them with the
    reference's result and stops on a difference.
    """

    topic: str
    group: str
    comment: str
    input: Mapping[str, Any]
    articles: tuple[str, ...]
    rules: tuple[str, ...]
    flags: tuple[str, ...] = ()
    seats: tuple[int, ...] | None = None
    full_seats: tuple[int, ...] | None = None
    residual_seat_order: tuple[int, ...] | None = None
    elected: Mapping[int, tuple[int, ...]] = field(default_factory=dict)
    lot: Mapping[str, Any] | None = None
    seats_so_far: Mapping[int, int] | None = None
    errors: tuple[tuple[str, str], ...] | None = None

    @property
    def status(self) -> str:
        if self.errors is not None:
            return "rejected"
        return "needs_lot" if self.lot is not None else "completed"


def doc(
    kind: str,
    seats: int,
    lists: Sequence[ListSpec],
    *,
    limits: Mapping[int, int] | None = None,
    deceased: Mapping[int, Sequence[int]] | None = None,
    law: str = "current",
    profile: str = "default",
    lots: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """A valid input document. ``limits``: list → ``candidate_count`` (list-level lists);
    ``deceased``: list → deceased candidate numbers (candidate-level lists)."""
    limits = limits or {}
    deceased = deceased or {}
    built: list[dict[str, Any]] = []
    for number, spec in enumerate(lists, start=1):
        item: dict[str, Any] = {"number": number, "name": f"list {number}"}
        if isinstance(spec, int):
            item["votes"] = spec
            if number in limits:
                item["candidate_count"] = limits[number]
        else:
            dead = set(deceased.get(number, ()))
            item["candidates"] = [
                {"number": i, "votes": v, **({"deceased": True} if i in dead else {})}
                for i, v in enumerate(spec, start=1)
            ]
        built.append(item)
    return {
        "format": INPUT_FORMAT,
        "election": {"kind": kind, "seats": seats, "law": law, "profile": profile},
        "lists": built,
        "lots": [dict(lot) for lot in lots],
    }


def _numbered_from(first: int, document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with its lists numbered ``first``, ``first + 1``, ... instead of 1, 2, ...
    (and the list numbers in its lots likewise); the order, and so every tie order, is kept."""
    shift = first - 1
    lists = [{**item, "number": item["number"] + shift} for item in document["lists"]]
    lots = []
    for item in document.get("lots", []):
        moved = {**item, "options": [n + shift for n in item["options"]]}
        if item["kind"] != "candidate":
            moved["drawn"] = item["drawn"] + shift
        if "list" in item:
            moved["list"] = item["list"] + shift
        lots.append(moved)
    return {**document, "lists": lists, **({"lots": lots} if lots else {})}


def lot(kind: str, options: Sequence[int], drawn: int, list_number: int | None = None) -> Any:
    """A drawn lot as it is fed back in ``lots``."""
    out: dict[str, Any] = {"kind": kind, "options": list(options), "drawn": drawn}
    if list_number is not None:
        out["list"] = list_number
    return out


TOPICS: dict[str, Topic] = {
    "p5-p6-quota-full-seats": Topic(
        "current",
        "default",
        {
            "P 5 kiesdeler": "The kiesdeler is the sum of the stemcijfers over the seats, exact.",
            "P 6 full seats": "Full seats are whole kiesdelers; remainders are exact fractions.",
        },
    ),
    "p7-greatest-averages": Topic(
        "current",
        "default",
        {
            "P 7 lid 1: 19 seats or more": "Residual seats one at a time to the greatest "
            "average stemcijfer / (seats + 1); exactly 19 seats is already P 7.",
            "P 7 lid 2: full-quota threshold": "TK (and EP in practice): a list below the "
            "kiesdeler gets no residual seat; PS, AB, GR of 19 seats or more have no threshold.",
        },
    ),
    "p8-largest-remainder": Topic(
        "current",
        "default",
        {
            "P 8 lid 1: fewer than 19 seats": "18 seats is P 8 (largest remainders), not P 7.",
            "P 8 lid 2: 75% threshold": "Remainder seats only for lists with at least 75% of the "
            "kiesdeler (inclusive), at most one per list; no remainder counts as the smallest.",
            "P 8 lid 3: greatest averages, one per list": "Seats left after round 1: greatest "
            "averages, every list with votes competes (also round-1 winners and lists below "
            "75%), at most one seat per list in this round.",
            "P 8 lid 3: further rounds": "Only after list exhaustion: unrestricted greatest "
            "averages (the Kiesraad's published interpretation).",
        },
    ),
    "p9-absolute-majority": Topic(
        "current",
        "default",
        {
            "P 9: the boundary of half the votes": "Strictly more than half of the votes "
            "triggers P 9; exactly half does not.",
            "P 9 lid 2: lot on who gives up the seat": "The last residual seats went to several "
            "lists on the same value: a lot decides which gives one up.",
        },
    ),
    "p10-list-exhaustion": Topic(
        "current",
        "default",
        {
            "P 10: surplus reassigned": "A list holds no more seats than it has living "
            "candidates; the surplus (residual seats first) is reassigned by continuing the "
            "residual-seat procedure without the exhausted list.",
            "P 10: all lists exhausted": "No list can take the surplus: seats stay empty, "
            "with a warning, not an error.",
            "P 19a: deceased candidates": "Deceased candidates do not count for P 10 and are "
            "skipped in nomination.",
        },
    ),
    "p15-p19-candidates": Topic(
        "current",
        "default",
        {
            "P 15: the preference threshold": "More than (strictly) 25% of the kiesdeler; 50% "
            "for GR and ER below 19 seats; 10% for EP.",
            "P 17 and P 19: list order and ranking": "Remaining seats in list order; ranking: "
            "preference-elected, then others above the threshold by votes, then list order.",
        },
    ),
    "lots": Topic(
        "current",
        "default",
        {
            "P 7 lid 3, P 8 lid 4: residual-seat lots": "A lot only where more lists tie than "
            "seats remain; the drawn outcome is fed back in lots and consumed in order.",
            "P 15 lid 1: candidate lots": "Tied candidates above the threshold competing for "
            "fewer places: a lot decides.",
        },
    ),
    "rejected-input": Topic(
        "current",
        "default",
        {
            "numbers": "List and candidate numbers must be positive, unique and ascending.",
            "votes": "Votes are non-negative whole numbers; a list's votes equal its "
            "candidates' sum; at least one vote in total.",
            "election": "Seats at least 1; known kind, law version and profile.",
            "deceased": "No more deceased than candidates.",
            "lots": "A lot must answer the question asked, in order; none may be left over.",
        },
    ),
    "law-bill-36641": Topic(
        "bill-36641",
        "default",
        {
            "bill 36 641: full-quota threshold": "Every kind except EK: a residual seat only for "
            "lists that reach the full kiesdeler, in every round (replaces the 75% rule).",
        },
    ),
    "profile-candidate-lot-always": Topic(
        "current",
        "candidate-lot-always",
        {
            "P 15 lid 1: lot whenever tied places are elected": "The 2026 reading: tied "
            "candidates above the threshold are ordered by lot even if all are elected.",
        },
    ),
    "profile-p9-counts-as-residual": Topic(
        "current",
        "p9-counts-as-residual",
        {
            "P 9 with P 10 below 19 seats": "The P 9 seat counts as the majority list's seat in "
            "the P 8 round it was taken from, when P 10 continues that round.",
        },
    ),
    "pa25-kiescollege-niet-ingezetenen": Topic(
        "current",
        "default",
        {
            "Pa 25: surplus stays empty": "Kiescollege niet-ingezetenen (KNI, 25 seats): a list "
            "holds no more seats than it has living candidates (P 10), but its surplus is not "
            "assigned to another list: the seats stay empty, with a warning (Pa 25).",
            "Pa 25: the same votes in another election": "Outside the kiescollege "
            "niet-ingezetenen P 10 reassigns the surplus by continuing the residual-seat "
            "procedure.",
            "KNI: P 7 without a full-quota threshold": "25 seats: greatest averages (P 7); "
            "P 7 lid 2 is for the Tweede Kamer only, so a list below the kiesdeler can win a "
            "residual seat (the published KNI 2023 result shows it).",
            "KNI: preference threshold": "25 seats: the voorkeurdrempel is 25% of the kiesdeler "
            "(P 15 lid 1), strictly more.",
        },
    ),
    "eerste-kamer": Topic(
        "current",
        "default",
        {
            "EK: preference threshold is the whole kiesdeler": "Eerste Kamer (list votes are "
            "the weighted stemcijfers): a candidate is elected on preference only with more "
            "than the whole kiesdeler (the Kiesraad's practice in 2023).",
        },
    ),
}

# Shared inputs, each computed once by hand.

TK_LIKE_VOTES = [7424, 7423, 99, 54]
"""150 seats, total 15 000, kiesdeler 100. Full seats 74 / 74 / 0 / 0 = 148, 2 residual seats.
First residual seat, averages: 7424/75 = 98 74/75, 7423/75 = 98 73/75, 99/1 = 99, 54/1 = 54."""

LOT_VOTES = [1050, 475, 475]
"""PS 20 seats, total 2000, kiesdeler 100. Full 10 / 4 / 4 = 18, 2 residual seats.
Seat 1: averages 1050/11 = 95 5/11, 475/5 = 95, 475/5 = 95 → list 1.
Seat 2: list 1 1050/12 = 87 1/2; lists 2 and 3 tie at 95 for 1 seat → decisive: lot."""

P9_TIE_VOTES = [501, 170, 170, 159]
"""GR 10 seats, total 1000, kiesdeler 100. Full 5 / 1 / 1 / 1 = 8; remainders 1 / 70 / 70 / 59.
Round 1: lists 2 and 3 tie at 70 with 2 seats for 2 lists → no lot, both get one.
P 9: list 1 (501 > 500, 5 of 10 seats) takes the last residual seat; lists 2 and 3 got the last
residual seats on the same remainder 70 → a lot decides which gives one up."""

P10_VOTES = [431, 380, 79, 110]
"""GR 10 seats, total 1000, kiesdeler 100, 75% = 75. Full 4 / 3 / 0 / 1 = 8, 2 residual.
Remainders 31 / 80 / 79 / 10, all lists ≥ 75 votes → round 1: list 2 (80), list 3 (79).
Before P 10: 4 / 4 / 1 / 1. No list has more than 500 votes (no P 9)."""

KNI_EXHAUSTION_VOTES = [1130, 870, 500]
"""25 seats, total 2500, kiesdeler 100. Full 11 (rem 30) / 8 (rem 70) / 5 (rem 0) = 24, 1
residual seat: averages 1130/12 = 94 1/6, 870/9 = 96 2/3, 500/6 = 83 1/3 → list 2."""

KNI_2023_VOTES = [4853, 4280, 3746, 2371, 2200, 1991, 1898, 1827, 995, 957, 552, 478, 111]
"""Kiescollege niet-ingezetenen 2023, votes per list as published (Kiesraad, official result of
24 March 2023, as tabulated in the Dutch Wikipedia article "Kiescollegeverkiezingen 2023")."""

P9_P10_VOTES = [501, 190, 236, 73]
"""GR 10 seats, total 1000, kiesdeler 100, 75% = 75. List 2 has 1 candidate, list 3 has 2.
Full 5 / 1 / 2 / 0 = 8, 2 residual. Round 1 (lists 1-3; list 4 below 75%): remainders 1 / 90 /
36 → list 2 (90), list 3 (36). P 9: list 1 (501 > 500 votes, 5 of 10 seats) takes list 3's
seat → 6 / 2 / 2 / 0. P 10: list 2 (1 candidate) gives back its residual seat; list 3 holds
2 seats for 2 candidates, so it is exhausted for the reassignment."""


def _rejected_doc(**changes: Any) -> dict[str, Any]:
    """A valid GR 10-seat input (600 votes list-level; 300 + 100 on candidates), spoiled."""
    base = doc("GR", 10, [600, [300, 100]])
    for key, value in changes.items():
        base[key] = value
    return base


CASES: tuple[Case, ...] = (
    # ------------------------------------------------------------------ P 5, P 6
    Case(
        "p5-p6-quota-full-seats",
        "P 5 kiesdeler",
        "Enkhuizen GR2022's totals (7553 votes, 17 seats) over two lists of our own: kiesdeler "
        "7553/17 = 444 5/17 (17 × 444 = 7548). Full: 7000 / 444 5/17 → 15 (6664 13/17, "
        "remainder 335 4/17); 553 → 1 (remainder 108 12/17). 1 residual seat, both lists "
        "≥ 75% (333 3/17): largest remainder 335 4/17 → list 1. Seats 16 / 1.",
        doc("GR", 17, [7000, 553]),
        ("P 5", "P 6"),
        ("P5-quota", "P6-full-seats"),
        seats=(16, 1),
        full_seats=(15, 1),
    ),
    Case(
        "p5-p6-quota-full-seats",
        "P 5 kiesdeler",
        "Kiesdeler = Σ stemcijfers / seats: 500 + 300 + 201 = 1001 over 7 seats = 143 exactly. "
        "Full 3 (429, rem 71) / 2 (286, rem 14) / 1 (143, rem 58) = 6; 1 residual seat; 75% = "
        "107 1/4: all lists eligible; largest remainder 71 → list 1. Seats 4 / 2 / 1.",
        doc("GR", 7, [500, 300, 201]),
        ("P 5", "P 6", "P 8 lid 1"),
        ("P5-quota", "P6-full-seats", "P8.1-largest-remainder"),
        seats=(4, 2, 1),
        full_seats=(3, 2, 1),
    ),
    Case(
        "p5-p6-quota-full-seats",
        "P 6 full seats",
        "A list on an exact multiple of a kiesdeler that is no whole number (a trap for "
        "floating point: 72 / (144 / 14) is 6.999... in binary floating point). GR 14 seats, "
        "votes 72 / 40 / 32 = 144, kiesdeler 144/14 = 10 2/7. Full: 72 = 7 × 10 2/7 exactly → "
        "7 (remainder 0); 40 → 3 (30 6/7, remainder 9 1/7); 32 → 3 (remainder 1 1/7) = 13; 1 "
        "residual seat; 75% = 7 5/7: all eligible; largest remainder 9 1/7 → list 2. List 1 "
        "holds exactly half the votes, not more: no P 9. Seats 7 / 4 / 3.",
        doc("GR", 14, [72, 40, 32]),
        ("P 5", "P 6", "P 8 lid 1"),
        ("P5-quota", "P6-full-seats", "P8.1-largest-remainder"),
        flags=("boundary",),
        seats=(7, 4, 3),
        full_seats=(7, 3, 3),
        residual_seat_order=(2,),
    ),
    Case(
        "p5-p6-quota-full-seats",
        "P 6 full seats",
        "Exact multiple, floating-point trap (79 / (158 / 14) is 6.999...). GR 14 seats, votes "
        "79 / 50 / 29 = 158, kiesdeler 79/7 = 11 2/7. Full: 79 → 7 exactly (remainder 0); 50 → "
        "4 (45 1/7, remainder 4 6/7); 29 → 2 (22 4/7, remainder 6 3/7) = 13; 1 residual seat; "
        "75% = 8 13/28: all eligible; largest remainder 6 3/7 → list 3. Seats 7 / 4 / 3.",
        doc("GR", 14, [79, 50, 29]),
        ("P 5", "P 6", "P 8 lid 1"),
        ("P5-quota", "P6-full-seats", "P8.1-largest-remainder"),
        flags=("boundary",),
        seats=(7, 4, 3),
        full_seats=(7, 4, 2),
        residual_seat_order=(3,),
    ),
    Case(
        "p5-p6-quota-full-seats",
        "P 6 full seats",
        "Exact multiple, floating-point trap (130 / (260 / 14) is 6.999...). GR 14 seats, votes "
        "130 / 80 / 50 = 260, kiesdeler 130/7 = 18 4/7. Full: 130 → 7 exactly (remainder 0); "
        "80 → 4 (74 2/7, remainder 5 5/7); 50 → 2 (37 1/7, remainder 12 6/7) = 13; 1 residual "
        "seat; 75% = 13 13/14: all eligible; largest remainder 12 6/7 → list 3. Seats 7 / 4 / 3.",
        doc("GR", 14, [130, 80, 50]),
        ("P 5", "P 6", "P 8 lid 1"),
        ("P5-quota", "P6-full-seats", "P8.1-largest-remainder"),
        flags=("boundary",),
        seats=(7, 4, 3),
        full_seats=(7, 4, 2),
        residual_seat_order=(3,),
    ),
    Case(
        "p5-p6-quota-full-seats",
        "P 6 full seats",
        "GR 9 seats, votes 500 / 300 / 112 → 912, kiesdeler 101 1/3. Full: 500 → 4 (remainder "
        "94 2/3); 300 → 2 (97 1/3); 112 → 1 (10 2/3). 2 residual seats; 75% = 76: all eligible; "
        "remainders 97 1/3 (list 2), 94 2/3 (list 1). Seats 5 / 3 / 1.",
        doc("GR", 9, [500, 300, 112]),
        ("P 6", "P 8 lid 1"),
        ("P6-full-seats", "P8.1-largest-remainder"),
        seats=(5, 3, 1),
        full_seats=(4, 2, 1),
        residual_seat_order=(2, 1),
    ),
    Case(
        "p5-p6-quota-full-seats",
        "P 6 full seats",
        "Remainder 0 everywhere. PS 20 seats, votes 1000 / 600 / 400 → kiesdeler 100; full "
        "10 / 6 / 4 with remainder exactly 0 each: all 20 seats are full, no residual seat.",
        doc("PS", 20, [1000, 600, 400]),
        ("P 6",),
        ("P6-full-seats", "SEATS-total"),
        flags=("boundary",),
        seats=(10, 6, 4),
        full_seats=(10, 6, 4),
        residual_seat_order=(),
    ),
    # ------------------------------------------------------------------ P 7
    Case(
        "p7-greatest-averages",
        "P 7 lid 1: 19 seats or more",
        "Exactly 19 seats → P 7. GR 19, votes 1040 / 585 / 275 = 1900, kiesdeler 100. Full "
        "10 / 5 / 2 = 17. Seat 1: 1040/11 = 94 6/11, 585/6 = 97 1/2, 275/3 = 91 2/3 → list 2. "
        "Seat 2: 94 6/11, 585/7 = 83 4/7, 91 2/3 → list 1. Seats 11 / 6 / 2 (P 8's remainders "
        "40 / 85 / 75 would give lists 2 and 3).",
        doc("GR", 19, [1040, 585, 275]),
        ("P 7 lid 1",),
        ("P7.1-greatest-average",),
        flags=("boundary",),
        seats=(11, 6, 2),
        full_seats=(10, 5, 2),
        residual_seat_order=(2, 1),
    ),
    Case(
        "p7-greatest-averages",
        "P 7 lid 2: full-quota threshold",
        "TK 150 seats, votes 7424 / 7423 / 99 / 54 = 15000, kiesdeler 100; full 74 / 74 / 0 / 0. "
        "P 7 lid 2 bars lists 3 (99 < 100) and 4. Seat 1: 7424/75 = 98 74/75 > 7423/75 = "
        "98 73/75 → list 1. Seat 2: list 1 7424/76 = 97 52/76 < 98 73/75 → list 2. "
        "Seats 75 / 75 / 0 / 0.",
        doc("TK", 150, TK_LIKE_VOTES),
        ("P 7 lid 1", "P 7 lid 2"),
        ("P7.1-greatest-average", "P7.2-full-quota-threshold"),
        seats=(75, 75, 0, 0),
        residual_seat_order=(1, 2),
    ),
    Case(
        "p7-greatest-averages",
        "P 7 lid 2: full-quota threshold",
        "Same votes, kind GR 150 seats: no threshold. Seat 1: list 3's 99/1 = 99 beats "
        "98 74/75 → list 3. Seat 2: list 3 99/2; list 1 98 74/75 > list 2 98 73/75 → list 1. "
        "Seats 75 / 74 / 1 / 0 (cf. Renkum GR2026).",
        doc("GR", 150, TK_LIKE_VOTES),
        ("P 7 lid 1",),
        ("P7.1-greatest-average",),
        seats=(75, 74, 1, 0),
        residual_seat_order=(3, 1),
    ),
    Case(
        "p7-greatest-averages",
        "P 7 lid 2: full-quota threshold",
        "EP applies P 7 lid 2 in practice: the TK numbers give 75 / 75 / 0 / 0.",
        doc("EP", 150, TK_LIKE_VOTES),
        ("P 7 lid 1", "P 7 lid 2"),
        ("P7.1-greatest-average", "P7.2-full-quota-threshold"),
        seats=(75, 75, 0, 0),
    ),
    Case(
        "p7-greatest-averages",
        "P 7 lid 2: full-quota threshold",
        "Exactly the kiesdeler is enough. TK 150 seats, votes 7401 / 7399 / 100 / 100 = 15000, "
        "kiesdeler 100; full 74 / 73 / 1 / 1 = 149, 1 residual seat. Lists 3 and 4 hold "
        "exactly 100 = kiesdeler, so they are not barred. Averages: 7401/75 = 98 51/75, "
        "7399/74 = 99 73/74, 100/2 = 50, 50 → list 2. Seats 74 / 74 / 1 / 1.",
        doc("TK", 150, [7401, 7399, 100, 100]),
        ("P 7 lid 1", "P 7 lid 2"),
        ("P7.1-greatest-average", "P7.2-full-quota-threshold"),
        flags=("boundary",),
        seats=(74, 74, 1, 1),
        full_seats=(74, 73, 1, 1),
    ),
    # ------------------------------------------------------------------ P 8
    Case(
        "p8-largest-remainder",
        "P 8 lid 1: fewer than 19 seats",
        "18 seats → P 8. GR 18, votes 1040 / 485 / 275 = 1800, kiesdeler 100. Full 10 / 4 / 2 = "
        "16. Remainders 40 / 85 / 75, all lists ≥ 75: list 2 (85), list 3 (75). Seats "
        "10 / 5 / 3 (P 7's averages would give lists 2 and 1).",
        doc("GR", 18, [1040, 485, 275]),
        ("P 8 lid 1",),
        ("P8.1-largest-remainder",),
        flags=("boundary",),
        seats=(10, 5, 3),
        full_seats=(10, 4, 2),
        residual_seat_order=(2, 3),
    ),
    Case(
        "p8-largest-remainder",
        "P 8 lid 2: 75% threshold",
        "Exactly 75%. GR 9 seats, votes 836 / 76 = 912, kiesdeler 101 1/3, 75% = 76 exactly. "
        "Full 8 (remainder 25 1/3) / 0 (remainder 76); list 2 has exactly 75% → eligible; "
        "76 > 25 1/3 → list 2. Seats 8 / 1.",
        doc("GR", 9, [836, 76]),
        ("P 8 lid 2",),
        ("P8.2-75-percent", "P8.1-largest-remainder"),
        flags=("boundary",),
        seats=(8, 1),
        full_seats=(8, 0),
    ),
    Case(
        "p8-largest-remainder",
        "P 8 lid 2: 75% threshold",
        "One vote below 75%. Same total 912 (kiesdeler 101 1/3, 75% = 76), votes 837 / 75. List "
        "2 (75 < 76) is barred though its remainder 75 beats list 1's 26 1/3 → list 1. "
        "Seats 9 / 0.",
        doc("GR", 9, [837, 75]),
        ("P 8 lid 2",),
        ("P8.2-75-percent",),
        flags=("boundary",),
        seats=(9, 0),
    ),
    Case(
        "p8-largest-remainder",
        "P 8 lid 2: 75% threshold",
        "Exactly 75%, two lists tied for two seats. GR 10 seats, votes 575 / 350 / 75 = 1000, "
        "kiesdeler 100, 75% = 75 exactly. Full 5 / 3 / 0 = 8, 2 residual; remainders 75 / 50 / "
        "75; list 3 has exactly 75% (\"ten minste\") → eligible; lists 1 and 3 (75 each) take "
        "the two seats, no lot (as many seats as tied lists). Seats 6 / 3 / 1 (reading \"more "
        "than 75%\" would give 6 / 4 / 0).",
        doc("GR", 10, [575, 350, 75]),
        ("P 8 lid 2",),
        ("P8.2-75-percent", "P8.1-largest-remainder"),
        flags=("boundary",),
        seats=(6, 3, 1),
        full_seats=(5, 3, 0),
    ),
    Case(
        "p8-largest-remainder",
        "P 8 lid 2: 75% threshold",
        "Exactly 75%, two lists at it. GR 15 seats, votes 900 / 450 / 75 / 75 = 1500, "
        "kiesdeler 100, 75% = 75. Full 9 / 4 / 0 / 0 = 13, 2 residual; remainders 0 / 50 / 75 / "
        "75; lists 3 and 4 (exactly 75%, eligible) have the largest → seats 9 / 4 / 1 / 1 "
        "(reading \"more than 75%\": lists 2 and 1, 10 / 5 / 0 / 0). List 1 (900 > 750) holds "
        "9 of 15 seats: no P 9.",
        doc("GR", 15, [900, 450, 75, 75]),
        ("P 8 lid 2",),
        ("P8.2-75-percent", "P8.1-largest-remainder"),
        flags=("boundary",),
        seats=(9, 4, 1, 1),
        full_seats=(9, 4, 0, 0),
    ),
    Case(
        "p8-largest-remainder",
        "P 8 lid 2: 75% threshold",
        "Exactly 75% of a kiesdeler of 40. GR 16 seats, votes 400 / 150 / 30 / 60 = 640, "
        "kiesdeler 40, 75% = 30. Full 10 / 3 / 0 / 1 = 14, 2 residual; remainders 0 / 30 / 30 / "
        "20; list 3 (30 votes, exactly 75%) is eligible → lists 2 and 3 (30 each). Seats "
        "10 / 4 / 1 / 1 (reading \"more than 75%\": lists 2 and 4, 10 / 4 / 0 / 2). List 1 "
        "(400 > 320) holds 10 of 16: no P 9.",
        doc("GR", 16, [400, 150, 30, 60]),
        ("P 8 lid 2",),
        ("P8.2-75-percent", "P8.1-largest-remainder"),
        flags=("boundary",),
        seats=(10, 4, 1, 1),
        full_seats=(10, 3, 0, 1),
    ),
    Case(
        "p8-largest-remainder",
        "P 8 lid 2: 75% threshold",
        "At most one per list; remainder 0 counts as the smallest but still competes. GR 10, "
        "votes 700 / 78 / 74 / 74 / 74 = 1000, kiesdeler 100, 75% = 75. Full 7 / 0 ..., 3 "
        "residual. Round 1 (≥ 75 votes): list 2 (78), then list 1 (remainder 0). Round 2 "
        "(averages, one per list): list 1 700/9 = 77 7/9 > 74 > 78/2 → list 1. Seats "
        "9 / 1 / 0 / 0 / 0.",
        doc("GR", 10, [700, 78, 74, 74, 74]),
        ("P 8 lid 2", "P 8 lid 3"),
        ("P8.2-one-per-list", "P8.2-75-percent", "P8.3-greatest-average"),
        flags=("boundary",),
        seats=(9, 1, 0, 0, 0),
        residual_seat_order=(2, 1, 1),
    ),
    Case(
        "p8-largest-remainder",
        "P 8 lid 3: greatest averages, one per list",
        "Saba ER2019 (published: WIPM 5, S.L.P. 0, list 3 0). Votes 777 / 125 / 81 = 983, "
        "kiesdeler 196 3/5, 75% = 147 9/20. Full 3 / 0 / 0. Round 1: only WIPM reaches 75% → "
        "WIPM (187 1/5). Round 2: WIPM 777/5 = 155 2/5 > 125 > 81 → WIPM. Seats 5 / 0 / 0.",
        doc("ER", 5, [777, 125, 81]),
        ("P 8 lid 2", "P 8 lid 3"),
        ("P8.3-greatest-average", "P8.3-average-one-per-list"),
        seats=(5, 0, 0),
        full_seats=(3, 0, 0),
        residual_seat_order=(1, 1),
    ),
    Case(
        "p8-largest-remainder",
        "P 8 lid 3: greatest averages, one per list",
        "Lists below 75% compete in round 2. GR 10, votes 350 / 290 / 74 / 73 / 72 / 71 / 70 = "
        "1000, kiesdeler 100. Full 3 / 2 / 0..., 5 residual. Round 1 (lists 1, 2): list 2 (90), "
        "list 1 (50). Round 2 (one per list): 350/5 = 70, 290/4 = 72 1/2, 74, 73, 72, 71, 70 → "
        "lists 3, 4, 2. Seats 4 / 4 / 1 / 1 / 0 / 0 / 0.",
        doc("GR", 10, [350, 290, 74, 73, 72, 71, 70]),
        ("P 8 lid 3",),
        ("P8.3-greatest-average", "P8.3-average-one-per-list"),
        seats=(4, 4, 1, 1, 0, 0, 0),
        residual_seat_order=(2, 1, 3, 4, 2),
    ),
    Case(
        "p8-largest-remainder",
        "P 8 lid 3: further rounds",
        "GR 10, votes 560 / 380 / 60 = 1000, kiesdeler 100; list 2 has 1 candidate. Full 5/3/0, "
        "round 1: list 2 (80), list 1 (60) → 6 / 4 / 0. P 9: list 1 already has 6 > 5. P 10: "
        "list 2 keeps 1; 3 seats reassigned: round 2: list 1 560/7 = 80 > 60 → list 1; list 3 "
        "60; round 3 (unrestricted): 560/8 = 70 > 60/2 → list 1. Seats 8 / 1 / 1.",
        doc("GR", 10, [560, 380, 60], limits={2: 1}),
        ("P 8 lid 3", "P 10"),
        ("P8.3-greatest-average", "P10-exhaustion"),
        seats=(8, 1, 1),
    ),
    # ------------------------------------------------------------------ P 9
    Case(
        "p9-absolute-majority",
        "P 9: the boundary of half the votes",
        "Exactly half. GR 10, votes 500 / 190 / 160 / 150 = 1000, kiesdeler 100. Full 5/1/1/1; "
        "remainders 0 / 90 / 60 / 50 → lists 2, 3. List 1 has exactly 500 = half, not more → "
        "no P 9. Seats 5 / 2 / 2 / 1.",
        doc("GR", 10, [500, 190, 160, 150]),
        ("P 9",),
        ("P9-absolute-majority",),
        flags=("boundary",),
        seats=(5, 2, 2, 1),
    ),
    Case(
        "p9-absolute-majority",
        "P 9: the boundary of half the votes",
        "Half plus one. GR 10, votes 501 / 190 / 160 / 149. Full 5/1/1/1; remainders 1 / 90 / "
        "60 / 49 → lists 2, 3. List 1: 501 > 500 with 5 ≤ 5 seats → takes the last residual "
        "seat (list 3's). Seats 6 / 2 / 1 / 1.",
        doc("GR", 10, [501, 190, 160, 149]),
        ("P 9",),
        ("P9-absolute-majority",),
        flags=("boundary",),
        seats=(6, 2, 1, 1),
        full_seats=(5, 1, 1, 1),
    ),
    Case(
        "p9-absolute-majority",
        "P 9 lid 2: lot on who gives up the seat",
        "P9_TIE_VOTES without a lot: needs a lot of kind absolute_majority between lists 2, 3.",
        doc("GR", 10, P9_TIE_VOTES),
        ("P 9 lid 2",),
        ("P9-absolute-majority", "LOT-decisive"),
        flags=("tie",),
        lot={"kind": "absolute_majority", "options": [2, 3]},
        # seats_so_far: P9_TIE_VOTES (above): kiesdeler 1000/10 = 100, full 5 / 1 / 1 / 1,
        # P 8 round 1 gives the 2 residual seats to lists 2 and 3 (remainders 70, 70):
        # 5 / 2 / 2 / 1. P 9 (list 1: 501 > 500 votes, 5 of 10 seats) asks which of lists 2 and
        # 3 gives one up; its seat is not yet taken.
        seats_so_far={1: 5, 2: 2, 3: 2, 4: 1},
    ),
    Case(
        "p9-absolute-majority",
        "P 9 lid 2: lot on who gives up the seat",
        "P9_TIE_VOTES with list 2 drawn: list 2 gives up its seat. Seats 6 / 1 / 2 / 1.",
        doc("GR", 10, P9_TIE_VOTES, lots=[lot("absolute_majority", [2, 3], 2)]),
        ("P 9 lid 2",),
        ("P9-absolute-majority", "LOT-drawn"),
        flags=("tie", "lot"),
        seats=(6, 1, 2, 1),
    ),
    Case(
        "p9-absolute-majority",
        "P 9 lid 2: lot on who gives up the seat",
        "P9_TIE_VOTES with list 3 drawn: list 3 gives up its seat. Seats 6 / 2 / 1 / 1.",
        doc("GR", 10, P9_TIE_VOTES, lots=[lot("absolute_majority", [2, 3], 3)]),
        ("P 9 lid 2",),
        ("P9-absolute-majority", "LOT-drawn"),
        flags=("tie", "lot"),
        seats=(6, 2, 1, 1),
    ),
    Case(
        "p9-absolute-majority",
        "P 9 lid 2: lot on who gives up the seat",
        "P9_TIE_VOTES with the lists numbered 301 – 304 (list numbers beyond the small ints "
        "CPython shares: a check that compares list numbers by identity goes wrong here), list "
        "302 drawn: list 302 gives up its seat. Seats 6 / 1 / 2 / 1.",
        _numbered_from(
            301, doc("GR", 10, P9_TIE_VOTES, lots=[lot("absolute_majority", [2, 3], 2)])
        ),
        ("P 9 lid 2",),
        ("P9-absolute-majority", "LOT-drawn"),
        flags=("tie", "lot"),
        seats=(6, 1, 2, 1),
    ),
    Case(
        "p9-absolute-majority",
        "P 9 lid 2: lot on who gives up the seat",
        "P9_TIE_VOTES with the lists numbered 301 – 304, list 303 drawn: list 303 gives up its "
        "seat. Seats 6 / 2 / 1 / 1.",
        _numbered_from(
            301, doc("GR", 10, P9_TIE_VOTES, lots=[lot("absolute_majority", [2, 3], 3)])
        ),
        ("P 9 lid 2",),
        ("P9-absolute-majority", "LOT-drawn"),
        flags=("tie", "lot"),
        seats=(6, 2, 1, 1),
    ),
    # ------------------------------------------------------------------ P 10, P 19a
    Case(
        "p10-list-exhaustion",
        "P 10: surplus reassigned",
        "P10_VOTES, list 2 has 3 candidates: it loses its residual seat. Continuing round 1 "
        "without list 2 (exhausted) and list 3 (already won): list 1 (31) > list 4 (10). "
        "Seats 5 / 3 / 1 / 1.",
        doc("GR", 10, P10_VOTES, limits={2: 3}),
        ("P 10",),
        ("P10-exhaustion",),
        flags=("exhaustion",),
        seats=(5, 3, 1, 1),
        full_seats=(4, 3, 0, 1),
    ),
    Case(
        "p10-list-exhaustion",
        "P 10: surplus reassigned",
        "P10_VOTES, list 2 has 2 candidates: surplus 2 (its residual seat and one full seat). "
        "Continuing round 1 without lists 2 and 3: list 1 (31), then list 4 (10). "
        "Seats 5 / 2 / 1 / 2.",
        doc("GR", 10, P10_VOTES, limits={2: 2}),
        ("P 10",),
        ("P10-exhaustion",),
        flags=("exhaustion",),
        seats=(5, 2, 1, 2),
    ),
    Case(
        "p10-list-exhaustion",
        "P 10: surplus reassigned",
        "P 9, then P 10 in the same round, the list that gave up its seat winning it back "
        "(issue 16). GR 10, votes 510 / 190 / 180 / 120 = 1000, kiesdeler 100, 75% = 75; list "
        "2 has 1 candidate. Full 5 / 1 / 1 / 1 = 8, 2 residual seats by largest remainder "
        "(P 8): remainders 10 / 90 / 80 / 20 → list 2 (90), list 3 (80): 5 / 2 / 2 / 1. P 9: "
        "list 1 (510 > 500 votes, 5 of 10 seats) takes the last residual seat, list 3's: 6 / "
        "2 / 1 / 1. P 10: list 2 (1 candidate) gives back its residual seat; continuing the "
        "round without list 2, list 3 has no residual seat of this round any more, so it may "
        "win one: remainders list 3 80 > list 4 20 > list 1 10 → list 3. Seats 6 / 1 / 2 / 1.",
        doc("GR", 10, [510, 190, 180, 120], limits={2: 1}),
        ("P 8", "P 9", "P 10"),
        ("P9-absolute-majority", "P10-exhaustion"),
        flags=("exhaustion",),
        seats=(6, 1, 2, 1),
        full_seats=(5, 1, 1, 1),
    ),
    Case(
        "p10-list-exhaustion",
        "P 10: all lists exhausted",
        "GR 10, votes 600 / 400 / 0, kiesdeler 100: full 6 / 4 / 0. List 1 has 4 candidates, "
        "list 2 has 3: surplus 3. List 3 has no votes and never gets a residual seat. The 3 "
        "seats stay empty. Seats 4 / 3 / 0.",
        doc("GR", 10, [600, 400, 0], limits={1: 4, 2: 3}),
        ("P 10",),
        ("P10-exhaustion", "P10-no-empty-seat-needlessly", "RESIDUAL-no-votes"),
        flags=("exhaustion", "unfilled", "zero_votes_list"),
        seats=(4, 3, 0),
    ),
    Case(
        "p10-list-exhaustion",
        "P 19a: deceased candidates",
        "As the full-seat exhaustion case, list 2 given as candidates 340 / 20 / 20 = 380 with "
        "candidate 2 deceased: 2 living → 5 / 2 / 1 / 2. List 2 (threshold 50% of 100 = 50): "
        "candidate 1 (340) on preference, then list order skipping candidate 2 → candidate 3.",
        doc("GR", 10, [431, [340, 20, 20], 79, 110], deceased={2: [2]}),
        ("P 10", "P 19a"),
        ("P10-exhaustion", "P19a-deceased"),
        flags=("exhaustion", "deceased"),
        seats=(5, 2, 1, 2),
        elected={2: (1, 3)},
    ),
    # ------------------------------------------------------------------ P 15 - P 19
    Case(
        "p15-p19-candidates",
        "P 15: the preference threshold",
        "Exactly on the threshold. GR 10, list 1 900, list 2 candidates 50 / 50; kiesdeler 100, "
        "full 9 / 1; threshold 50% of 100 = 50: candidate 2 has 50, not more → candidate 1 in "
        "list order.",
        doc("GR", 10, [900, [50, 50]]),
        ("P 15 lid 2", "P 17"),
        ("P15-threshold", "P15-threshold-strict", "P17-list-order"),
        flags=("boundary",),
        seats=(9, 1),
        elected={2: (1,)},
    ),
    Case(
        "p15-p19-candidates",
        "P 15: the preference threshold",
        "One vote above: candidates 49 / 51, 51 > 50 → candidate 2 on preference.",
        doc("GR", 10, [900, [49, 51]]),
        ("P 15 lid 1",),
        ("P15-threshold-strict", "P15-preference-order"),
        flags=("boundary",),
        seats=(9, 1),
        elected={2: (2,)},
    ),
    Case(
        "p15-p19-candidates",
        "P 15: the preference threshold",
        "GR 19 seats: 25%. List 1 1800, list 2 20 / 35 / 45; kiesdeler 100, full 18 / 1; "
        "threshold 25: candidates 3 (45) and 2 (35) pass; 1 seat → candidate 3.",
        doc("GR", 19, [1800, [20, 35, 45]]),
        ("P 15 lid 1",),
        ("P15-threshold", "P15-preference-order"),
        flags=("boundary",),
        seats=(18, 1),
        elected={2: (3,)},
    ),
    Case(
        "p15-p19-candidates",
        "P 15: the preference threshold",
        "GR 18 seats: 50%. List 1 1700, list 2 20 / 35 / 45; kiesdeler 100, full 17 / 1; "
        "threshold 50: nobody passes → candidate 1.",
        doc("GR", 18, [1700, [20, 35, 45]]),
        ("P 15 lid 2",),
        ("P15-threshold", "P17-list-order"),
        flags=("boundary",),
        seats=(17, 1),
        elected={2: (1,)},
    ),
    Case(
        "p15-p19-candidates",
        "P 15: the preference threshold",
        "ER 9 seats (50% by analogy with GR). List 1 800, list 2 20 / 35 / 45; kiesdeler 100, "
        "threshold 50: nobody passes → candidate 1.",
        doc("ER", 9, [800, [20, 35, 45]]),
        ("P 15 lid 2",),
        ("P15-threshold",),
        seats=(8, 1),
        elected={2: (1,)},
    ),
    Case(
        "p15-p19-candidates",
        "P 15: the preference threshold",
        "EP 10%. 31 seats, list 1 2900, list 2 169 / 11 / 20 = 200; kiesdeler 100, full 29 / 2. "
        "Threshold 10: candidates 1, 3 (20), 2 (11) pass; 2 seats → 1 and 3 on preference.",
        doc("EP", 31, [2900, [169, 11, 20]]),
        ("Q 3", "P 15 lid 1"),
        ("P15-threshold", "P15-preference-order"),
        seats=(29, 2),
        elected={2: (1, 3)},
    ),
    Case(
        "p15-p19-candidates",
        "P 15: the preference threshold",
        "PS 25%: the EP numbers as PS: only candidate 1 passes 25; seat 2 to candidate 2 in "
        "list order.",
        doc("PS", 31, [2900, [169, 11, 20]]),
        ("P 15 lid 1", "P 17"),
        ("P15-threshold", "P17-list-order"),
        seats=(29, 2),
        elected={2: (1, 2)},
    ),
    Case(
        "p15-p19-candidates",
        "P 17 and P 19: list order and ranking",
        "GR 10, list 1 700, list 2 60 / 10 / 10 / 210 / 10 = 300; kiesdeler 100, full 7 / 3; "
        "threshold 50: candidates 4 (210) and 1 (60) on preference; third seat in list order → "
        "candidate 2.",
        doc("GR", 10, [700, [60, 10, 10, 210, 10]]),
        ("P 15 lid 1", "P 17", "P 19"),
        ("P15-preference-order", "P17-list-order", "P19-ranking"),
        seats=(7, 3),
        elected={2: (4, 1, 2)},
    ),
    Case(
        "p15-p19-candidates",
        "P 17 and P 19: list order and ranking",
        "GR 19, list 1 1800, list 2 10 / 30 / 27 / 33 = 100; kiesdeler 100, full 18 / 1; "
        "threshold 25: 4 (33), 2 (30), 3 (27) pass; one seat → candidate 4.",
        doc("GR", 19, [1800, [10, 30, 27, 33]]),
        ("P 15 lid 1", "P 19"),
        ("P15-preference-order", "P19-ranking"),
        seats=(18, 1),
        elected={2: (4,)},
    ),
    Case(
        "p15-p19-candidates",
        "P 17 and P 19: list order and ranking",
        "P 19 lid 5 at exactly 19 seats (issue 16): GR 19, list 1 1750 (list-level), list 2 "
        "40 / 30 / 20 / 10 = 100, list 3 30 / 20 = 50; total 1900, kiesdeler 100, full 17 / 1 "
        "/ 0 = 18; 1 residual seat by greatest average (P 7): 1750/18 = 97 2/9 > 100/2 = 50 = "
        "50/1 → list 1. Seats 18 / 1 / 0. Threshold 25: candidate 1 of list 2 (40) elected on "
        "preference. List 3 has no seat and the election not fewer than 19 seats, so it gets "
        "no ranking ('Behoudens ... minder dan negentien', P 19 lid 5); with 18 seats it "
        "would.",
        doc("GR", 19, [1750, [40, 30, 20, 10], [30, 20]]),
        ("P 7 lid 1", "P 15 lid 1", "P 19 lid 5"),
        ("P15-preference-order", "P19-ranking"),
        flags=("boundary",),
        seats=(18, 1, 0),
        full_seats=(17, 1, 0),
        residual_seat_order=(1,),
        elected={2: (1,)},
    ),
    # ------------------------------------------------------------------ lots
    Case(
        "lots",
        "P 7 lid 3, P 8 lid 4: residual-seat lots",
        "LOT_VOTES (PS 20) without a lot: lists 2 and 3 tie at 95 for the last seat → needs a "
        "residual_seat lot between 2 and 3.",
        doc("PS", 20, LOT_VOTES),
        ("P 7 lid 3",),
        ("LOT-decisive",),
        flags=("tie",),
        lot={"kind": "residual_seat", "options": [2, 3]},
        # seats_so_far: LOT_VOTES (above): kiesdeler 100, full 10 / 4 / 4; residual seat 1 by
        # greatest averages (P 7) to list 1 (1050/11 = 95 5/11 > 95); the tie is for seat 2:
        # 11 / 4 / 4.
        seats_so_far={1: 11, 2: 4, 3: 4},
    ),
    Case(
        "lots",
        "P 7 lid 3, P 8 lid 4: residual-seat lots",
        "LOT_VOTES with list 3 drawn: seats 11 / 4 / 5.",
        doc("PS", 20, LOT_VOTES, lots=[lot("residual_seat", [2, 3], 3)]),
        ("P 7 lid 3",),
        ("LOT-drawn",),
        flags=("tie", "lot"),
        seats=(11, 4, 5),
        residual_seat_order=(1, 3),
    ),
    Case(
        "lots",
        "P 7 lid 3, P 8 lid 4: residual-seat lots",
        "LOT_VOTES with list 2 drawn: seats 11 / 5 / 4.",
        doc("PS", 20, LOT_VOTES, lots=[lot("residual_seat", [2, 3], 2)]),
        ("P 7 lid 3",),
        ("LOT-drawn",),
        flags=("tie", "lot"),
        seats=(11, 5, 4),
    ),
    Case(
        "lots",
        "P 7 lid 3, P 8 lid 4: residual-seat lots",
        "Non-decisive tie. PS 20, votes 930 / 485 / 485 / 100 = 2000, kiesdeler 100; full "
        "9 / 4 / 4 / 1, 2 residual. Averages 93, 97, 97, 50: lists 2 and 3 tie, 2 seats for 2 "
        "tied lists → no lot, list 2 then list 3. Seats 9 / 5 / 5 / 1.",
        doc("PS", 20, [930, 485, 485, 100]),
        ("P 7 lid 3",),
        ("TIE-list-order",),
        flags=("tie",),
        seats=(9, 5, 5, 1),
        residual_seat_order=(2, 3),
    ),
    Case(
        "lots",
        "P 7 lid 3, P 8 lid 4: residual-seat lots",
        "P 8 lid 4: equal remainders. GR 10, votes 440 / 280 / 280 = 1000, kiesdeler 100; full "
        "4 / 2 / 2, remainders 40 / 80 / 80, 2 residual seats, 75% = 75 (all eligible): lists 2 "
        "and 3 take both (non-decisive). Seats 4 / 3 / 3.",
        doc("GR", 10, [440, 280, 280]),
        ("P 8 lid 4",),
        ("TIE-list-order", "P8.1-largest-remainder"),
        flags=("tie",),
        seats=(4, 3, 3),
    ),
    Case(
        "lots",
        "P 7 lid 3, P 8 lid 4: residual-seat lots",
        "P 8 lid 4 decisive: GR 10, votes 300 / 350 / 350 = 1000, kiesdeler 100, 75% = 75 "
        "(all lists eligible). Full 3 / 3 / 3 = 9, remainders 0 / 50 / 50, 1 residual seat for "
        "2 lists tied at 50 → needs a residual_seat lot between lists 2 and 3.",
        doc("GR", 10, [300, 350, 350]),
        ("P 8 lid 4",),
        ("LOT-decisive",),
        flags=("tie",),
        lot={"kind": "residual_seat", "options": [2, 3]},
        # seats_so_far: kiesdeler 100, full 3 / 3 / 3; the one residual seat is the tie: 3 / 3 / 3.
        seats_so_far={1: 3, 2: 3, 3: 3},
    ),
    Case(
        "lots",
        "P 15 lid 1: candidate lots",
        "GR 19, list 1 1800, list 2 10 / 45 / 45 = 100; kiesdeler 100, full 18 / 1; threshold "
        "25: candidates 2 and 3 tie at 45 for one seat → candidate lot, list 2, options 2, 3.",
        doc("GR", 19, [1800, [10, 45, 45]]),
        ("P 15 lid 1",),
        ("LOT-decisive",),
        flags=("tie",),
        lot={"kind": "candidate", "options": [2, 3], "list": 2},
        # seats_so_far: kiesdeler 1900/19 = 100, full 18 / 1, no residual seat; no P 9 (list 1
        # holds 18 of 19 seats), no P 10 (list 2 has 3 candidates): 18 / 1.
        seats_so_far={1: 18, 2: 1},
    ),
    Case(
        "lots",
        "P 15 lid 1: candidate lots",
        "As above with candidate 3 drawn: candidate 3 elected.",
        doc("GR", 19, [1800, [10, 45, 45]], lots=[lot("candidate", [2, 3], 3, 2)]),
        ("P 15 lid 1",),
        ("LOT-drawn",),
        flags=("tie", "lot"),
        seats=(18, 1),
        elected={2: (3,)},
    ),
    # ------------------------------------------------------------------ rejected input
    Case(
        "rejected-input",
        "numbers",
        "List number 1 twice.",
        doc("GR", 10, [600, 400]) | {
            "lists": [{"number": 1, "votes": 600}, {"number": 1, "votes": 400}]
        },
        (),
        (),
        errors=(("lists[1].number", "duplicate"),),
    ),
    Case(
        "rejected-input",
        "numbers",
        "List numbers 2 then 1: not ascending.",
        doc("GR", 10, [600, 400]) | {
            "lists": [{"number": 2, "votes": 600}, {"number": 1, "votes": 400}]
        },
        (),
        (),
        errors=(("lists[1].number", "unsorted"),),
    ),
    Case(
        "rejected-input",
        "numbers",
        "Candidate number 1 twice on list 1.",
        doc("GR", 10, [[300, 100]]) | {
            "lists": [{"number": 1, "candidates": [
                {"number": 1, "votes": 300}, {"number": 1, "votes": 100}]}]
        },
        (),
        (),
        errors=(("lists[0].candidates[1].number", "duplicate"),),
    ),
    Case(
        "rejected-input",
        "numbers",
        "List number 0: numbers start at 1.",
        doc("GR", 10, [600]) | {"lists": [{"number": 0, "votes": 600}]},
        (),
        (),
        errors=(("lists[0].number", "invalid_number"),),
    ),
    Case(
        "rejected-input",
        "votes",
        "Negative votes on list 2.",
        doc("GR", 10, [600, 400]) | {
            "lists": [{"number": 1, "votes": 600}, {"number": 2, "votes": -1}]
        },
        (),
        (),
        errors=(("lists[1].votes", "negative"),),
    ),
    Case(
        "rejected-input",
        "votes",
        "Non-integer votes 10.5 on list 1.",
        doc("GR", 10, [600]) | {"lists": [{"number": 1, "votes": 10.5}]},
        (),
        (),
        errors=(("lists[0].votes", "not_an_integer"),),
    ),
    Case(
        "rejected-input",
        "votes",
        "Votes written as the string \"600\".",
        doc("GR", 10, [600]) | {"lists": [{"number": 1, "votes": "600"}]},
        (),
        (),
        errors=(("lists[0].votes", "not_an_integer"),),
    ),
    Case(
        "rejected-input",
        "votes",
        "Negative candidate votes.",
        doc("GR", 10, [[300, -5]]),
        (),
        (),
        errors=(("lists[0].candidates[1].votes", "negative"),),
    ),
    Case(
        "rejected-input",
        "votes",
        "A list's votes 401 differ from its candidates' sum 300 + 100 = 400.",
        doc("GR", 10, [[300, 100]]) | {
            "lists": [{"number": 1, "votes": 401, "candidates": [
                {"number": 1, "votes": 300}, {"number": 2, "votes": 100}]}]
        },
        (),
        (),
        errors=(("lists[0].votes", "votes_mismatch"),),
    ),
    Case(
        "rejected-input",
        "votes",
        "Zero votes in total: not covered by the law, never a division by zero.",
        doc("GR", 10, [0, 0]),
        (),
        (),
        errors=(("lists", "zero_votes"),),
    ),
    Case(
        "rejected-input",
        "election",
        "Zero seats.",
        doc("GR", 0, [600, 400]),
        (),
        (),
        errors=(("election.seats", "invalid_seats"),),
    ),
    Case(
        "rejected-input",
        "election",
        "Unknown election kind \"XX\".",
        doc("XX", 10, [600, 400]),
        (),
        (),
        errors=(("election.kind", "unknown_kind"),),
    ),
    Case(
        "rejected-input",
        "election",
        "Unknown law version \"1917\" (the file header's law names the capability needed).",
        doc("GR", 10, [600, 400], law="1917"),
        (),
        (),
        flags=("header_mismatch",),
        errors=(("election.law", "unknown_law_version"),),
    ),
    Case(
        "rejected-input",
        "election",
        "Unknown profile switch \"no-such-switch\".",
        doc("GR", 10, [600, 400], profile="no-such-switch"),
        (),
        (),
        flags=("header_mismatch",),
        errors=(("election.profile", "unknown_profile"),),
    ),
    Case(
        "rejected-input",
        "election",
        "No lists at all.",
        doc("GR", 10, [600]) | {"lists": []},
        (),
        (),
        errors=(("lists", "missing"),),
    ),
    Case(
        "rejected-input",
        "deceased",
        "deceased_count 3 with candidate_count 2.",
        doc("GR", 10, [600, 400]) | {
            "lists": [
                {"number": 1, "votes": 600},
                {"number": 2, "votes": 400, "candidate_count": 2, "deceased_count": 3},
            ]
        },
        (),
        (),
        errors=(("lists[1].deceased_count", "too_many_deceased"),),
    ),
    Case(
        "rejected-input",
        "lots",
        "LOT_VOTES (PS 20, lists 2 and 3 tie) with a lot between 1 and 2: answers another "
        "question.",
        doc("PS", 20, LOT_VOTES, lots=[lot("residual_seat", [1, 2], 1)]),
        ("P 7 lid 3",),
        (),
        errors=(("lots[0]", "lot_mismatch"),),
    ),
    Case(
        "rejected-input",
        "lots",
        "LOT_VOTES with a lot of the wrong kind (absolute_majority).",
        doc("PS", 20, LOT_VOTES, lots=[lot("absolute_majority", [2, 3], 2)]),
        ("P 7 lid 3",),
        (),
        errors=(("lots[0]", "lot_mismatch"),),
    ),
    Case(
        "rejected-input",
        "lots",
        "LOT_VOTES with the right lot and a second one left over.",
        doc(
            "PS",
            20,
            LOT_VOTES,
            lots=[lot("residual_seat", [2, 3], 3), lot("residual_seat", [2, 3], 2)],
        ),
        ("P 7 lid 3",),
        (),
        errors=(("lots[1]", "lot_mismatch"),),
    ),
    Case(
        "rejected-input",
        "lots",
        "GR 10, 600 / 400: kiesdeler 100, full 6 / 4, no residual seat, so no lot is needed.",
        doc("GR", 10, [600, 400], lots=[lot("residual_seat", [1, 2], 1)]),
        (),
        (),
        errors=(("lots[0]", "lot_mismatch"),),
    ),
    Case(
        "rejected-input",
        "lots",
        "A lot whose drawn list 4 is not among its options 2, 3.",
        doc("PS", 20, LOT_VOTES, lots=[lot("residual_seat", [2, 3], 4)]),
        (),
        (),
        errors=(("lots[0].drawn", "drawn_not_an_option"),),
    ),
    # ------------------------------------------------------------------ law bill-36641
    Case(
        "law-bill-36641",
        "bill 36 641: full-quota threshold",
        "GR 10, votes 610 / 300 / 90 = 1000, kiesdeler 100; full 6 / 3 / 0, 1 residual. "
        "Current law would give list 3 (90 ≥ 75) the seat. Bill: list 3 (90 < 100) is barred; "
        "remainders list 1 10 > list 2 0 → list 1. Seats 7 / 3 / 0.",
        doc("GR", 10, [610, 300, 90], law="bill-36641"),
        ("P 8 lid 2",),
        ("BILL36641-full-quota",),
        seats=(7, 3, 0),
    ),
    Case(
        "law-bill-36641",
        "bill 36 641: full-quota threshold",
        "GR 150 with TK_LIKE_VOTES: like TK, list 3 (99 < 100) is barred → 75 / 75 / 0 / 0 "
        "(current law: 75 / 74 / 1 / 0).",
        doc("GR", 150, TK_LIKE_VOTES, law="bill-36641"),
        ("P 7 lid 1",),
        ("BILL36641-full-quota",),
        seats=(75, 75, 0, 0),
    ),
    Case(
        "law-bill-36641",
        "bill 36 641: full-quota threshold",
        "EK is exempt: TK_LIKE_VOTES as EK 150 seats → 75 / 74 / 1 / 0, as GR under current law.",
        doc("EK", 150, TK_LIKE_VOTES, law="bill-36641"),
        ("P 7 lid 1",),
        ("P7.1-greatest-average",),
        seats=(75, 74, 1, 0),
    ),
    Case(
        "law-bill-36641",
        "bill 36 641: full-quota threshold",
        "Exactly the kiesdeler qualifies. GR 10, votes 100 / 99 / 99 / 99 / 603 = 1000, "
        "kiesdeler 100. Full 1 / 0 / 0 / 0 / 6 = 7, 3 residual. Only lists 1 (exactly 100) and "
        "5 reach the kiesdeler. Round 1: list 5 (remainder 3), list 1 (remainder 0, still "
        "eligible). Round 2 (one per list, threshold still applies): list 5 603/8 = 75 3/8 > "
        "list 1 100/3 = 33 1/3 → list 5. Seats 2 / 0 / 0 / 0 / 8. (Current law: round 1 to "
        "lists 2, 3, 4 at 99 each: 1 / 1 / 1 / 1 / 6.)",
        doc("GR", 10, [100, 99, 99, 99, 603], law="bill-36641"),
        ("P 8 lid 2", "P 8 lid 3"),
        ("BILL36641-full-quota",),
        flags=("boundary",),
        seats=(2, 0, 0, 0, 8),
        residual_seat_order=(5, 1, 5),
    ),
    # ------------------------------------------------------------------ profiles
    Case(
        "profile-candidate-lot-always",
        "P 15 lid 1: lot whenever tied places are elected",
        "GR 10, list 1 700, list 2 100 / 100 / 20 / 80 = 300; kiesdeler 100, full 7 / 3; "
        "threshold 50: candidates 1, 2 (100 each) and 4 (80) all elected; default: no lot "
        "(1, 2, 4). This profile: a lot for the order of 1 and 2.",
        doc("GR", 10, [700, [100, 100, 20, 80]], profile="candidate-lot-always"),
        ("P 15 lid 1",),
        ("LOT-decisive",),
        flags=("tie",),
        lot={"kind": "candidate", "options": [1, 2], "list": 2},
        # seats_so_far: kiesdeler 1000/10 = 100, full 7 / 3, no residual seat; no P 9 (list 1
        # holds 7 of 10), no P 10 (list 2 has 4 candidates): 7 / 3.
        seats_so_far={1: 7, 2: 3},
    ),
    Case(
        "profile-candidate-lot-always",
        "P 15 lid 1: lot whenever tied places are elected",
        "As above with candidate 2 drawn: elected 2, 1, 4.",
        doc(
            "GR",
            10,
            [700, [100, 100, 20, 80]],
            profile="candidate-lot-always",
            lots=[lot("candidate", [1, 2], 2, 2)],
        ),
        ("P 15 lid 1", "P 19"),
        ("LOT-drawn", "P19-ranking"),
        flags=("tie", "lot"),
        seats=(7, 3),
        elected={2: (2, 1, 4)},
    ),
    Case(
        "profile-p9-counts-as-residual",
        "P 9 with P 10 below 19 seats",
        "P9_P10_VOTES, list 2 1 candidate, list 3 2. List 1's P 9 seat counts as its round-1 "
        "seat, so round 1 has nobody left; round 2: list 1 501/7 = 71 4/7 < list 4 73/1 → "
        "list 4. Seats 6 / 1 / 2 / 1 (default profile: 7 / 1 / 2 / 0).",
        doc("GR", 10, P9_P10_VOTES, limits={2: 1, 3: 2}, profile="p9-counts-as-residual"),
        ("P 9", "P 10", "P 8 lid 3"),
        ("P9-absolute-majority", "P10-exhaustion"),
        flags=("exhaustion",),
        seats=(6, 1, 2, 1),
    ),
    Case(
        "p9-absolute-majority",
        "P 9: the boundary of half the votes",
        "P9_P10_VOTES under the default profile: list 1's P 9 seat does not count as its "
        "round-1 seat; continuing round 1, list 1 (remainder 1) is the only eligible list → "
        "list 1. Seats 7 / 1 / 2 / 0.",
        doc("GR", 10, P9_P10_VOTES, limits={2: 1, 3: 2}),
        ("P 9", "P 10"),
        ("P9-absolute-majority", "P10-exhaustion"),
        flags=("exhaustion",),
        seats=(7, 1, 2, 0),
    ),
    # ------------------------------------------------------------------ Pa 25, KNI
    Case(
        "pa25-kiescollege-niet-ingezetenen",
        "Pa 25: surplus stays empty",
        "KNI_EXHAUSTION_VOTES, list 2 has 7 candidates. Before P 10: 11 / 9 / 5. List 2 holds 2 "
        "seats more than its candidates: its residual seat and 1 full seat go (P 10). Pa 25: "
        "they are not reassigned; 2 of the 25 seats stay empty. Seats 11 / 7 / 5.",
        doc("KNI", 25, KNI_EXHAUSTION_VOTES, limits={2: 7}),
        ("P 10", "Pa 25"),
        ("Pa25-surplus-stays-empty", "P10-exhaustion"),
        flags=("exhaustion", "unfilled"),
        seats=(11, 7, 5),
        full_seats=(11, 8, 5),
        residual_seat_order=(2,),
    ),
    Case(
        "pa25-kiescollege-niet-ingezetenen",
        "Pa 25: the same votes in another election",
        "KNI_EXHAUSTION_VOTES as Provinciale Staten of 25 seats. List 2's 2 surplus seats are "
        "reassigned (P 10), continuing greatest averages without list 2: 1130/12 = 94 1/6 > "
        "500/6 = 83 1/3 → list 1; 1130/13 = 86 12/13 > 83 1/3 → list 1. Seats 13 / 7 / 5.",
        doc("PS", 25, KNI_EXHAUSTION_VOTES, limits={2: 7}),
        ("P 10",),
        ("P10-exhaustion", "P10-no-empty-seat-needlessly", "Pa25-surplus-stays-empty"),
        flags=("exhaustion",),
        seats=(13, 7, 5),
        residual_seat_order=(2, 1, 1),
    ),
    Case(
        "pa25-kiescollege-niet-ingezetenen",
        "KNI: P 7 without a full-quota threshold",
        "The published KNI 2023 result (Kiesraad, 24 March 2023; lists GL, D66, VVD, JA21, "
        "PvdA, Volt, PvdD, FvD, CDA, SP, SGP, 50PLUS, blanco lijst). Total 26 259, kiesdeler "
        "1050 9/25. Full 4 / 4 / 3 / 2 / 2 / 1 / 1 / 1 / 0 ... = 18, 7 residual seats at "
        "averages Volt 1991/2 = 995 1/2, CDA 995/1, GL 4853/5 = 970 3/5, SP 957/1, PvdD 1898/2 "
        "= 949, VVD 3746/4 = 936 1/2, FvD 1827/2 = 913 1/2 (next: D66 856). CDA and SP are "
        "below the kiesdeler and still win a seat: no P 7 lid 2. Official seats 5 4 4 2 2 2 2 "
        "2 1 1 0 0 0.",
        doc("KNI", 25, KNI_2023_VOTES),
        ("P 6", "P 7 lid 1"),
        ("P7.1-greatest-average", "P7.2-full-quota-threshold"),
        flags=("real",),
        seats=(5, 4, 4, 2, 2, 2, 2, 2, 1, 1, 0, 0, 0),
        full_seats=(4, 4, 3, 2, 2, 1, 1, 1, 0, 0, 0, 0, 0),
        residual_seat_order=(6, 9, 1, 10, 7, 3, 8),
    ),
    Case(
        "pa25-kiescollege-niet-ingezetenen",
        "KNI: preference threshold",
        "KNI 25, list 1 2200, list 2 20 / 25 / 30 / 200 / 25 = 300; kiesdeler 100, full 22 / 3, "
        "no residual seat. Threshold 25% of 100 = 25, strictly more: candidates 4 (200) and 3 "
        "(30); 2 and 5 have exactly 25. Elected 4, 3 on preference, then 1 in list order. (50%: "
        "4, 1, 2.)",
        doc("KNI", 25, [2200, [20, 25, 30, 200, 25]]),
        ("P 15 lid 1", "P 17"),
        ("P15-threshold", "P15-threshold-strict", "P15-preference-order", "P17-list-order"),
        flags=("boundary",),
        seats=(22, 3),
        elected={2: (4, 3, 1)},
    ),
    # ------------------------------------------------------------------ Eerste Kamer
    Case(
        "eerste-kamer",
        "EK: preference threshold is the whole kiesdeler",
        "EK 75, list 1 49 / 100 / 101 = 250, list 2 7250 (weighted votes); total 7500, kiesdeler "
        "100. Full 2 (rem 50) / 72 (rem 50); 1 residual: 250/3 = 83 1/3 < 7250/73 = 99 23/73 → "
        "list 2. U 15 lid 3: elected in order of votes are the candidates with 'een aantal "
        "stemmen ... dat groter is dan of gelijk is aan de kiesdeler': candidate 3 (101) and "
        "candidate 2 (exactly 100, equality included), for the list's 2 seats: 3, 2; candidate 1 "
        "(49) is not. (P 15 lid 1's strict 'groter dan' would elect 3, then 1 in list order.)",
        doc("EK", 75, [[49, 100, 101], 7250]),
        ("U 15 lid 3", "P 15 lid 1", "P 17"),
        ("P15-threshold", "P15-threshold-strict", "P15-preference-order", "P17-list-order"),
        flags=("boundary",),
        seats=(2, 73),
        full_seats=(2, 72),
        elected={1: (3, 2)},
    ),
)

# ---------------------------------------------------------------------- issue 16: suite power
# Cases against engine and judge mutants that survived the suite (issue 16, docs/mutation.md):
# seats left empty because no list that P 7 lid 2 (or bill 36 641) admits has a candidate left,
# the 25% voorkeurdrempel of a body other than a gemeenteraad below 19 seats, and candidate lots
# at the top of a list and below a candidate elected on preference.
CASES = (
    *CASES,
    Case(
        "p10-list-exhaustion",
        "P 10: all lists exhausted",
        "No list that P 7 lid 2 admits has a candidate left (issue 16). TK 20 seats, votes 1050 "
        "/ 880 / 70 = 2000, kiesdeler 100; list 1 has 10 candidates, list 2 has 8. Full 10 / 8 "
        "/ 0 = 18. P 7 lid 2 bars list 3 (70 < 100) from residual seats. Seat 1: 1050/11 = 95 "
        "5/11, 880/9 = 97 7/9 → list 2; seat 2: 95 5/11 > 880/10 = 88 → list 1: 11 / 9 / 0. "
        "P 10: lists 1 and 2 each hold 1 seat more than their candidates; both residual seats "
        "go back and are given again among the lists with candidates left: only list 3, which "
        "P 7 lid 2 still bars, so the 2 seats stay empty. Seats 10 / 8 / 0; the residual seats "
        "were received by lists 2 and 1 (order 2, 1) before P 10 took them back.",
        doc("TK", 20, [1050, 880, 70], limits={1: 10, 2: 8}),
        ("P 7 lid 1", "P 7 lid 2", "P 10"),
        ("P7.2-full-quota-threshold", "P10-exhaustion"),
        flags=("exhaustion", "unfilled"),
        seats=(10, 8, 0),
        full_seats=(10, 8, 0),
        residual_seat_order=(2, 1),
    ),
    Case(
        "p10-list-exhaustion",
        "P 10: all lists exhausted",
        "The same for the European Parliament, which applies P 7 lid 2 in practice: EP 20 "
        "seats, votes 1050 / 880 / 70, list 1 10 candidates, list 2 8: seats 10 / 8 / 0 "
        "(residual seats to 2 and 1 taken back by P 10), 2 seats stay empty.",
        doc("EP", 20, [1050, 880, 70], limits={1: 10, 2: 8}),
        ("P 7 lid 1", "P 7 lid 2", "P 10"),
        ("P7.2-full-quota-threshold", "P10-exhaustion"),
        flags=("exhaustion", "unfilled"),
        seats=(10, 8, 0),
        full_seats=(10, 8, 0),
        residual_seat_order=(2, 1),
    ),
    Case(
        "law-bill-36641",
        "bill 36 641: full-quota threshold",
        "No list that reaches the kiesdeler has a candidate left (issue 16). GR 10 seats under "
        "bill 36 641, votes 620 / 310 / 70 = 1000, kiesdeler 100; list 1 has 6 candidates, list "
        "2 has 3. Full 6 / 3 / 0 = 9. 1 residual seat by largest remainder, only for lists "
        "reaching the kiesdeler (list 3's 70 does not): 20 (list 1) > 10 (list 2) → list 1: 7 "
        "/ 3 / 0. P 10: list 1 holds 1 seat more than its 6 candidates; the seat is given "
        "again: list 2 has no candidate left, list 3 is below the kiesdeler, so it stays "
        "empty. Seats 6 / 3 / 0.",
        doc("GR", 10, [620, 310, 70], limits={1: 6, 2: 3}, law="bill-36641"),
        ("P 8", "P 10", "bill 36 641"),
        ("BILL36641-full-quota", "P10-exhaustion"),
        flags=("exhaustion", "unfilled"),
        seats=(6, 3, 0),
        full_seats=(6, 3, 0),
    ),
    Case(
        "p15-p19-candidates",
        "P 15: the preference threshold",
        "An algemeen bestuur below 19 seats: the voorkeurdrempel is 25% (P 15 lid 2's 50% is "
        "for the gemeenteraad only; issue 16). AB 9 seats, list 1 (candidates 560, 0, 0, 0, 0, "
        "0, 40 = 600), list 2 300 (list-level); kiesdeler 900/9 = 100, full 6 / 3, no residual "
        "seat. Threshold 25% of 100 = 25: candidates 1 (560) and 7 (40 > 25, below 50) are "
        "elected on preference, then 2, 3, 4, 5 in list order: elected 1, 7, 2, 3, 4, 5 (with "
        "50% it would be 1, 2, 3, 4, 5, 6). P 19: 1, 7, then the others in list order: 1, 7, 2, "
        "3, 4, 5, 6.",
        doc("AB", 9, [[560, 0, 0, 0, 0, 0, 40], 300]),
        ("P 15 lid 1", "P 15 lid 2", "P 17", "P 19"),
        ("P15-threshold", "P15-preference-order", "P17-list-order"),
        seats=(6, 3),
        full_seats=(6, 3),
        elected={1: (1, 7, 2, 3, 4, 5)},
    ),
    Case(
        "lots",
        "P 15 lid 1: candidate lots",
        "Equal votes below the threshold are no lot (issue 16). GR 19 seats, list 1 "
        "(candidates 200, 0, 0 = 200), list 2 (40, 40, 20 = 100), list 3 1600 (list-level); "
        "kiesdeler 100, full 2 / 1 / 16, no residual seat. Threshold 25: list 1's candidate 1 "
        "is elected on preference and its second seat goes in list order (P 17) to candidate "
        "2: candidates 2 and 3 have equal votes (0) but are not above the threshold, so no lot "
        "orders them. List 2: candidates 1 and 2 (40 each) compete for 1 seat: lot (kind "
        "candidate, list 2, options 1 and 2), seats so far 2 / 1 / 16.",
        doc("GR", 19, [[200, 0, 0], [40, 40, 20], 1600]),
        ("P 15 lid 1", "P 17"),
        ("LOT-decisive",),
        flags=("tie", "needs_lot"),
        lot={"kind": "candidate", "options": [1, 2], "list": 2},
        # seats_so_far: kiesdeler 1900/19 = 100, full 2 / 1 / 16, no residual seat; no P 9 (list
        # 3 holds 16 of 19), no P 10 (3 candidates each on lists 1 and 2): 2 / 1 / 16.
        seats_so_far={1: 2, 2: 1, 3: 16},
    ),
    Case(
        "lots",
        "P 15 lid 1: candidate lots",
        "The same with the lot drawn for candidate 2 of list 2, the only lot of this election "
        "(none orders list 1's candidates 2 and 3): elected list 1: 1, 2 (candidate 1 on "
        "preference, 2 in list order); list 2: 2. P 19: list 1: 1, 2, 3; list 2: 2, 1 (above "
        "the threshold, not elected), 3.",
        doc("GR", 19, [[200, 0, 0], [40, 40, 20], 1600], lots=[lot("candidate", [1, 2], 2, 2)]),
        ("P 15 lid 1", "P 17", "P 19"),
        ("LOT-drawn", "P15-preference-order", "P17-list-order"),
        flags=("tie", "lot"),
        seats=(2, 1, 16),
        elected={1: (1, 2), 2: (2,)},
    ),
    Case(
        "lots",
        "P 15 lid 1: candidate lots",
        "Equal votes at the top of a list for its only seat (issue 16). GR 19 seats, list 1 "
        "(candidates 40, 40, 20 = 100), list 2 1800 (list-level); kiesdeler 100, full 1 / 18, "
        "no residual seat. Threshold 25%: candidates 1 and 2 (40 each) are above it and compete "
        "for 1 seat: lot (kind candidate, list 1, options 1 and 2), seats so far 1 / 18.",
        doc("GR", 19, [[40, 40, 20], 1800]),
        ("P 15 lid 1",),
        ("LOT-decisive",),
        flags=("tie", "needs_lot"),
        lot={"kind": "candidate", "options": [1, 2], "list": 1},
        # seats_so_far: kiesdeler 1900/19 = 100, full 1 / 18, no residual seat; no P 9 (list 2
        # holds 18 of 19), no P 10 (list 1 has 3 candidates): 1 / 18.
        seats_so_far={1: 1, 2: 18},
    ),
    Case(
        "lots",
        "P 15 lid 1: candidate lots",
        "A candidate lot below a tie that needs none, then one still to draw (issue 16: the "
        "judge's lawful outcome must ask exactly the lots of P 15 lid 1, in list order). GR 19 "
        "seats, list 1 15000 (list-level), list 2 (candidates 1000, 1000, 500, 500 = 3000), "
        "list 3 (500, 500 = 1000); total 19000, kiesdeler 1000, full 15 / 3 / 1, no residual "
        "seat. Voorkeurdrempel 25% of 1000 = 250 (19 seats: P 15 lid 1, not lid 2), every "
        "candidate above it. List 2: candidates 1 and 2 (1000 each) tie for 2 of its 3 seats, "
        "one each: no lot; candidates 3 and 4 (500 each) tie for the third: lot, supplied, "
        "drawn 4. List 3: candidates 1 and 2 (500 each) tie for its one seat: lot (kind "
        "candidate, list 3, options 1 and 2), not supplied; seats so far 15 / 3 / 1, 1 lot "
        "used. (Vote counts above 256 on purpose: equal counts are then distinct int objects.)",
        doc(
            "GR",
            19,
            [15000, [1000, 1000, 500, 500], [500, 500]],
            lots=[lot("candidate", [3, 4], 4, 2)],
        ),
        ("P 15 lid 1",),
        ("LOT-decisive", "LOT-drawn"),
        flags=("tie", "lot", "needs_lot"),
        lot={"kind": "candidate", "options": [1, 2], "list": 3},
        # seats_so_far: kiesdeler 19000/19 = 1000, full 15 / 3 / 1, no residual seat; no P 9
        # (list 1 holds 15 of 19), no P 10 (list 2 has 4 candidates, list 3 2); list 2's
        # supplied lot orders its candidates only: 15 / 3 / 1.
        seats_so_far={1: 15, 2: 3, 3: 1},
    ),
    Case(
        "lots",
        "P 15 lid 1: candidate lots",
        "A tie for two seats: one lot drawn, the next still to draw, below a candidate with "
        "more votes (issue 16, judge mutant lots.py 192: the seats before the tie are those of "
        "the candidates with more votes plus those already drawn). GR 19 seats, list 1 15000 "
        "(list-level), list 2 (candidates 1200, 600, 600, 600 = 3000), list 3 (600, 400 = "
        "1000); total 19000, kiesdeler 1000, full 15 / 3 / 1, no residual seat. "
        "Voorkeurdrempel 25% of 1000 = 250 (19 seats: P 15 lid 1): every candidate above it. "
        "List 2: candidate 1 (1200) takes the first of its 3 seats; candidates 2, 3 and 4 (600 "
        "each) tie for the other 2: lot, supplied (options 2, 3, 4), drawn 3, who takes the "
        "second seat; candidates 2 and 4 then tie for the third seat, 1 seat for 2 candidates: "
        "lot (kind candidate, list 2, options 2 and 4), not supplied. List 3: candidate 1 (600) "
        "takes its one seat, no tie. Seats so far 15 / 3 / 1, 1 lot used.",
        doc(
            "GR",
            19,
            [15000, [1200, 600, 600, 600], [600, 400]],
            lots=[lot("candidate", [2, 3, 4], 3, 2)],
        ),
        ("P 15 lid 1",),
        ("LOT-decisive", "LOT-drawn"),
        flags=("tie", "lot", "needs_lot"),
        lot={"kind": "candidate", "options": [2, 4], "list": 2},
        # seats_so_far: kiesdeler 19000/19 = 1000; 15000, 3000, 1000 give 15 / 3 / 1 full seats,
        # all 19: the list seats are decided before the candidate lot.
        seats_so_far={1: 15, 2: 3, 3: 1},
    ),
    Case(
        "lots",
        "P 15 lid 1: candidate lots",
        "The same below three candidates with more votes (issue 16, judge mutant lots.py 192). "
        "GR 19 seats, list 1 14000 (list-level), list 2 (candidates 1200, 1100, 900, 600, 600, "
        "600 = 5000); total 19000, kiesdeler 1000, full 14 / 5, no residual seat. "
        "Voorkeurdrempel 25% of 1000 = 250: every candidate above it. List 2: candidates 1, 2 "
        "and 3 (1200, 1100, 900) take 3 of its 5 seats; candidates 4, 5 and 6 (600 each) tie "
        "for the other 2: lot, supplied (options 4, 5, 6), drawn 5, who takes the fourth seat; "
        "candidates 4 and 6 then tie for the fifth, 1 seat for 2 candidates: lot (kind "
        "candidate, list 2, options 4 and 6), not supplied. Seats so far 14 / 5, 1 lot used.",
        doc(
            "GR",
            19,
            [14000, [1200, 1100, 900, 600, 600, 600]],
            lots=[lot("candidate", [4, 5, 6], 5, 2)],
        ),
        ("P 15 lid 1",),
        ("LOT-decisive", "LOT-drawn"),
        flags=("tie", "lot", "needs_lot"),
        lot={"kind": "candidate", "options": [4, 6], "list": 2},
        # seats_so_far: kiesdeler 19000/19 = 1000; 14000 and 5000 give 14 / 5 full seats, all
        # 19: the list seats are decided before the candidate lot.
        seats_so_far={1: 14, 2: 5},
    ),
    Case(
        "lots",
        "P 15 lid 1: candidate lots",
        "The first of the two cases above with both lots supplied (issue 16). List 2: "
        "candidate 1 (1200) first; of candidates 2, 3 and 4 (600 each) the lot drew 3 for the "
        "second seat, then of candidates 2 and 4 the second lot drew 4 for the third: elected "
        "1, 3, 4 (candidate 2 not elected). List 3: candidate 1. Seats 15 / 3 / 1, both lots "
        "used.",
        doc(
            "GR",
            19,
            [15000, [1200, 600, 600, 600], [600, 400]],
            lots=[lot("candidate", [2, 3, 4], 3, 2), lot("candidate", [2, 4], 4, 2)],
        ),
        ("P 15 lid 1",),
        ("LOT-drawn", "P15-preference-order"),
        flags=("tie", "lot"),
        seats=(15, 3, 1),
        elected={2: (1, 3, 4), 3: (1,)},
    ),
    Case(
        "lots",
        "P 15 lid 1: candidate lots",
        "A residual-seat lot supplied, then a candidate lot to draw (issue 16: the steps of the "
        "answer must use the supplied lot). GR 9 seats, list 1 (candidates 110, 55, 55 = 220), "
        "list 2 340, list 3 340 (list-level); total 900, kiesdeler 100, full 2 / 3 / 3, one "
        "residual seat. P 8 lid 1: remainders 20 / 40 / 40 (all at least 75 = 75% of the "
        "kiesdeler, P 8 lid 2): lists 2 and 3 tie for the one seat: lot (P 8 lid 4), supplied, "
        "drawn 3: seats 2 / 3 / 4. Voorkeurdrempel 50% of 100 = 50 (P 15 lid 2: a gemeenteraad "
        "of fewer than 19 seats): list 1's candidates 1 (110), 2 and 3 (55 each) are above it; "
        "candidate 1 takes the first seat, 2 and 3 tie for the second: lot (kind candidate, "
        "list 1, options 2 and 3), not supplied; seats so far 2 / 3 / 4, 1 lot used.",
        doc("GR", 9, [[110, 55, 55], 340, 340], lots=[lot("residual_seat", [2, 3], 3)]),
        ("P 8 lid 4", "P 15 lid 1"),
        ("LOT-decisive", "LOT-drawn"),
        flags=("tie", "lot", "needs_lot"),
        lot={"kind": "candidate", "options": [2, 3], "list": 1},
        # seats_so_far: kiesdeler 900/9 = 100, full 2 / 3 / 3; the residual seat (P 8 lid 4 lot,
        # supplied, drawn 3) to list 3; no list above 450 votes (no P 9), no P 10 (list 1 has 3
        # candidates for 2 seats): 2 / 3 / 4.
        seats_so_far={1: 2, 2: 3, 3: 4},
    ),
    Case(
        "lots",
        "P 15 lid 1: candidate lots",
        "A tie with a seat for each needs no lot, and the lot of the next list is not its "
        "(issue 16). GR 19 seats, list 1 16000 (list-level), list 2 (candidates 1000, 1000 = "
        "2000), list 3 (500, 500 = 1000); total 19000, kiesdeler 1000, full 16 / 2 / 1, no "
        "residual seat. Voorkeurdrempel 25% of 1000 = 250: every candidate above it. List 2: "
        "candidates 1 and 2 tie for its 2 seats, one each: no lot, both elected. List 3: "
        "candidates 1 and 2 tie for its one seat: lot (list 3), supplied, drawn 2: candidate 2 "
        "elected. (Vote counts above 256 on purpose.)",
        doc(
            "GR",
            19,
            [16000, [1000, 1000], [500, 500]],
            lots=[lot("candidate", [1, 2], 2, 3)],
        ),
        ("P 15 lid 1",),
        ("LOT-drawn", "P15-preference-order"),
        flags=("tie", "lot"),
        seats=(16, 2, 1),
        elected={2: (1, 2), 3: (2,)},
    ),
    Case(
        "lots",
        "P 15 lid 1: candidate lots",
        "A decisive tie below a candidate elected on preference (issue 16). GR 19 seats, list 1 "
        "(candidates 120, 40, 40, 0 = 200), list 2 1700 (list-level); kiesdeler 100, full 2 / "
        "17, no residual seat. Threshold 25: candidate 1 (120) is elected first; 2 and 3 (40 "
        "each) compete for the one seat left: lot (kind candidate, list 1, options 2 and 3), "
        "seats so far 2 / 17.",
        doc("GR", 19, [[120, 40, 40, 0], 1700]),
        ("P 15 lid 1",),
        ("LOT-decisive",),
        flags=("tie", "needs_lot"),
        lot={"kind": "candidate", "options": [2, 3], "list": 1},
        # seats_so_far: kiesdeler 1900/19 = 100, full 2 / 17, no residual seat; no P 9 (list 2
        # holds 17 of 19), no P 10 (list 1 has 4 candidates): 2 / 17.
        seats_so_far={1: 2, 2: 17},
    ),
    Case(
        "lots",
        "P 15 lid 1: candidate lots",
        "The same with the lot drawn for candidate 3: elected 1, 3 (on preference). P 19: 1, "
        "3, then 2 (40, above the threshold, not elected), then 4: 1, 3, 2, 4.",
        doc("GR", 19, [[120, 40, 40, 0], 1700], lots=[lot("candidate", [2, 3], 3, 1)]),
        ("P 15 lid 1", "P 19"),
        ("LOT-drawn", "P15-preference-order"),
        flags=("tie", "lot"),
        seats=(2, 17),
        elected={1: (1, 3)},
    ),
    # ---------------------------------------------------------- issue 16: judge mutants (spec)
    Case(
        "rejected-input",
        "lots",
        "A residual-seat lot naming a list that does not tie (issue 16). PS 20, votes 475 / 475 "
        "/ 1050 = 2000, kiesdeler 100; full 4 / 4 / 10 = 18, 2 residual seats by greatest "
        "averages (P 7, 20 seats). Seat 1: 475/5 = 95, 475/5 = 95, 1050/11 = 95 5/11 -> list 3. "
        "Seat 2: 95, 95, 1050/12 = 87 1/2: lists 1 and 2 tie for 1 seat, the lot decides "
        "(P 7 lid 3) between lists 1 and 2. The supplied lot is between lists 1, 2 and 3 "
        "(drawn 1): it answers another question, so the input is rejected.",
        doc("PS", 20, [475, 475, 1050], lots=[lot("residual_seat", [1, 2, 3], 1)]),
        ("P 7 lid 3",),
        (),
        errors=(("lots[0]", "lot_mismatch"),),
    ),
    Case(
        "rejected-input",
        "lots",
        "A candidate lot where no tie decides (issue 16). GR 10, list 1 (candidates 200, 200, "
        "50, 50, 50, 50 = 600), list 2 400 (list-level); kiesdeler 100, full 6 / 4, no residual "
        "seat. Voorkeurdrempel 50% of 100 = 50 (P 15 lid 2), strictly more: candidates 1 and 2 "
        "(200 each); they tie, but list 1 has 6 seats, so both are elected whatever their "
        "order: no lot is due (P 15 lid 1). The supplied candidate lot between them answers no "
        "question, so the input is rejected.",
        doc("GR", 10, [[200, 200, 50, 50, 50, 50], 400], lots=[lot("candidate", [1, 2], 2, 1)]),
        ("P 15 lid 1",),
        (),
        errors=(("lots[0]", "lot_mismatch"),),
    ),
    Case(
        "pa25-kiescollege-niet-ingezetenen",
        "Pa 25: surplus stays empty",
        "A candidate lot after seats left empty by Pa 25 (issue 16). KNI 25, list 1 1500 "
        "(list-level, 12 candidates), list 2 (candidates 1-8 100 each, 9-12 50 each = 1000); "
        "total 2500, kiesdeler 100, full 15 / 10 = 25, no residual seat. P 9: list 1 (1500 > "
        "1250) already holds 15 > 12 1/2 seats: no. P 10: list 1 holds 3 seats more than its 12 "
        "candidates; Pa 25: they stay empty. Voorkeurdrempel 25% of 100 = 25: every candidate "
        "of list 2 is above it; candidates 1-8 take 8 of its 10 seats, candidates 9-12 (50 "
        "each) compete for the other 2: lot (kind candidate, list 2, options 9, 10, 11, 12), "
        "seats so far 12 / 10.",
        doc("KNI", 25, [1500, [100] * 8 + [50] * 4], limits={1: 12}),
        ("P 10", "Pa 25", "P 15 lid 1"),
        ("Pa25-surplus-stays-empty", "P10-exhaustion", "LOT-decisive"),
        flags=("exhaustion", "unfilled", "tie", "needs_lot"),
        lot={"kind": "candidate", "options": [9, 10, 11, 12], "list": 2},
        # seats_so_far: kiesdeler 2500/25 = 100, full 15 / 10, no residual seat; no P 9 (list 1
        # holds 15 > 12 1/2); P 10: list 1 keeps 12 (its 12 candidates), Pa 25 leaves 3 empty;
        # list 2 (12 candidates) keeps its 10: 12 / 10.
        seats_so_far={1: 12, 2: 10},
    ),
    Case(
        "p10-list-exhaustion",
        "P 10: all lists exhausted",
        "Seats left empty beside a list without votes (issue 16). GR 10, votes 600 / 400 / 0 = "
        "1000, list 1 has 3 candidates, list 2 has 4, list 3 has 5; kiesdeler 100, full 6 / 4 "
        "/ 0 = 10, no residual seat. P 9: list 1 (600 > 500) holds 6 > 5: no. P 10: list 1 "
        "holds 3 seats more than its candidates; they are given again by continuing P 8: list "
        "1 and list 2 (4 seats, 4 candidates) have no candidate left, and list 3 has no votes "
        "(no residual seat without votes), so the 3 seats stay empty. Seats 3 / 4 / 0.",
        doc("GR", 10, [600, 400, 0], limits={1: 3, 2: 4, 3: 5}),
        ("P 10",),
        ("P10-exhaustion", "RESIDUAL-no-votes"),
        flags=("exhaustion", "unfilled"),
        seats=(3, 4, 0),
        full_seats=(6, 4, 0),
    ),
    Case(
        "rejected-input",
        "lots",
        "A P 9 lot naming a list that did not receive the last residual seat (issue 16). "
        "P9_TIE_VOTES (GR 10): P 9 takes a seat from list 2 or list 3, which received the last "
        "residual seats on the same remainder 70; the lot decides between lists 2 and 3 (P 9 "
        "lid 2). The supplied P 9 lot is between lists 2, 3 and 4 (drawn 2): it answers "
        "another question, so the input is rejected.",
        doc("GR", 10, P9_TIE_VOTES, lots=[lot("absolute_majority", [2, 3, 4], 2)]),
        ("P 9 lid 2",),
        (),
        errors=(("lots[0]", "lot_mismatch"),),
    ),
    Case(
        "rejected-input",
        "lots",
        "A P 9 lot where P 9 does not apply (issue 16, judge mutant lots.py 259). GR 10, 600 / "
        "400 = 1000: kiesdeler 100, full 6 / 4 = 10, no residual seat; list 1 has more than "
        "half of the votes (600 > 500) and more than half of the seats (6 > 5), so P 9 gives "
        "nothing and no lot is drawn. The supplied P 9 lot (lists 1 and 2, drawn 1) answers no "
        "question: rejected.",
        doc("GR", 10, [600, 400], lots=[lot("absolute_majority", [1, 2], 1)]),
        ("P 9 lid 2",),
        (),
        errors=(("lots[0]", "lot_mismatch"),),
    ),
    Case(
        "rejected-input",
        "lots",
        "A second P 9 lot for the tie the first one decided (issue 16, judge mutant lots.py "
        "259). P9_TIE_VOTES (GR 10): P 9 takes a seat from list 2 or list 3, which received "
        "the last residual seats on the same remainder 70; the first supplied P 9 lot (lists 2 "
        "and 3, drawn 2) decides it. The second (the same lists, drawn 3) answers no question: "
        "rejected.",
        doc(
            "GR",
            10,
            P9_TIE_VOTES,
            lots=[lot("absolute_majority", [2, 3], 2), lot("absolute_majority", [2, 3], 3)],
        ),
        ("P 9 lid 2",),
        (),
        errors=(("lots[1]", "lot_mismatch"),),
    ),
    Case(
        "rejected-input",
        "lots",
        "A candidate lot of a later list supplied while an earlier list's candidate lot is due "
        "(a judge gap found 2026-12-08: with steps, an answer ignoring the supplied lot and "
        "asking list 1's lot passed). GR 3, list 1 (candidates 1000, 1000, 1000 = 3000), list 2 "
        "(1000, 1000 = 2000); 5000 votes, kiesdeler 1666 2/3; full seats 1 / 1 (remainders "
        "1333 1/3 and 333 1/3); the residual seat by largest remainder (P 8, 75% of the "
        "kiesdeler = 1250): list 1. Seats 2 / 1. Voorkeurdrempel (under 19 seats) 50% of the "
        "kiesdeler, 833 1/3: every candidate above it. List 1's three candidates tie for its two "
        "seats, the first question (lists in order): the supplied lot answers list 2's tie "
        "instead, so it does not fit: rejected.",
        doc(
            "GR",
            3,
            [[1000, 1000, 1000], [1000, 1000]],
            lots=[lot("candidate", [1, 2], 2, 2)],
        ),
        ("P 15 lid 1",),
        (),
        errors=(("lots[0]", "lot_mismatch"),),
    ),
    Case(
        "rejected-input",
        "lots",
        "A second candidate lot for a tie the first one decided (issue 16). GR 19, list 1 "
        "(candidates 120, 40, 40, 0 = 200), list 2 1700 (list-level); kiesdeler 100, full 2 / "
        "17, no residual seat. Threshold 25: candidate 1 (120) is elected first; 2 and 3 (40 "
        "each) compete for the one seat left: the first supplied lot (list 1, options 2 and 3) "
        "decides it. The second supplied lot (the same options) answers no question, so the "
        "input is rejected.",
        doc(
            "GR",
            19,
            [[120, 40, 40, 0], 1700],
            lots=[lot("candidate", [2, 3], 3, 1), lot("candidate", [2, 3], 2, 1)],
        ),
        ("P 15 lid 1",),
        (),
        errors=(("lots[1]", "lot_mismatch"),),
    ),
    Case(
        "rejected-input",
        "lots",
        "A candidate lot for equal votes below the threshold (issue 16). GR 19, list 1 "
        "(candidates 200, 0, 0 = 200), list 2 (40, 40, 20 = 100), list 3 1600 (list-level); "
        "kiesdeler 100, full 2 / 1 / 16, no residual seat. Threshold 25: list 2's candidates 1 "
        "and 2 (40 each) compete for its one seat: the first supplied lot (list 2, options 1 "
        "and 2) decides it. List 1's candidates 2 and 3 (0 votes) are not above the "
        "threshold: they are elected in list order (P 17) and no lot orders them, so the "
        "second supplied lot (list 1, options 2 and 3) answers no question: rejected.",
        doc(
            "GR",
            19,
            [[200, 0, 0], [40, 40, 20], 1600],
            lots=[lot("candidate", [1, 2], 2, 2), lot("candidate", [2, 3], 3, 1)],
        ),
        ("P 15 lid 1", "P 17"),
        (),
        errors=(("lots[1]", "lot_mismatch"),),
    ),
    Case(
        "pa25-kiescollege-niet-ingezetenen",
        "Pa 25: surplus stays empty",
        "The same with a third list (issue 16). KNI 25, list 1 1300 (list-level, 10 "
        "candidates), list 2 (candidates 1-8 100 each, 9-12 50 each = 1000), list 3 200 "
        "(list-level); total 2500, kiesdeler 100, full 13 / 10 / 2 = 25, no residual seat. P 9: "
        "list 1 (1300 > 1250) already holds 13 > 12 1/2 seats: no. P 10: list 1 holds 3 seats "
        "more than its 10 candidates; Pa 25: they stay empty. Threshold 25: candidates 9-12 of "
        "list 2 compete for its last 2 seats: lot (kind candidate, list 2, options 9, 10, 11, "
        "12), seats so far 10 / 10 / 2.",
        doc("KNI", 25, [1300, [100] * 8 + [50] * 4, 200], limits={1: 10}),
        ("P 10", "Pa 25", "P 15 lid 1"),
        ("Pa25-surplus-stays-empty", "P10-exhaustion", "LOT-decisive"),
        flags=("exhaustion", "unfilled", "tie", "needs_lot"),
        lot={"kind": "candidate", "options": [9, 10, 11, 12], "list": 2},
        # seats_so_far: kiesdeler 2500/25 = 100, full 13 / 10 / 2, no residual seat; no P 9
        # (list 1 holds 13 > 12 1/2); P 10: list 1 keeps 10 (its 10 candidates), Pa 25 leaves 3
        # empty: 10 / 10 / 2.
        seats_so_far={1: 10, 2: 10, 3: 2},
    ),
    Case(
        "p10-list-exhaustion",
        "P 10: all lists exhausted",
        "The same under P 7 (issue 16). PS 25, votes 1130 / 870 / 500 / 0 = 2500, lists 1-4 "
        "with 11, 7, 5 and 3 candidates; kiesdeler 100, full 11 / 8 / 5 / 0 = 24, 1 residual "
        "seat by greatest averages: 1130/12 = 94 1/6, 870/9 = 96 2/3, 500/6 = 83 1/3, list 4 "
        "has no votes -> list 2: 11 / 9 / 5 / 0. P 9: no list has more than 1250 votes. P 10: "
        "list 2 holds 2 seats more than its 7 candidates (its residual seat and 1 full seat); "
        "they are given again by continuing P 7: lists 1, 2 and 3 have no candidate left and "
        "list 4 has no votes, so both stay empty. Seats 11 / 7 / 5 / 0.",
        doc("PS", 25, [1130, 870, 500, 0], limits={1: 11, 2: 7, 3: 5, 4: 3}),
        ("P 7 lid 1", "P 10"),
        ("P10-exhaustion", "RESIDUAL-no-votes"),
        flags=("exhaustion", "unfilled"),
        seats=(11, 7, 5, 0),
        full_seats=(11, 8, 5, 0),
        residual_seat_order=(2,),
    ),
    Case(
        "p10-list-exhaustion",
        "P 10: all lists exhausted",
        "The same with seat counts above 256 (issue 16: equal counts are then distinct int "
        "objects, so a judge comparing them by identity goes wrong). PS 1000 seats, votes 600 "
        "/ 400 / 0 = 1000, lists 1-3 with 300, 400 and 5 candidates; kiesdeler 1, full 600 / "
        "400 / 0 = 1000, no residual seat. P 9: list 1 (600 > 500) already holds 600 > 500 "
        "seats: no. P 10: list 1 holds 300 seats more than its 300 candidates; they are given "
        "again by continuing P 7: lists 1 and 2 have no candidate left and list 3 has no "
        "votes, so all 300 stay empty. Seats 300 / 400 / 0.",
        doc("PS", 1000, [600, 400, 0], limits={1: 300, 2: 400, 3: 5}),
        ("P 10",),
        ("P10-exhaustion", "RESIDUAL-no-votes"),
        flags=("exhaustion", "unfilled"),
        seats=(300, 400, 0),
        full_seats=(600, 400, 0),
    ),
    Case(
        "pa25-kiescollege-niet-ingezetenen",
        "Pa 25: surplus stays empty",
        "The same with the tie on the first list (issue 16). KNI 25, list 1 (candidates 1-8 "
        "100 each, 9-12 50 each = 1000), list 2 1500 (list-level, 12 candidates); total 2500, "
        "kiesdeler 100, full 10 / 15 = 25, no residual seat. P 9: list 2 (1500 > 1250) already "
        "holds 15 > 12 1/2 seats: no. P 10: list 2 holds 3 seats more than its 12 candidates; "
        "Pa 25: they stay empty. Threshold 25: candidates 9-12 of list 1 compete for its last "
        "2 seats: lot (kind candidate, list 1, options 9, 10, 11, 12), seats so far 10 / 12.",
        doc("KNI", 25, [[100] * 8 + [50] * 4, 1500], limits={2: 12}),
        ("P 10", "Pa 25", "P 15 lid 1"),
        ("Pa25-surplus-stays-empty", "P10-exhaustion", "LOT-decisive"),
        flags=("exhaustion", "unfilled", "tie", "needs_lot"),
        lot={"kind": "candidate", "options": [9, 10, 11, 12], "list": 1},
        # seats_so_far: kiesdeler 2500/25 = 100, full 10 / 15, no residual seat; no P 9 (list 2
        # holds 15 > 12 1/2); P 10: list 2 keeps 12 (its 12 candidates), Pa 25 leaves 3 empty:
        # 10 / 12.
        seats_so_far={1: 10, 2: 12},
    ),
)
