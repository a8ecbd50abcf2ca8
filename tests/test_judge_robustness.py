"""The judge never ends a run: a wrong answer is FAIL with its differences, and should the
executable specification itself fail on an answer, the case is ERROR naming the exception.

The Eerste Kamer case below was found by ``kieswet conformance fuzz --operation
allocate-eerste-kamer`` against the broken adapter tests/fixtures/adapters/ek_no_stemwaarde.py
(stemcijfers without the stemwaarde): its answer's P 10 step takes more seats from a list than
the replay holds, and the replay divided by zero on it.
"""

from __future__ import annotations

from typing import Any

import pytest

import conformance.judge
import reference.eerste_kamer as ek
from conformance.judge import judge
from conformance.protocol import Answer
from conformance.suite import EERSTE_KAMER_OPERATION, Vector
from conformance.vectors_build import expected_of
from interchange.allocation import result_to_json
from interchange.engine import allocate_eerste_kamer_json

DOCUMENT: dict[str, Any] = {
    "format": "kieswet/eerste-kamer-input@1",
    "election": {"seats": 75, "law": "current", "profile": "default"},
    "bodies": [
        {"name": "Bonaire", "inhabitants": 24090, "members": 9},
        {"name": "Groningen", "inhabitants": 596163, "members": 43},
    ],
    "lists": [
        {"number": 1, "candidates": [{"number": 1, "votes": {"Bonaire": 1, "Groningen": 4}}]},
        {"number": 2, "votes": {"Bonaire": 1, "Groningen": 10}},
    ],
}


def _vector() -> Vector:
    expected = expected_of(result_to_json(allocate_eerste_kamer_json(DOCUMENT)), True)
    return Vector(
        1, "1", "ek.json", "g", "", (), (), (), EERSTE_KAMER_OPERATION, "current", "current",
        "default", "EK", DOCUMENT, expected,
    )  # fmt: skip


def _unweighted_answer(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    with monkeypatch.context() as patch:
        patch.setattr(ek, "body_stemwaarde", lambda body: 1)  # the broken adapter's mistake
        return result_to_json(allocate_eerste_kamer_json(DOCUMENT))


def test_an_answer_taking_more_seats_than_held_is_fail_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Unweighted, list 1 has 5 votes of 16 and list 2 11: 5 * 75 / 16 = 23.4 full seats for a
    # list with one candidate, so P 10 takes 22 of its seats away. The answer differs from the
    # weighted expected result (list 1: 21 full seats) and breaks the quota rule.
    verdict = judge(_vector(), Answer("1", "completed", _unweighted_answer(monkeypatch)))
    assert verdict.status == "FAIL", verdict.message
    assert "full_seats: lijst 1 verwacht 21, geleverd 23" in verdict.differences
    assert "P5-quota" in {v.rule_id for v in verdict.violations}


def test_a_failing_specification_is_error_and_names_the_exception(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(vector: Vector, result: object) -> tuple[()]:
        raise ZeroDivisionError("planted")

    answer = Answer("1", "completed", _unweighted_answer(monkeypatch))
    monkeypatch.setattr(conformance.judge, "rule_violations", broken)
    verdict = judge(_vector(), answer)
    assert verdict.status == "ERROR"
    assert "ZeroDivisionError: planted" in verdict.message
    assert "een fout van de beoordelaar" in verdict.message
    assert verdict.differences  # what differs is still reported


def test_a_result_keyed_by_a_non_ascii_digit_is_a_format_violation() -> None:
    from interchange.allocation import parse_election
    from interchange.judging import check

    election = parse_election(
        {
            "format": "kieswet/seat-allocation-input@1",
            "election": {"kind": "GR", "seats": 9},
            "lists": [{"number": 1, "votes": 10}, {"number": 2, "votes": 5}],
        }
    )
    assert not isinstance(election, type(None))
    result = {"format": "kieswet/seat-allocation-result@1", "status": "completed"}
    # "²".isdigit() is true, but it is no list number (int("²") fails)
    found = check(election, {**result, "seats": {"²": 3}})  # type: ignore[arg-type]
    assert any('sleutel "²" is geen lijstnummer' in v.message for v in found)


def test_an_input_the_judge_cannot_read_is_an_error_not_a_pass() -> None:
    """With an input the judge cannot read, no rule can be applied to the answer: that is a
    fault of the suite, reported as ERROR with the reason, never a PASS unjudged. An answer
    that differs from the expected result anyway is FAIL."""
    from dataclasses import replace

    right = result_to_json(allocate_eerste_kamer_json(DOCUMENT))
    vector = _vector()
    assert judge(vector, Answer("1", "completed", right)).status == "PASS"
    broken = replace(vector, input={**DOCUMENT, "bodies": []})
    verdict = judge(broken, Answer("1", "completed", right))
    assert verdict.status == "ERROR", verdict.message
    assert "kan de invoer van deze vector niet lezen" in verdict.message
    assert "bodies" in verdict.message
    wrong = {**right, "seats": {"1": 2, "2": 73}}
    verdict = judge(broken, Answer("1", "completed", wrong))
    assert verdict.status == "FAIL" and verdict.differences


def test_an_unreadable_district_input_is_an_error_not_a_pass() -> None:
    from dataclasses import replace

    from conformance.suite import DISTRICTS_OPERATION

    vector = replace(
        _vector(), operation=DISTRICTS_OPERATION, input={"format": "kieswet/no-such@1"}
    )
    answer = Answer("1", "completed", {**vector.expected})
    verdict = judge(vector, answer)
    assert verdict.status == "ERROR", verdict.message
    assert "kan de invoer van deze vector niet lezen" in verdict.message
