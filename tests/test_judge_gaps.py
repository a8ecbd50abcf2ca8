"""Fields of a district result that no rule judged (issue 16): a wrong value there passed.

Each test takes a right answer, changes only that field, and asserts the judge rejects it
naming the rule. The expected values are the hand computations in the vectors' comments
(``conformance.vector_sources.districts``) or written out here, not the engine's output.
"""

from __future__ import annotations

import copy
from typing import Any

from conformance.vector_sources.districts import CASES, DistrictCase
from interchange.districts import district_result_to_json, parse_district_election
from interchange.judging import check_districts
from reference.districts import allocate_districts
from spec.districts import DistrictElection
from spec.rules import Violation


def _case(group: str, comment_start: str) -> DistrictCase:
    [case] = [c for c in CASES if c.group == group and c.comment.startswith(comment_start)]
    return case


def _answer(document: dict[str, Any]) -> tuple[DistrictElection, dict[str, Any]]:
    election = parse_district_election(copy.deepcopy(document))
    assert isinstance(election, DistrictElection), election
    return election, district_result_to_json(allocate_districts(election))


def _violations(election: DistrictElection, result: dict[str, Any]) -> list[Violation]:
    return check_districts(election, result)


# =========================================================================== P 12 lid 5: lot


def test_a_wrong_lot_place_in_a_group_distribution_is_rejected() -> None:
    """"P 12 ties", the lot drawn for list 12: group 1 has 11 seats, lists 11 and 12 550
    votes each, groepskiesdeler 100, 5 full seats each, remainder 50 each; the one remainder
    seat (the 1st seat after the full seats) goes by lot (P 12 lid 5): ``lot`` is [1]."""
    case = _case("P 12 ties", "The same with the lot drawn for list 12")
    election, result = _answer(dict(case.input))
    [distribution] = result["distributions"]
    assert distribution["lot"] == [1]  # the hand computation above
    assert _violations(election, result) == []
    for wrong_lot in ([], [2], [1, 1], "1"):
        wrong = copy.deepcopy(result)
        wrong["distributions"][0]["lot"] = wrong_lot
        found = _violations(election, wrong)
        assert {v.rule_id for v in found} == {"P12.2-largest-remainder"}, (wrong_lot, found)
        assert "het lot beslist zetel 1 van de zetels na de volle zetels" in found[0].message


def test_a_lot_claimed_where_none_decided_is_rejected() -> None:
    """"P 12 groepskiesdeler and largest remainders", first vector: group 1 of 10 seats, lists
    11: 600, 12: 300, 13: 100 (groepskiesdeler 100): 6, 3 and 1 full seats, no remainder seat,
    so no seat is decided by lot; a result claiming ``lot`` [1] for it is wrong."""
    case = _case("P 12 groepskiesdeler and largest remainders", "PS, 20 seats, 2000 votes, "
                 "kiesdeler 100. Group 1 (1000 votes) and group 2")  # fmt: skip
    election, result = _answer(dict(case.input))
    assert result["distributions"][0]["owner"] == 1
    assert result["distributions"][0]["lot"] == []
    assert _violations(election, result) == []
    wrong = copy.deepcopy(result)
    wrong["distributions"][0]["lot"] = [1]
    found = _violations(election, wrong)
    assert {v.rule_id for v in found} == {"P12.2-largest-remainder"}, found
    assert found[0].message.startswith(
        "lijstengroep 1: geen zetel van de verdeling wordt door het lot beslist (P 12 lid 5)"
    )


def test_the_lot_place_counts_the_seats_given_after_the_full_seats() -> None:
    """"P 13 inside a lijstengroep", lot drawn for list 13: group 1 of 10 seats holds 3 after
    P 12 lid 4 and P 13 lid 1 (list 11 at its 1 candidate, 12 and 13 one full seat each); then
    12 and 13 by remainder (seats 1, 2), by average 50 (3, 4) and 37 1/2 (5, 6), and the 7th
    seat by lot (average 30 each): ``lot`` is [7]."""
    case = _case("P 13 inside a lijstengroep: a list with fewer candidates than seats",
                 "The same with the lot drawn for list 13")  # fmt: skip
    election, result = _answer(dict(case.input))
    [distribution] = result["distributions"]
    assert distribution["lot"] == [7]
    assert _violations(election, result) == []
    wrong = copy.deepcopy(result)
    wrong["distributions"][0]["lot"] = [6]
    found = _violations(election, wrong)
    assert {v.rule_id for v in found} == {"P12.2-largest-remainder"}, found
    assert "het lot beslist zetel 7" in found[0].message


# =========================================================================== P 18 lid 1

GROUP_CANDIDATES = "P16-P18-group-candidates"


def _without_trace(result: dict[str, Any], keep: str) -> dict[str, Any]:
    """``result`` with the trace of P 12 – P 16 left out but ``keep``: judged on its final
    claim, the stated ``keep`` against the lawful outcome."""
    drop = {"distributions", "elected_on_preference", "preference", "placements"}
    drop |= {"double_elections", "transfers"} - {keep}
    return {k: copy.deepcopy(v) for k, v in result.items() if k not in drop}


