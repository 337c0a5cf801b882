"""In French mode, everything psea writes to the terminal is French: its own messages, and the
words click and typer would write in English (usage line, help headings, option notes, usage
errors, "Aborted!"), problems' severity labels, composed hints. Option names, codes and
metavariables are left as typed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ENGLISH
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.i18n import set_language

GALLERY = Path(__file__).parent / "gallery"
REPO = Path(__file__).parent.parent


BAD_INPUT = [
    ["--bogus"],
    ["validate", "--strict=yes"],
    ["validate", "--format", "yaml"],
    ["validate"],  # on files with problems, below
    ["report", "semester", "--format", "doc"],
    ["report", "semester", "2099-S9"],
    ["case", "add", "--received", "2020-13-45"],
    ["case", "add", "--received", "2020-07-15", "--channel", "hotline", "--region", "Atlantis",
     "--sex", "female", "--age-group", "adult", "--allegation", "sexual_abuse"],
    ["case", "add", "--interactive"],  # standard input closed at the first question
    ["case", "show", "ZZZZZZZZ"],
    ["case", "event"],
    ["case", "list", "--since", "hier"],
    ["directory", "--format", "pdf"],
    ["services", "--region", "Atlantis"],
    ["indicators", "1800"],
    ["plan", "--format", "docx"],
    ["activity", "add", "--date", "demain"],
    ["init"],
    ["validate", "--lang"],
]


def _french_repo(valid_repo: Path) -> Path:
    """The valid fixture with two files that make ``validate`` compose a hint from pydantic's
    words (a list of choices, a range)."""
    for entry, target in (("schema.invalid-choice.yaml", "data/focal_points/alpha.yaml"),
                          ("schema.out-of-range.yaml", "data/network.yaml")):
        shutil.copyfile(GALLERY / entry, valid_repo / target)
    return valid_repo


def _english_in(text: str) -> list[str]:
    without_options = re.sub(r"--?[a-z][a-z0-9-]*|\[[A-Z_|]+\]|[a-z]+_[a-z_]+", "", text)
    return ENGLISH.findall(without_options)


@pytest.mark.parametrize("args", BAD_INPUT, ids=[" ".join(a) for a in BAD_INPUT])
def test_bad_input_in_french_gets_no_english(runner: CliRunner, valid_repo: Path,
                                             args: list[str]) -> None:
    root = _french_repo(valid_repo)
    set_language("fr")  # what the console script does at start-up from --lang
    result = runner.invoke(app, ["--root", str(root), "--lang", "fr", *args], input="")
    assert result.exit_code in (1, 2), (args, result.exit_code, result.stderr)
    output = result.stdout + result.stderr
    assert output.strip()
    assert _english_in(output) == [], output


def test_validate_labels_and_hints_are_french(runner: CliRunner, valid_repo: Path) -> None:
    root = _french_repo(valid_repo)
    set_language("fr")
    result = runner.invoke(app, ["--root", str(root), "--lang", "fr", "validate"])
    assert result.exit_code == 1
    assert ": erreur [schema.invalid-choice]" in result.stdout
    assert "nngo — ONG nationale ; government — Gouvernement ; red_cross" in result.stdout
    assert " or " not in result.stdout  # no English "or" between the choices
    assert "→ Autorisé : au moins 3." in result.stdout


def test_duplicate_ids_are_named_in_good_french(runner: CliRunner, valid_repo: Path) -> None:
    copy = valid_repo / "data" / "focal_points" / "copie.yaml"
    shutil.copyfile(valid_repo / "data" / "focal_points" / "alpha.yaml", copy)
    set_language("fr")
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "fr", "validate"])
    assert "« alpha » : identifiant d'organisation utilisé deux fois" in result.stdout
    assert "de organisation" not in result.stdout


def test_an_aborted_question_says_so_in_french(runner: CliRunner, valid_repo: Path) -> None:
    set_language("fr")
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "fr", "case", "add",
                                 "--interactive"], input="")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("abandon : rien n'a été écrit")
    assert not list((valid_repo / "data" / "cases").glob("*.yaml"))[1:]  # only the fixture's


@pytest.mark.parametrize("command", [[], ["validate"], ["case", "add"], ["report", "semester"],
                                     ["directory"], ["case", "event"], ["import"],
                                     ["init"], ["case", "demo"], ["activity", "add"],
                                     ["action", "done"], ["indicators"], ["changes"],
                                     ["directory", "check"]])
def test_help_is_french_in_a_french_session(valid_repo: Path, command: list[str]) -> None:
    """In a real process (help texts are chosen at start-up), with PSEA_LANG=fr."""
    env = {**os.environ, "PSEA_LANG": "fr", "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-m", "psea_cli", "--root", str(valid_repo),
                             *command, "-h"], capture_output=True, text=True, env=env,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Utilisation : ")
    assert "Options :" in result.stdout
    assert "Afficher cette aide et quitter." in result.stdout
    assert _english_in(result.stdout) == [], result.stdout
    for placeholder in ("<str>", "<int range>", "<file>", "<dir>", "<path>", "1<=x<=",
                        "PERIOD", "CASE_ID", "KIND", "FILE", "MEETING", "x>=", "list[",
                        "{path}", "[period]"):
        assert placeholder not in result.stdout, placeholder
    assert not re.search(r"\[[^\]]*\S; [^\]]*\]", result.stdout)  # "[par défaut : 300 ; …]"
    assert not re.search(r"^\s+[:;?!»]", result.stdout, re.MULTILINE)  # no line starts so
    assert re.search(r"\{[A-ZÉ_#]+\}|\[[A-ZÉ_]+\]|Utilisation : psea( [a-z]+)* \[OPTIONS\]\n",
                     result.stdout.replace(" COMMANDE [ARGUMENTS]...", "\n"))


def test_help_stays_english_in_an_english_session(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "-h"])
    assert result.stdout.startswith("Usage: ")
    assert "Options:" in result.stdout
    assert "Show this message and exit." in result.stdout


@pytest.mark.parametrize("command", [["case", "list"], ["report", "quarter"], ["indicators"]])
def test_french_help_writes_a_quarter_the_french_way_and_it_is_taken(
        shipped_network: Path, command: list[str]) -> None:
    """A French help names a quarter as a French reader writes it (T for trimestre), and the
    period it shows is the one the command takes (the same as the file key ``2021-Q3``)."""
    env = {**os.environ, "PSEA_LANG": "fr", "PYTHONPATH": str(REPO), "PSEA_NO_CACHE": "1"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "psea_cli", "--root", str(shipped_network),
                               *args], capture_output=True, text=True, env=env, timeout=120,
                              check=False)

    shown = run(*command, "-h").stdout
    assert re.search(r"\b20\d\d-T[1-4]\b", shown), shown
    assert not re.search(r"\b20\d\d-Q[1-4]\b", shown.replace("2020-Q3 ou 2020-T3", "")), shown
    if command == ["case", "list"]:
        french, key = (run(*command, "--period", p, "--format", "json") for p in
                       ("2021-T3", "2021-Q3"))
        assert french.returncode == key.returncode == 0, french.stderr
        assert french.stdout == key.stdout
        assert french.stdout.count('"id"') > 3


@pytest.mark.parametrize(("language", "said"), [("en", "focal point id 'fp-1' is used twice "
                                                       "(also at line 12)"),
                                                ("fr", "« fp-1 » : identifiant de point focal "
                                                       "utilisé deux fois (aussi à la ligne 12)")])
def test_an_id_twice_in_one_file_names_the_line_of_the_other(
        runner: CliRunner, valid_repo: Path, language: str, said: str) -> None:
    """Two focal points of one file share an id: the second says the first's line, not the
    file it is already in."""
    alpha = valid_repo / "data" / "focal_points" / "alpha.yaml"
    text = alpha.read_text(encoding="utf-8")
    entry = text[text.index("  - id: fp-1\n"):]
    entry = entry[:entry.index("\n  - ") + 1] if "\n  - " in entry else entry
    alpha.write_text(text.rstrip("\n") + "\n" + entry, encoding="utf-8")
    set_language(language)
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", language, "validate"])
    twice = [line for line in result.stdout.splitlines() if "[ref.duplicate-id]" in line]
    assert len(twice) == 1, result.stdout
    assert twice[0].endswith(said)
    assert "alpha.yaml)" not in twice[0]
