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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from conformance.suite import TOTALISE_OPERATION
from conformance.totalise_kit import RULE_IDS, expected_of, flatten, protocol_of
from conformance.vector_sources import negative_totalise
from conformance.vector_sources import totalise as source
from conformance.vector_sources.negative import Wrong
from interchange.counts import parse_counts_input, parse_totals, totals_to_json
from reference.totalise import totalise
from spec.counts import CONTROL_PROTOCOLS, CURRENT_PROTOCOL
from spec.model import Rejected
from spec.totalisation_rules import RULES, check_totals

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


# --------------------------------------------------------------------------- negative vectors

NEGATIVE_SOURCE = (
    "negative vectors: conformance/vector_sources/negative_totalise.py (each a wrong answer to "
    "a positive totalise vector of this suite, changed in one way for the stated reason; the "
    "build checks that spec.totalisation_rules rejects it naming the listed rules)"
)


@dataclass(frozen=True)
class NegativeTotals:
    """A wrong ``kieswet/totals@1`` answer to the input of a positive ``totalise`` test, with
    the rules it must violate; ``profile`` is the control protocol version of the base's file
    (the negative vectors of another version than the current one go in a file of their own,
    ``invalid-answers-VERSION.json``)."""

    base: Pending
    expected: Mapping[str, Any]
    wrong: Wrong
    profile: str

    @property
    def rules(self) -> list[str]:
        return list(self.wrong.rules)

    @property
    def file(self) -> str:
        name = (
            "invalid-answers.json"
            if self.profile == CURRENT_PROTOCOL
            else f"invalid-answers-{self.profile}.json"
        )
        return f"{TOTALISE_OPERATION}/{name}"

    @property
    def key(self) -> str:
        from conformance.vectors_build import canonical_input, sha256

        both = canonical_input({"input": self.base.input, "result": self.wrong.result})
        return f"{self.file} {sha256(both.encode('utf-8'))}"


def negatives(
    specs: Sequence[FileSpec], tests: Sequence[Pending], expected: Sequence[Mapping[str, Any]]
) -> list[NegativeTotals]:
    """The negative ``totalise`` vectors, each checked: ``spec.totalisation_rules`` rejects
    the wrong answer naming every rule of ``Wrong.rules``; raises ``BuildError`` otherwise.
    Bases: the completed ``totalise`` tests whose input names their file's protocol."""
    from conformance.vectors_build import BuildError

    by_path = {spec.path: spec for spec in specs}
    out: list[NegativeTotals] = []
    seen: set[str] = set()
    for test, want in zip(tests, expected, strict=True):
        spec = by_path[test.file]
        if (
            spec.operation != TOTALISE_OPERATION
            or want["status"] != "completed"
            or "header_mismatch" in test.flags
        ):
            continue
        parsed = parse_counts_input(test.input)
        assert not isinstance(parsed, Rejected)
        protocol = CONTROL_PROTOCOLS[protocol_of(parsed)]
        right = totals_to_json(totalise(parsed.hierarchy, parsed.inputs, protocol=protocol))
        for wrong in negative_totalise.totalise_wrongs(test.input, right):
            totals = parse_totals(wrong.result)
            if isinstance(totals, Rejected):
                raise BuildError(
                    f"{test.label}: the wrong answer ({wrong.kind.name}: {wrong.change}) is "
                    f"not a kieswet/totals@1 document: {totals.errors[0].message}"
                )
            found = check_totals(parsed.hierarchy, parsed.inputs, totals, protocol)
            named = {v.rule_id for v in found}
            missing = sorted(set(wrong.rules) - named)
            if missing:
                raise BuildError(
                    f"{test.label}: the wrong answer ({wrong.kind.name}: {wrong.change}) is "
                    f"not found to violate {missing}; the judge names {sorted(named)}"
                )
            item = NegativeTotals(test, want, wrong, spec.profile)
            if item.key not in seen:
                seen.add(item.key)
                out.append(item)
    return out


def render_negatives(
    wrongs: Sequence[NegativeTotals], ids: Mapping[str, int]
) -> list[tuple[str, bytes, int]]:
    """The negative ``totalise`` vector files, as ``conformance.vectors_build.render_negatives``
    writes those of the allocations: groups flagged ``invalid``, one per kind, each test with
    the input, the right ``expected`` answer, the wrong ``result``, the rules it must violate
    and the id of its positive vector (``base``)."""
    from conformance.vectors_build import render_negative_files

    return render_negative_files(
        wrongs,
        ids,
        negative_totalise.KINDS,
        {rule.id: rule.article for rule in RULES},
        header=lambda relpath, mine: (TOTALISE_OPERATION, LAW, mine[0].profile),
        source=NEGATIVE_SOURCE,
    )
