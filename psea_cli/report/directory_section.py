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
from psea_cli.directory.freshness import (
    DirectoryEntry,
    StaleEntry,
    organisations_without_focal_point,
    stale_entries,
)
from psea_cli.directory.history import Change
from psea_cli.i18n import _, ngettext
from psea_cli.indicators.labels import key_label
from psea_cli.indicators.service_metrics import missing_services
from psea_cli.models.service import SERVICE_TYPES
from psea_cli.report.labels import label, service_type_label

DEFAULT_VERIFICATION_DAYS = 180
REPORTED_CHANGES = ("focal_point", "service")
CHANGES_SHOWN = 30
"""The latest changes of the period the report lists; ``psea changes`` lists them all."""
STALE_SHOWN = 30
"""The organisations with entries unverified the longest the report lists; ``psea directory
check`` lists every entry."""
NAMES_SHOWN = 3
"""Entries named in an organisation's row of those not verified."""


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


def directory(dataset: Dataset, as_of: dt.date, changes: Sequence[Change] | None,
              period: tuple[dt.date, dt.date] | None = None) -> dict[str, Any]:
    """Member organisations without a focal point, stale entries (each, and one row per
    organisation, and the ``STALE_SHOWN`` unverified the longest), changes in the period (all,
    and the ``CHANGES_SHOWN`` latest, counted by kind when there are more; ``period`` gives
    the days of ``psea changes`` that lists them all). ``stale``, ``stale_by_organisation``
    and ``changes`` keep the meaning a network's own template of an earlier release gives
    them; the shipped templates show ``stale_longest`` and ``changes_latest``."""
    network = dataset.network
    days = network.sop.directory_verification_days if network else DEFAULT_VERIFICATION_DAYS
    missing = [_organisation_name(dataset, m.organisation)
               for m in organisations_without_focal_point(dataset, as_of)]
    stale = list(stale_entries(dataset, as_of, days))
    by_organisation = _stale_by_organisation(dataset, stale)
    rows = [] if changes is None else _changes(dataset, changes)
    shown = rows[-CHANGES_SHOWN:]
    more = len(rows) - len(shown)
    return {
        "threshold_days": days,
        "members": sum(1 for o in dataset.organisations if o.value.member_on(as_of)),
        "without_focal_point": missing,
        "stale": [_stale_row(dataset, item) for item in stale],
        "stale_by_organisation": by_organisation,
        "stale_longest": by_organisation[:STALE_SHOWN],
        "stale_note": _stale_note(len(by_organisation), as_of),
        "stale_count": _("Entries not verified: {entries}; organisations concerned: {orgs}.")
        .format(entries=formatting.format_number(len(stale)),
                orgs=formatting.format_number(len({s.entry.owner for s in stale}))),
        "changes": None if changes is None else rows,
        "changes_latest": None if changes is None else shown,
        "changes_more": more,
        "changes_counted": _counted(rows) if more else [],
        "changes_note": _more_note(len(shown), more, period),
    }


def _more_note(shown: int, more: int, period: tuple[dt.date, dt.date] | None) -> str:
    """What the list of changes leaves out, and the command that lists them all."""
    if not more:
        return ""
    command = (f"psea changes --since {period[0].isoformat()} --until {period[1].isoformat()}"
               if period else "psea changes")
    return _("The {shown} latest of the {total} changes of the period are listed below; "
             "“{command}” lists them all.").format(
        shown=formatting.format_number(shown), total=formatting.format_number(shown + more),
        command=command)


def _stale_note(total: int, as_of: dt.date) -> str:
    """What the list of organisations with entries not verified leaves out, and the command
    that lists every entry."""
    if total <= STALE_SHOWN:
        return ""
    return _("The {shown} organisations of the {total} concerned whose entries have gone "
             "longest without a check are listed below; the network's coordination gets the "
             "full list with “{command}”.").format(
        shown=formatting.format_number(STALE_SHOWN), total=formatting.format_number(total),
        command=f"psea directory check --as-of {as_of.isoformat()}")


