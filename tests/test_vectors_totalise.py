"""The ``totalise`` operation of the conformance suite: its vectors, its judge, its adapters.

Independent sources: the hand computations of ``conformance/vector_sources/totalise.py``
(every finding and some totals of each case, compared with the reference by the build and
again below) and the executable specification ``spec.totalisation_rules``, which never calls
the reference. The broken adapters in ``tests/fixtures/adapters/totalise_*.py`` each inject
one mistake into the reference totalisation; the run must fail on the vectors that expose it
and name the violated rule.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from conformance.judge import judge
from conformance.protocol import Answer, Capabilities
from conformance.suite import TOTALISE_OPERATION, Vector, load_suite, unsupported
from conformance.totalise_kit import reference_result
from conformance.vector_sources import totalise as source
from conformance.vectors_build import DEFAULT_REAL, DEFAULT_SUITE, BuildError, build
from kieswet.cli import main
from spec.totalisation_rules import RULES

ROOT = Path(__file__).resolve().parent.parent
ADAPTERS = ROOT / "tests" / "fixtures" / "adapters"

SUITE = load_suite(DEFAULT_SUITE)
VECTORS = [v for v in SUITE.vectors if v.operation == TOTALISE_OPERATION]


def vector(comment_start: str, profile: str = "TK2025") -> Vector:
    """The one vector whose comment starts with ``comment_start`` (and of ``profile``)."""
    found = [v for v in VECTORS if v.comment.startswith(comment_start) and v.profile == profile]
    assert len(found) == 1, comment_start
    return found[0]


def reference_answer(v: Vector) -> Answer:
    status, result = reference_result(v.input)
    return Answer(v.key, "completed" if status == "completed" else "rejected", result)


# --------------------------------------------------------------------------- the vectors


def test_every_totalisation_rule_has_a_vector_and_both_protocols_are_covered() -> None:
    covered = {rule for v in VECTORS for rule in v.rules}
    assert {rule.id for rule in RULES} <= covered
    assert {v.profile for v in VECTORS} == {"2024-02", "TK2025"}
    assert all(v.file_law == "current" for v in VECTORS)
    assert len(VECTORS) == len(source.CASES)


def test_every_vector_holds_its_hand_computation() -> None:
    """The shipped expectations agree with the hand computations of the source, compared here
    on their own: every finding (severity, check, unit) and each hand-computed total."""
    for case in source.CASES:
        [v] = [x for x in VECTORS if x.input == case.input]
        if case.errors is not None:
            assert v.expected["status"] == "rejected"
            got = sorted((e["field"], e["code"]) for e in v.expected["errors"])
            assert got == sorted(case.errors), case.comment
            continue
        got_findings = sorted(
            (f["severity"], f["code"], f["unit_id"]) for f in v.expected["findings"]
        )
        assert got_findings == sorted(case.findings), case.comment
        assert v.expected["accepted"] is not any(f[0] == "error" for f in case.findings)
        for uid, fields in (case.totals or {}).items():
            count = v.expected["totals"][uid]
            for path, value in fields.items():
                head, _, rest = path.partition(".")
                if head == "admitted":
                    assert count["admitted"][rest] == value, (case.comment, path)
                elif head.startswith("lists["):
                    number = int(head[6:-1])
                    [lst] = [x for x in count["lists"] if x["number"] == number]
                    got = lst["total"] if rest == "total" else lst["candidates"][rest[11:-1]]
                    assert got == value, (case.comment, path)
                else:
                    assert count[path] == value, (case.comment, path)


def test_the_2024_and_tk2025_swap_thresholds_give_different_verdicts_on_one_input() -> None:
    """List 1 of s1 5, 45 against 45, 5 in the rest: 45 >= 5 x 5 but < 10 x 5."""
    tk = vector("List 1 in s2 and s3: 45, 5 each")
    old = vector("The case before under protocol 2024-02", "2024-02")
    assert tk.input["counts"] == old.input["counts"]
    assert {f["code"] for f in tk.expected["findings"]} == {"CP-swapped-candidates"}
    assert old.expected["findings"] == []


def test_a_wrong_hand_expectation_stops_the_build_naming_the_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = next(c for c in source.CASES if c.findings)
    wrong = replace(case, findings=case.findings[1:])
    cases = [wrong if c is case else c for c in source.CASES]
    monkeypatch.setattr(source, "CASES", cases)
    with pytest.raises(BuildError) as info:
        build(tmp_path / "suite", tmp_path / "ids.json", DEFAULT_REAL)
    assert case.comment[:40] in str(info.value)
    assert "hand computation" in str(info.value)
    assert not (tmp_path / "suite").exists()


# --------------------------------------------------------------------------- the judge


def test_the_reference_passes_every_vector_through_the_judge() -> None:
    for v in VECTORS:
        verdict = judge(v, reference_answer(v))
        assert verdict.status == "PASS", (v.id, verdict.message, verdict.differences)


def _answer_with(v: Vector, change: Any) -> Answer:
    answer = reference_answer(v)
    result = json.loads(json.dumps(answer.result))
    change(result)
    return Answer(answer.id, answer.status, result)


def test_a_missed_finding_fails_naming_its_rule() -> None:
    v = vector("s1 D 714, H 700")

    def drop_s3(result: dict[str, Any]) -> None:
        result["findings"] = [f for f in result["findings"] if f["unit_id"] != "s3"]

    verdict = judge(v, _answer_with(v, drop_s3))
    assert verdict.status == "FAIL"
    assert "findings: verwacht waarschuwing TOT-warning-difference voor 's3', ontbreekt" in (
        verdict.differences
    )
    assert {x.rule_id for x in verdict.violations} == {"TOT-warning-difference"}


def test_a_changed_entered_count_fails_naming_the_rules() -> None:
    """s2's blank 3 reported as 4: its count is not carried (TOT-carried) and the
    municipality's 11 is no longer the sum 12 (TOT-sum-identity)."""
    v = vector("s1 H = 97 + 3 = 100")

    def more_blank(result: dict[str, Any]) -> None:
        [s2] = [c for c in result["counts"] if c["unit_id"] == "s2"]
        s2["blank"] = 4

    verdict = judge(v, _answer_with(v, more_blank))
    assert verdict.status == "FAIL"
    assert "totals[s2].blank: verwacht 3, geleverd 4" in verdict.differences
    assert verdict.provided is not None and set(verdict.provided["totals"]) == {"s2"}
    assert {"TOT-carried", "TOT-sum-identity"} <= {x.rule_id for x in verdict.violations}


