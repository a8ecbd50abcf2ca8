"""Hand-written conformance cases for the ``totalise`` operation (``conformance.totalise_kit``).

Every case is a small ``kieswet/counts-input@1`` document with, written down by hand, the
complete set of findings it must give (severity, check id, unit) and some of the totals
(unit → field → number) computed by hand in its comment. ``kieswet vectors build`` checks the
reference totalisation against both, and ``spec.totalisation_rules.check_totals`` against the
reference's result, and stops naming the case when any of them differ.

The rules are those of ``spec.totalisation_rules``: the identities of the proces-verbaal
(models N 10-1, Na 31-2, O 3, P 22-1 of the Kieswet, https://wetten.overheid.nl/BWBR0004627/
2026-01-01), the structural checks, double entry and corrections, and the checks of the
Kiesraad's control protocol (``spec.counts.CONTROL_PROTOCOLS``: the Toetsingskader of
February 2024, version ``2024-02``, and ``TK2025`` with the swapped-candidate parameters of
the Tweede Kamer election of 29 October 2025). A topic file's profile is its protocol version.

The *standard station* (``std``) has lists 1 (candidates 30k, 20k, 10k) and 2 (24k, 16k),
so E = H = 100k, no blank or invalid ballots and A = D = H: on its own it calls for no
finding, and several of them have the same shares, so that no check compares one with the
rest and finds a difference. Cases change what their check needs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

INPUT_FORMAT = "kieswet/counts-input@1"

Finding = tuple[str, str, str]
"""(severity, check id, unit id)."""


@dataclass(frozen=True)
class Topic:
    """One vector file: its control protocol version (the file's profile) and groups."""

    profile: str
    groups: Mapping[str, str]


@dataclass(frozen=True)
class Case:
    """A hand-written ``totalise`` case: ``errors`` (``(field, code)``) for a rejected input;
    else every finding it must give and some totals computed by hand."""

    topic: str
    group: str
    comment: str
    input: Mapping[str, Any]
    rules: tuple[str, ...]
    findings: tuple[Finding, ...] = ()
    totals: Mapping[str, Mapping[str, int]] | None = None
    errors: tuple[tuple[str, str], ...] | None = None
    flags: tuple[str, ...] = ()
    articles: tuple[str, ...] = ("models N 10-1, Na 31-2, O 3, P 22-1",)

    @property
    def status(self) -> str:
        return "rejected" if self.errors is not None else "completed"


# --------------------------------------------------------------------------- builders


def station(
    uid: str,
    lists: Mapping[int, Sequence[int]],
    *,
    blank: int = 0,
    invalid: int = 0,
    abc: tuple[int, int, int] | None = None,
    d: int | None = None,
    h: int | None = None,
    i: int | None = None,
    j: int | None = None,
    list_totals: Mapping[int, int] | None = None,
    e: int | None = None,
    level: str = "SB",
) -> dict[str, Any]:
    """A count whose derived numbers follow the proces-verbaal unless given: list total = the
    sum of its candidates, H = E + F + G, A = H (B = C = 0), D = A + B + C, I = max(H − D, 0),
    J = max(D − H, 0)."""
    totals = {n: (list_totals or {}).get(n, sum(votes)) for n, votes in lists.items()}
    counted = sum(totals.values()) + blank + invalid if h is None else h
    a, b, c = abc if abc is not None else (counted, 0, 0)
    admitted = a + b + c if d is None else d
    out: dict[str, Any] = {
        "unit_id": uid,
        "name": uid.upper(),
        "level": level,
        "admitted": {"poll_cards": a, "proxy_certificates": b, "voter_cards": c, "total": admitted},
        "lists": [
            {
                "number": n,
                "total": totals[n],
                "candidates": {str(k): v for k, v in enumerate(votes, start=1)},
            }
            for n, votes in sorted(lists.items())
        ],
        "blank": blank,
        "invalid": invalid,
        "total_counted": counted,
        "more_counted": max(counted - admitted, 0) if i is None else i,
        "fewer_counted": max(admitted - counted, 0) if j is None else j,
    }
    if e is not None:
        out["votes_on_lists"] = e
    return out


def std(uid: str, k: int = 1, **changes: Any) -> dict[str, Any]:
    """The standard station times ``k``: lists 1 (30k, 20k, 10k) and 2 (24k, 16k)."""
    return station(uid, {1: [30 * k, 20 * k, 10 * k], 2: [24 * k, 16 * k]}, **changes)


def tree(root: str, units: Mapping[str, tuple[str, Sequence[str]]]) -> dict[str, Any]:
    """A hierarchy: unit id → (level, children)."""
    return {
        "root": root,
        "units": [
            {
                "unit_id": uid,
                "name": uid.upper(),
                "level": level,
                **({"children": list(kids)} if kids else {}),
            }
            for uid, (level, kids) in units.items()
        ],
    }


def municipality(*stations: str) -> dict[str, Any]:
    """GSB ``g`` with the polling stations ``stations``."""
    return tree("g", {"g": ("GSB", stations), **{s: ("SB", ()) for s in stations}})


def doc(
    hierarchy: Mapping[str, Any],
    counts: Sequence[Mapping[str, Any]],
    *,
    protocol: str = "TK2025",
    second_entries: Sequence[Mapping[str, Any]] = (),
    corrections: Sequence[Mapping[str, Any]] = (),
    explanations: Mapping[str, Mapping[str, int]] | None = None,
    recounted: Sequence[str] = (),
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "format": INPUT_FORMAT,
        "protocol": protocol,
        "hierarchy": dict(hierarchy),
        "counts": [dict(c) for c in counts],
    }
    if second_entries:
        out["second_entries"] = [dict(c) for c in second_entries]
    if corrections:
        out["corrections"] = [dict(c) for c in corrections]
    if explanations:
        out["explanations"] = {u: dict(e) for u, e in explanations.items()}
    if recounted:
        out["recounted"] = list(recounted)
    return out


G3 = municipality("s1", "s2", "s3")
MORE, FEWER, NONE = (
    "te veel uitgereikte stembiljetten",
    "meegenomen stembiljetten",
    "geen verklaring",
)
OTHER = "andere verklaring"

TOPICS: dict[str, Topic] = {
    "identities": Topic(
        "TK2025",
        {
            "Kieswet identities": "The arithmetic of the proces-verbaal (models N 10-1, Na 31-2, "
            "O 3, P 22-1): D = A + B + C, a list is its candidates' sum, E the lists' sum, "
            "H = E + F + G, I and J explain H − D; every total the sum of its units.",
            "Structure": "Every expected unit has exactly one count, at its level, of a known "
            "unit.",
            "Double entry and corrections": "A second entry must equal the first; a correction "
            "replaces a unit's count and is traced.",
            "Rejected input": "An input that is not a valid kieswet/counts-input@1 document.",
        },
    ),
    "control-protocol-TK2025": Topic(
        "TK2025",
        {
            "Difference": "Warn when |D − H| ≥ 15, or H > 0 and |D − H| ≥ 2% of H (every "
            "boundary inclusive).",
            "Blank, invalid, no votes": "Warn when F or G is 3% or more of H, and when H = 0.",
            "Explanations": "'geen verklaring' > 0, and the explanations of the direction of "
            "the difference (too many / too few ballots) adding up to |H − D|; recounted "
            "units left out.",
            "List deviation": "A list's share of E at a station and in the rest of its "
            "municipality differ by 50 percentage points or more.",
            "Swapped candidates": "TK2025: a candidate ≥ 15 votes and ≥ 5× the votes expected "
            "from the rest of the municipality, another of the list expected ≥ 15 and "
            "receiving at most a fifth of that.",
        },
    ),
    "control-protocol-2024-02": Topic(
        "2024-02",
        {
            "Swapped candidates": "2024-02: ≥ 10× and ≥ 20 votes (the other thresholds as TK2025).",
        },
    ),
}

CASES: list[Case] = [
    # ------------------------------------------------------------------ identities
    Case(
        "identities",
        "Kieswet identities",
        "Three standard stations, all consistent: the municipality is their sum, D = 3 x 100 = "
        "300, H = 300, list 1 = 3 x 60 = 180 (candidate 1: 3 x 30 = 90), list 2 = 120 "
        "(candidate 1: 3 x 24 = 72); no finding, accepted.",
        doc(G3, [std("s1"), std("s2"), std("s3")]),
        ("TOT-sum-identity", "TOT-carried"),
        findings=(),
        totals={
            "g": {
                "admitted.total": 300,
                "total_counted": 300,
                "lists[1].total": 180,
                "lists[1].candidates[1]": 90,
                "lists[2].candidates[1]": 72,
            },
            "s2": {"lists[2].candidates[2]": 16},
        },
    ),
    Case(
        "identities",
        "Kieswet identities",
        "s1: A 90, B 5, C 3 but D 100 (A + B + C = 98): error TOT-D-is-A+B+C at s1, blocked. "
        "H = 100 = D, so no difference. The municipality's A = 90 + 100 + 100 = 290, D = 300.",
        doc(G3, [std("s1", abc=(90, 5, 3), d=100), std("s2"), std("s3")]),
        ("TOT-D-is-A+B+C",),
        findings=(("error", "TOT-D-is-A+B+C", "s1"),),
        totals={"g": {"admitted.poll_cards": 290, "admitted.total": 300}},
    ),
    Case(
        "identities",
        "Kieswet identities",
        "s2: list 1 total 61, its candidates 30 + 20 + 10 = 60: error "
        "TOT-list-is-candidate-sum at s2 only (H = 61 + 40 = 101 = D). The municipality's "
        "list 1 is 60 + 61 + 60 = 181.",
        doc(G3, [std("s1"), std("s2", list_totals={1: 61}), std("s3")]),
        ("TOT-list-is-candidate-sum",),
        findings=(("error", "TOT-list-is-candidate-sum", "s2"),),
        totals={"g": {"lists[1].total": 181, "lists[1].candidates[1]": 90}},
    ),
    Case(
        "identities",
        "Kieswet identities",
        "s2: list 1 total 59, its candidates 30 + 20 + 10 = 60, more than the total: error "
        "TOT-list-is-candidate-sum at s2 only (a list is the sum of its candidates, either way; "
        "H = 59 + 40 = 99 = D). The municipality's list 1 is 60 + 59 + 60 = 179.",
        doc(G3, [std("s1"), std("s2", list_totals={1: 59}), std("s3")]),
        ("TOT-list-is-candidate-sum",),
        findings=(("error", "TOT-list-is-candidate-sum", "s2"),),
        totals={"g": {"lists[1].total": 179, "lists[1].candidates[1]": 90}},
    ),
    Case(
        "identities",
        "Kieswet identities",
        "s3 states E = 99, its lists add up to 60 + 40 = 100: error TOT-E-is-list-sum at s3.",
        doc(G3, [std("s1"), std("s2"), std("s3", e=99)]),
        ("TOT-E-is-list-sum",),
        findings=(("error", "TOT-E-is-list-sum", "s3"),),
        totals={"s3": {"votes_on_lists": 99}, "g": {"total_counted": 300}},
    ),
    Case(
        "identities",
        "Kieswet identities",
        "s1: E = 100, F = 2, G = 0 but H = 100 (E + F + G = 102): error TOT-H-is-E+F+G at s1. "
        "Blank 2 of 100: 200 < 300, no blank warning.",
        doc(G3, [std("s1", blank=2, h=100), std("s2"), std("s3")]),
        ("TOT-H-is-E+F+G",),
        findings=(("error", "TOT-H-is-E+F+G", "s1"),),
        totals={"g": {"blank": 2, "total_counted": 300}},
    ),
    Case(
        "identities",
        "Kieswet identities",
        "s1: D = 104, H = 100, so J must be 4; it says 3: error TOT-I-J-difference at s1. The "
        "difference 4 is < 15 but 100 x 4 = 400 >= 2 x 100: warning TOT-warning-difference at "
        "s1. The municipality: D = 304, H = 300, 4 < 15 and 400 < 600: no warning.",
        doc(G3, [std("s1", abc=(104, 0, 0), j=3), std("s2"), std("s3")]),
        ("TOT-I-J-difference", "TOT-warning-difference"),
        findings=(
            ("error", "TOT-I-J-difference", "s1"),
            ("warning", "TOT-warning-difference", "s1"),
        ),
        totals={"g": {"admitted.total": 304, "fewer_counted": 3, "more_counted": 0}},
    ),
    Case(
        "identities",
        "Kieswet identities",
        "A stated municipal total (in itself consistent: list 2 candidate 1 73, list 2 121, "
        "E = 301, H = 301, D = 300, I = 1) that differs from the sum of its stations (72, 120, "
        "300, 300, 0): error TOT-sum-identity at g; the totals carry the sum.",
        doc(
            G3,
            [
                std("s1"),
                std("s2"),
                std("s3"),
                station("g", {1: [90, 60, 30], 2: [73, 48]}, abc=(300, 0, 0), level="GSB"),
            ],
        ),
        ("TOT-sum-identity",),
        findings=(("error", "TOT-sum-identity", "g"),),
        totals={"g": {"lists[2].candidates[1]": 72, "lists[2].total": 120, "total_counted": 300}},
    ),
    Case(
        "identities",
        "Kieswet identities",
        "A district over two municipalities, under a centraal stembureau: g1 (s1, s2), g2 (s3). "
        "s1: list 1 40 + 20 + 10 = 70, E = 110 = H, D = 100, I = 10; s3: D = 105, H = 100, "
        "J = 5. Differences: s1 10 of 110 (1000 >= 220), s3 5 of 100 (500 >= 200), g1 D 200 "
        "H 210 (1000 >= 420), g2 = s3: warnings; hsb and csb D 305, H 310 (500 < 620): none. "
        "The higher units' I = 10 and J = 5 are sums, I − J = 5 = H − D; hsb list 1 candidate "
        "1: 40 + 30 + 30 = 100.",
        doc(
            tree(
                "csb",
                {
                    "csb": ("CSB", ["hsb"]),
                    "hsb": ("HSB", ["g1", "g2"]),
                    "g1": ("GSB", ["s1", "s2"]),
                    "g2": ("GSB", ["s3"]),
                    "s1": ("SB", ()),
                    "s2": ("SB", ()),
                    "s3": ("SB", ()),
                },
            ),
            [
                station("s1", {1: [40, 20, 10], 2: [24, 16]}, abc=(100, 0, 0)),
                std("s2"),
                std("s3", abc=(105, 0, 0)),
            ],
        ),
        ("TOT-sum-identity", "TOT-I-J-difference", "TOT-warning-difference"),
        findings=(
            ("warning", "TOT-warning-difference", "s1"),
            ("warning", "TOT-warning-difference", "s3"),
            ("warning", "TOT-warning-difference", "g1"),
            ("warning", "TOT-warning-difference", "g2"),
        ),
        totals={
            "csb": {"admitted.total": 305, "total_counted": 310, "more_counted": 10},
            "hsb": {"fewer_counted": 5, "lists[1].candidates[1]": 100},
            "g1": {"lists[1].total": 130},
        },
    ),
    Case(
        "identities",
        "Kieswet identities",
        "A stated municipal total with both I and J: s1 H 110 (list 1 40, 20, 10), D 100, I 10; "
        "s2 D 105, H 100, J 5; the stated total of g is their sum: D 205, H 210, I 10, J 5. At "
        "a higher unit I − J = 5 = H − D holds (the form of a polling station, I = 5 and J = "
        "0, does not apply): no error. Differences: s1 10 of 110 (1000 >= 220), s2 5 of 100 "
        "(500 >= 200), g 5 of 210 (500 >= 420): warnings.",
        doc(
            municipality("s1", "s2"),
            [
                station("s1", {1: [40, 20, 10], 2: [24, 16]}, abc=(100, 0, 0)),
                std("s2", abc=(105, 0, 0)),
                station(
                    "g", {1: [70, 40, 20], 2: [48, 32]}, abc=(205, 0, 0), i=10, j=5, level="GSB"
                ),
            ],
        ),
        ("TOT-I-J-difference", "TOT-sum-identity", "TOT-warning-difference"),
        findings=(
            ("warning", "TOT-warning-difference", "s1"),
            ("warning", "TOT-warning-difference", "s2"),
            ("warning", "TOT-warning-difference", "g"),
        ),
        totals={"g": {"more_counted": 10, "fewer_counted": 5, "total_counted": 210}},
    ),
    Case(
        "identities",
        "Kieswet identities",
        "C (kiezerspassen) counts in D: s1 A 95, B 3, C 2, D 100 = 95 + 3 + 2 (H 100): no "
        "finding. s2 A 90, B 5, C 3 but D 97, less than A + B + C = 98: error TOT-D-is-A+B+C at "
        "s2 (a D too small is as wrong as one too large); s2's H 100 is 3 more than D, so I = 3 "
        "(J 0) and 100 x 3 = 300 >= 2 x 100: warning TOT-warning-difference at s2. The "
        "municipality: A 285, B 8, C 5, D 297, H 300, I 3: 3 < 15 and 300 < 600, no warning.",
        doc(G3, [std("s1", abc=(95, 3, 2)), std("s2", abc=(90, 5, 3), d=97), std("s3")]),
        ("TOT-D-is-A+B+C", "TOT-warning-difference"),
        findings=(
            ("error", "TOT-D-is-A+B+C", "s2"),
            ("warning", "TOT-warning-difference", "s2"),
        ),
        totals={
            "g": {
                "admitted.poll_cards": 285,
                "admitted.proxy_certificates": 8,
                "admitted.voter_cards": 5,
                "admitted.total": 297,
                "more_counted": 3,
            }
        },
    ),
    Case(
        "identities",
        "Kieswet identities",
        "A stated municipal total that differs from the sum of its stations in A and C only "
        "(A 299, C 1; the sum has A 300, C 0): D = 300 = A + B + C and every other number "
        "(lists, F, G, H, I, J) equals the sum, so the only finding is error TOT-sum-identity "
        "at g (models O 3, P 22-1: every number of a total is the sum of its units'). The "
        "totals carry the sum (A 300, C 0).",
        doc(
            G3,
            [
                std("s1"),
                std("s2"),
                std("s3"),
                station("g", {1: [90, 60, 30], 2: [72, 48]}, abc=(299, 0, 1), level="GSB"),
            ],
        ),
        ("TOT-sum-identity",),
        findings=(("error", "TOT-sum-identity", "g"),),
        totals={"g": {"admitted.poll_cards": 300, "admitted.voter_cards": 0}},
    ),
    Case(
        "identities",
        "Kieswet identities",
        "s1 has 1 blank ballot (H = 101 = D), so the sum of the stations has F 1, G 0, H 301, "
        "D 301. The stated municipal total (no E) has F 0, G 1 and otherwise the sum's numbers "
        "(lists, A = D = H = 301, I = J = 0): one blank fewer and one invalid more. Every "
        "number of a total is the sum of its units' (models O 3, P 22-1): error "
        "TOT-sum-identity at g. Blank 1 of 101 at s1 and invalid 1 of 301 at the stated g are "
        "under 3%: no warning. The totals carry the sum (F 1, G 0).",
        doc(
            G3,
            [
                std("s1", blank=1),
                std("s2"),
                std("s3"),
                station("g", {1: [90, 60, 30], 2: [72, 48]}, invalid=1, level="GSB"),
            ],
        ),
        ("TOT-sum-identity",),
        findings=(("error", "TOT-sum-identity", "g"),),
        totals={"g": {"blank": 1, "invalid": 0, "total_counted": 301}},
    ),
    Case(
        "identities",
        "Kieswet identities",
        "s1 has 1 invalid ballot (H = 101 = D), so the sum of the stations has F 0, G 1, H 301. "
        "The stated municipal total gives no E and has F 1, G 0, otherwise the sum's numbers "
        "(lists, A = D = H = 301, I = J = 0): its F (and G) differ from the sum's, error "
        "TOT-sum-identity at g (models O 3, P 22-1); a total without E is still compared in "
        "F - J. Invalid 1 of 101 and blank 1 of 301 are under 3%: no warning. The totals "
        "carry the sum (F 0, G 1).",
        doc(
            G3,
            [
                std("s1", invalid=1),
                std("s2"),
                std("s3"),
                station("g", {1: [90, 60, 30], 2: [72, 48]}, blank=1, level="GSB"),
            ],
        ),
        ("TOT-sum-identity",),
        findings=(("error", "TOT-sum-identity", "g"),),
        totals={"g": {"blank": 0, "invalid": 1, "total_counted": 301}},
    ),
    Case(
        "identities",
        "Kieswet identities",
        "A stated municipal total whose list 1 has the sum's total 180 but candidates 91, 59, "
        "30 (the sum: 90, 60, 30); A, D, E, H, I, J equal the sum's: error TOT-sum-identity at "
        "g for the candidates alone. The totals carry the sum (candidate 1: 90).",
        doc(
            G3,
            [
                std("s1"),
                std("s2"),
                std("s3"),
                station("g", {1: [91, 59, 30], 2: [72, 48]}, abc=(300, 0, 0), level="GSB"),
            ],
        ),
        ("TOT-sum-identity",),
        findings=(("error", "TOT-sum-identity", "g"),),
        totals={"g": {"lists[1].candidates[1]": 90, "lists[1].candidates[2]": 60}},
    ),
    Case(
        "identities",
        "Kieswet identities",
        "Lists with 0 votes on one side only: every station lists a list 3 whose one candidate "
        "has 0 votes (list 3 total 0); the stated municipal total leaves list 3 out but lists a "
        "list 4 with 0 votes (no candidates), which no station lists; every other number is the "
        "sum (A = D = H = 300, list 1 180, list 2 120). A list or candidate absent from one side "
        "counts as 0 there, so 0 = 0 both ways: the stated total is the sum, no finding, "
        "accepted. The totals carry the sum, with list 3 (0) and without list 4.",
        doc(
            G3,
            [
                std("s1"),
                station("s2", {1: [30, 20, 10], 2: [24, 16], 3: [0]}),
                station("s3", {1: [30, 20, 10], 2: [24, 16], 3: [0]}),
                station("g", {1: [90, 60, 30], 2: [72, 48], 4: []}, abc=(300, 0, 0), level="GSB"),
            ],
        ),
        ("TOT-sum-identity",),
        findings=(),
        totals={"g": {"admitted.total": 300, "lists[1].total": 180, "total_counted": 300}},
    ),
    Case(
        "identities",
        "Kieswet identities",
        "A stated municipal total with fewer ballots than admitted voters: s3 D 105, H 100, "
        "J 5; the stated total of g is the sum: A = D = 305, H 300, I 0, J 5. At a higher unit "
        "I - J = 0 - 5 = -5 = H - D = 300 - 305: no error. Differences: s3 5 of 100 (500 >= "
        "200): warning; g 5 of 300 (500 < 600): none.",
        doc(
            G3,
            [
                std("s1"),
                std("s2"),
                std("s3", abc=(105, 0, 0)),
                station("g", {1: [90, 60, 30], 2: [72, 48]}, abc=(305, 0, 0), level="GSB"),
            ],
        ),
        ("TOT-I-J-difference", "TOT-sum-identity", "TOT-warning-difference"),
        findings=(("warning", "TOT-warning-difference", "s3"),),
        totals={"g": {"admitted.total": 305, "fewer_counted": 5, "more_counted": 0}},
    ),
    Case(
        "identities",
        "Kieswet identities",
        "As the case before with J 6: s3 D 106, H 100, J 6; the stated total of g is the sum: "
        "A = D = 306, H 300, I 0, J 6. At a higher unit I - J = 0 - 6 = -6 = H - D = 300 - 306 "
        "(models O 3, P 22-1: the numbers of a total are the sums of its units'): no error, "
        "however I - J and H - D are computed. Differences: s3 6 < 15 but 100 x 6 = 600 >= 2 x "
        "100: warning; g 6 < 15, 600 >= 2 x 300 = 600 (exactly): warning. Accepted.",
        doc(
            G3,
            [
                std("s1"),
                std("s2"),
                std("s3", abc=(106, 0, 0)),
                station("g", {1: [90, 60, 30], 2: [72, 48]}, abc=(306, 0, 0), level="GSB"),
            ],
        ),
        ("TOT-I-J-difference", "TOT-sum-identity", "TOT-warning-difference"),
        findings=(
            ("warning", "TOT-warning-difference", "s3"),
            ("warning", "TOT-warning-difference", "g"),
        ),
        totals={"g": {"admitted.total": 306, "fewer_counted": 6, "more_counted": 0}},
    ),
    Case(
        "identities",
        "Kieswet identities",
        "A stated municipal total with I 7 and J 13: s1 list 1 37, 20, 10 (67), E = H = 107, "
        "D 100, I 7; s2 D 113, H 100, J 13; the stated total of g is their sum: list 1 67 + 60 "
        "= 127, list 2 80, H 207, D 213, I 7, J 13. At a higher unit I - J = 7 - 13 = -6 = "
        "H - D = 207 - 213: no error. Differences: s1 7 of 107 (700 >= 214), s2 13 of 100 "
        "(1300 >= 200), g 6 of 207 (600 >= 414): warnings, all under 15. Accepted.",
        doc(
            municipality("s1", "s2"),
            [
                station("s1", {1: [37, 20, 10], 2: [24, 16]}, abc=(100, 0, 0)),
                std("s2", abc=(113, 0, 0)),
                station(
                    "g", {1: [67, 40, 20], 2: [48, 32]}, abc=(213, 0, 0), i=7, j=13, level="GSB"
                ),
            ],
        ),
        ("TOT-I-J-difference", "TOT-sum-identity", "TOT-warning-difference"),
        findings=(
            ("warning", "TOT-warning-difference", "s1"),
            ("warning", "TOT-warning-difference", "s2"),
            ("warning", "TOT-warning-difference", "g"),
        ),
        totals={"g": {"more_counted": 7, "fewer_counted": 13, "total_counted": 207}},
    ),
    Case(
        "identities",
        "Kieswet identities",
        "A stated municipal total with J 20, at ten times the standard station: s1 lists 1 "
        "(300, 200, 100) and 2 (240, 160), H 1000, D 1020, J 20; s2 the same with D = H = "
        "1000. The stated total of g is the sum: list 1 1200, list 2 800, H 2000, D 2020, I 0, "
        "J 20; I - J = -20 = H - D = 2000 - 2020: no error. Differences: s1 20 >= 15 (and 100 "
        "x 20 = 2000 >= 2 x 1000): warning; g 20 >= 15: warning; s2 none. Accepted.",
        doc(
            municipality("s1", "s2"),
            [
                std("s1", 10, abc=(1020, 0, 0)),
                std("s2", 10),
                station("g", {1: [600, 400, 200], 2: [480, 320]}, abc=(2020, 0, 0), level="GSB"),
            ],
        ),
        ("TOT-I-J-difference", "TOT-sum-identity", "TOT-warning-difference"),
        findings=(
            ("warning", "TOT-warning-difference", "s1"),
            ("warning", "TOT-warning-difference", "g"),
        ),
        totals={"g": {"admitted.total": 2020, "fewer_counted": 20, "lists[1].total": 1200}},
    ),
    Case(
        "identities",
        "Kieswet identities",
        "s1: list 1 33, 20, 10 (63), E = H = 103, D 100, so I must be 3 (model N 10-1: I = H - "
        "D where H > D); it says 1 (J 0): error TOT-I-J-difference at s1 (an I too small is as "
        "wrong as one too large). The difference 3 < 15 but 100 x 3 = 300 >= 2 x 103: warning "
        "TOT-warning-difference at s1. The municipality: D 300, H 303, I 1 (the sum): 3 < 15 "
        "and 300 < 606, no warning. Blocked.",
        doc(
            G3,
            [
                station("s1", {1: [33, 20, 10], 2: [24, 16]}, abc=(100, 0, 0), i=1),
                std("s2"),
                std("s3"),
            ],
        ),
        ("TOT-I-J-difference", "TOT-warning-difference"),
        findings=(
            ("error", "TOT-I-J-difference", "s1"),
            ("warning", "TOT-warning-difference", "s1"),
        ),
        totals={"g": {"admitted.total": 300, "total_counted": 303, "more_counted": 1}},
    ),
    Case(
        "identities",
        "Kieswet identities",
        "s2: list 1 35, 20, 10 (65), E = H = 105, D 100, so I must be 5; it says 0 (J 0): error "
        "TOT-I-J-difference at s2. 5 < 15 but 100 x 5 = 500 >= 2 x 105: warning "
        "TOT-warning-difference at s2. The municipality: D 300, H 305, I 0: 5 < 15 and 500 < "
        "610, no warning. Blocked.",
        doc(
            G3,
            [
                std("s1"),
                station("s2", {1: [35, 20, 10], 2: [24, 16]}, abc=(100, 0, 0), i=0),
                std("s3"),
            ],
        ),
        ("TOT-I-J-difference", "TOT-warning-difference"),
        findings=(
            ("error", "TOT-I-J-difference", "s2"),
            ("warning", "TOT-warning-difference", "s2"),
        ),
        totals={"g": {"total_counted": 305, "more_counted": 0, "fewer_counted": 0}},
    ),
    Case(
        "identities",
        "Kieswet identities",
        "Ten times the standard station: s1 list 1 320, 200, 100 (620), E = H = 1020, D 1000, "
        "so I must be 20; it says 10 (J 0): error TOT-I-J-difference at s1. 20 >= 15: warning "
        "TOT-warning-difference at s1. s2, s3 D = H = 1000. The municipality: D 3000, H 3020, "
        "I 10: 20 >= 15, warning at g. Blocked.",
        doc(
            G3,
            [
                station("s1", {1: [320, 200, 100], 2: [240, 160]}, abc=(1000, 0, 0), i=10),
                std("s2", 10),
                std("s3", 10),
            ],
        ),
        ("TOT-I-J-difference", "TOT-warning-difference"),
        findings=(
            ("error", "TOT-I-J-difference", "s1"),
            ("warning", "TOT-warning-difference", "s1"),
            ("warning", "TOT-warning-difference", "g"),
        ),
        totals={"g": {"total_counted": 3020, "more_counted": 10, "lists[1].total": 1820}},
    ),
    Case(
        "identities",
        "Kieswet identities",
        "Eligible voters (kiesgerechtigden) are not a sum identity but are added up where every "
        "unit states them: g1's stations state 120 and 130, so g1 has 250; in g2, s3 states "
        "150 and s4 none, so g2 has none, and neither has the district (hsb). The votes: four "
        "standard stations, hsb D = H = 400, list 1 240.",
        doc(
            tree(
                "hsb",
                {
                    "hsb": ("HSB", ["g1", "g2"]),
                    "g1": ("GSB", ["s1", "s2"]),
                    "g2": ("GSB", ["s3", "s4"]),
                    "s1": ("SB", ()),
                    "s2": ("SB", ()),
                    "s3": ("SB", ()),
                    "s4": ("SB", ()),
                },
            ),
            [
                {**std("s1"), "eligible_voters": 120},
                {**std("s2"), "eligible_voters": 130},
                {**std("s3"), "eligible_voters": 150},
                std("s4"),
            ],
        ),
        ("TOT-sum-identity",),
        findings=(),
        totals={
            "g1": {"eligible_voters": 250, "admitted.total": 200},
            "hsb": {"admitted.total": 400, "lists[1].total": 240},
        },
    ),
    Case(
        "identities",
        "Kieswet identities",
        "A stated municipal total with its own eligible voters, 410, while its stations state "
        "120, 130 and 150 (sum 400): a total keeps the number of kiesgerechtigden its count "
        "gives (the body's own register, not a sum), so g has 410 and there is no finding; "
        "every other number of the stated total is the sum (D = H = 300).",
        doc(
            G3,
            [
                {**std("s1"), "eligible_voters": 120},
                {**std("s2"), "eligible_voters": 130},
                {**std("s3"), "eligible_voters": 150},
                {
                    **station("g", {1: [90, 60, 30], 2: [72, 48]}, level="GSB"),
                    "eligible_voters": 410,
                },
            ],
        ),
        ("TOT-sum-identity",),
        findings=(),
        totals={"g": {"eligible_voters": 410, "admitted.total": 300}},
    ),
    Case(
        "identities",
        "Kieswet identities",
        "s2 lists only candidates 1 and 2 of list 1 (30, 20; total 50; H 90 = D): a candidate "
        "absent from a count has 0 votes there. The municipality adds candidate by candidate: "
        "list 1 candidate 1 30 + 30 + 30 = 90, candidate 2 20 + 20 + 20 = 60, candidate 3 10 + "
        "0 + 10 = 20, list 1 170, D = H = 290. Shares: s2 list 1 50 / 90 = 55.6% against 60%: "
        "no finding.",
        doc(
            G3,
            [std("s1"), station("s2", {1: [30, 20], 2: [24, 16]}), std("s3")],
        ),
        ("TOT-sum-identity", "TOT-carried"),
        findings=(),
        totals={
            "g": {
                "lists[1].candidates[1]": 90,
                "lists[1].candidates[2]": 60,
                "lists[1].candidates[3]": 20,
                "lists[1].total": 170,
                "total_counted": 290,
            }
        },
    ),
    Case(
        "identities",
        "Structure",
        "s3 has no count: error TOT-complete at s3; the municipality is s1 + s2: D = 200.",
        doc(G3, [std("s1"), std("s2")]),
        ("TOT-complete",),
        findings=(("error", "TOT-complete", "s3"),),
        totals={"g": {"admitted.total": 200, "lists[1].total": 120}},
    ),
    Case(
        "identities",
        "Structure",
        "A count for s9, which is not in the hierarchy: error TOT-known-unit at s9; the "
        "municipality is s1 + s2 + s3 (D 300).",
        doc(G3, [std("s1"), std("s2"), std("s3"), std("s9")]),
        ("TOT-known-unit",),
        findings=(("error", "TOT-known-unit", "s9"),),
        totals={"g": {"admitted.total": 300}},
    ),
    Case(
        "identities",
        "Structure",
        "s2 has two counts (the second twice as large): error TOT-unique at s2; the first is "
        "used, D = 300.",
        doc(G3, [std("s1"), std("s2"), std("s3"), std("s2", 2)]),
        ("TOT-unique",),
        findings=(("error", "TOT-unique", "s2"),),
        totals={"g": {"admitted.total": 300, "total_counted": 300}},
    ),
    Case(
        "identities",
        "Structure",
        "s3's count says level GSB: error TOT-level at s3, which then has no count: error "
        "TOT-complete at s3 too; the municipality is s1 + s2 (D 200).",
        doc(G3, [std("s1"), std("s2"), std("s3", level="GSB")]),
        ("TOT-level", "TOT-complete"),
        findings=(("error", "TOT-level", "s3"), ("error", "TOT-complete", "s3")),
        totals={"g": {"admitted.total": 200}},
    ),
    Case(
        "identities",
        "Double entry and corrections",
        "A second entry of s2 identical to the first: no finding, accepted.",
        doc(G3, [std("s1"), std("s2"), std("s3")], second_entries=[std("s2")]),
        ("TOT-double-entry",),
        findings=(),
        totals={"g": {"admitted.total": 300}},
    ),
    Case(
        "identities",
        "Double entry and corrections",
        "The second entry of s2 has list 1 as 30, 21, 9 (the first 30, 20, 10; same total): "
        "error TOT-double-entry at s2; the first entry counts (municipality list 1 candidate "
        "2: 3 x 20 = 60).",
        doc(
            G3,
            [std("s1"), std("s2"), std("s3")],
            second_entries=[station("s2", {1: [30, 21, 9], 2: [24, 16]})],
        ),
        ("TOT-double-entry",),
        findings=(("error", "TOT-double-entry", "s2"),),
        totals={"g": {"lists[1].candidates[2]": 60}},
    ),
    Case(
        "identities",
        "Double entry and corrections",
        "The second entry of s2 leaves out candidate 3 of list 1 (the first has 10 for them) "
        "with the same list total 60: a number present in one entry only is a difference, "
        "error TOT-double-entry at s2; the first entry counts (municipality list 1 candidate 3: "
        "3 x 10 = 30).",
        doc(
            G3,
            [std("s1"), std("s2"), std("s3")],
            second_entries=[station("s2", {1: [30, 20], 2: [24, 16]}, list_totals={1: 60})],
        ),
        ("TOT-double-entry",),
        findings=(("error", "TOT-double-entry", "s2"),),
        totals={"g": {"lists[1].candidates[3]": 30, "lists[1].total": 180}},
    ),
    Case(
        "identities",
        "Double entry and corrections",
        "A recount of s1: list 1 31, 20, 10 and list 2 23, 16 (H still 100). The totals are "
        "after the correction: s1 list 1 candidate 1 31, municipality 31 + 30 + 30 = 91 and "
        "list 2 candidate 1 23 + 24 + 24 = 71; no finding.",
        doc(
            G3,
            [std("s1"), std("s2"), std("s3")],
            corrections=[
                {
                    "unit_id": "s1",
                    "kind": "recount",
                    "reason": "recount of 20 March",
                    "count": station("s1", {1: [31, 20, 10], 2: [23, 16]}),
                }
            ],
        ),
        ("TOT-correction-trace", "TOT-carried"),
        findings=(),
        totals={
            "s1": {"lists[1].candidates[1]": 31},
            "g": {"lists[1].candidates[1]": 91, "lists[2].candidates[1]": 71},
        },
    ),
    Case(
        "identities",
        "Double entry and corrections",
        "A corrigendum for s9, which has no count (nor unit): error TOT-correction-target at "
        "s9; the totals are unchanged (D 300).",
        doc(
            G3,
            [std("s1"), std("s2"), std("s3")],
            corrections=[
                {"unit_id": "s9", "kind": "corrigendum", "reason": "Na 14", "count": std("s9")}
            ],
        ),
        ("TOT-correction-target",),
        findings=(("error", "TOT-correction-target", "s9"),),
        totals={"g": {"admitted.total": 300}},
    ),
    Case(
        "identities",
        "Double entry and corrections",
        "Two corrections in order: a corrigendum for s9 (no such unit: error "
        "TOT-correction-target at s9, not applied), then a recount of s1 with list 1 31, 20, 10 "
        "and list 2 23, 16 (H still 100), which is applied all the same: s1 list 1 candidate 1 "
        "31, the municipality 31 + 30 + 30 = 91 and list 2 candidate 1 23 + 24 + 24 = 71.",
        doc(
            G3,
            [std("s1"), std("s2"), std("s3")],
            corrections=[
                {"unit_id": "s9", "kind": "corrigendum", "reason": "Na 14", "count": std("s9")},
                {
                    "unit_id": "s1",
                    "kind": "recount",
                    "reason": "recount of 20 March",
                    "count": station("s1", {1: [31, 20, 10], 2: [23, 16]}),
                },
            ],
        ),
        ("TOT-correction-target", "TOT-correction-trace", "TOT-carried"),
        findings=(("error", "TOT-correction-target", "s9"),),
        totals={
            "s1": {"lists[1].candidates[1]": 31},
            "g": {"lists[1].candidates[1]": 91, "lists[2].candidates[1]": 71},
        },
    ),
    Case(
        "identities",
        "Double entry and corrections",
        "A corrigendum for s1 whose count is that of s2 (unit_id s2): error "
        "TOT-correction-target at s1 and the correction is not applied: s1 and s2 keep their "
        "counts (s1 list 1 candidate 1 30, not 60), the municipality D 300.",
        doc(
            G3,
            [std("s1"), std("s2"), std("s3")],
            corrections=[
                {"unit_id": "s1", "kind": "corrigendum", "reason": "Na 14", "count": std("s2", 2)}
            ],
        ),
        ("TOT-correction-target", "TOT-carried"),
        findings=(("error", "TOT-correction-target", "s1"),),
        totals={
            "s1": {"lists[1].candidates[1]": 30},
            "s2": {"lists[1].candidates[1]": 30},
            "g": {"admitted.total": 300},
        },
    ),
    Case(
        "identities",
        "Double entry and corrections",
        "A corrigendum for s3 whose count is that of s1 (unit_id s1): error "
        "TOT-correction-target at s3 and the correction is not applied: s3 keeps its count "
        "(list 1 candidate 1 30, not 60), the municipality D 300. (The case before the other "
        "way round: here the count's unit sorts before the correction's.)",
        doc(
            G3,
            [std("s1"), std("s2"), std("s3")],
            corrections=[
                {"unit_id": "s3", "kind": "corrigendum", "reason": "Na 14", "count": std("s1", 2)}
            ],
        ),
        ("TOT-correction-target", "TOT-carried"),
        findings=(("error", "TOT-correction-target", "s3"),),
        totals={
            "s1": {"lists[1].candidates[1]": 30},
            "s3": {"lists[1].candidates[1]": 30},
            "g": {"admitted.total": 300},
        },
    ),
    Case(
        "identities",
        "Double entry and corrections",
        "A corrigendum for s1 whose count is at level GSB (s1 is a polling station, SB): error "
        "TOT-correction-target at s1 and the correction is not applied: s1 keeps its count "
        "(list 1 candidate 1 30, not 60), the municipality D 300.",
        doc(
            G3,
            [std("s1"), std("s2"), std("s3")],
            corrections=[
                {
                    "unit_id": "s1",
                    "kind": "corrigendum",
                    "reason": "Na 14",
                    "count": std("s1", 2, level="GSB"),
                }
            ],
        ),
        ("TOT-correction-target", "TOT-carried"),
        findings=(("error", "TOT-correction-target", "s1"),),
        totals={"s1": {"lists[1].candidates[1]": 30}, "g": {"admitted.total": 300}},
    ),
    Case(
        "identities",
        "Rejected input",
        "The input names control protocol 'TK2099', which does not exist: rejected "
        "(protocol: unknown_protocol).",
        doc(G3, [std("s1"), std("s2"), std("s3")], protocol="TK2099"),
        (),
        errors=(("protocol", "unknown_protocol"),),
        flags=("rejected", "header_mismatch"),
    ),
    Case(
        "identities",
        "Rejected input",
        "A polling station whose child is a municipality (a child must be at a lower level): "
        "rejected (not_a_tree).",
        doc(
            tree("g", {"g": ("GSB", ["s1"]), "s1": ("SB", ["g2"]), "g2": ("GSB", ())}),
            [std("g2", level="GSB")],
        ),
        (),
        errors=(("hierarchy.units[s1]", "not_a_tree"),),
        flags=("rejected",),
    ),
    # ------------------------------------------------------------------ control protocol
    Case(
        "control-protocol-TK2025",
        "Difference",
        "s1 D 714, H 700 (lists 7 x the standard): 14 < 15, but 100 x 14 = 1400 >= 2 x 700: "
        "warning (exactly 2% of H). s2 D 715, H 701 (blank 1): 1400 < 1402: none. s3 D 1000, "
        "H 1015 (10 x standard, blank 15: 1500 < 3 x 1015): 15 >= 15: warning. s4 D 1000, "
        "H 1014 (blank 14): 14 < 15, 1400 < 2028: none. The municipality: D 3429, H 3430, "
        "1 < 15, 100 < 6860: none. (The former rule, 2% of D and 15, flags none of them.)",
        doc(
            municipality("s1", "s2", "s3", "s4"),
            [
                std("s1", 7, abc=(714, 0, 0)),
                std("s2", 7, blank=1, abc=(715, 0, 0)),
                std("s3", 10, blank=15, abc=(1000, 0, 0)),
                std("s4", 10, blank=14, abc=(1000, 0, 0)),
            ],
        ),
        ("TOT-warning-difference",),
        findings=(
            ("warning", "TOT-warning-difference", "s1"),
            ("warning", "TOT-warning-difference", "s3"),
        ),
        totals={"g": {"admitted.total": 3429, "total_counted": 3430, "blank": 30}},
        flags=("protocol_threshold",),
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "Difference",
        "s3 counted one ballot (list 1 candidate 1) with D 2: |D - H| = 1 < 15, but H = 1 > 0 "
        "and 100 x 1 = 100 >= 2 x 1: warning TOT-warning-difference at s3 (the share applies "
        "from H = 1). s3's list 1 is 100% against 60% in the rest, list 2 0% against 40%: "
        "under 50 points. The municipality: D 202, H 201: 100 < 402, none.",
        doc(
            G3,
            [std("s1"), std("s2"), station("s3", {1: [1, 0, 0], 2: [0, 0]}, abc=(2, 0, 0))],
        ),
        ("TOT-warning-difference",),
        findings=(("warning", "TOT-warning-difference", "s3"),),
        totals={"g": {"admitted.total": 202, "total_counted": 201, "fewer_counted": 1}},
        flags=("protocol_threshold",),
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "Blank, invalid, no votes",
        "s1 H = 97 + 3 = 100, blank 3: 300 >= 300, warning blank. s2 H = 94 + 3 + 4 = 101: "
        "blank 300 < 303, none; invalid 400 >= 303, warning. s3 H = 189 + 5 + 6 = 200: blank "
        "500 < 600, none; invalid 600 >= 600, warning. The municipality: H 401, F 11 (1100 < "
        "1203), G 10: none.",
        doc(
            G3,
            [
                station("s1", {1: [30, 20, 10], 2: [21, 16]}, blank=3),
                station("s2", {1: [30, 20, 10], 2: [18, 16]}, blank=3, invalid=4),
                station("s3", {1: [60, 40, 20], 2: [45, 24]}, blank=5, invalid=6),
            ],
        ),
        ("TOT-warning-blank", "TOT-warning-invalid"),
        findings=(
            ("warning", "TOT-warning-blank", "s1"),
            ("warning", "TOT-warning-invalid", "s2"),
            ("warning", "TOT-warning-invalid", "s3"),
        ),
        totals={"g": {"total_counted": 401, "blank": 11, "invalid": 10}},
        flags=("protocol_threshold",),
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "Blank, invalid, no votes",
        "s3 counted no ballots (its lists 0, H = D = 0): warning TOT-warning-no-votes at s3; "
        "its lists' shares are 0 (a share of a total 0 is 0) against 60% and 40% in the rest "
        "of the municipality: 60 points >= 50, warning CP-list-deviation at s3. s1 and s2 "
        "(60/40 against 60/40): none.",
        doc(
            G3,
            [std("s1"), std("s2"), station("s3", {1: [0, 0, 0], 2: [0, 0]})],
        ),
        ("TOT-warning-no-votes", "CP-list-deviation"),
        findings=(
            ("warning", "TOT-warning-no-votes", "s3"),
            ("warning", "CP-list-deviation", "s3"),
        ),
        totals={"g": {"total_counted": 200}},
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "Explanations",
        "Stations of H = 1000 (10 x standard), so no difference below 15 warns (100 x 14 < "
        "2000). s1 D 996: 4 more, explained by 3 'te veel uitgereikt' + 1 'andere' (the 2 "
        "'meegenomen' explain fewer, not more): none. s2 D 990: 10 more, 6 + 2 'geen "
        "verklaring' = 8: CP-explanations-sum and CP-no-explanation. s3 D 1010: 10 fewer, "
        "3 + 2 + 1 + 4 = 10: none. s4 D 1010: 10 fewer, 3 'meegenomen' (the 7 'te veel "
        "uitgereikt' do not count): CP-explanations-sum. s5 D 1000, 1 'geen verklaring': "
        "CP-no-explanation only. s6 D 990, 10 'geen verklaring' but recounted: none. s7 D "
        "1012: 12 fewer, 13 'andere' (too many): CP-explanations-sum. s8 D 1010, every stated "
        "explanation 0: CP-explanations-sum. s9 D 990 states no explanations: not judged. "
        "The municipality: D 9008, H 9000: 8 < 15, none.",
        doc(
            municipality("s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9"),
            [
                std("s1", 10, abc=(996, 0, 0)),
                std("s2", 10, abc=(990, 0, 0)),
                std("s3", 10, abc=(1010, 0, 0)),
                std("s4", 10, abc=(1010, 0, 0)),
                std("s5", 10),
                std("s6", 10, abc=(990, 0, 0)),
                std("s7", 10, abc=(1012, 0, 0)),
                std("s8", 10, abc=(1010, 0, 0)),
                std("s9", 10, abc=(990, 0, 0)),
            ],
            explanations={
                "s1": {MORE: 3, OTHER: 1, FEWER: 2},
                "s2": {MORE: 6, NONE: 2},
                "s3": {
                    FEWER: 3,
                    "te weinig uitgereikte stembiljetten": 2,
                    "geen briefstembiljetten": 1,
                    "kwijtgeraakte stembiljetten": 4,
                },
                "s4": {FEWER: 3, MORE: 7},
                "s5": {NONE: 1},
                "s6": {NONE: 10},
                "s7": {OTHER: 13},
                "s8": {NONE: 0, OTHER: 0},
            },
            recounted=["s6"],
        ),
        ("CP-no-explanation", "CP-explanations-sum"),
        findings=(
            ("warning", "CP-explanations-sum", "s2"),
            ("warning", "CP-no-explanation", "s2"),
            ("warning", "CP-explanations-sum", "s4"),
            ("warning", "CP-no-explanation", "s5"),
            ("warning", "CP-explanations-sum", "s7"),
            ("warning", "CP-explanations-sum", "s8"),
        ),
        totals={"g": {"admitted.total": 9008, "total_counted": 9000}},
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "Explanations",
        "s1 D 990, H 1000 (10 more), 10 'geen verklaring', recounted: left out of both "
        "explanation checks. s2 the same without the recount: CP-no-explanation (10 > 0) but "
        "not CP-explanations-sum (10 = 10). The municipality: D 1980, H 2000: 20 >= 15, "
        "warning TOT-warning-difference at g.",
        doc(
            municipality("s1", "s2"),
            [std("s1", 10, abc=(990, 0, 0)), std("s2", 10, abc=(990, 0, 0))],
            explanations={"s1": {NONE: 10}, "s2": {NONE: 10}},
            recounted=["s1"],
        ),
        ("CP-no-explanation", "CP-explanations-sum"),
        findings=(
            ("warning", "CP-no-explanation", "s2"),
            ("warning", "TOT-warning-difference", "g"),
        ),
        totals={"g": {"more_counted": 20}},
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "List deviation",
        "s1: list 1 80 of 100 = 80%, list 2 20%; the rest (s2 - s4, each 30 / 70) 90 of 300 = "
        "30% and 70%: 50 points, warning at s1 (exactly the threshold). s2: 30% against (80 + "
        "30 + 30) / 300 = 46.7%: 16.7 points; s3, s4 the same: none.",
        doc(
            municipality("s1", "s2", "s3", "s4"),
            [
                station("s1", {1: [40, 30, 10], 2: [12, 8]}),
                station("s2", {1: [15, 10, 5], 2: [42, 28]}),
                station("s3", {1: [15, 10, 5], 2: [42, 28]}),
                station("s4", {1: [15, 10, 5], 2: [42, 28]}),
            ],
        ),
        ("CP-list-deviation",),
        findings=(("warning", "CP-list-deviation", "s1"),),
        totals={"g": {"lists[1].total": 170, "lists[2].total": 230}},
        flags=("protocol_threshold",),
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "List deviation",
        "As the case before, but s1 has list 1 79 (40, 29, 10) and list 2 21 (13, 8): 79% "
        "against 30% and 21% against 70% are 49 points: no warning.",
        doc(
            municipality("s1", "s2", "s3", "s4"),
            [
                station("s1", {1: [40, 29, 10], 2: [13, 8]}),
                station("s2", {1: [15, 10, 5], 2: [42, 28]}),
                station("s3", {1: [15, 10, 5], 2: [42, 28]}),
                station("s4", {1: [15, 10, 5], 2: [42, 28]}),
            ],
        ),
        ("CP-list-deviation",),
        findings=(),
        totals={"g": {"lists[1].total": 169}},
        flags=("protocol_threshold",),
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "List deviation",
        "A municipality of one polling station has no rest to compare with: no list "
        "deviation (list 1 is 60%; compared with an empty rest, as HCP does, it would be).",
        doc(municipality("s1"), [std("s1")]),
        ("CP-list-deviation",),
        findings=(),
        totals={"g": {"lists[1].total": 60}},
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "List deviation",
        "A municipality of s1 (lists 1, 2, 3 with 40, 30, 30 votes) and s2 (10 blank ballots "
        "only, no list): the rest of s1 has E = 0, so every share there is 0 (a share of a "
        "total 0 is 0). s1: 40%, 30%, 30% against 0%: 40, 30, 30 points < 50, no list "
        "deviation; s2 states no list. Blank 10 of H = 10 at s2 and 10 of H = 110 at g "
        "(1000 >= 330): warning TOT-warning-blank at s2 and at g.",
        doc(
            municipality("s1", "s2"),
            [station("s1", {1: [40], 2: [30], 3: [30]}), station("s2", {}, blank=10)],
        ),
        ("CP-list-deviation", "TOT-warning-blank"),
        findings=(
            ("warning", "TOT-warning-blank", "g"),
            ("warning", "TOT-warning-blank", "s2"),
        ),
        totals={"g": {"lists[1].total": 40, "blank": 10, "total_counted": 110}},
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "List deviation",
        "A municipality of two stations (the least with a rest to compare with): s1 list 1 "
        "80, list 2 20 (E 100); s2 list 1 30, list 2 70 (E 100). s1: list 1 80% against the "
        "rest (s2) 30%, list 2 20% against 70%: 50 points (exactly): warning at s1; s2: 30% "
        "against 80%: 50 points: warning at s2. Each list has one candidate, who received "
        "what was expected (s1: 30/30 x 80 = 80): no swapped candidates. D = H: no other "
        "finding.",
        doc(
            municipality("s1", "s2"),
            [station("s1", {1: [80], 2: [20]}), station("s2", {1: [30], 2: [70]})],
        ),
        ("CP-list-deviation",),
        findings=(
            ("warning", "CP-list-deviation", "s1"),
            ("warning", "CP-list-deviation", "s2"),
        ),
        totals={"g": {"lists[1].total": 110, "lists[2].total": 90}},
        flags=("protocol_threshold",),
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "List deviation",
        "A municipality of two stations of different size: s1 list 1 90, list 2 10 (E 100); "
        "s2 list 1 40, list 2 160 (E 200). s1: list 1 90% against 40/200 = 20%: 70 points: "
        "warning at s1; s2: 20% against 90%: 70 points: warning at s2. One candidate a list, "
        "each receiving what was expected (s1 list 1: 40/40 x 90 = 90): no swapped "
        "candidates. D = H: no other finding.",
        doc(
            municipality("s1", "s2"),
            [station("s1", {1: [90], 2: [10]}), station("s2", {1: [40], 2: [160]})],
        ),
        ("CP-list-deviation",),
        findings=(
            ("warning", "CP-list-deviation", "s1"),
            ("warning", "CP-list-deviation", "s2"),
        ),
        totals={"g": {"lists[1].total": 130, "lists[2].total": 170}},
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "List deviation",
        "A municipality of two stations, one list at s1 only: s1 list 1 50, list 2 50 (E 100); "
        "s2 list 2 100 (E 100). s1: list 1 50% against 0% in the rest, list 2 50% against "
        "100%: 50 points: warning at s1; s2: list 2 100% against 50%: 50 points: warning at "
        "s2 (only the lists a unit has are compared). Swapped candidates: s1 list 1 has no "
        "votes in the rest, so its candidate is expected 0 and received 50 (far above) but "
        "the list has no other candidate; list 2 expected 100/100 x 50 = 50, received 50: "
        "none. D = H: no other finding.",
        doc(
            municipality("s1", "s2"),
            [station("s1", {1: [50], 2: [50]}), station("s2", {2: [100]})],
        ),
        ("CP-list-deviation",),
        findings=(
            ("warning", "CP-list-deviation", "s1"),
            ("warning", "CP-list-deviation", "s2"),
        ),
        totals={"g": {"lists[1].total": 50, "lists[2].total": 150}},
        flags=("protocol_threshold",),
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "Swapped candidates",
        "List 1 in s2 and s3: 12, 2, 6 each, so the rest of s1 gives shares 24, 4, 12 of 40 = "
        "0.6, 0.1, 0.3. s1 has list 1 3, 15, 12 (30): candidate 2 expected 0.1 x 30 = 3, "
        "received 15 >= 15 and >= 5 x 3 (both exactly); candidate 1 expected 18 >= 15, received "
        "3 with 5 x 3 = 15 <= 18: warning at s1. s2 (rest 15, 17, 18 of 50; 20 votes: expected "
        "6, 6.8, 7.2; received 12, 2, 6): no candidate >= 15 nor expected >= 15: none; s3 "
        "the same. List 2 (one candidate) 50 everywhere.",
        doc(
            G3,
            [
                station("s1", {1: [3, 15, 12], 2: [50]}),
                station("s2", {1: [12, 2, 6], 2: [50]}),
                station("s3", {1: [12, 2, 6], 2: [50]}),
            ],
        ),
        ("CP-swapped-candidates",),
        findings=(("warning", "CP-swapped-candidates", "s1"),),
        totals={"g": {"lists[1].candidates[2]": 19}},
        flags=("protocol_threshold",),
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "Swapped candidates",
        "As the case before, but s1 has list 1 3, 14, 13: candidate 2 received 14 < 15 (and "
        "candidate 3, expected 9, 13 < 15): no warning.",
        doc(
            G3,
            [
                station("s1", {1: [3, 14, 13], 2: [50]}),
                station("s2", {1: [12, 2, 6], 2: [50]}),
                station("s3", {1: [12, 2, 6], 2: [50]}),
            ],
        ),
        ("CP-swapped-candidates",),
        findings=(),
        totals={"g": {"lists[1].candidates[2]": 18}},
        flags=("protocol_threshold",),
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "Swapped candidates",
        "s1 has list 1 3, 15, 13 (31): candidate 2 expected 0.1 x 31 = 3.1, received 15 < 5 x "
        "3.1 = 15.5: not far above; candidate 3 expected 9.3, received 13 < 15: no warning, "
        "although candidate 1 (expected 18.6, received 3) is far below.",
        doc(
            G3,
            [
                station("s1", {1: [3, 15, 13], 2: [50]}),
                station("s2", {1: [12, 2, 6], 2: [50]}),
                station("s3", {1: [12, 2, 6], 2: [50]}),
            ],
        ),
        ("CP-swapped-candidates",),
        findings=(),
        totals={"g": {"lists[1].total": 71}},
        flags=("protocol_threshold",),
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "Swapped candidates",
        "A municipality of two stations (the protocol's minimum). List 1 at s1 100 (16, 4, "
        "80), at s2 20 (1, 4, 15). s1 against the rest (s2: 1, 4, 15 of 20): candidate 1 "
        "expected 1/20 x 100 = 5, received 16 >= 15 but < 5 x 5 = 25: not far above; "
        "candidate 2 expected 20 >= 15, received 4 <= 20 / 5: far below; candidate 3 expected "
        "75, received 80: neither. No candidate far above: no warning. s2 against s1's 16, 4, "
        "80 of 100 (20 votes): expected 3.2, 0.8, 16; received 1, 4, 15: none >= 15 received, "
        "candidate 3 expected 16 but 15 > 16 / 5: no warning. List 1 is 100% of E everywhere: "
        "no list deviation.",
        doc(
            municipality("s1", "s2"),
            [station("s1", {1: [16, 4, 80]}), station("s2", {1: [1, 4, 15]})],
        ),
        ("CP-swapped-candidates",),
        findings=(),
        totals={"g": {"lists[1].total": 120, "lists[1].candidates[1]": 17}},
        flags=("protocol_threshold",),
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "Swapped candidates",
        "s1: list 1 (20, 3), list 2 (27); s2: list 2 (50) and no list 1. s1's list 1 has no "
        "votes in the rest of the municipality, so each of its candidates is expected 0: "
        "candidate 1 received 20 >= 15, far above (any, when 0 were expected); candidate 2 is "
        "expected 0 < 15, not far below: no warning. List 2 at s1: expected 50/50 x 27 = 27, "
        "received 27; at s2 expected 27/27 x 50 = 50, received 50: none. List deviation: s1 "
        "list 1 23/50 = 46% against 0%, list 2 54% against 100%: 46 points; s2 list 2 100% "
        "against 27/50 = 54%: 46 points, all < 50: none.",
        doc(
            municipality("s1", "s2"),
            [station("s1", {1: [20, 3], 2: [27]}), station("s2", {2: [50]})],
        ),
        ("CP-swapped-candidates", "CP-list-deviation"),
        findings=(),
        totals={"g": {"lists[1].total": 23, "lists[2].total": 77}},
        flags=("protocol_threshold",),
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "Swapped candidates",
        "The first swapped-candidates case in a municipality of two stations (the protocol's "
        "minimum of 2 units): s1 list 1 3, 15, 12 (30), s2 list 1 12, 2, 6 (20); list 2 (one "
        "candidate) 50 at both. s1 against s2's shares 12, 2, 6 of 20: candidate 2 expected "
        "2/20 x 30 = 3, received 15 >= 15 and >= 5 x 3; candidate 1 expected 18 >= 15, "
        "received 3 with 5 x 3 = 15 <= 18: warning at s1. s2 against 3, 15, 12 of 30 (20 "
        "votes): expected 2, 10, 8, received 12, 2, 6: none received >= 15, none expected "
        ">= 15: none. List deviation: list 1 is 30/80 = 37.5% at s1 and 20/70 = 28.6% at s2: "
        "under 50 points.",
        doc(
            municipality("s1", "s2"),
            [
                station("s1", {1: [3, 15, 12], 2: [50]}),
                station("s2", {1: [12, 2, 6], 2: [50]}),
            ],
        ),
        ("CP-swapped-candidates",),
        findings=(("warning", "CP-swapped-candidates", "s1"),),
        totals={"g": {"lists[1].candidates[2]": 17, "lists[1].total": 50}},
        flags=("protocol_threshold",),
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "Swapped candidates",
        "Far below needs an expectation of at least 15: s2 and s3 have list 1 12, 2, 6 (rest "
        "shares 0.6, 0.1, 0.3), s1 has 18, 20, 2 (40). Candidate 2 expected 4, received 20 >= "
        "15 and >= 5 x 4: far above. Candidate 3 expected 12 and received 2 (5 x 2 = 10 <= 12), "
        "but 12 < 15: not far below; candidate 1 expected 24, received 18 > 24 / 5. No "
        "warning. s2 (rest 30, 22, 8 of 60; expected 10, 7.3, 2.7; received 12, 2, 6): none, "
        "s3 the same.",
        doc(
            G3,
            [
                station("s1", {1: [18, 20, 2], 2: [50]}),
                station("s2", {1: [12, 2, 6], 2: [50]}),
                station("s3", {1: [12, 2, 6], 2: [50]}),
            ],
        ),
        ("CP-swapped-candidates",),
        findings=(),
        totals={"g": {"lists[1].candidates[2]": 24, "lists[1].total": 80}},
        flags=("protocol_threshold",),
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "Swapped candidates",
        "Far above and far below in different lists: no warning (both must be of one list). "
        "s2 and s3 have list 1 12, 0, 8 and list 2 10, 10. s1 list 1 10, 15, 5 (30): candidate "
        "2 expected 0 (no votes in the rest), received 15 >= 15: far above; candidate 1 "
        "expected 0.6 x 30 = 18, received 10 > 18 / 5; candidate 3 expected 12 < 15. s1 list 2 "
        "3, 37 (40): candidate 1 expected 0.5 x 40 = 20 >= 15, received 3 with 5 x 3 = 15 <= "
        "20: far below; candidate 2 expected 20, received 37 < 5 x 20. s2 (list 1 rest 22, 15, "
        "13 of 50, 20 votes: expected 8.8, 6, 5.2; list 2 rest 13, 47 of 60: expected 4.3, "
        "15.7, received 10, 10 > 15.7 / 5): none, s3 the same. s1's list 1 share 30 / 70 = "
        "42.9% against 50%: no deviation.",
        doc(
            G3,
            [
                station("s1", {1: [10, 15, 5], 2: [3, 37]}),
                station("s2", {1: [12, 0, 8], 2: [10, 10]}),
                station("s3", {1: [12, 0, 8], 2: [10, 10]}),
            ],
        ),
        ("CP-swapped-candidates",),
        findings=(),
        totals={
            "g": {
                "lists[1].candidates[1]": 34,
                "lists[1].candidates[3]": 21,
                "lists[2].candidates[2]": 57,
                "total_counted": 150,
            }
        },
        flags=("protocol_threshold",),
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "Swapped candidates",
        "Far below at exactly the minimum: s2 and s3 have list 1 12, 2, 6 (rest shares 0.6, "
        "0.1, 0.3), s1 has 3, 15, 7 (25). Candidate 1 expected 0.6 x 25 = 15 >= 15 (exactly) "
        "and received 3 with 5 x 3 = 15 <= 15 (exactly): far below; candidate 2 expected 2.5, "
        "received 15 >= 15 and >= 5 x 2.5 = 12.5: far above: warning at s1. s2 (rest 15, 17, 13 "
        "of 45; 20 votes: expected 6.7, 7.6, 5.8; received 12, 2, 6): none, s3 the same. s1's "
        "list 1 share 25 / 75 = 33.3% against 40 / 140 = 28.6%: no deviation.",
        doc(
            G3,
            [
                station("s1", {1: [3, 15, 7], 2: [50]}),
                station("s2", {1: [12, 2, 6], 2: [50]}),
                station("s3", {1: [12, 2, 6], 2: [50]}),
            ],
        ),
        ("CP-swapped-candidates",),
        findings=(("warning", "CP-swapped-candidates", "s1"),),
        totals={"g": {"lists[1].candidates[1]": 27, "lists[1].total": 65}},
        flags=("protocol_threshold",),
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "Swapped candidates",
        "s1 has list 1 4, 15, 11 (30) against 12, 2, 6 in s2 and s3 (rest shares 0.6, 0.1, "
        "0.3): candidate 2 expected 3, received 15, far above (15 >= 15, 15 >= 5 x 3); but "
        "candidate 1, expected 18 >= 15, received 4 with 5 x 4 = 20 > 18: not far below "
        "(received more than a fifth of the expected 18); candidate 3 expected 9 < 15. No "
        "candidate far below, no warning. s2 (rest 16, 17, 17 of 50; expected 6.4, 6.8, 6.8; "
        "received 12, 2, 6): none, s3 the same.",
        doc(
            G3,
            [
                station("s1", {1: [4, 15, 11], 2: [50]}),
                station("s2", {1: [12, 2, 6], 2: [50]}),
                station("s3", {1: [12, 2, 6], 2: [50]}),
            ],
        ),
        ("CP-swapped-candidates",),
        findings=(),
        totals={"g": {"lists[1].candidates[1]": 28, "lists[1].total": 70}},
        flags=("protocol_threshold",),
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-TK2025",
        "Swapped candidates",
        "List 1 in s2 and s3: 45, 5 each; s1 has 5, 45. s1: candidate 2 expected 10 / 100 x "
        "50 = 5, received 45 >= 15 and >= 25; candidate 1 expected 45, received 5, 5 x 5 = 25 "
        "<= 45: warning at s1 under TK2025 (under 2024-02: 45 < 10 x 5, none). s2 (rest 50, "
        "50: expected 25, 25; received 45, 5): candidate 2 far below, none far above (45 < "
        "125): none.",
        doc(
            G3,
            [
                station("s1", {1: [5, 45], 2: [50]}),
                station("s2", {1: [45, 5], 2: [50]}),
                station("s3", {1: [45, 5], 2: [50]}),
            ],
        ),
        ("CP-swapped-candidates",),
        findings=(("warning", "CP-swapped-candidates", "s1"),),
        totals={"g": {"lists[1].candidates[1]": 95}},
        articles=("controleprotocol TK2025",),
    ),
    Case(
        "control-protocol-2024-02",
        "Swapped candidates",
        "The case before under protocol 2024-02 (10x, 20 votes): s1's candidate 2 received 45 "
        "< 10 x 5 = 50, candidate 1 received 5 with 10 x 5 = 50 > 45: no warning.",
        doc(
            G3,
            [
                station("s1", {1: [5, 45], 2: [50]}),
                station("s2", {1: [45, 5], 2: [50]}),
                station("s3", {1: [45, 5], 2: [50]}),
            ],
            protocol="2024-02",
        ),
        ("CP-swapped-candidates",),
        findings=(),
        totals={"g": {"lists[1].candidates[1]": 95}},
        articles=("controleprotocol 2024-02",),
    ),
    Case(
        "control-protocol-2024-02",
        "Swapped candidates",
        "List 1 in s2 and s3: 12, 1, 7 each (rest shares 24, 2, 14 of 40). s1 has 2, 20, 18 "
        "(40): candidate 2 expected 0.05 x 40 = 2, received 20 >= 20 and >= 10 x 2 (both "
        "exactly); candidate 1 expected 24 >= 20, received 2, 10 x 2 = 20 <= 24: warning at s1. "
        "s2 (rest 14, 21, 25 of 60; 20 votes: expected 4.7, 7, 8.3): none; s3 the same.",
        doc(
            G3,
            [
                station("s1", {1: [2, 20, 18], 2: [50]}),
                station("s2", {1: [12, 1, 7], 2: [50]}),
                station("s3", {1: [12, 1, 7], 2: [50]}),
            ],
            protocol="2024-02",
        ),
        ("CP-swapped-candidates",),
        findings=(("warning", "CP-swapped-candidates", "s1"),),
        totals={"g": {"lists[1].candidates[2]": 22}},
        flags=("protocol_threshold",),
        articles=("controleprotocol 2024-02",),
    ),
    Case(
        "control-protocol-2024-02",
        "Swapped candidates",
        "The TK2025 boundary case (s1 list 1 3, 15, 12 against 12, 2, 6) under 2024-02: "
        "candidate 2 received 15 < 20: no warning.",
        doc(
            G3,
            [
                station("s1", {1: [3, 15, 12], 2: [50]}),
                station("s2", {1: [12, 2, 6], 2: [50]}),
                station("s3", {1: [12, 2, 6], 2: [50]}),
            ],
            protocol="2024-02",
        ),
        ("CP-swapped-candidates",),
        findings=(),
        totals={"g": {"lists[1].candidates[2]": 19}},
        flags=("protocol_threshold",),
        articles=("controleprotocol 2024-02",),
    ),
    # issue 16, judge mutants of the final sample (spec/totalisation_rules.py 298 and 445)
    Case(
        "identities",
        "Structure",
        "A count for the municipality g itself that says level SB (g is a GSB): error TOT-level "
        "at g, and the count is not used; g is s1 + s2 + s3 (D 300). The count's own figures "
        "(three standard stations) would add up, so only its level is wrong.",
        doc(G3, [std("s1"), std("s2"), std("s3"), std("g", 3, level="SB")]),
        ("TOT-level",),
        findings=(("error", "TOT-level", "g"),),
        totals={"g": {"admitted.total": 300}},
    ),
    Case(
        "control-protocol-TK2025",
        "List deviation",
        "The check compares a polling station with the rest of its municipality, never a "
        "municipality with the rest of its district. District hsb: g1 (s1, s2) and g2 (s3, "
        "s4), with the municipalities' totals stated (their sums). s1, s2: list 1 60, list 2 "
        "0; s3, s4: list 1 0, list 2 60. Each station has the same shares as the rest of its "
        "municipality (0 points): no warning. g1 (list 1 100%) and g2 (0%) differ by 100 "
        "points, but they are not polling stations: no warning either; hsb list 1 120.",
        doc(
            tree(
                "hsb",
                {
                    "hsb": ("HSB", ["g1", "g2"]),
                    "g1": ("GSB", ["s1", "s2"]),
                    "g2": ("GSB", ["s3", "s4"]),
                    "s1": ("SB", ()),
                    "s2": ("SB", ()),
                    "s3": ("SB", ()),
                    "s4": ("SB", ()),
                },
            ),
            [
                station("s1", {1: [60], 2: [0]}),
                station("s2", {1: [60], 2: [0]}),
                station("s3", {1: [0], 2: [60]}),
                station("s4", {1: [0], 2: [60]}),
                station("g1", {1: [120], 2: [0]}, level="GSB"),
                station("g2", {1: [0], 2: [120]}, level="GSB"),
            ],
        ),
        ("CP-list-deviation",),
        findings=(),
        totals={"hsb": {"lists[1].total": 120, "admitted.total": 240}},
    ),
]
