"""Encrypted case records: the core team's key reads and writes them, a member without it
validates the repository and cannot read a case, and nothing of a case reaches the disk in
clear (working tree, git objects, .psea-cache). Real age keys (pyrage), real git."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import git
import pyrage
import pytest
import yaml
from pyrage import x25519
from typer.testing import CliRunner

from psea_cli import clock
from psea_cli.cli import app
from psea_cli.sealing import load_keyring, open_envelope
from psea_cli.validation import load_dataset

ADMIN2 = "ML0507"
RECEIVED = "2020-09-17"
ADD = ["case", "add", "--received", RECEIVED, "--channel", "hotline", "--region", "Mopti",
       "--sex", "female", "--age-group", "child", "--allegation", "sexual_exploitation",
       "--admin2", ADMIN2, "--incident-month", "2020-08", "--consent-assistance", "yes",
       "--commit", "--no-interactive"]


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2021, 1, 15))
    monkeypatch.setenv("PSEA_LANG", "en")
    monkeypatch.delenv("PSEA_IDENTITY", raising=False)
    monkeypatch.setenv("HOME", "/nonexistent")  # no ~/.ssh key of the machine is used


def _identity(folder: Path, name: str) -> tuple[Path, str]:
    identity = x25519.Identity.generate()
    path = folder / f"{name}.key"
    path.write_text(f"# {name}\n{identity}\n")
    return path, str(identity.to_public())


def _set_recipients(repo: Path, keys: dict[str, str]) -> None:
    network = repo / "data" / "network.yaml"
    text = network.read_text().split("case_encryption:")[0]
    lines = "".join(f"    - name: {name}\n      key: {key}\n" for name, key in keys.items())
    network.write_text(text + "case_encryption:\n  recipients:\n" + lines)


@pytest.fixture
def network(tmp_path: Path, valid_repo: Path) -> dict[str, Path | str]:
    """A repository whose case records are encrypted to the core team from its first commit;
    a member holds a key of their own, which is not a recipient."""
    core, core_public = _identity(tmp_path, "core")
    member, member_public = _identity(tmp_path, "member")
    (valid_repo / "data" / "cases" / "7KQ2M9AB.yaml").unlink()
    _set_recipients(valid_repo, {"coordinator": core_public})
    repo = git.Repo.init(valid_repo)
    repo.index.add(["data"])
    repo.index.commit("network")
    return {"root": valid_repo, "core": core, "member": member, "member_public": member_public,
            "core_public": core_public}


def _invoke(runner: CliRunner, root: Path, *args: str, identity: Path | None = None) -> tuple[int, str, str]:
    options = ["--root", str(root)] + (["--identity", str(identity)] if identity else [])
    result = runner.invoke(app, [*options, *args])
    return result.exit_code, result.stdout, result.stderr


def _add(runner: CliRunner, net: dict[str, Path | str]) -> str:
    code, out, err = _invoke(runner, Path(net["root"]), *ADD)
    assert code == 0, err
    return out.splitlines()[-1]


def test_add_writes_an_armored_age_file_without_any_key(
        runner: CliRunner, network: dict[str, Path | str]) -> None:
    root = Path(network["root"])
    case_id = _add(runner, network)  # writing needs only the public keys
    path = root / "data" / "cases" / f"{case_id}.age"
    text = path.read_text()
    assert "-----BEGIN AGE ENCRYPTED FILE-----" in text
    assert ADMIN2 not in text
    assert RECEIVED not in text
    assert not (root / "data" / "cases" / f"{case_id}.yaml").exists()
    plaintext = pyrage.decrypt(open_envelope(path.read_bytes()).armored,
                               list(load_keyring(Path(network["core"])).identities))
    assert f"admin2: {ADMIN2}" in plaintext.decode()


def test_core_team_reads_edits_and_validates_a_member_cannot_read(
        runner: CliRunner, network: dict[str, Path | str]) -> None:
    root, core, member = Path(network["root"]), Path(network["core"]), Path(network["member"])
    case_id = _add(runner, network)

    code, out, _err = _invoke(runner, root, "case", "show", case_id, "--format", "yaml",
                              identity=core)
    assert code == 0
    assert f"admin2: {ADMIN2}" in out
    code, _out, err = _invoke(runner, root, "case", "event", case_id, "acknowledged", "--date",
                              "2020-09-18", "--commit", identity=core)
    assert code == 0, err
    dataset, problems = load_dataset(root, keyring=load_keyring(core))
    assert problems == []
    assert dataset.sealed_cases == 0
    assert [e.kind for e in dataset.cases[0].value.events] == ["acknowledged"]

    for key in (member, None):
        code, out, err = _invoke(runner, root, "case", "show", case_id, identity=key)
        assert code == 2
        assert ADMIN2 not in out + err
        assert RECEIVED not in out + err
        assert f"case {case_id} is encrypted and no key you gave opens it" in err
        code, out, err = _invoke(runner, root, "case", "list", identity=key)
        assert "1 case record is encrypted and no key you gave opens it" in err
        assert case_id not in out
        dataset, problems = load_dataset(root, keyring=load_keyring(key) if key else None)
        assert problems == []
        assert dataset.cases == []
        assert dataset.sealed_cases == 1


def test_nothing_of_a_case_is_on_disk_in_clear(
        runner: CliRunner, network: dict[str, Path | str]) -> None:
    """The working tree, every git object (decompressed) and the cache, after writing, editing,
    validating and reporting with the key."""
    root, core = Path(network["root"]), Path(network["core"])
    case_id = _add(runner, network)
    _invoke(runner, root, "case", "consent", case_id, "--reporting", "yes", "--commit",
            identity=core)
    for args in (["validate"], ["case", "list"], ["report", "semester", "2020-S2", "-o",
                                                  str(root.parent / "out.md")]):
        code, _out, err = _invoke(runner, root, *args, identity=core)
        assert code == 0, err
    needles = (ADMIN2.encode(), RECEIVED.encode())
    on_disk = [p for p in root.rglob("*") if p.is_file()]
    assert any(".psea-cache" in p.parts for p in on_disk)
    for path in on_disk:
        raw = path.read_bytes()
        contents = [raw]
        if ".git" in path.parts and "objects" in path.parts:
            with contextlib.suppress(zlib.error):
                contents.append(zlib.decompress(raw))
        assert not any(n in c for n in needles for c in contents), path
    objects = subprocess.run(["git", "cat-file", "--batch-all-objects", "--batch"], cwd=root,
                             capture_output=True, check=True).stdout
    assert not any(n in objects for n in needles)


def test_rekey_removes_a_recipient_from_every_current_file(
        runner: CliRunner, network: dict[str, Path | str]) -> None:
    root, core = Path(network["root"]), Path(network["core"])
    member = load_keyring(Path(network["member"]))
    _set_recipients(root, {"coordinator": str(network["core_public"]),
                           "deputy": str(network["member_public"])})
    git.Repo(root).index.add(["data/network.yaml"])  # a record is committed after its list
    git.Repo(root).index.commit("network: the deputy joins")
    first, second = _add(runner, network), _add(runner, network)
    files = sorted((root / "data" / "cases").glob("*.age"))
    assert {p.stem for p in files} == {first, second}
    assert all(member.decrypt(open_envelope(p.read_bytes())) for p in files)

    _set_recipients(root, {"coordinator": str(network["core_public"])})  # the deputy leaves
    _dataset, problems = load_dataset(root)
    assert {(p.file, p.code) for p in problems} == {
        (f"data/cases/{first}.age", "cases.sealed-stale"),
        (f"data/cases/{second}.age", "cases.sealed-stale")}
    git.Repo(root).index.add(["data/network.yaml"])
    git.Repo(root).index.commit("network: the deputy leaves")
    before = git.Repo(root).head.commit
    code, _out, err = _invoke(runner, root, "case", "rekey", identity=core)
    assert code == 1  # who changed the recipients is checked first (tests/test_recipients_changed.py)
    assert "added: none; removed: deputy (age1…" in err
    assert git.Repo(root).head.commit == before
    code, _out, err = _invoke(runner, root, "case", "rekey", "--recipients-changed",
                              identity=core)
    assert code == 0, err
    assert "earlier commits still hold the records encrypted to the earlier recipients" in err
    head = git.Repo(root).head.commit
    assert list(head.parents) == [before]
    assert len(head.stats.files) == 2
    assert not any(member.decrypt(open_envelope(p.read_bytes())) for p in files)
    assert load_dataset(root)[1] == []
    old = (before.tree / f"data/cases/{first}.age").data_stream.read()
    assert member.decrypt(open_envelope(old)) is not None  # the history is what it was


def test_encrypt_and_decrypt_convert_the_whole_store(
        runner: CliRunner, valid_repo: Path, tmp_path: Path) -> None:
    core, core_public = _identity(tmp_path, "core")
    clear = valid_repo / "data" / "cases" / "7KQ2M9AB.yaml"
    original = clear.read_bytes()
    _set_recipients(valid_repo, {"coordinator": core_public})
    assert [p.code for p in load_dataset(valid_repo)[1]] == ["cases.clear-record"]

    code, _out, err = _invoke(runner, valid_repo, "case", "encrypt")
    assert code == 0, err
    assert "git filter-repo --invert-paths --path-glob 'data/cases/*.yaml'" in err
    assert not clear.exists()
    assert load_dataset(valid_repo)[1] == []
    code, _out, err = _invoke(runner, valid_repo, "case", "decrypt")
    assert code == 2
    assert "no key you gave opens it" in err
    assert not clear.exists()  # nothing was written
    code, _out, err = _invoke(runner, valid_repo, "case", "decrypt", identity=core)
    assert code == 0, err
    assert clear.read_bytes() == original  # byte for byte, comments included
    assert not list((valid_repo / "data" / "cases").glob("*.age"))


def test_a_case_in_clear_cannot_be_edited_where_encryption_is_required(
        runner: CliRunner, valid_repo: Path, tmp_path: Path) -> None:
    _core, core_public = _identity(tmp_path, "core")
    _set_recipients(valid_repo, {"coordinator": core_public})
    before = (valid_repo / "data" / "cases" / "7KQ2M9AB.yaml").read_bytes()
    code, _out, err = _invoke(runner, valid_repo, "case", "consent", "7KQ2M9AB", "--reporting",
                              "no")
    assert code == 2
    assert "psea case encrypt" in err
    assert (valid_repo / "data" / "cases" / "7KQ2M9AB.yaml").read_bytes() == before


def test_a_broken_record_is_reported_by_its_file_never_its_content(
        network: dict[str, Path | str]) -> None:
    from psea_cli.sealing import seal

    root, core = Path(network["root"]), Path(network["core"])
    text = f"id: 7KQ2M9AB\nreceived: {RECEIVED}\nvillage: Secret-Village\n"
    path = root / "data" / "cases" / "7KQ2M9AB.age"
    path.write_bytes(seal(text.encode(), [str(network["core_public"])], "7KQ2M9AB"))
    _dataset, problems = load_dataset(root, keyring=load_keyring(core))
    assert {p.code for p in problems} >= {"schema.unknown-key"}
    assert all(p.file == "data/cases/7KQ2M9AB.age" for p in problems)
    assert not any("Secret-Village" in p.message + p.hint for p in problems)
    unknown = next(p for p in problems if p.code == "schema.unknown-key")
    assert unknown.line == 3  # located in the decrypted text, in memory
    assert load_dataset(root)[1] == []  # without the key: a well-formed ciphertext


@pytest.mark.parametrize("damage", [b"", b"# psea-recipients: 0011223344556677 1\n",
                                    b"-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n"])
def test_damaged_ciphertext_is_a_problem_not_a_crash(
        network: dict[str, Path | str], damage: bytes) -> None:
    root = Path(network["root"])
    (root / "data" / "cases" / "7KQ2M9AB.age").write_bytes(damage)
    for key in (None, load_keyring(Path(network["core"]))):
        _dataset, problems = load_dataset(root, keyring=key)
        assert [(p.file, p.code) for p in problems] == [
            ("data/cases/7KQ2M9AB.age", "cases.sealed-malformed")]


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs OpenSSH's ssh-keygen")
def test_an_ssh_ed25519_key_is_a_recipient_and_an_identity(
        runner: CliRunner, network: dict[str, Path | str], tmp_path: Path) -> None:
    root = Path(network["root"])
    key = tmp_path / "id_ed25519"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "coordinator@example",
                    "-f", str(key)], check=True)
    public = Path(f"{key}.pub").read_text().strip()
    _set_recipients(root, {"coordinator": str(network["core_public"]), "deputy": public})
    git.Repo(root).index.add(["data/network.yaml"])  # a record is committed after its list
    git.Repo(root).index.commit("network: the deputy joins")
    case_id = _add(runner, network)
    code, out, err = _invoke(runner, root, "case", "show", case_id, "--format", "yaml",
                             identity=key)
    assert code == 0, err
    assert f"admin2: {ADMIN2}" in out
    other = tmp_path / "other"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(other)], check=True)
    _set_recipients(root, {"coordinator": str(network["core_public"]),
                           "deputy": Path(f"{other}.pub").read_text().strip()})
    # the ssh-ed25519 stanza names its key (by a tag): another SSH key is seen without any key
    assert [p.code for p in load_dataset(root)[1]] == ["cases.sealed-stale"]


def test_an_unusable_identity_is_named_never_shown(
        runner: CliRunner, network: dict[str, Path | str], tmp_path: Path) -> None:
    bad = tmp_path / "key.txt"
    bad.write_text("AGE-SECRET-KEY-1NOTAKEYATALLBUTSECRETLOOKING\n")
    code, _out, err = _invoke(runner, Path(network["root"]), "validate", identity=bad)
    assert code == 2
    assert "key.txt is not a usable identity" in err
    assert "NOTAKEY" not in err


def _cases_section(report: str) -> list[str]:
    """The lines of the report's cases section, without the line that names their source."""
    lines = report.split("\n## ")
    section = next(part for part in lines if part.startswith("Complaints and allegations"))
    return [line for line in section.splitlines()
            if not line.startswith(("Source of the case figures", "Case figures are not published"))]


