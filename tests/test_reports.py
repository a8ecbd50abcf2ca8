"""The reports of ``kieswet conformance run`` support triage: every failing case carries the
one command that reruns it (``--id``) in all three reports, and running that command reproduces
exactly that case; a summary per article and per violated rule with links to the law; input,
expected and provided result side by side; JUnit names short and stable; an HTML page that
needs nothing online and prints; per-profile verdicts; files 0644.

The failing adapter is ``tests/fixtures/adapters/no_p9.py`` (the reference without P 9): the
fixture vector 4 is the P 9 case (see tests/test_runner.py), so that case and no other fails,
with the rule ``P9-absolute-majority``.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import stat
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from conformance.reports import law_url, seat_chart
from kieswet.cli import main

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT / "tests" / "fixtures" / "vectors"
NO_P9 = f"{sys.executable} {ROOT / 'tests' / 'fixtures' / 'adapters' / 'no_p9.py'}"
REFERENCE = f"{sys.executable} -m conformance.adapters.reference_adapter"
P9_CASE = 4


def run(report: Path, adapter: str, *extra: str, suite: Path | None = SUITE) -> int:
    argv = ["conformance", "run", "--adapter", adapter, "--report-dir", str(report)]
    argv += ["--no-progress", *extra]
    if suite is not None:
        argv += ["--suite", str(suite)]
    return main(argv)


def lines(report: Path) -> list[dict[str, Any]]:
    text = (report / "report.jsonl").read_text("utf-8")
    return [json.loads(line) for line in text.splitlines()]


def failing(report: Path) -> dict[int, dict[str, Any]]:
    return {
        line["id"]: line
        for line in lines(report)
        if line["type"] == "case" and line["status"] in ("FAIL", "ERROR")
    }


@pytest.fixture(scope="module")
def failed_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    report = tmp_path_factory.mktemp("failed") / "report"
    assert run(report, NO_P9) == 1
    return report


def test_every_report_carries_the_rerun_command(failed_run: Path) -> None:
    cases = failing(failed_run)
    assert set(cases) == {P9_CASE}
    command = cases[P9_CASE]["rerun"]
    assert f"--id {P9_CASE}" in command and command.startswith("kieswet conformance run ")
    junit = ET.parse(failed_run / "junit.xml").getroot()
    texts = [c.findtext("failure") or "" for c in junit.iter("testcase")]
    assert sum(command in text for text in texts) == 1
    page = (failed_run / "report.html").read_text("utf-8")
    assert command.replace('"', "&quot;").replace("'", "&#x27;") in page


def test_the_rerun_command_reproduces_exactly_that_case(
    failed_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = shlex.split(failing(failed_run)[P9_CASE]["rerun"])
    assert argv[:3] == ["kieswet", "conformance", "run"]
    monkeypatch.chdir(tmp_path)
    assert main([*argv[1:], "--no-progress"]) == 1
    again = lines(tmp_path / f"conformance-report-{P9_CASE}")
    cases = [line for line in again if line["type"] == "case"]
    assert [line["id"] for line in cases] == [P9_CASE]
    first = failing(failed_run)[P9_CASE]
    for key in ("status", "message", "violations", "differences", "expected", "provided"):
        assert cases[0][key] == first[key], key
    assert again[0]["filters"]["id"] == [P9_CASE]


def test_id_selects_cases(tmp_path: Path) -> None:
    assert run(tmp_path / "r", REFERENCE, "--id", "2", "--id", "5") == 0
    assert [line["id"] for line in lines(tmp_path / "r") if line["type"] == "case"] == [2, 5]


def test_junit_names_are_short_stable_and_unique(failed_run: Path, tmp_path: Path) -> None:
    run(tmp_path / "pass", REFERENCE)
    names = {}
    for report in (failed_run, tmp_path / "pass"):
        junit = ET.parse(report / "junit.xml").getroot()
        names[report] = [c.get("name", "") for c in junit.iter("testcase")]
    assert names[failed_run] == names[tmp_path / "pass"]  # the same whatever the answers
    assert len(set(names[failed_run])) == len(names[failed_run])
    for name in names[failed_run]:
        assert len(name) <= 60 and re.fullmatch(r"\d+ \S.*", name), name
    assert any(n.startswith(f"{P9_CASE} ") for n in names[failed_run])


def test_summary_by_article_and_rule_with_law_links(failed_run: Path) -> None:
    page = (failed_run / "report.html").read_text("utf-8")
    summary = page[page.index("Samenvatting per regel") : page.index("Gevallen die niet")]
    assert "P9-absolute-majority" in summary and f'href="#case-{P9_CASE}"' in summary
    p9 = "https://wetten.overheid.nl/jci1.3:c:BWBR0004627&amp;hoofdstuk=P&amp;artikel=P_9&amp;"
    assert p9 in summary
    articles = page[page.index("Samenvatting per artikel") : page.index("Samenvatting per regel")]
    assert ">P 9<" in articles


def test_failure_shows_input_expected_and_provided_side_by_side(failed_run: Path) -> None:
    page = (failed_run / "report.html").read_text("utf-8")
    detail = page[page.index(f'id="case-{P9_CASE}"') :]
    assert "<th>invoer</th><th>verwacht</th><th>geleverd</th>" in detail
    assert "<svg" in detail and "verwacht" in detail


def test_html_works_offline_and_prints(failed_run: Path) -> None:
    page = (failed_run / "report.html").read_text("utf-8")
    assert '<html lang="nl">' in page
    for outside in ("<script", "<link", "src=", "url(", "@import"):
        assert outside not in page
    assert "@media print" in page
    assert "<svg" in page  # the chart of the verdicts


def test_report_files_are_0644(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        run(tmp_path / "r", REFERENCE, "--id", "1")
    finally:
        os.umask(old)
    for name in ("report.jsonl", "junit.xml", "report.html"):
        assert stat.S_IMODE((tmp_path / "r" / name).stat().st_mode) == 0o644, name


def test_verdict_per_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The shipped suite's P 9 vectors use three profiles; the reference passes each."""
    adapter = f"{sys.executable} -m kieswet.cli adapter"
    assert run(tmp_path / "r", adapter, "--article", "P 9", suite=None) == 0
    footer = lines(tmp_path / "r")[-1]
    profiles = {row["profile"]: row for row in footer["profiles"]}
    assert {"default", "p9-counts-as-residual", "candidate-lot-always"} <= set(profiles)
    assert sum(row["total"] for row in footer["profiles"]) == footer["counts"]["total"]
    assert all(row["verdict"] == "PASS" for row in footer["profiles"])
    out = capsys.readouterr().out
    assert "per profiel:" in out and "p9-counts-as-residual: PASS" in out
    page = (tmp_path / "r" / "report.html").read_text("utf-8")
    assert "Oordeel per interpretatieprofiel" in page and "p9-counts-as-residual" in page


def test_law_url_names_the_article() -> None:
    assert law_url("P 8 lid 2").endswith("&hoofdstuk=P&artikel=P_8&z=2026-01-01&g=2026-01-01")
    assert "&artikel=U_3&" in law_url("U 3")
    assert "&artikel=P_4&z=2017-11-30" in law_url("P 4 lid 2", "pre-2017-12")
    assert law_url("no article") == "https://wetten.overheid.nl/BWBR0004627/2026-01-01"


def test_seat_chart_marks_differences() -> None:
    chart = seat_chart({"1": 3, "2": 1}, {"1": 2, "2": 2})
    assert chart.startswith("<svg") and chart.endswith("</svg>")
    assert chart.count('fill="#a4161a"') == 2  # both lists differ
    assert "<script" not in chart
