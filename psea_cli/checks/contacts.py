"""Phone numbers follow their country's numbering plan: international (``+`` and a country
code, judged by that country's plan) or national (the network country's plan)."""

from __future__ import annotations

from collections.abc import Iterator

from psea_cli import phones
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
        verdict = phones.verdict(phone, code)
        if verdict.rule is not None:
            yield Finding.of("directory.phone-format", file, path, rule=verdict.rule,
                             example=verdict.example)
