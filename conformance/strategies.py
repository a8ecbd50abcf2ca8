"""Hypothesis strategies for seat-allocation inputs (``spec.model.Election``).

Public API, for the project's own property tests, for differential fuzzing against another
implementation, and for vendors who want generated Kieswet elections in their own test suites.
Every strategy yields a *valid* ``Election``: list numbers positive and ascending, candidate
numbers ascending, a list's votes equal to its candidates' votes, at least one vote in total.
Sizes stay small enough that the reference allocates an example in milliseconds.

- ``elections``: the general strategy (every kind, law version and profile by default).
- Focused strategies that hit the places where implementations go wrong:
  ``tied_elections`` (equal stemcijfers, equal remainders, equal averages),
  ``majority_elections`` (P 9: one list with just over half the votes),
  ``exhausted_elections`` (P 10: lists with few candidates, sometimes every list),
  ``boundary_elections`` (18/19 seats, a stemcijfer of exactly 75% or 100% of the kiesdeler,
  exactly half the votes, a candidate with exactly the preference threshold, a remainder of 0),
  ``zero_vote_list_elections`` and ``list_level_elections``.
- ``fuzz_elections``: every focus mixed in one strategy, drawn in bulk so that hundreds of
  elections a second can be sent to an implementation under test (``kieswet conformance fuzz``).
- ``resolve_lots``: rerun the reference, answering every *needs lot* with a drawn option, until
  the allocation completes. ``lot_chooser`` turns a Hypothesis ``draw`` into such an answerer.

Generated elections carry no lots unless ``allow_lots=True``: then the strategy runs the
reference and appends every lot the election needs, each drawn by Hypothesis, so the example is
a complete input that allocates without a further question.

Article references are to the Kieswet (BWBR0004627), consolidated text of 2026-01-01.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from itertools import accumulate
from typing import Literal, TypeAlias

from hypothesis import strategies as st

from reference.allocate import allocate
from reference.candidates import preference_share
from spec.model import (
    ELECTION_KINDS,
    LAW_VERSIONS,
    Candidate,
    Completed,
    Election,
    ElectionKind,
    ElectionList,
    LawVersion,
    Lot,
    LotQuestion,
    NeedsLot,
    Profile,
)

__all__ = [
    "DEFAULT_MAX_VOTES",
    "FOCUS_MODES",
    "PROFILES",
    "SEATS_BY_KIND",
    "SHRINK_ORDER",
    "DataLevel",
    "FocusMode",
    "LotAnswerer",
    "boundary_elections",
    "elections",
    "exhausted_elections",
    "fuzz_elections",
    "list_level_elections",
    "lot_chooser",
    "majority_elections",
    "resolve_lots",
    "seats_for",
    "tied_elections",
    "zero_vote_list_elections",
]

DataLevel: TypeAlias = Literal["candidates", "lists"]
"""``candidates``: every list carries its candidates with their votes; ``lists``: list-level data
(``votes`` and ``candidate_count``, sometimes ``deceased_count`` or no count at all)."""

LotAnswerer: TypeAlias = Callable[[LotQuestion], int]
"""Answers a lot question with one of its ``options`` (the list or candidate the lot fell on)."""

DEFAULT_MAX_VOTES = 100_000

PROFILES: tuple[Profile, ...] = (
    Profile(),
    Profile(p9_seat_counts_as_residual=True),
    Profile(candidate_lot_always=True),
    Profile(p9_seat_counts_as_residual=True, candidate_lot_always=True),
)
"""Every interpretation profile (``spec.model.PROFILE_SWITCHES``)."""


def _odd(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(low // 2, high // 2).map(lambda k: 2 * k + 1)


SEATS_BY_KIND: Mapping[ElectionKind, st.SearchStrategy[int]] = {
    "TK": st.just(150),  # Grondwet art. 51 lid 2
    "EP": st.integers(25, 31),  # the Dutch share of the European Parliament since 1979
    "PS": _odd(39, 55),  # Provinciewet art. 8
    "AB": st.integers(15, 31),  # set per waterschap by its reglement; some below 19
    "GR": _odd(9, 45),  # Gemeentewet art. 8
    "ER": st.sampled_from((5, 7, 9)),  # Wet openbare lichamen Bonaire, Sint Eustatius en Saba
    "EK": st.just(75),  # Grondwet art. 51 lid 3
    "KNI": st.just(25),  # kiescollege niet-ingezetenen: 25 members
}
"""Realistic house sizes per election kind (used when no ``seats`` strategy is given)."""


def seats_for(kind: ElectionKind) -> st.SearchStrategy[int]:
    """The realistic house sizes of ``kind`` (``SEATS_BY_KIND``)."""
    return SEATS_BY_KIND[kind]


# --------------------------------------------------------------------------- lots


def lot_chooser(draw: st.DrawFn | st.DataObject) -> LotAnswerer:
    """An answerer that lets Hypothesis pick the drawn option (so it shrinks to the first)."""
    if isinstance(draw, st.DataObject):
        data = draw
        return lambda question: data.draw(st.sampled_from(question.options))
    draw_fn = draw
    return lambda question: draw_fn(st.sampled_from(question.options))


def _first_option(question: LotQuestion) -> int:
    return question.options[0]


def resolve_lots(
    election: Election, draw: LotAnswerer | st.DataObject | None = None
) -> tuple[Election, Completed]:
    """Allocate ``election``, drawing every lot it asks for, until the allocation completes.

    ``draw`` answers each ``NeedsLot`` question: a ``LotAnswerer``, a Hypothesis
    ``st.data()`` object (Hypothesis picks the option), or ``None`` (always the first option,
    i.e. the lowest list or candidate number). Lots already in ``election.lots`` are kept.
    Returns the election with all its lots appended and the completed result.
    Raises ``ValueError`` if the reference rejects the election (a generated election never is).
    """
    if draw is None:
        answer: LotAnswerer = _first_option
    elif isinstance(draw, st.DataObject):
        answer = lot_chooser(draw)
    else:
        answer = draw
    # Every lot answers one residual seat, one P 9 question or one candidate place, so the
    # number of lots an allocation can need is bounded; the bound guards against a loop.
    bound = 2 * election.seats + 2 + sum(len(lst.candidates or ()) for lst in election.lists)
    for _ in range(bound):
        result = allocate(election)
        if isinstance(result, Completed):
            return election, result
        if not isinstance(result, NeedsLot):
            raise ValueError(f"the reference rejected a generated election: {result.errors}")
        question = result.lot
        drawn = answer(question)
        if drawn not in question.options:
            raise ValueError(f"drawn {drawn} is not one of the options {question.options}")
        lot = Lot(question.kind, question.options, drawn, question.list)
        election = replace(election, lots=(*election.lots, lot))
    raise RuntimeError(f"allocation still asks for a lot after {bound} lots")


# --------------------------------------------------------------------------- building blocks


def _split(draw: st.DrawFn, total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` non-negative integers; shrinks towards all in the first."""
    if parts <= 1:
        return [total] * parts
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=parts - 1, max_size=parts - 1)))
    bounds = [0, *cuts, total]
    pieces = [bounds[i + 1] - bounds[i] for i in range(parts)]
    return pieces[::-1]


