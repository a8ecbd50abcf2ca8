"""The two formulations agree: ``spec.check(x, reference(x)) == []``.

For the three real cases in ``examples/`` (Roermond also with its lot drawn), every published
contest in ``tests/fixtures/real`` (converted from ``shared/data/real-results``), and generated
elections (ties, P 9 majorities, list exhaustion, 18/19 seats, lists without votes, deceased
candidates, every law version and profile). Each completed result is also checked with its
``steps`` removed, which exercises the final-state characterisations a result from another
implementation may be judged by.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interchange.allocation import parse_election, result_to_json
from interchange.judging import check
from interchange.result_claims import read_result
from reference.allocate import allocate
from spec.model import (
    ELECTION_KINDS,
    LAW_VERSIONS,
    Candidate,
    Election,
    ElectionList,
    Lot,
    NeedsLot,
    Profile,
)
from spec.rules import RULES, RULES_BY_ID

REPO = Path(__file__).resolve().parents[1]
REAL_RESULTS = REPO / "tests" / "fixtures" / "real"  # converted from shared/data/real-results
EXAMPLES = [  # the real published contests; the synthetic district and EK examples are not
    path
    for path in sorted((REPO / "examples").glob("*.json"))
    if json.loads(path.read_text("utf-8"))["format"] == "kieswet/seat-allocation-input@1"
]


def load_election(data: Any) -> Election:
    parsed = parse_election(data)
    assert isinstance(parsed, Election), parsed
    return parsed


def without_steps(result: dict[str, Any]) -> dict[str, Any]:
    """The same result as an implementation that reports no steps would give it."""
    return {key: value for key, value in result.items() if key != "steps"}


def assert_agrees(election: Election) -> dict[str, Any]:
    result = result_to_json(allocate(election))
    assert check(election, result) == []
    if result["status"] == "completed":
        assert check(election, without_steps(result)) == []
    return result


# --------------------------------------------------------------------------- the rule table


def test_rules_have_stable_unique_ids_articles_and_statements() -> None:
    # traceability: names rules only (checks the table, exercises no rule)
    assert len(RULES_BY_ID) == len(RULES)
    for rule in RULES:
        assert rule.id and rule.article and rule.statement.endswith(".")
    for needed in (
        "P5-quota",
        "P6-full-seats",
        "P7.1-greatest-average",
        "P7.2-full-quota-threshold",
        "P8.1-largest-remainder",
        "P8.2-75-percent",
        "P8.2-one-per-list",
        "P8.3-average-one-per-list",
        "P9-absolute-majority",
        "P10-exhaustion",
        "P10-no-empty-seat-needlessly",
        "P15-threshold-strict",
        "P15-preference-order",
        "P17-list-order",
        "P19a-deceased",
        "LOT-decisive",
        "SEATS-total",
    ):
        assert needed in RULES_BY_ID


# --------------------------------------------------------------------------- real cases


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_real_cases(path: Path) -> None:
    assert_agrees(load_election(json.loads(path.read_text(encoding="utf-8"))))


def test_roermond_asks_for_the_decisive_lot_and_completes_with_it() -> None:
    data = json.loads((REPO / "examples" / "roermond-2026.json").read_text(encoding="utf-8"))
    election = load_election(data)
    question = assert_agrees(election)
    assert question["status"] == "needs_lot"
    assert question["lot"]["options"] == [3, 9]
    drawn = replace(election, lots=(Lot("residual_seat", (3, 9), 9),))
    result = assert_agrees(drawn)
    assert result["status"] == "completed"


def _real_contests() -> list[Any]:
    params = []
    for path in sorted(REAL_RESULTS.glob("*.json")):
        if path.name == "real-cases.json":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        params.append(pytest.param(data, id=path.stem))
    return params


@pytest.mark.parametrize("data", _real_contests())
def test_every_published_contest(data: dict[str, Any]) -> None:
    for contest in data["contests"]:
        result = assert_agrees(load_election(contest["input"]))
        assert result["status"] == "completed"
        assert result["seats"] == contest["seats"]


# --------------------------------------------------------------------------- generated

SEATS = (1, 3, 5, 7, 9, 11, 15, 17, 18, 19, 21, 25, 33)


def candidate_votes(draw: st.DrawFn, tie_values: tuple[int, ...]) -> int:
    use_tie: bool = draw(st.booleans())
    if tie_values and use_tie:
        return draw(st.sampled_from(tie_values))
    return draw(st.integers(0, 400))


@st.composite
def elections(draw: st.DrawFn) -> Election:
    """A small election: every kind, law and profile; ties, majorities and exhaustion likely."""
    kind = draw(st.sampled_from(ELECTION_KINDS))
    seats = draw(st.sampled_from(SEATS))
    law = draw(st.sampled_from(LAW_VERSIONS))
    profile = Profile(draw(st.booleans()), draw(st.booleans()))
    count = draw(st.integers(1, 7))
    ties = tuple(draw(st.lists(st.integers(1, 300), min_size=0, max_size=3)))
    list_level = draw(st.integers(0, 4)) == 0
    majority = draw(st.integers(0, 3)) == 0
    lists: list[ElectionList] = []
    for number in range(1, count + 1):
        if list_level:
            use_tie: bool = draw(st.booleans())
            if ties and use_tie:
                votes = 10 * draw(st.sampled_from(ties))
            else:
                votes = draw(st.integers(0, 3000))
            size = draw(st.none() | st.integers(0, 8))
            dead = 0 if size is None else draw(st.integers(0, min(size, 2)))
            lists.append(ElectionList(number, f"L{number}", votes, None, size, dead))
            continue
        size = draw(st.integers(0, 6))
        candidates = tuple(
            Candidate(c, candidate_votes(draw, ties), draw(st.integers(0, 9)) == 0)
            for c in range(1, size + 1)
        )
        votes = sum(c.votes for c in candidates)
        lists.append(ElectionList(number, f"L{number}", votes, candidates))
    if majority:
        rest = sum(lst.votes for lst in lists[1:])
        first = lists[0]
        extra = rest - first.votes + draw(st.integers(1, 40))
        if extra > 0:
            if first.candidates is not None:
                head = first.candidates[0] if first.candidates else Candidate(1, 0)
                bumped = (
                    Candidate(head.number, head.votes + extra, head.deceased),
                    *first.candidates[1:],
                )
                lists[0] = replace(first, votes=first.votes + extra, candidates=bumped)
            else:
                lists[0] = replace(first, votes=first.votes + extra)
    if sum(lst.votes for lst in lists) == 0:
        first = lists[0]
        if first.candidates is not None:
            lists[0] = replace(first, votes=1, candidates=(Candidate(1, 1), *first.candidates[1:]))
        else:
            lists[0] = replace(first, votes=1)
    return Election(kind, seats, tuple(lists), law, profile)


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(elections(), st.data())
def test_generated_elections(election: Election, data: st.DataObject) -> None:
    """Every result on the way (each *needs lot*, then the completed one) satisfies the spec."""
    for _ in range(40):
        result = allocate(election)
        document = result_to_json(result)
        assert check(election, document) == [], (election, document)
        if document["status"] == "completed":
            assert check(election, without_steps(document)) == []
        if not isinstance(result, NeedsLot):
            return
        question = result.lot
        drawn = data.draw(st.sampled_from(question.options))
        lot = Lot(question.kind, question.options, drawn, question.list)
        election = replace(election, lots=(*election.lots, lot))
    raise AssertionError("more than 40 lots")


def test_reader_names_malformed_fields_instead_of_raising() -> None:
    read = read_result({"format": "x", "status": "completed", "seats": {"1": "two"}})
    fields = {p.field for p in read.problems}
    assert {"format", 'seats["1"]', "quota", "full_seats"} <= fields
    assert read_result([1, 2]).problems[0].field == "$"
    assert read_result({"status": "done"}).status is None
