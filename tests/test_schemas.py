"""The JSON Schemas in conformance/schemas agree with the codec (interchange/allocation.py).

The input schema states the structure ``parse_election`` accepts; the result schema states what
``result_to_json`` writes, for completed, needs-lot and rejected results alike.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the 'test' extra")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from interchange.allocation import parse_election, result_to_json  # noqa: E402
from interchange.engine import allocate_json  # noqa: E402
from reference.allocate import allocate  # noqa: E402
from spec.model import (  # noqa: E402
    ELECTION_KINDS,
    LAW_VERSIONS,
    Election,
    NeedsLot,
    Rejected,
)

Draft202012Validator = jsonschema.Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "conformance" / "schemas"
ALL_EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
FORMATS = {path: json.loads(path.read_text("utf-8"))["format"] for path in ALL_EXAMPLES}
EXAMPLES = [p for p in ALL_EXAMPLES if FORMATS[p] == "kieswet/seat-allocation-input@1"]
OTHER_EXAMPLES = [p for p in ALL_EXAMPLES if p not in EXAMPLES]
ROERMOND_LOT = {"kind": "residual_seat", "options": [3, 9], "drawn": 9}


def _load(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf-8"))
    return schema


INPUT_SCHEMA = _load("seat-allocation-input")
RESULT_SCHEMA = _load("seat-allocation-result")
INPUT = Draft202012Validator(INPUT_SCHEMA)
RESULT = Draft202012Validator(RESULT_SCHEMA)


def _example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / "examples" / name).read_text("utf-8"))
    return data


def _assert_valid(validator: Any, document: object) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == [], "\n".join(errors)


# --------------------------------------------------------------------------- the schemas


@pytest.mark.parametrize("schema", [INPUT_SCHEMA, RESULT_SCHEMA], ids=["input", "result"])
def test_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("https://kieswet.example/schemas/seat-allocation-")
    assert schema["$id"].endswith("@1")


def _properties(node: object) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        yield from node.get("properties", {}).items()
        for key, value in node.items():
            if key not in ("if", "then", "else"):  # refinements of described properties
                yield from _properties(value)
    elif isinstance(node, list):
        for value in node:
            yield from _properties(value)


@pytest.mark.parametrize("schema", [INPUT_SCHEMA, RESULT_SCHEMA], ids=["input", "result"])
def test_every_property_is_described(schema: dict[str, Any]) -> None:
    undocumented = [name for name, sub in _properties(schema) if not sub.get("description")]
    assert undocumented == []


@pytest.mark.parametrize(
    ("name", "path", "names"),
    [
        ("seat-allocation-input", ("$defs", "election", "properties", "law"), LAW_VERSIONS),
        ("seat-allocation-input", ("$defs", "election", "properties", "kind"), ELECTION_KINDS),
        ("eerste-kamer-input", ("$defs", "election", "properties", "law"), LAW_VERSIONS),
        (
            "district-allocation-input",
            ("properties", "election", "properties", "law"),
            LAW_VERSIONS,
        ),
        (
            "district-allocation-input",
            ("properties", "election", "properties", "kind"),
            ELECTION_KINDS,
        ),
        (
            "adapter-protocol",
            ("$defs", "capabilities", "properties", "kinds", "items"),
            ELECTION_KINDS,
        ),
    ],
)
def test_schemas_enumerate_every_law_version_and_kind(
    name: str, path: tuple[str, ...], names: tuple[str, ...]
) -> None:
    """The enums of the schemas are the codec's names (``pre-2017-12``, ``KNI`` included)."""
    node: Any = _load(name)
    for key in path:
        node = node[key]
    assert node["enum"] == list(names)


def test_input_schema_mentions_articles() -> None:
    text = json.dumps(INPUT_SCHEMA)
    for article in ("P 5", "P 7", "P 8", "P 9", "P 10", "P 15", "P 17", "P 19a"):
        assert article in text


# --------------------------------------------------------------------------- examples


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_inputs_validate(path: Path) -> None:
    data = json.loads(path.read_text("utf-8"))
    _assert_valid(INPUT, data)
    assert isinstance(parse_election(data), Election)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_results_validate(path: Path) -> None:
    result = result_to_json(allocate_json(json.loads(path.read_text("utf-8"))))
    assert result["status"] in ("completed", "needs_lot")
    _assert_valid(RESULT, result)


