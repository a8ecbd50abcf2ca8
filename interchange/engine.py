"""The reference engine over JSON documents: read the input, allocate, give the typed result.

``reference`` takes and gives typed records only; these are the one-line paths for a caller
holding a decoded document (the CLI, the reference adapter, the tests). An invalid document
gives the ``Rejected`` of its reader, naming every offending field. Write the result with
``interchange.allocation.result_to_json`` or ``interchange.districts.district_result_to_json``.
"""

from __future__ import annotations

from interchange.allocation import parse_election
from interchange.districts import parse_district_election
from interchange.eerste_kamer import parse_eerste_kamer
from reference import eerste_kamer
from reference.allocate import allocate
from reference.districts import allocate_districts
from spec.districts import DistrictResult
from spec.eerste_kamer import EerstekamerElection
from spec.model import Rejected, Result


def allocate_json(data: object) -> Result:
    """Validate a decoded ``kieswet/seat-allocation-input@1`` document and allocate it."""
    parsed = parse_election(data)
    if isinstance(parsed, Rejected):
        return parsed
    return allocate(parsed)


def allocate_districts_json(data: object) -> DistrictResult:
    """Validate a decoded ``kieswet/district-allocation-input@1`` document and allocate it."""
    parsed = parse_district_election(data)
    if isinstance(parsed, Rejected):
        return parsed
    return allocate_districts(parsed)


def eerste_kamer_election(data: object) -> EerstekamerElection | Rejected:
    """Validate a decoded ``kieswet/eerste-kamer-input@1`` document and weigh its votes by the
    engine's U 2 and U 3 (``reference.eerste_kamer.eerste_kamer_election``)."""
    source = parse_eerste_kamer(data)
    if isinstance(source, Rejected):
        return source
    return eerste_kamer.eerste_kamer_election(source)


def allocate_eerste_kamer_json(data: object) -> Result:
    """Weigh a decoded ``kieswet/eerste-kamer-input@1`` document and allocate its seats."""
    source = parse_eerste_kamer(data)
    if isinstance(source, Rejected):
        return source
    return eerste_kamer.allocate_eerste_kamer(source)
