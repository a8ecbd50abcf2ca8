"""The trace of a seat allocation as readable text, in the shape of the model proces-verbaal
P 22-2 of the centraal stembureau ("Deel 2 - Uitslag en zetelverdeling").

Everything is Dutch, in the law's own terms, with the article next to every step, so that a
tester can hold the trace next to a proces-verbaal and redo the calculation by hand. The
numbered sections follow the model's order: kiesdeler, aantal volle zetels per lijst,
restzetels (berekening aantal restzetels, verdeling van de restzetels), verdeling van de
zetels, toewijzing van zetels aan kandidaten; an Eerste Kamer trace starts with the stemwaarde
(U 2) and the stemcijfers (U 3), a trace over kieskringen continues with the lijstengroepen
(P 12, P 13) and the placement of candidates (P 15 - P 18).

Output is plain text (no colour, no terminal codes) of ``width`` columns, 80 by default; a
name that does not fit is cut with an ellipsis (…), never silently.
"""

from __future__ import annotations

import html
import io
import textwrap
from collections.abc import Sequence
from fractions import Fraction

from rich.box import SIMPLE_HEAD
from rich.console import Console
from rich.table import Table

from kieswet.text import printable
from reference.quota import full_seats
from reference.words import enumeration, plural
from spec.districts import Distribution, DistrictCompleted, DistrictElection, DistrictNeedsLot
from spec.eerste_kamer import EerstekamerElection
from spec.exact import format_mixed
from spec.model import (
    AbsoluteMajorityStep,
    Completed,
    Election,
    ExhaustionStep,
    LotQuestion,
    NeedsLot,
    PreferenceStep,
    Rejected,
    ResidualSeatStep,
    Result,
    Step,
    UnfilledSeatsStep,
)

WIDTH = 80
"""The default width: 80 columns; ``kieswet allocate`` passes a wider terminal's width."""

NAME_WIDTH = 20
"""The widest name column in the table of residual seats (longer names end in "…")."""

_METHOD = {
    "greatest_average": "gemiddelde",
    "largest_remainder": "overschot",
    "greatest_average_one_per_list": "gem. 1/lijst",
}
_METHOD_LONG = {
    "greatest_average": "grootste gemiddelden",
    "largest_remainder": "grootste overschotten",
    "greatest_average_one_per_list": "grootste gemiddelden, één restzetel per lijst",
}
_KIND = {
    "TK": "Tweede Kamer",
    "EP": "Europees Parlement",
    "PS": "Provinciale Staten",
    "AB": "algemeen bestuur waterschap",
    "GR": "gemeenteraad",
    "ER": "eilandsraad",
    "EK": "Eerste Kamer",
    "KNI": "kiescollege niet-ingezetenen",
}
_MARK = {
    "no_votes": "-",
    "below_threshold": "d",
    "already_won_this_round": "r",
    "exhausted": "u",
}
_LEGEND = (
    "* kreeg de restzetel; = gelijk met de winnaar; L bij lot; d onder de drempel; "
    "r al een restzetel in deze ronde; u lijst uitgeput; - geen stemmen"
)
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


# --------------------------------------------------------------------------- words
# plural and enumeration are the engine's (reference/words.py): the trace and the engine's
# warnings and lot questions speak alike.


def _fraction(value: Fraction) -> str:
    return format_mixed(value)


def _roman(index: int) -> str:
    return _ROMAN[index] if index < len(_ROMAN) else str(index + 1)


# --------------------------------------------------------------------------- layout


def plain_console(out: io.StringIO, width: int = WIDTH) -> Console:
    """A console writing plain text of ``width`` columns to ``out``: no colour, no terminal
    codes, no markup or emoji interpretation, so the text is the same wherever it is printed."""
    return Console(
        file=out,
        width=width,
        color_system=None,
        force_terminal=False,
        highlight=False,
        emoji=False,
        markup=False,
    )


