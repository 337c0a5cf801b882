"""Reading a submissions export file (XLSX or CSV) into a table of cells: its header and the
rows that hold anything, within bounds (size, rows, cells), a CSV's quotes checked. What the
cells mean is ``exports``'s."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import io
import re
from collections.abc import Generator
from pathlib import Path
from typing import Any

from psea_cli.forms.export_workbook import xlsx_rows
from psea_cli.i18n import _
from psea_cli.problems import PseaError

MAX_BYTES = 50_000_000
MAX_ROWS = 100_000


@dataclasses.dataclass(frozen=True)
class Table:
    """An export's header row, and its rows that hold anything, each with its number in the
    file (the header is row 1)."""

    name: str
    headers: list[str]
    rows: list[tuple[int, list[Any]]]
    csv: bool = False
    """A CSV file, whose every row has a cell for every column of the header."""


def read_table(path: Path) -> Table:
    """The header and the non-empty rows of the file's first sheet (XLSX) or of the CSV, read
    once, as a stream: empty rows (a spreadsheet's blank lines, rows of bare commas) are
    skipped and not counted, and reading stops at the first row past the limit."""
    with contextlib.closing(_rows(path)) as rows:  # the workbook closed however it ends
        header = next(rows, None)
        if header is None or not any(cell_text(c) for c in header):
            raise PseaError(_("{file} holds no header row").format(file=path.name),
                            _("Export the submissions with their column names (KoboToolbox: "
                              "\"XML values and headers\")."), exit_code=1)
        kept: list[tuple[int, list[Any]]] = []
        for number, row in enumerate(rows, start=2):
            if not any(c is not None and c != "" and cell_text(c) for c in row):
                continue
            if len(kept) == MAX_ROWS:
                raise PseaError(_("{file} holds more than 100,000 submissions").format(
                    file=path.name), _("Export the submissions of a shorter period."),
                    exit_code=1)
            kept.append((number, row))
    return Table(path.name, [cell_text(c).lstrip("\ufeff") for c in header], kept,
                 csv=path.suffix.lower() != ".xlsx")


def _rows(path: Path) -> Generator[list[Any], None, None]:
    """The rows of the file's first sheet (XLSX) or of the CSV, as cell values."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise PseaError(_("{file} does not exist").format(file=path.name),
                        _("Check the path and the name of the file (ls shows the folder's "
                          "files)."))
    if not path.is_file():
        raise PseaError(_("{file} is not a file").format(file=path.name),
                        _("Give the path of the export downloaded from KoboToolbox or ODK "
                          "Central."))
    if path.stat().st_size > MAX_BYTES:
        raise PseaError(_("{file} is larger than 50 MB").format(file=path.name),
                        _("Export the submissions of a shorter period."), exit_code=1)
    if suffix == ".xlsx":
        return xlsx_rows(path)
    if suffix in (".csv", ".txt"):
        return _csv_rows(path)
    if suffix == ".zip":
        raise PseaError(_("{file} is a ZIP archive, not an export").format(file=path.name),
                        _("ODK Central's download holds one CSV file per form: unzip it, then "
                          "give the CSV named after the form (psea_intake.csv)."))
    if suffix == ".xml" and b"<h:html" in path.read_bytes()[:2000]:
        raise _form(path.name, xlsform=False)
    raise PseaError(_("{file} is neither an XLSX nor a CSV file").format(file=path.name),
                    _("Export the submissions as XLSX or CSV (KoboToolbox: Downloads → XLS or "
                      "CSV; ODK Central: Download → CSV)."))


def _form(name: str, xlsform: bool) -> PseaError:
    """The refusal of a form given for an export of its submissions."""
    kind = (_("an XLSForm, as 'psea forms' writes it") if xlsform
            else _("an XForm, converted from an XLSForm"))
    return PseaError(
        _("{file} is a form ({kind}), not an export of its submissions").format(
            file=name, kind=kind),
        _("Give the export of the submissions collected with it (KoboToolbox: the form's Data → "
          "Downloads → XLS or CSV, with \"XML values and headers\"; ODK Central: the form's "
          "Submissions → Download → CSV)."), exit_code=1)


def refuse_a_form(table: Table) -> None:
    """Refuse the XLSForm itself, given for an export of its submissions: its first sheet
    (survey) has the columns type, name and label, and no submission id."""
    headers = {header.strip().lower() for header in table.headers}
    if {"type", "name"} <= headers and any(h.startswith("label") for h in headers):
        raise _form(table.name, xlsform=True)


_EXCEL_SEPARATOR = re.compile(r"sep=([,;\t|])")


def _csv_rows(path: Path) -> Generator[list[Any], None, None]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PseaError(_("{file} is not UTF-8 text").format(file=path.name),
                        _("Download the CSV export again from KoboToolbox or ODK Central, "
                          "without saving it in Excel; or, to keep what was corrected in "
                          "Excel, save it there as UTF-8 (Excel: Save As → \"CSV UTF-8 (Comma "
                          "delimited)\")."), exit_code=1) from exc
    del raw
    first, _break, rest = text.lstrip("\ufeff").partition("\n")
    excel = _EXCEL_SEPARATOR.fullmatch(first.rstrip("\r"))
    if excel is not None:  # Excel's "sep=;" line: the separator, then the header
        delimiter, text = excel[1], rest
    else:
        delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    started = 1 + (excel is not None)  # the line of the file the next row starts on
    try:
        for row in reader:
            yield row
            started = reader.line_num + 1 + (excel is not None)
    except csv.Error as exc:  # a cell over csv's limit (128 kB), a NUL byte, a broken quote
        reason = (_("a cell is larger than 128 kB") if "field limit" in str(exc)
                  else _("a quote opened on line {line} is never closed").format(line=started)
                  if "end of data" in str(exc)
                  else _("it is not well-formed CSV (line {line})").format(
                      line=reader.line_num + (excel is not None)))
        raise PseaError(_("{file} cannot be read as CSV: {reason}").format(
            file=path.name, reason=reason),
            _("Download the CSV export again from KoboToolbox or ODK Central, without saving "
              "it in Excel."), exit_code=1) from None


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


