"""The checks the indicators own: a plan indicator's ``measured_by`` names a computed metric,
a median delay is read in days, and published case figures are as psea writes them.

They sit beside the registry they read; ``psea_cli.validation`` adds them to the pipeline's
checks.
"""

from __future__ import annotations

from collections.abc import Iterator

from psea_cli.dataset import Dataset, Finding
from psea_cli.disclosure import threshold_of
from psea_cli.indicators.published import unsound
from psea_cli.indicators.registry import METRIC_NAMES, METRICS
from psea_cli.models.plan import Indicator

Path = tuple[str | int, ...]


def _indicators(ds: Dataset) -> Iterator[tuple[str, Path, Indicator]]:
    """Every indicator of every plan, with its file and its path in it."""
    for bundle in ds.plans:
        plan = bundle.plan
        for ri, result in enumerate(plan.value.results):
            for si, sub in enumerate(result.sub_results):
                for ai, activity in enumerate(sub.activities):
                    for ii, indicator in enumerate(activity.indicators):
                        yield plan.file, ("results", ri, "sub_results", si, "activities", ai,
                                          "indicators", ii), indicator


def check_measured_by(ds: Dataset) -> Iterator[Finding]:
    """measured_by names a computed metric or ``manual``."""
    if ds.network is None:
        return  # like the plan's other references: no cascade while network.yaml is invalid
    for file, path, indicator in _indicators(ds):
        name = indicator.measured_by
        if name == "manual" or name in METRIC_NAMES:
            continue
        yield Finding.of("plan.unknown-metric", file, (*path, "measured_by"), name=name)


def check_delay_unit(ds: Dataset) -> Iterator[Finding]:
    """An indicator measured by a median delay (a metric in days) has the unit ``days``, and
    only such an indicator has it: a median read as a count is cut to whole days and judged
    "value ≥ target", the wrong way for a delay."""
    for file, path, indicator in _indicators(ds):
        metric = METRICS.get(indicator.measured_by)
        delay = metric is not None and metric.unit == "days"
        if delay and indicator.unit != "days":
            yield Finding.of("plan.delay-unit", file, (*path, "unit"), id=indicator.id,
                             metric=indicator.measured_by)
        elif indicator.unit == "days" and not delay and (
                metric is not None or indicator.measured_by == "manual"):
            yield Finding.of("plan.delay-unit", file, (*path, "unit"), "not-delay",
                             id=indicator.id, metric=indicator.measured_by)


def check_published_figures(ds: Dataset) -> Iterator[Finding]:
    """Each published figures file (``data/published/<period>.yaml``) is as ``psea case
    publish`` writes it (``published.unsound``)."""
    wanted = threshold_of(ds.network)
    for located in ds.published:
        for code, path, params in unsound(located.value, wanted):
            yield Finding.of(code, located.file, path, **params)


CHECKS = [check_measured_by, check_delay_unit, check_published_figures]
