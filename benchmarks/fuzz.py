"""Throughput of differential fuzzing through the reference adapter, as a separate process.

Runs ``kieswet conformance fuzz``'s engine (``conformance.fuzz.Fuzzer``) with the reference
adapter (``python -m conformance.adapters.reference_adapter``) for a fixed seed: generation by
Hypothesis, batches through the adapter process, the reference allocation and the judging with
``spec.check`` included; the adapter's start is included too. The reference finds no difference
with itself, so every example is explored and none is shrunk. Prints examples per second
(target: at least 300/s) and where the processor time went. Usage::

    python benchmarks/fuzz.py [--examples 5000] [--seed 1] [--batch-size 100] [--in-process]

Timings on a shared machine vary with its load; compare runs made one after another.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

from conformance.fuzz import Fuzzer, FuzzOptions

ADAPTER = [sys.executable, "-m", "conformance.adapters.reference_adapter"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="judge in this process instead of a worker process",
    )
    args = parser.parse_args()
    options = FuzzOptions(
        command=ADAPTER,
        examples=args.examples,
        seed=args.seed,
        batch_size=args.batch_size,
        parallel=not args.in_process,
    )
    cpu = time.process_time()
    start = time.perf_counter()
    outcome = Fuzzer(options).run()
    elapsed = time.perf_counter() - start
    main_cpu = time.process_time() - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    verdict = "no difference" if outcome.finding is None else "a DIFFERENCE (unexpected)"
    print(
        f"{outcome.examples} examples in {elapsed:.2f} s = {outcome.examples / elapsed:,.0f} "
        f"examples/s ({verdict}; target >= 300/s)"
    )
    print(
        f"processor time: fuzzer {main_cpu:.2f} s, adapter and worker "
        f"{children.ru_utime + children.ru_stime:.2f} s; judging "
        f"{'in this process' if args.in_process else 'in a worker process'}, "
        f"batches of {args.batch_size}"
    )
    return 0 if outcome.finding is None else 1


if __name__ == "__main__":
    sys.exit(main())
