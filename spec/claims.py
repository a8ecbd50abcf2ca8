"""What a seat-allocation result claims, as typed records: what the rules of ``spec.rules`` judge.

A result may come from any implementation. ``interchange.result_claims.read_result`` reads a
``kieswet/seat-allocation-result@1`` document into a ``ReadResult``; any other reader (another
format, or a test building one by hand) may make the same records. Nothing is trusted: a field
that could not be read is ``None`` and a ``FieldProblem`` names it (the rules report these as
violations of ``FORMAT-result``). Optional parts (``steps``, ``residual_seat_order``,
``ranking``, ``elected_on_preference``) may be absent: the rules then fall back on
characterisations of the final seats alone.

Plain records, standard library only; this module never imports ``reference/``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Literal, TypeAlias

Status: TypeAlias = Literal["completed", "needs_lot", "rejected"]
METHODS = ("greatest_average", "largest_remainder", "greatest_average_one_per_list")
LOT_KINDS = ("residual_seat", "absolute_majority", "candidate")
CLAIM_KINDS = ("residual_seat", "absolute_majority", "list_exhaustion", "unfilled_seats")
"""The kinds of step that are claims; other steps (``full_seats``, ``preference``, kinds added
later) are read as no claim."""
TRACE_FIELDS: tuple[str, ...] = (
    "distributions",
    "combination_checks",
    "preference",
    "elected_on_preference",
    "placements",
    "double_elections",
    "transfers",
)
"""The trace of a district result besides ``national.steps``: how it got to its final claim
(``DistrictClaim.trace`` names the ones a result states)."""
NATIONAL_STEPS = "national.steps"
"""In ``DistrictClaim.trace``: the result states the steps of its ``national`` part."""


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """A field of the result document that is missing or not of the required form."""

    field: str
    message: str


@dataclass(frozen=True, slots=True)
class ResidualClaim:
    """A ``residual_seat`` step as the result states it (P 7, P 8, or a P 10 reassignment)."""

    position: int  # index in ``steps``
    seat: int | None
    list: int
    method: str
    value: Fraction | None
    tied: tuple[int, ...]
    lot: bool
    reassignment: bool


@dataclass(frozen=True, slots=True)
class MajorityClaim:
    """An ``absolute_majority`` step (P 9): ``list`` gains the seat of ``from_list``."""

    position: int
    list: int
    from_list: int
    candidates_from: tuple[int, ...]
    lot: bool


@dataclass(frozen=True, slots=True)
class ExhaustionClaim:
    """A ``list_exhaustion`` step (P 10)."""

    position: int
    list: int
    seat_limit: int
    removed_residual: int
    removed_full: int


@dataclass(frozen=True, slots=True)
class UnfilledClaim:
    """An ``unfilled_seats`` step (P 10): seats no list could take."""

    position: int
    seats: int


Claim: TypeAlias = ResidualClaim | MajorityClaim | ExhaustionClaim | UnfilledClaim


@dataclass(frozen=True, slots=True)
class LotClaim:
    """The question of a ``needs_lot`` result."""

    kind: str
    options: tuple[int, ...]
    list: int | None
    seat: int | None
    value: Fraction | None


@dataclass(frozen=True, slots=True)
class ReadResult:
    """What a result document says; ``None`` where a field is absent or unreadable.

    For ``needs_lot`` the ``seats`` are the document's ``seats_so_far``. ``claims`` holds the
    allocation steps in document order (full-seat and preference steps are not claims);
    ``claims`` is ``None`` when the document has no ``steps``.
    """

    status: Status | None
    quota: Fraction | None = None
    total_votes: int | None = None
    seats: Mapping[int, int] | None = None
    full_seats: Mapping[int, int] | None = None
    residual_seat_order: tuple[int, ...] | None = None
    claims: tuple[Claim, ...] | None = None
    full_seat_rows: Mapping[int, tuple[int, Fraction]] | None = None  # list -> (full, remainder)
    stated_votes: Mapping[int, int] | None = None
    """Each list's votes (its stemcijfer) as the P 6 step states them, where it states a whole
    number (a row without one is left out: the result schema, not the rules, requires it)."""
    preference_threshold: Fraction | None = None
    elected: Mapping[int, tuple[int, ...]] | None = None
    elected_on_preference: Mapping[int, tuple[int, ...]] | None = None
    ranking: Mapping[int, tuple[int, ...]] | None = None
    lot: LotClaim | None = None
    lots_used: int | None = None
    error_fields: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    problems: tuple[FieldProblem, ...] = field(default_factory=tuple)


# =========================================================================== district results


@dataclass(frozen=True, slots=True)
class DistributionRowClaim:
    """A row of a group's (P 12) or combination's (old P 11) distribution, as stated.

    A field that is not a whole number (``remainder``: an exact number) is ``None``; the
    ``*_stated`` texts are what the result wrote, for the messages."""

    member: int | None
    full_seats: int | None
    seats: int | None
    remainder: Fraction | None
    full_seats_stated: str = "None"
    remainder_stated: str = "None"


@dataclass(frozen=True, slots=True)
class DistributionClaim:
    """A ``group_distribution`` or ``combination_distribution`` step (P 12, old P 11)."""

    kind: str  # "group" or "combination"
    owner: int | None
    quota: Fraction | None
    rows: tuple[DistributionRowClaim, ...]
    unfilled: int = 0
    quota_stated: str = "None"
    lot: tuple[int, ...] | None = None
    """The seats decided by lot (P 12 lid 5, old P 11): their 1-based places among the seats
    given after the full seats, in the order given; ``None`` where the result does not state
    them (the field is optional). A value not of that form is ``lot_stated`` with ``lot``
    ``(0,)``, which no lawful outcome has."""
    lot_stated: str = "None"
    remainder_order: tuple[int | None, ...] | None = None
    """The members given the seats after the full seats, in the order given (P 12 lid 5, P 13;
    old P 11); ``None`` where the result does not state it (optional). An entry that is not a
    whole number is ``None``."""
    reassigned: tuple[ReassignmentClaim, ...] | None = None
    """The full seats a member could not take for want of candidates, passed on (P 13 lid 1);
    ``None`` where the result does not state them (optional)."""


@dataclass(frozen=True, slots=True)
class ReassignmentClaim:
    """An entry of a distribution's ``reassigned``: a seat of ``source`` passed on to
    ``target`` (``None``: left unfilled) by ``method`` (``largest_remainder``,
    ``greatest_average`` or ``unfilled``). A field not of the required form is ``None``
    (``target`` also where the result writes ``null``: see ``method``)."""

    source: int | None
    target: int | None
    method: str | None


@dataclass(frozen=True, slots=True)
class DistrictLotClaim:
    """The question of a district ``needs_lot`` result: its ``kind`` (``combination_seat``,
    ``group_seat``, ``candidate``), the number of the combination, group or party it is about
    (``list``) and the whole-number ``options`` in the order stated (an option that is not a
    whole number is left out); ``None`` where not of the form required. The ``*_stated`` texts
    are what the result wrote (``str``), for the messages."""

    kind: str | None
    list: int | None
    options: tuple[int, ...] = ()
    kind_stated: str = "None"
    list_stated: str = "None"


@dataclass(frozen=True, slots=True)
class PlacementClaim:
    """A placement by P 16 lid 2 (``article``): a candidate sits on ``list`` and takes the seat
    of ``forfeited_from``."""

    article: str | None
    list: int | None
    forfeited_from: int | None
    party: int | None = None
    candidate: str | None = None
    """The candidate's identity (``id`` or ``name`` in the input), as stated."""
    position: int | None = None
    """The candidate's number on ``list``."""
    votes: int | None = None
    """The votes for the candidate on ``list``."""


