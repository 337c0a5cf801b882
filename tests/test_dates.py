"""Dates are written YYYY-MM-DD (a case's dates may add a time of day). Anything else is
refused, numbers first: pydantic alone would read ``received: 20200715`` as 20,200,715
seconds after 1 January 1970 and record a complaint on 22 August 1970."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from psea_cli.clock import PLAUSIBLE_DAYS
from psea_cli.models.base import Day, DayOrTime
from psea_cli.models.plan import PeriodEnd, PeriodStart

DAY = TypeAdapter(Day)
DAY_OR_TIME = TypeAdapter(DayOrTime)
START, END = TypeAdapter(PeriodStart), TypeAdapter(PeriodEnd)


@given(st.one_of(st.integers(), st.floats(), st.booleans(), st.none(),
                 st.integers(0, 10**10).map(str)))
def test_a_number_is_never_a_date(value: object) -> None:
    for adapter in (DAY, DAY_OR_TIME):
        with pytest.raises(ValidationError):
            adapter.validate_python(value)


@given(st.dates(*PLAUSIBLE_DAYS))
def test_every_day_written_iso_is_read_as_that_day(day: dt.date) -> None:
    assert DAY.validate_python(day.isoformat()) == day
    read = DAY_OR_TIME.validate_python(day.isoformat())
    assert read == day
    assert type(read) is dt.date


@given(st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2099, 12, 31, 23, 59)).map(
    lambda m: m.replace(second=0, microsecond=0)))
def test_a_day_with_a_time_keeps_its_time_even_at_midnight(moment: dt.datetime) -> None:
    read = DAY_OR_TIME.validate_python(moment.strftime("%Y-%m-%dT%H:%M"))
    assert read == moment
    assert type(read) is dt.datetime


@pytest.mark.parametrize("text", ["2020-W28-3", "15/07/2020", "2020-07-15T25:00", "2020-7-15",
                                  "2020-02-30", "July 2020", "2020-07-15 garbage"])
def test_other_ways_of_writing_a_date_are_refused(text: str) -> None:
    for adapter in (DAY, DAY_OR_TIME):
        with pytest.raises(ValidationError):
            adapter.validate_python(text)


def test_plan_periods_take_a_year_a_month_or_a_day_but_no_other_number() -> None:
    assert START.validate_python(2020) == dt.date(2020, 1, 1)
    assert END.validate_python("2020-02") == dt.date(2020, 2, 29)
    assert END.validate_python("2021-06-15") == dt.date(2021, 6, 15)
    for value in (20200715, "20200715", 202007, 1577836800):
        with pytest.raises(ValidationError):
            START.validate_python(value)


@given(st.datetimes(min_value=dt.datetime(1900, 1, 2), timezones=st.timezones()))
def test_a_time_with_a_zone_is_refused_written_or_given(moment: dt.datetime) -> None:
    """Deadlines count local hours, and a zoned time cannot be compared with a local one (it
    stopped validate, indicators and the report with an internal error)."""
    with pytest.raises(ValidationError) as caught:
        DAY_OR_TIME.validate_python(moment)
    assert caught.value.errors()[0]["type"] == "psea.time-zone"
    for suffix in ("Z", "+01:00", "-0430"):
        with pytest.raises(ValidationError):
            DAY_OR_TIME.validate_python(moment.strftime("%Y-%m-%dT%H:%M") + suffix)


@pytest.mark.parametrize("text", ["0001-01-01", "1999-12-31", "2100-01-01", "9999-12-31",
                                  "1019-01-01T10:00"])
def test_a_day_outside_the_plausible_days_is_refused(text: str) -> None:
    for adapter in (DAY_OR_TIME, *([DAY] if len(text) == 10 else [])):
        with pytest.raises(ValidationError, match="between 2000-01-01 and 2099-12-31"):
            adapter.validate_python(text)
