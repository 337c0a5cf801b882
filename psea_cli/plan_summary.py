"""The plan as a plain tree with budget totals, for ``psea plan`` and the report."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from psea_cli.i18n import current_language
from psea_cli.models.plan import Activity, Plan, target_direction

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset


def actor_names(dataset: Dataset) -> dict[str, str]:
    """{id: the words a reader knows the actor by}: a group's name as the plan writes it (its
    ``name_en`` in English, when given), an
    organisation's acronym (or its name). Ids are for files and JSON, never for a reader."""
    names = {o.value.id: o.value.acronym or o.value.name for o in dataset.organisations}
    if dataset.network is not None:
        english = current_language() == "en"
        names.update({g.id: g.name_en if english and g.name_en else g.name
                      for g in dataset.network.groups})
    return names


def period_text(activity: Activity) -> str:
    p = activity.period
    if p.text:
        return p.text
    if p.start and p.end:
        return f"{p.start.isoformat()} – {p.end.isoformat()}"
    return ""


def _activity(activity: Activity, names: Mapping[str, str]) -> dict[str, Any]:
    budget = activity.budget
    return {
        "id": activity.id,
        "title": activity.title,
        "title_en": activity.title_en,
        "responsible": list(activity.responsible),
        "responsible_names": [names.get(i, i) for i in activity.responsible],
        "responsible_text": activity.responsible_text,
        "period": period_text(activity),
        "start": activity.period.start.isoformat() if activity.period.start else None,
        "end": activity.period.end.isoformat() if activity.period.end else None,
        "recurrence": activity.period.recurrence,
        "budget": {
            "amount_usd": budget.amount_usd if budget else None,
            "funded_elsewhere": budget.funded_elsewhere if budget else None,
            "funded_elsewhere_en": budget.funded_elsewhere_en if budget else None,
        },
        "indicators": [
            {"id": i.id, "text": i.text, "text_en": i.text_en, "unit": i.unit,
             "measured_by": i.measured_by, "targets": dict(i.targets),
             "target_direction": target_direction(i.unit)}
            for i in activity.indicators
        ],
    }


def _totals(activities: list[Activity]) -> dict[str, Any]:
    return {
        "activities": len(activities),
        "indicators": sum(len(a.indicators) for a in activities),
        "budget_usd": sum((a.budget.amount_usd or 0) for a in activities if a.budget),
        "funded_elsewhere": sum(1 for a in activities if a.budget and a.budget.funded_elsewhere),
    }


def plan_tree(plan: Plan, names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """``{"plan": {... results → sub_results → activities}, "totals": {...}}``.

    ``names`` ({id: name}, see ``actor_names``) gives each activity's ``responsible_names``
    beside the ids of ``responsible``; an id it does not know is kept as written."""
    names = names or {}
    results = []
    for result in plan.results:
        subs = []
        for sub in result.sub_results:
            subs.append({"id": sub.id, "title": sub.title, "title_en": sub.title_en,
                         "activities": [_activity(a, names) for a in sub.activities],
                         "totals": _totals(sub.activities)})
        activities = [a for s in result.sub_results for a in s.activities]
        results.append({"id": result.id, "title": result.title, "title_en": result.title_en,
                        "sub_results": subs, "totals": _totals(activities)})
    all_activities = [a for _, _, a in plan.activities()]
    totals = _totals(all_activities)
    totals["stated_total_usd"] = plan.stated_total_usd
    return {
        "plan": {"id": plan.id, "title": plan.title, "title_en": plan.title_en,
                 "start": plan.start.isoformat(), "end": plan.end.isoformat(),
                 "results": results},
        "totals": totals,
    }
