"""The judge never accepts the answer to a slightly different election.

The hardest wrong answer for a judge that reads steps is one whose steps are right, but for
another input: a supplied lot ignored, a lot applied that the input does not give, one vote
more on a list, another kind of election or profile. Its steps are consistent in themselves;
only its final claim betrays it. This module builds such answers from the shipped suite: for
every base vector (``allocate``, ``allocate-districts`` and ``allocate-eerste-kamer``; valid
inputs whose right answer is
``completed``, ``needs_lot`` or ``rejected``) and small changes of its input, the reference's
answer to one input is judged against the other, with its steps (trace) and without. Wherever
the two inputs have different right answers (``conformance.judge.differences`` finds a
difference in the compared fields), the judge must reject it.

Both directions are taken: the answer to the changed input judged against the vector's input
(whose expected answer is checked by hand or published), and the vector's answer judged
against the changed input. The property ties the judge to the engine (two independent
formulations of the law); it found the gaps closed on 2026-12-08 (docs/spec.md, "A result
with steps is also held to its final claim").
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conformance.judge import differences
from interchange.allocation import parse_election, result_to_json
from interchange.districts import district_result_to_json, parse_district_election
from interchange.engine import (
    allocate_districts_json,
    allocate_eerste_kamer_json,
    allocate_json,
)
from interchange.judging import check, check_districts, weighed_by_law
from spec.claims import TRACE_FIELDS
from spec.districts import DistrictElection
from spec.model import PROFILE_SWITCHES, Election

SUITE = Path(__file__).resolve().parent.parent / "conformance" / "vectors"
pytestmark = pytest.mark.skipif(
    not (SUITE / "manifest.json").is_file(), reason="the shipped suite is not built yet"
)


def _bases(operation: str) -> Iterator[tuple[int, dict[str, Any], dict[str, Any]]]:
    """(id, input, expected) of the positive vectors of ``operation``."""
    for path in sorted((SUITE / operation).glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        for group in document["groups"]:
            for test in group["tests"]:
                if "invalid" in test.get("flags", []):
                    continue
                yield test["id"], test["input"], test["expected"]


def _with(document: dict[str, Any], change: Any) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    change(changed)
    return changed


def _lot_changes(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    lots = document.get("lots") or []
    for k, given in enumerate(lots):
        yield f"lot {k} left out", {**copy.deepcopy(document), "lots": lots[:k] + lots[k + 1 :]}
        for other in given["options"]:
            if other != given["drawn"]:
                changed = copy.deepcopy(document)
                changed["lots"][k]["drawn"] = other
                yield f"lot {k} drawn {other}", changed
    if len(lots) > 1:
        yield "lots in reverse", {**copy.deepcopy(document), "lots": lots[::-1]}


def _vote_changes(lists: list[dict[str, Any]], per_list: int) -> Iterator[tuple[str, Any]]:
    for i, lst in enumerate(lists):
        for j, candidate in enumerate(lst.get("candidates", [])[:per_list]):
            for step in (1, -1):
                if isinstance(candidate.get("votes"), int) and candidate["votes"] + step >= 0:

                    def change(d: dict[str, Any], i: int = i, j: int = j, s: int = step) -> None:
                        d["lists"][i]["candidates"][j]["votes"] += s

                    yield f"list {lst['number']} candidate {candidate['number']} {step:+}", change
        if "candidates" not in lst and isinstance(lst.get("votes"), int):
            for step in (1, -1):
                if lst["votes"] + step >= 0:

                    def change(d: dict[str, Any], i: int = i, s: int = step) -> None:
                        d["lists"][i]["votes"] += s

                    yield f"list {lst['number']} {step:+}", change


def _single_changes(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for label, change in _vote_changes(document["lists"], 6):
        yield label, _with(document, change)
    for i, lst in enumerate(document["lists"]):
        for j, candidate in enumerate(lst.get("candidates", [])[:6]):

            def dead(d: dict[str, Any], i: int = i, j: int = j) -> None:
                c = d["lists"][i]["candidates"][j]
                c["deceased"] = not c.get("deceased", False)

            yield (
                f"list {lst['number']} candidate {candidate['number']} deceased",
                _with(document, dead),
            )
    election = document["election"]
    for step in (1, -1):
        if election["seats"] + step >= 1:
            yield f"seats {step:+}", _with(document, lambda d, s=step: _add_seats(d, s))
    for kind in ("GR", "PS", "TK", "ER", "EP", "AB", "KNI"):
        if kind != election["kind"]:
            yield f"kind {kind}", _with(document, lambda d, k=kind: _set(d, "kind", k))
    for law in ("current", "pre-2017-12", "bill-36641"):
        if law != election.get("law", "current"):
            yield f"law {law}", _with(document, lambda d, v=law: _set(d, "law", v))
    switches = set(election.get("profile", "default").split("+")) - {"default"}
    for switch in PROFILE_SWITCHES:
        name = "+".join(sorted(switches ^ {switch})) or "default"
        yield f"profile {name}", _with(document, lambda d, v=name: _set(d, "profile", v))
    yield from _lot_changes(document)


def _eerste_kamer_changes(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Member votes (per province or kiescollege) one more or less, the number of seats, the
    stemwaarde's figures (inhabitants, members) and the lots."""
    for i, lst in enumerate(document["lists"]):
        for body in sorted(lst.get("votes", {}))[:2]:
            for step in (1, -1):
                if lst["votes"][body] + step >= 0:

                    def change(d: dict[str, Any], i: int = i, b: str = body, s: int = step) -> None:
                        d["lists"][i]["votes"][b] += s

                    yield f"list {lst['number']} {body} {step:+}", _with(document, change)
    for step in (1, -1):
        yield f"seats {step:+}", _with(document, lambda d, s=step: _add_seats(d, s))
    for k, body in enumerate(document.get("bodies", [])):
        for key in ("inhabitants", "members"):
            if isinstance(body.get(key), int) and body[key] > 1:

                def figure(d: dict[str, Any], k: int = k, key: str = key) -> None:
                    d["bodies"][k][key] += 1

                yield f"body {body.get('name')} {key} +1", _with(document, figure)
    yield from _lot_changes(document)


