"""The checks beside the case records (``validation.CHECKS``) run in a worker process while
the case records are judged, when there are many: the same problems, at the same lines, as
when they run after; and never when an earlier run's problems are kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from psea_cli import forked, pipeline
from psea_cli.validation import check_repository

TODAY = dt.date(2026, 9, 30)


@pytest.fixture
def begun(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Each ``forked.Later`` the pipeline begins, recorded."""
    made: list[object] = []

    class Recorded(forked.Later):  # type: ignore[type-arg]
        def __init__(self, function: object) -> None:
            made.append(function)
            super().__init__(function)  # type: ignore[arg-type]

    monkeypatch.setattr(forked, "Later", Recorded)
    return made


def broken(repo: Path) -> Path:
    """A focal point in a region the network lacks (a check beside the case records finds
    it) and a case record in one (its own judge finds it)."""
    entry = repo / "data" / "focal_points" / "ajm.yaml"
    entry.write_text(entry.read_text(encoding="utf-8").replace(
        "regions: [ML09, ML05]", "regions: [ML09, ML77]"), encoding="utf-8")
    case = sorted((repo / "data" / "cases").glob("*.yaml"))[0]
    case.write_text(case.read_text(encoding="utf-8").replace("region: ML", "region: ML7", 1),
                    encoding="utf-8")
    return repo


def test_checks_run_meanwhile_say_what_checks_run_after_say(
        shipped_network: Path, begun: list[object], monkeypatch: pytest.MonkeyPatch) -> None:
    repo = broken(shipped_network)
    monkeypatch.setattr(pipeline, "CHECKS_BESIDE_FROM", 10**9)
    _read, after = check_repository(repo, today=TODAY, use_cache=False)
    assert begun == []
    monkeypatch.setattr(pipeline, "CHECKS_BESIDE_FROM", 1)
    _read, meanwhile = check_repository(repo, today=TODAY, use_cache=False)
    assert len(begun) == 1
    assert meanwhile == after
    codes = {(p.file, p.code) for p in after}
    assert ("data/focal_points/ajm.yaml", "ref.unknown-region") in codes
    assert any(file.startswith("data/cases/") for file, _code in codes)


def test_checks_kept_from_the_last_run_are_not_run_again(
        shipped_network: Path, begun: list[object], monkeypatch: pytest.MonkeyPatch) -> None:
    repo = broken(shipped_network)
    monkeypatch.setattr(pipeline, "CHECKS_BESIDE_FROM", 1)
    _read, first = check_repository(repo, today=TODAY)
    case = sorted((repo / "data" / "cases").glob("*.yaml"))[-1]
    case.write_text(case.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    _read, second = check_repository(repo, today=TODAY)
    assert len(begun) == 1  # the first run only: the second took the kept problems
    assert second == first
