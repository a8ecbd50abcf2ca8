"""The control protocol's checks per polling station, on hand-made 510b files.

Each file in ``tests/fixtures/eml/protocol`` is one municipality whose polling stations sit at
and around one check's threshold; the numbers were chosen by hand and every expected flag is
computed by hand in the test (the comments). All stations have A = D (poll cards only) and
their lists 60/40 with candidates 3:2:1 unless a check needs otherwise, so that no other
check interferes, and every station states every explanation code (0 where none is given),
so that the Kiesraad's HCP can read the files too (run through it, its flags per check are
those expected here, but for a recount it takes from elsewhere; see the explanations test).
``kieswet totalise DIR`` is run on a directory holding one of them; the
flags are read from ``findings.jsonl``. The independent formulation of every rule
(``spec.totalisation_rules``) is run on the same files and must agree.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from interchange.eml import hierarchy_from_directory, read_count_directory
from kieswet.cli import main
from reference.totalise import totalise as reference_totalise
from spec.counts import CONTROL_PROTOCOLS, CountFinding, CountInputs, Totals
from spec.totalisation_rules import check_totals
from tests.count_builders import count, municipality
from tests.test_eml import SCHEMAS, needs_schemas

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "eml" / "protocol"
CORPUS = ROOT / "tests" / "fixtures" / "eml"


def run(
    tmp_path: Path, name: str, *options: str, text: str | None = None
) -> tuple[int, list[dict[str, Any]], str]:
    """``kieswet totalise`` on a directory with fixture ``name`` (or ``text`` as that file):
    the exit status, the rows of findings.jsonl and standard output."""
    directory = tmp_path / "in"
    directory.mkdir(parents=True, exist_ok=True)
    source = FIXTURES / name
    (directory / name).write_text(text if text is not None else source.read_text("utf-8"))
    out = tmp_path / "out"
    code = main(["totalise", str(directory), "--out", str(out), "--no-progress", *options])
    rows = []
    if (out / "findings.jsonl").exists():
        lines = (out / "findings.jsonl").read_text("utf-8").splitlines()
        rows = [json.loads(line) for line in lines]
    return code, rows, ""


def flagged(rows: list[dict[str, Any]], check: str) -> set[str]:
    return {row["unit"] for row in rows if row["check"] == check}


def stations(code: str, *numbers: int) -> set[str]:
    return {f"{code}::SB{n}" for n in numbers}


# =========================================================================== difference


@pytest.mark.parametrize("protocol", sorted(CONTROL_PROTOCOLS))
def test_difference_at_and_around_its_thresholds(tmp_path: Path, protocol: str) -> None:
    code, rows, _ = run(tmp_path, "difference.eml.xml", "--protocol", protocol)
    assert code == 0
    # SB1 D 714, H 700: 14 < 15, but 100 x 14 = 1400 >= 2 x 700: flagged (2% of H exactly).
    # SB2 D 715, H 701: 14 < 15, and 1400 < 2 x 701 = 1402: not flagged.
    # SB3 D 1000, H 1015: 15 >= 15: flagged.
    # SB4 D 1000, H 1014: 14 < 15, and 1400 < 2028: not flagged.
    # SB5 D 751, H 736: 15: flagged (the rule before, 2% of D *and* 15, said no: 15 < 15.02).
    at_stations = {u for u in flagged(rows, "TOT-warning-difference") if "::" in u}
    assert at_stations == stations("0501", 1, 3, 5)
    first = next(r for r in rows if r["unit"] == "0501::SB1" and r["check"].endswith("ence"))
    assert first["figures"] == {"D": 714, "H": 700, "difference": -14}
    # The municipality: D = 714 + 715 + 1000 + 1000 + 751 = 4180, H = 700 + 701 + 1015 +
    # 1014 + 736 = 4166: 14 < 15 and 1400 < 2 x 4166: not flagged.
    assert "0501" not in flagged(rows, "TOT-warning-difference")


def test_blank_and_invalid_at_three_percent(tmp_path: Path) -> None:
    code, rows, _ = run(tmp_path, "blank-invalid.eml.xml")
    assert code == 0
    # SB1 H = 95 + 3 + 2 = 100: blank 3 (300 >= 300), invalid 2 (200 < 300).
    # SB2 H = 94 + 3 + 4 = 101: blank 3 (300 < 303), invalid 4 (400 >= 303).
    # SB3 H = 189 + 5 + 6 = 200: blank 5 (500 < 600), invalid 6 (600 >= 600).
    assert {u for u in flagged(rows, "TOT-warning-blank") if "::" in u} == stations("0502", 1)
    invalid = {u for u in flagged(rows, "TOT-warning-invalid") if "::" in u}
    assert invalid == stations("0502", 2, 3)


# =========================================================================== explanations


def test_explanations_in_both_directions(tmp_path: Path) -> None:
    code, rows, _ = run(tmp_path, "explanations.eml.xml")
    assert code == 0
    # Every station has H = 510.
    # SB1 D 500: 10 more; more-explanations 6 + 1 + 3 = 10 (the 4 taken away do not count
    #     for more ballots): explained.
    # SB2 D 500: 10 more; 6 + 2 (geen verklaring) = 8: 2 unexplained, and 2 without one.
    # SB3 D 520: 10 fewer; 3 + 2 + 1 + 4 = 10: explained.
    # SB4 D 520: 10 fewer; 3 taken away (the 7 'too many handed out' explain more ballots,
    #     not fewer): 7 unexplained.
    # SB5 D 510: no difference; 1 stated without explanation: reported as such.
    # SB6 D 500: 10 more, 10 without explanation, but recounted (kr:Investigation
    #     'stembiljetten deels herteld'): left out.
    # SB7 D 525: 15 fewer; 'andere verklaring' 15: explained.
    # SB8 D 520: 10 fewer, every explanation 0: 10 unexplained.
    # (Every station states every explanation code, 0 where none; HCP needs them all. Run
    # through HCP itself, the flags are the same but for SB6, whose recount HCP takes from
    # the proces-verbaal instead of the EML.)
    assert flagged(rows, "CP-no-explanation") == stations("0503", 2, 5)
    assert flagged(rows, "CP-explanations-sum") == stations("0503", 2, 4, 8)
    figures = {r["unit"]: r["figures"] for r in rows if r["check"] == "CP-explanations-sum"}
    assert figures["0503::SB2"] == {
        "D": 500,
        "H": 510,
        "difference": 10,
        "explained": 8,
        "unexplained": 2,
    }
    assert figures["0503::SB4"]["explained"] == 3 and figures["0503::SB4"]["unexplained"] == 7
    assert figures["0503::SB8"]["explained"] == 0 and figures["0503::SB8"]["unexplained"] == 10
    none = {r["unit"]: r["figures"] for r in rows if r["check"] == "CP-no-explanation"}
    assert none["0503::SB2"]["geen verklaring"] == 2 and none["0503::SB5"]["geen verklaring"] == 1
    # SB7's difference of 15 is still a difference warning; SB6's 10 of 510 too (2% is 10.2:
    # no) - so only SB7 and the 10-of-500 stations below 2% are not flagged.
    diff = {u for u in flagged(rows, "TOT-warning-difference") if "::" in u}
    # |D - H| = 10 and 100 x 10 = 1000 < 2 x 510 = 1020 for SB1, SB2, SB3, SB4, SB6, SB8.
    assert diff == stations("0503", 7)


# =========================================================================== list deviation


def test_list_deviation_at_fifty_points(tmp_path: Path) -> None:
    code, rows, _ = run(tmp_path, "list-deviation.eml.xml")
    assert code == 0
    # SB1: list 1 has 80 of 100 = 80%; the rest (SB2 - SB4) 90 of 300 = 30%: 50 points,
    # flagged; list 2 likewise (20% against 70%). SB2: 30% against (80 + 30 + 30) / 300 =
    # 46.7%: 16.7 points; SB3 and SB4 the same.
    assert flagged(rows, "CP-list-deviation") == stations("0504", 1)
    found = [r for r in rows if r["check"] == "CP-list-deviation"]
    assert sorted(r["figures"]["list"] for r in found) == [1, 2]
    one = next(r for r in found if r["figures"]["list"] == 1)["figures"]
    assert (one["share %"], one["rest share %"]) == ("80.0", "30.0")
    assert (one["votes"], one["E"], one["rest votes"], one["rest E"]) == (80, 100, 90, 300)


def test_list_deviation_below_fifty_points(tmp_path: Path) -> None:
    code, rows, _ = run(tmp_path, "list-deviation-below.eml.xml")
    assert code == 0
    # SB1: 79% against 30%: 49 points. SB2: 30% against (79 + 60) / 300 = 46.3%.
    assert flagged(rows, "CP-list-deviation") == set()


# =========================================================================== swapped candidates


def test_swapped_candidates_at_five_times(tmp_path: Path) -> None:
    code, rows, _ = run(tmp_path, "swapped.eml.xml")
    assert code == 0
    # List 1 at SB2 and SB3: candidates 50, 40, 10 of 100; at SB1: 10, 40, 50 of 100.
    # SB1 expected from the rest (100, 80, 20 of 200) x 100: 50, 40, 10.
    # Candidate 3: 50 >= 15 and 50 >= 5 x 10: far above. Candidate 1: expected 50 >= 15 and
    # 5 x 10 = 50 <= 50: far below. A pair: flagged. Candidate 2: 40 as expected.
    # SB2: expected from SB1 + SB3 (60, 80, 60 of 200) x 100 = 30, 40, 30; got 50, 40, 10:
    # 5 x 10 = 50 > 30, and 50 < 5 x 30: nothing.
    assert flagged(rows, "CP-swapped-candidates") == stations("0506", 1)
    (found,) = [r for r in rows if r["check"] == "CP-swapped-candidates"]
    assert found["figures"] == {
        "list": 1,
        "candidate more": 3,
        "received more": 50,
        "expected more": "10.0",
        "candidate fewer": 1,
        "received fewer": 10,
        "expected fewer": "50.0",
    }


def test_swapped_candidates_just_below_five_times(tmp_path: Path) -> None:
    code, rows, _ = run(tmp_path, "swapped-below.eml.xml")
    assert code == 0
    # SB1 candidate 1 got 11: 5 x 11 = 55 > 50 expected: not far below; no pair.
    assert flagged(rows, "CP-swapped-candidates") == set()


def test_swapped_candidates_at_the_minimum_of_votes(tmp_path: Path) -> None:
    code, rows, _ = run(tmp_path, "swapped-minimum.eml.xml")
    assert code == 0
    # SB1 list 1: 3, 12, 15 of 30. Expected (100, 80, 20 of 200) x 30 = 15, 12, 3.
    # Candidate 3: 15 >= 15 and 15 >= 5 x 3. Candidate 1: expected 15 >= 15, 5 x 3 <= 15.
    assert flagged(rows, "CP-swapped-candidates") == stations("0508", 1)
    code, rows, _ = run(tmp_path / "below", "swapped-minimum-below.eml.xml")
    # 3, 13, 14: candidate 3 got 14 < 15: not far above; no pair.
    assert code == 0 and flagged(rows, "CP-swapped-candidates") == set()


def test_an_earlier_protocol_version_has_other_thresholds(tmp_path: Path) -> None:
    # 2024-02: 10 times and 20 votes. SB1's candidate 3: 50 < 10 x 10: not far above.
    code, rows, _ = run(tmp_path, "swapped.eml.xml", "--protocol", "2024-02")
    assert code == 0 and flagged(rows, "CP-swapped-candidates") == set()


# =========================================================================== one formulation each


def read_fixture(name: str, tmp_path: Path) -> tuple[Any, CountInputs]:
    directory = tmp_path / name.removesuffix(".eml.xml")
    directory.mkdir()
    shutil.copy(FIXTURES / name, directory / name)
    read = read_count_directory(directory, check_sums=False)
    inputs = CountInputs(
        read.counts(),
        corrections=read.corrections(),
        explanations=read.explanations(),
        recounted=read.recounted(),
    )
    return hierarchy_from_directory(read), inputs


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.xml")))
@pytest.mark.parametrize("protocol", sorted(CONTROL_PROTOCOLS))
def test_the_spec_agrees_and_sees_a_missing_finding(
    tmp_path: Path, name: str, protocol: str
) -> None:
    hierarchy, inputs = read_fixture(name, tmp_path)
    version = CONTROL_PROTOCOLS[protocol]
    totals = reference_totalise(hierarchy, inputs, protocol=version)
    assert check_totals(hierarchy, inputs, totals, version) == []
    for f in totals.findings:
        if f.code.startswith("CP-") or f.code == "TOT-warning-difference":
            others = tuple(g for g in totals.findings if (g.code, g.unit_id) != (f.code, f.unit_id))
            broken = dataclasses.replace(totals, findings=others)
            assert [v.rule_id for v in check_totals(hierarchy, inputs, broken, version)] == [f.code]


def test_a_parent_with_too_few_units_is_not_checked_for_swaps(tmp_path: Path) -> None:
    hierarchy, inputs = read_fixture("swapped.eml.xml", tmp_path)
    strict = dataclasses.replace(CONTROL_PROTOCOLS["TK2025"], swap_minimum_units=4)
    totals: Totals = reference_totalise(hierarchy, inputs, protocol=strict)
    assert not [f for f in totals.findings if f.code == "CP-swapped-candidates"]
    assert check_totals(hierarchy, inputs, totals, strict) == []


# =========================================================================== files, summary


def test_findings_files_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, rows, _ = run(tmp_path, "explanations.eml.xml")
    assert code == 0
    out = capsys.readouterr().out
    with (tmp_path / "out" / "findings.csv").open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == ["unit", "check", "severity", "field", "figures", "explanation"]
    assert [(r[0], r[1]) for r in table[1:]] == [(r["unit"], r["check"]) for r in rows]
    sb2 = next(r for r in table if r[0] == "0503::SB2" and r[1] == "CP-explanations-sum")
    assert sb2[4] == "D=500; H=510; difference=10; explained=8; unexplained=2"
    assert "0503::SB2" in out and "0503::SB4" in out and "Legenda" in out
    assert "CP-explanations-sum" in out and "tellen niet op tot" in out


# =========================================================================== one rule, one outcome


def _in_total(text: str, old: str, new: str) -> str:
    """Replace ``old`` by ``new`` once, inside the file's TotalVotes only."""
    head, tail = text.split("</TotalVotes>", 1)
    assert head.count(old) == 1
    return head.replace(old, new) + "</TotalVotes>" + tail


