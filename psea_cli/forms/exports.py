"""Reading a submissions export as KoboToolbox or ODK Central writes it (XLSX or CSV).

Which tool wrote it is told by its metadata columns: KoboToolbox adds ``_uuid``,
``_submission_time``, ``_geolocation`` and writes groups as ``group/question``; ODK Central
adds ``KEY``, ``SubmissionDate``, ``meta-instanceID`` and writes groups as ``group-question``.
A select_multiple comes as one space-separated column, or as one column per choice (1/0),
or both. Columns are matched to the form's questions by name, whatever their group path; any
other column is dropped, and listed by name (never by value), except the submission's id
and the id it corrects, which are read.

Nothing here keeps the file: values are read into memory and the caller decides.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping
from typing import Any, Literal

from psea_cli.forms.export_cells import refuse_numbers_as_days
from psea_cli.forms.export_files import Table, refuse_a_form
from psea_cli.forms.export_files import cell_text as _text
from psea_cli.forms.slashed_days import slashed_days
from psea_cli.i18n import _, ngettext
from psea_cli.problems import PseaError

Tool = Literal["kobo", "odk-central", "odk"]
TOOL_NAMES: dict[str, str] = {"kobo": "KoboToolbox", "odk-central": "ODK Central",
                              "odk": "ODK"}
_ID_COLUMNS: dict[Tool, tuple[str, ...]] = {
    "kobo": ("_uuid", "meta/instanceID", "meta.instanceID", "instanceID"),
    "odk-central": ("KEY", "meta-instanceID", "instanceID"),
    "odk": ("meta/instanceID", "meta-instanceID", "instanceID", "meta:instanceID"),
}
_DEPRECATED_COLUMNS = ("meta/deprecatedID", "meta-deprecatedID", "meta.deprecatedID",
                       "deprecatedID")
_SUBMITTED_COLUMNS = ("_submission_time", "SubmissionDate", "end")
_NUMBERED = ("_id", "_index")
"""Columns KoboToolbox fills with a whole number in every row of an export: anything else
there, a cell of the row was deleted or inserted, and the later ones moved."""
_SEPARATORS = re.compile(r"[/.-]")
"""Between a group and its question in a column's name: ``/`` (KoboToolbox's default, and
its other group separator a user may choose, ``.``), ``-`` (ODK Central)."""
_TRUE = {"1", "1.0", "true", "yes", "oui", "vrai"}


@dataclasses.dataclass(frozen=True)
class Submission:
    """One row: its number in the file (the header is row 1), its id, the id it corrects
    (an edited submission), and its answers by question name."""

    row: int
    uuid: str | None
    deprecated: str | None
    answers: Mapping[str, Any]
    submitted: dt.date | None = None
    """Day the tool received it (``_submission_time``, ``SubmissionDate``), when given."""
    misfit: tuple[int, int, str] | None = None
    """The row's cells, the header's columns and the column that gave it away when they do not
    fit (``misfit``), else None: its answers would be read under other questions."""
    disagreeing: tuple[str, ...] = ()
    """The select_multiple questions whose two forms of answer disagree (``_answers``)."""


@dataclasses.dataclass(frozen=True)
class Export:
    tool: Tool
    submissions: list[Submission]
    dropped: list[str]
    """The columns that are no question of the form, in the file's order, less the
    submission id columns psea reads (``KEY``, ``_uuid``, the id it corrects)."""
    columns: frozenset[tuple[str, str | None]] = frozenset()
    """The (question, choice) of each column read: choice None for the answer itself, a
    choice's name for a select_multiple's column of that choice."""


def detect(headers: Iterable[str]) -> Tool | None:
    names = set(headers)
    if names & {"_uuid", "_submission_time", "_geolocation", "_id"}:
        return "kobo"
    if names & {"KEY", "SubmissionDate", "meta-instanceID"}:
        return "odk-central"
    if names & {"meta/instanceID", "instanceID", "meta:instanceID"}:
        return "odk"
    return None


def _classify(header: str, questions: set[str],
              multiples: Mapping[str, tuple[str, ...]]) -> tuple[str, str | None] | None:
    """(question, choice) a column holds: choice is None for the answer itself, a choice name
    for a select_multiple's one-column-per-choice; None for a column of no question."""
    parts = _SEPARATORS.split(header.strip())
    for index, part in enumerate(parts):
        if part not in questions:
            continue
        rest = parts[index + 1:]
        if not rest:
            return part, None
        choice = "-".join(rest)
        if part in multiples and choice in multiples[part]:
            return part, choice
        return None
    return None


