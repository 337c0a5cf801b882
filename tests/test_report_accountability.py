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
from psea_cli.cases.vocabulary import MEASURES, PERPETRATOR_CATEGORIES
from psea_cli.indicators import accountability as acc
from psea_cli.indicators.shared import publish
from psea_cli.models import Case
from psea_cli.report import accountability_section
from psea_cli.report.cases_section import shown
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


@pytest.mark.parametrize("root", [FIXTURE, SHIPPED], ids=["fixture", "shipped"])
def test_every_part_of_a_partition_is_listed_even_when_empty(root: Path) -> None:
    """A row shown only when a case falls in it would make ``<5`` mean 1 to 4 and a missing
    row mean 0: every part is listed in every period."""
    dataset, _problems = load_dataset(root)
    for key in ("2020-Q3", "2020-S2", "2020"):
        figures = acc.accountability(dataset, periods.parse(key), TODAY)
        assert figures.quarters
        assert list(figures.parts["category"]) == list(PERPETRATOR_CATEGORIES)
        assert list(figures.parts["measures"]) == ["not_recorded", *MEASURES]
        assert list(figures.parts["entity_referral"]) == ["in_time", "late", "not_referred"]
        assert list(figures.open_parts) == list(acc.OPEN_PARTS)


def _cell(row: str, number: int) -> str:
    return row.split("|")[number].strip()


@pytest.mark.parametrize("key", ["2019-Q3", "2020-S2", "2020"])
def test_the_report_never_rounds_a_published_figure_a_second_time(key: str) -> None:
    """The investigations and the survivors informed are the published metrics themselves:
    two roundings of one figure would narrow it down."""
    dataset, _problems = load_dataset(SHIPPED)
    period = periods.parse(key)
    now = publish(dataset, period, TODAY)
    built = accountability_section.build(acc.accountability(dataset, period, TODAY), now)
    tables = {table["title"]: table for table in built["tables"]}
    investigations = tables["Investigations by status and outcome"]["rows"][:-1]
    details = now.metrics["investigation_outcomes"].details
    assert [row[1] for row in investigations] == [
        shown(int(details[part]), 5) for part in (  # type: ignore[call-overload]
            "not_opened", "ongoing", "substantiated", "unsubstantiated",
            "insufficient_information")]
    assert "rows" not in built["sex_age"]  # the SOP deadlines by sex and age: not shared


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
