"""Decoding ``kieswet/seat-allocation-input@1``: the hand-written reader against msgspec and
JSON Schema validation (issue 13; the evaluation is in docs/formats.md).

Generates the elections of ``benchmarks/allocate_batch.py`` (same generator, fixed seed) and
times, per JSON line, on one core:

* ``jsonfile.loads + parse_election``: what ``kieswet allocate --batch`` does (the strict JSON
  reader, then ``interchange.allocation.parse_election``);
* ``json.loads + parse_election``: the same without the strict reader's checks;
* ``msgspec typed decode``: ``msgspec.json.Decoder(InputDocument)`` straight from the text into
  typed structs (unknown fields forbidden, bounds as constraints), then into ``spec.model``
  records with the numbering checks written by hand (what parse_election checks beyond types);
* ``json.loads + jsonschema``: validation alone against the published schema
  (``conformance/schemas/seat-allocation-input.schema.json``), no records made.

Also prints what each says about one bad field. msgspec and jsonschema are optional here: a
part whose library is missing is skipped. Usage::

    python benchmarks/formats_decode.py [--elections 20000] [--seed 2026] [--rounds 3]
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable
from itertools import repeat
from operator import attrgetter
from pathlib import Path
from typing import Annotated, Any, Literal

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.allocate_batch import generate  # noqa: E402
from interchange.allocation import parse_election  # noqa: E402
from kieswet.jsonfile import loads  # noqa: E402
from spec.model import Candidate, Election, ElectionList, parse_profile  # noqa: E402

_VOTES = attrgetter("votes")
SCHEMA = ROOT / "conformance" / "schemas" / "seat-allocation-input.schema.json"


Part = tuple[str, list[Any], Callable[[Any], object]]


def _time(parts: list[Part], rounds: int) -> None:
    """Each part once per round, the rounds interleaved, and the best round of each printed
    (a loaded machine only slows a run down, and interleaving spreads its load over all)."""
    best = {name: float("inf") for name, _, _ in parts}
    for _ in range(rounds):
        for name, items, decode in parts:
            start = time.perf_counter()
            for item in items:
                decode(item)
            best[name] = min(best[name], time.perf_counter() - start)
    for name, items, _ in parts:
        print(f"{name:40} {best[name]:7.3f} s  {len(items) / best[name]:9.0f} elections/s")


try:
    import msgspec
    from msgspec import Meta, Struct
except ImportError:  # optional here: the msgspec part is skipped
    msgspec = None
else:
    Number = Annotated[int, Meta(ge=1)]
    Count = Annotated[int, Meta(ge=0)]

    class CandidateIn(Struct, forbid_unknown_fields=True):
        number: Number
        votes: Count
        deceased: bool = False
        name: str = ""

    class ListIn(Struct, forbid_unknown_fields=True):
        number: Number
        name: str = ""
        votes: Count | None = None
        candidates: list[CandidateIn] | None = None
        candidate_count: Count | None = None
        deceased_count: Count | None = None

    class ElectionIn(Struct, forbid_unknown_fields=True):
        kind: Literal["TK", "EP", "PS", "AB", "GR", "ER", "EK", "KNI"]
        seats: Number
        law: Literal["current", "bill-36641", "pre-2017-12"] = "current"
        profile: str = "default"
        name: str = ""
        date: str = ""

    class InputDocument(Struct, forbid_unknown_fields=True):
        election: ElectionIn
        lists: Annotated[list[ListIn], Meta(min_length=1)]
        format: Literal["kieswet/seat-allocation-input@1"] = "kieswet/seat-allocation-input@1"
        source: str = ""
        lots: list[dict[str, Any]] = []  # msgspec copies a mutable default


def _msgspec_decoder() -> Callable[[str], object] | None:
    if msgspec is None:
        return None
    decoder = msgspec.json.Decoder(InputDocument)

    row = attrgetter("number", "votes", "deceased")
    numbers = attrgetter("number")

    def decode(line: str) -> object:
        return records(decoder.decode(line))

    def records(doc: Any) -> Election:
        lists = []
        previous = 0
        for raw in doc.lists:
            if raw.number <= previous:  # ascending, unique: plain code, as in parse_election
                raise ValueError(f"list number {raw.number} comes after {previous}")
            previous = raw.number
            if raw.candidates is None:
                raise ValueError("list-level data: not in this benchmark")
            given = list(map(numbers, raw.candidates))
            if given != list(range(1, len(given) + 1)) and sorted(set(given)) != given:
                raise ValueError("candidate numbers must ascend")
            # as parse_election's fast path: the NamedTuples built in C
            candidates = tuple(map(tuple.__new__, repeat(Candidate), map(row, raw.candidates)))
            votes = sum(map(_VOTES, candidates))
            lists.append(ElectionList(raw.number, raw.name, votes, candidates))
        e = doc.election
        return Election(e.kind, e.seats, tuple(lists), e.law, parse_profile(e.profile), ())

    decode.error = lambda text: str(_catch(decoder.decode, text))  # type: ignore[attr-defined]
    # the same from a document the strict reader decoded (``msgspec.convert``, no JSON text)
    decode.convert = lambda data: records(  # type: ignore[attr-defined]
        msgspec.convert(data, InputDocument)
    )
    return decode


def _catch(function: Callable[[str], object], text: str) -> BaseException | None:
    try:
        function(text)
    except Exception as exc:  # the library's own error, shown as it is
        return exc
    return None


def _jsonschema_validator() -> Any:
    try:
        import jsonschema
    except ImportError:
        return None
    schema = json.loads(SCHEMA.read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--elections", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    lines = generate(args.elections, args.seed)
    gc.freeze()  # the collector as ``kieswet allocate --batch`` sets it
    gc.set_threshold(100_000, 50, 100)
    size = sum(map(len, lines))
    print(f"{len(lines)} elections, {size / 1e6:.1f} MB of JSON Lines\n")
    decoded = [json.loads(line) for line in lines]
    parts: list[Part] = [
        ("jsonfile.loads + parse_election", lines, lambda s: parse_election(loads(s))),
        ("json.loads + parse_election", lines, lambda s: parse_election(json.loads(s))),
        ("jsonfile.loads alone (strict JSON)", lines, loads),
        ("json.loads alone", lines, json.loads),
        ("parse_election alone (decoded)", decoded, parse_election),
    ]
    typed = _msgspec_decoder()
    if typed is not None:
        for line in lines[:200]:  # the same records as the hand-written reader
            assert typed(line) == parse_election(json.loads(line))
            assert typed.convert(json.loads(line)) == typed(line)  # type: ignore[attr-defined]
        parts.append(("msgspec typed decode + records", lines, typed))
        decoder = msgspec.json.Decoder(InputDocument)
        parts.append(("msgspec typed decode alone", lines, decoder.decode))
        parts.append(("msgspec.convert (decoded) + records", decoded, typed.convert))  # type: ignore[attr-defined]
    _time(parts, args.rounds)
    validator = _jsonschema_validator()
    if validator is not None:
        tenth = decoded[: max(1, len(decoded) // 10)]  # slow: a tenth of the elections
        _time([("jsonschema validation alone (1/10)", tenth, validator.validate)], 1)

    bad = json.loads(lines[0])
    bad["lists"][min(2, len(bad["lists"]) - 1)]["candidates"][0]["votes"] = -1
    text = json.dumps(bad)
    print("\nOne bad field (a candidate's votes -1):")
    rejected = parse_election(json.loads(text))
    for error in getattr(rejected, "errors", ()):
        print(f"  parse_election: {error.field}: {error.message} [{error.code}]")
    if typed is not None:
        print(f"  msgspec:        {typed.error(text)}")  # type: ignore[attr-defined]
    if validator is not None:
        for error in validator.iter_errors(bad):
            where = "".join(
                f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path
            ).lstrip(".")
            print(f"  jsonschema:     {where}: {error.message} [{error.validator}]")


if __name__ == "__main__":
    main()
