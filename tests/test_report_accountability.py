"""The report's accountability figures: what followed each complaint, published through the
shared protected view (rounded to multiples of the threshold, adding up to the published
totals), never a raw count."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import FIXTURE, TODAY, render_fixture

from psea_cli import periods
from psea_cli.indicators import accountability as acc
from psea_cli.indicators.shared import publish
from psea_cli.models import Case
from psea_cli.validation import load_dataset

SHIPPED = Path(__file__).resolve().parent.parent


def _case(events: list[dict[str, Any]], received: str = "2020-10-01") -> Case:
    record = yaml.safe_load((FIXTURE / "data" / "cases" / "3Z8WD0JD.yaml").read_text("utf-8"))
    record.update(received=received, events=events)
    return Case.model_validate(record)


DAY = dt.date(2020, 12, 31)


@pytest.mark.parametrize(("events", "expected"), [
    ([], "not_referred"),
    ([{"kind": "referred_to_entity", "date": "2020-10-08"}], "in_time"),
    ([{"kind": "referred_to_entity", "date": "2020-10-09"}], "late"),
    ([{"kind": "referred_to_entity", "date": "2021-01-02"}], "not_referred"),  # after the day
])
def test_referral_to_the_entity_is_judged_against_the_sop_delay(
        events: list[dict[str, Any]], expected: str) -> None:
    assert acc._entity_referral(7)(_case(events), DAY) == expected


@pytest.mark.parametrize(("events", "expected"), [
    ([], "not_opened"),
    ([{"kind": "investigation_opened", "date": "2020-10-10"}], "ongoing"),
    ([{"kind": "investigation_opened", "date": "2020-10-10"},
      {"kind": "investigation_concluded", "date": "2020-12-01", "outcome": "substantiated"}],
     "substantiated"),
])
def test_an_investigation_is_counted_by_its_status_and_outcome(
        events: list[dict[str, Any]], expected: str) -> None:
    assert acc._investigation(_case(events), DAY) == expected


@pytest.mark.parametrize(("received", "events", "expected"), [
    ("2020-12-15", [], "up_to_30_days"),
    ("2020-11-01", [], "31_to_90_days"),
    ("2020-10-01", [], "91_to_180_days"),
    ("2019-06-01", [], "over_365_days"),
    ("2020-10-01", [{"kind": "closed", "date": "2020-11-01", "reason": "needs_met"}], "closed"),
    ("2020-11-01", [{"kind": "closed", "date": "2020-11-10", "reason": "needs_met"},
                    {"kind": "reopened", "date": "2020-11-20"}], "31_to_90_days"),
])
def test_open_cases_are_banded_by_how_long_they_have_been_open(
        received: str, events: list[dict[str, Any]], expected: str) -> None:
    assert acc._open_age(_case(events, received), DAY) == expected


@pytest.mark.parametrize("root", [FIXTURE, SHIPPED], ids=["fixture", "shipped"])
def test_every_figure_is_a_published_count_adding_up_to_the_published_total(root: Path) -> None:
    dataset, _problems = load_dataset(root)
    period = periods.parse("2020-S2")
    figures = acc.accountability(dataset, period, TODAY)
    base = figures.base
    published = publish(dataset, period, TODAY).metrics["cases_received"]
    total = int(published.value or 0)
    assert figures.quarters == ("2020-Q3", "2020-Q4")
    for name, parts in figures.parts.items():
        assert sum(parts.values()) == total, name
        assert all(n % base == 0 for n in parts.values()), (name, parts)
    assert all(n % base == 0 for n in figures.open_parts.values())


def test_the_accountability_section_shows_no_small_count() -> None:
    for lang in ("fr", "en"):
        html = render_fixture(lang, "html")
        section = html[html.index('id="accountability"'):html.index('id="directory"')]
        cells = re.findall(r"<td[^>]*>([^<]*)</td>", section)
        assert cells
        numbers = [int(c.replace("\u202f", "").replace(",", "")) for c in cells
                   if re.fullmatch(r"[\d\u202f,]+", c)]
        assert numbers
        assert all(n % 5 == 0 for n in numbers), numbers
