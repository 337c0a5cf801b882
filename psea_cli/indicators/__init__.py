"""Indicators: computed metrics (a registry of plain functions) and manual values per period."""

from __future__ import annotations

# The names the plan's indicators may use in ``measured_by``. The metric registry
# (psea_cli.indicators.registry) must define exactly these; a test keeps them in step.
METRIC_NAMES: tuple[str, ...] = (
    "cases_received",
    "response_within_7_days",
    "assistance_referral_within_72h",
    "investigation_referral_with_consent",
    "legal_information_given",
    "survivor_satisfaction",
    "orgs_with_focal_point",
    "directory_verified",
    "orgs_code_of_conduct_signed",
    "orgs_psea_in_induction",
    "orgs_internal_reporting_system",
    "orgs_sop_integrated",
    "orgs_sg_bulletin_disseminated",
    "regions_with_service_coverage",
    "focal_points_trained_investigation",
    "focal_points_received_sop",
    "complaint_channels_active",
    "lead_and_cofacilitator_identified",
    "plan_budgeted",
)
