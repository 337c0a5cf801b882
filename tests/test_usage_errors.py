"""Usage errors (unknown option, missing argument, bad value, unknown command) come in psea's
own form and in the user's language, with exit code 2, nothing on standard output and no
value or argument the user typed repeated. The whole list is a golden file per language."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.i18n import set_language

GOLDEN = Path(__file__).parent / "golden" / "usage"

MISTAKES = [
    ["--bogus"],
    ["--lang", "xx", "validate"],
    ["reprt"],
    ["Fatoumata"],
    ["report", "semester", "--formt", "md"],
    ["report", "semester", "--format"],
    ["report", "semester", "2020-S2", "Fatoumata", "Traoré"],
    ["directory", "--format", "pdf"],
    ["case", "show"],
    ["case", "add", "--channel", "Fatoumata"],
    ["validate", "--strict=yes"],
]


def _run(runner: CliRunner, root: Path, lang: str, args: list[str]) -> tuple[int, str, str]:
    set_language(lang)  # what the console script does at start-up from --lang or PSEA_LANG
    result = runner.invoke(app, ["--root", str(root), "--lang", lang, *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_usage_errors_match_the_golden_file(runner: CliRunner, valid_repo: Path, lang: str,
                                            update_golden: bool) -> None:
    blocks = []
    for args in MISTAKES:
        code, stdout, stderr = _run(runner, valid_repo, lang, args)
        assert code == 2, (args, stderr)
        assert stdout == ""
        blocks.append(f"$ psea {' '.join(args)}\n{stderr}")
    text = "\n".join(blocks)
    path = GOLDEN / f"usage-errors.{lang}.txt"
    if update_golden:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_french_usage_errors_hold_no_english_and_no_typed_value(runner: CliRunner,
                                                                 valid_repo: Path) -> None:
    for args in MISTAKES:
        _code, _stdout, stderr = _run(runner, valid_repo, "fr", args)
        assert stderr.startswith("erreur : ")
        for english in ("Error", "Usage:", "Try '", "No such", "Missing", "Invalid value",
                        "Got unexpected", "requires an argument", "is not one of"):
            assert english not in stderr, (args, stderr)
        assert "Fatoumata" not in stderr
        assert "Traoré" not in stderr


def test_a_bare_command_still_shows_its_help(runner: CliRunner) -> None:
    result = runner.invoke(app, ["report"])
    assert "semester" in result.output
    assert "error" not in result.output.lower()


def test_a_deleted_current_folder_is_a_usage_error_not_a_traceback(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    script = ("import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
              "sys.argv = ['psea', 'validate']; from psea_cli.launch import main; main()")
    result = subprocess.run([sys.executable, "-c", script, str(gone)], capture_output=True,
                            text=True, env={**os.environ, "PSEA_LANG": "fr",
                                            "PYTHONPATH": str(REPO)}, check=False)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "le dossier courant n'existe plus" in result.stderr


@pytest.mark.parametrize(("args", "french"), [
    (["case", "add", "--no-interactive", "--survivors", "0"], "au moins 1"),
    (["case", "add", "--no-interactive", "--survivors", "abc"], "un nombre entier est attendu"),
    (["case", "add", "--no-interactive", "--survivors", "5000"], "au plus 1000"),
])
def test_a_bad_option_value_is_explained_in_french_without_repeating_it(
        valid_repo: Path, args: list[str], french: str) -> None:
    result = _psea(["--root", str(valid_repo), "--lang", "fr", *args])
    assert result.returncode == 2, result.stderr
    assert f"valeur invalide pour --survivors : {french}" in result.stderr
    assert "Input should" not in result.stderr
    assert "abc" not in result.stderr


def _psea(args: list[str]) -> subprocess.CompletedProcess[str]:
    """psea as a user runs it: the language is chosen before the command line is parsed."""
    return subprocess.run([sys.executable, "-m", "psea_cli", *args], capture_output=True,
                          text=True, timeout=60, check=False,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


def test_a_root_that_is_a_file_is_explained_in_french(valid_repo: Path) -> None:
    network = valid_repo / "data" / "network.yaml"
    result = _psea(["--root", str(network), "--lang", "fr", "validate"])
    assert result.returncode == 2, result.stderr
    assert "valeur invalide pour --root : c'est un fichier, pas un dossier" in result.stderr
    assert "PSEA_ROOT" not in result.stderr  # given on the command line, not by the variable
    assert "env var" not in result.stderr
    from_environment = subprocess.run(
        [sys.executable, "-m", "psea_cli", "--lang", "fr", "validate"], capture_output=True,
        text=True, timeout=60, check=False,
        env={**os.environ, "PYTHONPATH": str(REPO), "PSEA_ROOT": str(network)})
    assert from_environment.returncode == 2, from_environment.stderr
    assert ("--root (variable d'environnement PSEA_ROOT) : c'est un fichier, pas un dossier"
            in from_environment.stderr)


@pytest.mark.parametrize("root", [["--root", "{repo}"], ["--root={repo}"], ["{after}"]])
def test_a_usage_error_speaks_the_language_of_the_network_given_with_root(
        valid_repo: Path, tmp_path: Path, root: list[str]) -> None:
    """From outside the network (a script, CI), --root names the network whose first language
    the usage errors speak, as PSEA_ROOT does; they were in the locale's language."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    given = [a.format(repo=valid_repo) for a in root if a != "{after}"]
    after = ["--root", str(valid_repo)] if root == ["{after}"] else []
    result = subprocess.run(
        [sys.executable, "-m", "psea_cli", *given, "directory", "--format", "nope", *after],
        capture_output=True, text=True, timeout=60, check=False, cwd=elsewhere,
        env={**os.environ, "PYTHONPATH": str(REPO), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
    assert result.returncode == 2, result.stderr
    assert "valeur invalide pour --format" in result.stderr
    assert "invalid value" not in result.stderr
