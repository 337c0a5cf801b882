"""``psea import`` of an XLSX export that a coordinator opened and saved in Excel, or filled by
hand: a date cell (Excel's own, or a serial number formatted as a date) is read as its day in
the workbook's date system (1900, or Excel for Mac's 1904); a day left as a bare number (a
cell formatted General or Number) is refused by file, row and column, never by value, and
nothing is written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from test_import import KOBO_HEADERS, SECRET_NAME, cases, kobo_row, odk_row, write_odk
from test_import_sessions import HEADERS as SESSION_HEADERS
from test_import_sessions import row as session_row
from typer.testing import CliRunner

from psea_cli import clock
from psea_cli.cli import app
from psea_cli.validation import load_dataset

SERIAL = 44206
"""2021-01-10, counted from 1900 (Excel for Windows)."""
SERIAL_1904 = SERIAL - 1462
"""The same day in a workbook made with Excel for Mac's 1904 date system."""
RECEIVED = KOBO_HEADERS.index("reception/received") + 1
INCIDENT = KOBO_HEADERS.index("incident/incident_month") + 1
UUID = "3f1c9a2e-{:04d}-4a8b-9c1d-2e3f4a5b6c7d"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2021, 1, 15))


def intake_export(path: Path, received: list[object], *, date_format: str | None = None,
                  mac: bool = False) -> Path:
    """A KoboToolbox intake export, one submission per value of ``received``, that cell
    formatted ``date_format`` when given, in a 1904 workbook when ``mac``."""
    workbook = Workbook()
    if mac:
        workbook.epoch = dt.datetime(1904, 1, 1)  # openpyxl's CALENDAR_MAC_1904
    sheet = workbook.active
    sheet.append(KOBO_HEADERS)
    for index, value in enumerate(received, start=1):
        sheet.append(kobo_row(UUID.format(index), index, received=value,
                              note=f"Appeler {SECRET_NAME}" if index == 2 else ""))
        if date_format:
            sheet.cell(row=index + 1, column=RECEIVED).number_format = date_format
    workbook.save(path)
    return path


def imported(runner: CliRunner, repo: Path, export: Path, lang: str = "en") -> object:
    return runner.invoke(app, ["--root", str(repo), "--lang", lang, "import", str(export)])


def received_days(repo: Path) -> list[dt.date]:
    dataset, problems = load_dataset(repo, use_cache=False)
    assert [p for p in problems if p.severity.name == "ERROR"] == []
    return sorted(c.value.received_day for c in dataset.cases if c.value.id != "7KQ2M9AB")


def test_excel_date_cells_are_imported_as_their_day(runner: CliRunner, repo: Path,
                                                    tmp_path: Path) -> None:
    export = intake_export(tmp_path / "kobo.xlsx", [dt.datetime(2021, 1, 10),
                                                    dt.date(2021, 1, 11), "2021-01-12"])
    result = imported(runner, repo, export)
    assert result.exit_code == 0, result.stderr
    assert "3 added" in result.stderr
    assert received_days(repo) == [dt.date(2021, 1, 10), dt.date(2021, 1, 11),
                                   dt.date(2021, 1, 12)]


@pytest.mark.parametrize("date_format", ["dd/mm/yyyy", "yyyy-mm-dd", "d mmmm yyyy",
                                         "dd/mm/yyyy hh:mm"])
def test_serial_numbers_formatted_as_dates_are_their_day(runner: CliRunner, repo: Path,
                                                         tmp_path: Path,
                                                         date_format: str) -> None:
    export = intake_export(tmp_path / "saved-in-excel.xlsx", [SERIAL, SERIAL + 1.5],
                           date_format=date_format)
    result = imported(runner, repo, export)
    assert result.exit_code == 0, result.stderr
    assert received_days(repo) == [dt.date(2021, 1, 10), dt.date(2021, 1, 11)]


def test_a_1904_workbook_counts_its_serials_from_1904(runner: CliRunner, repo: Path,
                                                      tmp_path: Path) -> None:
    export = intake_export(tmp_path / "mac.xlsx", [SERIAL_1904, dt.datetime(2021, 1, 11)],
                           date_format="dd/mm/yyyy", mac=True)
    result = imported(runner, repo, export)
    assert result.exit_code == 0, result.stderr
    assert received_days(repo) == [dt.date(2021, 1, 10), dt.date(2021, 1, 11)]


