"""``docs/worked-examples.md`` quotes the current trace of each real case, and its numbers hold.

The page pastes the output of ``kieswet allocate`` for the three examples (Roermond 2026 twice:
asking for the lot, and with the lot drawn for list 9) between ``% BEGIN generated output`` and
``% END generated output`` markers. Each block is compared with the program's output here.
Regenerate the blocks with ``python -m tests.test_worked_examples``.

Rules: P5-quota, P6-full-seats, P8.1-largest-remainder, P8.2-75-percent, P9-absolute-majority,
P10-exhaustion, P15-threshold, LOT-decisive (the cases the page walks through).
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

from interchange.allocation import parse_election, result_to_json
from interchange.judging import check
from kieswet.render import render_result
from reference.allocate import allocate
from spec.exact import format_mixed
from spec.model import Completed, Election

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "worked-examples.md"
BLOCK = re.compile(
    r"^% BEGIN generated output: kieswet allocate (?P<path>examples/[\w.-]+\.json)"
    r"(?: \+ lots (?P<lots>\[[^\n]*\]))?\n"
    r"```text\n(?P<body>.*?)\n```\n% END generated output$",
    re.MULTILINE | re.DOTALL,
)


def _election(path: str, lots: str | None) -> Election:
    data = json.loads((ROOT / path).read_text("utf-8"))
    if lots is not None:
        data["lots"] = [*data.get("lots", []), *json.loads(lots)]
    election = parse_election(data)
    assert isinstance(election, Election)
    return election


def expected_body(path: str, lots: str | None) -> str:
    """What ``kieswet allocate PATH`` prints (with ``lots`` appended), trailing spaces stripped."""
    election = _election(path, lots)
    text = render_result(election, allocate(election))
    return "\n".join(line.rstrip() for line in text.splitlines())


def _refreshed(text: str) -> str:
    def replace_block(m: re.Match[str]) -> str:
        start, end = m.span("body")
        head, tail = m.string[m.start() : start], m.string[end : m.end()]
        return head + expected_body(m["path"], m["lots"]) + tail

    return BLOCK.sub(replace_block, text)


def test_page_quotes_the_current_traces() -> None:
    text = PAGE.read_text("utf-8")
    found = list(BLOCK.finditer(text))
    assert {m["path"] for m in found} == {
        "examples/enkhuizen-2022.json",
        "examples/reusel-de-mierden-2022.json",
        "examples/roermond-2026.json",
    }
    for m in found:
        assert m["body"] == expected_body(m["path"], m["lots"]), (
            f"docs/worked-examples.md: the block for {m['path']} is out of date; "
            "run python -m tests.test_worked_examples"
        )


def _completed(path: str, lots: str | None = None) -> Completed:
    result = allocate(_election(path, lots))
    assert isinstance(result, Completed)
    return result


def test_enkhuizen_numbers_in_the_text() -> None:
    """Rules: P5-quota, P8.2-75-percent, P10-exhaustion, P15-threshold."""
    text = PAGE.read_text("utf-8")
    result = _completed("examples/enkhuizen-2022.json")
    quota = Fraction(7553, 17)
    assert result.quota == quota and format_mixed(quota) == "444 5/17"
    assert format_mixed(quota * Fraction(3, 4)) == "333 15/68"
    assert result.preference_threshold == quota / 2
    for number in ("444 5/17", "333 15/68", "222 5/34", "387 12/17", "204 12/17"):
        assert number in text
    assert result.residual_seat_order == (3, 11, 9, 10, 1, 4, 6)
    assert dict(result.seats)[10] == 1 and dict(result.seats)[6] == 2


def test_reusel_and_roermond_numbers_in_the_text() -> None:
    """Rules: P9-absolute-majority, LOT-decisive, LOT-drawn, P15-preference-order."""
    text = PAGE.read_text("utf-8")
    reusel = _completed("examples/reusel-de-mierden-2022.json")
    assert format_mixed(reusel.quota) == "340 4/15" and "340 4/15" in text
    assert dict(reusel.seats) == {1: 8, 2: 3, 3: 2, 4: 1, 5: 1}
    lots = '[{"kind": "residual_seat", "options": [3, 9], "drawn": 9}]'
    roermond = _completed("examples/roermond-2026.json", lots)
    assert format_mixed(roermond.quota) == "698 16/33" and "698 16/33" in text
    assert roermond.residual_seat_order == (1, 7, 4, 1, 6, 9)
    assert roermond.preference_threshold is not None
    assert format_mixed(roermond.preference_threshold) == "174 41/66" and "174 41/66" in text
    assert roermond.elected is not None and 26 in dict(roermond.elected)[1]
    election = _election("examples/roermond-2026.json", lots)
    assert check(election, result_to_json(roermond)) == []


if __name__ == "__main__":
    PAGE.write_text(_refreshed(PAGE.read_text("utf-8")), "utf-8")
    print(f"updated {PAGE.relative_to(ROOT)}")
