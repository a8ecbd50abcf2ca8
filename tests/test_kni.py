"""The kiescollege niet-ingezetenen (kind ``KNI``): chapter P, with Pa 25 instead of P 10's
reassignment.

Pa 25 (Kieswet, BWBR0004627, in force since 2023-01-01, Stb. 2022, 410; consolidated text of
2026-01-01): "in afwijking van artikel P 10" the surplus seats of a list that has more seats
than candidates are not assigned to a list. Independent sources: hand computations in the
docstrings, and the published KNI 2023 result (Kiesraad, 24 March 2023).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from conformance.vector_sources import handwritten
from interchange.allocation import parse_election, result_to_json
from interchange.engine import allocate_json
from interchange.judging import check
from kieswet.render import render_result
from reference.allocate import allocate
from spec.model import (
    ELECTION_KINDS,
    Completed,
    Election,
    ExhaustionStep,
    NeedsLot,
    Rejected,
    UnfilledSeatsStep,
)
from tests.builders import election

MY_TOPICS = ("pa25-kiescollege-niet-ingezetenen", "eerste-kamer")


def _completed(document: dict[str, Any]) -> tuple[Election, Completed]:
    parsed = parse_election(document)
    assert isinstance(parsed, Election), parsed
    result = allocate(parsed)
    assert isinstance(result, Completed), result
    return parsed, result


def _rule_ids(elect: Election, result_json: dict[str, Any]) -> list[str]:
    return [v.rule_id for v in check(elect, result_json)]


@pytest.mark.parametrize(
    "case",
    [c for c in handwritten.CASES if c.topic in MY_TOPICS],
    ids=lambda c: c.comment[:40],
)
def test_handwritten_cases_hold(case: handwritten.Case) -> None:
    """The hand-written vector cases of Pa 25, the KNI and the EK preference threshold (each
    with its hand computation in ``conformance/vector_sources/handwritten.py``) are what the
    reference computes, and ``spec.check`` accepts that result; their rule ids exist."""
    from spec.rules import RULES_BY_ID

    assert set(case.rules) <= set(RULES_BY_ID)
    assert case.input["election"]["law"] == handwritten.TOPICS[case.topic].law
    if case.lot is not None:  # a case that waits for a lot: the question is the hand one
        pending = parse_election(dict(case.input))
        assert isinstance(pending, Election), pending
        asked = allocate(pending)
        assert isinstance(asked, NeedsLot), asked
        question: dict[str, object] = {"kind": asked.lot.kind, "options": list(asked.lot.options)}
        if asked.lot.list is not None:
            question["list"] = asked.lot.list
        assert question == dict(case.lot)
        assert check(pending, result_to_json(asked)) == []
        return
    parsed, result = _completed(dict(case.input))
    numbers = [lst.number for lst in parsed.lists]
    assert [result.seats[n] for n in numbers] == list(case.seats or ())
    if case.full_seats is not None:
        assert [result.full_seats[n] for n in numbers] == list(case.full_seats)
    if case.residual_seat_order is not None:
        assert result.residual_seat_order == case.residual_seat_order
    for number, elected in case.elected.items():
        assert result.elected[number] == elected
    assert check(parsed, result_to_json(result)) == []


def test_kni_is_a_known_kind() -> None:
    assert "KNI" in ELECTION_KINDS
    document = handwritten.doc("XX", 25, [10, 20])
    parsed = parse_election(document)
    assert isinstance(parsed, Rejected)
    assert "KNI" in parsed.errors[0].message


def test_pa25_surplus_stays_empty() -> None:
    """KNI 25 seats, votes 1130 / 870 / 500, list 2 has 7 candidates. Kiesdeler 2500/25 = 100;
    full 11 / 8 / 5 = 24; residual seat: 1130/12 = 94 1/6, 870/9 = 96 2/3, 500/6 = 83 1/3 → list
    2, so 11 / 9 / 5. P 10: list 2 gives up 2 seats (its residual seat, then 1 full seat).
    Pa 25: nobody gets them: 11 / 7 / 5, 2 seats empty, a warning and a step citing Pa 25.

    Rules: Pa25-surplus-stays-empty, P10-exhaustion.
    """
    elect = election("KNI", 25, [1130, 870, 500], limits={2: 7})
    result = allocate(elect)
    assert isinstance(result, Completed)
    assert dict(result.seats) == {1: 11, 2: 7, 3: 5}
    exhausted = [s for s in result.steps if isinstance(s, ExhaustionStep)]
    assert exhausted == [ExhaustionStep(2, 7, 1, 1)]
    (unfilled,) = [s for s in result.steps if isinstance(s, UnfilledSeatsStep)]
    assert unfilled.seats == 2 and unfilled.reason.startswith("Pa 25")
    assert result.warnings == (
        "2 zetels blijven onvervuld: Pa 25: bij de verkiezing van het kiescollege "
        "niet-ingezetenen gaan de zetels van een uitgeputte lijst niet over op een andere lijst "
        "(in afwijking van P 10)",
    )
    steps = result_to_json(result)["steps"]
    assert steps[-1]["step"] == "unfilled_seats" and steps[-1]["article"] == "Pa 25"
    assert not any(s.get("reassignment") for s in steps if s["step"] == "residual_seat")
    assert check(elect, result_to_json(result)) == []
    rendered = render_result(elect, result)
    assert "kiescollege niet-ingezetenen" in rendered and "Pa 25" in rendered


def test_p10_still_reassigns_in_every_other_kind() -> None:
    """The same votes as Provinciale Staten of 25 seats: P 10 reassigns list 2's 2 seats by
    greatest averages without list 2: 1130/12 = 94 1/6 > 500/6 = 83 1/3 → list 1; 1130/13 =
    86 12/13 > 83 1/3 → list 1: 13 / 7 / 5, no seat empty. The unfilled step of P 10 keeps
    article P 10.

    Rules: P10-no-empty-seat-needlessly, P10-exhaustion.
    """
    for kind in ("PS", "AB", "GR", "EK", "TK"):
        result = allocate(election(kind, 25, [1130, 870, 500], limits={2: 7}))
        assert isinstance(result, Completed)
        assert dict(result.seats) == {1: 13, 2: 7, 3: 5}, kind
        assert not any(isinstance(s, UnfilledSeatsStep) for s in result.steps)
    every_list_full = allocate(election("PS", 25, [1130, 870, 500], limits={1: 11, 2: 7, 3: 5}))
    assert isinstance(every_list_full, Completed)
    step = result_to_json(every_list_full)["steps"][-1]
    assert (step["step"], step["article"], step["seats"]) == ("unfilled_seats", "P 10", 2)


def test_pa25_rule_rejects_a_reassignment_and_p10_rule_rejects_an_empty_seat() -> None:
    """Each election judged with the other's result: the PS result (list 1 takes both surplus
    seats) for the KNI election breaks Pa 25; the KNI result (2 seats empty) for the PS
    election breaks P 10, since list 1 (no candidate limit) could take them.

    Rules: Pa25-surplus-stays-empty, P10-no-empty-seat-needlessly.
    """
    kni = election("KNI", 25, [1130, 870, 500], limits={2: 7})
    ps = election("PS", 25, [1130, 870, 500], limits={2: 7})
    kni_json = result_to_json(allocate(kni))
    ps_json = result_to_json(allocate(ps))
    found = check(kni, ps_json)
    assert [v.rule_id for v in found] == ["Pa25-surplus-stays-empty"]
    assert "2 zetels van een uitgeputte lijst gaan naar lijst 1" in found[0].message
    assert set(_rule_ids(ps, kni_json)) == {"P10-no-empty-seat-needlessly"}


def test_pa25_rule_without_steps() -> None:
    """Without steps, an empty seat in a KNI result needs a list that holds all its candidates'
    seats: 11 / 7 / 5 with list 2 at its 7 candidates passes; 11 / 6 / 5 (3 empty, nobody at a
    limit) and 11 / 7 / 5 with no candidate limit at all break Pa 25 (and P 6: list 2 keeps
    fewer than its 8 full seats).

    Rules: Pa25-surplus-stays-empty.
    """
    kni = election("KNI", 25, [1130, 870, 500], limits={2: 7})
    bare = result_to_json(allocate(kni))
    del bare["steps"]
    assert _rule_ids(kni, bare) == []
    short = copy.deepcopy(bare)
    short["seats"]["2"] = 6
    assert "Pa25-surplus-stays-empty" in _rule_ids(kni, short)
    unlimited = election("KNI", 25, [1130, 870, 500])
    assert "Pa25-surplus-stays-empty" in _rule_ids(unlimited, bare)


def test_pa25_with_deceased_candidates() -> None:
    """Candidate-level KNI 25: list 1 votes 600 / 300 / 100 (candidate 3 deceased), list 2
    1500. Kiesdeler 2500/25 = 100; full 10 / 15 = 25. List 1 has 2 living candidates (P 19a),
    so 8 seats go (P 10) and stay empty (Pa 25): 2 / 15; candidates 1 and 2 elected.

    Rules: Pa25-surplus-stays-empty, P19a-deceased.
    """
    elect = election("KNI", 25, [[600, 300, 100], 1500], deceased={1: [3]})
    result = allocate(elect)
    assert isinstance(result, Completed)
    assert dict(result.seats) == {1: 2, 2: 15}
    assert result.elected[1] == (1, 2)
    assert check(elect, result_to_json(result)) == []


def test_kni_2023_published_result() -> None:
    """KNI 2023 (Kiesraad, 24 March 2023): GL 4853, D66 4280, VVD 3746, JA21 2371, PvdA 2200,
    Volt 1991, PvdD 1898, FvD 1827, CDA 995, SP 957, SGP 552, 50PLUS 478, blanco lijst 111;
    total 26 259, kiesdeler 1050 9/25. Residual seats: Volt 995 1/2, CDA 995, GL 970 3/5,
    SP 957, PvdD 949, VVD 936 1/2, FvD 913 1/2. CDA and SP, below the kiesdeler, each win a
    seat, as published (5 4 4 2 2 2 2 2 1 1 0 0 0): P 7 lid 2 does not apply to the KNI. With
    the threshold, their seats would go to D66 (856) and GL (4853/6 = 808 5/6).

    Rules: P7.1-greatest-average, P7.2-full-quota-threshold.
    """
    document = handwritten.doc("KNI", 25, handwritten.KNI_2023_VOTES)
    result = allocate_json(document)
    assert isinstance(result, Completed)
    assert list(result.seats.values()) == [5, 4, 4, 2, 2, 2, 2, 2, 1, 1, 0, 0, 0]
    as_tk = allocate_json({**document, "election": {**document["election"], "kind": "TK"}})
    assert isinstance(as_tk, Completed)
    assert list(as_tk.seats.values()) == [6, 5, 4, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0]
