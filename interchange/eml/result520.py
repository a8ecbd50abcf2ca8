"""Reading an EML_NL 520 (the result a vendor's software writes) as a claim to be judged.

A 520 lists, per list with seats, an ``AffiliationIdentifier`` Selection, then a Selection per
elected candidate of that list, in order of election, with ``Ranking`` 1 (elected on preference
votes, P 15) or 2 (in list order, P 17). It states no kiesdeler, no full seats and no steps: as a
claim it says how many seats each list holds (the number of its elected candidates) and who is
elected on which list, how and in which order. :func:`claim_from_520` turns it into a
``kieswet/seat-allocation-result@1`` document with exactly that claim; the kiesdeler and the
full seats, which a 520 does not state, are filled in as the law computes them from the
election (P 5, P 6), so the judgement is on what the 520 says.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from interchange.allocation import RESULT_FORMAT
from interchange.eml.candidates import CandidateLists
from interchange.eml.errors import EmlError
from interchange.eml.names import eml
from interchange.eml.secure import DEFAULT_LIMITS, Limits, parse_document
from spec.exact import format_mixed
from spec.model import Election
from spec.rules.base import full_seat_count, quota


def claim_from_520(
    path: str | Path, lists: CandidateLists, election: Election, limits: Limits = DEFAULT_LIMITS
) -> dict[str, Any]:
    """The claim of the 520 at ``path`` for ``election`` (built from the 110a, 230b and 510d
    whose 230b is ``lists``). Raises :class:`EmlError` naming the file, element, line and
    reason for a 520 of another election, an unknown list or candidate, a candidate before any
    list, a candidate named twice, or a ``Ranking`` other than 1 or 2."""
    path = Path(path)
    root, _ = parse_document(path, {"520"}, limits)
    identifier = root.find(f".//{eml('Election')}/{eml('ElectionIdentifier')}")
    if identifier is not None and identifier.get("Id") != lists.election.id:
        raise EmlError(
            path,
            f"election {identifier.get('Id')!r}, but the 230b is of {lists.election.id!r}",
            element="ElectionIdentifier",
            line=identifier.sourceline,
        )
    known = {n: {c.number for c in e.candidates} for n, e in lists.lists().items()}
    elected: dict[int, list[int]] = {lst.number: [] for lst in election.lists}
    on_preference: dict[int, list[int]] = {lst.number: [] for lst in election.lists}
    current: int | None = None
    for selection in root.iter(eml("Selection")):
        affiliation = selection.find(eml("AffiliationIdentifier"))
        candidate = selection.find(f"{eml('Candidate')}/{eml('CandidateIdentifier')}")
        if affiliation is not None:
            current = _number(path, affiliation.get("Id"), affiliation, "list")
            if current not in elected:
                raise EmlError(
                    path,
                    f"list {current} is not a list of this election (230b)",
                    element="AffiliationIdentifier",
                    line=affiliation.sourceline,
                )
            continue
        if candidate is None:
            continue
        if current is None:
            raise EmlError(
                path,
                "a candidate Selection before any list Selection",
                element="Selection",
                line=selection.sourceline,
            )
        number = _number(path, candidate.get("Id"), candidate, "candidate")
        if number not in known.get(current, set()):
            raise EmlError(
                path,
                f"candidate {number} is not on list {current} (230b)",
                element="CandidateIdentifier",
                line=candidate.sourceline,
            )
        if number in elected[current]:
            raise EmlError(
                path,
                f"candidate {number} of list {current} is elected twice",
                element="CandidateIdentifier",
                line=candidate.sourceline,
            )
        ranking = selection.find(eml("Ranking"))
        how = (ranking.text or "").strip() if ranking is not None else ""
        if how not in ("1", "2"):
            raise EmlError(
                path,
                f"candidate {number} of list {current}: Ranking {how or '(none)'!r}; a 520 "
                "gives 1 (elected on preference votes) or 2 (in list order)",
                element="Ranking",
                line=(ranking if ranking is not None else selection).sourceline,
            )
        elected[current].append(number)
        if how == "1":
            on_preference[current].append(number)
    kiesdeler = quota(election)
    return {
        "format": RESULT_FORMAT,
        "status": "completed",
        "total_votes": election.total_votes,
        "quota": format_mixed(kiesdeler),
        "seats": {str(n): len(e) for n, e in elected.items()},
        "full_seats": {
            str(lst.number): full_seat_count(election, lst) for lst in election.lists
        },
        "elected": {str(n): e for n, e in elected.items() if _has_candidates(election, n)},
        "elected_on_preference": {
            str(n): p for n, p in on_preference.items() if _has_candidates(election, n)
        },
    }


def _has_candidates(election: Election, number: int) -> bool:
    return any(lst.number == number and lst.candidates is not None for lst in election.lists)


def _number(path: Path, raw: str | None, element: Any, what: str) -> int:
    if raw is None or not raw.isascii() or not raw.isdigit():
        raise EmlError(
            path,
            f"the {what} Id {raw!r} is not a number",
            element=element.tag if isinstance(element.tag, str) else None,
            line=element.sourceline,
        )
    return int(raw)
