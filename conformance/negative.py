"""Testing a judge with the negative vectors: every wrong answer rejected, every right one kept.

A *judge* (a checker) takes an input and an answer and says whether the answer is lawful. The
negative vectors (the groups flagged ``invalid`` of the suite, see ``conformance.suite``) give,
per test, a WRONG answer and the rules it violates. ``check_judge`` runs a judge over them:

* every wrong answer must be **rejected**; a judge that names rules must name each listed rule
  (``rules_named``: ``False`` for a rule it does not name, reported but, for an external
  checker, only an error with ``require_rules``);
* as a control, the reference's right answer to the same input (final result, no steps) must
  be **accepted**, so a judge that rejects everything does not pass.

Our judge (``spec_judge``) is ``spec.check`` (for ``allocate-eerste-kamer`` over the election
weighed by the law's U 2 and U 3, ``spec.eerste_kamer.weighed_by_law``) /
``spec.district_check.check_districts`` / for ``totalise``
``spec.totalisation_rules.check_totals`` (an answer that is no ``kieswet/totals@1`` document
is rejected naming no rule).
``command_judge`` runs an external checker as a process speaking JSON Lines: one request per
line on its standard input, ``{"id": "123" | "123-control", "operation": ..., "input": {...},
"result": {...}}``, and one reply per request on its standard output, ``{"id": ...,
"verdict": "accept" | "reject", "rules": ["P19-ranking", ...]}`` (``rules`` optional), in any
order; the checker may read all requests before it answers.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from conformance.suite import (
    DISTRICTS_OPERATION,
    EERSTE_KAMER_OPERATION,
    TOTALISE_OPERATION,
    NegativeVector,
)
from conformance.totalise_kit import protocol_of, reference_result
from interchange.allocation import parse_election, result_to_json
from interchange.counts import parse_counts_input, parse_totals
from interchange.districts import district_result_to_json, parse_district_election
from interchange.engine import allocate_eerste_kamer_json
from interchange.judging import check, check_districts, weighed_by_law
from reference.allocate import allocate
from reference.districts import allocate_districts
from spec.counts import CONTROL_PROTOCOLS
from spec.districts import DistrictElection
from spec.model import Election, Rejected
from spec.totalisation_rules import check_totals


@dataclass(frozen=True, slots=True)
class Request:
    """One answer to judge: ``key`` is the vector id (``-control`` for the right answer)."""

    key: str
    operation: str
    input: Mapping[str, Any]
    result: Mapping[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.key,
            "operation": self.operation,
            "input": self.input,
            "result": self.result,
        }


@dataclass(frozen=True, slots=True)
class Reply:
    """A judge's verdict: rejected or not, and the rules it names (``None``: it names none)."""

    rejected: bool
    rules: frozenset[str] | None = None


Judge = Callable[[Sequence[Request]], dict[str, Reply]]


class JudgeError(Exception):
    """The external checker cannot be run or does not speak the protocol (the text says how)."""


@dataclass(frozen=True, slots=True)
class Finding:
    """A case the judge got wrong: the vector, and what went wrong."""

    id: int
    control: bool
    message: str


@dataclass(frozen=True, slots=True)
class JudgeReport:
    vectors: int
    controls: int
    findings: tuple[Finding, ...]
    unnamed: tuple[Finding, ...]
    """Wrong answers rejected without naming every listed rule."""

    @property
    def ok(self) -> bool:
        return not self.findings


def _right_answer(vector: NegativeVector) -> dict[str, Any]:
    """The reference's answer to the vector's input as a final result (no steps)."""
    if vector.vector.operation == TOTALISE_OPERATION:
        return reference_result(vector.vector.input)[1]
    if vector.vector.operation == DISTRICTS_OPERATION:
        district = parse_district_election(vector.vector.input)
        assert isinstance(district, DistrictElection)
        document = district_result_to_json(allocate_districts(district))
    elif vector.vector.operation == EERSTE_KAMER_OPERATION:
        document = result_to_json(allocate_eerste_kamer_json(vector.vector.input))
    else:
        election = parse_election(vector.vector.input)
        assert isinstance(election, Election)
        document = result_to_json(allocate(election))
    return {k: v for k, v in document.items() if k != "steps"}


def requests(negatives: Sequence[NegativeVector]) -> list[Request]:
    """The wrong answers, then one control (the right answer) per distinct base input."""
    out = [
        Request(str(n.vector.id), n.vector.operation, n.vector.input, n.result) for n in negatives
    ]
    seen: set[str] = set()
    for n in negatives:
        marker = json.dumps(n.vector.input, sort_keys=True)
        if marker in seen:
            continue
        seen.add(marker)
        out.append(
            Request(f"{n.vector.id}-control", n.vector.operation, n.vector.input, _right_answer(n))
        )
    return out


