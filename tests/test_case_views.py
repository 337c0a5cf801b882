"""``psea case list|show|overdue``: what the coordinator reads, in tables, JSON and both languages."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psea_cli import clock
from psea_cli.cli import app

REPO = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden" / "case"
SHIPPED = ["--root", str(REPO)]


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2022, 1, 15))


def _golden(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_overdue_on_the_shipped_data(runner: CliRunner, update_golden: bool, lang: str) -> None:
    result = runner.invoke(app, [*SHIPPED, "--lang", lang, "case", "overdue"])
    assert result.exit_code == 0
    _golden(f"overdue.{lang}.txt", result.stdout, update_golden)


def test_overdue_as_of_a_past_day_ignores_later_events(runner: CliRunner) -> None:
    result = runner.invoke(app, [*SHIPPED, "case", "overdue", "--as-of", "2021-12-20",
                                 "--format", "json"])
    document = json.loads(result.stdout)
    assert document["as_of"] == "2021-12-20"
    assert document["sop"] == {"acknowledgement_days": 7, "assistance_referral_hours": 72}
    later = runner.invoke(app, [*SHIPPED, "case", "overdue", "--format", "json"])
    assert {o["id"] for o in document["overdue"]} <= {o["id"] for o in json.loads(
        later.stdout)["overdue"]}
    first = document["overdue"][0]
    assert set(first) == {"id", "file", "received", "region", "allegation", "deadline", "due",
                          "days_late"}
    assert first["days_late"] == (dt.date(2021, 12, 20) - dt.date.fromisoformat(first["due"])).days


def test_nothing_overdue(runner: CliRunner, valid_repo: Path) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "case", "overdue"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "No case is past an SOP deadline."


def test_list_with_filters(runner: CliRunner, update_golden: bool) -> None:
    result = runner.invoke(app, [*SHIPPED, "--lang", "en", "case", "list", "--period", "2021-Q4",
                                 "--region", "tombouctou", "--status", "open"])
    assert result.exit_code == 0
    _golden("list-2021-Q4-tombouctou-open.en.txt", result.stdout, update_golden)


def test_list_and_show_speak_french(runner: CliRunner) -> None:
    """The table's words (channel, allegation, step, status) and ``show``'s derived line are
    the user's language, not the codes."""
    listed = runner.invoke(app, [*SHIPPED, "--lang", "fr", "case", "list", "--period",
                                 "2021-Q4", "--status", "open"])
    assert listed.exit_code == 0, listed.output
    assert " ouvert" in listed.stdout
    assert " open" not in listed.stdout
    assert "sexual_" not in listed.stdout
    case_id = listed.stdout.splitlines()[1].split()[0]
    shown = runner.invoke(app, [*SHIPPED, "--lang", "fr", "case", "show", case_id,
                                "--format", "yaml"])
    assert shown.exit_code == 0, shown.output
    derived = shown.stdout.splitlines()[-1]
    assert derived.startswith("# déduit : étape ")
    assert derived.endswith(", ouvert")


def test_list_json_counts_and_statuses(runner: CliRunner) -> None:
    every = json.loads(runner.invoke(app, [*SHIPPED, "case", "list", "--format", "json"]).stdout)
    assert every["count"] == 300
    assert every["cases"][0]["received"] <= every["cases"][-1]["received"]
    counts = {status: json.loads(runner.invoke(
        app, [*SHIPPED, "case", "list", "--status", status, "--format", "json"]).stdout)["count"]
        for status in ("open", "closed", "overdue")}
    assert counts["open"] + counts["closed"] == 300
    assert 3 <= counts["overdue"] <= 6
    row = every["cases"][0]
    assert set(row) == {"id", "received", "region", "channel", "allegation", "step", "status",
                        "synthetic", "file"}


@pytest.mark.parametrize(("args", "hint"), [(["--period", "2021-S3"], "--period"),
                                            (["--region", "Atlantis"], "--region"),
                                            (["--status", "late"], "--status")])
def test_list_usage_errors(runner: CliRunner, args: list[str], hint: str) -> None:
    result = runner.invoke(app, [*SHIPPED, "case", "list", *args])
    assert result.exit_code == 2
    assert hint in result.output


