"""Build and verify the conformance vector suite (``kieswet/vectors@1`` files and their manifest).

The suite has four operations, one directory each:

* ``allocate``: one contest, input ``kieswet/seat-allocation-input@1``;
* ``allocate-districts``: an election with districts (stellen, lijstengroepen, P 12, old P 11),
  input ``kieswet/district-allocation-input@1``, result ``kieswet/district-allocation-result@1``;
* ``allocate-eerste-kamer``: the Eerste Kamer in member votes per body, input
  ``kieswet/eerste-kamer-input@1`` (weighted by U 2 and U 3 into an ordinary EK contest),
  result ``kieswet/seat-allocation-result@1``;
* ``totalise``: totalisation with the control protocol's checks, input
  ``kieswet/counts-input@1``, result ``kieswet/totals@1`` (hand-written cases of
  ``conformance.vector_sources.totalise``, built and checked by ``conformance.totalise_vectors``
  with ``spec.totalisation_rules``; the file's profile is the control protocol version).

``build`` gathers the vectors from their sources (the hand-written cases of
``conformance.vector_sources.handwritten``, ``.eerste_kamer`` and ``.districts``, the published
results in ``tests/fixtures/real`` (also split over districts by
``conformance.vector_sources.districts.real_contest_input``), and the seeded generator of
``conformance.vector_sources.generated``), computes every expected result with the reference
engine, checks each with the executable specification (``spec.check.check`` or
``spec.district_check.check_districts`` must find nothing) and against the independent
expectation of its source (the hand computation, or the officially published seats), and only
then writes the files, the manifest (``kieswet/vectors-manifest@1``: the SHA-256 of every file)
and the id registry. Every test also records ``judged_sha256``: the digest of the reference
adapter's answer to it, once ``conformance.judge`` has found that answer PASS
(``conformance.compare``: the runner passes an identical answer without judging it again).
Any disagreement stops the build with a ``BuildError`` naming the test;
nothing is written then.

Ids are stable: the registry maps each test's key (its file and the SHA-256 of its canonical
input) to its id. A rebuild keeps every existing id, gives new tests the next free ids, and
retires the ids of tests that are gone; a retired id is never given again.

``verify`` recomputes the SHA-256 of every file and reports the files that were modified, are
missing, or are not in the manifest. The output is deterministic: building twice gives the same
bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conformance import totalise_vectors
from conformance.compare import NotJudgedPass, judged_digest
from conformance.suite import (
    ALLOCATE_OPERATION,
    DISTRICTS_OPERATION,
    EERSTE_KAMER_OPERATION,
    TOTALISE_OPERATION,
    RepeatedKey,
    SuiteError,
    Vector,
    has_candidates,
    read_json_file,
    unique_keys,
)
from conformance.vector_sources import (
    districts,
    eerste_kamer,
    generated,
    handwritten,
    negative,
    negative_districts,
)
from interchange.allocation import parse_election, result_to_json
from interchange.districts import district_result_to_json, parse_district_election
from interchange.engine import (
    allocate_districts_json,
    allocate_eerste_kamer_json,
    eerste_kamer_election,
)
from interchange.judging import check, check_districts, weighed_by_law
from interchange.uninterrupted import uninterrupted
from reference.allocate import allocate
from reference.districts import allocate_districts
from spec.districts import DistrictCompleted, DistrictElection, DistrictResult
from spec.model import Election, Rejected
from spec.rules import RULES

FORMAT = "kieswet/vectors@1"
MANIFEST_FORMAT = "kieswet/vectors-manifest@1"
IDS_FORMAT = "kieswet/vector-ids@1"
SUITE_VERSION = "0.1.0"
OPERATION = ALLOCATE_OPERATION
MANIFEST = "manifest.json"

PACKAGE = Path(__file__).resolve().parent
DEFAULT_SUITE = PACKAGE / "vectors"
DEFAULT_IDS = PACKAGE / "vector_sources" / "ids.json"
DEFAULT_REAL = PACKAGE.parent / "tests" / "fixtures" / "real"

HANDWRITTEN_SOURCE = (
    "hand-written: conformance/vector_sources/handwritten.py (each case with its hand "
    "computation; expectations checked against the reference and spec.check)"
)
EERSTE_KAMER_SOURCE = (
    "hand-written: conformance/vector_sources/eerste_kamer.py (each case with its hand "
    "computation; expectations checked against the reference and spec.check)"
)
DISTRICTS_SOURCE = (
    "hand-written: conformance/vector_sources/districts.py (each case with its hand "
    "computation; expectations checked against the reference and spec.district_check)"
)

NOTES: dict[str, str] = {
    "boundary": "the case sits exactly on a legal boundary (18/19 seats, exactly 75% or 100% "
    "of the kiesdeler, exactly half of the votes, exactly the preference threshold, a "
    "remainder of 0)",
    "tie": "equal averages, remainders or candidate votes compete at some stage (decisive or not)",
    "needs_lot": "the expected result is a lot question: the implementation must stop and ask, "
    "never draw the lot itself",
    "lot": "the input feeds back lots drawn in public (lots), to be consumed in order",
    "absolute_majority": "P 9 moves a seat to a list with more than half of the votes",
    "exhaustion": "P 10: a list has fewer living candidates than seats; the surplus is reassigned",
    "unfilled": "P 10: seats stay empty because no list can take them (a warning, not an error)",
    "p8_round_2": "P 8 lid 3: a residual seat by greatest averages, one per list",
    "p8_further_rounds": "P 8 lid 3, further rounds: unrestricted greatest averages after list "
    "exhaustion (the Kiesraad's published interpretation)",
    "deceased": "the input has deceased candidates (P 19a)",
    "zero_votes_list": "a list has no votes",
    "protocol_threshold": "totalise: a station sits exactly on, or just beside, a threshold of "
    "the control protocol (the difference, 3%, 50 points, the swap factor or minimum)",
    "large_numbers": "a list has 100 000 000 votes or more",
    "candidates": "candidate-level data: the expected result includes the elected candidates",
    "rejected": "the input is invalid; only the status must match (errors are informative)",
    "header_mismatch": "the input deliberately names a law version or profile that is not the "
    "file's (an unknown one, to be rejected); the header names the capability needed",
    "real": "a published result: the expected seats are the officially allocated seats",
    "real_split": "a published national result given at district level: each list's published "
    "votes split over 20 districts with a fixed seed (exact sums), parties as stellen and "
    "lijstengroepen; the expected party seats are the officially allocated seats",
    "stel": "the input has stellen gelijkluidende lijsten (H 11 lid 1): district lists that are "
    "one list for chapter P",
    "lijstengroep": "the input has lijstengroepen (H 11 lid 2): one list for the number of seats "
    "(P 3), whose seats P 12 distributes over its lists",
    "combination": "the input has lijstencombinaties (law pre-2017-12: old P 4, old P 11)",
    "generated": "generated from a fixed seed; expected results from the reference engine, "
    "each checked by spec.check",
    "handwritten": "written by hand; the comment gives the hand computation",
    "invalid": "a negative vector: result is a WRONG answer to the input, which every judge "
    "must reject, naming the rules listed (expected is the right answer, as in the positive "
    "vector base)",
}

RULE_IDS = frozenset(rule.id for rule in RULES)


class BuildError(Exception):
    """The suite cannot be built: a source disagrees with the reference or the specification."""


class SourceUnreadable(BuildError):
    """A source of the suite (published results, id registry) cannot be read."""


class SuiteUnreadable(Exception):
    """The suite's manifest cannot be read or is not a ``kieswet/vectors-manifest@1``."""


