"""The cases part of the report: the published (protected) case figures, shown as they are.

Every figure comes from the shared view (``psea_cli.indicators.shared.publish``): each case
count is already a multiple of the threshold, rounded quarter by quarter so that no figure
can be worked out from others, and a 0 is shown as ``<5`` (0 to 4). A table's totals are
the sums of its published cells. No case record is read here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from psea_cli import disclosure, formatting
from psea_cli.dataset import Dataset
from psea_cli.i18n import _, ngettext
from psea_cli.indicators.case_metrics import UNLISTED_REGION
from psea_cli.indicators.labels import key_label
from psea_cli.indicators.shown import NOT_PUBLISHED
from psea_cli.indicators.values import IndicatorReport, MetricValue
from psea_cli.report.labels import capitalised, case_label, withheld_share


def shown(n: int, threshold: int) -> int | str:
    """A published case count as printed: 0 (which means 0 to threshold - 1) as ``<5``."""
    return f"<{threshold}" if n < threshold else n


def _one_way(title: str, heading: str, counts: Mapping[str, int], names: Mapping[str, str],
             threshold: int, total: int) -> dict[str, Any]:
    rows: list[list[Any]] = [[names.get(key, key), shown(n, threshold)]
                             for key, n in counts.items()
                             if n or key != UNLISTED_REGION]  # shown when published: not <5
    rows.append([_("Total"), shown(total, threshold)])
    return {"title": title, "header": [heading, _("Cases")], "rows": rows, "total": True}


def _sex_by_age(counts: Mapping[str, int], threshold: int) -> dict[str, Any]:
    table: dict[str, dict[str, int]] = {}
    ages: list[str] = []
    for key, n in counts.items():
        sex, _sep, age = key.partition("/")
        table.setdefault(sex, {})[age] = n
        if age not in ages:
            ages.append(age)
    rows: list[list[Any]] = []
    for sex, cells in table.items():
        rows.append([case_label("sex", sex), *(shown(cells.get(a, 0), threshold) for a in ages),
                     shown(sum(cells.values()), threshold)])
    rows.append([_("Total"), *(shown(sum(c.get(a, 0) for c in table.values()), threshold)
                               for a in ages), shown(sum(counts.values()), threshold)])
    return {"title": _("By sex and age group of the survivor"),
            "header": [_("Sex"), *(case_label("age_group", a) for a in ages), _("Total")],
            "rows": rows, "total": True}


def _timeliness(metric: MetricValue | None, text: str, short: str, after: str, deadline: str,
                threshold: int, survivors: bool = False) -> dict[str, Any]:
    """One SOP deadline: the percentage on time (of cases, or of ``survivors``), or why it is
    not shown; ``short`` names it alone, ``after`` follows its percentage ("91 %" "of…")."""
    percent = "—"
    if metric is not None and metric.not_published is not None:
        value = percent = _(NOT_PUBLISHED[metric.not_published])
    elif metric is not None and metric.withheld:  # a published file that lacks it
        value = percent = _("withheld")
    elif metric is None or metric.denominator is None:
        value = _("no case")
    elif metric.value is None or disclosure.withhold_percent(
            metric.value, metric.denominator, threshold) is None:
        value = percent = withheld_share(threshold)
    else:
        percent = formatting.format_percent(metric.value)
        count = formatting.format_number(metric.denominator)
        value = (_("{percent} of {count} survivors") if survivors
                 else _("{percent} of {count} cases")).format(percent=percent, count=count)
    return {"text": text, "short": short, "after": after, "deadline": deadline, "value": value,
            "percent": percent, "shown": percent.endswith("%"),
            "cells": [text, deadline, value]}


def days_text(days: float) -> str:
    """``7 days``, ``1 day`` (``7 jours``, ``1 jour``, ``0 jour``): an SOP deadline or a
    median, a whole number of days."""
    return formatting.format_days(days)


def hours_text(hours: int) -> str:
    """``72 hours``, ``1 hour`` (``72 heures``, ``1 heure``)."""
    return ngettext("{hours} hour", "{hours} hours", hours).format(
        hours=formatting.format_number(hours))


def build(dataset: Dataset, report: IndicatorReport, threshold: int) -> dict[str, Any]:
    """Totals, breakdown tables, per-quarter bars and SOP timeliness, from published figures."""
    if report.protection is None:
        raise ValueError("the report's case figures must come from indicators.shared.publish")
    received = report.metrics.get("cases_received")
    total = int(received.value or 0) if received is not None else 0
    breakdowns = received.breakdowns if received is not None else {}
    network = dataset.network
    regions = {r.pcode: r.name for r in network.regions} if network else {}
    regions[UNLISTED_REGION] = capitalised(key_label("region", UNLISTED_REGION, {}))
    quarters = {q.key: formatting.period_label(q) for q in report.period.quarters()}
    tables = [
        _one_way(_("By quarter"), _("Quarter"), breakdowns.get("quarter", {}), quarters,
                 threshold, total),
        _one_way(_("By region"), _("Region"), breakdowns.get("region", {}), regions,
                 threshold, total),
        _one_way(_("By reporting channel"), _("Channel"), breakdowns.get("channel", {}),
                 _names("channel", breakdowns.get("channel", {})), threshold, total),
        _one_way(_("By type of allegation"), _("Allegation"), breakdowns.get("allegation", {}),
                 _names("allegation", breakdowns.get("allegation", {})), threshold, total),
        _sex_by_age(breakdowns.get("sex_age", {}), threshold),
    ]
    sop = network.sop if network else None
    days = days_text(sop.acknowledgement_days if sop else 7)
    hours = hours_text(sop.assistance_referral_hours if sop else 72)
    timeliness = [
        _timeliness(report.metrics.get("response_within_7_days"),
                    _("Complaints acknowledged within the deadline"),
                    _("complaints acknowledged within {deadline}").format(deadline=days),
                    _("of complaints acknowledged within {deadline}").format(deadline=days),
                    days, threshold),
        _timeliness(report.metrics.get("assistance_referral_within_72h"),
                    _("Survivors referred to assistance within the deadline, of those who did "
                      "not decline it"),
                    _("survivors referred to assistance within {deadline}").format(
                        deadline=hours),
                    _("of survivors referred to assistance within {deadline}").format(
                        deadline=hours),
                    hours, threshold, survivors=True),
    ]
    if received is not None and received.not_published is not None:  # no complete quarter
        return {"total": 0, "total_shown": _(NOT_PUBLISHED[received.not_published]),
                "published": False, "tables": [], "timeliness": timeliness, "quarters": [],
                "source": _source(report)}
    return {"total": total, "total_shown": shown(total, threshold), "published": True,
            "tables": tables, "timeliness": timeliness,
            "quarters": _bars(list(breakdowns.get("quarter", {})), tables[0]),
            "source": _source(report)}


def _source(report: IndicatorReport) -> str | None:
    """Where the case figures come from when not from the case records: published figures
    (which file, at which revision)."""
    source = report.protection.source if report.protection is not None else None
    if source is not None:
        revision, day = source.get("revision"), source.get("written_on")
        text = _("Source of the case figures: published by the core team in {file}, from the case "
                 "records at revision {revision}, written on {day}.").format(
                     file=source.get("file"),
                     revision=str(revision)[:8] if revision else _("(outside git)"),
                     day=formatting.format_date(day) if isinstance(day, dt.date) else "")
        if source.get("uncommitted"):
            text += " " + _("The case records had uncommitted changes then.")
        return text
    return None  # records sealed here and no published figures: none shown (shared.publish)


def _names(kind: str, counts: Mapping[str, int]) -> dict[str, str]:
    return {key: case_label(kind, key) for key in counts}


def _bars(keys: list[str], table: dict[str, Any]) -> list[tuple[str, int | str]]:
    """The per-quarter values of the table (total left out) with short labels, for the chart."""
    return [(quarter_short(key), row[1]) for key, row in zip(keys, table["rows"], strict=False)]


def quarter_short(key: str) -> str:
    """``T3 2020`` / ``Q3 2020``: a quarter's short name for chart labels."""
    return formatting.quarter_name(key)
