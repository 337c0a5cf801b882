"""The pre-commit hook, run by the real pre-commit in a temporary network repository: a broken
file stops the commit and the problem is printed; once fixed, the commit goes through."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import tagged_clone

from psea_cli import scaffold

REPO = Path(__file__).parent.parent
ORGANISATION = """\
# yaml-language-server: $schema=../../schemas/organisation.schema.json
id: ong-exemple
name: ONG Exemple
type: nngo
focal_points:
  - id: fp-1
    name: Point focal PSEA
    role: {role}
    phone: "+223 20 00 90 00"
"""


def _environment(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("GIT_", "PSEA_", "PRE_COMMIT"))}
    env.update({
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(home / "pre-commit-cache"),
        "PSEA_LANG": "en",
        "GIT_AUTHOR_NAME": "Focal point", "GIT_AUTHOR_EMAIL": "fp@example.org",
        "GIT_COMMITTER_NAME": "Focal point", "GIT_COMMITTER_EMAIL": "fp@example.org",
    })
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str],
         timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False,
                          timeout=timeout)


@pytest.fixture
def network(tmp_path: Path) -> Path:
    """A network repository made by psea init, with its own .pre-commit-config.yaml; it
    installs psea from a clone of this repository tagged with this version."""
    country = scaffold.country_for("MLI", "en", None)
    source = tagged_clone(tmp_path / "psea-source")
    return scaffold.create_network_repository(tmp_path / "network", country, "en",
                                              dt.date(2020, 3, 1), source).path


def _write_organisation(network: Path, role: str) -> None:
    target = network / "data" / "focal_points" / "ong-exemple.yaml"
    target.write_text(ORGANISATION.format(role=role), encoding="utf-8")


@pytest.mark.slow
def test_installed_hook_blocks_a_broken_file_then_lets_the_fix_through(
        network: Path, tmp_path: Path) -> None:
    """The generated configuration as a focal point uses it: pre-commit installs psea by itself
    (language: python, from the tagged source) — nothing needs psea on the PATH. Needs the
    package registry for psea's dependencies: marked slow, run by CI."""
    env = _environment(tmp_path)
    env["PATH"] = os.pathsep.join(  # no psea of the test environment to fall back on
        part for part in env["PATH"].split(os.pathsep) if not (Path(part) / "psea").exists())
    installed = _run([sys.executable, "-m", "pre_commit", "install"], network, env)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    _write_organisation(network, role="point_focal")
    _run(["git", "add", "data/focal_points/ong-exemple.yaml"], network, env)
    refused = _run(["git", "commit", "-m", "Add ONG Exemple"], network, env, timeout=900)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "psea validate" in output
    assert "Failed" in output
    assert ("data/focal_points/ong-exemple.yaml:8:5: error [schema.invalid-choice] 'role' is "
            "not one of the allowed values") in output
    assert _run(["git", "rev-list", "--count", "HEAD"], network, env).stdout.strip() == "1"

    _write_organisation(network, role="focal_point")
    _run(["git", "add", "data/focal_points/ong-exemple.yaml"], network, env)
    accepted = _run(["git", "commit", "-m", "Add ONG Exemple"], network, env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "Passed" in accepted.stdout + accepted.stderr
    assert _run(["git", "rev-list", "--count", "HEAD"], network, env).stdout.strip() == "2"


@pytest.mark.slow
def test_published_hook_through_try_repo(network: Path, tmp_path: Path) -> None:
    """pre-commit installs psea from this repository (its .pre-commit-hooks.yaml) into its own
    virtualenv, as a network repository pinning the psea repository would. Needs the package
    registry and takes a minute: marked slow, run by CI."""
    env = _environment(tmp_path)
    try_repo = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "psea-validate",
                "--all-files"]

    _write_organisation(network, role="point_focal")
    _run(["git", "add", "-A"], network, env)
    failed = _run(try_repo, network, env, timeout=900)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "[schema.invalid-choice]" in output
    assert "data/focal_points/ong-exemple.yaml:8:5" in output

    _write_organisation(network, role="focal_point")
    _run(["git", "add", "-A"], network, env)
    passed = _run(try_repo, network, env, timeout=900)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