# --------------------------------------------------------------------------- JSON writing


def _key_order(key: str) -> tuple[int, int, str]:
    return (0, int(key), "") if key.isdigit() else (1, 0, key)


def sorted_keys(value: Any) -> Any:
    """``value`` with every object's keys sorted (list numbers numerically, then names)."""
    if isinstance(value, dict):
        return {k: sorted_keys(value[k]) for k in sorted(value, key=_key_order)}
    if isinstance(value, list):
        return [sorted_keys(item) for item in value]
    return value


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _pretty(value: Any, depth: int, flat_from: int) -> str:
    """Objects and arrays nested less than ``flat_from`` deep on several lines, the rest on one."""
    if not isinstance(value, dict | list) or depth >= flat_from or not value:
        return _compact(value)
    pad = "  " * (depth + 1)
    if isinstance(value, dict):
        items = [
            f"{pad}{json.dumps(k, ensure_ascii=False)}: {_pretty(v, depth + 1, flat_from)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + "  " * depth + "}"
    items = [pad + _pretty(v, depth + 1, flat_from) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + "  " * depth + "]"


def dumps(document: Any, flat_from: int = 5) -> bytes:
    """The fixed file form: UTF-8, two-space indentation down to a test's fields, each field's
    value on one line, a trailing newline."""
    return (_pretty(document, 0, flat_from) + "\n").encode("utf-8")


def canonical_input(document: Any) -> str:
    """The canonical form of an input, the basis of a test's key."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------- the tests


@dataclass
class Pending:
    """A test before its id and expected result are known."""

    file: str
    group: str
    comment: str
    input: dict[str, Any]
    flags: set[str] = field(default_factory=set)
    articles: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    hand: handwritten.Case | None = None
    official: Mapping[str, Any] | None = None
    district_hand: districts.DistrictCase | None = None

    @property
    def label(self) -> str:
        return f"{self.file}, group {self.group!r}: {self.comment[:90]}"

    @property
    def key(self) -> str:
        return f"{self.file} {sha256(canonical_input(self.input).encode('utf-8'))}"


@dataclass
class FileSpec:
    """A vector file: its header and its groups (name → comment), in order."""

    path: str
    law: str
    profile: str
    source: str
    groups: dict[str, str]

    @property
    def operation(self) -> str:
        """The operation of the file: its directory."""
        return self.path.split("/", 1)[0]


def _topic_files(
    operation: str, topics: Mapping[str, handwritten.Topic], source: str
) -> list[FileSpec]:
    """One vector file per topic of hand-written cases."""
    return [
        FileSpec(f"{operation}/{name}.json", t.law, t.profile, source, dict(t.groups))
        for name, t in topics.items()
    ]


def _hand_pending(file: str, case: handwritten.Case | districts.DistrictCase) -> Pending:
    """A hand-written case as a test of ``file``, its hand computation kept for the check."""
    pending = Pending(
        file,
        case.group,
        case.comment,
        dict(case.input),
        {"handwritten", *case.flags},
        list(case.articles),
        list(case.rules),
    )
    if isinstance(case, districts.DistrictCase):
        pending.district_hand = case
    else:
        pending.hand = case
    return pending


def _refuse_unpaired_seats_so_far(
    case: handwritten.Case | districts.DistrictCase, what: str
) -> None:
    """A hand-written case with a lot question carries its hand-computed ``seats_so_far``, and
    no other case does: otherwise a ``BuildError`` naming the case."""
    if (case.lot is not None) != (case.seats_so_far is not None):
        raise BuildError(
            f"{what} {case.comment[:60]!r}: "
            + (
                "a lot question without its hand-computed seats_so_far"
                if case.lot is not None
                else "seats_so_far without a lot question"
            )
        )


def _handwritten(
    operation: str,
    topics: Mapping[str, handwritten.Topic],
    cases: Sequence[handwritten.Case],
    source: str,
) -> tuple[list[FileSpec], list[Pending]]:
    """Hand-written single-contest cases (``allocate`` from ``handwritten``, or
    ``allocate-eerste-kamer`` from ``eerste_kamer``): one file per topic."""
    tests = []
    for case in cases:
        if case.topic not in topics:
            raise BuildError(f"hand-written case {case.comment[:60]!r}: unknown topic")
        _refuse_unpaired_seats_so_far(case, "hand-written case")
        tests.append(_hand_pending(f"{operation}/{case.topic}.json", case))
    return _topic_files(operation, topics, source), tests


def _eerste_kamer() -> tuple[list[FileSpec], list[Pending]]:
    return _handwritten(
        EERSTE_KAMER_OPERATION, eerste_kamer.TOPICS, eerste_kamer.CASES, EERSTE_KAMER_SOURCE
    )


def _districts_handwritten() -> tuple[list[FileSpec], list[Pending]]:
    """The hand-written district cases; each goes to the topic that declares its group."""
    topic_of = {group: name for name, t in districts.TOPICS.items() for group in t.groups}
    tests = []
    for case in districts.CASES:
        if case.group not in topic_of:
            raise BuildError(f"district case {case.comment[:60]!r}: no topic has its group")
        _refuse_unpaired_seats_so_far(case, "district case")
        tests.append(_hand_pending(f"{DISTRICTS_OPERATION}/{topic_of[case.group]}.json", case))
    return _topic_files(DISTRICTS_OPERATION, districts.TOPICS, DISTRICTS_SOURCE), tests


def _districts_real(real_dir: Path) -> tuple[list[FileSpec], list[Pending]]:
    """Every published national result of ``districts.REAL_ELECTIONS`` at district level
    (``districts.real_contest_input``); one file per law version."""
    specs: dict[str, FileSpec] = {}
    tests: list[Pending] = []
    for name, law, combinations in districts.REAL_ELECTIONS:
        path = real_dir / f"{name}.json"
        if not path.is_file():
            raise SourceUnreadable(
                f"the published results are not at {real_dir} (tests/fixtures/real of a source "
                f"checkout: {path.name} is missing); give their directory with --real"
            )
        data = _read_fixture(path)
        contest = data["contests"][0]
        relpath = (
            f"{DISTRICTS_OPERATION}/real-national-results.json"
            if law == "current"
            else f"{DISTRICTS_OPERATION}/real-{name}-{law}.json"
        )
        if relpath not in specs:
            specs[relpath] = FileSpec(
                relpath,
                law,
                "default",
                "published national results (tests/fixtures/real, converted from the "
                "Kiesraad's results) split over 20 districts by "
                "conformance/vector_sources/districts.py (real_contest_input, seed "
                f"{districts.REAL_SEED})",
                {},
            )
        group = f"{data['election']} ({data['body']})"
        specs[relpath].groups[group] = (
            "The published votes of every list split over 20 districts with a fixed seed; "
            "parties as a stel, a lijstengroep of two stellen, or a lijstengroep of a stel and "
            "one district list (party p: group p or stel 10000 + 10 p, district lists 100 p + "
            "d). The expected party seats are the officially allocated seats."
        )
        document = districts.real_contest_input(contest["input"], law, combinations)
        document["election"]["name"] = f"{data['election']} {contest['name']}"
        document["election"]["date"] = data["date"]
        joined = "; lijstencombinaties " + ", ".join(" + ".join(c) for c in combinations)
        tests.append(
            Pending(
                relpath,
                group,
                f"{data['election']} {contest['name']} ({contest['code']}) at district level "
                f"(seed {districts.REAL_SEED}){joined if combinations else ''}: published "
                "seats.",
                document,
                {"real_split"},
                official={"seats": contest["seats"]},
            )
        )
    return list(specs.values()), tests


_FIXTURE_FIELDS = ("source", "converted_from")
"""Fields every converted fixture of ``tests/fixtures/real`` has (besides its contests or cases);
the published files themselves have no ``converted_from``."""


def _read_fixture(path: Path) -> Any:
    try:
        data = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=unique_keys)
    except (OSError, ValueError, RecursionError) as exc:
        reason = _reason(exc)
        raise SourceUnreadable(f"cannot read the published results {path}: {reason}") from exc
    missing = [f for f in _FIXTURE_FIELDS if not isinstance(data, dict) or f not in data]
    if missing:
        raise SourceUnreadable(
            f"{path} is not a converted fixture like those in tests/fixtures/real (no "
            f"{' or '.join(missing)}); give the directory of the converted fixtures with --real"
        )
    return data


def _reason(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, RepeatedKey):
        return f"the key {exc.args[0]!r} occurs twice in one object"
    return str(exc)


def _explicit(document: Mapping[str, Any], name: str, date: str | None) -> dict[str, Any]:
    """A fixture input with its law version, profile, name and date spelled out."""
    election = dict(document["election"])
    election.setdefault("law", "current")
    election.setdefault("profile", "default")
    election["name"] = name
    if date:
        election["date"] = date
    return {
        "format": handwritten.INPUT_FORMAT,
        "election": election,
        "lists": document["lists"],
        "lots": list(document.get("lots", [])),
    }


def _real(real_dir: Path) -> tuple[list[FileSpec], list[Pending]]:
    if not real_dir.is_dir():
        raise SourceUnreadable(
            f"the published results are not at {real_dir} (tests/fixtures/real of a source "
            "checkout); give their directory with --real"
        )
    specs: list[FileSpec] = []
    tests: list[Pending] = []
    for path in sorted(real_dir.glob("*.json")):
        if path.name == "real-cases.json":
            continue
        data = _read_fixture(path)
        relpath = f"{OPERATION}/real-{data['election']}.json"
        group = f"{data['election']} ({data['body']})"
        specs.append(
            FileSpec(
                relpath,
                "current",
                "default",
                f"{data['converted_from']} ({data['source']}); converted to our input format in "
                f"tests/fixtures/real/{path.name}",
                {
                    group: "Every contest of this election; the expected seats are the officially "
                    "allocated seats, list numbers follow the published order."
                },
            )
        )
        for contest in data["contests"]:
            name = f"{data['election']} {contest['name']}"
            official: dict[str, Any] = {"seats": contest["seats"]}
            if "residual_seat_order" in contest:
                official["residual_seat_order"] = contest["residual_seat_order"]
            tests.append(
                Pending(
                    relpath,
                    group,
                    f"{name} ({contest['code']}): published seats.",
                    _explicit(contest["input"], name, data.get("date")),
                    {"real"},
                    official=official,
                )
            )
    cases_path = real_dir / "real-cases.json"
    data = _read_fixture(cases_path)
    relpath = f"{OPERATION}/real-candidate-cases.json"
    group = "candidate-level municipal elections"
    specs.append(
        FileSpec(
            relpath,
            "current",
            "default",
            f"{data['converted_from']} ({data['source']}); converted in "
            "tests/fixtures/real/real-cases.json",
            {
                group: "Every candidate's votes; expected seats, full seats and elected candidates "
                "as in the source."
            },
        )
    )
    for case in data["cases"]:
        name = case["id"]
        if case["lots"]:
            tests.append(
                Pending(
                    relpath,
                    group,
                    f"{name} without its lot: {case['note']}",
                    _explicit(case["input"], name, None),
                    {"real"},
                    official={"lot": case["lots"][0]},
                )
            )
        with_lots = {**case["input"], "lots": case["lots"]}
        tests.append(
            Pending(
                relpath,
                group,
                f"{name}{' with the lot drawn in public' if case['lots'] else ''}: {case['note']}",
                _explicit(with_lots, name, None),
                {"real"},
                official=case["expected"],
            )
        )
    return specs, tests


def _generated(seed: int) -> tuple[list[FileSpec], list[Pending]]:
    specs = [
        FileSpec(
            f"{OPERATION}/{variant.topic}.json",
            variant.law,
            variant.profile,
            f"generated by kieswet vectors build (seed {seed}, "
            "conformance/vector_sources/generated.py)",
            dict(generated.GROUPS),
        )
        for variant in generated.VARIANTS
    ]
    tests: list[Pending] = []
    seen: set[str] = set()
    for item in generated.generate(seed):
        pending = Pending(
            f"{OPERATION}/{item.topic}.json", item.group, item.comment, item.input, {"generated"}
        )
        if pending.key not in seen:  # a generated duplicate adds nothing
            seen.add(pending.key)
            tests.append(pending)
    return specs, tests


# --------------------------------------------------------------------------- expectations


def expected_of(result_json: Mapping[str, Any], has_candidates: bool) -> dict[str, Any]:
    """What an implementation must match, taken from a result document."""
    status = result_json["status"]
    if status == "rejected":
        return {
            "status": status,
            "errors": [{"field": e["field"], "code": e["code"]} for e in result_json["errors"]],
        }
    if status == "needs_lot":
        question = result_json["lot"]
        lot = {"kind": question["kind"], "options": question["options"]}
        for key in ("list", "value"):
            if key in question:
                lot[key] = question[key]
        asked: dict[str, Any] = {"status": status, "lot": lot}
        if "seats_so_far" in result_json:
            asked["seats_so_far"] = result_json["seats_so_far"]
        return asked
    out = {
        "status": status,
        "seats": result_json["seats"],
        "full_seats": result_json["full_seats"],
        "residual_seat_order": result_json["residual_seat_order"],
    }
    if has_candidates:
        out.update(_candidates_expected(result_json))
    return out


def _candidates_expected(result_json: Mapping[str, Any]) -> dict[str, Any]:
    """The candidate fields the law decides: ``elected`` and ``elected_on_preference`` (lists
    electing nobody left out) and the P 19 ``ranking`` (per list ranked)."""
    out = {"elected": result_json["elected"]}
    for key in ("elected_on_preference", "ranking"):
        if key in result_json:
            out[key] = {k: v for k, v in result_json[key].items() if v != []}
    return out


def district_expected_of(result_json: Mapping[str, Any], has_candidates: bool) -> dict[str, Any]:
    """What an implementation must match, taken from a district result document: for a
    completed result the seats per party (``party_seats``: groups, stellen and lists in no
    group, after old P 11), per list (``seats``: the lists of P 12, stellen or district lists)
    and the elected candidates per list; otherwise as ``expected_of``."""
    if result_json["status"] != "completed":
        return expected_of(result_json, has_candidates)
    out = {
        "status": "completed",
        "party_seats": result_json["party_seats"],
        "seats": result_json["seats"],
    }
    if has_candidates:
        out.update(_candidates_expected(result_json))
    return out


def input_flags(election: Election) -> set[str]:
    """The flags an election's input alone earns (``NOTES`` explains each)."""
    flags: set[str] = set()
    if election.lots:
        flags.add("lot")
    if any(lst.votes == 0 for lst in election.lists):
        flags.add("zero_votes_list")
    if any(lst.votes >= 10**8 for lst in election.lists):
        flags.add("large_numbers")
    if any(lst.candidates is not None for lst in election.lists):
        flags.add("candidates")
    if any(c.deceased for lst in election.lists for c in lst.candidates or ()):
        flags.add("deceased")
    return flags


def _derive(test: Pending, election: Election | None, result_json: Mapping[str, Any]) -> None:
    """Flags, articles and rules that follow from the input and the reference's result."""
    flags, articles, rules = test.flags, test.articles, test.rules

    def add(article: str | None = None, *rule_ids: str) -> None:
        if article and article not in articles:
            articles.append(article)
        for rule_id in rule_ids:
            if rule_id not in rules:
                rules.append(rule_id)

    status = result_json["status"]
    if status == "rejected":
        flags.add("rejected")
    if election is None:
        return
    flags.update(input_flags(election))
    if status == "rejected":
        return
    add("P 5", "P5-quota")
    add("P 6", "P6-full-seats")
    if status == "needs_lot":
        flags.update(("needs_lot", "tie"))
        add(result_json["lot"]["article"], "LOT-decisive")
    for step in result_json["steps"]:
        kind = step["step"]
        if kind == "residual_seat":
            method = step["method"]
            if method == "largest_remainder":
                add("P 8 lid 1", "P8.1-largest-remainder", "P8.2-one-per-list")
            elif method == "greatest_average_one_per_list":
                flags.add("p8_round_2")
                add("P 8 lid 3", "P8.3-greatest-average", "P8.3-average-one-per-list")
            elif step["article"] == "P 7":
                add("P 7 lid 1", "P7.1-greatest-average")
            else:
                flags.add("p8_further_rounds")
                add("P 8 lid 3", "P8.3-greatest-average")
            for excluded in step["excluded"]:
                reason = excluded["reason"]
                if reason == "below_threshold":
                    if election.law == "bill-36641":
                        add(None, "BILL36641-full-quota")
                    elif method == "greatest_average":
                        add("P 7 lid 2", "P7.2-full-quota-threshold")
                    else:
                        add("P 8 lid 2", "P8.2-75-percent")
                elif reason == "no_votes":
                    add(None, "RESIDUAL-no-votes")
            if len(step["tied"]) > 1:
                flags.add("tie")
                add("P 7 lid 3" if step["article"] == "P 7" else "P 8 lid 4")
                add(None, "LOT-drawn" if step["lot"] else "TIE-list-order")
        elif kind == "absolute_majority":
            flags.add("absolute_majority")
            add("P 9", "P9-absolute-majority")
            if step["lot"]:
                flags.add("tie")
                add("P 9 lid 2", "LOT-drawn")
        elif kind == "list_exhaustion":
            flags.add("exhaustion")
            add("P 10", "P10-exhaustion")
        elif kind == "unfilled_seats":
            flags.add("unfilled")
            add("P 10", "P10-no-empty-seat-needlessly")
        elif kind == "preference":
            add("P 15", "P15-threshold", "P15-threshold-strict", "P15-preference-order")
            if step["elected_in_list_order"]:
                add("P 17", "P17-list-order")
            add("P 19", "P19-ranking")
            if step["deceased"]:
                add("P 19a", "P19a-deceased")
            if step["lot"]:
                flags.add("tie")
                add("P 15 lid 1", "LOT-drawn")


def _derive_districts(
    test: Pending,
    election: DistrictElection | None,
    result: DistrictResult,
    result_json: Mapping[str, Any],
) -> None:
    """Flags, articles and rules that follow from a district input and the reference's result;
    the allocation over parties and combinations (``national``) as for one contest."""
    flags, articles, rules = test.flags, test.articles, test.rules

    def add(article: str | None = None, *rule_ids: str) -> None:
        if article and article not in articles:
            articles.append(article)
        rules.extend(r for r in rule_ids if r not in rules)

    status = result_json["status"]
    if status == "rejected":
        flags.add("rejected")
    if election is None:
        return
    for flag, present in (
        ("lot", election.lots),
        ("stel", election.sets),
        ("lijstengroep", election.groups),
        ("combination", election.combinations),
        ("candidates", [lst for lst in election.lists if lst.candidates is not None]),
    ):
        if present:
            flags.add(flag)
    if status == "rejected":
        return
    if status == "needs_lot":
        flags.update(("needs_lot", "tie"))
        add(result_json["lot"]["article"])
        stage = result_json["stage"]
        if stage == "national":
            add("P 5", "P5-quota", "LOT-decisive")
        elif stage == "group":
            add("P 12", "P12.2-largest-remainder")
        elif stage == "combination":
            add("P 11", "combination-P11-largest-remainder")
        else:
            add("P 15 lid 1", "P15.2-summed-preference")
        return
    assert isinstance(result, DistrictCompleted)
    _derive(test, result.national_election, result_json["national"])
    if election.groups:
        add("P 3")
    for distribution in result_json["distributions"]:
        if distribution["step"] == "group_distribution":
            add("P 12", "P12-seat-sum", "P12.1-group-quota")
            if distribution["remainder_order"]:
                add("P 12 lid 5", "P12.2-largest-remainder")
        else:
            add("P 4", "combination-P11-quota")
            add("P 11")
            if distribution["remainder_order"]:
                add(None, "combination-P11-largest-remainder")
        if distribution["reassigned"]:
            flags.add("exhaustion")
            add("P 13")
        if distribution["lot"]:
            flags.add("tie")
    if result_json["preference"]:
        add("P 15 lid 1", "P15.2-summed-preference")
        add("P 17", "P18-elected-once")
    if result_json["placements"]:
        add("P 16", "P16-placement")
    if result_json["double_elections"]:
        add("P 18")
    group_units = {member for group in election.groups for member in group.members}
    if any(result.ranking.get(unit) for unit in group_units):
        add("P 19", "P19-group-ranking")


def _in_list_order(values: Sequence[int], document: Mapping[str, Any]) -> dict[str, int]:
    """A hand computation's figures per list, given in the order of the input's lists, keyed by
    those lists' numbers."""
    numbers = [item["number"] for item in document["lists"]]
    return {str(number): value for number, value in zip(numbers, values, strict=True)}


def _question(lot: Mapping[str, Any]) -> dict[str, Any]:
    """A lot question as a hand computation states it: kind, options and (if any) list."""
    return {k: v for k, v in lot.items() if k != "value"}


def _check_hand(test: Pending, expected: Mapping[str, Any]) -> list[str]:
    case = test.hand
    assert case is not None
    problems = []
    if expected["status"] != case.status:
        return [f"status {expected['status']}, the hand computation says {case.status}"]
    if case.errors is not None:
        got = [(e["field"], e["code"]) for e in expected["errors"]]
        if got != list(case.errors):
            problems.append(f"errors {got}, the hand computation says {list(case.errors)}")
    if case.lot is not None:
        if _question(expected["lot"]) != dict(case.lot):
            problems.append(f"lot {expected['lot']}, the hand computation says {dict(case.lot)}")
        hand = _keyed(case.seats_so_far or {})
        if expected.get("seats_so_far") != hand:
            problems.append(
                f"seats_so_far {expected.get('seats_so_far')}, the hand computation says {hand}"
            )
    if case.status == "completed":
        pairs: list[tuple[str, Any, Any]] = [
            ("seats", expected["seats"], _in_list_order(case.seats or (), case.input)),
        ]
        if case.full_seats is not None:
            pairs.append(
                ("full_seats", expected["full_seats"], _in_list_order(case.full_seats, case.input))
            )
        if case.residual_seat_order is not None:
            pairs.append(
                (
                    "residual_seat_order",
                    expected["residual_seat_order"],
                    list(case.residual_seat_order),
                )
            )
        for number, candidates in case.elected.items():
            pairs.append(
                (
                    f"elected[{number}]",
                    expected.get("elected", {}).get(str(number)),
                    list(candidates),
                )
            )
        for what, got, hand in pairs:
            if got != hand:
                problems.append(f"{what} {got}, the hand computation says {hand}")
    return problems


def _check_official(test: Pending, expected: Mapping[str, Any]) -> list[str]:
    official = test.official
    assert official is not None
    if "lot" in official:
        want = {"kind": official["lot"]["kind"], "options": official["lot"]["options"]}
        if expected["status"] != "needs_lot" or _question(expected["lot"]) != want:
            return [f"expected a lot question {want}, the reference gives {dict(expected)}"]
        return []
    if expected["status"] != "completed":
        return [f"status {expected['status']}, the published result is complete"]
    problems = []
    for key in ("seats", "full_seats", "residual_seat_order"):
        if key in official and expected[key] != official[key]:
            problems.append(f"{key} {expected[key]}, published {official[key]}")
    if "residual_seat_order_before_p10" in official:
        moved = [move["to"] for move in official.get("p10_moves", [])]
        want = official["residual_seat_order_before_p10"] + moved
        if expected["residual_seat_order"] != want:
            problems.append(
                f"residual_seat_order {expected['residual_seat_order']}, published {want} "
                "(the order before P 10, then the P 10 reassignments)"
            )
    for number, elected in official.get("elected", {}).items():
        want = elected["preference"] + elected["list_order"]
        if expected["elected"].get(number) != want:
            got = expected["elected"].get(number)
            problems.append(f"elected[{number}] {got}, published {want}")
    return problems


def _keyed(mapping: Mapping[int, Any]) -> dict[str, Any]:
    return {str(number): value for number, value in mapping.items()}


def _check_district_hand(
    test: Pending, expected: Mapping[str, Any], result_json: Mapping[str, Any]
) -> list[str]:
    """The expected result against the hand computation; the P 19 ranking (not part of what
    an implementation must match, but checked by rule P19-group-ranking when it gives one)
    against the reference's result document."""
    case = test.district_hand
    assert case is not None
    if expected["status"] != case.status:
        return [f"status {expected['status']}, the hand computation says {case.status}"]
    pairs: list[tuple[str, Any, Any]] = []
    if case.errors is not None:
        got = [(e["field"], e["code"]) for e in expected["errors"]]
        pairs.append(("errors", got, list(case.errors)))
    if case.lot is not None:
        pairs.append(("lot", _question(expected["lot"]), dict(case.lot)))
        pairs.append(
            ("seats_so_far", expected.get("seats_so_far"), _keyed(case.seats_so_far or {}))
        )
    if case.status == "completed":
        pairs.append(("party_seats", expected["party_seats"], _keyed(case.party_seats or {})))
        pairs.append(("seats", expected["seats"], _keyed(case.seats or {})))
        for number, candidates in case.elected.items():
            got = expected.get("elected", {}).get(str(number))
            pairs.append((f"elected[{number}]", got, list(candidates)))
        if case.ranking is not None:
            hand = {str(number): list(order) for number, order in case.ranking.items()}
            pairs.append(("ranking", result_json.get("ranking"), hand))
    return [
        f"{what} {got}, the hand computation says {hand}"
        for what, got, hand in pairs
        if got != hand
    ]


def _check_district_official(test: Pending, expected: Mapping[str, Any]) -> list[str]:
    """The party seats, by published list number, against the officially allocated seats."""
    official = test.official
    assert official is not None
    if expected["status"] != "completed":
        return [f"status {expected['status']}, the published result is complete"]
    by_list = {
        str(districts.published_list_number(int(party))): seats
        for party, seats in expected["party_seats"].items()
    }
    if by_list != official["seats"]:
        return [f"party seats by list {by_list}, published {official['seats']}"]
    return []


def _check_header(test: Pending, spec: FileSpec) -> None:
    election = test.input.get("election", {})
    if "header_mismatch" not in test.flags and (
        election.get("law") != spec.law or election.get("profile") != spec.profile
    ):
        raise BuildError(
            f"{test.label}: the input's law/profile {election.get('law')}/"
            f"{election.get('profile')} differ from the file's {spec.law}/{spec.profile}"
        )


def _check_rules(test: Pending) -> None:
    unknown = [r for r in test.rules if r not in RULE_IDS]
    if unknown:
        raise BuildError(f"{test.label}: unknown rule id(s) {unknown} (see spec.rules)")


def _evaluate(test: Pending, spec: FileSpec) -> dict[str, Any]:
    """The expected result of ``test``, after every check; raises ``BuildError``."""
    if spec.operation == TOTALISE_OPERATION:  # its own checks: conformance.totalise_vectors
        return totalise_vectors.evaluate(test, spec)
    _check_header(test, spec)
    if spec.operation == DISTRICTS_OPERATION:
        return _evaluate_districts(test)
    parsed: Election | Rejected
    if spec.operation == EERSTE_KAMER_OPERATION:
        parsed = eerste_kamer_election(test.input)
        if not isinstance(parsed, Rejected):
            test.articles.extend(a for a in ("U 2", "U 3") if a not in test.articles)
            test.rules.extend(r for r in ("U2-stemwaarde", "U3-stemcijfer") if r not in test.rules)
    else:
        parsed = parse_election(test.input)
    result = parsed if isinstance(parsed, Rejected) else allocate(parsed)
    result_json = result_to_json(result)
    parsed_election = None if isinstance(parsed, Rejected) else parsed
    if parsed_election is not None:
        violations = check(parsed_election, result_json)
        if violations:
            listed = "; ".join(f"{v.rule_id}: {v.message}" for v in violations)
            raise BuildError(f"{test.label}: spec.check rejects the reference's result: {listed}")
    expected = expected_of(result_json, has_candidates(test.input))
    problems = []
    if test.hand is not None:
        problems = _check_hand(test, expected)
    elif test.official is not None:
        problems = _check_official(test, expected)
    if problems:
        raise BuildError(
            f"{test.label}: the reference disagrees with the source: {'; '.join(problems)}"
        )
    _derive(test, parsed_election, result_json)
    _check_rules(test)
    return expected


def _evaluate_districts(test: Pending) -> dict[str, Any]:
    """``_evaluate`` for an ``allocate-districts`` test: the reference's district result,
    checked by ``spec.district_check.check_districts`` and against the source."""
    parsed = parse_district_election(test.input)
    result = parsed if isinstance(parsed, Rejected) else allocate_districts(parsed)
    result_json = district_result_to_json(result)
    election = None if isinstance(parsed, Rejected) else parsed
    if election is not None:
        violations = check_districts(election, result_json)
        if violations:
            listed = "; ".join(f"{v.rule_id}: {v.message}" for v in violations)
            raise BuildError(
                f"{test.label}: spec.district_check rejects the reference's result: {listed}"
            )
    expected = district_expected_of(result_json, has_candidates(test.input))
    problems = []
    if test.district_hand is not None:
        problems = _check_district_hand(test, expected, result_json)
    elif test.official is not None:
        problems = _check_district_official(test, expected)
    if problems:
        raise BuildError(
            f"{test.label}: the reference disagrees with the source: {'; '.join(problems)}"
        )
    _derive_districts(test, election, result, result_json)
    _check_rules(test)
    return expected


# --------------------------------------------------------------------------- ids


@dataclass
class Registry:
    """Stable ids: test key → id, the next free id, and the ids retired for good."""

    ids: dict[str, int]
    next_id: int
    retired: list[int]

    @classmethod
    def load(cls, path: Path) -> Registry:
        if not path.exists():
            return cls({}, 1, [])
        try:
            data = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=unique_keys)
        except (OSError, ValueError, RecursionError) as exc:
            reason = _reason(exc)
            raise SourceUnreadable(f"cannot read the id registry {path}: {reason}") from exc
        ok = (
            isinstance(data, dict)
            and data.get("format") == IDS_FORMAT
            and isinstance(data.get("ids"), dict)
            and all(type(v) is int for v in data["ids"].values())
            and type(data.get("next_id")) is int
            and isinstance(data.get("retired"), list)
            and all(type(v) is int for v in data["retired"])
        )
        if not ok:
            raise SourceUnreadable(
                f"the id registry {path} is not a {IDS_FORMAT} document "
                "(format, ids: key → id, next_id, retired)"
            )
        registry = cls(dict(data["ids"]), data["next_id"], list(data["retired"]))
        problem = registry.problem()
        if problem is not None:
            raise SourceUnreadable(f"the id registry {path}: {problem}")
        return registry

    def problem(self) -> str | None:
        """What makes the registry unusable: an id given to two tests, an id that is also
        retired, an id that is not positive or not below ``next_id``; or ``None``."""
        owner: dict[int, str] = {}
        for key, number in sorted(self.ids.items()):
            if number in owner:
                return f"id {number} is given to two tests, {owner[number]!r} and {key!r}"
            if not 1 <= number < self.next_id:
                return f"id {number} of {key!r} is not between 1 and next_id - 1"
            owner[number] = key
        for number in self.retired:
            if number in owner:
                return f"id {number} is retired but still given to {owner[number]!r}"
        return None

    def assign(self, keys: Iterable[str]) -> dict[str, int]:
        """Ids for ``keys`` (in order); retires the ids of keys no longer present."""
        keys = list(keys)
        present = set(keys)
        for key in sorted(set(self.ids) - present):
            self.retired.append(self.ids.pop(key))
        for key in keys:
            if key not in self.ids:
                self.ids[key] = self.next_id
                self.next_id += 1
        return {key: self.ids[key] for key in keys}

    def to_json(self) -> dict[str, Any]:
        return {
            "format": IDS_FORMAT,
            "comment": "Stable test ids of the conformance suite: key (vector file and the "
            "SHA-256 of the test's canonical input) → id. Written by kieswet vectors build; "
            "retired ids are never given again.",
            "next_id": self.next_id,
            "retired": sorted(self.retired),
            "ids": dict(sorted(self.ids.items())),
        }


