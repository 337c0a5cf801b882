"""``psea case add|event|consent`` as the core team runs them: flags, prompts, refusals, commits."""

from __future__ import annotations

import datetime as dt
import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
from pathlib import Path

import git
import pytest
from typer.testing import CliRunner, Result

from psea_cli import clock
from psea_cli.cases.vocabulary import EVENT_KINDS
from psea_cli.cli import app
from psea_cli.i18n import set_language
from psea_cli.validation import load_dataset

CASE = "data/cases/7KQ2M9AB.yaml"
REQUIRED = ["--received", "2021-01-10", "--channel", "hotline", "--region", "Mopti", "--sex",
            "female", "--age-group", "child", "--allegation", "sexual_exploitation"]


@pytest.fixture(autouse=True)
def _today_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2021, 1, 15))
    monkeypatch.setenv("PSEA_LANG", "en")  # the fixture network's first language is French


def case_files(repo: Path) -> set[str]:
    return {p.name for p in (repo / "data" / "cases").iterdir()}


# --- add ----------------------------------------------------------------------------------------

def test_add_prints_the_new_id_alone_on_the_last_line(runner: CliRunner, valid_repo: Path) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "add", *REQUIRED,
                                 "--consent-assistance", "yes", "--note", "5 000 FCFA de transport"])
    assert result.exit_code == 0, result.output
    case_id = result.stdout.splitlines()[-1]
    assert case_files(valid_repo) == {"7KQ2M9AB.yaml", f"{case_id}.yaml"}
    assert f"data/cases/{case_id}.yaml" in result.stderr
    dataset, problems = load_dataset(valid_repo)
    assert problems == []
    added = next(c.value for c in dataset.cases if c.value.id == case_id)
    assert (added.region, added.consent.assistance, added.step) == ("ML05", "yes", "reception")


@pytest.mark.parametrize("region", ["Ségou", "segou", "SEGOU", "ML04", "ml04"])
def test_region_by_name_or_pcode_ignoring_case_and_accents(
    runner: CliRunner, valid_repo: Path, region: str
) -> None:
    args = [*REQUIRED]
    args[args.index("Mopti")] = region
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "add", *args])
    assert result.exit_code == 0, result.output
    case_id = result.stdout.splitlines()[-1]
    assert "region: ML04\n" in (valid_repo / f"data/cases/{case_id}.yaml").read_text()


def test_unknown_region_is_a_usage_error_that_lists_the_regions(
    runner: CliRunner, valid_repo: Path
) -> None:
    args = [*REQUIRED]
    args[args.index("Mopti")] = "Atlantis"
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "add", *args])
    assert result.exit_code == 2
    assert "Ségou (ML04)" in result.output
    assert "Atlantis" not in result.output
    assert case_files(valid_repo) == {"7KQ2M9AB.yaml"}


def test_missing_flags_without_a_terminal_are_named(runner: CliRunner, valid_repo: Path) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "add", "--channel", "cbcm"])
    assert result.exit_code == 2
    assert "missing --received, --region, --sex, --age-group, --allegation" in result.stderr
    assert case_files(valid_repo) == {"7KQ2M9AB.yaml"}


def test_prompts_list_the_choices_and_accept_numbers_or_codes(
    runner: CliRunner, valid_repo: Path
) -> None:
    answers = "\n".join(["2021-01-12", "9", "2", "Tombouctou", "female", "2", "1",
                         "", "", "unknown", "unknown", "1", "3", "2", "1", "y"]) + "\n"
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "add", "--interactive"],
                           input=answers)
    assert result.exit_code == 0, result.output
    assert "   2  cbcm             community-based complaint mechanism" in result.stderr
    assert "type a number from 1 to 6" in result.stderr  # the 9 was asked again
    case_id = result.stdout.splitlines()[-1]
    assert len(case_id) == 8
    text = (valid_repo / f"data/cases/{case_id}.yaml").read_text()
    for line in ("received: 2021-01-12", "channel: cbcm", "region: ML06", "sex: female",
                 "age_group: adult", "allegation: sexual_exploitation"):
        assert line + "\n" in text


def test_an_incident_month_after_the_reception_is_asked_again_at_once(
    runner: CliRunner, valid_repo: Path
) -> None:
    """It was accepted, and refused only after every other answer and the recap: nothing
    written, everything to type again."""
    answers = "\n".join(["2021-01-12", "2", "Tombouctou", "female", "2", "1",
                         "2021-02", "2021-01", "", "unknown", "unknown", "1", "3", "2", "1",
                         "o"]) + "\n"
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "fr", "case", "add",
                                 "--interactive"], input=answers)
    assert result.exit_code == 0, result.output
    assert ("le mois de l'incident est postérieur au mois de réception de la plainte"
            in result.stderr)
    case_id = result.stdout.splitlines()[-1]
    assert "incident_month: 2021-01\n" in (valid_repo / f"data/cases/{case_id}.yaml").read_text()


def test_a_reception_before_the_incident_month_given_is_asked_again_at_once(
    runner: CliRunner, valid_repo: Path
) -> None:
    """``--incident-month 2020-10`` given, a reception in September typed at its question was
    accepted, and refused after every other answer and the recap."""
    answers = "\n".join(["2020-09-15", "2020-10-20", "2", "Tombouctou", "female", "2", "1",
                         "", "unknown", "unknown", "1", "3", "2", "1", "o"]) + "\n"
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "fr", "case", "add",
                                 "--incident-month", "2020-10", "--interactive"],
                           input=answers)
    assert result.exit_code == 0, result.output
    assert ("le mois de l'incident est postérieur au mois de réception de la plainte"
            in result.stderr)
    case_id = result.stdout.splitlines()[-1]
    assert "received: 2020-10-20\n" in (valid_repo / f"data/cases/{case_id}.yaml").read_text()


def test_prompts_are_in_french(runner: CliRunner, valid_repo: Path) -> None:
    answers = "\n".join(["", "1", "Mopti", "1", "1", "1", "", "", "unknown", "unknown",
                         "1", "1", "1", "1", "o"]) + "\n"
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "fr", "case", "add",
                                 "--interactive"], input=answers)
    assert result.exit_code == 0, result.output
    assert "Canal par lequel la plainte est arrivée" in result.stderr
    assert "ligne téléphonique (ligne verte)" in result.stderr
    case_id = result.stdout.splitlines()[-1]
    assert "received: 2021-01-15\n" in (valid_repo / f"data/cases/{case_id}.yaml").read_text()


def test_enter_at_a_question_without_default_says_what_is_expected(
    runner: CliRunner, valid_repo: Path
) -> None:
    """Enter at ``Choix :`` or at the region says what to type, in the user's language,
    instead of printing the question again in silence."""
    answers = "\n".join(["", "", "1", "", "Mopti", "1", "1", "1", "", "", "unknown",
                         "unknown", "1", "1", "1", "1", "o"]) + "\n"
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "fr", "case", "add",
                                 "--interactive"], input=answers)
    assert result.exit_code == 0, result.output
    # the answers are not echoed: each prompt follows the one before on its line
    assert "Choix : tapez un nombre de 1 à 6, ou l'un des codes affichés\nChoix : " in result.stderr
    assert ("Région (nom ou p-code) : ce n'est pas une région de data/network.yaml ; "
            "régions : Kayes (ML01)") in result.stderr
    case_id = result.stdout.splitlines()[-1]
    assert "channel: hotline\n" in (valid_repo / f"data/cases/{case_id}.yaml").read_text()


