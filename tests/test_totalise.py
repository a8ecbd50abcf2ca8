"""Totalisation up the chain (reference/totalise.py), its JSON forms and ``kieswet totalise``.

Expected totals are written out by hand in the tests (or summed by an independent loop written
here); boundaries of every warning are tested on both sides.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interchange.counts import (
    CountsDocument,
    counts_input_to_json,
    parse_counts_input,
    parse_totals,
    totals_to_json,
)
from kieswet.cli import main
from reference.allocate import allocate
from reference.totalise import compare_entries, election_from_totals, totalise
from spec.counts import (
    Correction,
    Count,
    CountInputs,
    FieldDifference,
    Hierarchy,
    Level,
    Totals,
    hierarchy_problems,
)
from spec.model import Completed, Rejected
from tests.count_builders import chain, count, hierarchy, municipality

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "counts" / "small-municipality.json"


def chain_counts() -> tuple[Count, ...]:
    return (
        count("s1", {1: [40, 10], 2: [30]}, blank=2, invalid=1, abc=(80, 3, 1)),
        count("s2", {1: [20, 5], 2: [15]}, abc=(38, 2, 0)),
        count("s3", {1: [7, 3], 2: [50], 3: [4]}, blank=1, abc=(60, 5, 3)),
    )


def run(h: Hierarchy, *counts: Count, **extra: Any) -> Totals:
    return totalise(h, CountInputs(tuple(counts), **extra))


def codes(totals: Totals, severity: str | None = None) -> list[tuple[str, str]]:
    return [
        (f.code, f.unit_id) for f in totals.findings if severity is None or f.severity == severity
    ]


def numbers(c: Count) -> tuple[int, ...]:
    a = c.admitted
    return (
        a.poll_cards,
        a.proxy_certificates,
        a.voter_cards,
        a.total,
        c.votes_on_lists,
        c.blank,
        c.invalid,
        c.total_counted,
        c.more_counted,
        c.fewer_counted,
    )


# =========================================================================== totals


def test_totals_at_every_level_by_hand() -> None:
    totals = run(chain(), *chain_counts())
    # Only difference warnings (TK2025: |D - H| >= 2% of H): csb and hsb 4 of 188 (3.76),
    # g2 and s3 3 of 65 (1.3); g1 (1 of 123), s1 (1 of 83) and s2 (0) are below 2% and 15.
    assert totals.accepted and codes(totals) == [
        ("TOT-warning-difference", "csb"),
        ("TOT-warning-difference", "hsb"),
        ("TOT-warning-difference", "g2"),
        ("TOT-warning-difference", "s3"),
    ]
    # A, B, C, D, E, F, G, H, I, J, written out by hand from the three stations.
    assert numbers(totals.counts["g1"]) == (118, 5, 1, 124, 120, 2, 1, 123, 0, 1)
    assert numbers(totals.counts["g2"]) == (60, 5, 3, 68, 64, 1, 0, 65, 0, 3)
    for top in ("hsb", "csb"):
        assert numbers(totals.counts[top]) == (178, 10, 4, 192, 184, 3, 1, 188, 0, 4)
        by_list = {
            lst.list_number: (lst.total, dict(lst.candidates)) for lst in totals.counts[top].lists
        }
        assert by_list == {1: (85, {1: 67, 2: 18}), 2: (95, {1: 95}), 3: (4, {1: 4})}
    assert [c.level for c in totals.counts.values()] == [
        "CSB",
        "HSB",
        "GSB",
        "SB",
        "SB",
        "GSB",
        "SB",
    ]
    assert list(totals.counts) == ["csb", "hsb", "g1", "s1", "s2", "g2", "s3"]


def test_a_municipality_starting_from_510b_counts() -> None:
    """The lowest units may be municipalities (totals from 510b), with both I and J."""
    h = hierarchy(
        "csb",
        {
            "csb": ("CSB", ["hsb"]),
            "hsb": ("HSB", ["m1", "m2"]),
            "m1": ("GSB", []),
            "m2": ("GSB", []),
        },
    )
    m1 = count("m1", {1: [100]}, level="GSB", abc=(98, 0, 0), i=5, j=3)  # H 100, D 98
    m2 = count("m2", {1: [50]}, level="GSB", abc=(50, 0, 0))
    totals = run(h, m1, m2)
    assert totals.accepted
    assert numbers(totals.counts["csb"]) == (148, 0, 0, 148, 150, 0, 0, 150, 5, 3)


# =========================================================================== the identity checks


@pytest.mark.parametrize(
    ("wrong", "code"),
    [
        ({"d": 85}, "TOT-D-is-A+B+C"),
        ({"totals": {1: 51}, "h": 84}, "TOT-list-is-candidate-sum"),
        ({"e": 81}, "TOT-E-is-list-sum"),
        ({"h": 84, "i": 0, "j": 0}, "TOT-H-is-E+F+G"),
        ({"j": 0}, "TOT-I-J-difference"),
        ({"i": 1}, "TOT-I-J-difference"),
    ],
)
def test_each_identity_check_triggers(wrong: dict[str, Any], code: str) -> None:
    good = dict(lists={1: [40, 10], 2: [30]}, blank=2, invalid=1, abc=(80, 3, 1))
    assert run(municipality("s1"), count("s1", **good)).findings == ()  # type: ignore[arg-type]
    totals = run(municipality("s1"), count("s1", **good, **wrong))  # type: ignore[arg-type]
    assert not totals.accepted
    assert (code, "s1") in codes(totals, "error")


def test_stated_e_that_is_right_is_fine() -> None:
    assert run(municipality("s1"), count("s1", {1: [5, 5]}, e=10)).findings == ()


@pytest.mark.parametrize(
    ("h", "d", "i", "j", "ok"),
    [
        (105, 100, 5, 0, True),  # more ballots than voters
        (95, 100, 0, 5, True),  # fewer
        (100, 100, 0, 0, True),
        (105, 100, 4, 0, False),
        (95, 100, 0, 6, False),
        (105, 100, 5, 1, False),  # J must be 0 when H > D
        (100, 100, 1, 1, False),  # both 0 when equal, even though I - J = H - D
    ],
)
def test_i_and_j_at_a_polling_station(h: int, d: int, i: int, j: int, ok: bool) -> None:
    c = count("s1", {1: [h]}, abc=(d, 0, 0), i=i, j=j)
    found = codes(run(municipality("s1"), c), "error")
    assert (("TOT-I-J-difference", "s1") in found) is not ok


@pytest.mark.parametrize(("i", "j", "ok"), [(3, 2, True), (1, 0, True), (3, 1, False)])
def test_i_and_j_at_a_higher_unit_explain_the_net_difference(i: int, j: int, ok: bool) -> None:
    h = hierarchy("csb", {"csb": ("CSB", ["m1"]), "m1": ("GSB", [])})
    c = count("m1", {1: [101]}, level="GSB", abc=(100, 0, 0), i=i, j=j)  # H - D = 1
    assert (("TOT-I-J-difference", "m1") in codes(run(h, c))) is not ok


# =========================================================================== warnings


@pytest.mark.parametrize(
    ("field", "value", "warned"),
    [("blank", 30, True), ("blank", 29, False), ("invalid", 30, True), ("invalid", 29, False)],
)
def test_blank_and_invalid_three_percent_boundary(field: str, value: int, warned: bool) -> None:
    # H = 1000 exactly: 3% is 30, inclusive.
    c = count("s1", {1: [1000 - value]}, **{field: value})  # type: ignore[arg-type]
    assert c.total_counted == 1000
    found = codes(run(municipality("s1"), c), "warning")
    assert ((f"TOT-warning-{field}", "s1") in found) == warned


def test_three_percent_with_a_fraction() -> None:
    # H = 101: 3% is 3.03, so 4 blank warn and 3 do not (100 × 3 = 300 < 303).
    warn = count("s1", {1: [97]}, blank=4)
    calm = count("s1", {1: [98]}, blank=3)
    assert ("TOT-warning-blank", "s1") in codes(run(municipality("s1"), warn))
    assert run(municipality("s1"), calm).findings == ()


@pytest.mark.parametrize(
    ("d", "h", "warned"),
    [
        # Control protocol TK2025: |D - H| >= 15, or |D - H| >= 2% of H (either suffices).
        (750, 735, True),  # 15: the absolute boundary exactly
        (750, 765, True),  # more ballots than voters, same size
        (1000, 986, False),  # 14 < 15, and 2% of 986 is 19.72
        (1000, 1014, False),  # 14 < 15, and 2% of 1014 is 20.28
        (1001, 986, True),  # 15
        (714, 700, True),  # 14 is exactly 2% of H = 700 (2% of D = 714 would be 14.28)
        (686, 700, True),  # 14 more ballots, exactly 2% of H = 700
        (715, 701, False),  # 14 < 15, and 2% of H = 701 is 14.02
        (100, 86, True),  # 14 < 15, but 14 is 16.3% of 86
        (5000, 4901, True),  # 99 >= 15, though below 2% of D = 5000 (the old rule said no)
        (10, 0, False),  # H = 0: no share of H; 10 < 15 (H = 0 is warned as no votes)
        (15, 0, True),  # H = 0 and 15
    ],
)
def test_difference_warning_boundaries(d: int, h: int, warned: bool) -> None:
    c = count("s1", {1: [h]}, abc=(d, 0, 0))
    totals = run(municipality("s1"), c)
    assert totals.accepted
    assert (("TOT-warning-difference", "s1") in codes(totals)) == warned


def test_no_votes_warning() -> None:
    empty = run(municipality("s1"), count("s1", {1: [0]}))
    assert codes(empty) == [
        ("TOT-warning-no-votes", "csb"),
        ("TOT-warning-no-votes", "gsb"),
        ("TOT-warning-no-votes", "s1"),
    ]
    assert empty.accepted
    assert run(municipality("s1"), count("s1", {1: [1]})).findings == ()


def test_warnings_are_judged_on_totals_too() -> None:
    # Blank: 2 of 100 (no), 4 of 100 (yes); together 6 of 200, exactly 3% (yes).
    s1 = count("s1", {1: [98]}, blank=2)
    s2 = count("s2", {1: [96]}, blank=4)
    found = codes(run(municipality("s1", "s2"), s1, s2))
    assert found == [
        ("TOT-warning-blank", "csb"),
        ("TOT-warning-blank", "gsb"),
        ("TOT-warning-blank", "s2"),
    ]
    # D - H: 10 at one station and 5 at the other, neither reaches 15; the total
    # |750 - 765| = 15 is exactly 2% of 750 and 15.
    s1 = count("s1", {1: [510]}, abc=(500, 0, 0))
    s2 = count("s2", {1: [255]}, abc=(250, 0, 0))
    found = codes(run(municipality("s1", "s2"), s1, s2))
    assert found == [("TOT-warning-difference", "csb"), ("TOT-warning-difference", "gsb")]


# =========================================================================== completeness


def test_missing_unit_blocks() -> None:
    s1, _, s3 = chain_counts()
    totals = run(chain(), s1, s3)
    assert codes(totals, "error") == [("TOT-complete", "s2")]
    assert numbers(totals.counts["g1"])[:4] == (80, 3, 1, 84)  # s1 alone, still summed


def test_duplicate_unit_blocks_and_the_first_is_used() -> None:
    s1, s2, s3 = chain_counts()
    other = replace(s1, blank=s1.blank + 1)
    totals = run(chain(), s1, s2, s3, other)
    assert codes(totals, "error") == [("TOT-unique", "s1")]
    assert totals.counts["s1"] == s1


def test_unknown_unit_blocks() -> None:
    stray = count("s9", {1: [1]})
    totals = run(chain(), *chain_counts(), stray)
    assert codes(totals, "error") == [("TOT-known-unit", "s9")]
    assert "s9" not in totals.counts


def test_count_at_the_wrong_level_blocks() -> None:
    s1, s2, s3 = chain_counts()
    totals = run(chain(), replace(s1, level="GSB"), s2, s3)
    assert ("TOT-level", "s1") in codes(totals, "error")


def test_stated_total_is_checked_against_the_sum() -> None:
    s1, s2, s3 = chain_counts()
    g1 = count("g1", {1: [60, 15], 2: [45]}, level="GSB", blank=2, invalid=1, abc=(118, 5, 1), j=1)
    assert [f for f in run(chain(), s1, s2, s3, g1).findings if f.unit_id == "g1"] == []
    wrong = replace(g1, blank=3, total_counted=124, fewer_counted=0)
    totals = run(chain(), s1, s2, s3, wrong)
    sums = [f for f in totals.findings if f.code == "TOT-sum-identity"]
    assert [(f.unit_id, f.field) for f in sums] == [
        ("g1", "blank"),
        ("g1", "total_counted"),
        ("g1", "fewer_counted"),
    ]
    assert totals.counts["g1"].blank == 2  # the computed sum stands


# =========================================================================== double entry


def test_compare_entries_lists_every_difference() -> None:
    first = count("s1", {1: [40, 10], 2: [30]}, blank=2, abc=(80, 2, 0))
    assert compare_entries(first, first) == []
    second = count("s1", {1: [40, 11], 3: [30]}, blank=2, abc=(80, 2, 0), h=83, totals={1: 50})
    assert compare_entries(first, second) == [
        FieldDifference("lists[1].candidates[2]", 10, 11),
        FieldDifference("lists[2].total", 30, None),
        FieldDifference("lists[2].candidates[1]", 30, None),
        FieldDifference("total_counted", 82, 83),
        FieldDifference("more_counted", 0, 1),
        FieldDifference("lists[3].total", None, 30),
        FieldDifference("lists[3].candidates[1]", None, 30),
    ]
    with pytest.raises(ValueError, match="different units"):
        compare_entries(first, replace(first, unit_id="s2"))


def test_double_entry_in_totalisation() -> None:
    counts = chain_counts()
    same = run(chain(), *counts, second_entries=(counts[0],))
    assert same.accepted
    typo = replace(counts[0], blank=3)
    totals = run(chain(), *counts, second_entries=(typo,))
    assert not totals.accepted
    assert [(f.code, f.field, f.message) for f in totals.findings if f.severity == "error"] == [
        ("TOT-double-entry", "blank", "eerste invoer 2, tweede invoer 3")
    ]
    orphan = run(
        municipality("s1", "s2"), counts[0], second_entries=(replace(counts[1], unit_id="s2"),)
    )
    assert ("TOT-double-entry", "s2") in codes(orphan, "error")


# =========================================================================== corrections


def test_correction_replaces_and_is_traced() -> None:
    s1, s2, s3 = chain_counts()
    # The recount finds 2 more votes for candidate 1 of list 1 and 2 fewer blank ballots.
    recount = count("s1", {1: [42, 10], 2: [30]}, invalid=1, abc=(80, 3, 1))
    fix = Correction("s1", "recount", recount, "Na 14 corrigendum 2026-03-20")
    totals = run(chain(), s1, s2, s3, corrections=(fix,))
    assert totals.accepted
    (record,) = totals.corrections
    assert (record.unit_id, record.kind, record.reason) == ("s1", "recount", fix.reason)
    assert record.changes == (
        FieldDifference("lists[1].total", 50, 52),
        FieldDifference("lists[1].candidates[1]", 40, 42),
        FieldDifference("blank", 2, 0),
    )
    assert record.retotalled == ("g1", "hsb", "csb")
    assert totals.counts["s1"] == recount
    by_list = {lst.list_number: lst.total for lst in totals.counts["csb"].lists}
    assert by_list == {1: 87, 2: 95, 3: 4}
    assert totals.counts["csb"].blank == 1


def test_corrections_apply_in_order_after_double_entry() -> None:
    s1, s2, s3 = chain_counts()
    first = Correction("s1", "corrigendum", replace(s1, blank=3, total_counted=84, fewer_counted=0))
    second = Correction("s1", "recount", s1)
    totals = run(chain(), s1, s2, s3, second_entries=(s1,), corrections=(first, second))
    assert totals.accepted
    assert [r.changes[0] for r in totals.corrections] == [
        FieldDifference("blank", 2, 3),
        FieldDifference("blank", 3, 2),
    ]
    assert totals.counts["s1"] == s1


@pytest.mark.parametrize(
    "correction",
    [
        Correction("s9", "recount", count("s9", {1: [1]})),  # unknown unit
        Correction("s1", "recount", count("s2", {1: [1]})),  # count of another unit
        Correction("g1", "recount", count("g1", {1: [1]}, level="GSB")),  # no count to replace
        Correction("s1", "recount", count("s1", {1: [1]}, level="GSB")),  # wrong level
    ],
)
def test_a_correction_without_a_target_blocks(correction: Correction) -> None:
    totals = run(chain(), *chain_counts(), corrections=(correction,))
    assert ("TOT-correction-target", correction.unit_id) in codes(totals, "error")
    assert totals.corrections == ()


# =========================================================================== CSB → seats


def test_csb_totals_allocate_seats() -> None:
    """GR, 9 seats. Totals 520, 310, 170: kiesdeler 1000/9 = 111 1/9; full seats 4, 2, 1;
    remainders 75 5/9, 87 7/9, 58 8/9 (all lists reach 75% of the kiesdeler, 83 1/3);
    the two residual seats go to lists 2 and 1: seats 5, 3, 1."""
    s1 = count("s1", {1: [200, 100], 2: [150, 10], 3: [100]})
    s2 = count("s2", {1: [150, 70], 2: [100, 50], 3: [70]})
    totals = run(municipality("s1", "s2"), s1, s2)
    assert totals.accepted
    election = election_from_totals(
        totals.counts["csb"],
        "GR",
        9,
        candidates={1: [1, 2, 3, 4, 5, 6], 2: [1, 2, 3, 4], 3: [1, 2]},
    )
    assert [(lst.number, lst.votes) for lst in election.lists] == [(1, 520), (2, 310), (3, 170)]
    assert [c.votes for c in election.lists[0].candidates or ()] == [350, 170, 0, 0, 0, 0]
    result = allocate(election)
    assert isinstance(result, Completed)
    assert dict(result.seats) == {1: 5, 2: 3, 3: 1}
    assert dict(result.full_seats) == {1: 4, 2: 2, 3: 1}
    # Preference threshold 50% of the kiesdeler = 55 5/9: list 1's candidates 1 and 2 are
    # elected on preference, the other three seats go in list order.
    assert result.elected[1] == (1, 2, 3, 4, 5)


def test_election_from_totals_rejects_inconsistent_totals() -> None:
    bad = count("csb", {1: [5, 5]}, level="CSB", totals={1: 11})
    with pytest.raises(ValueError, match="not the sum"):
        election_from_totals(bad, "GR", 9)
    with pytest.raises(ValueError, match="not on it"):
        election_from_totals(count("csb", {1: [5, 5]}, level="CSB"), "GR", 9, candidates={1: [1]})
    lists_only = election_from_totals(count("csb", {1: []}, level="CSB", totals={1: 7}), "GR", 9)
    assert lists_only.lists[0].candidates is None and lists_only.lists[0].votes == 7


def test_a_list_without_votes_in_the_totals_takes_part_with_none() -> None:
    """A list on the candidate lists (model H 1) that no polling station gave a vote has no
    total in the count; it takes part in the allocation with 0 votes, its candidates with 0
    each (and a candidate on a list with votes but none of their own gets 0 as well)."""
    totals = count("csb", {1: [60, 40], 2: [30]}, level="CSB")
    election = election_from_totals(totals, "GR", 9, candidates={1: [1, 2], 2: [1, 2], 3: [1, 2]})
    assert [(lst.number, lst.votes) for lst in election.lists] == [(1, 100), (2, 30), (3, 0)]
    assert [[c.votes for c in lst.candidates or ()] for lst in election.lists] == [
        [60, 40],
        [30, 0],
        [0, 0],
    ]


# =========================================================================== property


@st.composite
def trees(draw: st.DrawFn) -> tuple[Hierarchy, tuple[Count, ...]]:
    levels: list[Level] = ["CSB", "HSB", "GSB", "SB"]
    tree: dict[str, tuple[Level, list[str]]] = {"csb": ("CSB", [])}
    frontier = ["csb"]
    for depth in range(1, 4):
        nxt = []
        for parent in frontier:
            for k in range(draw(st.integers(1, 3))):
                uid = f"{parent}.{k}"
                tree[uid] = (levels[depth], [])
                tree[parent][1].append(uid)
                nxt.append(uid)
        frontier = nxt
    counts = []
    for uid in frontier:
        lists = {
            n: draw(st.lists(st.integers(0, 500), min_size=0, max_size=3))
            for n in draw(st.sets(st.integers(1, 5), max_size=4))
        }
        blank, invalid, a, b, c = (draw(st.integers(0, 40)) for _ in range(5))
        counts.append(count(uid, lists, blank=blank, invalid=invalid, abc=(a * 20, b, c)))
    return hierarchy("csb", tree), tuple(counts)


@given(trees())
def test_totals_equal_independent_sums(case: tuple[Hierarchy, tuple[Count, ...]]) -> None:
    h, counts = case
    assert hierarchy_problems(h) == []
    totals = run(h, *counts)
    assert not codes(totals, "error")
    by_id = {c.unit_id: c for c in counts}

    def leaves(uid: str) -> list[Count]:
        kids = h.units[uid].children
        return [by_id[uid]] if not kids else [c for k in kids for c in leaves(k)]

    for uid, unit in h.units.items():
        below = leaves(uid)
        total = totals.counts[uid]
        assert numbers(total) == tuple(sum(numbers(c)[k] for c in below) for k in range(10)), uid
        candidates: dict[tuple[int, int], int] = {}
        for c in below:
            for lst in c.lists:
                for number, votes in lst.candidates.items():
                    key = (lst.list_number, number)
                    candidates[key] = candidates.get(key, 0) + votes
        got = {(lst.list_number, n): v for lst in total.lists for n, v in lst.candidates.items()}
        assert got == candidates
        assert total.level == unit.level


# =========================================================================== JSON and CLI


def _document() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text("utf-8"))
    return data


def test_example_round_trips_and_totals_are_readable() -> None:
    parsed = parse_counts_input(_document())
    assert isinstance(parsed, CountsDocument)
    assert parse_counts_input(counts_input_to_json(parsed)) == parsed
    totals = totalise(parsed.hierarchy, parsed.inputs)
    assert parse_totals(json.loads(json.dumps(totals_to_json(totals)))) == totals


@pytest.mark.parametrize(
    ("mutate", "field", "code"),
    [
        (lambda d: d["counts"][0].update(blank=-1), "counts[0].blank", "negative"),
        (lambda d: d["counts"][0].update(blank=1.0), "counts[0].blank", "not_an_integer"),
        (lambda d: d["counts"][0].update(blank=True), "counts[0].blank", "not_an_integer"),
        (lambda d: d["counts"][0].pop("total_counted"), "counts[0].total_counted", "missing"),
        (lambda d: d["counts"][0].update(level="XX"), "counts[0].level", "unknown_level"),
        (lambda d: d["counts"][0].update(colour=1), "counts[0].colour", "unknown_field"),
        (
            lambda d: d["counts"][0]["lists"][0]["candidates"].update({"x": 1}),
            "counts[0].lists[0].candidates.x",
            "invalid_number",
        ),
        (
            lambda d: d["counts"][0]["lists"].append(d["counts"][0]["lists"][0]),
            "counts[0].lists[3].number",
            "duplicate",
        ),
        (lambda d: d["hierarchy"].update(root="nowhere"), "hierarchy.units[nowhere]", "not_a_tree"),
        (
            lambda d: d["hierarchy"]["units"][0].update(level="SB"),
            "hierarchy.units[csb]",
            "not_a_tree",
        ),
        (
            lambda d: d["hierarchy"]["units"].append(d["hierarchy"]["units"][0]),
            "hierarchy.units[5].unit_id",
            "duplicate",
        ),
        (
            lambda d: d.update(corrections=[{"unit_id": "sb1", "kind": "guess", "count": {}}]),
            "corrections[0].kind",
            "unknown_kind",
        ),
        (lambda d: d.update(format="kieswet/counts-input@2"), "format", "unknown_format"),
    ],
)
def test_bad_input_names_the_field(mutate: Any, field: str, code: str) -> None:
    document = _document()
    mutate(document)
    parsed = parse_counts_input(document)
    assert isinstance(parsed, Rejected)
    assert (field, code) in [(e.field, e.code) for e in parsed.errors], parsed.errors


def test_not_an_object() -> None:
    parsed = parse_counts_input([])
    assert isinstance(parsed, Rejected) and parsed.errors[0].field == "$"


def test_schemas_accept_the_example_and_the_output() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schemas = ROOT / "conformance" / "schemas"
    for name, document in (
        ("counts-input", _document()),
        ("totals", _totals_document()),
    ):
        schema = json.loads((schemas / f"{name}.schema.json").read_text("utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(document))
        assert errors == [], name
    bad = _document()
    bad["counts"][0]["blank"] = -1
    schema = json.loads((schemas / "counts-input.schema.json").read_text("utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(bad))


def _totals_document() -> dict[str, Any]:
    parsed = parse_counts_input(_document())
    assert isinstance(parsed, CountsDocument)
    fix = Correction("sb1", "corrigendum", replace(parsed.inputs.counts[0], name="x"), "typo")
    inputs = replace(parsed.inputs, corrections=(fix,))
    return totals_to_json(totalise(parsed.hierarchy, inputs))


def test_cli_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["totalise", str(EXAMPLE), "--out", str(tmp_path / "out")]) == 0
    written = json.loads((tmp_path / "out" / "totals.json").read_text("utf-8"))
    assert written["status"] == "accepted" and written["root"] == "csb"
    out = capsys.readouterr().out
    assert "AANVAARD" in out and "totals.json" in out
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["findings.csv", "findings.jsonl", "list-deviations.csv", "totals.json"]


def test_cli_blocked_still_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = _document()
    document["counts"].pop()
    source = tmp_path / "in.json"
    source.write_text(json.dumps(document), "utf-8")
    assert main(["totalise", str(source), "--out", str(tmp_path)]) == 1
    written = json.loads((tmp_path / "totals.json").read_text("utf-8"))
    assert written["status"] == "blocked"
    assert written["findings"][0]["code"] == "TOT-complete"
    assert "GEBLOKKEERD door fouten" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "malformed JSON at line 1"),
        ('{"hierarchy": {}, "counts": []}', "hierarchy.root: hierarchy.root is required"),
    ],
)
def test_cli_invalid_input_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    source = tmp_path / "in.json"
    source.write_text(text, "utf-8")
    out = tmp_path / "out"
    assert main(["totalise", str(source), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(source) in err and message in err
    assert not out.exists()
    assert main(["totalise", str(tmp_path / "absent.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_cli_help_explains(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["totalise", "--help"])
    text = capsys.readouterr().out
    assert "counts-input@1" in text and "Exit status" in text and "--out" in text


DOUBLE = ROOT / "examples" / "counts" / "double-entry-and-correction.json"


def test_cli_double_entry_and_correction(tmp_path: Path) -> None:
    """The example: sb2 entered twice alike (accepted); sb1 recounted, list 1 candidate 2
    from 40 to 42, so list 1 200 → 202, E 480 → 482, H 489 → 491 and, with D = 495,
    J 6 → 4. The municipality's list 1 is then 202 + the list 1 totals of sb2 and sb3."""
    assert main(["totalise", str(DOUBLE), "--out", str(tmp_path), "--no-progress"]) == 0
    written = json.loads((tmp_path / "totals.json").read_text("utf-8"))
    assert written["status"] == "accepted"
    (record,) = written["corrections"]
    assert [(c["field"], c["old"], c["new"]) for c in record["changes"]] == [
        ("lists[1].total", 200, 202),
        ("lists[1].candidates[2]", 40, 42),
        ("votes_on_lists", 480, 482),
        ("total_counted", 489, 491),
        ("fewer_counted", 6, 4),
    ]
    assert record["retotalled"] == ["gsb", "csb"]
    source = json.loads(DOUBLE.read_text("utf-8"))
    others = sum(
        lst["total"]
        for c in source["counts"]
        if c["unit_id"] in ("sb2", "sb3")
        for lst in c["lists"]
        if lst["number"] == 1
    )
    gsb = next(c for c in written["counts"] if c["unit_id"] == "gsb")
    assert gsb["lists"][0]["total"] == 202 + others


def test_cli_second_entry_that_differs_blocks(tmp_path: Path) -> None:
    document = json.loads(DOUBLE.read_text("utf-8"))
    document["second_entries"][0]["blank"] += 1
    source = tmp_path / "in.json"
    source.write_text(json.dumps(document), "utf-8")
    assert main(["totalise", str(source), "--out", str(tmp_path), "--no-progress"]) == 1
    written = json.loads((tmp_path / "totals.json").read_text("utf-8"))
    blank = document["counts"][1]["blank"]
    assert [
        (f["code"], f["unit_id"], f["field"], f["message"])
        for f in written["findings"]
        if f["severity"] == "error"
    ] == [
        (
            "TOT-double-entry",
            "sb2",
            "blank",
            f"eerste invoer {blank}, tweede invoer {blank + 1}",
        )
    ]
