"""A report is refused only for an identifying text it would print: the narrative and activity
notes of the period's own progress file (in the report's language), the sources of its manual
indicators, the open action points. A flagged text the report never prints (a meeting's
decision, another period's note, the other language's version) gives the report, with the
usual warning about the data's errors."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psea_cli.cli import app

PHONE = "appeler le 76 12 34 56"
PROGRESS = "data/plan/mali-2019-2021/progress/{period}.yaml"
DECISION = "  - Revue des plaintes reçues par les mécanismes communautaires\n"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   cwd=repo, check=True, capture_output=True, timeout=120)


@pytest.fixture
def network(shipped_network: Path) -> Path:
    """A git copy of the shipped data and templates."""
    shutil.copytree(Path(__file__).resolve().parent.parent / "templates",
                    shipped_network / "templates")
    _git(shipped_network, "init", "-q")
    _git(shipped_network, "add", "data", "templates")
    _git(shipped_network, "commit", "-q", "-m", "Start")
    return shipped_network


def _edit(repo: Path, file: str, old: str, new: str) -> None:
    path = repo / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _report(runner: CliRunner, repo: Path, period: str, lang: str = "en"
            ) -> tuple[int, str, Path]:
    target = repo / f"report-{period}-{lang}.md"
    target.unlink(missing_ok=True)
    result = runner.invoke(app, ["--root", str(repo), "--no-cache", "report", "semester", period,
                                 "--lang", lang, "-o", str(target)])
    return result.exit_code, result.output, target


def _refused(runner: CliRunner, repo: Path, period: str, lang: str = "en") -> None:
    code, output, target = _report(runner, repo, period, lang)
    assert code == 1, output
    assert "no report was made" in output or "aucun rapport" in output, output
    assert "76 12 34 56" not in output
    assert not target.exists()


def _made(runner: CliRunner, repo: Path, period: str, lang: str = "en") -> None:
    code, output, target = _report(runner, repo, period, lang)
    assert code == 1, output  # the data has an error: the report says so, it is still made
    assert "no report was made" not in output, output
    assert "aucun rapport" not in output, output
    assert target.exists()
    assert "76 12 34 56" not in target.read_text(encoding="utf-8")


def test_a_flagged_meeting_decision_does_not_stop_the_report(network: Path,
                                                            runner: CliRunner) -> None:
    """Decisions are counted by the report, never printed."""
    _edit(network, "data/meetings/2019-10-28-network.yaml", DECISION, f"  - {PHONE}\n")
    check = runner.invoke(app, ["--root", str(network), "--no-cache", "validate"])
    assert "records.identifying-note" in check.output
    _made(runner, network, "2021-S1")
    _made(runner, network, "2021-S1", "fr")


def test_a_flagged_note_of_the_period_stops_its_report_in_the_language_it_prints(
        network: Path, runner: CliRunner) -> None:
    file = PROGRESS.format(period="2021-S1")
    _edit(network, file, 'note: "Zones pilotes de Tombouctou et Mopti identifiées',
          f'note: "{PHONE} ; Zones pilotes de Tombouctou et Mopti identifiées')
    _refused(runner, network, "2021-S1", "fr")
    _made(runner, network, "2021-S1", "en")  # the English report prints note_en
    _made(runner, network, "2020-S2", "fr")  # another period's report never prints it
    _edit(network, file, 'note_en: "Pilot areas', f'note_en: "{PHONE}; Pilot areas')
    _refused(runner, network, "2021-S1", "en")


def test_a_flagged_note_of_another_period_does_not_stop_the_report(network: Path,
                                                                  runner: CliRunner) -> None:
    _edit(network, PROGRESS.format(period="2020-S2"),
          "note: \"SOP CBCM validées par l'EHP et disséminées aux membres.\"",
          f'note: "{PHONE}"')
    _made(runner, network, "2021-S1", "fr")
    _refused(runner, network, "2020-S2", "fr")


def test_a_flagged_indicator_source_stops_the_report_a_note_does_not(network: Path,
                                                                   runner: CliRunner) -> None:
    file = PROGRESS.format(period="2021-S1")
    _edit(network, file, 'note: "Cumul depuis le début du plan. Tombouctou et Mopti."',
          f'note: "{PHONE}"')
    _made(runner, network, "2021-S1", "fr")  # an indicator's note is never printed
    _edit(network, file, '"1.1-a":\n    value: 2\n    source: "Rapport semestriel',
          f'"1.1-a":\n    value: 2\n    source: "{PHONE} ; Rapport semestriel')
    _refused(runner, network, "2021-S1", "fr")


def test_a_flagged_open_action_point_stops_the_report(network: Path,
                                                      runner: CliRunner) -> None:
    _edit(network, "data/meetings/2021-09-03-network.yaml",
          "text: Organiser la vérification des mécanismes de plaintes", f"text: {PHONE}")
    _made(runner, network, "2021-S1")  # the meeting was held after that semester
    _refused(runner, network, "2021-S2")


def test_an_open_action_point_naming_a_case_stops_the_report(network: Path,
                                                             runner: CliRunner) -> None:
    """« Suivre le dossier 05BHA47Y » names a case of the network: validate flags it as it
    flags a progress text naming one, and the report that would print it is not made."""
    case_id = sorted((network / "data" / "cases").glob("*.yaml"))[0].stem
    _edit(network, "data/meetings/2021-09-03-network.yaml",
          "text: Organiser la vérification des mécanismes de plaintes",
          f"text: Suivre le dossier {case_id} avec la survivante")
    check = runner.invoke(app, ["--root", str(network), "--no-cache", "validate"])
    assert "records.identifying-note" in check.output
    assert case_id not in check.output
    code, output, target = _report(runner, network, "2021-S2")
    assert code == 1
    assert "no report was made" in output
    assert not target.exists()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_plan_activity_title_with_a_phone_stops_the_report_that_prints_it(
        network: Path, runner: CliRunner, lang: str) -> None:
    """The plan's activity titles are printed in the report's activity table: screened as a
    progress text is; the French report, which prints the flagged title, is not made; the
    English one prints the activity's English title and is made."""
    plan = network / "data" / "plan" / "mali-2019-2021" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    changed = re.sub(r"(\n {12}title: )>-\n(?: {14}.*\n)+", rf"\g<1>{PHONE}\n", text, count=1)
    assert changed != text
    plan.write_text(changed, encoding="utf-8")
    check = runner.invoke(app, ["--root", str(network), "--no-cache", "validate"])
    assert "progress.identifying-text" in check.output
    assert "76 12 34 56" not in check.output
    if lang == "fr":
        _refused(runner, network, "2021-S2", "fr")
    else:
        _made(runner, network, "2021-S2", "en")


