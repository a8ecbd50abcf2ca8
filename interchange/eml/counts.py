"""EML_NL 510a/b/c/d (telling): counts per reporting unit, read as ``spec.counts.Count``.

A 510 holds, per ``Contest``, an optional ``TotalVotes`` (the count of the body that made the
file: the polling station in a 510a, the municipality in a 510b, the district in a 510c, the
CSB in a 510d) and a ``ReportingUnitVotes`` per unit below it (polling stations in a 510b,
municipalities in a 510c, districts in a 510d). Each carries the same vote group; the field
names mislead, so here is the mapping (EML_NL 510, letters of the proces-verbaal):

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
optional). The file's bytes are read once; its canonical runs of Selections are read as text
(:mod:`interchange.eml.lexical`), everything else through a streamed tree: memory stays that of
the file's bytes and one reporting unit plus the counts returned (:func:`iter_counts` returns
none: it yields them one by one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from lxml import etree

from interchange.eml import lexical
from interchange.eml.candidates import CandidateLists
from interchange.eml.definition import ElectionIdentifier, read_identifier
from interchange.eml.errors import EmlError
from interchange.eml.names import EML_NS, eml, kr
from interchange.eml.secure import DEFAULT_LIMITS, Limits, iter_elements, read_bounded
from interchange.eml.structure import required_attribute, text, whole_number
from reference.totalise import ListSum
from spec.counts import AdmittedVoters, Count, Level, ListCount

MESSAGE_LEVELS: Mapping[str, tuple[Level, Level]] = {
    "510a": ("SB", "SB"),
    "510b": ("GSB", "SB"),
    "510c": ("HSB", "GSB"),
    "510d": ("CSB", "HSB"),
}
"""Message type → (level of its ``TotalVotes``, level of its ``ReportingUnitVotes``). A 510a
holds one polling station's count, as a TotalVotes (the unit is then the file's
``AuthorityIdentifier``) or as one ReportingUnitVotes."""

COUNT_MESSAGES = frozenset(MESSAGE_LEVELS)
UNDOCUMENTED = frozenset({"510q", "510r", "510s"})
"""Message types the 510 schema allows (``510[a-dqrs]``) whose content EML_NL does not
document; refused with that reason."""

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
_REGISTERED_NAME = eml("RegisteredName")
_CAST = eml("Cast")
_TOTAL_COUNTED = eml("TotalCounted")
_REJECTED = eml("RejectedVotes")
_UNCOUNTED = eml("UncountedVotes")
_RU_IDENTIFIER = eml("ReportingUnitIdentifier")
_INVESTIGATIONS = kr("ReportingUnitInvestigations")
_PHASE = kr("Phase")
_INITIAL_VALID_VOTES = kr("InitialValidVotes")
_INITIAL_CAST = kr("InitialCast")
_INITIAL_TOTAL_COUNTED = kr("InitialTotalCounted")
_INITIAL_REJECTED = kr("InitialRejectedVotes")
_INITIAL_UNCOUNTED = kr("InitialUncountedVotes")
REJECTED_CODES = frozenset({"blanco", "ongeldig"})
INITIAL_FIELDS = {
    "blanco": "blank",
    "ongeldig": "invalid",
    POLL_CARDS: "admitted.poll_cards",
    PROXY_CERTIFICATES: "admitted.proxy_certificates",
    VOTER_CARDS: "admitted.voter_cards",
    ADMITTED: "admitted.total",
    MORE_COUNTED: "more_counted",
    FEWER_COUNTED: "fewer_counted",
}
"""Reason code of a ``kr:InitialRejectedVotes`` / ``kr:InitialUncountedVotes`` → the field of
``spec.counts.Count`` whose value before correction it gives."""
_INVESTIGATION = kr("Investigation")
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
    investigations: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Unit id → the ``kr:ReportingUnitInvestigations`` reason codes it states true."""
    initial: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    """In a corrigendum: unit id → field → its value before the correction."""


@dataclass(frozen=True, slots=True)
class CountHeader:
    """Everything in a 510 besides the counts."""

    path: str
    message_id: str  # 510a, 510b, 510c or 510d
    election: ElectionIdentifier
    authority_id: str  # ManagingAuthority/AuthorityIdentifier/@Id: 0042, HSB1, CSB, ...
    authority_name: str
    creation_date_time: str  # kr:CreationDateTime ('' if absent)
    phase: str = ""  # kr:Phase PhaseCode: 'eerste zitting', 'corrigendum' ('' if absent)

    @property
    def total_level(self) -> Level:
        return MESSAGE_LEVELS[self.message_id][0]

    @property
    def unit_level(self) -> Level:
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
    investigations: frozenset[str] = frozenset()
    """The ``kr:ReportingUnitInvestigations`` reason codes stated true."""
    initial: Mapping[str, int] = field(default_factory=dict)
    """In a corrigendum: field path (as ``reference.totalise.count_fields``) → its value
    before the correction, for the fields corrected (``kr:Initial…``)."""


