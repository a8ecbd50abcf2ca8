"""Judging one answer against its vector: PASS, FAIL, ERROR or SKIPPED, and why.

An answer PASSes when its status is the expected one and, per status:

* ``completed``: ``seats`` and ``full_seats`` equal the expected ones; ``elected`` (when the
  vector expects it: candidate data) names the same candidates in the same order per list;
  ``elected_on_preference``, the P 19 ``ranking`` (a difference names ``P19-ranking`` or
  ``P19-group-ranking``) and ``residual_seat_order`` equal the expected ones when both the
  vector and the result give them (the fields are optional in results); for
  ``allocate-districts``, ``party_seats`` (per group, stel or list in no group) and ``seats``
  (per list of P 12) instead of ``seats`` and ``full_seats``;
* ``needs_lot``: the lot has the expected ``kind``, the same ``options`` (in any order), for a
  lot that names one (a candidate, group or combination lot) the same ``list``, the same tied
  ``value`` when both give one, and ``seats_so_far`` equals the expected one;
* ``rejected``: the status alone.

and, for ``completed`` and ``needs_lot``, the executable specification finds no violated rule in
the result: ``spec.check`` for ``allocate``, and for ``allocate-eerste-kamer`` after the member
votes are weighted into an EK contest by the law's own statement of U 2 and U 3
(``spec.eerste_kamer.weighed_by_law``, not the engine's code; the rules ``U2-stemwaarde`` and
``U3-stemcijfer`` check the answer's weighting against it);
``spec.district_check.check_districts`` for ``allocate-districts``. The violated rules are
listed with every FAIL, so a tester sees *which* article an answer breaks, not only that it
differs, and whether the answer was judged step by step or, without ``steps``, on its final
result only (at full strength: it must be the lawful outcome, ``spec.rules.final``).
``skipped`` answers are SKIPPED and ``errored`` answers ERROR. Should the specification
itself fail on an answer (a defect of ours), the case is ERROR with the exception named, and the
run goes on; so is a case whose input the judge cannot read (a fault of the suite: no rule can
be applied, so the answer must not pass unjudged), unless the answer differs from the expected
result anyway (FAIL). An answer repeating a key is FAIL for every operation, ``totalise`` too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal, TypeAlias

from conformance.protocol import Answer
from conformance.suite import (
    DISTRICTS_OPERATION,
    EERSTE_KAMER_OPERATION,
    TOTALISE_OPERATION,
    Vector,
)
from interchange.allocation import parse_election
from interchange.districts import parse_district_election
from interchange.judging import check, check_districts, judgement, weighed_by_law
from spec.exact import parse_mixed
from spec.model import Rejected
from spec.rules import Violation
from spec.rules.base import plural

CaseStatus: TypeAlias = Literal["PASS", "FAIL", "ERROR", "SKIPPED"]
CASE_STATUSES: tuple[CaseStatus, ...] = ("PASS", "FAIL", "ERROR", "SKIPPED")


@dataclass(frozen=True, slots=True)
class RuleViolation:
    rule_id: str
    article: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"rule_id": self.rule_id, "article": self.article, "message": self.message}


@dataclass(frozen=True, slots=True)
class Verdict:
    """The judgement of one case; ``provided`` is the part of the answer that was compared."""

    status: CaseStatus
    message: str
    answer_status: str | None = None
    differences: tuple[str, ...] = ()
    violations: tuple[RuleViolation, ...] = ()
    provided: Mapping[str, Any] | None = field(default=None)


COMPARED = (
    "status",
    "party_seats",
    "seats",
    "full_seats",
    "elected",
    "elected_on_preference",
    "ranking",
    "residual_seat_order",
    "seats_so_far",
    "lot",
    "errors",
)
"""The result fields a verdict reports; those of them the vector expects are compared."""

AS_EXPECTED = "zoals verwacht"
"""The message of a PASS."""

UNREADABLE_INPUT = (
    "de beoordelaar kan de invoer van deze vector niet lezen ({problems}), dus geen regel van de "
    "wet erop toepassen; dit is een fout in de suite, geen oordeel over het antwoord: meld het "
    "met dit geval"
)
"""The message of an ERROR where the vector's input is not valid (``problems``: why), so the
rules cannot be applied: never a PASS unjudged."""

SPEC_DEFECT = (
    "de uitvoerbare specificatie faalde bij het beoordelen van dit antwoord ({exc}); dit is "
    "een fout van de beoordelaar, geen oordeel over het antwoord: meld het met dit geval"
)
"""The message of an ERROR where the specification itself failed (``exc``: the exception)."""

RANKING_RULE = {"allocate": "P19-ranking", "allocate-eerste-kamer": "P19-ranking"}
"""The rule a ranking difference breaks, by operation (``P19-group-ranking`` otherwise)."""


def _seat_map(value: object) -> dict[str, object] | None:
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else None


def _elected_map(value: object) -> dict[str, object] | None:
    """Per list, the elected candidates; lists electing nobody are left out on both sides."""
    if not isinstance(value, dict):
        return None
    return {str(k): v for k, v in value.items() if v != []}


def _diff_maps(name: str, expected: object, provided: object, normal: Any) -> list[str]:
    if isinstance(provided, dict) and provided == expected:
        return []  # the same document fields, so the same after ``normal``
    want, got = normal(expected), normal(provided)
    if got is None:
        return [f"{name}: verwacht {expected}, de uitkomst heeft er geen"]
    if want == got:
        return []
    out = []
    for key in sorted(set(want) | set(got), key=lambda k: (len(k), k)):
        if want.get(key) != got.get(key):
            out.append(
                f"{name}: lijst {key} verwacht {_show(want.get(key))}, geleverd "
                f"{_show(got.get(key))}"
            )
    return out


def _show(value: object) -> str:
    return "niets" if value is None else str(value)


def _lot_value(value: object) -> Fraction | None:
    """A lot question's ``value`` (a whole number, or an exact number as text: ``"444 5/17"``),
    or ``None`` when it is not one (then it differs from any expected value)."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    if isinstance(value, int):
        return Fraction(value)
    try:
        return parse_mixed(value)  # "617", "5/17", "444 5/17"
    except ValueError:
        return None


