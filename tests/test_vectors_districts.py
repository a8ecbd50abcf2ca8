"""The ``allocate-districts`` and ``allocate-eerste-kamer`` vectors: contents, judging, skipping.

Independent sources for the expectations checked here: the hand computations in
``conformance/vector_sources/districts.py`` and ``eerste_kamer.py`` (compared with the vectors by
this test's own comparison), the officially allocated seats in ``tests/fixtures/real``, the
published EK 2023 stemcijfers and stemwaarden, and the executable specification
(``spec.check``, ``spec.district_check``), which never calls the reference.
"""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from conformance import vectors_build
from conformance.judge import judge
from conformance.protocol import Answer, Capabilities
from conformance.suite import (
    DISTRICTS_OPERATION,
    EERSTE_KAMER_OPERATION,
    Vector,
    default_suite,
    load_suite,
    unsupported,
)
from conformance.vector_sources import districts, eerste_kamer
from conformance.vectors_build import (
    DEFAULT_REAL,
    BuildError,
    build,
    district_expected_of,
    expected_of,
    sorted_keys,
)
from interchange.allocation import result_to_json
from interchange.districts import district_result_to_json, parse_district_election
from interchange.engine import (
    allocate_districts_json,
    allocate_eerste_kamer_json,
    eerste_kamer_election,
)
from interchange.judging import check, check_districts
from kieswet.cli import main
from reference.allocate import allocate
from reference.districts import allocate_districts
from reference.stemwaarde import stemwaarde
from spec.model import Rejected
from tests.shared_data import FIXTURES, REAL_RESULTS, load, needs_shared_data

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "conformance" / "schemas"
ADAPTERS = ROOT / "tests" / "fixtures" / "adapters"
SUITE = load_suite(default_suite())


def _of(operation: str) -> list[Vector]:
    return [v for v in SUITE.vectors if v.operation == operation]


DISTRICT_VECTORS = _of(DISTRICTS_OPERATION)
EK_VECTORS = _of(EERSTE_KAMER_OPERATION)


def _vector_for(document: Any, vectors: list[Vector]) -> Vector:
    wanted = sorted_keys(dict(document))
    (found,) = [v for v in vectors if v.input == wanted]
    return found


# --------------------------------------------------------------------------- contents


def test_every_source_case_is_a_vector_and_nothing_else() -> None:
    """Every hand-written district and Eerste Kamer case, and every published election of
    ``REAL_ELECTIONS``, is in the suite exactly once, with the status of its hand computation."""
    assert len(DISTRICT_VECTORS) == len(districts.CASES) + len(districts.REAL_ELECTIONS)
    assert len(EK_VECTORS) == len(eerste_kamer.CASES)
    for case in districts.CASES:
        vector = _vector_for(case.input, DISTRICT_VECTORS)
        assert vector.expected["status"] == case.status and "handwritten" in vector.flags
    for ek_case in eerste_kamer.CASES:
        vector = _vector_for(ek_case.input, EK_VECTORS)
        assert vector.expected["status"] == ek_case.status and "handwritten" in vector.flags
    assert sum("real_split" in v.flags for v in DISTRICT_VECTORS) == len(districts.REAL_ELECTIONS)


def test_district_vectors_match_the_reference_and_pass_spec() -> None:
    """Every expected district result is the reference's, and spec.district_check finds no
    violated rule in it (P12-seat-sum, P12.1-group-quota, P12.2-largest-remainder,
    combination-P11-quota, combination-P11-largest-remainder, P15.2-summed-preference,
    P16-placement, P18-elected-once, and the single-contest rules on the national part)."""
    for vector in DISTRICT_VECTORS:
        parsed = parse_district_election(vector.input)
        result = parsed if isinstance(parsed, Rejected) else allocate_districts(parsed)
        document = district_result_to_json(result)
        expected = district_expected_of(document, vector.has_candidates)
        assert expected == vector.expected, vector.id
        if not isinstance(parsed, Rejected):
            assert check_districts(parsed, document) == [], vector.id


