"""The conformance runner: drive an adapter through the suite and decide a verdict on every answer.

The runner starts the adapter (a command line), performs the ``start``/``started`` handshake,
skips every vector the adapter's capabilities do not cover (never sending it), sends the rest
in batches of ``batch_size`` and waits at most ``timeout`` seconds per case of a batch. It keeps
``in_flight`` batches (two) sent ahead, so the adapter computes the next batch while the runner
judges the answers to this one; answers are collected batch by batch, in the order sent.

It survives adapters that misbehave. When the adapter exits, stops answering in time, prints a
line that is not a valid message, answers an id that was not asked, answers a case twice or
leaves a case out, the runner kills it (its whole process group), notes what happened, starts
it again and re-sends each case of that batch still unanswered *on its own*. A case that fails
again on its own is ERROR with the reason; the others are judged as usual. So one bad case
never costs the verdict on its neighbours. After ``max_restarts`` restarts the remaining cases
are ERROR without being sent.

Each answer is first compared with the answer the suite build judged PASS for its vector
(``conformance.compare``); only an answer that differs from it is judged
(``conformance.judge``), which gives the same verdict as judging every answer.
"""

from __future__ import annotations

import contextlib
import gc
import os
import queue
import signal
import subprocess
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, Literal, cast

from conformance.compare import Known, Matched, verdict
from conformance.judge import AS_EXPECTED, Verdict, judge
from conformance.protocol import (
    PROTOCOL,
    Answer,
    Case,
    ProtocolError,
    Run,
    Start,
    Started,
    Stop,
    Stopped,
    decode_reply,
    encode,
)
from conformance.suite import Vector, profile_switches, unsupported

STDERR_TAIL = 10
MAX_LINE_BYTES = 64 * 1024 * 1024
"""The longest line the runner takes from an adapter; a longer one is an invalid line, read
and discarded in pieces (never held whole in memory)."""


class AdapterFailure(Exception):
    """The adapter could not be started or did not complete the handshake."""


class _Timeout:
    pass


_TIMEOUT = _Timeout()


class _TooLong:
    pass


_TOO_LONG = _TooLong()


@dataclass(frozen=True, slots=True)
class NoAnswer:
    """Why the adapter gave no answer: the time ran out (``timeout``), it ended (``ended``,
    ``detail`` says how), it printed a line that is not protocol (``invalid``, ``detail`` says
    why) or a message that is not an answer (``other``, ``detail`` names it)."""

    kind: Literal["timeout", "ended", "invalid", "other"]
    detail: str = ""
    stderr_tail: str = ""

    def describe(self, waiting: str, limit: str) -> str:
        """A sentence for the report; ``waiting`` names the cases still awaited (``" case 3"``,
        or ``""``), ``limit`` the time allowed."""
        if self.kind == "timeout":
            return f"the adapter did not answer{waiting} within {limit}{self.stderr_tail}"
        if self.kind == "ended":
            return f"the adapter {self.detail} before answering{waiting}{self.stderr_tail}"
        if self.kind == "invalid":
            return f"the adapter printed an invalid line: {self.detail}"
        return f"the adapter sent a {self.detail} message instead of an answer" + (
            f" to{waiting}" if waiting else ""
        )