def test_a_choice_may_be_typed_as_its_french_meaning(runner: CliRunner,
                                                    valid_repo: Path) -> None:
    """At ``Choix :``, the meaning shown beside each code is accepted as typed in French
    (accents and case aside), or its start when only one meaning starts so."""
    answers = "\n".join(["", "ligne", "Mopti", "Féminin", "adulte", "exploitation", "", "",
                         "inconnu", "inconnu", "oui", "non", "1", "1", "o"]) + "\n"
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "fr", "case", "add",
                                 "--interactive"], input=answers)
    assert result.exit_code == 0, result.output
    assert "tapez un nombre" not in result.stderr
    case_id = result.stdout.splitlines()[-1]
    text = (valid_repo / f"data/cases/{case_id}.yaml").read_text()
    for line in ("channel: hotline", "sex: female", "age_group: adult",
                 "allegation: sexual_exploitation", '  assistance: "yes"',
                 '  investigation: "no"'):
        assert line + "\n" in text, text


def test_a_consent_may_be_answered_o_or_n_as_the_last_question_is(runner: CliRunner,
                                                                  valid_repo: Path) -> None:
    """``o`` and ``n`` (or ``y``) answer a yes-or-no choice as they answer the last
    question: a French user typing ``o`` at a consent's ``Choix :`` was told to type a
    number."""
    answers = "\n".join(["", "ligne", "Mopti", "Féminin", "adulte", "exploitation", "", "",
                         "inconnu", "inconnu", "o", "n", "y", "1", "o"]) + "\n"
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "fr", "case", "add",
                                 "--interactive"], input=answers)
    assert result.exit_code == 0, result.output
    assert "tapez un nombre" not in result.stderr
    text = (valid_repo / f"data/cases/{result.stdout.splitlines()[-1]}.yaml").read_text()
    for line in ('  assistance: "yes"', '  investigation: "no"'):
        assert line + "\n" in text, text


def test_a_future_day_is_asked_again_at_once(runner: CliRunner, valid_repo: Path) -> None:
    answers = "\n".join(["2099-01-01", "2021-01-12", "1", "Mopti", "1", "1", "1", "", "",
                         "unknown", "unknown", "1", "1", "1", "1", "o"]) + "\n"
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "fr", "case", "add",
                                 "--interactive"], input=answers)
    assert result.exit_code == 0, result.output
    assert "cette date est postérieure à aujourd'hui" in result.stderr
    case_id = result.stdout.splitlines()[-1]
    assert "received: 2021-01-12\n" in (valid_repo / f"data/cases/{case_id}.yaml").read_text()


def test_the_incident_the_survivors_and_the_alleged_perpetrators_employer_are_asked(
    runner: CliRunner, valid_repo: Path
) -> None:
    """The referral to the concerned entity needs the alleged perpetrator's employer: a case
    added in a terminal is asked for it (and for its organisation in the directory), for the
    month of the incident, the number of survivors and whether goods were exchanged; a wrong
    answer is asked again, in French."""
    answers = "\n".join(["2021-01-12", "1", "Mopti", "1", "1", "1",
                         "2020-13", "2020-12", "deux", "2", "5", "nulle part", "Beta",
                         "oui", "1", "1", "1", "1", "o"]) + "\n"
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "fr", "case", "add",
                                 "--interactive"], input=answers)
    assert result.exit_code == 0, result.output
    for text in ("Mois de l'incident (AAAA-MM ; Entrée s'il est inconnu) [inconnu] :",
                 "Employeur de l'auteur présumé :", "ONG internationale",
                 "Organisation de l'auteur présumé", "ce n'est pas une organisation de "
                 "l'annuaire", "un nombre entier de 1 à 1\u202f000 est attendu",
                 "Des biens, de l'argent, des services ou des faveurs ont-ils été échangés ?"):
        assert text in result.stderr, text
    assert "nulle part" not in result.stderr
    case_id = result.stdout.splitlines()[-1]
    text = (valid_repo / f"data/cases/{case_id}.yaml").read_text()
    for line in ("incident_month: 2020-12", "  count: 2", "  affiliation: ingo",
                 "  organisation: beta", 'goods_exchanged: "yes"'):
        assert line + "\n" in text, text


@pytest.mark.parametrize(("lang", "said", "unknown"), [
    ("fr", "écrivez le mois sous la forme AAAA-MM, ou appuyez sur Entrée s'il est inconnu",
     "Inconnu"),
    ("en", "write the month as YYYY-MM, or press Enter if it is unknown", "unknown"),
])
def test_a_wrong_month_says_enter_for_unknown_in_the_users_words(
    runner: CliRunner, valid_repo: Path, lang: str, said: str, unknown: str
) -> None:
    """The question offers « [inconnu] » and Enter; its error said « ou unknown », the
    option's English word, to a French operator."""
    answers = "\n".join(["2021-01-12", "1", "Mopti", "1", "1", "1", "2020-13", unknown, "",
                         "12", "3", "1", "1", "1", "1", "o"]) + "\n"
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", lang, "case", "add",
                                 "--interactive"], input=answers)
    assert result.exit_code == 0, result.output
    assert said in result.stderr
    assert "ou unknown" not in result.stderr
    case_id = result.stdout.splitlines()[-1]
    text = (valid_repo / f"data/cases/{case_id}.yaml").read_text()
    assert "incident_month: unknown\n" in text, text


@pytest.mark.parametrize(("lang", "said"), [
    ("fr", "un nombre entier de 1 à 1\u202f000 est attendu"),
    ("en", "a whole number from 1 to 1,000 is expected"),
])
def test_a_wrong_number_of_survivors_gives_the_bounds_as_the_help_does(
    runner: CliRunner, valid_repo: Path, lang: str, said: str
) -> None:
    """``--help`` says « de 1 à 1 000 »; the question's error said « 1000 », ungrouped."""
    answers = "\n".join(["2021-01-12", "1", "Mopti", "1", "1", "1", "", "0", "", "12", "3",
                         "1", "1", "1", "1", "o"]) + "\n"
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", lang, "case", "add",
                                 "--interactive"], input=answers)
    assert result.exit_code == 0, result.output
    assert said in result.stderr


def test_an_identifying_note_is_refused_before_any_question(runner: CliRunner,
                                                            valid_repo: Path) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "fr", "case", "add",
                                 "--interactive", "--note", "appeler le 76 12 34 56"],
                           input="2021-01-12\n")
    assert result.exit_code == 1, result.output
    assert "--note semble contenir un numéro de téléphone" in result.stderr
    assert "Jour de réception" not in result.stderr
    assert "76 12 34 56" not in result.output


