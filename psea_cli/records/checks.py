"""The check the prevention records own: they refer to what exists and identify no one (rules
in ``psea_cli.records.rules``). ``psea_cli.validation`` adds it to the pipeline's checks."""

from __future__ import annotations

from collections.abc import Iterator

from psea_cli.dataset import Dataset, Finding
from psea_cli.records import rules


def check_records(ds: Dataset) -> Iterator[Finding]:
    """Organisations, regions and plan activities exist; dates have happened; action points
    closed with a day; checks after set-up; ratings on the framework's scale; free text
    without names, contacts or coordinates; one session recorded twice is a warning."""
    yield from rules.findings(ds, ds.today)


CHECKS = [check_records]
