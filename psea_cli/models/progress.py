"""Per-period progress of a plan: ``data/plan/<plan-id>/progress/<period>.yaml`` holds, for one
reporting period, each activity's status, each manual indicator's value and the network's own
words to the HCT (``Narrative``).
"""

from __future__ import annotations

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from psea_cli.models.base import Day, Flag, ShortText, StrictModel, field
from psea_cli.models.plan import (
    ActivityId,
    ActivityStatus,
    IndicatorId,
    MilestoneStatus,
    PeriodKey,
)


class ActivityProgress(StrictModel):
    status: ActivityStatus = field(
        "Status", "État", "not_started, in_progress, done, delayed or cancelled.",
        "not_started (pas commencée), in_progress (en cours), done (réalisée), delayed (en retard) "
        "ou cancelled (annulée).")
    note: ShortText | None = field("Note", "Note", "What was done, briefly.",
                                   "Ce qui a été fait, en bref.", default=None)
    note_en: ShortText | None = field("Note (English)", "Note (anglais)",
                                      "The note in English, for the English report.",
                                      "La note en anglais, pour le rapport en anglais.",
                                      default=None)
    evidence: list[ShortText] = field("Evidence", "Justificatifs",
                                      "Links or references to evidence (reports, minutes).",
                                      "Liens ou références des justificatifs (rapports, PV).",
                                      default_factory=list)
    spent_usd: float | None = field("Spent (USD)", "Dépensé (USD)", "Amount spent in the period.",
                                    "Montant dépensé pendant la période.", default=None, ge=0)


class IndicatorRecord(StrictModel):
    """A manual indicator's value for one period; which fields apply depends on the unit."""

    value: float | Flag | None = field(
        "Value", "Valeur", "The count, amount, percent or yes/no value.",
        "Le nombre, le montant, le pourcentage ou la valeur oui/non.", default=None)
    numerator: int | None = field("Numerator", "Numérateur", "For a percent: the part.",
                                  "Pour un pourcentage : la partie.", default=None, ge=0)
    denominator: int | None = field("Denominator", "Dénominateur", "For a percent: the whole.",
                                    "Pour un pourcentage : le tout.", default=None, ge=0)
    status: MilestoneStatus | None = field(
        "Milestone status", "État du jalon", "For a milestone: not_started, in_progress or done.",
        "Pour un jalon : not_started, in_progress ou done.", default=None)
    date: Day | None = field("Date", "Date", "For a milestone: the day it was reached.",
                                 "Pour un jalon : le jour où il a été atteint.", default=None)
    level: int | None = field("Level", "Niveau", "For a qualitative indicator: 0 to 3.",
                              "Pour un indicateur qualitatif : de 0 à 3.", default=None, ge=0, le=3)
    source: ShortText = field("Source", "Source", "Where the value comes from (survey, report…).",
                              "D'où vient la valeur (enquête, rapport…).")
    source_en: ShortText | None = field("Source (English)", "Source (anglais)",
                                        "The source in English, for the English report.",
                                        "La source en anglais, pour le rapport en anglais.",
                                        default=None)
    note: ShortText | None = field("Note", "Note", "Comment on the value.",
                                   "Commentaire sur la valeur.", default=None)

    @model_validator(mode="after")
    def _fraction(self) -> IndicatorRecord:
        if (self.numerator is None) != (self.denominator is None):
            raise PydanticCustomError("psea.fraction", "give both numerator and denominator")
        if self.numerator is not None and self.denominator is not None and (
            self.numerator > self.denominator
        ):
            raise PydanticCustomError("psea.fraction", "numerator is larger than denominator")
        return self


class Narrative(StrictModel):
    """What the network says to the HCT about the period, in its own words (both languages).

    Every field is optional: the report says plainly which parts were left empty."""

    summary: ShortText | None = field("Summary", "Synthèse", "The period in a few sentences.",
                                      "La période en quelques phrases.", default=None)
    summary_en: ShortText | None = field("Summary (English)", "Synthèse (anglais)",
                                         "The summary in English.", "La synthèse en anglais.",
                                         default=None)
    highlights: list[ShortText] = field("Highlights", "Faits marquants", "What went well.",
                                        "Ce qui a bien marché.", default_factory=list)
    highlights_en: list[ShortText] = field("Highlights (English)", "Faits marquants (anglais)",
                                           "The highlights in English.",
                                           "Les faits marquants en anglais.",
                                           default_factory=list)
    challenges: list[ShortText] = field("Challenges", "Difficultés",
                                        "What held the work back.", "Ce qui a freiné le travail.",
                                        default_factory=list)
    challenges_en: list[ShortText] = field("Challenges (English)", "Difficultés (anglais)",
                                           "The challenges in English.",
                                           "Les difficultés en anglais.", default_factory=list)
    decisions: list[ShortText] = field(
        "Decisions requested from the HCT", "Décisions demandées à l'EHP",
        "What the network asks the humanitarian country team to decide.",
        "Ce que le réseau demande à l'équipe humanitaire pays de décider.",
        default_factory=list)
    decisions_en: list[ShortText] = field(
        "Decisions requested (English)", "Décisions demandées (anglais)",
        "The decisions requested, in English.", "Les décisions demandées, en anglais.",
        default_factory=list)
    priorities: list[ShortText] = field("Priorities for the next period",
                                        "Priorités de la période suivante",
                                        "What the network will focus on next.",
                                        "Ce sur quoi le réseau se concentrera ensuite.",
                                        default_factory=list)
    priorities_en: list[ShortText] = field("Priorities (English)", "Priorités (anglais)",
                                           "The priorities in English.",
                                           "Les priorités en anglais.", default_factory=list)


class Progress(StrictModel):
    period: PeriodKey = field("Period", "Période", "The reporting period (2020-S2).",
                              "La période de rapport (2020-S2).")
    example: Flag = field("Example values", "Valeurs d'exemple",
                          "True when the values are demonstration data to replace.",
                          "Vrai quand les valeurs sont des données de démonstration à remplacer.",
                          default=False)
    activities: dict[ActivityId, ActivityProgress] = field(
        "Activities", "Activités", "Progress of each activity, by activity id.",
        "Avancement de chaque activité, par identifiant.", default_factory=dict)
    indicators: dict[IndicatorId, IndicatorRecord] = field(
        "Manual indicators", "Indicateurs manuels", "Value of each manual indicator, by id.",
        "Valeur de chaque indicateur manuel, par identifiant.", default_factory=dict)
    narrative: Narrative | None = field(
        "Narrative", "Texte du rapport",
        "Summary, highlights, challenges, decisions requested and priorities, printed at the "
        "top of the report.",
        "Synthèse, faits marquants, difficultés, décisions demandées et priorités, imprimées en "
        "tête du rapport.", default=None)
