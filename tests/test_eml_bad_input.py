"""Bad EML_NL input: every file in the corpus gives one clear error, never a traceback.

The corpus (``tests/fixtures/eml/bad-*.eml.xml``) is derived from the valid 510d
``count-510d.eml.xml`` (110a ``definition-110a.eml.xml``, 230b ``candidates-230b.eml.xml``, a
fictional gemeenteraad of 5 seats) by one change each. Each error must name the file, the
element (and line, where the parser knows it) and the reason; through the CLI it must exit
with status 2 and leave no file at all in the output directory.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from interchange.eml import EmlError, read_candidate_lists, read_counts, read_definition
from interchange.eml.secure import Limits, hardened_parser
from interchange.eml.write import atomic_write
from kieswet.cli import main

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "eml"
DEFINITION = CORPUS / "definition-110a.eml.xml"
CANDIDATES = CORPUS / "candidates-230b.eml.xml"
GOOD_COUNT = CORPUS / "count-510d.eml.xml"

# file → (line or None, element or None, words the reason must contain)
BAD_COUNTS: dict[str, tuple[int | None, str | None, tuple[str, ...]]] = {
    "bad-malformed.eml.xml": (53, None, ("malformed XML", "Cst")),
    "bad-wrong-namespace.eml.xml": (
        2,
        "{urn:example:not-eml}EML",
        ("namespace", "urn:example:not-eml"),
    ),
    "bad-missing-cast.eml.xml": (32, "TotalCounted", ("<Cast> is missing",)),
    "bad-missing-blank.eml.xml": (23, "TotalVotes", ('ReasonCode="blanco"', "missing")),
    "bad-negative-count.eml.xml": (47, "ValidVotes", ("negative count '-25'",)),
    "bad-non-numeric-count.eml.xml": (54, "TotalCounted", ("not a whole number", "driehonderd")),
    "bad-candidate-before-list.eml.xml": (24, "Selection", ("candidate Selection before any",)),
    "bad-unknown-list.eml.xml": (28, "AffiliationIdentifier", ("list 7 is not in",)),
    "bad-unknown-candidate.eml.xml": (27, "CandidateIdentifier", ("candidate 9 is not on list 1",)),
    "bad-duplicate-unit.eml.xml": (64, "ReportingUnitVotes", ("'HSB1' occurs twice",)),
    "bad-xxe.eml.xml": (None, None, ("DOCTYPE", "not allowed")),
    "bad-billion-laughs.eml.xml": (None, None, ("DOCTYPE", "not allowed")),
    "bad-truncated.eml.xml": (65, None, ("malformed XML", "truncated")),
    "bad-empty.eml.xml": (None, None, ("the file is empty",)),
    "bad-list-total.eml.xml": (
        45,
        "AffiliationIdentifier",
        ("do not add up", "238", "candidates add up to 237"),
    ),
    "bad-total-counted.eml.xml": (23, "TotalVotes", ("TotalCounted is 610", "add up to 600")),
    "bad-total-not-sum.eml.xml": (
        23,
        "TotalVotes",
        ("C (geldige kiezerspassen) = 5", "add up to 4"),
    ),
}


def test_the_corpus_is_complete() -> None:
    on_disk = {path.name for path in CORPUS.glob("bad-*.eml.xml")}
    assert (
        set(BAD_COUNTS)
        | {
            "bad-110a-missing-seats.eml.xml",
            "bad-230b-duplicate-candidate.eml.xml",
        }
        == on_disk
    )


def test_the_good_files_read() -> None:
    lists = read_candidate_lists(CANDIDATES)
    count = read_counts(GOOD_COUNT, lists=lists)
    assert count.header.message_id == "510d"
    assert [unit.unit_id for unit in count.units] == ["HSB1", "HSB2"]
    assert read_definition(DEFINITION).seats == 5


@pytest.mark.parametrize("name", sorted(BAD_COUNTS))
def test_bad_count_file_gives_a_clear_error(name: str) -> None:
    line, element, words = BAD_COUNTS[name]
    with pytest.raises(EmlError) as caught:
        read_counts(CORPUS / name, lists=read_candidate_lists(CANDIDATES))
    error = caught.value
    message = str(error)
    assert message.startswith(str(CORPUS / name))
    assert error.line == line
    assert error.element == element
    for word in words:
        assert word in message


def test_external_entity_is_never_read() -> None:
    """XXE: refused before use, and the parser would not resolve it even past that check."""
    with pytest.raises(EmlError) as caught:
        read_definition(CORPUS / "bad-xxe.eml.xml")  # the tree parser of 110a / 230b
    assert "SECRET" not in str(caught.value)
    parser = hardened_parser()
    tree = etree.fromstring(
        (CORPUS / "bad-xxe.eml.xml").read_bytes(), parser, base_url=str(CORPUS / "bad-xxe.eml.xml")
    )
    assert b"SECRET" not in etree.tostring(tree)
    assert (CORPUS / "secret.txt").read_text().startswith("SECRET")  # the bait is there


def test_billion_laughs_is_not_expanded_by_the_parser() -> None:
    """Past our own refusal, the parser settings alone do not expand the entities either.

    libxml2 may stop the bomb itself (an XMLSyntaxError, worded as each version words it: not
    asserted) or parse it unexpanded; either way the tree stays small.
    """
    parser = hardened_parser()
    try:
        tree = etree.fromstring((CORPUS / "bad-billion-laughs.eml.xml").read_bytes(), parser)
    except etree.XMLSyntaxError:
        return
    assert len(etree.tostring(tree)) < 100_000


def test_size_limit() -> None:
    with pytest.raises(EmlError, match="larger than the limit of 1,000 bytes"):
        read_counts(GOOD_COUNT, limits=Limits(max_bytes=1000))
    with pytest.raises(EmlError, match="larger than the limit"):
        read_candidate_lists(CANDIDATES, limits=Limits(max_bytes=1000))


def test_bad_definition_and_candidate_lists() -> None:
    with pytest.raises(EmlError) as caught:
        read_definition(CORPUS / "bad-110a-missing-seats.eml.xml")
    assert caught.value.element == "Election"
    assert "required element <kr:NumberOfSeats> is missing" in str(caught.value)
    with pytest.raises(EmlError, match="candidate 2 occurs twice on list 1"):
        read_candidate_lists(CORPUS / "bad-230b-duplicate-candidate.eml.xml")
    with pytest.raises(EmlError, match="this is an EML 110a message; expected 510a, 510b"):
        read_counts(DEFINITION)


def test_a_failed_write_leaves_nothing(tmp_path: Path) -> None:
    def chunks() -> object:
        yield b"<EML>"
        raise ValueError("broken halfway")

    with pytest.raises(ValueError):
        atomic_write(tmp_path / "out.xml", chunks())  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def kieswet(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kieswet.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


CLI_CASES = [("count", name) for name in sorted(BAD_COUNTS)] + [
    ("definition", "bad-110a-missing-seats.eml.xml"),
    ("candidates", "bad-230b-duplicate-candidate.eml.xml"),
]


@pytest.mark.parametrize(("role", "name"), CLI_CASES)
def test_cli_rejects_bad_input_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], role: str, name: str
) -> None:
    """In-process (an exception would fail the test); one subprocess run is below."""
    files = {"definition": DEFINITION, "candidates": CANDIDATES, "count": GOOD_COUNT}
    files[role] = CORPUS / name
    code = main(
        [
            "result",
            str(files["definition"]),
            str(files["candidates"]),
            str(files["count"]),
            "--out",
            str(tmp_path),
        ]
    )
    out, err = capsys.readouterr()
    assert code == 2, out + err
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"kieswet result: {CORPUS / name}")
    assert "SECRET" not in out + err
    assert list(tmp_path.iterdir()) == []  # no 520, no temporary file


def test_cli_process_prints_no_traceback(tmp_path: Path) -> None:
    done = kieswet(
        "result",
        str(DEFINITION),
        str(CANDIDATES),
        str(CORPUS / "bad-xxe.eml.xml"),
        "--out",
        str(tmp_path),
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"kieswet result: {CORPUS / 'bad-xxe.eml.xml'}: ")
    assert "SECRET" not in done.stdout + done.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_on_good_input_writes_the_520(tmp_path: Path) -> None:
    done = kieswet(
        "result", str(DEFINITION), str(CANDIDATES), str(GOOD_COUNT), "--out", str(tmp_path)
    )
    assert done.returncode == 0, done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["Resultaat_GR2026_Proefdorp.eml.xml"]


def test_a_doctype_after_a_long_prolog_is_refused_too(tmp_path: Path) -> None:
    """Beyond the bytes searched before parsing, the parsed tree's doctype is checked."""
    good = GOOD_COUNT.read_bytes()
    declaration_end = good.index(b"?>") + 2
    padded = (
        good[:declaration_end]
        + b"<!--" + b" " * 70_000 + b"-->\n<!DOCTYPE EML>\n"
        + good[declaration_end:]
    )
    path = tmp_path / "late-doctype.eml.xml"
    path.write_bytes(padded)
    with pytest.raises(EmlError, match="DOCTYPE"):
        read_counts(path, lists=read_candidate_lists(CANDIDATES))
