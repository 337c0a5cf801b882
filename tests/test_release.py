"""A released, installable psea for new networks: one version and one source repository, the
CI workflow and pre-commit configuration of ``psea init`` installing psea at its release tag,
and psea's own release and lowest-versions workflows."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import REPO, tagged_clone
from typer.testing import CliRunner

import psea_cli
from psea_cli import scaffold
from psea_cli.cli import app

WORKFLOWS = REPO / ".github" / "workflows"


def _yaml(text: str) -> Any:
    return yaml.safe_load(text)


def _pyproject() -> dict[str, Any]:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _network_files(source: str = psea_cli.SOURCE_REPOSITORY) -> dict[str, str]:
    country = scaffold.country_for("MLI", "en", None)
    return scaffold.scaffold_files(country, "en", dt.date(2026, 12, 2), source)


def test_one_version_and_one_source_repository() -> None:
    project = _pyproject()["project"]
    assert project["version"] == psea_cli.__version__
    assert project["urls"]["Source"] == psea_cli.SOURCE_REPOSITORY
    (hook,) = _yaml((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["language"] == "python"  # pre-commit installs psea itself, at the tag


def test_a_new_network_installs_psea_at_its_release_tag() -> None:
    files = _network_files()
    tag = f"v{psea_cli.__version__}"
    workflow = _yaml(files[".github/workflows/validate.yml"])
    assert workflow["env"]["PSEA_PACKAGE"] == f"psea @ git+{psea_cli.SOURCE_REPOSITORY}@{tag}"
    runs = "\n".join(step.get("run", "") for step in workflow["jobs"]["validate"]["steps"])
    assert '\npip install "$PSEA_PACKAGE"\n' in runs
    (repo,) = _yaml(files[".pre-commit-config.yaml"])["repos"]
    assert (repo["repo"], repo["rev"]) == (psea_cli.SOURCE_REPOSITORY, tag)
    assert [hook["id"] for hook in repo["hooks"]] == ["psea-validate"]
    assert not any("@PSEA_" in text for text in files.values())


def test_psea_source_takes_a_fork_or_a_local_clone(tmp_path: Path, runner: CliRunner) -> None:
    clone = tmp_path / "mirror" / "psea"
    clone.mkdir(parents=True)
    not_a_clone = runner.invoke(app, ["init", str(tmp_path / "net"), "--lang", "en",
                                      "--psea-source", str(clone)])
    assert not_a_clone.exit_code == 2, not_a_clone.output
    assert "is not a git repository" in not_a_clone.stderr
    assert not (tmp_path / "net").exists()
    (clone / ".git").mkdir()
    result = runner.invoke(app, ["init", str(tmp_path / "net"), "--lang", "en",
                                 "--psea-source", str(clone)])
    assert result.exit_code == 0, result.output
    assert "a CI runner (GitHub) cannot reach it" in result.stderr
    config = _yaml((tmp_path / "net" / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert config["repos"][0]["repo"] == clone.resolve().as_uri()
    fork = "https://github.com/my-organisation/psea"
    workflow = _yaml(_network_files(scaffold.psea_source(fork + "/"))[".github/workflows/validate.yml"])
    assert workflow["env"]["PSEA_PACKAGE"] == f"psea @ git+{fork}@v{psea_cli.__version__}"


def test_init_warns_when_a_local_psea_source_lacks_the_tag_it_pins(
        tmp_path: Path, runner: CliRunner) -> None:
    """A network pinned to a tag its source does not hold cannot install psea in pre-commit
    or CI (``pathspec 'v0.3.2' did not match``): ``init`` says so at once, and not once the
    tag is there."""
    source = tmp_path / "psea"
    source.mkdir()
    git = ["git", "-C", str(source)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q",
                    "--allow-empty", "-m", "psea"], check=True)
    tag = f"v{psea_cli.__version__}"
    first = runner.invoke(app, ["init", str(tmp_path / "one"), "--lang", "en",
                                "--psea-source", str(source)])
    assert first.exit_code == 0, first.output
    assert f"has no tag {tag}" in first.stderr
    subprocess.run([*git, "tag", tag], check=True)
    second = runner.invoke(app, ["init", str(tmp_path / "two"), "--lang", "fr",
                                 "--psea-source", str(source)])
    assert second.exit_code == 0, second.output
    assert "pas d'étiquette" not in second.stderr
    subprocess.run([*git, "tag", "-d", tag], check=True, capture_output=True)
    french = runner.invoke(app, ["--lang", "fr", "init", str(tmp_path / "three"),
                                 "--psea-source", str(source)])
    assert french.exit_code == 0, french.output
    assert f"n'a pas d'étiquette {tag}" in french.stderr


@pytest.mark.parametrize("source", ["not-a-folder", 'https://x.org/psea"; curl x | sh', "https://x.org/a b",
                                    "https://x.org/$(id)", "ftp://x.org/psea", ""])
def test_a_psea_source_that_is_no_repository_is_a_usage_error(
        source: str, tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "net"), "--psea-source", source])
    assert result.exit_code == 2, result.output
    assert "--psea-source" in result.stderr
    assert not (tmp_path / "net").exists()


def test_psea_ci_runs_a_python_matrix_and_the_lowest_versions() -> None:
    jobs = _yaml((WORKFLOWS / "validate.yml").read_text(encoding="utf-8"))["jobs"]
    assert jobs["validate"]["strategy"]["matrix"]["python-version"] == ["3.11", "3.12", "3.13"]
    lowest = "\n".join(step.get("run", "") for step in jobs["lowest"]["steps"])
    assert "--resolution lowest-direct" in lowest
    for job in ("validate", "lowest"):
        runs = "\n".join(step.get("run", "") for step in jobs[job]["steps"])
        assert "python -m pytest -q" in runs  # the README's test command
        assert "psea --no-cache validate" in runs
        assert "psea audit" in runs


def test_the_release_workflow_builds_and_attaches_on_a_version_tag() -> None:
    workflow = _yaml((WORKFLOWS / "release.yml").read_text(encoding="utf-8"))
    assert workflow[True] == {"push": {"tags": ["v*"]}}  # PyYAML reads `on` as true
    runs = "\n".join(step.get("run", "") for step in workflow["jobs"]["release"]["steps"])
    assert 'test "${GITHUB_REF_NAME}" = "v${version}"' in runs
    assert "python -m build" in runs
    assert "gh release create" in runs


@pytest.mark.slow
def test_the_generated_ci_install_step_installs_the_tagged_psea(tmp_path: Path) -> None:
    """The network's CI as GitHub would run it, on this machine: a fresh virtualenv, the
    workflow's own install command and environment, then its validate step. Needs the package
    registry: marked slow, run by CI."""
    source = tagged_clone(tmp_path / "psea-source")
    country = scaffold.country_for("MLI", "fr", None)
    network = scaffold.create_network_repository(tmp_path / "network", country, "fr",
                                                 dt.date(2026, 12, 2), source).path
    workflow = _yaml((network / ".github/workflows/validate.yml").read_text(encoding="utf-8"))
    steps = {step.get("name"): step.get("run") for step in workflow["jobs"]["validate"]["steps"]}
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PSEA_")}
    env.update({key: str(value) for key, value in workflow["env"].items()})
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    env.pop("PYTHONPATH", None)  # the installed psea, not this checkout
    for name in ("Install psea", "psea validate", "Schemas match this psea version"):
        done = subprocess.run(["bash", "-c", steps[name]], cwd=network, env=env,
                              capture_output=True, text=True, check=False, timeout=1200)
        assert done.returncode == 0, (name, done.stdout[-3000:], done.stderr[-3000:])
    version = subprocess.run([str(venv / "bin" / "psea"), "--version"], env=env,
                             capture_output=True, text=True, check=True, timeout=120)
    assert version.stdout.strip() == f"psea {psea_cli.__version__}"


@pytest.mark.parametrize("document", ["docs/editing.md"])
def test_the_guides_install_the_current_release(document: str) -> None:
    text = (REPO / document).read_text(encoding="utf-8")
    assert f"psea @ git+{psea_cli.SOURCE_REPOSITORY}@v{psea_cli.__version__}" in text
