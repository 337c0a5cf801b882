"""General rules of the case metrics, on arbitrary case records (hypothesis)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psea_cli import periods
from psea_cli.dataset import Dataset, Located
from psea_cli.indicators import METRICS, compute
from psea_cli.models import Case
from psea_cli.validation import load_dataset

VALID = Path(__file__).parent / "data" / "valid"
KINDS = ["acknowledged", "assistance_referred", "referred_to_entity", "legal_information",
         "satisfaction", "closed"]
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


@pytest.fixture(scope="module")
def base() -> Dataset:
    dataset, problems = load_dataset(VALID)
    assert problems == []
    return dataset


def _when(day: dt.date, hour: int | None) -> str:
    return day.isoformat() if hour is None else f"{day.isoformat()}T{hour:02d}:00"


@st.composite
def cases(draw: st.DrawFn, index: int) -> Case:
    received = draw(st.dates(dt.date(2019, 12, 1), dt.date(2021, 1, 31)))
    hour = draw(st.none() | st.integers(0, 23))
    events: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(KINDS))
        event: dict[str, Any] = {
            "kind": kind,
            "date": _when(received + dt.timedelta(days=draw(st.integers(0, 12))),
                          draw(st.none() | st.integers(0, 23)))}
        if kind == "satisfaction":
            event["value"] = draw(st.sampled_from(["satisfied", "not_satisfied"]))
        events.append(event)
    ident = "".join(CROCKFORD[(index >> (5 * k)) % 32] for k in range(8))
    return Case.model_validate({
        "id": ident, "received": _when(received, hour),
        "channel": draw(st.sampled_from(["hotline", "cbcm", "focal_point", "other"])),
        "region": draw(st.sampled_from(["ML05", "ML06", "ML09"])),
        "allegation": draw(st.sampled_from(["sexual_exploitation", "sexual_abuse", "other",
                                            "not_sea"])),
        "survivor": {"sex": draw(st.sampled_from(["female", "male", "unknown"])),
                     "age_group": draw(st.sampled_from(["child", "adult", "unknown"]))},
        "consent": {"assistance": draw(st.sampled_from(["yes", "no", "not_asked"])),
                    "investigation": draw(st.sampled_from(["yes", "no", "not_asked"]))},
        "events": events,
    })


case_lists = st.integers(0, 40).flatmap(
    lambda n: st.tuples(*(cases(i) for i in range(n))).map(list))


def with_cases(base: Dataset, records: list[Case]) -> Dataset:
    return dataclasses.replace(base, cases=[Located(c, f"data/cases/{c.id}.yaml")
                                            for c in records])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case_lists)
def test_quarterly_counts_add_up_to_the_semester_and_the_year(
        base: Dataset, records: list[Case]) -> None:
    dataset = with_cases(base, records)
    as_of = dt.date(2022, 1, 1)

    def received(key: str) -> float | None:
        return compute(dataset, periods.parse(key), as_of).metrics["cases_received"].value

    quarters = [received(f"2020-Q{q}") for q in range(1, 5)]
    s1, s2, year = received("2020-S1"), received("2020-S2"), received("2020")
    assert s1 == quarters[0] + quarters[1]  # type: ignore[operator]
    assert s2 == quarters[2] + quarters[3]  # type: ignore[operator]
    assert year == s1 + s2  # type: ignore[operator]
    by_quarter = compute(dataset, periods.parse("2020"), as_of).metrics["cases_received"]
    assert list(by_quarter.breakdowns["quarter"].values()) == quarters
    for dimension in ("region", "channel", "allegation", "sex_age"):
        assert sum(by_quarter.breakdowns[dimension].values()) == year


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case_lists, st.sampled_from(["2020-Q2", "2020-S2", "2020"]),
       st.dates(dt.date(2020, 1, 1), dt.date(2021, 3, 1)))
def test_percentages_stay_between_0_and_100(base: Dataset, records: list[Case], key: str,
                                           as_of: dt.date) -> None:
    report = compute(with_cases(base, records), periods.parse(key), as_of)
    for name, metric in report.metrics.items():
        if METRICS[name].unit != "percent":
            continue
        assert metric.denominator is not None
        assert metric.numerator is not None
        assert 0 <= metric.numerator <= metric.denominator, name
        if metric.denominator == 0:
            assert metric.value is None, name
        else:
            assert metric.value is not None
            assert 0.0 <= metric.value <= 100.0, name
        for dimension, counts in metric.breakdowns.items():
            if dimension.endswith("_denominator"):
                continue
            totals = metric.breakdowns.get(f"{dimension}_denominator", {})
            for category, n in counts.items():
                assert 0 <= n <= totals.get(category, n), (name, dimension, category)
