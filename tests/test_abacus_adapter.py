"""The adapter for the apportionment crate of Abacus (``adapters/abacus/``, docs/abacus.md).

These tests build the Rust shim against a local Abacus checkout and run it on a few cases. They
need cargo and the checkout, named by KIESWET_ABACUS; without either they skip, saying which is
missing. Set KIESWET_ABACUS_DEBIAN=1 to build offline with Debian's packaged crates
(``build.py --debian``).

The expected values are computed by hand in each test, or are the suite's own vectors (judged
by the runner against their hand-computed expectations).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "adapters" / "abacus" / "build.py"
CHECKOUT = os.environ.get("KIESWET_ABACUS", "")


def _why_not() -> str | None:
    if shutil.which("cargo") is None:
        return "cargo is not installed (the Abacus adapter is a Rust program)"
    if not CHECKOUT:
        return "KIESWET_ABACUS is not set (the path of an Abacus checkout)"
    lib = Path(CHECKOUT) / "backend" / "apportionment" / "src" / "lib.rs"
    if not lib.is_file():
        return f"KIESWET_ABACUS={CHECKOUT} is not an Abacus checkout ({lib} is missing)"
    return None


pytestmark = pytest.mark.skipif(_why_not() is not None, reason=str(_why_not()))


@pytest.fixture(scope="module")
def binary() -> str:
    command = [sys.executable, str(BUILD), "--abacus", CHECKOUT]
    if os.environ.get("KIESWET_ABACUS_DEBIAN") == "1":
        command.append("--debian")
    done = subprocess.run(command, capture_output=True, text=True, timeout=1800, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1]


def _session(binary: str, cases: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Answers by case id, after a start handshake; also checks the stop handshake."""
    lines = [
        {"type": "start", "protocol": "kieswet-adapter@1"},
        {"type": "run", "cases": cases},
        {"type": "stop"},
    ]
    text = "".join(json.dumps(line) + "\n" for line in lines)
    done = subprocess.run(
        [binary], input=text, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    replies = [json.loads(line) for line in done.stdout.splitlines()]
    assert replies[0]["type"] == "started" and replies[-1] == {"type": "stopped"}
    return {r["id"]: r for r in replies[1:-1]}


def _case(case_id: str, lists: list[dict[str, Any]], seats: int, **extra: Any) -> dict[str, Any]:
    document = {"election": {"kind": "GR", "seats": seats}, "lists": lists, **extra}
    return {"id": case_id, "operation": "allocate", "input": document}


def test_the_handshake_claims_only_what_the_crate_does(binary: str) -> None:
    done = subprocess.run(
        [binary],
        input='{"type":"start","protocol":"kieswet-adapter@1"}\n{"type":"stop"}\n',
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    started = json.loads(done.stdout.splitlines()[0])
    assert started["protocol"] == "kieswet-adapter@1"
    assert started["capabilities"] == {
        "operations": ["allocate"],
        "kinds": ["GR"],
        "laws": ["current"],
        "profiles": ["default"],
        "candidates": True,
        "lots": True,
    }


def test_candidates_by_hand(binary: str) -> None:
    # GR, 3 seats. List 1: 5 + 25 + 40 = 70 votes, list 2: 10 + 20 = 30; 100 votes in all.
    # P 5: kiesdeler 100/3 = 33 1/3. P 6: list 1 has 70 / (100/3) = 2.1 -> 2 full seats
    # (remainder 70 - 66 2/3 = 3 1/3), list 2 has 0.9 -> 0 (remainder 30).
    # P 8 (fewer than 19 seats): one residual seat by largest remainder among the lists with at
    # least 75% of the kiesdeler (25): list 2, remainder 30 -> list 2.
    # P 9: list 1 has more than half of the votes and 2 of 3 seats, more than half: nothing.
    # P 15: threshold 50% of the kiesdeler (gemeenteraad under 19 seats) = 16 2/3.
    # List 1: candidates 3 (40) and 2 (25) exceed it, elected in order of votes: 3, 2.
    # List 2: candidate 2 (20) exceeds it: 2.
    # P 19: the preference-elected first, then the rest in list order.
    lists = [
        {"number": k, "candidates": [{"number": n, "votes": v} for n, v in enumerate(votes, 1)]}
        for k, votes in [(1, [5, 25, 40]), (2, [10, 20])]
    ]
    answer = _session(binary, [_case("1", lists, 3)])["1"]
    assert answer["status"] == "completed"
    result = answer["result"]
    assert result["total_votes"] == 100
    assert result["quota"] == "33 1/3"
    assert result["full_seats"] == {"1": 2, "2": 0}
    assert result["seats"] == {"1": 2, "2": 1}
    assert result["residual_seat_order"] == [2]
    assert result["preference_threshold"] == "16 2/3"
    assert result["elected"] == {"1": [3, 2], "2": [2]}
    assert result["elected_on_preference"] == {"1": [3, 2], "2": [2]}
    assert result["ranking"] == {"1": [3, 2, 1], "2": [2, 1]}


def test_a_lot_is_asked_then_fed_back(binary: str) -> None:
    # GR, 1 seat, lists of 50 and 50 votes: kiesdeler 100, no full seat; neither list reaches
    # 75% of the kiesdeler (75), so the seat goes by greatest average (P 8 lid 3): 50/1 each, a
    # tie for one seat -> a lot between lists 1 and 2. Drawn for list 2: seats 0 and 1.
    lists = [{"number": 1, "votes": 50}, {"number": 2, "votes": 50}]
    lot = {"kind": "residual_seat", "options": [2, 1], "drawn": 2}
    wrong = {"kind": "absolute_majority", "options": [1, 2], "drawn": 1}
    answers = _session(
        binary,
        [
            _case("ask", lists, 1),
            _case("drawn", lists, 1, lots=[lot]),
            _case("wrong", lists, 1, lots=[wrong]),
            _case("left-over", lists, 1, lots=[lot, lot]),
        ],
    )
    ask = answers["ask"]
    assert ask["status"] == "needs_lot"
    assert ask["result"]["lot"]["kind"] == "residual_seat"
    assert ask["result"]["lot"]["options"] == [1, 2]
    assert ask["result"]["seats_so_far"] == {"1": 0, "2": 0}
    assert answers["drawn"]["status"] == "completed"
    assert answers["drawn"]["result"]["seats"] == {"1": 0, "2": 1}
    assert answers["wrong"]["status"] == "rejected"
    assert answers["left-over"]["status"] == "rejected"


def test_invalid_inputs_and_what_the_crate_cannot_take(binary: str) -> None:
    big = 3_000_000_000  # fits the crate's u32 per list, but two of them do not
    answers = _session(
        binary,
        [
            {"id": "bad", "operation": "allocate", "input": {"election": {"kind": "GR"}}},
            {
                "id": "ps",
                "operation": "allocate",
                "input": {
                    "election": {"kind": "PS", "seats": 39},
                    "lists": [{"number": 1, "votes": 1}],
                },
            },
            _case("wide", [{"number": 1, "votes": 2**32}], 1),
            _case("sum", [{"number": 1, "votes": big}, {"number": 2, "votes": big}], 1),
            {"id": "ek", "operation": "allocate-eerste-kamer", "input": {}},
        ],
    )
    assert answers["bad"]["status"] == "rejected"
    assert {e["field"] for e in answers["bad"]["result"]["errors"]} == {"election.seats", "lists"}
    assert answers["ps"]["status"] == "skipped"
    assert answers["ek"]["status"] == "skipped"
    # 2**32 votes do not fit a u32 at all; 6 000 000 000 in total overflow the crate's sum
    # (overflow checks on): both are answered errored, neither wraps around to a wrong result.
    assert answers["wide"]["status"] == "errored"
    assert answers["sum"]["status"] == "errored"


def test_numbers_are_read_exactly_and_never_rounded(binary: str) -> None:
    # The adapter reads JSON with serde_json, which reads a number without fraction or exponent
    # as an integer when it fits a u64, and any other number as a float. The format's numbers
    # are whole numbers written as JSON integers, `3`, not `3.0` (docs/formats.md).
    # 2**64 - 1 votes: a whole number, but not a u32 for the crate -> errored.
    # 2**64 and 2**70 votes: serde_json reads them as floats; they must not be rounded to a
    # whole number (2**64 is exactly a float, 2**70 too) -> rejected, lists[0].votes, like
    # 1.0 and 1e2, which are not written as integers.
    def votes(text: str) -> bytes:
        return (
            b'{"election": {"kind": "GR", "seats": 1}, "lists": [{"number": 1, "votes": '
            + text.encode()
            + b"}]}\n"
        )

    texts = [str(2**64 - 1), str(2**64), str(2**70), "1.0", "1e2"]
    answers = _batch(binary, [votes(text) for text in texts])
    assert answers[0]["status"] == "errored"
    for answer in answers[1:]:
        assert answer["status"] == "rejected"
        assert [(e["field"], e["code"]) for e in answer["errors"]] == [
            ("lists[0].votes", "invalid_number")
        ]
    # Unknown fields are reported in the order of the document: the top level's first (they
    # are checked first), then the list's; a reader that sorts keys would say "a" before "b".
    line = (
        b'{"election": {"kind": "GR", "seats": 1}, "b": 1,'
        b' "lists": [{"number": 1, "votes": 7, "zz": 1, "aa": 2}], "a": 2}\n'
    )
    [answer] = _batch(binary, [line])
    assert [(e["field"], e["code"]) for e in answer["errors"]] == [
        ("b", "unknown_field"),
        ("a", "unknown_field"),
        ("lists[0].zz", "unknown_field"),
        ("lists[0].aa", "unknown_field"),
    ]


@pytest.mark.parametrize("flag", ["lot", "candidates", "exhaustion"])
def test_the_suite_passes_on_a_family_of_vectors(binary: str, flag: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kieswet.cli",
            "conformance",
            "run",
            "--adapter",
            binary,
            "--flag",
            flag,
            "--report-dir",
            str(tmp_path),
            "--no-progress",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    statuses = [
        json.loads(line)["status"]
        for line in (tmp_path / "report.jsonl").read_text("utf-8").splitlines()
        if json.loads(line).get("type") == "case"
    ]
    assert statuses.count("PASS") >= 5
    assert "FAIL" not in statuses and "ERROR" not in statuses


def _batch(binary: str, lines: list[bytes]) -> list[dict[str, Any]]:
    done = subprocess.run(
        [binary, "--batch"], input=b"".join(lines), capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]


def _line(lists: list[dict[str, Any]], seats: int, kind: str = "GR") -> bytes:
    document = {
        "format": "kieswet/seat-allocation-input@1",
        "election": {"kind": kind, "seats": seats},
        "lists": lists,
    }
    return json.dumps(document).encode("utf-8") + b"\n"


def test_batch_mode_answers_every_line_in_order(binary: str) -> None:
    # GR, 7 seats; 700 votes: list 1 150 + 100 + 40 = 290, list 2 60 + 120 + 80 = 260,
    # list 3 55 + 25 = 80, list 4 70.
    # P 5: kiesdeler 700 / 7 = 100. P 6: full seats 2, 2, 0, 0 (remainders 90, 60, 80, 70).
    # P 8 (fewer than 19 seats): 3 residual seats by largest remainder, at most one per list,
    # only for lists with at least 75% of the kiesdeler (75 votes): list 4 (70) is out although
    # its remainder beats list 2's. Lists 1 (90), 3 (80), 2 (60) take one each, in that order.
    # Seats 3, 3, 1, 0. P 9: no list has more than half of the votes.
    # P 15: threshold 50% of the kiesdeler = 50 (under 19 seats). List 1: candidates 1 (150) and
    # 2 (100) on preference, then candidate 3 by list order; list 2: all three exceed 50, by
    # votes 2 (120), 3 (80), 1 (60); list 3: candidate 1 (55).
    hand = [
        {"number": k, "candidates": [{"number": n, "votes": v} for n, v in enumerate(votes, 1)]}
        for k, votes in [(1, [150, 100, 40]), (2, [60, 120, 80]), (3, [55, 25]), (4, [70])]
    ]
    # GR, 1 seat, 50 against 50: a lot between lists 1 and 2 (see the protocol test above).
    tied = [{"number": 1, "votes": 50}, {"number": 2, "votes": 50}]
    answers = _batch(
        binary,
        [
            b"\xef\xbb\xbf" + _line(hand, 7),  # a byte order mark, skipped as by kieswet
            b"\n",  # empty lines are skipped, as by kieswet allocate --batch
            b"{not json\n",
            _line(tied, 1),
            _line([{"number": 1, "votes": 10}], 39, kind="PS"),
            b'{"election": {"kind": "GR"}}\n',
        ],
    )
    assert [a["status"] for a in answers] == [
        "completed",
        "rejected",
        "needs_lot",
        "skipped",
        "rejected",
    ]
    result = answers[0]
    assert result["format"] == "kieswet/seat-allocation-result@1"
    assert result["quota"] == "100"
    assert result["full_seats"] == {"1": 2, "2": 2, "3": 0, "4": 0}
    assert result["seats"] == {"1": 3, "2": 3, "3": 1, "4": 0}
    assert result["residual_seat_order"] == [1, 3, 2]
    assert result["preference_threshold"] == "50"
    assert result["elected"] == {"1": [1, 2, 3], "2": [2, 3, 1], "3": [1], "4": []}
    assert [e["code"] for e in answers[1]["errors"]] == ["malformed_json"]
    assert answers[2]["lot"]["kind"] == "residual_seat"
    assert answers[2]["lot"]["options"] == [1, 2]
    assert {e["field"] for e in answers[4]["errors"]} == {"election.seats", "lists"}
    # The same translation as the protocol: each batch line is the result of its allocate case.
    cases = [
        _case("hand", hand, 7),
        _case("tied", tied, 1),
    ]
    protocol = _session(binary, cases)
    assert protocol["hand"]["result"] == answers[0]
    assert protocol["tied"]["result"] == answers[2]
