"""Rows ``psea import`` must not read, from a hostile review: a row with a cell inserted or
deleted (a spreadsheet's « shift cells right ») put every later answer under another question,
and recorded consents the survivor never gave; a quote never closed swallowed every later row
into one note; a consent corrected in its ticked columns and not in its own column (or the
reverse) was read from the one psea happened to prefer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook
from typer.testing import CliRunner

from psea_cli import clock
from psea_cli.cli import app
from tests.test_import import KOBO_HEADERS, ODK_HEADERS, kobo_row, odk_row, write_odk


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2021, 1, 15))


def _import(runner: CliRunner, repo: Path, export: Path, *options: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--root", str(repo), "--lang", "en", "import", str(export),
                                 *options])
    assert "internal error" not in result.output
    return result.exit_code, result.stderr


def _cases(repo: Path) -> list[dict[str, object]]:
    read = [yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((repo / "data" / "cases").glob("*.yaml"))]
    return [record for record in read if "id" in record]  # not the import's ledger


@pytest.mark.parametrize("change", ["inserted", "deleted"])
def test_a_csv_row_whose_cells_do_not_fit_the_header_is_refused(
        runner: CliRunner, repo: Path, tmp_path: Path, change: str) -> None:
    before = _cases(repo)
    shifted = odk_row("0b6c1f3e-0001-4c2a-9d1e-7f8a9b0c1d2e")
    if change == "inserted":  # consent: assistance 0, investigation 1, reporting 1
        shifted.insert(11, "1")
    else:
        del shifted[11]
    export = write_odk(tmp_path / "psea_intake.csv",
                       [odk_row("0b6c1f3e-0002-4c2a-9d1e-7f8a9b0c1d2e"), shifted])
    code, said = _import(runner, repo, export, "--commit")
    assert code == 1
    cells = len(ODK_HEADERS) + (1 if change == "inserted" else -1)
    assert (f"row 3: refused — the row has {cells} cells where the header has "
            f"{len(ODK_HEADERS)}") in said
    added = [case for case in _cases(repo) if case not in before]
    assert len(added) == 1  # the other row, as it was collected
    assert added[0]["consent"] == {"assistance": "no", "investigation": "yes", "identity": "no",
                                   "reporting": "yes"}


def test_a_workbook_value_past_the_header_is_refused(runner: CliRunner, repo: Path,
                                                     tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(KOBO_HEADERS)
    row = kobo_row("0b6c1f3e-0003-4c2a-9d1e-7f8a9b0c1d2e", 1)
    sheet.append([*row[:16], "", *row[16:]])  # one cell inserted before the consent
    workbook.save(tmp_path / "export.xlsx")
    code, said = _import(runner, repo, tmp_path / "export.xlsx", "--dry-run")
    assert code == 1
    assert f"where the header has {len(KOBO_HEADERS)}" in said


def test_a_quote_never_closed_is_said_with_its_line(runner: CliRunner, repo: Path,
                                                    tmp_path: Path) -> None:
    export = write_odk(tmp_path / "psea_intake.csv",
                       [odk_row(f"0b6c1f3e-000{n}-4c2a-9d1e-7f8a9b0c1d2e") for n in range(4, 9)])
    lines = export.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(",,", ',"started a quote,', 1)
    export.write_text("".join(lines), encoding="utf-8")
    code, said = _import(runner, repo, export, "--dry-run")
    assert code == 1
    assert "cannot be read as CSV: a quote opened on line 3 is never closed" in said
    assert "submissions" not in said  # no count of what was read: nothing was


@pytest.mark.parametrize(("given", "ticks"), [("investigation", (1, 0, 1)),
                                              ("assistance reporting", (0, 1, 0))])
def test_a_consent_whose_two_columns_disagree_is_refused(
        runner: CliRunner, repo: Path, tmp_path: Path, given: str,
        ticks: tuple[int, int, int]) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(KOBO_HEADERS)
    row = kobo_row("0b6c1f3e-0009-4c2a-9d1e-7f8a9b0c1d2e", 1, consent=given)
    row[17:20] = list(ticks)
    sheet.append(row)
    sheet.append(kobo_row("0b6c1f3e-0010-4c2a-9d1e-7f8a9b0c1d2e", 2))  # both columns agree
    workbook.save(tmp_path / "export.xlsx")
    code, said = _import(runner, repo, tmp_path / "export.xlsx", "--dry-run")
    assert code == 1
    assert ("row 2: refused — the answer to consent_given and its columns of 0 and 1 disagree"
            in said)
    assert "row 3: refused" not in said


def test_a_submission_id_twice_with_other_answers_is_refused_not_skipped(
        runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    """A region corrected in a second row of the same submission was thrown away as « the same
    submission as an earlier row »; two rows alike still are one."""
    uuid = "0b6c1f3e-0011-4c2a-9d1e-7f8a9b0c1d2e"
    export = write_odk(tmp_path / "psea_intake.csv", [
        odk_row(uuid, region="ML99"), odk_row(uuid, region="ML06"), odk_row(uuid, region="ML06")])
    code, said = _import(runner, repo, export, "--dry-run")
    assert code == 1
    assert "row 2: refused — row 3 has the same submission id with other answers" in said
    assert "row 3: refused — row 2 has the same submission id with other answers" in said
    assert "row 4: refused — row 2 has the same submission id with other answers" in said
    twice = write_odk(tmp_path / "twice.csv", [odk_row(uuid), odk_row(uuid)])
    code, said = _import(runner, repo, twice, "--dry-run")
    assert code == 0, said
    assert "row 3: the same submission as an earlier row; skipped" in said


def test_an_import_whose_refusals_are_all_one_id_given_twice_closes_with_their_way_out(
        runner: CliRunner, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each row of an id given twice with other answers says to keep the right row, and the
    import still closed with « Correct the refused submissions in KoboToolbox », where nothing
    is to correct. That line stays when another refusal needs it."""
    uuid = "0b6c1f3e-0021-4c2a-9d1e-7f8a9b0c1d2e"
    rows = [odk_row(uuid, region="ML05"), odk_row(uuid, region="ML06"),
            odk_row("0b6c1f3e-0022-4c2a-9d1e-7f8a9b0c1d2e")]
    code, said = _import(runner, repo, write_odk(tmp_path / "twice.csv", rows), "--dry-run")
    assert code == 1
    assert "1 would be added, 2 refused" in said
    assert said.rstrip().endswith(
        "Rows were changed after the export, so that rows of one submission id give different "
        "answers: keep only the right row of each id, or export the submissions again, then "
        "import again: what was imported already is skipped.")
    assert "Correct the refused submissions" not in said
    monkeypatch.setenv("PSEA_LANG", "fr")
    french = runner.invoke(app, ["--root", str(repo), "import", str(tmp_path / "twice.csv"),
                                 "--dry-run"]).stderr
    assert ("Des lignes ont été modifiées après l'export, si bien que des lignes d'un même "
            "identifiant de soumission donnent des réponses différentes") in french
    other = write_odk(tmp_path / "other.csv", [*rows, odk_row(
        "0b6c1f3e-0023-4c2a-9d1e-7f8a9b0c1d2e", region="ML99")])
    code, said = _import(runner, repo, other, "--dry-run")
    assert code == 1
    assert "Correct the refused submissions in KoboToolbox" in said
    assert "Rows were changed after the export" not in said
    labelled = odk_row("0b6c1f3e-0024-4c2a-9d1e-7f8a9b0c1d2e")
    labelled[ODK_HEADERS.index("survivor-survivor_sex")] = "masculin"
    code, said = _import(runner, repo, write_odk(tmp_path / "labels.csv", [*rows, labelled]),
                         "--dry-run")
    assert code == 1  # a new export with XML values undoes the rows changed after it too
    assert "export the submissions again with XML values and headers, not labels" in said
    assert "Rows were changed after the export" not in said