INVESTIGATION_CODES = (
    "onderzocht vanwege onverklaard verschil",
    "onderzocht vanwege andere fout",
    "uitslag gecorrigeerd",
    "toegelaten kiezers opnieuw vastgesteld",
    "onderzocht vanwege andere reden",
    "stembiljetten deels herteld",
)
"""The ``kr:Investigation`` reason codes of the EML_NL extensions (the first three for a
decentral count, the last three for a central one)."""

PHASES = ("eerste zitting", "corrigendum")
"""The ``kr:Phase`` codes of EML_NL (after v1.2.2): a first count, or a corrigendum."""

RECOUNT_CODES = frozenset(
    {"onderzocht vanwege onverklaard verschil", "stembiljetten deels herteld"}
)
"""Investigations after which a polling station's difference counts as already looked into
(its ballots recounted): the control protocol's explanation checks leave it out."""


def _investigations(path: Path, element: etree._Element) -> frozenset[str]:
    """The reason codes of the ``kr:Investigation`` children of ``element`` stated true."""
    found: set[str] = set()
    seen: set[str] = set()
    for child in element:
        if child.tag != _INVESTIGATION or len(child):
            raise _error(path, child, "a kr:ReportingUnitInvestigations holds kr:Investigation")
        code = required_attribute(path, child, "ReasonCode")
        if code not in INVESTIGATION_CODES:
            raise _error(path, child, f"unknown ReasonCode {code!r}")
        if code in seen:
            raise _error(path, child, f"ReasonCode {code!r} occurs twice")
        seen.add(code)
        value = (child.text or "").strip()
        if value not in ("true", "false", "1", "0"):
            raise _error(path, child, f"{value!r} is not a boolean (true, false, 1, 0)")
        if value in ("true", "1"):
            found.add(code)
    return frozenset(found)


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


def _xpath(expression: str) -> etree.XPath:
    return etree.XPath(expression, namespaces=_NS, smart_strings=False)


# The fast path of a vote group: a few XPath evaluations in C instead of Python work per
# Selection. Each data query yields at most one item per Selection (the [1] predicates), so
# its length proves that every Selection contributed one; see _Group._fast for the argument.
_N_SELECTIONS = _xpath("count(e:Selection)")
_N_ELEMENTS = _xpath("count(descendant::*)")
_AFFILIATIONS = _xpath("descendant::e:AffiliationIdentifier")
_VOTES = _xpath("e:Selection/e:ValidVotes[1]/node()[1]")
_CANDIDATE_IDS = _xpath("e:Selection/e:Candidate[1]/e:CandidateIdentifier[1]/@Id")
_VOTES_NOT_LAST = _xpath("boolean(e:Selection/e:ValidVotes/following-sibling::*)")


def _size(element: etree._Element) -> int:
    """The number of elements in the subtree of ``element`` (itself included)."""
    if not len(element):
        return 1
    return sum(1 for _ in element.iter(etree.Element))


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


class _Irregular(Exception):
    """A Selection run (see :mod:`interchange.eml.lexical`) that the file must be read again
    without: the tree reader then reads it, or names its fault."""


Texts = list[str] | list[bytes]


def _digits(items: Texts) -> bool:
    """Whether every item is ASCII digits (``False`` for an empty item)."""
    if not items:
        return True
    if isinstance(items[0], bytes):
        joined_bytes = b"".join(items)
        return joined_bytes.isascii() and joined_bytes.isdigit() and all(items)
    joined = "".join(items)
    return joined.isascii() and joined.isdigit() and all(items)


