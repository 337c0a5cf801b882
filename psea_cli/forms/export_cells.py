"""The date cells of an export that a spreadsheet changed: a coordinator who opens an XLSX
export in Excel and saves it, or fills rows by hand, may leave a day as a number.

- **A date cell** (Excel's own date, or a serial number in a cell formatted as a date) is
  read by openpyxl as that day, counted in the workbook's date system (from 1900, or from
  1904 in a workbook made with Excel for Mac's 1904 date system: ``workbook.epoch``), and
  imported as that day.
- **A number in a cell formatted General or Number** (45230, shown where 2023-10-30 was) is
  refused before anything is written, by file, row and column, never by value, with the fix:
  format the column as a date, or type the day as YYYY-MM-DD. Read as a day it could be a
  count typed in the wrong column; refused row by row it would import the other rows, and the
  coordinator would have to find the rows again after correcting the column.

A CSV holds text only: its days are read as the tools write them, and a text that is only a
number (45230, 45230.5, ``45230,5`` from a French spreadsheet, 4.523E+04) is such a number
too, refused the same way: a CSV saved from a spreadsheet whose date column was General, or
a cell of an XLSX formatted Text. KoboToolbox and ODK Central never write a day so.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

from psea_cli.i18n import _
from psea_cli.problems import PseaError

_SHOWN = 10
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?")


def _is_number(value: Any) -> bool:
    """A number, or a text that is only a number."""
    if isinstance(value, str):
        return _NUMBER.fullmatch(value.strip()) is not None
    return isinstance(value, int | float) and not isinstance(value, bool)


def refuse_numbers_as_days(name: str, headers: list[str], rows: list[tuple[int, list[Any]]],
                           columns: Mapping[int, tuple[str, str | None]],
                           dates: Collection[str]) -> None:
    """Raise, naming each place (``name`` the file, the row, the column), when a column of a
    question in ``dates`` holds a number: ``columns`` maps a column's index to the question
    (and choice) it holds, ``rows`` are the rows with their numbers in the file."""
    indexes = [index for index, (question, choice) in sorted(columns.items())
               if question in dates and choice is None]
    places = [_("{file}, row {row}, column \"{column}\": a number, not a date").format(
                  file=name, row=number, column=headers[index])
              for number, row in rows for index in indexes
              if index < len(row) and _is_number(row[index])]
    if places:
        raise refused(places, _(
            "The spreadsheet holds these days as numbers (a day's serial number, such as 45230) "
            "in cells formatted General or Number: format the column as a date, or type each day "
            "as YYYY-MM-DD (2026-11-02), then import again; nothing was written."))


def refused(places: list[str], hint: str) -> PseaError:
    """The refusal of an export for the cells ``places`` (the first ten, and how many more),
    with ``hint``: exit 1, nothing written."""
    shown = places[:_SHOWN]
    if len(places) > _SHOWN:
        shown.append(_("… and {count} more").format(count=len(places) - _SHOWN))
    return PseaError("\n".join(shown), hint, exit_code=1)
