"""The only module that talks to git (through gitpython, imported lazily: it is slow to import).

Functions take the repository root and return plain values; they raise ``PseaError`` for
conditions the user must fix (not a git repository, other changes staged).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from psea_cli.i18n import _
from psea_cli.problems import PseaError


@dataclasses.dataclass(frozen=True)
class Revision:
    """The commit the data was read at, and whether the working tree differs from it."""

    commit: str | None
    short: str | None
    dirty: bool
    committed_on: str | None = None


def _open(root: Path) -> Any | None:
    import git

    try:
        return git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None


def revision(root: Path) -> Revision:
    """HEAD's commit and whether data/ has uncommitted changes; no commit outside git."""
    repo = _open(root)
    if repo is None or not repo.head.is_valid():
        return Revision(None, None, dirty=repo is not None and repo.is_dirty(untracked_files=True))
    head = repo.head.commit
    dirty = repo.is_dirty(untracked_files=True, path=str(root / "data"))
    return Revision(head.hexsha, head.hexsha[:8], dirty, head.committed_datetime.date().isoformat())


def commit_files(root: Path, paths: list[Path], message: str) -> str:
    """Commit exactly ``paths`` with ``message``; refuse when anything else is staged."""
    import git

    repo = _open(root)
    if repo is None:
        raise PseaError(_("{root} is not a git repository").format(root=root),
                        _("Run 'git init' first, or leave out --commit."))
    workdir = Path(repo.working_tree_dir or root)
    relative = [str(Path(p).resolve().relative_to(workdir.resolve())) for p in paths]
    if repo.head.is_valid():
        staged = {d.a_path for d in repo.index.diff("HEAD")} | {d.b_path for d in repo.index.diff("HEAD")}
    else:
        staged = {str(k[0]) for k in repo.index.entries}
    others = sorted(s for s in staged if s not in relative)
    if others:
        raise PseaError(
            _("other changes are already staged ({count} files); nothing was committed").format(
                count=len(others)),
            _("Commit or unstage them first ('git restore --staged FILE'), then run again."))
    try:
        repo.index.add(relative)
        commit = repo.index.commit(message)
    except git.GitError as exc:  # pragma: no cover - depends on the local git setup
        raise PseaError(_("git could not commit: {reason}").format(reason=type(exc).__name__)) from exc
    return str(commit.hexsha)