def test_an_incident_month_formatted_as_a_date_is_its_month(runner: CliRunner, repo: Path,
                                                            tmp_path: Path) -> None:
    path = intake_export(tmp_path / "kobo.xlsx", ["2021-01-10"])
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    cell = workbook.active.cell(row=2, column=INCIDENT, value=SERIAL - 40)  # 2020-12-01
    cell.number_format = "mm/yyyy"
    workbook.save(path)
    result = imported(runner, repo, path)
    assert result.exit_code == 0, result.stderr
    dataset, _problems = load_dataset(repo, use_cache=False)
    assert [c.value.incident_month for c in dataset.cases if c.value.id != "7KQ2M9AB"] == [
        "2020-12"]


@pytest.mark.parametrize("number_format", ["General", "0"])
def test_a_day_left_as_a_number_is_refused_by_place_and_nothing_written(
        runner: CliRunner, repo: Path, tmp_path: Path, number_format: str) -> None:
    export = intake_export(tmp_path / "by-hand.xlsx", ["2021-01-10", SERIAL, SERIAL + 0.5],
                           date_format=number_format)
    before = cases(repo)
    result = imported(runner, repo, export)
    assert result.exit_code == 1
    err = " ".join(result.stderr.split())
    assert 'by-hand.xlsx, row 3, column "reception/received": a number, not a date' in err
    assert 'by-hand.xlsx, row 4, column "reception/received": a number, not a date' in err
    assert "row 2" not in err
    assert ("format the column as a date, or type each day as YYYY-MM-DD (2026-11-02), then "
            "import again; nothing was written") in err
    for value in (str(SERIAL), SECRET_NAME, "Appeler", "cbcm", "ML05", "3f1c9a2e"):
        assert value not in result.output
    assert "Traceback" not in result.output
    assert cases(repo) == before  # not even the valid row 2
    assert not (repo / "data" / "cases" / ".imports.yaml").exists()


