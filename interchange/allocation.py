"""JSON forms of the seat-allocation contract (``kieswet/seat-allocation-*@1``).

``parse_election`` validates a decoded JSON value and returns an ``Election`` or a ``Rejected``
naming every offending field; it never raises for bad input. ``result_to_json`` writes any
result; ``interchange.result_claims.read_result`` reads one back (another implementation's
output, for the judge).
Fractions are written as exact mixed-number strings; list and candidate numbers used as object
keys are strings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from itertools import repeat
from operator import attrgetter, itemgetter, lt
from typing import Any, cast

from spec.exact import format_mixed
from spec.model import (
    ELECTION_KINDS,
    LAW_VERSIONS,
    AbsoluteMajorityStep,
    Candidate,
    Election,
    ElectionKind,
    ElectionList,
    ExhaustionStep,
    FullSeatsRow,
    InputError,
    LawVersion,
    Lot,
    LotKind,
    LotQuestion,
    NeedsLot,
    Profile,
    Rejected,
    ResidualSeatStep,
    Result,
    Step,
    UnfilledSeatsStep,
    parse_profile,
)

_VOTES = attrgetter("votes")
_NUMBER_ITEM = itemgetter("number")
_INT = frozenset({int})
_DICT = frozenset({dict})
_VOTES_ITEM = itemgetter("votes")
INPUT_FORMAT = "kieswet/seat-allocation-input@1"
RESULT_FORMAT = "kieswet/seat-allocation-result@1"

_LOT_KINDS: tuple[LotKind, ...] = ("residual_seat", "absolute_majority", "candidate")
_TOP_KEYS = frozenset({"format", "source", "election", "lists", "lots"})
_ELECTION_KEYS = frozenset({"kind", "seats", "law", "profile", "name", "date"})
_LIST_KEYS = frozenset(
    {"number", "name", "votes", "candidates", "candidate_count", "deceased_count"}
)
_CANDIDATE_KEYS = frozenset({"number", "votes", "deceased", "name"})
_LOT_KEYS = frozenset({"kind", "options", "drawn", "list"})


class _Errors:
    def __init__(self) -> None:
        self.items: list[InputError] = []

    def add(self, field: str, code: str, message: str) -> None:
        self.items.append(InputError(field, code, message))


def _is_int(value: object) -> bool:
    return type(value) is int


def _unknown_keys(
    obj: Mapping[str, Any], allowed: frozenset[str], where: str, errs: _Errors
) -> None:
    for key in obj:
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            errs.add(
                f"{where}.{key}" if where else key,
                "unknown_field",
                f"unknown field {key!r} (allowed here: {known})",
            )


def _text(obj: Mapping[str, Any], key: str, where: str, errs: _Errors) -> None:
    """Free-text fields (names, dates, sources) are for people, but must be strings."""
    if key in obj and not isinstance(obj[key], str):
        field = f"{where}.{key}" if where else key
        errs.add(field, "not_a_string", f"{field} must be a string, got {obj[key]!r}")


def _non_negative_int(value: object, field: str, what: str, errs: _Errors) -> int | None:
    if not _is_int(value):
        errs.add(field, "not_an_integer", f"{what} must be a whole number, got {value!r}")
        return None
    number = cast(int, value)
    if number < 0:
        errs.add(field, "negative", f"{what} must not be negative, got {number}")
        return None
    return number


def _numbers_in_order(
    numbers: Sequence[int | None], field_of: Any, what: str, errs: _Errors
) -> None:
    """Numbers must be positive, unique and strictly ascending."""
    if None not in numbers:
        given = cast(Sequence[int], numbers)
        if all(map(lt, given, given[1:])):
            return  # strictly ascending: unique and in order
    previous: int | None = None
    seen: set[int] = set()
    for index, number in enumerate(numbers):
        if number is None:
            continue
        if number in seen:
            errs.add(field_of(index), "duplicate", f"{what} number {number} occurs more than once")
        elif previous is not None and number < previous:
            errs.add(
                field_of(index),
                "unsorted",
                f"{what} number {number} comes after {previous}; numbers must ascend",
            )
        seen.add(number)
        previous = number if previous is None else max(previous, number)


def _number(value: object, field: str, what: str, errs: _Errors) -> int | None:
    if not _is_int(value) or cast(int, value) < 1:
        errs.add(
            field, "invalid_number", f"{what} number must be a positive whole number, got {value!r}"
        )
        return None
    return cast(int, value)


def _fast_candidates(raw: list[Any]) -> tuple[Candidate, ...] | None:
    """Well-formed candidates checked in bulk; ``None`` sends the caller to the detailed path.

    Accepts exactly what the detailed path accepts without error (objects with only known keys,
    positive ascending whole numbers, non-negative whole votes, boolean ``deceased``), so the two
    never disagree; the detailed path then names every offending field.
    """
    if not raw or set(map(type, raw)) != _DICT:
        return None
    keys: set[str] = set().union(*raw)
    if not keys <= _CANDIDATE_KEYS or "number" not in keys or "votes" not in keys:
        return None
    try:
        numbers = list(map(_NUMBER_ITEM, raw))
        votes = list(map(_VOTES_ITEM, raw))
    except KeyError:
        return None
    if set(map(type, numbers)) != _INT or set(map(type, votes)) != _INT or min(votes) < 0:
        return None
    if numbers != list(range(1, len(numbers) + 1)) and (
        numbers[0] < 1 or sorted(set(numbers)) != numbers
    ):
        return None
    if "name" in keys and not set(map(type, (i["name"] for i in raw if "name" in i))) <= {str}:
        return None
    if "deceased" in keys:
        deceased: Iterable[bool] = [item.get("deceased", False) for item in raw]
        if not set(map(type, deceased)) <= {bool}:
            return None
    else:
        deceased = repeat(False)
    # Candidate is a NamedTuple: building it from a (number, votes, deceased) tuple with
    # ``tuple.__new__``, all in C, is the cheapest construction, which matters for batch runs
    # of thousands of elections. There is one such tuple per item of ``raw``.
    rows = zip(numbers, votes, deceased, strict=False)
    return tuple(map(tuple.__new__, repeat(Candidate), rows))


def _parse_candidates(
    raw: object, where: str, list_label: str, errs: _Errors
) -> tuple[Candidate, ...] | None:
    if not isinstance(raw, list):
        errs.add(where, "not_an_array", f"{list_label}: candidates must be an array")
        return None
    fast = _fast_candidates(raw)
    if fast is not None:
        return fast
    candidates: list[Candidate] = []
    numbers: list[int | None] = []
    ok = True
    for index, item in enumerate(raw):
        field = f"{where}[{index}]"
        if not isinstance(item, dict):
            errs.add(
                field, "not_an_object", f"{list_label}: candidate {index + 1} must be an object"
            )
            numbers.append(None)
            ok = False
            continue
        _unknown_keys(item, _CANDIDATE_KEYS, field, errs)
        _text(item, "name", field, errs)
        number = _number(item.get("number"), f"{field}.number", "candidate", errs)
        numbers.append(number)
        label = _candidate_label(list_label, number, index)
        votes, deceased = _candidate_votes(item, field, label, errs)
        if number is None or votes is None or deceased is None:
            ok = False
            continue
        candidates.append(Candidate(number, votes, deceased))
    _numbers_in_order(numbers, lambda i: f"{where}[{i}].number", f"{list_label}: candidate", errs)
    return tuple(candidates) if ok else None


def _candidate_label(list_label: str, number: int | None, index: int) -> str:
    """How messages name a candidate: ``list 3, candidate 2`` (its position when its number
    is unreadable)."""
    return f"{list_label}, candidate {number if number is not None else index + 1}"


def _candidate_votes(
    item: Mapping[str, Any], field: str, label: str, errs: _Errors
) -> tuple[int | None, bool | None]:
    """A candidate's ``votes`` (required, a whole number of at least 0) and ``deceased``
    (optional, true or false); ``None`` for either when it is missing or wrong, reported to
    ``errs`` as ``label``'s."""
    if "votes" not in item:
        errs.add(f"{field}.votes", "missing", f"{label}: votes is required")
        return None, None
    votes = _non_negative_int(item["votes"], f"{field}.votes", f"{label}: votes", errs)
    deceased = item.get("deceased", False)
    if not isinstance(deceased, bool):
        errs.add(f"{field}.deceased", "not_a_boolean", f"{label}: deceased must be true or false")
        return votes, None
    return votes, deceased


