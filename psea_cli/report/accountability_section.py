"""The accountability part of the report: what happened after the complaints, in tables of
published counts, and the breakdowns the plan asks for (assistance by service type). The
referral to the concerned entity, investigations, the time complaints stay open, the survivors
informed and the median days to the referral are read from the shared view's metrics
(``IndicatorReport``), never rounded a second time: two roundings of one figure, or of two
nested sets of cases, would narrow them down; the categories, measures and services come from
``psea_cli.indicators.accountability``. The SOP deadlines by sex and age group are not shared: rounded on
their own, beside the cases by sex and age group and the on-time figures, they would narrow
small counts down (the core team's view, ``psea indicators``, keeps them).

Counts are printed as published (multiples of the threshold, ``<5`` for fewer than 5);
a percentage is computed from published counts and withheld when its denominator is under
the threshold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from psea_cli import disclosure, formatting
from psea_cli.i18n import N_, _
from psea_cli.indicators.accountability import Accountability
from psea_cli.indicators.accountability_metrics import AGE_BANDS
from psea_cli.indicators.values import IndicatorReport, MetricValue
from psea_cli.models.service import SERVICE_TYPES
from psea_cli.report.cases_section import days_text, shown
from psea_cli.report.labels import capitalised, case_label, service_type_label, withheld_share

_WORDS = {
    "in_time": N_("referred within {deadline}"), "late": N_("referred later"),
    "not_referred": N_("not referred (yet)"),
    "no_entity_known": N_("no concerned entity known"),
    "not_opened": N_("no investigation opened"), "ongoing": N_("investigation ongoing"),
    "concluded": N_("investigation concluded"),
    "not_recorded": N_("no measure recorded"),
    "informed": N_("survivor informed of the outcome"),
    "not_informed": N_("survivor not yet informed of the outcome"),
    "no_conclusion": N_("no conclusion yet"),
    "closed": N_("complaint closed"),
    "under_30_days": N_("open for less than 30 days"),
    "30_to_60_days": N_("open 30 to 60 days"),
    "over_60_days": N_("open for more than 60 days"),
}


def _word(key: str, kind: str | None = None, **values: object) -> str:
    if key in _WORDS:
        return capitalised(_(_WORDS[key]).format(**values))
    return case_label(kind, key) if kind else key


_INVESTIGATION = ("not_opened", "ongoing", "substantiated", "unsubstantiated",
                  "insufficient_information")


def _share(part: int, whole: int, base: int) -> str:
    """``part`` of ``whole`` as a percentage of the published (rounded) counts; withheld
    when the whole, the part or the rest is under the threshold (``disclosure.shown_share``):
    a part published as "<{threshold}" stands for 0 to 4 cases, which "0 %" or "100 %" would
    misstate."""
    if not disclosure.shown_share(part, whole, base):
        return withheld_share(base)
    return formatting.format_percent(100 * part / whole)


def _table(title: str, heading: str, parts: Mapping[str, int], order: Sequence[str],
           base: int, kind: str | None = None, unit: str | None = None,
           **values: object) -> dict[str, Any]:
    keys = [k for k in order if k in parts] + [k for k in parts if k not in order]
    rows: list[list[Any]] = [[_word(k, kind, **values), shown(parts[k], base)] for k in keys]
    rows.append([_("Total"), shown(sum(parts.values()), base)])
    return {"title": title, "header": [heading, unit or _("Cases")], "rows": rows,
            "total": True}


def _metric_parts(metric: MetricValue | None, keys: Sequence[str]) -> dict[str, int]:
    """A count metric's published parts (its details), every one listed."""
    details = metric.details if metric is not None and not metric.withheld else {}
    return {key: n if isinstance(n := details.get(key, 0), int) else 0 for key in keys}


