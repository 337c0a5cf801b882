"""The records part of the report: prevention reach, the network's meetings and open action
points, complaint mechanisms per region, risk assessments and agencies' PSEA standards.

Everything here is counts and organisation names, from the period's records (a session in the
period of its first day, counted once: ``psea_cli.records.counting``); mechanisms, action
points and assessments as they stand on the measuring day. No participant is ever named:
records hold none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from psea_cli import formatting, periods
from psea_cli.dataset import Dataset, Located
from psea_cli.i18n import N_, _, ngettext
from psea_cli.models.records import ActionPoint, Meeting
from psea_cli.records import counting, frameworks
from psea_cli.records.vocabulary import WORDS
from psea_cli.report.labels import capitalised

AUDIENCES = WORDS["audience"]
"""Worded as the session form words its choices; capitalised as a table's row heading."""
MATERIALS = {"posters": N_("Posters"), "leaflets": N_("Leaflets"),
             "image_boxes": N_("Image boxes"), "radio_spots": N_("Radio spots"),
             "sms": N_("SMS"), "other": N_("Other")}
OVERALL = WORDS["overall"]
FRAMEWORKS = WORDS["framework"]
UNCHECKED_DAYS = 90
"""A mechanism whose latest check is older than this on the measuring day is 'not checked'."""


def _org(dataset: Dataset, org_id: str) -> str:
    org = dataset.organisation(org_id)
    return (org.acronym or org.name) if org is not None else org_id


def _regions(dataset: Dataset) -> dict[str, str]:
    return {r.pcode: r.name for r in dataset.network.regions} if dataset.network else {}


def _prevention(dataset: Dataset, period: periods.Period, day: dt.date) -> dict[str, Any]:
    sessions = counting.sessions_between(dataset.records.sessions, period.start,
                                         min(period.end, day))
    names = _regions(dataset)
    by_audience: dict[str, list[int]] = {}
    by_region: dict[str, list[int]] = {}
    materials: dict[str, int] = {}
    for s in sessions:
        p = s.participants
        row = by_audience.setdefault(s.audience, [0, 0, 0, 0, 0, 0])
        for i, n in enumerate((1, p.women, p.men, p.girls, p.boys, p.total)):
            row[i] += n
        region = by_region.setdefault(s.region, [0, 0, 0])
        region[0] += 1
        region[1] += p.total
        region[2] += sum(s.materials.values())
        for kind, n in s.materials.items():
            materials[kind] = materials.get(kind, 0) + n
    audience_rows = [[capitalised(_(AUDIENCES[a])), *by_audience[a]] for a in AUDIENCES if a in by_audience]
    totals = [sum(r[i] for r in by_audience.values()) for i in range(6)]
    return {"sessions": len(sessions),
            "audiences": audience_rows + ([[_("Total"), *totals]] if audience_rows else []),
            "regions": [[names.get(r, r), *by_region[r]] for r in sorted(
                by_region, key=lambda r: names.get(r, r))],
            "materials": [[_(MATERIALS[k]), materials[k]] for k in MATERIALS if k in materials]}


def open_action_points(dataset: Dataset, end: dt.date
                       ) -> Iterator[tuple[Located[Meeting], int, ActionPoint]]:
    """Each action point still open on ``end`` of a meeting held by then, with its meeting and
    its index: the report prints their texts (``report.refusal``)."""
    for located in dataset.records.meetings:
        if located.value.date > end:
            continue
        for index, point in enumerate(located.value.action_points):
            if point.status == "open" or (point.closed is not None and point.closed > end):
                yield located, index, point


def _meetings_sentence(held: int, network: int, documented: int, decisions: int) -> str:
    """« 1 réunion dans la période, dont 1 réunion du réseau (0 documentée par un compte
    rendu) ; 1 décision enregistrée. », each number with its own plural."""
    return _("{meetings}, {network} {documented}; {decisions}.").format(
        meetings=ngettext("{n} meeting in the period", "{n} meetings in the period",
                          held).format(n=held),
        network=ngettext("of which {n} network meeting", "of which {n} network meetings",
                         network).format(n=network),
        documented=ngettext("({n} documented by minutes)", "({n} documented by minutes)",
                            documented).format(n=documented),
        decisions=ngettext("{n} decision recorded", "{n} decisions recorded",
                           decisions).format(n=decisions))


