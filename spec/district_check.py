"""``check_districts(election, claim)``: every rule of ``spec.rules`` over a district result.

The claim is what a district result states (``spec.claims.DistrictClaim``), read from a
``kieswet/district-allocation-result@1`` document of any implementation by
``interchange.district_claims.read_district_result``. Its ``national`` part (the allocation over
lijstengroepen, stellen, lists and combinations taken as single lists, P 3 – P 10) is judged by
the single-contest rules; the rest by the rules of ``spec.rules.groups`` (P 12, P 13, P 15 –
P 19, old P 11). This module never imports ``reference/``.

The trace of a district result (``spec.claims.TRACE_FIELDS``: ``distributions``,
``combination_checks``, ``preference``, ``elected_on_preference``, ``placements``,
``double_elections``, ``transfers``, and ``national.steps``) is optional. Each part that is
present is judged as stated; the claims it would explain, where it is absent, are judged at full
strength against the law (``spec.rules.district_final``): a result without any trace (a
final-only result) is accepted exactly when it is the lawful outcome of the election.
``judgement`` says which of the two a result gets.
"""

from __future__ import annotations

from spec.check import FINAL_ONLY, STEP_BY_STEP
from spec.claims import DistrictClaim, without_trace
from spec.districts import DistrictElection
from spec.rules import RULES, Violation
from spec.rules.district_final import lawful_combinations, lots_misfit, states_trace
from spec.rules.groups import district_context

_TOLERATED_REJECTIONS = frozenset({"lot_mismatch", "combination_check_needs_lot"})


def judgement(claim: DistrictClaim) -> str:
    """``STEP_BY_STEP`` for a district result that states any trace, else ``FINAL_ONLY``."""
    return STEP_BY_STEP if states_trace(claim) else FINAL_ONLY


def check_districts(election: DistrictElection, claim: DistrictClaim) -> list[Violation]:
    """The rules ``claim`` violates for ``election``; empty if it is a correct result."""
    codes = set(claim.error_codes)
    # a supplied lot that does not fit, or old P 4 lid 2 needing a lot: only where the input
    # has one
    if (
        claim.status == "rejected"
        and codes
        and codes <= _TOLERATED_REJECTIONS
        and (
            ("lot_mismatch" in codes and lots_misfit(election))
            or ("combination_check_needs_lot" in codes and lawful_combinations(election) is None)
        )
    ):
        return []
    ctx = district_context(election, claim)
    violations: list[Violation] = []
    for rule in RULES:
        violations.extend(rule.run(ctx))
    if not violations and states_trace(claim):
        # A result with trace in which the rules find nothing wrong must still state the
        # lawful outcome: it is then judged once more on its final claim alone, at full
        # strength, as a final-only result is. Trace that is consistent in itself can still
        # belong to another election (a lot applied that the input does not give); the final
        # claim cannot.
        return check_districts(election, without_trace(claim))
    return violations
