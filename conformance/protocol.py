"""The adapter protocol ``kieswet-adapter@1``: JSON Lines between the runner and an adapter.

An *adapter* wraps an implementation under test in a process that reads one JSON object per
line on standard input and writes one per line on standard output (UTF-8; standard error is
free for logs). The runner speaks first::

    runner  -> {"type": "start", "protocol": "kieswet-adapter@1"}
    adapter -> {"type": "started", "protocol": "kieswet-adapter@1", "name": ..., "version": ...,
                "capabilities": {...}}
    runner  -> {"type": "run", "cases": [{"id": "17", "operation": "allocate", "input": {...}}]}
    adapter -> {"type": "result", "id": "17", "status": "completed", "result": {...}}  (per case)
    runner  -> {"type": "stop"}
    adapter -> {"type": "stopped"}

This module holds the message types and their encoding and decoding. Decoding validates every
field and raises ``ProtocolError`` naming what is wrong, so neither side ever acts on a
malformed message. ``conformance/schemas/adapter-protocol.schema.json`` states the same
structure as a JSON Schema; ``docs/adapter-protocol.md`` explains it for adapter authors.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

from conformance.fastjson import read_fast, write_line

PROTOCOL = "kieswet-adapter@1"

AnswerStatus: TypeAlias = Literal["completed", "needs_lot", "rejected", "skipped", "errored"]
ANSWER_STATUSES: tuple[AnswerStatus, ...] = (
    "completed",
    "needs_lot",
    "rejected",
    "skipped",
    "errored",
)
RESULT_STATUSES: tuple[AnswerStatus, ...] = ("completed", "needs_lot", "rejected")
"""Answers that carry a result document in ``result`` (``kieswet/seat-allocation-result@1``, or
``kieswet/district-allocation-result@1`` for the operation ``allocate-districts``)."""


class ProtocolError(ValueError):
    """A line that is not a valid message of the protocol; the text says why."""


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What an adapter claims to support; the runner skips (never sends) everything else.

    ``operations``, ``kinds``, ``laws`` and ``profiles`` list the names it accepts (operations
    ``allocate``, ``allocate-districts``, ``allocate-eerste-kamer``; election kinds
    ``TK EP PS AB GR ER EK KNI``; law versions ``current``, ``bill-36641``, ``pre-2017-12``;
    interpretation profiles such as ``default``). ``candidates``: it elects candidates
    (P 15 - P 19a) when the input has them. ``lots``: it accepts inputs that carry drawn lots.
    """

    operations: tuple[str, ...]
    kinds: tuple[str, ...]
    laws: tuple[str, ...]
    profiles: tuple[str, ...]
    candidates: bool
    lots: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "operations": list(self.operations),
            "kinds": list(self.kinds),
            "laws": list(self.laws),
            "profiles": list(self.profiles),
            "candidates": self.candidates,
            "lots": self.lots,
        }


@dataclass(frozen=True, slots=True)
class Start:
    """Runner to adapter, first line: the protocol the runner speaks."""

    protocol: str = PROTOCOL


@dataclass(frozen=True, slots=True)
class Started:
    """Adapter to runner, answer to ``start``: who it is and what it supports."""

    name: str
    version: str
    capabilities: Capabilities
    protocol: str = PROTOCOL


@dataclass(frozen=True, slots=True)
class Case:
    """One case of a ``run`` batch: an id, the operation, and the input only."""

    id: str
    operation: str
    input: Any


@dataclass(frozen=True, slots=True)
class Run:
    """Runner to adapter: a batch of cases; the adapter answers each with one ``Answer``."""

    cases: tuple[Case, ...]


