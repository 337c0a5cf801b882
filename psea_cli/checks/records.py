"""Prevention records refer to what exists and identify no one (rules in ``psea_cli.records``)."""

from __future__ import annotations

from collections.abc import Iterator

from psea_cli.cases.rules import today
from psea_cli.dataset import Dataset, Finding
from psea_cli.records import rules


def check_records(ds: Dataset) -> Iterator[Finding]:
    """Organisations, regions and plan activities exist; dates have happened; action points
    closed with a day; checks after set-up; ratings on the framework's scale; free text
    without names, contacts or coordinates; one session recorded twice is a warning."""
    yield from rules.findings(ds, today())