class AdapterProcess:
    """One running adapter process with non-blocking line I/O and a tail of its stderr."""

    def __init__(self, argv: Sequence[str], max_line: int | None = None) -> None:
        self.argv = list(argv)
        self.max_line = MAX_LINE_BYTES if max_line is None else max_line
        try:
            self.process = subprocess.Popen(
                self.argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
        except OSError as exc:
            reason = (exc.strerror or str(exc)).lower()  # without "[Errno 2]" and the name again
            raise AdapterFailure(f"cannot start the adapter {self.argv[0]!r}: {reason}") from exc
        self._lines: queue.Queue[bytes | _TooLong | None] = queue.Queue()
        self._outgoing: queue.Queue[bytes | None] = queue.Queue()
        self._stderr: deque[str] = deque(maxlen=STDERR_TAIL)
        self.strays: list[str] = []
        """Ids of results that arrived after ``stop`` (answers to cases already answered)."""
        threads = [
            threading.Thread(target=target, daemon=True)
            for target in (self._read_stdout, self._read_stderr, self._write_stdin)
        ]
        for thread in threads:
            thread.start()
        self._stderr_reader = threads[1]

    def _read_stdout(self) -> None:
        stream = cast(IO[bytes], self.process.stdout)
        limit = self.max_line
        with contextlib.suppress(OSError, ValueError):
            while line := stream.readline(limit + 1):
                if len(line) > limit and not line.endswith(b"\n"):
                    while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                        pass
                    self._lines.put(_TOO_LONG)
                    continue
                self._lines.put(line)
        self._lines.put(None)

    def _read_stderr(self) -> None:
        stream = cast(IO[bytes], self.process.stderr)
        with contextlib.suppress(OSError, ValueError):
            while line := stream.readline(4096):  # the tail keeps short pieces only
                self._stderr.append(line.decode("utf-8", "replace").rstrip())

    def _write_stdin(self) -> None:
        stream = cast(IO[bytes], self.process.stdin)
        while (data := self._outgoing.get()) is not None:
            try:
                stream.write(data)
                stream.flush()
            except (OSError, ValueError):
                return
        with contextlib.suppress(OSError, ValueError):
            stream.close()

    def send(self, line: str) -> None:
        self._outgoing.put(line.encode("utf-8"))

    def receive(self, deadline: float) -> bytes | _Timeout | None:
        """The next line, ``None`` at end of output, or ``_TIMEOUT`` after ``deadline``; a line
        beyond the limit is given as a line that is not JSON."""
        try:
            item = self._lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return _TIMEOUT
        if isinstance(item, _TooLong):
            return f"(a line longer than {self.max_line:,} bytes)\n".encode()
        return item

    def next_answer(self, deadline: float) -> tuple[Answer, bytes] | NoAnswer:
        """The next answer with the line it came on, or why none came before ``deadline``."""
        # without known answers every answer is decoded: never ``Matched``
        return cast(tuple[Answer, bytes] | NoAnswer, self.next_reply(deadline, None))

    def next_reply(
        self, deadline: float, known: Known | None
    ) -> tuple[Answer | Matched, bytes] | NoAnswer:
        """``next_answer``, but a line that is one of the ``known`` answers is not decoded:
        it is given as ``Matched``."""
        item = self.receive(deadline)
        if isinstance(item, _Timeout):
            return NoAnswer("timeout", stderr_tail=self.stderr_tail())
        if item is None:
            return NoAnswer("ended", self.ended(), self.stderr_tail())
        if known is not None and (matched := known.matched_line(item)) is not None:
            return matched, item
        try:
            reply = decode_reply(item)
        except ProtocolError as exc:
            return NoAnswer("invalid", str(exc))
        if not isinstance(reply, Answer):
            return NoAnswer("other", type(reply).__name__.lower())
        return reply, item

    def ended(self) -> str:
        """How the process ended (its exit status, if it exited)."""
        try:
            return f"exited with status {self.process.wait(timeout=2)}"
        except subprocess.TimeoutExpired:
            return "closed its output"

    def stderr_tail(self) -> str:
        if self.process.returncode is not None:
            # it has exited: what it wrote last is read to the end first (unless a child of
            # it still holds the pipe open), so the tail does not depend on thread timing
            self._stderr_reader.join(timeout=1.0)
        lines = [line for line in list(self._stderr) if line]
        return f"; its standard error ends: {' | '.join(lines)}" if lines else ""

    def kill(self) -> None:
        """End the adapter and every process it started (its process group), also when the
        adapter itself has already exited and left children behind."""
        self._outgoing.put(None)
        self._kill_group()
        self.process.wait()

    def _exited(self, timeout: float) -> bool:
        """Whether the adapter exits within ``timeout`` seconds; it is not reaped, so its
        process group id cannot be taken by another process before the group is killed."""
        deadline = time.monotonic() + timeout
        while self.process.returncode is None:
            try:
                info = os.waitid(os.P_PID, self.process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
            except (ChildProcessError, AttributeError):  # reaped already; or not POSIX
                return self.process.poll() is not None or _waited(self.process, deadline)
            if info is not None:
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.005)
        return True

    def _kill_group(self) -> None:
        if hasattr(os, "killpg"):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGKILL)
        elif self.process.poll() is None:  # pragma: no cover - Windows
            self.process.kill()

    def stop(self, timeout: float) -> str | None:
        """Ask the adapter to stop; a problem with how it stopped, or ``None``."""
        self.send(encode(Stop()))
        self._outgoing.put(None)
        deadline = time.monotonic() + timeout
        problem: str | None = None
        strays: list[str] = []
        while True:
            item = self.receive(deadline)
            if isinstance(item, _Timeout):
                problem = f"it did not answer stop within {timeout:g} s"
                break
            if item is None:
                problem = f"it {self.ended()} without answering stop{self.stderr_tail()}"
                break
            try:
                reply = decode_reply(item)
            except ProtocolError as exc:
                problem = f"after stop it printed an invalid line: {exc}"
                break
            if isinstance(reply, Stopped):
                break
            if isinstance(reply, Answer):
                strays.append(reply.id)
        if self._exited(max(0.1, deadline - time.monotonic())):
            self._kill_group()  # whatever it started dies with it, before it is reaped
            code = self.process.wait()
            if problem is None and code != 0:
                problem = f"it exited with status {code} after stop{self.stderr_tail()}"
        else:
            problem = problem or "it did not exit after stopped"
        self.kill()
        self.strays = strays
        return problem


