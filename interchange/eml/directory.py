"""A directory of 510 files (e.g. every municipality's 510b) as counts for totalisation.

This is what ``kieswet totalise DIR`` reads: :func:`read_count_directory` reads every
``*.xml`` file in a directory (sorted by name, so the order is deterministic), checks that
they belong to one election and one message type and that no reporting unit occurs twice
across files; :meth:`CountDirectory.counts` gives every count (the stated totals and the
units) as ``spec.counts.Count``, ready for ``spec.counts.CountInputs(counts=...)``;
:func:`hierarchy_from_directory` gives the reporting hierarchy they describe.

Identifiers follow the Kiesraad's EML_NL conventions: a polling station ``0312::SB4``, a
municipality by its four-digit CBS number ``0312``, a district (kieskring) ``HSB8``, the
central committee ``CSB``. In a 510b the ``ContestIdentifier`` of a Tweede Kamer election is
the number of the municipality's district; a 510d has contest ``alle``.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import fnmatch
import functools
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from interchange.eml.candidates import CandidateLists
from interchange.eml.counts import RECOUNT_CODES, CountFile, KnownLists, read_counts
from interchange.eml.definition import ElectionDefinition, Region
from interchange.eml.errors import EmlError
from interchange.eml.names import eml
from interchange.eml.secure import DEFAULT_LIMITS, Limits
from spec.counts import AdmittedVoters, Correction, Count, Hierarchy, Level, ListCount, Unit

ROOT_ID = "CSB"
ROOT_NAME = "centraal stembureau"


@dataclass(frozen=True, slots=True)
class CountDirectory:
    """The 510 files of a directory, in name order."""

    path: str
    files: tuple[CountFile, ...]

    def counts(self) -> tuple[Count, ...]:
        """Every count in the files: each file's totals, then its units, file by file. A count
        a corrigendum corrected is given as it was *before* the correction (its
        ``kr:Initial…`` values); :meth:`corrections` gives the corrections."""
        out: list[Count] = []
        for file in self.files:
            for contest in file.contests:
                for count in (contest.total, *contest.units):
                    if count is not None:
                        initial = contest.initial.get(count.unit_id)
                        out.append(before_correction(count, initial) if initial else count)
        return tuple(out)

    def corrections(self) -> tuple[Correction, ...]:
        """The corrections of the corrigenda (files with ``kr:Phase PhaseCode="corrigendum"``):
        for every count with values before correction, its count as the file states it,
        with the file named as the reason."""
        out: list[Correction] = []
        for file in self.files:
            for contest in file.contests:
                for count in (contest.total, *contest.units):
                    if count is not None and contest.initial.get(count.unit_id):
                        reason = f"corrigendum {file.header.path}"
                        out.append(Correction(count.unit_id, "corrigendum", count, reason))
        return tuple(out)

    def units(self) -> tuple[Count, ...]:
        """Only the ``ReportingUnitVotes`` counts (e.g. the polling stations of 510b files)."""
        return tuple(unit for file in self.files for unit in file.units)

    def totals(self) -> tuple[Count, ...]:
        """Only the ``TotalVotes`` counts (e.g. the municipal totals of 510b files)."""
        return tuple(total for file in self.files for total in file.totals)

    def explanations(self) -> dict[str, Mapping[str, int]]:
        """Unit id → the explanations of a difference between D and H it states (EML
        ``UncountedVotes`` reason codes other than A, B, C, D, I and J); units that state
        none are absent."""
        return {
            uid: stated
            for file in self.files
            for contest in file.contests
            for uid, stated in contest.explanations.items()
        }

    def recounted(self) -> frozenset[str]:
        """The units whose ``kr:ReportingUnitInvestigations`` say their ballots were recounted
        or their unexplained difference investigated (``RECOUNT_CODES``)."""
        return frozenset(
            uid
            for file in self.files
            for contest in file.contests
            for uid, codes in contest.investigations.items()
            if codes & RECOUNT_CODES
        )

    def file_of(self) -> Mapping[str, str]:
        """Unit id → the file it is in."""
        return {
            count.unit_id: file.header.path
            for file in self.files
            for count in (*file.totals, *file.units)
        }


def read_count_directory(
    directory: str | Path,
    *,
    pattern: str = "*.xml",
    limits: Limits = DEFAULT_LIMITS,
    lists: CandidateLists | KnownLists | None = None,
    check_sums: bool = True,
    progress: Callable[[int, int], None] | None = None,
    exclude: Sequence[str] = (),
    jobs: int = 1,
) -> CountDirectory:
    """Read every 510 file matching ``pattern`` in ``directory`` (see :func:`read_counts`);
    every entry of the directory is accounted for (:func:`directory_files`).

    ``progress(bytes_read, bytes_total)`` is called after each file. Raises
    :class:`EmlError` for an unreadable directory, no matching file, a bad file, files of
    different elections or message types, or a unit id found in two places.

    With ``jobs`` above 1 the files are read by that many worker processes; the files are
    taken in name order all the same, so the result, and the first error raised, are those
    of one process (each worker holds one file's tree at a time, this process none).
    """
    directory = Path(directory)
    paths = directory_files(directory, pattern, exclude)
    sizes = [_size(path) for path in paths]
    files: list[CountFile] = []
    where: dict[str, str] = {}
    read = functools.partial(read_counts, limits=limits, lists=lists, check_sums=check_sums)
    with _reader(read, paths, jobs) as results:
        for done, (path, file) in enumerate(zip(paths, results, strict=True), start=1):
            _add(files, where, path, file)
            if progress is not None:
                progress(sum(sizes[:done]), sum(sizes))
    return CountDirectory(str(directory), tuple(files))


@contextlib.contextmanager
def _reader(
    read: Callable[[Path], CountFile], paths: list[Path], jobs: int
) -> Iterator[Iterator[CountFile]]:
    """The files read in order: here, or by ``jobs`` worker processes (at most two files
    per worker ahead of the one taken; on leaving, the rest are cancelled)."""
    if jobs <= 1 or len(paths) <= 1:
        yield map(read, paths)
        return
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPoolExecutor(min(jobs, len(paths)), mp_context=context, initializer=_worker)

    def ordered() -> Iterator[CountFile]:
        pending: collections.deque[Future[CountFile]] = collections.deque()
        for path in paths:
            pending.append(pool.submit(read, path))
            if len(pending) > 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    try:
        yield ordered()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker() -> None:
    """A worker ignores Ctrl-C: the main process stops the reading (and its workers)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _add(files: list[CountFile], where: dict[str, str], path: Path, file: CountFile) -> None:
    """Take ``file`` after the files read before it: one election, one kind of 510, no unit
    twice."""
    if files:
        first = files[0].header
        header = file.header
        if header.election.id != first.election.id:
            raise EmlError(
                path,
                f"election {header.election.id!r}, while {first.path} is of election "
                f"{first.election.id!r}",
                element="ElectionIdentifier",
            )
        if header.message_id != first.message_id:
            raise EmlError(
                path,
                f"an EML {header.message_id}, while {first.path} is an EML "
                f"{first.message_id}: one kind of 510 per directory",
                element="EML",
            )
    for count in (*file.totals, *file.units):
        other = where.get(count.unit_id)
        if other is not None:
            raise EmlError(
                path,
                f"reporting unit {count.unit_id!r} is also in {other}",
                element="ReportingUnitIdentifier",
            )
        where[count.unit_id] = str(path)
    files.append(file)


def directory_files(
    directory: Path, pattern: str = "*.xml", exclude: Sequence[str] = ()
) -> list[Path]:
    """The files of ``directory`` to read, in name order: every entry must be a regular file
    (or a link to one) whose name matches ``pattern`` (case-insensitively: ``x.eml.XML`` is
    read too), unless its name matches a glob of ``exclude``. Anything else (another file, a
    subdirectory, a FIFO, a broken link) raises :class:`EmlError` naming it, so no count is
    ever left out silently."""
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except NotADirectoryError:
        raise EmlError(directory, "not a directory") from None
    except OSError as exc:
        raise EmlError(directory, f"cannot read the directory: {exc.strerror or exc}") from None
    paths: list[Path] = []
    for entry in entries:
        if any(fnmatch.fnmatchcase(entry.name, glob) for glob in exclude):
            continue
        path = directory / entry.name
        if not fnmatch.fnmatch(entry.name.lower(), pattern.lower()):
            raise EmlError(
                path,
                f"not an EML file (its name does not match {pattern!r}); every file of the "
                "directory is read: move it away, or leave it out with --exclude NAME",
            )
        try:
            regular = entry.is_file()  # follows a link
        except OSError:
            regular = False
        if not regular:
            raise EmlError(
                path,
                "not a regular file (a directory, FIFO, device or broken link); move it "
                "away, or leave it out with --exclude NAME",
            )
        paths.append(path)
    if not paths:
        raise EmlError(directory, f"no file matching {pattern!r}")
    return paths


def before_correction(count: Count, initial: Mapping[str, int]) -> Count:
    """``count`` with the values it had before a corrigendum: ``initial`` maps a field path
    (``blank``, ``admitted.total``, ``lists[3].candidates[12]``, ...) to its old value; H is
    made again from the old E (TotalCounted), F and G. Explanation codes are not part of a
    count and are left out."""
    a = count.admitted

    def old(field: str, new: int) -> int:
        return initial.get(field, new)

    lists = tuple(
        ListCount(
            lst.list_number,
            old(f"lists[{lst.list_number}].total", lst.total),
            {
                k: old(f"lists[{lst.list_number}].candidates[{k}]", v)
                for k, v in lst.candidates.items()
            },
        )
        for lst in count.lists
    )
    stated = count.reported_votes_on_lists
    e = initial.get("votes_on_lists", stated)
    blank, invalid = old("blank", count.blank), old("invalid", count.invalid)
    counted = (e if e is not None else sum(lst.total for lst in lists)) + blank + invalid
    eligible = count.eligible_voters
    return dataclasses.replace(
        count,
        admitted=AdmittedVoters(
            old("admitted.poll_cards", a.poll_cards),
            old("admitted.proxy_certificates", a.proxy_certificates),
            old("admitted.voter_cards", a.voter_cards),
            old("admitted.total", a.total),
        ),
        lists=lists,
        blank=blank,
        invalid=invalid,
        total_counted=counted,
        more_counted=old("more_counted", count.more_counted),
        fewer_counted=old("fewer_counted", count.fewer_counted),
        eligible_voters=initial.get("eligible_voters", eligible),
        reported_votes_on_lists=e,
    )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def district_id(number: str) -> str:
    """The unit id of district (kieskring) ``number``: ``HSB8``."""
    return f"HSB{number}"


def _same_number(unit_id: str, number: str) -> bool:
    """Whether a unit id (``0312``, ``HSB8``, ``8``) is region number ``number`` (``312``)."""
    digits = unit_id.removeprefix("HSB")
    return digits.isdigit() and number.isdigit() and int(digits) == int(number)


@dataclass
class _Tree:
    units: dict[str, Unit]

    def add(self, unit_id: str, name: str, level: Level, parent: str | None) -> None:
        self.units[unit_id] = Unit(unit_id, name, level, parent, ())

    def attach(self, child: str, parent: str) -> None:
        units = self.units
        units[child] = dataclasses.replace(units[child], parent=parent)
        units[parent] = dataclasses.replace(
            units[parent], children=(*units[parent].children, child)
        )


def hierarchy_from_directory(
    counts: CountDirectory,
    root_id: str = ROOT_ID,
    root_name: str = ROOT_NAME,
    definition: ElectionDefinition | None = None,
    definition_path: str = "110a",
) -> Hierarchy:
    """The reporting hierarchy the files describe: each file's total with its units below it,
    grouped by district, under the central committee.

    A 510d's total is the root. Otherwise a root ``root_id`` (level CSB; levels may be
    skipped, see ``spec.counts.LEVEL_RANK``) is above every file's total, so that the
    centraal stembureau's total is computed (and written as a 510d) even from one file.
    Municipal totals (510b) are grouped into districts (``HSB<n>``) by the district in the
    ``definition`` (110a ``kr:ElectionTree``) or, without one, when every file's
    ``ContestIdentifier`` is a district number. With a ``definition``, every
    municipality (for 510b files) or district (510c) it names is expected: one without a file
    is a unit without a count, which totalisation reports (``TOT-complete``); a file of a
    municipality or district it does not name is refused. Files without a TotalVotes put their
    units directly under the root.
    For totalisation: ``totalise(hierarchy_from_directory(d), CountInputs(d.counts()))``.
    """
    tree = _Tree({})
    tops: list[tuple[str, str, str]] = []  # (unit id, contest id, file)
    for file in counts.files:
        for contest in file.contests:
            total = contest.total
            children = tuple(unit.unit_id for unit in contest.units)
            if total is not None:
                tops.append((total.unit_id, contest.contest_id, file.header.path))
                tree.units[total.unit_id] = Unit(
                    total.unit_id, total.name, total.level, None, children
                )
                parent: str | None = total.unit_id
            else:
                tops.extend((child, contest.contest_id, file.header.path) for child in children)
                parent = None
            for unit in contest.units:
                tree.units[unit.unit_id] = Unit(unit.unit_id, unit.name, unit.level, parent, ())
    levels = {tree.units[top].level for top, _, _ in tops}
    if levels == {"SB"}:
        for top, _, path in tops:
            code = top.partition("::")[0]
            if "::" not in top or not code:
                raise EmlError(
                    path,
                    f"polling station {top!r}: the id names no municipality (expected "
                    "<municipality>::<station>, e.g. 0312::SB4), so it cannot be totalled "
                    "into one",
                    element="ReportingUnitIdentifier",
                )
        tops = _municipalities(tree, tops)
        levels = {"GSB"}
    districts: dict[str, str] = {}  # top unit id → district id
    if definition is not None:
        districts = _districts_from_definition(
            tree, tops, levels, definition, definition_path, root_id
        )
    elif levels == {"GSB"} and all(number.isdigit() for _, number, _ in tops):
        for top, number, _ in tops:
            unit_id = district_id(number)
            if unit_id not in tree.units:
                tree.add(unit_id, f"kieskring {number}", "HSB", None)
            districts[top] = unit_id
    if len(tops) == 1 and tree.units[tops[0][0]].level == "CSB":
        return Hierarchy(tree.units, tops[0][0])  # a 510d: the CSB's own total
    if root_id in tree.units:
        raise EmlError(counts.path, f"the root id {root_id!r} is also a reporting unit")
    tree.add(root_id, root_name, "CSB", None)
    top_ids = {top for top, _, _ in tops}
    grouping = [
        unit_id
        for unit_id, unit in tree.units.items()
        if unit.level == "HSB" and unit.parent is None and unit_id not in top_ids
    ]
    for unit_id in sorted(grouping, key=_district_order):
        tree.attach(unit_id, root_id)
    for top, _, _ in tops:
        tree.attach(top, districts.get(top, root_id))
    return Hierarchy(tree.units, root_id)


def _municipalities(tree: _Tree, tops: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Polling stations (510a) under their municipality, the part of their id before ``::``
    (``0312::SB4`` is in ``0312``); the municipalities as the new tops, with the contest of
    their stations (``""`` if those differ)."""
    grouped: dict[str, tuple[str, str, str]] = {}
    for top, contest, path in tops:
        code = top.partition("::")[0]
        if code not in grouped:
            tree.add(code, f"gemeente {code}", "GSB", None)
            grouped[code] = (code, contest, path)
        elif grouped[code][1] != contest:
            grouped[code] = (code, "", grouped[code][2])
        tree.attach(top, code)
    return list(grouped.values())


def _district_order(unit_id: str) -> tuple[int, str]:
    digits = unit_id.removeprefix("HSB")
    return (int(digits), unit_id) if digits.isdigit() else (1 << 30, unit_id)


def _districts_from_definition(
    tree: _Tree,
    tops: list[tuple[str, str, str]],
    levels: set[Level],
    definition: ElectionDefinition,
    definition_path: str,
    root_id: str,
) -> dict[str, str]:
    """Add the districts and expected units of a 110a; return top unit id → district id."""
    kieskringen = [r for r in definition.regions if r.category == "KIESKRING"]
    gemeenten = [r for r in definition.regions if r.category == "GEMEENTE"]
    if levels == {"GSB"}:
        expected, what = gemeenten, "municipality"
    elif levels == {"HSB"}:
        expected, what = kieskringen, "district"
    else:
        raise EmlError(
            definition_path,
            "an election definition groups 510b files (municipalities) or 510c files "
            "(districts); these files hold " + ", ".join(sorted(levels)) + " totals",
        )
    if not expected:
        raise EmlError(
            definition_path,
            f"the election tree names no {what} (kr:Region RegionCategory="
            f"{'GEMEENTE' if what == 'municipality' else 'KIESKRING'})",
            element="kr:ElectionTree",
        )
    districts: dict[str, str] = {}
    if levels == {"GSB"}:
        for region in kieskringen:
            tree.add(district_id(region.number), region.name, "HSB", None)
    found: set[str] = set()
    for top, _, path in tops:
        named = next((r for r in expected if _same_number(top, r.number)), None)
        if named is None:
            raise EmlError(
                path,
                f"{what} {top!r} is not in the election definition {definition_path}",
                element=eml("AuthorityIdentifier"),
            )
        found.add(named.number)
        district = _district_of(named)
        if district is not None and district_id(district) in tree.units:
            districts[top] = district_id(district)
    for region in expected:
        if region.number in found:
            continue
        unit_id = _unit_id(region)
        if unit_id in tree.units or unit_id == root_id:
            continue
        tree.add(unit_id, region.name, "GSB" if what == "municipality" else "HSB", None)
        tops.append((unit_id, "", definition_path))
        district = _district_of(region)
        if district is not None and district_id(district) in tree.units:
            districts[unit_id] = district_id(district)
    return districts


def _district_of(region: Region) -> str | None:
    return region.superior_number if region.superior_category == "KIESKRING" else None


def _unit_id(region: Region) -> str:
    """The unit id of a municipality (four digits) or a district (``HSB<n>``)."""
    if region.category == "KIESKRING":
        return district_id(region.number)
    return region.number.zfill(4) if region.number.isdigit() else region.number