@dataclass(frozen=True, slots=True)
class Answer:
    """Adapter to runner: the outcome of one case.

    ``result`` is the result document for ``completed``, ``needs_lot`` and ``rejected``
    (``kieswet/seat-allocation-result@1``; ``kieswet/district-allocation-result@1`` for
    ``allocate-districts``); ``message`` explains ``skipped`` and ``errored``.
    """

    id: str
    status: AnswerStatus
    result: Mapping[str, Any] | None = None
    message: str | None = None
    repeated: str | None = None
    """As the runner read it: the path of a key the answer's line repeats (``result.seats``),
    which makes the answer ambiguous; ``None`` for a sound line. Not part of the message."""


@dataclass(frozen=True, slots=True)
class Stop:
    """Runner to adapter: no more cases; answer ``stopped`` and exit 0."""


@dataclass(frozen=True, slots=True)
class Stopped:
    """Adapter to runner: the last line before the adapter exits."""


Request: TypeAlias = Start | Run | Stop
Reply: TypeAlias = Started | Answer | Stopped


@dataclass
class _Fields:
    """Reads the fields of one decoded message, raising ``ProtocolError`` naming the field."""

    data: Mapping[str, Any]
    kind: str
    allowed: frozenset[str] = field(default_factory=frozenset)

    def check_keys(self) -> None:
        unknown = sorted(set(self.data) - self.allowed - {"type"})
        if unknown:
            raise ProtocolError(
                f"{self.kind} message: unknown field {unknown[0]!r} "
                f"(allowed: {', '.join(sorted(self.allowed | {'type'}))})"
            )

    def text(self, key: str, where: Mapping[str, Any] | None = None, path: str = "") -> str:
        source = self.data if where is None else where
        value = source.get(key)
        if not isinstance(value, str) or not value:
            raise ProtocolError(
                f"{self.kind} message: {path or key} must be a non-empty string, got {_show(value)}"
            )
        return value

    def names(self, where: Mapping[str, Any], key: str) -> tuple[str, ...]:
        value = where.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise ProtocolError(
                f"{self.kind} message: capabilities.{key} must be an array of strings, "
                f"got {_show(value)}"
            )
        return tuple(value)

    def flag(self, where: Mapping[str, Any], key: str) -> bool:
        value = where.get(key)
        if not isinstance(value, bool):
            raise ProtocolError(
                f"{self.kind} message: capabilities.{key} must be true or false, got {_show(value)}"
            )
        return value


def _show(value: object) -> str:
    text = "nothing" if value is None else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


class _Repeated(dict[str, Any]):
    """An object that repeated a key (JSON leaves its meaning open): the key is kept."""

    __slots__ = ("repeated",)

    def __init__(self, pairs: list[tuple[str, Any]], repeated: str) -> None:
        super().__init__(pairs)
        self.repeated = repeated


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                return _Repeated(pairs, key)
            seen.add(key)
    return result


_KEY_END = re.compile(rb'"[ \t\r\n]*:')
"""Where a key ends; a string value may also hold such text, so this over-counts, never
under-counts the keys of a line."""


MAX_DEPTH = 100
"""The deepest nesting of arrays and objects a message may have (a result needs about six)."""


MAX_INTEGER = 10**30
"""Every integer of an answer must be smaller than this in size: far beyond any count of
votes (the suite's largest is below 10^10), and beyond 64 bits (which travel exactly), but
small enough that no judging or report ever meets a number too long to handle."""


def _shape(value: object) -> tuple[int, int, bool]:
    """The number of keys of ``value``, its nesting depth, and whether it holds an integer
    out of bounds; walked without recursion (the walk stops below :data:`MAX_DEPTH`). Only
    arrays and objects go on the stack; the other values are looked at where they are found."""
    kind = type(value)
    if kind is not dict and kind is not list:
        return 0, 0, kind is int and not -MAX_INTEGER < value < MAX_INTEGER  # type: ignore[operator]
    count = 0
    deepest = 0
    big = False
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        depth += 1
        deepest = max(deepest, depth)
        if type(item) is dict:
            count += len(item)
            item = item.values()
        if depth > MAX_DEPTH:
            continue
        for child in item:
            kind = type(child)
            if kind is dict or kind is list:
                stack.append((child, depth))
            elif kind is int and not -MAX_INTEGER < child < MAX_INTEGER:
                big = True
    return count, deepest, big


