"""The quarters a report will show, settled while the pipeline runs its last checks.

A report's figures need only the records; the checks across files and the writing of the
cache that end the pipeline do not change them. So the report hands ``Ahead.begin`` to the
pipeline, which gives it the dataset as soon as the records are read: the quarters' workers
(``indicators.settling``) start then, and the figures are made from what they settled.

    with Ahead("semester", "2021-S2") as ahead:
        dataset, problems = load_dataset(root, on_records=ahead.begin)
        ...
        render(dataset, problems, inputs, "html", quarters=ahead.quarters())

Leaving the ``with`` block ends the workers, whatever happened meanwhile.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from psea_cli.indicators.settling import Settling, begin
from psea_cli.problems import PseaError
from psea_cli.report.context import shown_periods
from psea_cli.report.render import choose_period

if TYPE_CHECKING:
    from psea_cli import periods
    from psea_cli.dataset import Dataset
    from psea_cli.indicators.quarters import QuarterCache


class Ahead:
    """What ``begin`` started for a report of ``kind`` (``period_text`` as given)."""

    def __init__(self, kind: periods.PeriodKind, period_text: str | None) -> None:
        self.kind, self.period_text = kind, period_text
        self.cache: QuarterCache = {}
        self.settling: Settling | None = None

    def begin(self, dataset: Dataset) -> None:
        """Start settling the report's quarters; nothing when the period cannot be chosen
        (the report says why once the checks are done)."""
        from psea_cli.indicators.compute import covering_plans

        dataset = dataset.for_figures()  # the records no figure counts left out
        try:
            period = choose_period(dataset, self.kind, self.period_text)
            bundle = covering_plans(dataset, period)[0]
        except PseaError:
            return
        self.settling = begin(dataset, shown_periods(bundle, period), dataset.today,
                              (bundle,), self.cache)

    def quarters(self) -> QuarterCache:
        """Every quarter begun, settled (waits for the workers still at it)."""
        return self.settling.finish() if self.settling is not None else self.cache

    def __enter__(self) -> Ahead:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.settling is not None:
            self.settling.__exit__()
