"""A key file far too large to be one is refused at once (exit 2), never read whole;
PSEA_LANG takes a locale (``en_US.UTF-8``) and refuses a language psea does not speak; a usage
error names the source of the value actually used; a missing export is said to be missing.
Real processes and files."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import REPO

from psea_cli.problems import PseaError
from psea_cli.sealing import MAX_KEY_BYTES, load_keyring


def _run(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("PSEA_IDENTITY", "PSEA_LANG", "LC_ALL", "LC_MESSAGES", "LANG")}
    environment.update({"PYTHONPATH": str(REPO), "HOME": "/nonexistent", **env})
    return subprocess.run([sys.executable, "-m", "psea_cli", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=60, env=environment,
                          stdin=subprocess.DEVNULL, check=False)


@pytest.fixture
def huge_key(tmp_path: Path) -> Path:
    key = tmp_path / "huge.key"
    with key.open("wb") as handle:
        handle.truncate(2 * 1024**3)  # sparse: 2 GB to read, nothing on disk
    return key


@pytest.mark.parametrize("how", ["option", "environment"])
def test_a_huge_key_file_is_refused_at_once(valid_repo: Path, huge_key: Path, how: str) -> None:
    started = time.monotonic()
    if how == "option":
        result = _run(valid_repo, "--identity", str(huge_key), "case", "list", PSEA_LANG="en")
    else:
        result = _run(valid_repo, "case", "list", PSEA_LANG="en", PSEA_IDENTITY=str(huge_key))
    assert time.monotonic() - started < 20
    assert result.returncode == 2, result.stderr
    assert "larger than 64 kB" in result.stderr
    assert ("environment variable PSEA_IDENTITY" in result.stderr) == (how == "environment")
    assert "Traceback" not in result.stderr


def test_load_keyring_reads_no_more_than_a_key_file_can_hold(huge_key: Path) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(PseaError) as raised:
        load_keyring(huge_key)  # the default key file (~/.ssh/id_ed25519) is read this way
    assert raised.value.exit_code == 2
    assert "huge.key" in raised.value.message
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100_000  # kB
    small = huge_key.with_name("small.key")
    small.write_bytes(b"#" * (MAX_KEY_BYTES + 1))
    with pytest.raises(PseaError, match="larger than"):
        load_keyring(small)


@pytest.mark.parametrize(("value", "word"), [("en_US.UTF-8", "error:"), ("fr_ML", "erreur :"),
                                             ("EN", "error:"), ("fr-FR.utf8", "erreur :")])
def test_psea_lang_takes_a_locale(valid_repo: Path, value: str, word: str) -> None:
    result = _run(valid_repo, "case", "show", "nothing", PSEA_LANG=value)
    assert result.returncode == 2
    assert result.stderr.startswith(word), result.stderr


@pytest.mark.parametrize("value", ["de", "de_DE.UTF-8", "C"])
def test_psea_lang_in_another_language_is_a_usage_error(valid_repo: Path, value: str) -> None:
    for args in (("case", "list"), ("validate",)):  # validate: the console script's own path
        result = _run(valid_repo, *args, PSEA_LANG=value)
        assert result.returncode == 2, result.stderr
        assert "PSEA_LANG" in result.stderr
        assert "fr, en" in result.stderr
    assert _run(valid_repo, "--lang", "en", "validate", PSEA_LANG="de").returncode == 0


def test_psea_lang_unknown_is_refused_by_the_console_script(valid_repo: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k not in ("PSEA_IDENTITY",)}
    environment.update({"PYTHONPATH": str(REPO), "PSEA_LANG": "de"})
    result = subprocess.run([sys.executable, "-c", "from psea_cli.launch import main; main()",
                             "--root", str(valid_repo), "validate"], capture_output=True,
                            text=True, timeout=60, env=environment, check=False)
    assert result.returncode == 2, result.stderr
    assert "PSEA_LANG" in result.stderr


def test_a_folder_given_with_the_option_names_the_option_alone(
        valid_repo: Path, tmp_path: Path) -> None:
    by_option = _run(valid_repo, "--identity", str(tmp_path), "case", "list", PSEA_LANG="en")
    assert by_option.returncode == 2
    assert "invalid value for --identity: the key file is not a regular file" in by_option.stderr
    assert "a folder" in by_option.stderr
    assert "environment variable" not in by_option.stderr
    by_env = _run(valid_repo, "case", "list", PSEA_LANG="en", PSEA_IDENTITY=str(tmp_path))
    assert by_env.returncode == 2
    assert "--identity (environment variable PSEA_IDENTITY)" in by_env.stderr


@pytest.mark.parametrize(("lang", "said"), [("en", "nonexist.csv does not exist"),
                                            ("fr", "nonexist.csv n'existe pas")])
def test_a_missing_export_is_said_to_be_missing(valid_repo: Path, tmp_path: Path, lang: str,
                                                said: str) -> None:
    result = _run(valid_repo, "import", str(tmp_path / "nonexist.csv"), PSEA_LANG=lang)
    assert result.returncode == 2
    assert said in result.stderr
    assert "not a file" not in result.stderr
    assert "pas un fichier" not in result.stderr
    workbook = _run(valid_repo, "directory", "import", str(tmp_path / "gone.xlsx"),
                    PSEA_LANG=lang)
    assert workbook.returncode == 2
    assert "gone.xlsx" in workbook.stderr
    assert "not a file" not in workbook.stderr
