"""Elections with districts: the input contract, the hand-written cases, the spec, the CLI.

Kieswet (BWBR0004627), consolidated text of 2026-01-01; old P 4 / P 11 for ``pre-2017-12``.
The expectations of the hand-written cases (``conformance.vector_sources.districts.CASES``)
are hand computations written out in each case's comment.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conformance.vector_sources.districts import CASES, DistrictCase, cand_list, district_doc, lst
from reference.districts import allocate_districts, allocate_districts_json
from reference.stemwaarde import stemwaarde
from spec.district_check import check_districts
from spec.districts import DistrictCompleted, DistrictElection, stemwaarde_of
from spec.districts_codec import district_result_to_json, parse_district_election
from spec.model import Rejected

ROOT = Path(__file__).resolve().parent.parent


def _parsed(document: dict[str, Any]) -> DistrictElection:
    parsed = parse_district_election(document)
    assert isinstance(parsed, DistrictElection), parsed
    return parsed


def _result(document: dict[str, Any]) -> dict[str, Any]:
    return district_result_to_json(allocate_districts(_parsed(document)))


def _case(name: str) -> DistrictCase:
    return next(c for c in CASES if c.comment.startswith(name) or c.group == name)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.group}: {c.comment[:40]}")
def test_hand_written_cases(case: DistrictCase) -> None:
    """Every hand-written case: status, seats per party and per list, elected, lot, errors;
    and the spec finds nothing in the reference's result (rules P12-seat-sum,
    P12.1-group-quota, P12.2-largest-remainder, combination-P11-quota,
    combination-P11-largest-remainder, P15.2-summed-preference, P16-placement,
    P18-elected-once)."""
    result = allocate_districts_json(case.input)
    document = district_result_to_json(result)
    assert document["status"] == case.status, document
    if case.errors is not None:
        found = {(e["field"], e["code"]) for e in document["errors"]}
        assert set(case.errors) <= found
        return
    election = _parsed(dict(case.input))
    assert check_districts(election, document) == []
    if case.lot is not None:
        lot = document["lot"]
        assert (lot["kind"], lot["options"], lot.get("list")) == (
            case.lot["kind"],
            case.lot["options"],
            case.lot.get("list"),
        )
        return
    assert {int(k): v for k, v in document["party_seats"].items()} == dict(case.party_seats or {})
    assert {int(k): v for k, v in document["seats"].items()} == dict(case.seats or {})
    for number, elected in case.elected.items():
        assert tuple(document["elected"][str(number)]) == elected


def test_candidate_on_two_lists_is_elected_once_with_summed_votes() -> None:
    """P 15 lid 1, P 16 lid 1: A has 300 votes on list 11 and 250 on list 12; summed 550, the
    most of the group, so A is elected first and sits on list 11 (300 > 250), once.
    Rules: P15.2-summed-preference, P16-placement, P18-elected-once."""
    document = _result(dict(_case("P 15 summed preference votes and P 16 placement").input))
    first = document["placements"][0]
    assert (first["candidate"], first["list"], first["position"], first["article"]) == (
        "A",
        11,
        1,
        "P 16 lid 1",
    )
    step = next(s for s in document["preference"] if s["list"] == 1)
    assert step["above_threshold"][0] == {"candidate": 1, "votes": 550}
    assert 2 not in document["elected"]["12"]  # A (position 2 on list 12) is not elected twice


def test_p18_equal_votes_go_to_the_lowest_district() -> None:
    """P 18 lid 1: X has 12 votes on list 11 (district 1) and 12 on list 12 (district 2): X
    counts on list 11; list 12 elects its positions 2 and 3. Rule: P18-elected-once."""
    document = _result(dict(_case("P 18 candidate elected on two lists").input))
    assert document["double_elections"] == [
        {"article": "P 18", "party": 1, "candidate": "X", "lists": [11, 12], "kept": 11}
    ]


def test_p16_lid_2_takes_the_last_p12_seat() -> None:
    """P 16 lid 2. Lists 11 (A 200, B 100, E 0: 300) and 12 (C 60, D 40: 100) form group 1;
    list 2 has 400 (list-level). 800 votes, 8 seats, kiesdeler 100, voorkeurdrempel 25.
    Group 1: 4 full seats, list 2: 4. P 12: groepskiesdeler 100: list 11: 3, list 12: 1, all
    full seats. P 15: A 200, B 100, C 60, D 40 are above 25: all four elected on preference.
    P 16: A, B → list 11; C → list 12 (its only seat); D stands only on list 12, which has no
    seat left: D is elected there anyway and a seat is forfeited by another list. No seat
    went by remainder, so the reference takes it from the last list with a seat left: list 11
    (documented assumption). Seats 11: 2, 12: 2; elected 11: A, B; 12: C, D.
    Rule: P16-placement."""
    election = _parsed(
        district_doc(
            "PS",
            8,
            [
                cand_list(11, 1, [("A", 200), ("B", 100), ("E", 0)]),
                cand_list(12, 2, [("C", 60), ("D", 40)]),
                lst(2, 1, 400, 10),
            ],
            groups=[{"number": 1, "members": [11, 12]}],
        )
    )
    document = district_result_to_json(allocate_districts(election))
    assert document["seats"] == {"11": 2, "12": 2, "2": 4}
    last = document["placements"][-1]
    assert (last["candidate"], last["article"], last["forfeited_from"]) == ("D", "P 16 lid 2", 11)
    assert document["elected"] == {"11": [1, 2], "12": [1, 2]}
    assert check_districts(election, document) == []


def test_stemwaarde_weighs_votes_eerste_kamer() -> None:
    """U 2: Flevoland 2023 444 850 inhabitants / (100 × 41) = 108 1/2 → 109 (half up); the
    spec's own formula agrees with reference.stemwaarde. District 1 has stemwaarde 109,
    district 2 100. Stel 1: 3 and 1 votes → 3 × 109 + 1 × 100 = 427; stel 2: 1 and 4 → 109 +
    400 = 509; stel 3: 2 and 2 → 218 + 200 = 418. 1354 weighted votes (no list has more than
    half), 3 seats, kiesdeler 451 1/3. Full seats: stel 2: 1 (remainder 57 2/3); stellen 1 and
    3: 0. 2 residual seats: by largest remainders 427 and 418, and by greatest averages
    427/1 and 418/1 over 509/2 = 254 1/2 alike: stellen 1 and 3. Seats 1, 1, 1."""
    assert stemwaarde_of(444_850, 41) == stemwaarde(444_850, 41) == 109
    document = {
        "format": "kieswet/district-allocation-input@1",
        "election": {"kind": "EK", "seats": 3},
        "districts": [
            {"number": 1, "inhabitants": 444_850, "members": 41},
            {"number": 2, "stemwaarde": 100},
        ],
        "lists": [
            lst(11, 1, 3),
            lst(12, 2, 1),
            lst(21, 1, 1),
            lst(22, 2, 4),
            lst(31, 1, 2),
            lst(32, 2, 2),
        ],
        "sets": [
            {"number": 1, "lists": [11, 12]},
            {"number": 2, "lists": [21, 22]},
            {"number": 3, "lists": [31, 32]},
        ],
    }
    result = _result(document)
    assert result["national"]["total_votes"] == 1354
    assert result["party_seats"] == {"1": 1, "2": 1, "3": 1}


@pytest.mark.parametrize(
    ("mutate", "field", "code"),
    [
        (
            lambda d: d["groups"].append({"number": 8, "members": [11]}),
            "groups[1].members",
            "group_too_small",
        ),
        (
            lambda d: d["groups"].append({"number": 8, "members": [11, 2]}),
            "groups[1].members",
            "in_two_groups",
        ),
        (lambda d: d["lists"].append(lst(99, 7, 5)), "lists[3].district", "unknown_district"),
        (lambda d: d["lists"].append(lst(2, 3, 5)), "lists[3].number", "duplicate"),
        (
            lambda d: d["lists"].append(lst(98, 1, 5)) or d["groups"][0]["members"].append(98),
            "lists[3].district",
            "two_lists_in_district",
        ),
        (
            lambda d: d.update(combinations=[{"number": 9, "members": [1, 2]}]),
            "combinations",
            "combination_not_in_law",
        ),
        (lambda d: d["election"].update(kind="XX"), "election.kind", "unknown_kind"),
        (
            lambda d: d["districts"][0].update(stemwaarde=3),
            "districts[0].stemwaarde",
            "stemwaarde_not_ek",
        ),
        (lambda d: d["groups"][0]["members"].append(77), "groups[0].members", "invalid_member"),
        (
            lambda d: d.update(lots=[{"kind": "group_seat", "options": [11, 12], "drawn": 11}]),
            "lots[0].list",
            "invalid_number",
        ),
    ],
)
def test_rejected_structures(mutate: Any, field: str, code: str) -> None:
    """Each inconsistent structure is rejected naming the field and the reason."""
    document = district_doc(
        "PS",
        20,
        [lst(11, 1, 10), lst(12, 2, 10), lst(2, 1, 10)],
        groups=[{"number": 1, "members": [11, 12]}],
    )
    mutate(document)
    result = parse_district_election(document)
    assert isinstance(result, Rejected)
    assert (field, code) in {(e.field, e.code) for e in result.errors}, result.errors


def test_candidate_in_two_parties_and_sets_need_identities() -> None:
    """A person stands for one party; a stel's candidates must be identifiable."""
    document = district_doc("PS", 20, [cand_list(1, 1, [("A", 5)]), cand_list(2, 2, [("A", 5)])])
    result = parse_district_election(document)
    assert isinstance(result, Rejected)
    assert "candidate_in_two_parties" in {e.code for e in result.errors}
    anonymous = district_doc(
        "PS",
        20,
        [
            {"number": 1, "district": 1, "candidates": [{"number": 1, "votes": 5}]},
            {"number": 2, "district": 2, "candidates": [{"number": 1, "votes": 5}]},
        ],
        sets=[{"number": 3, "lists": [1, 2]}],
    )
    result = parse_district_election(anonymous)
    assert isinstance(result, Rejected)
    assert "missing_candidate_identity" in {e.code for e in result.errors}


