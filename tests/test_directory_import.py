"""``psea directory import``: the workbook ``psea directory --format xlsx`` writes, edited with
openpyxl as a user would in Excel, read back into the YAML files with round-trip editing."""

from __future__ import annotations

import shutil
from pathlib import Path

import git
import pytest
from helpers import committed
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.validation import load_dataset

REPO = Path(__file__).parent.parent
NEW_ROW = ["Association des Juristes Maliennes", "AJM", "", "Mariam Diallo", "Suppléant",
           "Juriste", "m.diallo@ajm.example.org", "+223 20 00 90 07", "", "ML05",
           "français, bambara", None, "2026-11-30", "", "ajm", ""]


@pytest.fixture
def network(tmp_path: Path) -> Path:
    """The shipped network (its files carry comments), in a git repository."""
    root = tmp_path / "network"
    shutil.copytree(REPO / "data", root / "data")
    return committed(root)


def psea(runner: CliRunner, root: Path, *args: str) -> object:
    return runner.invoke(app, ["--root", str(root), *args])


def export(runner: CliRunner, root: Path, target: Path, lang: str = "fr") -> Path:
    result = psea(runner, root, "--lang", lang, "directory", "--format", "xlsx", "-o", str(target))
    assert result.exit_code == 0, result.output
    return target


def edit(path: Path, phone: str = "+223 20 00 90 17", new_row: list | None = None) -> None:
    """What a coordinator does in Excel: change a phone number, add a row."""
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        if (row[14].value, row[15].value) == ("ajm", "fp-1"):
            row[7].value = phone
    if new_row is not None:
        sheet.append(new_row)
    workbook.save(path)


@pytest.mark.slow
def test_the_round_trip_changes_exactly_the_edited_entries(runner: CliRunner, network: Path,
                                                           tmp_path: Path) -> None:
    workbook = export(runner, network, tmp_path / "annuaire.xlsx")
    edit(workbook, new_row=NEW_ROW)
    result = psea(runner, network, "--lang", "en", "directory", "import", str(workbook))
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["modified", "focal", "point", "ajm/fp-1", "Phone",
                                     "added", "focal", "point", "ajm/fp-2"]  # fields by title
    assert "written: data/focal_points/ajm.yaml" in result.stderr
    repository = git.Repo(network)
    assert [d.a_path for d in repository.index.diff(None)] == ["data/focal_points/ajm.yaml"]
    diff = repository.git.diff("-U0").splitlines()
    removed = [line for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line for line in diff if line.startswith("+") and not line.startswith("+++")]
    assert removed == ['-    phone: "+223 20 00 00 61"  # fictif']
    assert added == [
        '+    phone: "+223 20 00 90 17"  # fictif',
        "+  - id: fp-2",
        '+    name: "Mariam Diallo"',
        "+    role: alternate",
        '+    title: "Juriste"',
        "+    email: m.diallo@ajm.example.org",
        '+    phone: "+223 20 00 90 07"',
        "+    regions: [ML05]",
        "+    languages: [fr, bm]",
        "+    verified_on: 2026-11-30",
    ]
    text = (network / "data" / "focal_points" / "ajm.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/organisation.schema.json\n"
                           "# ENTRÉES D'EXEMPLE")
    assert "commitments:  # dates d'exemple" in text
    dataset, problems = load_dataset(network, use_cache=False)
    assert [p for p in problems if p.severity.name == "ERROR"] == []
    ajm = next(o.value for o in dataset.organisations if o.value.id == "ajm")
    assert [(fp.id, fp.phone) for fp in ajm.focal_points] == [
        ("fp-1", "+223 20 00 90 17"), ("fp-2", "+223 20 00 90 07")]


@pytest.mark.slow
def test_an_unedited_workbook_changes_nothing(runner: CliRunner, network: Path,
                                              tmp_path: Path) -> None:
    for lang in ("fr", "en"):
        workbook = export(runner, network, tmp_path / f"{lang}.xlsx", lang)
        result = psea(runner, network, "--lang", "en", "directory", "import", str(workbook))
        assert result.exit_code == 0, result.output
        assert "No change" in result.stderr
        assert "differs" not in result.stderr
    assert not git.Repo(network).is_dirty(untracked_files=True)


