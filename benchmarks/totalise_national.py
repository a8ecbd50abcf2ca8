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
memory under 1.5 GB). Numbers only: nothing is asserted. Usage::

    python benchmarks/totalise_national.py                      # full size, temporary files
    python benchmarks/totalise_national.py --scale 0.1
    python benchmarks/totalise_national.py --dir /tmp/tk510 --keep --repeat 3
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
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


def measure(command: list[str]) -> dict[str, float]:
    """Run ``command`` (in this process's only child) and return its wall-clock seconds and
    peak resident memory (called in a fresh process by ``main``, so the peak is its own)."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited with {done.returncode}:\n{done.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak}


def _run(command: list[str]) -> dict[str, float]:
    runner = [sys.executable, __file__, "--measure", json.dumps(command)]
    done = subprocess.run(runner, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of full size")
    parser.add_argument("--dir", type=Path, help="where to write the files (default: temp)")
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the files")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best counts")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(json.loads(args.measure))))
        return
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
        commands = {
            "bare": [sys.executable, "-c", BARE, str(directory)],
            "totalise": [
                sys.executable,
                "-m",
                "kieswet.cli",
                "totalise",
                str(directory),
                "--out",
                str(out),
                "--no-progress",
            ],
        }
        results: dict[str, dict[str, float]] = {}
        for _ in range(args.repeat):
            for kind, command in commands.items():
                run = _run(command)
                best = results.get(kind)
                if best is None or run["seconds"] < best["seconds"]:
                    results[kind] = run
        for kind, r in results.items():
            print(
                f"{kind:>9}: {r['seconds']:8.2f} s  {size / r['seconds']:7.1f} MB/s  "
                f"peak {r['peak_mb']:7.0f} MB"
            )
        ratio = results["totalise"]["seconds"] / results["bare"]["seconds"]
        print(f"ratio kieswet totalise / bare parse: {ratio:.2f} (target <= 2)")
        peak = results["totalise"]["peak_mb"]
        print(f"peak memory of kieswet totalise: {peak:.0f} MB (target < 1536)")
        written = sorted(p.name for p in out.iterdir())
        print(f"written: {len(written)} files ({', '.join(written[:2])}, ...)")
    finally:
        shutil.rmtree(out, ignore_errors=True)
        if not args.keep and args.dir is None:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
