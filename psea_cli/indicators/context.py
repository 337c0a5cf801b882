"""What every metric function receives: the dataset, the period, the as-of day, and the facts of
the period's cases, extracted in one pass and shared by all case metrics.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset, PlanBundle
    from psea_cli.models import Case
    from psea_cli.periods import Period

DayOrTime = dt.date | dt.datetime


SEA_ALLEGATIONS = frozenset({"sexual_exploitation", "sexual_abuse"})
"""The allegations the plan's "cas d'EAS" count; ``other`` is counted apart, ``not_sea`` never."""


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
    """Referred to the concerned entity (``referred_to_entity``)."""
    legal_information: bool
    satisfaction: str | None
    """The latest recorded satisfaction (satisfied / not_satisfied), if any."""
    survivors: int
    entity_known: bool = True
    """The alleged perpetrator's employer is known (a category other than other/unknown, or
    an organisation): there is a concerned entity to refer the complaint to."""
    consent_breach: bool = False
    """Identifying details shared, or the survivor involved in an investigation, without
    their recorded consent."""
    referred_to_entity: dt.date | None = None
    investigation_opened: dt.date | None = None
    investigation_concluded: dt.date | None = None
    outcome: str | None = None
    """The outcome of the latest ``investigation_concluded`` event."""
    informed_of_outcome: dt.date | None = None
    """Day of the first ``feedback_given`` on or after the conclusion."""
    closed_on: dt.date | None = None
    """Day of the closure in force on the as-of day; None while open."""

    @property
    def sea(self) -> bool:
        return self.allegation in SEA_ALLEGATIONS


