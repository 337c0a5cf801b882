"""Shared fixtures: a valid network repository copied to a temporary folder, CLI runner helpers."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from psea_cli.i18n import set_language

# Property tests judge behaviour, never speed: a loaded CI machine must not fail them.
settings.register_profile("psea", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("psea")

TESTS = Path(__file__).parent
VALID = TESTS / "data" / "valid"
REPO = TESTS.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite golden files under tests/golden/ from the current output")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A local run of the whole suite (``pytest``, ``python -m pytest -q``: no path given)
    leaves the ``slow`` tests out; CI (``CI`` set, as .ci/run and GitHub Actions have it) runs
    everything. Files or tests named on the command line run whole, and an explicit ``-m``
    always wins (``-m slow`` runs only them, ``-m "not slow"`` never)."""
    whole_suite = config.args_source == pytest.Config.ArgsSource.TESTPATHS
    if os.environ.get("CI") or config.getoption("markexpr") or not whole_suite:
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(autouse=True)
def _english_by_default(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests run in English unless they ask for French; no developer environment leaks in; git
    knows who commits (a fresh machine's git does not: ``git commit`` would refuse)."""
    for name in ("PSEA_LANG", "PSEA_ROOT", "LC_ALL", "LC_MESSAGES", "LANG", "GITHUB_ACTIONS",
                 "NO_COLOR", "FORCE_COLOR",
                 "GITHUB_STEP_SUMMARY", "PSEA_TODAY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in (("GIT_AUTHOR_NAME", "psea tests"), ("GIT_COMMITTER_NAME", "psea tests"),
                        ("GIT_AUTHOR_EMAIL", "tests@psea.example.org"),
                        ("GIT_COMMITTER_EMAIL", "tests@psea.example.org")):
        monkeypatch.setenv(name, value)  # git commits on a machine where nobody told git who
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def valid_repo(tmp_path: Path) -> Path:
    """A copy of tests/data/valid: a small, fully valid network repository (without the cache
    a developer's own run of psea in it may have left)."""
    target = tmp_path / "network"
    shutil.copytree(VALID, target, ignore=shutil.ignore_patterns(".psea-cache"))
    return target


@pytest.fixture
def repo(valid_repo: Path) -> Path:
    """``valid_repo`` as a git repository with one commit of everything (a test file may
    define its own ``repo``, which then wins)."""
    from helpers import committed

    return committed(valid_repo)


@pytest.fixture
def shipped_network(tmp_path: Path) -> Path:
    """A copy of the data psea ships (the Mali plan's network, 430 files), outside git."""
    target = tmp_path / "network"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", target / "data")
    return target


@pytest.fixture
def trusted_network(shipped_network: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``shipped_network``, whose files' signatures the cache trusts at once (not two seconds
    later, as it does for a file just written: ``cache.RACY_MARGIN_NS``)."""
    from psea_cli import cache

    monkeypatch.setattr(cache, "RACY_MARGIN_NS", 0)
    return shipped_network


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def pytest_report_header() -> str:
    """The fuzz suite's budget and seed, so that any failure can be replayed."""
    from helpers import fuzz_header

    return fuzz_header()
