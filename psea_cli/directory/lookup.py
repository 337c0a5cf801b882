"""Finding focal points and services: the referral lookup a focal point runs at 22:00.

Regions are found by p-code or by name, ignoring case and accents (``mopti``, ``Segou``,
``menaka``); organisations by id or acronym. An unknown one is a usage error that lists the
known ones, so a typo never silently returns an empty list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from typing import TYPE_CHECKING

from psea_cli.i18n import _
from psea_cli.models.organisation import FocalPointRole
from psea_cli.models.service import SERVICE_TYPES, ServiceStatus
from psea_cli.problems import PseaError

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset, Located
    from psea_cli.models import FocalPoint, Organisation, Service
    from psea_cli.models.network import Network, Region

ROLES: tuple[str, ...] = FocalPointRole.__args__  # type: ignore[attr-defined]
STATUS_ORDER: tuple[str, ...] = ServiceStatus.__args__  # type: ignore[attr-defined]


def folded(text: str) -> str:
    """``Ménaka`` → ``menaka``: lower case, without accents or surrounding spaces."""
    decomposed = unicodedata.normalize("NFKD", text.strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def find_region(network: Network | None, text: str) -> Region:
    """The region whose p-code or name is ``text``, ignoring case and accents."""
    regions = network.regions if network is not None else []
    wanted = folded(text)
    for region in regions:
        if wanted in (folded(region.pcode), folded(region.name)):
            return region
    known = ", ".join(f"{r.name} ({r.pcode})" for r in regions) or _("none")
    raise PseaError(_("unknown region '{region}'").format(region=text),
                    _("Known regions: {known}.").format(known=known))


def find_organisation(dataset: Dataset, text: str) -> Organisation:
    """The organisation whose id or acronym is ``text``, ignoring case and accents."""
    wanted = folded(text)
    for located in dataset.organisations:
        org = located.value
        if wanted in (folded(org.id), folded(org.acronym or "")):
            return org
    known = ", ".join(sorted(o.value.id for o in dataset.organisations)) or _("none")
    raise PseaError(_("unknown organisation '{organisation}'").format(organisation=text),
                    _("Known organisations: {known}.").format(known=known))


def check_choice(value: str, choices: tuple[str, ...], option: str) -> str:
    """``value`` if it is one of ``choices``, else a usage error listing them."""
    if value not in choices:
        raise PseaError(_("{option}: '{value}' is not one of: {choices}").format(
            option=option, value=value, choices=", ".join(choices)))
    return value


@dataclasses.dataclass(frozen=True)
class ListedFocalPoint:
    """A focal point with its organisation, as the directory lists it."""

    organisation: Organisation
    focal_point: FocalPoint
    file: str


def listed_organisations(dataset: Dataset, as_of: dt.date) -> list[Located[Organisation]]:
    """Organisations in the directory on ``as_of``: all but those whose membership ended."""
    return [o for o in dataset.organisations
            if o.value.membership is None or o.value.membership.until is None
            or o.value.membership.until >= as_of]


def find_focal_points(dataset: Dataset, as_of: dt.date, organisation: str | None = None,
                      region: str | None = None, role: str | None = None) -> list[ListedFocalPoint]:
    """Focal points of the organisations listed on ``as_of``, filtered, by organisation then in
    file order. ``region`` is a p-code: a focal point that lists no region covers the whole
    country and matches every region."""
    org_id = find_organisation(dataset, organisation).id if organisation else None
    if role is not None:
        check_choice(role, ROLES, "--role")
    found: list[ListedFocalPoint] = []
    for located in sorted(listed_organisations(dataset, as_of), key=lambda o: o.value.id):
        org = located.value
        if org_id is not None and org.id != org_id:
            continue
        found.extend(
            ListedFocalPoint(org, fp, located.file) for fp in org.focal_points
            if (role is None or fp.role == role)
            and (region is None or not fp.regions or region in fp.regions))
    return found


def find_services(dataset: Dataset, region: str | None = None, service_type: str | None = None,
                  include_closed: bool = False) -> list[Located[Service]]:
    """Services of a region (p-code) and type: active ones first, then temporarily closed, then
    (when asked) closed ones; real entries before example ones, then by type and name."""
    if service_type is not None:
        check_choice(service_type, SERVICE_TYPES, "--type")
    chosen = [s for s in dataset.services
              if (region is None or s.value.region == region)
              and (service_type is None or s.value.type == service_type)
              and (include_closed or s.value.status != "closed")]
    return sorted(chosen, key=lambda s: (STATUS_ORDER.index(s.value.status), s.value.example,
                                         SERVICE_TYPES.index(s.value.type), folded(s.value.name)))