def test_district_hand_expectations_are_the_vectors() -> None:
    """The hand-computed seats per party and per list, elected candidates, lot questions with
    their seats so far, and rejection codes of ``districts.CASES`` are what the vectors
    expect."""
    for case in districts.CASES:
        expected = _vector_for(case.input, DISTRICT_VECTORS).expected
        if case.errors is not None:
            assert [(e["field"], e["code"]) for e in expected["errors"]] == list(case.errors)
        elif case.lot is not None:
            question = {k: v for k, v in expected["lot"].items() if k != "value"}
            assert question == dict(case.lot)
            hand = {str(k): v for k, v in (case.seats_so_far or {}).items()}
            assert expected["seats_so_far"] == hand, case.comment[:60]
        else:
            party_seats = {str(k): v for k, v in (case.party_seats or {}).items()}
            assert expected["party_seats"] == party_seats
            assert expected["seats"] == {str(k): v for k, v in (case.seats or {}).items()}
            for number, elected in case.elected.items():
                assert expected["elected"][str(number)] == list(elected)


def test_real_district_vectors_carry_the_published_seats() -> None:
    """Each published election at district level: its party seats, by published list number,
    are the officially allocated seats of the fixture, under the law version of
    ``REAL_ELECTIONS`` (TK 2017 also under pre-2017-12 with its two lijstencombinaties)."""
    seen = []
    for vector in (v for v in DISTRICT_VECTORS if "real_split" in v.flags):
        name = vector.input["election"]["name"].split()[0]
        official = load(FIXTURES / f"{name}.json")["contests"][0]["seats"]
        by_list = {
            str(districts.published_list_number(int(p))): s
            for p, s in vector.expected["party_seats"].items()
        }
        assert by_list == official, vector.id
        assert len(vector.input["districts"]) == 20
        seen.append((name, vector.law, bool(vector.input.get("combinations"))))
    assert sorted(seen) == sorted((n, law, bool(c)) for n, law, c in districts.REAL_ELECTIONS)


def test_eerste_kamer_vectors_match_the_reference_and_pass_spec() -> None:
    """Every expected Eerste Kamer result is the reference's; spec.check finds no violated rule
    in it, U2-stemwaarde and U3-stemcijfer included."""
    for vector in EK_VECTORS:
        election = eerste_kamer_election(vector.input)
        result = election if isinstance(election, Rejected) else allocate(election)
        document = result_to_json(result)
        assert expected_of(document, vector.has_candidates) == vector.expected, vector.id
        if not isinstance(election, Rejected):
            assert check(election, document) == [], vector.id
            assert "U2-stemwaarde" in vector.rules and "U 2" in vector.articles


def test_the_2023_bodies_weigh_178970_as_published() -> None:
    """With every member of 2023 voting, the stemcijfers add up to 178 970: the sum of the
    published stemcijfers per list (tests/fixtures/real/EK20230530.json)."""
    published = load(FIXTURES / "EK20230530.json")["contests"][0]["input"]["lists"]
    election = eerste_kamer_election(
        eerste_kamer.ek_doc(75, eerste_kamer.bodies_2023(), eerste_kamer.split_2023())
    )
    assert not isinstance(election, Rejected)
    assert election.total_votes == sum(lst["votes"] for lst in published) == 178970


@needs_shared_data
def test_the_2023_bodies_give_the_published_stemwaarden() -> None:
    """U 2 on the inhabitants and members of ``BODIES_2023`` gives the Kiesraad's 2023
    stemwaarden (shared/data/real-results/EK20230530.json). Rules: U2-stemwaarde."""
    table = load(REAL_RESULTS / "EK20230530.json")["stemwaarden_2023"]
    for name, (people, members) in eerste_kamer.BODIES_2023.items():
        assert (people, members) == (
            table[name]["inhabitants_or_voters"],
            table[name]["members"],
        )
        assert stemwaarde(people, members) == table[name]["stemwaarde"], name
    assert eerste_kamer.KNI_2023["stemwaarde"] == table[eerste_kamer.KNI]["stemwaarde"]


