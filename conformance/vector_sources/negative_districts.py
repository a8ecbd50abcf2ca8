"""Negative vectors of the district elections and the Eerste Kamer (issue 16): wrong answers to
``allocate-districts`` and ``allocate-eerste-kamer`` vectors, each with the rules it breaks.

As in ``conformance.vector_sources.negative`` (whose ``Kind``, ``Wrong`` and ``final`` these
share), every wrong answer is the reference's correct result for a positive vector, changed in
one way a wrong implementation could get wrong, for a stated reason; the build
(``conformance.vectors_build.negatives``) stops unless our judge rejects it naming the rules.
The kinds here aim at the rules of the district judge that the first kinds left (nearly)
unexercised: ``P12-seat-sum``, ``P12.1-group-quota``, ``P12.2-largest-remainder`` (the trace
fields ``remainder_order``, ``reassigned``, and ``lots_used``), ``P15.2-summed-preference``,
``P16-placement`` (the placements' list, position and votes), the old-law
``combination-P11-quota`` and ``combination-P11-largest-remainder``, and ``U3-stemcijfer``.

``U2-stemwaarde`` has no negative vector: an answer (``kieswet/seat-allocation-result@1``)
states no stemwaarden, so a wrong stemwaarde shows only in the stemcijfers it produces, which
``U3-stemcijfer`` names (docs/eerste-kamer.md, "Rules").

Kieswet (BWBR0004627), consolidated text of 2026-01-01
(https://wetten.overheid.nl/BWBR0004627/2026-01-01).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping
from fractions import Fraction
from typing import Any

from conformance.vector_sources.negative import (
    Kind,
    Wrong,
    final,
    movable_remainder_seats,
)
from interchange.district_claims import FINAL_CLAIM_FIELDS
from spec.exact import format_mixed, parse_mixed

GROUP_RULES = {
    "group_distribution": ("P12.1-group-quota", "P12.2-largest-remainder"),
    "combination_distribution": ("combination-P11-quota", "combination-P11-largest-remainder"),
}
"""Per distribution step: its quota rule and its remainder rule."""

REMAINDER_ORDER_BY_NUMBER = Kind(
    "remainder order by list number",
    "A distribution's remainder_order (the lists given the seats after the full seats, in the "
    "order given) written in list-number order instead of the order of allocation: largest "
    "remainder first (P 12 lid 5; old P 11), then, for seats passed on, the greatest averages "
    "(P 13). The seats are right.",
)
REASSIGNED_LEFT_OUT = Kind(
    "seats passed on not stated",
    "A distribution whose list has more full seats than candidates states no seats passed on "
    "(reassigned []), although P 13 lid 1 passes them to the other lists of the group. The "
    "seats are right.",
)
PLACEMENT_SUMMED_VOTES = Kind(
    "P 16 placement with the summed votes",
    "A placement (P 16) states as the candidate's votes on the list placed on their votes "
    "summed over the group's lists (the P 15 figure), not the votes on that list (P 16 lid 1 "
    "compares the lists by the votes cast on each). The seats and elected candidates are "
    "right.",
)
PLACEMENT_GROUP_NUMBER = Kind(
    "P 16 placement with the group's candidate number",
    "A placement (P 16) states as the candidate's position their number in the group's order "
    "of persons (the numbering of P 15's candidate lots), not their number on the list placed "
    "on. The seats and elected candidates are right.",
)
LOTS_USED_COUNTS_THE_QUESTION = Kind(
    "lots_used counts the lot asked for",
    "A lot question after P 5 - P 10 (old P 11, P 12 lid 5, P 16 lid 2, P 15 lid 1) states "
    "lots_used one too high, counting the lot it asks for as consumed: the answer's lot would "
    "be put after a lot that was never drawn.",
)
CANDIDATE_LOT_OTHERWISE = Kind(
    "candidate lot followed otherwise",
    "For a base whose input supplies a candidate lot of P 15 lid 1 (votes summed over a party's "
    "lists), the answer as if that lot had fallen on another of its options: another candidate "
    "elected on preference, the rest right for that outcome, with its trace and as a final "
    "claim only. 'Beslist het lot': the lot as it fell decides.",
)
SEATS_SO_FAR_SEAT_MOVED = Kind(
    "seat moved in seats_so_far before a lot of a later stage",
    "A lot question inside a lijstencombinatie (old P 11, stage combination) or a lijstengroep "
    "(P 12 lid 5, stage group) that states one seat of another contestant or party in "
    "seats_so_far under the question's owner: every contestant's (every party's) seats are "
    "decided before the question, and the question and lots_used are right.",
)
LIST_SEAT_TOO_MANY = Kind(
    "list of a lijstengroep one seat too many",
    "A list of a lijstengroep given one seat more than its distribution gives it: the group's "
    "lists together hold more seats than the group won (P 12 distributes exactly the group's "
    "seats over its lists; P 3: the group takes part as one list).",
)
NATIONAL_QUOTA_IN_DISTRIBUTION = Kind(
    "kiesdeler as groepskiesdeler",
    "A distribution over the lists of a lijstengroep (or the members of a lijstencombinatie) "
    "states the election's kiesdeler (P 5) as its quota, instead of the group's stemcijfer "
    "divided by its seats (P 12 lid 2-3; old P 11: the combinatiekiesdeler). The seats are "
    "right.",
)
QUOTA_IN_WHOLE_VOTES = Kind(
    "groepskiesdeler in whole votes",
    "The quota of a distribution over a lijstengroep's lists (or a lijstencombinatie's "
    "members) computed by integer division, its fraction dropped, and the remainders computed "
    "with it; the law's groepskiesdeler is the exact quotient (P 12 lid 3; old P 11). The "
    "seats are right.",
)
PREFERENCE_NOT_SUMMED = Kind(
    "elected on preference left out",
    "A candidate of a lijstengroep elected on preference with the fewest votes summed over the "
    "group's lists (P 15 lid 1: 'op de gezamenlijke lijsten waarop zij voorkomen') left out of "
    "elected_on_preference, as if their votes had not been summed. The seats and elected "
    "candidates are right.",
)
COMBINATION_SEAT_MOVE = Kind(
    "old P 11 seat moved within a lijstencombinatie",
    "The last remainder seat of a lijstencombinatie's distribution over its members (old P 11) "
    "given to another member: the combination's seats are right, its members' are not.",
)
EK_UNWEIGHTED = Kind(
    "Eerste Kamer votes not weighted",
    "The member votes added up without their bodies' stemwaarde (U 3: the votes in each body "
    "are multiplied by its stemwaarde): the answer, steps included, is the allocation of the "
    "unweighted votes, and its P 6 step states those stemcijfers.",
)
EK_STEMWAARDE_TRUNCATED = Kind(
    "Eerste Kamer stemwaarde truncated",
    "The stemwaarde of a province computed by integer division (rounded down) instead of "
    "rounded with an exact half upwards (U 2); the answer, steps included, is the allocation of "
    "the votes so weighted, and its P 6 step states those stemcijfers (U 3).",
)
FINAL_GROUP_SEAT_MOVE = Kind(
    "P 12 seat moved within a lijstengroep, final claim only",
    "The last remainder seat of a lijstengroep's distribution over its lists (P 12 lid 5) "
    "given to another list of the group, in an answer that states its final claim only (no "
    "trace: no distributions, no national steps): the group's seats are right, its lists' "
    "are not. The list that loses the seat keeps its full seats (P 12 lid 4), so the departure "
    "is at the largest remainders.",
)
GROUP_SEAT_MOVE_ORDER_KEPT = Kind(
    "P 12 seat moved within a lijstengroep, remainder order kept",
    "The last remainder seat of a lijstengroep's distribution over its lists (P 12 lid 5) "
    "given to another list of the group, in the distribution's rows and the lists' seats "
    "alike, while the distribution's remainder_order still names the list the law gives it "
    "(as an implementation would that hands out the seats by another path than the order it "
    "writes): the rows themselves (full seats, remainders, seats) show that a list with a "
    "smaller remainder, or one already holding a remainder seat, took the seat.",
)
DISTRIBUTION_AFTER_MOVES = Kind(
    "P 12 distribution states the seats after P 16 lid 2 and P 13",
    "A lijstengroep's distribution over its lists (P 12, P 13) states as each list's seats "
    "those the list holds after P 16 lid 2 placements and P 13 with P 18 lid 3 transfers "
    "moved seats within the group (the answer's seats), not those P 12 and P 13 give it. The "
    "seats, placements, transfers and elected candidates are right.",
)
REASSIGNED_OTHER_METHOD = Kind(
    "seat passed on by the other method",
    "A distribution's seat passed on (P 13 lid 1: the seats a list cannot fill go, by continued "
    "application of P 12, to the other lists of the group) stated with the other method: by "
    "greatest average where the law gives it by largest remainder (P 12 lid 5, P 13 lid 1), or "
    "the reverse (P 13 lid 2). The list it comes from, the list it goes to and the seats are "
    "right.",
)
FINAL_LIST_ORDER_SWAPPED = Kind(
    "seats in list order swapped, final claim only",
    "A list's last two candidates elected in list order (P 17, P 18 lid 2: after those elected "
    "on preference, the seats go to the list's candidates in the order of the list) stated in "
    "the other order, in an answer that states its final claim only (no trace): the elected "
    "candidates are the right ones, the order of election is not.",
)
KINDS = (
    REMAINDER_ORDER_BY_NUMBER,
    REASSIGNED_LEFT_OUT,
    PLACEMENT_SUMMED_VOTES,
    PLACEMENT_GROUP_NUMBER,
    LOTS_USED_COUNTS_THE_QUESTION,
    SEATS_SO_FAR_SEAT_MOVED,
    CANDIDATE_LOT_OTHERWISE,
    LIST_SEAT_TOO_MANY,
    NATIONAL_QUOTA_IN_DISTRIBUTION,
    QUOTA_IN_WHOLE_VOTES,
    PREFERENCE_NOT_SUMMED,
    COMBINATION_SEAT_MOVE,
    EK_UNWEIGHTED,
    EK_STEMWAARDE_TRUNCATED,
    FINAL_GROUP_SEAT_MOVE,
    GROUP_SEAT_MOVE_ORDER_KEPT,
    DISTRIBUTION_AFTER_MOVES,
    REASSIGNED_OTHER_METHOD,
    FINAL_LIST_ORDER_SWAPPED,
)
"""The kinds of this module, after those of ``conformance.vector_sources.negative.KINDS``."""


def _word(distribution: Mapping[str, Any]) -> str:
    return "group" if distribution.get("step") == "group_distribution" else "combination"


def _key(candidate: Mapping[str, Any]) -> Any:
    """A candidate's identity (P 15: the same person on several lists), as the input gives it."""
    return candidate.get("id", candidate.get("name"))


