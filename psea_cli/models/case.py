"""An anonymised SEA case record: one file per case in the case store (``data/cases/``).

The record never identifies a survivor, a complainant or an alleged perpetrator: no name,
contact, address, exact age or narrative. Its only free text is one short ``note``, screened
for identifying patterns. The current step is derived from the event log.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import StringConstraints

from psea_cli.cases.vocabulary import (
    NOTE_MAX_LENGTH,
    PERPETRATOR_CATEGORY,
    STEPS,
    AgeGroup,
    Allegation,
    Channel,
    ClosureReason,
    Consent,
    EventKind,
    InvestigationOutcome,
    MeasureKind,
    PerpetratorAffiliation,
    PerpetratorCategory,
    Satisfaction,
    Step,
    SurvivorSex,
    YesNoUnknown,
)
from psea_cli.models.base import DayOrTime, Flag, PCode, Slug, StrictModel, field
from psea_cli.models.service import ServiceType

__all__ = [
    "AgeGroup", "Allegation", "Case", "CaseConsent", "CaseEvent", "Channel", "ClosureReason",
    "Consent", "EventKind", "InvestigationOutcome", "MeasureKind", "Perpetrator",
    "PerpetratorAffiliation", "PerpetratorCategory",
    "Satisfaction", "Step", "Survivor", "SurvivorSex", "YesNoUnknown",
]

_STAGE_OF_EVENT: dict[str, Step] = {
    "acknowledged": "acknowledgement",
    "assistance_referred": "assistance",
    "legal_information": "assistance",
    "referred_to_entity": "investigation",
    "entity_acknowledged": "investigation",
    "identity_shared": "investigation",
    "investigation_opened": "investigation",
    "investigation_concluded": "investigation",
    "measures_taken": "measures",
    "feedback_given": "feedback",
    "satisfaction": "feedback",
}

CaseId = Annotated[str, StringConstraints(pattern=r"^[0-9A-HJKMNP-TV-Z]{8}$")]
"""Eight Crockford base-32 characters drawn at random (no I, L, O, U)."""

IncidentMonth = Annotated[str, StringConstraints(pattern=r"^(\d{4}-(0[1-9]|1[0-2])|unknown)$")]
Note = Annotated[str, StringConstraints(max_length=NOTE_MAX_LENGTH)]


class Survivor(StrictModel):
    sex: SurvivorSex = field("Sex", "Sexe", "female, male, other or unknown.",
                             "female, male, other ou unknown.")
    age_group: AgeGroup = field("Age group", "Tranche d'âge", "child (under 18), adult or unknown.",
                                "child (moins de 18 ans), adult ou unknown.")
    count: int = field("Number of survivors", "Nombre de personnes survivantes",
                       "How many survivors the allegation concerns.",
                       "Nombre de personnes survivantes concernées par l'allégation.", default=1,
                       ge=1, le=1000)


class Perpetrator(StrictModel):
    affiliation: PerpetratorAffiliation = field(
        "Affiliation type", "Type d'affiliation", "Kind of employer of the alleged perpetrator.",
        "Type d'employeur de l'auteur présumé.", default="unknown")
    organisation: Slug | None = field(
        "Organisation", "Organisation", "Id of the alleged perpetrator's organisation, never a person.",
        "Identifiant de l'organisation de l'auteur présumé, jamais une personne.", default=None)

    @property
    def category(self) -> PerpetratorCategory:
        """The UN's category of personnel, derived from ``affiliation``."""
        return PERPETRATOR_CATEGORY[self.affiliation]  # type: ignore[return-value]