# --------------------------------------------------------------------------- build


@dataclass(frozen=True)
class BuildSummary:
    files: dict[str, int]  # relative path → number of tests
    new_ids: int
    retired_ids: int

    @property
    def tests(self) -> int:
        return sum(self.files.values())


def _published(
    read: Callable[[Path], tuple[list[FileSpec], list[Pending]]], real_dir: Path
) -> tuple[list[FileSpec], list[Pending]]:
    """``read(real_dir)``, with a fixture of another shape refused as an unreadable source."""
    try:
        return read(real_dir)
    except (KeyError, IndexError, TypeError, AttributeError) as exc:
        raise SourceUnreadable(
            f"the published results at {real_dir} are not in the form of tests/fixtures/real "
            f"({type(exc).__name__}: {exc}); give the directory of the converted fixtures "
            "with --real"
        ) from exc


def collect(real_dir: Path, seed: int) -> tuple[list[FileSpec], list[Pending]]:
    """Every file and every test, from every source, in the suite's order."""
    specs: list[FileSpec] = []
    tests: list[Pending] = []
    for more_specs, more_tests in (
        _handwritten(OPERATION, handwritten.TOPICS, handwritten.CASES, HANDWRITTEN_SOURCE),
        _published(_real, real_dir),
        _generated(seed),
        _eerste_kamer(),
        _districts_handwritten(),
        _published(_districts_real, real_dir),
        totalise_vectors.collect(),
    ):
        specs.extend(more_specs)
        tests.extend(more_tests)
    return specs, tests