def repeated_key(line: str | bytes, data: object, keys: int | None = None) -> str | None:
    """The path of a key that occurs twice in one object of ``line`` (whose decoded value is
    ``data``), or ``None``. Cheap when there is none: every key ends in ``":``, so a line with
    no more such ends than ``data`` has keys has no repeated key; otherwise the line is read
    again, keeping every pair."""
    raw = line.encode("utf-8", "surrogatepass") if isinstance(line, str) else line
    if len(_KEY_END.findall(raw)) <= (_shape(data)[0] if keys is None else keys):
        return None
    try:
        again = json.loads(raw.decode("utf-8", "surrogatepass"), object_pairs_hook=_pairs)
    except (ValueError, RecursionError):  # pragma: no cover - it was read once already
        return None
    stack: list[tuple[str, object]] = [("", again)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, _Repeated):
            return f"{path}.{item.repeated}" if path else item.repeated
        if isinstance(item, dict):
            stack.extend((f"{path}.{k}" if path else k, v) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((f"{path}[{i}]", v) for i, v in enumerate(item))
    return None  # pragma: no cover - the count said there was one


def _load(line: str | bytes) -> Mapping[str, Any]:
    data = read_fast(line)
    if type(data) is dict and type(data.get("type")) is str:
        return data
    # Anything unusual is read again by the standard library, which names what is wrong.
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ProtocolError(
                f"the line is not UTF-8 ({exc.reason} at byte {exc.start})"
            ) from exc
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ProtocolError(f"the line is not JSON ({exc.msg}): {_show(line.rstrip())}") from exc
    except RecursionError as exc:
        raise ProtocolError("the line is JSON nested too deeply") from exc
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise ProtocolError(f"the line cannot be read as JSON: {_show(str(exc))}") from exc
    if not isinstance(data, dict):
        raise ProtocolError(f"a message must be a JSON object, got {_show(data)}")
    if not isinstance(data.get("type"), str):
        raise ProtocolError(f"a message needs a string field 'type', got {_show(data)}")
    return data


def capabilities_from_json(value: object, kind: str = "started") -> Capabilities:
    if not isinstance(value, dict):
        raise ProtocolError(f"{kind} message: capabilities must be an object, got {_show(value)}")
    reader = _Fields(value, f"{kind} capabilities")
    reader.allowed = frozenset({"operations", "kinds", "laws", "profiles", "candidates", "lots"})
    unknown = sorted(set(value) - reader.allowed)
    if unknown:
        raise ProtocolError(f"{kind} message: unknown capability {unknown[0]!r}")
    return Capabilities(
        operations=reader.names(value, "operations"),
        kinds=reader.names(value, "kinds"),
        laws=reader.names(value, "laws"),
        profiles=reader.names(value, "profiles"),
        candidates=reader.flag(value, "candidates"),
        lots=reader.flag(value, "lots"),
    )


def decode_request(line: str | bytes) -> Request:
    """A line the runner wrote, as an adapter reads it."""
    data = _load(line)
    kind = data["type"]
    if kind == "start":
        reader = _Fields(data, kind, frozenset({"protocol"}))
        reader.check_keys()
        return Start(reader.text("protocol"))
    if kind == "run":
        reader = _Fields(data, kind, frozenset({"cases"}))
        reader.check_keys()
        raw = data.get("cases")
        if not isinstance(raw, list):
            raise ProtocolError(f"run message: cases must be an array, got {_show(raw)}")
        cases: list[Case] = []
        for index, item in enumerate(raw):
            if not isinstance(item, dict):
                raise ProtocolError(f"run message: cases[{index}] must be an object")
            unknown = sorted(set(item) - {"id", "operation", "input"})
            if unknown:
                raise ProtocolError(f"run message: cases[{index}] has unknown field {unknown[0]!r}")
            if "input" not in item:
                raise ProtocolError(f"run message: cases[{index}].input is missing")
            cases.append(
                Case(
                    reader.text("id", item, f"cases[{index}].id"),
                    reader.text("operation", item, f"cases[{index}].operation"),
                    item["input"],
                )
            )
        return Run(tuple(cases))
    if kind == "stop":
        _Fields(data, kind).check_keys()
        return Stop()
    raise ProtocolError(f"unknown message type {kind!r} (expected start, run or stop)")


def decode_reply(line: str | bytes) -> Reply:
    """A line an adapter wrote, as the runner reads it."""
    data = _load(line)
    kind = data["type"]
    if kind == "result":
        answer = _decode_answer(data)
        keys, depth, big = _shape(data)
        if depth > MAX_DEPTH:
            raise ProtocolError(
                f"result message for case {answer.id!r}: nested more than {MAX_DEPTH} levels"
            )
        if big:
            raise ProtocolError(
                f"result message for case {answer.id!r}: holds an integer of 10^30 or more "
                "in size (out of bounds for any election)"
            )
        repeated = repeated_key(line, data, keys)
        if repeated is None:
            return answer
        if not repeated.startswith("result."):
            raise ProtocolError(f"result message: the field {repeated!r} occurs twice")
        return Answer(answer.id, answer.status, answer.result, answer.message, repeated)
    if kind == "started":
        reader = _Fields(data, kind, frozenset({"protocol", "name", "version", "capabilities"}))
        reader.check_keys()
        return Started(
            name=reader.text("name"),
            version=reader.text("version"),
            capabilities=capabilities_from_json(data.get("capabilities")),
            protocol=reader.text("protocol"),
        )
    if kind == "stopped":
        _Fields(data, kind).check_keys()
        return Stopped()
    raise ProtocolError(f"unknown message type {kind!r} (expected started, result or stopped)")


def _decode_answer(data: Mapping[str, Any]) -> Answer:
    reader = _Fields(data, "result", frozenset({"id", "status", "result", "message"}))
    reader.check_keys()
    case_id = reader.text("id")
    status = data.get("status")
    if status not in ANSWER_STATUSES:
        raise ProtocolError(
            f"result message for case {case_id!r}: status must be one of "
            f"{', '.join(ANSWER_STATUSES)}, got {_show(status)}"
        )
    message = data.get("message")
    if message is not None and not isinstance(message, str):
        raise ProtocolError(
            f"result message for case {case_id!r}: message must be a string, got {_show(message)}"
        )
    result = data.get("result")
    if status in RESULT_STATUSES:
        if not isinstance(result, dict):
            raise ProtocolError(
                f"result message for case {case_id!r}: status {status} needs a result object, "
                f"got {_show(result)}"
            )
    elif result is not None:
        raise ProtocolError(
            f"result message for case {case_id!r}: status {status} carries no result"
        )
    return Answer(case_id, status, result, message)


def encode(message: Request | Reply) -> str:
    """One protocol line (with its newline) for ``message``."""
    if isinstance(message, Answer):
        out: dict[str, Any] = {"type": "result", "id": message.id, "status": message.status}
        if message.result is not None:
            out["result"] = message.result
        if message.message is not None:
            out["message"] = message.message
        return write_line(out)
    if isinstance(message, Run):
        cases = [{"id": c.id, "operation": c.operation, "input": c.input} for c in message.cases]
        return write_line({"type": "run", "cases": cases})
    if isinstance(message, Started):
        return write_line(
            {
                "type": "started",
                "protocol": message.protocol,
                "name": message.name,
                "version": message.version,
                "capabilities": message.capabilities.to_json(),
            }
        )
    if isinstance(message, Start):
        return write_line({"type": "start", "protocol": message.protocol})
    if isinstance(message, Stop):
        return write_line({"type": "stop"})
    return write_line({"type": "stopped"})
