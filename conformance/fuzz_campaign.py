"""Fuzz campaigns on Hypothesis's own engine: many cores, many machines, findings as vectors.

``kieswet conformance fuzz`` (``conformance.fuzz``) is one session with one adapter process:
quick, reproducible from a seed, and the fastest on one core. A *campaign* runs for hours on
every core of one or more machines, so it is built from what Hypothesis and pytest already
distribute:

- **The test.** ``fuzz_test`` makes one Hypothesis test, ``test_fuzz(operation, shard, data)``:
  every example draws one input of ``operation`` from the strategy of ``conformance.fuzz``
  (the same ``OperationKit``: within what the adapter claims), sends it to the adapter of this
  process (``conformance.fuzz._Adapter``: one process, started on first use, restarted after a
  crash or hang) and judges the answer as the runner judges a vector (``judge_reply``, that is
  ``conformance.judge``). ``conformance.fuzz_tests`` is that test as a pytest module;
  ``pytest --kieswet-adapter CMD --kieswet-fuzz`` collects it (``conformance.pytest_plugin``),
  one item per operation and *shard*, so that pytest-xdist (``-n``) spreads the shards over
  cores and HypoFuzz can fuzz them.
- **De-duplication by violated rule.** A FAIL or ERROR raises ``KieswetDifference``, of a
  subclass made for its ``Signature`` (``conformance.fuzz.signature``: the first violated rule,
  else the first differing field, else "errored"). Hypothesis tells bugs apart by the type of
  the exception and where it was raised, so it keeps one failing example per signature,
  shrinks each to a minimal one *of the same signature* and saves it in its example database.
- **Findings as vectors.** ``replay`` reads the failing examples of every operation and shard
  back from an example database (``ReadOnlyDatabase``: nothing is deleted), runs them through
  the adapter again, keeps the smallest per signature and ``write_findings`` writes each as the
  ``kieswet/vectors@1`` finding file of ``conformance.fuzz.write_finding``:
  ``kieswet conformance findings DB --adapter CMD --out DIR``.
- **Known signatures.** ``known_signatures(DIR)`` reads the signatures of the findings already
  in a findings directory; a campaign given them (``--kieswet-fuzz-known DIR``) counts such a
  difference as an ``event`` and goes on looking for new ones.

The database key of each item is Hypothesis's digest of the test function with its pytest node
id (``nodeid``), as Hypothesis's pytest plugin does for parametrized tests and HypoFuzz for
every test, so pytest, pytest-xdist, HypoFuzz and ``replay`` all read and write the same
entries.
"""

from __future__ import annotations

import contextlib
import re
import unittest
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from hypothesis import HealthCheck, Phase, Verbosity, event, given, settings
from hypothesis import strategies as st
from hypothesis.database import (
    DirectoryBasedExampleDatabase,
    ExampleDatabase,
    ReadOnlyDatabase,
)

from conformance.fuzz import (
    KITS,
    DifferenceKind,
    Example,
    Finding,
    FuzzOptions,
    FuzzUsageError,
    Judged,
    Provenance,
    Signature,
    _Adapter,
    _not_claimed,
    judge_reply,
    signature,
    write_finding,
)
from conformance.protocol import Answer, Started
from conformance.suite import load_suite
from conformance.vectors_build import canonical_input

FUZZ_OPERATIONS: tuple[str, ...] = tuple(KITS)
"""The operations a campaign fuzzes: those of ``kieswet conformance fuzz``."""

MODULE_NODEID = "kieswet-fuzz"
"""The node id of the collector of ``conformance.fuzz_tests`` (``-k kieswet-fuzz`` selects
every campaign item); part of every item's database key."""

DEFAULT_SHARDS_READ = 64
"""How many shards ``replay`` reads per operation by default."""

PROFILE = "kieswet-fuzz"
NIGHT_PROFILE = "kieswet-fuzz-night"


def nodeid(operation: str, shard: int) -> str:
    """The pytest node id of the campaign item of ``operation`` and ``shard``."""
    return f"{MODULE_NODEID}::test_fuzz[{operation}-{shard}]"


