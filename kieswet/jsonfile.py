"""Reading JSON input, for every command that takes it: the one place that decides what a JSON
input may be, so no command accepts silently what another refuses (docs/cli.md, "JSON input").

A document is refused, with one message naming the file, and the line or the field, when

* it is larger than ``--max-bytes`` (the EML reading limit; checked on the bytes read);
* it is not UTF-8 (a UTF-8 byte-order mark at the start is accepted and ignored), or not JSON;
* an object repeats a key (JSON leaves that undefined; the standard library would silently keep
  the last value);
* it is nested deeper than :data:`MAX_DEPTH`;
* a number is ``NaN`` or infinite, or an integer is out of bounds: every integer must be below
  :data:`MAX_INTEGER` in size, ``seats`` at most :data:`MAX_SEATS`, ``votes`` below
  :data:`MAX_VOTES`, and a list at most :data:`MAX_CANDIDATES` candidates.

The bounds are far beyond any Dutch election (the Tweede Kamer has 150 seats and about 10.5
million votes cast; a list has at most 80 candidates, Kieswet art. H 6) and keep every
calculation small and fast.
"""

from __future__ import annotations

import argparse
import json
import math
import re
from collections.abc import Iterator
from typing import Any

import orjson

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
"""The default of ``--max-bytes``: the EML reading limit (``interchange.eml.Limits``)."""
MAX_DEPTH = 64
"""Deepest nesting of arrays and objects accepted (our formats need fewer than ten levels)."""
MAX_INTEGER = 10**15
"""Every integer of a JSON input must be smaller than this in size."""
MAX_VOTES = 10**12
"""A ``votes`` number must be smaller than this."""
MAX_SEATS = 10_000
"""A ``seats`` number may be at most this."""
MAX_CANDIDATES = 1_000
"""A ``candidates`` array, or a ``candidate_count``, may hold at most this many candidates."""
_MAX_DIGITS = 30
"""Longer integer literals are not even converted (Python refuses beyond 4,300 digits)."""
_BOM = "\ufeff"


class JsonInputError(ValueError):
    """A JSON input that is refused; the text names the file (if any), line or field, reason.
    ``field`` is the field's path (``$`` for the document as a whole) and ``code`` one of
    ``malformed_json``, ``duplicate_key``, ``out_of_bounds``, ``unreadable``."""

    def __init__(
        self, message: str, field: str = "$", code: str = "malformed_json", reason: str = ""
    ) -> None:
        super().__init__(message)
        self.field = field
        self.code = code
        self.reason = reason or message
        """What is wrong, without the file and field."""


class _Big:
    """An integer literal too long to convert; reported by the walk with its field."""

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits


