"""The ``totalise`` operation of the conformance suite: answering, expecting and judging it.

A ``totalise`` case sends a ``kieswet/counts-input@1`` document (the JSON input of
``kieswet totalise``: the hierarchy of reporting units, the counts as entered, second entries,
corrections, the explanations of a difference and the recounted units, and optionally the
control protocol version in ``protocol``). The adapter answers

* ``completed`` with a ``kieswet/totals@1`` document: a count for every unit (the entered
  counts after corrections and the computed totals), every finding and the corrections trace;
  its own ``status`` is ``accepted`` or ``blocked`` (an error finding blocks the result);
* ``rejected`` with ``{"status": "rejected", "errors": [{"field", "code", "message"}]}`` when
  the input is not a valid document (e.g. it names an unknown control protocol).

The vector file's ``profile`` is the control protocol version (``spec.counts.CONTROL_PROTOCOLS``)
and every input names it in ``protocol``. A vector expects::

    {"status": "completed", "accepted": false,
     "totals": {"<unit id>": <its count, as in kieswet/totals@1 without the name>, ...},
     "findings": [{"severity": "error", "code": "TOT-D-is-A+B+C", "unit_id": "sb1"}, ...]}

(or ``{"status": "rejected", "errors": [...]}``, where the status alone is compared). An answer
passes when it has the expected status and, for ``completed``, the same acceptance, the same
numbers for every unit (field by field, ``name`` aside) and the same set of findings as
(severity, check id, unit): how often a check is reported for one unit, in which field and
with which words is presentation, not judged. The rules of ``spec.totalisation_rules`` are run
on every completed answer, so a difference comes with the rules it breaks (and a wrong answer
is caught even where the vector's expectation would not see it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conformance.judge import (
    AS_EXPECTED,
    SPEC_DEFECT,
    RuleViolation,
    UnreadableInput,
    Verdict,
    pass_or_fail,
    unreadable_input,
)
from conformance.protocol import Answer, Case
from conformance.suite import Vector
from interchange.counts import (
    TOTALS_FORMAT,
    CountsDocument,
    count_to_json,
    parse_counts_input,
    parse_totals,
    totals_to_json,
)
from reference.totalise import totalise
from spec.counts import CONTROL_PROTOCOLS, CURRENT_PROTOCOL, Totals
from spec.model import Rejected
from spec.totalisation_rules import RULES, check_totals

RULE_IDS = frozenset(rule.id for rule in RULES)
"""The ids of the totalisation rules (``spec.totalisation_rules.RULES``)."""

Finding = tuple[str, str, str]
"""(severity, check id, unit id)."""


def rejected_json(rejected: Rejected) -> dict[str, Any]:
    return {
        "status": "rejected",
        "errors": [
            {"field": e.field, "code": e.code, "message": e.message} for e in rejected.errors
        ],
    }


def protocol_of(document: CountsDocument) -> str:
    """The control protocol version a document asks for: the one it names, else the current."""
    return document.protocol or CURRENT_PROTOCOL


def reference_result(document: object) -> tuple[str, dict[str, Any]]:
    """The reference's answer to a ``totalise`` input: (answer status, result document)."""
    parsed = parse_counts_input(document)
    if isinstance(parsed, Rejected):
        return "rejected", rejected_json(parsed)
    totals = totalise(
        parsed.hierarchy, parsed.inputs, protocol=CONTROL_PROTOCOLS[protocol_of(parsed)]
    )
    return "completed", totals_to_json(totals)


def answer(case: Case) -> Answer:
    """The reference adapter's answer to one ``totalise`` case."""
    status, result = reference_result(case.input)
    return Answer(case.id, "completed" if status == "completed" else "rejected", result)


# --------------------------------------------------------------------------- expected results


def _count_json(count: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in count.items() if key != "name"}


def findings_of(totals: Totals) -> list[Finding]:
    """The findings as the sorted set of (severity, check id, unit id)."""
    return sorted({(f.severity, f.code, f.unit_id) for f in totals.findings})


