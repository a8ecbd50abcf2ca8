"""Mutation testing of ``reference/`` and ``spec/`` with the conformance vectors alone as the test.

Mutants are made by Cosmic Ray (``pip install ".[mutation]"``): its operators find every
mutation point of a module (comparison, arithmetic, unary and boolean operators, numbers,
``True``/``False``, ``and``/``or``, ``break``/``continue``, exception types, decorators, loops
that run zero times), and it applies one mutation, by operator and occurrence, to a source text.
This script then tests each mutant itself, because the test is not a command run in the mutated
tree: one side of the conformance run is mutated and the other must stay intact.

``reference``
    The mutated engine is the adapter (``python -m conformance.adapters.reference_adapter``
    with ``PYTHONPATH`` pointing at a private copy of the repository holding the mutant), the
    runner and judge are the unmutated tree. The mutant is **killed** when a vector that
    passes unmutated FAILs; a vector that becomes an ERROR (the adapter crashed or ran out of
    time) or a run that cannot start counts as **crash**, a run over the time limit as
    **timeout**; neither is a kill.
``spec``
    The mutated judge (runner with ``PYTHONPATH`` at the copy, and ``--judge-every-answer``,
    since the suite's judged digests stand for the unmutated judge) judges the answers of the
    unmutated engine. The mutant is **killed** when the verdict on some vector changes from
    the unmutated judge's (PASS to FAIL on the expected answers; once negative vectors are in
    the suite, any change on them too: every case's status is compared with the baseline).

Only the modules the side under test loads are mutated (for ``reference``: what the reference
adapter imports; for ``spec``: what the runner and judge import); ``--module`` picks others.

Results go to ``benchmarks/out/mutation/TARGET.jsonl``, one line per mutant, keyed by mutant id
and the SHA-256 of the mutated module and of the suite manifest: a rerun (``--sample`` with the
same seed, or everything) skips what is already there and still valid, so an interrupted run
resumes. The surviving mutants, with their diffs, are written to
``benchmarks/out/mutation/TARGET-survivors.txt``. Usage::

    python benchmarks/mutation.py reference --sample 300 --seed 1 [--jobs 2]
    python benchmarks/mutation.py spec --sample 100 --seed 1
    python benchmarks/mutation.py reference --list              # the mutant ids, no run
    python benchmarks/mutation.py reference --mutant ID [--mutant ID ...]

Exit status: 0 the run completed, 2 usage error (an unknown target, module or mutant id, or
Cosmic Ray not installed).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import difflib
import hashlib
import json
import os
import queue
import random
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT / "conformance" / "vectors"
PACKAGES = ("spec", "reference", "interchange", "conformance", "kieswet")
ADAPTER_MODULE = "conformance.adapters.reference_adapter"
TARGETS = ("reference", "spec")
# What each side imports: the adapter for the engine, the runner and judge for the judge.
REACH_IMPORTS = {
    "reference": [ADAPTER_MODULE],
    "spec": ["conformance.runner", "conformance.judge", "kieswet.conformance_cmd"],
}
# Operators that need arguments (VariableReplacer, VariableInserter) are not used.
KILLED, SURVIVED, CRASH, TIMEOUT = "killed", "survived", "crash", "timeout"
EQUIVALENTS = ROOT / "benchmarks" / "mutation_equivalents.toml"
"""The surviving mutants read and classified equivalent, each with its argument (issue 16)."""
OUTCOMES = (KILLED, SURVIVED, CRASH, TIMEOUT)


class UsageError(Exception):
    pass


@dataclass(frozen=True)
class Mutant:
    id: str  # "reference/quota.py:core/NumberReplacer:3"
    module: str  # path relative to the repository root
    operator: str
    occurrence: int
    line: int


@dataclass
class Result:
    id: str
    module: str
    line: int
    operator: str
    outcome: str
    changed: int  # cases whose status differs from the unmutated run
    detail: str
    seconds: float
    module_sha256: str
    suite_sha256: str
    diff: str
    # how many vectors kill it (a FAIL for reference/, a changed verdict for spec/); -1 when
    # not recorded (results written before this field)
    decisive: int = -1


# ---------------------------------------------------------------------------------------------
# Mutant generation (Cosmic Ray)


def _cosmic_ray() -> tuple[Any, Any, Any]:
    try:
        import cosmic_ray.plugins as plugins  # type: ignore[import-untyped]
        from cosmic_ray.ast import ast_nodes, get_ast  # type: ignore[import-untyped]
        from cosmic_ray.mutating import mutate_code  # type: ignore[import-untyped]
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise UsageError(
            f'Cosmic Ray is not installed ({error}); pip install -e ".[mutation]"'
        ) from error
    return plugins, (ast_nodes, get_ast), mutate_code


def _operators() -> list[tuple[str, Any]]:
    plugins, _, _ = _cosmic_ray()
    found = []
    for name in plugins.operator_names():
        operator_class = plugins.get_operator(name)
        if not operator_class.arguments():
            found.append((name, operator_class()))
    return found


def reached_modules(target: str) -> list[str]:
    """The modules of ``target`` that its side of a conformance run imports (by name, so it
    works whether the package is installed or editable)."""
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in REACH_IMPORTS[target])
        + "print('\\n'.join(sorted(sys.modules)))"
    )
    run = subprocess.run(
        [sys.executable, "-P", "-c", code],
        env=_env(None),
        cwd=tempfile.gettempdir(),
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        last = (run.stderr.strip().splitlines() or ["no message"])[-1]
        raise UsageError(f"cannot import the {target} side ({last}); is kieswet installed?")
    out = run.stdout
    modules = []
    for name in out.split():
        if name.startswith(f"{target}."):
            path = ROOT / (name.replace(".", "/") + ".py")
            if path.is_file():
                modules.append(path.relative_to(ROOT).as_posix())
    return sorted(modules)


def _annotations(source: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The spans (line, column) of the type annotations of a module."""
    spans = []
    for node in ast.walk(ast.parse(source)):
        notes: list[ast.expr | None] = []
        if isinstance(node, ast.arg | ast.AnnAssign):
            notes.append(node.annotation)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            notes.append(node.returns)
        for note in notes:
            if note is not None and note.end_lineno is not None and note.end_col_offset is not None:
                spans.append(
                    ((note.lineno, note.col_offset), (note.end_lineno, note.end_col_offset))
                )
    return spans


