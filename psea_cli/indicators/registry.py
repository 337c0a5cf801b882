"""The registry of computed metrics: an explicit dictionary of plain functions.

A plan indicator names one of these in ``measured_by``. Each function takes a
``MeasureContext`` (dataset, period, as-of day) and returns a ``Measure``; its docstring is
its definition, printed in the report's annex and in ``docs/indicators.md``, so it is written
for the network coordinator: what is counted, the numerator, the denominator, edge cases.
Importing this module stays light (no pydantic), so that ``psea indicators --help`` can list
the names quickly.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

from psea_cli.indicators import (
    accountability_metrics,
    case_metrics,
    directory_metrics,
    membership_metrics,
    plan_metrics,
    record_metrics,
    service_metrics,
)
from psea_cli.indicators.context import MeasureContext
from psea_cli.indicators.values import Measure, Metric


def _metric(func: Callable[[MeasureContext], Measure], unit: str) -> tuple[str, Metric]:
    sensitive = func.__module__ in (case_metrics.__name__, accountability_metrics.__name__)
    return func.__name__, Metric(func.__name__, func, inspect.cleandoc(func.__doc__ or ""), unit,
                                 sensitive)


METRICS: dict[str, Metric] = dict([
    _metric(case_metrics.cases_received, "count"),
    _metric(case_metrics.response_within_7_days, "percent"),
    _metric(case_metrics.assistance_referral_within_72h, "percent"),
    _metric(case_metrics.investigation_referral_with_consent, "percent"),
    _metric(case_metrics.legal_information_given, "percent"),
    _metric(case_metrics.survivor_satisfaction, "percent"),
    _metric(accountability_metrics.median_days_to_entity_referral, "days"),
    _metric(accountability_metrics.median_days_to_investigation_opened, "days"),
    _metric(accountability_metrics.median_days_to_investigation_concluded, "days"),
    _metric(accountability_metrics.investigation_outcomes, "count"),
    _metric(accountability_metrics.open_cases_by_age, "count"),
    _metric(accountability_metrics.survivors_informed_of_outcome, "percent"),
    _metric(directory_metrics.orgs_with_focal_point, "percent"),
    _metric(directory_metrics.directory_verified, "percent"),
    _metric(directory_metrics.orgs_code_of_conduct_signed, "percent"),
    _metric(directory_metrics.orgs_psea_in_induction, "percent"),
    _metric(directory_metrics.orgs_internal_reporting_system, "percent"),
    _metric(directory_metrics.orgs_sop_integrated, "percent"),
    _metric(directory_metrics.orgs_sg_bulletin_disseminated, "count"),
    _metric(membership_metrics.hct_cluster_orgs_code_and_sop_integrated, "percent"),
    _metric(membership_metrics.hct_cluster_orgs_internal_reporting_system, "percent"),
    _metric(membership_metrics.hct_orgs_code_of_conduct_signed, "percent"),
    _metric(membership_metrics.cluster_national_ngos_code_of_conduct_signed, "percent"),
    _metric(membership_metrics.cluster_international_ngos_code_of_conduct_signed, "percent"),
    _metric(service_metrics.regions_with_service_coverage, "percent"),
    _metric(directory_metrics.focal_points_trained_investigation, "percent"),
    _metric(directory_metrics.focal_points_received_sop, "percent"),
    _metric(service_metrics.complaint_channels_active, "count"),
    _metric(directory_metrics.lead_and_cofacilitator_identified, "boolean"),
    _metric(plan_metrics.plan_budgeted, "amount"),
    _metric(record_metrics.officials_trained, "count"),
    _metric(record_metrics.relays_trained, "count"),
    _metric(record_metrics.staff_sensitised, "count"),
    _metric(record_metrics.partners_sensitised, "count"),
    _metric(record_metrics.messages_disseminated, "count"),
    _metric(record_metrics.complaint_mechanisms_in_place, "count"),
    _metric(record_metrics.complaint_mechanisms_functional, "percent"),
    _metric(record_metrics.risk_assessments, "count"),
    _metric(record_metrics.network_meetings_documented, "count"),
    _metric(record_metrics.agencies_meeting_standards, "percent"),
])

METRIC_NAMES: tuple[str, ...] = tuple(METRICS)
"""The names the plan's indicators may use in ``measured_by``."""