def test_a_total_that_is_not_the_sum_names_every_field(tmp_path: Path) -> None:
    text = (FIXTURES / "swapped.eml.xml").read_text("utf-8")
    # The municipal total: A 450 -> 451, list 1 candidate 1 110 -> 111, I 0 -> 1.
    text = _in_total(text, '"geldige stempassen">450<', '"geldige stempassen">451<')
    text = _in_total(text, "<ValidVotes>110</ValidVotes>", "<ValidVotes>111</ValidVotes>")
    text = _in_total(text, '"meer getelde stembiljetten">0<', '"meer getelde stembiljetten">1<')
    code, rows, _ = run(tmp_path, "swapped.eml.xml", text=text)
    assert code == 1
    wrong = {r["field"] for r in rows if r["check"] == "TOT-sum-identity"}
    assert wrong == {"admitted.poll_cards", "lists[1].candidates[1]", "more_counted"}
    # The total's own arithmetic: D 450 is not A + B + C = 451, list 1's 300 is not its
    # candidates' 301, I - J = 1 is not H - D = 0.
    assert {r["check"] for r in rows if r["unit"] == "0506" and r["severity"] == "error"} == {
        "TOT-sum-identity",
        "TOT-D-is-A+B+C",
        "TOT-list-is-candidate-sum",
        "TOT-I-J-difference",
    }


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("bad-total-not-sum.eml.xml", "admitted.voter_cards"),
        ("bad-total-counted.eml.xml", "votes_on_lists"),
        ("bad-list-total.eml.xml", None),
    ],
)
def test_the_refused_sums_of_the_corpus_are_findings(
    tmp_path: Path, name: str, field: str | None
) -> None:
    directory = tmp_path / "in"
    directory.mkdir()
    shutil.copy(CORPUS / name, directory / name)
    code = main(["totalise", str(directory), "--out", str(tmp_path / "out"), "--no-progress"])
    assert code == 1
    lines = (tmp_path / "out" / "findings.jsonl").read_text("utf-8").splitlines()
    errors = [json.loads(line) for line in lines if '"error"' in line]
    assert errors
    if field is not None:
        assert field in {e["field"] for e in errors}