def test_an_empty_option_is_refused_not_asked(runner: CliRunner, valid_repo: Path) -> None:
    args = [*REQUIRED]
    args[args.index("--region") + 1] = ""
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "add", "--no-interactive",
                                 *args])
    assert result.exit_code == 2, result.output
    assert "Region (name or p-code)" not in result.stderr


def test_a_terminal_is_asked_for_what_is_missing(valid_repo: Path) -> None:
    """Without --interactive: standard input is a terminal, so the missing --sex is asked."""
    args = [*REQUIRED]
    del args[args.index("--sex"):args.index("--sex") + 2]
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "psea_cli", "--root", str(valid_repo), "--lang", "en", "case",
         "add", *args], stdin=terminal, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "PSEA_LANG": "en"})
    # the sex, the month, survivors, employer and goods (left unknown), four consents, yes
    os.write(controller, b"male\n\n\nunknown\nunknown\n3\n3\n3\n3\ny\n")
    out, err = process.communicate(timeout=60)
    os.close(controller)
    os.close(terminal)
    assert process.returncode == 0
    assert b"Survivor's sex:" in err
    case_id = out.decode().strip()
    assert out.decode() == case_id + "\n"  # the conversation is on stderr; stdout is the id
    assert "sex: male\n" in (valid_repo / f"data/cases/{case_id}.yaml").read_text()


def test_ctrl_c_at_a_question_says_nothing_was_written(valid_repo: Path) -> None:
    """Ctrl-C at a question stops ``case add`` as Ctrl-D does: "nothing was written", and
    nothing is (it said only "interrupted", leaving the user to wonder about the record)."""
    args = [*REQUIRED]
    del args[args.index("--sex"):args.index("--sex") + 2]
    before = case_files(valid_repo)
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "psea_cli", "--root", str(valid_repo), "--lang", "fr", "case",
         "add", *args], stdin=terminal, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stderr is not None
    asked = b""
    while b"Sexe" not in asked:  # the first question is being asked
        ready, _w, _x = select.select([process.stderr], [], [], 60)
        assert ready, asked
        chunk = os.read(process.stderr.fileno(), 4096)
        assert chunk, asked
        asked += chunk
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    os.close(controller)
    os.close(terminal)
    assert process.returncode == 130  # an interruption, as Ctrl-C anywhere else
    assert "abandon : rien n'a été écrit" in (asked + err).decode()
    assert out == b""
    assert case_files(valid_repo) == before


NOTES = {
    "cases.note-phone": "joindre la plaignante au +223 20 00 90 19",
    "cases.note-email": "contact aminata.d@example.org",
    "cases.note-coordinates": "près du point 14.4974, -4.1983",
    "cases.note-name": "signalé par Mme Traoré",
}


@pytest.mark.parametrize(("code", "note"), NOTES.items())
def test_identifying_notes_are_refused_without_echo_and_without_file(
    runner: CliRunner, valid_repo: Path, code: str, note: str
) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "add", *REQUIRED,
                                 "--note", note])
    assert result.exit_code == 1
    assert f"note: error [{code}]" in result.stderr
    assert "nothing was written" in result.stderr
    for piece in ("76 12", "aminata", "14.49", "Traoré"):
        assert piece not in result.output
    assert case_files(valid_repo) == {"7KQ2M9AB.yaml"}
    assert not any(p.name.startswith(".psea-") for p in (valid_repo / "data/cases").iterdir())


@pytest.mark.parametrize("note", ["tel 7612\n3456", "tel 7612 | 3456", "tel 7612 ; 3456",
                                  "tel 7612*3456", "tel 7612·3456"])
def test_a_phone_number_split_by_a_symbol_is_refused_without_echo(
        runner: CliRunner, valid_repo: Path, note: str) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "add", *REQUIRED,
                                 "--note", note])
    assert result.exit_code == 1, result.output
    assert "note: error [cases.note-phone]" in result.stderr
    assert "7612" not in result.output
    assert "3456" not in result.output
    assert case_files(valid_repo) == {"7KQ2M9AB.yaml"}


@pytest.mark.parametrize(("extra", "code"), [
    (["--received", "2021-02-01"], "cases.future-date"),
    (["--incident-month", "2021-02"], "cases.incident-after-reception"),
    (["--perpetrator-org", "gamma"], "ref.unknown-organisation"),
    (["--note", "x" * 281], "schema.too-long"),
    (["--admin2", "Mopti"], "schema.invalid-format"),
])
def test_rule_breaking_records_are_refused(
    runner: CliRunner, valid_repo: Path, extra: list[str], code: str
) -> None:
    args = [*REQUIRED]
    if extra[0] in args:
        args[args.index(extra[0]) + 1] = extra[1]
    else:
        args += extra
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "add", *args])
    assert result.exit_code == 1, result.output
    assert f"[{code}]" in result.stderr
    assert case_files(valid_repo) == {"7KQ2M9AB.yaml"}


@pytest.mark.parametrize(("option", "value"), [
    ("--received", "15/07/2020"), ("--channel", "radio"), ("--incident-month", "2020-13"),
    ("--survivors", "0"), ("--consent-assistance", "maybe")])
def test_malformed_options_are_usage_errors(
    runner: CliRunner, valid_repo: Path, option: str, value: str
) -> None:
    args = [*REQUIRED]
    if option in args:
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "add", *args])
    assert result.exit_code == 2
    assert case_files(valid_repo) == {"7KQ2M9AB.yaml"}


def test_warnings_are_shown_and_the_case_is_written(runner: CliRunner, valid_repo: Path) -> None:
    demo = (valid_repo / CASE).read_text().replace("id: 7KQ2M9AB", "id: 8KQ2M9AB\nsynthetic: true")
    (valid_repo / "data/cases/8KQ2M9AB.yaml").write_text(demo)
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "add", *REQUIRED])
    assert result.exit_code == 0
    assert "warning [cases.synthetic-mixed]" in result.stderr
    assert len(case_files(valid_repo)) == 3


# --- event and consent --------------------------------------------------------------------------

def test_event_defaults_to_today_and_reads_ids_as_typed(runner: CliRunner, valid_repo: Path) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "event", "7kq2m9ab",
                                 "feedback_given"])
    assert result.exit_code == 0, result.output
    assert (valid_repo / CASE).read_text().endswith(
        "  - kind: feedback_given\n    date: 2021-01-15\n")


@pytest.mark.parametrize(("service", "written"), [
    ("mopti-medical", "    service: medical\n    service_id: mopti-medical\n"),
    ("psychosocial", "    service: psychosocial\n"),
])
def test_a_service_is_a_type_or_a_service_id(
    runner: CliRunner, valid_repo: Path, service: str, written: str
) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "event", "7KQ2M9AB",
                                 "assistance_referred", "--service", service, "--date",
                                 "2020-07-20"])
    assert result.exit_code == 0, result.output
    assert (valid_repo / CASE).read_text().endswith(
        "  - kind: assistance_referred\n    date: 2020-07-20\n" + written)


