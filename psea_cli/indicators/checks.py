"""The check the indicators own: a plan indicator's ``measured_by`` names a computed metric.

It sits beside the registry it reads; ``psea_cli.validation`` adds it to the pipeline's checks.
"""

from __future__ import annotations

from collections.abc import Iterator

from psea_cli.dataset import Dataset, Finding
from psea_cli.indicators.registry import METRIC_NAMES


def check_measured_by(ds: Dataset) -> Iterator[Finding]:
    """measured_by names a computed metric or ``manual``."""
    if ds.network is None:
        return  # like the plan's other references: no cascade while network.yaml is invalid
    for bundle in ds.plans:
        plan = bundle.plan
        for ri, result in enumerate(plan.value.results):
            for si, sub in enumerate(result.sub_results):
                for ai, activity in enumerate(sub.activities):
                    for ii, indicator in enumerate(activity.indicators):
                        name = indicator.measured_by
                        if name == "manual" or name in METRIC_NAMES:
                            continue
                        yield Finding.of(
                            "plan.unknown-metric", plan.file,
                            ("results", ri, "sub_results", si, "activities", ai, "indicators",
                             ii, "measured_by"), name=name)


CHECKS = [check_measured_by]
