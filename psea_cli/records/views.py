"""What a coordinator reads each week from the records: open action points past due, complaint
mechanisms not checked for a while, agency assessments due for review.

Each view returns plain rows (dicts of strings and numbers, in a stable order) that the
commands print as a table, Markdown, CSV or JSON. Nothing here prints; nothing here writes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from psea_cli.dataset import Dataset
from psea_cli.records import frameworks


@dataclasses.dataclass(frozen=True)
class View:
    """Rows under named columns (``keys``: the JSON and CSV names, stable)."""

    keys: tuple[str, ...]
    rows: list[dict[str, Any]]


def _names(dataset: Dataset) -> tuple[dict[str, str], dict[str, str]]:
    orgs = {o.value.id: o.value.name for o in dataset.organisations}
    regions = {r.pcode: r.name for r in dataset.network.regions} if dataset.network else {}
    return orgs, regions


ACTION_KEYS = ("ref", "meeting", "owner", "owner_name", "due", "status", "days_late", "text")


def action_points(dataset: Dataset, day: dt.date, *, overdue: bool = False,
                  owner: str | None = None, status: str | None = None) -> View:
    """Action points of every meeting, by owner then due day. ``overdue``: open ones past their
    due day only. ``ref`` (``<meeting id>#<n>``, n from 1) names a point for 'psea action done'."""
    orgs, _regions = _names(dataset)
    rows = []
    for located in dataset.records.meetings:
        meeting = located.value
        for number, point in enumerate(meeting.action_points, start=1):
            late = (day - point.due).days if point.status == "open" else 0
            if overdue and not (point.status == "open" and late > 0):
                continue
            if (owner is not None and point.owner != owner) or (
                    status is not None and point.status != status):
                continue
            rows.append({"ref": f"{meeting.id}#{number}", "meeting": meeting.date.isoformat(),
                         "owner": point.owner, "owner_name": orgs.get(point.owner, point.owner),
                         "due": point.due.isoformat(), "status": point.status,
                         "days_late": max(late, 0), "text": point.text})
    rows.sort(key=lambda r: (str(r["owner_name"]).lower(), str(r["due"]), str(r["ref"])))
    return View(ACTION_KEYS, rows)


MECHANISM_KEYS = ("id", "name", "kind", "region", "host", "set_up", "last_check", "functional",
                  "days_since_check")


def mechanisms(dataset: Dataset, day: dt.date, *, not_checked_since: int | None = None,
               region: str | None = None) -> View:
    """Complaint mechanisms in place on ``day``, by region then name, with their latest check.
    ``not_checked_since``: only those whose latest check is older than that many days (or that
    were never checked)."""
    orgs, regions = _names(dataset)
    rows = []
    for located in dataset.records.mechanisms:
        mechanism = located.value
        if not mechanism.in_place(day) or (region is not None and mechanism.region != region):
            continue
        check = mechanism.last_check(day)
        since = (day - check.date).days if check else None
        if not_checked_since is not None and since is not None and since <= not_checked_since:
            continue
        rows.append({"id": mechanism.id, "name": mechanism.name, "kind": mechanism.kind,
                     "region": regions.get(mechanism.region, mechanism.region),
                     "host": orgs.get(mechanism.host, mechanism.host),
                     "set_up": mechanism.set_up.isoformat(),
                     "last_check": check.date.isoformat() if check else None,
                     "functional": check.functional if check else None,
                     "days_since_check": since})
    rows.sort(key=lambda r: (str(r["region"]), str(r["name"])))
    return View(MECHANISM_KEYS, rows)


ASSESSMENT_KEYS = ("id", "organisation", "framework", "date", "overall", "next_review",
                   "days_late")


def assessments(dataset: Dataset, day: dt.date, *, due: bool = False) -> View:
    """Each organisation's latest assessment per framework, by next review day. ``due``: only
    those whose next review day has come (or that name none)."""
    orgs, _regions = _names(dataset)
    latest: dict[tuple[str, str], Any] = {}
    for located in sorted(dataset.records.agency_assessments, key=lambda a: a.value.date):
        assessment = located.value
        latest[(assessment.organisation, assessment.framework)] = assessment
    rows = []
    for assessment in latest.values():
        review = assessment.next_review
        late = (day - review).days if review else None
        if due and late is not None and late < 0:
            continue
        rows.append({"id": assessment.id,
                     "organisation": orgs.get(assessment.organisation, assessment.organisation),
                     "framework": assessment.framework, "date": assessment.date.isoformat(),
                     "overall": assessment.overall,
                     "next_review": review.isoformat() if review else None,
                     "days_late": max(late, 0) if late is not None else None})
    rows.sort(key=lambda r: (str(r["next_review"] or ""), str(r["organisation"]).lower()))
    return View(ASSESSMENT_KEYS, rows)


def framework_name(framework: str) -> str:
    from psea_cli.i18n import _

    return _(frameworks.FRAMEWORK_NAMES[framework])
