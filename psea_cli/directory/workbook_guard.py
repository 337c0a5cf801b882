"""What an edited directory workbook must not hold, refused before anything is compared.

- **A cell that is not a value**: a formula (``=HYPERLINK(…)``, ``=TODAY()``), an error
  (``#N/A``, ``#REF!``), a number that is none (NaN, which a spreadsheet library writes as
  an empty value) or a cell merged into another (Excel and LibreOffice show the merged
  value across it, and keep it only in the first cell). Read as they come, they would empty
  the field they stand in, and the import would delete the value the directory holds.
- **A phone number kept as a number** that is no phone typed with ``+``
  (``workbook_cells``): read as it is, it would be stored without its ``+``, or wrong.
- **Rows mixed up**: two rows with the same organisation and focal point ids, or a row whose
  organisation columns are not those of its organisation id, as a sort of some columns
  only leaves them. Applied, one entry would silently take another one's name, e-mail and
  phone.

Each is refused by place (sheet, row, column), with exit 1: nothing is written.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from psea_cli.i18n import _
from psea_cli.printable import printable
from psea_cli.problems import PseaError
from psea_cli.safe_input import MERGE as _MERGE

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_SHOWN = 20
"""At most this many places in one message; the rest are counted."""


@dataclasses.dataclass(frozen=True)
class Row:
    """One row of the sheet: its number, the ids (focal point id None for a new entry), the
    organisation's name and acronym as written, and the fields as read."""

    number: int
    organisation: str | None
    focal_point: str | None
    organisation_text: tuple[str, str]
    fields: dict[str, Any]
    regions_text: str = ""
    """The "Regions" column as written: names shown for reading; the p-codes are read."""


