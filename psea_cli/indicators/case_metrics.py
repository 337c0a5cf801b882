"""Metrics computed from the case records.

Every case metric counts **cases** (one per record), not survivors: an allegation with
several survivors is one case, as the network receives, refers and follows it up as one.
``cases_received`` also gives the number of survivors in its details. Cases whose allegation
is ``not_sea`` never count. A case belongs to the period of its received day; events dated
after the as-of day are ignored.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterable
from typing import get_args

from psea_cli.indicators.context import CaseFacts, MeasureContext
from psea_cli.indicators.values import Breakdowns, Measure, ratio
from psea_cli.periods import days_allowed

DEFAULT_ACKNOWLEDGEMENT_DAYS = 7
DEFAULT_REFERRAL_HOURS = 72


@functools.cache
def categories(dimension: str) -> tuple[str, ...]:
    """The categories of a case breakdown, in the case model's order (``not_sea`` left out).

    Read from the model when first needed, so that importing the registry (for ``--help``)
    does not load pydantic.
    """
    from psea_cli.models import case

    if dimension == "sex_age":
        return tuple(f"{s}/{a}" for s in get_args(case.SurvivorSex)
                     for a in get_args(case.AgeGroup))
    if dimension == "channel":
        return get_args(case.Channel)
    if dimension == "allegation":
        return tuple(a for a in get_args(case.Allegation) if a != "not_sea")
    raise ValueError(dimension)


def _tally(keys: Iterable[str], categories: Iterable[str]) -> dict[str, int]:
    """Counts per category, every known category listed (0 included), unknown ones after."""
    counts = Counter(keys)
    result = {c: counts.pop(c, 0) for c in categories}
    result.update(sorted(counts.items()))
    return result


def _split(cases: list[CaseFacts], hits: list[CaseFacts], dimension: str,
           categories: Iterable[str]) -> Breakdowns:
    """A percentage's breakdown: numerator and denominator per category of ``dimension``."""
    categories = list(categories)
    return {
        dimension: _tally((getattr(c, dimension) for c in hits), categories),
        f"{dimension}_denominator": _tally((getattr(c, dimension) for c in cases), categories),
    }


def _regions(ctx: MeasureContext) -> list[str]:
    network = ctx.dataset.network
    return [r.pcode for r in network.regions] if network else []


def cases_received(ctx: MeasureContext) -> Measure:
    """Number of SEA cases the network received in the period.

    Counts case records whose received day falls in the period (one per record, whatever
    the number of survivors; that number is given apart). Cases recorded as ``not_sea`` are
    not counted. Broken down by quarter, region, reporting channel, type of allegation, and
    survivor sex × age group.
    """
    cases = ctx.cases
    quarters = [q.key for q in ctx.period.quarters()]
    breakdowns = {
        "quarter": _tally((c.quarter for c in cases), quarters),
        "region": _tally((c.region for c in cases), _regions(ctx)),
        "channel": _tally((c.channel for c in cases), categories("channel")),
        "allegation": _tally((c.allegation for c in cases), categories("allegation")),
        "sex_age": _tally((c.sex_age for c in cases), categories("sex_age")),
    }
    return Measure(float(len(cases)), breakdowns=breakdowns,
                   details={"survivors": sum(c.survivors for c in cases)})


def _acknowledgement_days(ctx: MeasureContext) -> int:
    network = ctx.dataset.network
    return network.sop.acknowledgement_days if network else DEFAULT_ACKNOWLEDGEMENT_DAYS


def response_within_7_days(ctx: MeasureContext) -> Measure:
    """Percentage of cases acknowledged within 7 days of reception.

    Numerator: cases whose first ``acknowledged`` event is at most 7 days after the received
    day (received on the 1st and acknowledged on the 8th is on time; on the 9th is late).
    Denominator: cases received in the period, less those still *pending*: not acknowledged
    by the end of the as-of day and received fewer than 7 days before it, which can still be
    on time. A case still not acknowledged 7 days or more after its reception counts as late.
    The deadline is ``sop.acknowledgement_days`` of network.yaml (7 by default). Details give
    the on-time, late and pending counts.
    """
    deadline = _acknowledgement_days(ctx)
    on_time: list[CaseFacts] = []
    counted: list[CaseFacts] = []
    pending = 0
    for case in ctx.cases:
        if case.acknowledged is None:
            if (ctx.as_of - case.received_day).days < deadline:
                pending += 1
                continue
        elif (case.acknowledged - case.received_day).days <= deadline:
            on_time.append(case)
        counted.append(case)
    quarters = [q.key for q in ctx.period.quarters()]
    return ratio(len(on_time), len(counted), _split(counted, on_time, "quarter", quarters),
                 on_time=len(on_time), late=len(counted) - len(on_time), pending=pending)