def test_an_accepted_result_where_an_error_is_due_fails() -> None:
    v = vector("s1: A 90, B 5, C 3 but D 100")

    def hide_error(result: dict[str, Any]) -> None:
        result["findings"] = []
        result["status"] = "accepted"

    verdict = judge(v, _answer_with(v, hide_error))
    assert verdict.status == "FAIL"
    assert any(
        d.startswith("status van de totalen: verwacht geblokkeerd") for d in verdict.differences
    )
    assert "TOT-D-is-A+B+C" in {x.rule_id for x in verdict.violations}


def test_a_result_that_is_no_totals_document_and_a_wrong_status_fail() -> None:
    v = vector("Three standard stations, all consistent")
    verdict = judge(v, Answer(v.key, "completed", {"seats": {}}))
    assert verdict.status == "FAIL" and "geen kieswet/totals@1" in verdict.differences[0]
    verdict = judge(v, Answer(v.key, "rejected", {"status": "rejected", "errors": []}))
    assert verdict.status == "FAIL"
    assert verdict.differences[0].startswith("status: verwacht completed, geleverd rejected")
    rejected = vector("The input names control protocol 'TK2099'")
    assert judge(rejected, reference_answer(rejected)).status == "PASS"
    assert judge(rejected, reference_answer(v)).status == "FAIL"


def test_an_adapter_that_does_not_claim_a_protocol_skips_its_vectors() -> None:
    caps = Capabilities((TOTALISE_OPERATION,), (), ("current",), ("TK2025",), False, False)
    profiles = [frozenset({"TK2025"})]
    old = vector("The case before under protocol 2024-02", "2024-02")
    assert unsupported(old, caps, profiles) == "control protocol 2024-02 not claimed by the adapter"
    assert unsupported(vector("s1 D 714, H 700"), caps, profiles) is None


# --------------------------------------------------------------------------- end to end


def _run(tmp_path: Path, adapter: str) -> tuple[int, dict[int, dict[str, Any]]]:
    report = tmp_path / "report"
    code = main(
        ["conformance", "run", "--adapter", adapter, "--operation", TOTALISE_OPERATION,
         "--report-dir", str(report), "--no-progress"]
    )  # fmt: skip
    lines = [json.loads(x) for x in (report / "report.jsonl").read_text("utf-8").splitlines()]
    return code, {line["id"]: line for line in lines if line["type"] == "case"}


def test_kieswet_conformance_run_passes_the_reference(tmp_path: Path) -> None:
    code, cases = _run(tmp_path, f"{sys.executable} -m kieswet.cli adapter")
    assert code == 0
    assert len(cases) == len(VECTORS)
    assert {line["status"] for line in cases.values()} == {"PASS"}
    assert {line["profile"] for line in cases.values()} == {"2024-02", "TK2025"}


