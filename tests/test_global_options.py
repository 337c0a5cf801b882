"""Global options work before and after the command: ``psea validate --lang fr`` is
``psea --lang fr validate``; a command's own option of the same name keeps its meaning."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.global_options import hoist

REPO = Path(__file__).resolve().parent.parent


def _both(runner: CliRunner, command: list[str], options: list[str]
          ) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    before = runner.invoke(app, [*options, *command])
    after = runner.invoke(app, [*command, *options])
    return ((before.exit_code, before.stdout, before.stderr),
            (after.exit_code, after.stdout, after.stderr))


@pytest.mark.parametrize("command", [["validate"], ["plan"], ["directory"], ["services"],
                                     ["case", "list"], ["indicators", "2020"]])
def test_root_and_lang_after_the_command_do_what_they_do_before_it(
        runner: CliRunner, valid_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        command: list[str]) -> None:
    monkeypatch.chdir(tmp_path)  # outside the network: only --root can find it
    before, after = _both(runner, command, ["--root", str(valid_repo), "--lang", "fr"])
    assert before[0] == 0, before
    assert after == before


def test_lang_after_validate_speaks_french(runner: CliRunner, valid_repo: Path) -> None:
    result = runner.invoke(app, ["validate", "--root", str(valid_repo), "--lang", "fr"])
    assert result.exit_code == 0, result.stderr
    assert "fichiers vérifiés" in result.stdout


def test_no_cache_after_the_command_writes_no_cache(runner: CliRunner, valid_repo: Path) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), "validate", "--no-cache"])
    assert result.exit_code == 0, result.stderr
    assert not (valid_repo / ".psea-cache").exists()
    result = runner.invoke(app, ["--root", str(valid_repo), "validate"])
    assert (valid_repo / ".psea-cache").exists()  # the same run without it does write one


def test_no_cache_after_a_subcommand_of_a_group(runner: CliRunner, valid_repo: Path,
                                                tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = runner.invoke(app, ["--root", str(valid_repo), "report", "semester", "2020-S2",
                                 "--no-cache", "--output", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.is_file()
    assert not (valid_repo / ".psea-cache").exists()


def test_identity_after_the_command_is_read(runner: CliRunner, valid_repo: Path,
                                            tmp_path: Path) -> None:
    missing = tmp_path / "no-such-key.txt"
    before, after = _both(runner, ["validate"], ["--root", str(valid_repo),
                                                 "--identity", str(missing)])
    assert before[0] == 2, before
    assert after == before


def test_version_after_the_command(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("psea ")


def test_the_option_typed_last_wins(runner: CliRunner, valid_repo: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["--root", str(tmp_path), "validate", "--root", str(valid_repo)])
    assert result.exit_code == 0, result.stderr


def test_a_global_option_without_its_value_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "--lang"])
    assert result.exit_code == 2
    assert "option --lang needs a value" in result.stderr
    assert result.stdout == ""


def test_a_bad_value_after_the_command_is_refused_as_before(runner: CliRunner,
                                                            valid_repo: Path) -> None:
    before, after = _both(runner, ["validate"], ["--root", str(valid_repo), "--lang", "xx"])
    assert before[0] == 2
    assert after == before


@pytest.mark.parametrize(("typed", "read"), [
    ("report semester --no-cache 2020-S2", "--no-cache report semester 2020-S2"),
    ("--root x validate --lang en", "--root x --lang en validate"),
    ("validate --lang=fr --root=/x", "--lang=fr --root=/x validate"),
    # a command's own option keeps its meaning: the report's language, a consent
    ("report semester --lang fr", "report semester --lang fr"),
    ("case consent A --identity yes --lang en", "--lang en case consent A --identity yes"),
    # an option's value is never taken for an option, nor anything after --
    ("case add --note --lang --lang fr", "--lang fr case add --note --lang"),
    ("case show A -- --lang en", "case show A -- --lang en"),
])
def test_hoisting_reads_the_command_tree(typed: str, read: str) -> None:
    assert hoist(typer.main.get_command(app), typed.split()) == read.split()


def _note(help_text: str) -> str:
    """The list of global options a command's help names (help texts are in the language of
    the import: the words around the list may be French)."""
    return " ".join(help_text.split()).split("(--root")[1].split(")")[0]


def test_help_says_global_options_may_follow_the_command(runner: CliRunner) -> None:
    for command in (["validate"], ["case", "add"], ["plan"]):
        result = runner.invoke(app, [*command, "-h"])
        assert "--lang" in _note(result.stdout)
    result = runner.invoke(app, ["report", "semester", "-h"])
    assert "--no-cache" in _note(result.stdout)
    assert "--lang" not in _note(result.stdout)  # the report's own --lang is not the global one
    result = runner.invoke(app, ["-h"])
    assert "psea validate --lang en." in " ".join(result.stdout.split())


def test_an_internal_error_is_one_honest_line() -> None:
    """An error psea did not foresee is said in one line, in the user's language, exit 2,
    without a traceback and without promising what it cannot know (that nothing was
    written): it says what it can, and where to look."""
    script = ("import sys\n"
              "from psea_cli import cli, validation\n"
              "def broken(*args, **kwargs):\n"
              "    raise RuntimeError('a fault')\n"
              "validation.check_repository = broken\n"
              "sys.argv = ['psea', '--lang', 'fr', '--no-cache', 'validate']\n"
              "cli.main()\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                          text=True, env={**os.environ, "PSEA_DEBUG": ""})
    assert done.returncode == 2
    assert done.stderr.startswith("erreur interne (RuntimeError) : psea s'est arrêté.")
    assert "« git status » montre ce qui a changé" in done.stderr
    assert "Traceback" not in done.stderr
    assert "rien n'a été écrit" not in done.stderr
    assert len(done.stderr.splitlines()) == 1
