"""The plan part of the report: indicators and activity progress, result by result.

Values come from the indicator report (``psea_cli.indicators.compute``); this module only
chooses how each is written (percent, amount, milestone…) and compares it with the previous
period. Activity status comes from the progress file that covers the report's period.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from psea_cli import formatting, periods
from psea_cli.dataset import Dataset, PlanBundle
from psea_cli.disclosure import WITHHELD
from psea_cli.i18n import N_, _, current_language, ngettext
from psea_cli.indicators.export import indicator_document, indicator_text, shown_value
from psea_cli.indicators.shown import (
    Shown,
    display,
    display_fraction,
    quarter_parts,
    quarters_text,
    shown_text,
    status_label,
    target_text,
)
from psea_cli.indicators.titles import metric_title
from psea_cli.indicators.values import IndicatorReport, IndicatorResult
from psea_cli.models.plan import Activity
from psea_cli.models.progress import ActivityProgress, Progress
from psea_cli.plan_summary import actor_names, plan_tree
from psea_cli.report.labels import capitalised, label, withheld_share

DASH = "—"


def in_language(french: str, english: str | None) -> str:
    """The plan's own wording (French), or its English translation in an English report."""
    return english if english and current_language() == "en" else french


def change_text(unit: str, now: Shown, before: Shown) -> str:
    """How the shown value moved since the previous period: ``+12``, ``−5 pts``, ``+2 days``
    (« +2 jours »), ``+32,000 USD``, or the old value. Only values both shown as numbers are compared (a
    withheld one gives ``—``)."""
    if now is None or before is None:
        return DASH
    if isinstance(now, int | float) and isinstance(before, int | float) \
            and not isinstance(now, bool) and not isinstance(before, bool):
        now_value, before_value = now, before
        if unit in ("days", "amount"):  # between the whole values shown: 7 days after 4
            now, before = formatting.half_up(now), formatting.half_up(before)  # is +3 days
        elif unit == "percent":  # 58 % after 63 % is −5 pts, not −5.3
            now, before = formatting.shown_percent(now), formatting.shown_percent(before)
        delta = float(now) - float(before)
        if delta == 0 and unit == "percent" and display(now_value, unit) != display(
                before_value, unit):  # >99 % after 99 %: moved, by less than a point shown
            return _("was: {value}").format(value=display(before_value, unit))
        if delta == 0:
            return _("unchanged")
        sign = "+" if delta > 0 else "−"
        if unit == "days":
            return sign + formatting.format_days(abs(delta))
        amount = formatting.format_number(abs(delta), decimals=0 if delta.is_integer() else 1)
        if unit == "percent":  # whole points: both shares are read as whole percentages
            return ngettext("{sign}{amount} pt", "{sign}{amount} pts", int(abs(delta))).format(
                sign=sign, amount=amount)
        if unit == "amount":  # in the value's currency: +32 000 USD
            return sign + formatting.format_amount(abs(delta))
        return f"{sign}{amount}"
    if WITHHELD in (now, before) or any(isinstance(v, str) and v.startswith("<")
                                        for v in (now, before)):
        return DASH  # "<5" then "<5" may be 4 then 0: never "unchanged"
    if now == before:
        return _("unchanged")
    return _("was: {value}").format(value=display(before, unit))


def source_text(bundle: PlanBundle, result: IndicatorResult) -> str:
    """Where the value comes from, in the reader's words and language: the computed metric's
    title (never its id), or the source written in the progress file (its English version in
    an English report, when the file gives one)."""
    if result.metric is not None:
        return _("computed by psea: {title}").format(title=metric_title(result.metric))
    if not result.source:
        return _("no value recorded")
    located = bundle.progress.get(result.recorded_period or "")
    record = located.value.indicators.get(result.id) if located is not None else None
    english = record.source_en if record is not None else None
    return in_language(result.source, english)


_TARGET_SOURCES = {
    "plan": N_("in the plan"),
    "network": N_("decided by the network"),
    "example": N_("example target"),
}


