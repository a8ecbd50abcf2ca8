"""An adapter for the OSV2020 apportionment wrapper (``kieswet adapter --osv2020 "CMD"``).

OSV2020, the Kiesraad's election software until 2026, is reached through a wrapper process with
its own JSON-lines protocol, one request and one response per line::

    request   {"seats": 9, "pg_candidates": [3, 2], "votes": [[250, 0, 50], [600, 0]]}
    response  {"seats": [3, 6], "candidates": [[1, 1], [1, 2], [2, 1], ...], "log": ...}
              {"conflict": true, "log": ...}      a tie that must be decided by lot
              {"error": "...", "log": ...}        the wrapper refuses the input

``pg_candidates`` holds each list's number of candidates and ``votes`` each list's candidate
votes, both in the order of the input's lists. In the response ``seats`` holds each list's
seats in that order and ``candidates`` the elected candidates in order of election, as
``[list, position]`` pairs counted from 1 (the list's place in the request, the candidate's
place on the list).

Translation, in both directions:

* The wrapper knows no election kind: it allocates as for a gemeenteraad, so the adapter claims
  kind ``GR`` only, law ``current`` and profile ``default``, and no drawn lots (the request
  cannot carry them); the runner skips everything else.
* A list with list-level data only becomes ``candidate_count`` candidates (or, unknown, as many
  as there are seats), the first holding all votes; its elected candidates are not reported.
* Inputs the request cannot express are answered ``skipped`` with the reason: deceased
  candidates (P 19a), and inputs that are not a valid election (the wrapper's own validation
  can only be reached with well-formed numbers).
* The wrapper reports seats and elected candidates only. The adapter adds ``quota`` and
  ``full_seats`` computed from the input by P 5 and P 6 (exact arithmetic), so the result is
  a complete ``kieswet/seat-allocation-result@1`` document; those two fields therefore say
  nothing about OSV2020 itself.
* ``{"error": ...}`` becomes ``rejected`` (field ``$``, code ``osv2020_error``).
* ``{"conflict": true}`` becomes ``errored``: the wrapper says that a lot is needed but not
  between which lists or candidates, so its answer cannot be compared with a lot question.
  The message says so, and the report shows it on every case concerned.
* A wrapper that exits or prints something that is not a response makes the case ``errored``;
  the wrapper is started again for the next case.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from fractions import Fraction
from typing import IO, Any, cast

from conformance.adapters.reference_adapter import version
from conformance.adapters.serve import serve
from conformance.protocol import Answer, Capabilities, Case
from interchange.allocation import RESULT_FORMAT, parse_election
from spec.exact import format_mixed
from spec.model import Election, Rejected

NAME = "osv2020-via-kieswet-adapter"
CAPABILITIES = Capabilities(
    operations=("allocate",),
    kinds=("GR",),
    laws=("current",),
    profiles=("default",),
    candidates=True,
    lots=False,
)


class WrapperFailure(Exception):
    """The wrapper process died or answered something that is not a response."""


def to_request(election: Election) -> dict[str, Any]:
    """The wrapper's request for ``election`` (which has no deceased candidates)."""
    counts: list[int] = []
    votes: list[list[int]] = []
    for lst in election.lists:
        if lst.candidates is not None:
            counts.append(len(lst.candidates))
            votes.append([c.votes for c in lst.candidates])
            continue
        limit = lst.seat_limit
        count = election.seats if limit is None else limit
        counts.append(count)
        votes.append([lst.votes] + [0] * (count - 1) if count else [])
    return {"seats": election.seats, "pg_candidates": counts, "votes": votes}


def untranslatable(election: Election) -> str | None:
    """Why the wrapper's request cannot express ``election``, or ``None``."""
    for lst in election.lists:
        if lst.candidates is not None and any(c.deceased for c in lst.candidates):
            return f"list {lst.number} has a deceased candidate (P 19a); the request cannot say so"
        if lst.candidates is None and lst.deceased_count:
            return f"list {lst.number} has deceased candidates (P 19a); the request cannot say so"
        if lst.candidates is None and lst.votes and lst.seat_limit == 0:
            return f"list {lst.number} has votes but no candidates to carry them in the request"
    return None


def _number_list(value: object, length: int, what: str) -> list[int]:
    if (
        not isinstance(value, list)
        or len(value) != length
        or not all(type(v) is int and v >= 0 for v in value)
    ):
        raise WrapperFailure(f"{what} must be {length} whole numbers, got {value!r:.200}")
    return cast(list[int], value)


