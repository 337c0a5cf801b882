"""``psea directory import`` refuses a workbook whose sheets, used or not, are far larger than a
directory, before loading any of them: an "Organisations" sheet of two million rows (12.7 MB
compressed) took 75 s and 1.7 GB, since every sheet is loaded whole."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from psea_cli import workbook_reading
from psea_cli.cli import app


def bloated(workbook: Path, target: Path, member: str, size: int) -> Path:
    """``workbook`` with the sheet ``member`` padded with rows up to ``size`` bytes unpacked."""
    with zipfile.ZipFile(workbook) as source, zipfile.ZipFile(
            target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == member:
                text = data.decode()
                first = int(re.findall(r'<row r="(\d+)"', text)[-1]) + 1
                rows = []
                length = len(data)
                number = first
                while length < size:
                    row = f'<row r="{number}"><c r="A{number}" t="n"><v>{number}</v></c></row>'
                    rows.append(row)
                    length += len(row)
                    number += 1
                text = re.sub(r'<dimension ref="[^"]*" */>', "", text)
                data = text.replace("</sheetData>", "".join(rows) + "</sheetData>").encode()
            copy.writestr(info, data)
    return target


@pytest.fixture
def loaded(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The workbooks openpyxl was asked to open, through psea's one way of opening them."""
    opened: list[Path] = []
    original = workbook_reading.load

    def spying(path: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(path)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(workbook_reading, "load", spying)
    return opened


def test_an_unused_sheet_far_larger_than_a_directory_is_refused_before_loading(
        runner: CliRunner, valid_repo: Path, tmp_path: Path, loaded: list[Path]) -> None:
    exported = tmp_path / "directory.xlsx"
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "directory",
                                 "--format", "xlsx", "-o", str(exported)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(exported) as archive:
        assert "xl/worksheets/sheet2.xml" in archive.namelist()  # "Organisations"
    big = bloated(exported, tmp_path / "big.xlsx", "xl/worksheets/sheet2.xml", 21_000_000)
    assert big.stat().st_size < 5_000_000
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "directory",
                                 "import", str(big), "--dry-run"])
    assert result.exit_code == 1, result.output
    assert "the sheets of big.xlsx unpack to more than 20 MB" in result.stderr
    assert loaded == []  # refused before openpyxl opened it
    within = bloated(exported, tmp_path / "within.xlsx", "xl/worksheets/sheet2.xml", 200_000)
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "directory",
                                 "import", str(within), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert [path.name for path in loaded] == ["within.xlsx"]  # the one under the limit is read


def test_every_row_is_read_whatever_the_sheets_declare(
        runner: CliRunner, valid_repo: Path, tmp_path: Path) -> None:
    """A sheet's declared size (``<dimension ref="A1"/>``) is not what is read: every sheet
    is loaded whole, its rows all read."""
    from psea_cli.directory.workbook import read_rows

    exported = tmp_path / "directory.xlsx"
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "directory",
                                 "--format", "xlsx", "-o", str(exported)])
    assert result.exit_code == 0, result.output
    stale = tmp_path / "stale.xlsx"
    with zipfile.ZipFile(exported) as source, zipfile.ZipFile(stale, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1"/>', data)
            copy.writestr(info, data)
    meta, rows = read_rows(exported, "223")
    assert rows
    assert read_rows(stale, "223") == (meta, rows)


def test_a_sheet_moved_elsewhere_in_the_archive_counts_all_the_same(
        runner: CliRunner, valid_repo: Path, tmp_path: Path, loaded: list[Path]) -> None:
    """openpyxl finds a sheet through ``xl/_rels/workbook.xml.rels``, wherever it is: a sheet
    of 150 MB moved to ``xl/other/sheet2.xml`` took 34 s and 1.25 GB."""
    exported = tmp_path / "directory.xlsx"
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "directory",
                                 "--format", "xlsx", "-o", str(exported)])
    assert result.exit_code == 0, result.output
    big = bloated(exported, tmp_path / "big.xlsx", "xl/worksheets/sheet2.xml", 21_000_000)
    for place in ("xl/other/sheet2.xml", "xl/media/image2.png"):
        moved = tmp_path / "moved.xlsx"
        with zipfile.ZipFile(big) as source, zipfile.ZipFile(
                moved, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in source.infolist():
                data = source.read(info)
                if info.filename == "xl/_rels/workbook.xml.rels":
                    data = data.replace(b"/xl/worksheets/sheet2.xml", f"/{place}".encode())
                    data = data.replace(b"worksheets/sheet2.xml", place[3:].encode())
                    assert place[3:].encode() in data
                name = place if info.filename == "xl/worksheets/sheet2.xml" else info.filename
                copy.writestr(name, data, zipfile.ZIP_DEFLATED)
        result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "directory",
                                     "import", str(moved), "--dry-run"])
        assert result.exit_code == 1, result.output
        assert "the sheets of moved.xlsx unpack to more than 20 MB" in result.stderr
        assert loaded == []  # refused before openpyxl opened it
