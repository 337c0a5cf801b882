"""``psea case encrypt | decrypt | rekey``: convert the case store, re-encrypt it to the current
recipients. Each checks the whole store before it writes anything, then converts one record at
a time, each whole (interrupted, run it again to finish); each says what git history keeps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from psea_cli.cli_support import err, handle_errors, load
from psea_cli.commands import case_common
from psea_cli.i18n import _, ngettext
from psea_cli.problems import PseaError

if TYPE_CHECKING:
    from pathlib import Path

    from psea_cli.cases.conversion import Conversion
    from psea_cli.dataset import Dataset

CommitOption = Annotated[bool, typer.Option(
    "--commit/--no-commit",
    help=_("Commit the converted files in one commit (message without case details)."))]


def _commit(dataset: Dataset, done: Conversion, commit: bool, message: str,
            network: Path | None = None) -> None:
    """Commit the converted records, and ``network`` (data/network.yaml, whose uncommitted
    recipients they are encrypted to) with them."""
    from psea_cli import gitrepo
    from psea_cli.cases.store import store_folder

    if not commit or not (done.written or done.removed):
        return
    if network is not None:
        message += ("\n\nWith data/network.yaml's change of recipients (case_encryption), "
                    "which the records are encrypted to.")
    paths = [*done.written, *([network] if network else [])]
    sha = gitrepo.commit_files(store_folder(dataset), paths, message, done.removed)
    err(_("committed: {sha}").format(sha=sha[:8]) if network is None else
        _("committed: {sha}, with the recipients of data/network.yaml").format(sha=sha[:8]))


def _check(dataset: Dataset, commit: bool, encrypting: bool = True) -> Path | None:
    """Refuse, before anything is written, a commit git or the recipients would refuse; the
    data/network.yaml to commit with the records when ``encrypting`` to recipients it has
    not committed."""
    from psea_cli.cases import recipients_commit

    pending = recipients_commit.pending(dataset) if encrypting else None
    if pending is not None and not commit:
        err(recipients_commit.warning(pending))
    network = recipients_commit.for_conversion(pending) if pending and commit else None
    if commit:
        from psea_cli import gitrepo
        from psea_cli.cases.store import store_folder

        gitrepo.ensure_can_commit(store_folder(dataset), [network] if network else None)
    return network


def _done(done: Conversion, what: str) -> str:
    """``3 case records encrypted`` (``3 fiches de cas chiffrées``): ``what`` was done."""
    n = len(done.written)
    texts = {
        "encrypted": ngettext("{n} case record encrypted", "{n} case records encrypted", n),
        "decrypted": ngettext("{n} case record decrypted", "{n} case records decrypted", n),
        "rekeyed": ngettext("{n} case record re-encrypted to the current recipients",
                            "{n} case records re-encrypted to the current recipients", n)}
    return texts[what].format(n=n)


ENCRYPT_HELP = _(
    "Encrypt every case record in clear to the recipients of data/network.yaml. The git "
    "history still holds every record committed in clear: to remove them, each clone must be "
    "rewritten (git filter-repo --invert-paths --path-glob 'data/cases/*.yaml'), force-pushed "
    "and cloned again; psea never does it for you.")


@handle_errors
def encrypt_command(ctx: typer.Context, commit: CommitOption = False,
                    recipients_changed: case_common.RecipientsChanged = False) -> None:
    from psea_cli.cases import recipients
    from psea_cli.cases.conversion import encrypt_store

    dataset, _problems = load(ctx)
    # some records may be encrypted already
    change = recipients.check(dataset, recipients_changed)
    network = _check(dataset, commit)
    case_common.confirmed_change(change)
    done = encrypt_store(dataset)
    err(_done(done, "encrypted"))
    _commit(dataset, done, commit, "case: encrypt the case store", network)
    if done.written:
        err(*(line.format(store=dataset.cases_dir.rstrip("/")) for line in _(
            "warning: git history still holds every case record committed in clear, in every "
            "clone. Only rewriting the history removes them, for example:\n"
            "    git filter-repo --invert-paths --path-glob '{store}/*.yaml'\n"
            "then force-push, and have every member delete their clone and clone again. psea "
            "does not do this for you: agree on it with the network first.").split("\n")))


@handle_errors
def decrypt_command(ctx: typer.Context, commit: CommitOption = False) -> None:
    from psea_cli.cases.conversion import decrypt_store

    dataset, _problems = load(ctx)
    _check(dataset, commit, encrypting=False)
    done = decrypt_store(dataset)
    err(_done(done, "decrypted"))
    _commit(dataset, done, commit, "case: decrypt the case store")
    if done.written:
        err(_("warning: these case records are now in clear on disk; once committed, every "
              "member with a clone can read them, for good. Remove case_encryption from "
              "data/network.yaml only if that is what the network decided."))


@handle_errors
def rekey_command(ctx: typer.Context, commit: CommitOption = True,
                  recipients_changed: case_common.RecipientsChanged = False) -> None:
    from psea_cli.cases import recipients
    from psea_cli.cases.conversion import rekey_store

    dataset, _problems = load(ctx)
    change = recipients.check(dataset, recipients_changed, rekeying=True)
    network = _check(dataset, commit)
    case_common.confirmed_change(change)
    done = rekey_store(dataset)
    err(_done(done, "rekeyed"))
    message = "case: re-encrypt the case store to the current recipients"
    if change is not None:  # what the key holder confirmed, kept with the commit
        message += f"\n\nRecipients {change.in_english()}; confirmed with --recipients-changed."
    _commit(dataset, done, commit, message, network)
    err(_("note: earlier commits still hold the records encrypted to the earlier recipients: "
          "a removed key still opens those old versions. Rekeying protects what is recorded "
          "from now on; treat what a removed key could read as known to its holder."))


PUBLISH_HELP = _(
    "Write the period's case figures, after disclosure control, to data/published/PERIOD.yaml "
    "for members without a key: their semester report uses it (needs your key).")


@handle_errors
def publish_command(
    ctx: typer.Context,
    period_text: Annotated[Optional[str], typer.Argument(  # noqa: UP045 - typer needs Optional
        metavar="PERIOD", help=_("2021-S1, 2021-Q3 or 2021 (default: the last complete "
                                 "semester)."))] = None,
    commit: Annotated[bool, typer.Option(
        "--commit", help=_("Commit the file (message without case details)."))] = False,
) -> None:

    from psea_cli import gitrepo
    from psea_cli.indicators.compute import default_period, period_named
    from psea_cli.indicators.publishing import write
    from psea_cli.safe_output import data_target

    dataset, problems = load(ctx)
    dataset = dataset.for_figures(problems)
    if dataset.store_absent:
        raise PseaError(_("the case store {folder} is not here: the figures would count no case; "
                          "nothing was written").format(folder=dataset.cases_dir),
                        _("Clone the case store there, or correct cases_dir in "
                          "data/network.yaml, then publish again."), exit_code=1)
    if dataset.sealed_cases:
        raise PseaError(ngettext(
            "{n} case record cannot be read with your key: the figures would be incomplete; "
            "nothing was written",
            "{n} case records cannot be read with your key: the figures would be incomplete; "
            "nothing was written", dataset.sealed_cases).format(n=dataset.sealed_cases),
            _("Give a key that is a recipient of data/network.yaml with --identity FILE."))
    broken = dataset.left_out_of_figures()
    if broken:
        raise PseaError(ngettext(
            "{n} case file has problems and would be left out: the figures would be "
            "incomplete; nothing was written",
            "{n} case files have problems and would be left out: the figures would be "
            "incomplete; nothing was written", broken).format(n=broken),
            _("Run 'psea validate', repair them, then publish again."), exit_code=1)
    today = dataset.today
    period = (period_named(dataset, period_text) if period_text
              else default_period(dataset, "semester", today))
    path = data_target(dataset.root / "data" / "published" / f"{period.key}.yaml",
                       dataset.root)  # a link out of the repository refused before anything
    if commit:
        gitrepo.ensure_can_commit(dataset.root, [path])
    revision = gitrepo.revision(dataset.root)
    write(path, dataset, period, today, revision.commit if revision else None,
          bool(revision and revision.dirty))
    err(_("written: {file}").format(file=f"data/published/{period.key}.yaml"))
    if commit:
        sha = gitrepo.commit_files(dataset.root, [path], f"published: case figures {period.key}")
        err(_("committed: {sha}").format(sha=sha[:8]))


def register(app: typer.Typer) -> None:
    app.command("encrypt", help=ENCRYPT_HELP)(encrypt_command)
    app.command("decrypt", help=_("Decrypt every encrypted case record into a file in clear "
                                  "(needs your key)."))(decrypt_command)
    app.command("rekey", help=_("Re-encrypt every case record to the current recipients of "
                                "data/network.yaml, in one commit (needs your key)."))(
        rekey_command)
    app.command("publish", help=PUBLISH_HELP)(publish_command)
