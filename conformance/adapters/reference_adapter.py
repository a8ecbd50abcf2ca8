"""The reference engine as an adapter (``kieswet adapter``): the pipeline tested end to end.

It claims every operation, election kind, law version and interpretation profile the engine
knows, candidates and lots, and answers every case through the same JSON codecs as
``kieswet allocate --json``: ``allocate`` with ``reference.allocate``,
``allocate-eerste-kamer`` with ``reference.eerste_kamer`` (a seat-allocation result) and
``allocate-districts`` with ``reference.districts`` (a ``kieswet/district-allocation-result@1``),
``totalise`` with ``reference.totalise`` (a ``kieswet/totals@1``, see
``conformance.totalise_kit``). Its profiles are the interpretation profiles and the control
protocol versions.
"""

from __future__ import annotations

import sys
from importlib import metadata
from itertools import combinations

from conformance.adapters.serve import serve
from conformance.protocol import Answer, Capabilities, Case
from conformance.suite import (
    ALLOCATE_OPERATION,
    DISTRICTS_OPERATION,
    EERSTE_KAMER_OPERATION,
    SUITE_OPERATIONS,
    TOTALISE_OPERATION,
)
from conformance.totalise_kit import answer as totalise_answer
from interchange.allocation import result_to_json
from interchange.districts import district_result_to_json
from interchange.engine import allocate_districts_json, allocate_eerste_kamer_json, allocate_json
from spec.counts import CONTROL_PROTOCOLS
from spec.model import ELECTION_KINDS, LAW_VERSIONS, PROFILE_SWITCHES

NAME = "kieswet-reference"


def version() -> str:
    try:
        return metadata.version("kieswet")
    except metadata.PackageNotFoundError:
        return "unknown"


def profile_names() -> tuple[str, ...]:
    """``default`` and every combination of the profile switches, in declaration order."""
    switches = list(PROFILE_SWITCHES)
    names = ["default"]
    for size in range(1, len(switches) + 1):
        names.extend("+".join(combo) for combo in combinations(switches, size))
    return tuple(names)


CAPABILITIES = Capabilities(
    operations=SUITE_OPERATIONS,
    kinds=ELECTION_KINDS,
    laws=LAW_VERSIONS,
    profiles=(*profile_names(), *sorted(CONTROL_PROTOCOLS)),
    candidates=True,
    lots=True,
)


def handle(case: Case) -> Answer:
    """Allocate one case with the reference engine."""
    if case.operation == ALLOCATE_OPERATION:
        result = allocate_json(case.input)
    elif case.operation == EERSTE_KAMER_OPERATION:
        result = allocate_eerste_kamer_json(case.input)
    elif case.operation == DISTRICTS_OPERATION:
        districts = allocate_districts_json(case.input)
        return Answer(case.id, districts.status, district_result_to_json(districts))
    elif case.operation == TOTALISE_OPERATION:
        return totalise_answer(case)
    else:
        return Answer(case.id, "skipped", message=f"operation {case.operation!r} not supported")
    return Answer(case.id, result.status, result_to_json(result))


def main() -> int:
    return serve(NAME, version(), CAPABILITIES, handle)


if __name__ == "__main__":
    sys.exit(main())