def test_every_new_file_validates_against_the_vectors_schema() -> None:
    """The district and Eerste Kamer files validate; the schema is not vacuous for them: an
    invalid input of a completed test, or a district expectation without party seats, fails."""
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the 'test' extra")
    referencing = pytest.importorskip("referencing")
    documents = [json.loads(p.read_text("utf-8")) for p in SCHEMAS.glob("*.schema.json")]
    registry = referencing.Registry().with_resources(
        [(d["$id"], referencing.Resource.from_contents(d)) for d in documents]
    )
    schema = next(d for d in documents if d["$id"].endswith("/vectors@1"))
    validator = jsonschema.Draft202012Validator(schema, registry=registry)
    for relpath in {v.file for v in DISTRICT_VECTORS + EK_VECTORS}:
        data = json.loads((SUITE.root / relpath).read_text("utf-8"))
        assert list(validator.iter_errors(data)) == [], relpath
    data = json.loads((SUITE.root / "allocate-districts/p12-p18-groups.json").read_text("utf-8"))
    spoiled = json.loads(json.dumps(data))
    spoiled["groups"][0]["tests"][0]["input"]["lists"][0]["votes"] = -1
    assert list(validator.iter_errors(spoiled))
    spoiled = json.loads(json.dumps(data))
    del spoiled["groups"][0]["tests"][0]["expected"]["party_seats"]
    assert list(validator.iter_errors(spoiled))
    data = json.loads(
        (SUITE.root / "allocate-eerste-kamer/u2-u3-stemwaarde.json").read_text("utf-8")
    )
    data["groups"][0]["tests"][0]["input"]["lists"][0]["votes"] = 5  # not per body
    assert list(validator.iter_errors(data))


def test_a_wrong_district_hand_expectation_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hand computation that disagrees with the reference stops the build, naming the case,
    and nothing is written."""
    case = districts.CASES[0]
    wrong = replace(case, seats={**(case.seats or {}), 11: 5, 12: 4})
    monkeypatch.setattr(districts, "CASES", (wrong, *districts.CASES[1:]))
    with pytest.raises(BuildError) as info:
        build(tmp_path / "suite", tmp_path / "ids.json", DEFAULT_REAL)
    assert case.comment[:40] in str(info.value) and "hand computation" in str(info.value)
    assert not (tmp_path / "suite").exists()


def test_a_wrong_hand_ranking_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hand-computed P 19 ranking (rule P19-group-ranking) that disagrees with the
    reference's stops the build too: here list 11 ranked by its own votes (Y 20, P 15, X 14)
    instead of the votes summed over the group (P 30, X 28, Y 28)."""
    index, case = next(
        (i, c) for i, c in enumerate(districts.CASES) if c.group == "P 19 ranking in a lijstengroep"
    )
    wrong = replace(case, ranking={11: (4, 2, 3, 1, 6), 12: (2, 4, 1, 3, 5)})
    cases = list(districts.CASES)
    cases[index] = wrong
    monkeypatch.setattr(districts, "CASES", tuple(cases))
    with pytest.raises(BuildError) as info:
        build(tmp_path / "suite", tmp_path / "ids.json", DEFAULT_REAL)
    assert "ranking" in str(info.value) and "hand computation" in str(info.value)
    assert not (tmp_path / "suite").exists()


def _with_case(
    monkeypatch: pytest.MonkeyPatch, comment_start: str, **changes: Any
) -> districts.DistrictCase:
    """``districts.CASES`` with the case whose comment starts so replaced by ``changes``;
    returns the original case."""
    cases = list(districts.CASES)
    (index,) = [i for i, c in enumerate(cases) if c.comment.startswith(comment_start)]
    case = cases[index]
    cases[index] = replace(case, **changes)
    monkeypatch.setattr(districts, "CASES", tuple(cases))
    return case


