"""The directory as a spreadsheet, both ways: the workbook ``psea directory --format xlsx``
writes, and reading it back after someone edited it in Excel or LibreOffice.

The "Focal points" sheet ends with two columns, the organisation's id and the focal point's
id, which tie each row to its entry; a new row leaves the focal point's id empty. A hidden
sheet, ``psea``, records that psea wrote the workbook, in which language, and the exact list
of columns (the layout). A workbook without it, or whose columns were moved, renamed, added
or removed, is refused: reading it by position would put values in the wrong fields.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from psea_cli.directory import labels, tables
from psea_cli.directory.export_xlsx import META_SHEET
from psea_cli.directory.workbook_cells import NOT_TYPED, day, phone
from psea_cli.directory.workbook_cells import text as _text
from psea_cli.directory.workbook_guard import (
    MAX_MERGED_CELLS,
    Row,
    empty_values,
    merged_cells,
    refuse_non_values,
    refuse_numbers_as_phones,
)
from psea_cli.i18n import _, current_language, load_translations
from psea_cli.problems import PseaError
from psea_cli.safe_input import sheet_within, unpacks_within

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset
    from psea_cli.directory.lookup import ListedFocalPoint

FORMAT = "psea-directory"
FORMAT_VERSION = "1"
FIELDS = ("name", "role", "title", "email", "phone", "regions", "languages", "sop_received_on",
          "verified_on", "example")
"""The focal-point fields a workbook row sets, in the order of their columns."""
_COLUMN_OF = {"name": 3, "role": 4, "title": 5, "email": 6, "phone": 7, "regions": 9,
              "languages": 10, "sop_received_on": 11, "verified_on": 12, "example": 13}
"""Column index (0-based) of each field in ``tables.focal_points_sheet``; 0-2 describe the
organisation, 8 names the regions (their p-codes, column 9, are what is read)."""
_ORG_NAME, _ACRONYM, _REGION_NAMES, _ORG_ID, _FP_ID = 0, 1, 8, 14, 15


def editable_sheet(dataset: Dataset, listed: list[ListedFocalPoint]) -> tables.Sheet:
    """The focal-point sheet with the ids that tie each row to its entry."""
    base = tables.focal_points_sheet(dataset, listed)
    columns = (*base.columns, tables.Column(_("Organisation id"), "#org+code"),
               tables.Column(_("Focal point id"), "#contact+code"))
    rows = [(*row, item.organisation.id, item.focal_point.id)
            for row, item in zip(base.rows, listed, strict=True)]
    return tables.Sheet(base.name, columns, rows)


def _signature(headers: list[str]) -> str:
    return hashlib.sha256("\0".join([FORMAT_VERSION, *headers]).encode()).hexdigest()[:16]


def metadata(sheet: tables.Sheet, filtered: bool) -> list[tuple[str, str]]:
    headers = [c.header for c in sheet.columns]
    return [("format", FORMAT), ("version", FORMAT_VERSION), ("language", current_language()),
            ("sheet", sheet.name), ("layout", _signature(headers)),
            ("filtered", "yes" if filtered else "no"), *(("column", h) for h in headers)]




def _not_psea(path: Path) -> PseaError:
    return PseaError(
        _("{file} is not a directory workbook written by psea").format(file=path.name),
        _("Export the directory with 'psea directory --format xlsx', edit that file, and "
          "import it; psea reads back only its own workbook."), exit_code=1)


def _open(path: Path) -> Any:
    """The workbook at ``path``; raises what a damaged workbook raises (see
    ``workbook_reading``), a file that is no zip archive at all being no psea workbook."""
    from openpyxl.utils.exceptions import InvalidFileException

    from psea_cli.workbook_reading import load

    if not path.exists():
        raise PseaError(_("{file} does not exist").format(file=path.name),
                        _("Check the path and the name of the file (ls shows the folder's "
                          "files)."))
    if not path.is_file():
        raise PseaError(_("{file} is not a file").format(file=path.name),
                        _("Give the path of the workbook 'psea directory --format xlsx' wrote."))
    if not zipfile.is_zipfile(path):
        raise _not_psea(path)
    try:
        if not unpacks_within(path):
            raise _not_psea(path)
        _refuse_large_sheets(path)
        return load(path, read_only=False, data_only=False)  # formulas as formulas: refused,
        # never read as empty
    except InvalidFileException as exc:  # another kind of file (.ods, .csv)
        raise _not_psea(path) from exc


MAX_SHEETS_BYTES = 20_000_000
"""The most bytes a directory workbook may unpack to, all its members together: a directory
of 5,000 focal points exported by psea unpacks to about 3 MB. Every sheet is loaded whole
(cells with their kinds, to refuse formulas): an unused sheet of two million rows took 75 s
and 1.7 GB."""


def _refuse_large_sheets(path: Path) -> None:
    """Refuse, before anything is loaded, a workbook that unpacks to more than
    ``MAX_SHEETS_BYTES``, as its archive says; what a reader then gets is checked by
    ``zipfile``. Every member counts, whatever its name: openpyxl finds the sheets through
    ``xl/_rels/workbook.xml.rels``, whose targets may be anywhere in the archive (a sheet
    moved to ``xl/other/sheet2.xml``, or named like an image), and psea's own workbook holds
    no image."""
    with zipfile.ZipFile(path) as archive:
        size = sum(member.file_size for member in archive.infolist())
        if size > MAX_SHEETS_BYTES:
            raise PseaError(
                _("the sheets of {file} unpack to more than 20 MB, far more than a directory "
                  "holds").format(file=path.name),
                _("Export the directory again with 'psea directory --format xlsx', and edit "
                  "only its focal points; do not paste other data into any of its sheets."),
                exit_code=1)
        merged = sum(merged_cells(archive.read(member)) for member in archive.infolist())
    if merged > MAX_MERGED_CELLS:
        raise PseaError(
            _("{file} merges more than a million cells, far more than a directory "
              "holds").format(file=path.name),
            _("Unmerge the merged cells, or export the directory again with 'psea directory "
              "--format xlsx' and redo the edits; nothing was written."), exit_code=1)



def _meta(path: Path, workbook: Any) -> tuple[dict[str, str], list[str]]:
    if META_SHEET not in workbook.sheetnames:
        raise _not_psea(path)
    meta: dict[str, str] = {}
    columns: list[str] = []
    for key, value, *_rest in workbook[META_SHEET].iter_rows(values_only=True):
        if key == "column":
            columns.append(str(value))
        elif key is not None:
            meta[str(key)] = str(value)
    if meta.get("format") != FORMAT or meta.get("version") != FORMAT_VERSION:
        raise _not_psea(path)
    return meta, columns


def _layout_changed(path: Path) -> PseaError:
    return PseaError(
        _("the columns of {file} were changed (moved, renamed, added or removed)").format(
            file=path.name),
        _("psea reads each column by its place: keep the columns as exported and edit only "
          "the cells (adding rows is fine). Export again and redo the edits if needed."),
        exit_code=1)


def read_rows(path: Path, country_code: str | None) -> tuple[dict[str, str], list[Row]]:
    """(metadata, rows) of a workbook psea wrote; refuse any other workbook or layout, and a
    phone kept as a number that is no number typed with ``+`` (``country_code``: the
    network's, network.yaml's ``phone_country_code``)."""
    from psea_cli.workbook_reading import reading

    with reading(path, _("Export the directory again with 'psea directory --format xlsx' and "
                         "redo the edits in that file.")):
        workbook = _open(path)
        meta, columns = _meta(path, workbook)
        sheet_name = meta.get("sheet", "")
        if sheet_name not in workbook.sheetnames or meta.get("layout") != _signature(columns):
            raise _layout_changed(path)
        sheet = workbook[sheet_name]
        if not sheet_within(sheet):  # a cell far away (XFD1048576) would pad every row to it
            raise _layout_changed(path)
        grid = list(sheet.iter_rows(max_col=len(columns) + 1))
        epoch = workbook.epoch  # 1900, or 1904: where a date's serial number counts from
        cells = [tuple(cell.value for cell in row) for row in grid]
    headers = [str(c) if c is not None else "" for c in cells[0]] if cells else []
    while headers and not headers[-1]:
        headers.pop()
    if headers != columns:
        raise _layout_changed(path)
    refuse_non_values(sheet_name, columns, grid[1:], empty_values(path, sheet_name))
    language = meta.get("language", "en")
    rows = []
    for number, values in enumerate(cells[1:], start=2):
        padded = [*values, *([None] * (len(columns) - len(values)))]
        if not any(_text(v) for v in padded):
            continue
        rows.append(Row(number, _text(padded[_ORG_ID]) or None, _text(padded[_FP_ID]) or None,
                        (_text(padded[_ORG_NAME]), _text(padded[_ACRONYM])),
                        _fields(padded, language, country_code, epoch),
                        _text(padded[_REGION_NAMES])))
    refuse_numbers_as_phones(sheet_name, columns[_COLUMN_OF["phone"]], country_code,
                             [row.number for row in rows if row.fields["phone"] is NOT_TYPED])
    return meta, rows


def regions_disagree(row: Row, names: dict[str, str], language: str) -> bool:
    """Whether the "Regions" column says something else than the p-codes (someone edited the
    names, which are not read): ``names`` maps p-codes to region names."""
    from psea_cli.directory.lookup import folded

    written = {folded(part) for part in row.regions_text.split(",") if part.strip()}
    if not written:
        return False  # a new row may leave the names to psea
    everywhere = {folded(load_translations(lang).gettext("whole country"))
                  for lang in (language, "en")}
    pcodes = row.fields.get("regions") or []
    if not pcodes:
        return bool(written - everywhere)
    return written != {folded(names.get(p, p)) for p in pcodes}


def _key(text: str) -> str:
    """``Suppléant·e`` and ``suppleant`` alike: folded, without an inclusive ending."""
    from psea_cli.directory.lookup import folded

    key = folded(text)
    for ending in ("·e", "(e)", ".e", "-e"):
        key = key.removesuffix(ending)
    return key.replace("_", " ")


def _codes(table: dict[str, str], language: str) -> dict[str, str]:
    """Label (in the workbook's language or English) or code → code, ignoring case, accents
    and inclusive endings."""
    translate = load_translations(language).gettext
    found = {_key(code): code for code in table}
    for code, label in table.items():
        found[_key(label)] = code
        found[_key(translate(label))] = code
    for label, code in _FORMER_LABELS.items():  # workbooks exported by earlier versions
        if code in table:
            found.setdefault(_key(label), code)
    return found


_FORMER_LABELS = {"Agence lead": "lead_agency"}
"""Labels earlier versions of psea wrote in exported workbooks, read as they were meant."""


def _languages(text: str, language: str) -> list[str] | str:
    names = {name.casefold(): code
             for code, name in labels.language_table(language).items()}
    codes: list[str] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        code = names.get(part.casefold(), part.casefold() if len(part) <= 3 else None)
        if code is None:
            return text  # an unknown language name: validation explains it
        codes.append(code)
    return codes


_NOT_EXAMPLE = {"no", "non", "false", "faux", "0", "n"}
"""What a spreadsheet user writes in the "Example entry" column to say the entry is real (a
cell typed FALSE or FAUX is read as the boolean False): it is no example, as an empty cell."""


def _fields(values: list[Any], language: str, country_code: str | None,
            epoch: dt.datetime) -> dict[str, Any]:
    read: dict[str, Any] = {}
    for name, index in _COLUMN_OF.items():
        value = values[index]
        text = _text(value)
        if name == "role":
            read[name] = _codes(labels.ROLES, language).get(_key(text), text) or None
        elif name == "regions":
            read[name] = [p.strip() for p in text.split(",") if p.strip()]
        elif name == "languages":
            read[name] = _languages(text, language)
        elif name == "phone":
            read[name] = phone(value, country_code)
        elif name in ("sop_received_on", "verified_on"):
            read[name] = day(value, epoch)
        elif name == "example":
            read[name] = bool(text) and _key(text) not in _NOT_EXAMPLE
        else:
            read[name] = text or None
    return read
