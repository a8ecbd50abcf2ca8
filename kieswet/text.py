"""Text from the input shown to a person: names are data, printed literally and safely.

A name may hold anything a JSON string or an XML text can: markup-like text (``[b]``,
``[link=...]``), terminal escape sequences, other control characters, lone surrogates. Shown
on a terminal unescaped, an escape sequence would act (move the cursor, change the title,
hide text); a lone surrogate cannot be encoded at all. :func:`printable` keeps every ordinary
character and shows the others as Python-style escapes (``\\x1b``, ``\\u200e``, ``\\ud800``),
so what is printed is exactly what the input said.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff]"
)
"""Control characters (C0, DEL, C1), zero-width and bidirectional controls, surrogates,
the byte-order mark: characters that act on a terminal or cannot be printed."""


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every character that is not safe to print shown as an escape
    (``\\x1b``, ``\\ud800``); every other character, markup-like text included, unchanged."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_escape, text)


def printable_lines(text: str) -> str:
    """:func:`printable` line by line: the line breaks of a message of several lines kept."""
    return "\n".join(printable(line) for line in text.split("\n"))
