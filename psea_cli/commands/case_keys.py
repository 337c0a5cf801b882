"""``psea case encrypt | decrypt | rekey``: convert the case store, re-encrypt it to the current
recipients. Each converts the whole store or writes nothing; each says what git history keeps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from psea_cli.cli_support import err, handle_errors, load
from psea_cli.i18n import _, ngettext

if TYPE_CHECKING:
    from psea_cli.cases.conversion import Conversion
    from psea_cli.dataset import Dataset

CommitOption = Annotated[bool, typer.Option(
    "--commit/--no-commit",
    help=_("Commit the converted files in one commit (message without case details)."))]


def _commit(dataset: Dataset, done: Conversion, commit: bool, message: str) -> None:
    from psea_cli import gitrepo
    from psea_cli.cases.store import store_folder

    if not commit or not (done.written or done.removed):
        return
    sha = gitrepo.commit_files(store_folder(dataset), done.written, message, done.removed)
    err(_("committed: {sha}").format(sha=sha[:8]))


def _check(dataset: Dataset, commit: bool) -> None:
    if commit:
        from psea_cli import gitrepo
        from psea_cli.cases.store import store_folder

        gitrepo.ensure_can_commit(store_folder(dataset))


def _count(done: Conversion) -> str:
    n = len(done.written)
    return ngettext("{n} case record", "{n} case records", n).format(n=n)


ENCRYPT_HELP = _(
    "Encrypt every case record in clear to the recipients of data/network.yaml. The git "
    "history still holds every record committed in clear: to remove them, each clone must be "
    "rewritten (git filter-repo --invert-paths --path-glob 'data/cases/*.yaml'), force-pushed "
    "and cloned again; psea never does it for you.")


@handle_errors
def encrypt_command(ctx: typer.Context, commit: CommitOption = False) -> None:
    from psea_cli.cases.conversion import encrypt_store

    dataset, _problems = load(ctx)
    _check(dataset, commit)
    done = encrypt_store(dataset)
    err(_("encrypted: {count}").format(count=_count(done)))
    _commit(dataset, done, commit, "case: encrypt the case store")
    if done.written:
        err(_("warning: git history still holds every case record committed in clear, in every "
              "clone. Only rewriting the history removes them, for example:\n"
              "    git filter-repo --invert-paths --path-glob '{store}/*.yaml'\n"
              "then force-push, and have every member delete their clone and clone again. psea "
              "does not do this for you: agree on it with the network first.").format(
                  store=dataset.cases_dir.rstrip("/")))


@handle_errors
def decrypt_command(ctx: typer.Context, commit: CommitOption = False) -> None:
    from psea_cli.cases.conversion import decrypt_store

    dataset, _problems = load(ctx)
    _check(dataset, commit)
    done = decrypt_store(dataset)
    err(_("decrypted: {count}").format(count=_count(done)))
    _commit(dataset, done, commit, "case: decrypt the case store")
    if done.written:
        err(_("warning: these case records are now in clear on disk; once committed, every "
              "member with a clone can read them, for good. Remove case_encryption from "
              "data/network.yaml only if that is what the network decided."))


@handle_errors
def rekey_command(ctx: typer.Context, commit: CommitOption = True) -> None:
    from psea_cli.cases.conversion import rekey_store

    dataset, _problems = load(ctx)
    _check(dataset, commit)
    done = rekey_store(dataset)
    err(_("re-encrypted to the current recipients: {count}").format(count=_count(done)))
    _commit(dataset, done, commit, "case: re-encrypt the case store to the current recipients")
    err(_("note: earlier commits still hold the records encrypted to the earlier recipients: "
          "a removed key still opens those old versions. Rekeying protects what is recorded "
          "from now on; treat what a removed key could read as known to its holder."))


def register(app: typer.Typer) -> None:
    app.command("encrypt", help=ENCRYPT_HELP)(encrypt_command)
    app.command("decrypt", help=_("Decrypt every encrypted case record into a file in clear "
                                  "(needs your key)."))(decrypt_command)
    app.command("rekey", help=_("Re-encrypt every case record to the current recipients of "
                                "data/network.yaml, in one commit (needs your key)."))(
        rekey_command)
