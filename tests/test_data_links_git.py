"""A data folder that is a link into the repository's own ``.git`` (``data/sessions`` →
``../.git/hooks``, which a clone or a pull request may carry) lies inside the repository, yet
psea writes no data there: git runs what lands in its hooks. The command stops with exit 1,
a message naming the file and the link, and nothing written. Real files, links and git."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psea_cli import clock
from psea_cli.cli import app

ACTIVITY = ["activity", "add", "training", "--date", "2020-09-02", "--region", "ML05",
            "--organiser", "alpha", "--plan-activity", "1.1.1",
            "--audience", "government_officials", "--women", "4", "--men", "7"]
FILE = "data/sessions/2020-09-02-ml05-government-officials.yaml"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2021, 1, 15))


def _hooks(repo: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((repo / ".git" / "hooks").iterdir())}


@pytest.mark.parametrize(("lang", "said"), [
    ("en", f"will not write {FILE}: data/sessions leads into a .git folder, where psea writes "
           "no data; nothing was written"),
    ("fr", f"{FILE} ne sera pas écrit : data/sessions mène dans un dossier .git, où psea n'écrit "
           "aucune donnée ; rien n'a été écrit"),
])
def test_no_record_is_written_through_a_folder_that_links_into_git(
        runner: CliRunner, repo: Path, lang: str, said: str) -> None:
    (repo / "data" / "sessions").symlink_to(Path("..") / ".git" / "hooks")
    before = _hooks(repo)
    result = runner.invoke(app, ["--root", str(repo), "--lang", lang, *ACTIVITY])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert said in " ".join(result.output.split()), result.output
    assert _hooks(repo) == before


def test_a_link_deeper_into_git_is_named(runner: CliRunner, repo: Path) -> None:
    """A link to a folder that itself lies in .git (the objects' folder) is refused as well."""
    (repo / "data" / "sessions").symlink_to(repo / ".git" / "objects" / "info")
    before = sorted((repo / ".git" / "objects" / "info").iterdir())
    result = runner.invoke(app, ["--root", str(repo), "--lang", "en", *ACTIVITY])
    assert result.exit_code == 1, result.output
    assert "data/sessions leads into a .git folder" in result.output
    assert sorted((repo / ".git" / "objects" / "info").iterdir()) == before


def test_a_real_sessions_folder_is_still_written(runner: CliRunner, repo: Path) -> None:
    result = runner.invoke(app, ["--root", str(repo), "--lang", "en", *ACTIVITY])
    assert result.exit_code == 0, result.output
    assert (repo / FILE).is_file()
