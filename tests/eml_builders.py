"""Synthetic counts for the EML tests: deterministic (seeded), internally consistent."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from reference.totalise import sum_counts
from spec.counts import AdmittedVoters, Count, Level, ListCount, Unit


def polling_station(
    rng: random.Random, unit_id: str, level: Level, candidates: Mapping[int, int]
) -> Count:
    """A count with random votes; ``candidates``: list number → number of candidates.
    D = A + B + C, H = E + F + G, and I / J the difference, as at a polling station."""
    lists = []
    for number, size in sorted(candidates.items()):
        votes = {c: rng.randint(0, 40) for c in range(1, size + 1)}
        lists.append(ListCount(number, sum(votes.values()), votes))
    votes_on_lists = sum(lst.total for lst in lists)
    blank, invalid = rng.randint(0, 5), rng.randint(0, 5)
    counted = votes_on_lists + blank + invalid
    proxy, cards = rng.randint(0, 10), rng.randint(0, 3)
    poll = max(0, counted - proxy - cards + rng.randint(-2, 2))
    admitted = poll + proxy + cards
    return Count(
        unit_id=unit_id,
        name=f"Stembureau {unit_id}",
        level=level,
        admitted=AdmittedVoters(poll, proxy, cards, admitted),
        lists=tuple(lists),
        blank=blank,
        invalid=invalid,
        total_counted=counted,
        more_counted=max(0, counted - admitted),
        fewer_counted=max(0, admitted - counted),
        eligible_voters=admitted + rng.randint(0, 500),
        reported_votes_on_lists=votes_on_lists,
    )


def total_of(unit_id: str, name: str, level: Level, parts: Sequence[Count]) -> Count:
    """The exact sum of ``parts`` as the count of ``unit_id``, with E stated."""
    total = sum_counts(Unit(unit_id, name, level, None, ()), parts)
    return Count(
        unit_id=total.unit_id,
        name=total.name,
        level=total.level,
        admitted=total.admitted,
        lists=total.lists,
        blank=total.blank,
        invalid=total.invalid,
        total_counted=total.total_counted,
        more_counted=total.more_counted,
        fewer_counted=total.fewer_counted,
        eligible_voters=total.eligible_voters,
        reported_votes_on_lists=total.votes_on_lists,
    )
