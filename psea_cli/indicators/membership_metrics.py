"""Metrics over the organisations the plan's wording names: members of the humanitarian country
team (HCT, ``ehp_member``), members of the clusters (``cluster_member``), national and
international NGOs taking part in the clusters.

Like every directory metric they are measured on the measuring day, over organisations whose
network membership is active on that day; ``ehp_member`` and ``cluster_member`` are read as
the directory records them today.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from psea_cli.indicators.context import MeasureContext
from psea_cli.indicators.directory_metrics import _by_type, _dated_by, members
from psea_cli.indicators.values import Measure, ratio

if TYPE_CHECKING:
    from psea_cli.models import Organisation


def _hct_or_cluster(ctx: MeasureContext) -> list[Organisation]:
    return [o for o in members(ctx) if o.ehp_member or o.cluster_member]


def _share(orgs: list[Organisation], ctx: MeasureContext,
           done: Callable[[Organisation], bool], **details: object) -> Measure:
    hits = [o for o in orgs if done(o)]
    return ratio(len(hits), len(orgs), _by_type(orgs, hits),
                 other_members=len(members(ctx)) - len(orgs), **details)


def hct_cluster_orgs_code_and_sop_integrated(ctx: MeasureContext) -> Measure:
    """Percentage of HCT and cluster member organisations that integrated a PSEA code of
    conduct and the PSEA SOPs into their procedures.

    Denominator: member organisations on the measuring day that are HCT members
    (``ehp_member``) or cluster members (``cluster_member``): the plan's "membres de l'EHP et
    des clusters" is read as members of either, since it names both bodies to cover every
    humanitarian organisation. Numerator: those whose ``commitments.code_of_conduct_signed``
    and ``commitments.sop_integrated`` dates are both on or before that day, as the wording
    asks for the code and the SOPs. The member organisations of neither body are counted in
    the details. Broken down by organisation type.
    """
    day = ctx.day
    return _share(_hct_or_cluster(ctx), ctx,
                  lambda o: _dated_by(o.commitments.code_of_conduct_signed, day)
                  and _dated_by(o.commitments.sop_integrated, day))


def hct_cluster_orgs_internal_reporting_system(ctx: MeasureContext) -> Measure:
    """Percentage of HCT and cluster member organisations with an internal alert system to
    raise SEA cases.

    Denominator: member organisations on the measuring day that are HCT members
    (``ehp_member``) or cluster members (``cluster_member``). Numerator: those whose
    ``commitments.internal_reporting_system`` date is on or before that day. The member
    organisations of neither body are counted in the details. Broken down by organisation
    type.
    """
    day = ctx.day
    return _share(_hct_or_cluster(ctx), ctx,
                  lambda o: _dated_by(o.commitments.internal_reporting_system, day))


def hct_orgs_code_of_conduct_signed(ctx: MeasureContext) -> Measure:
    """Percentage of HCT member organisations that signed the code of conduct.

    Denominator: member organisations on the measuring day that are HCT members
    (``ehp_member``). Numerator: those whose ``commitments.code_of_conduct_signed`` date is on
    or before that day. Broken down by organisation type.
    """
    day = ctx.day
    return _share([o for o in members(ctx) if o.ehp_member], ctx,
                  lambda o: _dated_by(o.commitments.code_of_conduct_signed, day))


def _cluster_ngos(ctx: MeasureContext, kind: str) -> Measure:
    day = ctx.day
    ngos = [o for o in members(ctx) if o.cluster_member and o.type == kind]
    return _share(ngos, ctx, lambda o: _dated_by(o.commitments.code_of_conduct_signed, day))


def cluster_national_ngos_code_of_conduct_signed(ctx: MeasureContext) -> Measure:
    """Percentage of national NGOs taking part in the clusters that signed the PSEA code of
    conduct.

    Denominator: member organisations on the measuring day of type ``nngo`` that are cluster
    members (``cluster_member``). Numerator: those whose
    ``commitments.code_of_conduct_signed`` date is on or before that day. International NGOs
    have their own figure: the plan asks for the two apart.
    """
    return _cluster_ngos(ctx, "nngo")


def cluster_international_ngos_code_of_conduct_signed(ctx: MeasureContext) -> Measure:
    """Percentage of international NGOs taking part in the clusters that signed the PSEA code
    of conduct.

    Denominator: member organisations on the measuring day of type ``ingo`` that are cluster
    members (``cluster_member``). Numerator: those whose
    ``commitments.code_of_conduct_signed`` date is on or before that day. National NGOs have
    their own figure: the plan asks for the two apart.
    """
    return _cluster_ngos(ctx, "ingo")