def _district_changes(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for label, change in _vote_changes(document["lists"], 4):
        yield label, _with(document, change)
    for step in (1, -1):
        yield f"seats {step:+}", _with(document, lambda d, s=step: _add_seats(d, s))
    yield from _lot_changes(document)
    for k in range(len(document.get("groups") or [])):
        changed = copy.deepcopy(document)
        del changed["groups"][k]
        yield f"group {k} dissolved", changed


def _add_seats(document: dict[str, Any], step: int) -> None:
    document["election"]["seats"] += step


def _set(document: dict[str, Any], key: str, value: str) -> None:
    document["election"][key] = value


def _final_only(answer: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in answer.items() if k != "steps" and k not in TRACE_FIELDS}
    if isinstance(out.get("national"), dict):
        out["national"] = {k: v for k, v in out["national"].items() if k != "steps"}
    return out


def _accepted(
    operation: str, election: Election | DistrictElection, answer: dict[str, Any]
) -> list[str]:
    """The forms of ``answer`` (with its steps or trace, and without) the judge accepts."""
    out = []
    for form, doc in (("with steps", answer), ("final only", _final_only(answer))):
        if operation != "allocate-districts":
            assert isinstance(election, Election)
            found = check(election, doc)
        else:
            assert isinstance(election, DistrictElection)
            found = check_districts(election, doc)
        if not found:
            out.append(form)
    return out


def _answer(operation: str, document: dict[str, Any]) -> dict[str, Any]:
    if operation == "allocate":
        return result_to_json(allocate_json(document))
    if operation == "allocate-eerste-kamer":
        return result_to_json(allocate_eerste_kamer_json(document))
    return district_result_to_json(allocate_districts_json(document))


def _parse(operation: str, document: dict[str, Any]) -> Election | DistrictElection | None:
    """The election the judge reads: for the Eerste Kamer the contest weighted by the law's own
    statement of U 2 and U 3 (``weighed_by_law``), as the conformance judge does."""
    parsed: object
    if operation == "allocate":
        parsed = parse_election(document)
    elif operation == "allocate-eerste-kamer":
        parsed = weighed_by_law(document)
    else:
        parsed = parse_district_election(document)
    return parsed if isinstance(parsed, (Election, DistrictElection)) else None


CHANGES = {
    "allocate": _single_changes,
    "allocate-districts": _district_changes,
    "allocate-eerste-kamer": _eerste_kamer_changes,
}
ENOUGH = {"allocate": 5000, "allocate-districts": 400, "allocate-eerste-kamer": 20}
"""At least this many wrong answers judged (a guard that the changes still reach the bases)."""


@pytest.mark.parametrize("operation", sorted(CHANGES))
def test_the_answer_to_another_election_is_rejected(operation: str) -> None:
    changes = CHANGES[operation]
    passed: list[str] = []
    judged = 0
    for vector_id, document, expected in _bases(operation):
        election = _parse(operation, document)
        if election is None:
            continue
        right = _answer(operation, document)
        for label, changed in changes(document):
            other = _parse(operation, changed)
            if other is None:
                continue
            wrong = _answer(operation, changed)
            # the answer to the changed input, judged against the vector's input
            if wrong["status"] in ("completed", "needs_lot") and differences(
                expected, wrong, operation
            ):
                judged += 1
                for form in _accepted(operation, election, wrong):
                    passed.append(f"vector {vector_id}, answer to '{label}', {form}")
            # the vector's answer, judged against the changed input
            if right["status"] in ("completed", "needs_lot") and differences(
                wrong, right, operation
            ):
                judged += 1
                for form in _accepted(operation, other, right):
                    passed.append(f"vector {vector_id} '{label}', its own answer, {form}")
    assert judged > ENOUGH[operation], judged
    assert passed == [], passed[:20]
