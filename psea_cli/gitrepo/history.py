"""The history of the directory and the plan: one ``git log`` pass, then the blobs of the
files it names (``git cat-file --batch``), each version parsed once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from psea_cli.gitrepo.reading import _GitFailed, _head, _open_reader
from psea_cli.i18n import _
from psea_cli.problems import PseaError

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
    bytes are those of a file already parsed (``known``, by ``cache_files.digest``) is not parsed."""
    from psea_cli import yamlio
    from psea_cli.cache_files import digest

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
    if start.day is not None and end.day is not None and start.day > end.day:
        raise PseaError(_("--since {since} comes after --until {until}: the range is "
                          "empty").format(since=start.day.isoformat(),
                                          until=end.day.isoformat()),
                        _("Give the earlier day to --since and the later one to --until."))
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


def file_versions(root: Path, path: str, limit: int = 200) -> list[bytes] | None:
    """The committed versions of ``path`` (relative to the network's root) on HEAD's
    first-parent line, newest first, each commit's version before and after it (at most
    ``limit`` commits back): [] before the first commit, None outside a git repository or
    when git cannot say."""
    found = _history_repo(root)
    if found is None:
        return None
    repo, prefix = found
    try:
        if _head(repo) is None:
            return []
        shas: list[str] = []
        for _sha, _day, files in _log(repo, prefix, [f"--max-count={limit}", "HEAD"], [path],
                                      None, None):
            for version in files:
                shas += [sha for sha in (version.after, version.before) if sha is not None]
        blobs = _read_blobs(repo, set(shas))
    except _GitFailed:
        return None
    return [blobs[sha] for sha in dict.fromkeys(shas) if sha in blobs]
