"""P 9: absolute majority (volstrekte meerderheid).

Kieswet (BWBR0004627), consolidated text of 2026-01-01
(https://wetten.overheid.nl/BWBR0004627/2026-01-01). A list that received more than half of all
votes cast on lists, but holds at most half of the seats, receives one more seat, taken from the
list that received the last residual seat (never from itself). Exactly half of the votes is not
more than half. Where the last residual seats went to several lists on the same value, the lot
decides which gives one up (lid 2).
"""

from __future__ import annotations

from collections.abc import Iterator

from spec.rules.base import enumeration, plural
from spec.rules.context import Context
from spec.rules.rule import Rule


def _p9(ctx: Context) -> Iterator[str]:
    """P 9: a list that received more than half of all votes on lists (volstrekte
    meerderheid) but holds at most half of the seats receives one seat more, taken from the list
    that received the last residual seat, never from itself; lid 2: the lot where several did on
    the same value (Kieswet, https://wetten.overheid.nl/BWBR0004627/2026-01-01)."""
    total = ctx.election.total_votes
    replay = ctx.replay
    if replay is None:
        yield from ctx.departures_for("P9-absolute-majority")
        return
    point = replay.majority
    if point is None:
        return
    claim = point.claim
    if claim is None:
        if point.applies and point.majority_list is not None:
            m = point.majority_list
            yield (
                f"lijst {m} heeft {ctx.lists[m].votes} van de {plural(total, 'stem', 'stemmen')}, "
                f"meer dan de helft, maar na de restzetels maar {point.held[m]} van de "
                f"{plural(ctx.election.seats, 'zetel', 'zetels')}, en geen P 9-stap geeft haar de "
                f"zetel van lijst {enumeration(point.group)}"
            )
        return
    if claim.list != point.majority_list:
        yield (
            f"P 9 geeft lijst {claim.list} een zetel, maar zij heeft "
            f"{ctx.lists[claim.list].votes} van de {plural(total, 'stem', 'stemmen')}, niet meer "
            "dan de helft"
        )
        return
    if not point.applies:
        if point.group:
            yield (
                f"P 9 geeft lijst {claim.list} een zetel, maar zij heeft al "
                f"{point.held[claim.list]} van de {plural(ctx.election.seats, 'zetel', 'zetels')}, "
                "meer dan de helft"
            )
        else:
            yield (
                f"P 9 geeft lijst {claim.list} een zetel, maar geen andere lijst heeft een "
                "restzetel"
            )
        return
    if claim.from_list not in point.group:
        yield (
            f"P 9 neemt de zetel van lijst {claim.from_list}, maar de laatste restzetel (buiten "
            f"die van lijst {claim.list} zelf) ging naar lijst {enumeration(point.group)}"
        )


RULES: tuple[Rule, ...] = (
    Rule(
        "P9-absolute-majority",
        "P 9",
        "A list with more than half of all votes (volstrekte meerderheid) that holds at most "
        "half of the seats gets one more, taken from the list that received the last residual "
        "seat other than itself.",
        _p9,
    ),
)
"""P 9."""