class CaseConsent(StrictModel):
    assistance: Consent = field("Consent to assistance", "Consentement à l'assistance",
                                "yes, no or not_asked.", "yes, no ou not_asked.", default="not_asked")
    investigation: Consent = field(
        "Consent to take part in an investigation", "Consentement à participer à une enquête",
        "The survivor agrees to be interviewed or to testify. Referring the complaint to the "
        "concerned entity needs no consent.",
        "La personne survivante accepte d'être entendue ou de témoigner. Transmettre la plainte "
        "à l'entité concernée ne demande pas de consentement.", default="not_asked")
    identity: Consent = field(
        "Consent to share identifying details", "Consentement au partage de l'identité",
        "The survivor agrees that their identity or identifying details are shared with the "
        "concerned entity or an investigator.",
        "La personne survivante accepte que son identité ou des éléments qui l'identifient "
        "soient communiqués à l'entité concernée ou à un enquêteur.", default="not_asked")
    reporting: Consent = field("Consent to reporting", "Consentement au rapportage",
                               "Consent to count non-identifying data in shared statistics.",
                               "Consentement à compter les données non identifiantes dans les "
                               "statistiques partagées.", default="not_asked")


class CaseEvent(StrictModel):
    kind: EventKind = field("Kind", "Type", "The SOP step this event records.",
                            "L'étape des SOP que cet événement enregistre.")
    date: DayOrTime = field("Date", "Date", "Day (optionally with time) of the event.",
                                        "Jour (éventuellement avec l'heure) de l'événement.")
    service: ServiceType | None = field("Service type", "Type de service",
                                        "For assistance_referred: the type of service.",
                                        "Pour assistance_referred : le type de service.",
                                        default=None)
    service_id: Slug | None = field("Service", "Service", "For assistance_referred: the service id.",
                                    "Pour assistance_referred : l'identifiant du service.",
                                    default=None)
    organisation: Slug | None = field(
        "Organisation", "Organisation",
        "For referred_to_entity and identity_shared: the id of the concerned entity; for "
        "entity_acknowledged, investigation_opened and investigation_concluded, optionally.",
        "Pour referred_to_entity et identity_shared : l'identifiant de l'entité concernée ; "
        "pour entity_acknowledged, investigation_opened et investigation_concluded, au besoin.",
        default=None)
    measure: MeasureKind | None = field("Measure", "Mesure", "For measures_taken: the kind of measure.",
                                        "Pour measures_taken : le type de mesure.", default=None)
    value: Satisfaction | None = field("Satisfaction", "Satisfaction",
                                       "For satisfaction: satisfied or not_satisfied.",
                                       "Pour satisfaction : satisfied ou not_satisfied.", default=None)
    reason: ClosureReason | None = field("Closure reason", "Motif de clôture",
                                         "For closed: why the case was closed.",
                                         "Pour closed : le motif de la clôture.", default=None)
    outcome: InvestigationOutcome | None = field(
        "Outcome", "Conclusion",
        "For investigation_concluded: substantiated, unsubstantiated or insufficient_information.",
        "Pour investigation_concluded : substantiated (fondée), unsubstantiated (non fondée) ou "
        "insufficient_information (classée faute d'informations).", default=None)
    survivor_participates: Flag | None = field(
        "Survivor takes part", "Participation de la personne survivante",
        "For investigation_opened: true when the investigation involves the survivor "
        "(interview, testimony).",
        "Pour investigation_opened : true quand l'enquête implique la personne survivante "
        "(entretien, témoignage).", default=None)

    @property
    def day(self) -> dt.date:
        return self.date.date() if isinstance(self.date, dt.datetime) else self.date


