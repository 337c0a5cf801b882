"""What ``psea import`` says of each row and of the whole import: its status, the rules a
refused row breaks (by the form's question, never a submitted value), the columns it does not
read (by name only when KoboToolbox or ODK Central adds them) and the summary line."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from psea_cli.cli_support import err
from psea_cli.i18n import _, ngettext

if TYPE_CHECKING:
    from psea_cli.dataset import Finding
    from psea_cli.forms.import_rows import Outcome
    from psea_cli.forms.importing import Result


def path_text(path: tuple[str | int, ...], record: bool = False) -> str:
    """The form's question for a field of the case record (``survivor.count`` is asked as
    ``survivor_count``), else the field; the record itself when the finding has no field."""
    from psea_cli.forms.intake import FIELDS

    if record:
        return ".".join(str(p) for p in path) or _("record")
    question = {tuple(v): k for k, v in FIELDS.items()}.get(tuple(str(p) for p in path))
    if path[:1] == ("consent",):
        question = "consent_given"
    text = ".".join(str(p) for p in path) or _("case")
    return f"{question} ({text})" if question and question != text else text


def show(outcome: Outcome, dry_run: bool, record: bool = False) -> None:
    row = _("row {row}").format(row=outcome.row)
    if outcome.status == "added":
        added = (_("{row}: added as record {id}") if record
                 else _("{row}: added as case {id}"))
        err(_("{row}: would be added") .format(row=row) if dry_run or outcome.case_id is None
            else added.format(row=row, id=outcome.case_id))
    elif outcome.status == "known" and record:
        err(_("{row}: imported before as record {id}").format(row=row, id=outcome.case_id))
    elif outcome.status == "known":
        err(_("{row}: imported before as case {id}, unchanged").format(row=row, id=outcome.case_id))
    elif outcome.status == "changed" and record:
        err(_("{row}: imported before as record {id}, and corrected since in the collection "
              "tool; not applied, and not added a second time: compare them and correct the "
              "record if needed").format(row=row, id=outcome.case_id))
    elif outcome.status == "changed" and not outcome.fields:
        err(_("{row}: imported before as case {id}, and corrected since in the collection tool; "
              "not applied. The case record cannot be read here (encrypted: give your key with "
              "--identity FILE to see which answers differ; or it has problems: run 'psea "
              "validate')").format(row=row, id=outcome.case_id))
    elif outcome.status == "changed":
        err(_("{row}: imported before as case {id}, and corrected since in the collection tool "
              "({fields}); not applied: compare them, and correct the case record if needed "
              "(once it agrees, the next import takes the correction as known)").format(
                  row=row, id=outcome.case_id, fields=", ".join(outcome.fields)))
    elif outcome.status == "duplicate":
        err(_("{row}: the same submission as an earlier row; skipped").format(row=row))
    else:
        err(_("{row}: refused").format(row=row) + (f" — {outcome.reason}" if outcome.reason else ""))
    for finding in outcome.findings:
        path, hint = _placed(finding)
        err("    " + _("{where}: {finding}").format(
            where=path_text(path, record),
            finding=f"{finding.severity.word} [{finding.code}] {finding.message}"))
        if hint:
            err(f"        → {hint}")


def store(findings: list[Finding]) -> None:
    """What the import finds on the case store as a whole, once (``Result.store``)."""
    for finding in findings:
        err(_("{where}: {finding}").format(
            where=finding.file,
            finding=f"{finding.severity.word} [{finding.code}] {finding.message}"))
        if finding.hint:
            err(f"    → {finding.hint}")


def _placed(finding: Finding) -> tuple[tuple[str | int, ...], str]:
    """Where a finding is, and its hint as ``psea validate`` gives it; a required answer
    missing is said at its question, with how to give it: its hint says to edit a file."""
    from psea_cli import catalogue

    if finding.code != "schema.missing-field":
        return finding.path, finding.hint
    message = catalogue.finding_texts("schema.missing-field", None, key="\0")[2]
    before, _mark, after = message.partition("\0")
    key = finding.message.removeprefix(before).removesuffix(after)
    if not _mark or f"{before}{key}{after}" != finding.message or not key:
        return finding.path, finding.hint
    return (*finding.path, key), _(
        "The submission has no answer to this question: answer it in KoboToolbox or ODK Central "
        "(edit the submission), then export and import again.")


_METADATA_NAMES = """
start end today deviceid username simserial subscriberid phonenumber audit instanceid
deprecatedid rootuuid instancename _id _uuid _submission_time _validation_status _notes
_status _submitted_by __version__ _version_ _tags _index _geolocation _attachments
_xform_id_string submissiondate key submitterid submittername attachmentspresent
attachmentsexpected status reviewstate edits formversion uuid
"""
_METADATA = frozenset(_METADATA_NAMES.split())
"""The columns KoboToolbox and ODK Central add to an export (by their last part: ``meta/
instanceID``, ``formhub/uuid``): the only dropped columns named."""


def dropped(columns: list[str], said: str) -> None:
    """Say the columns an import does not read: a column KoboToolbox or ODK Central adds by
    name, any other by count only (added by hand, its name may be a person's: « Fatoumata
    Diarra », « Traore_Awa »)."""
    if not columns:
        return
    shown = [column for column in columns
             if re.split(r"[/:-]", column.strip())[-1].lower() in _METADATA]
    others = len(columns) - len(shown)
    if others:
        shown.append(ngettext("{n} other column, whose name is not shown",
                              "{n} other columns, whose names are not shown", others).format(
                                  n=others))
    err(said.format(columns=", ".join(shown)))


def summary(result: Result, dry_run: bool) -> str:
    added = result.count("added")
    parts = [(ngettext("{n} would be added", "{n} would be added", added) if dry_run
              else ngettext("{n} added", "{n} added", added)).format(n=added)]
    counts = {status: result.count(status) for status in ("refused", "known", "changed",
                                                          "duplicate")}
    texts = {
        "refused": ngettext("{n} refused", "{n} refused", counts["refused"]),
        "known": ngettext("{n} imported before", "{n} imported before", counts["known"]),
        "changed": ngettext("{n} corrected since import", "{n} corrected since import",
                            counts["changed"]),
        "duplicate": ngettext("{n} duplicate", "{n} duplicates", counts["duplicate"]),
    }
    parts += [texts[status].format(n=n) for status, n in counts.items() if n]
    return ", ".join(parts)
