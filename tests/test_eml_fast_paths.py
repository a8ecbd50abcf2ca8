"""The 510 reader's fast paths read exactly what its slow path reads, or give the same error.

``interchange.eml.counts`` reads a vote group one of three ways: canonical runs of Selections as
text (``interchange.eml.lexical``), other regular groups with a few XPath evaluations
(``_Group._fast``), and anything else element by element (``_Group._slow``), which is the
reference. Here every file of a corpus of mutated 510s (well-formed or not, regular or not)
is read all three ways: the counts, or the error message, must be identical.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from interchange.eml import (
    ContestCounts,
    EmlError,
    Header,
    lexical,
    read_candidate_lists,
    write_counts,
)
from interchange.eml import counts as counts_module
from interchange.eml.counts import iter_counts
from tests.eml_builders import polling_station, total_of

ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = ROOT / "tests" / "fixtures" / "eml" / "candidates-230b.eml.xml"
EML_NS = "urn:oasis:names:tc:evs:schema:eml"


def _base(tmp: Path) -> bytes:
    lists = read_candidate_lists(CANDIDATES)
    sizes = {n: len(e.candidates) for n, e in lists.lists().items()}
    names = {n: e.name for n, e in lists.lists().items()}
    rng = random.Random(5100)
    stations = tuple(polling_station(rng, f"0999::SB{i}", "SB", sizes) for i in (1, 2, 3))
    header = Header(lists.election, "0999", "Proefdorp", "2026-03-19T10:00:00")
    path = tmp / "base.eml.xml"
    contest = ContestCounts("geen", total_of("0999", "Proefdorp", "GSB", stations), stations)
    write_counts(path, "510b", header, [contest], names)
    return path.read_bytes()


def _mutations(base: bytes) -> Iterator[tuple[str, bytes]]:
    """Named single changes of the base file, aimed at the Selections."""
    text = base.decode()
    yield "unchanged", base
    replacements = {
        "compact": ("</Selection>\n            <Selection>", "</Selection><Selection>"),
        "spaced": ("<Selection><Candidate>", "<Selection>\n  <Candidate>\n   "),
        "open-close id": ('"/></Candidate>', '"></CandidateIdentifier></Candidate>'),
        "no name": ("<RegisteredName>Dorpsbelang</RegisteredName>", ""),
        "empty name": ("<RegisteredName>Dorpsbelang</RegisteredName>", "<RegisteredName/>"),
        "non-ascii name": ("Dorpsbelang", "Dorpsbelang Ä"),
        "bad utf-8 name": ("Dorpsbelang", "Dorpsbelang \udcff"),
        "noncharacter name": ("Dorpsbelang", "Dorpsbelang \uffff"),
        "entity in name": ("Dorpsbelang", "Dorpsbelang &amp; A"),
        "comment": ("<ValidVotes>", "<!-- x --><ValidVotes>"),
        "comment in number": ("</ValidVotes></Selection>", "<!--x--></ValidVotes></Selection>"),
        "cdata number": ("<ValidVotes>1", "<ValidVotes><![CDATA[1]]>"),
        "char ref": ("<ValidVotes>1", "<ValidVotes>&#49;"),
        "spaces in number": ("<ValidVotes>1", "<ValidVotes> 1"),
        "plus sign": ("<ValidVotes>1", "<ValidVotes>+1"),
        "letter": ("<ValidVotes>1", "<ValidVotes>x1"),
        "negative": ("<ValidVotes>1", "<ValidVotes>-1"),
        "empty votes": ("<ValidVotes>1", "<ValidVotes></ValidVotes><X>1</X"),
        "element in votes": ("<ValidVotes>1", "<ValidVotes><b/>1"),
        "attribute": ("<Selection><Candidate>", '<Selection Value="1"><Candidate>'),
        "single quotes": ('<CandidateIdentifier Id="2"', "<CandidateIdentifier Id='2'"),
        "space before =": ('<CandidateIdentifier Id="2"', '<CandidateIdentifier Id ="2"'),
        "id zero": ('<CandidateIdentifier Id="2"', '<CandidateIdentifier Id="0"'),
        "id twice": ('<CandidateIdentifier Id="2"', '<CandidateIdentifier Id="1"'),
        "unknown candidate": ('<CandidateIdentifier Id="2"', '<CandidateIdentifier Id="9"'),
        "unknown list": ('<AffiliationIdentifier Id="2"', '<AffiliationIdentifier Id="7"'),
        "list twice": ('<AffiliationIdentifier Id="2"', '<AffiliationIdentifier Id="1"'),
        "namespace on selection": (
            "<Selection><Candidate>",
            '<Selection xmlns="urn:x"><Candidate>',
        ),
        "namespace on group": ("<TotalVotes>", '<TotalVotes xmlns="urn:x">'),
        "prefixed": (
            "<Selection><Candidate><CandidateIdentifier",
            f'<e:Selection xmlns:e="{EML_NS}"><Candidate><CandidateIdentifier',
        ),
        "swapped": (
            '<Selection><Candidate><CandidateIdentifier Id="2"/></Candidate><ValidVotes>',
            "<Selection><ValidVotes>",
        ),
        "extra child": ("</Candidate><ValidVotes>", "</Candidate><Gender>x</Gender><ValidVotes>"),
        "full name": (
            '"/></Candidate>',
            '"/><CandidateFullName><x/></CandidateFullName></Candidate>',
        ),
        "two identifiers": ('"/></Candidate>', '"/><CandidateIdentifier Id="3"/></Candidate>'),
        "no identifier": ('<Candidate><CandidateIdentifier Id="2"/></Candidate>', "<Candidate/>"),
        "junk between": ("</Selection>\n", "</Selection><Foo/>\n"),
        "text between": ("</Selection>\n", "</Selection>x\n"),
        "marker name": ("<TotalVotes>", "<TotalVotes><!-- kieswet-selections -->"),
        "latin-1": ('encoding="UTF-8"', 'encoding="ISO-8859-1"'),
        "truncated": ("</Contests>", ""),
        "doctype": ("<EML ", "<!DOCTYPE EML [<!ENTITY a 'b'>]><EML "),
        "selection after counts": ("<Cast>", "<Cast>1</Cast><Selection/><Cast>"),
        "marker element": ("<Cast>", '<kieswet-selections n="0"/><Cast>'),
    }
    for name, (old, new) in replacements.items():
        assert old in text, name
        encoding = "latin-1" if "latin" in name else "utf-8"
        errors = "surrogateescape" if "utf-8" in name else "strict"
        yield name, text.replace(old, new, 1).encode(encoding, errors)
        yield f"{name} (every)", text.replace(old, new).encode(encoding, errors)
    # random moves: swap, drop or duplicate one Selection line
    lines = text.split("\n")
    selections = [i for i, line in enumerate(lines) if "<Selection>" in line]
    rng = random.Random(7)
    for case in range(40):
        changed = list(lines)
        i, j = rng.sample(selections, 2)
        kind = case % 3
        if kind == 0:
            changed[i], changed[j] = changed[j], changed[i]
        elif kind == 1:
            del changed[i]
        else:
            changed.insert(j, changed[i])
        yield f"move {case} ({('swap', 'drop', 'copy')[kind]})", "\n".join(changed).encode()


Outcome = tuple[str, object]


def _read(path: Path, check_sums: bool, known: bool) -> Outcome:
    lists = read_candidate_lists(CANDIDATES) if known else None
    try:
        return "ok", list(iter_counts(path, lists=lists, check_sums=check_sums))
    except EmlError as exc:
        return "error", str(exc)


def _modes(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], None]]:
    def lexical_off() -> None:
        monkeypatch.setattr(lexical, "reduce", lambda data: None)

    def both_off() -> None:
        lexical_off()
        monkeypatch.setattr(counts_module._Group, "_fast", lambda self, element, skip: None)

    return {"default": lambda: None, "no lexical": lexical_off, "slow only": both_off}


@pytest.mark.parametrize(("check_sums", "known"), [(True, True), (False, False)])
def test_every_path_reads_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, check_sums: bool, known: bool
) -> None:
    files = []
    for index, (name, data) in enumerate(_mutations(_base(tmp_path))):
        path = tmp_path / f"m{index}.eml.xml"
        path.write_bytes(data)
        files.append((name, path))
    results: dict[str, list[Outcome]] = {}
    for mode, switch in _modes(monkeypatch).items():
        with monkeypatch.context():
            switch()
            results[mode] = [_read(path, check_sums, known) for _, path in files]
    for index, (name, _) in enumerate(files):
        reference = results["slow only"][index]
        for mode in ("default", "no lexical"):
            assert results[mode][index] == reference, (name, mode)
    outcomes = {outcome for outcome, _ in results["slow only"]}
    assert outcomes == {"ok", "error"}  # the corpus has both kinds


def test_the_fast_paths_are_taken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a canonical file the lexical path takes every group; without it, the XPath path."""
    path = tmp_path / "base.eml.xml"
    path.write_bytes(_base(tmp_path))
    reduced = lexical.reduce(path.read_bytes())
    assert reduced is not None and len(reduced.runs) == 4  # the total and 3 stations
    calls: list[str] = []
    slow = counts_module._Group._slow

    def spy(self: counts_module._Group, *args: object) -> int:
        calls.append("slow")
        return slow(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(counts_module._Group, "_slow", spy)
    assert len(list(iter_counts(path))) == 4
    monkeypatch.setattr(lexical, "reduce", lambda data: None)
    assert len(list(iter_counts(path))) == 4
    assert calls == []


def test_errors_name_the_line_of_the_file(tmp_path: Path) -> None:
    """An error found while reading the reduced document names the file's own line."""
    lines = _base(tmp_path).decode().split("\n")
    second = [i for i, line in enumerate(lines) if "<Cast>" in line][1]  # the first station
    lines[second] = lines[second].replace("<Cast>", "<Cast>x")
    path = tmp_path / "bad.eml.xml"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(EmlError) as caught:
        list(iter_counts(path))
    assert caught.value.line == second + 1
    assert caught.value.element == "Cast"


def test_reduced_document_keeps_its_lines(tmp_path: Path) -> None:
    data = _base(tmp_path)
    reduced = lexical.reduce(data)
    assert reduced is not None
    assert reduced.data.count(b"\n") == data.count(b"\n")
    assert b"<Selection>" not in reduced.data
    assert dataclasses.replace(reduced, runs=()).runs == ()
