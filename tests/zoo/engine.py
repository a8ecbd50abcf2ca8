"""A small, independently written engine for the ``allocate`` operation, and its bug switches.

Written from the law text (Kieswet, BWBR0004627, consolidated 2026-01-01,
https://wetten.overheid.nl/BWBR0004627/2026-01-01), ``docs/formats.md`` and
``docs/interpretation.md`` only; it imports nothing of the project (no ``spec``,
``reference``, ``interchange`` or ``conformance``), so that it is a second formulation the
conformance suite can be measured with. One contest, law ``current``, profile ``default``:

* P 5: the kiesdeler is the total of the stemcijfers divided by the number of seats;
* P 6: each list gets as many full seats as the kiesdeler fits in its stemcijfer;
* P 7 (19 seats or more): residual seats one at a time to the greatest average
  ``stemcijfer / (seats + 1)``; lid 2: for the Tweede Kamer (and through Y 2 the European
  Parliament) only lists that reached the kiesdeler;
* P 8 (fewer than 19 seats): lid 1-2, largest remainders, one per list, for lists with at
  least 75% of the kiesdeler; lid 3, then greatest averages, one per list; then (only after
  list exhaustion) unrestricted greatest averages (docs/interpretation.md);
* P 7 lid 3, P 8 lid 4: *beslist het lot* when more lists tie than seats remain: the engine
  answers ``needs_lot`` or uses the lot supplied in the input;
* P 9: a list with more than half of the votes but at most half of the seats takes one seat
  from the list that received the last residual seat given to another list (a lot between
  lists that got the last residual seats on the same value);
* P 10: a list holds no more seats than it has living candidates (P 19a); the surplus is
  removed, residual seats first, and given on by continuing the residual-seat procedure;
* P 15: candidates with strictly more votes than the preference threshold (25% of the
  kiesdeler; 50% in a gemeenteraad or eilandsraad of fewer than 19 seats; 10% for the
  European Parliament, Y 23a) are elected in order of their votes; a decisive tie is a lot;
* P 17: the remaining seats in list order; P 19a: deceased candidates are skipped;
* P 19: the ranking for vacancies: elected on preference, then the others above the
  threshold by votes, then the rest in list order (every list with candidates under 19
  seats, otherwise the lists with an elected candidate, P 19 lid 5).

Anything else (the Eerste Kamer, the kiescollege niet-ingezetenen, other law versions or
profiles) is *skipped*, never guessed.

Each name in :data:`BUGS` switches on one deliberate, realistic mistake (the "zoo" of wrong
engines of ``tests/test_zoo.py``); with no bug the engine is meant to be right.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, TypeGuard

INPUT_FORMAT = "kieswet/seat-allocation-input@1"
RESULT_FORMAT = "kieswet/seat-allocation-result@1"

KINDS = ("TK", "EP", "PS", "AB", "GR", "ER", "EK", "KNI")
SUPPORTED_KINDS = ("TK", "EP", "PS", "AB", "GR", "ER")
LAWS = ("current", "bill-36641", "pre-2017-12")
SWITCHES = ("p9-counts-as-residual", "candidate-lot-always", "p19-own-list-votes")

BUGS: dict[str, tuple[str, str]] = {
    # name: (article broken, the mistake)
    "float-quota": (
        "P 5, P 6",
        "the kiesdeler, full seats and remainders in floating point (the kiesdeler shown exact)",
    ),
    "quota-floor": ("P 5", "the kiesdeler rounded down to a whole number"),
    "no-p7-threshold": (
        "P 7 lid 2",
        "Tweede Kamer and EP lists below the kiesdeler get residual seats",
    ),
    "full-threshold-all-kinds": (
        "P 7 lid 2, P 8 lid 2",
        "every list below the kiesdeler is barred from residual seats, in every kind of election",
    ),
    "remainders-always": ("P 7 lid 1", "largest remainders (P 8) also for 19 seats or more"),
    "dhondt-always": ("P 8", "greatest averages (D'Hondt) for every number of seats"),
    "no-75-threshold": ("P 8 lid 2", "no 75% threshold for a residual seat under 19 seats"),
    "p8-threshold-exclusive": (
        "P 8 lid 2",
        "a list needs more than 75% of the kiesdeler, not at least 75%",
    ),
    "remainders-repeat": (
        "P 8 lid 1",
        "the largest-remainder round gives the same list a second seat (no one-per-list limit)",
    ),
    "no-one-per-list": (
        "P 8 lid 3",
        "the greatest-averages round after the remainders gives a list more than one seat",
    ),
    "round2-excludes-winners": (
        "P 8 lid 3",
        "lists that won a remainder seat are barred from the greatest-averages round",
    ),
    "ties-by-list-order": (
        "P 7 lid 3, P 8 lid 4",
        "tied lists: the lowest list number wins, no lot",
    ),
    "remainder-ties-by-votes": (
        "P 8 lid 1",
        "equal remainders: the list with more votes wins, no lot",
    ),
    "lots-ignored": (
        "P 7 lid 3, P 8 lid 4",
        "the lots supplied in the input are not used: the lot is asked again",
    ),
    "no-p9": ("P 9", "no absolute-majority seat"),
    "p9-at-half": ("P 9", "exactly half of the votes counts as an absolute majority"),
    "p9-strict-half-seats": (
        "P 9",
        "a majority list holding exactly half of the seats gets no extra seat",
    ),
    "p9-from-first-residual": (
        "P 9",
        "the seat is taken from the first residual seat, not the last",
    ),
    "no-p10": ("P 10", "a list keeps more seats than it has candidates"),
    "p10-no-reassign": (
        "P 10",
        "an exhausted list's surplus is removed but not given to other lists",
    ),
    "p10-restarts-averages": (
        "P 10",
        "the surplus of an exhausted list goes by plain greatest averages, not on in the round",
    ),
    "p10-counts-deceased": ("P 10, P 19a", "deceased candidates count towards a list's seat limit"),
    "threshold-always-25": ("P 15 lid 2", "the preference threshold is 25% for every election"),
    "threshold-inclusive": (
        "P 15 lid 1",
        "a candidate with exactly the threshold is elected on preference",
    ),
    "preference-in-list-order": (
        "P 15 lid 1",
        "candidates above the threshold are elected in list order, not by votes",
    ),
    "candidate-ties-by-list-order": ("P 15 lid 1", "tied candidates: list order, no lot"),
    "deceased-elected": ("P 19a", "deceased candidates are elected and ranked"),
    "ranking-list-order": ("P 19", "the ranking for vacancies is the list order"),
    "ranking-skips-seatless": (
        "P 19 lid 5",
        "under 19 seats, lists without an elected candidate are not ranked",
    ),
}


class Skip(Exception):
    """A case this engine does not handle."""


class NeedsLot(Exception):
    def __init__(self, lot: dict[str, Any], seats: dict[int, int]) -> None:
        super().__init__(lot["kind"])
        self.lot = lot
        self.seats = dict(seats)


class Rejected(Exception):
    def __init__(self, errors: list[tuple[str, str, str]]) -> None:
        super().__init__(errors[0][2])
        self.errors = errors


def mixed(value: Fraction | float) -> str:
    """An exact value in the result format's mixed-fraction notation (``"444 5/17"``)."""
    if isinstance(value, float):
        value = Fraction(value)
    whole, part = divmod(value.numerator, value.denominator)
    if part == 0:
        return str(whole)
    if whole == 0:
        return f"{part}/{value.denominator}"
    return f"{whole} {part}/{value.denominator}"


