"""The map part of the report: per region, service coverage and protected case counts.

Coverage counts the core service types with at least one active service (example entries
never count; a region whose only entries are examples, or that has none, has no data).
Case counts are the published region breakdown of ``cases_received`` (the shared, protected
view: multiples of the threshold, a 0 meaning fewer than the threshold and shown ``<5``),
the very cells of the report's table by region.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from psea_cli.dataset import Dataset
from psea_cli.directory.coverage import coverage_matrix
from psea_cli.models.service import CORE_SERVICE_TYPES
from psea_cli.report.cases_section import shown
from psea_cli.report.labels import service_type_label


@dataclasses.dataclass(frozen=True)
class RegionView:
    pcode: str
    name: str
    tile: tuple[int, int] | None
    core_available: int | None
    """Core service types with an active service; None when nothing but examples is recorded."""
    cases: int | str
    """The published count as printed: a multiple of the threshold, or ``<5``."""


def regions(dataset: Dataset, as_of: dt.date, by_region: Mapping[str, int],
            threshold: int) -> list[RegionView]:
    network = dataset.network
    if network is None:
        return []
    coverage = {row.region: row for row in coverage_matrix(dataset, as_of)}
    views = []
    for region in network.regions:
        row = coverage.get(region.pcode)
        recorded = row is not None and (any(row.active.values())
                                         or any(row.temporarily_closed.values()))
        available = (len(CORE_SERVICE_TYPES) - len(row.gaps)) if row is not None and recorded \
            else None
        views.append(RegionView(region.pcode, region.name,
                                (region.tile[0], region.tile[1]) if region.tile else None,
                                available, shown(by_region.get(region.pcode, 0), threshold)))
    return views


def summary(views: list[RegionView]) -> dict[str, Any]:
    """What the template says under the maps: how many regions have no data or no position,
    and which services the map counts (named: the plan's "regions covered" may count others,
    social support in place of safety and shelter)."""
    return {"no_data": sum(1 for v in views if v.core_available is None),
            "unplaced": sum(1 for v in views if v.tile is None),
            "placed": sum(1 for v in views if v.tile is not None),
            "core_total": len(CORE_SERVICE_TYPES),
            "core_names": [service_type_label(kind).lower() if index else
                           service_type_label(kind) for index, kind
                           in enumerate(CORE_SERVICE_TYPES)]}
