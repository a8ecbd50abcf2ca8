"""EML_NL 510a/b/c/d (telling): counts per reporting unit, read as ``spec.counts.Count``.

A 510 holds, per ``Contest``, an optional ``TotalVotes`` (the count of the body that made the
file: the polling station in a 510a, the municipality in a 510b, the district in a 510c, the
CSB in a 510d) and a ``ReportingUnitVotes`` per unit below it (polling stations in a 510b,
municipalities in a 510c, districts in a 510d). Each carries the same vote group; the field
names mislead, so here is the mapping (DOMAIN.md §7, letters of the proces-verbaal):

=====================================================  ======================================
EML                                                    ``Count``
=====================================================  ======================================
``Selection/AffiliationIdentifier/@Id`` + ValidVotes   a list and its total E.n
``Selection/Candidate/CandidateIdentifier/@Id``        a candidate of the list Selection
+ ValidVotes                                           *before* it (order is meaningful)
``Cast``                                               ``eligible_voters`` (kiesgerechtigden)
``TotalCounted``                                       ``reported_votes_on_lists`` (E)
``RejectedVotes[@ReasonCode="blanco"]``                ``blank`` (F)
``RejectedVotes[@ReasonCode="ongeldig"]``              ``invalid`` (G)
``UncountedVotes``: ``geldige stempassen``             ``admitted.poll_cards`` (A)
``geldige volmachtbewijzen``                           ``admitted.proxy_certificates`` (B)
``geldige kiezerspassen``                              ``admitted.voter_cards`` (C)
``toegelaten kiezers``                                 ``admitted.total`` (D)
``meer getelde stembiljetten``                         ``more_counted`` (I)
``minder getelde stembiljetten``                       ``fewer_counted`` (J)
other ``UncountedVotes`` reason codes                  ``ContestCounts.explanations``
(none)                                                 ``total_counted`` (H) = E + F + G
=====================================================  ======================================

An absent A, B, C, I or J reads as 0 and an absent D as A + B + C (the schema makes all of them
optional). The file is streamed: memory stays that of one reporting unit plus the counts
returned (:func:`iter_counts` returns none: it yields them one by one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from kieswet.eml.candidates import CandidateLists
from kieswet.eml.definition import ElectionIdentifier, read_identifier
from kieswet.eml.errors import EmlError
from kieswet.eml.names import EML_NS, eml, kr
from kieswet.eml.secure import DEFAULT_LIMITS, Limits, iter_elements
from kieswet.eml.structure import required_attribute, text, whole_number
from spec.counts import AdmittedVoters, Count, Level, ListCount

MESSAGE_LEVELS: Mapping[str, tuple[Level, Level | None]] = {
    "510a": ("SB", None),
    "510b": ("GSB", "SB"),
    "510c": ("HSB", "GSB"),
    "510d": ("CSB", "HSB"),
}
"""Message type → (level of its ``TotalVotes``, level of its ``ReportingUnitVotes``)."""

COUNT_MESSAGES = frozenset(MESSAGE_LEVELS)

# UncountedVotes reason codes that are fields of Count.
POLL_CARDS = "geldige stempassen"
PROXY_CERTIFICATES = "geldige volmachtbewijzen"
VOTER_CARDS = "geldige kiezerspassen"
ADMITTED = "toegelaten kiezers"
MORE_COUNTED = "meer getelde stembiljetten"
FEWER_COUNTED = "minder getelde stembiljetten"
FIELD_CODES = (POLL_CARDS, PROXY_CERTIFICATES, VOTER_CARDS, ADMITTED, MORE_COUNTED, FEWER_COUNTED)
EXPLANATION_CODES = (
    "meegenomen stembiljetten",
    "te weinig uitgereikte stembiljetten",
    "te veel uitgereikte stembiljetten",
    "geen briefstembiljetten",
    "te veel briefstembiljetten",
    "kwijtgeraakte stembiljetten",
    "geen verklaring",
    "andere verklaring",
)
"""The other ``UncountedVotes`` reason codes of the 510 schema: explanations of a difference."""

_SELECTION = eml("Selection")
_AFFILIATION = eml("AffiliationIdentifier")
_CANDIDATE = eml("Candidate")
_CANDIDATE_ID = eml("CandidateIdentifier")
_VALID_VOTES = eml("ValidVotes")
_CAST = eml("Cast")
_TOTAL_COUNTED = eml("TotalCounted")
_REJECTED = eml("RejectedVotes")
_UNCOUNTED = eml("UncountedVotes")
_RU_IDENTIFIER = eml("ReportingUnitIdentifier")
_INVESTIGATIONS = kr("ReportingUnitInvestigations")
_TOTAL_VOTES = eml("TotalVotes")
_RU_VOTES = eml("ReportingUnitVotes")
_CONTEST = eml("Contest")
_CONTEST_ID = eml("ContestIdentifier")
_ELECTION_ID = eml("ElectionIdentifier")
_AUTHORITY_ID = eml("AuthorityIdentifier")
_CREATED = kr("CreationDateTime")


@dataclass(frozen=True, slots=True)
class ContestCounts:
    """One ``Contest`` of a 510: its total (if stated) and its units' counts, in file order.

    ``explanations`` maps a unit id to the explanation codes it states (reason code → number).
    """

    contest_id: str
    total: Count | None
    units: tuple[Count, ...]
    explanations: Mapping[str, Mapping[str, int]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CountHeader:
    """Everything in a 510 besides the counts."""

    path: str
    message_id: str  # 510a, 510b, 510c or 510d
    election: ElectionIdentifier
    authority_id: str  # ManagingAuthority/AuthorityIdentifier/@Id: 0042, HSB1, CSB, ...
    authority_name: str
    creation_date_time: str  # kr:CreationDateTime ('' if absent)

    @property
    def total_level(self) -> Level:
        return MESSAGE_LEVELS[self.message_id][0]

    @property
    def unit_level(self) -> Level | None:
        return MESSAGE_LEVELS[self.message_id][1]


@dataclass(frozen=True, slots=True)
class CountFile:
    """A whole 510: header and contests."""

    header: CountHeader
    contests: tuple[ContestCounts, ...]

    @property
    def totals(self) -> tuple[Count, ...]:
        return tuple(c.total for c in self.contests if c.total is not None)

    @property
    def units(self) -> tuple[Count, ...]:
        return tuple(unit for contest in self.contests for unit in contest.units)


@dataclass(frozen=True, slots=True)
class CountItem:
    """One item streamed by :func:`iter_counts`: a contest's total or one of its units."""

    contest_index: int  # 0, 1, ...: the Contest's position in the file
    contest_id: str
    is_total: bool
    count: Count
    explanations: Mapping[str, int]


