"""Totalisation rules as declarative predicates over (hierarchy, inputs, totals).

The identities of the proces-verbaal models N 10-1 (stembureau), Na 31-1 / Na 31-2 (gemeentelijk
stembureau), O 3 (hoofdstembureau), P 22-1 (centraal stembureau) of the Kieswet as consolidated
on 2026-01-01. ``check_totals`` judges a totalisation result from any implementation (decode a
``kieswet/totals@1`` document with ``interchange.counts.parse_totals`` first). It never imports
``reference/``: this is the independent formulation.

Each rule has a stable id, which is also the ``code`` a totalisation must give the finding
when the rule's condition fails. A rule is broken when the result misses a finding the inputs
call for, reports one they do not call for, or (``TOT-sum-identity``, ``TOT-carried``,
``TOT-correction-trace``) gets the numbers themselves wrong. Findings are matched per rule and
unit, not per field or message, so implementations may word and place them differently.

The conditions, on integers:

* ``TOT-D-is-A+B+C``: D = A + B + C;
* ``TOT-list-is-candidate-sum``: a list with candidate votes totals their sum;
* ``TOT-E-is-list-sum``: where E is stated, it is the sum of the list totals;
* ``TOT-H-is-E+F+G``: H = E + F + G;
* ``TOT-I-J-difference``: at a polling station I = max(H − D, 0) and J = max(D − H, 0); at a
  higher unit (its I and J are sums over its polling stations) I − J = H − D;
* ``TOT-warning-blank`` / ``-invalid``: H > 0 and F / H (resp. G / H) ≥ 3%;
* ``TOT-warning-difference``: abs(D − H) ≥ 15, or H > 0 and abs(D − H) / H ≥ 2%;
* ``TOT-warning-no-votes``: H = 0;

and the per-unit checks of the Kiesraad's control protocol (``spec.counts.ControlProtocol``;
the thresholds above are those of its current version, ``CURRENT_PROTOCOL``), on the units
whose counts are entered:

* ``CP-no-explanation``: the unit states "geen verklaring" for a number above 0;
* ``CP-explanations-sum``: H ≠ D and the explanations stated for that direction
  (``MORE_EXPLANATIONS`` when H > D, ``FEWER_EXPLANATIONS`` when H < D) do not add up to
  abs(H − D). Both only for units that state explanations and were not already recounted;
* ``CP-list-deviation``: a list's share of E at the unit and in the rest of its parent
  (the parent's other units) differ by 50 percentage points or more (not when the parent
  has no other unit);
* ``CP-swapped-candidates``: a candidate far above, and another of the same list far below,
  the votes expected from the rest of the parent (≥ 5× and ≥ 15 votes), the parent having at
  least 2 units.

Every share is a ``Fraction``; a share of a total 0 is 0.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from spec.counts import (
    CONTROL_PROTOCOLS,
    CURRENT_PROTOCOL,
    FEWER_EXPLANATIONS,
    MORE_EXPLANATIONS,
    NO_EXPLANATION,
    ControlProtocol,
    Count,
    CountInputs,
    FieldDifference,
    Hierarchy,
    Totals,
)
from spec.rules import Violation
from spec.rules.base import plural

MODELS = "models N 10-1, Na 31-2, O 3, P 22-1"
CHECKS = "Kiesraad checks of a proces-verbaal (models N 10-1, Na 31-1, Na 31-2, O 3, P 22-1)"
CP = (
    "Kiesraad controleprotocol (part A, centraal stembureau), versions 2024-02 and TK2025 "
    "(spec.counts.CONTROL_PROTOCOLS): Toetsingskader voor controles verkiezingsuitslagen op "
    "stembureauniveau, February 2024"
)


# =========================================================================== predicates on a count


def d_is_a_b_c(c: Count) -> bool:
    a = c.admitted
    return a.total == a.poll_cards + a.proxy_certificates + a.voter_cards


def lists_are_candidate_sums(c: Count) -> bool:
    return all(not lst.candidates or lst.total == sum(lst.candidates.values()) for lst in c.lists)


def list_total(c: Count) -> int:
    return sum(lst.total for lst in c.lists)


def e_is_list_sum(c: Count) -> bool:
    return c.reported_votes_on_lists is None or c.reported_votes_on_lists == list_total(c)


def h_is_e_f_g(c: Count) -> bool:
    return c.total_counted == list_total(c) + c.blank + c.invalid


def difference_explained(c: Count) -> bool:
    h, d = c.total_counted, c.admitted.total
    if c.level == "SB":
        return c.more_counted == max(h - d, 0) and c.fewer_counted == max(d - h, 0)
    return c.more_counted - c.fewer_counted == h - d


def share(part: int, whole: int) -> Fraction:
    """``part / whole`` exactly; 0 for a whole of 0 (as the Kiesraad's HCP does)."""
    return Fraction(part, whole) if whole else Fraction(0)


def blank_warning(c: Count, p: ControlProtocol = CONTROL_PROTOCOLS[CURRENT_PROTOCOL]) -> bool:
    return c.total_counted > 0 and share(c.blank, c.total_counted) >= Fraction(p.blank_percent, 100)


def invalid_warning(c: Count, p: ControlProtocol = CONTROL_PROTOCOLS[CURRENT_PROTOCOL]) -> bool:
    return c.total_counted > 0 and share(c.invalid, c.total_counted) >= Fraction(
        p.invalid_percent, 100
    )


def difference_warning(c: Count, p: ControlProtocol = CONTROL_PROTOCOLS[CURRENT_PROTOCOL]) -> bool:
    gap = abs(c.admitted.total - c.total_counted)
    if gap >= p.difference_minimum:
        return True
    return c.total_counted > 0 and share(gap, c.total_counted) >= Fraction(
        p.difference_percent, 100
    )


def states_no_explanation(explanations: Mapping[str, int]) -> bool:
    return explanations.get(NO_EXPLANATION, 0) > 0


def explanations_fall_short(c: Count, explanations: Mapping[str, int]) -> bool:
    """H ≠ D and the explanations for that direction do not add up to abs(H − D)."""
    h, d = c.total_counted, c.admitted.total
    if h == d:
        return False
    codes = MORE_EXPLANATIONS if h > d else FEWER_EXPLANATIONS
    return sum(explanations.get(code, 0) for code in codes) != abs(h - d)


def _list_votes(counts: Iterable[Count]) -> dict[int, int]:
    votes: dict[int, int] = {}
    for c in counts:
        for lst in c.lists:
            votes[lst.list_number] = votes.get(lst.list_number, 0) + lst.total
    return votes


def _candidate_votes(counts: Iterable[Count]) -> dict[tuple[int, int], int]:
    votes: dict[tuple[int, int], int] = {}
    for c in counts:
        for lst in c.lists:
            for k, v in lst.candidates.items():
                votes[(lst.list_number, k)] = votes.get((lst.list_number, k), 0) + v
    return votes


def deviating_lists(c: Count, rest: Sequence[Count], p: ControlProtocol) -> list[int]:
    """The lists of ``c`` whose share of E there and in ``rest`` differ by at least the
    protocol's percentage points (a share of a total 0 is 0)."""
    here, there = _list_votes([c]), _list_votes(rest)
    e_here, e_there = sum(here.values()), sum(there.values())
    limit = Fraction(p.list_deviation_points, 100)
    return sorted(
        n for n in here if abs(share(here[n], e_here) - share(there.get(n, 0), e_there)) >= limit
    )


def swapped_lists(c: Count, rest: Sequence[Count], p: ControlProtocol) -> list[int]:
    """Lists of ``c`` with a candidate far above and another far below the votes expected
    from ``rest`` (among the candidates ``c`` lists): expected = the candidate's share of the
    list in ``rest`` × the list's votes at ``c``."""
    lists_here, lists_there = _list_votes([c]), _list_votes(rest)
    got, there = _candidate_votes([c]), _candidate_votes(rest)
    floor, factor = p.swap_minimum_votes, p.swap_factor
    found = []
    for number in sorted(lists_here):
        keys = {k for k in got if k[0] == number}
        above = below = False
        for key in keys:
            received = got.get(key, 0)
            expected = share(there.get(key, 0), lists_there.get(number, 0)) * lists_here[number]
            if received >= floor and (expected == 0 or received >= factor * expected):
                above = True
            elif expected >= floor and factor * received <= expected:
                below = True
        if above and below:
            found.append(number)
    return found


def no_votes_warning(c: Count, p: ControlProtocol | None = None) -> bool:
    return c.total_counted == 0


def numbers(c: Count) -> dict[str, int | None]:
    """A count's numbers by field path (``lists[n].candidates[k]``: list and candidate numbers)."""
    a = c.admitted
    out: dict[str, int | None] = {
        "admitted.poll_cards": a.poll_cards,
        "admitted.proxy_certificates": a.proxy_certificates,
        "admitted.voter_cards": a.voter_cards,
        "admitted.total": a.total,
        "votes_on_lists": c.reported_votes_on_lists,
        "blank": c.blank,
        "invalid": c.invalid,
        "total_counted": c.total_counted,
        "more_counted": c.more_counted,
        "fewer_counted": c.fewer_counted,
        "eligible_voters": c.eligible_voters,
    }
    for lst in c.lists:
        out[f"lists[{lst.list_number}].total"] = lst.total
        for k, v in lst.candidates.items():
            out[f"lists[{lst.list_number}].candidates[{k}]"] = v
    return out


def summable(c: Count) -> dict[str, int]:
    """The numbers a higher unit adds up: all but E and eligible voters."""
    return {
        k: v
        for k, v in numbers(c).items()
        if v is not None and k not in ("votes_on_lists", "eligible_voters")
    }


def sum_of(parts: Iterable[Count]) -> dict[str, int]:
    total: dict[str, int] = {}
    for part in parts:
        for key, value in summable(part).items():
            total[key] = total.get(key, 0) + value
    return total


def differing(first: Mapping[str, int | None], second: Mapping[str, int | None]) -> list[str]:
    return sorted(k for k in set(first) | set(second) if first.get(k) != second.get(k))


def sum_mismatches(stated: Count, parts: Sequence[Count]) -> list[str]:
    """Fields where ``stated`` is not the sum of ``parts`` (a number absent on one side is 0
    there; E, where stated, must be the sum of the list totals; eligible voters are not a
    sum, see ``eligible_of_total``)."""
    expected, got = sum_of(parts), summable(stated)
    wrong = [k for k in set(expected) | set(got) if expected.get(k, 0) != got.get(k, 0)]
    if not e_is_list_sum(stated):
        wrong.append("votes_on_lists")
    return sorted(wrong)


def eligible_of_total(stated: Count | None, parts: Sequence[Count]) -> int | None:
    """A higher unit's eligible voters (EML ``Cast``): those its stated total gives, else the
    sum over its units when every unit states them. They are not a sum identity: in EML_NL
    the ``Cast`` of a total is the body's own number of kiesgerechtigden, a polling station's
    may be 0 where it is not known (Abacus issue 2140)."""
    if stated is not None and stated.eligible_voters is not None:
        return stated.eligible_voters
    eligible = [part.eligible_voters for part in parts]
    if not parts or None in eligible:
        return None
    return sum(e for e in eligible if e is not None)


# =========================================================================== expected findings


@dataclass(frozen=True, slots=True)
class Expected:
    """What the inputs imply, independent of any implementation."""

    effective: Mapping[str, Count]  # unit id → the count that stands after corrections
    structural: Mapping[str, frozenset[str]]  # finding code → units it must be reported for
    corrections: tuple[tuple[str, str, tuple[FieldDifference, ...]], ...]


def expected_from(hierarchy: Hierarchy, inputs: CountInputs) -> Expected:
    units = hierarchy.units
    structural: dict[str, set[str]] = {
        code: set()
        for code in (
            "TOT-known-unit",
            "TOT-unique",
            "TOT-level",
            "TOT-double-entry",
            "TOT-correction-target",
            "TOT-complete",
        )
    }

    def admit(count: Count, seen: Mapping[str, Count]) -> bool:
        if count.unit_id not in units:
            structural["TOT-known-unit"].add(count.unit_id)
        elif count.unit_id in seen:
            structural["TOT-unique"].add(count.unit_id)
        elif count.level != units[count.unit_id].level:
            structural["TOT-level"].add(count.unit_id)
        else:
            return True
        return False

    first: dict[str, Count] = {}
    for count in inputs.counts:
        if admit(count, first):
            first[count.unit_id] = count
    second: dict[str, Count] = {}
    for count in inputs.second_entries:
        if admit(count, second):
            second[count.unit_id] = count
            if count.unit_id not in first or differing(
                numbers(first[count.unit_id]), numbers(count)
            ):
                structural["TOT-double-entry"].add(count.unit_id)
    effective = dict(first)
    trace = []
    for corr in inputs.corrections:
        target = units.get(corr.unit_id)
        old = effective.get(corr.unit_id)
        if (
            target is None
            or old is None
            or corr.count.unit_id != corr.unit_id
            or corr.count.level != target.level
        ):
            structural["TOT-correction-target"].add(corr.unit_id)
            continue
        before, after = numbers(old), numbers(corr.count)
        changes = tuple(
            FieldDifference(k, before.get(k), after.get(k)) for k in differing(before, after)
        )
        trace.append((corr.unit_id, corr.kind, changes))
        effective[corr.unit_id] = corr.count
    for uid, unit in units.items():
        if not unit.children and uid not in effective:
            structural["TOT-complete"].add(uid)
    return Expected(
        effective,
        {code: frozenset(ids) for code, ids in structural.items()},
        tuple(trace),
    )


# =========================================================================== the rules


@dataclass(frozen=True, slots=True)
class Case:
    hierarchy: Hierarchy
    inputs: CountInputs
    totals: Totals
    expected: Expected
    protocol: ControlProtocol = field(default=CONTROL_PROTOCOLS[CURRENT_PROTOCOL])

    def reported(self, code: str, severity: str) -> set[str]:
        return {
            f.unit_id for f in self.totals.findings if f.code == code and f.severity == severity
        }


@dataclass(frozen=True, slots=True)
class TotalisationRule:
    id: str
    article: str
    statement: str
    check: Callable[[Case], Iterable[str]]

    def run(self, case: Case) -> list[Violation]:
        return [Violation(self.id, self.article, message) for message in self.check(case)]


_SEVERITY = {"error": "fout", "warning": "waarschuwing"}
"""A finding's ``severity`` in the messages."""


def _compare(code: str, severity: str, must: set[str], case: Case, what: str) -> Iterator[str]:
    got = case.reported(code, severity)
    word = _SEVERITY.get(severity, severity)
    for uid in sorted(must - got):
        yield f"eenheid {uid!r}: {what}, maar er is geen {word} {code} gemeld"
    for uid in sorted(got - must):
        yield f"eenheid {uid!r}: {word} {code} is gemeld, maar de invoer geeft daar geen reden toe"


def _structural(code: str, what: str) -> Callable[[Case], Iterable[str]]:
    def check(case: Case) -> Iterable[str]:
        must = set(case.expected.structural[code])
        return _compare(code, "error", must, case, what)

    return check


def _identity(
    code: str, holds: Callable[[Count], bool], what: str
) -> Callable[[Case], Iterable[str]]:
    def check(case: Case) -> Iterable[str]:
        must = {uid for uid, c in case.expected.effective.items() if not holds(c)}
        return _compare(code, "error", must, case, what)

    return check


def _warning(
    code: str, fires: Callable[[Count, ControlProtocol], bool], what: str
) -> Callable[[Case], Iterable[str]]:
    def check(case: Case) -> Iterable[str]:
        must = {uid for uid, c in case.totals.counts.items() if fires(c, case.protocol)}
        return _compare(code, "warning", must, case, what)

    return check


def _explanation_check(
    code: str, fires: Callable[[Count, Mapping[str, int]], bool], what: str
) -> Callable[[Case], Iterable[str]]:
    """A check on the explanations of the units that state them and were not recounted."""

    def check(case: Case) -> Iterable[str]:
        stated = case.inputs.explanations
        must = {
            uid
            for uid, c in case.expected.effective.items()
            if uid in stated and uid not in case.inputs.recounted and fires(c, stated[uid])
        }
        return _compare(code, "warning", must, case, what)

    return check


def _against_rest(
    code: str,
    fires: Callable[[Count, Sequence[Count], ControlProtocol], list[int]],
    what: str,
    minimum_units: Callable[[ControlProtocol], int],
) -> Callable[[Case], Iterable[str]]:
    """A check of each entered lowest unit against the rest of its parent: the effective
    counts of the parent's other units."""

    def check(case: Case) -> Iterable[str]:
        units, effective = case.hierarchy.units, case.expected.effective
        must = set()
        for uid, c in effective.items():
            unit = units[uid]
            if unit.children or unit.parent is None:
                continue
            siblings = units[unit.parent].children
            if len(siblings) < minimum_units(case.protocol):
                continue
            rest = [effective[s] for s in siblings if s != uid and s in effective]
            if fires(c, rest, case.protocol):
                must.add(uid)
        return _compare(code, "warning", must, case, what)

    return check


def _sums(case: Case) -> Iterator[str]:
    """Every higher unit's output count is the exact sum of its units' output counts; a
    stated total that differs from that sum is reported."""
    units, counts = case.hierarchy.units, case.totals.counts
    for uid in sorted(set(counts) - set(units)):
        yield f"de totalen bevatten een telling voor {uid!r}, dat niet in de hiërarchie staat"
    stated_wrong: set[str] = set()
    for uid, unit in units.items():
        if not unit.children:
            continue
        parts = [counts[c] for c in unit.children if c in counts]
        if uid not in counts:
            yield f"eenheid {uid!r} ({unit.level}) heeft geen totaal"
        else:
            wrong = sum_mismatches(counts[uid], parts)
            if wrong:
                yield (
                    f"eenheid {uid!r}: het totaal is niet de som van haar eenheden in "
                    f"{', '.join(wrong[:5])}{' ...' if len(wrong) > 5 else ''}"
                )
        stated = case.expected.effective.get(uid)
        if stated is not None and sum_mismatches(stated, parts):
            stated_wrong.add(uid)
        if uid in counts and len(parts) == len(unit.children):
            want = eligible_of_total(stated, parts)
            if counts[uid].eligible_voters != want:
                yield (
                    f"eenheid {uid!r}: kiesgerechtigden {counts[uid].eligible_voters}, verwacht "
                    f"{want} (die van het opgegeven totaal, anders de som als elke eenheid ze "
                    "opgeeft)"
                )
    yield from _compare(
        "TOT-sum-identity",
        "error",
        stated_wrong,
        case,
        "het opgegeven totaal is niet de som van haar eenheden",
    )


def _carried(case: Case) -> Iterator[str]:
    """Every lowest unit's output count is its count as entered after corrections."""
    for uid, unit in case.hierarchy.units.items():
        if unit.children:
            continue
        want, got = case.expected.effective.get(uid), case.totals.counts.get(uid)
        if want is None and got is not None:
            yield f"eenheid {uid!r} heeft geen telling in de invoer, maar wel een in de totalen"
        elif want is not None and got is None:
            yield f"eenheid {uid!r}: haar telling ontbreekt in de totalen"
        elif want is not None and got is not None:
            wrong = differing(numbers(want), numbers(got))
            if wrong:
                yield (
                    f"eenheid {uid!r}: de totalen wijzigen haar ingevoerde telling in "
                    f"{', '.join(wrong)}"
                )


def ancestors(hierarchy: Hierarchy, uid: str) -> tuple[str, ...]:
    """The units above ``uid``, from its parent up to the root: the totals a correction of
    ``uid`` re-makes (models O 3, P 22-1: every total is the sum of its units)."""
    out: list[str] = []
    parent = hierarchy.units[uid].parent
    while parent is not None:
        out.append(parent)
        parent = hierarchy.units[parent].parent
    return tuple(out)


def _trace(case: Case) -> Iterator[str]:
    """One trace record per applied correction, in order, with exactly the changed fields and,
    as ``retotalled``, the units above it (parent first)."""
    want = case.expected.corrections
    got = case.totals.corrections
    if len(want) != len(got):
        yield (
            f"{plural(len(want), 'correctie is', 'correcties zijn')} toegepast, het spoor "
            f"vermeldt er {len(got)}"
        )
        return
    for index, ((uid, kind, changes), record) in enumerate(zip(want, got, strict=True)):
        if (record.unit_id, record.kind) != (uid, kind):
            yield (
                f"spoorregel {index} is een {record.kind} van {record.unit_id!r}, "
                f"verwacht een {kind} van {uid!r}"
            )
        elif sorted(record.changes, key=lambda d: d.field) != list(changes):
            fields = ", ".join(d.field for d in changes) or "niets"
            yield (
                f"spoorregel {index} ({uid!r}) vermeldt niet precies de wijzigingen van {fields}"
            )
        elif tuple(record.retotalled) != ancestors(case.hierarchy, uid):
            above = ", ".join(ancestors(case.hierarchy, uid)) or "geen"
            yield (
                f"spoorregel {index} ({uid!r}) noemt als opnieuw getelde eenheden "
                f"{', '.join(record.retotalled) or 'geen'}, verwacht {above}"
            )


RULES: tuple[TotalisationRule, ...] = (
    TotalisationRule(
        "TOT-known-unit",
        MODELS,
        "A count of a unit that is not in the hierarchy is an error.",
        _structural(
            "TOT-known-unit", "de telling is van een eenheid die niet in de hiërarchie staat"
        ),
    ),
    TotalisationRule(
        "TOT-unique",
        MODELS,
        "Each unit has at most one count (and one second entry).",
        _structural("TOT-unique", "zij heeft meer dan één telling"),
    ),
    TotalisationRule(
        "TOT-level",
        MODELS,
        "A count is at its unit's level.",
        _structural("TOT-level", "een telling staat op een ander niveau dan haar eenheid"),
    ),
    TotalisationRule(
        "TOT-complete",
        MODELS,
        "Every expected lowest unit has a count.",
        _structural("TOT-complete", "zij wordt verwacht en heeft geen telling"),
    ),
    TotalisationRule(
        "TOT-double-entry",
        f"{CHECKS}: double entry",
        "A second data entry is identical to the first, field by field.",
        _structural("TOT-double-entry", "haar tweede invoer wijkt af van de eerste (of ontbreekt)"),
    ),
    TotalisationRule(
        "TOT-correction-target",
        "model Na 14 (corrigendum), recount",
        "A correction replaces the count of a known unit that has one, at its level.",
        _structural("TOT-correction-target", "een correctie heeft geen telling om te vervangen"),
    ),
    TotalisationRule(
        "TOT-D-is-A+B+C",
        MODELS,
        "D (toegelaten kiezers) = A + B + C.",
        _identity("TOT-D-is-A+B+C", d_is_a_b_c, "D is niet A + B + C"),
    ),
    TotalisationRule(
        "TOT-list-is-candidate-sum",
        MODELS,
        "Each list total E.n is the sum of its candidates' votes.",
        _identity(
            "TOT-list-is-candidate-sum",
            lists_are_candidate_sums,
            "een lijsttotaal is niet de som van de stemmen op haar kandidaten",
        ),
    ),
    TotalisationRule(
        "TOT-E-is-list-sum",
        MODELS,
        "E, where stated, is the sum of the list totals.",
        _identity("TOT-E-is-list-sum", e_is_list_sum, "E is niet de som van de lijsttotalen"),
    ),
    TotalisationRule(
        "TOT-H-is-E+F+G",
        MODELS,
        "H (ballots counted) = E + F + G.",
        _identity("TOT-H-is-E+F+G", h_is_e_f_g, "H is niet E + F + G"),
    ),
    TotalisationRule(
        "TOT-I-J-difference",
        MODELS,
        "At a polling station I = H − D if H > D (else 0) and J = D − H if D > H (else 0); "
        "at a higher unit I − J = H − D.",
        _identity("TOT-I-J-difference", difference_explained, "I en J verklaren D − H niet"),
    ),
    TotalisationRule(
        "TOT-sum-identity",
        "models O 3, P 22-1; Na 31-2",
        "Every higher unit's count is the exact sum of its units' counts.",
        _sums,
    ),
    TotalisationRule(
        "TOT-carried",
        MODELS,
        "The totals keep every lowest unit's count as entered, after corrections.",
        _carried,
    ),
    TotalisationRule(
        "TOT-correction-trace",
        "model Na 14 (corrigendum), recount",
        "Each applied correction is traced with the old and new value of every changed field "
        "and the units above it whose totals it re-makes.",
        _trace,
    ),
    TotalisationRule(
        "TOT-warning-blank",
        CP,
        "Warn when blank ballots are the protocol's percentage (3%) or more of H (H > 0).",
        _warning("TOT-warning-blank", blank_warning, "blanco is 3% of meer van H"),
    ),
    TotalisationRule(
        "TOT-warning-invalid",
        CP,
        "Warn when invalid ballots are the protocol's percentage (3%) or more of H (H > 0).",
        _warning("TOT-warning-invalid", invalid_warning, "ongeldig is 3% of meer van H"),
    ),
    TotalisationRule(
        "TOT-warning-difference",
        CP,
        "Warn when |D − H| ≥ 15, or H > 0 and |D − H| ≥ 2% of H (the protocol's numbers).",
        _warning("TOT-warning-difference", difference_warning, "|D − H| is ≥ 15 of ≥ 2% van H"),
    ),
    TotalisationRule(
        "CP-no-explanation",
        CP,
        "Report a unit (that states explanations and was not recounted) whose proces-verbaal "
        "counts ballots with no explanation for the difference between D and H.",
        _explanation_check(
            "CP-no-explanation", lambda c, e: states_no_explanation(e), "'geen verklaring' > 0"
        ),
    ),
    TotalisationRule(
        "CP-explanations-sum",
        CP,
        "Report a unit (that states explanations and was not recounted) where H ≠ D and the "
        "explanations for that direction do not add up to |H − D|.",
        _explanation_check(
            "CP-explanations-sum",
            explanations_fall_short,
            "de verklaringen tellen niet op tot |H − D|",
        ),
    ),
    TotalisationRule(
        "CP-list-deviation",
        CP,
        "Report a lowest unit where a list's share of E deviates by 50 percentage points or "
        "more from its share in the rest of the parent unit.",
        _against_rest(
            "CP-list-deviation",
            deviating_lists,
            "het aandeel van een lijst wijkt ≥ 50 procentpunt af van dat in de rest van de "
            "bovenliggende eenheid",
            lambda p: 2,
        ),
    ),
    TotalisationRule(
        "CP-swapped-candidates",
        CP,
        "Report a lowest unit with a candidate far above and another of the same list far "
        "below the votes expected from the rest of the parent (≥ 5× and ≥ 15 votes; the "
        "parent has at least 2 units).",
        _against_rest(
            "CP-swapped-candidates",
            swapped_lists,
            "twee kandidaten van een lijst zijn mogelijk verwisseld",
            lambda p: p.swap_minimum_units,
        ),
    ),
    TotalisationRule(
        "TOT-warning-no-votes",
        CHECKS,
        "Warn when no ballots were counted (H = 0).",
        _warning("TOT-warning-no-votes", no_votes_warning, "H is 0"),
    ),
)


def check_totals(
    hierarchy: Hierarchy,
    inputs: CountInputs,
    totals: Totals,
    protocol: ControlProtocol = CONTROL_PROTOCOLS[CURRENT_PROTOCOL],
) -> list[Violation]:
    """The rules ``totals`` violates for ``inputs`` in ``hierarchy`` under the control
    protocol version ``protocol``; empty if it is correct.

    ``hierarchy`` must be sound (``spec.counts.hierarchy_problems``). The violations come in
    the order of ``RULES``.
    """
    case = Case(hierarchy, inputs, totals, expected_from(hierarchy, inputs), protocol)
    violations: list[Violation] = []
    for rule in RULES:
        violations.extend(rule.run(case))
    return violations
