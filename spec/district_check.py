"""``check_districts(election, result_json)``: every rule of ``spec.rules`` over a district result.

The result is a decoded ``kieswet/district-allocation-result@1`` document from any implementation.
Its ``national`` part (the allocation over lijstengroepen, stellen, lists and combinations taken
as single lists, P 3 – P 10) is judged by the single-contest rules; the rest by the rules of
``spec.rules.groups`` (P 12, P 13, P 15 – P 18, old P 11). This module never imports
``reference/``.
"""

from __future__ import annotations

from typing import Any

from interchange.result_claims import RESULT_FORMAT, read_result
from spec.districts import DistrictElection
from spec.rules import RULES, Violation
from spec.rules.groups import district_context

_TOLERATED_REJECTIONS = frozenset({"lot_mismatch", "combination_check_needs_lot"})


def check_districts(election: DistrictElection, result_json: object) -> list[Violation]:
    """The rules ``result_json`` violates for ``election``; empty if it is a correct result."""
    document: dict[str, Any] = result_json if isinstance(result_json, dict) else {}
    status = document.get("status")
    if status == "rejected":
        errors = document.get("errors")
        codes = (
            {e.get("code") for e in errors if isinstance(e, dict)}
            if isinstance(errors, list)
            else set()
        )
        if codes and codes <= _TOLERATED_REJECTIONS:
            return []  # a supplied lot that does not fit, or old P 4 lid 2 needing a lot
        national: object = {"format": RESULT_FORMAT, "status": "rejected", "errors": errors}
    else:
        national = document.get("national", {})
    ctx = district_context(election, document, read_result(national))
    violations: list[Violation] = []
    for rule in RULES:
        violations.extend(rule.run(ctx))
    return violations