# ---------------------------------------------------------------------------------------
# Reading the input (docs/formats.md): anything that is not plainly valid is rejected.


@dataclass
class Candidate:
    number: int
    votes: int
    deceased: bool


@dataclass
class ListData:
    number: int
    votes: int
    limit: int | None
    candidates: list[Candidate] | None
    raw_count: int | None = None
    """``candidate_count`` as given, deceased included (for a bug switch)."""


@dataclass
class Lot:
    kind: str
    options: frozenset[int]
    drawn: int
    list: int | None


@dataclass
class Election:
    kind: str
    seats: int
    lists: list[ListData]
    lots: list[Lot]


def _int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_keys(
    obj: dict[str, Any], allowed: set[str], where: str, errors: list[tuple[str, str, str]]
) -> None:
    for key in obj:
        if key not in allowed:
            errors.append(
                (f"{where}.{key}" if where else key, "unknown_field", f"unknown field {key!r}")
            )


def read(doc: object) -> Election:
    """The input document as an :class:`Election`; raises Rejected or Skip."""
    errors: list[tuple[str, str, str]] = []

    def bad(where: str, code: str, message: str) -> None:
        errors.append((where or "$", code, message))

    if not isinstance(doc, dict):
        raise Rejected([("$", "not_an_object", "the input must be an object")])
    _check_keys(doc, {"format", "source", "election", "lists", "lots"}, "", errors)
    if "format" in doc and doc["format"] != INPUT_FORMAT:
        bad("format", "unknown_format", "unknown format")
    if "source" in doc and not isinstance(doc["source"], str):
        bad("source", "invalid_type", "source must be text")
    election = doc.get("election")
    kind, seats, law, profile = None, None, "current", "default"
    if not isinstance(election, dict):
        bad("election", "missing", "election must be an object")
    else:
        _check_keys(
            election, {"kind", "seats", "law", "profile", "name", "date"}, "election", errors
        )
        kind = election.get("kind")
        if kind not in KINDS:
            bad("election.kind", "invalid_kind", "unknown kind")
        seats = election.get("seats")
        if not _int(seats) or not 1 <= seats <= 10_000:
            bad("election.seats", "invalid_seats", "seats must be a whole number of at least 1")
        law = election.get("law", "current")
        if law not in LAWS:
            bad("election.law", "invalid_law", "unknown law")
        profile = election.get("profile", "default")
        if not isinstance(profile, str):
            bad("election.profile", "invalid_profile", "profile must be text")
        elif profile != "default":
            parts = profile.split("+")
            if any(p not in SWITCHES for p in parts) or len(set(parts)) != len(parts):
                bad("election.profile", "invalid_profile", "unknown profile")
        for key in ("name", "date"):
            if key in election and not isinstance(election[key], str):
                bad(f"election.{key}", "invalid_type", f"{key} must be text")
    lists_raw = doc.get("lists")
    lists: list[ListData] = []
    if not isinstance(lists_raw, list) or not lists_raw:
        bad("lists", "missing", "lists must be a non-empty array")
        lists_raw = []
    previous = 0
    for i, raw in enumerate(lists_raw):
        where = f"lists[{i}]"
        if not isinstance(raw, dict):
            bad(where, "invalid_type", "a list must be an object")
            continue
        _check_keys(
            raw,
            {"number", "name", "candidates", "votes", "candidate_count", "deceased_count"},
            where,
            errors,
        )
        number = raw.get("number")
        if not _int(number) or number < 1:
            bad(f"{where}.number", "invalid_number", "list number must be a whole number >= 1")
            number = 0
        elif number <= previous:
            bad(f"{where}.number", "unsorted", "list numbers must ascend")
        previous = max(previous, number)
        if "name" in raw and not isinstance(raw["name"], str):
            bad(f"{where}.name", "invalid_type", "name must be text")
        votes = raw.get("votes")
        raw_count: int | None = None
        if votes is not None and (not _int(votes) or not 0 <= votes < 10**12):
            bad(f"{where}.votes", "invalid_votes", "votes must be a whole number >= 0")
            votes = None
        candidates: list[Candidate] | None = None
        limit: int | None = None
        if "candidates" in raw:
            if "candidate_count" in raw or "deceased_count" in raw:
                bad(
                    where, "conflicting_fields", "candidates with candidate_count or deceased_count"
                )
            cands = raw["candidates"]
            if not isinstance(cands, list) or len(cands) > 1000:
                bad(f"{where}.candidates", "invalid_type", "candidates must be an array")
                cands = []
            candidates = []
            cprev = 0
            for j, craw in enumerate(cands):
                cwhere = f"{where}.candidates[{j}]"
                if not isinstance(craw, dict):
                    bad(cwhere, "invalid_type", "a candidate must be an object")
                    continue
                _check_keys(craw, {"number", "votes", "deceased", "name"}, cwhere, errors)
                cnum, cvotes = craw.get("number"), craw.get("votes")
                dead = craw.get("deceased", False)
                if not _int(cnum) or cnum < 1:
                    bad(f"{cwhere}.number", "invalid_number", "candidate number must be >= 1")
                    cnum = 0
                elif cnum <= cprev:
                    bad(f"{cwhere}.number", "unsorted", "candidate numbers must ascend")
                cprev = max(cprev, cnum)
                if not _int(cvotes) or not 0 <= cvotes < 10**12:
                    bad(f"{cwhere}.votes", "invalid_votes", "votes must be a whole number >= 0")
                    cvotes = 0
                if not isinstance(dead, bool):
                    bad(f"{cwhere}.deceased", "invalid_type", "deceased must be true or false")
                    dead = False
                if "name" in craw and not isinstance(craw["name"], str):
                    bad(f"{cwhere}.name", "invalid_type", "name must be text")
                candidates.append(Candidate(cnum, cvotes, dead))
            total = sum(c.votes for c in candidates)
            if votes is not None and votes != total:
                bad(f"{where}.votes", "votes_mismatch", "votes differ from the candidates' sum")
            votes = total
            limit = sum(1 for c in candidates if not c.deceased)
        else:
            if votes is None:
                bad(where, "missing", "a list needs votes or candidates")
                votes = 0
            count, dead_count = raw.get("candidate_count"), raw.get("deceased_count")
            raw_count = count if _int(count) else None
            if count is not None and (not _int(count) or count < 0):
                bad(f"{where}.candidate_count", "invalid_count", "candidate_count must be >= 0")
                count = None
            if dead_count is not None:
                if not _int(dead_count) or dead_count < 0:
                    bad(f"{where}.deceased_count", "invalid_count", "deceased_count must be >= 0")
                elif count is None or dead_count > count:
                    bad(
                        f"{where}.deceased_count",
                        "invalid_count",
                        "deceased_count above candidate_count",
                    )
                elif count is not None:
                    count -= dead_count
            limit = count
        lists.append(ListData(number, votes, limit, candidates, raw_count))
    lots: list[Lot] = []
    lots_raw = doc.get("lots", [])
    if not isinstance(lots_raw, list):
        bad("lots", "invalid_type", "lots must be an array")
        lots_raw = []
    for i, raw in enumerate(lots_raw):
        where = f"lots[{i}]"
        if not isinstance(raw, dict):
            bad(where, "invalid_type", "a lot must be an object")
            continue
        _check_keys(raw, {"kind", "options", "drawn", "list"}, where, errors)
        lkind, options, drawn, lst = (
            raw.get("kind"),
            raw.get("options"),
            raw.get("drawn"),
            raw.get("list"),
        )
        if lkind not in ("residual_seat", "absolute_majority", "candidate"):
            bad(f"{where}.kind", "invalid_lot", "unknown lot kind")
        if (
            not isinstance(options, list)
            or len(options) < 2
            or not all(_int(o) and o >= 1 for o in options)
            or len(set(options)) != len(options)
        ):
            bad(f"{where}.options", "invalid_lot", "options must be two or more distinct numbers")
            options = []
        if not _int(drawn) or drawn not in options:
            bad(f"{where}.drawn", "invalid_lot", "drawn must be one of the options")
        if lkind == "candidate":
            if not _int(lst) or lst < 1:
                bad(f"{where}.list", "invalid_lot", "a candidate lot needs its list")
        elif "list" in raw:
            bad(f"{where}.list", "invalid_lot", "only a candidate lot names a list")
        lots.append(
            Lot(
                str(lkind),
                frozenset(options),
                drawn if _int(drawn) else 0,
                lst if _int(lst) else None,
            )
        )
    if not errors and lists and sum(lst.votes for lst in lists) == 0:
        bad("lists", "zero_votes", "no votes at all")
    if errors:
        raise Rejected(errors)
    assert isinstance(kind, str) and isinstance(seats, int)
    if law != "current":
        raise Skip(f"law {law!r} not supported")
    if profile != "default":
        raise Skip(f"profile {profile!r} not supported")
    if kind not in SUPPORTED_KINDS:
        raise Skip(f"kind {kind!r} not supported")
    return Election(kind, seats, lists, lots)


