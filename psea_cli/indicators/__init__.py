"""Indicators: computed metrics (a registry of plain functions) and manual values per period.

    from psea_cli.indicators import compute, default_period
    report = compute(dataset, default_period(dataset))   # IndicatorReport

``METRICS`` (``registry.py``) lists every computed metric; a plan indicator names one in
``measured_by``, or says ``manual`` and takes its value from the period's progress file.
Importing this package does not load pydantic, so ``psea --help`` stays fast.
"""

from __future__ import annotations

from psea_cli.indicators.compute import compute, covering_plans, default_period, period_named
from psea_cli.indicators.registry import METRIC_NAMES, METRICS
from psea_cli.indicators.values import (
    IndicatorReport,
    IndicatorResult,
    Measure,
    Metric,
    MetricValue,
)

__all__ = [
    "METRICS", "METRIC_NAMES", "IndicatorReport", "IndicatorResult", "Measure", "Metric",
    "MetricValue", "compute", "covering_plans", "default_period", "period_named",
]
