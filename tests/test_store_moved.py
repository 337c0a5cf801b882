"""A case store cannot move silently: this clone remembers, in its .git folder, the store it
last wrote case records into, and ``case add``, ``import``, ``case event`` and ``case consent``
refuse (exit 1) to write anywhere else until ``--store-moved`` confirms the network decided it.
Two real git repositories: the shared one, and the restricted store beside it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import git
import pytest
from test_case_encryption import ADD
from test_import import odk_row, write_odk
from typer.testing import CliRunner

from psea_cli import clock
from psea_cli.cases.store_memory import MEMORY_FILE
from psea_cli.cli import app

HOSTILE = "cases_dir: data/cases\n"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2021, 1, 15))
    monkeypatch.setenv("PSEA_LANG", "en")
    monkeypatch.delenv("PSEA_IDENTITY", raising=False)
    monkeypatch.setenv("HOME", "/nonexistent")


def _repo(folder: Path) -> git.Repo:
    repository = git.Repo.init(folder)
    with repository.config_writer() as config:
        config.set_value("user", "name", "Test").set_value("user", "email", "t@example.org")
    repository.git.add(A=True)
    repository.index.commit("start")
    return repository


@pytest.fixture
def repos(valid_repo: Path) -> tuple[git.Repo, git.Repo]:
    """The shared repository, whose network.yaml names a restricted store beside it."""
    restricted = valid_repo.parent / "psea-cases"
    restricted.mkdir()
    shutil.move(valid_repo / "data" / "cases" / "7KQ2M9AB.yaml", restricted / "7KQ2M9AB.yaml")
    network = valid_repo / "data" / "network.yaml"
    network.write_text(network.read_text() + "cases_dir: ../psea-cases\n")
    return _repo(valid_repo), _repo(restricted)


def _psea(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--root", str(root), *args])
    return result.exit_code, result.stderr


def _move_store(shared: git.Repo, line: str = HOSTILE) -> None:
    """The one-line pull request, merged: cases_dir now names another store."""
    network = Path(shared.working_tree_dir or "") / "data" / "network.yaml"
    network.write_text(network.read_text().replace("cases_dir: ../psea-cases\n", line))
    shared.index.add(["data/network.yaml"])
    shared.index.commit("network: tidy settings")


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.glob("*.yaml")} if folder.is_dir() else set()


def test_a_store_moved_into_the_shared_repository_is_refused(
        repos: tuple[git.Repo, git.Repo], tmp_path: Path) -> None:
    shared, restricted = repos
    root = Path(shared.working_tree_dir or "")
    code, err = _psea(root, *ADD)  # the core team's usual add: into the restricted store
    assert code == 0, err
    assert (Path(shared.git_dir) / MEMORY_FILE).read_text() == "../psea-cases\n"
    assert len(list(restricted.iter_commits())) == 2
    _move_store(shared)
    assert _psea(root, "validate")[0] == 0  # the change itself is clean to validate
    head = shared.head.commit.hexsha
    code, err = _psea(root, *ADD)
    assert code == 1, err
    assert "the case store moved from ../psea-cases to data/cases" in err
    assert "inside this repository" in err
    assert "--store-moved" in err
    assert _files(root / "data" / "cases") == set()
    assert shared.head.commit.hexsha == head  # nothing committed where every member pulls
    export = write_odk(tmp_path / "export.csv", [odk_row("a1")])
    code, err = _psea(root, "import", str(export), "--commit")
    assert code == 1, err
    assert "moved from ../psea-cases to data/cases" in err
    assert _files(root / "data" / "cases") == set()
    assert shared.head.commit.hexsha == head
    assert not shared.is_dirty(untracked_files=True)


def test_the_refusal_is_said_in_french(repos: tuple[git.Repo, git.Repo]) -> None:
    shared, _restricted = repos
    root = Path(shared.working_tree_dir or "")
    assert _psea(root, *ADD)[0] == 0
    _move_store(shared)
    code, err = _psea(root, "--lang", "fr", *ADD)
    assert code == 1
    assert "le dossier des cas a changé de ../psea-cases à data/cases" in err
    assert "--store-moved" in err


def test_event_and_consent_are_refused_after_a_move(repos: tuple[git.Repo, git.Repo]) -> None:
    shared, restricted = repos
    root = Path(shared.working_tree_dir or "")
    assert _psea(root, "case", "consent", "7KQ2M9AB", "--reporting", "yes")[0] == 0
    # a store moved to another folder beside the repository, which holds that case too
    other = root.parent / "other-clone"
    shutil.copytree(Path(restricted.working_tree_dir or ""), other)
    _move_store(shared, "cases_dir: ../other-clone\n")
    before = (other / "7KQ2M9AB.yaml").read_bytes()
    code, err = _psea(root, "case", "event", "7KQ2M9AB", "closed", "--reason", "done")
    assert code == 1, err
    assert "moved from ../psea-cases to ../other-clone" in err
    assert "outside this repository" in err
    code, err = _psea(root, "case", "consent", "7KQ2M9AB", "--identity", "no")
    assert code == 1, err
    assert (other / "7KQ2M9AB.yaml").read_bytes() == before


def test_store_moved_confirms_once(repos: tuple[git.Repo, git.Repo]) -> None:
    shared, _restricted = repos
    root = Path(shared.working_tree_dir or "")
    assert _psea(root, *ADD)[0] == 0
    _move_store(shared)
    code, err = _psea(root, *ADD, "--store-moved")
    assert code == 0, err
    assert len(_files(root / "data" / "cases")) == 1
    assert (Path(shared.git_dir) / MEMORY_FILE).read_text() == "data/cases\n"
    assert _psea(root, *ADD)[0] == 0  # the move is remembered: no second confirmation
    assert "psea-case-store" not in shared.git.ls_files()


def test_a_move_out_to_a_restricted_store_is_confirmed_too(valid_repo: Path) -> None:
    shared = _repo(valid_repo)
    assert _psea(valid_repo, *ADD)[0] == 0
    assert (Path(shared.git_dir) / MEMORY_FILE).read_text() == "data/cases\n"
    restricted = valid_repo.parent / "psea-cases"
    restricted.mkdir()
    _repo(restricted)
    network = valid_repo / "data" / "network.yaml"
    network.write_text(network.read_text() + "cases_dir: ../psea-cases\n")
    code, err = _psea(valid_repo, *ADD)
    assert code == 1
    assert "moved from data/cases to ../psea-cases" in err
    assert _psea(valid_repo, *ADD, "--store-moved")[0] == 0
    assert len(_files(restricted)) == 1


def test_a_clone_that_never_wrote_a_case_reads_the_history(
        repos: tuple[git.Repo, git.Repo], tmp_path: Path) -> None:
    """A fresh clone remembers no store: the committed versions of network.yaml say where
    the store was. Made after the one-line pull request, its first ``case add`` was written
    into the moved store, inside the repository every member pulls."""
    shared, _restricted = repos
    _move_store(shared)
    clone = git.Repo.clone_from(shared.working_tree_dir or "", tmp_path / "fresh")
    root = Path(clone.working_tree_dir or "")
    code, err = _psea(root, *ADD)
    assert code == 1, err
    assert ("the case store moved from ../psea-cases to data/cases in the history of "
            "data/network.yaml, and this clone has not written a case record yet") in err
    assert _files(root / "data" / "cases") == set()
    assert not (Path(clone.git_dir) / MEMORY_FILE).exists()
    code, err = _psea(root, *ADD, "--store-moved")  # the network decided it: once
    assert code == 0, err
    assert (Path(clone.git_dir) / MEMORY_FILE).read_text() == "data/cases\n"
    assert len(_files(root / "data" / "cases")) == 1
    assert _psea(root, *ADD)[0] == 0


def test_a_fresh_clone_of_a_store_that_never_moved_writes_at_once(
        repos: tuple[git.Repo, git.Repo], tmp_path: Path) -> None:
    shared, restricted = repos
    elsewhere = tmp_path / "member"
    clone = git.Repo.clone_from(shared.working_tree_dir or "", elsewhere / "network")
    shutil.move(restricted.working_tree_dir or "", elsewhere / "psea-cases")
    code, err = _psea(Path(clone.working_tree_dir or ""), *ADD)
    assert code == 0, err
    assert (Path(clone.git_dir) / MEMORY_FILE).read_text() == "../psea-cases\n"
    assert len(_files(elsewhere / "psea-cases")) == 2


def test_an_uncommitted_move_is_a_move_for_a_clone_that_never_wrote(
        repos: tuple[git.Repo, git.Repo]) -> None:
    shared, _restricted = repos
    root = Path(shared.working_tree_dir or "")
    network = root / "data" / "network.yaml"
    network.write_text(network.read_text().replace("cases_dir: ../psea-cases\n", HOSTILE))
    code, err = _psea(root, *ADD)
    assert code == 1, err
    assert _files(root / "data" / "cases") == set()


def test_moving_both_folders_together_is_no_move(
        repos: tuple[git.Repo, git.Repo], tmp_path: Path) -> None:
    shared, _restricted = repos
    root = Path(shared.working_tree_dir or "")
    assert _psea(root, *ADD)[0] == 0
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    shutil.move(root, moved / "network")
    shutil.move(tmp_path / "psea-cases", moved / "psea-cases")
    code, err = _psea(moved / "network", *ADD)
    assert code == 0, err


def test_a_version_of_network_yaml_too_large_to_read_is_not_read(
        repos: tuple[git.Repo, git.Repo], tmp_path: Path) -> None:
    """A version over 5 MB, which psea refuses to read as a file, is none: parsing a pull
    request's 16 MB of YAML took half a minute, for each of up to 400 versions."""
    shared, restricted = repos
    network = Path(shared.working_tree_dir or "") / "data" / "network.yaml"
    written = network.read_text()
    network.write_text(written.replace("cases_dir: ../psea-cases\n", "cases_dir: ../other\n")
                       + "x:\n" + "  - {a: [b, c]}\n" * 400_000)  # 6 MB
    shared.index.add(["data/network.yaml"])
    shared.index.commit("network: a large list")
    network.write_text(written)
    shared.index.add(["data/network.yaml"])
    shared.index.commit("network: without it")
    elsewhere = tmp_path / "member"
    clone = git.Repo.clone_from(shared.working_tree_dir or "", elsewhere / "network")
    shutil.move(restricted.working_tree_dir or "", elsewhere / "psea-cases")
    code, err = _psea(Path(clone.working_tree_dir or ""), *ADD)
    assert code == 0, err
    assert len(_files(elsewhere / "psea-cases")) == 2
