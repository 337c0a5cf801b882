"""The directory and service-map parts of the report, from ``psea_cli.directory``.

Only focal points' names and their organisations appear (professional contacts, and no
phone or e-mail is needed to read the report); changes come from git history and name
entries by id when they no longer exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from psea_cli import formatting
from psea_cli.dataset import Dataset
from psea_cli.directory.coverage import coverage_matrix
from psea_cli.directory.freshness import organisations_without_focal_point, stale_entries
from psea_cli.directory.history import Change
from psea_cli.i18n import _
from psea_cli.models.service import SERVICE_TYPES
from psea_cli.report.labels import label, service_type_label

DEFAULT_VERIFICATION_DAYS = 180
REPORTED_CHANGES = ("focal_point", "service")


def _organisation_name(dataset: Dataset, org_id: str) -> str:
    org = dataset.organisation(org_id)
    if org is None:
        return org_id
    return f"{org.name} ({org.acronym})" if org.acronym else org.name


def _entry_names(dataset: Dataset) -> dict[tuple[str, str], str]:
    """Display names of the directory's current entries, by (entity, id)."""
    names = {("service", s.value.id): s.value.name for s in dataset.services}
    for located in dataset.organisations:
        org = located.value
        for fp in org.focal_points:
            names[("focal_point", f"{org.id}/{fp.id}")] = fp.name
    return names


def directory(dataset: Dataset, as_of: dt.date,
              changes: Sequence[Change] | None) -> dict[str, Any]:
    """Member organisations without a focal point, stale entries, changes in the period."""
    network = dataset.network
    days = network.sop.directory_verification_days if network else DEFAULT_VERIFICATION_DAYS
    missing = [_organisation_name(dataset, m.organisation)
               for m in organisations_without_focal_point(dataset, as_of)]
    stale = []
    for item in stale_entries(dataset, as_of, days):
        entry = item.entry
        verified = (formatting.format_date(entry.verified_on) if entry.verified_on
                    else _("never"))
        what = _("{kind}: {name}").format(kind=label("entity", entry.kind), name=entry.name)
        stale.append({"cells": [_organisation_name(dataset, entry.owner), what, verified]})
    return {
        "threshold_days": days,
        "members": sum(1 for o in dataset.organisations if o.value.member_on(as_of)),
        "without_focal_point": missing,
        "stale": stale,
        "changes": None if changes is None else _changes(dataset, changes),
    }


def _changes(dataset: Dataset, changes: Sequence[Change]) -> list[dict[str, Any]]:
    names = _entry_names(dataset)
    rows = []
    for change in sorted(changes, key=lambda c: (c.date, c.entity, c.id)):
        if change.entity not in REPORTED_CHANGES or change.kind not in ("added", "removed"):
            continue
        name = names.get((change.entity, change.id), change.id)
        what = _("{kind}: {name}").format(kind=label("entity", change.entity), name=name)
        rows.append({"cells": [formatting.format_date(change.date),
                               label("change", change.kind), what]})
    return rows


def services(dataset: Dataset, as_of: dt.date) -> dict[str, Any]:
    """Active services per region and type (every type a column), gaps named per region;
    ``recorded`` is false when the network records no service at all, or only example
    entries (``examples_only``), which are never counted: the report then says how to add
    one rather than draw a matrix of gaps."""
    rows = []
    covered = 0
    matrix = coverage_matrix(dataset, as_of)
    for row in matrix:
        counts = [row.active[t] for t in SERVICE_TYPES]
        gaps = ", ".join(service_type_label(t) for t in row.gaps) or "—"
        covered += not row.gaps
        rows.append({"region": row.name, "counts": counts, "gaps": gaps,
                     "cells": [row.name, *counts, gaps]})
    examples_only = bool(dataset.services) and all(s.value.example for s in dataset.services) \
        and not dataset.unvalidated_ids.get("services")
    return {"types": [service_type_label(t) for t in SERVICE_TYPES], "rows": rows,
            "covered": f"{covered}/{len(matrix)}",
            "recorded": bool(dataset.service_ids()) and not examples_only,
            "examples_only": examples_only}