def test_a_municipal_cast_that_is_not_the_sum_is_kept(tmp_path: Path) -> None:
    text = (FIXTURES / "swapped.eml.xml").read_text("utf-8")
    # The stations' Cast are 250 each (D + 100); the municipality states its own 1000.
    text = _in_total(text, "<Cast>750</Cast>", "<Cast>1000</Cast>")
    code, _, _ = run(tmp_path, "swapped.eml.xml", text=text)
    assert code == 0
    totals = json.loads((tmp_path / "out" / "totals.json").read_text("utf-8"))
    by_unit = {c["unit_id"]: c for c in totals["counts"]}
    assert by_unit["0506"]["eligible_voters"] == 1000
    assert by_unit["CSB"]["eligible_voters"] == 1000


@needs_schemas
def test_inputs_are_validated_against_the_schemas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (FIXTURES / "swapped.eml.xml").read_text("utf-8")
    # An attribute the 510 schema does not allow; our reader ignores it.
    text = text.replace("<TotalVotes>", '<TotalVotes Extra="1">', 1)
    code, _, _ = run(tmp_path, "swapped.eml.xml", "--eml-schemas", str(SCHEMAS), text=text)
    err = capsys.readouterr().err
    assert code == 2
    assert "swapped.eml.xml" in err and "TotalVotes" in err
    assert not (tmp_path / "out").exists()
    code, _, _ = run(tmp_path / "valid", "swapped.eml.xml", "--eml-schemas", str(SCHEMAS))
    assert code == 0