def register_profiles() -> None:
    """Register the Hypothesis profiles ``kieswet-fuzz`` (1 000 examples per item) and
    ``kieswet-fuzz-night`` (no practical limit: stop it with SIGINT, or at its first
    differences), both without deadline and with the health checks that slow inputs and large
    elections trip turned off. Neither sets the database: Hypothesis's default (the directory
    ``.hypothesis/examples``) or the one of ``--kieswet-fuzz-database``."""
    quiet = [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.differing_executors,
    ]
    settings.register_profile(
        PROFILE, max_examples=1000, deadline=None, suppress_health_check=quiet
    )
    settings.register_profile(
        NIGHT_PROFILE, settings.get_profile(PROFILE), max_examples=1_000_000_000
    )


def open_database(spec: str) -> ExampleDatabase:
    """The example database named by ``spec``: ``redis://HOST:PORT/N`` (Hypothesis's
    ``RedisExampleDatabase``, which needs the ``redis`` package) or a directory (created if
    missing). Raises ``ValueError`` if the redis package is missing."""
    if spec.startswith(("redis://", "rediss://", "unix://")):
        try:
            import redis  # type: ignore[import-not-found, unused-ignore]
            from hypothesis.extra.redis import RedisExampleDatabase
        except ImportError as exc:
            raise ValueError(
                f"{spec}: a Redis example database needs the redis package (pip install redis)"
            ) from exc
        database: ExampleDatabase = RedisExampleDatabase(redis.Redis.from_url(spec))
        return database
    return DirectoryBasedExampleDatabase(spec)


# --------------------------------------------------------------------------- differences


class KieswetDifference(AssertionError):
    """The adapter's answer differs from what the runner accepts (FAIL or ERROR). Raised as a
    subclass per signature (``difference_type``), so Hypothesis keeps one bug per signature."""

    signature: ClassVar[Signature] = Signature("errored", "")


_TYPES: dict[Signature, type[KieswetDifference]] = {}


def difference_type(found: Signature) -> type[KieswetDifference]:
    """The exception class of ``found``: the same class every time in one process."""
    if found not in _TYPES:
        words = re.sub(r"\W+", "_", f"{found.kind}_{found.key}").strip("_")
        name = "Difference_" + words
        _TYPES[found] = type(name, (KieswetDifference,), {"signature": found})
    return _TYPES[found]


def explain(operation: str, judged: Judged, found: Signature) -> str:
    """The text of a difference, as a failing test shows it."""
    verdict = judged.verdict
    lines = [
        f"{operation}: {found.describe()} ({verdict.status}: {verdict.message})",
        f"  invoer: {judged.example.describe()}",
    ]
    lines += [f"  {v.rule_id} ({v.article}): {v.message}" for v in verdict.violations]
    lines += [f"  verschil: {d}" for d in verdict.differences]
    lines.append(
        "  elk verschil uit de voorbeelddatabase als vector schrijven: "
        "kieswet conformance findings DATABASE --adapter CMD --out DIR"
    )
    return "\n".join(lines)


def _describe_pattern(kind: DifferenceKind) -> re.Pattern[str]:
    text = re.escape(Signature(kind, "KEY").describe()).replace("KEY", r"(\S+?)")
    return re.compile(r"^fuzz-[0-9a-f]+: voor .*?, " + text + r"\.(?: |$)")


_KINDS: tuple[DifferenceKind, ...] = ("errored", "violation", "difference")
_PATTERNS = {kind: _describe_pattern(kind) for kind in _KINDS}


def finding_signature(comment: str) -> Signature | None:
    """The signature a finding file's test was shrunk for, read from the first sentence of its
    comment (``conformance.fuzz.finding_document`` writes ``Signature.describe()`` there);
    ``None`` for a comment of another kind."""
    for kind, pattern in _PATTERNS.items():
        match = pattern.match(comment)
        if match is not None:
            return Signature(kind, match.group(1) if match.groups() else "")
    return None


def known_signatures(directory: Path) -> frozenset[tuple[str, Signature]]:
    """The operations and signatures of the findings in ``directory`` (a suite with a
    manifest, as ``write_finding`` leaves it); raises ``SuiteError`` if it cannot be read."""
    known: set[tuple[str, Signature]] = set()
    for vector in load_suite(directory).vectors:
        found = finding_signature(vector.comment)
        if found is not None:
            known.add((vector.operation, found))
    return frozenset(known)


# --------------------------------------------------------------------------- the campaign


class NotFuzzed(Exception):
    """Nothing of this operation can be sent to the adapter (the text says why)."""


