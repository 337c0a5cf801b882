"""Commands that write into the network's own data (``case publish``, ``report --draft``,
``pathway --wording``, the records and case editors, ``import``, ``directory import``, the
demonstrations, ``case encrypt``) never write through a link a clone or a pull request carries:
a folder on the way that leads outside the repository (outside the case store, for a case
record), or a link in the file's place, wherever it leads, stops the command with exit 1, a
message naming the path and the link, and nothing written, here or there. Real files, links
and git."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import git
import pytest
from openpyxl import load_workbook
from pyrage import x25519
from typer.testing import CliRunner

from psea_cli import clock
from psea_cli.cli import app

BASHRC = "export PATH=/usr/bin\n"
CASE = "data/cases/7KQ2M9AB.yaml"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2021, 1, 15))
    monkeypatch.delenv("PSEA_IDENTITY", raising=False)


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A folder of the machine outside the repository, with a file of the user's."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / ".bashrc").write_text(BASHRC, encoding="utf-8")
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _link(repo: Path, label: str, target: Path) -> None:
    """Put a link at ``label`` (what was there goes) and commit it, as a pull request would."""
    path = repo / label
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif os.path.lexists(path):
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)
    repository = git.Repo(repo)
    repository.git.add(A=True)
    repository.index.commit(f"link {label}")


def _run(runner: CliRunner, repo: Path, *args: str, lang: str = "en") -> tuple[int, str]:
    result = runner.invoke(app, ["--root", str(repo), "--lang", lang, *args])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def _refused_folder(code: int, output: str, path: str, link: str) -> None:
    assert code == 1, output
    assert (f"will not write {path}: {link} is a link that leads outside the repository; psea "
            "does not write through it, and nothing was written") in output
    assert f"Replace the link {link} with a real folder" in output


def _refused_file(code: int, output: str, path: str) -> None:
    assert code == 1, output
    assert (f"will not write {path}: it is a link, and psea does not write through a link; "
            "nothing was written") in output
    assert "Replace the link with a real file" in output


def _clean(repo: Path) -> None:
    """Nothing in the repository changed since the last commit."""
    assert not git.Repo(repo).is_dirty(untracked_files=True)


# --- case publish ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "fr"])
def test_case_publish_refuses_a_published_folder_that_links_elsewhere(
        runner: CliRunner, repo: Path, elsewhere: Path, lang: str) -> None:
    _link(repo, "data/published", elsewhere)
    before = _snapshot(elsewhere)
    code, output = _run(runner, repo, "case", "publish", "2020-S2", lang=lang)
    if lang == "en":
        _refused_folder(code, output, "data/published/2020-S2.yaml", "data/published")
    else:
        assert code == 1, output
        assert ("data/published/2020-S2.yaml ne sera pas écrit : data/published est un lien "
                "qui mène hors du dépôt ; psea n'écrit pas à travers lui, et rien n'a été "
                "écrit") in output
        assert "Remplacez le lien data/published par un vrai dossier" in output
    assert _snapshot(elsewhere) == before
    _clean(repo)


def test_case_publish_makes_no_folder_through_a_dangling_link(
        runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    _link(repo, "data/published", tmp_path / "nowhere" / "deep")
    code, output = _run(runner, repo, "case", "publish", "2020-S2")
    _refused_folder(code, output, "data/published/2020-S2.yaml", "data/published")
    assert not (tmp_path / "nowhere").exists()


def test_case_publish_still_writes_a_real_folder(runner: CliRunner, repo: Path) -> None:
    code, output = _run(runner, repo, "case", "publish", "2020-S2")
    assert code == 0, output
    assert (repo / "data" / "published" / "2020-S2.yaml").is_file()


# --- report --draft ----------------------------------------------------------------------------

def test_report_draft_refuses_a_progress_folder_that_links_elsewhere(
        runner: CliRunner, repo: Path, elsewhere: Path) -> None:
    progress = "data/plan/test-plan/progress"
    shutil.copytree(repo / progress, elsewhere / "progress")
    _link(repo, progress, elsewhere / "progress")
    before = _snapshot(elsewhere)
    code, output = _run(runner, repo, "report", "semester", "2020-S2", "--draft")
    _refused_folder(code, output, f"{progress}/2020-S2.yaml", progress)
    assert _snapshot(elsewhere) == before
    _clean(repo)


def test_report_draft_refuses_a_progress_file_that_is_a_link(
        runner: CliRunner, repo: Path, elsewhere: Path) -> None:
    label = "data/plan/test-plan/progress/2020-S2.yaml"
    _link(repo, label, elsewhere / ".bashrc")
    code, output = _run(runner, repo, "report", "semester", "2020-S2", "--draft")
    _refused_file(code, output, label)
    assert (elsewhere / ".bashrc").read_text(encoding="utf-8") == BASHRC
    assert (repo / label).is_symlink()
    _clean(repo)


# --- pathway --wording -------------------------------------------------------------------------

def test_pathway_wording_refuses_a_pathway_folder_that_links_elsewhere(
        runner: CliRunner, repo: Path, elsewhere: Path) -> None:
    _link(repo, "data/pathway", elsewhere)
    code, output = _run(runner, repo, "pathway", "--wording", "bm")
    _refused_folder(code, output, "data/pathway/bm.yaml", "data/pathway")
    assert _snapshot(elsewhere) == {".bashrc": BASHRC.encode()}
    _clean(repo)


# --- the records -------------------------------------------------------------------------------

ACTIVITY = ["activity", "add", "training", "--date", "2020-09-02", "--region", "ML05",
            "--organiser", "alpha", "--plan-activity", "1.1.1",
            "--audience", "government_officials", "--women", "4", "--men", "7"]


def test_activity_add_makes_no_folder_through_a_sessions_link(
        runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    _link(repo, "data/sessions", tmp_path / "elsewhere-sessions")
    code, output = _run(runner, repo, *ACTIVITY)
    _refused_folder(code, output, "data/sessions/2020-09-02-ml05-government-officials.yaml",
                    "data/sessions")
    assert not (tmp_path / "elsewhere-sessions").exists()
    _clean(repo)


def test_action_done_refuses_a_meeting_file_that_is_a_link(
        runner: CliRunner, repo: Path) -> None:
    code, output = _run(runner, repo, "meeting", "add", "--date", "2021-01-04", "--org", "alpha",
                        "--action", "beta|2021-01-20|Partager le compte rendu")
    assert code == 0, output
    label = "data/meetings/2021-01-04-network.yaml"
    kept = repo / "archive" / "meeting.yaml"  # inside the repository: the link is read
    kept.parent.mkdir()
    shutil.move(repo / label, kept)
    before = kept.read_bytes()
    _link(repo, label, Path("../../archive/meeting.yaml"))
    code, output = _run(runner, repo, "action", "done", "2021-01-04-network#1")
    _refused_file(code, output, label)
    assert kept.read_bytes() == before
    _clean(repo)


def test_activity_demo_writes_no_record_when_one_folder_links_elsewhere(
        runner: CliRunner, repo: Path, elsewhere: Path) -> None:
    """The meetings folder leads elsewhere: not one record is written, not even the sessions
    drawn before the meetings."""
    _link(repo, "data/meetings", elsewhere)
    code, output = _run(runner, repo, "activity", "demo")
    assert code == 1, output
    assert "data/meetings is a link that leads outside the repository" in output
    assert _snapshot(elsewhere) == {".bashrc": BASHRC.encode()}
    _clean(repo)


# --- the case store ----------------------------------------------------------------------------

ADD = ["case", "add", "--received", "2021-01-10", "--channel", "hotline", "--region", "Mopti",
       "--sex", "female", "--age-group", "child", "--allegation", "sexual_exploitation",
       "--no-interactive"]


@pytest.mark.parametrize("command", [ADD, ["case", "demo", "--count", "3"]])
def test_no_case_is_written_through_a_case_store_that_links_elsewhere(
        runner: CliRunner, repo: Path, elsewhere: Path, command: list[str]) -> None:
    shutil.copy(repo / CASE, elsewhere / "7KQ2M9AB.yaml")
    _link(repo, "data/cases", elsewhere)
    before = _snapshot(elsewhere)
    code, output = _run(runner, repo, *command)
    assert code == 1, output
    assert "data/cases is a link that leads outside the repository; psea does not write " \
           "through it" in output
    assert "Replace the link data/cases with a real folder" in output
    assert _snapshot(elsewhere) == before
    _clean(repo)


def test_case_event_refuses_a_case_file_that_is_a_link(runner: CliRunner, repo: Path) -> None:
    kept = repo / "data" / "cases" / "kept" / "record.txt"  # in the store: the link is read
    kept.parent.mkdir()
    shutil.move(repo / CASE, kept)
    before = kept.read_bytes()
    _link(repo, CASE, Path("kept/record.txt"))
    code, output = _run(runner, repo, "case", "event", "7KQ2M9AB", "feedback_given")
    _refused_file(code, output, CASE)
    assert kept.read_bytes() == before
    _clean(repo)


def test_case_encrypt_converts_nothing_when_a_case_file_is_a_link(
        runner: CliRunner, repo: Path, elsewhere: Path) -> None:
    identity = x25519.Identity.generate()
    network = repo / "data" / "network.yaml"
    network.write_text(network.read_text().split("case_encryption:")[0] + (
        "case_encryption:\n  recipients:\n    - name: coordinator\n"
        f"      key: {identity.to_public()}\n"))
    (elsewhere / "ZZZZ2345.yaml").write_text("id: ZZZZ2345\nnote: not the network's\n")
    _link(repo, "data/cases/ZZZZ2345.yaml", elsewhere / "ZZZZ2345.yaml")
    code, output = _run(runner, repo, "case", "encrypt")
    _refused_file(code, output, "data/cases/ZZZZ2345.yaml")
    assert not list((repo / "data" / "cases").glob("*.age"))
    _clean(repo)


def test_import_refuses_a_ledger_that_is_a_link(
        runner: CliRunner, repo: Path, elsewhere: Path, tmp_path: Path) -> None:
    from test_import import odk_row, write_odk

    ledger = elsewhere / "ledger.yaml"
    ledger.write_text("# not a ledger\n")
    _link(repo, "data/cases/.imports.yaml", ledger)
    export = write_odk(tmp_path / "export.csv", [odk_row("0b6a1c2e-1111-4a8b-9c1d-2e3f4a5b6c7d")])
    code, output = _run(runner, repo, "import", str(export))
    _refused_file(code, output, "data/cases/.imports.yaml")
    assert ledger.read_text() == "# not a ledger\n"
    _clean(repo)


def test_a_case_record_stays_in_the_case_store(tmp_path: Path) -> None:
    """A folder of the store that leads elsewhere in the repository is outside the store."""
    from psea_cli.problems import PseaError
    from psea_cli.safe_output import data_target

    root = tmp_path / "network"
    store = root / "data" / "cases"
    store.mkdir(parents=True)
    (store / "sub").symlink_to(root / "data")
    with pytest.raises(PseaError) as refused:
        data_target(store / "sub" / "AB.yaml", root, store)
    assert refused.value.exit_code == 1
    assert refused.value.message.startswith(
        "will not write data/cases/sub/AB.yaml: data/cases/sub is a link that leads outside "
        "the case store")
    assert data_target(store / "AB.yaml", root, store) == store / "AB.yaml"
    assert data_target(root / "data" / "cases" / "sub" / "AB.yaml", root) == store / "sub" / "AB.yaml"


# --- directory import --------------------------------------------------------------------------

def test_directory_import_refuses_an_organisation_file_that_is_a_link(
        runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    label = "data/focal_points/alpha.yaml"
    kept = repo / "archive" / "alpha.yaml"
    kept.parent.mkdir()
    shutil.move(repo / label, kept)
    before = kept.read_bytes()
    _link(repo, label, Path("../../archive/alpha.yaml"))
    workbook = tmp_path / "annuaire.xlsx"
    code, output = _run(runner, repo, "directory", "--format", "xlsx", "-o", str(workbook))
    assert code == 0, output
    book = load_workbook(workbook)
    rows = [row for row in book.worksheets[0].iter_rows(min_row=2) if row[14].value == "alpha"]
    rows[0][7].value = "+223 20 00 90 17"
    book.save(workbook)
    code, output = _run(runner, repo, "directory", "import", str(workbook))
    _refused_file(code, output, label)
    assert kept.read_bytes() == before
    _clean(repo)
