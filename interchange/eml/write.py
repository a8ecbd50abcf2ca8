"""Writing EML_NL 510b/c/d (counts) and 520 (result), atomically and deterministically.

Every file is written to a temporary file beside its destination and renamed into place only
once complete (and, if a schema directory is given, valid): a failure never leaves a partial
file behind. The output is a fixed function of the input: no clock is read (the
``kr:CreationDateTime`` is passed in, normally that of the input data), fixed indentation,
lists and candidates in the order given.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from interchange.eml.candidates import CandidateEntry, ListEntry
from interchange.eml.counts import (
    ADMITTED,
    EXPLANATION_CODES,
    FEWER_COUNTED,
    MESSAGE_LEVELS,
    MORE_COUNTED,
    POLL_CARDS,
    PROXY_CERTIFICATES,
    VOTER_CARDS,
    ContestCounts,
)
from interchange.eml.definition import ElectionIdentifier
from interchange.eml.errors import EmlError
from interchange.eml.names import DS_NS, EML_NS, KR_NS, XAL_NS, XNL_NS, eml
from interchange.eml.secure import HARDENED
from interchange.uninterrupted import uninterrupted
from spec.counts import Count

C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments"
_NAMESPACES = (
    f"xmlns={quoteattr(EML_NS)} xmlns:ds={quoteattr(DS_NS)} xmlns:kr={quoteattr(KR_NS)} "
    f"xmlns:xal={quoteattr(XAL_NS)} xmlns:xnl={quoteattr(XNL_NS)}"
)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")


def atomic_write(
    path: str | Path,
    chunks: Iterable[bytes],
    check: Callable[[Path], None] | None = None,
) -> None:
    """Write ``chunks`` to ``path`` via a temporary file in the same directory and a rename.

    ``check`` (e.g. schema validation) runs on the complete temporary file before the rename;
    if it, or the writing, raises, the temporary file is removed and nothing appears at
    ``path``. An existing file at ``path`` is replaced only on success.
    """
    write_all([(Path(path), chunks, check)])


Output = tuple[Path, Iterable[bytes], Callable[[Path], None] | None]
"""One file to write: its path, its content in chunks, and an optional check."""


def write_all(
    outputs: Iterable[Output],
    progress: Callable[[int], None] | None = None,
    manifest: Path | None = None,
) -> list[Path]:
    """Write several files as one: each to a temporary file beside it (checked, if a check is
    given), and only when every one is complete, rename them all into place. If any writing
    or check fails, every temporary file is removed and no file appears or changes. Returns
    the paths written; ``progress(n)`` is called after the n-th file is complete. Raises
    :class:`EmlError` naming the file (a check's own exceptions pass through).

    The renames cannot be interrupted by Ctrl-C (it takes effect after the last). With a
    ``manifest`` path, the set is also published as one for readers: the old manifest is
    removed before the first rename, and the new one (``kieswet/output-manifest@1``: the
    SHA-256 of every file written) is renamed into place after the last; a reader who finds
    the manifest and every digest matching has one complete set, never a mix of two runs.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, chunks, check in outputs:
            _refuse_non_file(path)
            staged.append((path, _stage(path, chunks)))
            if check is not None:
                check(staged[-1][1])
            if progress is not None:
                progress(len(staged))
        if manifest is not None:
            _refuse_non_file(manifest)
            staged.append((manifest, _stage(manifest, [_manifest(staged)])))
        for path, _ in staged:
            _refuse_non_file(path)  # once more, just before anything is replaced
        with uninterrupted():
            if manifest is not None:
                _remove(manifest)
            for path, temporary in staged:
                try:
                    os.chmod(temporary, 0o666 & ~_umask())
                    os.replace(temporary, path)
                except OSError as exc:
                    raise EmlError(path, f"cannot write the file: {exc.strerror or exc}") from None
    except BaseException:
        for _, temporary in staged:
            temporary.unlink(missing_ok=True)
        raise
    return [path for path, _ in staged if path != manifest]


MANIFEST_FORMAT = "kieswet/output-manifest@1"


def _manifest(staged: Sequence[tuple[Path, Path]]) -> bytes:
    import hashlib
    import json

    files = {}
    for path, temporary in staged:
        digest = hashlib.sha256()
        with open(temporary, "rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
        files[path.name] = digest.hexdigest()
    document = {"format": MANIFEST_FORMAT, "files": dict(sorted(files.items()))}
    return (json.dumps(document, indent=1) + "\n").encode()


def _refuse_non_file(path: Path) -> None:
    """Refuse an output path that exists as something else than a file (a directory)."""
    if path.exists() and not path.is_file():
        raise EmlError(path, "exists and is not a regular file; nothing was written")


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise EmlError(path, f"cannot remove the old manifest: {exc.strerror or exc}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _stage(path: Path, chunks: Iterable[bytes]) -> Path:
    """Write ``chunks`` to a new temporary file beside ``path``; its path."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below, on every path)
            "wb", dir=directory, prefix=f".{path.name}.", suffix=".tmp", delete=False
        )
    except OSError as exc:
        raise EmlError(path, f"cannot write here: {exc.strerror or exc}") from None
    temporary = Path(handle.name)
    try:
        with handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise EmlError(path, f"cannot write the file: {exc.strerror or exc}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _text(value: str, where: str) -> str:
    if _ILLEGAL.search(value):
        raise ValueError(f"{where} contains a character that XML cannot hold: {value!r}")
    return escape(value)


def _attr(value: str, where: str) -> str:
    if _ILLEGAL.search(value):
        raise ValueError(f"{where} contains a character that XML cannot hold: {value!r}")
    return quoteattr(value)


@dataclass(frozen=True, slots=True)
class Header:
    """What every written file starts with: the election and the body that made the file.

    ``authority_id``: ``CSB``, ``HSB1``, a municipality code ``0042``, ...;
    ``creation_date_time``: xs:dateTime, e.g. ``2025-08-29T21:00:00``.
    """

    election: ElectionIdentifier
    authority_id: str
    authority_name: str
    creation_date_time: str

    def check(self) -> None:
        if not _DATETIME.fullmatch(self.creation_date_time):
            raise ValueError(
                f"creation date-time {self.creation_date_time!r} is not an xs:dateTime "
                "(YYYY-MM-DDThh:mm:ss)"
            )
        if not self.election.date:
            raise ValueError("the election has no date (kr:ElectionDate is required)")


def _head(message_id: str, header: Header) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<EML {_NAMESPACES} Id={quoteattr(message_id)} SchemaVersion="5">',
        "  <TransactionId>1</TransactionId>",
        "  <ManagingAuthority>",
        f"    <AuthorityIdentifier Id={_attr(header.authority_id, 'authority id')}>"
        f"{_text(header.authority_name, 'authority name')}</AuthorityIdentifier>",
        "    <AuthorityAddress/>",
        "  </ManagingAuthority>",
        f"  <kr:CreationDateTime>{_text(header.creation_date_time, 'date')}</kr:CreationDateTime>",
        f'  <ds:CanonicalizationMethod Algorithm="{C14N}"/>',
    ]
    return "\n".join(lines) + "\n"


def _identifier(e: ElectionIdentifier, indent: str) -> str:
    lines = [f"{indent}<ElectionIdentifier Id={_attr(e.id, 'election id')}>"]
    if e.name:
        lines.append(f"{indent}  <ElectionName>{_text(e.name, 'election name')}</ElectionName>")
    lines.append(f"{indent}  <ElectionCategory>{_text(e.category, 'category')}</ElectionCategory>")
    if e.subcategory:
        lines.append(
            f"{indent}  <kr:ElectionSubcategory>{_text(e.subcategory, 'subcategory')}"
            "</kr:ElectionSubcategory>"
        )
    if e.domain:
        domain_id = f" Id={_attr(e.domain_id, 'domain id')}" if e.domain_id else ""
        lines.append(
            f"{indent}  <kr:ElectionDomain{domain_id}>{_text(e.domain, 'domain')}"
            "</kr:ElectionDomain>"
        )
    lines.append(f"{indent}  <kr:ElectionDate>{_text(e.date, 'date')}</kr:ElectionDate>")
    lines.append(f"{indent}</ElectionIdentifier>")
    return "\n".join(lines) + "\n"


def _vote_group(
    count: Count, names: Mapping[int, str], explanations: Mapping[str, int], indent: str
) -> Iterator[str]:
    sel = f"{indent}<Selection>"
    for lst in count.lists:
        name = _text(names.get(lst.list_number, ""), f"name of list {lst.list_number}")
        yield (
            f'{sel}<AffiliationIdentifier Id="{lst.list_number}"><RegisteredName>{name}'
            f"</RegisteredName></AffiliationIdentifier><ValidVotes>{lst.total}</ValidVotes>"
            "</Selection>\n"
        )
        yield "".join(
            f'{sel}<Candidate><CandidateIdentifier Id="{number}"/></Candidate>'
            f"<ValidVotes>{votes}</ValidVotes></Selection>\n"
            for number, votes in lst.candidates.items()
        )
    counted = (
        count.reported_votes_on_lists
        if count.reported_votes_on_lists is not None
        else count.votes_on_lists
    )
    admitted = count.admitted
    uncounted = [
        (POLL_CARDS, admitted.poll_cards),
        (PROXY_CERTIFICATES, admitted.proxy_certificates),
        (VOTER_CARDS, admitted.voter_cards),
        (ADMITTED, admitted.total),
        (MORE_COUNTED, count.more_counted),
        (FEWER_COUNTED, count.fewer_counted),
    ]
    unknown = sorted(set(explanations) - set(EXPLANATION_CODES))
    if unknown:
        raise ValueError(f"unknown explanation codes {unknown} for {count.unit_id}")
    uncounted += [(code, explanations[code]) for code in EXPLANATION_CODES if code in explanations]
    yield (
        f"{indent}<Cast>{count.eligible_voters or 0}</Cast>\n"
        f"{indent}<TotalCounted>{counted}</TotalCounted>\n"
        f'{indent}<RejectedVotes ReasonCode="ongeldig">{count.invalid}</RejectedVotes>\n'
        f'{indent}<RejectedVotes ReasonCode="blanco">{count.blank}</RejectedVotes>\n'
    )
    yield "".join(
        f'{indent}<UncountedVotes ReasonCode="{code}">{value}</UncountedVotes>\n'
        for code, value in uncounted
    )


def _check_numbers(count: Count) -> None:
    values = [
        count.admitted.poll_cards,
        count.admitted.proxy_certificates,
        count.admitted.voter_cards,
        count.admitted.total,
        count.blank,
        count.invalid,
        count.more_counted,
        count.fewer_counted,
        count.eligible_voters or 0,
        count.reported_votes_on_lists or 0,
    ]
    for lst in count.lists:
        if lst.list_number < 1:
            raise ValueError(f"{count.unit_id}: list number {lst.list_number} is below 1")
        values.append(lst.total)
        for number, votes in lst.candidates.items():
            if number < 1:
                raise ValueError(f"{count.unit_id}: candidate number {number} is below 1")
            values.append(votes)
    if any(value < 0 for value in values):
        raise ValueError(f"{count.unit_id}: a count is negative")
    if not count.lists:
        raise ValueError(f"{count.unit_id}: no lists (a 510 needs at least one Selection)")


def counts_chunks(
    message_id: str,
    header: Header,
    contests: Sequence[ContestCounts],
    names: Mapping[int, str],
) -> Iterator[bytes]:
    """The 510 document as UTF-8 chunks (one per reporting unit); raises ``ValueError``."""
    if message_id not in MESSAGE_LEVELS:
        raise ValueError(f"message type {message_id!r} is not 510a/b/c/d")
    header.check()
    total_level, unit_level = MESSAGE_LEVELS[message_id]
    yield (
        _head(message_id, header)
        + "  <Count>\n    <EventIdentifier/>\n    <Election>\n"
        + _identifier(header.election, "      ")
        + "      <Contests>\n"
    ).encode()
    for contest in contests:
        if contest.total is None and not contest.units:
            raise ValueError(f"contest {contest.contest_id}: nothing to write")
        yield (
            f"        <Contest>\n          <ContestIdentifier "
            f"Id={_attr(contest.contest_id, 'contest id')}/>\n"
        ).encode()
        if contest.total is not None:
            if contest.total.level != total_level:
                raise ValueError(
                    f"the total of a {message_id} is a {total_level} count, "
                    f"not {contest.total.level}"
                )
            _check_numbers(contest.total)
            if (contest.total.unit_id, contest.total.name) != (
                header.authority_id,
                header.authority_name,
            ):
                raise ValueError(
                    f"the total is the count of {contest.total.unit_id} "
                    f"({contest.total.name}); the file is made by {header.authority_id} "
                    f"({header.authority_name}): they must be the same body"
                )
            explained = contest.explanations.get(contest.total.unit_id, {})
            yield (
                "          <TotalVotes>\n"
                + "".join(_vote_group(contest.total, names, explained, "            "))
                + "          </TotalVotes>\n"
            ).encode()
        seen: set[str] = set()
        for unit in contest.units:
            if unit.level != unit_level:
                raise ValueError(
                    f"the units of a {message_id} are {unit_level} counts; "
                    f"{unit.unit_id} is a {unit.level} count"
                )
            if unit.unit_id in seen:
                raise ValueError(f"unit {unit.unit_id} occurs twice")
            seen.add(unit.unit_id)
            _check_numbers(unit)
            explained = contest.explanations.get(unit.unit_id, {})
            yield (
                "          <ReportingUnitVotes>\n"
                f"            <ReportingUnitIdentifier Id={_attr(unit.unit_id, 'unit id')}>"
                f"{_text(unit.name, 'unit name')}</ReportingUnitIdentifier>\n"
                + "".join(_vote_group(unit, names, explained, "            "))
                + "          </ReportingUnitVotes>\n"
            ).encode()
        yield b"        </Contest>\n"
    yield b"      </Contests>\n    </Election>\n  </Count>\n</EML>\n"


def counts_output(
    path: Path,
    message_id: str,
    header: Header,
    contests: Sequence[ContestCounts],
    names: Mapping[int, str],
    check: Callable[[Path], None] | None = None,
) -> Output:
    """A 510 for :func:`write_all`; a count that cannot be written raises :class:`EmlError`."""

    def chunks() -> Iterator[bytes]:
        try:
            yield from counts_chunks(message_id, header, contests, names)
        except ValueError as exc:
            raise EmlError(path, f"cannot write: {exc}") from None

    return path, chunks(), check


def write_counts(
    path: str | Path,
    message_id: str,
    header: Header,
    contests: Sequence[ContestCounts],
    names: Mapping[int, str],
    check: Callable[[Path], None] | None = None,
) -> None:
    """Write a 510b/c/d (or 510a) atomically. ``names``: list number → RegisteredName.

    A count's ``eligible_voters`` of ``None`` is written as ``Cast`` 0 (the element is
    required); ``reported_votes_on_lists`` of ``None`` as the sum of the list totals.
    Raises :class:`EmlError` naming the file and the reason.
    """
    try:
        atomic_write(path, counts_chunks(message_id, header, contests, names), check)
    except ValueError as exc:
        raise EmlError(path, f"cannot write: {exc}") from None


# --------------------------------------------------------------------------- 520


@dataclass(frozen=True, slots=True)
class ElectedCandidate:
    """One elected candidate for the 520: the 230b entry, votes, and how elected."""

    candidate: CandidateEntry
    votes: int
    on_preference: bool  # Ranking 1; else Ranking 2 (in list order)


@dataclass(frozen=True, slots=True)
class ElectedList:
    """A list with seats for the 520, its votes and its elected candidates in order."""

    entry: ListEntry
    votes: int
    elected: tuple[ElectedCandidate, ...]


_FRAGMENT_PARSER = etree.XMLParser(**HARDENED, remove_blank_text=True)
"""Parses the fragments this module writes itself (read back to be indented and validated)."""


def _fragment(xml: bytes) -> etree._Element:
    element = etree.fromstring(xml, _FRAGMENT_PARSER)
    for node in element.iter():
        if node.text is not None and not node.text.strip():
            node.text = None
        if node.tail is not None and not node.tail.strip():
            node.tail = None
    return element


def result_document(header: Header, contest_id: str, lists: Sequence[ElectedList]) -> bytes:
    """The 520 document: per list with seats an AffiliationIdentifier Selection, then its
    elected candidates in order of election, ``Ranking`` 1 (preference) or 2 (list order)."""
    header.check()
    head = _head("520", header) + "  <Result/>\n</EML>\n"
    root = etree.fromstring(head.encode(), _FRAGMENT_PARSER)
    result = root.find(eml("Result"))
    assert result is not None
    election = etree.SubElement(result, eml("Election"))
    identifier = etree.fromstring(
        (f"<x {_NAMESPACES}>" + _identifier(header.election, "") + "</x>").encode(),
        _FRAGMENT_PARSER,
    )[0]
    election.append(identifier)
    contest = etree.SubElement(election, eml("Contest"))
    etree.SubElement(contest, eml("ContestIdentifier"), Id=contest_id)
    for item in lists:
        selection = etree.SubElement(contest, eml("Selection"))
        affiliation = etree.SubElement(
            selection, eml("AffiliationIdentifier"), Id=str(item.entry.number)
        )
        etree.SubElement(affiliation, eml("RegisteredName")).text = item.entry.name
        if item.votes > 0:
            etree.SubElement(selection, eml("Votes")).text = str(item.votes)
        etree.SubElement(selection, eml("Elected")).text = "yes"
        for elected in item.elected:
            entry = elected.candidate
            if entry.address_xml is None:
                raise ValueError(
                    f"candidate {entry.number} of list {item.entry.number} has no "
                    "QualifyingAddress in the 230b (a 520 requires it)"
                )
            selection = etree.SubElement(contest, eml("Selection"))
            candidate = etree.SubElement(selection, eml("Candidate"))
            etree.SubElement(candidate, eml("CandidateIdentifier"), Id=str(entry.number))
            candidate.append(_fragment(entry.full_name_xml))
            if entry.gender:
                etree.SubElement(candidate, eml("Gender")).text = entry.gender
            candidate.append(_fragment(entry.address_xml))
            if elected.votes > 0:
                etree.SubElement(selection, eml("Votes")).text = str(elected.votes)
            etree.SubElement(selection, eml("Ranking")).text = "1" if elected.on_preference else "2"
            etree.SubElement(selection, eml("Elected")).text = "yes"
    etree.cleanup_namespaces(root, top_nsmap={"kr": KR_NS, "xal": XAL_NS, "xnl": XNL_NS})
    etree.indent(root, space="  ")
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data + b"\n"


def write_result(
    path: str | Path,
    header: Header,
    contest_id: str,
    lists: Sequence[ElectedList],
    check: Callable[[Path], None] | None = None,
) -> None:
    """Write a 520 atomically; raises :class:`EmlError` naming the file and the reason."""
    try:
        document = result_document(header, contest_id, lists)
    except ValueError as exc:
        raise EmlError(path, f"cannot write: {exc}") from None
    atomic_write(path, [document], check)
