"""Judging a result that states no steps: where does its claim depart from the lawful outcome?

Kieswet (BWBR0004627), consolidated text of 2026-01-01
(https://wetten.overheid.nl/BWBR0004627/2026-01-01), P 6 – P 10 and the lots of P 7 lid 3,
P 8 lid 4, P 9 lid 2 and P 15 lid 1.

A final result (seats per list, or a ``needs_lot`` question with the seats decided before it) is
lawful only if it is what the law makes of the election (``spec.rules.lawful.lawful_outcome``).
Where it is not, ``departures`` goes through the lawful procedure in order and names the first
point where the claim can no longer be reached, with the figures that decide it: "restzetel 7
ging naar lijst 4 maar komt toe aan lijst 2: overschot 812 > 790". Each departure is reported
under the rule of the article it breaks (``Departure.rule_id``); the candidates (P 15 – P 19a)
are judged by ``spec.rules.candidates`` on the seats the result reports, with or without steps.

Figures shown are those of the lawful procedure at that point: the seats every list holds there
are the lawful ones, since the claim departs there first.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction

from spec.claims import LotClaim, ReadResult
from spec.model import Election, ElectionList
from spec.rules.base import (
    LARGEST_REMAINDER,
    ONE_PER_LIST,
    SMALL_COUNCIL,
    Reason,
    enumeration,
    full_quota_rule,
    full_seat_count,
    lot_kind,
    plural,
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
    """``overschot`` (P 8 lid 1) or ``gemiddelde`` (P 7, P 8 lid 3)."""
    return "overschot" if method == LARGEST_REMAINDER else "gemiddelde"


def _label(award: SeatAward) -> str:
    """``restzetel 3``; a seat passed on under P 10 ``restzetel 7 (P 10)``, as in the trace."""
    return f"restzetel {award.number}" + (" (P 10)" if award.phase == "reassignment" else "")


def _method_rule(election: Election, award: SeatAward) -> str:
    """The rule of the method the law gives ``award`` by: P 7 lid 1 (19 seats or more), P 8
    lid 1 (remainders) or P 8 lid 3 (averages); P 10 continues P 7 or P 8 (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    if election.seats >= SMALL_COUNCIL:
        return "P7.1-greatest-average"
    if award.method == LARGEST_REMAINDER:
        return "P8.1-largest-remainder"
    return "P8.3-greatest-average"


def _order_departure(
    election: Election, outcome: Outcome, order: tuple[int, ...]
) -> Departure | None:
    """``residual_seat_order`` (optional in a result): where stated, the lists that received
    the residual seats in the order the law gives them (P 7, P 8; the seats P 10 passes on
    after them), each seat as it was awarded, before P 9 moves one."""
    awards = [e for e in outcome.events if isinstance(e, SeatAward)]
    lawful = tuple(a.list for a in awards)
    if order == lawful:
        return None
    index = next(
        (i for i, (a, b) in enumerate(zip(order, lawful, strict=False)) if a != b),
        min(len(order), len(lawful)),
    )
    rule = _method_rule(election, awards[index]) if index < len(awards) else "SEATS-total"
    return Departure(
        rule,
        f"de restzetels gaan in deze volgorde naar de lijsten {list(lawful)} (P 7, P 8, "
        f"P 10); residual_seat_order in de uitkomst is {list(order)}",
    )


def _reason_rule(election: Election, reason: Reason, method: str) -> str:
    """The rule that excludes a list for ``reason``: P 7, P 8 (no votes), P 7 lid 2 or bill
    36 641 (below the kiesdeler), P 8 lid 2 (below 75%), P 10 (exhausted), P 8 lid 2-3 (one
    seat per list in a round) (Kieswet, https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
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
        return f"lijst {lst.number} heeft geen stemmen"
    if reason == "below_quota":
        return (
            f"lijst {lst.number} heeft stemcijfer {lst.votes}, lager dan de kiesdeler "
            f"{show(kiesdeler)}"
        )
    if reason == "below_75":
        return (
            f"lijst {lst.number} heeft stemcijfer {lst.votes}, lager dan 75% van de kiesdeler "
            f"{show(kiesdeler)} ({show(kiesdeler * 3 / 4)})"
        )
    if reason == "exhausted":
        limit = lst.seat_limit or 0
        return (
            f"lijst {lst.number} heeft geen levende kandidaat meer: zij heeft al de "
            f"{plural(limit, 'zetel', 'zetels')} die haar kandidaten kunnen vervullen"
        )
    return f"lijst {lst.number} kreeg in deze ronde al een restzetel"


def _boundary(election: Election, lst: ElectionList, award: SeatAward) -> tuple[str, str] | None:
    """A remainder seat for a list exactly at 75% of the kiesdeler: P 8 lid 2 says "at least"
    (Kieswet, https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    kiesdeler = show(quota(election))
    if (
        award.method == LARGEST_REMAINDER
        and lst.votes == Fraction(3, 4) * quota(election)
        and election.law != "bill-36641"
    ):
        return (
            "P8.2-75-percent",
            f"het stemcijfer {lst.votes} van lijst {lst.number} is precies 75% van de "
            f"kiesdeler {kiesdeler}, en dat is genoeg (ten minste 75%)",
        )
    return None


def _question_text(q: Question) -> str:
    if q.kind == "residual_seat":
        return (
            f"restzetel {q.seat}: de lijsten {enumeration(q.options)} hebben een gelijk "
            f"{_word(q.method)} ({show(q.value)}) voor "
            f"{plural(q.remaining, 'resterende zetel', 'resterende zetels')}"
        )
    if q.kind == "absolute_majority":
        return (
            f"P 9: de lijsten {enumeration(q.options)} kregen hun laatste restzetel op "
            f"een gelijk {_word(q.method)} ({show(q.value)}), en een van hen staat een zetel af"
        )
    return (
        f"lijst {q.list}: de kandidaten {enumeration(q.options)} hebben elk "
        f"{show(q.value)} {'voorkeurstem' if q.value == 1 else 'voorkeurstemmen'} voor "
        f"{plural(q.remaining, 'plaats', 'plaatsen')}"
    )


def _claim_text(lot: LotClaim) -> str:
    where = "" if lot.list is None else f" op lijst {lot.list}"
    return f"een {lot_kind(lot.kind)} tussen {enumeration(sorted(lot.options))}{where}"


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
            f"lijst {number} heeft stemcijfer {lst.votes}, "
            f"{show(lst.votes / quota(election))} maal de kiesdeler {show(quota(election))}: "
            f"{plural(full, 'volle zetel', 'volle zetels')}, waarvan zij er na P 9 en P 10 "
            f"{len(in_order[number])} houdt; de uitkomst geeft haar {claimed[number]}",
        )
    if isinstance(first, Exhaustion):
        return Departure(
            "P10-exhaustion",
            f"lijst {first.list} heeft na P 9 {plural(first.held, 'zetel', 'zetels')}, maar "
            f"slechts {plural(first.limit, 'levende kandidaat', 'levende kandidaten')}: P 10 geeft "
            f"{plural(first.removed, 'zetel', 'zetels')} aan andere lijsten; de uitkomst laat "
            f"haar er {claimed[first.list]}",
        )
    if isinstance(first, MajoritySeat):
        return Departure(
            "P9-absolute-majority",
            f"lijst {first.list} heeft {lst.votes} van de "
            f"{plural(election.total_votes, 'stem', 'stemmen')}, meer dan de helft, en na de "
            f"restzetels maar {first.held[first.list]} van de "
            f"{plural(election.seats, 'zetel', 'zetels')}: P 9 geeft haar de zetel van lijst "
            f"{first.from_list}; de uitkomst doet dat niet",
        )
    return _award_departure(election, first, [n for n in lawful if claimed[n] > lawful[n]])


def _award_departure(election: Election, award: SeatAward, extra: list[int]) -> Departure:
    """The residual seat ``award`` is not given to its list; ``extra`` hold more than lawful."""
    lists = {lst.number: lst for lst in election.lists}
    winner = award.list
    if not extra:
        return Departure(
            "P10-no-empty-seat-needlessly",
            f"{_label(award)} komt toe aan lijst {winner} ({_word(award.method)} "
            f"{show(award.value)}); de uitkomst geeft de zetel aan geen enkele lijst",
        )
    eligible = [n for n in extra if n in award.values]
    if not eligible:
        other = extra[0]
        excluded = award.reasons[other]
        return Departure(
            _reason_rule(election, excluded, award.method),
            f"{_label(award)} ging naar lijst {other} maar komt toe aan lijst {winner} "
            f"({_word(award.method)} {show(award.value)}): "
            f"{_reason_text(election, lists[other], excluded)}",
        )
    other = max(eligible, key=lambda n: (award.values[n], -n))
    mine, theirs = award.values[winner], award.values[other]
    if mine == theirs and award.lot:
        return Departure(
            "LOT-drawn",
            f"{_label(award)}: de lijsten {enumeration(award.tied)} hebben een gelijk "
            f"{_word(award.method)} ({show(mine)}) voor "
            f"{plural(award.remaining, 'zetel', 'zetels')}; de gegeven loting viel op lijst "
            f"{winner}, de uitkomst geeft de zetel aan lijst {other}",
        )
    relation = ">" if mine > theirs else "="
    figures = f"{_word(award.method)} {show(mine)} {relation} {show(theirs)}"
    boundary = _boundary(election, lists[winner], award)
    if boundary is not None:
        return Departure(
            boundary[0],
            f"{_label(award)} ging naar lijst {other} maar komt toe aan lijst {winner}: "
            f"{boundary[1]}; {figures}",
        )
    return Departure(
        _method_rule(election, award),
        f"{_label(award)} ging naar lijst {other} maar komt toe aan lijst {winner}: {figures}",
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
            f"lijst {other} heeft {plural(claimed[other], 'zetel', 'zetels')}, de wet geeft "
            f"haar er {lawful[other]}: onder Pa 25 "
            f"{'blijft de zetel' if empty == 1 else f'blijven de {empty} zetels'} die een "
            "uitgeputte lijst niet kan vervullen onvervuld",
        )
    if lst.votes == 0:
        reason: Reason = "no_votes"
    elif full_quota_rule(election) and not reaches_quota(election, lst):
        reason = "below_quota"
    else:
        reason = "exhausted"
    return Departure(
        _reason_rule(election, reason, ""),
        f"lijst {other} heeft {plural(claimed[other], 'zetel', 'zetels')}, de wet geeft haar "
        f"er {lawful[other]}: {plural(empty, 'zetel blijft', 'zetels blijven')} onvervuld, "
        f"want geen lijst mag ze krijgen; {_reason_text(election, lst, reason)}",
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
        f"de laatste restzetel van een andere lijst, op {_word(_method_of(outcome, f))} "
        f"{show(majority.value)}"
    )
    if diff == {m: -1, f: 1}:
        return Departure(
            "P9-absolute-majority",
            f"lijst {m} heeft {votes} van de {plural(election.total_votes, 'stem', 'stemmen')}, "
            f"meer dan de helft, en na de restzetels maar {majority.held[m]} van de "
            f"{plural(election.seats, 'zetel', 'zetels')}: P 9 geeft haar de zetel van lijst "
            f"{f} ({last}); de uitkomst doet dat niet",
        )
    others = [n for n in diff if n != f]
    if diff.get(f) != 1 or len(others) != 1 or others[0] == m or diff[others[0]] != -1:
        return None
    g = others[0]
    if majority.lot:
        return Departure(
            "LOT-drawn",
            f"P 9: de gegeven loting tussen de lijsten {enumeration(majority.group)} wees "
            f"lijst {f} aan om een zetel af te staan; de uitkomst neemt hem van lijst {g}",
        )
    return Departure(
        "P9-absolute-majority",
        f"P 9 neemt de zetel voor lijst {m} van lijst {f} ({last}); de uitkomst neemt hem van "
        f"lijst {g}",
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
            f"lijst {n} {show(event.values[n])}" for n in sorted(options) if n != event.list
        )
        return (
            f"{_label(event)} gaat naar lijst {event.list} met {_word(event.method)} "
            f"{show(event.value)}"
            + (f" ({others})" if others else "")
            + f", {plural(event.remaining, 'resterende zetel', 'resterende zetels')}"
        )
    return "de wet beslist elke gelijke stand van deze verkiezing zonder loting"


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
                f"{_question_text(question)}: het lot moet beslissen, en de invoer geeft "
                "daarvoor geen loting; de uitkomst is voltooid zonder loting in plaats van "
                "erom te vragen (needs_lot)",
            )
            return
        if question is None and outcome.left_over:
            kinds = {lot.kind for lot in election.lots[outcome.lots_used :]}
            if kinds != {"candidate"}:  # candidate lots left over: spec.rules.candidates
                unused = plural(
                    outcome.left_over,
                    "gegeven loting beantwoordt",
                    "gegeven lotingen beantwoorden",
                )
                yield Departure(
                    "LOT-drawn",
                    f"{unused} geen beslissende gelijke stand: de wet vraagt in deze verkiezing om "
                    f"{plural(outcome.lots_used, 'loting', 'lotingen')}",
                )
        seat = _seat_departure(election, outcome, claimed, completed)
        if seat is not None:
            yield seat
        elif question is None and result.residual_seat_order is not None:
            yield from _optional(_order_departure(election, outcome, result.residual_seat_order))
        lawful_empty = election.seats - sum(outcome.seats.values())
        empty = election.seats - sum(claimed.values())
        if election.kind == "KNI" and question is None and empty > lawful_empty:
            yield Departure(
                "Pa25-surplus-stays-empty",
                f"kiescollege niet-ingezetenen: de uitkomst laat "
                f"{plural(empty, 'zetel', 'zetels')} onvervuld; Pa 25 laat alleen de "
                f"{plural(lawful_empty, 'zetel', 'zetels')} onvervuld die uitgeputte lijsten "
                "niet kunnen vervullen of die geen lijst mag krijgen",
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
            else (
                "geen lijst komt in aanmerking voor een zetel onder P 9 met een gelijke stand "
                "voor de laatste restzetel"
            )
        )
        yield Departure(
            "LOT-decisive",
            f"de uitkomst vraagt om {_claim_text(lot)}, maar er ontstaat geen beslissende "
            f"gelijke stand: {detail}",
        )
        return
    same = (
        lot.kind == question.kind
        and tuple(sorted(lot.options)) == tuple(sorted(question.options))
        and lot.list == question.list
    )
    if not same:
        # The lots are drawn in the order the questions arise (P 15 lid 1: per list in list
        # order, within a list from the most votes down), so only the first may be asked:
        # a lot drawn for a later question would be fed back where the first one is due.
        yield Departure(
            "LOT-decisive",
            f"de eerste vraag voor het lot is {_question_text(question)}; de uitkomst vraagt "
            f"om {_claim_text(lot)}",
        )
        if lot.kind != "candidate" or question.kind != "candidate":
            return
        # two candidate questions: the seats and lots_used are judged as well
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
            f"{_question_text(question)}; de uitkomst vermeldt de waarde {show(lot.value)}",
        )
    if result.lots_used is not None and result.lots_used != outcome.lots_used:
        yield Departure(
            "LOT-drawn",
            f"de vraag komt nadat "
            f"{plural(outcome.lots_used, 'gegeven loting is', 'gegeven lotingen zijn')} "
            f"gebruikt, de uitkomst vermeldt lots_used {result.lots_used}",
        )
