"""Published case figures: ``data/published/<period>.yaml``, written by a key holder.

The case figures psea shares for a period (``indicators.shared.publish``: whole quarters,
consent honoured, every count rounded to a multiple of the threshold), so that a member
without a key makes the same report as the core team.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from psea_cli.models.base import Day, Flag, StrictModel, field
from psea_cli.models.plan import PERIOD_KEY_PATTERN


class PublishedMetric(StrictModel):
    value: float | None = field(
        "Value", "Valeur", "The count or percentage; null when there is none or it is withheld.",
        "L'effectif ou le pourcentage ; null s'il n'y en a pas ou s'il est masqué.",
        default=None)
    numerator: int | None = field("Numerator", "Numérateur", "A published count.",
                                  "Un effectif publié.", default=None, ge=0)
    denominator: int | None = field("Denominator", "Dénominateur", "A published count.",
                                    "Un effectif publié.", default=None, ge=0)
    withheld: Flag = field("Withheld", "Masqué", "Nothing of this metric is shared.",
                           "Rien de cette métrique n'est partagé.", default=False)
    breakdowns: dict[str, dict[str, int]] = field(
        "Breakdowns", "Ventilations", "Published counts per category.",
        "Effectifs publiés par catégorie.", default_factory=dict)
    details: dict[str, int] = field("Details", "Détails", "Other published counts.",
                                    "Autres effectifs publiés.", default_factory=dict)


class Protection(StrictModel):
    base: int = field("Rounding base", "Base d'arrondi",
                      "Every count is a multiple of it (the threshold).",
                      "Chaque effectif en est un multiple (le seuil).", ge=3, le=50)
    read_on: Day = field("Read on", "Lu au", "The records were read as of this day.",
                             "Les fiches ont été lues à ce jour.")
    quarters: list[str] = field("Quarters", "Trimestres", "The quarters the figures cover.",
                                "Les trimestres couverts.")
    left_out: int = field("Left out", "Écartés",
                          "Cases left out (no consent to be counted), rounded.",
                          "Cas écartés (pas de consentement à être comptés), arrondi.", ge=0)


class PublishedAccountability(StrictModel):
    parts: dict[str, dict[str, int]] = field(
        "Parts", "Parties", "Published counts of each partition (the accused entity's response, "
        "investigations, measures, services, deadlines by sex and age).",
        "Effectifs publiés de chaque partition (réponse de l'entité mise en cause, enquêtes, "
        "mesures, services, délais par sexe et âge).")
    open_parts: dict[str, int] = field(
        "Open cases (no longer written)", "Cas ouverts (plus écrit)",
        "Written by psea before 2026-12: not read (the shared metric open_cases_by_age is).",
        "Écrit par psea avant 2026-12 : non lu (la métrique partagée open_cases_by_age l'est).",
        default_factory=dict)
    median_days_to_referral: int | None = field(
        "Median days to referral (no longer written)", "Délai médian de renvoi (plus écrit)",
        "Written by psea before 2026-12: not read (the shared metric "
        "median_days_to_entity_referral is).",
        "Écrit par psea avant 2026-12 : non lu (la métrique partagée "
        "median_days_to_entity_referral l'est).", default=None)
    entity_referral_days: int | None = field(
        "Referral deadline (no longer written)", "Délai de renvoi (plus écrit)",
        "Written by psea before 2026-12: not read.", "Écrit par psea avant 2026-12 : non lu.",
        default=None)
    quarters: list[str] = field("Quarters", "Trimestres", "The quarters counted.",
                                "Les trimestres comptés.")
    base: int = field("Rounding base", "Base d'arrondi", "Every count is a multiple of it.",
                      "Chaque effectif en est un multiple.", ge=3, le=50)


class PublishedFigures(StrictModel):
    period: Annotated[str, StringConstraints(pattern=PERIOD_KEY_PATTERN)] = field(
        "Period", "Période", "The period the figures are for (2021-S1).",
        "La période des chiffres (2021-S1).")
    written_on: Day = field("Written on", "Écrit le", "Day the figures were written.",
                                "Jour où les chiffres ont été écrits.")
    revision: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{7,40}$")] | None = field(
        "Revision", "Révision", "Commit the case records were read at (null outside git).",
        "Commit auquel les fiches de cas ont été lues (null hors de git).", default=None)
    uncommitted: Flag = field(
        "Uncommitted changes", "Modifications non committées",
        "The case records had uncommitted changes when the figures were written.",
        "Les fiches de cas avaient des modifications non committées.", default=False)
    protection: Protection = field("Protection", "Protection", "How the figures were protected.",
                                   "Comment les chiffres ont été protégés.")
    metrics: dict[str, PublishedMetric] = field(
        "Metrics", "Métriques", "The case metrics, by name.", "Les métriques de cas, par nom.")
    accountability: PublishedAccountability | None = field(
        "Accountability", "Redevabilité", "What happened after the complaints, as published.",
        "Ce qui a suivi les plaintes, tel que publié.", default=None)
