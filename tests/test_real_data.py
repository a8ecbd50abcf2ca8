"""The reference against real, officially published results (independent source: the Kiesraad).

The figures are kept as fixtures in our format (``tests/fixtures/real``, converted from
``shared/data`` with the source named in each file), so these tests run in a fresh clone too.

* every contest in ``shared/data/real-results`` (TK 1937-1972 and 2017-2025, EP 2019/2024,
  PS 2019, WS 2019, GR 2018-2022, ER 2019-2023, EK 2023): the officially allocated seats;
* EK 2023: also the official order of residual seats;
* the three candidate-level cases of ``shared/data/real-cases.json``: seats, full seats, order
  of residual seats, P 9 / P 10 moves, elected candidates by preference and by list order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from interchange.allocation import result_to_json
from interchange.engine import allocate_json
from spec.model import Completed, NeedsLot
from tests.shared_data import FIXTURES, dump, fixture_documents, load, needs_shared_data


def _contests() -> list[Any]:
    params = []
    for path in sorted(FIXTURES.glob("*.json")):
        if path.name == "real-cases.json":
            continue
        data = load(path)
        for contest in data["contests"]:
            params.append(pytest.param(contest, id=f"{data['election']}-{contest['code']}"))
    return params


def _cases() -> dict[str, Any]:
    return {case["id"]: case for case in load(FIXTURES / "real-cases.json")["cases"]}


@needs_shared_data
def test_fixtures_equal_the_shared_published_data() -> None:
    """The fixtures are exactly the conversion of ``shared/data`` (python -m tests.shared_data)."""
    documents = fixture_documents()
    assert sorted(documents) == sorted(p.name for p in FIXTURES.glob("*.json"))
    for name, document in documents.items():
        assert (FIXTURES / name).read_text(encoding="utf-8") == dump(document), name


@pytest.mark.parametrize("contest", _contests())
def test_published_seats_are_reproduced(contest: dict[str, Any]) -> None:
    result = allocate_json(contest["input"])
    assert isinstance(result, Completed), result
    assert {str(k): v for k, v in result.seats.items()} == contest["seats"]
    assert result.warnings == ()


def test_all_real_contests_are_covered() -> None:
    """Guard against a silently empty parametrisation (743 published contests)."""
    assert len(_contests()) == 743


def test_eerste_kamer_2023_residual_seat_order() -> None:
    """EK 2023: stemcijfers → seats and the official order of residual seats (Kiesraad,
    announcement of 1 June 2023)."""
    contest = load(FIXTURES / "EK20230530.json")["contests"][0]
    result = allocate_json(contest["input"])
    assert isinstance(result, Completed)
    assert list(result.residual_seat_order) == contest["residual_seat_order"]


def test_eilandsraad_saba_2019_is_the_real_case_for_p8_round_2() -> None:
    """Saba 2019 (5 seats): WIPM 777, S.L.P. 125, list 3 81 (983 votes, quota 196 3/5).

    WIPM 3 full seats; 2 residual seats. Round 1 (P 8 lid 1-2): only lists with at least 75% of
    the quota (147 9/20) compete: WIPM alone (S.L.P. 125 and list 3 81 are below) → WIPM.
    Round 2 (P 8 lid 3, averages, one per list, round-1 winners included): WIPM 777/5 = 155 2/5
    beats S.L.P. 125/1 = 125 → WIPM. Official result: WIPM 5, S.L.P. 0, list 3 0.
    """
    data = load(FIXTURES / "ER20190320.json")
    saba = next(c for c in data["contests"] if c["name"] == "Saba")
    result = allocate_json(saba["input"])
    assert isinstance(result, Completed)
    assert dict(result.seats) == {1: 5, 2: 0, 3: 0}
    methods = [(s["method"], s["list"]) for s in result_to_json(result)["steps"][1:]]
    assert methods == [("largest_remainder", 1), ("greatest_average_one_per_list", 1)]


def _elected_expectation(expected: dict[str, Any]) -> tuple[dict[int, list[int]], ...]:
    both = {int(k): v["preference"] + v["list_order"] for k, v in expected["elected"].items()}
    preference = {int(k): v["preference"] for k, v in expected["elected"].items()}
    return both, preference


def _check_case(case: dict[str, Any], result: Completed) -> None:
    expected = case["expected"]
    assert {str(k): v for k, v in result.seats.items()} == expected["seats"]
    assert {str(k): v for k, v in result.full_seats.items()} == expected["full_seats"]
    if "elected" in expected:
        both, preference = _elected_expectation(expected)
        assert {k: list(v) for k, v in result.elected.items()} == both
        assert {k: list(v) for k, v in result.elected_on_preference.items()} == preference


def test_reusel_de_mierden_2022_absolute_majority() -> None:
    """P 9: Samenwerking 2571 of 5104 votes (> half) holds 7 of 15 seats; PvdA's last
    residual seat moves to it."""
    case = _cases()["GR2022-reusel-de-mierden"]
    result = allocate_json(case["input"])
    assert isinstance(result, Completed)
    _check_case(case, result)
    moves = [s for s in result_to_json(result)["steps"] if s["step"] == "absolute_majority"]
    assert [(m["list"], m["from_list"]) for m in moves] == [(1, 4)]


def test_enkhuizen_2022_list_exhaustion() -> None:
    """P 10 and the 75% rule: list 10 (one candidate) loses its residual seat to list 6."""
    case = _cases()["GR2022-enkhuizen"]
    result = allocate_json(case["input"])
    assert isinstance(result, Completed)
    _check_case(case, result)
    steps = result_to_json(result)["steps"]
    before = [s["list"] for s in steps if s["step"] == "residual_seat" and not s["reassignment"]]
    after = [s["list"] for s in steps if s["step"] == "residual_seat" and s["reassignment"]]
    removed = [s["list"] for s in steps if s["step"] == "list_exhaustion"]
    assert before == case["expected"]["residual_seat_order_before_p10"]
    moves = [{"from": f, "to": t} for f, t in zip(removed, after, strict=True)]
    assert moves == case["expected"]["p10_moves"]
    first = next(s for s in steps if s["step"] == "residual_seat")
    assert {"list": 8, "reason": "below_threshold"} in first["excluded"]


def test_roermond_2026_asks_for_the_lot_then_uses_it() -> None:
    """P 7: lists 3 (1851/3 = 617) and 9 (617/1 = 617) tie for the last residual seat; the
    central electoral committee drew list 9."""
    case = _cases()["GR2026-roermond"]
    document = dict(case["input"])
    asked = allocate_json(document)
    assert isinstance(asked, NeedsLot)
    assert asked.lot.kind == "residual_seat"
    assert asked.lot.options == (3, 9)
    assert asked.lot.seat == 6
    assert case["lots"] == [{"kind": "residual_seat", "options": [3, 9], "drawn": 9}]
    document["lots"] = case["lots"]
    result = allocate_json(document)
    assert isinstance(result, Completed)
    _check_case(case, result)
    assert list(result.residual_seat_order) == case["expected"]["residual_seat_order"]


def test_examples_are_the_real_cases() -> None:
    """The bundled examples carry the same votes as the shared real cases."""
    examples = Path(__file__).resolve().parent.parent / "examples"
    files = {
        "GR2022-enkhuizen": "enkhuizen-2022.json",
        "GR2022-reusel-de-mierden": "reusel-de-mierden-2022.json",
        "GR2026-roermond": "roermond-2026.json",
    }
    for case_id, name in files.items():
        example = load(examples / name)
        assert example["lists"] == [
            {"number": lst["number"], "name": lst["name"], "candidates": lst["candidates"]}
            for lst in _cases()[case_id]["input"]["lists"]
        ]