class _Constant:
    """``NaN``, ``Infinity`` or ``-Infinity``: not JSON, though Python's reader takes them."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class _Pairs(dict[str, Any]):
    """An object that repeated a key: the first repeated key is kept for the message."""

    __slots__ = ("repeated",)

    def __init__(self, pairs: list[tuple[str, Any]], repeated: str) -> None:
        super().__init__(pairs)
        self.repeated = repeated


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            return _Pairs(pairs, key)
        seen.add(key)
    return result  # pragma: no cover - a shorter dict has a repeated key


def _integer(text: str) -> int | _Big:
    digits = len(text.lstrip("-"))
    return _Big(digits) if digits > _MAX_DIGITS else int(text)


_DECODER = json.JSONDecoder(object_pairs_hook=_object, parse_int=_integer, parse_constant=_Constant)


def _field(path: str, key: str) -> str:
    return f"{path}.{key}" if path != "$" else key


def _walk(document: object) -> Iterator[tuple[str, object, str | None, int]]:
    """Every value of ``document`` in document order, with its field path, the key it sits
    under and its depth; without recursion, so no nesting makes the walk itself fail."""
    stack: list[tuple[str, object, str | None, int]] = [("$", document, None, 0)]
    while stack:
        item = stack.pop()
        yield item
        path, value, _, depth = item
        if depth > MAX_DEPTH:
            continue
        if type(value) is list:
            stack.extend(
                (f"{path}[{i}]", value[i], None, depth + 1) for i in reversed(range(len(value)))
            )
        elif isinstance(value, dict):
            stack.extend((_field(path, k), v, k, depth + 1) for k, v in reversed(value.items()))


def check_document(document: object) -> str | None:
    """What is wrong with a decoded document (see the module text), naming the field of the
    first fault in document order; or ``None``."""
    found = find_fault(document)
    return None if found is None else found.args[0]


def find_fault(document: object) -> JsonInputError | None:
    """The first fault of a decoded document in document order, as an exception naming its
    field; or ``None``."""
    for path, value, key, depth in _walk(document):
        fault = _fault(value, key, depth)
        if fault is not None:
            shown = path if len(path) <= 100 else path[:97] + "..."
            code = (
                "duplicate_key"
                if isinstance(value, _Pairs)
                else "malformed_json"
                if depth > MAX_DEPTH or isinstance(value, _Constant)
                else "out_of_bounds"
            )
            return JsonInputError(f"{shown}: {fault}", shown, code, fault)
    return None


def _fault(value: object, key: str | None, depth: int) -> str | None:
    if depth > MAX_DEPTH:
        return f"nested too deeply (more than {MAX_DEPTH} levels of arrays and objects)"
    if isinstance(value, _Pairs):
        return f"the key {value.repeated!r} occurs more than once in this object"
    if isinstance(value, _Big):
        return f"an integer of {value.digits} digits (every integer must be below 10^15)"
    if isinstance(value, _Constant):
        return f"{value.text} is not a JSON number"
    if type(value) is float and not math.isfinite(value):
        return "a number too large for JSON"
    if type(value) is int:
        if key == "seats" and not -MAX_SEATS <= value <= MAX_SEATS:
            return f"seats must be at most {MAX_SEATS:,}, got {value}"
        if key == "votes" and not -MAX_VOTES < value < MAX_VOTES:
            return f"votes must be below 10^12, got {value}"
        if key == "candidate_count" and not -MAX_CANDIDATES <= value <= MAX_CANDIDATES:
            return f"at most {MAX_CANDIDATES:,} candidates per list, got {value}"
        if not -MAX_INTEGER < value < MAX_INTEGER:
            return f"the integer {value} is out of bounds (every integer must be below 10^15)"
    if key == "candidates" and isinstance(value, list | dict) and len(value) > MAX_CANDIDATES:
        return f"at most {MAX_CANDIDATES:,} candidates per list, got {len(value)}"
    return None


def loads(text: str) -> object:
    """Decode one JSON text by the rules of this module; raises :class:`JsonInputError` with
    the line and column, or the field, of the fault.

    Most documents are sound and written plainly, so they take the fastest path,
    :func:`_fast` (orjson, and checks on the text that rule every fault out); any other
    document is read by :func:`strict_loads`, which gives the same value for a sound document
    and names the fault of any other.
    """
    if text.startswith(_BOM):
        text = text[1:]
    document = _fast(text)
    if document is not None:
        return document
    return _strict(text)


def strict_loads(text: str) -> object:
    """:func:`loads` without its fastest path: the reading that decides, and names, every
    fault (``tests/test_jsonfile_fast.py`` holds :func:`loads` to it).

    Most documents are sound, so they take a fast path: the standard library's reader in C,
    then one walk without field paths that checks the bounds and counts the keys. Only a
    document that may be at fault (more key ends than keys, a value out of bounds) is read
    again, keeping every pair, and walked with field paths, to name the fault.
    """
    return _strict(text[1:] if text.startswith(_BOM) else text)


def _strict(text: str) -> object:
    try:
        try:
            document = json.loads(text, parse_constant=_Constant)
        except json.JSONDecodeError:
            raise
        except ValueError:  # an integer beyond Python's 4,300 digits: named below
            pass
        else:
            keys = _sound(document)
            if keys is not None and len(_KEY_END.findall(text)) <= keys:
                return document  # no fault, and no key repeated (see _KEY_END)
        document = _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        raise JsonInputError(
            f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise JsonInputError(
            f"JSON nested too deeply (more than {MAX_DEPTH} levels of arrays and objects)"
        ) from None
    fault = find_fault(document)
    if fault is not None:
        raise fault
    return document


_KEY_END = re.compile(r'"[ \t\r\n]*:')
"""Where a key ends. Text inside a string may look the same, so this over-counts the keys,
never under-counts them: a document with no more key ends than keys repeats none."""
_SCALARS = (str, bool, type(None))
_BOUNDED = {"seats": MAX_SEATS, "votes": MAX_VOTES - 1, "candidate_count": MAX_CANDIDATES}


def _sound(document: object) -> int | None:
    """The number of keys of a document without a fault of :func:`_fault`; ``None`` when it
    may have one (the slow walk then names it)."""
    keys = 0
    stack: list[tuple[object, int]] = [(document, 0)]
    while stack:
        value, depth = stack.pop()
        if depth >= MAX_DEPTH:
            return None
        if type(value) is dict:
            keys += len(value)
            for key, item in value.items():
                kind = type(item)
                if kind is int:
                    bound = _BOUNDED.get(key, MAX_INTEGER - 1)
                    if not -bound <= item <= bound:
                        return None
                elif kind is dict or kind is list:
                    if key == "candidates" and len(item) > MAX_CANDIDATES:
                        return None
                    stack.append((item, depth + 1))
                elif kind is float:
                    if not math.isfinite(item):
                        return None
                elif kind not in _SCALARS:
                    return None
        elif type(value) is list:
            for item in value:
                kind = type(item)
                if kind is int:
                    if not -MAX_INTEGER < item < MAX_INTEGER:
                        return None
                elif kind is dict or kind is list:
                    stack.append((item, depth + 1))
                elif kind is float:
                    if not math.isfinite(item):
                        return None
                elif kind not in _SCALARS:
                    return None
        else:
            return None  # a document that is a single value: the slow walk judges it
    return keys


_DIGITS_AS_ZERO = bytes(48 if 48 <= byte <= 57 else 32 for byte in range(256))
_LONG_NUMBER = b"0" * 13
"""A run of 13 digits: the least that may make a ``votes`` number out of bounds (and every
other integer needs 16, a 64-bit integer 19)."""
_DEEP = b"\n" + b" " * (2 * MAX_DEPTH)
"""A line of orjson's indented text (two spaces a level) holding a value :data:`MAX_DEPTH`
levels deep."""
_KEYED = tuple(
    (f'"{key}"'.encode(), re.compile(f'"{key}"[ \t\r\n]*:[ \t\r\n]*(-?[0-9]+)'.encode()), bound)
    for key, bound in (("seats", MAX_SEATS), ("candidate_count", MAX_CANDIDATES))
)
_CANDIDATES = b'"candidates"'


def _fast(text: str) -> object | None:
    """The document of ``text`` when it is an array or object that :func:`strict_loads`
    accepts, read by orjson; ``None`` when it may not be (then :func:`strict_loads` reads it,
    and names any fault). It is ``None`` unless the text itself rules out every fault:

    * no backslash: every string is written as it reads, so a key is found by its text, and
      orjson writes every string back byte for byte (orjson reads the same values as the
      standard library for such a text: ``tests/test_jsonfile_fast.py``; it refuses what JSON
      does not allow, ``NaN``, ``Infinity``, a number too large for a float, so they are left
      to the strict reader too);
    * no run of 13 digits: every integer is below 10^12 in size (so within every bound but
      those of ``seats`` and ``candidate_count``), and within 64 bits (orjson reads larger
      ones as floats);
    * a key repeated in an object: orjson keeps one of them, so the document written again
      holds fewer colons than the text (strings are written back unchanged, and every key is
      followed by one colon);
    * nesting: no line of orjson's indented text is :data:`MAX_DEPTH` levels deep;
    * ``"seats"`` and ``"candidate_count"``: every integer written after the key is within
      its bound; ``"candidates"``: the arrays or objects under that key, found by walking
      down only until as many keys as the text holds are seen, are within their bound.
    """
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return None
    if b"\\" in raw or _LONG_NUMBER in raw.translate(_DIGITS_AS_ZERO):
        return None
    try:
        document = orjson.loads(raw)
        if type(document) is not dict and type(document) is not list:
            return None  # a single value: the strict reader names what is wrong with it
        shown = orjson.dumps(document, option=orjson.OPT_INDENT_2)
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        return None
    if _DEEP in shown or shown.count(b":") != raw.count(b":"):
        return None
    for literal, pattern, bound in _KEYED:
        start = raw.find(literal)
        while start >= 0:
            found = pattern.match(raw, start)
            if found is not None and not -bound <= int(found[1]) <= bound:
                return None
            start = raw.find(literal, start + 1)
    remaining = raw.count(_CANDIDATES)
    level: list[Any] = [document]
    while remaining and level:
        below: list[Any] = []
        for container in level:
            if type(container) is dict:
                value = container.get("candidates")
                if value is not None:
                    remaining -= 1
                    if (type(value) is list or type(value) is dict) and len(value) > MAX_CANDIDATES:
                        return None
                below.extend(v for v in container.values() if type(v) in _CONTAINERS)
            else:
                below.extend(v for v in container if type(v) in _CONTAINERS)
        level = below
    return document


_CONTAINERS = (dict, list)


def decode_bytes(data: bytes) -> str:
    """UTF-8 ``data`` as text; raises :class:`JsonInputError` naming the line of a bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise JsonInputError(f"not UTF-8 at line {line} (byte {exc.start}: {exc.reason})") from None


