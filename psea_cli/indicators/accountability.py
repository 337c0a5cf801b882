"""What happened after each complaint, as the semester report shares it, beside the shared
view's own metrics: the category of the alleged perpetrator, the measures the entity took and
the assistance by service type. (The referral to the concerned entity, investigations, the
time complaints stay open, the survivors informed of the outcome and the median days to the
referral are the shared view's metrics, ``indicators.shared``: one figure is never rounded
twice, and nested figures come from one rounding.)

Every figure here is published the same way: in each calendar quarter, a *partition* puts every
shared case of the quarter in exactly one part, every part listed even when empty
(``Partition``); the parts are rounded by the shared view's cell-key controlled rounding
(``indicators.rounding``), to multiples of the threshold adding up to the quarter's published
total, and a period's figure is the sum of its quarters'. So a part is a multiple of the
threshold, a table's total is a published total, and nothing here is a raw count.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from psea_cli import periods
from psea_cli.cases.vocabulary import MEASURES, PERPETRATOR_CATEGORIES
from psea_cli.disclosure import threshold_of
from psea_cli.indicators.context import has_entity
from psea_cli.indicators.quarters import shared_case, shared_day
from psea_cli.indicators.readings import Moves, Reading, Rounder, reading_days
from psea_cli.indicators.rounding import (
    NO_ENTITY,
    Parts,
    cell_draw,
    cell_seed,
    round_count,
)
from psea_cli.models.service import SERVICE_TYPES

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset
    from psea_cli.models import Case


def _measure(case: Case, day: dt.date) -> str:
    taken = [e for e in case.events if e.kind == "measures_taken" and e.day <= day]
    if not taken:
        return "not_recorded"
    return str(max(taken, key=lambda e: e.day).measure or "other")


def _service(kind: str) -> Callable[[Case, dt.date], str]:
    def part(case: Case, day: dt.date) -> str:
        found = any(e.kind == "assistance_referred" and e.service == kind and e.day <= day
                    for e in case.events)
        return "referred" if found else "not_referred"
    return part


@dataclasses.dataclass(frozen=True)
class Accountability:
    """Published parts per partition, summed over the period's counted quarters."""

    parts: dict[str, Parts]
    quarters: tuple[str, ...]
    base: int


Partition = tuple[Callable[["Case", dt.date], str], tuple[str, ...], Moves]
"""How a partition puts a case in its part, every part it has, and what only rises or falls
as events come (``readings.Moves``): each part is listed, 0 included, so that a missing row
never says 0 and ``<5`` always means 0 to 4."""


def _cells(cases: list[Case], day: dt.date, name: str, partition: Partition) -> Parts:
    part, keys, _moves = partition
    counts = Counter(part(c, day) for c in cases)
    cells = {key: counts.pop(key, 0) for key in keys}
    if counts:  # a part the list lacks: an error of psea's, never shown half
        raise ValueError(f"accountability/{name}: parts {sorted(counts)} are not listed")
    return cells


Taken = tuple[dict[str, Parts], Rounder, dt.date]
"""A reading of a quarter that was taken: its published parts, how they were rounded, its day."""


def _settled(cases: list[Case], quarter: periods.Period, day: dt.date, base: int,
             partitions: dict[str, Partition]) -> tuple[list[Taken], dt.date | None]:
    """The readings of the quarter taken up to ``day`` (the last is what is published): read
    again at each later quarter's end where one of its records had an event, keeping the
    cells whose counts did not change (``readings``), as the other case figures are; with the
    day of the reading it keeps when a later one could not be taken (else None)."""
    taken: list[Taken] = []
    held: dt.date | None = None
    for when in reading_days(quarter, [e.day for c in cases for e in c.events], day):
        published, rounder = _publish(cases, quarter, when, base, partitions,
                                      taken[-1][1].reading if taken else None)
        if taken and rounder.afresh:
            held = taken[-1][2]
            continue
        taken.append((published, rounder, when))
        held = None
    return taken, held


