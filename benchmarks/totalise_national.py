"""Benchmark: ``kieswet totalise`` on a Tweede Kamer-sized set of EML 510b files, against a
bare lxml parse of the same files.

Generates (fixed seed) a synthetic national election as one 510b per municipality: 20
districts (the ContestIdentifier), 350 municipalities, 10,000 polling stations, 26 lists of 10
to 80 candidates (``--scale`` shrinks the numbers of polling stations and municipalities).
Then, each in a fresh process (its own peak memory), it times

* ``bare``: ``lxml.etree.parse`` of every file (the tree built and dropped; no other work);
* ``kieswet totalise DIR --out OUT --no-progress``: the command itself (``python -m
  kieswet.cli``): reading every file hardened with every check, totalising polling stations →
  municipalities → districts → centraal stembureau with every check, and writing
  ``totals.json``, the 20 510c files and the 510d.

Both are wall-clock times of the whole process (interpreter start included), the best of
``--repeat`` runs, which are interleaved so that both see the same machine. It prints the
seconds, MB/s, peak resident memory, and the ratio totalise / bare (targets: within 2x, peak
memory under 1.5 GB). Numbers only: nothing is asserted.

``--stations N`` sets the size by its number of polling stations (10,000 is the full size;
the municipalities grow with it). ``--jobs 1,2`` times ``kieswet totalise --jobs N`` for every
N given (issue 17), and prints for each the best and the median of ``--repeat`` runs and the
load average. Peak memory is printed twice: the largest single process (``ru_maxrss``), and
the sum over the command and its worker processes, sampled every 20 ms from ``/proc``
(where there is one). Usage::

    python benchmarks/totalise_national.py                      # full size, temporary files
    python benchmarks/totalise_national.py --scale 0.1
    python benchmarks/totalise_national.py --dir /tmp/tk510 --keep --repeat 3
    python benchmarks/totalise_national.py --stations 40000 --jobs 1,2 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interchange.eml import ContestCounts, ElectionIdentifier, Header, write_counts  # noqa: E402
from spec.counts import AdmittedVoters, Count, ListCount  # noqa: E402

SEED = 20251029
DISTRICTS = 20
MUNICIPALITIES = 350
STATIONS = 10_000
LISTS = 26

BARE = """
import sys
from pathlib import Path
from lxml import etree
for path in sorted(Path(sys.argv[1]).glob("*.xml")):
    etree.parse(str(path))
"""


def _station(rng: random.Random, unit_id: str, sizes: dict[int, int]) -> Count:
    lists = []
    bits = rng.getrandbits
    for number, size in sizes.items():
        # a few popular candidates at the top, a long tail: like real preference votes
        votes = {c: bits(7) if c <= 2 else bits(3) for c in range(1, size + 1)}
        lists.append(ListCount(number, sum(votes.values()), votes))
    on_lists = sum(lst.total for lst in lists)
    blank, invalid = bits(3), bits(3)
    counted = on_lists + blank + invalid
    proxy, cards = bits(4), bits(2)
    poll = max(0, counted - proxy - cards)
    admitted = poll + proxy + cards
    return Count(
        unit_id,
        f"Stembureau {unit_id}",
        "SB",
        AdmittedVoters(poll, proxy, cards, admitted),
        tuple(lists),
        blank,
        invalid,
        counted,
        max(0, counted - admitted),
        max(0, admitted - counted),
        admitted + bits(9),
        on_lists,
    )


def _total(unit_id: str, name: str, parts: list[Count]) -> Count:
    from reference.totalise import sum_counts
    from spec.counts import Unit

    total = sum_counts(Unit(unit_id, name, "GSB", None, ()), parts)
    return Count(
        total.unit_id,
        total.name,
        "GSB",
        total.admitted,
        total.lists,
        total.blank,
        total.invalid,
        total.total_counted,
        total.more_counted,
        total.fewer_counted,
        total.eligible_voters,
        total.votes_on_lists,
    )


def _shares(rng: random.Random, municipalities: int, stations: int) -> list[int]:
    """Polling stations per municipality: skewed (a few large cities), at least one each,
    adding up to ``stations`` exactly."""
    weights = [rng.paretovariate(1.2) for _ in range(municipalities)]
    spare = stations - municipalities
    shares = [1 + int(spare * w / sum(weights)) for w in weights]
    for index in range(stations - sum(shares)):
        shares[index % municipalities] += 1
    return shares


def generate(directory: Path, scale: float) -> tuple[int, int]:
    """Write the 510b files; return (municipalities, polling stations)."""
    rng = random.Random(SEED)
    sizes = {n: rng.randint(10, 80) for n in range(1, LISTS + 1)}
    names = {n: f"Partij {n}" for n in sizes}
    municipalities = max(1, round(MUNICIPALITIES * scale))
    stations = max(municipalities, round(STATIONS * scale))
    shares = _shares(rng, municipalities, stations)
    election = ElectionIdentifier(
        "TK2025", "Tweede Kamer 2025 (synthetisch)", "TK", "TK", "", "", "2025-10-29"
    )
    for index, share in enumerate(shares):
        code = f"{index + 1:04d}"
        district = index % DISTRICTS + 1
        parts = [_station(rng, f"{code}::SB{i}", sizes) for i in range(1, share + 1)]
        total = _total(code, f"Gemeente {code}", parts)
        header = Header(election, code, f"Gemeente {code}", "2025-10-30T12:00:00")
        write_counts(
            directory / f"Telling_TK2025_gemeente_{code}.eml.xml",
            "510b",
            header,
            [ContestCounts(str(district), total, tuple(parts))],
            names,
        )
    return municipalities, sum(shares)


def _tree_rss(root: int) -> int:
    """The resident memory (kB) of ``root`` and its descendants, from ``/proc``."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
    total = 0
    for pid in rss:
        walk = pid
        while walk in parents and walk != root:
            walk = parents[walk]
        if walk == root:
            total += rss[pid]
    return total


