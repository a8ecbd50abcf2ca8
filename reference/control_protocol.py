"""The per-unit checks of the Kiesraad's control protocol (controleprotocol, part A).

The centraal stembureau checks each municipality's results per polling station and hands the
findings to a follow-up team (the Kiesraad's tool for this is HCP). The thresholds are those
of a protocol version (``spec.counts.ControlProtocol``), not law. Every decision is made in
integers: a share ``a / b`` is compared with ``c / d`` as ``a × d`` against ``c × b``, a
share of a total 0 counting as 0.

The checks of one entered unit (a polling station in a 510b; a municipality in a 510c):

``CP-no-explanation``
    its proces-verbaal counts ballots with "geen verklaring" (no explanation) for the
    difference between D and H;
``CP-explanations-sum``
    H ≠ D, and the explanations it gives for that direction (more ballots: too many handed
    out, too many postal ballots, no or another explanation; fewer: taken away, too few
    handed out, no postal ballots, lost, no or another explanation) do not add up to
    abs(H − D). The figure ``unexplained`` is abs(abs(H − D) − that sum).

Both apply only to units that state explanations and were not already recounted.

``CP-list-deviation``
    a list of the unit whose share of the votes on lists (E) there differs by the protocol's
    number of percentage points or more from its share in the rest of the parent unit (the
    parent's total minus this unit; a share of a rest without votes is 0, as in HCP); not
    where the parent has no other unit;
``CP-swapped-candidates``
    among the candidates the unit lists, in one list, a candidate received at least the
    protocol's minimum of votes and at least its factor times the votes expected (or any,
    when none were expected), while another was expected at least the minimum and received
    at most the expected votes divided by the factor. A candidate's expected votes are their
    share of the list's votes in the rest of the parent unit times the list's votes at the
    unit. Only where the parent has at least the protocol's number of units.
"""

from __future__ import annotations

from collections.abc import Mapping

from spec.counts import (
    FEWER_EXPLANATIONS,
    MORE_EXPLANATIONS,
    NO_EXPLANATION,
    ControlProtocol,
    Count,
    CountFinding,
)


def counted(count: int, singular: str, many: str) -> str:
    """A count with its Dutch noun, for the findings' messages: ``counted(1, "eenheid",
    "eenheden")`` → ``"1 eenheid"``; any other count takes ``many``."""
    return f"{count} {singular if count == 1 else many}"


def _decimal(text: str) -> str:
    """A number of ``_tenths`` as Dutch writes it in a sentence: ``"12,5"`` (the files keep
    the point: ``list-deviations.csv`` and the figures are data)."""
    return text.replace(".", ",")


def _tenths(numerator: int, denominator: int) -> str:
    """``numerator / denominator`` rounded half up to one decimal, as text (for messages)."""
    if denominator == 0:
        return "0.0"
    tenths = (20 * numerator + denominator) // (2 * denominator)
    return f"{tenths // 10}.{tenths % 10}"


def explanation_findings(count: Count, explanations: Mapping[str, int]) -> list[CountFinding]:
    """``CP-no-explanation`` and ``CP-explanations-sum`` for one unit's stated explanations."""
    found = []
    uid, d, h = count.unit_id, count.admitted.total, count.total_counted
    none_given = explanations.get(NO_EXPLANATION, 0)
    if none_given:
        found.append(
            CountFinding(
                "warning",
                "CP-no-explanation",
                uid,
                "explanations.geen verklaring",
                f"{counted(none_given, 'stembiljet', 'stembiljetten')} met 'geen verklaring' "
                f"voor het verschil tussen D = {d} en H = {h}",
                (("geen verklaring", none_given), ("D", d), ("H", h)),
            )
        )
    if h != d:
        codes = MORE_EXPLANATIONS if h > d else FEWER_EXPLANATIONS
        explained = sum(explanations.get(code, 0) for code in codes)
        gap = abs(h - d)
        if explained != gap:
            direction = "meer" if h > d else "minder"
            found.append(
                CountFinding(
                    "warning",
                    "CP-explanations-sum",
                    uid,
                    "explanations",
                    f"{gap} {direction} getelde stembiljetten dan toegelaten kiezers (D = {d}, "
                    f"H = {h}), maar de verklaringen voor {direction} getelde stembiljetten "
                    f"tellen op tot {explained}: {abs(gap - explained)} zonder verklaring",
                    (
                        ("D", d),
                        ("H", h),
                        ("difference", h - d),
                        ("explained", explained),
                        ("unexplained", abs(gap - explained)),
                    ),
                )
            )
    return found


def _share_gap(a: int, b: int, c: int, d: int) -> tuple[int, int]:
    """``abs(a / b − c / d)`` as (numerator, denominator), a share of 0 being 0."""
    if b == 0:
        a, b = 0, 1
    if d == 0:
        c, d = 0, 1
    return abs(a * d - c * b), b * d