def _distribution_wrongs(result: Mapping[str, Any]) -> Iterator[Wrong]:
    """Per distribution: its remainder order, its seats passed on, its quota."""
    national_quota = result.get("quota")
    done: set[Kind] = set()
    for index, distribution in enumerate(result.get("distributions") or []):
        rules = GROUP_RULES.get(str(distribution.get("step")))
        if rules is None:
            continue
        quota_rule, remainder_rule = rules
        word, owner = _word(distribution), distribution["owner"]
        order = list(distribution.get("remainder_order") or [])
        if REMAINDER_ORDER_BY_NUMBER not in done and sorted(order) != order:
            wrong = final(result)
            wrong["distributions"][index]["remainder_order"] = sorted(order)
            done.add(REMAINDER_ORDER_BY_NUMBER)
            yield Wrong(
                REMAINDER_ORDER_BY_NUMBER,
                f"{word} {owner}: remainder_order {sorted(order)} instead of {order}",
                wrong,
                rules=(remainder_rule,),
            )
        if REASSIGNED_LEFT_OUT not in done and distribution.get("reassigned"):
            wrong = final(result)
            wrong["distributions"][index]["reassigned"] = []
            done.add(REASSIGNED_LEFT_OUT)
            yield Wrong(
                REASSIGNED_LEFT_OUT,
                f"{word} {owner}: reassigned [] instead of "
                f"{len(distribution['reassigned'])} seat(s) passed on",
                wrong,
                rules=(remainder_rule,),
            )
        quota = distribution.get("quota")
        if quota is None:
            continue
        if (
            NATIONAL_QUOTA_IN_DISTRIBUTION not in done
            and national_quota is not None
            and parse_mixed(national_quota) != parse_mixed(quota)
        ):
            wrong = final(result)
            wrong["distributions"][index]["quota"] = national_quota
            done.add(NATIONAL_QUOTA_IN_DISTRIBUTION)
            yield Wrong(
                NATIONAL_QUOTA_IN_DISTRIBUTION,
                f"{word} {owner}: quota {national_quota} (the kiesdeler) instead of {quota}",
                wrong,
                rules=(quota_rule,),
            )
        exact = parse_mixed(quota)
        if QUOTA_IN_WHOLE_VOTES not in done and exact.denominator != 1:
            whole = exact.numerator // exact.denominator
            wrong = final(result)
            changed = wrong["distributions"][index]
            changed["quota"] = str(whole)
            for row in changed["rows"]:
                row["remainder"] = format_mixed(Fraction(row["votes"] - row["full_seats"] * whole))
            done.add(QUOTA_IN_WHOLE_VOTES)
            yield Wrong(
                QUOTA_IN_WHOLE_VOTES,
                f"{word} {owner}: quota {whole} (integer division) instead of {quota}, the "
                "remainders computed with it",
                wrong,
                rules=(quota_rule,),
            )


