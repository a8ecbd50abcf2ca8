"""``kieswet check --eml``: a vendor's EML 520 judged against the election of its 110a, 230b
and 510d, on the final result only (issue 13: check what vendors actually output).

The election is the bundled synthetic example (examples/eml): gemeenteraad Proefdorp, 5 seats,
319 votes, kiesdeler 319 / 5 = 63 4/5. List 1 (156 votes): 156 / 63 4/5 → 2 full seats,
remainder 156 − 127 3/5 = 28 2/5; list 2 (163 votes): 2 full seats, remainder 35 2/5. One
residual seat (P 8 lid 1, both lists above 75% of the kiesdeler): list 2 (35 2/5 > 28 2/5).
Seats 2 and 3.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree

from kieswet.cli import main

ROOT = Path(__file__).resolve().parent.parent
EML = ROOT / "examples" / "eml"
DEFINITION = EML / "Verkiezingsdefinitie_GR2026_Proefdorp.eml.xml"
CANDIDATES = EML / "Kandidatenlijsten_GR2026_Proefdorp.eml.xml"
COUNT = EML / "Totaaltelling_GR2026_Proefdorp.eml.xml"
NS = "urn:oasis:names:tc:evs:schema:eml"


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


@pytest.fixture
def result_520(tmp_path: Path) -> Path:
    """The 520 `kieswet result` writes for the example (checked against the hand computation
    above by tests/test_examples_eml.py)."""
    assert (
        main(["result", str(DEFINITION), str(CANDIDATES), str(COUNT), "--out", str(tmp_path)]) == 0
    )
    return next(tmp_path.glob("Resultaat_*.eml.xml"))


def _check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["check", "--eml", str(DEFINITION), str(CANDIDATES), str(COUNT), str(path)])
    out = capsys.readouterr()
    return code, out.out, out.err


def _selections(tree: etree._ElementTree) -> list[etree._Element]:
    return list(tree.getroot().iter(_q("Selection")))


def test_the_lawful_520_passes(result_520: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _check(result_520, capsys)
    assert code == 0
    assert "geen regel geschonden (beoordeeld op het eindresultaat)" in out


def test_a_residual_seat_on_the_wrong_list_is_named(
    result_520: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Move list 2's last elected candidate to list 1 (as list 1's third, in list order): seats
    3 / 2. The residual seat belongs to list 2 (remainder 35 2/5 > 28 2/5): P 8 lid 1."""
    tree = etree.parse(str(result_520))
    selections = _selections(tree)
    list_two = next(
        i
        for i, s in enumerate(selections)
        if (a := s.find(_q("AffiliationIdentifier"))) is not None and a.get("Id") == "2"
    )
    last = selections[-1]
    contest = last.getparent()
    assert contest is not None
    contest.remove(last)
    moved = copy.deepcopy(selections[list_two - 1])  # list 1's last candidate, as a template
    identifier = moved.find(f"{_q('Candidate')}/{_q('CandidateIdentifier')}")
    assert identifier is not None
    elected_on_one = {
        s.find(f"{_q('Candidate')}/{_q('CandidateIdentifier')}").get("Id")  # type: ignore[union-attr]
        for s in selections[1:list_two]
    }
    identifier.set("Id", next(n for n in ("1", "2", "3") if n not in elected_on_one))
    ranking = moved.find(_q("Ranking"))
    assert ranking is not None
    ranking.text = "2"
    selections[list_two - 1].addnext(moved)
    wrong = tmp_path / "wrong.eml.xml"
    tree.write(str(wrong), xml_declaration=True, encoding="UTF-8")
    code, out, _ = _check(wrong, capsys)
    assert code == 1
    assert out.startswith("P8.1-largest-remainder (P 8 lid 1)")
    assert "beoordeeld op het eindresultaat" in out


def test_a_preference_seat_claimed_as_list_order_is_named(
    result_520: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The example elects its candidates on preference votes (Ranking 1: more than half of the
    kiesdeler, 31 9/10, P 15 lid 2). Claiming the first of them elected in list order (Ranking
    2) departs from P 15."""
    text = result_520.read_text("utf-8")
    assert "<Ranking>1</Ranking>" in text
    wrong = tmp_path / "wrong.eml.xml"
    wrong.write_text(text.replace("<Ranking>1</Ranking>", "<Ranking>2</Ranking>", 1), "utf-8")
    code, out, _ = _check(wrong, capsys)
    assert code == 1
    assert "(P 15" in out


def test_a_520_naming_an_unknown_list_is_refused(
    result_520: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = result_520.read_text("utf-8")
    wrong = tmp_path / "unknown.eml.xml"
    wrong.write_text(
        text.replace('AffiliationIdentifier Id="2"', 'AffiliationIdentifier Id="7"'), "utf-8"
    )
    code, _, err = _check(wrong, capsys)
    assert code == 2
    assert str(wrong) in err and "list 7 is not a list of this election" in err


def test_eml_and_json_arguments_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "a.json", "b.json", "--eml", "1", "2", "3", "4"])
    assert code == 2
    assert "not both" in capsys.readouterr().err
