"""``kieswet check`` recognises the kind of its input by its ``format``: one contest, the
Eerste Kamer in member votes (weighed by U 2 and U 3 first), or an election over kieskringen
(``spec.district_check``); its messages carry no ``[Errno 2]``; ``kieswet --version``.

The results checked are the reference's for the bundled examples, whose numbers are computed by
hand in tests/test_trace_golden.py; each wrong result changes one number by hand.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from kieswet.cli import main

ROOT = Path(__file__).resolve().parent.parent
EK = ROOT / "examples" / "eerste-kamer-voorbeeld.json"
TK = ROOT / "examples" / "tweede-kamer-kieskringen.json"


def _result(path: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "kieswet.cli", "allocate", "--json", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    document: dict[str, Any] = json.loads(done.stdout)
    return document


def _write(tmp_path: Path, name: str, document: object) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(document), "utf-8")
    return str(path)


def test_eerste_kamer_input_is_recognised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """U 3: list 1's stemcijfer is 30 × 109 + 10 × 100 + 5 × 20 = 4370; a result that states
    4371 in its full-seat step breaks U3-stemcijfer."""
    good = _result(EK)
    assert main(["check", str(EK), _write(tmp_path, "good.json", good)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("geen regel geschonden (beoordeeld") and "unknown" not in err
    step = next(s for s in good["steps"] if s["step"] == "full_seats")
    row = next(r for r in step["lists"] if r["list"] == 1)
    assert row["votes"] == 4370
    row["votes"] = 4371
    assert main(["check", str(EK), _write(tmp_path, "bad.json", good)]) == 1
    out, err = capsys.readouterr()
    assert "U3-stemcijfer" in out
    assert "regel" in err and "geschonden" in err


def test_district_input_is_recognised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """P 12: lists 11 and 12 of group 1 get 40 and 31 seats (hand computation in
    tests/test_trace_golden.py); a result with 41 and 30 breaks a P 12 rule."""
    good = _result(TK)
    assert main(["check", str(TK), _write(tmp_path, "good.json", good)]) == 0
    assert capsys.readouterr().out.startswith("geen regel geschonden (beoordeeld")
    assert good["seats"]["11"] == 40 and good["seats"]["12"] == 31
    good["seats"]["11"], good["seats"]["12"] = 41, 30
    assert main(["check", str(TK), _write(tmp_path, "bad.json", good)]) == 1
    out = capsys.readouterr().out
    assert any(line.startswith("P12") for line in out.splitlines()), out


def test_invalid_district_input_names_its_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(TK.read_text("utf-8"))
    del document["districts"]
    code = main(["check", _write(tmp_path, "in.json", document), str(TK)])
    assert code == 2
    err = capsys.readouterr().err
    assert "is not a valid election over districts" in err
    assert "districts" in err and "unknown" not in err  # not one line per unknown field


def test_unreadable_file_message_has_no_errno(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.json"
    assert main(["check", str(missing), str(EK)]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and "[Errno" not in err and err.count(str(missing)) == 1
    assert main(["allocate", str(missing)]) == 2
    out = capsys.readouterr().out
    assert str(missing) in out and "[Errno" not in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"kieswet {metadata.version('kieswet')}"


def test_adapter_that_cannot_start_has_no_errno(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "no-such-adapter")
    code = main(["conformance", "run", "--adapter", missing, "--report-dir", str(tmp_path / "r")])
    assert code == 2
    err = capsys.readouterr().err
    assert "cannot start the adapter" in err and "no such file or directory" in err
    assert "[Errno" not in err
