"""The files psea init ships (and psea's own repository uses): CONTRIBUTING lists every problem
code in both languages, the pre-commit files and the CI workflows are valid and shaped as a
required check needs."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.problem_codes import CODES

REPO = Path(__file__).parent.parent
CONTRIBUTING = {"fr": REPO / "CONTRIBUTING.fr.md", "en": REPO / "CONTRIBUTING.en.md"}
SCAFFOLD = resources.files("psea_cli.scaffold") / "files"
WORKFLOWS = [REPO / ".github" / "workflows" / "validate.yml",
             Path(str(SCAFFOLD / "validate.yml"))]
CODE_ROW = re.compile(r"^\| `([a-z]+\.[a-z-]+)` \|", re.MULTILINE)


def _guide(language: str) -> str:
    return CONTRIBUTING[language].read_text(encoding="utf-8")


def _fix_tables(language: str) -> str:
    """The part of a guide between its problem-code markers (generated from the catalogue)."""
    text = _guide(language)
    start, end = f"<!-- problem-codes:{language}:start -->", f"<!-- problem-codes:{language}:end -->"
    assert text.count(start) == 1, f"{start} missing"
    assert text.count(end) == 1, f"{end} missing"
    return text.split(start)[1].split(end)[0]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_contributing_explains_every_problem_code_once(language: str) -> None:
    listed = CODE_ROW.findall(_fix_tables(language))
    assert len(listed) == len(set(listed)), "a code is explained twice"
    assert set(listed) - set(CODES) == set(), "CONTRIBUTING explains codes psea no longer has"
    assert set(CODES) - set(listed) == set(), (
        f"add these codes to CONTRIBUTING.{language}.md (what it means, how to fix it)")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_contributing_tables_have_three_filled_cells(language: str) -> None:
    for row in CODE_ROW.finditer(_guide(language)):
        line = row.string[row.start():row.string.index("\n", row.start())]
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        assert len(cells) == 3, line
        assert all(cells), line


@pytest.mark.parametrize("language", ["fr", "en"])
def test_contributing_covers_the_web_editor_and_the_local_workflow(language: str) -> None:
    words = ["Edit this file", "Commit changes", "pull request", "Files changed",
             "pre-commit install", "yaml-language-server"]
    assert [w for w in words if w not in _guide(language)] == []


def test_each_guide_is_in_one_language() -> None:
    """French words in the English guide, or English sentences in the French one, mean a
    section was pasted into the wrong file."""
    french, english = _guide("fr"), _guide("en")
    assert [w for w in (" Corrigez ", " vérification ", " dossier ") if w in english] == []
    assert [w for w in (" the file ", " Fix ", " your organisation") if w in french] == []


def test_contributing_points_to_both_guides() -> None:
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "(CONTRIBUTING.fr.md)" in text
    assert "(CONTRIBUTING.en.md)" in text


@pytest.mark.parametrize("name", ["CONTRIBUTING.md", "CONTRIBUTING.fr.md", "CONTRIBUTING.en.md"])
def test_new_repositories_get_the_same_contributing(name: str) -> None:
    shipped = (SCAFFOLD / name).read_text(encoding="utf-8")
    assert shipped == (REPO / name).read_text(encoding="utf-8")


WORKED_EXAMPLE = {"fr": "## Lire un problème et le corriger\n",
                  "en": "## Reading a problem and fixing it\n"}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_guides_example_file_validates_and_its_mistake_reads_as_the_guide_shows(
        language: str, valid_repo: Path, runner: CliRunner) -> None:
    """A focal point copies the guide's example file and meets the guide's worked example: both
    must be what psea does today, in the guide's language."""
    guide = _guide(language)
    example = re.search(r"```yaml\n(.*?)```", guide, re.DOTALL)
    assert example is not None, "the guide shows an organisation's file"
    target = valid_repo / "data" / "focal_points" / "ong-exemple.yaml"
    target.write_text(example.group(1), encoding="utf-8")
    command = ["--root", str(valid_repo), "--no-cache", "--lang", language, "validate"]
    valid = runner.invoke(app, command)
    assert valid.exit_code == 0, valid.output

    target.write_text(example.group(1).replace('phone: "+223 20 00 90 00"', "phone: +22320009000"),
                      encoding="utf-8")
    refused = runner.invoke(app, command)
    shown = re.search(r"```text\n(.*?)\n```", guide.split(WORKED_EXAMPLE[language])[1], re.DOTALL)
    assert shown is not None, "the guide shows the problem psea prints"
    assert refused.exit_code == 1
    assert shown.group(1) in refused.output, (
        f"CONTRIBUTING.{language}.md's worked example is not what psea prints; paste this:\n"
        + refused.output)


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=["psea", "network"])
def test_workflow_runs_on_every_push_and_pull_request_and_validates(workflow: Path) -> None:
    document = _yaml(workflow)
    triggers = document[True]  # PyYAML reads the key `on` as a boolean
    assert set(triggers) == {"push", "pull_request"}
    assert all(not value for value in triggers.values()), "no paths/branches filter"
    steps = document["jobs"]["validate"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "psea --no-cache validate --format github" in runs  # a gate trusts no cache
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    assert document["permissions"] == {"contents": "read"}


def test_psea_workflow_runs_the_tests() -> None:
    runs = [s.get("run", "") for s in _yaml(WORKFLOWS[0])["jobs"]["validate"]["steps"]]
    assert "python -m pytest -q" in runs
    assert "mypy psea_cli" in runs


@pytest.mark.skipif(importlib.util.find_spec("check_jsonschema") is None,
                    reason="check-jsonschema not installed (pip install '.[test]')")
def test_workflows_match_github_schema() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
         *map(str, WORKFLOWS)],
        capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def _pre_commit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], capture_output=True,
                          text=True, check=False, timeout=120)


def test_pre_commit_files_are_valid() -> None:
    manifest = _pre_commit("validate-manifest", str(REPO / ".pre-commit-hooks.yaml"))
    assert manifest.returncode == 0, manifest.stdout
    for config in (REPO / ".pre-commit-config.yaml", Path(str(SCAFFOLD / "pre-commit-config.yaml"))):
        checked = _pre_commit("validate-config", str(config))
        assert checked.returncode == 0, checked.stdout


def test_published_hook_validates_the_whole_tree() -> None:
    (hook,) = _yaml(REPO / ".pre-commit-hooks.yaml")
    assert hook["id"] == "psea-validate"
    assert hook["entry"] == "psea --no-cache validate"
    assert hook["pass_filenames"] is False
    assert re.match(hook["files"], "data/focal_points/unfpa.yaml")
    assert not re.match(hook["files"], "README.md")


def test_own_pre_commit_config_runs_ruff_mypy_and_psea_validate() -> None:
    hooks = {h["id"]: h for repo in _yaml(REPO / ".pre-commit-config.yaml")["repos"]
             for h in repo["hooks"]}
    assert {"ruff", "mypy", "psea-validate", "psea-schema"} <= set(hooks)
    assert hooks["psea-validate"]["pass_filenames"] is False