def _uuid(value: Any) -> str | None:
    text = _text(value)
    return text.removeprefix("uuid:") or None


def read_export(table: Table, questions: set[str], multiples: Mapping[str, tuple[str, ...]],
                dates: Collection[str] = (), required: Collection[str] = ()) -> Export:
    """The submissions of an export (``read_table``) for a form with ``questions`` (and its
    select_multiple questions with their choices, and its questions whose answer is a day:
    a number there is refused, ``export_cells``). A question of ``required`` must have its
    column: without it, every submission would be read as if it had no answer there."""
    headers = table.headers
    name = table.name
    tool = detect(headers)
    if tool is None:
        refuse_a_form(table)
        raise PseaError(
            _("{file} has no submission id column (_uuid, KEY or meta/instanceID)").format(
                file=name),
            _("Give the export as KoboToolbox or ODK Central wrote it, with its metadata "
              "columns: psea needs each submission's id to import it only once."), exit_code=1)
    columns: dict[int, tuple[str, str | None]] = {}
    dropped: list[str] = []
    for index, header in enumerate(headers):
        found = _classify(header, questions, multiples) if header else None
        if found is None:
            if header:
                dropped.append(header)
        else:
            columns[index] = found
    twice = sorted(found for found, count in collections.Counter(columns.values()).items()
                   if count > 1)
    if twice:  # which one to read? the last one silently won
        question, choice = twice[0]
        raise PseaError(
            _("{file} has two columns for the question {question}").format(
                file=name, question=question if choice is None else f"{question}/{choice}"),
            _("Export the submissions again from KoboToolbox or ODK Central, or delete the "
              "column that was added by hand."), exit_code=1)
    if not columns:
        raise PseaError(
            _("{file} has none of the form's questions as a column").format(file=name),
            _("Export the submissions of the psea form with XML values and headers, not "
              "labels (KoboToolbox: Downloads → \"XML values and headers\")."), exit_code=1)
    _refuse_missing(name, required, {question for question, _choice in columns.values()})
    refuse_numbers_as_days(name, headers, table.rows, columns, dates)
    days = slashed_days(name, headers, table.rows, columns, dates)
    id_index = next(headers.index(c) for c in _ID_COLUMNS[tool] if c in headers) \
        if any(c in headers for c in _ID_COLUMNS[tool]) else None
    deprecated_index = next((headers.index(c) for c in _DEPRECATED_COLUMNS if c in headers), None)
    submitted_index = next((headers.index(c) for c in _SUBMITTED_COLUMNS if c in headers), None)
    read = {headers[i] for i in (id_index, deprecated_index) if i is not None}
    dropped = [header for header in dropped if header not in read]  # the ids are read
    submissions = []
    by_row: dict[int, dict[str, dt.date]] = {}
    for (at, index), day in days.items():
        by_row.setdefault(at, {})[columns[index][0]] = day
    numbered = () if table.csv else tuple(headers.index(c) for c in _NUMBERED if c in headers)
    for number, row in table.rows:
        answers, disagreeing = _answers(row, columns, multiples)
        answers.update(by_row.get(number, {}))
        uuid = _uuid(row[id_index]) if id_index is not None and id_index < len(row) else None
        deprecated = (_uuid(row[deprecated_index])
                      if deprecated_index is not None and deprecated_index < len(row) else None)
        submitted = (_submitted(row[submitted_index])
                     if submitted_index is not None and submitted_index < len(row) else None)
        submissions.append(Submission(number, uuid, deprecated, answers, submitted,
                                      misfit(row, headers, table.csv, numbered, id_index),
                                      disagreeing))
    return Export(tool, submissions, dropped, frozenset(columns.values()))