def from_response(election: Election, response: object, case_id: str) -> Answer:
    """Our answer for the wrapper's ``response`` to ``election``."""
    if not isinstance(response, dict):
        raise WrapperFailure(f"the response is not a JSON object: {response!r:.200}")
    log = response.get("log")
    if response.get("conflict") is True:
        return Answer(
            case_id,
            "errored",
            message="OSV2020 reports a tie that must be decided by lot (conflict) but not "
            f"between which lists or candidates, so it cannot be compared; log: {log!r:.500}",
        )
    if "error" in response:
        return Answer(
            case_id,
            "rejected",
            {
                "format": RESULT_FORMAT,
                "status": "rejected",
                "errors": [
                    {"field": "$", "code": "osv2020_error", "message": str(response["error"])}
                ],
            },
        )
    seats = _number_list(response.get("seats"), len(election.lists), "seats")
    elected: dict[str, list[int]] = {
        str(lst.number): [] for lst in election.lists if lst.candidates is not None
    }
    pairs = response.get("candidates", [])
    if not isinstance(pairs, list):
        raise WrapperFailure(f"candidates must be an array, got {pairs!r:.200}")
    for pair in pairs:
        if not (isinstance(pair, list) and len(pair) == 2 and all(type(p) is int for p in pair)):
            raise WrapperFailure(f"a candidate must be [list, position], got {pair!r:.200}")
        index, position = pair[0] - 1, pair[1] - 1
        if not 0 <= index < len(election.lists):
            raise WrapperFailure(f"candidate {pair}: there is no list {pair[0]}")
        lst = election.lists[index]
        if lst.candidates is None:
            continue
        if not 0 <= position < len(lst.candidates):
            raise WrapperFailure(f"candidate {pair}: list {pair[0]} has no position {pair[1]}")
        elected[str(lst.number)].append(lst.candidates[position].number)
    total, count = election.total_votes, election.seats
    result: dict[str, Any] = {
        "format": RESULT_FORMAT,
        "status": "completed",
        "total_votes": total,
        "quota": format_mixed(Fraction(total, count)),
        "seats": {str(lst.number): n for lst, n in zip(election.lists, seats, strict=True)},
        "full_seats": {str(lst.number): lst.votes * count // total for lst in election.lists},
        "warnings": [],
    }
    if elected:
        result["elected"] = elected
    return Answer(case_id, "completed", result)


class Wrapper:
    """The wrapper process, started on first use and again after it fails."""

    def __init__(self, command: list[str]) -> None:
        self.command = command
        self.process: subprocess.Popen[str] | None = None

    def ask(self, request: dict[str, Any]) -> object:
        if self.process is None or self.process.poll() is not None:
            try:
                self.process = subprocess.Popen(
                    self.command,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    text=True,
                    encoding="utf-8",
                    errors="replace",
                )
            except OSError as exc:
                raise WrapperFailure(f"cannot start {shlex.join(self.command)}: {exc}") from exc
        stdin, stdout = cast(IO[str], self.process.stdin), cast(IO[str], self.process.stdout)
        try:
            stdin.write(json.dumps(request, separators=(",", ":")) + "\n")
            stdin.flush()
            line = stdout.readline()
        except OSError as exc:
            self.close()
            raise WrapperFailure(f"the wrapper stopped reading: {exc}") from exc
        if not line:
            code = self.process.wait()
            self.process = None
            raise WrapperFailure(f"the wrapper exited (status {code}) without answering")
        try:
            return json.loads(line)
        except json.JSONDecodeError as exc:
            self.close()
            raise WrapperFailure(
                f"the wrapper printed a line that is not JSON: {line!r:.200}"
            ) from exc

    def close(self) -> None:
        if self.process is not None:
            if self.process.stdin is not None:
                self.process.stdin.close()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None


def make_handler(wrapper: Wrapper) -> Any:
    def handle(case: Case) -> Answer:
        if case.operation != "allocate":
            return Answer(case.id, "skipped", message=f"operation {case.operation!r} not supported")
        parsed = parse_election(case.input)
        if isinstance(parsed, Rejected):
            reasons = "; ".join(f"{e.field}: {e.message}" for e in parsed.errors[:3])
            return Answer(
                case.id,
                "skipped",
                message=f"not a valid election, which the OSV2020 request cannot express: "
                f"{reasons}",
            )
        reason = untranslatable(parsed)
        if reason is not None:
            return Answer(case.id, "skipped", message=reason)
        try:
            return from_response(parsed, wrapper.ask(to_request(parsed)), case.id)
        except WrapperFailure as exc:
            return Answer(case.id, "errored", message=f"OSV2020 wrapper: {exc}")

    return handle


def main(command: str) -> int:
    """Serve the protocol, translating every case for the wrapper started by ``command``."""
    argv = shlex.split(command)
    if not argv:
        print("kieswet adapter: --osv2020 needs the wrapper's command", file=sys.stderr)
        return 2
    wrapper = Wrapper(argv)
    try:
        return serve(
            NAME, f"wrapper unknown, adapter {version()}", CAPABILITIES, make_handler(wrapper)
        )
    finally:
        wrapper.close()
