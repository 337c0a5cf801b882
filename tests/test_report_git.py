"""The report in a real git repository: the data revision, uncommitted changes, and the
directory changes of the period read from history."""

from __future__ import annotations

import shutil
from pathlib import Path

import git
import pytest
from helpers import FIXTURE
from typer.testing import CliRunner

from psea_cli.cli import app


def _commit(repo: git.Repo, message: str, day: str) -> str:
    repo.git.add(A=True)
    moment = f"{day}T10:00:00"
    commit = repo.index.commit(message, author_date=moment, commit_date=moment,
                               author=git.Actor("Coordination", "coordination@example.org"),
                               committer=git.Actor("Coordination", "coordination@example.org"))
    return str(commit.hexsha)


@pytest.fixture
def history(tmp_path: Path) -> tuple[Path, str]:
    """The fixture network committed in June 2020, then a focal point added and a service
    removed in October 2020; returns the repository and the last commit."""
    root = tmp_path / "network"
    shutil.copytree(FIXTURE, root)
    repo = git.Repo.init(root)
    _commit(repo, "Import the network", "2020-06-01")
    wfp = root / "data" / "focal_points" / "wfp.yaml"
    wfp.write_text(wfp.read_text(encoding="utf-8").replace(
        "focal_points: []",
        "focal_points:\n  - id: fp-1\n    name: Point focal PSEA PAM\n    role: focal_point\n"
        "    email: psea@wfp.example.org\n    verified_on: 2020-10-02"), encoding="utf-8")
    services = root / "data" / "services" / "tombouctou.yaml"
    text = services.read_text(encoding="utf-8")
    services.write_text(text[:text.index("  - id: tombouctou-psychosocial")], encoding="utf-8")
    last = _commit(repo, "Directory update", "2020-10-05")
    return root, last


def test_the_cover_names_the_commit_and_the_period_changes_come_from_history(
    runner: CliRunner, history: tuple[Path, str]
) -> None:
    root, last = history
    result = runner.invoke(app, ["--root", str(root), "report", "semester", "2020-S2",
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert f"Data revision: commit {last[:8]} of 5 October 2020." in result.stdout
    assert "| 5 October 2020 | Added | Focal point: Point focal PSEA PAM |" in result.stdout
    assert "| 5 October 2020 | Removed | Service: tombouctou-psychosocial |" in result.stdout
    assert "uncommitted" not in result.output
    assert "Programme alimentaire mondial" not in result.stdout.split(
        "### Entries not verified")[0].split("without a focal point")[1]


def test_changes_outside_the_period_are_not_listed(runner: CliRunner,
                                                   history: tuple[Path, str]) -> None:
    root, _last = history
    result = runner.invoke(app, ["--root", str(root), "report", "semester", "2021-S1",
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "No focal point or service was added or removed during the period." in result.stdout
    first = runner.invoke(app, ["--root", str(root), "report", "semester", "2020-S1",
                                "--lang", "en"])
    assert "| 1 June 2020 | Added | Service: tombouctou-psychosocial |" in first.stdout
    assert "Point focal PSEA PAM" not in first.stdout


def test_uncommitted_changes_are_flagged_on_the_cover_and_on_stderr(
    runner: CliRunner, history: tuple[Path, str]
) -> None:
    root, _last = history
    network = root / "data" / "network.yaml"
    network.write_text(network.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = runner.invoke(app, ["--root", str(root), "report", "semester", "2020-S2",
                                 "--lang", "fr", "--format", "html", "-o", "-"])
    assert result.exit_code == 0
    assert '<p class="alert" role="alert">Attention\u00a0: les données ont des modifications' \
        in result.stdout
    assert "modifications non enregistrées" in result.stderr
    assert "\u00a0" not in result.stderr  # the terminal's words keep plain spaces


def test_outside_git_the_report_says_there_is_no_revision_or_history(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = tmp_path / "plain"
    shutil.copytree(FIXTURE, root)
    result = runner.invoke(app, ["--root", str(root), "report", "semester", "2020-S2",
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Data revision: not a git repository, no revision available." in result.stdout
    assert "Not available: the data is not in a git repository." in result.stdout


@pytest.mark.parametrize("change", ["unstaged", "staged", "untracked"])
def test_every_kind_of_uncommitted_change_to_the_data_is_flagged(
    runner: CliRunner, history: tuple[Path, str], change: str
) -> None:
    root, _last = history
    repo = git.Repo(root)
    if change == "untracked":
        (root / "data" / "focal_points" / "new-org.yaml").write_text("id: new-org\n",
                                                                   encoding="utf-8")
    else:
        network = root / "data" / "network.yaml"
        network.write_text(network.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        if change == "staged":
            repo.git.add(str(network))
    result = runner.invoke(app, ["--root", str(root), "report", "semester", "2020-S2",
                                 "--lang", "en"])
    assert "the data has uncommitted changes" in result.stderr


def test_changes_outside_the_data_folder_are_not_flagged(
    runner: CliRunner, history: tuple[Path, str]
) -> None:
    root, _last = history
    (root / "notes.txt").write_text("meeting notes\n", encoding="utf-8")
    result = runner.invoke(app, ["--root", str(root), "report", "semester", "2020-S2",
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "uncommitted" not in result.output


def test_a_repository_without_commits_has_no_revision(runner: CliRunner,
                                                      tmp_path: Path) -> None:
    root = tmp_path / "fresh"
    shutil.copytree(FIXTURE, root)
    git.Repo.init(root)
    result = runner.invoke(app, ["--root", str(root), "report", "semester", "2020-S2",
                                 "--lang", "en"])
    assert "Data revision: none, nothing has been committed yet." in result.stdout
    assert "the data has uncommitted changes" in result.stderr