def _informed(metric: MetricValue | None) -> dict[str, int]:
    """The survivors informed of the outcome, as the shared view publishes them."""
    if metric is None or metric.withheld:
        return {}
    numerator, denominator = metric.numerator or 0, metric.denominator or 0
    no_conclusion = metric.details.get("no_conclusion", 0)
    return {"informed": numerator, "not_informed": denominator - numerator,
            "no_conclusion": no_conclusion if isinstance(no_conclusion, int) else 0}


def _referral(metric: MetricValue | None) -> dict[str, int]:
    """Every case by its referral to the concerned entity, from the referral indicator's own
    published parts (one rounding: the table and the indicator cannot be set against each
    other)."""
    parts = _metric_parts(metric, ("referred_in_time", "referred_late", "not_referred",
                                   "no_entity_known"))
    return {"in_time": parts["referred_in_time"], "late": parts["referred_late"],
            "not_referred": parts["not_referred"], "no_entity_known": parts["no_entity_known"]}


def _services(figures: Accountability) -> dict[str, Any]:
    base = figures.base
    rows: list[list[Any]] = []
    for kind in SERVICE_TYPES:
        parts = figures.parts.get(f"service/{kind}", {})
        whole = sum(parts.values())
        referred = parts.get("referred", 0)  # a published 0 is 0 to 4: "<5", never left out
        rows.append([service_type_label(kind), shown(referred, base),
                     _share(referred, whole, base)])
    return {"title": _("Assistance by type of service"),
            "header": [_("Service"), _("Cases referred"), _("Share of cases")],
            "rows": rows, "total": False}


def build(figures: Accountability, now: IndicatorReport, days: int) -> dict[str, Any]:
    """The section's figures and tables; ``days`` is the SOP's deadline for the referral."""
    base = figures.base
    parts = figures.parts
    referral = _referral(now.metrics.get("investigation_referral_with_consent"))
    referred = referral["in_time"] + referral["late"]
    read_on = now.protection.read_on if now.protection is not None else None
    tables = [
        _table(_("Allegations by category of the alleged perpetrator"), _("Category"),
               parts.get("category", {}), [], base, kind="category"),
        _table(_("Referral of the complaint to the entity concerned"), _("Referral"),
               referral, ["in_time", "late", "not_referred", "no_entity_known"], base,
               deadline=days_text(days)),
        _table(_("Investigations by status and outcome"), _("Investigation"),
               _metric_parts(now.metrics.get("investigation_outcomes"), _INVESTIGATION), [],
               base, kind="outcome"),
        _table(_("Measures taken by the entity (latest recorded)"), _("Measure"),
               parts.get("measures", {}), ["not_recorded"], base, kind="measure"),
        _table(_("Complaints whose survivor was informed of the outcome"), _("Status"),
               _informed(now.metrics.get("survivors_informed_of_outcome")),
               ["informed", "not_informed", "no_conclusion"], base),
        _table(_("Complaints of the period by time open at the end of their quarter, "
                 "closures as of {day}").format(
                   day=formatting.format_date(read_on) if read_on else "—"),
               _("Time open"),
               _metric_parts(now.metrics.get("open_cases_by_age"), (*AGE_BANDS, "closed")),
               [*AGE_BANDS, "closed"], base),
    ]
    median = now.metrics.get("median_days_to_entity_referral")
    days_shown = median.value if median is not None and not median.withheld else None
    return {
        "quarters": figures.quarters,
        "tables": tables,
        "referral": {
            "share": (share := _share(referral["in_time"], referred, base)),
            "share_shown": share.endswith("%"),  # else said after its name, not before "of…"
            "share_name": _("Complaints referred to the entity concerned within {deadline}, "
                            "of those referred").format(deadline=days_text(days)),
            "days": days,
            "deadline": days_text(days),
            "median": (days_text(days_shown) if days_shown is not None  # none published is
                       else _("withheld (it could give small counts away)")),  # 0 to 4, not 0
            "median_shown": days_shown is not None,
            "median_name": _("Median time from reception to referral to the entity"),
        },
        "services": _services(figures),
        "sex_age": {"title": _("SOP deadlines by sex and age group of the survivor")},
    }
