"""EML_NL 230b (kandidatenlijsten): the lists, their candidates, and list groups."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from interchange.eml.definition import ElectionIdentifier, read_identifier
from interchange.eml.errors import EmlError
from interchange.eml.names import XAL_NS, XNL_NS, eml
from interchange.eml.secure import DEFAULT_LIMITS, Limits, parse_document
from interchange.eml.structure import positive_id, required, text


@dataclass(frozen=True, slots=True)
class CandidateEntry:
    """A candidate on a list: number (position) and name; the name and address elements are
    kept as XML (``full_name_xml``, ``address_xml``) to be copied into a 520 unchanged."""

    number: int
    initials: str
    first_name: str
    prefix: str
    last_name: str
    gender: str
    locality: str
    full_name_xml: bytes
    address_xml: bytes | None

    @property
    def display_name(self) -> str:
        """``Hekking, T. (Tjolk)``-style name as on the proces-verbaal."""
        last = f"{self.prefix} {self.last_name}".strip()
        first = f" ({self.first_name})" if self.first_name else ""
        return f"{last}, {self.initials}{first}".strip(", ")


@dataclass(frozen=True, slots=True)
class ListEntry:
    """An ``Affiliation``: list number, registered name (appellation), type, candidates.

    ``type`` is the 230b ``Type``: ``op zichzelf staande lijst``, ``lijstengroep`` or
    ``stel gelijkluidende lijsten``.
    """

    number: int
    name: str
    type: str
    candidates: tuple[CandidateEntry, ...]


@dataclass(frozen=True, slots=True)
class ContestLists:
    """The lists of one contest (kieskring, or ``geen`` / ``alle`` without districts)."""

    contest_id: str
    contest_name: str
    lists: tuple[ListEntry, ...]


@dataclass(frozen=True, slots=True)
class CandidateLists:
    """What a 230b says. A list number stands for the same list (or list group) in every
    contest; :meth:`lists` merges them (the union of the candidate numbers)."""

    election: ElectionIdentifier
    authority_id: str
    authority_name: str
    contests: tuple[ContestLists, ...]

    def lists(self) -> Mapping[int, ListEntry]:
        """List number → the list; for list groups over several contests, the first contest's
        name and type and every candidate number that occurs (first occurrence kept)."""
        merged: dict[int, ListEntry] = {}
        for contest in self.contests:
            for entry in contest.lists:
                known = merged.get(entry.number)
                if known is None:
                    merged[entry.number] = entry
                    continue
                seen = {candidate.number for candidate in known.candidates}
                extra = tuple(c for c in entry.candidates if c.number not in seen)
                if extra:
                    candidates = tuple(sorted(known.candidates + extra, key=_number))
                    merged[entry.number] = ListEntry(
                        known.number, known.name, known.type, candidates
                    )
        return dict(sorted(merged.items()))


def _number(candidate: CandidateEntry) -> int:
    return candidate.number


def _candidate(path: Path, element: etree._Element) -> CandidateEntry:
    identifier = required(path, element, eml("CandidateIdentifier"))
    number = positive_id(path, identifier, "candidate")
    full_name = required(path, element, eml("CandidateFullName"))
    person = full_name.find(f"{{{XNL_NS}}}PersonName")
    initials = first = prefix = last = ""
    if person is not None:
        for part in person:
            if part.tag == f"{{{XNL_NS}}}NameLine" and part.get("NameType") == "Initials":
                initials = text(part)
            elif part.tag == f"{{{XNL_NS}}}FirstName":
                first = text(part)
            elif part.tag == f"{{{XNL_NS}}}NamePrefix":
                prefix = text(part)
            elif part.tag == f"{{{XNL_NS}}}LastName":
                last = text(part)
    if not last:
        raise EmlError(
            path,
            f"candidate {number} has no xnl:LastName",
            element=full_name.tag,
            line=full_name.sourceline,
        )
    address = element.find(eml("QualifyingAddress"))
    locality = ""
    if address is not None:
        locality = text(address.find(f".//{{{XAL_NS}}}LocalityName"))
    return CandidateEntry(
        number=number,
        initials=initials,
        first_name=first,
        prefix=prefix,
        last_name=last,
        gender=text(element.find(eml("Gender"))),
        locality=locality,
        full_name_xml=etree.tostring(full_name),
        address_xml=etree.tostring(address) if address is not None else None,
    )


def _affiliation(path: Path, element: etree._Element) -> ListEntry:
    identifier = required(path, element, eml("AffiliationIdentifier"))
    number = positive_id(path, identifier, "list (AffiliationIdentifier)")
    candidates: list[CandidateEntry] = []
    seen: set[int] = set()
    for candidate_element in element.iterfind(eml("Candidate")):
        candidate = _candidate(path, candidate_element)
        if candidate.number in seen:
            raise EmlError(
                path,
                f"candidate {candidate.number} occurs twice on list {number}",
                element=candidate_element.tag,
                line=candidate_element.sourceline,
            )
        seen.add(candidate.number)
        candidates.append(candidate)
    return ListEntry(
        number=number,
        name=text(identifier.find(eml("RegisteredName"))),
        type=text(element.find(eml("Type"))),
        candidates=tuple(candidates),
    )


def read_candidate_lists(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> CandidateLists:
    """Read a 230b file (hardened); raises :class:`EmlError` naming file, element and reason."""
    path = Path(path)
    root, _ = parse_document(path, {"230b"}, limits)
    authority = root.find(f"{eml('ManagingAuthority')}/{eml('AuthorityIdentifier')}")
    candidate_list = required(path, root, eml("CandidateList"))
    election = required(path, candidate_list, eml("Election"))
    identifier = read_identifier(path, required(path, election, eml("ElectionIdentifier")))
    contests = []
    for contest in election.iterfind(eml("Contest")):
        contest_identifier = required(path, contest, eml("ContestIdentifier"))
        lists: list[ListEntry] = []
        numbers: set[int] = set()
        for affiliation in contest.iterfind(eml("Affiliation")):
            entry = _affiliation(path, affiliation)
            if entry.number in numbers:
                raise EmlError(
                    path,
                    f"list {entry.number} occurs twice in contest {contest_identifier.get('Id')}",
                    element=affiliation.tag,
                    line=affiliation.sourceline,
                )
            numbers.add(entry.number)
            lists.append(entry)
        contests.append(
            ContestLists(
                contest_id=(contest_identifier.get("Id") or "").strip(),
                contest_name=text(contest_identifier.find(eml("ContestName"))),
                lists=tuple(lists),
            )
        )
    if not contests:
        raise EmlError(
            path, "no <Contest> with lists", element=election.tag, line=election.sourceline
        )
    return CandidateLists(
        election=identifier,
        authority_id=(authority.get("Id") or "") if authority is not None else "",
        authority_name=text(authority),
        contests=tuple(contests),
    )
