"""Negative vectors: wrong answers, each with the rule it must violate (Wycheproof's "invalid").

Every perturbation takes the input of a positive vector and the reference's correct result for
it (a ``kieswet/seat-allocation-result@1`` or ``kieswet/district-allocation-result@1`` document,
``steps`` left out so the answer is judged on its final result), and changes one thing a wrong
implementation could get wrong, for a stated reason. It names the rules the change must break:
``rules`` (all of which a judge must name) or, for a change whose first departure depends on the
election (a seat moved between two lists breaks P 6, P 7, P 8 or P 9, whichever decided that
seat), a ``family`` of rules of which the judge must name at least one; the vector then lists the
ones of the family the judge names. ``conformance.vectors_build`` runs ``spec.check`` (or
``spec.district_check.check_districts``) over every wrong answer and stops the build unless the
judge rejects it with those rules.

The kinds (``KINDS``, with their reasons) are the group names of the vector files.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise
from typing import Any

from interchange.allocation import parse_election
from spec.exact import format_mixed, parse_mixed
from spec.model import Election

SEAT_RULES = frozenset(
    {
        "P5-quota",
        "P6-full-seats",
        "SEATS-total",
        "RESIDUAL-no-votes",
        "P7.1-greatest-average",
        "P7.2-full-quota-threshold",
        "BILL36641-full-quota",
        "P8.1-largest-remainder",
        "P8.2-75-percent",
        "P8.2-one-per-list",
        "P8.3-greatest-average",
        "P8.3-average-one-per-list",
        "TIE-list-order",
        "LOT-decisive",
        "LOT-drawn",
        "P9-absolute-majority",
        "P10-exhaustion",
        "P10-no-empty-seat-needlessly",
    }
)
"""The rules that decide how many seats each list holds (P 5 – P 10 and the lots)."""

LOT_RULES = frozenset({"LOT-decisive", "LOT-drawn"})
"""A decisive tie decided without the lot drawn in public: the question not asked
(``LOT-decisive``) or, for a candidate tie, the order not that of a drawn lot (``LOT-drawn``)."""


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of wrong answer: its group name in the vector file and why it is wrong."""

    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class Wrong:
    """A wrong answer: the kind, what exactly was changed, the result, and the rules."""

    kind: Kind
    change: str
    result: dict[str, Any]
    rules: tuple[str, ...] = ()
    """Every one of these must be named by the judge."""
    family: frozenset[str] = frozenset()
    """At least one of these must be named (when ``rules`` is empty)."""


SEAT_MOVE = Kind(
    "single-seat perturbation",
    "One residual seat moved from a list that lawfully holds it to another list (the residual "
    "seat order changed with it): the seats per list are not the lawful ones, whichever article "
    "decided that seat (P 6 - P 10); in a needs_lot answer (hand-written bases), a full seat "
    "moved in seats_so_far from a list holding no more than its full seats (P 6); in a "
    "council of fewer than 19 seats (hand-written bases), the last residual seat of P 8 lid 3 "
    "given to the runner-up with its steps kept, the step naming the runner-up and its "
    "average.",
)
SILENT_LOT = Kind(
    "silent lot",
    "A decisive tie broken silently: the answer completes where the law asks for a public lot "
    "(P 7 lid 3, P 8 lid 4, P 9 lid 2, P 15 lid 1); the seats are those of one of the lot's "
    "outcomes.",
)
FAKE_LOT = Kind(
    "fake lot",
    "A lot asked where none is due: the last residual seat is put to a lot between its lawful "
    "winner and another list, although nothing ties.",
)
WRONG_LOT_OPTIONS = Kind(
    "wrong lot options",
    "The lot that is due, asked between the wrong options: a list that does not tie is added.",
)
WRONG_RANKING = Kind(
    "wrong ranking",
    "The P 19 ranking for later vacancies with two candidates exchanged (the last two ranked on "
    "a list); seats and elected candidates are right.",
)
WRONG_CANDIDATE = Kind(
    "wrong elected candidate",
    "A list's last candidate elected in list order (P 17) replaced by a candidate ranked after "
    "them who is not elected.",
)
DECEASED_ELECTED = Kind(
    "deceased elected",
    "A deceased candidate elected (P 19a: a deceased candidate is passed over) in place of the "
    "last candidate elected in list order.",
)
P15_IGNORED = Kind(
    "P 15 ignored",
    "A list's seats given in list order (P 17) although a candidate beyond them has more "
    "preference votes than the threshold and must be elected on preference (P 15 lid 1).",
)
WRONG_QUOTA = Kind(
    "wrong quota",
    "The kiesdeler stated one vote too high (P 5: the votes of all lists divided by the seats, "
    "exactly), or a list's full seats stated one too many (P 6: the kiesdeler wholly in its "
    "stemcijfer); the seats are right.",
)
SEAT_TOO_MANY = Kind(
    "one seat too many",
    "A list given one seat more than the lawful answer: the seats add up to more than the "
    "seats to be allocated.",
)
UNKNOWN_CANDIDATE = Kind(
    "unknown candidate elected",
    "A list's last elected candidate replaced by a number that is not a candidate on the list.",
)
P9_MISSING = Kind(
    "P 9 missing",
    "The seat P 9 gives to the list with more than half of the votes but not more than half of "
    "the seats left with the list that held it (P 9 not applied).",
)
P10_IGNORED = Kind(
    "P 10 ignored",
    "A list keeps more seats than it has living candidates; the seats P 10 passes on to other "
    "lists are taken back from them.",
)
GROUP_SEAT_MOVE = Kind(
    "P 12 seat moved within a lijstengroep",
    "The last remainder seat of a lijstengroep's distribution over its lists (P 12 lid 5) "
    "given to another list of the group: the group's seats are right, its lists' are not.",
)
GROUP_SEAT_EMPTY = Kind(
    "group seat left empty",
    "A seat of a list in a lijstengroep left without a candidate although the list has "
    "candidates left (P 17, P 18 lid 2-3: seats go to the not yet elected candidates until all "
    "seats are filled).",
)
REFILL_ELECTED_ELSEWHERE = Kind(
    "refill with a candidate elected elsewhere",
    "A list's open seat filled with a person already elected on another list of the same "
    "lijstengroep (P 18 lid 1-2: such a candidate counts as elected on one list only; the seat "
    "goes to a not yet elected candidate).",
)
EMPTY_SEAT_FILLED = Kind(
    "empty seat filled",
    "A seat the law leaves empty given to a list anyway: no list that may receive it has a "
    "candidate left (P 10; P 7 lid 2 or bill 36 641 bar the others, Pa 25 keeps the surplus "
    "of the kiescollege niet-ingezetenen empty), and the answer gives it to a list with "
    "votes and candidates that the law bars from it; the seats add up to no more than there "
    "are.",
)
SEAT_LEFT_EMPTY = Kind(
    "seat left empty",
    "The last residual seat taken from the list that lawfully received it and left empty: a "
    "list that may take it has a candidate for it (P 6 - P 10; for the kiescollege "
    "niet-ingezetenen Pa 25 leaves empty only the seats of exhausted lists).",
)
WRONG_PLACEMENT = Kind(
    "P 16 placement on the wrong list",
    "A candidate of a lijstengroep elected on preference placed on another list of theirs "
    "than the one with the most votes for them (equal votes: the lowest kieskring), although "
    "that list had a seat for them (P 16 lid 1); the seats per list are kept: the list they "
    "leave takes its next candidate in list order, the list they join gives up its last "
    "candidate elected in list order.",
)
WRONG_LOT_PLACE = Kind(
    "lot place wrong in a distribution",
    "A seat the lot decided in a distribution over the lists of a lijstengroep (P 12 lid 5) or "
    "the members of a lijstencombinatie (old P 11) stated as decided without the lot (its "
    "place left out of the distribution's lot); the seats are right.",
)
WRONG_DOUBLE_ELECTION = Kind(
    "double election kept on the wrong list",
    "A candidate elected in list order by several lists of a lijstengroep counts as elected on "
    "the list with the most votes for them, equal votes the lowest kieskring (P 18 lid 1); the "
    "answer's double_elections states another of those lists as kept. The seats and elected "
    "candidates are right.",
)
WRONG_TRANSFER = Kind(
    "seat passed on to the wrong list",
    "A seat whose list has no candidate left passes on within the lijstengroep by continued "
    "application of P 12 / P 13 (P 13 with P 18 lid 3); the answer's transfers names another "
    "list of the group as receiving it. The seats and elected candidates are right.",
)
WRONG_STEPS = Kind(
    "wrong steps",
    "The seats are right, but the steps (the trace of P 6 - P 10 in the order of P 22-2, "
    "docs/formats.md) are not, or residual_seat_order does not follow them: a residual seat "
    "stated for a list that may not receive it (P 7 lid 2, P 8 lid 2-3, bill 36 641, a list "
    "without votes), a step stating a wrong value or another method than the law's, a "
    "residual seat written twice or left out (in the steps and in residual_seat_order), the "
    "step leaving seats unfilled left out, a supplied lot followed the other way, the residual "
    "seat order against the steps, the P 9 step before the last residual seat. The steps are "
    "part of the answer: a judge replays them and must reject them.",
)
TIE_ORDER = Kind(
    "tie served out of list order",
    "Lists that tie for residual seats enough for all of them are served in ascending list "
    "number (P 7 lid 3, P 8 lid 4: the lot decides only a tie for fewer seats); the answer "
    "gives the first of those seats to a later list (residual seat order and steps alike), as "
    "an implementation that keeps the input's order or sorts ties the other way would. The "
    "seats are right.",
)
MALFORMED = Kind(
    "malformed answer",
    "An answer that is not a well-formed kieswet/seat-allocation-result@1 document "
    "(docs/formats.md): a seatless list left out of seats and full_seats, no elected "
    "candidates although the input has candidates, a step number that is not a whole "
    "number >= 0. Everything else is the lawful answer.",
)
VALID_REJECTED = Kind(
    "valid election rejected",
    "A valid election answered with status rejected (P 5 - P 19a: a valid election is "
    "allocated, or waits for a lot drawn in public); as an implementation would that refuses "
    "a list without votes, a list with fewer candidates than seats, or a tie it cannot break.",
)
WRONG_THRESHOLD = Kind(
    "wrong voorkeurdrempel",
    "The stated preference_threshold is not that of P 15 lid 1-2 (a quarter of the kiesdeler; "
    "half of it for a gemeenteraad or eilandsraad of fewer than 19 seats; a tenth for the "
    "European Parliament, Y 23a): the other share taken, or the threshold rounded to a whole "
    "number. The seats and elected candidates are right.",
)
THRESHOLD_NOT_EXCEEDED = Kind(
    "elected on preference without exceeding the voorkeurdrempel",
    "A candidate stated elected on preference with a number of votes not greater than the "
    "voorkeurdrempel (P 15 lid 1: \"een aantal stemmen ... groter dan\" the threshold; "
    "exactly the threshold is not enough), as an implementation comparing with >=, or with the "
    "threshold rounded down, would.",
)
BILL_IGNORED = Kind(
    "bill 36 641 not applied",
    "Under bill 36 641 (law version bill-36641) a list whose stemcijfer is lower than the "
    "kiesdeler receives no residual seat, in every election but the Eerste Kamer (P 7, P 8 as "
    "amended); the answer is that of the law in force (P 8 lid 2: 75% of the kiesdeler), as an "
    "implementation that ignores the law version would give.",
)
SEATS_SO_FAR_ABOVE = Kind(
    "seats so far above the lawful",
    "A needs_lot answer asking the lawful question, but whose seats_so_far give every list one "
    "seat more than the law has given it when the lot is asked: the seats the law leaves "
    "empty (P 10; Pa 25 for the kiescollege niet-ingezetenen) given out, one to each list, "
    "a list kept above its living candidates among them (P 10, P 19a); the seats add up to no "
    "more than there are.",
)
MISFIT_LOT_IGNORED = Kind(
    "misfit lot ignored",
    "The input supplies a lot that does not answer the question the law asks at that point, "
    "or one that answers no decisive tie: the lot is drawn in public for a stated question "
    "(P 7 lid 3, P 8 lid 4, P 9 lid 2, P 15 lid 1), so the input is at fault and the right "
    "answer rejects it (lot_mismatch). The answer instead goes on as if that lot were not "
    "given: it completes (also with its steps, which use no such lot), or asks for the lot "
    "that is due.",
)
MISFIT_LOT_FOLLOWED = Kind(
    "misfit lot followed",
    "The input supplies a lot that does not answer the question the law asks (other options "
    "or another kind), whose drawn list is one of the lists that tie: the right answer "
    "rejects the input (lot_mismatch); the answer instead takes the lot as if it answered "
    "the question asked and completes with its drawn list.",
)
LOTS_USED_ABOVE = Kind(
    "lots used above the lawful",
    "A needs_lot answer asking the lawful question with the lawful seats so far, but stating "
    "one supplied lot more used (lots_used) than the law has used when the question arises "
    "(P 7 lid 3, P 8 lid 4, P 9 lid 2, P 15 lid 1: each supplied lot answers one decisive tie, "
    "in order).",
)
LOTS_IGNORED = Kind(
    "supplied lots ignored",
    "The input supplies lots drawn in public, to be consumed in order (P 7 lid 3, P 8 lid 4, "
    "P 9 lid 2, P 15 lid 1: each answers one decisive tie); the answer is the one to the same "
    "input without them, as an implementation that does not read lots would give: it asks "
    "again for the first lot the input already answers (lots_used 0), or completes otherwise.",
)
KINDS = (
    SEAT_MOVE,
    SILENT_LOT,
    FAKE_LOT,
    WRONG_LOT_OPTIONS,
    WRONG_RANKING,
    WRONG_CANDIDATE,
    DECEASED_ELECTED,
    P15_IGNORED,
    WRONG_QUOTA,
    SEAT_TOO_MANY,
    UNKNOWN_CANDIDATE,
    P9_MISSING,
    P10_IGNORED,
    GROUP_SEAT_MOVE,
    GROUP_SEAT_EMPTY,
    REFILL_ELECTED_ELSEWHERE,
    EMPTY_SEAT_FILLED,
    SEAT_LEFT_EMPTY,
    WRONG_PLACEMENT,
    WRONG_LOT_PLACE,
    WRONG_DOUBLE_ELECTION,
    WRONG_TRANSFER,
    WRONG_STEPS,
    TIE_ORDER,
    MALFORMED,
    VALID_REJECTED,
    WRONG_THRESHOLD,
    THRESHOLD_NOT_EXCEEDED,
    BILL_IGNORED,
    SEATS_SO_FAR_ABOVE,
    MISFIT_LOT_IGNORED,
    MISFIT_LOT_FOLLOWED,
    LOTS_USED_ABOVE,
    LOTS_IGNORED,
)

