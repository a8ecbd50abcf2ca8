"""Every verdict and message of the judge over the shipped suite, with perturbed answers.

Prints one JSON line per judged answer: its key and the violations (rule id, article, message)
the judge finds. Run it against two checkouts and compare the outputs byte for byte, to show
that a change to ``spec/`` left the judge's verdicts and messages as they were::

    PYTHONPATH=/work/main python benchmarks/judge_differential.py > before.jsonl
    PYTHONPATH=$PWD python benchmarks/judge_differential.py > after.jsonl
    cmp before.jsonl after.jsonl

The answers judged, for every positive vector of the shipped suite (``allocate``,
``allocate-eerste-kamer``, ``allocate-districts``): the reference's answer with its steps and
without them; then, deterministically, perturbations of it (each with and without steps where
that applies): every residual seat moved to every other list (steps, seats and order kept
together), two residual seats swapped, a stated value changed, a lot claimed or dropped, the
P 9 and P 10 steps dropped, a seat moved between lists in the final claim, elected candidates
swapped or dropped, the preference-elected reversed, a ranking reversed, a lot question changed;
and every negative vector's wrong answer. ``--limit N`` keeps the first N vectors.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from collections.abc import Iterator
from typing import Any

from conformance.suite import DISTRICTS_OPERATION, default_suite, load_negative, load_suite
from interchange.allocation import parse_election, result_to_json
from interchange.districts import district_result_to_json, parse_district_election
from interchange.judging import check, check_districts, weighed_by_law
from reference.allocate import allocate
from reference.districts import allocate_districts
from spec.districts import DistrictElection
from spec.model import Election

Doc = dict[str, Any]


def _without_steps(doc: Doc) -> Doc:
    return {k: v for k, v in doc.items() if k != "steps"}


def _residual(doc: Doc) -> list[Doc]:
    return [s for s in doc.get("steps", []) if s.get("step") == "residual_seat"]


def _seat_moves(doc: Doc) -> Iterator[tuple[str, Doc]]:
    seats = doc.get("seats")
    if not isinstance(seats, dict):
        return
    numbers = sorted(seats, key=int)
    for index, step in enumerate(_residual(doc)):
        for to in numbers:
            if int(to) == step["list"]:
                continue
            new = copy.deepcopy(doc)
            moved = _residual(new)[index]
            was = str(moved["list"])
            moved["list"] = int(to)
            if was in new["seats"]:
                new["seats"][was] -= 1
            new["seats"][to] += 1
            if "residual_seat_order" in new:
                new["residual_seat_order"] = [s["list"] for s in _residual(new)]
            yield f"move-{index}-to-{to}", new
    for a in numbers:
        for b in numbers:
            if a != b and seats[a] > 0:
                new = _without_steps(copy.deepcopy(doc))
                new["seats"][a] -= 1
                new["seats"][b] += 1
                yield f"final-{a}-to-{b}", new


def _step_changes(doc: Doc) -> Iterator[tuple[str, Doc]]:
    steps = _residual(doc)
    for i in range(len(steps) - 1):
        if steps[i]["list"] != steps[i + 1]["list"]:
            new = copy.deepcopy(doc)
            r = _residual(new)
            r[i]["list"], r[i + 1]["list"] = r[i + 1]["list"], r[i]["list"]
            if "residual_seat_order" in new:
                new["residual_seat_order"] = [s["list"] for s in r]
            yield f"swap-{i}", new
    for i in range(len(steps)):
        new = copy.deepcopy(doc)
        step = _residual(new)[i]
        if "value" in step:
            step["value"] = step["value"] + "1" if "/" not in step["value"] else "1"
            yield f"value-{i}", new
        new = copy.deepcopy(doc)
        step = _residual(new)[i]
        step["lot"] = not step.get("lot", False)
        yield f"lot-{i}", new
        new = copy.deepcopy(doc)
        step = _residual(new)[i]
        step["method"] = (
            "greatest_average" if step.get("method") != "greatest_average" else "largest_remainder"
        )
        yield f"method-{i}", new
    for kind in ("absolute_majority", "list_exhaustion", "unfilled"):
        if any(s.get("step") == kind for s in doc.get("steps", [])):
            new = copy.deepcopy(doc)
            new["steps"] = [s for s in new["steps"] if s.get("step") != kind]
            yield f"drop-{kind}", new
    if "steps" in doc:
        new = copy.deepcopy(doc)
        new["steps"] = list(reversed(new["steps"]))
        yield "reversed-steps", new


def _candidate_changes(doc: Doc) -> Iterator[tuple[str, Doc]]:
    elected = doc.get("elected")
    if isinstance(elected, dict):
        for number, chosen in sorted(elected.items()):
            if isinstance(chosen, list) and len(chosen) >= 2:
                new = copy.deepcopy(doc)
                e = new["elected"][number]
                e[0], e[-1] = e[-1], e[0]
                yield f"elected-swap-{number}", new
            if isinstance(chosen, list) and chosen:
                new = copy.deepcopy(doc)
                new["elected"][number] = chosen[:-1]
                yield f"elected-drop-{number}", new
                new = copy.deepcopy(doc)
                new["elected"][number] = [*chosen[:-1], 999]
                yield f"elected-unknown-{number}", new
    on_pref = doc.get("elected_on_preference")
    if isinstance(on_pref, dict):
        for number, chosen in sorted(on_pref.items()):
            if isinstance(chosen, list) and chosen:
                new = copy.deepcopy(doc)
                new["elected_on_preference"][number] = list(reversed(chosen))
                yield f"preference-reversed-{number}", new
                new = copy.deepcopy(doc)
                new["elected_on_preference"][number] = chosen[1:]
                yield f"preference-drop-{number}", new
    ranking = doc.get("ranking")
    if isinstance(ranking, dict):
        for number, order in sorted(ranking.items()):
            if isinstance(order, list) and len(order) >= 2:
                new = copy.deepcopy(doc)
                new["ranking"][number] = list(reversed(order))
                yield f"ranking-reversed-{number}", new
    if "preference_threshold" in doc:
        new = copy.deepcopy(doc)
        new["preference_threshold"] = "1"
        yield "threshold", new


def _other_changes(doc: Doc) -> Iterator[tuple[str, Doc]]:
    if "quota" in doc:
        new = copy.deepcopy(doc)
        new["quota"] = "1"
        yield "quota", new
    lot = doc.get("lot")
    if isinstance(lot, dict):
        for field in ("options", "value", "seat", "kind", "list"):
            new = copy.deepcopy(doc)
            if field == "options":
                new["lot"]["options"] = [*lot.get("options", []), 99][1:]
            elif field == "value":
                new["lot"]["value"] = "7"
            elif field == "seat":
                new["lot"]["seat"] = (lot.get("seat") or 0) + 1
            elif field == "kind":
                other = "absolute_majority"
                if lot.get("kind") == other:
                    other = "residual_seat"
                new["lot"]["kind"] = other
            else:
                new["lot"]["list"] = 1
            yield f"lot-{field}", new
            yield f"lot-{field}-final", _without_steps(new)
        new = copy.deepcopy(doc)
        new["status"] = "completed"
        yield "lot-completed", new
    if doc.get("status") == "completed":
        new = copy.deepcopy(doc)
        new["status"] = "rejected"
        yield "rejected", new
    full = doc.get("full_seats")
    if isinstance(full, dict):
        for number in sorted(full):
            new = copy.deepcopy(doc)
            new["full_seats"][number] += 1
            yield f"full-{number}", new


def perturbations(doc: Doc) -> Iterator[tuple[str, Doc]]:
    yield "reference", doc
    yield "reference-final", _without_steps(doc)
    for source in (_seat_moves, _step_changes, _candidate_changes, _other_changes):
        for name, new in source(doc):
            yield name, new
            if "steps" in new:
                yield name + "-final", _without_steps(new)


def _judge(operation: str, raw_input: Any, election: Any, doc: Any) -> list[list[str]]:
    if operation == DISTRICTS_OPERATION:
        found = check_districts(election, doc)
    else:
        found = check(election, doc)
    return [[v.rule_id, v.article, v.message] for v in found]


def _election(operation: str, raw_input: Any) -> Any:
    if operation == "allocate-eerste-kamer":
        return weighed_by_law(raw_input)
    return parse_election(raw_input)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    suite = load_suite(default_suite())
    vectors = list(suite.vectors)
    if args.limit:
        vectors = vectors[: args.limit]
    out = sys.stdout
    for vector in vectors:
        if vector.operation == DISTRICTS_OPERATION:
            district = parse_district_election(vector.input)
            if not isinstance(district, DistrictElection):
                continue
            election: Any = district
            doc = district_result_to_json(allocate_districts(district))
        elif vector.operation in ("allocate", "allocate-eerste-kamer"):
            parsed = _election(vector.operation, vector.input)
            if not isinstance(parsed, Election):
                continue
            election = parsed
            doc = result_to_json(allocate(parsed))
        else:
            continue
        doc = json.loads(json.dumps(doc))
        for name, new in perturbations(doc):
            found = _judge(vector.operation, vector.input, election, new)
            out.write(json.dumps({"id": vector.id, "case": name, "found": found}) + "\n")
    for negative in load_negative(default_suite()):
        v = negative.vector
        if v.operation == DISTRICTS_OPERATION:
            election = parse_district_election(v.input)
        else:
            election = _election(v.operation, v.input)
        found = _judge(v.operation, v.input, election, negative.result)
        out.write(json.dumps({"id": v.id, "case": "negative", "found": found}) + "\n")


if __name__ == "__main__":
    main()
