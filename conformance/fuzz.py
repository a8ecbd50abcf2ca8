"""Differential fuzzing: generated elections through an adapter, judged against the reference.

``kieswet conformance fuzz`` starts one adapter process (``kieswet-adapter@1``, the same
handshake and process handling as the runner), generates inputs of one operation with
Hypothesis, restricted to what the adapter claims, and judges every answer as the runner judges
a vector (``conformance.judge``):

- ``allocate``: single-contest elections (``conformance.strategies.fuzz_elections``), expected
  result ``reference.allocate.allocate``, rules ``spec.check.check``;
- ``allocate-districts``: elections with districts, stellen, lijstengroepen and (law
  ``pre-2017-12``) lijstencombinaties (``conformance.strategies_districts.district_inputs``),
  expected result ``reference.districts.allocate_districts``, rules
  ``spec.district_check.check_districts``;
- ``allocate-eerste-kamer``: the Eerste Kamer in member votes per body
  (``conformance.strategies_districts.eerste_kamer_inputs``), expected result the reference's
  allocation of the weighted election (``reference.eerste_kamer``), rules ``spec.check.check``
  over that weighted election (U 2 and U 3 included).

Each operation is an ``OperationKit``: its strategy, how an input is parsed, what the reference
expects, and how a finding describes it. An adapter that does not claim the operation is sent
nothing: the session is skipped (``FuzzOutcome.skipped_operation`` says why).

It works in two phases, so that the adapter is kept busy and Hypothesis still shrinks:

1. **Exploring.** Hypothesis generates the examples (``@seed``, no example database, so a seed
   gives the same examples every time the same program runs it), each batch of them in one
   ``run`` message. Three batches are under way at a time: one being generated here, one being
   answered by the adapter, and one being allocated by the reference and judged in a worker
   process (``assess``). The first batch with a difference ends the phase; the first
   difference in generation order is the one pursued.
2. **Shrinking.** Hypothesis generates the same examples again with the same seed, this time
   as a failing test: the examples it has seen are answered from the record of phase 1, and
   from the failing one on it shrinks, sending every new candidate to the adapter as a batch
   of one. A candidate counts as failing when it differs *in the same way* (its
   ``Signature``): the same violated rule, the same differing field, or an error again. So the
   election shrinks to a minimal one showing that difference, not some other.

A difference is an answer that the runner would judge FAIL or ERROR. ERROR includes an adapter
process that crashes, hangs, prints something that is not a protocol line or answers a case it
was not asked: the process is killed and started again (at most ``max_restarts`` times), the
other cases of the batch are sent again on their own, and a case that makes it fail on its own
is a difference of kind ``errored``.

The minimal election is written as a ``kieswet/vectors@1`` file of its operation
(``write_finding``: ``DIR/<operation>/fuzz-<hex>.json``), with the reference's expected result,
the violated rule ids, the adapter's answer, and the provenance (adapter name and version,
command, seed), into a findings directory that also gets a manifest, so
``kieswet conformance run --suite DIR`` replays every finding in it.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shlex
import tempfile
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, TypeAlias

from hypothesis import HealthCheck, Phase, Verbosity, given, seed, settings
from hypothesis import strategies as st
from hypothesis.errors import Flaky

from conformance import strategies, strategies_districts
from conformance.judge import RuleViolation, Verdict, judge
from conformance.protocol import (
    PROTOCOL,
    Answer,
    Capabilities,
    Case,
    Run,
    Started,
    decode_reply,
)
from conformance.protocol import encode as encode_message
from conformance.runner import AdapterFailure, AdapterProcess, NoAnswer, handshake
from conformance.suite import (
    ALLOCATE_OPERATION,
    DISTRICTS_OPERATION,
    EERSTE_KAMER_OPERATION,
    MANIFEST,
    Vector,
    has_candidates,
    profile_switches,
)
from conformance.vectors_build import (
    NOTES,
    SUITE_VERSION,
    canonical_input,
    district_expected_of,
    dumps,
    expected_of,
    input_flags,
    manifest_bytes,
    sorted_keys,
)
from interchange.allocation import election_to_json, parse_election, result_to_json
from interchange.districts import district_result_to_json, parse_district_election
from interchange.engine import eerste_kamer_election
from reference.allocate import allocate
from reference.districts import allocate_districts
from spec.districts import DistrictElection
from spec.eerste_kamer import EerstekamerElection
from spec.model import ELECTION_KINDS, LAW_VERSIONS, Election, ElectionKind, LawVersion, Profile

OPERATION = ALLOCATE_OPERATION
"""The operation fuzzed by default (``FuzzOptions.operation``)."""

Model: TypeAlias = Election | DistrictElection
"""A parsed input: an ``Election`` (``allocate``; an ``EerstekamerElection``, the weighted
election, for ``allocate-eerste-kamer``) or a ``DistrictElection`` (``allocate-districts``)."""

FUZZ_ID_BASE = 1_000_000_000
FUZZ_ID_SPAN = 16**7
"""A finding's id: ``FUZZ_ID_BASE`` plus the first seven hex digits of the SHA-256 of its
canonical input, so between 1 000 000 000 and 1 268 435 455 (a signed 32-bit integer). The
suite's id registry counts up from 1, so a finding never takes the id of a suite vector; it is
a provisional id, and ``kieswet vectors build`` gives the test a permanent one when a reviewer
moves it into the suite's sources."""