def test_a_member_without_a_key_reports_from_the_published_figures(
        runner: CliRunner, network: dict[str, Path | str]) -> None:
    """The key holder publishes the semester's protected figures; a member's report then has
    the same cases section, and says which file and revision its figures come from."""
    root, core = Path(network["root"]), Path(network["core"])
    for _ in range(7):
        _add(runner, network)
    out = root.parent
    code, _out, err = _invoke(runner, root, "report", "semester", "2020-S2", "-o",
                              str(out / "before.md"))
    assert code == 0, err
    before = (out / "before.md").read_text()
    # no figure over the records it can read (none here), and how many are sealed is never said
    assert "Case figures are not published: some case records are encrypted" in before
    assert "7 encrypted" not in before

    code, _out, err = _invoke(runner, root, "case", "publish", "2020-S2", "--commit")
    assert code == 2  # without a key, nothing to publish from
    assert not (root / "data" / "published").exists()
    code, _out, err = _invoke(runner, root, "case", "publish", "2020-S2", "--commit",
                              identity=core)
    assert code == 0, err
    published = (root / "data" / "published" / "2020-S2.yaml").read_text()
    assert ADMIN2 not in published
    assert RECEIVED not in published
    head = git.Repo(root).head.commit
    assert head.message.rstrip("\n") == "published: case figures 2020-S2"
    assert load_dataset(root)[1] == []

    for name, key in (("member.md", Path(network["member"])), ("core.md", core)):
        code, _out, err = _invoke(runner, root, "report", "semester", "2020-S2", "-o",
                                  str(out / name), identity=key)
        assert code == 0, err
    member, holder = (out / "member.md").read_text(), (out / "core.md").read_text()
    assert (f"Source of the case figures: published by the core team in data/published/2020-S2.yaml, from "
            f"the case records at revision {head.parents[0].hexsha[:8]}") in member
    assert "Source of the case figures" not in holder  # the key holder reads the records themselves
    assert _cases_section(member) == _cases_section(holder)
    source = "Source of the case figures"
    assert [line for line in member.splitlines() if not line.startswith(source)] == \
        holder.splitlines()  # the whole report: accountability, key figures, indicators too
    assert _cases_section(member) != _cases_section(before)
    assert any(line.startswith("| Mopti | ") and "<" not in line
               for line in _cases_section(member))


