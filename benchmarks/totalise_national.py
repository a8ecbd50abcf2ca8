"""Benchmark: reading a Tweede Kamer-sized set of EML 510b files, against a bare lxml parse.

Generates (fixed seed) a synthetic national election as one 510b per municipality: 20
districts, ~350 municipalities, 10,000 polling stations, 26 lists of 10 to 80 candidates
(``--scale`` shrinks the number of polling stations and municipalities). Then, each in a fresh
process so that peak memory is its own, it times

* ``bare``: ``lxml.etree.parse`` of every file (the tree built and dropped; no other work);
* ``ours``: ``kieswet.eml.iter_counts`` over every file (hardened, streaming, every check,
  candidate votes to ``Count``s), folding the counts into national list totals;
* ``totalise``: ``kieswet.eml.read_count_directory`` + ``reference.totalise`` on the
  municipal totals and polling stations (with ``--totalise``; keeps every count in memory).

It prints seconds, MB/s, peak resident memory and the ratio ours / bare (target: within 2x,
peak memory under 1.5 GB). Numbers only: nothing is asserted. Usage::

    python benchmarks/totalise_national.py --scale 0.1
    python benchmarks/totalise_national.py --dir /tmp/tk510 --keep   # reuse the files
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

from kieswet.eml import ContestCounts, ElectionIdentifier, Header, write_counts  # noqa: E402
from spec.counts import AdmittedVoters, Count, ListCount  # noqa: E402

SEED = 20251029
DISTRICTS = 20
MUNICIPALITIES = 350
STATIONS = 10_000
LISTS = 26


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


def generate(directory: Path, scale: float) -> tuple[int, int]:
    """Write the 510b files; return (municipalities, polling stations)."""
    rng = random.Random(SEED)
    sizes = {n: rng.randint(10, 80) for n in range(1, LISTS + 1)}
    names = {n: f"Partij {n}" for n in sizes}
    municipalities = max(1, round(MUNICIPALITIES * scale))
    stations = max(municipalities, round(STATIONS * scale))
    # municipality sizes: skewed (a few large cities), every municipality at least one station
    weights = [rng.paretovariate(1.2) for _ in range(municipalities)]
    shares = [1 + int((stations - municipalities) * w / sum(weights)) for w in weights]
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


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(kind: str, directory: Path) -> dict[str, float]:
    """One measurement, in this process (called in a child process by ``main``)."""
    files = sorted(directory.glob("*.xml"))
    start = time.perf_counter()
    if kind == "bare":
        from lxml import etree

        for path in files:
            etree.parse(str(path))
    elif kind == "ours":
        from kieswet.eml import iter_counts

        national: dict[int, int] = {}
        for path in files:
            for item in iter_counts(path):
                if item.is_total:
                    for lst in item.count.lists:
                        national[lst.list_number] = national.get(lst.list_number, 0) + lst.total
    else:
        from kieswet.eml import hierarchy_from_directory, read_count_directory
        from reference.totalise import totalise
        from spec.counts import CountInputs

        read = read_count_directory(directory)
        totals = totalise(hierarchy_from_directory(read), CountInputs(counts=read.counts()))
        assert totals.accepted, totals.findings[:3]
    return {"seconds": time.perf_counter() - start, "peak_mb": _peak_mb()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of full size")
    parser.add_argument("--dir", type=Path, help="where to write the files (default: temp)")
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the files")
    parser.add_argument("--totalise", action="store_true", help="also time totalisation")
    parser.add_argument("--measure", choices=["bare", "ours", "totalise"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.dir)))
        return
    directory = args.dir or Path(tempfile.mkdtemp(prefix="kieswet-510b-"))
    directory.mkdir(parents=True, exist_ok=True)
    try:
        if not any(directory.glob("*.xml")):
            start = time.perf_counter()
            municipalities, stations = generate(directory, args.scale)
            print(
                f"generated {municipalities} municipalities, {stations} polling stations, "
                f"{LISTS} lists in {time.perf_counter() - start:.1f} s"
            )
        size = sum(p.stat().st_size for p in directory.glob("*.xml")) / 1e6
        print(f"{len(list(directory.glob('*.xml')))} files, {size:,.0f} MB in {directory}")
        results = {}
        for kind in ["bare", "ours"] + (["totalise"] if args.totalise else []):
            done = subprocess.run(
                [sys.executable, __file__, "--measure", kind, "--dir", str(directory)],
                capture_output=True,
                text=True,
                check=True,
            )
            results[kind] = json.loads(done.stdout)
            r = results[kind]
            print(
                f"{kind:>9}: {r['seconds']:8.2f} s  {size / r['seconds']:7.1f} MB/s  "
                f"peak {r['peak_mb']:7.0f} MB"
            )
        ratio = results["ours"]["seconds"] / results["bare"]["seconds"]
        print(f"ratio ours / bare parse: {ratio:.2f} (target <= 2)")
    finally:
        if not args.keep and args.dir is None:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
