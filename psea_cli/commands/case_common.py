"""What the writing ``psea case`` commands share: the ``--commit`` and ``--interactive``
options, showing findings, finishing (written or not, committed if asked)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from psea_cli.cli_support import err
from psea_cli.i18n import _

if TYPE_CHECKING:
    from pathlib import Path

    from psea_cli.cases.editing import Outcome
    from psea_cli.cases.recipients import Change
    from psea_cli.dataset import Dataset, Finding
    from psea_cli.problems import Problem

Commit = Annotated[bool, typer.Option(
    "--commit", help=_("Commit the file to git (message without case details); refused when "
                       "other changes are staged."))]
Interactive = Annotated[Optional[bool], typer.Option(  # noqa: UP045 - typer needs Optional
    "--interactive/--no-interactive",
    help=_("Ask for missing values (default: when run in a terminal)."))]

StoreMoved = Annotated[bool, typer.Option(
    "--store-moved", help=_("Confirm that the network moved its case store (cases_dir in "
                            "data/network.yaml) since this clone last wrote a case record; "
                            "refused otherwise."))]


RecipientsChanged = Annotated[bool, typer.Option(
    "--recipients-changed", help=_("Confirm that the network's key holders checked the change "
                                   "of recipients (case_encryption in data/network.yaml) since "
                                   "the case store was encrypted; refused otherwise."))]


def guard_recipients(dataset: Dataset, confirmed: bool, commit: bool) -> None:
    """Refuse (exit 1) to encrypt a new record when the recipients changed since the store was
    encrypted, unless ``--recipients-changed`` (``cases.recipients``); say what was confirmed.
    Refuse to commit a record encrypted to recipients data/network.yaml has not committed
    (``cases.recipients_commit``), and warn when the record is not committed."""
    from psea_cli.cases import recipients, recipients_commit

    change = recipients.check(dataset, confirmed)
    pending = recipients_commit.pending(dataset)
    if pending is not None and commit:
        raise recipients_commit.refusal(pending)
    confirmed_change(change)
    if pending is not None:
        err(recipients_commit.warning(pending))


def confirmed_change(change: Change | None) -> None:
    """Say which change of recipients ``--recipients-changed`` confirmed (nothing when none)."""
    if change is not None:
        err(_("recipients changed, as confirmed with --recipients-changed: {change}").format(
            change=change.describe()))


def guard_store(dataset: Dataset, store_moved: bool) -> None:
    """Refuse (exit 1) to write case records when the store moved since this clone last wrote
    one, unless ``--store-moved`` (``cases.store_memory``); else remember the store."""
    from psea_cli.cases.store import store_folder
    from psea_cli.cases.store_memory import check_store

    check_store(dataset, store_folder(dataset, create=True), store_moved)


def note_shared_store(dataset: Dataset) -> None:
    """Say, when a new case record goes to data/cases/ of the repository unencrypted and
    network.yaml never said where records live, that everyone who clones it reads it: the
    default is no decision. Writing ``cases_dir: data/cases`` says the network decided."""
    network = dataset.network
    if network is None or network.cases_dir is not None or network.case_encryption is not None:
        return
    err(_("note: case records are kept in data/cases/ of this repository, which everyone who "
          "clones it can read. Unless the network decided so, keep them in a separate "
          "repository of the core team (cases_dir in data/network.yaml) or encrypt them "
          "('psea case encrypt'); if it did, write 'cases_dir: data/cases' in "
          "data/network.yaml and this note goes."))


def path_text(path: tuple[str | int, ...], whole: str | None = None) -> str:
    """Where in a record a finding is, as its reader says it: ``event 3, date`` for
    ``events[2].date``, ``survivor.count``; ``whole`` (default: "case") for the record itself."""
    parts: list[str] = []
    rest = list(path)
    if len(rest) >= 2 and rest[0] == "events" and isinstance(rest[1], int):
        parts.append(_("event {n}").format(n=rest[1] + 1))
        rest = rest[2:]
    text = ""
    for part in rest:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    if text:
        parts.append(text)
    return ", ".join(parts) or (_("case") if whole is None else whole)


def show_findings(findings: list[Finding], whole: str | None = None) -> None:
    """Each finding on standard error: where, how serious, its code, what is wrong, the hint."""
    for finding in findings:
        where = path_text(finding.path, whole)
        line = f"{finding.severity.word} [{finding.code}] {finding.message}"
        err(_("{where}: {finding}").format(where=where, finding=line) if where else line)
        if finding.hint:
            err(f"    → {finding.hint}")


def finish(dataset: Dataset, outcome: Outcome, commit: bool, message: str) -> None:
    """Show what was found; stop with exit 1 if nothing was written; commit if asked."""
    from psea_cli import gitrepo
    from psea_cli.cases.store import label

    show_findings(outcome.findings)
    if not outcome.written:
        err(_("nothing was written: correct the errors above and run the command again"))
        raise typer.Exit(code=1)
    err(_("written: {file}").format(file=label(dataset, outcome.path)))
    if commit:
        sha = gitrepo.commit_files(outcome.path.parent, [outcome.path], message)
        err(_("committed: {sha}").format(sha=sha[:8]))


def warn_stale_recipients(problems: list[Problem]) -> None:
    """Warn when the store's encrypted records are not encrypted to network.yaml's current
    recipients (``cases.sealed-stale``, found from their headers, no record opened): a new
    case goes to the current list, the older records wait for a rekey."""
    if any(p.code == "cases.sealed-stale" for p in problems):
        err(_("warning: the recipients in data/network.yaml changed since the case store was "
              "encrypted; the new case is encrypted to the current recipients, the older "
              "records are not yet"))
        err("    → " + _("A key holder runs 'psea case rekey --recipients-changed' (one commit "
                         "re-encrypts every record to the current list)."))


def check_commit(folder: Path, commit: bool, paths: list[Path] | None = None) -> None:
    """Refuse ``--commit`` before writing anything when git would refuse it after."""
    if commit:
        from psea_cli import gitrepo

        gitrepo.ensure_can_commit(folder, paths)
