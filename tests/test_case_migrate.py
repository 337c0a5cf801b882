"""``psea case migrate``: case files of an earlier version rewritten in today's form, comments,
quotes and order kept, with a summary of what changed; files already current are untouched."""

from __future__ import annotations

from pathlib import Path

import git
import pytest
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.validation import load_dataset

CASE = "data/cases/7KQ2M9AB.yaml"
LEGACY_EVENTS = """\
  # referred on the day of the core team meeting
  - kind: investigation_referred  # the employer of the alleged perpetrator
    date: 2020-07-20
    organisation: alpha
"""


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PSEA_LANG", "en")


def _legacy(repo: Path) -> str:
    path = repo / CASE
    text = path.read_text() + LEGACY_EVENTS
    path.write_text(text)
    return text


def test_an_old_file_fails_validation_and_says_to_migrate(valid_repo: Path) -> None:
    _legacy(valid_repo)
    _dataset, problems = load_dataset(valid_repo)
    [problem] = problems
    assert problem.code == "cases.legacy-event"
    assert "psea case migrate" in problem.hint


def test_migrate_renames_the_event_and_keeps_everything_else(
    runner: CliRunner, valid_repo: Path
) -> None:
    before = _legacy(valid_repo)
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "migrate"])
    assert result.exit_code == 0, result.output
    assert "investigation_referred -> referred_to_entity: 1" in result.stderr
    assert "1 of 1 case files rewritten" in result.stderr
    after = (valid_repo / CASE).read_text()
    expected = before.replace("investigation_referred", "referred_to_entity")
    assert after.splitlines()[:-3] == expected.splitlines()[:-3]
    # the end-of-line comment stays, in its column
    assert after.splitlines()[-3] == ("  - kind: referred_to_entity      "
                                      "# the employer of the alleged perpetrator")
    assert after.splitlines()[-2:] == expected.splitlines()[-2:]
    assert "# referred on the day of the core team meeting" in after
    assert 'assistance: "yes"' in after
    _dataset, problems = load_dataset(valid_repo)
    assert problems == []


def test_migrate_twice_changes_nothing_the_second_time(
    runner: CliRunner, valid_repo: Path
) -> None:
    _legacy(valid_repo)
    runner.invoke(app, ["--root", str(valid_repo), "case", "migrate"])
    migrated = (valid_repo / CASE).read_bytes()
    again = runner.invoke(app, ["--root", str(valid_repo), "case", "migrate"])
    assert again.exit_code == 0
    assert "already in today's form" in again.stderr
    assert (valid_repo / CASE).read_bytes() == migrated


def test_dry_run_writes_nothing(runner: CliRunner, valid_repo: Path) -> None:
    before = _legacy(valid_repo)
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "migrate", "--dry-run"])
    assert result.exit_code == 0
    assert "would be rewritten (nothing written)" in result.stderr
    assert (valid_repo / CASE).read_text() == before


def test_a_broken_file_stops_the_migration_located_and_nothing_is_written(
    runner: CliRunner, valid_repo: Path
) -> None:
    before = _legacy(valid_repo)
    broken = valid_repo / "data/cases/8KQ2M9AB.yaml"
    broken.write_text("id: [unclosed\n")
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "migrate"])
    assert result.exit_code == 1
    assert "data/cases/8KQ2M9AB.yaml:1:5: error [yaml.syntax]" in result.stderr
    assert "nothing was written" in result.stderr
    assert broken.read_text() == "id: [unclosed\n"
    assert (valid_repo / CASE).read_text() == before


def test_migrate_commit_commits_only_the_rewritten_files(
    runner: CliRunner, valid_repo: Path
) -> None:
    repo = git.Repo.init(valid_repo)
    repo.git.add(all=True)
    repo.index.commit("start")
    _legacy(valid_repo)
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "migrate", "--commit"])
    assert result.exit_code == 0, result.output
    assert repo.head.commit.message.rstrip("\n") == "case: migrate case files"
    assert list(repo.head.commit.stats.files) == [CASE]
    assert not repo.is_dirty()
