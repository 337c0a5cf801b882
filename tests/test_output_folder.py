"""Commands that write their own files into a folder (``forms --output-dir``, ``schema
--output``, ``pathway --all --output``, ``psea init PATH``, and the default name of a report, a poster
or a workbook in the current folder) obey the rules of ``-o``: never into the network's ``data/`` or
``.git/`` (exit 2, naming the option), never through a link that sits where psea writes one of
its files (it came with a clone: the link is replaced, its target left alone), never over a
pipe, a device or a folder, and never half a file. Real files, links and FIFOs."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest
from helpers import launch
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.schema_export import rendered_schemas

BASHRC = "export PATH=/usr/bin\n"


def _run(runner: CliRunner, repo: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--root", str(repo), "--lang", "en", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _bashrc(tmp_path: Path) -> Path:
    """A file of the user's home that a link in a clone points at."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    bashrc = home / ".bashrc"
    bashrc.write_text(BASHRC, encoding="utf-8")
    return bashrc


def _data_files(repo: Path) -> dict[str, bytes]:
    return {str(p.relative_to(repo)): p.read_bytes()
            for p in sorted((repo / "data").rglob("*")) if p.is_file()}


@pytest.fixture
def repo(valid_repo: Path) -> Path:
    subprocess.run(["git", "init", "-q"], cwd=valid_repo, check=True)
    return valid_repo


FOLDER_COMMANDS = {
    "forms": ("forms", "--output-dir"),
    "schema": ("schema", "--output"),
    "pathway": ("pathway", "--all", "--doubtful", "mark", "--output"),
}


@pytest.mark.parametrize("command", sorted(FOLDER_COMMANDS))
@pytest.mark.parametrize("where", ["data", "data/new", "data/focal_points", ".git",
                                   ".git/hooks", "data-link", "data-link/new"])
def test_an_output_folder_inside_data_or_git_is_refused(
        runner: CliRunner, repo: Path, command: str, where: str) -> None:
    (repo / "data-link").symlink_to(repo / "data")
    before = _data_files(repo)
    hooks = sorted(p.name for p in (repo / ".git" / "hooks").iterdir())
    *words, option = FOLDER_COMMANDS[command]
    if where == "data/new" and command == "forms":
        (repo / where).mkdir()  # forms writes into an existing folder only
    code, output = _run(runner, repo, *words, option, str(repo / where))
    assert code == 2, output
    assert "will not write into" in output
    assert option in output
    assert "outside data/, templates/ and .git/" in output
    assert _data_files(repo) == before
    assert not (repo / "data" / "new").exists() or not any((repo / "data" / "new").iterdir())
    if command != "forms":
        assert not (repo / "data" / "new").exists()  # not even created
    assert sorted(p.name for p in (repo / ".git" / "hooks").iterdir()) == hooks


def test_the_refusal_is_said_in_french(runner: CliRunner, repo: Path) -> None:
    result = runner.invoke(app, ["--root", str(repo), "--lang", "fr", "forms", "--output-dir",
                                 str(repo / "data")])
    assert result.exit_code == 2, result.output
    assert "n'écrira pas dans" in result.output
    assert "--output-dir" in result.output


def test_a_schemas_folder_that_is_a_link_into_data_is_not_written(
        runner: CliRunner, repo: Path) -> None:
    """The default ``schemas/`` may come with a pull request as a link into the repository's
    own ``data/``: not written, and the way out is said."""
    (repo / "schemas").symlink_to("data")
    before = _data_files(repo)
    code, output = _run(runner, repo, "schema")
    assert code == 2, output
    assert "will not write into" in output
    assert "Replace the link with a folder" in output
    assert _data_files(repo) == before