def test_show_prints_the_file_and_the_derived_step(runner: CliRunner, valid_repo: Path) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "case", "show",
                                 "7KQ2M9AB", "--format", "yaml"])
    assert result.exit_code == 0
    text = (valid_repo / "data/cases/7KQ2M9AB.yaml").read_text()
    assert result.stdout == ("# data/cases/7KQ2M9AB.yaml\n" + text
                             + "# derived: step assistance, open\n")


def test_show_gives_the_case_in_words_of_the_readers_language(runner: CliRunner,
                                                               valid_repo: Path) -> None:
    # what a coordinator reads by default: titles, words and dates, never the file's codes
    case = valid_repo / "data/cases/7KQ2M9AB.yaml"
    case.write_text(case.read_text().replace("received: 2020-07-15",
                                             "received: 2020-07-15T14:30:00"))
    shown = {lang: runner.invoke(app, ["--root", str(valid_repo), "--lang", lang, "case",
                                       "show", "7KQ2M9AB"]) for lang in ("en", "fr")}
    assert [r.exit_code for r in shown.values()] == [0, 0]
    english, french = shown["en"].stdout.splitlines(), shown["fr"].stdout.splitlines()
    assert english[:2] == ["Case 7KQ2M9AB — data/cases/7KQ2M9AB.yaml",
                           "Step: assistance · Status: open"]
    assert french[:2] == ["Cas 7KQ2M9AB — data/cases/7KQ2M9AB.yaml",
                          "Étape : assistance · État : ouvert"]
    rows = {line.split("  ")[0]: line.split("  ")[-1].strip() for line in french[3:]
            if "  " in line and not line.startswith(" ")}
    assert rows["Reçu le"] == "15 juillet 2020, 14:30"
    assert rows["Mois de l'incident"] == "juin 2020"
    assert rows["Canal"] == "ligne téléphonique (ligne verte)"
    assert rows["Consentement au partage de l'identité"] == "non demandé"
    assert rows["Auteur présumé"] == "inconnu"
    assert french[french.index("Événements") + 1:] == [
        "  16 juillet 2020  accusé de réception de la plainte",
        "  17 juillet 2020  personne survivante orientée vers un service d'assistance — "
        "Prise en charge médicale, " + english[-1].split(", ")[-1]]
    assert english[-1].endswith("(mopti-medical)")
    for text in (shown["en"].stdout, shown["fr"].stdout):
        assert "_" not in text.replace("mopti-medical", "")
        assert "not_asked" not in text
    assert "female" not in shown["fr"].stdout
    assert any(line.startswith("Channel ") and line.endswith("  telephone hotline")
               for line in english)


def test_show_says_the_missed_deadlines_in_words(runner: CliRunner, valid_repo: Path) -> None:
    case = valid_repo / "data/cases/7KQ2M9AB.yaml"
    case.write_text(case.read_text().split("events:")[0])
    shown = runner.invoke(app, ["--root", str(valid_repo), "--lang", "fr", "case", "show",
                                "7KQ2M9AB"])
    assert shown.exit_code == 0
    lines = shown.stdout.splitlines()
    assert "  aucun enregistré pour l'instant" in lines
    late = {due: (dt.date(2022, 1, 15) - dt.date(2020, 7, due)).days for due in (18, 22)}
    assert lines[-2:] == [  # the oldest first, with how late, as "case overdue" says it
        f"En retard : orientation vers l'assistance, attendu le 18 juillet 2020 "
        f"({late[18]} jours de retard)",
        f"En retard : accusé de réception, attendu le 22 juillet 2020 ({late[22]} jours de retard)"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_shipped_case_reads_without_a_code(runner: CliRunner, lang: str) -> None:
    from psea_cli.cases.vocabulary import LABELS

    codes = {code for words in LABELS.values() for code in words if "_" in code}
    listed = json.loads(runner.invoke(app, [*SHIPPED, "case", "list", "--format",
                                            "json"]).stdout)["cases"]
    for row in listed[::15]:
        shown = runner.invoke(app, [*SHIPPED, "--lang", lang, "case", "show", row["id"]])
        assert shown.exit_code == 0, shown.output
        assert not {c for c in codes if c in shown.stdout}, (row["id"], shown.stdout)
        assert "not asked" not in shown.stdout or lang == "en"


def test_show_json_and_overdue(runner: CliRunner, valid_repo: Path) -> None:
    case = valid_repo / "data/cases/7KQ2M9AB.yaml"
    case.write_text(case.read_text().split("events:")[0])
    result = runner.invoke(app, ["--root", str(valid_repo), "case", "show", "7KQ2M9AB",
                                 "--format", "json"])
    document = json.loads(result.stdout)
    assert (document["step"], document["status"]) == ("reception", "open")
    assert [o["deadline"] for o in document["overdue"]] == ["acknowledgement",
                                                          "assistance_referral"]
    assert document["record"]["consent"]["assistance"] == "yes"


@pytest.mark.slow
def test_a_broken_case_file_is_named_not_shown(runner: CliRunner, valid_repo: Path) -> None:
    case = valid_repo / "data/cases/7KQ2M9AB.yaml"
    case.write_text(case.read_text() + "name: X\n")
    shown = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "case", "show",
                                "7KQ2M9AB"])
    assert shown.exit_code == 1
    assert "data/cases/7KQ2M9AB.yaml has problems" in shown.stderr
    assert "X" not in shown.output.replace("7KQ2M9AB", "")
    listed = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "case", "list"])
    assert "1 case file has problems and is left out" in listed.stderr
    assert listed.stdout == "0 cases\n"