FUZZ_NOTE = (
    "found by differential fuzzing (kieswet conformance fuzz) and shrunk by Hypothesis; the "
    "expected result is the reference engine's, checked by the executable specification; the "
    "comment names the adapter, what it answered and why that is wrong"
)

DifferenceKind: TypeAlias = Literal["errored", "violation", "difference"]


class FuzzUsageError(Exception):
    """The options leave nothing to generate for this adapter (the text says why)."""


class _Found(BaseException):
    """Ends the exploring phase from inside the Hypothesis test: a difference was found.

    A ``BaseException``, so Hypothesis lets it through instead of shrinking it."""


class _GaveUp(BaseException):
    """The adapter cannot be (re)started any more; the text says why."""


class _Internal(BaseException):
    """Carries an exception of the fuzzer itself out of Hypothesis, which would shrink it."""


class _Reproduced(Exception):
    """Raised by the shrinking test on an example that differs in the pursued way."""


@dataclass(frozen=True)
class FuzzOptions:
    """What to fuzz and how. ``operation``: ``allocate`` (the default), ``allocate-districts``
    or ``allocate-eerste-kamer``. Empty ``kinds``, ``laws`` and ``profiles``: every one the
    adapter claims (and the generator knows). ``focus`` applies to ``allocate`` only.
    ``shrink_limit``: at most that many examples are sent while shrinking (0: no
    shrinking)."""

    command: Sequence[str]
    examples: int = 1000
    seed: int = 0
    kinds: tuple[str, ...] = ()
    laws: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()
    focus: tuple[strategies.FocusMode, ...] = strategies.FOCUS_MODES
    batch_size: int = 100
    timeout: float = 10.0
    max_restarts: int = 50
    shrink_limit: int = 2000
    startup_timeout: float = 30.0
    stop_timeout: float = 5.0
    parallel: bool = True
    """Allocate with the reference and judge in a worker process while the next batch is
    generated (falls back to this process where a worker cannot be started)."""
    operation: str = OPERATION


@dataclass(frozen=True)
class Example:
    """One generated input: the parsed election (``Model``), its input document and the
    reference's expected result, for ``operation``."""

    election: Model
    document: dict[str, Any]
    expected: dict[str, Any]
    operation: str = OPERATION

    @property
    def kit(self) -> OperationKit:
        return KITS[self.operation]

    @property
    def size(self) -> tuple[int, int, int]:
        """Lists, candidates and seats: what a reviewer reads."""
        return self.kit.size(self.election)

    def describe(self) -> str:
        return self.kit.describe(self.election)


@dataclass(frozen=True)
class Signature:
    """How an answer differs: an error, a violated rule (``key`` its id), or a difference in
    a compared field without a violated rule (``key`` the field)."""

    kind: DifferenceKind
    key: str

    def matches(self, verdict: Verdict) -> bool:
        if self.kind == "errored":
            return verdict.status == "ERROR"
        if verdict.status != "FAIL":
            return False
        if self.kind == "violation":
            return any(v.rule_id == self.key for v in verdict.violations)
        return any(_field(d) == self.key for d in verdict.differences)

    def describe(self) -> str:
        if self.kind == "errored":
            return "de adapter faalt erop (ERROR)"
        if self.kind == "violation":
            return f"het antwoord schendt {self.key}"
        return f"het antwoord wijkt af van de referentie in {self.key}"


def _field(difference: str) -> str:
    return difference.split(":", 1)[0]


def signature(verdict: Verdict) -> Signature | None:
    """How ``verdict`` differs; ``None`` for PASS and SKIPPED. A FAIL is pursued by its first
    violated rule (rules come in the order of ``spec.rules.RULES``), else its first field."""
    if verdict.status == "ERROR":
        return Signature("errored", "")
    if verdict.status != "FAIL":
        return None
    if verdict.violations:
        return Signature("violation", verdict.violations[0].rule_id)
    return Signature("difference", _field(verdict.differences[0]) if verdict.differences else "")


@dataclass(frozen=True)
class Judged:
    """An example with the adapter's reply (its answer, or why the process failed) and verdict."""

    example: Example
    reply: Answer | str
    verdict: Verdict


@dataclass(frozen=True)
class Finding:
    """The minimal example that differs as the first difference found did."""

    judged: Judged
    signature: Signature
    first: Judged
    found_after: int
    shrink_calls: int


@dataclass
class FuzzOutcome:
    adapter: Started
    examples: int
    skipped: int
    elapsed: float
    finding: Finding | None
    restarts: int
    events: list[str] = field(default_factory=list)
    gave_up: str | None = None
    skipped_operation: str | None = None
    """Why nothing was sent: the adapter does not claim the operation (``None``: it does)."""


Progress: TypeAlias = Callable[[str, int, int | None], None]
"""Called with the phase (``exploring``, ``shrinking``), the examples done, and the total."""


