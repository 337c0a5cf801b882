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
    "un_staff", "un_related", "un_mission", "un_uniformed", "ingo", "nngo",
    "implementing_partner", "government", "contractor", "volunteer", "other", "unknown",
]
PerpetratorCategory = Literal[
    "un_staff", "un_related_personnel", "un_uniformed_personnel", "implementing_partner", "ngo",
    "government", "other_unknown",
]
"""The category of personnel the UN system publishes its SEA allegations by; derived from
``affiliation`` (``PERPETRATOR_CATEGORY``), never typed by hand."""
EventKind = Literal[
    "acknowledged", "assistance_referred", "referred_to_entity", "entity_acknowledged",
    "identity_shared", "investigation_opened", "investigation_concluded", "measures_taken",
    "legal_information", "feedback_given", "satisfaction", "closed", "reopened",
]
InvestigationOutcome = Literal["substantiated", "unsubstantiated", "insufficient_information"]
"""How the concerned entity concluded its investigation. An investigation still under way has
no ``investigation_concluded`` event (it is *ongoing*)."""
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
OUTCOMES: tuple[str, ...] = get_args(InvestigationOutcome)
PERPETRATOR_CATEGORIES: tuple[str, ...] = get_args(PerpetratorCategory)
AFFILIATIONS: tuple[str, ...] = get_args(PerpetratorAffiliation)
EVENT_KINDS: tuple[str, ...] = get_args(EventKind)

PERPETRATOR_CATEGORY: dict[str, str] = {
    "un_staff": "un_staff",
    "un_mission": "un_staff",
    "un_related": "un_related_personnel",
    "un_uniformed": "un_uniformed_personnel",
    "implementing_partner": "implementing_partner",
    "ingo": "ngo",
    "nngo": "ngo",
    "government": "government",
    "contractor": "other_unknown",
    "volunteer": "other_unknown",
    "other": "other_unknown",
    "unknown": "other_unknown",
}
"""Affiliation -> the UN's category of personnel. ``un_mission`` (personnel of a UN mission,
civilian or uniformed not said) counts as UN staff; military and police of a mission are
``un_uniformed``. A contractor or volunteer of a UN entity is ``un_related``; of anyone else,
or of no one said, ``contractor``/``volunteer`` count as other or unknown."""

AFFILIATION_ORGANISATION_TYPES: dict[str, frozenset[str]] = {
    "un_staff": frozenset({"un_agency", "un_mission", "other"}),
    "un_mission": frozenset({"un_agency", "un_mission", "other"}),
    "un_uniformed": frozenset({"un_agency", "un_mission", "other"}),
    "ingo": frozenset({"ingo", "red_cross", "other"}),
    "nngo": frozenset({"nngo", "red_cross", "other"}),
    "government": frozenset({"government", "other"}),
}
"""Affiliation -> the types of the directory (``Organisation.type``) its organisation may have.
An affiliation not listed fits any type: the organisation of a UN-related consultant, an
implementing partner's staff, a contractor or a volunteer may be their own employer or the
agency they work for. ``other`` and ``red_cross`` (international or national) fit wherever
they may."""

LEGACY_EVENT_KINDS: dict[str, str] = {"investigation_referred": "referred_to_entity"}
"""Event kinds of earlier versions and what ``psea case migrate`` renames them to."""
STEPS: tuple[str, ...] = get_args(Step)

EVENT_DETAILS: dict[str, tuple[str, ...]] = {
    "assistance_referred": ("service", "service_id"),
    "referred_to_entity": ("organisation",),
    "entity_acknowledged": ("organisation",),
    "identity_shared": ("organisation",),
    "investigation_opened": ("organisation", "survivor_participates"),
    "investigation_concluded": ("organisation", "outcome"),
    "measures_taken": ("measure",),
    "satisfaction": ("value",),
    "closed": ("reason",),
}
"""The detail keys each event kind may carry (other kinds carry none)."""

REQUIRED_DETAIL: dict[str, str] = {
    "assistance_referred": "service",
    "referred_to_entity": "organisation",
    "identity_shared": "organisation",
    "investigation_concluded": "outcome",
    "measures_taken": "measure",
    "satisfaction": "value",
    "closed": "reason",
}
"""The detail each event kind must carry."""

