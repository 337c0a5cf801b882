"""The instant answer of `psea validate`: when nothing changed since the last check, the console
script prints that check's verdict without importing the command-line framework, the models or
the parser — and prints exactly what the full path prints, in every format, never a stale
verdict and never one in the wrong language."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import launch

REPOSITORY = Path(__file__).resolve().parent.parent

def _psea(repo: Path, *args: str, margin: int = 0, **env: str) -> tuple[str, int, list[str]]:
    """(standard output, exit code, framework modules imported) of one `psea` run."""
    out, _err, code, loaded = launch(repo, *args, margin=margin, **env)
    return out, code, loaded


@pytest.fixture
def network(shipped_network: Path) -> Path:
    return shipped_network


def _break_an_organisation(repo: Path) -> None:
    organisation = min((repo / "data" / "focal_points").glob("*.yaml"))
    organisation.write_text(organisation.read_text(encoding="utf-8") + "unknown_key: 1\n",
                            encoding="utf-8")


def test_a_second_validate_answers_without_the_framework_and_prints_the_same(
        network: Path) -> None:
    cold, cold_code, cold_loaded = _psea(network, "validate")
    assert "psea_cli.models" in cold_loaded
    assert cold_code == 0
    assert (network / ".psea-cache" / "verdict").is_file()
    warm, warm_code, warm_loaded = _psea(network, "validate")
    assert (warm, warm_code) == (cold, cold_code)
    assert warm_loaded == []
    assert oct((network / ".psea-cache" / "verdict").stat().st_mode & 0o777) == oct(0o600)


@pytest.mark.parametrize("args", [
    ("validate",), ("validate", "--format", "json"), ("validate", "--format=github"),
    ("validate", "--strict"), ("--lang", "en", "validate", "--format", "text"),
    ("validate", "--lang=fr", "--strict", "--format", "json")])
def test_the_instant_answer_is_what_the_full_check_prints(network: Path, args: tuple[str, ...]
                                                         ) -> None:
    _break_an_organisation(network)  # an error and its hint to print
    full, full_code, _loaded = _psea(network, *args, PSEA_NO_CACHE="1")
    _psea(network, *args)  # files the verdict
    instant, instant_code, loaded = _psea(network, *args)
    assert loaded == []
    assert (instant, instant_code) == (full, full_code)
    assert full_code == 1
    assert "unknown_key" in full


@pytest.mark.parametrize("args", [
    ("validate",), ("validate", "--format", "json"), ("validate", "--format=github"),
    ("--lang", "en", "validate", "--strict"), ("validate", "--lang=fr", "--format", "text")])
def test_a_check_the_script_runs_itself_prints_what_the_full_path_prints(
        network: Path, args: tuple[str, ...]) -> None:
    # a plain validate whose answer is not filed (the usual commit) is checked by the script,
    # without typer and every command's options; it prints what the usual path prints
    _break_an_organisation(network)
    full, full_code, full_loaded = _psea(network, *args, PSEA_NO_CACHE="1")
    assert "typer" in full_loaded
    first, first_code, loaded = _psea(network, *args)
    assert "psea_cli.pipeline" in loaded
    assert "typer" not in loaded
    assert "psea_cli.cli" not in loaded
    assert (first, first_code) == (full, full_code)
    case = min((network / "data" / "cases").glob("*.yaml"))
    case.write_text(case.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    again, again_code, loaded = _psea(network, *args)  # one case changed: checked again
    assert "psea_cli.checking" in loaded
    assert "typer" not in loaded
    assert (again, again_code) == (full, full_code)


def test_a_repository_the_check_cannot_read_and_a_default_key_take_the_usual_path(
        network: Path, tmp_path: Path) -> None:
    settings = network / "data" / "network.yaml"
    outside = tmp_path / "network.yaml"
    outside.write_bytes(settings.read_bytes())
    settings.unlink()
    settings.symlink_to(outside)  # network.yaml leads outside: refused, said by the usual path
    full = launch(network, "validate", PSEA_NO_CACHE="1")
    refused = launch(network, "validate")
    assert "typer" in refused[3]
    assert refused[:3] == full[:3]
    assert full[2] == 1
    assert "network.yaml" in full[1]
    settings.unlink()
    settings.write_bytes(outside.read_bytes() + b"# ssh-ed25519 AAAA\n")
    (network.parent / ".ssh").mkdir()
    (network.parent / ".ssh" / "id_ed25519").write_text("not a key\n", encoding="utf-8")
    _out, _err, code, loaded = launch(network, "validate")  # it may open encrypted records
    assert "typer" in loaded
    assert code == 0


def test_github_annotations_are_chosen_as_on_the_full_path(network: Path) -> None:
    _break_an_organisation(network)
    full, _code, _loaded = _psea(network, "validate", PSEA_NO_CACHE="1", GITHUB_ACTIONS="true")
    _psea(network, "validate")
    instant, _code, loaded = _psea(network, "validate", GITHUB_ACTIONS="true")
    assert loaded == []
    assert instant == full
    assert instant.startswith("::error ")


@pytest.mark.parametrize("change", ["edit in place", "add a stray file", "remove a file",
                                    "rename a file"])
def test_any_change_to_the_data_is_checked_again(network: Path, change: str) -> None:
    before, _code, _loaded = _psea(network, "validate", "--lang", "en")
    assert before.startswith("0 errors")
    organisation = min((network / "data" / "focal_points").glob("*.yaml"))
    if change == "edit in place":  # same size and same mtime: only the ctime tells
        stat = organisation.stat()
        text = organisation.read_bytes()
        organisation.write_bytes(text.replace(b"\nid: ", b"\nix: ", 1))
        os.utime(organisation, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        assert organisation.stat().st_size == stat.st_size
    elif change == "add a stray file":
        (network / "data" / "focal_points" / "notes.txt").write_text("x\n", encoding="utf-8")
    elif change == "remove a file":
        organisation.unlink()
    else:
        organisation.rename(organisation.with_name("zz-" + organisation.name))
    after, _code, loaded = _psea(network, "validate", "--lang", "en")
    assert "psea_cli.checking" in loaded  # not answered instantly
    assert after != before


def test_a_verdict_in_one_language_never_answers_in_another(network: Path) -> None:
    french, _code, _loaded = _psea(network, "validate", "--lang", "fr")
    english, _code, loaded = _psea(network, "validate", "--lang", "en")
    assert french.startswith("0 erreur")
    assert english.startswith("0 errors")
    again, _code, loaded = _psea(network, "validate", PSEA_LANG="fr")
    assert again == french
    assert "psea_cli.checking" in loaded  # the filed verdict was the English one


def test_a_change_younger_than_the_margin_is_not_filed(network: Path) -> None:
    _psea(network, "validate", margin=3600 * 10**9)  # every file is "recent"
    assert not (network / ".psea-cache" / "verdict").exists()
    _output, _code, loaded = _psea(network, "validate", margin=3600 * 10**9)
    assert "psea_cli.checking" in loaded


def test_a_verdict_file_that_arrives_by_copy_is_ignored(network: Path, tmp_path: Path) -> None:
    """Same repository, same data, same print: only the cache folder's own tag (which psea
    created, and which a copy recreates) tells a copied verdict from a filed one."""
    _psea(network, "validate")
    (network / "data" / "focal_points" / "notes.txt").write_text("x\n", encoding="utf-8")
    shutil.copytree(network / ".psea-cache", tmp_path / "aside")
    _psea(network, "validate")  # files a verdict with a warning about notes.txt
    (network / "data" / "focal_points" / "notes.txt").unlink()
    shutil.rmtree(network / ".psea-cache")  # and the cache of the first run comes back by copy:
    shutil.copytree(tmp_path / "aside", network / ".psea-cache")  # its print matches again
    _output, code, loaded = _psea(network, "validate")
    assert "psea_cli.checking" in loaded
    assert code == 0


def test_usage_errors_and_other_commands_take_the_usual_path(network: Path) -> None:
    _psea(network, "validate")
    for args in (("validate", "--format", "xml"), ("validate", "--no-cache"),
                 ("--root", str(network / "data"), "validate"), ("validate", "extra")):
        result = subprocess.run([sys.executable, "-m", "psea_cli", *args], capture_output=True,
                                text=True, cwd=network, env={**os.environ,
                                                             "PYTHONPATH": str(REPOSITORY)})
        assert result.returncode in (1, 2) if args[-1] != "--no-cache" else result.returncode == 0
        assert "Traceback" not in result.stderr


def test_an_encrypted_store_is_never_answered_instantly(network: Path) -> None:
    case = min((network / "data" / "cases").glob("*.yaml"))
    shutil.copy(case, case.with_suffix(".age"))  # any .age file: a key may open it
    _psea(network, "validate")
    assert not (network / ".psea-cache" / "verdict").exists()


def test_links_are_followed_and_a_dangling_one_is_never_answered_instantly(network: Path
                                                                          ) -> None:
    """A link to a file is followed (its target's stat is in the print). A link that cannot
    be followed says why (no such file, not a folder, a loop) from a target the print does
    not see, so a repository holding one never gets an instant answer."""
    (network / "data" / "focal_points" / "linked.yaml").symlink_to(
        min((network / "data" / "focal_points").glob("*.yaml")))
    _psea(network, "validate", "--lang", "en")
    _output, _code, loaded = _psea(network, "validate", "--lang", "en")
    assert loaded == []
    (network / "data" / "focal_points" / "ghost.yaml").symlink_to(network / "nowhere.yaml")
    full, full_code, _loaded = _psea(network, "validate", "--lang", "en", PSEA_NO_CACHE="1")
    assert "ghost.yaml" in full
    for _run in range(2):
        again, code, loaded = _psea(network, "validate", "--lang", "en")
        assert "psea_cli.checking" in loaded
        assert (again, code) == (full, full_code)
    ghost = network / "data" / "focal_points" / "ghost.yaml"
    ghost.unlink()
    ghost.symlink_to(ghost)  # the same name, another reason: a loop
    looped, _code, _loaded = _psea(network, "validate", "--lang", "en", PSEA_NO_CACHE="1")
    assert looped != full
    assert _psea(network, "validate", "--lang", "en")[0] == looped
    (network / "nowhere.yaml").write_text("id: ghost\n", encoding="utf-8")
    ghost.unlink()
    ghost.symlink_to(network / "nowhere.yaml")  # the link now leads
    again, _code, loaded = _psea(network, "validate", "--lang", "en")
    assert again != full


def test_a_case_store_named_like_a_number_is_never_mistaken_for_data_cases(
    network: Path
) -> None:
    """``cases_dir: 0X1F`` is text to the full check and a number to yaml-rs alone: the
    instant answer must not take the store for data/cases (inside data/), or an edit in the
    store, which the print does not walk, would go unseen."""
    (network / "data" / "cases").rename(network / "0X1F")
    with (network / "data" / "network.yaml").open("a", encoding="utf-8") as out:
        out.write("cases_dir: 0X1F\n")
    _psea(network, "validate", "--lang", "en")
    _psea(network, "validate", "--lang", "en")
    case = min((network / "0X1F").glob("*.yaml"))
    case.write_text(case.read_text(encoding="utf-8") + "bogus: [unclosed\n", encoding="utf-8")
    full, full_code, _loaded = _psea(network, "validate", "--lang", "en", PSEA_NO_CACHE="1")
    assert full_code == 1
    assert _psea(network, "validate", "--lang", "en")[:2] == (full, full_code)


def test_a_data_folder_that_is_a_link_is_never_answered_instantly(network: Path,
                                                                  tmp_path: Path) -> None:
    """psea reads through a linked folder; the print does not walk into it, so an edit made
    there in place would go unseen: such a repository never gets an instant answer."""
    shared = tmp_path / "shared"
    (network / "data" / "services").rename(shared)
    (network / "data" / "services").symlink_to(shared)
    _psea(network, "validate")
    assert not (network / ".psea-cache" / "verdict").exists()
    _output, _code, loaded = _psea(network, "validate")
    assert "psea_cli.checking" in loaded


def test_a_pycache_folder_in_the_data_is_data_like_any_other(network: Path) -> None:
    _psea(network, "validate", "--lang", "en")
    hidden = network / "data" / "services" / "__pycache__"
    hidden.mkdir()
    (hidden / "evil.yaml").write_text("services:\n  - id: x\n    bogus: 1\n", encoding="utf-8")
    output, code, loaded = _psea(network, "validate", "--lang", "en")
    assert "psea_cli.checking" in loaded
    assert code == 1
    assert "evil.yaml" in output


def test_the_numbering_plans_version_is_part_of_the_print() -> None:
    from psea_cli.instant import library_versions

    assert "phonenumbers" in library_versions()  # a new plan may judge a number otherwise


@pytest.mark.parametrize("shell", ["{psea} validate >&-", "PYTHONIOENCODING=ascii {psea} validate"])
def test_an_output_that_cannot_be_written_ends_as_on_the_usual_path(network: Path,
                                                                    shell: str) -> None:
    (network / "data" / "focal_points" / "notes.txt").write_text("é\n", encoding="utf-8")
    time.sleep(2.1)  # psea's own margin: these runs are the console script's, unchanged
    psea = f"{sys.executable} -m psea_cli"
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY), "HOME": str(network.parent)}
    env.pop("PSEA_NO_CACHE", None)
    results = []
    for extra in ({}, {}, {"PSEA_NO_CACHE": "1"}):  # files the verdict, instant, usual path
        result = subprocess.run(shell.format(psea=psea), shell=True, capture_output=True,
                                text=True, cwd=network, env={**env, **extra})
        results.append((result.returncode, "Traceback" in result.stderr))
    assert (network / ".psea-cache" / "verdict").exists()  # the second run had an answer filed
    assert results[1] == results[2]
    assert not results[1][1]


def _seen(top: Path) -> tuple[list[object], bool]:
    from psea_cli.folder_walk import walk

    seen: list[object] = []
    fileable = walk(str(top), seen, time.time_ns() + 10**12, 0)
    return seen, fileable


def test_a_large_folder_looked_up_by_two_processes_gives_the_same_print(
    network: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder of many entries has its second half looked up by a forked child: the entries,
    folders, links and doubts come back in the folder's own order, as one process sees them;
    when no child can be started, or its answer is lost, this process looks them up itself."""
    from psea_cli import folder_walk

    cases = network / "data" / "cases"
    (cases / "sub").mkdir()
    (cases / "sub" / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    (cases / "linked.yaml").symlink_to(next(cases.glob("*.yaml")))
    serial = _seen(network / "data")
    assert serial[1]
    monkeypatch.setattr(folder_walk, "SPLIT_AT", 2)
    started = []
    start = folder_walk._start
    monkeypatch.setattr(folder_walk, "_start", lambda *args: started.append(args) or start(*args))
    assert _seen(network / "data") == serial
    assert len(started) >= 2  # the case store and the other folders of more than one entry
    (cases / "dangling.yaml").symlink_to(network / "nowhere.yaml")
    (cases / "ZZZZZZZZ.age").write_text("x", encoding="utf-8")
    monkeypatch.setattr(folder_walk, "SPLIT_AT", 10**9)
    serial = _seen(network / "data")
    assert not serial[1]
    assert ("dangling.yaml",) in serial[0]
    monkeypatch.setattr(folder_walk, "SPLIT_AT", 2)
    assert _seen(network / "data") == serial

    def no_fork() -> int:
        raise OSError("no processes here")

    monkeypatch.setattr(os, "fork", no_fork)
    assert _seen(network / "data") == serial
    monkeypatch.undo()
    monkeypatch.setattr(folder_walk, "SPLIT_AT", 2)
    monkeypatch.setattr(folder_walk, "_finish", lambda child: (os.waitpid(child[0], 0), None)[1])
    assert _seen(network / "data") == serial


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("env", [{}, {"PSEA_NO_CACHE": "1"}], ids=["script", "usual"])
def test_an_output_that_cannot_be_written_or_is_closed_is_no_internal_error(
        network: Path, env: dict[str, str]) -> None:
    environment = {**os.environ, "PYTHONPATH": str(REPOSITORY), "PSEA_LANG": "en", **env}
    command = [sys.executable, "-m", "psea_cli", "validate"]
    with open("/dev/full", "w", encoding="utf-8") as full:  # a full disk
        result = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True,
                                cwd=network, env=environment, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    assert "the output could not be written" in result.stderr
    closed = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, cwd=network, env=environment, check=False,
                            preexec_fn=lambda: os.close(1))  # `psea validate >&-`
    assert closed.returncode == 0, closed.stderr
    assert "internal error" not in closed.stderr


def test_ctrl_c_while_the_answer_is_written_says_interrupted_never_a_traceback(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Ctrl-C arriving while a warm answer is written (a full pipe) printed Python's
    traceback of a KeyboardInterrupt, and the process died by the signal."""
    from psea_cli import launch

    def written(_text: str, _errors: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(launch, "_instant", lambda _args: ("0 errors\n", "", 0))
    monkeypatch.setattr(launch, "_emit", written)
    monkeypatch.setattr(sys, "argv", ["psea", "validate"])
    with pytest.raises(SystemExit) as stopped:
        launch.main()
    assert stopped.value.code == 130
    assert "interrupted" in capsys.readouterr().err
