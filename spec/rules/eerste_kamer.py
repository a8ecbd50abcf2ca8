"""U 2 (the stemwaarde) and U 3 (weighted votes, the stemcijfer) of the Eerste Kamer.

Kieswet (BWBR0004627), consolidated text of 2026-01-01
(https://wetten.overheid.nl/BWBR0004627/2026-01-01), chapter U. These rules check how an
Eerste Kamer election in weighted votes (``spec.eerste_kamer.EerstekamerElection``) was derived
from the member votes per electoral body; for any other election they have nothing to check.
U 2: a vote cast in a province weighs its inhabitants divided by 100 times its number of
members, rounded to a whole number (an exact half upwards); a kiescollege whose stemwaarde is
set otherwise (the kiescollege niet-ingezetenen) keeps the stemwaarde given. U 3: a candidate's
votes are the member votes for the candidate in each body times that body's stemwaarde, added
up; a list's stemcijfer is the sum over its candidates.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from spec.eerste_kamer import EerstekamerElection, stemwaarde_by_law
from spec.rules.base import show
from spec.rules.context import Context
from spec.rules.rule import Rule


def _u2_stemwaarde(ctx: Context) -> Iterator[str]:
    """U 2: a vote cast in a province weighs its stemwaarde, the inhabitants divided by a
    hundred times the members, rounded to a whole number (an exact half upwards); a stemwaarde
    set otherwise (the kiescollege niet-ingezetenen) is taken as given (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    election = ctx.election
    if not isinstance(election, EerstekamerElection):
        return
    applied = dict(election.stemwaarden)
    for body in election.bodies:
        expected = stemwaarde_by_law(body)
        got = applied.get(body.name)
        if expected is None or got == expected:
            continue
        if body.stemwaarde is not None:
            how = f"de stemwaarde is vastgesteld op {expected}"
        else:
            quotient = Fraction(body.inhabitants or 0, 100 * (body.members or 1))
            how = f"{body.inhabitants} : (100 × {body.members}) = {show(quotient)}"
        yield f"{body.name}: {how} → {expected}, de verkiezing past {got} toe"


def _weighted_votes(election: EerstekamerElection, number: int, candidate: int | None) -> int:
    """U 3: member votes times the law's stemwaarde of each body, summed (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    by_law = {body.name: stemwaarde_by_law(body) or 0 for body in election.bodies}
    return sum(
        vote.votes * by_law.get(vote.body, 0)
        for vote in election.body_votes
        if vote.list_number == number and (candidate is None or vote.candidate == candidate)
    )


def _u3_stemcijfer(ctx: Context) -> Iterator[str]:
    """U 3: a candidate's votes are the member votes for them in each body times that
    body's stemwaarde, added up; a list's stemcijfer is the sum over its candidates (Kieswet,
    https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    election = ctx.election
    if not isinstance(election, EerstekamerElection):
        return
    stated = ctx.result.stated_votes or {}
    for lst in election.lists:
        expected = _weighted_votes(election, lst.number, None)
        if lst.votes != expected:
            yield (
                f"lijst {lst.number}: de stemmen van de leden maal de stemwaarden zijn samen "
                f"{expected}, de verkiezing rekent met stemcijfer {lst.votes}"
            )
        got = stated.get(lst.number)
        if got is not None and got != expected:
            yield (
                f"lijst {lst.number}: de stemmen van de leden maal de stemwaarden zijn samen "
                f"{expected}, de uitkomst rekent met stemcijfer {got}"
            )
        for candidate in lst.candidates or ():
            weighted = _weighted_votes(election, lst.number, candidate.number)
            if candidate.votes != weighted:
                yield (
                    f"lijst {lst.number}, kandidaat {candidate.number}: de stemmen van de leden "
                    f"maal de stemwaarden zijn samen {weighted}, de verkiezing rekent met "
                    f"{candidate.votes}"
                )


RULES: tuple[Rule, ...] = (
    Rule(
        "U2-stemwaarde",
        "U 2",
        "A vote cast in a province (or a kiescollege of Bonaire, Sint Eustatius or Saba) weighs "
        "its stemwaarde: inhabitants / (100 × members), rounded to a whole number, an exact "
        "half upwards; the kiescollege niet-ingezetenen's stemwaarde is taken as set.",
        _u2_stemwaarde,
    ),
    Rule(
        "U3-stemcijfer",
        "U 3",
        "A candidate's votes are the member votes for the candidate in each body times that "
        "body's stemwaarde, added up; a list's stemcijfer is the sum over its candidates (with "
        "list-level data: its member votes per body times the stemwaarden).",
        _u3_stemcijfer,
    ),
)
"""U 2 and U 3."""
