"""Metrics computed from the service map (``data/services/``).

A service counts when its status is ``active`` (example entries never count). The service
map keeps each service's current status only, so these metrics describe the map as it is
recorded, for whatever period is asked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from psea_cli.indicators.values import Measure, ratio

if TYPE_CHECKING:
    from psea_cli.indicators.context import MeasureContext
    from psea_cli.models import Service

CORE_SERVICE_TYPES = ("medical", "psychosocial", "legal", "safety_shelter")
"""The four kinds of help every region must offer a survivor (the plan's indicator 2.1)."""


def active_services(ctx: MeasureContext) -> Iterator[Service]:
    for located in ctx.dataset.services:
        service = located.value
        if service.status == "active" and not service.example:
            yield service


def _assessed_regions(ctx: MeasureContext) -> list[str]:
    network = ctx.dataset.network
    if network is None:
        return sorted({s.region for s in active_services(ctx)})
    return list(network.high_risk_zones) or [r.pcode for r in network.regions]


def regions_with_service_coverage(ctx: MeasureContext) -> Measure:
    """Percentage of regions where a survivor can get all four core services.

    Regions assessed: the high-risk zones of network.yaml, or every region when none is
    named. A region is covered when it has at least one active medical, psychosocial, legal
    and safety/shelter service. Numerator: covered regions; denominator: regions assessed.
    The details list the gaps (region → missing service types); the breakdown gives, per
    service type, the number of assessed regions that have it.
    """
    regions = _assessed_regions(ctx)
    present: dict[str, set[str]] = {r: set() for r in regions}
    for service in active_services(ctx):
        if service.region in present:
            present[service.region].add(service.type)
    gaps = {r: [t for t in CORE_SERVICE_TYPES if t not in present[r]] for r in regions}
    gaps = {r: missing for r, missing in gaps.items() if missing}
    by_type = {t: sum(1 for r in regions if t in present[r]) for t in CORE_SERVICE_TYPES}
    return ratio(len(regions) - len(gaps), len(regions), {"service_type": by_type}, gaps=gaps)


def complaint_channels_active(ctx: MeasureContext) -> Measure:
    """Number of active complaint channels (services of type ``complaint_channel``).

    Broken down by region; every region of network.yaml is listed, 0 included, so that
    regions without any channel stand out.
    """
    network = ctx.dataset.network
    by_region = {r.pcode: 0 for r in network.regions} if network else {}
    for service in active_services(ctx):
        if service.type == "complaint_channel":
            by_region[service.region] = by_region.get(service.region, 0) + 1
    total = sum(by_region.values())
    return Measure(float(total), total, None, {"region": by_region})
