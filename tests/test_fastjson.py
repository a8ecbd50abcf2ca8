"""``conformance.fastjson`` reads and writes protocol lines exactly as the standard library does.

The second formulation is ``json`` itself: whatever orjson reads must be the standard library's
reading of the same line (values, types and key order), and whatever is written must be the
standard library's text for a document without floats, and the same values for one with floats.
The edges where orjson differs (integers beyond 64 bits, NaN and Infinity, lone surrogates,
non-string keys) are each pinned by an example as well.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance.fastjson import read_fast, write_line, write_line_without_floats
from conformance.protocol import (
    Answer,
    Case,
    ProtocolError,
    Run,
    decode_reply,
    decode_request,
    encode,
)

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.text()
)
_FLOATS = st.floats()
_DOCUMENTS = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=25,
)
_DOCUMENTS_WITH_FLOATS = st.recursive(
    _SCALARS | _FLOATS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=25,
)
# Lines made of the characters JSON is made of, plus the ones at the edges of either reader.
_PIECES = st.sampled_from(
    [
        *'{}[],:"\\ 0123456789.eE+-',
        *("true", "false", "null", "NaN", "Infinity", "\t", "\n", "\x00", "\x1f", "é", "\ufeff"),
        *("\\u", "\\ud800", "\\udc00", "\\u00e9", "9" * 19, "1e400"),
    ]
)


def _stdlib(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def _same(a: Any, b: Any) -> bool:
    """Equal values of equal types with keys in the same order (NaN equal to NaN)."""
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _stdlib_reading(line: str) -> tuple[bool, Any]:
    try:
        return True, json.loads(line)
    except (ValueError, RecursionError):
        return False, None


@given(_DOCUMENTS)
def test_writes_the_standard_librarys_text(document: Any) -> None:
    assert write_line(document) == _stdlib(document)


@given(_DOCUMENTS_WITH_FLOATS)
def test_writes_the_same_values_with_floats(document: Any) -> None:
    assert _same(json.loads(write_line(document)), document)


@given(_DOCUMENTS_WITH_FLOATS)
def test_reads_written_documents_as_the_standard_library(document: Any) -> None:
    line = _stdlib(document)
    fast = read_fast(line)
    if fast is not None:
        assert _same(fast, json.loads(line))
    fast = read_fast(line.encode("utf-8", "surrogatepass"))
    if fast is not None:
        assert _same(fast, json.loads(line))


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.lists(_PIECES, max_size=24).map("".join))
def test_reads_any_line_as_the_standard_library_or_leaves_it(line: str) -> None:
    fast = read_fast(line)
    if fast is None:
        return
    ok, value = _stdlib_reading(line)
    assert ok, f"orjson read {line!r}, which the standard library rejects"
    assert _same(fast, value)


@pytest.mark.parametrize(
    "line",
    [
        '{"votes":18446744073709551616}',  # 2**64: orjson would read a float
        '{"votes":-9223372036854775809}',
        '{"votes":1234567890123456789}',  # 19 digits, within 64 bits: left to json anyway
        "[NaN]",
        "[Infinity]",
        "[1e400]",
        '["\\ud800"]',
        "null",
        "not json",
    ],
)
def test_edges_are_left_to_the_standard_library(line: str) -> None:
    assert read_fast(line) is None
    assert read_fast(line.encode("utf-8")) is None


def test_reads_ordinary_lines_fast() -> None:
    assert read_fast('{"type":"stop","n":[1,-2,999999999999999999]}') == {
        "type": "stop",
        "n": [1, -2, 10**18 - 1],
    }
    assert read_fast(b'{"name":"Bo\xc3\xabr"}') == {"name": "Boër"}


def test_writes_ordinary_documents_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("the standard library was used")

    monkeypatch.setattr(json, "dumps", refuse)
    assert write_line({"type": "result", "seats": {"1": 3}, "name": "Boër"}) == (
        '{"type":"result","seats":{"1":3},"name":"Boër"}\n'
    )


@pytest.mark.parametrize(
    "document",
    [
        {"votes": 2**64},
        {"votes": -(2**70)},
        {"value": math.nan},
        {"value": math.inf},
        {"message": None},
        {1: "a non-string key"},
        {"name": "\ud800"},
    ],
)
def test_edges_are_written_by_the_standard_library(document: Any) -> None:
    assert write_line(document) == _stdlib(document)


def test_protocol_lines_keep_huge_vote_counts_exact() -> None:
    """A 2**64 vote count travels exactly both ways through the protocol."""
    election = {"lists": [{"number": 1, "votes": 2**64 + 1}]}
    line = encode(Run((Case("1", "allocate", election),)))
    request = decode_request(line)
    assert isinstance(request, Run)
    assert request.cases[0].input["lists"][0]["votes"] == 2**64 + 1
    answer = Answer("1", "completed", {"status": "completed", "total_votes": 2**64 + 1})
    reply = decode_reply(encode(answer).encode("utf-8"))
    assert isinstance(reply, Answer) and reply.result is not None
    assert reply.result["total_votes"] == 2**64 + 1
    assert type(reply.result["total_votes"]) is int


def test_protocol_messages_about_bad_lines_are_unchanged() -> None:
    with pytest.raises(ProtocolError, match="not JSON"):
        decode_reply(b"[1,]")
    with pytest.raises(ProtocolError, match="not UTF-8"):
        decode_reply(b'{"type":"stopped","x":"\xff"}')
    with pytest.raises(ProtocolError, match="must be a JSON object"):
        decode_reply(b"null")
    with pytest.raises(ProtocolError, match="string field 'type'"):
        decode_reply(b'{"type":1}')


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENTS)
def test_writes_a_document_without_floats_as_the_standard_library(document: Any) -> None:
    # the writer of result documents (kieswet allocate --batch): no floats, nulls written by
    # orjson; integers beyond 64 bits, lone surrogates and all are still the stdlib's text
    assert write_line_without_floats(document) == _stdlib(document)


def test_a_result_document_with_nulls_is_written_by_orjson(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("the standard library was asked to write it")

    monkeypatch.setattr(json, "dumps", refuse)
    document = {"status": "completed", "preference_threshold": None, "seats": {"1": 3}}
    assert write_line_without_floats(document) == (
        '{"status":"completed","preference_threshold":null,"seats":{"1":3}}\n'
    )