# =========================================================================== edge cases, as HCP


def cp_flags(h: Any, *counts: Any) -> set[tuple[str, str]]:
    totals = reference_totalise(h, CountInputs(tuple(counts)))
    assert check_totals(h, CountInputs(tuple(counts)), totals) == []
    return {(f.code, f.unit_id) for f in totals.findings if f.code.startswith("CP-")}


def test_list_deviation_against_a_rest_without_votes_and_without_a_rest() -> None:
    # s2's list 1 has 86 of 86 = 100%; the rest, s1, has no votes: a share of 0 (as HCP
    # computes it), 100 points apart. s1 has 0 of 0 = 0% against 100%: 100 points too.
    h = municipality("s1", "s2")
    assert cp_flags(h, count("s1", {1: [0]}), count("s2", {1: [86]})) == {
        ("CP-list-deviation", "s1"),
        ("CP-list-deviation", "s2"),
    }
    # A municipality of one polling station has no rest to compare with.
    assert cp_flags(municipality("s1"), count("s1", {1: [86]})) == set()


def test_only_the_lists_a_unit_states_are_judged() -> None:
    # s1 states lists 1 and 3 (60 and 40 of 100), s2 lists 1 and 2 (40 and 60 of 100).
    # At s1: list 1 60% against 40%, list 3 40% against 0%: below 50 points; list 2 (60% of
    # the rest) is not one of s1's lists and is not judged there (HCP judges the lists of the
    # polling station). At s2: list 2 60% against 0%: flagged.
    h = municipality("s1", "s2")
    s1, s2 = count("s1", {1: [60], 3: [40]}), count("s2", {1: [40], 2: [60]})
    assert cp_flags(h, s1, s2) == {("CP-list-deviation", "s2")}


