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
from typing import Any

from spec.exact import format_mixed, parse_mixed

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
    "decided that seat (P 6 - P 10).",
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
    "exactly); the seats are right.",
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


def _wrong_lot_options(result: Mapping[str, Any]) -> Iterator[Wrong]:
    lot = result["lot"]
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
    votes and a candidate left for it; only for list-level results, so that no candidate need
    be named."""
    if result.get("elected") or sum(result["seats"].values()) >= document["election"]["seats"]:
        return
    lists = _lists_by_number(document)
    taker = next(
        (
            number
            for number in sorted(result["seats"], key=int)
            if lists[number].get("votes", 0) > 0
            and result["seats"][number] < lists[number].get("candidate_count", 10**9)
        ),
        None,
    )
    if taker is None:
        return
    wrong = final(result)
    wrong["seats"][taker] += 1
    wrong["residual_seat_order"] = [*result["residual_seat_order"], int(taker)]
    yield Wrong(
        EMPTY_SEAT_FILLED,
        f"an empty seat given to list {taker}",
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
    out: list[Wrong] = []
    if result["status"] == "needs_lot":
        out += _silent_lot(document, result, allocator)
        out += _wrong_lot_options(result)
    elif result["status"] == "completed":
        out += _seat_move(result)
        out += _fake_lot(result)
        out += _p9_missing(result, steps)
        out += _p10_ignored(result, steps)
        out += _empty_seat_filled(document, result)
        if plain:
            out += _plain_mistakes(document, result)
            out += _seat_left_empty(result)
        if result.get("elected"):
            out += _wrong_ranking(result, "P19-ranking")
            out += _wrong_candidate(document, result)
            out += _deceased_elected(document, result)
            out += _p15_ignored(document, result)
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


def _group_seat_move(document: Mapping[str, Any], result: Mapping[str, Any]) -> Iterator[Wrong]:
    if result.get("elected"):
        return
    limits = _candidate_limits(document)
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
        if gainer is None or str(loser) not in result["seats"]:
            continue
        wrong = final(result)
        moved = wrong["distributions"][index]
        for row in moved["rows"]:
            row["seats"] += (row["member"] == gainer) - (row["member"] == loser)
        moved["remainder_order"] = [*order[:-1], gainer]
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