def test_published_figures_hold_only_protected_values(
        runner: CliRunner, network: dict[str, Path | str]) -> None:
    from psea_cli.models.published import PublishedFigures

    root, core = Path(network["root"]), Path(network["core"])
    for _ in range(3):
        _add(runner, network)
    code, _out, err = _invoke(runner, root, "case", "publish", "2020-S2", identity=core)
    assert code == 0, err
    dataset, _problems = load_dataset(root)
    figures = dataset.published[0].value
    assert isinstance(figures, PublishedFigures)
    base = figures.protection.base
    counts = [n for metric in figures.metrics.values()
              for n in [metric.numerator, metric.denominator, *metric.details.values(),
                        *(v for cells in metric.breakdowns.values() for v in cells.values())]
              if n is not None]
    assert counts
    assert all(n % base == 0 for n in counts)  # every published count is a rounded one
    assert figures.metrics["cases_received"].value in (0, 5)  # 3 cases, rounded
    written = (root / dataset.published[0].file).read_text(encoding="utf-8")
    assert written.startswith("# Case figures as psea shares them (protected)")
    code, _out, err = _invoke(runner, root, "--lang", "fr", "case", "publish", "2020-S2",
                              identity=core)
    assert code == 0, err
    written = (root / dataset.published[0].file).read_text(encoding="utf-8")
    assert written.startswith("# Chiffres sur les cas tels que psea les partage (protégés)")
    assert all(line.startswith("# ") for line in written.splitlines()[:3])


