"""Compare first, judge what differs (``conformance.compare``): never weaker than the judge.

The runner passes an answer without judging it only when it is the very document the suite build
judged PASS (``judged_sha256``). These tests hold that claim against ``conformance.judge``
itself, the independent formulation here: on random vectors of the shipped suite and random
changes of their answers, whenever the fast path gives a verdict the judge gives the same one;
an answer changed in any single place goes to the judge; and a whole run's reports are the same
with and without the fast path, for the reference adapter and for adapters that answer wrongly.
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance import compare
from conformance.adapters.reference_adapter import handle
from conformance.compare import Known, NotJudgedPass, judged_digest, passed, verdict
from conformance.judge import AS_EXPECTED, Verdict, judge
from conformance.protocol import RESULT_STATUSES, Answer, AnswerStatus, Case, decode_reply, encode
from conformance.suite import Vector, load_suite

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "conformance" / "vectors"
ADAPTERS = ROOT / "tests" / "fixtures" / "adapters"

pytestmark = pytest.mark.skipif(
    not (SHIPPED / "manifest.json").is_file(), reason="the shipped suite is not built yet"
)

VECTORS = load_suite(SHIPPED).vectors if (SHIPPED / "manifest.json").is_file() else ()
_ANSWERS: dict[str, Answer] = {}


def reference_answer(vector: Vector) -> Answer:
    """The reference adapter's answer (the one the build judged), computed once per vector."""
    if vector.key not in _ANSWERS:
        _ANSWERS[vector.key] = handle(Case(vector.key, vector.operation, vector.input))
    return _ANSWERS[vector.key]


def _smallest_per_kind() -> list[Vector]:
    """Per operation and expected status, the vector with the shortest reference answer."""
    best: dict[tuple[str, str], Vector] = {}
    for vector in VECTORS:
        kind = (vector.operation, vector.expected["status"])
        if kind not in best or len(vector.input.__repr__()) < len(best[kind].input.__repr__()):
            best[kind] = vector
    return list(best.values())


SMALL = _smallest_per_kind() if VECTORS else []


# --------------------------------------------------------------------------- the build's digest


def test_every_vector_of_the_shipped_suite_has_its_judged_digest() -> None:
    assert VECTORS and all(v.judged is not None for v in VECTORS)


@pytest.mark.parametrize("vector", SMALL, ids=lambda v: f"{v.operation}-{v.expected['status']}")
def test_the_digest_is_of_the_reference_answer_which_the_judge_passes(vector: Vector) -> None:
    answer = reference_answer(vector)
    assert judge(vector, answer).status == "PASS"
    assert judged_digest(vector, answer) == vector.judged
    assert passed(vector, answer)


def test_a_failing_answer_gets_no_digest() -> None:
    vector = next(
        v
        for v in VECTORS
        if v.operation == "allocate" and v.expected["status"] == "completed"
        and len(v.expected["seats"]) >= 2 and max(v.expected["seats"].values()) > 0
    )  # fmt: skip
    wrong = _moved_seat(reference_answer(vector))
    assert judge(vector, wrong).status == "FAIL"
    with pytest.raises(NotJudgedPass, match="FAIL"):
        judged_digest(vector, wrong)


def _moved_seat(answer: Answer) -> Answer:
    result = copy.deepcopy(dict(answer.result or {}))
    seats = result["seats"]
    most = max(seats, key=lambda k: seats[k])
    other = next(k for k in seats if k != most)
    seats[most] -= 1
    seats[other] += 1
    return Answer(answer.id, answer.status, result)


# --------------------------------------------------------------------------- changing answers


Path_ = tuple[str | int, ...]


def _places(value: Any, path: Path_ = ()) -> Iterator[Path_]:
    """Every place in a document: each member of an object and each item of an array."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key)
            yield from _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*path, index)
            yield from _places(item, (*path, index))


def _get(document: Any, path: Path_) -> Any:
    for step in path:
        document = document[step]
    return document


def _changed_leaf(value: Any) -> Any:
    """A value that differs from ``value`` as JSON (and as Python, types included)."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    if value is None:
        return 0
    if isinstance(value, list):
        return [*value, 1] if value else [1]
    return {**value, "x": 1} if value else {"x": 1}


def _lines(answer: Answer) -> list[str]:
    """The answer's line as ``serve`` writes it, and with spaces (as ``json`` writes it)."""
    message: dict[str, Any] = {"type": "result", "id": answer.id, "status": answer.status}
    if answer.result is not None:
        message["result"] = answer.result
    return [encode(answer), json.dumps(message, ensure_ascii=False) + "\n"]


def _fast(vector: Vector, answer: Answer, line: str) -> tuple[bool, bool]:
    """Whether the line is recognised unread, and whether the decoded answer passes unjudged."""
    matched = Known([vector]).matched_line(line.encode("utf-8")) is not None
    reply = decode_reply(line)
    assert isinstance(reply, Answer)
    return matched, passed(vector, reply)


