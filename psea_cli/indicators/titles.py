"""Human titles of the computed metrics, as a report reader reads them (French and English).

A metric's id (``cases_received``) is for the plan file, the JSON export and the small print of
the report's annex; everywhere else a reader sees its title. ``tests/test_report_words.py``
checks that every metric of the registry has one.
"""

from __future__ import annotations

from psea_cli.i18n import N_, _

METRIC_TITLES: dict[str, str] = {
    "cases_received": N_("SEA complaints received"),
    "response_within_7_days": N_("Complaints acknowledged within the SOP deadline"),
    "assistance_referral_within_72h": N_("Survivors referred to assistance in time"),
    "investigation_referral_with_consent": N_("Allegations referred for investigation with consent"),
    "legal_information_given": N_("Survivors informed of legal procedures"),
    "survivor_satisfaction": N_("Survivors satisfied with the assistance"),
    "median_days_to_entity_referral": N_("Median days to referral to the concerned entity"),
    "median_days_to_investigation_opened": N_("Median days to an investigation opened"),
    "median_days_to_investigation_concluded": N_("Median days to an investigation concluded"),
    "investigation_outcomes": N_("Investigations concluded, by outcome"),
    "open_cases_by_age": N_("Complaints still open, by how long"),
    "survivors_informed_of_outcome": N_(
        "Complaints whose survivors were informed of the investigation's outcome"),
    "orgs_with_focal_point": N_("Member organisations with a PSEA focal point"),
    "directory_verified": N_("Focal points whose details were verified recently"),
    "orgs_code_of_conduct_signed": N_("Member organisations that signed the code of conduct"),
    "orgs_psea_in_induction": N_("Member organisations with PSEA in staff induction"),
    "orgs_internal_reporting_system": N_("Member organisations with an internal reporting system"),
    "orgs_sop_integrated": N_("Member organisations that integrated the SOPs"),
    "orgs_sg_bulletin_disseminated": N_("Member organisations that disseminated the SG bulletin"),
    "hct_cluster_orgs_code_and_sop_integrated": N_(
        "HCT and cluster members that integrated the code of conduct and the SOPs"),
    "hct_cluster_orgs_internal_reporting_system": N_(
        "HCT and cluster members with an internal alert system"),
    "hct_orgs_code_of_conduct_signed": N_("HCT members that signed the code of conduct"),
    "cluster_national_ngos_code_of_conduct_signed": N_(
        "National NGOs in the clusters that signed the code of conduct"),
    "cluster_international_ngos_code_of_conduct_signed": N_(
        "International NGOs in the clusters that signed the code of conduct"),
    "regions_with_service_coverage": N_(
        "Regions with medical, psychosocial, social and legal services"),
    "focal_points_trained_investigation": N_("Focal points trained on investigations"),
    "focal_points_received_sop": N_("Focal points who received the SOPs"),
    "complaint_channels_active": N_("Active complaint channels"),
    "lead_and_cofacilitator_identified": N_("Lead agency and co-facilitator contacts identified"),
    "plan_budgeted": N_("Action plan fully budgeted"),
    "officials_trained": N_("Government officials trained"),
    "relays_trained": N_("Community relays trained or sensitised"),
    "staff_sensitised": N_("Humanitarian staff trained or sensitised"),
    "partners_sensitised": N_("Partners' personnel trained or sensitised"),
    "messages_disseminated": N_("Messages and materials disseminated"),
    "complaint_mechanisms_in_place": N_("Community-based complaint mechanisms in place"),
    "complaint_mechanisms_functional": N_("Complaint mechanisms found functional"),
    "risk_assessments": N_("SEA risk assessments completed"),
    "network_meetings_documented": N_("Network meetings documented by minutes"),
    "agencies_meeting_standards": N_("Member organisations meeting the PSEA standards"),
}

_UNTITLED = N_("an indicator computed by psea")


def metric_title(name: str) -> str:
    """The metric's title in the current language; a metric without one gets a generic phrase,
    never its id."""
    return _(METRIC_TITLES.get(name, _UNTITLED))