def _error(path: Path, element: etree._Element, reason: str) -> EmlError:
    return EmlError(path, reason, element=element.tag, line=element.sourceline)


KnownLists = Mapping[int, frozenset[int]]
"""List number → its candidate numbers, to check a 510 against the 230b."""


def known_lists(candidate_lists: CandidateLists) -> KnownLists:
    return {
        number: frozenset(c.number for c in entry.candidates)
        for number, entry in candidate_lists.lists().items()
    }


_NS = {"e": EML_NS}
_SHAPE = etree.XPath(
    # Every Selection: two children, one ValidVotes, one AffiliationIdentifier or Candidate
    # (with one CandidateIdentifier); nothing of these nested elsewhere. Counting, not
    # predicates (self::), keeps this one cheap traversal per count in libxml2.
    "count(e:Selection/*) = 2 * count(e:Selection)"
    " and count(e:Selection/e:ValidVotes) = count(e:Selection)"
    " and count(.//e:ValidVotes) = count(e:Selection)"
    " and count(e:Selection/e:AffiliationIdentifier) + count(e:Selection/e:Candidate)"
    " = count(e:Selection)"
    " and count(.//e:AffiliationIdentifier) = count(e:Selection/e:AffiliationIdentifier)"
    " and count(.//e:CandidateIdentifier) = count(e:Selection/e:Candidate/e:CandidateIdentifier)"
    " and count(e:Selection/e:Candidate/e:CandidateIdentifier) = count(e:Selection/e:Candidate)",
    namespaces=_NS,
)
_SELECTIONS = etree.XPath("count(e:Selection)", namespaces=_NS)


