"""The values indicators produce: a metric's measure, an indicator's result, a period's report.

These are the stable interface that ``psea indicators``, the report and the exports read.
Values are raw (exact counts and percentages); disclosure control is applied when they are
shown (``psea_cli.disclosure``), never here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from psea_cli.indicators.context import MeasureContext
    from psea_cli.periods import Period

Breakdowns = dict[str, dict[str, int]]

STATUSES = ("on_track", "behind", "no_target", "no_data")

NO_COMPLETE_QUARTER = "no_complete_quarter"
"""Why shared case figures are not published: no calendar quarter of the period had ended on
the day they are read, and shared figures add up whole quarters (``indicators.shared``)."""

RECORDS_WITH_ERRORS = "records_with_errors"
"""Why shared case figures are not published: some case records have errors and are left out
of every figure (``Dataset.for_figures``). Figures over the others, set beside those made once
the records are corrected, narrowed both: the rounding's draw is fixed by the cases counted."""

STORE_ABSENT = "store_absent"
"""Why shared case figures are not published: the case store is not here (``cases_dir`` names
a folder that does not exist, data/cases is a link that leads nowhere) and no published figures
cover the period. Figures over no record read as "<5" cases: a count the store would
contradict, in a report an HCT would read as the network's."""

SEALED_RECORDS = "sealed_records"
"""Why shared case figures are not published: some case records cannot be read here and no
published figures (``psea case publish``) cover the period. Figures over the records that can be
read, set beside the key holders' figures over all of them, narrowed both: a region published
``<5`` by the core team and 5 over a part of its cases is 1 to 4."""


@dataclasses.dataclass(frozen=True)
class Measure:
    """What a metric function returns; the registry adds the metric's name."""

    value: float | None
    numerator: int | None = None
    denominator: int | None = None
    breakdowns: Breakdowns = dataclasses.field(default_factory=dict)
    details: dict[str, object] = dataclasses.field(default_factory=dict)
    met: bool | None = None


@dataclasses.dataclass(frozen=True)
class MetricValue:
    """One computed metric for one period.

    ``value`` is the percentage (0–100), the count or the amount; None when there is no data
    (a percentage with denominator 0). ``breakdowns`` maps a dimension to counts per
    category: ``{"quarter": {"2020-Q3": 4}, "region": {"ML05": 3}, "sex_age":
    {"female/child": 2}}``. For a percentage, the dimension ``X`` counts the numerator and
    ``X_denominator`` the denominator of each category. ``met`` is set for yes/no metrics
    (plan_budgeted, lead_and_cofacilitator_identified).
    """

    name: str
    value: float | None
    numerator: int | None
    denominator: int | None
    breakdowns: Breakdowns
    details: dict[str, object]
    met: bool | None = None
    published: bool = False
    """True when the figures are the protected ones psea shares (``indicators.shared``); only
    those may be shown with disclosure control on."""
    withheld: bool = False
    """True for a case metric that is not shared at all (shown as withheld)."""
    not_published: str | None = None
    """Why a shared case metric has no figure at all (``NO_COMPLETE_QUARTER``), else None."""


@dataclasses.dataclass(frozen=True)
class IndicatorResult:
    """One indicator of the plan for one period: its value against its target.

    ``metric`` is None for a manual indicator, whose value comes from the period's progress
    file (``recorded_period`` says which one; ``source`` is the source written there). A
    missing value is None, never 0, and its status is ``no_data``.
    """

    id: str
    activity: str
    text: str
    text_en: str | None
    metric: str | None
    unit: str
    value: float | bool | str | None
    numerator: int | None
    denominator: int | None
    target: float | bool | str | None
    status: str
    source: str | None
    plan: str = ""
    recorded_period: str | None = None
    date: dt.date | None = None
    published: bool = False
    """True when computed from the protected figures psea shares."""
    target_source: str | None = None
    """Where the target comes from: ``plan``, ``network`` or ``example``; None when the plan
    file does not say (``plan.target-without-source``)."""
    target_reference: str | None = None
    """The plan's words, or the meeting and day of the network's decision."""
    not_published: str | None = None
    """Why a shared indicator computed from cases has no figure (``NO_COMPLETE_QUARTER``)."""
    by_quarter: dict[str, int] | None = None
    """For an indicator the plan asks for per quarter (``per: quarter``): the count of each
    quarter of the period, raw like ``value`` (protected like it when ``published``)."""


