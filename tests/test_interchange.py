"""The formats (``interchange``): the hand-written readers against the published JSON Schemas,
and the district result reader against the typed result it was written from.

The readers restate, as sets of allowed keys, the ``properties`` of the schemas in
``conformance/schemas/``; these tests keep the two the same. docs/formats.md says why the
readers are hand-written (the msgspec and JSON Schema evaluation).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from conformance.vector_sources import districts
from interchange import allocation, counts, district_claims, eerste_kamer
from interchange import districts as district_codec
from interchange.district_claims import FINAL_CLAIM_FIELDS
from interchange.judging import check_districts
from reference.districts import allocate_districts
from spec.check import FINAL_ONLY, STEP_BY_STEP
from spec.claims import NATIONAL_STEPS, TRACE_FIELDS, DistrictClaim, DistrictLotClaim
from spec.district_check import judgement
from spec.districts import DistrictCompleted, DistrictElection
from spec.model import Rejected

SCHEMAS = Path(__file__).resolve().parent.parent / "conformance" / "schemas"


def _properties(schema: str, *path: str) -> frozenset[str]:
    node: Any = json.loads((SCHEMAS / f"{schema}.schema.json").read_text("utf-8"))
    for step in path:
        node = node[step]
    return frozenset(node["properties"])


@pytest.mark.parametrize(
    ("keys", "schema", "path"),
    [
        (allocation._TOP_KEYS, "seat-allocation-input", ()),
        (allocation._ELECTION_KEYS, "seat-allocation-input", ("$defs", "election")),
        (allocation._LIST_KEYS, "seat-allocation-input", ("$defs", "list")),
        (allocation._CANDIDATE_KEYS, "seat-allocation-input", ("$defs", "candidate")),
        (allocation._LOT_KEYS, "seat-allocation-input", ("$defs", "lot")),
        (eerste_kamer._TOP_KEYS, "eerste-kamer-input", ()),
        (eerste_kamer._BODY_KEYS, "eerste-kamer-input", ("$defs", "body")),
        (district_codec._TOP_KEYS, "district-allocation-input", ()),
        (
            district_codec._DISTRICT_KEYS,
            "district-allocation-input",
            ("properties", "districts", "items"),
        ),
        (district_codec._LIST_KEYS, "district-allocation-input", ("properties", "lists", "items")),
        (
            district_codec._CANDIDATE_KEYS,
            "district-allocation-input",
            ("properties", "lists", "items", "properties", "candidates", "items"),
        ),
        (district_codec._SET_KEYS, "district-allocation-input", ("properties", "sets", "items")),
        (
            district_codec._GROUP_KEYS,
            "district-allocation-input",
            ("properties", "groups", "items"),
        ),
        (
            district_codec._GROUP_KEYS,
            "district-allocation-input",
            ("properties", "combinations", "items"),
        ),
        (counts._TOP_KEYS, "counts-input", ()),
        (counts._HIERARCHY_KEYS, "counts-input", ("properties", "hierarchy")),
        (
            counts._UNIT_KEYS,
            "counts-input",
            ("properties", "hierarchy", "properties", "units", "items"),
        ),
        (counts._COUNT_KEYS, "counts-input", ("$defs", "count")),
        (
            frozenset(counts._ADMITTED_KEYS),
            "counts-input",
            ("$defs", "count", "properties", "admitted"),
        ),
        (
            counts._LIST_KEYS,
            "counts-input",
            ("$defs", "count", "properties", "lists", "items"),
        ),
        (counts._CORRECTION_KEYS, "counts-input", ("properties", "corrections", "items")),
        (counts._TOTALS_KEYS, "totals", ()),
        (counts._FINDING_KEYS, "totals", ("properties", "findings", "items")),
        (counts._RECORD_KEYS, "totals", ("properties", "corrections", "items")),
        (
            counts._CHANGE_KEYS,
            "totals",
            ("properties", "corrections", "items", "properties", "changes", "items"),
        ),
    ],
)
def test_each_reader_allows_exactly_the_fields_of_its_schema(
    keys: frozenset[str], schema: str, path: tuple[str, ...]
) -> None:
    assert keys == _properties(schema, *path)


def _group_case() -> tuple[DistrictElection, DistrictCompleted, dict[str, Any]]:
    """A handwritten district case whose result distributes a group's seats (P 12)."""
    for case in districts.CASES:
        election = district_codec.parse_district_election(case.input)
        if isinstance(election, Rejected):
            continue
        result = allocate_districts(election)
        if isinstance(result, DistrictCompleted) and any(
            d.kind == "group" and d.seats > 0 for d in result.distributions
        ):
            return election, result, district_codec.district_result_to_json(result)
    raise AssertionError("no handwritten case distributes a group's seats")


