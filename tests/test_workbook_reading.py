"""openpyxl's private parts that ``workbook_reading.quick_sizes`` replaces and uses: an upgrade
of openpyxl that changes them fails here, not in a user's import, and psea then keeps
openpyxl's own way of reading a sheet's size."""

from __future__ import annotations

import inspect
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from psea_cli import workbook_reading
from psea_cli.workbook_reading import load, quick_sizes


def test_the_method_replaced_is_openpyxls_as_expected() -> None:
    """``ReadOnlyWorksheet._get_size(self)`` is called as each sheet opens, and sets the four
    bounds from the parsed dimension; ``reset_dimensions`` forgets them."""
    upstream = workbook_reading.REPLACED.get("_get_size",
                                             ReadOnlyWorksheet.__dict__["_get_size"])
    assert upstream is not workbook_reading._declared_size
    assert list(inspect.signature(upstream).parameters) == ["self"]
    assert "self._get_size()" in inspect.getsource(ReadOnlyWorksheet.__init__)
    source = inspect.getsource(upstream)
    assert "parse_dimensions()" in source
    assert "self._min_column, self._min_row, self._max_column, self._max_row" in source
    assert callable(ReadOnlyWorksheet.reset_dimensions)


def test_the_replacement_is_made_once_and_reads_the_same_size(tmp_path: Path) -> None:
    assert quick_sizes()
    assert ReadOnlyWorksheet.__dict__["_get_size"] is workbook_reading._declared_size
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in range(3):
        sheet.append([row, "a", "b"])
    book.save(tmp_path / "sized.xlsx")
    workbook = load(tmp_path / "sized.xlsx", read_only=True)
    read = workbook.worksheets[0]
    assert (read.min_column, read.min_row, read.max_column, read.max_row) == (1, 1, 3, 3)
    workbook.close()
    assert quick_sizes.cache_info().misses == 1


def test_an_openpyxl_not_as_expected_keeps_its_own_way(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a private part it uses, nothing is replaced, and openpyxl's own method reads
    the workbook all the same."""
    upstream = ReadOnlyWorksheet.__dict__["_get_size"]
    monkeypatch.delattr(ReadOnlyWorksheet, "_get_source")
    try:
        assert not quick_sizes.__wrapped__()
    finally:
        monkeypatch.undo()
    assert ReadOnlyWorksheet.__dict__["_get_size"] is upstream
    book = Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append(["a", "b"])
    book.save(tmp_path / "unsized.xlsx")
    monkeypatch.setattr(workbook_reading, "quick_sizes", lambda: False)
    monkeypatch.setattr(ReadOnlyWorksheet, "_get_size", workbook_reading.REPLACED.get(
        "_get_size", upstream))
    with zipfile.ZipFile(tmp_path / "unsized.xlsx") as archive:
        assert b"<dimension" not in archive.read("xl/worksheets/sheet1.xml")
    workbook = load(tmp_path / "unsized.xlsx", read_only=True)
    assert list(workbook.worksheets[0].iter_rows(values_only=True)) == [("a", "b")]
    workbook.close()
