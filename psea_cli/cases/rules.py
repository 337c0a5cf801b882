"""The rules a case record must follow beyond its schema: the SOP's order of events, consent,
dates that have happened, and a note that identifies no one.

``case_findings`` is used both by ``psea validate`` (through ``psea_cli.cases.checks``) and by
the ``psea case`` commands before they write, so a record is judged the same way everywhere.
Messages name the key and the rule, never a value of the record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence

from psea_cli.cases import privacy
from psea_cli.cases.vocabulary import DETAIL_KEYS, EVENT_DETAILS, REQUIRED_DETAIL
from psea_cli.dataset import CaseEntry, Finding, Located, PathInFile
from psea_cli.models.case import Case, CaseEvent


def note_findings(file: str, note: str | None) -> Iterator[Finding]:
    """One error per screening rule the note breaks."""
    for rule in privacy.screen(note) if note else ():
        yield Finding.of(privacy.NOTE_CODES[rule], file, ("note",))


_UNEXPECTED: dict[str, frozenset[str]] = {}
"""The detail keys an event of each kind must not have (filled as kinds are met)."""


def _event_detail_findings(
    file: str, index: int, event: CaseEvent, service_types: Mapping[str, str]
) -> Iterator[Finding]:
    unexpected = _UNEXPECTED.get(event.kind)
    if unexpected is None:
        allowed = EVENT_DETAILS.get(event.kind, ())
        unexpected = _UNEXPECTED[event.kind] = frozenset(k for k in DETAIL_KEYS
                                                         if k not in allowed)
    given = unexpected.intersection(event.model_fields_set)  # only keys the record wrote
    for key in DETAIL_KEYS if given else ():
        if key in given and getattr(event, key) is not None:
            yield Finding.of("cases.event-unexpected-detail", file, ("events", index, key),
                             key=key, kind=event.kind)
    required = REQUIRED_DETAIL.get(event.kind)
    if required is not None and getattr(event, required) is None:
        yield Finding.of("cases.event-missing-detail", file, ("events", index),
                         kind=event.kind, key=required)
    expected = service_types.get(event.service_id) if event.service_id else None
    if expected is not None and event.service is not None and event.service != expected:
        yield Finding.of("cases.service-type-mismatch", file, ("events", index, "service"))


def _is_before(event: CaseEvent, event_day: dt.date, case: Case, received: dt.date) -> bool:
    if event_day != received:
        return event_day < received
    both_timed = isinstance(event.date, dt.datetime) and isinstance(case.received, dt.datetime)
    return both_timed and event.date < case.received


def _closure_findings(file: str, case: Case) -> Iterator[Finding]:
    """Walk the events by date: nothing follows a closure but a ``reopened``."""
    closed = False
    for index, event in case.chronology:
        if event.kind == "reopened":
            if not closed:
                yield Finding.of("cases.reopened-while-open", file, ("events", index))
            closed = False
        elif closed:
            yield Finding.of("cases.event-after-closure", file, ("events", index))
        else:
            closed = event.kind == "closed"


def _consent_findings(file: str, case: Case) -> Iterator[Finding]:
    """Warnings on what needs the survivor's consent. Referring the complaint to the concerned
    entity (``referred_to_entity``) needs none: no identifying detail travels with it."""
    consent = case.consent
    for index, event in enumerate(case.events):
        if event.kind == "identity_shared" and consent.identity != "yes":
            yield Finding.of("cases.identity-shared-without-consent", file, ("events", index))
        if (event.kind == "investigation_opened" and event.survivor_participates
                and consent.investigation != "yes"):
            yield Finding.of("cases.participation-without-consent", file,
                             ("events", index, "survivor_participates"))
        if event.kind == "assistance_referred" and consent.assistance != "yes":
            yield Finding.of("cases.assistance-without-consent", file, ("events", index))


def _date_findings(file: str, case: Case, day: dt.date) -> Iterator[Finding]:
    received = case.received_day
    if received > day:
        yield Finding.of("cases.future-date", file, ("received",))
    month = f"{received.year:04d}-{received.month:02d}"
    if case.incident_month != "unknown" and case.incident_month > month:
        yield Finding.of("cases.incident-after-reception", file, ("incident_month",))
    for index, event in enumerate(case.events):
        event_day = event.day
        if event_day > day:
            yield Finding.of("cases.future-date", file, ("events", index, "date"))
        elif _is_before(event, event_day, case, received):
            yield Finding.of("cases.event-before-reception", file, ("events", index, "date"))


def case_findings(
    located: Located[Case], service_types: Mapping[str, str], day: dt.date, *,
    note: bool = True
) -> Iterator[Finding]:
    """Every rule for one case: note screening (unless ``note`` is false: ``psea validate``
    screens it apart, see ``cases.checks.case_note``), dates, event details, closure order,
    consent.

    ``service_types`` maps service ids to their type; ``day`` is "today"."""
    case, file = located.value, located.file
    if note:
        yield from note_findings(file, case.note)
    yield from _date_findings(file, case, day)
    for index, event in enumerate(case.events):
        yield from _event_detail_findings(file, index, event, service_types)
    yield from _closure_findings(file, case)
    yield from _consent_findings(file, case)


def store_findings(cases_dir: str, cases: Sequence[CaseEntry]) -> Iterator[Finding]:
    """A warning when synthetic (demonstration) and real cases share the case store."""
    synthetic = sum(c.synthetic for c in cases)
    real = len(cases) - synthetic
    if synthetic and real:
        path: PathInFile = ()
        yield Finding.of("cases.synthetic-mixed", cases_dir, path, synthetic=synthetic,
                         real=real)