class _Lists:
    """Collects the lists of one vote group from its Selections, in order."""

    def __init__(self, group: _Group, unit_id: str) -> None:
        self.group = group
        self.unit_id = unit_id
        self.lists: list[ListCount] = []
        self.numbers: set[int] = set()
        self.number = 0
        self.total = 0
        self.candidates: dict[int, int] = {}
        self.element: etree._Element | None = None

    def start_list(self, ident: etree._Element, votes: int) -> None:
        group = self.group
        if self.element is not None:
            self.close()
        raw = ident.get("Id")
        if raw is None or not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
            raise _error(group.path, ident, f"list Id {raw!r} is not a number of at least 1")
        number = int(raw)
        if number in self.numbers:
            raise _error(group.path, ident, f"list {number} occurs twice in {self.unit_id}")
        if group.known is not None and number not in group.known:
            raise _error(group.path, ident, f"list {number} is not in the candidate lists (230b)")
        self.numbers.add(number)
        self.number = number
        self.element = ident
        self.total = votes
        self.candidates = {}

    def add_candidate(self, selection: etree._Element, ident: etree._Element, votes: int) -> None:
        group = self.group
        if self.element is None:
            raise _error(
                group.path,
                selection,
                "a candidate Selection before any list Selection: a candidate belongs to the "
                "list (AffiliationIdentifier) Selection before it",
            )
        raw = ident.get("Id")
        if raw is None or not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
            raise _error(group.path, ident, f"candidate Id {raw!r} is not a number of at least 1")
        candidate = int(raw)
        if candidate in self.candidates:
            raise _error(
                group.path,
                ident,
                f"candidate {candidate} of list {self.number} occurs twice in {self.unit_id}",
            )
        if group.known is not None and candidate not in group.known[self.number]:
            raise _error(
                group.path,
                ident,
                f"candidate {candidate} is not on list {self.number} in the candidate lists (230b)",
            )
        self.candidates[candidate] = votes

    def close(self) -> None:
        assert self.element is not None
        candidates, total = self.candidates, self.total
        if self.group.check_sums and candidates and sum(candidates.values()) != total:
            raise _error(
                self.group.path,
                self.element,
                f"totals do not add up in {self.unit_id}: list {self.number} has {total} votes, "
                f"its candidates add up to {sum(candidates.values())}",
            )
        self.lists.append(ListCount(self.number, total, candidates))
        self.element = None