def _referral_limit(ctx: MeasureContext) -> int:
    network = ctx.dataset.network
    return network.sop.assistance_referral_hours if network else DEFAULT_REFERRAL_HOURS


def referred_in_time(case: CaseFacts, hours: int) -> bool:
    """Referred within ``hours``: by the clock when both dates carry a time, else by days.

    With days only, 72 hours means at most 3 calendar days after the received day
    (``days_allowed(hours)`` days in general).
    """
    referred = case.assistance_referred
    if referred is None:
        return False
    if isinstance(referred, dt.datetime) and isinstance(case.received, dt.datetime):
        return referred - case.received <= dt.timedelta(hours=hours)
    day = referred.date() if isinstance(referred, dt.datetime) else referred
    return (day - case.received_day).days <= days_allowed(hours)


def _still_in_window(case: CaseFacts, as_of: dt.date, hours: int) -> bool:
    """Can a referral still be in time after the as-of day (read as its end)?"""
    return (as_of - case.received_day).days < days_allowed(hours)


def assistance_referral_within_72h(ctx: MeasureContext) -> Measure:
    """Percentage of consenting survivors referred to assistance within 72 hours.

    Denominator: cases received in the period whose survivor consented to assistance
    (``consent.assistance: yes``). Numerator: those whose first ``assistance_referred``
    event is at most 3 calendar days after the received day, or at most 72 hours after it
    when both the reception and the referral carry a time of day. A consenting case not yet
    referred by the end of the as-of day but received fewer than 3 days before it is
    *pending* and left out of both, as for the 7-day response. Cases without consent
    (``no``) or where it was not asked are counted apart in the details, never as failures.
    Broken down by survivor sex × age group. The limit is ``sop.assistance_referral_hours``
    of network.yaml.
    """
    hours = _referral_limit(ctx)
    counted: list[CaseFacts] = []
    in_time: list[CaseFacts] = []
    consent = Counter(c.consent_assistance for c in ctx.cases)
    pending = 0
    for case in ctx.cases:
        if case.consent_assistance != "yes":
            continue
        if referred_in_time(case, hours):
            in_time.append(case)
        elif case.assistance_referred is None and _still_in_window(case, ctx.as_of, hours):
            pending += 1
            continue
        counted.append(case)
    return ratio(len(in_time), len(counted), _split(counted, in_time, "sex_age", categories("sex_age")),
                 pending=pending, late_or_not_referred=len(counted) - len(in_time),
                 consent_no=consent["no"], consent_not_asked=consent["not_asked"])


def investigation_referral_with_consent(ctx: MeasureContext) -> Measure:
    """Percentage of SEA allegations referred for investigation with informed consent.

    Denominator: cases received in the period. Numerator: those with an
    ``referred_to_entity`` event and ``consent.investigation: yes``. A referral recorded
    without that consent is not counted and is reported in the details, as something to
    look into.
    """
    cases = ctx.cases
    referred = [c for c in cases if c.investigation_referred]
    with_consent = [c for c in referred if c.consent_investigation == "yes"]
    return ratio(len(with_consent), len(cases),
                 referred_without_consent=len(referred) - len(with_consent))


def legal_information_given(ctx: MeasureContext) -> Measure:
    """Percentage of survivors informed of administrative, civil and criminal procedures.

    Denominator: cases received in the period. Numerator: those with a
    ``legal_information`` event.
    """
    cases = ctx.cases
    informed = [c for c in cases if c.legal_information]
    return ratio(len(informed), len(cases), _split(cases, informed, "sex_age", categories("sex_age")))


def survivor_satisfaction(ctx: MeasureContext) -> Measure:
    """Percentage of survivors satisfied with the support and assistance received.

    Denominator: cases received in the period whose satisfaction was recorded (a
    ``satisfaction`` event with a value). Numerator: those whose latest recorded value is
    ``satisfied``. Cases without a recorded satisfaction are counted apart in the details.
    """
    cases = ctx.cases
    recorded = [c for c in cases if c.satisfaction is not None]
    satisfied = sum(1 for c in recorded if c.satisfaction == "satisfied")
    return ratio(satisfied, len(recorded), not_recorded=len(cases) - len(recorded))
