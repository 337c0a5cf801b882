"""A pull request that swaps a recipient key in data/network.yaml (a member puts its own key in
place of the deputy's): every command that would encrypt a case record refuses, naming who
was added and removed, until a key holder confirms with --recipients-changed; a rotation the
key holders decided stays one command. Real age keys (pyrage), real git."""

from __future__ import annotations

from pathlib import Path

import git
import pytest
from test_case_encryption import (  # noqa: F401  (fixtures)
    ADD,
    ADMIN2,
    RECEIVED,
    _identity,
    _invoke,
    _set_recipients,
    _today,
    network,
)
from test_import import odk_row, write_odk
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.sealing import load_keyring, open_envelope
from psea_cli.validation import load_dataset

CHANGED = "the recipients in data/network.yaml changed since the case store was encrypted"


def _files(root: Path) -> dict[str, bytes]:
    """Every file of the case store and data/network.yaml, byte for byte."""
    paths = [*(root / "data" / "cases").rglob("*"), root / "data" / "network.yaml"]
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in paths if p.is_file()}


@pytest.fixture
def swapped(runner: CliRunner, network: dict[str, Path | str],  # noqa: F811
            tmp_path: Path) -> dict[str, Path | str]:
    """Two cases encrypted to the coordinator and the deputy; then a member's pull request,
    merged, puts the member's own key in place of the deputy's."""
    root = Path(network["root"])
    deputy, deputy_public = _identity(tmp_path, "deputy")
    _set_recipients(root, {"coordinator": str(network["core_public"]), "deputy": deputy_public})
    repo = git.Repo(root)
    repo.index.add(["data/network.yaml"])
    repo.index.commit("network: the deputy joins")
    added = []
    for _ in range(2):
        code, out, err = _invoke(runner, root, *ADD)
        assert code == 0, err
        added.append(out.splitlines()[-1])
    network_file = root / "data" / "network.yaml"
    network_file.write_text(network_file.read_text().replace(
        deputy_public, str(network["member_public"])))
    repo.index.add(["data/network.yaml"])
    repo.index.commit("update deputy key")
    return {**network, "deputy": deputy, "deputy_public": deputy_public, "first": added[0]}


def _named(err: str, net: dict[str, Path | str]) -> None:
    """The refusal names the deputy added (the member's key) and removed (the deputy's)."""
    assert f"added: deputy (age1…{str(net['member_public'])[-8:]})" in err
    assert f"removed: deputy (age1…{str(net['deputy_public'])[-8:]})" in err


def test_a_swapped_key_stops_every_writer_and_rekey_and_names_the_change(
        runner: CliRunner, swapped: dict[str, Path | str], tmp_path: Path) -> None:
    root, core = Path(swapped["root"]), Path(swapped["core"])
    first = str(swapped["first"])
    export = write_odk(tmp_path / "export.csv", [odk_row("a1b2c3d4-0001-4000-8000-000000000001")])
    before, head = _files(root), git.Repo(root).head.commit
    for args, key in ((ADD, None), ([*ADD[:-2], "--no-interactive"], None),
                      (["case", "event", first, "acknowledged", "--date", "2020-09-18"], core),
                      (["case", "consent", first, "--reporting", "yes", "--commit"], core),
                      (["case", "migrate"], core), (["import", str(export), "--commit"], None),
                      (["case", "encrypt"], None), (["case", "rekey"], core)):
        code, out, err = _invoke(runner, root, *args, identity=key)
        assert code == 1, (args, err)
        assert CHANGED in err
        assert "(2 case records are encrypted to other recipients)" in err
        _named(err, swapped)
        assert "nothing was written" in err
        assert "git log -p data/network.yaml" in err
        assert "--recipients-changed" in err
        assert ADMIN2 not in out + err
        assert RECEIVED not in out + err
        assert _files(root) == before, args
        assert git.Repo(root).head.commit == head
    assert "a key holder runs 'psea case rekey --recipients-changed'" in _invoke(
        runner, root, *ADD)[2]
    assert "run the command again with --recipients-changed" in _invoke(
        runner, root, "case", "rekey", identity=core)[2]
    member = load_keyring(Path(swapped["member"]))
    assert not any(member.decrypt(open_envelope(raw)) for name, raw in before.items()
                   if name.endswith(".age"))


