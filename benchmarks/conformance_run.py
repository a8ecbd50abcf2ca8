"""Throughput of a conformance run through the reference adapter, as a separate process.

Builds (fixed seed) a temporary suite of random municipal-size elections — up to 12 lists of up
to 30 candidates, 9 to 45 seats — with their expected results and a manifest, then times the
whole runner pipeline over it: manifest check and loading excluded, adapter start, batches,
judging with ``spec.check``, and the reports. Also times the shipped suite if it is present.
Prints vectors per second (target: at least 2,000/s) and the processor time each side used:
the runner (judging) and the adapter process. Usage::

    python benchmarks/conformance_run.py [--vectors 5000] [--seed 2026] [--batch-size 100]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from conformance.reports import RunContext, write_reports
from conformance.runner import Runner, RunnerOptions
from conformance.suite import Filters, default_suite, load_suite
from interchange.allocation import result_to_json
from interchange.engine import allocate_json

SEAT_SIZES = [9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 45]
ADAPTER = [sys.executable, "-m", "conformance.adapters.reference_adapter"]


def _expected(document: dict[str, object]) -> dict[str, object]:
    result = result_to_json(allocate_json(document))
    if result["status"] == "completed":
        return {key: result[key] for key in ("status", "seats", "full_seats", "elected")}
    if result["status"] == "needs_lot":
        return {"status": "needs_lot", "lot": result["lot"]}
    return {"status": "rejected"}


def build_suite(root: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    tests = []
    for vector_id in range(1, count + 1):
        lists = []
        for number in range(1, rng.randint(2, 12) + 1):
            strength = rng.randint(1, 3000)
            candidates = [
                {"number": c, "votes": rng.randint(0, strength // c + 1)}
                for c in range(1, rng.randint(1, 30) + 1)
            ]
            lists.append({"number": number, "name": f"Lijst {number}", "candidates": candidates})
        document = {
            "format": "kieswet/seat-allocation-input@1",
            "election": {"kind": "GR", "seats": rng.choice(SEAT_SIZES)},
            "lists": lists,
        }
        tests.append({"id": vector_id, "input": document, "expected": _expected(document)})
    suite = {
        "format": "kieswet/vectors@1",
        "suite_version": "benchmark",
        "operation": "allocate",
        "law": "current",
        "profile": "default",
        "groups": [{"name": "random", "tests": tests}],
    }
    (root / "allocate").mkdir(parents=True)
    data = json.dumps(suite).encode("utf-8")
    (root / "allocate" / "random.json").write_bytes(data)
    manifest = {
        "format": "kieswet/vectors-manifest@1",
        "suite_version": "benchmark",
        "files": {"allocate/random.json": hashlib.sha256(data).hexdigest()},
    }
    (root / "manifest.json").write_text(json.dumps(manifest), "utf-8")


def _adapter_cpu() -> float:
    """Processor time used so far by finished child processes (the adapters)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(suite_dir: Path, batch_size: int, report_dir: Path) -> tuple[int, float, str, str]:
    suite = load_suite(suite_dir)
    runner_cpu, adapter_cpu = time.process_time(), _adapter_cpu()
    start = time.perf_counter()
    outcome = Runner(RunnerOptions(ADAPTER, batch_size=batch_size)).run(suite.vectors)
    context = RunContext(
        suite.version, str(suite_dir), Filters(), " ".join(ADAPTER), batch_size, 10.0, "bench"
    )
    write_reports(outcome, context, report_dir)
    elapsed = time.perf_counter() - start
    cpu = (
        f"processor time: runner {time.process_time() - runner_cpu:.2f} s, "
        f"adapter {_adapter_cpu() - adapter_cpu:.2f} s"
    )
    statuses = {r.verdict.status for r in outcome.records}
    return len(suite.vectors), elapsed, ",".join(sorted(statuses)), cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vectors", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--batch-size", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build_suite(root / "suite", args.vectors, args.seed)
        count, elapsed, statuses, cpu = timed_run(root / "suite", args.batch_size, root / "r1")
        print(
            f"generated suite: {count} vectors in {elapsed:.2f} s = {count / elapsed:,.0f} "
            f"vectors/s (statuses: {statuses}; target >= 2,000/s)\n  {cpu}"
        )
        if (default_suite() / "manifest.json").is_file():
            count, elapsed, statuses, cpu = timed_run(
                default_suite(), args.batch_size, root / "r2"
            )
            print(
                f"shipped suite:   {count} vectors in {elapsed:.2f} s = {count / elapsed:,.0f} "
                f"vectors/s (statuses: {statuses})\n  {cpu}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