def test_a_double_election_kept_on_the_wrong_list_is_rejected() -> None:
    """"P 18 candidate elected on two lists": X is elected in list order by lists 11 and 12,
    with 12 votes on each; equal votes, so X counts on the list of the lowest kieskring, list
    11 (P 18 lid 1). ``double_elections`` stating list 12 kept (or no double election, or
    another candidate, or X elected on list 11 alone) is wrong, with the trace and without."""
    case = _case("P 18 candidate elected on two lists", "PS, 20 seats")
    election, result = _answer(dict(case.input))
    assert result["double_elections"] == [
        {"article": "P 18", "party": 1, "candidate": "X", "lists": [11, 12], "kept": 11}
    ]
    assert _violations(election, result) == []
    assert _violations(election, _without_trace(result, "double_elections")) == []
    changes: list[tuple[str, Any]] = [
        ("kept", 12), ("candidate", "Y"), ("lists", [11]), ("lists", [11, 13]), ("party", 2),
        ("lists", "11, 12"),
    ]  # fmt: skip
    for field, value in changes:
        wrong = copy.deepcopy(result)
        wrong["double_elections"][0][field] = value
        for document in (wrong, _without_trace(wrong, "double_elections")):
            found = _violations(election, document)
            assert {v.rule_id for v in found} == {GROUP_CANDIDATES}, (field, value, found)
    wrong = copy.deepcopy(result)
    wrong["double_elections"][0]["kept"] = 12
    [violation] = _violations(election, wrong)
    assert violation.message == (
        "lijstengroep 1: P 18 lid 1: een kandidaat die op volgorde van de lijst door meer "
        "lijsten van de groep gekozen wordt, geldt als gekozen op de lijst met de meeste stemmen "
        "op de kandidaat (bij gelijke stemmen: de laagste kieskring): 'X' gekozen op de lijsten "
        "11 en 12, telt op lijst 11; de uitkomst vermeldt in double_elections 'X' gekozen op de "
        "lijsten 11 en 12, telt op lijst 12"
    )
    for document in (result, _without_trace(result, "double_elections")):
        missing = {**document, "double_elections": []}
        found = _violations(election, missing)
        assert {v.rule_id for v in found} == {GROUP_CANDIDATES}, found


# =========================================================================== P 13, P 18 lid 3


def test_a_seat_passed_on_to_the_wrong_list_is_rejected() -> None:
    """"P 13 and P 18 lid 3", the seat passed on by the continued largest remainders: group 1
    of 4 seats, one each after P 12; list 14's only candidate P is elected on list 11, so its
    seat passes on: the largest remainder among the lists without a remainder seat that can
    take one, list 12 (17), not 11 (no candidate left) or 14: ``transfers`` is 14 → 12."""
    case = _case("P 13 and P 18 lid 3: a list whose candidates are all elected",
                 "The seat passed on by the continued largest remainders")  # fmt: skip
    election, result = _answer(dict(case.input))
    assert result["transfers"] == [
        {"article": "P 13", "party": 1, "from_list": 14, "to_list": 12}
    ]
    assert _violations(election, result) == []
    assert _violations(election, _without_trace(result, "transfers")) == []
    changes: list[tuple[str, Any]] = [
        ("to_list", 13), ("from_list", 13), ("party", 2), ("to_list", "12"),
    ]  # fmt: skip
    for field, value in changes:
        wrong = copy.deepcopy(result)
        wrong["transfers"][0][field] = value
        for document in (wrong, _without_trace(wrong, "transfers")):
            found = _violations(election, document)
            assert GROUP_CANDIDATES in {v.rule_id for v in found}, (field, value, found)
    wrong = copy.deepcopy(result)
    wrong["transfers"][0]["to_list"] = 13
    # With the distribution stated, the seats it leads to break P12-seat-sum as well.
    [violation] = _violations(election, _without_trace(wrong, "transfers"))
    assert violation.message == (
        "lijstengroep 1: P 13 met P 18 lid 3 (een zetel waarvoor de lijst geen nog niet gekozen "
        "kandidaat meer heeft, gaat door voortgezette toepassing van P 12 / P 13 naar een andere "
        "lijst van de groep): een zetel van lijst 14 gaat naar lijst 12; de uitkomst vermeldt in "
        "transfers een zetel van lijst 14 gaat naar lijst 13"
    )
    for document in (result, _without_trace(result, "transfers")):
        for transfers in ([], result["transfers"] * 2):
            found = _violations(election, {**document, "transfers": transfers})
            assert GROUP_CANDIDATES in {v.rule_id for v in found}, found


def test_a_transfer_in_a_group_without_one_is_rejected() -> None:
    """"P 18 candidate elected on two lists": list 12 refills its seat with its next candidate
    (P 18 lid 2), so no seat passes on; a stated transfer is wrong."""
    case = _case("P 18 candidate elected on two lists", "PS, 20 seats")
    election, result = _answer(dict(case.input))
    assert result["transfers"] == []
    wrong = {**result, "transfers": [{"article": "P 13", "party": 1, "from_list": 12,
                                       "to_list": 11}]}  # fmt: skip
    found = _violations(election, wrong)
    assert GROUP_CANDIDATES in {v.rule_id for v in found}, found
