"""The totalisation rules (spec/totalisation_rules.py): silent on the reference's totals, and
each flags deliberately wrong totals with its own rule id."""

from __future__ import annotations

import json
from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interchange.counts import parse_totals, totals_to_json
from reference.totalise import totalise
from spec.counts import (
    Correction,
    Count,
    CountFinding,
    CountInputs,
    FieldDifference,
    Hierarchy,
    ListCount,
    Totals,
)
from spec.totalisation_rules import RULES, check_totals
from tests.count_builders import chain, count, municipality
from tests.test_totalise import chain_counts, trees


def ids(hierarchy: Hierarchy, inputs: CountInputs, totals: Totals) -> list[str]:
    return [v.rule_id for v in check_totals(hierarchy, inputs, totals)]


def with_count(totals: Totals, new: Count) -> Totals:
    counts = dict(totals.counts)
    counts[new.unit_id] = new
    return replace(totals, counts=counts)


def without(totals: Totals, code: str) -> Totals:
    return replace(totals, findings=tuple(f for f in totals.findings if f.code != code))


def plus(totals: Totals, code: str, unit: str, severity: str = "warning") -> Totals:
    extra = CountFinding("warning" if severity == "warning" else "error", code, unit, "", "x")
    return replace(totals, findings=(*totals.findings, extra))


CHAIN = chain()
CLEAN = CountInputs(chain_counts())


def test_rule_ids_are_unique_and_stable() -> None:
    rule_ids = [rule.id for rule in RULES]
    assert len(set(rule_ids)) == len(rule_ids)
    for expected in (
        "TOT-sum-identity",
        "TOT-D-is-A+B+C",
        "TOT-list-is-candidate-sum",
        "TOT-H-is-E+F+G",
        "TOT-I-J-difference",
        "TOT-complete",
        "TOT-warning-blank",
    ):
        assert expected in rule_ids


@pytest.mark.parametrize(
    "inputs",
    [
        CLEAN,
        CountInputs(chain_counts()[:2]),  # s3 missing
        CountInputs((*chain_counts(), chain_counts()[0], count("zz", {1: [1]}))),
        CountInputs(chain_counts(), second_entries=(replace(chain_counts()[0], blank=9),)),
        CountInputs(
            chain_counts(),
            corrections=(
                Correction("s1", "recount", count("s1", {1: [41, 10], 2: [30]}, blank=1)),
                Correction("nope", "corrigendum", count("nope", {})),
            ),
        ),
        CountInputs(
            (
                count("s1", {1: [40, 10]}, d=1, i=0, j=0),  # D, I/J wrong
                count("s2", {1: [5]}, totals={1: 6}, e=7, h=100),  # list, E, H wrong
                count("s3", {1: [0]}, blank=0),  # no votes
                count("g2", {1: [1]}, level="GSB"),  # stated total that does not add up
            )
        ),
    ],
)
def test_reference_totals_satisfy_every_rule(inputs: CountInputs) -> None:
    totals = totalise(CHAIN, inputs)
    assert check_totals(CHAIN, inputs, totals) == []
    # ... also after a trip through the JSON form.
    read = parse_totals(json.loads(json.dumps(totals_to_json(totals))))
    assert isinstance(read, Totals)
    assert check_totals(CHAIN, inputs, read) == []


@given(trees())
def test_reference_totals_satisfy_every_rule_on_random_trees(
    case: tuple[Hierarchy, tuple[Count, ...]],
) -> None:
    hierarchy, counts = case
    inputs = CountInputs(counts)
    assert check_totals(hierarchy, inputs, totalise(hierarchy, inputs)) == []


def test_a_total_that_is_not_the_sum() -> None:
    totals = totalise(CHAIN, CLEAN)
    g1 = totals.counts["g1"]
    wrong = replace(g1, blank=g1.blank + 1, total_counted=g1.total_counted + 1)
    assert ids(CHAIN, CLEAN, with_count(totals, wrong)) == ["TOT-sum-identity"] * 2  # g1, hsb
    lst = g1.lists[0]
    moved = replace(g1, lists=(ListCount(lst.list_number, lst.total, {1: 1}), *g1.lists[1:]))
    assert "TOT-sum-identity" in ids(CHAIN, CLEAN, with_count(totals, moved))
    missing = replace(totals, counts={k: v for k, v in totals.counts.items() if k != "hsb"})
    assert "TOT-sum-identity" in ids(CHAIN, CLEAN, missing)


def test_a_changed_input_count() -> None:
    totals = totalise(CHAIN, CLEAN)
    changed = replace(totals.counts["s1"], eligible_voters=5)
    assert ids(CHAIN, CLEAN, with_count(totals, changed)) == ["TOT-carried"]


