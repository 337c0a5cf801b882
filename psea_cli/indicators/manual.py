"""Manual indicators: the value a focal point recorded in a progress file.

The value of indicator ``2.1-a`` for period ``2020-S2`` is the one written under
``indicators: "2.1-a":`` in ``data/plan/<plan>/progress/2020-S2.yaml``. When no progress file
has that exact period (a year, say), the latest progress file inside the period that records
the indicator is used, and the result names it (``recorded_period``). Nothing recorded means
no data: a missing value is never taken as zero.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from psea_cli import periods
from psea_cli.indicators.values import percent

if TYPE_CHECKING:
    from psea_cli.dataset import PlanBundle
    from psea_cli.models.progress import IndicatorRecord


@dataclasses.dataclass(frozen=True)
class ManualValue:
    value: float | bool | str | None
    numerator: int | None
    denominator: int | None
    source: str | None
    recorded_period: str | None
    date: dt.date | None = None


NOTHING = ManualValue(None, None, None, None, None)


def find_record(bundle: PlanBundle, indicator_id: str,
                period: periods.Period) -> tuple[str, IndicatorRecord] | None:
    """The record for ``period``: its own progress file first, else the latest one inside it."""
    exact = bundle.progress.get(period.key)
    if exact is not None and indicator_id in exact.value.indicators:
        return period.key, exact.value.indicators[indicator_id]
    inside: list[tuple[dt.date, int, str]] = []
    for key, located in bundle.progress.items():
        if key == period.key or indicator_id not in located.value.indicators:
            continue
        try:
            recorded = periods.parse(key)
        except ValueError:
            continue
        if recorded.within(period):
            inside.append((recorded.end, -recorded.start.toordinal(), key))
    if not inside:
        return None
    key = max(inside)[2]
    return key, bundle.progress[key].value.indicators[indicator_id]


def read_value(unit: str, record: IndicatorRecord) -> tuple[float | bool | str | None,
                                                           int | None, int | None]:
    """(value, numerator, denominator) of a record, read as the indicator's unit asks."""
    number = record.value if not isinstance(record.value, bool) else None
    if unit == "percent":
        if record.numerator is not None and record.denominator is not None:
            return percent(record.numerator, record.denominator), record.numerator, \
                record.denominator
        return number, None, None
    if unit in ("count", "amount"):
        return number, None, None
    if unit == "milestone":
        return record.status, None, None
    if unit == "boolean":
        return (record.value if isinstance(record.value, bool) else None), None, None
    return record.level, None, None


def manual_value(bundle: PlanBundle, indicator_id: str, unit: str,
                 period: periods.Period) -> ManualValue:
    found = find_record(bundle, indicator_id, period)
    if found is None:
        return NOTHING
    key, record = found
    value, numerator, denominator = read_value(unit, record)
    return ManualValue(value, numerator, denominator, record.source, key,
                       record.date if unit == "milestone" else None)
