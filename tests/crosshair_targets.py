"""Bounded wrappers of the engine for CrossHair (``docs/crosshair.md``).

Each function takes plain ints, bounds them with PEP 316 ``pre:`` conditions, builds an
``Election``, runs the reference engine and states the specification as ``post:`` conditions:
``spec.check.check`` (the independent executable specification) must find no violated rule, plus
a few direct properties. CrossHair runs the engine on symbolic ints, so it chooses inputs that
take each branch of the engine (ties, thresholds, P 9, P 10); the result is made concrete
(``deep_realize``) before the specification reads it, because the specification parses and
formats exact fractions, which symbolic execution cannot follow in useful time.

Run by CI (``.ci/run``)::

    crosshair check tests.crosshair_targets --analysis_kind=PEP316 --per_condition_timeout=20

This module is not collected by pytest (its name does not start with ``test_``); importing it
needs only ``crosshair-tool`` (the ``dev`` extra).
"""

from __future__ import annotations

from collections.abc import Sequence

from crosshair import deep_realize, realize

from interchange.allocation import result_to_json
from interchange.judging import check
from reference.allocate import allocate
from reference.quota import full_seats
from spec.model import (
    Completed,
    Election,
    ElectionKind,
    ElectionList,
    Lot,
    NeedsLot,
    Result,
)


def _election(
    kind: ElectionKind,
    seats: int,
    votes: Sequence[int],
    limits: Sequence[int | None] = (),
    lots: tuple[Lot, ...] = (),
) -> Election:
    """Lists 1, 2, ... with list-level votes; ``limits[i]`` = candidates of list i + 1 (P 10)."""
    padded = [*limits, *[None] * (len(votes) - len(limits))]
    lists = tuple(
        ElectionList(i + 1, f"list {i + 1}", v, None, limit)
        for i, (v, limit) in enumerate(zip(votes, padded, strict=True))
    )
    return Election(kind, seats, lists, lots=lots)


def _violations(election: Election, result: Result) -> list[str]:
    """``spec.check`` on the concrete result: the ids of the violated rules, with messages."""
    concrete_election: Election = deep_realize(election)
    document = deep_realize(result_to_json(result))
    return [f"{v.rule_id}: {v.message}" for v in check(concrete_election, document)]


def _seats(result: Result) -> dict[int, int]:
    """Seats per list of a completed result (empty for any other result)."""
    return dict(result.seats) if isinstance(result, Completed) else {}


def _filled(result: Result, seats: int) -> bool:
    """All seats are assigned, or the result says why not (a warning) or asks for a lot."""
    if not isinstance(result, Completed):
        return isinstance(result, NeedsLot)
    return sum(result.seats.values()) == seats or bool(result.warnings)


# --------------------------------------------------------------------------- P 5, P 6


def _is_floor(counts: dict[int, int], seats: int, votes: tuple[int, ...]) -> bool:
    """The count of list ``i + 1`` is floor(votes[i] * seats / total), every list has one, and
    together they do not exceed the seats."""
    total = sum(votes)
    return (
        list(counts) == list(range(1, len(votes) + 1))
        and all(
            counts[i + 1] * total <= v * seats < (counts[i + 1] + 1) * total
            for i, v in enumerate(votes)
        )
        and sum(counts.values()) <= seats
    )


def full_seats_three_lists(seats: int, v1: int, v2: int, v3: int) -> dict[int, int]:
    """P 5 / P 6: full seats = floor(votes * seats / total), exactly (``reference.quota``).

    pre: 1 <= seats <= 25
    pre: 0 <= v1 <= 3000 and 0 <= v2 <= 3000 and 0 <= v3 <= 3000
    pre: v1 + v2 + v3 > 0
    post: _is_floor(__return__, seats, (v1, v2, v3))
    """
    seats = realize(seats)  # see module docstring
    counts, _rows = full_seats(_election("GR", seats, (v1, v2, v3)))
    return counts


def full_seats_tiny(seats: int, v1: int, v2: int) -> dict[int, int]:
    """P 5 / P 6 on a domain small enough for CrossHair to exhaust every path.

    pre: 1 <= seats <= 5
    pre: 0 <= v1 <= 5 and 0 <= v2 <= 5
    pre: v1 + v2 > 0
    post: _is_floor(__return__, seats, (v1, v2))
    """
    counts, _rows = full_seats(_election("GR", seats, (v1, v2)))
    return counts


# --------------------------------------------------------------------------- P 7