def test_a_member_says_of_later_readings_what_the_key_holder_says(
        runner: CliRunner, network: dict[str, Path | str]) -> None:
    """2020-Q3 is read again on 31 December 2020: the published file says nothing of which
    quarter kept an earlier reading, and a member's table and report say of the quarters read
    again the same as the key holder's, from the quarters and the day the file publishes."""
    root, core = Path(network["root"]), Path(network["core"])
    for _ in range(3):
        _add(runner, network)
    code, holder, err = _invoke(runner, root, "indicators", "2020-S2", "--suppress",
                                identity=core)
    assert code == 0, err
    code, _out, err = _invoke(runner, root, "case", "publish", "2020-S2", identity=core)
    assert code == 0, err
    written = (root / load_dataset(root)[0].published[0].file).read_text(encoding="utf-8")
    assert not any(line.strip().startswith("held:") for line in written.splitlines())
    code, member, err = _invoke(runner, root, "indicators", "2020-S2", "--suppress")
    assert code == 0, err
    note = ("Quarters that ended before 31 December 2020 are read with what happened since")
    assert note in " ".join(holder.split())
    assert note in " ".join(member.split())
    report = root.parent / "member.md"
    code, _out, err = _invoke(runner, root, "report", "semester", "2020-S2", "-o", str(report))
    assert code == 0, err
    assert note in " ".join(report.read_text().split())


