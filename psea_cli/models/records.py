"""Records of the network's prevention work, one YAML file per record:

    data/sessions/<id>.yaml              a training or awareness session (counts, never names)
    data/meetings/<id>.yaml              a meeting, its decisions and action points
    data/complaint_mechanisms/<id>.yaml  a community-based complaint mechanism and its checks
    data/risk_assessments/<id>.yaml      an SEA risk assessment
    data/agency_assessments/<id>.yaml    an agency's PSEA assessment (MOS-PSEA, UN IP Protocol)

A record holds counts and organisation ids only: never a participant's or a person's name.
Its free text (a note, decisions, findings) is screened like a case note.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from psea_cli.models.base import Day, Flag, PCode, ShortText, Slug, StrictModel, field
from psea_cli.records.vocabulary import (
    ActionStatus,
    Audience,
    Framework,
    Material,
    MechanismKind,
    MeetingKind,
    OverallRating,
    Rating,
    SessionKind,
    Topic,
)

__all__ = [
    "ActionPoint", "ActionStatus", "ActivityRef", "AgencyAssessment", "Audience",
    "ComplaintMechanism", "Framework", "FunctionalityCheck", "Material", "MechanismKind",
    "Meeting", "MeetingKind", "OverallRating", "Participants", "Rating", "RiskAssessment",
    "Session", "SessionKind", "Topic",
]

ActivityRef = Annotated[str, StringConstraints(
    pattern=r"^[1-9][0-9]?\.[1-9][0-9]?\.[1-9][0-9]?$")]
StandardId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z_]{0,39}$")]
RecordText = Annotated[str, StringConstraints(min_length=1, max_length=280)]
Note = Annotated[str, StringConstraints(max_length=280)]

_SYNTHETIC = ("Synthetic", "Synthétique", "True for generated demonstration data.",
              "Vrai pour des données de démonstration générées.")
_ID = ("Identifier", "Identifiant", "Id of the record; also its file name.",
       "Identifiant de l'enregistrement ; aussi le nom de son fichier.")
_NOTE = ("Note", "Note", "One short note; no names, contacts or coordinates.",
         "Une note courte ; ni nom, ni contact, ni coordonnées.")


class Participants(StrictModel):
    """Participants by sex and age group (girls and boys: under 18)."""

    women: int = field("Women", "Femmes", "Women (18 and over).", "Femmes (18 ans et plus).",
                       default=0, ge=0, le=100000)
    men: int = field("Men", "Hommes", "Men (18 and over).", "Hommes (18 ans et plus).",
                     default=0, ge=0, le=100000)
    girls: int = field("Girls", "Filles", "Girls (under 18).", "Filles (moins de 18 ans).",
                       default=0, ge=0, le=100000)
    boys: int = field("Boys", "Garçons", "Boys (under 18).", "Garçons (moins de 18 ans).",
                      default=0, ge=0, le=100000)

    @property
    def total(self) -> int:
        return self.women + self.men + self.girls + self.boys


class Session(StrictModel):
    """A training or awareness session: who was reached (counts), where, by whom, for what."""

    id: Slug = field(*_ID)
    synthetic: Flag = field(*_SYNTHETIC, default=False)
    kind: SessionKind = field("Kind", "Type", "training or awareness.",
                              "training (formation) ou awareness (sensibilisation).")
    start: Day = field("Start", "Début", "First day of the session.", "Premier jour de la session.")
    end: Day | None = field("End", "Fin", "Last day, when the session lasts several days.",
                            "Dernier jour, si la session dure plusieurs jours.", default=None)
    region: PCode = field("Region", "Région", "P-code of the admin-1 region.",
                          "P-code de la région (admin 1).")
    admin2: PCode | None = field("Admin 2", "Cercle", "P-code of the admin-2 area (cercle).",
                                 "P-code du cercle (admin 2).", default=None)
    organisers: list[Slug] = field("Organisers", "Organisateurs",
                                   "Ids of the organisations that ran the session.",
                                   "Identifiants des organisations qui ont animé la session.",
                                   min_length=1)
    plan_activities: list[ActivityRef] = field(
        "Plan activities", "Activités du plan", "Ids of the plan activities it serves (1.1.5).",
        "Identifiants des activités du plan qu'elle sert (1.1.5).", default_factory=list)
    audience: Audience = field(
        "Audience", "Public", "government_officials, community_relays, community_members, "
        "staff, partners or members (of the network).",
        "government_officials (agents de l'État), community_relays (relais communautaires), "
        "community_members (membres de la communauté), staff (personnel), partners "
        "(partenaires) ou members (membres du réseau).")
    participants: Participants = field("Participants", "Participants",
                                       "Counts by sex and age group; never names.",
                                       "Nombres par sexe et tranche d'âge ; jamais de noms.")
    topics: list[Topic] = field("Topics", "Thèmes", "Topics covered.", "Thèmes abordés.",
                                default_factory=list)
    materials: dict[Material, Annotated[int, Field(ge=0, le=10000000)]] = field(
        "Materials distributed", "Supports distribués",
        "Number of each kind of material or message distributed.",
        "Nombre de chaque type de support ou de message distribué.", default_factory=dict)
    note: Note | None = field(*_NOTE, default=None)

    @model_validator(mode="after")
    def _ordered(self) -> Session:
        if self.end is not None and self.end < self.start:
            raise PydanticCustomError("psea.start-after-end", "the session ends before it starts")
        return self

    @property
    def last_day(self) -> dt.date:
        return self.end or self.start


class ActionPoint(StrictModel):
    text: RecordText = field("Action", "Action", "What is to be done.", "Ce qui doit être fait.")
    owner: Slug = field("Owner", "Responsable", "Id of the organisation that owns the action.",
                        "Identifiant de l'organisation responsable de l'action.")
    due: Day = field("Due", "Échéance", "Day it is due.", "Jour d'échéance.")
    status: ActionStatus = field("Status", "État", "open, done or dropped.",
                                 "open (ouverte), done (réalisée) ou dropped (abandonnée).",
                                 default="open")
    closed: Day | None = field("Closed on", "Close le", "Day it was done or dropped.",
                               "Jour où elle a été réalisée ou abandonnée.", default=None)


class Meeting(StrictModel):
    """A meeting of the network: who attended (organisations), what was decided, what follows."""

    id: Slug = field(*_ID)
    synthetic: Flag = field(*_SYNTHETIC, default=False)
    date: Day = field("Date", "Date", "Day of the meeting.", "Jour de la réunion.")
    kind: MeetingKind = field(
        "Kind", "Type", "network, core_team, hct_briefing, working_group or other.",
        "network (réseau), core_team, hct_briefing (EHP), working_group ou other.")
    organisations: list[Slug] = field("Organisations present", "Organisations présentes",
                                      "Ids of the organisations that attended.",
                                      "Identifiants des organisations présentes.",
                                      default_factory=list)
    minutes: ShortText | None = field(
        "Minutes", "Compte rendu", "Reference of the formal minutes (file, link).",
        "Référence du compte rendu formel (fichier, lien).", default=None)
    decisions: list[RecordText] = field("Decisions", "Décisions", "Decisions taken.",
                                        "Décisions prises.", default_factory=list)
    action_points: list[ActionPoint] = field("Action points", "Points d'action",
                                             "What follows, with owner and due date.",
                                             "Ce qui suit, avec responsable et échéance.",
                                             default_factory=list)


class FunctionalityCheck(StrictModel):
    date: Day = field("Date", "Date", "Day of the check.", "Jour de la vérification.")
    functional: Flag = field("Functional", "Fonctionnel", "Whether the mechanism works.",
                             "Si le mécanisme fonctionne.")
    note: Note | None = field(*_NOTE, default=None)


class ComplaintMechanism(StrictModel):
    """A community-based complaint mechanism (CBCM), with its functionality checks."""

    id: Slug = field(*_ID)
    synthetic: Flag = field(*_SYNTHETIC, default=False)
    name: ShortText = field("Name", "Nom", "Name of the mechanism (a place, never a person).",
                            "Nom du mécanisme (un lieu, jamais une personne).")
    kind: MechanismKind = field(
        "Kind", "Type", "community_committee, hotline, suggestion_box, focal_point_desk or other.",
        "community_committee (comité communautaire), hotline (ligne verte), suggestion_box "
        "(boîte à suggestions), focal_point_desk (bureau du point focal) ou other.")
    region: PCode = field("Region", "Région", "P-code of the admin-1 region.",
                          "P-code de la région (admin 1).")
    admin2: PCode | None = field("Admin 2", "Cercle", "P-code of the admin-2 area (cercle).",
                                 "P-code du cercle (admin 2).", default=None)
    host: Slug = field("Host organisation", "Organisation hôte",
                       "Id of the organisation that hosts it.",
                       "Identifiant de l'organisation qui l'héberge.")
    set_up: Day = field("Set up on", "Mis en place le", "Day it started working.",
                        "Jour où il a commencé à fonctionner.")
    closed: Day | None = field("Closed on", "Fermé le", "Day it stopped, if it did.",
                               "Jour où il a cessé, le cas échéant.", default=None)
    checks: list[FunctionalityCheck] = field("Functionality checks", "Vérifications",
                                             "Dated checks of whether it works.",
                                             "Vérifications datées de son fonctionnement.",
                                             default_factory=list)

    def last_check(self, day: dt.date) -> FunctionalityCheck | None:
        done = [c for c in self.checks if c.date <= day]
        return max(done, key=lambda c: c.date) if done else None

    def in_place(self, day: dt.date) -> bool:
        return self.set_up <= day and (self.closed is None or self.closed > day)


class RiskAssessment(StrictModel):
    """An SEA risk assessment: when, where, led by whom, what it found."""

    id: Slug = field(*_ID)
    synthetic: Flag = field(*_SYNTHETIC, default=False)
    date: Day = field("Date", "Date", "Day the report was completed.",
                      "Jour où le rapport a été finalisé.")
    regions: list[PCode] = field("Regions", "Régions", "P-codes of the regions assessed.",
                                 "P-codes des régions évaluées.", min_length=1)
    lead: Slug = field("Lead organisation", "Organisation cheffe de file",
                       "Id of the organisation that led it.",
                       "Identifiant de l'organisation qui l'a conduite.")
    plan_activity: ActivityRef | None = field(
        "Plan activity", "Activité du plan", "Id of the plan activity it serves (1.2.1).",
        "Identifiant de l'activité du plan qu'elle sert (1.2.1).", default=None)
    findings: list[RecordText] = field("Key findings", "Constats clés", "Short key findings.",
                                       "Constats clés, en bref.", default_factory=list)


class AgencyAssessment(StrictModel):
    """An organisation's PSEA assessment against the IASC minimum operating standards
    (self-assessment) or the UN Implementing Partner Protocol's capacity assessment."""

    id: Slug = field(*_ID)
    synthetic: Flag = field(*_SYNTHETIC, default=False)
    organisation: Slug = field("Organisation", "Organisation", "Id of the organisation assessed.",
                               "Identifiant de l'organisation évaluée.")
    framework: Framework = field(
        "Framework", "Référentiel", "mos_psea (IASC minimum operating standards, "
        "self-assessment) or un_ip_protocol (UN implementing partner capacity assessment).",
        "mos_psea (normes minimales de l'IASC, auto-évaluation) ou un_ip_protocol (évaluation "
        "des capacités des partenaires de mise en œuvre de l'ONU).")
    date: Day = field("Date", "Date", "Day of the assessment.", "Jour de l'évaluation.")
    ratings: dict[StandardId, Rating] = field(
        "Ratings", "Notes", "Rating per standard of the framework (met, partially_met, not_met).",
        "Note par norme du référentiel (met, partially_met, not_met).", default_factory=dict)
    overall: OverallRating = field(
        "Overall rating", "Note globale", "UN IP Protocol: full, medium or low capacity; "
        "MOS-PSEA: met, partially_met or not_met.",
        "Protocole PMO : full, medium ou low (capacité) ; MOS-PSEA : met, partially_met ou "
        "not_met.")
    next_review: Day | None = field("Next review", "Prochaine revue", "Day of the next review.",
                                    "Jour de la prochaine revue.", default=None)