def differences(
    expected: Mapping[str, Any], provided: Mapping[str, Any], operation: str = "allocate"
) -> list[str]:
    """What differs between the expected fields and the provided result (empty: nothing).

    Compared as the law decides them: the seats (per list, per party), the elected candidates
    per list in order of election, those elected on preference (P 15), the P 19 ranking per
    list (a difference names the rule, ``P19-ranking`` or ``P19-group-ranking``), the order of
    the residual seats (when the result gives it), and for a lot question its kind, options,
    list, the tied value (when both give one) and the seats allocated so far. Not compared
    (presentation or derived only): ``format``, ``quota``, ``total_votes``,
    ``preference_threshold``, ``steps`` (the spec judges them), ``warnings``, the lot's
    ``article``, ``description`` and ``seat``, ``lots_used``, and the errors of a rejection.
    """
    status = expected["status"]
    if provided.get("status") != status:
        detail = ""
        if provided.get("status") == "rejected" and isinstance(provided.get("errors"), list):
            detail = "; fouten: " + "; ".join(
                f"{e.get('field')}: {e.get('message', e.get('code'))}"
                for e in provided["errors"][:3]
                if isinstance(e, dict)
            )
        if provided.get("status") == "needs_lot" and isinstance(provided.get("lot"), dict):
            lot = provided["lot"]
            detail = f"; loting {lot.get('kind')} tussen {lot.get('options')}"
        return [f"status: verwacht {status}, geleverd {provided.get('status')}{detail}"]
    out: list[str] = []
    if status == "completed":
        for key in ("party_seats", "seats", "full_seats"):
            if key in expected:
                out += _diff_maps(key, expected[key], provided.get(key), _seat_map)
        if "elected" in expected:
            out += _diff_maps("elected", expected["elected"], provided.get("elected"), _elected_map)
        # optional in a result (docs/adapter-protocol.md): compared when the result gives them
        if "elected_on_preference" in expected and "elected_on_preference" in provided:
            out += _diff_maps(
                "elected_on_preference",
                expected["elected_on_preference"],
                provided.get("elected_on_preference"),
                _elected_map,
            )
        if "ranking" in expected and "ranking" in provided:
            rule = RANKING_RULE.get(operation, "P19-group-ranking")
            out += [
                f"{line} ({rule})"
                for line in _diff_maps(
                    "ranking", expected["ranking"], provided.get("ranking"), _elected_map
                )
            ]
        if "residual_seat_order" in expected and "residual_seat_order" in provided:
            order = provided.get("residual_seat_order")
            if order != expected["residual_seat_order"]:
                out.append(
                    f"residual_seat_order: verwacht {expected['residual_seat_order']}, "
                    f"geleverd {_show(order)}"
                )
    elif status == "needs_lot":
        want, got = expected["lot"], provided.get("lot")
        if not isinstance(got, dict):
            return ["lot: verwacht een lotingsvraag, de uitkomst heeft er geen"]
        if got.get("kind") != want["kind"]:
            out.append(f"lot.kind: verwacht {want['kind']}, geleverd {_show(got.get('kind'))}")
        options = got.get("options")
        if not isinstance(options, list) or sorted(map(str, options)) != sorted(
            map(str, want["options"])
        ):
            out.append(f"lot.options: verwacht {want['options']}, geleverd {_show(options)}")
        if "list" in want and got.get("list") != want["list"]:
            out.append(f"lot.list: verwacht {want['list']}, geleverd {_show(got.get('list'))}")
        if (
            "value" in want
            and "value" in got
            and _lot_value(got["value"]) != _lot_value(want["value"])
        ):
            out.append(f"lot.value: verwacht {want['value']}, geleverd {_show(got.get('value'))}")
        if "seats_so_far" in expected:
            out += _diff_maps(
                "seats_so_far", expected["seats_so_far"], provided.get("seats_so_far"), _seat_map
            )
    return out