# ---------------------------------------------------------------------------------------
# The allocation.


@dataclass
class Award:
    """One residual seat: the list, the value it won on, and the stage it was given in."""

    list: int
    value: Fraction | float
    stage: str


@dataclass
class State:
    election: Election
    bugs: frozenset[str]
    quota: Fraction | float
    full: dict[int, int]
    seats: dict[int, int]
    votes: dict[int, int]
    small: bool
    lots_used: int = 0
    order: list[Award] = field(default_factory=list)
    p8_round: int = 1
    won_in_round: set[int] = field(default_factory=set)

    def lot(
        self, kind: str, options: list[int], extra: dict[str, Any], list_: int | None = None
    ) -> int:
        """The supplied lot answering this question, or a NeedsLot for the caller."""
        question: dict[str, Any] = {"kind": kind, "options": sorted(options), **extra}
        if list_ is not None:
            question["list"] = list_
        if self.lots_used < len(self.election.lots) and "lots-ignored" not in self.bugs:
            given = self.election.lots[self.lots_used]
            if given.kind != kind or given.options != frozenset(options) or given.list != list_:
                raise Rejected(
                    [
                        (
                            f"lots[{self.lots_used}]",
                            "lot_mismatch",
                            "the lot answers another question",
                        )
                    ]
                )
            self.lots_used += 1
            return given.drawn
        raise NeedsLot(question, self.seats)


