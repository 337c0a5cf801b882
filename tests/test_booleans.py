"""true/false fields take YAML's true and false only, as the exported JSON Schema does: psea
(in CI and pre-commit) and check-jsonschema (the validator editors share) agree on every
spelling a person may type."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from psea_cli.i18n import set_language
from psea_cli.validation import load_dataset

REPO = Path(__file__).parent.parent
VALID = REPO / "tests" / "data" / "valid"
ALPHA = Path("data") / "focal_points" / "alpha.yaml"

# spelling -> whether it is a YAML 1.2 boolean (what the schema and psea must accept)
SPELLINGS = {
    "true": True, "false": True, "True": True, "FALSE": True,
    "yes": False, "no": False, "on": False, "off": False, "y": False, "n": False, "Y": False,
    "1": False, "0": False, '"true"': False, "'false'": False, "oui": False, "~": False,
    "1.0": False,
}


def _network_with(root: Path, spelling: str) -> Path:
    shutil.copytree(VALID, root)
    alpha = root / ALPHA
    text = alpha.read_text(encoding="utf-8")
    assert "\nehp_member: true\n" in text
    alpha.write_text(text.replace("\nehp_member: true\n", f"\nehp_member: {spelling}\n"),
                     encoding="utf-8")
    return root


def _psea_problems(root: Path) -> list[tuple[int, str, str]]:
    """(line, code, hint) of every problem psea reports in alpha.yaml."""
    _dataset, problems = load_dataset(root, use_cache=False)
    return [(p.line, p.code, p.hint) for p in problems if p.file == ALPHA.as_posix()]


@pytest.mark.parametrize("spelling", sorted(SPELLINGS))
def test_psea_takes_only_yaml_true_and_false(tmp_path: Path, spelling: str) -> None:
    root = _network_with(tmp_path / "net", spelling)
    problems = _psea_problems(root)
    if SPELLINGS[spelling]:
        assert problems == []
    else:
        line = 1 + (root / ALPHA).read_text(encoding="utf-8").split("\n").index(
            f"ehp_member: {spelling}")
        assert [(p_line, code) for p_line, code, _hint in problems] == [
            (line, "schema.wrong-type")]
        assert problems[0][2].startswith("Write true or false")


def test_the_hint_is_french_in_french(tmp_path: Path) -> None:
    root = _network_with(tmp_path / "net", "oui")
    set_language("fr")
    _dataset, problems = load_dataset(root, use_cache=False)
    [problem] = [p for p in problems if p.file == ALPHA.as_posix()]
    assert problem.message == "« ehp_member » doit valoir true ou false"
    assert problem.hint.startswith("Écrivez true (vrai) ou false (faux), sans guillemets")


@pytest.mark.skipif(importlib.util.find_spec("check_jsonschema") is None,
                    reason="check-jsonschema not installed (pip install '.[test]')")
def test_psea_and_check_jsonschema_agree_on_every_spelling(tmp_path: Path) -> None:
    files: dict[str, Path] = {}
    psea_accepts: dict[str, bool] = {}
    for number, spelling in enumerate(sorted(SPELLINGS)):
        root = _network_with(tmp_path / f"net{number}", spelling)
        files[spelling] = root / ALPHA
        psea_accepts[spelling] = _psea_problems(root) == []
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--output-format", "json", "--schemafile",
         str(REPO / "schemas" / "organisation.schema.json"), *map(str, files.values())],
        capture_output=True, text=True, check=False, timeout=120)
    report = json.loads(result.stdout)
    assert report["parse_errors"] == [], report
    refused = {Path(error["filename"]) for error in report["errors"]}
    assert {error["path"] for error in report["errors"]} <= {"$.ehp_member"}
    schema_accepts = {spelling: path not in refused for spelling, path in files.items()}
    assert psea_accepts == schema_accepts
    assert psea_accepts == SPELLINGS


CASE = Path("data") / "cases" / "7KQ2M9AB.yaml"

# spelling of a case's survivor count -> whether it is a whole number (what the schema takes)
COUNTS = {"2": True, "1": True, "2.0": True, "true": False, '"2"': False, "'1'": False,
          "2.5": False, "false": False}


def _case_with(root: Path, spelling: str) -> Path:
    shutil.copytree(VALID, root)
    case = root / CASE
    text = case.read_text(encoding="utf-8")
    assert "\n  age_group: child\n" in text
    case.write_text(text.replace("\n  age_group: child\n",
                                 f"\n  age_group: child\n  count: {spelling}\n"),
                    encoding="utf-8")
    return case


@pytest.mark.skipif(importlib.util.find_spec("check_jsonschema") is None,
                    reason="check-jsonschema not installed (pip install '.[test]')")
def test_psea_and_check_jsonschema_agree_on_a_case_s_numbers(tmp_path: Path) -> None:
    """``count: true`` was read as 1 survivor and ``count: "2"`` as 2, where the published
    schema, check-jsonschema and every editor refuse them; ``count: 2.0`` is 2 to both (a
    first strict rule refused it): a case record's numbers are read as the schema reads them."""
    files: dict[str, Path] = {}
    psea_accepts: dict[str, bool] = {}
    for number, spelling in enumerate(sorted(COUNTS)):
        files[spelling] = _case_with(tmp_path / f"net{number}", spelling)
        _dataset, problems = load_dataset(tmp_path / f"net{number}", use_cache=False)
        psea_accepts[spelling] = not [p for p in problems if p.file == CASE.as_posix()]
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--output-format", "json", "--schemafile",
         str(REPO / "schemas" / "case.schema.json"), *map(str, files.values())],
        capture_output=True, text=True, check=False, timeout=120)
    report = json.loads(result.stdout)
    assert report["parse_errors"] == [], report
    refused = {Path(error["filename"]) for error in report["errors"]}
    schema_accepts = {spelling: path not in refused for spelling, path in files.items()}
    assert psea_accepts == schema_accepts
    assert psea_accepts == COUNTS
