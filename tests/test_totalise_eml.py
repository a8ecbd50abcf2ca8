"""``kieswet totalise DIR``: totalisation from a directory of EML_NL 510 files.

The input is a small synthetic election written here: two districts (ContestIdentifier 1 and
2), three municipalities (0001 and 0002 in district 1, 0003 in district 2), two polling
stations each, the two lists of three candidates of ``tests/fixtures/eml/candidates-230b``.
Expected totals are summed by loops written in these tests, not by the engine. Schema
validation of what is written needs the Kiesraad's XSD schemas (``shared/eml/xsd-v1.2.2``)
and is skipped without them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import random
from pathlib import Path

import pytest
from lxml import etree

from interchange.eml import (
    ContestCounts,
    EmlError,
    Header,
    hierarchy_from_directory,
    read_candidate_lists,
    read_count_directory,
    read_counts,
    read_definition,
    validate,
    write_counts,
)
from interchange.eml.names import EML_NS
from kieswet.cli import main
from reference.allocate import allocate
from spec.counts import Count, hierarchy_problems
from spec.model import Candidate, Completed, Election, ElectionList
from tests.eml_builders import polling_station, total_of
from tests.test_eml import SCHEMAS, needs_schemas
from tests.test_eml_bad_input import BAD_COUNTS

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "eml"
CANDIDATES = CORPUS / "candidates-230b.eml.xml"
DEFINITION = CORPUS / "definition-110a.eml.xml"
MUNICIPALITIES = {"0001": "1", "0002": "1", "0003": "2"}  # municipality → district
ELECTION = "GR2026_Proefdorp"


def write_election(
    directory: Path, change: dict[str, Count] | None = None, message: str = "510b"
) -> list[Count]:
    """One 510b per municipality (or, with ``message="510a"``, one 510a per polling station);
    returns every polling station's count. ``change`` replaces a station's count (its
    municipality's total is made from the changed one)."""
    lists = read_candidate_lists(CANDIDATES)
    sizes = {n: len(e.candidates) for n, e in lists.lists().items()}
    names = {n: e.name for n, e in lists.lists().items()}
    rng = random.Random(510)
    directory.mkdir(parents=True, exist_ok=True)
    stations = []
    for code, district in MUNICIPALITIES.items():
        own = [polling_station(rng, f"{code}::SB{i}", "SB", sizes) for i in (1, 2)]
        own = [(change or {}).get(s.unit_id, s) for s in own]
        stations += own
        header = Header(lists.election, code, f"Gemeente {code}", f"2026-03-19T1{code[-1]}:00:00")
        total = total_of(code, f"Gemeente {code}", "GSB", own)
        if message == "510a":
            for station in own:
                write_counts(
                    directory / f"Telling_{station.unit_id.replace('::', '_')}.eml.xml",
                    "510a",
                    header,
                    [ContestCounts(district, None, (station,))],
                    names,
                )
            continue
        write_counts(
            directory / f"Telling_{code}.eml.xml",
            "510b",
            header,
            [ContestCounts(district, total, tuple(own))],
            names,
        )
    return stations


def by_hand(stations: list[Count]) -> dict[str, int]:
    """List totals, candidate votes and D, F, G summed by a plain loop (not the engine)."""
    sums: dict[str, int] = {}
    for station in stations:
        for key, value in (
            ("D", station.admitted.total),
            ("F", station.blank),
            ("G", station.invalid),
        ):
            sums[key] = sums.get(key, 0) + value
        for lst in station.lists:
            key = f"list {lst.list_number}"
            sums[key] = sums.get(key, 0) + lst.total
            for number, votes in lst.candidates.items():
                key = f"list {lst.list_number} candidate {number}"
                sums[key] = sums.get(key, 0) + votes
    return sums


def numbers(count: Count) -> dict[str, int]:
    out = {"D": count.admitted.total, "F": count.blank, "G": count.invalid}
    for lst in count.lists:
        out[f"list {lst.list_number}"] = lst.total
        for number, votes in lst.candidates.items():
            out[f"list {lst.list_number} candidate {number}"] = votes
    return out


def totalise(*args: str) -> int:
    return main(["totalise", *args, "--no-progress"])


def test_accepted_directory_writes_totals_and_510c_d(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stations = write_election(tmp_path / "in")
    out = tmp_path / "out"
    assert totalise(str(tmp_path / "in"), "--out", str(out)) == 0
    assert "AANVAARD" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == [
        f"Telling_{ELECTION}_kieskring_HSB1.eml.xml",
        f"Telling_{ELECTION}_kieskring_HSB2.eml.xml",
        f"Totaaltelling_{ELECTION}.eml.xml",
        "findings.csv",
        "findings.jsonl",
        "list-deviations.csv",
        "totalise-manifest.json",
        "totals.json",
    ]
    # the manifest, written last, holds the SHA-256 of every other file of the run
    manifest = json.loads((out / "totalise-manifest.json").read_text("utf-8"))
    assert manifest["files"] == {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in out.iterdir()
        if p.name != "totalise-manifest.json"
    }
    national = read_counts(out / f"Totaaltelling_{ELECTION}.eml.xml")
    assert national.header.message_id == "510d"
    assert national.contests[0].contest_id == "alle"  # as the Kiesraad's 510d
    assert numbers(national.totals[0]) == by_hand(stations)
    assert [unit.unit_id for unit in national.units] == ["HSB1", "HSB2"]
    assert numbers(national.units[1]) == by_hand([s for s in stations if s.unit_id[:4] == "0003"])
    district = read_counts(out / f"Telling_{ELECTION}_kieskring_HSB1.eml.xml")
    assert district.header.message_id == "510c"
    assert district.contests[0].contest_id == "1"
    assert [unit.unit_id for unit in district.units] == ["0001", "0002"]
    in_one = [s for s in stations if s.unit_id[:4] in ("0001", "0002")]
    assert numbers(district.totals[0]) == by_hand(in_one)
    assert district.header.creation_date_time == "2026-03-19T13:00:00"  # the latest input's
    document = json.loads((out / "totals.json").read_text("utf-8"))
    assert document["status"] == "accepted"
    assert [c["unit_id"] for c in document["counts"]] == [
        "CSB",
        "HSB1",
        "0001",
        "0002",
        "HSB2",
        "0003",
    ]


@needs_schemas
@pytest.mark.parametrize(
    ("message", "written"),
    [("510b", ["510c", "510c", "510d"]), ("510a", ["510b"] * 3 + ["510c"] * 2 + ["510d"])],
)
def test_the_510s_written_are_valid(tmp_path: Path, message: str, written: list[str]) -> None:
    write_election(tmp_path / "in", message=message)
    out = tmp_path / "out"
    code = totalise(
        str(tmp_path / "in"),
        "--out",
        str(out),
        "--eml-schemas",
        str(SCHEMAS),
        "--candidates",
        str(CANDIDATES),
    )
    assert code == 0
    assert [validate(path, SCHEMAS) for path in sorted(out.glob("*.eml.xml"))] == written


def test_the_hierarchy_groups_municipalities_by_district(tmp_path: Path) -> None:
    write_election(tmp_path / "in")
    hierarchy = hierarchy_from_directory(read_count_directory(tmp_path / "in"))
    assert hierarchy_problems(hierarchy) == []
    assert hierarchy.units["CSB"].children == ("HSB1", "HSB2")
    assert hierarchy.units["HSB1"].children == ("0001", "0002")
    assert hierarchy.units["0003"].children == ("0003::SB1", "0003::SB2")


def _definition(tmp: Path, municipalities: dict[str, str]) -> Path:
    """The fixture 110a with an election tree of districts 1, 2 and these municipalities."""
    text = DEFINITION.read_text("utf-8")
    start, end = text.index("<kr:ElectionTree>"), text.index("</kr:ElectionTree>")
    regions = [
        f'<kr:Region RegionNumber="{n}" RegionCategory="KIESKRING">'
        f"<kr:RegionName>Kring {n}</kr:RegionName></kr:Region>"
        for n in ("1", "2")
    ] + [
        f'<kr:Region RegionNumber="{int(code)}" RegionCategory="GEMEENTE" '
        f'SuperiorRegionNumber="{district}" SuperiorRegionCategory="KIESKRING">'
        f"<kr:RegionName>Gemeente {code}</kr:RegionName></kr:Region>"
        for code, district in municipalities.items()
    ]
    path = tmp / "110a.eml.xml"
    path.write_text(text[: start + len("<kr:ElectionTree>")] + "".join(regions) + text[end:])
    return path


def test_a_municipality_without_a_file_blocks(tmp_path: Path) -> None:
    write_election(tmp_path / "in")
    definition = _definition(tmp_path, {**MUNICIPALITIES, "0004": "2"})
    out = tmp_path / "out"
    assert totalise(str(tmp_path / "in"), "--out", str(out), "--definition", str(definition)) == 1
    document = json.loads((out / "totals.json").read_text("utf-8"))
    assert document["status"] == "blocked"
    errors = [(f["code"], f["unit_id"]) for f in document["findings"] if f["severity"] == "error"]
    assert errors == [("TOT-complete", "0004")]
    # no EML when blocked; the manifest names the files of this run alone
    assert sorted(p.name for p in out.iterdir()) == [
        "findings.csv",
        "findings.jsonl",
        "list-deviations.csv",
        "totalise-manifest.json",
        "totals.json",
    ]
    hierarchy = hierarchy_from_directory(
        read_count_directory(tmp_path / "in"),
        definition=read_definition(definition),
    )
    assert hierarchy.units["HSB2"].children == ("0003", "0004")
    assert hierarchy.units["HSB1"].name == "Kring 1"


def test_a_municipality_the_definition_does_not_name_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_election(tmp_path / "in")
    definition = _definition(tmp_path, {"0001": "1", "0002": "1"})
    out = tmp_path / "out"
    assert totalise(str(tmp_path / "in"), "--out", str(out), "--definition", str(definition)) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kieswet totalise: {tmp_path / 'in' / 'Telling_0003.eml.xml'}")
    assert "<AuthorityIdentifier>: municipality '0003' is not in the election definition" in err
    assert not out.exists()


def test_errors_in_counts_block_and_write_no_eml(tmp_path: Path) -> None:
    """D = A + B + C is totalisation's check, not the reader's: a finding, exit 1."""
    lists = read_candidate_lists(CANDIDATES)
    sizes = {n: len(e.candidates) for n, e in lists.lists().items()}
    station = polling_station(random.Random(1), "0002::SB1", "SB", sizes)
    wrong = dataclasses.replace(
        station,
        admitted=dataclasses.replace(station.admitted, total=station.admitted.total + 1),
    )
    write_election(tmp_path / "in", {"0002::SB1": wrong})
    out = tmp_path / "out"
    assert totalise(str(tmp_path / "in"), "--out", str(out)) == 1
    document = json.loads((out / "totals.json").read_text("utf-8"))
    errors = {(f["code"], f["unit_id"]) for f in document["findings"] if f["severity"] == "error"}
    assert ("TOT-D-is-A+B+C", "0002::SB1") in errors
    assert sorted(p.name for p in out.iterdir()) == [
        "findings.csv",
        "findings.jsonl",
        "list-deviations.csv",
        "totalise-manifest.json",
        "totals.json",
    ]
    manifest = json.loads((out / "totalise-manifest.json").read_text("utf-8"))
    assert sorted(manifest["files"]) == [
        "findings.csv",
        "findings.jsonl",
        "list-deviations.csv",
        "totals.json",
    ]


def test_files_of_different_elections_or_a_unit_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_election(tmp_path / "in")
    source = tmp_path / "in" / "Telling_0003.eml.xml"
    (tmp_path / "in" / "Telling_copy.eml.xml").write_bytes(source.read_bytes())
    assert totalise(str(tmp_path / "in"), "--out", str(tmp_path / "out")) == 2
    err = capsys.readouterr().err
    assert "Telling_copy.eml.xml, <ReportingUnitIdentifier>: reporting unit '0003'" in err
    (tmp_path / "in" / "Telling_copy.eml.xml").write_bytes(
        source.read_bytes().replace(b'Id="GR2026_Proefdorp"', b'Id="GR2026_Anders"')
    )
    assert totalise(str(tmp_path / "in"), "--out", str(tmp_path / "out")) == 2
    assert "election 'GR2026_Anders', while" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- bad input


SUM_FAULTS = {"bad-list-total.eml.xml", "bad-total-counted.eml.xml", "bad-total-not-sum.eml.xml"}
"""Files whose own numbers do not add up: totalisation reports them (exit 1), see
``test_sums_that_do_not_add_up_are_findings``."""


@pytest.mark.parametrize("name", sorted(set(BAD_COUNTS) - SUM_FAULTS))
def test_every_bad_file_is_refused_from_a_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """The bad-input corpus, each file in a directory with a good file: exit 2, one line
    naming file, line, element and reason, and no output at all."""
    directory = tmp_path / "in"
    directory.mkdir()
    (directory / "a-good.eml.xml").write_bytes((CORPUS / "count-510d.eml.xml").read_bytes())
    bad = directory / name
    bad.write_bytes((CORPUS / name).read_bytes())
    (directory / "secret.txt").write_bytes((CORPUS / "secret.txt").read_bytes())  # XXE bait
    out = tmp_path / "out"
    code = totalise(
        str(directory), "--out", str(out), "--candidates", str(CANDIDATES), "--exclude", "*.txt"
    )
    captured = capsys.readouterr()
    assert code == 2, captured.out + captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    line, element, words = BAD_COUNTS[name]
    where = str(bad) + (f", line {line}" if line else "")
    if element is not None:
        where += f", <{element}>"
    assert lines[0].startswith(f"kieswet totalise: {where}"), lines[0]
    for word in words:
        assert word in lines[0]
    assert "SECRET" not in captured.out + captured.err
    assert not out.exists()


def test_an_empty_directory_or_no_such_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert totalise(str(tmp_path), "--out", str(tmp_path / "out")) == 2
    assert "no file matching '*.xml'" in capsys.readouterr().err
    assert totalise(str(tmp_path / "absent"), "--out", str(tmp_path / "out")) == 2
    assert "cannot read" in capsys.readouterr().err


def test_a_failed_output_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The outputs are written as one: if the second 510 fails its check, no file appears
    and an earlier totals.json is left as it was."""
    import kieswet.totalise_cmd as command

    write_election(tmp_path / "in")
    out = tmp_path / "out"
    out.mkdir()
    (out / "totals.json").write_text("earlier run", "utf-8")
    checked: list[Path] = []

    def check(path: Path, *args: object, **kwargs: object) -> str:
        if Path(path).parent != out:
            return "510b"  # an input file (validated first)
        checked.append(Path(path))
        if len(checked) == 2:
            raise EmlError(path, "not valid (a test)")
        return "510c"

    monkeypatch.setattr(command, "load_schema", lambda *args: None)
    monkeypatch.setattr(command, "validate", check)
    code = totalise(str(tmp_path / "in"), "--out", str(out), "--eml-schemas", str(tmp_path))
    assert code == 2
    assert "not valid (a test)" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["totals.json"]
    assert (out / "totals.json").read_text("utf-8") == "earlier run"


def test_progress_bars_and_help(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_election(tmp_path / "in")
    assert main(["totalise", str(tmp_path / "in"), "--out", str(tmp_path), "--progress"]) == 0
    with pytest.raises(SystemExit):
        main(["totalise", "--help"])
    text = capsys.readouterr().out
    assert "Exit status:" in text and "--no-progress" in text
    for status in ("0  accepted", "1  blocking errors", "2  invalid input"):
        assert status in text


def test_eml_options_need_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    example = ROOT / "examples" / "counts" / "small-municipality.json"
    assert totalise(str(example), "--definition", str(DEFINITION)) == 2
    assert "--definition: only with a directory" in capsys.readouterr().err


def test_from_510b_to_the_520(tmp_path: Path) -> None:
    """The whole chain for a gemeenteraad: one municipality's 510b → ``kieswet totalise`` →
    its 510d → ``kieswet result`` → the 520. The seats equal the engine's on list and
    candidate votes summed here by hand from the polling stations."""
    lists = read_candidate_lists(CANDIDATES)
    sizes = {n: len(e.candidates) for n, e in lists.lists().items()}
    rng = random.Random(26)
    stations = [polling_station(rng, f"0999::SB{i}", "SB", sizes) for i in (1, 2, 3)]
    directory = tmp_path / "in"
    directory.mkdir()
    write_counts(
        directory / "Telling_GR2026_Proefdorp_gemeente_Proefdorp.eml.xml",
        "510b",
        Header(lists.election, "0999", "Proefdorp", "2026-03-19T21:00:00"),
        [ContestCounts("geen", total_of("0999", "Proefdorp", "GSB", stations), tuple(stations))],
        {n: e.name for n, e in lists.lists().items()},
    )
    out = tmp_path / "out"
    assert totalise(str(directory), "--out", str(out), "--candidates", str(CANDIDATES)) == 0
    national = out / f"Totaaltelling_{ELECTION}.eml.xml"
    assert numbers(read_counts(national).totals[0]) == by_hand(stations)
    assert main(["result", str(DEFINITION), str(CANDIDATES), str(national), "--out", str(out)]) == 0
    assert (out / f"Resultaat_{ELECTION}.eml.xml").is_file()
    sums = by_hand(stations)
    election = Election(
        "GR",
        read_definition(DEFINITION).seats,
        tuple(
            ElectionList(
                number,
                entry.name,
                sums[f"list {number}"],
                tuple(
                    Candidate(c.number, sums[f"list {number} candidate {c.number}"])
                    for c in entry.candidates
                ),
            )
            for number, entry in lists.lists().items()
        ),
    )
    expected = allocate(election)
    assert isinstance(expected, Completed)
    root = etree.parse(str(out / f"Resultaat_{ELECTION}.eml.xml"))
    elected = root.findall(f".//{{{EML_NS}}}CandidateIdentifier")
    assert len(elected) == sum(expected.seats.values())


def test_510a_files_give_510b_c_d(tmp_path: Path) -> None:
    """Polling stations (510a, one per file) are grouped into municipalities by their id
    (``0001::SB1`` is in ``0001``), municipalities into districts by their contest."""
    stations = write_election(tmp_path / "in", message="510a")
    out = tmp_path / "out"
    assert totalise(str(tmp_path / "in"), "--out", str(out)) == 0
    assert sorted(p.name for p in out.glob("*.eml.xml")) == [
        f"Telling_{ELECTION}_gemeente_0001.eml.xml",
        f"Telling_{ELECTION}_gemeente_0002.eml.xml",
        f"Telling_{ELECTION}_gemeente_0003.eml.xml",
        f"Telling_{ELECTION}_kieskring_HSB1.eml.xml",
        f"Telling_{ELECTION}_kieskring_HSB2.eml.xml",
        f"Totaaltelling_{ELECTION}.eml.xml",
    ]
    municipal = read_counts(out / f"Telling_{ELECTION}_gemeente_0002.eml.xml")
    assert municipal.header.message_id == "510b"
    assert [unit.unit_id for unit in municipal.units] == ["0002::SB1", "0002::SB2"]
    assert numbers(municipal.totals[0]) == by_hand([s for s in stations if s.unit_id[:4] == "0002"])
    national = read_counts(out / f"Totaaltelling_{ELECTION}.eml.xml")
    assert numbers(national.totals[0]) == by_hand(stations)


def test_a_510a_holds_one_count_per_contest(tmp_path: Path) -> None:
    write_election(tmp_path / "in", message="510a")
    path = tmp_path / "in" / "Telling_0001_SB1.eml.xml"
    text = path.read_text("utf-8")
    start, end = text.index("<ReportingUnitVotes>"), text.index("</ReportingUnitVotes>")
    unit = text[start : end + len("</ReportingUnitVotes>")]
    path.write_text(text.replace(unit, unit + unit.replace("0001::SB1", "0001::SB9")), "utf-8")
    with pytest.raises(EmlError, match="a 510a holds one polling station's count per Contest"):
        read_counts(path)
