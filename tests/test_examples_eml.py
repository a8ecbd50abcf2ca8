"""The EML example set in ``examples/eml`` (synthetic: Gemeenteraad Proefdorp 2026, five seats,
three polling stations) runs through ``kieswet totalise`` and ``kieswet result`` as the README
shows: the 510b of the municipality is totalled into the committed 510d, and the 510d with the
110a and the 230b gives the seats and a 520.

The sums are checked against a second reading of the 510b written here with ElementTree
(independent of ``interchange.eml``); the seats against the hand computation in the docstring.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EML = ROOT / "examples" / "eml"
DEFINITION = EML / "Verkiezingsdefinitie_GR2026_Proefdorp.eml.xml"
CANDIDATES = EML / "Kandidatenlijsten_GR2026_Proefdorp.eml.xml"
TOTAL = EML / "Totaaltelling_GR2026_Proefdorp.eml.xml"
NS = {"eml": "urn:oasis:names:tc:evs:schema:eml"}


def kieswet(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kieswet.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def _list_votes(element: ET.Element) -> dict[str, int]:
    votes: dict[str, int] = {}
    for selection in element.findall("eml:Selection", NS):
        affiliation = selection.find("eml:AffiliationIdentifier", NS)
        if affiliation is not None:
            votes[affiliation.get("Id", "")] = int(selection.findtext("eml:ValidVotes", "", NS))
    return votes


def test_totalise_writes_the_committed_510d(tmp_path: Path) -> None:
    done = kieswet("totalise", str(EML / "510b"), "--definition", str(DEFINITION), "--out",
                   str(tmp_path))  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / TOTAL.name).read_bytes() == TOTAL.read_bytes()
    # a second reading: the polling stations of the 510b, summed per list
    stations = ET.parse(next((EML / "510b").glob("*.xml"))).getroot()
    units = stations.findall(".//eml:ReportingUnitVotes", NS)
    assert len(units) == 3
    summed: dict[str, int] = {}
    for unit in units:
        for number, votes in _list_votes(unit).items():
            summed[number] = summed.get(number, 0) + votes
    total = ET.parse(TOTAL).getroot().find(".//eml:TotalVotes", NS)
    assert total is not None
    assert _list_votes(total) == summed == {"1": 156, "2": 163}


def test_result_gives_the_seats_and_a_520(tmp_path: Path) -> None:
    """319 votes on lists, 5 seats: kiesdeler 319/5 = 63 4/5. Full seats: list 1 156 → 2
    (remainder 156 - 127 3/5 = 28 2/5), list 2 163 → 2 (remainder 35 2/5). One residual seat,
    fewer than 19 seats (P 8): both lists reach 75% of the kiesdeler (47 17/20); the larger
    remainder is list 2's: 2 and 3 seats."""
    done = kieswet("result", str(DEFINITION), str(CANDIDATES), str(TOTAL), "--out", str(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "319 : 5 = 63 4/5" in done.stdout
    section = done.stdout[done.stdout.index("Verdeling van de zetels") :]
    section = section[: section.index("\n\n")]
    rows = [line.split() for line in section.splitlines() if line[:5].strip().isdigit()]
    assert {row[0]: row[-1] for row in rows} == {"1": "2", "2": "3"}, section
    assert list(tmp_path.glob("*.eml.xml")), "no 520 written"
