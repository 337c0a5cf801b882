"""The rules a case record must follow beyond its schema: the SOP's order of events, consent,
dates that have happened, and a note that identifies no one.

``case_findings`` is used both by ``psea validate`` (through ``psea_cli.cases.checks``) and by
the ``psea case`` commands before they write, so a record is judged the same way everywhere.
Messages name the key and the rule, never a value of the record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from psea_cli.cases import privacy
from psea_cli.cases.vocabulary import DETAIL_KEYS, EVENT_DETAILS, REQUIRED_DETAIL
from psea_cli.dataset import Finding, Located, PathInFile
from psea_cli.i18n import N_, _
from psea_cli.models.case import Case, CaseEvent
from psea_cli.problems import Severity

_NOTE_RULES: dict[privacy.NoteRule, tuple[str, str, str]] = {
    "phone": ("cases.note-phone", N_("the note looks like it contains a phone number"),
              N_("Remove it: a case record never holds contact details; they stay with the "
                 "receiving agency's case worker. An amount is accepted with its currency "
                 "(12 500 000 FCFA).")),
    "email": ("cases.note-email",
              N_("the note looks like it contains an e-mail address or a social-media handle"),
              N_("Remove it: a case record never holds contact details; they stay with the "
                 "receiving agency's case worker.")),
    "coordinates": ("cases.note-coordinates",
                    N_("the note looks like it contains GPS coordinates or a map link"),
                    N_("Remove them: a case record gives the region (and cercle) only, never a "
                       "precise place.")),
    "name": ("cases.note-name",
             N_("the note looks like it contains a person's name after a title (M., Mme, Dr…)"),
             N_("Remove the name: a case record never names the survivor, the complainant, a "
                "witness or the alleged perpetrator.")),
}


def note_findings(file: str, note: str | None) -> Iterator[Finding]:
    """One error per screening rule the note breaks."""
    for rule in privacy.screen(note) if note else ():
        code, message, hint = _NOTE_RULES[rule]
        yield Finding(file, ("note",), code, Severity.ERROR, _(message), _(hint))


def _event_detail_findings(
    file: str, index: int, event: CaseEvent, service_types: Mapping[str, str]
) -> Iterator[Finding]:
    allowed = EVENT_DETAILS.get(event.kind, ())
    for key in DETAIL_KEYS:
        if getattr(event, key) is not None and key not in allowed:
            yield Finding(file, ("events", index, key), "cases.event-unexpected-detail",
                          Severity.ERROR,
                          _("'{key}' does not belong to a '{kind}' event").format(
                              key=key, kind=event.kind),
                          _("Remove it, or correct the event's kind."))
    required = REQUIRED_DETAIL.get(event.kind)
    if required is not None and getattr(event, required) is None:
        yield Finding(file, ("events", index), "cases.event-missing-detail", Severity.ERROR,
                      _("a '{kind}' event needs '{key}'").format(kind=event.kind, key=required),
                      _("Add '{key}:' to the event; 'psea case event --help' lists the "
                        "values.").format(key=required))
    expected = service_types.get(event.service_id) if event.service_id else None
    if expected is not None and event.service is not None and event.service != expected:
        yield Finding(file, ("events", index, "service"), "cases.service-type-mismatch",
                      Severity.ERROR,
                      _("'service' is not the type of the service given in 'service_id'"),
                      _("Write the type of that service (see data/services/), or choose a "
                        "service of this type."))


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
                yield Finding(file, ("events", index), "cases.reopened-while-open", Severity.ERROR,
                              _("the case is reopened while it is not closed"),
                              _("Remove this event, or check the dates of the closure before "
                                "it."))
            closed = False
        elif closed:
            yield Finding(file, ("events", index), "cases.event-after-closure", Severity.ERROR,
                          _("this event comes after the case was closed"),
                          _("Record a 'reopened' event first (psea case event ID reopened), or "
                            "correct the date."))
        else:
            closed = event.kind == "closed"


def _consent_findings(file: str, case: Case) -> Iterator[Finding]:
    """Warnings on what needs the survivor's consent. Referring the complaint to the concerned
    entity (``referred_to_entity``) needs none: no identifying detail travels with it."""
    consent = case.consent
    for index, event in enumerate(case.events):
        if event.kind == "identity_shared" and consent.identity != "yes":
            yield Finding(
                file, ("events", index), "cases.identity-shared-without-consent",
                Severity.WARNING,
                _("the survivor's identifying details are shared without their recorded "
                  "consent to it"),
                _("Identifying details leave the network only with the survivor's informed "
                  "consent. Record it with 'psea case consent ID --identity yes', or tell the "
                  "coordinator why they were shared without it."))
        if (event.kind == "investigation_opened" and event.survivor_participates
                and consent.investigation != "yes"):
            yield Finding(
                file, ("events", index, "survivor_participates"),
                "cases.participation-without-consent", Severity.WARNING,
                _("the investigation involves the survivor without their recorded consent to "
                  "take part"),
                _("A survivor is interviewed or testifies only with informed consent. Record it "
                  "with 'psea case consent ID --investigation yes', or tell the coordinator why "
                  "the investigation involves them without it."))
        if event.kind == "assistance_referred" and consent.assistance != "yes":
            yield Finding(
                file, ("events", index), "cases.assistance-without-consent", Severity.WARNING,
                _("the survivor is referred to assistance without recorded consent to it"),
                _("SOP: referral to assistance follows the survivor's informed consent. Record "
                  "it with 'psea case consent ID --assistance yes'."))


def _date_findings(file: str, case: Case, day: dt.date) -> Iterator[Finding]:
    future = _("this date is after today")
    future_hint = _("Record only what has happened; check the year and the order YYYY-MM-DD.")
    received = case.received_day
    if received > day:
        yield Finding(file, ("received",), "cases.future-date", Severity.ERROR, future,
                      future_hint)
    month = f"{received.year:04d}-{received.month:02d}"
    if case.incident_month != "unknown" and case.incident_month > month:
        yield Finding(file, ("incident_month",), "cases.incident-after-reception", Severity.ERROR,
                      _("the incident month is after the month the complaint was received"),
                      _("Check incident_month (YYYY-MM), or write unknown."))
    for index, event in enumerate(case.events):
        event_day = event.day
        if event_day > day:
            yield Finding(file, ("events", index, "date"), "cases.future-date", Severity.ERROR,
                          future, future_hint)
        elif _is_before(event, event_day, case, received):
            yield Finding(file, ("events", index, "date"), "cases.event-before-reception",
                          Severity.ERROR, _("this event is dated before the case was received"),
                          _("Check the date: no step of the SOP comes before the reception of "
                            "the complaint."))


def case_findings(
    located: Located[Case], service_types: Mapping[str, str], day: dt.date
) -> Iterator[Finding]:
    """Every rule for one case: note screening, dates, event details, closure order, consent.

    ``service_types`` maps service ids to their type; ``day`` is "today"."""
    case, file = located.value, located.file
    yield from note_findings(file, case.note)
    yield from _date_findings(file, case, day)
    for index, event in enumerate(case.events):
        yield from _event_detail_findings(file, index, event, service_types)
    yield from _closure_findings(file, case)
    yield from _consent_findings(file, case)


def store_findings(cases_dir: str, cases: list[Located[Case]]) -> Iterator[Finding]:
    """A warning when synthetic (demonstration) and real cases share the case store."""
    synthetic = sum(c.value.synthetic for c in cases)
    real = len(cases) - synthetic
    if synthetic and real:
        path: PathInFile = ()
        yield Finding(cases_dir, path, "cases.synthetic-mixed", Severity.WARNING,
                      _("the case store mixes synthetic demonstration cases ({synthetic}) with "
                        "real cases ({real})").format(synthetic=synthetic, real=real),
                      _("Remove the demonstration cases before recording real ones: "
                        "psea case demo --remove"))
