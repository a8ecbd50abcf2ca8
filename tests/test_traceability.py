"""The traceability matrix (``conformance.traceability``) has no gap, and its pages are current.

This is the CI gate for the rule catalogue: every rule of ``spec.rules.RULES`` is exercised by
at least one test or vector, every rule maps to a function of the engine or is listed as
spec-only, and ``docs/traceability.md`` and ``docs/spec.md`` show what the sources say now.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conformance import traceability
from conformance.traceability import Citation, build, citations, names_rule, render_markdown
from spec.rules import RULES, RULES_BY_ID

ROOT = Path(__file__).resolve().parent.parent


def test_every_rule_has_a_test_or_a_vector() -> None:
    gaps = [row.rule_id for row in build() if row.gap]
    assert gaps == [], f"rules with neither a test nor a vector: {gaps}"


def test_every_rule_maps_to_the_engine_or_is_spec_only() -> None:
    assert set(traceability.SPEC_ONLY) <= set(RULES_BY_ID), "SPEC_ONLY names an unknown rule"
    rows = build()
    assert [row.rule_id for row in rows] == [rule.id for rule in RULES]
    unmapped = [row.rule_id for row in rows if not row.reference and not row.spec_only]
    assert unmapped == [], f"rules no reference function cites: {unmapped}"


def test_matrix_names_the_expected_functions() -> None:
    rows = {row.rule_id: row for row in build()}
    assert rows["P5-quota"].reference == ("reference.quota.quota",)
    assert rows["P9-absolute-majority"].predicate == "spec.rules.majority._p9"
    assert "reference.majority.apply_absolute_majority" in rows["P9-absolute-majority"].reference
    assert "reference.exhaustion.apply_list_exhaustion" in rows["P10-exhaustion"].reference
    assert rows["P8.2-75-percent"].predicate == "spec.rules.residual._p8_2_75_percent"
    assert "tests/test_spec_mutations.py::test_p5_wrong_quota" in rows["P5-quota"].tests
    # a test that only lists rule ids for the table test does not count
    assert not any("test_rules_have_stable_unique_ids" in t for r in rows.values() for t in r.tests)


def test_citations_keep_article_boundaries() -> None:
    assert citations("P 8 lid 2") == {Citation("P 8", frozenset({2}))}
    assert citations("P 19a") == {Citation("P 19a")}
    assert Citation("P 1") not in citations("P 10, P 19a")
    assert Citation("P 19") not in citations("P 19a")
    assert citations("P 6 - P 10") == {Citation(f"P {n}") for n in range(6, 11)}
    assert Citation("P 19a") in citations("P 15 – P 19a")
    assert not Citation("P 8", frozenset({1, 2})).matches(Citation("P 8", frozenset({4})))
    assert Citation("P 8").matches(Citation("P 8", frozenset({4})))
    assert not Citation("P 1").matches(Citation("P 10"))


def test_rule_ids_are_matched_whole() -> None:
    assert names_rule("Rules: P15-threshold-strict.", "P15-threshold-strict")
    assert not names_rule("Rules: P15-threshold-strict.", "P15-threshold")
    assert names_rule('assert "P15-threshold" in found', "P15-threshold")
    assert not names_rule("XP5-quota", "P5-quota")


def test_vectors_count_by_rule_id_or_article(tmp_path: Path) -> None:
    vectors = tmp_path / "conformance" / "vectors" / "p8"
    vectors.mkdir(parents=True)
    (tmp_path / "reference").mkdir()
    (tmp_path / "tests").mkdir()
    suite = {
        "testGroups": [
            {
                "tests": [
                    {"id": "p8-001", "rules": ["P8.2-75-percent"], "input": {}},
                    {"id": "p8-002", "articles": ["P 8 lid 3"], "input": {}},
                    {"id": "p19a-001", "articles": ["P 19a"], "input": {}},
                ]
            }
        ]
    }
    (vectors / "cases.json").write_text(json.dumps(suite), "utf-8")
    rows = {row.rule_id: row for row in build(tmp_path)}
    where = "conformance/vectors/p8/cases.json"
    assert rows["P8.2-75-percent"].vectors == (f"{where}#p8-001",)
    assert rows["P8.3-greatest-average"].vectors == (f"{where}#p8-002",)
    assert rows["P19a-deceased"].vectors == (f"{where}#p19a-001",)
    assert rows["P10-exhaustion"].vectors == (f"{where}#p19a-001",)  # it cites P 10, P 19a
    assert rows["P10-no-empty-seat-needlessly"].vectors == ()  # P 10 is not P 19a
    assert not rows["P8.2-75-percent"].gap and rows["P5-quota"].gap
    markdown = render_markdown(list(rows.values()))
    assert "**Gaps** (rules with neither a test nor a vector):" in markdown


@pytest.mark.parametrize("page", traceability.DOC_PAGES)
def test_pages_keep_their_generated_blocks_empty(page: str) -> None:
    """The blocks are filled by the documentation build (docs/conf.py), never committed."""
    text = (ROOT / "docs" / page).read_text("utf-8")
    found = traceability.blocks(text)
    assert found, f"docs/{page} has no generated block"
    assert all(body == "" for body in found.values()), (
        f"docs/{page} holds generated text: run python -m conformance.traceability --clear-docs"
    )


def test_the_built_catalogue_lists_every_rule_once() -> None:
    text = traceability.refreshed((ROOT / "docs" / "spec.md").read_text("utf-8"))
    for rule in RULES:
        assert text.count(f"### {rule.id}\n") == 1, rule.id


def test_the_built_matrix_has_a_row_per_rule() -> None:
    text = traceability.refreshed((ROOT / "docs" / "traceability.md").read_text("utf-8"))
    for rule in RULES:
        assert f"| `{rule.id}` |" in text, rule.id


def test_cli_prints_the_matrix(capsys: pytest.CaptureFixture[str]) -> None:
    assert traceability.main(["--markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("| rule | article |")
    assert "**Gaps** (rules with neither a test nor a vector): 0." in out
