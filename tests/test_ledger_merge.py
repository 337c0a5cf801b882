"""Two coordinators import on two branches, then merge: ``psea import``'s ledger
(``.imports.yaml``) only ever gains lines at its end, so git's ``union`` merge, which the
``.gitattributes`` of ``psea init`` names for it, joins the two without a conflict, without
losing an entry and without repeating one. A submission imported on both branches (two cases
for one submission) still needs a person: ``psea validate`` says so. Real git, real imports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from psea_cli.cli import app
from tests.test_import import _today, downloads, odk_row, repo, write_odk

__all__ = ["_today", "downloads", "repo"]

LEDGER = "data/cases/.imports.yaml"


def _export(downloads: Path, name: str, n: int) -> Path:
    tag = name.encode().hex()[:12].ljust(12, "0")
    return write_odk(downloads / f"{name}.csv",
                     [odk_row(f"{i:08d}-0000-4000-8000-{tag}") for i in range(n)])


def _import(runner: CliRunner, repo: Path, export: Path, *args: str) -> Any:
    result = runner.invoke(app, ["--root", str(repo), "import", str(export), *args])
    assert result.exit_code == 0, result.output
    return result


def _entries(repo: Path) -> list[str]:
    """The ledger's submission lines, in order."""
    text = (repo / LEDGER).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.startswith('  "')]


def test_an_import_only_adds_lines_at_the_end_of_the_ledger(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    _import(runner, repo, _export(downloads, "first", 10))
    before = (repo / LEDGER).read_text(encoding="utf-8")
    _import(runner, repo, _export(downloads, "second", 10))
    after = (repo / LEDGER).read_text(encoding="utf-8")
    assert after.startswith(before)  # in digest order, the new lines fell among the old ones
    assert len(_entries(repo)) == 20
