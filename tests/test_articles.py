"""Hand-computed unit tests, one small election per rule, grouped by article paragraph.

Every expected number is worked out by hand in the test's docstring (the kiesdeler as an exact
fraction, the full seats, then the remainders or averages for each residual seat), or taken from
a published real result whose source is named. Article references: Kieswet (BWBR0004627),
consolidated text of 2026-01-01 (https://wetten.overheid.nl/BWBR0004627/2026-01-01).
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from reference.allocate import allocate
from spec.exact import format_mixed, parse_mixed
from spec.model import (
    AbsoluteMajorityStep,
    ExhaustionStep,
    NeedsLot,
    PreferenceStep,
    Rejected,
    ResidualSeatStep,
    Result,
    UnfilledSeatsStep,
)
from tests.builders import ListSpec, completed, election, lot, seat_counts

REAL_RESULTS = Path(__file__).resolve().parent / "fixtures" / "real"  # converted shared/data


def residual_steps(result: Result) -> list[ResidualSeatStep]:
    return [s for s in completed(result).steps if isinstance(s, ResidualSeatStep)]


def needs_lot(result: Result) -> NeedsLot:
    assert isinstance(result, NeedsLot), f"expected needs_lot, got {result!r}"
    return result


def rejected(result: Result) -> Rejected:
    assert isinstance(result, Rejected), f"expected rejected, got {result!r}"
    return result


# =========================================================================== P 5 kiesdeler


def test_p5_tk2021_quota_is_the_published_mixed_fraction() -> None:
    """TK2021: 10 422 852 valid votes on lists, 150 seats. The Kiesraad's proces-verbaal P 22-2
    publishes the kiesdeler as ``69485 102/150``:
    150 × 69 485 = 10 422 750 and 10 422 852 − 10 422 750 = 102.
    List votes from shared/data/real-results/TK20210317.json (Kiesraad published results).

    Rules: P5-quota.
    """
    contest = json.loads((REAL_RESULTS / "TK20210317.json").read_text())["contests"][0]
    votes = [item["votes"] for item in contest["input"]["lists"]]
    assert sum(votes) == 10422852  # the published AantalGeldigeStemmen
    result = completed(allocate(election("TK", 150, votes)))
    assert result.quota == Fraction(10422852, 150)
    assert result.quota == parse_mixed("69485 102/150")
    assert result.total_votes == 10422852
    # and the published seats of TK2021 (same source) come out of it
    assert list(seat_counts(result)) == list(contest["seats"].values())


def test_p5_quota_of_a_17_seat_council() -> None:
    """Enkhuizen GR2022 as published: 7553 votes, 17 seats, kiesdeler 444 5/17
    (17 × 444 = 7548, 7553 − 7548 = 5). Here split over two lists of our own.

    Rules: P5-quota.
    """
    result = completed(allocate(election("GR", 17, [7000, 553])))
    assert result.quota == Fraction(7553, 17)
    assert format_mixed(result.quota) == "444 5/17"


def test_p5_quota_is_the_sum_of_the_stemcijfers_over_the_seats() -> None:
    """Kiesdeler = Σ stemcijfers / seats: 500 + 300 + 201 = 1001 over 7 seats = 143 exactly
    (7 × 143 = 1001), an integer kept as an exact number.

    Rules: P5-quota.
    """
    result = completed(allocate(election("GR", 7, [500, 300, 201])))
    assert result.quota == 143


# =========================================================================== P 6 full seats


def test_p6_full_seats_and_exact_remainders() -> None:
    """GR 9 seats, votes 500 / 300 / 112 → total 912, kiesdeler 912/9 = 101 1/3.
    Full seats: 500 / 101 1/3 = 4.93 → 4 (4 × 101 1/3 = 405 1/3, remainder 94 2/3);
    300 → 2 (202 2/3, remainder 97 1/3); 112 → 1 (remainder 10 2/3). Total 7 full seats.

    Rules: P6-full-seats.
    """
    result = completed(allocate(election("GR", 9, [500, 300, 112])))
    assert result.quota == Fraction(912, 9)
    assert dict(result.full_seats) == {1: 4, 2: 2, 3: 1}
    rows = {row.list: row.remainder for row in result.full_seat_rows}
    assert rows == {1: Fraction(284, 3), 2: Fraction(292, 3), 3: Fraction(32, 3)}
    assert sum(rows.values()) == 2 * result.quota  # the 2 residual seats' worth


def test_p6_remainder_exactly_zero_everywhere_means_no_residual_seats() -> None:
    """PS 20 seats, votes 1000 / 600 / 400 → kiesdeler 2000/20 = 100; full seats 10 / 6 / 4
    with remainder exactly 0 each: all 20 seats are full seats and no residual seat step.

    Rules: P6-full-seats, SEATS-total.
    """
    result = completed(allocate(election("PS", 20, [1000, 600, 400])))
    assert seat_counts(result) == (10, 6, 4)
    assert dict(result.full_seats) == {1: 10, 2: 6, 3: 4}
    assert all(row.remainder == 0 for row in result.full_seat_rows)
    assert residual_steps(result) == []
    assert result.residual_seat_order == ()


# =========================================================================== P 7 greatest averages


def test_p7_greatest_averages_with_exactly_19_seats() -> None:
    """Exactly 19 seats → P 7 (greatest averages), not P 8.
    GR 19 seats, votes 1040 / 585 / 275 = 1900, kiesdeler 100. Full 10 / 5 / 2 = 17, 2 residual.
    Seat 1: averages 1040/11 = 94 6/11, 585/6 = 97 1/2, 275/3 = 91 2/3 → list 2.
    Seat 2: 1040/11 = 94 6/11, 585/7 = 83 4/7, 275/3 = 91 2/3 → list 1.
    (P 8's largest remainders 40 / 85 / 75 would instead give lists 2 and 3: 10 / 6 / 3.)

    Rules: P7.1-greatest-average.
    """
    result = completed(allocate(election("GR", 19, [1040, 585, 275])))
    assert seat_counts(result) == (11, 6, 2)
    assert result.residual_seat_order == (2, 1)
    steps = residual_steps(result)
    assert [s.method for s in steps] == ["greatest_average", "greatest_average"]
    assert [s.value for s in steps] == [Fraction(585, 6), Fraction(1040, 11)]
    assert all(s.article == "P 7" for s in steps)


def test_p8_largest_remainders_with_18_seats() -> None:
    """18 seats → P 8 (largest remainders), not P 7.
    GR 18 seats, votes 1040 / 485 / 275 = 1800, kiesdeler 100. Full 10 / 4 / 2 = 16, 2 residual.
    Remainders 40 / 85 / 75, all lists ≥ 75 votes (75% of 100): seats to list 2 (85), list 3 (75).
    (P 7's averages 1040/11 = 94 6/11, 485/5 = 97, 275/3 = 91 2/3 would give lists 2 and 1.)

    Rules: P8.1-largest-remainder.
    """
    result = completed(allocate(election("GR", 18, [1040, 485, 275])))
    assert seat_counts(result) == (10, 5, 3)
    assert result.residual_seat_order == (2, 3)
    steps = residual_steps(result)
    assert [s.method for s in steps] == ["largest_remainder", "largest_remainder"]
    assert [s.value for s in steps] == [85, 75]


# =========================================================================== P 7 lid 2


TK_LIKE_VOTES = [7424, 7423, 99, 54]
"""150 seats, total 15 000, kiesdeler 100. Full seats 74 / 74 / 0 / 0 = 148, 2 residual seats.
Averages for the first residual seat: 7424/75 = 98 74/75, 7423/75 = 98 73/75, 99/1 = 99, 54/1."""


def test_p7_lid2_tk_list_below_quota_gets_no_residual_seat() -> None:
    """TK: P 7 lid 2 bars list 3 (99 < kiesdeler 100) and list 4 (54).
    Seat 1: 7424/75 = 98 74/75 beats 7423/75 = 98 73/75 → list 1.
    Seat 2: list 1 now 7424/76 = 97 52/76; list 2 98 73/75 → list 2. Seats 75 / 75 / 0 / 0.

    Rules: P7.2-full-quota-threshold.
    """
    result = completed(allocate(election("TK", 150, TK_LIKE_VOTES)))
    assert seat_counts(result) == (75, 75, 0, 0)
    first = residual_steps(result)[0]
    assert (3, "below_threshold") in first.excluded
    assert (4, "below_threshold") in first.excluded


def test_p7_gr_19_or_more_list_below_quota_does_get_a_residual_seat() -> None:
    """Same votes and seats as the TK test, kind GR (no P 7 lid 2 threshold).
    Seat 1: list 3's average 99/1 = 99 beats 98 74/75 → list 3.
    Seat 2: list 3 now 99/2 = 49 1/2; list 1 98 74/75 beats list 2 98 73/75 → list 1.
    Seats 75 / 74 / 1 / 0 (cf. Renkum GR2026).

    Rules: P7.1-greatest-average, P7.2-full-quota-threshold.
    """
    result = completed(allocate(election("GR", 150, TK_LIKE_VOTES)))
    assert seat_counts(result) == (75, 74, 1, 0)
    assert result.residual_seat_order == (3, 1)


def test_p7_lid2_applies_to_ep_too() -> None:
    """EP (P 7 lid 2 through Y 2): same numbers as the TK test → 75 / 75 / 0 / 0.

    Rules: P7.2-full-quota-threshold.
    """
    result = completed(allocate(election("EP", 150, TK_LIKE_VOTES)))
    assert seat_counts(result) == (75, 75, 0, 0)


# =========================================================================== P 8 round 1


def test_p8_round1_stemcijfer_exactly_75_percent_is_eligible() -> None:
    """GR 9 seats, votes 836 / 76 = 912, kiesdeler 912/9 = 101 1/3; 75% of it = 76 exactly.
    Full: 836 → 8 (8 × 101 1/3 = 810 2/3, remainder 25 1/3); 76 → 0 (remainder 76). 1 residual.
    List 2 has exactly 75% (inclusive) → eligible; 76 > 25 1/3 → list 2. Seats 8 / 1.

    Rules: P8.2-75-percent.
    """
    result = completed(allocate(election("GR", 9, [836, 76])))
    assert result.quota * Fraction(3, 4) == 76
    assert seat_counts(result) == (8, 1)
    assert residual_steps(result)[0].value == 76


def test_p8_round1_one_vote_below_75_percent_is_not_eligible() -> None:
    """Same kiesdeler (total 912, 9 seats, 101 1/3; 75% = 76), votes 837 / 75.
    List 2 (75 < 76) is barred from the largest-remainder round though its remainder 75 beats
    list 1's 837 − 810 2/3 = 26 1/3. The one residual seat goes to list 1. Seats 9 / 0.

    Rules: P8.2-75-percent.
    """
    result = completed(allocate(election("GR", 9, [837, 75])))
    assert seat_counts(result) == (9, 0)
    step = residual_steps(result)[0]
    assert step.method == "largest_remainder"
    assert step.value == Fraction(79, 3)
    assert (2, "below_threshold") in step.excluded


def test_p8_round1_at_most_one_per_list_and_remainder_zero_counts_as_smallest() -> None:
    """GR 10 seats, votes 700 / 78 / 74 / 74 / 74 = 1000, kiesdeler 100, 75% = 75.
    Full 7 / 0 / 0 / 0 / 0, 3 residual. Round 1 (≥ 75 votes only): list 2 (remainder 78), then
    list 1 whose remainder is exactly 0 ("no remainder counts as the smallest", still in the
    round); lists 3–5 are below 75%. Round 2 (one per list, averages): list 1 700/9 = 77 7/9,
    list 2 78/2 = 39, lists 3–5 74/1 → list 1. Seats 9 / 1 / 0 / 0 / 0.

    Rules: P8.1-largest-remainder, P8.2-one-per-list.
    """
    result = completed(allocate(election("GR", 10, [700, 78, 74, 74, 74])))
    assert seat_counts(result) == (9, 1, 0, 0, 0)
    steps = residual_steps(result)
    assert [(s.list, s.method, s.value) for s in steps] == [
        (2, "largest_remainder", 78),
        (1, "largest_remainder", 0),
        (1, "greatest_average_one_per_list", Fraction(700, 9)),
    ]


# =========================================================================== P 8 round 2


def test_p8_round2_saba_2019_round1_winner_may_win_again() -> None:
    """Eilandsraad Saba 2019 (ER, 5 seats), published result WIPM 5, S.L.P. 0, list 3 0
    (shared/data/real-results/ER20190320.json, contest "Saba", Kiesraad published results).
    Votes 777 / 125 / 81 = 983, kiesdeler 983/5 = 196 3/5; 75% = 147 9/20.
    Full: WIPM 777 → 3 (589 4/5, remainder 187 1/5); S.L.P. and list 3 → 0. 2 residual seats.
    Round 1: only WIPM reaches 75% → WIPM (187 1/5). Round 2 (every list with votes, one per
    list): WIPM 777/5 = 155 2/5 > S.L.P. 125/1 > list 3 81/1 → WIPM. Seats 5 / 0 / 0.

    Rules: P8.3-greatest-average, P8.3-average-one-per-list.
    """
    contest = next(
        c
        for c in json.loads((REAL_RESULTS / "ER20190320.json").read_text())["contests"]
        if c["name"] == "Saba"
    )
    votes = [item["votes"] for item in contest["input"]["lists"]]
    assert votes == [777, 125, 81]
    result = completed(allocate(election("ER", contest["input"]["election"]["seats"], votes)))
    assert list(seat_counts(result)) == list(contest["seats"].values()) == [5, 0, 0]
    assert result.quota == Fraction(983, 5)
    steps = residual_steps(result)
    assert [(s.list, s.method, s.value) for s in steps] == [
        (1, "largest_remainder", Fraction(936, 5)),
        (1, "greatest_average_one_per_list", Fraction(777, 5)),
    ]


def test_p8_round2_list_below_75_percent_competes() -> None:
    """GR 10 seats, votes 350 / 290 / 74 / 73 / 72 / 71 / 70 = 1000, kiesdeler 100, 75% = 75.
    Full 3 / 2 / 0 ... = 5, 5 residual. Round 1 (lists 1, 2 only): list 2 (90), list 1 (50).
    Round 2, 3 seats, one per list, averages: list 1 350/5 = 70, list 2 290/4 = 72 1/2,
    lists 3–7: 74, 73, 72, 71, 70 → list 3 (74), list 4 (73), list 2 (72 1/2).
    Seats 4 / 4 / 1 / 1 / 0 / 0 / 0.

    Rules: P8.3-greatest-average, P8.3-average-one-per-list.
    """
    result = completed(allocate(election("GR", 10, [350, 290, 74, 73, 72, 71, 70])))
    assert seat_counts(result) == (4, 4, 1, 1, 0, 0, 0)
    assert result.residual_seat_order == (2, 1, 3, 4, 2)
    assert [s.method for s in residual_steps(result)] == [
        "largest_remainder",
        "largest_remainder",
        "greatest_average_one_per_list",
        "greatest_average_one_per_list",
        "greatest_average_one_per_list",
    ]


# =========================================================================== P 8 round 3


def test_p8_round3_reached_only_after_exhaustion() -> None:
    """GR 10 seats, votes 560 / 380 / 60 = 1000, kiesdeler 100, 75% = 75; list 2 has 1 candidate.
    Full 5 / 3 / 0 = 8, 2 residual. Round 1 (lists 1, 2): list 2 (80), list 1 (60) → 6 / 4 / 0.
    P 9: list 1 has 560 > 500 votes but already 6 > 5 seats → nothing.
    P 10: list 2 keeps 1 seat; surplus 3 (1 residual + 2 full seats) is reassigned:
    - round 1: list 1 already won, list 2 exhausted, list 3 below 75% → nobody;
      round 2: list 1 560/7 = 80 > list 3 60/1 → list 1;
    - round 2: list 3 60/1 (list 1 already won this round) → list 3;
    - round 2: nobody left; round 3 (unrestricted): list 1 560/8 = 70 > list 3 60/2 → list 1.
    Seats 8 / 1 / 1.

    Rules: P8.3-greatest-average, P10-exhaustion.
    """
    result = completed(allocate(election("GR", 10, [560, 380, 60], limits={2: 1})))
    assert seat_counts(result) == (8, 1, 1)
    reassigned = [s for s in residual_steps(result) if s.reassignment]
    assert [(s.list, s.method, s.value) for s in reassigned] == [
        (1, "greatest_average_one_per_list", Fraction(80)),
        (3, "greatest_average_one_per_list", Fraction(60)),
        (1, "greatest_average", Fraction(70)),
    ]
    assert reassigned[-1].article == "P 8 lid 3 (further rounds)"


# =========================================================================== P 9


def test_p9_exactly_half_of_the_votes_is_no_absolute_majority() -> None:
    """GR 10 seats, votes 500 / 190 / 160 / 150 = 1000, kiesdeler 100.
    Full 5 / 1 / 1 / 1 = 8; remainders 0 / 90 / 60 / 50 → round 1: list 2, list 3.
    List 1 has exactly half of the votes (500 = 1000/2), not more → no P 9. Seats 5 / 2 / 2 / 1.

    Rules: P9-absolute-majority.
    """
    result = completed(allocate(election("GR", 10, [500, 190, 160, 150])))
    assert seat_counts(result) == (5, 2, 2, 1)
    assert not any(isinstance(s, AbsoluteMajorityStep) for s in result.steps)


def test_p9_half_plus_one_vote_takes_the_last_residual_seat() -> None:
    """GR 10 seats, votes 501 / 190 / 160 / 149 = 1000, kiesdeler 100.
    Full 5 / 1 / 1 / 1 = 8; remainders 1 / 90 / 60 / 49 → round 1: list 2 (90), list 3 (60).
    List 1: 501 > 500 votes with 5 ≤ 10/2 seats → P 9: it takes the last residual seat (list 3).
    Seats 6 / 2 / 1 / 1.

    Rules: P9-absolute-majority.
    """
    result = completed(allocate(election("GR", 10, [501, 190, 160, 149])))
    assert seat_counts(result) == (6, 2, 1, 1)
    (step,) = [s for s in result.steps if isinstance(s, AbsoluteMajorityStep)]
    assert (step.list, step.from_list, step.seats_before, step.lot) == (1, 3, 5, False)


P9_TIE_VOTES = [501, 170, 170, 159]
"""GR 10 seats, total 1000, kiesdeler 100. Full 5 / 1 / 1 / 1 = 8; remainders 1 / 70 / 70 / 59.
Round 1: lists 2 and 3 tie at 70 with 2 seats for 2 lists → no lot, both get one.
P 9: list 1 (501 > 500 votes, 5 of 10 seats) takes the last residual seat; the last residual
seats went to lists 2 and 3 on the same remainder 70 → a lot decides which gives one up."""


def test_p9_lot_on_which_list_gives_up_its_seat() -> None:
    """Rules: P9-absolute-majority, LOT-decisive."""
    result = needs_lot(allocate(election("GR", 10, P9_TIE_VOTES)))
    assert result.lot.kind == "absolute_majority"
    assert result.lot.options == (2, 3)
    assert result.lot.value == 70
    assert dict(result.seats_so_far) == {1: 5, 2: 2, 3: 2, 4: 1}


@pytest.mark.parametrize(("drawn", "expected"), [(2, (6, 1, 2, 1)), (3, (6, 2, 1, 1))])
def test_p9_rerun_with_the_drawn_list(drawn: int, expected: tuple[int, ...]) -> None:
    """The list drawn gives up its seat to list 1 (see P9_TIE_VOTES).

    Rules: P9-absolute-majority, LOT-drawn.
    """
    lots = [lot("absolute_majority", (2, 3), drawn)]
    result = completed(allocate(election("GR", 10, P9_TIE_VOTES, lots=lots)))
    assert seat_counts(result) == expected


# =========================================================================== P 10


P10_VOTES = [431, 380, 79, 110]
"""GR 10 seats, total 1000, kiesdeler 100, 75% = 75. Full 4 / 3 / 0 / 1 = 8, 2 residual.
Remainders 31 / 80 / 79 / 10, all lists ≥ 75 votes → round 1: list 2 (80), list 3 (79).
Before P 10: 4 / 4 / 1 / 1. No list has more than 500 votes (no P 9)."""


def test_p10_exhaustion_of_a_residual_seat() -> None:
    """List 2 has 3 candidates: it loses its residual seat (1 surplus). Continuing round 1
    without list 2 (exhausted) and list 3 (already won): list 1 (31) beats list 4 (10).
    Seats 5 / 3 / 1 / 1.

    Rules: P10-exhaustion.
    """
    result = completed(allocate(election("GR", 10, P10_VOTES, limits={2: 3})))
    assert seat_counts(result) == (5, 3, 1, 1)
    (step,) = [s for s in result.steps if isinstance(s, ExhaustionStep)]
    assert (step.list, step.seat_limit, step.removed_residual, step.removed_full) == (2, 3, 1, 0)
    assert [s.list for s in residual_steps(result) if s.reassignment] == [1]


def test_p10_exhaustion_of_a_full_seat() -> None:
    """List 2 has 2 candidates: surplus 2, its residual seat and one full seat. Continuing round 1
    without lists 2 and 3: list 1 (31), then list 4 (10). Seats 5 / 2 / 1 / 2.

    Rules: P10-exhaustion.
    """
    result = completed(allocate(election("GR", 10, P10_VOTES, limits={2: 2})))
    assert seat_counts(result) == (5, 2, 1, 2)
    (step,) = [s for s in result.steps if isinstance(s, ExhaustionStep)]
    assert (step.removed_residual, step.removed_full) == (1, 1)


def test_p10_all_lists_exhausted_seats_stay_empty_with_a_warning() -> None:
    """GR 10 seats, votes 600 / 400 / 0, kiesdeler 100: full 6 / 4 / 0, no residual seat.
    List 1 has 4 candidates, list 2 has 3: surplus 2 + 1 = 3. List 3 has candidates but no votes,
    and a list without votes never gets a residual seat. Nobody can take the 3 seats: they stay
    empty, with a warning. Seats 4 / 3 / 0 (7 of 10 filled).

    Rules: P10-exhaustion, P10-no-empty-seat-needlessly.
    """
    result = completed(allocate(election("GR", 10, [600, 400, 0], limits={1: 4, 2: 3})))
    assert seat_counts(result) == (4, 3, 0)
    (unfilled,) = [s for s in result.steps if isinstance(s, UnfilledSeatsStep)]
    assert unfilled.seats == 3
    assert result.warnings == (
        "P 10: 3 zetels blijven onvervuld: elke lijst die een zetel zou kunnen krijgen heeft "
        "geen levende kandidaten meer",
    )


def test_p19a_deceased_candidate_skipped_and_not_counted_for_p10() -> None:
    """As test_p10_exhaustion_of_a_full_seat, but list 2 gives its 3 candidates (340, 20, 20
    votes = 380) and candidate 2 has died: 2 living candidates → the same P 10 result
    5 / 2 / 1 / 2. Nomination (GR < 19 seats: threshold 50% of 100 = 50): candidate 1
    (340 > 50) on preference, then list order skipping deceased candidate 2 → candidate 3.

    Rules: P19a-deceased, P10-exhaustion.
    """
    result = completed(
        allocate(election("GR", 10, [431, [340, 20, 20], 79, 110], deceased={2: [2]}))
    )
    assert seat_counts(result) == (5, 2, 1, 2)
    assert result.elected[2] == (1, 3)
    assert result.ranking[2] == (1, 3)
    (step,) = [s for s in result.steps if isinstance(s, PreferenceStep) and s.list == 2]
    assert step.deceased == (2,)


# =========================================================================== P 15


def test_p15_exactly_on_the_threshold_is_not_elected_on_preference() -> None:
    """GR 10 seats, list 1 900 votes (list level), list 2 candidates 50 / 50 = 100; kiesdeler 100,
    full 9 / 1. Threshold (GR < 19): 50% of 100 = 50; candidate 2 has exactly 50, not more →
    list 2's seat goes to candidate 1 in list order.

    Rules: P15-threshold-strict.
    """
    result = completed(allocate(election("GR", 10, [900, [50, 50]])))
    assert result.preference_threshold == 50
    assert result.elected[2] == (1,)
    assert result.elected_on_preference[2] == ()


def test_p15_one_vote_above_the_threshold_is_elected_on_preference() -> None:
    """As above with candidates 49 / 51: 51 > 50 → candidate 2 is elected on preference.

    Rules: P15-threshold-strict, P15-preference-order.
    """
    result = completed(allocate(election("GR", 10, [900, [49, 51]])))
    assert result.elected[2] == (2,)
    assert result.elected_on_preference[2] == (2,)


def test_p15_25_percent_for_a_council_of_19_seats() -> None:
    """GR 19 seats, list 1 1800, list 2 candidates 20 / 35 / 45 = 100; kiesdeler 100, full 18 / 1.
    Threshold 25% of 100 = 25: candidates 3 (45) and 2 (35) pass; 1 seat → candidate 3.

    Rules: P15-threshold.
    """
    result = completed(allocate(election("GR", 19, [1800, [20, 35, 45]])))
    assert result.preference_threshold == 25
    assert result.elected[2] == (3,)


def test_p15_50_percent_for_a_council_under_19_seats() -> None:
    """GR 18 seats, list 1 1700, list 2 candidates 20 / 35 / 45 = 100; kiesdeler 100, full 17 / 1.
    Threshold 50% of 100 = 50: nobody passes → candidate 1 in list order.

    Rules: P15-threshold.
    """
    result = completed(allocate(election("GR", 18, [1700, [20, 35, 45]])))
    assert result.preference_threshold == 50
    assert result.elected[2] == (1,)


def test_p15_50_percent_for_an_island_council() -> None:
    """ER 9 seats, list 1 800, list 2 candidates 20 / 35 / 45 = 100; kiesdeler 100, full 8 / 1.
    Eilandsraad follows the gemeenteraad rule: 50% = 50, nobody passes → candidate 1.

    Rules: P15-threshold.
    """
    result = completed(allocate(election("ER", 9, [800, [20, 35, 45]])))
    assert result.preference_threshold == 50
    assert result.elected[2] == (1,)


def test_p15_10_percent_for_ep_versus_25_percent_for_ps() -> None:
    """List 2 holds 2 seats: EP 31 seats, list 1 2900, list 2 candidates 169 / 11 / 20 = 200;
    kiesdeler 3100/31 = 100, full 29 / 2. EP threshold 10: candidates 1 (169), 3 (20), 2 (11)
    pass; 2 seats → candidates 1 and 3 on preference. PS (25): only candidate 1 passes; the
    second seat goes to candidate 2 in list order.

    Rules: P15-threshold.
    """
    ep = completed(allocate(election("EP", 31, [2900, [169, 11, 20]])))
    assert ep.preference_threshold == 10
    assert ep.elected[2] == (1, 3)
    assert ep.elected_on_preference[2] == (1, 3)
    ps = completed(allocate(election("PS", 31, [2900, [169, 11, 20]])))
    assert ps.preference_threshold == 25
    assert ps.elected[2] == (1, 2)
    assert ps.elected_on_preference[2] == (1,)


# =========================================================================== P 17, P 19


def test_p17_remaining_seats_in_list_order() -> None:
    """GR 10 seats, list 1 700, list 2 candidates 60 / 10 / 10 / 210 / 10 = 300; kiesdeler 100,
    full 7 / 3. Threshold 50: candidates 4 (210) and 1 (60) elected on preference, in that order;
    the third seat goes to the first other living candidate in list order: candidate 2.
    P 19 ranking: 4, 1 (preference), then the rest in list order 2, 3, 5.

    Rules: P15-preference-order, P17-list-order.
    """
    result = completed(allocate(election("GR", 10, [700, [60, 10, 10, 210, 10]])))
    assert result.elected[2] == (4, 1, 2)
    assert result.elected_on_preference[2] == (4, 1)
    assert result.ranking[2] == (4, 1, 2, 3, 5)


def test_p19_ranking_puts_unelected_candidates_above_threshold_by_votes() -> None:
    """GR 19 seats, list 1 1800, list 2 candidates 10 / 30 / 27 / 33 = 100; kiesdeler 100,
    full 18 / 1; threshold 25. Above it by votes: 4 (33), 2 (30), 3 (27). One seat → 4.
    Ranking: 4 (elected), then 2, 3 (above the threshold, by votes), then 1 (list order).

    Rules: P19-ranking.
    """
    result = completed(allocate(election("GR", 19, [1800, [10, 30, 27, 33]])))
    assert result.elected[2] == (4,)
    assert result.ranking[2] == (4, 2, 3, 1)


# =========================================================================== lots


LOT_VOTES = [1050, 475, 475]
"""PS 20 seats, total 2000, kiesdeler 100. Full 10 / 4 / 4 = 18, 2 residual seats.
Seat 1: averages 1050/11 = 95 5/11, 475/5 = 95, 475/5 = 95 → list 1.
Seat 2: list 1 1050/12 = 87 1/2; lists 2 and 3 tie at 95 for 1 seat → decisive: lot
(as Roermond GR2026, lists 3 and 9 at 617)."""


def test_lot_decisive_residual_tie_needs_lot() -> None:
    """Rules: LOT-decisive."""
    result = needs_lot(allocate(election("PS", 20, LOT_VOTES)))
    assert result.lot.kind == "residual_seat"
    assert result.lot.options == (2, 3)
    assert result.lot.value == 95
    assert result.lot.seat == 2
    assert result.lots_used == 0
    assert dict(result.seats_so_far) == {1: 11, 2: 4, 3: 4}


def test_lot_rerun_with_the_drawn_list_completes() -> None:
    """List 3 drawn: seats 11 / 4 / 5; the step records the tie and the lot.

    Rules: LOT-drawn.
    """
    lots = [lot("residual_seat", (2, 3), 3)]
    result = completed(allocate(election("PS", 20, LOT_VOTES, lots=lots)))
    assert seat_counts(result) == (11, 4, 5)
    last = residual_steps(result)[-1]
    assert (last.list, last.tied, last.lot) == (3, (2, 3), True)


def test_lot_that_answers_another_question_is_rejected() -> None:
    """Rules: LOT-drawn."""
    lots = [lot("residual_seat", (1, 2), 1)]
    (error,) = rejected(allocate(election("PS", 20, LOT_VOTES, lots=lots))).errors
    assert (error.field, error.code) == ("lots[0]", "lot_mismatch")


def test_lot_of_the_wrong_kind_is_rejected() -> None:
    """Rules: LOT-drawn."""
    lots = [lot("absolute_majority", (2, 3), 2)]
    (error,) = rejected(allocate(election("PS", 20, LOT_VOTES, lots=lots))).errors
    assert (error.field, error.code) == ("lots[0]", "lot_mismatch")


def test_leftover_lot_is_rejected() -> None:
    """Rules: LOT-drawn."""
    lots = [lot("residual_seat", (2, 3), 3), lot("residual_seat", (2, 3), 2)]
    (error,) = rejected(allocate(election("PS", 20, LOT_VOTES, lots=lots))).errors
    assert (error.field, error.code) == ("lots[1]", "lot_mismatch")


def test_lot_given_where_none_is_needed_is_rejected() -> None:
    """GR 10 seats, 600 / 400: kiesdeler 100, full 6 / 4, no residual seat, so no lot.

    Rules: LOT-drawn.
    """
    lots = [lot("residual_seat", (1, 2), 1)]
    (error,) = rejected(allocate(election("GR", 10, [600, 400], lots=lots))).errors
    assert (error.field, error.code) == ("lots[0]", "lot_mismatch")


def test_non_decisive_tie_needs_no_lot() -> None:
    """PS 20 seats, votes 930 / 485 / 485 / 100 = 2000, kiesdeler 100. Full 9 / 4 / 4 / 1 = 18,
    2 residual. Seat 1: averages 930/10 = 93, 485/5 = 97, 485/5 = 97, 100/2 = 50: lists 2 and 3
    tie, but 2 seats remain for the 2 tied lists → no lot; list 2 (ascending list number), then
    seat 2: list 3 97 > list 1 93 > list 2 485/6 = 80 5/6. Seats 9 / 5 / 5 / 1 (no list has more
    than 1000 votes, so no P 9).

    Rules: TIE-list-order, LOT-decisive.
    """
    result = completed(allocate(election("PS", 20, [930, 485, 485, 100])))
    assert seat_counts(result) == (9, 5, 5, 1)
    assert result.residual_seat_order == (2, 3)
    assert not any(s.lot for s in residual_steps(result))


def test_lot_decisive_candidate_tie() -> None:
    """GR 19 seats, list 1 1800, list 2 candidates 10 / 45 / 45 = 100; kiesdeler 100, full 18 / 1.
    Threshold 25: candidates 2 and 3 both have 45 and compete for list 2's single seat → lot
    (kind candidate, list 2, options 2 and 3). Rerun with 3 drawn → candidate 3 elected.

    Rules: LOT-decisive, P15-preference-order.
    """
    votes: list[ListSpec] = [1800, [10, 45, 45]]
    question = needs_lot(allocate(election("GR", 19, votes))).lot
    assert (question.kind, question.list, question.options) == ("candidate", 2, (2, 3))
    drawn = lot("candidate", (2, 3), 3, list_number=2)
    result = completed(allocate(election("GR", 19, votes, lots=[drawn])))
    assert result.elected[2] == (3,)
    assert result.ranking[2] == (3, 2, 1)


# =========================================================================== profiles


def test_profile_candidate_lot_always_asks_where_default_does_not() -> None:
    """GR 10 seats, list 1 700, list 2 candidates 100 / 100 / 20 / 80 = 300; kiesdeler 100,
    full 7 / 3; threshold 50. Candidates 1 and 2 (100 each) and 4 (80) pass; all three are
    elected, so the tie between 1 and 2 is not decisive for who is elected.
    Default: no lot, tied candidates in list order → elected 1, 2, 4.
    ``candidate-lot-always``: a lot for the order of 1 and 2; with 2 drawn → 2, 1, 4.

    Rules: LOT-decisive, P15-preference-order.
    """
    votes: list[ListSpec] = [700, [100, 100, 20, 80]]
    default = completed(allocate(election("GR", 10, votes)))
    assert default.elected[2] == (1, 2, 4)
    question = needs_lot(allocate(election("GR", 10, votes, profile="candidate-lot-always"))).lot
    assert (question.kind, question.list, question.options) == ("candidate", 2, (1, 2))
    drawn = [lot("candidate", (1, 2), 2, list_number=2)]
    always = completed(
        allocate(election("GR", 10, votes, profile="candidate-lot-always", lots=drawn))
    )
    assert always.elected[2] == (2, 1, 4)
    assert always.ranking[2] == (2, 1, 4, 3)


P9_P10_VOTES = [501, 190, 236, 73]
"""GR 10 seats, total 1000, kiesdeler 100, 75% = 75. List 2 has 1 candidate, list 3 has 2.
Full 5 / 1 / 2 / 0 = 8, 2 residual. Round 1 (lists 1–3; list 4 below 75%): remainders 1 / 90 /
36 → list 2 (90), list 3 (36). P 9: list 1 (501 > 500 votes, 5 of 10 seats) takes list 3's
seat → 6 / 2 / 2 / 0. P 10: list 2 (1 candidate) gives back its residual seat; list 3 holds
2 seats for 2 candidates, so it is exhausted for the reassignment."""


def test_profile_default_p9_seat_does_not_count_as_residual() -> None:
    """Default: list 1's P 9 seat does not count as its round-1 seat. Continuing round 1:
    list 1 (remainder 1) is the only eligible list → list 1. Seats 7 / 1 / 2 / 0.

    Rules: P9-absolute-majority, P8.2-one-per-list.
    """
    result = completed(allocate(election("GR", 10, P9_P10_VOTES, limits={2: 1, 3: 2})))
    assert seat_counts(result) == (7, 1, 2, 0)
    (step,) = [s for s in residual_steps(result) if s.reassignment]
    assert (step.list, step.method, step.value) == (1, "largest_remainder", Fraction(1))


def test_profile_p9_counts_as_residual_changes_the_reassignment() -> None:
    """``p9-counts-as-residual``: list 1's P 9 seat counts as its round-1 seat, so round 1 has
    nobody left; round 2 (one per list): list 1 501/7 = 71 4/7 < list 4 73/1 → list 4.
    Seats 6 / 1 / 2 / 1.

    Rules: P9-absolute-majority, P8.2-one-per-list.
    """
    result = completed(
        allocate(
            election("GR", 10, P9_P10_VOTES, limits={2: 1, 3: 2}, profile="p9-counts-as-residual")
        )
    )
    assert seat_counts(result) == (6, 1, 2, 1)
    (step,) = [s for s in residual_steps(result) if s.reassignment]
    assert (step.list, step.method, step.value) == (
        4,
        "greatest_average_one_per_list",
        Fraction(73),
    )


# =========================================================================== law bill-36641


def test_bill_36641_list_between_75_and_100_percent_loses_its_residual_seat() -> None:
    """GR 10 seats, votes 610 / 300 / 90 = 1000, kiesdeler 100. Full 6 / 3 / 0, 1 residual.
    Current law: list 3 (90 ≥ 75) competes; remainders 10 / 0 / 90 → list 3: 6 / 3 / 1.
    Bill 36 641: list 3 (90 < 100) gets no residual seat; list 1 (10) beats list 2 (0):
    7 / 3 / 0.

    Rules: BILL36641-full-quota.
    """
    assert seat_counts(allocate(election("GR", 10, [610, 300, 90]))) == (6, 3, 1)
    bill = completed(allocate(election("GR", 10, [610, 300, 90], law="bill-36641")))
    assert seat_counts(bill) == (7, 3, 0)
    assert (3, "below_threshold") in residual_steps(bill)[0].excluded


def test_bill_36641_full_quota_threshold_for_greatest_averages_too() -> None:
    """GR 150 seats with TK_LIKE_VOTES under bill 36 641: like TK, list 3 (99 < 100) is barred;
    75 / 75 / 0 / 0 instead of current law's 75 / 74 / 1 / 0.

    Rules: BILL36641-full-quota.
    """
    result = allocate(election("GR", 150, TK_LIKE_VOTES, law="bill-36641"))
    assert seat_counts(result) == (75, 75, 0, 0)


def test_bill_36641_does_not_apply_to_the_eerste_kamer() -> None:
    """EK under bill 36 641 keeps greatest averages without a threshold: the same numbers as the
    GR test under current law → 75 / 74 / 1 / 0.

    Rules: BILL36641-full-quota, P7.1-greatest-average.
    """
    result = allocate(election("EK", 150, TK_LIKE_VOTES, law="bill-36641"))
    assert seat_counts(result) == (75, 74, 1, 0)


@pytest.mark.parametrize(
    ("kind", "seats", "lists", "law"),
    [("TK", 19, 20, "current"), ("GR", 12, 13, "bill-36641")],
)
def test_full_quota_threshold_with_no_list_at_the_kiesdeler_leaves_every_seat_empty(
    kind: str, seats: int, lists: int, law: str
) -> None:
    """P 7 lid 2 (TK) and bill 36 641 (GR): a list below the kiesdeler gets no residual seat.

    TK, 19 seats, 20 lists of 100 votes: kiesdeler 2000/19 = 105 5/19 > 100, so no list has a
    full seat (floor(100 · 19 / 2000) = 0) and none may take a residual seat.
    GR, 12 seats, 13 lists of 100 votes, bill 36 641: kiesdeler 1300/12 = 108 1/3 > 100: the
    same. The law names no recipient, so every seat stays empty, with a warning, not an error
    (docs/interpretation.md, "Seats that stay empty").

    Rules: P7.2-full-quota-threshold, BILL36641-full-quota.
    """
    result = completed(allocate(election(kind, seats, [100] * lists, law=law)))  # type: ignore[arg-type]
    assert seat_counts(result) == (0,) * lists
    assert any(isinstance(step, UnfilledSeatsStep) and step.seats == seats for step in result.steps)
    assert result.warnings == (
        f"{seats} zetels blijven onvervuld: geen lijst komt voor een restzetel in aanmerking",
    )
