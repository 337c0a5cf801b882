"""The plan as a plain tree with budget totals, for ``psea plan`` and the report."""

from __future__ import annotations

from typing import Any

from psea_cli.models.plan import Activity, Plan


def period_text(activity: Activity) -> str:
    p = activity.period
    if p.text:
        return p.text
    if p.start and p.end:
        return f"{p.start.isoformat()} – {p.end.isoformat()}"
    return ""


def _activity(activity: Activity) -> dict[str, Any]:
    budget = activity.budget
    return {
        "id": activity.id,
        "title": activity.title,
        "title_en": activity.title_en,
        "responsible": list(activity.responsible),
        "period": period_text(activity),
        "start": activity.period.start.isoformat() if activity.period.start else None,
        "end": activity.period.end.isoformat() if activity.period.end else None,
        "recurrence": activity.period.recurrence,
        "budget": {
            "amount_usd": budget.amount_usd if budget else None,
            "funded_elsewhere": budget.funded_elsewhere if budget else None,
        },
        "indicators": [
            {"id": i.id, "text": i.text, "text_en": i.text_en, "unit": i.unit,
             "measured_by": i.measured_by}
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


def plan_tree(plan: Plan) -> dict[str, Any]:
    """``{"plan": {... results → sub_results → activities}, "totals": {...}}``."""
    results = []
    for result in plan.results:
        subs = []
        for sub in result.sub_results:
            subs.append({"id": sub.id, "title": sub.title, "title_en": sub.title_en,
                         "activities": [_activity(a) for a in sub.activities],
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