class _Group:
    """Reads one vote group (the children of TotalVotes or ReportingUnitVotes).

    Well-formed groups (checked in one XPath evaluation, in C) take a fast path that visits
    only the identifier and ValidVotes elements; any other group takes the element-by-element
    path, which finds and names the first structural fault.
    """

    def __init__(self, path: Path, known: KnownLists | None, check_sums: bool) -> None:
        self.path = path
        self.known = known
        self.check_sums = check_sums

    def _fast(self, element: etree._Element, collect: _Lists) -> int | None:
        """The Selections of a group of the right shape; ``None`` if anything is irregular
        (nesting, a bad or repeated number, a candidate before any list, an unknown id): the
        caller then takes the slow path, which names the fault. The per-Selection work is
        kept to collecting strings; conversion and checks run per list, in C builtins."""
        items = element.iter(_AFFILIATION, _CANDIDATE_ID, _VALID_VOTES)
        ids: list[str | None] = []
        votes: list[str | None] = []
        seen = 0
        for ident in items:
            votes_element = next(items, None)
            if votes_element is None:
                return None
            seen += 1
            if ident.tag == _CANDIDATE_ID:
                if collect.element is None:
                    return None
                ids.append(ident.get("Id"))
                votes.append(votes_element.text)
                continue
            if collect.element is not None and not self._candidates(collect, ids, votes):
                return None
            ids, votes = [], []
            collect.start_list(ident, whole_number(self.path, votes_element))
        if collect.element is not None and not self._candidates(collect, ids, votes):
            return None
        if seen != int(_SELECTIONS(element)):
            return None
        return seen

    def _candidates(self, collect: _Lists, ids: list[str | None], votes: list[str | None]) -> bool:
        """Convert one list's candidate ids and votes at once; ``False`` if any is irregular."""
        if not ids:
            return True
        if not (all(ids) and all(votes)):
            return False
        joined_ids = "".join(ids)  # type: ignore[arg-type]  # all() excluded None
        joined_votes = "".join(votes)  # type: ignore[arg-type]
        if not (joined_ids.isascii() and joined_ids.isdigit()):
            return False
        if not (joined_votes.isascii() and joined_votes.isdigit()):
            return False
        numbers = list(map(int, ids))  # type: ignore[arg-type]
        candidates = dict(zip(numbers, map(int, votes), strict=True))  # type: ignore[arg-type]
        if len(candidates) != len(numbers) or min(numbers) < 1:
            return False
        if self.known is not None and not self.known[collect.number].issuperset(numbers):
            return False
        collect.candidates = candidates
        return True

    def _slow(self, element: etree._Element, collect: _Lists, skip: int) -> int:
        path = self.path
        count = 0
        for index, child in enumerate(element):
            if index < skip:
                continue
            if child.tag != _SELECTION:
                break
            count += 1
            if len(child) != 2 or child[1].tag != _VALID_VOTES:
                raise _error(
                    path,
                    child,
                    "a Selection holds a Candidate or an AffiliationIdentifier, then ValidVotes",
                )
            what = child[0]
            votes = whole_number(path, child[1])
            if what.tag == _CANDIDATE:
                ident = what.find(_CANDIDATE_ID)
                if ident is None:
                    raise _error(path, what, "required element <CandidateIdentifier> is missing")
                collect.add_candidate(child, ident, votes)
            elif what.tag == _AFFILIATION:
                collect.start_list(what, votes)
            else:
                raise _error(
                    path,
                    what,
                    "a Selection here holds a Candidate or an AffiliationIdentifier "
                    "(referendum options are not supported)",
                )
        return count

    def read(
        self, element: etree._Element, unit_id: str, name: str, level: Level, skip: int
    ) -> tuple[Count, dict[str, int]]:
        path = self.path
        collect = _Lists(self, unit_id)
        selections = None
        if _SHAPE(element):
            try:
                selections = self._fast(element, collect)
            except EmlError:
                selections = None
        if selections is None:  # an irregular group: the slow path names the fault
            collect = _Lists(self, unit_id)
            selections = self._slow(element, collect, skip)
        if collect.element is not None:
            collect.close()
        lists = collect.lists
        cast: int | None = None
        counted: int | None = None
        rejected: dict[str, int] = {}
        uncounted: dict[str, int] = {}
        state = 0  # 0 selections, 1 after Cast, 2 after TotalCounted, 3 rejected/uncounted
        for child in element[skip + selections :]:
            tag = child.tag
            if tag == _SELECTION:
                raise _error(path, child, "a Selection after the counts: Selections come first")
            if tag == _CAST:
                if state != 0:
                    raise _error(path, child, "Cast must follow the Selections, once")
                cast = whole_number(path, child)
                state = 1
            elif tag == _TOTAL_COUNTED:
                if state == 0:
                    raise _error(
                        path,
                        child,
                        "required element <Cast> is missing (it comes between the Selections "
                        "and TotalCounted)",
                    )
                if state != 1:
                    raise _error(path, child, "TotalCounted must follow Cast, once")
                counted = whole_number(path, child)
                state = 2
            elif tag in (_REJECTED, _UNCOUNTED):
                if state < 2:
                    raise _error(path, child, "must follow TotalCounted")
                state = 3
                code = required_attribute(path, child, "ReasonCode")
                target = rejected if tag == _REJECTED else uncounted
                if tag == _REJECTED and code not in ("blanco", "ongeldig"):
                    raise _error(path, child, f"unknown ReasonCode {code!r} (blanco, ongeldig)")
                if tag == _UNCOUNTED and code not in FIELD_CODES + EXPLANATION_CODES:
                    raise _error(path, child, f"unknown ReasonCode {code!r}")
                if code in target:
                    raise _error(path, child, f"ReasonCode {code!r} occurs twice")
                target[code] = whole_number(path, child)
            elif tag == _INVESTIGATIONS and element.tag == _RU_VOTES:
                continue
            else:
                raise _error(path, child, f"unexpected element in <{_local(element.tag)}>")
        if cast is None or counted is None:
            missing = "Cast" if cast is None else "TotalCounted"
            raise _error(path, element, f"required element <{missing}> is missing")
        for code in ("blanco", "ongeldig"):
            if code not in rejected:
                raise _error(
                    path, element, f'required <RejectedVotes ReasonCode="{code}"> is missing'
                )
        if not lists:
            raise _error(path, element, "no list Selection")
        if self.check_sums:
            stated = sum(lst.total for lst in lists)
            if stated != counted:
                raise _error(
                    path,
                    element,
                    f"totals do not add up in {unit_id}: TotalCounted is {counted}, the lists "
                    f"add up to {stated}",
                )
        poll = uncounted.pop(POLL_CARDS, 0)
        proxy = uncounted.pop(PROXY_CERTIFICATES, 0)
        voter = uncounted.pop(VOTER_CARDS, 0)
        admitted = uncounted.pop(ADMITTED, poll + proxy + voter)
        count = Count(
            unit_id=unit_id,
            name=name,
            level=level,
            admitted=AdmittedVoters(poll, proxy, voter, admitted),
            lists=tuple(lists),
            blank=rejected["blanco"],
            invalid=rejected["ongeldig"],
            total_counted=counted + rejected["blanco"] + rejected["ongeldig"],
            more_counted=uncounted.pop(MORE_COUNTED, 0),
            fewer_counted=uncounted.pop(FEWER_COUNTED, 0),
            eligible_voters=cast,
            reported_votes_on_lists=counted,
        )
        return count, uncounted


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else "?"


