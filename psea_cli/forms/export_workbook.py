"""The rows of an export's first sheet (XLSX), read as a stream within the limits of
``safe_input``: a workbook that unpacks too large and a sheet of too many cells are refused; a cell
computed by a formula is read as its text (KoboToolbox writes an answer that begins with
``=`` so), never as the value a spreadsheet last computed."""

from __future__ import annotations

import contextlib
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

from psea_cli.i18n import _
from psea_cli.problems import PseaError
from psea_cli.safe_input import MAX_SHEET_CELLS, merged_ranges, sheet_within, unpacks_within


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
            filled = False
            merged: list[str] = []
            with _merges_seen(merged) as seen:
                if not seen:  # openpyxl's reader changed: its XML read apart (small sheets)
                    _refuse_merged(path, merged_ranges(path, getattr(sheet, "_worksheet_path", "")))
                for row in sheet.iter_rows():
                    cells += len(row) or 1  # a row is as long as its last cell
                    if cells > MAX_SHEET_CELLS:
                        raise _too_many_cells(path)
                    values = [_value(cell) for cell in row]
                    filled = filled or any(value not in (None, "") for value in values)
                    yield values
            _refuse_merged(path, merged[:5])  # seen once the sheet is read to its end
            if not filled and len(workbook.worksheets) > 1:  # the answers on another sheet
                raise PseaError(
                    _("{file}: its first sheet is empty, and psea reads the first sheet "
                      "only").format(file=path.name),
                    _("Put the sheet of the submissions first (or delete the empty one), or "
                      "download the export again."), exit_code=1)
        finally:
            workbook.close()


def _refuse_merged(path: Path, ranges: list[str]) -> None:
    """Refuse a first sheet with merged cells: a merged cell keeps its value in its first cell
    only, and the rows below it read as unanswered (« required key 'received' is missing »), a
    merged consent as none given."""
    if ranges:
        raise PseaError(_("{file}: cells {cells} are merged: a merged cell keeps its value in its "
                          "first cell only, and the other rows would read as unanswered").format(
                              file=path.name, cells=", ".join(ranges)),
                        _("Unmerge them and fill every cell, or download the export again."),
                        exit_code=1)


@contextlib.contextmanager
def _merges_seen(found: list[str]) -> Iterator[bool]:
    """Note in ``found`` the merged ranges of the sheets read meanwhile, as openpyxl's reader
    parses them after the rows (a read-only workbook parses and drops them): the sheet is
    unpacked once. Yields False when that reader is not there to watch."""
    try:
        from openpyxl.worksheet import _read_only
        base = _read_only.WorkSheetParser
    except (ImportError, AttributeError):
        yield False
        return

    class Seeing(base):  # type: ignore[misc, valid-type]
        def parse(self) -> Iterator[Any]:
            yield from super().parse()
            merged = getattr(getattr(self, "merged_cells", None), "mergeCell", None) or []
            found.extend(str(m.ref) for m in merged if ":" in str(getattr(m, "ref", "")))

    _read_only.WorkSheetParser = Seeing
    try:
        yield True
    finally:
        _read_only.WorkSheetParser = base


def _value(cell: Any) -> Any:
    """A cell's value; for a formula, its text. KoboToolbox writes an answer that begins with
    ``=`` (« => orientée vers le CSRef ») as a formula, and a workbook written by a script
    keeps no computed value: read as a value, the answer was lost."""
    value = cell.value
    if getattr(cell, "data_type", None) == "f" and not isinstance(value, str):
        return getattr(value, "text", None) or str(value)  # an array formula
    return value


def _too_many_cells(path: Path) -> PseaError:
    return PseaError(_("{file} has more than 10 million cells on its first sheet").format(
        file=path.name), _("Export the submissions of a shorter period, without empty columns "
                           "far to the right; or delete a value typed far from the others (in "
                           "the sheet's last rows or columns)."), exit_code=1)
