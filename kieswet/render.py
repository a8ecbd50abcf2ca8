"""The trace of a seat allocation as readable tables, after the proces-verbaal model P 22-2.

Labels are Dutch, as on the proces-verbaal, with the article next to every step, so that a
person can redo the calculation by hand. Output is plain text of a fixed width (no colour,
no terminal detection) so that it is the same everywhere.
"""

from __future__ import annotations

import io
from fractions import Fraction

from rich.box import SIMPLE_HEAD
from rich.console import Console
from rich.table import Table

from kieswet.text import printable
from spec.exact import format_mixed
from spec.model import (
    AbsoluteMajorityStep,
    Election,
    ExhaustionStep,
    NeedsLot,
    PreferenceStep,
    Rejected,
    ResidualSeatStep,
    Result,
    Step,
    UnfilledSeatsStep,
)

WIDTH = 110

_METHOD = {
    "greatest_average": "grootste gemiddelde",
    "largest_remainder": "grootste overschot",
    "greatest_average_one_per_list": "grootste gemiddelde, één per lijst",
}
_METHOD_SHORT = {
    "greatest_average": "gemiddelde",
    "largest_remainder": "overschot",
    "greatest_average_one_per_list": "gem. 1/lijst",
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


def _fraction(value: Fraction) -> str:
    return format_mixed(value)


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", box=SIMPLE_HEAD, show_edge=False)
    for index, column in enumerate(columns):
        table.add_column(column, justify="left" if index == 1 else "right")
    return table


def _names(election: Election) -> dict[int, str]:
    return {lst.number: printable(lst.name) for lst in election.lists}


_MARK = {
    "no_votes": "-",
    "below_threshold": "d",
    "already_won_this_round": "r",
    "exhausted": "u",
}
_LEGEND = (
    "* kreeg de zetel; = gelijk met de winnaar; L lot; d onder de drempel; "
    "r al een restzetel in deze ronde; u lijst uitgeput; - geen stemmen"
)
SEATS_PER_TABLE = 6


def _residual_tables(steps: list[ResidualSeatStep], names: dict[int, str]) -> list[Table]:
    """Lists down, residual seats across: each cell the list's value when that seat was
    assigned, so a reader can check every seat went to the greatest value."""
    numbers = sorted(
        {c.list for s in steps for c in s.contenders} | {n for s in steps for n, _ in s.excluded}
    )
    tables = []
    for first in range(0, len(steps), SEATS_PER_TABLE):
        chunk = steps[first : first + SEATS_PER_TABLE]
        table = _table(
            "Restzetels (P 7 / P 8; P 10 bij herverdeling)"
            if first == 0
            else "Restzetels (vervolg)",
            "lijst",
            "naam",
            *(f"zetel {s.seat}" + (" (P 10)" if s.reassignment else "") for s in chunk),
        )
        table.add_row("", "methode", *(_METHOD_SHORT[s.method] for s in chunk))
        table.add_row("", "artikel", *(s.article for s in chunk))
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
            table.add_row(str(number), names.get(number, "")[:24], *cells)
        tables.append(table)
    return tables


def _other_step(step: Step, names: dict[int, str]) -> str:
    if isinstance(step, AbsoluteMajorityStep):
        lot = " (bij lot)" if step.lot else ""
        return (
            f"P 9 volstrekte meerderheid: lijst {step.list} {names.get(step.list, '')} heeft "
            f"{step.votes} van {step.total_votes} stemmen maar {step.seats_before} zetels; "
            f"krijgt de laatste restzetel van lijst {step.from_list}{lot}."
        )
    if isinstance(step, ExhaustionStep):
        return (
            f"P 10 lijstuitputting: lijst {step.list} heeft {step.seat_limit} levende kandidaten; "
            f"{step.removed_residual} restzetel(s) en {step.removed_full} volle zetel(s) "
            "gaan naar andere lijsten."
        )
    if isinstance(step, UnfilledSeatsStep):
        return f"{step.article}: {step.seats} zetel(s) blijven onvervuld: {step.reason}."
    return ""


def _preference_table(steps: list[PreferenceStep]) -> Table:
    table = _table(
        "Toewijzing aan kandidaten (P 15 voorkeur, P 17 lijstvolgorde, P 19a overleden)",
        "lijst",
        "zetels",
        "voorkeurdrempel",
        "gekozen met voorkeurstemmen (stemmen)",
        "gekozen op lijstvolgorde",
    )
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
    return table


def plain_console(out: io.StringIO) -> Console:
    """A console writing plain text of ``WIDTH`` columns to ``out``: no colour, no terminal
    codes, no markup or emoji interpretation, so the text is the same wherever it is printed."""
    return Console(
        file=out,
        width=WIDTH,
        color_system=None,
        force_terminal=False,
        highlight=False,
        emoji=False,
        markup=False,
    )


def render_result(election: Election | None, result: Result) -> str:
    """The full trace of ``result`` as text (``election`` is ``None`` for rejected input)."""
    out = io.StringIO()
    console = plain_console(out)
    if isinstance(result, Rejected):
        console.print("Invoer afgewezen (rejected):")
        for error in result.errors:
            console.print(printable(f"  {error.field}: {error.message} [{error.code}]"))
        return out.getvalue()
    assert election is not None, "a completed or needs-lot result has a valid election"
    names = _names(election)
    console.print(
        f"Zetelverdeling {_KIND[election.kind]}, {election.seats} zetels "
        f"(wet: {election.law}, profiel: {election.profile.name})"
    )
    if isinstance(result, NeedsLot):
        console.print(f"Kiesdeler (P 5): {_fraction(result.quota or Fraction(0))}")
        _print_steps(console, list(result.steps), names)
        console.print(f"LOTING NODIG ({result.lot.article}): {result.lot.description}.")
        console.print(
            "Trek het lot in het openbaar en herhaal de berekening met de uitkomst als "
            f'lots[{result.lots_used}] = {{"kind": "{result.lot.kind}", "options": '
            f'{list(result.lot.options)}, "drawn": ...}}.'
        )
        return out.getvalue()
    console.print(
        f"Stemcijfers totaal: {result.total_votes}; kiesdeler (P 5): "
        f"{result.total_votes} / {election.seats} = {_fraction(result.quota)}"
    )
    rows = _table("Volle zetels (P 6)", "lijst", "naam", "stemcijfer", "volle zetels", "overschot")
    for row in result.full_seat_rows:
        rows.add_row(
            str(row.list),
            names.get(row.list, ""),
            str(row.votes),
            str(row.full_seats),
            _fraction(row.remainder),
        )
    console.print(rows)
    _print_steps(console, list(result.steps), names)
    seats = _table(
        "Zetelverdeling",
        "lijst",
        "naam",
        "volle zetels (P 6)",
        "restzetels",
        "correctie (P 9 / P 10)",
        "totaal",
    )
    for number, total in result.seats.items():
        full = result.full_seats[number]
        residual = result.residual_seat_order.count(number)
        correction = total - full - residual
        seats.add_row(
            str(number),
            names.get(number, ""),
            str(full),
            str(residual),
            f"{correction:+d}" if correction else "",
            str(total),
        )
    console.print(seats)
    preference = [s for s in result.steps if isinstance(s, PreferenceStep)]
    if preference:
        console.print(_preference_table(preference))
    for warning in result.warnings:
        console.print(f"Waarschuwing: {warning}")
    return out.getvalue()


def _print_steps(console: Console, steps: list[Step], names: dict[int, str]) -> None:
    residual = [s for s in steps if isinstance(s, ResidualSeatStep)]
    for table in _residual_tables(residual, names):
        console.print(table)
    if residual:
        console.print(_LEGEND)
    for step in steps:
        line = _other_step(step, names)
        if line:
            console.print(line)
