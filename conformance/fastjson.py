"""JSON lines read and written with orjson where that gives exactly what ``json`` gives.

The runner and every adapter built on ``conformance.adapters.serve`` spend much of their time
turning protocol lines into objects and back; orjson does that several times faster than the
standard library. It differs from the standard library only at the edges, and there the
standard library is used instead:

* orjson reads an integer beyond 64 bits as a float. Such an integer has at least 19 digits, so
  a line with a run of 19 digits anywhere is left to the standard library.
* orjson rejects what the standard library reads although JSON does not allow it (``NaN``,
  ``Infinity``, numbers too large for a float, lone surrogates); those lines are left to the
  standard library too, so the caller's messages about them do not change.
* orjson refuses to write an integer beyond 64 bits, a key that is not a string or a string
  with a lone surrogate, and writes a non-finite float as ``null``. Such documents, and any
  written line that contains ``null``, are written by the standard library.

So a line reads as the same values either way, and a document without floats is written as the
same text (``tests/test_fastjson.py`` checks both). Floats, which no protocol message needs,
may be written in another, equivalent notation (``1e-7`` for ``1e-07``).
"""

from __future__ import annotations

import json
from typing import Any

import orjson

_DIGITS_AS_ZERO = bytes(48 if 48 <= byte <= 57 else 32 for byte in range(256))
_LONG_NUMBER = b"0" * 19


def read_fast(line: str | bytes) -> Any | None:
    """``line`` read by orjson, when that is exactly the standard library's reading of it;
    ``None`` when the caller must read it with the standard library (which includes every line
    that is not valid JSON, and the line ``null``)."""
    try:
        raw = line.encode("utf-8") if isinstance(line, str) else line
        if _LONG_NUMBER in raw.translate(_DIGITS_AS_ZERO):
            return None
        return orjson.loads(raw)
    except (UnicodeEncodeError, orjson.JSONDecodeError):
        return None


def write_line(document: Any) -> str:
    """``document`` as one compact line of JSON (UTF-8 text, not escaped) with its newline,
    exactly as ``json.dumps(document, ensure_ascii=False, separators=(",", ":"))`` writes it
    for a document without floats."""
    try:
        data = orjson.dumps(document, option=orjson.OPT_APPEND_NEWLINE)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        pass
    else:
        if b"null" not in data:
            return data.decode("utf-8")
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_line_without_floats(document: Any) -> str:
    """``write_line`` for a document the caller knows holds no float (every result document
    of the engine: its numbers are integers and exact fractions written as text). Without
    floats orjson never writes ``null`` for a number, so the check for ``null`` that
    ``write_line`` needs (and that sends every document with a ``null`` field to the standard
    library) is left out; what orjson refuses (an integer beyond 64 bits, a key that is not a
    string, a lone surrogate) is still written by the standard library."""
    try:
        return orjson.dumps(document, option=orjson.OPT_APPEND_NEWLINE).decode("utf-8")
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"