_FAST_LIST_KEYS = frozenset({"number", "name", "candidates"})


def _parse_list(raw: object, index: int, errs: _Errors) -> tuple[int | None, ElectionList | None]:
    if type(raw) is dict and raw.keys() <= _FAST_LIST_KEYS:
        # The common well-formed shape, checked in bulk; anything else takes the detailed path
        # below, which accepts exactly the same documents and names every offending field.
        number, name, given = raw.get("number"), raw.get("name", ""), raw.get("candidates")
        if type(number) is int and number >= 1 and type(name) is str and type(given) is list:
            fast = _fast_candidates(given)
            if fast is not None:
                return number, ElectionList(number, name, sum(map(_VOTES, fast)), fast)
    where = f"lists[{index}]"
    if not isinstance(raw, dict):
        errs.add(where, "not_an_object", f"list {index + 1} must be an object")
        return None, None
    _unknown_keys(raw, _LIST_KEYS, where, errs)
    number = _number(raw.get("number"), f"{where}.number", "list", errs)
    label = f"list {number if number is not None else f'at position {index + 1}'}"
    name = raw.get("name", "")
    if not isinstance(name, str):
        errs.add(f"{where}.name", "not_a_string", f"{label}: name must be a string")
        name = ""
    before = len(errs.items)
    candidates: tuple[Candidate, ...] | None = None
    votes: int | None
    candidate_count: int | None = None
    deceased_count = 0
    if "candidates" in raw:
        candidates = _parse_candidates(raw["candidates"], f"{where}.candidates", label, errs)
        for key in ("candidate_count", "deceased_count"):
            if key in raw:
                errs.add(
                    f"{where}.{key}",
                    "conflicting_fields",
                    f"{label}: {key} is only for list-level data; with candidates, "
                    'mark deceased candidates with "deceased": true',
                )
        votes = None if candidates is None else sum(map(_VOTES, candidates))
        if "votes" in raw:
            given = _non_negative_int(raw["votes"], f"{where}.votes", f"{label}: votes", errs)
            if given is not None and votes is not None and given != votes:
                errs.add(
                    f"{where}.votes",
                    "votes_mismatch",
                    f"{label}: votes {given} differs from the sum of its candidates' votes {votes}",
                )
    else:
        if "votes" not in raw:
            errs.add(f"{where}.votes", "missing", f"{label}: give either candidates or votes")
            votes = None
        else:
            votes = _non_negative_int(raw["votes"], f"{where}.votes", f"{label}: votes", errs)
        if "candidate_count" in raw:
            candidate_count = _non_negative_int(
                raw["candidate_count"],
                f"{where}.candidate_count",
                f"{label}: candidate_count",
                errs,
            )
        if "deceased_count" in raw:
            dead = _non_negative_int(
                raw["deceased_count"], f"{where}.deceased_count", f"{label}: deceased_count", errs
            )
            if dead is not None:
                deceased_count = dead
                if candidate_count is None:
                    errs.add(
                        f"{where}.deceased_count",
                        "missing_candidate_count",
                        f"{label}: deceased_count needs candidate_count",
                    )
                elif dead > candidate_count:
                    errs.add(
                        f"{where}.deceased_count",
                        "too_many_deceased",
                        f"{label}: {dead} deceased but only {candidate_count} candidates",
                    )
    if number is None or votes is None or len(errs.items) != before:
        return number, None
    return number, ElectionList(number, name, votes, candidates, candidate_count, deceased_count)