def test_a_rotation_the_key_holders_confirmed_is_one_rekey(
        runner: CliRunner, swapped: dict[str, Path | str]) -> None:
    root, core = Path(swapped["root"]), Path(swapped["core"])
    before = git.Repo(root).head.commit
    code, _out, err = _invoke(runner, root, "case", "rekey", "--recipients-changed",
                              identity=core)
    assert code == 0, err
    assert "recipients changed, as confirmed with --recipients-changed" in err
    _named(err, swapped)
    head = git.Repo(root).head.commit
    assert list(head.parents) == [before]
    assert str(head.message).startswith("case: re-encrypt the case store to the current "
                                        "recipients\n\nRecipients added: deputy (age1…")
    assert "confirmed with --recipients-changed" in str(head.message)
    member, deputy = load_keyring(Path(swapped["member"])), load_keyring(Path(swapped["deputy"]))
    files = sorted((root / "data" / "cases").glob("*.age"))
    assert all(member.decrypt(open_envelope(p.read_bytes())) for p in files)
    assert not any(deputy.decrypt(open_envelope(p.read_bytes())) for p in files)
    assert load_dataset(root)[1] == []
    code, _out, err = _invoke(runner, root, *ADD)  # the store is the new list's: as before
    assert code == 0, err
    assert "recipients" not in err


def test_a_case_recorded_before_the_rekey_goes_to_the_confirmed_list_and_says_so(
        runner: CliRunner, swapped: dict[str, Path | str]) -> None:
    root = Path(swapped["root"])
    code, out, err = _invoke(runner, root, *ADD, "--recipients-changed")
    assert code == 0, err
    _named(err, swapped)
    assert "psea case rekey --recipients-changed" in err  # the older records are not yet
    new = root / "data" / "cases" / f"{out.splitlines()[-1]}.age"
    assert load_keyring(Path(swapped["member"])).decrypt(open_envelope(new.read_bytes()))
    code, _out, err = _invoke(runner, root, *ADD)  # the older records still wait for a rekey
    assert code == 1
    assert "(2 case records are encrypted to other recipients)" in err


def test_recipients_never_committed_are_said_so_with_the_current_list_and_the_diff(
        runner: CliRunner, network: dict[str, Path | str], tmp_path: Path) -> None:  # noqa: F811
    root = Path(network["root"])
    _deputy, deputy_public = _identity(tmp_path, "deputy")
    _set_recipients(root, {"coordinator": str(network["core_public"]), "deputy": deputy_public})
    code, _out, err = _invoke(runner, root, *ADD[:-2], "--no-interactive")  # never committed
    assert code == 0, err
    _set_recipients(root, {"coordinator": str(network["core_public"]),
                           "deputy": str(network["member_public"])})  # changed again
    code, _out, err = _invoke(runner, root, *ADD)
    assert code == 1
    assert ("1 case record is encrypted to recipients that no commit of data/network.yaml "
            "lists") in err
    assert (f"lists here now (coordinator (age1…{str(network['core_public'])[-8:]}), "
            f"deputy (age1…{str(network['member_public'])[-8:]}))") in err
    assert "see them with 'git diff data/network.yaml'" in err
    assert "--recipients-changed" not in err


def test_a_renamed_holder_or_a_new_order_is_no_change(
        runner: CliRunner, swapped: dict[str, Path | str]) -> None:
    root, core = Path(swapped["root"]), Path(swapped["core"])
    assert _invoke(runner, root, "case", "rekey", "--recipients-changed", identity=core)[0] == 0
    _set_recipients(root, {"adjoint": str(swapped["member_public"]),
                           "coordinatrice": str(swapped["core_public"])})
    code, _out, err = _invoke(runner, root, *ADD)
    assert code == 0, err
    code, _out, err = _invoke(runner, root, "case", "event", str(swapped["first"]),
                              "acknowledged", "--date", "2020-09-18", identity=core)
    assert code == 0, err


def test_the_refusal_and_the_option_are_in_french(
        runner: CliRunner, swapped: dict[str, Path | str]) -> None:
    root = Path(swapped["root"])
    code, _out, err = _invoke(runner, root, "--lang", "fr", *ADD)
    assert code == 1
    assert "les destinataires de data/network.yaml ont changé" in err
    assert "git log -p data/network.yaml" in err
    assert "--recipients-changed" in err
    result = runner.invoke(app, ["--lang", "fr", "case", "rekey", "--help"])
    assert "détenteurs de clé" in " ".join(result.stdout.split())
