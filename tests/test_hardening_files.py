"""Hardening: odd files a clone or a file system can carry (FIFOs, devices, sockets, odd names)
never hang, exhaust memory or crash psea; each is a located problem."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.safe_input import FileTooLarge, NotRegularFile, read_regular
from psea_cli.validation import load_dataset


def _validate(root: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """psea as a user runs it, in its own process, with a time bound (a hang fails the test)."""
    env = {**os.environ, "PSEA_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "psea_cli", "--root", str(root), "--no-cache",
                           "validate", *args], capture_output=True, text=True, timeout=timeout,
                          env=env, check=False)


@pytest.mark.parametrize(("target", "code"), [
    ("fifo", "file.not-regular"), ("socket", "file.not-regular"),
    ("/dev/zero", "file.link-outside"), ("/dev/urandom", "file.link-outside"),
    ("outside-fifo", "file.link-outside")])
def test_a_data_file_linked_to_a_fifo_or_device_is_a_located_problem_not_a_hang(
        valid_repo: Path, tmp_path: Path, target: str, code: str) -> None:
    """A link to a FIFO or a socket in the repository is not read; a link that leads outside
    the repository (a device, a FIFO, any file of the machine that checks the pull request)
    is not even opened."""
    link = valid_repo / "data" / "focal_points" / "gamma.yaml"
    sock = None
    if target == "fifo":
        os.mkfifo(valid_repo / "fifo")
        link.symlink_to(valid_repo / "fifo")
    elif target == "outside-fifo":
        os.mkfifo(tmp_path / "fifo")
        link.symlink_to(tmp_path / "fifo")
    elif target == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(valid_repo / "s"))
        link.symlink_to(valid_repo / "s")
    else:
        link.symlink_to(target)
    try:
        result = _validate(valid_repo, timeout=30)
    finally:
        if sock is not None:
            sock.close()
    assert result.returncode == 1, result.stderr
    assert f"data/focal_points/gamma.yaml:1:1: error [{code}]" in result.stdout
    assert "internal error" not in result.stderr


@pytest.mark.parametrize("where", ["data/focal_points/ajm.yaml", "data/cases/ABCD2345.yaml",
                                   "data/plan/psea-2020/plan.yaml"])
def test_a_link_leading_outside_the_repository_is_never_read(
        valid_repo: Path, tmp_path: Path, where: str) -> None:
    """A pull request may carry a link to any file of the machine that checks it: its keys
    and values never reach a message, a report or the cache."""
    outside = tmp_path / "outside.yaml"
    outside.write_text("id: ajm\nname: Secret Person\nsecret_token: CANARY\n", encoding="utf-8")
    link = valid_repo / where
    if link.exists():
        link.unlink()
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside)
    result = _validate(valid_repo, timeout=30)
    assert result.returncode == 1, result.stderr
    assert f"{where}:1:1: error [file.link-outside]" in result.stdout
    assert "secret_token" not in result.stdout + result.stderr
    assert "Secret Person" not in result.stdout + result.stderr


def test_a_case_record_that_is_a_fifo_itself_is_reported(valid_repo: Path) -> None:
    os.mkfifo(valid_repo / "data" / "cases" / "ABCD2345.yaml")
    _dataset, problems = load_dataset(valid_repo, use_cache=False)
    assert [(p.file, p.code) for p in problems] == [
        ("data/cases/ABCD2345.yaml", "file.not-regular")]


def test_read_regular_refuses_what_is_not_a_regular_file_and_stops_at_its_limit(
        tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(NotRegularFile):
        read_regular(tmp_path / "fifo")
    with pytest.raises(NotRegularFile):
        read_regular("/dev/zero")
    with pytest.raises(NotRegularFile):
        read_regular(tmp_path)
    (tmp_path / "big").write_bytes(b"x" * 101)
    with pytest.raises(FileTooLarge):
        read_regular(tmp_path / "big", limit=100)
    assert read_regular(tmp_path / "big", limit=101) == b"x" * 101


def test_a_cache_file_replaced_by_a_fifo_is_not_waited_for(valid_repo: Path) -> None:
    load_dataset(valid_repo)
    index = valid_repo / ".psea-cache" / "index"
    assert index.is_file()
    index.unlink()
    os.mkfifo(index)
    env = {**os.environ, "PSEA_LANG": "en"}
    result = subprocess.run([sys.executable, "-m", "psea_cli", "--root", str(valid_repo),
                             "validate"], capture_output=True, text=True, timeout=30, env=env,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("command", [["directory"], ["services"], ["services", "matrix"],
                                     ["plan"], ["indicators"]])
def test_square_brackets_in_data_are_shown_as_written_not_read_as_console_markup(
        runner: CliRunner, valid_repo: Path, command: list[str]) -> None:
    data = valid_repo / "data"
    _replace(data / "focal_points" / "alpha.yaml", "name: Point focal PSEA (exemple)",
             "name: Point focal [/b] PSEA [bold red]x")
    _replace(data / "network.yaml", "name: Mopti", "name: 'Mopti [/x] :warning:'")
    _replace(data / "plan" / "test-plan" / "plan.yaml", "title: Des mécanismes de plainte",
             "title: Des [/] mécanismes [link=file:///etc/passwd]de plainte")
    _replace(data / "services" / "mopti.yaml", "name: Prise en charge médicale",
             "name: Prise en charge [/i] médicale")
    result = runner.invoke(app, ["--root", str(valid_repo), "--no-cache", *command],
                           env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output
    if command == ["directory"]:
        assert "[/b] PSEA [bold red]x" in result.stdout
    if command[:1] == ["services"]:
        assert "[/x] :warning:" in result.stdout
    if command == ["services"]:
        assert "[/i] médicale" in result.stdout
    if command == ["plan"]:
        assert "Des [/] mécanismes [link=file:///etc/passwd]de plainte" in result.stdout


def test_thousands_of_problems_in_one_file_compose_it_once(
        valid_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Locating each problem used to compose the whole file again: 2,000 unknown keys in a
    17 KB case file took 21 s, 8,000 over five minutes. Now the file is composed once."""
    from psea_cli import yamllocate

    case = valid_repo / "data" / "cases" / "7KQ2M9AB.yaml"
    with case.open("a", encoding="utf-8") as handle:
        handle.writelines(f"unknown_key_{i}: v\n" for i in range(2000))
    composed: list[str] = []
    real = yamllocate._compose

    def counting(text: str) -> object:
        composed.append(text[:10])
        return real(text)

    monkeypatch.setattr(yamllocate, "_compose", counting)
    _dataset, problems = load_dataset(valid_repo, use_cache=False)
    assert len(problems) == 2000
    assert {p.code for p in problems} == {"schema.unknown-key"}
    assert problems[1].line == problems[0].line + 1
    assert len(composed) == 1


