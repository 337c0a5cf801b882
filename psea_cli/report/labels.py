"""Display names of the values the data files use (``sexual_exploitation``, ``in_progress``…).

Marked with ``N_`` for extraction and translated when the report is built, in its language.
"""

from __future__ import annotations

from psea_cli.i18n import N_, _

_LABELS: dict[str, dict[str, str]] = {
    "channel": {
        "hotline": N_("Hotline"),
        "cbcm": N_("Community-based complaint mechanism"),
        "focal_point": N_("Focal point"),
        "community_relay": N_("Community relay"),
        "staff_report": N_("Staff report"),
        "other": N_("Other"),
    },
    "allegation": {
        "sexual_exploitation": N_("Sexual exploitation"),
        "sexual_abuse": N_("Sexual abuse"),
        "other": N_("Other"),
        "not_sea": N_("Not SEA"),
    },
    "sex": {"female": N_("Female"), "male": N_("Male"), "other": N_("Other"),
            "unknown": N_("Unknown")},
    "age_group": {"child": N_("Child (under 18)"), "adult": N_("Adult"),
                  "unknown": N_("Unknown")},
    "activity_status": {
        "not_started": N_("Not started"),
        "in_progress": N_("In progress"),
        "done": N_("Done"),
        "delayed": N_("Delayed"),
        "cancelled": N_("Cancelled"),
        "none": N_("No progress recorded"),
    },
    "indicator_status": {
        "on_track": N_("On track"),
        "behind": N_("Behind"),
        "no_target": N_("No target"),
        "no_data": N_("No data"),
    },
    "milestone": {"not_started": N_("Not started"), "in_progress": N_("In progress"),
                  "done": N_("Done")},
    "service_type": {
        "medical": N_("Medical"),
        "psychosocial": N_("Psychosocial"),
        "legal": N_("Legal"),
        "safety_shelter": N_("Safety and shelter"),
        "livelihood": N_("Livelihood"),
        "child_protection": N_("Child protection"),
        "case_management": N_("Case management"),
        "complaint_channel": N_("Complaint channel"),
    },
    "role": {
        "focal_point": N_("Focal point"),
        "alternate": N_("Alternate"),
        "lead_agency": N_("Lead agency"),
        "co_facilitator": N_("Co-facilitator"),
        "coordinator": N_("Coordinator"),
    },
    "entity": {"organisation": N_("Organisation"), "focal_point": N_("Focal point"),
               "service": N_("Service")},
    "change": {"added": N_("Added"), "removed": N_("Removed"), "modified": N_("Modified")},
}


def label(kind: str, value: str) -> str:
    """The translated display name of ``value``; an unknown value is shown as it is."""
    text = _LABELS.get(kind, {}).get(value)
    return _(text) if text else value


def labels(kind: str) -> dict[str, str]:
    """Every value of ``kind`` with its translated display name, in the catalogue's order."""
    return {value: _(text) for value, text in _LABELS[kind].items()}