@pytest.mark.parametrize("path", OTHER_EXAMPLES, ids=[p.stem for p in OTHER_EXAMPLES])
def test_district_and_eerste_kamer_examples_validate(path: Path) -> None:
    """The synthetic examples (TK over kieskringen, Eerste Kamer in member votes) and their
    results against the schemas of their own formats."""
    from kieswet.allocate_cmd import decode_and_allocate, district_result

    text = path.read_text("utf-8")
    name = FORMATS[path].split("/")[1].split("@")[0]
    _assert_valid(Draft202012Validator(_load(name)), json.loads(text))
    district = district_result(text)
    if district is not None:
        document, code = district
        result_schema = "district-allocation-result"
    else:
        result, _ = decode_and_allocate(text)
        document, code = result_to_json(result), 0
        result_schema = "seat-allocation-result"
    assert code == 0 and document["status"] == "completed"
    _assert_valid(Draft202012Validator(_load(result_schema)), document)


def test_roermond_needs_lot_then_completes() -> None:
    data = _example("roermond-2026.json")
    asked = result_to_json(allocate_json(data))
    assert asked["status"] == "needs_lot"
    assert asked["lot"]["options"] == ROERMOND_LOT["options"]
    _assert_valid(RESULT, asked)
    data["lots"] = [ROERMOND_LOT]
    _assert_valid(INPUT, data)
    answered = result_to_json(allocate_json(data))
    assert answered["status"] == "completed"
    _assert_valid(RESULT, answered)


def test_enkhuizen_result_has_every_list_level_step_type() -> None:
    result = result_to_json(allocate_json(_example("enkhuizen-2022.json")))
    kinds = {step["step"] for step in result["steps"]}
    assert {"full_seats", "residual_seat", "list_exhaustion", "preference"} <= kinds


def test_reusel_result_has_absolute_majority_step() -> None:
    result = result_to_json(allocate_json(_example("reusel-de-mierden-2022.json")))
    assert "absolute_majority" in {step["step"] for step in result["steps"]}
    _assert_valid(RESULT, result)


# --------------------------------------------------------------------------- rejected results


def test_lot_mismatch_result_validates() -> None:
    data = _example("roermond-2026.json")
    data["lots"] = [{"kind": "residual_seat", "options": [3, 4], "drawn": 4}]
    _assert_valid(INPUT, data)  # structurally fine; only the allocation finds the mismatch
    result = result_to_json(allocate_json(data))
    assert result["status"] == "rejected"
    assert result["errors"][0]["code"] == "lot_mismatch"
    _assert_valid(RESULT, result)


def test_leftover_lot_result_validates() -> None:
    data = _example("enkhuizen-2022.json")
    data["lots"] = [ROERMOND_LOT]
    result = result_to_json(allocate_json(data))
    assert [e["code"] for e in result["errors"]] == ["lot_mismatch"]
    _assert_valid(RESULT, result)


def test_malformed_json_result_validates() -> None:
    from kieswet.allocate_cmd import decode_and_allocate

    result, _ = decode_and_allocate("{not json")
    document = result_to_json(result)
    assert document["errors"][0]["code"] == "malformed_json"
    _assert_valid(RESULT, document)


def _small() -> dict[str, Any]:
    return {
        "format": "kieswet/seat-allocation-input@1",
        "election": {"kind": "GR", "seats": 9},
        "lists": [
            {"number": 1, "name": "A", "votes": 600, "candidate_count": 5},
            {"number": 2, "name": "B", "candidates": [{"number": 1, "votes": 300}]},
        ],
    }


def _mutate(path: tuple[object, ...], value: object) -> dict[str, Any]:
    data = copy.deepcopy(_small())
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


def _without(path: tuple[object, ...]) -> dict[str, Any]:
    data = copy.deepcopy(_small())
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return data


