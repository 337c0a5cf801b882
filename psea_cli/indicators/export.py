"""An ``IndicatorReport`` as plain data (JSON, CSV rows) and as display text, with or without
disclosure control.

With ``threshold`` set (``--suppress``, and always in reports), the figures computed from
case records are protected (``psea_cli.disclosure``): small counts become ``<5``,
percentages on fewer than 5 cases are withheld (``x``), and each breakdown is suppressed as
a table whose total is public. Figures about organisations, services, the budget and the
values recorded by hand in progress files are not about survivors and are shown as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from psea_cli import formatting
from psea_cli.disclosure import WITHHELD, withhold_percent
from psea_cli.i18n import _, current_language
from psea_cli.indicators.case_metrics import UNLISTED_REGION
from psea_cli.indicators.registry import METRICS
from psea_cli.indicators.shown import (
    Shown,
    display,
    display_fraction,
    shown_text,
)
from psea_cli.indicators.targets import direction
from psea_cli.indicators.values import (
    IndicatorReport,
    IndicatorResult,
    MetricValue,
)

CSV_COLUMNS = ("plan", "id", "activity", "text", "metric", "unit", "value", "numerator",
               "denominator", "target", "status", "source", "recorded_period",
               "target_direction")


def _number(value: float | None, decimals: int = 1) -> float | int | None:
    """JSON-friendly: whole numbers as integers, others rounded (halves up, as by hand)."""
    if value is None:
        return None
    rounded = formatting.half_up(value, decimals)
    return int(rounded) if rounded == int(rounded) else rounded


def _plain(value: float | bool | str | None) -> float | int | bool | str | None:
    """A target as written: 100, not 100.0."""
    if isinstance(value, float):
        return _number(value, 2)
    return value


def _whole(value: float) -> int:
    """A count as a whole number, a half rounded up (never truncated: 6.5 is 7)."""
    return int(formatting.half_up(value))


def _count(n: int | None, threshold: int | None) -> int | str | None:
    """A published case count as shown: a 0 means 0 to ``threshold - 1`` (``<5``)."""
    if n is None or threshold is None:
        return n
    return f"<{threshold}" if n < threshold else n


def _percent(value: float | None, denominator: int | None,
             threshold: int | None) -> float | int | str | None:
    if threshold is not None and withhold_percent(value, denominator, threshold) is None:
        return WITHHELD
    if value is None:
        return None
    return _number(formatting.shown_percent(value, 1))  # 99.96 is 99.9, never 100: not all


def _breakdowns(breakdowns: dict[str, dict[str, int]],
                threshold: int | None) -> dict[str, dict[str, int | str | None]]:
    return {dim: {k: _count(v, threshold) for k, v in counts.items()}
            for dim, counts in breakdowns.items()}


def is_sensitive(metric_name: str | None) -> bool:
    metric = METRICS.get(metric_name or "")
    return bool(metric and metric.sensitive)


def _check_published(published: bool, name: str | None, threshold: int | None) -> int | None:
    """The threshold to show a figure with, after refusing raw case figures in a shared view."""
    if threshold is None or not is_sensitive(name):
        return None
    if not published:
        raise ValueError(f"{name}: raw case figures cannot be shown as shared figures; "
                         "take them from psea_cli.indicators.shared.publish")
    return threshold


def metric_document(metric: MetricValue, threshold: int | None = None) -> dict[str, Any]:
    """``{"value", "numerator", "denominator", "breakdowns", "details"}``; with ``threshold``
    (a shared view), case figures must come from ``indicators.shared.publish``."""
    limit = _check_published(metric.published, metric.name, threshold)
    if limit is not None and metric.not_published is not None:
        return {"value": None, "numerator": None, "denominator": None, "breakdowns": {},
                "details": {}, "not_published": metric.not_published}
    if limit is not None and metric.withheld:
        return {"value": WITHHELD, "numerator": None, "denominator": None, "breakdowns": {},
                "details": {}}
    if METRICS[metric.name].unit == "percent":
        value: Shown = _percent(metric.value, metric.denominator, limit)
    elif METRICS[metric.name].unit == "count" and metric.value is not None:
        value = _count(_whole(metric.value), limit)
    else:
        value = _number(metric.value, 2)
    return {"value": value, "numerator": _count(metric.numerator, limit),
            "denominator": _count(metric.denominator, limit),
            "breakdowns": _breakdowns(metric.breakdowns, limit),
            "details": _details(metric, limit)}


def _details(metric: MetricValue, threshold: int | None) -> dict[str, object]:
    """Extra facts (gaps, pending and late counts, yes/no); counts protected like the rest."""
    details: dict[str, object] = {
        key: _count(value, threshold) if isinstance(value, int) and not isinstance(value, bool)
        else value for key, value in metric.details.items()}
    if metric.met is not None:
        details["met"] = metric.met
    return details


def indicator_text(result: IndicatorResult) -> str:
    """The indicator's wording in the current language (the plan's own when untranslated)."""
    if current_language() == "en" and result.text_en:
        return result.text_en
    return result.text


def shown_value(result: IndicatorResult, threshold: int | None = None) -> Shown:
    """The indicator's value as published: protected when computed from cases."""
    limit = _check_published(result.published, result.metric, threshold)
    value = result.value
    if value is None and limit is not None and result.unit == "percent" \
            and result.denominator is not None and result.not_published is None:
        return WITHHELD  # on fewer than the threshold, as its metric says
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if result.unit == "percent":
        return _percent(value, result.denominator, limit)
    if result.unit == "count":
        return _count(_whole(value), limit)
    if result.unit == "days":
        return _number(value, 1)  # raw: 6.5; a shared median is already whole
    return _number(value, 2)