class Case(StrictModel):
    id: CaseId = field("Identifier", "Identifiant", "Random id; never derived from the case.",
                       "Identifiant aléatoire ; jamais dérivé du cas.")
    synthetic: Flag = field("Synthetic", "Synthétique", "True for generated demonstration data.",
                            "Vrai pour des données de démonstration générées.", default=False)
    received: DayOrTime = field(
        "Received", "Reçu le", "Day (optionally with time) the network received the complaint.",
        "Jour (éventuellement avec l'heure) où le réseau a reçu la plainte.")
    channel: Channel = field("Channel", "Canal",
                             "hotline, cbcm, focal_point, community_relay, staff_report or other.",
                             "hotline, cbcm, focal_point, community_relay, staff_report ou other.")
    region: PCode = field("Region", "Région", "P-code of the admin-1 region.",
                          "P-code de la région (admin 1).")
    admin2: PCode | None = field("Admin 2", "Cercle", "P-code of the admin-2 area, internal only.",
                                 "P-code du cercle (admin 2), usage interne seulement.", default=None)
    incident_month: IncidentMonth = field("Incident month", "Mois de l'incident",
                                          "YYYY-MM, or unknown; never the exact day.",
                                          "AAAA-MM, ou unknown ; jamais le jour exact.",
                                          default="unknown")
    allegation: Allegation = field("Allegation", "Allégation",
                                   "sexual_exploitation, sexual_abuse, other or not_sea.",
                                   "sexual_exploitation, sexual_abuse, other ou not_sea.")
    survivor: Survivor = field("Survivor", "Personne survivante",
                               "Sex, age group and number of survivors.",
                               "Sexe, tranche d'âge et nombre de personnes survivantes.")
    perpetrator: Perpetrator = field("Alleged perpetrator", "Auteur présumé",
                                     "Affiliation of the alleged perpetrator, never the person.",
                                     "Affiliation de l'auteur présumé, jamais la personne.",
                                     default_factory=Perpetrator)
    goods_exchanged: YesNoUnknown = field("Goods or money exchanged", "Biens ou argent échangés",
                                          "yes, no or unknown.", "yes, no ou unknown.",
                                          default="unknown")
    consent: CaseConsent = field("Consent", "Consentement", "Informed consent per purpose.",
                                 "Consentement éclairé par finalité.", default_factory=CaseConsent)
    events: list[CaseEvent] = field("Events", "Événements", "Dated log of the SOP steps.",
                                    "Journal daté des étapes des SOP.", default_factory=list)
    note: Note | None = field("Note", "Note", "One short note; no names, contacts or places.",
                              "Une note courte ; ni nom, ni contact, ni lieu.", default=None)

    @property
    def received_day(self) -> dt.date:
        r = self.received
        return r.date() if isinstance(r, dt.datetime) else r

    def days(self) -> list[dt.date]:
        """Every day the record names: its reception and each event's (what is compared with
        today)."""
        return [self.received_day, *(event.day for event in self.events)]

    def first(self, kind: str) -> CaseEvent | None:
        """The earliest event of ``kind``, or None."""
        found = [e for e in self.events if e.kind == kind]
        return min(found, key=lambda e: e.day) if found else None

    @property
    def chronology(self) -> list[tuple[int, CaseEvent]]:
        """(index in the file, event) by day; events of one day keep the file's order."""
        return sorted(enumerate(self.events), key=lambda item: item[1].day)

    def closure_on(self, day: dt.date | None = None) -> CaseEvent | None:
        """The ``closed`` event that closes the case at the end of ``day`` (default: with every
        event recorded), or None while the case is open (never closed, or reopened since)."""
        state: CaseEvent | None = None
        for _index, event in self.chronology:
            if day is not None and event.day > day:
                break
            if event.kind == "closed":
                state = event
            elif event.kind == "reopened":
                state = None
        return state

    @property
    def closure(self) -> CaseEvent | None:
        return self.closure_on()

    @property
    def is_closed(self) -> bool:
        return self.closure is not None

    @property
    def duplicate(self) -> bool:
        """Closed as a duplicate (and not reopened since): the same complaint recorded twice,
        counted once, by its other record. Asked of every case for every period a report
        shows: the events are sorted only for a record that has such a closure."""
        for event in self.events:
            if event.reason == "duplicate":
                break
        else:
            return False
        closure = self.closure
        return closure is not None and closure.reason == "duplicate"

    @property
    def step(self) -> Step:
        """The SOP step the case has reached, derived from the events: ``closed`` while closed,
        else the furthest of acknowledgement, assistance (referral or legal information),
        investigation, measures and feedback, else ``reception``. Steps need not come in
        order (assistance never waits for an investigation), so the furthest one counts."""
        if self.is_closed:
            return "closed"
        reached = [_STAGE_OF_EVENT[e.kind] for e in self.events if e.kind in _STAGE_OF_EVENT]
        return max(reached, key=STEPS.index, default="reception")
