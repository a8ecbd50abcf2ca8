"""Compare first, judge only what differs: the runner's fast path to a verdict.

Judging an answer with the executable specification (``conformance.judge``) means reading the
input and the answer and replaying the answer's steps in exact fractions; it bounds how fast a
conformance run can go. Yet most answers of an implementation that conforms are *the same
document* as an answer the specification has already judged: the reference's answer, which
``kieswet vectors build`` judges once for every vector (``judge`` over the reference adapter's
answer must be PASS, or the build stops) and records as ``judged_sha256``: the SHA-256 of that
result document written as compact JSON (:func:`result_text`).

So the runner compares an answer with that judged answer first:

* :meth:`Known.matched_line` looks at the raw line before anything decodes it: a line that is, byte
  for byte, ``{"type":"result","id":"<id>","status":"<status>","result":`` + the judged
  document + ``}`` and its newline (what ``conformance.adapters.serve`` writes) is that answer;
* :func:`passed` (and :func:`verdict`) looks at a decoded answer: one whose result, written as
  compact JSON, is the judged document (whatever spacing the adapter used) is that answer.

Either way the answer is PASS without calling the specification. Anything else, however small
the difference (a seat moved, a fraction written ``{"num", "den"}`` instead of ``"444 5/17"``,
the members of an object in another order, a repeated key), goes to ``judge`` exactly as before,
which explains it. This is no weaker than judging every answer: the judge is a function of the
vector and the decoded answer (its status, result and repeated key) and nothing else, so an
answer that decodes to the very document it judged PASS is PASS again, with the same message.
Equality here is strict on purpose: the same JSON values with the same types (``1`` is not
``1.0`` or ``true``) and the members of every object in the same order, so no argument about
which differences the specification tolerates is needed. ``tests/test_compare.py`` checks it
against ``judge`` on random vectors and random changes of their answers.

The digest is trusted as the expected results are: the suite's manifest guards both.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from conformance.judge import AS_EXPECTED, Verdict, judge
from conformance.protocol import Answer, AnswerStatus, decode_reply, encode
from conformance.suite import Vector


def result_text(result: Mapping[str, Any]) -> bytes:
    """``result`` as compact JSON in UTF-8, members in their order: what ``judged_sha256``
    digests (``json.dumps(result, ensure_ascii=False, separators=(",", ":"))``)."""
    return json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def digest(result: Mapping[str, Any]) -> str:
    """The SHA-256 (hex) of :func:`result_text`."""
    return hashlib.sha256(result_text(result)).hexdigest()


class NotJudgedPass(Exception):
    """The answer to record is not PASS when judged (the text says why)."""


def judged_digest(vector: Vector, answer: Answer) -> str:
    """``judged_sha256`` for ``vector``: the digest of ``answer``'s result, once ``judge`` has
    found the answer PASS as the runner reads it from the line ``serve`` writes for it; raises
    ``NotJudgedPass``.

    The result must hold JSON values without floats (the formats have none), so its compact
    text stands for exactly one document, types included."""
    if answer.result is None:
        raise NotJudgedPass(f"the answer is {answer.status}: {answer.message}")
    if not _without_floats(answer.result):
        raise NotJudgedPass("the result holds a value other than JSON's without floats")
    line = encode(Answer(vector.key, answer.status, answer.result))
    text = result_text(answer.result)
    if line.encode("utf-8") != _head(vector.key, answer.status) + text + b"}\n":
        raise NotJudgedPass("the answer's line is not written as compact JSON")
    reply = decode_reply(line)
    assert isinstance(reply, Answer)
    if reply.result is None or result_text(reply.result) != text:
        raise NotJudgedPass("the result does not read back as the same document")
    found = judge(vector, reply)
    if found.status != "PASS":
        raise NotJudgedPass(f"{found.status}: {found.message}; {'; '.join(found.differences)}")
    return hashlib.sha256(text).hexdigest()


def _without_floats(value: object) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is dict:
            if not all(type(k) is str for k in item):  # type: ignore[attr-defined]
                return False
            stack.extend(item.values())  # type: ignore[attr-defined]
        elif kind is list:
            stack.extend(item)  # type: ignore[arg-type]
        elif kind not in (str, int, bool) and item is not None:
            return False
    return True


def _head(key: str, status: str) -> bytes:
    """How the line of an answer begins, up to its result document."""
    return f'{{"type":"result","id":"{key}","status":"{status}","result":'.encode()


@dataclass(frozen=True, slots=True)
class Matched:
    """An answer recognised on its line as the judged one, not decoded: its id and status."""

    id: str
    status: AnswerStatus


class Known:
    """The judged answers of the vectors of one run, to recognise them on their lines."""

    def __init__(self, vectors: Iterable[Vector]) -> None:
        self._lines: dict[bytes, tuple[bytes, bytes, Matched]] = {}
        for vector in vectors:
            if vector.judged is None or not _plain(vector.key):
                continue
            status = vector.expected["status"]
            self._lines[vector.key.encode()] = (
                _head(vector.key, status),
                bytes.fromhex(vector.judged),
                Matched(vector.key, status),
            )

    def matched_line(self, line: bytes) -> Matched | None:
        """The answer ``line`` gives when it is byte for byte the judged answer's line (with
        ``\\n`` at its end), else ``None`` (then it is decoded and judged as usual)."""
        if not line.startswith(b'{"type":"result","id":"'):
            return None
        end = line.find(b'"', 23)
        known = self._lines.get(line[23:end])
        if known is None:
            return None
        head, want, matched = known
        if not (line.startswith(head) and line.endswith(b"}\n")):
            return None
        if hashlib.sha256(memoryview(line)[len(head) : -2]).digest() != want:
            return None
        return matched


def _plain(key: str) -> bool:
    """Whether ``key`` is written in JSON as itself between quotes (no escape needed)."""
    return key.isascii() and key.isprintable() and '"' not in key and "\\" not in key


def passed(vector: Vector, answer: Answer) -> bool:
    """Whether ``answer`` is, as decoded, the answer the build judged PASS for ``vector``."""
    return (
        vector.judged is not None
        and answer.repeated is None
        and answer.message is None
        and answer.result is not None
        and answer.status == vector.expected["status"]  # the status the build judged PASS
        and _written(answer.result) == vector.judged
    )


def verdict(vector: Vector, answer: Answer) -> Verdict:
    """``judge(vector, answer)``, without judging when the answer is the judged one."""
    if passed(vector, answer):
        return Verdict("PASS", AS_EXPECTED, answer_status=answer.status)
    return judge(vector, answer)


def _written(result: Mapping[str, Any]) -> str | None:
    """:func:`digest` of a decoded result (written by orjson where that gives the same text,
    as ``conformance.fastjson.write_line`` does); ``None`` for a result no judged one can be
    (a string JSON cannot carry in UTF-8)."""
    try:
        text = orjson.dumps(result)
    except TypeError:  # orjson.JSONEncodeError: an integer beyond 64 bits, a lone surrogate
        text = b"null"
    if b"null" in text:  # orjson writes NaN and Infinity as null: let json write them
        try:
            text = result_text(result)
        except (UnicodeEncodeError, ValueError, RecursionError):
            return None
    # Without floats either writer gives json's compact text, which stands for one document.
    # A float is written with a ".", an "e", or as NaN or Infinity, where the judged text (which
    # has no floats) has an integer, so a result holding one never gives the judged digest.
    return hashlib.sha256(text).hexdigest()
