"""Throughput of ``kieswet allocate --batch`` against the JSON I/O floor.

Generates (fixed seed) random municipal-size elections as JSON Lines — up to 20 lists, up to 50
candidates each, 9 to 45 seats — then times, in the same run:

* the I/O floor: a plain Python process that reads every line, ``json.loads`` it and writes
  ``json.dumps`` of it back (what any JSON-Lines tool must at least do);
* ``kieswet allocate --batch`` over the same file, as a separate process on one core, with
  and without the trace (``--no-steps``).

It prints elections per second for both and their ratio. Targets (issue 2): at least 5,000
elections/s, within 3x of the I/O floor.

With ``--jobs 1,2`` (issue 17) it also times ``--batch --jobs N`` for every N given, checks
that each writes the same bytes as ``--jobs 1``, and prints per N the best and the median of
``--repeat`` runs (interleaved, so that all see the same machine), the processor time used
(the process and its workers) and the load average before and after, since on a shared
machine a second worker helps only when a core is free. Usage::

    python benchmarks/allocate_batch.py [--elections 20000] [--seed 2026] [--keep DIR]
    python benchmarks/allocate_batch.py --jobs 1,2 --repeat 5 [--no-steps]

With ``--abacus BIN`` (issue 17) it times, on the same elections, the compiled batch oracle of
Abacus (``BIN --batch``, the Kiesraad's ``apportionment`` crate behind
``adapters/abacus/``, docs/abacus.md) side by side with ``kieswet allocate --batch``, with
``--no-steps``, with ``--jobs 2`` and with both: ``--repeat`` runs of each, interleaved, each
run printed with the load average (``os.getloadavg``, as ``uptime`` shows it); then per
configuration the best and the median in elections/s and the ratio of kieswet's wall time to
Abacus's (best to best, median to median). It checks that kieswet and Abacus agree, election
by election, on the status, the seats per list and the elected candidates (for a lot question:
its kind and options), prints the number of disagreements and the first few, and checks that
``--jobs 2`` writes the same bytes as ``--jobs 1``. One more run of ``BIN --batch --timings``
prints how much of the Abacus batch is the crate itself (``apportionment::process``), the rest
being the adapter's JSON reading and writing and its input checks. The generator writes only
what the crate accepts: kind GR, no law and no profile (so the current law and the default
profile), candidate-level lists numbered 1, 2, ... with candidates numbered 1, 2, ...;
Abacus's statuses are printed, so an election it skipped would show. Usage::

    python adapters/abacus/build.py --abacus ~/src/abacus [--debian]
    python benchmarks/allocate_batch.py \
        --abacus adapters/abacus/target/release/kieswet-abacus-adapter \
        [--elections 20000] [--repeat 3]

``--reader`` times only the reading of the lines, in this process (processor time, best of
``--repeat``): ``json.loads``, ``kieswet.jsonfile.loads`` (with its fastest path) and
``kieswet.jsonfile.strict_loads`` (without it), and how many lines took the fastest path.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

FLOOR = (
    "import json, sys\n"
    "out = sys.stdout\n"
    "for line in sys.stdin:\n"
    "    document = json.loads(line)\n"
    "    out.write(json.dumps(document, ensure_ascii=False, separators=(',', ':')) + '\\n')\n"
)
SEAT_SIZES = [9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 45]


def generate(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    lines = []
    for _ in range(count):
        lists = []
        for number in range(1, rng.randint(1, 20) + 1):
            size = rng.randint(1, 50)
            strength = rng.randint(1, 4000)
            candidates = [
                {"number": c, "votes": rng.randint(0, strength // c + 1)}
                for c in range(1, size + 1)
            ]
            lists.append({"number": number, "name": f"Lijst {number}", "candidates": candidates})
        election = {
            "format": "kieswet/seat-allocation-input@1",
            "election": {"kind": "GR", "seats": rng.choice(SEAT_SIZES)},
            "lists": lists,
        }
        lines.append(json.dumps(election, separators=(",", ":")) + "\n")
    return lines


CPU: dict[str, float] = {}
"""Processor time (user + system) of the last run of each command, by its last argument."""


def timed(command: list[str], source: Path, sink: Path) -> float:
    env = dict(os.environ, PYTHONHASHSEED="0")
    with source.open("rb") as stdin, sink.open("wb") as stdout:
        before = _cpu()
        start = time.perf_counter()
        subprocess.run(command, stdin=stdin, stdout=stdout, check=True, env=env)
        seconds = time.perf_counter() - start
        CPU[sink.name] = _cpu() - before
        return seconds


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def compare_jobs(args: argparse.Namespace, source: Path, folder: Path) -> None:
    """``--jobs``: every N of ``args.jobs``, ``args.repeat`` times, interleaved."""
    jobs = [int(j) for j in args.jobs.split(",")]
    flags = [] if args.steps else ["--no-steps"]
    times: dict[int, list[float]] = {j: [] for j in jobs}
    cpu: dict[int, list[float]] = {j: [] for j in jobs}
    print(f"load average before: {_load()}")
    for _ in range(args.repeat):
        for j in jobs:
            command = [
                sys.executable, "-m", "kieswet.cli", "allocate", "--batch", "--no-progress",
                "--jobs", str(j), *flags,
            ]
            before = _cpu()
            times[j].append(timed(command, source, folder / f"jobs-{j}.jsonl"))
            cpu[j].append(_cpu() - before)
    print(f"load average after:  {_load()}")
    reference = (folder / f"jobs-{jobs[0]}.jsonl").read_bytes()
    for j in jobs:
        same = (folder / f"jobs-{j}.jsonl").read_bytes() == reference
        best, median = min(times[j]), statistics.median(times[j])
        print(
            f"--jobs {j}: best {args.elections / best:7.0f} elections/s ({best:.2f} s), "
            f"median {args.elections / median:7.0f}/s ({median:.2f} s), processor time "
            f"{statistics.median(cpu[j]):.2f} s (median), output "
            f"{'identical to' if same else 'DIFFERENT FROM'} --jobs {jobs[0]}"
        )
    first = jobs[0]
    for j in jobs[1:]:
        print(
            f"--jobs {j} / --jobs {first}: best {min(times[first]) / min(times[j]):.2f}x, "
            f"median {statistics.median(times[first]) / statistics.median(times[j]):.2f}x"
        )


KIESWET = [sys.executable, "-m", "kieswet.cli", "allocate", "--batch", "--no-progress"]
ABACUS_CONFIGURATIONS = {
    "kieswet allocate --batch": [],
    "  --no-steps": ["--no-steps"],
    "  --jobs 2": ["--jobs", "2"],
    "  --jobs 2 --no-steps": ["--jobs", "2", "--no-steps"],
}


def _outcome(result: dict[str, Any]) -> tuple[object, ...]:
    """What kieswet and Abacus must agree on: the status, and the seats and elected candidates
    (completed), the lot question (needs_lot), or nothing more (rejected)."""
    status = result.get("status")
    if status == "completed":
        return (status, result.get("seats"), result.get("elected"))
    if status == "needs_lot":
        lot = result.get("lot", {})
        return (status, lot.get("kind"), lot.get("options"), lot.get("list"))
    return (status,)


def _disagreements(abacus: Path, kieswet: Path) -> list[tuple[int, object, object]]:
    pairs = zip(
        abacus.read_text(encoding="utf-8").splitlines(),
        kieswet.read_text(encoding="utf-8").splitlines(),
        strict=True,
    )
    found: list[tuple[int, object, object]] = []
    for number, (theirs, ours) in enumerate(pairs, 1):
        a, k = _outcome(json.loads(theirs)), _outcome(json.loads(ours))
        if a != k:
            found.append((number, a, k))
    return found


def compare_abacus(args: argparse.Namespace, source: Path, folder: Path) -> None:
    """``--abacus BIN``: the Abacus batch oracle and kieswet, side by side (issue 17)."""
    commands = {"Abacus (compiled) --batch": [args.abacus, "--batch"]}
    commands.update({name: KIESWET + flags for name, flags in ABACUS_CONFIGURATIONS.items()})
    sinks = {name: folder / f"abacus-{i}.jsonl" for i, name in enumerate(commands)}
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    print(f"load average before: {_load()} (1, 5, 15 minutes)")
    for run in range(1, args.repeat + 1):
        for name, command in commands.items():
            seconds = timed(command, source, sinks[name])
            times[name].append(seconds)
            cpu[name].append(CPU[sinks[name].name])
            print(f"run {run} {name.strip():28} {seconds:7.2f} s  processor "
                  f"{cpu[name][-1]:6.2f} s  load average {_load()}")
    print(f"load average after:  {_load()}")
    abacus = "Abacus (compiled) --batch"
    best_a, median_a = min(times[abacus]), statistics.median(times[abacus])
    print(f"{args.elections} elections, {args.repeat} runs each; ratio = kieswet wall time / "
          "Abacus wall time (target <= 3)")
    for name in commands:
        best, median = min(times[name]), statistics.median(times[name])
        ratio = "" if name == abacus else (
            f"  ratio best {best / best_a:6.1f}x, median {median / median_a:6.1f}x"
        )
        print(f"{name:28} best {args.elections / best:8.0f} elections/s ({best:6.2f} s), "
              f"median {args.elections / median:8.0f}/s ({median:6.2f} s), processor "
              f"{statistics.median(cpu[name]):6.2f} s (median){ratio}")
    with source.open("rb") as stdin:
        done = subprocess.run(
            [args.abacus, "--batch", "--timings"],
            stdin=stdin,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            check=True,
            text=True,
        )
    pattern = r"in ([0-9.]+) s, of which ([0-9.]+) s in apportionment::process"
    match = re.search(pattern, done.stderr)
    if match and float(match.group(2)) > 0:
        whole, inside = float(match.group(1)), float(match.group(2))
        print(
            f"of the Abacus batch (one more run, --timings: {whole:.3f} s, load average "
            f"{_load()}), the crate itself (apportionment::process) took {inside:.3f} s: "
            f"{args.elections / inside:.0f} elections/s; the rest is the adapter's JSON "
            f"reading, input checks, translation and JSON writing; kieswet best / crate alone: "
            f"{min(times['kieswet allocate --batch']) / inside:.0f}x "
            f"(--no-steps {min(times['  --no-steps']) / inside:.0f}x)"
        )
    statuses: dict[str, int] = {}
    for line in sinks[abacus].read_text(encoding="utf-8").splitlines():
        status = json.loads(line)["status"]
        statuses[status] = statuses.get(status, 0) + 1
    print(f"Abacus statuses: {dict(sorted(statuses.items()))}")
    for steps, jobs in (("kieswet allocate --batch", "  --jobs 2"),
                        ("  --no-steps", "  --jobs 2 --no-steps")):
        same = sinks[steps].read_bytes() == sinks[jobs].read_bytes()
        print(f"{jobs.strip()}: output {'identical to' if same else 'DIFFERENT FROM'} "
              f"{steps.strip()}")
    for name in ("kieswet allocate --batch", "  --no-steps"):
        found = _disagreements(sinks[abacus], sinks[name])
        print(f"disagreements with Abacus ({name.strip()}; status, seats, elected candidates, "
              f"lot question): {len(found)} of {args.elections}")
        for number, theirs, ours in found[:5]:
            print(f"  line {number}: Abacus {theirs!r}; kieswet {ours!r}")


def compare_readers(lines: list[str], repeat: int) -> None:
    """``--reader``: microseconds per line of each reader (processor time, best run)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from kieswet import jsonfile

    readers: dict[str, Callable[[str], object]] = {
        "json.loads": json.loads,
        "jsonfile.loads": jsonfile.loads,
        "jsonfile.strict_loads": jsonfile.strict_loads,
    }
    best: dict[str, float] = {}
    for _ in range(repeat):
        for name, read in readers.items():
            start = time.process_time()
            for line in lines:
                read(line)
            spent = time.process_time() - start
            best[name] = min(best.get(name, spent), spent)
    fast = sum(jsonfile._fast(line) is not None for line in lines)
    for name, spent in best.items():
        print(f"{name:22} {spent / len(lines) * 1e6:7.1f} us per line")
    print(
        f"strict_loads / loads: {best['jsonfile.strict_loads'] / best['jsonfile.loads']:.2f}x; "
        f"lines on the fastest path: {fast} of {len(lines)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--elections", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", type=Path, help="keep the generated input and output here")
    parser.add_argument("--jobs", help="compare --jobs N for these N (comma-separated)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each N (--jobs)")
    parser.add_argument("--no-steps", dest="steps", action="store_false", help="with --jobs")
    parser.add_argument("--reader", action="store_true", help="time the JSON readers only")
    parser.add_argument(
        "--abacus", metavar="BIN", help="time the Abacus batch oracle (BIN --batch) side by side"
    )
    args = parser.parse_args()
    if args.reader:
        compare_readers(generate(args.elections, args.seed), args.repeat)
        return

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        source = folder / "elections.jsonl"
        start = time.perf_counter()
        source.write_text("".join(generate(args.elections, args.seed)), encoding="utf-8")
        size = source.stat().st_size
        print(f"generated {args.elections} elections ({size / 1e6:.1f} MB) "
              f"in {time.perf_counter() - start:.1f} s (seed {args.seed})")
        if args.abacus:
            compare_abacus(args, source, folder)
            return
        if args.jobs:
            compare_jobs(args, source, folder)
            return

        floor = timed([sys.executable, "-c", FLOOR], source, folder / "floor.jsonl")
        engine = timed(
            [sys.executable, "-m", "kieswet.cli", "allocate", "--batch", "--no-progress"],
            source, folder / "results.jsonl",
        )
        bare = timed(
            [
                sys.executable, "-m", "kieswet.cli", "allocate", "--batch", "--no-steps",
                "--no-progress",
            ],
            source, folder / "results-no-steps.jsonl",
        )
        results = (folder / "results.jsonl").read_text(encoding="utf-8").splitlines()
        statuses: dict[str, int] = {}
        for line in results:
            status = json.loads(line)["status"]
            statuses[status] = statuses.get(status, 0) + 1
        if len(results) != args.elections:
            sys.exit(f"expected {args.elections} result lines, got {len(results)}")
        print(f"I/O floor (json read+write): {args.elections / floor:10.0f} elections/s "
              f"({floor:.2f} s)")
        print(f"kieswet allocate --batch:    {args.elections / engine:10.0f} elections/s "
              f"({engine:.2f} s)  statuses: {dict(sorted(statuses.items()))}")
        print(f"  ... with --no-steps:       {args.elections / bare:10.0f} elections/s "
              f"({bare:.2f} s)")
        print(f"ratio to the I/O floor:      {engine / floor:10.2f}x "
              f"(--no-steps {bare / floor:.2f}x; targets: >= 5000 elections/s, <= 3x)")
        print("processor time (a shared machine's wall clock varies with its load): floor "
              f"{CPU['floor.jsonl']:.2f} s, --batch {CPU['results.jsonl']:.2f} s "
              f"({args.elections / CPU['results.jsonl']:.0f} elections per processor second), "
              f"--no-steps {CPU['results-no-steps.jsonl']:.2f} s; load average {_load()}")


if __name__ == "__main__":
    main()
