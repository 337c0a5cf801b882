"""Targets and status: is an indicator's value where the plan wants it for the period?

The target for a period is the one written under the period's own key (``2021-S2``), else
under its year (``2021``): a yearly target applies to each of the year's semesters and
quarters. The status is:

* ``no_data`` when there is no value (nothing recorded, or a percentage of nothing);
* ``no_target`` when the plan sets no target for the period (or one that cannot be compared);
* ``on_track`` when the value reaches the target, else ``behind``. For a count, a percentage
  or an amount: value ≥ target. For a delay (unit ``days``, a median number of days): value ≤
  target, since a shorter delay is better (``direction``). For a milestone: its status is
  at least the target's (``done`` reaches every target). For a yes/no indicator: the value
  is yes. For a qualitative level (0–3): level ≥ target.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from psea_cli.models.plan import AT_LEAST, AT_MOST
from psea_cli.models.plan import target_direction as direction

__all__ = ["AT_LEAST", "AT_MOST", "direction", "status", "target_for"]

if TYPE_CHECKING:
    from psea_cli.models.plan import Indicator
    from psea_cli.periods import Period

MILESTONE_ORDER = ("not_started", "in_progress", "done")
Value = float | bool | str | None


def target_for(indicator: Indicator, period: Period) -> Value:
    """The indicator's target for ``period``: its own key, else its year's."""
    targets = indicator.targets
    if period.key in targets:
        return targets[period.key]
    year = str(period.start.year)
    if period.kind in ("quarter", "semester") and year in targets:
        return targets[year]
    return None


def _number(value: Value) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(value)
    except ValueError:
        return None


def _milestone_rank(value: Value) -> int | None:
    if value is True:
        return len(MILESTONE_ORDER) - 1
    if isinstance(value, str) and value in MILESTONE_ORDER:
        return MILESTONE_ORDER.index(value)
    return None


def status(unit: str, value: Value, target: Value) -> str:
    """on_track, behind, no_target or no_data (rules in the module docstring)."""
    if value is None:
        return "no_data"
    if target is None:
        return "no_target"
    if unit == "milestone":
        reached, wanted = _milestone_rank(value), _milestone_rank(target)
        if wanted is None or reached is None:
            return "no_target" if wanted is None else "behind"
        return "on_track" if reached >= wanted else "behind"
    if unit == "boolean":
        return "on_track" if value is True else "behind"
    have, want = _number(value), _number(target)
    if want is None:
        return "no_target"
    if have is None:
        return "no_data"
    if direction(unit) == AT_MOST:
        return "on_track" if have <= want else "behind"
    return "on_track" if have >= want else "behind"
