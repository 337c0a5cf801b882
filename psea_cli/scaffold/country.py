"""The country a new network is made for: its profile when psea has one (regions, dialling
code, the word for admin-2 areas), else the options given, checked against the numbering plans
and Unicode's CLDR (a code that names no country, another country's dialling code)."""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Iterator
from importlib import resources
from typing import Any

from psea_cli import yamlio
from psea_cli.i18n import SUPPORTED_LANGUAGES, _, current_language, set_language
from psea_cli.problems import PseaError


@dataclasses.dataclass(frozen=True)
class Country:
    """What a network repository needs to know about its country."""

    iso3: str
    iso2: str
    name: str
    phone_country_code: str
    national_phone_digits: int
    regions: list[dict[str, Any]]
    """pcode, name and, when the profile gives it, the square on the report's map (tile)."""
    from_profile: bool
    admin2_name: str | None = None
    """The word for the admin-2 areas (cercle), when the country profile gives it."""


def _profile(iso3: str) -> dict[str, Any] | None:
    entry = resources.files("psea_cli.scaffold") / "countries" / f"{iso3}.yaml"
    if not entry.is_file():
        return None
    data = yamlio.parse(entry.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else None


@contextlib.contextmanager
def _speaking(language: str) -> Iterator[None]:
    """Write in the network's language, whatever the language of messages."""
    previous = current_language()
    set_language(language)
    try:
        yield
    finally:
        set_language(previous)


def country_language(code: str) -> str | None:
    """Which of psea's languages, fr or en, the country of ISO 3166-1 alpha-3 ``code`` has
    official (the one more people speak, when both are), by Unicode's CLDR; None when neither
    is, or for a code that names no country."""
    from babel.core import get_global

    aliases = get_global("territory_aliases").get(code.strip().upper()) or []
    spoken = get_global("territory_languages").get(aliases[0] if aliases else "", {})
    official = [(facts.get("population_percent") or 0, language) for language, facts
                in spoken.items() if language in SUPPORTED_LANGUAGES
                and facts.get("official_status") in ("official", "de_facto_official")]
    return max(official)[1] if official else None


def country_for(code: str, language: str, phone_country_code: str | None) -> Country:
    """The country of ISO 3166-1 alpha-3 ``code``, from its profile or from the options given."""
    from babel import Locale
    from babel.core import get_global

    iso3 = code.strip().upper()
    _refuse_withdrawn(iso3)
    aliases = _USER_ASSIGNED.get(iso3) or get_global("territory_aliases").get(iso3) or []
    iso2 = aliases[0] if re.fullmatch("[A-Z]{3}", iso3) and aliases and len(aliases[0]) == 2 \
        else None  # not 466, Mali's number: its profile is found by its letters
    if iso2 is not None and (iso2 in _NOT_COUNTRIES
                             or Locale.parse("en").territories.get(iso2) is None):
        iso2 = None  # XXX, ZZZ, EUE: codes set aside, an unknown region, a union
    if iso2 is None:
        raise PseaError(_("{code} is not an ISO 3166-1 alpha-3 country code").format(code=code),
                        _("Give the three-letter code of the country, such as MLI, BFA or NER."))
    name = Locale.parse(language).territories.get(iso2, iso3)
    profile = _profile(iso3)
    if profile is not None and phone_country_code not in (None, str(profile["phone_country_code"])):
        raise PseaError(
            _("--phone-code {given} is not the international dialling code of {country} "
              "({code})").format(given=phone_country_code, country=name,
                                 code=profile["phone_country_code"]),
            _("Leave --phone-code out: psea knows this country's code."))
    if profile is not None:
        return Country(iso3, iso2, name, str(profile["phone_country_code"]),
                       int(profile.get("national_phone_digits", 8)),
                       [{"pcode": r["pcode"], "name": r["name"],
                         **({"tile": r["tile"]} if "tile" in r else {})}
                        for r in profile["regions"]],
                       from_profile=True, admin2_name=profile.get("admin2_name"))
    if phone_country_code is None:
        raise PseaError(
            _("psea has no country profile for {country}: give its international dialling "
              "code").format(country=name), _phone_code_hint(iso2, name))
    if not re.fullmatch(r"[0-9]{1,3}", phone_country_code):  # never "²" nor "٢٢٦"
        raise PseaError(_("--phone-code takes 1 to 3 digits, without '+' ({code})").format(
            code=phone_country_code))
    from psea_cli.phones import calling_code_of

    known = calling_code_of(iso2)
    if known is not None and str(known) != phone_country_code:  # Mali's 223 for Burkina Faso
        raise PseaError(
            _("--phone-code {given} is not the international dialling code of {country} "
              "({code})").format(given=phone_country_code, country=name, code=known),
            _("Give --phone-code {code}, this country's code in the numbering plans: every "
              "phone number of the network is judged by it.").format(code=known))
    with _speaking(language):
        placeholder = {"pcode": f"{iso2}01", "name": _("Region to replace")}
    return Country(iso3, iso2, name, phone_country_code, 8, [placeholder], from_profile=False)


_USER_ASSIGNED = {"XKX": ["XK"]}
"""Codes outside ISO 3166-1 that OCHA, HDX and the UN agencies use for a country: Kosovo."""

_NOT_COUNTRIES = frozenset({"ZZ", "EU", "EZ", "UN", "QO"})
"""Territory codes that name no country: an unknown region, the European Union, the euro area,
the United Nations, outlying Oceania."""


_WITHDRAWN: dict[str, str | None] = {
    "AFI": "DJI", "BUR": "MMR", "BYS": "BLR", "DDR": "DEU", "DHY": "BEN", "FXX": "FRA",
    "HVO": "BFA", "NHB": "VUT", "RHO": "ZWE", "SKM": "IND", "TMP": "TLS", "VDR": "VNM",
    "YMD": "YEM", "ZAR": "COD",
    "ANT": None, "ATB": None, "ATN": None, "CSK": None, "CTE": None, "GEL": None, "JTN": None,
    "MID": None, "NTZ": None, "PCI": None, "PUS": None, "SCG": None, "SUN": None, "WAK": None,
    "YUG": None,
}
"""ISO 3166-3: alpha-3 codes withdrawn from ISO 3166-1, with the code of the one country that
took their place (ZAR, Zaïre, is COD) or None for a country that split (YUG, SCG, SUN, ANT).
CLDR still reads some of them as an alias (ZAR as Congo - Kinshasa, YUG as Serbia), and a
network made with one would carry a code no p-code, HDX dataset or agency system uses."""


def _refuse_withdrawn(iso3: str) -> None:
    if iso3 not in _WITHDRAWN:
        return
    successor = _WITHDRAWN[iso3]
    if successor is None:
        hint = _("Give the three-letter code the country has today, such as MLI, BFA or NER.")
    else:
        hint = _("Give {code}, the code that replaced it.").format(code=successor)
    raise PseaError(_("{code} is a withdrawn country code, no longer in ISO 3166-1").format(
        code=iso3), hint)


def _phone_code_hint(iso2: str, name: str) -> str:
    """The country's own code to confirm, from the numbering plans; another country's code
    given as an example ("226 for Burkina Faso" to a network of Niger) is copied by mistake."""
    from psea_cli.phones import calling_code_of

    code = calling_code_of(iso2)
    if code is None:
        return _("Add --phone-code, for example --phone-code 226 for Burkina Faso.")
    return _("Add --phone-code {code}, the international dialling code of this country "
             "({country}) in the numbering plans, once you have checked it: every phone number "
             "of the network is judged by it.").format(code=code, country=name)