def parse_lots(
    raw: object,
    errs: _Errors,
    kinds: tuple[LotKind, ...] = _LOT_KINDS,
    owned: frozenset[str] = frozenset({"candidate"}),
    owner_message: str = "a {kind} lot names its list number",
    stray_message: str = "only candidate lots name a list",
) -> tuple[Lot, ...]:
    """The drawn lots of an input, in order. ``kinds`` are the lot kinds the format knows;
    lots of an ``owned`` kind name their owner in ``list`` (``owner_message`` when they do
    not), the others must not (``stray_message``); both messages may use ``{kind}``."""
    if not isinstance(raw, list):
        errs.add("lots", "not_an_array", "lots must be an array of drawn lots, in order")
        return ()
    lots: list[Lot] = []
    for index, item in enumerate(raw):
        field = f"lots[{index}]"
        if not isinstance(item, dict):
            errs.add(field, "not_an_object", f"lot {index + 1} must be an object")
            continue
        _unknown_keys(item, _LOT_KEYS, field, errs)
        kind = item.get("kind")
        options = item.get("options")
        drawn = item.get("drawn")
        owner = item.get("list")
        if kind not in kinds:
            errs.add(
                f"{field}.kind",
                "invalid_lot_kind",
                f"lot {index + 1}: kind must be one of {', '.join(kinds)}, got {kind!r}",
            )
        elif (
            not isinstance(options, list)
            or len(options) < 2
            or not all(_is_int(o) and o >= 1 for o in options)
            or len(set(options)) != len(options)
        ):
            errs.add(
                f"{field}.options",
                "invalid_options",
                f"lot {index + 1}: options must be two or more distinct positive numbers",
            )
        elif not _is_int(drawn) or drawn not in options:
            errs.add(
                f"{field}.drawn",
                "drawn_not_an_option",
                f"lot {index + 1}: drawn {drawn!r} is not one of the options {options}",
            )
        elif kind in owned and (not _is_int(owner) or cast(int, owner) < 1):
            errs.add(
                f"{field}.list",
                "invalid_number",
                f"lot {index + 1}: " + owner_message.format(kind=kind),
            )
        elif kind not in owned and owner is not None:
            errs.add(
                f"{field}.list",
                "unexpected_field",
                f"lot {index + 1}: " + stray_message.format(kind=kind),
            )
        else:
            lots.append(Lot(cast(LotKind, kind), tuple(sorted(options)), cast(int, drawn), owner))
    return tuple(lots)