@pytest.mark.parametrize(("args", "message"), [
    (["closed"], "missing --reason"),
    (["acknowledged", "--reason", "needs_met"], "--reason: not for a 'acknowledged' event"),
    (["closed", "--reason", "bored"], "choose one of: needs_met"),
    (["assistance_referred", "--service", "spa"], "neither a service type"),
    (["referred_to_entity", "--org", "gamma"], "not an organisation of the directory; ids such "
                                               "as: alpha, beta"),
    (["investigation_concluded", "--outcome", "guilty"], "choose one of: substantiated"),
    (["acknowledged", "--survivor-participates"], "not for a 'acknowledged' event"),
    (["referred_to_entity"], "missing --org"),
    (["satisfaction", "--value", "dismissal"], "satisfied, not_satisfied"),
    (["acknowledged", "--date", "2020-02-30"], "does not exist in the calendar"),
    (["acknowledged", "--date", "30/02/2020"], "not a valid date"),
])
def test_event_usage_errors(
    runner: CliRunner, valid_repo: Path, args: list[str], message: str
) -> None:
    before = (valid_repo / CASE).read_bytes()
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "event", "7KQ2M9AB", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert (valid_repo / CASE).read_bytes() == before


@pytest.mark.parametrize(("lang", "answers", "shown", "written"), [
    ("fr", "soins\n2\n", ["Service vers lequel la personne survivante est orientée :",
                          "   2  psychosocial       Soutien psychosocial",
                          "tapez un nombre de 1 à 8, l'un des codes affichés, ou l'identifiant "
                          "d'un service de data/services/"], "    service: psychosocial\n"),
    ("en", "mopti-medical\n", ["Service the survivor is referred to:",
                               "   1  medical            Medical care",
                               "Choice, or the id of a service of data/services/: "],
     "    service: medical\n    service_id: mopti-medical\n"),
])
def test_the_service_asked_for_is_chosen_from_a_numbered_list_in_the_users_language(
    runner: CliRunner, valid_repo: Path, lang: str, answers: str, shown: list[str],
    written: str
) -> None:
    """A French operator was asked to type « medical, psychosocial, legal, … » in English;
    the service types are now numbered with their meaning, as every other choice is."""
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", lang, "case", "event",
                                 "7KQ2M9AB", "assistance_referred", "--date", "2020-07-20",
                                 "--interactive"], input=answers)
    assert result.exit_code == 0, result.output
    for text in shown:
        assert text in result.stderr, result.stderr
    assert "soins" not in result.stderr
    assert (valid_repo / CASE).read_text().endswith(written)


def test_a_missing_reason_is_asked_for(runner: CliRunner, valid_repo: Path) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "event", "7KQ2M9AB",
                                 "closed", "--interactive"], input="3\n\n")
    assert result.exit_code == 0, result.output
    assert "Reason for closing the case:" in result.stderr
    assert (valid_repo / CASE).read_text().endswith("    reason: transferred\n")


def test_a_day_the_case_stands_closed_is_asked_again_at_once(
    runner: CliRunner, valid_repo: Path
) -> None:
    """A step on a day the case stands closed was accepted at the question, then refused with
    nothing written; it is refused at once, with the way to reopen, and a day before the
    closure is taken."""
    closed = runner.invoke(app, ["--root", str(valid_repo), "case", "event", "7KQ2M9AB",
                                 "closed", "--reason", "needs_met", "--date", "2020-08-01"])
    assert closed.exit_code == 0, closed.output
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "event", "7KQ2M9AB",
                                 "feedback_given", "--interactive"],
                           input="2020-08-05\n2020-07-30\n")
    assert result.exit_code == 0, result.output
    assert "this event comes after the case was closed" in result.stderr
    assert "psea case event ID reopened" in result.stderr
    text = (valid_repo / CASE).read_text()
    assert "  - kind: feedback_given\n    date: 2020-07-30\n" in text


def test_the_day_of_a_step_given_on_the_command_line_is_asked_in_a_terminal(
    runner: CliRunner, valid_repo: Path
) -> None:
    """``psea case event ID feedback_given`` in a terminal recorded today without a word: a
    step recorded a week late moved the SOP's deadlines. Its day is asked, today by default."""
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "fr", "case", "event",
                                 "7KQ2M9AB", "feedback_given", "--interactive"],
                           input="2020-08-03\n")
    assert result.exit_code == 0, result.output
    assert "Jour de l'événement (AAAA-MM-JJ)" in result.stderr
    assert (valid_repo / CASE).read_text().endswith(
        "  - kind: feedback_given\n    date: 2020-08-03\n")


def test_an_event_after_closure_is_refused_and_the_file_unchanged(
    runner: CliRunner, valid_repo: Path
) -> None:
    closed = runner.invoke(app, ["--root", str(valid_repo), "case", "event", "7KQ2M9AB", "closed",
                                 "--reason", "needs_met", "--date", "2020-08-01"])
    assert closed.exit_code == 0
    before = (valid_repo / CASE).read_bytes()
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "event", "7KQ2M9AB",
                                 "legal_information"])
    assert result.exit_code == 1
    assert "[cases.event-after-closure]" in result.stderr
    assert (valid_repo / CASE).read_bytes() == before
    reopened = runner.invoke(app, ["--root", str(valid_repo), "case", "event", "7KQ2M9AB",
                                   "reopened"])
    assert reopened.exit_code == 0


@pytest.mark.parametrize("org", ["alpha", "ALPHA", "Agence Alpha", "agence alpha"])
def test_the_concerned_entity_is_its_id_name_or_acronym(
    runner: CliRunner, valid_repo: Path, org: str
) -> None:
    """An operator knows the organisation by its name (``ONG Espoir``), not its id: ``--org``
    takes either, as ``case add --perpetrator-org`` and its question do."""
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "event", "7KQ2M9AB",
                                 "referred_to_entity", "--org", org, "--date", "2020-07-20"])
    assert result.exit_code == 0, result.output
    assert (valid_repo / CASE).read_text().endswith("    organisation: alpha\n")


@pytest.mark.parametrize(("kind", "question"), [
    ("referred_to_entity", "Organisation à laquelle le cas est renvoyé : son identifiant ou son "
                           "nom dans l'annuaire :"),
    ("identity_shared", "Organisation à laquelle l'identité de la personne survivante est "
                        "communiquée : son identifiant ou son nom dans l'annuaire :"),
])
def test_the_entity_asked_for_may_be_named_and_a_wrong_one_lists_ids(
    runner: CliRunner, valid_repo: Path, kind: str, question: str
) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "fr", "case", "event",
                                 "7KQ2M9AB", kind, "--date", "2020-07-20", "--interactive"],
                           input="Unicef\nONG Beta\n")
    assert result.exit_code == 0, result.output
    assert question in result.stderr
    assert ("ce n'est pas une organisation de l'annuaire ; identifiants par exemple : alpha, "
            "beta") in result.stderr
    assert "Unicef" not in result.stderr
    assert (valid_repo / CASE).read_text().endswith("    organisation: beta\n")


