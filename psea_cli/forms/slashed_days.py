"""Days written with slashes in an export (``3/4/2025``). KoboToolbox and ODK Central write
days as 2025-04-03; a spreadsheet that opened their CSV and saved it again writes them with
slashes, the day first in French or British settings and the month first in American ones.
Read one fixed way, a complaint received on 3 April would be recorded on 4 March, and its
deadlines counted from that day, without a word.

- **The export's own days tell the order.** A first number above 12 can only be a day
  (``15/07/2025``: day first); a second number above 12 too (``7/15/2025``: month first).
  Every slashed day of the export is then read that way.
- **When they cannot tell**, because no day proves an order and one could be read both ways
  (``3/4/2025``: 3 April or 4 March), or because some days prove one order and others the
  other, the export is refused before anything is written, by file, row and column (never the
  value), with the fix: import the file as the tool exported it, or save it from the
  spreadsheet as XLSX, where a day is a date cell.

A day the same both ways (``4/4/2025``) is read as it is; one that is no day in the order
found (``31/02/2025``) is left as written, for the schema to refuse by row and question. A
sheet that holds both a spreadsheet's date cells and a day left as text that proves an order
(in any of its date columns) is refused too: the spreadsheet turned into dates the days it
could read in its own order (``03/04/2021`` read month first, as 4 March) and left as text
those it could not (``15/01/2021``), so each of its dates may have its day and month swapped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from typing import Any, NoReturn

from psea_cli.forms.export_cells import refused
from psea_cli.i18n import _

_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?")
"""A day with slashes, maybe with the time a spreadsheet writes after it (``15/01/2021 10:30``)."""

Place = tuple[int, int]
"""A cell: the row's number in the file and the column's index."""


def slashed_days(name: str, headers: list[str], rows: list[tuple[int, list[Any]]],
                 columns: Mapping[int, tuple[str, str | None]],
                 dates: Collection[str]) -> dict[Place, dt.date]:
    """The day each slashed cell of a column of a question in ``dates`` stands for, read in the
    order the export's days prove; raises (naming ``name``, each row and column) when they
    prove none and a day could be read both ways, or prove both orders."""
    indexes = [index for index, (question, choice) in sorted(columns.items())
               if question in dates and choice is None]
    found: dict[Place, tuple[int, int, int]] = {}
    cells: set[int] = set()  # the columns holding a spreadsheet's date cells
    for number, row in rows:
        for index in indexes:
            cell = row[index] if index < len(row) else None
            if isinstance(cell, dt.date):
                cells.add(index)
            match = _SLASHED.fullmatch(cell.strip()) if isinstance(cell, str) else None
            if match is not None:
                found[(number, index)] = (int(match[1]), int(match[2]), int(match[3]))
    day_first = [p for p, (a, b, _y) in found.items() if a > 12 >= b]
    month_first = [p for p, (a, b, _y) in found.items() if b > 12 >= a]
    if cells and (day_first or month_first):  # text the spreadsheet could not read as a day
        _refuse(name, headers, day_first + month_first,  # in its own order: one for the sheet
                _("a day left as text beside days the spreadsheet turned into dates: it read "
                  "them in the other order, so their day and month may be swapped"),
                _("The spreadsheet that saved this file read its days in another order than "
                  "they were written, and turned those it could read into dates, maybe with "
                  "day and month swapped: import the export as KoboToolbox or ODK Central wrote "
                  "it, or type each day of these columns as YYYY-MM-DD, then import again; "
                  "nothing was written."))
    if day_first and month_first:
        odd = month_first if len(month_first) <= len(day_first) else day_first
        _refuse(name, headers, odd, _("a day written in the other order than the file's "
                                      "other days (day and month swapped)"))
    if not day_first and not month_first:
        both_ways = [p for p, (a, b, _y) in found.items() if a != b and a <= 12 and b <= 12]
        if both_ways:
            _refuse(name, headers, both_ways,
                    _("a day that can be read day first or month first, and no other day of "
                      "the file tells which"))
    days = {}
    for place, (a, b, year) in found.items():
        day, month = (b, a) if month_first else (a, b)
        try:
            days[place] = dt.date(year, month, day)
        except ValueError:
            continue  # no such day: left as written, and refused as no date
    return days


def _refuse(name: str, headers: list[str], places: list[Place], reason: str,
            hint: str | None = None) -> NoReturn:
    raise refused([_("{file}, row {row}, column \"{column}\": {reason}").format(
                       file=name, row=number, column=headers[index], reason=reason)
                   for number, index in sorted(places)], hint or _(
        "A spreadsheet wrote these days with slashes, and psea cannot tell the day from the "
        "month: import the export as KoboToolbox or ODK Central wrote it (days as "
        "YYYY-MM-DD), or save it from the spreadsheet as an Excel workbook (.xlsx), then import "
        "again; nothing was written."))