def _meetings(dataset: Dataset, period: periods.Period, day: dt.date) -> dict[str, Any]:
    end = min(period.end, day)
    held = [m.value for m in dataset.records.meetings
            if period.start <= m.value.date <= end]
    open_points = [(point.due, _org(dataset, point.owner), point.text,
                    max((end - point.due).days, 0))
                   for _located, _index, point in open_action_points(dataset, end)]
    open_points.sort(key=lambda p: (p[1].lower(), p[0]))
    day_text = formatting.format_date
    counts = {"held": len(held), "network": sum(1 for m in held if m.kind == "network"),
              "documented": sum(1 for m in held if m.kind == "network" and m.minutes),
              "decisions": sum(len(m.decisions) for m in held)}
    return {**counts, "summary": _meetings_sentence(**counts),
            "open_points": [[owner, day_text(due), text, late]
                            for due, owner, text, late in open_points],
            "overdue": sum(1 for p in open_points if p[3] > 0)}


def _mechanisms(dataset: Dataset, day: dt.date) -> list[list[Any]]:
    names = _regions(dataset)
    rows: dict[str, list[int]] = {}
    high_risk = set(dataset.network.high_risk_zones) if dataset.network else set()
    for pcode in high_risk:
        rows.setdefault(pcode, [0, 0, 0])
    for located in dataset.records.mechanisms:
        mechanism = located.value
        if not mechanism.in_place(day):
            continue
        row = rows.setdefault(mechanism.region, [0, 0, 0])
        check = mechanism.last_check(day)
        row[0] += 1
        row[1] += bool(check and check.functional)
        row[2] += check is None or (day - check.date).days > UNCHECKED_DAYS
    return [[names.get(r, r), *rows[r]] for r in sorted(rows, key=lambda r: names.get(r, r))]


def _next_review(review: dt.date | None, day: dt.date) -> str:
    """An assessment's next review day, said due when it has come by ``day`` (the rows the
    sentence above the table counts), in words that print as well as they read."""
    if review is None:
        return "—"
    if review <= day:
        return _("{date} (due for review)").format(date=formatting.format_date(review))
    return formatting.format_date(review)


def _standards(dataset: Dataset, day: dt.date) -> dict[str, Any]:
    """Each member organisation's latest assessment on or before ``day``."""
    members = {o.value.id for o in dataset.organisations if o.value.member_on(day)}
    latest: dict[str, Any] = {}
    for located in sorted(dataset.records.agency_assessments, key=lambda a: a.value.date):
        if located.value.date <= day and located.value.organisation in members:
            latest[located.value.organisation] = located.value
    rows = [[_org(dataset, a.organisation), _(FRAMEWORKS[a.framework]),
             formatting.format_date(a.date), _(OVERALL[a.overall]), _next_review(a.next_review, day)]
            for a in sorted(latest.values(), key=lambda a: _org(dataset, a.organisation).lower())]
    compliant = sum(1 for a in latest.values() if a.overall in frameworks.COMPLIANT)
    due = sum(1 for a in latest.values() if a.next_review is not None and a.next_review <= day)
    return {"rows": rows, "members": len(members), "assessed": len(latest),
            "compliant": compliant, "due": due}


def build(dataset: Dataset, period: periods.Period, day: dt.date) -> dict[str, Any] | None:
    """The records section for ``period`` as known on ``day``; None when there is no record."""
    records = dataset.records
    if not records.all():
        return None
    measuring = min(period.end, day)
    names = _regions(dataset)
    risks = [[formatting.format_date(r.value.date),
              ", ".join(names.get(p, p) for p in r.value.regions), _org(dataset, r.value.lead)]
             for r in sorted(records.risk_assessments, key=lambda r: r.value.date)
             if period.start <= r.value.date <= measuring]
    return {"prevention": _prevention(dataset, period, day),
            "meetings": _meetings(dataset, period, day),
            "mechanisms": _mechanisms(dataset, measuring),
            "unchecked_days": UNCHECKED_DAYS,
            "risk_assessments": risks,
            "standards": _standards(dataset, measuring),
            "synthetic": sum(1 for r in records.all() if r.value.synthetic)}
