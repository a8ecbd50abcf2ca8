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
- ``resolve_lots``: rerun the reference, answering every *needs lot* with a drawn option, until
  the allocation completes. ``lot_chooser`` turns a Hypothesis ``draw`` into such an answerer.

Generated elections carry no lots unless ``allow_lots=True``: then the strategy runs the
reference and appends every lot the election needs, each drawn by Hypothesis, so the example is
a complete input that allocates without a further question.

Article references are to the Kieswet (BWBR0004627), consolidated text of 2026-01-01.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from fractions import Fraction
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
    "PROFILES",
    "SEATS_BY_KIND",
    "DataLevel",
    "LotAnswerer",
    "boundary_elections",
    "elections",
    "exhausted_elections",
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
    with_votes = draw(st.lists(st.integers(1, max_votes), min_size=1, max_size=max_lists - 1))
    zeros = draw(st.integers(1, max(1, max_lists - len(with_votes))))
    votes, _ = _place(draw, [0] * zeros, with_votes)
    return _assemble(draw, header, votes, ("candidates", "lists"), 50, True, allow_lots)


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
    house = header[1]
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
    return _assemble(draw, header, votes, ("candidates", "lists"), 50, True, allow_lots)


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
    others = draw(st.lists(st.integers(0, max_votes), min_size=1, max_size=max_lists - 1))
    rest = sum(others)
    margin = draw(st.integers(1, 3) | st.integers(1, max(1, rest // 10)))
    votes, _ = _place(draw, [rest + margin], others)
    return _assemble(draw, header, votes, ("candidates", "lists"), 50, True, allow_lots)


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


@st.composite
def _boundary_elections(
    draw: st.DrawFn,
    kinds: Sequence[ElectionKind],
    max_lists: int,
    allow_lots: bool,
    laws: Sequence[LawVersion],
    profiles: Sequence[Profile],
) -> Election:
    mode: BoundaryMode = draw(
        st.sampled_from(("house_size", "quota_fractions", "exactly_half", "preference_threshold"))
    )
    # 18/19 is where P 7 replaces P 8 and the preference threshold drops to 25% for a GR/ER.
    header = _header(draw, kinds, st.sampled_from((17, 18, 19, 20)), laws, profiles)
    kind, house, _, _ = header
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
    return _assemble(draw, header, votes, levels, 50, True, allow_lots, pinned=pinned)


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