def _group_members(document: Mapping[str, Any]) -> dict[int, list[int]]:
    return {int(g["number"]): [int(m) for m in g["members"]] for g in document.get("groups", [])}


def _candidates_of(document: Mapping[str, Any]) -> dict[int, list[Mapping[str, Any]]]:
    """The candidates of each list (a stel's lists: the first list's, as the stel's number is
    the number the result uses only for lists in no stel; stellen are not perturbed here)."""
    return {int(lst["number"]): lst.get("candidates") or [] for lst in document.get("lists", [])}


def _stemwaarden(document: Mapping[str, Any]) -> dict[int, int]:
    """Each district's stemwaarde from the input alone (U 2): as given, or inhabitants / (100 ×
    members of Provinciale Staten) with a fraction of 1/2 or more rounded up and less dropped,
    at least 1 as the format has every stemwaarde (docs/districts.md); 1 where the district
    gives neither (every kind but the Eerste Kamer)."""
    out = {}
    for district in document.get("districts", []):
        if "stemwaarde" in district:
            weight = int(district["stemwaarde"])
        elif "inhabitants" in district:
            weight = max(1, _u2_rounded(district["inhabitants"], district["members"]))
        else:
            weight = 1
        out[int(district["number"])] = weight
    return out


def _list_weights(document: Mapping[str, Any]) -> dict[int, int]:
    """Each district list's stemwaarde: that of its district (U 2, U 3)."""
    weight = _stemwaarden(document)
    return {
        int(lst["number"]): weight.get(int(lst["district"]), 1) for lst in document.get("lists", [])
    }