def shown_quarters(result: IndicatorResult, threshold: int | None = None
                   ) -> dict[str, int | str | None] | None:
    """The per-quarter counts of a ``per: quarter`` indicator, as the value is shown: in a
    shared view, the published quarters' figures (``indicators.shared``)."""
    if result.by_quarter is None:
        return None
    limit = _check_published(result.published, result.metric, threshold)
    return _breakdowns({"quarter": result.by_quarter}, limit)["quarter"]


def indicator_document(result: IndicatorResult, threshold: int | None = None) -> dict[str, Any]:
    limit = _check_published(result.published, result.metric, threshold)
    document: dict[str, Any] = {
        "id": result.id, "activity": result.activity, "text": indicator_text(result),
        "metric": result.metric, "unit": result.unit,
        "value": shown_value(result, threshold),
        "numerator": _count(result.numerator, limit),
        "denominator": _count(result.denominator, limit),
        "target": _plain(result.target), "target_direction": direction(result.unit),
        "status": result.status, "source": result.source,
        "target_source": result.target_source, "target_reference": result.target_reference,
    }
    quarters = shown_quarters(result, threshold)
    if quarters is not None:
        document["by_quarter"] = quarters
    if limit is not None and result.not_published is not None:
        document["not_published"] = result.not_published
    return document


def report_document(report: IndicatorReport, suppress: bool = False) -> dict[str, Any]:
    """The JSON document of ``psea indicators --format json``: the shared view (a report from
    ``indicators.shared.publish``) with ``suppress``, else the core team's, which says first
    that it is not for sharing."""
    threshold = report.threshold if suppress else None
    head: dict[str, Any] = {"notice": not_for_sharing()} if not suppress else {}
    return {
        **head,
        "period": report.period.key,
        "as_of": report.as_of.isoformat(),
        **({"protection": protection_document(report)} if suppress else {}),
        "metrics": {name: metric_document(m, threshold) for name, m in report.metrics.items()},
        "indicators": [indicator_document(r, threshold) for r in report.indicators],
    }


def not_for_sharing() -> str:
    """The first line of every unprotected view of case figures."""
    return _("NOT FOR SHARING: exact case figures for the core team, including cases whose "
             "survivor refused to be counted in shared statistics. Use --suppress for figures "
             "to share.")


def protection_document(report: IndicatorReport) -> dict[str, Any]:
    """How the case figures of a shared report were protected, for the JSON output."""
    protection = report.protection
    if protection is None:
        raise ValueError("a shared view needs a report from indicators.shared.publish")
    left_out = protection.left_out
    document = {"method": "cell-key controlled rounding", "base": protection.base,
                "read_on": protection.read_on.isoformat(), "quarters": list(protection.quarters),
                "left_out_without_consent": left_out if left_out >= protection.base else None}
    if protection.not_published is not None:
        document["not_published"] = protection.not_published
    if protection.source is not None:  # figures a key holder published, not the records'
        document["source"] = {key: value.isoformat() if isinstance(value, dt.date) else value
                              for key, value in protection.source.items()}
    return document


def csv_rows(report: IndicatorReport, suppress: bool = False) -> list[list[Shown]]:
    """One row per indicator, with a header row (``CSV_COLUMNS``)."""
    threshold = report.threshold if suppress else None
    rows: list[list[Shown]] = [list(CSV_COLUMNS)]
    for result in report.indicators:
        doc = indicator_document(result, threshold)
        value = shown_text(doc, result.unit) if "not_published" in doc else doc["value"]
        rows.append([result.plan, doc["id"], doc["activity"], doc["text"], doc["metric"],
                     doc["unit"], value, doc["numerator"], doc["denominator"],
                     doc["target"], doc["status"], doc["source"], result.recorded_period,
                     doc["target_direction"]])
    return rows


def breakdown_cells(metric: MetricValue, threshold: int | None = None,
                    word: Callable[[str, str], str] = lambda _dimension, key: key,
                    ) -> dict[str, str]:
    """Each breakdown of a metric on one line, categories with nothing left out.

    ``{"region": "ML05 3 · ML06 x"}``; a percentage's breakdown shows numerator/denominator
    per category (``nngo 2/3 · ingo 3/3``). ``word(dimension, key)`` names a category (a
    region's name for its p-code in a human table); by default the code itself. The cases of
    regions network.yaml does not list (``unlisted``) are shown when their figure is not 0.
    """
    doc = metric_document(metric, threshold)["breakdowns"]
    lines: dict[str, str] = {}
    for dimension, counts in doc.items():
        if dimension.endswith("_denominator"):
            continue
        totals = doc.get(f"{dimension}_denominator")
        said = _said_with_colon if dimension == "quarter" else _said  # "T3 2021 : 29"
        if totals is not None:
            cells = [said(word(dimension, key), display_fraction(counts[key], whole))
                     for key, whole in totals.items() if whole != 0]
        else:
            cells = [said(word(dimension, key), display(n, "count"))
                     for key, n in counts.items() if n != 0
                     and not (key == UNLISTED_REGION
                              and not metric.breakdowns[dimension].get(key))]
        if cells:
            lines[dimension] = " · ".join(cells)
    gaps = metric.details.get("gaps")
    if isinstance(gaps, dict) and gaps:
        lines["gaps"] = " · ".join(
            _("{region}: {missing}").format(
                region=word("region", region), missing=", ".join(word("gaps", t) for t in types))
            for region, types in gaps.items())
    return lines


def _said(label: str, value: str) -> str:
    return f"{label} {value}"


def _said_with_colon(label: str, value: str) -> str:
    return _("{quarter}: {value}").format(quarter=label, value=value)