def test_the_refusal_in_french(runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    export = intake_export(tmp_path / "saisie.xlsx", [SERIAL])
    result = imported(runner, repo, export, "fr")
    assert result.exit_code == 1
    err = " ".join(result.stderr.split())
    assert "saisie.xlsx, ligne 2, colonne « reception/received » : un nombre, pas une date" in err
    assert ("mettez la colonne au format Date, ou saisissez chaque jour sous la forme "
            "AAAA-MM-JJ (2026-11-02), puis importez de nouveau ; rien n'a été écrit") in err


def test_a_session_day_left_as_a_number_is_refused(runner: CliRunner, repo: Path,
                                                    tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(SESSION_HEADERS)
    book.active.append(session_row("5e0a1b2c-0001-4000-8000-000000000001"))
    book.active.append(session_row("7f3d9e4a-0002-4000-8000-000000000002"))
    book.active.cell(row=3, column=SESSION_HEADERS.index("start") + 1, value=SERIAL + 1)
    path = tmp_path / "psea_session.xlsx"
    book.save(path)
    result = imported(runner, repo, path)
    assert result.exit_code == 1
    assert 'psea_session.xlsx, row 3, column "start": a number, not a date' in result.stderr
    assert not list((repo / "data" / "sessions").glob("*.yaml"))
    book.active.cell(row=3, column=SESSION_HEADERS.index("start") + 1).number_format = \
        "dd/mm/yyyy"
    book.save(path)
    again = imported(runner, repo, path)
    assert again.exit_code == 0, again.stderr
    dataset, _problems = load_dataset(repo, use_cache=False)
    assert sorted(s.value.start for s in dataset.records.sessions) == [
        dt.date(2021, 1, 11), dt.date(2021, 1, 12)]


def test_the_import_knows_each_date_question_of_its_forms(repo: Path) -> None:
    """A date question added to a form is a day the import checks."""
    from psea_cli.forms import answers, session_import
    from psea_cli.forms.intake import intake_form
    from psea_cli.forms.records import session_form

    dataset, _problems = load_dataset(repo, use_cache=False)
    session = session_form(dataset)
    assert session is not None
    for form, dates in ((intake_form(dataset), answers.DATES),
                        (session, session_import.DATES)):
        assert {q.name for q in form.questions if q.type == "date"} == set(dates)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_date_cell_beyond_excels_days_is_refused_without_openpyxls_warning(
        runner: CliRunner, repo: Path, tmp_path: Path, lang: str) -> None:
    """A cell formatted as a date whose number is no day Excel knows (1e308, 3,000,000) is
    refused by row, as "not a valid date"; openpyxl also warned on stderr, in English, with
    its own file's path, the cell and its value (`…/openpyxl/worksheet/_reader.py:223:
    UserWarning: Cell C2 is marked as a date but the serial value 1e+308 is outside the limits
    for dates`)."""
    import warnings

    export = intake_export(tmp_path / "kobo.xlsx", [1e308, 3_000_000, "2021-01-10"],
                           date_format="yyyy-mm-dd")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        result = imported(runner, repo, export, lang)
    assert [str(w.message) for w in seen if "openpyxl" in w.filename] == []
    assert result.exit_code == 1
    assert "[schema.invalid-date]" in result.stderr
    assert ("2 refused" if lang == "en" else "2 refusées") in result.stderr
    assert "1e+308" not in result.output
    assert "3000000" not in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("text", [str(SERIAL), f"{SERIAL}.5", f"{SERIAL},5", "-5", "4.4206E+04"])
def test_a_csv_day_left_as_a_number_is_refused_by_place_and_nothing_written(
        runner: CliRunner, repo: Path, tmp_path: Path, text: str) -> None:
    """A CSV saved from a spreadsheet whose date column was General keeps each day as its
    serial number (44206, or 44206,5 from a French Excel): that row alone was refused, "not a
    valid date", and the others imported."""
    export = write_odk(tmp_path / "psea_intake.csv", [
        odk_row("a1b2c3d4-0001-4000-8000-000000000001"),
        odk_row("a1b2c3d4-0002-4000-8000-000000000002", received=text,
                note=f"Appeler {SECRET_NAME}"),
        odk_row("a1b2c3d4-0003-4000-8000-000000000003")])
    before = cases(repo)
    result = imported(runner, repo, export)
    assert result.exit_code == 1, result.stderr
    err = " ".join(result.stderr.split())
    assert 'psea_intake.csv, row 3, column "reception-received": a number, not a date' in err
    assert "format the column as a date, or type each day as YYYY-MM-DD" in err
    for value in (text, SECRET_NAME, "a1b2c3d4"):
        assert value not in result.output
    assert cases(repo) == before
    assert not (repo / "data" / "cases" / ".imports.yaml").exists()


def test_an_xlsx_text_that_is_a_number_is_refused_as_the_number(
        runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    """A cell formatted Text, or a value pasted as text, that holds only a day's serial
    number."""
    export = intake_export(tmp_path / "kobo.xlsx", ["2021-01-10", f" {SERIAL} "])
    result = imported(runner, repo, export, "fr")
    assert result.exit_code == 1, result.stderr
    assert "kobo.xlsx, ligne 3, colonne « reception/received » : un nombre, pas une date" in (
        " ".join(result.stderr.split()))
    assert not (repo / "data" / "cases" / ".imports.yaml").exists()


@pytest.mark.parametrize("text", ["2021-01-10", "2021-01-10T09:00:00.000+01:00"])
def test_a_csv_day_as_the_tools_write_it_is_imported(runner: CliRunner, repo: Path,
                                                     tmp_path: Path, text: str) -> None:
    export = write_odk(tmp_path / "psea_intake.csv", [
        odk_row("a1b2c3d4-0001-4000-8000-000000000001", received=text)])
    result = imported(runner, repo, export)
    assert result.exit_code == 0, result.stderr
    assert received_days(repo) == [dt.date(2021, 1, 10)]


def test_a_day_followed_by_other_text_is_refused_not_cut(runner: CliRunner, repo: Path,
                                                         tmp_path: Path) -> None:
    """``2008-03-12 Awa Traore`` was imported as 12 March 2008, the rest dropped without a
    word: it is refused as not a date, and never printed; a day with a time, as ODK and
    KoboToolbox export it, is still its day."""
    export = intake_export(tmp_path / "kobo.xlsx", ["2021-01-10T09:30:00.000+00:00",
                                                    "2021-01-11 Awa Traore",
                                                    "2021-01-12T09:30:00,5+01"])
    result = imported(runner, repo, export)
    assert result.exit_code == 1, result.stderr
    assert "Awa" not in result.output
    assert "Traceback" not in result.output
    assert dt.date(2021, 1, 11) not in received_days(repo)
    assert "row 4: added" in " ".join(result.stderr.split())  # a zone in hours is a time


ODK_UUID = "a1b2c3d4-{:04d}-4000-8000-000000000001"


def odk_export(path: Path, received: list[str]) -> Path:
    return write_odk(path, [odk_row(ODK_UUID.format(n), received=day)
                            for n, day in enumerate(received)])


@pytest.mark.parametrize(("written", "days"), [
    # a French or British spreadsheet: a day above 12 shows the day comes first
    (["10/01/2021", "15/01/2021", "3/1/2021"], [3, 10, 15]),
    # an American one: a second number above 12 shows the month comes first
    (["1/10/2021", "1/15/2021", "01/03/2021"], [3, 10, 15]),
])
def test_days_with_slashes_are_read_in_the_order_the_export_shows(
        runner: CliRunner, repo: Path, tmp_path: Path, written: list[str],
        days: list[int]) -> None:
    """« 10/01/2021 » was always read day first: from a spreadsheet set to American English
    it is 1 October, recorded as 10 January without a word, and every deadline counted from
    there."""
    result = imported(runner, repo, odk_export(tmp_path / "psea_intake.csv", written))
    assert result.exit_code == 0, result.stderr
    assert received_days(repo) == [dt.date(2021, 1, day) for day in days]


@pytest.mark.parametrize(("lang", "said"), [
    ("en", 'psea_intake.csv, row 2, column "reception-received": a day that can be read day first or '
           "month first, and no other day of the file tells which"),
    ("fr", "psea_intake.csv, ligne 2, colonne « reception-received » : un jour qui peut se lire le jour "
           "d'abord ou le mois d'abord, et aucun autre jour du fichier ne dit lequel"),
])
def test_a_day_the_export_cannot_place_is_refused_before_anything_is_written(
        runner: CliRunner, repo: Path, tmp_path: Path, lang: str, said: str) -> None:
    export = odk_export(tmp_path / "psea_intake.csv", ["10/01/2021", "4/4/2021"])
    result = imported(runner, repo, export, lang)
    assert result.exit_code == 1, result.stderr
    text = " ".join(result.stderr.split())
    assert said in text
    assert "row 3" not in text  # 4/4 reads the same both ways
    assert "ligne 3" not in text
    assert "10/01" not in result.output  # the place, never the value
    assert not (repo / "data" / "cases" / ".imports.yaml").exists()


def test_an_export_whose_days_show_both_orders_is_refused_at_the_odd_one(
        runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    export = odk_export(tmp_path / "psea_intake.csv", ["13/01/2021", "14/01/2021", "1/15/2021"])
    result = imported(runner, repo, export)
    assert result.exit_code == 1, result.stderr
    text = " ".join(result.stderr.split())
    assert ('row 4, column "reception-received": a day written in the other order than the file\'s '
            "other days") in text
    assert "row 2," not in text
    assert not (repo / "data" / "cases" / ".imports.yaml").exists()


def test_a_slashed_day_with_a_time_shows_the_order(runner: CliRunner, repo: Path,
                                                    tmp_path: Path) -> None:
    """A spreadsheet writes a day and a time as ``15/01/2021 10:30``."""
    export = odk_export(tmp_path / "psea_intake.csv", ["15/01/2021 10:30", "3/1/2021"])
    result = imported(runner, repo, export)
    assert result.exit_code == 0, result.stderr
    assert received_days(repo) == [dt.date(2021, 1, 3), dt.date(2021, 1, 15)]


def test_date_cells_beside_a_day_left_as_text_are_refused(runner: CliRunner, repo: Path,
                                                          tmp_path: Path) -> None:
    """A day-first CSV opened in an American spreadsheet: ``03/04/2021`` became the date
    cell 4 March, ``15/01/2021`` stayed text. The text proves the file was day first, so the
    date cell may be swapped: refused, nothing written."""
    export = intake_export(tmp_path / "kobo.xlsx", [dt.datetime(2021, 1, 4), "15/01/2021"])
    result = imported(runner, repo, export)
    assert result.exit_code == 1, result.stderr
    text = " ".join(result.stderr.split())
    assert ('kobo.xlsx, row 3, column "reception/received": a day left as text beside days the '
            "spreadsheet turned into dates") in text
    assert not (repo / "data" / "cases" / ".imports.yaml").exists()


def test_date_cells_in_one_column_and_a_proving_day_in_another_are_refused(
        runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    """One spreadsheet reads a whole sheet in one order: the last day left as text
    (``15/01/2021``) proves the first days, now date cells, were read swapped."""
    book = Workbook()
    book.active.append(SESSION_HEADERS)
    book.active.append(session_row("5e0a1b2c-0001-4000-8000-000000000001"))
    start, end = SESSION_HEADERS.index("start") + 1, SESSION_HEADERS.index("end") + 1
    book.active.cell(row=2, column=start, value=dt.datetime(2021, 1, 4))
    book.active.cell(row=2, column=end, value="15/01/2021")
    path = tmp_path / "psea_session.xlsx"
    book.save(path)
    result = imported(runner, repo, path, "fr")
    assert result.exit_code == 1, result.stderr
    text = " ".join(result.stderr.split())
    assert 'psea_session.xlsx, ligne 2, colonne « end » : un jour resté en texte' in text
    assert "Le tableur qui a enregistré ce fichier a lu ses jours dans un autre ordre" in text
    assert "15/01" not in result.output
    assert not list((repo / "data" / "sessions").glob("*.yaml"))