class _Sum:
    """Running sums of the units of a contest, to check its stated total."""

    def __init__(self) -> None:
        self.fields: dict[str, int] = {}
        self.lists: dict[int, int] = {}
        self.candidates: dict[tuple[int, int], int] = {}

    def add(self, count: Count) -> None:
        fields = self.fields
        for key, value in _fields(count).items():
            fields[key] = fields.get(key, 0) + value
        lists = self.lists
        candidates = self.candidates
        for lst in count.lists:
            number = lst.list_number
            lists[number] = lists.get(number, 0) + lst.total
            for candidate, votes in lst.candidates.items():
                pair = (number, candidate)
                candidates[pair] = candidates.get(pair, 0) + votes


def _fields(count: Count) -> dict[str, int]:
    return {
        "A (geldige stempassen)": count.admitted.poll_cards,
        "B (geldige volmachtbewijzen)": count.admitted.proxy_certificates,
        "C (geldige kiezerspassen)": count.admitted.voter_cards,
        "D (toegelaten kiezers)": count.admitted.total,
        "F (blanco)": count.blank,
        "G (ongeldig)": count.invalid,
        "TotalCounted": count.reported_votes_on_lists or 0,
        "Cast": count.eligible_voters or 0,
    }


def _check_total(path: Path, element: etree._Element | None, total: Count, sums: _Sum) -> None:
    stated: dict[str, int] = _fields(total)
    summed: dict[str, int] = dict(sums.fields)
    for lst in total.lists:
        stated[f"list {lst.list_number}"] = lst.total
        for candidate, votes in lst.candidates.items():
            stated[f"list {lst.list_number} candidate {candidate}"] = votes
    for number, votes in sums.lists.items():
        summed[f"list {number}"] = votes
    for (number, candidate), votes in sums.candidates.items():
        summed[f"list {number} candidate {candidate}"] = votes
    for key in sorted(set(stated) | set(summed)):
        if stated.get(key, 0) != summed.get(key, 0):
            raise EmlError(
                path,
                f"totals do not add up: TotalVotes states {key} = {stated.get(key, 0)}, its "
                f"ReportingUnitVotes add up to {summed.get(key, 0)}",
                element=_TOTAL_VOTES,
                line=element.sourceline if element is not None else None,
            )