def _table(*columns: str, names: int | None = None) -> Table:
    """A table; column ``names`` (an index) holds names: left-aligned, on one line, cut with
    an ellipsis when the table does not fit."""
    table = Table(box=SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for index, column in enumerate(columns):
        if index == names:
            table.add_column(column, justify="left", no_wrap=True, overflow="ellipsis")
        else:
            longest = max(len(word) for word in column.split())
            table.add_column(column, justify="right", min_width=longest)
    return table


def new_table(*columns: str, names: int | None = None) -> Table:
    """A table in the style of the trace; column ``names`` (an index) holds names."""
    return _table(*columns, names=names)


def table_text(table: Table, width: int = WIDTH) -> str:
    """``table`` as plain text of ``width`` columns, names cut with an ellipsis if needed."""
    trace = _Trace(width)
    trace.table(table)
    return trace.text()


def _names(election: Election) -> dict[int, str]:
    """The lists' names as printed: data, shown literally, with control characters, bidi
    controls and lone surrogates escaped (``kieswet.text.printable``)."""
    return {lst.number: printable(lst.name) for lst in election.lists}


class _Trace:
    """The numbered sections of one trace, printed to a plain console."""

    def __init__(self, width: int) -> None:
        self.out = io.StringIO()
        self.width = width
        self.console = plain_console(self.out, width)
        self.section = 0

    def heading(self, title: str) -> None:
        self.section += 1
        self.sub = 0
        self.console.print()
        self.console.print(f"{self.section}. {title}")

    def subheading(self, title: str) -> None:
        self.sub += 1
        self.console.print()
        self.console.print(f"{self.section}.{self.sub} {title}")

    def line(self, text: str = "") -> None:
        self.console.print(text)

    def raw(self, text: str, indent: str = "") -> None:
        """A line wrapped at spaces only, never inside a word: a file name stays whole."""
        lines = textwrap.wrap(
            text,
            self.width,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
        self.out.write("".join(line + "\n" for line in lines or [""]))

    def table(self, table: Table) -> None:
        """Print ``table``; its name column (no wrapping) is narrowed to what the other
        columns leave, so a long name ends in an ellipsis instead of pushing them out."""
        for column in table.columns:
            header = str(column.header)
            cells = max([0, *(len(str(cell)) for cell in column._cells)])
            if not column.no_wrap and len(header) > cells and " " in header:
                # a header wider than its cells goes on two or more lines
                column.header = "\n".join(textwrap.wrap(header, max(cells, column.min_width or 0)))
        names = [c for c in table.columns if c.no_wrap]
        if names:
            others = sum(
                max([c.min_width or 0, *(len(str(cell)) for cell in c._cells)])
                for c in table.columns
                if not c.no_wrap
            )
            room = self.width - others - 3 * (len(table.columns) - 1)
            for column in names:
                limit = max(8, room)
                column.max_width = (
                    limit if column.max_width is None else min(limit, column.max_width)
                )
        self.console.print(table)

    def text(self) -> str:
        return "".join(line.rstrip() + "\n" for line in self.out.getvalue().splitlines())


# --------------------------------------------------------------------------- sections


def _header(trace: _Trace, election: Election, extra: str = "") -> None:
    trace.line(
        f"Zetelverdeling {_KIND[election.kind]}: {plural(election.seats, 'zetel', 'zetels')}{extra}"
    )
    trace.line(f"wet: {election.law}; interpretatieprofiel: {election.profile.name}")


def _eerste_kamer(trace: _Trace, election: EerstekamerElection, names: dict[int, str]) -> None:
    """U 2 (the stemwaarde of each body) and U 3 (each list's stemcijfer)."""
    trace.heading("Stemwaarde per provincie en kiescollege (U 2)")
    trace.line(
        "Stemwaarde: inwoners gedeeld door 100 maal het aantal leden, afgerond op een geheel "
        "getal (een half naar boven); of zoals vastgesteld."
    )
    values = dict(election.stemwaarden)
    table = _table("lichaam", "inwoners : (100 × leden)", "stemwaarde", names=0)
    for body in election.bodies:
        if body.stemwaarde is not None:
            how = "vastgesteld"
        elif body.inhabitants is not None and body.members is not None:
            how = (
                f"{body.inhabitants} : (100 × {body.members}) = "
                f"{_fraction(Fraction(body.inhabitants, 100 * body.members))}"
            )
        else:
            how = ""
        table.add_row(printable(body.name), how, str(values[body.name]))
    trace.table(table)
    trace.heading("Stemcijfers (U 3)")
    trace.line("Stemcijfer: per lichaam de stemmen van de leden maal de stemwaarde, opgeteld.")
    per_list: dict[int, dict[str, int]] = {}
    for vote in election.body_votes:
        bodies = per_list.setdefault(vote.list_number, {})
        bodies[vote.body] = bodies.get(vote.body, 0) + vote.votes
    table = _table("lijst", "naam", "berekening", "stemcijfer", names=1)
    order = [body.name for body in election.bodies]
    for lst in election.lists:
        bodies = per_list.get(lst.number, {})
        terms = [f"{bodies[b]} × {values[b]}" for b in order if bodies.get(b)]
        table.add_row(str(lst.number), names[lst.number], " + ".join(terms) or "0", str(lst.votes))
    table.add_row("", "totaal", "", str(election.total_votes))
    trace.table(table)


def _quota(trace: _Trace, election: Election, quota: Fraction) -> None:
    trace.heading("Kiesdeler (P 5)")
    trace.line(
        "De kiesdeler is het totaal van de stemcijfers gedeeld door het aantal te verdelen zetels:"
    )
    trace.line(f"  {election.total_votes} : {election.seats} = {_fraction(quota)}")


def _full_seats(
    trace: _Trace, election: Election, quota: Fraction, names: dict[int, str]
) -> dict[int, int]:
    """Section "aantal volle zetels per lijst"; the full seats per list."""
    trace.heading("Aantal volle zetels per lijst (P 6)")
    trace.line(f"Stemcijfer gedeeld door de kiesdeler {_fraction(quota)}, naar beneden afgerond.")
    table = _table("lijst", "naam", "stemcijfer", "volle zetels", "overschot", names=1)
    full: dict[int, int] = {}
    for row in full_seats(election)[1]:
        full[row.list] = row.full_seats
        table.add_row(
            str(row.list),
            names[row.list],
            str(row.votes),
            str(row.full_seats),
            _fraction(row.remainder),
        )
    table.add_row("", "totaal", str(election.total_votes), str(sum(full.values())), "")
    trace.table(table)
    return full


_COUNT = len("restzetels") + 3
"""The width of the last table's column "aantal restzetels"."""


def _chunks(
    steps: list[ResidualSeatStep], width: int, name_width: int
) -> list[list[ResidualSeatStep]]:
    """The residual seats in tables that fit ``width`` columns side by side; the last table
    also has room for the column with each list's number of residual seats."""
    cells = (
        [len(_fraction(c.value)) + 2 for step in steps for c in step.contenders]
        + [len(_METHOD[s.method]) for s in steps]
        + [len(s.article) for s in steps]
        + [12]
    )
    per_seat = max(cells) + 3
    room = width - (5 + 3 + name_width)  # lijst, naam
    per_table = max(1, room // per_seat)
    chunks = [steps[i : i + per_table] for i in range(0, len(steps), per_table)] or [[]]
    if len(chunks[-1]) > 1 and len(chunks[-1]) * per_seat + _COUNT > room:
        chunks.append([chunks[-1].pop()])
    return chunks


def _residual_tables(trace: _Trace, steps: list[ResidualSeatStep], names: dict[int, str]) -> None:
    """Lists down, residual seats across: each cell the list's value when that seat was
    assigned, so a reader can check every seat went to the greatest value; the last column,
    as on the proces-verbaal, the number of residual seats each list received in all."""
    numbers = sorted(
        {c.list for s in steps for c in s.contenders} | {n for s in steps for n, _ in s.excluded}
    )
    name_width = min(NAME_WIDTH, max([len(names.get(n, "")) for n in numbers] + [7]))
    chunks = _chunks(steps, trace.width, name_width)
    for index, chunk in enumerate(chunks):
        last = [""] if index == len(chunks) - 1 else []
        table = _table(
            "lijst",
            "naam",
            *(f"restzetel {s.seat}" + (" (P 10)" if s.reassignment else "") for s in chunk),
            *(["aantal restzetels"] if last else []),
            names=1,
        )
        table.columns[1].max_width = name_width
        table.add_row("", "methode", *(_METHOD[s.method] for s in chunk), *last)
        table.add_row("", "artikel", *(s.article for s in chunk), *last)
        for number in numbers:
            cells = []
            for step in chunk:
                value = next((c.value for c in step.contenders if c.list == number), None)
                if value is None:
                    reason = next((r for n, r in step.excluded if n == number), None)
                    cells.append(_MARK[reason] if reason else "")
                    continue
                mark = ""
                if step.list == number:
                    mark = " L*" if step.lot else " *"
                elif number in step.tied:
                    mark = " ="
                cells.append(_fraction(value) + mark)
            won = [str(sum(1 for step in steps if step.list == number))] if last else []
            table.add_row(str(number), names.get(number, ""), *cells, *won)
        trace.table(table)
    trace.line(_LEGEND)


def _residual_rule(election: Election) -> str:
    if election.seats >= 19:
        return (
            "Zetels 19 of meer (P 7): de restzetels gaan één voor één naar de lijst met het "
            "grootste gemiddelde (stemcijfer gedeeld door het aantal zetels plus 1)."
        )
    return (
        "Minder dan 19 zetels (P 8): eerst de grootste overschotten, één restzetel per lijst, "
        "alleen lijsten met ten minste 75% van de kiesdeler (lid 1-2); daarna de grootste "
        "gemiddelden, één per lijst (lid 3); daarna de grootste gemiddelden zonder die beperking."
    )


def _notes(steps: Sequence[Step], names: dict[int, str], seats: int) -> list[str]:
    """The remarks under the residual seats (lots, P 9, P 10, unfilled seats), in Dutch."""
    out: list[str] = []
    for step in steps:
        if isinstance(step, ResidualSeatStep) and step.lot:
            kind = "overschotten" if step.method == "largest_remainder" else "gemiddelden"
            out.append(
                f"Restzetel {step.seat}: de lijsten {enumeration(sorted(step.tied))} hebben "
                f"gelijke {kind} ({_fraction(step.value)}); het lot is getrokken en viel op "
                f"lijst {step.list} ({step.article})."
            )
        elif isinstance(step, AbsoluteMajorityStep):
            lot = " (door het lot aangewezen)" if step.lot else ""
            out.append(
                f"Volstrekte meerderheid (P 9): lijst {step.list} {names.get(step.list, '')} "
                f"heeft {step.votes} van de {plural(step.total_votes, 'stem', 'stemmen')}, meer "
                f"dan de helft, maar {step.seats_before} van de {seats} zetels, niet meer dan de "
                f"helft; lijst {step.from_list}{lot} staat haar laatste restzetel af aan "
                f"lijst {step.list}."
            )
        elif isinstance(step, ExhaustionStep):
            moved = []
            if step.removed_residual:
                moved.append(plural(step.removed_residual, "restzetel", "restzetels"))
            if step.removed_full:
                moved.append(plural(step.removed_full, "volle zetel", "volle zetels"))
            out.append(
                f"Lijstuitputting (P 10): lijst {step.list} {names.get(step.list, '')} heeft "
                f"{plural(step.seat_limit, 'levende kandidaat', 'levende kandidaten')}; "
                f"{enumeration(moved) or 'geen zetel'} "
                f"{'gaat' if step.removed_residual + step.removed_full == 1 else 'gaan'} naar "
                "andere lijsten."
            )
        elif isinstance(step, UnfilledSeatsStep):
            out.append(
                f"{step.article}: {plural(step.seats, 'zetel blijft', 'zetels blijven')} "
                f"onvervuld: {step.reason}."
            )
    return out


def _residual(
    trace: _Trace,
    election: Election,
    full: dict[int, int],
    steps: Sequence[Step],
    names: dict[int, str],
) -> None:
    trace.heading("Restzetels")
    trace.subheading("Berekening aantal restzetels")
    assigned = sum(full.values())
    trace.line(f"  totaal aantal te verdelen zetels  {election.seats:>6}")
    trace.line(f"  toegewezen volle zetels           {assigned:>6}  -")
    trace.line(f"  aantal restzetels                 {election.seats - assigned:>6}")
    trace.subheading(f"Verdeling van de restzetels ({'P 7' if election.seats >= 19 else 'P 8'})")
    residual = [s for s in steps if isinstance(s, ResidualSeatStep)]
    if not residual:
        trace.line("Er zijn geen restzetels verdeeld.")
    else:
        trace.line(_residual_rule(election))
        methods = list(dict.fromkeys(s.method for s in residual))
        trace.line(f"Toegepast: {enumeration([_METHOD_LONG[m] for m in methods])}.")
        _residual_tables(trace, residual, names)
    notes = _notes(steps, names, election.seats)
    if notes:
        trace.line()
        for index, note in enumerate(notes):
            trace.line(f"{_roman(index)}. {note}")


def _seats(trace: _Trace, result: Completed, names: dict[int, str]) -> None:
    trace.heading("Verdeling van de zetels")
    table = _table("lijst", "naam", "volle zetels", "restzetels", "correctie", "totaal", names=1)
    totals = [0, 0, 0, 0]
    for number, total in result.seats.items():
        full = result.full_seats[number]
        residual = result.residual_seat_order.count(number)
        correction = total - full - residual
        for index, value in enumerate((full, residual, correction, total)):
            totals[index] += value
        table.add_row(
            str(number),
            names.get(number, ""),
            str(full),
            str(residual),
            f"{correction:+d}" if correction else "0",
            str(total),
        )
    table.add_row(
        "",
        "totaal",
        str(totals[0]),
        str(totals[1]),
        f"{totals[2]:+d}" if totals[2] else "0",
        str(totals[3]),
    )
    trace.table(table)
    if any(
        total - result.full_seats[n] - result.residual_seat_order.count(n)
        for n, total in result.seats.items()
    ):
        trace.line(
            "Correctie: zetels die een lijst door P 9 (volstrekte meerderheid) kreeg (+) of "
            "door P 9 of P 10 (lijstuitputting) verloor (-); 0: geen correctie."
        )


def _candidates(trace: _Trace, steps: list[PreferenceStep], unit: str = "lijst") -> None:
    """The P 15 table: per list (``unit``: or per partij over kieskringen) its seats, the
    voorkeurdrempel, who is elected on preference votes and who in list order."""
    table = _table(
        unit,
        "zetels",
        "voorkeurdrempel",
        "gekozen met voorkeurstemmen (stemmen)",
        "gekozen op lijstvolgorde",
    )
    table.columns[3].justify = "left"
    table.columns[4].justify = "left"
    for step in steps:
        votes = dict(step.above_threshold)
        pref = ", ".join(f"{c} ({votes[c]})" for c in step.elected_on_preference) or "-"
        if step.lot:
            pref += " [lot]"
        table.add_row(
            str(step.list),
            str(step.seats),
            _fraction(step.threshold),
            pref,
            ", ".join(map(str, step.elected_in_list_order)) or "-",
        )
    trace.table(table)


def _lot_question(lot: LotQuestion) -> str:
    """The question of a ``needs lot`` result in Dutch, from its structured fields."""
    options = enumeration(lot.options)
    value = "" if lot.value is None else f" ({_fraction(lot.value)})"
    if lot.kind == "residual_seat":
        kind = "overschotten" if lot.article.startswith("P 8 lid 1") else "gemiddelden"
        return (
            f"restzetel {lot.seat}: de lijsten {options} hebben gelijke {kind}{value} en er "
            "zijn niet genoeg restzetels voor elk van hen; het lot wijst de lijst aan die de "
            "restzetel krijgt"
        )
    if lot.kind == "absolute_majority":
        return (
            f"de lijsten {options} kregen hun laatste restzetel op gelijke waarde{value}; het "
            "lot wijst de lijst aan die een zetel afstaat aan de lijst met de volstrekte "
            "meerderheid"
        )
    if lot.kind == "candidate":
        return (
            f"lijst {lot.list}: de kandidaten {options} hebben evenveel voorkeurstemmen; het lot "
            "wijst aan wie als eerste gekozen is"
        )
    owner = "lijstengroep" if lot.kind == "group_seat" else "lijstencombinatie"
    return (
        f"{owner} {lot.list}: de lijsten {options} hebben gelijke overschotten{value}; het lot "
        "wijst de lijst aan die de zetel krijgt"
    )


def _needs_lot(trace: _Trace, lot: LotQuestion, used: int) -> None:
    trace.heading(f"Loting nodig ({lot.article})")
    trace.line(_lot_question(lot) + ".")
    options = "[" + ", ".join(map(str, lot.options)) + "]"
    where = "" if lot.list is None else f', "list": {lot.list}'
    trace.line(
        "Trek het lot in het openbaar en herhaal de berekening met de uitkomst toegevoegd aan "
        '"lots":'
    )
    trace.raw(
        f'  lots[{used}] = {{"kind": "{lot.kind}", "options": {options}{where}, "drawn": ...}}'
    )


def _rejected(trace: _Trace, result: Rejected) -> None:
    trace.raw(f"Invoer afgewezen ({plural(len(result.errors), 'fout', 'fouten')}):")
    for error in result.errors:
        trace.raw(f"  {error.field}: {error.message} [{error.code}]", indent="    ")


def _single(
    trace: _Trace, election: Election, result: Completed | NeedsLot, extra: str = ""
) -> None:
    """The sections of one contest: header, U 2 / U 3 for the Eerste Kamer, P 5 to P 19a."""
    names = _names(election)
    _header(trace, election, extra)
    if isinstance(election, EerstekamerElection) and election.bodies:
        _eerste_kamer(trace, election, names)
    quota = result.quota
    if quota is None:
        if isinstance(result, NeedsLot):
            _needs_lot(trace, result.lot, result.lots_used)
        return
    _quota(trace, election, quota)
    full = _full_seats(trace, election, quota, names)
    _residual(trace, election, full, result.steps, names)
    if isinstance(result, NeedsLot):
        _needs_lot(trace, result.lot, result.lots_used)
        return
    _seats(trace, result, names)
    preference = [s for s in result.steps if isinstance(s, PreferenceStep)]
    if preference:
        trace.heading("Toewijzing van zetels aan kandidaten (P 15 - P 19a)")
        trace.line(
            "Gekozen met voorkeurstemmen: meer stemmen dan de voorkeurdrempel (P 15); de "
            "overige zetels op volgorde van de lijst (P 17); overleden kandidaten vallen af "
            "(P 19a). Kandidaten bij hun nummer op de lijst."
        )
        _candidates(trace, preference)
    if result.warnings:
        trace.line()
        for warning in result.warnings:
            trace.line(f"Waarschuwing: {warning}")


def render_result(election: Election | None, result: Result, width: int = WIDTH) -> str:
    """The full trace of ``result`` as text (``election`` is ``None`` for rejected input)."""
    trace = _Trace(width)
    if isinstance(result, Rejected):
        _rejected(trace, result)
        return trace.text()
    assert election is not None, "a completed or needs-lot result has a valid election"
    _single(trace, election, result)
    return trace.text()


# --------------------------------------------------------------------------- districts


def _distribution(trace: _Trace, d: Distribution, names: dict[int, str]) -> None:
    owner = "lijstengroep" if d.kind == "group" else "lijstencombinatie"
    deler = "groepskiesdeler" if d.kind == "group" else "combinatiekiesdeler"
    trace.line()
    trace.line(
        f"{owner.capitalize()} {d.owner} ({d.article}): "
        f"{plural(d.seats, 'zetel', 'zetels')}, stemcijfer {d.votes}"
    )
    if d.quota is not None:
        trace.line(f"  {deler}: {d.votes} : {d.seats} = {_fraction(d.quota)}")
    table = _table("lijst", "naam", "stemcijfer", "volle zetels", "overschot", "zetels", names=1)
    for row in d.rows:
        table.add_row(
            str(row.member),
            names.get(row.member, ""),
            str(row.votes),
            str(row.full_seats),
            _fraction(row.remainder),
            str(row.seats),
        )
    trace.table(table)
    if d.remainder_order:
        lot = f" (bij lot: restzetel {enumeration(d.lot)})" if d.lot else ""
        trace.line(
            f"  restzetels op volgorde van de grootste overschotten: lijst "
            f"{enumeration(d.remainder_order)}{lot}"
        )
    for move in d.reassigned:
        to = "blijft onvervuld" if move.to_member is None else f"gaat naar lijst {move.to_member}"
        trace.line(f"  P 13: een zetel van lijst {move.from_member} {to}")
    if d.unfilled:
        trace.line(f"  {plural(d.unfilled, 'zetel blijft', 'zetels blijven')} onvervuld (P 13)")


def render_district(
    election: DistrictElection | None,
    national: Election | None,
    result: DistrictCompleted | DistrictNeedsLot | Rejected,
    width: int = WIDTH,
) -> str:
    """The trace of an election over kieskringen: the allocation over the lists taken as one
    (P 3; P 5 - P 10, sections as for one contest), then the distribution within lijstengroepen
    and lijstencombinaties (P 12, P 13; old P 11) and the candidates (P 15 - P 18)."""
    trace = _Trace(width)
    if isinstance(result, Rejected):
        _rejected(trace, result)
        return trace.text()
    assert election is not None and national is not None
    districts = f", {plural(len(election.districts), 'kieskring', 'kieskringen')}"
    national_result = result.national
    if national_result is None:
        _header(trace, national, districts)
        _needs_lot(trace, result.lot, result.lots_used)  # type: ignore[union-attr]
        return trace.text()
    _single(trace, national, national_result, districts)
    if isinstance(result, DistrictNeedsLot) and isinstance(national_result, NeedsLot):
        return trace.text()
    names = {lst.number: printable(lst.name) for lst in election.lists} | _names(national)
    checks = result.combination_checks
    if checks:
        trace.heading("Lijstencombinaties (oud P 4 lid 2)")
        for check in checks:
            counts = "telt mee" if check.counts else "telt niet mee"
            trace.line(
                f"Combinatie {check.combination}: behouden {enumeration(check.kept) or '-'}, "
                f"vervallen {enumeration(check.dropped) or '-'}; {counts}."
            )
    if isinstance(result, DistrictNeedsLot):
        _needs_lot(trace, result.lot, result.lots_used)
        return trace.text()
    if result.distributions:
        trace.heading("Verdeling binnen lijstengroepen en lijstencombinaties (P 12, P 13)")
        for distribution in result.distributions:
            _distribution(trace, distribution, names)
    if result.placements or result.doubles or result.transfers or any(result.elected.values()):
        trace.heading("Toewijzing van zetels aan kandidaten (P 15 - P 18)")
        trace.line(
            "Voorkeurstemmen van een kandidaat opgeteld over de lijsten van de partij (P 15); "
            "plaatsing van wie met voorkeurstemmen gekozen is op een lijst (P 16); de overige "
            "zetels op volgorde van de lijst (P 17); wie op meer lijsten gekozen is, telt op "
            "één (P 18). In de tabel per partij zijn de kandidaten van een partij van meer "
            "lijsten genummerd in de volgorde van de partij (lijst voor lijst)."
        )
        if result.preference:
            _candidates(trace, list(result.preference), unit="partij")
        for p in result.placements:
            forfeit = (
                ""
                if p.forfeited_from is None
                else f"; lijst {p.forfeited_from} verliest de zetel die zij het laatst kreeg"
            )
            trace.line(
                f"{p.article}: kandidaat {printable(p.key)} (partij {p.party}, "
                f"{plural(p.votes, 'stem', 'stemmen')}) is gekozen op lijst {p.list}, "
                f"nummer {p.position}{forfeit}"
            )
        for double in result.doubles:
            trace.line(
                f"P 18: kandidaat {printable(double.key)}, gekozen op de lijsten "
                f"{enumeration(double.lists)}, telt op lijst {double.kept}"
            )
        for transfer in result.transfers:
            trace.line(
                f"P 13, P 18 lid 3: alle kandidaten van lijst {transfer.from_list} zijn gekozen; "
                f"haar open zetel gaat naar lijst {transfer.to_list} "
                f"(lijstengroep {transfer.party})"
            )
        trace.line("Gekozen per lijst, bij hun nummer op de lijst:")
        table = _table("lijst", "naam", "gekozen", names=1)
        table.columns[2].justify = "left"
        for number, positions in result.elected.items():
            if positions:
                table.add_row(str(number), names.get(number, ""), ", ".join(map(str, positions)))
        trace.table(table)
    if result.warnings:
        trace.line()
        for warning in result.warnings:
            trace.line(f"Waarschuwing: {warning}")
    return trace.text()


# --------------------------------------------------------------------------- HTML

_HTML_CSS = (
    "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
    "pre{font-size:10pt;line-height:1.25}"
    "@media print{body{margin:0}pre{font-size:8pt}svg{break-inside:avoid}}"
)


def _short(name: str, width: int = 24) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def seats_chart(seats: Sequence[tuple[int, str, int]]) -> str:
    """Seats per list as an inline SVG bar chart (no script, no external asset): one bar per
    ``(list number, name, seats)``, the number of seats at its end."""
    most = max([1, *(count for _, _, count in seats)])
    bar, gap, label, scale = 14, 6, 190, 360
    height = (bar + gap) * len(seats) + gap
    width = label + scale + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="zetels per lijst" '
        'font-size="11" font-family="system-ui,sans-serif">'
    ]
    for index, (number, name, count) in enumerate(seats):
        y = gap + index * (bar + gap)
        length = count * scale // most
        text = html.escape(f"{number} {_short(name)}".strip())
        parts.append(f'<text x="0" y="{y + bar - 3}">{text}</text>')
        parts.append(
            f'<rect x="{label}" y="{y}" width="{length}" height="{bar}" fill="#2b7bb9">'
            f"<title>{text}: {count}</title></rect>"
        )
        parts.append(f'<text x="{label + length + 4}" y="{y + bar - 3}">{count}</text>')
    parts.append("</svg>")
    return "".join(parts)


def html_page(title: str, trace: str, seats: Sequence[tuple[int, str, int]] | None) -> str:
    """A self-contained page (no script, nothing fetched from elsewhere; it prints): the
    chart of the seats per list, when there are seats, above the trace as text."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="nl"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        f"<style>{_HTML_CSS}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
    ]
    if seats:
        out.append("<h2>Zetels per lijst</h2>")
        out.append(seats_chart(seats))
    out.append("<h2>Berekening</h2>")
    out.append(f"<pre>{html.escape(trace)}</pre>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def result_seats(election: Election | None, result: Result) -> list[tuple[int, str, int]] | None:
    """``(list, name, seats)`` of a completed result, or the seats so far of a needs-lot one."""
    if election is None or isinstance(result, Rejected):
        return None
    names = _names(election)
    seats = result.seats if isinstance(result, Completed) else result.seats_so_far
    return [(number, names.get(number, ""), count) for number, count in seats.items()]


def district_seats(
    election: DistrictElection | None, result: DistrictCompleted | DistrictNeedsLot | Rejected
) -> list[tuple[int, str, int]] | None:
    """``(list, name, seats)`` per list of a completed election over kieskringen."""
    if election is None or not isinstance(result, DistrictCompleted):
        return None
    names = {lst.number: printable(lst.name) for lst in election.lists}
    return [(number, names.get(number, ""), count) for number, count in result.seats.items()]