def test_the_perpetrators_organisation_may_be_named(runner: CliRunner, valid_repo: Path) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "add", *REQUIRED,
                                 "--perpetrator-affiliation", "nngo",
                                 "--perpetrator-org", "ONG Beta"])
    assert result.exit_code == 0, result.output
    case_id = result.stdout.splitlines()[-1]
    assert "  organisation: beta\n" in (valid_repo / f"data/cases/{case_id}.yaml").read_text()


def test_referral_to_the_entity_needs_no_consent(runner: CliRunner, valid_repo: Path) -> None:
    runner.invoke(app, ["--root", str(valid_repo), "case", "consent", "7KQ2M9AB",
                        "--investigation", "no"])
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "event", "7KQ2M9AB",
                                 "referred_to_entity", "--org", "alpha", "--date", "2020-07-20"])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
    assert (valid_repo / CASE).read_text().endswith(
        "  - kind: referred_to_entity\n    date: 2020-07-20\n    organisation: alpha\n")


def test_sharing_identity_without_consent_warns_and_writes(
    runner: CliRunner, valid_repo: Path
) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "event", "7KQ2M9AB",
                                 "identity_shared", "--org", "alpha"])
    assert result.exit_code == 0
    # the event written is the file's third: said as a reader counts, not "events[2]"
    assert "event 3: warning [cases.identity-shared-without-consent]" in result.stderr
    assert "--identity yes" in result.stderr
    assert "organisation: alpha" in (valid_repo / CASE).read_text()
    consent = runner.invoke(app, ["--root", str(valid_repo), "case", "consent", "7KQ2M9AB",
                                  "--identity", "yes"])
    assert consent.exit_code == 0
    assert "warning" not in consent.stderr


def test_the_accountability_chain_is_recorded_event_by_event(
    runner: CliRunner, valid_repo: Path
) -> None:
    for args in (["referred_to_entity", "--org", "alpha", "--date", "2020-07-20"],
                 ["entity_acknowledged", "--date", "2020-07-21"],
                 ["investigation_opened", "--org", "alpha", "--survivor-participates",
                  "--date", "2020-07-25"],
                 ["investigation_concluded", "--outcome", "substantiated", "--date",
                  "2020-09-01"]):
        result = runner.invoke(app, ["--root", str(valid_repo), "case", "event", "7KQ2M9AB",
                                     *args])
        assert result.exit_code == 0, result.output
    assert (valid_repo / CASE).read_text().endswith(
        "  - kind: entity_acknowledged\n    date: 2020-07-21\n"
        "  - kind: investigation_opened\n    date: 2020-07-25\n    organisation: alpha\n"
        "    survivor_participates: true\n"
        "  - kind: investigation_concluded\n    date: 2020-09-01\n    outcome: substantiated\n")


@pytest.mark.parametrize("case_id", ["ZZZZZZZZ", "nope"])
def test_unknown_or_malformed_case_ids(runner: CliRunner, valid_repo: Path, case_id: str) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "event", case_id,
                                 "acknowledged"])
    assert result.exit_code == 2


def test_consent_changes_only_the_purposes_given(runner: CliRunner, valid_repo: Path) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "consent", "7KQ2M9AB",
                                 "--reporting", "no"])
    assert result.exit_code == 0
    text = (valid_repo / CASE).read_text()
    assert 'consent:\n  assistance: "yes"\n  investigation: "yes"\n  reporting: "no"\n' in text
    none = runner.invoke(app, ["--root", str(valid_repo), "case", "consent", "7KQ2M9AB"])
    assert none.exit_code == 2


@pytest.mark.parametrize(("typed", "recorded"), [("non", "no"), ("Oui", "yes"),
                                               ("pas demandé", "not_asked"), ("NOT_ASKED", "not_asked")])
def test_a_consent_option_takes_the_words_the_questions_take(
        runner: CliRunner, valid_repo: Path, typed: str, recorded: str) -> None:
    """``case add`` took « oui » and « non » at its questions; ``--identity non`` was refused
    with the codes alone."""
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "consent", "7KQ2M9AB",
                                 "--identity", typed])
    assert result.exit_code == 0, result.output
    assert re.search(f"identity: \"?{recorded}\"?\n", (valid_repo / CASE).read_text())


def test_a_consent_option_not_understood_is_refused_before_anything_is_asked(
        runner: CliRunner, valid_repo: Path) -> None:
    from helpers import launch

    before = (valid_repo / CASE).read_bytes()
    _out, err, code, _loaded = launch(valid_repo, "--lang", "fr", "case", "consent",
                                      "7KQ2M9AB", "--identity", "peut-être")
    assert code == 2
    assert "écrivez oui, non ou « pas demandé »" in err
    assert "peut-être" not in err
    assert (valid_repo / CASE).read_bytes() == before
    added = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "case", "add",
                                "--consent-identity", "maybe"], input="")
    assert added.exit_code == 2
    assert "write yes, no or not_asked" in added.output


# --- commits ------------------------------------------------------------------------------------

def _git_repo(path: Path) -> git.Repo:
    repo = git.Repo.init(path)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Core team")
        config.set_value("user", "email", "core@example.org")
    repo.index.add([p.relative_to(path).as_posix() for p in path.rglob("*.yaml")])
    repo.index.commit("start")
    return repo


def test_commit_commits_only_the_case_file_without_case_details(
    runner: CliRunner, valid_repo: Path
) -> None:
    repo = _git_repo(valid_repo)
    (valid_repo / "data/focal_points/beta.yaml").write_text("id: beta\n")  # unstaged change
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "add", *REQUIRED,
                                 "--note", "suivi en cours", "--commit"])
    assert result.exit_code == 0, result.output
    case_id = result.stdout.splitlines()[-1]
    head = repo.head.commit
    assert head.message.rstrip("\n") == f"case: add {case_id}"
    assert list(head.stats.files) == [f"data/cases/{case_id}.yaml"]
    event = runner.invoke(app, ["--root", str(valid_repo), "case", "event", case_id,
                                "acknowledged", "--commit"])
    assert event.exit_code == 0
    assert repo.head.commit.message.rstrip("\n") == f"case: update {case_id}"
    assert repo.is_dirty(path="data/focal_points")


def test_commit_is_refused_before_writing_when_other_changes_are_staged(
    runner: CliRunner, valid_repo: Path
) -> None:
    repo = _git_repo(valid_repo)
    (valid_repo / "data/focal_points/beta.yaml").write_text("id: beta\nname: B\ntype: nngo\n")
    repo.index.add(["data/focal_points/beta.yaml"])
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "add", *REQUIRED, "--commit"])
    assert result.exit_code == 2
    assert "other changes are already staged" in result.stderr
    assert case_files(valid_repo) == {"7KQ2M9AB.yaml"}
    before = (valid_repo / CASE).read_bytes()
    event = runner.invoke(app, ["--root", str(valid_repo), "case", "event", "7KQ2M9AB",
                                "acknowledged", "--commit"])
    assert event.exit_code == 2
    assert (valid_repo / CASE).read_bytes() == before