def open_document(
    data: object,
    top_keys: frozenset[str],
    input_format: str,
    errs: _Errors,
    *,
    format_required: bool,
) -> dict[str, Any] | None:
    """The opening every input reader shares: the document must be an object, has no unknown
    top-level key, a free-text ``source`` and the reader's ``format`` (which the single-contest
    input may leave out). ``None`` when the document is not an object; then nothing else can be
    read, and ``errs`` holds why."""
    if not isinstance(data, dict):
        errs.add("$", "not_an_object", "the input must be a JSON object")
        return None
    _unknown_keys(data, top_keys, "", errs)
    _text(data, "source", "", errs)
    fmt = data.get("format") if format_required else data.get("format", input_format)
    if fmt != input_format:
        errs.add("format", "unknown_format", f"format must be {input_format!r}, got {fmt!r}")
    return data


def parse_election_header(
    election: object, errs: _Errors
) -> tuple[ElectionKind | None, int | None, LawVersion, Profile]:
    """The ``election`` object every input format shares: kind, seats, law version, profile
    (plus the free-text ``name`` and ``date``). Problems go to ``errs``; what cannot be read is
    ``None`` (kind, seats) or the default (law ``current``, profile ``default``)."""
    kind: ElectionKind | None = None
    seats: int | None = None
    law: LawVersion = "current"
    profile = parse_profile("default")
    if not isinstance(election, dict):
        errs.add("election", "missing", "election (kind, seats, law, profile) is required")
        return kind, seats, law, profile
    _unknown_keys(election, _ELECTION_KEYS, "election", errs)
    _text(election, "name", "election", errs)
    _text(election, "date", "election", errs)
    raw_kind = election.get("kind")
    if raw_kind in ELECTION_KINDS:
        kind = cast(ElectionKind, raw_kind)
    else:
        errs.add(
            "election.kind",
            "unknown_kind",
            f"kind must be one of {' '.join(ELECTION_KINDS)}, got {raw_kind!r}",
        )
    raw_seats = election.get("seats")
    if not _is_int(raw_seats) or cast(int, raw_seats) < 1:
        errs.add(
            "election.seats",
            "invalid_seats",
            f"seats must be a whole number of at least 1, got {raw_seats!r}",
        )
    else:
        seats = cast(int, raw_seats)
    raw_law = election.get("law", "current")
    if raw_law in LAW_VERSIONS:
        law = cast(LawVersion, raw_law)
    else:
        errs.add(
            "election.law",
            "unknown_law_version",
            f"law must be one of {', '.join(LAW_VERSIONS)}, got {raw_law!r}",
        )
    raw_profile = election.get("profile", "default")
    if not isinstance(raw_profile, str):
        errs.add(
            "election.profile", "unknown_profile", f"profile must be a string, got {raw_profile!r}"
        )
    else:
        try:
            profile = parse_profile(raw_profile)
        except ValueError as exc:
            errs.add("election.profile", "unknown_profile", str(exc))
    return kind, seats, law, profile