def test_a_wrong_hand_seats_so_far_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hand-computed seats so far of a lot question are compared too: here the question at
    P4 with the first P 16 lid 2 lot drawn for list 12, given the P 12 seats (11: 2, 12: 2,
    13: 1) instead of those after P3's seat moved from list 12 to list 11 (11: 3, 12: 1,
    13: 1), stops the build, naming the case and the field; nothing is written."""
    case = _with_case(
        monkeypatch,
        "The same with the first lot drawn for list 12",
        seats_so_far={11: 2, 12: 2, 13: 1, 2: 15},
    )
    assert case.lot is not None and case.seats_so_far == {11: 3, 12: 1, 13: 1, 2: 15}
    with pytest.raises(BuildError) as info:
        build(tmp_path / "suite", tmp_path / "ids.json", DEFAULT_REAL)
    message = str(info.value)
    assert case.comment[:40] in message
    assert "seats_so_far {" in message and "the hand computation says" in message
    assert not (tmp_path / "suite").exists()


def test_a_hand_seats_so_far_keyed_by_position_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The seats so far are keyed by the numbers the result gives them (here the parties: group
    1 and list 3), not by position: the right figures under keys 1 and 2 stop the build."""
    case = _with_case(
        monkeypatch, "PS, 21 seats, 2100 votes, kiesdeler 100.", seats_so_far={1: 11, 2: 10}
    )
    assert case.seats_so_far == {1: 11, 3: 10}
    with pytest.raises(BuildError) as info:
        build(tmp_path / "suite", tmp_path / "ids.json", DEFAULT_REAL)
    assert "seats_so_far" in str(info.value) and case.comment[:40] in str(info.value)


@pytest.mark.parametrize(
    ("comment_start", "changes", "says"),
    [
        (
            "PS, 21 seats, 2100 votes, kiesdeler 100.",
            {"seats_so_far": None},
            "a lot question without its hand-computed seats_so_far",
        ),
        (
            "The same with the lot drawn for list 12: 11: 5, 12: 6.",
            {"seats_so_far": {1: 11, 3: 10}},
            "seats_so_far without a lot question",
        ),
    ],
    ids=["needs_lot without seats_so_far", "seats_so_far without a lot"],
)
def test_a_district_case_without_its_seats_so_far_is_refused(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    comment_start: str,
    changes: dict[str, Any],
    says: str,
) -> None:
    """Every hand-written district case with a lot question carries its hand-computed
    ``seats_so_far``, and no other case does: otherwise the build stops before computing
    anything, naming the case; nothing is written."""
    case = _with_case(monkeypatch, comment_start, **changes)
    with pytest.raises(BuildError) as info:
        build(tmp_path / "suite", tmp_path / "ids.json", DEFAULT_REAL)
    assert says in str(info.value) and case.comment[:40] in str(info.value)
    assert not (tmp_path / "suite").exists()


