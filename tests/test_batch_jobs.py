"""``kieswet allocate --batch --jobs N`` (issue 17): worker processes compute chunks of the
batch, and the output is byte for byte what one process writes (``--jobs 1``, the sequential
path, is the oracle): the same results in the same order, the same per-line rejections of bad
lines in the same places, the same internal-error records and exit status. Ctrl-C stops the
batch and its workers, without a traceback."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from kieswet import allocate_cmd
from kieswet.cli import main
from tests.signals import ctrl_c_as_at_a_terminal

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ["enkhuizen-2022.json", "reusel-de-mierden-2022.json", "roermond-2026.json"]


def _election(rng: random.Random) -> dict[str, Any]:
    lists = []
    for number in range(1, rng.randint(1, 8) + 1):
        candidates = [
            {"number": c, "votes": rng.randint(0, 300)} for c in range(1, rng.randint(1, 12) + 1)
        ]
        lists.append({"number": number, "name": f"Lijst {number}", "candidates": candidates})
    return {
        "format": "kieswet/seat-allocation-input@1",
        "election": {"kind": "GR", "seats": rng.choice([9, 11, 13, 15, 17])},
        "lists": lists,
    }


def _batch_bytes() -> bytes:
    """Sound elections (real examples, random ones; some will need a lot) with every kind of
    bad line in between: not UTF-8, not JSON, a repeated key, out of bounds, an invalid
    input, longer than --max-bytes, empty lines; a byte-order mark on line 1."""
    rng = random.Random(17)
    lines = [json.dumps(json.loads((ROOT / "examples" / n).read_text("utf-8"))) for n in EXAMPLES]
    lines += [json.dumps(_election(rng)) for _ in range(40)]
    bad = [
        b"\xff\xfe not utf-8",
        b'{"format": "kieswet/seat-allocation-input@1", "election": ',
        b'{"a": 1, "a": 2}',
        b'{"format":"kieswet/seat-allocation-input@1","election":{"kind":"GR","seats":99999}}',
        b'{"format": "kieswet/seat-allocation-input@1", "lists": []}',
        b"[" * 100 + b"]" * 100,
        b"NaN",
        b"x" * 5000,  # beyond --max-bytes 4000 below
        b"",
        b"   ",
    ]
    raw = [line.encode("utf-8") for line in lines]
    for index, line in enumerate(bad):
        raw.insert(3 + index * 4, line)
    return b"\xef\xbb\xbf" + b"\n".join(raw) + b"\n"


def _run(path: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> tuple[int, str, str]:
    code = main(["allocate", "--batch", "--no-progress", "--max-bytes", "4000", *flags, str(path)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("chunk", [1, 3, 64])
@pytest.mark.parametrize("steps", [True, False])
def test_jobs_give_the_same_bytes_as_one_process(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    chunk: int,
    steps: bool,
) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(_batch_bytes())
    flags = () if steps else ("--no-steps",)
    code, one, err = _run(path, capsys, *flags)
    assert code == 0 and err == ""
    monkeypatch.setattr(allocate_cmd, "CHUNK_LINES", chunk)
    for jobs in ("2", "3"):
        assert _run(path, capsys, *flags, "--jobs", jobs) == (0, one, "")
    statuses = [json.loads(line)["status"] for line in one.splitlines()]
    rejected = [json.loads(line) for line in one.splitlines() if '"rejected"' in line]
    # the bad lines are answered where they stand, naming their line numbers
    assert len(statuses) == 43 + 8 and "completed" in statuses
    assert any(r["errors"][0]["message"].startswith("line 4: not UTF-8") for r in rejected)
    assert any(r["errors"][0]["code"] == "duplicate_key" for r in rejected)


def test_jobs_record_internal_errors_in_the_same_places(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A line on which kieswet fails costs its record and makes the exit status 70, naming
    the same lines, with workers too (they are forked, so they see the fault planted here)."""
    real = allocate_cmd.allocate_document

    def broken_on_13_seats(data: Any) -> Any:
        if data["election"]["seats"] == 13:
            raise RuntimeError("a bug")
        return real(data)

    monkeypatch.setattr(allocate_cmd, "allocate_document", broken_on_13_seats)
    monkeypatch.setattr(allocate_cmd, "CHUNK_LINES", 4)
    path = tmp_path / "batch.jsonl"
    path.write_bytes(_batch_bytes())
    one = _run(path, capsys)
    assert one[0] == 70 and "internal error" in one[2] and "Traceback" not in one[2]
    assert '"internal_error"' in one[1]
    assert _run(path, capsys, "--jobs", "2") == one


def test_jobs_only_with_batch(capsys: pytest.CaptureFixture[str]) -> None:
    example = str(ROOT / "examples" / EXAMPLES[0])
    assert main(["allocate", "--json", "--jobs", "2", example]) == 2
    assert "--jobs: only with --batch" in capsys.readouterr().err
    for bad in ("0", "two"):
        with pytest.raises(SystemExit):
            main(["allocate", "--batch", "--jobs", bad, example])


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_ctrl_c_stops_the_batch_and_its_workers(tmp_path: Path) -> None:
    rng = random.Random(3)
    # the lines come on standard input, which stays open: the batch is still running (waiting
    # for more) when the signal comes, however slowly a loaded machine runs this test
    process = subprocess.Popen(
        [sys.executable, "-m", "kieswet.cli", "allocate", "--batch", "--jobs=2", "--no-progress"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        preexec_fn=ctrl_c_as_at_a_terminal,
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write("".join(json.dumps(_election(rng)) + "\n" for _ in range(400)).encode())
    process.stdin.flush()
    assert process.stdout.read(100)  # running, its workers started
    workers = _children(process.pid)
    assert workers
    process.send_signal(signal.SIGINT)
    time.sleep(0.5)  # let it take the signal before its input ends (communicate closes it)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert b"Traceback" not in err and b"interrupted" in err
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)
