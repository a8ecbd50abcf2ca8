"""``check_districts(election, claim)``: every rule of ``spec.rules`` over a district result.

The claim is what a district result states (``spec.claims.DistrictClaim``), read from a
``kieswet/district-allocation-result@1`` document of any implementation by
``interchange.district_claims.read_district_result``. Its ``national`` part (the allocation over
lijstengroepen, stellen, lists and combinations taken as single lists, P 3 – P 10) is judged by
the single-contest rules; the rest by the rules of ``spec.rules.groups`` (P 12, P 13, P 15 –
P 19, old P 11). This module never imports ``reference/``.
"""

from __future__ import annotations

from spec.claims import DistrictClaim
from spec.districts import DistrictElection
from spec.rules import RULES, Violation
from spec.rules.groups import district_context

_TOLERATED_REJECTIONS = frozenset({"lot_mismatch", "combination_check_needs_lot"})


def check_districts(election: DistrictElection, claim: DistrictClaim) -> list[Violation]:
    """The rules ``claim`` violates for ``election``; empty if it is a correct result."""
    codes = set(claim.error_codes)
    if claim.status == "rejected" and codes and codes <= _TOLERATED_REJECTIONS:
        return []  # a supplied lot that does not fit, or old P 4 lid 2 needing a lot
    ctx = district_context(election, claim)
    violations: list[Violation] = []
    for rule in RULES:
        violations.extend(rule.run(ctx))
    return violations