# --------------------------------------------------------------------------- the spec catches


def _completed(document: dict[str, Any]) -> tuple[DistrictElection, dict[str, Any]]:
    election = _parsed(document)
    result = allocate_districts(election)
    assert isinstance(result, DistrictCompleted)
    return election, district_result_to_json(result)


def _rules(election: DistrictElection, document: dict[str, Any]) -> set[str]:
    return {v.rule_id for v in check_districts(election, document)}


def test_spec_catches_wrong_p12_seats() -> None:
    """A seat moved between the lists of a group breaks P12.2-largest-remainder (the remainder
    seat goes to the smaller remainder) and a wrong groepskiesdeler breaks P12.1-group-quota."""
    election, good = _completed(
        dict(_case("P 15 summed preference votes and P 16 placement").input)
    )
    bad = copy.deepcopy(good)
    rows = bad["distributions"][0]["rows"]
    rows[0]["seats"], rows[1]["seats"] = 4, 6
    assert "P12.2-largest-remainder" in _rules(election, bad)
    bad = copy.deepcopy(good)
    bad["distributions"][0]["quota"] = "100"
    assert "P12.1-group-quota" in _rules(election, bad)
    bad = copy.deepcopy(good)
    bad["seats"]["11"] = 4
    assert "P12-seat-sum" in _rules(election, bad)


