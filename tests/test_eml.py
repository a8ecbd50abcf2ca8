"""EML_NL reading and writing: the real samples, schema validity of what we write, round trips,
streaming, and the ``kieswet result`` command.

The real samples and the XSD schemas are read from ``shared/eml`` beside the repository
(``KIESWET_SHARED`` overrides); tests that need them skip when it is absent. Everything else
uses the files under ``tests/fixtures/eml`` or generates its own.
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
from pathlib import Path

import pytest
import xmlschema
from lxml import etree

from interchange.eml import (
    ContestCounts,
    EmlError,
    Header,
    hierarchy_from_directory,
    iter_counts,
    read_candidate_lists,
    read_count_directory,
    read_counts,
    read_definition,
    validate,
    write_counts,
)
from interchange.eml.names import eml
from interchange.eml.schema import load_schema
from kieswet.cli import main
from reference.allocate import allocate
from reference.totalise import totalise
from spec.counts import CountInputs
from spec.model import Completed
from tests.eml_builders import polling_station, total_of
from tests.shared_data import SHARED

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = SHARED / "eml" / "samples"
SCHEMAS = SHARED / "eml" / "xsd-v1.2.2"
CORPUS = ROOT / "tests" / "fixtures" / "eml"

needs_samples = pytest.mark.skipif(
    not SAMPLES.is_dir(),
    reason=f"the EML_NL sample files are not at {SAMPLES} (set KIESWET_SHARED); "
    "a fresh clone does not include them",
)
needs_schemas = pytest.mark.skipif(
    not SCHEMAS.is_dir(),
    reason=f"the EML_NL XSD schemas are not at {SCHEMAS} (set KIESWET_SHARED); "
    "a fresh clone does not include them",
)

# Read from the files by a person: ElectionCategory, kr:NumberOfSeats, KIESKRING regions.
DEFINITIONS = {
    "eml110a_verkiezingsdefinitie-juinen.eml.xml": ("GR", 45, 0),
    "Verkiezingsdefinitie_AB2023_Limburg.eml.xml": ("AB", 26, 1),
    "Verkiezingsdefinitie_GR2026_Stadskanaal.eml.xml": ("GR", 23, 0),
    "Verkiezingsdefinitie_PS2023_Gelderland.eml.xml": ("PS", 55, 2),
    "Verkiezingsdefinitie_PS2023_Limburg.eml.xml": ("PS", 47, 2),
}


@needs_samples
def test_every_real_110a_is_known() -> None:
    found = {
        p.name for p in SAMPLES.glob("*.xml") if "110a" in p.name or "Verkiezingsdef" in p.name
    }
    assert found == set(DEFINITIONS)


@needs_samples
@pytest.mark.parametrize("name", sorted(DEFINITIONS))
def test_real_110a_reads(name: str) -> None:
    kind, seats, districts = DEFINITIONS[name]
    definition = read_definition(SAMPLES / name)
    assert definition.election.kind == kind
    assert definition.seats == seats
    assert definition.preference_threshold == 25
    assert sum(r.category == "KIESKRING" for r in definition.regions) == districts
    assert definition.election.id in name or name.startswith("eml110a")


@needs_samples
def test_juinen_230b_reads() -> None:
    lists = read_candidate_lists(SAMPLES / "eml230b_kandidatenlijsten-juinen.eml.xml")
    assert lists.election.id == "GR2025_Juinen"
    entries = lists.lists()
    assert [(n, e.name, len(e.candidates)) for n, e in entries.items()] == [
        (1, "Lijst Hekking", 8),
        (2, "De Tegenpartij", 6),
        (3, "Juinen Vooruit", 30),
        (4, "Stadspartij Juinen", 50),
    ]
    first = entries[1].candidates[0]
    assert (first.initials, first.first_name, first.last_name) == ("T.", "Tjolk", "Hekking")
    third = entries[1].candidates[2]
    assert third.display_name == "van der Vaart, W. (Hans)"
    assert all(e.type == "op zichzelf staande lijst" for e in entries.values())


@needs_samples
def test_a_real_110a_is_not_a_510() -> None:
    with pytest.raises(EmlError, match="EML 110a message; expected 510a"):
        read_counts(SAMPLES / "eml110a_verkiezingsdefinitie-juinen.eml.xml")


# --------------------------------------------------------------------------- writing


def _election(tmp: Path) -> tuple[Header, dict[int, int], dict[int, str]]:
    lists = read_candidate_lists(CORPUS / "candidates-230b.eml.xml")
    sizes = {n: len(e.candidates) for n, e in lists.lists().items()}
    names = {n: e.name for n, e in lists.lists().items()}
    header = Header(lists.election, "0999", "Proefdorp", "2026-03-19T10:00:00")
    return header, sizes, names


def _write_chain(tmp: Path) -> dict[str, tuple[Path, ContestCounts]]:
    """A 510b (polling stations), 510c (municipalities) and 510d (districts), consistent."""
    header, sizes, names = _election(tmp)
    rng = random.Random(510)
    stations = [polling_station(rng, f"0999::SB{i}", "SB", sizes) for i in range(1, 6)]
    stations[0] = dataclasses.replace(stations[0], name='Café "De <Kroon>" & zn.')
    gsb = total_of("0999", "Proefdorp", "GSB", stations)
    other = total_of("0998", "Buurdorp", "GSB", [polling_station(rng, "x", "SB", sizes)])
    hsb1 = total_of("HSB1", "Noord", "HSB", [gsb, other])
    hsb2 = total_of("HSB2", "Zuid", "HSB", [polling_station(rng, "y", "SB", sizes)])
    csb = total_of("CSB", "Proefdorp", "CSB", [hsb1, hsb2])
    gsb_explained = {"0999::SB2": {"kwijtgeraakte stembiljetten": 1, "andere verklaring": 2}}
    chain = {
        "510b": (gsb, tuple(stations), gsb_explained, "0999"),
        "510c": (hsb1, (gsb, dataclasses.replace(other, level="GSB")), {}, "HSB1"),
        "510d": (csb, (hsb1, hsb2), {}, "CSB"),
    }
    out = {}
    for message_id, (total, units, explained, authority) in chain.items():
        contest = ContestCounts("geen", total, units, explained)
        path = tmp / f"{message_id}.eml.xml"
        authority_header = dataclasses.replace(
            header, authority_id=authority, authority_name=total.name
        )
        write_counts(path, message_id, authority_header, [contest], names)
        out[message_id] = (path, contest)
    return out


def test_round_trip_510b_c_d(tmp_path: Path) -> None:
    lists = read_candidate_lists(CORPUS / "candidates-230b.eml.xml")
    for message_id, (path, contest) in _write_chain(tmp_path).items():
        read = read_counts(path, lists=lists)
        assert read.header.message_id == message_id
        assert read.contests == (contest,), message_id


def test_writing_is_deterministic(tmp_path: Path) -> None:
    runs = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        runs.append({k: v[0].read_bytes() for k, v in _write_chain(tmp_path / name).items()})
    assert runs[0] == runs[1]


@needs_schemas
def test_written_510_validate_against_the_xsd(tmp_path: Path) -> None:
    for message_id, (path, _) in _write_chain(tmp_path).items():
        assert validate(path, SCHEMAS) == message_id


@needs_schemas
def test_written_520_validates_and_ranks(tmp_path: Path) -> None:
    code = main(
        [
            "result",
            str(CORPUS / "definition-110a.eml.xml"),
            str(CORPUS / "candidates-230b.eml.xml"),
            str(CORPUS / "count-510d.eml.xml"),
            "--out",
            str(tmp_path),
            "--eml-schemas",
            str(SCHEMAS),
        ]
    )
    assert code == 0
    written = tmp_path / "Resultaat_GR2026_Proefdorp.eml.xml"
    assert validate(written, SCHEMAS) == "520"
    root = etree.parse(str(written)).getroot()
    rankings = [
        (
            sel.find(f"{eml('Candidate')}/{eml('CandidateIdentifier')}").get("Id"),
            sel.findtext(eml("Ranking")),
        )
        for sel in root.iter(eml("Selection"))
        if sel.find(eml("Candidate")) is not None
    ]
    # list 1: candidate 1 (300 votes > threshold 60) on preference, 2 and 3 in list order;
    # list 2: candidate 1 (150) on preference, 2 in list order.
    assert rankings == [("1", "1"), ("2", "2"), ("3", "2"), ("1", "1"), ("2", "2")]


@needs_schemas
def test_schema_validation_reports_line_and_element(tmp_path: Path) -> None:
    bad = tmp_path / "bad.eml.xml"
    text = (CORPUS / "count-510d.eml.xml").read_text(encoding="utf-8")
    bad.write_text(text.replace("<Cast>900</Cast>", "<Cast>negen</Cast>", 1), encoding="utf-8")
    with pytest.raises(EmlError) as caught:
        validate(bad, SCHEMAS)
    assert caught.value.element == "Cast"
    assert caught.value.line == 53
    assert "not valid against 510-count-kiesraad-strict.xsd" in str(caught.value)


@needs_schemas
def test_the_510_schema_needs_lax_handling_of_one_restriction() -> None:
    """Strict XSD 1.0 refuses the 510 schema for CandidateIdentifierStructure510 only."""
    with pytest.raises(xmlschema.XMLSchemaParseError) as caught:
        xmlschema.XMLSchema10(str(SCHEMAS / "510-count-kiesraad-strict.xsd"))
    assert caught.value.elem is not None
    assert caught.value.elem.get("name") == "CandidateIdentifierStructure510"
    assert load_schema(SCHEMAS, "510d") is not None  # lax, with exactly that error tolerated


# --------------------------------------------------------------------------- result command


def test_result_command_matches_the_engine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The seats printed equal the engine's on the same votes; the 520's hash is printed."""
    code = main(
        [
            "result",
            str(CORPUS / "definition-110a.eml.xml"),
            str(CORPUS / "candidates-230b.eml.xml"),
            str(CORPUS / "count-510d.eml.xml"),
            "--out",
            str(tmp_path),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "van der Molen, D. (Dirk)" in out
    match = re.search(r"hashcode: ((?:[0-9a-f]{4} ){15}[0-9a-f]{4})", out)
    assert match is not None
    from kieswet.hashcode import digest_file

    assert match.group(1) == digest_file(tmp_path / "Resultaat_GR2026_Proefdorp.eml.xml")
    from kieswet.result_cmd import build_election

    election = build_election(
        read_definition(CORPUS / "definition-110a.eml.xml"),
        read_candidate_lists(CORPUS / "candidates-230b.eml.xml"),
        read_counts(CORPUS / "count-510d.eml.xml"),
        "510d",
    )
    result = allocate(election)
    assert isinstance(result, Completed)
    assert dict(result.seats) == {1: 3, 2: 2}
    assert [lst.votes for lst in election.lists] == [360, 240]


def _tied_510d(tmp: Path) -> Path:
    """Two lists of 100 votes each (candidate 1 all of them) for 5 seats: quota 40, two full
    seats each (remainder 20 each), the fifth seat by lot (P 7)."""
    header, sizes, names = _election(tmp)
    rng = random.Random(3)
    station = polling_station(rng, "HSB1", "HSB", sizes)
    tied = tuple(
        dataclasses.replace(lst, total=100, candidates={1: 100, 2: 0, 3: 0})
        for lst in station.lists
    )
    station = dataclasses.replace(station, lists=tied, reported_votes_on_lists=200)
    station = dataclasses.replace(
        station,
        total_counted=200 + station.blank + station.invalid,
    )
    csb = total_of("CSB", "Proefdorp", "CSB", [station])
    path = tmp / "in" / "510d.eml.xml"
    path.parent.mkdir()
    write_counts(
        path,
        "510d",
        dataclasses.replace(header, authority_id="CSB"),
        [ContestCounts("geen", csb, (station,))],
        names,
    )
    return path


def _result(count: Path, out: Path, *extra: str) -> int:
    out.mkdir(exist_ok=True)
    definition = CORPUS / "definition-110a.eml.xml"
    candidates = CORPUS / "candidates-230b.eml.xml"
    return main(["result", str(definition), str(candidates), str(count), "--out", str(out), *extra])


def test_result_needs_lot_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _result(_tied_510d(tmp_path), tmp_path / "out") == 3
    assert list((tmp_path / "out").iterdir()) == []
    captured = capsys.readouterr()
    question = " ".join(captured.out.split())
    assert 'lots[0] = {"kind": "residual_seat", "options": [1, 2], "drawn": ...}' in question
    assert "--lots FILE" in captured.err


@pytest.mark.parametrize(("drawn", "seats"), [(2, {"1": 2, "2": 3}), (1, {"1": 3, "2": 2})])
def test_result_with_the_lot_drawn_completes(
    tmp_path: Path, drawn: int, seats: dict[str, int]
) -> None:
    """With the lot (the fifth seat to list ``drawn``): 3 seats for it, 2 for the other;
    on each list candidate 1 (100 votes, above the threshold of 50% of 40) on preference,
    then candidates 2 and 3 in list order."""
    lots = tmp_path / "lots.json"
    lots.write_text(json.dumps([{"kind": "residual_seat", "options": [1, 2], "drawn": drawn}]))
    out = tmp_path / "out"
    assert _result(_tied_510d(tmp_path), out, "--lots", str(lots)) == 0
    written = out / "Resultaat_GR2026_Proefdorp.eml.xml"
    root = etree.parse(str(written)).getroot()
    elected: dict[str, list[tuple[str, str]]] = {}
    current = ""
    for selection in root.iter(eml("Selection")):
        affiliation = selection.find(eml("AffiliationIdentifier"))
        if affiliation is not None:
            current = affiliation.get("Id") or ""
            elected[current] = []
            continue
        ident = selection.find(f"{eml('Candidate')}/{eml('CandidateIdentifier')}")
        assert ident is not None
        elected[current].append((ident.get("Id") or "", selection.findtext(eml("Ranking")) or ""))
    assert {number: len(people) for number, people in elected.items()} == seats
    for people in elected.values():
        assert people == [("1", "1"), ("2", "2"), ("3", "2")][: len(people)]


@pytest.mark.parametrize(
    ("lots", "message"),
    [
        ('[{"kind": "residual_seat", "options": [1, 2], "drawn": 3}]', "lots[0].drawn"),
        ('{"lots": [{"kind": "guess", "options": [1, 2], "drawn": 1}]}', "lots[0].kind"),
        ('{"lots": 7}', 'expected an array of lots, or an object with a "lots" array'),
        ("[{", "malformed JSON at line 1"),
    ],
)
def test_result_refuses_bad_lots(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lots: str, message: str
) -> None:
    path = tmp_path / "lots.json"
    path.write_text(lots)
    assert _result(_tied_510d(tmp_path), tmp_path / "out", "--lots", str(path)) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kieswet result: {path}") and message in err
    assert list((tmp_path / "out").iterdir()) == []


def test_result_refuses_a_lot_for_another_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Well-formed, but not the tie asked about (lists 1 and 2): the engine refuses it."""
    path = tmp_path / "lots.json"
    path.write_text('[{"kind": "residual_seat", "options": [1, 3], "drawn": 1}]')
    assert _result(_tied_510d(tmp_path), tmp_path / "out", "--lots", str(path)) == 2
    assert "[lot_mismatch]" in capsys.readouterr().out
    assert list((tmp_path / "out").iterdir()) == []


def test_result_with_too_few_lots_still_asks(tmp_path: Path) -> None:
    path = tmp_path / "lots.json"
    path.write_text("[]")
    assert _result(_tied_510d(tmp_path), tmp_path / "out", "--lots", str(path)) == 3
    assert list((tmp_path / "out").iterdir()) == []


# --------------------------------------------------------------------------- streaming


def test_streaming_a_large_file(tmp_path: Path) -> None:
    """1 500 polling stations × 20 lists × 10 candidates (~13 MB): streamed, summed, checked."""
    rng = random.Random(7)
    sizes = {n: 10 for n in range(1, 21)}
    stations = tuple(polling_station(rng, f"0999::SB{i}", "SB", sizes) for i in range(1, 1501))
    total = total_of("0999", "Proefdorp", "GSB", stations)
    header, _, _ = _election(tmp_path)
    path = tmp_path / "large.eml.xml"
    write_counts(
        path,
        "510b",
        header,
        [ContestCounts("geen", total, stations)],
        {n: f"Lijst {n}" for n in sizes},
    )
    assert path.stat().st_size > 10_000_000
    seen = 0
    votes = 0
    for item in iter_counts(path):
        if not item.is_total:
            assert item.count == stations[seen]
            seen += 1
            votes += item.count.votes_on_lists
    assert seen == 1500
    assert votes == total.votes_on_lists


def test_count_directory(tmp_path: Path) -> None:
    header, sizes, names = _election(tmp_path)
    rng = random.Random(11)
    directory = tmp_path / "510b"
    directory.mkdir()
    for code in ("0998", "0999"):
        stations = tuple(polling_station(rng, f"{code}::SB{i}", "SB", sizes) for i in (1, 2))
        write_counts(
            directory / f"Telling_{code}.eml.xml",
            "510b",
            dataclasses.replace(header, authority_id=code, authority_name=code),
            [ContestCounts("geen", total_of(code, code, "GSB", stations), stations)],
            names,
        )
    read = read_count_directory(directory)
    assert [c.unit_id for c in read.counts()] == [
        "0998",
        "0998::SB1",
        "0998::SB2",
        "0999",
        "0999::SB1",
        "0999::SB2",
    ]
    hierarchy = hierarchy_from_directory(read)
    assert hierarchy.root == "CSB"
    assert hierarchy.units["CSB"].children == ("0998", "0999")
    totals = totalise(hierarchy, CountInputs(counts=read.counts()))
    assert not [f for f in totals.findings if f.severity == "error"]
    assert totals.counts["CSB"].votes_on_lists == sum(t.votes_on_lists for t in read.totals())
    (directory / "Telling_copy.eml.xml").write_bytes(
        (directory / "Telling_0999.eml.xml").read_bytes()
    )
    with pytest.raises(EmlError, match="reporting unit '0999' is also in"):
        read_count_directory(directory)
