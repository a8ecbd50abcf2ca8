"""Judging a result that states no steps: where does its claim depart from the lawful outcome?

Kieswet (BWBR0004627), consolidated text of 2026-01-01
(https://wetten.overheid.nl/BWBR0004627/2026-01-01), P 6 – P 10 and the lots of P 7 lid 3,
P 8 lid 4, P 9 lid 2 and P 15 lid 1.

A final result (seats per list, or a ``needs_lot`` question with the seats decided before it) is
lawful only if it is what the law makes of the election (``spec.rules.lawful.lawful_outcome``).
Where it is not, ``departures`` goes through the lawful procedure in order and names the first
point where the claim can no longer be reached, with the figures that decide it: "residual
seat 7 went to list 4 but belongs to list 2: remainder 812 > 790". Each departure is reported
under the rule of the article it breaks (``Departure.rule_id``); the candidates (P 15 – P 19a)
are judged by ``spec.rules.candidates`` on the seats the result reports, with or without steps.

Figures shown are those of the lawful procedure at that point: the seats every list holds there
are the lawful ones, since the claim departs there first.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from spec.claims import LotClaim, ReadResult
from spec.model import Election, ElectionList
from spec.rules.base import (
    LARGEST_REMAINDER,
    ONE_PER_LIST,
    SMALL_COUNCIL,
    Reason,
    full_quota_rule,
    full_seat_count,
    join,
    quota,
    reaches_quota,
    show,
)
from spec.rules.lawful import (
    Event,
    Exhaustion,
    MajoritySeat,
    Outcome,
    Question,
    SeatAward,
    lawful_outcome,
)


@dataclass(frozen=True, slots=True)
class Departure:
    """Where a final result departs from the law: the rule it breaks and why, with figures."""

    rule_id: str
    message: str


# --------------------------------------------------------------------------- words


def _word(method: str | None) -> str:
    return "remainder" if method == LARGEST_REMAINDER else "average"


def _label(award: SeatAward) -> str:
    if award.phase == "reassignment":
        return f"seat {award.number} (reassigned under P 10)"
    return f"residual seat {award.number}"


def _method_rule(election: Election, award: SeatAward) -> str:
    """The rule of the method the law gives ``award`` by (P 10 continues P 7 or P 8)."""
    if election.seats >= SMALL_COUNCIL:
        return "P7.1-greatest-average"
    if award.method == LARGEST_REMAINDER:
        return "P8.1-largest-remainder"
    return "P8.3-greatest-average"


def _reason_rule(election: Election, reason: Reason, method: str) -> str:
    if reason == "no_votes":
        return "RESIDUAL-no-votes"
    if reason == "below_quota":
        return (
            "P7.2-full-quota-threshold" if election.kind in ("TK", "EP") else "BILL36641-full-quota"
        )
    if reason == "below_75":
        return "P8.2-75-percent"
    if reason == "exhausted":
        return "P10-exhaustion"
    if method == ONE_PER_LIST:
        return "P8.3-average-one-per-list"
    return "P8.2-one-per-list"


def _reason_text(election: Election, lst: ElectionList, reason: Reason) -> str:
    kiesdeler = quota(election)
    if reason == "no_votes":
        return f"list {lst.number} has no votes"
    if reason == "below_quota":
        return f"list {lst.number} has {lst.votes} votes, below the kiesdeler {show(kiesdeler)}"
    if reason == "below_75":
        return (
            f"list {lst.number} has {lst.votes} votes, below 75% of the kiesdeler "
            f"{show(kiesdeler)} ({show(kiesdeler * 3 / 4)})"
        )
    if reason == "exhausted":
        return (
            f"list {lst.number} has no further living candidate: it already holds the "
            f"{lst.seat_limit} seat(s) its candidates can fill"
        )
    return f"list {lst.number} already received a seat in this round"


def _boundary(election: Election, lst: ElectionList, award: SeatAward) -> tuple[str, str] | None:
    """A remainder seat for a list exactly at 75% of the kiesdeler: P 8 lid 2 says "at least"."""
    seats, total = election.seats, election.total_votes
    kiesdeler = show(quota(election))
    if (
        award.method == LARGEST_REMAINDER
        and 4 * lst.votes * seats == 3 * total
        and election.law != "bill-36641"
    ):
        return (
            "P8.2-75-percent",
            f"list {lst.number}'s stemcijfer {lst.votes} is exactly 75% of the kiesdeler "
            f"{kiesdeler}, which suffices (at least 75%)",
        )
    return None


def _question_text(q: Question) -> str:
    if q.kind == "residual_seat":
        return (
            f"residual seat {q.seat}: lists {join(q.options)} tie at {_word(q.method)} "
            f"{show(q.value)} for {q.remaining} remaining seat(s)"
        )
    if q.kind == "absolute_majority":
        return (
            f"P 9: lists {join(q.options)} received the last residual seats on the same "
            f"{_word(q.method)} {show(q.value)}, and one of them gives up a seat"
        )
    return (
        f"list {q.list}: candidates {join(q.options)} have {show(q.value)} preference votes "
        f"each for {q.remaining} place(s)"
    )


def _claim_text(lot: LotClaim) -> str:
    where = "" if lot.list is None else f" on list {lot.list}"
    return f"a {lot.kind} lot between {join(sorted(lot.options))}{where}"


# --------------------------------------------------------------------------- seats


def lawful_seats_in_order(election: Election, outcome: Outcome) -> dict[int, list[Event | None]]:
    """Each list's seats as the law gives them, in order: ``None`` for a full seat (P 6), else
    the residual seat or the P 9 seat that gave it. A seat taken away (P 9, P 10) is always the
    list's latest: its last residual seat (P 9), its residual seats first (P 10)."""
    seats: dict[int, list[Event | None]] = {
        lst.number: [None] * full_seat_count(election, lst) for lst in election.lists
    }
    for event in outcome.events:
        if isinstance(event, SeatAward):
            seats[event.list].append(event)
        elif isinstance(event, MajoritySeat):
            seats[event.from_list].pop()
            seats[event.list].append(event)
        else:
            del seats[event.list][len(seats[event.list]) - event.removed :]
    return seats