def render(
    specs: Sequence[FileSpec], tests: Sequence[Pending], registry: Registry
) -> tuple[dict[str, bytes], dict[str, int]]:
    """The vector files' bytes and their numbers of tests (by relative path); raises
    ``BuildError``. Ids are given in the order of ``specs``, then of ``tests``."""
    by_path = {spec.path: spec for spec in specs}
    seen: dict[str, str] = {}
    for test in tests:
        if test.file not in by_path:
            raise BuildError(f"{test.label}: no such vector file")
        if test.key in seen:
            raise BuildError(f"{test.label}: the same input as {seen[test.key]}")
        seen[test.key] = test.label
        if test.group not in by_path[test.file].groups:
            raise BuildError(f"{test.label}: group {test.group!r} is not declared for the file")
    expected = [_evaluate(test, by_path[test.file]) for test in tests]
    wrongs = negatives(specs, tests, expected)
    wrong_totals = totalise_vectors.negatives(specs, tests, expected)
    ids = registry.assign(
        [test.key for spec in specs for test in tests if test.file == spec.path]
        + [w.key for w in wrongs]
        + [w.key for w in wrong_totals]
    )
    files: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    for relpath, data, count in [
        *render_negatives(wrongs, ids),
        *totalise_vectors.render_negatives(wrong_totals, ids),
    ]:
        files[relpath] = data
        counts[relpath] = count
    for spec in specs:
        mine = [(t, e) for t, e in zip(tests, expected, strict=True) if t.file == spec.path]
        if not mine:
            raise BuildError(f"{spec.path}: no tests")
        used = sorted({flag for t, _ in mine for flag in t.flags})
        groups = []
        for name, comment in spec.groups.items():
            in_group = [(t, e) for t, e in mine if t.group == name]
            if not in_group:
                continue
            groups.append(
                {
                    "name": name,
                    "comment": comment,
                    "tests": [
                        {
                            "id": ids[t.key],
                            "comment": t.comment,
                            "flags": sorted(t.flags),
                            "articles": t.articles,
                            "rules": t.rules,
                            "input": sorted_keys(t.input),
                            "expected": sorted_keys(e),
                            "judged_sha256": _judged(t, spec, e, ids[t.key]),
                        }
                        for t, e in in_group
                    ],
                }
            )
        document = {
            "format": FORMAT,
            "suite_version": SUITE_VERSION,
            "operation": spec.operation,
            "law": spec.law,
            "profile": spec.profile,
            "source": spec.source,
            "notes": {flag: NOTES[flag] for flag in used},
            "groups": groups,
        }
        files[spec.path] = dumps(document)
        counts[spec.path] = len(mine)
    return files, counts


