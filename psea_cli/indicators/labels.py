"""Words for the codes an indicator's breakdown is keyed by, for the human tables.

The JSON and CSV exports keep the codes (``ML05``, ``female/child``, ``safety_shelter``): they
are what programs and the plan file use. A person reading ``psea indicators`` in a terminal
reads region names and the vocabulary in their language instead.
"""

from __future__ import annotations

from collections.abc import Mapping

from psea_cli import formatting
from psea_cli.cases.vocabulary import LABELS as CASE_LABELS
from psea_cli.directory.labels import ORGANISATION_TYPES, SERVICE_TYPES
from psea_cli.i18n import N_, _
from psea_cli.indicators.case_metrics import UNLISTED_REGION
from psea_cli.records.frameworks import FRAMEWORK_NAMES
from psea_cli.records.vocabulary import WORDS as RECORD_WORDS

DIMENSIONS = {
    "quarter": N_("quarter"),
    "region": N_("region"),
    "channel": N_("channel"),
    "allegation": N_("allegation"),
    "sex_age": N_("sex and age"),
    "org_type": N_("type of organisation"),
    "service_type": N_("service type"),
    "gaps": N_("missing service"),
    "service": N_("service"),
    "material": N_("material"),
    "kind": N_("type of mechanism"),
    "framework": N_("framework of standards"),
}

_PEOPLE = {
    "female/child": N_("girls"), "female/adult": N_("women"),
    "male/child": N_("boys"), "male/adult": N_("men"),
    "girls": N_("girls"), "women": N_("women"), "boys": N_("boys"), "men": N_("men"),
}
_MATERIALS = {"posters": N_("Posters"), "leaflets": N_("Leaflets"),
              "image_boxes": N_("Image boxes"), "radio_spots": N_("Radio spots"),
              "sms": N_("SMS"), "other": N_("Other")}
_MECHANISMS = RECORD_WORDS["kind"]
_SHORT_CHANNELS = {"cbcm": N_("community-based mechanism"),
                   "focal_point": N_("focal point")}

_WORDS: dict[str, Mapping[str, str]] = {
    "channel": {**CASE_LABELS["channel"], **_SHORT_CHANNELS},
    "allegation": CASE_LABELS["allegation"],
    "org_type": ORGANISATION_TYPES,
    "service_type": SERVICE_TYPES,
    "gaps": {**SERVICE_TYPES, "social": N_("Social support (GBV case management or livelihood)")},
    "service": {**SERVICE_TYPES, "social": N_("Social support")},
    "material": _MATERIALS,
    "kind": _MECHANISMS,
    "framework": FRAMEWORK_NAMES,
    "sex_age": _PEOPLE,
}


def dimension_label(dimension: str) -> str:
    """``sex and age`` / ``sexe et âge`` for ``sex_age``; an unknown dimension as it is."""
    return _(DIMENSIONS[dimension]) if dimension in DIMENSIONS else dimension


_SEXES = {"female": N_("female"), "male": N_("male"), "other": N_("other sex"),
          "unknown": N_("sex unknown")}
_AGES = {"child": N_("child"), "adult": N_("adult"), "unknown": N_("age unknown")}


def _sex_age(key: str) -> str:
    if key in _PEOPLE:
        return _(_PEOPLE[key])
    sex, _slash, age = key.partition("/")
    if sex not in _SEXES or age not in _AGES:
        return key
    return _("{sex}, {age}").format(sex=_(_SEXES[sex]), age=_(_AGES[age]))


def key_label(dimension: str, key: str, regions: Mapping[str, str]) -> str:
    """The word for one category of a breakdown: a region's name for its p-code, the
    translated vocabulary for a code; a key without a word is shown as it is."""
    if dimension == "region":
        return regions.get(key) or (_("region not listed") if key == UNLISTED_REGION else key)
    if dimension == "sex_age":
        return _sex_age(key)
    if dimension == "quarter":
        return formatting.quarter_name(key)
    words = _WORDS.get(dimension, {})
    return _(words[key]) if key in words else key
