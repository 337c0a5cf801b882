"""A key rotated in data/network.yaml and not committed: psea never commits records encrypted to
a list no commit holds. ``psea case rekey`` commits the rotation with the re-encrypted records
(or refuses, before writing, when other settings changed too); a command that commits one
record refuses; a colleague who gets records encrypted to a list no commit holds is told to
get that commit, never to re-encrypt to the list their clone has (which names the removed
key). Real age keys (pyrage), real git, a real clone."""

from __future__ import annotations

import subprocess
from pathlib import Path

import git
import pytest
from test_case_encryption import (  # noqa: F401  (fixtures)
    ADD,
    _identity,
    _invoke,
    _set_recipients,
    _today,
    network,
)
from test_import import odk_row, write_odk
from typer.testing import CliRunner

from psea_cli.sealing import load_keyring, open_envelope

NOT_COMMITTED = "the recipients in data/network.yaml are not committed"
UNLISTED = "encrypted to recipients that no commit of data/network.yaml lists"


def _files(root: Path) -> dict[str, bytes]:
    """Every file of the case store and data/network.yaml, byte for byte."""
    paths = [*(root / "data" / "cases").rglob("*"), root / "data" / "network.yaml"]
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in paths if p.is_file()}


def _status(root: Path) -> str:
    return subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True,
                          text=True, check=True).stdout


@pytest.fixture
def rotated(runner: CliRunner, network: dict[str, Path | str],  # noqa: F811
            tmp_path: Path) -> dict[str, Path | str]:
    """Two cases encrypted to the coordinator and the deputy; then the coordinator replaces
    the deputy's key with the new deputy's in data/network.yaml, not committed yet."""
    root = Path(network["root"])
    deputy, deputy_public = _identity(tmp_path, "deputy")
    new, new_public = _identity(tmp_path, "newdeputy")
    _set_recipients(root, {"coordinator": str(network["core_public"]), "deputy": deputy_public})
    repo = git.Repo(root)
    repo.index.add(["data/network.yaml"])
    repo.index.commit("network: the deputy joins")
    for _ in range(2):
        code, _out, err = _invoke(runner, root, *ADD)
        assert code == 0, err
    network_file = root / "data" / "network.yaml"
    network_file.write_text(network_file.read_text().replace(deputy_public, new_public))
    return {**network, "deputy": deputy, "new": new}


def _records(root: Path) -> list[bytes]:
    return [p.read_bytes() for p in sorted((root / "data" / "cases").glob("*.age"))]


def test_rekey_commits_the_rotated_recipients_with_the_records_and_a_clone_goes_on(
        runner: CliRunner, rotated: dict[str, Path | str], tmp_path: Path) -> None:
    root, core = Path(rotated["root"]), Path(rotated["core"])
    before = git.Repo(root).head.commit
    code, _out, err = _invoke(runner, root, "case", "rekey", "--recipients-changed",
                              identity=core)
    assert code == 0, err
    assert "with the recipients of data/network.yaml" in err
    assert _status(root) == ""  # nothing left uncommitted
    head = git.Repo(root).head.commit
    assert list(head.parents) == [before]
    assert set(head.stats.files) == {"data/network.yaml",
                                     *(f"data/cases/{p.name}" for p in
                                       (root / "data" / "cases").glob("*.age"))}
    assert "With data/network.yaml's change of recipients" in str(head.message)
    colleague = tmp_path / "colleague"
    git.Repo(root).clone(colleague)
    code, _out, err = _invoke(runner, colleague, *ADD)  # the list came with the records
    assert code == 0, err
    assert "recipients" not in err
    new, deputy = load_keyring(Path(rotated["new"])), load_keyring(Path(rotated["deputy"]))
    assert all(new.decrypt(open_envelope(raw)) for raw in _records(colleague))
    assert not any(deputy.decrypt(open_envelope(raw)) for raw in _records(colleague))


