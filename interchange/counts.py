"""JSON forms of the count contract: ``kieswet/counts-input@1`` and ``kieswet/totals@1``.

``parse_counts_input`` validates a decoded JSON value and returns a ``CountsDocument`` (the
hierarchy and the ``CountInputs``) or a ``Rejected`` naming every offending field with a code
and a reason; it never raises for bad input. ``totals_to_json`` writes a totalisation result;
``parse_totals`` reads one back (any implementation's), so that ``spec.totalisation_rules``
can judge it. Schemas: ``conformance/schemas/counts-input.schema.json`` and
``totals.schema.json``. Field names follow ``spec.counts``; the proces-verbaal letters are:

=====================================  ==========================================
``admitted.poll_cards`` A              ``blank`` F
``admitted.proxy_certificates`` B      ``invalid`` G
``admitted.voter_cards`` C             ``total_counted`` H
``admitted.total`` D                   ``more_counted`` I
``lists[n].total`` E.n                 ``fewer_counted`` J
``votes_on_lists`` E (optional)        ``eligible_voters`` kiesgerechtigden (optional)
=====================================  ==========================================

What the schemas cannot say and this module enforces: unit ids unique in the hierarchy, the
hierarchy a tree from ``root`` with levels descending (``spec.counts.hierarchy_problems``);
list numbers unique within a count; candidate keys positive decimal numbers. Whether a count
belongs to a known unit, appears once, and adds up is *not* an input error: totalisation
reports it as a finding.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from spec.counts import (
    CONTROL_PROTOCOLS,
    FEWER_EXPLANATIONS,
    LEVELS,
    MORE_EXPLANATIONS,
    AdmittedVoters,
    CheckSeverity,
    Correction,
    CorrectionKind,
    CorrectionRecord,
    Count,
    CountFinding,
    CountInputs,
    FieldDifference,
    Hierarchy,
    Level,
    ListCount,
    Totals,
    Unit,
    hierarchy_problems,
    preorder,
)
from spec.model import InputError, Rejected

INPUT_FORMAT = "kieswet/counts-input@1"
TOTALS_FORMAT = "kieswet/totals@1"

_KINDS: tuple[CorrectionKind, ...] = ("corrigendum", "recount")
_SEVERITIES: tuple[CheckSeverity, ...] = ("error", "warning")
_TOP_KEYS = frozenset(
    {
        "format",
        "source",
        "hierarchy",
        "counts",
        "second_entries",
        "corrections",
        "explanations",
        "recounted",
        "protocol",
    }
)
_HIERARCHY_KEYS = frozenset({"root", "units"})
_UNIT_KEYS = frozenset({"unit_id", "name", "level", "children"})
_COUNT_KEYS = frozenset(
    {
        "unit_id",
        "name",
        "level",
        "admitted",
        "lists",
        "votes_on_lists",
        "blank",
        "invalid",
        "total_counted",
        "more_counted",
        "fewer_counted",
        "eligible_voters",
    }
)
_ADMITTED_KEYS = ("poll_cards", "proxy_certificates", "voter_cards", "total")
_LIST_KEYS = frozenset({"number", "total", "candidates"})
_CORRECTION_KEYS = frozenset({"unit_id", "kind", "reason", "count"})
_TOTALS_KEYS = frozenset({"format", "status", "root", "counts", "findings", "corrections"})
_FINDING_KEYS = frozenset({"severity", "code", "unit_id", "field", "message"})
_RECORD_KEYS = frozenset({"unit_id", "kind", "reason", "changes", "retotalled"})
_CHANGE_KEYS = frozenset({"field", "old", "new"})


@dataclass(frozen=True, slots=True)
class CountsDocument:
    """A parsed ``kieswet/counts-input@1`` document."""

    hierarchy: Hierarchy
    inputs: CountInputs
    source: str = ""
    protocol: str | None = None
    """The control protocol version the document names (``spec.counts.CONTROL_PROTOCOLS``);
    ``None``: not named (the current one applies unless the caller chooses another)."""


MISSING = object()
"""A required field that is absent (already reported)."""


class _Reader:
    """Collects every error; each reader returns ``None`` for a value it rejected."""

    def __init__(self) -> None:
        self.errors: list[InputError] = []

    def add(self, field: str, code: str, message: str) -> None:
        self.errors.append(InputError(field, code, message))

    def obj(self, value: object, field: str, allowed: frozenset[str]) -> dict[str, Any] | None:
        if value is MISSING:
            return None
        if not isinstance(value, dict):
            self.add(field, "not_an_object", f"{field} must be an object, got {_kind(value)}")
            return None
        for key in value:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.add(
                    _join(field, key), "unknown_field", f"unknown field {key!r} (allowed: {known})"
                )
        return value

    def required(self, obj: Mapping[str, Any], key: str, where: str) -> object:
        """The value, or ``MISSING`` (reported here once; the typed readers then stay quiet)."""
        if key not in obj:
            self.add(_join(where, key), "missing", f"{_join(where, key)} is required")
            return MISSING
        return obj[key]

    def array(self, value: object, field: str) -> list[Any] | None:
        if value is MISSING:
            return None
        if not isinstance(value, list):
            self.add(field, "not_an_array", f"{field} must be an array, got {_kind(value)}")
            return None
        return value

    def text(self, value: object, field: str, *, empty: bool = True) -> str | None:
        if value is MISSING:
            return None
        if not isinstance(value, str):
            self.add(field, "not_a_string", f"{field} must be a string, got {_kind(value)}")
            return None
        if not empty and not value:
            self.add(field, "empty", f"{field} must not be empty")
            return None
        return value

    def count_number(self, value: object, field: str) -> int | None:
        if value is MISSING:
            return None
        if type(value) is not int:
            self.add(field, "not_an_integer", f"{field} must be a whole number, got {value!r}")
            return None
        if value < 0:
            self.add(field, "negative", f"{field} must not be negative, got {value}")
            return None
        return value

    def positive(self, value: object, field: str) -> int | None:
        if value is MISSING:
            return None
        if type(value) is not int or value < 1:
            self.add(field, "invalid_number", f"{field} must be a positive whole number")
            return None
        return value

    def level(self, value: object, field: str) -> Level | None:
        if value is MISSING:
            return None
        if value not in LEVELS:
            self.add(field, "unknown_level", f"{field} must be one of {', '.join(LEVELS)}")
            return None
        return value


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _kind(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    return names.get(type(value), repr(value))


# =========================================================================== counts


def parse_count(data: object, where: str, reader: _Reader) -> Count | None:
    """One count (a proces-verbaal's numbers, or a total); ``None`` if anything is wrong."""
    obj = reader.obj(data, where, _COUNT_KEYS)
    if obj is None:
        return None
    before = len(reader.errors)
    unit_id = reader.text(reader.required(obj, "unit_id", where), f"{where}.unit_id", empty=False)
    name = reader.text(obj.get("name", ""), f"{where}.name")
    level = reader.level(reader.required(obj, "level", where), f"{where}.level")
    adm_where = f"{where}.admitted"
    adm = reader.obj(reader.required(obj, "admitted", where), adm_where, frozenset(_ADMITTED_KEYS))
    admitted: list[int | None] = []
    if adm is not None:
        for key in _ADMITTED_KEYS:
            value = reader.required(adm, key, adm_where)
            admitted.append(
                reader.count_number(value, f"{adm_where}.{key}") if key in adm else None
            )
    lists = _parse_lists(reader.required(obj, "lists", where), f"{where}.lists", reader)
    numbers: dict[str, int | None] = {}
    for key in ("blank", "invalid", "total_counted", "more_counted", "fewer_counted"):
        value = reader.required(obj, key, where)
        numbers[key] = reader.count_number(value, f"{where}.{key}")
    optional: dict[str, int | None] = {}
    for key in ("votes_on_lists", "eligible_voters"):
        # absent is "not stated"; a null where the schema says integer is an error
        optional[key] = (
            reader.count_number(obj[key], f"{where}.{key}") if key in obj else None
        )
    if len(reader.errors) > before:
        return None
    a, b, c, d = cast(list[int], admitted)
    return Count(
        unit_id=cast(str, unit_id),
        name=cast(str, name),
        level=cast(Level, level),
        admitted=AdmittedVoters(a, b, c, d),
        lists=cast(tuple[ListCount, ...], lists),
        blank=cast(int, numbers["blank"]),
        invalid=cast(int, numbers["invalid"]),
        total_counted=cast(int, numbers["total_counted"]),
        more_counted=cast(int, numbers["more_counted"]),
        fewer_counted=cast(int, numbers["fewer_counted"]),
        eligible_voters=optional["eligible_voters"],
        reported_votes_on_lists=optional["votes_on_lists"],
    )


def _parse_lists(data: object, where: str, reader: _Reader) -> tuple[ListCount, ...] | None:
    items = reader.array(data, where)
    if items is None:
        return None
    lists: list[ListCount] = []
    seen: set[int] = set()
    for index, item in enumerate(items):
        field = f"{where}[{index}]"
        obj = reader.obj(item, field, _LIST_KEYS)
        if obj is None:
            continue
        number = reader.positive(reader.required(obj, "number", field), f"{field}.number")
        if number is not None and number in seen:
            reader.add(f"{field}.number", "duplicate", f"list {number} occurs more than once")
        total = reader.count_number(reader.required(obj, "total", field), f"{field}.total")
        candidates = _parse_candidates(obj.get("candidates", {}), f"{field}.candidates", reader)
        if number is not None and total is not None and candidates is not None:
            seen.add(number)
            lists.append(ListCount(number, total, candidates))
    return tuple(lists)


def _parse_candidates(data: object, where: str, reader: _Reader) -> dict[int, int] | None:
    obj = reader.obj(data, where, frozenset(data) if isinstance(data, dict) else frozenset())
    if obj is None:
        return None
    votes: dict[int, int] = {}
    ok = True
    for key, value in obj.items():
        field = f"{where}.{key}"
        if not (key.isascii() and key.isdigit() and not key.startswith("0")):
            reader.add(field, "invalid_number", f"candidate key {key!r} must be a number, e.g. '1'")
            ok = False
            continue
        number = reader.count_number(value, field)
        if number is None:
            ok = False
            continue
        votes[int(key)] = number
    return votes if ok else None


def count_to_json(count: Count) -> dict[str, Any]:
    """The JSON form of one count; optional numbers only when known."""
    adm = count.admitted
    doc: dict[str, Any] = {
        "unit_id": count.unit_id,
        "name": count.name,
        "level": count.level,
        "admitted": {
            "poll_cards": adm.poll_cards,
            "proxy_certificates": adm.proxy_certificates,
            "voter_cards": adm.voter_cards,
            "total": adm.total,
        },
        "lists": [
            {
                "number": lst.list_number,
                "total": lst.total,
                "candidates": {str(number): votes for number, votes in lst.candidates.items()},
            }
            for lst in count.lists
        ],
    }
    if count.reported_votes_on_lists is not None:
        doc["votes_on_lists"] = count.reported_votes_on_lists
    doc.update(
        blank=count.blank,
        invalid=count.invalid,
        total_counted=count.total_counted,
        more_counted=count.more_counted,
        fewer_counted=count.fewer_counted,
    )
    if count.eligible_voters is not None:
        doc["eligible_voters"] = count.eligible_voters
    return doc


# =========================================================================== the input document


def parse_counts_input(data: object) -> CountsDocument | Rejected:
    """A ``kieswet/counts-input@1`` document, or every reason it is not one."""
    if not isinstance(data, dict):
        return Rejected((InputError("$", "not_an_object", "the document must be a JSON object"),))
    reader = _Reader()
    top = cast(dict[str, Any], reader.obj(data, "", _TOP_KEYS))
    if "format" in top and top["format"] != INPUT_FORMAT:
        reader.add("format", "unknown_format", f"format must be {INPUT_FORMAT!r}")
    source = reader.text(top.get("source", ""), "source") or ""
    hierarchy = _parse_hierarchy(reader.required(top, "hierarchy", ""), reader)
    counts = _parse_count_array(reader.required(top, "counts", ""), "counts", reader)
    seconds = _parse_count_array(top.get("second_entries", []), "second_entries", reader)
    corrections = _parse_corrections(top.get("corrections", []), reader)
    explanations = _parse_explanations(top.get("explanations", {}), reader)
    recounted = reader.array(top.get("recounted", []), "recounted") or []
    ids = [reader.text(uid, f"recounted[{i}]", empty=False) for i, uid in enumerate(recounted)]
    protocol = top.get("protocol")
    if protocol is not None and protocol not in CONTROL_PROTOCOLS:
        reader.add(
            "protocol",
            "unknown_protocol",
            f"protocol must be one of {', '.join(sorted(CONTROL_PROTOCOLS))}, got {protocol!r}",
        )
    if reader.errors or hierarchy is None:
        return Rejected(tuple(reader.errors))
    return CountsDocument(
        hierarchy,
        CountInputs(
            tuple(counts),
            tuple(seconds),
            tuple(corrections),
            explanations,
            frozenset(uid for uid in ids if uid is not None),
        ),
        source,
        protocol,
    )


def _parse_explanations(data: object, reader: _Reader) -> dict[str, dict[str, int]]:
    """``explanations``: unit id → explanation reason code → a whole number."""
    if not isinstance(data, dict):
        reader.add("explanations", "not_an_object", "explanations must be an object")
        return {}
    known = set(MORE_EXPLANATIONS) | set(FEWER_EXPLANATIONS)
    out: dict[str, dict[str, int]] = {}
    for uid, stated in data.items():
        field = f"explanations.{uid}"
        if not isinstance(stated, dict):
            reader.add(field, "not_an_object", f"{field} must be an object")
            continue
        own: dict[str, int] = {}
        for code, value in stated.items():
            if code not in known:
                reader.add(f"{field}.{code}", "unknown_code", f"unknown explanation {code!r}")
                continue
            number = reader.count_number(value, f"{field}.{code}")
            if number is not None:
                own[code] = number
        out[uid] = own
    return out


def _parse_count_array(data: object, where: str, reader: _Reader) -> list[Count]:
    items = reader.array(data, where)
    parsed = (parse_count(item, f"{where}[{i}]", reader) for i, item in enumerate(items or []))
    return [count for count in parsed if count is not None]


def _parse_hierarchy(data: object, reader: _Reader) -> Hierarchy | None:
    obj = reader.obj(data, "hierarchy", _HIERARCHY_KEYS)
    if obj is None:
        return None
    before = len(reader.errors)
    root = reader.text(reader.required(obj, "root", "hierarchy"), "hierarchy.root", empty=False)
    items = reader.array(reader.required(obj, "units", "hierarchy"), "hierarchy.units") or []
    raw: dict[str, tuple[str, Level, tuple[str, ...]]] = {}
    for index, item in enumerate(items):
        field = f"hierarchy.units[{index}]"
        unit = reader.obj(item, field, _UNIT_KEYS)
        if unit is None:
            continue
        uid = reader.text(reader.required(unit, "unit_id", field), f"{field}.unit_id", empty=False)
        name = reader.text(unit.get("name", ""), f"{field}.name")
        level = reader.level(reader.required(unit, "level", field), f"{field}.level")
        children = reader.array(unit.get("children", []), f"{field}.children")
        kids = [reader.text(c, f"{field}.children[{i}]") for i, c in enumerate(children or [])]
        if uid is not None and uid in raw:
            reader.add(f"{field}.unit_id", "duplicate", f"unit {uid!r} is listed twice")
        elif uid is not None and name is not None and level is not None and None not in kids:
            raw[uid] = (name, level, tuple(cast(list[str], kids)))
    if len(reader.errors) > before or root is None:
        return None
    parents: dict[str, str] = {}
    for uid, (_, _, kids_) in raw.items():
        for child in kids_:
            if child in parents:
                reader.add(
                    "hierarchy.units",
                    "two_parents",
                    f"unit {child!r} is a child of both {parents[child]!r} and {uid!r}",
                )
            parents.setdefault(child, uid)
    units = {
        uid: Unit(uid, name, level, parents.get(uid), kids_)
        for uid, (name, level, kids_) in raw.items()
    }
    hierarchy = Hierarchy(units, root)
    for uid, reason in hierarchy_problems(hierarchy):
        reader.add(f"hierarchy.units[{uid}]", "not_a_tree", f"unit {uid!r}: {reason}")
    return None if len(reader.errors) > before else hierarchy


def _parse_corrections(data: object, reader: _Reader) -> list[Correction]:
    corrections: list[Correction] = []
    for index, item in enumerate(reader.array(data, "corrections") or []):
        field = f"corrections[{index}]"
        obj = reader.obj(item, field, _CORRECTION_KEYS)
        if obj is None:
            continue
        uid = reader.text(reader.required(obj, "unit_id", field), f"{field}.unit_id", empty=False)
        kind = obj.get("kind")
        if kind not in _KINDS:
            reader.add(f"{field}.kind", "unknown_kind", f"{field}.kind must be one of {_KINDS}")
        reason = reader.text(obj.get("reason", ""), f"{field}.reason")
        count = parse_count(reader.required(obj, "count", field), f"{field}.count", reader)
        if uid is not None and kind in _KINDS and reason is not None and count is not None:
            corrections.append(Correction(uid, cast(CorrectionKind, kind), count, reason))
    return corrections


def counts_input_to_json(document: CountsDocument) -> dict[str, Any]:
    """The JSON form of a counts input (units from the root down)."""
    hierarchy, inputs = document.hierarchy, document.inputs
    doc: dict[str, Any] = {"format": INPUT_FORMAT}
    if document.source:
        doc["source"] = document.source
    doc["hierarchy"] = {
        "root": hierarchy.root,
        "units": [_unit_to_json(hierarchy.units[uid]) for uid in preorder(hierarchy)],
    }
    doc["counts"] = [count_to_json(count) for count in inputs.counts]
    if inputs.second_entries:
        doc["second_entries"] = [count_to_json(count) for count in inputs.second_entries]
    if inputs.corrections:
        doc["corrections"] = [
            {
                "unit_id": c.unit_id,
                "kind": c.kind,
                "reason": c.reason,
                "count": count_to_json(c.count),
            }
            for c in inputs.corrections
        ]
    if inputs.explanations:
        doc["explanations"] = {uid: dict(e) for uid, e in inputs.explanations.items()}
    if inputs.recounted:
        doc["recounted"] = sorted(inputs.recounted)
    if document.protocol is not None:
        doc["protocol"] = document.protocol
    return doc


def _unit_to_json(unit: Unit) -> dict[str, Any]:
    doc: dict[str, Any] = {"unit_id": unit.unit_id, "name": unit.name, "level": unit.level}
    if unit.children:
        doc["children"] = list(unit.children)
    return doc


# =========================================================================== the totals


def totals_to_json(totals: Totals) -> dict[str, Any]:
    """The ``kieswet/totals@1`` document: status, every unit's count (root first, in the order
    of ``totals.counts``), the findings and the corrections trace."""
    return {
        "format": TOTALS_FORMAT,
        "status": "accepted" if totals.accepted else "blocked",
        "root": totals.root,
        "counts": [count_to_json(count) for count in totals.counts.values()],
        "findings": [
            {
                "severity": f.severity,
                "code": f.code,
                "unit_id": f.unit_id,
                "field": f.field,
                "message": f.message,
            }
            for f in totals.findings
        ],
        "corrections": [
            {
                "unit_id": r.unit_id,
                "kind": r.kind,
                "reason": r.reason,
                "changes": [{"field": c.field, "old": c.first, "new": c.second} for c in r.changes],
                "retotalled": list(r.retotalled),
            }
            for r in totals.corrections
        ],
    }


def parse_totals(data: object) -> Totals | Rejected:
    """Read a ``kieswet/totals@1`` document back (to judge any implementation's output).

    The ``status`` must agree with the findings (``blocked`` exactly when one is an error).
    """
    if not isinstance(data, dict):
        return Rejected((InputError("$", "not_an_object", "the document must be a JSON object"),))
    reader = _Reader()
    top = cast(dict[str, Any], reader.obj(data, "", _TOTALS_KEYS))
    if top.get("format") != TOTALS_FORMAT:
        reader.add("format", "unknown_format", f"format must be {TOTALS_FORMAT!r}")
    root = reader.text(reader.required(top, "root", ""), "root", empty=False)
    counts: dict[str, Count] = {}
    for count in _parse_count_array(reader.required(top, "counts", ""), "counts", reader):
        if count.unit_id in counts:
            reader.add("counts", "duplicate", f"unit {count.unit_id!r} has two counts")
        counts[count.unit_id] = count
    findings = _parse_findings(reader.required(top, "findings", ""), reader)
    records = _parse_records(top.get("corrections", []), reader)
    status = reader.required(top, "status", "")
    expected = "blocked" if any(f.severity == "error" for f in findings) else "accepted"
    if status != expected:
        reader.add("status", "status_mismatch", f"status must be {expected!r} for these findings")
    if reader.errors:
        return Rejected(tuple(reader.errors))
    return Totals(cast(str, root), counts, tuple(findings), tuple(records))


def _parse_findings(data: object, reader: _Reader) -> list[CountFinding]:
    findings = []
    for index, item in enumerate(reader.array(data, "findings") or []):
        field = f"findings[{index}]"
        obj = reader.obj(item, field, _FINDING_KEYS)
        if obj is None:
            continue
        severity = obj.get("severity")
        if severity not in _SEVERITIES:
            reader.add(f"{field}.severity", "unknown_severity", "severity: 'error' or 'warning'")
        parts = [
            reader.text(reader.required(obj, key, field), f"{field}.{key}")
            for key in ("code", "unit_id", "field", "message")
        ]
        if severity in _SEVERITIES and None not in parts:
            code, uid, fld, message = cast(list[str], parts)
            findings.append(CountFinding(cast(CheckSeverity, severity), code, uid, fld, message))
    return findings


def _parse_records(data: object, reader: _Reader) -> list[CorrectionRecord]:
    records = []
    for index, item in enumerate(reader.array(data, "corrections") or []):
        field = f"corrections[{index}]"
        obj = reader.obj(item, field, _RECORD_KEYS)
        if obj is None:
            continue
        uid = reader.text(reader.required(obj, "unit_id", field), f"{field}.unit_id")
        kind = obj.get("kind")
        if kind not in _KINDS:
            reader.add(f"{field}.kind", "unknown_kind", f"{field}.kind must be one of {_KINDS}")
        reason = reader.text(obj.get("reason", ""), f"{field}.reason")
        changes = []
        for i, raw in enumerate(reader.array(obj.get("changes", []), f"{field}.changes") or []):
            where = f"{field}.changes[{i}]"
            change = reader.obj(raw, where, _CHANGE_KEYS)
            if change is None:
                continue
            path = reader.text(reader.required(change, "field", where), f"{where}.field")
            old, new = (
                None if change.get(k) is None else reader.count_number(change[k], f"{where}.{k}")
                for k in ("old", "new")
            )
            if path is not None:
                changes.append(FieldDifference(path, old, new))
        retotalled = reader.array(obj.get("retotalled", []), f"{field}.retotalled") or []
        ids = [reader.text(x, f"{field}.retotalled[{i}]") for i, x in enumerate(retotalled)]
        if uid is not None and kind in _KINDS and reason is not None and None not in ids:
            records.append(
                CorrectionRecord(
                    uid,
                    cast(CorrectionKind, kind),
                    reason,
                    tuple(changes),
                    tuple(cast(list[str], ids)),
                )
            )
    return records