@pytest.mark.parametrize(
    ("inputs", "code"),
    [
        (CountInputs(chain_counts()[:2]), "TOT-complete"),
        (CountInputs((*chain_counts(), chain_counts()[0])), "TOT-unique"),
        (CountInputs((*chain_counts(), count("zz", {1: [1]}))), "TOT-known-unit"),
        (CountInputs((*chain_counts()[:2], replace(chain_counts()[2], level="GSB"))), "TOT-level"),
        (
            CountInputs(chain_counts(), second_entries=(replace(chain_counts()[0], blank=9),)),
            "TOT-double-entry",
        ),
        (
            CountInputs(
                chain_counts(), corrections=(Correction("g1", "recount", count("g1", {})),)
            ),
            "TOT-correction-target",
        ),
        (CountInputs((count("s1", {1: [4]}, d=1), *chain_counts()[1:])), "TOT-D-is-A+B+C"),
        (
            CountInputs((count("s1", {1: [4]}, totals={1: 5}), *chain_counts()[1:])),
            "TOT-list-is-candidate-sum",
        ),
        (CountInputs((count("s1", {1: [4]}, e=5), *chain_counts()[1:])), "TOT-E-is-list-sum"),
        (CountInputs((count("s1", {1: [4]}, h=5, i=0), *chain_counts()[1:])), "TOT-H-is-E+F+G"),
        (CountInputs((count("s1", {1: [4]}, i=2), *chain_counts()[1:])), "TOT-I-J-difference"),
        (
            CountInputs((*chain_counts(), count("g2", {1: [1]}, level="GSB"))),
            "TOT-sum-identity",
        ),
    ],
)
def test_a_missing_or_invented_error_finding(inputs: CountInputs, code: str) -> None:
    totals = totalise(CHAIN, inputs)
    assert code in {f.code for f in totals.findings}
    assert ids(CHAIN, inputs, without(totals, code)) == [code]
    # The same finding where it does not belong is flagged too.
    clean_totals = totalise(CHAIN, CLEAN)
    assert ids(CHAIN, CLEAN, plus(clean_totals, code, "s2", "error")) == [code]


@pytest.mark.parametrize(
    ("station", "code"),
    [
        (count("s1", {1: [97]}, blank=3), "TOT-warning-blank"),
        (count("s1", {1: [97]}, invalid=3), "TOT-warning-invalid"),
        (count("s1", {1: [85]}, abc=(100, 0, 0)), "TOT-warning-difference"),
        (count("s1", {1: [0]}), "TOT-warning-no-votes"),
    ],
)
def test_a_missing_or_invented_warning(station: Count, code: str) -> None:
    h = municipality("s1")
    inputs = CountInputs((station,))
    totals = totalise(h, inputs)
    assert check_totals(h, inputs, totals) == []
    assert ids(h, inputs, without(totals, code)) == [code] * 3  # s1, gsb and csb
    calm = CountInputs((count("s1", {1: [100]}),))
    assert ids(h, calm, plus(totalise(h, calm), code, "gsb")) == [code]


def test_a_wrong_corrections_trace() -> None:
    fix = Correction("s1", "recount", count("s1", {1: [41, 10], 2: [30]}, blank=1, abc=(80, 3, 0)))
    inputs = CountInputs(chain_counts(), corrections=(fix,))
    totals = totalise(CHAIN, inputs)
    assert check_totals(CHAIN, inputs, totals) == []
    assert ids(CHAIN, inputs, replace(totals, corrections=())) == ["TOT-correction-trace"]
    (record,) = totals.corrections
    short = replace(record, changes=record.changes[1:])
    assert ids(CHAIN, inputs, replace(totals, corrections=(short,))) == ["TOT-correction-trace"]
    swapped = replace(record, changes=(FieldDifference("blank", 1, 2), *record.changes[1:]))
    assert ids(CHAIN, inputs, replace(totals, corrections=(swapped,))) == ["TOT-correction-trace"]
    kind = replace(record, kind="corrigendum")
    assert ids(CHAIN, inputs, replace(totals, corrections=(kind,))) == ["TOT-correction-trace"]


def test_the_trace_names_the_units_retotalled() -> None:
    """A correction of s1 re-makes the totals of g1, hsb and csb (its ancestors, from its
    parent up: ``chain()`` is CSB <- HSB <- GSB g1 <- SB s1); a trace that names fewer, others
    or another order is wrong (issue 16: the mutants of ``reference.totalise._ancestors`` that
    trace no unit survived, as nothing judged ``retotalled``)."""
    fix = Correction("s1", "recount", count("s1", {1: [41, 10], 2: [30]}, blank=1, abc=(80, 3, 0)))
    inputs = CountInputs(chain_counts(), corrections=(fix,))
    totals = totalise(CHAIN, inputs)
    (record,) = totals.corrections
    assert record.retotalled == ("g1", "hsb", "csb")
    assert check_totals(CHAIN, inputs, totals) == []
    for wrong in ((), ("g1", "hsb"), ("csb", "hsb", "g1"), ("g2", "hsb", "csb")):
        traced = replace(record, retotalled=wrong)
        assert ids(CHAIN, inputs, replace(totals, corrections=(traced,))) == [
            "TOT-correction-trace"
        ], wrong


def test_violation_messages_name_the_unit() -> None:
    totals = totalise(CHAIN, CLEAN)
    (violation,) = check_totals(CHAIN, CLEAN, plus(totals, "TOT-warning-blank", "g2"))
    assert "'g2'" in violation.message and violation.article


@given(st.integers(0, 60), st.integers(1, 2000))
def test_blank_warning_matches_exact_arithmetic(blank: int, others: int) -> None:
    """Independently: the warning fires exactly when blank / H ≥ 3/100 as fractions."""
    h = municipality("s1")
    inputs = CountInputs((count("s1", {1: [others]}, blank=blank),))
    totals = totalise(h, inputs)
    warned = ("TOT-warning-blank", "s1") in {(f.code, f.unit_id) for f in totals.findings}
    assert warned == (Fraction(blank, blank + others) >= Fraction(3, 100))
