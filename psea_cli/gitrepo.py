"""The only module that talks to git: reading (revision, history) through ``git`` itself in a
subprocess, writing (commits, branches) through gitpython, imported lazily (importing it costs
more than a warm report's reading of 10,000 files).

Functions take the repository root and return plain values; they raise ``PseaError`` for
conditions the user must fix (not a git repository, other changes staged).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from psea_cli.i18n import _
from psea_cli.problems import PseaError


@dataclasses.dataclass(frozen=True)
class Revision:
    """The commit the data was read at (None before the first commit), and whether the
    working tree differs from it."""

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


def _committable(root: Path, paths: list[Path]) -> tuple[Any, list[str]]:
    """The repository holding ``root`` and ``paths`` relative to it; raise when it does not
    exist or when changes to other files are staged."""
    repo = _open(root)
    if repo is None:
        raise PseaError(_("{root} is not a git repository").format(root=root),
                        _("Run 'git init' first, or leave out --commit."))
    workdir = Path(repo.working_tree_dir or root)
    relative = [Path(p).resolve().relative_to(workdir.resolve()).as_posix() for p in paths]
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
    return repo, relative


def ensure_can_commit(root: Path, paths: list[Path] | None = None) -> None:
    """Raise now the error ``commit_files`` would raise later: a command checks this before it
    writes, so that a refused commit never leaves a file written but uncommitted."""
    _committable(root, paths or [])


def commit_files(root: Path, paths: list[Path], message: str,
                 removed: list[Path] | None = None) -> str:
    """Commit exactly ``paths`` (and the removal of ``removed``, files already deleted) with
    ``message``; refuse when anything else is staged."""
    import git

    repo, relative = _committable(root, paths + (removed or []))
    gone = relative[len(paths):]
    try:
        repo.index.add(relative[:len(paths)])
        if gone:
            tracked = {str(key[0]) for key in repo.index.entries}
            if any(g in tracked for g in gone):
                repo.index.remove([g for g in gone if g in tracked])
        commit = repo.index.commit(message)
    except git.GitError as exc:  # pragma: no cover - depends on the local git setup
        raise PseaError(_("git could not commit: {reason}").format(reason=type(exc).__name__)) from exc
    return str(commit.hexsha)


# --- History: one `git log` pass, then the blobs of the files it names -------------------------

HISTORY_PATHS = ["data/focal_points", "data/services", "data/plan"]
_NO_BLOB = "0" * 40
_NOT_KNOWN = object()
UNREADABLE = object()
"""A version of a file that is not valid YAML."""
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclasses.dataclass(frozen=True)
class FileVersion:
    """One file touched by one commit: its blob before and after (None when absent)."""

    path: str
    before: str | None
    after: str | None


@dataclasses.dataclass(frozen=True)
class LastChange:
    """The last commit that changed a file."""

    commit: str
    date: dt.date


@dataclasses.dataclass(frozen=True)
class _Bound:
    revision: str | None = None
    day: dt.date | None = None


def _bound(repo: Any, value: str | dt.date | None, option: str) -> _Bound:
    """A date (YYYY-MM-DD) or a git revision, checked; a wrong one is a usage error."""
    if value is None or isinstance(value, dt.date):
        return _Bound(day=value)
    text = value.strip()
    if _DAY.match(text):
        try:
            return _Bound(day=dt.date.fromisoformat(text))
        except ValueError:
            raise PseaError(_("{option}: {value} is not a valid date").format(
                option=option, value=text), _("Write dates as YYYY-MM-DD.")) from None
    if text and not text.startswith("-"):
        try:
            return _Bound(revision=repo.git.rev_parse("--verify", "--quiet", f"{text}^{{commit}}"))
        except _GitFailed:
            pass
    raise PseaError(_("{option}: {value} is neither a date nor a known git revision").format(
        option=option, value=text),
        _("Give a date (2020-07-01), a commit, a tag or a branch (see 'git log --oneline')."))


def _history_repo(root: Path) -> tuple[Any, str] | None:
    """The repository and the network root's path inside it ('' at the top, else 'sub/')."""
    repo = _open_reader(root)
    if repo is None or repo.working_tree_dir is None:
        return None
    top = Path(repo.working_tree_dir).resolve()
    prefix = Path(root).resolve().relative_to(top).as_posix()
    return repo, "" if prefix == "." else prefix + "/"


def _log(repo: Any, prefix: str, revisions: list[str], paths: list[str],
         since: dt.date | None, until: dt.date | None) -> Iterator[tuple[str, dt.date, list[FileVersion]]]:
    """Commits on the first-parent line (a merged pull request counts once, on the day it was
    merged), newest first, each with the files it changed under ``paths``: one git process."""
    output = repo.git.log(
        "--first-parent", "--diff-merges=first-parent", "--raw", "--no-abbrev", "--no-renames",
        "-z", "--format=%x1e%H%x1f%cs", *revisions, "--", *(prefix + p for p in paths))
    for chunk in output.split("\x1e")[1:]:
        header, _sep, body = chunk.partition("\x00")
        sha, _sep, day = header.partition("\x1f")
        date = dt.date.fromisoformat(day.strip())
        if (since and date < since) or (until and date > until):
            continue
        fields = body.lstrip("\n").split("\x00")
        files = []
        for meta, path in zip(fields[0::2], fields[1::2], strict=False):
            parts = meta.split()
            if len(parts) < 5 or not path.startswith(prefix):
                continue
            before, after = parts[2], parts[3]
            files.append(FileVersion(path[len(prefix):], None if before == _NO_BLOB else before,
                                     None if after == _NO_BLOB else after))
        yield sha, date, files


