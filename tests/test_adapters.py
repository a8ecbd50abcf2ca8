"""The adapter protocol (conformance/protocol.py), the reference adapter and the OSV2020 adapter.

The OSV2020 adapter is tested against tests/fixtures/osv2020_standin.py, a stand-in for the
wrapper that speaks its JSON-lines protocol on top of the reference engine.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conformance.adapters.osv2020 import to_request
from conformance.adapters.reference_adapter import CAPABILITIES, handle
from conformance.adapters.serve import serve
from conformance.protocol import (
    PROTOCOL,
    Answer,
    Case,
    ProtocolError,
    Run,
    Start,
    Started,
    Stop,
    Stopped,
    decode_reply,
    decode_request,
    encode,
)
from interchange.allocation import parse_election
from kieswet.cli import main
from spec.model import Election

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT / "tests" / "fixtures" / "vectors"
STANDIN = ROOT / "tests" / "fixtures" / "osv2020_standin.py"
SCHEMA = json.loads(
    (ROOT / "conformance" / "schemas" / "adapter-protocol.schema.json").read_text("utf-8")
)
ELECTION = {
    "format": "kieswet/seat-allocation-input@1",
    "election": {"kind": "GR", "seats": 9},
    "lists": [
        {"number": 1, "candidates": [{"number": 1, "votes": 250}, {"number": 2, "votes": 50}]},
        {"number": 2, "votes": 600, "candidate_count": 7},
    ],
}

MESSAGES: list[Any] = [
    Start(),
    Started("x", "1", CAPABILITIES),
    Run((Case("17", "allocate", ELECTION), Case("18", "allocate", {"not": "valid"}))),
    Answer("17", "completed", {"format": "kieswet/seat-allocation-result@1", "status": "x"}),
    Answer("18", "skipped", message="not supported"),
    Answer("19", "errored", message="boom"),
    Stop(),
    Stopped(),
]


@pytest.mark.parametrize("message", MESSAGES, ids=lambda m: type(m).__name__)
def test_every_message_round_trips_and_matches_the_schema(message: Any) -> None:
    line = encode(message)
    assert line.endswith("\n") and "\n" not in line[:-1]
    decoded = decode_request(line) if isinstance(message, Start | Run | Stop) else None
    if decoded is None:
        decoded = decode_reply(line)
    assert decoded == message
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(line))


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("not json", "not JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
        ("[1, 2]", "must be a JSON object"),
        ('{"id": "1"}', "needs a string field 'type'"),
        ('{"type": "result", "id": "1", "status": "fine"}', "status must be one of"),
        ('{"type": "result", "id": "1", "status": "completed"}', "needs a result object"),
        ('{"type": "result", "id": "", "status": "skipped"}', "id must be a non-empty string"),
        ('{"type": "result", "id": "1", "status": "skipped", "result": {}}', "carries no result"),
        ('{"type": "result", "id": "1", "status": "skipped", "extra": 1}', "unknown field"),
        ('{"type": "started", "protocol": "p", "name": "n", "version": "v"}', "capabilities"),
        ('{"type": "hello"}', "unknown message type"),
    ],
)
def test_malformed_replies_are_refused_with_the_reason(line: str | bytes, reason: str) -> None:
    with pytest.raises(ProtocolError, match=reason):
        decode_reply(line)


def test_malformed_requests_are_refused_with_the_reason() -> None:
    with pytest.raises(ProtocolError, match=r"cases\[0\].input is missing"):
        decode_request('{"type": "run", "cases": [{"id": "1", "operation": "allocate"}]}')
    with pytest.raises(ProtocolError, match="unknown message type 'started'"):
        decode_request(encode(Stopped()).replace("stopped", "started"))


def _session(command: list[str], requests: list[Any]) -> tuple[list[Any], int, str]:
    text = "".join(encode(r) for r in requests)
    done = subprocess.run(
        command, input=text, capture_output=True, text=True, timeout=60, check=False
    )
    return [decode_reply(line) for line in done.stdout.splitlines()], done.returncode, done.stderr


def test_a_complete_session_with_the_reference_adapter() -> None:
    replies, code, _ = _session(
        [sys.executable, "-m", "kieswet.cli", "adapter"],
        [
            Start(),
            Run((Case("a", "allocate", ELECTION), Case("b", "allocate", {"format": "?"}))),
            Run((Case("c", "no-such-operation", {}),)),
            Stop(),
        ],
    )
    assert code == 0
    started, a, b, c, stopped = replies
    assert isinstance(started, Started) and started.protocol == PROTOCOL
    assert started.name == "kieswet-reference"
    assert "GR" in started.capabilities.kinds and started.capabilities.candidates
    assert isinstance(a, Answer) and a.status == "completed" and a.result is not None
    # List 1 earns 3 seats but has 2 candidates: P 10 hands its surplus to list 2.
    assert a.result["seats"] == {"1": 2, "2": 7}
    assert a.result["elected"] == {"1": [1, 2]}
    assert isinstance(b, Answer) and (b.id, b.status) == ("b", "rejected")
    assert isinstance(c, Answer) and (c.id, c.status) == ("c", "skipped")
    assert isinstance(stopped, Stopped)


def test_an_exception_in_the_implementation_is_an_errored_answer() -> None:
    def boom(case: Case) -> Answer:
        if case.id == "2":
            raise ZeroDivisionError("division by zero")
        return handle(case)

    stdin = io.StringIO(
        encode(Start())
        + encode(Run((Case("1", "allocate", ELECTION), Case("2", "allocate", ELECTION))))
        + encode(Stop())
    )
    stdout = io.StringIO()
    assert serve("t", "1", CAPABILITIES, boom, stdin, stdout) == 0
    replies = [decode_reply(line) for line in stdout.getvalue().splitlines()]
    assert [type(r).__name__ for r in replies] == ["Started", "Answer", "Answer", "Stopped"]
    second = replies[2]
    assert isinstance(second, Answer) and second.status == "errored"
    assert second.message == "ZeroDivisionError: division by zero"


def test_the_osv2020_request_translates_lists_and_list_level_data() -> None:
    election = parse_election(ELECTION)
    assert isinstance(election, Election)
    assert to_request(election) == {
        "seats": 9,
        "pg_candidates": [2, 7],
        "votes": [[250, 50], [600, 0, 0, 0, 0, 0, 0]],
    }


def _osv_run(tmp_path: Path, *wrapper_args: str) -> dict[int, dict[str, Any]]:
    wrapper = " ".join([sys.executable, str(STANDIN), *wrapper_args])
    command = f"{sys.executable} -m kieswet.cli adapter --osv2020 '{wrapper}'"
    main(
        ["conformance", "run", "--adapter", command, "--suite", str(SUITE), "--no-progress",
         "--report-dir", str(tmp_path)]
    )  # fmt: skip
    lines = [json.loads(x) for x in (tmp_path / "report.jsonl").read_text("utf-8").splitlines()]
    return {line["id"]: line for line in lines if line["type"] == "case"}


def test_the_osv2020_adapter_through_the_stand_in(tmp_path: Path) -> None:
    by_id = _osv_run(tmp_path)
    status = {i: line["status"] for i, line in by_id.items()}
    assert status == {
        1: "PASS", 2: "PASS", 3: "PASS", 4: "PASS", 5: "ERROR", 6: "SKIPPED", 7: "PASS",
        101: "PASS", 102: "PASS", 103: "SKIPPED", 104: "SKIPPED", 105: "SKIPPED", 106: "PASS",
    }  # fmt: skip
    assert "(conflict)" in by_id[5]["message"]
    assert "de lijsten 3 en 9 hebben hetzelfde gemiddelde 617" in by_id[5]["message"]
    assert "the adapter does not claim lots" in by_id[6]["message"]
    assert "not claimed by the adapter" in by_id[103]["message"]  # kind TK
    assert "deceased candidate" in by_id[104]["message"]
    assert "not a valid election" in by_id[105]["message"]


def test_the_osv2020_adapter_reports_a_wrong_order_of_election(tmp_path: Path) -> None:
    by_id = _osv_run(tmp_path, "--elect-in-list-order")
    reusel = by_id[4]
    assert reusel["status"] == "FAIL"
    assert reusel["differences"] == [
        "elected: lijst 1 verwacht [1, 3, 2, 4, 5, 6, 7, 8], geleverd [1, 2, 3, 4, 5, 6, 7, 8]"
    ]
    assert "P15-preference-order" in {v["rule_id"] for v in reusel["violations"]}


def test_the_osv2020_adapter_survives_a_wrapper_that_cannot_start(tmp_path: Path) -> None:
    replies, code, _ = _session(
        [sys.executable, "-m", "kieswet.cli", "adapter", "--osv2020", str(tmp_path / "none")],
        [Start(), Run((Case("1", "allocate", ELECTION),)), Stop()],
    )
    assert code == 0
    answer = replies[1]
    assert isinstance(answer, Answer) and answer.status == "errored"
    assert answer.message is not None and "cannot start" in answer.message
