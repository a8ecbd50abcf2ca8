"""``kieswet totalise``: total counts up the chain (SB → GSB → HSB → CSB) and check them.

The input is a ``kieswet/counts-input@1`` JSON document or a directory of EML_NL 510 files
(510a, 510b or 510c). Either way the parsed hierarchy and counts go to
:func:`totalise_and_report`, which totals, prints the summary and writes the outputs.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from interchange.counts import CountsDocument, parse_counts_input, totals_to_json
from interchange.eml import (
    ContestCounts,
    ElectionIdentifier,
    EmlError,
    Header,
    Limits,
    hierarchy_from_directory,
    read_candidate_lists,
    read_count_directory,
    read_definition,
    validate,
)
from interchange.eml.counts import MESSAGE_LEVELS, read_list_names
from interchange.eml.directory import CountDirectory
from interchange.eml.schema import load_schema
from interchange.eml.write import Output, counts_output, write_all
from kieswet.findings_files import (
    DEVIATIONS_CSV,
    FINDINGS_CSV,
    FINDINGS_JSONL,
    deviations_csv,
    findings_csv,
    findings_jsonl,
    legend,
)
from kieswet.jobs import jobs as jobs_count
from kieswet.jsonfile import add_max_bytes, read_json
from kieswet.text import printable, printable_lines
from reference.totalise import Progress, totalise
from spec.counts import (
    CONTROL_PROTOCOLS,
    CURRENT_PROTOCOL,
    ControlProtocol,
    CountInputs,
    Hierarchy,
    Level,
    Totals,
    preorder,
)
from spec.rules.base import plural

EXIT_OK = 0
EXIT_BLOCKED = 1
EXIT_INVALID = 2
OUTPUT_NAME = "totals.json"
MANIFEST_NAME = "totalise-manifest.json"
"""Written last when the input is a directory: the SHA-256 of every file of the run."""
OWN_FILES = (OUTPUT_NAME, MANIFEST_NAME, FINDINGS_CSV, FINDINGS_JSONL, DEVIATIONS_CSV)
"""Files of an earlier run, left out when the output directory is also the input."""
FINDINGS_SHOWN = 40
PROGRESS_FROM = 500
"""Show a progress bar for the totalisation only for hierarchies of at least this many units."""

MESSAGE_OF_LEVEL: Mapping[Level, str] = {"GSB": "510b", "HSB": "510c", "CSB": "510d"}
COUNT_INPUTS = ("510a", "510b", "510c", "510d")

HELP = """\
Total the counts of the lowest units (polling stations, or municipalities) up the chain to the
centraal stembureau, and check every count (see the documentation, "Totalisation"):

  errors (block the result): D = A + B + C; each list total = the sum of its candidates;
    E = the sum of the list totals (where E is stated); H = E + F + G; I and J explain D - H;
    a stated total of a higher unit = the sum of its units; every expected unit counted
    exactly once, no unknown units; a second data entry identical to the first;
  warnings, with the thresholds of the Kiesraad's control protocol (--protocol, or the
    'protocol' a JSON input names; default the current version): blank or invalid >= 3%
    of H; |D - H| >= 15 or >= 2% of H; no ballots at all; and per entered unit (polling
    station): "geen verklaring" reported, explanations that do not add up to |H - D| (not
    for units already recounted), a list whose share deviates >= 50 points from the rest
    of the municipality, possibly swapped candidates (>= 5x and >= 15 votes, municipality
    of >= 2 units).

INPUT is either
  a kieswet/counts-input@1 JSON document: the hierarchy of units, the counts, and optionally
    second entries (double entry) and corrections (corrigenda, recounts); or
  a directory of EML_NL 510 files, all of one election and one kind: 510a (polling stations,
    grouped into municipalities by their id: 0312::SB4 is in 0312), 510b (municipalities,
    with their polling stations) or 510c (districts with their municipalities).
    Municipalities are grouped into districts by their ContestIdentifier (the kieskring
    number), or by the election tree of --definition, which also names every municipality
    (or district) that must be there. A corrigendum (kr:Phase "corrigendum" with kr:Initial...
    values) is applied as a correction of the units it corrects, traced in totals.json;
    510q/r/s are refused. Every file is read hardened (no DTD, no entities, a size limit)
    and, with --eml-schemas, validated against the XSD; a bad file stops the run with one
    line naming file, line, element and reason. Every entry of the directory must be an
    EML file (*.xml, any case), or be left out with --exclude GLOB: anything else stops
    the run, naming it.