def test_a_commit_the_hook_refuses_says_what_the_hook_said_and_leaves_nothing_staged(
    runner: CliRunner, valid_repo: Path
) -> None:
    """A pre-commit hook that fails (another file broken) leaves the written file unstaged,
    says the hook's own words and that running the command again would record it twice:
    it said « git could not commit: HookExecutionError », left the file staged, and a second
    run wrote the same event twice."""
    repo = _git_repo(valid_repo)
    hook = Path(repo.git_dir) / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text("#!/bin/sh\necho 'data/focal_points/broken.yaml:3:7: error [schema.enum]'\n"
                    "exit 1\n")
    hook.chmod(0o755)
    before = repo.head.commit
    events = (valid_repo / CASE).read_text().count("- kind:")
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "event", "7KQ2M9AB",
                                 "acknowledged", "--commit"])
    assert result.exit_code == 1, result.output
    assert "data/focal_points/broken.yaml:3:7: error [schema.enum]" in result.stderr
    assert "HookExecutionError" not in result.stderr
    assert "Do not run the command again" in result.stderr
    assert repo.head.commit == before
    assert not repo.index.diff("HEAD")  # nothing left staged
    assert repo.is_dirty(path=CASE)  # the event is written, to be committed by hand
    assert (valid_repo / CASE).read_text().count("- kind:") == events + 1


def _hook(repo: git.Repo, name: str, script: str) -> None:
    hook = Path(repo.git_dir) / "hooks" / name
    hook.parent.mkdir(exist_ok=True)
    hook.write_bytes(b"#!/bin/sh\n" + script.encode("latin-1") + b"\n")
    hook.chmod(0o755)


def _event(runner: CliRunner, repo: Path, *more: str) -> Result:
    return runner.invoke(app, ["--root", str(repo), *more, "case", "event", "7KQ2M9AB",
                               "acknowledged", "--commit"])


def test_a_post_commit_hook_that_fails_leaves_the_commit_made(
    runner: CliRunner, valid_repo: Path
) -> None:
    """gitpython says a post-commit hook's failure as a refusal: the commit is made all the
    same, and psea says so (it said the commit was refused, exit 1)."""
    repo = _git_repo(valid_repo)
    _hook(repo, "post-commit", "echo 'could not push the backup' >&2; exit 1")
    before = repo.head.commit
    result = _event(runner, valid_repo)
    assert result.exit_code == 0, result.output
    assert repo.head.commit != before
    assert "committed:" in result.stderr
    assert not repo.is_dirty()


def test_a_refusal_names_its_hook_and_shows_its_last_words_as_printed(
    runner: CliRunner, valid_repo: Path
) -> None:
    repo = _git_repo(valid_repo)
    _hook(repo, "commit-msg", "i=0; while [ $i -lt 500 ]; do echo \"line $i\"; i=$((i+1)); "
                              "done; echo \"'data/x.yaml' is wrong\"; exit 1")
    result = _event(runner, valid_repo, "--lang", "fr")
    assert result.exit_code == 1, result.output
    assert "le crochet commit-msg a refusé le commit" in result.stderr
    assert "'data/x.yaml' is wrong" in result.stderr  # its quotes kept
    assert "… (461 lignes avant)" in result.stderr
    assert "line 0\n" not in result.stderr


def test_a_hook_printing_bytes_that_are_no_utf8_says_so_without_a_traceback(
    runner: CliRunner, valid_repo: Path
) -> None:
    repo = _git_repo(valid_repo)
    _hook(repo, "pre-commit", "echo 'data/x.yaml: fix the region'; "
                              "printf 'bad \\377\\376 caf\\351\\n'; exit 1")
    result = _event(runner, valid_repo)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "Exception in thread" not in result.output
    assert "Pumping" not in result.output  # gitpython logged the same error
    assert "not UTF-8 text" in result.stderr
    assert "data/x.yaml: fix the region" in result.stderr  # the readable words are kept
    assert "bad \ufffd\ufffd caf\ufffd" in result.stderr
    assert not repo.index.diff("HEAD")