def _placement_wrongs(document: Mapping[str, Any], result: Mapping[str, Any]) -> Iterator[Wrong]:
    """The P 16 placement kinds: a placement stating the person's votes summed over the
    group's lists, each vote weighed by its district's stemwaarde (U 3: the P 15 figure), or
    the person's number in the group's order of persons."""
    placements = result.get("placements") or []
    groups = _group_members(document)
    candidates = _candidates_of(document)
    weights = _list_weights(document)
    summed_done = number_done = False
    for index, placement in enumerate(placements):
        members = groups.get(placement.get("party"), [])
        if not all(m in candidates for m in members):
            continue  # a member that is a stel: its candidates are those of its lists
        person = placement["candidate"]
        summed = sum(
            c.get("votes", 0) * weights[m]
            for m in members
            for c in candidates[m]
            if _key(c) == person
        )
        if not summed_done and summed != placement["votes"]:
            wrong = final(result)
            wrong["placements"][index]["votes"] = summed
            summed_done = True
            yield Wrong(
                PLACEMENT_SUMMED_VOTES,
                f"group {placement['party']}: candidate {person!r} placed on list "
                f"{placement['list']} with votes {summed} (summed) instead of "
                f"{placement['votes']}",
                wrong,
                rules=("P16-placement",),
            )
        order: list[Any] = []
        for m in members:
            for c in candidates[m]:
                if _key(c) not in order:
                    order.append(_key(c))
        number = order.index(person) + 1 if person in order else None
        if not number_done and number is not None and number != placement["position"]:
            wrong = final(result)
            wrong["placements"][index]["position"] = number
            number_done = True
            yield Wrong(
                PLACEMENT_GROUP_NUMBER,
                f"group {placement['party']}: candidate {person!r} placed on list "
                f"{placement['list']} at position {number} (their number in the group) "
                f"instead of {placement['position']}",
                wrong,
                rules=("P16-placement",),
            )