def iter_counts(
    path: str | Path,
    *,
    limits: Limits = DEFAULT_LIMITS,
    lists: CandidateLists | KnownLists | None = None,
    check_sums: bool = True,
    on_header: Callable[[CountHeader], None] | None = None,
) -> Iterator[CountItem]:
    """Stream the counts of a 510 file: each contest's total, then its units, in file order.

    ``lists`` (the 230b, or list number → candidate numbers): refuse unknown lists and
    candidates. ``check_sums``: refuse a file whose own numbers do not add up (a list total
    that is not the sum of its candidates, TotalCounted that is not the sum of the lists, a
    TotalVotes that is not the sum of its ReportingUnitVotes); without it, those are left to
    totalisation's checks. ``on_header`` is called once the header has been read (before the
    first count). Duplicate unit ids in a file are refused. Raises :class:`EmlError`.
    """
    path = Path(path)
    known = known_lists(lists) if isinstance(lists, CandidateLists) else lists
    group = _Group(path, known, check_sums)
    tags = [
        _AUTHORITY_ID,
        _CREATED,
        _ELECTION_ID,
        _CONTEST_ID,
        _TOTAL_VOTES,
        _RU_VOTES,
        _CONTEST,
    ]
    message_id = ""
    authority_id = authority_name = created = ""
    header: CountHeader | None = None
    contest_id: str | None = None
    total: Count | None = None
    total_element: etree._Element | None = None
    sums = _Sum()
    unit_count = 0
    seen: set[str] = set()
    contest_index = 0
    counted_any = False
    for event, element in iter_elements(path, tags, COUNT_MESSAGES, limits):
        tag = element.tag
        if event == "start":
            message_id = element.get("Id") or ""
            continue
        if tag in (_RU_VOTES, _TOTAL_VOTES):
            if header is None:
                raise _error(path, element, "counts before <ElectionIdentifier>")
            if contest_id is None:
                raise _error(path, element, "counts outside a <Contest> with a <ContestIdentifier>")
            total_level, unit_level = MESSAGE_LEVELS[message_id]
            if tag == _TOTAL_VOTES:
                if total is not None or unit_count:
                    raise _error(
                        path, element, "one TotalVotes per Contest, before its ReportingUnitVotes"
                    )
                total_element = element
                unit_id = authority_id or "CSB"
                count, explanations = group.read(element, unit_id, authority_name, total_level, 0)
                total = count
            else:
                if unit_level is None:
                    raise _error(path, element, f"a {message_id} has no ReportingUnitVotes")
                ident = element.find(_RU_IDENTIFIER)
                if ident is None or len(element) == 0 or element[0] is not ident:
                    raise _error(path, element, "the first child must be <ReportingUnitIdentifier>")
                unit_id = required_attribute(path, ident, "Id")
                count, explanations = group.read(element, unit_id, text(ident), unit_level, 1)
                unit_count += 1
                if check_sums and total is not None:
                    sums.add(count)
            if tag == _RU_VOTES:
                if unit_id in seen:
                    raise _error(path, element, f"reporting unit {unit_id!r} occurs twice")
                seen.add(unit_id)
            counted_any = True
            yield CountItem(contest_index, contest_id, tag == _TOTAL_VOTES, count, explanations)
            if tag == _RU_VOTES:
                element.clear(keep_tail=False)
                parent = element.getparent()
                if parent is not None:
                    while element.getprevious() is not None:
                        del parent[0]
        elif tag == _CONTEST_ID:
            if header is None:
                raise _error(path, element, "a Contest before <ElectionIdentifier>")
            contest_id = required_attribute(path, element, "Id")
        elif tag == _CONTEST:
            if contest_id is None:
                raise _error(path, element, "required element <ContestIdentifier> is missing")
            if total is None and unit_count == 0:
                raise _error(path, element, "a Contest without TotalVotes or ReportingUnitVotes")
            if check_sums and total is not None and unit_count:
                _check_total(path, total_element, total, sums)
            contest_id, total, total_element, sums, unit_count = None, None, None, _Sum(), 0
            contest_index += 1
            element.clear(keep_tail=False)
        elif tag == _AUTHORITY_ID:
            authority_id = required_attribute(path, element, "Id")
            authority_name = text(element)
        elif tag == _CREATED:
            created = text(element)
        elif tag == _ELECTION_ID:
            header = CountHeader(
                path=str(path),
                message_id=message_id,
                election=read_identifier(path, element),
                authority_id=authority_id,
                authority_name=authority_name,
                creation_date_time=created,
            )
            if on_header is not None:
                on_header(header)
    if header is None:
        raise EmlError(
            path, "required element <ElectionIdentifier> is missing", element=eml("Election")
        )
    if not counted_any:
        raise EmlError(
            path, "no counts: required element <Contest> is missing", element=eml("Contests")
        )


def read_counts(
    path: str | Path,
    *,
    limits: Limits = DEFAULT_LIMITS,
    lists: CandidateLists | KnownLists | None = None,
    check_sums: bool = True,
) -> CountFile:
    """Read a whole 510 file (see :func:`iter_counts`) into a :class:`CountFile`."""
    headers: list[CountHeader] = []
    totals: dict[int, Count] = {}
    units: dict[int, list[Count]] = {}
    ids: dict[int, str] = {}
    explanations: dict[int, dict[str, Mapping[str, int]]] = {}
    for item in iter_counts(
        path, limits=limits, lists=lists, check_sums=check_sums, on_header=headers.append
    ):
        index = item.contest_index
        ids[index] = item.contest_id
        units.setdefault(index, [])
        if item.is_total:
            totals[index] = item.count
        else:
            units[index].append(item.count)
        if item.explanations:
            explanations.setdefault(index, {})[item.count.unit_id] = dict(item.explanations)
    contests = tuple(
        ContestCounts(ids[i], totals.get(i), tuple(units[i]), explanations.get(i, {}))
        for i in sorted(ids)
    )
    return CountFile(headers[0], contests)
