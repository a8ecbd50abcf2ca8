"""Real published results as fixtures in our own format, and their link to the shared data.

The published figures (``shared/data`` beside the repository: Kiesraad results) are facts; they
are kept in this repository, converted to our input format with their source named, under
``tests/fixtures/real/``, so that a fresh clone tests against them too. This module converts
them (``python -m tests.shared_data`` rewrites the fixtures from ``shared/``) and
``tests/test_real_data.py`` checks, where ``shared/`` is present, that the fixtures still equal
the conversion. ``KIESWET_SHARED`` overrides the location of ``shared/``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KIESWET_SHARED", REPO.parent / "shared"))
REAL_RESULTS = SHARED / "data" / "real-results"
REAL_CASES = SHARED / "data" / "real-cases.json"
FIXTURES = REPO / "tests" / "fixtures" / "real"

needs_shared_data = pytest.mark.skipif(
    not REAL_CASES.is_file(),
    reason=f"the shared real election data is not at {SHARED} (set KIESWET_SHARED); "
    "a fresh clone does not include it",
)

BODY_KIND = {
    "gemeenteraad": "GR",
    "Tweede Kamer": "TK",
    "Europees Parlement": "EP",
    "Provinciale Staten": "PS",
    "algemeen bestuur waterschap": "AB",
    "eilandsraad": "ER",
    "Eerste Kamer": "EK",
}


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def contest_input(body: str, contest: dict[str, Any]) -> dict[str, Any]:
    """A published contest as list-level input.

    The data has no list numbers, so lists are numbered 1, 2, ... in the published order; a
    list's ``candidates`` (given where the number of candidates limited its seats) becomes
    ``candidate_count``.
    """
    lists = []
    for number, published in enumerate(contest["lists"], start=1):
        item: dict[str, Any] = {
            "number": number,
            "name": published["name"],
            "votes": published["votes"],
        }
        if "candidates" in published:
            item["candidate_count"] = published["candidates"]
        lists.append(item)
    return {
        "format": "kieswet/seat-allocation-input@1",
        "election": {"kind": BODY_KIND[body], "seats": contest["seats"]},
        "lists": lists,
    }


def case_input(case: dict[str, Any]) -> dict[str, Any]:
    """A candidate-level real case from ``real-cases.json`` as input (without lots)."""
    return {
        "format": "kieswet/seat-allocation-input@1",
        "election": {"kind": "GR", "seats": case["seats"]},
        "lists": [
            {
                "number": lst["number"],
                "name": lst["name"],
                "candidates": [
                    {"number": position, "votes": votes}
                    for position, votes in enumerate(lst["candidate_votes"], start=1)
                ],
            }
            for lst in case["lists"]
        ],
    }


def convert_results(path: Path) -> dict[str, Any]:
    """One ``real-results`` file as a fixture: per contest our input and the official seats."""
    data = load(path)
    contests = []
    for contest in data["contests"]:
        entry: dict[str, Any] = {
            "name": contest["name"],
            "code": contest["code"],
            "input": contest_input(data["body"], contest),
            "seats": {
                str(number): lst["seats"] for number, lst in enumerate(contest["lists"], start=1)
            },
        }
        if "residual_seat_order" in contest:
            numbers = {lst["name"]: n for n, lst in enumerate(contest["lists"], start=1)}
            entry["residual_seat_order"] = [
                numbers[name] for name in contest["residual_seat_order"]
            ]
        contests.append(entry)
    return {
        "election": data["election"],
        "date": data["date"],
        "body": data["body"],
        "source": data["source"],
        "converted_from": f"shared/data/real-results/{path.name}",
        "contests": contests,
    }


def convert_cases(path: Path) -> dict[str, Any]:
    """``real-cases.json`` as a fixture: input, the lots drawn in reality, and what was expected."""
    data = load(path)
    return {
        "source": data["source"],
        "converted_from": "shared/data/real-cases.json",
        "cases": [
            {
                "id": case["id"],
                "note": case["note"],
                "input": case_input(case),
                "lots": [
                    {"kind": "residual_seat", "options": lot["between"], "drawn": lot["drawn"]}
                    for lot in case.get("lots", [])
                ],
                "expected": case["expected"],
            }
            for case in data["cases"]
        ],
    }


def fixture_documents() -> dict[str, dict[str, Any]]:
    """File name → fixture document, converted from ``shared/`` (which must be present)."""
    documents = {path.name: convert_results(path) for path in sorted(REAL_RESULTS.glob("*.json"))}
    documents["real-cases.json"] = convert_cases(REAL_CASES)
    return documents


def dump(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for name, document in fixture_documents().items():
        (FIXTURES / name).write_text(dump(document), encoding="utf-8")
        print(f"wrote {FIXTURES / name}")
