"""Published national results reproduced through district-level input, and properties.

Independent source: the officially allocated seats (Kiesraad) in ``tests/fixtures/real``. Each
published national result is turned into a district-level input by
``conformance.vector_sources.districts.real_contest_input`` (the same inputs as the
``allocate-districts`` vectors): every list's published votes
split over 20 districts with a fixed seed (the parts sum exactly to the published total), some
parties as a stel gelijkluidende lijsten, some as a lijstengroep of two stellen, some as a
lijstengroep of a stel and one district list. The party seats must be the published seats, the
spec must find nothing. TK 2017 is run under law ``pre-2017-12`` with its two lijstencombinaties
(GROENLINKS + PvdA, ChristenUnie + SGP) and must still give the published seats.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance.vector_sources.districts import (
    REAL_ELECTIONS,
    published_list_number,
    real_contest_input,
    split,
)
from interchange.districts import district_result_to_json, parse_district_election
from interchange.engine import allocate_json
from interchange.judging import check_districts
from reference.districts import allocate_districts
from spec.districts import DistrictCompleted, DistrictElection, DistrictNeedsLot
from spec.model import Completed, NeedsLot
from tests.shared_data import FIXTURES, load


@pytest.mark.parametrize(
    ("name", "law", "combinations"), REAL_ELECTIONS, ids=lambda x: str(x)[:20]
)
def test_published_seats_through_districts(
    name: str, law: str, combinations: tuple[tuple[str, str], ...]
) -> None:
    """Party seats = the officially allocated seats; every group's lists hold its seats
    (P12-seat-sum); spec.check_districts finds nothing (P12.1-group-quota,
    P12.2-largest-remainder, combination-P11-quota, combination-P11-largest-remainder)."""
    contest = load(FIXTURES / f"{name}.json")["contests"][0]
    document = real_contest_input(contest["input"], law, combinations)
    election = parse_district_election(document)
    assert isinstance(election, DistrictElection), election
    assert len(election.districts) == 20
    assert election.groups, "some parties must be lijstengroepen"
    result = allocate_districts(election)
    assert isinstance(result, DistrictCompleted), result
    seats = {str(published_list_number(p)): s for p, s in result.party_seats.items()}
    assert seats == contest["seats"]
    for group in election.groups:
        assert sum(result.seats[m] for m in group.members) == result.party_seats[group.number]
    if combinations:
        assert [c.counts for c in result.combination_checks] == [True, True]
        assert {d.owner for d in result.distributions if d.kind == "combination"} == {
            90001,
            90002,
        }
    assert check_districts(election, district_result_to_json(result)) == []


def test_split_is_exact_and_deterministic() -> None:
    """The split sums to the total exactly and the same seed gives the same parts."""
    parts = split(2_238_351, 20, random.Random(7))
    assert sum(parts) == 2_238_351 and len(parts) == 20
    assert parts == split(2_238_351, 20, random.Random(7))


# --------------------------------------------------------------------------- properties

_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def _elections(draw: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """A list-level single contest and the same parties as stellen / groups over districts."""
    kind = draw(st.sampled_from(["TK", "PS", "GR", "EP"]))
    seats = draw(st.integers(1, 40))
    votes = draw(st.lists(st.integers(0, 5000), min_size=2, max_size=6))
    if sum(votes) == 0:
        votes[0] = 1
    districts = draw(st.integers(2, 5))
    rng = random.Random(draw(st.integers(0, 10**6)))
    single = {
        "election": {"kind": kind, "seats": seats},
        "lists": [{"number": i + 1, "votes": v} for i, v in enumerate(votes)],
    }
    lists: list[dict[str, Any]] = []
    sets: list[dict[str, Any]] = []
    groups: list[dict[str, Any]] = []
    for i, v in enumerate(votes, start=1):
        parts = split(v, districts, rng)
        for d in range(1, districts + 1):
            lists.append({"number": 100 * i + d, "district": d, "votes": parts[d - 1]})
        as_group = draw(st.booleans())
        cut = draw(st.integers(1, districts - 1)) if as_group else districts
        members = []
        for k, (lo, hi) in enumerate([(1, cut), (cut + 1, districts)]):
            if lo > hi:
                continue
            if hi > lo:
                sets.append(
                    {
                        "number": 10000 + 10 * i + k,
                        "lists": [100 * i + d for d in range(lo, hi + 1)],
                    }
                )
                members.append(10000 + 10 * i + k)
            else:
                members.append(100 * i + lo)
        if len(members) > 1:
            groups.append({"number": i, "members": members})
    district = {
        "format": "kieswet/district-allocation-input@1",
        "election": {"kind": kind, "seats": seats},
        "districts": [{"number": d} for d in range(1, districts + 1)],
        "lists": lists,
        "sets": sets,
        "groups": groups,
    }
    return single, district


@_SETTINGS
@given(_elections())
def test_splitting_over_districts_never_changes_party_seats(
    pair: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    """A party's seats are the same whether its votes come as one list or split over districts
    as a stel or a lijstengroep (P 3); group seats equal the sum of its lists' seats
    (P12-seat-sum); spec.check_districts finds nothing in the reference's result."""
    single, district = pair
    one = allocate_json(single)
    election = parse_district_election(district)
    assert isinstance(election, DistrictElection), election
    many = allocate_districts(election)
    if isinstance(one, NeedsLot):
        assert many.status == "needs_lot"
        return
    assert isinstance(one, Completed)
    if isinstance(many, DistrictNeedsLot):
        # a P 12 tie inside a group: the party seats are decided already
        assert many.stage == "group", many
        so_far = {published_list_number(p): s for p, s in many.seats_so_far.items()}
        assert so_far == dict(one.seats)
        assert check_districts(election, district_result_to_json(many)) == []
        return
    assert isinstance(many, DistrictCompleted), many
    by_list = {published_list_number(p): s for p, s in many.party_seats.items()}
    assert by_list == dict(one.seats)
    for group in election.groups:
        assert sum(many.seats[m] for m in group.members) == many.party_seats[group.number]
    assert check_districts(election, district_result_to_json(many)) == []


