"""``psea case add`` in a terminal: the survivor's consent is asked for each purpose, the case is
shown before it is written, nothing is written unless the user says yes, and the user is told
the next step as a psea command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import ENGLISH
from typer.testing import CliRunner

from psea_cli import clock
from psea_cli.cli import app
from psea_cli.i18n import set_language

REQUIRED = ["--received", "2021-01-10", "--channel", "hotline", "--region", "Mopti", "--sex",
            "female", "--age-group", "child", "--allegation", "sexual_exploitation",
            "--incident-month", "unknown", "--survivors", "1", "--perpetrator-affiliation",
            "unknown", "--goods-exchanged", "unknown"]
CONSENTS = ["1", "2", "3", "yes"]  # assistance yes, investigation no, identity not asked, …


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2021, 1, 15))


def _add(runner: CliRunner, repo: Path, answers: list[str], *extra: str, lang: str = "en"
         ) -> tuple[int, str, str]:
    set_language(lang)
    result = runner.invoke(app, ["--root", str(repo), "--lang", lang, "case", "add", *REQUIRED,
                                 "--interactive", *extra],
                           input="".join(a + "\n" for a in answers))
    return result.exit_code, result.stdout, result.stderr


def _new_cases(repo: Path) -> list[Path]:
    return [p for p in (repo / "data" / "cases").glob("*.yaml") if p.stem != "7KQ2M9AB"]


def test_the_consent_questions_are_asked_and_recorded(runner: CliRunner,
                                                      valid_repo: Path) -> None:
    code, stdout, stderr = _add(runner, valid_repo, [*CONSENTS, "y"])
    assert code == 0, stderr
    for question in ("consented to assistance", "take part in an investigation",
                     "sharing identifying details", "non-identifying reporting"):
        assert question in stderr
    (path,) = _new_cases(valid_repo)
    assert stdout.splitlines()[-1] == path.stem
    text = path.read_text(encoding="utf-8")
    consent = text.split("consent:\n")[1]
    for line in ('  assistance: "yes"\n', '  investigation: "no"\n', "  identity: not_asked\n",
                 '  reporting: "yes"\n'):
        assert line in consent


def test_a_consent_given_as_an_option_is_not_asked_again(runner: CliRunner,
                                                         valid_repo: Path) -> None:
    code, _stdout, stderr = _add(runner, valid_repo, ["2", "2", "2", "y"],
                                 "--consent-assistance", "yes")
    assert code == 0, stderr
    assert "consented to assistance" not in stderr
    assert stderr.count("Choice:") == 3
    assert '  assistance: "yes"\n' in _new_cases(valid_repo)[0].read_text(encoding="utf-8")


def test_the_recap_comes_before_the_question_and_names_every_field(runner: CliRunner,
                                                                   valid_repo: Path) -> None:
    code, stdout, stderr = _add(runner, valid_repo, [*CONSENTS, "y"])
    assert code == 0
    recap = stderr.split("The case to be recorded:")[1].split("Record this case? [y/n]: ")[0]
    for row in ("Received", "2021-01-10", "telephone hotline", "Mopti (ML05)",
                "female, child (under 18)", "sexual exploitation",
                "Consent: assistance", "yes, consent given", "Consent: investigation",
                "no, consent refused", "Consent: identity shared", "not asked yet"):
        assert row in recap
    assert "The case to be recorded" not in stdout  # standard output holds the id alone
    assert stdout.strip() == _new_cases(valid_repo)[0].stem


@pytest.mark.parametrize("answer", ["n", "no", "non", "N"])
def test_no_writes_nothing(runner: CliRunner, valid_repo: Path,
                                         answer: str) -> None:
    code, stdout, stderr = _add(runner, valid_repo, [*CONSENTS, answer])
    assert code == 1
    assert stdout == ""
    assert stderr.strip().endswith("aborted: nothing was written")
    assert _new_cases(valid_repo) == []


def test_an_unclear_answer_or_enter_alone_is_asked_again(runner: CliRunner,
                                                        valid_repo: Path) -> None:
    """Enter pressed by mistake after every answer is typed throws nothing away."""
    code, _stdout, stderr = _add(runner, valid_repo, [*CONSENTS, "maybe", "", "y"])
    assert code == 0
    assert stderr.count("answer y (yes) or n (no)") == 2
    assert stderr.count("Record this case? [y/n]: ") == 3
    assert len(_new_cases(valid_repo)) == 1


def test_input_closed_at_the_confirmation_writes_nothing(runner: CliRunner,
                                                         valid_repo: Path) -> None:
    code, _stdout, stderr = _add(runner, valid_repo, CONSENTS)
    assert code == 1
    assert "aborted: nothing was written" in stderr
    assert _new_cases(valid_repo) == []


def test_yes_skips_the_recap_and_the_question(runner: CliRunner, valid_repo: Path) -> None:
    code, _stdout, stderr = _add(runner, valid_repo, CONSENTS, "--yes")
    assert code == 0, stderr
    assert "The case to be recorded" not in stderr
    assert "Record this case?" not in stderr
    assert len(_new_cases(valid_repo)) == 1


def test_without_a_terminal_nothing_is_asked_and_consent_is_not_asked(
        runner: CliRunner, valid_repo: Path) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "add", *REQUIRED])
    assert result.exit_code == 0, result.stderr
    assert "Record this case?" not in result.stderr
    text = _new_cases(valid_repo)[0].read_text(encoding="utf-8")
    assert "  assistance: not_asked\n" in text


def test_the_next_step_is_a_psea_command(runner: CliRunner, valid_repo: Path) -> None:
    code, stdout, stderr = _add(runner, valid_repo, [*CONSENTS, "y"])
    assert code == 0
    case_id = stdout.strip()
    assert f"'psea case event {case_id} KIND'" in stderr
    assert f"'psea case show {case_id}'" in stderr
    assert "python" not in stderr


def test_every_prompt_recap_and_answer_is_french_in_french_mode(runner: CliRunner,
                                                                valid_repo: Path) -> None:
    code, _stdout, stderr = _add(runner, valid_repo, [*CONSENTS, "peut-être", "o"], lang="fr")
    assert code == 0, stderr
    for text in ("La personne survivante consent-elle à l'assistance",
                 "Le cas qui sera enregistré :", "Consentement : enquête",
                 "non, consentement refusé", "Enregistrer ce cas ? [o/n] : ",
                 "répondez o (oui) ou n (non)", "ensuite : enregistrez chaque étape"):
        assert text in stderr
    without_codes = " ".join(w for w in stderr.split() if "_" not in w and not w.startswith("-"))
    assert ENGLISH.findall(without_codes) == []


def test_refusing_in_french_says_so_in_french(runner: CliRunner, valid_repo: Path) -> None:
    code, _stdout, stderr = _add(runner, valid_repo, [*CONSENTS, ""], lang="fr")
    assert code == 1
    assert stderr.strip().endswith("abandon : rien n'a été écrit")
    assert _new_cases(valid_repo) == []


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "warning [cases.affiliation-mismatch] the alleged perpetrator's affiliation does not "
           "match the type of their organisation in data/focal_points/"),
    ("fr", "avertissement [cases.affiliation-mismatch] l'affiliation de l'auteur présumé ne "
           "correspond pas au type de son organisation dans data/focal_points/")])
def test_an_affiliation_the_organisation_s_type_contradicts_is_a_warning(
        runner: CliRunner, valid_repo: Path, lang: str, said: str) -> None:
    """The staff of an international NGO recorded at beta, which the directory types as a
    national NGO: the case is written, with a warning that names neither value."""
    args = [*REQUIRED]
    args[args.index("--perpetrator-affiliation") + 1] = "ingo"
    set_language(lang)
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", lang, "case", "add",
                                 "--no-interactive", *args, "--perpetrator-org", "beta",
                                 "--consent-assistance", "yes", "--consent-investigation", "no",
                                 "--consent-reporting", "yes"])
    assert result.exit_code == 0, result.output
    warned = [line for line in result.stderr.splitlines() if "affiliation-mismatch" in line]
    assert len(warned) == 1, result.stderr
    assert warned[0].endswith(said)
    assert "beta" not in warned[0]
    assert "ingo" not in warned[0]
    written = valid_repo / "data" / "cases" / f"{result.stdout.strip()}.yaml"
    assert "affiliation: ingo\n  organisation: beta\n" in written.read_text(encoding="utf-8")

    args[args.index("--perpetrator-affiliation") + 1] = "nngo"  # beta's staff: no warning
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", lang, "case", "add",
                                 "--no-interactive", *args, "--perpetrator-org", "beta",
                                 "--consent-assistance", "yes", "--consent-investigation", "no",
                                 "--consent-reporting", "yes"])
    assert result.exit_code == 0, result.output
    assert "affiliation-mismatch" not in result.stderr
