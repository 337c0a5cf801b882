"""The two frameworks an agency's PSEA assessment follows, their standards and their scales.

* ``mos_psea``: the IASC Minimum Operating Standards on PSEA, assessed by the agency itself;
  each standard met, partially met or not met.
* ``un_ip_protocol``: the PSEA capacity assessment of the UN Protocol on Allegations of SEA
  involving Implementing Partners (2018); eight core standards, each met or not met; the
  partner's capacity is full when all eight are met, medium with six or seven, low otherwise.

The standard ids are psea's short names for the frameworks' headings (docs/records.md gives
the headings). The overall rating follows from the ratings; ``expected_overall`` says how.
"""

from __future__ import annotations

from psea_cli.i18n import N_

MOS_PSEA: dict[str, str] = {
    "policy": N_("PSEA policy"),
    "cooperative_arrangements": N_("Cooperative arrangements with partners"),
    "focal_point": N_("Dedicated PSEA focal point"),
    "communication": N_("Communication from headquarters to the field"),
    "staff_awareness": N_("Awareness-raising of personnel"),
    "community_engagement": N_("Engagement with and support of communities"),
    "complaint_mechanisms": N_("Effective complaint mechanisms"),
    "recruitment": N_("Recruitment and performance management"),
    "investigations": N_("Investigations"),
    "survivor_assistance": N_("Survivor assistance"),
}
UN_IP_PROTOCOL: dict[str, str] = {
    "policy": N_("Organisational policy"),
    "management": N_("Organisational management"),
    "human_resources": N_("Human resources systems"),
    "training": N_("Mandatory training"),
    "reporting": N_("Reporting"),
    "assistance": N_("Assistance and referrals"),
    "investigations": N_("Investigations"),
    "corrective_action": N_("Corrective action"),
}
STANDARDS: dict[str, dict[str, str]] = {"mos_psea": MOS_PSEA, "un_ip_protocol": UN_IP_PROTOCOL}
SCALES: dict[str, tuple[str, ...]] = {"mos_psea": ("met", "partially_met", "not_met"),
                                      "un_ip_protocol": ("met", "not_met")}
OVERALL: dict[str, tuple[str, ...]] = {"mos_psea": ("met", "partially_met", "not_met"),
                                       "un_ip_protocol": ("full", "medium", "low")}
FRAMEWORK_NAMES: dict[str, str] = {"mos_psea": N_("IASC minimum operating standards (MOS-PSEA)"),
                                   "un_ip_protocol": N_("UN implementing partner protocol")}
COMPLIANT = frozenset({"met", "full"})
"""Overall ratings that mean the agency meets the standards."""


def expected_overall(framework: str, ratings: dict[str, str]) -> str | None:
    """The overall rating the ratings give, or None when not every standard is rated."""
    standards = STANDARDS[framework]
    if set(ratings) != set(standards):
        return None
    met = sum(1 for value in ratings.values() if value == "met")
    if framework == "un_ip_protocol":
        return "full" if met == len(standards) else "medium" if met >= 6 else "low"
    if met == len(standards):
        return "met"
    return "not_met" if all(value == "not_met" for value in ratings.values()) else "partially_met"
