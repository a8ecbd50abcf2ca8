"""The negative ``totalise`` vectors (``conformance/vector_sources/negative_totalise.py``): every
kind is in the suite, every wrong answer is what its kind says (checked against the positive
vector's expected result, which the build checked against the hand computation), our judge
rejects each naming its rules, and with a rule switched off the wrong answers that break it
alone are accepted (so the suite sees a judge without that rule)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping
from typing import Any

import pytest

import spec.totalisation_rules
from conformance.negative import check_judge, requests, spec_judge
from conformance.suite import NegativeVector, default_suite, load_negative, load_suite
from conformance.totalise_kit import reference_result
from conformance.vector_sources import negative_totalise as kinds
from conformance.vector_sources.negative_totalise import KINDS

SUITE = default_suite()
NEGATIVES = (
    [n for n in load_negative(SUITE) if n.vector.operation == "totalise"]
    if (SUITE / "manifest.json").is_file()
    else []
)
BASES = (
    {v.id: v for v in load_suite(SUITE).vectors if v.operation == "totalise"}
    if (SUITE / "manifest.json").is_file()
    else {}
)
pytestmark = pytest.mark.skipif(not NEGATIVES, reason="no built suite")

FINDING_KINDS = {
    kinds.FINDING_MISSING.name,
    kinds.ERROR_AS_WARNING.name,
    kinds.WARNING_AS_ERROR.name,
    kinds.FINDING_ON_WRONG_UNIT.name,
    kinds.SPURIOUS_FINDING.name,
}
TRACE_KINDS = {
    kinds.TRACE_WRONG_VALUE.name,
    kinds.TRACE_WRONG_FIELDS.name,
    kinds.TRACE_WRONG_RECORD.name,
    kinds.TRACE_WRONG_RETOTALLED.name,
    kinds.TRACE_WRONG_RECORDS.name,
}


def _totals(result: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """A totals document's counts as a vector expects them: by unit, without the name."""
    return {
        c["unit_id"]: {k: v for k, v in c.items() if k != "name"} for c in result["counts"]
    }


def _findings(result: Mapping[str, Any]) -> set[tuple[str, str, str]]:
    return {(f["severity"], f["code"], f["unit_id"]) for f in result["findings"]}


def _expected_findings(expected: Mapping[str, Any]) -> set[tuple[str, str, str]]:
    return {(f["severity"], f["code"], f["unit_id"]) for f in expected["findings"]}


def _list_totals(count: Mapping[str, Any]) -> dict[int, int]:
    return {lst["number"]: lst["total"] for lst in count["lists"]}


def _right_trace(n: NegativeVector) -> list[Any]:
    """The corrections trace of the reference's answer (the control of ``check_judge``)."""
    trace = reference_result(n.vector.input)[1]["corrections"]
    assert isinstance(trace, list)
    return trace


def test_every_kind_is_there() -> None:
    counts = Counter(n.vector.group for n in NEGATIVES)
    for kind in KINDS:
        # two bases of the suite have an applied correction; every other kind has 3 or more
        least = 2 if kind is kinds.CORRECTION_NOT_APPLIED else 3
        assert counts[kind.name] >= least, (kind.name, counts[kind.name])
    assert set(counts) == {kind.name for kind in KINDS}


def test_every_totalisation_rule_is_named_by_three_wrong_answers() -> None:
    counts = Counter(rule for n in NEGATIVES for rule in n.vector.rules)
    for rule in spec.totalisation_rules.RULES:
        assert counts[rule.id] >= 3, (rule.id, counts[rule.id])


def test_our_judge_rejects_every_wrong_answer_naming_its_rules() -> None:
    report = check_judge(NEGATIVES, spec_judge)
    assert report.findings == ()
    assert report.vectors == len(NEGATIVES)
    assert report.controls == len({n.base for n in NEGATIVES})


def test_every_wrong_answer_has_a_status_that_agrees_with_its_findings() -> None:
    """Otherwise ``parse_totals`` refuses it and no rule is judged."""
    for n in NEGATIVES:
        blocked = any(f["severity"] == "error" for f in n.result["findings"])
        assert n.result["status"] == ("blocked" if blocked else "accepted"), n.vector.id