@pytest.mark.parametrize("output", ["csv", "json", "table"])
def test_a_flagged_indicator_source_stops_the_figures_to_share(network: Path, runner: CliRunner,
                                                               output: str) -> None:
    """``psea indicators --suppress`` prints the manual indicators' sources: a flagged one
    stops it as it stops the report (it printed the text, saying only that files "were left
    out"); the core team's own view, without --suppress, is not shared and still shows."""
    _edit(network, PROGRESS.format(period="2021-S1"),
          '"1.1-a":\n    value: 2\n    source: "Rapport semestriel',
          f'"1.1-a":\n    value: 2\n    source: "{PHONE} ; Rapport semestriel')
    shared = runner.invoke(app, ["--root", str(network), "--no-cache", "--lang", "fr",
                                 "indicators", "2021-S1", "--suppress", "--format", output])
    assert shared.exit_code == 1
    assert "76 12 34 56" not in shared.output
    assert "aucun chiffre n'a été écrit" in shared.output
    own = runner.invoke(app, ["--root", str(network), "--no-cache", "indicators", "2021-S1",
                              "--format", "json"])
    assert own.exit_code == 1  # the data has an error
    assert "76 12 34 56" in own.stdout


PLAN = "data/plan/mali-2019-2021/plan.yaml"


