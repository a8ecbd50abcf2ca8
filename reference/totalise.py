"""Totalisation up the chain: polling stations → GSB → HSB → CSB, with every check of §6.

Kieswet as consolidated on 2026-01-01. The counts are those of the processen-verbaal, each
model named after the article that prescribes it: N 10-1 (stembureau), Na 31-1 / Na 31-2
(gemeentelijk stembureau, chapter Na, with corrigenda in model Na 14), O 3 (hoofdstembureau,
chapter O) and P 22-1 (centraal stembureau, chapter P); in EML_NL 510a – 510d. The letters
A – J are explained in ``spec.counts``. The warning thresholds are the Kiesraad's checks of a
proces-verbaal, not law text (docs/totalisation.md).

``totalise(hierarchy, inputs)`` starts from the counts of the lowest units of the hierarchy
(polling stations, or municipalities when starting from 510b) and makes every higher unit's
count as the exact sum of its units'. On the way it reports, as ``CountFinding`` objects:

errors (any error blocks the result)
    ``TOT-known-unit``, ``TOT-unique``, ``TOT-complete`` (every expected lowest unit present
    exactly once, no unknown units), ``TOT-level`` (a count's level is its unit's),
    ``TOT-double-entry`` (a second data entry differs), ``TOT-correction-target``,
    ``TOT-D-is-A+B+C``, ``TOT-list-is-candidate-sum``, ``TOT-E-is-list-sum`` (where E is
    stated), ``TOT-H-is-E+F+G``, ``TOT-I-J-difference``, and ``TOT-sum-identity`` (a total
    stated for a higher unit, e.g. the municipal total in a 510b, differs from the sum of its
    units);
warnings (never blocking; the current control protocol's numbers), on every count
    ``TOT-warning-blank`` (H > 0 and 100 × F ≥ 3 × H), ``TOT-warning-invalid``
    (H > 0 and 100 × G ≥ 3 × H), ``TOT-warning-difference`` (abs(D − H) ≥ 15, or H > 0 and
    100 × abs(D − H) ≥ 2 × H), ``TOT-warning-no-votes`` (H = 0);
control protocol checks (warnings) on the entered units, see ``reference.control_protocol``
    ``CP-no-explanation``, ``CP-explanations-sum``, ``CP-list-deviation``,
    ``CP-swapped-candidates``.

Eligible voters are not a sum identity: a total keeps those its stated count gives.

The identity checks run on the counts as entered (after double entry and corrections); sums
of counts that satisfy them satisfy them too, so the totals need no second check. At a
polling station I = H − D if H > D, else 0, and J = D − H if D > H, else 0. A higher unit's I
and J are the sums of its units' I and J, so there only I − J = H − D must hold (a
municipality can have stations with more and stations with fewer ballots than voters).

All arithmetic is on integers.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from operator import add

from reference.control_protocol import (
    counted,
    explanation_findings,
    list_deviation_findings,
    swapped_candidate_findings,
)
from spec.counts import (
    CONTROL_PROTOCOLS,
    CURRENT_PROTOCOL,
    AdmittedVoters,
    CheckSeverity,
    ControlProtocol,
    Correction,
    CorrectionRecord,
    Count,
    CountFinding,
    CountInputs,
    FieldDifference,
    Hierarchy,
    ListCount,
    Totals,
    Unit,
    preorder,
)
from spec.model import Candidate, Election, ElectionKind, ElectionList, LawVersion, Profile

CURRENT = CONTROL_PROTOCOLS[CURRENT_PROTOCOL]

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while units are totalled and checked."""


def _finding(
    severity: CheckSeverity, code: str, unit_id: str, field: str, message: str
) -> CountFinding:
    return CountFinding(severity, code, unit_id, field, message)


# =========================================================================== fields of a count


def count_fields(count: Count) -> dict[str, int | None]:
    """Every number of a count by its field path (see ``spec.counts.FieldDifference``)."""
    adm = count.admitted
    fields: dict[str, int | None] = {
        "admitted.poll_cards": adm.poll_cards,
        "admitted.proxy_certificates": adm.proxy_certificates,
        "admitted.voter_cards": adm.voter_cards,
        "admitted.total": adm.total,
    }
    for lst in count.lists:
        fields[f"lists[{lst.list_number}].total"] = lst.total
        for number, votes in lst.candidates.items():
            fields[f"lists[{lst.list_number}].candidates[{number}]"] = votes
    fields["votes_on_lists"] = count.reported_votes_on_lists
    fields["blank"] = count.blank
    fields["invalid"] = count.invalid
    fields["total_counted"] = count.total_counted
    fields["more_counted"] = count.more_counted
    fields["fewer_counted"] = count.fewer_counted
    fields["eligible_voters"] = count.eligible_voters
    return fields


