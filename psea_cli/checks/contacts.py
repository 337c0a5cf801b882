"""The focal points' and services' contact details: phone numbers follow their country's
numbering plan (international, ``+`` and a country code, judged by that country's plan, or
national, the network country's plan), and no entry is verified after today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from psea_cli import phones, verdicts_kept
from psea_cli.dataset import Dataset, Finding, PathInFile


def phone_problem(phone: str, country_code: str) -> str | None:
    """None when the number is well formed, else the rule it breaks (translated)."""
    return phones.verdict(phone, country_code).rule


def check_phone_numbers(ds: Dataset) -> Iterator[Finding]:
    """Focal points' and services' phones follow their country's numbering plan (those
    valid on their own in a file that broke its schema too)."""
    if ds.network is None:
        return
    code = ds.network.phone_country_code
    entries: list[tuple[str, PathInFile, str | None]] = []
    entries.extend((fp.file, (*fp.path, "phone"), fp.value.phone)
                   for fp in ds.judged_focal_points())
    entries.extend((s.file, (*s.path, "phone"), s.value.phone) for s in ds.judged_services())
    for file, path, phone in entries:
        if phone is None:
            continue
        digest = verdicts_kept.key(phone, code)
        if verdicts_kept.known(_ACCEPTED, digest):  # accepted by the last run: parsed again
            continue                                # only when the plan may have changed
        verdict = phones.verdict(phone, code)
        if verdict.rule is not None:
            yield Finding.of("directory.phone-format", file, path, rule=verdict.rule,
                             example=verdict.example)
        else:
            verdicts_kept.keep(_ACCEPTED, digest, True)


_ACCEPTED = "phone-accepted"
"""A phone the numbering plan accepts for the network's country code (``verdicts_kept``)."""


def check_verification_days(ds: Dataset) -> Iterator[Finding]:
    """No focal point or service is verified after today: a ``verified_on`` in the future
    (2099 typed for 2019) would keep the entry from ever being flagged out of date."""
    entries: list[tuple[str, PathInFile, dt.date | None]] = []
    entries.extend((fp.file, fp.path, fp.value.verified_on) for fp in ds.judged_focal_points())
    entries.extend((s.file, s.path, s.value.verified_on) for s in ds.judged_services())
    for file, path, day in entries:
        if day is not None and day > ds.today:
            yield Finding.of("directory.future-verification", file, (*path, "verified_on"))