def _judged(result: IndicatorResult) -> tuple[str, str]:
    """The status and the target as the report shows them: a status against a target only
    with the target's source beside it; one against an example target says so."""
    target = capitalised(target_text(result.target, result.unit))
    status = capitalised(status_label(result.status))
    if result.target is None:
        return status, target
    kind = result.target_source
    if kind is None:
        return _("Not judged: the target's source is not recorded"), target
    where = _(_TARGET_SOURCES[kind])
    if kind == "network" and result.target_reference:
        where = _("{source}: {reference}").format(source=where,
                                                  reference=result.target_reference)
    if kind == "example" and result.status in ("on_track", "behind"):
        status = _("{status} (against an example target)").format(status=status)
    return status, f"{target} ({where})"


def indicator_row(result: IndicatorResult, previous: IndicatorResult | None,
                  threshold: int, source: str) -> dict[str, Any]:
    """A row of the indicator table, case figures protected as in ``psea indicators``."""
    computed = result.metric is not None
    text = indicator_text(result)
    document = indicator_document(result, threshold)
    total = value = capitalised(shown_text(document, result.unit))
    withheld = document["value"] == WITHHELD
    if withheld:  # said in words, as the key figures say it
        total = value = capitalised(withheld_share(threshold))
    quarters = [{"name": name, "value": shown} for name, shown
                in quarter_parts(document.get("by_quarter", {}))]
    if quarters:
        value = f"{quarters_text(document['by_quarter'])} ({value})"
    fraction = ("" if document["value"] is None or withheld  # 15/15 would read as 100 %
                else display_fraction(document["numerator"], document["denominator"]))
    before = shown_value(previous, threshold) if previous is not None else None
    change = change_text(result.unit, document["value"], before)
    status, target = _judged(result)
    if withheld:
        status = capitalised(_("withheld"))
    shown = f"{value} ({fraction})" if fraction else value
    return {
        "id": result.id,
        "unit": result.unit,
        "text": text,
        "value": value,
        "total": total,
        "quarters": quarters,
        "fraction": fraction,
        "target": target,
        "status": "withheld" if withheld else (
            result.status if result.target is None or result.target_source else "no_target"),
        "target_source": result.target_source,
        "status_label": status,
        "change": change,
        "computed": computed,
        "source": source,
        "trend": "",
        "target_number": (float(result.target) if isinstance(result.target, int | float)
                          and not isinstance(result.target, bool) else None),
        "cells": [f"{result.id} {text}", shown, target, status, change, source],
    }


def covering_progress(bundle: PlanBundle, period: periods.Period) -> Progress | None:
    """The progress file for the report's period: the one with its key, else the last one
    inside the period (a year's S2), else the one that contains it (a quarter's semester)."""
    by_period = {key: located.value for key, located in bundle.progress.items()}
    if period.key in by_period:
        return by_period[period.key]
    parsed = sorted((periods.parse(key), record) for key, record in by_period.items())
    inside = [record for p, record in parsed if p.within(period)]
    if inside:
        return inside[-1]
    around = [record for p, record in parsed if period.within(p)]
    return around[-1] if around else None


def spent_until(bundle: PlanBundle, activity_id: str, end: dt.date) -> float | None:
    """Money spent on an activity in every progress period ending on or before ``end``."""
    amounts = [located.value.activities[activity_id].spent_usd
               for key, located in bundle.progress.items()
               if periods.parse(key).end <= end and activity_id in located.value.activities]
    known = [a for a in amounts if a is not None]
    return sum(known) if known else None


def plan_budget(bundle: PlanBundle) -> float:
    """The plan's budget: the sum of its activities' amounts."""
    return float(plan_tree(bundle.plan.value)["totals"]["budget_usd"])


def responsible_names(dataset: Dataset, ids: list[str]) -> str:
    names = actor_names(dataset)
    return ", ".join(names.get(i, i) for i in ids) or DASH