def _numbers(draw: st.DrawFn, count: int) -> list[int]:
    """Ascending list numbers, usually consecutive from 1, sometimes with gaps."""
    steps = draw(st.lists(st.integers(1, 3), min_size=count, max_size=count))
    numbers: list[int] = []
    current = 0
    for step in steps:
        current += step
        numbers.append(current)
    return numbers


def _deceased(draw: st.DrawFn, allow: bool) -> bool:
    # About one in twenty; shrinks to "alive".
    return allow and draw(st.integers(0, 19)) == 19


def _candidates(
    draw: st.DrawFn,
    votes: int,
    count: int,
    allow_deceased: bool,
    pinned: int | None = None,
) -> tuple[Candidate, ...]:
    """``count`` candidates sharing ``votes``; with ``pinned``, one of them has exactly that."""
    if pinned is not None and count >= 1 and pinned <= votes:
        rest = _split(draw, votes - pinned, count - 1) if count > 1 else []
        if count == 1:
            pinned = votes
        where = draw(st.integers(0, count - 1))
        shares = [*rest[:where], pinned, *rest[where:]]
    else:
        shares = _split(draw, votes, count)
    return tuple(
        Candidate(number, share, _deceased(draw, allow_deceased))
        for number, share in enumerate(shares, start=1)
    )


def _make_list(
    draw: st.DrawFn,
    number: int,
    votes: int,
    level: DataLevel,
    count: int,
    allow_deceased: bool,
    pinned: int | None = None,
) -> ElectionList:
    name = f"Lijst {number}"
    if level == "candidates":
        candidates = _candidates(draw, votes, count, allow_deceased, pinned)
        return ElectionList(number, name, votes, candidates)
    if draw(st.integers(0, 9)) == 9:
        return ElectionList(number, name, votes)  # no candidate count known: unlimited
    dead = draw(st.integers(0, count)) if allow_deceased and draw(st.integers(0, 9)) == 9 else 0
    return ElectionList(number, name, votes, candidate_count=count, deceased_count=dead)


