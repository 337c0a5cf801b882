"""A quarter's case figures read again at a later quarter's end, as a hostile review of
2026-12-03 did: the quarterly report made in October reads 2020-Q3 on 30 September, the
semester's (or a quarterly output made in January) reads it on 31 December. With the records
unchanged, nothing but time passed: the figures must be the same, or each is rounded afresh and
the two publications of one count narrow it (5 in October, ``<5`` in January: 1 to 4). Time
moves one thing only: a complaint pending on 30 September whose delay has run out is late
(it read "pending" for ever), and that moves only its way, the other cells keeping their
values."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import write_cases
from typer.testing import CliRunner

from psea_cli.cli import app


def _case(case_id: str, received: str, acknowledged: str | None) -> dict[str, Any]:
    events = [{"kind": "acknowledged", "date": acknowledged}] if acknowledged else []
    return {"id": case_id, "received": received, "channel": "hotline", "region": "ML05",
            "allegation": "sexual_abuse", "survivor": {"sex": "female", "age_group": "adult"},
            "perpetrator": {"affiliation": "nngo"},
            "consent": {"assistance": "yes", "investigation": "yes", "reporting": "yes"},
            "events": events}


CASES = [_case("DC000120", "2020-07-10", "2020-07-11"),
         _case("DC000121", "2020-07-10", "2020-07-11"),
         _case("DC000122", "2020-07-10", "2020-07-11"),
         _case("DC000125", "2020-09-28", None)]
"""Three complaints acknowledged in time in July, one received on 28 September and never
answered: pending on 30 September, late from 5 October on. No event is dated after the
quarter."""


@pytest.fixture
def network(valid_repo: Path) -> Path:
    write_cases(valid_repo, CASES)
    return valid_repo


def _metrics(root: Path, period: str, as_of: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["--root", str(root), "--lang", "en", "indicators", period,
                                      "--suppress", "--format", "json", "--as-of", as_of])
    assert result.exit_code == 0, result.output
    metrics: dict[str, Any] = json.loads(result.stdout)["metrics"]
    return metrics


def _range(shown: object) -> set[int]:
    """The true counts a published count stands for (within 4 of it, never below 0)."""
    n = 0 if shown == "<5" else shown
    assert isinstance(n, int)
    return set(range(max(0, n - 4), n + 5))


def test_the_on_time_count_of_a_past_quarter_is_not_narrowed_by_a_later_reading(
        network: Path) -> None:
    october = _metrics(network, "2020-Q3", "2020-10-15")["response_within_7_days"]
    january = _metrics(network, "2020-S2", "2021-01-15")["response_within_7_days"]
    # the acknowledged-in-time complaints of 2020-Q3 are the same three in both
    both = _range(october["details"]["on_time"]) & _range(january["breakdowns"]["quarter"]
                                                          ["2020-Q3"])
    assert len(both) >= 5, (october["details"], january["breakdowns"]["quarter"])


@pytest.mark.parametrize("later", ["2021-01-15", "2021-04-15", "2022-01-15"])
def test_a_past_quarter_reads_the_same_while_its_records_are_unchanged(
        network: Path, later: str) -> None:
    first = _metrics(network, "2020-Q3", "2020-10-15")
    again = _metrics(network, "2020-Q3", later)
    for name, metric in first.items():
        if name.startswith("median") or not isinstance(metric.get("details"), dict):
            continue
        if name in ("response_within_7_days", "assistance_referral_within_72h"):
            continue  # time moves a complaint pending on 30 September: below
        assert again[name]["details"] == metric["details"], name
        assert again[name]["numerator"] == metric["numerator"], name
        assert again[name]["denominator"] == metric["denominator"], name


def _count(shown: object) -> int:
    return 0 if shown == "<5" else int(shown)  # type: ignore[call-overload]


def test_a_complaint_never_answered_is_late_once_its_delay_has_run_out(
        valid_repo: Path) -> None:
    """Ten complaints of 24 to 30 September never answered read "pending" in every report
    made after, the response rate withheld (« under 5 cases in it or outside it ») while
    ``psea case overdue`` listed them 100 days late. Read again at the end of the quarter their
    delay runs out in, they are late, with no event to move them."""
    write_cases(valid_repo, [_case(f"DC0002{n:02d}", "2020-07-10", "2020-07-11")
                             for n in range(10)]
                + [_case(f"DC0003{n:02d}", f"2020-09-{24 + n % 7}", None) for n in range(10)])
    october = _metrics(valid_repo, "2020-Q3", "2020-10-15")["response_within_7_days"]
    january = _metrics(valid_repo, "2020-Q3", "2021-01-15")["response_within_7_days"]
    assert _count(october["details"]["pending"]) >= 5
    assert january["details"]["pending"] == "<5"
    assert _count(january["details"]["late"]) >= 5
    assert january["details"]["on_time"] == october["details"]["on_time"]
    assert january["value"] is not None  # a rate again: 10 on time, 10 late
    exact = CliRunner().invoke(app, ["--root", str(valid_repo), "--lang", "en", "indicators",
                                     "2020-Q3", "--format", "json", "--as-of", "2021-01-15"])
    assert json.loads(exact.stdout)["metrics"]["response_within_7_days"]["details"][
        "late"] == 10


def _audit(root: Path, as_of: str) -> Any:
    return CliRunner().invoke(app, ["--root", str(root), "--lang", "en", "audit",
                                    "--as-of", as_of])


def test_the_audit_reads_each_past_quarter_again_on_the_publication_s_day(
        network: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``psea audit`` attacked one day's publication and said nothing of the two readings;
    with the time bands judged on the day of reading again (and a quarter read on that day
    afresh, none of its earlier values kept), it now names the quarter."""
    write_cases(network, [*CASES, *(_case(f"DC00013{n}", "2020-09-28", None) for n in range(5))])
    assert _audit(network, "2021-01-15").exit_code == 0
    from psea_cli.indicators import quarters
    from psea_cli.indicators.context import MeasureContext

    monkeypatch.setattr(MeasureContext, "settled_on", property(lambda ctx: ctx.as_of))
    monkeypatch.setattr(quarters, "reading_days",
                        lambda quarter, _records, day, _pending=0: ([day], [set()]))
    result = _audit(network, "2021-01-15")
    assert result.exit_code == 1
    assert ("[day] 2020-Q3: the case figures of a past quarter change when it is read again "
            "later, its records unchanged") in result.stdout
    assert "--as-of 2020-09-30" in result.stdout