def _interrupted_in(valid_repo: Path, hook: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``psea case event --commit`` run as a terminal runs it, interrupted by Ctrl-C (SIGINT to
    its whole process group, gitpython's readers and the hook included) while ``hook`` runs."""
    import time

    repo = _git_repo(valid_repo)
    started = tmp_path / "hook-started"
    _hook(repo, hook, f"touch '{started}'; sleep 60")
    process = subprocess.Popen(
        [sys.executable, "-m", "psea_cli", "--root", str(valid_repo), "--lang", "en", "case",
         "event", "7KQ2M9AB", "acknowledged", "--commit"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent),
             "PSEA_TODAY": "2021-01-15"})
    for _ in range(600):  # the hook has begun: at most a minute on a slow machine
        if started.exists():
            break
        time.sleep(0.1)
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def test_ctrl_c_in_a_slow_pre_commit_hook_leaves_the_record_tracked_and_nothing_staged(
    valid_repo: Path, tmp_path: Path
) -> None:
    """After Ctrl-C, gitpython took HEAD for unborn and « unstaged » with git rm --cached: the
    case record's deletion was staged, and the user's next commit removed it from history."""
    done = _interrupted_in(valid_repo, "pre-commit", tmp_path)
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr
    repo = git.Repo(valid_repo)
    assert repo.git.status("--porcelain", "--", CASE) == f" M {CASE}"
    assert not repo.index.diff("HEAD")


def test_ctrl_c_in_a_slow_post_commit_hook_says_the_commit_was_made(
    valid_repo: Path, tmp_path: Path
) -> None:
    done = _interrupted_in(valid_repo, "post-commit", tmp_path)
    repo = git.Repo(valid_repo)
    assert CASE in repo.head.commit.stats.files  # the event was committed
    assert "left uncommitted" not in done.stderr
    assert done.returncode == 0, done.stderr
    assert repo.git.status("--porcelain") == ""


def test_a_commit_git_itself_fails_is_not_blamed_on_a_hook_that_passed(
    runner: CliRunner, valid_repo: Path
) -> None:
    """A signature that fails (commit.gpgsign without a working gpg) was said as « the
    pre-commit hook refused the commit » in every repository with the pre-commit framework."""
    repo = _git_repo(valid_repo)
    _hook(repo, "pre-commit", "exit 0")
    with repo.config_writer() as config:
        config.set_value("commit", "gpgsign", "true")
        config.set_value("gpg", "program", "false")
    result = _event(runner, valid_repo, "--lang", "fr")
    assert result.exit_code == 1, result.output
    assert "crochet" not in result.stderr
    assert "git n'a pas pu faire le commit ; le fichier écrit reste" in result.stderr
    assert "gpg" in result.stderr  # git's own words follow
    assert not repo.index.diff("HEAD")


def test_a_hook_ending_with_error_is_blamed_and_a_ref_lock_is_gits_own(
    runner: CliRunner, valid_repo: Path
) -> None:
    """Which hook refused is read from git's own trace: a hook whose last line begins with
    « error: » was said as git's failure, with the hint to wait for git; a lock on the branch,
    git's own failure, was blamed on the hooks installed."""
    repo = _git_repo(valid_repo)
    _hook(repo, "pre-commit", "echo 'checking notes...'; echo 'error: a note names a person' >&2; "
                              "exit 1")
    refused = _event(runner, valid_repo)
    assert refused.exit_code == 1, refused.output
    assert "the pre-commit hook refused the commit" in refused.stderr
    assert "Correct what the hook says above" in refused.stderr
    _hook(repo, "pre-commit", "exit 0")
    lock = Path(repo.git_dir) / "refs" / "heads" / f"{repo.active_branch.name}.lock"
    lock.touch()
    try:
        locked = _event(runner, valid_repo)
    finally:
        lock.unlink()
    assert locked.exit_code == 1, locked.output
    assert "hook" not in locked.stderr.split("\n")[0]
    assert "git could not commit" in locked.stderr
    assert "Once git can commit" in locked.stderr
    assert not repo.index.diff("HEAD")


def test_the_hooks_of_core_hooks_path_run_and_their_escapes_are_not_replayed(
    runner: CliRunner, valid_repo: Path
) -> None:
    """gitpython ran only .git/hooks: a network whose hooks live in a folder of the repository
    (``core.hooksPath``) had them skipped by every ``--commit``, and git runs them."""
    repo = _git_repo(valid_repo)
    folder = valid_repo / ".githooks"
    folder.mkdir()
    hook = folder / "pre-commit"
    hook.write_bytes(  # a CSI escape, the same as one C1 character, a title, a bidi override
        b"#!/bin/sh\nprintf '\\033[31mdata/x.yaml is wrong\\033[0m\\n"
        b"\\302\\2332J\\033]0;pwned\\007\\342\\200\\256fixed\\n'; exit 1\n")
    hook.chmod(0o755)
    with repo.config_writer() as config:
        config.set_value("core", "hooksPath", ".githooks")
    before = repo.head.commit
    result = _event(runner, valid_repo)
    assert result.exit_code == 1, result.output
    assert "the pre-commit hook refused the commit" in result.stderr
    assert "data/x.yaml is wrong" in result.stderr
    assert "\x1b" not in result.stderr
    assert "\x9b" not in result.stderr
    assert "2J" not in result.stderr
    assert "pwned" not in result.stderr
    assert "\u202e" not in result.stderr
    assert "fixed" in result.stderr
    assert repo.head.commit == before
    assert not repo.index.diff("HEAD")


def test_a_linked_worktree_runs_the_hooks_of_its_repository(
    runner: CliRunner, valid_repo: Path, tmp_path: Path
) -> None:
    """In a worktree made by ``git worktree add``, gitpython looked for hooks in the worktree's
    own folder of .git/worktrees/ and found none: the repository's pre-commit was skipped."""
    repo = _git_repo(valid_repo)
    _hook(repo, "pre-commit", "echo 'validated by the network hook'; exit 1")
    other = tmp_path / "second-desk"
    repo.git.worktree("add", "-q", "--detach", str(other))
    before = repo.head.commit
    result = _event(runner, other)
    assert result.exit_code == 1, result.output
    assert "validated by the network hook" in result.stderr
    assert "the pre-commit hook refused the commit" in result.stderr
    assert repo.head.commit == before
    assert not git.Repo(other).index.diff("HEAD")


def test_a_hook_whose_program_is_missing_says_gits_own_words(
    runner: CliRunner, valid_repo: Path
) -> None:
    repo = _git_repo(valid_repo)
    hook = Path(repo.git_dir) / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text("#!/no/such/interpreter\nexit 0\n")
    hook.chmod(0o755)
    result = _event(runner, valid_repo)
    assert result.exit_code == 1, result.output
    assert "cannot exec" in result.stderr or "No such file" in result.stderr, result.stderr
    assert not repo.index.diff("HEAD")


def test_without_a_git_identity_nothing_is_written_and_the_way_to_give_one_is_said(
    runner: CliRunner, valid_repo: Path, tmp_path: Path
) -> None:
    """git commit refuses a commit by nobody; gitpython made it as « root@host.(none) ». psea
    says so before it writes the case."""
    repo = _git_repo(valid_repo)
    with repo.config_writer() as config:
        config.remove_section("user")
        config.set_value("user", "useConfigOnly", "true")  # no guess from the host's name
    home = tmp_path / "empty-home"
    home.mkdir()
    before = {p.name: p.read_bytes() for p in (valid_repo / "data" / "cases").iterdir()}
    env: dict[str, str | None] = {
        "HOME": str(home), "XDG_CONFIG_HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1",
        "EMAIL": None, "GIT_AUTHOR_NAME": None, "GIT_AUTHOR_EMAIL": None,
        "GIT_COMMITTER_NAME": None, "GIT_COMMITTER_EMAIL": None}
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "fr", "case", "add",
                                 *REQUIRED, "--commit"], env=env)
    assert result.exit_code != 0, result.output
    assert "git ne sait pas qui fait le commit" in result.stderr
    assert "git config --global user.email" in result.stderr
    assert {p.name: p.read_bytes() for p in (valid_repo / "data" / "cases").iterdir()} == before


def test_a_commit_git_cannot_make_leaves_nothing_staged_and_says_not_to_run_again(
    runner: CliRunner, valid_repo: Path
) -> None:
    """Another git's lock (an editor's), a message a hook wrote in no UTF-8, Ctrl-C: the file
    was left staged with « git could not commit: GitCommandError », and running the command
    again recorded the event twice."""
    repo = _git_repo(valid_repo)
    (Path(repo.git_dir) / "index.lock").touch()
    result = _event(runner, valid_repo)
    assert result.exit_code == 1, result.output
    assert "git could not commit" in result.stderr
    assert "Do not run the command again" in result.stderr
    (Path(repo.git_dir) / "index.lock").unlink()
    assert not repo.index.diff("HEAD")
    assert repo.is_dirty(path=CASE)


# --- a case store elsewhere ---------------------------------------------------------------------

def test_every_command_honours_cases_dir(runner: CliRunner, valid_repo: Path) -> None:
    private = valid_repo.parent / "private-cases"
    private.mkdir()
    (valid_repo / CASE).rename(private / "7KQ2M9AB.yaml")
    network = valid_repo / "data/network.yaml"
    network.write_text(network.read_text() + "cases_dir: ../private-cases\n")
    store = _git_repo(private)

    added = runner.invoke(app, ["--root", str(valid_repo), "case", "add", *REQUIRED, "--commit"])
    assert added.exit_code == 0, added.output
    case_id = added.stdout.splitlines()[-1]
    assert (private / f"{case_id}.yaml").is_file()
    assert store.head.commit.message.rstrip("\n") == f"case: add {case_id}"
    assert not any((valid_repo / "data/cases").iterdir())
    event = runner.invoke(app, ["--root", str(valid_repo), "case", "event", case_id, "closed",
                                "--reason", "no_contact"])
    assert event.exit_code == 0
    listed = runner.invoke(app, ["--root", str(valid_repo), "case", "list", "--format", "json"])
    assert {c["id"] for c in json.loads(listed.stdout)["cases"]} == {
        "7KQ2M9AB", case_id}
    shown = runner.invoke(app, ["--root", str(valid_repo), "case", "show", case_id])
    assert f"— ../private-cases/{case_id}.yaml" in shown.stdout
    overdue = runner.invoke(app, ["--root", str(valid_repo), "case", "overdue",
                                  "--as-of", "2021-01-01"])
    assert "7KQ2M9AB" not in overdue.stdout
    validated = runner.invoke(app, ["--root", str(valid_repo), "validate"])
    assert validated.exit_code == 0, validated.stdout


