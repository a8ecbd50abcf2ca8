"""EML_NL 110a (verkiezingsdefinitie): which election, how many seats, which regions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from interchange.eml.errors import EmlError
from interchange.eml.names import eml, kr
from interchange.eml.secure import DEFAULT_LIMITS, Limits, parse_document
from interchange.eml.structure import (
    required,
    required_attribute,
    required_text,
    text,
    whole_number,
)
from spec.model import ELECTION_KINDS, ElectionKind


@dataclass(frozen=True, slots=True)
class ElectionIdentifier:
    """``ElectionIdentifier`` as in 110a, 230b, 510 and 520 (copied into what we write)."""

    id: str
    name: str
    category: str  # ElectionCategory: TK, EP, PS, AB, GR, ER, EK (or BC, GC, ...)
    subcategory: str  # kr:ElectionSubcategory, e.g. GR1 (< 19 seats) / GR2; '' if absent
    domain_id: str  # kr:ElectionDomain/@Id; '' if absent
    domain: str  # kr:ElectionDomain text (municipality, province, ...); '' if absent
    date: str  # kr:ElectionDate, ISO date; '' if absent

    @property
    def kind(self) -> ElectionKind | None:
        """The election kind of the seat allocation, or ``None`` (e.g. BC, GC)."""
        for kind in ELECTION_KINDS:
            if kind == self.category:
                return kind
        return None


@dataclass(frozen=True, slots=True)
class Region:
    """A ``kr:Region`` of the ``kr:ElectionTree`` (gemeente, kieskring, provincie, ...)."""

    number: str
    category: str
    name: str
    superior_number: str | None
    superior_category: str | None
    committees: tuple[str, ...]  # CommitteeCategory: CSB, HSB, ...


@dataclass(frozen=True, slots=True)
class ElectionDefinition:
    """What a 110a says: the election, its seats, preference threshold and regions."""

    election: ElectionIdentifier
    seats: int  # kr:NumberOfSeats
    preference_threshold: int  # kr:PreferenceThreshold, percent of the quota (kiesdeler)
    contest_ids: tuple[str, ...]
    regions: tuple[Region, ...]


def read_identifier(path: Path, element: etree._Element) -> ElectionIdentifier:
    """An ``ElectionIdentifier`` element (shared by all message types)."""
    domain = element.find(kr("ElectionDomain"))
    return ElectionIdentifier(
        id=required_attribute(path, element, "Id"),
        name=text(element.find(eml("ElectionName"))),
        category=required_text(path, element, eml("ElectionCategory")),
        subcategory=text(element.find(kr("ElectionSubcategory"))),
        domain_id=(domain.get("Id") or "").strip() if domain is not None else "",
        domain=text(domain),
        date=text(element.find(kr("ElectionDate"))),
    )


def read_definition(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> ElectionDefinition:
    """Read a 110a file (hardened); raises :class:`EmlError` naming file, element and reason."""
    path = Path(path)
    root, _ = parse_document(path, {"110a"}, limits)
    event = required(path, root, eml("ElectionEvent"))
    election = required(path, event, eml("Election"))
    identifier = read_identifier(path, required(path, election, eml("ElectionIdentifier")))
    seats_element = required(path, election, kr("NumberOfSeats"))
    seats = whole_number(path, seats_element)
    if seats < 1:
        raise EmlError(
            path,
            "an election has at least 1 seat",
            element=seats_element.tag,
            line=seats_element.sourceline,
        )
    threshold = whole_number(path, required(path, election, kr("PreferenceThreshold")))
    contests = tuple(
        required_attribute(path, required(path, contest, eml("ContestIdentifier")), "Id")
        for contest in election.iterfind(eml("Contest"))
    )
    regions = []
    tree = election.find(kr("ElectionTree"))
    for region in tree.iterfind(kr("Region")) if tree is not None else ():
        regions.append(
            Region(
                number=(region.get("RegionNumber") or "").strip(),
                category=required_attribute(path, region, "RegionCategory"),
                name=text(region.find(kr("RegionName"))),
                superior_number=region.get("SuperiorRegionNumber"),
                superior_category=region.get("SuperiorRegionCategory"),
                committees=tuple(
                    committee.get("CommitteeCategory") or ""
                    for committee in region.iterfind(kr("Committee"))
                ),
            )
        )
    return ElectionDefinition(identifier, seats, threshold, contests, tuple(regions))
