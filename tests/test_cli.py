"""The ``kieswet`` command line, run as a separate process (``python -m kieswet.cli``).

Expected seats are the officially published results of the example elections, read from
``tests/fixtures/real/real-cases.json`` (converted from ``shared/data/real-cases.json``:
candidate-level votes of Reusel-De Mierden 2022, Enkhuizen 2022 and Roermond 2026; list totals
equal the officially published list totals); exit codes are the
documented contract of ``kieswet allocate`` (0 completed, 2 rejected, 3 a lot must be drawn).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
REAL_CASES = ROOT / "tests" / "fixtures" / "real" / "real-cases.json"  # from shared/data


def kieswet(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kieswet.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )


def published(case_id: str) -> dict[str, Any]:
    cases = json.loads(REAL_CASES.read_text(encoding="utf-8"))["cases"]
    case: dict[str, Any] = next(c for c in cases if c["id"] == case_id)
    return case


def assert_no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stdout
    assert "Traceback" not in proc.stderr


# --------------------------------------------------------------------------- trace


def test_allocate_prints_the_dutch_trace() -> None:
    proc = kieswet("allocate", "examples/enkhuizen-2022.json")
    assert proc.returncode == 0, proc.stderr
    for label in ("kiesdeler", "Restzetels", "P 10"):
        assert label in proc.stdout
    # the published kiesdeler of Enkhuizen GR2022: 7553 / 17 = 444 5/17 (17 × 444 = 7548)
    assert "444 5/17" in proc.stdout
    assert_no_traceback(proc)


def test_allocate_json_is_valid_and_completed_with_the_published_seats() -> None:
    proc = kieswet("allocate", "examples/enkhuizen-2022.json", "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["status"] == "completed"
    assert result["format"] == "kieswet/seat-allocation-result@1"
    assert result["quota"] == "444 5/17"
    assert result["seats"] == published("GR2022-enkhuizen")["expected"]["seats"]


# --------------------------------------------------------------------------- lots


def test_roermond_without_lots_exits_3_and_prints_the_question() -> None:
    """Roermond GR2026: lists 3 (1851/3 = 617) and 9 (617/1 = 617) tie for the last residual
    seat with one seat left (published: the lot was drawn between lists 3 and 9)."""
    proc = kieswet("allocate", "examples/roermond-2026.json")
    assert proc.returncode == 3
    assert "Loting nodig" in proc.stdout
    assert "de lijsten 3 en 9" in proc.stdout
    assert "617" in proc.stdout
    assert_no_traceback(proc)


def test_roermond_without_lots_json_names_the_options() -> None:
    proc = kieswet("allocate", "examples/roermond-2026.json", "--json")
    assert proc.returncode == 3
    result = json.loads(proc.stdout)
    assert result["status"] == "needs_lot"
    assert result["lot"]["kind"] == "residual_seat"
    assert result["lot"]["options"] == [3, 9]


def test_roermond_with_the_published_lot_from_stdin_completes() -> None:
    """List 9 was drawn (published); the seats are the published Roermond GR2026 result."""
    document = json.loads((EXAMPLES / "roermond-2026.json").read_text(encoding="utf-8"))
    document["lots"] = [{"kind": "residual_seat", "options": [3, 9], "drawn": 9}]
    proc = kieswet("allocate", "-", "--json", stdin=json.dumps(document))
    assert proc.returncode == 0, proc.stdout
    result = json.loads(proc.stdout)
    assert result["seats"] == published("GR2026-roermond")["expected"]["seats"]


# --------------------------------------------------------------------------- bad input


def test_malformed_json_file_exits_2_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"election": {"kind": "GR", ', encoding="utf-8")
    proc = kieswet("allocate", str(bad))
    assert proc.returncode == 2
    assert "malformed" in proc.stdout
    assert_no_traceback(proc)


def test_malformed_json_file_with_json_output_is_a_rejected_result(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    proc = kieswet("allocate", str(bad), "--json")
    assert proc.returncode == 2
    result = json.loads(proc.stdout)
    assert result["status"] == "rejected"
    assert result["errors"][0]["code"] == "malformed_json"
    assert_no_traceback(proc)


def test_invalid_input_file_exits_2_and_names_the_field(tmp_path: Path) -> None:
    bad = tmp_path / "invalid.json"
    bad.write_text(
        json.dumps({"election": {"kind": "GR", "seats": 0}, "lists": [{"number": 1, "votes": 5}]}),
        encoding="utf-8",
    )
    proc = kieswet("allocate", str(bad))
    assert proc.returncode == 2
    assert "election.seats" in proc.stdout
    assert_no_traceback(proc)


def test_missing_file_exits_2_without_traceback(tmp_path: Path) -> None:
    proc = kieswet("allocate", str(tmp_path / "does-not-exist.json"))
    assert proc.returncode == 2
    assert "does-not-exist.json" in proc.stdout + proc.stderr
    assert_no_traceback(proc)


def test_directory_instead_of_file_exits_2_without_traceback(tmp_path: Path) -> None:
    proc = kieswet("allocate", str(tmp_path))
    assert proc.returncode == 2
    assert_no_traceback(proc)


def test_file_that_is_not_utf8_exits_2_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.json"
    bad.write_bytes(b'{"name": "Caf\xe9"}')
    proc = kieswet("allocate", str(bad))
    assert proc.returncode == 2
    assert_no_traceback(proc)


# --------------------------------------------------------------------------- batch


def test_batch_answers_every_line_in_order() -> None:
    """One valid line (Enkhuizen), one malformed JSON line, one invalid input (zero seats):
    three result lines, in order, completed / rejected / rejected; exit 0."""
    enkhuizen = json.loads((EXAMPLES / "enkhuizen-2022.json").read_text(encoding="utf-8"))
    invalid = {"election": {"kind": "GR", "seats": 0}, "lists": [{"number": 1, "votes": 5}]}
    lines = [json.dumps(enkhuizen), '{"election": ', json.dumps(invalid)]
    proc = kieswet("allocate", "--batch", stdin="\n".join(lines) + "\n")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.splitlines()
    assert len(out) == 3
    results = [json.loads(line) for line in out]
    assert [r["status"] for r in results] == ["completed", "rejected", "rejected"]
    assert results[0]["seats"] == published("GR2022-enkhuizen")["expected"]["seats"]
    assert results[1]["errors"][0]["code"] == "malformed_json"
    assert results[2]["errors"][0]["field"] == "election.seats"
    assert_no_traceback(proc)


def test_batch_from_a_file(tmp_path: Path) -> None:
    source = tmp_path / "batch.jsonl"
    source.write_text('{"election": {"kind": "GR", "seats": 10}, "lists": 3}\n', encoding="utf-8")
    proc = kieswet("allocate", "--batch", str(source))
    assert proc.returncode == 0
    (line,) = proc.stdout.splitlines()
    assert json.loads(line)["status"] == "rejected"


# --------------------------------------------------------------------------- help


@pytest.mark.parametrize("args", [("--help",), ("allocate", "--help")])
def test_help(args: tuple[str, ...]) -> None:
    proc = kieswet(*args)
    assert proc.returncode == 0
    assert "usage: kieswet" in proc.stdout
    if "allocate" in args:
        assert "--batch" in proc.stdout
        assert "--json" in proc.stdout


def test_no_command_is_a_usage_error() -> None:
    proc = kieswet()
    assert proc.returncode == 2
    assert "usage: kieswet" in proc.stderr


# --------------------------------------------------------------------------- determinism


@pytest.mark.parametrize("json_flag", [(), ("--json",)])
def test_output_is_byte_identical_across_hash_seeds(json_flag: tuple[str, ...]) -> None:
    outputs = []
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = kieswet("allocate", "examples/roermond-2026.json", *json_flag, env=env)
        outputs.append((proc.returncode, proc.stdout))
    assert outputs[0] == outputs[1]
    env = {**os.environ, "PYTHONHASHSEED": "7"}
    enkhuizen = [
        kieswet("allocate", "examples/enkhuizen-2022.json", *json_flag, env=e).stdout
        for e in (env, {**os.environ, "PYTHONHASHSEED": "99"})
    ]
    assert enkhuizen[0] == enkhuizen[1]


def test_the_command_table_matches_each_sub_commands_own_summary() -> None:
    """``kieswet --help`` lists the summaries of kieswet.cli.COMMANDS without importing the
    sub-command modules; each module's own parser must say the same."""
    import argparse

    from kieswet.cli import COMMANDS, build_parser

    full = build_parser()  # every sub-command module imported and registered
    sub = next(a for a in full._actions if isinstance(a, argparse._SubParsersAction))
    own = {action.dest: action.help for action in sub._choices_actions}
    assert own == {name: summary for name, (_, summary) in COMMANDS.items()}


def test_allocate_does_not_import_the_xml_or_fuzzing_libraries() -> None:
    """Startup of ``kieswet allocate`` stays light: only the chosen sub-command is imported."""
    import subprocess
    import sys

    code = (
        "import sys; from kieswet.cli import build_parser; "
        "build_parser(['allocate', 'x.json']); "
        "print(sorted(m for m in ('xmlschema', 'lxml', 'hypothesis') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_closed_output_pipe_stops_quietly(tmp_path: Path) -> None:
    """``kieswet allocate --batch ... | head -c 10``: no traceback, no misleading read error;
    exit status 141 (128 + SIGPIPE) as for other Unix tools."""
    import subprocess
    import sys

    line = json.dumps(json.loads((EXAMPLES / "enkhuizen-2022.json").read_text("utf-8")))
    batch = tmp_path / "batch.jsonl"
    batch.write_text((line + "\n") * 2000, "utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "kieswet.cli", "allocate", "--batch", str(batch), "--no-progress"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141
    assert stderr == ""
