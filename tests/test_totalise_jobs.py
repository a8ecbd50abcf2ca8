"""``kieswet totalise DIR --jobs N`` (issue 17): the EML files are read by worker processes,
and everything the command gives is what one process gives (``--jobs 1`` is the oracle): the
same files written, byte for byte, the same summary, the same exit status, and for a bad
directory the same first error, in name order, whichever file a worker reads first."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from interchange.eml import EmlError
from tests.test_hostile_input import run_cli
from tests.test_totalise_eml import CANDIDATES, write_election


def _run(source: Path, out: Path, *extra: str) -> tuple[int, str, str, dict[str, bytes]]:
    code, stdout, stderr = run_cli(
        ["totalise", str(source), "--out", str(out), "--no-progress", *extra]
    )
    written = {p.name: p.read_bytes() for p in sorted(out.iterdir())} if out.exists() else {}
    return code, stdout.replace(str(out), "OUT"), stderr, written


@pytest.mark.parametrize("message", ["510b", "510a"])
def test_jobs_write_the_same_files(tmp_path: Path, message: str) -> None:
    source = tmp_path / "in"
    write_election(source, message=message)
    flags = ("--candidates", str(CANDIDATES))
    one = _run(source, tmp_path / "out1", *flags)
    assert one[0] == 0, one[2]
    assert "totals.json" in one[3] and len(one[3]) > 5
    for jobs in ("2", "3"):
        assert _run(source, tmp_path / f"out{jobs}", *flags, "--jobs", jobs) == one


def test_jobs_raise_the_first_error_in_name_order(tmp_path: Path) -> None:
    source = tmp_path / "in"
    write_election(source)
    first, _, third = sorted(source.iterdir())
    shutil.copy(first, source / (third.name + ".copy.xml"))  # its units a second time
    third.write_text("<EML>not a 510", "utf-8")  # a bad file before the copy
    one = _run(source, tmp_path / "one")
    assert one[0] == 2 and third.name in one[2] and one[3] == {}
    assert _run(source, tmp_path / "two", "--jobs", "2") == one
    third.unlink()
    one = _run(source, tmp_path / "one")
    assert one[0] == 2 and "is also in" in one[2]
    assert _run(source, tmp_path / "two", "--jobs", "2") == one


def test_an_eml_error_crosses_a_process_boundary_whole() -> None:
    error = EmlError("a.xml", "bad", element="Count", line=3)
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), str(again), again.path, again.reason, again.element, again.line) == (
        EmlError,
        "a.xml, line 3, <Count>: bad",
        "a.xml",
        "bad",
        "Count",
        3,
    )


def test_jobs_only_with_a_directory(tmp_path: Path) -> None:
    counts = tmp_path / "counts.json"
    counts.write_text("{}", "utf-8")
    code, _, err = run_cli(["totalise", str(counts), "--jobs", "2", "--out", str(tmp_path)])
    assert code == 2 and "--jobs" in err