@pytest.mark.parametrize("args", [["case", "add", *REQUIRED, "--commit"],
                                  ["case", "event", "7KQ2M9AB", "acknowledged", "--commit"]])
def test_commit_without_git_on_the_path_says_so_and_writes_nothing(
        valid_repo: Path, tmp_path: Path, args: list[str]) -> None:
    """gitpython refuses to be imported when no git executable is found: an internal error
    (ImportError) once the command had decided to commit."""
    _git_repo(valid_repo)
    before = {p.name: p.read_bytes() for p in (valid_repo / "data" / "cases").iterdir()}
    empty = tmp_path / "no-git"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_PYTHON")}
    result = subprocess.run(
        [sys.executable, "-m", "psea_cli", "--root", str(valid_repo), *args],
        capture_output=True, text=True, timeout=60, check=False,
        env={**env, "PATH": str(empty), "PYTHONPATH": str(Path(__file__).parent.parent),
             "PSEA_TODAY": "2021-01-15"})
    assert "internal error" not in result.stderr
    assert "git is not installed" in result.stderr
    assert result.returncode == 2, result.stderr
    assert {p.name: p.read_bytes() for p in (valid_repo / "data" / "cases").iterdir()} == before


@pytest.mark.parametrize("typed", ["²", "9" * 5000])
def test_a_choice_typed_as_a_number_python_cannot_read_is_asked_again(
        runner: CliRunner, valid_repo: Path, typed: str) -> None:
    answers = "\n".join(["2021-01-12", typed, "2", "Tombouctou", "female", "2", "1",
                         "", "", "unknown", "unknown", "1", "3", "2", "1", "y"]) + "\n"
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "add", "--interactive"],
                           input=answers)
    assert result.exit_code == 0, result.output
    assert "type a number from 1 to 6" in result.stderr
    assert "internal error" not in result.output
    assert "channel: cbcm\n" in (valid_repo / "data" / "cases" /
                                 f"{result.stdout.splitlines()[-1]}.yaml").read_text()


def test_an_event_without_its_step_asks_for_it_in_a_terminal(valid_repo: Path) -> None:
    """A hotline operator types ``psea case event ID`` and is asked which step, from a numbered
    list in their language, as ``case add`` asks its choices (it was a usage error)."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "psea_cli", "--root", str(valid_repo), "--lang", "fr", "case",
         "event", "7KQ2M9AB", "--date", "2020-07-20"], stdin=terminal, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, env={**os.environ, "PSEA_LANG": "fr"})
    os.write(controller, "clôture\n12\n3\n".encode())  # a word it cannot tell, the number
    _out, err = process.communicate(timeout=60)
    os.close(controller)
    os.close(terminal)
    asked = err.decode()
    assert process.returncode == 0, asked
    assert "Quelle étape des SOP l'événement enregistre-t-il ?" in asked
    assert "  12  closed                   cas clos\n" in asked
    assert "tapez un nombre de 1 à 13" in asked
    assert "Motif de clôture du cas :" in asked
    assert (valid_repo / CASE).read_text().endswith("    reason: transferred\n")


@pytest.mark.parametrize(("lang", "said"), [("en", "error: missing argument KIND"),
                                            ("fr", "erreur : argument manquant : TYPE")])
def test_an_event_without_its_step_is_a_usage_error_for_a_script(
        runner: CliRunner, valid_repo: Path, lang: str, said: str) -> None:
    """Standard input is not a terminal (a script, CI): nothing is asked, exit 2."""
    before = (valid_repo / CASE).read_bytes()
    for extra in ([], ["--no-interactive"]):
        set_language(lang)
        result = runner.invoke(app, ["--root", str(valid_repo), "--lang", lang, "case",
                                     "event", "7KQ2M9AB", *extra])
        assert result.exit_code == 2, result.output
        assert said in result.stderr
        assert "SOP" not in result.stderr
    assert (valid_repo / CASE).read_bytes() == before


@pytest.mark.parametrize(("answer", "written"), [("n", False), ("o", True)])
def test_an_event_the_survivor_refused_is_confirmed_before_it_is_written(
        runner: CliRunner, valid_repo: Path, answer: str, written: bool) -> None:
    """An operator who picks « identity_shared » for a survivor who refused it is asked to
    confirm, in French, and told to alert the coordinator; « n » writes nothing. Picked from
    the list, the event's day is asked (today by default) rather than taken silently."""
    record = valid_repo / CASE
    record.write_text(record.read_text(encoding="utf-8").replace(
        '  reporting: "yes"\n', '  reporting: "yes"\n  identity: "no"\n'), encoding="utf-8")
    before = record.read_bytes()
    kinds = list(EVENT_KINDS)
    answers = (f"{kinds.index('identity_shared') + 1}\nalpha\n{answer}\n"
               "2020-07-14\n2099-01-01\n2020-07-21\n")  # before it came, after today, right
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "fr", "case", "event",
                                 "7KQ2M9AB", "--interactive"], input=answers)
    assert "La personne survivante a refusé" in result.stderr
    assert "prévenir le coordinateur" in result.stderr
    if written:
        assert result.exit_code == 0, result.output
        assert "Jour de l'événement (AAAA-MM-JJ)" in result.stderr
        assert "ne peut pas précéder la réception de la plainte" in result.stderr
        assert "ne peut pas être postérieur à aujourd'hui" in result.stderr
        assert "date: 2020-07-21" in record.read_text(encoding="utf-8")
    else:
        assert result.exit_code == 1, result.output
        assert "rien n'a été écrit" in result.stderr
        assert record.read_bytes() == before


def test_a_new_case_in_the_default_store_says_who_can_read_it_until_the_network_decides(
    runner: CliRunner, valid_repo: Path
) -> None:
    """data/cases/ of the members' repository is the default, not a decision: every member who
    clones it reads the records. Saying so in network.yaml (cases_dir) silences the note."""
    added = runner.invoke(app, ["--root", str(valid_repo), "--lang", "fr", "case", "add",
                                *REQUIRED])
    assert added.exit_code == 0, added.output
    assert "remarque : les fiches de cas sont gardées dans data/cases/ de ce dépôt" in added.stderr
    network = valid_repo / "data" / "network.yaml"
    network.write_text(network.read_text(encoding="utf-8") + "cases_dir: data/cases\n",
                       encoding="utf-8")
    decided = runner.invoke(app, ["--root", str(valid_repo), "case", "add", *REQUIRED])
    assert decided.exit_code == 0, decided.output
    assert "data/cases/ of this repository" not in decided.stderr
