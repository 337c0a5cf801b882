"""The closed vocabularies of a case record, importable without pydantic (for help texts).

The model (``psea_cli.models.case``) types its fields with these ``Literal``s; the commands list
their choices from the matching tuples, so the two can never disagree.
"""

from __future__ import annotations

from typing import Literal, get_args

from psea_cli.i18n import N_

Channel = Literal["hotline", "cbcm", "focal_point", "community_relay", "staff_report", "other"]
Allegation = Literal["sexual_exploitation", "sexual_abuse", "other", "not_sea"]
SurvivorSex = Literal["female", "male", "other", "unknown"]
AgeGroup = Literal["child", "adult", "unknown"]
Consent = Literal["yes", "no", "not_asked"]
YesNoUnknown = Literal["yes", "no", "unknown"]
PerpetratorAffiliation = Literal[
    "un_staff", "un_related", "un_mission", "ingo", "nngo", "implementing_partner",
    "government", "contractor", "volunteer", "other", "unknown",
]
EventKind = Literal[
    "acknowledged", "assistance_referred", "investigation_referred", "measures_taken",
    "legal_information", "feedback_given", "satisfaction", "closed", "reopened",
]
MeasureKind = Literal[
    "interim_suspension", "dismissal", "contract_termination",
    "referral_national_authorities", "other", "none",
]
Satisfaction = Literal["satisfied", "not_satisfied"]
ClosureReason = Literal[
    "needs_met", "survivor_request", "transferred", "no_contact",
    "investigation_closed", "not_sea", "duplicate", "other",
]
Step = Literal[
    "reception", "acknowledgement", "assistance", "investigation", "measures", "feedback",
    "closed",
]
"""Where a case stands, derived from its events (``Case.step``), never typed by hand."""

CHANNELS: tuple[str, ...] = get_args(Channel)
ALLEGATIONS: tuple[str, ...] = get_args(Allegation)
SEXES: tuple[str, ...] = get_args(SurvivorSex)
AGE_GROUPS: tuple[str, ...] = get_args(AgeGroup)
MEASURES: tuple[str, ...] = get_args(MeasureKind)
SATISFACTIONS: tuple[str, ...] = get_args(Satisfaction)
CLOSURE_REASONS: tuple[str, ...] = get_args(ClosureReason)
STEPS: tuple[str, ...] = get_args(Step)

EVENT_DETAILS: dict[str, tuple[str, ...]] = {
    "assistance_referred": ("service", "service_id"),
    "investigation_referred": ("organisation",),
    "measures_taken": ("measure",),
    "satisfaction": ("value",),
    "closed": ("reason",),
}
"""The detail keys each event kind may carry (other kinds carry none)."""

REQUIRED_DETAIL: dict[str, str] = {
    "assistance_referred": "service",
    "investigation_referred": "organisation",
    "measures_taken": "measure",
    "satisfaction": "value",
    "closed": "reason",
}
"""The detail each event kind must carry."""

DETAIL_KEYS: tuple[str, ...] = ("service", "service_id", "organisation", "measure", "value",
                                "reason")

LABELS: dict[str, dict[str, str]] = {
    "channel": {
        "hotline": N_("telephone hotline"),
        "cbcm": N_("community-based complaint mechanism (box, committee)"),
        "focal_point": N_("an organisation's PSEA focal point"),
        "community_relay": N_("community relay"),
        "staff_report": N_("report by a staff member"),
        "other": N_("other channel"),
    },
    "sex": {"female": N_("female"), "male": N_("male"), "other": N_("other"),
            "unknown": N_("unknown")},
    "age_group": {"child": N_("child (under 18)"), "adult": N_("adult (18 or over)"),
                  "unknown": N_("unknown")},
    "allegation": {
        "sexual_exploitation": N_("sexual exploitation"),
        "sexual_abuse": N_("sexual abuse"),
        "other": N_("other misconduct"),
        "not_sea": N_("not SEA (after analysis)"),
    },
    "reason": {
        "needs_met": N_("the survivor's needs are met"),
        "survivor_request": N_("at the survivor's request"),
        "transferred": N_("transferred to another agency"),
        "no_contact": N_("no further contact possible"),
        "investigation_closed": N_("investigation closed"),
        "not_sea": N_("not SEA"),
        "duplicate": N_("duplicate of another case"),
        "other": N_("other reason"),
    },
    "measure": {
        "interim_suspension": N_("interim suspension"),
        "dismissal": N_("dismissal"),
        "contract_termination": N_("contract termination"),
        "referral_national_authorities": N_("referral to national authorities"),
        "other": N_("other measure"),
        "none": N_("no measure"),
    },
    "value": {"satisfied": N_("satisfied"), "not_satisfied": N_("not satisfied")},
}
"""What each code means, for prompts (translated with ``_`` where shown)."""
