"""Typed data contract for seat allocation: elections (input) and results (output).

Article references are to the Kieswet (BWBR0004627), consolidated text of 2026-01-01.
The Dutch term *kiesdeler* is called ``quota`` throughout; *stemcijfer* is a list's ``votes``.

Everything here is a frozen dataclass; numbers are ``int`` and exact ``Fraction``.
Mappings keyed by list number are plain dicts that are never mutated after construction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from operator import attrgetter
from typing import Literal, NamedTuple, TypeAlias

ElectionKind: TypeAlias = Literal["TK", "EP", "PS", "AB", "GR", "ER", "EK", "KNI"]
ELECTION_KINDS: tuple[ElectionKind, ...] = ("TK", "EP", "PS", "AB", "GR", "ER", "EK", "KNI")
"""``KNI``: the kiescollege niet-ingezetenen (25 members, elected by Dutch voters abroad;
chapter Pa): chapter P applies, except that the surplus seats of an exhausted list are not
reassigned (Pa 25)."""

LawVersion: TypeAlias = Literal["current", "bill-36641", "pre-2017-12"]
LAW_VERSIONS: tuple[LawVersion, ...] = ("current", "bill-36641", "pre-2017-12")
"""``current``: the Kieswet as consolidated on 2026-01-01. ``bill-36641``: pending bill 36 641
(Wet aanscherping vereisten toewijzing restzetels): in every election except the Eerste Kamer a
list needs the full quota to receive any residual seat; the 75% rule of P 8 lid 2 is replaced.
``pre-2017-12``: the Kieswet before 1 December 2017, with lijstencombinaties (old P 4, P 11,
P 13; see ``spec.districts``); for a single contest it is the same as ``current``."""


@dataclass(frozen=True, slots=True)
class Profile:
    """An interpretation profile: one named switch per open legal point (docs/interpretation.md).

    ``p9_seat_counts_as_residual``: in an election of fewer than 19 seats where P 10 reassigns
    seats after P 9, the seat a majority list gained under P 9 counts as the residual seat it may
    win in the P 8 round it was taken from (so it cannot win another there). Default: it does not.

    ``candidate_lot_always``: candidates above the preference threshold with equal votes are
    ordered by lot whenever they tie (P 15 lid 1 "zo nodig het lot", read strictly: the order of
    election matters for P 19). Default: a lot only where the tie is decisive for who is elected;
    otherwise tied candidates keep list order.

    ``p19_own_list_votes``: P 19 lid 2 for a list of a lijstengroep ranks the candidates above
    the voorkeurdrempel "in de volgorde van de aantallen op hen uitgebrachte stemmen" read as
    the votes on that list itself. Default: the votes summed over the group's lists, the count
    the same sentence tests against the threshold ("op de gezamenlijke lijsten waarop zij
    voorkomen") and P 15 lid 1 orders by.
    """

    p9_seat_counts_as_residual: bool = False
    candidate_lot_always: bool = False
    p19_own_list_votes: bool = False

    @property
    def name(self) -> str:
        switches = [switch for switch, field in PROFILE_SWITCHES.items() if getattr(self, field)]
        return "+".join(switches) if switches else "default"


PROFILE_SWITCHES: Mapping[str, str] = {
    "p9-counts-as-residual": "p9_seat_counts_as_residual",
    "candidate-lot-always": "candidate_lot_always",
    "p19-own-list-votes": "p19_own_list_votes",
}
"""Switch name (as written in an input's ``profile``) → ``Profile`` field.
A profile is ``default`` or switch names joined by ``+``, e.g. ``p9-counts-as-residual``."""


DEFAULT_PROFILE = Profile()
"""The ``default`` profile (a ``Profile`` is immutable, so one instance serves every election)."""


def parse_profile(name: str) -> Profile:
    """Profile from its name; raises ``ValueError`` naming the unknown switch."""
    if name == "default":
        return DEFAULT_PROFILE
    fields: dict[str, bool] = {}
    for switch in name.split("+"):
        if switch == "default":
            raise ValueError(
                f"'default' stands alone; to change the default, name only the switches "
                f"(known: {', '.join(PROFILE_SWITCHES)}), got {name!r}"
            )
        field = PROFILE_SWITCHES.get(switch)
        if field is None:
            known = ", ".join(["default", *PROFILE_SWITCHES])
            raise ValueError(f"unknown profile switch {switch!r} (known: {known})")
        if field in fields:
            raise ValueError(f"profile switch {switch!r} is named twice in {name!r}")
        fields[field] = True
    return Profile(**fields)


# --------------------------------------------------------------------------- input

_DECEASED = attrgetter("deceased")
_VOTES = attrgetter("votes")


class Candidate(NamedTuple):
    """A candidate: number on the list, preference votes, and whether deceased (P 19a)."""

    number: int
    votes: int
    deceased: bool = False


@dataclass(frozen=True, slots=True)
class ElectionList:
    """A list (or a lijstengroep / stel gelijkluidende lijsten taken as one list).

    ``votes`` is the stemcijfer. With candidate-level data it equals the sum of the candidates'
    votes and ``candidates`` is set; with list-level data ``candidates`` is ``None`` and
    ``candidate_count`` (living candidates, if known) limits the seats under P 10.
    """

    number: int
    name: str
    votes: int
    candidates: tuple[Candidate, ...] | None = None
    candidate_count: int | None = None
    deceased_count: int = 0

    @property
    def seat_limit(self) -> int | None:
        """Seats this list can fill (P 10, P 19a): its living candidates; ``None``: unlimited."""
        if self.candidates is not None:
            return len(self.candidates) - int(sum(map(_DECEASED, self.candidates)))
        if self.candidate_count is None:
            return None
        return self.candidate_count - self.deceased_count


LotKind: TypeAlias = Literal[
    "residual_seat",
    "absolute_majority",
    "candidate",
    "group_seat",  # P 12 lid 5: equal remainders within a lijstengroep (spec.districts)
    "combination_seat",  # old P 11 (pre-2017-12): equal remainders within a lijstencombinatie
]


@dataclass(frozen=True, slots=True)
class Lot:
    """A lot drawn in public, supplied on a rerun after a *needs lot* result.

    ``kind`` and ``options`` repeat the question (list numbers; for ``candidate`` lots the
    candidate numbers of list ``list``); ``drawn`` is the option the lot fell on: the list that
    gets the residual seat, the list that gives up its seat under P 9, or the candidate elected
    (or ranked) first among the tied ones.
    """

    kind: LotKind
    options: tuple[int, ...]
    drawn: int
    list: int | None = None


@dataclass(frozen=True, slots=True)
class Election:
    kind: ElectionKind
    seats: int
    lists: tuple[ElectionList, ...]
    law: LawVersion = "current"
    profile: Profile = Profile()
    lots: tuple[Lot, ...] = ()
    total_votes: int = dataclasses.field(init=False, repr=False, compare=False)
    """The sum of the lists' votes (stemcijfers), added up once when the election is made."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "total_votes", sum(map(_VOTES, self.lists)))


# --------------------------------------------------------------------------- result steps

ResidualMethod: TypeAlias = Literal[
    "greatest_average",  # P 7 (19 seats or more), and P 8 lid 3 round 3
    "largest_remainder",  # P 8 lid 1 and 2 (round 1)
    "greatest_average_one_per_list",  # P 8 lid 3, round 2
]

ExclusionReason: TypeAlias = Literal[
    "no_votes",  # a list without votes never receives a residual seat
    "below_threshold",  # P 7 lid 2, P 8 lid 2 (75%), bill 36 641 (full quota)
    "already_won_this_round",  # P 8: at most one residual seat per list per round
    "exhausted",  # P 10: no further living candidates
]


@dataclass(frozen=True, slots=True)
class FullSeatsRow:
    """P 6: one list's full seats, ``remainder = votes - full_seats * quota``."""

    list: int
    votes: int
    full_seats: int
    remainder: Fraction


class Contender(NamedTuple):
    """A list's value when a residual seat is assigned (average or remainder)."""

    list: int
    value: Fraction


@dataclass(frozen=True, slots=True)
class ResidualSeatStep:
    """One residual seat (P 7 / P 8, or a P 10 reassignment with ``reassignment=True``).

    ``contenders`` are the eligible lists with their values; ``excluded`` the lists passed over
    and why; ``tied`` the lists that shared the winning value; ``lot`` whether a lot decided.
    """

    seat: int
    method: ResidualMethod
    article: str
    list: int
    value: Fraction
    contenders: tuple[Contender, ...]
    excluded: tuple[tuple[int, ExclusionReason], ...]
    tied: tuple[int, ...]
    lot: bool
    reassignment: bool = False


@dataclass(frozen=True, slots=True)
class AbsoluteMajorityStep:
    """P 9: ``list`` had more than half of the votes but at most half of the seats; it gains
    the seat taken from ``from_list`` (the last residual seat not its own)."""

    list: int
    from_list: int
    votes: int
    total_votes: int
    seats_before: int
    candidates_from: tuple[int, ...]
    lot: bool


@dataclass(frozen=True, slots=True)
class ExhaustionStep:
    """P 10: ``list`` held more seats than living candidates; the surplus is removed and
    reassigned by continuing the residual-seat procedure without the exhausted list."""

    list: int
    seat_limit: int
    removed_residual: int
    removed_full: int


@dataclass(frozen=True, slots=True)
class UnfilledSeatsStep:
    """P 10: seats that could not be assigned because no list could take them; ``article``
    is ``Pa 25`` where the kiescollege niet-ingezetenen leaves an exhausted list's surplus empty."""

    seats: int
    reason: str
    article: str = "P 10"


@dataclass(frozen=True, slots=True)
class PreferenceStep:
    """P 15 – P 17 for one list: who passed the threshold and who was elected how."""

    list: int
    seats: int
    threshold: Fraction
    above_threshold: tuple[tuple[int, int], ...]  # (candidate, votes) in order of votes
    elected_on_preference: tuple[int, ...]
    elected_in_list_order: tuple[int, ...]
    deceased: tuple[int, ...]
    lot: bool


Step: TypeAlias = (
    ResidualSeatStep | AbsoluteMajorityStep | ExhaustionStep | UnfilledSeatsStep | PreferenceStep
)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class LotQuestion:
    """What a *needs lot* result asks: one draw among ``options`` (see ``Lot``)."""

    kind: LotKind
    options: tuple[int, ...]
    article: str
    description: str
    list: int | None = None
    seat: int | None = None
    value: Fraction | None = None

    def matches(self, lot: Lot) -> bool:
        return (
            lot.kind == self.kind
            and tuple(sorted(lot.options)) == self.options
            and lot.list == self.list
        )


@dataclass(frozen=True, slots=True)
class Completed:
    quota: Fraction
    total_votes: int
    seats: Mapping[int, int]
    full_seats: Mapping[int, int]
    full_seat_rows: tuple[FullSeatsRow, ...]
    residual_seat_order: tuple[int, ...]
    elected: Mapping[int, tuple[int, ...]]
    elected_on_preference: Mapping[int, tuple[int, ...]]
    ranking: Mapping[int, tuple[int, ...]]
    preference_threshold: Fraction | None
    steps: tuple[Step, ...]
    warnings: tuple[str, ...]
    status: Literal["completed"] = "completed"


@dataclass(frozen=True, slots=True)
class NeedsLot:
    """A decisive tie: the caller must draw ``lot`` in public and rerun with it appended."""

    lot: LotQuestion
    lots_used: int
    quota: Fraction | None
    seats_so_far: Mapping[int, int]
    steps: tuple[Step, ...]
    status: Literal["needs_lot"] = "needs_lot"


@dataclass(frozen=True, slots=True)
class InputError:
    field: str
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Rejected:
    errors: tuple[InputError, ...]
    status: Literal["rejected"] = "rejected"


Result: TypeAlias = Completed | NeedsLot | Rejected