# =========================================================================== from JSON


def test_explanations_and_recounted_in_a_json_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import jsonschema

    from interchange.counts import CountsDocument, counts_input_to_json, parse_counts_input

    # s1: D 100, H 90 (10 fewer), explained by 4 lost ballots and 1 'geen verklaring': 5
    # unexplained, and 1 without explanation. s2 the same, but recounted: left out.
    h = municipality("s1", "s2")
    s1 = count("s1", {1: [60, 30]}, abc=(100, 0, 0))
    s2 = count("s2", {1: [60, 30]}, abc=(100, 0, 0))
    stated = {"kwijtgeraakte stembiljetten": 4, "geen verklaring": 1}
    inputs = CountInputs(
        (s1, s2), explanations={"s1": stated, "s2": stated}, recounted=frozenset({"s2"})
    )
    document = counts_input_to_json(CountsDocument(h, inputs))
    schema = json.loads((ROOT / "conformance/schemas/counts-input.schema.json").read_text("utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(document)) == []
    parsed = parse_counts_input(document)
    assert isinstance(parsed, CountsDocument) and parsed.inputs == inputs
    source = tmp_path / "in.json"
    source.write_text(json.dumps(document), "utf-8")
    assert main(["totalise", str(source), "--out", str(tmp_path / "out")]) == 0
    lines = (tmp_path / "out" / "findings.jsonl").read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert flagged(rows, "CP-no-explanation") == {"s1"}
    assert flagged(rows, "CP-explanations-sum") == {"s1"}
    (row,) = [r for r in rows if r["check"] == "CP-explanations-sum"]
    assert row["figures"]["unexplained"] == 5
    document["explanations"]["s1"]["te veel"] = 1
    source.write_text(json.dumps(document), "utf-8")
    capsys.readouterr()
    assert main(["totalise", str(source), "--out", str(tmp_path / "out2")]) == 2
    assert "explanations.s1.te veel" in capsys.readouterr().err


# =========================================================================== corrigenda, types


def test_a_corrigendum_is_applied_and_traced(tmp_path: Path) -> None:
    code, rows, _ = run(tmp_path, "corrigendum.eml.xml")
    assert code == 0 and not [r for r in rows if r["severity"] == "error"]
    totals = json.loads((tmp_path / "out" / "totals.json").read_text("utf-8"))
    trace = {c["unit_id"]: c for c in totals["corrections"]}
    assert set(trace) == {"0510", "0510::SB1"}
    # SB1: list 1 candidate 1 was 38, is 40; candidate 2 was 42, is 40 (its total stays 100).
    assert trace["0510::SB1"]["changes"] == [
        {"field": "lists[1].candidates[1]", "old": 38, "new": 40},
        {"field": "lists[1].candidates[2]", "old": 42, "new": 40},
    ]
    # The municipality's stated total: 88 -> 90 and 82 -> 80.
    assert trace["0510"]["changes"] == [
        {"field": "lists[1].candidates[1]", "old": 88, "new": 90},
        {"field": "lists[1].candidates[2]", "old": 82, "new": 80},
    ]
    assert trace["0510::SB1"]["kind"] == "corrigendum"
    assert "corrigendum.eml.xml" in trace["0510::SB1"]["reason"]
    # re-made: the municipality, its district (contest 1: kieskring HSB1) and the CSB
    assert trace["0510::SB1"]["retotalled"] == ["0510", "HSB1", "CSB"]
    by_unit = {c["unit_id"]: c for c in totals["counts"]}
    list_1 = next(lst for lst in by_unit["0510"]["lists"] if lst["number"] == 1)
    assert list_1["candidates"]["1"] == 40 + 50 and list_1["candidates"]["2"] == 40 + 40


def test_values_before_correction_outside_a_corrigendum_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (FIXTURES / "corrigendum.eml.xml").read_text("utf-8")
    text = text.replace('<kr:Phase PhaseCode="corrigendum"/>', "")
    code, _, _ = run(tmp_path, "corrigendum.eml.xml", text=text)
    assert code == 2
    err = capsys.readouterr().err
    assert "not a corrigendum" in err and "corrigendum.eml.xml" in err


@pytest.mark.parametrize("message", ["510q", "510r", "510s"])
def test_undocumented_510_types_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], message: str
) -> None:
    text = (FIXTURES / "swapped.eml.xml").read_text("utf-8").replace('Id="510b"', f'Id="{message}"')
    code, _, _ = run(tmp_path, "swapped.eml.xml", text=text)
    assert code == 2
    err = capsys.readouterr().err
    assert f"an EML {message}" in err and "does not say" in err


