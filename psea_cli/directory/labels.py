"""Words for the directory's codes in the user's language: service types, statuses, roles,
organisation types, who a service serves, language names, and the gaps said plainly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from psea_cli.directory_words import ORGANISATION_TYPES, ROLES, SERVICE_TYPES, STATUSES
from psea_cli.i18n import N_, _, current_language

__all__ = ["ORGANISATION_TYPES", "ROLES", "SERVICE_TYPES", "STATUSES"]

if TYPE_CHECKING:
    from psea_cli.directory.coverage import Gap
    from psea_cli.models.service import ServedPeople

# One sentence per type: the French needs its own article and elision (« pas d'aide juridique »).
GAPS = {
    "medical": N_("no medical care in {region}"),
    "psychosocial": N_("no psychosocial support in {region}"),
    "legal": N_("no legal aid in {region}"),
    "safety_shelter": N_("no safe shelter in {region}"),
    "livelihood": N_("no livelihood support in {region}"),
    "child_protection": N_("no child protection service in {region}"),
    "case_management": N_("no GBV case management in {region}"),
    "complaint_channel": N_("no complaint channel in {region}"),
}

ENTITIES = {
    "organisation": N_("organisation"),
    "focal_point": N_("focal point"),
    "service": N_("service"),
    "activity": N_("activity"),
    "indicator": N_("indicator"),
}

CHANGE_KINDS = {"added": N_("added"), "removed": N_("removed"), "modified": N_("modified")}

COSTS = {"free": N_("free"), "paid": N_("paid"), "mixed": N_("free or paid")}

_SEXES = {
    frozenset(): N_("everyone"),
    frozenset({"female"}): N_("women and girls"),
    frozenset({"male"}): N_("men and boys"),
    frozenset({"other"}): N_("people of other genders"),
}


def label(table: dict[str, str], code: str) -> str:
    """The translated word for ``code``, or the code itself when the table lacks it."""
    return _(table[code]) if code in table else code


def gap(service_type: str, region: str) -> str:
    """``no legal aid in Ménaka`` / ``pas d'aide juridique à Ménaka``."""
    return _(GAPS[service_type]).format(region=region)


def gap_sentence(found: Gap) -> str:
    """``no legal aid in Ménaka — available in: Gao, Mopti``, noting example-only entries."""
    text = gap(found.service_type, found.region_name)
    if found.examples_only:
        text += " " + _("(only example entries, with fictitious contacts)")
    if found.elsewhere:
        text += " " + _("— available in: {regions}").format(regions=", ".join(found.elsewhere))
    return text


def served(serves: ServedPeople) -> str:
    """``women and girls, aged 0–17``; ``everyone`` when the service sets no limit."""
    sexes = frozenset(serves.sex)
    if len(sexes) >= 3:
        sexes = frozenset()
    who = _(_SEXES[sexes]) if sexes in _SEXES else ", ".join(
        _(_SEXES[frozenset({s})]) for s in sorted(sexes))
    low, high = serves.age_min or None, serves.age_max  # from age 0 is no lower limit
    if low is not None and high is not None:
        ages = _("aged {low}–{high}").format(low=low, high=high)
    elif low is not None:
        ages = _("aged {low} and over").format(low=low)
    elif high is not None:
        ages = _("aged {high} or under").format(high=high)
    else:
        return who
    return f"{who}, {ages}"


def language_table(language: str) -> dict[str, str]:
    """Every language code psea can name, with its name in ``language``."""
    from psea_cli.languages import language_table as table

    return table(language)


def language_names(codes: list[str]) -> str:
    """``fr, bm`` → ``French, Bambara`` (``français, bambara`` in French)."""
    names = language_table(current_language())
    return ", ".join(names.get(code, code) for code in codes)