def _list_seat_too_many(document: Mapping[str, Any], result: Mapping[str, Any]) -> Iterator[Wrong]:
    for group, members in sorted(_group_members(document).items()):
        held = [m for m in members if str(m) in result.get("seats", {})]
        if not held or not result.get("party_seats", {}).get(str(group)):
            continue
        number = str(held[0])
        wrong = final(result)
        wrong["seats"][number] += 1
        yield Wrong(
            LIST_SEAT_TOO_MANY,
            f"group {group}: list {number} given {wrong['seats'][number]} seats instead of "
            f"{result['seats'][number]}",
            wrong,
            rules=("P12-seat-sum",),
        )
        return


def _preference_not_summed(
    document: Mapping[str, Any], result: Mapping[str, Any]
) -> Iterator[Wrong]:
    chosen = result.get("elected_on_preference") or {}
    candidates = _candidates_of(document)
    for group, members in sorted(_group_members(document).items()):
        if not all(m in candidates for m in members):
            continue
        votes: dict[Any, int] = {}
        for m in members:
            for c in candidates[m]:
                votes[_key(c)] = votes.get(_key(c), 0) + c.get("votes", 0)
        placed = [
            (votes[_key(c)], m, c["number"])
            for m in members
            for c in candidates[m]
            if c["number"] in chosen.get(str(m), [])
        ]
        if not placed:
            continue
        _, unit, number = min(placed, key=lambda p: (p[0], -p[1], -p[2]))
        wrong = final(result)
        wrong["elected_on_preference"][str(unit)].remove(number)
        yield Wrong(
            PREFERENCE_NOT_SUMMED,
            f"group {group}: candidate {number} of list {unit}, elected on preference, left "
            "out of elected_on_preference",
            wrong,
            rules=("P15.2-summed-preference",),
        )
        return


def _combination_seat_move(result: Mapping[str, Any]) -> Iterator[Wrong]:
    if result.get("elected"):
        return  # the members' candidates would follow the seats: not this mistake alone
    for index, distribution in enumerate(result.get("distributions") or []):
        order = distribution.get("remainder_order") or []
        if distribution.get("step") != "combination_distribution" or not order:
            continue
        loser = order[-1]
        members = [row["member"] for row in distribution["rows"]]
        gainer = next((m for m in members if m != loser), None)
        seats = result.get("seats", {})
        if gainer is None or str(loser) not in seats or str(gainer) not in seats:
            continue  # a member that is a lijstengroep: its lists would change too
        wrong = final(result)
        moved = wrong["distributions"][index]
        for row in moved["rows"]:
            row["seats"] += (row["member"] == gainer) - (row["member"] == loser)
        moved["remainder_order"] = [*order[:-1], gainer]
        for field in ("party_seats", "seats"):
            wrong[field][str(loser)] -= 1
            wrong[field][str(gainer)] += 1
        yield Wrong(
            COMBINATION_SEAT_MOVE,
            f"combination {distribution['owner']}: its last remainder seat moved from member "
            f"{loser} to member {gainer}",
            wrong,
            rules=("combination-P11-largest-remainder",),
        )
        return


