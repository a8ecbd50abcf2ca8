"""The fast path for the Selections of a 510: canonical runs read as text, by construction.

A 510 of a national election holds some twelve million ``Selection`` elements; building an
lxml tree for each and visiting it from Python costs about twice a bare parse. Almost all of
them are written in one canonical shape (any whitespace between the tags)::

    <Selection><Candidate><CandidateIdentifier Id="12"/></Candidate>
      <ValidVotes>41</ValidVotes></Selection>
    <Selection><AffiliationIdentifier Id="3"><RegisteredName>Lijst</RegisteredName>
      </AffiliationIdentifier><ValidVotes>958</ValidVotes></Selection>

:func:`reduce` finds every *run* of such Selections (separated by whitespace only) with a
regular expression, keeps its bytes, and replaces it in the document by one marker element
``<kieswet-selections n="K"/>`` followed by as many newlines as the run held, so that every
line number stays the same. The reduced document (headers, identifiers, ``Cast``,
``TotalCounted`` and the other counts) is then read by the tree reader as usual; a vote group
whose only Selections are one marker takes its lists from the run (:func:`read_run`).

Why this reads exactly what the tree reader would:

* the run's bytes are well-formed XML by construction: fixed tags, no attributes but
  ``Id="digits"``, numbers in ASCII digits, names without ``<``, ``&``, ``]`` or control
  characters and in valid UTF-8 (a run that is not is left in the document for the tree);
  no comment, CDATA section, processing instruction or entity reference can be inside it;
* the elements are unprefixed and carry no namespace declaration, so they are in the default
  namespace in scope where the run stands; the marker stands in the same place and is
  unprefixed too, and the reader accepts it only as ``{urn:oasis:names:tc:evs:schema:eml}``:
  so the Selections are EML Selections;
* the file must be UTF-8 (declared or by default), so the bytes are these characters; the
  marker's name must not occur in the file; the reduced document is parsed by the same
  hardened parser (no DTD, no entities, no network), and the original bytes are bounded by
  the same size limit;
* every run must be taken by exactly one vote group, as that group's only Selections, and
  every check of a number's meaning is made on it (:func:`read_run` returns ``None`` where
  the tree reader would raise or read otherwise).

Whenever anything is not so, or the reduced document gives any error, the file is read again
by the tree reader, which is authoritative: it gives the error with its line and element.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interchange.eml.names import eml

MARKER_LOCAL = "kieswet-selections"
MARKER = eml(MARKER_LOCAL)
_MARKER_BYTES = MARKER_LOCAL.encode()

_WS = rb"[ \t\r\n]*"
_NUMBER = rb"[0-9]+"
_NAME = rb"[^<&\]\x00-\x08\x0b\x0c\x0e-\x1f]*"
_CANDIDATE = (
    rb"<Candidate>" + _WS + rb'<CandidateIdentifier Id="' + _NUMBER + rb'"' + _WS
    + rb"(?:/>|></CandidateIdentifier>)" + _WS + rb"</Candidate>"
)  # fmt: skip
_AFFILIATION = (
    rb'<AffiliationIdentifier Id="' + _NUMBER + rb'"' + _WS + rb"(?:/>|>" + _WS
    + rb"(?:<RegisteredName>" + _NAME + rb"</RegisteredName>" + _WS + rb")?"
    + rb"</AffiliationIdentifier>)"
)  # fmt: skip
_SELECTION = (
    rb"<Selection>" + _WS + rb"(?:" + _CANDIDATE + rb"|" + _AFFILIATION + rb")" + _WS
    + rb"<ValidVotes>" + _NUMBER + rb"</ValidVotes>" + _WS + rb"</Selection>"
)  # fmt: skip
_RUN = re.compile(_SELECTION + rb"(?:" + _WS + _SELECTION + rb")*")
_LIST_START = re.compile(
    rb"<Selection>" + _WS + rb'<AffiliationIdentifier Id="(' + _NUMBER + rb')"'
)
_VOTES = re.compile(rb"<ValidVotes>([0-9]+)</ValidVotes>")
_CANDIDATE_IDS = re.compile(rb'<CandidateIdentifier Id="([0-9]+)"')
_DECLARATION = re.compile(rb"<\?xml[^>]*?encoding=[\"']([A-Za-z0-9._-]+)[\"']")
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class Reduced:
    """A document with its canonical Selection runs replaced by markers."""

    data: bytes
    runs: tuple[bytes, ...]


def _utf8(data: bytes) -> bool:
    """Whether the document is UTF-8: no other encoding declared, no other byte order mark."""
    head = data.removeprefix(_BOM)
    if not head.startswith(b"<"):
        return False
    if head.startswith(b"<?xml"):
        end = head.find(b"?>")
        if end < 0:
            return False
        declared = _DECLARATION.match(head[: end + 2])
        if declared is not None and declared.group(1).lower() not in (b"utf-8", b"utf8"):
            return False
    return True


def _xml_text(run: bytes) -> bool:
    """Whether the non-ASCII bytes of a run (in its names) are UTF-8 of characters XML allows:
    the decoder refuses malformed UTF-8 and surrogates; U+FFFE and U+FFFF are checked here."""
    try:
        text = run.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return "\ufffe" not in text and "\uffff" not in text


def reduce(data: bytes) -> Reduced | None:
    """Replace every canonical run of Selections by a marker; ``None`` if there is none, or
    the file is not UTF-8, or it already holds the marker's name."""
    if _MARKER_BYTES in data or b"<Selection>" not in data or not _utf8(data):
        return None
    pieces: list[bytes] = []
    runs: list[bytes] = []
    last = 0
    for match in _RUN.finditer(data):
        run = match.group()
        if not run.isascii() and not _xml_text(run):
            continue  # left for the tree reader, which names the fault
        pieces.append(data[last : match.start()])
        pieces.append(b'<%s n="%d"/>' % (_MARKER_BYTES, len(runs)))
        pieces.append(b"\n" * run.count(b"\n"))
        last = match.end()
        runs.append(run)
    if not runs:
        return None
    pieces.append(data[last:])
    return Reduced(b"".join(pieces), tuple(runs))


@dataclass(frozen=True, slots=True)
class Run:
    """The numbers of one run, as text: per list its Id, its total and its candidates."""

    list_ids: list[bytes]
    sizes: list[int]  # per list: the number of candidate Selections after it
    votes: list[bytes]  # every Selection's ValidVotes, in order
    candidate_ids: list[bytes]  # every candidate Selection's Id, in order


def read_run(run: bytes) -> Run | None:
    """Split a run into its lists; ``None`` if a candidate comes before the first list."""
    parts = _LIST_START.split(run)
    if parts[0].strip():
        return None
    return Run(
        list_ids=parts[1::2],
        sizes=[part.count(b"<Selection>") for part in parts[2::2]],
        votes=_VOTES.findall(run),
        candidate_ids=_CANDIDATE_IDS.findall(run),
    )
