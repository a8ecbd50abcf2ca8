"""Run the zoo through the shipped ``allocate`` vectors and count, per bug, the vectors that FAIL.

``python -m tests.zoo.census`` (from the repository root) prints the table of
docs/mutation.md, "The zoo of wrong engines"; ``tests/test_zoo.py`` runs the same with a cap.

Every run goes through the conformance runner (``conformance.runner.Runner``) and the adapter
process ``tests/zoo/adapter.py``, so the verdicts are those of ``kieswet conformance run``. To
keep it quick, a bug variant is sent only the vectors on which its answer differs from the
bug-free engine's (computed here, in-process, with the same engine): on every other vector its
answer is the bug-free answer, which the same judge passes (the clean run shows it), so the
FAIL count is exact. With ``cap`` only the first ``cap`` differing vectors are sent, and the
count is then a lower bound.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from conformance.runner import Runner, RunnerOptions, RunOutcome
from conformance.suite import Vector, default_suite, load_suite
from tests.zoo.engine import BUGS, answer

ADAPTER = Path(__file__).resolve().parent / "adapter.py"
OPERATION = "allocate"


def allocate_vectors() -> list[Vector]:
    return [v for v in load_suite(default_suite()).vectors if v.operation == OPERATION]


def run(vectors: Sequence[Vector], bug: str = "") -> RunOutcome:
    """The vectors through the zoo adapter (with ``bug`` switched on) and the runner."""
    command = [sys.executable, str(ADAPTER), *([bug] if bug else [])]
    return Runner(RunnerOptions(command, batch_size=50, timeout=30)).run(vectors)


def counts(outcome: RunOutcome) -> Counter[str]:
    return Counter(record.verdict.status for record in outcome.records)


def _answer(vector: Vector, bugs: frozenset[str]) -> object:
    try:
        return answer(vector.input, bugs)
    except Exception as exc:  # the adapter reports it as errored: a different answer
        return ("errored", repr(exc))


@dataclass
class BugRun:
    bug: str
    article: str
    mistake: str
    differing: int
    """Vectors on which the bug changes the answer."""
    sent: int
    verdicts: Counter[str]
    failing: list[int]
    """Ids of the vectors that FAIL."""
    failing_not_generated: int
    """How many of them are written by hand or taken from real elections (not flagged
    ``generated``)."""


def bug_runs(sent: Sequence[Vector], cap: int | None = None) -> list[BugRun]:
    """Each bug through the vectors ``sent`` (those the clean run did not skip)."""
    clean = {v.key: _answer(v, frozenset()) for v in sent}
    out = []
    for bug, (article, mistake) in BUGS.items():
        bugs = frozenset([bug])
        differ = [v for v in sent if _answer(v, bugs) != clean[v.key]]
        chosen = differ if cap is None else differ[:cap]
        outcome = run(chosen, bug) if chosen else None
        verdicts: Counter[str] = counts(outcome) if outcome else Counter()
        failed = (
            [r.vector for r in outcome.records if r.verdict.status == "FAIL"] if outcome else []
        )
        by_hand = sum(1 for v in failed if "generated" not in v.flags)
        failing = [v.id for v in failed]
        out.append(
            BugRun(bug, article, mistake, len(differ), len(chosen), verdicts, failing, by_hand)
        )
    return out


def main() -> int:
    vectors = allocate_vectors()
    clean = run(vectors)
    verdicts = counts(clean)
    print(
        f"bug-free zoo engine: {verdicts['PASS']} PASS, {verdicts['FAIL']} FAIL, "
        f"{verdicts['ERROR']} ERROR, {verdicts['SKIPPED']} SKIPPED "
        f"of {len(vectors)} allocate vectors"
    )
    sent = [r.vector for r in clean.records if r.verdict.status != "SKIPPED"]
    print()
    print("| bug | article | the mistake | vectors that FAIL | not generated |")
    print("| --- | --- | --- | ---: | ---: |")
    for bug in bug_runs(sent):
        extra = f" (+{bug.verdicts['ERROR']} ERROR)" if bug.verdicts["ERROR"] else ""
        print(
            f"| `{bug.bug}` | {bug.article} | {bug.mistake} | {bug.verdicts['FAIL']}{extra} "
            f"| {bug.failing_not_generated} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
