"""A member organisation and its PSEA focal points: ``data/focal_points/<org-id>.yaml``.

Focal points' professional contacts are the only personal data the repository holds.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from psea_cli.models.base import (
    Day,
    Email,
    Flag,
    LanguageCode,
    PCode,
    Phone,
    ShortText,
    Slug,
    StrictModel,
    field,
)

OrganisationType = Literal[
    "un_agency", "un_mission", "ingo", "nngo", "government", "red_cross", "donor", "other"
]
FocalPointRole = Literal["focal_point", "alternate", "lead_agency", "co_facilitator", "coordinator"]
TrainingKind = Literal["psea_basics", "investigation", "sop", "cbcm", "survivor_assistance", "other"]


class Membership(StrictModel):
    since: Day = field("Member since", "Membre depuis", "Day the organisation joined the network.",
                           "Jour où l'organisation a rejoint le réseau.")
    until: Day | None = field("Member until", "Membre jusqu'au",
                                  "Day the organisation left the network, if it did.",
                                  "Jour où l'organisation a quitté le réseau, le cas échéant.",
                                  default=None)

    @model_validator(mode="after")
    def _ordered(self) -> Membership:
        if self.until is not None and self.until < self.since:
            raise PydanticCustomError("psea.start-after-end", "membership ends before it starts")
        return self

    def active_on(self, day: dt.date) -> bool:
        return self.since <= day and (self.until is None or day <= self.until)


class Commitments(StrictModel):
    code_of_conduct_signed: Day | None = field(
        "Code of conduct signed", "Code de conduite signé",
        "Day the organisation signed the HCT code of conduct with its PSEA section.",
        "Jour où l'organisation a signé le code de conduite de l'EHP et sa section PSEA.",
        default=None)
    psea_in_induction: Day | None = field(
        "PSEA in staff induction", "PSEA dans l'induction",
        "Day PSEA became part of the induction of new staff.",
        "Jour où la PSEA a été intégrée à l'induction des nouveaux personnels.", default=None)
    internal_reporting_system: Day | None = field(
        "Internal reporting system", "Système d'alerte interne",
        "Day an internal system to raise SEA cases was in place.",
        "Jour où un système interne de signalement des cas d'EAS a été en place.", default=None)
    sop_integrated: Day | None = field(
        "SOPs integrated", "SOP intégrées", "Day the network's SOPs were integrated in internal procedures.",
        "Jour où les SOP du réseau ont été intégrées aux procédures internes.", default=None)
    sg_bulletin_disseminated: Day | None = field(
        "SG bulletin disseminated", "Circulaire du SG disséminée",
        "Day the Secretary-General's bulletin ST/SGB/2003/13 was shared with all staff.",
        "Jour où la circulaire ST/SGB/2003/13 du Secrétaire général a été partagée avec tout le "
        "personnel.", default=None)


class Training(StrictModel):
    kind: TrainingKind = field("Kind", "Type", "psea_basics, investigation, sop, cbcm, "
                               "survivor_assistance or other.",
                               "psea_basics, investigation, sop, cbcm, survivor_assistance ou other.")
    date: Day = field("Date", "Date", "Day the training ended.", "Jour de fin de la formation.")


class FocalPoint(StrictModel):
    id: Slug = field("Identifier", "Identifiant", "Short id, unique within the organisation (fp-1).",
                     "Identifiant court, unique dans l'organisation (fp-1).")
    name: ShortText = field("Name", "Nom", "Name or role title of the focal point.",
                            "Nom ou intitulé de poste du point focal.")
    role: FocalPointRole = field(
        "Role", "Rôle", "focal_point, alternate, lead_agency, co_facilitator or coordinator.",
        "focal_point (point focal), alternate (suppléant), lead_agency (agence cheffe de file), "
        "co_facilitator (co-facilitation) ou coordinator (coordination).")
    title: ShortText | None = field("Job title", "Fonction", "Position in the organisation.",
                                    "Poste dans l'organisation.", default=None)
    email: Email | None = field("E-mail", "Courriel", "Professional e-mail address.",
                                "Adresse électronique professionnelle.", default=None)
    phone: Phone | None = field("Phone", "Téléphone",
                                "Professional phone, in quotes (\"+223 20 00 90 00\").",
                                "Téléphone professionnel, entre guillemets (\"+223 20 00 90 00\").",
                                default=None)
    regions: list[PCode] = field("Regions covered", "Régions couvertes", "P-codes of the regions covered.",
                                 "P-codes des régions couvertes.", default_factory=list)
    languages: list[LanguageCode] = field("Languages", "Langues", "Languages spoken (fr, bm, ses…).",
                                          "Langues parlées (fr, bm, ses…).", default_factory=list)
    trainings: list[Training] = field("Trainings", "Formations", "PSEA trainings received.",
                                      "Formations PSEA reçues.", default_factory=list)
    sop_received_on: Day | None = field("SOPs received", "SOP reçues",
                                            "Day the focal point received the network's SOPs.",
                                            "Jour où le point focal a reçu les SOP du réseau.",
                                            default=None)
    verified_on: Day | None = field("Last verified", "Dernière vérification",
                                        "Day these details were last confirmed.",
                                        "Jour où ces informations ont été confirmées.", default=None)
    example: Flag = field("Example entry", "Entrée d'exemple",
                          "True for a placeholder the network must replace.",
                          "Vrai pour une entrée d'exemple que le réseau doit remplacer.", default=False)

    def trained_in(self, kind: str, on_or_before: dt.date) -> bool:
        return any(t.kind == kind and t.date <= on_or_before for t in self.trainings)


class Organisation(StrictModel):
    id: Slug = field("Identifier", "Identifiant", "Short lowercase id; also the file name (unfpa).",
                     "Identifiant court en minuscules ; aussi le nom du fichier (unfpa).")
    name: ShortText = field("Name", "Nom", "Full name of the organisation.", "Nom complet de l'organisation.")
    acronym: ShortText | None = field("Acronym", "Sigle", "Acronym (UNFPA).", "Sigle (UNFPA).",
                                      default=None)
    type: OrganisationType = field(
        "Type", "Type", "un_agency, un_mission, ingo, nngo, government, red_cross, donor or other.",
        "un_agency (agence ONU), un_mission, ingo (ONG internationale), nngo (ONG nationale), "
        "government, red_cross, donor ou other.")
    membership: Membership | None = field(
        "Network membership", "Adhésion au réseau", "When the organisation is a member of the network.",
        "Période d'adhésion de l'organisation au réseau.", default=None)
    ehp_member: Flag = field("HCT member", "Membre de l'EHP",
                             "True if the organisation sits in the humanitarian country team.",
                             "Vrai si l'organisation siège à l'équipe humanitaire pays.",
                             default=False)
    cluster_member: Flag = field("Cluster member", "Membre des clusters",
                                 "True if the organisation takes part in the clusters.",
                                 "Vrai si l'organisation participe aux clusters.", default=False)
    commitments: Commitments = field("PSEA commitments", "Engagements PSEA",
                                     "Dates of the organisation's PSEA commitments.",
                                     "Dates des engagements PSEA de l'organisation.",
                                     default_factory=Commitments)
    focal_points: list[FocalPoint] = field("Focal points", "Points focaux",
                                           "The organisation's PSEA focal points.",
                                           "Les points focaux PSEA de l'organisation.",
                                           default_factory=list)

    def member_on(self, day: dt.date) -> bool:
        return self.membership is not None and self.membership.active_on(day)