Outputs in --out DIR, each written to a temporary file and renamed into place only when all
are complete (a failure leaves no partial file and changes no file):
  totals.json   (kieswet/totals@1) every total, every finding, the corrections trace; from a
                directory it holds the computed totals (the units' counts are the input);
  findings.csv, findings.jsonl
                every finding, one per line (unit, check, severity, field, figures,
                explanation), to import for follow-up;
  list-deviations.csv
                per polling station and list: its share minus its share in the rest of
                the municipality, in percentage points;
  EML 510b/c/d  from a directory, and only if accepted: a 510 for every total computed here
                (510b per municipality from 510a files, 510c per district, 510d for the
                centraal stembureau), each with its units, validated against the schemas
                with --eml-schemas.
  totalise-manifest.json  from a directory: the SHA-256 of every file of the run,
                written last (the old one removed first): one complete set, never a mix.
The output directory is locked while a run writes into it; a second run is refused.
A summary (totals per unit, votes per list, findings, and the polling stations with findings
and the checks each failed, with a legend) is printed.

Exit status:
  0  accepted (warnings possible); every output written
  1  blocking errors found (e.g. a stated total that is not the sum of its units: every
     differing field is a finding); totals.json (status "blocked") and the findings files
     are still written, no EML
  2  invalid input (file, line, element and reason are printed), a locked output directory,
     or an output that cannot be written; nothing is written
  130  interrupted (Ctrl-C): the outputs of one run, never a mix (see the manifest)
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "totalise",
        help="total counts up the chain and check them (JSON, or a directory of EML 510)",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "input",
        metavar="INPUT",
        help="a kieswet/counts-input@1 JSON document, or a directory of EML_NL 510 files",
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        default=".",
        help=f"directory to write {OUTPUT_NAME} (and the 510s) to "
        "(created if needed; default: the current one)",
    )
    parser.add_argument(
        "--definition",
        metavar="110A",
        help="EML 110a election definition: districts and the municipalities expected "
        "(directory input only)",
    )
    parser.add_argument(
        "--candidates",
        metavar="230B",
        help="EML 230b candidate lists: refuse unknown lists and candidates; list names for "
        "the 510s written (directory input only)",
    )
    parser.add_argument(
        "--eml-schemas",
        metavar="DIR",
        help="validate every 510 read and written against the EML_NL XSD schemas in DIR "
        "(xsd-v1.2.2)",
    )
    parser.add_argument(
        "--protocol",
        choices=sorted(CONTROL_PROTOCOLS),
        default=None,
        help="the version of the Kiesraad's control protocol whose thresholds the warnings "
        f"use (default: the one a JSON input names in 'protocol', else {CURRENT_PROTOCOL})",
    )
    parser.add_argument(
        "--exclude",
        metavar="GLOB",
        action="append",
        default=[],
        help="with a directory as INPUT: leave out the files whose name matches GLOB (e.g. "
        "'*.pdf'); every other file must be an EML 510 (repeatable)",
    )
    parser.add_argument(
        "--jobs",
        type=jobs_count,
        default=1,
        metavar="N",
        help="with a directory as INPUT: read the EML files in N worker processes (auto: one "
        "per processor core); the results are the same as with --jobs 1 (default 1)",
    )
    add_max_bytes(parser)
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show progress bars on standard error (default: when standard error is a "
        "terminal; for JSON input only from 500 units)",
    )
    parser.set_defaults(run=run)


def _fail(message: str) -> int:
    print(printable_lines(f"kieswet totalise: {message}"), file=sys.stderr)
    return EXIT_INVALID