def compare_entries(first: Count, second: Count) -> list[FieldDifference]:
    """Double entry: every field in which two data entries of one proces-verbaal differ.

    Compares A – D, E (where stated), every list total and every candidate's votes, F – J and
    the number of eligible voters; a field present in one entry only is a difference (with
    ``None`` for the other). The entries are identical, and the result may be accepted, only
    when this is empty. Raises ``ValueError`` when the entries are of different units.
    """
    if first.unit_id != second.unit_id:
        raise ValueError(f"entries of different units: {first.unit_id!r}, {second.unit_id!r}")
    a, b = count_fields(first), count_fields(second)
    order = list(a) + [key for key in b if key not in a]
    return [
        FieldDifference(key, a.get(key), b.get(key)) for key in order if a.get(key) != b.get(key)
    ]


# =========================================================================== checks of one count


def identity_findings(count: Count) -> list[CountFinding]:
    """The arithmetic of one proces-verbaal (errors): D = A + B + C, E.n = Σ candidates,
    E = Σ E.n (where E is stated), H = E + F + G, and the explained difference I / J."""
    found: list[CountFinding] = []
    uid = count.unit_id
    adm = count.admitted
    abc = adm.poll_cards + adm.proxy_certificates + adm.voter_cards
    if adm.total != abc:
        found.append(
            _finding(
                "error",
                "TOT-D-is-A+B+C",
                uid,
                "admitted.total",
                f"D (toegelaten kiezers) = {adm.total}, maar A + B + C = {adm.poll_cards} + "
                f"{adm.proxy_certificates} + {adm.voter_cards} = {abc}",
            )
        )
    for lst in count.lists:
        if lst.candidates:
            candidate_sum = sum(lst.candidates.values())
            if candidate_sum != lst.total:
                found.append(
                    _finding(
                        "error",
                        "TOT-list-is-candidate-sum",
                        uid,
                        f"lists[{lst.list_number}].total",
                        f"lijst {lst.list_number}: het lijsttotaal is {lst.total}, maar de "
                        f"stemmen op haar kandidaten tellen op tot {candidate_sum}",
                    )
                )
    e = count.votes_on_lists
    if count.reported_votes_on_lists is not None and count.reported_votes_on_lists != e:
        found.append(
            _finding(
                "error",
                "TOT-E-is-list-sum",
                uid,
                "votes_on_lists",
                f"E (stemmen op lijsten) = {count.reported_votes_on_lists}, maar de "
                f"lijsttotalen tellen op tot {e}",
            )
        )
    h = count.total_counted
    efg = e + count.blank + count.invalid
    if h != efg:
        found.append(
            _finding(
                "error",
                "TOT-H-is-E+F+G",
                uid,
                "total_counted",
                f"H (getelde stembiljetten) = {h}, maar E + F + G = {e} + {count.blank} + "
                f"{count.invalid} = {efg}",
            )
        )
    found.extend(_difference_findings(count))
    return found


def _difference_findings(count: Count) -> list[CountFinding]:
    uid, d, h = count.unit_id, count.admitted.total, count.total_counted
    i, j = count.more_counted, count.fewer_counted
    if count.level != "SB":
        if i - j != h - d:
            return [
                _finding(
                    "error",
                    "TOT-I-J-difference",
                    uid,
                    "more_counted",
                    f"I − J = {i} − {j} = {i - j}, maar H − D = {h} − {d} = {h - d}",
                )
            ]
        return []
    found = []
    if i != max(h - d, 0):
        found.append(
            _finding(
                "error",
                "TOT-I-J-difference",
                uid,
                "more_counted",
                f"I (meer getelde stembiljetten) = {i}, maar H = {h} en D = {d}, dus moet I "
                f"{max(h - d, 0)} zijn",
            )
        )
    if j != max(d - h, 0):
        found.append(
            _finding(
                "error",
                "TOT-I-J-difference",
                uid,
                "fewer_counted",
                f"J (minder getelde stembiljetten) = {j}, maar H = {h} en D = {d}, dus moet J "
                f"{max(d - h, 0)} zijn",
            )
        )
    return found


