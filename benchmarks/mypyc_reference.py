"""Opt-in: the reference engine (``reference/``) compiled with mypyc (issue 17).

``reference/`` is ``mypy --strict`` clean, so mypyc can compile it to C extension modules. The
build is opt-in and leaves the repository untouched: it compiles a copy (with ``spec/``, whose
typed records it uses) and writes the extension modules to ``--out`` (default
``build/mypyc``, ignored by git). The pure-Python ``reference/`` stays the one that is
maintained, reviewed and used by default; the compiled one is used only where ``--out`` comes
first on the path::

    python benchmarks/mypyc_reference.py build                  # needs a C compiler
    PYTHONSAFEPATH=1 PYTHONPATH=build/mypyc:. python -m kieswet.cli allocate --batch ...
    python benchmarks/mypyc_reference.py compare [--elections 2000] [--repeat 3]

(``PYTHONSAFEPATH=1``: otherwise ``python -m`` puts the current directory, with the pure
``reference/``, first on the path.) ``compare`` runs ``kieswet allocate --batch`` over
generated elections (``benchmarks/allocate_batch.py``) with and without the build, says
whether the outputs are identical byte for byte, and prints the processor time of each (best
of ``--repeat``). ``tests/test_mypyc.py`` (``KIESWET_MYPYC=1``) builds it and holds the two
to the same output.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "build" / "mypyc"


def build(out: Path) -> None:
    """Compile ``reference/`` (a copy) into ``out``: ``out/reference`` holds the extension
    modules and the sources beside them, ``out`` the shared library they load."""
    with tempfile.TemporaryDirectory(prefix="kieswet-mypyc-") as work:
        for package in ("reference", "spec"):
            shutil.copytree(
                ROOT / package, Path(work) / package, ignore=shutil.ignore_patterns("__pycache__")
            )
        done = subprocess.run(
            [sys.executable, "-m", "mypyc", "reference"],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"mypyc failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        shutil.copytree(
            Path(work) / "reference", out / "reference", ignore=shutil.ignore_patterns("*.c")
        )
        for library in Path(work).glob("*__mypyc*.so"):
            shutil.copy2(library, out / library.name)
    compiled = sorted(p.name for p in (out / "reference").glob("*.so"))
    print(f"compiled {len(compiled)} modules of reference/ into {out}")


def environment(out: Path | None) -> dict[str, str]:
    """The environment of a run with the compiled build (``out``) or without it."""
    path = [str(out)] if out is not None else []
    return dict(
        os.environ,
        PYTHONSAFEPATH="1",
        PYTHONPATH=os.pathsep.join([*path, str(ROOT)]),
        PYTHONHASHSEED="0",
    )


def compare(out: Path, elections: int, repeat: int) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from allocate_batch import generate

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "elections.jsonl"
        source.write_text("".join(generate(elections, 2026)), encoding="utf-8")
        command = [sys.executable, "-m", "kieswet.cli", "allocate", "--batch", "--no-progress"]
        probe = "import reference.allocate as m; print(m.__file__)"
        for name, build_dir in (("pure", None), ("mypyc", out)):
            where = subprocess.run(
                [sys.executable, "-c", probe],
                env=environment(build_dir),
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            print(f"{name:>5}: reference.allocate from {where}")
        outputs: dict[str, bytes] = {}
        best: dict[str, tuple[float, float]] = {}
        for _ in range(repeat):
            for name, build_dir in (("pure", None), ("mypyc", out)):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                with source.open("rb") as stdin:
                    done = subprocess.run(
                        command,
                        stdin=stdin,
                        capture_output=True,
                        env=environment(build_dir),
                        cwd=tmp,
                        check=True,
                    )
                wall = time.perf_counter() - start
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
                outputs[name] = done.stdout
                if name not in best or cpu < best[name][1]:
                    best[name] = (wall, cpu)
        same = outputs["pure"] == outputs["mypyc"]
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        for name, (wall, cpu) in best.items():
            print(
                f"{name:>5}: {elections} elections, processor time {cpu:.2f} s "
                f"({elections / cpu:.0f} elections per processor second), wall {wall:.2f} s"
            )
        print(f"pure / mypyc processor time: {best['pure'][1] / best['mypyc'][1]:.2f}x")
        print(f"outputs identical: {same}")
        if not same:
            raise SystemExit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["build", "compare"])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--elections", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.action == "build":
        build(args.out)
    else:
        compare(args.out, args.elections, args.repeat)


if __name__ == "__main__":
    main()