Allocator = Callable[[Mapping[str, Any]], dict[str, Any]]
"""The reference's result document for an input (used to find the outcome of a silent lot)."""


def final(result: Mapping[str, Any]) -> dict[str, Any]:
    """``result`` as a final answer: without ``steps``, so it is judged on its claim."""
    return {k: copy.deepcopy(v) for k, v in result.items() if k != "steps"}


def _lists_by_number(document: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {str(lst["number"]): lst for lst in document.get("lists", [])}


def _seat_move(result: Mapping[str, Any]) -> Iterator[Wrong]:
    order = result.get("residual_seat_order") or []
    if not order or result.get("elected"):
        return
    loser = str(order[-1])
    lists = sorted(result["seats"], key=int)
    gainer = next((k for k in lists if k != loser), None)
    if gainer is None:
        return
    wrong = final(result)
    wrong["seats"][loser] -= 1
    wrong["seats"][gainer] += 1
    wrong["residual_seat_order"] = [*order[:-1], int(gainer)]
    yield Wrong(
        SEAT_MOVE,
        f"the last residual seat moved from list {loser} to list {gainer}",
        wrong,
        family=SEAT_RULES,
    )


def _average_seat_to_runner_up(
    document: Mapping[str, Any], result: Mapping[str, Any]
) -> Iterator[Wrong]:
    """``SEAT_MOVE`` with the steps kept, in a council of fewer than 19 seats: the last
    residual seat, where the greatest averages of P 8 lid 3 gave it (the last step of the
    answer), given to the contender with the next greatest average instead; the step names
    that list and its average, the seats and ``residual_seat_order`` follow. The judge replays
    the steps and names the rule of the average passed over (``P8.3-greatest-average``)."""
    steps = list(result.get("steps") or [])
    if document["election"]["seats"] >= 19 or not steps or result.get("elected"):
        return
    step = steps[-1]
    if step.get("step") != "residual_seat" or step.get("method") == "largest_remainder":
        return
    barred = {e["list"] for e in step.get("excluded") or []}
    values = {c["list"]: parse_mixed(c["value"]) for c in step.get("contenders") or []}
    winner = step["list"]
    below = [
        (v, n) for n, v in values.items() if n != winner and n not in barred and v < values[winner]
    ]
    order = list(result.get("residual_seat_order") or [])
    if not below or not order or order[-1] != winner:
        return
    value, runner_up = max(below, key=lambda item: (item[0], -item[1]))
    wrong = copy.deepcopy(dict(result))
    wrong["steps"][-1]["list"] = runner_up
    wrong["steps"][-1]["value"] = format_mixed(value)
    wrong["seats"][str(winner)] -= 1
    wrong["seats"][str(runner_up)] += 1
    wrong["residual_seat_order"] = [*order[:-1], runner_up]
    yield Wrong(
        SEAT_MOVE,
        f"residual seat {step['seat']} ({step['method']}, average {step['value']}) given to "
        f"list {runner_up} (average {format_mixed(value)}), not list {winner}, steps kept",
        wrong,
        family=SEAT_RULES,
    )


def _silent_lot(
    document: Mapping[str, Any], result: Mapping[str, Any], allocator: Allocator
) -> Iterator[Wrong]:
    lot = result["lot"]
    if lot["kind"] not in ("residual_seat", "absolute_majority", "candidate"):
        return
    drawn = lot["options"][0]
    question = {k: lot[k] for k in ("kind", "options", "list") if k in lot}
    fed = dict(document)
    fed["lots"] = [*document.get("lots", []), {**question, "drawn": drawn}]
    outcome = allocator(fed)
    if outcome.get("status") != "completed":
        return  # a further lot follows: the silent answer would need two
    wrong = final(outcome)
    wrong.pop("lots_used", None)
    yield Wrong(
        SILENT_LOT,
        f"the {lot['kind']} lot between {lot['options']} decided for {drawn} without asking",
        wrong,
        family=LOT_RULES,
    )


def _fake_lot(result: Mapping[str, Any]) -> Iterator[Wrong]:
    order = result.get("residual_seat_order") or []
    if not order:
        return
    winner = order[-1]
    other = next((int(k) for k in sorted(result["seats"], key=int) if int(k) != winner), None)
    if other is None:
        return
    so_far = dict(result["seats"])
    so_far[str(winner)] -= 1
    options = sorted((winner, other))
    wrong = {
        "format": result["format"],
        "status": "needs_lot",
        "lot": {
            "kind": "residual_seat",
            "options": options,
            "article": "P 8 lid 4",
            "description": f"residual seat {len(order)}: lists {options[0]}, {options[1]} tie",
        },
        "lots_used": 0,
        "quota": result["quota"],
        "seats_so_far": so_far,
    }
    yield Wrong(
        FAKE_LOT,
        f"a lot asked between lists {options} for residual seat {len(order)}, which list "
        f"{winner} wins outright",
        wrong,
        rules=("LOT-decisive",),
    )


def _wrong_lot_options(document: Mapping[str, Any], result: Mapping[str, Any]) -> Iterator[Wrong]:
    """The lot's options with one more: a list that does not tie (a residual-seat or P 9
    lot), or a living candidate of the same list with other votes (a candidate lot, P 15
    lid 1: the lot is between candidates with equal votes)."""
    lot = result["lot"]
    if lot["kind"] == "candidate":
        candidates = _lists_by_number(document).get(str(lot.get("list")), {}).get("candidates")
        by_number = {c["number"]: c for c in candidates or []}
        tied = {by_number[n]["votes"] for n in lot["options"] if n in by_number}
        extra = next(
            (
                c["number"]
                for c in candidates or []
                if c["number"] not in lot["options"]
                and not c.get("deceased")
                and c["votes"] not in tied
            ),
            None,
        )
        if extra is None or len(tied) != 1:
            return
        wrong = final(result)
        wrong["lot"]["options"] = sorted([*lot["options"], extra])
        yield Wrong(
            WRONG_LOT_OPTIONS,
            f"candidate {extra} of list {lot['list']} ({by_number[extra]['votes']} votes) added "
            f"to the candidate lot between {lot['options']} ({tied.pop()} votes each)",
            wrong,
            rules=("LOT-decisive",),
        )
        return
    if lot["kind"] not in ("residual_seat", "absolute_majority"):
        return
    seats = result.get("seats_so_far") or {}
    extra = next((int(k) for k in sorted(seats, key=int) if int(k) not in lot["options"]), None)
    if extra is None:
        return
    wrong = final(result)
    wrong["lot"]["options"] = sorted([*lot["options"], extra])
    yield Wrong(
        WRONG_LOT_OPTIONS,
        f"list {extra} added to the lot between {lot['options']}",
        wrong,
        rules=("LOT-decisive",),
    )


def _seats_so_far_above(document: Mapping[str, Any], result: Mapping[str, Any]) -> Iterator[Wrong]:
    """``SEATS_SO_FAR_ABOVE``: every list one seat more in ``seats_so_far``, where the seats
    the law leaves empty (or has not given yet) leave room for that."""
    seats = result.get("seats_so_far") or {}
    if not seats or sum(seats.values()) + len(seats) > document["election"]["seats"]:
        return
    wrong = final(result)
    wrong["seats_so_far"] = {k: v + 1 for k, v in seats.items()}
    yield Wrong(
        SEATS_SO_FAR_ABOVE,
        "every list given one seat more in seats_so_far ("
        + ", ".join(f"list {k} {seats[k] + 1}" for k in sorted(seats, key=int))
        + ")",
        wrong,
        family=SEAT_RULES | {"Pa25-surplus-stays-empty"},
    )


def _seat_so_far_moved(document: Mapping[str, Any], result: Mapping[str, Any]) -> Iterator[Wrong]:
    """``SEAT_MOVE`` for a ``needs_lot`` answer: one seat of ``seats_so_far`` moved from the
    first list that holds no more than its full seats (P 6: the kiesdeler wholly in its
    stemcijfer) to the next list; the lot asked is the lawful one."""
    seats = result.get("seats_so_far") or {}
    election = parse_election(document)
    if not seats or not isinstance(election, Election) or election.total_votes == 0:
        return
    votes = {str(lst.number): lst.votes for lst in election.lists}
    lists = sorted(seats, key=int)
    for loser in lists:
        full = votes[loser] * election.seats // election.total_votes
        if 0 < seats[loser] <= full:
            gainer = next(k for k in lists if k != loser)
            wrong = final(result)
            wrong["seats_so_far"][loser] -= 1
            wrong["seats_so_far"][gainer] += 1
            yield Wrong(
                SEAT_MOVE,
                f"a full seat of list {loser} moved to list {gainer} in seats_so_far",
                wrong,
                rules=("P6-full-seats",),
            )
            return


def _lots_used_above(result: Mapping[str, Any]) -> Iterator[Wrong]:
    """``LOTS_USED_ABOVE``: the lawful question asked, but stating one supplied lot more used
    (lots_used) than the law used before it."""
    used = result.get("lots_used")
    if not isinstance(used, int):
        return
    wrong = final(result)
    wrong["lots_used"] = used + 1
    yield Wrong(
        LOTS_USED_ABOVE,
        f"the lawful lot asked, with lots_used {used + 1}, not {used}",
        wrong,
        rules=("LOT-drawn",),
    )


def _lots_ignored(
    document: Mapping[str, Any], result: Mapping[str, Any], allocator: Allocator
) -> Iterator[Wrong]:
    """``LOTS_IGNORED``: the reference's answer to ``document`` without its supplied lots,
    where that differs from the right answer (a needs_lot answer asking a lot the input
    answers, with lots_used 0). The judge names a lot rule: the lot asked is not the question
    the law asks after the supplied lots, or lots_used is not the number they answer."""
    lots = list(document.get("lots") or [])
    if not lots:
        return
    ignored = allocator({**document, "lots": []})
    if ignored.get("status") not in ("completed", "needs_lot"):
        return
    wrong = final(ignored)
    if wrong == final(result):
        return
    asked = (
        f"asks for the {ignored['lot']['kind']} lot between {ignored['lot']['options']}"
        if ignored["status"] == "needs_lot"
        else "completes"
    )
    yield Wrong(
        LOTS_IGNORED,
        f"the {_plural_lots(len(lots))} of the input ignored: the answer {asked} with lots_used "
        f"{ignored.get('lots_used', 0)}",
        wrong,
        family=LOT_RULES,
    )


def _plural_lots(count: int) -> str:
    return "supplied lot" if count == 1 else f"{count} supplied lots"


def _wrong_ranking(result: Mapping[str, Any], rule: str) -> Iterator[Wrong]:
    ranking = result.get("ranking") or {}
    number = next((k for k in sorted(ranking, key=int) if len(ranking[k]) >= 2), None)
    if number is None:
        return
    wrong = final(result)
    ranked = wrong["ranking"][number]
    ranked[-2], ranked[-1] = ranked[-1], ranked[-2]
    yield Wrong(
        WRONG_RANKING,
        f"list {number}: candidates {ranked[-1]} and {ranked[-2]} exchanged at the end of the "
        "ranking",
        wrong,
        rules=(rule,),
    )


def _list_order_elected(result: Mapping[str, Any]) -> Iterator[tuple[str, int]]:
    """(list, candidate) for each list's last candidate elected in list order."""
    on_preference = result.get("elected_on_preference") or {}
    for number in sorted(result.get("elected") or {}, key=int):
        in_order = [n for n in result["elected"][number] if n not in on_preference.get(number, [])]
        if in_order:
            yield number, in_order[-1]


def _wrong_candidate(document: Mapping[str, Any], result: Mapping[str, Any]) -> Iterator[Wrong]:
    lists = _lists_by_number(document)
    for number, last in _list_order_elected(result):
        elected = result["elected"][number]
        candidates = lists.get(number, {}).get("candidates") or []
        later = [
            c["number"]
            for c in candidates
            if c["number"] > last and c["number"] not in elected and not c.get("deceased")
        ]
        if not later:
            continue
        wrong = final(result)
        wrong["elected"][number] = [later[0] if n == last else n for n in elected]
        yield Wrong(
            WRONG_CANDIDATE,
            f"list {number}: candidate {later[0]} elected instead of {last}",
            wrong,
            rules=("P17-list-order",),
        )
        return


def _deceased_elected(document: Mapping[str, Any], result: Mapping[str, Any]) -> Iterator[Wrong]:
    lists = _lists_by_number(document)
    for number, last in _list_order_elected(result):
        candidates = lists.get(number, {}).get("candidates") or []
        dead = [c["number"] for c in candidates if c.get("deceased")]
        if not dead:
            continue
        elected = result["elected"][number]
        wrong = final(result)
        wrong["elected"][number] = [dead[0] if n == last else n for n in elected]
        yield Wrong(
            DECEASED_ELECTED,
            f"list {number}: deceased candidate {dead[0]} elected instead of {last}",
            wrong,
            rules=("P19a-deceased",),
        )
        return


def _p15_ignored(document: Mapping[str, Any], result: Mapping[str, Any]) -> Iterator[Wrong]:
    lists = _lists_by_number(document)
    on_preference = result.get("elected_on_preference") or {}
    for number in sorted(result.get("elected") or {}, key=int):
        elected = result["elected"][number]
        living = [
            c["number"]
            for c in lists.get(number, {}).get("candidates") or []
            if not c.get("deceased")
        ]
        in_order = living[: len(elected)]
        if not on_preference.get(number) or sorted(in_order) == sorted(elected):
            continue
        wrong = final(result)
        wrong["elected"][number] = in_order
        wrong["elected_on_preference"][number] = []
        yield Wrong(
            P15_IGNORED,
            f"list {number}: candidates {in_order} elected in list order, not {elected}",
            wrong,
            rules=("P15-preference-order",),
        )
        return


def _p9_missing(result: Mapping[str, Any], steps: list[Mapping[str, Any]]) -> Iterator[Wrong]:
    moves = [s for s in steps if s.get("step") == "absolute_majority"]
    if len(moves) != 1 or result.get("elected"):
        return
    if any(s.get("step") == "list_exhaustion" for s in steps):
        return  # the seat given back could break P 10 first: not a pure P 9 case
    move = moves[0]
    wrong = final(result)
    wrong["seats"][str(move["list"])] -= 1
    wrong["seats"][str(move["from_list"])] += 1
    yield Wrong(
        P9_MISSING,
        f"the P 9 seat left with list {move['from_list']} instead of going to list {move['list']}",
        wrong,
        rules=("P9-absolute-majority",),
    )


def _p10_ignored(result: Mapping[str, Any], steps: list[Mapping[str, Any]]) -> Iterator[Wrong]:
    cut = [s for s in steps if s.get("step") == "list_exhaustion"]
    passed = [s for s in steps if s.get("step") == "residual_seat" and s.get("reassignment")]
    if len(cut) != 1 or result.get("elected"):
        return
    limit = cut[0]
    removed = limit["removed_residual"] + limit["removed_full"]
    if removed != len(passed) or not passed:
        return
    wrong = final(result)
    wrong["seats"][str(limit["list"])] += removed
    for step in passed:
        wrong["seats"][str(step["list"])] -= 1
    order = list(wrong["residual_seat_order"])
    wrong["residual_seat_order"] = order[: len(order) - len(passed)]
    yield Wrong(
        P10_IGNORED,
        f"list {limit['list']} keeps {removed} seat(s) beyond its {limit['seat_limit']} candidates",
        wrong,
        rules=("P10-exhaustion",),
    )


def _empty_seat_filled(document: Mapping[str, Any], result: Mapping[str, Any]) -> Iterator[Wrong]:
    """An empty seat (fewer seats held than the election has) given to the first list that has
    votes and a candidate left for it, and to the first list without votes that has a
    candidate (no list without votes may receive a residual seat, P 7 / P 8); only for
    list-level results, so that no candidate need be named."""
    if result.get("elected") or sum(result["seats"].values()) >= document["election"]["seats"]:
        return
    lists = _lists_by_number(document)

    def first(with_votes: bool) -> str | None:
        return next(
            (
                number
                for number in sorted(result["seats"], key=int)
                if (lists[number].get("votes", 0) > 0) == with_votes
                and result["seats"][number] < lists[number].get("candidate_count", 10**9)
            ),
            None,
        )

    for taker, how in ((first(True), ""), (first(False), ", which has no votes")):
        if taker is None:
            continue
        wrong = final(result)
        wrong["seats"][taker] += 1
        wrong["residual_seat_order"] = [*result["residual_seat_order"], int(taker)]
        yield Wrong(
            EMPTY_SEAT_FILLED,
            f"an empty seat given to list {taker}{how}",
            wrong,
            family=SEAT_RULES | {"Pa25-surplus-stays-empty"},
        )


def _seat_left_empty(result: Mapping[str, Any]) -> Iterator[Wrong]:
    """The last residual seat taken away and left empty (list-level results)."""
    order = result.get("residual_seat_order") or []
    if not order or result.get("elected"):
        return
    loser = str(order[-1])
    wrong = final(result)
    wrong["seats"][loser] -= 1
    wrong["residual_seat_order"] = order[:-1]
    yield Wrong(
        SEAT_LEFT_EMPTY,
        f"the last residual seat taken from list {loser} and left empty",
        wrong,
        family=SEAT_RULES | {"Pa25-surplus-stays-empty"},
    )


def _plain_mistakes(document: Mapping[str, Any], result: Mapping[str, Any]) -> Iterator[Wrong]:
    """A wrong quota, a seat too many, an unknown candidate elected."""
    wrong = final(result)
    wrong["quota"] = format_mixed(parse_mixed(result["quota"]) + 1)
    yield Wrong(WRONG_QUOTA, f"the quota {wrong['quota']}, not {result['quota']}", wrong,
                rules=("P5-quota",))  # fmt: skip
    full_seats = result.get("full_seats") or {}
    if full_seats:
        first = min(full_seats, key=int)
        wrong = final(result)
        wrong["full_seats"][first] += 1
        yield Wrong(
            WRONG_QUOTA,
            f"list {first}'s full seats stated as {wrong['full_seats'][first]}, not "
            f"{full_seats[first]}; the seats are right",
            wrong,
            rules=("P6-full-seats",),
        )
    if not result.get("elected"):
        if sum(result["seats"].values()) < document["election"]["seats"]:
            return  # seats stay empty (P 10): one more is no excess
        wrong = final(result)
        first = min(wrong["seats"], key=int)
        wrong["seats"][first] += 1
        yield Wrong(SEAT_TOO_MANY, f"list {first} given {wrong['seats'][first]} seats", wrong,
                    rules=("SEATS-total",))  # fmt: skip
        return
    lists = _lists_by_number(document)
    number = next(k for k in sorted(result["elected"], key=int) if result["elected"][k])
    stranger = 1 + max(c["number"] for c in lists[number]["candidates"])
    wrong = final(result)
    last = wrong["elected"][number][-1]
    wrong["elected"][number][-1] = stranger
    yield Wrong(
        UNKNOWN_CANDIDATE,
        f"list {number}: candidate {stranger} (the list has {stranger - 1}) elected instead "
        f"of {last}",
        wrong,
        rules=("CANDIDATES-known",),
    )


# --------------------------------------------------------------------------- allocate: the
# answer's steps, its form, its status and its voorkeurdrempel (issue 16, suite power)

_RESIDUAL_PREFERENCE = (
    "P8.3-average-one-per-list",
    "P8.2-one-per-list",
    "P8.2-75-percent",
    "P7.2-full-quota-threshold",
    "BILL36641-full-quota",
    "RESIDUAL-no-votes",
)
"""The order in which ``_excluded_winner`` picks the rule a wrong residual step breaks (the
rarest first, so that each of these rules gets vectors)."""


def _exclusion_rule(
    election: Mapping[str, Any], votes: int, quota: Fraction, method: str, reason: str
) -> str | None:
    """The rule broken by giving a residual seat, under ``method``, to a list the trace
    excludes for ``reason`` (its stemcijfer ``votes``): P 7 / P 8 and bill 36 641 in the order
    the spec tests them (no votes; below the kiesdeler where it must be reached; below 75% of it
    in the remainder round; a seat already won in this round)."""
    kind, law = election["kind"], election.get("law", "current")
    if reason == "no_votes" and votes == 0:
        return "RESIDUAL-no-votes"
    if reason == "below_threshold":
        full_quota = kind in ("TK", "EP") or (law == "bill-36641" and kind != "EK")
        if full_quota and votes < quota:
            return "P7.2-full-quota-threshold" if kind in ("TK", "EP") else "BILL36641-full-quota"
        if method == "largest_remainder" and votes < Fraction(3, 4) * quota:
            return "P8.2-75-percent"
    if reason == "already_won_this_round":
        return {
            "largest_remainder": "P8.2-one-per-list",
            "greatest_average_one_per_list": "P8.3-average-one-per-list",
        }.get(method)
    return None


def _residual_steps(result: Mapping[str, Any]) -> list[tuple[int, Mapping[str, Any]]]:
    return [
        (i, s) for i, s in enumerate(result.get("steps") or []) if s.get("step") == "residual_seat"
    ]


def _stemcijfers(result: Mapping[str, Any]) -> dict[int, int]:
    """Each list's stemcijfer, as the answer's P 6 step states it."""
    return {
        row["list"]: row["votes"]
        for step in result.get("steps") or []
        if step.get("step") == "full_seats"
        for row in step["lists"]
    }


def _excluded_winner(document: Mapping[str, Any], result: Mapping[str, Any]) -> Iterator[Wrong]:
    """A residual step naming a list its own ``excluded`` says may not receive the seat (the
    seats left right): the rule that list's exclusion stands for, and STEPS-consistent (the
    steps no longer lead to the seats)."""
    stemcijfers = _stemcijfers(result)
    quota = parse_mixed(result["quota"])
    found: dict[str, tuple[int, Mapping[str, Any], int, str]] = {}
    for index, step in _residual_steps(result):
        for excluded in step.get("excluded") or []:
            number = excluded["list"]
            votes = stemcijfers.get(number, 0)
            rule = _exclusion_rule(
                document["election"], votes, quota, step["method"], excluded["reason"]
            )
            if rule is not None and rule not in found:
                found[rule] = (index, step, number, excluded["reason"])
    rule = next((r for r in _RESIDUAL_PREFERENCE if r in found), None)
    if rule is None:
        return
    index, step, number, reason = found[rule]
    wrong = copy.deepcopy(dict(result))
    wrong["steps"][index]["list"] = number
    yield Wrong(
        WRONG_STEPS,
        f"residual seat {step['seat']} ({step['method']}) stated as given to list {number}, "
        f"which it excludes ({reason}), not to list {step['list']}; the seats are right",
        wrong,
        rules=(rule, "STEPS-consistent"),
    )


def _wrong_step_value(result: Mapping[str, Any]) -> Iterator[Wrong]:
    """A residual step's value computed wrong: an average as the stemcijfer over the seats held
    (not held plus one, P 7 lid 1 / P 8 lid 3: too high), or a remainder with the kiesdeler
    rounded up to whole votes (P 8 lid 1: the exact kiesdeler; too low)."""
    quota = parse_mixed(result["quota"])
    for index, step in _residual_steps(result):
        value = parse_mixed(step["value"])
        votes = _stemcijfers(result).get(step["list"])
        if votes is None or value == 0:
            continue
        if step["method"] == "largest_remainder":
            if quota.denominator == 1:
                continue
            full = (votes - value) / quota
            wrong_value = votes - full * -(-quota.numerator // quota.denominator)
            how = "the kiesdeler rounded up"
        else:
            held = Fraction(votes) / value - 1
            if held < 1:
                continue
            wrong_value = Fraction(votes) / held
            how = f"the stemcijfer over {held} seats, not {held + 1}"
        if wrong_value == value:
            continue
        wrong = copy.deepcopy(dict(result))
        wrong["steps"][index]["value"] = format_mixed(wrong_value)
        yield Wrong(
            WRONG_STEPS,
            f"residual seat {step['seat']}: list {step['list']}'s value stated as "
            f"{format_mixed(wrong_value)} ({how}), not {step['value']}",
            wrong,
            rules=("STEPS-consistent",),
        )
        return


_OTHER_METHOD = {
    "largest_remainder": "greatest_average",
    "greatest_average": "largest_remainder",
    "greatest_average_one_per_list": "greatest_average",
}


def _wrong_step_method(result: Mapping[str, Any]) -> Iterator[Wrong]:
    """The first residual step stating another method than the one the law prescribes at that
    point (P 7 lid 1 greatest averages from 19 seats, P 8 lid 1 largest remainders below;
    the seat, its list and its value right): the rule of the lawful method."""
    for index, step in _residual_steps(result):
        method = step.get("method")
        if method not in _OTHER_METHOD:
            continue
        rule = {
            "largest_remainder": "P8.1-largest-remainder",
            "greatest_average": "P7.1-greatest-average",
            "greatest_average_one_per_list": "P8.3-average-one-per-list",
        }[method]
        wrong = copy.deepcopy(dict(result))
        wrong["steps"][index]["method"] = _OTHER_METHOD[method]
        yield Wrong(
            WRONG_STEPS,
            f"residual seat {step['seat']} (list {step['list']}) stated as given by "
            f"{_OTHER_METHOD[method]}, not {method}; seat, list and value right",
            wrong,
            rules=(rule,),
        )
        return


def _step_twice_or_missing(
    document: Mapping[str, Any], result: Mapping[str, Any]
) -> Iterator[Wrong]:
    """The last residual step of the first phase written twice (one residual seat more than
    P 6 leaves: SEATS-total, and the steps give a list one seat more than it holds); the last
    residual step left out; a seat-leaving step (unfilled_seats) left out (the seats held and
    left empty no longer make up the body: SEATS-total; for the kiescollege niet-ingezetenen
    the surplus of an exhausted list no longer stays empty: Pa 25)."""
    steps = list(result.get("steps") or [])
    kinds = {s.get("step") for s in steps}
    first = [(i, s) for i, s in _residual_steps(result) if not s.get("reassignment")]
    residual = _residual_steps(result)
    order = list(result.get("residual_seat_order") or [])
    aligned = len(order) == len(residual)  # the order follows the steps one to one
    if aligned and first and "list_exhaustion" not in kinds and "unfilled_seats" not in kinds:
        index, step = first[-1]
        wrong = copy.deepcopy(dict(result))
        wrong["steps"].insert(index + 1, copy.deepcopy(step))
        wrong["residual_seat_order"].insert(len(first), step["list"])
        yield Wrong(
            WRONG_STEPS,
            f"the step of residual seat {step['seat']} (list {step['list']}) written twice, "
            "in the steps and in residual_seat_order; the seats are right",
            wrong,
            rules=("SEATS-total", "STEPS-consistent"),
        )
    if aligned and residual:
        index, step = residual[-1]
        lotted = bool(step.get("lot")) and any(
            lot.get("kind") == "residual_seat" for lot in document.get("lots") or []
        )
        wrong = copy.deepcopy(dict(result))
        del wrong["steps"][index]
        wrong["residual_seat_order"].pop()
        yield Wrong(
            WRONG_STEPS,
            f"the step of residual seat {step['seat']} (list {step['list']}"
            + (", decided by the supplied lot" if lotted else "")
            + ") left out, in the steps and in residual_seat_order; the seats are right",
            wrong,
            rules=("STEPS-consistent", *(("LOT-drawn",) if lotted else ())),
        )
    if aligned and len(order) >= 2 and order[-1] != order[-2]:
        wrong = copy.deepcopy(dict(result))
        wrong["residual_seat_order"][-2:] = [order[-1], order[-2]]
        yield Wrong(
            WRONG_STEPS,
            f"residual_seat_order ends {order[-1]}, {order[-2]}, not in the order of the "
            f"answer's own steps ({order[-2]}, {order[-1]}); steps and seats right",
            wrong,
            rules=("STEPS-consistent",),
        )
    for index, step in enumerate(steps):
        if step.get("step") == "unfilled_seats":
            wrong = copy.deepcopy(dict(result))
            del wrong["steps"][index]
            kni = document["election"]["kind"] == "KNI"
            yield Wrong(
                WRONG_STEPS,
                f"the step leaving {step['seats']} seat(s) unfilled left out",
                wrong,
                rules=("SEATS-total", *(("Pa25-surplus-stays-empty",) if kni else ())),
            )
            return


def _pending_step_left_out(
    document: Mapping[str, Any], result: Mapping[str, Any]
) -> Iterator[Wrong]:
    """For an answer that waits for a candidate lot (P 15 lid 1) after the residual seats, or
    for a later residual-seat lot: the residual step a supplied lot decided left out of its
    steps (the seats so far right). The steps then lead to other seats (STEPS-consistent) and
    leave the supplied lot unused (LOT-drawn: every supplied lot answers one decisive tie)."""
    asked = (result.get("lot") or {}).get("kind")
    if asked not in ("candidate", "residual_seat"):
        return
    if not any(lot.get("kind") == "residual_seat" for lot in document.get("lots") or []):
        return
    lotted = [(i, s) for i, s in _residual_steps(result) if s.get("lot")]
    if not lotted:
        return
    index, step = lotted[-1]
    wrong = copy.deepcopy(dict(result))
    del wrong["steps"][index]
    yield Wrong(
        WRONG_STEPS,
        f"the step of residual seat {step['seat']} (list {step['list']}, decided by the "
        "supplied lot) left out of the steps of an answer that asks for a "
        + ("candidate lot" if asked == "candidate" else "residual-seat lot"),
        wrong,
        rules=("STEPS-consistent", "LOT-drawn"),
    )


def _majority_step_early(result: Mapping[str, Any]) -> Iterator[Wrong]:
    """The P 9 step written before the last residual seat step instead of after it: P 9
    takes its seat once the residual seats are given (P 9 lid 1, "nadat ... de restzetels
    zijn toegewezen"), and the steps follow the order of the procedure (docs/formats.md). The
    seats are right; the judge replays the steps in their order (``STEPS-consistent``)."""
    steps = list(result.get("steps") or [])
    at = next((i for i, s in enumerate(steps) if s.get("step") == "absolute_majority"), None)
    if at is None or at == 0 or steps[at - 1].get("step") != "residual_seat":
        return
    wrong = copy.deepcopy(dict(result))
    wrong["steps"][at - 1], wrong["steps"][at] = wrong["steps"][at], wrong["steps"][at - 1]
    yield Wrong(
        WRONG_STEPS,
        f"the P 9 step written before the step of residual seat {steps[at - 1]['seat']}, not "
        "after the last residual seat",
        wrong,
        rules=("STEPS-consistent",),
    )


def _lot_step_reversed(document: Mapping[str, Any], result: Mapping[str, Any]) -> Iterator[Wrong]:
    """A residual step decided by a supplied lot stated as won by another list of the tie than
    the one the lot fell on (P 7 lid 3, P 8 lid 4: "beslist het lot"); the seats are right."""
    drawn = [lot for lot in document.get("lots") or [] if lot.get("kind") == "residual_seat"]
    lotted = [(i, s) for i, s in _residual_steps(result) if s.get("lot")]
    if not drawn or not lotted:
        return
    index, step = lotted[0]
    other = next((n for n in step.get("tied") or [] if n != step["list"]), None)
    if other is None:
        return
    wrong = copy.deepcopy(dict(result))
    wrong["steps"][index]["list"] = other
    yield Wrong(
        WRONG_STEPS,
        f"residual seat {step['seat']}, decided by the lot for list {step['list']}, stated as "
        f"given to list {other}; the seats are right",
        wrong,
        rules=("LOT-drawn", "STEPS-consistent"),
    )


def _malformed_step(result: Mapping[str, Any]) -> Iterator[Wrong]:
    """A residual step whose seat number is not a whole number >= 0: written as a decimal
    (``1.0``, as a serialiser of floating-point numbers writes it) or counted from -1."""
    residual = _residual_steps(result)
    if not residual:
        return
    for how, seat in (("as the decimal {}", float), ("as {} (counted from -1)", None)):
        index, step = residual[0]
        wrong = copy.deepcopy(dict(result))
        number = float(step["seat"]) if seat is float else -1
        wrong["steps"][index]["seat"] = number
        yield Wrong(
            MALFORMED,
            f"residual seat {step['seat']}: its seat number written " + how.format(number),
            wrong,
            rules=("FORMAT-result",),
        )


def _malformed(document: Mapping[str, Any], result: Mapping[str, Any]) -> Iterator[Wrong]:
    """A seatless list left out of ``seats`` and ``full_seats`` (as an implementation writing
    only the lists that won seats would); the last list with seats left out of them in an
    answer with steps (the steps give it seats the answer does not report); ``elected`` left
    out although the input has candidates (a list-level implementation)."""
    seatless = [k for k in sorted(result["seats"], key=int) if result["seats"][k] == 0]
    if seatless:
        wrong = final(result)
        for key in ("seats", "full_seats"):
            wrong[key].pop(seatless[0], None)
        yield Wrong(
            MALFORMED,
            f"list {seatless[0]}, without seats, left out of seats and full_seats",
            wrong,
            rules=("FORMAT-result",),
        )
    held = [k for k in sorted(result["seats"], key=int) if result["seats"][k] > 0]
    if held and _residual_steps(result):
        wrong = copy.deepcopy(dict(result))
        for key in ("seats", "full_seats"):
            wrong[key].pop(held[-1], None)
        yield Wrong(
            MALFORMED,
            f"list {held[-1]}, with {result['seats'][held[-1]]} seat(s), left out of seats "
            "and full_seats of an answer whose steps give it those seats",
            wrong,
            rules=("FORMAT-result", "STEPS-consistent"),
        )
    if result.get("elected"):
        wrong = final(result)
        for key in ("elected", "elected_on_preference", "ranking"):
            wrong.pop(key, None)
        yield Wrong(
            MALFORMED,
            "elected (with elected_on_preference and ranking) left out although the input "
            "has candidates",
            wrong,
            rules=("FORMAT-result",),
        )


def _valid_rejected(document: Mapping[str, Any], result: Mapping[str, Any]) -> Iterator[Wrong]:
    """The valid election rejected (``VALID_REJECTED``): for a list without votes, a list with
    fewer living candidates than its seats, or a tie the answer cannot break."""
    lists = document.get("lists") or []
    if result["status"] == "needs_lot":
        field, message = "lists", "de gelijke stand kan niet worden beslist"
    elif any(lst.get("votes", 0) == 0 for lst in lists):
        index = next(i for i, lst in enumerate(lists) if lst.get("votes", 0) == 0)
        field, message = f"lists[{index}].votes", "een lijst zonder stemmen"
    elif any(s.get("step") == "list_exhaustion" for s in result.get("steps") or []):
        field, message = "lists", "een lijst heeft minder kandidaten dan zetels"
    else:
        return
    wrong = {
        "format": result["format"],
        "status": "rejected",
        "errors": [{"field": field, "code": "invalid", "message": message}],
    }
    yield Wrong(
        VALID_REJECTED,
        f"the election rejected ({field}: {message})",
        wrong,
        rules=("RESULT-status",),
    )


def _preference_share(election: Mapping[str, Any]) -> Fraction:
    """P 15 lid 1-2 (Y 23a, U 15 lid 3): the voorkeurdrempel as a share of the kiesdeler."""
    kind = election["kind"]
    if kind == "EP":
        return Fraction(1, 10)
    if kind == "EK":
        return Fraction(1)
    if kind in ("GR", "ER") and election["seats"] < 19:
        return Fraction(1, 2)
    return Fraction(1, 4)


def _wrong_threshold(document: Mapping[str, Any], result: Mapping[str, Any]) -> Iterator[Wrong]:
    """``WRONG_THRESHOLD``: the share of the other paragraph (a quarter for a small council,
    half for any other), and, where the threshold is not whole, the threshold rounded up."""
    if result.get("preference_threshold") is None or document["election"]["kind"] == "EK":
        return
    quota = parse_mixed(result["quota"])
    share = _preference_share(document["election"])
    other = Fraction(1, 4) if share == Fraction(1, 2) else Fraction(1, 2)
    wrong = final(result)
    wrong["preference_threshold"] = format_mixed(other * quota)
    yield Wrong(
        WRONG_THRESHOLD,
        f"the voorkeurdrempel stated as {other} of the kiesdeler, not {share}",
        wrong,
        rules=("P15-threshold",),
    )
    threshold = share * quota
    if threshold.denominator != 1:
        wrong = final(result)
        rounded = -(-threshold.numerator // threshold.denominator)
        wrong["preference_threshold"] = str(rounded)
        yield Wrong(
            WRONG_THRESHOLD,
            f"the voorkeurdrempel {format_mixed(threshold)} stated rounded up, as {rounded}",
            wrong,
            rules=("P15-threshold",),
        )


def _threshold_not_exceeded(
    document: Mapping[str, Any], result: Mapping[str, Any]
) -> Iterator[Wrong]:
    """``THRESHOLD_NOT_EXCEEDED``: on the first list with seats, the living candidate with the
    most votes not greater than the threshold but within one vote of it (``>=``, or the
    threshold rounded down) stated as elected on preference; if they were not elected, in
    place of the list's last candidate elected in list order."""
    if result.get("preference_threshold") is None or document["election"]["kind"] == "EK":
        return
    threshold = parse_mixed(result["preference_threshold"])
    lists = _lists_by_number(document)
    on_preference = result.get("elected_on_preference") or {}
    for number, elected in sorted((result.get("elected") or {}).items(), key=lambda i: int(i[0])):
        if not elected:
            continue
        near = [
            c
            for c in lists.get(number, {}).get("candidates") or []
            if not c.get("deceased") and threshold - 1 < c["votes"] <= threshold
        ]
        if not near:
            continue
        chosen = max(near, key=lambda c: c["votes"])  # equal votes: the first on the list
        mine = list(on_preference.get(number, []))
        in_order = [n for n in elected if n not in mine]
        if chosen["number"] in elected:
            in_order.remove(chosen["number"])
        elif in_order:
            in_order.pop()
        else:
            continue
        wrong = final(result)
        wrong["elected_on_preference"][number] = [*mine, chosen["number"]]
        wrong["elected"][number] = [*mine, chosen["number"], *in_order]
        yield Wrong(
            THRESHOLD_NOT_EXCEEDED,
            f"list {number}: candidate {chosen['number']} ({chosen['votes']} votes, the "
            f"voorkeurdrempel {result['preference_threshold']}) stated as elected on preference",
            wrong,
            rules=("P15-threshold-strict",),
        )
        return


def _tie_order(result: Mapping[str, Any]) -> Iterator[Wrong]:
    """``TIE_ORDER``: the first two consecutive residual seats given, without a lot, to lists
    that tie on the same value, the first to the lowest list number, given the other way round
    (in the steps and in the residual seat order)."""
    residual = _residual_steps(result)
    order = list(result.get("residual_seat_order") or [])
    for k, ((i, a), (j, b)) in enumerate(pairwise(residual)):
        if (
            a.get("lot")
            or b.get("lot")
            or a.get("reassignment")
            or b.get("reassignment")
            or a["method"] != b["method"]
            or a["value"] != b["value"]
            or b["list"] not in (a.get("tied") or [])
            or a["list"] != min(a["tied"])
            or a["list"] == b["list"]
        ):
            continue
        if k + 1 >= len(order) or order[k] != a["list"] or order[k + 1] != b["list"]:
            continue
        wrong = copy.deepcopy(dict(result))
        wrong["steps"][i]["list"], wrong["steps"][j]["list"] = b["list"], a["list"]
        wrong["residual_seat_order"][k : k + 2] = [b["list"], a["list"]]
        yield Wrong(
            TIE_ORDER,
            f"residual seats {a['seat']} and {b['seat']}, for lists {a['list']} and "
            f"{b['list']} with equal {a['method']} values {a['value']}, given in the order "
            f"{b['list']}, {a['list']}",
            wrong,
            rules=("TIE-list-order",),
        )
        return


def allocate_step_wrongs(document: Mapping[str, Any], result: Mapping[str, Any]) -> list[Wrong]:
    """The wrong answers of the kinds ``WRONG_STEPS``, ``TIE_ORDER``, ``MALFORMED``,
    ``VALID_REJECTED`` and ``WRONG_THRESHOLD`` for one hand-written
    ``allocate`` base (input ``document``, reference result ``result`` with its steps)."""
    out: list[Wrong] = []
    out += _valid_rejected(document, result)
    if result["status"] == "needs_lot":
        out += _pending_step_left_out(document, result)
    if result["status"] != "completed":
        return out
    out += _excluded_winner(document, result)
    out += _wrong_step_value(result)
    out += _wrong_step_method(result)
    out += _step_twice_or_missing(document, result)
    out += _lot_step_reversed(document, result)
    out += _majority_step_early(result)
    out += _tie_order(result)
    out += _malformed(document, result)
    out += _malformed_step(result)
    out += _wrong_threshold(document, result)
    return out


def allocate_wrongs(
    document: Mapping[str, Any],
    result: Mapping[str, Any],
    allocator: Allocator,
    plain: bool = False,
) -> list[Wrong]:
    """The wrong answers derived from one ``allocate`` vector (input ``document``, reference
    result ``result`` with its steps); ``plain``: also a wrong quota, a seat too many and an
    unknown candidate (for hand-written bases only, as they would repeat for every other)."""
    steps = list(result.get("steps") or [])
    out: list[Wrong] = allocate_step_wrongs(document, result) if plain else []
    if result["status"] == "needs_lot":
        out += _silent_lot(document, result, allocator)
        out += _wrong_lot_options(document, result)
        out += _seats_so_far_above(document, result)
        out += _lots_ignored(document, result, allocator)
        if not plain:  # (hand-written bases: allocate_step_wrongs)
            out += _pending_step_left_out(document, result)
        if plain:
            out += _seat_so_far_moved(document, result)
            out += _lots_used_above(result)
    elif result["status"] == "completed":
        out += _seat_move(result)
        out += _fake_lot(result)
        out += _p9_missing(result, steps)
        out += _p10_ignored(result, steps)
        out += _empty_seat_filled(document, result)
        out += _lots_ignored(document, result, allocator)
        if plain:
            out += _average_seat_to_runner_up(document, result)
            out += _plain_mistakes(document, result)
            out += _seat_left_empty(result)
        if result.get("elected"):
            out += _wrong_ranking(result, "P19-ranking")
            out += _wrong_candidate(document, result)
            out += _deceased_elected(document, result)
            out += _p15_ignored(document, result)
            out += _threshold_not_exceeded(document, result)
    return out


def bill_wrongs(
    document: Mapping[str, Any], result: Mapping[str, Any], allocator: Allocator
) -> list[Wrong]:
    """The wrong answers derived from one ``allocate`` vector of law ``bill-36641`` (bill
    36 641, P 7 / P 8 as amended: a residual seat only for a list that reaches the kiesdeler):
    the answer of the law in force (the bill not applied), and a residual step naming a list
    below the kiesdeler (``_excluded_winner``)."""
    if result["status"] != "completed":
        return []
    out: list[Wrong] = []
    current = dict(document)
    current["election"] = {**document["election"], "law": "current"}
    outcome = allocator(current)
    if outcome.get("status") == "completed" and outcome["seats"] != result["seats"]:
        wrong = final(outcome)
        out.append(
            Wrong(
                BILL_IGNORED,
                "the seats of the law in force: "
                + ", ".join(
                    f"list {k} {outcome['seats'][k]} (not {result['seats'][k]})"
                    for k in sorted(result["seats"], key=int)
                    if outcome["seats"][k] != result["seats"][k]
                ),
                wrong,
                rules=("BILL36641-full-quota",),
            )
        )
    out += _excluded_winner(document, result)
    return out


def _group_lists(document: Mapping[str, Any]) -> dict[str, list[str]]:
    """Per lijstengroep (its number), the numbers of its lists (members; stellen as one)."""
    return {
        str(group["number"]): [str(m) for m in group.get("members", [])]
        for group in document.get("groups", [])
    }


def _party_seat_move(result: Mapping[str, Any]) -> Iterator[Wrong]:
    """A national residual seat moved between two parties (a lijstengroep, stel or list taken
    as one list for P 6 - P 10), in the national part and in ``party_seats``; the seats of
    the lists within a party are left as they were, so P 12 breaks too."""
    national = result.get("national") or {}
    order = national.get("residual_seat_order") or []
    if not order or result.get("elected"):
        return
    loser = str(order[-1])
    gainer = next((k for k in sorted(national["seats"], key=int) if k != loser), None)
    if gainer is None or loser not in result["party_seats"] or gainer not in result["party_seats"]:
        return
    wrong = final(result)
    wrong["national"] = final(national)
    for seats in (wrong["national"]["seats"], wrong["party_seats"]):
        seats[loser] -= 1
        seats[gainer] += 1
    wrong["national"]["residual_seat_order"] = [*order[:-1], int(gainer)]
    yield Wrong(
        SEAT_MOVE,
        f"the last national residual seat moved from party {loser} to party {gainer}",
        wrong,
        family=SEAT_RULES,
    )


def _candidate_limits(document: Mapping[str, Any]) -> dict[int, int]:
    """The living candidates of each district list of ``document`` (P 13, P 19a: its seat
    limit)."""
    limits: dict[int, int] = {}
    for item in document.get("lists", []):
        if "candidate_count" in item:
            limits[item["number"]] = item["candidate_count"] - item.get("deceased_count", 0)
        elif "candidates" in item:
            limits[item["number"]] = sum(1 for c in item["candidates"] if not c.get("deceased"))
    return limits


def movable_remainder_seats(
    document: Mapping[str, Any], result: Mapping[str, Any]
) -> Iterator[tuple[int, int, int]]:
    """(index of the distribution, list losing, list gaining) for the last remainder seat of
    each lijstengroep of a list-level result (the candidates would follow the seats), where no
    list is at its number of candidates (P 13 would move seats too) and both lists hold seats
    in ``seats``. The list gaining is the group's first other list."""
    if result.get("elected"):
        return
    limits = _candidate_limits(document)
    seats = result.get("seats", {})
    for index, distribution in enumerate(result.get("distributions") or []):
        order = distribution.get("remainder_order") or []
        if distribution.get("step") != "group_distribution" or not order:
            continue
        loser = order[-1]
        members = [row["member"] for row in distribution["rows"]]
        held = {row["member"]: row["seats"] for row in distribution["rows"]}
        if any(held[m] >= limits.get(m, held[m] + 1) for m in members):
            # a list at its candidates (P 13): the spec does not check the seats passed on
            # inside the group (P 13 lid 2), so the move would not be seen as wrong
            continue
        gainer = next((m for m in members if m != loser), None)
        if gainer is None or str(loser) not in seats or str(gainer) not in seats:
            continue
        yield index, loser, gainer


def _group_seat_move(document: Mapping[str, Any], result: Mapping[str, Any]) -> Iterator[Wrong]:
    for index, loser, gainer in movable_remainder_seats(document, result):
        distribution = result["distributions"][index]
        wrong = final(result)
        moved = wrong["distributions"][index]
        for row in moved["rows"]:
            row["seats"] += (row["member"] == gainer) - (row["member"] == loser)
        moved["remainder_order"] = [*distribution["remainder_order"][:-1], gainer]
        wrong["seats"][str(loser)] -= 1
        wrong["seats"][str(gainer)] += 1
        yield Wrong(
            GROUP_SEAT_MOVE,
            f"group {distribution['owner']}: its last remainder seat moved from list {loser} "
            f"to list {gainer}",
            wrong,
            family=frozenset({"P12.1-group-quota", "P12.2-largest-remainder"}),
        )
        return


def _wrong_placement(document: Mapping[str, Any], result: Mapping[str, Any]) -> Iterator[Wrong]:
    """One P 16 lid 1 placement per base moved to another list of the candidate (see
    ``WRONG_PLACEMENT``); only where no seat of the group moved (no P 16 lid 2, no P 13
    transfer), so that the lawful list is the one with the most votes."""
    lists = _lists_by_number(document)
    placements = result.get("placements") or []
    moved = {p["party"] for p in placements if p.get("article") != "P 16 lid 1"}
    moved |= {t["party"] for t in result.get("transfers") or []}
    elected = {str(k): list(v) for k, v in (result.get("elected") or {}).items()}
    chosen = {str(k): list(v) for k, v in (result.get("elected_on_preference") or {}).items()}
    taken = {
        c.get("name")
        for number, positions in elected.items()
        for c in lists.get(number, {}).get("candidates") or []
        if c["number"] in positions
    }
    for group, members in _group_lists(document).items():
        if int(group) in moved:
            continue
        for placement in placements:
            if placement["party"] != int(group):
                continue
            home, name = str(placement["list"]), placement["candidate"]
            for other in members:
                stands = lists.get(other, {}).get("candidates") or []
                mine = [c for c in stands if c.get("name") == name]
                in_order = [n for n in elected.get(other, []) if n not in chosen.get(other, [])]
                refill = [
                    c["number"]
                    for c in lists.get(home, {}).get("candidates") or []
                    if c.get("name") not in taken and not c.get("deceased")
                ]
                if other == home or not mine or not in_order or not refill:
                    continue
                wrong = final(result)
                there = mine[0]["number"]
                wrong["elected_on_preference"][home].remove(placement["position"])
                wrong["elected"][home].remove(placement["position"])
                wrong["elected"][home].append(refill[0])
                wrong["elected_on_preference"][other].append(there)
                wrong["elected"][other].remove(in_order[-1])
                wrong["elected"][other].insert(len(chosen.get(other, [])), there)
                for entry in wrong["placements"]:
                    if entry["candidate"] == name and entry["party"] == int(group):
                        entry.update(list=int(other), position=there, votes=mine[0]["votes"])
                yield Wrong(
                    WRONG_PLACEMENT,
                    f"group {group}: candidate {name!r} placed on list {other}, not on list "
                    f"{home}",
                    wrong,
                    rules=("P16-placement",),
                )
                return


def _wrong_trace(document: Mapping[str, Any], result: Mapping[str, Any]) -> Iterator[Wrong]:
    """The first lot place, double election and transfer of the answer's trace changed (see
    ``WRONG_LOT_PLACE``, ``WRONG_DOUBLE_ELECTION``, ``WRONG_TRANSFER``)."""
    for index, distribution in enumerate(result.get("distributions") or []):
        if distribution.get("lot"):
            wrong = final(result)
            place = wrong["distributions"][index]["lot"].pop()
            group = distribution.get("step") == "group_distribution"
            word = "group" if group else "combination"
            yield Wrong(
                WRONG_LOT_PLACE,
                f"{word} {distribution['owner']}: seat {place} after the full seats, decided "
                "by lot, stated as decided without it",
                wrong,
                rules=(
                    "P12.2-largest-remainder" if group else "combination-P11-largest-remainder",
                ),
            )
            break
    for index, double in enumerate(result.get("double_elections") or []):
        others = [n for n in double["lists"] if n != double["kept"]]
        if others:
            wrong = final(result)
            wrong["double_elections"][index]["kept"] = others[0]
            yield Wrong(
                WRONG_DOUBLE_ELECTION,
                f"group {double['party']}: candidate {double['candidate']!r}, elected on lists "
                f"{double['lists']}, stated as kept on list {others[0]}, not {double['kept']}",
                wrong,
                rules=("P16-P18-group-candidates",),
            )
            break
    members = _group_lists(document)
    for index, transfer in enumerate(result.get("transfers") or []):
        lists = [int(n) for n in members.get(str(transfer["party"]), [])]
        others = [n for n in lists if n not in (transfer["from_list"], transfer["to_list"])]
        if others:
            wrong = final(result)
            wrong["transfers"][index]["to_list"] = others[0]
            yield Wrong(
                WRONG_TRANSFER,
                f"group {transfer['party']}: the seat of list {transfer['from_list']} stated as "
                f"passed on to list {others[0]}, not {transfer['to_list']}",
                wrong,
                rules=("P16-P18-group-candidates",),
            )
            break


def district_wrongs(document: Mapping[str, Any], result: Mapping[str, Any]) -> list[Wrong]:
    """The wrong answers derived from one ``allocate-districts`` vector."""
    if result["status"] != "completed":
        return []
    out: list[Wrong] = [*_party_seat_move(result), *_group_seat_move(document, result)]
    out += _wrong_trace(document, result)
    if not result.get("elected"):
        return out
    out += _wrong_ranking(result, "P19-group-ranking")
    out += _wrong_placement(document, result)
    lists = _lists_by_number(document)
    elected = result["elected"]
    for members in _group_lists(document).values():
        filled = [m for m in members if elected.get(m)]
        if not filled:
            continue
        number = filled[-1]
        wrong = final(result)
        dropped = wrong["elected"][number].pop()
        out.append(
            Wrong(
                GROUP_SEAT_EMPTY,
                f"list {number}: its last seat (candidate {dropped}) left empty",
                wrong,
                rules=("P16-P18-group-candidates",),
            )
        )
        names = {
            c.get("name")
            for m in members
            for c in lists.get(m, {}).get("candidates") or []
            if c["number"] in elected.get(m, [])
        }
        for m in filled:
            own = elected[m]
            twice = [
                c["number"]
                for c in lists.get(m, {}).get("candidates") or []
                if c["number"] not in own and c.get("name") in names
            ]
            if not twice:
                continue
            wrong = final(result)
            last = own[-1]
            wrong["elected"][m] = [twice[0] if n == last else n for n in own]
            out.append(
                Wrong(
                    REFILL_ELECTED_ELSEWHERE,
                    f"list {m}: candidate {twice[0]}, elected on another list of the group, "
                    f"takes the seat of candidate {last}",
                    wrong,
                    rules=("P18-elected-once",),
                )
            )
            break
    return out


# --------------------------------------------------------------------------- allocate: an input
# whose right answer rejects a supplied lot (issue 16, suite power)


def _misfit_index(expected: Mapping[str, Any]) -> int | None:
    """The place in ``lots`` of the supplied lot the right answer rejects (``lot_mismatch``)."""
    for error in expected.get("errors") or []:
        field = error.get("field", "")
        if error.get("code") == "lot_mismatch" and field.startswith("lots[") and field[-1] == "]":
            return int(field[5:-1])
    return None


def misfit_lot_wrongs(
    document: Mapping[str, Any], expected: Mapping[str, Any], allocator: Allocator
) -> list[Wrong]:
    """The wrong answers to an ``allocate`` input whose right answer is ``rejected`` with
    ``lot_mismatch`` (``expected``): the answer as if the misfit lot were not given
    (``MISFIT_LOT_IGNORED``), and, where its drawn list is one of the options of the lot that
    is due, the answer as if it answered that question (``MISFIT_LOT_FOLLOWED``)."""
    index = _misfit_index(expected)
    lots = list(document.get("lots") or [])
    if index is None or index >= len(lots):
        return []
    misfit = lots[index]
    described = (
        f"lots[{index}] (kind {misfit['kind']}, options {misfit['options']}"
        + (f" on list {misfit['list']}" if misfit.get("list") is not None else "")
        + f", drawn {misfit['drawn']})"
    )
    out: list[Wrong] = []
    ignored = allocator({**document, "lots": lots[:index] + lots[index + 1 :]})
    if ignored.get("status") not in ("completed", "needs_lot"):
        return out
    out.append(
        Wrong(
            MISFIT_LOT_IGNORED,
            f"{described} ignored: the answer "
            + (
                "completes without it"
                if ignored["status"] == "completed"
                else f"asks for the lot that is due (kind {ignored['lot']['kind']}, options "
                f"{ignored['lot']['options']})"
            ),
            final(ignored),
            rules=("LOT-drawn",),
        )
    )
    if ignored.get("steps"):
        out.append(
            Wrong(
                MISFIT_LOT_IGNORED,
                f"{described} ignored: the answer "
                + (
                    "completes without it"
                    if ignored["status"] == "completed"
                    else f"asks for the lot that is due (kind {ignored['lot']['kind']})"
                )
                + ", with its steps",
                copy.deepcopy(dict(ignored)),
                rules=("LOT-drawn",),
            )
        )
    due = ignored.get("lot")
    if due is None or misfit["drawn"] not in due["options"]:
        return out
    question = {k: due[k] for k in ("kind", "options", "list") if k in due}
    fed = [*lots[:index], {**question, "drawn": misfit["drawn"]}, *lots[index + 1 :]]
    followed = allocator({**document, "lots": fed})
    if followed.get("status") == "completed":
        out.append(
            Wrong(
                MISFIT_LOT_FOLLOWED,
                f"{described} taken as the lot that is due (kind {due['kind']}, options "
                f"{due['options']}), drawn {misfit['drawn']}",
                final(followed),
                rules=("LOT-drawn",),
            )
        )
    return out
