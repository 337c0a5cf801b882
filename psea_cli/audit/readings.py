"""The audit's check of a quarter read more than once: a figure whose count did not change
between two readings of its quarter keeps the value it was published with, and what only
rises (or only falls) as events come is never published lower (or higher)
(``indicators.readings``). Every past quarter of the publication is read as the shared view
reads it, at its own last day and at each later quarter's end where one of its records had an
event, and every cell of every split (the accountability partitions' included, rounded in the
same readings) is compared from one reading to the next.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING

from psea_cli.audit.attack import Finding
from psea_cli.i18n import _
from psea_cli.indicators.readings import Reading, Rounder

if TYPE_CHECKING:
    from psea_cli.audit.publication import Publication
    from psea_cli.dataset import Dataset


def _moved(before: Reading, after: Reading) -> list[str]:
    """The families of ``after`` in which a cell with its count of ``before`` has another
    published value."""
    moved = []
    for key, splits in after.items():
        for (counts, shown), (old_counts, old_shown) in zip(splits, before.get(key, []),
                                                            strict=False):
            if any(old_counts.get(cell) == n and old_shown.get(cell) != shown[cell]
                   for cell, n in counts.items() if cell in old_counts):
                moved.append(key.split("\0", 1)[0])
    return moved


def _against(before: Rounder, after: Rounder) -> list[str]:
    """The families of ``after`` in which what only rises (or falls) as events come
    (``Rounder.moves``) is published lower (or higher) than in ``before``."""
    against = []
    for key, splits in after.reading.items():
        moves = after.moves.get(key, ())
        for (_counts, shown), (_old_counts, old_shown) in zip(
                splits, before.reading.get(key, []), strict=False):
            if any((sum(shown[k] for k in keys) - sum(old_shown[k] for k in keys)) * way < 0
                   for keys, way in moves):
                against.append(key.split("\0", 1)[0])
    return against


def unstable_readings(dataset: Dataset, publication: Publication) -> list[Finding]:
    """A finding for each past quarter of the publication with a figure whose count did not
    change from one of its readings to the next, published with another value, or with a
    figure published against its way (``Rounder.moves``)."""
    from psea_cli.indicators.quarters import quarter_readings, shared_day

    day = shared_day(publication.read_on)
    findings = []
    for output in publication.outputs:
        quarter = output.period
        if output.quarters != [quarter.key] or quarter.end >= day:
            continue
        # one chain: its rounders hold the accountability partitions beside the case metrics
        findings += _compared(quarter_readings(dataset, quarter, day), quarter.key,
                              output.name)
    return findings


def _compared(readings: list[tuple[dt.date, Rounder]], quarter: str, name: str
              ) -> list[Finding]:
    findings = []
    for (first, before), (then, after) in itertools.pairwise(readings):
        outputs = (f"{name} --as-of {first}", f"{name} --as-of {then}")
        moved = _moved(before.reading, after.reading)
        if moved:
            findings.append(Finding("reading", quarter, outputs, _(
                "a figure whose count did not change is published with another value "
                "when the quarter is read again ({figures})").format(
                    figures=", ".join(sorted(set(moved))))))
        against = _against(before, after)
        if against:
            findings.append(Finding("reading", quarter, outputs, _(
                "a figure that only rises (or only falls) as events come is published "
                "lower (or higher) when the quarter is read again ({figures})").format(
                    figures=", ".join(sorted(set(against))))))
    return findings
