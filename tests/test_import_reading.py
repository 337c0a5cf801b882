"""How ``psea import`` reads an export: empty rows are neither kept nor counted, and a
workbook's sheet is parsed once, its header taken from its first row."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from psea_cli import clock
from psea_cli.cli import app

HEADERS = ("received,channel,region,allegation,incident_month_known,survivor_sex,"
           "survivor_age_group,survivor_count,consent_asked,note,_uuid,_submission_time")


def submission(number: int) -> str:
    return (f"2021-01-10,hotline,ML05,sexual_exploitation,no,female,adult,1,no,,"
            f"5e0a1b2c-{number:04d}-4000-8000-000000000000,2021-01-11")


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2021, 1, 15))


def dry_run(runner: CliRunner, repo: Path, export: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["--root", str(repo), "--lang", "en", "import", str(export),
                                 "--dry-run"])
    assert "internal error" not in result.output
    return result.exit_code, result.stderr


@pytest.mark.parametrize("blank", ["\n", ",,,,,,,,,,,\n", " , ,\r\n"])
def test_empty_rows_are_not_counted_as_submissions(runner: CliRunner, repo: Path,
                                                   tmp_path: Path, blank: str) -> None:
    """One submission then a million blank lines (or rows of bare commas) was refused as
    holding more than 100,000 submissions."""
    export = tmp_path / "psea_intake.csv"
    export.write_text(f"{HEADERS}\n{submission(1)}\n" + blank * 1_000_000, encoding="utf-8")
    code, out = dry_run(runner, repo, export)
    assert code == 0, out
    assert "KoboToolbox export: 1 submission\n" in out
    assert "row 2: would be added" in out
    assert "100,000" not in out


def test_more_than_100_000_submissions_are_still_refused(runner: CliRunner, repo: Path,
                                                         tmp_path: Path) -> None:
    export = tmp_path / "psea_intake.csv"
    rows = "\n".join(submission(n % 10_000) for n in range(100_001))
    export.write_text(f"{HEADERS}\n\n{rows}\n", encoding="utf-8")
    code, out = dry_run(runner, repo, export)
    assert code == 1
    assert "holds more than 100,000 submissions" in out


def test_a_workbook_sheet_is_parsed_once(runner: CliRunner, repo: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A sheet that declares no size (openpyxl's write-only mode writes none) was parsed five
    times: twice to find its size, twice for its rows, once more for the header alone."""
    export = tmp_path / "psea_intake.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append([*HEADERS.split(","), *(f"extra_{n}" for n in range(40))])
    sheet.append(submission(1).split(",") + ["x"] * 40)
    for number in range(4_000):
        sheet.append([None] * 11 + [f"filler-{number}"] + list(range(40)))
    book.save(export)
    with zipfile.ZipFile(export) as archive:
        size = archive.getinfo("xl/worksheets/sheet1.xml").file_size
    read: list[int] = []
    original = zipfile.ZipExtFile.read

    def counted(self: zipfile.ZipExtFile, n: int = -1) -> bytes:
        data = original(self, n)
        if self.name == "xl/worksheets/sheet1.xml":
            read.append(len(data))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counted)
    code, out = dry_run(runner, repo, export)
    assert "KoboToolbox export: 4001 submissions" in out
    assert "1 would be added, 4000 refused" in out  # rows without an id
    assert code == 1
    assert sum(read) < 1.2 * size, (sum(read), size)


def declaring(workbook: Path, target: Path, dimension: str) -> Path:
    """``workbook`` whose first sheet declares ``dimension`` as its size (``<dimension
    ref=…/>``), whatever it holds: a tool's stale or odd declaration."""
    with zipfile.ZipFile(workbook) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data, count = re.subn(rb'<dimension ref="[^"]*"\s*/>',
                                      f'<dimension ref="{dimension}"/>'.encode(), data)
                assert count == 1
            copy.writestr(info, data)
    return target