def read_bytes(path: str, max_bytes: int | None = None) -> bytes:
    """The bytes of ``path`` (``-``: standard input), refused beyond ``max_bytes``; raises
    :class:`JsonInputError` naming the file."""
    import sys

    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    try:
        if path == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with open(path, "rb") as handle:
                data = handle.read(limit + 1)
    except OSError as exc:
        raise JsonInputError(
            f"cannot read {path}: {exc.strerror or exc}", code="unreadable"
        ) from None
    if len(data) > limit:
        raise JsonInputError(
            f"{path}: larger than {limit:,} bytes (the limit; see --max-bytes)",
            code="unreadable",
        )
    return data


def load(path: str, max_bytes: int | None = None) -> object:
    """The document of the JSON file ``path`` (``-``: standard input); raises
    :class:`JsonInputError` with one message naming the file and the fault."""
    data = read_bytes(path, max_bytes)
    try:
        return loads(decode_bytes(data))
    except JsonInputError as exc:
        raise JsonInputError(f"{path}: {exc}", exc.field, exc.code, exc.reason) from None


def read_json(path: str, max_bytes: int | None = None) -> tuple[object, str | None]:
    """The decoded document of ``path`` and ``None``; or ``None`` and one message naming the
    file and what is wrong with it (see the module text)."""
    try:
        return load(path, max_bytes), None
    except JsonInputError as exc:
        return None, str(exc)


def add_max_bytes(parser: argparse.ArgumentParser) -> None:
    """``--max-bytes N``: refuse input files larger than N bytes (the EML reading limit)."""
    parser.add_argument(
        "--max-bytes",
        type=_positive,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse input files larger than N bytes (default {DEFAULT_MAX_BYTES:,})",
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value