INVALID: dict[str, tuple[dict[str, Any], str]] = {
    "unknown top-level field": (_mutate(("seats",), 9), "unknown_field"),
    "unknown list field": (_mutate(("lists", 0, "colour"), "red"), "unknown_field"),
    "unknown candidate field": (
        _mutate(("lists", 1, "candidates", 0, "gender"), "x"),
        "unknown_field",
    ),
    "negative list votes": (_mutate(("lists", 0, "votes"), -1), "negative"),
    "negative candidate votes": (
        _mutate(("lists", 1, "candidates", 0, "votes"), -5),
        "negative",
    ),
    "string votes": (_mutate(("lists", 0, "votes"), "600"), "not_an_integer"),
    "boolean votes": (_mutate(("lists", 0, "votes"), True), "not_an_integer"),
    "unknown kind": (_mutate(("election", "kind"), "XX"), "unknown_kind"),
    "lower-case kind": (_mutate(("election", "kind"), "gr"), "unknown_kind"),
    "zero seats": (_mutate(("election", "seats"), 0), "invalid_seats"),
    "unknown law": (_mutate(("election", "law"), "1989"), "unknown_law_version"),
    "unknown profile": (_mutate(("election", "profile"), "strict"), "unknown_profile"),
    "default joined with a switch": (
        _mutate(("election", "profile"), "default+candidate-lot-always"),
        "unknown_profile",
    ),
    "wrong format": (_mutate(("format",), "kieswet/seat-allocation-input@2"), "unknown_format"),
    "no election": (_without(("election",)), "missing"),
    "no lists": (_mutate(("lists",), []), "missing"),
    "neither votes nor candidates": (_without(("lists", 0, "votes")), "missing"),
    "list number zero": (_mutate(("lists", 0, "number"), 0), "invalid_number"),
    "candidates with candidate_count": (
        _mutate(("lists", 1, "candidate_count"), 3),
        "conflicting_fields",
    ),
    "deceased_count without candidate_count": (
        _mutate(("lists", 0), {"number": 1, "votes": 600, "deceased_count": 1}),
        "missing_candidate_count",
    ),
    "deceased not a boolean": (
        _mutate(("lists", 1, "candidates", 0, "deceased"), "yes"),
        "not_a_boolean",
    ),
    "unknown lot kind": (
        _mutate(("lots",), [{"kind": "seat", "options": [1, 2], "drawn": 1}]),
        "invalid_lot_kind",
    ),
    "lot with one option": (
        _mutate(("lots",), [{"kind": "residual_seat", "options": [1], "drawn": 1}]),
        "invalid_options",
    ),
    "candidate lot without list": (
        _mutate(("lots",), [{"kind": "candidate", "options": [1, 2], "drawn": 1}]),
        "invalid_number",
    ),
    "list lot naming a list": (
        _mutate(("lots",), [{"kind": "residual_seat", "options": [1, 2], "drawn": 1, "list": 1}]),
        "unexpected_field",
    ),
}


@pytest.mark.parametrize("case", INVALID, ids=list(INVALID))
def test_invalid_input_rejected_by_schema_and_codec(case: str) -> None:
    data, code = INVALID[case]
    assert not INPUT.is_valid(data), f"schema accepts: {case}"
    parsed = parse_election(data)
    assert isinstance(parsed, Rejected), f"parse_election accepts: {case}"
    assert code in {e.code for e in parsed.errors}
    _assert_valid(RESULT, result_to_json(parsed))


def test_small_valid_input_accepted_by_both() -> None:
    data = _small()
    data["election"].update(law="bill-36641", profile="candidate-lot-always+p9-counts-as-residual")
    data["lots"] = [{"kind": "residual_seat", "options": [2, 1], "drawn": 2, "list": None}]
    _assert_valid(INPUT, data)
    assert isinstance(parse_election(data), Election)


# --------------------------------------------------------------------------- generated inputs

KINDS = ("TK", "EP", "PS", "AB", "GR", "ER", "EK")
PROFILES = (
    "default",
    "p9-counts-as-residual",
    "candidate-lot-always",
    "p9-counts-as-residual+candidate-lot-always",
)


@st.composite
def election_documents(draw: st.DrawFn) -> dict[str, Any]:
    """Small elections: each list has candidates (with votes, some deceased) or list-level
    votes (with an optional candidate count). Small vote ranges make ties, lots, P 9 and P 10
    common."""
    list_count = draw(st.integers(1, 6))
    numbers = sorted(draw(st.sets(st.integers(1, 12), min_size=list_count, max_size=list_count)))
    lists: list[dict[str, Any]] = []
    for number in numbers:
        item: dict[str, Any] = {"number": number, "name": f"list {number}"}
        if draw(st.booleans()):
            votes = draw(st.lists(st.integers(0, 60), min_size=0, max_size=6))
            item["candidates"] = [
                {
                    "number": i + 1,
                    "votes": v,
                    **({"deceased": True} if draw(st.integers(0, 9)) == 0 else {}),
                }
                for i, v in enumerate(votes)
            ]
        else:
            item["votes"] = draw(st.integers(0, 300))
            if draw(st.booleans()):
                item["candidate_count"] = draw(st.integers(0, 8))
                if item["candidate_count"] and draw(st.integers(0, 4)) == 0:
                    item["deceased_count"] = draw(st.integers(0, item["candidate_count"]))
        lists.append(item)
    return {
        "format": "kieswet/seat-allocation-input@1",
        "election": {
            "kind": draw(st.sampled_from(KINDS)),
            "seats": draw(st.integers(1, 25)),
            "law": draw(st.sampled_from(("current", "bill-36641"))),
            "profile": draw(st.sampled_from(PROFILES)),
        },
        "lists": lists,
        "lots": [],
    }


