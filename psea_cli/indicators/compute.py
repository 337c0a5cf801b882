"""The entry point: every metric and every indicator of the plans for one period.

    report = compute(dataset, periods.parse("2020-S2"), as_of=date(2021, 1, 15))

A case counts in the period of its received day; directory and service metrics are measured
on the period's last day, or the as-of day when that is earlier. The as-of day (default:
today) is also the day the records are read "as of": cases received and events dated later
are ignored, so that a report can be made again later with the same figures.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from psea_cli import periods
from psea_cli.disclosure import WITHHELD, threshold_of
from psea_cli.i18n import _
from psea_cli.indicators import manual, targets
from psea_cli.indicators.context import MeasureContext
from psea_cli.indicators.registry import METRICS
from psea_cli.indicators.values import IndicatorReport, IndicatorResult, MetricValue
from psea_cli.problems import PseaError

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset, PlanBundle
    from psea_cli.models.plan import Activity, Indicator


def plan_span(bundle: PlanBundle) -> periods.Period:
    plan = bundle.plan.value
    return periods.span(plan.start, plan.end)


def _spans_text(dataset: Dataset) -> str:
    return ", ".join(f"{b.id} {b.plan.value.start.isoformat()}..{b.plan.value.end.isoformat()}"
                     for b in dataset.plans)


def _no_plan(dataset: Dataset) -> PseaError:
    broken = any(f.startswith("data/plan/") for f in dataset.invalid_files)
    return PseaError(_("there is no readable plan in data/plan/; indicators are measured "
                       "against a plan"),
                     _("Run 'psea validate' to see why the plan cannot be read.") if broken
                     else _("Write the plan in data/plan/<plan-id>/plan.yaml."))


def covering_plans(dataset: Dataset, period: periods.Period) -> list[PlanBundle]:
    """The plans whose span overlaps ``period``; a PseaError (exit 2) when there is none."""
    if not dataset.plans:
        raise _no_plan(dataset)
    found = [b for b in dataset.plans if plan_span(b).overlaps(period)]
    if not found:
        raise PseaError(
            _("period {period} is outside every plan (plans: {spans})").format(
                period=period.key, spans=_spans_text(dataset)),
            _("Choose a quarter, semester or year inside a plan, such as {example}.").format(
                example=periods.containing(dataset.plans[0].plan.value.end, "semester").key))
    return found


def default_period(dataset: Dataset, kind: str = "semester",
                   today: dt.date | None = None) -> periods.Period:
    """The last complete period of ``kind`` (quarter, semester, year) lying inside a plan.

    For the 2019–2021 plan, from 2022 on, the default semester is 2021-S2. Raises PseaError
    (exit 2), naming the plans' spans, when no such period has ended yet.
    """
    if kind not in ("quarter", "semester", "year"):
        raise ValueError(kind)
    if not dataset.plans:
        raise _no_plan(dataset)
    found = periods.last_complete(kind, [plan_span(b) for b in dataset.plans],  # type: ignore[arg-type]
                                  today or dataset.today)
    if found is None:
        raise PseaError(
            _("no complete period inside a plan has ended yet (plans: {spans})").format(
                spans=_spans_text(dataset)),
            _("Give the period to measure, such as {example}.").format(
                example=periods.containing(dataset.plans[0].plan.value.start, "quarter").key))
    return found


def period_named(dataset: Dataset, text: str) -> periods.Period:
    """The period a user wrote: ``2020``, ``2020-S2``, ``2020-Q3``, ``2019-07..2021-12``, or a
    plan's whole span by its id (``plan`` alone: the first plan). PseaError (exit 2) otherwise.
    """
    try:
        return periods.typed(text)
    except ValueError:
        pass
    wanted = text.strip().lower()
    for bundle in dataset.plans:
        if wanted in (bundle.id, "plan"):
            return plan_span(bundle)
    raise PseaError(
        _("'{text}' is not a period").format(text=text),
        _("Write a year (2020), a semester (2020-S2: July to December), a quarter (2020-Q3), a "
          "span (2019-07..2021-12) or a plan's id for its whole span."))


def _computed_value(unit: str, metric: MetricValue) -> float | bool | str | None:
    """A metric's value as the indicator's unit reads it; ``x`` when the shared figures
    withhold it (a median over too few published cases)."""
    if metric.withheld and metric.published and metric.not_published is None:
        return WITHHELD
    if unit == "boolean":
        return metric.met
    if unit == "milestone":
        if metric.met is None and metric.value is None:
            return None
        if metric.met:
            return "done"
        return "in_progress" if metric.value else "not_started"
    if unit == "count" and metric.denominator is not None:
        return metric.numerator  # a percentage metric read as "number of …"
    return metric.value


def _result(bundle: PlanBundle, activity: Activity, indicator: Indicator,
            period: periods.Period, metrics: dict[str, MetricValue]) -> IndicatorResult:
    unit = indicator.unit
    metric = metrics.get(indicator.measured_by)
    if metric is not None:
        with_fraction = unit == "percent"
        recorded = manual.ManualValue(
            _computed_value(unit, metric), metric.numerator if with_fraction else None,
            metric.denominator if with_fraction else None, "computed", None)
    else:
        recorded = manual.manual_value(bundle, indicator.id, unit, period)
    target = targets.target_for(indicator, period)
    return IndicatorResult(
        id=indicator.id, activity=activity.id, text=indicator.text, text_en=indicator.text_en,
        metric=metric.name if metric else None, unit=unit, value=recorded.value,
        numerator=recorded.numerator, denominator=recorded.denominator, target=target,
        status=targets.status(unit, recorded.value, target), source=recorded.source,
        plan=bundle.id, recorded_period=recorded.recorded_period, date=recorded.date,
        target_source=source.kind if (source := indicator.target_source) else None,
        target_reference=source.reference if source else None,
        by_quarter=(dict(metric.breakdowns["quarter"])
                    if metric is not None and indicator.per == "quarter"
                    and "quarter" in metric.breakdowns else None))


def compute(dataset: Dataset, period: periods.Period,
            as_of: dt.date | None = None) -> IndicatorReport:
    """Every registered metric and every indicator of the plans covering ``period``.

    Raises PseaError (exit 2) when no plan covers the period.
    """
    as_of = as_of or dataset.today
    bundles = covering_plans(dataset, period)
    context = MeasureContext(dataset, period, as_of, tuple(bundles))
    metrics = {name: metric.measure(context) for name, metric in METRICS.items()}
    results = [_result(bundle, activity, indicator, period, metrics)
               for bundle in bundles
               for activity, indicator in bundle.plan.value.indicators()]
    return IndicatorReport(period, as_of, metrics, results, threshold_of(dataset.network))
