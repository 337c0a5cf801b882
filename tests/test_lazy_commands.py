"""The console script loads only the command it runs: the others stand in by name and help.
What a user sees must not change: every help page of the one-command app is the full app's,
and the command a command line runs is found past the global options and their values."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
import typer
from helpers import REPO
from typer.testing import CliRunner

from psea_cli import cli


def _full() -> typer.Typer:
    return cli.build()


def _help_pages() -> list[tuple[str, ...]]:
    """Every command and sub-command of the full app, as the words that reach its help."""
    group: Any = typer.main.get_command(_full())
    pages: list[tuple[str, ...]] = [()]
    for name, command in group.commands.items():
        pages.append((name,))
        pages.extend((name, sub) for sub in getattr(command, "commands", {}))
    return pages


@pytest.mark.parametrize("words", _help_pages(), ids=lambda words: " ".join(words) or "psea")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_help_page_is_the_full_apps(words: tuple[str, ...], lang: str) -> None:
    args = ["--lang", lang, *words, "--help"]
    runner = CliRunner()
    full = runner.invoke(_full(), args, prog_name="psea")
    lazy = runner.invoke(cli.build(cli.wanted(args)), args, prog_name="psea")
    assert full.exit_code == lazy.exit_code == 0
    assert lazy.output == full.output


@pytest.mark.parametrize(("args", "command"), [
    (["validate"], "validate"), (["--root", "report", "validate"], "validate"),
    (["--lang=en", "case", "add"], "case"), (["--no-cache", "--identity", "k", "report"], "report"),
    (["--help"], ""), ([], ""), (["--", "plan"], "plan"), (["valdate"], "valdate")])
def test_the_command_is_found_past_the_global_options(args: list[str], command: str) -> None:
    assert cli.wanted(args) == command


def test_a_mistyped_command_still_gets_its_suggestion() -> None:
    result = CliRunner().invoke(cli.build(cli.wanted(["valdate"])), ["--lang", "en", "valdate"],
                                prog_name="psea")
    assert result.exit_code == 2
    assert "validate" in result.output


def test_help_loads_no_command_and_a_command_only_its_own() -> None:
    code = (
        "import contextlib, io, sys\n"
        "sys.argv = ['psea', *sys.argv[1:]]\n"
        "import psea_cli.cli\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    psea_cli.cli.main()\n"
        "print(sorted(m for m in sys.modules if m.startswith('psea_cli.commands.')))\n"
    )
    loaded = {}
    for args in (["--help"], ["validate", "--help"], ["plan", "--help"]):
        result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                                text=True, check=True, cwd=REPO / "tests")
        loaded[args[0]] = result.stdout.strip()
    assert loaded["--help"] == "[]"
    assert loaded["validate"] == "['psea_cli.commands.validate']"
    assert "psea_cli.commands.plan" in loaded["plan"]
    assert "psea_cli.commands.case" not in loaded["plan"]
