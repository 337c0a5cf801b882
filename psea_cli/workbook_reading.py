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
word (the next sheet would be read in its place): ``load`` refuses it. What openpyxl warns
of while it reads (a date cell whose number is no day, ``Cell C2 is marked as a date but the
serial value 1e+308 is outside the limits for dates``; an extension it drops) is not printed:
in English, with openpyxl's own file and the cell's value, it says nothing the command does
not say in the user's language (the cell is read as an error, refused by place).

    with reading(path, hint):
        workbook = load(path, read_only=True)
        rows = list(workbook.worksheets[0].iter_rows(values_only=True))
"""

from __future__ import annotations

import functools
import warnings
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
    with ``hint``, openpyxl's warnings unsaid; a ``PseaError`` raised inside goes through as
    it is."""
    errors = _errors()
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", module=r"openpyxl(\.|$)")
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

    if read_only:
        quick_sizes()
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


@functools.cache
def quick_sizes() -> bool:
    """Have openpyxl read a sheet's declared size from the start of its XML (``_declared_size``)
    — done once for the process, and only when openpyxl's private parts it replaces and uses
    are as expected (a test checks them); otherwise openpyxl keeps its own way, slower but
    correct. Whether it is done."""
    try:
        from openpyxl.worksheet import _reader
        from openpyxl.worksheet._read_only import ReadOnlyWorksheet
        from openpyxl.worksheet.dimensions import SheetDimension
        from openpyxl.xml.functions import iterparse
    except ImportError:
        return False
    expected = (callable(getattr(ReadOnlyWorksheet, "_get_size", None))
                and callable(getattr(ReadOnlyWorksheet, "_get_source", None))
                and all(hasattr(ReadOnlyWorksheet, name) for name in _BOUNDS)
                and isinstance(getattr(_reader, "DIMENSION_TAG", None), str)
                and isinstance(getattr(_reader, "DATA_TAG", None), str)
                and callable(getattr(SheetDimension, "from_tree", None))
                and hasattr(SheetDimension, "boundaries") and callable(iterparse))
    if expected:
        REPLACED.setdefault("_get_size", ReadOnlyWorksheet._get_size)
        ReadOnlyWorksheet._get_size = _declared_size
    return expected


REPLACED: dict[str, Any] = {}
"""openpyxl's own methods that ``quick_sizes`` replaced, by name."""
_BOUNDS = ("_min_column", "_min_row", "_max_column", "_max_row")
"""What openpyxl's ``ReadOnlyWorksheet._get_size`` sets, in the order of a dimension's
``boundaries``."""


def _declared_size(sheet: Any) -> None:
    """The size a sheet declares (``<dimension ref="A1:CU70001"/>``), read from the start of
    its XML: openpyxl's own ``ReadOnlyWorksheet._get_size``, called for every sheet as the
    workbook opens, looks for it among the *end* of elements, and so parses every row of a
    sheet that declares none (as openpyxl's own write-only mode writes them). The size is
    only a first check (``safe_input.sheet_within``): the rows are read whatever it says."""
    from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG
    from openpyxl.worksheet.dimensions import SheetDimension
    from openpyxl.xml.functions import iterparse

    source = sheet._get_source()
    try:
        for _event, element in iterparse(source, events=("start",)):
            if element.tag == DIMENSION_TAG:
                for name, value in zip(_BOUNDS, SheetDimension.from_tree(element).boundaries,
                                       strict=True):
                    setattr(sheet, name, value)
                return
            if element.tag == DATA_TAG:
                return
    finally:
        source.close()