@dataclasses.dataclass(frozen=True)
class Protection:
    """How the case figures of a shared report were protected (``indicators.shared``)."""

    base: int
    """Every case count is a multiple of this (the threshold); 0 means 0 to base - 1."""
    read_on: dt.date
    """The records were read as of this day: the end of the last complete quarter."""
    quarters: tuple[str, ...]
    """The complete quarters of the period that the case figures cover."""
    left_out: int
    """Cases left out because the survivor refused to be counted, rounded like the rest."""
    source: dict[str, object] | None = None
    """Where the figures come from when not from the records: the published file (``file``,
    ``revision``, ``uncommitted``, ``written_on``), see ``indicators.published``."""
    sealed: bool = False
    """No case figure is published because some records cannot be read here (``quarters`` is
    then empty)."""
    erroneous: bool = False
    """No case figure is published because some records have errors and are left out of every
    figure (``quarters`` is then empty)."""
    absent: bool = False
    """No case figure is published because the case store is not here (``quarters`` is then
    empty)."""

    @property
    def not_published(self) -> str | None:
        """Why no case figure is published (``STORE_ABSENT``, ``SEALED_RECORDS``,
        ``RECORDS_WITH_ERRORS``, ``NO_COMPLETE_QUARTER``)."""
        if self.absent:
            return STORE_ABSENT
        if self.sealed:
            return SEALED_RECORDS
        if self.erroneous:
            return RECORDS_WITH_ERRORS
        return None if self.quarters else NO_COMPLETE_QUARTER


@dataclasses.dataclass(frozen=True)
class IndicatorReport:
    """Every metric and every indicator of the plans covering one period."""

    period: Period
    as_of: dt.date
    metrics: dict[str, MetricValue]
    indicators: list[IndicatorResult]
    threshold: int = 5
    protection: Protection | None = None
    """Set for the shared view (``indicators.shared.publish``); None for the core team's."""

    @property
    def measuring_day(self) -> dt.date:
        """The day directory and service metrics describe: the period's end or as_of."""
        return min(self.period.end, self.as_of)


@dataclasses.dataclass(frozen=True)
class Metric:
    """A registered metric: a plain function documented by its docstring.

    ``sensitive`` metrics are computed from case records: disclosure control applies to them
    when they are shown. Directory, service and plan metrics count organisations, services
    and dollars, which are public.
    """

    name: str
    func: Callable[[MeasureContext], Measure]
    doc: str
    unit: str
    sensitive: bool = False

    @property
    def definition(self) -> str:
        """The docstring on one line: the English text of the definition, and the key of its
        translation (catalogue ``definitions``)."""
        return " ".join(self.doc.split())

    def measure(self, context: MeasureContext) -> MetricValue:
        m = self.func(context)
        return MetricValue(self.name, m.value, m.numerator, m.denominator, m.breakdowns,
                           m.details, m.met)


def percent(numerator: int, denominator: int) -> float | None:
    """``numerator`` as a percentage of ``denominator``; None when the denominator is 0."""
    return 100.0 * numerator / denominator if denominator else None


def ratio(numerator: int, denominator: int, breakdowns: Breakdowns | None = None,
          **details: object) -> Measure:
    """A percentage measure with its numerator and denominator."""
    return Measure(percent(numerator, denominator), numerator, denominator, breakdowns or {},
                   dict(details))