def expected_of(totals: Totals) -> dict[str, Any]:
    """The expected result of a vector, from a totalisation result."""
    return {
        "status": "completed",
        "accepted": totals.accepted,
        "totals": {uid: _count_json(count_to_json(c)) for uid, c in totals.counts.items()},
        "findings": [
            {"severity": s, "code": code, "unit_id": uid} for s, code, uid in findings_of(totals)
        ],
    }


def expected_problem(value: Mapping[str, Any]) -> str | None:
    """What is wrong with a vector's ``expected`` for ``totalise`` (``None``: nothing), as the
    rest of a ``SuiteError`` message after the field's place."""
    status = value.get("status")
    if status == "rejected":
        return None
    if status != "completed":
        return ".status must be completed or rejected"
    if not isinstance(value.get("accepted"), bool):
        return ".accepted must be true or false"
    totals = value.get("totals")
    if not isinstance(totals, dict) or not all(isinstance(c, dict) for c in totals.values()):
        return ".totals must be an object of unit id -> count"
    findings = value.get("findings")
    if not isinstance(findings, list) or not all(
        isinstance(f, dict)
        and all(isinstance(f.get(k), str) for k in ("severity", "code", "unit_id"))
        for f in findings
    ):
        return ".findings must be an array of {severity, code, unit_id}"
    return None


# --------------------------------------------------------------------------- judging


def flatten(count: Mapping[str, Any]) -> dict[str, object]:
    """A count's numbers by field path (``admitted.total``, ``lists[2].candidates[3]``)."""
    out: dict[str, object] = {}
    for key, value in count.items():
        if key in ("unit_id", "name"):
            continue
        if key == "admitted" and isinstance(value, dict):
            out.update({f"admitted.{k}": v for k, v in value.items()})
        elif key == "lists" and isinstance(value, list):
            for lst in value:
                if not isinstance(lst, dict):
                    continue
                number = lst.get("number")
                out[f"lists[{number}].total"] = lst.get("total")
                candidates = lst.get("candidates")
                if isinstance(candidates, dict):
                    out.update(
                        {f"lists[{number}].candidates[{k}]": v for k, v in candidates.items()}
                    )
        else:
            out[key] = value
    return out


def _zero_or_absent(value: object) -> bool:
    return value is None or value == 0


def total_differences(expected: Mapping[str, Any], totals: Totals) -> list[str]:
    """Per unit and field, where the answer's numbers differ from the expected ones (a list or
    candidate with 0 votes may be absent on either side)."""
    out: list[str] = []
    got = {uid: flatten(count_to_json(c)) for uid, c in totals.counts.items()}
    for uid, count in expected.items():
        if uid not in got:
            out.append(f"totals[{uid}]: verwacht een telling, het antwoord heeft er geen")
            continue
        want, have = flatten(count), got[uid]
        for path in sorted(set(want) | set(have)):
            a, b = want.get(path), have.get(path)
            if a == b or (path.startswith("lists[") and _zero_or_absent(a) and _zero_or_absent(b)):
                continue
            out.append(f"totals[{uid}].{path}: verwacht {_show(a)}, geleverd {_show(b)}")
    for uid in sorted(set(got) - set(expected)):
        out.append(
            f"totals[{uid}]: het antwoord heeft een telling voor een eenheid waarvoor de vector "
            "er geen heeft"
        )
    return out


def _show(value: object) -> str:
    return "niets" if value is None else str(value)


_SEVERITY = {"error": "fout", "warning": "waarschuwing"}
"""A finding's ``severity`` in the differences."""


def finding_differences(expected: list[Mapping[str, str]], totals: Totals) -> list[str]:
    want = {(f["severity"], f["code"], f["unit_id"]) for f in expected}
    got = set(findings_of(totals))
    out = [
        f"findings: verwacht {_SEVERITY.get(s, s)} {code} voor {uid!r}, ontbreekt"
        for s, code, uid in sorted(want - got)
    ]
    out += [
        f"findings: {_SEVERITY.get(s, s)} {code} voor {uid!r} gemeld, niet verwacht"
        for s, code, uid in sorted(got - want)
    ]
    return out