def _waited(process: subprocess.Popen[bytes], deadline: float) -> bool:
    try:
        process.wait(timeout=max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        return False
    return True


def handshake(
    argv: Sequence[str], timeout: float, max_line: int | None = None
) -> tuple[AdapterProcess, Started]:
    """Start the adapter and exchange ``start``/``started``; raises ``AdapterFailure``."""
    process = AdapterProcess(argv, max_line)
    try:
        process.send(encode(Start()))
        item = process.receive(time.monotonic() + timeout)
    except BaseException:  # Ctrl-C while waiting: the adapter does not outlive us
        process.kill()
        raise
    problem: str | None = None
    if isinstance(item, _Timeout):
        problem = f"the adapter did not answer start within {timeout:g} s{process.stderr_tail()}"
    elif item is None:
        problem = f"the adapter {process.ended()} without answering start{process.stderr_tail()}"
    else:
        try:
            reply = decode_reply(item)
        except ProtocolError as exc:
            problem = f"the adapter's answer to start is invalid: {exc}{process.stderr_tail()}"
        else:
            if not isinstance(reply, Started):
                problem = "the adapter answered start with something other than started"
            elif reply.protocol != PROTOCOL:
                problem = f"the adapter speaks {reply.protocol!r}; the runner speaks {PROTOCOL!r}"
            else:
                return process, reply
    process.kill()
    raise AdapterFailure(problem)


@dataclass
class RunnerOptions:
    command: Sequence[str]
    batch_size: int = 100
    timeout: float = 10.0
    max_restarts: int = 50
    in_flight: int = 2
    """Batches sent ahead: the adapter computes the next while the runner judges one."""
    startup_timeout: float = 30.0
    stop_timeout: float = 5.0
    max_line_bytes: int | None = None
    """The longest line taken from the adapter (a longer one is an invalid line); ``None``:
    :data:`MAX_LINE_BYTES`."""
    compare_first: bool = True
    """Pass an answer identical to the one the suite build judged PASS without judging it
    again (``conformance.compare``); False: judge every answer (the same verdicts, slower)."""


@dataclass
class CaseRecord:
    """One vector's outcome; ``notes`` say what happened on the way (restarts, retries)."""

    vector: Vector
    verdict: Verdict
    notes: list[str] = field(default_factory=list)


@dataclass
class RunOutcome:
    adapter: Started
    started_at: str
    finished_at: str
    elapsed: float
    records: list[CaseRecord]
    restarts: int
    events: list[str]
    complete: bool = True
    """False when the run was interrupted: ``records`` then hold only the cases judged."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Runner:
    """One run of ``vectors`` through the adapter of ``options.command``.

    Answers are judged as they arrive, and the next batch is sent before this one is judged,
    so the runner judges while the adapter computes.
    """

    def __init__(
        self, options: RunnerOptions, progress: Callable[[int, int], None] | None = None
    ) -> None:
        self.options = options
        self.progress = progress
        self.records: dict[str, CaseRecord] = {}
        self.notes: dict[str, list[str]] = {}
        self.answered: set[str] = set()
        self.twice: set[str] = set()
        self.innocent = False
        """Set when an exchange broke down through no fault of the batch in flight."""
        self.events: list[str] = []
        self.restarts = 0
        self.process: AdapterProcess | None = None
        self.adapter: Started | None = None
        self.total = 0
        self.started_at = _now()
        self.clock = time.monotonic()
        self.known: Known | None = None

    def _record(self, vector: Vector, verdict: Verdict) -> None:
        if vector.key in self.twice:
            verdict = _twice(verdict)
        self.records[vector.key] = CaseRecord(vector, verdict, self.notes.get(vector.key, []))
        if self.progress is not None:
            self.progress(len(self.records), self.total)

    def _error(self, vector: Vector, message: str) -> None:
        self._record(vector, Verdict("ERROR", message))

    def _answered_twice(self, key: str) -> None:
        self.twice.add(key)
        record = self.records.get(key)
        if record is not None:
            record.verdict = _twice(record.verdict)

    def run(self, vectors: Sequence[Vector]) -> RunOutcome:
        """Run every vector; raises ``AdapterFailure`` if the adapter cannot start at all."""
        # The suite, loaded before the run and alive all through it, is kept out of the cyclic
        # garbage collector's full scans while the run lasts: one scan of thousands of loaded
        # elections costs as much as judging a hundred answers. Afterwards it is handed back.
        #
        # Interrupted (Ctrl-C), it returns what was judged so far (``complete`` False), unless
        # the adapter had not even started. The adapter's process group is killed on every
        # way out.
        gc.freeze()
        self.started_at, self.clock = _now(), time.monotonic()
        try:
            return self._run(vectors)
        except KeyboardInterrupt:
            if self.process is not None:
                self.process.kill()
                self.process = None
            if self.adapter is None:
                raise
            self.events.append(
                f"interrupted: the run was stopped after {len(self.records)} of "
                f"{len(vectors)} cases; the others were not judged"
            )
            return RunOutcome(
                adapter=self.adapter,
                started_at=self.started_at,
                finished_at=_now(),
                elapsed=time.monotonic() - self.clock,
                records=[self.records[v.key] for v in vectors if v.key in self.records],
                restarts=self.restarts,
                events=self.events,
                complete=False,
            )
        finally:
            if self.process is not None:
                self.process.kill()
                self.process = None
            gc.unfreeze()

    def _run(self, vectors: Sequence[Vector]) -> RunOutcome:
        started_at, clock = self.started_at, self.clock
        self.total = len(vectors)
        self.known = Known(vectors) if self.options.compare_first else None
        self.process, adapter = handshake(
            self.options.command,
            self.options.startup_timeout,
            self.options.max_line_bytes,
        )
        self.adapter = adapter
        profiles = [profile_switches(p) for p in adapter.capabilities.profiles]
        to_send: deque[Vector] = deque()
        for vector in vectors:
            reason = unsupported(vector, adapter.capabilities, profiles)
            if reason is None:
                to_send.append(vector)
            else:
                self._record(vector, Verdict("SKIPPED", f"not sent: {reason}"))
        alone: deque[Vector] = deque()
        in_flight: deque[list[Vector]] = deque()
        while to_send or alone or in_flight:
            # Keep up to ``in_flight`` batches sent, so the adapter computes the next batch
            # while the runner judges this one. Answers are collected batch by batch, in the
            # order sent, so a failure is always charged to the batch being collected.
            # A case sent again on its own travels alone, with nothing else in flight.
            while len(in_flight) < max(1, self.options.in_flight):
                if alone:
                    if in_flight:
                        break
                    batch = [alone.popleft()]
                elif to_send:
                    size = min(self.options.batch_size, len(to_send))
                    batch = [to_send.popleft() for _ in range(size)]
                else:
                    break
                if self.process is None and not self._restart(adapter, [*batch, *alone, *to_send]):
                    to_send.clear()
                    alone.clear()
                    break
                assert self.process is not None
                cases = tuple(Case(v.key, v.operation, v.input) for v in batch)
                self.process.send(encode(Run(cases)))
                in_flight.append(batch)
            if not in_flight:
                break
            batch = in_flight.popleft()
            assert self.process is not None
            later = {v.key: v for queued in in_flight for v in queued}
            answers, failure = self._collect(self.process, batch, later)
            if failure is None:
                continue
            self.events.append(failure)
            self.process.kill()
            self.process = None
            unanswered = [v for v in batch if v.key not in answers]
            # The batches sent after this one were not at fault: send their unanswered cases
            # again, as they were, once the adapter has been restarted.
            for queued in reversed(in_flight):
                to_send.extendleft(reversed([v for v in queued if v.key not in self.records]))
            in_flight.clear()
            if self.innocent:
                # The failure was a late second answer to an earlier case: not this batch's.
                self.innocent = False
                alone.extendleft(reversed(unanswered))
            elif len(batch) == 1:
                for vector in unanswered:
                    self._error(vector, failure)
            else:
                for vector in unanswered:
                    self.notes.setdefault(vector.key, []).append(
                        f"sent again on its own after the adapter failed on its batch: {failure}"
                    )
                alone.extend(unanswered)
        if self.process is not None:
            problem = self.process.stop(self.options.stop_timeout)
            for key in self.process.strays:
                self._answered_twice(key)
            if problem is not None:
                self.events.append(f"the adapter did not stop cleanly: {problem}")
            self.process = None
        return RunOutcome(
            adapter=adapter,
            started_at=started_at,
            finished_at=_now(),
            elapsed=time.monotonic() - clock,
            records=[self.records[v.key] for v in vectors],
            restarts=self.restarts,
            events=self.events,
        )

    def _restart(self, adapter: Started, remaining: list[Vector]) -> bool:
        """Start the adapter again; on failure every remaining case is ERROR (returns False)."""
        if self.restarts >= self.options.max_restarts:
            reason = (
                f"not sent: the adapter failed {self.restarts} times, the limit "
                f"(--max-restarts {self.options.max_restarts}); the run stopped sending cases"
            )
            self.events.append(reason)
        else:
            self.restarts += 1
            try:
                self.process, again = handshake(
                    self.options.command,
                    self.options.startup_timeout,
                    self.options.max_line_bytes,
                )
            except AdapterFailure as exc:
                reason = f"not sent: the adapter could not be started again: {exc}"
                self.events.append(reason)
            else:
                if (again.name, again.version, again.capabilities) != (
                    adapter.name,
                    adapter.version,
                    adapter.capabilities,
                ):
                    self.events.append(
                        "after a restart the adapter introduced itself differently: "
                        f"{again.name} {again.version}"
                    )
                return True
        for vector in remaining:
            if vector.key not in self.records:
                self._error(vector, reason)
        return False

    def _collect(
        self, process: AdapterProcess, batch: list[Vector], later: Mapping[str, Vector]
    ) -> tuple[set[str], str | None]:
        """Judge the answers to ``batch``; the cases answered and, if the exchange broke
        down, why.

        ``later`` are the cases of the batches sent after it: an adapter may answer some of them
        before the last answer to ``batch`` (they are judged then); their answers are not
        returned here but recorded, so the later batch does not wait for them again."""
        vectors = {v.key: v for v in batch}
        allowed = self.options.timeout * len(batch)
        deadline = time.monotonic() + allowed
        answers = {key for key in vectors if key in self.answered}  # early, with an earlier batch
        waiting = set(vectors) - answers
        while waiting:
            got = process.next_reply(deadline, self.known)
            if isinstance(got, NoAnswer):
                per_case = f"{self.options.timeout:g} s per case, {len(batch)} in the batch"
                limit = f"{allowed:g} s ({per_case})"
                return answers, got.describe(f" {_cases(waiting)}", limit)
            reply = got[0]
            if reply.id in waiting:
                waiting.discard(reply.id)
                answers.add(reply.id)
                self.answered.add(reply.id)
                self._record(vectors[reply.id], self._verdict(vectors[reply.id], reply))
            elif reply.id in later and reply.id not in self.answered:
                self.answered.add(reply.id)
                self._record(later[reply.id], self._verdict(later[reply.id], reply))
            elif reply.id in answers:
                answers.discard(reply.id)
                del self.records[reply.id]
                self.answered.discard(reply.id)
                return answers, f"the adapter answered case {reply.id} twice in one batch"
            elif reply.id in self.answered:
                self._answered_twice(reply.id)
                self.innocent = True
                return answers, (
                    f"the adapter answered case {reply.id} again, after its answer had been taken"
                )
            else:
                return answers, (
                    f"the adapter answered with id {reply.id!r}, which was not asked "
                    f"(waiting for {_cases(waiting)})"
                )
        return answers, None

    def _verdict(self, vector: Vector, reply: Answer | Matched) -> Verdict:
        """The verdict on ``reply``: compared first, judged only when it differs."""
        if isinstance(reply, Matched):
            return Verdict("PASS", AS_EXPECTED, answer_status=reply.status)
        return verdict(vector, reply) if self.options.compare_first else judge(vector, reply)


def _twice(verdict: Verdict) -> Verdict:
    return Verdict(
        "ERROR",
        "the adapter answered this case twice (the second answer came later, while the runner "
        f"waited for other cases); the first answer was judged {verdict.status}: "
        f"{verdict.message}",
        answer_status=verdict.answer_status,
    )


def _cases(keys: Iterable[str]) -> str:
    ordered = sorted(keys, key=lambda k: (len(k), k))
    shown = ", ".join(ordered[:5]) + (f" and {len(ordered) - 5} more" if len(ordered) > 5 else "")
    return f"case {shown}" if len(ordered) == 1 else f"cases {shown}"
