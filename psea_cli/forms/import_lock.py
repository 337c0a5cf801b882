"""One ``psea import`` at a time per repository: an exclusive lock on a file in the clone's
``.git`` folder (``.git/psea-import.lock``), held from reading the ledger to its last write.

The system releases the lock when the process ends, however it ends (Ctrl-C, ``kill -9``, a
crash): a lock is never left stale, and the file that stays behind holds nothing.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from psea_cli import gitrepo
from psea_cli.i18n import _, os_reason
from psea_cli.problems import PseaError
from psea_cli.safe_input import NotRegularFile, check_regular

LOCK_FILE = "psea-import.lock"


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextlib.contextmanager
def import_lock(store: Path) -> Iterator[None]:
    """Hold the import lock of the repository holding ``store``; PseaError (exit 1) at once
    when another import holds it."""
    folder = gitrepo.git_dir(store)
    if folder is None:
        raise PseaError(_("the case store is not in a git repository"),
                        _("psea import keeps its key in the repository's .git folder: run "
                          "'git init' first."))
    path = folder / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            check_regular(os.fstat(fd))
        except NotRegularFile:
            os.close(fd)
            raise
    except OSError as exc:
        raise PseaError(_("the import lock .git/{file} cannot be opened ({reason})").format(
            file=LOCK_FILE, reason=os_reason(exc)),
            _("Remove .git/{file} (it holds nothing), then run the import again.").format(
                file=LOCK_FILE), exit_code=1) from None
    try:
        if not _try_lock(fd):
            raise PseaError(_("another 'psea import' is running in this repository; nothing "
                              "was written"),
                            _("Wait until it ends, then run this import again: what it "
                              "imported will be skipped."), exit_code=1)
        yield
    finally:
        os.close(fd)  # releases the lock