@pytest.mark.parametrize("vector", SMALL, ids=lambda v: f"{v.operation}-{v.expected['status']}")
def test_an_answer_changed_in_any_one_place_goes_to_the_judge(
    vector: Vector, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every value changed, every member removed, every object given one more: each such answer
    is judged (``verdict`` calls ``judge``), and its line is not recognised unread."""
    judged: list[Answer] = []

    def recording_judge(vector: Vector, answer: Answer) -> Verdict:
        judged.append(answer)
        return Verdict("FAIL", "judged")

    monkeypatch.setattr(compare, "judge", recording_judge)
    right = reference_answer(vector)
    assert right.result is not None
    changes = 0
    for place in _places(right.result):
        for kind in ("change", "remove"):
            result = copy.deepcopy(dict(right.result))
            parent = _get(result, place[:-1])
            if kind == "change":
                parent[place[-1]] = _changed_leaf(parent[place[-1]])
            else:
                del parent[place[-1]]
            answer = Answer(right.id, right.status, result)
            for line in _lines(answer):
                assert _fast(vector, answer, line) == (False, False), (kind, place)
            assert verdict(vector, answer).message == "judged"
            changes += 1
    added = Answer(right.id, right.status, {**right.result, "note": ""})
    assert verdict(vector, added).message == "judged"
    other: AnswerStatus = "rejected" if right.status != "rejected" else "completed"
    assert verdict(vector, Answer(right.id, other, right.result)).message == "judged"
    assert len(judged) == changes + 2 > 2
    assert verdict(vector, right).status == "PASS" and len(judged) == changes + 2


def test_a_repeated_key_is_judged_even_when_the_last_value_is_right() -> None:
    """A line whose result repeats ``status`` decodes to the judged document, but the judge
    fails it (the key's meaning is open): neither fast path may take it."""
    vector = SMALL[0]
    right = reference_answer(vector)
    line = encode(right).replace('"result":{', '"result":{"status":"rejected",', 1)
    reply = decode_reply(line)
    assert isinstance(reply, Answer) and reply.result == right.result
    assert reply.repeated == "result.status"
    assert _fast(vector, reply, line) == (False, False)
    assert verdict(vector, reply) == judge(vector, reply)
    assert judge(vector, reply).status == "FAIL"


# --------------------------------------------------------------------------- random changes


def _reorder(document: dict[str, Any], place: Path_) -> None:
    target = _get(document, place)
    if isinstance(target, dict) and len(target) > 1:
        items = list(target.items())
        target.clear()
        target.update(reversed(items))


def _as_fraction_object(document: dict[str, Any], place: Path_) -> None:
    """A mixed fraction ``"444 5/17"`` written as ``{"num": 7553, "den": 17}`` instead."""
    from fractions import Fraction

    parent = _get(document, place[:-1])
    value = parent[place[-1]]
    if isinstance(value, str) and value.replace(" ", "").replace("/", "").isdigit():
        whole, _, part = value.partition(" ") if "/" in value else (value, "", "")
        number = Fraction(whole) + (Fraction(part) if part else 0)
        parent[place[-1]] = {"num": number.numerator, "den": number.denominator}


CHANGES = (
    "none",
    "leaf",
    "remove",
    "add",
    "retype",
    "reorder",
    "fraction",
    "move seat",
    "swap candidates",
    "step removed",
    "steps swapped",
    "status",
)


@st.composite
def changed_answers(draw: st.DrawFn) -> tuple[Vector, Answer, str]:
    vector = draw(st.sampled_from(VECTORS))
    right = reference_answer(vector)
    assert right.result is not None
    result = copy.deepcopy(dict(right.result))
    status = right.status
    change = draw(st.sampled_from(CHANGES))
    places = list(_places(result))
    if change in ("leaf", "remove", "retype", "reorder", "fraction") and places:
        place = draw(st.sampled_from(places))
        parent = _get(result, place[:-1])
        if change == "leaf":
            parent[place[-1]] = draw(
                st.one_of(
                    st.integers(-2, 50), st.text(max_size=3), st.booleans(), st.none(),
                    st.floats(allow_nan=False), st.just([]), st.just({}),
                )
            )  # fmt: skip
        elif change == "remove":
            del parent[place[-1]]
        elif change == "retype":
            value = parent[place[-1]]
            if type(value) is int:
                parent[place[-1]] = draw(st.sampled_from([float(value), bool(value), str(value)]))
        elif change == "reorder":
            _reorder(result, place)
        else:
            _as_fraction_object(result, place)
    elif change == "add":
        key = draw(st.sampled_from(["note", "lots_used", "warnings", "steps", "quota", "x"]))
        result[key] = draw(st.one_of(st.integers(0, 3), st.just([]), st.text(max_size=3)))
    elif change == "move seat":
        for key in ("seats", "full_seats", "seats_so_far", "party_seats"):
            seats = result.get(key)
            if isinstance(seats, dict) and len(seats) >= 2 and isinstance(seats, dict):
                names = draw(st.permutations(sorted(seats)))
                if isinstance(seats[names[0]], int) and isinstance(seats[names[1]], int):
                    seats[names[0]] += 1
                    seats[names[1]] -= 1
                    break
    elif change == "swap candidates":
        for key in ("elected", "ranking", "elected_on_preference"):
            lists = result.get(key)
            if isinstance(lists, dict):
                long = [k for k, v in lists.items() if isinstance(v, list) and len(v) >= 2]
                if long:
                    chosen = lists[draw(st.sampled_from(long))]
                    chosen[0], chosen[1] = chosen[1], chosen[0]
                    break
    elif change in ("step removed", "steps swapped"):
        steps = result.get("steps")
        if isinstance(steps, list) and len(steps) >= 2:
            index = draw(st.integers(0, len(steps) - 2))
            if change == "step removed":
                del steps[index]
            else:
                steps[index], steps[index + 1] = steps[index + 1], steps[index]
    elif change == "status":
        status = draw(st.sampled_from(RESULT_STATUSES))
    answer = Answer(vector.key, status, result)
    lines = _lines(answer)
    return vector, answer, draw(st.sampled_from(lines))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)  # fmt: skip
@given(changed_answers())
def test_whenever_the_fast_path_gives_a_verdict_the_judge_gives_the_same(
    case: tuple[Vector, Answer, str],
) -> None:
    vector, _, line = case
    reply = decode_reply(line)
    assert isinstance(reply, Answer)
    matched = Known([vector]).matched_line(line.encode("utf-8"))
    fast = passed(vector, reply)
    judged = judge(vector, reply)
    if matched is not None:
        assert (matched.id, matched.status) == (reply.id, reply.status)
    if matched is not None or fast:
        assert judged == Verdict("PASS", AS_EXPECTED, answer_status=reply.status)
        assert verdict(vector, reply) == judged
    judged_text = compare.result_text(reference_answer(vector).result or {})
    same = (
        reply.result is not None
        and compare.result_text(reply.result) == judged_text
        and reply.status == vector.expected["status"]
        and reply.repeated is None
    )
    assert fast == same  # only the judged document itself is passed unjudged
    if not fast:
        assert verdict(vector, reply) == judged


# --------------------------------------------------------------------------- whole runs


def _reports(tmp: Path, command: list[str], compare_first: bool) -> dict[str, bytes]:
    from conformance.reports import RunContext, write_reports
    from conformance.runner import Runner, RunnerOptions
    from conformance.suite import Filters

    options = RunnerOptions(command, batch_size=50, compare_first=compare_first)
    outcome = Runner(options).run(VECTORS)
    outcome.started_at = outcome.finished_at = "2026-12-07T00:00:00+00:00"
    outcome.elapsed = 1.0
    context = RunContext("s", str(SHIPPED), Filters(), " ".join(command), 50, 10.0, "test")
    folder = tmp / ("compared" if compare_first else "judged")
    write_reports(outcome, context, folder)
    names = ("report.jsonl", "junit.xml", "report.html")
    return {name: (folder / name).read_bytes() for name in names}


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "conformance.adapters.reference_adapter"],
        [sys.executable, str(ADAPTERS / "no_p9.py")],
        [sys.executable, str(ADAPTERS / "ranking_in_list_order.py")],
        [sys.executable, str(ADAPTERS / "repeat_status.py")],
    ],
    ids=["reference", "no_p9", "ranking_in_list_order", "repeat_status"],
)
def test_reports_are_the_same_with_and_without_comparing_first(
    tmp_path: Path, command: list[str]
) -> None:
    """The shipped suite through each adapter, judged answer by answer and compared first:
    the three reports are byte for byte the same (their times fixed)."""
    compared = _reports(tmp_path, command, compare_first=True)
    judged = _reports(tmp_path, command, compare_first=False)
    assert compared == judged
    statuses = {json.loads(line)["status"] for line in compared["report.jsonl"].splitlines()[1:-1]}
    if command[-1].endswith("repeat_status.py"):
        # every answer repeats a key, totalise answers too (they once passed: issue 16)
        assert statuses == {"FAIL"}
        return
    assert "PASS" in statuses
    if "reference" not in command[-1]:
        assert "FAIL" in statuses


def test_the_reference_adapter_is_not_judged_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every answer of the reference adapter is recognised on its line: nothing is decoded or
    judged (the speed of issue 17 comes from here)."""
    from conformance import runner as runner_module
    from conformance.runner import Runner, RunnerOptions

    calls: list[str] = []

    def no_judge(vector: Vector, answer: Answer) -> Verdict:
        calls.append(vector.key)
        return judge(vector, answer)

    monkeypatch.setattr(runner_module, "judge", no_judge)
    monkeypatch.setattr(compare, "judge", no_judge)
    command = [sys.executable, "-m", "conformance.adapters.reference_adapter"]
    outcome = Runner(RunnerOptions(command)).run(VECTORS)
    assert {r.verdict.status for r in outcome.records} == {"PASS"}
    assert calls == []
