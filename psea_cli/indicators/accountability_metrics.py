"""Metrics of the accountability chain after a complaint: how long the concerned entity took to
be told, to open and to conclude an investigation, how investigations concluded, how long
complaints stay open, and whether survivors were told the outcome.

Like every case metric, they count SEA cases received in the period (``other`` misconduct and
``not_sea`` apart), as known on the as-of day; shared figures go through
``psea_cli.indicators.shared`` (counts rounded per quarter, a median given only over at least
the threshold's number of cases, in whole days).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable
from typing import get_args

from psea_cli.indicators.context import CaseFacts, MeasureContext
from psea_cli.indicators.values import Measure, ratio

AGE_BANDS = ("under_30_days", "30_to_60_days", "over_60_days")
"""How long a complaint has been open. Shared figures are read on a quarter's last day, so the
bands are a month or more of a quarter's complaints each: a band of 90 days and more would hold
only the quarter's first day."""


def outcomes() -> tuple[str, ...]:
    from psea_cli.cases.vocabulary import InvestigationOutcome

    return get_args(InvestigationOutcome)


def days_to(ctx: MeasureContext, step: Callable[[CaseFacts], dt.date | None]) -> list[int]:
    """The days from reception to ``step`` of each case of ``ctx`` that reached it."""
    return [(day - c.received_day).days for c in ctx.cases if (day := step(c)) is not None]


def _median(ctx: MeasureContext, step: Callable[[CaseFacts], dt.date | None]) -> Measure:
    days = days_to(ctx, step)
    value = float(statistics.median(days)) if days else None
    return Measure(value, details={"cases": len(days)})


MEDIAN_STEPS: dict[str, Callable[[CaseFacts], dt.date | None]] = {
    "median_days_to_entity_referral": lambda c: c.referred_to_entity
    if c.entity_known and c.investigation_referred else None,
    "median_days_to_investigation_opened": lambda c: c.investigation_opened
    if c.investigation_opened is not None else c.investigation_concluded,
    "median_days_to_investigation_concluded": lambda c: c.investigation_concluded,
}
"""The step each median counts the days to: the shared view keeps each quarter's days as of
the reading it publishes (``quarters.Quarter.medians``)."""


def median_days_to_entity_referral(ctx: MeasureContext) -> Measure:
    """Median number of days from a complaint's reception to its referral to the concerned
    entity.

    Over the SEA cases received in the period that the referral indicator counts as referred
    (a concerned entity known, a ``referred_to_entity`` event by the as-of day): for each, the
    days from the received day to the first such event (the same day is 0). Cases not referred
    yet are left out (the referral indicator counts them), and so is a referral recorded for a
    case whose entity is unknown (``other``/``unknown``, no organisation): the median is over
    the very cases the referral table splits by the deadline, or it would say on which side of
    the deadline complaints that table does not show fell. The number of cases it is computed
    over is in the details. Shared figures give it, in whole days, only when the published
    counts of these cases guarantee at least the threshold's number of them (whether it is
    shown then says nothing the counts do not).
    """
    return _median(ctx, MEDIAN_STEPS["median_days_to_entity_referral"])


def median_days_to_investigation_opened(ctx: MeasureContext) -> Measure:
    """Median number of days from a complaint's reception to the opening of an investigation.

    Over SEA cases received in the period whose investigation was opened by the as-of day:
    for each, the days from the received day to the first ``investigation_opened`` event, or,
    for an investigation concluded with no opening recorded, to its conclusion. Cases without
    either are left out; the number of cases it is computed over is in the details. These are
    the very cases the investigations' table counts as ongoing or concluded: a median over
    fewer cases than the table's would say how many of them it counts.
    Shared figures give it, in whole days, only when the published counts of these cases
    guarantee at least the threshold's number of them (whether it is shown then says nothing
    the counts do not).
    """
    return _median(ctx, MEDIAN_STEPS["median_days_to_investigation_opened"])