def _seat_departure(
    election: Election, outcome: Outcome, claimed: Mapping[int, int], completed: bool
) -> Departure | None:
    """The first seat of the lawful procedure the claim does not give as the law does: of the
    lists holding fewer seats than the law gives them, the seat the law gives first that the
    claim leaves out (a list's seats are its first ones: those taken away are its latest)."""
    lawful = outcome.seats
    if all(claimed[n] == lawful[n] for n in lawful):
        return None
    found = _majority_departure(election, outcome, claimed)
    if found is not None:
        return found
    lists = {lst.number: lst for lst in election.lists}
    position = {id(event): index for index, event in enumerate(outcome.events)}
    in_order = lawful_seats_in_order(election, outcome)
    missing: list[tuple[int, int, Event | None]] = []
    for number, seats in in_order.items():
        if claimed[number] < len(seats):
            first = seats[claimed[number]]
            missing.append((-1 if first is None else position[id(first)], number, first))
    for index, event in enumerate(outcome.events):
        if isinstance(event, Exhaustion) and claimed[event.list] > event.limit:
            missing.append((index, event.list, event))
    if not missing:
        return _more_than_lawful(election, outcome, claimed)
    _, number, first = min(missing, key=lambda item: (item[0], item[1]))
    lst = lists[number]
    if first is None:
        full = full_seat_count(election, lst)
        limit = full if lst.seat_limit is None else min(full, lst.seat_limit)
        if completed and claimed[number] < limit:
            return None  # P6-full-seats says so
        return Departure(
            "P6-full-seats",
            f"list {number} has {lst.votes} votes, {show(lst.votes / quota(election))} times "
            f"the kiesdeler {show(quota(election))}: {full} full seat(s), of which it keeps "
            f"{len(in_order[number])} after P 9 and P 10; the result gives it "
            f"{claimed[number]}",
        )
    if isinstance(first, Exhaustion):
        return Departure(
            "P10-exhaustion",
            f"list {first.list} holds {first.held} seat(s) after P 9 but has only "
            f"{first.limit} living candidate(s): P 10 gives {first.removed} seat(s) to other "
            f"lists; the result leaves it {claimed[first.list]}",
        )
    if isinstance(first, MajoritySeat):
        return Departure(
            "P9-absolute-majority",
            f"list {first.list} has {lst.votes} of {election.total_votes} votes, more than "
            f"half, and holds only {first.held[first.list]} of {election.seats} seats after the "
            f"residual seats: P 9 gives it the seat of list {first.from_list}; the result "
            "does not",
        )
    return _award_departure(election, first, [n for n in lawful if claimed[n] > lawful[n]])


