"""The runner's speed-ups outside the judge give exactly what the plain formulations give.

* ``conformance.protocol._shape`` (keys, depth, integers out of bounds of an answer) walks only
  arrays and objects; here it is held against a plain recursive walk written from its
  definition.
* ``conformance.reports.jsonl_text`` writes PASS and SKIPPED lines with orjson; here every line
  is held against ``json.dumps`` as the report format states it.
* ``conformance.reports._pretty`` (the documents in the HTML report) writes with orjson and
  halves the indentation; here it is held against ``json.dumps(..., indent=1)``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.protocol import MAX_DEPTH, MAX_INTEGER, _shape
from conformance.reports import _pretty

ROOT = Path(__file__).resolve().parent.parent


def plain_shape(value: Any, depth: int = 0) -> tuple[int, int, bool]:
    """Keys counted in every object down to ``MAX_DEPTH`` levels (an object below that is
    counted, not opened), the deepest level reached (at most ``MAX_DEPTH + 1``), and whether
    an integer (not a bool) of 10^30 or more in size sits within those levels."""
    if isinstance(value, bool) or not isinstance(value, dict | list | int):
        return 0, depth, False
    if isinstance(value, int):
        return 0, depth, abs(value) >= MAX_INTEGER
    keys = len(value) if isinstance(value, dict) else 0
    level = depth + 1
    if level > MAX_DEPTH:
        return keys, level, False
    deepest, big = level, False
    for child in value.values() if isinstance(value, dict) else value:
        more, reached, found = plain_shape(child, level)
        keys += more
        deepest = max(deepest, reached)
        big = big or found
    return keys, deepest, big


def _nested(levels: int, leaf: Any, as_object: bool) -> Any:
    for _ in range(levels):
        leaf = {"a": leaf, "b": 1} if as_object else [leaf, 2]
    return leaf


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**31), 10**31)
    | st.sampled_from([MAX_INTEGER, -MAX_INTEGER, MAX_INTEGER - 1, 1 - MAX_INTEGER])
    | st.text(max_size=3),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=2), inner, max_size=4)
    ),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_shape_is_the_plain_walk(value: Any) -> None:
    assert _shape(value) == plain_shape(value)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(MAX_DEPTH - 3, MAX_DEPTH + 3),
    st.sampled_from([0, 7, MAX_INTEGER, -(10**40), True, None, "x"]),
    st.booleans(),
)
def test_shape_at_the_depth_limit(levels: int, leaf: Any, as_object: bool) -> None:
    value = _nested(levels, leaf, as_object)
    assert _shape(value) == plain_shape(value)


def test_report_lines_are_written_as_json_dumps_writes_them(tmp_path: Path) -> None:
    """A run with PASS, FAIL and SKIPPED cases (a wrong adapter over the fixture suite): each
    line of report.jsonl is ``json.dumps`` of its own value, compact and not escaped."""
    from conformance.reports import RunContext, jsonl_text
    from conformance.runner import Runner, RunnerOptions
    from conformance.suite import Filters, load_suite

    suite = ROOT / "tests" / "fixtures" / "vectors"
    command = [sys.executable, str(ROOT / "tests" / "fixtures" / "adapters" / "no_p9.py")]
    outcome = Runner(RunnerOptions(command)).run(load_suite(suite).vectors)
    context = RunContext("s", str(suite), Filters(), " ".join(command), 100, 10.0, "test")
    text = jsonl_text(outcome, context)
    lines = text.splitlines()
    statuses = {json.loads(line).get("status") for line in lines[1:-1]}
    assert {"PASS", "FAIL"} <= statuses
    for line in lines:
        assert line == json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":"))


PRETTY = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=4)
    | st.sampled_from(["  x", "\n  y", "\0", "\u2028", "\ud800", "\x7f", "é"]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(PRETTY)
def test_pretty_is_json_dumps_with_indent_1(document: Any) -> None:
    assert _pretty(document) == json.dumps(document, ensure_ascii=False, indent=1)


def test_pretty_deep_documents() -> None:
    for levels in (0, 1, 5, 30):
        for as_object in (True, False):
            document = _nested(levels, "  \n x", as_object)
            assert _pretty(document) == json.dumps(document, ensure_ascii=False, indent=1)
