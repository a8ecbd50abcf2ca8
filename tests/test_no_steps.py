"""``kieswet allocate --no-steps``: the same results without their trace, for batch users who
only want seats, elected candidates and ranking (issue 17). Each line equals the full result
with ``steps`` removed (and, for districts, the national part's ``steps``), and such a result
is still a lawful answer: ``kieswet check`` accepts it, judged on the final result only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kieswet.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ["enkhuizen-2022.json", "reusel-de-mierden-2022.json", "roermond-2026.json"]


def _batch(tmp_path: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> list[dict]:  # type: ignore[type-arg]
    lines = [
        json.dumps(json.loads((ROOT / "examples" / name).read_text("utf-8"))) for name in EXAMPLES
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", "utf-8")
    assert main(["allocate", "--batch", *flags, str(source)]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_no_steps_is_the_full_result_without_its_trace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    full = _batch(tmp_path, capsys)
    bare = _batch(tmp_path, capsys, "--no-steps")
    assert len(full) == len(bare) == len(EXAMPLES)
    for with_steps, without in zip(full, bare, strict=True):
        assert "steps" in with_steps and "steps" not in without
        with_steps.pop("steps")
        assert with_steps == without


def test_a_result_without_steps_is_judged_and_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    election = ROOT / "examples" / "enkhuizen-2022.json"
    assert main(["allocate", "--json", "--no-steps", str(election)]) == 0
    result = tmp_path / "result.json"
    result.write_text(capsys.readouterr().out, "utf-8")
    assert "steps" not in json.loads(result.read_text("utf-8"))
    assert main(["check", str(election), str(result)]) == 0
    assert "beoordeeld op het eindresultaat" in capsys.readouterr().out


@pytest.mark.parametrize("name", EXAMPLES)
def test_one_election_without_steps_is_the_full_document_without_its_trace(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``kieswet allocate --json --no-steps FILE`` writes the text ``--json`` writes, less the
    ``steps`` field: same fields, same order, same layout."""
    election = str(ROOT / "examples" / name)
    code = main(["allocate", "--json", election])  # 3 for roermond-2026: a lot is needed
    full = json.loads(capsys.readouterr().out)
    assert main(["allocate", "--json", "--no-steps", election]) == code
    bare = capsys.readouterr().out
    assert "steps" in full
    full.pop("steps")
    assert bare == json.dumps(full, ensure_ascii=False, indent=2) + "\n"
