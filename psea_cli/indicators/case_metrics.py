"""Metrics computed from the case records.

What is counted follows the plan's wording: "# de cas", "# de plaintes", "% d'allégations"
count **cases** (one per record); "% des personnes survivantes" counts **survivors**, by each
record's ``survivor.count``. Only sexual exploitation and sexual abuse count as SEA; cases of
``other`` misconduct are counted apart (in the details of ``cases_received``) and ``not_sea``
cases never count. A case belongs to the period of its received day; events dated after the
as-of day are ignored.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, get_args

from psea_cli.indicators.context import CaseFacts, MeasureContext
from psea_cli.indicators.values import Breakdowns, Measure, ratio
from psea_cli.periods import days_allowed

if TYPE_CHECKING:
    from psea_cli.models.network import Network

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
        return tuple(a for a in get_args(case.Allegation) if a not in ("not_sea", "other"))
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


def _weighted(cases: Iterable[CaseFacts], dimension: str, categories: Iterable[str]
              ) -> dict[str, int]:
    """Survivors per category of ``dimension`` (each case weighs its ``survivor.count``)."""
    counts: Counter[str] = Counter()
    for case in cases:
        counts[getattr(case, dimension)] += case.survivors
    result = {c: counts.pop(c, 0) for c in categories}
    result.update(sorted(counts.items()))
    return result


def _survivor_split(cases: list[CaseFacts], hits: list[CaseFacts]) -> Breakdowns:
    """A survivor percentage's sex × age breakdown: numerator and denominator per cell."""
    cells = categories("sex_age")
    return {"sex_age": _weighted(hits, "sex_age", cells),
            "sex_age_denominator": _weighted(cases, "sex_age", cells)}


def _survivors(cases: Iterable[CaseFacts]) -> int:
    return sum(c.survivors for c in cases)


UNLISTED_REGION = "unlisted"
"""The part of the region breakdown holding the cases whose region network.yaml does not list
(an error ``psea validate`` reports): a code typed in a case never becomes a figure's label,
and the part is always there, so that its presence says nothing."""


def _regions(ctx: MeasureContext) -> list[str]:
    network = ctx.dataset.network
    return [r.pcode for r in network.regions] if network else []


def _by_region(cases: list[CaseFacts], regions: list[str]) -> dict[str, int]:
    listed = set(regions)
    return _tally((c.region if c.region in listed else UNLISTED_REGION for c in cases),
                  [*regions, UNLISTED_REGION])


def cases_received(ctx: MeasureContext) -> Measure:
    """Number of SEA cases (allegations of sexual exploitation or abuse) received in the period.

    Counts case records whose received day falls in the period and whose allegation is
    ``sexual_exploitation`` or ``sexual_abuse``: one per record, whatever the number of
    survivors, which the details give (``survivors``). Cases of ``other`` misconduct are not
    SEA: they are counted apart in the details (``other_allegations``); ``not_sea`` cases are
    never counted. A case closed as a ``duplicate`` (and not reopened) is the same complaint
    recorded twice: it is counted once, by its other record, and left out of every case
    figure; the details say how many (``duplicates``). Broken down by quarter (the plan asks
    for the number per quarter), region (the cases of every region network.yaml does not list
    are counted together, in a row of their own), reporting channel, type of allegation, and
    survivor sex × age group.
    """
    cases = ctx.cases
    quarters = [q.key for q in ctx.period.quarters()]
    breakdowns = {
        "quarter": _tally((c.quarter for c in cases), quarters),
        "region": _by_region(cases, _regions(ctx)),
        "channel": _tally((c.channel for c in cases), categories("channel")),
        "allegation": _tally((c.allegation for c in cases), categories("allegation")),
        "sex_age": _tally((c.sex_age for c in cases), categories("sex_age")),
    }
    return Measure(float(len(cases)), breakdowns=breakdowns,
                   details={"survivors": _survivors(cases),
                            "other_allegations": len(ctx.other_allegations),
                            "duplicates": ctx.duplicates})


