"""Readers' words for the report: the annex's definitions without code or Markdown syntax.

The metric definitions are written once, for the coordinator and the documentation, with
field names in double back-quotes (``consent.assistance: yes``) and emphasis in asterisks
(``*pending*``). An HTML reader sees neither: each field name becomes the phrase below, in the
report's language, and an emphasised word is drawn in italics. A field name this glossary does
not know is written as words (``lead_agency`` → ``lead agency``), never as code.
"""

from __future__ import annotations

import re
from typing import Any

from psea_cli.i18n import N_, _

GLOSSARY: dict[str, str] = {
    "not_sea": N_("not SEA"),
    "acknowledged": N_("complaint acknowledged"),
    "sop.acknowledgement_days": N_("the SOPs' acknowledgement deadline"),
    "consent.assistance: yes": N_("consent to assistance given"),
    "assistance_referred": N_("referral to assistance"),
    "no": N_("no"),
    "sop.assistance_referral_hours": N_("the SOPs' referral deadline"),
    "investigation_referred": N_("referral for investigation"),
    "referred_to_entity": N_("referral to the entity concerned"),
    "consent.investigation: yes": N_("consent to an investigation given"),
    "legal_information": N_("legal information given"),
    "satisfaction": N_("satisfaction recorded"),
    "satisfied": N_("satisfied"),
    "verified_on": N_("date of last verification"),
    "sop.directory_verification_days": N_("the directory's verification interval"),
    "commitments.code_of_conduct_signed": N_("code of conduct signed"),
    "commitments.psea_in_induction": N_("PSEA in staff induction"),
    "commitments.internal_reporting_system": N_("internal reporting system"),
    "commitments.sop_integrated": N_("SOPs integrated"),
    "commitments.sg_bulletin_disseminated": N_("SG bulletin disseminated"),
    "investigation": N_("investigation"),
    "sop_received_on": N_("date the SOPs were received"),
    "sop": N_("SOPs"),
    "complaint_channel": N_("complaint channel"),
    "lead_agency": N_("lead agency"),
    "co_facilitator": N_("co-facilitator"),
    "amount_usd": N_("amount in USD"),
    "community_relays": N_("community relays"),
    "government_officials": N_("government officials"),
    "materials": N_("materials distributed"),
    "minutes": N_("minutes"),
    "network": N_("network"),
    "partners": N_("partners"),
    "staff": N_("staff"),
    # case and directory values the definitions name
    "survivor.count": N_("number of survivors"),
    "cluster_member": N_("cluster member"),
    "ehp_member": N_("member of the HCT"),
    "investigation_concluded": N_("investigation concluded"),
    "investigation_opened": N_("investigation opened"),
    "other": N_("other"),
    "unknown": N_("unknown"),
    "sexual_exploitation": N_("sexual exploitation"),
    "sexual_abuse": N_("sexual abuse"),
    "closed": N_("case closed"),
    "reopened": N_("case reopened"),
    "other_allegations": N_("other allegations"),
    "duplicate": N_("duplicate"),
    "duplicates": N_("duplicates"),
    "ongoing": N_("under way"),
    "not_opened": N_("not opened"),
    "no_entity_known": N_("no entity known"),
    "unlisted": N_("a region network.yaml does not list"),
    "respected_in_time": N_("referred within the deadline, consent respected"),
    "breach_in_time": N_("referred within the deadline, consent not respected"),
    "no_conclusion": N_("no conclusion"),
    "nngo": N_("national NGO"),
    "ingo": N_("international NGO"),
    "livelihood": N_("livelihood support"),
    "identity_shared": N_("identity shared"),
    "high_risk_zones": N_("high-risk zones"),
    "feedback_given": N_("feedback given"),
    "consent.identity: yes": N_("consent to sharing the identity given"),
    "consent.assistance: no": N_("consent to assistance refused"),
    "referred_with_consent_breach": N_("referred despite the consent"),
    "case_management": N_("case management"),
    "survivors": N_("survivors"),
}

_MARKUP = re.compile(r"``(?P<code>[^`]+)``|`(?P<tick>[^`]+)`|\*\*?(?P<em>[^*\s][^*]*?)\*\*?")


def term(code: str) -> str:
    """A field name or value as words, in the current language."""
    known = GLOSSARY.get(code)
    if known is not None:
        return _(known)
    return re.sub(r"\s*:\s*", " ", re.sub(r"[._]+", " ", code)).strip()


def definition_parts(text: str) -> list[dict[str, Any]]:
    """``text`` as plain runs and emphasised runs (``{"text": …, "em": bool}``): field names
    turned into words, Markdown emphasis into italics."""
    parts: list[dict[str, Any]] = []
    position = 0
    for match in _MARKUP.finditer(text):
        if match.start() > position:
            parts.append({"text": text[position:match.start()], "em": False})
        code = match.group("code") or match.group("tick")
        parts.append({"text": term(code) if code else match.group("em"), "em": True})
        position = match.end()
    if position < len(text):
        parts.append({"text": text[position:], "em": False})
    return parts