def warning_findings(count: Count, protocol: ControlProtocol = CURRENT) -> list[CountFinding]:
    """The warnings on one count, with the thresholds of a control protocol version (every
    boundary inclusive, in integers): blank: H > 0 and 100 × F ≥ 3 × H; invalid: H > 0 and
    100 × G ≥ 3 × H; difference: abs(D − H) ≥ 15, or H > 0 and 100 × abs(D − H) ≥ 2 × H;
    no votes: H = 0 (the numbers of the current version)."""
    found: list[CountFinding] = []
    uid, d, h = count.unit_id, count.admitted.total, count.total_counted
    if h == 0:
        found.append(
            _finding(
                "warning",
                "TOT-warning-no-votes",
                uid,
                "total_counted",
                "geen stembiljetten geteld (H = 0)",
            )
        )
    else:
        for code, field, letter, one, many, value, percent in (
            (
                "TOT-warning-blank",
                "blank",
                "F",
                "blanco stembiljet",
                "blanco stembiljetten",
                count.blank,
                protocol.blank_percent,
            ),
            (
                "TOT-warning-invalid",
                "invalid",
                "G",
                "ongeldig stembiljet",
                "ongeldige stembiljetten",
                count.invalid,
                protocol.invalid_percent,
            ),
        ):
            if 100 * value >= percent * h:
                found.append(
                    _finding(
                        "warning",
                        code,
                        uid,
                        field,
                        f"{letter}: {counted(value, one, many)} "
                        f"{'is' if value == 1 else 'zijn'} {percent}% of meer van H = {h} "
                        f"(100 × {value} ≥ {percent} × {h})",
                    )
                )
    diff = abs(d - h)
    minimum, percent = protocol.difference_minimum, protocol.difference_percent
    by_number = diff >= minimum
    by_share = h > 0 and 100 * diff >= percent * h
    if by_number or by_share:
        reasons = []
        if by_number:
            reasons.append(f"ten minste {minimum}")
        if by_share:
            reasons.append(f"{percent}% of meer van H (100 × {diff} ≥ {percent} × {h})")
        found.append(
            CountFinding(
                "warning",
                "TOT-warning-difference",
                uid,
                "total_counted",
                f"|D − H| = |{d} − {h}| = {diff} is " + " en ".join(reasons),
                (("D", d), ("H", h), ("difference", h - d)),
            )
        )
    return found


def protocol_findings(
    hierarchy: Hierarchy,
    inputs: CountInputs,
    entered: Mapping[str, Count],
    final: Mapping[str, Count],
    protocol: ControlProtocol,
) -> list[CountFinding]:
    """The per-unit checks of the control protocol (``reference.control_protocol``) on the
    entered counts: the explanation checks where explanations are stated (not for units
    already recounted), the list and candidate checks of each lowest unit against the rest
    of its parent."""
    found: list[CountFinding] = []
    for uid in preorder(hierarchy):
        count = entered.get(uid)
        if count is None:
            continue
        stated = inputs.explanations.get(uid)
        if stated is not None and uid not in inputs.recounted:
            found.extend(explanation_findings(count, stated))
        unit = hierarchy.units[uid]
        if unit.children or unit.parent is None or unit.parent not in final:
            continue
        parent = final[unit.parent]
        units_of_parent = len(hierarchy.units[unit.parent].children)
        if units_of_parent > 1:
            found.extend(list_deviation_findings(count, parent, protocol))
        if units_of_parent >= protocol.swap_minimum_units:
            found.extend(swapped_candidate_findings(count, parent, protocol))
    return found


# =========================================================================== sums