def parse_election(data: object) -> Election | Rejected:
    """Validate a decoded ``kieswet/seat-allocation-input@1`` document."""
    errs = _Errors()
    data = open_document(data, _TOP_KEYS, INPUT_FORMAT, errs, format_required=False)
    if data is None:
        return Rejected(tuple(errs.items))
    kind, seats, law, profile = parse_election_header(data.get("election"), errs)
    raw_lists = data.get("lists")
    lists: list[ElectionList] = []
    if not isinstance(raw_lists, list) or not raw_lists:
        errs.add("lists", "missing", "lists must be a non-empty array")
    else:
        numbers: list[int | None] = []
        for index, raw in enumerate(raw_lists):
            number, parsed = _parse_list(raw, index, errs)
            numbers.append(number)
            if parsed is not None:
                lists.append(parsed)
        _numbers_in_order(numbers, lambda i: f"lists[{i}].number", "list", errs)
    lots = parse_lots(data.get("lots", []), errs)
    if not errs.items and sum(map(_VOTES, lists)) == 0:
        errs.add(
            "lists",
            "zero_votes",
            "the lists have no votes at all; the Kieswet allocates no seats without votes",
        )
    if errs.items or kind is None or seats is None:
        return Rejected(tuple(errs.items))
    return Election(kind, seats, tuple(lists), law, profile, lots)


# --------------------------------------------------------------------------- output


def _keyed(mapping: Mapping[int, Any]) -> dict[str, Any]:
    return {str(key): value for key, value in mapping.items()}


def _keyed_tuples(mapping: Mapping[int, tuple[int, ...]]) -> dict[str, list[int]]:
    return {str(key): list(value) for key, value in mapping.items()}


class _Formatter:
    """``format_mixed`` memoised on (numerator, denominator): trace values repeat a lot."""

    def __init__(self) -> None:
        self._seen: dict[tuple[int, int], str] = {}

    def __call__(self, value: Fraction) -> str:
        key = (value.numerator, value.denominator)
        text = self._seen.get(key)
        if text is None:
            text = self._seen[key] = format_mixed(value)
        return text


def step_to_json(step: Step, fmt: Callable[[Fraction], str] = format_mixed) -> dict[str, Any]:
    if isinstance(step, ResidualSeatStep):
        return {
            "step": "residual_seat",
            "article": step.article,
            "seat": step.seat,
            "method": step.method,
            "list": step.list,
            "value": fmt(step.value),
            "contenders": [{"list": c.list, "value": fmt(c.value)} for c in step.contenders],
            "excluded": [{"list": n, "reason": r} for n, r in step.excluded],
            "tied": list(step.tied),
            "lot": step.lot,
            "reassignment": step.reassignment,
        }
    if isinstance(step, AbsoluteMajorityStep):
        return {
            "step": "absolute_majority",
            "article": "P 9",
            "list": step.list,
            "from_list": step.from_list,
            "votes": step.votes,
            "total_votes": step.total_votes,
            "seats_before": step.seats_before,
            "candidates_from": list(step.candidates_from),
            "lot": step.lot,
        }
    if isinstance(step, ExhaustionStep):
        return {
            "step": "list_exhaustion",
            "article": "P 10",
            "list": step.list,
            "seat_limit": step.seat_limit,
            "removed_residual": step.removed_residual,
            "removed_full": step.removed_full,
        }
    if isinstance(step, UnfilledSeatsStep):
        return {
            "step": "unfilled_seats",
            "article": step.article,
            "seats": step.seats,
            "reason": step.reason,
        }
    return {
        "step": "preference",
        "article": "P 15",
        "list": step.list,
        "seats": step.seats,
        "threshold": fmt(step.threshold),
        "above_threshold": [{"candidate": c, "votes": v} for c, v in step.above_threshold],
        "elected_on_preference": list(step.elected_on_preference),
        "elected_in_list_order": list(step.elected_in_list_order),
        "deceased": list(step.deceased),
        "lot": step.lot,
    }