def _final_claim(result: Mapping[str, Any]) -> dict[str, Any]:
    """``result`` stripped to its final claim (``FINAL_CLAIM_FIELDS``): no trace, no
    ``national.steps``; such an answer is judged on its claim (``spec.rules.district_final``)."""
    keep = FINAL_CLAIM_FIELDS[str(result["status"])]
    out = {k: copy.deepcopy(v) for k, v in result.items() if k in keep}
    if isinstance(out.get("national"), dict):
        out["national"].pop("steps", None)
    return out


def _final_group_seat_move(
    document: Mapping[str, Any], result: Mapping[str, Any]
) -> Iterator[Wrong]:
    for index, loser, gainer in movable_remainder_seats(document, result):
        owner = result["distributions"][index]["owner"]
        wrong = _final_claim(result)
        wrong["seats"][str(loser)] -= 1
        wrong["seats"][str(gainer)] += 1
        yield Wrong(
            FINAL_GROUP_SEAT_MOVE,
            f"group {owner}: its last remainder seat moved from list {loser} to list {gainer}, "
            "final claim only",
            wrong,
            rules=("P12.2-largest-remainder",),
        )
        return


def _group_seat_move_order_kept(
    document: Mapping[str, Any], result: Mapping[str, Any]
) -> Iterator[Wrong]:
    for index, loser, gainer in movable_remainder_seats(document, result):
        wrong = final(result)
        moved = wrong["distributions"][index]
        for row in moved["rows"]:
            row["seats"] += (row["member"] == gainer) - (row["member"] == loser)
        wrong["seats"][str(loser)] -= 1
        wrong["seats"][str(gainer)] += 1
        yield Wrong(
            GROUP_SEAT_MOVE_ORDER_KEPT,
            f"group {moved['owner']}: its last remainder seat moved from list {loser} to list "
            f"{gainer}, in the rows and the seats; remainder_order kept",
            wrong,
            rules=("P12.2-largest-remainder",),
        )
        return


def _distribution_after_moves(result: Mapping[str, Any]) -> Iterator[Wrong]:
    seats = result.get("seats", {})
    for index, distribution in enumerate(result.get("distributions") or []):
        if distribution.get("step") != "group_distribution":
            continue
        rows = distribution["rows"]
        after = {row["member"]: seats.get(str(row["member"])) for row in rows}
        if None in after.values() or all(row["seats"] == after[row["member"]] for row in rows):
            continue
        wrong = final(result)
        for row in wrong["distributions"][index]["rows"]:
            row["seats"] = after[row["member"]]
        before = ", ".join(f"{row['member']}: {row['seats']}" for row in rows)
        stated = ", ".join(f"{m}: {s}" for m, s in after.items())
        yield Wrong(
            DISTRIBUTION_AFTER_MOVES,
            f"group {distribution['owner']}: the rows' seats {stated} (after P 16 lid 2 and P "
            f"13) instead of {before}",
            wrong,
            rules=("P12-seat-sum", "P16-P18-group-candidates"),
        )
        return


_OTHER_METHOD = {"largest_remainder": "greatest_average", "greatest_average": "largest_remainder"}


def _reassigned_other_method(result: Mapping[str, Any]) -> Iterator[Wrong]:
    for index, distribution in enumerate(result.get("distributions") or []):
        rules = GROUP_RULES.get(str(distribution.get("step")))
        if rules is None:
            continue
        for at, entry in enumerate(distribution.get("reassigned") or []):
            method = _OTHER_METHOD.get(str(entry.get("method")))
            if method is None:
                continue
            wrong = final(result)
            wrong["distributions"][index]["reassigned"][at]["method"] = method
            yield Wrong(
                REASSIGNED_OTHER_METHOD,
                f"{_word(distribution)} {distribution['owner']}: the seat passed on from list "
                f"{entry.get('from')} to list {entry.get('to')} by {method} instead of "
                f"{entry.get('method')}",
                wrong,
                rules=(rules[1],),
            )
            return


