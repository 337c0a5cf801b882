"""What changed in the directory, the service map and the plan between two dates or revisions:
the commits ``gitrepo`` reads, compared entry by entry by ``history.ChangeTracker``."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from psea_cli import gitrepo
from psea_cli.directory.history import Change, ChangeTracker
from psea_cli.i18n import _
from psea_cli.problems import PseaError

__all__ = ["Change", "History", "changes", "changes_or_none", "history"]


def changes_or_none(root: Path, since: str | dt.date | None, until: str | dt.date | None,
                    paths: list[str] | None = None,
                    known: Mapping[bytes, Any] | None = None) -> list[Change] | None:
    """Entries added, removed or modified between ``since`` and ``until`` (dates, both days
    included, or git revisions, ``since`` excluded); None outside a git repository.
    ``paths`` and ``known`` as in ``gitrepo.commits_or_none``."""
    tracker = _tracked(root, since, until, paths, known)
    return tracker.changes() if tracker is not None else None


def _tracked(root: Path, since: str | dt.date | None, until: str | dt.date | None,
             paths: list[str] | None = None,
             known: Mapping[bytes, Any] | None = None) -> ChangeTracker | None:
    commits = gitrepo.commits_or_none(root, since, until, paths, known)
    if commits is None:
        return None
    tracker = ChangeTracker()
    for sha, day, files in commits:
        tracker.commit(sha, day, files)
    return tracker


@dataclasses.dataclass(frozen=True)
class History:
    """The changes of a range, and the files whose last version in it could not be read,
    each with the commit that left it so (``ChangeTracker.unreadable``)."""

    changes: list[Change]
    unreadable: list[tuple[str, str]]


def history(root: Path, since: str | dt.date | None, until: str | dt.date | None,
            paths: list[str] | None = None) -> History:
    """``changes_or_none`` with the unreadable files, for a command: outside a git repository
    is a usage error."""
    tracker = _tracked(root, since, until, paths)
    if tracker is None and not gitrepo.git_installed():
        raise PseaError(_("git is not installed"), _("Install git, then run again."))
    if tracker is None:
        raise PseaError(_("{root} is not a git repository: there is no history to read").format(
            root=root), _("Run psea inside a clone of the network repository."))
    return History(tracker.changes(), tracker.unreadable())


def changes(root: Path, since: str | dt.date | None, until: str | dt.date | None,
            paths: list[str] | None = None) -> list[Change]:
    """``history``'s changes."""
    return history(root, since, until, paths).changes