def load_counts(path: str, max_bytes: int | None = None) -> CountsDocument | str:
    """The parsed input, or one message naming the file and every offending field."""
    data, problem = read_json(path, max_bytes)
    if problem is not None:
        return problem
    parsed = parse_counts_input(data)
    if isinstance(parsed, CountsDocument):
        return parsed
    lines = [f"{path}: invalid kieswet/counts-input@1 document:"]
    lines += [f"  {e.field or '$'}: {e.message} [{e.code}]" for e in parsed.errors]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    show = sys.stderr.isatty() if args.progress is None else args.progress
    if Path(args.input).is_dir():
        return run_directory(args, show)
    eml_only = [
        flag
        for flag, value in (
            ("--definition", args.definition),
            ("--candidates", args.candidates),
            ("--eml-schemas", args.eml_schemas),
            ("--exclude", args.exclude),
            ("--jobs", getattr(args, "jobs", 1) != 1),
        )
        if value
    ]
    if eml_only:
        return _fail(f"{', '.join(eml_only)}: only with a directory of EML 510 files as INPUT")
    loaded = load_counts(args.input, args.max_bytes)
    if isinstance(loaded, str):
        return _fail(loaded)
    if args.protocol and loaded.protocol and args.protocol != loaded.protocol:
        return _fail(
            f"{args.input}: the input names control protocol {loaded.protocol!r}, "
            f"--protocol says {args.protocol!r}: give one of them"
        )
    protocol = args.protocol or loaded.protocol or CURRENT_PROTOCOL
    return totalise_and_report(
        loaded.hierarchy,
        loaded.inputs,
        Path(args.out),
        show_progress=show and len(loaded.hierarchy.units) >= PROGRESS_FROM,
        protocol=CONTROL_PROTOCOLS[protocol],
    )


# =========================================================================== from EML


@dataclass(frozen=True, slots=True)
class EmlOutput:
    """What the 510s written from a directory of 510s need besides the totals."""

    election: ElectionIdentifier
    created: str  # kr:CreationDateTime of the files written: the latest of the inputs'
    names: Mapping[int, str]  # list number → RegisteredName
    contests: Mapping[str, str]  # unit id → ContestIdentifier of the file written for it
    schemas: str | None = None


def run_directory(args: argparse.Namespace, show: bool) -> int:
    """``kieswet totalise DIR``: read, check and group the 510 files, then totalise."""
    limits = Limits(max_bytes=args.max_bytes)
    try:
        lists = read_candidate_lists(args.candidates, limits) if args.candidates else None
        definition = read_definition(args.definition, limits) if args.definition else None
        if args.eml_schemas:
            load_schema(args.eml_schemas, "510d")  # a bad schema directory fails first
        with _progress(show, "reading") as advance:
            # Sums are checked by totalisation (every differing field a finding, exit 1).
            read = read_count_directory(
                args.input,
                limits=limits,
                lists=lists,
                check_sums=False,
                progress=advance,
                exclude=(*args.exclude, *OWN_FILES),
                jobs=getattr(args, "jobs", 1),
            )
        if args.eml_schemas:
            for file in read.files:
                validate(file.header.path, args.eml_schemas, COUNT_INPUTS, limits)
        election = read.files[0].header.election
        for path, other in (
            (args.candidates, lists.election if lists else None),
            (args.definition, definition.election if definition else None),
        ):
            if other is not None and other.id != election.id:
                raise EmlError(
                    path,
                    f"election {other.id!r}, but the 510 files are of election {election.id!r}",
                    element="ElectionIdentifier",
                )
        hierarchy = hierarchy_from_directory(
            read, definition=definition, definition_path=args.definition or "110a"
        )
        names = (
            {number: entry.name for number, entry in lists.lists().items()}
            if lists
            else read_list_names(read.files[0].header.path, limits)
        )
    except EmlError as exc:
        return _fail(str(exc))
    output = EmlOutput(
        election, _created(read), names, _contests(read, hierarchy), args.eml_schemas
    )
    inputs = CountInputs(
        read.counts(),
        corrections=read.corrections(),
        explanations=read.explanations(),
        recounted=read.recounted(),
    )
    return totalise_and_report(
        hierarchy,
        inputs,
        Path(args.out),
        show_progress=show,
        eml=output,
        protocol=CONTROL_PROTOCOLS[args.protocol or CURRENT_PROTOCOL],
    )


_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")