def _codes(root: Path) -> list[tuple[str, str]]:
    _dataset, problems = load_dataset(root, use_cache=False)
    return [(p.file, p.code) for p in problems]


@pytest.mark.parametrize("folder", ["focal_points", "cases", "services"])
def test_a_file_name_that_is_not_utf8_is_a_located_problem(valid_repo: Path,
                                                           folder: str) -> None:
    name = os.fsencode(valid_repo / "data" / folder) + b"/bad\xff name.yaml"
    with open(name, "wb") as handle:
        handle.write(b"id: x\n")
    result = _validate(valid_repo)
    assert result.returncode == 1, result.stderr
    shown = "(withheld)" if folder == "cases" else "bad\ufffd name.yaml"
    assert f"data/{folder}/{shown}:1:1: error [file.name-encoding]" in result.stdout
    assert "internal error" not in result.stderr


@pytest.mark.parametrize("name", [b"Mme A\xefssata Traor\xe9 76123456.yaml",
                                  b"Traor\xe9 Awa/8AHQ00AM.yaml"])
def test_a_case_store_name_that_is_not_utf8_is_never_printed(valid_repo: Path,
                                                               name: bytes) -> None:
    """A Latin-1 name copied from Windows cannot be screened as a UTF-8 one is: in the case
    store it is withheld whatever it holds."""
    path = os.fsencode(valid_repo / "data" / "cases") + b"/" + name
    os.makedirs(os.path.dirname(path), exist_ok=True)  # noqa: PTH103, PTH120 - bytes, not UTF-8
    with open(path, "wb") as handle:
        handle.write(b"id: x\n")
    result = _validate(valid_repo)
    assert result.returncode == 1, result.stderr
    assert "data/cases/(withheld):1:1: error [file.name-encoding]" in result.stdout
    for word in ("Traor", "76123456", "Awa", "ssata"):
        assert word not in result.stdout + result.stderr