def _total_votes(document: dict[str, Any]) -> int:
    return sum(
        lst["votes"] if "votes" in lst else sum(c["votes"] for c in lst["candidates"])
        for lst in document["lists"]
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(election_documents(), st.data())
def test_generated_inputs_and_results_validate(
    document: dict[str, Any], data: st.DataObject
) -> None:
    _assert_valid(INPUT, document)
    parsed = parse_election(document)
    if _total_votes(document) == 0:
        assert isinstance(parsed, Rejected)
        assert [e.code for e in parsed.errors] == ["zero_votes"]
        _assert_valid(RESULT, result_to_json(parsed))
        return
    assert isinstance(parsed, Election), parsed
    result = allocate(parsed)
    # Answer every lot question with a drawn option and rerun, validating each result.
    for _ in range(20):
        _assert_valid(RESULT, result_to_json(result))
        if not isinstance(result, NeedsLot):
            break
        question = result.lot
        lot: dict[str, Any] = {
            "kind": question.kind,
            "options": list(question.options),
            "drawn": data.draw(st.sampled_from(question.options)),
        }
        if question.list is not None:
            lot["list"] = question.list
        document = {**document, "lots": [*document["lots"], lot]}
        _assert_valid(INPUT, document)
        reparsed = parse_election(document)
        assert isinstance(reparsed, Election)
        result = allocate(reparsed)
    assert not isinstance(result, (NeedsLot, Rejected)), result


# --------------------------------------------------------------------------- schema vs. codec

# Rejections the schema cannot express (see the input schema's description): an input the
# schema accepts may still be rejected by parse_election, but only for these reasons.
SEMANTIC_CODES = frozenset(
    {
        "duplicate",
        "unsorted",
        "votes_mismatch",
        "too_many_deceased",
        "drawn_not_an_option",
        "zero_votes",
    }
)
FIELD_NAMES = (
    "format", "source", "election", "lists", "lots", "kind", "seats", "law", "profile", "name",
    "date", "number", "votes", "candidates", "candidate_count", "deceased_count", "deceased",
    "options", "drawn", "list", "colour",
)  # fmt: skip

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-2, 40)
    | st.sampled_from([2.5, -0.5])  # whole floats (3.0) are the one known gap: see the schema
    | st.sampled_from(
        [
            "",
            "GR",
            "TK",
            "current",
            "bill-36641",
            "default",
            "candidate",
            "residual_seat",
            "candidate-lot-always",
            "x",
        ]
    ),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(FIELD_NAMES), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(node: object, path: tuple[object, ...] = ()) -> Iterator[tuple[object, ...]]:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


@st.composite
def mutated_documents(draw: st.DrawFn) -> object:
    """A valid document with one to three random structural changes."""
    document: Any = copy.deepcopy(draw(election_documents()))
    if draw(st.booleans()):
        document["lots"] = [{"kind": "residual_seat", "options": [1, 2], "drawn": 2}]
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(_paths(document))))
        if not path:
            if draw(st.integers(0, 9)) == 0:
                document = draw(json_values)
            continue
        parent: Any = document
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(("replace", "delete", "add")))
        if action == "replace":
            parent[path[-1]] = draw(json_values)
        elif action == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent[path[-1]], dict):
            parent[path[-1]][draw(st.sampled_from(FIELD_NAMES))] = draw(json_values)
    return document


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_documents())
def test_schema_and_codec_agree_on_structure(document: object) -> None:
    parsed = parse_election(document)
    schema_ok = INPUT.is_valid(document)
    if isinstance(parsed, Election):
        assert schema_ok, [e.message for e in INPUT.iter_errors(document)]
    elif schema_ok:
        codes = {e.code for e in parsed.errors}
        assert codes <= SEMANTIC_CODES, parsed.errors
