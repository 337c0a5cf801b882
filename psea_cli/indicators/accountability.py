"""What happened after each complaint, as the semester report shares it, beside the shared
view's own metrics: the category of the alleged perpetrator, the measures the entity took and
the assistance by service type. (The referral to the concerned entity, investigations, the
time complaints stay open, the survivors informed of the outcome and the median days to the
referral are the shared view's metrics, ``indicators.shared``: one figure is never rounded
twice, and nested figures come from one rounding.)

Every figure here is published the same way: in each calendar quarter, a *partition* puts every
shared case of the quarter in exactly one part, every part listed even when empty
(``partitions``); the parts are rounded in the quarter's reading with its case metrics
(``quarters``: the same cell-key controlled rounding, the same reading days, held together),
to multiples of the threshold adding up to the quarter's published total, and a period's
figure is the sum of its quarters'. So a part is a multiple of the threshold, a table's total
is a published total, and nothing here is a raw count.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from psea_cli import periods
from psea_cli.disclosure import threshold_of
from psea_cli.indicators.compute import covering_plans
from psea_cli.indicators.published import published_file
from psea_cli.indicators.quarters import QuarterCache, settled_quarters, shared_day
from psea_cli.indicators.rounding import Parts

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset


@dataclasses.dataclass(frozen=True)
class Accountability:
    """Published parts per partition, summed over the period's counted quarters."""

    parts: dict[str, Parts]
    quarters: tuple[str, ...]
    base: int


def _add(into: dict[str, Parts], more: dict[str, Parts]) -> None:
    for name, parts in more.items():
        target = into.setdefault(name, {})
        for key, n in parts.items():
            target[key] = target.get(key, 0) + n


def published_accountability(dataset: Dataset, period: periods.Period,
                             base: int) -> Accountability | None:
    """The published accountability figures to share for ``period`` (an ``Accountability``)
    instead of the records', from the same file as ``published_for`` (``published_file``)."""
    located = published_file(dataset, period, base)
    after = located.value.accountability if located is not None else None
    if after is None:
        return None
    return Accountability({k: dict(v) for k, v in after.parts.items()
                           if k in ("category", "measures") or k.startswith("service/")},
                          tuple(after.quarters), after.base)


def accountability(dataset: Dataset, period: periods.Period, as_of: dt.date,
                   cache: QuarterCache | None = None) -> Accountability:
    """The accountability figures of ``period``: the sum of its counted quarters' partitions,
    each quarter as of the reading its case figures are (``Quarter.accountability``).
    ``cache`` is the one given to ``shared.publish`` for the same day, if any: the quarters
    it holds are not read again."""
    base = threshold_of(dataset.network)
    from_file = published_accountability(dataset, period, base)
    if from_file is not None:  # some records cannot be read here: the key holders' figures
        return from_file
    day = shared_day(as_of)  # the shared view's day: the same as the report's other case figures
    counted = [q for q in period.quarters() if q.end <= day  # never over a part of the
               and not dataset.sealed_cases and not dataset.left_out_of_figures()  # records
               and not dataset.store_absent]
    parts: dict[str, Parts] = {}
    if counted:
        quarters = settled_quarters(dataset, counted, day, tuple(covering_plans(dataset, period)),
                                    base, {} if cache is None else cache)
        for _key, quarter in quarters:
            _add(parts, quarter.accountability)
    return Accountability(parts, tuple(q.key for q in counted), base)
