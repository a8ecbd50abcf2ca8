"""Where the project's shared real data lives, and how to turn it into our input format.

The data (``shared/data``: published results; ``shared/eml``: EML_NL schemas and samples) sits
beside the repository, not in it. A fresh clone has none of it: tests that need it skip with a
reason. ``KIESWET_SHARED`` overrides the location.
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
