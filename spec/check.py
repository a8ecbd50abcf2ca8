"""``check(election, result_json)``: every applicable rule of ``spec.rules`` over one result.

The result is a decoded ``kieswet/seat-allocation-result@1`` document from any implementation
(``interchange.allocation.result_to_json`` writes the reference's). The rules run in the fixed
order of ``spec.rules.RULES``; the violations come out in that order, each rule's in the order
found.

A result with ``steps`` is judged step by step (``spec.rules.replay``); a result without them on
its final claim, at full strength: it must be the lawful outcome of the election
(``spec.rules.final``). ``judgement`` says which of the two a result gets.
"""

from __future__ import annotations

from interchange.result_claims import read_result
from spec.model import Election
from spec.rules import RULES, Context, Violation

STEP_BY_STEP = "judged step by step"
FINAL_ONLY = "judged on the final result only"


def judgement(result_json: object) -> str:
    """``STEP_BY_STEP`` for a result that states its ``steps``, else ``FINAL_ONLY``."""
    return STEP_BY_STEP if read_result(result_json).claims is not None else FINAL_ONLY


def check(election: Election, result_json: object) -> list[Violation]:
    """The rules ``result_json`` violates for ``election``; empty if it is a correct result."""
    ctx = Context(election, read_result(result_json))
    violations: list[Violation] = []
    for rule in RULES:  # ``rule.run(ctx)`` for each, into one list
        for message in rule.check(ctx):
            violations.append(Violation(rule.id, rule.article, message))
    return violations
