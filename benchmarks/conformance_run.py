"""Throughput of a conformance run through an adapter that is a separate process.

Builds (fixed seed) a temporary suite of random municipal-size elections — up to 12 lists of up
to 30 candidates, 9 to 45 seats — with their expected results, the digest of the judged answer
(``judged_sha256``, as ``kieswet vectors build`` records it) and a manifest, then times the
whole runner pipeline over it: manifest check and loading excluded, adapter start, batches,
comparing (and judging what differs) and the reports. Each run is timed with three adapters:

* ``instant``: answers every case at once with the reference's answer, computed before the run,
  finding the case ids without decoding the inputs (the runner's own speed: target at least
  10,000 vectors/s);
* ``decoding``: the same, but it decodes every line it reads, as an adapter that computes must;
* ``reference``: the reference adapter, computing every answer (target at least 2,000/s);
* ``wrong``: the instant adapter with one seat moved in every completed answer, so every
  answer is judged (the speed of judging).

``--judge-all`` judges every answer instead of comparing first (``RunnerOptions.compare_first``
off). Also times the shipped suite if it is present. Prints vectors per second and the
processor time each side used: the runner and the adapter process. ``--repeat N`` runs each
N times and prints the best and the median. Usage::

    python benchmarks/conformance_run.py [--vectors 5000] [--seed 2026] [--batch-size 100]
        [--repeat 1] [--adapters instant,decoding,reference,wrong] [--judge-all]
        [--no-shipped]
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from conformance.adapters.reference_adapter import CAPABILITIES, NAME, handle
from conformance.compare import judged_digest
from conformance.protocol import Answer, Case, Started, encode
from conformance.reports import RunContext, write_reports
from conformance.runner import Runner, RunnerOptions
from conformance.suite import Filters, Vector, default_suite, load_suite

SEAT_SIZES = [9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 45]
REFERENCE = [sys.executable, "-m", "conformance.adapters.reference_adapter"]
INSTANT = Path(__file__).resolve().parent / "instant_adapter.py"
"""The instant adapter (``benchmarks/instant_adapter.py``): answers from a file written here."""
ADAPTERS = ("instant", "decoding", "reference", "wrong")


def _expected(result: dict[str, object]) -> dict[str, object]:
    if result["status"] == "completed":
        return {key: result[key] for key in ("status", "seats", "full_seats", "elected")}
    if result["status"] == "needs_lot":
        return {"status": "needs_lot", "lot": result["lot"]}
    return {"status": "rejected"}


def _vector(vector_id: int, document: dict[str, object], expected: dict[str, object]) -> Vector:
    return Vector(
        vector_id, str(vector_id), "allocate/random.json", "random", "", (), (), (), "allocate",
        "current", "current", "default", "GR", document, expected,
    )


def build_suite(root: Path, count: int, seed: int) -> None:
    """The generated suite, each test with the digest of the reference's answer judged PASS."""
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
        document: dict[str, object] = {
            "format": "kieswet/seat-allocation-input@1",
            "election": {"kind": "GR", "seats": rng.choice(SEAT_SIZES)},
            "lists": lists,
        }
        answer = handle(Case(str(vector_id), "allocate", document))
        assert answer.result is not None
        expected = _expected(dict(answer.result))
        judged = judged_digest(_vector(vector_id, document, expected), answer)
        tests.append(
            {"id": vector_id, "input": document, "expected": expected, "judged_sha256": judged}
        )
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


def _wrong(answer: Answer) -> Answer:
    """``answer`` with one seat moved from the largest list to the next (completed only)."""
    if answer.status != "completed" or answer.result is None:
        return answer
    result = copy.deepcopy(dict(answer.result))
    seats = result.get("seats")
    if not (isinstance(seats, dict) and len(seats) >= 2 and max(seats.values()) > 0):
        return answer
    ordered = sorted(seats, key=lambda k: -seats[k])
    seats[ordered[0]] -= 1
    seats[ordered[1]] += 1
    return Answer(answer.id, answer.status, result)