def _judged(test: Pending, spec: FileSpec, expected: Mapping[str, Any], vector_id: int) -> str:
    """The digest of the reference adapter's answer to ``test``, judged PASS once here, with
    the input and expected result as the runner reads them from the file written."""
    from conformance.adapters.reference_adapter import handle
    from conformance.protocol import Case

    key = str(vector_id)
    as_read = json.loads(json.dumps({"input": sorted_keys(test.input), "expected": expected}))
    vector = Vector(
        id=vector_id,
        key=key,
        file=spec.path,
        group=test.group,
        comment=test.comment,
        flags=tuple(sorted(test.flags)),
        articles=tuple(test.articles),
        rules=tuple(test.rules),
        operation=spec.operation,
        law=spec.law,
        file_law=spec.law,
        profile=spec.profile,
        kind=None,
        input=as_read["input"],
        expected=sorted_keys(as_read["expected"]),
    )
    try:
        return judged_digest(vector, handle(Case(key, spec.operation, vector.input)))
    except NotJudgedPass as exc:
        raise BuildError(
            f"{test.label}: the reference adapter's answer is not PASS: {exc}"
        ) from exc


# --------------------------------------------------------------------------- negative vectors

NEGATIVE_FILE = "invalid-answers.json"
BILL_LAW = "bill-36641"
NEGATIVE_SOURCE = (
    "negative vectors: conformance/vector_sources/negative.py (each a wrong answer to a "
    "positive vector of this suite, changed in one way for the stated reason; the build "
    "checks that the executable specification rejects it naming the listed rules)"
)


