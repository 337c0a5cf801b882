"""Writing to a repository through gitpython, imported lazily (importing it costs more than a
warm report's reading of 10,000 files): commits of exactly the files a command wrote (made by
``git commit`` itself, ``refusal.commit``), a new repository (``psea init``), a new branch.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from psea_cli.gitrepo import refusal
from psea_cli.i18n import _, ngettext
from psea_cli.problems import PseaError


def _git() -> Any:
    """gitpython, or the error a user can act on: it refuses to be imported when no git
    executable is found (not installed, or not on PATH)."""
    try:
        import git
    except ImportError as exc:
        raise PseaError(_("git is not installed"), _("Install git, then run again.")) from exc
    return git


def _open(root: Path) -> Any | None:
    git = _git()
    try:
        return git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None


def _committable(root: Path, paths: list[Path]) -> tuple[Any, list[str]]:
    """The repository holding ``root`` and ``paths`` relative to it; raise when it does not
    exist or when changes to other files are staged."""
    repo = _open(root)
    if repo is None:
        raise PseaError(_("{root} is not a git repository").format(root=root),
                        _("Run 'git init' first, or leave out --commit."))
    _known_author(repo)
    _not_midway(repo)
    workdir = Path(repo.working_tree_dir or root)
    relative = [Path(p).resolve().relative_to(workdir.resolve()).as_posix() for p in paths]
    if repo.head.is_valid():
        staged = {d.a_path for d in repo.index.diff("HEAD")} | {d.b_path for d in repo.index.diff("HEAD")}
    else:
        staged = {str(k[0]) for k in repo.index.entries}
    others = sorted(s for s in staged if s not in relative)
    if others:
        raise PseaError(
            ngettext("other changes are already staged ({count} file); nothing was committed",
                     "other changes are already staged ({count} files); nothing was committed",
                     len(others)).format(count=len(others)),
            _("Commit or unstage them first ('git restore --staged FILE'), then run again."))
    return repo, relative


_MIDWAY = ("MERGE_HEAD", "CHERRY_PICK_HEAD", "REVERT_HEAD", "rebase-merge", "rebase-apply")
"""What git leaves in its folder while a merge, a cherry-pick, a revert or a rebase waits for
the user: a commit made then would conclude it, under psea's message."""


def _not_midway(repo: Any) -> None:
    """Raise when a merge (or a cherry-pick, a revert, a rebase) is under way: ``git commit``
    would conclude it with the files psea adds, a conflict marked resolved by them."""
    folder = Path(repo.git_dir)
    if any((folder / name).exists() for name in _MIDWAY):
        raise PseaError(_("a git merge (or a rebase, a cherry-pick) is under way in this "
                          "repository; psea commits nothing until it is finished; nothing was "
                          "written"),
                        _("Finish it (resolve the conflicts, 'git add' the files, 'git "
                          "commit') or abandon it ('git merge --abort'), then run the command "
                          "again."), exit_code=1)


def _known_author(repo: Any) -> None:
    """Raise when git does not know who makes the commit (no user.name or user.email, and none
    it can guess): ``git commit`` would refuse after the command had written its file."""
    git = _git()
    try:
        repo.git.var("GIT_AUTHOR_IDENT")
        repo.git.var("GIT_COMMITTER_IDENT")
    except git.GitCommandError:
        raise PseaError(_("git does not know who makes the commit: its user.name or user.email "
                          "is not set; nothing was written"),
                        _("Tell it once, with your name and professional e-mail: git config "
                          "--global user.name \"Your Name\", then git config --global user.email "
                          "\"you@example.org\"; then run the same command again.")) from None


def ensure_can_commit(root: Path, paths: list[Path] | None = None) -> None:
    """Raise now the error ``commit_files`` would raise later: a command checks this before it
    writes, so that a refused commit never leaves a file written but uncommitted."""
    _committable(root, paths or [])


_LITERAL = {"GIT_LITERAL_PATHSPECS": "1"}
"""Paths given to git are names, never patterns (``[a].yaml``, ``:x``)."""
_ADD_AT_ONCE = 500
"""Paths given to one ``git add`` (a command line holds them easily): gitpython's own
``index.add`` started a ``git`` process per file, 5 s for an import of 1,000 cases."""


def commit_files(root: Path, paths: list[Path], message: str,
                 removed: list[Path] | None = None, *, again: bool = False) -> str:
    """Commit exactly ``paths`` (and the removal of ``removed``, files already deleted) with
    ``message``; refuse when anything else is staged. The commit is ``git commit`` itself, so
    that every hook git would run runs (those of ``core.hooksPath`` and of a linked worktree's
    repository too). When it is refused, nothing is left staged and the refusal says what git
    and its hooks printed and how to go on (``again``: by running the command again, which
    finds what it wrote)."""
    git = _git()
    repo, relative = _committable(root, paths + (removed or []))
    gone = relative[len(paths):]
    added = relative[:len(paths)]
    workdir = str(repo.working_tree_dir)
    head = _head(repo)
    try:
        for start in range(0, len(added), _ADD_AT_ONCE):  # one git per batch, not per file
            repo.git.add("--force", "--", *added[start:start + _ADD_AT_ONCE], env=_LITERAL)
        tracked = {str(key[0]) for key in repo.index.entries} if gone else set()
        leaving = [g for g in gone if g in tracked]
        for start in range(0, len(leaving), _ADD_AT_ONCE):
            repo.git.rm("-q", "--cached", "--", *leaving[start:start + _ADD_AT_ONCE],
                        env=_LITERAL)
        code, printed, refusing = refusal.commit(workdir, message)
    except (git.GitError, UnicodeError, OSError, KeyboardInterrupt) as exc:
        # a lock left by another git, Ctrl-C: never a file left staged, always the way on
        now = _head(repo)
        if now is not None and now != head:  # Ctrl-C in a slow post-commit hook: made
            return now
        _unstage(repo, added, gone, head)
        raise PseaError(refusal.failed(exc, len(added)), refusal.hint(again, hook=False),
                        exit_code=130 if isinstance(exc, KeyboardInterrupt) else 1) from None
    now = _head(repo)
    if now is not None and (code == 0 or now != head):  # a failing post-commit: made all the same
        return now
    _unstage(repo, added, gone, head)
    if code < 0:  # git was stopped by a signal this process did not get
        raise PseaError(refusal.failed(KeyboardInterrupt(), len(added)),
                        refusal.hint(again, hook=False), exit_code=1)
    if refusing is not None:
        raise PseaError(refusal.message(printed, refusing, len(added)), refusal.hint(again),
                        exit_code=1)
    raise PseaError(refusal.git_said(printed, len(added)), refusal.hint(again, hook=False),
                    exit_code=1)


