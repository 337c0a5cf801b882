"""The only package that talks to git: reading (revision, history) through ``git`` itself in a
subprocess (``reading``, ``history``), writing (commits, branches, a new repository) through
gitpython, imported lazily (``writing``).

Functions take the repository root and return plain values; they raise ``PseaError`` for
conditions the user must fix (not a git repository, other changes staged).
"""

from psea_cli.gitrepo.history import (
    HISTORY_PATHS,
    UNREADABLE,
    FileVersion,
    LastChange,
    commits_or_none,
    file_versions,
    last_changes,
)
from psea_cli.gitrepo.reading import (
    Revision,
    Uncommitted,
    git_installed,
    has_tag,
    is_shallow,
    repository_top,
    revision,
    uncommitted_change,
)
from psea_cli.gitrepo.writing import (
    commit_files,
    ensure_can_commit,
    git_dir,
    init_repository,
    start_branch,
    uncommitted,
    untracked,
)

__all__ = [
    "HISTORY_PATHS",
    "UNREADABLE",
    "FileVersion",
    "LastChange",
    "Revision",
    "Uncommitted",
    "commit_files",
    "commits_or_none",
    "ensure_can_commit",
    "file_versions",
    "git_dir",
    "git_installed",
    "has_tag",
    "init_repository",
    "is_shallow",
    "last_changes",
    "repository_top",
    "revision",
    "start_branch",
    "uncommitted",
    "uncommitted_change",
    "untracked",
]