def remainder(state: State, number: int) -> Fraction | float:
    return state.votes[number] - state.full[number] * state.quota


def average(state: State, number: int) -> Fraction | float:
    return Fraction(state.votes[number], state.seats[number] + 1)


def p7_lid2_applies(state: State) -> bool:
    """P 7 lid 2: the Tweede Kamer (and the European Parliament through Y 2)."""
    if "full-threshold-all-kinds" in state.bugs:
        return True
    return state.election.kind in ("TK", "EP") and "no-p7-threshold" not in state.bugs


def residual_seat(state: State, remaining: int, exhausted: set[int] | None) -> bool:
    """Give one residual seat (P 7 or P 8); False when no list can take one."""
    bugs = state.bugs
    with_votes = [n for n in state.votes if state.votes[n] > 0 and n not in (exhausted or ())]
    if p7_lid2_applies(state):
        # P 7 lid 2 bars a Tweede Kamer list below the kiesdeler from every residual seat,
        # also in the rounds of P 8 (a Tweede Kamer of fewer than 19 seats is hypothetical)
        with_votes = [n for n in with_votes if state.votes[n] >= state.quota]
    use_remainders = state.small
    if exhausted is not None and "p10-restarts-averages" in bugs:
        use_remainders = False
    if "dhondt-always" in bugs:
        use_remainders = False
    if "remainders-always" in bugs:
        use_remainders = True
    if not use_remainders:
        eligible = with_votes
        values = {n: average(state, n) for n in eligible}
        stage = "P 7"
    else:
        values, stage = {}, ""
        while True:
            if state.p8_round == 1:
                if "no-75-threshold" in bugs:
                    qualified = with_votes
                elif "p8-threshold-exclusive" in bugs:
                    qualified = [n for n in with_votes if 4 * state.votes[n] > 3 * state.quota]
                else:
                    qualified = [n for n in with_votes if 4 * state.votes[n] >= 3 * state.quota]
                eligible = [n for n in qualified if n not in state.won_in_round]
                if "remainders-repeat" in bugs:
                    eligible = qualified
                if eligible:
                    values = {n: remainder(state, n) for n in eligible}
                    stage = "P 8 lid 1-2"
                    break
                state.p8_round, state.won_in_round = 2, set()
                if "round2-excludes-winners" in bugs:
                    state.won_in_round = {a.list for a in state.order}
            elif state.p8_round == 2 and "no-one-per-list" not in bugs:
                eligible = [n for n in with_votes if n not in state.won_in_round]
                if eligible:
                    values = {n: average(state, n) for n in eligible}
                    stage = "P 8 lid 3"
                    break
                state.p8_round = 3
            else:
                values = {n: average(state, n) for n in with_votes}
                stage = "P 8 lid 3 (further rounds)"
                break
    if not values:
        return False
    best = max(values.values())
    tied = sorted(n for n, v in values.items() if v == best)
    if len(tied) <= remaining or "ties-by-list-order" in bugs:
        winner = tied[0]
    elif "remainder-ties-by-votes" in bugs and stage == "P 8 lid 1-2":
        top = max(state.votes[n] for n in tied)
        winner = min(n for n in tied if state.votes[n] == top)
    else:
        winner = state.lot(
            "residual_seat",
            tied,
            {
                "article": stage.split(" (")[0],
                "seat": len(state.order) + 1,
                "value": mixed(best),
                "description": f"restzetel {len(state.order) + 1}: gelijke waarde {mixed(best)}",
            },
        )
    state.seats[winner] += 1
    state.order.append(Award(winner, best, stage))
    state.won_in_round.add(winner)
    return True


