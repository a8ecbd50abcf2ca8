"""Every rule of the judge is exercised by at least three negative vectors that fail when it is
broken (issue 16, "suite power").

For each rule id: the negative vectors (the groups flagged ``invalid`` of the shipped suite)
that list it are at least three, and with the rule switched off (a judge mutant whose check for
that rule never fires) ``check_judge`` reports every one of them as not rejected with the rule
named, while the right answers to the same inputs stay accepted. Only the negatives naming the
rule are judged, so each case is fast.

``SWITCH_OFF`` maps a rule id to how it is switched off. The default, ``rule_off``, replaces the
rule's ``Rule`` in ``spec.rules.RULES`` (as ``spec.check`` and ``spec.district_check`` see it) by
one whose check yields nothing; a rule that needs another way is given its own entry. The rule
ids tested are every rule of ``spec.rules.RULES`` (the single-contest judge, ``ALLOCATE_RULES``,
and the district and Eerste Kamer judges) but ``NO_WRONG_ANSWER``, each with its reason.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

import pytest

import spec.check
import spec.district_check
import spec.rules
from conformance.negative import check_judge, spec_judge
from conformance.suite import NegativeVector, default_suite, load_negative
from spec.rules import (
    candidates,
    consistency,
    exhaustion,
    lots,
    majority,
    quota,
    residual,
)

SUITE = default_suite()
BUILT = (SUITE / "manifest.json").is_file()
pytestmark = pytest.mark.skipif(not BUILT, reason="the shipped suite is not built yet")
NEGATIVES: list[NegativeVector] = load_negative(SUITE) if BUILT else []

Switch = Callable[[pytest.MonkeyPatch, str], None]


def rule_off(monkeypatch: pytest.MonkeyPatch, rule_id: str) -> None:
    """The rule ``rule_id`` of ``spec.rules.RULES`` never fires, for both judges."""
    rules = spec.rules.RULES
    assert rule_id in {r.id for r in rules}, rule_id
    mutated = tuple(
        dataclasses.replace(r, check=lambda ctx: ()) if r.id == rule_id else r for r in rules
    )
    monkeypatch.setattr(spec.check, "RULES", mutated)
    monkeypatch.setattr(spec.district_check, "RULES", mutated)


ALLOCATE_RULES: tuple[str, ...] = tuple(
    rule.id
    for group in (
        consistency.DOCUMENT_RULES,
        quota.RULES,
        consistency.TOTAL_RULES,
        residual.RULES,
        lots.RULES,
        majority.RULES,
        exhaustion.RULES,
        candidates.RULES,
    )
    for rule in group
)
"""The rules of the single-contest judge (``allocate``)."""

NO_WRONG_ANSWER: Mapping[str, str] = {
    "U2-stemwaarde": "an answer states no stemwaarden: a wrong stemwaarde shows only in the "
    "stemcijfers it produces, named as U3-stemcijfer (docs/eerste-kamer.md); U 2 judges an "
    "EerstekamerElection handed to spec.check with its own weighing (tests/test_eerste_kamer.py)",
}
"""The rules no wrong answer can break, with the reason."""

SWITCH_OFF: Mapping[str, Switch] = {
    rule.id: rule_off for rule in spec.rules.RULES if rule.id not in NO_WRONG_ANSWER
}
"""How each rule is switched off: every rule of ``spec.rules.RULES`` (the single-contest,
district and Eerste Kamer judges) but those of ``NO_WRONG_ANSWER``."""

RULE_IDS = tuple(SWITCH_OFF)


def test_every_rule_is_tested_or_said_to_be_out_of_reach() -> None:
    every = {rule.id for rule in spec.rules.RULES}
    assert set(RULE_IDS) | set(NO_WRONG_ANSWER) == every
    assert set(ALLOCATE_RULES) <= set(RULE_IDS)
    assert not set(NO_WRONG_ANSWER) - every  # no stale entry


def test_the_single_contest_rules_are_those_expected() -> None:
    """A guard on ``ALLOCATE_RULES``: the rules the single-contest judge has, by id."""
    assert {
        "FORMAT-result",
        "RESULT-status",
        "STEPS-consistent",
        "SEATS-total",
        "P5-quota",
        "P6-full-seats",
        "BILL36641-full-quota",
        "P7.2-full-quota-threshold",
        "P8.2-75-percent",
        "P8.3-average-one-per-list",
        "TIE-list-order",
        "LOT-decisive",
        "LOT-drawn",
        "P15-threshold",
        "P15-threshold-strict",
        "Pa25-surplus-stays-empty",
        "RESIDUAL-no-votes",
    } <= set(ALLOCATE_RULES)


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_at_least_three_negative_vectors_fail_when_the_rule_is_broken(
    monkeypatch: pytest.MonkeyPatch, rule_id: str
) -> None:
    mine = [n for n in NEGATIVES if rule_id in n.vector.rules]
    assert len(mine) >= 3, (rule_id, len(mine))
    intact = check_judge(mine, spec_judge)
    assert intact.findings == () and intact.unnamed == (), rule_id
    SWITCH_OFF[rule_id](monkeypatch, rule_id)
    broken = check_judge(mine, spec_judge)
    failed = {f.id for f in broken.findings if not f.control}
    assert failed == {n.vector.id for n in mine}, (rule_id, len(failed), len(mine))
    assert not any(f.control for f in broken.findings), rule_id
