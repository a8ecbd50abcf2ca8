"""The Eerste Kamer: from member votes per electoral body to the stemcijfers (U 2, U 3).

Kieswet (BWBR0004627), consolidated text of 2026-01-01, chapter U. The weighted election is an
ordinary single-contest ``Election`` of kind ``EK`` (an ``EerstekamerElection`` that keeps what
it was derived from); ``reference.allocate.allocate`` then allocates its seats as for any other
body: kiesdeler over the seats (U 7), full seats (U 8), residual seats by greatest averages, and
the candidates (the voorkeurdrempel of the Eerste Kamer is the whole kiesdeler, see
``reference.candidates.preference_share``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from reference.allocate import allocate
from reference.stemwaarde import stemwaarde
from spec.eerste_kamer import (
    Body,
    BodyVote,
    EerstekamerElection,
    EerstekamerInput,
)
from spec.model import Candidate, ElectionList, InputError, Rejected, Result


def body_stemwaarde(body: Body) -> int:
    """U 2: the stemwaarde of a vote cast in ``body``: as given (the kiescollege
    niet-ingezetenen), or ``stemwaarde(inhabitants, members)``."""
    if body.stemwaarde is not None:
        return body.stemwaarde
    if body.inhabitants is None or body.members is None:
        raise ValueError(f"body {body.name!r} has neither a stemwaarde nor inhabitants and members")
    return stemwaarde(body.inhabitants, body.members)


def stemcijfer(votes: Iterable[tuple[str, int]], stemwaarden: Mapping[str, int]) -> int:
    """U 3: member votes weighted: the sum over the bodies of (votes × stemwaarde).

    ``votes`` pairs a body's name with the member votes cast there (for one candidate, or for
    a whole list with list-level data); a list's stemcijfer is the sum over its candidates,
    which is the same as this sum over its member votes per body.
    """
    return sum(count * stemwaarden[body] for body, count in votes)


def _weighted(
    body_votes: Iterable[BodyVote], stemwaarden: Mapping[str, int]
) -> dict[tuple[int, int | None], int]:
    totals: dict[tuple[int, int | None], int] = {}
    for vote in body_votes:
        key = (vote.list_number, vote.candidate)
        totals[key] = totals.get(key, 0) + vote.votes * stemwaarden[vote.body]
    return totals


def weighted_election(source: EerstekamerInput) -> EerstekamerElection:
    """U 2 and U 3: the election in weighted votes.

    Each body's stemwaarde (``body_stemwaarde``); each candidate's votes are its member votes
    per body times that body's stemwaarde, summed (U 3), and a list's stemcijfer is the sum of
    its candidates' votes; a list given at list level gets its member votes per body times the
    stemwaarden.
    """
    stemwaarden = {body.name: body_stemwaarde(body) for body in source.bodies}
    weighted = _weighted(source.body_votes, stemwaarden)
    lists: list[ElectionList] = []
    for lst in source.counted.lists:
        if lst.candidates is None:
            lists.append(replace(lst, votes=weighted.get((lst.number, None), 0)))
            continue
        candidates = tuple(
            Candidate(c.number, weighted.get((lst.number, c.number), 0), c.deceased)
            for c in lst.candidates
        )
        lists.append(replace(lst, votes=sum(c.votes for c in candidates), candidates=candidates))
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
        stemwaarden=tuple(stemwaarden.items()),
    )


def eerste_kamer_election(source: EerstekamerInput) -> EerstekamerElection | Rejected:
    """Weigh the votes of a validated Eerste Kamer input (U 2, U 3). Rejected if the weighted
    votes add up to nothing (every vote cast in a body whose stemwaarde rounds to 0): no seats
    are allocated without votes."""
    election = weighted_election(source)
    if election.total_votes == 0:
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
    return election


def allocate_eerste_kamer(source: EerstekamerInput) -> Result:
    """Weigh a validated Eerste Kamer input (U 2, U 3) and allocate its seats."""
    election = eerste_kamer_election(source)
    if isinstance(election, Rejected):
        return election
    return allocate(election)
