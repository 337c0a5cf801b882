"""``psea import`` on the attendance form: each submission becomes a session record judged as
``psea activity add`` judges one; importing twice adds nothing."""

from __future__ import annotations

from pathlib import Path

import git
import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.validation import load_dataset

HEADERS = ["kind", "start", "end", "region", "admin2", "organisers", "audience",
           "participants/women", "participants/men", "participants/girls", "participants/boys",
           "topics", "topics/sea_basics", "topics/reporting", "note", "_id", "_uuid",
           "_submission_time", "_submitted_by", "_geolocation"]


def row(uuid: str, *, region: str = "ML05", organisers: str = "alpha beta") -> list[object]:
    return ["training", "2021-01-12", "", region, "", organisers, "community_relays", 12, 9, 0,
            0, "sea_basics reporting", 1, 1, "", 7, uuid, "2021-01-13T08:00:00", "animateur",
            "[14.5, -4.2]"]


@pytest.fixture
def repo(valid_repo: Path) -> Path:
    repository = git.Repo.init(valid_repo)
    with repository.config_writer() as config:
        config.set_value("user", "name", "Test").set_value("user", "email", "t@example.org")
    repository.git.add(A=True)
    repository.index.commit("data")
    return valid_repo


def test_attendance_submissions_become_session_records(runner: CliRunner, repo: Path,
                                                       tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(HEADERS)
    book.active.append(row("5e0a1b2c-0001-4000-8000-000000000001"))
    book.active.append(row("5e0a1b2c-0002-4000-8000-000000000002", region="ML99"))
    path = tmp_path / "psea_session.xlsx"
    book.save(path)
    result = runner.invoke(app, ["--root", str(repo), "--lang", "en", "import", str(path),
                                 "--commit"])
    assert result.exit_code == 1  # one refused
    assert "KoboToolbox export of the attendance form: 2 submissions" in result.stderr
    assert "row 2: added as record 2021-01-12-ml05-community-relays-5e0a1b2c" in result.stderr
    assert "row 3: refused" in result.stderr
    assert "[ref.unknown-region]" in result.stderr
    assert "_geolocation" in result.stderr
    assert git.Repo(repo).head.commit.message == "records: import 1 session"
    dataset, problems = load_dataset(repo, use_cache=False)
    assert [p for p in problems if p.severity.name == "ERROR"] == []
    session = dataset.records.sessions[0].value
    assert (session.organisers, session.participants.total, session.topics) == (
        ["alpha", "beta"], 21, ["sea_basics", "reporting"])
    again = runner.invoke(app, ["--root", str(repo), "--lang", "en", "import", str(path)])
    assert "row 2: imported before as record" in again.stderr
    assert len(list((repo / "data" / "sessions").glob("*.yaml"))) == 1