def absolute_majority(state: State) -> None:
    """P 9."""
    bugs = state.bugs
    if "no-p9" in bugs:
        return
    total = sum(state.votes.values())
    for number, votes in state.votes.items():
        majority = 2 * votes >= total if "p9-at-half" in bugs else 2 * votes > total
        half_or_less = 2 * state.seats[number] <= state.election.seats
        if "p9-strict-half-seats" in bugs:
            half_or_less = 2 * state.seats[number] < state.election.seats
        if not majority or not half_or_less:
            continue
        others = [a for a in state.order if a.list != number]
        if not others:
            return
        if "p9-from-first-residual" in bugs:
            others = others[:1]
        last = others[-1]
        tied: list[int] = []
        for award in reversed(others):
            if award.value != last.value or award.stage != last.stage:
                break
            if award.list not in tied:
                tied.append(award.list)
        if len(tied) == 1:
            loser = tied[0]
        else:
            loser = state.lot(
                "absolute_majority",
                tied,
                {
                    "article": "P 9 lid 2",
                    "value": mixed(last.value),
                    "description": "welke lijst staat een zetel af",
                },
            )
        state.seats[loser] -= 1
        state.seats[number] += 1
        # the loser no longer holds the residual seat it won in the running round of P 8, so
        # a continuation under P 10 may give it one again (one seat per list and round)
        round_of_stage = {"P 8 lid 1-2": 1, "P 8 lid 3": 2}
        taken = next(a for a in reversed(others) if a.list == loser)
        if round_of_stage.get(taken.stage) == state.p8_round:
            state.won_in_round.discard(loser)
        return


