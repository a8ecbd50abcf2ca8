"""Throughput of differential fuzzing through the reference adapter, as a separate process.

Runs ``kieswet conformance fuzz``'s engine (``conformance.fuzz.Fuzzer``) with the reference
adapter (``python -m conformance.adapters.reference_adapter``) for a fixed seed, once per
operation: generation by Hypothesis, batches through the adapter process, the reference
allocation and the judging (``spec.check``, or ``spec.district_check`` for
``allocate-districts``) included; the adapter's start is included too. The reference finds no
difference with itself, so every example is explored and none is shrunk. Prints examples per
second for each operation (target for ``allocate``: at least 300/s; the other two are reported
only) and where the processor time went. Usage::

    python benchmarks/fuzz.py [--operation OP ...] [--examples N] [--seed 1]
                              [--batch-size 100] [--in-process]

By default all three operations run, ``allocate`` with 5000 examples and the others with 1000
(``--examples`` sets one number for all). Timings on a shared machine vary with its load;
compare runs made one after another.

``--campaign`` measures the fuzz campaign instead (``pytest --kieswet-fuzz``, see
``conformance.fuzz_campaign``): the same work, ``--shards`` items of ``--operation`` (default
``allocate``) with ``--examples`` examples each (default 1500), run by pytest-xdist with
``-n 1`` and with ``-n 2`` (``--workers``), ``--repeat`` times each (default 3), alternating;
a fresh example database each run. It prints examples per second (over the pytest session's
wall clock, as the plugin reports it: worker start included) for every run, the best and the
median per worker count, and the ratio of 2 workers to 1 (goal: at least 1.7). Needs
pytest-xdist (``pip install kieswet[fuzz]``)::

    python benchmarks/fuzz.py --campaign [--workers 1 2] [--repeat 3] [--shards 2]
                              [--examples 1500] [--operation allocate]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from conformance.fuzz import Fuzzer, FuzzOptions
from conformance.suite import ALLOCATE_OPERATION, OPERATIONS

ADAPTER = [sys.executable, "-m", "conformance.adapters.reference_adapter"]
DEFAULT_EXAMPLES = {ALLOCATE_OPERATION: 5000}
OTHER_EXAMPLES = 1000
TARGET = {ALLOCATE_OPERATION: 300}


def _children_cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def run(operation: str, examples: int, args: argparse.Namespace) -> bool:
    """Fuzz the reference with itself for ``operation``; print the rate. True: no difference."""
    options = FuzzOptions(
        command=ADAPTER,
        examples=examples,
        seed=args.seed,
        batch_size=args.batch_size,
        parallel=not args.in_process,
        operation=operation,
    )
    cpu, children = time.process_time(), _children_cpu()
    start = time.perf_counter()
    outcome = Fuzzer(options).run()
    elapsed = time.perf_counter() - start
    main_cpu = time.process_time() - cpu
    verdict = "no difference" if outcome.finding is None else "a DIFFERENCE (unexpected)"
    target = TARGET.get(operation)
    goal = f"target >= {target}/s" if target else "reported only"
    print(
        f"{operation}: {outcome.examples} examples in {elapsed:.2f} s = "
        f"{outcome.examples / elapsed:,.0f} examples/s ({verdict}; {goal})"
    )
    print(
        f"  processor time: fuzzer {main_cpu:.2f} s, adapter and worker "
        f"{_children_cpu() - children:.2f} s"
    )
    return outcome.finding is None


SUMMARY = re.compile(r"kieswet fuzz: (\d+) voorbeeld(?:en)? in ([\d,]+) s")


def campaign_run(
    workers: int, operation: str, args: argparse.Namespace
) -> tuple[float, float, bool]:
    """One pytest session of the campaign: its examples per second, the processor time of
    pytest, its workers and their adapters per second of wall clock (the cores it got), and
    whether every item passed (the reference differs from nothing)."""
    cpu = _children_cpu()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kieswet-fuzz-bench-") as tmp:
        argv = [
            sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "xdist",
            "-n", str(workers), "--kieswet-adapter", " ".join(ADAPTER), "--kieswet-fuzz",
            "--kieswet-fuzz-operation", operation, "--kieswet-fuzz-shards", str(args.shards),
            "--kieswet-fuzz-examples", str(args.examples or 1500),
            "--kieswet-fuzz-database", str(Path(tmp) / "db"),
        ]  # fmt: skip
        done = subprocess.run(
            argv, cwd=tmp, capture_output=True, text=True, check=False, env=os.environ.copy()
        )
    found = SUMMARY.search(done.stdout)
    if found is None:
        raise SystemExit(f"no summary line from pytest:\n{done.stdout}\n{done.stderr}")
    examples, elapsed = int(found.group(1)), float(found.group(2).replace(",", "."))
    cores = (_children_cpu() - cpu) / (time.perf_counter() - start)
    return examples / elapsed, cores, done.returncode == 0


def campaign(args: argparse.Namespace) -> int:
    operation = args.operation[0] if args.operation else ALLOCATE_OPERATION
    print(
        f"campaign: {args.shards} shards of {args.examples or 1500} {operation} examples, "
        f"workers {args.workers}, {args.repeat} runs each"
    )
    rates: dict[int, list[float]] = {w: [] for w in args.workers}
    clean = True
    for run_number in range(args.repeat):
        for workers in args.workers:
            load = os.getloadavg()[0]
            rate, cores, passed = campaign_run(workers, operation, args)
            clean = clean and passed
            if passed:
                rates[workers].append(rate)
            note = "" if passed else " (a DIFFERENCE: shrinking included; left out below)"
            print(
                f"  run {run_number + 1}, -n {workers}: {rate:,.0f} examples/s, "
                f"{cores:.2f} cores busy (load average before: {load:.1f}){note}"
            )
    if not all(rates.values()):
        print("too few runs without a difference to compare")
        return 1
    for workers, got in rates.items():
        print(
            f"-n {workers}: best {max(got):,.0f}, median {statistics.median(got):,.0f} examples/s"
        )
    if len(args.workers) >= 2:
        one, two = args.workers[0], args.workers[1]
        best = max(rates[two]) / max(rates[one])
        median = statistics.median(rates[two]) / statistics.median(rates[one])
        print(f"ratio -n {two} / -n {one}: best {best:.2f}x, median {median:.2f}x (goal >= 1.7x)")
    return 0 if clean else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--operation",
        action="append",
        choices=OPERATIONS,
        default=[],
        help="operation to measure, repeatable (default: all three)",
    )
    parser.add_argument(
        "--examples",
        type=int,
        default=None,
        help="examples per operation (default: 5000 for allocate, 1000 for the others)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="judge in this process instead of a worker process",
    )
    parser.add_argument(
        "--campaign",
        action="store_true",
        help="measure the fuzz campaign (pytest --kieswet-fuzz) at -n 1 and -n 2 instead",
    )
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shards", type=int, default=2)
    args = parser.parse_args()
    if args.campaign:
        return campaign(args)
    print(
        f"judging {'in this process' if args.in_process else 'in a worker process'}, "
        f"batches of {args.batch_size}, seed {args.seed}"
    )
    clean = True
    for operation in args.operation or OPERATIONS:
        examples = args.examples or DEFAULT_EXAMPLES.get(operation, OTHER_EXAMPLES)
        clean = run(operation, examples, args) and clean
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
