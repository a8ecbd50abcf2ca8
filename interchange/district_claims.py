"""Read a ``kieswet/district-allocation-result@1`` document into a ``spec.claims.DistrictClaim``.

The document may come from any implementation, so nothing is trusted. Its ``national`` part
(the allocation over contestants) is read by ``interchange.result_claims.read_result``, which
names every malformed field; the rest is read leniently, as the rules of ``spec.rules.groups``
and ``spec.rules.group_candidates`` use it: an entry that is not of the required form is left
out (or ``None``), and those rules name what is then missing or different. A rejected result is
read as a rejected ``national`` with its errors. This module never imports ``reference/``.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from interchange.result_claims import RESULT_FORMAT, read_result
from spec.claims import (
    NATIONAL_STEPS,
    TRACE_FIELDS,
    CombinationCheckClaim,
    DistributionClaim,
    DistributionRowClaim,
    DistrictClaim,
    DistrictLotClaim,
    DoubleElectionClaim,
    PlacementClaim,
    ReassignmentClaim,
    TransferClaim,
)
from spec.exact import is_number_key, parse_mixed

FINAL_CLAIM_FIELDS: Mapping[str, tuple[str, ...]] = {
    "completed": ("format", "status", "national", "party_seats", "seats", "elected", "ranking"),
    "needs_lot": ("format", "status", "stage", "lot", "lots_used", "seats_so_far", "national"),
}
"""The fields that make the final claim of a district result document, per status (``ranking``
is optional, as it always was); ``quota``, ``total_votes`` and ``warnings`` are information.
Every other field is trace (``spec.claims.TRACE_FIELDS``, and the ``steps`` of ``national``)."""


def _ints(value: object) -> dict[int, int]:
    if not isinstance(value, dict):
        return {}
    return {int(k): v for k, v in value.items() if is_number_key(k) and type(v) is int}


def _int_lists(value: object) -> dict[int, tuple[int, ...]]:
    if not isinstance(value, dict):
        return {}
    return {
        int(key): tuple(x for x in item if type(x) is int)
        for key, item in value.items()
        if is_number_key(key) and isinstance(item, list)
    }


def _int(value: object) -> int | None:
    return value if type(value) is int else None


def _int_tuple(value: object) -> tuple[int, ...] | None:
    if isinstance(value, list) and all(type(x) is int for x in value):
        return tuple(value)
    return None


def _fraction(value: object) -> Fraction | None:
    try:
        return parse_mixed(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _objects(value: object) -> list[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _row(raw: Mapping[str, Any]) -> DistributionRowClaim:
    full, remainder = raw.get("full_seats"), raw.get("remainder")
    return DistributionRowClaim(
        member=_int(raw.get("member")),
        full_seats=_int(full),
        seats=_int(raw.get("seats")),
        remainder=_fraction(remainder),
        full_seats_stated=str(full),
        remainder_stated=str(remainder),
    )


def _places(value: object) -> tuple[int, ...]:
    """A distribution's ``lot``: whole numbers from 1; ``(0,)`` where it is not of that form."""
    if isinstance(value, list) and all(type(x) is int and x >= 1 for x in value):
        return tuple(value)
    return (0,)


def _order(raw: Mapping[str, Any]) -> tuple[int | None, ...] | None:
    """A distribution's ``remainder_order`` (``None`` where absent; a non-list is ``(None,)``,
    which no lawful order has)."""
    if "remainder_order" not in raw:
        return None
    value = raw["remainder_order"]
    if not isinstance(value, list):
        return (None,)
    return tuple(_int(x) for x in value)


def _reassigned(raw: Mapping[str, Any]) -> tuple[ReassignmentClaim, ...] | None:
    """A distribution's ``reassigned`` (``None`` where absent; an entry that is not an object
    is read as one with every field ``None``)."""
    if "reassigned" not in raw:
        return None
    value = raw["reassigned"]
    if not isinstance(value, list):
        return (ReassignmentClaim(None, None, None),)
    out = []
    for item in value:
        entry: Mapping[str, Any] = item if isinstance(item, dict) else {}
        method = entry.get("method")
        out.append(
            ReassignmentClaim(
                _int(entry.get("from")),
                _int(entry.get("to")),
                method if isinstance(method, str) else None,
            )
        )
    return tuple(out)