def _created(read: CountDirectory) -> str:
    """The latest ``kr:CreationDateTime`` of the inputs (the outputs are then a function of
    the inputs, not of the clock); the election day at midnight if none is usable."""
    stamps = [
        f.header.creation_date_time
        for f in read.files
        if _DATETIME.fullmatch(f.header.creation_date_time)
    ]
    return max(stamps) if stamps else f"{read.files[0].header.election.date}T00:00:00"


def _contests(read: CountDirectory, hierarchy: Hierarchy) -> dict[str, str]:
    """Unit id → the ContestIdentifier for its 510: the one contest of every file below it,
    or ``alle`` (as in the Kiesraad's 510d) where they differ."""
    contest_of: dict[str, set[str]] = {}
    for file in read.files:
        for contest in file.contests:
            for count in (contest.total, *contest.units):
                if count is not None:
                    contest_of[count.unit_id] = {contest.contest_id}
    for uid in reversed(preorder(hierarchy)):
        children = hierarchy.units[uid].children
        if children:
            found = contest_of.setdefault(uid, set())
            for child in children:
                found |= contest_of.get(child, set())
    return {uid: next(iter(ids)) if len(ids) == 1 else "alle" for uid, ids in contest_of.items()}


_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def _eml_outputs(
    hierarchy: Hierarchy,
    inputs: CountInputs,
    totals: Totals,
    out_dir: Path,
    eml: EmlOutput,
) -> list[Output]:
    """A 510 for every unit whose total was computed here (not stated in the input): 510b for
    a municipality, 510c for a district, 510d for the centraal stembureau, each with its
    units as ReportingUnitVotes where they are of the level that message holds."""
    stated = {count.unit_id for count in inputs.counts}
    outputs: list[Output] = []
    used: dict[str, str] = {}
    for uid, total in totals.counts.items():
        unit = hierarchy.units[uid]
        if not unit.children or uid in stated or unit.level not in MESSAGE_OF_LEVEL:
            continue
        message_id = MESSAGE_OF_LEVEL[unit.level]
        unit_level = MESSAGE_LEVELS[message_id][1]
        parts = [totals.counts[child] for child in unit.children]
        units = tuple(parts) if all(p.level == unit_level for p in parts) else ()
        name = _file_name(message_id, eml.election.id, uid)
        if name in used:
            raise EmlError(out_dir / name, f"units {used[name]!r} and {uid!r} give one file name")
        used[name] = uid
        path = out_dir / name
        header = Header(eml.election, uid, total.name, eml.created)
        contest = ContestCounts(eml.contests.get(uid, "alle"), total, units)
        outputs.append(
            counts_output(path, message_id, header, [contest], eml.names, _checker(eml, path))
        )
    return outputs


def _file_name(message_id: str, election_id: str, unit_id: str) -> str:
    """``Telling_TK2025_kieskring_HSB8.eml.xml``, ``Totaaltelling_TK2025.eml.xml`` (the
    Kiesraad's names; ids made safe as file names)."""
    election = _UNSAFE.sub("_", election_id)
    unit = _UNSAFE.sub("_", unit_id)
    if message_id == "510d":
        return f"Totaaltelling_{election}.eml.xml"
    kind = "gemeente" if message_id == "510b" else "kieskring"
    return f"Telling_{election}_{kind}_{unit}.eml.xml"


def _checker(eml: EmlOutput, path: Path) -> Callable[[Path], None] | None:
    schemas = eml.schemas
    if not schemas:
        return None

    def check(temporary: Path) -> None:
        validate(temporary, schemas, ("510b", "510c", "510d"), display=path)

    return check


# =========================================================================== totalise, report