def _day(value: DayOrTime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _moment(value: DayOrTime) -> dt.datetime:
    """For ordering: a bare day counts as its first minute."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return dt.datetime(value.year, value.month, value.day)


def has_entity(case: Case) -> bool:
    """The alleged perpetrator's employer is known (an organisation, or an affiliation other
    than ``other``/``unknown``): there is a concerned entity to refer the complaint to."""
    perpetrator = case.perpetrator
    return perpetrator.organisation is not None or perpetrator.affiliation not in (
        "other", "unknown")


def _earliest(current: dt.date | None, day: dt.date) -> dt.date:
    return day if current is None or day < current else current


def _accountability(case: Case, as_of: dt.date) -> dict[str, object]:
    """The accountability chain as known on the as-of day (one more pass over the events)."""
    found: dict[str, dt.date] = {}
    outcome: tuple[dt.date, str] | None = None
    feedback: list[dt.date] = []
    breach = False
    consent = case.consent
    closed: dt.date | None = None
    for event in sorted(case.events, key=lambda e: e.day):
        day = event.day
        if day > as_of:
            break
        kind = event.kind
        if kind in ("referred_to_entity", "investigation_opened"):
            found[kind] = _earliest(found.get(kind), day)
        if kind == "investigation_concluded" and event.outcome is not None:
            outcome = (day, event.outcome)
        elif kind == "feedback_given":
            feedback.append(day)
        elif kind == "identity_shared" and consent.identity != "yes":
            breach = True
        elif kind == "closed":
            closed = day
        elif kind == "reopened":
            closed = None
        if (kind == "investigation_opened" and event.survivor_participates
                and consent.investigation != "yes"):
            breach = True
    concluded = outcome[0] if outcome else None
    informed = next((d for d in feedback if concluded is not None and d >= concluded), None)
    return {"consent_breach": breach, "referred_to_entity": found.get("referred_to_entity"),
            "investigation_opened": found.get("investigation_opened"),
            "investigation_concluded": concluded, "outcome": outcome[1] if outcome else None,
            "informed_of_outcome": informed, "closed_on": closed}


def case_facts(case: Case, as_of: dt.date, received_day: dt.date | None = None) -> CaseFacts:
    """One pass over a case's events: the first of each kind, the latest satisfaction.

    Written for speed (it runs once per case of the period): no helper calls per event.
    """
    acknowledged: dt.date | None = None
    referred: DayOrTime | None = None
    referred_at: dt.datetime | None = None
    investigation = legal = chain = False
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
        elif kind == "legal_information":
            legal = True
        elif kind == "satisfaction" and event.value is not None:
            moment = _moment(when)
            if satisfaction is None or moment >= satisfaction[0]:
                satisfaction = (moment, event.value)
        elif kind != "measures_taken":
            chain = True  # the accountability chain, a closure: read in a second pass
            investigation = investigation or kind == "referred_to_entity"
    if received_day is None:
        received_day = _day(case.received)
    survivor, consent = case.survivor, case.consent
    entity_known = has_entity(case)
    extra = _accountability(case, as_of) if chain else {}
    return CaseFacts(
        case.received, received_day,
        f"{received_day.year}-Q{(received_day.month - 1) // 3 + 1}",
        case.region, case.channel, case.allegation, f"{survivor.sex}/{survivor.age_group}",
        consent.assistance, consent.investigation, acknowledged, referred, investigation, legal,
        satisfaction[1] if satisfaction else None, survivor.count, entity_known,
        **extra,  # type: ignore[arg-type]
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
    known: Mapping[int, CaseFacts] | None = None
    """Facts already read of some records (by ``id`` of the record), still true on the as-of
    day: a quarter read again reuses those of its records that had no event since."""

    @property
    def day(self) -> dt.date:
        """The measuring day of directory and service metrics: period end or as_of, earlier."""
        return min(self.period.end, self.as_of)

    @property
    def settled_on(self) -> dt.date:
        """The day how long a case has been open is judged on (its time band). The as-of day;
        in shared figures the period's last day when earlier (a quarter's figures are read on
        a later quarter's end too, by the semester's report: read on that day, a case that
        nothing happened to moved from one time band to the next, and every figure of its
        split was rounded afresh, which set against the first reading narrowed it). Whether
        a case is still *pending* is judged on the as-of day itself, the day a quarter is
        read: a quarter is read again once the delay of a complaint pending on its last day
        has run out (``readings.reading_days``), and the rounding moves pending and late only
        their way, keeping the other cells."""
        return self.day if self.shared else self.as_of

    @functools.cached_property
    def received(self) -> list[CaseFacts]:
        """Cases received in the period (and by the as-of day), ``not_sea`` ones and those
        closed as duplicates excluded (``duplicates``)."""
        return self._received[0]

    @property
    def duplicates(self) -> int:
        """Cases received in the period (and by the as-of day) closed as duplicates: the
        same complaint recorded twice, counted once by its other record."""
        return self._received[1]

    @property
    def facts_by_record(self) -> dict[int, CaseFacts]:
        """The facts of ``received``, by ``id`` of their record (``known`` of a later
        reading)."""
        return self._received[2]

    @functools.cached_property
    def _received(self) -> tuple[list[CaseFacts], int, dict[int, CaseFacts]]:
        start, end = self.period.start, min(self.period.end, self.as_of)
        found: list[CaseFacts] = []
        by_record: dict[int, CaseFacts] = {}
        known = self.known or {}
        duplicates = 0
        for located in self.dataset.cases:
            case = located.value
            if case.allegation == "not_sea" or (self.shared and case.consent.reporting == "no"):
                continue
            received = case.received
            day = received.date() if type(received) is dt.datetime else received
            if start <= day <= end:
                facts = known.get(id(case))  # a record known is not a duplicate
                if facts is None and case.duplicate:
                    duplicates += 1
                else:
                    facts = facts or case_facts(case, self.as_of, day)
                    by_record[id(case)] = facts
                    found.append(facts)
        return found, duplicates, by_record

    @functools.cached_property
    def cases(self) -> list[CaseFacts]:
        """SEA cases received in the period: sexual exploitation or abuse (``other`` apart)."""
        return [c for c in self.received if c.sea]

    @functools.cached_property
    def other_allegations(self) -> list[CaseFacts]:
        """Cases of the period whose allegation is ``other`` misconduct, counted apart."""
        return [c for c in self.received if not c.sea]

    @functools.cached_property
    def open_on_day(self) -> list[CaseFacts]:
        """SEA cases received by the measuring day and still open at its end, whatever the
        period they were received in."""
        day = self.day
        found: list[CaseFacts] = []
        for located in self.dataset.cases:
            case = located.value
            if case.allegation not in SEA_ALLEGATIONS or case.received_day > day \
                    or case.duplicate:
                continue
            facts = case_facts(case, day)
            if facts.closed_on is None:
                found.append(facts)
        return found
