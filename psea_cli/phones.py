"""Phone numbers read against each country's numbering plan (Google's libphonenumber data).

A number is well formed when its length is one the plan allows for some kind of line (fixed,
mobile, toll-free…) of its country: ``is_possible_number``. Whether the range is assigned to an
operator (``is_valid_number``) is not asked: the example entries psea ships use unassigned
ranges on purpose, and a range opened after psea's numbering data would be refused.

A number written with ``+`` is judged by the plan of the country its code names (a French
``+33`` number by France's); a number without it is a national number of the network's
country (``phone_country_code`` in network.yaml). The ``phonenumbers`` library (package
``phonenumberslite``: the same code and plans, without the geocoding and carrier data psea
does not use) costs about 50 ms to import and a few more per country's plan, so it is imported
here, inside the functions, and only by what checks or formats a contact.

No function returns or raises with the number itself: rules and hints never echo a contact.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from psea_cli.i18n import _

if TYPE_CHECKING:
    from phonenumbers import PhoneNumber


@dataclasses.dataclass(frozen=True)
class Verdict:
    """What the numbering plan says of one number."""

    rule: str | None
    """The rule the number breaks (translated), None when it is well formed."""
    code: str
    """The country code the number is judged by (the network's for a national number)."""
    example: str
    """An example number of that plan, written internationally (for hints)."""


@lru_cache(maxsize=64)
def region_of(country_code: str) -> str:
    """``"ML"`` for ``"223"``: the main region of a country calling code ("ZZ" if unused)."""
    import phonenumbers

    return str(phonenumbers.region_code_for_country_code(int(country_code)))


def calling_code_of(region: str) -> str | None:
    """``"226"`` for ``"BF"``: the calling code of an ISO 3166-1 alpha-2 region, None if the
    numbering plans know none (Antarctica)."""
    import phonenumbers

    code = phonenumbers.country_code_for_region(region.upper())
    return str(code) if code else None


@lru_cache(maxsize=64)
def _plan(code: str) -> tuple[tuple[int, ...], str]:
    """The national number lengths and an international example of a country code's plan."""
    import phonenumbers

    region = phonenumbers.region_code_for_country_code(int(code))
    metadata = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(int(code), region)
    general = metadata.general_desc if metadata is not None else None
    lengths = tuple(general.possible_length) if general is not None else ()
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    if example is None:
        example = phonenumbers.example_number(region)
    shown = (_masked(phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL))
             if example is not None else "+" + code)
    return lengths, shown


def example(country_code: str) -> str:
    """An example number of a country code's plan, written internationally with the digits
    after its first group hidden (``+223 65 XX XX XX``): for hints and forms."""
    return _plan(country_code)[1]


MALI_EXAMPLE = "+223 20 00 90 00"
"""The example number psea's own files and messages give in Mali."""


def filled_example(country_code: str) -> str:
    """An example number to copy for a country code: ``+226 70 00 00 00`` (``example`` with
    zeros), Mali's own example for Mali."""
    return MALI_EXAMPLE if country_code == "223" else example(country_code).replace("X", "0")


def _masked(international: str) -> str:
    """The plan's example with every digit after its first group hidden: ``+223 65 XX XX XX``.

    The numbering plan's example numbers are in ranges operators really assign, so one shown in
    a hint could be a real person's phone; the form (country code, first group, grouping) is
    what the reader needs.
    """
    country, _space, national = international.partition(" ")
    first, _gap, rest = national.partition(" ")
    return " ".join(part for part in (country, first, re.sub(r"\d", "X", rest)) if part)


def _parse(phone: str, country_code: str) -> PhoneNumber | None:
    import phonenumbers

    try:
        return phonenumbers.parse(phone, region_of(country_code))
    except phonenumbers.NumberParseException:
        return None


def _lengths(lengths: tuple[int, ...]) -> str:
    return _(" or ").join(str(n) for n in lengths)


def _code_of(digits: str) -> str | None:
    """The country code an international number's digits start with, if any country uses it."""
    return next((digits[:n] for n in (1, 2, 3) if len(digits) > n and region_of(digits[:n]) != "ZZ"),
                None)


def _length_rule(code: str, international: bool) -> str:
    lengths, _example = _plan(code)
    if international:
        return _("a +{code} number has {n} digits after the country code").format(
            code=code, n=_lengths(lengths))
    return _("a national number has {n} digits").format(n=_lengths(lengths))


def verdict(phone: str, country_code: str) -> Verdict:
    """The plan's verdict on ``phone`` for a network whose country code is ``country_code``."""
    import phonenumbers
    from phonenumbers import ValidationResult

    text = phone.strip()
    international = text.startswith("+")
    code = _code_of(re.sub(r"\D", "", text)) if international else country_code
    if code is None:
        return Verdict(_("no country uses the code after '+'"), country_code,
                       _plan(country_code)[1])
    example = _plan(code)[1]
    if not international and region_of(code) == "ZZ":
        return Verdict(_("no country uses network.yaml's phone_country_code: write the number "
                         "with '+' and its country code"), code, example)
    if not international and text.startswith("00"):
        return Verdict(_("write the international prefix as '+', not '00'"), code, example)
    number = _parse(text, country_code)
    if number is None:
        return Verdict(_length_rule(code, international), code, example)
    code = str(number.country_code)
    example = _plan(code)[1]
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
        return Verdict(_("the area code is missing"), code, example)
    if reason != ValidationResult.IS_POSSIBLE:
        return Verdict(_length_rule(code, international), code, example)
    return Verdict(None, code, example)


def international_form(phone: str, country_code: str) -> str:
    """``+22320009000`` for ``"+223 20 00 90 00"`` or the national ``"20 00 90 00"``: the form
    a phone's address book stores (E.164). A number the plan refuses is returned unchanged."""
    import phonenumbers

    number = _parse(phone, country_code) if verdict(phone, country_code).rule is None else None
    if number is None:
        return phone
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def display_form(phone: str, country_code: str) -> str:
    """The number grouped as its country writes it, with its code: ``+223 20 00 90 00``,
    ``+33 1 99 00 12 34``. A number the plan refuses is returned as written."""
    import phonenumbers

    number = _parse(phone, country_code) if verdict(phone, country_code).rule is None else None
    if number is None:
        return phone
    return str(phonenumbers.format_number(number,
                                          phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def typed_with_plus(digits: str, country_code: str) -> str | None:
    """The number someone typed as ``+`` and ``digits`` (``+22320000062``), which a
    spreadsheet kept as the number 22320000062, grouped as its country writes it
    (``+223 20 00 00 62``); None when ``+`` and the digits make no number psea accepts.

    Country codes are prefix-free, so the digits start with at most one. A number of the
    network's own country code is judged as every phone is (its plan's lengths); one of another
    country must also be in a range its plan assigns (``is_valid_number``), as the digits are
    then more likely a national number that lost its leading zero: ``20000062``, a Malian
    number, would otherwise be read as ``+20 00000062``, a possible Egyptian one."""
    import phonenumbers

    if not digits.isdigit():
        return None
    international = "+" + digits
    judged = verdict(international, country_code)
    number = _parse(international, country_code) if judged.rule is None else None
    if number is None:
        return None
    if judged.code != country_code and not phonenumbers.is_valid_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))
