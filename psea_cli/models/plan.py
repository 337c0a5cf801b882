"""The action plan: results, sub-results, activities, indicators (``data/plan/<plan-id>/plan.yaml``).
What was done in each reporting period is ``models.progress``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from psea_cli.clock import PLAUSIBLE_YEAR
from psea_cli.models.base import (
    ISO_DAY,
    ShortText,
    Slug,
    StrictModel,
    field,
    in_plausible_range,
    last_day_of_month,
)

IndicatorUnit = Literal["count", "percent", "days", "milestone", "boolean", "amount",
                        "qualitative"]
"""``days`` is a delay (a median number of days), met when the value is at most the target."""
AT_LEAST, AT_MOST = "at_least", "at_most"


def target_direction(unit: str) -> str:
    """``at_most`` for a delay (unit ``days``): its target is met when the value is at most
    the target (a shorter delay is better); ``at_least`` for every other unit."""
    return AT_MOST if unit == "days" else AT_LEAST

ActivityStatus = Literal["not_started", "in_progress", "done", "delayed", "cancelled"]
Recurrence = Literal["once", "continuous", "yearly"]
MilestoneStatus = Literal["not_started", "in_progress", "done"]

ResultId = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]?$")]
SubResultId = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]?\.[1-9][0-9]?$")]
ActivityId = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]?\.[1-9][0-9]?\.[1-9][0-9]?$")]
IndicatorId = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]?\.[1-9][0-9]?-[a-z][0-9]?$")]
PERIOD_KEY_PATTERN = rf"^{PLAUSIBLE_YEAR}(-(S[12]|Q[1-4]))?$"
"""A year, semester or quarter (2020, 2020-S2, 2020-Q3) of a plausible year."""
PeriodKey = Annotated[str, StringConstraints(pattern=PERIOD_KEY_PATTERN)]


def _month_bound(value: object, *, end: bool) -> object:
    """Accept a year (2020), a month (2020-11) or a date; an end becomes the last day."""
    if isinstance(value, bool) or value is None or isinstance(value, dt.date):
        return value
    text = str(value).strip()
    parts = text.split("-")
    try:
        if len(parts) == 1 and len(text) == 4:
            y = int(text)
            return dt.date(y, 12, 31) if end else dt.date(y, 1, 1)
        if len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            return last_day_of_month(y, m) if end else dt.date(y, m, 1)
    except ValueError as exc:
        raise PydanticCustomError("date_parsing", "not a year, month or date") from exc
    if not ISO_DAY.match(text):  # 20200715 is no date (pydantic would count seconds from 1970)
        raise PydanticCustomError("date_parsing", "not a year, month or date")
    return text


LONGEST_PLAN_YEARS = 10
"""A plan spans at most this many years: a PSEA action plan covers a few; psea counts every
quarter, semester and year of a plan (``psea audit`` protects each), and a plan of a century
(2000 to 2099, each a plausible day) would make that take minutes."""

PLAN_TOO_LONG_ERROR = "psea.plan-too-long"


def within_longest_plan(start: dt.date, end: dt.date) -> bool:
    """True when the plan from ``start`` to ``end`` lasts at most ``LONGEST_PLAN_YEARS``."""
    return (end.year - start.year) * 12 + end.month - start.month < LONGEST_PLAN_YEARS * 12


PeriodStart = Annotated[dt.date, BeforeValidator(lambda v: _month_bound(v, end=False)),
                        AfterValidator(in_plausible_range)]
PeriodEnd = Annotated[dt.date, BeforeValidator(lambda v: _month_bound(v, end=True)),
                      AfterValidator(in_plausible_range)]


class ActivityPeriod(StrictModel):
    text: str | None = field(
        "Original wording", "Libellé d'origine", "The period as the plan writes it (Continue, Nov. 2019…).",
        "La période telle que le plan l'écrit (Continue, Nov. 2019…).", default=None)
    start: PeriodStart | None = field(
        "Start", "Début", "First year, month or day (2020, 2019-11 or 2019-11-15).",
        "Première année, premier mois ou jour (2020, 2019-11 ou 2019-11-15).", default=None)
    end: PeriodEnd | None = field(
        "End", "Fin", "Last year, month or day; a year or month means its last day.",
        "Dernière année, dernier mois ou jour ; une année ou un mois vaut son dernier jour.",
        default=None)
    recurrence: Recurrence = field(
        "Recurrence", "Récurrence",
        "once, continuous (an ongoing function, such as referring survivors: each period says "
        "how it ran, never done for good) or yearly.",
        "once (une fois), continuous (une fonction permanente, comme l'orientation des "
        "survivants : chaque période dit comment elle s'est déroulée, jamais réalisée pour de "
        "bon) ou yearly (chaque année).",
        default="once")


class Budget(StrictModel):
    amount_usd: float | None = field(
        "Amount (USD)", "Montant (USD)", "Budget of the activity in US dollars.",
        "Budget de l'activité en dollars américains.", default=None, ge=0)
    funded_elsewhere: ShortText | None = field(
        "Funded elsewhere", "Financé ailleurs",
        "Where the activity is funded when not from this plan (Voir Sous-Cluster VBG).",
        "Où l'activité est financée hors de ce plan (Voir Sous-Cluster VBG).", default=None)
    funded_elsewhere_en: ShortText | None = field(
        "Funded elsewhere, in English", "Financé ailleurs, en anglais",
        "The same in an English report (See the GBV Sub-Cluster).",
        "La même chose dans un rapport en anglais (See the GBV Sub-Cluster).", default=None)

    @model_validator(mode="after")
    def _one_kind(self) -> Budget:
        if self.amount_usd is not None and self.funded_elsewhere is not None:
            raise PydanticCustomError(
                "psea.budget-both", "give either amount_usd or funded_elsewhere, not both")
        return self


TargetValue = float | bool | str


TargetSourceKind = Literal["plan", "network", "example"]


class TargetSource(StrictModel):
    """Where an indicator's targets come from: the plan's own words, a decision of the network
    (which meeting, which day), or an example to replace."""

    kind: TargetSourceKind = field(
        "Kind", "Nature",
        "plan (the plan states it), network (the network decided it) or example.",
        "plan (le plan l'écrit), network (décidée par le réseau) ou example (exemple).")
    reference: ShortText | None = field(
        "Reference", "Référence",
        "The plan's words, or the meeting and day of the network's decision.",
        "Les mots du plan, ou la réunion et la date de la décision du réseau.", default=None)


class Indicator(StrictModel):
    id: IndicatorId = field("Identifier", "Identifiant", "Sub-result number and a letter (1.1-a).",
                            "Numéro du sous-résultat et une lettre (1.1-a).")
    text: ShortText = field("Text", "Libellé", "The indicator as the plan writes it (French).",
                            "L'indicateur tel que le plan l'écrit (en français).")
    text_en: ShortText | None = field("Text in English", "Libellé en anglais",
                                      "English translation of the indicator.",
                                      "Traduction anglaise de l'indicateur.", default=None)
    plan_text: ShortText | None = field(
        "The plan's cell", "Cellule du plan",
        "The plan's sentence as written, when this indicator is one part of it (the plan asks "
        "for national and international NGOs apart in one sentence).",
        "La phrase du plan telle qu'écrite, quand cet indicateur en est une partie (le plan "
        "demande les ONG nationales et internationales à part dans une seule phrase).",
        default=None)
    unit: IndicatorUnit = field(
        "Unit", "Unité",
        "count, percent, days (a median delay, for the median_days_… metrics: its target is "
        "met at most), milestone, boolean, amount or qualitative (level 0-3).",
        "count (nombre), percent, days (un délai médian, pour les métriques median_days_… : "
        "sa cible est atteinte au plus), milestone (jalon), boolean, amount (montant) ou "
        "qualitative (niveau 0-3).")
    measured_by: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")] = field(
        "Measured by", "Mesuré par", "Name of a computed metric, or manual.",
        "Nom d'une métrique calculée, ou manual (saisie manuelle).")
    baseline: TargetValue | None = field("Baseline", "Valeur de base",
                                         "Value at the start of the plan, if known.",
                                         "Valeur au début du plan, si connue.", default=None)
    targets: dict[PeriodKey, TargetValue] = field(
        "Targets", "Cibles", "Target per period key (2020, 2020-S2, 2021-Q1).",
        "Cible par période (2020, 2020-S2, 2021-Q1).", default_factory=dict)
    target_source: TargetSource | None = field(
        "Source of the targets", "Source des cibles",
        "Whether the targets are in the plan, decided by the network (with the meeting and "
        "day) or examples; the report judges an indicator against a target only with it.",
        "Si les cibles sont dans le plan, décidées par le réseau (avec la réunion et la date) "
        "ou des exemples ; le rapport ne juge un indicateur par rapport à une cible qu'avec "
        "elle.", default=None)
    per: Literal["quarter"] | None = field(
        "Figure per", "Chiffre par",
        "quarter when the plan asks for the figure per quarter (« par trimestre »): reports "
        "then show each quarter of the period.",
        "quarter quand le plan demande le chiffre par trimestre : les rapports donnent alors "
        "chaque trimestre de la période.", default=None)


class Activity(StrictModel):
    id: ActivityId = field("Identifier", "Identifiant", "Sub-result number and a rank (1.1.3).",
                           "Numéro du sous-résultat et un rang (1.1.3).")
    title: ShortText = field("Title", "Intitulé", "The activity as the plan writes it.",
                             "L'activité telle que le plan l'écrit.")
    title_en: ShortText | None = field("Title in English", "Intitulé en anglais",
                                       "English translation of the activity.",
                                       "Traduction anglaise de l'activité.", default=None)
    responsible: list[Slug] = field(
        "Responsible", "Responsables", "Organisation ids or named groups of network.yaml.",
        "Identifiants d'organisations ou de groupes nommés de network.yaml.", default_factory=list)
    responsible_text: ShortText | None = field(
        "Responsible as written", "Responsables (libellé)", "The responsible cell as the plan writes it.",
        "La cellule « Responsable » telle que le plan l'écrit.", default=None)
    period: ActivityPeriod = field("Period", "Période", "When the activity takes place.",
                                   "Quand l'activité a lieu.", default_factory=ActivityPeriod)
    budget: Budget | None = field("Budget", "Budget", "Budget of the activity, if any.",
                                  "Budget de l'activité, s'il y en a un.", default=None)
    indicators: list[Indicator] = field("Indicators", "Indicateurs", "Indicators of the activity.",
                                        "Indicateurs de l'activité.", default_factory=list)


class SubResult(StrictModel):
    id: SubResultId = field("Identifier", "Identifiant", "Result number and a rank (1.2).",
                            "Numéro du résultat et un rang (1.2).")
    title: ShortText = field("Title", "Intitulé", "The expected sub-result as written.",
                             "Le sous-résultat attendu tel qu'écrit.")
    title_en: ShortText | None = field("Title in English", "Intitulé en anglais",
                                       "English translation.", "Traduction anglaise.", default=None)
    activities: list[Activity] = field("Activities", "Activités", "Activities of the sub-result.",
                                       "Activités du sous-résultat.", default_factory=list)


class Result(StrictModel):
    id: ResultId = field("Identifier", "Identifiant", "Number of the result (1, 2, 3).",
                         "Numéro du résultat (1, 2, 3).")
    title: ShortText = field("Title", "Intitulé", "The expected result as written.",
                             "Le résultat attendu tel qu'écrit.")
    title_en: ShortText | None = field("Title in English", "Intitulé en anglais",
                                       "English translation.", "Traduction anglaise.", default=None)
    sub_results: list[SubResult] = field("Sub-results", "Sous-résultats", "Sub-results.",
                                         "Sous-résultats.", default_factory=list)


class Plan(StrictModel):
    id: Slug = field("Identifier", "Identifiant", "Id of the plan; also its folder name.",
                     "Identifiant du plan ; aussi le nom de son dossier.")
    title: ShortText = field("Title", "Titre", "Title of the plan.", "Titre du plan.")
    title_en: ShortText | None = field("Title in English", "Titre en anglais", "English title.",
                                       "Titre anglais.", default=None)
    start: PeriodStart = field("Start", "Début", "First day (or year, month) of the plan.",
                               "Premier jour (ou année, mois) du plan.")
    end: PeriodEnd = field("End", "Fin", "Last day (or year, month) of the plan.",
                           "Dernier jour (ou année, mois) du plan.")
    stated_total_usd: float | None = field(
        "Stated total (USD)", "Total annoncé (USD)", "The total budget the plan document states.",
        "Le budget total annoncé par le document du plan.", default=None, ge=0)
    results: list[Result] = field("Results", "Résultats", "Expected results.", "Résultats attendus.",
                                  default_factory=list)

    @field_validator("end")
    @classmethod
    def _not_too_long(cls, end: dt.date, info: ValidationInfo) -> dt.date:
        start = info.data.get("start")
        if isinstance(start, dt.date) and not within_longest_plan(start, end):
            raise PydanticCustomError(PLAN_TOO_LONG_ERROR, "longer than {years} years",
                                      {"years": LONGEST_PLAN_YEARS})
        return end

    def activities(self) -> list[tuple[Result, SubResult, Activity]]:
        return [(r, s, a) for r in self.results for s in r.sub_results for a in s.activities]

    def indicators(self) -> list[tuple[Activity, Indicator]]:
        return [(a, i) for _, _, a in self.activities() for i in a.indicators]
