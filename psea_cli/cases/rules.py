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
from psea_cli.cases.vocabulary import (
    DETAIL_KEYS,
    EVENT_DETAILS,
    REQUIRED_DETAIL,
    consent_needed,
)
from psea_cli.dataset import CaseEntry, Finding, Located, PathInFile
from psea_cli.models.case import Case, CaseEvent


def note_findings(file: str, note: str | None) -> Iterator[Finding]:
    """One error per screening rule the note breaks."""
    for rule in privacy.screen(note) if note else ():
        yield Finding.of(privacy.NOTE_CODES[rule], file, ("note",))


_UNEXPECTED: dict[str, frozenset[str]] = {}
"""The detail keys an event of each kind must not have (filled as kinds are met)."""


def _event_detail_findings(found: list[Finding], file: str, index: int, event: CaseEvent,
                           service_types: Mapping[str, str]) -> None:
    kind = event.kind
    unexpected = _UNEXPECTED.get(kind)
    if unexpected is None:
        allowed = EVENT_DETAILS.get(kind, ())
        unexpected = _UNEXPECTED[kind] = frozenset(k for k in DETAIL_KEYS if k not in allowed)
    if not unexpected.isdisjoint(event.model_fields_set):  # only keys the record wrote
        given = unexpected.intersection(event.model_fields_set)
        found.extend(Finding.of("cases.event-unexpected-detail", file, ("events", index, key),
                                key=key, kind=kind)
                     for key in DETAIL_KEYS if key in given and getattr(event, key) is not None)
    required = REQUIRED_DETAIL.get(kind)
    if required is not None and getattr(event, required) is None:
        found.append(Finding.of("cases.event-missing-detail", file, ("events", index),
                                kind=kind, key=required))
    service_id = event.service_id
    expected = service_types.get(service_id) if service_id else None
    if expected is not None and event.service is not None and event.service != expected:
        found.append(Finding.of("cases.service-type-mismatch", file, ("events", index,
                                                                      "service")))


def _is_before(event: CaseEvent, event_day: dt.date, case: Case, received: dt.date) -> bool:
    if event_day != received:
        return event_day < received
    both_timed = isinstance(event.date, dt.datetime) and isinstance(case.received, dt.datetime)
    return both_timed and event.date < case.received


def _closure_findings(found: list[Finding], file: str, events: Sequence[CaseEvent],
                      days: Sequence[dt.date]) -> None:
    """Walk the events by date (events of one day in the file's order): nothing follows a
    closure but a ``reopened``."""
    in_order = all(days[i] <= days[i + 1] for i in range(len(days) - 1))
    closed = False
    for index in range(len(days)) if in_order else sorted(range(len(days)),
                                                           key=days.__getitem__):
        kind = events[index].kind
        if kind == "reopened":
            if not closed:
                found.append(Finding.of("cases.reopened-while-open", file, ("events", index)))
            closed = False
        elif closed:
            found.append(Finding.of("cases.event-after-closure", file, ("events", index)))
        else:
            closed = kind == "closed"


_CONSENT_WARNINGS: dict[str, tuple[str, tuple[str, ...]]] = {
    "identity": ("cases.identity-shared-without-consent", ()),
    "assistance": ("cases.assistance-without-consent", ()),
    "investigation": ("cases.participation-without-consent", ("survivor_participates",)),
}
"""Each consent purpose's warning, and where in the event it points."""


def _consent_findings(found: list[Finding], file: str, case: Case) -> None:
    """Warnings on the events that need a consent the survivor did not give
    (``vocabulary.consent_needed``)."""
    for index, event in enumerate(case.events):
        purpose = consent_needed(event.kind, event.survivor_participates)
        answer = getattr(case.consent, purpose) if purpose is not None else "yes"
        if purpose is not None and answer != "yes":
            code, within = _CONSENT_WARNINGS[purpose]
            found.append(Finding.of(code, file, ("events", index, *within), _refused(answer)))


def _refused(answer: str) -> str | None:
    """The wording of a consent warning when the survivor said no: never "record the
    consent", which a hurried reader would take as "change it to yes"."""
    return "refused" if answer == "no" else None


def _date_findings(found: list[Finding], file: str, case: Case, day: dt.date,
                   days: Sequence[dt.date]) -> None:
    received = case.received_day
    if received > day:
        found.append(Finding.of("cases.future-date", file, ("received",)))
    month = f"{received.year:04d}-{received.month:02d}"
    if case.incident_month != "unknown" and case.incident_month > month:
        found.append(Finding.of("cases.incident-after-reception", file, ("incident_month",)))
    for index, event_day in enumerate(days):
        if event_day > day:
            found.append(Finding.of("cases.future-date", file, ("events", index, "date")))
        elif event_day <= received and _is_before(case.events[index], event_day, case,
                                                  received):
            found.append(Finding.of("cases.event-before-reception", file,
                                    ("events", index, "date")))


def case_findings(
    located: Located[Case], service_types: Mapping[str, str], day: dt.date, *,
    note: bool = True
) -> list[Finding]:
    """Every rule for one case: note screening (unless ``note`` is false: ``psea validate``
    screens it apart, see ``cases.checks.case_note``), dates, event details, closure order,
    consent.

    ``service_types`` maps service ids to their type; ``day`` is "today". Written for speed
    (it runs for each of 10,000 records of a first run): each event's day is read once, and
    the findings gathered in one list."""
    case, file = located.value, located.file
    found = list(note_findings(file, case.note)) if note else []
    events = case.events
    days = [event.day for event in events]
    _date_findings(found, file, case, day, days)
    for index, event in enumerate(events):
        _event_detail_findings(found, file, index, event, service_types)
    _closure_findings(found, file, events, days)
    _consent_findings(found, file, case)
    return found


def store_findings(cases_dir: str, cases: Sequence[CaseEntry]) -> Iterator[Finding]:
    """A warning when synthetic (demonstration) and real cases share the case store."""
    synthetic = sum(c.synthetic for c in cases)
    real = len(cases) - synthetic
    if synthetic and real:
        path: PathInFile = ()
        yield Finding.of("cases.synthetic-mixed", cases_dir, path, synthetic=synthetic,
                         real=real)
