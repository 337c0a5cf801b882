"""``psea directory import`` of the values a spreadsheet changes as they are typed: a phone
number typed ``+22320000062`` in a cell formatted General is kept as the number 22320000062,
and a date column formatted as Number shows the day's serial number (44197). Workbooks are
written with openpyxl, which is what Excel's files look like to psea."""

from __future__ import annotations

import shutil
from pathlib import Path

import git
import pytest
from helpers import committed
from openpyxl import load_workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.validation import load_dataset

REPO = Path(__file__).parent.parent
PHONE, SOP_RECEIVED, VERIFIED = 7, 11, 12


@pytest.fixture
def network(tmp_path: Path) -> Path:
    root = tmp_path / "network"
    shutil.copytree(REPO / "data", root / "data")
    return committed(root)


def export(runner: CliRunner, root: Path, target: Path, lang: str = "en") -> Path:
    result = runner.invoke(app, ["--root", str(root), "--lang", lang, "directory", "--format",
                                 "xlsx", "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


def typed(path: Path, column: int, value: object, epoch: object = None) -> int:
    """Put ``value`` in a cell formatted General (as a number typed there is kept) on the row
    of ajm/fp-1; the row's number."""
    book = load_workbook(path)
    if epoch is not None:
        book.epoch = epoch
    found = 0
    for row in book.worksheets[0].iter_rows(min_row=2):
        if (row[14].value, row[15].value) == ("ajm", "fp-1"):
            row[column].value = value
            row[column].number_format = "General"
            found = row[column].row
    book.save(path)
    assert found
    return found


def imported(runner: CliRunner, root: Path, path: Path, lang: str = "en") -> object:
    return runner.invoke(app, ["--root", str(root), "--lang", lang, "directory", "import",
                               str(path)])


def ajm_fp1(root: Path) -> object:
    dataset, _problems = load_dataset(root, use_cache=False)
    return next(o.value for o in dataset.organisations if o.value.id == "ajm").focal_points[0]


@pytest.mark.parametrize(("value", "stored"), [
    (22320000062, "+223 20 00 00 62"),         # +22320000062 typed in a General cell
    (2.232e10, "+223 20 00 00 00"),            # the same, kept as a floating-point number
    (22320000062.0, "+223 20 00 00 62"),
    ("22320000062.0", "+223 20 00 00 62"),     # a number's text with a trailing .0
    (33612345678, "+33 6 12 34 56 78"),        # another country's number
])
def test_a_phone_kept_as_a_number_is_read_as_it_was_typed(
        runner: CliRunner, network: Path, tmp_path: Path, value: object, stored: str) -> None:
    """It was stored as "22320000062", without its "+": a national number of 11 digits."""
    path = export(runner, network, tmp_path / "annuaire.xlsx")
    typed(path, PHONE, value)
    result = imported(runner, network, path)
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["modified", "focal", "point", "ajm/fp-1", "Phone"]
    assert ajm_fp1(network).phone == stored
    text = (network / "data" / "focal_points" / "ajm.yaml").read_text(encoding="utf-8")
    assert f'phone: "{stored}"' in text


@pytest.mark.parametrize("value", [
    20000062,        # a national number: its leading zero, if it had one, is lost
    2000000062,      # +20 00000062 is a possible Egyptian number, but no valid one
    22320,           # too short for any plan
    2232000006.5,    # not a whole number
])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_phone_kept_as_a_number_that_is_no_international_number_is_refused_by_place(
        runner: CliRunner, network: Path, tmp_path: Path, value: object, lang: str) -> None:
    path = export(runner, network, tmp_path / "annuaire.xlsx", lang)
    row = typed(path, PHONE, value)
    result = imported(runner, network, path, lang)
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    assert str(value).split(".")[0][:6] not in result.output  # never the number itself
    if lang == "en":
        assert (f'sheet "Focal points", row {row}, column "Phone": a number, not a phone '
                "number as typed") in result.stderr
        assert "format the column as Text, or type the number with a leading apostrophe" \
            in result.stderr
    else:
        assert f"ligne {row}, colonne « Téléphone »" in result.stderr
        assert "apostrophe" in result.stderr
    assert not git.Repo(network).is_dirty()


@pytest.mark.parametrize(("column", "field"), [(SOP_RECEIVED, "sop_received_on"),
                                               (VERIFIED, "verified_on")])
def test_a_day_shown_as_its_serial_number_is_read_as_that_day(
        runner: CliRunner, network: Path, tmp_path: Path, column: int, field: str) -> None:
    """A date column formatted as Number shows 44197 for 1 January 2021: it was refused,
    "not a valid date"."""
    import datetime as dt

    path = export(runner, network, tmp_path / "annuaire.xlsx")
    typed(path, column, 44197)
    result = imported(runner, network, path)
    assert result.exit_code == 0, result.output
    assert getattr(ajm_fp1(network), field) == dt.date(2021, 1, 1)


def test_a_serial_number_counts_from_the_workbooks_own_epoch(
        runner: CliRunner, network: Path, tmp_path: Path) -> None:
    """A workbook made with the 1904 date system (older Excel for Mac) counts from 1904."""
    import datetime as dt

    path = export(runner, network, tmp_path / "annuaire.xlsx")
    typed(path, SOP_RECEIVED, 42735, CALENDAR_MAC_1904)
    assert load_workbook(path).epoch == CALENDAR_MAC_1904
    result = imported(runner, network, path)
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["modified", "focal", "point", "ajm/fp-1", "SOPs",
                                     "received"]  # the other dates are read as they were
    assert ajm_fp1(network).sop_received_on == dt.date(2021, 1, 1)


@pytest.mark.parametrize("value", [20, 36000, 99999, 44197.5, True])
def test_any_other_number_in_a_date_column_is_still_refused(
        runner: CliRunner, network: Path, tmp_path: Path, value: object) -> None:
    """1900-01-20, 1998-07-24 and 2173-10-13 are outside the days psea reads; 44197.5 is a
    moment, not a day."""
    path = export(runner, network, tmp_path / "annuaire.xlsx")
    row = typed(path, SOP_RECEIVED, value)
    result = imported(runner, network, path)
    assert result.exit_code == 1, result.output
    assert (f"row {row} (data/focal_points/ajm.yaml, sop_received_on): error "
            "[schema.invalid-date]") in result.stderr
    assert not git.Repo(network).is_dirty()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_merge_over_millions_of_cells_is_refused_before_loading(
        runner: CliRunner, network: Path, tmp_path: Path, lang: str) -> None:
    """openpyxl makes one object of each merged cell: a merge of 26 columns over 400,000
    rows (a few bytes of XML) took 37 s, one over a whole sheet never ended."""
    import time
    import zipfile

    path = export(runner, network, tmp_path / "annuaire.xlsx", lang)
    merged = tmp_path / "merged.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(merged, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b'</sheetData><mergeCells count="1">'
                                    b'<mergeCell ref="A20:XFD1048576"/></mergeCells>')
            target.writestr(member, data)
    start = time.perf_counter()
    result = imported(runner, network, merged, lang)
    assert time.perf_counter() - start < 10
    assert result.exit_code == 1, result.output
    assert ("merges more than a million cells" if lang == "en"
            else "fusionne plus d'un million de cellules") in result.stderr
    assert not git.Repo(network).is_dirty()


def test_a_date_cell_beyond_excels_days_is_refused_without_openpyxls_warning(
        runner: CliRunner, network: Path, tmp_path: Path) -> None:
    """openpyxl warned on stderr, in English, with its own file's path and the cell's value
    (`UserWarning: Cell L2 is marked as a date but the serial value 1e+308 is outside the
    limits for dates`), before psea refused the cell by place."""
    import warnings

    path = export(runner, network, tmp_path / "annuaire.xlsx")
    row = typed(path, SOP_RECEIVED, 1e308)
    book = load_workbook(path)
    book.worksheets[0].cell(row=row, column=SOP_RECEIVED + 1).number_format = "yyyy-mm-dd"
    book.save(path)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        result = imported(runner, network, path)
    assert [str(w.message) for w in seen if "openpyxl" in w.filename] == []
    assert result.exit_code == 1, result.output
    assert f'row {row}, column "SOPs received"' in result.stderr
    assert "1e+308" not in result.output
    assert not git.Repo(network).is_dirty()
