"""The judge's comparison covers every field the law decides (conformance.judge.differences).

Hand-written expected and provided fields, no engine: a wrong P 19 ranking is a difference
naming the rule, as are elected_on_preference, the lot's tied value and seats_so_far; the
optional fields are compared only when the answer gives them; presentation is not compared.
"""

from __future__ import annotations

from typing import Any

from conformance.judge import differences

COMPLETED: dict[str, Any] = {
    "status": "completed",
    "seats": {"1": 2, "2": 1},
    "full_seats": {"1": 2, "2": 1},
    "residual_seat_order": [],
    "elected": {"1": [3, 1], "2": [1]},
    "elected_on_preference": {"1": [3]},
    "ranking": {"1": [3, 1, 2], "2": [1, 2]},
}


def answer(**changes: Any) -> dict[str, Any]:
    out = {**COMPLETED, "quota": "10", "warnings": ["anything"], **changes}
    return {k: v for k, v in out.items() if v is not None}


def test_the_right_answer_has_no_differences() -> None:
    assert differences(COMPLETED, answer()) == []


def test_a_wrong_ranking_is_a_difference_naming_the_p19_rule() -> None:
    wrong = answer(ranking={"1": [3, 2, 1], "2": [1, 2]})
    assert differences(COMPLETED, wrong) == [
        "ranking: lijst 1 verwacht [3, 1, 2], geleverd [3, 2, 1] (P19-ranking)"
    ]
    assert differences(COMPLETED, wrong, "allocate-districts") == [
        "ranking: lijst 1 verwacht [3, 1, 2], geleverd [3, 2, 1] (P19-group-ranking)"
    ]


def test_a_ranked_list_too_many_is_a_difference() -> None:
    """P 19 lid 5: a list without elected candidates in a council of 19 seats or more is not
    ranked; the expected ranking leaves it out, so an answer ranking it differs."""
    wrong = answer(ranking={"1": [3, 1, 2], "2": [1, 2], "3": [1]})
    assert differences(COMPLETED, wrong) == [
        "ranking: lijst 3 verwacht niets, geleverd [1] (P19-ranking)"
    ]


def test_elected_on_preference_is_compared() -> None:
    wrong = answer(elected_on_preference={"1": [3], "2": [1]})
    assert differences(COMPLETED, wrong) == [
        "elected_on_preference: lijst 2 verwacht niets, geleverd [1]"
    ]


def test_optional_fields_are_compared_only_when_given() -> None:
    """ranking, elected_on_preference, residual_seat_order are optional in an answer; warnings
    and quota are presentation and never compared."""
    bare = answer(ranking=None, elected_on_preference=None, residual_seat_order=None)
    assert differences(COMPLETED, bare) == []
    assert differences(COMPLETED, answer(warnings=["other"], quota="11")) == []


NEEDS_LOT: dict[str, Any] = {
    "status": "needs_lot",
    "lot": {"kind": "residual_seat", "options": [3, 9], "value": "617"},
    "seats_so_far": {"3": 2, "9": 0},
}


def test_a_lot_question_compares_value_and_seats_so_far() -> None:
    same = {"status": "needs_lot", "lot": {"kind": "residual_seat", "options": [9, 3],
            "value": 617, "article": "P 7"}, "seats_so_far": {"3": 2, "9": 0}}  # fmt: skip
    assert differences(NEEDS_LOT, same) == []
    wrong = {"status": "needs_lot", "lot": {"kind": "residual_seat", "options": [3, 9],
             "value": "616 1/2"}, "seats_so_far": {"3": 1, "9": 1}}  # fmt: skip
    assert differences(NEEDS_LOT, wrong) == [
        "lot.value: verwacht 617, geleverd 616 1/2",
        "seats_so_far: lijst 3 verwacht 2, geleverd 1",
        "seats_so_far: lijst 9 verwacht 0, geleverd 1",
    ]
    no_value = {"status": "needs_lot", "lot": {"kind": "residual_seat", "options": [3, 9]},
                "seats_so_far": {"3": 2, "9": 0}}  # fmt: skip
    assert differences(NEEDS_LOT, no_value) == []
