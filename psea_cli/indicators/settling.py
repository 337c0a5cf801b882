"""Every quarter a report reads, settled at once before its figures are made: in forked
worker processes on a large network (each quarter's readings are its own work, ``quarters``;
not on the very largest, where the workers' copies of the records would cost too much memory),
so that the five semesters of a report's trends do not wait on one processor.

    quarters: QuarterCache = {}
    settle(dataset, [period, period.previous(), ...], as_of, bundles, quarters)
    publish(dataset, period, as_of, cache=quarters)   # reads them from the cache

The figures are the same wherever they were made: each quarter is read by the same code on the
same records (a worker inherits them by fork); only the finished quarters come back. Where
fork is unavailable, or the network small, they are settled here, one after the other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from psea_cli import forked
from psea_cli.disclosure import threshold_of
from psea_cli.indicators.quarters import QuarterCache, by_quarter, settled_quarter, shared_day

if TYPE_CHECKING:
    from psea_cli import periods
    from psea_cli.dataset import Dataset, Located, PlanBundle
    from psea_cli.models import Case

PARALLEL_FROM = 3000
"""Cases in the quarters to settle from which workers are started: below, forking the
process costs more than it saves."""
PARALLEL_UNTIL = 50_000
"""Cases from which the quarters are settled here again: each worker copies the memory pages
of the records it reads (Python's reference counts write to every object read), so at
100,000 cases the report's processes took 1.4 GB together against 0.8 GB settled here, for
2.3 s more (docs/performance.md)."""


def settle(dataset: Dataset, shown: Sequence[periods.Period], as_of: dt.date,
           bundles: tuple[PlanBundle, ...], cache: QuarterCache, *,
           parallel: bool | None = None) -> None:
    """Put in ``cache`` every quarter of ``shown`` that ``publish(..., as_of)`` counts, as it
    would read them; ``parallel`` forces workers on (or off) whatever the network's size."""
    with begin(dataset, shown, as_of, bundles, cache, parallel=parallel) as settling:
        settling.finish()


class Settling:
    """Quarters being settled (``begin``): ``finish`` puts them in the cache; leaving the
    ``with`` block ends the workers, finished or not."""

    def __init__(self, cache: QuarterCache,
                 started: forked.Started[Any, QuarterCache] | None) -> None:
        self.cache, self.started = cache, started

    def finish(self) -> QuarterCache:
        """The cache, with every quarter begun (waits for the workers)."""
        if self.started is not None:
            for found in self.started:
                self.cache.update(found)
            self.started = None
        return self.cache

    def __enter__(self) -> Settling:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.started is not None:
            self.started.close()


def begin(dataset: Dataset, shown: Sequence[periods.Period], as_of: dt.date,
          bundles: tuple[PlanBundle, ...], cache: QuarterCache, *,
          parallel: bool | None = None) -> Settling:
    """``settle``, with the workers forked now and the quarters put in ``cache`` only at
    ``finish``: the caller does something else meanwhile (the records must not change)."""
    day = shared_day(as_of)
    wanted: dict[str, periods.Period] = {}
    for period in shown:
        for quarter in period.quarters():
            if quarter.end <= day and (quarter.key, day) not in cache:
                wanted.setdefault(quarter.key, quarter)
    if not wanted:
        return Settling(cache, None)
    cases = by_quarter(dataset, day)
    work = sorted(((q, cases.get(key, [])) for key, q in wanted.items()),
                  key=lambda item: -len(item[1]) * _readings_weight(item[0], day))
    base = threshold_of(dataset.network)

    def one(item: tuple[periods.Period, list[Located[Case]]]) -> QuarterCache:
        quarter, located = item
        found: QuarterCache = {}
        found[(quarter.key, day)] = settled_quarter(dataset, located, quarter, day, bundles,
                                                    base, found)
        return found

    size = sum(len(located) for _q, located in work)
    return Settling(cache, forked.Started(
        one, work, parallel=PARALLEL_FROM <= size < PARALLEL_UNTIL if parallel is None
        else parallel, shares_per_worker=len(work)))


def _readings_weight(quarter: periods.Period, day: dt.date) -> int:
    """How many quarters lie between ``quarter`` and ``day``, plus one: an older quarter is
    read more often, so it is handed out first."""
    return 1 + max(0, (day - quarter.end).days // 91)
