"""GBV services a survivor can be referred to: ``data/services/*.yaml``."""

from __future__ import annotations

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

ServiceType = Literal[
    "medical", "psychosocial", "legal", "safety_shelter", "livelihood",
    "child_protection", "case_management", "complaint_channel",
]
ServiceStatus = Literal["active", "temporarily_closed", "closed"]
Sex = Literal["female", "male", "other"]
Cost = Literal["free", "paid", "mixed"]
ServiceFeature = Literal["cmr_pep", "child_friendly", "female_staff", "disability_access"]
"""What a referral pathway marks beside a service (the GBV referral-pathway conventions of the
GBV sub-clusters, and the inter-agency minimum standards for GBV programming in emergencies):
clinical management of rape with post-exposure prophylaxis (which only works within 72 hours),
child-friendly, women staff available, accessible to people with disabilities."""

SERVICE_TYPES: tuple[str, ...] = ServiceType.__args__  # type: ignore[attr-defined]
CORE_SERVICE_TYPES = ("medical", "psychosocial", "legal", "safety_shelter")


class ServedPeople(StrictModel):
    sex: list[Sex] = field("Sex", "Sexe", "Sexes served; empty means all.",
                           "Sexes accueillis ; vide signifie tous.", default_factory=list)
    age_min: int | None = field("Minimum age", "Âge minimum", "Youngest age served.",
                                "Âge le plus bas accueilli.", default=None, ge=0, le=120)
    age_max: int | None = field("Maximum age", "Âge maximum", "Oldest age served.",
                                "Âge le plus élevé accueilli.", default=None, ge=0, le=120)


class Service(StrictModel):
    id: Slug = field("Identifier", "Identifiant", "Short id, unique across the service map.",
                     "Identifiant court, unique dans la cartographie.")
    provider: Slug = field("Provider", "Prestataire", "Id of the organisation providing the service.",
                           "Identifiant de l'organisation qui fournit le service.")
    type: ServiceType = field(
        "Type", "Type", "medical, psychosocial, legal, safety_shelter, livelihood, child_protection, "
        "case_management or complaint_channel.",
        "medical, psychosocial, legal (juridique), safety_shelter (sécurité/abri), livelihood, "
        "child_protection, case_management ou complaint_channel.")
    name: ShortText = field("Name", "Nom", "Name of the service.", "Nom du service.")
    region: PCode = field("Region", "Région", "P-code of the admin-1 region.",
                          "P-code de la région (admin 1).")
    admin2: ShortText | None = field("Admin 2", "Cercle", "Admin-2 area (cercle), if relevant.",
                                     "Cercle (admin 2), le cas échéant.", default=None)
    place: ShortText | None = field("Place", "Lieu", "Where to go (facility, town).",
                                    "Où se rendre (structure, ville).", default=None)
    phone: Phone | None = field("Phone", "Téléphone", "Service phone, in quotes.",
                                "Téléphone du service, entre guillemets.", default=None)
    email: Email | None = field("E-mail", "Courriel", "Service e-mail address.",
                                "Adresse électronique du service.", default=None)
    hours: ShortText | None = field("Opening hours", "Horaires", "When the service is open.",
                                    "Heures d'ouverture.", default=None)
    languages: list[LanguageCode] = field("Languages", "Langues", "Languages spoken.",
                                          "Langues parlées.", default_factory=list)
    serves: ServedPeople = field("Who is served", "Public accueilli", "Sexes and ages served.",
                                 "Sexes et âges accueillis.", default_factory=ServedPeople)
    cost: Cost = field("Cost", "Coût", "free, paid or mixed.", "free (gratuit), paid ou mixed.",
                       default="free")
    status: ServiceStatus = field("Status", "Statut", "active, temporarily_closed or closed.",
                                  "active, temporarily_closed (fermé temporairement) ou closed.",
                                  default="active")
    verified_on: Day | None = field("Last verified", "Dernière vérification",
                                        "Day these details were last confirmed.",
                                        "Jour où ces informations ont été confirmées.", default=None)
    example: Flag = field("Example entry", "Entrée d'exemple",
                          "True for a placeholder the network must replace.",
                          "Vrai pour une entrée d'exemple que le réseau doit remplacer.", default=False)
    features: list[ServiceFeature] = field(
        "Referral features", "Caractéristiques pour l'orientation",
        "cmr_pep (clinical management of rape with post-exposure prophylaxis), child_friendly, "
        "female_staff (women staff available), disability_access.",
        "cmr_pep (prise en charge clinique du viol avec prophylaxie post-exposition), "
        "child_friendly (adapté aux enfants), female_staff (personnel féminin disponible), "
        "disability_access (accessible aux personnes handicapées).", default_factory=list)
    nationwide: Flag = field(
        "Nationwide", "National",
        "True for a service reachable from every region (a national hotline).",
        "Vrai pour un service joignable depuis toutes les régions (une ligne nationale).",
        default=False)

    @model_validator(mode="after")
    def _ages(self) -> Service:
        s = self.serves
        if s.age_min is not None and s.age_max is not None and s.age_min > s.age_max:
            raise PydanticCustomError("psea.start-after-end", "age_min is above age_max")
        return self


class ServiceFile(StrictModel):
    services: list[Service] = field("Services", "Services", "The services of this file.",
                                    "Les services de ce fichier.", default_factory=list)