def _acknowledgement_days(ctx: MeasureContext) -> int:
    network = ctx.dataset.network
    return network.sop.acknowledgement_days if network else DEFAULT_ACKNOWLEDGEMENT_DAYS


def response_within_7_days(ctx: MeasureContext) -> Measure:
    """Percentage of SEA complaints answered within 7 days: acknowledged to the complainant.

    psea reads the plan's "une réponse a été apportée" as the network's first response to the
    complainant, the SOP's acknowledgement of receipt (``acknowledged``), which tells them
    what happens next; what follows (assistance, referral to the entity) has its own
    indicators. Numerator: SEA cases whose first ``acknowledged`` event is at most 7 days after the received
    day (received on the 1st and acknowledged on the 8th is on time; on the 9th is late).
    Denominator: SEA cases received in the period, less those still *pending*: not acknowledged
    by the end of the as-of day and received fewer than 7 days before it, which can still be
    on time. A case still not acknowledged 7 days or more after its reception counts as late.
    The deadline is ``sop.acknowledgement_days`` of network.yaml (7 by default). Details give
    the on-time, late and pending counts. In shared figures a case is pending for 7 days at
    least, whatever the deadline, counted to the day the quarter is read: its last day, then
    the end of the quarter in which that time runs out, where a complaint still not
    acknowledged counts as late.
    """
    deadline = _acknowledgement_days(ctx)
    window = _pending_days(ctx, deadline)
    on_time: list[CaseFacts] = []
    counted: list[CaseFacts] = []
    pending = 0
    for case in ctx.cases:
        if case.acknowledged is None:
            if (ctx.as_of - case.received_day).days < window:
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


SHARED_PENDING_DAYS = 7
"""In shared figures, a case not yet answered is *pending* for at least this many days after
its reception, whatever the SOP's delay: the pending count then spans a week or more of a
quarter's last days, never a single day (a delay of one day made it the count of the
quarter's last day, a date)."""


def pending_days(network: Network | None) -> int:
    """The most days after its reception a case may be pending in shared figures (the
    acknowledgement's or the referral to assistance's): a quarter is read again once they have
    run out (``readings.reading_days``)."""
    acknowledgement = (network.sop.acknowledgement_days if network
                       else DEFAULT_ACKNOWLEDGEMENT_DAYS)
    hours = network.sop.assistance_referral_hours if network else DEFAULT_REFERRAL_HOURS
    return max(SHARED_PENDING_DAYS, acknowledgement, days_allowed(hours))


def _pending_days(ctx: MeasureContext, days: int) -> int:
    """How many days after its reception a case not yet answered is pending (see
    ``SHARED_PENDING_DAYS``)."""
    return max(days, SHARED_PENDING_DAYS) if ctx.shared else days


def _still_in_window(case: CaseFacts, ctx: MeasureContext, hours: int) -> bool:
    """Can a referral still be in time after the as-of day (read as its end)? In shared
    figures, a week at least (``SHARED_PENDING_DAYS``)."""
    return (ctx.as_of - case.received_day).days < _pending_days(ctx, days_allowed(hours))


def assistance_referral_within_72h(ctx: MeasureContext) -> Measure:
    """Percentage of SEA survivors referred to survivor-centred assistance within 72 hours.

    Counts survivors, by each case's ``survivor.count``. Denominator: survivors of SEA cases
    received in the period, less those who declined assistance (``consent.assistance: no``):
    a survivor's choice is never a failure, while consent not asked counts as not referred,
    so that not asking never raises the score. Numerator: survivors whose case's first
    ``assistance_referred`` event is at most 3 calendar days after the received day, or at
    most 72 hours after it when both carry a time of day. A case not yet referred by the end
    of the as-of day but received fewer than 3 days before it is *pending* and left out of
    both. Broken down by survivor sex × age group, as the plan asks; the details give the
    survivors who declined and those never asked. The limit is
    ``sop.assistance_referral_hours`` of network.yaml. In shared figures a case is pending for
    7 days at least, whatever the limit, counted to the day the quarter is read: its last
    day, then the end of the quarter in which that time runs out, where a survivor still not
    referred counts as not referred in time.
    """
    hours = _referral_limit(ctx)
    counted: list[CaseFacts] = []
    in_time: list[CaseFacts] = []
    declined = not_asked = pending = 0
    for case in ctx.cases:
        if case.consent_assistance == "no":
            declined += case.survivors
            continue
        if case.consent_assistance == "not_asked":
            not_asked += case.survivors
        if referred_in_time(case, hours):
            in_time.append(case)
        elif case.assistance_referred is None and _still_in_window(case, ctx, hours):
            pending += case.survivors
            continue
        counted.append(case)
    numerator, denominator = _survivors(in_time), _survivors(counted)
    return ratio(numerator, denominator, _survivor_split(counted, in_time),
                 pending=pending, late_or_not_referred=denominator - numerator,
                 declined=declined, consent_not_asked=not_asked)


