"""The judge over JSON documents: read the result (and the input), then apply ``spec``.

One line for a caller that holds decoded documents: ``check(election, result_json)`` reads the
``kieswet/seat-allocation-result@1`` document into ``spec.claims`` records
(``interchange.result_claims.read_result``) and runs ``spec.check.check``;
``check_districts`` and ``district_judgement`` do the same for a
``kieswet/district-allocation-result@1`` document
(``interchange.district_claims.read_district_result``, ``spec.district_check``);
``weighed_by_law`` validates a ``kieswet/eerste-kamer-input@1`` document and weighs it by the
law's own statement of U 2 and U 3 (``spec.eerste_kamer.weighed_by_law``).
"""

from __future__ import annotations

import spec.check
import spec.district_check
from interchange.district_claims import read_district_result
from interchange.eerste_kamer import parse_eerste_kamer
from interchange.result_claims import read_result
from spec.districts import DistrictElection
from spec.eerste_kamer import EerstekamerElection
from spec.eerste_kamer import weighed_by_law as _weighed_by_law
from spec.model import Election, Rejected
from spec.rules import Violation


def check(election: Election, result_json: object) -> list[Violation]:
    """The rules ``result_json`` violates for ``election``; empty if it is a correct result."""
    return spec.check.check(election, read_result(result_json))


def judgement(result_json: object) -> str:
    """``spec.check.STEP_BY_STEP`` for a result that states its ``steps``, else
    ``spec.check.FINAL_ONLY``."""
    return spec.check.judgement(read_result(result_json))


def check_districts(election: DistrictElection, result_json: object) -> list[Violation]:
    """The rules a district result document violates for ``election``; empty if correct."""
    return spec.district_check.check_districts(election, read_district_result(result_json))


def district_judgement(result_json: object) -> str:
    """``spec.check.STEP_BY_STEP`` for a district result document that states any trace, else
    ``spec.check.FINAL_ONLY`` (judged on its final claim: ``spec.rules.district_final``)."""
    return spec.district_check.judgement(read_district_result(result_json))


def weighed_by_law(data: object) -> EerstekamerElection | Rejected:
    """A decoded ``kieswet/eerste-kamer-input@1`` document validated and weighed by the law's
    statement of U 2 and U 3 (``spec.eerste_kamer.weighed_by_law``), or why it is invalid."""
    source = parse_eerste_kamer(data)
    if isinstance(source, Rejected):
        return source
    return _weighed_by_law(source)
