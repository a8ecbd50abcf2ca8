"""Fuzz campaigns: ``pytest --kieswet-adapter CMD --kieswet-fuzz`` and
``kieswet conformance findings``.

Every campaign runs pytest in a fresh process in a temporary directory (its own rootdir, no
conftest of ours, a fresh example database) against real adapter processes. The rule-breaking
adapter is tests/fixtures/adapters/float_quota.py (the kiesdeler as a float: it violates
P5-quota on almost every election whose votes are not a multiple of the seats), so a campaign
of 200 examples finds it whatever seed Hypothesis picks.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conformance.fuzz import Signature
from conformance.fuzz_campaign import finding_signature, known_signatures, nodeid
from kieswet.cli import main
from tests.finding_replay import REFERENCE, adapter, vectors_validator

FLOAT_QUOTA = adapter("float_quota.py")

GR_ONLY = """\
import sys
from conformance.adapters import reference_adapter, serve
from conformance.protocol import Capabilities
CAPS = Capabilities(("allocate",), ("GR",), ("current",), ("default",), False, False)
sys.exit(serve.serve("gr-only", "1", CAPS, reference_adapter.handle))
"""

try:
    import xdist  # noqa: F401

    HAS_XDIST = True
except ImportError:
    HAS_XDIST = False

needs_xdist = pytest.mark.skipif(
    not HAS_XDIST, reason="pytest-xdist is not installed (pip install kieswet[fuzz])"
)


def campaign(
    cwd: Path, command: str, *extra: str, examples: int = 200
) -> subprocess.CompletedProcess[str]:
    argv = [
        sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rA",
        "--kieswet-adapter", command, "--kieswet-fuzz", "--kieswet-fuzz-examples", str(examples),
        "--kieswet-fuzz-database", str(cwd / "db"), *extra,
    ]  # fmt: skip
    cwd.mkdir(parents=True, exist_ok=True)
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=600, check=False)


def findings(database: Path, command: str, out: Path, *extra: str) -> int:
    return main(
        ["conformance", "findings", str(database), "--adapter", command, "--out", str(out), *extra]
    )


def finding_files(out: Path) -> list[tuple[Path, dict[str, Any], dict[str, Any]]]:
    """Each finding file of ``out``: its path, document and its one test."""
    found = []
    for path in sorted(out.rglob("fuzz-*.json")):
        document = json.loads(path.read_text("utf-8"))
        ((test,),) = [group["tests"] for group in document["groups"]]
        found.append((path, document, test))
    return found


def test_a_wrong_adapter_is_found_shrunk_and_written_as_vectors_the_runner_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = campaign(tmp_path / "c", FLOAT_QUOTA, "--kieswet-fuzz-operation", "allocate")
    assert run.returncode == 1, run.stdout + run.stderr
    printed = run.stdout
    assert "FAILED kieswet-fuzz::test_fuzz[allocate-0]" in printed
    assert "het antwoord schendt P5-quota" in printed
    assert re.search(r"kieswet fuzz: \d+ voorbeelden in \d+,\d\d s, \d+ voorbeelden/s", printed)

    out = tmp_path / "findings"
    assert findings(tmp_path / "c" / "db", FLOAT_QUOTA, out) == 1
    written = finding_files(out)
    signatures = {finding_signature(test["comment"]) for _, _, test in written}
    assert Signature("violation", "P5-quota") in signatures
    assert len(signatures) == len(written)  # one file per signature
    validator = vectors_validator()
    for path, document, test in written:
        assert list(validator.iter_errors(document)) == []
        assert path.parent.name == "allocate" and document["operation"] == "allocate"
        assert "fuzz" in test["flags"] and "Door Hypothesis verkleind tot" in test["comment"]
        assert "found by a fuzz campaign" in document["groups"][0]["comment"]
        assert "kieswet conformance findings" in document["source"]
        # Shrunk: generated elections have up to ten lists of up to thirty candidates.
        lists = test["input"]["lists"]
        assert len(lists) <= 3 and sum(len(x.get("candidates", [])) for x in lists) <= 6
    p5 = next(test for _, _, test in written if test["rules"][:1] == ["P5-quota"])
    assert "P5-quota" in p5["comment"] and "Het antwoord van de adapter: {" in p5["comment"]
    # The findings are a suite: the wrong adapter fails every one, the reference none.
    report = tmp_path / "report"
    argv = ["conformance", "run", "--suite", str(out), "--report-dir", str(report)]
    assert main([*argv, "--adapter", FLOAT_QUOTA, "--no-progress"]) == 1
    lines = [json.loads(x) for x in (report / "report.jsonl").read_text().splitlines()]
    cases = [line for line in lines if line["type"] == "case"]
    assert len(cases) == len(written)
    assert all(case["status"] == "FAIL" for case in cases)
    assert "P5-quota" in {v["rule_id"] for case in cases for v in case["violations"]}
    assert main([*argv, "--adapter", REFERENCE, "--no-progress"]) == 0
    capsys.readouterr()

    # Read again: the same bytes; what is in --out already is not written twice.
    again = tmp_path / "again"
    assert findings(tmp_path / "c" / "db", FLOAT_QUOTA, again) == 1
    assert [p.read_bytes() for p, _, _ in finding_files(again)] == [
        p.read_bytes() for p, _, _ in written
    ]
    assert findings(tmp_path / "c" / "db", FLOAT_QUOTA, out) == 0
    assert " al in " in capsys.readouterr().out
    assert known_signatures(out) == {("allocate", s) for s in signatures if s is not None}


@needs_xdist
def test_two_workers_share_the_shards_and_the_findings_are_deduplicated(tmp_path: Path) -> None:
    run = campaign(
        tmp_path / "c", FLOAT_QUOTA, "-n", "2", "--kieswet-fuzz-operation", "allocate",
        examples=100,
    )  # fmt: skip
    assert run.returncode == 1, run.stdout + run.stderr
    # Two shards by default with two workers, each failing on its own.
    for shard in (0, 1):
        assert f"FAILED {nodeid('allocate', shard)}" in run.stdout
    assert "2 failed" in run.stdout
    out = tmp_path / "findings"
    assert findings(tmp_path / "c" / "db", FLOAT_QUOTA, out) == 1
    written = finding_files(out)
    signatures = [finding_signature(test["comment"]) for _, _, test in written]
    assert Signature("violation", "P5-quota") in signatures
    assert len(set(signatures)) == len(signatures)  # both shards found P5-quota: one file


def test_known_differences_do_not_fail_and_unclaimed_operations_are_skipped(
    tmp_path: Path,
) -> None:
    gr_only = tmp_path / "gr_only.py"
    gr_only.write_text(GR_ONLY, "utf-8")
    run = campaign(
        tmp_path / "c", f"{sys.executable} {gr_only}", "--kieswet-fuzz-shards", "2", examples=50
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 passed, 4 skipped" in run.stdout
    assert "does not claim the operation 'allocate-districts'" in run.stdout
    assert "kieswet fuzz: 100 voorbeelden in" in run.stdout  # 2 shards of 50, all judged here


def test_usage_errors(tmp_path: Path) -> None:
    tmp_path.mkdir(exist_ok=True)

    def pytest_run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *argv],
            cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip

    done = pytest_run("--kieswet-fuzz")
    assert done.returncode == 4 and "--kieswet-fuzz needs --kieswet-adapter" in done.stderr
    done = pytest_run("--kieswet-adapter", REFERENCE, "--kieswet-fuzz",
                      "--kieswet-fuzz-operation", "totalise")  # fmt: skip
    assert done.returncode == 4 and "--kieswet-fuzz-operation: unknown totalise" in done.stderr
    assert findings(tmp_path / "no-such-db", REFERENCE, tmp_path / "out") == 2


def test_findings_help_explains(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["conformance", "findings", "--help"])
    assert exit_info.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    for phrase in (
        "DATABASE",
        "--adapter CMD",
        "--out DIR",
        "--shards N",
        "redis://HOST:PORT/N",
        "one per operation and signature",
        "OPERATION/fuzz-<hash>.json",
        "kieswet conformance run --adapter CMD --suite DIR",
        "Exit status: 0",
    ):
        assert phrase in text, phrase


def test_a_finding_comment_gives_back_its_signature() -> None:
    for kind, key in (("violation", "P5-quota"), ("difference", "seats"), ("errored", "")):
        found = Signature(kind, key)  # type: ignore[arg-type]
        comment = f"fuzz-0123456789ab: voor some-adapter 1.2, {found.describe()}. Oordeel FAIL."
        assert finding_signature(comment) == found
    assert finding_signature("A hand-written vector about P 5.") is None
    assert finding_signature("fuzz-0123456789ab: for x 1, the answer violates P5-quota.") is None
