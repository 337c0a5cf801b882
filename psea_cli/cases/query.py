"""Finding cases: regions as people write them, filters for ``psea case list``, summary rows."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from typing import Any

from psea_cli.cases import deadlines
from psea_cli.dataset import Located
from psea_cli.models.case import Case
from psea_cli.models.network import Network, Region, SopDeadlines
from psea_cli.periods import Period

STATUSES = ("open", "closed", "overdue")


def _folded(text: str) -> str:
    """Lowercase, without accents, spaces or hyphens: ``Ségou`` → ``segou``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def resolve_region(network: Network, text: str) -> Region | None:
    """The region whose p-code or name is ``text``, ignoring case, accents, spaces, hyphens."""
    wanted = _folded(text)
    if not wanted:
        return None
    for region in network.regions:
        if wanted in (_folded(region.pcode), _folded(region.name)):
            return region
    return None


def select(
    cases: Iterable[Located[Case]],
    *,
    period: Period | None = None,
    status: str | None = None,
    region: str | None = None,
    sop: SopDeadlines | None = None,
    as_of: dt.date | None = None,
) -> list[Located[Case]]:
    """The cases received in ``period``, in ``region`` (a p-code) and with ``status``, oldest
    first. ``overdue`` needs the SOP deadlines and the day to judge at (without ``as_of``, no case is
    overdue)."""
    chosen = []
    for located in cases:
        case = located.value
        if period is not None and case.received_day not in period:
            continue
        if region is not None and case.region != region:
            continue
        if status == "open" and case.is_closed:
            continue
        if status == "closed" and not case.is_closed:
            continue
        if status == "overdue" and (as_of is None or not deadlines.overdue_items(
                located, sop or SopDeadlines(), as_of)):
            continue
        chosen.append(located)
    return sorted(chosen, key=lambda c: (c.value.received_day, c.value.id))


def summary(located: Located[Case], region_names: dict[str, str]) -> dict[str, Any]:
    """One case as a row: what a coordinator scans, never the note."""
    case = located.value
    return {
        "id": case.id,
        "received": case.received_day.isoformat(),
        "region": region_names.get(case.region, case.region),
        "channel": case.channel,
        "allegation": case.allegation,
        "step": case.step,
        "status": "closed" if case.is_closed else "open",
        "synthetic": case.synthetic,
        "file": located.file,
    }
