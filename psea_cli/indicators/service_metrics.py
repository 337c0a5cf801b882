"""Metrics computed from the service map (``data/services/``), through the directory's
coverage matrix (``psea_cli.directory.coverage``), so that ``psea indicators`` and the
coverage view agree.

A service counts when its status is ``active``; example entries never count. The service
map keeps each service's current status only, so these metrics describe the map as it is
recorded, whatever the period.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from psea_cli.indicators.values import Measure, ratio

if TYPE_CHECKING:
    from psea_cli.directory.coverage import CoverageRow
    from psea_cli.indicators.context import MeasureContext


def _coverage(ctx: MeasureContext) -> list[CoverageRow]:
    from psea_cli.directory.coverage import coverage_matrix  # loads pydantic: not at import

    return coverage_matrix(ctx.dataset, ctx.day)


def regions_with_service_coverage(ctx: MeasureContext) -> Measure:
    """Percentage of regions where a survivor can get all four core services.

    Regions assessed: the high-risk zones of network.yaml, or every region when none is
    named. A region is covered when it has at least one active medical, psychosocial, legal
    and safety/shelter service. Numerator: covered regions; denominator: regions assessed.
    The details list the gaps (region → missing service types); the breakdown gives, per
    core service type, the number of assessed regions that have it.
    """
    from psea_cli.models.service import CORE_SERVICE_TYPES

    rows = _coverage(ctx)
    if any(row.high_risk for row in rows):
        rows = [row for row in rows if row.high_risk]
    gaps = {row.region: list(row.gaps) for row in rows if row.gaps}
    by_type = {t: sum(1 for row in rows if row.active[t]) for t in CORE_SERVICE_TYPES}
    return ratio(len(rows) - len(gaps), len(rows), {"service_type": by_type}, gaps=gaps)


def complaint_channels_active(ctx: MeasureContext) -> Measure:
    """Number of active complaint channels (services of type ``complaint_channel``).

    Broken down by region; every region of network.yaml is listed, 0 included, so that
    regions without any channel stand out.
    """
    by_region = {row.region: row.active["complaint_channel"] for row in _coverage(ctx)}
    total = sum(by_region.values())
    return Measure(float(total), total, None, {"region": by_region})
