"""Terse construction of ``Election`` objects and input documents for hand-computed tests.

Lists are numbered 1, 2, 3, ... in the order given. Each entry of ``lists`` is either an ``int``
(list-level data: the stemcijfer) or a sequence of ints (candidate-level data: the votes of
candidates 1, 2, 3, ...; the stemcijfer is their sum).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from spec.model import (
    Candidate,
    Completed,
    Election,
    ElectionKind,
    ElectionList,
    LawVersion,
    Lot,
    LotKind,
    Result,
    parse_profile,
)

ListSpec = int | Sequence[int]


def lot(kind: LotKind, options: Iterable[int], drawn: int, list_number: int | None = None) -> Lot:
    """A drawn lot as supplied on a rerun."""
    return Lot(kind, tuple(sorted(options)), drawn, list_number)


def election(
    kind: ElectionKind,
    seats: int,
    lists: Sequence[ListSpec],
    *,
    limits: Mapping[int, int] | None = None,
    deceased: Mapping[int, Iterable[int]] | None = None,
    law: LawVersion = "current",
    profile: str = "default",
    lots: Sequence[Lot] = (),
) -> Election:
    """Build an election.

    ``limits``: list number → ``candidate_count`` for list-level lists (P 10).
    ``deceased``: list number → candidate numbers that died (P 19a), for candidate-level lists.
    """
    limits = limits or {}
    deceased = deceased or {}
    built: list[ElectionList] = []
    for number, spec in enumerate(lists, start=1):
        if isinstance(spec, int):
            built.append(ElectionList(number, f"list {number}", spec, None, limits.get(number), 0))
        else:
            dead = set(deceased.get(number, ()))
            candidates = tuple(
                Candidate(i, votes, i in dead) for i, votes in enumerate(spec, start=1)
            )
            built.append(ElectionList(number, f"list {number}", sum(spec), candidates))
    return Election(kind, seats, tuple(built), law, parse_profile(profile), tuple(lots))


def document(
    kind: str = "GR",
    seats: int = 10,
    lists: Sequence[Mapping[str, Any]] | None = None,
    **election_fields: Any,
) -> dict[str, Any]:
    """A valid ``kieswet/seat-allocation-input@1`` document (as decoded JSON), to be spoiled.

    Default lists: list 1 with 600 votes and list 2 with candidates voting 300 and 100.
    """
    if lists is None:
        lists = [
            {"number": 1, "name": "A", "votes": 600, "candidate_count": 10},
            {
                "number": 2,
                "name": "B",
                "candidates": [{"number": 1, "votes": 300}, {"number": 2, "votes": 100}],
            },
        ]
    return {
        "format": "kieswet/seat-allocation-input@1",
        "election": {"kind": kind, "seats": seats, **election_fields},
        "lists": [dict(item) for item in lists],
        "lots": [],
    }


def completed(result: Result) -> Completed:
    """The result, asserted to be ``Completed`` (with a readable failure otherwise)."""
    assert isinstance(result, Completed), f"expected a completed result, got {result!r}"
    return result


def seat_counts(result: Result) -> tuple[int, ...]:
    """Seats per list in list order, from a completed result."""
    done = completed(result)
    return tuple(done.seats[number] for number in sorted(done.seats))