def test_migrate_renames_legacy_events_inside_encrypted_records(
        runner: CliRunner, network: dict[str, Path | str]) -> None:
    from psea_cli.sealing import seal

    root, core = Path(network["root"]), Path(network["core"])
    legacy = (Path(__file__).parent / "data" / "valid" / "data" / "cases" / "7KQ2M9AB.yaml"
              ).read_text() + "  - kind: investigation_referred\n    date: 2020-07-20\n" \
        "    organisation: alpha\n"
    path = root / "data" / "cases" / "7KQ2M9AB.age"
    path.write_bytes(seal(legacy.encode(), [str(network["core_public"])], "7KQ2M9AB"))
    assert "cases.legacy-event" in {p.code for p in load_dataset(
        root, keyring=load_keyring(core))[1]}
    before = path.read_bytes()
    code, _out, err = _invoke(runner, root, "case", "migrate")
    assert code == 0, err  # without the key: nothing it can read, nothing written
    assert path.read_bytes() == before
    code, _out, err = _invoke(runner, root, "case", "migrate", identity=core)
    assert code == 0, err
    assert sorted(p.name for p in path.parent.iterdir()) == ["7KQ2M9AB.age"]
    assert "-----BEGIN AGE ENCRYPTED FILE-----" in path.read_text()
    dataset, problems = load_dataset(root, keyring=load_keyring(core))
    assert "cases.legacy-event" not in {p.code for p in problems}
    assert [e.kind for e in dataset.cases[0].value.events][-1] == "referred_to_entity"