def differences(expected: Mapping[str, Any], totals: Totals) -> list[str]:
    """What differs between a completed answer's totals and the expected result."""
    out: list[str] = []
    if totals.accepted != expected["accepted"]:
        word = {True: "aanvaard", False: "geblokkeerd"}
        out.append(
            f"status van de totalen: verwacht {word[expected['accepted']]}, "
            f"geleverd {word[totals.accepted]}"
        )
    out += total_differences(expected["totals"], totals)
    out += finding_differences(expected["findings"], totals)
    return out


def rule_violations(vector: Vector, totals: Totals) -> tuple[RuleViolation, ...]:
    """``spec.totalisation_rules.check_totals`` on the answer, under the vector's protocol.
    Raises ``UnreadableInput`` when the vector's input is not valid (no rule can be applied)."""
    document = parse_counts_input(vector.input)
    if isinstance(document, Rejected):
        raise UnreadableInput(document)
    protocol = CONTROL_PROTOCOLS[protocol_of(document)]
    found = check_totals(document.hierarchy, document.inputs, totals, protocol)
    return tuple(RuleViolation(v.rule_id, v.article, v.message) for v in found)


def provided_totals(answer_status: str, result: Mapping[str, Any]) -> dict[str, Any]:
    """The part of a totalise answer a verdict reports."""
    provided: dict[str, Any] = {"status": answer_status}
    if "status" in result:
        provided["totals_status"] = result["status"]
    if isinstance(result.get("findings"), list):
        provided["findings"] = [
            {k: f.get(k) for k in ("severity", "code", "unit_id")}
            for f in result["findings"]
            if isinstance(f, dict)
        ]
    if isinstance(result.get("counts"), list):
        provided["totals"] = {
            str(c.get("unit_id")): _count_json(c) for c in result["counts"] if isinstance(c, dict)
        }
    return provided


def judge_totals(vector: Vector, answer: Answer) -> Verdict:
    """The verdict on a completed or rejected answer to a ``totalise`` vector (``judge``
    handles ``skipped`` and ``errored``)."""
    result = answer.result or {}
    provided = provided_totals(answer.status, result)
    want = vector.expected["status"]
    if answer.status != want:
        detail = ""
        if answer.status == "rejected" and isinstance(result.get("errors"), list):
            detail = "; fouten: " + "; ".join(
                f"{e.get('field')}: {e.get('message', e.get('code'))}"
                for e in result["errors"][:3]
                if isinstance(e, dict)
            )
        return Verdict(
            "FAIL",
            f"status: verwacht {want}, geleverd {answer.status}",
            answer_status=answer.status,
            differences=(f"status: verwacht {want}, geleverd {answer.status}{detail}",),
            provided=provided,
        )
    if want == "rejected":
        return Verdict("PASS", AS_EXPECTED, answer_status=answer.status)
    totals = parse_totals(result)
    if isinstance(totals, Rejected):
        problems = "; ".join(f"{e.field or '$'}: {e.message}" for e in totals.errors[:5])
        return Verdict(
            "FAIL",
            f"de uitkomst is geen {TOTALS_FORMAT}-document",
            answer_status=answer.status,
            differences=(f"uitkomst: geen {TOTALS_FORMAT}-document: {problems}",),
            provided=provided,
        )
    found = tuple(differences(vector.expected, totals))
    if "totals" in provided:  # the counts of the units that differ (the rest are as expected)
        differing = {d[7:].split("]", 1)[0] for d in found if d.startswith("totals[")}
        provided["totals"] = {u: c for u, c in provided["totals"].items() if u in differing}
    try:
        violations = rule_violations(vector, totals)
    except UnreadableInput as unreadable:
        return unreadable_input(answer.status, unreadable, found, provided)
    except Exception as exc:  # a defect of the specification: never let it end the run
        return Verdict(
            "ERROR",
            SPEC_DEFECT.format(exc=f"{type(exc).__name__}: {exc}"),
            answer_status=answer.status,
            differences=found,
            provided=provided,
        )
    return pass_or_fail(answer.status, found, violations, provided)
