"""Indicators computed from prevention records: each session counted once, a manual value for a
computed indicator refused, and the figures of the shipped demonstration records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from psea_cli import periods
from psea_cli.indicators import compute
from psea_cli.validation import load_dataset

LATER = dt.date(2022, 1, 1)
REPO = Path(__file__).parent.parent
RECORD_INDICATOR = """\
              - id: "1.1-c"
                text: "# de fonctionnaires formés"
                unit: count
                measured_by: officials_trained
"""
SESSION = """\
id: {id}
kind: training
start: 2020-09-02
region: ML05
organisers: [{organisers}]
audience: government_officials
participants:
  women: 4
  men: 7
  girls: 0
  boys: 0
materials:
  leaflets: 25
"""


FIXTURE_SESSION = """\
id: 2020-07-15-mopti-training
kind: training
start: 2020-07-15
end: 2020-07-16
region: ML05
organisers: [alpha, beta]
plan_activities: ["1.1.1"]
audience: government_officials
participants:
  women: 6
  men: 9
topics: [sea_basics, complaint_mechanisms]
materials:
  leaflets: 30
"""


def _with_record_indicator(repo: Path) -> None:
    """The test plan measures 1.1-c by officials_trained; one session of two organisers."""
    sessions = repo / "data" / "sessions"
    sessions.mkdir(parents=True, exist_ok=True)
    (sessions / "2020-07-15-mopti-training.yaml").write_text(FIXTURE_SESSION, encoding="utf-8")
    plan = repo / "data" / "plan" / "test-plan" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    anchor = "                  \"2021\": 100\n"
    plan.write_text(text.replace(anchor, anchor + RECORD_INDICATOR, 1), encoding="utf-8")


def _session(repo: Path, record_id: str, organisers: str) -> None:
    (repo / "data" / "sessions" / f"{record_id}.yaml").write_text(
        SESSION.format(id=record_id, organisers=organisers), encoding="utf-8")


def _indicator(repo: Path, indicator_id: str, period: str = "2020-S2") -> object:
    dataset, _problems = load_dataset(repo, use_cache=False)
    report = compute(dataset, periods.parse(period), as_of=LATER)
    return next(i for i in report.indicators if i.id == indicator_id)


def test_one_session_recorded_by_two_organisations_counts_once(valid_repo: Path) -> None:
    _with_record_indicator(valid_repo)
    # The session of 2020-07-15 (15 officials, two organisers in one record) counts
    # once, not once per organiser.
    first = _indicator(valid_repo, "1.1-c")
    assert first.value == 15  # type: ignore[attr-defined]
    assert first.metric == "officials_trained"  # type: ignore[attr-defined]

    _session(valid_repo, "mopti-2020-09-02-alpha", "alpha")
    _session(valid_repo, "mopti-2020-09-02-beta", "beta")  # the same session, recorded again

    dataset, problems = load_dataset(valid_repo, use_cache=False)
    report = compute(dataset, periods.parse("2020-S2"), as_of=LATER)
    officials = report.metrics["officials_trained"]
    assert officials.value == 15 + 11
    assert officials.breakdowns["sex_age"] == {"women": 6 + 4, "men": 9 + 7, "girls": 0,
                                               "boys": 0}
    assert officials.details["sessions"] == 2
    assert report.metrics["messages_disseminated"].value == 30 + 25
    assert [(p.file, p.code) for p in problems] == [
        ("data/sessions/mopti-2020-09-02-beta.yaml", "records.duplicate-session")]


def test_a_manual_value_for_an_indicator_computed_from_records_is_a_problem(
        valid_repo: Path) -> None:
    _with_record_indicator(valid_repo)
    progress = valid_repo / "data" / "plan" / "test-plan" / "progress" / "2020-S2.yaml"
    progress.write_text(progress.read_text(encoding="utf-8")
                        + '  "1.1-c":\n    value: 30\n    source: Rapport semestriel\n',
                        encoding="utf-8")

    dataset, problems = load_dataset(valid_repo, use_cache=False)

    assert [(p.file, p.code) for p in problems] == [
        ("data/plan/test-plan/progress/2020-S2.yaml", "progress.computed-indicator")]
    result = next(i for i in compute(dataset, periods.parse("2020-S2"), as_of=LATER).indicators
                  if i.id == "1.1-c")
    assert result.value == 15  # the records' figure, never the typed 30
    assert result.source == "computed"


def test_a_session_counts_in_the_period_of_its_first_day(valid_repo: Path) -> None:
    _with_record_indicator(valid_repo)
    assert _indicator(valid_repo, "1.1-c", "2020-S1").value == 0  # type: ignore[attr-defined]
    assert _indicator(valid_repo, "1.1-c", "2020").value == 15  # type: ignore[attr-defined]


SHIPPED = {  # indicator: metric, value per semester on the shipped demonstration records
    "1.1-c1": "complaint_mechanisms_in_place",
    "1.1-c2": "messages_disseminated",
    "1.1-f": "officials_trained",
    "1.2-a": "risk_assessments",
    "3.1-c2": "network_meetings_documented",
    "3.2-d": "staff_sensitised",
    "3.2-h": "partners_sensitised",
}


@pytest.fixture(scope="module")
def shipped() -> object:
    dataset, problems = load_dataset(REPO, use_cache=False)
    assert not [p for p in problems if p.severity.name == "ERROR"]
    return dataset


@pytest.mark.parametrize("indicator_id", sorted(SHIPPED))
def test_the_shipped_plan_measures_these_indicators_from_records(
        shipped: object, indicator_id: str) -> None:
    for period in ("2019-S2", "2020-S1", "2020-S2", "2021-S1", "2021-S2"):
        report = compute(shipped, periods.parse(period), as_of=LATER)  # type: ignore[arg-type]
        result = next(i for i in report.indicators if i.id == indicator_id)
        assert result.metric == SHIPPED[indicator_id]
        assert result.source == "computed"
        assert isinstance(result.value, float)
    assert any(r.value.synthetic for r in shipped.records.all())  # type: ignore[attr-defined]
