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

Without ``--kieswet-adapter`` the plugin adds its options and nothing else.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from _pytest._code.code import TerminalRepr

    from conformance.runner import CaseRecord
    from conformance.suite import Vector

SUITE_COLLECTOR = "kieswet-suite"
"""The name of the collector above every vector file: ``-k kieswet-suite`` selects all."""


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


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Add one item per selected vector (before ``-k`` and ``-m`` deselect)."""
    command_text: str | None = config.getoption("kieswet_adapter")
    if command_text is None:
        return
    from conformance.suite import Filters, SuiteError, default_suite, load_suite, select

    try:
        command = shlex.split(command_text)
    except ValueError as exc:
        raise pytest.UsageError(f"--kieswet-adapter: cannot split the command ({exc})") from None
    if not command:
        raise pytest.UsageError("--kieswet-adapter: the command is empty")
    timeout: float = config.getoption("kieswet_timeout")
    if not timeout > 0:
        raise pytest.UsageError(f"--kieswet-timeout must be a positive number, got {timeout}")
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