def list_exhaustion(state: State) -> None:
    """P 10: remove the seats a list cannot fill and give them on."""
    if "no-p10" in state.bugs:
        return
    limits = {lst.number: lst.limit for lst in state.election.lists}
    if "p10-counts-deceased" in state.bugs:
        limits = {
            lst.number: lst.raw_count if lst.candidates is None else len(lst.candidates)
            for lst in state.election.lists
        }
    removed = 0
    for number in sorted(state.seats):
        limit = limits[number]
        if limit is not None and state.seats[number] > limit:
            removed += state.seats[number] - limit
            state.seats[number] = limit
    if "p10-no-reassign" in state.bugs:
        return
    while removed:
        exhausted = {
            n for n, limit in limits.items() if limit is not None and state.seats[n] >= limit
        }
        if not residual_seat(state, removed, exhausted):
            return  # the seats stay empty
        removed -= 1


def preference_share(state: State) -> Fraction:
    kind = state.election.kind
    if "threshold-always-25" in state.bugs:
        share = Fraction(1, 4)
    elif kind == "EP":
        share = Fraction(1, 10)
    elif kind in ("GR", "ER") and state.election.seats < 19:
        share = Fraction(1, 2)
    else:
        share = Fraction(1, 4)
    return share


def candidates(state: State, result: dict[str, Any]) -> None:
    """P 15, P 17, P 19a and the P 19 ranking for every list with candidates."""
    bugs = state.bugs
    share = preference_share(state)
    threshold = state.quota * share
    elected: dict[str, list[int]] = {}
    on_preference: dict[str, list[int]] = {}
    ranking: dict[str, list[int]] = {}
    for lst in state.election.lists:
        if lst.candidates is None:
            continue
        living = [c for c in lst.candidates if "deceased-elected" in bugs or not c.deceased]
        if "threshold-inclusive" in bugs:
            above = [c for c in living if c.votes >= threshold]
        else:
            above = [c for c in living if c.votes > threshold]
        above.sort(key=lambda c: (-c.votes, c.number))
        places = state.seats[lst.number]
        preferred: list[int] = []
        i = 0
        if "preference-in-list-order" in bugs:
            preferred = [c.number for c in sorted(above, key=lambda c: c.number)][:places]
            i = len(above)
        while i < len(above) and len(preferred) < places:
            group = [c.number for c in above if c.votes == above[i].votes]
            i += len(group)
            left = places - len(preferred)
            if len(group) <= left or "candidate-ties-by-list-order" in bugs:
                preferred.extend(group[:left])
                continue
            while left:
                drawn = state.lot(
                    "candidate",
                    group,
                    {"article": "P 15 lid 1", "description": "gelijk aantal voorkeurstemmen"},
                    lst.number,
                )
                preferred.append(drawn)
                group.remove(drawn)
                left -= 1
        rest = [c.number for c in living if c.number not in preferred]
        chosen = preferred + rest[: places - len(preferred)]
        key = str(lst.number)
        elected[key] = chosen
        on_preference[key] = preferred
        if (state.election.seats < 19 and "ranking-skips-seatless" not in bugs) or chosen:
            if "ranking-list-order" in bugs:
                ranking[key] = [c.number for c in living]
            else:
                others = [c.number for c in above if c.number not in preferred]
                ranking[key] = preferred + others + [n for n in rest if n not in others]
    result["elected"] = elected
    result["elected_on_preference"] = on_preference
    result["ranking"] = ranking
    shown = threshold
    if "float-quota" in bugs:  # shown exact, as the kiesdeler
        shown = Fraction(sum(state.votes.values()), state.election.seats) * share
    result["preference_threshold"] = mixed(shown)