def mutants_of(module: str) -> list[Mutant]:
    """Every mutant Cosmic Ray makes of one module, in a stable order, except those inside a
    type annotation: under ``from __future__ import annotations`` (every module of ours)
    annotations are never evaluated, so such a mutant is equivalent by construction."""
    _, (ast_nodes, get_ast), _ = _cosmic_ray()
    source = (ROOT / module).read_text("utf-8")
    tree = get_ast(source)
    skip = _annotations(source) if "from __future__ import annotations" in source else []
    found = []
    for name, operator in _operators():
        positions = [
            start for node in ast_nodes(tree) for start, _ in operator.mutation_positions(node)
        ]
        for occurrence, start in enumerate(positions):
            if any(low <= tuple(start) < high for low, high in skip):
                continue
            mutant_id = f"{module}:{name}:{occurrence}"
            found.append(Mutant(mutant_id, module, name, occurrence, start[0]))
    return found


def mutated_source(mutant: Mutant) -> str | None:
    plugins, _, mutate_code = _cosmic_ray()
    operator = plugins.get_operator(mutant.operator)()
    code: str | None = mutate_code(
        (ROOT / mutant.module).read_text("utf-8"), operator, mutant.occurrence
    )
    return code


def parse_id(mutant_id: str) -> Mutant:
    try:
        module, operator, occurrence = mutant_id.rsplit(":", 2)
        number = int(occurrence)
    except ValueError as error:
        raise UsageError(f"mutant id {mutant_id!r}: expected MODULE:OPERATOR:OCCURRENCE") from error
    if not (ROOT / module).is_file():
        raise UsageError(f"mutant id {mutant_id!r}: no module {module}")
    for mutant in mutants_of(module):
        if mutant.operator == operator and mutant.occurrence == number:
            return mutant
    raise UsageError(f"mutant id {mutant_id!r}: no such mutation point in {module}")


