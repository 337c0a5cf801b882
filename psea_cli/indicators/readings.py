"""A quarter read again later: the figures its records did not change keep the value they
were published with.

A quarter's figures are published more than once: the quarterly report made in October reads
2020-Q3 on 30 September, the semester's report made in January reads it on 31 December. In
between, what happened after a complaint was recorded (an investigation concluded in
November moves a complaint of the quarter from "pending" to "substantiated"). Rounded afresh,
every part of that split could change, not only the two that did: "unsubstantiated" shown
`<5` in October and 5 in January, its count the same, would be narrowed to 1–4 by anyone
holding both reports.

So a quarter is read at its own last day first, then again at the end of each later quarter
in which one of its records had an event, up to the day asked for; each reading rounds with
a ``Rounder`` that keeps, for every cell whose count is the same as at the reading before,
the value it was published with, and rounds only the cells that changed, to what is left of
the total (``controlled_round`` on them, drawn from the same cell keys). What only rises as
events come (late, referred) is never published lower than at the reading before, what only
falls (pending) never higher (``Moves``): a reader knows which way they go, and "late" 10 in
October, 5 in January would leave 6 to 8, then 7 to 9. When the changed cells cannot make up
what is left that way (rare: many cells changed at once), the split is rounded afresh
(``Rounder.afresh``) and the quarter keeps its earlier reading (``quarters``).

    days, moved = reading_days(quarter, records, day)  # quarter end, ..., the day's reading
    rounder = Rounder(base, seed, earlier_reading)
    parts = rounder.split(cells, total, family)      # instead of controlled_round
    rounder.reading                                  # for the next reading
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from psea_cli import periods
from psea_cli.indicators.rounding import NO_ENTITY, Parts, Sums, controlled_round

if TYPE_CHECKING:
    from psea_cli.models import Case

Reading = dict[str, list[tuple[Parts, Parts]]]
"""A quarter's rounding at one reading: for each family of cells (its name and its keys), in
the order they were rounded, (the true cells, their published values)."""


def reading_days(quarter: periods.Period, records: Iterable[Case], day: dt.date,
                 pending_days: int = 0) -> tuple[list[dt.date], list[set[int]]]:
    """The days a quarter is read on to reach its reading of ``day`` (a quarter's end, on or
    after the quarter's): its own last day, then the end of each later quarter in which one
    of its ``records`` had an event, up to ``day``; and for each, the records (by ``id``)
    with an event since the reading before, the only ones whose facts have to be read
    again. A record received in the quarter's last ``pending_days`` days may be *pending* on
    its last day (not yet answered, still in time): time alone moves it on, to late when
    nothing came, so the quarter is read again at the end of the quarter its time runs out
    in, with no record to read again (a complaint never answered read "pending" for ever)."""
    moved: dict[dt.date, set[int]] = {}
    end = quarter.end
    for case in records:
        for event in case.events:
            when = event.day
            if end < when <= day:
                moved.setdefault(_quarter_end(when), set()).add(id(case))
        received: dt.date | None = getattr(case, "received_day", None)
        if received is not None and pending_days:
            runs_out = received + dt.timedelta(days=pending_days)
            if end < runs_out <= day:
                moved.setdefault(_quarter_end(runs_out), set())
    later = sorted(moved)
    return [end, *later], [set(), *(moved[when] for when in later)]


def _quarter_end(when: dt.date) -> dt.date:
    last = _QUARTER_LAST[when.month]
    return dt.date(when.year, last[0], last[1])


_QUARTER_LAST = {month: ((month - 1) // 3 * 3 + 3, 31 if month in (1, 2, 3, 10, 11, 12) else 30)
                 for month in range(1, 13)}
"""The month and day a quarter ends on, for each month of the year (31 March, 30 June, 30
September, 31 December)."""


def _family(name: str, cells: Mapping[str, int]) -> str:
    return name + "\0" + "\0".join(cells)


Moves = tuple[tuple[tuple[str, ...], int], ...]
"""Cells (or sums of cells) of a split whose count only rises (1) or only falls (-1) as events
come, whatever they are: "pending" only falls, "late" only rises (``Layout.moves``)."""


class Rounder:
    """Rounds one reading of a quarter's cells (``controlled_round``), keeping the values of
    the cells its ``earlier`` reading had with the same counts, and moving the published
    value of what only rises or falls only that way."""

    def __init__(self, base: int, seed: bytes, earlier: Reading | None = None) -> None:
        self.base, self.seed = base, seed
        self.earlier: Reading = earlier or {}
        self.reading: Reading = {}
        self.moves: dict[str, Moves] = {}
        """The moves of each family of ``reading`` (what ``psea audit`` checks)."""
        self.afresh: list[str] = []
        """The families rounded afresh: keeping the values of the cells whose counts did not
        change, and no published value moving against its ``moves``, was impossible."""

    def split(self, cells: Mapping[str, int], total: int, family: str,
              moves: Moves = (), above_zero: Sequence[str] = (),
              at_least: Sequence[tuple[tuple[str, ...], int]] = ()) -> Parts:
        """``cells`` rounded to multiples of the base that add up to ``total``. A cell of
        ``above_zero`` that is not 0 is not published 0 when a neighbour of its count allows
        it: another published figure tells the reader it is not 0, and 0 then meant 1 to
        base - 1 (``partitions``). Each sum of cells of ``at_least`` is published no less
        than its number when the counts allow it: it holds at least what another published
        figure counts (``layouts.containments``)."""
        key = _family(family, cells)
        done = self.reading.setdefault(key, [])
        self.moves[key] = moves
        before = self.earlier.get(key, [])
        earlier = before[len(done)] if len(done) < len(before) else None
        floors = {k: (self.base, total) for k in above_zero if cells.get(k, 0) > 0}
        need = [(keys, least, total) for keys, least in at_least if least > 0]
        rounded = self._stable(cells, total, family, earlier, moves, floors, need)
        done.append((dict(cells), dict(rounded)))  # the caller may add to what it is given
        return rounded

    def entity(self, known: int, no_entity: int, total: int) -> Parts:
        """``rounding.entity_round``, read after read like any split."""
        return self.split({"known": known, NO_ENTITY: no_entity}, total, "entity")

    def _stable(self, cells: Mapping[str, int], total: int, family: str,
                earlier: tuple[Parts, Parts] | None, moves: Moves,
                floors: Mapping[str, tuple[int, int]], need: Sums) -> Parts:
        """The first rounding that keeps, in this order of preference: the earlier reading's
        values and moves, the floors, the sums of ``need``; what cannot be kept is let go
        (``psea audit`` then says what it leaves narrowed)."""
        if earlier is not None:
            counts, shown = earlier
            kept = {k: (shown[k], shown[k]) for k, n in cells.items()
                    if counts.get(k) == n and k in shown}
            ways = _ways(moves, shown, total)
            for bounds in (_both(kept, floors), kept) if floors else (kept,):
                for sums in ([*ways, *need], ways) if need else (ways,):
                    with contextlib.suppress(ValueError):
                        return controlled_round(cells, total, self.base, self.seed, family,
                                                bounds, sums)
            self.afresh.append(family)
        for fresh_bounds in (floors, {}) if floors else ({},):
            for fresh_sums in (need, ()) if need else ((),):
                with contextlib.suppress(ValueError):
                    return controlled_round(cells, total, self.base, self.seed, family,
                                            fresh_bounds, fresh_sums)
        return controlled_round(cells, total, self.base, self.seed, family)


def _both(first: Mapping[str, tuple[int, int]], second: Mapping[str, tuple[int, int]]
          ) -> dict[str, tuple[int, int]]:
    """Bounds that keep both ``first`` and ``second``."""
    found = dict(first)
    for key, (least, greatest) in second.items():
        low, high = found.get(key, (least, greatest))
        found[key] = (max(low, least), min(high, greatest))
    return found


def _ways(moves: Moves, shown: Parts, total: int) -> list[tuple[tuple[str, ...], int, int]]:
    """What ``moves`` leave the published sums of their cells: no less than before for what
    only rises, no more for what only falls. Without it, late 10 in October and 5 in January
    (its count only rose) leave 6 to 8 and 7 to 9."""
    found = []
    for keys, way in moves:
        before = sum(shown.get(key, 0) for key in keys)
        found.append((keys, before, total) if way > 0 else (keys, 0, before))
    return found