def test_the_deviation_table(tmp_path: Path) -> None:
    code, _, _ = run(tmp_path, "list-deviation.eml.xml")
    assert code == 0
    with (tmp_path / "out" / "list-deviations.csv").open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    # SB1: list 1 80% against 90 / 300 = 30%: +50.0; list 2 20% against 70%: -50.0.
    # SB2: list 1 30% against (80 + 30 + 30) / 300 = 46.67%: -16.7; list 2 70% against
    # 160 / 300 = 53.33%: +16.7. SB3 and SB4 as SB2.
    assert table == [
        ["unit", "parent", "list 1", "list 2"],
        ["0504::SB1", "0504", "+50.0", "-50.0"],
        ["0504::SB2", "0504", "-16.7", "+16.7"],
        ["0504::SB3", "0504", "-16.7", "+16.7"],
        ["0504::SB4", "0504", "-16.7", "+16.7"],
    ]


def test_the_spec_sees_a_finding_that_is_not_called_for(tmp_path: Path) -> None:
    hierarchy, inputs = read_fixture("list-deviation-below.eml.xml", tmp_path)
    totals = reference_totalise(hierarchy, inputs)
    for code in ("CP-list-deviation", "CP-swapped-candidates", "CP-no-explanation"):
        extra = CountFinding("warning", code, "0505::SB1", "", "not called for")
        broken = dataclasses.replace(totals, findings=(*totals.findings, extra))
        assert [v.rule_id for v in check_totals(hierarchy, inputs, broken)] == [code]


