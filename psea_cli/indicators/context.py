"""What every metric function receives: the dataset, the period, the as-of day, and the facts of
the period's cases, extracted in one pass and shared by all case metrics.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset, PlanBundle
    from psea_cli.models import Case
    from psea_cli.periods import Period

DayOrTime = dt.date | dt.datetime


class CaseFacts(NamedTuple):
    """The facts of one case that the metrics use, as known on the as-of day (a named tuple:
    built once per case of the period, it must be cheap).

    Events dated after the as-of day are ignored, so that a report made "as of" a past day
    shows what the records said then.
    """

    received: DayOrTime
    received_day: dt.date
    quarter: str
    region: str
    channel: str
    allegation: str
    sex_age: str
    consent_assistance: str
    consent_investigation: str
    acknowledged: dt.date | None
    """Day of the first ``acknowledged`` event."""
    assistance_referred: DayOrTime | None
    """Date (with its time, if written) of the first ``assistance_referred`` event."""
    investigation_referred: bool
    legal_information: bool
    satisfaction: str | None
    """The latest recorded satisfaction (satisfied / not_satisfied), if any."""
    survivors: int


def _day(value: DayOrTime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _moment(value: DayOrTime) -> dt.datetime:
    """For ordering: a bare day counts as its first minute."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return dt.datetime(value.year, value.month, value.day)


def case_facts(case: Case, as_of: dt.date, received_day: dt.date | None = None) -> CaseFacts:
    """One pass over a case's events: the first of each kind, the latest satisfaction.

    Written for speed (it runs once per case of the period): no helper calls per event.
    """
    acknowledged: dt.date | None = None
    referred: DayOrTime | None = None
    referred_at: dt.datetime | None = None
    investigation = legal = False
    satisfaction: tuple[dt.datetime, str] | None = None
    datetime = dt.datetime
    for event in case.events:
        when = event.date
        day = when.date() if type(when) is datetime else when
        if day > as_of:
            continue
        kind = event.kind
        if kind == "acknowledged":
            if acknowledged is None or day < acknowledged:
                acknowledged = day
        elif kind == "assistance_referred":
            moment = _moment(when)
            if referred_at is None or moment < referred_at:
                referred, referred_at = when, moment
        elif kind == "referred_to_entity":
            investigation = True
        elif kind == "legal_information":
            legal = True
        elif kind == "satisfaction" and event.value is not None:
            moment = _moment(when)
            if satisfaction is None or moment >= satisfaction[0]:
                satisfaction = (moment, event.value)
    if received_day is None:
        received_day = _day(case.received)
    survivor, consent = case.survivor, case.consent
    return CaseFacts(
        case.received, received_day,
        f"{received_day.year}-Q{(received_day.month - 1) // 3 + 1}",
        case.region, case.channel, case.allegation, f"{survivor.sex}/{survivor.age_group}",
        consent.assistance, consent.investigation, acknowledged, referred, investigation, legal,
        satisfaction[1] if satisfaction else None, survivor.count,
    )


@dataclasses.dataclass(frozen=True)
class MeasureContext:
    """The dataset seen for one period and one as-of day."""

    dataset: Dataset
    period: Period
    as_of: dt.date
    plans: tuple[PlanBundle, ...] = ()
    """The plans whose span overlaps the period."""
    shared: bool = False
    """For figures to share: cases whose survivor refused to be counted are left out."""

    @property
    def day(self) -> dt.date:
        """The measuring day of directory and service metrics: period end or as_of, earlier."""
        return min(self.period.end, self.as_of)

    @functools.cached_property
    def cases(self) -> list[CaseFacts]:
        """Cases received in the period (and by the as-of day), ``not_sea`` ones excluded."""
        start, end = self.period.start, min(self.period.end, self.as_of)
        found: list[CaseFacts] = []
        for located in self.dataset.cases:
            case = located.value
            if case.allegation == "not_sea" or (self.shared and case.consent.reporting == "no"):
                continue
            received = case.received
            day = received.date() if type(received) is dt.datetime else received
            if start <= day <= end:
                found.append(case_facts(case, self.as_of, day))
        return found
