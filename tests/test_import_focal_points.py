"""``psea import`` on the focal-point self-update form: each confirmed submission updates or
adds a directory entry as ``psea directory import`` would, keeping comments and key order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import git
import pytest
from helpers import committed
from openpyxl import Workbook
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.validation import load_dataset

HEADERS = ["start", "end", "organisation", "focal_point", "details/fp_name", "details/fp_role",
           "details/fp_title", "details/fp_email", "details/fp_phone", "details/fp_regions",
           "details/fp_regions/ML05", "details/fp_regions/ML06", "details/fp_languages",
           "confirm", "_uuid", "_submission_time", "_submitted_by", "_geolocation"]


def row(org: str, fp: str, *, name: str = "", phone: str = "", email: str = "",
        regions: str = "", confirm: str = "yes", day: str = "2021-02-01") -> list[object]:
    return ["", "", org, fp, name, "alternate" if fp == "new" else "", "", email, phone, regions,
            int("ML05" in regions), int("ML06" in regions), "fr bm" if fp == "new" else "",
            confirm, f"uuid-{org}-{fp}-{phone}", f"{day}T10:00:00", "fp_user", "[12.6, -8.0]"]


def export(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    book.active.append(HEADERS)
    for values in rows:
        book.active.append(values)
    book.save(path)
    return path


@pytest.fixture
def repo(valid_repo: Path) -> Path:
    (valid_repo / "data" / "focal_points" / "alpha.yaml").write_text(
        "# Agence Alpha: kept as written\n" + (valid_repo / "data" / "focal_points" /
                                              "alpha.yaml").read_text(), encoding="utf-8")
    return committed(valid_repo)


def run(runner: CliRunner, repo: Path, *args: str) -> object:
    return runner.invoke(app, ["--root", str(repo), "--lang", "en", "import", *args])


def test_confirmed_submissions_update_and_add_entries(runner: CliRunner, repo: Path,
                                                      tmp_path: Path) -> None:
    path = export(tmp_path / "psea_focal_point.xlsx", [
        row("alpha", "alpha.fp-1", phone="+223 20 00 90 18"),
        row("beta", "new", name="Point focal PSEA Beta", email="psea@beta.example.org",
            phone="+223 20 00 90 06", regions="ML05 ML06"),
        row("alpha", "alpha.fp-1", phone="+223 20 00 90 08", confirm="no"),
    ])
    result = run(runner, repo, str(path))
    assert result.exit_code == 0, result.output
    assert "KoboToolbox export of the focal-point form: 3 submissions" in result.stderr
    assert "row 4: the focal point did not confirm the details; skipped" in result.stderr
    assert result.stdout.split() == ["modified", "focal", "point", "alpha/fp-1", "Phone,",
                                     "Last", "verified", "added", "focal", "point", "beta/fp-1"]
    assert "_geolocation" in result.stderr
    assert "+223 20 00 90 08" not in (repo / "data" / "focal_points" / "alpha.yaml").read_text()
    alpha = (repo / "data" / "focal_points" / "alpha.yaml").read_text()
    assert alpha.startswith("# Agence Alpha: kept as written\n")
    diff = git.Repo(repo).git.diff("-U0", "data/focal_points/alpha.yaml").splitlines()
    assert [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")] == [
        '-    phone: "+223 20 00 00 01"', '+    phone: "+223 20 00 90 18"',
        "-    verified_on: 2020-10-01", "+    verified_on: 2021-02-01"]
    dataset, problems = load_dataset(repo, use_cache=False)
    assert [p for p in problems if p.severity.name == "ERROR"] == []
    beta = next(o.value for o in dataset.organisations if o.value.id == "beta")
    new = beta.focal_points[0]
    assert (new.name, new.role, new.regions, new.languages, new.verified_on) == (
        "Point focal PSEA Beta", "alternate", ["ML05", "ML06"], ["fr", "bm"], dt.date(2021, 2, 1))
    again = run(runner, repo, str(path))
    assert again.exit_code == 0
    assert "No change: the directory already holds these details." in again.stderr


def test_an_old_submission_never_undoes_a_newer_verification(runner: CliRunner, repo: Path,
                                                             tmp_path: Path) -> None:
    path = export(tmp_path / "old.xlsx", [row("alpha", "alpha.fp-1", phone="+223 20 00 90 18",
                                              day="2020-09-01")])
    result = run(runner, repo, str(path))
    assert "row 2: the entry was verified after this submission" in result.stderr
    assert not git.Repo(repo).is_dirty()


def test_an_invalid_submission_writes_nothing(runner: CliRunner, repo: Path,
                                              tmp_path: Path) -> None:
    path = export(tmp_path / "bad.xlsx", [
        row("alpha", "alpha.fp-1", phone="+223 20 00 90 18"),
        row("beta", "new", name="X", email="not an address"),
    ])
    result = run(runner, repo, str(path), "--commit")
    assert result.exit_code == 1
    assert "row 3 (data/focal_points/beta.yaml, email): error [" in result.stderr
    assert not git.Repo(repo).is_dirty()


def test_whole_country_clears_the_regions_and_no_tick_keeps_them(runner: CliRunner, repo: Path,
                                                                  tmp_path: Path) -> None:
    # The form says: tick "Whole country" to cover every region, tick nothing to keep the
    # regions the directory holds. Ticking nothing used to be the form's way to say "whole
    # country", and the import kept [ML09, ML05] while stamping the entry as verified.
    kept = export(tmp_path / "kept.xlsx", [row("alpha", "alpha.fp-1", phone="+223 20 00 90 18")])
    assert run(runner, repo, str(kept)).exit_code == 0
    dataset, _problems = load_dataset(repo, use_cache=False)
    alpha = next(o.value for o in dataset.organisations if o.value.id == "alpha")
    assert alpha.focal_points[0].regions == ["ML09", "ML05"]
    everywhere = export(tmp_path / "all.xlsx", [row("alpha", "alpha.fp-1", regions="all",
                                                    day="2021-02-02")])
    result = run(runner, repo, str(everywhere))
    assert result.exit_code == 0, result.output
    assert "Regions" in result.stdout
    dataset, problems = load_dataset(repo, use_cache=False)
    assert [p for p in problems if p.severity.name == "ERROR"] == []
    alpha = next(o.value for o in dataset.organisations if o.value.id == "alpha")
    assert alpha.focal_points[0].regions == []


def test_two_submissions_for_one_focal_point_both_stand(runner: CliRunner, repo: Path,
                                                        tmp_path: Path) -> None:
    """A phone corrected one day and an e-mail the next, in one export (the later listed
    first): both are applied, in the order they reached the server; the later alone, begun
    from the directory, undid the phone, and importing again could never bring it back."""
    path = export(tmp_path / "psea_focal_point.xlsx", [
        row("alpha", "alpha.fp-1", email="psea@alpha.example.org", day="2021-02-06"),
        row("alpha", "alpha.fp-1", phone="+223 20 00 90 18", day="2021-02-05"),
    ])
    result = run(runner, repo, str(path))
    assert result.exit_code == 0, result.output
    dataset, _problems = load_dataset(repo, use_cache=False)
    alpha = next(o.value for o in dataset.organisations if o.value.id == "alpha")
    fp = next(f for f in alpha.focal_points if f.id == "fp-1")
    assert (fp.phone, fp.email, fp.verified_on) == (
        "+223 20 00 90 18", "psea@alpha.example.org", dt.date(2021, 2, 6))
    again = run(runner, repo, str(path))
    assert again.exit_code == 0, again.output
    assert load_dataset(repo, use_cache=False)[0].organisations == dataset.organisations


def test_a_row_whose_cells_do_not_fit_the_header_is_skipped(runner: CliRunner, repo: Path,
                                                            tmp_path: Path) -> None:
    """A cell inserted in one row of the focal-point form's export moved every later answer
    one column over; the row was read."""
    shifted = row("alpha", "alpha.fp-1", phone="+223 20 00 90 18")
    shifted.insert(5, "Coordinatrice")
    path = export(tmp_path / "psea_focal_point.xlsx", [shifted])
    result = run(runner, repo, str(path))
    assert result.exit_code == 1
    assert "row 2: its cells do not fit the header" in result.stderr
    assert "+223 20 00 90 18" not in (repo / "data" / "focal_points" / "alpha.yaml").read_text(
        encoding="utf-8")
