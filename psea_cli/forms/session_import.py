"""Submissions of the attendance form turned into session records, judged exactly as
``psea activity add`` judges one (``records.editing``), then written, or not at all.

A record's id is its first day, region and audience, then the first eight characters of the
submission's id: importing the same export twice finds the file and adds nothing. Session
records hold counts only, so this link to the collection server's submission leaks nothing
about a person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from psea_cli.forms.exports import Export, Submission
from psea_cli.forms.importing import Outcome, Result, _count, _day, _missing_id, _region
from psea_cli.layout import RECORD_FOLDERS
from psea_cli.problems import Severity

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset

COUNTS = ("women", "men", "girls", "boys")
QUESTIONS = {"kind", "start", "end", "region", "admin2", "organisers", "audience", *COUNTS,
             "topics", "note"}
MARKS = {"audience", "women", "girls", "organisers"}
"""Questions only the attendance form has."""


def multiples(dataset: Dataset) -> dict[str, tuple[str, ...]]:
    from psea_cli.models.records import Topic

    topics: tuple[str, ...] = Topic.__args__  # type: ignore[attr-defined]
    return {"organisers": tuple(o.value.id for o in dataset.organisations), "topics": topics}


def session_fields(dataset: Dataset, answers: dict[str, Any] | Any) -> dict[str, Any]:
    assert dataset.network is not None
    get = answers.get
    return {
        "kind": get("kind"), "start": _day(get("start")) if get("start") else None,
        "end": _day(get("end")) if get("end") else None,
        "region": _region(dataset.network, get("region")) if get("region") else None,
        "admin2": get("admin2"), "organisers": list(get("organisers") or []),
        "audience": get("audience"),
        "participants": {name: _count(get(name)) if get(name) not in (None, "") else 0
                         for name in COUNTS},
        "topics": list(get("topics") or []), "note": get("note"),
    }


def _base_id(fields: dict[str, Any], uuid: str) -> str:
    from psea_cli.records.editing import slug

    return slug(str(fields.get("start") or ""), str(fields.get("region") or ""),
                str(fields.get("audience") or ""), uuid.replace("-", "")[:8])


def _one(dataset: Dataset, submission: Submission, dry_run: bool, result: Result) -> Outcome:
    from psea_cli.cases.store import label
    from psea_cli.records import editing

    if submission.uuid is None:
        return _missing_id(submission.row)
    fields = session_fields(dataset, submission.answers)
    record_id = _base_id(fields, submission.uuid)
    path = dataset.root / RECORD_FOLDERS["session"] / f"{record_id}.yaml"
    if path.exists():
        return Outcome(submission.row, "known", record_id)
    if dry_run:
        where = label(dataset, path)
        findings = editing.judge(dataset, "session", where,
                                 editing.render("session", {"id": record_id, **fields}, where))
        refused = any(f.severity is Severity.ERROR for f in findings)
        return Outcome(submission.row, "refused" if refused else "added", None, tuple(findings))
    outcome = editing.add(dataset, "session", record_id, fields)
    if not outcome.written:
        return Outcome(submission.row, "refused", None, tuple(outcome.findings))
    result.written.append(outcome.path)
    return Outcome(submission.row, "added", outcome.record_id, tuple(outcome.findings))


def import_sessions(dataset: Dataset, export: Export, dry_run: bool) -> Result:
    result = Result()
    for submission in export.submissions:
        result.outcomes.append(_one(dataset, submission, dry_run, result))
    return result
