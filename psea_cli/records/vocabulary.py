"""The closed lists of the prevention records (no pydantic here: the commands' options use
them, and ``psea --help`` must start without loading pydantic)."""

from __future__ import annotations

from typing import Literal

from psea_cli.i18n import N_

SessionKind = Literal["training", "awareness"]
Audience = Literal["government_officials", "community_relays", "community_members", "staff",
                   "partners", "members"]
Topic = Literal["sea_basics", "code_of_conduct", "sg_bulletin", "reporting", "complaint_mechanisms",
                "referral", "investigation", "survivor_assistance", "other"]
Material = Literal["posters", "leaflets", "image_boxes", "radio_spots", "sms", "other"]
MeetingKind = Literal["network", "core_team", "hct_briefing", "working_group", "other"]
ActionStatus = Literal["open", "done", "dropped"]
MechanismKind = Literal["community_committee", "hotline", "suggestion_box", "focal_point_desk",
                        "other"]
Framework = Literal["mos_psea", "un_ip_protocol"]
Rating = Literal["met", "partially_met", "not_met"]
OverallRating = Literal["full", "medium", "low", "met", "partially_met", "not_met"]

WORDS: dict[str, dict[str, str]] = {
    "session_kind": {"training": N_("training"), "awareness": N_("awareness-raising")},
    "audience": {
        "government_officials": N_("government officials"),
        "community_relays": N_("community relays"),
        "community_members": N_("community members"),
        "staff": N_("humanitarian staff"),
        "partners": N_("partners' personnel"),
        "members": N_("network members"),
    },
    "topic": {
        "sea_basics": N_("SEA: definitions and principles"),
        "code_of_conduct": N_("code of conduct"),
        "sg_bulletin": N_("Secretary-General's bulletin"),
        "reporting": N_("how to report"),
        "complaint_mechanisms": N_("complaint mechanisms"),
        "referral": N_("referral of survivors"),
        "investigation": N_("investigation"),
        "survivor_assistance": N_("survivor assistance"),
        "other": N_("other"),
    },
    "meeting_kind": {
        "network": N_("network meeting"),
        "core_team": N_("core team"),
        "hct_briefing": N_("briefing of the humanitarian country team"),
        "working_group": N_("working group"),
        "other": N_("other"),
    },
    "status": {"open": N_("open"), "done": N_("done"), "dropped": N_("dropped")},
    "kind": {"community_committee": N_("community committee"), "hotline": N_("hotline"),
             "suggestion_box": N_("suggestion box"), "focal_point_desk": N_("focal point desk"),
             "other": N_("other")},
    "framework": {"mos_psea": N_("MOS-PSEA (self-assessment)"),
                  "un_ip_protocol": N_("UN IP Protocol (capacity)")},
    "overall": {"full": N_("full capacity"), "medium": N_("medium capacity"),
                "low": N_("low capacity"), "met": N_("standards met"),
                "partially_met": N_("standards partially met"),
                "not_met": N_("standards not met")},
}
"""What the codes of a session's kind, audience and topics, a meeting's kind, an action point's
status, a mechanism's kind, an assessment's framework and overall rating mean (translated with
``_`` where shown). The forms label their choices with these words, and the report its rows."""


def word(kind: str, code: str) -> str:
    """A code of the records in the current language (the code itself when it has no word)."""
    from psea_cli.i18n import _

    text = WORDS.get(kind, {}).get(code)
    return _(text) if text else code
