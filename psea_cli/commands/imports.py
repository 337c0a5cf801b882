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
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from psea_cli.cli_support import err, handle_errors, load
from psea_cli.commands import case_common, import_output
from psea_cli.i18n import N_, _, ngettext
from psea_cli.problems import PseaError

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset
    from psea_cli.forms.export_files import Table
    from psea_cli.forms.importing import Result
    from psea_cli.forms.ledger import Ledger


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
    import_output.dropped(export.dropped, _("dropped columns (not part of a directory entry): {columns}"))
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
    import_output.dropped(export.dropped, _("dropped columns (not part of a session record): {columns}"))
    if not dry_run and (commit or branch):
        gitrepo.ensure_can_commit(dataset.root)
    if branch and not dry_run:
        gitrepo.start_branch(dataset.root, branch)
    result = session_import.import_sessions(dataset, export, dry_run)
    for outcome in result.outcomes:
        import_output.show(outcome, dry_run, record=True)
    err(import_output.summary(result, dry_run))
    if result.written and (commit or branch):
        sha = gitrepo.commit_files(dataset.root, result.written,
                                   f"records: import {len(result.written)} session"
                                   f"{'s' if len(result.written) != 1 else ''}")
        err(_("committed: {sha}").format(sha=sha[:8]))
    err(_("The export was read, not copied into the repository. Delete it now ({file}).").format(
        file=file))
    _close(result)


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


def _close(result: Result) -> None:
    """How to import the refused submissions, if any, and exit 1 then: export again, when
    every one was refused for the labels an export made with labels holds (or for a row of its
    id changed after the export, which a new export undoes too); keep the right row of each
    submission id, when every one was refused for that; else correct them."""
    refused = [outcome for outcome in result.outcomes if outcome.status == "refused"]
    if not refused:
        return
    if all(outcome.labels or outcome.same_id for outcome in refused) and any(
            outcome.labels for outcome in refused):
        err(_("The export was made with the choices' labels: export the submissions again "
              "with XML values and headers, not labels (KoboToolbox: Downloads → \"XML values "
              "and headers\"), and import the new export: what was imported already is "
              "skipped."))
    elif all(outcome.same_id for outcome in refused):
        err(_("Rows were changed after the export, so that rows of one submission id give "
              "different answers: keep only the right row of each id, or export the "
              "submissions again, then import again: what was imported already is skipped."))
    else:
        err(_("Correct the refused submissions in KoboToolbox or ODK Central (edit the "
              "submission), export again and import again: what was imported already is "
              "skipped."))
    raise typer.Exit(code=1)


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
    recipients_changed: case_common.RecipientsChanged = False,
) -> None:
    """Import the intake form's submissions as validated, anonymised case records (or the
    focal-point form's as directory updates)."""
    from psea_cli import gitrepo
    from psea_cli.cases.editing import refuse_clear_next_to_sealed
    from psea_cli.cases.store import store_folder
    from psea_cli.forms import answers, export_files, exports, importing, session_import
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
    export = exports.read_export(table, answers.INTAKE_QUESTIONS, answers.MULTIPLES,
                                 answers.DATES, answers.REQUIRED_COLUMNS)
    answers.refuse_consent_unread(export, table.name)
    folder = store_folder(dataset, create=not dry_run)
    if not dry_run:
        case_common.guard_recipients(dataset, recipients_changed, commit or bool(branch))
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
        import_output.dropped(export.dropped, _("dropped columns (not part of a case record): {columns}"))
        result = importing.import_export(dataset, export, ledger, dry_run)
        for outcome in result.outcomes:
            if outcome.status != "known":  # counted in the summary: an export is cumulative
                import_output.show(outcome, dry_run)
        import_output.store(result.store)
        err(import_output.summary(result, dry_run))
        _commit(dataset, result, ledger, commit, branch, result.count("added"))
    _delete_export(file)  # a refused commit says when: after the import run again
    _close(result)
