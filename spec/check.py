"""``check(election, claim)``: every applicable rule of ``spec.rules`` over one result.

The claim is what a result states (``spec.claims.ReadResult``), read from a
``kieswet/seat-allocation-result@1`` document of any implementation by
``interchange.result_claims.read_result`` (``interchange.allocation.result_to_json`` writes the
reference's). The rules run in the fixed order of ``spec.rules.RULES``; the violations come out
in that order, each rule's in the order found.

A result with ``steps`` is judged step by step (``spec.rules.replay``); a result without them on
its final claim, at full strength: it must be the lawful outcome of the election
(``spec.rules.final``). ``judgement`` says which of the two a result gets.
"""

from __future__ import annotations

from spec.claims import ReadResult, without_steps
from spec.model import Election
from spec.rules import RULES, Context, Violation

STEP_BY_STEP = "beoordeeld per stap"
"""The judgement of a result that states its ``steps`` (as the verdicts print it)."""
FINAL_ONLY = "beoordeeld op het eindresultaat"
"""The judgement of a result without ``steps``: on its final claim, at full strength."""


def judgement(claim: ReadResult) -> str:
    """``STEP_BY_STEP`` for a result that states its ``steps``, else ``FINAL_ONLY``."""
    return STEP_BY_STEP if claim.claims is not None else FINAL_ONLY


def check(election: Election, claim: ReadResult) -> list[Violation]:
    """The rules ``claim`` violates for ``election``; empty if it is a correct result.

    A result with ``steps`` in which the rules find nothing wrong must still state the lawful
    outcome: it is then judged once more on its final claim alone, at full strength, as a
    result without steps is (``spec.rules.final``). Steps that are consistent in themselves can
    still belong to another election (a supplied lot ignored, or one applied that the input
    does not give); the final claim cannot."""
    ctx = Context(election, claim)
    violations: list[Violation] = []
    for rule in RULES:  # ``rule.run(ctx)`` for each, into one list
        for message in rule.check(ctx):
            violations.append(Violation(rule.id, rule.article, message))
    if not violations and claim.claims is not None:
        return check(election, without_steps(claim))
    return violations
