"""The case figures psea publishes: one protected view that every shared output reads.

    from psea_cli.indicators.shared import publish
    report = publish(dataset, period, as_of)   # an IndicatorReport safe to share

Every shared output (``psea indicators --suppress`` in any format, every report) takes its case
figures from ``publish`` and from nowhere else; the display code refuses a case metric that did
not come through here (``MetricValue.published``). The method, explained for coordinators in
docs/disclosure.md:

1. **One day read, whole quarters.** The records are read as they were at the end of the last
   complete calendar quarter on or before the as-of day (today by default), and a period's
   case figures cover its calendar quarters that had ended by then. Running the same command
   on any day of a quarter gives the same figures, so a day cannot be used as a probe.
2. **Consent to be counted.** Cases whose survivor answered ``no`` to ``consent.reporting``
   are left out of every figure; so are ``not_sea`` cases and ``other`` misconduct (not SEA).
3. **Quarters are the building blocks.** In each quarter, every case metric's figures split
   the quarter's cases into parts (``LAYOUTS``: on time / late / pending, by region, …).
4. **Cell-key controlled rounding.** The quarter's number of cases is rounded to a multiple
   of the threshold *t* (5): up with probability remainder / t, the draw being a hash of the
   ids of the cases it counts (the same cases always give the same result; case ids are
   random and never published). Each split is then rounded to multiples of t that add up to
   that rounded total exactly (controlled rounding). Every published count is therefore a
   multiple of t, within t − 1 of the truth, and a 0 means "0 to t − 1" (shown ``<5``).
5. **Periods add up.** A semester's, a year's or the plan's figure is the sum of its
   quarters' published figures, and a percentage is computed from the published counts, so
   comparing periods or figures only gives back published values, never a real count. It is
   withheld when its denominator is under *t*, and when its numerator or the rest is published
   as 0 (``<5``: "0 %" would read as none, and "100 %" as all, where up to *t* − 1 cases may
   be on the other side; ``disclosure.shown_share``).
6. **A past quarter read again keeps what did not move.** A quarter is read on its own last
   day, then again at the end of each later quarter in which one of its records had an event
   (``indicators.readings``): a part whose count did not change keeps the value it was
   published with, and only the parts that moved are rounded, to what is left of the total.
   When they cannot make it up, the quarter keeps its earlier reading (``held``), its
   medians and accountability figures included (``Quarter.accountability``: one reading for
   all of a quarter's figures), and says nothing of it.
7. **No quarter, no figure.** A period none of whose quarters is complete on the day read (a
   span from November to February, a quarter not over yet) publishes no case figure at all
   (``not_published``): a 0 there would read as "0 to 4 cases" whatever the records hold.
8. **All the records or none.** When some records cannot be read here and no published figures
   (``indicators.published``) cover the period, no case figure is published either
   (``SEALED_RECORDS``): figures over a part of the cases, beside the key holders' over all of
   them, narrowed both (a region ``<5`` over all and 5 over a part is 1 to 4). So when some
   records have errors and are left out of every figure (``RECORDS_WITH_ERRORS``): the draw of
   every cell of their quarter is fixed by the cases counted, and the report made before a
   record is corrected, beside the one made after, narrowed cells the record is not in. And
   when the case store is not here at all (``STORE_ABSENT``): figures over no record would read
   "<5" cases, whatever the store holds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
from collections.abc import Mapping
from typing import TYPE_CHECKING

from psea_cli import formatting, periods
from psea_cli.disclosure import shown_share, threshold_of
from psea_cli.indicators import median_guard
from psea_cli.indicators.compute import _result, covering_plans
from psea_cli.indicators.context import MeasureContext
from psea_cli.indicators.layouts import LAYOUTS
from psea_cli.indicators.published import published_for
from psea_cli.indicators.quarters import (
    Quarter,
    QuarterCache,
    settled_quarters,
    shared_day,
)
from psea_cli.indicators.registry import METRICS
from psea_cli.indicators.values import (
    IndicatorReport,
    IndicatorResult,
    MetricValue,
    Protection,
    percent,
)

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset



# --- a period ---------------------------------------------------------------------------------

def _add(into: dict[str, int], more: Mapping[str, int]) -> None:
    for key, n in more.items():
        into[key] = into.get(key, 0) + n


def _metric(name: str, quarters: list[tuple[str, Quarter]], base: int) -> MetricValue:
    layout = LAYOUTS[name]
    parts: dict[str, int] = {}
    breakdowns: dict[str, dict[str, int]] = {dim: {} for dim in layout.breakdowns}
    for _key, quarter in quarters:
        _add(parts, quarter.parts[name])
        for dim in layout.breakdowns:
            _add(breakdowns[dim], quarter.breakdowns[name][dim])
    total = sum(q.total for _k, q in quarters)
    details: dict[str, object] = {
        key: sum(parts.get(p, 0) for p in names) for key, names in layout.details.items()}
    if name == "cases_received":
        breakdowns = {"quarter": {key: q.total for key, q in quarters}, **breakdowns}
        details["survivors"] = sum(q.survivors for _k, q in quarters)
        return MetricValue(name, float(total), None, None, breakdowns, details, published=True)
    numerator = sum(parts.get(p, 0) for p in layout.numerator)
    if layout.kind == "count":
        return MetricValue(name, float(numerator), numerator, None, breakdowns, details,
                           published=True)
    denominator = sum(parts.get(p, 0) for p in layout.denominator)
    if name == "response_within_7_days":
        breakdowns["quarter"] = {key: q.parts[name]["on_time"] for key, q in quarters}
        breakdowns["quarter_denominator"] = {
            key: q.parts[name]["on_time"] + q.parts[name]["late"] for key, q in quarters}
    value = percent(numerator, denominator) if shown_share(numerator, denominator, base) \
        else None  # on fewer than base cases, or "0 %" / "100 %" where 0 stands for 0 to 4
    return MetricValue(name, value, numerator, denominator, breakdowns, details,
                       published=True)


def _median(name: str, base: int, quarters: list[tuple[str, Quarter]]) -> MetricValue:
    """A median number of days over the cases of the period's counted quarters, each as of
    the reading ``Quarter.medians`` gives (a quarter that keeps an earlier reading gives the
    days of that reading, never later records its counts do not show; a median whose
    ``entering`` parts were published 0 stays as it was), in whole days; the number of cases
    is not published. Whether it is given is read from the published figures of that reading.

    It is given only when the published figures of the cases it is computed over (its
    layout's ``population``) guarantee at least ``base`` of them: deciding on the exact number
    instead would publish whether it is under ``base``, which set beside the rounded counts
    narrows them. When a published split divides those cases by a deadline (``deadline``),
    the median also says on which side most of them fell: it is given only when the published
    ranges of the two sides already say it. It counts only the quarters whose published
    figures guarantee at least one of its cases: a semester's median of 55 days beside its 3rd
    quarter's 50 said that the 4th quarter, shown ``<5``, had one at least (1 to 4).

    What its value says of how old its cases are and which quarters they came from must be
    said already by the published figures, whatever that value (``median_guard``)."""
    layout = LAYOUTS[name]
    if layout.population is None:
        return MetricValue(name, None, None, None, {}, {}, published=True)
    parts = layout.population[1]
    shows: list[median_guard.Shown] = [
        (key, quarter, *quarter.medians[name]) for key, quarter in quarters
        if median_guard.stands_for([quarter.medians[name][1]], parts, base)[0] >= 1]
    days = [n for _key, _quarter, found, _shown, _day in shows for n in found]
    published = [shown for _key, _quarter, _days, shown, _day in shows]
    enough = bool(days) and median_guard.stands_for(published, parts, base)[0] >= base
    if enough and layout.deadline is not None:
        early = median_guard.stands_for(published, layout.deadline[0], base)
        late = median_guard.stands_for(published, layout.deadline[1], base)
        enough = early[0] > late[1] or early[1] < late[0]
    enough = enough and median_guard.ages_said(shows, parts, base) \
        and median_guard.quarters_said(shows, parts, base)
    value = formatting.half_up(float(statistics.median(days))) if enough else None
    return MetricValue(name, value, None, None, {}, {}, published=True,  # withheld: cases
                       withheld=bool(shows) and not enough)  # published, too few to tell


def _withheld(name: str) -> MetricValue:
    """A case metric without a layout: nothing of it is shared."""
    return MetricValue(name, None, None, None, {}, {}, published=True, withheld=True)


def _unpublished(metric: MetricValue, reason: str) -> MetricValue:
    """A case metric without a figure (no complete quarter, records that cannot be read here),
    and why."""
    return MetricValue(metric.name, None, None, None, {}, {}, published=True,
                       withheld=metric.withheld, not_published=reason)


def _shared_result(result: IndicatorResult, metrics: dict[str, MetricValue]) -> IndicatorResult:
    """An indicator as shared: without value, fraction or status when its figure is not
    published."""
    metric = metrics.get(result.metric or "")
    if metric is None or metric.not_published is None:
        return dataclasses.replace(result, published=True)
    return dataclasses.replace(result, value=None, numerator=None, denominator=None,
                               status="no_data", by_quarter=None, published=True,
                               not_published=metric.not_published)


def publish(dataset: Dataset, period: periods.Period, as_of: dt.date | None = None,
            cache: QuarterCache | None = None) -> IndicatorReport:
    """Every metric and indicator of ``period`` as psea shares them: case figures protected
    (see the module's docstring), other figures as ``compute`` gives them.

    ``cache`` keeps the quarters' published figures between calls on the same dataset (the
    audit publishes every period of a plan). Raises PseaError (exit 2) when no plan covers
    the period.
    """
    as_of = as_of or dataset.today
    day = shared_day(as_of)
    base = threshold_of(dataset.network)
    bundles = tuple(covering_plans(dataset, period))
    cache = {} if cache is None else cache
    counted = [q for q in period.quarters() if q.end <= day]
    quarters = settled_quarters(dataset, counted, day, bundles, base, cache)
    context = MeasureContext(dataset, period, as_of, bundles)
    metrics: dict[str, MetricValue] = {}
    for name, definition in METRICS.items():
        if not definition.sensitive:
            metrics[name] = definition.measure(context)
        elif name in LAYOUTS and LAYOUTS[name].kind == "median":
            metrics[name] = _median(name, base, quarters)
        elif name in LAYOUTS:
            metrics[name] = _metric(name, quarters, base)
        else:
            metrics[name] = _withheld(name)
    protection = Protection(base=base, read_on=day, quarters=tuple(k for k, _q in quarters),
                            left_out=sum(q.left_out for _k, q in quarters))
    from_file = published_for(dataset, period, base)
    if from_file is not None:  # some records cannot be read here: the key holders' figures
        metrics.update(from_file[0])
        protection = from_file[1]
    elif dataset.store_absent and protection.quarters:  # nor over none of them
        protection = Protection(base, day, (), 0, absent=True)
    elif dataset.sealed_cases and protection.quarters:  # never figures over a part of them
        protection = Protection(base, day, (), 0, sealed=True)
    elif dataset.left_out_of_figures() and protection.quarters:  # nor without some of them
        protection = Protection(base, day, (), 0, erroneous=True)
    reason = protection.not_published
    if reason is not None:
        metrics = {name: _unpublished(m, reason) if METRICS[name].sensitive else m
                   for name, m in metrics.items()}
    results = [_shared_result(_result(bundle, activity, indicator, period, metrics), metrics)
               for bundle in bundles for activity, indicator in bundle.plan.value.indicators()]
    return IndicatorReport(period, as_of, metrics, results, base, protection)