def median_days_to_investigation_concluded(ctx: MeasureContext) -> Measure:
    """Median number of days from a complaint's reception to the conclusion of its
    investigation.

    Over SEA cases received in the period that have an ``investigation_concluded`` event
    with an outcome by the as-of day: for each, the days from the received day to the latest
    such event. Investigations still under way are left out; the number of cases it is
    computed over is in the details. Shared figures give it, in whole days, only when the
    published counts of these cases guarantee at least the threshold's number of them
    (whether it is shown then says nothing the counts do not).
    """
    return _median(ctx, MEDIAN_STEPS["median_days_to_investigation_concluded"])


def _stage(case: CaseFacts) -> str:
    if case.outcome is not None:
        return case.outcome
    return "ongoing" if case.investigation_opened is not None else "not_opened"


def investigation_outcomes(ctx: MeasureContext) -> Measure:
    """Number of investigations concluded, by outcome.

    Counts SEA cases received in the period whose latest ``investigation_concluded`` event by
    the as-of day gives an outcome: substantiated, unsubstantiated, or closed for
    insufficient information. The details give each outcome, and the cases whose
    investigation is still under way (``ongoing``: opened, not concluded) or was never
    opened (``not_opened``).
    """
    stages = [_stage(c) for c in ctx.cases]
    details: dict[str, object] = {o: stages.count(o) for o in (*outcomes(), "ongoing",
                                                                "not_opened")}
    concluded = sum(stages.count(o) for o in outcomes())
    return Measure(float(concluded), concluded, None, details={**details, **_told(ctx)})


def _told(ctx: MeasureContext) -> dict[str, object]:
    """The concluded cases by outcome and by whether the survivor was informed of it
    (``substantiated/informed``…), and the cases not concluded: the parts the shared view
    rounds once for the investigations and for the survivors informed."""
    told = {f"{o}/{t}": 0 for o in outcomes() for t in ("informed", "not_informed")}
    for case in ctx.cases:
        stage = _stage(case)
        if stage in ("ongoing", "not_opened"):
            continue
        key = f"{stage}/{'informed' if case.informed_of_outcome is not None else 'not_informed'}"
        told[key] += 1
    return {**told, "ongoing": sum(1 for c in ctx.cases if _stage(c) == "ongoing"),
            "not_opened": sum(1 for c in ctx.cases if _stage(c) == "not_opened")}


def _age_band(case: CaseFacts, day: dt.date) -> str:
    if case.closed_on is not None:
        return "closed"
    age = (day - case.received_day).days
    return AGE_BANDS[0] if age < 30 else AGE_BANDS[1] if age <= 60 else AGE_BANDS[2]


def open_cases_by_age(ctx: MeasureContext) -> Measure:
    """Number of SEA complaints received in the period still open on the as-of day, by how
    long they have been open.

    A case is open unless its latest ``closed`` or ``reopened`` event by the as-of day is a
    closure. Its age is the number of days from its received day to the as-of day (for
    shared figures, the last day of the quarter it was received in: a quarter read again
    later gives the same bands while its records are unchanged): under 30 days, 30 to 60
    days, over 60 days, each in the details with the closed cases.
    """
    bands = [_age_band(c, ctx.settled_on) for c in ctx.cases]
    details: dict[str, object] = {b: bands.count(b) for b in (*AGE_BANDS, "closed")}
    still_open = len(bands) - bands.count("closed")
    return Measure(float(still_open), still_open, None, details=details)


def survivors_informed_of_outcome(ctx: MeasureContext) -> Measure:
    """Percentage of SEA complaints whose survivors were informed of the outcome of the
    investigation.

    Counts complaints (a ``feedback_given`` event informs every survivor of its case).
    Denominator: SEA cases received in the period whose investigation is concluded (an
    ``investigation_concluded`` event with an outcome by the as-of day). Numerator: those with
    a ``feedback_given`` event on or after the conclusion. Cases whose investigation has no
    conclusion yet are counted apart in the details (``no_conclusion``); the details also
    split the concluded cases by outcome and by whether the survivors were informed.
    """
    concluded = [c for c in ctx.cases if c.investigation_concluded is not None]
    informed = [c for c in concluded if c.informed_of_outcome is not None]
    measured = ratio(len(informed), len(concluded),
                     no_conclusion=len(ctx.cases) - len(concluded))
    measured.details.update(_told(ctx))
    return measured
