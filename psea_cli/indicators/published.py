"""Published case figures read back: what a key holder wrote for members without a key
(``indicators.publishing``). ``published_for`` turns such a file back into metric values, which
``shared.publish`` uses in place of the case records when some records cannot be read here
(``accountability.published_accountability`` does the same for what happened after each
complaint).

A file psea would not have written (``unsound``: a pull request can carry one) is never used:
a member's report says the figures are the core team's and that `<5` means 0 to 4, so one
rounded with another threshold (a `<5` that stands for 0 to 9), holding a count that is not
rounded, or covering other quarters than its period's complete ones would be printed as if it
were protected. ``psea validate`` reports it (``checks.check_published_figures``), and the
period's case figures are then not published for the member. The rules: the rounding base of
the figures and of their accountability part is the network's threshold; every count
(numerators, denominators, breakdowns, details, the accountability partitions, the cases left
out) is a multiple of it; the quarters are those of the period that ended on or before the day
the records were read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from psea_cli import periods
from psea_cli.disclosure import shown_share
from psea_cli.indicators.registry import METRICS
from psea_cli.indicators.values import MetricValue, Protection
from psea_cli.models.published import PublishedFigures

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset, Located
    from psea_cli.periods import Period


def _values(located: Located[PublishedFigures], base: int) -> dict[str, MetricValue]:
    """The file's case figures; a percentage today's rules withhold is withheld, whatever the
    version of psea that wrote the file (0.3.7 wrote "0 %" of a part published <5)."""
    return {name: MetricValue(name, m.value if METRICS[name].unit != "percent"
                              or shown_share(m.numerator, m.denominator, base) else None,
                              m.numerator, m.denominator,
                              {dim: dict(cells) for dim, cells in m.breakdowns.items()},
                              dict(m.details), published=True, withheld=m.withheld)
            for name, m in located.value.metrics.items()
            if name in METRICS and METRICS[name].sensitive}


def published_file(dataset: Dataset, period: Period,
                   base: int) -> Located[PublishedFigures] | None:
    """The published figures file to share for ``period`` instead of the records: only when
    some records cannot be read here (encrypted, or the case store is not here), and only a
    file psea would have written for a network whose threshold is ``base`` (``unsound``)."""
    if not dataset.sealed_cases and not dataset.store_absent:
        return None
    return next((located for located in dataset.published
                 if located.value.period == period.key and not unsound(located.value, base)),
                None)


def published_for(dataset: Dataset, period: Period,
                  base: int) -> tuple[dict[str, MetricValue], Protection] | None:
    """The case figures of ``published_file`` as metric values; metrics the file lacks are
    withheld."""
    located = published_file(dataset, period, base)
    if located is None:
        return None
    figures = located.value
    values = _values(located, base)
    for name, metric in METRICS.items():
        if metric.sensitive and name not in values:
            values[name] = MetricValue(name, None, None, None, {}, {}, published=True,
                                       withheld=True)
    source: dict[str, object] = {"file": located.file, "revision": figures.revision,
                                 "uncommitted": figures.uncommitted,
                                 "written_on": figures.written_on}
    p = figures.protection
    return values, Protection(p.base, p.read_on, tuple(p.quarters), p.left_out, source)


Unsound = tuple[str, tuple[str | int, ...], dict[str, object]]
"""A code, the path of the value in the file, the message's parameters."""


def unsound(figures: PublishedFigures, base_wanted: int) -> list[Unsound]:
    """What psea would not have written in ``figures``, for a network whose threshold is
    ``base_wanted``."""
    found: list[Unsound] = []
    protection, accountability = figures.protection, figures.accountability
    for path, base in ((("protection", "base"), protection.base),
                       *(((("accountability", "base"), accountability.base),)
                         if accountability is not None else ())):
        if base != base_wanted:
            found.append(("published.other-threshold", path,
                          {"base": base, "threshold": base_wanted}))
    wanted = [q.key for q in periods.parse(figures.period).quarters()
              if q.end <= protection.read_on]
    for path, quarters in ((("protection", "quarters"), protection.quarters),
                           *(((("accountability", "quarters"), accountability.quarters),)
                             if accountability is not None else ())):
        if list(quarters) != wanted:
            found.append(("published.wrong-quarters", path,
                          {"period": figures.period, "day": protection.read_on.isoformat()}))
    if not found or all(code != "published.other-threshold" for code, _p, _q in found):
        base = protection.base  # (with another threshold, that one says it all)
        found.extend(("published.not-rounded", path, {"base": base})
                     for path, count in _counts(figures) if count % base)
    return found


def _counts(figures: PublishedFigures) -> Iterator[tuple[tuple[str | int, ...], int]]:
    """Every published count of ``figures``, with its path in the file."""
    yield ("protection", "left_out"), figures.protection.left_out
    for name, metric in figures.metrics.items():
        for key in ("numerator", "denominator"):
            value = getattr(metric, key)
            if value is not None:
                yield ("metrics", name, key), value
        for dimension, cells in metric.breakdowns.items():
            for cell, value in cells.items():
                yield ("metrics", name, "breakdowns", dimension, cell), value
        for key, value in metric.details.items():
            yield ("metrics", name, "details", key), value
    if figures.accountability is not None:
        for part, cells in figures.accountability.parts.items():
            for cell, value in cells.items():
                yield ("accountability", "parts", part, cell), value