# --------------------------------------------------------------------------- the adapter


class _Adapter:
    """One adapter process at a time: batches in, answers out, restarts when it fails."""

    def __init__(self, options: FuzzOptions) -> None:
        self.options = options
        self.process: AdapterProcess | None
        self.process, self.started = handshake(options.command, options.startup_timeout)
        self.restarts = 0
        self.events: list[str] = []
        self._next = 0
        self._inflight: list[tuple[str, dict[str, Any]]] = []
        self._operation = options.operation
        self.lines: dict[str, bytes] = {}
        """The line of every answer received and not yet taken, by case id."""

    def submit(self, documents: Sequence[dict[str, Any]], operation: str | None = None) -> None:
        """Send one ``run`` message of ``operation`` (default ``options.operation``);
        ``collect`` returns its answers."""
        if self.process is None:
            self._restart()
        assert self.process is not None
        cases = []
        for document in documents:
            self._next += 1
            cases.append((str(self._next), document))
        self._inflight = cases
        operation = self._operation = operation or self.options.operation
        self.process.send(encode_message(Run(tuple(Case(i, operation, d) for i, d in cases))))

    def collect(self) -> list[Answer | str | None]:
        """The reply to each case of the batch in flight, in order: its answer, or why the
        adapter failed on that case on its own, or ``None`` (not known).

        A failure kills the process. The cases of a batch of several that were left unanswered
        are sent again one by one, after a restart, in order, up to the first that makes the
        adapter fail on its own: that one is a difference, and the fuzzer stops exploring at
        the first difference anyway, so the cases after it stay unknown."""
        cases, self._inflight = self._inflight, []
        assert self.process is not None
        answers, failure = self._read(self.process, [i for i, _ in cases])
        if failure is None:
            return [answers[i] for i, _ in cases]
        self.events.append(failure)
        self.process.kill()
        self.process = None
        if len(cases) == 1:
            return [failure]
        replies: list[Answer | str | None] = []
        failed_alone = False
        for case_id, document in cases:
            if case_id in answers:
                replies.append(answers[case_id])
            elif failed_alone:
                replies.append(None)
            else:
                reply = self.ask(document, self._operation)
                failed_alone = isinstance(reply, str)
                replies.append(reply)
        return replies

    def ask(self, document: dict[str, Any], operation: str | None = None) -> Answer | str:
        """The adapter's answer to one case sent on its own, or why it failed on it."""
        self.submit([document], operation)
        reply = self.collect()[0]
        assert reply is not None
        return reply

    def take_line(self, reply: Answer | str) -> bytes | str:
        """The answer's line as received (a failure stays the text saying why)."""
        return reply if isinstance(reply, str) else self.lines.pop(reply.id)

    def _restart(self) -> None:
        if self.restarts >= self.options.max_restarts:
            raise _GaveUp(
                f"the adapter failed {self.restarts + 1} times, more than --max-restarts "
                f"{self.options.max_restarts}"
            )
        self.restarts += 1
        try:
            self.process, again = handshake(self.options.command, self.options.startup_timeout)
        except AdapterFailure as exc:
            raise _GaveUp(f"the adapter could not be started again: {exc}") from exc
        if (again.name, again.version) != (self.started.name, self.started.version):
            self.events.append(
                f"after a restart the adapter introduced itself as {again.name} {again.version}"
            )

    def _read(
        self, process: AdapterProcess, ids: list[str]
    ) -> tuple[dict[str, Answer], str | None]:
        allowed = self.options.timeout * len(ids)
        deadline = time.monotonic() + allowed
        waiting = set(ids)
        answers: dict[str, Answer] = {}
        while waiting:
            got = process.next_answer(deadline)
            if isinstance(got, NoAnswer):
                limit = f"{allowed:g} s ({self.options.timeout:g} s per case)"
                return answers, got.describe("", limit)
            reply, item = got
            if reply.id not in waiting:
                twice = reply.id in answers or (reply.id.isdigit() and int(reply.id) <= self._next)
                return answers, (
                    f"the adapter answered case {reply.id} twice"
                    if twice
                    else f"the adapter answered with id {reply.id!r}, which was not asked"
                )
            waiting.discard(reply.id)
            answers[reply.id] = reply
            self.lines[reply.id] = item
        return answers, None

    def stop(self) -> None:
        if self.process is not None:
            problem = self.process.stop(self.options.stop_timeout)
            if problem is not None:
                self.events.append(f"the adapter did not stop cleanly: {problem}")
            self.process = None


# --------------------------------------------------------------------------- generating


def _profiles_claimed(names: Sequence[str], wanted: Sequence[str]) -> list[Profile]:
    claimed = {profile_switches(name) for name in names}
    chosen = {profile_switches(name) for name in wanted}
    switches = [(p, profile_switches(p.name)) for p in strategies.PROFILES]
    return [p for p, s in switches if s in claimed and (not wanted or s in chosen)]