def test_a_unit_that_states_no_explanations_is_not_judged() -> None:
    # s1: D 100, H 90, no explanations stated (a 510 of the 2026 models, as Abacus writes
    # it); s2: the same, stating them all as 0: 10 unexplained.
    h = municipality("s1", "s2")
    s1 = count("s1", {1: [60, 30]}, abc=(100, 0, 0))
    s2 = count("s2", {1: [60, 30]}, abc=(100, 0, 0))
    inputs = CountInputs((s1, s2), explanations={"s2": {"geen verklaring": 0}})
    totals = reference_totalise(h, inputs)
    assert check_totals(h, inputs, totals) == []
    assert {(f.code, f.unit_id) for f in totals.findings if f.code.startswith("CP-")} == {
        ("CP-explanations-sum", "s2")
    }


def test_the_checks_work_on_a_510c_alike(tmp_path: Path) -> None:
    """A district (510c) of three municipalities with the numbers of ``swapped.eml.xml``:
    municipality 0001 against the rest of the district, as a polling station against the
    rest of its municipality."""
    from interchange.eml import ContestCounts, Header, read_counts, write_counts
    from spec.counts import AdmittedVoters, Count, ListCount
    from tests.eml_builders import total_of

    def municipality_count(code: str, first: list[int]) -> Count:
        lists = (
            ListCount(1, sum(first), dict(enumerate(first, start=1))),
            ListCount(2, 50, {1: 25, 2: 15, 3: 10}),
        )
        return Count(
            code, f"Gemeente {code}", "GSB", AdmittedVoters(150, 0, 0, 150), lists, 0, 0, 150, 0, 0
        )

    parts = [
        municipality_count("0001", [10, 40, 50]),
        municipality_count("0002", [50, 40, 10]),
        municipality_count("0003", [50, 40, 10]),
    ]
    election = read_counts(FIXTURES / "swapped.eml.xml").header.election
    header = Header(election, "HSB1", "Kieskring 1", "2026-03-20T12:00:00")
    directory = tmp_path / "in"
    directory.mkdir()
    district = total_of("HSB1", "Kieskring 1", "HSB", parts)
    contest = ContestCounts("1", district, tuple(parts))
    write_counts(directory / "district.eml.xml", "510c", header, [contest], {1: "A", 2: "B"})
    out = tmp_path / "out"
    assert main(["totalise", str(directory), "--out", str(out), "--no-progress"]) == 0
    lines = (out / "findings.jsonl").read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    # As in test_swapped_candidates_at_five_times: 0001's candidate 3 got 50, 10 expected;
    # candidate 1 got 10, 50 expected.
    assert flagged(rows, "CP-swapped-candidates") == {"0001"}