class _Group:
    """Reads one vote group (the children of TotalVotes or ReportingUnitVotes).

    A group whose Selections were replaced by a marker (see :mod:`interchange.eml.lexical`) takes
    its lists from the run (:meth:`_from_run`); other regular groups take a fast path
    (:meth:`_fast`) that reads every number with a handful of XPath evaluations in C; any
    other group takes the element-by-element path (:meth:`_slow`), which finds and names the
    first fault. The fast paths only accept a group that the slow path reads identically.
    """

    def __init__(
        self,
        path: Path,
        known: KnownLists | None,
        check_sums: bool,
        runs: tuple[bytes, ...] | None = None,
    ) -> None:
        self.path = path
        self.known = known
        self.check_sums = check_sums
        self.runs = runs
        self.used: set[int] = set()
        self.initial: dict[str, int] = {}
        # The candidate ids of the previous group, and what they were read as: consecutive
        # polling stations have the same lists and candidates, so these are checked once.
        self._last_ids: Texts = []
        self._last_sizes: list[int] = []
        self._last_list_ids: list[str | None] | list[bytes] = []
        self._last_numbers: list[int] = []
        self._last_keys: list[tuple[int, ...]] = []

    def _from_run(self, marker: etree._Element) -> list[ListCount]:
        """The lists of the run a marker stands for; :class:`_Irregular` if anything is off."""
        raw = marker.get("n") or ""
        if self.runs is None or not raw.isdigit() or len(marker) or len(marker.attrib) != 1:
            raise _Irregular(raw)
        index = int(raw)
        if index >= len(self.runs) or index in self.used:
            raise _Irregular(raw)
        self.used.add(index)
        run = lexical.read_run(self.runs[index])
        lists = None
        if run is not None:
            lists = self._lists(run.votes, run.candidate_ids, run.list_ids, run.sizes)
        if lists is None:
            raise _Irregular(raw)
        return lists

    def _fast(self, element: etree._Element, skip: int) -> tuple[list[ListCount], int] | None:
        """The lists of a regular group and its number of Selections, or ``None``.

        Why the result equals the slow path's. ``n`` Selections are children of the group; the
        last of them is followed by the trailer only, so they are the children ``skip`` ..
        ``skip + n - 1``. Every AffiliationIdentifier (anywhere in the group) is checked here
        to be the first of exactly two children of one of them, the second a ValidVotes
        without element children: the L list Selections. ``_VOTES`` gives one item per
        Selection at most, so n items means every Selection has a ValidVotes with a first
        node; ``_CANDIDATE_IDS`` likewise means every one of the other n - L Selections has a
        Candidate child with a CandidateIdentifier child that has an Id. Each of those
        Selections therefore has at least four elements (itself, the Candidate, the
        identifier, the ValidVotes), and the element count of the group, which leaves room
        for exactly four, makes it exactly these: children [Candidate, ValidVotes] or the
        reverse, the Candidate with the identifier only. ``_VOTES_NOT_LAST`` excludes the
        reverse. A ValidVotes without element children has at most one (coalesced) text
        node, which is its ``text``; an element or anything not in ASCII digits sends the
        group to the slow path. Every check of a number's meaning is made by :meth:`_lists`.
        """
        n = int(_N_SELECTIONS(element))
        if n == 0:
            return None
        size = sum(_size(child) for child in element[:skip])
        trailer = 0
        for child in element.iterchildren(reversed=True):
            if child.tag == _SELECTION:
                break
            trailer += 1
            size += _size(child)
        if len(element) - trailer != skip + n:
            return None  # a Selection is not among the first children
        affiliations = _AFFILIATIONS(element)
        votes = _VOTES(element)
        ids = _CANDIDATE_IDS(element)
        if not affiliations or len(votes) != n or len(ids) != n - len(affiliations):
            return None
        positions = []
        list_ids = []
        for ident in affiliations:
            selection = ident.getparent()
            if (
                selection is None
                or selection.getparent() is not element
                or selection.tag != _SELECTION
                or len(selection) != 2
                or selection[0] is not ident
                or selection[1].tag != _VALID_VOTES
                or len(selection[1])
            ):
                return None
            positions.append(element.index(selection) - skip)
            list_ids.append(ident.get("Id"))
            size += 2 + _size(ident)
        if size + 4 * len(ids) != int(_N_ELEMENTS(element)) or _VOTES_NOT_LAST(element):
            return None
        if positions[0] != 0:
            return None  # a candidate before the first list: the slow path says so
        ends = [*positions[1:], n]
        sizes = [end - start - 1 for start, end in zip(positions, ends, strict=True)]
        try:
            lists = self._lists(cast(list[str], votes), ids, list_ids, sizes)
        except TypeError:  # an element as the first node of a ValidVotes
            return None
        return None if lists is None else (lists, n)

    def _lists(
        self,
        votes: Texts,
        ids: Texts,
        list_ids: list[str | None] | list[bytes],
        sizes: list[int],
    ) -> list[ListCount] | None:
        """The lists from the texts of a group's Selections, in order: ``votes`` of every
        Selection, ``ids`` of the candidate ones, and per list its Id and number of
        candidates. ``None`` where the slow path would raise: a number not in ASCII digits or
        too long, an id below 1, a list or candidate twice, one unknown to the 230b, a list
        total that is not the sum of its candidates (when sums are checked)."""
        if len(votes) != len(sizes) + sum(sizes) or len(ids) != sum(sizes):
            return None
        if not _digits(votes):
            return None
        try:
            values = list(map(int, votes))
            numbered = self._keys(ids, sizes, list_ids)
        except ValueError:  # more digits than int() takes
            return None
        if numbered is None:
            return None
        numbers, keys = numbered
        lists = []
        start = 0
        for number, own, size in zip(numbers, keys, sizes, strict=True):
            total = values[start]
            tally = values[start + 1 : start + 1 + size]
            start += 1 + size
            if self.check_sums and tally and sum(tally) != total:
                return None
            lists.append(ListCount(number, total, dict(zip(own, tally, strict=True))))
        return lists

    def _keys(
        self, ids: Texts, sizes: list[int], list_ids: list[str | None] | list[bytes]
    ) -> tuple[list[int], list[tuple[int, ...]]] | None:
        """The list numbers and, per list, its candidate numbers; ``None`` if a number is
        irregular. Checked once for a run of groups with the same ids in the same places."""
        if ids == self._last_ids and sizes == self._last_sizes and list_ids == self._last_list_ids:
            return self._last_numbers, self._last_keys
        numbers = []
        for raw in list_ids:
            if raw is None or not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
                return None
            numbers.append(int(raw))
        if len(set(numbers)) != len(numbers):
            return None
        if self.known is not None and not all(number in self.known for number in numbers):
            return None
        if not _digits(ids):
            return None
        candidates = list(map(int, ids))
        keys = []
        start = 0
        for number, size in zip(numbers, sizes, strict=True):
            own = tuple(candidates[start : start + size])
            start += size
            if len(set(own)) != len(own) or (own and min(own) < 1):
                return None
            if self.known is not None and not self.known[number].issuperset(own):
                return None
            keys.append(own)
        self._last_ids, self._last_sizes, self._last_list_ids = ids, sizes, list_ids
        self._last_numbers, self._last_keys = numbers, keys
        return numbers, keys

    def _slow(self, element: etree._Element, collect: _Lists, skip: int) -> int:
        path = self.path
        count = 0
        for index, child in enumerate(element):
            if index < skip:
                continue
            if child.tag != _SELECTION:
                break
            count += 1
            before: int | None = None
            if len(child) == 3 and child[1].tag == _INITIAL_VALID_VOTES:
                before = whole_number(path, child[1])
            elif len(child) != 2:
                raise _error(
                    path,
                    child,
                    "a Selection holds a Candidate or an AffiliationIdentifier, then ValidVotes "
                    "(in a corrigendum, kr:InitialValidVotes before it)",
                )
            if child[-1].tag != _VALID_VOTES:
                raise _error(
                    path,
                    child,
                    "a Selection holds a Candidate or an AffiliationIdentifier, then ValidVotes",
                )
            what = child[0]
            votes = whole_number(path, child[-1])
            if what.tag == _CANDIDATE:
                ident = what.find(_CANDIDATE_ID)
                if ident is None:
                    raise _error(path, what, "required element <CandidateIdentifier> is missing")
                collect.add_candidate(child, ident, votes)
                if before is not None:
                    key = f"lists[{collect.number}].candidates[{int(ident.get('Id') or 0)}]"
                    self._before(child[1], key, before)
            elif what.tag == _AFFILIATION:
                collect.start_list(what, votes)
                if before is not None:
                    self._before(child[1], f"lists[{collect.number}].total", before)
            else:
                raise _error(
                    path,
                    what,
                    "a Selection here holds a Candidate or an AffiliationIdentifier "
                    "(referendum options are not supported)",
                )
        return count

    def _before(self, element: etree._Element, field: str, value: int) -> None:
        """Record a value before correction (a ``kr:Initial…`` element) of ``field``."""
        if field in self.initial:
            raise _error(self.path, element, f"a second value before correction of {field}")
        self.initial[field] = value

    def read(
        self, element: etree._Element, unit_id: str, name: str, level: Level, skip: int
    ) -> tuple[Count, dict[str, int], frozenset[str]]:
        """The count of a vote group, its explanations and the investigations stated true;
        the values before correction (``kr:Initial…``) are left in ``self.initial``."""
        path = self.path
        self.initial = {}
        investigated: frozenset[str] = frozenset()
        fast = None
        if self.runs is not None and len(element) > skip and element[skip].tag == lexical.MARKER:
            fast = self._from_run(element[skip]), 1
        else:
            fast = self._fast(element, skip)
        if fast is not None:
            lists, selections = fast
        else:  # an irregular group: the slow path names the fault
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
                investigated = _investigations(path, child)
            elif tag == _INITIAL_CAST:
                self._before(child, "eligible_voters", whole_number(path, child))
            elif tag == _INITIAL_TOTAL_COUNTED:
                self._before(child, "votes_on_lists", whole_number(path, child))
            elif tag in (_INITIAL_REJECTED, _INITIAL_UNCOUNTED):
                code = required_attribute(path, child, "ReasonCode")
                field = INITIAL_FIELDS.get(code)
                if field is None and code in EXPLANATION_CODES:
                    field = f"explanations.{code}"
                if field is None or (tag == _INITIAL_REJECTED) != (code in REJECTED_CODES):
                    raise _error(path, child, f"unknown ReasonCode {code!r}")
                self._before(child, field, whole_number(path, child))
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
        return count, uncounted, investigated


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else "?"