def activity_row(dataset: Dataset, bundle: PlanBundle, activity: Activity,
                 progress: ActivityProgress | None, period: periods.Period) -> dict[str, Any]:
    budget = activity.budget
    if budget is not None and budget.amount_usd is not None:
        budget_text = formatting.format_amount(budget.amount_usd)
    elif budget is not None and budget.funded_elsewhere:
        budget_text = in_language(budget.funded_elsewhere, budget.funded_elsewhere_en)
    else:
        budget_text = DASH
    spent = spent_until(bundle, activity.id, period.end)
    status = progress.status if progress is not None else "none"
    ongoing = activity.period.recurrence == "continuous"
    title = in_language(activity.title, activity.title_en)
    row: dict[str, Any] = {
        "id": activity.id,
        "title": title,
        "status": status,
        "status_label": label("activity_status",
                              "ongoing" if ongoing and status == "in_progress" else status),
        "ongoing": ongoing,
        "responsible": responsible_names(dataset, list(activity.responsible)),
        "budget": budget_text,
        "spent": formatting.format_amount(spent) if spent is not None else DASH,
    }
    row.update(activity_note(progress))
    marked = f"({row['note_marker']}) {row['note']}" if row["note_marker"] else row["note"]
    status_cell = _("{status}: {note}").format(status=row["status_label"], note=marked) \
        if row["note"] else row["status_label"]
    row["cells"] = [f"{activity.id} {title}", status_cell, row["responsible"],
                    budget_text, row["spent"]]
    return row


def activity_note(progress: ActivityProgress | None) -> dict[str, str]:
    """The activity's note for the period, in the report's language when the file gives it
    (``note_en``), else as written, with the language it is written in and, in a report of
    another language, a marker that says it (``note_marker``: "in French")."""
    if progress is None or not progress.note:
        return {"note": "", "note_lang": current_language(), "note_marker": ""}
    if current_language() == "en" and progress.note_en:
        return {"note": progress.note_en, "note_lang": "en", "note_marker": ""}
    return {"note": progress.note, "note_lang": "fr",
            "note_marker": _("in French") if current_language() != "fr" else ""}


def results(dataset: Dataset, bundle: PlanBundle, period: periods.Period,
            now: IndicatorReport, before: IndicatorReport | None,
            threshold: int) -> list[dict[str, Any]]:
    """Per result of the plan: its indicator rows, activity rows and status counts."""
    plan = bundle.plan.value
    progress = covering_progress(bundle, period)
    earlier = {r.id: r for r in before.indicators} if before is not None else {}
    by_result: dict[str, list[IndicatorResult]] = {}
    for item in now.indicators:
        by_result.setdefault(item.activity.split(".")[0], []).append(item)
    sections = []
    for result in plan.results:
        rows = [indicator_row(i, earlier.get(i.id), threshold, source_text(bundle, i))
                for i in by_result.get(result.id, [])]
        activities = [activity_row(dataset, bundle, a,
                                   progress.activities.get(a.id) if progress else None, period)
                      for sub in result.sub_results for a in sub.activities]
        counts = {s: sum(1 for r in rows if r["status"] == s)
                  for s in ("on_track", "behind", "no_target", "no_data", "withheld")}
        sections.append({
            "id": result.id,
            "title": in_language(result.title, result.title_en),
            "indicators": rows,
            "activities": activities,
            "status_counts": counts,
        })
    return sections


def trajectories(history: list[tuple[str, IndicatorReport]],
                 threshold: int) -> dict[str, list[tuple[str, float | None]]]:
    """Each indicator's shown value (protected as in the table) in each period of ``history``,
    oldest first; None where there is no number to draw (no value, a milestone, withheld)."""
    lines: dict[str, list[tuple[str, float | None]]] = {}
    for name, report in history:
        for result in report.indicators:
            value = shown_value(result, threshold)
            number = (float(value) if isinstance(value, int | float)
                      and not isinstance(value, bool) else None)
            lines.setdefault(result.id, []).append((name, number))
    return lines
