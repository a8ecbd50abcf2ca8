"""Building the ``totalise`` vectors (``kieswet vectors build``; hooked into
``conformance.vectors_build``).

One vector file per topic of ``conformance.vector_sources.totalise``, with law ``current`` and
the control protocol version as its profile. The expected result of each case is the reference
totalisation's (``conformance.totalise_kit.expected_of``), used only after

* ``spec.totalisation_rules.check_totals`` finds no violated rule in it (under the case's
  protocol),
* it gives exactly the findings written down by hand, as (severity, check id, unit), and the
  totals computed by hand (or, for a rejected input, exactly the hand's (field, code) pairs),
* the input names the file's protocol (unless the case is flagged ``header_mismatch``) and the
  case's rules are ids of ``spec.totalisation_rules``.

Any disagreement is a ``BuildError`` naming the case.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from conformance.suite import TOTALISE_OPERATION
from conformance.totalise_kit import RULE_IDS, expected_of, flatten, protocol_of
from conformance.vector_sources import totalise as source
from interchange.counts import parse_counts_input
from reference.totalise import totalise
from spec.counts import CONTROL_PROTOCOLS
from spec.model import Rejected
from spec.totalisation_rules import check_totals

if TYPE_CHECKING:
    from conformance.vectors_build import FileSpec, Pending

SOURCE = (
    "hand-written: conformance/vector_sources/totalise.py (each case with its hand "
    "computation: every finding and some totals; expectations checked against the reference "
    "and spec.totalisation_rules)"
)
LAW = "current"


def collect() -> tuple[list[FileSpec], list[Pending]]:
    """The ``totalise`` vector files and their tests."""
    from conformance.vectors_build import BuildError, FileSpec, Pending

    specs = [
        FileSpec(f"{TOTALISE_OPERATION}/{name}.json", LAW, t.profile, SOURCE, dict(t.groups))
        for name, t in source.TOPICS.items()
    ]
    tests = []
    for case in source.CASES:
        if case.topic not in source.TOPICS:
            raise BuildError(f"totalise case {case.comment[:60]!r}: unknown topic")
        tests.append(
            Pending(
                f"{TOTALISE_OPERATION}/{case.topic}.json",
                case.group,
                case.comment,
                dict(case.input),
                {"handwritten", *case.flags},
                list(case.articles),
                list(case.rules),
            )
        )
    return specs, tests


def _hand(test: Pending) -> source.Case:
    """The hand-written case of ``test`` (the one with its file and input)."""
    for case in source.CASES:
        if f"{TOTALISE_OPERATION}/{case.topic}.json" == test.file and case.input == test.input:
            return case
    raise LookupError(test.label)


def hand_problems(case: source.Case, expected: dict[str, Any]) -> list[str]:
    """Where the reference's expected result differs from the hand computation."""
    if expected["status"] != case.status:
        return [f"status {expected['status']}, the hand computation says {case.status}"]
    if case.errors is not None:
        got = sorted((e["field"], e["code"]) for e in expected["errors"])
        if got != sorted(case.errors):
            return [f"errors {got}, the hand computation says {sorted(case.errors)}"]
        return []
    problems = []
    got_findings = sorted((f["severity"], f["code"], f["unit_id"]) for f in expected["findings"])
    if got_findings != sorted(case.findings):
        problems.append(
            f"findings {got_findings}, the hand computation says {sorted(case.findings)}"
        )
    accepted = not any(severity == "error" for severity, _, _ in case.findings)
    if expected["accepted"] != accepted:
        problems.append(f"accepted {expected['accepted']}, the hand computation says {accepted}")
    for uid, fields in (case.totals or {}).items():
        count = expected["totals"].get(uid)
        numbers = flatten(count) if isinstance(count, dict) else {}
        for path, value in fields.items():
            if numbers.get(path) != value:
                problems.append(
                    f"totals[{uid}].{path} {numbers.get(path)}, the hand computation says {value}"
                )
    return problems


def evaluate(test: Pending, spec: FileSpec) -> dict[str, Any]:
    """The expected result of a ``totalise`` test, after every check; raises ``BuildError``."""
    from conformance.vectors_build import BuildError

    case = _hand(test)
    unknown = [r for r in test.rules if r not in RULE_IDS]
    if unknown:
        raise BuildError(
            f"{test.label}: unknown rule id(s) {unknown} (see spec.totalisation_rules)"
        )
    named = test.input.get("protocol")
    if "header_mismatch" not in test.flags and named != spec.profile:
        raise BuildError(
            f"{test.label}: the input's protocol {named} differs from the file's {spec.profile}"
        )
    parsed = parse_counts_input(test.input)
    if isinstance(parsed, Rejected):
        expected = {
            "status": "rejected",
            "errors": [{"field": e.field, "code": e.code} for e in parsed.errors],
        }
    else:
        protocol = CONTROL_PROTOCOLS[protocol_of(parsed)]
        totals = totalise(parsed.hierarchy, parsed.inputs, protocol=protocol)
        violations = check_totals(parsed.hierarchy, parsed.inputs, totals, protocol)
        if violations:
            listed = "; ".join(f"{v.rule_id}: {v.message}" for v in violations)
            raise BuildError(
                f"{test.label}: spec.totalisation_rules rejects the reference's result: {listed}"
            )
        expected = expected_of(totals)
    problems = hand_problems(case, expected)
    if problems:
        raise BuildError(
            f"{test.label}: the reference disagrees with the hand computation: "
            + "; ".join(problems)
        )
    return expected