def list_deviation_findings(
    count: Count, parent: Count, protocol: ControlProtocol
) -> list[CountFinding]:
    """``CP-list-deviation``: ``count`` against its ``parent``'s total minus itself (the
    caller checks that the parent has other units)."""
    here = {lst.list_number: lst.total for lst in count.lists}
    total = {lst.list_number: lst.total for lst in parent.lists}
    e_here = count.votes_on_lists
    e_rest = parent.votes_on_lists - e_here
    found: list[CountFinding] = []
    for number in sorted(here):
        votes = here[number]
        rest = total.get(number, 0) - votes
        num, den = _share_gap(votes, e_here, rest, e_rest)
        if 100 * num >= protocol.list_deviation_points * den:
            local = _tenths(100 * votes, e_here)
            other = _tenths(100 * rest, e_rest)
            found.append(
                CountFinding(
                    "warning",
                    "CP-list-deviation",
                    count.unit_id,
                    f"lists[{number}].total",
                    f"lijst {number} heeft hier {_decimal(local)}% van de stemmen op lijsten "
                    f"({votes} van {e_here}) en {_decimal(other)}% in de rest van "
                    f"{parent.unit_id} ({rest} van {e_rest}): "
                    f"{_decimal(_tenths(100 * num, den))} procentpunten verschil, ten minste "
                    f"{protocol.list_deviation_points}",
                    (
                        ("list", number),
                        ("votes", votes),
                        ("E", e_here),
                        ("rest votes", rest),
                        ("rest E", e_rest),
                        ("share %", local),
                        ("rest share %", other),
                    ),
                )
            )
    return found


def list_deviation_table(count: Count, parent: Count) -> dict[int, str]:
    """List number → its share at ``count`` minus its share in the rest of ``parent``, in
    percentage points with one decimal and a sign (the per-unit deviation table)."""
    here = {lst.list_number: lst.total for lst in count.lists}
    total = {lst.list_number: lst.total for lst in parent.lists}
    e_here = count.votes_on_lists
    e_rest = parent.votes_on_lists - e_here
    table = {}
    for number in sorted(set(here) | set(total)):
        votes = here.get(number, 0)
        rest = total.get(number, 0) - votes
        a, b = (votes, e_here) if e_here else (0, 1)
        c, d = (rest, e_rest) if e_rest else (0, 1)
        num, den = a * d - c * b, b * d
        sign = "-" if num < 0 else "+"
        table[number] = sign + _tenths(100 * abs(num), den)
    return table


def swapped_candidate_findings(
    count: Count, parent: Count, protocol: ControlProtocol
) -> list[CountFinding]:
    """``CP-swapped-candidates``: ``count`` against its ``parent``'s total minus itself
    (the caller checks the parent's number of units)."""
    factor, floor = protocol.swap_factor, protocol.swap_minimum_votes
    totals = {lst.list_number: lst for lst in parent.lists}
    found = []
    for lst in count.lists:
        whole = totals.get(lst.list_number)
        whole_candidates = dict(whole.candidates) if whole is not None else {}
        list_rest = (whole.total if whole is not None else 0) - lst.total
        above: list[tuple[int, int, int, int]] = []  # (candidate, received, num, den)
        below: list[tuple[int, int, int, int]] = []
        for candidate in sorted(lst.candidates):
            received = lst.candidates.get(candidate, 0)
            rest = whole_candidates.get(candidate, 0) - received
            # expected = rest / list_rest × lst.total = num / den
            num, den = (rest * lst.total, list_rest) if rest > 0 and list_rest > 0 else (0, 1)
            if received >= floor and (num == 0 or received * den >= factor * num):
                above.append((candidate, received, num, den))
            elif num >= floor * den and factor * received * den <= num:
                below.append((candidate, received, num, den))
        for more, got_more, num_more, den_more in above:
            for fewer, got_fewer, num_fewer, den_fewer in below:
                found.append(
                    CountFinding(
                        "warning",
                        "CP-swapped-candidates",
                        count.unit_id,
                        f"lists[{lst.list_number}].candidates[{more}]",
                        f"lijst {lst.list_number}: kandidaat {more} kreeg "
                        f"{counted(got_more, 'stem', 'stemmen')}, verwacht "
                        f"{_decimal(_tenths(num_more, den_more))}; kandidaat {fewer} kreeg "
                        f"{got_fewer}, verwacht {_decimal(_tenths(num_fewer, den_fewer))} (naar "
                        f"de rest van {parent.unit_id}): mogelijk verwisseld",
                        (
                            ("list", lst.list_number),
                            ("candidate more", more),
                            ("received more", got_more),
                            ("expected more", _tenths(num_more, den_more)),
                            ("candidate fewer", fewer),
                            ("received fewer", got_fewer),
                            ("expected fewer", _tenths(num_fewer, den_fewer)),
                        ),
                    )
                )
    return found