def test_the_district_claim_reads_back_what_the_typed_result_says() -> None:
    _, result, document = _group_case()
    claim = district_claims.read_district_result(document)
    assert isinstance(claim, DistrictClaim)
    assert claim.status == "completed" and claim.stage is None
    assert claim.party_seats == result.party_seats
    assert claim.seats == result.seats
    assert claim.elected == result.elected
    assert claim.elected_on_preference == result.elected_on_preference
    assert claim.ranking == result.ranking
    assert claim.national.seats == result.national.seats
    assert [(d.kind, d.owner, d.quota) for d in claim.distributions] == [
        (d.kind, d.owner, d.quota) for d in result.distributions
    ]
    for read, written in zip(claim.distributions, result.distributions, strict=True):
        assert [(r.member, r.full_seats, r.seats, r.remainder) for r in read.rows] == [
            (r.member, r.full_seats, r.seats, r.remainder) for r in written.rows
        ]
        assert read.unfilled == written.unfilled


def test_the_district_claim_names_the_trace_a_result_states() -> None:
    """``DistrictClaim.trace`` names the trace fields present, whatever their form, and the
    steps of ``national``; a result stripped to its final claim states none."""
    _, _, document = _group_case()
    claim = district_claims.read_district_result(document)
    assert "distributions" in claim.trace and NATIONAL_STEPS in claim.trace
    assert claim.trace <= {*TRACE_FIELDS, NATIONAL_STEPS}
    assert judgement(claim) == STEP_BY_STEP
    final = {k: v for k, v in document.items() if k in FINAL_CLAIM_FIELDS["completed"]}
    final["national"] = {k: v for k, v in document["national"].items() if k != "steps"}
    stripped = district_claims.read_district_result(final)
    assert stripped.trace == frozenset()
    assert judgement(stripped) == FINAL_ONLY
    # a trace field that is not of the required form is still stated (and judged as stated)
    spoiled = dict(final, transfers="none")
    assert district_claims.read_district_result(spoiled).trace == {"transfers"}


def test_the_district_lot_question_keeps_what_the_result_wrote() -> None:
    """A needs_lot question: whole-number options in the order written, a list number that is
    no number left out but its text kept for the messages, as the stage."""
    claim = district_claims.read_district_result(
        {
            "status": "needs_lot",
            "stage": 3,
            "lot": {"kind": "group_seat", "list": "1", "options": [12, "x", 11]},
            "seats_so_far": {"11": 4, "12": "5"},
        }
    )
    assert claim.stage is None and claim.stage_stated == "3"
    assert claim.lot == DistrictLotClaim(
        kind="group_seat", list=None, options=(12, 11), kind_stated="group_seat", list_stated="1"
    )
    assert claim.seats_so_far == {11: 4}
    assert district_claims.read_district_result({"status": "needs_lot"}).lot is None


def test_a_malformed_stated_value_is_named_as_the_result_wrote_it() -> None:
    """A group's kiesdeler and a row's full seats that are no numbers: the rules find them
    wrong and the messages show what the result wrote (the claim keeps that text)."""
    election, _, document = _group_case()
    assert check_districts(election, document) == []
    spoiled = copy.deepcopy(document)
    step = next(d for d in spoiled["distributions"] if d["step"] == "group_distribution")
    step["quota"] = "twelve"
    step["rows"][0]["full_seats"] = "2"
    found = check_districts(election, spoiled)
    messages = [v.message for v in found if v.rule_id == "P12.1-group-quota"]
    assert any(m.endswith("de uitkomst vermeldt twelve") for m in messages), messages
    assert any(m.endswith("de uitkomst vermeldt 2") for m in messages), messages


def test_a_result_that_is_no_object_is_a_format_violation() -> None:
    election, _, _ = _group_case()
    found = {v.rule_id for v in check_districts(election, ["not", "a", "result"])}
    assert found == {"FORMAT-result"}
