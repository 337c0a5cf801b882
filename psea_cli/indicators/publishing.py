"""Published case figures written: what ``psea case publish`` writes for members without a key.

``document`` keeps the case metrics of the shared view (``shared.publish``: every count is
already protected) with how they were protected, and the accountability figures
(``accountability``); nothing else of a case goes into the file. ``published`` reads it back.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from psea_cli.i18n import N_, _
from psea_cli.indicators.accountability import accountability
from psea_cli.indicators.quarters import QuarterCache
from psea_cli.indicators.registry import METRICS
from psea_cli.indicators.shared import publish
from psea_cli.indicators.values import MetricValue

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset
    from psea_cli.periods import Period


def _metric(metric: MetricValue) -> dict[str, Any]:
    counts = {k: v for k, v in metric.details.items()
              if isinstance(v, int) and not isinstance(v, bool)}
    return {"value": metric.value, "numerator": metric.numerator,
            "denominator": metric.denominator, "withheld": metric.withheld,
            "breakdowns": {dim: dict(cells) for dim, cells in metric.breakdowns.items()},
            "details": counts}


def document(dataset: Dataset, period: Period, today: dt.date, revision: str | None,
             uncommitted: bool) -> dict[str, Any]:
    """The published figures of ``period`` as plain data (what ``psea case publish`` writes)."""
    quarters: QuarterCache = {}  # the quarters' readings, for the figures and accountability
    report = publish(dataset, period, today, quarters)
    assert report.protection is not None
    protection = report.protection
    after = accountability(dataset, period, today, quarters)
    return {"period": period.key, "written_on": today, "revision": revision,
            "uncommitted": uncommitted,
            "protection": {"base": protection.base, "read_on": protection.read_on,
                           "quarters": list(protection.quarters),
                           "left_out": protection.left_out},
            "metrics": {name: _metric(m) for name, m in report.metrics.items()
                        if METRICS[name].sensitive},
            "accountability": {"parts": after.parts, "quarters": list(after.quarters),
                               "base": after.base}}


HEADER = N_("Case figures as psea shares them (protected), written by 'psea case publish' for\n"
            "members without a key: 'psea report' uses them when it cannot read every record.\n"
            "Do not edit by hand: write them again with 'psea case publish {period}'.")
"""The comment that opens a published figures file, in the language of the one who wrote it."""


def header(period: Period) -> str:
    return "".join(f"# {line}\n" for line in _(HEADER).format(period=period.key).splitlines())


def write(path: Path, dataset: Dataset, period: Period, today: dt.date, revision: str | None,
          uncommitted: bool) -> None:
    """Write the published figures of ``period`` to ``path`` atomically, after checking that
    they read back as valid published figures."""
    from psea_cli import yamlio
    from psea_cli.cases.store import dump
    from psea_cli.models.published import PublishedFigures
    from psea_cli.safe_output import write_data

    text = header(period) + dump(
        document(dataset, period, today, revision, uncommitted))
    PublishedFigures.model_validate(yamlio.parse(text))  # what validate will read
    write_data(path, text, dataset.root)  # never through a link out of the repository