def test_validate_reports_case_rules_in_french(runner: CliRunner, valid_repo: Path) -> None:
    case = valid_repo / "data/cases/7KQ2M9AB.yaml"
    case.write_text(case.read_text() + 'note: "rappeler Mme Traoré au 20 00 90 19"\n')
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "fr", "validate"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        "data/cases/7KQ2M9AB.yaml:21:1: erreur [cases.note-name] la note semble contenir le nom "
        "d'une personne (après une civilité comme Mme ou Dr, après nom, victime, survivante…, "
        "ou après des mots qui le donnent, comme « s'appelle » ou « son nom est »)",
        "    → Retirez le nom : une fiche de cas ne nomme jamais la personne survivante, le "
        "plaignant, un témoin ni l'auteur présumé."]
    assert "[cases.note-phone]" in result.stdout
    assert "Traoré" not in result.stdout
    assert "76 12" not in result.stdout


@pytest.mark.parametrize("planted", ["data/cases/0/{id}.yaml", "data/cases/-{id}.yaml"])
@pytest.mark.parametrize("command", [["show"], ["event", "acknowledged", "--date", "2021-01-05"]])
def test_a_case_held_by_two_files_is_refused_not_shown_from_the_first(
        runner: CliRunner, valid_repo: Path, planted: str, command: list[str]) -> None:
    """A copy planted beside a record (consents changed to « yes ») was shown in its place by
    ``case show``: a focal point checking consent before sharing identity read « yes »."""
    record = next((valid_repo / "data" / "cases").glob("*.yaml"))
    case_id = record.stem
    copy = valid_repo / planted.format(id=case_id)
    copy.parent.mkdir(exist_ok=True)
    copy.write_bytes(record.read_bytes())
    before = record.read_bytes()
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "case",
                                 command[0], case_id, *command[1:]])
    assert result.exit_code == 1, result.output
    assert f"case {case_id} is held by 2 files" in result.output
    assert "Consent" not in result.output
    assert record.read_bytes() == before
    assert copy.read_bytes() == before


def test_a_record_swapped_under_another_case_s_name_is_said_not_missing(
        runner: CliRunner, valid_repo: Path) -> None:
    """One record copied over another's file: ``case show`` of the lost case said « no case
    in data/cases » beside its file, and the core team looked for it elsewhere."""
    first = next((valid_repo / "data" / "cases").glob("*.yaml"))
    second = first.with_name("2F0F9XHM.yaml")  # the lost case's file, another record in it
    assert first.stem != second.stem
    second.write_bytes(first.read_bytes())
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "case", "show",
                                 second.stem])
    assert result.exit_code == 1, result.output
    assert (f"the file data/cases/{second.name} holds another case's id" in result.output)
    assert "ref.file-name-mismatch" in result.output
