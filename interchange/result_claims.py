"""Read a ``kieswet/seat-allocation-result@1`` document into the claim records of ``spec.claims``.

The document may come from any implementation, so nothing is trusted: every field is checked
for its type, and a missing or malformed field becomes a ``FieldProblem`` naming it (the rules
report these as violations of ``FORMAT-result``). Its message is Dutch, as every message a tester
may attach to a report (docs/testers-guide.md, "Taal"), with the field's path and the values as
the document writes them: ``seats["3"] moet een geheel getal >= 0 zijn; de uitkomst vermeldt
-1``. Whatever could be read is still returned, so
the other rules can check it. Optional parts (``steps``, ``residual_seat_order``, ``ranking``,
``elected_on_preference``) may be absent: the rules then fall back on characterisations of the
final seats alone.

``read_result`` gives a ``spec.claims.ReadResult``: what the rules of ``spec.rules`` judge.
This module never imports ``reference/``: the judge is an independent formulation.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, TypeAlias, cast

from spec.claims import (
    CLAIM_KINDS,
    LOT_KINDS,
    METHODS,
    Claim,
    ExhaustionClaim,
    FieldProblem,
    LotClaim,
    MajorityClaim,
    ReadResult,
    ResidualClaim,
    UnfilledClaim,
)
from spec.exact import is_number_key, parse_mixed

RESULT_FORMAT = "kieswet/seat-allocation-result@1"


class _Reader:
    """Typed field access that records a problem instead of raising."""

    def __init__(self) -> None:
        self.problems: list[FieldProblem] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(FieldProblem(where, message))

    def obj(self, data: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any] | None:
        value = data.get(key)
        if not isinstance(value, dict):
            self.problem(
                where, f"{where} moet een object zijn; de uitkomst vermeldt {_show(value)}"
            )
            return None
        return cast(Mapping[str, Any], value)

    def integer(
        self, data: Mapping[str, Any], key: str, where: str, required: bool = True
    ) -> int | None:
        if key not in data:
            if required:
                self.problem(where, f"{where} ontbreekt")
            return None
        value = data[key]
        if type(value) is not int or value < 0:
            self.problem(
                where,
                f"{where} moet een geheel getal >= 0 zijn; de uitkomst vermeldt {_show(value)}",
            )
            return None
        return value

    def number(self, value: object, where: str) -> int | None:
        if type(value) is not int or value < 1:
            self.problem(
                where,
                f"{where} moet een lijst- of kandidaatnummer >= 1 zijn; "
                f"de uitkomst vermeldt {_show(value)}",
            )
            return None
        return value

    def boolean(self, data: Mapping[str, Any], key: str, where: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.problem(
                where, f"{where} moet true of false zijn; de uitkomst vermeldt {_show(value)}"
            )
            return False
        return value

    def fraction(
        self, data: Mapping[str, Any], key: str, where: str, required: bool = True
    ) -> Fraction | None:
        if key not in data or data[key] is None:
            if required:
                self.problem(where, f"{where} ontbreekt")
            return None
        value = data[key]
        exact = _exact(value)
        if exact is None:
            self.problem(
                where,
                f"{where} moet een exact getal zijn "
                f'("444 5/17" of {{"num", "den"}}); de uitkomst vermeldt {_show(value)}',
            )
        return exact

    def numbers(self, value: object, where: str) -> tuple[int, ...] | None:
        if type(value) is list and _all_numbers(value):
            return tuple(value)  # the common case: the loop below would find nothing
        if not isinstance(value, list):
            self.problem(
                where,
                f"{where} moet een array van nummers zijn; de uitkomst vermeldt {_show(value)}",
            )
            return None
        out: list[int] = []
        for index, item in enumerate(value):
            number = self.number(item, f"{where}[{index}]")
            if number is None:
                return None
            out.append(number)
        return tuple(out)

    def keyed(self, data: Mapping[str, Any], key: str, where: str) -> dict[int, object] | None:
        value = data.get(key)
        if not isinstance(value, dict):
            self.problem(
                where,
                f"{where} moet een object met lijstnummers als sleutels zijn; "
                f"de uitkomst vermeldt {_show(value)}",
            )
            return None
        out: dict[int, object] = {}
        for raw_key, item in value.items():
            number = int(raw_key) if is_number_key(raw_key) else 0
            if number < 1:
                self.problem(
                    f"{where}.{raw_key}", f"{where}: sleutel {_show(raw_key)} is geen lijstnummer"
                )
                continue
            out[number] = item
        return out

    def seat_map(
        self, data: Mapping[str, Any], key: str, where: str, required: bool = True
    ) -> dict[int, int] | None:
        if key not in data and not required:
            return None
        raw = self.keyed(data, key, where)
        if raw is None:
            return None
        out: dict[int, int] = {}
        for number, value in raw.items():
            if type(value) is not int or value < 0:
                self.problem(
                    f'{where}["{number}"]',
                    f'{where}["{number}"] moet een geheel getal >= 0 zijn; '
                    f"de uitkomst vermeldt {_show(value)}",
                )
                return None
            out[number] = value
        return out

    def candidate_map(
        self, data: Mapping[str, Any], key: str, where: str
    ) -> dict[int, tuple[int, ...]] | None:
        if key not in data:
            return None
        raw = self.keyed(data, key, where)
        if raw is None:
            return None
        out: dict[int, tuple[int, ...]] = {}
        for number, value in raw.items():
            if type(value) is list and _all_numbers(value):
                out[number] = tuple(value)  # what ``numbers`` returns, without naming the field
                continue
            numbers = self.numbers(value, f'{where}["{number}"]')
            if numbers is None:
                return None
            out[number] = numbers
        return out


def _show(value: object) -> str:
    """A value as the document writes it (JSON: ``true``, ``"abc"``), ``niets`` for a missing
    value or ``null``; cut to 60 characters."""
    if value is None:
        return "niets"
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):  # not decoded JSON: the reader is also called on Python data
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _either(words: Iterable[str]) -> str:
    """The allowed values in Dutch: ``a, b of c``."""
    items = list(words)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " of " + items[-1]


def _exact(value: object) -> Fraction | None:
    """An exact non-negative number as the format writes it: a mixed-fraction string
    (``"444 5/17"``), ``{"num", "den"}`` or a whole number; ``None`` for anything else."""
    if isinstance(value, str):
        try:
            return parse_mixed(value)
        except ValueError:
            return None
    if isinstance(value, dict):
        num, den = value.get("num"), value.get("den")
        if type(num) is int and type(den) is int and den > 0 and num >= 0:
            return Fraction(num, den)
        return None
    if type(value) is int and value >= 0:
        return Fraction(value)
    return None


_INT = frozenset({int})


def _all_numbers(items: list[Any]) -> bool:
    """Whether every item is a list or candidate number (an ``int`` >= 1, not a ``bool``): the
    test ``_Reader.number`` makes of each, for a whole array at once."""
    return not items or (set(map(type, items)) == _INT and min(items) >= 1)


def _residual_claim(raw: Mapping[str, Any], index: int) -> ResidualClaim | None:
    """A well-formed ``residual_seat`` step, read in one go.

    ``None`` unless every field is as ``_read_claim`` requires (it then records no problem and
    reads the same claim); ``_read_claim`` takes every other step and names what is wrong."""
    number, method, tied = raw.get("list"), raw.get("method"), raw.get("tied", [])
    lot, reassignment = raw.get("lot", False), raw.get("reassignment", False)
    seat = raw.get("seat")
    if not (
        type(number) is int
        and number >= 1
        and method in METHODS
        and type(tied) is list
        and _all_numbers(tied)
        and ("seat" not in raw or (type(seat) is int and seat >= 0))
        and type(lot) is bool
        and type(reassignment) is bool
    ):
        return None
    value = _exact(raw.get("value"))
    if value is None:
        return None
    return ResidualClaim(index, seat, number, method, value, tuple(tied), lot, reassignment)


def _read_claim(reader: _Reader, raw: object, index: int) -> Claim | None:
    if type(raw) is dict:
        kind = raw.get("step")
        if kind == "residual_seat":
            claim = _residual_claim(raw, index)
            if claim is not None:
                return claim
        elif type(kind) is str and kind not in CLAIM_KINDS:
            return None  # full_seats, preference and steps of kinds added later are no claims
    where = f"steps[{index}]"
    if not isinstance(raw, dict):
        reader.problem(where, f"{where} moet een object zijn; de uitkomst vermeldt {_show(raw)}")
        return None
    kind = raw.get("step")
    if kind == "residual_seat":
        number = reader.number(raw.get("list"), f"{where}.list")
        method = raw.get("method")
        if method not in METHODS:
            reader.problem(
                f"{where}.method",
                f"{where}.method moet {_either(METHODS)} zijn; "
                f"de uitkomst vermeldt {_show(method)}",
            )
        value = reader.fraction(raw, "value", f"{where}.value")
        tied = reader.numbers(raw.get("tied", []), f"{where}.tied")
        seat = reader.integer(raw, "seat", f"{where}.seat", required=False)
        if number is None or method not in METHODS:
            return None
        return ResidualClaim(
            position=index,
            seat=seat,
            list=number,
            method=cast(str, method),
            value=value,
            tied=tied or (),
            lot=reader.boolean(raw, "lot", f"{where}.lot"),
            reassignment=reader.boolean(raw, "reassignment", f"{where}.reassignment"),
        )
    if kind == "absolute_majority":
        gainer = reader.number(raw.get("list"), f"{where}.list")
        loser = reader.number(raw.get("from_list"), f"{where}.from_list")
        options = reader.numbers(raw.get("candidates_from", []), f"{where}.candidates_from")
        if gainer is None or loser is None:
            return None
        return MajorityClaim(
            index, gainer, loser, options or (), reader.boolean(raw, "lot", f"{where}.lot")
        )
    if kind == "list_exhaustion":
        number = reader.number(raw.get("list"), f"{where}.list")
        limit = reader.integer(raw, "seat_limit", f"{where}.seat_limit")
        removed_residual = reader.integer(raw, "removed_residual", f"{where}.removed_residual")
        removed_full = reader.integer(raw, "removed_full", f"{where}.removed_full")
        if number is None or limit is None or removed_residual is None or removed_full is None:
            return None
        return ExhaustionClaim(index, number, limit, removed_residual, removed_full)
    if kind == "unfilled_seats":
        seats = reader.integer(raw, "seats", f"{where}.seats")
        return None if seats is None else UnfilledClaim(index, seats)
    if not isinstance(kind, str):
        reader.problem(f"{where}.step", f"{where}.step moet de soort stap noemen")
    return None  # full_seats, preference and steps of kinds added later are no claims


_FullRows: TypeAlias = tuple[dict[int, tuple[int, Fraction]], dict[int, int]]


def _read_full_rows(reader: _Reader, steps: list[object]) -> _FullRows | None:
    """The P 6 step's rows: each list's (full seats, remainder), and its stated votes."""
    for index, raw in enumerate(steps):
        if not (isinstance(raw, dict) and raw.get("step") == "full_seats"):
            continue
        rows = raw.get("lists")
        where = f"steps[{index}].lists"
        if not isinstance(rows, list):
            reader.problem(where, f"{where} moet een array zijn")
            return None
        out: dict[int, tuple[int, Fraction]] = {}
        stated: dict[int, int] = {}
        for row_index, row in enumerate(rows):
            if type(row) is dict:
                votes = row.get("votes")
                if type(votes) is int and type(row.get("list")) is int:
                    stated[row["list"]] = votes
                # A well-formed row, read in one go; any other row is read field by field below.
                number, full = row.get("list"), row.get("full_seats")
                if type(number) is int and number >= 1 and type(full) is int and full >= 0:
                    remainder = _exact(row.get("remainder"))
                    if remainder is not None:
                        out[number] = (full, remainder)
                        continue
            row_where = f"{where}[{row_index}]"
            if not isinstance(row, dict):
                reader.problem(row_where, f"{row_where} moet een object zijn")
                return None
            number = reader.number(row.get("list"), f"{row_where}.list")
            full = reader.integer(row, "full_seats", f"{row_where}.full_seats")
            remainder = reader.fraction(row, "remainder", f"{row_where}.remainder")
            if number is None or full is None or remainder is None:
                return None
            out[number] = (full, remainder)
        return out, stated
    return None


def _read_lot(reader: _Reader, data: Mapping[str, Any]) -> LotClaim | None:
    lot = reader.obj(data, "lot", "lot")
    if lot is None:
        return None
    kind = lot.get("kind")
    if kind not in LOT_KINDS:
        reader.problem(
            "lot.kind",
            f"lot.kind moet {_either(LOT_KINDS)} zijn; de uitkomst vermeldt {_show(kind)}",
        )
        return None
    options = reader.numbers(lot.get("options"), "lot.options")
    if options is None:
        return None
    lot_list = reader.number(lot["list"], "lot.list") if lot.get("list") is not None else None
    seat = reader.integer(lot, "seat", "lot.seat", required=False)
    value = reader.fraction(lot, "value", "lot.value", required=False)
    return LotClaim(cast(str, kind), options, lot_list, seat, value)


def read_result(data: object) -> ReadResult:
    """Read a decoded result document; problems are listed in ``ReadResult.problems``."""
    reader = _Reader()
    if not isinstance(data, dict):
        reader.problem("$", f"de uitkomst moet een JSON-object zijn, maar is {_show(data)}")
        return ReadResult(status=None, problems=tuple(reader.problems))
    doc = cast(Mapping[str, Any], data)
    if doc.get("format") != RESULT_FORMAT:
        reader.problem(
            "format",
            f"format moet {_show(RESULT_FORMAT)} zijn; "
            f"de uitkomst vermeldt {_show(doc.get('format'))}",
        )
    status = doc.get("status")
    if status not in ("completed", "needs_lot", "rejected"):
        reader.problem(
            "status",
            "status moet completed, needs_lot of rejected zijn; "
            f"de uitkomst vermeldt {_show(status)}",
        )
        return ReadResult(status=None, problems=tuple(reader.problems))
    if status == "rejected":
        errors = doc.get("errors")
        fields: list[str] = []
        if not isinstance(errors, list) or not errors:
            reader.problem("errors", "een afgewezen uitkomst (rejected) moet haar fouten noemen")
        else:
            for index, error in enumerate(errors):
                if isinstance(error, dict) and isinstance(error.get("field"), str):
                    fields.append(error["field"])
                else:
                    reader.problem(
                        f"errors[{index}]",
                        f"errors[{index}] moet het veld van de fout noemen (field)",
                    )
        return ReadResult("rejected", error_fields=tuple(fields), problems=tuple(reader.problems))

    raw_steps = doc.get("steps")
    claims: tuple[Claim, ...] | None = None
    full_rows: _FullRows | None = None
    if raw_steps is not None:
        if not isinstance(raw_steps, list):
            reader.problem(
                "steps", f"steps moet een array zijn; de uitkomst vermeldt {_show(raw_steps)}"
            )
        else:
            read = [_read_claim(reader, raw, index) for index, raw in enumerate(raw_steps)]
            claims = tuple(filter(None, read))  # the steps that are claims
            full_rows = _read_full_rows(reader, raw_steps)
    if status == "needs_lot":
        return ReadResult(
            "needs_lot",
            quota=reader.fraction(doc, "quota", "quota", required=False),
            seats=reader.seat_map(doc, "seats_so_far", "seats_so_far"),
            claims=claims,
            lot=_read_lot(reader, doc),
            lots_used=reader.integer(doc, "lots_used", "lots_used", required=False),
            problems=tuple(reader.problems),
        )
    order = doc.get("residual_seat_order")
    warnings = doc.get("warnings", [])
    if not (isinstance(warnings, list) and all(isinstance(w, str) for w in warnings)):
        reader.problem("warnings", "warnings moet een array van teksten zijn")
        warnings = []
    return ReadResult(
        "completed",
        quota=reader.fraction(doc, "quota", "quota"),
        total_votes=reader.integer(doc, "total_votes", "total_votes", required=False),
        seats=reader.seat_map(doc, "seats", "seats"),
        full_seats=reader.seat_map(doc, "full_seats", "full_seats"),
        residual_seat_order=(
            None if order is None else reader.numbers(order, "residual_seat_order")
        ),
        claims=claims,
        full_seat_rows=None if full_rows is None else full_rows[0],
        stated_votes=None if full_rows is None else full_rows[1],
        preference_threshold=reader.fraction(
            doc, "preference_threshold", "preference_threshold", required=False
        ),
        elected=reader.candidate_map(doc, "elected", "elected"),
        elected_on_preference=reader.candidate_map(
            doc, "elected_on_preference", "elected_on_preference"
        ),
        ranking=reader.candidate_map(doc, "ranking", "ranking"),
        warnings=tuple(cast(list[str], warnings)),
        problems=tuple(reader.problems),
    )