def misfit(row: list[Any], headers: list[str], exact: bool, numbered: tuple[int, ...] = (),
           id_index: int | None = None) -> tuple[int, int, str] | None:
    """The cells of ``row``, the header's columns and the column that gave it away (``""``:
    their number) when the row does not fit the header: in a CSV (``exact``), any other number
    of cells than the header's; in a workbook, whose rows end at their last cell, a value past
    the header's last column, a column KoboToolbox numbers in every row (``numbered``: ``_id``,
    ``_index``) holding no whole number, or, without such a column, a submission id no
    collection tool writes (a number, a day). A cell inserted or deleted in one row (a
    spreadsheet's « shift cells right » or « left ») moves every later answer under another
    question: a consent read as another, the device's id read as the note."""
    columns = len(headers)
    if exact:
        return (len(row), columns, "") if len(row) != columns else None
    last = max((i for i, cell in enumerate(row) if cell is not None and _text(cell)), default=-1)
    if last >= columns:
        return (last + 1, columns, "")
    cell = dict(enumerate(row)).get
    moved = next((i for i in numbered if not _whole(cell(i))), None)
    if moved is None and not numbered and id_index is not None and not _id_like(cell(id_index)):
        moved = id_index
    return (last + 1, columns, headers[moved]) if moved is not None else None


def _whole(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return True
    return _text(value).isdigit()


def _id_like(value: Any) -> bool:
    """Whether ``value`` may be a submission id as KoboToolbox and ODK write them (a uuid, with
    ``uuid:`` or not): 8 characters or more, not a number, a day or a time, which are what the
    next column holds when a cell of the row was deleted (``_submission_time``, ODK Central's
    ``SubmitterID``)."""
    if isinstance(value, (dt.date, int, float)) or value is None:
        return False
    text = _text(value)
    return len(text) >= 8 and not text.isdigit() and not re.match(r"\d{4}-\d\d-\d\d", text)


def _refuse_missing(name: str, required: Collection[str], present: set[str]) -> None:
    """Refuse an export without the column of a question of ``required``: renamed or deleted
    after the export (« Région » for ``region``), its answers would read as none given (a
    consent never given, a required field missing from every row)."""
    missing = [question for question in required if question not in present]
    if missing:
        raise PseaError(
            ngettext("{file} has no column for the form's question {questions}",
                     "{file} has no column for the form's questions {questions}",
                     len(missing)).format(file=name, questions=", ".join(missing)),
            _("A column was renamed or deleted after the export, or the export is of another "
              "form: export the submissions again from KoboToolbox or ODK Central, with XML "
              "values and headers and every column, from the form 'psea forms' writes."),
            exit_code=1)


def _submitted(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(_text(value)[:10])
    except ValueError:
        return None


def answered(headers: list[str], questions: set[str]) -> bool:
    """Whether any column holds one of ``questions`` (whatever its group path)."""
    return any(part in questions for header in headers for part in _SEPARATORS.split(header))


def _answers(row: list[Any], columns: Mapping[int, tuple[str, str | None]],
             multiples: Mapping[str, tuple[str, ...]]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The row's answers by question, and the select_multiple questions whose space-separated
    column and columns of 0 and 1 disagree (one corrected in a spreadsheet, not the other)."""
    answers: dict[str, Any] = {}
    ticked: dict[str, list[str]] = {}
    given: set[str] = set()  # questions with a tick column not left blank
    disagreeing: list[str] = []
    for index, (question, choice) in columns.items():
        value = row[index] if index < len(row) else None
        if choice is not None:
            ticked.setdefault(question, [])
            if _text(value).lower() in _TRUE:
                ticked[question].append(choice)
            if _text(value):
                given.add(question)
        elif question in multiples:
            answers[question] = _text(value).split()
        elif isinstance(value, (dt.date, int, float)) and not isinstance(value, bool):
            answers[question] = value
        elif _text(value):
            answers[question] = _text(value)
    for question, choices in ticked.items():
        if question not in answers:  # the space-separated column, when present, is the answer
            answers[question] = choices
        elif question in given and sorted(answers[question]) != sorted(choices):
            disagreeing.append(question)  # its ticks say otherwise (all blank say nothing)
    return answers, tuple(disagreeing)