def write_answers(vectors: Sequence[Vector], path: Path, wrong: bool) -> None:
    """The file the instant adapter serves: its ``started`` line, then per case its id and
    the line of its answer (the reference's, computed now; ``wrong``: one seat moved)."""
    with path.open("wb") as out:
        out.write(encode(Started(NAME, "instant", CAPABILITIES)).encode())
        for vector in vectors:
            answer = handle(Case(vector.key, vector.operation, vector.input))
            line = encode(_wrong(answer) if wrong else answer)
            out.write(vector.key.encode() + b" " + line.encode())


def _adapter_cpu() -> float:
    """Processor time used so far by finished child processes (the adapters)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(
    suite_dir: Path, command: list[str], batch_size: int, report_dir: Path, compare_first: bool
) -> tuple[int, float, str, str]:
    suite = load_suite(suite_dir)
    runner_cpu, adapter_cpu = time.process_time(), _adapter_cpu()
    start = time.perf_counter()
    options = RunnerOptions(command, batch_size=batch_size, compare_first=compare_first)
    outcome = Runner(options).run(suite.vectors)
    context = RunContext(
        suite.version, str(suite_dir), Filters(), " ".join(command), batch_size, 10.0, "bench"
    )
    write_reports(outcome, context, report_dir)
    elapsed = time.perf_counter() - start
    cpu = (
        f"processor time: runner {time.process_time() - runner_cpu:.2f} s, "
        f"adapter {_adapter_cpu() - adapter_cpu:.2f} s"
    )
    statuses = {r.verdict.status for r in outcome.records}
    return len(suite.vectors), elapsed, ",".join(sorted(statuses)), cpu


def measure(
    label: str, suite_dir: Path, tmp: Path, args: argparse.Namespace, adapters: list[str]
) -> None:
    vectors = load_suite(suite_dir).vectors
    commands = {"reference": REFERENCE}
    for name in ("instant", "decoding", "wrong"):
        if name in adapters:
            answers = tmp / f"{label}-{name}.answers"
            write_answers(vectors, answers, wrong=name == "wrong")
            serve = ["--decoding"] if name == "decoding" else []
            commands[name] = [sys.executable, str(INSTANT), *serve, str(answers)]
    for name in adapters:
        rates = []
        for attempt in range(args.repeat):
            count, elapsed, statuses, cpu = timed_run(
                suite_dir, commands[name], args.batch_size, tmp / f"r-{label}-{name}-{attempt}",
                not args.judge_all,
            )
            rates.append(count / elapsed)
            print(
                f"{label} suite, {name} adapter: {count} vectors in {elapsed:.2f} s = "
                f"{count / elapsed:,.0f} vectors/s (statuses: {statuses})\n  {cpu}",
                flush=True,
            )
        if args.repeat > 1:
            print(
                f"{label} suite, {name} adapter: best {max(rates):,.0f} vectors/s, median "
                f"{statistics.median(rates):,.0f} of {args.repeat} runs",
                flush=True,
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--vectors", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--adapters", default=",".join(ADAPTERS))
    parser.add_argument("--judge-all", action="store_true")
    parser.add_argument("--no-shipped", action="store_true")
    args = parser.parse_args()
    adapters = [name for name in args.adapters.split(",") if name]
    unknown = sorted(set(adapters) - set(ADAPTERS))
    if unknown:
        parser.error(f"unknown adapter(s) {unknown}: choose from {', '.join(ADAPTERS)}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build_suite(root / "suite", args.vectors, args.seed)
        measure("generated", root / "suite", root, args, adapters)
        if not args.no_shipped and (default_suite() / "manifest.json").is_file():
            measure("shipped", default_suite(), root, args, adapters)
    return 0


if __name__ == "__main__":
    sys.exit(main())