def _final_list_order_swapped(result: Mapping[str, Any]) -> Iterator[Wrong]:
    preferred = result.get("elected_on_preference") or {}
    for unit, elected in sorted((result.get("elected") or {}).items(), key=lambda kv: int(kv[0])):
        tail = list(elected)[len(preferred.get(unit) or []) :]
        if len(tail) < 2:
            continue
        wrong = _final_claim(result)
        wrong["elected"][unit][-2:] = [elected[-1], elected[-2]]
        yield Wrong(
            FINAL_LIST_ORDER_SWAPPED,
            f"list {unit}: elected {wrong['elected'][unit]} instead of {list(elected)}, final "
            "claim only",
            wrong,
            rules=("P18-elected-once",),
        )
        return


LOT_STAGE_RULES = {
    ("combination", "combination_seat"): "combination-P11-largest-remainder",
    ("group", "group_seat"): "P12.2-largest-remainder",
    ("candidates", "group_seat"): "P16-P18-group-candidates",
    ("candidates", "candidate"): "P15.2-summed-preference",
    ("national", "residual_seat"): "LOT-drawn",
    ("national", "absolute_majority"): "LOT-drawn",
}
"""The rule under which a district lot question of (stage, kind) is judged
(``spec.rules.district_final.Question.rule_id``)."""


def _lots_used(result: Mapping[str, Any]) -> Iterator[Wrong]:
    lot = result.get("lot") or {}
    rule = LOT_STAGE_RULES.get((str(result.get("stage")), str(lot.get("kind"))))
    if rule is None or type(result.get("lots_used")) is not int:
        return
    wrong = final(result)
    wrong["lots_used"] += 1
    yield Wrong(
        LOTS_USED_COUNTS_THE_QUESTION,
        f"a {lot['kind']} lot of stage {result['stage']}: lots_used {wrong['lots_used']} "
        f"instead of {result['lots_used']}",
        wrong,
        rules=(rule,),
    )


def _seats_so_far_moved(result: Mapping[str, Any]) -> Iterator[Wrong]:
    """``SEATS_SO_FAR_SEAT_MOVED``: at stage ``combination`` or ``group`` every key of
    ``seats_so_far`` is decided (per contestant, per party), the question's owner (the
    combination, the group) included: one seat of the first other key holding one is moved to
    the owner."""
    lot = result.get("lot") or {}
    rule = LOT_STAGE_RULES.get((str(result.get("stage")), str(lot.get("kind"))))
    so_far = result.get("seats_so_far") or {}
    owner = str(lot.get("list"))
    if result.get("stage") not in ("combination", "group") or rule is None or owner not in so_far:
        return
    giver = next((k for k, v in so_far.items() if k != owner and v > 0), None)
    if giver is None:
        return
    wrong = final(result)
    wrong["seats_so_far"][giver] -= 1
    wrong["seats_so_far"][owner] += 1
    yield Wrong(
        SEATS_SO_FAR_SEAT_MOVED,
        f"a {lot['kind']} lot of stage {result['stage']}: a seat of {giver} moved to {owner} "
        f"in seats_so_far ({so_far[giver]} → {so_far[giver] - 1}, {so_far[owner]} → "
        f"{so_far[owner] + 1})",
        wrong,
        rules=(rule,),
    )


def district_wrongs(document: Mapping[str, Any], result: Mapping[str, Any]) -> list[Wrong]:
    """The wrong answers of this module derived from one ``allocate-districts`` vector."""
    if result["status"] == "needs_lot":
        return [*_lots_used(result), *_seats_so_far_moved(result)]
    if result["status"] != "completed":
        return []
    out = [*_distribution_wrongs(result), *_list_seat_too_many(document, result)]
    out += _combination_seat_move(result)
    out += _placement_wrongs(document, result)
    out += _preference_not_summed(document, result)
    out += _final_group_seat_move(document, result)
    out += _group_seat_move_order_kept(document, result)
    out += _distribution_after_moves(result)
    out += _reassigned_other_method(result)
    out += _final_list_order_swapped(result)
    return out


DistrictAllocator = Callable[[Mapping[str, Any]], dict[str, Any]]
"""The reference's result document (trace included) for a district input."""


