"""Two coordinators import on two branches, then merge: ``psea import``'s ledger
(``.imports.yaml``) only ever gains lines at its end, so git's ``union`` merge, which the
``.gitattributes`` of ``psea init`` names for it, joins the two without a conflict, without
losing an entry and without repeating one. A submission imported on both branches (two cases
for one submission) still needs a person: ``psea validate`` says so. Real git, real imports."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.scaffold import country_for, scaffold_files
from tests.test_import import _today, cases, downloads, odk_row, write_odk

__all__ = ["_today", "downloads"]

LEDGER = "data/cases/.imports.yaml"


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, check=check, capture_output=True, text=True)


def _export(downloads: Path, name: str, n: int) -> Path:
    tag = name.encode().hex()[:12].ljust(12, "0")
    return write_odk(downloads / f"{name}.csv",
                     [odk_row(f"{i:08d}-0000-4000-8000-{tag}") for i in range(n)])


def _import(runner: CliRunner, repo: Path, export: Path, *args: str) -> Any:
    result = runner.invoke(app, ["--root", str(repo), "import", str(export), *args])
    assert result.exit_code == 0, result.output
    return result


def _entries(repo: Path) -> list[str]:
    """The ledger's submission lines, in order."""
    text = (repo / LEDGER).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.startswith('  "')]


def _with_attributes(repo: Path) -> None:
    """The .gitattributes ``psea init`` writes, committed."""
    text = scaffold_files(country_for("MLI", "fr", None), "fr", dt.date(2021, 1, 15))[
        ".gitattributes"]
    (repo / ".gitattributes").write_text(text, encoding="utf-8")
    _git(repo, "add", ".gitattributes")
    _git(repo, "commit", "-qm", "attributes")


def _validate(runner: CliRunner, repo: Path) -> Any:
    return runner.invoke(app, ["--root", str(repo), "validate"])


def test_an_import_only_adds_lines_at_the_end_of_the_ledger(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    _import(runner, repo, _export(downloads, "first", 10))
    before = (repo / LEDGER).read_text(encoding="utf-8")
    _import(runner, repo, _export(downloads, "second", 10))
    after = (repo / LEDGER).read_text(encoding="utf-8")
    assert after.startswith(before)  # in digest order, the new lines fell among the old ones
    assert len(_entries(repo)) == 20


def _two_branches(runner: CliRunner, repo: Path, downloads: Path, names: tuple[str, str],
                  n: int = 6) -> list[Path]:
    """Two import branches from main, each with two imports (two commits)."""
    exports = []
    for branch, name in zip(("import/a", "import/b"), names, strict=True):
        _git(repo, "checkout", "-q", "main")
        _git(repo, "checkout", "-q", "-b", branch)
        for part in ("1", "2"):
            export = _export(downloads, name + part, n)
            _import(runner, repo, export, "--commit")
            exports.append(export)
    _git(repo, "checkout", "-q", "main")
    return exports


@pytest.mark.parametrize("imported_before", [False, True])
def test_two_branches_that_imported_merge_by_themselves(
        runner: CliRunner, repo: Path, downloads: Path, imported_before: bool) -> None:
    _git(repo, "branch", "-M", "main")
    _with_attributes(repo)
    exports = []
    if imported_before:  # the ledger exists on main: both branches add to it
        exports.append(_export(downloads, "base", 9))
        _import(runner, repo, exports[0], "--commit")
    base = set(_entries(repo)) if imported_before else set()
    exports += _two_branches(runner, repo, downloads, ("north", "south"))
    sides = []
    for branch in ("import/a", "import/b"):
        _git(repo, "checkout", "-q", branch)
        sides.append(set(_entries(repo)))
    _git(repo, "checkout", "-q", "main")
    for branch in ("import/a", "import/b"):
        merged = _git(repo, "merge", "--no-edit", branch, check=False)
        assert merged.returncode == 0, merged.stdout + merged.stderr  # no conflict to resolve
    entries = _entries(repo)
    assert len(entries) == len(set(entries))  # none repeated
    assert set(entries) == base | sides[0] | sides[1]  # none lost
    assert len(entries) == len(base) + 24
    checked = _validate(runner, repo)
    assert checked.exit_code == 0, checked.output
    count = len(cases(repo))
    for export in exports:  # every submission of both branches is known: nothing again
        again = _import(runner, repo, export)
        assert "0 added" in again.stderr
    assert len(cases(repo)) == count


def test_without_the_attribute_git_stops_and_validate_says_how_to_finish(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    _git(repo, "branch", "-M", "main")
    _import(runner, repo, _export(downloads, "base", 4), "--commit")
    _two_branches(runner, repo, downloads, ("north", "south"), n=3)
    _git(repo, "merge", "--no-edit", "import/a")
    stopped = _git(repo, "merge", "--no-edit", "import/b", check=False)
    assert stopped.returncode == 1
    assert f"CONFLICT (content): Merge conflict in {LEDGER}" in stopped.stdout
    result = _validate(runner, repo)
    assert result.exit_code == 1
    assert "[cases.import-ledger-damaged] the ledger of 'psea import' holds an unfinished " \
           "git merge" in result.output


def test_a_submission_imported_on_both_branches_is_said_not_merged_away(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    # two coordinators imported the same export: two cases for each submission
    _git(repo, "branch", "-M", "main")
    _with_attributes(repo)
    _import(runner, repo, _export(downloads, "base", 4), "--commit")
    export = _export(downloads, "same", 3)
    for branch in ("import/a", "import/b"):
        _git(repo, "checkout", "-q", "main")
        _git(repo, "checkout", "-q", "-b", branch)
        _import(runner, repo, export, "--commit")
    _git(repo, "checkout", "-q", "main")
    for branch in ("import/a", "import/b"):
        _git(repo, "merge", "--no-edit", branch)
    assert len(_entries(repo)) == 4 + 3 + 3  # both sides' lines, none lost
    result = _validate(runner, repo)
    assert result.exit_code == 1
    assert "records the same submission twice" in result.output
    refused = runner.invoke(app, ["--root", str(repo), "import", str(export)])
    assert refused.exit_code == 1  # and psea import will not guess which case to keep
