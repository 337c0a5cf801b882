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
   comparing periods or figures only gives back published values, never a real count.
6. **No quarter, no figure.** A period none of whose quarters is complete on the day read (a
   span from November to February, a quarter not over yet) publishes no case figure at all
   (``not_published``): a 0 there would read as "0 to 4 cases" whatever the records hold.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from psea_cli import formatting, periods
from psea_cli.disclosure import threshold_of
from psea_cli.indicators.compute import _result, covering_plans
from psea_cli.indicators.context import SEA_ALLEGATIONS, MeasureContext
from psea_cli.indicators.layouts import LAYOUTS, _detail
from psea_cli.indicators.published import published_for
from psea_cli.indicators.registry import METRICS
from psea_cli.indicators.rounding import (
    NO_ENTITY,
    Parts,
    cell_draw,
    cell_seed,
    controlled_round,
    entity_round,
    round_count,
)
from psea_cli.indicators.values import (
    NO_COMPLETE_QUARTER,
    IndicatorReport,
    IndicatorResult,
    MetricValue,
    Protection,
    percent,
)

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset, Located, PlanBundle
    from psea_cli.models import Case



def shared_day(as_of: dt.date) -> dt.date:
    """The day shared figures are read as of: the end of the last complete calendar quarter
    on or before ``as_of`` (2021-11-16 gives 2021-09-30; 2021-12-31 gives itself)."""
    quarter = periods.containing(as_of, "quarter")
    return as_of if as_of == quarter.end else quarter.start - dt.timedelta(days=1)


def shared_case(case: Case) -> bool:
    """A case that may be counted in shared figures: an SEA allegation (sexual exploitation or
    abuse) whose survivor did not refuse to be counted, not closed as a duplicate."""
    return (case.allegation in SEA_ALLEGATIONS and case.consent.reporting != "no"
            and not case.duplicate)


# --- one quarter ------------------------------------------------------------------------------

@dataclasses.dataclass
class _Quarter:
    """The published (rounded) figures of one quarter."""

    total: int
    survivors: int
    parts: dict[str, Parts]
    breakdowns: dict[str, dict[str, Parts]]
    left_out: int


def _by_quarter(dataset: Dataset, day: dt.date) -> dict[str, list[Located[Case]]]:
    """{quarter key: SEA cases received in it by ``day``}, in one pass over the cases."""
    found: dict[str, list[Located[Case]]] = {}
    for located in dataset.cases:
        case = located.value
        received = case.received_day
        if case.allegation not in SEA_ALLEGATIONS or received > day or case.duplicate:
            continue
        found.setdefault(f"{received.year}-Q{(received.month - 1) // 3 + 1}", []).append(located)
    return found


def _publish_quarter(dataset: Dataset, cases: list[Located[Case]], quarter: periods.Period,
                     day: dt.date, bundles: tuple[PlanBundle, ...], base: int) -> _Quarter:
    ids = [c.value.id for c in cases if shared_case(c.value)]
    refused = [c.value.id for c in cases if not shared_case(c.value)]
    context = MeasureContext(dataclasses.replace(dataset, cases=cases), quarter, day, bundles,
                             shared=True)
    seed = cell_seed(ids, quarter.key)
    raw = {name: metric.measure(context) for name, metric in METRICS.items()
           if metric.sensitive and name in LAYOUTS and LAYOUTS[name].kind != "median"}
    received = raw["cases_received"]
    true_total = int(received.value or 0)
    if true_total != len(ids):
        raise ValueError(f"{quarter.key}: {true_total} cases counted, {len(ids)} keyed")
    draw = cell_draw(seed, "total")
    total = round_count(true_total, base, draw)
    true_survivors = _detail(received, "survivors")
    survivors = round_count(true_survivors, base, draw)  # one draw: never fewer than cases
    totals = {"cases": (true_total, total), "survivors": (true_survivors, survivors)}
    parts: dict[str, Parts] = {}
    breakdowns: dict[str, dict[str, Parts]] = {}
    for name, value in raw.items():
        layout = LAYOUTS[name]
        split = layout.parts(value)
        true_whole, whole = totals[layout.unit]
        if sum(split.values()) != true_whole or min(split.values(), default=0) < 0:
            raise ValueError(f"{quarter.key}: the parts of {name} do not split its {layout.unit}")
        parts[name] = _rounded(split, layout.entity_first, (true_whole, whole), base, seed,
                               layout.family or name)
        breakdowns[name] = {
            dim: controlled_round(value.breakdowns.get(dim, {}), total, base, seed,
                                  f"{name}/{dim}")
            for dim in layout.breakdowns}
    left_key = cell_seed(refused, quarter.key)
    left_out = round_count(len(refused), base, cell_draw(left_key, "left_out"))
    return _Quarter(total, survivors, parts, breakdowns, left_out)