def _candidate_count(draw: st.DrawFn, share: int, max_candidates: int, scarce: bool) -> int:
    """How many candidates a list has.

    Usually enough for the seats its votes are worth (``share``, its quota rounded up) plus a
    few, capped at ``max_candidates``; one list in eight (every list when ``scarce``) gets any
    number from 1 to ``max_candidates``, so P 10 (list exhaustion) comes up regularly.
    """
    top = max(1, max_candidates)
    if scarce or draw(st.integers(0, 7)) == 7:
        return draw(st.integers(1, top))
    return min(top, share + 2 + draw(st.integers(0, 3)))


def _header(
    draw: st.DrawFn,
    kinds: Sequence[ElectionKind],
    seats: st.SearchStrategy[int] | None,
    laws: Sequence[LawVersion],
    profiles: Sequence[Profile],
) -> tuple[ElectionKind, int, LawVersion, Profile]:
    kind = draw(st.sampled_from(tuple(kinds)))
    house = draw(seats if seats is not None else seats_for(kind))
    law = draw(st.sampled_from(tuple(laws)))
    profile = draw(st.sampled_from(tuple(profiles)))
    return kind, house, law, profile


def _assemble(
    draw: st.DrawFn,
    header: tuple[ElectionKind, int, LawVersion, Profile],
    votes: Sequence[int],
    levels: Sequence[DataLevel],
    max_candidates: int,
    allow_deceased: bool,
    allow_lots: bool,
    pinned: Mapping[int, int] | None = None,
    scarce: bool = False,
) -> Election:
    """An election from list votes in list order; ``pinned``: position → a candidate's votes."""
    kind, house, law, profile = header
    level = draw(st.sampled_from(tuple(levels)))
    numbers = _numbers(draw, len(votes))
    total = sum(votes)
    lists = tuple(
        _make_list(
            draw,
            number,
            v,
            level,
            _candidate_count(draw, -(-v * house // total), max_candidates, scarce),
            allow_deceased,
            None if pinned is None else pinned.get(position),
        )
        for position, (number, v) in enumerate(zip(numbers, votes, strict=True))
    )
    election = Election(kind, house, lists, law, profile)
    if allow_lots:
        election, _ = resolve_lots(election, lot_chooser(draw))
    return election


def _ensure_votes(votes: list[int]) -> list[int]:
    """The Kieswet allocates nothing without votes: give the first list one vote if needed."""
    if sum(votes) == 0:
        votes[0] = 1
    return votes


def _place(
    draw: st.DrawFn, special: Sequence[int], others: Sequence[int]
) -> tuple[list[int], set[int]]:
    """Interleave ``special`` lists among ``others`` at drawn positions; return their positions."""
    order = draw(st.permutations(range(len(special) + len(others))))
    combined = [*special, *others]
    votes = [combined[i] for i in order]
    positions = {position for position, i in enumerate(order) if i < len(special)}
    return votes, positions


# --------------------------------------------------------------------------- strategies


@st.composite
def _elections(
    draw: st.DrawFn,
    kinds: Sequence[ElectionKind],
    seats: st.SearchStrategy[int] | None,
    max_lists: int,
    max_candidates: int,
    max_votes: int,
    allow_deceased: bool,
    allow_lots: bool,
    laws: Sequence[LawVersion],
    profiles: Sequence[Profile],
    levels: Sequence[DataLevel],
    scarce: bool,
) -> Election:
    header = _header(draw, kinds, seats, laws, profiles)
    votes = draw(st.lists(st.integers(0, max_votes), min_size=1, max_size=max_lists))
    return _assemble(
        draw,
        header,
        _ensure_votes(votes),
        levels,
        max_candidates,
        allow_deceased,
        allow_lots,
        scarce=scarce,
    )


def elections(
    kinds: Sequence[ElectionKind] = ELECTION_KINDS,
    max_lists: int = 20,
    max_candidates: int = 50,
    max_votes: int = DEFAULT_MAX_VOTES,
    allow_deceased: bool = True,
    allow_lots: bool = False,
    laws: Sequence[LawVersion] = LAW_VERSIONS,
    profiles: Sequence[Profile] = PROFILES,
    seats: st.SearchStrategy[int] | None = None,
    data_levels: Sequence[DataLevel] = ("candidates", "lists"),
) -> st.SearchStrategy[Election]:
    """Elections of the given kinds, law versions and profiles.

    Between 1 and ``max_lists`` lists with 0 to ``max_votes`` votes each (at least one vote in
    total). Each list has candidates (candidate-level data: the list's votes split over them) or
    a ``candidate_count`` (list-level data; occasionally none, i.e. unlimited): usually enough
    for the seats its votes are worth and a few more, for one list in eight any number from 1,
    never more than ``max_candidates``. ``seats`` overrides the realistic house sizes of
    ``SEATS_BY_KIND``. With ``allow_deceased`` some candidates are deceased (P 19a). With
    ``allow_lots`` every lot the election needs is drawn and appended (see the module docstring).
    """
    return _elections(
        kinds,
        seats,
        max_lists,
        max_candidates,
        max_votes,
        allow_deceased,
        allow_lots,
        laws,
        profiles,
        data_levels,
        False,
    )


def list_level_elections(
    kinds: Sequence[ElectionKind] = ELECTION_KINDS,
    max_lists: int = 20,
    max_candidates: int = 50,
    max_votes: int = DEFAULT_MAX_VOTES,
    allow_lots: bool = False,
    laws: Sequence[LawVersion] = LAW_VERSIONS,
    profiles: Sequence[Profile] = PROFILES,
    seats: st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[Election]:
    """Elections with list-level data only: ``votes`` and ``candidate_count`` (sometimes a
    ``deceased_count``, sometimes no count), no candidates, so nomination is skipped."""
    return elections(
        kinds,
        max_lists,
        max_candidates,
        max_votes,
        True,
        allow_lots,
        laws,
        profiles,
        seats,
        ("lists",),
    )


def exhausted_elections(
    kinds: Sequence[ElectionKind] = ELECTION_KINDS,
    max_lists: int = 8,
    max_votes: int = DEFAULT_MAX_VOTES,
    allow_deceased: bool = True,
    allow_lots: bool = False,
    laws: Sequence[LawVersion] = LAW_VERSIONS,
    profiles: Sequence[Profile] = PROFILES,
    seats: st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[Election]:
    """P 10: lists with 1 to 4 candidates (0 to 4 living ones), so lists run out of candidates
    and surplus seats are reassigned; when every list runs out, seats stay unfilled."""
    return _elections(
        kinds,
        seats if seats is not None else st.integers(3, 21),
        max_lists,
        4,
        max_votes,
        allow_deceased,
        allow_lots,
        laws,
        profiles,
        ("candidates", "lists"),
        True,
    )


@st.composite
def _zero_vote_list_elections(
    draw: st.DrawFn,
    kinds: Sequence[ElectionKind],
    seats: st.SearchStrategy[int] | None,
    max_lists: int,
    max_votes: int,
    allow_lots: bool,
    laws: Sequence[LawVersion],
    profiles: Sequence[Profile],
) -> Election:
    header = _header(draw, kinds, seats, laws, profiles)
    votes = _zero_votes(draw, max_lists, max_votes)
    return _assemble(draw, header, votes, ("candidates", "lists"), 50, True, allow_lots)


def _zero_votes(draw: st.DrawFn, max_lists: int, max_votes: int) -> list[int]:
    """List votes with at least one list at 0 and at least one above (``max_lists`` >= 2)."""
    with_votes = draw(st.lists(st.integers(1, max_votes), min_size=1, max_size=max_lists - 1))
    zeros = draw(st.integers(1, max(1, max_lists - len(with_votes))))
    votes, _ = _place(draw, [0] * zeros, with_votes)
    return votes


def zero_vote_list_elections(
    kinds: Sequence[ElectionKind] = ELECTION_KINDS,
    max_lists: int = 10,
    max_votes: int = DEFAULT_MAX_VOTES,
    allow_lots: bool = False,
    laws: Sequence[LawVersion] = LAW_VERSIONS,
    profiles: Sequence[Profile] = PROFILES,
    seats: st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[Election]:
    """Elections where at least one list has no votes at all (and at least one list has votes).
    A list without votes never receives a residual seat."""
    return _zero_vote_list_elections(
        kinds, seats, max(2, max_lists), max_votes, allow_lots, laws, profiles
    )


@st.composite
def _tied_elections(
    draw: st.DrawFn,
    kinds: Sequence[ElectionKind],
    seats: st.SearchStrategy[int] | None,
    max_lists: int,
    allow_lots: bool,
    laws: Sequence[LawVersion],
    profiles: Sequence[Profile],
) -> Election:
    header = _header(draw, kinds, seats, laws, profiles)
    votes = _tied_votes(draw, header[1], max_lists)
    return _assemble(draw, header, votes, ("candidates", "lists"), 50, True, allow_lots)


def _tied_votes(draw: st.DrawFn, house: int, max_lists: int) -> list[int]:
    """List votes built to tie (see ``tied_elections``); ``max_lists`` >= 2."""
    mode = draw(st.sampled_from(("equal_votes", "equal_remainders", "multiples")))
    if mode == "equal_remainders" and house >= 2:
        # Kiesdeler Q an integer: total = seats * Q. Lists r + k*Q share the remainder r.
        q = draw(st.integers(2, 2_000))
        tied = draw(st.integers(2, min(4, house, max_lists)))
        r = draw(st.integers(1, q - 1))
        ks = [draw(st.integers(0, (house - tied) // tied)) for _ in range(tied)]
        special = [r + k * q for k in ks]
        rest = house * q - sum(special)
        room = max(1, max_lists - tied)
        others = _split(draw, rest, draw(st.integers(1, room))) if rest else []
        votes, _ = _place(draw, special, others)
    elif mode == "multiples":
        # Votes that are small multiples of one unit: averages v / (s + 1) coincide often.
        unit = draw(st.integers(1, 5_000))
        factors = draw(st.lists(st.integers(0, 6), min_size=2, max_size=max_lists))
        votes = _ensure_votes([f * unit for f in factors])
    else:
        v = draw(st.integers(1, 20_000))
        tied = draw(st.integers(2, min(4, max_lists)))
        others = draw(st.lists(st.integers(0, 20_000), max_size=max_lists - tied))
        votes, _ = _place(draw, [v] * tied, others)
    return votes


def tied_elections(
    kinds: Sequence[ElectionKind] = ELECTION_KINDS,
    max_lists: int = 8,
    allow_lots: bool = False,
    laws: Sequence[LawVersion] = LAW_VERSIONS,
    profiles: Sequence[Profile] = PROFILES,
    seats: st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[Election]:
    """Elections built to tie: two to four lists with equal stemcijfers, or with equal remainders
    (an integer kiesdeler and votes ``r + k * kiesdeler``), or votes that are small multiples of
    one unit (equal averages). Many need a lot (P 7 lid 3, P 8 lid 4, P 9 lid 2); answer them with
    ``resolve_lots`` or ask for ``allow_lots``."""
    return _tied_elections(kinds, seats, max(2, max_lists), allow_lots, laws, profiles)


@st.composite
def _majority_elections(
    draw: st.DrawFn,
    kinds: Sequence[ElectionKind],
    seats: st.SearchStrategy[int] | None,
    max_lists: int,
    max_votes: int,
    allow_lots: bool,
    laws: Sequence[LawVersion],
    profiles: Sequence[Profile],
) -> Election:
    header = _header(draw, kinds, seats, laws, profiles)
    votes = _majority_votes(draw, max_lists, max_votes)
    return _assemble(draw, header, votes, ("candidates", "lists"), 50, True, allow_lots)


def _majority_votes(draw: st.DrawFn, max_lists: int, max_votes: int) -> list[int]:
    """List votes where one list has just over half (see ``majority_elections``)."""
    others = draw(st.lists(st.integers(0, max_votes), min_size=1, max_size=max_lists - 1))
    rest = sum(others)
    margin = draw(st.integers(1, 3) | st.integers(1, max(1, rest // 10)))
    votes, _ = _place(draw, [rest + margin], others)
    return votes


def majority_elections(
    kinds: Sequence[ElectionKind] = ("GR", "ER", "AB", "PS", "EP"),
    max_lists: int = 10,
    max_votes: int = 20_000,
    allow_lots: bool = False,
    laws: Sequence[LawVersion] = LAW_VERSIONS,
    profiles: Sequence[Profile] = PROFILES,
    seats: st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[Election]:
    """P 9: one list has just over half of the votes (the others' total plus 1 to 3 votes, or
    plus up to a tenth), so an absolute majority of votes may need a seat taken from the list
    with the last residual seat."""
    return _majority_elections(
        kinds, seats, max(2, max_lists), max_votes, allow_lots, laws, profiles
    )


BoundaryMode: TypeAlias = Literal[
    "house_size", "quota_fractions", "exactly_half", "preference_threshold"
]
BOUNDARY_MODES: tuple[BoundaryMode, ...] = (
    "house_size",
    "quota_fractions",
    "exactly_half",
    "preference_threshold",
)
# 18/19 is where P 7 replaces P 8 and the preference threshold drops to 25% for a GR/ER.
BOUNDARY_SEATS = st.sampled_from((17, 18, 19, 20))


@st.composite
def _boundary_elections(
    draw: st.DrawFn,
    kinds: Sequence[ElectionKind],
    max_lists: int,
    allow_lots: bool,
    laws: Sequence[LawVersion],
    profiles: Sequence[Profile],
) -> Election:
    mode: BoundaryMode = draw(st.sampled_from(BOUNDARY_MODES))
    header = _header(draw, kinds, BOUNDARY_SEATS, laws, profiles)
    votes, levels, pinned = _boundary_votes(draw, mode, header[0], header[1], max_lists)
    return _assemble(draw, header, votes, levels, 50, True, allow_lots, pinned=pinned)


def _boundary_votes(
    draw: st.DrawFn, mode: BoundaryMode, kind: ElectionKind, house: int, max_lists: int
) -> tuple[list[int], tuple[DataLevel, ...], dict[int, int] | None]:
    """List votes on the boundary ``mode`` (see ``boundary_elections``), the data levels that
    suit it, and the list positions whose candidate is pinned to the preference threshold."""
    levels: tuple[DataLevel, ...] = ("candidates", "lists")
    pinned: dict[int, int] | None = None
    if mode == "house_size":
        votes = draw(st.lists(st.integers(0, 20_000), min_size=1, max_size=max_lists))
        votes = _ensure_votes(votes)
    elif mode == "exactly_half":
        # Exactly half of the votes is no absolute majority (P 9: "meer dan de helft").
        others = draw(st.lists(st.integers(0, 20_000), min_size=1, max_size=max_lists - 1))
        others = _ensure_votes(others)
        votes, _ = _place(draw, [sum(others)], others)
    else:
        # An integer kiesdeler Q divisible by 20, so 75%, 25%, 50% and 10% of it are integers.
        q = 20 * draw(st.integers(1, 200))
        if mode == "quota_fractions":
            # Exactly 75% (P 8 lid 2, inclusive), exactly 100% (P 7 lid 2, bill 36 641), an
            # exact multiple (remainder 0), each sometimes one vote off.
            def near(value: int) -> int:
                return value + draw(st.sampled_from((0, 0, -1, 1)))

            special = [near(3 * q // 4), near(q), q * draw(st.integers(1, 3))]
            special = special[: draw(st.integers(1, 3))]
        else:
            special = [q * draw(st.integers(1, 3)) + draw(st.integers(0, q - 1))]
        rest = house * q - sum(special)
        if rest < 0:
            special, rest = special[:1], house * q - special[0]
        room = max(1, max_lists - len(special))
        others = _split(draw, rest, draw(st.integers(1, room))) if rest else []
        votes, positions = _place(draw, special, others)
        if mode == "preference_threshold":
            levels = ("candidates",)
            probe = Election(kind, house, ())
            threshold = Fraction(q) * preference_share(probe)
            assert threshold.denominator == 1
            near_threshold = int(threshold) + draw(st.sampled_from((0, 0, 1, -1)))
            pinned = {position: max(0, near_threshold) for position in positions}
    return votes, levels, pinned


def boundary_elections(
    kinds: Sequence[ElectionKind] = ELECTION_KINDS,
    max_lists: int = 10,
    allow_lots: bool = False,
    laws: Sequence[LawVersion] = LAW_VERSIONS,
    profiles: Sequence[Profile] = PROFILES,
) -> st.SearchStrategy[Election]:
    """Elections on a legal boundary, with 17 to 20 seats (P 7 versus P 8, and the 50% / 25%
    preference threshold of a GR or ER): a list with a stemcijfer of exactly 75% of the
    kiesdeler (P 8 lid 2) or exactly the kiesdeler (P 7 lid 2, bill 36 641), or one vote off;
    a list whose votes are an exact multiple of the kiesdeler (no remainder); a list with
    exactly half of the votes (no absolute majority, P 9); a candidate with exactly the
    preference threshold (not elected on preference: P 15 asks for more), or one vote off."""
    return _boundary_elections(kinds, max(2, max_lists), allow_lots, laws, profiles)


# --------------------------------------------------------------------------- differential fuzzing

FocusMode: TypeAlias = Literal["general", "tied", "majority", "boundary", "exhausted", "zero_votes"]
FOCUS_MODES: tuple[FocusMode, ...] = (
    "general",
    "tied",
    "majority",
    "boundary",
    "exhausted",
    "zero_votes",
)
"""The kinds of election ``fuzz_elections`` mixes: ``general`` as ``elections``, and the focus of
``tied_elections``, ``majority_elections``, ``boundary_elections``, ``exhausted_elections`` and
``zero_vote_list_elections``."""

SHRINK_ORDER: tuple[ElectionKind, ...] = ("GR", "ER", "AB", "PS", "EP", "EK", "TK")
"""The election kinds ``fuzz_elections`` shrinks towards, first to last: a gemeenteraad (9
seats at the least) before the larger houses."""

_VOTE_BYTES = 3
_CODE_BYTES = 3
_EXHAUSTED_SEATS = st.integers(3, 21)


def _chunks(data: bytes, size: int) -> list[int]:
    """``data`` as big-endian numbers of ``size`` bytes (a shorter tail is dropped)."""
    return [int.from_bytes(data[i : i + size], "big") for i in range(0, len(data) - size + 1, size)]


def _bulk_votes(draw: st.DrawFn, max_lists: int, max_votes: int) -> list[int]:
    """1 to ``max_lists`` list votes from one byte string, three bytes per list scaled to 0 to
    ``max_votes``: shrinking takes lists away and lowers the votes."""
    size = _VOTE_BYTES * draw(st.integers(1, max_lists))
    data = draw(st.binary(min_size=size, max_size=size))
    scale = 1 << (8 * _VOTE_BYTES)
    return _ensure_votes([n * (max_votes + 1) // scale for n in _chunks(data, _VOTE_BYTES)])


def _weighted_split(votes: int, weights: Sequence[int]) -> list[int]:
    """``votes`` split in proportion to ``weights`` (exact: whole shares rounded down, the rest
    to the first); all to the first when every weight is 0, which is where shrinking ends."""
    total = sum(weights)
    if total == 0:
        return [votes, *([0] * (len(weights) - 1))]
    shares = [votes * weight // total for weight in weights]
    shares[0] += votes - sum(shares)
    return shares


@dataclass(frozen=True)
class _ListCode:
    """What one list's three code bytes decide; a code of 0, where shrinking ends, gives one
    living candidate (or a count of one).

    Bits 0-1: extra candidates beyond the seats the list's votes are worth (0 to 3); bits 2-4
    all clear (one list in eight): any number of candidates instead; bits 5-7 all set: some
    candidates deceased; bits 8-10 all set: list-level data without a candidate count; bits 11
    and up: the number used by those gates."""

    code: int

    def candidates(self, share: int, top: int, scarce: bool) -> int:
        """As ``_candidate_count``: usually ``share`` + 2 + extra, capped at ``top``; one list in
        eight (every list when ``scarce``) any number from 1 to ``top``."""
        if scarce or self.code >> 2 & 7 == 0:
            return 1 + (self.code >> 11) % top
        return min(top, share + 2 + (self.code & 3))

    @property
    def deceased(self) -> bool:
        return self.code >> 5 & 7 == 7

    @property
    def uncounted(self) -> bool:
        return self.code >> 8 & 7 == 7

    def deceased_count(self, count: int) -> int:
        return (self.code >> 11) % (count + 1) if self.deceased else 0


def _shares(
    weights: Sequence[int], votes: int, count: int, pinned: int | None, where: int
) -> list[int]:
    """A list's candidate votes: ``votes`` split by ``weights``; with ``pinned``, the candidate
    at ``where`` has exactly that many and the others share the rest."""
    if count == 1:
        return [votes]
    if pinned is not None and pinned <= votes:
        rest = _weighted_split(votes - pinned, weights[: count - 1])
        return [*rest[:where], pinned, *rest[where:]]
    return _weighted_split(votes, weights[:count])


@st.composite
def _fuzz_elections(
    draw: st.DrawFn,
    kinds: st.SearchStrategy[ElectionKind],
    laws: st.SearchStrategy[LawVersion],
    profiles: st.SearchStrategy[Profile],
    levels: Sequence[DataLevel],
    focus: st.SearchStrategy[FocusMode],
    max_lists: int,
    max_candidates: int,
    max_votes: int,
    allow_deceased: bool,
    allow_lots: bool,
) -> Election:
    mode = draw(focus)
    kind = draw(kinds)
    seats = {"boundary": BOUNDARY_SEATS, "exhausted": _EXHAUSTED_SEATS}.get(mode)
    house = draw(seats if seats is not None else seats_for(kind))
    law = draw(laws)
    profile = draw(profiles)
    pinned: Mapping[int, int] = {}
    usable = tuple(levels)
    if mode == "tied":
        votes = _tied_votes(draw, house, max_lists)
    elif mode == "majority":
        votes = _majority_votes(draw, max_lists, min(max_votes, 20_000))
    elif mode == "zero_votes":
        votes = _zero_votes(draw, max_lists, max_votes)
    elif mode == "boundary":
        boundaries = tuple(
            b for b in BOUNDARY_MODES if b != "preference_threshold" or "candidates" in levels
        )
        boundary = draw(st.sampled_from(boundaries))
        votes, suits, pins = _boundary_votes(draw, boundary, kind, house, max_lists)
        pinned = pins or {}
        usable = tuple(level for level in levels if level in suits)
    else:  # general, exhausted
        votes = _bulk_votes(draw, max_lists, max_votes)
    n = len(votes)
    scarce = mode == "exhausted"
    top = min(4, max_candidates) if scarce else max_candidates
    level = draw(st.sampled_from(usable))
    gaps = draw(st.integers(0, 2**n - 1))  # list numbers ascending, a gap where a bit is set
    numbers = list(accumulate(2 if gaps >> i & 1 else 1 for i in range(n)))
    code_bytes = draw(st.binary(min_size=_CODE_BYTES * n, max_size=_CODE_BYTES * n))
    codes = [_ListCode(c) for c in _chunks(code_bytes, _CODE_BYTES)]
    total = sum(votes)
    counts = [
        code.candidates(-(-v * house // total), top, scarce)
        for code, v in zip(codes, votes, strict=True)
    ]
    lists: list[ElectionList] = []
    if level == "lists":
        for number, v, count, code in zip(numbers, votes, counts, codes, strict=True):
            gone = code.deceased_count(count) if allow_deceased else 0
            lists.append(
                ElectionList(number, f"Lijst {number}", v)
                if code.uncounted
                else ElectionList(
                    number, f"Lijst {number}", v, candidate_count=count, deceased_count=gone
                )
            )
        return _with_lots(draw, Election(kind, house, tuple(lists), law, profile), allow_lots)
    coarse = draw(st.booleans())  # four weight levels: candidates with equal votes are common
    weights = draw(st.binary(min_size=sum(counts), max_size=sum(counts)))
    dying = [allow_deceased and code.deceased for code in codes]
    marked = sum(count for count, dies in zip(counts, dying, strict=True) if dies)
    marks = iter(draw(st.binary(min_size=marked, max_size=marked)) if marked else b"")
    start = 0
    for position, (number, v, count) in enumerate(zip(numbers, votes, counts, strict=True)):
        own = [b >> 6 if coarse else b for b in weights[start : start + count]]
        start += count
        pin = pinned.get(position)
        where = draw(st.integers(0, count - 1)) if pin is not None and count > 1 else 0
        shares = _shares(own, v, count, pin, where)
        dead = [next(marks) >= 192 if dying[position] else False for _ in range(count)]
        candidates = tuple(
            Candidate(c, share, d)
            for c, (share, d) in enumerate(zip(shares, dead, strict=True), start=1)
        )
        lists.append(ElectionList(number, f"Lijst {number}", v, candidates))
    return _with_lots(draw, Election(kind, house, tuple(lists), law, profile), allow_lots)


def _with_lots(draw: st.DrawFn, election: Election, allow_lots: bool) -> Election:
    """With ``allow_lots``, one election in four gets every lot it needs drawn and appended."""
    if allow_lots and draw(st.integers(0, 3)) == 3:
        election, _ = resolve_lots(election, lot_chooser(draw))
    return election


def fuzz_elections(
    kinds: Sequence[ElectionKind] = ELECTION_KINDS,
    laws: Sequence[LawVersion] = LAW_VERSIONS,
    profiles: Sequence[Profile] = PROFILES,
    data_levels: Sequence[DataLevel] = ("candidates", "lists"),
    focus: Sequence[FocusMode] = FOCUS_MODES,
    max_lists: int = 10,
    max_candidates: int = 30,
    max_votes: int = DEFAULT_MAX_VOTES,
    allow_deceased: bool = True,
    allow_lots: bool = False,
) -> st.SearchStrategy[Election]:
    """Every focus in one strategy, cheap enough to generate hundreds of elections per second:
    what ``kieswet conformance fuzz`` sends to an implementation under test.

    Each example first draws one of ``focus`` (``FOCUS_MODES``; shrinks towards ``general``),
    the election kind (shrinks in ``SHRINK_ORDER``), seats, law version and profile, and then
    the list votes as the strategy of that focus does (up to ``max_lists`` lists). Everything
    else is drawn in bulk, a few draws whatever the size of the election: the list votes of
    ``general`` and ``exhausted`` from one byte string (three bytes per list), the list numbers
    from one bit mask of gaps, each list's number of candidates (as in ``elections``, at most
    ``max_candidates``) and whether it has deceased candidates (one list in eight, with
    ``allow_deceased``) from three code bytes per list, and every candidate's votes from one
    byte string of weights (in half of the elections coarsely, so candidates often tie).
    Shrinking takes lists, candidates, votes and deceased candidates away (towards lists with
    one candidate), closes the gaps in the list numbers and moves every vote of a list to its
    first candidate.

    ``data_levels`` restricts the data (``candidates``, ``lists``): an implementation that does
    not elect candidates gets list-level data only, and the ``preference_threshold`` boundary
    needs candidates. With ``allow_lots`` about one election in four that needs lots has every
    one of them drawn and appended (see ``resolve_lots``); the others carry no lots, so they may
    end in a lot question, which is worth testing too.
    """
    if not (kinds and laws and profiles and data_levels and focus):
        raise ValueError("kinds, laws, profiles, data_levels and focus must not be empty")
    rank = {kind: index for index, kind in enumerate(SHRINK_ORDER)}
    simplest_first = sorted(kinds, key=lambda kind: rank.get(kind, len(rank)))
    return _fuzz_elections(
        st.sampled_from(tuple(simplest_first)),
        st.sampled_from(tuple(laws)),
        st.sampled_from(tuple(profiles)),
        tuple(data_levels),
        st.sampled_from(tuple(focus)),
        max(2, max_lists),
        max(1, max_candidates),
        max_votes,
        allow_deceased,
        allow_lots,
    )
