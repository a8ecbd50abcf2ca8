"""Hardened XML reading: no DTD, no entities, no network, bounded size, streaming.

Every EML_NL file is read through this module, with lxml (libxml2) configured so that

* a document type declaration (``<!DOCTYPE``) is refused outright: it is the only way to
  declare entities, so external entities (XXE: reading a local file or a URL) and entity
  expansion (billion laughs) cannot happen; entities are also never resolved
  (``resolve_entities=False``), DTDs never loaded and the network never used;
* a file larger than :attr:`Limits.max_bytes` is refused while it is read (the limit is
  enforced on the bytes actually read, so it also holds for a pipe or a growing file);
* libxml2's own safety limits stay on (``huge_tree=False``: depth, text node size);
* comments and processing instructions are dropped, so element children are elements only.

Large files are read with :func:`iter_elements` (``lxml.etree.iterparse``): the caller handles
one subtree at a time and the memory used stays that of one subtree.
"""

from __future__ import annotations

import io
import os
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypedDict

from lxml import etree

from interchange.eml.errors import EmlError
from interchange.eml.names import EML_NS, display_name, eml

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
_READ_SIZE = 1 << 16


@dataclass(frozen=True, slots=True)
class Limits:
    """Resource limits for reading one file. ``max_bytes``: the largest file accepted."""

    max_bytes: int = DEFAULT_MAX_BYTES


DEFAULT_LIMITS = Limits()


_DOCTYPE_REFUSED = (
    "a document type declaration (<!DOCTYPE ...>) is not allowed in EML_NL: it can "
    "declare entities (external entities, entity expansion); the file is refused and "
    "no entity in it is resolved or loaded"
)
_PROLOG_SCAN = 1 << 16
"""How many leading bytes are searched for a ``<!DOCTYPE`` before the parser sees them."""


class _BoundedReader:
    """A binary file that raises once more than ``limit`` bytes have been read from it.

    It also refuses a document type declaration in the first :data:`_PROLOG_SCAN` bytes before
    handing them to the parser, so the refusal is ours and the same whatever libxml2 version is
    installed (libxml2's own guards may stop an entity bomb earlier, with a message of its own).
    A declaration further on is still refused by :func:`check_root` after the parse.
    """

    def __init__(self, handle: IO[bytes], limit: int, path: str) -> None:
        self._handle = handle
        self._limit = limit
        self._path = path
        self._head = b""
        self.total = 0

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(_READ_SIZE if size is None or size < 0 else size)
        self.total += len(data)
        if self.total > self._limit:
            raise EmlError(
                self._path,
                f"file is larger than the limit of {self._limit:,} bytes "
                "(raise it with --max-bytes if the file is genuine)",
            )
        if len(self._head) < _PROLOG_SCAN:
            self._head += data[: _PROLOG_SCAN - len(self._head)]
            if b"<!DOCTYPE" in self._head:
                raise EmlError(self._path, _DOCTYPE_REFUSED)
        return data


def _open(path: Path) -> IO[bytes]:
    try:
        return open(path, "rb")
    except OSError as exc:
        raise EmlError(path, f"cannot read the file: {exc.strerror or exc}") from None


def _syntax_error(path: Path, exc: etree.XMLSyntaxError) -> EmlError:
    message = exc.msg or str(exc)
    # libxml2 repeats the position in its message; keep the reason only.
    for suffix in (f", line {exc.lineno}, column {exc.position[1]}", f" (line {exc.lineno})"):
        message = message.removesuffix(suffix)
    if _empty(path):
        return EmlError(path, "the file is empty")
    if _truncated(path):
        message += " (the file ends before </EML>: it looks truncated)"
    return EmlError(path, f"malformed XML: {message}", line=exc.lineno or None)


def _empty(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except OSError:
        return False


def _truncated(path: Path) -> bool:
    """Whether the file does not end with an end tag (looked up after a syntax error only)."""
    try:
        with open(path, "rb") as handle:
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - 256))
            tail = handle.read().rstrip()
    except OSError:
        return False
    return not tail.endswith(b">") or tail.rfind(b"</") < tail.rfind(b"<")


