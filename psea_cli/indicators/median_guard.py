"""What a median of days from reception says beyond its value, and when that is already said.

Half the cases a median counts took its number of days at least: each was received that many
days before the day its quarter was read. Two things follow that the counts beside it may not
say:

* **how old they are** (``ages_said``): a median of 65 days read on a quarter's last day said
  that half its cases came more than 60 days before, so were open for more than 60 days or
  closed: beside "open for more than 60 days: <5" and "closed: <5", 2 to 4 each;
* **which quarters they came from** (``quarters_said``): over a semester read on 31 December,
  a median of 101 days to the conclusion said that half the cases came from the 3rd quarter,
  since no case of the 4th can be more than 92 days old; beside 3rd quarter "5" (1 to 9) and
  4th quarter "10" (6 to 14), 6 to 9 each.

Both are judged from the published figures alone, for any value the median may take: a median
withheld when it is large would say that it is large.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from psea_cli import periods
from psea_cli.indicators.layouts import AGED, Parts

if TYPE_CHECKING:
    import datetime as dt

    from psea_cli.indicators.quarters import Quarter

Shown = tuple[str, "Quarter", list[int], Parts, "dt.date"]
"""A quarter a median counts: its key, its published figures, the days of its cases, the
published parts of the median's population, the day those days were read on."""


def stands_for(published: Sequence[Parts], parts: tuple[str, ...], base: int
               ) -> tuple[int, int]:
    """The fewest and the most cases the ``parts`` of ``published`` (a median's readings of
    its quarters, ``Quarter.medians``) can stand for: a published ``r`` stands for
    ``r - (base - 1)`` (not below 0) to ``r + (base - 1)``."""
    shown = [found.get(part, 0) for found in published for part in parts]
    return sum(max(0, r - (base - 1)) for r in shown), sum(r + base - 1 for r in shown)


def ages_said(shows: Sequence[Shown], parts: tuple[str, ...], base: int) -> bool:
    """Whether the parts that hold a quarter's old complaints (``layouts.AGED``: open for more
    than 60 days or closed, no longer pending), at the reading of each quarter where they can
    stand for fewest cases (``Quarter.aged``), can stand for half of the median's published
    cases with ``base - 1`` to spare: then no part of them is narrowed to fewer than ``base``
    values, whatever the median's value."""
    half = (sum(shown.get(p, 0) for _k, _q, _d, shown, _r in shows for p in parts) + 1) // 2
    return all(sum(quarter.aged[metric] for _k, quarter, _d, _s, _r in shows) - (base - 1)
               >= half for metric in AGED)


def quarters_said(shows: Sequence[Shown], parts: tuple[str, ...], base: int) -> bool:
    """Whether, for every value the median may take, saying that half its cases came from the
    quarters old enough to hold them narrows no quarter's count to fewer than ``base``
    values. A median of ``m`` days past what the younger quarters can hold (a case of a
    quarter read on ``day`` is at most ``day`` minus its first day old) says that the older
    ones hold half the cases: the most the older ones can stand for must exceed the fewest the
    younger ones can by ``base - 1`` (then neither side is narrowed below ``base`` values)."""
    oldest = {key: (day - periods.parse(key).start).days for key, _q, _d, _s, day in shows}
    by_age = sorted(shows, key=lambda s: oldest[s[0]], reverse=True)
    for split in range(1, len(by_age)):
        if oldest[by_age[split][0]] == oldest[by_age[split - 1][0]]:
            continue  # as old as each other: a median holds as many days in either
        older, younger = by_age[:split], by_age[split:]
        if sum(_most(q, shown, parts, base) for _k, q, _d, shown, _r in older) \
                - stands_for([shown for _k, _q, _d, shown, _r in younger], parts, base)[0] < base - 1:
            return False
    return True


def _most(quarter: Quarter, shown: Parts, parts: tuple[str, ...], base: int) -> int:
    """The most cases a quarter's published population parts can stand for: each within
    ``base - 1`` of its value, and all of them no more than the quarter's cases."""
    return min(stands_for([shown], parts, base)[1], quarter.total + base - 1)
