"""Judging a district result on its final claim: where does it depart from the lawful outcome?

Kieswet (BWBR0004627), consolidated text of 2026-01-01
(https://wetten.overheid.nl/BWBR0004627/2026-01-01): P 12 and P 13 (the seats of a lijstengroep
over its lists), P 15 – P 18 (its candidates), P 19 (the ranking); old P 4 lid 2 and old P 11 (a
lijstencombinatie, law ``pre-2017-12``). The allocation over groups, stellen, lists and
combinations (P 5 – P 10) is the single-contest final judgement (``spec.rules.final``) of the
result's ``national`` part.

A district result (read into a ``spec.claims.DistrictClaim``, from a
``kieswet/district-allocation-result@1`` document by ``interchange.district_claims``) makes its
**final claim** in ``status``, ``national`` (the allocation over contestants, whose own steps
are trace), ``party_seats``, ``seats``, ``elected`` and ``ranking`` (``completed``), or
``stage``, ``lot`` and ``seats_so_far`` (``needs_lot``). Every other part is **trace**
(``spec.claims.TRACE_FIELDS``; ``DistrictClaim.trace`` names the parts a result states): how
the result got there. A result without trace is a first-class answer: it is lawful exactly when
it is what the law makes of the election. This module works that out
from the input, stage by stage, and names for each party the first article where the claim
departs, with the figures. Each trace field that *is* present is judged by the rules of
``spec.rules.groups`` and ``spec.rules.group_candidates`` as it always was; this module judges
the claims whose trace is absent (and every ``needs_lot`` question, which has no trace).

Lots: a decisive tie takes the next supplied lot of its kind for its owner (``group_seat`` for
a lijstengroep, ``combination_seat`` for a lijstencombinatie, ``candidate`` for the candidates
of a party: P 12 lid 5, old P 11, P 15 lid 1, P 16 lid 2, P 13); where none is supplied the law
asks the question, and the result must ask it (``needs_lot``) with exactly those options.

This module never imports ``reference/``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction

from spec.claims import DistrictClaim, DistrictLotClaim
from spec.districts import NATIONAL_LOT_KINDS, DistrictElection, Party, Structure, resolve
from spec.model import Election, Lot
from spec.rules.base import (
    enumeration,
    lot_kind,
    plural,
    preference_share,
    quota,
    reaches_threshold,
    show,
)
from spec.rules.group_candidates import (
    GroupLots,
    GroupOutcome,
    LotUndecided,
    SeatOrder,
    elect_group,
    seat_order,
)
from spec.rules.groups import DistrictContext
from spec.rules.lawful import lawful_outcome

GROUP_QUOTA = "P12.1-group-quota"
GROUP_REMAINDER = "P12.2-largest-remainder"
COMBINATION_QUOTA = "combination-P11-quota"
COMBINATION_REMAINDER = "combination-P11-largest-remainder"
PREFERENCE = "P15.2-summed-preference"
PLACEMENT = "P16-placement"
ONCE = "P18-elected-once"
GROUP_CANDIDATES = "P16-P18-group-candidates"


def states_trace(claim: DistrictClaim) -> bool:
    """Whether a district result states any trace (``spec.claims.TRACE_FIELDS`` or the steps of
    its ``national`` part)."""
    return bool(claim.trace)


@dataclass(frozen=True, slots=True)
class Departure:
    """Where a district result departs from the law: the rule it breaks and why, with figures."""

    rule_id: str
    message: str


@dataclass(frozen=True, slots=True)
class Question:
    """A decisive tie of a district stage without a supplied lot: the lot the law asks for."""

    stage: str  # combination, group or candidates
    kind: str  # combination_seat, group_seat or candidate
    owner: int  # the combination, group or party
    options: tuple[int, ...]
    article: str
    why: str

    @property
    def rule_id(self) -> str:
        if self.kind == "combination_seat":
            return COMBINATION_REMAINDER
        if self.kind == "candidate":
            return PREFERENCE
        return GROUP_REMAINDER if self.stage == "group" else GROUP_CANDIDATES

    def text(self) -> str:
        return (
            f"{_lot_words(self.kind, self.owner)} tussen {enumeration(self.options)} "
            f"({self.article}: {self.why})"
        )


def _owner_word(kind: str) -> str:
    return {"combination_seat": "lijstencombinatie", "group_seat": "lijstengroep"}.get(
        kind, "partij"
    )


def _lot_words(kind: str, owner: object) -> str:
    """``"een loting voor lijstengroep 1"``, ``"een kandidatenloting voor partij 2"``."""
    if kind in ("combination_seat", "group_seat"):
        return f"een loting voor {_owner_word(kind)} {owner}"
    return f"een {lot_kind(kind)} voor partij {owner}"


def _seats(count: int) -> str:
    return plural(count, "zetel", "zetels")


class _Asked(Exception):
    def __init__(self, question: Question) -> None:
        super().__init__(question.why)
        self.question = question


# =========================================================================== the lawful outcome


@dataclass
class PartyOutcome:
    """What the law makes of one party with seats: ``order`` the P 12 / P 13 distribution of a
    lijstengroep; ``preferred`` the persons P 15 elects on preference, in order; ``group`` who
    sits where in a lijstengroep (P 16 – P 18); ``elected`` per list the positions elected, in
    order of election (preference first, by votes, then list order); ``seats`` per list."""

    party: Party
    seats: int
    order: SeatOrder | None = None
    preferred: tuple[str, ...] | None = None
    group: GroupOutcome | None = None
    elected: dict[int, tuple[int, ...]] = field(default_factory=dict)
    unit_seats: dict[int, int] = field(default_factory=dict)
    question: Question | None = None
    group_lots: GroupLots | None = None  # the group's lots, drawn on by P 12 and then P 13


@dataclass
class DistrictOutcome:
    """The lawful seats per contestant (``None`` when P 5 – P 10 themselves ask a lot), per
    party after old P 11, and per party what follows; ``question`` the first lot the law asks
    after P 5 – P 10, in the order of the stages (combinations, groups, candidates)."""

    structure: Structure
    national: Election
    contestant_seats: Mapping[int, int] | None
    party_seats: dict[int, int] = field(default_factory=dict)
    combinations: dict[int, Mapping[int, int] | Question] = field(default_factory=dict)
    parties: dict[int, PartyOutcome] = field(default_factory=dict)
    question: Question | None = None
    drawn: list[tuple[str, int]] = field(default_factory=list)
    """The supplied lots of the stages after P 5 – P 10 drawn on, as (kind, owner), in the
    order drawn: the order in which their questions arise."""

    def misfit(self, lots: Sequence[Lot]) -> Departure | None:
        """Where the supplied lots after P 5 – P 10 do not fit, if they do not: they are drawn
        in public in the order their questions arise and consumed in that order, so they must
        be exactly the lots drawn on up to the first open question (or to the end), in that
        order; otherwise the input is rejected (``lot_mismatch``), as in a single contest. The
        departure names the rule of the first supplied lot that does not fit, and says why."""
        given = [(lot.kind, lot.list or 0) for lot in lots if lot.kind not in NATIONAL_LOT_KINDS]
        if given == self.drawn:
            return None
        # the first difference within both, or else the first given lot beyond the drawn ones
        pairs = enumerate(zip(self.drawn, given, strict=False))
        index = next((i for i, (want, got) in pairs if want != got), len(self.drawn))
        if index >= len(given):
            return None  # fewer given than drawn cannot happen: each draw takes a given lot
        kind, owner = given[index]
        rule = {"combination_seat": COMBINATION_REMAINDER, "group_seat": GROUP_REMAINDER}
        if index < len(self.drawn):
            why = (
                f"de {index + 1}e gegeven loting na P 5 – P 10 is {_lot_words(kind, owner)}, "
                f"maar de vraag die daar opkomt is {_lot_words(*self.drawn[index])}"
            )
        else:
            why = (
                f"de {index + 1}e gegeven loting na P 5 – P 10 ({_lot_words(kind, owner)}) "
                "beantwoordt geen vraag die de wet stelt"
            )
        return Departure(rule.get(kind, PREFERENCE), why)


def lawful_combinations(district: DistrictElection) -> DistrictElection | None:
    """Old P 4 lid 2 (``pre-2017-12``): a member of a lijstencombinatie counts only if it would
    have won a seat without any combination; a combination with fewer than two such members
    does not count. ``None`` if that test allocation itself ties (no lot answers it)."""
    if district.law != "pre-2017-12" or not district.combinations:
        return district
    alone = replace(district, combinations=())
    structure = resolve(alone)
    national = replace(structure.national_election(alone), lots=())
    outcome = lawful_outcome(national)
    if outcome.question is not None or outcome.mismatch is not None:
        return None
    kept = []
    for combo in district.combinations:
        members = tuple(m for m in combo.members if _seats_of_member(structure, outcome.seats, m))
        if len(members) >= 2:
            kept.append(replace(combo, members=members))
    return replace(district, combinations=tuple(kept))


def _seats_of_member(structure: Structure, seats: Mapping[int, int], member: int) -> int:
    """The seats of the party ``member`` names (a group, a stel or a district list)."""
    party = structure.party_of_unit.get(_unit_of(structure, member), member)
    return seats.get(party, 0)


def _unit_of(structure: Structure, number: int) -> int:
    for unit in structure.units.values():
        if number == unit.number or number in unit.lists:
            return unit.number
    return number


def lots_misfit(district: DistrictElection) -> bool:
    """Whether a supplied lot of ``district`` answers no question the law asks (or another
    than it asks): a lot of P 5 – P 10 that does not fit or is left over, or a lot of a later
    stage that the lawful outcome does not draw on, up to its first question or to its end.
    Such an input is rejected (``lot_mismatch``), and only such an input."""
    checked = lawful_combinations(district)
    if checked is None:
        return False
    structure = resolve(checked)
    national = structure.national_election(checked)
    national_outcome = lawful_outcome(national)
    if national_outcome.mismatch is not None:
        return True
    if national_outcome.question is not None:
        return False
    if national_outcome.left_over:
        return True
    return lawful_district(checked, structure, national).misfit(checked.lots) is not None


def lawful_district(
    district: DistrictElection, structure: Structure, national: Election
) -> DistrictOutcome:
    """The lawful outcome of every stage after P 5 – P 10 (which ``spec.rules.final`` judges)."""
    national_outcome = lawful_outcome(national)
    if national_outcome.question is not None or national_outcome.mismatch is not None:
        return DistrictOutcome(structure, national, None)
    outcome = DistrictOutcome(structure, national, dict(national_outcome.seats))
    lots = district.lots
    for contestant in structure.contestants.values():
        seats = national_outcome.seats.get(contestant.number, 0)
        if not contestant.is_combination:
            outcome.party_seats[contestant.number] = seats
            continue
        members = {
            p: (structure.parties[p].votes, structure.parties[p].seat_limit)
            for p in contestant.parties
        }
        if seats == 0:
            outcome.combinations[contestant.number] = dict.fromkeys(members, 0)
            outcome.party_seats.update(dict.fromkeys(members, 0))
            continue
        combination_lots = GroupLots(lots, contestant.number, "combination_seat", outcome.drawn)
        try:
            order = _distribute(members, seats, combination_lots)
        except LotUndecided as undecided:
            question = Question(
                "combination",
                "combination_seat",
                contestant.number,
                undecided.options,
                "P 11 (pre-2017-12)",
                undecided.why,
            )
            outcome.combinations[contestant.number] = question
            outcome.question = outcome.question or question
            continue
        outcome.combinations[contestant.number] = order.held
        outcome.party_seats.update(order.held)
    if outcome.question is not None:
        return outcome
    parties = [p for p in structure.parties.values() if p.number in outcome.party_seats]
    for party in parties:  # P 12, P 13: every group first
        seats = outcome.party_seats[party.number]
        result = PartyOutcome(party, seats)
        outcome.parties[party.number] = result
        if not party.is_group or seats == 0:
            result.unit_seats = {u: (seats if not party.is_group else 0) for u in party.units}
            continue
        units = {u: structure.units[u] for u in party.units}
        members = {u: (units[u].votes, units[u].seat_limit) for u in party.units}
        # One sequence of group_seat lots per group: P 12 lid 5 draws first, then P 13 (with
        # P 16 lid 2 and P 18 lid 3) goes on with the lots that follow.
        result.group_lots = GroupLots(lots, party.number, drawn=outcome.drawn)
        try:
            result.order = _distribute(members, seats, result.group_lots)
        except LotUndecided as undecided:
            result.question = Question(
                "group",
                "group_seat",
                party.number,
                undecided.options,
                undecided.article,
                undecided.why,
            )
            outcome.question = outcome.question or result.question
            continue
        result.unit_seats = dict(result.order.held)
    for party in parties:  # P 15 – P 18
        result = outcome.parties[party.number]
        if result.question is not None or party.candidates is None or result.seats == 0:
            continue
        try:
            _candidates(structure, lots, national, party, result, outcome.drawn)
        except _Asked as asked:
            result.question = asked.question
            outcome.question = outcome.question or asked.question
    return outcome


def _distribute(
    members: Mapping[int, tuple[int, int | None]], seats: int, lots: GroupLots
) -> SeatOrder:
    """P 12 (old P 11) with P 13: ``members`` as (votes, living candidates or ``None``)."""
    votes = {n: v for n, (v, _) in members.items()}
    limit = {n: (seats if lim is None else lim) for n, (_, lim) in members.items()}
    if sum(votes.values()) == 0:
        return SeatOrder((), (), dict.fromkeys(votes, 0))
    return seat_order(votes, seats, limit, lots)


def preference_order(
    party: Party,
    seats: int,
    threshold: Fraction,
    kind: str,
    always: bool,
    lots: Sequence[Lot],
    drawn: list[tuple[str, int]] | None = None,
) -> tuple[str, ...]:
    """P 15 lid 1: the persons of ``party`` (votes summed over its lists) elected on preference:
    the living candidates above the voorkeurdrempel in order of their votes, as far as the
    party has seats; equal votes in the party's order, or by lot where the lot decides who is
    elected (with profile ``candidate-lot-always``: whenever one of them is elected). Raises
    ``_Asked`` where a lot is needed and none is supplied. Each supplied lot drawn on is added
    to ``drawn`` as (kind, owner)."""
    candidates = party.candidates or ()
    numbered = list(zip(party.keys, candidates, strict=True))
    above = [
        (key, c)
        for key, c in numbered
        if not c.deceased and reaches_threshold(c.votes, threshold, kind)
    ]
    above.sort(key=lambda item: -item[1].votes)  # stable: the party's order within equal votes
    supplied = [lot for lot in lots if lot.kind == "candidate" and lot.list == party.number]
    used = 0
    out: list[str] = []
    start = 0
    while start < len(above):
        votes = above[start][1].votes
        group = [item for item in above if item[1].votes == votes]
        inside = max(0, min(start + len(group), seats) - start)
        if 0 < inside < len(group):
            draws = inside
        elif always and len(group) > 1:
            draws = min(inside, len(group) - 1)
        else:
            draws = 0
        start += len(group)
        for _ in range(draws):
            options = tuple(c.number for _, c in group)
            lot = supplied[used] if used < len(supplied) else None
            if (
                lot is None
                or tuple(sorted(lot.options)) != tuple(sorted(options))
                or (lot.drawn not in options)
            ):
                raise _Asked(
                    Question(
                        "candidates",
                        "candidate",
                        party.number,
                        options,
                        "P 15 lid 1",
                        f"de kandidaten {enumeration(options)} hebben elk "
                        f"{plural(votes, 'voorkeurstem', 'voorkeurstemmen')} (opgeteld over de "
                        f"lijsten van de partij), meer dan de voorkeurdrempel {show(threshold)}, "
                        f"voor {inside} van de {_seats(seats)} van de partij",
                    )
                )
            used += 1
            if drawn is not None:
                drawn.append(("candidate", party.number))
            pick = next(item for item in group if item[1].number == lot.drawn)
            group.remove(pick)
            out.append(pick[0])
        out.extend(key for key, _ in group)
    return tuple(out[:seats])


def _candidates(
    structure: Structure,
    lots: Sequence[Lot],
    national: Election,
    party: Party,
    result: PartyOutcome,
    drawn: list[tuple[str, int]] | None = None,
) -> None:
    """P 15 – P 18 for one party with seats and candidates (``result`` is filled in); each
    supplied lot drawn on is added to ``drawn`` as (kind, owner)."""
    threshold = quota(national) * preference_share(national)
    always = national.profile.candidate_lot_always
    preferred = preference_order(party, result.seats, threshold, national.kind, always, lots, drawn)
    result.preferred = preferred
    summed = {k: c.votes for k, c in zip(party.keys, party.candidates or (), strict=True)}
    structure_units = [structure.units[u] for u in party.units]
    if not party.is_group:
        unit = structure_units[0]
        dead = {k for k, c in zip(party.keys, party.candidates or (), strict=True) if c.deceased}
        position = {c.key: c.number for c in unit.candidates or ()}
        first = [position[k] for k in preferred]
        rest = [
            c.number for c in unit.candidates or () if c.key not in dead and c.key not in preferred
        ]
        result.elected = {unit.number: tuple((first + rest)[: result.seats])}
        return
    assert result.order is not None
    try:
        group = elect_group(
            party,
            structure_units,
            result.order,
            preferred,
            summed,
            result.group_lots or GroupLots(lots, party.number, drawn=drawn),
        )
    except LotUndecided as undecided:
        raise _Asked(
            Question(
                "candidates",
                "group_seat",
                party.number,
                undecided.options,
                undecided.article,
                undecided.why,
            )
        ) from None
    result.group = group
    result.unit_seats = dict(group.seats)
    for unit in structure_units:
        placed = group.on_preference[unit.number]
        rest = sorted(group.elected[unit.number] - set(placed))
        result.elected[unit.number] = (*placed, *rest)


# =========================================================================== the judgement


def departures(ctx: DistrictContext) -> tuple[Departure, ...]:
    """Where the district result of ``ctx`` departs from the lawful outcome, in the parts whose
    trace it does not state (a ``needs_lot`` question always); for each owner (combination,
    party) its first departure. Empty where the allocation over contestants (P 5 – P 10)
    itself departs or asks a lot: the single-contest rules name that."""
    status = ctx.claim.status
    if status not in ("completed", "needs_lot"):
        return ()
    outcome = ctx.lawful
    if outcome.contestant_seats is None:
        if status == "needs_lot" and ctx.claim.stage == "national":
            return tuple(_national_lots_used(ctx, outcome))
        return ()
    if status == "needs_lot":
        return tuple(_question_departures(ctx, outcome))
    return tuple(_completed_departures(ctx, outcome))


def _completed_departures(ctx: DistrictContext, outcome: DistrictOutcome) -> Iterator[Departure]:
    assert outcome.contestant_seats is not None
    judge_seats = not ctx.states("distributions")
    judge_candidates = not ctx.states("elected_on_preference")
    national = ctx.result.seats or {}
    structure = outcome.structure
    if outcome.question is None and national == dict(outcome.contestant_seats):
        # the supplied lots must answer the questions in the order they arise: otherwise the
        # input fails (lot_mismatch), and a completed result is wrong
        misfit = outcome.misfit(ctx.district.lots)
        if misfit is not None:
            yield Departure(
                misfit.rule_id,
                f"{misfit.message}; de invoer wordt dan afgewezen (lot_mismatch), de uitkomst "
                "is voltooid",
            )
    for contestant in structure.contestants.values():
        c = contestant.number
        if national.get(c) != outcome.contestant_seats.get(c):
            continue  # P 5 – P 10 depart first: spec.rules.final names it
        lawful = outcome.combinations.get(c)
        if lawful is None or not judge_seats:
            continue
        if isinstance(lawful, Question):
            yield _silent(lawful)
            continue
        members = {p: (structure.parties[p].votes, structure.parties[p].seat_limit) for p in lawful}
        claimed = {p: ctx.party_seats.get(p, 0) for p in lawful}
        if claimed != dict(lawful) and sum(claimed.values()) == sum(lawful.values()):
            yield _distribution_departure(
                "combination",
                c,
                outcome.contestant_seats[c],
                members,
                lawful,
                claimed,
                ctx.district.lots,
            )
    for number, result in outcome.parties.items():
        if ctx.party_seats.get(number) != result.seats:
            continue  # P 5 – P 10 or old P 11 depart first
        found = next(_party_departures(ctx, result, judge_seats, judge_candidates), None)
        if found is not None:
            yield found


def _silent(question: Question) -> Departure:
    return Departure(
        question.rule_id,
        f"{_owner_word(question.kind)} {question.owner}: {question.why}: het lot tussen "
        f"{enumeration(question.options)} beslist ({question.article}) en de invoer geeft "
        "daarvoor geen loting; de uitkomst is voltooid zonder loting in plaats van erom te "
        "vragen (needs_lot)",
    )


def _party_departures(
    ctx: DistrictContext, result: PartyOutcome, judge_seats: bool, judge_candidates: bool
) -> Iterator[Departure]:
    party = result.party
    question = result.question
    if question is not None:  # the seats of the lists and who sits wait for the lot
        if judge_seats if question.stage == "group" else judge_candidates:
            yield _silent(question)
        return
    claimed = {u: ctx.unit_seats.get(u, 0) for u in party.units}
    if party.is_group and (judge_seats or judge_candidates) and result.order is not None:
        lawful = result.unit_seats
        if claimed != lawful and sum(claimed.values()) == result.seats:
            yield _group_seats_departure(ctx, result, claimed)
            return
    if not judge_candidates or party.candidates is None or result.seats == 0:
        return
    yield from _elected_departures(ctx, result)


def _group_seats_departure(
    ctx: DistrictContext, result: PartyOutcome, claimed: Mapping[int, int]
) -> Departure:
    """The lists of a group hold other seats than P 12 / P 13 and P 16 lid 2 give them."""
    party = result.party
    assert result.order is not None
    held = dict(result.order.held)
    if result.unit_seats == held or (claimed != held and _differs_at_p12(claimed, held, result)):
        units = ctx.structure.units
        members = {u: (units[u].votes, units[u].seat_limit) for u in party.units}
        return _distribution_departure(
            "group", party.number, result.seats, members, held, claimed, ctx.district.lots
        )
    group = result.group
    moves: list[str] = []
    if group is not None:
        moves = [
            f"P 16 lid 2: {person!r}, met voorkeurstemmen gekozen, krijgt een zetel op lijst "
            f"{to} en lijst {frm} staat de zetel af die P 12 / P 13 als laatste toewees en die "
            "nog vrij is"
            for person, to, frm in group.forfeits
        ]
        moves += [
            f"P 13 met P 18 lid 3: lijst {frm} heeft geen kandidaat meer voor haar zetel, die "
            f"naar lijst {to} gaat"
            for frm, to in group.transfers
        ]
    return Departure(
        GROUP_CANDIDATES,
        f"lijstengroep {party.number}: P 12 en P 13 geven haar lijsten (lijst: zetels) "
        f"{_seat_list(held)}; daarna ({'; '.join(moves) or 'geen zetel verschuift'}) hebben haar "
        f"lijsten {_seat_list(result.unit_seats)}; de uitkomst geeft ze {_seat_list(claimed)}",
    )


def _differs_at_p12(
    claimed: Mapping[int, int], held: Mapping[int, int], result: PartyOutcome
) -> bool:
    """Whether the claim cannot come from the P 12 / P 13 distribution by the seat moves the
    law makes: a list the law moves no seat to or from holds other seats than P 12 gives it."""
    lawful = result.unit_seats
    moved = {u for u in held if held[u] != lawful[u]}
    return any(claimed[u] != held[u] for u in held if u not in moved)


def _seat_list(seats: Mapping[int, int]) -> str:
    return ", ".join(f"{u}: {s}" for u, s in sorted(seats.items()))


def _distribution_departure(
    kind: str,
    owner: int,
    seats: int,
    members: Mapping[int, tuple[int, int | None]],
    lawful: Mapping[int, int],
    claimed: Mapping[int, int],
    lots: Sequence[Lot],
) -> Departure:
    """P 12 (old P 11) with P 13: the first list of ``owner`` that holds fewer seats than the
    law gives it, against a list that holds more, with the groepskiesdeler (combinatiekiesdeler),
    the full seats and the remainders."""
    name = "groepskiesdeler" if kind == "group" else "combinatiekiesdeler"
    article = "P 12" if kind == "group" else "P 11 (pre-2017-12)"
    quota_rule = GROUP_QUOTA if kind == "group" else COMBINATION_QUOTA
    remainder_rule = GROUP_REMAINDER if kind == "group" else COMBINATION_REMAINDER
    total = sum(v for v, _ in members.values())
    kiesdeler = Fraction(total, seats)
    full = {n: v * seats // total for n, (v, _) in members.items()}
    rest = {n: v - full[n] * kiesdeler for n, (v, _) in members.items()}
    short = [n for n in sorted(lawful) if claimed[n] < lawful[n]]
    over = [n for n in sorted(lawful) if claimed[n] > lawful[n]]
    head = (
        f"{'lijstengroep' if kind == 'group' else 'lijstencombinatie'} {owner} "
        f"({plural(total, 'stem', 'stemmen')}, {_seats(seats)}, {name} {show(kiesdeler)})"
    )
    for n in short:
        limit = members[n][1]
        if claimed[n] < full[n] and (limit is None or claimed[n] < limit):
            v = members[n][0]
            return Departure(
                quota_rule,
                f"{head}: lijst {n} heeft stemcijfer {v}, {show(v / kiesdeler)} maal de {name}: "
                f"{plural(full[n], 'volle zetel', 'volle zetels')} ({article}); de uitkomst geeft "
                f"haar {claimed[n]}",
            )
    if not short or not over:
        return Departure(
            remainder_rule,
            f"{head}: {article} en P 13 geven (lijst: zetels) {_seat_list(lawful)}, de uitkomst "
            f"{_seat_list(claimed)}",
        )
    a, b = short[0], over[0]
    limit = members[b][1]
    if limit is not None and claimed[b] > limit:
        why = (
            f"lijst {b} heeft slechts "
            f"{plural(limit, 'levende kandidaat', 'levende kandidaten')} (P 13)"
        )
    elif rest[a] == rest[b]:
        drawn = [
            lot
            for lot in lots
            if lot.kind == f"{kind}_seat" and lot.list == owner and {a, b} <= set(lot.options)
        ]
        why = f"overschot {show(rest[a])} = {show(rest[b])}" + (
            f"; de gegeven loting viel op lijst {drawn[0].drawn}" if drawn else ""
        )
    else:
        why = f"overschot {show(rest[a])} tegenover {show(rest[b])}"
    return Departure(
        remainder_rule,
        f"{head}: een zetel ging naar lijst {b} maar komt toe aan lijst {a}: {why}; {article} "
        f"en P 13 geven (lijst: zetels) {_seat_list(lawful)}, de uitkomst {_seat_list(claimed)}",
    )


def _elected_departures(ctx: DistrictContext, result: PartyOutcome) -> Iterator[Departure]:
    """The first departure of the candidates the result elects for one party (P 15 – P 18)."""
    party = result.party
    units = [ctx.structure.units[u] for u in party.units]
    key_of = {u.number: {c.number: c.key for c in u.candidates or ()} for u in units}
    summed = {k: c.votes for k, c in zip(party.keys, party.candidates or (), strict=True)}
    dead = {k for k, c in zip(party.keys, party.candidates or (), strict=True) if c.deceased}
    claimed = {u.number: tuple(ctx.elected.get(u.number, ())) for u in units}
    lawful = result.elected
    for u in units:
        for n in claimed[u.number]:
            if n not in key_of[u.number]:
                yield Departure(
                    ONCE, f"lijst {u.number} heeft geen kandidaat {n}, maar de uitkomst kiest die"
                )
                return
        if len(set(claimed[u.number])) != len(claimed[u.number]):
            yield Departure(
                ONCE,
                f"lijst {u.number}: een kandidaat komt meer dan eens voor in de gekozenen "
                f"{list(claimed[u.number])}",
            )
            return
    where: dict[str, int] = {}
    for u in units:
        for n in claimed[u.number]:
            if key_of[u.number][n] in where:
                return  # a person elected twice: P18-elected-once says so
            where[key_of[u.number][n]] = u.number
    lawful_where = {key_of[u][n]: u for u, positions in lawful.items() for n in positions}
    preferred = result.preferred or ()
    threshold = quota(ctx.election) * preference_share(ctx.election)
    for key in preferred:
        if key not in where:
            yield Departure(
                PREFERENCE,
                f"partij {party.number}: kandidaat {key!r} heeft "
                f"{plural(summed[key], 'voorkeurstem', 'voorkeurstemmen')} opgeteld over de "
                f"lijsten van de partij, meer dan de voorkeurdrempel {show(threshold)}; met de "
                f"{_seats(result.seats)} van de partij kiest P 15 met voorkeurstemmen "
                f"{_persons(preferred, summed)}; de uitkomst kiest {key!r} niet",
            )
            return
    if party.is_group:
        for key in preferred:
            if where[key] != lawful_where[key]:
                yield Departure(PLACEMENT, _placement_text(ctx, result, key, where[key]))
                return
    for u in units:
        seats = len(lawful[u.number])
        if len(claimed[u.number]) != seats:
            yield Departure(
                ONCE,
                f"lijst {u.number} heeft {_seats(seats)} en kandidaten om ze te vervullen "
                f"(P 17, P 18 lid 2-3: de zetels gaan naar nog niet gekozen kandidaten tot alle "
                f"vervuld zijn); de uitkomst kiest er {len(claimed[u.number])}: "
                f"{list(claimed[u.number])}",
            )
            return
    for u in sorted(units, key=lambda unit: (unit.district, unit.number)):
        n = u.number
        extra = [p for p in claimed[n] if p not in lawful[n]]
        missing = [p for p in lawful[n] if p not in claimed[n]]
        if not extra and not missing:
            continue
        for position in extra:
            key = key_of[n][position]
            other = lawful_where.get(key)
            if other is not None and other != n:
                yield Departure(ONCE, _double_text(ctx, party, key, n, other))
                return
        for position in missing:
            key = key_of[n][position]
            other = where.get(key)
            if other is not None and other != n:
                yield Departure(ONCE, _double_text(ctx, party, key, other, n))
                return
        if not extra or not missing:
            continue  # equal counts (judged above) leave neither without the other
        got = extra[0]
        note = " (overleden, P 19a)" if key_of[n][got] in dead else ""
        yield Departure(
            ONCE,
            f"lijst {n}: na de met voorkeurstemmen gekozen kandidaten gaan haar zetels op "
            f"volgorde van de lijst naar haar levende kandidaten die nog niet op een lijst van "
            f"de partij gekozen zijn (P 17, P 18 lid 2): {list(lawful[n])}; de uitkomst kiest "
            f"kandidaat {got} ({key_of[n][got]!r}){note} in plaats van kandidaat {missing[0]} "
            f"({key_of[n][missing[0]]!r})",
        )
        return
    for u in units:
        n = u.number
        stated, want = claimed[n], lawful[n]
        if stated == want:
            continue
        k = sum(1 for p in want if key_of[n][p] in preferred)
        head = stated[:k]
        votes = [summed[key_of[n][p]] for p in head]
        if set(head) == set(want[:k]) and votes == sorted(votes, reverse=True):
            if stated[k:] == want[k:]:
                continue  # equal votes in another order: a lot may have ordered them
            yield Departure(
                ONCE,
                f"lijst {n}: na de met voorkeurstemmen gekozen kandidaten gaan haar zetels op "
                f"volgorde van de lijst (P 17): {list(want[k:])}; de uitkomst kiest ze in de "
                f"volgorde {list(stated[k:])}",
            )
            return
        yield Departure(
            PREFERENCE,
            f"lijst {n}: in de volgorde van verkiezing eerst de met voorkeurstemmen gekozen "
            f"kandidaten naar hun stemmen opgeteld over de lijsten van de partij ("
            + ", ".join(f"{p}: {summed[key_of[n][p]]}" for p in want[:k])
            + f"), dan de volgorde van de lijst (P 15, P 17): {list(want)}; de uitkomst "
            f"vermeldt {list(stated)}",
        )
        return


def _persons(keys: Sequence[str], summed: Mapping[str, int]) -> str:
    return enumeration(f"{k!r} ({summed[k]})" for k in keys) or "niemand"


def _votes_on(ctx: DistrictContext, unit: int, key: str) -> int | None:
    return next((c.votes for c in ctx.structure.units[unit].candidates or () if c.key == key), None)


def _placement_text(ctx: DistrictContext, result: PartyOutcome, key: str, got: int) -> str:
    party = result.party
    group = result.group
    assert group is not None
    lawful = next(
        u
        for u, positions in result.elected.items()
        for p in positions
        if (next(c.key for c in ctx.structure.units[u].candidates or () if c.number == p) == key)
    )
    forfeit = next((frm for person, _, frm in group.forfeits if person == key), None)
    votes = ", ".join(
        f"lijst {u}: {v}" for u in party.units if (v := _votes_on(ctx, u, key)) is not None
    )
    if forfeit is not None:
        how = (
            f"P 16 lid 2: geen lijst waarop de kandidaat voorkomt heeft nog een zetel vrij, dus "
            f"krijgt de kandidaat een zetel op lijst {lawful}, de lijst met de meeste stemmen op "
            f"de kandidaat ({votes}), en lijst {forfeit} staat een zetel af"
        )
    else:
        how = (
            f"P 16 lid 1: van de lijsten waarop de kandidaat voorkomt en die nog een zetel vrij "
            f"hebben, heeft lijst {lawful} de meeste stemmen op de kandidaat ({votes}; bij "
            "gelijke stemmen: de laagste kieskring)"
        )
    return (
        f"lijstengroep {party.number}: kandidaat {key!r} is met voorkeurstemmen gekozen en "
        f"geldt als gekozen op lijst {lawful} ({how}); de uitkomst kiest de kandidaat op lijst "
        f"{got}"
    )


def _double_text(ctx: DistrictContext, party: Party, key: str, got: int, lawful: int) -> str:
    here, there = _votes_on(ctx, got, key), _votes_on(ctx, lawful, key)
    return (
        f"partij {party.number}: kandidaat {key!r} geldt als gekozen op lijst {lawful}: P 18 "
        f"lid 1: de lijst met de meeste stemmen op de kandidaat van de lijsten die de kandidaat "
        f"op volgorde van de lijst kiezen ({there} op lijst {lawful}, {here} op lijst {got}; bij "
        f"gelijke stemmen: de laagste kieskring), of de enige (P 17, P 18 lid 2); de uitkomst "
        f"kiest de kandidaat op lijst {got}"
    )


# --------------------------------------------------------------------------- needs_lot


def _national_lots_used(ctx: DistrictContext, outcome: DistrictOutcome) -> Iterator[Departure]:
    """A question of P 5 – P 10 (stage ``national``): spec.rules.final judges the question and
    the ``national`` part, its ``lots_used`` included. The top-level ``lots_used`` states the
    same count: the supplied lots of P 5 – P 10 used before the question (no lot of a later
    stage is reached before it)."""
    used = lawful_outcome(outcome.national).lots_used
    if ctx.claim.lots_used != used:
        yield Departure(
            "LOT-drawn",
            f"de vraag van P 5 – P 10 komt nadat "
            f"{plural(used, 'gegeven loting is', 'gegeven lotingen zijn')} gebruikt, de "
            f"uitkomst vermeldt lots_used {ctx.claim.lots_used}",
        )


def _question_departures(ctx: DistrictContext, outcome: DistrictOutcome) -> Iterator[Departure]:
    """A ``needs_lot`` result after P 5 – P 10: its question must be the first one the law asks
    (stage, kind, options and owner), with the seats decided before it."""
    claim = ctx.claim
    stage = claim.stage
    if stage == "national":
        yield from _national_lots_used(ctx, outcome)
        return
    misfit = outcome.misfit(ctx.district.lots)
    if misfit is not None:
        yield Departure(
            misfit.rule_id,
            f"{misfit.message}; de invoer wordt dan afgewezen (lot_mismatch), er wordt geen "
            "nieuwe loting gevraagd",
        )
        return
    lot = claim.lot or DistrictLotClaim(None, None)
    kind, owner = lot.kind, lot.list
    numbers = tuple(sorted(lot.options))
    asked = (
        f"{_lot_words(lot.kind_stated, lot.list_stated)} tussen {enumeration(numbers)} "
        f"(stage {claim.stage_stated})"
    )
    question = outcome.question
    if question is None:
        rule = Question(claim.stage_stated, lot.kind_stated, 0, (), "", "").rule_id
        yield Departure(
            rule,
            f"de uitkomst vraagt om {asked}, maar met de gegeven lotingen beslist de wet elke "
            f"zetel en kandidaat na P 5 – P 10 zonder loting: {_no_tie(ctx, outcome, owner)}",
        )
        return
    same = (
        stage == question.stage
        and kind == question.kind
        and numbers == question.options
        and owner == question.owner
    )
    if not same:
        yield Departure(
            question.rule_id,
            f"de eerste lotingsvraag is {question.text()}; de uitkomst vraagt om {asked}",
        )
        return
    # A question after P 5 - P 10 comes once every supplied lot of the later stages (kinds
    # combination_seat, group_seat, candidate) has answered its own question: a lot that does
    # not fit the question asked makes the input fail (lot_mismatch). lots_used counts them.
    later = sum(1 for lot in ctx.district.lots if lot.kind not in NATIONAL_LOT_KINDS)
    if claim.lots_used != later:
        yield Departure(
            question.rule_id,
            f"vóór {question.text()} zijn "
            f"{plural(later, 'gegeven loting', 'gegeven lotingen')} van na P 5 – P 10 gebruikt; "
            f"de uitkomst vermeldt lots_used {claim.lots_used}",
        )
        return
    so_far = claim.seats_so_far
    if stage == "combination":
        # the question is inside a combination: every contestant's seats are decided (P 5 -
        # P 10), per contestant (a combination, or a party in none)
        lawful = dict(outcome.contestant_seats or {})
    elif stage == "group":
        lawful = dict(outcome.party_seats)
    elif stage == "candidates":
        # Per list: the parties before the question's are done (their seats after P 16 lid 2
        # and P 13), the later ones hold their P 12 seats; the question's own party is mid-way
        # (only its total is decided).
        lawful = {}
        before = True
        for number, result in outcome.parties.items():
            if number == question.owner:
                before = False
                total = sum(so_far.get(u, 0) for u in result.party.units)
                if total != result.seats:
                    yield Departure(
                        question.rule_id,
                        f"vóór {question.text()} heeft partij {number} {_seats(result.seats)}; "
                        f"seats_so_far in de uitkomst geeft haar lijsten {total}",
                    )
                    return
                continue
            if before or result.order is None:
                lawful.update(result.unit_seats)
            else:
                lawful.update(result.order.held)
    else:
        return
    wrong = sorted(n for n in lawful if so_far.get(n) != lawful[n])
    if wrong:
        n = wrong[0]
        yield Departure(
            question.rule_id,
            f"vóór {question.text()} liggen de zetels vast: {_seat_list(lawful)}; "
            f"seats_so_far in de uitkomst vermeldt bij {n}: {so_far.get(n)}",
        )


def _no_tie(ctx: DistrictContext, outcome: DistrictOutcome, owner: int | None) -> str:
    result = outcome.parties.get(owner) if owner is not None else None
    if result is not None and result.order is not None:
        units = ctx.structure.units
        total = sum(units[u].votes for u in result.party.units)
        seats = result.seats

        def rest(u: int) -> Fraction:
            votes = units[u].votes
            return Fraction(votes * seats - total * (votes * seats // total), seats)

        rests = ", ".join(f"lijst {u}: overschot {show(rest(u))}" for u in result.party.units)
        return (
            f"lijstengroep {owner}: P 12 en P 13 geven haar lijsten (lijst: zetels) "
            f"{_seat_list(result.order.held)} ({rests})"
        )
    combination = outcome.combinations.get(owner) if owner is not None else None
    if isinstance(combination, Mapping):
        return (
            f"lijstencombinatie {owner}: oud P 11 geeft haar lijsten (lijst: zetels) "
            f"{_seat_list(combination)}"
        )
    return "er ontstaat geen beslissende gelijke stand"