def _head(repo: Any) -> str | None:
    """HEAD's commit as git has it now (gitpython's objects are not read again)."""
    try:
        return str(repo.git.rev_parse("--verify", "-q", "HEAD")) or None
    except Exception:  # no commit yet
        return None


def _unstage(repo: Any, added: list[str], gone: list[str], head: str | None) -> None:
    """Leave the index as it was before ``commit_files``: the files stay written, unstaged, so
    that the next command is not refused for changes it did not make. ``head`` is the commit
    HEAD named before (read by a git of its own: after Ctrl-C, gitpython's long-lived
    readers are gone, and it would take HEAD for unborn and unstage the files' removal)."""
    paths = added + gone
    try:
        if head is not None:
            for start in range(0, len(paths), _ADD_AT_ONCE):
                repo.git.reset("-q", head, "--", *paths[start:start + _ADD_AT_ONCE],
                               env=_LITERAL)
        else:
            for start in range(0, len(paths), _ADD_AT_ONCE):
                repo.git.rm("-q", "--cached", "--ignore-unmatch", "--",
                            *paths[start:start + _ADD_AT_ONCE], env=_LITERAL)
    except Exception:  # the refusal is what the user must read: it is said all the same
        return


def uncommitted(path: Path) -> bool:
    """Whether ``path`` differs from what HEAD holds (changed, new or removed); False outside
    a repository."""
    repo = _open(path.parent)
    if repo is None or repo.working_tree_dir is None:
        return False
    relative = path.resolve().relative_to(Path(repo.working_tree_dir).resolve()).as_posix()
    return bool(repo.git.status("--porcelain", "--", relative, env=_LITERAL).strip())


def untracked(folder: Path) -> list[Path]:
    """The files under ``folder`` that no commit holds yet (new, or only added to the
    index), in order; none outside a repository. A file committed before and changed since
    is not one: its change is someone's edit, never an import's."""
    repo = _open(folder)
    if repo is None or repo.working_tree_dir is None:
        return []
    workdir = Path(repo.working_tree_dir)
    listed = repo.git.status("--porcelain=v1", "-z", "--untracked-files=all", "--",
                             folder.resolve().relative_to(workdir.resolve()).as_posix(),
                             env=_LITERAL)
    entries = listed.split("\0")
    found: list[Path] = []
    index = 0
    while index < len(entries):
        entry = entries[index]
        index += 1
        if len(entry) < 4:
            continue
        if entry[0] in "RC":  # a rename names its source next: skipped
            index += 1
        if entry[:2] == "??" or (entry[0] == "A" and entry[1] != "D"):
            found.append(workdir / entry[3:])
    return sorted(found)


def init_repository(path: Path, message: str) -> str:
    """Make ``path`` a new git repository on branch main, commit every file in it, and return
    the commit's hash (``psea init``)."""
    git = _git()
    try:
        repo = git.Repo.init(path)
        repo.git.symbolic_ref("HEAD", "refs/heads/main")  # whatever init.defaultBranch says
        files = sorted(p.relative_to(path).as_posix() for p in path.rglob("*")
                       if p.is_file() and p.relative_to(path).parts[0] != ".git")
        repo.index.add(files)
        commit = repo.index.commit(message)
    except (git.GitError, OSError) as exc:
        raise PseaError(_("git could not create the repository ({reason})").format(
            reason=type(exc).__name__)) from exc
    return str(commit.hexsha)


def git_dir(path: Path) -> Path | None:
    """The ``.git`` folder of the repository holding ``path`` (a clone's own, never committed),
    or None outside a git repository."""
    repo = _open(path)
    return None if repo is None else Path(repo.git_dir)


def start_branch(root: Path, name: str) -> None:
    """Create branch ``name`` at HEAD and switch to it, keeping the working tree as it is;
    refuse a name git would refuse or a branch that exists."""
    git = _git()
    repo = _open(root)
    if repo is None:
        raise PseaError(_("{root} is not a git repository").format(root=root),
                        _("Run 'git init' first, or leave out --branch."))
    try:
        repo.git.check_ref_format("--branch", name)
    except git.GitCommandError:
        raise PseaError(_("'{name}' is not a valid branch name").format(name=name),
                        _("Use letters, digits, '-' and '/', such as import/2026-12.")) from None
    if name in [head.name for head in repo.heads]:
        raise PseaError(_("the branch {name} exists already").format(name=name),
                        _("Choose another name, or switch to it with 'git switch {name}' and "
                          "use --commit.").format(name=name))
    try:
        repo.git.switch("-c", name)
    except git.GitCommandError as exc:
        raise PseaError(_("git could not create the branch: {reason}").format(
            reason=type(exc).__name__)) from exc