def greatest_averages_gr(seats: int, v1: int, v2: int, v3: int, v4: int) -> list[str]:
    """P 7, 19 seats or more, no threshold (GR): the specification accepts the result.

    pre: 19 <= seats <= 25
    pre: 0 <= v1 <= 3000 and 0 <= v2 <= 3000 and 0 <= v3 <= 3000 and 0 <= v4 <= 3000
    pre: v1 + v2 + v3 + v4 > 0
    post: __return__ == []
    """
    seats = realize(seats)  # see module docstring
    election = _election("GR", seats, (v1, v2, v3, v4))
    result = allocate(election)
    assert _filled(result, seats)
    return _violations(election, result)


def greatest_averages_tk(seats: int, v1: int, v2: int, v3: int) -> list[str]:
    """P 7 lid 2 (TK): a list below the kiesdeler gets no residual seat.

    pre: 19 <= seats <= 25
    pre: 0 <= v1 <= 3000 and 0 <= v2 <= 3000 and 0 <= v3 <= 3000
    pre: v1 + v2 + v3 > 0
    post: __return__ == []
    """
    seats = realize(seats)  # see module docstring
    votes = (v1, v2, v3)
    election = _election("TK", seats, votes)
    result = allocate(election)
    total = v1 + v2 + v3
    for number, held in _seats(result).items():
        if votes[number - 1] * seats < total:  # below the kiesdeler: full seats only (none)
            assert held == 0
    return _violations(election, result)


# --------------------------------------------------------------------------- P 8


def largest_remainders(seats: int, v1: int, v2: int, v3: int, v4: int) -> list[str]:
    """P 8, fewer than 19 seats: 75% rule, one seat per list per round, further rounds.

    pre: 1 <= seats <= 18
    pre: 0 <= v1 <= 3000 and 0 <= v2 <= 3000 and 0 <= v3 <= 3000 and 0 <= v4 <= 3000
    pre: v1 + v2 + v3 + v4 > 0
    post: __return__ == []
    """
    seats = realize(seats)  # see module docstring
    election = _election("GR", seats, (v1, v2, v3, v4))
    result = allocate(election)
    assert _filled(result, seats)
    return _violations(election, result)


# --------------------------------------------------------------------------- P 9


def absolute_majority(seats: int, v1: int, v2: int, v3: int) -> list[str]:
    """P 9: list 1 has more than half of the votes, so it ends with more than half the seats.

    pre: 1 <= seats <= 25
    pre: 0 <= v1 <= 3000 and 0 <= v2 <= 3000 and 0 <= v3 <= 3000
    pre: 2 * v1 > v1 + v2 + v3
    post: __return__ == []
    """
    seats = realize(seats)  # see module docstring
    election = _election("GR", seats, (v1, v2, v3))
    result = allocate(election)
    if isinstance(result, Completed) and not result.warnings:
        assert 2 * result.seats[1] > seats
    return _violations(election, result)


# --------------------------------------------------------------------------- P 10


def list_exhaustion(seats: int, v1: int, v2: int, v3: int, limit1: int, limit2: int) -> list[str]:
    """P 10: lists 1 and 2 have ``limit1`` / ``limit2`` candidates; no list exceeds its limit.

    pre: 1 <= seats <= 25
    pre: 0 <= v1 <= 3000 and 0 <= v2 <= 3000 and 0 <= v3 <= 3000
    pre: v1 + v2 + v3 > 0
    pre: 0 <= limit1 <= 25 and 0 <= limit2 <= 25
    post: __return__ == []
    """
    seats = realize(seats)  # see module docstring
    election = _election("GR", seats, (v1, v2, v3), (limit1, limit2))
    result = allocate(election)
    held = _seats(result)
    if held:
        assert held[1] <= limit1 and held[2] <= limit2
    assert _filled(result, seats)
    return _violations(election, result)


# --------------------------------------------------------------------------- lots


def tied_lists(seats: int, v: int, v3: int) -> list[str]:
    """Lists 1 and 2 tie: a *needs lot* result must be accepted too, and so must each rerun
    with the lot drawn for either option.

    pre: 1 <= seats <= 25
    pre: 0 <= v <= 3000 and 0 <= v3 <= 3000
    pre: v + v3 > 0
    post: __return__ == []
    """
    seats = realize(seats)  # see module docstring
    election = _election("GR", seats, (v, v, v3))
    result = allocate(election)
    violations = _violations(election, result)
    if isinstance(result, NeedsLot):
        question = result.lot
        for drawn in question.options:
            lot = Lot(question.kind, question.options, drawn, question.list)
            rerun = _election("GR", seats, (v, v, v3), lots=(lot,))
            violations += _violations(rerun, allocate(rerun))
    return violations
