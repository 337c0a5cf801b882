"""The rules a prevention record follows beyond its schema: known organisations, regions and
plan activities, dates that have happened, action points closed with a date, checks after
set-up, ratings on the framework's own scale, and free text that identifies no one.

Used by ``psea validate`` (``psea_cli.records.checks``) and by the commands before they write.
Messages name the key and the rule, never the text that broke it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from psea_cli.checks import free_text
from psea_cli.dataset import Dataset, Finding, Located, PathInFile
from psea_cli.models.records import (
    AgencyAssessment,
    ComplaintMechanism,
    Meeting,
    RiskAssessment,
    Session,
)
from psea_cli.records import counting, frameworks


def text_findings(file: str, path: PathInFile, text: str | None) -> Iterator[Finding]:
    """A record's free text screened as a progress text is (``checks.free_text``: the rules
    of a case note, and no case id), under the records' own code: it goes into the report."""
    return free_text.text_findings(file, path, text, code="records.identifying-note")


def _future(file: str, path: PathInFile, day: dt.date, today: dt.date) -> Iterator[Finding]:
    if day > today:
        yield Finding.of("records.future-date", file, path)


class _Known:
    """What references may point at: organisations, regions, plan activities."""

    def __init__(self, ds: Dataset) -> None:
        self.orgs = ds.organisation_ids()
        self.regions = ds.region_pcodes()
        self.region_example = ds.region_example()
        self.activities = {a.id for b in ds.plans for _r, _s, a in b.plan.value.activities()}
        self.check_activities = bool(ds.plans)

    def org(self, file: str, path: PathInFile, org: str) -> Iterator[Finding]:
        if org not in self.orgs:
            yield Finding.of("ref.unknown-organisation", file, path, org=org)

    def region(self, file: str, path: PathInFile, pcode: str) -> Iterator[Finding]:
        if self.regions and pcode not in self.regions:
            yield Finding.of("ref.unknown-region", file, path, example=self.region_example)

    def activity(self, file: str, path: PathInFile, activity: str) -> Iterator[Finding]:
        if self.check_activities and activity not in self.activities:
            yield Finding.of("records.unknown-activity", file, path, id=activity)


def _session(loc: Located[Session], known: _Known, today: dt.date) -> Iterator[Finding]:
    s, f = loc.value, loc.file
    yield from _future(f, ("start",), s.start, today)
    yield from known.region(f, ("region",), s.region)
    for i, org in enumerate(s.organisers):
        yield from known.org(f, ("organisers", i), org)
    for i, activity in enumerate(s.plan_activities):
        yield from known.activity(f, ("plan_activities", i), activity)
    yield from text_findings(f, ("note",), s.note)


def _meeting(loc: Located[Meeting], known: _Known, today: dt.date) -> Iterator[Finding]:
    m, f = loc.value, loc.file
    yield from _future(f, ("date",), m.date, today)
    for i, org in enumerate(m.organisations):
        yield from known.org(f, ("organisations", i), org)
    for i, decision in enumerate(m.decisions):
        yield from text_findings(f, ("decisions", i), decision)
    for i, point in enumerate(m.action_points):
        base = ("action_points", i)
        yield from known.org(f, (*base, "owner"), point.owner)
        yield from text_findings(f, (*base, "text"), point.text)
        closing = point.closed is not None
        if (point.status == "open") == closing or (closing and point.closed < m.date):  # type: ignore[operator]
            yield Finding.of("records.action-closing-date", f, (*base, "status"))
        elif point.closed is not None:
            yield from _future(f, (*base, "closed"), point.closed, today)


def _mechanism(loc: Located[ComplaintMechanism], known: _Known,
               today: dt.date) -> Iterator[Finding]:
    c, f = loc.value, loc.file
    yield from _future(f, ("set_up",), c.set_up, today)
    yield from known.region(f, ("region",), c.region)
    yield from known.org(f, ("host",), c.host)
    yield from text_findings(f, ("name",), c.name)
    for i, check in enumerate(c.checks):
        if check.date < c.set_up:
            yield Finding.of("records.check-before-setup", f, ("checks", i, "date"))
        yield from _future(f, ("checks", i, "date"), check.date, today)
        yield from text_findings(f, ("checks", i, "note"), check.note)


def _risk(loc: Located[RiskAssessment], known: _Known, today: dt.date) -> Iterator[Finding]:
    r, f = loc.value, loc.file
    yield from _future(f, ("date",), r.date, today)
    yield from known.org(f, ("lead",), r.lead)
    for i, region in enumerate(r.regions):
        yield from known.region(f, ("regions", i), region)
    if r.plan_activity is not None:
        yield from known.activity(f, ("plan_activity",), r.plan_activity)
    for i, finding in enumerate(r.findings):
        yield from text_findings(f, ("findings", i), finding)


def _agency(loc: Located[AgencyAssessment], known: _Known, today: dt.date) -> Iterator[Finding]:
    a, f = loc.value, loc.file
    yield from _future(f, ("date",), a.date, today)
    yield from known.org(f, ("organisation",), a.organisation)
    standards, scale = frameworks.STANDARDS[a.framework], frameworks.SCALES[a.framework]
    invalid = False
    for standard, rating in a.ratings.items():
        if standard not in standards or rating not in scale:
            invalid = True
            yield Finding.of("records.invalid-rating", f, ("ratings", standard),
                             standard=standard, rating=rating, framework=a.framework,
                             standards=", ".join(standards), scale=", ".join(scale))
    if a.overall not in frameworks.OVERALL[a.framework]:
        invalid = True
        yield Finding.of("records.invalid-rating", f, ("overall",), "overall", rating=a.overall,
                         framework=a.framework, scale=", ".join(frameworks.OVERALL[a.framework]))
    expected = None if invalid else frameworks.expected_overall(a.framework, dict(a.ratings))
    if expected is not None and expected != a.overall:
        yield Finding.of("records.rating-mismatch", f, ("overall",), expected=expected,
                         overall=a.overall)


def _file_name(loc: Located[Any]) -> Iterator[Finding]:
    record_id = loc.value.id
    if PurePosixPath(loc.file).stem != record_id:
        yield Finding.of("ref.file-name-mismatch", loc.file, ("id",), id=record_id)


def findings(ds: Dataset, today: dt.date) -> Iterator[Finding]:
    """Every rule for every record of the dataset."""
    known = _Known(ds)
    records = ds.records
    for session in records.sessions:
        yield from _session(session, known, today)
    for meeting in records.meetings:
        yield from _meeting(meeting, known, today)
    for mechanism in records.mechanisms:
        yield from _mechanism(mechanism, known, today)
    for risk in records.risk_assessments:
        yield from _risk(risk, known, today)
    for assessment in records.agency_assessments:
        yield from _agency(assessment, known, today)
    for located in records.all():
        yield from _file_name(located)
    for repeated, counted in counting.first_records(records.sessions)[1]:
        yield Finding.of("records.duplicate-session", repeated.file, ("start",), file=counted)