def _full_seats_step(rows: Sequence[FullSeatsRow]) -> dict[str, Any]:
    return {
        "step": "full_seats",
        "article": "P 6",
        "lists": [
            {
                "list": r.list,
                "votes": r.votes,
                "full_seats": r.full_seats,
                "remainder": format_mixed(r.remainder),
            }
            for r in rows
        ],
    }


def lot_question_to_json(question: LotQuestion) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": question.kind,
        "options": list(question.options),
        "article": question.article,
        "description": question.description,
    }
    if question.list is not None:
        out["list"] = question.list
    if question.seat is not None:
        out["seat"] = question.seat
    if question.value is not None:
        out["value"] = format_mixed(question.value)
    return out


def result_to_json(result: Result, steps: bool = True) -> dict[str, Any]:
    """The ``kieswet/seat-allocation-result@1`` document of ``result``; ``steps=False`` leaves
    the trace out (``kieswet allocate --no-steps``) without building it first, every other
    field as with it."""
    if isinstance(result, Rejected):
        return {
            "format": RESULT_FORMAT,
            "status": "rejected",
            "errors": [
                {"field": e.field, "code": e.code, "message": e.message} for e in result.errors
            ],
        }
    fmt = _Formatter()
    if isinstance(result, NeedsLot):
        return {
            "format": RESULT_FORMAT,
            "status": "needs_lot",
            "lot": lot_question_to_json(result.lot),
            "lots_used": result.lots_used,
            "quota": None if result.quota is None else format_mixed(result.quota),
            "seats_so_far": _keyed(result.seats_so_far),
            **({"steps": [step_to_json(s, fmt) for s in result.steps]} if steps else {}),
        }
    return {
        "format": RESULT_FORMAT,
        "status": "completed",
        "total_votes": result.total_votes,
        "quota": format_mixed(result.quota),
        "seats": _keyed(result.seats),
        "full_seats": _keyed(result.full_seats),
        "residual_seat_order": list(result.residual_seat_order),
        "preference_threshold": (
            None
            if result.preference_threshold is None
            else format_mixed(result.preference_threshold)
        ),
        "elected": _keyed_tuples(result.elected),
        "elected_on_preference": _keyed_tuples(result.elected_on_preference),
        "ranking": _keyed_tuples(result.ranking),
        **(
            {
                "steps": [
                    _full_seats_step(result.full_seat_rows),
                    *(step_to_json(s, fmt) for s in result.steps),
                ]
            }
            if steps
            else {}
        ),
        "warnings": list(result.warnings),
    }


def election_to_json(election: Election) -> dict[str, Any]:
    """The input document for ``election`` (inverse of ``parse_election``)."""
    lists: list[dict[str, Any]] = []
    for lst in election.lists:
        item: dict[str, Any] = {"number": lst.number, "name": lst.name}
        if lst.candidates is not None:
            item["candidates"] = [
                {"number": c.number, "votes": c.votes, **({"deceased": True} if c.deceased else {})}
                for c in lst.candidates
            ]
        else:
            item["votes"] = lst.votes
            if lst.candidate_count is not None:
                item["candidate_count"] = lst.candidate_count
            if lst.deceased_count:
                item["deceased_count"] = lst.deceased_count
        lists.append(item)
    return {
        "format": INPUT_FORMAT,
        "election": {
            "kind": election.kind,
            "seats": election.seats,
            "law": election.law,
            "profile": election.profile.name,
        },
        "lists": lists,
        "lots": [
            {
                "kind": lot.kind,
                "options": list(lot.options),
                "drawn": lot.drawn,
                **({"list": lot.list} if lot.list is not None else {}),
            }
            for lot in election.lots
        ],
    }

