"""JSON forms of the district contract (``kieswet/district-allocation-*@1``).

``parse_district_election`` validates a decoded ``kieswet/district-allocation-input@1`` document
and returns a ``DistrictElection`` or a ``Rejected`` naming every offending field (same error
style as ``interchange.allocation``: ``field``, ``code``, ``message``); it never raises for bad
input. ``district_result_to_json`` writes a ``kieswet/district-allocation-result@1`` document.

Structural rules it enforces (Kieswet, consolidated 2026-01-01; H 11, P 3, old I 10 / P 4):

- every number (district list, stel, group, combination) is unique in the input;
- every list names a district of the input, and a party has at most one list per district;
- a stel has at least two lists, each in a different district, with the same candidates in the
  same order (H 11 lid 1); a list is in at most one stel;
- a lijstengroep has at least two members (stellen, or lists in no stel); a member is in at most
  one group; a candidate (by ``id``, else by ``name``) stands for at most one party;
- lijstencombinaties only under law ``pre-2017-12`` (abolished on 1 December 2017), with at least
  two members (groups, stellen or lists in no stel or group), each in at most one combination;
- stemwaarde other than 1 only for the Eerste Kamer (U 2).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any, cast

from interchange.allocation import (
    _candidate_label,
    _candidate_votes,
    _Errors,
    _is_int,
    _non_negative_int,
    _number,
    _numbers_in_order,
    _text,
    _unknown_keys,
    lot_question_to_json,
    open_document,
    parse_election_header,
    parse_lots,
    result_to_json,
    step_to_json,
)
from spec.districts import (
    INPUT_FORMAT,
    RESULT_FORMAT,
    Combination,
    CombinationCheck,
    District,
    DistrictCompleted,
    DistrictElection,
    DistrictList,
    DistrictNeedsLot,
    DistrictResult,
    ListCandidate,
    ListGroup,
    ListSet,
    stemwaarde_of,
)
from spec.exact import format_mixed
from spec.model import (
    ElectionKind,
    LawVersion,
    LotKind,
    Rejected,
)

_TOP_KEYS = frozenset(
    {"format", "source", "election", "districts", "lists", "sets", "groups", "combinations", "lots"}
)
_DISTRICT_KEYS = frozenset({"number", "name", "stemwaarde", "inhabitants", "members"})
_LIST_KEYS = frozenset(
    {"number", "district", "name", "votes", "candidates", "candidate_count", "deceased_count"}
)
_CANDIDATE_KEYS = frozenset({"number", "votes", "deceased", "name", "id"})
_SET_KEYS = frozenset({"number", "name", "lists"})
_GROUP_KEYS = frozenset({"number", "name", "members"})
_LOT_KINDS: tuple[LotKind, ...] = (
    "residual_seat",
    "absolute_majority",
    "candidate",
    "group_seat",
    "combination_seat",
)
_OWNED_LOTS = frozenset({"candidate", "group_seat", "combination_seat"})


def _int_array(raw: object, field: str, what: str, errs: _Errors) -> tuple[int, ...] | None:
    if not isinstance(raw, list) or not all(_is_int(x) and x >= 1 for x in raw):
        errs.add(field, "invalid_numbers", f"{what} must be an array of positive whole numbers")
        return None
    return tuple(raw)


def _parse_election_head(
    election: object, errs: _Errors
) -> tuple[ElectionKind | None, int | None, LawVersion, Any, str]:
    kind, seats, law, profile = parse_election_header(election, errs)
    name = ""
    if isinstance(election, dict) and isinstance(election.get("name"), str):
        name = election["name"]
    return kind, seats, law, profile, name


def _parse_districts(raw: object, kind: ElectionKind | None, errs: _Errors) -> list[District]:
    if not isinstance(raw, list) or not raw:
        errs.add("districts", "missing", "districts must be a non-empty array")
        return []
    districts: list[District] = []
    for index, item in enumerate(raw):
        where = f"districts[{index}]"
        if not isinstance(item, dict):
            errs.add(where, "not_an_object", f"district {index + 1} must be an object")
            continue
        _unknown_keys(item, _DISTRICT_KEYS, where, errs)
        _text(item, "name", where, errs)
        number = _number(item.get("number"), f"{where}.number", "district", errs)
        weight = 1
        if "stemwaarde" in item:
            if "inhabitants" in item or "members" in item:
                errs.add(
                    f"{where}.stemwaarde",
                    "conflicting_fields",
                    f"district {number}: give either stemwaarde or inhabitants and members",
                )
            value = item["stemwaarde"]
            if not _is_int(value) or value < 1:
                errs.add(
                    f"{where}.stemwaarde",
                    "invalid_stemwaarde",
                    f"district {number}: stemwaarde must be a whole number of at least 1, "
                    f"got {value!r}",
                )
            else:
                weight = value
        elif "inhabitants" in item or "members" in item:
            inhabitants, members = item.get("inhabitants"), item.get("members")
            if not (
                isinstance(inhabitants, int)
                and isinstance(members, int)
                and _is_int(inhabitants)
                and _is_int(members)
                and inhabitants >= 1
                and members >= 1
            ):
                errs.add(
                    f"{where}.inhabitants",
                    "invalid_stemwaarde",
                    f"district {number}: inhabitants and members (both ≥ 1) must both be "
                    "whole numbers (U 2)",
                )
            else:
                weight = max(1, stemwaarde_of(inhabitants, members))
        if weight != 1 and kind is not None and kind != "EK":
            errs.add(
                f"{where}.stemwaarde",
                "stemwaarde_not_ek",
                f"district {number}: a stemwaarde other than 1 exists only for the Eerste Kamer "
                f"(U 2), not for {kind}",
            )
        if number is not None:
            name = item.get("name", "")
            districts.append(District(number, name if isinstance(name, str) else "", weight))
    return districts


def _parse_candidates(
    raw: object, where: str, label: str, list_number: int | None, errs: _Errors
) -> tuple[tuple[ListCandidate, ...] | None, bool]:
    """The candidates and whether every one of them carries an identity (``id`` or ``name``)."""
    if not isinstance(raw, list):
        errs.add(where, "not_an_array", f"{label}: candidates must be an array")
        return None, False
    out: list[ListCandidate] = []
    ok = True
    named = True
    numbers: list[int | None] = []
    seen_keys: set[str] = set()
    for index, item in enumerate(raw):
        field = f"{where}[{index}]"
        if not isinstance(item, dict):
            errs.add(field, "not_an_object", f"{label}: candidate {index + 1} must be an object")
            numbers.append(None)
            ok = False
            continue
        _unknown_keys(item, _CANDIDATE_KEYS, field, errs)
        _text(item, "name", field, errs)
        _text(item, "id", field, errs)
        number = _number(item.get("number"), f"{field}.number", "candidate", errs)
        numbers.append(number)
        votes, deceased = _candidate_votes(
            item, field, _candidate_label(label, number, index), errs
        )
        ident = item.get("id", item.get("name"))
        if not isinstance(ident, str) or not ident:
            named = False
            ident = f"#{list_number}:{number}"
        elif ident in seen_keys:
            errs.add(
                f"{field}.id" if "id" in item else f"{field}.name",
                "duplicate_candidate",
                f"{label}: candidate {ident!r} stands on this list twice",
            )
        seen_keys.add(ident)
        if number is None or votes is None or deceased is None:
            ok = False
            continue
        out.append(ListCandidate(number, ident, votes, deceased))
    _numbers_in_order(numbers, lambda i: f"{where}[{i}].number", f"{label}: candidate", errs)
    if not raw:
        errs.add(where, "missing", f"{label}: candidates must not be empty")
        ok = False
    return (tuple(out) if ok else None), named


class _Parsed:
    """What has been read so far, for the cross-checks."""

    def __init__(self) -> None:
        self.lists: dict[int, DistrictList] = {}
        self.list_index: dict[int, int] = {}
        self.named: dict[int, bool] = {}
        self.numbers: dict[int, str] = {}  # number -> field that introduced it

    def claim(self, number: int | None, field: str, what: str, errs: _Errors) -> bool:
        if number is None:
            return False
        if number in self.numbers:
            errs.add(
                field,
                "duplicate",
                f"{what} number {number} is already used by {self.numbers[number]}; every "
                "list, stel, group and combination needs its own number",
            )
            return False
        self.numbers[number] = field
        return True


def _parse_lists(
    raw: object, districts: Mapping[int, District], parsed: _Parsed, errs: _Errors
) -> None:
    if not isinstance(raw, list) or not raw:
        errs.add("lists", "missing", "lists must be a non-empty array")
        return
    for index, item in enumerate(raw):
        where = f"lists[{index}]"
        if not isinstance(item, dict):
            errs.add(where, "not_an_object", f"list {index + 1} must be an object")
            continue
        _unknown_keys(item, _LIST_KEYS, where, errs)
        number = _number(item.get("number"), f"{where}.number", "list", errs)
        label = f"list {number if number is not None else f'at position {index + 1}'}"
        fresh = parsed.claim(number, f"{where}.number", "list", errs)
        name = item.get("name", "")
        if not isinstance(name, str):
            errs.add(f"{where}.name", "not_a_string", f"{label}: name must be a string")
            name = ""
        district = item.get("district")
        if not _is_int(district) or district not in districts:
            errs.add(
                f"{where}.district",
                "unknown_district",
                f"{label}: district {district!r} is not one of the districts of the input; "
                "every list is submitted in one district",
            )
        before = len(errs.items)
        candidates: tuple[ListCandidate, ...] | None = None
        named = False
        votes: int | None = None
        count: int | None = None
        dead = 0
        if "candidates" in item:
            candidates, named = _parse_candidates(
                item["candidates"], f"{where}.candidates", label, number, errs
            )
            for key in ("candidate_count", "deceased_count"):
                if key in item:
                    errs.add(
                        f"{where}.{key}",
                        "conflicting_fields",
                        f"{label}: {key} is only for list-level data",
                    )
            votes = None if candidates is None else sum(c.votes for c in candidates)
            if "votes" in item:
                # as the single contest's reader: a stated total must be a whole number of at
                # least 0 (5.0 or "5" is refused as such), and the sum of the candidates' votes
                given = _non_negative_int(item["votes"], f"{where}.votes", f"{label}: votes", errs)
                if given is not None and votes is not None and given != votes:
                    errs.add(
                        f"{where}.votes",
                        "votes_mismatch",
                        f"{label}: votes {given} differs from the sum of its candidates' votes "
                        f"{votes}",
                    )
        else:
            if "votes" not in item:
                errs.add(f"{where}.votes", "missing", f"{label}: give either candidates or votes")
            else:
                votes = _non_negative_int(item["votes"], f"{where}.votes", f"{label}: votes", errs)
            if "candidate_count" in item:
                count = _non_negative_int(
                    item["candidate_count"],
                    f"{where}.candidate_count",
                    f"{label}: candidate_count",
                    errs,
                )
            if "deceased_count" in item:
                value = _non_negative_int(
                    item["deceased_count"],
                    f"{where}.deceased_count",
                    f"{label}: deceased_count",
                    errs,
                )
                if value is not None:
                    if count is None or value > count:
                        errs.add(
                            f"{where}.deceased_count",
                            "too_many_deceased",
                            f"{label}: deceased_count needs a candidate_count at least as large",
                        )
                    dead = value
        if fresh and number is not None and votes is not None and len(errs.items) == before:
            parsed.lists[number] = DistrictList(
                number, cast(int, district), name, votes, candidates, count, dead
            )
            parsed.list_index[number] = index
            parsed.named[number] = named


def _same_candidates(a: DistrictList, b: DistrictList) -> bool:
    if a.candidates is None or b.candidates is None:
        return (
            a.candidates is None and b.candidates is None and a.candidate_count == b.candidate_count
        )
    return [(c.number, c.key) for c in a.candidates] == [(c.number, c.key) for c in b.candidates]


def _parse_sets(raw: object, parsed: _Parsed, errs: _Errors) -> list[ListSet]:
    if not isinstance(raw, list):
        errs.add("sets", "not_an_array", "sets must be an array")
        return []
    out: list[ListSet] = []
    owner: dict[int, int] = {}
    for index, item in enumerate(raw):
        where = f"sets[{index}]"
        if not isinstance(item, dict):
            errs.add(where, "not_an_object", f"stel {index + 1} must be an object")
            continue
        _unknown_keys(item, _SET_KEYS, where, errs)
        _text(item, "name", where, errs)
        number = _number(item.get("number"), f"{where}.number", "stel", errs)
        fresh = parsed.claim(number, f"{where}.number", "stel", errs)
        lists = _int_array(item.get("lists"), f"{where}.lists", f"stel {number}: lists", errs)
        if lists is None:
            continue
        ok = fresh
        if len(lists) < 2:
            errs.add(
                f"{where}.lists",
                "set_too_small",
                f"stel {number}: a stel gelijkluidende lijsten has at least two lists (H 11 lid 1)",
            )
            ok = False
        districts: set[int] = set()
        for n in lists:
            lst = parsed.lists.get(n)
            if lst is None:
                errs.add(
                    f"{where}.lists", "unknown_list", f"stel {number}: list {n} is not in the input"
                )
                ok = False
                continue
            if n in owner:
                errs.add(
                    f"{where}.lists",
                    "in_two_sets",
                    f"stel {number}: list {n} is already in stel {owner[n]}",
                )
                ok = False
            owner[n] = cast(int, number)
            if lst.district in districts:
                errs.add(
                    f"{where}.lists",
                    "same_district",
                    f"stel {number}: two of its lists are in district {lst.district}; the lists "
                    "of a stel are submitted in different districts",
                )
                ok = False
            districts.add(lst.district)
            first = parsed.lists.get(lists[0])
            if first is not None and not _same_candidates(first, lst):
                errs.add(
                    f"{where}.lists",
                    "set_lists_differ",
                    f"stel {number}: list {n} does not have the same candidates in the same order "
                    f"as list {lists[0]} (H 11 lid 1); lists that differ form a lijstengroep",
                )
                ok = False
            elif lst.candidates is not None and not parsed.named.get(n, False):
                errs.add(
                    f"{where}.lists",
                    "missing_candidate_identity",
                    f"stel {number}: the candidates of list {n} need an id or a name, so the "
                    "lists can be compared",
                )
                ok = False
        if ok and number is not None:
            name = item.get("name", "")
            out.append(ListSet(number, name if isinstance(name, str) else "", lists))
    return out


def _parse_groups(
    raw: object,
    key: str,
    what: str,
    problem_of: Callable[[int], str | None],
    parsed: _Parsed,
    errs: _Errors,
) -> list[tuple[int, str, tuple[int, ...]]]:
    """Groups (``key == 'groups'``) or combinations: number, name, members (each allowed)."""
    if not isinstance(raw, list):
        errs.add(key, "not_an_array", f"{key} must be an array")
        return []
    out: list[tuple[int, str, tuple[int, ...]]] = []
    owner: dict[int, int] = {}
    for index, item in enumerate(raw):
        where = f"{key}[{index}]"
        if not isinstance(item, dict):
            errs.add(where, "not_an_object", f"{what} {index + 1} must be an object")
            continue
        _unknown_keys(item, _GROUP_KEYS, where, errs)
        _text(item, "name", where, errs)
        number = _number(item.get("number"), f"{where}.number", what, errs)
        fresh = parsed.claim(number, f"{where}.number", what, errs)
        members = _int_array(
            item.get("members"), f"{where}.members", f"{what} {number}: members", errs
        )
        if members is None:
            continue
        ok = fresh
        if len(set(members)) < 2:
            code = "group_too_small" if key == "groups" else "combination_too_small"
            errs.add(
                f"{where}.members",
                code,
                f"{what} {number}: has {len(set(members))} member(s); it needs at least two",
            )
            ok = False
        for m in members:
            reason = problem_of(m)
            if reason is None:
                if m in owner:
                    code = "in_two_groups" if key == "groups" else "in_two_combinations"
                    errs.add(
                        f"{where}.members",
                        code,
                        f"{what} {number}: member {m} is already in {what} {owner[m]}",
                    )
                    ok = False
                owner[m] = cast(int, number)
                continue
            errs.add(f"{where}.members", "invalid_member", f"{what} {number}: member {m} {reason}")
            ok = False
        if ok and number is not None:
            name = item.get("name", "")
            out.append((number, name if isinstance(name, str) else "", members))
    return out


def parse_district_election(data: object) -> DistrictElection | Rejected:
    """Validate a decoded ``kieswet/district-allocation-input@1`` document."""
    errs = _Errors()
    data = open_document(data, _TOP_KEYS, INPUT_FORMAT, errs, format_required=True)
    if data is None:
        return Rejected(tuple(errs.items))
    kind, seats, law, profile, name = _parse_election_head(data.get("election"), errs)
    districts = _parse_districts(data.get("districts"), kind, errs)
    by_district: dict[int, District] = {}
    for index, d in enumerate(districts):
        if d.number in by_district:
            errs.add(f"districts[{index}].number", "duplicate", f"district {d.number} occurs twice")
        by_district[d.number] = d
    parsed = _Parsed()
    _parse_lists(data.get("lists"), by_district, parsed, errs)
    sets = _parse_sets(data.get("sets", []), parsed, errs)
    in_set = {n: s.number for s in sets for n in s.lists}
    set_numbers = {s.number for s in sets}

    def group_member_problem(m: int) -> str | None:
        if m in set_numbers or (m in parsed.lists and m not in in_set):
            return None
        if m in in_set:
            return f"is in stel {in_set[m]}; name the stel instead"
        return "is not a list or stel of the input"

    groups = _parse_groups(
        data.get("groups", []), "groups", "group", group_member_problem, parsed, errs
    )
    in_group = {m: g for g, _, members in groups for m in members}
    group_numbers = {g for g, _, _ in groups}

    def combination_member_problem(m: int) -> str | None:
        if m in group_numbers:
            return None
        if m in in_group:
            return f"is in group {in_group[m]}; name the group instead"
        problem = group_member_problem(m)
        return None if problem is None else problem.replace("or stel", "stel or group")

    raw_combinations = data.get("combinations", [])
    combinations: list[tuple[int, str, tuple[int, ...]]] = []
    if raw_combinations and law != "pre-2017-12":
        errs.add(
            "combinations",
            "combination_not_in_law",
            f"lijstencombinaties were abolished on 1 December 2017; under law {law!r} there are "
            "none (use law 'pre-2017-12' for an election before that date)",
        )
    elif raw_combinations:
        combinations = _parse_groups(
            raw_combinations,
            "combinations",
            "combination",
            combination_member_problem,
            parsed,
            errs,
        )
    lots = parse_lots(
        data.get("lots", []),
        errs,
        _LOT_KINDS,
        _OWNED_LOTS,
        owner_message="a {kind} lot names its party, group or combination in list",
        stray_message="a {kind} lot names no list",
    )
    election = DistrictElection(
        kind=kind or "TK",
        seats=seats or 1,
        districts=tuple(districts),
        lists=tuple(
            parsed.lists[n] for n in sorted(parsed.lists, key=parsed.list_index.__getitem__)
        ),
        sets=tuple(sets),
        groups=tuple(ListGroup(n, nm, m) for n, nm, m in groups),
        combinations=tuple(Combination(n, nm, m) for n, nm, m in combinations),
        law=law,
        profile=profile,
        lots=lots,
        name=name,
    )
    if not errs.items:
        _cross_checks(election, parsed, errs)
    if errs.items or kind is None or seats is None:
        return Rejected(tuple(errs.items))
    return election


def _cross_checks(election: DistrictElection, parsed: _Parsed, errs: _Errors) -> None:
    """Checks over the resolved parties: one list per district, one party per candidate, votes."""
    from spec.districts import resolve

    structure = resolve(election)
    seen_key: dict[str, int] = {}
    for party in structure.parties.values():
        districts: dict[int, int] = {}
        keys: set[str] = set()
        for unit_number in party.units:
            unit = structure.units[unit_number]
            for n in unit.lists:
                lst = parsed.lists[n]
                if lst.district in districts:
                    errs.add(
                        f"lists[{parsed.list_index[n]}].district",
                        "two_lists_in_district",
                        f"list {n} and list {districts[lst.district]} of party {party.number} are "
                        f"both in district {lst.district}; a party submits one list per district",
                    )
                districts[lst.district] = n
                if party.is_group and lst.candidates is not None and not parsed.named[n]:
                    errs.add(
                        f"lists[{parsed.list_index[n]}].candidates",
                        "missing_candidate_identity",
                        f"list {n} is in group {party.number}: its candidates need an id or a "
                        "name, so that votes on several lists of the group can be summed (P 15)",
                    )
                for c in lst.candidates or ():
                    if parsed.named[n]:
                        keys.add(c.key)
        if party.is_group and len({structure.units[u].candidates is None for u in party.units}) > 1:
            errs.add(
                "groups",
                "mixed_data",
                f"group {party.number}: either all its lists have candidates or none",
            )
        for key in keys:
            other = seen_key.setdefault(key, party.number)
            if other != party.number:
                errs.add(
                    "lists",
                    "candidate_in_two_parties",
                    f"candidate {key!r} stands for party {other} and for party {party.number}; a "
                    "candidate stands for one party (appellation) only",
                )
    if sum(p.votes for p in structure.parties.values()) == 0:
        errs.add("lists", "zero_votes", "the lists have no votes at all; no seats without votes")


# --------------------------------------------------------------------------- output


def _keyed(mapping: Mapping[int, Any]) -> dict[str, Any]:
    return {str(k): v for k, v in mapping.items()}


def _fraction(value: Fraction | None) -> str | None:
    return None if value is None else format_mixed(value)


def district_result_to_json(result: DistrictResult) -> dict[str, Any]:
    """The ``kieswet/district-allocation-result@1`` document of ``result``."""
    if isinstance(result, Rejected):
        return {
            "format": RESULT_FORMAT,
            "status": "rejected",
            "errors": [
                {"field": e.field, "code": e.code, "message": e.message} for e in result.errors
            ],
        }
    if isinstance(result, DistrictNeedsLot):
        return {
            "format": RESULT_FORMAT,
            "status": "needs_lot",
            "stage": result.stage,
            "lot": lot_question_to_json(result.lot),
            "lots_used": result.lots_used,
            "seats_so_far": _keyed(result.seats_so_far),
            **({} if result.national is None else {"national": result_to_json(result.national)}),
            **(
                {"combination_checks": _combination_checks(result.combination_checks)}
                if result.combination_checks
                else {}
            ),
        }
    return completed_to_json(result)


def _combination_checks(checks: tuple[CombinationCheck, ...]) -> list[dict[str, Any]]:
    return [
        {
            "combination": c.combination,
            "article": "P 4 lid 2 (pre-2017-12)",
            "kept": list(c.kept),
            "dropped": list(c.dropped),
            "counts": c.counts,
        }
        for c in checks
    ]


def completed_to_json(result: DistrictCompleted) -> dict[str, Any]:
    national = result_to_json(result.national)
    return {
        "format": RESULT_FORMAT,
        "status": "completed",
        "quota": national["quota"],
        "total_votes": national["total_votes"],
        "national": national,
        "combination_checks": _combination_checks(result.combination_checks),
        "party_seats": _keyed(result.party_seats),
        "seats": _keyed(result.seats),
        "distributions": [
            {
                "step": f"{d.kind}_distribution",
                "article": d.article,
                "owner": d.owner,
                "seats": d.seats,
                "votes": d.votes,
                "quota": _fraction(d.quota),
                "rows": [
                    {
                        "member": r.member,
                        "votes": r.votes,
                        "full_seats": r.full_seats,
                        "remainder": format_mixed(r.remainder),
                        "seats": r.seats,
                    }
                    for r in d.rows
                ],
                "remainder_order": list(d.remainder_order),
                "lot": list(d.lot),
                "reassigned": [
                    {"from": r.from_member, "to": r.to_member, "method": r.method}
                    for r in d.reassigned
                ],
                "unfilled": d.unfilled,
            }
            for d in result.distributions
        ],
        "elected": {str(k): list(v) for k, v in result.elected.items()},
        "elected_on_preference": {str(k): list(v) for k, v in result.elected_on_preference.items()},
        "ranking": {str(k): list(v) for k, v in result.ranking.items()},
        "preference": [step_to_json(s) for s in result.preference],
        "placements": [
            {
                "article": p.article,
                "party": p.party,
                "candidate": p.key,
                "list": p.list,
                "position": p.position,
                "votes": p.votes,
                "forfeited_from": p.forfeited_from,
            }
            for p in result.placements
        ],
        "double_elections": [
            {
                "article": "P 18",
                "party": d.party,
                "candidate": d.key,
                "lists": list(d.lists),
                "kept": d.kept,
            }
            for d in result.doubles
        ],
        "transfers": [
            {"article": "P 13", "party": t.party, "from_list": t.from_list, "to_list": t.to_list}
            for t in result.transfers
        ],
        "warnings": list(result.warnings),
    }