def test_a_name_that_is_not_utf8_is_withheld_in_a_store_reached_through_a_link(
        valid_repo: Path) -> None:
    """``cases_dir: private``, a link to a store beside the repository: its files are named
    from the store's real place, and a Latin-1 name there is withheld all the same."""
    store = valid_repo.parent / "store"
    (valid_repo / "data" / "cases").rename(store)
    (valid_repo / "private").symlink_to(store)
    with (valid_repo / "data" / "network.yaml").open("a", encoding="utf-8") as handle:
        handle.write("cases_dir: private\n")
    with open(os.fsencode(store) + b"/Awa Traor\xe9.yaml", "wb") as handle:
        handle.write(b"id: x\n")
    result = _validate(valid_repo)
    assert "[file.name-encoding]" in result.stdout, result.stdout
    assert "Traor" not in result.stdout + result.stderr
    assert "Awa" not in result.stdout + result.stderr


def _set_cases_dir(root: Path, value: str) -> None:
    with (root / "data" / "network.yaml").open("a", encoding="utf-8") as handle:
        handle.write(f"cases_dir: {value}\n")


@pytest.mark.parametrize("value", [
    pytest.param('"/"', marks=pytest.mark.slow), pytest.param('"../.."', marks=pytest.mark.slow),
    '"."', '"data"', '"a\\0b"', '"a\\nb"', '"' + "x" * 5000 + '"',
    pytest.param('"/tmp/cases"', marks=pytest.mark.slow)])
def test_a_cases_dir_that_cannot_be_the_store_is_refused_and_data_cases_checked(
        valid_repo: Path, value: str) -> None:
    _set_cases_dir(valid_repo, value)
    result = _validate(valid_repo)
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr
    lines = result.stdout.splitlines()
    code = "[schema.control-character]" if "\\" in value else "[network.cases-dir]"
    assert any(line.startswith("data/network.yaml:") and code in line
               for line in lines), result.stdout
    assert "7 files checked" in result.stdout  # data/cases/ was read instead


def test_a_cases_dir_far_outside_the_repository_is_refused_unwalked(valid_repo: Path) -> None:
    """``../psea-cases`` (a repository beside this one) is a store; a path climbing further
    (``../../../../usr``, ``../../proc``) would walk a system folder: refused, data/cases read."""
    _set_cases_dir(valid_repo, '"' + "../" * (len(valid_repo.parts) + 1) + 'usr"')
    result = _validate(valid_repo)
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr
    assert "[network.cases-dir] cases_dir leads out of the folder" in result.stdout
    assert "7 files checked" in result.stdout


@pytest.mark.parametrize("value", ['"../.config"', '"../.ssh/x"', '".hidden"'])
def test_a_cases_dir_naming_a_hidden_folder_is_refused(valid_repo: Path, value: str) -> None:
    """``../.config`` is beside the repository, but a folder of this computer's settings."""
    _set_cases_dir(valid_repo, value)
    result = _validate(valid_repo)
    assert result.returncode == 1, result.stderr
    assert "[network.cases-dir] cases_dir names a hidden folder" in result.stdout
    assert "7 files checked" in result.stdout


