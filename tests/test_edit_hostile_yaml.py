"""A file a command is about to edit goes through ``psea validate``'s careful reader before
ruamel.yaml's round trip: an alias bomb, a duplicate key or a file nested 200,000 levels deep is
refused with its problem located (file:line:column, code, hint), exit 1, nothing written; never
a hang, never an internal error.

The commands run in a child process with a memory limit and a timeout: an alias bomb handed to
ruamel.yaml grows past any limit and never ends."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

CASE = "data/cases/7KQ2M9AB.yaml"
PROGRESS = "data/plan/test-plan/progress/2020-S2.yaml"


def _alias_bomb() -> str:
    text, previous = "a: &a [1,1,1,1,1,1,1,1,1]\n", "a"
    for i in range(1, 12):
        name = chr(97 + i)
        text += f"{name}: &{name} [" + ",".join(["*" + previous] * 9) + "]\n"
        previous = name
    return text


def _first_key(text: str) -> str:
    """The file's first top-level entry (``id: 7KQ2M9AB``), to write it a second time."""
    return next(line for line in text.splitlines() if line and line[0] not in "# ") + "\n"


HOSTILE: dict[str, tuple[Callable[[str], str], str]] = {
    "alias bomb": (lambda text: text + _alias_bomb(), "yaml.alias"),
    "duplicate key": (lambda text: text + _first_key(text), "yaml.duplicate-key"),
    "deep nesting": (lambda text: text + "x: " + "[" * 200_000 + "\n", "yaml.too-deep"),
}
COMMANDS = {
    "case event": ["case", "event", "7KQ2M9AB", "legal_information", "--date", "2020-07-20"],
    "case consent": ["case", "consent", "7KQ2M9AB", "--identity", "yes"],
    "case migrate --dry-run": ["case", "migrate", "--dry-run"],
    "case migrate": ["case", "migrate"],
}


def _limited() -> None:
    limit = 1_500_000_000
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PSEA_LANG": "en"}
    try:
        return subprocess.run([sys.executable, "-m", "psea_cli", "--root", str(repo), *args],
                              capture_output=True, text=True, env=env, check=False, timeout=60,
                              preexec_fn=_limited)
    except subprocess.TimeoutExpired:
        pytest.fail(f"psea {' '.join(args)} did not end within 60 seconds")


def _spoil(repo: Path, label: str, hostile: str) -> bytes:
    path = repo / label
    path.write_text(HOSTILE[hostile][0](path.read_text(encoding="utf-8")), encoding="utf-8")
    return path.read_bytes()


def _assert_refused(result: subprocess.CompletedProcess[str], label: str, code: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{label}:"), result.stderr
    assert f"error [{code}]" in first, result.stderr
    assert "    → " in result.stderr  # the problem's hint
    assert "nothing was written" in result.stderr


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_hostile_case_file_is_refused_located_and_left_as_it_was(
    valid_repo: Path, command: str, hostile: str
) -> None:
    before = _spoil(valid_repo, CASE, hostile)
    result = _run(valid_repo, *COMMANDS[command])
    _assert_refused(result, CASE, HOSTILE[hostile][1])
    assert (valid_repo / CASE).read_bytes() == before
    assert sorted(p.name for p in (valid_repo / "data/cases").iterdir()) == ["7KQ2M9AB.yaml"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_progress_file_is_refused_by_the_report_draft(
    valid_repo: Path, hostile: str
) -> None:
    before = _spoil(valid_repo, PROGRESS, hostile)
    result = _run(valid_repo, "report", "semester", "2020-S2", "--draft")
    _assert_refused(result, PROGRESS, HOSTILE[hostile][1])
    assert (valid_repo / PROGRESS).read_bytes() == before
