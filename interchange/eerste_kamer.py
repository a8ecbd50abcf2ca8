"""The JSON form of an Eerste Kamer election: ``kieswet/eerste-kamer-input@1``.

``parse_eerste_kamer`` validates a decoded document and returns a ``spec.eerste_kamer.
EerstekamerInput`` (or a ``Rejected`` naming every offending field). Everything but the
electoral bodies and the votes objects has the meaning and the checks of
``kieswet/seat-allocation-input@1`` (``interchange.allocation.parse_election``). An electoral body
gives either its ``inhabitants`` and ``members`` (its stemwaarde follows from Kieswet U 2) or its
``stemwaarde`` as set; ``votes`` of a list or candidate is an object: body name → number of
member votes. Schema: ``conformance/schemas/eerste-kamer-input.schema.json``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from interchange.allocation import INPUT_FORMAT as SEAT_INPUT_FORMAT
from interchange.allocation import _Errors, open_document, parse_election
from spec.eerste_kamer import EERSTE_KAMER_SEATS, Body, BodyVote, EerstekamerInput
from spec.model import Rejected

INPUT_FORMAT = "kieswet/eerste-kamer-input@1"

_TOP_KEYS = frozenset({"format", "source", "election", "bodies", "lists", "lots"})
_BODY_KEYS = frozenset({"name", "inhabitants", "members", "stemwaarde"})


def _positive(
    raw: Mapping[str, Any], key: str, where: str, label: str, errs: _Errors
) -> int | None:
    value = raw.get(key)
    if type(value) is not int or value < 1:
        errs.add(
            f"{where}.{key}",
            "not_a_positive_integer",
            f"{label}: {key} must be a positive whole number, got {value!r}",
        )
        return None
    return value


def _parse_body(raw: object, index: int, errs: _Errors) -> Body | None:
    where = f"bodies[{index}]"
    if not isinstance(raw, dict):
        errs.add(where, "not_an_object", f"body {index + 1} must be an object")
        return None
    before = len(errs.items)
    for key in raw:
        if key not in _BODY_KEYS:
            errs.add(
                f"{where}.{key}",
                "unknown_field",
                f"unknown field {key!r} (allowed here: {', '.join(sorted(_BODY_KEYS))})",
            )
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        errs.add(f"{where}.name", "missing", f"body {index + 1}: name must be a non-empty string")
        name = ""
    label = f"body {name!r}" if name else f"body {index + 1}"
    members = _positive(raw, "members", where, label, errs) if "members" in raw else None
    inhabitants: int | None = None
    stemwaarde: int | None = None
    if "stemwaarde" in raw:
        stemwaarde = _positive(raw, "stemwaarde", where, label, errs)
        if "inhabitants" in raw:
            errs.add(
                f"{where}.inhabitants",
                "conflicting_fields",
                f"{label}: give either its stemwaarde or its inhabitants and members (U 2), "
                "not both",
            )
    elif "inhabitants" in raw:
        inhabitants = _positive(raw, "inhabitants", where, label, errs)
        if "members" not in raw:
            errs.add(
                f"{where}.members",
                "missing",
                f"{label}: members is required with inhabitants (U 2: inhabitants / "
                "(100 × members))",
            )
    else:
        errs.add(
            f"{where}.stemwaarde",
            "missing",
            f"{label}: give its inhabitants and members (U 2), or its stemwaarde",
        )
    if len(errs.items) != before:
        return None
    return Body(name, inhabitants, members, stemwaarde)


def _body_votes(
    raw: object, where: str, label: str, known: Collection[str], errs: _Errors
) -> dict[str, int] | None:
    """A votes object: body name → member votes (non-negative whole numbers). ``known`` are
    the names of every body given (a body that is itself invalid is reported there)."""
    if not isinstance(raw, dict):
        errs.add(
            where,
            "not_an_object",
            f"{label}: votes must be an object of member votes per body, e.g. "
            f'{{"Groningen": 3}}, got {raw!r}',
        )
        return None
    out: dict[str, int] = {}
    for name, value in raw.items():
        if known and name not in known:  # without any body, "bodies" is the error
            errs.add(
                f"{where}.{name}",
                "unknown_body",
                f"{label}: {name!r} is not one of the bodies ({', '.join(known)})",
            )
        elif type(value) is not int or value < 0:
            errs.add(
                f"{where}.{name}",
                "not_a_count",
                f"{label}: the member votes in {name} must be a non-negative whole number, "
                f"got {value!r}",
            )
        else:
            out[name] = value
    return out


def _weightless_list(
    raw: object, index: int, known: Collection[str], errs: _Errors, found: list[BodyVote]
) -> object:
    """The list with every votes object replaced by its total of member votes (for
    ``parse_election``), recording the votes per body in ``found``."""
    if not isinstance(raw, dict):
        return raw
    where = f"lists[{index}]"
    number = raw.get("number")
    list_number = number if type(number) is int else 0
    label = f"list {number if type(number) is int else f'at position {index + 1}'}"
    out = dict(raw)
    if isinstance(raw.get("candidates"), list):
        per_body: dict[str, int] = {}
        candidates: list[object] = []
        for c_index, item in enumerate(raw["candidates"]):
            if not isinstance(item, dict) or "votes" not in item:
                candidates.append(item)
                continue
            c_number = item.get("number")
            c_label = f"{label}, candidate {c_number if type(c_number) is int else c_index + 1}"
            votes = _body_votes(
                item["votes"], f"{where}.candidates[{c_index}].votes", c_label, known, errs
            )
            candidates.append({**item, "votes": 0 if votes is None else sum(votes.values())})
            for body, count in (votes or {}).items():
                per_body[body] = per_body.get(body, 0) + count
                if type(c_number) is int:
                    found.append(BodyVote(list_number, c_number, body, count))
        out["candidates"] = candidates
        if "votes" in raw:
            given = _body_votes(raw["votes"], f"{where}.votes", label, known, errs)
            if given is not None and {b: v for b, v in given.items() if v} != {
                b: v for b, v in per_body.items() if v
            }:
                errs.add(
                    f"{where}.votes",
                    "votes_mismatch",
                    f"{label}: votes per body {given} differ from the sums of its candidates' "
                    f"votes {per_body}",
                )
            out["votes"] = sum(per_body.values())
    elif "votes" in raw:
        votes = _body_votes(raw["votes"], f"{where}.votes", label, known, errs)
        out["votes"] = 0 if votes is None else sum(votes.values())
        for body, count in (votes or {}).items():
            found.append(BodyVote(list_number, None, body, count))
    return out


def parse_eerste_kamer(data: object) -> EerstekamerInput | Rejected:
    """Validate a decoded ``kieswet/eerste-kamer-input@1`` document.

    Everything but the bodies and the votes objects has the meaning and the checks of
    ``kieswet/seat-allocation-input@1`` (``interchange.allocation.parse_election``);
    ``election.kind`` may only be ``EK`` and ``election.seats`` defaults to 75.
    """
    errs = _Errors()
    data = open_document(data, _TOP_KEYS, INPUT_FORMAT, errs, format_required=True)
    if data is None:
        return Rejected(tuple(errs.items))
    election = data.get("election", {})
    if not isinstance(election, dict):
        errs.add("election", "not_an_object", "election must be an object")
        election = {}
    if election.get("kind", "EK") != "EK":
        errs.add(
            "election.kind",
            "unknown_kind",
            f"an {INPUT_FORMAT} document is an Eerste Kamer election: kind must be EK, got "
            f"{election.get('kind')!r}",
        )
    bodies: dict[str, Body] = {}
    named: dict[str, None] = {}  # every body name given, in order
    raw_bodies = data.get("bodies")
    if not isinstance(raw_bodies, list) or not raw_bodies:
        errs.add("bodies", "missing", "bodies must be a non-empty array of electoral bodies")
    else:
        for index, raw in enumerate(raw_bodies):
            if isinstance(raw, dict) and isinstance(raw.get("name"), str):
                named[raw["name"]] = None
            body = _parse_body(raw, index, errs)
            if body is None:
                continue
            if body.name in bodies:
                errs.add(
                    f"bodies[{index}].name",
                    "duplicate",
                    f"body {body.name!r} occurs more than once",
                )
                continue
            bodies[body.name] = body
    found: list[BodyVote] = []
    raw_lists = data.get("lists")
    lists = (
        [_weightless_list(raw, i, named, errs, found) for i, raw in enumerate(raw_lists)]
        if isinstance(raw_lists, list)
        else raw_lists
    )
    for position, body in enumerate(bodies.values()):
        cast_votes = sum(v.votes for v in found if v.body == body.name)
        if body.members is not None and cast_votes > body.members:
            errs.add(
                f"bodies[{position}].members",
                "too_many_votes",
                f"{body.name}: {cast_votes} member votes are cast on the lists, but it has "
                f"{body.members} members",
            )
    document: dict[str, Any] = {
        "format": SEAT_INPUT_FORMAT,
        "election": {"seats": EERSTE_KAMER_SEATS, **election, "kind": "EK"},
        "lists": lists,
    }
    if isinstance(data.get("source"), str):  # a source of another type is reported above
        document["source"] = data["source"]
    if "lots" in data:
        document["lots"] = data["lots"]
    counted = parse_election(document)
    if isinstance(counted, Rejected):
        own = bool(errs.items)
        errs.items.extend(e for e in counted.errors if not (own and e.code == "zero_votes"))
    if errs.items or isinstance(counted, Rejected):
        return Rejected(tuple(errs.items))
    return EerstekamerInput(tuple(bodies.values()), counted, tuple(found))
