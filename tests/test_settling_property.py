"""Whatever the network, settling its quarters changes no figure: the facts a later reading
reuses are those it would read afresh, workers settle what this process would, and every
period published from the settled quarters is the one published without them
(``indicators.settling``, ``indicators.quarters``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psea_cli import forked, periods
from psea_cli.dataset import Dataset, Located
from psea_cli.disclosure import threshold_of
from psea_cli.indicators import quarters
from psea_cli.indicators.quarters import QuarterCache, by_quarter, settled_quarter, shared_day
from psea_cli.indicators.settling import settle
from psea_cli.indicators.shared import publish
from psea_cli.models import Case
from psea_cli.validation import load_dataset

SHIPPED = Path(__file__).parent.parent
REGIONS = ["ML01", "ML02", "ML05"]
FIRST = dt.date(2019, 7, 1)
EXAMPLES = int(os.environ.get("PSEA_SETTLING_EXAMPLES", "40"))

KINDS = ["acknowledged", "assistance_referred", "referred_to_entity", "entity_acknowledged",
         "identity_shared", "investigation_opened", "investigation_concluded", "measures_taken",
         "legal_information", "feedback_given", "satisfaction", "closed", "reopened"]


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    return load_dataset(SHIPPED)[0]


@st.composite
def events(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(KINDS))
    after = draw(st.one_of(st.integers(0, 20), st.integers(0, 700)))  # spread over quarters
    event: dict[str, Any] = {"kind": kind, "date": after}
    if draw(st.booleans()):
        event["time"] = draw(st.sampled_from(["00:10:00", "23:50:00"]))
    if kind == "assistance_referred":
        event["service"] = "medical"
    elif kind == "satisfaction":
        event["value"] = draw(st.sampled_from(["satisfied", "not_satisfied"]))
    elif kind == "closed":
        event["reason"] = draw(st.sampled_from(["needs_met", "duplicate", "other"]))
    elif kind == "investigation_concluded":
        event["outcome"] = draw(st.sampled_from(["substantiated", "unsubstantiated", None]))
    elif kind == "investigation_opened":
        event["survivor_participates"] = draw(st.sampled_from([True, False, None]))
    return event


@st.composite
def networks(draw: st.DrawFn) -> list[dict[str, Any]]:
    return draw(st.lists(st.fixed_dictionaries({
        "day": st.integers(0, 800),
        "time": st.sampled_from([None, None, "23:59:00", "00:01:00"]),
        "region": st.sampled_from(REGIONS),
        "allegation": st.sampled_from(["sexual_exploitation", "sexual_abuse", "sexual_abuse",
                                       "other", "not_sea"]),
        "sex": st.sampled_from(["female", "male"]),
        "survivors": st.sampled_from([1, 1, 2, 6]),
        "reporting": st.sampled_from(["yes", "yes", "no", "not_asked"]),
        "investigation": st.sampled_from(["yes", "no"]),
        "identity": st.sampled_from(["yes", "no"]),
        "organisation": st.booleans(),
        "events": st.lists(events(), max_size=6),
    }), min_size=1, max_size=30))


def _when(day: dt.date, time: str | None) -> Any:
    return day if time is None else dt.datetime.fromisoformat(f"{day.isoformat()}T{time}")


def _record(i: int, c: dict[str, Any]) -> Located[Case]:
    day = FIRST + dt.timedelta(days=c["day"])
    events = []
    for event in c["events"]:
        event = dict(event)
        event["date"] = _when(day + dt.timedelta(days=event.pop("date")), event.pop("time", None))
        events.append(event)
    case = Case.model_validate({
        "id": f"{i:08d}".replace("0", "A"), "received": _when(day, c["time"]),
        "channel": "hotline", "region": c["region"], "allegation": c["allegation"],
        "survivor": {"sex": c["sex"], "age_group": "adult", "count": c["survivors"]},
        "perpetrator": {"affiliation": "nngo" if c["organisation"] else "unknown"},
        "consent": {"reporting": c["reporting"], "investigation": c["investigation"],
                    "identity": c["identity"], "assistance": "yes"},
        "events": events})
    return Located(case, f"data/cases/{case.id}.yaml")


def _plain(cache: QuarterCache) -> dict[Any, Any]:
    """A cache's quarters as plain values (a ``Rounder`` has no equality of its own)."""
    return {key: (q.total, q.survivors, q.parts, q.breakdowns, q.medians, q.left_out,
                  q.accountability, q.rounder.reading, q.rounder.afresh, q.read_on, q.held)
            for key, q in cache.items()}


def _every_record_moved(quarter: periods.Period, records: Iterable[Case], day: dt.date,
                        pending_days: int = 0) -> tuple[list[dt.date], list[set[int]]]:
    cases = list(records)
    days, _moved = READING_DAYS(quarter, cases, day, pending_days)
    return days, [{id(case) for case in cases} for _day in days]


READING_DAYS = quarters.reading_days


def _settled(dataset: Dataset, shown: list[periods.Period], as_of: dt.date,
             parallel: bool) -> QuarterCache:
    cache: QuarterCache = {}
    settle(dataset, shown, as_of, (), cache, parallel=parallel)
    return cache


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(cases=networks(), as_of=st.dates(dt.date(2019, 10, 1), dt.date(2022, 3, 31)))
def test_whatever_the_network_settling_changes_no_figure(
        shipped: Dataset, cases: list[dict[str, Any]], as_of: dt.date) -> None:
    dataset = dataclasses.replace(shipped, cases=[_record(i, c) for i, c in enumerate(cases)])
    day = shared_day(as_of)
    counted = [q for q in periods.span(FIRST, dt.date(2021, 12, 31)).quarters() if q.end <= day]
    if not counted:
        return
    # (a) the facts a later reading reuses are those it would read afresh
    base = threshold_of(dataset.network)
    located = by_quarter(dataset, day)
    reused: QuarterCache = {}
    afresh: QuarterCache = {}
    for quarter in counted:
        settled_quarter(dataset, located.get(quarter.key, []), quarter, day, (), base, reused)
        with mock.patch.object(quarters, "reading_days", _every_record_moved):
            settled_quarter(dataset, located.get(quarter.key, []), quarter, day, (), base,
                            afresh)
    assert _plain(reused) == _plain(afresh)
    # (b) workers settle what this process settles
    shown = [periods.containing(as_of, "semester"), periods.span(FIRST, dt.date(2021, 12, 31)),
             *counted]
    serial = _settled(dataset, shown, as_of, parallel=False)
    if forked.workers() > 1:
        assert _plain(_settled(dataset, shown, as_of, parallel=True)) == _plain(serial)
    # (c) every period published from the settled quarters is the one published without
    for period in [*counted, *{periods.containing(q.start, "semester") for q in counted},
                   *{periods.containing(q.start, "year") for q in counted}]:
        assert publish(dataset, period, as_of, cache=dict(serial)) == publish(dataset, period,
                                                                              as_of)
