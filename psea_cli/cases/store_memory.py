"""Where this clone last wrote case records, remembered in its own ``.git`` folder (never
committed), so that a store cannot move silently.

``cases_dir`` is a line of data/network.yaml, which any member may change in a pull request.
A one-line change from a restricted store beside the repository (``../psea-cases``) to
``data/cases`` is clean to ``psea validate``; without this memory, the core team's next
``psea case add --commit`` would write a survivor's record into the repository every member
pulls, and git keeps it for good. So each command that writes new case information (``case
add``, ``import``, ``case event``, ``case consent``) compares the store network.yaml names
with the one this clone last wrote into, and refuses (exit 1) when they differ, whichever way
the store moved, until the user confirms with ``--store-moved``:

* a store moving into the shared repository is the harm itself;
* a store moving elsewhere beside it may be another public clone (``../other-network``), or a
  folder nobody meant; and a network moves its store rarely, so confirming once costs little.

The store is remembered as its resolved folder relative to the resolved repository
(``../psea-cases``, ``data/cases``): moving both folders together is no move. The memory is
in the clone's (or worktree's) own git folder: a fresh clone has none, so before its first
write it reads the committed versions of data/network.yaml (the last 200 commits that
changed it): if one named another store, that is a move too, to confirm once. Outside a git
repository nothing is shared and nothing is checked.
"""

from __future__ import annotations

import os
from pathlib import Path

from psea_cli.dataset import Dataset
from psea_cli.i18n import _, os_reason
from psea_cli.problems import PseaError
from psea_cli.safe_input import inside, read_regular

MEMORY_FILE = "psea-case-store"
"""The file in the clone's ``.git`` folder holding the store last written into."""


def _memory(root: Path) -> Path | None:
    from psea_cli import gitrepo

    folder = gitrepo.git_dir(root)
    return None if folder is None else folder / MEMORY_FILE


def configured(dataset: Dataset, store: Path) -> str:
    """``store`` as remembered: resolved, relative to the resolved repository, with '/'."""
    return Path(os.path.relpath(store.resolve(), dataset.root.resolve())).as_posix()


def remembered(dataset: Dataset) -> str | None:
    """The store this clone last wrote case records into; None when it never did (or outside
    a git repository)."""
    path = _memory(dataset.root)
    if path is None:
        return None
    try:
        text = read_regular(path, 4096).decode("utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text or None


def check_store(dataset: Dataset, store: Path, moved: bool) -> None:
    """Refuse (PseaError, exit 1) to write case records into ``store`` when this clone last
    wrote them elsewhere, unless ``moved`` (``--store-moved``) says the network decided it;
    else remember ``store`` as the one written into."""
    path = _memory(dataset.root)
    if path is None:
        return
    now = configured(dataset, store)
    before = remembered(dataset)
    told = before is not None
    if before is None:  # this clone never wrote one: the history says where the store was
        before = _named_before(dataset, now)
    if before is not None and before != now and not moved:
        where = (_("the new store lies inside this repository, which every member pulls: a "
                   "case record committed there stays in its history for good")
                 if inside(store, dataset.root) else
                 _("the new store lies outside this repository"))
        since = (_("since the last case written from this clone") if told else
                 _("in the history of data/network.yaml, and this clone has not written a "
                   "case record yet"))
        raise PseaError(
            _("the case store moved from {before} to {now} {since} ({where}); nothing was "
              "written").format(before=before, now=now, since=since, where=where),
            _("A change of cases_dir in data/network.yaml moved it: see who changed it with "
              "'git log -p data/network.yaml'. If the network decided this move, run the "
              "command again with --store-moved; otherwise restore cases_dir."), exit_code=1)
    if before != now:
        _remember(path, now)


def _named_before(dataset: Dataset, now: str) -> str | None:
    """The store an earlier committed version of data/network.yaml named, when not ``now``
    (the newest such version's), for a clone that never wrote a case record: a fresh clone
    made after the one-line pull request would otherwise take the moved store as its own.
    None when every version read names this store, or there is no history to read."""
    from psea_cli import gitrepo, yamlio
    from psea_cli.layout import DEFAULT_CASES_DIR, NETWORK_FILE

    for raw in gitrepo.file_versions(dataset.root, NETWORK_FILE) or ():
        text = yamlio.decode(raw)  # a version psea would refuse to read (over 5 MB) is none
        if isinstance(text, yamlio.ParseFailure):
            continue
        data = yamlio.parse(text)
        named = (data.get("cases_dir") or DEFAULT_CASES_DIR) if isinstance(data, dict) else None
        if not isinstance(named, str):
            continue
        try:
            earlier = configured(dataset, dataset.root / named)
        except (OSError, ValueError, RuntimeError):
            continue
        if earlier != now:
            return earlier
    return None


def _remember(path: Path, store: str) -> None:
    """Write the memory through a temporary file renamed over it (never through a link)."""
    temporary = path.with_name(f"{MEMORY_FILE}.{os.getpid()}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC
                     | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(store + "\n")
        temporary.replace(path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise PseaError(_("this clone cannot remember where it writes case records "
                          "(.git/{file}): {reason}").format(file=MEMORY_FILE,
                                                           reason=os_reason(exc)),
                        _("Check that the .git folder can be written, then run the command "
                          "again; nothing was written."), exit_code=1) from None
