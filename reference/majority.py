"""P 9: absolute majority (Kieswet as consolidated on 2026-01-01)."""

from __future__ import annotations

from reference.residual import Standing
from reference.words import enumeration, mixed
from spec.model import AbsoluteMajorityStep, LotQuestion


def apply_absolute_majority(standing: Standing) -> str | None:
    """P 9: a list with more than half of all votes but at most half of the seats gets one more.

    The seat is taken from the list that received the last residual seat, never from the
    majority list itself (its own residual seats are passed over). If the last residual seats
    went to several lists on the same remainder or average, a lot decides which gives one up
    (P 9 lid 2).
    Exactly half of the votes does not count. Returns a warning when no seat can be taken.
    """
    total, seats = standing.election.total_votes, standing.election.seats
    majority = next((n for n, v in standing.votes.items() if 2 * v > total), None)
    if majority is None or 2 * standing.seats[majority] > seats:
        return None
    others = [a for a in standing.awards if a.list != majority]
    if not others:
        return (
            f"P 9: lijst {majority} heeft de volstrekte meerderheid van de "
            "stemmen maar niet van de zetels, en geen andere lijst heeft een restzetel die zij "
            "kan afstaan"
        )
    last = others[-1]
    num, den = last.value
    group: list[int] = []
    for award in others:
        a_num, a_den = award.value
        if award.method == last.method and a_num * den == num * a_den and award.list not in group:
            group.append(award.list)
    candidates_from = tuple(sorted(group))
    lot = len(group) > 1
    if lot:
        question = LotQuestion(
            kind="absolute_majority",
            options=candidates_from,
            article="P 9 lid 2",
            description=(
                f"P 9: welke van de lijsten {enumeration(candidates_from)} (laatste restzetels "
                f"op dezelfde waarde {mixed(standing.fraction(last.value))}) staat een zetel af "
                f"aan lijst {majority}"
            ),
            value=standing.fraction(last.value),
        )
        loser = standing.lots.draw(question)
    else:
        loser = group[0]
    loser_award = next(a for a in reversed(others) if a.list == loser)
    standing.steps.append(
        AbsoluteMajorityStep(
            list=majority,
            from_list=loser,
            votes=standing.votes[majority],
            total_votes=total,
            seats_before=standing.seats[majority],
            candidates_from=candidates_from,
            lot=lot,
        )
    )
    standing.seats[loser] -= 1
    standing.seats[majority] += 1
    # The list that lost its seat may win one again in that round if P 10 continues it.
    standing.wins[loser_award.method][loser] -= 1
    if standing.election.profile.p9_seat_counts_as_residual:
        standing.wins[loser_award.method][majority] += 1
    return None
