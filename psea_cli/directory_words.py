"""The words for the directory's codes (service types, statuses, roles, organisation types),
marked for translation: at the bottom of the layers, so that a schema error can give each
allowed value its meaning (``schema_errors``) as the directory's own tables do
(``directory.labels``)."""

from __future__ import annotations

from psea_cli.i18n import N_

SERVICE_TYPES = {
    "medical": N_("Medical care"),
    "psychosocial": N_("Psychosocial support"),
    "legal": N_("Legal aid"),
    "safety_shelter": N_("Safety and shelter"),
    "livelihood": N_("Livelihood support"),
    "child_protection": N_("Child protection"),
    "case_management": N_("GBV case management"),
    "complaint_channel": N_("Complaint channel"),
}

STATUSES = {
    "active": N_("open"),
    "temporarily_closed": N_("temporarily closed"),
    "closed": N_("closed"),
}

ROLES = {
    "focal_point": N_("Focal point"),
    "alternate": N_("Alternate"),
    "lead_agency": N_("Lead agency"),
    "co_facilitator": N_("Co-facilitator"),
    "coordinator": N_("Coordinator"),
}

ORGANISATION_TYPES = {
    "un_agency": N_("UN agency"),
    "un_mission": N_("UN mission"),
    "ingo": N_("International NGO"),
    "nngo": N_("National NGO"),
    "government": N_("Government"),
    "red_cross": N_("Red Cross / Red Crescent"),
    "donor": N_("Donor"),
    "other": N_("Other"),
}
