"""Manual indicators, targets and status, and the choice of period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from psea_cli import periods
from psea_cli.dataset import Dataset
from psea_cli.indicators import IndicatorResult, compute, default_period, period_named
from psea_cli.indicators.targets import status
from psea_cli.problems import PseaError
from psea_cli.validation import load_dataset

LATER = dt.date(2022, 1, 1)
MANUAL_INDICATORS = """\
            indicators:
              - id: "2.1-b"
                text: "# de sessions"
                unit: count
                measured_by: manual
                target_source: {kind: network, reference: "Réunion du réseau, 2020-01-15"}
                targets: {"2020-S2": 10, "2020": 4}
              - id: "2.1-c"
                text: "% de communautés"
                unit: percent
                measured_by: manual
                target_source: {kind: network, reference: "Réunion du réseau, 2020-01-15"}
                targets: {"2021": 50}
              - id: "2.1-d"
                text: Niveau des SOP
                unit: qualitative
                measured_by: manual
                target_source: {kind: network, reference: "Réunion du réseau, 2020-01-15"}
                targets: {"2020": 2}
              - id: "2.1-e"
                text: Comité en place
                unit: boolean
                measured_by: manual
                target_source: {kind: network, reference: "Réunion du réseau, 2020-01-15"}
                targets: {"2020": true}
"""
S2_VALUES = """\
  "2.1-b":
    value: 12
    source: Rapport semestriel
  "2.1-c":
    numerator: 3
    denominator: 12
    source: Enquête communautaire
  "2.1-d":
    level: 1
    source: Rapport semestriel
"""
S1_2021 = """\
period: 2021-S1
indicators:
  "2.1-c":
    numerator: 6
    denominator: 10
    source: Enquête communautaire
  "2.1-e":
    value: true
    source: Compte rendu