def test_rekey_refuses_before_writing_when_other_settings_of_network_yaml_changed_too(
        runner: CliRunner, rotated: dict[str, Path | str]) -> None:
    root, core = Path(rotated["root"]), Path(rotated["core"])
    network_file = root / "data" / "network.yaml"
    text = network_file.read_text()
    assert "suppression_threshold: 5" in text
    network_file.write_text(text.replace("suppression_threshold: 5", "suppression_threshold: 6"))
    before, head = _files(root), git.Repo(root).head.commit
    code, _out, err = _invoke(runner, root, "case", "rekey", "--recipients-changed",
                              identity=core)
    assert code == 1
    assert "data/network.yaml has uncommitted changes besides its recipients" in err
    assert "nothing was written" in err
    assert "'git diff data/network.yaml'" in err
    assert "Commit the change of recipients first" in err
    assert _files(root) == before
    assert git.Repo(root).head.commit == head


def test_a_command_refuses_to_commit_a_record_to_recipients_not_committed(
        runner: CliRunner, rotated: dict[str, Path | str], tmp_path: Path) -> None:
    root, core = Path(rotated["root"]), Path(rotated["core"])
    first = sorted((root / "data" / "cases").glob("*.age"))[0].stem
    export = write_odk(tmp_path / "export.csv", [odk_row("a1b2c3d4-0001-4000-8000-000000000001")])
    before, head = _files(root), git.Repo(root).head.commit
    for args, key in ((ADD, None),
                      (["case", "event", first, "acknowledged", "--date", "2020-09-18",
                        "--commit"], core),
                      (["case", "consent", first, "--reporting", "yes", "--commit"], core),
                      (["import", str(export), "--commit"], None)):
        code, _out, err = _invoke(runner, root, *args, "--recipients-changed", identity=key)
        assert code == 1, (args, err)
        assert NOT_COMMITTED in err
        assert "a case record committed now would be encrypted to a list no commit holds" in err
        assert "'git diff data/network.yaml'" in err
        assert "git commit data/network.yaml" in err
        assert _files(root) == before, args
        assert git.Repo(root).head.commit == head
    code, _out, err = _invoke(runner, root, *ADD[:-2], "--no-interactive", "--recipients-changed")
    assert code == 0, err  # not committed: written, and said
    assert f"warning: {NOT_COMMITTED}: commit data/network.yaml with the case records" in err
    git.Repo(root).index.add(["data/network.yaml"])
    git.Repo(root).index.commit("network: the new deputy")
    code, _out, err = _invoke(runner, root, *ADD, "--recipients-changed")
    assert code == 0, err
    assert NOT_COMMITTED not in err


def test_records_encrypted_to_a_list_no_commit_holds_send_to_the_commit_never_to_a_rekey(
        runner: CliRunner, rotated: dict[str, Path | str], tmp_path: Path) -> None:
    root, core = Path(rotated["root"]), Path(rotated["core"])
    code, _out, err = _invoke(runner, root, "case", "rekey", "--recipients-changed",
                              "--no-commit", identity=core)
    assert code == 0, err
    assert f"warning: {NOT_COMMITTED}" in err
    repo = git.Repo(root)
    repo.index.add([p.relative_to(root).as_posix()
                    for p in (root / "data" / "cases").glob("*.age")])
    repo.index.commit("case: rekey")  # the records only: data/network.yaml forgotten
    colleague = tmp_path / "colleague"
    git.Repo(root).clone(colleague)
    before = _files(colleague)
    for args in (ADD, ["case", "rekey"]):
        code, _out, err = _invoke(runner, colleague, *args, identity=core)
        assert code == 1, (args, err)
        assert f"2 case records are {UNLISTED}" in err
        assert "someone encrypted them without committing the list of their recipients" in err
        assert "get it (git pull) before anything else" in err
        assert f"deputy (age1…{str(_public(Path(rotated['deputy'])))[-8:]})" in err
        assert "--recipients-changed" not in err  # it would re-encrypt to the removed key
        assert "rekey" not in err
        assert "git diff" not in err  # the colleague changed nothing
        assert _files(colleague) == before
    repo.index.add(["data/network.yaml"])
    repo.index.commit("network: the new deputy")
    git.Repo(colleague).remotes.origin.pull()
    code, _out, err = _invoke(runner, colleague, *ADD)
    assert code == 0, err


def _public(identity: Path) -> str:
    from pyrage import x25519

    line = next(x for x in identity.read_text().splitlines() if x.startswith("AGE-SECRET"))
    return str(x25519.Identity.from_str(line).to_public())