# ---------------------------------------------------------------------------------------------
# Running the vectors


def _env(pythonpath: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
        env["PYTHONDONTWRITEBYTECODE"] = "1"  # a mutant never meets a stale .pyc of another
    return env


def run_vectors(
    target: str, mutated: Path | None, work: Path, timeout: float, runner_args: Sequence[str]
) -> tuple[str, dict[str, str]]:
    """One conformance run; ``mutated`` is the copy on the mutated side (None: no mutant).

    Returns ``("ok", statuses by case)``, or ``("crash"|"timeout", {})`` with no report."""
    python = sys.executable
    report = work / "report"
    shutil.rmtree(report, ignore_errors=True)
    # The intact side imports this checkout (not whatever copy the environment has installed).
    adapter_env = ["env", f"PYTHONPATH={ROOT}"]
    runner_path: Path = ROOT
    if mutated is not None and target == "reference":
        adapter_env = ["env", f"PYTHONPATH={mutated}", "PYTHONDONTWRITEBYTECODE=1"]
    elif mutated is not None:
        runner_path = mutated
    adapter = shlex.join([*adapter_env, python, "-P", "-m", ADAPTER_MODULE])
    command = [
        python, "-P", "-m", "kieswet.cli", "conformance", "run", "--adapter", adapter,
        "--suite", str(SUITE), "--report-dir", str(report), "--no-progress",
        "--timeout", "1", "--max-restarts", "3", *runner_args,
    ]  # fmt: skip
    if target == "spec":
        # the judge is what is mutated: it must judge every answer, also those the suite
        # build judged (conformance.compare would pass them without asking it)
        command.append("--judge-every-answer")
    process = subprocess.Popen(
        command,
        env=_env(runner_path),
        cwd=work,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        # the runner starts each adapter in a process group of its own: end those too
        for pid in [process.pid, *_descendants(process.pid)]:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        process.communicate()
        return TIMEOUT, {"": f"the run took longer than {timeout:.0f} s"}
    path = report / "report.jsonl"
    if process.returncode not in (0, 1) or not path.is_file():
        tail = " ".join(stderr.strip().splitlines()[-1:])
        return CRASH, {"": f"runner exit status {process.returncode}: {tail}"[:300]}
    statuses = {}
    for line in path.read_text("utf-8").splitlines():
        case = json.loads(line)
        if case.get("type") == "case":
            statuses[f"{case['file']}#{case['id']}"] = case["status"]
    if target == "spec":
        statuses.update(judge_negatives(runner_path, timeout))
    return "ok", statuses


JUDGED = ("negative#", "control#")
"""Keys of ``judge_negatives``: a wrong answer or a right answer (control) the judge got wrong;
every other negative vector and control is judged right, as by the unmutated judge."""


def judge_negatives(pythonpath: Path, timeout: float) -> dict[str, str]:
    """``kieswet vectors check-judge`` (our judge, ``spec.check``) over the negative vectors
    with ``pythonpath`` first: ``negative#ID`` FAIL for each wrong answer it accepts (or
    rejects without naming a listed rule), ``control#ID`` FAIL for each right answer it
    rejects; ``check-judge`` ERROR when it cannot run. The conformance run leaves the negative
    vectors out, so without this a judge made more lenient would go unseen."""
    command = [sys.executable, "-P", "-m", "kieswet.cli", "vectors", "check-judge",
               "--suite", str(SUITE)]  # fmt: skip
    try:
        done = subprocess.run(
            command, env=_env(pythonpath), capture_output=True, text=True, timeout=timeout,
            check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return {"check-judge": "ERROR"}
    if done.returncode not in (0, 1):
        return {"check-judge": "ERROR"}
    out: dict[str, str] = {}
    # kieswet vectors check-judge writes "FAIL negatieve vector ID: ..." for a wrong answer it
    # judged wrongly and "FAIL controle ID: ..." for a right one
    for line in done.stdout.splitlines():
        words = line.split()
        if len(words) >= 3 and words[0] == "FAIL" and words[1] in ("negatieve", "controle"):
            negative = words[1] == "negatieve"
            number = words[3 if negative else 2].rstrip(":")
            out[f"{'negative' if negative else 'control'}#{number}"] = "FAIL"
    return out


def _descendants(root: int) -> list[int]:
    """The processes descended from ``root`` (read from /proc; none where there is no /proc)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _changed(baseline: dict[str, str], statuses: dict[str, str]) -> dict[str, str]:
    """The cases whose status differs from the unmutated run's."""
    changed = {case: s for case, s in statuses.items() if _base(baseline, case) != s}
    changed.update({case: "missing" for case in baseline if case not in statuses})
    return changed


def _base(baseline: dict[str, str], case: str) -> str | None:
    return baseline.get(case, "PASS" if case.startswith(JUDGED) else None)


def decisive_cases(
    target: str,
    baseline: dict[str, str],
    statuses: dict[str, str],
    changed: dict[str, str] | None = None,
) -> list[str]:
    """The vectors that kill a mutant: those that FAIL (``reference``), or whose verdict changed
    (``spec``: PASS to FAIL or FAIL to PASS), sorted. ``changed``: ``_changed(baseline,
    statuses)`` when the caller has it already."""
    if changed is None:
        changed = _changed(baseline, statuses)
    if target == "reference":
        return sorted(case for case, s in changed.items() if s == "FAIL")
    return sorted(
        case
        for case, s in changed.items()
        if s in ("PASS", "FAIL") and _base(baseline, case) in ("PASS", "FAIL")
    )


def classify(
    target: str, baseline: dict[str, str], state: str, statuses: dict[str, str]
) -> tuple[str, int, str, int]:
    """The outcome of a mutant from its run and the unmutated run: (outcome, cases changed,
    detail, vectors that kill it)."""
    if state != "ok":
        return state, 0, statuses.get("", ""), 0
    changed = _changed(baseline, statuses)
    decisive = decisive_cases(target, baseline, statuses, changed)
    if decisive:
        what = "FAIL" if target == "reference" else "verdict changed"
        return KILLED, len(changed), f"{what}: {', '.join(decisive[:5])}", len(decisive)
    if changed:
        some = ", ".join(f"{case} {s}" for case, s in sorted(changed.items())[:5])
        return CRASH, len(changed), f"ERROR: {some}", 0
    return SURVIVED, 0, "", 0


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Workspace:
    """One private copy of the repository's packages per worker."""

    def __init__(self, base: Path, index: int) -> None:
        self.root = base / f"worker-{index}"
        self.tree = self.root / "tree"
        for package in PACKAGES:
            shutil.copytree(
                ROOT / package,
                self.tree / package,
                ignore=shutil.ignore_patterns("__pycache__", "vectors", "*.pyc"),
            )

    def test(
        self,
        target: str,
        mutant: Mutant,
        baseline: dict[str, str],
        timeout: float,
        runner_args: Sequence[str],
        suite_sha: str,
    ) -> Result | None:
        original = (ROOT / mutant.module).read_text("utf-8")
        code = mutated_source(mutant)
        if code is None:
            return None
        destination = self.tree / mutant.module
        start = time.perf_counter()
        destination.write_text(code, "utf-8")
        try:
            state, statuses = run_vectors(target, self.tree, self.root, timeout, runner_args)
        finally:
            destination.write_text(original, "utf-8")
        seconds = time.perf_counter() - start
        outcome, changed, detail, decisive = classify(target, baseline, state, statuses)
        diff = "".join(
            difflib.unified_diff(
                original.splitlines(True), code.splitlines(True), mutant.module, mutant.module, n=1
            )
        )
        return Result(
            mutant.id, mutant.module, mutant.line, mutant.operator, outcome, changed, detail,
            round(seconds, 2), _sha256(ROOT / mutant.module), suite_sha, diff, decisive,
        )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Results, resuming and the summary


def load_results(path: Path, suite_sha: str) -> dict[str, Result]:
    """The results still valid: same module text and same suite as now."""
    results: dict[str, Result] = {}
    if not path.is_file():
        return results
    hashes: dict[str, str] = {}
    for line in path.read_text("utf-8").splitlines():
        with contextlib.suppress(ValueError, TypeError, KeyError):
            result = Result(**json.loads(line))
            if result.module not in hashes:
                module = ROOT / result.module
                hashes[result.module] = _sha256(module) if module.is_file() else ""
            if result.module_sha256 == hashes[result.module] and result.suite_sha256 == suite_sha:
                results[result.id] = result
    return results


def changed_lines(diff: str) -> str:
    """The lines a mutation removes and adds (``-old`` / ``+new``), without the context: what
    identifies a mutation however the lines around it move."""
    return "\n".join(
        line.rstrip("\n")
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    )


def load_equivalents(path: Path = EQUIVALENTS) -> dict[tuple[str, str], str]:
    """(mutant id, changed lines) → why the mutant is equivalent, from ``path``. An entry
    applies only while the mutant with that id still makes exactly that change: after the
    module changes, a stale entry is ignored and the survivor shows as unclassified."""
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return {
        (entry["id"], entry["change"].strip("\n")): entry["why"]
        for entry in data.get("mutant", [])
    }


def equivalent_reason(result: Result, equivalents: dict[tuple[str, str], str]) -> str | None:
    """Why a surviving mutant is equivalent, or ``None`` when it is not classified so."""
    if result.outcome != SURVIVED:
        return None
    return equivalents.get((result.id, changed_lines(result.diff)))


def goal_lines(
    target: str, results: list[Result], equivalents: dict[tuple[str, str], str]
) -> list[str]:
    """The score as issue 16 states its goals: over the non-equivalent mutants (the survivors
    classified in ``EQUIVALENTS`` left out), crashes and timeouts not counted."""
    n = len(results)
    count = {key: sum(1 for r in results if r.outcome == key) for key in OUTCOMES}
    equivalent = sum(1 for r in results if equivalent_reason(r, equivalents) is not None)
    open_ = count[SURVIVED] - equivalent
    killed, broken = count[KILLED], count[CRASH] + count[TIMEOUT]
    what = "killed by a vector FAIL" if target == "reference" else "verdict changed"
    goal = "90%" if target == "reference" else "85%"

    def share(k: int, d: int) -> str:
        return f"{k} / {d} = {100 * k / d:.1f}%" if d else f"{k} / 0"

    lines = [
        f"survivors classified equivalent ({EQUIVALENTS.name}): {equivalent} of "
        f"{count[SURVIVED]}; not classified: {open_}",
        f"issue 16 (goal {goal}): {what} over the non-equivalent mutants, crashes and timeouts "
        f"not counted: {share(killed, n - equivalent - broken)}",
        f"  with crashes and timeouts counted as not killed: {share(killed, n - equivalent)}",
    ]
    if target == "spec":
        lines.append(
            "  counting a crash or timeout of the judge (the verdict turns to ERROR) as a "
            f"changed verdict: {share(killed + broken, n - equivalent)}"
        )
    return lines


def summary(
    target: str,
    results: Iterable[Result],
    equivalents: dict[tuple[str, str], str] | None = None,
) -> str:
    results = list(results)
    equivalents = load_equivalents() if equivalents is None else equivalents
    by_module: dict[str, dict[str, int]] = {}
    for result in results:
        counts = by_module.setdefault(result.module, dict.fromkeys(OUTCOMES, 0))
        counts[result.outcome] += 1
    lines = [
        f"{'module':<34} {'mutants':>7} {'killed':>6} {'surv.':>6} {'crash':>6} {'t/o':>4}"
        f" {'score':>6} {'+crash':>6}"
    ]
    total = dict.fromkeys(OUTCOMES, 0)
    for module in sorted(by_module):
        counts = by_module[module]
        for key in OUTCOMES:
            total[key] += counts[key]
        lines.append(_row(module, counts))
    lines.append(_row(f"{target}/ (all)", total))
    lines.append(
        "score: killed by a vector FAIL (verdict change for spec/) over all mutants; "
        "+crash: counting crashes and timeouts too"
    )
    lines.append(depth_line(results))
    lines += goal_lines(target, results, equivalents)
    return "\n".join(lines)


def depth_line(results: Iterable[Result]) -> str:
    """How many vectors kill each killed mutant: issue 16 asks that every bug be caught by at
    least three vectors, not one."""
    known = [r.decisive for r in results if r.outcome == KILLED and r.decisive >= 0]
    if not known:
        return "killed by at least 3 vectors: - (not recorded)"
    deep = sum(1 for n in known if n >= 3)
    counts = {"1": 0, "2": 0, "3-9": 0, "10+": 0}
    for n in known:
        counts["1" if n == 1 else "2" if n == 2 else "3-9" if n < 10 else "10+"] += 1
    spread = ", ".join(f"{k}: {v}" for k, v in counts.items())
    return (
        f"killed by at least 3 vectors: {deep} of {len(known)} killed mutants "
        f"({100 * deep / len(known):.1f}%); vectors per kill {spread}"
    )


def _row(name: str, counts: dict[str, int]) -> str:
    n = sum(counts.values())
    score = f"{100 * counts[KILLED] / n:5.1f}%" if n else "    -"
    loose = f"{100 * (n - counts[SURVIVED]) / n:5.1f}%" if n else "    -"
    return (
        f"{name:<34} {n:>7} {counts[KILLED]:>6} {counts[SURVIVED]:>6} {counts[CRASH]:>6} "
        f"{counts[TIMEOUT]:>4} {score:>6} {loose:>6}"
    )


def survivors_text(
    results: Iterable[Result], equivalents: dict[tuple[str, str], str] | None = None
) -> str:
    """The surviving mutants with their diffs, those not classified equivalent first, then
    those killed by fewer than three vectors."""
    results = list(results)
    equivalents = load_equivalents() if equivalents is None else equivalents
    parts = []
    survivors = sorted(
        (r for r in results if r.outcome == SURVIVED), key=lambda r: (r.module, r.line, r.id)
    )
    classified = [(r, equivalent_reason(r, equivalents)) for r in survivors]
    for result, why in classified:
        if why is None:
            parts.append(f"## {result.id} (line {result.line}): not classified\n{result.diff}")
    if any(why is not None for _, why in classified):
        parts.append(f"# Classified equivalent ({EQUIVALENTS.name})\n")
        for result, why in classified:
            if why is not None:
                parts.append(f"## {result.id} (line {result.line})\n{result.diff}why: {why}\n")
    thin = [r for r in results if r.outcome == KILLED and 0 <= r.decisive < 3]
    if thin:
        parts.append("# Killed by fewer than 3 vectors\n")
        for result in sorted(thin, key=lambda r: (r.module, r.line, r.id)):
            parts.append(
                f"## {result.id} (line {result.line}): {result.decisive} "
                f"({result.detail})\n{result.diff}"
            )
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------------


def select(args: argparse.Namespace) -> list[Mutant]:
    if args.mutant:
        return [parse_id(mutant_id) for mutant_id in args.mutant]
    modules = args.module or reached_modules(args.target)
    for module in modules:
        if not (ROOT / module).is_file() or not module.startswith(f"{args.target}/"):
            raise UsageError(f"--module {module}: not a module of {args.target}/")
    mutants = [mutant for module in modules for mutant in mutants_of(module)]
    if args.sample is not None and args.sample < len(mutants):
        mutants = random.Random(args.seed).sample(mutants, args.sample)
    return sorted(mutants, key=lambda m: (m.module, m.line, m.id))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=TARGETS)
    parser.add_argument(
        "--sample", type=int, help="test N mutants drawn at random (a quick estimate)"
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of --sample (default 1)")
    parser.add_argument("--module", action="append", help="mutate this module (repeatable)")
    parser.add_argument("--mutant", action="append", help="test this mutant id (repeatable)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--timeout",
        type=float,
        default=0.0,
        help="seconds per mutant (default: 10 times the unmutated run + 10)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "mutation")
    parser.add_argument("--fresh", action="store_true", help="ignore earlier results")
    parser.add_argument("--list", action="store_true", help="print the mutant ids and stop")
    parser.add_argument(
        "--runner-arg",
        action="append",
        default=[],
        help="passed to kieswet conformance run, e.g. --runner-arg=--operation "
        "--runner-arg=allocate (repeatable)",
    )
    args = parser.parse_args(argv)
    try:
        return _main(args)
    except UsageError as error:
        print(f"mutation: {error}", file=sys.stderr)
        return 2


def _main(args: argparse.Namespace) -> int:
    mutants = select(args)
    if args.list:
        for mutant in mutants:
            print(mutant.id)
        return 0
    suite_sha = _sha256(SUITE / "manifest.json")
    suite_sha = hashlib.sha256(
        (suite_sha + " " + " ".join(args.runner_arg)).encode("utf-8")
    ).hexdigest()
    args.out.mkdir(parents=True, exist_ok=True)
    results_path = args.out / f"{args.target}.jsonl"
    done = {} if args.fresh else load_results(results_path, suite_sha)
    if args.fresh:
        results_path.unlink(missing_ok=True)
    todo = [m for m in mutants if m.id not in done]
    with tempfile.TemporaryDirectory(prefix="kieswet-mutation-") as tmp:
        base = Path(tmp)
        (base / "baseline").mkdir()
        start = time.perf_counter()
        state, baseline = run_vectors(args.target, None, base / "baseline", 600, args.runner_arg)
        baseline_seconds = time.perf_counter() - start
        if state != "ok":
            raise UsageError(f"the unmutated run failed: {baseline.get('', state)}")
        timeout = args.timeout or 10 * baseline_seconds + 10
        print(
            f"{args.target}: {len(mutants)} mutants selected, {len(mutants) - len(todo)} already "
            f"done; unmutated run {baseline_seconds:.1f} s over {len(baseline)} cases; "
            f"{args.jobs} jobs",
            file=sys.stderr,
        )
        workers: queue.Queue[Workspace] = queue.Queue()
        for index in range(max(1, min(args.jobs, len(todo)))):
            workers.put(Workspace(base, index))
        lock = threading.Lock()
        finished = [0]
        began = time.perf_counter()

        def one(mutant: Mutant) -> None:
            workspace = workers.get()
            try:
                result = workspace.test(
                    args.target, mutant, baseline, timeout, args.runner_arg, suite_sha
                )
            finally:
                workers.put(workspace)
            with lock:
                finished[0] += 1
                if result is not None:
                    done[result.id] = result
                    with results_path.open("a", encoding="utf-8") as out:
                        out.write(json.dumps(asdict(result)) + "\n")
                    elapsed = time.perf_counter() - began
                    left = elapsed / finished[0] * (len(todo) - finished[0])
                    print(
                        f"[{finished[0]}/{len(todo)}] {result.outcome:<8} {result.id} "
                        f"({result.seconds:.1f} s; about {left / 60:.0f} min left)",
                        file=sys.stderr,
                    )

        with ThreadPoolExecutor(max_workers=workers.qsize()) as pool:
            for future in [pool.submit(one, mutant) for mutant in todo]:
                future.result()
    selected = [done[m.id] for m in mutants if m.id in done]
    equivalents = load_equivalents()
    survivors_path = args.out / f"{args.target}-survivors.txt"
    survivors_path.write_text(survivors_text(selected, equivalents), "utf-8")
    survivors = [r for r in selected if r.outcome == SURVIVED]
    if survivors:
        print(f"surviving mutants ({len(survivors)}; diffs in the survivors file):")
        for result in sorted(survivors, key=lambda r: (r.module, r.line, r.id)):
            mark = "equivalent" if equivalent_reason(result, equivalents) else "NOT CLASSIFIED"
            print(f"  {result.id}  line {result.line}  {mark}")
    print(summary(args.target, selected, equivalents))
    seconds = [r.seconds for r in selected]
    if seconds:
        print(
            f"{len(selected)} mutants; {sum(seconds) / len(seconds):.1f} s per mutant on average "
            f"(one job); survivors: {survivors_path}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
