"""``psea validate`` judges ``psea import``'s ledger (``.imports.yaml``) as ``psea import`` does:
a damaged one (bad YAML, the wrong shape, git's marks of an unfinished merge, a submission
written twice, no regular file) is a located error, ``cases.import-ledger-damaged``, that
names no value and says how to restore it; and no cached verdict, warm or instant, ever hides
a change to the ledger."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from helpers import launch
from typer.testing import CliRunner

from psea_cli.cli import app
from tests.test_import import _today, cases, downloads, odk_row, write_odk

__all__ = ["_today", "downloads"]

CODE = "cases.import-ledger-damaged"
LABEL = "data/cases/.imports.yaml"


def _ledger(repo: Path) -> Path:
    return repo / LABEL


def _validate(runner: CliRunner, repo: Path, *args: str) -> Any:
    return runner.invoke(app, ["--root", str(repo), *args, "validate"])


def _imported(runner: CliRunner, repo: Path, downloads: Path, n: int = 3,
              name: str = "odk.csv") -> Path:
    """``n`` submissions imported and committed: a sound ledger in git."""
    export = write_odk(downloads / name, [odk_row(f"{i:08d}-0000-4000-8000-{name[:4]}00000000")
                                          for i in range(n)])
    result = runner.invoke(app, ["--root", str(repo), "import", str(export), "--commit"])
    assert result.exit_code == 0, result.output
    return export


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _conflicted(repo: Path) -> str:
    """The ledger as a merge git could not finish leaves it (the marks around two entries)."""
    lines = _ledger(repo).read_text(encoding="utf-8").splitlines()
    first = lines.index("submissions:") + 1
    return "\n".join([*lines[:first], "<<<<<<< HEAD", *lines[first:first + 1], "=======",
                      *lines[first + 1:first + 2], ">>>>>>> import/2026-12",
                      *lines[first + 2:]]) + "\n"


def test_the_reported_case_a_damaged_ledger_fails_validate(runner: CliRunner,
                                                            repo: Path) -> None:
    assert _validate(runner, repo).exit_code == 0
    _ledger(repo).write_text("key_check: SECRET-TOKEN\nentries: [[[\n", encoding="utf-8")
    result = _validate(runner, repo)
    assert result.exit_code == 1, result.output
    assert f"{LABEL}:2:12: error [{CODE}] the ledger of 'psea import' is damaged" in result.output
    assert f"git checkout HEAD -- {LABEL}" in result.output
    assert "SECRET-TOKEN" not in result.output
    assert "[[[" not in result.output
    _ledger(repo).unlink()
    again = _validate(runner, repo)
    assert again.exit_code == 0, again.output
    assert CODE not in again.output


def test_a_warm_validate_sees_the_ledger_damaged_and_restored(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    # the cache is on: the second run of each pair answers from the verdict it kept
    _imported(runner, repo, downloads)
    clean = _validate(runner, repo)
    assert clean.exit_code == 0, clean.output
    assert _validate(runner, repo).output == clean.output
    _ledger(repo).write_text(_conflicted(repo), encoding="utf-8")
    for _run in range(2):
        damaged = _validate(runner, repo)
        assert damaged.exit_code == 1, damaged.output
        assert f"{LABEL}:7:1: error [{CODE}] the ledger of 'psea import' holds an " \
               "unfinished git merge" in damaged.output
    _git(repo, "checkout", "HEAD", "--", LABEL)
    for _run in range(2):
        restored = _validate(runner, repo)
        assert (restored.exit_code, restored.output) == (0, clean.output)


def test_the_instant_answer_sees_the_ledger_damaged_and_restored(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    # the console script, as a commit's hook starts it: its instant answer and its own check
    _imported(runner, repo, downloads)
    today = {"PSEA_TODAY": "2021-01-15", "PSEA_LANG": "en"}
    clean = launch(repo, "validate", **today)
    assert clean[2] == 0, clean
    assert launch(repo, "validate", **today)[3] == []  # answered instantly
    _ledger(repo).write_text(_conflicted(repo), encoding="utf-8")
    damaged = launch(repo, "validate", **today)
    assert damaged[2] == 1
    assert f"error [{CODE}]" in damaged[0] + damaged[1]
    again = launch(repo, "validate", **today)
    assert (again[:3], again[3]) == (damaged[:3], [])  # the damaged verdict, instantly
    _git(repo, "checkout", "HEAD", "--", LABEL)
    restored = launch(repo, "validate", **today)
    assert restored[:3] == clean[:3]
    assert launch(repo, "validate", **today)[:4] == (*clean[:3], [])
    _ledger(repo).write_bytes(_ledger(repo).read_bytes())  # the same bytes, a new stat
    rewritten = launch(repo, "validate", **today)
    assert rewritten[:3] == clean[:3]
    assert "psea_cli.checking" in rewritten[3]  # not the instant answer: the print changed,
    assert "psea_cli.pipeline" not in rewritten[3]  # but the kept verdict, nothing checked


def test_a_ledger_damaged_in_place_is_seen_by_the_warm_path(runner: CliRunner, repo: Path,
                                                            downloads: Path) -> None:
    # same size, same modification time: only the bytes (and the ctime) changed
    _imported(runner, repo, downloads)
    assert _validate(runner, repo).exit_code == 0
    ledger = _ledger(repo)
    before = ledger.stat()
    ledger.write_bytes(ledger.read_bytes().replace(b"{case:", b"[case:", 1))
    os.utime(ledger, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert ledger.stat().st_size == before.st_size
    result = _validate(runner, repo)
    assert result.exit_code == 1, result.output
    assert f"error [{CODE}]" in result.output


def test_the_same_submission_written_twice_is_named_as_such(runner: CliRunner, repo: Path,
                                                            downloads: Path) -> None:
    _imported(runner, repo, downloads)
    lines = _ledger(repo).read_text(encoding="utf-8").splitlines()
    entry = lines.index("submissions:") + 1
    twin = lines[entry].replace('case: "', 'case: "Z', 1)  # the same key, another case
    _ledger(repo).write_text("\n".join([*lines, twin]) + "\n", encoding="utf-8")
    result = _validate(runner, repo)
    assert result.exit_code == 1, result.output
    assert f"{LABEL}:{len(lines) + 1}:3: error [{CODE}] the ledger of 'psea import' " \
           "records the same submission twice" in result.output
    assert "delete the other's line and its case record" in result.output
    digest = lines[entry].split('"')[1]
    assert digest not in result.output


@pytest.mark.parametrize(("text", "line", "says"), [
    ('key_check: "ab"\nkey_check: "cd"\nsubmissions: {}\n', 2,
     "this key appears twice in the same mapping"),
    ('key_check: "ab"\nsubmissions:\n  - 1\n  - 2\n', 2,
     "not shaped as 'psea import' writes it"),
    ('key_check: "ab"\nsubmissions:\n  "0a1b": {case: "7KQ2M9AB"}\n', 3,
     "not shaped as 'psea import' writes it"),
    ("key_check: \xe9\n", 1, "not UTF-8 text"),
])
def test_each_damage_is_located_and_worded(runner: CliRunner, repo: Path, text: str,
                                           line: int, says: str) -> None:
    _ledger(repo).write_bytes(text.encode("latin-1"))
    result = _validate(runner, repo)
    assert result.exit_code == 1, result.output
    assert f"{LABEL}:{line}:" in result.output
    assert f"error [{CODE}] the ledger of 'psea import' is damaged: " in result.output
    assert says in result.output


def test_a_ledger_that_is_no_regular_file_is_reported_and_never_kept(
        runner: CliRunner, repo: Path) -> None:
    os.mkfifo(_ledger(repo))
    for _run in range(2):  # never read as a file, never a verdict to answer from
        result = _validate(runner, repo)
        assert result.exit_code == 1, result.output
        assert f"{LABEL}:1:1: error [{CODE}]" in result.output
        assert "it is a FIFO, not a regular file" in result.output
    _ledger(repo).unlink()
    assert _validate(runner, repo).exit_code == 0


def test_a_ledger_that_leads_out_of_the_store_is_never_read(
        runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("not: [a ledger\n", encoding="utf-8")
    _ledger(repo).symlink_to(outside)
    result = _validate(runner, repo)
    assert result.exit_code == 1, result.output
    assert f"{LABEL}:1:1: error [file.link-outside]" in result.output
    assert CODE not in result.output


def test_the_problem_speaks_french(runner: CliRunner, repo: Path, downloads: Path) -> None:
    _imported(runner, repo, downloads)
    _ledger(repo).write_text(_conflicted(repo), encoding="utf-8")
    result = _validate(runner, repo, "--lang", "fr")
    assert result.exit_code == 1
    assert "le registre de « psea import » contient une fusion git inachevée" in result.output
    assert "gardez les lignes des deux côtés" in result.output


def test_import_and_validate_refuse_the_same_ledger_alike(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    export = _imported(runner, repo, downloads)
    _ledger(repo).write_text(_conflicted(repo), encoding="utf-8")
    refused = runner.invoke(app, ["--root", str(repo), "import", str(export)])
    assert refused.exit_code == 1
    assert "line 7: the ledger of 'psea import' holds an unfinished git merge" in refused.output
    assert len(cases(repo)) == 4  # nothing imported again