def _provided(result: Mapping[str, Any]) -> dict[str, Any]:
    return {key: result[key] for key in COMPARED if key in result}


class UnreadableInput(Exception):
    """The vector's input is not valid, so the judge cannot apply the rules to an answer:
    a fault of the suite (or of the judge's reader), never a reason to pass the answer."""

    def __init__(self, rejected: Rejected) -> None:
        self.problems = "; ".join(f"{e.field or '$'}: {e.message}" for e in rejected.errors[:5])
        super().__init__(self.problems)


def rule_violations(vector: Vector, result: Mapping[str, Any]) -> tuple[RuleViolation, ...]:
    """The executable specification over the answer (``spec.check``, or
    ``spec.district_check.check_districts`` for ``allocate-districts``). Raises
    ``UnreadableInput`` when the vector's input is not valid: no rule can be applied then, and
    an answer that is not judged must not pass."""
    found: list[Violation]
    if vector.operation == DISTRICTS_OPERATION:
        districts = parse_district_election(vector.input)
        if isinstance(districts, Rejected):
            raise UnreadableInput(districts)
        found = check_districts(districts, result)
    else:
        election = (
            weighed_by_law(vector.input)
            if vector.operation == EERSTE_KAMER_OPERATION
            else parse_election(vector.input)
        )
        if isinstance(election, Rejected):
            raise UnreadableInput(election)
        found = check(election, result)
    return tuple(RuleViolation(v.rule_id, v.article, v.message) for v in found)