def allocate(doc: object, bugs: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The result document for one input document; raises Skip for what it does not do."""
    try:
        election = read(doc)
    except Rejected as rejected:
        return {
            "format": RESULT_FORMAT,
            "status": "rejected",
            "errors": [{"field": f, "code": c, "message": m} for f, c, m in rejected.errors],
        }
    votes = {lst.number: lst.votes for lst in election.lists}
    total = sum(votes.values())
    quota: Fraction | float
    if "float-quota" in bugs:
        quota = total / election.seats
    elif "quota-floor" in bugs:
        quota = Fraction(total // election.seats)
    else:
        quota = Fraction(total, election.seats)
    # the float engine computes in floats but prints the kiesdeler exactly (its report is
    # written from the counts), so that only its decisions are put to the test
    shown_quota = mixed(Fraction(total, election.seats) if "float-quota" in bugs else quota)
    full = {n: math.floor(v / quota) for n, v in votes.items()}
    state = State(election, bugs, quota, full, dict(full), votes, small=election.seats < 19)
    try:
        left = election.seats - sum(full.values())
        while left > 0:
            if not residual_seat(state, left, None):
                break
            left -= 1
        absolute_majority(state)
        list_exhaustion(state)
        result: dict[str, Any] = {
            "format": RESULT_FORMAT,
            "status": "completed",
            "total_votes": total,
            "quota": shown_quota,
            "seats": {str(n): s for n, s in state.seats.items()},
            "full_seats": {str(n): s for n, s in full.items()},
            "residual_seat_order": [a.list for a in state.order],
            "preference_threshold": None,
        }
        if any(lst.candidates is not None for lst in election.lists):
            candidates(state, result)
        if state.lots_used < len(election.lots) and "lots-ignored" not in bugs:
            raise Rejected([(f"lots[{state.lots_used}]", "lot_mismatch", "a lot is left over")])
        return result
    except NeedsLot as needs:
        return {
            "format": RESULT_FORMAT,
            "status": "needs_lot",
            "lot": needs.lot,
            "lots_used": state.lots_used,
            "quota": shown_quota,
            "seats_so_far": {str(n): s for n, s in needs.seats.items()},
        }
    except Rejected as rejected:
        return {
            "format": RESULT_FORMAT,
            "status": "rejected",
            "errors": [{"field": f, "code": c, "message": m} for f, c, m in rejected.errors],
        }


def answer(doc: object, bugs: frozenset[str] = frozenset()) -> tuple[str, dict[str, Any] | str]:
    """``(status, result document)`` for one input, or ``("skipped", reason)``."""
    try:
        result = allocate(doc, bugs)
    except Skip as skip:
        return "skipped", str(skip)
    return str(result["status"]), result