def test_an_encrypted_record_named_by_its_id_is_never_taken_for_a_name(
        network: dict[str, Path | str]) -> None:
    """Ids such as 0R46D27M look like coordinates to the name screening (4D27M: a minute
    mark); a record's own name, .age as .yaml, is an id and is read."""
    from psea_cli.sealing import seal

    root = Path(network["root"])
    text = (Path(__file__).parent / "data" / "valid" / "data" / "cases" / "7KQ2M9AB.yaml"
            ).read_text().replace("7KQ2M9AB", "0R46D27M")
    (root / "data" / "cases" / "0R46D27M.age").write_bytes(
        seal(text.encode(), [str(network["core_public"])], "0R46D27M"))
    dataset, problems = load_dataset(root, keyring=load_keyring(Path(network["core"])))
    assert problems == []
    assert [c.value.id for c in dataset.cases] == ["0R46D27M"]


def test_encrypt_commit_records_the_new_files_and_the_removals_in_one_commit(
        runner: CliRunner, valid_repo: Path, tmp_path: Path) -> None:
    _core, core_public = _identity(tmp_path, "core")
    repo = git.Repo.init(valid_repo)
    repo.index.add(["data"])
    first = repo.index.commit("network")
    _set_recipients(valid_repo, {"coordinator": core_public})
    repo.index.add(["data/network.yaml"])
    repo.index.commit("network: encrypt case records")
    code, _out, err = _invoke(runner, valid_repo, "case", "encrypt", "--commit")
    assert code == 0, err
    head = repo.head.commit
    assert head.message.rstrip("\n") == "case: encrypt the case store"
    names = {item.path for item in head.tree.traverse() if item.type == "blob"}
    assert "data/cases/7KQ2M9AB.age" in names
    assert "data/cases/7KQ2M9AB.yaml" not in names
    assert not repo.is_dirty(untracked_files=True)
    assert "data/cases/7KQ2M9AB.yaml" in {i.path for i in first.tree.traverse()}  # history


def test_add_refuses_a_case_in_clear_once_a_change_removed_case_encryption(
        runner: CliRunner, network: dict[str, Path | str]) -> None:
    root = Path(network["root"])
    _add(runner, network)
    config = root / "data" / "network.yaml"
    config.write_text(config.read_text().split("case_encryption:")[0])  # a pull request did this
    before = sorted(p.name for p in (root / "data" / "cases").iterdir())
    code, out, err = _invoke(runner, root, *ADD)
    assert code == 1, err
    assert "holds encrypted case records" in err
    assert "Restore case_encryption" in err
    assert out == ""
    assert sorted(p.name for p in (root / "data" / "cases").iterdir()) == before
    assert not list((root / "data" / "cases").glob("*.yaml"))


def test_add_refuses_then_warns_once_the_changed_recipients_are_confirmed(
        runner: CliRunner, network: dict[str, Path | str]) -> None:
    root = Path(network["root"])
    _add(runner, network)
    _set_recipients(root, {"coordinator": str(network["core_public"]),
                           "deputy": str(network["member_public"])})
    before = sorted((root / "data" / "cases").iterdir())
    code, out, err = _invoke(runner, root, *ADD[:-2], "--no-interactive")  # no --commit
    assert code == 1
    assert f"added: deputy (age1…{str(network['member_public'])[-8:]}); removed: none" in err
    assert sorted((root / "data" / "cases").iterdir()) == before
    code, out, err = _invoke(runner, root, *ADD[:-2], "--no-interactive", "--recipients-changed")
    assert code == 0, err
    assert "the recipients in data/network.yaml changed since the case store was encrypted" in err
    assert "psea case rekey" in err
    assert (root / "data" / "cases" / f"{out.splitlines()[-1]}.age").exists()


