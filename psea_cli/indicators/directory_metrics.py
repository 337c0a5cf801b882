"""Metrics computed from the directory: member organisations and their focal points.

All are measured on the *measuring day*: the period's last day, or the as-of day when that
is earlier. An organisation counts when its network membership is active on that day.
Focal points marked ``example: true`` are placeholders and never count. The directory keeps
only the current focal points and their last verification, so for a past period these
metrics describe today's focal points with the dates they carry.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, get_args

from psea_cli.indicators.context import MeasureContext
from psea_cli.indicators.values import Breakdowns, Measure, ratio

if TYPE_CHECKING:
    from psea_cli.models import FocalPoint, Organisation

DEFAULT_VERIFICATION_DAYS = 180


@functools.cache
def organisation_types() -> tuple[str, ...]:
    from psea_cli.models import organisation

    return get_args(organisation.OrganisationType)


def members(ctx: MeasureContext) -> list[Organisation]:
    """Organisations whose membership is active on the measuring day."""
    day = ctx.day
    return [o.value for o in ctx.dataset.organisations if o.value.member_on(day)]


def focal_points(ctx: MeasureContext) -> list[FocalPoint]:
    """The focal points of member organisations, placeholders left out."""
    return [fp for org in members(ctx) for fp in org.focal_points if not fp.example]


def _by_type(orgs: list[Organisation], hits: Iterable[Organisation]) -> Breakdowns:
    """Numerator and denominator per organisation type (national and international NGOs apart)."""
    types = organisation_types()

    def tally(group: Iterable[Organisation]) -> dict[str, int]:
        counts = dict.fromkeys(types, 0)
        for org in group:
            counts[org.type] = counts.get(org.type, 0) + 1
        return counts

    return {"org_type": tally(hits), "org_type_denominator": tally(orgs)}


def orgs_with_focal_point(ctx: MeasureContext) -> Measure:
    """Percentage of member organisations that have designated a PSEA focal point.

    Denominator: organisations whose membership is active on the measuring day. Numerator:
    those with at least one focal point in their directory file (example entries do not
    count). Broken down by organisation type.
    """
    orgs = members(ctx)
    hits = [o for o in orgs if any(not fp.example for fp in o.focal_points)]
    return ratio(len(hits), len(orgs), _by_type(orgs, hits))


def _verification_days(ctx: MeasureContext) -> int:
    network = ctx.dataset.network
    return network.sop.directory_verification_days if network else DEFAULT_VERIFICATION_DAYS


def directory_verified(ctx: MeasureContext) -> Measure:
    """Percentage of focal points whose details were verified recently.

    Denominator: focal points of member organisations. Numerator: those whose
    ``verified_on`` is on or before the measuring day and at most 180 days before it
    (``sop.directory_verification_days`` of network.yaml). A verification dated after the
    measuring day does not count for that period: the directory keeps only the last one.
    """
    day, limit = ctx.day, _verification_days(ctx)
    points = focal_points(ctx)
    verified = [fp for fp in points
                if fp.verified_on is not None and 0 <= (day - fp.verified_on).days <= limit]
    return ratio(len(verified), len(points), limit_days=limit)


def _committed(commitment: str) -> Callable[[MeasureContext], Measure]:
    def share(ctx: MeasureContext) -> Measure:
        orgs = members(ctx)
        hits = [o for o in orgs if _dated_by(getattr(o.commitments, commitment), ctx.day)]
        return ratio(len(hits), len(orgs), _by_type(orgs, hits))

    return share


def _dated_by(day: dt.date | None, limit: dt.date) -> bool:
    return day is not None and day <= limit


def orgs_code_of_conduct_signed(ctx: MeasureContext) -> Measure:
    """Percentage of member organisations that have signed the code of conduct.

    Denominator: member organisations on the measuring day. Numerator: those whose
    ``commitments.code_of_conduct_signed`` date is on or before that day. Broken down by
    organisation type, so that national and international NGOs are counted apart, as the
    plan asks.
    """
    return _committed("code_of_conduct_signed")(ctx)


def orgs_psea_in_induction(ctx: MeasureContext) -> Measure:
    """Percentage of member organisations that include PSEA in the induction of new staff.

    Denominator: member organisations on the measuring day. Numerator: those whose
    ``commitments.psea_in_induction`` date is on or before that day. Broken down by
    organisation type.
    """
    return _committed("psea_in_induction")(ctx)


def orgs_internal_reporting_system(ctx: MeasureContext) -> Measure:
    """Percentage of member organisations with an internal system to report SEA.

    Denominator: member organisations on the measuring day. Numerator: those whose
    ``commitments.internal_reporting_system`` date is on or before that day. Broken down by
    organisation type.
    """
    return _committed("internal_reporting_system")(ctx)


def orgs_sop_integrated(ctx: MeasureContext) -> Measure:
    """Percentage of member organisations that integrated the network's SOPs.

    Denominator: member organisations on the measuring day. Numerator: those whose
    ``commitments.sop_integrated`` date is on or before that day. Broken down by
    organisation type.
    """
    return _committed("sop_integrated")(ctx)


def orgs_sg_bulletin_disseminated(ctx: MeasureContext) -> Measure:
    """Number of member organisations that disseminated the SG bulletin to all their staff.

    Counts member organisations on the measuring day whose
    ``commitments.sg_bulletin_disseminated`` (ST/SGB/2003/13) date is on or before that day.
    The number of member organisations is given in the details. Broken down by organisation
    type.
    """
    orgs = members(ctx)
    hits = [o for o in orgs if _dated_by(o.commitments.sg_bulletin_disseminated, ctx.day)]
    breakdowns = _by_type(orgs, hits)
    return Measure(float(len(hits)), len(hits), None, {"org_type": breakdowns["org_type"]},
                   {"member_organisations": len(orgs)})


def focal_points_trained_investigation(ctx: MeasureContext) -> Measure:
    """Percentage of focal points trained on SEA investigations.

    Denominator: focal points of member organisations. Numerator: those with a training of
    kind ``investigation`` dated on or before the measuring day.
    """
    points = focal_points(ctx)
    trained = [fp for fp in points if fp.trained_in("investigation", ctx.day)]
    return ratio(len(trained), len(points))


def focal_points_received_sop(ctx: MeasureContext) -> Measure:
    """Percentage of focal points who received the network's SOPs.

    Denominator: focal points of member organisations. Numerator: those whose
    ``sop_received_on`` is on or before the measuring day. How many of them were also
    trained in using the SOPs (a training of kind ``sop``) is given in the details, since the
    plan's target is "received and trained".
    """
    points = focal_points(ctx)
    received = [fp for fp in points if _dated_by(fp.sop_received_on, ctx.day)]
    trained = sum(1 for fp in received if fp.trained_in("sop", ctx.day))
    return ratio(len(received), len(points), received_and_trained=trained)


def lead_and_cofacilitator_identified(ctx: MeasureContext) -> Measure:
    """Whether the lead agency's and the co-facilitating NGO's PSEA contacts are identified.

    Met when the directory holds at least one focal point with role ``lead_agency`` and at
    least one with role ``co_facilitator``, each with an e-mail address or a phone number
    (example entries do not count). The value is the number of these two roles identified
    (0, 1 or 2).
    """
    roles = {"lead_agency": 0, "co_facilitator": 0}
    for located in ctx.dataset.organisations:
        for fp in located.value.focal_points:
            if fp.role in roles and not fp.example and (fp.email or fp.phone):
                roles[fp.role] += 1
    identified = sum(1 for n in roles.values() if n)
    return Measure(float(identified), details=dict(roles), met=identified == len(roles))