def totalise_and_report(
    hierarchy: Hierarchy,
    inputs: CountInputs,
    out_dir: Path,
    *,
    show_progress: bool = False,
    console: Console | None = None,
    eml: EmlOutput | None = None,
    protocol: ControlProtocol = CONTROL_PROTOCOLS[CURRENT_PROTOCOL],
) -> int:
    """Totalise, print the summary, write the outputs (all or none); the exit status.

    The entry point for every input format: the caller parses (JSON here, EML_NL elsewhere)
    and passes a sound hierarchy (``spec.counts.hierarchy_problems`` empty) and the counts.
    With ``eml`` (the input was a directory of 510s), ``totals.json`` holds the computed
    totals only, and an accepted result also gives the 510s of :func:`_eml_outputs`.
    """
    with _progress(show_progress, "totalising") as progress:
        totals = totalise(hierarchy, inputs, progress, protocol)
    shown = totals
    if eml is not None:
        computed = {u: c for u, c in totals.counts.items() if hierarchy.units[u].children}
        shown = dataclasses.replace(totals, counts=computed)
    target = out_dir / OUTPUT_NAME
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with output_lock(out_dir):
            outputs = []
            if eml is not None and totals.accepted:
                outputs = _eml_outputs(hierarchy, inputs, totals, out_dir, eml)
            outputs.append((target, _json_chunks(totals_to_json(shown)), None))
            outputs.append((out_dir / FINDINGS_CSV, findings_csv(totals.findings), None))
            outputs.append((out_dir / FINDINGS_JSONL, findings_jsonl(totals.findings), None))
            outputs.append((out_dir / DEVIATIONS_CSV, deviations_csv(hierarchy, totals), None))
            manifest = None if eml is None else out_dir / MANIFEST_NAME
            with _progress(show_progress and len(outputs) > 1, "writing") as advance:
                counter = None if advance is None else _counter(advance, outputs)
                written = write_all(outputs, counter, manifest)
    except EmlError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"cannot write {target}: {exc.strerror or exc}")
    out = console or Console(highlight=False, markup=False, emoji=False)
    render_summary(out, hierarchy, totals)
    render_flagged(out, hierarchy, totals, protocol)
    status = "accepted" if totals.accepted else "blocked"
    for path in written:
        out.print(f"Geschreven: {path}" + (f" (status {status})" if path == target else ""))
    if eml is not None and not totals.accepted:
        out.print("Geen EML geschreven: fouten blokkeren de totalen.")
    return EXIT_OK if totals.accepted else EXIT_BLOCKED


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold the lock of ``out_dir`` (``flock`` on the directory itself, so no lock file is
    left behind) while the block runs; :class:`EmlError` at once if another run holds it (two
    runs into one directory would mix their outputs)."""
    import fcntl

    try:
        descriptor = os.open(out_dir, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        problem = exc.strerror or exc
        raise EmlError(out_dir, f"cannot open the output directory: {problem}") from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise EmlError(
                out_dir,
                "another kieswet totalise is writing into this directory; nothing was written",
            ) from None
        yield
    finally:
        os.close(descriptor)


def _counter(advance: Progress, outputs: list[Output]) -> Callable[[int], None]:
    return lambda done: advance(done, len(outputs))


def _json_chunks(document: Mapping[str, Any]) -> Iterator[bytes]:
    """The JSON text of a document, one item of each array per line (fast to write and to
    read by eye: ``json.dumps`` in C per item)."""
    keys = list(document)
    yield b"{"
    for index, key in enumerate(keys):
        value = document[key]
        end = "," if index < len(keys) - 1 else ""
        if isinstance(value, list) and value:
            yield f"\n {json.dumps(key)}: [".encode()
            for position, item in enumerate(value):
                comma = "," if position < len(value) - 1 else ""
                yield _utf8(f"\n  {json.dumps(item, ensure_ascii=False)}{comma}")
            yield f"]{end}".encode()
        else:
            yield _utf8(f"\n {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{end}")
    yield b"}\n"


def _utf8(text: str) -> bytes:
    """``text`` as UTF-8; a lone surrogate (JSON allows ``\\ud800`` in a name) becomes that
    escape again, so the JSON written reads back as the input said."""
    return text.encode("utf-8", "backslashreplace")


@contextmanager
def _progress(enabled: bool, label: str) -> Iterator[Progress | None]:
    if not enabled:
        yield None
        return
    from rich.progress import (
        BarColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (TextColumn(label), BarColumn(), TaskProgressColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def render_summary(console: Console, hierarchy: Hierarchy, totals: Totals) -> None:
    """Tables: every total above the polling stations (A - J and findings), the lists of the
    top unit, and the findings."""
    errors: dict[str, int] = {}
    warnings: dict[str, int] = {}
    for finding in totals.findings:
        tally = errors if finding.severity == "error" else warnings
        tally[finding.unit_id] = tally.get(finding.unit_id, 0) + 1
    table = Table(title="Totalen per eenheid (letters van het proces-verbaal)")
    # "waarsch." (waarschuwingen): the table fits an 80-column terminal
    headers = ("eenheid", "niveau", *"DEFGHIJ", "fouten", "waarsch.")
    for header in headers:
        table.add_column(header, justify="left" if header in headers[:2] else "right")
    for uid, count in totals.counts.items():
        if not hierarchy.units[uid].children:
            continue
        numbers = (
            count.admitted.total,
            count.votes_on_lists,
            count.blank,
            count.invalid,
            count.total_counted,
            count.more_counted,
            count.fewer_counted,
            errors.get(uid, 0),
            warnings.get(uid, 0),
        )
        table.add_row(printable(count.name or uid), count.level, *map(str, numbers))
    console.print(table)
    root = totals.counts.get(totals.root)
    if root is not None:
        lists = Table(title=printable(f"Stemmen per lijst, {root.name or root.unit_id}"))
        lists.add_column("lijst", justify="right")
        lists.add_column("stemmen", justify="right")
        lists.add_column("kandidaten", justify="right")
        for lst in root.lists:
            lists.add_row(str(lst.list_number), str(lst.total), str(len(lst.candidates)))
        console.print(lists)
    n_errors, n_warnings = sum(errors.values()), sum(warnings.values())
    console.print(
        f"{plural(len(totals.counts), 'eenheid', 'eenheden')}, "
        f"{plural(n_errors, 'fout', 'fouten')}, "
        f"{plural(n_warnings, 'waarschuwing', 'waarschuwingen')}, "
        f"{plural(len(totals.corrections), 'correctie', 'correcties')}: "
        + ("AANVAARD" if totals.accepted else "GEBLOKKEERD door fouten")
    )
    if totals.findings:
        found = Table(title="Bevindingen")
        for header in ("ernst", "controle", "eenheid", "veld", "toelichting"):
            found.add_column(header)
        for f in totals.findings[:FINDINGS_SHOWN]:
            found.add_row(
                SEVERITY_WORDS.get(f.severity, f.severity),
                f.code,
                *map(printable, (f.unit_id, f.field, f.message)),
            )
        console.print(found)
        if len(totals.findings) > FINDINGS_SHOWN:
            rest = len(totals.findings) - FINDINGS_SHOWN
            console.print(f"... en nog {plural(rest, 'bevinding', 'bevindingen')} in {OUTPUT_NAME}")


SEVERITY_WORDS = {"error": "fout", "warning": "waarschuwing"}
"""A finding's severity on the terminal (the files keep ``error`` and ``warning``)."""


