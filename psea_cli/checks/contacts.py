"""Phone numbers are in international (E.164) form or the network country's national form."""

from __future__ import annotations

import re
from collections.abc import Iterator

from psea_cli.dataset import Dataset, Finding, PathInFile
from psea_cli.i18n import _
from psea_cli.problems import Severity


def phone_problem(phone: str, country_code: str, national_digits: int) -> str | None:
    """None when the number is well formed, else the rule it breaks (translated)."""
    digits = re.sub(r"\D", "", phone)
    if phone.strip().startswith("+"):
        if not 8 <= len(digits) <= 15:
            return _("an international number has 8 to 15 digits after '+'")
        if digits.startswith(country_code) and len(digits) != len(country_code) + national_digits:
            return _("a +{code} number has {n} digits after the country code").format(
                code=country_code, n=national_digits)
        return None
    if phone.strip().startswith("00") and len(digits) > national_digits:
        return _("write the international prefix as '+', not '00'")
    if len(digits) != national_digits:
        return _("a national number has {n} digits").format(n=national_digits)
    return None


def check_phone_numbers(ds: Dataset) -> Iterator[Finding]:
    """Focal points' and services' phones follow E.164 or the national numbering plan."""
    if ds.network is None:
        return
    code, digits = ds.network.phone_country_code, ds.network.national_phone_digits
    entries: list[tuple[str, PathInFile, str | None]] = []
    for org in ds.organisations:
        entries.extend((org.file, ("focal_points", i, "phone"), fp.phone)
                       for i, fp in enumerate(org.value.focal_points))
    entries.extend((s.file, (*s.path, "phone"), s.value.phone) for s in ds.services)
    for file, path, phone in entries:
        if phone is None:
            continue
        rule = phone_problem(phone, code, digits)
        if rule is not None:
            yield Finding(file, path, "directory.phone-format", Severity.ERROR,
                          _("the phone number is not well formed: {rule}").format(rule=rule),
                          _("Write it as \"+{code} \" followed by the {n}-digit national "
                            "number.").format(code=code, n=digits))


def international_form(phone: str, country_code: str, national_digits: int) -> str:
    """``+22320000001`` for ``"+223 20 00 00 01"`` or the national ``"20 00 00 01"``: the form
    a phone's address book stores. A number that is not well formed is returned unchanged."""
    if phone_problem(phone, country_code, national_digits) is not None:
        return phone
    digits = re.sub(r"\D", "", phone)
    return "+" + (digits if phone.strip().startswith("+") else country_code + digits)