class _Sum:
    """Running sums of the units of a contest, to check its stated total."""

    def __init__(self) -> None:
        self.fields: dict[str, int] = {}
        self.lists: dict[int, ListSum] = {}

    def add(self, count: Count) -> None:
        fields = self.fields
        for key, value in _fields(count).items():
            fields[key] = fields.get(key, 0) + value
        lists = self.lists
        for lst in count.lists:
            running = lists.get(lst.list_number)
            if running is None:
                lists[lst.list_number] = ListSum(lst)
            else:
                running.add(lst)


def _fields(count: Count) -> dict[str, int]:
    return {
        "A (geldige stempassen)": count.admitted.poll_cards,
        "B (geldige volmachtbewijzen)": count.admitted.proxy_certificates,
        "C (geldige kiezerspassen)": count.admitted.voter_cards,
        "D (toegelaten kiezers)": count.admitted.total,
        "F (blanco)": count.blank,
        "G (ongeldig)": count.invalid,
        "TotalCounted": count.reported_votes_on_lists or 0,
    }


def _check_total(path: Path, element: etree._Element | None, total: Count, sums: _Sum) -> None:
    stated: dict[str, int] = _fields(total)
    summed: dict[str, int] = dict(sums.fields)
    stated_lists = {lst.list_number: (lst.total, lst.candidates) for lst in total.lists}
    summed_lists = {
        number: (running.total, dict(zip(running.numbers, running.votes, strict=True)))
        for number, running in sums.lists.items()
    }
    if stated == summed and stated_lists == summed_lists:
        return
    for number, (votes, candidates) in stated_lists.items():
        stated[f"list {number}"] = votes
        for candidate, value in candidates.items():
            stated[f"list {number} candidate {candidate}"] = value
    for number, (votes, candidates) in summed_lists.items():
        summed[f"list {number}"] = votes
        for candidate, value in candidates.items():
            summed[f"list {number} candidate {candidate}"] = value
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

    The file's bytes are read first (within ``limits``) and its canonical runs of Selections
    read as text (:mod:`interchange.eml.lexical`); if that finds anything irregular, the file is
    read again by the tree reader alone, which names the fault. Either way the items are
    the same; memory is that of the file's bytes and one reporting unit.
    """
    path = Path(path)
    known = known_lists(lists) if isinstance(lists, CandidateLists) else lists
    data = read_bounded(path, limits)
    reduced = lexical.reduce(data)
    if reduced is None:
        yield from _iter_counts(path, data, None, known, check_sums, on_header)
        return
    done = 0
    try:
        for item in _iter_counts(path, reduced.data, reduced.runs, known, check_sums, on_header):
            yield item
            done += 1
    except (EmlError, _Irregular):
        header = None if done else on_header
        for index, item in enumerate(_iter_counts(path, data, None, known, check_sums, header)):
            if index >= done:
                yield item


def _iter_counts(
    path: Path,
    source: bytes,
    runs: tuple[bytes, ...] | None,
    known: KnownLists | None,
    check_sums: bool,
    on_header: Callable[[CountHeader], None] | None,
) -> Iterator[CountItem]:
    """:func:`iter_counts` on the file's bytes, or on its reduced form with its ``runs``
    (then :class:`_Irregular` if a run is not taken by exactly one vote group)."""
    group = _Group(path, known, check_sums, runs)
    tags = [
        _AUTHORITY_ID,
        _CREATED,
        _PHASE,
        _ELECTION_ID,
        _CONTEST_ID,
        _TOTAL_VOTES,
        _RU_VOTES,
        _CONTEST,
    ]
    message_id = ""
    authority_id = authority_name = created = phase = ""
    header: CountHeader | None = None
    contest_id: str | None = None
    total: Count | None = None
    total_element: etree._Element | None = None
    sums = _Sum()
    unit_count = 0
    seen: set[str] = set()
    contest_index = 0
    counted_any = False
    for event, element in iter_elements(path, tags, COUNT_MESSAGES | UNDOCUMENTED, source=source):
        tag = element.tag
        if event == "start":
            message_id = element.get("Id") or ""
            if message_id in UNDOCUMENTED:
                raise _error(
                    path,
                    element,
                    f"an EML {message_id}: the 510 schema allows it, but EML_NL does not say "
                    "what it holds (only 510a - 510d are read)",
                )
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
                count, explanations, investigated = group.read(
                    element, unit_id, authority_name, total_level, 0
                )
                total = count
            else:
                if message_id == "510a" and (total is not None or unit_count):
                    raise _error(
                        path,
                        element,
                        "a 510a holds one polling station's count per Contest: a TotalVotes "
                        "or one ReportingUnitVotes",
                    )
                ident = element.find(_RU_IDENTIFIER)
                if ident is None or len(element) == 0 or element[0] is not ident:
                    raise _error(path, element, "the first child must be <ReportingUnitIdentifier>")
                unit_id = required_attribute(path, ident, "Id")
                count, explanations, investigated = group.read(
                    element, unit_id, text(ident), unit_level, 1
                )
                unit_count += 1
                if check_sums and total is not None:
                    sums.add(count)
            if tag == _RU_VOTES:
                if unit_id in seen:
                    raise _error(path, element, f"reporting unit {unit_id!r} occurs twice")
                seen.add(unit_id)
            counted_any = True
            initial = dict(group.initial)
            if initial and header.phase != "corrigendum":
                raise _error(
                    path,
                    element,
                    f"values before correction (kr:Initial…) for {unit_id}, but the file is not "
                    'a corrigendum (kr:Phase PhaseCode="corrigendum")',
                )
            yield CountItem(
                contest_index,
                contest_id,
                tag == _TOTAL_VOTES,
                count,
                explanations,
                investigated,
                initial,
            )
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
        elif tag == _PHASE:
            phase = required_attribute(path, element, "PhaseCode")
            if phase not in PHASES:
                raise _error(path, element, f"unknown PhaseCode {phase!r} ({', '.join(PHASES)})")
        elif tag == _ELECTION_ID:
            header = CountHeader(
                path=str(path),
                message_id=message_id,
                election=read_identifier(path, element),
                authority_id=authority_id,
                authority_name=authority_name,
                creation_date_time=created,
                phase=phase,
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
    if runs is not None and len(group.used) != len(runs):
        raise _Irregular("a run of Selections outside a vote group")


def read_list_names(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> dict[int, str]:
    """List number → ``RegisteredName`` from the first vote group of a 510 file (the names to
    write into the 510s made from it). Raises :class:`EmlError`."""
    names: dict[int, str] = {}
    tags = [_AFFILIATION, _TOTAL_VOTES, _RU_VOTES]
    for event, element in iter_elements(path, tags, COUNT_MESSAGES, limits):
        if event == "start":
            continue
        if element.tag != _AFFILIATION:
            break
        raw = element.get("Id") or ""
        if raw.isascii() and raw.isdigit():
            names.setdefault(int(raw), text(element.find(_REGISTERED_NAME)))
    return names


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
    investigations: dict[int, dict[str, frozenset[str]]] = {}
    initial: dict[int, dict[str, Mapping[str, int]]] = {}
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
        if item.investigations:
            investigations.setdefault(index, {})[item.count.unit_id] = item.investigations
        if item.initial:
            initial.setdefault(index, {})[item.count.unit_id] = item.initial
    contests = tuple(
        ContestCounts(
            ids[i],
            totals.get(i),
            tuple(units[i]),
            explanations.get(i, {}),
            investigations.get(i, {}),
            initial.get(i, {}),
        )
        for i in sorted(ids)
    )
    return CountFile(headers[0], contests)
