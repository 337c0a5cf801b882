"""Published case figures read back: what a key holder wrote for members without a key
(``indicators.publishing``). ``published_for`` turns such a file back into metric values, which
``shared.publish`` uses in place of the case records when some records cannot be read here
(``accountability.published_accountability`` does the same for what happened after each
complaint).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from psea_cli.indicators.registry import METRICS
from psea_cli.indicators.values import MetricValue, Protection

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset, Located
    from psea_cli.models.published import PublishedFigures
    from psea_cli.periods import Period


def _values(located: Located[PublishedFigures]) -> dict[str, MetricValue]:
    return {name: MetricValue(name, m.value, m.numerator, m.denominator,
                              {dim: dict(cells) for dim, cells in m.breakdowns.items()},
                              dict(m.details), published=True, withheld=m.withheld)
            for name, m in located.value.metrics.items()
            if name in METRICS and METRICS[name].sensitive}


def published_for(dataset: Dataset, period: Period,
                  base: int) -> tuple[dict[str, MetricValue], Protection] | None:
    """The published case figures to share for ``period`` instead of the records': only when
    some records cannot be read here, and only figures rounded at the network's threshold or
    above. Metrics the file lacks are withheld."""
    if not dataset.sealed_cases:
        return None
    for located in dataset.published:
        figures = located.value
        if figures.period != period.key or figures.protection.base < base:
            continue
        values = _values(located)
        for name, metric in METRICS.items():
            if metric.sensitive and name not in values:
                values[name] = MetricValue(name, None, None, None, {}, {}, published=True,
                                           withheld=True)
        source: dict[str, object] = {"file": located.file, "revision": figures.revision,
                                     "uncommitted": figures.uncommitted,
                                     "written_on": figures.written_on}
        p = figures.protection
        return values, Protection(p.base, p.read_on, tuple(p.quarters), p.left_out, source)
    return None
