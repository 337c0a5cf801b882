"""The service map's coverage: for each region and service type, how many services are open, and
the gaps a focal point must know before promising a survivor anything.

A gap is a core GBV service type (medical, psychosocial, legal, safety and shelter) with no
active service in a region. Example (placeholder) entries never count as coverage: nobody can be
referred to them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from psea_cli.models.service import CORE_SERVICE_TYPES, SERVICE_TYPES

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset


@dataclasses.dataclass(frozen=True)
class CoverageRow:
    """One region: counts per service type (every type is a key), and its gaps.

    ``active`` counts active services; ``stale`` how many of those were not verified within the
    threshold on the day asked; ``temporarily_closed`` the services closed for now; ``examples``
    the active example entries, counted apart (a cell with only examples is still a gap).
    """

    region: str
    name: str
    high_risk: bool
    active: dict[str, int]
    stale: dict[str, int]
    temporarily_closed: dict[str, int]
    examples: dict[str, int]
    gaps: tuple[str, ...]


def coverage_matrix(dataset: Dataset, as_of: dt.date,
                    threshold_days: int | None = None) -> list[CoverageRow]:
    """Region × service type, in the order of ``network.yaml``'s regions; ``high_risk`` marks the
    network's high-risk zones. ``threshold_days`` defaults to the network's verification interval.
    Services in a region the network does not list are left out (``validate`` reports them)."""
    network = dataset.network
    if network is None:
        return []
    threshold = threshold_days or network.sop.directory_verification_days
    zeros = dict.fromkeys(SERVICE_TYPES, 0)
    active = {r.pcode: dict(zeros) for r in network.regions}
    stale = {r.pcode: dict(zeros) for r in network.regions}
    paused = {r.pcode: dict(zeros) for r in network.regions}
    examples = {r.pcode: dict(zeros) for r in network.regions}
    for located in dataset.services:
        service = located.value
        if service.region not in active:
            continue
        if service.example:
            examples[service.region][service.type] += service.status == "active"
        elif service.status == "active":
            active[service.region][service.type] += 1
            verified = service.verified_on
            if verified is None or (as_of - verified).days > threshold:
                stale[service.region][service.type] += 1
        elif service.status == "temporarily_closed":
            paused[service.region][service.type] += 1
    high_risk = set(network.high_risk_zones)
    return [CoverageRow(r.pcode, r.name, r.pcode in high_risk, active[r.pcode], stale[r.pcode],
                        paused[r.pcode], examples[r.pcode],
                        tuple(t for t in CORE_SERVICE_TYPES if not active[r.pcode][t]))
            for r in network.regions]


@dataclasses.dataclass(frozen=True)
class Gap:
    """No active service of ``service_type`` in a region: where else there is one, and whether
    only example entries stand in for it."""

    service_type: str
    region: str
    region_name: str
    examples_only: bool
    elsewhere: tuple[str, ...]


def gaps(rows: list[CoverageRow], region: str | None = None,
         service_type: str | None = None) -> list[Gap]:
    """The gaps of one region (its core types, or ``service_type``), or of every region for one
    type; nothing when neither is given. ``elsewhere`` names the regions that have the service."""
    if region is None and service_type is None:
        return []
    found = []
    for row in rows:
        if region is not None and row.region != region:
            continue
        wanted = (service_type,) if service_type else row.gaps
        for kind in wanted:
            if row.active[kind]:
                continue
            elsewhere = tuple(r.name for r in rows if r.active[kind] and r.region != row.region)
            found.append(Gap(kind, row.region, row.name, row.examples[kind] > 0, elsewhere))
    return found
