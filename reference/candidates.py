"""Candidate nomination: P 15 (preference votes), P 17 (list order), P 19 (ranking), P 19a.

Kieswet as consolidated on 2026-01-01.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from reference.lots import LotBox
from reference.words import enumeration, plural
from spec.model import Candidate, Election, ElectionList, LotQuestion, PreferenceStep


def preference_share(election: Election) -> Fraction:
    """P 15: the voorkeurdrempel as a share of the kiesdeler.

    25%; 50% for a gemeenteraad (and an eilandsraad, which follows the gemeenteraad rules) of
    fewer than 19 seats (P 15 lid 2); 10% for the European Parliament (Y 23a reads "10% van de
    kiesdeler" for "25% van de kiesdeler" in P 15 and P 19 lid 2); the whole kiesdeler for the
    Eerste Kamer (U 15 lid 3, where a candidate needs at least the kiesdeler: ``nominate``).
    """
    if election.kind == "EP":
        return Fraction(1, 10)
    if election.kind == "EK":
        return Fraction(1)
    if election.kind in ("GR", "ER") and election.seats < 19:
        return Fraction(1, 2)
    return Fraction(1, 4)


@dataclass(frozen=True)
class Nomination:
    elected: tuple[int, ...]
    elected_on_preference: tuple[int, ...]
    ranking: tuple[int, ...]
    step: PreferenceStep


def _order_above_threshold(
    above: list[Candidate], seats: int, list_number: int, always: bool, lots: LotBox
) -> tuple[list[Candidate], bool]:
    """P 15 lid 1: candidates above the threshold in order of votes; ties in list order or by lot.

    A lot decides (one draw per place) where tied candidates compete for fewer of the list's
    seats than there are of them; with ``always`` (profile ``candidate-lot-always``) also where
    every one of them is elected, because the order of election matters for P 19.
    """
    ordered = sorted(above, key=lambda c: -c.votes)  # stable: list order within equal votes
    result: list[Candidate] = []
    used_lot = False
    start = 0
    while start < len(ordered):
        end = start
        while end < len(ordered) and ordered[end].votes == ordered[start].votes:
            end += 1
        group = ordered[start:end]
        places_inside = max(0, min(end, seats) - start)
        decisive = 0 < places_inside < len(group)
        draws = (
            places_inside
            if decisive
            else (min(places_inside, len(group) - 1) if always and len(group) > 1 else 0)
        )
        for _ in range(draws):
            options = tuple(c.number for c in group)
            question = LotQuestion(
                kind="candidate",
                options=options,
                article="P 15 lid 1",
                description=(
                    f"lijst {list_number}: de kandidaten {enumeration(options)} hebben elk "
                    f"{plural(group[0].votes, 'voorkeurstem', 'voorkeurstemmen')}; welke van hen "
                    "wordt het eerst gekozen"
                ),
                list=list_number,
            )
            drawn = lots.draw(question)
            pick = next(c for c in group if c.number == drawn)
            group.remove(pick)
            result.append(pick)
            used_lot = True
        result.extend(group)
        start = end
    return result, used_lot


def nominate(
    election: Election, lst: ElectionList, seats: int, threshold: Fraction, lots: LotBox
) -> Nomination:
    """Assign ``lst``'s seats to candidates and rank the rest for later vacancies.

    P 15: living candidates with more votes than ``threshold`` (strictly) are elected in order of
    their votes, as far as the list has seats. P 17: remaining seats go to the living candidates
    in list order. P 19: ranking is the preference-elected in order of election, then the other
    candidates above the threshold by votes, then the rest in list order. P 19a: deceased
    candidates are skipped.
    """
    candidates = lst.candidates or ()
    living = [c for c in candidates if not c.deceased]
    num, den = threshold.numerator, threshold.denominator
    if election.kind == "EK":  # U 15 lid 3: "groter dan of gelijk aan de kiesdeler"
        above = [c for c in living if c.votes * den >= num]
    else:  # P 15 lid 1: "groter dan"
        above = [c for c in living if c.votes * den > num]
    ordered, used_lot = _order_above_threshold(
        above, seats, lst.number, election.profile.candidate_lot_always, lots
    )
    on_preference = tuple([c.number for c in ordered[:seats]])
    chosen = set(on_preference)
    rest = [c.number for c in living if c.number not in chosen]
    in_list_order = tuple(rest[: max(0, seats - len(on_preference))])
    elected = on_preference + in_list_order
    ranked_above = tuple([c.number for c in ordered[seats:]])
    skip = set(ranked_above)
    ranking = on_preference + ranked_above + tuple([n for n in rest if n not in skip])
    step = PreferenceStep(
        list=lst.number,
        seats=seats,
        threshold=threshold,
        above_threshold=tuple([(c.number, c.votes) for c in ordered]),
        elected_on_preference=on_preference,
        elected_in_list_order=in_list_order,
        deceased=tuple([c.number for c in candidates if c.deceased]),
        lot=used_lot,
    )
    return Nomination(elected, on_preference, ranking, step)
