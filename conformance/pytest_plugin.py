"""The conformance suite as pytest tests: ``pytest --kieswet-adapter "CMD"``.

Installed with kieswet as the pytest plugin ``kieswet`` (entry point ``pytest11``), so a vendor
runs the suite in their own CI with the pytest they already have::

    pytest --kieswet-adapter "./my-adapter --serve" --kieswet-law current -k kieswet

Every selected vector becomes one test item, named ``vector[ID]`` under a collector named by
the vector file, so ``-k "p8-largest-remainder"`` selects a file and ``-k "vector[17]"`` one
vector. Options: ``--kieswet-suite DIR`` (default: the suite shipped with kieswet; its manifest
is verified first), and the filters of ``kieswet conformance run``: ``--kieswet-operation``,
``--kieswet-article``, ``--kieswet-flag`` and ``--kieswet-law`` (each may be repeated), plus
``--kieswet-timeout``.

When the first vector's test runs, every selected vector goes through one adapter process
(``conformance.runner.Runner``: batches, restarts after a crash, the capabilities the adapter
claims), and each test then reports its vector's verdict: PASS passes; FAIL fails with the
expected and the provided result, the differences and the violated rules of the executable
specification (rule id, article, message); ERROR fails with what went wrong; a vector outside
the adapter's capabilities is skipped with the reason.

With ``--kieswet-fuzz`` it runs a fuzz campaign instead of the vectors: it collects
``conformance.fuzz_tests`` (one Hypothesis test per operation and shard, under the node id
``kieswet-fuzz``; see ``conformance.fuzz_campaign``), so that pytest-xdist (``-n``) spreads
the shards over cores and Hypothesis shrinks each difference and stores it in its example
database. Options: ``--kieswet-fuzz-operation`` (repeatable), ``--kieswet-fuzz-shards``,
``--kieswet-fuzz-examples`` (the ``max_examples`` of each item), ``--kieswet-fuzz-database``
(a directory or a ``redis://`` URL), ``--kieswet-fuzz-known DIR`` (differences already written
there do not fail) and ``--kieswet-fuzz-max-restarts``; ``--hypothesis-profile kieswet-fuzz``
or ``kieswet-fuzz-night`` for the rest of Hypothesis's settings.

Without ``--kieswet-adapter`` the plugin adds its options and nothing else.
"""

from __future__ import annotations

import json
import shlex
import sys
import time
from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from _pytest._code.code import TerminalRepr

    from conformance.runner import CaseRecord
    from conformance.suite import Vector

SUITE_COLLECTOR = "kieswet-suite"
"""The name of the collector above every vector file: ``-k kieswet-suite`` selects all."""

FUZZ_COLLECTOR = "kieswet-fuzz"
"""The node id of the fuzz campaign's module (``conformance.fuzz_campaign.MODULE_NODEID``)."""

FUZZ_MODULE = "conformance.fuzz_tests"
EXAMPLES_PROPERTY = "kieswet_fuzz_examples"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kieswet", "Kieswet conformance suite (kieswet conformance run)")
    group.addoption(
        "--kieswet-adapter",
        metavar="CMD",
        default=None,
        help="run the conformance vectors through the adapter started by CMD (split as a shell "
        "would, run without a shell); without it the plugin does nothing",
    )
    group.addoption(
        "--kieswet-suite",
        metavar="DIR",
        default=None,
        help="suite directory with manifest.json (default: the suite shipped with kieswet)",
    )
    for name, what in (
        ("operation", "operation, e.g. allocate"),
        ("article", 'article, e.g. "P 8" (also matches "P 8 lid 2")'),
        ("flag", "vector flag, e.g. boundary"),
        ("law", "law version of the vector file, e.g. current"),
    ):
        group.addoption(
            f"--kieswet-{name}",
            action="append",
            default=[],
            metavar=name.upper(),
            help=f"only vectors with this {what}; repeat to allow several",
        )
    group.addoption(
        "--kieswet-timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="time the adapter gets per vector (default 10)",
    )
    group.addoption(
        "--kieswet-fuzz",
        action="store_true",
        default=False,
        help="run a fuzz campaign through the adapter instead of the vectors: one Hypothesis "
        "test per operation and shard (conformance.fuzz_tests), for pytest-xdist and HypoFuzz",
    )
    group.addoption(
        "--kieswet-fuzz-operation",
        action="append",
        default=[],
        metavar="OP",
        help="operation to fuzz (allocate, allocate-districts, allocate-eerste-kamer); repeat "
        "to allow several (default all three; one the adapter does not claim is skipped)",
    )
    group.addoption(
        "--kieswet-fuzz-shards",
        type=int,
        default=None,
        metavar="N",
        help="items per operation, each an independent Hypothesis test with its own "
        "database entries (default: the number of pytest-xdist workers, else 1)",
    )
    group.addoption(
        "--kieswet-fuzz-examples",
        type=int,
        default=None,
        metavar="N",
        help="max_examples of each item (default: that of the Hypothesis profile)",
    )
    group.addoption(
        "--kieswet-fuzz-database",
        default=None,
        metavar="DIR|URL",
        help="Hypothesis example database: a directory, or redis://HOST:PORT/N (needs the "
        "redis package) (default: the profile's, normally .hypothesis/examples)",
    )
    group.addoption(
        "--kieswet-fuzz-known",
        default=None,
        metavar="DIR",
        help="findings directory (kieswet conformance findings --out DIR): a difference "
        "with the operation and signature of a finding in it does not fail (default: none)",
    )
    group.addoption(
        "--kieswet-fuzz-max-restarts",
        type=int,
        default=1000,
        metavar="N",
        help="restarts of a failing adapter per process before giving up (default 1000)",
    )


