"""Fuzzing the operations ``allocate-districts`` and ``allocate-eerste-kamer``, and the public
strategies behind it (``conformance.strategies_districts``).

The strategies must only yield inputs the parsers accept, within the restrictions asked for,
and must reach the structures the articles are about (stellen, lijstengroepen, combinations,
a stemwaarde exactly on a half). ``kieswet conformance fuzz --operation ...`` must find no
difference between the reference and itself, and must catch, shrink and write the broken
adapters of tests/fixtures/adapters/ made for these operations: ``p12_in_list_order.py`` (P 12
lid 5 ignored), ``ek_no_stemwaarde.py`` (stemcijfers unweighted) and
``ek_stemwaarde_rounded_down.py`` (U 2 rounded down). Fuzzing runs in a fresh process, as in
tests/test_fuzz.py (the same seed gives the same examples only within one program).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, find, given, settings

from conformance.fuzz import FUZZ_ID_BASE, FUZZ_ID_SPAN, Fuzzer, FuzzOptions
from conformance.strategies_districts import (
    EK_BODIES,
    district_inputs,
    eerste_kamer_inputs,
    resolve_district_lots,
    resolve_eerste_kamer_lots,
)
from interchange.districts import district_result_to_json, parse_district_election
from interchange.eerste_kamer import parse_eerste_kamer
from interchange.engine import eerste_kamer_election
from interchange.judging import check_districts
from kieswet.cli import main
from reference.allocate import allocate
from reference.districts import allocate_districts
from spec.districts import DistrictElection, DistrictNeedsLot, stemwaarde_of
from spec.eerste_kamer import EerstekamerElection, EerstekamerInput
from spec.model import NeedsLot, Rejected
from tests.finding_replay import (
    ADAPTERS,
    REFERENCE,
    adapter,
    fuzz,
    replay_finding,
    vectors_validator,
)

DISTRICTS = "allocate-districts"
EERSTE_KAMER = "allocate-eerste-kamer"

ALLOCATE_ONLY = '''\
"""Claims the operation allocate only, and answers every case skipped."""
import json, sys
CAPS = {"operations": ["allocate"], "kinds": ["TK", "PS", "EK"], "laws": ["current"],
        "profiles": ["default"], "candidates": True, "lots": False}
for line in sys.stdin:
    message = json.loads(line)
    if message["type"] == "start":
        print(json.dumps({"type": "started", "protocol": "kieswet-adapter@1",
                          "name": "allocate-only", "version": "1", "capabilities": CAPS}),
              flush=True)
    elif message["type"] == "run":
        for case in message["cases"]:
            print(json.dumps({"type": "result", "id": case["id"], "status": "skipped",
                              "message": "not implemented"}), flush=True)
    else:
        print(json.dumps({"type": "stopped"}), flush=True)
        break
'''


def _roundtrip(document: dict[str, Any]) -> Any:
    return json.loads(json.dumps(document))


# --------------------------------------------------------------------------- district inputs


@given(district_inputs(allow_lots=True))
def test_district_inputs_are_valid_and_the_spec_agrees_with_the_reference(
    document: dict[str, Any],
) -> None:
    """Every generated document is accepted by the codec; the reference allocates it (old P 4
    lid 2 needing a lot is the one rejection it may give), and spec.district_check finds no
    violated rule in its result."""
    election = parse_district_election(_roundtrip(document))
    assert isinstance(election, DistrictElection), election
    numbers = [item["number"] for key in ("lists", "sets", "groups", "combinations")
               for item in document.get(key, [])]  # fmt: skip
    assert len(numbers) == len(set(numbers))
    result = allocate_districts(election)
    if isinstance(result, Rejected):
        assert election.combinations
        assert {e.code for e in result.errors} == {"combination_check_needs_lot"}
        return
    assert check_districts(election, district_result_to_json(result)) == []


@given(district_inputs(kinds=("TK",), laws=("current",), data_levels=("lists",)))
def test_district_inputs_respect_the_restrictions(document: dict[str, Any]) -> None:
    assert document["election"]["kind"] == "TK" and document["election"]["law"] == "current"
    assert all("candidates" not in item for item in document["lists"])
    assert "combinations" not in document and "lots" not in document
    assert all(set(d) == {"number"} for d in document["districts"])  # no stemwaarde but for EK
    assert {d["number"] for d in document["districts"]} == {
        item["district"] for item in document["lists"]
    }


def _structures(d: dict[str, Any]) -> set[str]:
    """What of interest a district input contains."""
    names = {item["number"]: [c["name"] for c in item.get("candidates", [])]
             for item in d["lists"]}  # fmt: skip
    first_of = {s["number"]: s["lists"][0] for s in d.get("sets", [])}
    found = set()
    for group in d.get("groups", []):
        people = [n for m in group["members"] for n in names[first_of.get(m, m)]]
        if len(people) > len(set(people)):
            found.add("a person on two lists of a group")
        if {m < 100 for m in group["members"]} == {True, False}:
            found.add("a group of a stel and a district list")
    if d.get("sets"):
        found.add("a stel")
    if any(len(c["members"]) == 3 for c in d.get("combinations", [])):
        found.add("a combination of three")
    if any(
        "inhabitants" in x and x["inhabitants"] % (100 * x["members"]) == 50 * x["members"]
        for x in d["districts"]
    ):
        found.add("an EK stemwaarde exactly on a half")
    if any(c.get("deceased") for item in d["lists"] for c in item.get("candidates", [])):
        found.add("a deceased candidate")
    if d.get("lots"):
        found.add("drawn lots")
    return found


STRUCTURES = {
    "a person on two lists of a group",
    "a group of a stel and a district list",
    "a stel",
    "a combination of three",
    "an EK stemwaarde exactly on a half",
    "a deceased candidate",
    "drawn lots",
}


def test_district_inputs_reach_every_structure() -> None:
    """In a fixed sample of 400 inputs: stellen, lijstengroepen with a person on several lists
    and with a stel beside a district list, combinations of three, the Eerste Kamer's
    stemwaarde exactly on a half, deceased candidates, and drawn lots."""
    seen: set[str] = set()

    @settings(
        max_examples=400,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(district_inputs(allow_lots=True))
    def sample(document: dict[str, Any]) -> None:
        seen.update(_structures(document))

    sample()
    assert seen == STRUCTURES


def test_resolving_district_lots_ends_the_questions() -> None:
    document = find(
        district_inputs(kinds=("PS",), laws=("current",)),
        lambda d: isinstance(_district_result(d), DistrictNeedsLot),
        settings=settings(max_examples=2_000, database=None),
    )
    resolved = resolve_district_lots(document)
    assert resolved["lots"] and "lots" not in document
    assert not isinstance(_district_result(resolved), DistrictNeedsLot)


def _district_result(document: dict[str, Any]) -> Any:
    election = parse_district_election(document)
    assert isinstance(election, DistrictElection)
    return allocate_districts(election)


# --------------------------------------------------------------------------- Eerste Kamer inputs


@given(eerste_kamer_inputs(allow_lots=True))
def test_eerste_kamer_inputs_are_valid(document: dict[str, Any]) -> None:
    """Every generated document is accepted by the parser; no body has more member votes than
    members; the weighted votes add up to something, and the reference allocates them."""
    parsed = parse_eerste_kamer(_roundtrip(document))
    assert isinstance(parsed, EerstekamerInput), parsed
    for body in parsed.bodies:
        assert body.name in EK_BODIES
        cast = sum(v.votes for v in parsed.body_votes if v.body == body.name)
        assert body.members is None or cast <= body.members
    election = eerste_kamer_election(document)
    assert isinstance(election, EerstekamerElection), election
    assert election.total_votes > 0
    assert not isinstance(allocate(election), Rejected)


@given(eerste_kamer_inputs(laws=("bill-36641",), data_levels=("lists",), allow_deceased=False))
def test_eerste_kamer_inputs_respect_the_restrictions(document: dict[str, Any]) -> None:
    assert document["election"]["law"] == "bill-36641"
    assert all("candidates" not in item for item in document["lists"])
    assert all("deceased_count" not in item for item in document["lists"])
    assert "lots" not in document


def test_eerste_kamer_inputs_reach_the_half_and_the_kiescollege() -> None:
    strategy = eerste_kamer_inputs()
    within = settings(max_examples=2_000, database=None)

    def exact_half(d: dict[str, Any]) -> bool:
        return any(
            "inhabitants" in b and b["inhabitants"] % (100 * b["members"]) == 50 * b["members"]
            for b in d["bodies"]
        )

    body = find(strategy, exact_half, settings=within)["bodies"]
    halves = [b for b in body if "inhabitants" in b]
    assert any(
        stemwaarde_of(b["inhabitants"], b["members"]) * 100 * b["members"] - b["inhabitants"]
        == 50 * b["members"]
        for b in halves
    )  # rounded up: the half goes to the next whole number
    kni = find(
        strategy, lambda d: any(b["name"] == EK_BODIES[-1] for b in d["bodies"]), settings=within
    )
    assert {"stemwaarde": 20, "members": 25}.items() <= next(
        b for b in kni["bodies"] if b["name"] == EK_BODIES[-1]
    ).items()
    needs = find(
        strategy,
        lambda d: isinstance(allocate(_ek(d)), NeedsLot),
        settings=within,
    )
    assert not isinstance(allocate(_ek(resolve_eerste_kamer_lots(needs))), NeedsLot)


def _ek(document: dict[str, Any]) -> EerstekamerElection:
    election = eerste_kamer_election(document)
    assert isinstance(election, EerstekamerElection)
    return election


# --------------------------------------------------------------------------- fuzzing


@pytest.mark.parametrize("operation", [DISTRICTS, EERSTE_KAMER])
def test_the_reference_shows_no_difference(tmp_path: Path, operation: str) -> None:
    done = fuzz(tmp_path / "out", REFERENCE, "--operation", operation, examples=200, seed=5)
    assert done.returncode == 0, done.stderr
    assert "kieswet-reference" in done.stdout
    assert "200 voorbeelden (seed 5), geen verschil" in done.stdout
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("script", "operation", "seed", "rule", "flag", "most_lists"),
    [
        # Remainder seats to the first lists of the group: shrunk to a group of a district list
        # and a stel, with equal remainders (a lot the adapter does not ask for).
        ("p12_in_list_order.py", DISTRICTS, 0, "P12.2-largest-remainder", "lijstengroep", 3),
        # Unweighted stemcijfers: the stemcijfers the answer's full-seat step states are not
        # the member votes times the stemwaarden (U 3), on a single list in a single body.
        # (Seed 0 once made the judge itself fail: tests/test_judge_robustness.py.)
        ("ek_no_stemwaarde.py", EERSTE_KAMER, 0, "U3-stemcijfer", "fuzz", 1),
        # U 2 rounded down: a body whose quotient has a fractional part of a half or more; the
        # answer's stemcijfers show it (the result format carries no stemwaarden, so U 3).
        ("ek_stemwaarde_rounded_down.py", EERSTE_KAMER, 1, "U3-stemcijfer", "fuzz", 1),
    ],
)
def test_a_broken_adapter_is_caught_shrunk_and_written(
    tmp_path: Path, script: str, operation: str, seed: int, rule: str, flag: str, most_lists: int
) -> None:
    out = tmp_path / "findings"
    done = fuzz(out, adapter(script), "--operation", operation, seed=seed)
    assert done.returncode == 1, done.stderr
    (path,) = sorted((out / operation).glob("fuzz-*.json"))
    assert str(path) in done.stdout and rule in done.stdout
    document = json.loads(path.read_text("utf-8"))
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in vectors_validator().iter_errors(document)
    ]
    assert errors == []
    assert document["operation"] == operation
    (group,) = document["groups"]
    (test,) = group["tests"]
    assert test["rules"][0] == rule and rule in test["comment"]
    assert "Het antwoord van de adapter: {" in test["comment"]
    assert {"fuzz", flag} <= set(test["flags"]) <= set(document["notes"])
    assert len(test["input"]["lists"]) <= most_lists
    assert f"--operation {operation}" in document["source"] and script in document["source"]
    assert FUZZ_ID_BASE <= test["id"] < FUZZ_ID_BASE + FUZZ_ID_SPAN
    # The findings directory is a suite: the runner replays the finding, the broken adapter
    # fails it with the same rule, the reference passes it.
    replayed = replay_finding(tmp_path, out, adapter(script), rule)
    assert [(v.id, v.operation) for v in replayed] == [(test["id"], operation)]


def test_a_district_difference_is_shrunk_to_the_group() -> None:
    """In process: the pursued rule stays the same while shrinking, and the finding is a
    lijstengroep whose lists are district lists."""
    command = [sys.executable, str(ADAPTERS / "p12_in_list_order.py")]
    options = FuzzOptions(command, seed=1, shrink_limit=200, parallel=False, operation=DISTRICTS)
    outcome = Fuzzer(options).run()
    assert outcome.finding is not None and outcome.skipped_operation is None
    signature = outcome.finding.signature
    assert (signature.kind, signature.key) == ("violation", "P12.2-largest-remainder")
    example = outcome.finding.judged.example
    assert example.operation == DISTRICTS and isinstance(example.election, DistrictElection)
    assert example.election.groups and "lijstengroep" in example.describe()
    lists, _, _ = example.size
    assert lists <= outcome.finding.first.example.size[0]


def test_an_operation_the_adapter_does_not_claim_is_skipped(tmp_path: Path) -> None:
    script = tmp_path / "allocate_only.py"
    script.write_text(ALLOCATE_ONLY, "utf-8")
    for operation in (DISTRICTS, EERSTE_KAMER):
        done = fuzz(
            tmp_path / "out", f"{sys.executable} {script}", "--operation", operation, examples=10
        )
        assert done.returncode == 2, done.stderr  # nothing was tested
        assert (
            f"allocate-only 1: skipped: the adapter allocate-only does not claim the operation "
            f"'{operation}' (it claims allocate): nothing to fuzz"
        ) in done.stdout
        assert not (tmp_path / "out").exists()
    outcome = Fuzzer(
        FuzzOptions([sys.executable, str(script)], examples=10, operation=DISTRICTS)
    ).run()
    assert outcome.examples == 0 and outcome.finding is None
    assert outcome.skipped_operation is not None


def test_usage_errors_of_the_operations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["conformance", "fuzz", "--adapter", REFERENCE, "--out", str(tmp_path), "--no-progress"]
    assert main([*base, "--operation", DISTRICTS, "--focus", "tied"]) == 2
    assert "--focus applies to --operation allocate only" in capsys.readouterr().err
    assert main([*base, "--operation", DISTRICTS, "--kind", "GR"]) == 2
    assert "no election kind" in capsys.readouterr().err
    assert main([*base, "--operation", EERSTE_KAMER, "--kind", "TK"]) == 2
    assert "always of kind EK" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main([*base, "--operation", "allocate-everything"])
    assert exit_info.value.code == 2