@pytest.mark.parametrize("staged", [False, True])
def test_the_refusal_of_an_uncommitted_change_names_git_diff(
        runner: CliRunner, rotated: dict[str, Path | str], staged: bool) -> None:
    root = Path(rotated["root"])
    if staged:
        git.Repo(root).index.add(["data/network.yaml"])
    code, _out, err = _invoke(runner, root, *ADD)
    assert code == 1
    assert "the recipients in data/network.yaml changed since the case store was encrypted" in err
    diff = "git diff --staged data/network.yaml" if staged else "git diff data/network.yaml"
    assert (f"See who changed them, and when, with 'git log -p data/network.yaml', and the "
            f"change not yet committed with '{diff}'.") in err


def test_a_committed_change_names_only_git_log(
        runner: CliRunner, rotated: dict[str, Path | str]) -> None:
    root = Path(rotated["root"])
    git.Repo(root).index.add(["data/network.yaml"])
    git.Repo(root).index.commit("network: the new deputy")
    code, _out, err = _invoke(runner, root, *ADD)
    assert code == 1
    assert "git log -p data/network.yaml" in err
    assert "git diff" not in err


def test_encrypt_commits_the_new_recipients_with_the_records(
        runner: CliRunner, valid_repo: Path, tmp_path: Path) -> None:
    _core, core_public = _identity(tmp_path, "core")
    repo = git.Repo.init(valid_repo)
    repo.index.add(["data"])
    repo.index.commit("network")
    _set_recipients(valid_repo, {"coordinator": core_public})  # not committed
    code, _out, err = _invoke(runner, valid_repo, "case", "encrypt", "--commit")
    assert code == 0, err
    assert _status(valid_repo) == ""
    assert set(repo.head.commit.stats.files) == {
        "data/network.yaml", "data/cases/7KQ2M9AB.age", "data/cases/7KQ2M9AB.yaml"}


def test_the_new_refusals_are_in_french(
        runner: CliRunner, rotated: dict[str, Path | str]) -> None:
    root = Path(rotated["root"])
    code, _out, err = _invoke(runner, root, "--lang", "fr", *ADD, "--recipients-changed")
    assert code == 1
    assert "les destinataires de data/network.yaml ne sont pas enregistrés dans un commit" in err
    assert "« git diff data/network.yaml »" in err
    code, _out, err = _invoke(runner, root, "--lang", "fr", *ADD)
    assert code == 1
    assert ("et le changement pas encore enregistré dans un commit avec « git diff "
            "data/network.yaml »") in " ".join(err.split())
    code, _out, err = _invoke(runner, root, "--lang", "fr", "case", "rekey",
                              "--recipients-changed", "--no-commit",
                              identity=Path(rotated["core"]))
    assert code == 0, err
    repo = git.Repo(root)
    repo.index.add([p.relative_to(root).as_posix()
                    for p in (root / "data" / "cases").glob("*.age")])
    repo.index.commit("case: rekey")
    subprocess.run(["git", "checkout", "-q", "--", "data/network.yaml"], cwd=root, check=True)
    code, _out, err = _invoke(runner, root, "--lang", "fr", *ADD)
    assert code == 1
    assert ("2 fiches de cas sont chiffrées pour des destinataires qu'aucun commit de "
            "data/network.yaml ne liste") in " ".join(err.split())
    assert "(git pull) avant toute chose" in err


def test_rekey_in_a_repository_without_a_commit_commits_no_record_without_its_list(
        runner: CliRunner, rotated: dict[str, Path | str]) -> None:
    """The same store in a repository whose history was started again (no commit yet): the
    rekey committed the records alone, data/network.yaml left untracked (found by a hostile
    review). It now refuses before writing, as data/network.yaml is not committed."""
    import shutil

    root, core = Path(rotated["root"]), Path(rotated["core"])
    shutil.rmtree(root / ".git")
    repo = git.Repo.init(root)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Core team")
        config.set_value("user", "email", "core@example.org")
    before = _files(root)
    code, _out, err = _invoke(runner, root, "case", "rekey", "--recipients-changed",
                              identity=core)
    assert code == 1, err
    assert "nothing was written" in err
    assert _files(root) == before
    assert not repo.head.is_valid()