@pytest.mark.parametrize(
    ("script", "comment", "profile", "rule"),
    [
        # D 714, H 700 is 2% of H; 2% of D and 15 (the former rule) flags nothing there.
        ("totalise_difference_of_d.py", "s1 D 714, H 700", "TK2025", "TOT-warning-difference"),
        # The municipality's blank 3 + 3 + 5 = 11; leaving out s3's 5 gives 6.
        ("totalise_wrong_sum.py", "s1 H = 97 + 3 = 100", "TK2025", "TOT-sum-identity"),
        # 15 >= 5 x 3 and >= 15 (TK2025); with 10x and 20 (2024-02) it is not flagged.
        ("totalise_swap_2024.py", "List 1 in s2 and s3: 12, 2, 6", "TK2025",
         "CP-swapped-candidates"),
    ],
)  # fmt: skip
def test_a_broken_totalisation_is_caught_with_the_rule_id(
    tmp_path: Path, script: str, comment: str, profile: str, rule: str
) -> None:
    code, cases = _run(tmp_path, f"{sys.executable} {ADAPTERS / script}")
    assert code == 1
    line = cases[vector(comment, profile).id]
    assert line["status"] == "FAIL"
    assert rule in {v["rule_id"] for v in line["violations"]}
    assert line["differences"]
    # The vectors the fault does not touch still pass (one fault, not a broken run).
    # (measuring the difference against D instead of H fails about a sixth of them)
    assert sum(1 for x in cases.values() if x["status"] == "PASS") >= 3 * len(VECTORS) // 4


# --------------------------------------------------------------------------- the input field


def _write(tmp_path: Path, protocol: str | None) -> Path:
    document = dict(vector("List 1 in s2 and s3: 45, 5 each").input)
    if protocol is None:
        del document["protocol"]
    else:
        document["protocol"] = protocol
    path = tmp_path / "counts.json"
    path.write_text(json.dumps(document), "utf-8")
    return path


def _swapped(out: Path) -> set[str]:
    rows = [json.loads(x) for x in (out / "findings.jsonl").read_text("utf-8").splitlines()]
    return {row["unit"] for row in rows if row["check"] == "CP-swapped-candidates"}


@pytest.mark.parametrize(
    ("named", "option", "flagged"),
    [
        # s1's candidate 2: 45 >= 5 x 5 (TK2025) but < 10 x 5 (2024-02).
        ("TK2025", [], {"s1"}),
        ("2024-02", [], set()),
        (None, [], {"s1"}),
        (None, ["--protocol", "2024-02"], set()),
        ("2024-02", ["--protocol", "2024-02"], set()),
    ],
)
def test_kieswet_totalise_uses_the_protocol_the_input_names(
    tmp_path: Path, named: str | None, option: list[str], flagged: set[str]
) -> None:
    path = _write(tmp_path, named)
    code = main(["totalise", str(path), "--out", str(tmp_path / "out"), "--no-progress", *option])
    assert code == 0
    assert _swapped(tmp_path / "out") == flagged


def test_kieswet_totalise_refuses_two_different_protocols(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "TK2025")
    code = main(["totalise", str(path), "--out", str(tmp_path / "out"), "--protocol", "2024-02"])
    assert code == 2
    assert "TK2025" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_every_reference_answer_is_a_valid_totals_document() -> None:
    """What an adapter must send (docs/adapter-protocol.md) is what the schema says: the
    reference's answer to every completed vector validates against totals.schema.json."""
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the 'test' extra")
    schema = json.loads((ROOT / "conformance" / "schemas" / "totals.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    completed = [v for v in VECTORS if v.expected["status"] == "completed"]
    assert len(completed) == len(VECTORS) - 2
    for v in completed:
        answer = reference_answer(v)
        assert answer.status == "completed"
        assert list(validator.iter_errors(answer.result)) == [], v.id


def test_a_totalise_answer_repeating_a_key_fails() -> None:
    """A repeated key leaves the answer's meaning open (JSON lets a reader take either value):
    FAIL for a totalise answer too, even where the value a reader keeps is the right one."""
    from conformance.protocol import decode_reply, encode

    v = vector("Three standard stations, all consistent")
    right = reference_answer(v)
    assert judge(v, right).status == "PASS"
    line = encode(right).replace('"result":{', '"result":{"status":"blocked",', 1)
    reply = decode_reply(line)
    assert isinstance(reply, Answer) and reply.result == right.result
    assert reply.repeated == "result.status"
    verdict = judge(v, reply)
    assert verdict.status == "FAIL", verdict.message
    assert verdict.differences == ("result.status: de sleutel staat twee keer in één object",)


def test_an_input_the_judge_cannot_read_is_an_error_not_a_pass() -> None:
    """A vector whose input the judge cannot read (a fault of the suite) gets no rule
    applied: the answer is ERROR with the reason, never PASS unjudged; an answer that differs
    from the expected result is FAIL all the same."""
    v = vector("Three standard stations, all consistent")
    right = reference_answer(v)
    broken = replace(v, input={**v.input, "format": "kieswet/no-such-format@1"})
    verdict = judge(broken, right)
    assert verdict.status == "ERROR", verdict.message
    assert "kan de invoer van deze vector niet lezen" in verdict.message
    assert "format" in verdict.message
    wrong = judge(broken, Answer(v.key, "rejected", {"status": "rejected", "errors": []}))
    assert wrong.status == "FAIL"