"""


@pytest.fixture
def dataset(valid_repo: Path) -> Dataset:
    plan = valid_repo / "data" / "plan" / "test-plan" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + MANUAL_INDICATORS, encoding="utf-8")
    progress = plan.parent / "progress"
    s2 = progress / "2020-S2.yaml"
    s2.write_text(s2.read_text(encoding="utf-8") + S2_VALUES, encoding="utf-8")
    (progress / "2021-S1.yaml").write_text(S1_2021, encoding="utf-8")
    loaded, problems = load_dataset(valid_repo)
    assert problems == []
    return loaded


def results(dataset: Dataset, key: str) -> dict[str, IndicatorResult]:
    return {r.id: r for r in compute(dataset, periods.parse(key), LATER).indicators}


def test_every_indicator_of_the_plan_in_plan_order(dataset: Dataset) -> None:
    assert list(results(dataset, "2020-S2")) == [
        "1.1-a", "1.1-b", "2.1-a", "2.1-b", "2.1-c", "2.1-d", "2.1-e"]


def test_manual_values_are_read_as_their_unit_says(dataset: Dataset) -> None:
    got = results(dataset, "2020-S2")
    assert (got["2.1-a"].value, got["2.1-a"].date) == ("done", dt.date(2020, 11, 20))
    assert got["2.1-a"].source == "Compte rendu de l'EHP"
    assert got["2.1-b"].value == 12
    assert (got["2.1-c"].value, got["2.1-c"].numerator, got["2.1-c"].denominator) == (
        25.0, 3, 12)
    assert got["2.1-d"].value == 1
    assert got["2.1-a"].metric is None
    assert got["2.1-a"].recorded_period == "2020-S2"


def test_a_missing_value_is_missing_not_zero(dataset: Dataset) -> None:
    got = results(dataset, "2020-S2")["2.1-e"]
    assert got.value is None
    assert got.status == "no_data"
    assert got.source is None
    nothing_recorded = results(dataset, "2020-S1")["2.1-b"]
    assert nothing_recorded.value is None
    assert nothing_recorded.status == "no_data"


def test_targets_exact_period_first_then_the_year(dataset: Dataset) -> None:
    got = results(dataset, "2020-S2")
    assert (got["2.1-b"].target, got["2.1-b"].status) == (10, "on_track")  # 12 ≥ 10
    assert (got["2.1-c"].target, got["2.1-c"].status) == (None, "no_target")
    assert (got["2.1-d"].target, got["2.1-d"].status) == (2, "behind")  # level 1 < 2
    assert (got["2.1-a"].target, got["2.1-a"].status) == ("done", "on_track")
    assert results(dataset, "2020-Q4")["2.1-b"].target == 4  # the year's target


def test_a_year_takes_its_latest_recorded_period(dataset: Dataset) -> None:
    got = results(dataset, "2021")
    assert got["2.1-c"].recorded_period == "2021-S1"
    assert got["2.1-c"].value == 60.0
    assert got["2.1-c"].status == "on_track"  # 60 % against the 2021 target of 50 %
    assert (got["2.1-e"].value, got["2.1-e"].status) == (True, "no_target")


def test_computed_indicators_carry_their_metric(dataset: Dataset) -> None:
    got = results(dataset, "2020-S2")["1.1-b"]
    assert got.metric == "response_within_7_days"
    assert got.source == "computed"
    assert (got.value, got.numerator, got.denominator) == (100.0, 1, 1)
    assert (got.target, got.status) == (100, "on_track")


@pytest.mark.parametrize(("unit", "value", "target", "expected"), [
    ("percent", None, 100, "no_data"),
    ("percent", 80.0, None, "no_target"),
    ("percent", 80.0, 80, "on_track"),
    ("percent", 79.9, 80, "behind"),
    ("count", 3, "beaucoup", "no_target"),
    ("amount", 330000.0, 300000, "on_track"),
    ("milestone", "in_progress", "done", "behind"),
    ("milestone", "done", "done", "on_track"),
    ("milestone", "in_progress", "in_progress", "on_track"),
    ("milestone", "done", True, "on_track"),
    ("boolean", False, True, "behind"),
    ("boolean", True, True, "on_track"),
    ("qualitative", 3, 2, "on_track"),
    ("qualitative", 1, 2, "behind"),
])
def test_status_rules(unit: str, value: object, target: object, expected: str) -> None:
    assert status(unit, value, target) == expected  # type: ignore[arg-type]


def test_default_period_is_the_last_complete_semester_inside_a_plan(dataset: Dataset) -> None:
    assert default_period(dataset, today=dt.date(2026, 5, 1)).key == "2021-S2"
    assert default_period(dataset, today=dt.date(2020, 10, 5)).key == "2020-S1"
    assert default_period(dataset, today=dt.date(2020, 12, 31)).key == "2020-S2"
    assert default_period(dataset, "quarter", today=dt.date(2020, 10, 5)).key == "2020-Q3"
    with pytest.raises(PseaError, match=r"test-plan 2020-01-01\.\.2021-12-31"):
        default_period(dataset, today=dt.date(2020, 6, 29))


def test_periods_by_name_and_a_plan_s_whole_span(dataset: Dataset) -> None:
    assert period_named(dataset, "2020-s2").key == "2020-S2"
    whole = period_named(dataset, "test-plan")
    assert (whole.start, whole.end) == (dt.date(2020, 1, 1), dt.date(2021, 12, 31))
    assert period_named(dataset, "plan") == whole
    with pytest.raises(PseaError, match="not a period"):
        period_named(dataset, "2020-S3")


def test_a_period_outside_every_plan_is_refused_naming_the_plans(dataset: Dataset) -> None:
    with pytest.raises(PseaError, match=r"2019-S2 is outside every plan.*test-plan 2020-01-01"):
        compute(dataset, periods.parse("2019-S2"))


def test_whole_plan_span_adds_up_the_quarters(dataset: Dataset) -> None:
    report = compute(dataset, period_named(dataset, "test-plan"), LATER)
    quarters = report.metrics["cases_received"].breakdowns["quarter"]
    assert list(quarters) == [f"{y}-Q{q}" for y in (2020, 2021) for q in (1, 2, 3, 4)]
    assert sum(quarters.values()) == report.metrics["cases_received"].value == 1
