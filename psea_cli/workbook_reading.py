"""Reading an XLSX workbook that someone downloaded, edited or mailed: however it is damaged,
the command says the file cannot be read, never an internal error.

An XLSX workbook is a zip archive of XML files, and openpyxl reads a sheet only when its rows
are asked for (``read_only``): a damaged workbook raises at the opening or later, while its
rows are read, and what it raises depends on the damage: ``zipfile`` for a broken archive or
a member whose checksum is wrong, ``zlib`` for broken compressed data, the XML parser
(``ParseError``, a ``SyntaxError``) for a truncated sheet or an undefined entity, ``KeyError``
for a missing member, ``ValueError`` or ``TypeError`` for a value openpyxl cannot convert,
``RuntimeError`` for a member flagged as encrypted or compressed in a way zipfile lacks. A
sheet that ``xl/workbook.xml`` names but the archive lacks is skipped by openpyxl without a
word (the next sheet would be read in its place): ``load`` refuses it.

    with reading(path, hint):
        workbook = load(path, read_only=True)
        rows = list(workbook.worksheets[0].iter_rows(values_only=True))
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from psea_cli.i18n import _
from psea_cli.problems import PseaError


class MissingSheet(KeyError):
    """``xl/workbook.xml`` names a sheet whose file the archive does not hold."""


def _errors() -> tuple[type[BaseException], ...]:
    from openpyxl.utils.exceptions import InvalidFileException

    return (zipfile.BadZipFile, zlib.error, EOFError, OSError, SyntaxError, KeyError,
            IndexError, ValueError, TypeError, AttributeError, ArithmeticError,
            RuntimeError, InvalidFileException)


def unreadable(path: Path, hint: str) -> PseaError:
    return PseaError(_("{file} cannot be read as an XLSX workbook").format(file=path.name),
                     hint, exit_code=1)


@contextmanager
def reading(path: Path, hint: str) -> Iterator[None]:
    """Turn whatever reading the workbook at ``path`` raises into one clear refusal (exit 1)
    with ``hint``; a ``PseaError`` raised inside goes through as it is."""
    errors = _errors()
    try:
        yield
    except PseaError:
        raise
    except errors as exc:
        raise unreadable(path, hint) from exc


def load(path: Path, *, read_only: bool, data_only: bool = True) -> Any:
    """The workbook at ``path`` (values, not formulas, unless ``data_only`` is False); raises
    ``MissingSheet`` when a sheet the workbook names is missing from the archive, and what
    openpyxl raises otherwise: call it inside ``reading``."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    ReadOnlyWorksheet._get_size = _declared_size
    reader = ExcelReader(path, read_only=read_only, data_only=data_only)
    try:
        reader.read()
        for _sheet, relation in reader.parser.find_sheets():
            if relation.target not in reader.valid_files:
                raise MissingSheet(relation.target)
    except BaseException:
        reader.archive.close()  # openpyxl leaves it open when reading fails
        raise
    return reader.wb


def _declared_size(sheet: Any) -> None:
    """The size a sheet declares (``<dimension ref="A1:CU70001"/>``), read from the start of
    its XML: openpyxl's own ``ReadOnlyWorksheet._get_size`` looks for it among the *end* of
    elements, and so parses every row of a sheet that declares none (as openpyxl's own
    write-only mode writes them) before the rows are read, once per sheet of the workbook."""
    from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG
    from openpyxl.worksheet.dimensions import SheetDimension
    from openpyxl.xml.functions import iterparse

    source = sheet._get_source()
    try:
        for _event, element in iterparse(source, events=("start",)):
            if element.tag == DIMENSION_TAG:
                (sheet._min_column, sheet._min_row, sheet._max_column,
                 sheet._max_row) = SheetDimension.from_tree(element).boundaries
                return
            if element.tag == DATA_TAG:
                return
    finally:
        source.close()