def _claimed(
    started: Started, options: FuzzOptions, known_kinds: Sequence[ElectionKind]
) -> tuple[list[ElectionKind], list[LawVersion], list[Profile]]:
    """The election kinds (of ``known_kinds``), law versions and profiles both claimed by the
    adapter and selected by the options; raises ``FuzzUsageError`` if one of them is empty."""
    caps = started.capabilities
    kinds: list[ElectionKind] = [
        k for k in known_kinds if k in caps.kinds and (not options.kinds or k in options.kinds)
    ]
    laws: list[LawVersion] = [
        law
        for law in LAW_VERSIONS
        if law in caps.laws and (not options.laws or law in options.laws)
    ]
    profiles = _profiles_claimed(caps.profiles, options.profiles)
    missing = [
        what
        for what, chosen in (("election kind", kinds), ("law version", laws), ("profile", profiles))
        if not chosen
    ]
    if missing:
        raise FuzzUsageError(
            f"no {' and no '.join(missing)} both claimed by the adapter {started.name} and "
            f"selected (the adapter claims kinds {', '.join(caps.kinds) or 'none'}; laws "
            f"{', '.join(caps.laws) or 'none'}; profiles {', '.join(caps.profiles) or 'none'})"
        )
    return kinds, laws, profiles


def _levels(caps: Capabilities) -> tuple[strategies.DataLevel, ...]:
    return ("candidates", "lists") if caps.candidates else ("lists",)


def _not_claimed(started: Started, operation: str) -> str | None:
    """Why the adapter is sent nothing for ``operation`` (``None``: it claims it)."""
    operations = started.capabilities.operations
    if operation in operations:
        return None
    return (
        f"the adapter {started.name} does not claim the operation {operation!r} (it claims "
        f"{', '.join(operations) or 'none'}): nothing to fuzz"
    )


def election_strategy(started: Started, options: FuzzOptions) -> st.SearchStrategy[Election]:
    """The elections to send for ``allocate``: ``fuzz_elections`` within the adapter's claimed
    capabilities and the options' filters; raises ``FuzzUsageError`` if that leaves nothing."""
    problem = _not_claimed(started, ALLOCATE_OPERATION)
    if problem is not None:
        raise FuzzUsageError(problem)
    caps = started.capabilities
    known = [k for k in ELECTION_KINDS if k in strategies.SEATS_BY_KIND]
    kinds, laws, profiles = _claimed(started, options, known)
    return strategies.fuzz_elections(
        kinds=kinds,
        laws=laws,
        profiles=profiles,
        data_levels=_levels(caps),
        focus=options.focus,
        allow_lots=caps.lots,
    )


def district_strategy(started: Started, options: FuzzOptions) -> st.SearchStrategy[dict[str, Any]]:
    """The inputs to send for ``allocate-districts``: ``district_inputs`` of the district
    kinds (``strategies_districts.DISTRICT_KINDS``) within the adapter's claimed capabilities
    and the options' filters; raises ``FuzzUsageError`` if that leaves nothing."""
    caps = started.capabilities
    kinds, laws, profiles = _claimed(started, options, strategies_districts.DISTRICT_KINDS)
    return strategies_districts.district_inputs(
        kinds=kinds,
        laws=laws,
        profiles=profiles,
        data_levels=_levels(caps),
        allow_lots=caps.lots,
    )


def eerste_kamer_strategy(
    started: Started, options: FuzzOptions
) -> st.SearchStrategy[dict[str, Any]]:
    """The inputs to send for ``allocate-eerste-kamer``: ``eerste_kamer_inputs`` within the
    adapter's claimed laws, profiles, candidates and lots and the options' filters (the kind is
    always ``EK``, which the input leaves implicit); raises ``FuzzUsageError`` if that leaves
    nothing."""
    if options.kinds and "EK" not in options.kinds:
        raise FuzzUsageError(
            f"an {EERSTE_KAMER_OPERATION} input is always of kind EK, and --kind selects "
            f"{', '.join(options.kinds)} only"
        )
    caps = started.capabilities
    _, laws, profiles = _claimed(started, replace(options, kinds=()), ELECTION_KINDS)
    return strategies_districts.eerste_kamer_inputs(
        laws=laws, profiles=profiles, data_levels=_levels(caps), allow_lots=caps.lots
    )


def expected_result(election: Election) -> dict[str, Any]:
    """What an implementation must match for ``election``: the reference's result, as a vector
    states it (``conformance.vectors_build.expected_of``)."""
    has_candidates = any(lst.candidates is not None for lst in election.lists)
    return expected_of(result_to_json(allocate(election)), has_candidates)