@dataclass
class NegativeTest:
    """A wrong answer to the input of a positive test, with the rules it must violate."""

    base: Pending
    expected: Mapping[str, Any]
    wrong: negative.Wrong
    rules: list[str]
    law: str = "current"
    """The law of the base's file: the negative vectors of another law than ``current`` go in
    a file of their own (``invalid-answers-LAW.json``), whose header names it."""

    @property
    def file(self) -> str:
        name = NEGATIVE_FILE if self.law == "current" else f"invalid-answers-{self.law}.json"
        return f"{self.base.file.split('/', 1)[0]}/{name}"

    @property
    def key(self) -> str:
        both = canonical_input({"input": self.base.input, "result": self.wrong.result})
        return f"{self.file} {sha256(both.encode('utf-8'))}"


def _negative_base(test: Pending, spec: FileSpec) -> bool:
    """Whether ``test`` is a base for negative vectors: law ``current`` (for
    ``allocate-districts`` also ``pre-2017-12``, the law of the lijstencombinaties; for
    ``allocate`` also ``bill-36641``, for ``negative.bill_wrongs``: the rule only that law
    has), profile ``default``, a valid input, written by hand, generated, a published
    candidate-level case, or a published national result at district level (the contests of
    the published seat totals would only repeat the same perturbations)."""
    laws = {
        ALLOCATE_OPERATION: ("current", BILL_LAW),
        DISTRICTS_OPERATION: ("current", "pre-2017-12"),
        EERSTE_KAMER_OPERATION: ("current",),
    }
    return (
        spec.law in laws.get(spec.operation, ())
        and spec.profile == "default"
        and "header_mismatch" not in test.flags
        and ("real" not in test.flags or "candidates" in test.flags)
    )