def _rounded(split: Parts, entity_first: bool, whole: tuple[int, int], base: int, seed: bytes,
             name: str) -> Parts:
    """A metric's parts rounded to the published whole: at once, or the cases without an
    entity known first (``Layout.entity_first``), the other parts within the rest."""
    if not entity_first:
        return controlled_round(split, whole[1], base, seed, name)
    outer = entity_round(whole[0] - split[NO_ENTITY], split[NO_ENTITY], whole[1], base, seed)
    inner = controlled_round({k: n for k, n in split.items() if k != NO_ENTITY},
                             outer["known"], base, seed, name)
    return {key: outer[NO_ENTITY] if key == NO_ENTITY else inner[key] for key in split}


# --- a period ---------------------------------------------------------------------------------

def _add(into: dict[str, int], more: Mapping[str, int]) -> None:
    for key, n in more.items():
        into[key] = into.get(key, 0) + n


def _metric(name: str, quarters: list[tuple[str, _Quarter]], base: int) -> MetricValue:
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
    value = percent(numerator, denominator) if denominator >= base else None
    return MetricValue(name, value, numerator, denominator, breakdowns, details,
                       published=True)


def _bounds(quarters: list[tuple[str, _Quarter]], metric: str, parts: tuple[str, ...],
            base: int) -> tuple[int, int]:
    """The fewest and the most cases the published ``parts`` of ``metric`` can stand for,
    over the counted quarters: a published ``r`` stands for ``r - (base - 1)`` (not below 0)
    to ``r + (base - 1)``."""
    shown = [quarter.parts[metric].get(part, 0) for _key, quarter in quarters for part in parts]
    return sum(max(0, r - (base - 1)) for r in shown), sum(r + base - 1 for r in shown)


def _median(name: str, context: MeasureContext, base: int,
            quarters: list[tuple[str, _Quarter]]) -> MetricValue:
    """A median number of days over the cases of the period's counted quarters (the context
    is read on the shared day), in whole days; the number of cases is not published.

    It is given only when the published figures of the cases it is computed over (its
    layout's ``population``) guarantee at least ``base`` of them: deciding on the exact number
    instead would publish whether it is under ``base``, which set beside the rounded counts
    narrows them. When a published split divides those cases by a deadline (``deadline``),
    the median also says on which side most of them fell: it is given only when the published
    ranges of the two sides already say it."""
    layout = LAYOUTS[name]
    measured = METRICS[name].measure(context)
    enough = measured.value is not None and layout.population is not None and _bounds(
        quarters, layout.population[0], layout.population[1], base)[0] >= base
    if enough and layout.deadline is not None and layout.population is not None:
        early = _bounds(quarters, layout.population[0], layout.deadline[0], base)
        late = _bounds(quarters, layout.population[0], layout.deadline[1], base)
        enough = early[0] > late[1] or early[1] < late[0]
    value = formatting.half_up(measured.value) if enough and measured.value is not None else None
    return MetricValue(name, value, None, None, {}, {}, published=True)


def _withheld(name: str) -> MetricValue:
    """A case metric without a layout: nothing of it is shared."""
    return MetricValue(name, None, None, None, {}, {}, published=True, withheld=True)


def _unpublished(metric: MetricValue) -> MetricValue:
    """A case metric of a period without a complete quarter: no figure, and why."""
    return MetricValue(metric.name, None, None, None, {}, {}, published=True,
                       withheld=metric.withheld, not_published=NO_COMPLETE_QUARTER)


def _shared_result(result: IndicatorResult, metrics: dict[str, MetricValue]) -> IndicatorResult:
    """An indicator as shared: without value, fraction or status when its figure is not
    published."""
    metric = metrics.get(result.metric or "")
    if metric is None or metric.not_published is None:
        return dataclasses.replace(result, published=True)
    return dataclasses.replace(result, value=None, numerator=None, denominator=None,
                               status="no_data", by_quarter=None, published=True,
                               not_published=metric.not_published)


QuarterCache = dict[tuple[str, dt.date], _Quarter]


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
    missing = [q for q in counted if (q.key, day) not in cache]
    cases = _by_quarter(dataset, day) if missing else {}
    for q in missing:
        cache[(q.key, day)] = _publish_quarter(dataset, cases.get(q.key, []), q, day, bundles,
                                               base)
    quarters = [(q.key, cache[(q.key, day)]) for q in counted]
    context = MeasureContext(dataset, period, as_of, bundles)
    shared_context = MeasureContext(dataset, period, day, bundles, shared=True)
    metrics: dict[str, MetricValue] = {}
    for name, definition in METRICS.items():
        if not definition.sensitive:
            metrics[name] = definition.measure(context)
        elif name in LAYOUTS and LAYOUTS[name].kind == "median":
            metrics[name] = _median(name, shared_context, base, quarters)
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
    if not protection.quarters:
        metrics = {name: _unpublished(m) if METRICS[name].sensitive else m
                   for name, m in metrics.items()}
    results = [_shared_result(_result(bundle, activity, indicator, period, metrics), metrics)
               for bundle in bundles for activity, indicator in bundle.plan.value.indicators()]
    return IndicatorReport(period, as_of, metrics, results, base, protection)