def _publish(cases: list[Case], quarter: periods.Period, day: dt.date, base: int,
             partitions: dict[str, Partition], earlier: Reading | None
             ) -> tuple[dict[str, Parts], Rounder]:
    ids = [c.id for c in cases]
    seed = cell_seed(ids, quarter.key)
    total = round_count(len(ids), base, cell_draw(seed, "total"))  # the shared view's own total
    rounder = Rounder(base, seed, earlier)
    published = {"category": _categories(cases, day, total, rounder)}
    for name, partition in partitions.items():
        published[name] = rounder.split(_cells(cases, day, name, partition), total,
                                        f"accountability/{name}", partition[2])
    return published, rounder


_CATEGORY: Partition = (lambda c, _d: c.perpetrator.category, PERPETRATOR_CATEGORIES, ())


def _categories(cases: list[Case], day: dt.date, total: int, rounder: Rounder) -> Parts:
    """The perpetrator's categories, split within the cases with an entity known as the
    shared view rounds them (``rounding.entity_round``); the cases without one, all of the
    category ``other_unknown``, are the referral indicator's own published figure."""
    known = [c for c in cases if has_entity(c)]
    outer = rounder.entity(len(known), len(cases) - len(known), total)
    inner = rounder.split(_cells(known, day, "category", _CATEGORY), outer["known"],
                          "accountability/category")
    return {**inner, "other_unknown": inner["other_unknown"] + outer[NO_ENTITY]}


def _add(into: dict[str, Parts], more: dict[str, Parts]) -> None:
    for name, parts in more.items():
        target = into.setdefault(name, {})
        for key, n in parts.items():
            target[key] = target.get(key, 0) + n


def published_accountability(dataset: Dataset, period: periods.Period,
                             base: int) -> Accountability | None:
    """The published accountability figures to share for ``period`` (an ``Accountability``)
    instead of the records', on the same terms as ``published_for``."""
    if not dataset.sealed_cases:
        return None
    for located in dataset.published:
        figures = located.value
        after = figures.accountability
        if figures.period == period.key and after is not None and after.base >= base:
            return Accountability({k: dict(v) for k, v in after.parts.items()
                                   if k in ("category", "measures") or k.startswith("service/")},
                                  tuple(after.quarters), after.base)
    return None


def accountability(dataset: Dataset, period: periods.Period, as_of: dt.date) -> Accountability:
    network = dataset.network
    base = threshold_of(network)
    from_file = published_accountability(dataset, period, base)
    if from_file is not None:  # some records cannot be read here: the key holders' figures
        return from_file
    day = shared_day(as_of)  # the shared view's day: the same as the report's other case figures
    counted = [q for q in period.quarters() if q.end <= day]
    parts: dict[str, Parts] = {}
    for quarter in counted:
        taken, _kept_from = _quarter(dataset, quarter, day)
        _add(parts, taken[-1][0])
    return Accountability(parts, tuple(q.key for q in counted), base)


_PARTITIONS: dict[str, Partition] = {  # and the categories (``_categories``)
    "measures": (_measure, ("not_recorded", *MEASURES), ((("not_recorded",), -1),)),
    **{f"service/{kind}": (_service(kind), ("referred", "not_referred"),
                           ((("referred",), 1), (("not_referred",), -1)))
       for kind in SERVICE_TYPES},
}


def _quarter(dataset: Dataset, quarter: periods.Period, day: dt.date
             ) -> tuple[list[Taken], dt.date | None]:
    cases = [c.value for c in dataset.cases
             if shared_case(c.value) and c.value.received_day in quarter]
    return _settled(cases, quarter, day, threshold_of(dataset.network), _PARTITIONS)


def accountability_readings(dataset: Dataset, quarter: periods.Period, day: dt.date
                            ) -> list[tuple[dt.date, Rounder]]:
    """Each reading of ``quarter``'s accountability figures taken up to ``day``, with how it
    was rounded: what ``psea audit`` checks, as ``quarters.quarter_readings``."""
    return [(when, rounder) for _parts, rounder, when in _quarter(dataset, quarter, day)[0]]