def sum_counts(unit: Unit, parts: Sequence[Count]) -> Count:
    """A higher unit's count: every number the exact sum of its units' (O 3, P 22-1).

    Lists and candidates are the union of the parts', ascending by number (absent counts as 0).
    Eligible voters are summed only when every part states them.

    Speed matters here (a national total adds some 12 million candidate numbers): while the
    parts list a list's candidates in the same order, as polling stations do, their votes are
    added as columns (``map(add, ...)``, in C); otherwise candidate by candidate.
    """
    lists: dict[int, ListSum] = {}
    poll = proxy = voter = total = blank = invalid = counted = more = fewer = 0
    for part in parts:
        adm = part.admitted
        poll += adm.poll_cards
        proxy += adm.proxy_certificates
        voter += adm.voter_cards
        total += adm.total
        blank += part.blank
        invalid += part.invalid
        counted += part.total_counted
        more += part.more_counted
        fewer += part.fewer_counted
        for lst in part.lists:
            running = lists.get(lst.list_number)
            if running is None:
                lists[lst.list_number] = ListSum(lst)
            else:
                running.add(lst)
    eligible_parts = [part.eligible_voters for part in parts]
    eligible = (
        sum(v for v in eligible_parts if v is not None)
        if parts and None not in eligible_parts
        else None
    )
    return Count(
        unit_id=unit.unit_id,
        name=unit.name,
        level=unit.level,
        admitted=AdmittedVoters(poll, proxy, voter, total),
        lists=tuple(lists[number].result() for number in sorted(lists)),
        blank=blank,
        invalid=invalid,
        total_counted=counted,
        more_counted=more,
        fewer_counted=fewer,
        eligible_voters=eligible,
    )


class ListSum:
    """The running sum of one list over units (for ``sum_counts``, and for readers that check
    a stated total while streaming): its total, and its candidates' votes as two columns
    (numbers, votes) in the order the first unit gave them."""

    __slots__ = ("number", "numbers", "total", "votes")

    def __init__(self, lst: ListCount) -> None:
        self.number = lst.list_number
        self.total = lst.total
        self.numbers = list(lst.candidates)
        self.votes = list(lst.candidates.values())

    def add(self, lst: ListCount) -> None:
        self.total += lst.total
        candidates = lst.candidates
        if len(candidates) == len(self.numbers) and list(candidates) == self.numbers:
            self.votes = list(map(add, self.votes, candidates.values()))
            return
        merged = dict(zip(self.numbers, self.votes, strict=True))
        for number, votes in candidates.items():
            merged[number] = merged.get(number, 0) + votes
        self.numbers = list(merged)
        self.votes = list(merged.values())

    def result(self) -> ListCount:
        pairs = zip(self.numbers, self.votes, strict=True)
        if all(a < b for a, b in zip(self.numbers, self.numbers[1:], strict=False)):
            return ListCount(self.number, self.total, dict(pairs))
        return ListCount(self.number, self.total, dict(sorted(pairs)))


def _same_total(stated: Count, computed: Count) -> bool:
    """A quick sufficient test that ``_sum_differences`` finds nothing: every number equal
    (E only where stated, eligible voters only where both have them)."""
    return (
        stated.admitted == computed.admitted
        and stated.lists == computed.lists
        and (stated.blank, stated.invalid, stated.total_counted)
        == (computed.blank, computed.invalid, computed.total_counted)
        and (stated.more_counted, stated.fewer_counted)
        == (computed.more_counted, computed.fewer_counted)
        and stated.reported_votes_on_lists in (None, computed.votes_on_lists)
    )


def _sum_differences(stated: Count, computed: Count) -> list[FieldDifference]:
    """Fields where a stated total differs from the computed sum; a list or candidate absent
    from one side counts as 0 there; E only where stated (against the computed Σ E.n).
    Eligible voters (EML ``Cast``) are not compared: a total's is the body's own number of
    kiesgerechtigden, not the sum of its units' (see ``totalise``)."""
    a, b = count_fields(stated), count_fields(computed)
    b["votes_on_lists"] = computed.votes_on_lists
    differences = []
    for key in list(a) + [key for key in b if key not in a]:
        first, second = a.get(key), b.get(key)
        if key == "eligible_voters":
            continue
        if key == "votes_on_lists":
            if first is None or second is None:
                continue
        elif key.startswith("lists["):
            first, second = first or 0, second or 0
        if first != second:
            differences.append(FieldDifference(key, first, second))
    return differences


# =========================================================================== the chain


def _ancestors(hierarchy: Hierarchy, unit_id: str) -> tuple[str, ...]:
    chain = []
    parent = hierarchy.units[unit_id].parent
    while parent is not None:
        chain.append(parent)
        parent = hierarchy.units[parent].parent
    return tuple(chain)