def test_a_folder_that_cannot_be_listed_is_a_problem_not_an_internal_error(
        valid_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root, no folder of a test is unreadable; one of /proc is: the listing's refusal is
    stood in for here, the message is the system's reason in the user's words."""
    from psea_cli import layout

    locked = valid_repo / "data" / "focal_points" / "locked"
    locked.mkdir()
    scandir = os.scandir

    def refusing(path: str) -> object:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(layout.os, "scandir", refusing)
    _dataset, problems = load_dataset(valid_repo, use_cache=False)
    assert [(p.file, p.code, p.message) for p in problems] == [
        ("data/focal_points/locked", "file.unreadable",
         "the file cannot be read (permission denied)")]


def test_periods_beyond_the_calendar_are_a_usage_error(runner: CliRunner,
                                                       valid_repo: Path) -> None:
    for period in ("0001-01..9999-12", "2020-01..9999-12", "0001..2020"):
        result = runner.invoke(app, ["--root", str(valid_repo), "indicators", period])
        assert result.exit_code == 2, (period, result.output)
        assert "internal error" not in result.output


@pytest.mark.parametrize("value", ["x" * 5000, "a\tb"])
def test_an_impossible_psea_root_is_a_usage_error(valid_repo: Path, value: str) -> None:
    env = {**os.environ, "PSEA_LANG": "en", "PSEA_ROOT": value}
    result = subprocess.run([sys.executable, "-m", "psea_cli", "validate"], capture_output=True,
                            text=True, timeout=60, env=env, check=False, cwd=valid_repo.parent)
    assert result.returncode == 2
    assert "is not a network repository" in result.stderr
    assert "internal error" not in result.stderr


def test_a_newline_in_a_file_name_cannot_forge_workflow_commands(
        valid_repo: Path, tmp_path: Path) -> None:
    forged = valid_repo / "data" / "focal_points" / "x\n::error title=forged::pwned\n::add-mask::x.txt"
    forged.write_text("hello\n", encoding="utf-8")
    summary = tmp_path / "summary.md"
    env = {**os.environ, "PSEA_LANG": "en", "GITHUB_STEP_SUMMARY": str(summary)}
    result = subprocess.run([sys.executable, "-m", "psea_cli", "--root", str(valid_repo),
                             "validate", "--format", "github"], capture_output=True, text=True,
                            timeout=60, env=env, check=False)
    assert result.returncode == 0
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(commands) == 1
    assert commands[0].startswith("::warning file=")
    assert "x\\n::error title=forged::pwned\\n::add-mask::x.txt" in result.stdout
    table = [line for line in summary.read_text(encoding="utf-8").splitlines()
             if line.startswith("| data/")]
    assert len(table) == 1
    assert table[0].count(" | ") == 4


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          check=True).stdout


def test_with_the_store_elsewhere_files_left_in_data_cases_are_errors(valid_repo: Path) -> None:
    store = valid_repo.parent / "psea-cases"
    store.mkdir()
    _set_cases_dir(valid_repo, "../psea-cases")
    cases = valid_repo / "data" / "cases"
    (cases / "ZZZZ2345.yaml").write_text("id: ZZZZ2345\nname: Awa\nphone: 20 00 90 19\n",
                                         encoding="utf-8")
    (cases / "plaintes.xlsx").write_bytes(b"PK\x03\x04")
    found = _codes(valid_repo)
    assert ("data/cases/ZZZZ2345.yaml", "cases.outside-store") in found
    assert ("data/cases/plaintes.xlsx", "cases.outside-store") in found
    assert ("data/cases/7KQ2M9AB.yaml", "cases.outside-store") in found


def test_a_configured_store_that_does_not_exist_is_reported(valid_repo: Path) -> None:
    _set_cases_dir(valid_repo, "../nowhere")
    _dataset, problems = load_dataset(valid_repo, use_cache=False)
    missing = [p for p in problems if p.code == "cases.store-missing"]
    assert len(missing) == 1
    assert missing[0].file == "data/network.yaml"
    assert missing[0].line > 1  # at the cases_dir key


@pytest.mark.parametrize("name", [".plaintes.xlsx", "README-survivantes.xlsx", ".7KQ2M9AC.yaml",
                                  "readme.old.csv", "LISEZMOI-noms.ods", ".hidden/list.csv"])
def test_only_the_stores_own_readme_is_kept_aside_in_the_case_store(valid_repo: Path,
                                                                    name: str) -> None:
    path = valid_repo / "data" / "cases" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("name: Awa\nphone: 20 00 90 19\n", encoding="utf-8")
    stray = name.split("/")[0]
    assert _codes(valid_repo) == [(f"data/cases/{stray}", "cases.stray-file")]


def test_the_stores_own_readme_and_git_files_pass(valid_repo: Path) -> None:
    cases = valid_repo / "data" / "cases"
    for name in ("README.md", "LISEZMOI.md", ".gitignore", ".gitkeep"):
        (cases / name).write_text("x\n", encoding="utf-8")
    assert _codes(valid_repo) == []


@pytest.mark.slow
def test_a_folder_named_after_someone_is_withheld_from_every_message(valid_repo: Path) -> None:
    folder = valid_repo / "data" / "cases" / "Mme TRAORE Awa"
    folder.mkdir()
    (folder / "7KQ2M9AC.yaml").write_text("id: WRONG\nunknown: 1\n", encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"x")
    result = _validate(valid_repo, "--format", "github")
    assert result.returncode == 1
    assert "TRAORE" not in result.stdout + result.stderr
    assert "data/cases/(withheld):1:1: error [cases.identifying-name]" in result.stdout


@pytest.mark.parametrize("name", ["76123456.yaml", "20009019.age", "00000001.yml"])
def test_a_case_file_named_with_eight_digits_is_withheld_as_a_phone_number(
        valid_repo: Path, name: str) -> None:
    """Eight digits are a phone number (psea draws no id of digits only): the file is not
    read and its name never printed, though it has the shape of a case file's name."""
    record = next((valid_repo / "data" / "cases").glob("*.yaml"))
    (record.parent / name).write_bytes(record.read_bytes().replace(b"id: ", b"id: X", 1))
    assert _codes(valid_repo) == [("data/cases/(withheld)", "cases.identifying-name")]
    assert name.split(".")[0] not in _validate(valid_repo).stdout


def test_a_leftover_temporary_record_is_reported(valid_repo: Path) -> None:
    (valid_repo / "data" / "cases" / ".psea-0123456789ab.tmp").write_text("id: X\n")
    assert _codes(valid_repo) == [("data/cases/.psea-0123456789ab.tmp",
                                   "cases.leftover-temporary")]


CASE = Path("data") / "cases" / "7KQ2M9AB.yaml"


@pytest.mark.parametrize(("extra", "line"), [
    ("# rappeler la mère au 20 00 90 19\n", 0),
    ("region: ML05  # signalé par Mme Traoré\n", 0),
    ("# awa at gmail dot com\n", 0),
])
def test_comments_of_a_case_record_are_screened(valid_repo: Path, extra: str, line: int) -> None:
    case = valid_repo / CASE
    text = case.read_text(encoding="utf-8")
    if extra.startswith("region:"):
        text = text.replace("region: ML05\n", extra)
    else:
        text += extra
    case.write_text(text, encoding="utf-8")
    _dataset, problems = load_dataset(valid_repo, use_cache=False)
    assert [(p.file, p.code) for p in problems] == [(CASE.as_posix(),
                                                     "cases.identifying-comment")]
    rendered = " ".join(f"{p.message} {p.hint}" for p in problems)
    assert "Traoré" not in rendered
    assert "76 12" not in rendered


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_an_identifying_comment_is_placed_at_its_line_whatever_ends_the_lines(
        valid_repo: Path, newline: str) -> None:
    """A case record saved with CR alone (old Mac files) or CR LF: the comment that must be
    removed is named at its own line, as an editor shows it (lone CRs were not counted)."""
    case = valid_repo / CASE
    lines = case.read_text(encoding="utf-8").splitlines()
    at = len(lines) // 2
    lines.insert(at, "# rappeler la mère au 20 00 90 19")
    case.write_bytes(newline.join([*lines, ""]).encode())
    problems = load_dataset(valid_repo, use_cache=False)[1]
    assert [(p.file, p.line, p.code) for p in problems] == [
        (CASE.as_posix(), at + 1, "cases.identifying-comment")]


@pytest.mark.parametrize("first_line", [
    "# yaml-language-server: Awa, la mère, au 76 12 34 56",
    "# yaml-language-server: $schema=../../schemas/case.schema.json Mme Traoré",
    "# yaml-language-server: $schema=../../schemas/case.schema.json # rappeler le 76 12 34 56",
])
def test_text_written_on_the_modeline_is_screened_as_a_comment(valid_repo: Path,
                                                               first_line: str) -> None:
    """The first line psea writes (``# yaml-language-server: $schema=PATH``) is left out of
    the screening, and only that: a name or a phone written on it is a comment git keeps."""
    case = valid_repo / CASE
    lines = case.read_text(encoding="utf-8").splitlines()
    if lines[0].startswith("# yaml-language-server:"):
        lines = lines[1:]
    case.write_text("\n".join([first_line, *lines, ""]), encoding="utf-8")
    problems = load_dataset(valid_repo, use_cache=False)[1]
    assert [(p.file, p.line, p.code) for p in problems] == [
        (CASE.as_posix(), 1, "cases.identifying-comment")]
    assert "Traoré" not in " ".join(f"{p.message} {p.hint}" for p in problems)


def test_a_tag_directive_of_a_case_record_is_screened(valid_repo: Path) -> None:
    case = valid_repo / CASE
    case.write_text("%YAML 1.1\n%TAG !m! tag:Mme-Traore-20009019,2020:\n---\n"
                    + case.read_text(encoding="utf-8"), encoding="utf-8")
    assert _codes(valid_repo) == [(CASE.as_posix(), "cases.identifying-comment")]


def test_psea_own_first_line_and_ordinary_comments_pass(valid_repo: Path) -> None:
    case = valid_repo / CASE
    case.write_text("# yaml-language-server: $schema=../../schemas/case.schema.json\n"
                    + case.read_text(encoding="utf-8") + "# orientée vers le CSRef\n",
                    encoding="utf-8")
    assert _codes(valid_repo) == []


@pytest.mark.parametrize("text", ["region: &Mme_Traore ML05\n", "region: &r ML05\nx: *r\n"])
def test_anchors_on_plain_values_are_refused_without_echoing_their_name(
        valid_repo: Path, text: str) -> None:
    case = valid_repo / CASE
    case.write_text(case.read_text(encoding="utf-8").replace("region: ML05\n", text),
                    encoding="utf-8")
    _dataset, problems = load_dataset(valid_repo, use_cache=False)
    assert [(p.file, p.code) for p in problems] == [(CASE.as_posix(), "yaml.alias")]
    assert "Traore" not in problems[0].message + problems[0].hint


@pytest.mark.parametrize("linked", ["data/services", "data/plan/test-plan", "data/cases",
                                   "data/focal_points"])
def test_a_folder_that_is_a_link_leading_outside_is_never_read(
        valid_repo: Path, tmp_path: Path, linked: str) -> None:
    """Not only the last step of a path: a folder that is a link to elsewhere (``data/services``
    → /tmp/x) holds files the repository does not; they are never opened."""
    folder = valid_repo / linked
    outside = tmp_path / "outside"
    shutil.move(str(folder), str(outside))
    for path in outside.rglob("*.yaml"):
        path.write_text("key: [CANARY-OUTSIDE\n", encoding="utf-8")
    folder.symlink_to(outside)
    result = _validate(valid_repo, timeout=30)
    assert result.returncode == 1, result.stderr
    assert f"{linked}:1:1: error [file.link-outside]" in result.stdout
    assert "yaml.syntax" not in result.stdout
    assert "network.cases-dir" not in result.stdout


def test_a_network_file_that_is_a_link_leading_outside_is_refused(valid_repo: Path,
                                                                  tmp_path: Path) -> None:
    network = valid_repo / "data" / "network.yaml"
    outside = tmp_path / "network.yaml"
    shutil.move(str(network), str(outside))
    network.symlink_to(outside)
    result = _validate(valid_repo, timeout=30)
    assert result.returncode == 1, result.stderr
    assert "leads outside the repository" in result.stderr
    assert "internal error" not in result.stderr


@pytest.mark.parametrize("kind", ["folder", "device", "nowhere"])
@pytest.mark.parametrize("command", [["validate"], ["--lang", "fr", "validate"],
                                     ["report", "semester", "2021-S2", "-o", "report.md"],
                                     ["case", "list"]])
def test_a_network_file_that_is_no_file_is_said_and_no_parent_network_is_used(
        tmp_path: Path, kind: str, command: list[str]) -> None:
    """A repository inside another one (a fork checked out in a network's folder): when its
    data/network.yaml is a folder or a link to a device or to nothing, psea says so (exit 1,
    at once: a device is never read) instead of skipping to the network above."""
    shipped = Path(__file__).resolve().parent.parent / "data"
    outer = tmp_path / "outer"
    shutil.copytree(shipped, outer / "data")
    inner = outer / "fork"
    shutil.copytree(shipped, inner / "data")
    network = inner / "data" / "network.yaml"
    network.unlink()
    if kind == "folder":
        network.mkdir()
    else:
        network.symlink_to("/dev/zero" if kind == "device" else tmp_path / "absent")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    env.pop("PSEA_ROOT", None)
    result = subprocess.run([sys.executable, "-m", "psea_cli", *command], cwd=inner, env=env,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1, result.stderr
    assert "data/network.yaml" in result.stderr
    assert ("n'est pas un fichier" if "fr" in command else "is not a file") in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not (inner / "report.md").exists()


def test_ordinary_comments_are_screened_without_the_scanner(
        valid_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A tool that writes a comment in every case record (« # exporté par… ») must not pay
    libyaml's scanner, five times a parse, on each: the scanner only runs to place a comment
    that breaks a rule, and a ``#`` in quoted text is not a comment."""
    from psea_cli import case_comments, yamlio
    from psea_cli.cases import privacy

    def no_scanner(_text: str) -> list[tuple[int, int, str]]:
        raise AssertionError("scanned")

    plain = "# exporté par l'outil de gestion des cas (modèle v2)\nid: 05BHA47Y  # 8 caractères\n"
    with monkeypatch.context() as patch:
        patch.setattr(yamlio, "free_text", no_scanner)
        assert case_comments.failure(plain, privacy.screen) is None
    quoted = 'note: "orientée # Mme Traoré"\n'  # the note's screening reports this
    assert case_comments.failure(quoted, privacy.screen) is None
    for text, line, column in ((plain + "region: ML05  # signalé par Mme Traoré\n", 3, 15),
                               ("id: 05BHA47Y\n\ufeff# Mme Traoré\n", 2, 2),  # libyaml skips it
                               ("id: 05BHA47Y\x85# Mme Traoré et plus\n", 1, 14)):  # NEL: a break
        failure = case_comments.failure(text, privacy.screen)
        assert failure is not None, text
        assert (failure.code, failure.line, failure.column) == (
            "cases.identifying-comment", line, column)


def test_a_comment_too_long_to_screen_is_refused_unread(valid_repo: Path) -> None:
    """A megabyte of comment in a case record took a minute to screen: a comment longer than
    a note may be (or comments that long together) is refused at once, at its line, the
    text never repeated."""
    case = sorted((valid_repo / "data" / "cases").glob("*.yaml"))[0]
    text = case.read_text(encoding="utf-8")
    lines = text.count("\n")
    for comment in ("# " + "ans " * 300_000, "\n".join(["# Awa 1"] * 400)):
        case.write_text(text + comment + "\n", encoding="utf-8")
        _dataset, problems = load_dataset(valid_repo, use_cache=False)
        found = [p for p in problems if p.file.endswith(case.name)]
        assert [(p.code, p.line > lines) for p in found] == [("cases.identifying-comment", True)]
        assert "too long to be screened" in found[0].message
        assert "Awa" not in found[0].message