def _eerste_kamer_allocator(document: Mapping[str, Any]) -> dict[str, Any]:
    """The reference's whole answer (steps included) to an Eerste Kamer input."""
    return result_to_json(allocate_eerste_kamer_json(document))


def _districts_allocator(document: Mapping[str, Any]) -> dict[str, Any]:
    """The reference's whole answer (trace included) to a district input."""
    return district_result_to_json(allocate_districts_json(document))


def _allocator(document: Mapping[str, Any]) -> dict[str, Any]:
    parsed = parse_election(document)
    return result_to_json(parsed if isinstance(parsed, Rejected) else allocate(parsed))


def negatives(
    specs: Sequence[FileSpec], tests: Sequence[Pending], expected: Sequence[Mapping[str, Any]]
) -> list[NegativeTest]:
    """The negative vectors of the suite, each checked: our judge rejects the wrong answer
    naming every rule of ``Wrong.rules`` (or, for a ``family``, at least one; the vector lists
    those named). Raises ``BuildError`` when a wrong answer is accepted."""
    by_path = {spec.path: spec for spec in specs}
    out: list[NegativeTest] = []
    seen: set[str] = set()
    for test, want in zip(tests, expected, strict=True):
        spec = by_path[test.file]
        if not _negative_base(test, spec):
            continue
        election: Election | DistrictElection
        if want["status"] == "rejected":
            # Only a valid allocate input whose supplied lot does not fit (lot_mismatch) is a
            # base: the wrong answers ignore or follow that lot (negative.misfit_lot_wrongs).
            if spec.operation != ALLOCATE_OPERATION or spec.law != "current":
                continue
            contest = parse_election(test.input)
            if not isinstance(contest, Election):
                continue
            wrongs = negative.misfit_lot_wrongs(test.input, want, _allocator)
            election = contest
        elif spec.operation == DISTRICTS_OPERATION:
            district = parse_district_election(test.input)
            assert isinstance(district, DistrictElection)
            result = district_result_to_json(allocate_districts(district))
            wrongs = [] if spec.law != "current" else negative.district_wrongs(test.input, result)
            wrongs += negative_districts.district_wrongs(test.input, result)
            wrongs += negative_districts.candidate_lot_wrongs(
                test.input, result, _districts_allocator
            )
            election = district
        elif spec.operation == EERSTE_KAMER_OPERATION:
            weighed = weighed_by_law(test.input)
            assert not isinstance(weighed, Rejected)
            result = _eerste_kamer_allocator(test.input)
            wrongs = negative_districts.eerste_kamer_wrongs(
                test.input, result, _eerste_kamer_allocator
            )
            election = weighed
        else:
            contest = parse_election(test.input)
            assert isinstance(contest, Election)
            result = result_to_json(allocate(contest))
            if spec.law == BILL_LAW:
                wrongs = negative.bill_wrongs(test.input, result, _allocator)
            else:
                wrongs = negative.allocate_wrongs(
                    test.input, result, _allocator, plain="handwritten" in test.flags
                )
            election = contest
        for wrong in wrongs:
            found = (
                check_districts(election, wrong.result)
                if isinstance(election, DistrictElection)
                else check(election, wrong.result)
            )
            named = {v.rule_id for v in found}
            if wrong.rules:
                missing = sorted(set(wrong.rules) - named)
                if missing:
                    raise BuildError(
                        f"{test.label}: the wrong answer ({wrong.kind.name}: {wrong.change}) is "
                        f"not found to violate {missing}; the judge names {sorted(named)}"
                    )
                rules = list(wrong.rules)
            else:
                rules = sorted(named & wrong.family)
                if not rules:
                    raise BuildError(
                        f"{test.label}: the wrong answer ({wrong.kind.name}: {wrong.change}) "
                        f"violates none of {sorted(wrong.family)}; the judge names "
                        f"{sorted(named)}"
                    )
            item = NegativeTest(test, want, wrong, rules, spec.law)
            if item.key not in seen:  # two bases may give the same wrong answer
                seen.add(item.key)
                out.append(item)
    return out