def _accept_entries(
    hierarchy: Hierarchy, inputs: CountInputs, findings: list[CountFinding]
) -> dict[str, Count]:
    """The first entry of every known unit; unknown, duplicate and misplaced counts and
    double-entry differences become findings."""
    entered: dict[str, Count] = {}
    for index, count in enumerate(inputs.counts):
        if _admissible(hierarchy, count, f"counts[{index}]", entered, findings):
            entered[count.unit_id] = count
    seconds: dict[str, Count] = {}
    for index, second in enumerate(inputs.second_entries):
        where = f"second_entries[{index}]"
        if not _admissible(hierarchy, second, where, seconds, findings):
            continue
        seconds[second.unit_id] = second
        first = entered.get(second.unit_id)
        if first is None:
            findings.append(
                _finding(
                    "error",
                    "TOT-double-entry",
                    second.unit_id,
                    where,
                    "een tweede invoer zonder eerste invoer van deze eenheid",
                )
            )
            continue
        for diff in compare_entries(first, second):
            findings.append(
                _finding(
                    "error",
                    "TOT-double-entry",
                    first.unit_id,
                    diff.field,
                    f"eerste invoer {_show(diff.first)}, tweede invoer {_show(diff.second)}",
                )
            )
    return entered


def _show(value: int | None) -> str:
    return "niet vermeld" if value is None else str(value)


def _admissible(
    hierarchy: Hierarchy,
    count: Count,
    where: str,
    seen: Mapping[str, Count],
    findings: list[CountFinding],
) -> bool:
    unit = hierarchy.units.get(count.unit_id)
    if unit is None:
        findings.append(
            _finding(
                "error",
                "TOT-known-unit",
                count.unit_id,
                where,
                f"eenheid {count.unit_id!r} staat niet in de hiërarchie",
            )
        )
        return False
    if count.unit_id in seen:
        findings.append(
            _finding(
                "error",
                "TOT-unique",
                count.unit_id,
                where,
                f"eenheid {count.unit_id!r} heeft meer dan één telling; de eerste telt",
            )
        )
        return False
    if count.level != unit.level:
        findings.append(
            _finding(
                "error",
                "TOT-level",
                count.unit_id,
                f"{where}.level",
                f"de telling is op niveau {count.level}, de eenheid is een {unit.level}",
            )
        )
        return False
    return True


def _apply_corrections(
    hierarchy: Hierarchy,
    corrections: Iterable[Correction],
    entered: dict[str, Count],
    findings: list[CountFinding],
) -> list[CorrectionRecord]:
    """Each correction replaces its unit's count; the trace keeps the old and new values."""
    records = []
    for index, correction in enumerate(corrections):
        where = f"corrections[{index}]"
        uid = correction.unit_id
        unit = hierarchy.units.get(uid)
        old = entered.get(uid)
        reason = None
        if correction.count.unit_id != uid:
            reason = (
                f"de correctie is voor {uid!r}, maar haar telling voor {correction.count.unit_id!r}"
            )
        elif unit is None:
            reason = f"eenheid {uid!r} staat niet in de hiërarchie"
        elif old is None:
            reason = f"eenheid {uid!r} heeft geen telling om te corrigeren"
        elif correction.count.level != unit.level:
            reason = (
                f"de telling is op niveau {correction.count.level}, de eenheid is een {unit.level}"
            )
        if reason is not None or old is None:
            findings.append(_finding("error", "TOT-correction-target", uid, where, str(reason)))
            continue
        entered[uid] = correction.count
        records.append(
            CorrectionRecord(
                uid,
                correction.kind,
                correction.reason,
                tuple(compare_entries(old, correction.count)),
                _ancestors(hierarchy, uid),
            )
        )
    return records


