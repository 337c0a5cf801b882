"""``psea import``'s ledger (``.imports.yaml``) under stress: an import interrupted at any
moment leaves no case the ledger does not know, so importing again duplicates nothing; two
imports at once cannot both run; a ledger that is no regular file, or is damaged, stops the
import before anything is written, with its line and how to restore it."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from psea_cli.cases import store
from psea_cli.cli import app
from tests.test_import import _today, cases, downloads, odk_row, write_odk

__all__ = ["_today", "downloads"]


def _export(downloads: Path, n: int, name: str = "odk.csv") -> Path:
    return write_odk(downloads / name, [odk_row(f"{i:08d}-0000-4000-8000-{name[:4]}00000000")
                                        for i in range(n)])


def _import(runner: CliRunner, repo: Path, *args: str) -> Any:
    return runner.invoke(app, ["--root", str(repo), "import", *args])


def _ledger(repo: Path) -> Path:
    return repo / "data" / "cases" / ".imports.yaml"


def test_an_import_interrupted_after_writing_a_case_duplicates_nothing(
        runner: CliRunner, repo: Path, downloads: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export = _export(downloads, 6)
    before = cases(repo)
    create = store.create
    calls = []

    def interrupted(path: Path, text: str, root: Path, folder: Path | None = None) -> bool:
        calls.append(path)
        written = create(path, text, root, folder)
        if len(calls) == 3:  # Ctrl-C right after the third case file reached its name
            raise KeyboardInterrupt
        return written

    monkeypatch.setattr(store, "create", interrupted)
    _import(runner, repo, str(export))
    monkeypatch.setattr(store, "create", create)
    ledger = _ledger(repo).read_text()
    new = cases(repo) - before
    assert len(new) == 3
    assert all(name[:-5] in ledger for name in new)  # every case file is in the ledger
    again = _import(runner, repo, str(export))
    assert again.exit_code == 0, again.output
    assert len(cases(repo) - before) == 6  # six submissions, six cases
    assert "pending" not in _ledger(repo).read_text()
    third = _import(runner, repo, str(export))
    assert "6 imported before" in third.output
    assert len(cases(repo) - before) == 6


def test_a_second_import_at_once_is_refused(runner: CliRunner, repo: Path,
                                            downloads: Path) -> None:
    export = _export(downloads, 2)
    lock = repo / ".git" / "psea-import.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another import holds it
        busy = _import(runner, repo, str(export))
    finally:
        os.close(fd)
    assert busy.exit_code == 1
    assert "another 'psea import' is running" in busy.output
    assert len(cases(repo)) == 1
    assert not _ledger(repo).exists()
    assert _import(runner, repo, str(export)).exit_code == 0  # the lock went with its holder
    assert len(cases(repo)) == 3


@pytest.mark.parametrize("kind", ["fifo", "folder", "dev-zero"])
@pytest.mark.parametrize("dry_run", [False, True])
def test_a_ledger_that_is_no_regular_file_stops_the_import(
        runner: CliRunner, repo: Path, downloads: Path, kind: str, dry_run: bool) -> None:
    export = _export(downloads, 2)
    assert _import(runner, repo, str(export)).exit_code == 0
    ledger = _ledger(repo)
    ledger.unlink()
    {"fifo": os.mkfifo, "folder": os.mkdir,
     "dev-zero": lambda p: Path(p).symlink_to("/dev/zero")}[kind](ledger)
    result = _import(runner, repo, str(downloads / "odk.csv"), *(["--dry-run"] if dry_run else []))
    assert result.exit_code == 1, result.output
    if kind == "dev-zero":  # a link: neither read nor written through (safe_output.data_target)
        assert "will not write data/cases/.imports.yaml: it is a link" in result.output
        assert "Replace the link with a real file" in result.output
    else:
        assert "not a regular file" in result.output
        assert "git checkout HEAD --" in result.output
    assert len(cases(repo)) == 3  # nothing added again


def test_a_damaged_ledger_is_located_with_how_to_restore_it(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    export = _export(downloads, 2)
    assert _import(runner, repo, str(export)).exit_code == 0
    ledger = _ledger(repo)
    lines = ledger.read_text().splitlines()
    lines[6] = lines[6].replace("}", "")  # a flow mapping left open
    ledger.write_text("\n".join(lines) + "\n")
    result = _import(runner, repo, str(export))
    assert result.exit_code == 1
    assert ".imports.yaml, line " in result.output
    assert "git checkout HEAD --" in result.output
    assert len(cases(repo)) == 3