def test_init_refuses_a_folder_inside_a_network_s_data_or_git(
        runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    for where in (repo / "data" / "new-network", repo / ".git" / "new-network"):
        result = runner.invoke(app, ["--lang", "en", "init", str(where)])
        assert result.exit_code == 2, result.output
        assert "will not write into" in result.output
        assert "PATH" in result.output
        assert not where.exists()
    fine = tmp_path / "elsewhere"
    assert runner.invoke(app, ["--lang", "en", "init", str(fine)]).exit_code == 0
    assert (fine / "data" / "network.yaml").is_file()


@pytest.mark.parametrize("command", sorted(FOLDER_COMMANDS))
def test_a_link_where_psea_writes_a_file_is_replaced_never_written_through(
        runner: CliRunner, repo: Path, tmp_path: Path, command: str) -> None:
    bashrc = _bashrc(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    name = {"forms": "psea-intake.xlsx", "schema": "network.schema.json",
            "pathway": "pathway-ML05-poster.html"}[command]
    (out / name).symlink_to(bashrc)
    code, output = _run(runner, repo, *FOLDER_COMMANDS[command], str(out))
    assert code == 0, output
    assert bashrc.read_text(encoding="utf-8") == BASHRC
    assert not (out / name).is_symlink()
    assert (out / name).stat().st_size > 1000
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("command", sorted(FOLDER_COMMANDS))
@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_pipe_or_folder_where_psea_writes_a_file_is_refused_before_any_file(
        runner: CliRunner, repo: Path, tmp_path: Path, command: str, kind: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    name = {"forms": "psea-meeting.xlsx", "schema": "services.schema.json",
            "pathway": "pathway-ML09-poster.html"}[command]  # not the first one written
    if kind == "fifo":
        os.mkfifo(out / name)
    else:
        (out / name).mkdir()
    code, output = _run(runner, repo, *FOLDER_COMMANDS[command], str(out))
    assert code == 2, output
    assert "not a regular file" in output
    assert [p.name for p in out.iterdir()] == [name]  # nothing else written
    mode = (out / name).lstat().st_mode
    assert stat.S_ISFIFO(mode) if kind == "fifo" else stat.S_ISDIR(mode)


@pytest.mark.parametrize("command", sorted(FOLDER_COMMANDS))
def test_an_output_folder_that_is_a_pipe_is_refused(
        runner: CliRunner, repo: Path, tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, output = _run(runner, repo, *FOLDER_COMMANDS[command], str(fifo))
    assert code == 2, output
    assert "not a folder" in output or "is a folder" in output
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize("command", sorted(FOLDER_COMMANDS))
def test_an_output_folder_named_through_a_link_is_the_user_s_choice(
        runner: CliRunner, repo: Path, tmp_path: Path, command: str) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real)
    code, output = _run(runner, repo, *FOLDER_COMMANDS[command], str(link))
    assert code == 0, output
    assert link.is_symlink()
    if command == "schema":
        assert sorted(p.name for p in real.iterdir()) == sorted(rendered_schemas())
    else:
        assert len(list(real.iterdir())) >= 4


def test_a_default_poster_name_that_is_a_link_in_the_current_folder_is_replaced(
        runner: CliRunner, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A clone can carry ``pathway-ML05-poster.html`` as a link to ``~/.bashrc``; the poster
    written under its own name in the current folder replaces the link."""
    bashrc = _bashrc(tmp_path)
    monkeypatch.chdir(repo)
    for args in (("mopti",), ("--all",)):
        (repo / "pathway-ML05-poster.html").unlink(missing_ok=True)
        (repo / "pathway-ML05-poster.html").symlink_to(bashrc)
        code, output = _run(runner, repo, "pathway", *args, "--doubtful", "mark")
        assert code == 0, output
        assert bashrc.read_text(encoding="utf-8") == BASHRC
        assert not (repo / "pathway-ML05-poster.html").is_symlink()
        assert "<html" in (repo / "pathway-ML05-poster.html").read_text(encoding="utf-8")


def test_a_default_report_name_that_is_a_link_is_replaced_on_both_paths(
        repo: Path, tmp_path: Path) -> None:
    """The HTML report written under its own name, made (the usual path) or given again from
    the one kept (the ``psea`` script's warm path), never writes through a link there."""
    bashrc = _bashrc(tmp_path)
    report = repo / "psea-report-2021-S2.html"
    loaded = []
    for _attempt in range(2):
        report.unlink(missing_ok=True)
        report.symlink_to(bashrc)
        out, err, code, loaded = launch(repo, "--lang", "en", "report", "semester", "2021-S2",
                                        "--format", "html")
        assert code == 0, err
        assert out.strip() == "psea-report-2021-S2.html"
        assert bashrc.read_text(encoding="utf-8") == BASHRC
        assert not report.is_symlink()
        assert "<html" in report.read_text(encoding="utf-8")
    assert loaded == []  # the second answer was the kept report's


def test_a_link_named_by_output_is_still_written_through(
        runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    """``-o FILE`` names the file: a link there is the user's, written through as before."""
    real = tmp_path / "real.html"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "poster.html"
    link.symlink_to(real)
    code, output = _run(runner, repo, "pathway", "mopti", "--doubtful", "mark", "-o", str(link))
    assert code == 0, output
    assert link.is_symlink()
    assert "<html" in real.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [("directory", "psea-directory.xlsx"),
                                     ("services", "gbv-services.xlsx")])
def test_a_default_workbook_name_that_is_a_link_in_the_current_folder_is_replaced(
        runner: CliRunner, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        command: tuple[str, str]) -> None:
    bashrc = _bashrc(tmp_path)
    monkeypatch.chdir(repo)
    name, file_name = command
    (repo / file_name).symlink_to(bashrc)
    code, output = _run(runner, repo, name, "--format", "xlsx")
    assert code in (0, 1), output
    assert f"written: {file_name}" in output
    assert bashrc.read_text(encoding="utf-8") == BASHRC
    assert not (repo / file_name).is_symlink()
    assert (repo / file_name).read_bytes().startswith(b"PK")


def test_activity_demo_refuses_a_link_under_a_record_s_name(
        runner: CliRunner, shipped_network: Path, tmp_path: Path) -> None:
    """The demonstration records have names known in advance (``--seed``): a clone can carry
    one of them as a link to ``~/.bashrc``. The records go into the network's own data/, where
    psea writes through no link and replaces none (``safe_output.data_target``): the command
    stops before it writes any record, and the link and its target stay as they were."""
    bashrc = _bashrc(tmp_path)
    code, output = _run(runner, shipped_network, "activity", "demo")
    assert code == 0, output
    sessions = shipped_network / "data" / "sessions"
    written = {p.name for p in sessions.iterdir()}
    assert _run(runner, shipped_network, "activity", "demo", "--remove")[0] == 0
    name = sorted(written - {p.name for p in sessions.iterdir()})[0]
    (sessions / name).symlink_to(bashrc)
    before = _data_files(shipped_network)
    code, output = _run(runner, shipped_network, "activity", "demo")
    assert code == 1, output
    assert f"will not write data/sessions/{name}: it is a link" in output
    assert bashrc.read_text(encoding="utf-8") == BASHRC
    assert (sessions / name).is_symlink()
    assert _data_files(shipped_network) == before
