"""Negative vectors for ``totalise``: wrong totalisation answers, each with the rules it breaks.

Every perturbation takes the input of a positive ``totalise`` vector and the reference's right
answer to it (a ``kieswet/totals@1`` document: every unit's count, the findings, the
corrections trace, and the ``status``, ``blocked`` exactly when a finding is an error), and
changes one thing a wrong implementation could get wrong, for a stated reason. It names the
rules of ``spec.totalisation_rules`` the change must break, all of which a judge must name;
``conformance.vectors_build`` runs ``spec.totalisation_rules.check_totals`` over every wrong
answer and stops the build unless it is rejected with them.

The ``status`` of every wrong answer is made to agree with its findings (``blocked`` exactly
when one is an error): ``interchange.counts.parse_totals`` refuses a document whose status
disagrees with its findings, so "accepted despite an error finding" is a malformed document,
not a rule a judge names, and is not a kind here.

Which rule each kind reaches: the findings kinds (missing, wrong severity, on the wrong unit,
spurious) every rule whose id is a finding code (all but ``TOT-carried`` and
``TOT-correction-trace``); the numbers kinds ``TOT-sum-identity`` (a total not the sum of its
units) and ``TOT-carried`` (a unit's entered count changed); the trace kinds and "correction
not applied" ``TOT-correction-trace`` (and ``TOT-carried``).

The kinds (``KINDS``, with their reasons) are the group names of the vector file.
"""

from __future__ import annotations

import copy
import json
import re
import zlib
from collections.abc import Iterator, Mapping
from typing import Any

from conformance.vector_sources.negative import Kind, Wrong
from interchange.counts import parse_counts_input
from spec.model import Rejected
from spec.totalisation_rules import RULES

TRACE_RULE = "TOT-correction-trace"
CARRIED_RULE = "TOT-carried"
SUM_RULE = "TOT-sum-identity"

FINDING_CODES: tuple[str, ...] = tuple(
    rule.id for rule in RULES if rule.id not in (TRACE_RULE, CARRIED_RULE)
)
"""The rules whose id is the code of a finding (``spec.totalisation_rules``: "Each rule has a
stable id, which is also the ``code`` a totalisation must give the finding")."""

WARNING_CODES = frozenset(c for c in FINDING_CODES if c.startswith(("TOT-warning-", "CP-")))
"""The codes reported as warnings (the control protocol's checks); the rest are errors."""


def severity_of(code: str) -> str:
    return "warning" if code in WARNING_CODES else "error"


FINDING_MISSING = Kind(
    "finding missing",
    "A finding the inputs call for is left out (every finding of that check for that unit): "
    "the check was not run, or its condition was written wrong.",
)
ERROR_AS_WARNING = Kind(
    "error reported as warning",
    "A finding of an error check (a structural problem or a broken identity of the "
    "proces-verbaal, which blocks the result) reported as a warning: the result is not "
    "blocked.",
)
WARNING_AS_ERROR = Kind(
    "warning reported as error",
    "A finding of a control-protocol check (a warning, which asks for a look at the unit but "
    "does not block the result) reported as an error: the result is blocked.",
)
FINDING_ON_WRONG_UNIT = Kind(
    "finding on the wrong unit",
    "A finding reported for another unit (the parent, or another unit) than the one whose "
    "count calls for it: missing where it is due and spurious where it is not.",
)
SPURIOUS_FINDING = Kind(
    "spurious finding",
    "A finding reported for a unit whose inputs give no reason for it (a check that fires "
    "where it should not) on an answer that is otherwise right and has no finding.",
)
VOTE_MOVED_BETWEEN_LISTS = Kind(
    "total not the sum: vote moved between lists",
    "At the root one vote moved from one list to another (with one of its candidates' votes "
    "to one of the other's, so each list still is the sum of its candidates): the total is no "
    "longer the sum of its units.",
)
VOTE_MOVED_BETWEEN_CANDIDATES = Kind(
    "total not the sum: vote moved between candidates",
    "At the root one vote moved from one candidate to another of the same list (the list "
    "total unchanged): the total is no longer the sum of its units.",
)
ENTERED_COUNT_CHANGED = Kind(
    "entered count changed",
    "A polling station's count as entered changed in the totals (one vote moved between two "
    "lists), with every total above it changed alike so each is still the sum of its units: "
    "the totals do not keep the count as entered.",
)
CORRECTION_NOT_APPLIED = Kind(
    "correction not applied",
    "A correction (corrigendum or recount) left out: the unit keeps its count before the "
    "correction, the totals above it are the sum of that, and the trace has no record of it.",
)
TRACE_WRONG_VALUE = Kind(
    "trace: wrong old or new value",
    "A record of the corrections trace states a wrong old or new value of a changed field "
    "(the counts themselves are right).",
)
TRACE_WRONG_FIELDS = Kind(
    "trace: wrong changed fields",
    "A record of the corrections trace leaves out a changed field, or lists a field that did "
    "not change.",
)
TRACE_WRONG_RECORD = Kind(
    "trace: wrong unit or kind",
    "A record of the corrections trace names another unit, or the other kind of correction "
    "(corrigendum for recount or back), than the correction applied.",
)
TRACE_WRONG_RETOTALLED = Kind(
    "trace: wrong units retotalled",
    "A record of the corrections trace names the wrong units whose totals the correction "
    "re-makes (one short, none, or the corrected unit itself among them): they are the units "
    "above it, parent first.",
)
TRACE_WRONG_RECORDS = Kind(
    "trace: record missing or repeated",
    "The corrections trace leaves out the record of an applied correction, or repeats it.",
)

