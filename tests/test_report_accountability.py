"""The report's accountability figures: what followed each complaint, published through the
shared protected view (rounded to multiples of the threshold, adding up to the published
totals), never a raw count."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import FIXTURE, TODAY, render_fixture

from psea_cli import periods
from psea_cli.cases.vocabulary import MEASURES, PERPETRATOR_CATEGORIES
from psea_cli.indicators import accountability as acc
from psea_cli.indicators.shared import publish
from psea_cli.models.service import SERVICE_TYPES
from psea_cli.report import accountability_section
from psea_cli.report.cases_section import shown
from psea_cli.validation import load_dataset

SHIPPED = Path(__file__).resolve().parent.parent


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
        assert sorted(figures.parts) == sorted(
            ["category", "measures", *(f"service/{kind}" for kind in SERVICE_TYPES)])


def _cell(row: str, number: int) -> str:
    return row.split("|")[number].strip()


def _rows(table: dict[str, Any]) -> list[str]:
    return [row[1] for row in table["rows"][:-1]]


@pytest.mark.parametrize("key", ["2019-Q3", "2020-S2", "2020"])
def test_the_report_never_rounds_a_published_figure_a_second_time(key: str) -> None:
    """The referral to the entity, the investigations, the survivors informed and the time
    open are the published metrics themselves: two roundings of one figure, or of two nested
    sets of cases (the cases not referred, the known-entity cases not referred), would narrow
    them down."""
    dataset, _problems = load_dataset(SHIPPED)
    period = periods.parse(key)
    now = publish(dataset, period, TODAY)
    built = accountability_section.build(acc.accountability(dataset, period, TODAY), now, 7)
    tables = {table["title"]: table for table in built["tables"]}
    details = now.metrics["investigation_outcomes"].details
    assert _rows(tables["Investigations by status and outcome"]) == [
        shown(_int(details[part]), 5) for part in (
            "not_opened", "ongoing", "substantiated", "unsubstantiated",
            "insufficient_information")]
    referral = now.metrics["investigation_referral_with_consent"]
    assert _rows(tables["Referral of the complaint to the entity concerned"]) == [
        shown(_int(referral.details[part]), 5) for part in (
            "referred_in_time", "referred_late", "not_referred", "no_entity_known")]
    assert _int(referral.details["referred_in_time"]) + _int(referral.details["referred_late"]) \
        == (referral.numerator or 0) + _int(referral.details["referred_with_consent_breach"])
    open_by_age = now.metrics["open_cases_by_age"].details
    time_open = next(t for title, t in tables.items() if title.startswith("Complaints of the"))
    assert _rows(time_open) == [shown(_int(open_by_age[part]), 5) for part in (
        "under_30_days", "30_to_60_days", "over_60_days", "closed")]
    assert "rows" not in built["sex_age"]  # the SOP deadlines by sex and age: not shared


def _int(value: object) -> int:
    assert isinstance(value, int)
    return value


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


@pytest.mark.parametrize("key", ["2019-Q3", "2020-S2", "2021-S2", "2020", "2021"])
def test_a_share_is_never_shown_from_a_part_published_as_fewer_than_five(key: str) -> None:
    """"Referred within the delay: <5" of 25 referred stands for 0 to 4 cases: the sentence
    beside the table says the share is withheld, never "0 %" (a reviewer read 0 % where the
    records gave 17 %), nor "100 %" when the late ones are <5."""
    dataset, _problems = load_dataset(SHIPPED)
    period = periods.parse(key)
    day = dt.date(2026, 12, 3)  # every quarter of the plan read, as the shipped report is
    now = publish(dataset, period, day)
    built = accountability_section.build(acc.accountability(dataset, period, day), now, 7)
    details = now.metrics["investigation_referral_with_consent"].details
    in_time, late = _int(details["referred_in_time"]), _int(details["referred_late"])
    share = built["referral"]["share"]
    if in_time < 5 or late < 5:  # "0 %" or "100 %" where <5 stands for 0 to 4
        assert share == "withheld to protect survivors (a part of it counts fewer than 5 cases)"
    else:
        assert share.endswith("%")
        assert float(share.rstrip(" %").replace(",", ".")) == pytest.approx(
            100 * in_time / (in_time + late), abs=0.5)
    assert share != "0%"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_row_of_the_measures_table_reads_as_the_start_of_another(lang: str) -> None:
    """"Aucune mesure enregistrée 45" above "Aucune mesure <5" read as the same row twice:
    the entity's decision to take none is said as a decision, apart from no measure recorded."""
    from psea_cli.i18n import set_language

    set_language(lang)
    try:
        rows = [accountability_section._word("not_recorded")] + [
            accountability_section.case_label("measure", code) for code in MEASURES]
    finally:
        set_language("en")
    words = [row.casefold() for row in rows]
    assert len(set(words)) == len(words)
    for one in words:
        for other in words:
            assert one == other or not other.startswith(one), (one, other)


@pytest.mark.parametrize("key", ["2019-Q3", "2020-S2", "2020"])
def test_every_type_of_service_is_listed_a_published_zero_as_fewer_than_five(key: str) -> None:
    """A type left out when its published count is 0 told the HCT that no survivor was
    referred to it (and, every type left out, « no referral recorded ») where 0 stands for 0
    to 4: each type has its row, ``<5`` when published 0."""
    dataset, _problems = load_dataset(SHIPPED)
    figures = acc.accountability(dataset, periods.parse(key), TODAY)
    table = accountability_section._services(figures)
    assert len(table["rows"]) == len(SERVICE_TYPES)
    for kind, row in zip(SERVICE_TYPES, table["rows"], strict=True):
        referred = figures.parts[f"service/{kind}"].get("referred", 0)
        assert row[1] == shown(referred, figures.base)
