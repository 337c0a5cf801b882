"""Submissions of the attendance form turned into session records, judged exactly as
``psea activity add`` judges one (``records.editing``), then written, or not at all.

A record's id is its first day, region and audience, then twelve characters drawn from the
submission's whole id (``_key``): importing the same export twice finds the record and adds
nothing. Two submissions never share them by chance, whatever their ids look like: time-ordered
UUIDs (version 7) of the same weeks, ids typed in a spreadsheet (``S-2021-0001``…), or ids one
apart. Records imported before 0.3.8 end with the first eight characters of the submission's
id instead: they are still found by them when the id is a random UUID (version 4, as
KoboToolbox and ODK write them), and otherwise only with the same day, region and audience.
Session records hold counts only, so this link to the collection server's submission leaks
nothing about a person.

A submission corrected in the collection tool (the same id with other answers, or a new id
naming the old one in ``meta/deprecatedID``) is found by that link, whatever its day, region
or audience now, and reported as the intake import reports a corrected case (*changed*):
never added beside the record it corrects, which would count the session twice, and never
applied over what the record holds now.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from typing import TYPE_CHECKING, Any

from psea_cli.forms.answers import count, day, region
from psea_cli.forms.exports import Export, Submission
from psea_cli.forms.import_rows import Outcome, disagreeing, misfit_row, missing_id, repeated
from psea_cli.forms.importing import Result
from psea_cli.layout import RECORD_FOLDERS
from psea_cli.problems import Severity

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset, Located
    from psea_cli.models.records import Session

COUNTS = ("women", "men", "girls", "boys")
QUESTIONS = {"kind", "start", "end", "region", "admin2", "organisers", "audience", *COUNTS,
             "topics", "note"}
DATES = ("start", "end")
"""The attendance form's questions of type date."""
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
        "kind": get("kind"), "start": day(get("start")) if get("start") else None,
        "end": day(get("end")) if get("end") else None,
        "region": region(dataset.network, get("region")) if get("region") else None,
        "admin2": get("admin2"), "organisers": list(get("organisers") or []),
        "audience": get("audience"),
        "participants": {name: count(get(name)) if get(name) not in (None, "") else 0
                         for name in COUNTS},
        "topics": list(get("topics") or []), "note": get("note"),
    }


_RANDOM_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}",
                          re.IGNORECASE)
"""A version 4 UUID: random, so that its first eight characters are its own."""
KEY_LENGTH = 12
"""Hexadecimal characters of a submission's key: 48 bits, so that two of a network's
submissions share one with a chance of about one in ten million at 10,000 sessions."""


def _key(uuid: str) -> str:
    """The part of a record's id that comes from its submission's id: drawn from all of it
    (the first characters of a time-ordered UUID are its date, and typed ids share theirs)."""
    return hashlib.sha256(uuid.strip().lower().encode()).hexdigest()[:KEY_LENGTH]


def _legacy_key(uuid: str) -> str:
    """The key records imported before 0.3.8 were given: the id's first eight characters."""
    from psea_cli.records.editing import slug

    return slug(uuid.replace("-", "")[:8])


def _legacy_id(fields: dict[str, Any], uuid: str) -> str:
    """The id a record made from ``fields`` was given before 0.3.8."""
    from psea_cli.records.editing import slug

    return slug(str(fields.get("start") or ""), str(fields.get("region") or ""),
                str(fields.get("audience") or ""), _legacy_key(uuid))


def _base_id(fields: dict[str, Any], uuid: str) -> str:
    """The record's id: its day, region and audience, shortened if need be so that the
    submission's key is whole at its end (ids are at most 60 characters)."""
    from psea_cli.records.editing import slug

    key = _key(uuid)
    start = slug(str(fields.get("start") or ""), str(fields.get("region") or ""),
                 str(fields.get("audience") or ""))[:59 - len(key)].strip("-")
    return slug(start, key)


def _model(record_id: str, fields: dict[str, Any]) -> Session | None:
    """The record ``fields`` make, or None when they make no valid one."""
    from pydantic import ValidationError

    from psea_cli.models.records import Session

    try:
        return Session.model_validate({"id": record_id, **fields})
    except ValidationError:
        return None


def _held(session: Session, fields: dict[str, Any]) -> dict[str, Any]:
    """What ``session`` holds of the fields a submission gives."""
    return session.model_dump(mode="json", include=set(fields))


