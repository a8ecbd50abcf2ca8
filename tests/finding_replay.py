"""Shared by the fuzzing tests: ``kieswet conformance fuzz`` in a fresh process, a finding
validates against the vectors schema, and a findings directory is a suite the runner replays."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conformance.suite import Vector, load_suite
from kieswet.cli import main

REFERENCE = f"{sys.executable} -m conformance.adapters.reference_adapter"
ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "conformance" / "schemas"
ADAPTERS = ROOT / "tests" / "fixtures" / "adapters"


def adapter(script: str) -> str:
    """The command line of the test adapter ``script`` in tests/fixtures/adapters."""
    return f"{sys.executable} {ADAPTERS / script}"


def fuzz_argv(out: Path, command: str, *extra: str, examples: int, seed: int) -> list[str]:
    argv = ["conformance", "fuzz", "--adapter", command, "--out", str(out), "--no-progress"]
    budget = ["--examples", str(examples), "--seed", str(seed), "--shrink-limit", "300"]
    return [*argv, *budget, *extra]


def fuzz(
    out: Path, command: str, *extra: str, examples: int = 1000, seed: int = 0
) -> subprocess.CompletedProcess[str]:
    """``kieswet conformance fuzz`` in a fresh process: Hypothesis also draws on constants it
    finds in the loaded modules, so which elections a seed gives in the test process would
    depend on which tests were collected."""
    argv = fuzz_argv(out, command, *extra, examples=examples, seed=seed)
    return subprocess.run(
        [sys.executable, "-m", "kieswet.cli", *argv],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def vectors_validator() -> Any:
    """A validator for kieswet/vectors@1 files, with every schema of the project registered."""
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the 'test' extra")
    referencing = pytest.importorskip("referencing")
    documents = [json.loads(p.read_text("utf-8")) for p in SCHEMAS.glob("*.schema.json")]
    registry = referencing.Registry().with_resources(
        [(d["$id"], referencing.Resource.from_contents(d)) for d in documents]
    )
    by_id = {d["$id"]: d for d in documents}
    return jsonschema.Draft202012Validator(
        by_id["https://kieswet.example/schemas/vectors@1"], registry=registry
    )


def replay_finding(tmp_path: Path, out: Path, adapter_command: str, rule: str) -> list[Vector]:
    """Run the findings in ``out`` through ``adapter_command`` (which must fail them, with
    ``rule`` among the violations of the first case) and through the reference (which must
    pass them); the findings, as loaded."""
    replayed = load_suite(out).vectors
    report = tmp_path / "report"
    argv = ["conformance", "run", "--adapter", adapter_command, "--suite", str(out)]
    assert main([*argv, "--report-dir", str(report), "--no-progress"]) == 1
    lines = [json.loads(line) for line in (report / "report.jsonl").read_text().splitlines()]
    assert rule in {v["rule_id"] for v in lines[1]["violations"]}
    assert main([*argv[:3], REFERENCE, *argv[4:], "--report-dir", str(report)]) == 0
    return list(replayed)
