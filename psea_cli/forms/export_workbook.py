"""The rows of an export's first sheet (XLSX), read as a stream within the limits of
``safe_input``: a workbook that unpacks too large, a sheet of too many cells, and a cell
computed by a formula (which KoboToolbox and ODK Central never write) are refused."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import Any

from psea_cli.i18n import _
from psea_cli.problems import PseaError
from psea_cli.safe_input import MAX_SHEET_CELLS, sheet_within, unpacks_within


def xlsx_rows(path: Path) -> Generator[list[Any], None, None]:
    from psea_cli.workbook_reading import load, reading

    hint = _("Download the export again; do not open and save it in another program first.")
    with reading(path, hint):  # a damaged workbook raises at the opening or while read
        if not unpacks_within(path):
            raise PseaError(_("{file} unpacks to more than 200 MB").format(file=path.name),
                            _("Export the submissions of a shorter period."), exit_code=1)
        workbook = load(path, read_only=True, data_only=False)  # a formula is seen as one
        try:
            if not workbook.worksheets:
                raise KeyError("no sheet")
            sheet = workbook.worksheets[0]
            if not sheet_within(sheet):
                raise _too_many_cells(path)
            sheet.reset_dimensions()  # read every row and column, whatever the sheet declares
            cells = 0
            header: list[Any] = []
            filled = False
            for number, row in enumerate(sheet.iter_rows(), start=1):
                cells += len(row) or 1  # a row is as long as its last cell
                if cells > MAX_SHEET_CELLS:
                    raise _too_many_cells(path)
                values = [cell.value for cell in row]
                header = header or values
                filled = filled or any(value not in (None, "") for value in values)
                for index, cell in enumerate(row):
                    if getattr(cell, "data_type", None) == "f":
                        raise _formula(path, number, header, index)
                yield values
            if not filled and len(workbook.worksheets) > 1:  # the answers on another sheet
                raise PseaError(
                    _("{file}: its first sheet is empty, and psea reads the first sheet "
                      "only").format(file=path.name),
                    _("Put the sheet of the submissions first (or delete the empty one), or "
                      "download the export again."), exit_code=1)
        finally:
            workbook.close()


def _formula(path: Path, number: int, header: list[Any], index: int) -> PseaError:
    """A cell computed by a formula: KoboToolbox and ODK Central never write one, and its value
    is the last one a spreadsheet computed, or none (a workbook written by a script), which
    psea would read as no answer. Said by its row and column, never by its formula."""
    named = header[index] if index < len(header) and number > 1 else None
    column = str(named).strip() if named is not None else ""
    return PseaError(
        _("{file}: row {row}, column {column} holds a formula").format(
            file=path.name, row=number, column=column or _column_letter(index)),
        _("KoboToolbox and ODK Central never write one: download the export again, and do not "
          "open and save it in a spreadsheet first."), exit_code=1)


def _column_letter(index: int) -> str:
    """``A``, ``B``… ``AA``: a column's name in a spreadsheet, from its index (from 0)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _too_many_cells(path: Path) -> PseaError:
    return PseaError(_("{file} has more than 10 million cells on its first sheet").format(
        file=path.name), _("Export the submissions of a shorter period, without empty columns "
                           "far to the right."), exit_code=1)