def test_a_dry_run_shows_the_changes_and_writes_nothing(runner: CliRunner, network: Path,
                                                        tmp_path: Path) -> None:
    workbook = export(runner, network, tmp_path / "annuaire.xlsx")
    edit(workbook)
    result = psea(runner, network, "--lang", "en", "directory", "import", str(workbook),
                  "--dry-run")
    assert result.exit_code == 0
    assert "ajm/fp-1" in result.stdout
    assert not git.Repo(network).is_dirty()


def test_an_invalid_edit_is_refused_by_row_and_nothing_is_written(
        runner: CliRunner, network: Path, tmp_path: Path) -> None:
    workbook = export(runner, network, tmp_path / "annuaire.xlsx")
    edit(workbook, phone="appeler le standard", new_row=NEW_ROW)
    result = psea(runner, network, "--lang", "en", "directory", "import", str(workbook))
    assert result.exit_code == 1
    assert "(data/focal_points/ajm.yaml, phone): error [" in result.stderr
    assert "nothing was written" in result.stderr
    assert not git.Repo(network).is_dirty()


def test_a_new_row_of_an_unknown_organisation_is_refused(runner: CliRunner, network: Path,
                                                         tmp_path: Path) -> None:
    workbook = export(runner, network, tmp_path / "annuaire.xlsx")
    edit(workbook, new_row=["ONG inconnue", "", "", "X", "Point focal", *[""] * 11])
    result = psea(runner, network, "--lang", "en", "directory", "import", str(workbook))
    assert result.exit_code == 1
    assert "[ref.unknown-organisation]" in result.stderr
    assert not git.Repo(network).is_dirty()


def test_commit_records_the_change(runner: CliRunner, network: Path, tmp_path: Path) -> None:
    workbook = export(runner, network, tmp_path / "annuaire.xlsx")
    edit(workbook)
    result = psea(runner, network, "directory", "import", str(workbook), "--commit")
    assert result.exit_code == 0, result.output
    head = git.Repo(network).head.commit
    assert head.message.rstrip("\n") == "directory: import 1 changes from a workbook"
    assert list(head.stats.files) == ["data/focal_points/ajm.yaml"]