CONSENT_NEEDED: dict[str, str] = {
    "identity_shared": "identity",
    "assistance_referred": "assistance",
    "investigation_opened": "investigation",
}
"""The consent (``consent.<purpose>``) each event kind needs: an investigation only when it
involves the survivor (``survivor_participates``: ``consent_needed``). Referring the
complaint to the concerned entity needs none: no identifying detail travels with it."""


def consent_needed(kind: str, survivor_participates: object) -> str | None:
    """The consent purpose an event of ``kind`` needs, or None."""
    if kind == "investigation_opened" and not survivor_participates:
        return None
    return CONSENT_NEEDED.get(kind)


DETAIL_KEYS: tuple[str, ...] = ("service", "service_id", "organisation", "measure", "value",
                                "reason", "outcome", "survivor_participates")

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
        "none": N_("decided: no measure"),  # beside "no measure recorded" in the report
    },
    "value": {"satisfied": N_("satisfied"), "not_satisfied": N_("not satisfied")},
    "outcome": {
        "substantiated": N_("substantiated"),
        "unsubstantiated": N_("unsubstantiated"),
        "insufficient_information": N_("closed for lack of information"),
    },
    "affiliation": {
        "un_staff": N_("UN staff member"),
        "un_related": N_("UN-related personnel (consultant, contractor, UN volunteer)"),
        "un_mission": N_("civilian staff of a UN mission"),
        "un_uniformed": N_("UN uniformed personnel (military, police)"),
        "ingo": N_("international NGO"),
        "nngo": N_("national NGO"),
        "implementing_partner": N_("implementing partner of an agency"),
        "government": N_("government"),
        "contractor": N_("contractor or supplier"),
        "volunteer": N_("community volunteer or relay"),
        "other": N_("other employer"),
        "unknown": N_("unknown"),
    },
    "goods": {"yes": N_("yes"), "no": N_("no"), "unknown": N_("unknown")},
    "category": {
        "un_staff": N_("UN staff"),
        "un_related_personnel": N_("UN-related personnel (consultants, contractors, UN "
                                   "volunteers)"),
        "un_uniformed_personnel": N_("UN uniformed personnel (military, police)"),
        "implementing_partner": N_("implementing partner"),
        "ngo": N_("NGO (national or international)"),
        "government": N_("government"),
        "other_unknown": N_("other or unknown"),
    },
    "kind": {
        "acknowledged": N_("the complaint's receipt is acknowledged"),
        "assistance_referred": N_("survivor referred to an assistance service"),
        "referred_to_entity": N_("complaint referred to the concerned entity"),
        "entity_acknowledged": N_("the concerned entity acknowledged the referral"),
        "identity_shared": N_("survivor's identifying details shared with an entity"),
        "investigation_opened": N_("investigation opened"),
        "investigation_concluded": N_("investigation concluded, with its outcome"),
        "measures_taken": N_("measures taken against the alleged perpetrator"),
        "legal_information": N_("survivor informed of legal procedures"),
        "feedback_given": N_("survivor informed of the outcome"),
        "satisfaction": N_("survivor's satisfaction recorded"),
        "closed": N_("case closed"),
        "reopened": N_("case reopened"),
    },
    "step": {
        "reception": N_("reception"), "acknowledgement": N_("acknowledgement"),
        "assistance": N_("assistance"), "investigation": N_("investigation"),
        "measures": N_("measures"), "feedback": N_("feedback to the survivor"),
        "closed": N_("closed"),
    },
    "status": {"open": N_("open"), "closed": N_("closed"), "overdue": N_("overdue")},
}
"""What each code means, for prompts and tables (translated with ``_`` where shown)."""


def word(kind: str, code: str) -> str:
    """A code of the case model in the current language (the code itself when it has no
    word)."""
    from psea_cli.i18n import _

    text = LABELS.get(kind, {}).get(code)
    return _(text) if text else code

NOTE_MAX_LENGTH = 280
"""A case note's longest length: a longer one is a schema error, and is not screened."""