def _counted(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


class OperationKit:
    """What the fuzzer needs to know of one operation; this base class is ``allocate``.

    The strategy yields *values*: an ``Election`` for ``allocate``, the input document itself
    for the others. ``document`` gives a value's input document, ``key`` a hash that tells
    values apart (the shrinking phase recognises the examples already judged by it), ``model``
    the parsed input; ``expected`` is the reference's result as a vector states it."""

    operation: str = ALLOCATE_OPERATION
    checked_by: str = "spec.check"

    def strategy(self, started: Started, options: FuzzOptions) -> st.SearchStrategy[Any]:
        return election_strategy(started, options)

    def document(self, value: Any) -> dict[str, Any]:
        return election_to_json(value)

    def key(self, value: Any) -> int:
        return hash(value)

    def model(self, value: Any, document: dict[str, Any]) -> Model:
        assert isinstance(value, Election)
        return value

    def parse(self, document: dict[str, Any]) -> Model:
        """The parsed input; raises ``ValueError`` if it is invalid (never for a generated one)."""
        election = parse_election(document)
        if not isinstance(election, Election):
            raise ValueError(f"a generated election is invalid: {election}")
        return election

    def expected(self, model: Model, document: dict[str, Any]) -> dict[str, Any]:
        assert isinstance(model, Election)
        return expected_result(model)

    def header(self, model: Model) -> tuple[str, str, str | None]:
        """The law version, profile and election kind (``None``: the input names none)."""
        return model.law, model.profile.name, model.kind

    def size(self, model: Model) -> tuple[int, int, int]:
        candidates = sum(len(lst.candidates or ()) for lst in model.lists)
        return len(model.lists), candidates, model.seats

    def describe(self, model: Model) -> str:
        lists, candidates, seats = self.size(model)
        return (
            f"{_counted(lists, 'lijst', 'lijsten')}, "
            f"{_counted(candidates, 'kandidaat', 'kandidaten')}, "
            f"{_counted(seats, 'zetel', 'zetels')}"
        )

    def flags(self, model: Model, expected: Mapping[str, Any]) -> set[str]:
        """The flags of a finding beside ``fuzz`` and ``needs_lot`` (``NOTES`` explains each)."""
        assert isinstance(model, Election)
        return input_flags(model)


class _DocumentKit(OperationKit):
    """An operation whose strategy yields input documents."""

    def document(self, value: Any) -> dict[str, Any]:
        document: dict[str, Any] = value
        return document

    def key(self, value: Any) -> int:
        return hash(canonical_input(value))

    def model(self, value: Any, document: dict[str, Any]) -> Model:
        return self.parse(document)


class DistrictsKit(_DocumentKit):
    """``allocate-districts``."""

    operation = DISTRICTS_OPERATION
    checked_by = "spec.district_check"

    def strategy(self, started: Started, options: FuzzOptions) -> st.SearchStrategy[Any]:
        return district_strategy(started, options)

    def parse(self, document: dict[str, Any]) -> Model:
        election = parse_district_election(document)
        if not isinstance(election, DistrictElection):
            raise ValueError(f"a generated district input is invalid: {election}")
        return election

    def expected(self, model: Model, document: dict[str, Any]) -> dict[str, Any]:
        assert isinstance(model, DistrictElection)
        result = district_result_to_json(allocate_districts(model))
        return district_expected_of(result, has_candidates(document))

    def describe(self, model: Model) -> str:
        assert isinstance(model, DistrictElection)
        parts = [
            super().describe(model),
            _counted(len(model.districts), "kieskring", "kieskringen"),
            _counted(len(model.sets), "stel", "stellen"),
            _counted(len(model.groups), "lijstengroep", "lijstengroepen"),
        ]
        if model.combinations:
            parts.append(
                _counted(len(model.combinations), "lijstencombinatie", "lijstencombinaties")
            )
        return ", ".join(parts)

    def flags(self, model: Model, expected: Mapping[str, Any]) -> set[str]:
        assert isinstance(model, DistrictElection)
        present = {
            "lot": model.lots,
            "stel": model.sets,
            "lijstengroep": model.groups,
            "combination": model.combinations,
            "candidates": [lst for lst in model.lists if lst.candidates is not None],
            "deceased": [
                lst
                for lst in model.lists
                if lst.deceased_count or any(c.deceased for c in lst.candidates or ())
            ],
            "zero_votes_list": [lst for lst in model.lists if lst.votes == 0],
        }
        return {flag for flag, found in present.items() if found}


class EerstekamerKit(_DocumentKit):
    """``allocate-eerste-kamer``: the model is the weighted election (U 2, U 3)."""

    operation = EERSTE_KAMER_OPERATION
    checked_by = "spec.check over the weighted election (U 2, U 3 included)"

    def strategy(self, started: Started, options: FuzzOptions) -> st.SearchStrategy[Any]:
        return eerste_kamer_strategy(started, options)

    def parse(self, document: dict[str, Any]) -> Model:
        election = eerste_kamer_election(document)
        if not isinstance(election, EerstekamerElection):
            raise ValueError(f"a generated Eerste Kamer input is invalid: {election}")
        return election

    def expected(self, model: Model, document: dict[str, Any]) -> dict[str, Any]:
        assert isinstance(model, Election)
        return expected_of(result_to_json(allocate(model)), has_candidates(document))

    def header(self, model: Model) -> tuple[str, str, str | None]:
        return model.law, model.profile.name, None

    def describe(self, model: Model) -> str:
        assert isinstance(model, EerstekamerElection)
        bodies = _counted(
            len(model.bodies), "provincie of kiescollege", "provincies en kiescolleges"
        )
        return f"{super().describe(model)}, {bodies}"


KITS: Mapping[str, OperationKit] = {
    kit.operation: kit for kit in (OperationKit(), DistrictsKit(), EerstekamerKit())
}
"""The kit of every operation, by name (``conformance.suite.OPERATIONS``)."""


def judge_reply(example: Example, reply: Answer | str) -> Verdict:
    """The runner's verdict on ``reply`` (a string: the adapter process failed on the case)."""
    if isinstance(reply, str):
        return Verdict("ERROR", reply)
    law, profile, kind = example.kit.header(example.election)
    vector = Vector(
        id=0,
        key=reply.id,
        file="fuzz",
        group="fuzz",
        comment="",
        flags=(),
        articles=(),
        rules=(),
        operation=example.operation,
        law=law,
        file_law=law,
        profile=profile,
        kind=kind,
        input=example.document,
        expected=example.expected,
    )
    return judge(vector, reply)


Assessment: TypeAlias = tuple[Verdict, dict[str, Any]] | bool
"""A difference (its verdict and the expected result), or whether the adapter skipped the case
(``False``: it passed)."""


def assess(
    items: Sequence[tuple[dict[str, Any], bytes | str]], operation: str = OPERATION
) -> list[Assessment]:
    """For each input document of ``operation`` and the adapter's answer line (or why it
    failed on the case), what the worker process sends back: little when the answer is
    right."""
    kit = KITS[operation]
    out: list[Assessment] = []
    for document, line in items:
        model = kit.parse(document)
        example = Example(model, document, kit.expected(model, document), operation)
        reply = decode_reply(line) if isinstance(line, bytes) else line
        if not isinstance(reply, Answer | str):
            raise ValueError("not an answer line")  # the adapter's lines were checked on arrival
        verdict = judge_reply(example, reply)
        differs = signature(verdict) is not None
        out.append((verdict, example.expected) if differs else verdict.status == "SKIPPED")
    return out


class _Judges:
    """The reference and the judging (``assess``), in a worker process when one can be started,
    so that they run while the main process generates the next batch."""

    def __init__(self, parallel: bool, operation: str = OPERATION) -> None:
        self.operation = operation
        self.pool: ProcessPoolExecutor | None = None
        if parallel:
            try:
                context = multiprocessing.get_context("spawn")
                self.pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
            except (OSError, ImportError, NotImplementedError):  # pragma: no cover - platform
                self.pool = None

    def submit(self, items: list[tuple[dict[str, Any], bytes | str]]) -> Future[list[Assessment]]:
        if self.pool is not None:
            return self.pool.submit(assess, items, self.operation)
        done: Future[list[Assessment]] = Future()
        done.set_result(assess(items, self.operation))
        return done

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


# --------------------------------------------------------------------------- the fuzzer


def _settings(examples: int, phases: Sequence[Phase]) -> settings:
    return settings(
        max_examples=examples,
        phases=phases,
        database=None,
        deadline=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
        verbosity=Verbosity.quiet,
        report_multiple_bugs=False,
        print_blob=False,
    )


class Fuzzer:
    """One fuzzing session through the adapter of ``options.command``."""

    def __init__(self, options: FuzzOptions, progress: Progress | None = None) -> None:
        if options.operation not in KITS:
            raise FuzzUsageError(
                f"unknown operation {options.operation!r} (known: {', '.join(KITS)})"
            )
        self.options = options
        self.kit = KITS[options.operation]
        self.progress = progress
        self.seen: dict[int, Judged | None] = {}
        """Every example judged, by its kit's key (the shrinking phase runs in this process):
        the judgement if it differs, else ``None``."""
        self.examples = 0
        self.skipped = 0
        self.shrink_calls = 0
        self.first: tuple[int, Judged] | None = None
        self.best: Judged | None = None

    def run(self) -> FuzzOutcome:
        """Explore, and shrink the first difference; raises ``AdapterFailure`` if the adapter
        cannot be started, ``FuzzUsageError`` if nothing can be generated for it. An adapter
        that does not claim the operation is sent nothing (``skipped_operation`` says so)."""
        clock = time.monotonic()
        adapter = _Adapter(self.options)
        gave_up: str | None = None
        finding: Finding | None = None
        not_claimed = _not_claimed(adapter.started, self.options.operation)
        try:
            if not_claimed is None:
                strategy = self.kit.strategy(adapter.started, self.options)
                judges = _Judges(self.options.parallel, self.options.operation)
                try:
                    self._explore(adapter, judges, strategy)
                except _GaveUp as exc:
                    gave_up = str(exc)
                finally:
                    judges.close()
                if self.first is not None and gave_up is None:
                    finding = self._shrink(adapter, strategy)
        finally:
            adapter.stop()
        return FuzzOutcome(
            adapter=adapter.started,
            examples=self.examples,
            skipped=self.skipped,
            elapsed=time.monotonic() - clock,
            finding=finding,
            restarts=adapter.restarts,
            events=adapter.events,
            gave_up=gave_up,
            skipped_operation=not_claimed,
        )

    def _report(self, phase: str, done: int, total: int | None) -> None:
        if self.progress is not None:
            self.progress(phase, done, total)

    def _hypothesis(
        self,
        strategy: st.SearchStrategy[Any],
        body: Callable[[Any], None],
        phases: Sequence[Phase],
    ) -> None:
        @seed(self.options.seed)
        @_settings(self.options.examples, phases)
        @given(strategy)
        def fuzz(value: Any) -> None:
            try:
                body(value)
            except _Reproduced:
                raise
            except Exception as exc:  # a fault of the fuzzer, not a difference: no shrinking
                raise _Internal from exc

        try:
            fuzz()
        except _Internal as wrapper:
            assert wrapper.__cause__ is not None
            raise wrapper.__cause__ from None

    # ----------------------------------------------------------------- phase 1

    def _explore(
        self, adapter: _Adapter, judges: _Judges, strategy: st.SearchStrategy[Any]
    ) -> None:
        """Three batches at a time: one being generated here, one being answered by the
        adapter, one being judged by the worker."""
        Sent: TypeAlias = list[tuple[Any, dict[str, Any], Answer | str]]
        pending: list[tuple[Any, dict[str, Any]]] = []
        inflight: list[tuple[Any, dict[str, Any]]] = []
        document_of = self.kit.document
        judging: deque[tuple[Sent, Future[list[Assessment]]]] = deque()

        def take_answers() -> None:
            if inflight:
                replies = adapter.collect()
                sent = [
                    (e, d, r) for (e, d), r in zip(inflight, replies, strict=True) if r is not None
                ]
                items = [(d, adapter.take_line(r)) for _, d, r in sent]
                judging.append((sent, judges.submit(items)))
                inflight.clear()

        def send() -> None:
            if pending:
                adapter.submit([document for _, document in pending])
                inflight.extend(pending)
                pending.clear()

        def record(keep: int) -> None:
            while len(judging) > keep:
                sent, future = judging.popleft()
                for (value, document, reply), assessment in zip(sent, future.result(), strict=True):
                    self._record(value, document, reply, assessment)

        def body(value: Any) -> None:
            pending.append((value, document_of(value)))
            if len(pending) >= self.options.batch_size:
                take_answers()
                send()
                record(keep=1)
                if self.first is not None:
                    raise _Found

        try:
            self._hypothesis(strategy, body, (Phase.generate,))
        except _Found:
            pass
        else:
            take_answers()
            send()
        take_answers()
        record(keep=0)

    def _record(
        self,
        value: Any,
        document: dict[str, Any],
        reply: Answer | str,
        assessment: Assessment,
    ) -> None:
        self.examples += 1
        judged: Judged | None = None
        if isinstance(assessment, bool):
            self.skipped += assessment
        else:
            verdict, expected = assessment
            model = self.kit.model(value, document)
            example = Example(model, document, expected, self.options.operation)
            judged = Judged(example, reply, verdict)
            if self.first is None:
                self.first = (self.examples, judged)
        if self.first is None or self.first[0] == self.examples:
            # Examples after the first difference were judged only because they were in its
            # batch: the shrinking phase must not find them cached, or what it sends (and
            # the finding's text) would depend on --batch-size.
            self.seen[self.kit.key(value)] = judged
        self._report("exploring", self.examples, self.options.examples)

    # ----------------------------------------------------------------- phase 2

    def _shrink(self, adapter: _Adapter, strategy: st.SearchStrategy[Any]) -> Finding:
        assert self.first is not None
        found_after, first = self.first
        target = signature(first.verdict)
        assert target is not None
        self.best = first
        kit = self.kit

        def body(value: Any) -> None:
            key = kit.key(value)
            if key in self.seen:
                judged = self.seen[key]
            elif self.shrink_calls >= self.options.shrink_limit:
                return  # out of budget: what is not known yet does not count as a difference
            else:
                self.shrink_calls += 1
                self._report("shrinking", self.shrink_calls, None)
                document = kit.document(value)
                model = kit.model(value, document)
                expected = kit.expected(model, document)
                example = Example(model, document, expected, kit.operation)
                reply = adapter.ask(example.document)
                if isinstance(reply, Answer):
                    adapter.take_line(reply)
                judged = Judged(example, reply, judge_reply(example, reply))
                self.seen[key] = judged if signature(judged.verdict) is not None else None
            if judged is not None and target.matches(judged.verdict):
                self.best = judged
                raise _Reproduced

        if self.options.shrink_limit > 0:
            try:
                self._hypothesis(strategy, body, (Phase.generate, Phase.shrink))
            except (_Reproduced, Flaky):
                pass
            except _GaveUp as exc:
                adapter.events.append(f"shrinking stopped early: {exc}")
        return Finding(self.best, target, first, found_after, self.shrink_calls)


# --------------------------------------------------------------------------- the finding file


@dataclass(frozen=True)
class Provenance:
    """Where a finding comes from: enough to reproduce it, and nothing that changes by itself
    (no date), so the same seed and adapter write the same bytes."""

    adapter: Started
    command: Sequence[str]
    seed: int
    arguments: Sequence[str]
    kieswet_version: str
    campaign: str | None = None
    """For a finding of a fuzz campaign (``conformance.fuzz_campaign``): how it was found and
    read back, said instead of ``kieswet conformance fuzz``'s command and seed."""


def finding_id(document: Mapping[str, Any]) -> tuple[int, str]:
    """The provisional integer id (see ``FUZZ_ID_BASE``) and the name ``fuzz-<12 hex>``."""
    digest = hashlib.sha256(canonical_input(document).encode("utf-8")).hexdigest()
    return FUZZ_ID_BASE + int(digest[:7], 16), f"fuzz-{digest[:12]}"


def _flags(example: Example) -> list[str]:
    flags = {"fuzz", *example.kit.flags(example.election, example.expected)}
    if example.expected["status"] == "needs_lot":
        flags.add("needs_lot")
    return sorted(flags)


def _answer_text(reply: Answer | str) -> str:
    if isinstance(reply, str):
        return f"geen antwoord: {reply}"
    shown: dict[str, Any] = {"status": reply.status}
    if reply.result is not None:
        shown["result"] = reply.result
    if reply.message is not None:
        shown["message"] = reply.message
    return json.dumps(shown, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))