KINDS = (
    FINDING_MISSING,
    ERROR_AS_WARNING,
    WARNING_AS_ERROR,
    FINDING_ON_WRONG_UNIT,
    SPURIOUS_FINDING,
    VOTE_MOVED_BETWEEN_LISTS,
    VOTE_MOVED_BETWEEN_CANDIDATES,
    ENTERED_COUNT_CHANGED,
    CORRECTION_NOT_APPLIED,
    TRACE_WRONG_VALUE,
    TRACE_WRONG_FIELDS,
    TRACE_WRONG_RECORD,
    TRACE_WRONG_RETOTALLED,
    TRACE_WRONG_RECORDS,
)

SPURIOUS_PER_ANSWER = 2
"""How many spurious-finding vectors a clean answer gives (codes taken in turn from a point
that depends on the input, so that the clean answers of the suite spread over the codes)."""


# --------------------------------------------------------------------------- helpers


def with_status(result: dict[str, Any]) -> dict[str, Any]:
    """``result`` with its ``status`` agreeing with its findings (``blocked`` on an error)."""
    blocked = any(f.get("severity") == "error" for f in result["findings"])
    result["status"] = "blocked" if blocked else "accepted"
    return result


def _parents(document: Mapping[str, Any]) -> dict[str, str | None]:
    """Unit id → its parent's id (``None`` for the root), from the input's hierarchy."""
    parsed = parse_counts_input(document)
    if isinstance(parsed, Rejected):
        return {}
    return {uid: unit.parent for uid, unit in parsed.hierarchy.units.items()}


def _ancestors(parents: Mapping[str, str | None], uid: str) -> list[str]:
    out = []
    parent = parents.get(uid)
    while parent is not None:
        out.append(parent)
        parent = parents.get(parent)
    return out