@pytest.mark.parametrize("dimension", ["A1:BZ2", "A1", "A1:C4"])
def test_every_row_and_column_is_read_whatever_the_sheet_declares(
        runner: CliRunner, repo: Path, tmp_path: Path, dimension: str) -> None:
    """Read as a stream, openpyxl stopped at the rows (and columns) the sheet declares: a
    sheet of three submissions declaring ``A1:BZ2`` gave one, declaring ``A1`` none."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADERS.split(","))
    for number in range(1, 4):
        sheet.append(submission(number).split(","))
    book.save(tmp_path / "written.xlsx")
    export = declaring(tmp_path / "written.xlsx", tmp_path / "psea_intake.xlsx", dimension)
    code, out = dry_run(runner, repo, export)
    assert code == 0, out
    assert "KoboToolbox export: 3 submissions\n" in out
    assert "3 would be added" in out


def test_an_export_whose_answers_are_on_the_second_sheet_says_the_first_is_read(
        runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.title = "Notes"
    answers = workbook.create_sheet("psea_intake")
    answers.append(HEADERS.split(","))
    answers.append(submission(1).split(","))
    export = tmp_path / "export.xlsx"
    workbook.save(export)
    code, err = dry_run(runner, repo, export)
    assert code == 1
    assert "export.xlsx: its first sheet is empty, and psea reads the first sheet only" in err
    assert "Put the sheet of the submissions first" in err


def test_odk_centrals_zip_download_is_said_to_be_unzipped(runner: CliRunner, repo: Path,
                                                          tmp_path: Path) -> None:
    export = tmp_path / "psea_intake.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("psea_intake.csv", HEADERS + "\n" + submission(1) + "\n")
    result = runner.invoke(app, ["--root", str(repo), "--lang", "en", "import", "--dry-run",
                                 str(export)])
    assert result.exit_code == 2
    assert "psea_intake.zip is a ZIP archive, not an export" in result.stderr
    assert "unzip it" in result.stderr


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_a_csv_saved_by_excel_in_another_encoding_says_how_to_save_it_as_utf8(
        runner: CliRunner, repo: Path, tmp_path: Path, encoding: str) -> None:
    """« not UTF-8 text » said only to download the export again: what was corrected in Excel
    would be lost, where Excel can save it as UTF-8."""
    export = tmp_path / "psea_intake.csv"
    export.write_text(HEADERS + "\n" + submission(1).replace(",,", ",Orientée,") + "\n",
                      encoding=encoding)
    code, said = dry_run(runner, repo, export)
    assert code == 1
    assert 'save it there as UTF-8 (Excel: Save As → "CSV UTF-8 (Comma delimited)")' in said
    french = runner.invoke(app, ["--root", str(repo), "--lang", "fr", "import", str(export),
                                 "--dry-run"]).stderr
    assert "(Excel : Enregistrer sous → « CSV UTF-8 (délimité par des virgules) »)" in french


@pytest.mark.parametrize("form", ["intake", "focal-point"])
def test_the_form_itself_given_for_its_submissions_is_said_to_be_the_form(
        runner: CliRunner, repo: Path, tmp_path: Path, form: str) -> None:
    """The form 'psea forms' writes, given to 'psea import', was « no submission id column »:
    right, and no help to whoever took the form for the export."""
    made = runner.invoke(app, ["--root", str(repo), "forms", "--form", form, "--output-dir",
                               str(tmp_path)])
    assert made.exit_code == 0, made.output
    code, said = dry_run(runner, repo, tmp_path / f"psea-{form}.xlsx")
    assert code == 1
    assert (f"error: psea-{form}.xlsx is a form (an XLSForm, as 'psea forms' writes it), not an "
            "export of its submissions\n    → Give the export of the submissions collected "
            "with it") in said
    converted = tmp_path / f"psea-{form}.xml"  # pyxform's xls2xform, for ODK Central
    converted.write_text('<?xml version="1.0"?><h:html xmlns="http://www.w3.org/2002/xforms" '
                         'xmlns:h="http://www.w3.org/1999/xhtml"><h:head/></h:html>',
                         encoding="utf-8")
    code, said = dry_run(runner, repo, converted)
    assert code == 1
    assert (f"error: psea-{form}.xml is a form (an XForm, converted from an XLSForm), not an "
            "export of its submissions") in said
