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


PLAN_SERVICES: dict[str, tuple[str, ...]] = {
    "medical": ("medical",),
    "psychosocial": ("psychosocial",),
    "social": ("case_management", "livelihood"),
    "legal": ("legal",),
}
"""The services the plan's 2.1-b names ("médicaux, psychosociaux, sociaux, juridiques"), each
with the service types of the map that provide it: social support is case management or
socio-economic (livelihood) support."""


def missing_services(row: CoverageRow) -> list[str]:
    """The services of ``PLAN_SERVICES`` that ``row``'s region has no active service of."""
    return [need for need, kinds in PLAN_SERVICES.items()
            if not any(row.active[kind] for kind in kinds)]


def regions_with_service_coverage(ctx: MeasureContext) -> Measure:
    """Percentage of regions where a survivor can get the services the plan names: medical,
    psychosocial, social and legal.

    Every region of network.yaml is assessed ("dans chaque région"); each high-risk zone is
    also given on its own in the details (``high_risk_zones``: covered, assessed), since the
    wording asks for both. A region is covered when it has at least one active service of
    each: medical, psychosocial, social (``case_management`` or ``livelihood``) and legal;
    the plan's "sociaux" is not replaced by shelter. Numerator: covered regions; denominator:
    every region. The details list the gaps (region → missing services); the breakdown gives,
    per service, the number of regions that have it. No data while the network records no
    service but example entries, which never count: the service map is not filled in yet, and
    the report's map says "no data" for every region too.
    """
    if not any(not located.value.example for located in ctx.dataset.services):
        return Measure(None)
    rows = _coverage(ctx)
    gaps = {row.region: missing_services(row) for row in rows if missing_services(row)}
    by_need = {need: sum(1 for row in rows if need not in gaps.get(row.region, []))
               for need in PLAN_SERVICES}
    zones = [row for row in rows if row.high_risk]
    zones_covered = sum(1 for row in zones if row.region not in gaps)
    return ratio(len(rows) - len(gaps), len(rows), {"service": by_need}, gaps=gaps,
                 high_risk_zones={"covered": zones_covered, "assessed": len(zones)})


def complaint_channels_active(ctx: MeasureContext) -> Measure:
    """Number of active complaint channels (services of type ``complaint_channel``).

    Broken down by region; every region of network.yaml is listed, 0 included, so that
    regions without any channel stand out.
    """
    by_region = {row.region: row.active["complaint_channel"] for row in _coverage(ctx)}
    total = sum(by_region.values())
    return Measure(float(total), total, None, {"region": by_region})