def finding_document(finding: Finding, provenance: Provenance) -> dict[str, Any]:
    """The ``kieswet/vectors@1`` document of ``finding``: one group, one test, whose ``rules``
    are the violated rules with the one pursued while shrinking first."""
    judged = finding.judged
    example, verdict = judged.example, judged.verdict
    law, profile, _ = example.kit.header(example.election)
    vector_id, name = finding_id(example.document)
    adapter = provenance.adapter
    violations: tuple[RuleViolation, ...] = verdict.violations
    pursued_first = sorted(violations, key=lambda v: v.rule_id != finding.signature.key)
    parts = [
        f"{name}: voor {adapter.name} {adapter.version}, {finding.signature.describe()}",
        f"Oordeel {verdict.status}: {verdict.message}",
    ]
    parts += [f"Schendt {v.rule_id} ({v.article}): {v.message}" for v in violations]
    parts += [f"Verschil: {d}" for d in verdict.differences]
    if provenance.campaign is None:
        parts.append(
            f"Door Hypothesis verkleind van {finding.first.example.describe()} tot "
            f"{example.describe()} (eerst gevonden als voorbeeld {finding.found_after}; "
            f"{_counted(finding.shrink_calls, 'voorbeeld', 'voorbeelden')} verzonden tijdens het "
            "verkleinen)"
        )
    else:
        parts.append(
            f"Door Hypothesis verkleind tot {example.describe()} ({provenance.campaign})"
        )
    parts = [part.rstrip(". ") + "." for part in parts]
    parts.append(f"Het antwoord van de adapter: {_answer_text(judged.reply)}")
    command = shlex.join(["kieswet", "conformance", "fuzz", *provenance.arguments])
    how = f"{command} (kieswet {provenance.kieswet_version}, seed {provenance.seed})"
    found = f"found with seed {provenance.seed}"
    if provenance.campaign is not None:
        how = f"{provenance.campaign} (kieswet {provenance.kieswet_version})"
        found = "found by a fuzz campaign"
    source = (
        f"differential fuzzing: {how} against the adapter {adapter.name} {adapter.version} "
        f"({PROTOCOL}, started as {shlex.join(provenance.command)}); expected result from the "
        f"reference engine, checked by {example.kit.checked_by}"
    )
    flags = _flags(example)
    notes = {flag: FUZZ_NOTE if flag == "fuzz" else NOTES[flag] for flag in flags}
    test = {
        "id": vector_id,
        "comment": " ".join(parts),
        "flags": flags,
        "articles": _unique([v.article for v in violations]),
        "rules": _unique([v.rule_id for v in pursued_first]),
        "input": sorted_keys(example.document),
        "expected": sorted_keys(example.expected),
    }
    return {
        "format": "kieswet/vectors@1",
        "suite_version": SUITE_VERSION,
        "operation": example.operation,
        "law": law,
        "profile": profile,
        "source": source,
        "notes": notes,
        "groups": [
            {
                "name": name,
                "comment": (
                    f"A difference between {adapter.name} {adapter.version} and the reference, "
                    f"{found}. To keep it, move the test into the "
                    "suite's sources; kieswet vectors build gives it a permanent id."
                ),
                "tests": [test],
            }
        ],
    }


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_finding(directory: Path, finding: Finding, provenance: Provenance) -> Path:
    """Write the finding as ``DIR/<operation>/fuzz-<hex>.json`` (``allocate``,
    ``allocate-districts`` or ``allocate-eerste-kamer``) and (re)write ``DIR/manifest.json``
    over every vector file in ``DIR``, so the directory is a suite the runner accepts."""
    document = finding_document(finding, provenance)
    name = document["groups"][0]["name"]
    path = directory / str(document["operation"]) / f"{name}.json"
    _write_atomically(path, dumps(document))
    files = {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*.json"))
        if p.relative_to(directory).as_posix() != MANIFEST
    }
    _write_atomically(directory / MANIFEST, manifest_bytes(files))
    return path
