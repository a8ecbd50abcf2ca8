"""The Eerste Kamer input (``kieswet/eerste-kamer-input@1``): electoral bodies and member votes.

Kieswet (BWBR0004627), consolidated text of 2026-01-01, chapter U. The members of provinciale
staten and of the kiescolleges (Bonaire, Sint Eustatius, Saba; the kiescollege
niet-ingezetenen) elect the Eerste Kamer. Each member's vote weighs the stemwaarde of the body
it is cast in (U 2); the votes for a candidate in each body are multiplied by that body's
stemwaarde and added up (U 3); a list's stemcijfer is the sum over its candidates. The 75 seats
(Grondwet art. 51 lid 3) are then allocated as in chapter P: kiesdeler over the seats, full
seats, residual seats by greatest averages.

This module holds the records (``Body``, ``BodyVote``, ``EerstekamerInput``,
``EerstekamerElection``); their JSON form, ``kieswet/eerste-kamer-input@1``, is read by
``interchange.eerste_kamer.parse_eerste_kamer``. An electoral body gives either its
``inhabitants`` and ``members`` (its stemwaarde follows from U 2) or its ``stemwaarde`` as set
(the kiescollege niet-ingezetenen, whose stemwaarde the law does not derive from inhabitants;
or any body whose published stemwaarde is taken as given).
``votes`` of a list or candidate is an object: body name → number of member votes.

The engine weighs the votes with its own code (``reference.eerste_kamer``); the law's own
statement of it is ``stemwaarde_by_law`` and ``weighed_by_law`` here, used by the judge and by
the rules ``U2-stemwaarde`` and ``U3-stemcijfer`` (``spec.rules.eerste_kamer``). This module
never imports ``reference/``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import NamedTuple

from spec.model import Election, ElectionList, InputError, Rejected

EERSTE_KAMER_SEATS = 75
"""Grondwet art. 51 lid 3: the Eerste Kamer has 75 members (the default of ``election.seats``)."""


@dataclass(frozen=True, slots=True)
class Body:
    """An electoral body whose members vote: provinciale staten or a kiescollege.

    ``stemwaarde`` is set when the input gives it (then ``inhabitants`` is ``None``); otherwise
    it follows from ``inhabitants`` and ``members`` by U 2. ``members`` is optional with a given
    stemwaarde; when known, no more member votes may be cast in the body than it has members.
    """

    name: str
    inhabitants: int | None = None
    members: int | None = None
    stemwaarde: int | None = None


class BodyVote(NamedTuple):
    """Member votes cast in ``body`` for list number ``list_number`` (``candidate``: ``None``
    for list-level data, else the candidate's number on the list)."""

    list_number: int
    candidate: int | None
    body: str
    votes: int


@dataclass(frozen=True, slots=True)
class EerstekamerInput:
    """A validated ``kieswet/eerste-kamer-input@1`` document.

    ``counted`` is the election as counted in member votes, unweighted: each list's and
    candidate's ``votes`` is its number of member votes over all bodies (kind ``EK``, law,
    profile, lots, candidate counts and deceased candidates as given). ``body_votes`` splits
    those member votes over the bodies.
    """

    bodies: tuple[Body, ...]
    counted: Election
    body_votes: tuple[BodyVote, ...]


@dataclass(frozen=True, slots=True)
class EerstekamerElection(Election):
    """An Eerste Kamer election in weighted votes, as chapter P allocates it.

    The lists' ``votes`` are the stemcijfers and the candidates' ``votes`` their weighted votes
    (U 3). It keeps what they were derived from, so the rules ``U2-stemwaarde`` and
    ``U3-stemcijfer`` can check the derivation: the ``bodies`` and ``body_votes`` of the input
    and the ``stemwaarden`` applied (body name → stemwaarde, in the order of ``bodies``).
    """

    bodies: tuple[Body, ...] = ()
    body_votes: tuple[BodyVote, ...] = ()
    stemwaarden: tuple[tuple[str, int], ...] = ()


def stemwaarde_by_law(body: Body) -> int | None:
    """U 2 as the law states it: inhabitants / (100 × members), as a whole number.

    The quotient is rounded to the nearest whole number; a fraction of exactly one half goes up
    (the Kiesraad's 2023 figures: Flevoland 444 850 / 4 100 = 108 1/2 → 109). A body with a
    given stemwaarde keeps it. ``None`` if the body gives neither (not a valid body).
    """
    if body.stemwaarde is not None:
        return body.stemwaarde
    if body.inhabitants is None or body.members is None:
        return None
    quotient = Fraction(body.inhabitants, 100 * body.members)
    whole = math.floor(quotient)
    return whole + 1 if quotient - whole >= Fraction(1, 2) else whole


# --------------------------------------------------------------------------- U 2, U 3 for the judge


def weighed_by_law(source: EerstekamerInput) -> EerstekamerElection | Rejected:
    """The election a judge holds a result against: the validated input's every member vote
    weighed by its body's stemwaarde (U 2, ``stemwaarde_by_law``) and added up per candidate and
    per list (U 3: "vermenigvuldigt ... de aantallen op iedere kandidaat uitgebrachte stemmen en
    de stemcijfers van de lijsten met de voor die provincie geldende stemwaarde"). Written apart
    from the engine's weighting (``reference.eerste_kamer``) so that a mistake in one is not
    shared by the judge. Rejected like the engine does for an input without any weighted vote.
    """
    value = {body.name: stemwaarde_by_law(body) or 0 for body in source.bodies}
    per_candidate: dict[tuple[int, int | None], int] = {}
    for vote in source.body_votes:
        key = (vote.list_number, vote.candidate)
        per_candidate[key] = per_candidate.get(key, 0) + value[vote.body] * vote.votes
    lists: list[ElectionList] = []
    for lst in source.counted.lists:
        if lst.candidates is None:
            lists.append(replace(lst, votes=per_candidate.get((lst.number, None), 0)))
            continue
        candidates = tuple(
            c._replace(votes=per_candidate.get((lst.number, c.number), 0)) for c in lst.candidates
        )
        lists.append(replace(lst, votes=sum(c.votes for c in candidates), candidates=candidates))
    if sum(lst.votes for lst in lists) == 0:
        return Rejected(
            (
                InputError(
                    "lists",
                    "zero_votes",
                    "the lists have no weighted votes at all; the Kieswet allocates no seats "
                    "without votes",
                ),
            )
        )
    counted = source.counted
    return EerstekamerElection(
        kind=counted.kind,
        seats=counted.seats,
        lists=tuple(lists),
        law=counted.law,
        profile=counted.profile,
        lots=counted.lots,
        bodies=source.bodies,
        body_votes=source.body_votes,
        stemwaarden=tuple(value.items()),
    )
