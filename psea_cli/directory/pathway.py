"""A zone's referral pathway: where a survivor can report SEA and get care, in the order they
need it, built from the validated service map and directory (``psea pathway``).

Reporting channels come first (the zone's complaint mechanisms, national hotlines, the PSEA
focal points covering the zone), then each service type in the order a survivor needs it:
medical care first (clinical care after rape only works within 72 hours), psychosocial
support, case management, safety and shelter, legal aid, child protection, livelihoods.
A core type with no open service in the zone is a gap, with the nearest region that has one.

An entry that may carry a wrong number is *doubtful*: an example (placeholder) entry, or one
not verified within the network's delay. What happens to doubtful entries is the caller's
explicit choice (``Doubtful``); nothing here decides for the wall.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import TYPE_CHECKING, Literal

from psea_cli.models.service import CORE_SERVICE_TYPES

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset
    from psea_cli.models import Service
    from psea_cli.models.network import Region

Doubtful = Literal["omit", "mark"]
"""``omit``: leave doubtful entries off; ``mark``: print them with a visible warning."""

CARE_ORDER: tuple[str, ...] = ("medical", "psychosocial", "case_management", "safety_shelter",
                               "legal", "child_protection", "livelihood")
FOCAL_ROLES = frozenset({"focal_point", "alternate", "coordinator"})


@dataclasses.dataclass(frozen=True)
class Entry:
    """One line of the poster: a service, or a focal point as a reporting channel."""

    kind: str
    name: str
    organisation: str
    phone: str | None
    email: str | None = None
    place: str | None = None
    hours: str | None = None
    languages: tuple[str, ...] = ()
    cost: str | None = None
    features: tuple[str, ...] = ()
    sexes: tuple[str, ...] = ()
    age_min: int | None = None
    age_max: int | None = None
    nationwide: bool = False
    verified_on: dt.date | None = None
    example: bool = False
    stale: bool = False

    @property
    def doubtful(self) -> bool:
        return self.example or self.stale


@dataclasses.dataclass(frozen=True)
class Gap:
    """No open, verified service of a core type in the zone: the nearest region with one, or
    all of them; ``marked`` when an unverified one is printed above with its warning."""

    service_type: str
    nearest: str | None
    elsewhere: tuple[str, ...]
    marked: bool = False


@dataclasses.dataclass(frozen=True)
class Pathway:
    region: Region
    high_risk: bool
    channels: tuple[Entry, ...]
    care: tuple[tuple[str, tuple[Entry, ...]], ...]
    """Each service type in a survivor's order with its entries: the zone's own first, those
    offering clinical care after rape first among them, doubtful ones last."""
    gaps: tuple[Gap, ...]
    left_out: int
    marked: int

    @property
    def entries(self) -> tuple[Entry, ...]:
        return self.channels + tuple(e for _kind, entries in self.care for e in entries)


@dataclasses.dataclass(frozen=True)
class Doubts:
    """How many doubtful entries a zone has: what a refusal explains."""

    examples: int
    stale: int


def _is_stale(verified: dt.date | None, as_of: dt.date, days: int) -> bool:
    return verified is None or (as_of - verified).days > days


def _service_entry(dataset: Dataset, service: Service, as_of: dt.date, days: int) -> Entry:
    org = dataset.organisation(service.provider)
    return Entry(
        service.type, service.name, (org.acronym or org.name) if org else service.provider,
        service.phone, service.email, service.place, service.hours, tuple(service.languages),
        service.cost, tuple(service.features), tuple(service.serves.sex), service.serves.age_min,
        service.serves.age_max, service.nationwide, service.verified_on, service.example,
        _is_stale(service.verified_on, as_of, days))


def _focal_entries(dataset: Dataset, pcode: str, as_of: dt.date, days: int) -> list[Entry]:
    from psea_cli.directory.lookup import listed_organisations

    found = []
    for located in listed_organisations(dataset, as_of):
        org = located.value
        for person in org.focal_points:
            if person.role in FOCAL_ROLES and pcode in person.regions and (
                    person.phone or person.email):
                found.append(Entry("focal_point", "", org.acronym or org.name, person.phone,
                                   person.email, languages=tuple(person.languages),
                                   verified_on=person.verified_on, example=person.example,
                                   stale=_is_stale(person.verified_on, as_of, days)))
    return found


def zone_entries(dataset: Dataset, pcode: str, as_of: dt.date) -> list[Entry]:
    """Every open service of the zone (and nationwide ones) and its focal points, doubtful
    entries included."""
    days = dataset.network.sop.directory_verification_days if dataset.network else 180
    services = [_service_entry(dataset, s.value, as_of, days) for s in dataset.services
                if s.value.status == "active" and (s.value.region == pcode or s.value.nationwide)]
    return services + _focal_entries(dataset, pcode, as_of, days)


def doubts(entries: list[Entry]) -> Doubts:
    return Doubts(sum(e.example for e in entries), sum(e.stale and not e.example for e in entries))


def _distance(a: Region, b: Region) -> float:
    """Great-circle distance between two regions' main towns (km); infinite without positions."""
    if a.centre is None or b.centre is None:
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (a.centre.lat, a.centre.lon, b.centre.lat, b.centre.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def _gaps(dataset: Dataset, region: Region, covered: set[str], marked: set[str],
          as_of: dt.date) -> list[Gap]:
    regions = dataset.network.regions if dataset.network else []
    days = dataset.network.sop.directory_verification_days if dataset.network else 180
    found = []
    for kind in CORE_SERVICE_TYPES:
        if kind in covered:
            continue
        having = [r for r in regions if r.pcode != region.pcode and any(
            s.value.region == r.pcode and s.value.type == kind and s.value.status == "active"
            and not s.value.example and not _is_stale(s.value.verified_on, as_of, days)
            for s in dataset.services)]
        nearest = min(having, key=lambda r: _distance(region, r), default=None)
        known = nearest is not None and math.isfinite(_distance(region, nearest))
        found.append(Gap(kind, nearest.name if known and nearest else None,
                         tuple(r.name for r in having), kind in marked))
    return found


def build(dataset: Dataset, region: Region, as_of: dt.date, doubtful: Doubtful) -> Pathway:
    """The pathway of ``region`` on ``as_of``, doubtful entries left out or kept to be marked."""
    entries = zone_entries(dataset, region.pcode, as_of)
    kept = [e for e in entries if doubtful == "mark" or not e.doubtful]
    channels = tuple(sorted((e for e in kept if e.kind in ("complaint_channel", "focal_point")),
                            key=lambda e: (e.kind == "focal_point", not e.nationwide, e.name)))
    care = tuple((kind, tuple(sorted((e for e in kept if e.kind == kind),
                                     key=lambda e: (e.nationwide, e.doubtful,
                                                    "cmr_pep" not in e.features, e.name))))
                 for kind in CARE_ORDER)
    covered = {e.kind for e in kept if not e.doubtful}
    marked = {e.kind for e in kept if e.doubtful}
    high_risk = dataset.network is not None and region.pcode in dataset.network.high_risk_zones
    return Pathway(region, high_risk, channels, tuple((k, es) for k, es in care if es),
                   tuple(_gaps(dataset, region, covered, marked, as_of)),
                   left_out=len(entries) - len(kept), marked=sum(e.doubtful for e in kept))
