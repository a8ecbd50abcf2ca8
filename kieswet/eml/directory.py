"""A directory of 510 files (e.g. every municipality's 510b) as counts for totalisation.

This is the hook ``kieswet totalise`` calls to start from EML_NL: :func:`read_count_directory`
reads every ``*.xml`` file in a directory (sorted by name, so the order is deterministic),
checks that they belong to one election and one message type and that no reporting unit
occurs twice across files, and returns them; :meth:`CountDirectory.counts` gives every
count (the stated totals and the units) as ``spec.counts.Count``, ready for
``spec.counts.CountInputs(counts=...)``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from kieswet.eml.candidates import CandidateLists
from kieswet.eml.counts import CountFile, KnownLists, read_counts
from kieswet.eml.errors import EmlError
from kieswet.eml.secure import DEFAULT_LIMITS, Limits
from spec.counts import Count, Hierarchy, Unit


@dataclass(frozen=True, slots=True)
class CountDirectory:
    """The 510 files of a directory, in name order."""

    path: str
    files: tuple[CountFile, ...]

    def counts(self) -> tuple[Count, ...]:
        """Every count in the files: each file's totals, then its units, file by file."""
        out: list[Count] = []
        for file in self.files:
            for contest in file.contests:
                if contest.total is not None:
                    out.append(contest.total)
                out.extend(contest.units)
        return tuple(out)

    def units(self) -> tuple[Count, ...]:
        """Only the ``ReportingUnitVotes`` counts (e.g. the polling stations of 510b files)."""
        return tuple(unit for file in self.files for unit in file.units)

    def totals(self) -> tuple[Count, ...]:
        """Only the ``TotalVotes`` counts (e.g. the municipal totals of 510b files)."""
        return tuple(total for file in self.files for total in file.totals)


def read_count_directory(
    directory: str | Path,
    *,
    pattern: str = "*.xml",
    limits: Limits = DEFAULT_LIMITS,
    lists: CandidateLists | KnownLists | None = None,
    check_sums: bool = True,
) -> CountDirectory:
    """Read every 510 file matching ``pattern`` in ``directory`` (see :func:`read_counts`).

    Raises :class:`EmlError` for an unreadable directory, no matching file, a bad file, files
    of different elections or message types, or a unit id found in two places.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise EmlError(directory, "not a directory")
    paths = sorted(p for p in directory.glob(pattern) if p.is_file())
    if not paths:
        raise EmlError(directory, f"no file matching {pattern!r}")
    files: list[CountFile] = []
    where: dict[str, str] = {}
    for path in paths:
        file = read_counts(path, limits=limits, lists=lists, check_sums=check_sums)
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
    return CountDirectory(str(directory), tuple(files))


def hierarchy_from_directory(
    counts: CountDirectory, root_id: str = "CSB", root_name: str = "centraal stembureau"
) -> Hierarchy:
    """The reporting hierarchy the files describe: each file's total with its units below it.

    One file (one contest with a total): its total is the root. Several: a root unit
    ``root_id`` (level CSB; levels may be skipped, see ``spec.counts.LEVEL_RANK``) above every
    file's total. Files without a TotalVotes put their units directly under the root.
    For totalisation: ``totalise(hierarchy_from_directory(d), CountInputs(d.counts()))``.
    """
    units: dict[str, Unit] = {}
    tops: list[str] = []
    for file in counts.files:
        for contest in file.contests:
            total = contest.total
            children = tuple(unit.unit_id for unit in contest.units)
            if total is not None:
                tops.append(total.unit_id)
                units[total.unit_id] = Unit(total.unit_id, total.name, total.level, None, children)
                parent: str | None = total.unit_id
            else:
                tops.extend(children)
                parent = None
            for unit in contest.units:
                units[unit.unit_id] = Unit(unit.unit_id, unit.name, unit.level, parent, ())
    if len(tops) == 1 and units[tops[0]].children:
        return Hierarchy(units, tops[0])
    if root_id in units:
        raise EmlError(counts.path, f"the root id {root_id!r} is also a reporting unit")
    for top in tops:
        units[top] = dataclasses.replace(units[top], parent=root_id)
    units[root_id] = Unit(root_id, root_name, "CSB", None, tuple(tops))
    return Hierarchy(units, root_id)