def _award_departure(election: Election, award: SeatAward, extra: list[int]) -> Departure:
    """The residual seat ``award`` is not given to its list; ``extra`` hold more than lawful."""
    lists = {lst.number: lst for lst in election.lists}
    winner = award.list
    if not extra:
        return Departure(
            "P10-no-empty-seat-needlessly",
            f"{_label(award)} belongs to list {winner} ({_word(award.method)} "
            f"{show(award.value)}); the result leaves it to no list",
        )
    eligible = [n for n in extra if n in award.values]
    if not eligible:
        other = extra[0]
        excluded = award.reasons[other]
        return Departure(
            _reason_rule(election, excluded, award.method),
            f"{_label(award)} went to list {other} but belongs to list {winner} "
            f"({_word(award.method)} {show(award.value)}): "
            f"{_reason_text(election, lists[other], excluded)}",
        )
    other = max(eligible, key=lambda n: (award.values[n], -n))
    mine, theirs = award.values[winner], award.values[other]
    if mine == theirs and award.lot:
        return Departure(
            "LOT-drawn",
            f"{_label(award)}: lists {join(award.tied)} tie at {_word(award.method)} "
            f"{show(mine)} for {award.remaining} seat(s); the supplied lot fell on list "
            f"{winner}, the result gives the seat to list {other}",
        )
    relation = ">" if mine > theirs else "="
    figures = f"{_word(award.method)} {show(mine)} {relation} {show(theirs)}"
    boundary = _boundary(election, lists[winner], award)
    if boundary is not None:
        return Departure(
            boundary[0],
            f"{_label(award)} went to list {other} but belongs to list {winner}: "
            f"{boundary[1]}; {figures}",
        )
    return Departure(
        _method_rule(election, award),
        f"{_label(award)} went to list {other} but belongs to list {winner}: {figures}",
    )


def _more_than_lawful(
    election: Election, outcome: Outcome, claimed: Mapping[int, int]
) -> Departure | None:
    """Every seat the law gives is given; the claim gives a list more (a seat the law leaves
    empty)."""
    lawful = outcome.seats
    extra = [n for n in lawful if claimed[n] > lawful[n]]
    if not extra:
        return None
    other = extra[0]
    lst = next(lst for lst in election.lists if lst.number == other)
    empty = election.seats - sum(lawful.values())
    if election.kind == "KNI" and any(isinstance(e, Exhaustion) for e in outcome.events):
        return Departure(
            "Pa25-surplus-stays-empty",
            f"list {other} holds {claimed[other]} seat(s), the law gives it {lawful[other]}: "
            f"under Pa 25 the {empty} seat(s) an exhausted list cannot fill stay empty",
        )
    if lst.votes == 0:
        reason: Reason = "no_votes"
    elif full_quota_rule(election) and not reaches_quota(election, lst):
        reason = "below_quota"
    else:
        reason = "exhausted"
    return Departure(
        _reason_rule(election, reason, ""),
        f"list {other} holds {claimed[other]} seat(s), the law gives it {lawful[other]}: "
        f"{empty} seat(s) stay empty, as no list may take them; "
        f"{_reason_text(election, lst, reason)}",
    )


def _majority_departure(
    election: Election, outcome: Outcome, claimed: Mapping[int, int]
) -> Departure | None:
    """P 9, where the claim differs from the law only in the seat P 9 moves: not moved, or
    taken from another list than the one that received the last residual seat."""
    majority = next((e for e in outcome.events if isinstance(e, MajoritySeat)), None)
    if majority is None:
        return None  # a seat P 9 does not give is judged where the law gives it
    lawful = outcome.seats
    diff = {n: claimed[n] - lawful[n] for n in lawful if claimed[n] != lawful[n]}
    m, f = majority.list, majority.from_list
    votes = next(lst.votes for lst in election.lists if lst.number == m)
    last = (
        f"the last residual seat of another list, on {_word(_method_of(outcome, f))} "
        f"{show(majority.value)}"
    )
    if diff == {m: -1, f: 1}:
        return Departure(
            "P9-absolute-majority",
            f"list {m} has {votes} of {election.total_votes} votes, more than half, and holds "
            f"only {majority.held[m]} of {election.seats} seats after the residual seats: P 9 "
            f"gives it the seat of list {f} ({last}); the result does not",
        )
    others = [n for n in diff if n != f]
    if diff.get(f) != 1 or len(others) != 1 or others[0] == m or diff[others[0]] != -1:
        return None
    g = others[0]
    if majority.lot:
        return Departure(
            "LOT-drawn",
            f"P 9: the supplied lot between lists {join(majority.group)} fell on list {f} to "
            f"give up a seat; the result takes it from list {g}",
        )
    return Departure(
        "P9-absolute-majority",
        f"P 9 takes the seat for list {m} from list {f} ({last}); the result takes it from "
        f"list {g}",
    )


def _method_of(outcome: Outcome, number: int) -> str:
    awards = [e for e in outcome.events if isinstance(e, SeatAward) and e.list == number]
    return awards[-1].method if awards else ""


# --------------------------------------------------------------------------- the judgement


