"""A `.psea-cache/` that arrives with links in it (committed in a pull request, unpacked from an
archive) never leads psea to read, write or remove anything outside the repository: psea runs
without the cache, and its answers are those of a run with no cache at all."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers import launch

CACHE = ".psea-cache"
REPORT = ("report", "semester", "2021-S2", "-o", "report.md")


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A folder outside the repository, with a file named like a shard of the cache."""
    folder = tmp_path / "victim"
    folder.mkdir()
    (folder / ".bashrc").write_text("export IMPORTANT=1\n", encoding="utf-8")
    (folder / "ab").write_text("keep me\n", encoding="utf-8")
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _plant(repo: Path, kind: str, victim: Path) -> Path:
    """Plant a link of ``kind`` in the repository's cache folder; the link's path."""
    cache = repo / CACHE
    if kind in ("shard", "verdict", "report"):
        launch(repo, "validate")  # a real cache, made by psea itself
        launch(repo, *REPORT)
    else:
        shutil.rmtree(cache, ignore_errors=True)
        cache.mkdir()
    link = {"tag": cache / "CACHEDIR.TAG", "gitignore": cache / ".gitignore",
            "records": cache / "records", "reports": cache / "reports",
            "verdict": cache / "verdict"}.get(kind)
    if kind == "shard":
        link = next(p for p in sorted((cache / "records").iterdir()) if len(p.name) == 2)
    if kind == "report":
        link = next((cache / "reports").iterdir())
    assert link is not None
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)
    else:
        link.unlink(missing_ok=True)
    target = {"tag": victim / "none", "records": victim, "reports": victim}.get(
        kind, victim / ".bashrc")
    link.symlink_to(target)
    return link


def _break(repo: Path) -> None:
    path = repo / "data" / "focal_points" / "gamma.yaml"
    path.write_text("id: gamma\nname: [Gamma\n", encoding="utf-8")


@pytest.mark.parametrize("kind", ["tag", "gitignore", "records", "reports", "shard",
                                  "verdict", "report"])
def test_a_link_planted_in_the_cache_folder_is_never_followed(
        valid_repo: Path, victim: Path, kind: str) -> None:
    repo = valid_repo
    before = _snapshot(victim)
    link = _plant(repo, kind, victim)
    pointed = link.readlink()
    expected = launch(repo, "validate", PSEA_NO_CACHE="1")[:3]
    assert expected[2] == 0
    for _ in range(2):  # a cold run, then one that might take the warm path
        assert launch(repo, "validate")[:3] == expected
    expected_report = launch(repo, *REPORT, PSEA_NO_CACHE="1")[:3]
    made = (repo / "report.md").read_bytes()
    for _ in range(2 if kind.startswith("report") else 1):  # the kept report's warm path
        assert launch(repo, *REPORT)[:3] == expected_report
        assert (repo / "report.md").read_bytes() == made
    _break(repo)
    broken = launch(repo, "validate", PSEA_NO_CACHE="1")[:3]
    assert broken[2] == 1
    assert launch(repo, "validate")[:3] == broken
    assert _snapshot(victim) == before  # nothing written, removed or added there
    assert not (victim / "none").exists()
    assert link.readlink() == pointed  # and the link itself left as it was


def test_a_fifo_in_the_cache_folder_neither_hangs_nor_is_used(valid_repo: Path) -> None:
    cache = valid_repo / CACHE
    cache.mkdir()
    os.mkfifo(cache / "CACHEDIR.TAG")
    os.mkfifo(cache / "index")
    assert launch(valid_repo, "validate")[2] == 0
    assert launch(valid_repo, "validate")[2] == 0
    assert sorted(p.name for p in cache.iterdir()) == ["CACHEDIR.TAG", "index"]