@dataclass(frozen=True, slots=True)
class TransferClaim:
    """A seat of lijstengroep ``party`` passed on (P 13 with P 18 lid 3) from ``from_list`` to
    ``to_list``."""

    from_list: int | None
    to_list: int | None
    party: int | None = None


@dataclass(frozen=True, slots=True)
class DoubleElectionClaim:
    """P 18 lid 1 as the result states it: ``candidate`` (a person of lijstengroep ``party``)
    elected in list order on the ``lists`` of the group counts as elected on ``kept``. A field
    not of the required form is ``None``."""

    party: int | None
    candidate: str | None
    lists: tuple[int, ...] | None
    kept: int | None


@dataclass(frozen=True, slots=True)
class CombinationCheckClaim:
    """Old P 4 lid 2 as the result states it: the members a combination keeps, and whether it
    still counts as one."""

    combination: int | None
    kept: tuple[int, ...]
    counts: bool


@dataclass(frozen=True, slots=True)
class DistrictClaim:
    """What a district result says, beyond its allocation to contestants (``national``, read as
    a single-contest result). Maps leave out entries that are not of the required form; the
    rules name what is missing. ``party_seats`` are the result's ``party_seats`` (for a
    ``needs_lot`` of stage ``group``: its ``seats_so_far``), ``seats`` the seats per list.

    The **final claim** is ``status``, ``national`` (without its steps), ``party_seats``,
    ``seats``, ``elected`` and ``ranking`` (``completed``), or ``stage``, ``lot`` and
    ``seats_so_far`` (``needs_lot``). Everything else is **trace**: ``trace`` names the trace
    parts the result states (``TRACE_FIELDS`` and ``NATIONAL_STEPS``), also where a part is not
    of the required form. A stated part is judged as stated, an absent one through the claim it
    would explain (``spec.rules.district_final``)."""

    status: str | None
    national: ReadResult
    stage: str | None = None
    stage_stated: str = "None"
    """The ``stage`` as the result wrote it (``str``), for the messages."""
    trace: frozenset[str] = frozenset()
    party_seats: Mapping[int, int] = field(default_factory=dict)
    seats: Mapping[int, int] = field(default_factory=dict)
    seats_so_far: Mapping[int, int] = field(default_factory=dict)
    elected: Mapping[int, tuple[int, ...]] = field(default_factory=dict)
    elected_on_preference: Mapping[int, tuple[int, ...]] = field(default_factory=dict)
    ranking: Mapping[int, tuple[int, ...]] | None = None
    distributions: tuple[DistributionClaim, ...] = ()
    lot: DistrictLotClaim | None = None
    placements: tuple[PlacementClaim, ...] = ()
    transfers: tuple[TransferClaim, ...] = ()
    double_elections: tuple[DoubleElectionClaim, ...] = ()
    combination_checks: tuple[CombinationCheckClaim, ...] | None = None
    lots_used: int | None = None
    """For a ``needs_lot`` result: its ``lots_used`` where a whole number."""
    error_codes: tuple[str | None, ...] = ()
    """For a rejected result: the ``code`` of each of its errors (``None`` where it has none)."""


def without_steps(claim: ReadResult) -> ReadResult:
    """``claim`` as a result without ``steps`` says it: its final claim only."""
    return replace(claim, claims=None, full_seat_rows=None, stated_votes=None)


def without_trace(claim: DistrictClaim) -> DistrictClaim:
    """``claim`` as a district result without any trace says it: its final claim only
    (``TRACE_FIELDS`` and ``national.steps`` left out)."""
    return replace(
        claim,
        national=without_steps(claim.national),
        trace=frozenset(),
        elected_on_preference={},
        distributions=(),
        placements=(),
        transfers=(),
        double_elections=(),
        combination_checks=None,
    )
