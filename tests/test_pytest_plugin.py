"""The pytest plugin: ``pytest --kieswet-adapter "CMD"`` runs the vector suite as pytest tests.

Each test runs pytest in a temporary directory (``pytester``) holding a copy of the fixture
suite (tests/fixtures/vectors: 13 vectors), with real adapter processes: the reference, a
rule-breaking adapter from tests/fixtures/adapters/, and a reference that claims less.
"""

from __future__ import annotations

import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytest_plugins = ("pytester",)

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SUITE = ROOT / "tests" / "fixtures" / "vectors"
ADAPTERS = ROOT / "tests" / "fixtures" / "adapters"
REFERENCE = f"{sys.executable} -m conformance.adapters.reference_adapter"

GR_ONLY = """\
import sys
from conformance.adapters import reference_adapter, serve
from conformance.protocol import Capabilities
CAPS = Capabilities(("allocate",), ("GR",), ("current",), ("default",), True, False)
sys.exit(serve.serve("gr-only", "1", CAPS, reference_adapter.handle))
"""


@pytest.fixture
def suite(pytester: pytest.Pytester) -> Path:
    """The fixture suite inside the test directory, so pytest's rootdir stays there."""
    target = pytester.path / "suite"
    shutil.copytree(FIXTURE_SUITE, target)
    return target


def run(pytester: pytest.Pytester, adapter: str, suite: Path, *extra: str) -> pytest.RunResult:
    return pytester.runpytest(
        "-p", "no:cacheprovider", "--kieswet-adapter", adapter, "--kieswet-suite", str(suite),
        *extra,
    )  # fmt: skip


def test_without_the_option_the_plugin_adds_nothing(pytester: pytest.Pytester, suite: Path) -> None:
    pytester.makepyfile("def test_own():\n    pass\n")
    result = pytester.runpytest("-p", "no:cacheprovider", "--kieswet-suite", str(suite), "-v")
    result.assert_outcomes(passed=1)
    assert "vector[" not in result.stdout.str()
    help_text = pytester.runpytest("--help").stdout.str()
    assert "--kieswet-adapter=CMD" in help_text and "--kieswet-flag" in help_text


def test_the_reference_passes_a_filtered_subset(pytester: pytest.Pytester, suite: Path) -> None:
    result = run(pytester, REFERENCE, suite, "--kieswet-article", "P 8", "-v")
    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines(
        [
            "*kieswet-suite/allocate/articles.json::vector[[]2[]] PASSED*",
            "*kieswet-suite/allocate/articles.json::vector[[]7[]] PASSED*",
            "*kieswet-suite/allocate/process.json::vector[[]102[]] PASSED*",
            "*kieswet-suite/allocate/process.json::vector[[]106[]] PASSED*",
        ]
    )
    assert result.ret == 0
    result = run(pytester, REFERENCE, suite, "--kieswet-flag", "real", "--kieswet-law", "current")
    result.assert_outcomes(passed=4)


def test_k_selects_by_file_and_by_id(pytester: pytest.Pytester, suite: Path) -> None:
    run(pytester, REFERENCE, suite, "-k", "vector[4]").assert_outcomes(passed=1)
    run(pytester, REFERENCE, suite, "-k", "process.json").assert_outcomes(passed=6)
    result = run(pytester, REFERENCE, suite, "-k", "kieswet-suite and not vector[103]")
    result.assert_outcomes(passed=12)


def test_a_broken_adapter_fails_with_the_rule_and_both_results(
    pytester: pytest.Pytester, suite: Path
) -> None:
    adapter = f"{sys.executable} {ADAPTERS / 'threshold_ge.py'}"
    junit = pytester.path / "junit.xml"
    result = run(pytester, adapter, suite, f"--junitxml={junit}")
    result.assert_outcomes(failed=1, passed=12)
    assert result.ret == 1
    result.stdout.fnmatch_lines(
        [
            "*kieswet vector 1 (allocate/articles.json)*",
            "vector 1 (allocate/articles.json, groep 'rules'): FAIL: *",
            "*elected: lijst 1 verwacht [[]1, 2, 3[]], geleverd [[]1, 4, 2[]]",
            "*geschonden regels:",
            "*P15-threshold-strict (P 15 lid 1): lijst 1: kandidaat 4 "
            "*precies gelijk aan de voorkeurdrempel*",
            '*verwacht: {"elected": {"1": [[]1, 2, 3[]]*',
            '*geleverd: {"elected": {"1": [[]1, 4, 2[]]*',
            "*alleen dit geval opnieuw: python -m pytest --kieswet-adapter * -k 'vector[[]1[]]'",
            "FAILED *articles.json::vector[[]1[]]*",
        ]
    )
    cases = {c.get("name"): c for c in ET.parse(junit).getroot().iter("testcase")}
    properties = {
        p.get("name"): p.get("value") for p in cases["vector[1]"].iter("property")
    }  # fmt: skip
    assert properties["kieswet_status"] == "FAIL"
    assert "P15-threshold-strict" in (properties["kieswet_rules"] or "")


def test_vectors_outside_the_claimed_capabilities_are_skipped(
    pytester: pytest.Pytester, suite: Path
) -> None:
    script = pytester.path / "gr_only.py"
    script.write_text(GR_ONLY, "utf-8")
    result = run(pytester, f"{sys.executable} {script}", suite, "-rs")
    result.assert_outcomes(passed=11, skipped=2)
    result.stdout.fnmatch_lines(
        [
            "*not sent: the input carries drawn lots; the adapter does not claim lots",
            "*not sent: election kind TK not claimed by the adapter",
        ]
    )


def test_an_adapter_that_cannot_start_fails_every_vector_with_the_reason(
    pytester: pytest.Pytester, suite: Path
) -> None:
    result = run(pytester, str(pytester.path / "no-such-adapter"), suite, "--kieswet-law", "x")
    assert result.ret == 4  # no vector matches: a usage error, before anything runs
    result.stderr.fnmatch_lines(["*no vector in * matches the filters*"])
    result = run(pytester, str(pytester.path / "no-such-adapter"), suite, "-k", "process")
    result.assert_outcomes(failed=6)
    result.stdout.fnmatch_lines(["*the adapter could not be started: cannot start the adapter*"])
    assert "Traceback" not in result.stdout.str()


def test_a_tampered_suite_is_a_usage_error(pytester: pytest.Pytester, suite: Path) -> None:
    path = suite / "allocate" / "process.json"
    path.write_text(path.read_text("utf-8").replace('"seats": 9', '"seats": 11', 1), "utf-8")
    result = run(pytester, REFERENCE, suite)
    assert result.ret == 4
    result.stderr.fnmatch_lines(["*kieswet suite refused: the suite was modified*"])