def test_a_flagged_french_source_stops_the_figures_to_share_in_english_too(
        network: Path, runner: CliRunner) -> None:
    """The figures to share print a manual indicator's French source in every language:
    flagged, it stops them in English as in French (the English run wrote it)."""
    _edit(network, PROGRESS.format(period="2021-S1"),
          '"1.1-a":\n    value: 2\n    source: "Rapport semestriel',
          f'"1.1-a":\n    value: 2\n    source: "{PHONE} ; Rapport semestriel')
    for lang in ("en", "fr"):
        shared = runner.invoke(app, ["--root", str(network), "--no-cache", "--lang", lang,
                                     "indicators", "2021-S1", "--suppress", "--format", "csv"])
        assert shared.exit_code == 1, lang
        assert "76 12 34 56" not in shared.output


def test_a_flagged_indicator_wording_or_target_source_stops_the_english_report_too(
        network: Path, runner: CliRunner) -> None:
    """The annex quotes an indicator's French wording in every language, and the indicator
    table says where its targets come from: both are screened and stop the report in English
    as in French (an English report printed the French wording)."""
    _edit(network, PLAN, 'text: "# de cas de PSEA rapportés par trimestre"',
          f'text: "# de cas de PSEA rapportés par trimestre, {PHONE}"')
    _refused(runner, network, "2021-S2", "en")
    _refused(runner, network, "2021-S2", "fr")


def test_a_flagged_target_source_is_screened(network: Path, runner: CliRunner) -> None:
    _edit(network, PLAN, "reference: \"Jalon de l'indicateur ; période de l'activité : 2020\"",
          f"reference: \"Jalon de l'indicateur, {PHONE}\"")
    check = runner.invoke(app, ["--root", str(network), "--no-cache", "validate"])
    assert "progress.identifying-text" in check.output
    assert "76 12 34 56" not in check.output
    _refused(runner, network, "2021-S2", "fr")


def test_the_figures_to_share_do_not_refuse_for_a_text_they_never_print(
        network: Path, runner: CliRunner) -> None:
    """Who is responsible for an activity is in the report, not in the figures to share."""
    _edit(network, PLAN, 'responsible_text: "Réseau PSEA & UNCT/ EHP"',
          f'responsible_text: "Réseau PSEA, {PHONE}"')
    shared = runner.invoke(app, ["--root", str(network), "--no-cache", "indicators", "2021-S2",
                                 "--suppress", "--format", "json"])
    assert shared.exit_code == 1  # the data has an error: said after the figures
    assert shared.stdout.lstrip().startswith("{")  # the figures were written
    assert "no figures were written" not in shared.output
    _refused(runner, network, "2021-S2", "fr")


def test_a_hotline_the_service_map_lists_may_be_named_in_the_plan(network: Path,
                                                                  runner: CliRunner) -> None:
    """« Mettre en place la ligne verte 20 00 10 01 »: a phone the service map publishes is
    the network's own, not a person's; an unlisted number in the same place is flagged."""
    _edit(network, PLAN, 'responsible_text: "Réseau PSEA & UNCT/ EHP"',
          'responsible_text: "Réseau PSEA, ligne verte 20 00 10 01"')
    check = runner.invoke(app, ["--root", str(network), "--no-cache", "validate"])
    assert "progress.identifying-text" not in check.output
    _edit(network, PLAN, 'responsible_text: "Réseau PSEA, ligne verte 20 00 10 01"',
          'responsible_text: "Réseau PSEA, ligne verte 20 00 10 01 ou 76 12 34 56"')
    check = runner.invoke(app, ["--root", str(network), "--no-cache", "validate"])
    assert "progress.identifying-text" in check.output