def _distributions(value: object) -> tuple[DistributionClaim, ...]:
    out: list[DistributionClaim] = []
    for raw in _objects(value):
        step = raw.get("step")
        kind = step.removesuffix("_distribution") if isinstance(step, str) else ""
        if kind not in ("group", "combination") or kind == step:
            continue  # not a distribution step
        unfilled = raw.get("unfilled", 0)
        lot = raw.get("lot")
        out.append(
            DistributionClaim(
                kind=kind,
                owner=_int(raw.get("owner")),
                quota=_fraction(raw.get("quota")),
                rows=tuple(_row(row) for row in _objects(raw.get("rows", []))),
                unfilled=unfilled if type(unfilled) is int else 0,
                quota_stated=str(raw.get("quota")),
                lot=None if "lot" not in raw else _places(lot),
                lot_stated=str(lot),
                remainder_order=_order(raw),
                reassigned=_reassigned(raw),
            )
        )
    return tuple(out)


def _lot(value: object) -> DistrictLotClaim | None:
    if not isinstance(value, dict):
        return None
    kind, number, options = value.get("kind"), value.get("list"), value.get("options")
    return DistrictLotClaim(
        kind=kind if isinstance(kind, str) else None,
        list=_int(number),
        options=tuple(o for o in options if type(o) is int) if isinstance(options, list) else (),
        kind_stated=str(kind),
        list_stated=str(number),
    )


def _trace(document: Mapping[str, Any]) -> frozenset[str]:
    """The trace parts ``document`` states, whatever their form."""
    national = document.get("national")
    steps = isinstance(national, dict) and "steps" in national
    return frozenset(name for name in TRACE_FIELDS if name in document) | (
        {NATIONAL_STEPS} if steps else set()
    )


def _combination_checks(value: object) -> tuple[CombinationCheckClaim, ...] | None:
    if not isinstance(value, list):
        return None
    out: list[CombinationCheckClaim] = []
    for raw in _objects(value):
        kept = raw.get("kept")
        if not (isinstance(kept, list) and all(type(k) is int for k in kept)):
            continue
        counts = raw.get("counts") is True
        out.append(CombinationCheckClaim(_int(raw.get("combination")), tuple(kept), counts))
    return tuple(out)


def read_district_result(data: object) -> DistrictClaim:
    """Read a decoded district result document; its ``national`` part's problems are listed
    in ``national.problems`` (reported as violations of ``FORMAT-result``)."""
    document: Mapping[str, Any] = data if isinstance(data, dict) else {}
    status = document.get("status")
    status = status if isinstance(status, str) else None
    codes: tuple[str | None, ...] = ()
    if status == "rejected":
        errors = document.get("errors")
        national = read_result({"format": RESULT_FORMAT, "status": "rejected", "errors": errors})
        codes = tuple(
            code if isinstance(code := e.get("code"), str) else None for e in _objects(errors)
        )
    else:
        national = read_result(document.get("national", {}))
    stage = document.get("stage")
    stage = stage if isinstance(stage, str) else None
    raw_ranking = document.get("ranking")
    return DistrictClaim(
        status=status,
        national=national,
        stage=stage,
        stage_stated=str(document.get("stage")),
        trace=_trace(document),
        party_seats=_ints(
            document.get("seats_so_far" if stage == "group" else "party_seats")
        ),
        seats=_ints(document.get("seats")),
        seats_so_far=_ints(document.get("seats_so_far")),
        elected=_int_lists(document.get("elected")),
        elected_on_preference=_int_lists(document.get("elected_on_preference")),
        ranking=_int_lists(raw_ranking) if isinstance(raw_ranking, dict) else None,
        distributions=_distributions(document.get("distributions")),
        lot=_lot(document.get("lot")),
        placements=tuple(
            PlacementClaim(
                p.get("article") if isinstance(p.get("article"), str) else None,
                _int(p.get("list")),
                _int(p.get("forfeited_from")),
                party=_int(p.get("party")),
                candidate=p.get("candidate") if isinstance(p.get("candidate"), str) else None,
                position=_int(p.get("position")),
                votes=_int(p.get("votes")),
            )
            for p in _objects(document.get("placements"))
        ),
        transfers=tuple(
            TransferClaim(_int(t.get("from_list")), _int(t.get("to_list")), _int(t.get("party")))
            for t in _objects(document.get("transfers"))
        ),
        double_elections=tuple(
            DoubleElectionClaim(
                _int(d.get("party")),
                d.get("candidate") if isinstance(d.get("candidate"), str) else None,
                _int_tuple(d.get("lists")),
                _int(d.get("kept")),
            )
            for d in _objects(document.get("double_elections"))
        ),
        combination_checks=_combination_checks(document.get("combination_checks")),
        lots_used=_int(document.get("lots_used")),
        error_codes=codes,
    )