@dataclass(frozen=True)
class CampaignOptions:
    """The adapter (``command``), time per case, restarts allowed per process, and the
    differences that no longer fail a test (``known``: operation and signature)."""

    command: tuple[str, ...]
    timeout: float = 10.0
    max_restarts: int = 1000
    startup_timeout: float = 30.0
    known: frozenset[tuple[str, Signature]] = frozenset()


class Campaign:
    """The adapter process of this (pytest-xdist worker or HypoFuzz) process, started on first
    use, and the strategy of each operation within what it claims."""

    def __init__(self, options: CampaignOptions) -> None:
        self.options = options
        self._adapter: _Adapter | None = None
        self._strategies: dict[str, st.SearchStrategy[Any] | str] = {}
        self.examples: Counter[str] = Counter()
        """Examples judged, per operation."""

    def adapter(self) -> _Adapter:
        """The adapter process; raises ``AdapterFailure`` if it cannot be started."""
        if self._adapter is None:
            self._adapter = _Adapter(
                FuzzOptions(
                    command=self.options.command,
                    timeout=self.options.timeout,
                    max_restarts=self.options.max_restarts,
                    startup_timeout=self.options.startup_timeout,
                )
            )
        return self._adapter

    @property
    def started(self) -> Started:
        return self.adapter().started

    def strategy(self, operation: str) -> st.SearchStrategy[Any]:
        """The inputs of ``operation`` for this adapter; raises ``NotFuzzed``."""
        if operation not in self._strategies:
            started = self.started
            problem = _not_claimed(started, operation)
            if problem is None:
                try:
                    kit = KITS[operation]
                    options = FuzzOptions(command=self.options.command, operation=operation)
                    self._strategies[operation] = kit.strategy(started, options)
                except FuzzUsageError as exc:
                    problem = str(exc)
            if problem is not None:
                self._strategies[operation] = problem
        got = self._strategies[operation]
        if isinstance(got, str):
            raise NotFuzzed(got)
        return got

    def judge(self, operation: str, value: Any) -> Judged:
        """Send the input ``value`` of ``operation`` to the adapter on its own, and judge the
        answer as the runner does."""
        kit = KITS[operation]
        document = kit.document(value)
        adapter = self.adapter()
        adapter.submit([document], operation)
        # The reference computes the expected result while the adapter answers.
        model = kit.model(value, document)
        example = Example(model, document, kit.expected(model, document), operation)
        (reply,) = adapter.collect()
        assert reply is not None  # a case sent on its own is answered or failed
        if isinstance(reply, Answer):
            adapter.take_line(reply)
        self.examples[operation] += 1
        return Judged(example, reply, judge_reply(example, reply))

    def stop(self) -> None:
        if self._adapter is not None:
            self._adapter.stop()
            self._adapter = None


_CURRENT: Campaign | None = None


def configure(options: CampaignOptions | None) -> None:
    """Set (or, with ``None``, clear) the campaign of this process, stopping the previous
    one's adapter."""
    global _CURRENT
    if _CURRENT is not None:
        _CURRENT.stop()
    _CURRENT = Campaign(options) if options is not None else None


def current() -> Campaign | None:
    return _CURRENT


# --------------------------------------------------------------------------- the test


Body = Callable[[str, Any], None]


def fuzz_test(body: Body) -> Callable[..., None]:
    """The campaign's Hypothesis test: ``body(operation, data)`` for every example.

    Its database key depends on this function's source (Hypothesis digests it) and on the
    node id that the caller adds, not on ``body``: keep this function as it is, or every
    example database written so far is read under another key."""

    @given(data=st.data())
    def test_fuzz(operation: str, shard: int, data: Any) -> None:
        body(operation, data)

    return test_fuzz


def set_key(test: Any, node: str) -> None:
    """Give ``test`` (made by ``fuzz_test``) the database key of the item ``node``, the way
    Hypothesis's pytest plugin does for parametrized tests and HypoFuzz for every test."""
    test.hypothesis.inner_test._hypothesis_internal_add_digest = node.encode()