def candidate_lot_wrongs(
    document: Mapping[str, Any], result: Mapping[str, Any], allocator: DistrictAllocator
) -> list[Wrong]:
    """``CANDIDATE_LOT_OTHERWISE``: for each supplied candidate lot, the reference's answer to
    the input with that lot drawn for each other option, where it completes and elects other
    candidates on preference than the right answer (as final claim, and with its trace)."""
    out: list[Wrong] = []
    if result.get("status") != "completed":
        return out
    lots = list(document.get("lots") or [])
    for index, lot in enumerate(lots):
        if lot.get("kind") != "candidate":
            continue
        for other in lot["options"]:
            if other == lot["drawn"]:
                continue
            changed = [*lots[:index], {**lot, "drawn": other}, *lots[index + 1 :]]
            answer = allocator({**document, "lots": changed})
            if answer.get("status") != "completed":
                continue
            if answer.get("elected_on_preference") == result.get("elected_on_preference"):
                continue
            change = (
                f"lots[{index}] (candidate lot of party {lot.get('list')}, options "
                f"{lot['options']}) followed as if drawn {other}, not {lot['drawn']}"
            )
            out.append(
                Wrong(
                    CANDIDATE_LOT_OTHERWISE,
                    change + ", final claim only",
                    _final_claim(answer),
                    rules=("P15.2-summed-preference",),
                )
            )
            out.append(
                Wrong(
                    CANDIDATE_LOT_OTHERWISE,
                    change + ", with its trace",
                    dict(answer),
                    rules=("P15.2-summed-preference",),
                )
            )
    return out


EerstekamerAllocator = Callable[[Mapping[str, Any]], dict[str, Any]]
"""The reference's result document (steps included) for a ``kieswet/eerste-kamer-input@1``."""


def _stemwaarde_truncated(body: Mapping[str, Any]) -> dict[str, Any]:
    if "stemwaarde" in body or "inhabitants" not in body:
        return dict(body)
    out = {k: v for k, v in body.items() if k != "inhabitants"}
    out["stemwaarde"] = max(1, body["inhabitants"] // (100 * body["members"]))
    return out


def _stemwaarde_one(body: Mapping[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in body.items() if k != "inhabitants"}
    out["stemwaarde"] = 1
    return out


def eerste_kamer_wrongs(
    document: Mapping[str, Any], result: Mapping[str, Any], allocator: EerstekamerAllocator
) -> list[Wrong]:
    """The wrong answers derived from one ``allocate-eerste-kamer`` vector: the reference's
    whole answer (steps included, so the P 6 step states the stemcijfers) to the input weighed
    wrongly."""
    if result["status"] != "completed":
        return []
    out: list[Wrong] = []
    for kind, body_change, what in (
        (EK_UNWEIGHTED, _stemwaarde_one, "every stemwaarde taken as 1"),
        (EK_STEMWAARDE_TRUNCATED, _stemwaarde_truncated, "stemwaarden rounded down"),
    ):
        bodies = [body_change(b) for b in document["bodies"]]
        if bodies == [_as_given(b) for b in document["bodies"]]:
            continue
        changed = copy.deepcopy(dict(document))
        changed["bodies"] = bodies
        wrong = allocator(changed)
        if wrong.get("status") != "completed":
            continue
        out.append(Wrong(kind, what, wrong, rules=("U3-stemcijfer",)))
    return out


def _as_given(body: Mapping[str, Any]) -> dict[str, Any]:
    """``body`` with its stemwaarde as U 2 makes it (an exact half upwards), for comparing."""
    if "stemwaarde" in body or "inhabitants" not in body:
        return dict(body)
    out = {k: v for k, v in body.items() if k != "inhabitants"}
    out["stemwaarde"] = _u2_rounded(body["inhabitants"], body["members"])
    return out


def _u2_rounded(inhabitants: int, members: int) -> int:
    """U 2: inhabitants / (100 × members), a fraction of 1/2 or more rounded up, less dropped
    ("Breuken worden daarbij, indien zij 1/2 of meer bedragen, naar boven afgerond")."""
    return int(Fraction(inhabitants, 100 * members) + Fraction(1, 2))