def empty_values(path: Path, sheet_name: str) -> set[str]:
    """Coordinates (``H3``) of the cells of ``sheet_name`` that declare a value and hold none
    (``<v/>``): what NaN becomes; openpyxl reads them as empty cells."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.xml.functions import iterparse

    reader = ExcelReader(str(path), read_only=True, data_only=True)
    found: set[str] = set()
    try:
        reader.read_manifest()
        reader.read_workbook()
        target = next((rel.target for sheet, rel in reader.parser.find_sheets()
                       if sheet.name == sheet_name), None)
        if target is None:
            return found
        with reader.archive.open(target) as stream:
            for _event, element in iterparse(stream):
                if element.tag != f"{_MAIN}c":
                    continue
                value = element.find(f"{_MAIN}v")
                if (value is not None and not (value.text or "").strip()
                        and element.find(f"{_MAIN}f") is None and element.get("t", "n") == "n"):
                    found.add(str(element.get("r")))
                element.clear()
    finally:
        reader.archive.close()
    return found


def _what(cell: Any, empty: set[str]) -> str | None:
    """Why ``cell`` holds no value (a formula, an error), or None when it holds one."""
    from openpyxl.cell.cell import ERROR_CODES

    value = cell.value
    if cell.data_type == "f" or type(value).__name__ in ("ArrayFormula", "DataTableFormula"):
        return _("a formula, not a value")
    if cell.data_type == "e" or (isinstance(value, str) and value.strip() in ERROR_CODES):
        return _("an error, not a value")
    if isinstance(value, float) and not math.isfinite(value):
        return _("not a number (NaN), not a value")
    if getattr(cell, "coordinate", None) in empty:
        return _("not a number (NaN), not a value")
    if type(cell).__name__ == "MergedCell":
        return _("merged into another cell, not a value of its own")
    return None


def refuse_non_values(sheet_name: str, headers: Sequence[str], rows: Iterable[Sequence[Any]],
                      empty: set[str]) -> None:
    """Raise, naming every such cell, when a cell below the headers is not a value."""
    places = []
    merged = False
    for number, cells in enumerate(rows, start=2):
        for index, cell in enumerate(cells[:len(headers)]):
            what = _what(cell, empty)
            if what is not None:
                merged = merged or type(cell).__name__ == "MergedCell"
                places.append(_("sheet \"{sheet}\", row {row}, column \"{column}\": {what}").format(
                    sheet=sheet_name, row=number, column=headers[index], what=what))
    if places:
        raise PseaError(
            _refused(places),
            _("Unmerge the merged cells and type each row's value in its own cell, type the "
              "value itself in the others (or copy them and paste values only), then import "
              "again; nothing was written.") if merged else
            _("Type the value itself in those cells (or copy them and paste values only), "
              "then import again; nothing was written."), exit_code=1)


def refuse_numbers_as_phones(sheet_name: str, column: str, country_code: str | None,
                             rows: Sequence[int]) -> None:
    """Raise, naming every such row (never the number), when a phone cell holds a number that
    is no phone typed with ``+`` (``workbook_cells.phone``)."""
    if not rows:
        return
    what = _("a number, not a phone number as typed: the spreadsheet dropped its '+' or its "
             "leading zeros, and with '+' in front it is no valid international number")
    raise PseaError(
        _refused([_("sheet \"{sheet}\", row {row}, column \"{column}\": {what}").format(
            sheet=sheet_name, row=row, column=column, what=what) for row in rows]),
        _("A spreadsheet keeps a phone number typed in a General or Number cell as a number: "
          "format the column as Text, or type the number with a leading apostrophe "
          "('+{code}…), then import again; nothing was written.").format(
            code=country_code or ""), exit_code=1)


def _refused(places: list[str]) -> str:
    """One line per place (a sheet's name or a cell typed in a workbook made printable), the
    message of several lines the error prints."""
    shown = [printable(place) for place in places[:_SHOWN]]
    more = len(places) - len(shown)
    if more:
        shown.append(_("… and {count} more").format(count=more))
    return "\n".join(shown)


def _folded(text: str) -> str:
    from psea_cli.directory.lookup import folded

    return folded(text.strip())


def refuse_mixed_rows(rows: Sequence[Row], organisations: dict[str, tuple[str, str]]) -> None:
    """Raise when two rows hold the same entry, or a row's organisation columns contradict
    its organisation id (``organisations``: id → name, acronym, as the directory has them)."""
    places = []
    seen: dict[tuple[str, str], int] = {}
    shown_as: dict[str, tuple[int, tuple[str, ...]]] = {}
    for row in rows:
        if row.organisation is None:
            continue
        if row.focal_point is not None:
            key = (row.organisation, row.focal_point)
            if key in seen:
                places.append(_("rows {first} and {second} both hold focal point {entry}").format(
                    first=seen[key], second=row.number, entry="/".join(key)))
            seen.setdefault(key, row.number)
        written = tuple(_folded(t) for t in row.organisation_text)
        if not any(written):
            continue
        first = shown_as.setdefault(row.organisation, (row.number, written))
        if first[1] != written:
            places.append(_("rows {first} and {second} both give organisation id {id} but "
                            "different Organisation or Acronym columns").format(
                first=first[0], second=row.number, id=row.organisation))
        elif row.organisation in organisations and _contradicts(
                written, organisations[row.organisation]):
            places.append(_("row {row}: the Organisation and Acronym columns are not those of "
                            "organisation id {id}").format(row=row.number, id=row.organisation))
    if places:
        raise PseaError(
            _refused(places),
            _("Rows were probably sorted or pasted without their id columns (the last two): "
              "export the directory again and redo the edits; an organisation's name and "
              "acronym are edited in its file, not in the workbook. Nothing was written."),
            exit_code=1)


def _contradicts(written: tuple[str, ...], known: tuple[str, str]) -> bool:
    name, acronym = written
    return bool((name and name != _folded(known[0])) or (acronym and acronym != _folded(known[1])))


MAX_MERGED_CELLS = 1_000_000
"""The most cells a directory workbook's merged ranges may cover, together: openpyxl makes
one object of each (a merge of 26 columns over 400,000 rows took 37 s, one over a whole
sheet would never end); merged cells are refused by place once loaded."""
def merged_cells(member: bytes) -> int:
    """How many cells the merged ranges (``<mergeCell ref="A1:C3"/>``) of ``member`` cover."""
    from openpyxl.utils import column_index_from_string

    total = 0
    for match in _MERGE.finditer(member):
        first_column, first_row, last_column, last_row = (
            part.decode("ascii") if part else None for part in match.groups())
        if last_column is None or last_row is None:
            continue
        columns = abs(column_index_from_string(last_column)
                      - column_index_from_string(str(first_column))) + 1
        total += columns * (abs(int(last_row) - int(str(first_row))) + 1)
    return total