def _read_blobs(repo: Any, shas: set[str]) -> dict[str, bytes]:
    """The content of every blob in ``shas``, from one ``git cat-file --batch`` run."""
    import tempfile

    if not shas:
        return {}
    with tempfile.TemporaryFile() as names:
        names.write("".join(f"{sha}\n" for sha in sorted(shas)).encode("ascii"))
        names.seek(0)
        output: bytes = repo.git.execute(["git", "cat-file", "--batch"], istream=names)
    contents, position = {}, 0
    while position < len(output):
        header_end = output.index(b"\n", position)
        header = output[position:header_end].decode("ascii").split()
        start = header_end + 1
        if len(header) != 3:  # "<sha> missing": a shallow or damaged repository
            position = start
            continue
        sha, kind, size = header
        contents[sha] = output[start:start + int(size)] if kind == "blob" else b""
        position = start + int(size) + 1
    return contents


def _parse_blob(raw: bytes, known: Mapping[bytes, Any]) -> Any:
    """A blob's YAML as plain data, or ``UNREADABLE`` when it is not valid YAML; a blob whose
    bytes are those of a file already parsed (``known``, by ``cache.digest``) is not parsed."""
    from psea_cli import yamlio
    from psea_cli.cache import digest

    found = known.get(digest(raw), _NOT_KNOWN)
    if found is not _NOT_KNOWN:
        return found
    text = yamlio.decode(raw)
    data = yamlio.parse(text) if isinstance(text, str) else text
    return UNREADABLE if isinstance(data, yamlio.ParseFailure) else data


Commit = tuple[str, dt.date, list[tuple[str, Any, Any]]]
"""One commit: its sha, its day, and each file it changed with the parsed data before and after
(``None`` when the file does not exist, ``UNREADABLE`` when it is not valid YAML)."""


def commits_or_none(root: Path, since: str | dt.date | None, until: str | dt.date | None,
                    paths: list[str] | None = None,
                    known: Mapping[bytes, Any] | None = None) -> list[Commit] | None:
    """The commits between ``since`` and ``until`` (dates, both days included, or git
    revisions, ``since`` excluded), oldest first, that changed files under ``paths``; None
    outside a git repository.

    ``paths`` are folders relative to the network root (default: focal points, services, plan).
    A date bound keeps the commits of that day or after (before); a revision bound
    ``A`` with ``B`` means the commits in ``A..B``. Only the blobs of changed files are read,
    and only those not in ``known`` (``Dataset.parsed_files``) are parsed.
    """
    found = _history_repo(root)
    if found is None:
        return None
    repo, prefix = found
    if _head(repo) is None:
        return []
    start, end = _bound(repo, since, "--since"), _bound(repo, until, "--until")
    revisions = [end.revision or "HEAD"]
    if start.revision:
        revisions = [f"{start.revision}..{revisions[0]}"]
    commits = list(_log(repo, prefix, revisions, paths or HISTORY_PATHS, start.day, end.day))
    raw = _read_blobs(repo, {sha for _c, _d, files in commits for f in files
                             for sha in (f.before, f.after) if sha})
    parsed: dict[str | None, Any] = {None: None}
    for sha, content in raw.items():
        parsed[sha] = _parse_blob(content, known or {})
    return [(sha, day, [(f.path, parsed.get(f.before, UNREADABLE), parsed.get(f.after, UNREADABLE))
                        for f in files]) for sha, day, files in reversed(commits)]


def last_changes(root: Path, paths: list[str] | None = None) -> dict[str, LastChange] | None:
    """The last commit that changed each file under ``paths`` (relative to the network root),
    from one ``git log`` pass; None outside a git repository. Uncommitted files are absent."""
    found = _history_repo(root)
    if found is None:
        return None
    repo, prefix = found
    if _head(repo) is None:
        return {}
    last: dict[str, LastChange] = {}
    for sha, day, files in _log(repo, prefix, ["HEAD"], paths or HISTORY_PATHS, None, None):
        for file in files:
            last.setdefault(file.path, LastChange(sha, day))
    return last


def is_shallow(root: Path) -> bool:
    """True in a shallow clone (CI's fetch-depth: 1), where history stops early."""
    repo = _open_reader(root)
    return repo is not None and repo.git.rev_parse("--is-shallow-repository") == "true"


def init_repository(path: Path, message: str) -> str:
    """Make ``path`` a new git repository on branch main, commit every file in it, and return
    the commit's hash (``psea init``)."""
    try:
        import git
    except ImportError as exc:  # gitpython refuses to import when no git executable is found
        raise PseaError(_("git is not installed"), _("Install git, then run again.")) from exc
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
    import git

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
