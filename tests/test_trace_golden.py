"""Golden output of the Dutch trace of ``kieswet allocate`` for the bundled examples.

Each file in ``tests/fixtures/traces`` is the trace of one example, reviewed by hand against
the section order of the model proces-verbaal P 22-2 of the centraal stembureau (Deel 2,
"Uitslag en zetelverdeling": kiesdeler, aantal volle zetels per lijst, restzetels with
"berekening aantal restzetels" and "verdeling van de restzetels", verdeling van de zetels,
toewijzing van zetels aan kandidaten). Besides the comparison, the tests check that order with a
list written here, and the numbers of each example against a hand computation (in the
docstrings), so a regenerated golden file cannot silently carry a wrong number.

Regenerate after a deliberate change of layout with ``python -m tests.test_trace_golden`` and
review the difference by hand.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kieswet.allocate_cmd import decode_and_allocate, render_district_text
from kieswet.render import WIDTH, enumeration, plural, render_result

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "fixtures" / "traces"
ROERMOND_LOT = [{"kind": "residual_seat", "options": [3, 9], "drawn": 9}]

CASES: dict[str, tuple[str, list[dict[str, Any]]]] = {
    "enkhuizen-2022": ("examples/enkhuizen-2022.json", []),  # GR < 19, P 8, P 10
    "reusel-de-mierden-2022": ("examples/reusel-de-mierden-2022.json", []),  # GR < 19, P 9
    "roermond-2026-lot": ("examples/roermond-2026.json", []),  # GR >= 19, lot needed
    "roermond-2026": ("examples/roermond-2026.json", ROERMOND_LOT),  # GR >= 19, completed
    "tweede-kamer-kieskringen": ("examples/tweede-kamer-kieskringen.json", []),  # TK, P 12
    "eerste-kamer-voorbeeld": ("examples/eerste-kamer-voorbeeld.json", []),  # EK, U 2, U 3
}

# The sections of Deel 2 of model P 22-2 that concern the seats, in the model's order; an
# Eerste Kamer trace starts with U 2 and U 3, a trace over kieskringen continues with P 12.
P22_2_ORDER = (
    "Kiesdeler",
    "Aantal volle zetels per lijst",
    "Restzetels",
    "Verdeling van de zetels",
    "Toewijzing van zetels aan kandidaten",
)
HEADING = re.compile(r"^(\d+)\. (.+?)(?: \([^)]*\))?$")
SUBHEADING = re.compile(r"^(\d+)\.(\d+) (.+)$")


def trace(name: str, width: int = WIDTH) -> str:
    path, lots = CASES[name]
    text = (ROOT / path).read_text("utf-8")
    if lots:
        data = json.loads(text)
        data["lots"] = [*data.get("lots", []), *lots]
        text = json.dumps(data)
    if "district-allocation-input@1" in text:
        return render_district_text(text, width)
    result, election = decode_and_allocate(text)
    return render_result(election, result, width)


def headings(text: str) -> list[tuple[int, str]]:
    found = []
    for line in text.splitlines():
        match = HEADING.match(line)
        if match:
            found.append((int(match[1]), match[2]))
    return found


@pytest.mark.parametrize("name", sorted(CASES))
def test_trace_matches_golden_file(name: str) -> None:
    expected = (GOLDEN / f"{name}.txt").read_text("utf-8")
    assert trace(name) == expected, f"run python -m tests.test_trace_golden and review {name}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_sections_are_numbered_in_the_order_of_p22_2(name: str) -> None:
    found = headings(trace(name))
    assert [number for number, _ in found] == list(range(1, len(found) + 1))
    titles = [title for _, title in found]
    model = [t for t in titles if t in P22_2_ORDER]
    assert model == [t for t in P22_2_ORDER if t in model]
    assert model[:3] == ["Kiesdeler", "Aantal volle zetels per lijst", "Restzetels"]
    if name.startswith("eerste-kamer"):
        assert titles[:2] == ["Stemwaarde per provincie en kiescollege", "Stemcijfers"]
    text = trace(name)
    subs = [m[3] for line in text.splitlines() if (m := SUBHEADING.match(line))]
    assert subs[0] == "Berekening aantal restzetels"
    assert subs[1].startswith("Verdeling van de restzetels")


@pytest.mark.parametrize("name", sorted(CASES))
def test_fits_80_columns_and_wider_when_asked(name: str) -> None:
    assert max(map(len, trace(name).splitlines())) <= WIDTH
    assert max(map(len, trace(name, 132).splitlines())) <= 132


def test_wider_terminal_puts_more_residual_seats_side_by_side() -> None:
    """Enkhuizen has 7 residual seats: at 80 columns in three tables, at 160 in one or two."""
    narrow = trace("enkhuizen-2022").count("restzetel 1 ")
    assert narrow == 1
    assert trace("enkhuizen-2022").count("lijst   naam") > trace("enkhuizen-2022", 160).count(
        "lijst   naam"
    )


def test_long_names_end_in_an_ellipsis_never_cut_silently() -> None:
    """ "Het Enkhuizer Alternatief" (25 characters) does not fit the residual-seat table."""
    text = trace("enkhuizen-2022")
    cut = [line for line in text.splitlines() if "Het Enkhuizer" in line]
    assert any("Het Enkhuizer Alternatief" in line for line in cut)  # the full-seat table
    for line in cut:
        assert "Het Enkhuizer Alternatief" in line or "Het Enkhuizer Alter…" in line


def test_enkhuizen_hand_computation() -> None:
    """7553 votes, 17 seats: kiesdeler 7553/17 = 444 5/17; full seats 2+1+1+1+1+1+1+0+2+1+0
    = 11, so 6 residual seats; list 10 has one living candidate (P 10): its residual seat goes
    to list 6 (PvdA, remainder 204 12/17), correctie -1 on list 10."""
    text = trace("enkhuizen-2022")
    assert "  7553 : 17 = 444 5/17" in text
    assert re.search(r"toegewezen volle zetels +11", text)
    assert re.search(r"aantal restzetels +6", text)
    assert "heeft 1 levende\nkandidaat; 1 restzetel gaat naar andere lijsten." in text
    row = next(line for line in text.splitlines() if line.startswith("   10") and "-1" in line)
    assert row.split()[-4:] == ["1", "1", "-1", "1"]


def test_reusel_p9_hand_computation() -> None:
    """5104 votes, 15 seats: list 1 has 2571 > 5104/2 votes but 7 full seats and no residual
    seat, 7 of 15, not more than half: P 9 gives it the last residual seat, taken from list 4."""
    text = trace("reusel-de-mierden-2022")
    assert "2571 van de 5104 stemmen" in text and "7 van de 15 zetels" in text
    assert "lijst 4 staat haar laatste restzetel af aan lijst 1" in text


def test_roermond_lot_case_prints_the_full_seat_table() -> None:
    """23050 votes, 33 seats, kiesdeler 698 16/33; lists 3 (1851 / 3 = 617) and 9 (617 / 1)
    tie for residual seat 6."""
    text = trace("roermond-2026-lot")
    assert "Aantal volle zetels per lijst (P 6)" in text
    assert re.search(r"toegewezen volle zetels +27", text)
    assert "restzetel 6: de lijsten 3 en 9 hebben gelijke gemiddelden (617)" in text
    assert '{"kind": "residual_seat", "options": [3, 9], "drawn": ...}' in text


def test_tweede_kamer_districts_hand_computation() -> None:
    """15 000 votes, 150 seats, kiesdeler 100. Full seats: group A 7050 → 70, B 5020 → 50,
    C 2930 → 29; one residual seat by greatest averages: A 7050/71 = 99 21/71 > B 5020/51 =
    98 22/51 > C 2930/30 = 97 2/3, so A 71. P 12: groepskiesdeler 7050/71 = 99 21/71; list 11
    4000 → 40 (remainder 4000 - 40 × 7050/71 = 2000/71 = 28 12/71), list 12 3050 → 30
    (remainder 5050/71 = 71 9/71); the remainder seat goes to list 12: 40 and 31."""
    text = trace("tweede-kamer-kieskringen")
    assert "  15000 : 150 = 100" in text
    assert "7050 : 71 = 99 21/71" in text
    p12 = text[text.index("groepskiesdeler") :].splitlines()
    rows = {line.split()[0]: line.split() for line in p12 if line[:5].strip() in ("11", "12")}
    assert rows["11"][-1] == "40" and rows["12"][-1] == "31"
    assert "28 12/71" in text and "71 9/71" in text


def test_eerste_kamer_hand_computation() -> None:
    """docs/eerste-kamer.md: stemwaarden Flevoland 444850/4100 = 108 1/2 → 109, Zeeland
    391142/3900 → 100, kiescollege niet-ingezetenen 20 (given); stemcijfers 30 × 109 + 10 ×
    100 + 5 × 20 = 4370 and 11 × 109 + 29 × 100 + 20 × 20 = 4499; kiesdeler 8869/75 = 118
    19/75; full seats 36 and 38; the residual seat to A (4370/37 = 118 4/37 > 4499/39)."""
    text = trace("eerste-kamer-voorbeeld")
    assert "444850 : (100 × 41) = 108 1/2" in text
    assert "30 × 109 + 10 × 100 + 5 × 20" in text and "4370" in text
    assert "11 × 109 + 29 × 100 + 20 × 20" in text and "4499" in text
    assert "8869 : 75 = 118 19/75" in text and "118 4/37 *" in text
    assert re.search(r"totaal +74 +1 +0 +75", text)


def test_dutch_plurals_and_enumerations() -> None:
    assert plural(1, "levende kandidaat", "levende kandidaten") == "1 levende kandidaat"
    assert plural(0, "zetel", "zetels") == "0 zetels"
    assert plural(2, "restzetel", "restzetels") == "2 restzetels"
    assert enumeration([3]) == "3" and enumeration([3, 9]) == "3 en 9"
    assert enumeration([1, 2, 3]) == "1, 2 en 3"


@pytest.mark.parametrize("name", ["tweede-kamer-kieskringen", "eerste-kamer-voorbeeld"])
def test_cli_prints_the_golden_trace(name: str) -> None:
    """Through the command (standard output is a pipe, so 80 columns)."""
    path, _ = CASES[name]
    done = subprocess.run(
        [sys.executable, "-m", "kieswet.cli", "allocate", path],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == (GOLDEN / f"{name}.txt").read_text("utf-8")


if __name__ == "__main__":
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for case in sorted(CASES):
        (GOLDEN / f"{case}.txt").write_text(trace(case), "utf-8")
        print(f"wrote {GOLDEN.relative_to(ROOT)}/{case}.txt")


def _suite_sample() -> list[Any]:
    from conformance.suite import default_suite, load_suite

    vectors = load_suite(default_suite()).vectors
    return [v for i, v in enumerate(vectors) if v.operation != "allocate" or i % 20 == 0]


@pytest.mark.skipif(
    not (ROOT / "conformance" / "vectors" / "manifest.json").is_file(),
    reason="the shipped suite is not built yet",
)
def test_every_kind_of_vector_renders_within_80_columns() -> None:
    """Every district and Eerste Kamer vector of the shipped suite and every twentieth
    single contest (completed, needs lot and rejected alike) renders without an error and
    within 80 columns; error messages wrap at spaces only."""
    for vector in _suite_sample():
        text = json.dumps(vector.input)
        if vector.operation == "allocate-districts":
            out = render_district_text(text, WIDTH)
        else:
            result, election = decode_and_allocate(text)
            out = render_result(election, result, WIDTH)
        assert out.strip(), vector.id
        assert max(map(len, out.splitlines())) <= WIDTH, vector.id


def _html(path: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "kieswet.cli", "allocate", "--html", path],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 3), done.stderr
    return done.stdout


def test_html_page_charts_the_seats_per_list() -> None:
    """The TK example (hand computation above): lists 11 and 12 of party A 40 and 31 seats,
    B 50, C 29; the chart has one bar per list with that number, the trace follows."""
    page = _html("examples/tweede-kamer-kieskringen.json")
    chart = page[page.index("<svg") : page.index("</svg>")]
    bars = dict(re.findall(r"<title>(\d+) Partij \w: (\d+)</title>", chart))
    assert bars == {"11": "40", "12": "31", "2": "50", "3": "29"}
    assert "7050 : 71 = 99 21/71" in page
    for outside in ("<script", "<link", "src=", "url(", "@import"):
        assert outside not in page


def test_html_page_of_a_lot_case_charts_the_seats_so_far() -> None:
    """Roermond before the lot: 27 full seats and 5 residual seats given, 32 of 33."""
    page = _html("examples/roermond-2026.json")
    counts = [int(n) for n in re.findall(r": (\d+)</title>", page)]
    assert sum(counts) == 32
    assert "Loting nodig" in page


def test_engine_warnings_are_printed_in_dutch() -> None:
    """The engine writes its warnings in Dutch (the JSON ``warnings`` and the trace alike).

    GR 10 seats, votes 600 / 400, list 1 has 6 candidates, list 2 has 3: kiesdeler 100, full
    seats 6 / 4; list 2 gives up 1 seat (P 10) and list 1 has no candidate left for it: 1 seat
    stays empty. GR 12 seats, 13 lists of 100 votes, bill 36 641: kiesdeler 108 1/3, no list
    reaches it, so no list may take a residual seat and all 12 stay empty.
    """
    from reference.allocate import allocate
    from spec.model import Completed
    from tests.builders import election

    ten = election("GR", 10, [600, 400], limits={1: 6, 2: 3})
    one = allocate(ten)
    assert isinstance(one, Completed)
    warning = (
        "P 10: 1 zetel blijft onvervuld: elke lijst die een zetel zou kunnen krijgen heeft "
        "geen levende kandidaten meer"
    )
    assert one.warnings == (warning,)
    assert f"Waarschuwing: {warning}" in " ".join(render_result(ten, one).split())
    twelve = allocate(election("GR", 12, [100] * 13, law="bill-36641"))
    assert isinstance(twelve, Completed)
    assert twelve.warnings == (
        "12 zetels blijven onvervuld: geen lijst komt voor een restzetel in aanmerking",
    )


def _district_case_trace(group: str) -> str:
    from conformance.vector_sources.districts import CASES

    case = next(c for c in CASES if c.group == group)
    return " ".join(render_district_text(json.dumps(dict(case.input)), WIDTH).split())


def test_district_trace_names_p13_transfers_and_p16_forfeits() -> None:
    """The hand-computed district cases (conformance/vector_sources/districts.py): list 12's
    open seat passes to list 11 (P 13, P 18 lid 3); the two P 16 lid 2 placements take the seat
    of list 13, then of list 12."""
    text = _district_case_trace("P 13 and P 18 lid 3: a list whose candidates are all elected")
    assert "alle kandidaten van lijst 12 zijn gekozen; haar open zetel gaat naar lijst 11" in text
    text = _district_case_trace("P 16 lid 2: a seat forfeited twice")
    forfeits = re.findall(r"P 16 lid 2: .*?; lijst (\d+) verliest de zetel", text)
    assert forfeits == ["13", "12"]


def test_trace_width_follows_a_wider_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import os
    import shutil

    from kieswet import allocate_cmd

    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback: os.terminal_size((132, 40)))
    assert allocate_cmd.trace_width() == 132
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback: os.terminal_size((60, 40)))
    assert allocate_cmd.trace_width() == WIDTH  # never narrower than 80
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert allocate_cmd.trace_width() == WIDTH  # a file or a pipe: always 80
