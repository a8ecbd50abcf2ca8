"""Shared by the fuzzing tests: a findings directory is a suite the runner replays."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from conformance.suite import Vector, load_suite
from kieswet.cli import main

REFERENCE = f"{sys.executable} -m conformance.adapters.reference_adapter"


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