def judge(vector: Vector, answer: Answer) -> Verdict:
    """The verdict on ``answer`` to ``vector``."""
    if answer.status == "skipped":
        return Verdict(
            "SKIPPED", f"overgeslagen door de adapter: {answer.message or 'geen reden gegeven'}"
        )
    if answer.status == "errored":
        return Verdict(
            "ERROR",
            f"de adapter meldt een fout: {answer.message or 'zonder melding'}",
            answer_status="errored",
        )
    result = answer.result or {}
    if vector.operation == TOTALISE_OPERATION:  # its own kit: conformance.totalise_kit
        from conformance.totalise_kit import judge_totals, provided_totals

        if answer.repeated is not None:
            return _repeated(answer, provided_totals(answer.status, result))
        return judge_totals(vector, answer)
    provided = _provided(result)
    if answer.repeated is not None:
        return _repeated(answer, provided)
    if result.get("status") != answer.status:
        return Verdict(
            "FAIL",
            f"het antwoord zegt {answer.status} maar zijn resultaatdocument zegt "
            f"{_show(result.get('status'))}",
            answer_status=answer.status,
            differences=(f"status: antwoord {answer.status}, resultaat {result.get('status')}",),
            provided=provided,
        )
    found = tuple(differences(vector.expected, result, vector.operation))
    try:
        violations = (
            rule_violations(vector, result) if answer.status in ("completed", "needs_lot") else ()
        )
    except UnreadableInput as unreadable:
        return unreadable_input(answer.status, unreadable, found, provided)
    except Exception as exc:  # a defect of the specification: never let it end the run
        return Verdict(
            "ERROR",
            SPEC_DEFECT.format(exc=f"{type(exc).__name__}: {exc}")
            + (f"; het antwoord wijkt ook af: {'; '.join(found)}" if found else ""),
            answer_status=answer.status,
            differences=found,
            provided=provided,
        )
    how = "" if vector.operation == DISTRICTS_OPERATION else f" ({judgement(result)})"
    return pass_or_fail(answer.status, found, violations, provided, how)


def _repeated(answer: Answer, provided: Mapping[str, Any]) -> Verdict:
    """FAIL: the answer repeats a key (``answer.repeated``), for every operation."""
    return Verdict(
        "FAIL",
        f"het antwoord herhaalt de sleutel {answer.repeated}: een JSON-lezer mag elk van "
        "beide waarden nemen, dus het antwoord zegt niets met zekerheid",
        answer_status=answer.status,
        differences=(f"{answer.repeated}: de sleutel staat twee keer in één object",),
        provided=provided,
    )


def unreadable_input(
    answer_status: str,
    unreadable: UnreadableInput,
    found: tuple[str, ...],
    provided: Mapping[str, Any] | None,
) -> Verdict:
    """The verdict where the vector's input cannot be read: FAIL if the answer differs from the
    expected result anyway (it is wrong whatever the rules say), else ERROR (never PASS: the
    answer could not be judged by the rules)."""
    message = UNREADABLE_INPUT.format(problems=unreadable.problems)
    if found:
        return Verdict(
            "FAIL",
            f"{plural(len(found), 'verschil', 'verschillen')} met de verwachte uitkomst; {message}",
            answer_status=answer_status,
            differences=found,
            provided=provided,
        )
    return Verdict("ERROR", message, answer_status=answer_status, provided=provided)


def pass_or_fail(
    answer_status: str,
    found: tuple[str, ...],
    violations: tuple[RuleViolation, ...],
    provided: Mapping[str, Any] | None,
    how: str = "",
) -> Verdict:
    """PASS when the answer neither differs from the expected result nor violates a rule;
    otherwise FAIL, saying how many differences and which rules (``how``: how it was judged)."""
    if not found and not violations:
        return Verdict("PASS", AS_EXPECTED, answer_status=answer_status)
    parts = []
    if found:
        parts.append(f"{plural(len(found), 'verschil', 'verschillen')} met de verwachte uitkomst")
    if violations:
        parts.append(f"schendt {', '.join(sorted({v.rule_id for v in violations}))}{how}")
    return Verdict(
        "FAIL",
        "; ".join(parts),
        answer_status=answer_status,
        differences=found,
        violations=violations,
        provided=provided,
    )
