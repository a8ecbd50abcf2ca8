"""The vector suite on disk: manifest verification, loading, and selection by filters.

A suite is a directory with ``manifest.json`` (``kieswet/vectors-manifest@1``: the suite
version and the SHA-256 of every vector file) and vector files ``<operation>/*.json``
(``kieswet/vectors@1``). ``load_suite`` refuses a suite whose files do not match the manifest
(a file changed, missing, or not listed) and names the file and field of any malformed vector;
it raises ``SuiteError`` and never returns half a suite.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spec.counts import CONTROL_PROTOCOLS
from spec.model import ELECTION_KINDS, LAW_VERSIONS, PROFILE_SWITCHES

MANIFEST = "manifest.json"
MANIFEST_FORMAT = "kieswet/vectors-manifest@1"
VECTORS_FORMAT = "kieswet/vectors@1"
EXPECTED_STATUSES = ("completed", "needs_lot", "rejected")

ALLOCATE_OPERATION = "allocate"
"""Seat allocation for one contest: input ``kieswet/seat-allocation-input@1``, result
``kieswet/seat-allocation-result@1``."""
DISTRICTS_OPERATION = "allocate-districts"
"""An election with districts (stellen, lijstengroepen, P 12; lijstencombinaties under law
``pre-2017-12``): input ``kieswet/district-allocation-input@1``, result
``kieswet/district-allocation-result@1``."""
EERSTE_KAMER_OPERATION = "allocate-eerste-kamer"
"""The Eerste Kamer in member votes per body (U 2, U 3): input ``kieswet/eerste-kamer-input@1``,
result ``kieswet/seat-allocation-result@1``."""
OPERATIONS = (ALLOCATE_OPERATION, DISTRICTS_OPERATION, EERSTE_KAMER_OPERATION)
"""The seat-allocation operations (also those ``kieswet conformance fuzz`` generates)."""
TOTALISE_OPERATION = "totalise"
"""Totalisation with the control protocol's checks: input ``kieswet/counts-input@1``, result
``kieswet/totals@1``; the file header's ``profile`` is the control protocol version
(``conformance.totalise_kit``)."""
SUITE_OPERATIONS = (*OPERATIONS, TOTALISE_OPERATION)
"""Every operation of the suite."""


class SuiteError(Exception):
    """The suite cannot be used: unreadable, tampered with, or malformed (the text says where)."""


@dataclass(frozen=True, slots=True)
class Vector:
    """One test vector with everything the runner needs to select, send and judge it.

    ``key`` is the id sent to the adapter (the vector id as a string). ``law``, ``profile`` and
    ``kind`` are read from the input's ``election`` where it names them, else from the file;
    ``file_law`` is the law version in the file's header (used by ``--law`` and the verdicts).
    """

    id: int
    key: str
    file: str
    group: str
    comment: str
    flags: tuple[str, ...]
    articles: tuple[str, ...]
    rules: tuple[str, ...]
    operation: str
    law: str
    file_law: str
    profile: str
    kind: str | None
    input: Any
    expected: Mapping[str, Any]
    judged: str | None = None
    """``judged_sha256``: the digest of the answer the build judged PASS (``conformance.compare``),
    or ``None`` when the vector gives none (every answer is then judged)."""

    @property
    def has_candidates(self) -> bool:
        return has_candidates(self.input)

    @property
    def has_lots(self) -> bool:
        return isinstance(self.input, dict) and bool(self.input.get("lots"))


@dataclass(frozen=True, slots=True)
class Suite:
    root: Path
    version: str
    files: tuple[str, ...]
    vectors: tuple[Vector, ...]


def default_suite() -> Path:
    """The suite shipped with the package: ``conformance/vectors``."""
    return Path(__file__).resolve().parent / "vectors"


class RepeatedKey(ValueError):
    """A JSON object repeats a key (the text is the key)."""


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose keys are all different (JSON leaves a repeated key's meaning open)."""
    result = dict(pairs)
    if len(result) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise RepeatedKey(key)
            seen.add(key)
    return result


