"""What changed in the directory, the service map and the plan between two dates or revisions:
the commits ``gitrepo`` reads, compared entry by entry by ``history.ChangeTracker``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from psea_cli import gitrepo
from psea_cli.directory.history import Change, ChangeTracker
from psea_cli.i18n import _
from psea_cli.problems import PseaError

__all__ = ["Change", "changes", "changes_or_none"]


def changes_or_none(root: Path, since: str | dt.date | None, until: str | dt.date | None,
                    paths: list[str] | None = None,
                    known: Mapping[bytes, Any] | None = None) -> list[Change] | None:
    """Entries added, removed or modified between ``since`` and ``until`` (dates, both days
    included, or git revisions, ``since`` excluded); None outside a git repository.
    ``paths`` and ``known`` as in ``gitrepo.commits_or_none``."""
    commits = gitrepo.commits_or_none(root, since, until, paths, known)
    if commits is None:
        return None
    tracker = ChangeTracker()
    for sha, day, files in commits:
        tracker.commit(sha, day, files)
    return tracker.changes()


def changes(root: Path, since: str | dt.date | None, until: str | dt.date | None,
            paths: list[str] | None = None) -> list[Change]:
    """``changes_or_none``, for a command: outside a git repository is a usage error."""
    found = changes_or_none(root, since, until, paths)
    if found is None and not gitrepo.git_installed():
        raise PseaError(_("git is not installed"), _("Install git, then run again."))
    if found is None:
        raise PseaError(_("{root} is not a git repository: there is no history to read").format(
            root=root), _("Run psea inside a clone of the network repository."))
    return found
