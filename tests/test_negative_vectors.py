"""The negative vectors: wrong answers every judge must reject, naming the rules listed.

Each wrong answer is checked here against its own input and its base vector's right answer, by
what its kind claims (a seat moved keeps the total; a silent lot completes where the right
answer asks; a deceased candidate is elected; ...), not by our judge's output. Then: our judge
rejects every one naming its rules and accepts the right answers; a judge with one rule
switched off lets some through (the vectors can fail); an external checker that accepts
everything fails ``kieswet vectors check-judge``, one that answers rightly passes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import sys
from collections import Counter
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import spec.check
import spec.district_check
from conformance.negative import check_judge, spec_judge
from conformance.suite import SuiteError, default_suite, load_negative, load_suite
from conformance.vector_sources import negative, negative_districts
from interchange.districts import district_result_to_json, parse_district_election
from kieswet.cli import main
from reference.districts import allocate_districts
from spec.claims import TRACE_FIELDS
from spec.districts import DistrictElection
from spec.exact import parse_mixed

SUITE = default_suite()
pytestmark = pytest.mark.skipif(
    not (SUITE / "manifest.json").is_file(), reason="the shipped suite is not built yet"
)
NEGATIVES = load_negative(SUITE) if (SUITE / "manifest.json").is_file() else []
BASES = (
    {v.id: v for v in load_suite(SUITE).vectors} if (SUITE / "manifest.json").is_file() else {}
)


def _by_kind(kind: negative.Kind) -> list[Any]:
    return [n for n in NEGATIVES if n.vector.group == kind.name]


def _seats(mapping: dict[str, Any]) -> dict[str, int]:
    return {str(k): v for k, v in mapping.items()}


def test_every_kind_is_there_at_least_three_times_except_the_rare_district_ones() -> None:
    counts = Counter(n.vector.group for n in NEGATIVES)
    for kind in (*negative.KINDS, *negative_districts.KINDS):
        assert counts[kind.name] >= 3, (kind.name, counts[kind.name])
    assert {n.vector.operation for n in NEGATIVES} == {
        "allocate",
        "allocate-districts",
        "allocate-eerste-kamer",
        "totalise",  # its kinds: tests/test_negative_totalise.py
    }


DISTRICT_RULES = (
    "P12-seat-sum",
    "P12.1-group-quota",
    "P12.2-largest-remainder",
    "P15.2-summed-preference",
    "P16-placement",
    "P16-P18-group-candidates",
    "P18-elected-once",
    "P19-group-ranking",
    "combination-P11-quota",
    "combination-P11-largest-remainder",
    "U3-stemcijfer",
)
"""The rules of the district and Eerste Kamer judges a wrong answer can break (``U2-stemwaarde``
cannot be: an answer states no stemwaarden, see docs/eerste-kamer.md)."""


def test_every_district_and_eerste_kamer_rule_is_named_by_three_wrong_answers() -> None:
    counts = Counter(rule for n in NEGATIVES for rule in n.vector.rules)
    for rule_id in DISTRICT_RULES:
        assert counts[rule_id] >= 3, (rule_id, counts[rule_id])


def _trace_field(result: dict[str, Any], owner: int, name: str) -> Any:
    (found,) = [d for d in result["distributions"] if d["owner"] == owner]
    return found[name]


def test_the_district_trace_kinds_change_what_they_say() -> None:
    """Each kind of negative_districts checked against its base's right answer: the compared
    fields are right, and the changed field is changed as the kind says."""
    for n in _by_kind(negative_districts.REMAINDER_ORDER_BY_NUMBER):
        assert n.result["seats"] == n.vector.expected["seats"]
        changed = [
            (d["remainder_order"], r["remainder_order"])
            for d, r in zip(n.result["distributions"], _distributions(n.vector.input), strict=True)
            if d["remainder_order"] != r["remainder_order"]
        ]
        assert len(changed) == 1
        assert changed[0][0] == sorted(changed[0][1]) != changed[0][1]
    for n in _by_kind(negative_districts.REASSIGNED_LEFT_OUT):
        assert any(d["reassigned"] == [] for d in n.result["distributions"])
        assert any(d["reassigned"] for d in _distributions(n.vector.input))
    for n in _by_kind(negative_districts.LOTS_USED_COUNTS_THE_QUESTION):
        # every supplied lot of the later stages was used before the question; the wrong
        # answer counts the question's own lot too
        assert n.result["status"] == "needs_lot"
        later = [lot for lot in n.vector.input.get("lots", []) if lot["kind"] not in NATIONAL]
        assert n.result["lots_used"] == len(later) + 1
    for n in _by_kind(negative_districts.LIST_SEAT_TOO_MANY):
        want, got = _seats(n.vector.expected["seats"]), _seats(n.result["seats"])
        assert sorted(got[k] - want[k] for k in want)[-1] == 1
        assert sum(got.values()) == sum(want.values()) + 1
    for n in _by_kind(negative_districts.EK_UNWEIGHTED) + _by_kind(
        negative_districts.EK_STEMWAARDE_TRUNCATED
    ):
        # the P 6 step states stemcijfers that are not the member votes times the stemwaarden
        # (U 2: inhabitants / (100 x members), an exact half upwards, or as given; U 3)
        weight = {
            b["name"]: b.get("stemwaarde")
            or int(Fraction(b["inhabitants"], 100 * b["members"]) + Fraction(1, 2))
            for b in n.vector.input["bodies"]
        }
        law = {
            lst["number"]: sum(
                v * weight[body]
                for votes in _vote_maps(lst)
                for body, v in votes.items()
            )
            for lst in n.vector.input["lists"]
        }
        rows = next(s for s in n.result["steps"] if s["step"] == "full_seats")["lists"]
        assert any(r["votes"] != law[r["list"]] for r in rows), n.vector.id


NATIONAL = ("residual_seat", "absolute_majority")


def _stemwaarden(document: dict[str, Any]) -> dict[int, int]:
    """Each district's stemwaarde (U 2) from a district input alone: as given, or inhabitants /
    (100 x members) with a fraction of 1/2 or more rounded up and less dropped ("Breuken worden
    daarbij, indien zij 1/2 of meer bedragen, naar boven afgerond"), at least 1 as the format
    requires of every stemwaarde (docs/districts.md); 1 where the district gives neither (every
    kind but the Eerste Kamer)."""
    out = {}
    for district in document["districts"]:
        if "stemwaarde" in district:
            weight = district["stemwaarde"]
        elif "inhabitants" in district:
            share = Fraction(district["inhabitants"], 100 * district["members"])
            weight = max(1, int(share + Fraction(1, 2)))
        else:
            weight = 1
        out[district["number"]] = weight
    return out


def _identity(candidate: dict[str, Any]) -> Any:
    """A candidate's identity across lists (P 15): the input's id, or else the name."""
    return candidate.get("id", candidate.get("name"))


def _unit_lists(document: dict[str, Any], unit: int) -> list[dict[str, Any]]:
    """The district lists of a P 12 list (a stel: its lists; a district list: itself)."""
    by_number = {lst["number"]: lst for lst in document["lists"]}
    sets = {s["number"]: s["lists"] for s in document.get("sets", [])}
    return [by_number[n] for n in sets.get(unit, [unit])]


def _weighted_votes(document: dict[str, Any], units: list[int], person: Any) -> int:
    """The votes for ``person`` on the district lists of ``units``, each vote weighed by its
    district's stemwaarde (U 2, U 3: a candidate's votes are the weighted sums,
    docs/districts.md, "The Eerste Kamer district structure"; 1 for every other kind)."""
    weight = _stemwaarden(document)
    return sum(
        c["votes"] * weight[lst["district"]]
        for unit in units
        for lst in _unit_lists(document, unit)
        for c in lst.get("candidates", [])
        if _identity(c) == person
    )


def _lawful_placement(document: dict[str, Any], placement: dict[str, Any]) -> tuple[int, int]:
    """(position, votes) a P 16 placement must state, from the input alone (docs/districts.md,
    the placements): the person's number on the list placed on, and the votes for them on that
    list (weighted; for a stel its lists' together), not summed over the group's lists."""
    lists = _unit_lists(document, placement["list"])
    positions = {
        c["number"]
        for lst in lists
        for c in lst.get("candidates", [])
        if _identity(c) == placement["candidate"]
    }
    assert len(positions) == 1, placement  # on the list, once (a stel's lists are alike)
    votes = _weighted_votes(document, [placement["list"]], placement["candidate"])
    return positions.pop(), votes


def _group_member_units(document: dict[str, Any], party: int) -> list[int]:
    (members,) = [g["members"] for g in document["groups"] if g["number"] == party]
    return list(members)


def _group_number(document: dict[str, Any], party: int, person: Any) -> int:
    """The person's number in the lijstengroep's order of persons: its lists in member order,
    each in position order, a person counted where first met (the numbering of P 15's
    candidate lots, docs/districts.md)."""
    order: list[Any] = []
    for unit in _group_member_units(document, party):
        first = _unit_lists(document, unit)[0]
        for c in sorted(first.get("candidates", []), key=lambda c: c["number"]):
            if _identity(c) not in order:
                order.append(_identity(c))
    return order.index(person) + 1


def _unlawful_placements(
    document: dict[str, Any], placements: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], tuple[int, int]]]:
    """The placements whose (position, votes) are not the lawful ones, each with the lawful."""
    out = []
    for placement in placements:
        lawful = _lawful_placement(document, placement)
        if (placement["position"], placement["votes"]) != lawful:
            out.append((placement, lawful))
    return out


@pytest.mark.parametrize(
    "kind",
    [negative_districts.PLACEMENT_SUMMED_VOTES, negative_districts.PLACEMENT_GROUP_NUMBER],
    ids=lambda kind: kind.name,
)
def test_the_placement_kinds_state_one_placement_unlawfully(kind: negative.Kind) -> None:
    """Each wrong answer of the two P 16 placement kinds, against the lawful placements worked
    out from its input alone, for a base with stemwaarden (Eerste Kamer) as for one without:
    exactly one placement departs, in the field the kind names and only there, and states what
    the kind says (the person's votes summed over the group's lists, weighted: the P 15
    figure; or their number in the group's order of persons). The reference's own placements
    for the base depart nowhere (the lawful computation agrees with the right answer)."""
    assert _by_kind(kind), kind.name
    for n in _by_kind(kind):
        document = n.vector.input
        right = district_result_to_json(allocate_districts(_parsed(document)))
        assert right["placements"] and _unlawful_placements(document, right["placements"]) == []
        placed = [
            {k: v for k, v in p.items() if k not in ("position", "votes")}
            for p in right["placements"]
        ]
        assert [
            {k: v for k, v in p.items() if k not in ("position", "votes")}
            for p in n.result["placements"]
        ] == placed, n.vector.id
        departures = _unlawful_placements(document, n.result["placements"])
        assert len(departures) == 1, (n.vector.id, departures)
        ((placement, (position, votes)),) = departures
        party, person = placement["party"], placement["candidate"]
        if kind is negative_districts.PLACEMENT_SUMMED_VOTES:
            assert placement["position"] == position, n.vector.id
            summed = _weighted_votes(document, _group_member_units(document, party), person)
            assert placement["votes"] == summed != votes, n.vector.id
        else:
            assert placement["votes"] == votes, n.vector.id
            number = _group_number(document, party, person)
            assert placement["position"] == number != position, n.vector.id


def test_the_lawful_placement_weighs_the_votes_by_stemwaarde() -> None:
    """The lawful placement on an Eerste Kamer base with stemwaarden, by hand: district 1
    stemwaarde 3, district 2 stemwaarde 1 (U 2, given). Group 1: list 11 (district 1: A 40, X
    10; stemcijfer 50 x 3 = 150), list 12 (district 2: A 30, B 130, C 0; 160); list 2 (district
    2) 1690. 2000, 20 seats, kiesdeler 100: group 310 → 3 full seats (remainder 10), list 2 16
    (remainder 90); the residual seat (P 7): 310/4 = 77 1/2 < 1690/17 → list 2. P 12:
    groepskiesdeler 310/3 = 103 1/3: 11: 1 (remainder 46 2/3), 12: 1 (56 2/3) + the remainder
    seat. U 15 lid 3, weighted votes summed over the group at least the kiesdeler: A 40 x 3 +
    30 = 150, B 130. P 16 lid 1: A → list 11 (120 weighted votes there, 30 on list 12), B →
    list 12. So the placements state A on 11 at position 1 with 120 votes (not the 40 cast, not
    the summed 150) and B on 12 at position 2 with 130; the reference's agree."""
    document = _weighted_base()
    assert _lawful_placement(document, {"list": 11, "candidate": "A"}) == (1, 120)
    assert _lawful_placement(document, {"list": 12, "candidate": "B"}) == (2, 130)
    assert _weighted_votes(document, _group_member_units(document, 1), "A") == 150
    right = district_result_to_json(allocate_districts(_parsed(document)))
    assert right["seats"] == {"11": 1, "12": 2, "2": 17}
    stated = {(p["list"], p["candidate"], p["position"], p["votes"]) for p in right["placements"]}
    assert stated == {(11, "A", 1, 120), (12, "B", 2, 130)}
    assert _unlawful_placements(document, right["placements"]) == []


def test_the_summed_votes_kind_weighs_the_votes_by_stemwaarde() -> None:
    """The generator of PLACEMENT_SUMMED_VOTES on the weighted base above (district 1
    stemwaarde 3, district 2 stemwaarde 1): A's placement on list 11 (120 weighted votes there)
    is stated with A's votes summed over the group's lists weighted, 40 x 3 + 30 = 150 (the
    P 15 figure, U 15 lid 3), not the unweighted 40 + 30 = 70; B's placement (130, all on list
    12) sums to itself, so it is the only wrong answer of the kind; the other placement and
    fields are the reference's. The same with the stemwaarde of district 1 given by U 2
    instead: 1450 inhabitants, 5 members → 1450 / 500 = 2.9 → 3."""
    computed = _weighted_base()
    computed["districts"][0] = {"number": 1, "inhabitants": 1450, "members": 5}
    for document in (_weighted_base(), computed):
        right = district_result_to_json(allocate_districts(_parsed(document)))
        wrongs = [
            w
            for w in negative_districts.district_wrongs(document, right)
            if w.kind is negative_districts.PLACEMENT_SUMMED_VOTES
        ]
        assert len(wrongs) == 1
        (wrong,) = wrongs
        stated = [(p["list"], p["candidate"], p["votes"]) for p in wrong.result["placements"]]
        assert sorted(stated) == [(11, "A", 150), (12, "B", 130)]
        assert {k: v for k, v in wrong.result.items() if k != "placements"} == {
            k: v for k, v in right.items() if k != "placements"
        }


def _weighted_base() -> dict[str, Any]:
    """The hand-computed Eerste Kamer base of the two tests above."""
    return {
        "format": "kieswet/district-allocation-input@1",
        "election": {"kind": "EK", "seats": 20, "law": "current", "profile": "default"},
        "districts": [{"number": 1, "stemwaarde": 3}, {"number": 2, "stemwaarde": 1}],
        "lists": [
            {
                "number": 11,
                "district": 1,
                "candidates": [
                    {"number": 1, "name": "A", "votes": 40},
                    {"number": 2, "name": "X", "votes": 10},
                ],
            },
            {
                "number": 12,
                "district": 2,
                "candidates": [
                    {"number": 1, "name": "A", "votes": 30},
                    {"number": 2, "name": "B", "votes": 130},
                    {"number": 3, "name": "C", "votes": 0},
                ],
            },
            {"number": 2, "district": 2, "votes": 1690, "candidate_count": 30},
        ],
        "sets": [],
        "groups": [{"number": 1, "members": [11, 12]}],
    }


def _parsed(document: dict[str, Any]) -> DistrictElection:
    election = parse_district_election(document)
    assert isinstance(election, DistrictElection)
    return election


def _vote_maps(item: dict[str, Any]) -> list[dict[str, int]]:
    """An Eerste Kamer list's member votes per body: the list's own, and each candidate's."""
    return [item.get("votes", {}), *(c["votes"] for c in item.get("candidates", []))]


def _distributions(document: Any) -> list[dict[str, Any]]:
    """The distributions of the reference's answer to a district input."""
    election = parse_district_election(document)
    assert isinstance(election, DistrictElection)
    return list(district_result_to_json(allocate_districts(election))["distributions"])


def _group_move(n: Any) -> tuple[int, int, int]:
    """(group, list losing a seat, list gaining it): the party seats as in the right answer,
    two lists of one lijstengroep one seat apart each way."""
    assert n.result["party_seats"] == n.vector.expected["party_seats"], n.vector.id
    want, got = _seats(n.vector.expected["seats"]), _seats(n.result["seats"])
    changes = {int(k): got[k] - want[k] for k in want if got[k] != want[k]}
    assert sorted(changes.values()) == [-1, 1], n.vector.id
    (loser,) = [k for k, v in changes.items() if v == -1]
    (gainer,) = [k for k, v in changes.items() if v == 1]
    (group,) = [
        g["number"] for g in n.vector.input["groups"] if {loser, gainer} <= set(g["members"])
    ]
    return group, loser, gainer


def _full_seats(document: dict[str, Any], group: int, seats: int) -> dict[int, int]:
    """P 12 lid 4, from the input alone: each member's stemcijfer (a stel's: its lists'
    together) times the group's seats, divided by the group's stemcijfer, rounded down."""
    sets = {s["number"]: s["lists"] for s in document.get("sets", [])}
    votes = {lst["number"]: _votes(lst) for lst in document["lists"]}
    (members,) = [g["members"] for g in document["groups"] if g["number"] == group]
    stemcijfer = {m: sum(votes[n] for n in sets.get(m, [m])) for m in members}
    total = sum(stemcijfer.values())
    return {m: v * seats // total for m, v in stemcijfer.items()}


def test_the_district_kinds_against_judge_mutants_are_what_they_say() -> None:
    """The kinds added against the district judge's surviving mutants (issue 16), each checked
    on its own input and right answer."""
    for n in _by_kind(negative_districts.FINAL_GROUP_SEAT_MOVE):
        # the final claim only, a remainder seat moved: the losing list keeps its full seats
        assert not set(n.result) & set(TRACE_FIELDS), n.vector.id
        assert "steps" not in n.result["national"]
        group, loser, _ = _group_move(n)
        seats = n.vector.expected["party_seats"][str(group)]
        full = _full_seats(n.vector.input, group, seats)
        assert n.result["seats"][str(loser)] == full[loser], n.vector.id
    for n in _by_kind(negative_districts.GROUP_SEAT_MOVE_ORDER_KEPT):
        # rows and seats moved alike; every remainder_order as in the right answer
        group, loser, gainer = _group_move(n)
        (moved,) = [d for d in n.result["distributions"] if d["owner"] == group]
        rows = {row["member"]: row["seats"] for row in moved["rows"]}
        assert all(rows[m] == n.result["seats"][str(m)] for m in (loser, gainer))
        right = _distributions(n.vector.input)
        assert [d["remainder_order"] for d in n.result["distributions"]] == [
            d["remainder_order"] for d in right
        ]
    for n in _by_kind(negative_districts.DISTRIBUTION_AFTER_MOVES):
        # the seats right; some group's rows state those seats, not P 12 / P 13's, and the
        # answer moved seats of that group (a P 16 lid 2 placement or a P 13 transfer)
        assert _seats(n.result["seats"]) == _seats(n.vector.expected["seats"])
        right = {d["owner"]: d for d in _distributions(n.vector.input)}
        changed = [
            d["owner"] for d in n.result["distributions"] if d["rows"] != right[d["owner"]]["rows"]
        ]
        assert len(changed) == 1, n.vector.id
        (owner,) = changed
        (rows,) = [d["rows"] for d in n.result["distributions"] if d["owner"] == owner]
        assert all(row["seats"] == n.result["seats"][str(row["member"])] for row in rows)
        assert any(
            p["party"] == owner and p["article"] == "P 16 lid 2" for p in n.result["placements"]
        ) or any(t["party"] == owner for t in n.result["transfers"])
    for n in _by_kind(negative_districts.REASSIGNED_OTHER_METHOD):
        # one seat passed on: its method flipped between largest_remainder and greatest_average,
        # its from and to as in the right answer; the seats right
        assert _seats(n.result["seats"]) == _seats(n.vector.expected["seats"])
        right = [d.get("reassigned") or [] for d in _distributions(n.vector.input)]
        got = [d.get("reassigned") or [] for d in n.result["distributions"]]
        pairs = [(a, b) for r, g in zip(right, got, strict=True) for a, b in zip(r, g, strict=True)]
        changed = [(a, b) for a, b in pairs if a != b]
        assert len(changed) == 1, n.vector.id
        ((a, b),) = changed
        assert (a["from"], a["to"]) == (b["from"], b["to"])
        assert {a["method"], b["method"]} == {"largest_remainder", "greatest_average"}
    for n in _by_kind(negative_districts.FINAL_LIST_ORDER_SWAPPED):
        # the final claim only; one list's last two elected swapped, neither elected on
        # preference, the same candidates elected
        assert not set(n.result) & set(TRACE_FIELDS), n.vector.id
        want, got = n.vector.expected["elected"], n.result["elected"]
        changed = [u for u in want if list(want[u]) != list(got.get(u, []))]
        assert len(changed) == 1, n.vector.id
        (unit,) = changed
        assert got[unit] == [*want[unit][:-2], want[unit][-1], want[unit][-2]]
        election = parse_district_election(n.vector.input)
        assert isinstance(election, DistrictElection)
        answer = district_result_to_json(allocate_districts(election))
        on_preference = answer["elected_on_preference"].get(unit, [])
        assert not set(want[unit][-2:]) & set(on_preference), n.vector.id


SOLELY = (
    ("P12-seat-sum", negative_districts.LIST_SEAT_TOO_MANY),
    ("P12.1-group-quota", negative_districts.NATIONAL_QUOTA_IN_DISTRIBUTION),
    ("P12.1-group-quota", negative_districts.QUOTA_IN_WHOLE_VOTES),
    ("P12.2-largest-remainder", negative_districts.REMAINDER_ORDER_BY_NUMBER),
    ("P12.2-largest-remainder", negative_districts.REASSIGNED_LEFT_OUT),
    ("P12.2-largest-remainder", negative_districts.LOTS_USED_COUNTS_THE_QUESTION),
    ("P16-placement", negative_districts.PLACEMENT_SUMMED_VOTES),
    ("P16-placement", negative_districts.PLACEMENT_GROUP_NUMBER),
    ("combination-P11-quota", negative_districts.NATIONAL_QUOTA_IN_DISTRIBUTION),
    ("combination-P11-largest-remainder", negative_districts.COMBINATION_SEAT_MOVE),
    ("P12.2-largest-remainder", negative_districts.FINAL_GROUP_SEAT_MOVE),
    ("P12.2-largest-remainder", negative_districts.GROUP_SEAT_MOVE_ORDER_KEPT),
    ("P12.2-largest-remainder", negative_districts.REASSIGNED_OTHER_METHOD),
    ("P18-elected-once", negative_districts.FINAL_LIST_ORDER_SWAPPED),
)


@pytest.mark.parametrize(("rule_id", "kind"), SOLELY)
def test_these_wrong_answers_are_accepted_with_their_rule_switched_off(
    monkeypatch: pytest.MonkeyPatch, rule_id: str, kind: negative.Kind
) -> None:
    """The wrong answers of the kind that name the rule depend on it alone (at least three of
    them, P12-seat-sum aside: a list one seat too many often leaves a seat without a candidate
    too): with the rule's check switched off our judge accepts them."""
    mutated = tuple(
        dataclasses.replace(r, check=lambda ctx: ()) if r.id == rule_id else r
        for r in spec.check.RULES
    )
    monkeypatch.setattr(spec.check, "RULES", mutated)
    monkeypatch.setattr(spec.district_check, "RULES", mutated)
    mine = [n for n in _by_kind(kind) if rule_id in n.vector.rules]
    report = check_judge(mine, spec_judge)
    accepted = [f for f in report.findings if "aanvaard" in f.message]
    assert len(accepted) >= min(3, len(mine)) and len(mine) >= 1
    if rule_id != "P12-seat-sum":
        assert len(accepted) == len(mine)


JUDGED_ONLY = {
    kind.name
    for kind in (
        negative.WRONG_QUOTA,
        negative.WRONG_LOT_PLACE,
        negative.WRONG_DOUBLE_ELECTION,
        negative.WRONG_TRANSFER,
        negative_districts.REMAINDER_ORDER_BY_NUMBER,
        negative_districts.REASSIGNED_LEFT_OUT,
        negative_districts.PLACEMENT_SUMMED_VOTES,
        negative_districts.PLACEMENT_GROUP_NUMBER,
        negative_districts.LOTS_USED_COUNTS_THE_QUESTION,
        negative_districts.NATIONAL_QUOTA_IN_DISTRIBUTION,
        negative_districts.QUOTA_IN_WHOLE_VOTES,
        negative_districts.EK_UNWEIGHTED,
        negative_districts.EK_STEMWAARDE_TRUNCATED,
        negative_districts.DISTRIBUTION_AFTER_MOVES,
        negative_districts.REASSIGNED_OTHER_METHOD,
        negative.WRONG_STEPS,
        negative.MALFORMED,
        negative.LOTS_USED_ABOVE,
        negative.WRONG_THRESHOLD,
        negative.THRESHOLD_NOT_EXCEEDED,
    )
}
"""The kinds whose mistake is in a field the rules judge and the comparison does not (the
steps, the form of the document, the voorkeurdrempel, the reason a candidate is elected; for
the Eerste Kamer kinds: the stemcijfers of the P 6 step, whatever the seats)."""
WITH_STEPS = {
    negative.WRONG_STEPS.name,
    negative.TIE_ORDER.name,
    negative.MALFORMED.name,
    negative.SEAT_MOVE.name,
    negative.MISFIT_LOT_IGNORED.name,
    negative_districts.EK_UNWEIGHTED.name,
    negative_districts.EK_STEMWAARDE_TRUNCATED.name,
}
"""The kinds whose wrong answer may keep its steps (the mistake is in them; for the Eerste
Kamer, U 3 is judged through the stemcijfers of the P 6 step; a seat moved below 19 seats with
the step that gives it, and a misfit lot ignored by steps that complete without it, are judged
by replaying the steps)."""


def _compared(value: Any) -> Any:
    """A field as the judge compares it: keys as text, lists electing nobody left out."""
    return {str(k): v for k, v in value.items() if v != []} if isinstance(value, dict) else value


def test_the_trace_kinds_change_their_trace_field_only() -> None:
    """A wrong lot place, double election or transfer: every compared field as expected, the
    changed trace entry of the form the schema requires."""
    kinds = (negative.WRONG_LOT_PLACE, negative.WRONG_DOUBLE_ELECTION, negative.WRONG_TRANSFER)
    for kind in kinds:
        found = _by_kind(kind)
        assert found, kind.name
        for n in found:
            assert n.vector.rules, n.vector.id
            for key, want in n.vector.expected.items():
                got = n.result[key]
                assert _compared(got) == _compared(want), (n.vector.id, key)
    for n in _by_kind(negative.WRONG_DOUBLE_ELECTION):
        assert all(d["kept"] in d["lists"] for d in n.result["double_elections"])
    for n in _by_kind(negative.WRONG_TRANSFER):
        assert all(t["from_list"] != t["to_list"] for t in n.result["transfers"])


def test_each_wrong_answer_belongs_to_its_base_vector() -> None:
    """Same input and right answer as the positive vector it came from; the wrong result
    differs from the right answer in a compared field or in the status."""
    for n in NEGATIVES:
        base = BASES[n.base]
        assert base.input == n.vector.input, n.vector.id
        assert base.expected == n.vector.expected, n.vector.id
        assert "invalid" in n.vector.flags
        assert n.vector.rules
        assert "steps" not in n.result or n.vector.group in WITH_STEPS, n.vector.id
        if n.vector.group in JUDGED_ONLY:
            continue  # the field is judged, not compared: see the next tests
        fields = [k for k in n.vector.expected if k in n.result]
        assert n.result["status"] != n.vector.expected["status"] or any(
            _seats(n.result[k]) != _seats(n.vector.expected[k])
            if isinstance(n.result[k], dict) and k != "lot"
            else n.result[k] != n.vector.expected[k]
            for k in fields
            if k != "status"
        ), n.vector.id


def test_the_wrong_answers_are_what_their_kind_says() -> None:
    for n in _by_kind(negative.SEAT_MOVE):
        field = "party_seats" if n.vector.operation == "allocate-districts" else "seats"
        if n.vector.expected["status"] == "needs_lot":
            field = "seats_so_far"
        want, got = _seats(n.vector.expected[field]), _seats(n.result[field])
        assert sum(want.values()) == sum(got.values())
        assert sorted(got[k] - want[k] for k in want if got[k] != want[k]) == [-1, 1]
        if field == "seats_so_far":  # the seat taken is one of the list's full seats (P 6)
            (loser,) = [k for k in want if got[k] < want[k]]
            lists = n.vector.input["lists"]
            votes = {
                str(lst["number"]): lst["votes"]
                if "votes" in lst
                else sum(c["votes"] for c in lst["candidates"])
                for lst in lists
            }
            full = votes[loser] * n.vector.input["election"]["seats"] // sum(votes.values())
            assert want[loser] <= full, n.vector.id
            assert n.vector.rules == ("P6-full-seats",)
    for n in _by_kind(negative.SILENT_LOT):
        assert (n.vector.expected["status"], n.result["status"]) == ("needs_lot", "completed")
    for n in _by_kind(negative.FAKE_LOT):
        assert (n.vector.expected["status"], n.result["status"]) == ("completed", "needs_lot")
        assert n.vector.rules == ("LOT-decisive",)
    for n in _by_kind(negative.WRONG_LOT_OPTIONS):
        want, got = n.vector.expected["lot"]["options"], n.result["lot"]["options"]
        assert set(want) < set(got) and len(got) == len(want) + 1
    for n in _by_kind(negative.WRONG_RANKING) + _by_kind(negative.WRONG_CANDIDATE):
        field = "ranking" if n.vector.group == negative.WRONG_RANKING.name else "elected"
        want, got = n.vector.expected[field], n.result[field]
        changed = [k for k in want if want[k] != got.get(k)]
        assert len(changed) == 1 and len(want[changed[0]]) == len(got[changed[0]])
        if field == "ranking":  # the same candidates, two of them exchanged
            assert sorted(want[changed[0]]) == sorted(got[changed[0]])
    for n in _by_kind(negative.DECEASED_ELECTED):
        dead = {
            (str(lst["number"]), c["number"])
            for lst in n.vector.input["lists"]
            for c in lst.get("candidates", [])
            if c.get("deceased")
        }
        elected = {(k, c) for k, cs in n.result["elected"].items() for c in cs}
        assert dead & elected
        assert n.vector.rules == ("P19a-deceased",)
    for n in _by_kind(negative.P15_IGNORED):
        want, got = n.vector.expected["elected"], n.result["elected"]
        (changed,) = [k for k in want if want[k] != got.get(k)]
        (lst,) = [x for x in n.vector.input["lists"] if str(x["number"]) == changed]
        living = [c["number"] for c in lst["candidates"] if not c.get("deceased")]
        assert got[changed] == living[: len(want[changed])]  # plain list order
        assert n.vector.expected["elected_on_preference"][changed]
        assert n.vector.rules == ("P15-preference-order",)
    for n in _by_kind(negative.WRONG_QUOTA):  # P 5: the votes of all lists over the seats
        votes = sum(
            lst.get("votes", sum(c["votes"] for c in lst.get("candidates", [])))
            for lst in n.vector.input["lists"]
        )
        quota = Fraction(votes, n.vector.input["election"]["seats"])
        if parse_mixed(n.result["quota"]) == quota:  # the quota right: a list's full seats
            (k,) = [k for k in n.vector.expected["full_seats"]
                    if n.result["full_seats"][k] != n.vector.expected["full_seats"][k]]  # fmt: skip
            assert n.result["full_seats"][k] == n.vector.expected["full_seats"][k] + 1
            assert _seats(n.result["seats"]) == _seats(n.vector.expected["seats"])
            assert n.vector.rules == ("P6-full-seats",)
        else:
            assert parse_mixed(n.result["quota"]) == quota + 1
    for n in _by_kind(negative.SEAT_TOO_MANY):
        assert sum(n.result["seats"].values()) == n.vector.input["election"]["seats"] + 1
    for n in _by_kind(negative.UNKNOWN_CANDIDATE):
        numbers = {
            str(lst["number"]): {c["number"] for c in lst.get("candidates", [])}
            for lst in n.vector.input["lists"]
        }
        assert any(c not in numbers[k] for k, cs in n.result["elected"].items() for c in cs)
    for n in _by_kind(negative.P9_MISSING):
        # P 9: more than half of the votes, not more than half of the seats in the answer
        votes = {str(lst["number"]): lst["votes"] for lst in n.vector.input["lists"]}
        total, seats = sum(votes.values()), n.vector.input["election"]["seats"]
        majority = [k for k, v in votes.items() if 2 * v > total]
        assert len(majority) == 1 and 2 * n.result["seats"][majority[0]] <= seats
    for n in _by_kind(negative.EMPTY_SEAT_FILLED):
        # one seat more for one list (with votes and a candidate for it, or without votes:
        # P 7 / P 8 give no residual seat to a list without votes), the seats still no more
        # than the election's
        want, got = _seats(n.vector.expected["seats"]), _seats(n.result["seats"])
        (taker,) = [k for k in want if got[k] != want[k]]
        assert got[taker] == want[taker] + 1
        assert sum(got.values()) <= n.vector.input["election"]["seats"]
        (lst,) = [x for x in n.vector.input["lists"] if str(x["number"]) == taker]
        assert lst["votes"] == 0 or got[taker] <= lst.get("candidate_count", got[taker])
        if lst["votes"] == 0:
            assert n.vector.rules == ("RESIDUAL-no-votes",)
    for n in _by_kind(negative.SEATS_SO_FAR_ABOVE):
        # the lawful question, every list one seat more so far, no more seats than there are
        assert (n.vector.expected["status"], n.result["status"]) == ("needs_lot", "needs_lot")
        question = {k: n.result["lot"].get(k) for k in n.vector.expected["lot"]}
        assert question == n.vector.expected["lot"]
        want, got = _seats(n.vector.expected["seats_so_far"]), _seats(n.result["seats_so_far"])
        assert all(got[k] == want[k] + 1 for k in want)
        assert sum(got.values()) <= n.vector.input["election"]["seats"]
    for n in _by_kind(negative.LOTS_USED_ABOVE):
        # the lawful question and seats so far; one supplied lot more stated used than there
        # are lots before the question in the input (never more than the law can have used)
        assert (n.vector.expected["status"], n.result["status"]) == ("needs_lot", "needs_lot")
        question = {k: n.result["lot"].get(k) for k in n.vector.expected["lot"]}
        assert question == n.vector.expected["lot"]
        assert _seats(n.result["seats_so_far"]) == _seats(n.vector.expected["seats_so_far"])
        assert n.result["lots_used"] >= 1
        assert n.vector.rules == ("LOT-drawn",)
    for n in _by_kind(negative.MISFIT_LOT_IGNORED) + _by_kind(negative.MISFIT_LOT_FOLLOWED):
        # the right answer rejects a supplied lot; the wrong one goes on (a misfit lot
        # followed completes)
        assert n.vector.expected["status"] == "rejected"
        assert [e["code"] for e in n.vector.expected["errors"]] == ["lot_mismatch"]
        followed = n.vector.group == negative.MISFIT_LOT_FOLLOWED.name
        assert n.result["status"] in (("completed",) if followed else ("completed", "needs_lot"))
        assert n.vector.rules == ("LOT-drawn",)
    for n in _by_kind(negative.SEAT_LEFT_EMPTY):
        # one list one seat fewer, that seat given to nobody
        want, got = _seats(n.vector.expected["seats"]), _seats(n.result["seats"])
        assert sorted(got[k] - want[k] for k in want if got[k] != want[k]) == [-1]
    for n in _by_kind(negative.WRONG_PLACEMENT):
        # the same seats and as many elected per list; one person elected on preference on
        # another list of theirs: two lists' preference-elected differ
        want, got = n.vector.expected, n.result
        assert _seats(got["seats"]) == _seats(want["seats"])
        assert {k: len(v) for k, v in got["elected"].items() if v} == {
            k: len(v) for k, v in want["elected"].items()
        }
        changed = [
            k
            for k in got["elected_on_preference"]
            if got["elected_on_preference"][k] != want["elected_on_preference"].get(k, [])
        ]
        assert len(changed) == 2 and n.vector.rules == ("P16-placement",)
    for n in _by_kind(negative.P10_IGNORED):
        counts = {  # lists that state how many candidates they have
            str(lst["number"]): lst.get("candidate_count", len(lst.get("candidates", [])))
            for lst in n.vector.input["lists"]
            if "candidate_count" in lst or "candidates" in lst
        }
        assert any(n.result["seats"][k] > c for k, c in counts.items()), n.vector.id
    for n in _by_kind(negative.GROUP_SEAT_MOVE):
        # the party seats stay; two lists of one group differ by one seat each way
        assert n.result["party_seats"] == n.vector.expected["party_seats"]
        want, got = _seats(n.vector.expected["seats"]), _seats(n.result["seats"])
        assert sorted(got[k] - want[k] for k in want if got[k] != want[k]) == [-1, 1]
        moved = {int(k) for k in want if got[k] != want[k]}
        assert any(moved <= set(g["members"]) for g in n.vector.input["groups"])
    for n in _by_kind(negative.GROUP_SEAT_EMPTY):
        elected = sum(len(v) for v in n.result["elected"].values())
        assert elected == sum(len(v) for v in n.vector.expected["elected"].values()) - 1
    for n in _by_kind(negative.REFILL_ELECTED_ELSEWHERE):
        names = {
            (lst["number"], c["number"]): c["name"]
            for lst in n.vector.input["lists"]
            for c in lst.get("candidates", [])
        }
        persons = [names[(int(k), c)] for k, cs in n.result["elected"].items() for c in cs]
        assert len(persons) > len(set(persons))  # one person holds two seats


def _votes(lst: dict[str, Any]) -> int:
    """A list's stemcijfer from the input: its votes, or its candidates' votes together."""
    return int(lst["votes"]) if "votes" in lst else sum(c["votes"] for c in lst["candidates"])


def _quota(document: dict[str, Any]) -> Fraction:
    """P 5: the votes of all lists divided by the seats, from the input alone."""
    total = sum(_votes(lst) for lst in document["lists"])
    return Fraction(total, document["election"]["seats"])


def _share(election: dict[str, Any]) -> Fraction:
    """P 15 lid 1-2 (Y 23a for the European Parliament): the voorkeurdrempel over the
    kiesdeler; a quarter, half for a gemeenteraad or eilandsraad of fewer than 19 seats."""
    if election["kind"] == "EP":
        return Fraction(1, 10)
    if election["kind"] in ("GR", "ER") and election["seats"] < 19:
        return Fraction(1, 2)
    return Fraction(1, 4)


def test_the_wrong_steps_form_status_and_threshold_kinds_are_what_they_say() -> None:
    """The kinds of the single-contest judge added for suite power, each checked on its own
    input and right answer."""
    kinds = (
        negative.WRONG_STEPS,
        negative.TIE_ORDER,
        negative.MALFORMED,
        negative.VALID_REJECTED,
        negative.WRONG_THRESHOLD,
        negative.THRESHOLD_NOT_EXCEEDED,
        negative.BILL_IGNORED,
    )
    for kind in kinds:
        assert len(_by_kind(kind)) >= 3, kind.name
    for n in _by_kind(negative.WRONG_STEPS):
        # the seats right, the steps present (the mistake is in them); the residual seat order
        # the right one, or with one seat more or less, or its last two exchanged
        assert "steps" in n.result, n.vector.id  # (a needs_lot answer's may be left empty)
        for key, want in n.vector.expected.items():
            if key == "lot":  # the question: the fields of the right answer's
                assert {k: n.result[key][k] for k in want} == want, n.vector.id
            elif key != "residual_seat_order":
                assert _compared(n.result[key]) == _compared(want), (n.vector.id, key)
        if n.vector.expected["status"] != "completed":
            continue
        want, got = n.vector.expected["residual_seat_order"], n.result["residual_seat_order"]
        more, less = Counter(got) - Counter(want), Counter(want) - Counter(got)
        assert (
            got == want
            or (sum(more.values()), sum(less.values())) in ((1, 0), (0, 1))
            or (got[:-2] == want[:-2] and got[-2:] == want[-2:][::-1])
        ), n.vector.id
    for n in _by_kind(negative.TIE_ORDER):
        want, got = n.vector.expected["residual_seat_order"], n.result["residual_seat_order"]
        assert _seats(n.result["seats"]) == _seats(n.vector.expected["seats"])
        swapped = [i for i in range(len(want)) if want[i] != got[i]]
        assert len(swapped) == 2 and swapped[1] == swapped[0] + 1, n.vector.id
        assert got[swapped[0]] > got[swapped[1]] and got[swapped[0]] == want[swapped[1]]
    for n in _by_kind(negative.MALFORMED):
        seats = n.result.get("seats", {})
        steps = [s for s in n.result.get("steps", []) if s["step"] == "residual_seat"]
        has_candidates = any("candidates" in lst for lst in n.vector.input["lists"])
        assert (
            set(n.vector.expected["seats"]) - set(seats)
            or (has_candidates and "elected" not in n.result)
            or any(type(s["seat"]) is not int or s["seat"] < 0 for s in steps)
        ), n.vector.id
    for n in _by_kind(negative.VALID_REJECTED):
        assert n.result["status"] == "rejected" != n.vector.expected["status"], n.vector.id
    for n in _by_kind(negative.WRONG_THRESHOLD):
        lawful = _quota(n.vector.input) * _share(n.vector.input["election"])
        assert parse_mixed(n.result["preference_threshold"]) != lawful, n.vector.id
    for n in _by_kind(negative.THRESHOLD_NOT_EXCEEDED):
        lawful = _quota(n.vector.input) * _share(n.vector.input["election"])
        votes = {
            (str(lst["number"]), c["number"]): c["votes"]
            for lst in n.vector.input["lists"]
            for c in lst.get("candidates", [])
        }
        assert any(
            votes[(number, c)] <= lawful
            for number, chosen in n.result["elected_on_preference"].items()
            for c in chosen
        ), n.vector.id
    for n in _by_kind(negative.BILL_IGNORED):
        # bill 36 641: no residual seat below the kiesdeler; the answer gives one
        assert n.vector.input["election"]["law"] == "bill-36641"
        q = _quota(n.vector.input)
        want, got = _seats(n.vector.expected["seats"]), _seats(n.result["seats"])
        assert any(
            0 < _votes(lst) < q and got[str(lst["number"])] > want[str(lst["number"])]
            for lst in n.vector.input["lists"]
        ), n.vector.id


def test_our_judge_rejects_every_wrong_answer_naming_its_rules() -> None:
    report = check_judge(NEGATIVES, spec_judge)
    assert report.vectors == len(NEGATIVES) > 300
    assert report.controls > 100
    assert report.findings == () and report.unnamed == ()


@pytest.mark.parametrize(
    ("rule_id", "kind"),
    [
        ("P19-ranking", negative.WRONG_RANKING),
        ("P19-group-ranking", negative.WRONG_RANKING),
        ("P9-absolute-majority", negative.P9_MISSING),
        ("P19a-deceased", negative.DECEASED_ELECTED),
        ("P18-elected-once", negative.REFILL_ELECTED_ELSEWHERE),
        ("LOT-decisive", negative.FAKE_LOT),
        ("P15-preference-order", negative.P15_IGNORED),
        ("P10-exhaustion", negative.P10_IGNORED),
        ("P16-P18-group-candidates", negative.GROUP_SEAT_EMPTY),
        ("P12.2-largest-remainder", negative.GROUP_SEAT_MOVE),
        ("P5-quota", negative.WRONG_QUOTA),
        ("SEATS-total", negative.SEAT_TOO_MANY),
        ("CANDIDATES-known", negative.UNKNOWN_CANDIDATE),
        ("P15.2-summed-preference", negative_districts.PREFERENCE_NOT_SUMMED),
        ("U3-stemcijfer", negative_districts.EK_UNWEIGHTED),
        ("U3-stemcijfer", negative_districts.EK_STEMWAARDE_TRUNCATED),
    ],
)
def test_a_judge_with_the_rule_switched_off_lets_wrong_answers_through(
    monkeypatch: pytest.MonkeyPatch, rule_id: str, kind: negative.Kind
) -> None:
    """A mutant of the judge: the rule's check never fires. Some negative vector of the kind
    that breaks it is then no longer rejected with the rule (so the vectors can fail)."""
    mutated = tuple(
        dataclasses.replace(r, check=lambda ctx: ()) if r.id == rule_id else r
        for r in spec.check.RULES
    )
    monkeypatch.setattr(spec.check, "RULES", mutated)
    monkeypatch.setattr(spec.district_check, "RULES", mutated)
    mine = [n for n in _by_kind(kind) if rule_id in n.vector.rules]
    assert mine
    report = check_judge(mine, spec_judge)
    assert report.findings
    assert all(f.control is False for f in report.findings)


def _checker(tmp_path: Path, body: str) -> str:
    script = tmp_path / "checker.py"
    script.write_text(
        "import json, sys\n"
        "for line in sys.stdin:\n"
        "    request = json.loads(line)\n" + body,
        encoding="utf-8",
    )
    return f"{sys.executable} {script}"


def test_check_judge_with_our_judge_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vectors", "check-judge"]) == 0
    assert "elk fout antwoord afgewezen, elk juist antwoord aanvaard" in capsys.readouterr().out


def test_a_checker_that_accepts_everything_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checker = _checker(
        tmp_path, '    print(json.dumps({"id": request["id"], "verdict": "accept"}))\n'
    )
    assert main(["vectors", "check-judge", "--judge", checker]) == 1
    out = capsys.readouterr().out
    assert out.count("het foute antwoord wordt aanvaard") == len(NEGATIVES)
    assert "FAIL controle" not in out


def test_a_checker_that_rejects_everything_fails_on_the_controls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checker = _checker(
        tmp_path, '    print(json.dumps({"id": request["id"], "verdict": "reject"}))\n'
    )
    assert main(["vectors", "check-judge", "--judge", checker]) == 1
    out = capsys.readouterr().out
    assert "FAIL controle" in out and "het foute antwoord wordt aanvaard" not in out


def test_a_checker_that_judges_by_the_ids_passes_and_rules_are_required_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A checker answering by the protocol (here it knows the answers from the id) passes; one
    that names a wrong rule is only noted, unless --require-rules."""
    checker = _checker(
        tmp_path,
        '    control = request["id"].endswith("-control")\n'
        '    print(json.dumps({"id": request["id"], "verdict": "accept" if control else '
        '"reject", "rules": [] if control else ["P5-quota"]}))\n',
    )
    assert main(["vectors", "check-judge", "--judge", checker]) == 0
    assert "opmerking: negatieve vector" in capsys.readouterr().out
    assert main(["vectors", "check-judge", "--judge", checker, "--require-rules"]) == 1


@pytest.mark.parametrize(
    "body",
    [
        "    print('not json')\n",
        "    pass\n",  # no verdicts
        "    sys.exit(4)\n",
    ],
)
def test_a_checker_breaking_the_protocol_is_status_2(
    tmp_path: Path, body: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["vectors", "check-judge", "--judge", _checker(tmp_path, body)]) == 2
    assert "kieswet vectors check-judge:" in capsys.readouterr().err


def test_the_requests_are_json_lines_with_the_documented_fields(tmp_path: Path) -> None:
    log = tmp_path / "requests.jsonl"
    checker = _checker(
        tmp_path,
        f"    open({str(log)!r}, 'a').write(line)\n"
        '    print(json.dumps({"id": request["id"], "verdict": "reject"}))\n',
    )
    main(["vectors", "check-judge", "--judge", checker, "--id", str(NEGATIVES[0].vector.id)])
    lines = [json.loads(x) for x in log.read_text("utf-8").splitlines()]
    assert [sorted(x) for x in lines] == [["id", "input", "operation", "result"]] * 2
    assert [x["id"] for x in lines] == [
        str(NEGATIVES[0].vector.id),
        f"{NEGATIVES[0].vector.id}-control",
    ]


def test_the_ordinary_run_does_not_see_the_negative_vectors() -> None:
    """load_suite leaves the invalid groups out; their ids are not among its vectors."""
    ordinary = {v.id for v in load_suite(SUITE).vectors}
    assert ordinary and not ordinary & {n.vector.id for n in NEGATIVES}


def _rehashed(root: Path, relpath: str, data: Any) -> None:
    path = root / relpath
    path.write_bytes(json.dumps(data).encode("utf-8"))
    manifest = json.loads((root / "manifest.json").read_text("utf-8"))
    manifest["files"][relpath] = hashlib.sha256(path.read_bytes()).hexdigest()
    (root / "manifest.json").write_text(json.dumps(manifest), "utf-8")


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda g: g.update(invalid="yes"), "invalid must be true or false"),
        (lambda g: g["tests"][0].pop("result"), "result must be an object"),
        (lambda g: g["tests"][0].update(rules=[]), "rules must name the rules"),
    ],
)
def test_a_malformed_negative_vector_is_refused_naming_it(
    tmp_path: Path, spoil: Any, message: str
) -> None:
    root = tmp_path / "suite"
    shutil.copytree(SUITE, root)
    relpath = "allocate-districts/invalid-answers.json"
    data = json.loads((root / relpath).read_text("utf-8"))
    spoil(data["groups"][0])
    _rehashed(root, relpath, data)
    with pytest.raises(SuiteError, match=message) as caught:
        load_negative(root)
    assert relpath in str(caught.value)


def test_every_wrong_answer_is_a_well_formed_result_document() -> None:
    """Wrong in law, not in form: each validates against its result schema, so a checker that
    validates its input first still has to judge it."""
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the 'test' extra")
    referencing = pytest.importorskip("referencing")
    schemas = Path(__file__).resolve().parent.parent / "conformance" / "schemas"
    documents = [json.loads(p.read_text("utf-8")) for p in schemas.glob("*.schema.json")]
    registry = referencing.Registry().with_resources(
        [(d["$id"], referencing.Resource.from_contents(d)) for d in documents]
    )
    by_id = {d["$id"]: d for d in documents}
    for n in NEGATIVES:
        if n.vector.group == negative.MALFORMED.name:
            continue  # wrong in form by design
        name = {
            "allocate-districts": "district-allocation-result@1",
            "totalise": "totals@1",
        }.get(n.vector.operation, "seat-allocation-result@1")
        validator = jsonschema.Draft202012Validator(
            by_id[f"https://kieswet.example/schemas/{name}"], registry=registry
        )
        assert list(validator.iter_errors(n.result)) == [], n.vector.id


def test_a_checker_that_cannot_start_is_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-checker"
    assert main(["vectors", "check-judge", "--judge", str(missing)]) == 2
    assert "cannot start the checker" in capsys.readouterr().err
