"""The generated edge-case vectors: deterministic, from ``random.Random(seed)``.

Each family aims at a place where implementations go wrong: ties at every stage (P 7 averages,
P 8 remainders and averages, P 9, candidates), list exhaustion (P 10), the 18/19-seat boundary,
lists without votes, deceased candidates (P 19a), and vote counts up to 10^9 per list. Every
election that needs a lot is emitted as it is (a ``needs_lot`` vector) and again after each lot,
drawn here by the seeded generator and fed back in ``lots``, until the allocation completes.

The expected results are not computed here: ``conformance.vectors_build`` runs the reference
engine on every input and checks each result with the executable specification
(``spec.check``). No Hypothesis: the same seed always gives the same inputs.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from interchange.engine import allocate_json
from spec.model import NeedsLot

SEED = 36641
"""The seed of the published suite; changing it retires every generated vector."""

INPUT_FORMAT = "kieswet/seat-allocation-input@1"
MAX_LOTS = 8
"""Lots fed back per election at most (a generated election rarely needs more than three)."""


@dataclass(frozen=True)
class Generated:
    """One generated input: the file (topic) it belongs in, its group and a description."""

    topic: str
    group: str
    comment: str
    input: dict[str, Any]


@dataclass(frozen=True)
class Variant:
    """A generated file: its topic, law version, profile and how many cases per family."""

    topic: str
    law: str
    profile: str
    per_family: int


VARIANTS: tuple[Variant, ...] = (
    Variant("generated-edge-cases", "current", "default", 20),
    Variant("generated-bill-36641", "bill-36641", "default", 3),
    Variant("generated-candidate-lot-always", "current", "candidate-lot-always", 3),
    Variant("generated-p9-counts-as-residual", "current", "p9-counts-as-residual", 3),
)

GROUPS: dict[str, str] = {
    "P 7 ties": "Greatest averages (19 seats or more) with stemcijfers drawn from multiples of "
    "one base, so that averages tie across different seat counts; lots fed back.",
    "P 8 ties": "Fewer than 19 seats with repeated stemcijfers: equal remainders in round 1 and "
    "equal averages in round 2; lots fed back.",
    "P 9": "One list with exactly half, or half plus one, of the votes; the others with equal "
    "stemcijfers, so that P 9 may need a lot.",
    "P 10": "Lists with few (living) candidates; sometimes every list is exhausted.",
    "18 and 19 seats": "The same stemcijfers allocated with 18 seats (P 8) and 19 seats (P 7).",
    "zero-vote lists": "Lists without votes next to lists with votes.",
    "candidates": "Candidate-level lists with tied candidate votes, candidates exactly on the "
    "preference threshold and deceased candidates; lots fed back.",
    "large numbers": "Tweede Kamer-sized elections with up to 10^9 votes per list.",
}

KINDS_SMALL = ("GR", "GR", "GR", "ER", "AB", "PS")
KINDS_LARGE = ("TK", "EP", "PS", "AB", "GR", "EK")


def _document(
    kind: str, seats: int, lists: list[dict[str, Any]], law: str, profile: str
) -> dict[str, Any]:
    return {
        "format": INPUT_FORMAT,
        "election": {"kind": kind, "seats": seats, "law": law, "profile": profile},
        "lists": lists,
        "lots": [],
    }


def _list_level(votes: list[int], limits: dict[int, int] | None = None) -> list[dict[str, Any]]:
    limits = limits or {}
    out: list[dict[str, Any]] = []
    for number, count in enumerate(votes, start=1):
        item: dict[str, Any] = {"number": number, "name": f"list {number}", "votes": count}
        if number in limits:
            item["candidate_count"] = limits[number]
        out.append(item)
    return out


def _fix_zero(votes: list[int]) -> list[int]:
    return votes if sum(votes) else [*votes[:-1], votes[-1] + 1]


def _p7_ties(rng: random.Random, law: str, profile: str) -> tuple[str, dict[str, Any]]:
    seats = rng.randint(19, 45)
    base = rng.randint(7, 900)
    lists = rng.randint(3, 8)
    votes = [base * rng.choice((1, 1, 2, 3, 4, 6, 9)) for _ in range(lists)]
    kind = rng.choice(("GR", "PS", "AB", "TK", "EK"))
    text = f"{kind} {seats} seats, {lists} lists with stemcijfers multiples of {base}"
    return text, _document(kind, seats, _list_level(votes), law, profile)


def _p8_ties(rng: random.Random, law: str, profile: str) -> tuple[str, dict[str, Any]]:
    seats = rng.randint(3, 18)
    pool = [rng.randint(1, 400) for _ in range(rng.randint(1, 3))]
    lists = rng.randint(2, 8)
    votes = [rng.choice(pool) for _ in range(lists)]
    kind = rng.choice(KINDS_SMALL)
    text = f"{kind} {seats} seats, {lists} lists with stemcijfers drawn from {sorted(set(pool))}"
    return text, _document(kind, seats, _list_level(votes), law, profile)


def _p9(rng: random.Random, law: str, profile: str) -> tuple[str, dict[str, Any]]:
    seats = rng.randint(5, 25)
    others = rng.randint(2, 5)
    each = rng.randint(10, 300)
    minority = [each] * others
    extra = rng.randint(0, others * 2)
    minority = [v + (1 if i < extra % others else 0) for i, v in enumerate(minority)]
    rest = sum(minority)
    majority = rest + rng.choice((0, 1, 2))  # exactly half, or just over half
    votes = [majority, *minority]
    kind = rng.choice(KINDS_SMALL)
    share = "exactly half" if majority == rest else "just over half"
    text = f"{kind} {seats} seats, list 1 with {share} of the votes ({majority} of {sum(votes)})"
    return text, _document(kind, seats, _list_level(votes), law, profile)


def _p10(rng: random.Random, law: str, profile: str) -> tuple[str, dict[str, Any]]:
    seats = rng.randint(5, 31)
    lists = rng.randint(2, 6)
    votes = _fix_zero([rng.randint(0, 1000) for _ in range(lists)])
    all_short = rng.random() < 0.25
    limits = {
        n: rng.randint(0, max(1, seats // lists))
        for n in range(1, lists + 1)
        if all_short or rng.random() < 0.5
    }
    kind = rng.choice((*KINDS_SMALL, "TK"))
    text = f"{kind} {seats} seats, {lists} lists, candidate counts {limits}"
    return text, _document(kind, seats, _list_level(votes, limits), law, profile)


def _seat_boundary(rng: random.Random, law: str, profile: str) -> Iterator[tuple[str, Any]]:
    lists = rng.randint(3, 9)
    votes = [rng.randint(50, 3000) for _ in range(lists)]
    kind = rng.choice(("GR", "PS", "AB"))
    for seats in (18, 19):
        text = f"{kind} {seats} seats, {lists} lists, stemcijfers {votes}"
        yield text, _document(kind, seats, _list_level(votes), law, profile)


def _zero_lists(rng: random.Random, law: str, profile: str) -> tuple[str, dict[str, Any]]:
    seats = rng.choice((rng.randint(3, 18), rng.randint(19, 45)))
    lists = rng.randint(2, 7)
    votes = _fix_zero([rng.choice((0, 0, rng.randint(1, 2000))) for _ in range(lists)])
    kind = rng.choice(KINDS_SMALL)
    text = f"{kind} {seats} seats, {votes.count(0)} of {lists} lists without votes"
    return text, _document(kind, seats, _list_level(votes), law, profile)


def _candidates(rng: random.Random, law: str, profile: str) -> tuple[str, dict[str, Any]]:
    seats = rng.choice((rng.randint(5, 18), rng.randint(19, 39)))
    kind = rng.choice(("GR", "GR", "ER", "PS", "EP")) if seats < 19 else rng.choice(("GR", "PS"))
    lists: list[dict[str, Any]] = []
    count = rng.randint(2, 5)
    pool = [rng.randint(0, 300) for _ in range(3)]
    deceased_total = 0
    for number in range(1, count + 1):
        size = rng.randint(1, 10)
        candidates: list[dict[str, Any]] = []
        for position in range(1, size + 1):
            votes = rng.choice(pool) if rng.random() < 0.5 else rng.randint(0, 600)
            item: dict[str, Any] = {"number": position, "votes": votes}
            if rng.random() < 0.12:
                item["deceased"] = True
                deceased_total += 1
            candidates.append(item)
        lists.append({"number": number, "name": f"list {number}", "candidates": candidates})
    if not any(c["votes"] for lst in lists for c in lst["candidates"]):
        lists[0]["candidates"][0]["votes"] = 1
    text = (
        f"{kind} {seats} seats, {count} candidate-level lists, candidate votes often drawn from "
        f"{sorted(set(pool))}, {deceased_total} deceased"
    )
    return text, _document(kind, seats, lists, law, profile)


def _threshold_candidates(
    rng: random.Random, law: str, profile: str
) -> tuple[str, dict[str, Any]]:
    """A candidate with exactly the preference threshold (GR below 19 seats: 50%)."""
    seats = rng.randint(5, 17)
    quota = 2 * rng.randint(20, 300)  # even, so half of it is a whole number of votes
    total = quota * seats
    threshold = quota // 2
    second = [threshold, threshold + rng.choice((0, 1)), rng.randint(0, threshold)]
    first = total - sum(second)
    lists = [
        {"number": 1, "name": "list 1", "votes": first},
        {
            "number": 2,
            "name": "list 2",
            "candidates": [{"number": i, "votes": v} for i, v in enumerate(second, start=1)],
        },
    ]
    text = (
        f"GR {seats} seats, kiesdeler {quota}, threshold {threshold}: list 2's candidates have "
        f"{second} votes"
    )
    return text, _document("GR", seats, lists, law, profile)


def _large(rng: random.Random, law: str, profile: str) -> tuple[str, dict[str, Any]]:
    seats = rng.choice((150, 150, 75, 31, 45))
    lists = rng.randint(5, 20)
    base = rng.randint(10**6, 10**8)
    votes = [
        rng.choice((base, base * 2, rng.randint(0, 10**9), rng.randint(10**8, 10**9)))
        for _ in range(lists)
    ]
    votes = _fix_zero(votes)
    kind = rng.choice(KINDS_LARGE)
    text = f"{kind} {seats} seats, {lists} lists, up to {max(votes)} votes per list"
    return text, _document(kind, seats, _list_level(votes), law, profile)


Family = Callable[[random.Random, str, str], tuple[str, dict[str, Any]]]

FAMILIES: tuple[tuple[str, Family], ...] = (
    ("P 7 ties", _p7_ties),
    ("P 8 ties", _p8_ties),
    ("P 9", _p9),
    ("P 10", _p10),
    ("zero-vote lists", _zero_lists),
    ("candidates", _candidates),
    ("candidates", _threshold_candidates),
    ("large numbers", _large),
)


def _with_lots(rng: random.Random, document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The document, then (while the reference asks for a lot) the document with each lot
    drawn by ``rng`` appended, up to ``MAX_LOTS`` lots."""
    current = document
    for _ in range(MAX_LOTS + 1):
        yield current
        result = allocate_json(current)
        if not isinstance(result, NeedsLot):
            return
        question = result.lot
        drawn: dict[str, Any] = {
            "kind": question.kind,
            "options": list(question.options),
            "drawn": rng.choice(question.options),
        }
        if question.list is not None:
            drawn["list"] = question.list
        current = {**current, "lots": [*current["lots"], drawn]}


def generate(seed: int = SEED) -> list[Generated]:
    """Every generated input, in a fixed order (a pure function of ``seed``)."""
    out: list[Generated] = []
    for variant in VARIANTS:
        rng = random.Random(f"{seed}/{variant.topic}")
        for group, family in FAMILIES:
            for _ in range(variant.per_family):
                text, document = family(rng, variant.law, variant.profile)
                out.extend(_stages(rng, variant.topic, group, text, document))
        for _ in range(max(1, variant.per_family // 2)):
            for text, document in _seat_boundary(rng, variant.law, variant.profile):
                out.extend(_stages(rng, variant.topic, "18 and 19 seats", text, document))
    return out


def _stages(
    rng: random.Random, topic: str, group: str, text: str, document: dict[str, Any]
) -> Iterator[Generated]:
    for stage in _with_lots(rng, document):
        lots = len(stage["lots"])
        comment = f"{text}; {lots} lot(s) fed back" if lots else text
        yield Generated(topic, group, comment, stage)
