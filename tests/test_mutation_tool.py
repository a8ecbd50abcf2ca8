"""benchmarks/mutation.py, the mutation testing of reference/ and spec/ by the vectors alone.

The full runs take many minutes and are not part of the tests; these check the machinery on a
few mutants whose fate follows from the code: the classification of a run, the isolation of the
mutated side, and one mutant of each side run end to end through the shipped vectors.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "mutation.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kieswet_mutation_tool", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


tool = _load()
NO_COSMIC_RAY = "Cosmic Ray is not installed (pip install .[mutation])"
BASELINE = {"a.json#1": "PASS", "a.json#2": "PASS", "b.json#3": "SKIPPED"}


def test_a_reference_mutant_is_killed_only_by_a_fail() -> None:
    assert tool.classify("reference", BASELINE, "ok", dict(BASELINE)) == ("survived", 0, "", 0)
    killed = tool.classify("reference", BASELINE, "ok", {**BASELINE, "a.json#2": "FAIL"})
    assert killed[:2] == ("killed", 1)
    assert killed[3] == 1  # one vector kills it
    # a case turned ERROR (the mutated adapter crashed or was too slow) is not a kill
    assert tool.classify("reference", BASELINE, "ok", {**BASELINE, "a.json#1": "ERROR"})[0] == (
        "crash"
    )
    assert tool.classify("reference", BASELINE, "timeout", {"": "too long"})[0] == "timeout"
    assert tool.classify("reference", BASELINE, "crash", {"": "exit 2"})[0] == "crash"


def test_a_spec_mutant_is_killed_by_any_change_of_verdict() -> None:
    # negative vectors: the unmutated judge FAILs a wrong answer; a mutant that PASSes it is
    # killed as surely as one that FAILs a right answer
    baseline = {"n.json#1": "FAIL", "a.json#2": "PASS"}
    assert (
        tool.classify("spec", baseline, "ok", {"n.json#1": "PASS", "a.json#2": "PASS"})[0]
        == "killed"
    )
    assert (
        tool.classify("spec", baseline, "ok", {"n.json#1": "FAIL", "a.json#2": "FAIL"})[0]
        == "killed"
    )
    assert tool.classify("spec", baseline, "ok", dict(baseline))[0] == "survived"
    assert (
        tool.classify("spec", baseline, "ok", {"n.json#1": "ERROR", "a.json#2": "PASS"})[0]
        == "crash"
    )


def test_a_spec_mutant_is_killed_by_the_negative_vectors() -> None:
    # check-judge reports only what the judge got wrong; every other negative vector (and
    # control) counts as judged right, as by the unmutated judge
    baseline = {"a.json#2": "PASS"}
    assert tool.classify("spec", baseline, "ok", dict(baseline))[0] == "survived"
    wrong = {**baseline, "negative#7": "FAIL"}
    assert tool.classify("spec", baseline, "ok", wrong)[:2] == ("killed", 1)
    control = {**baseline, "control#8": "FAIL"}
    assert tool.classify("spec", baseline, "ok", control)[0] == "killed"
    broken = {**baseline, "check-judge": "ERROR"}
    assert tool.classify("spec", baseline, "ok", broken)[0] == "crash"


def test_mutant_ids_name_one_mutation_of_the_module() -> None:
    pytest.importorskip("cosmic_ray", reason=NO_COSMIC_RAY)
    mutant = tool.parse_id("reference/lots.py:core/NumberReplacer:0")
    source = tool.mutated_source(mutant)
    original = (ROOT / "reference" / "lots.py").read_text("utf-8")
    changed = [
        (a, b) for a, b in zip(original.splitlines(), source.splitlines(), strict=True) if a != b
    ]
    assert len(changed) == 1 and changed[0][0].strip().startswith("self.used = 0")
    with pytest.raises(tool.UsageError):
        tool.parse_id("reference/lots.py:core/NumberReplacer:999")


def test_the_mutated_copy_comes_first_on_its_side_only(tmp_path: Path) -> None:
    (tmp_path / "reference").mkdir()
    (tmp_path / "reference" / "__init__.py").write_text("")
    code = "import reference; print(reference.__file__)"
    run = [sys.executable, "-P", "-c", code]
    mutated = subprocess.run(run, env=tool._env(tmp_path), capture_output=True, text=True)
    intact = subprocess.run(run, env=tool._env(None), capture_output=True, text=True, cwd=tmp_path)
    assert Path(mutated.stdout.strip()).parent == tmp_path / "reference"
    assert Path(intact.stdout.strip()).parent != tmp_path / "reference"


@pytest.mark.parametrize(
    ("mutant", "outcome"),
    [
        # LotBox.used is the index of the next supplied lot (reference/lots.py); starting it
        # at 1 instead of 0 skips the first lot, so a vector that supplies exactly one lot
        # asks for another (needs_lot) where a completed allocation is expected: a FAIL
        ("reference/lots.py:core/NumberReplacer:0", "killed"),
        # P 5 in the judge (spec/rules/quota.py): `result.quota != kiesdeler` becomes `==`,
        # so every answer stating the right kiesdeler violates P5-quota; the expected
        # answers state it, so vectors the unmutated judge PASSes now FAIL
        ("spec/rules/quota.py:core/ReplaceComparisonOperator_NotEq_Eq:0", "killed"),
        # the seat rule of a final result (spec/rules/final.py, `_seat_departure`): `all lists
        # hold their lawful seats` becomes `all hold at least them`, so an answer that gives a
        # seat the law leaves empty to a list P 7 lid 2 bars is accepted: the negative vector
        # "empty seat filled" (allocate, not among the district vectors this test runs) is
        # judged wrongly by check-judge, a change of verdict
        ("spec/rules/final.py:core/ReplaceComparisonOperator_Eq_GtE:18", "killed"),
    ],
)
def test_one_mutant_end_to_end(tmp_path: Path, mutant: str, outcome: str) -> None:
    pytest.importorskip("cosmic_ray", reason=NO_COSMIC_RAY)
    target = mutant.split("/")[0]
    # the district vectors only (36 cases), to keep it quick
    quick = ["--runner-arg=--operation", "--runner-arg=allocate-districts"]
    code = tool.main([target, "--mutant", mutant, "--jobs", "1", "--out", str(tmp_path), *quick])
    assert code == 0
    (line,) = (tmp_path / f"{target}.jsonl").read_text("utf-8").splitlines()
    result = json.loads(line)
    assert result["id"] == mutant and result["outcome"] == outcome, result
    if mutant.startswith("spec/rules/final.py"):
        assert "negative#" in result["detail"], result


def test_the_vectors_that_kill_a_mutant_are_counted() -> None:
    # issue 16: every bug caught by at least three vectors, not one; the count is of the
    # decisive cases only (a FAIL for reference/, a changed verdict for spec/), not of errors
    statuses = {**BASELINE, "a.json#1": "FAIL", "a.json#2": "FAIL", "b.json#3": "ERROR"}
    assert tool.decisive_cases("reference", BASELINE, statuses) == ["a.json#1", "a.json#2"]
    baseline = {"n.json#1": "FAIL", "n.json#2": "FAIL", "a.json#3": "PASS"}
    turned = {"n.json#1": "PASS", "n.json#2": "PASS", "a.json#3": "FAIL"}
    assert tool.decisive_cases("spec", baseline, turned) == ["a.json#3", "n.json#1", "n.json#2"]

    def result(outcome: str, decisive: int) -> object:
        return tool.Result(
            "m:x:1", "reference/m.py", 1, "x", outcome, 0, "", 0.0, "", "", "", decisive
        )

    outcomes = [("killed", 1), ("killed", 3), ("killed", 12), ("survived", 0), ("killed", -1)]
    line = tool.depth_line([result(outcome, n) for outcome, n in outcomes])
    assert line == (
        "killed by at least 3 vectors: 2 of 3 killed mutants (66.7%); "
        "vectors per kill 1: 1, 2: 0, 3-9: 1, 10+: 1"
    )
    assert "Killed by fewer than 3 vectors" in tool.survivors_text([result("killed", 2)])
    assert "Killed by fewer than 3" not in tool.survivors_text([result("killed", 3)])


def _result(
    outcome: str, diff: str, mutant: str = "reference/lots.py:core/NumberReplacer:0"
) -> object:
    return tool.Result(
        mutant, "reference/lots.py", 3, "core/NumberReplacer", outcome, 0, "", 1.0, "", "", diff, 0
    )


DIFF = (
    "--- reference/lots.py\n+++ reference/lots.py\n@@ -2,3 +2,3 @@\n"
    " x = 1\n-y = 0\n+y = 1\n z = 2\n"
)


def test_a_survivor_is_equivalent_only_while_it_makes_the_classified_change(
    tmp_path: Path,
) -> None:
    """An entry of the equivalents file names the mutant and the lines it changes; after the
    module changes (another change under the same id) the entry no longer applies."""
    assert tool.changed_lines(DIFF) == "-y = 0\n+y = 1"
    path = tmp_path / "equivalents.toml"
    path.write_text(
        '[[mutant]]\nid = "reference/lots.py:core/NumberReplacer:0"\n'
        "change = '''\n-y = 0\n+y = 1\n'''\nwhy = \"y is never read\"\n",
        "utf-8",
    )
    equivalents = tool.load_equivalents(path)
    assert tool.equivalent_reason(_result("survived", DIFF), equivalents) == "y is never read"
    moved = DIFF.replace("+y = 1", "+y = 2")
    assert tool.equivalent_reason(_result("survived", moved), equivalents) is None
    assert tool.equivalent_reason(_result("killed", DIFF), equivalents) is None


def test_the_goal_is_computed_over_the_non_equivalent_mutants() -> None:
    """Issue 16's reading: 3 killed, 1 crash, 1 timeout, 2 survivors of which 1 classified
    equivalent: 3 / (7 - 1 - 2) = 75% with crashes and timeouts left out, 3 / 6 = 50% with
    them counted as not killed."""
    results = [_result("killed", DIFF, f"m:k{i}") for i in range(3)]
    results += [_result("crash", DIFF, "m:c"), _result("timeout", DIFF, "m:t")]
    results += [_result("survived", DIFF, "m:s1"), _result("survived", DIFF, "m:s2")]
    equivalents = {("m:s1", "-y = 0\n+y = 1"): "why"}
    lines = tool.goal_lines("reference", results, equivalents)
    assert "1 of 2; not classified: 1" in lines[0]
    assert lines[1].endswith("3 / 4 = 75.0%") and lines[2].endswith("3 / 6 = 50.0%")
    spec_lines = tool.goal_lines("spec", results, equivalents)
    assert spec_lines[3].endswith("5 / 6 = 83.3%")  # a crash of the judge as a changed verdict


def test_every_classified_equivalent_still_matches_its_module() -> None:
    """benchmarks/mutation_equivalents.toml: every entry names a module of ours and says why,
    and the lines its mutation removes are still in that module (an entry gone stale after an
    edit must be reviewed: re-classified with the new lines, or dropped)."""
    entries = tool.tomllib.loads(tool.EQUIVALENTS.read_text("utf-8"))["mutant"]
    assert entries
    for entry in entries:
        module = ROOT / entry["id"].split(":", 1)[0]
        assert module.is_file(), entry["id"]
        assert entry["why"].strip(), entry["id"]
        source = module.read_text("utf-8").splitlines()
        removed = [line[1:] for line in entry["change"].strip("\n").splitlines() if line[:1] == "-"]
        assert removed, entry["id"]
        for line in removed:
            assert line in source, f"{entry['id']}: {line!r} is no longer in {module.name}"
