"""Metrics computed from the action plan itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from psea_cli.indicators.values import Measure

if TYPE_CHECKING:
    from psea_cli.indicators.context import MeasureContext

TOLERANCE_USD = 0.5


def plan_budgeted(ctx: MeasureContext) -> Measure:
    """Whether the plan is budgeted: its activities' amounts add up to the stated total.

    The value is the sum of the activities' numeric budgets (``amount_usd``) of the plans
    covering the period. Met when, in every one of these plans that states a total, the
    amounts add up to it (to the half dollar); unknown when no plan states a total. The
    budget lines funded elsewhere ("Voir Sous-Cluster VBG") are listed in the details, since
    they are not amounts.
    """
    total = 0.0
    balanced: list[bool] = []
    elsewhere: list[str] = []
    stated = 0.0
    for bundle in ctx.plans:
        plan = bundle.plan.value
        amounts = 0.0
        for _, _, activity in plan.activities():
            if activity.budget is None:
                continue
            amounts += activity.budget.amount_usd or 0.0
            if activity.budget.funded_elsewhere:
                elsewhere.append(f"{activity.id}: {activity.budget.funded_elsewhere}")
        total += amounts
        if plan.stated_total_usd is not None:
            stated += plan.stated_total_usd
            balanced.append(abs(amounts - plan.stated_total_usd) <= TOLERANCE_USD)
    met = all(balanced) if balanced else None
    return Measure(total, details={"stated_total_usd": stated if balanced else None,
                                   "funded_elsewhere": elsewhere}, met=met)
