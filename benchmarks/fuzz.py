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
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

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
    args = parser.parse_args()
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
