"""The hash code printed on a proces-verbaal: SHA-256 of a file's exact bytes (EML_NL hash code).

The Kiesraad prints the SHA-256 digest as 16 groups of 4 lowercase hexadecimal characters
separated by single spaces, e.g. ``fae2 12ff ... 2528``. A person compares it by hand, often
only the groups the proces-verbaal asks for; so :func:`compare` accepts any number of typed
groups, in any case and with any spacing, and says which groups matched.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

GROUPS = 16
GROUP_WIDTH = 4
_HEX_GROUP = re.compile(r"[0-9a-f]{4}")
_CHUNK = 1 << 20


def digest_bytes(data: bytes) -> str:
    """The hash code of ``data``: 16 groups of 4 lowercase hex characters, space-separated."""
    return format_hex(hashlib.sha256(data).hexdigest())


def digest_file(path: str | Path) -> str:
    """The hash code of the exact bytes of the file at ``path`` (read in chunks)."""
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            sha.update(chunk)
    return format_hex(sha.hexdigest())


def format_hex(hexdigest: str) -> str:
    """64 hex characters as 16 space-separated groups of 4, lowercase."""
    text = hexdigest.lower()
    return " ".join(text[i : i + GROUP_WIDTH] for i in range(0, len(text), GROUP_WIDTH))


@dataclass(frozen=True, slots=True)
class Comparison:
    """The outcome of comparing typed groups with a hash code.

    ``matched`` is true when the typed groups are the whole code, or occur in it as a
    consecutive run; ``positions`` are then their 1-based group numbers. ``report`` says, for
    a mismatch, per typed group where (if anywhere) it occurs in the code.
    """

    matched: bool
    positions: tuple[int, ...]
    report: str


def parse_groups(typed: str) -> tuple[str, ...]:
    """Typed hash groups, case-insensitive and ignoring spacing.

    Spaces separate groups when every space-separated part has 4 characters; otherwise all
    whitespace is removed and the rest is cut into groups of 4. Raises ``ValueError`` when the
    text is not hexadecimal or not a whole number of groups.
    """
    text = typed.strip().lower()
    parts = text.split()
    if not parts:
        raise ValueError("no hash groups given")
    if not all(len(part) == GROUP_WIDTH for part in parts):
        joined = "".join(parts)
        if len(joined) % GROUP_WIDTH:
            raise ValueError(
                f"{len(joined)} hex characters is not a whole number of groups of {GROUP_WIDTH}"
            )
        parts = [joined[i : i + GROUP_WIDTH] for i in range(0, len(joined), GROUP_WIDTH)]
    for part in parts:
        if not _HEX_GROUP.fullmatch(part):
            raise ValueError(f"{part!r} is not a group of 4 hexadecimal characters (0-9, a-f)")
    if len(parts) > GROUPS:
        raise ValueError(f"{len(parts)} groups given; a hash code has {GROUPS}")
    return tuple(parts)


def _where(positions: tuple[int, ...]) -> str:
    if len(positions) == 1:
        return f"group {positions[0]}"
    if len(positions) == GROUPS:
        return f"all {GROUPS} groups"
    return f"groups {positions[0]}-{positions[-1]}"


def compare(code: str, typed: str) -> Comparison:
    """Compare typed groups with ``code`` (as returned by :func:`digest_file`).

    Sixteen groups are compared position by position. Fewer groups are looked for as a
    consecutive run anywhere in the code (a proces-verbaal shows a few groups). Raises
    ``ValueError`` (from :func:`parse_groups`) when the typed text is not hash groups.
    """
    groups = tuple(code.split())
    want = parse_groups(typed)
    size = len(want)
    starts = [0] if size == GROUPS else range(GROUPS - size + 1)
    for start in starts:
        if groups[start : start + size] == want:
            positions = tuple(range(start + 1, start + size + 1))
            return Comparison(True, positions, f"match: {_where(positions)} of {GROUPS} agree")
    if size == GROUPS:
        details = [
            f"group {pos}: typed {mine}, file has {theirs}"
            for pos, (mine, theirs) in enumerate(zip(want, groups, strict=True), start=1)
            if mine != theirs
        ]
    else:
        details = []
        for mine in want:
            found = [str(pos) for pos, theirs in enumerate(groups, start=1) if theirs == mine]
            details.append(
                f"{mine} is group {', '.join(found)}" if found else f"{mine} occurs nowhere"
            )
    return Comparison(False, (), "MISMATCH: " + "; ".join(details))