def test_a_damaged_record_is_left_out_aloud_and_stops_publishing_and_auditing(
        runner: CliRunner, network: dict[str, Path | str]) -> None:
    """A truncated ``.age`` (a merge conflict in an armored file) is a case file with
    problems like a broken ``.yaml``: the case list says one is left out, ``case show``
    sends to ``psea validate``, and neither ``case publish`` nor ``audit`` goes on with
    figures made without it (both answered as if nothing were missing)."""
    root, core = Path(network["root"]), Path(network["core"])
    for _ in range(6):
        _add(runner, network)
    damaged = sorted((root / "data" / "cases").glob("*.age"))[0]
    damaged.write_bytes(damaged.read_bytes()[:200])
    code, _out, err = _invoke(runner, root, "case", "list", identity=core)
    assert code == 0
    assert "1 case file has problems and is left out" in err
    code, _out, err = _invoke(runner, root, "case", "event", damaged.stem, "acknowledged",
                              "--date", "2021-01-14", identity=core)
    assert code == 1  # the file's problem, not a usage error
    assert "psea validate" in err
    code, _out, err = _invoke(runner, root, "case", "show", damaged.stem, identity=core)
    assert "psea validate" in err
    assert f"no case {damaged.stem}" not in err
    code, _out, err = _invoke(runner, root, "case", "publish", "2020-S2", identity=core)
    assert code == 1
    assert "1 case file has problems and would be left out" in err
    assert not (root / "data" / "published").exists()
    code, out, err = _invoke(runner, root, "audit", identity=core)
    assert code == 1
    assert "1 case record cannot be read here" in err
    assert "No figure can be narrowed" not in out
    damaged.unlink()
    code, _out, err = _invoke(runner, root, "audit")  # no key: 5 records cannot be read
    assert code == 1
    assert "5 case records cannot be read here" in err
    code, out, err = _invoke(runner, root, "audit", identity=core)
    assert code == 0, err
    assert "No figure can be narrowed" in out


