"""Hypothesis strategies for the inputs of the operations ``allocate-districts`` and
``allocate-eerste-kamer``.

Public API, like ``conformance.strategies`` (which generates single-contest ``Election`` values
for the operation ``allocate``); these strategies yield the JSON *documents* an implementation
reads, already decoded (``dict``), and every one is valid:

- ``district_inputs``: ``kieswet/district-allocation-input@1`` documents (``docs/districts.md``):
  one to ``max_districts`` districts, one to ``max_parties`` parties, each submitted as one
  district list, as a stel gelijkluidende lijsten (H 11 lid 1) or as a lijstengroep (H 11 lid 2,
  P 3) of stellen and district lists; candidate-level or list-level data per party; under law
  ``pre-2017-12`` sometimes lijstencombinaties (old I 10, P 4, P 11); for the Eerste Kamer the
  districts carry a stemwaarde (U 2). ``interchange.districts.parse_district_election`` accepts
  every one.
- ``eerste_kamer_inputs``: ``kieswet/eerste-kamer-input@1`` documents (``docs/eerste-kamer.md``):
  some of the sixteen electoral bodies of 2023, each with its published inhabitants and members
  (U 2), its stemwaarde as given, or inhabitants that put the U 2 quotient exactly on (or one
  off) a half, the kiescollege niet-ingezetenen with its given stemwaarde; member votes per list
  or per candidate and body, never more in a body than it has members.
  ``interchange.eerste_kamer.parse_eerste_kamer`` accepts every one, and the weighted votes
  (``interchange.engine.eerste_kamer_election``) never add up to nothing.
- ``resolve_district_lots`` and ``resolve_eerste_kamer_lots``: append every lot the reference
  asks for, each drawn (by Hypothesis, or the first option), until the allocation no longer
  asks.

Sizes stay small (a few districts, parties, lists and candidates), so the reference allocates an
example in milliseconds and Hypothesis shrinks a failing one to something a reviewer can read.

Numbering of a district input, so that a number says what it is: party ``p`` (1 to 9) has the
district list ``100 p + d`` in district ``d``, its stellen are ``10 p + k`` (``k`` counting its
members from 0) and its lijstengroep is ``p``; lijstencombinaties are ``1000 + i``. A party's
number (what ``party_seats`` is keyed by) is its group's, its stel's or its district list's.
Candidates are named after their party's letter (party 1: ``A1``, ``A2``, ...), so the same
person on several lists of a group has the same name (P 15 sums their votes).

Article references are to the Kieswet (BWBR0004627), consolidated text of 2026-01-01.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from hypothesis import strategies as st

from conformance.strategies import PROFILES, DataLevel, seats_for
from conformance.vector_sources.eerste_kamer import BODIES_2023, KNI, KNI_2023
from interchange.districts import parse_district_election
from interchange.eerste_kamer import INPUT_FORMAT as EERSTE_KAMER_INPUT_FORMAT
from interchange.engine import eerste_kamer_election
from reference.allocate import allocate
from reference.districts import allocate_districts
from spec.districts import INPUT_FORMAT as DISTRICT_INPUT_FORMAT
from spec.districts import DistrictNeedsLot, stemwaarde_of
from spec.model import (
    LAW_VERSIONS,
    ElectionKind,
    LawVersion,
    LotQuestion,
    NeedsLot,
    Profile,
    Rejected,
)

__all__ = [
    "DISTRICT_KINDS",
    "EK_BODIES",
    "district_inputs",
    "eerste_kamer_inputs",
    "resolve_district_lots",
    "resolve_eerste_kamer_lots",
]

DISTRICT_KINDS: tuple[ElectionKind, ...] = ("PS", "TK", "EP", "EK")
"""The election kinds counted per district (``docs/districts.md``), in the order
``district_inputs`` shrinks towards: Provinciale Staten (Limburg's kieskringen) first."""

EK_BODIES: tuple[str, ...] = (*BODIES_2023, KNI)
"""The sixteen electoral bodies of the Eerste Kamer of 2023: twelve provinciale staten, the
kiescolleges of Bonaire, Sint Eustatius and Saba, and the kiescollege niet-ingezetenen."""

SMALL_VOTES = 40
"""The votes per district list of the half of ``district_inputs`` that is drawn small."""

_LETTERS = "ABCDEFGHI"
_MAX_PARTIES = 9  # the numbering above: party p has lists 100 p + d
_MAX_DISTRICTS = 9  # and stellen 10 p + k

LotAnswer = Callable[[LotQuestion], int]


def _split(draw: st.DrawFn, total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` non-negative integers; shrinks towards all in the first."""
    if parts <= 1:
        return [total] * parts
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=parts - 1, max_size=parts - 1)))
    bounds = [0, *cuts, total]
    return [bounds[i + 1] - bounds[i] for i in range(parts)][::-1]


def _answerer(draw: st.DrawFn | None) -> LotAnswer:
    if draw is None:
        return lambda question: question.options[0]
    return lambda question: draw(st.sampled_from(question.options))


def _lot_json(question: LotQuestion, drawn: int) -> dict[str, Any]:
    lot: dict[str, Any] = {"kind": question.kind, "options": list(question.options)}
    lot["drawn"] = drawn
    if question.list is not None:
        lot["list"] = question.list
    return lot


def _candidate_total(document: Mapping[str, Any]) -> int:
    lists = document.get("lists", [])
    return sum(len(item.get("candidates", ())) for item in lists if isinstance(item, dict))


# --------------------------------------------------------------------------- districts


def resolve_district_lots(
    document: Mapping[str, Any], draw: st.DrawFn | None = None
) -> dict[str, Any]:
    """``document`` (a valid ``kieswet/district-allocation-input@1``) with every lot the
    reference (``reference.districts.allocate_districts``) asks for appended to ``lots``, each
    drawn by ``draw`` (a Hypothesis draw function; ``None``: always the first option), until the
    allocation completes or rejects the input (old P 4 lid 2 needing a lot). Raises
    ``ValueError`` for an invalid document."""
    out = dict(document)
    lots = list(out.get("lots", []))
    answer = _answerer(draw)
    bound = 4 * int(out["election"]["seats"]) + 10 + _candidate_total(out)
    for _ in range(bound):
        parsed = parse_district_election(out)
        if isinstance(parsed, Rejected):
            raise ValueError(f"an invalid district input: {parsed.errors}")
        result = allocate_districts(parsed)
        if not isinstance(result, DistrictNeedsLot):
            return out
        lots.append(_lot_json(result.lot, answer(result.lot)))
        out["lots"] = list(lots)
    raise RuntimeError(f"the allocation still asks for a lot after {bound} lots")


def _district_weight(draw: st.DrawFn) -> dict[str, int]:
    """An Eerste Kamer district's stemwaarde (U 2): given, or inhabitants and members whose
    quotient is exactly a half (rounded up) or one inhabitant off it."""
    if draw(st.booleans()):
        members = draw(st.integers(5, 55))
        whole = draw(st.integers(1, 700))
        off = draw(st.sampled_from((0, 0, -1, 1)))
        return {"inhabitants": members * (100 * whole + 50) + off, "members": members}
    return {"stemwaarde": draw(st.integers(1, 700))}


def _district_candidates(
    draw: st.DrawFn, names: Sequence[str], dead: set[str], max_votes: int
) -> list[dict[str, Any]]:
    votes = draw(st.lists(st.integers(0, max_votes), min_size=len(names), max_size=len(names)))
    return [
        {"number": i, "name": name, "votes": v, **({"deceased": True} if name in dead else {})}
        for i, (name, v) in enumerate(zip(names, votes, strict=True), start=1)
    ]


def _party_units(draw: st.DrawFn, districts: int) -> list[list[int]]:
    """The districts of a party's lists, grouped into its units (a stel: two or more districts;
    a single district list: one). One unit of one district: a party of one list; one unit of
    several: a stel; several units: a lijstengroep."""
    shapes = ("list", "stel", "group") if districts >= 2 else ("list",)
    shape = draw(st.sampled_from(shapes))
    if shape == "list":
        return [[draw(st.integers(1, districts))]]
    used = draw(st.integers(2, districts))
    order = draw(st.permutations(range(1, districts + 1)))[:used]
    if shape == "stel":
        return [list(order)]
    members = draw(st.integers(2, used))
    cuts = sorted(
        draw(st.lists(st.integers(1, used - 1), min_size=members - 1, max_size=members - 1,
                      unique=True))
    )  # fmt: skip
    bounds = [0, *cuts, used]
    return [list(order[bounds[i] : bounds[i + 1]]) for i in range(members)]


def _party(
    draw: st.DrawFn,
    p: int,
    districts: int,
    level: DataLevel,
    max_candidates: int,
    max_votes: int,
    allow_deceased: bool,
) -> tuple[int, list[dict[str, Any]], list[dict[str, Any]], dict[str, Any] | None]:
    """Party ``p``: its number, district lists, stellen and group (see the module docstring)."""
    units = _party_units(draw, districts)
    lists: list[dict[str, Any]] = []
    sets: list[dict[str, Any]] = []
    members: list[int] = []
    letter = _LETTERS[p - 1]
    pool = [f"{letter}{i}" for i in range(1, draw(st.integers(1, max_candidates)) + 1)]
    dead = {name for name in pool if allow_deceased and draw(st.integers(0, 11)) == 11}
    for k, unit in enumerate(units):
        if level == "candidates":
            if len(units) == 1:
                names = pool  # a party of one unit: its candidates are the party's
            else:  # a list of a group: some of the party's candidates, in some order
                picks = draw(
                    st.lists(st.integers(0, len(pool) - 1), min_size=1, max_size=len(pool),
                             unique=True)
                )  # fmt: skip
                names = [pool[i] for i in picks]
            for d in unit:
                lists.append(
                    {
                        "number": 100 * p + d,
                        "district": d,
                        "candidates": _district_candidates(
                            draw, names, dead, max(1, max_votes // 4)
                        ),
                    }
                )
        else:
            count = draw(st.one_of(st.none(), st.integers(1, max_candidates)))
            for d in unit:
                item: dict[str, Any] = {
                    "number": 100 * p + d,
                    "district": d,
                    "votes": draw(st.integers(0, max_votes)),
                }
                if count is not None:
                    item["candidate_count"] = count
                    if allow_deceased and draw(st.integers(0, 9)) == 9:
                        item["deceased_count"] = draw(st.integers(0, count))
                lists.append(item)
        if len(unit) > 1:
            sets.append({"number": 10 * p + k, "lists": [100 * p + d for d in unit]})
            members.append(10 * p + k)
        else:
            members.append(100 * p + unit[0])
    if len(members) == 1:
        return members[0], lists, sets, None
    return p, lists, sets, {"number": p, "members": members}


def _combinations(draw: st.DrawFn, parties: Sequence[int]) -> list[dict[str, Any]]:
    """Lijstencombinaties (old I 10) of two or three parties each, each party in at most one."""
    if len(parties) < 2 or not draw(st.booleans()):
        return []
    order = draw(st.permutations(parties))
    out: list[dict[str, Any]] = []
    start = 0
    while len(order) - start >= 2 and (not out or draw(st.booleans())):
        size = draw(st.integers(2, min(3, len(order) - start)))
        out.append({"number": 1001 + len(out), "members": list(order[start : start + size])})
        start += size
    return out


def _ensure_a_vote(lists: list[dict[str, Any]]) -> None:
    """No seats without votes: give the first list (its first candidate) one vote if none."""
    total = sum(
        sum(c["votes"] for c in item["candidates"]) if "candidates" in item else item["votes"]
        for item in lists
    )
    if total == 0:
        first = lists[0]
        if "candidates" in first:
            first["candidates"][0]["votes"] = 1
        else:
            first["votes"] = 1


@st.composite
def _district_inputs(
    draw: st.DrawFn,
    kinds: st.SearchStrategy[ElectionKind],
    laws: st.SearchStrategy[LawVersion],
    profiles: st.SearchStrategy[Profile],
    levels: st.SearchStrategy[DataLevel],
    seats: st.SearchStrategy[int] | None,
    max_districts: int,
    max_parties: int,
    max_candidates: int,
    max_votes: int,
    allow_deceased: bool,
    allow_lots: bool,
) -> dict[str, Any]:
    kind = draw(kinds)
    house = draw(seats if seats is not None else seats_for(kind))
    law = draw(laws)
    profile = draw(profiles)
    districts = draw(st.integers(1, max_districts))
    district_docs: list[dict[str, Any]] = [
        {"number": d, **(_district_weight(draw) if kind == "EK" else {})}
        for d in range(1, districts + 1)
    ]
    lists: list[dict[str, Any]] = []
    sets: list[dict[str, Any]] = []
    groups: list[dict[str, Any]] = []
    numbers: list[int] = []
    # Half of the inputs have at most SMALL_VOTES votes per district list (a quarter of that
    # per candidate): equal remainders, averages and candidate votes, so lots, come up often.
    votes = draw(st.sampled_from((min(SMALL_VOTES, max_votes), max_votes)))
    for p in range(1, draw(st.integers(1, max_parties)) + 1):
        level = draw(levels)
        number, own, own_sets, group = _party(
            draw, p, districts, level, max_candidates, votes, allow_deceased
        )
        numbers.append(number)
        lists += own
        sets += own_sets
        groups += [group] if group is not None else []
    _ensure_a_vote(lists)
    used = {item["district"] for item in lists}
    document: dict[str, Any] = {
        "format": DISTRICT_INPUT_FORMAT,
        "election": {"kind": kind, "seats": house, "law": law, "profile": profile.name},
        "districts": [d for d in district_docs if d["number"] in used],
        "lists": lists,
    }
    if sets:
        document["sets"] = sets
    if groups:
        document["groups"] = groups
    if law == "pre-2017-12":
        combinations = _combinations(draw, numbers)
        if combinations:
            document["combinations"] = combinations
    if allow_lots and draw(st.booleans()):
        document = resolve_district_lots(document, draw)
    return document


def district_inputs(
    kinds: Sequence[ElectionKind] = DISTRICT_KINDS,
    laws: Sequence[LawVersion] = LAW_VERSIONS,
    profiles: Sequence[Profile] = PROFILES,
    data_levels: Sequence[DataLevel] = ("candidates", "lists"),
    max_districts: int = 4,
    max_parties: int = 5,
    max_candidates: int = 6,
    max_votes: int = 5_000,
    allow_deceased: bool = True,
    allow_lots: bool = False,
    seats: st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[dict[str, Any]]:
    """Valid ``kieswet/district-allocation-input@1`` documents (see the module docstring).

    Each example draws the election kind (shrinking in the order of ``kinds``: by default
    ``DISTRICT_KINDS``, Provinciale Staten first), its seats (``seats``, or the realistic house
    sizes of ``conformance.strategies.SEATS_BY_KIND``), law version and profile, then 1 to
    ``max_districts`` districts (at most 9; for the Eerste Kamer each with a stemwaarde, given,
    or from inhabitants and members exactly on or next to a half; a district without lists is
    left out, so their numbers may have gaps), then 1 to ``max_parties``
    parties (at most 9). A party is one district list, a stel of two or more district lists in
    different districts, or a lijstengroep of two or more members (stellen and district lists),
    never two lists in one district. Its data level is one of ``data_levels``: candidate-level
    (1 to ``max_candidates`` persons; a list of a group carries some of them in some order, so
    the same person stands on several lists of the group; some deceased with
    ``allow_deceased``; up to a quarter of the list's vote bound each) or list-level (up to
    ``max_votes`` votes per district list, a ``candidate_count`` of 1 to ``max_candidates`` or
    none, sometimes a ``deceased_count``). Half of the inputs bound the votes by
    ``SMALL_VOTES`` instead of ``max_votes``, so that equal remainders, averages and candidate
    votes (and so lot questions) come up often; shrinking prefers them.
    Under law ``pre-2017-12`` half of the inputs join parties into lijstencombinaties of two or
    three. With ``allow_lots`` half of the inputs have every lot the reference asks for drawn and
    appended (``resolve_district_lots``); the others may end in a lot question, which is worth
    testing too. Shrinking removes parties, districts, members and candidates, turns groups
    into single lists and lowers the votes.
    """
    if not (kinds and laws and profiles and data_levels):
        raise ValueError("kinds, laws, profiles and data_levels must not be empty")
    simplest_first: tuple[DataLevel, ...] = tuple(
        sorted(dict.fromkeys(data_levels), key=lambda level: level != "lists")
    )
    return _district_inputs(
        st.sampled_from(tuple(kinds)),
        st.sampled_from(tuple(laws)),
        st.sampled_from(tuple(profiles)),
        st.sampled_from(simplest_first),
        seats,
        max(1, min(max_districts, _MAX_DISTRICTS)),
        max(1, min(max_parties, _MAX_PARTIES)),
        max(1, max_candidates),
        max(1, max_votes),
        allow_deceased,
        allow_lots,
    )


# --------------------------------------------------------------------------- Eerste Kamer


def resolve_eerste_kamer_lots(
    document: Mapping[str, Any], draw: st.DrawFn | None = None
) -> dict[str, Any]:
    """``document`` (a valid ``kieswet/eerste-kamer-input@1``) with every lot the reference
    asks for appended to ``lots``, each drawn by ``draw`` (``None``: the first option), until
    the allocation completes. Raises ``ValueError`` for an invalid document."""
    out = dict(document)
    lots = list(out.get("lots", []))
    answer = _answerer(draw)
    election = out.get("election", {})
    seats = election.get("seats", 75) if isinstance(election, dict) else 75
    bound = 4 * int(seats) + 10 + _candidate_total(out)
    for _ in range(bound):
        election = eerste_kamer_election(out)
        if isinstance(election, Rejected):
            raise ValueError(f"an invalid Eerste Kamer input: {election.errors}")
        result = allocate(election)
        if not isinstance(result, NeedsLot):
            return out
        lots.append(_lot_json(result.lot, answer(result.lot)))
        out["lots"] = list(lots)
    raise RuntimeError(f"the allocation still asks for a lot after {bound} lots")


def _body(draw: st.DrawFn, name: str) -> tuple[dict[str, Any], int]:
    """A body and its number of members: as published in 2023 (inhabitants and members), its
    stemwaarde as given, or inhabitants putting the U 2 quotient exactly on a half (rounded up)
    or one inhabitant off it. The kiescollege niet-ingezetenen keeps its given stemwaarde."""
    if name == KNI:
        seated = KNI_2023["members"]
        assert isinstance(seated, int)
        return dict(KNI_2023), seated
    inhabitants, members = BODIES_2023[name]
    form = draw(st.sampled_from(("published", "given", "half")))
    if form == "given":
        body: dict[str, Any] = {"name": name, "stemwaarde": stemwaarde_of(inhabitants, members)}
        if draw(st.booleans()):
            body["members"] = members
        return body, members
    if form == "half":
        whole = draw(st.integers(1, 700))
        off = draw(st.sampled_from((0, 0, -1, 1)))
        inhabitants = members * (100 * whole + 50) + off
    return {"name": name, "inhabitants": inhabitants, "members": members}, members


def _votes_object(counts: Mapping[str, int]) -> dict[str, int]:
    return {body: n for body, n in counts.items() if n}


@st.composite
def _eerste_kamer_inputs(
    draw: st.DrawFn,
    laws: st.SearchStrategy[LawVersion],
    profiles: st.SearchStrategy[Profile],
    levels: st.SearchStrategy[DataLevel],
    seats: st.SearchStrategy[int],
    max_bodies: int,
    max_lists: int,
    max_candidates: int,
    allow_deceased: bool,
    allow_lots: bool,
) -> dict[str, Any]:
    law = draw(laws)
    profile = draw(profiles)
    house = draw(seats)
    picks = draw(
        st.lists(st.integers(0, len(EK_BODIES) - 1), min_size=1, max_size=max_bodies, unique=True)
    )
    bodies: list[dict[str, Any]] = []
    members: dict[str, int] = {}
    for index in picks:
        body, seated = _body(draw, EK_BODIES[index])
        bodies.append(body)
        members[body["name"]] = seated
    n = draw(st.integers(1, max_lists))
    shapes = [draw(levels) for _ in range(n)]
    sizes = [draw(st.integers(1, max_candidates)) if s == "candidates" else 1 for s in shapes]
    # Member votes: per body at most its members, split over the lists, then the candidates.
    per_body: dict[str, list[list[int]]] = {}
    for name, seated in members.items():
        cast = draw(st.integers(0, seated))
        per_list = _split(draw, cast, n)
        per_body[name] = [_split(draw, v, size) for v, size in zip(per_list, sizes, strict=True)]
    if not any(v for split in per_body.values() for parts in split for v in parts):
        per_body[bodies[0]["name"]][0][0] = 1
    lists: list[dict[str, Any]] = []
    for i, (shape, size) in enumerate(zip(shapes, sizes, strict=True)):
        number = i + 1
        item: dict[str, Any] = {"number": number, "name": f"Lijst {number}"}
        if shape == "candidates":
            item["candidates"] = [
                {
                    "number": c + 1,
                    "votes": _votes_object({b: per_body[b][i][c] for b in per_body}),
                    **(
                        {"deceased": True}
                        if allow_deceased and draw(st.integers(0, 19)) == 19
                        else {}
                    ),
                }
                for c in range(size)
            ]
        else:
            item["votes"] = _votes_object({b: per_body[b][i][0] for b in per_body})
            count = draw(st.one_of(st.none(), st.integers(1, max_candidates)))
            if count is not None:
                item["candidate_count"] = count
                if allow_deceased and draw(st.integers(0, 9)) == 9:
                    item["deceased_count"] = draw(st.integers(0, count))
        lists.append(item)
    document: dict[str, Any] = {
        "format": EERSTE_KAMER_INPUT_FORMAT,
        "election": {"seats": house, "law": law, "profile": profile.name},
        "bodies": bodies,
        "lists": lists,
    }
    if allow_lots and draw(st.booleans()):
        document = resolve_eerste_kamer_lots(document, draw)
    return document


def eerste_kamer_inputs(
    laws: Sequence[LawVersion] = LAW_VERSIONS,
    profiles: Sequence[Profile] = PROFILES,
    data_levels: Sequence[DataLevel] = ("candidates", "lists"),
    max_bodies: int = 5,
    max_lists: int = 6,
    max_candidates: int = 5,
    allow_deceased: bool = True,
    allow_lots: bool = False,
    seats: st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[dict[str, Any]]:
    """Valid ``kieswet/eerste-kamer-input@1`` documents (see the module docstring).

    Each example draws the law version and profile, the seats (``seats``; by default the 75 of
    Grondwet art. 51 lid 3), 1 to ``max_bodies`` of the bodies of 2023 (``EK_BODIES``; shrinks
    towards Groningen), each as published, with its stemwaarde given (sometimes with its
    members), or with inhabitants exactly on or next to the half of U 2, and 1 to ``max_lists``
    lists, each candidate-level (1 to ``max_candidates`` candidates, some deceased with
    ``allow_deceased``) or list-level (a ``candidate_count`` or none, sometimes a
    ``deceased_count``) as ``data_levels`` allow. The member votes cast in a body are at most
    its members, split over the lists and their candidates; at least one vote is cast. With
    ``allow_lots`` half of the inputs have every lot the reference asks for drawn and appended
    (``resolve_eerste_kamer_lots``).
    """
    if not (laws and profiles and data_levels):
        raise ValueError("laws, profiles and data_levels must not be empty")
    simplest_first: tuple[DataLevel, ...] = tuple(
        sorted(dict.fromkeys(data_levels), key=lambda level: level != "lists")
    )
    return _eerste_kamer_inputs(
        st.sampled_from(tuple(laws)),
        st.sampled_from(tuple(profiles)),
        st.sampled_from(simplest_first),
        seats if seats is not None else st.just(75),
        max(1, min(max_bodies, len(EK_BODIES))),
        max(1, max_lists),
        max(1, max_candidates),
        allow_deceased,
        allow_lots,
    )