def check_example(operation: str, data: Any) -> None:
    """The body of a campaign item: draw, send, judge; raise on a difference not known."""
    campaign = _CURRENT
    if campaign is None:
        import pytest

        pytest.skip("no adapter: run with --kieswet-adapter CMD --kieswet-fuzz")
    try:
        strategy = campaign.strategy(operation)
    except NotFuzzed as exc:
        import pytest

        pytest.skip(str(exc))
    value = data.draw(strategy, label=operation)
    judged = campaign.judge(operation, value)
    found = signature(judged.verdict)
    if found is None:
        event(f"{operation}: {judged.verdict.status}")
        return
    if (operation, found) in campaign.options.known:
        event(f"{operation}: bekend verschil: {found.describe()}")
        return
    event(f"{operation}: {found.describe()}")
    raise difference_type(found)(explain(operation, judged, found))


# --------------------------------------------------------------------------- findings


@dataclass
class Replayed:
    """What ``replay`` read back: the smallest failing example per operation and signature,
    the examples read, and the operations not sent (with why)."""

    adapter: Started
    found: dict[tuple[str, Signature], Judged] = field(default_factory=dict)
    examples: int = 0
    not_fuzzed: dict[str, str] = field(default_factory=dict)


def _smaller(a: Judged, b: Judged) -> bool:
    def key(judged: Judged) -> tuple[tuple[int, int, int], int, str]:
        text = canonical_input(judged.example.document)
        return judged.example.size, len(text), text

    return key(a) < key(b)


def replay(
    options: CampaignOptions,
    database: ExampleDatabase,
    operations: Sequence[str] = FUZZ_OPERATIONS,
    shards: int = DEFAULT_SHARDS_READ,
) -> Replayed:
    """Run the failing examples stored in ``database`` for the campaign items of
    ``operations`` (shards 0 to ``shards`` - 1) through the adapter again; keep, per operation
    and signature, the smallest that still differs. Hypothesis's reuse phase reads the item's
    whole primary corpus (the shrunk failing examples) and of its secondary corpus (larger
    failing examples) as many as fit in 1 000. The database is only read. Raises
    ``AdapterFailure`` if the adapter cannot be started."""
    campaign = Campaign(options)
    read_only = ReadOnlyDatabase(database)
    try:
        outcome = Replayed(campaign.started)
        for operation in operations:
            try:
                strategy = campaign.strategy(operation)
            except NotFuzzed as exc:
                outcome.not_fuzzed[operation] = str(exc)
                continue

            def record(op: str, data: Any, strategy: st.SearchStrategy[Any] = strategy) -> None:
                judged = campaign.judge(op, data.draw(strategy, label=op))
                outcome.examples += 1
                found = signature(judged.verdict)
                if found is None:
                    return
                best = outcome.found.get((op, found))
                if best is None or _smaller(judged, best):
                    outcome.found[(op, found)] = judged

            for shard in range(shards):
                test = settings(
                    database=read_only,
                    phases=[Phase.reuse],
                    max_examples=1000,
                    deadline=None,
                    suppress_health_check=list(HealthCheck),
                    verbosity=Verbosity.quiet,
                    derandomize=False,
                )(fuzz_test(record))
                set_key(test, nodeid(operation, shard))
                with contextlib.suppress(unittest.SkipTest):  # nothing stored for this item
                    test(operation=operation, shard=shard)
        return outcome
    finally:
        campaign.stop()


def write_findings(
    directory: Path,
    replayed: Replayed,
    provenance: Provenance,
    skip: Iterable[tuple[str, Signature]] = (),
) -> list[tuple[str, Signature, Path]]:
    """Write each example of ``replayed`` not in ``skip`` as a finding file
    (``conformance.fuzz.write_finding``), in a stable order; what was written."""
    known = set(skip)
    written: list[tuple[str, Signature, Path]] = []
    order = sorted(
        replayed.found.items(), key=lambda item: (item[0][0], item[0][1].kind, item[0][1].key)
    )
    for (operation, found), judged in order:
        if (operation, found) in known:
            continue
        finding = Finding(judged, found, judged, 0, 0)
        written.append((operation, found, write_finding(directory, finding, provenance)))
    return written


def summary(found: Mapping[tuple[str, Signature], Judged]) -> list[str]:
    """One line per operation and signature."""
    return [
        f"{operation}: {sig.describe()}: {judged.example.describe()}"
        for (operation, sig), judged in sorted(
            found.items(), key=lambda item: (item[0][0], item[0][1].kind, item[0][1].key)
        )
    ]