class _Session:
    """The suite run of one pytest session: every selected vector through one adapter process,
    on first use."""

    def __init__(self, command: Sequence[str], timeout: float) -> None:
        self.command = list(command)
        self.timeout = timeout
        self.records: dict[str, CaseRecord] | None = None
        self.failure: str | None = None

    def record(self, item: VectorItem) -> CaseRecord | None:
        """The verdict on ``item``'s vector (``None``: the adapter could not be started)."""
        if self.records is None:
            from conformance.runner import AdapterFailure, Runner, RunnerOptions

            vectors = [i.vector for i in item.session.items if isinstance(i, VectorItem)]
            options = RunnerOptions(command=self.command, timeout=self.timeout)
            try:
                outcome = Runner(options).run(vectors)
            except AdapterFailure as exc:
                self.failure = str(exc)
                self.records = {}
            else:
                self.records = {r.vector.key: r for r in outcome.records}
        return self.records.get(item.vector.key)


SESSION = pytest.StashKey[_Session]()


class VectorFile(pytest.Collector):
    """The vectors of one file of the suite."""

    def __init__(self, *, vectors: Sequence[Vector], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.vectors = list(vectors)

    def collect(self) -> Iterable[VectorItem]:
        for vector in self.vectors:
            yield VectorItem.from_parent(self, name=f"vector[{vector.id}]", vector=vector)


class VectorFailed(Exception):
    """A vector's verdict is FAIL or ERROR; the text is the whole report."""


class VectorItem(pytest.Item):
    """One vector, judged as ``kieswet conformance run`` judges it."""

    def __init__(self, *, vector: Vector, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.vector = vector

    def runtest(self) -> None:
        session = self.config.stash[SESSION]
        record = session.record(self)
        if record is None:
            raise VectorFailed(f"the adapter could not be started: {session.failure}")
        verdict = record.verdict
        self.user_properties.append(("kieswet_status", verdict.status))
        if verdict.violations:
            rules = " ".join(sorted({v.rule_id for v in verdict.violations}))
            self.user_properties.append(("kieswet_rules", rules))
        if verdict.status == "SKIPPED":
            pytest.skip(verdict.message)
        if verdict.status != "PASS":
            raise VectorFailed(_report(record, session))

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str | TerminalRepr:
        if isinstance(excinfo.value, VectorFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"kieswet vector {self.vector.id} ({self.vector.file})"


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _report(record: CaseRecord, session: _Session | None = None) -> str:
    vector, verdict = record.vector, record.verdict
    lines = [
        f"vector {vector.id} ({vector.file}, groep {vector.group!r}): {verdict.status}: "
        f"{verdict.message}",
    ]
    if vector.comment:
        lines.append(f"  toelichting: {vector.comment}")
    if vector.articles:
        lines.append(f"  artikelen: {', '.join(vector.articles)}")
    if verdict.differences:
        lines.append("  verschillen:")
        lines += [f"    {d}" for d in verdict.differences]
    if verdict.violations:
        lines.append("  geschonden regels:")
        lines += [f"    {v.rule_id} ({v.article}): {v.message}" for v in verdict.violations]
    if verdict.status == "FAIL":
        lines.append(f"  verwacht: {_json(dict(vector.expected))}")
        lines.append(f"  geleverd: {_json(dict(verdict.provided or {}))}")
    lines += [f"  opmerking: {note}" for note in record.notes]
    if session is not None:
        adapter = shlex.join(session.command)
        select = f"vector[{vector.id}]"
        argv = ["python", "-m", "pytest", "--kieswet-adapter", adapter, "-k", select]
        lines.append(f"  alleen dit geval opnieuw: {shlex.join(argv)}")
    return "\n".join(lines)


def _command(config: pytest.Config, command_text: str) -> list[str]:
    try:
        command = shlex.split(command_text)
    except ValueError as exc:
        raise pytest.UsageError(f"--kieswet-adapter: cannot split the command ({exc})") from None
    if not command:
        raise pytest.UsageError("--kieswet-adapter: the command is empty")
    timeout: float = config.getoption("kieswet_timeout")
    if not timeout > 0:
        raise pytest.UsageError(f"--kieswet-timeout must be a positive number, got {timeout}")
    return command


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Register the Hypothesis profiles of a fuzz campaign before Hypothesis's plugin loads
    ``--hypothesis-profile``; without that option, load ``kieswet-fuzz``."""
    if config.getoption("kieswet_fuzz", False):
        from hypothesis import settings

        from conformance.fuzz_campaign import PROFILE, register_profiles

        register_profiles()
        if not config.getoption("hypothesis_profile", None):
            settings.load_profile(PROFILE)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Stop this process's campaign adapter. The campaign stays configured: HypoFuzz collects
    with pytest, then runs the tests after pytest has finished (the adapter starts again)."""
    if config.getoption("kieswet_fuzz", False) and "conformance.fuzz_campaign" in sys.modules:
        from conformance.fuzz_campaign import current

        campaign = current()
        if campaign is not None:
            campaign.stop()


def fuzz_items(config: pytest.Config) -> tuple[list[str], int]:
    """The operations and the number of shards of a fuzz campaign (``conformance.fuzz_tests``
    parametrizes its test with them)."""
    from conformance.fuzz_campaign import FUZZ_OPERATIONS

    chosen: list[str] = config.getoption("kieswet_fuzz_operation") or list(FUZZ_OPERATIONS)
    unknown = [op for op in chosen if op not in FUZZ_OPERATIONS]
    if unknown:
        raise pytest.UsageError(
            f"--kieswet-fuzz-operation: unknown {', '.join(unknown)} (known: "
            f"{', '.join(FUZZ_OPERATIONS)})"
        )
    shards: int | None = config.getoption("kieswet_fuzz_shards")
    if shards is None:
        workerinput: dict[str, Any] = getattr(config, "workerinput", {})
        shards = int(workerinput.get("workercount", 1))
    if shards < 1:
        raise pytest.UsageError(f"--kieswet-fuzz-shards must be at least 1, got {shards}")
    return list(dict.fromkeys(chosen)), shards


def _collect_fuzz(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item], command: list[str]
) -> None:
    """Configure this process's campaign and add the items of ``conformance.fuzz_tests``."""
    from hypothesis import settings

    from conformance.fuzz_campaign import (
        CampaignOptions,
        configure,
        known_signatures,
        open_database,
    )
    from conformance.suite import SuiteError

    fuzz_items(config)  # usage errors first
    overrides: dict[str, Any] = {}
    examples: int | None = config.getoption("kieswet_fuzz_examples")
    if examples is not None:
        if examples < 1:
            raise pytest.UsageError(f"--kieswet-fuzz-examples must be at least 1, got {examples}")
        overrides["max_examples"] = examples
    database: str | None = config.getoption("kieswet_fuzz_database")
    if database is not None:
        try:
            overrides["database"] = open_database(database)
        except ValueError as exc:
            raise pytest.UsageError(f"--kieswet-fuzz-database {exc}") from None
    if overrides:
        # The test takes the default settings when its module is imported, just below.
        settings.register_profile("kieswet-fuzz-options", settings.default, **overrides)
        settings.load_profile("kieswet-fuzz-options")
    known_dir: str | None = config.getoption("kieswet_fuzz_known")
    known: frozenset[Any] = frozenset()
    if known_dir is not None and Path(known_dir).exists():
        try:
            known = known_signatures(Path(known_dir))
        except SuiteError as exc:
            raise pytest.UsageError(f"--kieswet-fuzz-known: {exc}") from None
    restarts: int = config.getoption("kieswet_fuzz_max_restarts")
    timeout: float = config.getoption("kieswet_timeout")
    configure(CampaignOptions(tuple(command), timeout, restarts, known=known))
    sys.modules.pop(FUZZ_MODULE, None)  # imported afresh, with the settings of this session
    import importlib.util

    spec = importlib.util.find_spec(FUZZ_MODULE)
    assert spec is not None and spec.origin is not None
    module = pytest.Module.from_parent(session, path=Path(spec.origin), nodeid=FUZZ_COLLECTOR)
    module.extra_keyword_matches.add(FUZZ_COLLECTOR)
    items.extend(session.genitems(module))


def _is_fuzz_item(item: pytest.Item) -> bool:
    return item.nodeid.startswith(f"{FUZZ_COLLECTOR}::")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    """For a campaign item: give it its database key, and count its examples."""
    if not _is_fuzz_item(item) or not isinstance(item, pytest.Function):
        return (yield)
    from conformance.fuzz_campaign import current, set_key

    set_key(item.obj, item.nodeid)
    campaign = current()
    before = sum(campaign.examples.values()) if campaign is not None else 0
    try:
        return (yield)
    finally:
        after = sum(campaign.examples.values()) if campaign is not None else 0
        item.user_properties.append((EXAMPLES_PROPERTY, after - before))


@dataclass
class _Tally:
    """The examples of a campaign session (summed from the reports, so from every
    pytest-xdist worker) and when it started."""

    start: float = field(default_factory=time.perf_counter)
    examples: int = 0


_TALLY: list[_Tally] = []
"""The tally of the session running in this process (none without ``--kieswet-fuzz``)."""


def pytest_sessionstart(session: pytest.Session) -> None:
    _TALLY.clear()
    if session.config.getoption("kieswet_fuzz", False):
        _TALLY.append(_Tally())


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when != "call":
        return
    for name, value in report.user_properties:
        if name == EXAMPLES_PROPERTY and isinstance(value, int) and _TALLY:
            _TALLY[0].examples += value


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The examples of the campaign and their rate over the session's wall clock, in Dutch
    (docs/testers-guide.md, "Taal"): ``kieswet fuzz: 1000 voorbeelden in 3,21 s, 312
    voorbeelden/s``."""
    if not _TALLY:
        return
    tally = _TALLY[0]
    elapsed = time.perf_counter() - tally.start
    rate = tally.examples / elapsed if elapsed > 0 else 0.0
    examples = f"{tally.examples} {'voorbeeld' if tally.examples == 1 else 'voorbeelden'}"
    seconds = f"{elapsed:.2f}".replace(".", ",")  # a decimal comma, as Dutch writes it
    terminalreporter.write_line(
        f"kieswet fuzz: {examples} in {seconds} s, {rate:.0f} voorbeelden/s"
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Add one item per selected vector (before ``-k`` and ``-m`` deselect), or with
    ``--kieswet-fuzz`` the items of the fuzz campaign."""
    command_text: str | None = config.getoption("kieswet_adapter")
    if command_text is None:
        if config.getoption("kieswet_fuzz"):
            raise pytest.UsageError("--kieswet-fuzz needs --kieswet-adapter CMD")
        return
    command = _command(config, command_text)
    if config.getoption("kieswet_fuzz"):
        _collect_fuzz(session, config, items, command)
        return
    from conformance.suite import Filters, SuiteError, default_suite, load_suite, select

    timeout: float = config.getoption("kieswet_timeout")
    suite_option: str | None = config.getoption("kieswet_suite")
    root = Path(suite_option) if suite_option is not None else default_suite()
    try:
        suite = load_suite(root)
    except SuiteError as exc:
        raise pytest.UsageError(f"kieswet suite refused: {exc}") from None
    filters = Filters(
        tuple(config.getoption("kieswet_operation")),
        tuple(config.getoption("kieswet_article")),
        tuple(config.getoption("kieswet_flag")),
        tuple(config.getoption("kieswet_law")),
    )
    vectors = select(suite.vectors, filters)
    if not vectors:
        raise pytest.UsageError(f"no vector in {root} matches the filters {filters.to_json()}")
    config.stash[SESSION] = _Session(command, timeout)
    by_file: dict[str, list[Vector]] = {}
    for vector in vectors:
        by_file.setdefault(vector.file, []).append(vector)
    for relpath, in_file in by_file.items():
        collector = VectorFile.from_parent(
            session,
            name=relpath,
            path=root / relpath,
            nodeid=f"{SUITE_COLLECTOR}/{relpath}",
            vectors=in_file,
        )
        collector.extra_keyword_matches.add(SUITE_COLLECTOR)
        items.extend(session.genitems(collector))  # reported as collected, like any test
