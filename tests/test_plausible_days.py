"""Every date psea reads, in the data or in PSEA_TODAY, lies within ``clock.PLAUSIBLE_DAYS``:
outside, a located problem (exit 1) or a usage error (exit 2), never an internal error or a
run of minutes (a plan from year 1 made ``psea audit`` count quarters for minutes)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _psea(repo: Path, *args: str, today: str | None = "2021-07-15",
          timeout: float = 60) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PSEA_LANG": "en"}
    for name in ("PSEA_TODAY", "PSEA_DEBUG", "PSEA_NO_CACHE", "PSEA_ROOT", "PSEA_IDENTITY"):
        env.pop(name, None)
    if today is not None:
        env["PSEA_TODAY"] = today
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "psea_cli", "--lang", "en", *args], cwd=repo,
                          env=env, capture_output=True, text=True, timeout=timeout, check=False)
    return done, time.monotonic() - started


def _set(file: Path, key: str, value: str) -> int:
    """Set the top-level ``key`` of ``file`` to ``value``; its line number."""
    lines = file.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    lines[number] = f"{key}: {value}"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number + 1


@pytest.mark.parametrize(("key", "value"), [
    ("start", "0001-01-01"), ("start", "1019-01-01"), ("start", "1919-01-01"),
    ("end", "9999-12-31")])
def test_a_plan_bound_out_of_range_is_a_located_problem(valid_repo: Path, key: str,
                                                        value: str) -> None:
    plan = valid_repo / "data" / "plan" / "test-plan" / "plan.yaml"
    line = _set(plan, key, value)
    done, _ = _psea(valid_repo, "validate")
    assert done.returncode == 1
    assert f"data/plan/test-plan/plan.yaml:{line}:1: error [schema.invalid-date] '{key}' is " \
           "not a date between 2000-01-01 and 2099-12-31" in done.stdout
    for command in (["audit"], ["report", "semester", "2021-S1", "-o", "r.html"],
                    ["indicators", "2021-S1"]):
        done, seconds = _psea(valid_repo, *command)
        assert "internal error" not in done.stderr, command
        assert "Traceback" not in done.stderr, command
        assert seconds < 30, command


def test_a_plan_of_a_century_is_refused(valid_repo: Path) -> None:
    plan = valid_repo / "data" / "plan" / "test-plan" / "plan.yaml"
    _set(plan, "start", "2000-01-01")
    line = _set(plan, "end", "2099-12-31")
    done, _ = _psea(valid_repo, "validate")
    assert done.returncode == 1
    assert f"plan.yaml:{line}:1: error [plan.too-long]" in done.stdout


def test_a_plan_of_ten_years_is_read(valid_repo: Path) -> None:
    plan = valid_repo / "data" / "plan" / "test-plan" / "plan.yaml"
    _set(plan, "start", "2020-01-01")
    _set(plan, "end", "2029-12-31")
    done, _ = _psea(valid_repo, "validate")
    assert "plan.too-long" not in done.stdout
    assert "schema.invalid-date" not in done.stdout


@pytest.mark.parametrize(("today", "command"), [
    ("garbage", ["validate"]), ("2021-02-30", ["validate"]), ("0001-01-01", ["validate"]),
    ("2021-W28-3", ["validate"]), ("2100-01-01", ["report", "semester", "2021-S1"]),
    ("garbage", ["report", "semester", "2021-S1"]), ("0001-01-01", ["audit"]),
    ("20210715", ["plan"])])
def test_a_malformed_psea_today_is_a_usage_error(valid_repo: Path, today: str,
                                                 command: list[str]) -> None:
    warm, _ = _psea(valid_repo, *command)  # a filed verdict or kept report: never the answer
    assert warm.returncode in (0, 1), warm.stderr
    done, _ = _psea(valid_repo, *command, today=today)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "PSEA_TODAY" in done.stderr
    assert "YYYY-MM-DD" in done.stderr
    assert "internal error" not in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("period", ["9999-S2", "0001", "2021-S3"])
def test_a_progress_period_out_of_range_is_a_located_problem(valid_repo: Path,
                                                             period: str) -> None:
    folder = valid_repo / "data" / "plan" / "test-plan" / "progress"
    progress = sorted(folder.glob("*.yaml"))[0]
    line = _set(progress, "period", f'"{period}"')
    done, _ = _psea(valid_repo, "validate")
    assert done.returncode == 1, done.stderr
    assert f"{progress.relative_to(valid_repo)}:{line}:1: error [schema.invalid-format]" \
        in done.stdout


@pytest.mark.parametrize("command", [["audit"], ["indicators", "2021-S1"]])
def test_an_as_of_day_out_of_range_is_a_usage_error(valid_repo: Path,
                                                    command: list[str]) -> None:
    done, _ = _psea(valid_repo, *command, "--as-of", "0001-01-01")
    assert done.returncode == 2
    assert "--as-of" in done.stderr
    assert "between 2000-01-01 and 2099-12-31" in done.stderr
    assert "internal error" not in done.stderr
