"""A third-party validator (check-jsonschema) agrees with the committed schemas, and every shipped
data file names its schema in a yaml-language-server modeline."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from psea_cli.schema_export import KINDS, MODELINE_PREFIX, kind_of, modeline

REPO = Path(__file__).parent.parent
SCHEMAS = REPO / "schemas"
# Run as ``python -m check_jsonschema`` from this Python: found whether or not the test
# environment's scripts are on PATH (a virtualenv used without activating it).
pytestmark = pytest.mark.skipif(importlib.util.find_spec("check_jsonschema") is None,
                                reason="check-jsonschema not installed (pip install '.[test]')")
CHECK_JSONSCHEMA = [sys.executable, "-m", "check_jsonschema"]


def _data_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / "data").rglob("*.y*ml"))


def _shipped_by_kind() -> dict[str, list[Path]]:
    """Every data file of the repository's own data/ and of the valid test fixture, by kind."""
    found: dict[str, list[Path]] = defaultdict(list)
    for root in (REPO, REPO / "tests" / "data" / "valid"):
        for label in _data_files(root):
            kind = kind_of(label)
            if kind is not None:
                found[kind].append(root / label)
    # psea's own poster wording has the form a network's data/pathway/<language>.yaml has
    found["pathway"].extend(sorted((REPO / "psea_cli" / "wording").glob("*.yaml")))
    return found


def _check(kind: str, files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CHECK_JSONSCHEMA, "--schemafile", str(SCHEMAS / KINDS[kind].file_name),
         *map(str, files)],
        capture_output=True, text=True, check=False, timeout=120)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_check_jsonschema_accepts_every_shipped_file(kind: str) -> None:
    files = _shipped_by_kind()[kind]
    assert files, f"no shipped {kind} file to check"
    result = _check(kind, files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_rejects_an_unknown_key(tmp_path: Path) -> None:
    source = REPO / "tests" / "data" / "valid" / "data" / "focal_points" / "alpha.yaml"
    broken = tmp_path / "alpha.yaml"
    broken.write_text(source.read_text(encoding="utf-8") + "nom_complet: Agence Alpha\n",
                      encoding="utf-8")
    assert _check("organisation", [source]).returncode == 0
    result = _check("organisation", [broken])
    assert result.returncode == 1
    assert "'nom_complet' was unexpected" in result.stdout


def test_every_shipped_data_file_starts_with_its_schema_modeline() -> None:
    labels = _data_files(REPO)
    assert "data/network.yaml" in labels
    wrong = []
    for label in labels:
        kind = kind_of(label)
        first = (REPO / label).read_text(encoding="utf-8").partition("\n")[0]
        if kind is None or first != modeline(kind, label):
            wrong.append(label)
            continue
        target = (REPO / label).parent / first.removeprefix(MODELINE_PREFIX)
        assert target.resolve() == (SCHEMAS / KINDS[kind].file_name).resolve()
    assert wrong == [], "these files lack the right '# yaml-language-server: $schema=' first line"