@st.composite
def _candidate_groups(draw: Any) -> dict[str, Any]:
    """Two-list lijstengroepen with candidates, some standing on both lists."""
    parties = draw(st.integers(1, 3))
    lists: list[dict[str, Any]] = []
    groups: list[dict[str, Any]] = []
    for p in range(1, parties + 1):
        people = [f"p{p}c{i}" for i in range(draw(st.integers(2, 8)))]
        members = []
        for d in (1, 2):
            chosen = draw(st.lists(st.sampled_from(people), min_size=1, unique=True))
            lists.append(
                {
                    "number": 100 * p + d,
                    "district": d,
                    "candidates": [
                        {"number": i, "name": name, "votes": draw(st.integers(0, 400))}
                        for i, name in enumerate(chosen, start=1)
                    ],
                }
            )
            members.append(100 * p + d)
        groups.append({"number": p, "members": members})
    lists.append(
        {"number": 9, "district": 1, "votes": draw(st.integers(1, 3000)), "candidate_count": 50}
    )
    return {
        "format": "kieswet/district-allocation-input@1",
        "election": {
            "kind": draw(st.sampled_from(["TK", "PS"])),
            "seats": draw(st.integers(1, 25)),
        },
        "districts": [{"number": 1}, {"number": 2}],
        "lists": lists,
        "groups": groups,
    }


@_SETTINGS
@given(_candidate_groups())
def test_spec_finds_nothing_on_group_candidates(document: dict[str, Any]) -> None:
    """Candidates on several lists of a group: the spec's P15.2-summed-preference,
    P16-placement and P18-elected-once find nothing in the reference's result, and nobody is
    elected twice."""
    election = parse_district_election(document)
    assert isinstance(election, DistrictElection), election
    result = allocate_districts(election)
    if not isinstance(result, DistrictCompleted):
        return
    assert check_districts(election, district_result_to_json(result)) == []
    for group in election.groups:
        names = [
            c.key
            for n in group.members
            for lst in election.lists
            if lst.number == n
            for c in lst.candidates or ()
            if c.number in result.elected.get(n, ())
        ]
        assert len(names) == len(set(names))