def check_root(path: Path, root: etree._Element, expected_ids: Collection[str]) -> str:
    """Refuse a DTD, a foreign root element or an unexpected message type; return the ``Id``."""
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        raise EmlError(path, _DOCTYPE_REFUSED)
    if root.tag != eml("EML"):
        tag = root.tag if isinstance(root.tag, str) else "?"
        namespace = tag[1:].partition("}")[0] if tag.startswith("{") else ""
        if tag.endswith("}EML") or tag == "EML":
            reason = (
                f"the root element is in namespace {namespace or '(none)'!r}; "
                f"EML_NL uses {EML_NS!r}"
            )
        else:
            reason = f"the root element is <{display_name(tag)}>; an EML_NL file has <EML>"
        raise EmlError(path, reason, element=tag, line=root.sourceline)
    message_id = root.get("Id")
    if message_id is None or message_id not in expected_ids:
        wanted = ", ".join(sorted(expected_ids))
        raise EmlError(
            path,
            f"this is an EML {message_id or '(no Id)'} message; expected {wanted}",
            element=root.tag,
            line=root.sourceline,
        )
    return message_id


class _Hardened(TypedDict):
    resolve_entities: bool
    load_dtd: bool
    dtd_validation: bool
    no_network: bool
    huge_tree: bool
    remove_comments: bool
    remove_pis: bool


HARDENED: _Hardened = {
    "resolve_entities": False,
    "load_dtd": False,
    "dtd_validation": False,
    "no_network": True,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}
"""The parser settings of every EML read, tree or streaming: entities never resolved, no DTD
loaded, no network, libxml2's size limits kept; comments and processing instructions dropped."""


def hardened_parser() -> etree.XMLParser:
    """The tree parser, with the ``HARDENED`` settings."""
    return etree.XMLParser(**HARDENED)


def parse_document(
    path: str | Path, expected_ids: Collection[str], limits: Limits = DEFAULT_LIMITS
) -> tuple[etree._Element, str]:
    """Read a (small) EML file into a tree, hardened; return its root and message ``Id``."""
    path = Path(path)
    parser = hardened_parser()
    with _open(path) as handle:
        reader = _BoundedReader(handle, limits.max_bytes, str(path))
        try:
            while chunk := reader.read(_READ_SIZE):
                parser.feed(chunk)
            root = parser.close()
        except etree.XMLSyntaxError as exc:
            raise _syntax_error(path, exc) from None
    if root is None:
        raise EmlError(path, "the file is empty")
    return root, check_root(path, root, expected_ids)


def read_bounded(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of a file, refused once more than ``limits.max_bytes`` have been read."""
    with _open(Path(path)) as handle:
        reader = _BoundedReader(handle, limits.max_bytes, str(path))
        try:
            expected = os.fstat(handle.fileno()).st_size
        except OSError:
            expected = 0
        chunks = [reader.read(min(expected, limits.max_bytes) + 1)]
        while chunks[-1]:  # until the end (a file that grew, or a pipe)
            chunks.append(reader.read(_READ_SIZE))
        return b"".join(chunks)


def iter_elements(
    path: str | Path,
    tags: Sequence[str],
    expected_ids: Collection[str],
    limits: Limits = DEFAULT_LIMITS,
    source: bytes | None = None,
) -> Iterator[tuple[str, etree._Element]]:
    """Stream ``(event, element)`` for the root's start and the ``end`` of elements in ``tags``.

    The first item is ``("start", root)`` after :func:`check_root` passed. The caller should
    ``clear()`` elements it has finished with. ``source``: parse these bytes (already read
    within the limits) instead of the file; ``path`` then only names it.
    """
    path = Path(path)
    with _open(path) if source is None else io.BytesIO(source) as handle:
        limit = limits.max_bytes if source is None else len(source)
        reader = _BoundedReader(handle, limit, str(path))
        context = etree.iterparse(
            reader,
            events=("start", "end"),
            tag=["{*}EML", *tags],
            **HARDENED,
        )
        root_seen = False
        try:
            for event, element in context:
                if not root_seen:
                    root_seen = True
                    root = element.getroottree().getroot()
                    check_root(path, root, expected_ids)
                    yield "start", root
                    if element is root:
                        continue
                if event == "end":
                    yield "end", element
        except etree.XMLSyntaxError as exc:
            raise _syntax_error(path, exc) from None
        if not root_seen:
            last = context.root
            if last is None:
                raise EmlError(path, "the file is empty")
            check_root(path, last, expected_ids)
