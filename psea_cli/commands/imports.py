"""``psea import FILE``: submissions of the intake form, exported from KoboToolbox or ODK
Central (XLSX or CSV), imported as case records judged as ``psea case add`` judges them; or
submissions of the focal-point self-update form, applied to the directory as an edited
workbook is (``psea directory import``).

Output names rows, statuses, case ids, column names and rules — never a submitted value. The
export itself is only read: it is never copied into the repository, and the command reminds
the user to delete it.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from psea_cli.cli_support import err, handle_errors, load
from psea_cli.commands import case_common
from psea_cli.i18n import N_, _, ngettext
from psea_cli.problems import PseaError

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset
    from psea_cli.forms.export_files import Table
    from psea_cli.forms.import_rows import Outcome
    from psea_cli.forms.importing import Result
    from psea_cli.forms.ledger import Ledger


def _path_text(path: tuple[str | int, ...], record: bool = False) -> str:
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


def _show(outcome: Outcome, dry_run: bool, record: bool = False) -> None:
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
        err("    " + _("{where}: {finding}").format(
            where=_path_text(finding.path, record),
            finding=f"{finding.severity.word} [{finding.code}] {finding.message}"))


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


def _dropped(columns: list[str], said: str) -> None:
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


def _summary(result: Result, dry_run: bool) -> str:
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


SELF_UPDATE_MARKS = {"focal_point", "fp_name", "fp_email", "fp_phone"}
"""Questions only the focal-point self-update form has."""

_SKIPPED = {
    "misfit": N_("row {row}: its cells do not fit the header (a cell was added or removed in "
                 "this row); skipped, so that no answer is read under another question"),
    "not-confirmed": N_("row {row}: the focal point did not confirm the details; skipped"),
    "unknown-entry": N_("row {row}: this focal point is no longer in the directory; skipped"),
    "older": N_("row {row}: the entry was verified after this submission; skipped, so that "
                "a newer correction stays"),
}


def _import_self_updates(dataset: Dataset, file: Path, table: Table, dry_run: bool,
                         commit: bool, branch: str | None) -> None:
    """Submissions of the focal-point self-update form, applied to the directory."""

    from psea_cli import gitrepo
    from psea_cli.commands.directory import show_edit
    from psea_cli.directory import editing
    from psea_cli.forms import exports, self_update

    export = exports.read_export(table, self_update.QUESTIONS, self_update.multiples(dataset))
    err(ngettext("{tool} export of the focal-point form: {n} submission",
                 "{tool} export of the focal-point form: {n} submissions",
                 len(export.submissions)).format(tool=exports.TOOL_NAMES[export.tool],
                                                 n=len(export.submissions)))
    _dropped(export.dropped, _("dropped columns (not part of a directory entry): {columns}"))
    rows, skipped = self_update.rows(dataset, export, dataset.today)
    for item in skipped:
        err(_(_SKIPPED[item.reason]).format(row=item.row))
    edit = editing.plan(dataset, rows)
    shown = show_edit(edit, _("No change: the directory already holds these details."),
                      _("nothing was written: correct the submissions and import again"))
    if shown and not dry_run:
        editing.targets(dataset, edit)  # a link refused before a branch is started
        if commit or branch:
            gitrepo.ensure_can_commit(dataset.root)
        if branch:
            gitrepo.start_branch(dataset.root, branch)
        written = editing.write(dataset, edit)
        for path in written:
            err(_("written: {file}").format(file=path.relative_to(dataset.root).as_posix()))
        if commit or branch:
            sha = gitrepo.commit_files(dataset.root, written, "directory: import "
                                       f"{len(edit.changes)} changes from focal-point submissions")
            err(_("committed: {sha}").format(sha=sha[:8]))
    err(_("The export was read, not copied into the repository. Delete it now ({file}).").format(
        file=file))
    if any(item.reason == "misfit" for item in skipped):  # a row the export got wrong: said by
        raise typer.Exit(code=1)  # the exit too, as a case row refused for it is


def _import_sessions(dataset: Dataset, file: Path, table: Table, dry_run: bool,
                     commit: bool, branch: str | None) -> None:
    """Submissions of the attendance form, added as session records."""
    from psea_cli import gitrepo
    from psea_cli.forms import exports, session_import

    export = exports.read_export(table, session_import.QUESTIONS, session_import.multiples(dataset),
                                 session_import.DATES)
    err(ngettext("{tool} export of the attendance form: {n} submission",
                 "{tool} export of the attendance form: {n} submissions",
                 len(export.submissions)).format(tool=exports.TOOL_NAMES[export.tool],
                                                 n=len(export.submissions)))
    _dropped(export.dropped, _("dropped columns (not part of a session record): {columns}"))
    if not dry_run and (commit or branch):
        gitrepo.ensure_can_commit(dataset.root)
    if branch and not dry_run:
        gitrepo.start_branch(dataset.root, branch)
    result = session_import.import_sessions(dataset, export, dry_run)
    for outcome in result.outcomes:
        _show(outcome, dry_run, record=True)
    err(_summary(result, dry_run))
    if result.written and (commit or branch):
        sha = gitrepo.commit_files(dataset.root, result.written,
                                   f"records: import {len(result.written)} session"
                                   f"{'s' if len(result.written) != 1 else ''}")
        err(_("committed: {sha}").format(sha=sha[:8]))
    err(_("The export was read, not copied into the repository. Delete it now ({file}).").format(
        file=file))
    if result.count("refused"):
        raise typer.Exit(code=1)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _check_export_place(dataset: Dataset, export: Path) -> None:
    """An export lying in the repository (or in the case store, wherever it is) could be
    committed by the next « git add . » or « commit all », every answer as submitted with it:
    refuse to read it there."""
    if _inside(export, dataset.root) or _inside(export, dataset.root / dataset.cases_dir):
        raise PseaError(_("the export is inside the network's repository, where git could "
                          "keep it"),
                        _("Move it out of the repository (to your Downloads folder), then run "
                          "the command again."))


def _delete_export(file: Path) -> None:
    err(_("The export was read, not copied into the repository. It holds every answer as "
          "submitted: delete it now ({file}), and empty the trash.").format(file=file))


def _commit(dataset: Dataset, result: Result, ledger: Ledger, commit: bool,
            branch: str | None, added: int) -> None:
    """Commit the case files this import wrote, with every case file of the ledger git does
    not hold yet (written by an import interrupted, or run without --commit, before), and the
    ledger: a committed ledger never names a case other clones lack."""
    from psea_cli import gitrepo

    if not (commit or branch):
        return
    cases = {entry.case for entry in ledger.entries.values()}
    earlier = [path for path in gitrepo.untracked(ledger.path.parent)
               if path.suffix in (".yaml", ".age") and path.stem in cases
               and path not in result.written]
    if not (result.written or earlier or result.ledger_changed
            or gitrepo.uncommitted(ledger.path)):  # an earlier import's ledger, uncommitted
        return
    if earlier:
        err(ngettext("also committed: {n} case file an earlier import wrote",
                     "also committed: {n} case files an earlier import wrote",
                     len(earlier)).format(n=len(earlier)))
    count = added + len(earlier)  # the cases this commit adds, an earlier import's too
    message = (f"cases: import {count} submission{'s' if count != 1 else ''}" if count
               else "cases: update the import ledger")  # git: English
    sha = gitrepo.commit_files(ledger.path.parent, [*result.written, *earlier, ledger.path],
                               message, again=True)  # the next import commits what this wrote
    err(_("committed: {sha}").format(sha=sha[:8]))


@handle_errors
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(
        metavar="FILE", dir_okay=False,
        help=_("The submissions export (XLSX or CSV) downloaded from KoboToolbox or ODK "
               "Central."))],
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help=_("Show what would be added, corrected and refused; write "
                            "nothing."))] = False,
    commit: Annotated[bool, typer.Option(
        "--commit", help=_("Commit the new case files on the current branch (message without "
                           "case details)."))] = False,
    branch: Annotated[Optional[str], typer.Option(  # noqa: UP045 - typer needs Optional
        "--branch", help=_("Create this branch, import and commit there, for a pull "
                           "request."), show_default=False)] = None,
    store_moved: case_common.StoreMoved = False,
) -> None:
    """Import the intake form's submissions as validated, anonymised case records (or the
    focal-point form's as directory updates)."""
    from psea_cli import gitrepo
    from psea_cli.cases.editing import refuse_clear_next_to_sealed
    from psea_cli.cases.store import store_folder
    from psea_cli.forms import export_files, exports, importing, session_import
    from psea_cli.forms.import_lock import import_lock
    from psea_cli.forms.ledger import open_ledger

    if dry_run and (commit or branch):
        raise typer.BadParameter(_("--dry-run writes nothing, so it cannot commit"),
                                 param_hint="--dry-run")
    dataset, problems = load(ctx)
    if dataset.network is None:
        raise PseaError(_("data/network.yaml has problems, so cases cannot be recorded"),
                        _("Run 'psea validate' and correct network.yaml first."), exit_code=1)
    _check_export_place(dataset, file)
    table = export_files.read_table(file)
    if exports.answered(table.headers, SELF_UPDATE_MARKS):
        _import_self_updates(dataset, file, table, dry_run, commit, branch)
        return
    if exports.answered(table.headers, session_import.MARKS):
        _import_sessions(dataset, file, table, dry_run, commit, branch)
        return
    refuse_clear_next_to_sealed(dataset)
    case_common.warn_stale_recipients(problems)
    export = exports.read_export(table, importing.INTAKE_QUESTIONS, importing.MULTIPLES,
                                 importing.DATES, importing.REQUIRED_COLUMNS)
    importing.refuse_consent_unread(export, table.name)
    folder = store_folder(dataset, create=not dry_run)
    if not dry_run:
        case_common.guard_store(dataset, store_moved)
        case_common.note_shared_store(dataset)
    with contextlib.nullcontext() if dry_run else import_lock(folder):
        ledger = open_ledger(folder, dataset.root)
        if commit or branch:
            gitrepo.ensure_can_commit(folder)
        if branch:
            gitrepo.start_branch(folder, branch)
            err(_("on the new branch {name}").format(name=branch))
        err(ngettext("{tool} export: {n} submission", "{tool} export: {n} submissions",
                     len(export.submissions)).format(tool=exports.TOOL_NAMES[export.tool],
                                                     n=len(export.submissions)))
        _dropped(export.dropped, _("dropped columns (not part of a case record): {columns}"))
        result = importing.import_export(dataset, export, ledger, dry_run)
        for outcome in result.outcomes:
            if outcome.status != "known":  # counted in the summary: an export is cumulative
                _show(outcome, dry_run)
        err(_summary(result, dry_run))
        _commit(dataset, result, ledger, commit, branch, result.count("added"))
    _delete_export(file)  # a refused commit says when: after the import run again
    if result.count("refused"):
        err(_("Correct the refused submissions in KoboToolbox or ODK Central (edit the "
              "submission), export again and import again: what was imported already is "
              "skipped."))
        raise typer.Exit(code=1)