FLAGGED_SHOWN = 200
"""The summary lists at most this many flagged units (all of them are in the findings files)."""


def render_flagged(
    console: Console, hierarchy: Hierarchy, totals: Totals, protocol: ControlProtocol
) -> None:
    """The entered units (polling stations) with findings, the checks each failed, and a
    legend of those checks with the thresholds of ``protocol``."""
    failed: dict[str, list[str]] = {}
    for f in totals.findings:
        unit = hierarchy.units.get(f.unit_id)
        if unit is not None and not unit.children:
            codes = failed.setdefault(f.unit_id, [])
            if f.code not in codes:
                codes.append(f.code)
    if not failed:
        return
    table = Table(title=f"Eenheden met bevindingen (controleprotocol {protocol.version})")
    for header in ("eenheid", "naam", "controles"):
        table.add_column(header)
    order = [uid for uid in preorder(hierarchy) if uid in failed]
    for uid in order[:FLAGGED_SHOWN]:
        table.add_row(uid, hierarchy.units[uid].name, ", ".join(failed[uid]))
    console.print(table)
    if len(order) > FLAGGED_SHOWN:
        rest = len(order) - FLAGGED_SHOWN
        console.print(
            f"... en nog {plural(rest, 'eenheid', 'eenheden')} met bevindingen in {FINDINGS_CSV}"
        )
    meanings = legend(protocol)
    used = sorted({code for codes in failed.values() for code in codes})
    key = Table(title="Legenda")
    key.add_column("controle")
    key.add_column("betekenis")
    for code in used:
        key.add_row(code, meanings.get(code, ""))
    console.print(key)