def measure(command: list[str]) -> dict[str, float]:
    """Run ``command`` (in this process's only child) and return its wall-clock seconds and
    peak resident memory (called in a fresh process by ``main``, so the peak is its own):
    the largest single process, and the sampled sum over it and its workers."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )
    summed = 0
    sample = Path("/proc").is_dir()
    while process.poll() is None:
        if sample:
            summed = max(summed, _tree_rss(process.pid))
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    stderr = process.stderr.read() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited with {process.returncode}:\n{stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak, "sum_mb": summed / 1024}


def _run(command: list[str]) -> dict[str, float]:
    runner = [sys.executable, __file__, "--measure", json.dumps(command)]
    done = subprocess.run(runner, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of full size")
    parser.add_argument("--stations", type=int, help="polling stations (sets --scale)")
    parser.add_argument("--jobs", default="1", help="kieswet totalise --jobs N, for these N")
    parser.add_argument(
        "--max-bytes",
        type=int,
        help="kieswet totalise --max-bytes (from about 30,000 polling stations the largest "
        "synthetic municipality's file exceeds the default 200 MiB)",
    )
    parser.add_argument("--dir", type=Path, help="where to write the files (default: temp)")
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the files")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best counts")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(json.loads(args.measure))))
        return
    if args.stations:
        args.scale = args.stations / STATIONS
    directory = args.dir or Path(tempfile.mkdtemp(prefix="kieswet-510b-"))
    directory.mkdir(parents=True, exist_ok=True)
    out = Path(tempfile.mkdtemp(prefix="kieswet-totals-"))
    try:
        if not any(directory.glob("*.xml")):
            start = time.perf_counter()
            municipalities, stations = generate(directory, args.scale)
            print(
                f"generated {municipalities} municipalities, {stations} polling stations, "
                f"{LISTS} lists in {time.perf_counter() - start:.1f} s"
            )
        files = list(directory.glob("*.xml"))
        size = sum(p.stat().st_size for p in files) / 1e6
        print(f"{len(files)} files, {size:,.0f} MB in {directory}")
        jobs = [int(j) for j in args.jobs.split(",")]
        commands = {"bare": [sys.executable, "-c", BARE, str(directory)]}
        for j in jobs:
            commands["totalise" if j == 1 else f"--jobs {j}"] = [
                sys.executable,
                "-m",
                "kieswet.cli",
                "totalise",
                str(directory),
                "--out",
                str(out),
                "--no-progress",
                "--jobs",
                str(j),
                *(["--max-bytes", str(args.max_bytes)] if args.max_bytes else []),
            ]
        runs: dict[str, list[dict[str, float]]] = {kind: [] for kind in commands}
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        for _ in range(args.repeat):
            for kind, command in commands.items():
                runs[kind].append(_run(command))
        print(f"load average after:  {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        results = {kind: min(r, key=lambda x: x["seconds"]) for kind, r in runs.items()}
        for kind, r in results.items():
            median = statistics.median(x["seconds"] for x in runs[kind])
            print(
                f"{kind:>9}: best {r['seconds']:7.2f} s  {size / r['seconds']:6.1f} MB/s  "
                f"median {median:7.2f} s  peak {max(x['peak_mb'] for x in runs[kind]):6.0f} "
                f"MB (largest process), {max(x['sum_mb'] for x in runs[kind]):6.0f} MB (sum)"
            )
        first = "totalise" if "totalise" in results else next(k for k in results if k != "bare")
        ratio = results[first]["seconds"] / results["bare"]["seconds"]
        print(f"ratio kieswet totalise / bare parse: {ratio:.2f} (target <= 2)")
        peak = results[first]["peak_mb"]
        print(f"peak memory of kieswet totalise: {peak:.0f} MB (target < 1536)")
        for kind in results:
            if kind.startswith("--jobs"):
                best = results[first]["seconds"] / results[kind]["seconds"]
                median = statistics.median(x["seconds"] for x in runs[first]) / statistics.median(
                    x["seconds"] for x in runs[kind]
                )
                print(f"{kind} / --jobs 1: best {best:.2f}x, median {median:.2f}x")
        written = sorted(p.name for p in out.iterdir())
        print(f"written: {len(written)} files ({', '.join(written[:2])}, ...)")
    finally:
        shutil.rmtree(out, ignore_errors=True)
        if not args.keep and args.dir is None:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