def _stale_row(dataset: Dataset, item: StaleEntry) -> dict[str, Any]:
    """One entry not verified: its organisation, its kind and name, its last verification (a
    network's own template of an earlier release lists them so)."""
    entry = item.entry
    verified = formatting.format_date(entry.verified_on) if entry.verified_on else _("never")
    return {"cells": [_organisation_name(dataset, entry.owner), _what(entry), verified]}


def _what(entry: DirectoryEntry) -> str:
    """``Focal point: Awa``: an entry's kind and name."""
    return _("{kind}: {name}").format(kind=label("entity", entry.kind), name=entry.name)


def _stale_by_organisation(dataset: Dataset, stale: Sequence[StaleEntry]) -> list[dict[str, Any]]:
    """One row per organisation: its name, its entries (``NAMES_SHOWN`` of them, then how many
    more) and its oldest verification; the organisation that never verified, or verified
    longest ago, first."""
    by_owner: dict[str, list[StaleEntry]] = {}
    for item in stale:
        by_owner.setdefault(item.entry.owner, []).append(item)
    rows = []
    for owner, items in by_owner.items():
        oldest = min(items, key=lambda s: s.entry.verified_on or dt.date.min)
        names = [_what(s.entry) for s in items]
        shown = names[:NAMES_SHOWN]
        if len(names) > NAMES_SHOWN:
            more = len(names) - NAMES_SHOWN
            shown.append(ngettext("{n} more", "{n} more", more).format(
                n=formatting.format_number(more)))
        entries = formatting.format_list(shown)
        verified = oldest.entry.verified_on
        name = _organisation_name(dataset, owner)
        rows.append(((verified or dt.date.min, name),
                     {"cells": [name, entries,
                                formatting.format_date(verified) if verified else _("never")]}))
    return [row for _key, row in sorted(rows, key=lambda r: r[0])]


def _changes(dataset: Dataset, changes: Sequence[Change]) -> list[dict[str, Any]]:
    names = _entry_names(dataset)
    rows = []
    for change in sorted(changes, key=lambda c: (c.date, c.entity, c.id)):
        if change.entity not in REPORTED_CHANGES or change.kind not in ("added", "removed"):
            continue
        name = names.get((change.entity, change.id), change.id)
        what = _("{kind}: {name}").format(kind=label("entity", change.entity), name=name)
        rows.append({"cells": [formatting.format_date(change.date),
                               label("change", change.kind), what],
                     "entity": change.entity, "kind": change.kind})
    return rows


def _counted(rows: Sequence[dict[str, Any]]) -> list[list[Any]]:
    """Changes added and removed, one row per kind of entry: [kind, added, removed]."""
    plural = {"focal_point": _("Focal points"), "service": _("Services")}
    return [[plural[entity], sum(1 for r in rows if r["entity"] == entity and r["kind"] == "added"),
             sum(1 for r in rows if r["entity"] == entity and r["kind"] == "removed")]
            for entity in REPORTED_CHANGES if any(r["entity"] == entity for r in rows)]


def services(dataset: Dataset, as_of: dt.date) -> dict[str, Any]:
    """Active services per region and type (every type a column), and per region the services
    the plan names that it lacks (``service_metrics.missing_services``);
    ``recorded`` is false when the network records no service at all, or only example
    entries (``examples_only``), which are never counted: the report then says how to add
    one rather than draw a matrix of gaps."""
    rows = []
    covered = 0
    matrix = coverage_matrix(dataset, as_of)
    for row in matrix:
        counts = [row.active[t] for t in SERVICE_TYPES]
        missing = missing_services(row)  # the plan's, as its indicator of regions covered
        gaps = ", ".join(key_label("gaps", need, {}) for need in missing) or "—"
        covered += not missing
        rows.append({"region": row.name, "counts": counts, "gaps": gaps,
                     "cells": [row.name, *counts, gaps]})
    examples_only = bool(dataset.services) and all(s.value.example for s in dataset.services) \
        and not dataset.unvalidated_ids.get("services")
    return {"types": [service_type_label(t) for t in SERVICE_TYPES], "rows": rows,
            "covered": f"{covered}/{len(matrix)}",
            "recorded": bool(dataset.service_ids()) and not examples_only,
            "examples_only": examples_only}