def spec_judge(batch: Sequence[Request]) -> dict[str, Reply]:
    """Our judge: ``spec.check``, ``spec.district_check.check_districts`` or
    ``spec.totalisation_rules.check_totals``."""
    out: dict[str, Reply] = {}
    for request in batch:
        if request.operation == TOTALISE_OPERATION:
            out[request.key] = _totalise_reply(request)
            continue
        if request.operation == DISTRICTS_OPERATION:
            district = parse_district_election(request.input)
            assert isinstance(district, DistrictElection)
            found = check_districts(district, request.result)
        elif request.operation == EERSTE_KAMER_OPERATION:
            weighed = weighed_by_law(request.input)
            assert isinstance(weighed, Election)
            found = check(weighed, request.result)
        else:
            election = parse_election(request.input)
            assert isinstance(election, Election)
            found = check(election, request.result)
        out[request.key] = Reply(bool(found), frozenset(v.rule_id for v in found))
    return out


def _totalise_reply(request: Request) -> Reply:
    """``spec.totalisation_rules.check_totals`` under the input's control protocol; an
    answer that is no ``kieswet/totals@1`` document is rejected naming no rule."""
    document = parse_counts_input(request.input)
    assert not isinstance(document, Rejected)
    totals = parse_totals(request.result)
    if isinstance(totals, Rejected):
        return Reply(True, frozenset())
    protocol = CONTROL_PROTOCOLS[protocol_of(document)]
    found = check_totals(document.hierarchy, document.inputs, totals, protocol)
    return Reply(bool(found), frozenset(v.rule_id for v in found))


def command_judge(command: Sequence[str], timeout: float) -> Judge:
    """An external checker run once over the whole batch (JSON Lines, see the module)."""

    def run(batch: Sequence[Request]) -> dict[str, Reply]:
        text = "".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in batch)
        try:
            done = subprocess.run(
                list(command),
                input=text.encode("utf-8"),
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except OSError as exc:  # not found, not executable, ...
            raise JudgeError(
                f"cannot start the checker {command[0]!r}: {exc.strerror or exc}"
            ) from exc
        except subprocess.TimeoutExpired as exc:
            raise JudgeError(f"the checker did not finish within {timeout:g} s") from exc
        if done.returncode != 0:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise JudgeError(
                f"the checker exited with status {done.returncode}"
                + (f": {' | '.join(tail)}" if tail else "")
            )
        replies: dict[str, Reply] = {}
        lines = done.stdout.decode("utf-8", "replace").splitlines()
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                reply = json.loads(line)
            except json.JSONDecodeError as exc:
                raise JudgeError(f"reply line {number} is not JSON ({exc.msg})") from exc
            if not isinstance(reply, dict) or reply.get("verdict") not in ("accept", "reject"):
                raise JudgeError(
                    f'reply line {number}: expected {{"id": ..., "verdict": "accept" | "reject"}}'
                )
            rules = reply.get("rules")
            named = (
                frozenset(str(r) for r in rules) if isinstance(rules, list) else None
            )
            replies[str(reply.get("id"))] = Reply(reply["verdict"] == "reject", named)
        missing = [r.key for r in batch if r.key not in replies]
        if missing:
            raise JudgeError(
                f"the checker gave no verdict for {len(missing)} request(s), first {missing[0]}"
            )
        return replies

    return run


def check_judge(
    negatives: Sequence[NegativeVector], judge: Judge, require_rules: bool = True
) -> JudgeReport:
    """Run ``judge`` over the negative vectors and their controls."""
    batch = requests(negatives)
    replies = judge(batch)
    by_key = {str(n.vector.id): n for n in negatives}
    findings: list[Finding] = []
    unnamed: list[Finding] = []
    controls = 0
    for request in batch:
        reply = replies[request.key]
        if request.key.endswith("-control"):
            controls += 1
            if reply.rejected:
                vector_id = int(request.key.removesuffix("-control"))
                rules = sorted(reply.rules or ())
                findings.append(
                    Finding(
                        vector_id,
                        True,
                        "het juiste antwoord op deze invoer wordt afgewezen"
                        + (f" (met {', '.join(rules)})" if rules else ""),
                    )
                )
            continue
        negative = by_key[request.key]
        listed = negative.vector.rules
        if not reply.rejected:
            findings.append(
                Finding(
                    negative.vector.id,
                    False,
                    f"het foute antwoord wordt aanvaard; het schendt {', '.join(listed)} "
                    f"({negative.vector.group}: {negative.vector.comment})",
                )
            )
            continue
        missing = sorted(set(listed) - set(reply.rules or ()))
        if missing and reply.rules is not None:
            finding = Finding(
                negative.vector.id,
                False,
                f"afgewezen, maar zonder {', '.join(missing)} te noemen (genoemd: "
                f"{', '.join(sorted(reply.rules)) or 'niets'})",
            )
            (findings if require_rules else unnamed).append(finding)
    return JudgeReport(len(negatives), controls, tuple(findings), tuple(unnamed))
