"""The Sphinx site in docs/ builds without a single warning, and what it quotes is current.

``cli.md`` pastes real output of ``kieswet allocate examples/enkhuizen-2022.json`` and
``engine.md`` the Enkhuizen 2022 numbers; both are checked against the program here, so the
documentation cannot silently drift from the engine.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from interchange.allocation import parse_election
from kieswet.render import render_result
from reference.allocate import allocate
from spec.exact import format_mixed
from spec.model import Completed, Election

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
ENKHUIZEN = ROOT / "examples" / "enkhuizen-2022.json"
GENERATED = re.compile(
    r"^% BEGIN generated output: kieswet allocate examples/enkhuizen-2022\.json\n"
    r"```text\n(?P<body>.*?)\n```\n% END generated output$",
    re.MULTILINE | re.DOTALL,
)

_MISSING = [name for name in ("sphinx", "myst_parser") if importlib.util.find_spec(name) is None]


def _enkhuizen() -> tuple[Election, Completed]:
    election = parse_election(json.loads(ENKHUIZEN.read_text("utf-8")))
    assert isinstance(election, Election)
    result = allocate(election)
    assert isinstance(result, Completed)
    return election, result


@pytest.mark.skipif(
    bool(_MISSING),
    reason=f"building the docs needs {' and '.join(_MISSING)} (pip install -e '.[dev]')",
)
def test_docs_build_without_warnings(tmp_path: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-W",
        "--keep-going",
        "-E",
        "-q",
        "-b",
        "html",
        str(DOCS),
        str(tmp_path / "html"),
    ]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    pages = ("index", "quickstart", "cli", "formats", "interpretation", "engine", "api")
    pages += ("worked-examples", "spec", "traceability", "interpreting", "testers-guide")
    for page in pages:
        assert (tmp_path / "html" / f"{page}.html").is_file(), page


def test_cli_page_quotes_current_trace() -> None:
    match = GENERATED.search((DOCS / "cli.md").read_text("utf-8"))
    assert match is not None, "cli.md lost its generated Enkhuizen block"
    election, result = _enkhuizen()
    current = "\n".join(line.rstrip() for line in render_result(election, result).splitlines())
    assert match["body"] == current, (
        "docs/cli.md is out of date: paste the output of "
        "`kieswet allocate examples/enkhuizen-2022.json` (trailing spaces stripped)"
    )


def test_engine_page_worked_example_matches_engine() -> None:
    text = (DOCS / "engine.md").read_text("utf-8")
    _, result = _enkhuizen()
    assert format_mixed(result.quota) == "444 5/17"
    assert "7553 / 17 = **444 5/17**" in text
    rows = {
        int(m["list"]): (int(m["votes"]), int(m["full"]), m["remainder"])
        for m in re.finditer(
            r"^\| (?P<list>\d+) \| [^|]+ \| (?P<votes>\d+) \| (?P<full>\d+) \| "
            r"(?P<remainder>[0-9 /]+) \|$",
            text,
            re.MULTILINE,
        )
    }
    assert rows == {
        row.list: (row.votes, row.full_seats, format_mixed(row.remainder))
        for row in result.full_seat_rows
    }
    assert result.residual_seat_order == (3, 11, 9, 10, 1, 4, 6)
    for number in (3, 11, 9, 10, 1, 4):
        assert f"**{number}**" in text
    assert "list **6**" in text
    assert result.preference_threshold is not None
    assert format_mixed(result.preference_threshold) == "222 5/34"
    assert "222 5/34" in text