def test_a_workbook_psea_did_not_write_is_refused(runner: CliRunner, network: Path,
                                                  tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.xlsx"
    book = Workbook()
    book.active.append(["Organisation", "Nom", "Téléphone"])
    book.save(foreign)
    result = psea(runner, network, "--lang", "en", "directory", "import", str(foreign))
    assert result.exit_code == 1
    assert "is not a directory workbook written by psea" in result.stderr
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    assert psea(runner, network, "directory", "import", str(broken)).exit_code == 1


@pytest.mark.parametrize("change", ["insert column", "rename column", "delete metadata"])
def test_a_changed_layout_is_refused(runner: CliRunner, network: Path, tmp_path: Path,
                                     change: str) -> None:
    workbook = export(runner, network, tmp_path / "annuaire.xlsx")
    book = load_workbook(workbook)
    sheet = book.worksheets[0]
    if change == "insert column":
        sheet.insert_cols(4)
        sheet.cell(row=1, column=4, value="Genre")
    elif change == "rename column":
        sheet.cell(row=1, column=8, value="Portable")
    else:
        del book["psea"]
    book.save(workbook)
    result = psea(runner, network, "--lang", "en", "directory", "import", str(workbook))
    assert result.exit_code == 1
    assert ("were changed" in result.stderr) != (change == "delete metadata")
    assert not git.Repo(network).is_dirty()


def test_an_edit_of_the_region_names_is_not_read_and_is_said(runner: CliRunner, network: Path,
                                                             tmp_path: Path) -> None:
    workbook = export(runner, network, tmp_path / "annuaire.xlsx")
    book = load_workbook(workbook)
    for row in book.worksheets[0].iter_rows(min_row=2):
        if (row[14].value, row[15].value) == ("ajm", "fp-1"):
            row[8].value = "Bamako, Mopti, Gao"  # the names column; the p-codes stay
    book.save(workbook)
    result = psea(runner, network, "--lang", "en", "directory", "import", str(workbook))
    assert result.exit_code == 0
    assert "the Regions column differs from the P-codes column" in result.stderr
    assert "No change" in result.stderr


def test_a_cell_far_to_the_right_is_refused_before_padding_every_row(
        runner: CliRunner, network: Path, tmp_path: Path) -> None:
    """One cell at XFD1048576 would make every row 16,384 cells (gigabytes): refused."""
    path = export(runner, network, tmp_path / "annuaire.xlsx")
    workbook = load_workbook(path)
    workbook.worksheets[0]["XFD1048576"] = "x"
    workbook.save(path)
    result = psea(runner, network, "directory", "import", str(path), "--dry-run")
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_language_name_leads_back_to_one_code(lang: str) -> None:
    # a workbook names languages: "mandingue" for two codes made a round trip change mnk to man
    from psea_cli.languages import MORE_LANGUAGES, language_table

    names = language_table(lang)
    for code in MORE_LANGUAGES:
        said = names[code].casefold()
        assert [c for c, name in names.items() if name.casefold() == said] == [code], said


def _set_cells(path: Path, cells: dict[tuple[str, str, int], object]) -> None:
    """Set, on the row of each (organisation id, focal point id), the cell at a column index."""
    book = load_workbook(path)
    for row in book.worksheets[0].iter_rows(min_row=2):
        for (org, fp, column), value in cells.items():
            if (row[14].value, row[15].value) == (org, fp):
                row[column].value = value
    book.save(path)


@pytest.mark.parametrize(("column", "value", "what"), [
    (7, '=HYPERLINK("tel:+22320000061","appeler")', "a formula, not a value"),
    (7, float("nan"), "not a number (NaN), not a value"),
    (7, "#N/A", "an error, not a value"),
    (12, "=TODAY()", "a formula, not a value"),
])
def test_a_formula_or_an_error_is_refused_by_place_and_no_value_is_lost(
        runner: CliRunner, network: Path, tmp_path: Path, column: int, value: object,
        what: str) -> None:
    """Read as they come, these cells were empty, and the import deleted the phone or the
    day of the last verification without a word."""
    path = export(runner, network, tmp_path / "annuaire.xlsx", "en")
    _set_cells(path, {("ajm", "fp-1", column): value})
    result = psea(runner, network, "--lang", "en", "directory", "import", str(path))
    assert result.exit_code == 1, result.output
    title = "Phone" if column == 7 else "Last verified"
    row = next(r[0].row for r in load_workbook(path).worksheets[0].iter_rows(min_row=2)
               if (r[14].value, r[15].value) == ("ajm", "fp-1"))
    assert f'sheet "Focal points", row {row}, column "{title}": {what}' in result.stderr
    assert "Type the value itself" in result.stderr
    assert "internal error" not in result.output
    assert not git.Repo(network).is_dirty()


def test_rows_that_hold_the_same_entry_or_another_organisation_are_refused(
        runner: CliRunner, network: Path, tmp_path: Path) -> None:
    """A sort of some columns only: row 3 takes the ids ajm/fp-1 of row 2. Applied, ajm/fp-1
    took the name, e-mail, phone and regions of another organisation's focal point."""
    path = export(runner, network, tmp_path / "annuaire.xlsx", "en")
    book = load_workbook(path)
    sheet = book.worksheets[0]
    assert (sheet["O2"].value, sheet["P2"].value) == ("ajm", "fp-1")
    assert sheet["A3"].value != sheet["A2"].value
    sheet["O3"], sheet["P3"] = "ajm", "fp-1"
    book.save(path)
    result = psea(runner, network, "--lang", "en", "directory", "import", str(path))
    assert result.exit_code == 1, result.output
    assert "rows 2 and 3 both hold focal point ajm/fp-1" in result.stderr
    assert "rows 2 and 3 both give organisation id ajm but different" in result.stderr
    assert not git.Repo(network).is_dirty()

    swapped = export(runner, network, tmp_path / "swapped.xlsx", "en")
    book = load_workbook(swapped)
    sheet = book.worksheets[0]
    for column in "OP":  # the ids of rows 2 and 3 exchanged: no id is repeated
        sheet[f"{column}2"], sheet[f"{column}3"] = sheet[f"{column}3"].value, \
            sheet[f"{column}2"].value
    book.save(swapped)
    result = psea(runner, network, "--lang", "en", "directory", "import", str(swapped))
    assert result.exit_code == 1, result.output
    assert "row 3: the Organisation and Acronym columns are not those of organisation id ajm" \
        in result.stderr
    assert not git.Repo(network).is_dirty()


def test_merged_cells_are_refused_by_place_and_no_value_is_lost(
        runner: CliRunner, network: Path, tmp_path: Path) -> None:
    """UNFPA's three focal points got the SOPs on the same day or near it: merged over their
    rows, the day shows on all three in Excel and LibreOffice, which keep it only in the
    first cell. Read as they come, the others were empty, and the import deleted the day
    from fp-2 and fp-3."""
    path = export(runner, network, tmp_path / "annuaire.xlsx", "en")
    book = load_workbook(path)
    sheet = book.worksheets[0]
    rows = [r[0].row for r in sheet.iter_rows(min_row=2) if r[14].value == "unfpa"]
    assert len(rows) == 3
    assert rows == list(range(rows[0], rows[0] + 3))
    sheet.merge_cells(f"L{rows[0]}:L{rows[-1]}")
    book.save(path)
    result = psea(runner, network, "--lang", "en", "directory", "import", str(path))
    assert result.exit_code == 1, result.output
    for row in rows[1:]:
        assert (f'sheet "Focal points", row {row}, column "SOPs received": merged into another '
                "cell, not a value of its own") in result.stderr
    assert f"row {rows[0]}," not in result.stderr
    assert "Unmerge the merged cells" in result.stderr
    assert not git.Repo(network).is_dirty()


@pytest.mark.parametrize("value", ["non", "No", False, "FAUX", 0])
def test_no_in_the_example_column_makes_the_entry_real(runner: CliRunner, network: Path,
                                                       tmp_path: Path, value: object) -> None:
    """A coordinator who replaced an example with real details answers the column "Example
    entry" with no (or FALSE, which the spreadsheet keeps as a boolean): read as text that is
    not empty, it kept the entry an example, without a word."""
    path = export(runner, network, tmp_path / "annuaire.xlsx", "en")
    _set_cells(path, {("ajm", "fp-1", 13): value})
    result = psea(runner, network, "--lang", "en", "directory", "import", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["modified", "focal", "point", "ajm/fp-1", "Example", "entry"]
    dataset, _problems = load_dataset(network, use_cache=False)
    ajm = next(o.value for o in dataset.organisations if o.value.id == "ajm")
    assert ajm.focal_points[0].example is False


def test_a_row_with_an_id_the_directory_lacks_says_how_to_add_one(
        runner: CliRunner, network: Path, tmp_path: Path) -> None:
    """A new row given a focal point id by hand (« fp-2 ») was said « no longer in the
    directory »: the coordinator who typed it could not tell how to add the person."""
    workbook = export(runner, network, tmp_path / "annuaire.xlsx")
    edit(workbook, new_row=[*NEW_ROW[:-1], "fp-2"])
    result = psea(runner, network, "--lang", "en", "directory", "import", str(workbook))
    assert "no focal point of this organisation has this id" in result.stderr
    assert "To add a focal point, leave its id empty." in result.stderr
    edit(workbook, new_row=NEW_ROW)  # the same row, its id left empty: added
    added = psea(runner, network, "--lang", "en", "directory", "import", str(workbook))
    assert added.exit_code == 0, added.output