def test_spec_catches_unsummed_preference_and_double_election() -> None:
    """Electing by one list's votes only (A 300 instead of 550 still passes; dropping A from
    the preference-elected breaks P15.2-summed-preference); electing A twice breaks
    P18-elected-once; placing A on list 12 (250 < 300) breaks P16-placement."""
    election, good = _completed(
        dict(_case("P 15 summed preference votes and P 16 placement").input)
    )
    bad = copy.deepcopy(good)
    bad["elected_on_preference"]["11"] = [2, 3]
    bad["elected"]["11"] = [2, 3, 1, 4, 5]
    assert "P15.2-summed-preference" in _rules(election, bad)
    bad = copy.deepcopy(good)
    bad["elected"]["12"] = [1, 3, 4, 2, 5]
    assert "P18-elected-once" in _rules(election, bad)
    bad = copy.deepcopy(good)
    bad["elected_on_preference"]["11"] = [2, 3]
    bad["elected_on_preference"]["12"] = [1, 2, 3, 4]
    bad["elected"]["11"] = [2, 3, 4, 5, 6]
    bad["elected"]["12"] = [1, 2, 3, 4, 5]
    assert "P16-placement" in _rules(election, bad)


def test_spec_catches_wrong_combination_distribution() -> None:
    """Old P 11: moving the combination's remainder seat from list 2 (remainder 54 4/9) to
    list 3 (46 2/3) breaks combination-P11-largest-remainder; a wrong combinatiekiesdeler
    breaks combination-P11-quota."""
    case = next(c for c in CASES if c.party_seats == {1: 11, 2: 6, 3: 3})
    election, good = _completed(dict(case.input))
    bad = copy.deepcopy(good)
    rows = bad["distributions"][0]["rows"]
    rows[0]["seats"], rows[1]["seats"] = 5, 4
    bad["party_seats"] = {"1": 11, "2": 5, "3": 4}
    bad["seats"] = {"1": 11, "2": 5, "3": 4}
    assert "combination-P11-largest-remainder" in _rules(election, bad)
    assert good["combination_checks"][0]["counts"] is True
    bad = copy.deepcopy(good)
    bad["distributions"][0]["quota"] = "101"
    assert "combination-P11-quota" in _rules(election, bad)


