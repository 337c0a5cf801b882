"""The instant answer of ``psea validate`` when nothing changed: one walk of ``data/``, one
small file read, no parsing and no digest of any data file.

    taken = take_print(root, today)       # before anything is read
    found = answer(root, taken, language_option)   # (language, files, problems) or None
    ...                                            # else the usual path, then:
    remember(root, taken, language, files, problems)

A *print* is a digest of what a stat can see: the name, size, times, inode and type of every
entry below ``data/`` (the case store included), of every file of psea's own code, the
version of Python and of the parser and validator libraries, and the day. After a check,
``remember`` files its verdict under the print taken *before* that check read anything, in
``.psea-cache/verdict``; the next ``psea validate`` takes a print and, when it is the same,
prints that verdict without importing the command-line framework, the models or the parser.

Why it is never stale: any write to a file changes its ctime, which no tool can set back, and
any file added, removed or renamed changes the listing; the verdict of a check is filed only
under the print taken before it started, so a change made while it ran is seen next time.
A print that holds a time less than two seconds before it was taken is not filed (a second
write within the file system's clock tick would keep the same times), nor is one of a store
that holds encrypted case records (a key may decrypt them, and their problems are never
kept), nor one whose case store lies outside ``data/``. The file is bound to the cache
folder psea created (a copy that arrives by git or an archive is ignored), carries a
checksum, and is written atomically; anything unusual means no answer, and the usual path.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import marshal
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from psea_cli import cache_files
from psea_cli.folder_walk import walk

if TYPE_CHECKING:
    from psea_cli.gitrepo import Revision

CACHE_DIR = ".psea-cache"
FILE = "verdict"
MAGIC = b"psea-verdict\x01"
RACY_MARGIN_NS = 2_000_000_000
MAX_BYTES = 1 << 26
_STAMPED = ("pydantic-", "pydantic_core-", "pyyaml-", "yaml_rs-", "jinja2-", "markupsafe-",
            "babel-", "scipy-", "phonenumbers-", "phonenumberslite-")
"""The libraries whose version may change a verdict or a report (parsing, validation,
rendering, number formatting, the disclosure audit's solver, the numbering plans that judge
a phone number)."""


@dataclasses.dataclass(frozen=True)
class Print:
    """What ``take_print`` saw: its digest, and whether the verdict may be filed under it."""

    digest: bytes
    fileable: bool
    seen: list[Any] = dataclasses.field(default_factory=list, compare=False, repr=False)
    """The folders and entries walked, in order (``folder_walk.walk``)."""

    def stats(self) -> dict[str, tuple[int, int, int, int, int, int]]:
        """What the walk saw of each file, by path: (size, modified, changed, inode, mode,
        device), links followed. For a check that starts at once from the same print, so that
        it need not stat every file again (a file changed since is still seen: any write
        changes its ctime, and the verdict is filed under this print)."""
        found = {}
        folder = ""
        join = os.path.join
        for item in self.seen:
            if type(item) is str:
                folder = item
            elif type(item) is tuple and len(item) == 7:
                found[join(folder, item[0])] = item[1:]
        return found


def library_versions() -> str:
    """The installed versions of the libraries in ``_STAMPED``, from the names of their
    ``.dist-info`` folders (one listing of each folder on the path: importing them to ask
    would cost a warm run more than all its other work)."""
    found = []
    for folder in sys.path:
        with contextlib.suppress(OSError):
            found += [entry.name for entry in os.scandir(folder or ".")
                      if entry.name.endswith(".dist-info")
                      and entry.name.lower().startswith(_STAMPED)]
    return " ".join(sorted(found))


def take_print(root: Path, today: str, also: Sequence[str] = ()) -> Print | None:
    """The print of the repository at ``root`` on ``today`` (and of the folders ``also``,
    which may not exist); None when it cannot be taken (no data folder, an unreadable
    folder)."""
    started_ns = time.time_ns()
    seen: list[Any] = [sys.version, library_versions(), today, str(root)]
    paused = gc.isenabled()
    gc.disable()  # ten thousand small tuples that all stay alive: nothing for it to collect
    try:
        code = os.path.dirname(__file__)  # noqa: PTH120
        code_fileable = walk(code, seen, started_ns, RACY_MARGIN_NS, code=True)
        data_fileable = walk(os.path.join(root, "data"), seen, started_ns,  # noqa: PTH118
                             RACY_MARGIN_NS)
        for folder in also:
            if os.path.isdir(folder):  # noqa: PTH112
                data_fileable = walk(folder, seen, started_ns, RACY_MARGIN_NS) \
                    and data_fileable
            else:
                seen.append(("absent", folder))
    except (OSError, ValueError):
        return None
    finally:
        if paused:
            gc.enable()
    digest = hashlib.blake2b(marshal.dumps(seen), digest_size=16).digest()
    return Print(digest, code_fileable and data_fileable, seen)


def find_root(start: Path) -> Path | None:
    """The nearest ancestor of ``start`` (itself included) holding data/network.yaml, as a
    file or as anything else by that name (which the check then refuses: a repository whose
    network.yaml is a folder or a link to a device is not skipped for the one above it)."""
    current = start.resolve()
    for folder in (current, *current.parents):
        with contextlib.suppress(OSError, ValueError):
            os.lstat(folder / "data" / "network.yaml")
            return folder
    return None


def _folder(root: Path) -> Path | None:
    """The cache folder, when it is a real folder holding only regular files and real
    folders (``cache_files.sound``): a link planted in it must not lead a read, a write or a
    removal elsewhere."""
    folder = root / CACHE_DIR
    if not cache_files.real_folder(folder) or not cache_files.sound(folder):
        return None
    return folder


def own_folder(path: Path) -> bool:
    """True when ``path`` is a folder itself, not a symbolic link to one (a link planted in
    the cache folder must not lead a write, a read or a removal elsewhere)."""
    return cache_files.real_folder(path)


def read_filed(root: Path, name: str) -> dict[str, Any] | None:
    """What ``file`` filed as ``name`` in the cache folder of ``root``, when it is whole,
    bound to this cache folder and a mapping; else None."""
    folder = _folder(root)
    if folder is None or not own_folder((folder / name).parent):
        return None
    stored = cache_files.read(folder / name, MAGIC, cache_files.binding(folder), MAX_BYTES)
    if not isinstance(stored, dict) or stored.get("binding") != cache_files.binding(folder):
        return None
    return stored


def file(root: Path, name: str, value: dict[str, Any]) -> None:
    """Write ``value`` as ``name`` in the cache folder of ``root`` (owner only, atomically,
    bound to the folder); nothing when psea made no cache folder there. Silent on failure."""
    folder = _folder(root)
    bound = cache_files.binding(folder) if folder is not None else None
    if folder is None or bound is None:
        return
    target = folder / name
    with contextlib.suppress(OSError, ValueError):
        cache_files.make_folder(target.parent)
        cache_files.write(target, MAGIC, {**value, "binding": bound}, bound)


def answer(root: Path, taken: Print, language: str | None,
           ) -> tuple[list[str], str, int, list[tuple[Any, ...]]] | None:
    """(the network's languages, the language, files read, problems as stored) of the
    verdict filed under ``taken``, when it answers in ``language`` (None: any language the
    network's own choice gives, which the caller checks); else None."""
    stored = read_filed(root, FILE)
    if stored is None or stored.get("print") != taken.digest:
        return None
    try:
        languages = [str(code) for code in stored["languages"]]
        found = (languages, str(stored["language"]), int(stored["files"]),
                 [tuple(problem) for problem in stored["problems"]])
    except (KeyError, TypeError, ValueError):
        return None
    if language is not None and language != found[1]:
        return None
    return found


def remember(root: Path, taken: Print | None, network: tuple[list[str], str] | None,
             language: str, files: int, problems: list[tuple[Any, ...]]) -> None:
    """File the verdict of a check that started after ``taken``: ``network`` is the
    network's languages and case store, as network.yaml says. Silent on failure."""
    if taken is None or not taken.fileable or network is None \
            or not store_inside(root, network[1]):
        return
    languages, _cases_dir = network
    file(root, FILE, {"print": taken.digest, "languages": languages, "language": language,
                      "files": files, "problems": problems})


def store_inside(root: Path, cases_dir: str) -> bool:
    """True when the case store ``cases_dir`` lies inside ``data/``, where prints see it."""
    data = os.path.realpath(os.path.join(root, "data"))  # noqa: PTH118
    store = os.path.realpath(os.path.join(root, cases_dir))  # noqa: PTH118
    return store.startswith(data + os.sep)


_TAKEN: dict[str, Print] = {}
"""The print ``psea validate`` took at start, by repository, for the check that follows."""


def hold(root: Path, taken: Print) -> None:
    """Keep ``taken`` for the check of ``root`` this process is about to run."""
    _TAKEN[os.path.realpath(root)] = taken


def held(root: Path) -> Print | None:
    """The print taken at start for ``root`` (once), or None."""
    return _TAKEN.pop(os.path.realpath(root), None)


_TAKEN_FOR_REPORT: dict[tuple[str, str], tuple[Print, Revision | None]] = {}
"""The print and git revision a plain ``psea report`` took at start to look for a kept
report, by repository and day, for the report that is then made when none was kept."""


def hold_for_report(root: Path, today: str, taken: Print, revision: Revision | None) -> None:
    """Keep what a report's first look took, so the report made next does not take it again
    (a walk of every data file and three git processes)."""
    _TAKEN_FOR_REPORT[(os.path.realpath(root), today)] = (taken, revision)


def held_for_report(root: Path, today: str) -> tuple[Print, Revision | None] | None:
    """What ``hold_for_report`` kept for ``root`` on ``today`` (once), or None."""
    return _TAKEN_FOR_REPORT.pop((os.path.realpath(root), today), None)


def drop_held() -> None:
    """Forget every print held (``hold``, ``hold_for_report``): each run of the console
    script starts without any, so that one a failed command held never stands for the files
    of a later command run in the same process, after they changed."""
    _TAKEN.clear()
    _TAKEN_FOR_REPORT.clear()
