"""The opt-in mypyc build of ``reference/`` (``benchmarks/mypyc_reference.py``, issue 17) gives
what the pure-Python ``reference/`` gives, byte for byte: seat allocation (batch, ``--json``
and the Dutch trace) over the examples and random elections (completed, needing a lot,
rejected), the Tweede Kamer with districts, the Eerste Kamer, and totalisation. The pure run
is the oracle; the compiled run must load the extension modules (checked), or the test fails.

Building takes a C compiler and a minute or two, so it runs only with ``KIESWET_MYPYC=1``."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

pytestmark = pytest.mark.skipif(
    os.environ.get("KIESWET_MYPYC") != "1" or shutil.which("cc") is None,
    reason="the mypyc build is opt-in: KIESWET_MYPYC=1 (and a C compiler)",
)


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("mypyc") / "build"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "mypyc_reference.py"),
            "build",
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    return out


def _env(build: Path | None) -> dict[str, str]:
    path = [str(build)] if build is not None else []
    return dict(os.environ, PYTHONSAFEPATH="1", PYTHONPATH=os.pathsep.join([*path, str(ROOT)]))


def _kieswet(build: Path | None, cwd: Path, *args: str, stdin: bytes = b"") -> tuple[int, bytes]:
    done = subprocess.run(
        [sys.executable, "-m", "kieswet.cli", *args],
        input=stdin,
        capture_output=True,
        env=_env(build),
        cwd=cwd,
        timeout=600,
        check=False,
    )
    return done.returncode, done.stdout


def _elections() -> bytes:
    rng = random.Random(2026)
    lines = [json.dumps(json.loads(p.read_text("utf-8"))) for p in sorted(EXAMPLES.glob("*.json"))]
    for _ in range(300):
        lists = [
            {
                "number": n,
                "name": f"Lijst {n}",
                "candidates": [
                    {"number": c, "votes": rng.choice([0, 10, 50, rng.randint(0, 900)])}
                    for c in range(1, rng.randint(1, 15) + 1)
                ],
            }
            for n in range(1, rng.randint(1, 12) + 1)
        ]
        seats = rng.choice([1, 9, 13, 19, 25, 45, 0])
        election = {"kind": "GR", "seats": seats}
        doc = {"format": "kieswet/seat-allocation-input@1", "election": election, "lists": lists}
        lines.append(json.dumps(doc))
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_the_compiled_reference_is_loaded(compiled: Path, tmp_path: Path) -> None:
    probe = "import reference.allocate as m, spec; print(m.__file__); print(spec.__file__)"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env=_env(compiled),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    module, spec = done.stdout.split()
    assert module.endswith(".so") and module.startswith(str(compiled))
    assert spec == str(ROOT / "spec" / "__init__.py")


def test_compiled_and_pure_give_the_same_bytes(compiled: Path, tmp_path: Path) -> None:
    batch = _elections()
    examples = sorted(EXAMPLES.glob("*.json"))
    runs: list[tuple[tuple[str, ...], bytes]] = [(("allocate", "--batch", "--no-progress"), batch)]
    runs += [(("allocate", "--json", str(p)), b"") for p in examples]
    runs += [(("allocate", str(p)), b"") for p in examples]  # the Dutch trace
    statuses = set()
    for args, stdin in runs:
        pure = _kieswet(None, tmp_path, *args, stdin=stdin)
        fast = _kieswet(compiled, tmp_path, *args, stdin=stdin)
        assert fast == pure, args
        if args[1] == "--batch":
            statuses = {json.loads(line)["status"] for line in pure[1].splitlines()}
    assert statuses == {"completed", "needs_lot", "rejected"}
    for counts in sorted((EXAMPLES / "counts").glob("*.json")):
        outputs = []
        for build in (None, compiled):
            where = tmp_path / ("pure" if build is None else "mypyc")
            where.mkdir(exist_ok=True)
            code, stdout = _kieswet(build, where, "totalise", str(counts), "--out", counts.stem)
            written = {p.name: p.read_bytes() for p in sorted((where / counts.stem).iterdir())}
            outputs.append((code, stdout, written))
        assert outputs[0] == outputs[1], counts.name