def test_single_contest_context_is_untouched_by_group_rules() -> None:
    """On a single contest the group rules find nothing (spec.check is unchanged)."""
    from reference.allocate import allocate_json
    from spec.check import check
    from spec.codec import parse_election, result_to_json

    doc = {
        "election": {"kind": "GR", "seats": 9},
        "lists": [{"number": 1, "votes": 50}, {"number": 2, "votes": 40}],
    }
    election = parse_election(doc)
    assert not isinstance(election, Rejected)
    assert check(election, result_to_json(allocate_json(doc))) == []


# --------------------------------------------------------------------------- CLI


def test_cli_allocates_a_district_input(tmp_path: Path) -> None:
    """``kieswet allocate`` detects the district format: --json gives the result document,
    without --json a trace per group (P 12) and per list; exit 3 when a lot is needed."""
    path = tmp_path / "in.json"
    path.write_text(json.dumps(_case("P 15 summed preference votes and P 16 placement").input))
    run = subprocess.run(
        [sys.executable, "-m", "kieswet.cli", "allocate", str(path), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["format"] == "kieswet/district-allocation-result@1"
    text = subprocess.run(
        [sys.executable, "-m", "kieswet.cli", "allocate", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    ).stdout
    assert "groepskiesdeler 1010 / 10 = 101" in text
    assert "P 16 lid 1: 'A'" in text
    path.write_text(json.dumps(_case("PS, 21 seats").input))
    run = subprocess.run(
        [sys.executable, "-m", "kieswet.cli", "allocate", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 3
    assert "options: 11, 12" in run.stdout


def test_schemas_accept_the_codec_documents() -> None:
    """The JSON Schemas of the district formats accept every hand-written input that the codec
    accepts, and every result the reference writes for them."""
    jsonschema = pytest.importorskip("jsonschema")
    schemas = ROOT / "conformance" / "schemas"
    validators = {
        name: jsonschema.Draft202012Validator(
            json.loads((schemas / f"district-allocation-{name}.schema.json").read_text("utf-8"))
        )
        for name in ("input", "result")
    }
    for validator in validators.values():
        jsonschema.Draft202012Validator.check_schema(validator.schema)
    for case in CASES:
        result = district_result_to_json(allocate_districts_json(case.input))
        assert list(validators["result"].iter_errors(result)) == [], case.comment
        if case.status != "rejected":
            assert list(validators["input"].iter_errors(case.input)) == [], case.comment