def _no_tie_text(outcome: Outcome, lot: LotClaim) -> str:
    """Why a residual-seat lot the result asks for is not needed: the values at that seat."""
    options = set(lot.options)
    for event in outcome.events:
        if not isinstance(event, SeatAward) or not options <= set(event.values):
            continue
        if lot.seat is not None and event.number != lot.seat:
            continue
        if lot.seat is None and event.list not in options:
            continue
        others = ", ".join(
            f"list {n} {show(event.values[n])}" for n in sorted(options) if n != event.list
        )
        return (
            f"{_label(event)} goes to list {event.list} with {_word(event.method)} "
            f"{show(event.value)}"
            + (f" ({others})" if others else "")
            + f", {event.remaining} seat(s) remaining"
        )
    return "the law decides every tie of this election without a lot"


def _optional(departure: Departure | None) -> Iterator[Departure]:
    if departure is not None:
        yield departure


def departures(election: Election, result: ReadResult) -> tuple[Departure, ...]:
    """Where ``result`` (read from a document without steps) departs from the lawful outcome;
    empty if it does not (or if its seats cannot be read: ``FORMAT-result`` says why)."""
    if result.status not in ("completed", "needs_lot") or result.seats is None:
        return ()
    outcome = lawful_outcome(election)
    return tuple(_departures(election, outcome, result))


def _departures(election: Election, outcome: Outcome, result: ReadResult) -> Iterator[Departure]:
    assert result.seats is not None
    numbers = [lst.number for lst in election.lists]
    claimed: dict[int, int] = {n: result.seats.get(n, 0) for n in numbers}
    completed = result.status == "completed"
    if outcome.mismatch is not None:
        yield Departure("LOT-drawn", outcome.mismatch)
        return
    question = outcome.question
    if sum(claimed.values()) > election.seats or any(
        claimed[lst.number] > lst.seat_limit
        for lst in election.lists
        if lst.seat_limit is not None and result.status == "completed"
    ):
        return  # SEATS-total and P10-exhaustion say so
    if result.status == "completed":
        if question is not None and question.kind != "candidate":
            yield Departure(
                "LOT-decisive",
                f"{_question_text(question)}: the lot must decide, and the input "
                "supplies no lot for it; the result completes without it instead of asking for "
                "it (needs_lot)",
            )
            return
        if question is None and outcome.left_over:
            kinds = {lot.kind for lot in election.lots[outcome.lots_used :]}
            if kinds != {"candidate"}:  # candidate lots left over: spec.rules.candidates
                yield Departure(
                    "LOT-drawn",
                    f"{outcome.left_over} supplied lot(s) answer no decisive tie: the law asks "
                    f"for {outcome.lots_used} lot(s) in this election",
                )
        seat = _seat_departure(election, outcome, claimed, completed)
        if seat is not None:
            yield seat
        lawful_empty = election.seats - sum(outcome.seats.values())
        empty = election.seats - sum(claimed.values())
        if election.kind == "KNI" and question is None and empty > lawful_empty:
            yield Departure(
                "Pa25-surplus-stays-empty",
                f"kiescollege niet-ingezetenen: the result leaves {empty} seat(s) empty; Pa 25 "
                f"leaves empty only the {lawful_empty} seat(s) that exhausted lists cannot fill "
                "or no list may take",
            )
        return
    lot = result.lot
    if lot is None:
        return
    if question is None:
        if lot.kind == "candidate":
            yield from _optional(_seat_departure(election, outcome, claimed, completed))
            return  # whether the candidate lot is needed: spec.rules.lots
        detail = (
            _no_tie_text(outcome, lot)
            if lot.kind == "residual_seat"
            else "no list qualifies for a seat under P 9 with a tie for the last residual seat"
        )
        yield Departure(
            "LOT-decisive",
            f"the result asks for {_claim_text(lot)}, but no decisive tie arises: {detail}",
        )
        return
    same = (
        lot.kind == question.kind
        and tuple(sorted(lot.options)) == tuple(sorted(question.options))
        and lot.list == question.list
    )
    if not same and not (lot.kind == "candidate" and question.kind == "candidate"):
        yield Departure(
            "LOT-decisive",
            f"the first question for the lot is {_question_text(question)}; the "
            f"result asks for {_claim_text(lot)}",
        )
        return
    seat = _seat_departure(election, outcome, claimed, completed)
    if seat is not None:
        yield seat
        return
    if (
        same
        and question.kind == "residual_seat"
        and lot.value is not None
        and lot.value != question.value
    ):
        yield Departure(
            "LOT-decisive",
            f"{_question_text(question)}; the result states the value {show(lot.value)}",
        )
    if result.lots_used is not None and result.lots_used != outcome.lots_used:
        yield Departure(
            "LOT-drawn",
            f"the question comes after {outcome.lots_used} supplied lot(s) are used, the result "
            f"states lots_used {result.lots_used}",
        )