def totalise(
    hierarchy: Hierarchy,
    inputs: CountInputs,
    progress: Progress | None = None,
    protocol: ControlProtocol = CURRENT,
) -> Totals:
    """Total the counts up the hierarchy and check them (docs/totalisation.md).

    ``hierarchy`` must be sound (``spec.counts.hierarchy_problems`` is empty; the codec
    ensures it). The lowest units (those without children) are expected to have a count;
    every higher unit's count is computed as the sum of its units'. A count given for a
    higher unit is a stated total, compared with that sum. Double entry is checked first, then
    the corrections are applied in order, then everything is totalled and checked. The result
    is accepted only without error findings; the totals are computed in every case.
    """
    findings: list[CountFinding] = []
    entered = _accept_entries(hierarchy, inputs, findings)
    records = _apply_corrections(hierarchy, inputs.corrections, entered, findings)
    order = preorder(hierarchy)
    final: dict[str, Count] = {}
    for done, uid in enumerate(reversed(order), start=1):
        unit = hierarchy.units[uid]
        if unit.children:
            total = sum_counts(unit, [final[c] for c in unit.children if c in final])
            stated_total = entered.get(uid)
            if stated_total is not None and stated_total.eligible_voters is not None:
                total = replace(total, eligible_voters=stated_total.eligible_voters)
            final[uid] = total
        elif uid in entered:
            final[uid] = entered[uid]
        if progress is not None:
            progress(done, len(order))
    for uid in order:
        unit = hierarchy.units[uid]
        stated = entered.get(uid)
        if not unit.children and stated is None:
            findings.append(
                _finding(
                    "error",
                    "TOT-complete",
                    uid,
                    "",
                    f"geen telling voor {unit.level} {unit.name!r} ({uid}), "
                    f"{_parent_words(hierarchy, unit)}",
                )
            )
        if stated is not None:
            findings.extend(identity_findings(stated))
            if unit.children and not _same_total(stated, final[uid]):
                for diff in _sum_differences(stated, final[uid]):
                    findings.append(
                        _finding(
                            "error",
                            "TOT-sum-identity",
                            uid,
                            diff.field,
                            f"het opgegeven totaal is {_show(diff.first)}, de som van de "
                            f"{counted(len(unit.children), 'eenheid', 'eenheden')} eronder is "
                            f"{_show(diff.second)}",
                        )
                    )
        if uid in final:
            findings.extend(warning_findings(final[uid], protocol))
    findings.extend(protocol_findings(hierarchy, inputs, entered, final, protocol))
    counts = {uid: final[uid] for uid in order if uid in final}
    return Totals(hierarchy.root, counts, tuple(findings), tuple(records))


def _parent_words(hierarchy: Hierarchy, unit: Unit) -> str:
    if unit.parent is None:
        return "die in de hiërarchie verwacht wordt"
    parent = hierarchy.units[unit.parent]
    return f"die {parent.level} {parent.name!r} verwacht"


# =========================================================================== to seat allocation


def election_from_totals(
    csb: Count,
    kind: ElectionKind,
    seats: int,
    *,
    candidates: Mapping[int, Sequence[int]] | None = None,
    deceased: Mapping[int, Collection[int]] | None = None,
    names: Mapping[int, str] | None = None,
    law: LawVersion = "current",
    profile: Profile | None = None,
) -> Election:
    """The seat-allocation input from the CSB totals (P 22-1): a list's stemcijfer is its
    total E.n, a candidate's votes its total over the whole election (P 15).

    ``candidates`` gives, per list number, the candidate numbers in list order (candidate
    lists of model H 1 / EML 230b); a candidate on it with no votes in the totals gets 0,
    a list on it without a total gets 0 votes. Without it, the candidates are those in the
    totals, by number. A list with no candidates at all is passed as list-level data.
    ``deceased`` names candidates who died (P 19a). Raises ``ValueError`` when the totals
    contradict themselves or the candidate lists (a list total that is not the sum of its
    candidates, a candidate who is not on the list).
    """
    by_number = {lst.list_number: lst for lst in csb.lists}
    numbers = sorted(set(by_number) | set(candidates or {}))
    lists = []
    for number in numbers:
        lst = by_number.get(number, ListCount(number, 0, {}))
        order = (
            list(candidates[number])
            if candidates and number in candidates
            else sorted(lst.candidates)
        )
        unknown = sorted(set(lst.candidates) - set(order))
        if unknown:
            raise ValueError(f"list {number}: candidates {unknown} have votes but are not on it")
        dead = set((deceased or {}).get(number, ()))
        name = (names or {}).get(number, f"list {number}")
        if not order:
            lists.append(ElectionList(number, name, lst.total))
            continue
        members = tuple(Candidate(c, lst.candidates.get(c, 0), c in dead) for c in order)
        if sum(c.votes for c in members) != lst.total:
            raise ValueError(
                f"list {number}: total {lst.total} is not the sum of its candidates' votes"
            )
        lists.append(ElectionList(number, name, lst.total, members))
    return Election(kind, seats, tuple(lists), law, profile or Profile())