def _rewrite_published(runner: CliRunner, network: dict[str, Path | str],
                       rewrite: Callable[[dict[str, Any]], object]) -> Path:
    """Seven cases published by the key holder for 2020-S2, the file then rewritten by
    ``rewrite`` (as an older psea wrote it); the repository's root."""
    root, core = Path(network["root"]), Path(network["core"])
    for _ in range(7):
        _add(runner, network)
    code, _out, err = _invoke(runner, root, "case", "publish", "2020-S2", identity=core)
    assert code == 0, err
    path = root / "data" / "published" / "2020-S2.yaml"
    figures = yaml.safe_load(path.read_text(encoding="utf-8"))
    rewrite(figures["metrics"])
    path.write_text(yaml.safe_dump(figures, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")
    return root


def test_figures_published_by_an_earlier_psea_follow_today_s_withholding(
        runner: CliRunner, network: dict[str, Path | str]) -> None:
    """psea 0.3.7 published "0 %" of a part published <5 (``value: 0.0``): a member's report
    from such a file withholds it, as one from the records does."""
    withheld: list[str] = []

    def as_0_3_7(metrics: dict[str, Any]) -> None:
        withheld.extend(name for name, metric in metrics.items()
                        if metric.get("value") is None and metric.get("numerator") == 0
                        and (metric.get("denominator") or 0) >= 5)
        for name in withheld:
            metrics[name]["value"] = 0.0  # as 0.3.7 wrote it

    root = _rewrite_published(runner, network, as_0_3_7)
    assert withheld  # the 7 cases give at least one part published <5
    code, out, err = _invoke(runner, root, "indicators", "2020-S2", "--suppress", "--format",
                             "json")
    assert code == 0, err
    shown = json.loads(out)["metrics"]
    assert all(shown[name]["value"] == "x" for name in withheld), [shown[n] for n in withheld]


def test_a_figure_a_published_file_lacks_is_withheld_never_no_case(
        runner: CliRunner, network: dict[str, Path | str]) -> None:
    """A file from an older psea without a metric: a member's report said « no case » for
    a deadline beside the complaints received."""
    root = _rewrite_published(runner, network,
                              lambda metrics: metrics.pop("assistance_referral_within_72h"))
    out = root.parent / "member.md"
    code, _out, err = _invoke(runner, root, "report", "semester", "2020-S2", "-o", str(out))
    assert code == 0, err
    [row] = [line for line in out.read_text(encoding="utf-8").splitlines()
             if line.startswith("| Survivors referred to assistance within the deadline")]
    assert row.rstrip(" |").endswith("withheld")
    assert "no case" not in row


def test_a_published_files_name_is_text_in_the_markdown_report(
        runner: CliRunner, network: dict[str, Path | str]) -> None:
    """The name of the published figures' file was written into the Markdown report as it
    was: a pull request renaming it « <img src=x onerror=alert(1)> [click](https:evil).yaml »
    put raw HTML and a link into a member's report."""
    from markdown_it import MarkdownIt

    root = _rewrite_published(runner, network, lambda metrics: None)
    published = root / "data" / "published" / "2020-S2.yaml"
    published.rename(published.with_name("<img src=x onerror=alert(1)> [click](https:evil).yaml"))
    out = root.parent / "member.md"
    code, _out, err = _invoke(runner, root, "report", "semester", "2020-S2", "-o", str(out))
    assert code in (0, 1), err
    html = MarkdownIt("commonmark").render(out.read_text(encoding="utf-8"))
    assert "<img" not in html
    assert "<a " not in html


def _flip_payload(path: Path) -> None:
    """One base64 character of the age payload changed, just before the armor's end line:
    the header (and so the key's stanza) stays whole, the content does not."""
    text = path.read_text(encoding="ascii")
    end = text.index("-----END")
    at = end - 2 if text[end - 1] == "\n" else end - 1
    while text[at] in "=\n":
        at -= 1
    text = text[:at] + ("A" if text[at] != "A" else "B") + text[at + 1:]
    path.write_text(text, encoding="ascii")


def test_a_damaged_record_the_key_opens_is_said_damaged_not_sealed(
        runner: CliRunner, network: dict[str, Path | str]) -> None:
    """The key is right and the content is damaged: `validate` said nothing and the figures
    were one case short, while `case show` blamed the key."""
    root, core = Path(network["root"]), Path(network["core"])
    for _ in range(5):
        _add(runner, network)
    damaged = sorted((root / "data" / "cases").glob("*.age"))[0]
    _flip_payload(damaged)
    code, out, _err = _invoke(runner, root, "--lang", "en", "validate", identity=core)
    assert code == 1
    assert f"data/cases/{damaged.name}:1:1: error [cases.sealed-malformed]" in out
    code, _out, err = _invoke(runner, root, "--lang", "en", "case", "show", damaged.stem,
                              identity=core)
    assert code == 1
    assert "no key you gave opens it" not in err
    assert "psea validate" in err
    code, out, _err = _invoke(runner, root, "--lang", "en", "indicators", "2020-S2",
                              "--suppress", "--format", "json", identity=core)
    assert json.loads(out)["protection"]["not_published"] == "records_with_errors"
    code, _out, err = _invoke(runner, root, "--lang", "en", "case", "decrypt", identity=core)
    assert code == 1
    assert "no key you gave opens it" not in err
    assert damaged.exists()  # nothing converted
    member = Path(network["member"])  # a key that is no recipient: sealed, not damaged
    code, out, _err = _invoke(runner, root, "--lang", "en", "validate", identity=member)
    assert "cases.sealed-malformed" not in out


def test_the_exact_figures_say_which_records_no_key_opened(
        runner: CliRunner, network: dict[str, Path | str]) -> None:
    """Without a key, the core team's exact figures read 0 cases with no word."""
    root = Path(network["root"])
    for _ in range(3):
        _add(runner, network)
    _code, _out, err = _invoke(runner, root, "--lang", "en", "indicators", "2020-S2")
    assert "warning: 3 case records are encrypted and no key you gave opens them" in err
    _code, _out, err = _invoke(runner, root, "--lang", "en", "indicators", "2020-S2",
                               identity=Path(network["core"]))
    assert "no key you gave opens" not in err


@pytest.mark.parametrize("key", ["member", "core"])
def test_a_plain_copy_beside_an_encrypted_record_is_refused_with_or_without_the_key(
        runner: CliRunner, network: dict[str, Path | str], key: str) -> None:
    """A copy in clear planted beside an encrypted record (consents changed) was shown by
    ``case show`` to whoever held no key, as the record: the encrypted one is seen by its
    name, so the id is held by two files either way."""
    root = Path(network["root"])
    case_id = _add(runner, network)
    planted = root / "data" / "cases" / "old" / f"{case_id}.yaml"
    planted.parent.mkdir()
    planted.write_text(f"id: {case_id}\nreceived: 2020-07-15\nchannel: hotline\nregion: ML05\n"
                       "allegation: sexual_abuse\nsurvivor: {sex: female, age_group: adult}\n"
                       "perpetrator: {affiliation: nngo}\n"
                       "consent: {assistance: 'yes', investigation: 'yes', identity: 'yes', "
                       "reporting: 'yes'}\n", encoding="utf-8")
    code, out, err = _invoke(runner, root, "--lang", "en", "case", "show", case_id,
                             identity=Path(network[key]))
    assert code == 1, out
    assert f"case {case_id} is held by 2 files" in err
    assert "Consent" not in out
