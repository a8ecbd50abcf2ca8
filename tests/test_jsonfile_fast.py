"""The strict JSON reader's fastest path (issue 17): ``kieswet.jsonfile.loads`` reads a plainly
written document with orjson and checks on its text, and leaves every other to
``strict_loads`` (the reader every command used before, with its own tests in
``tests/test_hostile_input.py``). The two must be one reader: the same documents accepted,
with the same values (types included: ``1`` is not ``1.0`` nor ``True``), and the same
refusals with the same message, field and code. Hypothesis writes the texts: documents with
repeated keys, deep nesting, integers at and beyond every bound and beyond 64 bits, ``NaN``
and ``Infinity``, floats, strings with escapes, colons, quotes and lone surrogates, in random
spacing, with a byte-order mark, cut short or with a character replaced; and bytes that are
not UTF-8, read as ``load`` and ``kieswet allocate --batch`` read them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kieswet import jsonfile
from kieswet.jsonfile import JsonInputError, decode_bytes, loads, strict_loads

ROOT = Path(__file__).resolve().parent.parent

SPACE = st.sampled_from(["", "", " ", "\n", "\t", "\r\n", "  "])
KEYS = st.sampled_from(
    ["seats", "votes", "candidate_count", "candidates", "a", "a:b", 'q"', "se\\u0061ts", "\u00e9"]
) | st.text(max_size=4)
BOUNDS = [0, 999, 1000, 1001, 9999, 10_000, 10_001, 10**12 - 1, 10**12, 10**15 - 1, 10**15]
BOUNDS += [2**63 - 1, 2**63, 2**64, 10**30, 10**31]


INTEGERS = (
    st.integers(-(10**16), 10**16).map(str)
    | st.sampled_from(BOUNDS).flatmap(lambda b: st.sampled_from([str(b), str(-b)]))
    | st.sampled_from(["-0", "0", "1" * 50, "9" * 5000])
)
FLOATS = st.floats(allow_nan=False, allow_infinity=False).map(repr) | st.sampled_from(
    ["1e400", "-1e400", "1.5E3", "-0.0", "2.5e-320", "NaN", "Infinity", "-Infinity", "1.0"]
)


def _string(text: str, ascii_only: bool) -> str:
    return json.dumps(text, ensure_ascii=ascii_only)


STRINGS = (
    st.builds(_string, st.text(max_size=6), st.booleans())
    | st.sampled_from(['"a:b"', '"\\ud800"', '"x\\"y"', '"candidates"', '"seats"', '":"'])
    | st.just('"\x7f"')
)
SCALARS = INTEGERS | FLOATS | STRINGS | st.sampled_from(["true", "false", "null"])


def _array(items: list[str], spaces: list[str]) -> str:
    gap = spaces[0] if spaces else ""
    return "[" + gap + ("," + gap).join(items) + gap + "]"


def _key(key: str) -> str:
    """A key as JSON text; one holding a backslash is an escape written by hand."""
    return '"' + key + '"' if "\\" in key else _string(key, False)


def _object(pairs: list[tuple[str, str]], spaces: list[str]) -> str:
    gap = spaces[0] if spaces else ""
    after = spaces[-1] if spaces else ""
    body = ("," + gap).join(f"{_key(k)}{gap}:{after}{v}" for k, v in pairs)
    return "{" + gap + body + after + "}"


def _nested(depth: int, inner: str, kind: str) -> str:
    if kind == "list":
        return "[" * depth + inner + "]" * depth
    return '{"a":' * depth + inner + "}" * depth


def _many(count: int, item: str) -> str:
    return "[" + ",".join([item] * count) + "]"


VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.builds(_array, st.lists(children, max_size=5), st.lists(SPACE, max_size=2))
        | st.builds(
            _object,
            st.lists(st.tuples(KEYS, children), max_size=5),
            st.lists(SPACE, max_size=2),
        )
    ),
    max_leaves=20,
)
DEEP = st.builds(_nested, st.integers(60, 68), VALUES, st.sampled_from(["list", "object"]))
LONG = st.builds(
    lambda count, item, key: "{" + json.dumps(key) + ":" + _many(count, item) + "}",
    st.sampled_from([999, 1000, 1001]),
    st.sampled_from(["0", '{"votes":1}', "[]"]),
    st.sampled_from(["candidates", "kandidaten"]),
)
DOCUMENTS = VALUES | DEEP | LONG


@st.composite
def texts(draw: st.DrawFn) -> str:
    text: str = draw(DOCUMENTS)
    text = draw(SPACE) + text + draw(SPACE)
    if draw(st.integers(0, 9)) == 0 and text:  # cut short, or a character replaced
        at = draw(st.integers(0, len(text) - 1))
        text = text[:at] + draw(st.sampled_from(["", ":", '"', "\\", "{", "]", "\ud800", "1"]))
        text += text[at + 1 :] if draw(st.booleans()) else ""
    if draw(st.integers(0, 9)) == 0:
        text = "\ufeff" * draw(st.integers(1, 2)) + text
    return text


def _outcome(read: object, text: str) -> tuple[str, ...]:
    try:
        document = read(text)  # type: ignore[operator]
    except JsonInputError as exc:
        return ("refused", str(exc), exc.field, exc.code, exc.reason)
    return ("accepted", repr(document))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts())
@example('{"a":1,"a":2}')
@example('{"seats":10001}')
@example('{"seats":10000,"votes":999999999999}')
@example('{"votes":1000000000000}')
@example('{"candidate_count":1001}')
@example("[" * 64 + "]" * 64)
@example("[" * 65 + "]" * 65)
@example('{"a":' * 64 + "1" + "}" * 64)
@example("\ufeff\ufeff[1]")
@example('["\\ud800"]')
@example("[9223372036854775808]")
@example("[1e400]")
def test_the_fast_path_is_the_strict_reader(text: str) -> None:
    expected = _outcome(strict_loads, text)
    assert _outcome(loads, text) == expected
    body = text[1:] if text.startswith("\ufeff") else text
    fast = jsonfile._fast(body)
    if fast is not None:  # what the fast path gives, the strict reader gives
        assert expected == ("accepted", repr(fast))


@settings(max_examples=300, deadline=None)
@given(texts(), st.binary(max_size=3), st.integers(0, 1000))
def test_bytes_that_are_not_utf8_are_read_alike(text: str, junk: bytes, at: int) -> None:
    data = text.encode("utf-8", "surrogatepass")
    at = min(at, len(data))
    data = data[:at] + junk + data[at:]

    def read(reader: object) -> tuple[str, ...]:
        try:
            decoded = decode_bytes(data)
        except JsonInputError as exc:
            return ("unreadable", str(exc))
        return _outcome(reader, decoded)

    assert read(loads) == read(strict_loads)


def test_plain_documents_take_the_fast_path() -> None:
    """The examples, written compactly or indented (as orjson or ``json.dumps`` without
    escapes writes them), take the fast path; with ``\\u`` escapes they are left to the
    strict reader, which reads the same."""
    for path in sorted((ROOT / "examples").glob("*.json")):
        document = json.loads(path.read_text("utf-8"))
        for indent in (None, 2):
            plain = json.dumps(document, ensure_ascii=False, indent=indent)
            assert jsonfile._fast(plain) == document, path.name
            assert loads(plain) == strict_loads(plain) == document
        escaped = json.dumps(document, ensure_ascii=True)
        if "\\" in escaped:
            assert jsonfile._fast(escaped) is None
            assert loads(escaped) == document


@pytest.mark.parametrize(
    ("text", "fast"),
    [
        ('{"seats":10000}', True),
        ('{"seats":10001}', False),
        ('{"seats":-10001}', False),
        ('{"candidate_count":1000}', True),
        ('{"candidate_count":1001}', False),
        ('{"votes":999999999999}', True),
        ('{"votes":1000000000000}', False),
        ('{"a":1,"a":1}', False),
        ('{"a":{"b":1},"c":{"b":2}}', True),
        ("[" * 64 + "]" * 64, True),  # the innermost array 63 levels below the document
        ("[" * 65 + "]" * 65, False),
        ('{"candidates":' + _many(1000, "0") + "}", True),
        ('{"candidates":' + _many(1001, "0") + "}", False),
        ('{"x":"candidates","candidates":' + _many(1001, "0") + "}", False),
        ('{"candidates":[],"b":{"candidates":' + _many(1001, "0") + "}}", False),
        ('[{"candidates":[]},[{"candidates":' + _many(1001, "{}") + "}]]", False),
        ('["a\\"b"]', False),
        ("1", False),
    ],
)
def test_what_the_fast_path_takes(text: str, fast: bool) -> None:
    """Each of the faults the text must rule out, at its bound (hand-written: 10,000 seats,
    votes below 10^12, 1,000 candidates, 64 levels, a repeated key)."""
    assert (jsonfile._fast(text) is not None) is fast
    assert _outcome(loads, text) == _outcome(strict_loads, text)
