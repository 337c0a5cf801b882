"""Everything psea would publish about cases for a plan's span, as an attacker would collect it.

``build(dataset, as_of)`` runs the shared view (``indicators.shared.publish``, the one source
of ``psea indicators --suppress`` in every format and of every report) for every quarter,
semester and year of each plan's span and for the span itself, and keeps each as the JSON
document ``psea indicators PERIOD --suppress --format json`` prints. The table, the CSV and the
report print the same published values.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

from psea_cli import periods
from psea_cli.indicators.compute import plan_span
from psea_cli.indicators.export import report_document
from psea_cli.indicators.quarters import QuarterCache, shared_day
from psea_cli.indicators.shared import publish

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset


@dataclasses.dataclass(frozen=True)
class Output:
    """One published output: what command prints it, for which period, and its document."""

    period: periods.Period
    document: dict[str, Any]

    @property
    def name(self) -> str:
        return f"psea indicators {self.period.key} --suppress"

    @property
    def quarters(self) -> list[str]:
        return list(self.document["protection"]["quarters"])


@dataclasses.dataclass(frozen=True)
class Publication:
    """Every output of one day (``as_of``), and the threshold they were protected with."""

    as_of: dt.date
    read_on: dt.date
    threshold: int
    outputs: list[Output]
    quarters: QuarterCache = dataclasses.field(default_factory=dict, compare=False,
                                               repr=False)
    """The quarters read to make them (the report's other tables read the same)."""
    acknowledgement_days: int = 7
    """The SOP's deadline to acknowledge a complaint (network.yaml): a complaint still
    pending on a quarter's last day came in its last this many days (``attack.containments``)."""

    def by_period(self) -> dict[str, Output]:
        return {o.period.key: o for o in self.outputs}


def plan_periods(dataset: Dataset) -> list[periods.Period]:
    """Every quarter, semester and year overlapping a plan's span, and each span itself."""
    found: dict[str, periods.Period] = {}
    for bundle in dataset.plans:
        span = plan_span(bundle)
        kinds: tuple[periods.PeriodKind, ...] = ("quarter", "semester", "year")
        for kind in kinds:
            for period in periods.iterate(kind, span.start, span.end):
                found.setdefault(period.key, period)
        found.setdefault(span.key, span)
    return sorted(found.values(), key=lambda p: (p.start, p.end))


def build(dataset: Dataset, as_of: dt.date) -> Publication:
    """What psea publishes on ``as_of`` for every period of every plan."""
    outputs = []
    threshold = 0
    cache: QuarterCache = {}
    for period in plan_periods(dataset):
        report = publish(dataset, period, as_of, cache)
        threshold = report.threshold
        outputs.append(Output(period, report_document(report, suppress=True)))
    days = dataset.network.sop.acknowledgement_days if dataset.network else 7
    return Publication(as_of, shared_day(as_of), threshold, outputs, cache, days)