def test_the_right_row_of_an_id_given_twice_is_imported_once_the_user_keeps_it(
        runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    """The first of two rows with one id and other answers was added and the second refused:
    keeping the second (the right one) and importing again then said « corrected since,
    not applied », and the wrong record stayed. Neither row is imported until one is kept."""
    before = _cases(repo)
    uuid = "0b6c1f3e-0012-4c2a-9d1e-7f8a9b0c1d2e"
    other = "0b6c1f3e-0013-4c2a-9d1e-7f8a9b0c1d2e"
    both = write_odk(tmp_path / "both.csv", [odk_row(uuid, region="ML99"),
                                             odk_row(uuid, region="ML06"), odk_row(other)])
    code, said = _import(runner, repo, both, "--commit")
    assert code == 1
    assert "row 2: refused — row 3 has the same submission id" in said
    assert "row 3: refused — row 2 has the same submission id" in said
    assert "1 added, 2 refused" in said
    assert len([case for case in _cases(repo) if case not in before]) == 1  # the other id only
    kept = write_odk(tmp_path / "kept.csv", [odk_row(uuid, region="ML06"), odk_row(other)])
    code, said = _import(runner, repo, kept, "--commit")
    assert code == 0, said
    assert "1 added, 1 imported before" in said
    added = [case for case in _cases(repo) if case not in before]
    assert sorted(str(case["region"]) for case in added) == ["ML06", "ML06"]


def test_the_checks_a_case_record_is_not_judged_by_read_no_case_record(
        shipped_network: Path) -> None:
    """``cases.editing.judge`` (each row of an import, each ``psea case add``) leaves out the
    cross-file checks of the other files (``checks.CHECKS``): judging them for every row made
    an import of 1,000 rows take 26 s (2.8 s without). It may, as long as they read no case
    record and find nothing in one: their findings are the same without any case."""
    import dataclasses

    from psea_cli.checks import CHECKS, run_checks
    from psea_cli.validation import load_dataset

    for name in ("wfp.yaml", "unicef.yaml"):  # findings of their own, about other files
        path = shipped_network / "data" / "focal_points" / name
        path.write_text(path.read_text(encoding="utf-8").replace("+223", "+224"),
                        encoding="utf-8")
    dataset, _problems = load_dataset(shipped_network, use_cache=False)
    assert dataset.cases
    found = run_checks(dataset, CHECKS)
    assert found  # the checks ran and found something
    without = dataclasses.replace(dataset, cases=[], case_entries=[])
    assert run_checks(without, CHECKS) == found
    assert not [f for f in found if dataset.is_case_file(f.file)
                or f.file.rstrip("/") == dataset.cases_dir.rstrip("/")]


def test_merged_cells_are_named_not_read_as_unanswered(runner: CliRunner, repo: Path,
                                                       tmp_path: Path) -> None:
    """Row 3 of a merged C2:C3 was refused for « required key 'received' is missing »."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(KOBO_HEADERS)
    sheet.append(kobo_row("0b6c1f3e-0012-4c2a-9d1e-7f8a9b0c1d2e", 1))
    sheet.append(kobo_row("0b6c1f3e-0013-4c2a-9d1e-7f8a9b0c1d2e", 2))
    sheet.merge_cells("C2:C3")
    workbook.save(tmp_path / "export.xlsx")
    code, said = _import(runner, repo, tmp_path / "export.xlsx", "--dry-run")
    assert code == 1
    assert "export.xlsx: cells C2:C3 are merged" in said
    assert "required key" not in said


def test_a_workbook_cell_deleted_with_shift_left_is_refused(runner: CliRunner, repo: Path,
                                                            tmp_path: Path) -> None:
    """KoboToolbox's « separate columns » export (no consent_given column of its own): a cell
    deleted with « shift cells left » moved the consents one column over, the device id into
    the note, and a case was written with consents the survivor never gave."""
    headers = [h for h in KOBO_HEADERS if h != "consent/consent_given"]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for number, consent in ((14, "investigation"), (15, "assistance")):
        row = kobo_row(f"0b6c1f3e-00{number}-4c2a-9d1e-7f8a9b0c1d2e", number, consent=consent)
        del row[16]  # the consent_given column, absent from this export
        if number == 14:
            del row[16]  # consent_given/assistance deleted, the row shifted left
        sheet.append(row)
    workbook.save(tmp_path / "export.xlsx")
    code, said = _import(runner, repo, tmp_path / "export.xlsx", "--dry-run")
    assert code == 1
    assert "row 2: refused — the column _id holds what a collection tool never writes" in said
    assert "row 3: would be added" in said


def test_an_odk_export_saved_as_a_workbook_and_shifted_left_is_refused(
        runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    """An ODK Central CSV opened and saved in Excel has no column KoboToolbox numbers: a cell
    deleted there moved the consents, and the instance id became the note."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(ODK_HEADERS)
    sheet.append(odk_row("0b6c1f3e-0017-4c2a-9d1e-7f8a9b0c1d2e"))
    shifted = odk_row("0b6c1f3e-0018-4c2a-9d1e-7f8a9b0c1d2e")
    del shifted[11]  # consent-consent_given/assistance deleted, the row shifted left
    sheet.append(shifted)
    workbook.save(tmp_path / "psea_intake.xlsx")
    code, said = _import(runner, repo, tmp_path / "psea_intake.xlsx", "--dry-run")
    assert code == 1
    assert "row 3: refused — the column KEY holds what a collection tool never writes" in said
    assert "row 2: would be added" in said


def test_tick_columns_left_blank_say_nothing_against_the_answer(
        runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    """« assistance reporting » with its three columns of 0 and 1 empty was refused as a
    disagreement: blank cells are no answer, not « none ticked »."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(KOBO_HEADERS)
    row = kobo_row("0b6c1f3e-0016-4c2a-9d1e-7f8a9b0c1d2e", 1)
    row[17:20] = [None, None, None]
    sheet.append(row)
    workbook.save(tmp_path / "export.xlsx")
    code, said = _import(runner, repo, tmp_path / "export.xlsx", "--dry-run")
    assert code == 0, said
    assert "row 2: would be added" in said


def test_merged_cells_are_named_in_a_large_export_too(runner: CliRunner, repo: Path,
                                                       tmp_path: Path) -> None:
    """The merged ranges were looked for in sheets of 4 MB at most: 6,000 submissions with a
    consent merged over two rows were imported, the second with no consent given."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(KOBO_HEADERS)
    for number in range(6000):
        sheet.append(kobo_row(f"0b6c1f3e-{number:04d}-4c2a-9d1e-7f8a9b0c1d2e", number))
    sheet.merge_cells("Q2:Q3")
    workbook.save(tmp_path / "export.xlsx")
    code, said = _import(runner, repo, tmp_path / "export.xlsx", "--dry-run")
    assert code == 1
    assert "export.xlsx: cells Q2:Q3 are merged" in said


def test_consents_given_while_consent_was_not_asked_are_refused(runner: CliRunner, repo: Path,
                                                                tmp_path: Path) -> None:
    """consent_asked and goods_exchanged swapped in one row: the consents the survivor gave
    were recorded « not asked »; the form asks them only after « yes »."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(KOBO_HEADERS)
    row = kobo_row("0b6c1f3e-0019-4c2a-9d1e-7f8a9b0c1d2e", 1)
    row[9], row[15] = row[15], row[9]  # goods_exchanged « yes », consent_asked « no »
    sheet.append(row)
    workbook.save(tmp_path / "export.xlsx")
    code, said = _import(runner, repo, tmp_path / "export.xlsx", "--dry-run")
    assert code == 1
    assert "row 2: refused — consent_given holds purposes while consent_asked is not" in said


def test_a_kobo_export_with_dots_between_groups_is_read(runner: CliRunner, repo: Path,
                                                        tmp_path: Path) -> None:
    """KoboToolbox lets the exporter choose the group separator: with « . » every question
    was « missing », and the export refused as if a column had been renamed."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([header.replace("/", ".") for header in KOBO_HEADERS])
    sheet.append(kobo_row("0b6c1f3e-0020-4c2a-9d1e-7f8a9b0c1d2e", 1))
    workbook.save(tmp_path / "export.xlsx")
    code, said = _import(runner, repo, tmp_path / "export.xlsx", "--commit")
    assert code == 0, said
    assert "row 2: added as case" in said
    added = [case for case in _cases(repo) if case.get("region") == "ML05"]
    assert any(case["consent"]["assistance"] == "yes" and case["consent"]["reporting"] == "yes"
               and case["consent"]["investigation"] == "no" for case in added)


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_submission_and_its_edit_in_one_export_are_not_two_cases(
        runner: CliRunner, repo: Path, tmp_path: Path, dry_run: bool) -> None:
    """Two exports joined by hand (or ODK Briefcase) held a submission and its edit, which
    names it in meta/deprecatedID: both were added, one complaint counted twice."""
    original = "0b6c1f3e-0021-4c2a-9d1e-7f8a9b0c1d2e"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([*KOBO_HEADERS, "meta/deprecatedID"])
    sheet.append([*kobo_row(original, 1), ""])
    sheet.append([*kobo_row("0b6c1f3e-0022-4c2a-9d1e-7f8a9b0c1d2e", 2, region="ML06"),
                  f"uuid:{original}"])
    workbook.save(tmp_path / "export.xlsx")
    before = len(_cases(repo))
    code, said = _import(runner, repo, tmp_path / "export.xlsx",
                         "--dry-run" if dry_run else "--commit")
    assert code == 1
    assert "row 3: refused — this submission corrects the one of row 2" in said
    assert len(_cases(repo)) == before + (0 if dry_run else 1)
