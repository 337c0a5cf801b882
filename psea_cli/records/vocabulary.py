"""The closed lists of the prevention records (no pydantic here: the commands' options use
them, and ``psea --help`` must start without loading pydantic)."""

from __future__ import annotations

from typing import Literal

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