def _counts(result: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    return {str(c["unit_id"]): c for c in result["counts"]}


_PATH = re.compile(r"lists\[(\d+)\]\.(total|candidates\[(\d+)\])")


def _slot(count: dict[str, Any], path: str) -> tuple[dict[str, Any], str] | None:
    """The object and key that hold the number at ``path`` of a count (``None``: absent)."""
    if path.startswith("admitted."):
        return count["admitted"], path.removeprefix("admitted.")
    match = _PATH.fullmatch(path)
    if match is None:
        return (count, path) if path in count else None
    for lst in count["lists"]:
        if str(lst["number"]) == match[1]:
            if match[3] is None:
                return lst, "total"
            if match[3] in lst["candidates"]:
                return lst["candidates"], match[3]
    return None


def _add(count: dict[str, Any], path: str, delta: int) -> bool:
    """Add ``delta`` to the number at ``path``; ``False`` (nothing changed) when it is absent
    or would fall below 0."""
    slot = _slot(count, path)
    if slot is None or not isinstance(slot[0].get(slot[1]), int):
        return False
    holder, key = slot
    if holder[key] + delta < 0:
        return False
    holder[key] += delta
    return True


def _move_vote(counts: list[dict[str, Any]], source: str, target: str) -> bool:
    """Move one vote from ``source`` to ``target`` (field paths) in every count, or change
    nothing and give ``False``."""
    trial = copy.deepcopy(counts)
    for count in trial:
        if not (_add(count, source, -1) and _add(count, target, 1)):
            return False
    for count, changed in zip(counts, trial, strict=True):
        count.clear()
        count.update(changed)
    return True


def _list_moves(count: Mapping[str, Any]) -> Iterator[tuple[list[str], list[str]]]:
    """Ways to move one vote from a list to another: (fields to lower, fields to raise), the
    list totals and, where both lists have candidates, a candidate of each."""
    lists = [lst for lst in count["lists"]]
    for giver in lists:
        if giver["total"] <= 0:
            continue
        for taker in lists:
            if taker is giver:
                continue
            down, up = [f"lists[{giver['number']}].total"], [f"lists[{taker['number']}].total"]
            given = [k for k, v in giver["candidates"].items() if v > 0]
            if given and taker["candidates"]:
                down.append(f"lists[{giver['number']}].candidates[{given[0]}]")
                up.append(f"lists[{taker['number']}].candidates[{next(iter(taker['candidates']))}]")
            elif giver["candidates"] or taker["candidates"]:
                continue
            yield down, up


def _apply_moves(counts: list[dict[str, Any]], down: list[str], up: list[str]) -> bool:
    trial = copy.deepcopy(counts)
    for source, target in zip(down, up, strict=True):
        if not _move_vote(trial, source, target):
            return False
    for count, changed in zip(counts, trial, strict=True):
        count.clear()
        count.update(changed)
    return True


def _finding(code: str, uid: str, severity: str | None = None) -> dict[str, Any]:
    return {
        "severity": severity or severity_of(code),
        "code": code,
        "unit_id": uid,
        "field": "",
        "message": f"{code} ({uid})",
    }


# --------------------------------------------------------------------------- the findings


def _reported(result: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """The distinct (severity, code, unit) of the findings, in order of first appearance."""
    out: list[tuple[str, str, str]] = []
    for f in result["findings"]:
        key = (f["severity"], f["code"], f["unit_id"])
        if key not in out:
            out.append(key)
    return out


def _finding_mistakes(
    result: Mapping[str, Any], parents: Mapping[str, str | None]
) -> Iterator[Wrong]:
    units = list(_counts(result))
    for severity, code, uid in _reported(result):
        if code not in FINDING_CODES:
            continue
        same = [f for f in result["findings"] if (f["code"], f["unit_id"]) == (code, uid)]
        rest = [f for f in result["findings"] if (f["code"], f["unit_id"]) != (code, uid)]
        wrong = copy.deepcopy(dict(result))
        wrong["findings"] = copy.deepcopy(rest)
        yield Wrong(
            FINDING_MISSING,
            f"the {severity} {code} for {uid!r} left out",
            with_status(wrong),
            (code,),
        )
        other = "warning" if severity == "error" else "error"
        wrong = copy.deepcopy(dict(result))
        wrong["findings"] = [
            {**f, "severity": other} if (f["code"], f["unit_id"]) == (code, uid) else f
            for f in copy.deepcopy(result["findings"])
        ]
        yield Wrong(
            ERROR_AS_WARNING if severity == "error" else WARNING_AS_ERROR,
            f"the {severity} {code} for {uid!r} reported as {'a' if other == 'warning' else 'an'} "
            f"{other}",
            with_status(wrong),
            (code,),
        )
        taken = {f["unit_id"] for f in result["findings"] if f["code"] == code}
        parent = parents.get(uid)
        candidates = ([parent] if parent is not None else []) + units
        target = next((u for u in candidates if u not in taken), None)
        if target is not None:
            wrong = copy.deepcopy(dict(result))
            wrong["findings"] = rest + [{**f, "unit_id": target} for f in same]
            yield Wrong(
                FINDING_ON_WRONG_UNIT,
                f"the {severity} {code} reported for {target!r} instead of {uid!r}",
                with_status(wrong),
                (code,),
            )


def _spurious(document: Mapping[str, Any], result: Mapping[str, Any]) -> Iterator[Wrong]:
    """On an answer without findings: a finding for the unit of the last count (in the
    suite's answers a polling station)."""
    if result["findings"]:
        return
    uid = str(result["counts"][-1]["unit_id"])
    start = zlib.crc32(json.dumps(document, sort_keys=True).encode("utf-8"))
    for step in range(SPURIOUS_PER_ANSWER):
        code = FINDING_CODES[(start + step) % len(FINDING_CODES)]
        wrong = copy.deepcopy(dict(result))
        wrong["findings"] = [_finding(code, uid)]
        yield Wrong(
            SPURIOUS_FINDING,
            f"a spurious {severity_of(code)} {code} reported for {uid!r}",
            with_status(wrong),
            (code,),
        )


# --------------------------------------------------------------------------- the numbers


def _numbers_mistakes(
    result: Mapping[str, Any], parents: Mapping[str, str | None]
) -> Iterator[Wrong]:
    """On an answer without findings: a total not the sum; an entered count changed."""
    if result["findings"]:
        return
    root = result["root"]
    counts = _counts(result)
    if root in counts and any(p == root for p in parents.values()):
        for down, up in _list_moves(counts[root]):
            wrong = copy.deepcopy(dict(result))
            if _apply_moves([_counts(wrong)[root]], down, up):
                yield Wrong(
                    VOTE_MOVED_BETWEEN_LISTS,
                    f"at {root!r} one vote moved from {down[0]} to {up[0]}",
                    wrong,
                    (SUM_RULE,),
                )
                break
        for lst in counts[root]["lists"]:
            names = list(lst["candidates"])
            givers = [k for k in names if lst["candidates"][k] > 0]
            if len(names) < 2 or not givers:
                continue
            taker = next(k for k in names if k != givers[0])
            source = f"lists[{lst['number']}].candidates[{givers[0]}]"
            target = f"lists[{lst['number']}].candidates[{taker}]"
            wrong = copy.deepcopy(dict(result))
            if _move_vote([_counts(wrong)[root]], source, target):
                yield Wrong(
                    VOTE_MOVED_BETWEEN_CANDIDATES,
                    f"at {root!r} one vote moved from {source} to {target}",
                    wrong,
                    (SUM_RULE,),
                )
                break
    lowest = [u for u in counts if u in parents and not any(p == u for p in parents.values())]
    if lowest:
        uid = lowest[0]
        chain = [uid, *(a for a in _ancestors(parents, uid) if a in counts)]
        for down, up in _list_moves(counts[uid]):
            wrong = copy.deepcopy(dict(result))
            mine = _counts(wrong)
            if _apply_moves([mine[u] for u in chain], down, up):
                yield Wrong(
                    ENTERED_COUNT_CHANGED,
                    f"the count of {uid!r} changed: one vote moved from {down[0]} to {up[0]} "
                    f"(and so in {', '.join(chain[1:]) or 'no total'})",
                    wrong,
                    (CARRIED_RULE,),
                )
                break


# --------------------------------------------------------------------------- the trace


def _not_applied(
    result: Mapping[str, Any], parents: Mapping[str, str | None], index: int
) -> Wrong | None:
    """The correction of trace record ``index`` undone: old values back, totals above alike."""
    record = result["corrections"][index]
    uid = record["unit_id"]
    if any(r["unit_id"] == uid for r in result["corrections"][index + 1 :]):
        return None  # a later correction of the same unit decides its count
    wrong = copy.deepcopy(dict(result))
    counts = _counts(wrong)
    if uid not in counts:
        return None
    chain = [uid, *(a for a in _ancestors(parents, uid) if a in counts)]
    for change in record["changes"]:
        old, new = change["old"], change["new"]
        if not (isinstance(old, int) and isinstance(new, int)):
            return None
        summed = change["field"] not in ("votes_on_lists", "eligible_voters")
        for unit in chain if summed else chain[:1]:
            if not _add(counts[unit], change["field"], old - new):
                return None
    del wrong["corrections"][index]
    return Wrong(
        CORRECTION_NOT_APPLIED,
        f"the {record['kind']} of {uid!r} not applied (its old values kept, no trace record)",
        wrong,
        (CARRIED_RULE, TRACE_RULE),
    )


def _trace_mistakes(
    result: Mapping[str, Any], parents: Mapping[str, str | None]
) -> Iterator[Wrong]:
    records = result["corrections"]
    units = sorted(_counts(result))
    for index, record in enumerate(records):
        uid = record["unit_id"]
        where = f"trace record {index} ({record['kind']} of {uid!r})"

        def changed(
            kind: Kind, change: str, edit: dict[str, Any], index: int = index, where: str = where
        ) -> Wrong:
            wrong = copy.deepcopy(dict(result))
            wrong["corrections"][index] = {**copy.deepcopy(wrong["corrections"][index]), **edit}
            return Wrong(kind, f"{where}: {change}", wrong, (TRACE_RULE,))

        not_applied = _not_applied(result, parents, index)
        if not_applied is not None:
            yield not_applied
        changes = record["changes"]
        if changes:
            first = changes[0]
            if isinstance(first["old"], int):
                yield changed(
                    TRACE_WRONG_VALUE,
                    f"old value of {first['field']} {first['old'] + 1} for {first['old']}",
                    {"changes": [{**first, "old": first["old"] + 1}, *changes[1:]]},
                )
            if isinstance(first["new"], int) and first["new"] > 0:
                yield changed(
                    TRACE_WRONG_VALUE,
                    f"new value of {first['field']} {first['new'] - 1} for {first['new']}",
                    {"changes": [{**first, "new": first["new"] - 1}, *changes[1:]]},
                )
            yield changed(
                TRACE_WRONG_FIELDS,
                f"the change of {first['field']} left out",
                {"changes": changes[1:]},
            )
        listed = {c["field"] for c in changes}
        count = _counts(result).get(uid)
        if count is not None:
            for field in ("blank", "invalid", "admitted.total"):
                slot = _slot(count, field)
                if field not in listed and slot is not None:
                    value = slot[0][slot[1]]
                    yield changed(
                        TRACE_WRONG_FIELDS,
                        f"{field} listed as changed from {value} to {value}",
                        {"changes": [*changes, {"field": field, "old": value, "new": value}]},
                    )
                    break
        other_kind = "corrigendum" if record["kind"] == "recount" else "recount"
        yield changed(
            TRACE_WRONG_RECORD, f"kind {other_kind} for {record['kind']}", {"kind": other_kind}
        )
        other = next((u for u in units if u != uid), None)
        if other is not None:
            yield changed(TRACE_WRONG_RECORD, f"unit {other!r} for {uid!r}", {"unit_id": other})
        above = list(record["retotalled"])
        if above:
            yield changed(
                TRACE_WRONG_RETOTALLED,
                f"retotalled {above[:-1]} for {above} (the last one left out)",
                {"retotalled": above[:-1]},
            )
        if len(above) > 1:
            yield changed(
                TRACE_WRONG_RETOTALLED,
                f"retotalled {above[::-1]} for {above} (root first)",
                {"retotalled": above[::-1]},
            )
        yield changed(
            TRACE_WRONG_RETOTALLED,
            f"retotalled {[uid, *above]} for {above} (the corrected unit itself first)",
            {"retotalled": [uid, *above]},
        )
        wrong = copy.deepcopy(dict(result))
        del wrong["corrections"][index]
        yield Wrong(TRACE_WRONG_RECORDS, f"{where} left out", wrong, (TRACE_RULE,))
        wrong = copy.deepcopy(dict(result))
        wrong["corrections"].insert(index, copy.deepcopy(record))
        yield Wrong(TRACE_WRONG_RECORDS, f"{where} repeated", wrong, (TRACE_RULE,))


def totalise_wrongs(document: Mapping[str, Any], result: Mapping[str, Any]) -> list[Wrong]:
    """The wrong answers derived from ``result``, the right ``kieswet/totals@1`` answer to the
    ``kieswet/counts-input@1`` document ``document``."""
    parents = _parents(document)
    out = [
        *_finding_mistakes(result, parents),
        *_spurious(document, result),
        *_numbers_mistakes(result, parents),
        *_trace_mistakes(result, parents),
    ]
    return [w for w in out if w.result != result]