def render_negatives(
    wrongs: Sequence[NegativeTest], ids: Mapping[str, int]
) -> list[tuple[str, bytes, int]]:
    """The negative vector files (one per operation and law): groups flagged ``invalid``, one
    per kind of wrong answer, each test with the input, the right ``expected`` answer (so a
    runner that does not know negative vectors runs them as ordinary tests), the wrong
    ``result``, the rules it must violate, and the id of its positive vector (``base``)."""
    return render_negative_files(
        wrongs,
        ids,
        (*negative.KINDS, *negative_districts.KINDS),
        {rule.id: rule.article for rule in RULES},
        header=lambda relpath, mine: (relpath.split("/", 1)[0], mine[0].law, "default"),
        source=NEGATIVE_SOURCE,
        drop_flags=frozenset({"needs_lot", "lot"}),
    )


def render_negative_files(
    wrongs: Sequence[Any],
    ids: Mapping[str, int],
    kinds: Sequence[Any],
    articles: Mapping[str, str],
    *,
    header: Callable[[str, list[Any]], tuple[str, str, str]],
    source: str,
    drop_flags: frozenset[str] = frozenset(),
) -> list[tuple[str, bytes, int]]:
    """The files of negative vectors ``wrongs`` (each with ``file``, ``key``, ``base``,
    ``wrong``, ``rules`` and ``expected``; ``conformance.totalise_vectors`` uses it too): one
    per ``file``, a group per kind in the order of ``kinds`` (kinds without a wrong answer left
    out), the file's operation, law and profile from ``header``, the base's flags without
    ``drop_flags``."""
    out = []
    for relpath in sorted({w.file for w in wrongs}):
        mine = [w for w in wrongs if w.file == relpath]
        flags_used: set[str] = set()
        groups = []
        for kind in kinds:
            in_group = [w for w in mine if w.wrong.kind == kind]
            if not in_group:
                continue
            tests = []
            for w in in_group:
                flags = sorted({"invalid"} | (w.base.flags - drop_flags))
                flags_used.update(flags)
                base_id = ids[w.base.key]
                tests.append(
                    {
                        "id": ids[w.key],
                        "base": base_id,
                        "comment": f"Wrong answer to vector {base_id}: {w.wrong.change}.",
                        "flags": flags,
                        "articles": sorted({articles[r] for r in w.rules}),
                        "rules": w.rules,
                        "input": sorted_keys(w.base.input),
                        "expected": sorted_keys(w.expected),
                        "result": sorted_keys(w.wrong.result),
                    }
                )
            groups.append(
                {"name": kind.name, "comment": kind.reason, "invalid": True, "tests": tests}
            )
        operation, law, profile = header(relpath, mine)
        document = {
            "format": FORMAT,
            "suite_version": SUITE_VERSION,
            "operation": operation,
            "law": law,
            "profile": profile,
            "source": source,
            "notes": {flag: NOTES[flag] for flag in sorted(flags_used)},
            "groups": groups,
        }
        out.append((relpath, dumps(document), len(mine)))
    return out


def manifest_bytes(files: Mapping[str, bytes]) -> bytes:
    return dumps(
        {
            "format": MANIFEST_FORMAT,
            "suite_version": SUITE_VERSION,
            "files": {path: sha256(files[path]) for path in sorted(files)},
        },
        flat_from=2,
    )


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` whole or not at all (a temporary file renamed over ``path``)."""
    _write_all({path: data})


def _write_all(files: Mapping[Path, bytes], remove: Iterable[Path] = ()) -> None:
    """Write every file whole, then rename them all into place (in the order given; the
    manifest last) and remove ``remove``: the renames and removals cannot be interrupted by
    Ctrl-C, and a failure before them changes no file."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.tmp")
            temporary.write_bytes(data)
            staged.append((temporary, path))
        with uninterrupted():
            for temporary, path in staged:
                os.replace(temporary, path)
            for path in remove:
                path.unlink(missing_ok=True)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)


def build(
    suite_dir: Path = DEFAULT_SUITE,
    ids_path: Path = DEFAULT_IDS,
    real_dir: Path = DEFAULT_REAL,
    seed: int = generated.SEED,
) -> BuildSummary:
    """Build the suite into ``suite_dir``; raises ``BuildError`` before writing anything."""
    registry = Registry.load(ids_path)
    known_before = set(registry.ids)
    retired_before = len(registry.retired)
    specs, tests = collect(real_dir, seed)
    files, counts = render(specs, tests, registry)
    old = _listed(suite_dir)
    outputs = {suite_dir / relpath: data for relpath, data in files.items()}
    outputs[ids_path] = dumps(registry.to_json(), flat_from=2)
    outputs[suite_dir / MANIFEST] = manifest_bytes(files)
    # files of the previous build no longer produced are removed after the renames
    _write_all(outputs, [suite_dir / relpath for relpath in sorted(old - set(files))])
    return BuildSummary(
        counts,
        new_ids=len(set(registry.ids) - known_before),
        retired_ids=len(registry.retired) - retired_before,
    )


def _listed(suite_dir: Path) -> set[str]:
    """The files the existing manifest lists (empty when there is none or it is unreadable)."""
    try:
        files = json.loads((suite_dir / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return set()
    safe = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+\.json")
    return {p for p in files if isinstance(p, str) and safe.fullmatch(p)}


# --------------------------------------------------------------------------- verify


@dataclass(frozen=True)
class VerifyReport:
    files: int
    modified: tuple[str, ...]
    missing: tuple[str, ...]
    extra: tuple[str, ...]

    @property
    def intact(self) -> bool:
        return not (self.modified or self.missing or self.extra)


def verify(suite_dir: Path = DEFAULT_SUITE) -> VerifyReport:
    """Compare every file with the manifest; raises ``SuiteUnreadable`` if the manifest is."""
    path = suite_dir / MANIFEST
    try:
        manifest = read_json_file(path, "manifest")
    except SuiteError as exc:
        raise SuiteUnreadable(str(exc)) from exc
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if (
        not isinstance(manifest, dict)
        or manifest.get("format") != MANIFEST_FORMAT
        or not isinstance(files, dict)
        or not all(isinstance(v, str) for v in files.values())
    ):
        raise SuiteUnreadable(
            f"the manifest {path} is not a {MANIFEST_FORMAT} document "
            "(format, suite_version, files: path → SHA-256)"
        )
    modified, missing = [], []
    for relpath in sorted(files):
        target = suite_dir / relpath
        if Path(relpath).is_absolute() or ".." in Path(relpath).parts or not target.is_file():
            missing.append(relpath)
            continue
        try:
            digest = sha256(target.read_bytes())
        except OSError:
            missing.append(relpath)
            continue
        if digest != files[relpath]:
            modified.append(relpath)
    extra = [
        p.relative_to(suite_dir).as_posix()
        for p in sorted(suite_dir.rglob("*.json"))
        if p.relative_to(suite_dir).as_posix() not in (*files, MANIFEST)
    ]
    return VerifyReport(len(files), tuple(modified), tuple(missing), tuple(extra))
