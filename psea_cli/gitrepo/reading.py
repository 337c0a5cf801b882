"""Reading a repository with ``git`` itself, in a subprocess: the revision the data was read
at, whether the data changed since, and the commands ``history`` runs (gitpython's object
database would start two long-lived ``git cat-file`` processes for the same answers).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any


@dataclasses.dataclass(frozen=True)
class Revision:
    """The commit the data was read at (None before the first commit), and whether the
    working tree differs from it."""

    commit: str | None
    short: str | None
    dirty: bool
    committed_on: str | None = None


class _GitFailed(Exception):
    """A git command exited with an error."""


class _Commands:
    """``git <command> <args>`` run in one folder: ``reader.git.log("-1")`` as gitpython's
    ``repo.git.log("-1")`` (underscores become dashes, the last newline is dropped)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def execute(self, command: list[str], istream: Any = None) -> bytes:
        import subprocess

        done = subprocess.run(command, cwd=self.folder, stdin=istream or subprocess.DEVNULL,
                              capture_output=True, check=False)
        if done.returncode != 0:
            raise _GitFailed(done.stderr.decode("utf-8", "replace").strip())
        return done.stdout

    def __getattr__(self, name: str) -> Any:
        def run(*args: str) -> str:
            out = self.execute(["git", name.replace("_", "-"), *args])
            return out.decode("utf-8", "surrogateescape").removesuffix("\n")
        return run


@dataclasses.dataclass(frozen=True)
class _Reader:
    """A repository to read: its top folder and its commands."""

    working_tree_dir: str
    git: _Commands


def _open_reader(root: Path) -> _Reader | None:
    """The repository holding ``root``, read with git itself; None outside one."""
    try:
        top = _Commands(str(root)).rev_parse("--show-toplevel")
    except (_GitFailed, OSError):
        return None
    return _Reader(top, _Commands(top)) if top else None


def revision(root: Path) -> Revision | None:
    """HEAD's commit (None before the first commit) and whether data/ has uncommitted
    changes; None outside a git repository."""
    repo = _open_reader(root)
    if repo is None:
        return None
    # one ``git status`` sees staged, unstaged and untracked changes (is_dirty runs three gits)
    dirty = bool(repo.git.status("--porcelain", "--untracked-files=normal", "--",
                                 str(root.resolve() / "data")))  # git runs at its top
    head = _head(repo)
    if head is None:
        return Revision(None, None, dirty=True)  # nothing is recorded yet
    sha, day = head
    return Revision(sha, sha[:8], dirty, day)


def _head(repo: Any) -> tuple[str, str] | None:
    """HEAD's commit id and committer day, or None before the first commit. One ``git log``
    rather than gitpython's object database, which starts two long-lived ``git cat-file``."""
    try:
        sha, _sep, day = repo.git.log("-1", "--format=%H %cs", "HEAD").partition(" ")
    except _GitFailed:
        return None
    return (sha, day.strip()) if sha else None


def is_shallow(root: Path) -> bool:
    """True in a shallow clone (CI's fetch-depth: 1), where history stops early."""
    repo = _open_reader(root)
    return repo is not None and repo.git.rev_parse("--is-shallow-repository") == "true"


def git_installed() -> bool:
    """Whether a ``git`` executable is on PATH, to tell a folder outside any repository from a
    machine without git (both leave psea without history)."""
    import shutil

    return shutil.which("git") is not None


def has_tag(folder: Path, tag: str) -> bool | None:
    """Whether the repository at ``folder`` (a clone or a bare mirror) holds the tag ``tag``
    naming a commit; None when git cannot say (not a repository, git missing)."""
    try:
        _Commands(str(folder)).rev_parse("-q", "--verify", f"refs/tags/{tag}^{{commit}}")
    except _GitFailed as failed:
        return False if not str(failed) else None  # ``-q --verify``: silent when absent
    except OSError:
        return None
    return True


def is_gitlink(root: Path, path: str) -> bool:
    """Whether git's index holds ``path`` as another repository's commit (a submodule, or a
    clone someone added with ``git add``): its files are that repository's, not this one's.
    False when git cannot say (not a repository, git missing)."""
    try:
        staged = _Commands(str(root)).ls_files("--stage", "--", path)
    except (_GitFailed, OSError):
        return False
    return any(line.startswith("160000 ") for line in staged.splitlines())


def is_tracked(root: Path, path: str) -> bool | None:
    """Whether git's index holds ``path`` (relative to the work tree ``root``): a file, or a
    symbolic link as git stores it. None when git cannot say (git missing, a repository it
    refuses: "dubious ownership" in a container or on a shared drive)."""
    try:
        return bool(_Commands(str(root)).ls_files("--", path).strip())
    except (_GitFailed, OSError):
        return None


@dataclasses.dataclass(frozen=True)
class Uncommitted:
    """A file that differs from HEAD: HEAD's version (None when HEAD lacks it), whether the
    working tree differs from the index (``git diff``; else the change is only staged), and
    the top folder of its repository."""

    committed: bytes | None
    unstaged: bool
    top: Path


def uncommitted_change(root: Path, path: str) -> Uncommitted | None:
    """How ``path`` (relative to ``root``) differs from HEAD; None when it does not, outside a
    repository, or when git cannot say. Before the first commit every file is new (HEAD's
    version None): a record committed first would be encrypted to a list no commit holds."""
    repo = _open_reader(root)
    if repo is None:
        return None
    top = Path(repo.working_tree_dir).resolve()
    try:
        relative = (Path(root).resolve() / path).relative_to(top).as_posix()
        status = repo.git.execute(["git", "status", "--porcelain=v1", "-z", "--", relative])
        if len(status) < 2:
            return None
        if _head(repo) is None:
            return Uncommitted(None, status[1:2] != b" ", top)
        try:
            committed: bytes | None = repo.git.execute(
                ["git", "cat-file", "blob", f"HEAD:{relative}"])
        except _GitFailed:  # not in HEAD: a new file
            committed = None
    except (_GitFailed, OSError, ValueError):
        return None
    return Uncommitted(committed, status[1:2] != b" ", top)


def repository_top(folder: Path) -> Path | None:
    """The top folder of the repository holding ``folder`` (or its nearest existing parent);
    None outside a repository."""
    existing = Path(folder).resolve()
    while not existing.is_dir() and existing != existing.parent:
        existing = existing.parent
    repo = _open_reader(existing)
    return None if repo is None else Path(repo.working_tree_dir).resolve()