def investigation_referral_with_consent(ctx: MeasureContext) -> Measure:
    """Percentage of SEA allegations referred to the concerned entity for investigation, with
    the survivor's informed consent respected.

    Denominator: SEA cases received in the period whose alleged perpetrator's employer is
    known (an organisation, or an affiliation other than ``other``/``unknown``): there is an
    entity to refer to. Referral to the concerned entity needs no consent, so a survivor who
    declines to take part stays in the denominator and the referral still counts; only an
    unknown employer is left out (``no_entity_known``). Numerator: those with a
    ``referred_to_entity`` event and no breach of consent: no ``identity_shared`` without
    ``consent.identity: yes`` and no ``investigation_opened`` involving the survivor without
    ``consent.investigation: yes``. Breaches are counted in the details
    (``referred_with_consent_breach``), as something to look into. The details also say which
    referrals were made within the SOP's deadline (``sop.acknowledgement_days`` of
    network.yaml, 7 by default) from reception: ``respected_in_time``, ``breach_in_time``.
    """
    network = ctx.dataset.network
    deadline = network.sop.acknowledgement_days if network else 7
    known = [c for c in ctx.cases if c.entity_known]
    referred = [c for c in known if c.investigation_referred]
    respected = [c for c in referred if not c.consent_breach]
    in_time = [c for c in referred if c.referred_to_entity is not None
               and (c.referred_to_entity - c.received_day).days <= deadline]
    breach_in_time = sum(1 for c in in_time if c.consent_breach)
    return ratio(len(respected), len(known),
                 referred_with_consent_breach=len(referred) - len(respected),
                 no_entity_known=len(ctx.cases) - len(known),
                 respected_in_time=len(in_time) - breach_in_time,
                 breach_in_time=breach_in_time)


def legal_information_given(ctx: MeasureContext) -> Measure:
    """Percentage of SEA survivors informed of the administrative, civil and criminal procedures.

    Counts survivors, by each case's ``survivor.count``. Denominator: survivors of SEA cases
    received in the period; informing a survivor needs no prior consent, so none is left
    out. Numerator: survivors whose case has a ``legal_information`` event. Broken down by
    survivor sex × age group.
    """
    cases = ctx.cases
    informed = [c for c in cases if c.legal_information]
    return ratio(_survivors(informed), _survivors(cases), _survivor_split(cases, informed))


def survivor_satisfaction(ctx: MeasureContext) -> Measure:
    """Percentage of SEA survivors satisfied with the support and assistance received.

    Counts survivors, by each case's ``survivor.count``. Denominator: survivors of SEA cases
    received in the period whose satisfaction was recorded (a ``satisfaction`` event with a
    value): a survivor who was not asked, or chose not to answer, is neither satisfied nor
    dissatisfied, and is counted apart in the details. Numerator: those whose latest recorded
    value is ``satisfied``.
    """
    cases = ctx.cases
    recorded = [c for c in cases if c.satisfaction is not None]
    satisfied = [c for c in recorded if c.satisfaction == "satisfied"]
    return ratio(_survivors(satisfied), _survivors(recorded),
                 not_recorded=_survivors(cases) - _survivors(recorded))
