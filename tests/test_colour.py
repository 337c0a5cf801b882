"""Problems in colour on a terminal (errors red, warnings yellow, the place bold, the hint dim),
plain text when piped or redirected, or when NO_COLOR is set; FORCE_COLOR forces colour."""

from __future__ import annotations

import io
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import read_terminal
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.console import write_text
from psea_cli.problems import Problem, Severity

GALLERY = Path(__file__).parent / "gallery"
REPO = Path(__file__).parent.parent
RED, YELLOW, BOLD, DIM, RESET = "\x1b[1;31m", "\x1b[1;33m", "\x1b[1m", "\x1b[2m", "\x1b[0m"
ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def _broken(repo: Path) -> Path:
    """An error (a value not in the list) and a warning (assistance without consent)."""
    shutil.copyfile(GALLERY / "schema.invalid-choice.yaml",
                    repo / "data" / "focal_points" / "alpha.yaml")
    shutil.copyfile(GALLERY / "cases.assistance-without-consent.yaml",
                    repo / "data" / "cases" / "7KQ2M9AB.yaml")
    return repo


PROBLEMS = [
    Problem("data/a.yaml", 3, 1, "schema.invalid-choice", Severity.ERROR, "bad", "fix it"),
    Problem("data/b\x1b[31m.yaml", 5, 2, "cases.assistance-without-consent", Severity.WARNING,
            "careful", ""),
]


def test_colour_marks_severity_place_and_hint() -> None:
    out = io.StringIO()
    write_text(PROBLEMS, 2, out, colour=True)
    first, hint, second, summary = out.getvalue().splitlines()
    assert first == (f"{BOLD}data/a.yaml:3:1:{RESET} {RED}error [schema.invalid-choice]{RESET} "
                     "bad")
    assert hint == f"    {DIM}→ fix it{RESET}"
    assert second.startswith(f"{BOLD}data/b\\x1b[31m.yaml:5:2:{RESET} {YELLOW}warning [")
    assert summary.startswith(RED)
    assert summary.endswith(RESET)


def test_escapes_come_only_from_psea_never_from_a_file_name() -> None:
    out = io.StringIO()
    write_text(PROBLEMS, 2, out, colour=True)
    assert "\x1b[31m" not in out.getvalue()  # the file name's escape is written out as text


def test_without_colour_the_text_is_plain() -> None:
    out = io.StringIO()
    write_text(PROBLEMS, 2, out, colour=False)
    assert "\x1b" not in out.getvalue()


@pytest.mark.parametrize(("env", "coloured"), [
    ({}, False),  # CliRunner's output is not a terminal
    ({"FORCE_COLOR": "1"}, True),
    ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
])
def test_validate_colours_as_the_environment_says(runner: CliRunner, valid_repo: Path,
                                                 env: dict[str, str], coloured: bool) -> None:
    _broken(valid_repo)
    result = runner.invoke(app, ["--root", str(valid_repo), "validate"], env=env)
    assert result.exit_code == 1
    assert (RED in result.stdout) is coloured
    assert (YELLOW in result.stdout) is coloured
    assert ESCAPE.sub("", result.stdout) == runner.invoke(
        app, ["--root", str(valid_repo), "validate"], env={"NO_COLOR": "1"}).stdout


def _run(valid_repo: Path, terminal: bool, extra_env: dict[str, str]) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update({"PYTHONPATH": str(REPO), "TERM": "xterm", "PSEA_LANG": "en", **extra_env})
    command = [sys.executable, "-m", "psea_cli", "--root", str(valid_repo), "--no-cache",
               "validate"]
    if not terminal:
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60,
                              check=False).stdout
    leader, follower = pty.openpty()
    process = subprocess.run(command, stdout=follower, stderr=follower, env=env, timeout=60,
                             check=False)
    os.close(follower)
    written = read_terminal(leader)
    assert process.returncode == 1
    return written.decode()


def test_a_real_terminal_gets_colour_and_a_pipe_does_not(valid_repo: Path) -> None:
    _broken(valid_repo)
    assert RED in _run(valid_repo, terminal=True, extra_env={})
    assert "\x1b" not in _run(valid_repo, terminal=False, extra_env={})
    assert "\x1b" not in _run(valid_repo, terminal=True, extra_env={"NO_COLOR": "1"})
    assert RED in _run(valid_repo, terminal=False, extra_env={"FORCE_COLOR": "1"})


def test_a_usage_error_is_red_on_request(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--bogus"], env={"FORCE_COLOR": "1"})
    assert result.exit_code == 2
    assert result.stderr.startswith(RED + "error: unknown option --bogus")
    assert "\x1b" not in runner.invoke(app, ["--bogus"]).stderr