def read_json_file(path: Path, what: str) -> Any:
    """The decoded JSON document at ``path``; ``SuiteError`` naming ``what`` and the fault."""
    try:
        return json.loads(path.read_bytes().decode("utf-8"), object_pairs_hook=unique_keys)
    except RepeatedKey as exc:
        raise SuiteError(
            f"the {what} {path} repeats the key {exc.args[0]!r} in one object"
        ) from exc
    except OSError as exc:
        raise SuiteError(f"cannot read the {what} {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise SuiteError(f"the {what} {path} is not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise SuiteError(
            f"the {what} {path} is not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    except RecursionError as exc:
        raise SuiteError(f"the {what} {path} is JSON nested too deeply") from exc
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise SuiteError(f"the {what} {path} cannot be read as JSON: {exc}") from exc


def verify_manifest(root: Path) -> tuple[str, tuple[str, ...]]:
    """Check every file against the manifest; return the suite version and the files.

    Refused: a manifest that is missing or malformed, a listed file that is missing or whose
    SHA-256 differs, and a ``*.json`` file under the suite that the manifest does not list.
    """
    if not root.is_dir():
        raise SuiteError(f"the suite directory {root} does not exist")
    manifest = read_json_file(root / MANIFEST, "manifest")
    where = root / MANIFEST
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise SuiteError(f"{where}: format must be {MANIFEST_FORMAT!r}")
    version = manifest.get("suite_version")
    if not isinstance(version, str) or not version:
        raise SuiteError(f"{where}: suite_version must be a non-empty string")
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        raise SuiteError(f"{where}: files must be an object of relative path -> SHA-256")
    for relpath, digest in files.items():
        if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest):
            raise SuiteError(f"{where}: files[{relpath!r}] must be a lowercase SHA-256 hex digest")
        path = root / relpath
        if Path(relpath).is_absolute() or ".." in Path(relpath).parts:
            raise SuiteError(f"{where}: files[{relpath!r}] must be a path inside the suite")
        try:
            actual = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            raise SuiteError(
                f"the suite is incomplete: {relpath} is listed in the manifest but cannot be "
                f"read ({exc.strerror or exc})"
            ) from exc
        if actual != digest:
            raise SuiteError(
                f"the suite was modified: {relpath} has SHA-256 {actual}, the manifest says "
                f"{digest}"
            )
    listed = set(files)
    for path in sorted(root.rglob("*.json")):
        relpath = path.relative_to(root).as_posix()
        if relpath != MANIFEST and relpath not in listed:
            raise SuiteError(f"the suite was modified: {relpath} is not listed in the manifest")
    return version, tuple(sorted(files))


def has_candidates(raw_input: object) -> bool:
    """Whether an input document gives candidate-level data (some list has ``candidates``)."""
    lists = raw_input.get("lists") if isinstance(raw_input, dict) else None
    return isinstance(lists, list) and any(
        isinstance(lst, dict) and "candidates" in lst for lst in lists
    )


def _strings(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SuiteError(f"{where} must be an array of strings")
    return tuple(value)


def _text(obj: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = obj.get(key, default)
    if not isinstance(value, str):
        raise SuiteError(f"{where}.{key} must be a string")
    return value


def _expected(value: object, where: str, has_candidates: bool, operation: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise SuiteError(f"{where} must be an object")
    status = value.get("status")
    if operation == TOTALISE_OPERATION:
        from conformance.totalise_kit import expected_problem

        problem = expected_problem(value)
        if problem is not None:
            raise SuiteError(f"{where}{problem}")
        return value
    if status not in EXPECTED_STATUSES:
        raise SuiteError(f"{where}.status must be one of {', '.join(EXPECTED_STATUSES)}")
    if status == "completed":
        districts = operation == DISTRICTS_OPERATION
        required = ["party_seats", "seats"] if districts else ["seats", "full_seats"]
        if has_candidates:
            required.append("elected")
        for key in required:
            if not isinstance(value.get(key), dict):
                raise SuiteError(f"{where}.{key} must be an object keyed by list number")
    elif status == "needs_lot":
        lot = value.get("lot")
        if not (isinstance(lot, dict) and isinstance(lot.get("kind"), str)):
            raise SuiteError(f"{where}.lot must be an object with a kind")
        if not isinstance(lot.get("options"), list):
            raise SuiteError(f"{where}.lot.options must be an array")
    return value


@dataclass(frozen=True, slots=True)
class NegativeVector:
    """A negative vector: a WRONG ``result`` for ``vector``'s input that every judge must
    reject, naming each rule of ``vector.rules`` (``vector.expected`` is the right answer);
    ``base`` is the id of the positive vector it was derived from."""

    vector: Vector
    result: Mapping[str, Any]
    base: int | None


def _load_file(root: Path, relpath: str, invalid: bool = False) -> list[Vector]:
    """The tests of one file: those of the ordinary groups, or (``invalid``) of the groups
    flagged ``invalid`` (negative vectors, see ``load_negative``)."""
    return [v for v, _ in _load_tests(root, relpath, invalid)]


def _load_tests(root: Path, relpath: str, invalid: bool) -> list[tuple[Vector, Mapping[str, Any]]]:
    data = read_json_file(root / relpath, "vector file")
    if not isinstance(data, dict) or data.get("format") != VECTORS_FORMAT:
        raise SuiteError(f"{relpath}: format must be {VECTORS_FORMAT!r}")
    operation = _text(data, "operation", relpath)
    law = _text(data, "law", relpath, "current")
    profile = _text(data, "profile", relpath, "default")
    groups = data.get("groups")
    if not isinstance(groups, list):
        raise SuiteError(f"{relpath}: groups must be an array")
    vectors: list[tuple[Vector, Mapping[str, Any]]] = []
    for g_index, group in enumerate(groups):
        g_where = f"{relpath}: groups[{g_index}]"
        if not isinstance(group, dict) or not isinstance(group.get("tests"), list):
            raise SuiteError(f"{g_where} must be an object with an array of tests")
        flagged = group.get("invalid", False)
        if not isinstance(flagged, bool):
            raise SuiteError(f"{g_where}.invalid must be true or false")
        if flagged != invalid:
            continue
        name = _text(group, "name", g_where, "")
        for t_index, test in enumerate(group["tests"]):
            where = f"{g_where}.tests[{t_index}]"
            if not isinstance(test, dict):
                raise SuiteError(f"{where} must be an object")
            vector_id = test.get("id")
            if type(vector_id) is not int or vector_id < 0:
                raise SuiteError(f"{where}.id must be a whole number")
            if "input" not in test:
                raise SuiteError(f"{where}.input is missing")
            raw_input = test["input"]
            election = raw_input.get("election") if isinstance(raw_input, dict) else None
            election = election if isinstance(election, dict) else {}
            kind = election.get("kind")
            expected = _expected(
                test.get("expected"), f"{where}.expected", has_candidates(raw_input), operation
            )
            judged = test.get("judged_sha256")
            if judged is not None and not (
                isinstance(judged, str) and re.fullmatch(r"[0-9a-f]{64}", judged)
            ):
                raise SuiteError(f"{where}.judged_sha256 must be a lowercase SHA-256 hex digest")
            extra: dict[str, Any] = {}
            if invalid:
                if not isinstance(test.get("result"), dict):
                    raise SuiteError(f"{where}.result must be an object (the wrong answer)")
                if not _strings(test.get("rules"), f"{where}.rules"):
                    raise SuiteError(f"{where}.rules must name the rules the result violates")
                base = test.get("base")
                if base is not None and type(base) is not int:
                    raise SuiteError(f"{where}.base must be a vector id")
                extra = {"result": test["result"], "base": base}
            vectors.append(
                (
                    Vector(
                        id=vector_id,
                        key=str(vector_id),
                        file=relpath,
                        group=name,
                        comment=_text(test, "comment", where, ""),
                        flags=_strings(test.get("flags"), f"{where}.flags"),
                        articles=_strings(test.get("articles"), f"{where}.articles"),
                        rules=_strings(test.get("rules"), f"{where}.rules"),
                        operation=operation,
                        law=election["law"] if isinstance(election.get("law"), str) else law,
                        file_law=law,
                        profile=(
                            election["profile"]
                            if isinstance(election.get("profile"), str)
                            else profile
                        ),
                        kind=kind if isinstance(kind, str) else None,
                        input=raw_input,
                        expected=expected,
                        judged=judged,
                    ),
                    extra,
                )
            )
    return vectors


def load_suite(root: Path) -> Suite:
    """Verify the manifest, then load every vector file; raises ``SuiteError``."""
    version, files = verify_manifest(root)
    vectors: list[Vector] = []
    for relpath in files:
        vectors.extend(_load_file(root, relpath))
    seen: dict[int, str] = {}
    for vector in vectors:
        if vector.id in seen:
            raise SuiteError(
                f"vector id {vector.id} occurs twice ({seen[vector.id]} and {vector.file}); "
                "ids are unique across the suite"
            )
        seen[vector.id] = vector.file
    return Suite(root, version, files, tuple(vectors))


def load_negative(root: Path) -> list[NegativeVector]:
    """Verify the manifest, then load the negative vectors (the groups flagged ``invalid``)."""
    _, files = verify_manifest(root)
    out: list[NegativeVector] = []
    for relpath in files:
        for vector, extra in _load_tests(root, relpath, invalid=True):
            out.append(NegativeVector(vector, extra["result"], extra["base"]))
    return out


def _article_matches(article: str, wanted: str) -> bool:
    """``P 8`` matches ``P 8``, ``P 8 lid 2``, ``P 8 lid 3``, not ``P 80``."""
    return article == wanted or article.startswith(wanted + " ")


@dataclass(frozen=True, slots=True)
class Filters:
    """Selection of vectors: within one filter any value matches, across filters all must."""

    operations: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    laws: tuple[str, ...] = ()
    ids: tuple[int, ...] = ()
    """Vector ids (``--id``): the way to rerun exactly one case of a report."""

    def matches(self, vector: Vector) -> bool:
        return (
            (not self.ids or vector.id in self.ids)
            and (not self.operations or vector.operation in self.operations)
            and (
                not self.articles
                or any(_article_matches(a, w) for a in vector.articles for w in self.articles)
            )
            and (not self.flags or any(f in vector.flags for f in self.flags))
            and (not self.laws or vector.file_law in self.laws)
        )

    def to_json(self) -> dict[str, list[str] | list[int]]:
        return {
            "operation": list(self.operations),
            "article": list(self.articles),
            "flag": list(self.flags),
            "law": list(self.laws),
            "id": list(self.ids),
        }


def select(vectors: Iterable[Vector], filters: Filters) -> list[Vector]:
    return [v for v in vectors if filters.matches(v)]


def profile_switches(profile: str) -> frozenset[str]:
    """A profile name as its set of switches (``default`` is the empty set)."""
    return frozenset() if profile == "default" else frozenset(profile.split("+"))


def unsupported(vector: Vector, caps: Any, profiles: Sequence[frozenset[str]]) -> str | None:
    """Why an adapter with capabilities ``caps`` cannot take ``vector`` (``None``: it can).

    An election kind, law version or profile switch the input format does not know at all makes
    the input invalid for every implementation, so such a vector is always sent (it tests that
    the input is rejected); only known names the adapter does not claim lead to skipping.
    """
    if vector.operation not in caps.operations:
        return f"operation {vector.operation} not claimed by the adapter"
    if vector.kind in ELECTION_KINDS and vector.kind not in caps.kinds:
        return f"election kind {vector.kind} not claimed by the adapter"
    if vector.law in LAW_VERSIONS and vector.law not in caps.laws:
        return f"law version {vector.law} not claimed by the adapter"
    switches = profile_switches(vector.profile)
    if vector.operation == TOTALISE_OPERATION:
        if vector.profile in CONTROL_PROTOCOLS and switches not in profiles:
            return f"control protocol {vector.profile} not claimed by the adapter"
    elif switches <= set(PROFILE_SWITCHES) and switches not in profiles:
        return f"profile {vector.profile} not claimed by the adapter"
    if vector.has_candidates and not caps.candidates:
        return "the input has candidates; the adapter does not claim candidates"
    if vector.has_lots and not caps.lots:
        return "the input carries drawn lots; the adapter does not claim lots"
    return None