def test_the_wrong_answers_are_what_their_kind_says() -> None:
    for n in NEGATIVES:
        group, rules, wrong = n.vector.group, n.vector.rules, n.result
        expected = BASES[n.base].expected if n.base is not None else n.vector.expected
        assert expected == n.vector.expected, n.vector.id
        want, got = expected["totals"], _totals(wrong)
        want_findings, got_findings = _expected_findings(expected), _findings(wrong)
        if group in FINDING_KINDS | TRACE_KINDS:
            assert got == want, n.vector.id  # the numbers are right
        if group in TRACE_KINDS | {
            kinds.VOTE_MOVED_BETWEEN_LISTS.name,
            kinds.VOTE_MOVED_BETWEEN_CANDIDATES.name,
            kinds.ENTERED_COUNT_CHANGED.name,
        }:
            assert got_findings == want_findings, n.vector.id
        if group in FINDING_KINDS:
            (code,) = rules
            removed, added = want_findings - got_findings, got_findings - want_findings
            assert {c for _, c, _ in removed | added} == {code}, n.vector.id
        if group == kinds.FINDING_MISSING.name:
            assert len(removed) == 1 and not added, n.vector.id
        elif group in (kinds.ERROR_AS_WARNING.name, kinds.WARNING_AS_ERROR.name):
            ((severity, _, unit),) = removed
            other = "warning" if group == kinds.ERROR_AS_WARNING.name else "error"
            assert severity != other and added == {(other, code, unit)}, n.vector.id
        elif group == kinds.FINDING_ON_WRONG_UNIT.name:
            ((severity, _, unit),) = removed
            ((severity_2, _, target),) = added
            assert severity_2 == severity and target != unit, n.vector.id
            assert not any(c == code and u == target for _, c, u in want_findings)
        elif group == kinds.SPURIOUS_FINDING.name:
            assert not want_findings and len(added) == 1, n.vector.id
        elif group in (
            kinds.VOTE_MOVED_BETWEEN_LISTS.name,
            kinds.VOTE_MOVED_BETWEEN_CANDIDATES.name,
        ):
            root = wrong["root"]
            assert {u for u in want if want[u] != got[u]} == {root}, n.vector.id
            before, after = _list_totals(want[root]), _list_totals(got[root])
            assert sum(before.values()) == sum(after.values())
            assert got[root]["total_counted"] == want[root]["total_counted"]
            deltas = sorted(after[k] - before[k] for k in before if after[k] != before[k])
            if group == kinds.VOTE_MOVED_BETWEEN_LISTS.name:
                assert deltas == [-1, 1], n.vector.id
            else:
                assert deltas == [], n.vector.id
                moved = [
                    (lst["number"], k, v - w["candidates"][k])
                    for lst, w in zip(got[root]["lists"], want[root]["lists"], strict=True)
                    for k, v in lst["candidates"].items()
                    if v != w["candidates"][k]
                ]
                assert sorted(d for _, _, d in moved) == [-1, 1], n.vector.id
                assert len({number for number, _, _ in moved}) == 1, n.vector.id
        elif group == kinds.ENTERED_COUNT_CHANGED.name:
            changed = {u for u in want if want[u] != got[u]}
            assert changed, n.vector.id
            by_unit = {
                u: {
                    k: _list_totals(got[u])[k] - v
                    for k, v in _list_totals(want[u]).items()
                    if _list_totals(got[u])[k] != v
                }
                for u in changed
            }
            assert len({tuple(sorted(d.items())) for d in by_unit.values()}) == 1, n.vector.id
            assert sorted(next(iter(by_unit.values())).values()) == [-1, 1], n.vector.id
        elif group == kinds.CORRECTION_NOT_APPLIED.name:
            corrected = {r["unit_id"] for r in n.vector.input["corrections"]}
            (unit,) = [u for u in corrected if u in got and got[u] != want[u]]
            (entered,) = [c for c in n.vector.input["counts"] if c["unit_id"] == unit]
            assert got[unit] == {k: v for k, v in entered.items() if k != "name"}
            assert len(wrong["corrections"]) == len(_right_trace(n)) - 1, n.vector.id
        if group in TRACE_KINDS:
            applied = len(_right_trace(n))
            assert wrong["corrections"] != _right_trace(n), n.vector.id
            records = len(wrong["corrections"])
            if group == kinds.TRACE_WRONG_RECORDS.name:
                assert records in (applied - 1, applied + 1), n.vector.id
            else:
                assert records == applied, n.vector.id


def _switched_off(rule_id: str) -> tuple[spec.totalisation_rules.TotalisationRule, ...]:
    return tuple(
        dataclasses.replace(rule, check=lambda case: ()) if rule.id == rule_id else rule
        for rule in spec.totalisation_rules.RULES
    )


@pytest.mark.parametrize("rule_id", [rule.id for rule in spec.totalisation_rules.RULES])
def test_with_a_rule_switched_off_its_wrong_answers_get_through(
    rule_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The judge with ``rule_id`` switched off: no wrong answer listing it is rejected with it
    named (``check_judge`` reports each), and those of the kinds that change only that
    rule's findings, or only the trace, are accepted outright (three at least per rule)."""
    mine = [n for n in NEGATIVES if rule_id in n.vector.rules]
    monkeypatch.setattr(spec.totalisation_rules, "RULES", _switched_off(rule_id))
    replies = spec_judge(requests(mine))
    accepted = 0
    for n in mine:
        reply = replies[str(n.vector.id)]
        assert reply.rules is not None and rule_id not in reply.rules, n.vector.id
        if n.vector.group in FINDING_KINDS | TRACE_KINDS:
            assert not reply.rejected, n.vector.id
        accepted += not reply.rejected
    assert accepted >= 3, (rule_id, accepted)
    report = check_judge(mine, spec_judge)
    assert {f.id for f in report.findings if not f.control} == {n.vector.id for n in mine}
    assert not any(f.control for f in report.findings)
