"""Submissions of the focal-point self-update form turned into directory edits, applied as
``psea directory import`` applies an edited workbook: only the fields given change, comments
and key order stay, and the result is validated before anything is written.

An empty answer keeps what the directory holds. The entry's ``verified_on`` becomes the day
the submission reached the collection server: the focal point confirmed the details that day.
A submission older than the entry's last verification is skipped, so that importing an old
export never undoes a newer correction. Importing the same export twice changes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from psea_cli.directory.workbook import FIELDS
from psea_cli.directory.workbook_guard import Row
from psea_cli.forms.exports import Export, Submission

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset
    from psea_cli.models.organisation import FocalPoint

QUESTIONS = {"organisation", "focal_point", "fp_name", "fp_role", "fp_title", "fp_email",
             "fp_phone", "fp_regions", "fp_languages", "confirm"}
ANSWER_OF = {"name": "fp_name", "role": "fp_role", "title": "fp_title", "email": "fp_email",
             "phone": "fp_phone", "regions": "fp_regions", "languages": "fp_languages"}


def multiples(dataset: Dataset) -> dict[str, tuple[str, ...]]:
    """The select_multiple questions and their choices, for one-column-per-choice exports."""
    from psea_cli.forms.focal_point import COMMON_LANGUAGES, WHOLE_COUNTRY

    assert dataset.network is not None
    return {"fp_regions": (*(r.pcode for r in dataset.network.regions), WHOLE_COUNTRY),
            "fp_languages": tuple(dict.fromkeys([*dataset.network.languages, *COMMON_LANGUAGES]))}


@dataclasses.dataclass(frozen=True)
class Skipped:
    row: int
    reason: str  # "misfit", "not-confirmed", "unknown-entry", "older"


def _current(entry: FocalPoint | None) -> dict[str, Any]:
    if entry is None:
        return dict.fromkeys(FIELDS) | {"regions": [], "languages": []}
    return {field: getattr(entry, field) for field in FIELDS}


def _same_person(fp: FocalPoint, answers: Mapping[str, Any]) -> bool:
    email, name = answers.get("fp_email"), answers.get("fp_name")
    return bool((email and fp.email and fp.email.casefold() == str(email).casefold())
                or (name and fp.name.casefold() == str(name).casefold()))


def _entry(dataset: Dataset, org_id: str, answers: Mapping[str, Any]
           ) -> tuple[str | None, FocalPoint | None]:
    """(focal point id, entry) the answers name; (None, None) for a new one. A "new" focal
    point already in the directory with that e-mail or name (a submission imported before)
    is that entry."""
    organisation = dataset.organisation(org_id)
    entries = organisation.focal_points if organisation is not None else []
    choice = str(answers.get("focal_point", "new"))
    if choice == "new":
        found = next((fp for fp in entries if _same_person(fp, answers)), None)
        return (found.id, found) if found is not None else (None, None)
    prefix = f"{org_id}."
    fp_id = choice.removeprefix(prefix) if choice.startswith(prefix) else choice
    return fp_id, next((fp for fp in entries if fp.id == fp_id), None)


def _row(dataset: Dataset, submission: Submission, today: dt.date,
         earlier: Row | None = None) -> Row | Skipped:
    """The row of one submission: the entry as the directory holds it (or as an ``earlier``
    submission of the same export left it), with the fields this one answers."""
    from psea_cli.forms.focal_point import WHOLE_COUNTRY

    answers = submission.answers
    if submission.misfit is not None:  # its answers would be read under other questions
        return Skipped(submission.row, "misfit")
    if answers.get("confirm") != "yes":
        return Skipped(submission.row, "not-confirmed")
    org_id = str(answers.get("organisation", ""))
    fp_id, entry = _entry(dataset, org_id, answers)
    if fp_id is not None and entry is None:
        return Skipped(submission.row, "unknown-entry")
    day = submission.submitted or today
    if entry is not None and entry.verified_on is not None and entry.verified_on > day:
        return Skipped(submission.row, "older")
    fields = dict(earlier.fields) if earlier is not None else _current(entry)
    for field, question in ANSWER_OF.items():
        value = answers.get(question)
        if value not in (None, "", []):
            fields[field] = value
    if answers.get("fp_regions") == [WHOLE_COUNTRY]:
        fields["regions"] = []  # an entry without regions covers the whole country
    fields["verified_on"] = day
    return Row(submission.row, org_id or None, fp_id, ("", ""), fields)


def _person(dataset: Dataset, submission: Submission) -> tuple[str, ...] | None:
    """Who a submission updates: the organisation and the focal point's id, or, for a new
    one, their e-mail or name; None when it cannot be said."""
    answers = submission.answers
    org_id = str(answers.get("organisation", ""))
    fp_id, _entry_found = _entry(dataset, org_id, answers)
    if fp_id is not None:
        return (org_id, fp_id)
    who = answers.get("fp_email") or answers.get("fp_name")
    return (org_id, "new", str(who).casefold()) if who else None


def rows(dataset: Dataset, export: Export, today: dt.date) -> tuple[list[Row], list[Skipped]]:
    """The workbook-like rows of the submissions, and the submissions skipped (and why).
    Submissions updating the same focal point are applied in the order they reached the
    server, each on what the one before left: a phone corrected on Monday and an e-mail on
    Tuesday both stand (the later one alone, started from the directory, undid the first)."""
    found: dict[object, Row] = {}
    skipped: list[Skipped] = []
    for submission in sorted(export.submissions, key=lambda s: (s.submitted or today, s.row)):
        person = _person(dataset, submission)
        row = _row(dataset, submission, today, found.get(person) if person else None)
        if isinstance(row, Skipped):
            skipped.append(row)
        else:
            found[person if person is not None else ("row", row.number)] = row
    return (sorted(found.values(), key=lambda row: row.number),
            sorted(skipped, key=lambda item: item.row))