@dataclasses.dataclass
class _Imported:
    """The session records made from a submission before this run, by the part of their id
    that comes from the submission's id (``…-3f9a0c1d2e4b``, or ``…-3f9a0c1d2e4b-2`` when the
    id was taken), and by their whole id; and those this run adds, by their submission's id
    (``_same_id``); with what they hold."""

    before: dict[str, tuple[str, Session | None]]
    by_id: dict[str, Session]
    now: dict[str, tuple[str, Session | None]] = dataclasses.field(default_factory=dict)

    @classmethod
    def of(cls, sessions: list[Located[Session]]) -> _Imported:
        before: dict[str, tuple[str, Session | None]] = {}
        for located in sessions:
            parts = located.value.id.split("-")
            numbered = len(parts) > 2 and parts[-1].isdigit() and len(parts[-1]) <= 3
            before.setdefault(parts[-2] if numbered else parts[-1],
                              (located.value.id, located.value))
        return cls(before, {located.value.id: located.value for located in sessions})

    def find(self, uuid: str | None, fields: dict[str, Any]) -> tuple[str, Session | None] | None:
        if not uuid:
            return None
        return (self.now.get(_same_id(uuid)) or self.before.get(_key(uuid))
                or self._legacy(uuid, fields))

    def _legacy(self, uuid: str, fields: dict[str, Any]) -> tuple[str, Session | None] | None:
        """A record imported before 0.3.8, whose id ends with the first eight characters of
        its submission's id. Those of a random UUID (version 4, as KoboToolbox and ODK write
        them) are its own: found by them alone, whatever the record holds now. Those of any
        other id (typed, time-ordered) are shared by others: only a record of that very id
        (or its ``-2``…) that is the same session (kind, first day, region, cercle, audience,
        as the counting tells sessions apart) is taken."""
        if _RANDOM_UUID.fullmatch(uuid.strip()):
            return self.before.get(_legacy_key(uuid))
        base = _legacy_id(fields, uuid)
        wanted = _session_key(fields)
        for record_id in [base, *(f"{base}-{n}" for n in range(2, 100))]:
            session = self.by_id.get(record_id)
            if session is None:
                return None
            if _session_key(session.model_dump()) == wanted:
                return record_id, session
        return None


def _same_id(uuid: str) -> str:
    """A submission's id as compared: ``5E0A…`` and ``5e0a…`` are one submission."""
    return uuid.strip().lower()


def _session_key(fields: dict[str, Any]) -> tuple[Any, ...]:
    """What tells two sessions apart when they are counted (``records.counting``)."""
    return tuple(fields.get(name) for name in ("kind", "start", "region", "admin2", "audience"))


def _known(imported: _Imported, submission: Submission, fields: dict[str, Any]
           ) -> Outcome | None:
    """*known* or *changed* when the submission, or the one it corrects, made a record."""
    assert submission.uuid is not None
    found = (imported.find(submission.uuid, fields)
             or imported.find(submission.deprecated, fields))
    if found is None:
        return None
    record_id, session = found
    new = _model(record_id, fields)
    same = new is not None and session is not None and _held(new, fields) == _held(session,
                                                                                    fields)
    return Outcome(submission.row, "known" if same else "changed", record_id)


def _one(dataset: Dataset, submission: Submission, dry_run: bool, result: Result,
         imported: _Imported) -> Outcome:
    from psea_cli.cases.store import label
    from psea_cli.records import editing

    if submission.uuid is None:
        return missing_id(submission.row)
    if submission.misfit is not None:
        return misfit_row(submission.row, submission.misfit)
    if submission.disagreeing:
        return disagreeing(submission) or Outcome(submission.row, "refused")
    fields = session_fields(dataset, submission.answers)
    known = _known(imported, submission, fields)
    if known is not None:
        return known
    record_id = _base_id(fields, submission.uuid)
    path = dataset.root / RECORD_FOLDERS["session"] / f"{record_id}.yaml"
    if path.exists():  # a record that psea validate refuses as it is
        return Outcome(submission.row, "known", record_id)
    if dry_run:
        where = label(dataset, path)
        findings = editing.judge(dataset, "session", where,
                                 editing.render("session", {"id": record_id, **fields}, where))
        refused = any(f.severity is Severity.ERROR for f in findings)
        if not refused:
            imported.now[_same_id(submission.uuid)] = (record_id, _model(record_id, fields))
        return Outcome(submission.row, "refused" if refused else "added", None, tuple(findings))
    outcome = editing.add(dataset, "session", record_id, fields)
    if not outcome.written:
        return Outcome(submission.row, "refused", None, tuple(outcome.findings))
    result.written.append(outcome.path)
    imported.now[_same_id(submission.uuid)] = (outcome.record_id, _model(outcome.record_id, fields))
    return Outcome(submission.row, "added", outcome.record_id, tuple(outcome.findings))


def import_sessions(dataset: Dataset, export: Export, dry_run: bool) -> Result:
    """Each submission of ``export`` added as a session record, unless refused, imported
    before (*known*), a correction of one imported before (*changed*: reported, not applied)
    or repeated in the export (*duplicate*; every row of an id given with other answers is
    refused, as the intake import refuses them: either may be the correction)."""
    result = Result()
    imported = _Imported.of(dataset.records.sessions)
    for submission, said in zip(export.submissions, repeated(export.submissions, _same_id),
                                strict=True):
        result.outcomes.append(said if said is not None else _one(
            dataset, submission, dry_run, result, imported))
    return result
