"""A key file (``--identity``, PSEA_IDENTITY) that is not a regular file (``/dev/zero``, a FIFO,
a folder) is refused with a usage error before anything reads it: it never hangs. Real
processes, a real encrypted store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_case_encryption import _add, _today, network  # noqa: F401  (fixtures)
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent


def _run(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(REPO), "PSEA_LANG": "en", **env}
    environment.pop("PSEA_IDENTITY", None) if "PSEA_IDENTITY" not in env else None
    return subprocess.run([sys.executable, "-m", "psea_cli", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=60, env=environment,
                          stdin=subprocess.DEVNULL, check=False)


@pytest.mark.parametrize("how", ["option", "environment"])
@pytest.mark.parametrize("kind", ["zero", "fifo", "folder"])
def test_a_key_file_that_is_not_a_regular_file_is_refused_at_once(
        runner: CliRunner, network: dict[str, Path | str], tmp_path: Path,  # noqa: F811
        kind: str, how: str) -> None:
    root = Path(network["root"])
    _add(runner, network)  # an encrypted case record, which a key would be read to open
    key = {"zero": Path("/dev/zero"), "fifo": tmp_path / "key.fifo",
           "folder": tmp_path}[kind]
    if kind == "fifo":
        os.mkfifo(key)
    for command in (("case", "list"), ("validate",)):
        if how == "option":
            result = _run(root, "--identity", str(key), *command)
        else:
            result = _run(root, *command, PSEA_IDENTITY=str(key))
        assert result.returncode == 2, result.stderr
        assert "--identity" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_key_file_reached_through_a_link_is_read(
        runner: CliRunner, network: dict[str, Path | str], tmp_path: Path) -> None:  # noqa: F811
    root = Path(network["root"])
    _add(runner, network)
    link = tmp_path / "key-link"
    link.symlink_to(Path(network["core"]))
    result = _run(root, "--identity", str(link), "case", "list")
    assert result.returncode == 0, result.stderr


def test_an_empty_key_path_is_said_empty_not_a_folder(
        runner: CliRunner, network: dict[str, Path | str]) -> None:  # noqa: F811
    """``--identity ""`` (a variable expanded to nothing) is said as an empty path; it was
    "this is a folder, not a file" (the current folder). An empty PSEA_IDENTITY is no key."""
    root = Path(network["root"])
    result = _run(root, "--identity", "", "case", "list")
    assert result.returncode == 2
    assert "the key file's path is empty" in result.stderr
    assert "folder" not in result.stderr
    assert _run(root, "case", "list", PSEA_IDENTITY="").returncode == 0