def test_published_seats_that_differ_stop_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The published seats are the independent expectation of the district-level real tests:
    a fixture whose seats differ from the reference's party seats stops the build (the
    single-contest real vectors, which would stop it too, are left out here)."""
    monkeypatch.setattr(vectors_build, "_real", lambda real_dir: ([], []))
    real = tmp_path / "real"
    shutil.copytree(DEFAULT_REAL, real)
    path = real / "TK20210317.json"
    data = json.loads(path.read_text("utf-8"))
    seats = data["contests"][0]["seats"]
    seats["1"], seats["2"] = seats["1"] - 1, seats["2"] + 1
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(BuildError) as info:
        build(tmp_path / "suite", tmp_path / "ids.json", real)
    message = str(info.value)
    assert message.startswith("allocate-districts/real-national-results.json")
    assert "TK20210317 Nederland" in message and "published" in message


# --------------------------------------------------------------------------- judging


def test_the_judge_compares_seats_per_list_within_a_group() -> None:
    """A district answer that moves a seat between two lists of a group fails: the difference
    names the lists, and the spec names the rule: P12-seat-sum when the lists' seats disagree
    with the answer's own P 12 distribution, P12.1-group-quota when the distribution itself
    gives list 11 (600 votes, groepskiesdeler 100) fewer than its 6 full seats."""
    vector = _vector_for(districts.CASES[0].input, DISTRICT_VECTORS)
    document = district_result_to_json(allocate_districts_json(vector.input))
    assert judge(vector, Answer(vector.key, "completed", document)).status == "PASS"
    document["seats"]["11"] -= 1
    document["seats"]["12"] += 1
    verdict = judge(vector, Answer(vector.key, "completed", document))
    assert verdict.status == "FAIL"
    assert "seats: lijst 11 verwacht 6, geleverd 5" in verdict.differences
    assert {v.rule_id for v in verdict.violations} == {"P12-seat-sum"}
    for row in document["distributions"][0]["rows"]:
        row["seats"] += {11: -1, 12: 1}.get(row["member"], 0)
    verdict = judge(vector, Answer(vector.key, "completed", document))
    assert verdict.status == "FAIL"
    assert "P12.1-group-quota" in {v.rule_id for v in verdict.violations}


def test_the_judge_compares_the_lot_of_a_group() -> None:
    """A group lot (P 12 lid 5) must name the group: the same options for another list fail."""
    case = next(c for c in districts.CASES if c.lot and c.lot["kind"] == "group_seat")
    vector = _vector_for(case.input, DISTRICT_VECTORS)
    document = district_result_to_json(allocate_districts_json(vector.input))
    assert judge(vector, Answer(vector.key, "needs_lot", document)).status == "PASS"
    document["lot"]["list"] = 2
    verdict = judge(vector, Answer(vector.key, "needs_lot", document))
    assert verdict.status == "FAIL" and verdict.differences == ("lot.list: verwacht 1, geleverd 2",)


def test_a_stemwaarde_rounded_down_fails_the_judge() -> None:
    """Rounding Flevoland-like 2 1/2 down (the result of the case just below a half) gives other
    seats, and the spec, weighing the member votes by U 2 itself, names the rules."""
    vector = _vector_for(eerste_kamer.CASES[0].input, EK_VECTORS)
    wrong = result_to_json(allocate_eerste_kamer_json(eerste_kamer.CASES[1].input))
    verdict = judge(vector, Answer(vector.key, "completed", wrong))
    assert verdict.status == "FAIL"
    assert "seats: lijst 1 verwacht 8, geleverd 6" in verdict.differences
    assert {"P5-quota", "P6-full-seats"} <= {v.rule_id for v in verdict.violations}


# --------------------------------------------------------------------------- runs


def _run(tmp_path: Path, adapter: str, *extra: str) -> tuple[int, list[dict[str, Any]]]:
    report = tmp_path / "report"
    code = main(
        ["conformance", "run", "--adapter", adapter, "--report-dir", str(report),
         "--no-progress", *extra]
    )  # fmt: skip
    lines = [json.loads(x) for x in (report / "report.jsonl").read_text("utf-8").splitlines()]
    return code, lines


def test_an_adapter_that_does_not_claim_an_operation_has_its_vectors_skipped(
    tmp_path: Path,
) -> None:
    """Capability-based skipping: an adapter claiming only ``allocate`` is sent no district or
    Eerste Kamer vector; each is SKIPPED with the reason."""
    caps = Capabilities(("allocate",), ("TK", "EP", "PS", "EK"), ("current", "pre-2017-12"),
                        ("default",), True, True)  # fmt: skip
    for vector in DISTRICT_VECTORS + EK_VECTORS:
        assert unsupported(vector, caps, [frozenset()]) == (
            f"operation {vector.operation} not claimed by the adapter"
        )
    script = tmp_path / "allocate_only.py"
    script.write_text(
        "import sys\n"
        "from dataclasses import replace\n"
        "from conformance.adapters import reference_adapter, serve\n"
        "caps = replace(reference_adapter.CAPABILITIES, operations=('allocate',))\n"
        "sys.exit(serve.serve('allocate-only', '0', caps, reference_adapter.handle))\n",
        "utf-8",
    )
    code, lines = _run(
        tmp_path, f"{sys.executable} {script}", "--operation", DISTRICTS_OPERATION,
        "--operation", EERSTE_KAMER_OPERATION,
    )  # fmt: skip
    cases = [line for line in lines if line["type"] == "case"]
    assert len(cases) == len(DISTRICT_VECTORS) + len(EK_VECTORS)
    assert {line["status"] for line in cases} == {"SKIPPED"}
    assert lines[-1]["counts"]["SKIPPED"] == len(cases)
    assert {v["verdict"] for v in lines[-1]["verdicts"]} == {"NOT RUN"}
    assert code == 0


def test_a_broken_district_adapter_is_caught_with_the_rule_id(tmp_path: Path) -> None:
    """tests/fixtures/adapters/preference_not_summed.py counts a group candidate's votes on the
    first list only: the case where P (20 + 20 = 40 > 25) is elected only by the summed votes
    fails with P15.2-summed-preference and the wrong elected candidates; the P 19 case where
    P (15 + 15 = 30 > 25) is ranked above the list order only by the summed votes fails with
    P19-group-ranking alone (the elected candidates are right); the Eerste Kamer case where A
    (90 + 30 = 120, at least the kiesdeler 100) is elected on preference only by the summed
    votes fails with P15.2-summed-preference, as does the one where A (60 + 40) is exactly at
    the kiesdeler, and the one where X and Y are elected together on 80 summed votes each; the
    P 15 candidate lot in a lijstengroep (A 30 +
    20, B 25 + 25: a tie only when summed) fails on its status, asked and drawn alike (the
    adapter elects A on list 11's 30 votes without a lot, and rejects the lot supplied as not
    needed); every other district vector still passes."""
    adapter = f"{sys.executable} {ADAPTERS / 'preference_not_summed.py'}"
    code, lines = _run(tmp_path, adapter, "--operation", DISTRICTS_OPERATION)
    assert code == 1
    target = _vector_for(
        next(c for c in districts.CASES if "(on either list alone" in c.comment).input,
        DISTRICT_VECTORS,
    )
    by_id = {line["id"]: line for line in lines if line["type"] == "case"}
    assert by_id[target.id]["status"] == "FAIL"
    assert "P15.2-summed-preference" in {v["rule_id"] for v in by_id[target.id]["violations"]}
    assert "elected: lijst 11 verwacht [1, 3], geleverd [1, 2]" in by_id[target.id]["differences"]
    ranking = _vector_for(
        next(c for c in districts.CASES if c.group == "P 19 ranking in a lijstengroep").input,
        DISTRICT_VECTORS,
    )
    assert by_id[ranking.id]["status"] == "FAIL"
    assert {v["rule_id"] for v in by_id[ranking.id]["violations"]} == {"P19-group-ranking"}
    eerste_kamer = _vector_for(
        next(
            c for c in districts.CASES if "candidate on both lists of a lijstengroep" in c.comment
        ).input,
        DISTRICT_VECTORS,
    )
    assert by_id[eerste_kamer.id]["status"] == "FAIL"
    assert {v["rule_id"] for v in by_id[eerste_kamer.id]["violations"]} == {
        "P15.2-summed-preference"
    }
    exactly = _vector_for(
        next(c for c in districts.CASES if "exactly the kiesdeler" in c.comment).input,
        DISTRICT_VECTORS,
    )  # A 60 + 40 = 100, exactly the kiesdeler: U 15 lid 3, elected only by the summed votes
    assert by_id[exactly.id]["status"] == "FAIL"
    assert "P15.2-summed-preference" in {v["rule_id"] for v in by_id[exactly.id]["violations"]}
    together = _vector_for(
        next(c for c in districts.CASES if "on equal summed votes, no lot" in c.comment).input,
        DISTRICT_VECTORS,
    )  # X 60 + 20 and Y 20 + 60: on its own list's votes Y (20) does not reach 25 on list 11
    assert by_id[together.id]["status"] == "FAIL"
    assert "P15.2-summed-preference" in {v["rule_id"] for v in by_id[together.id]["violations"]}
    lot_cases = [
        _vector_for(c.input, DISTRICT_VECTORS).id
        for c in districts.CASES
        if c.group == "P 15 candidate lot in a party of one seat" and c.input["groups"]
    ]
    assert len(lot_cases) == 2
    assert [by_id[i]["differences"][0].split(",")[0] for i in lot_cases] == [
        "status: verwacht needs_lot",
        "status: verwacht completed",
    ]
    failing = (target.id, ranking.id, eerste_kamer.id, exactly.id, together.id, *lot_cases)
    others = {line["status"] for i, line in by_id.items() if i not in failing}
    assert others == {"PASS"}
