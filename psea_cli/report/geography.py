"""The map part of the report: per region, service coverage and protected case counts.

Coverage counts the services the plan's indicator of regions covered names (medical,
psychosocial, social, legal: ``service_metrics.PLAN_SERVICES``) with at least one active
service, so that the map and that key figure never disagree. Example entries never count; when
the network records no service but examples, no region has data.
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
from psea_cli.indicators.labels import key_label
from psea_cli.indicators.service_metrics import PLAN_SERVICES, missing_services
from psea_cli.report.cases_section import shown


@dataclasses.dataclass(frozen=True)
class RegionView:
    pcode: str
    name: str
    tile: tuple[int, int] | None
    core_available: int | None
    """The plan's services with an active service here; None when the network records nothing
    but examples."""
    cases: int | str
    """The published count as printed: a multiple of the threshold, or ``<5``."""


def regions(dataset: Dataset, as_of: dt.date, by_region: Mapping[str, int],
            threshold: int) -> list[RegionView]:
    network = dataset.network
    if network is None:
        return []
    coverage = {row.region: row for row in coverage_matrix(dataset, as_of)}
    recorded = any(not located.value.example for located in dataset.services)
    views = []
    for region in network.regions:
        row = coverage.get(region.pcode)
        available = None if not recorded else \
            len(PLAN_SERVICES) - len(missing_services(row)) if row is not None else 0
        views.append(RegionView(region.pcode, region.name,
                                (region.tile[0], region.tile[1]) if region.tile else None,
                                available, shown(by_region.get(region.pcode, 0), threshold)))
    return views


def summary(views: list[RegionView]) -> dict[str, Any]:
    """What the template says under the maps: how many regions have no data or no position,
    and which services the map counts (named, those of the plan's "regions covered")."""
    return {"no_data": sum(1 for v in views if v.core_available is None),
            "unplaced": sum(1 for v in views if v.tile is None),
            "placed": sum(1 for v in views if v.tile is not None),
            "core_total": len(PLAN_SERVICES),
            "core_names": [_lowered(key_label("gaps", need, {})) if index else
                           key_label("gaps", need, {}) for index, need
                           in enumerate(PLAN_SERVICES)]}


def _lowered(name: str) -> str:
    """A name within a sentence: its first letter in lower case (« GBV » keeps its capitals)."""
    return name[:1].lower() + name[1:]
