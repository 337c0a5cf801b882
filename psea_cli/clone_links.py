"""Symbolic links a clone may carry, on the way to a file psea writes (``--output``).

A pull request can commit a link (``report.md`` → ``~/.bashrc``, ``reports`` → another clone);
``leads_out_of_its_clone`` finds one that leads out of the git work tree it lies in.
"""

from __future__ import annotations

import os
from pathlib import Path


def leads_out_of_its_clone(path: Path) -> Path | None:
    """The git work tree a symbolic link on the way to ``path`` lies in, when that link leads
    out of it, else None: such a link may have come with a pull request (``report.md`` →
    ``~/.bashrc``, ``reports`` → another clone), and writing through it would put text from
    the network's files in a file of the user's that runs code. The path is followed step by
    step as the system does (``..`` is no link: ``-o ../report.md`` is written)."""
    return next((top for top, _link, target in _links_in_clones(path)
                 if not target.is_relative_to(top)), None)


def leads_to_a_tracked_file(path: Path) -> Path | None:
    """The file of a git work tree that a link committed in it leads ``path`` to, when git
    tracks that file, else None: a link that came with a pull request (``report.md`` →
    ``.github/workflows/release.yml``, → ``.pre-commit-config.yaml``) would have a report
    replace the repository's own files, its CI or its hooks. A link of the user's own (not
    committed) is written through. When git cannot say (a repository it refuses as of
    "dubious ownership"), a link is taken as committed and a file as tracked."""
    links = _links_in_clones(path)
    if not links:
        return None
    resolved = Path(os.path.realpath(path))
    top = work_tree(resolved.parent) if resolved.is_file() else None
    if top is None:
        return None
    from psea_cli.gitrepo.reading import is_tracked

    if is_tracked(top, str(resolved.relative_to(top))) is False:
        return None
    committed = any(is_tracked(root, str(link.relative_to(root))) is not False
                    for root, link, _target in links)
    return resolved if committed else None


def _links_in_clones(path: Path) -> list[tuple[Path, Path, Path]]:
    """(work tree, the link, where it leads) for each symbolic link on the way to ``path``
    that lies in a git work tree, followed step by step as the system does."""
    found: list[tuple[Path, Path, Path]] = []
    current = Path(os.path.realpath(path.anchor if path.is_absolute() else Path.cwd()))
    for part in path.parts[1:] if path.is_absolute() else path.parts:
        if part in ("", "."):
            continue
        if part == "..":
            current = current.parent
            continue
        step = current / part
        if not step.is_symlink():
            current = step
            continue
        target = Path(os.path.realpath(step))
        top = work_tree(current)
        if top is not None:
            found.append((top, step, target))
        current = target
    return found


def work_tree(folder: Path) -> Path | None:
    """The git work tree ``folder`` (links resolved) lies in: the nearest folder holding a
    ``.git`` (a folder, or the file of a worktree or a submodule), never followed."""
    return next((f for f in (folder, *folder.parents) if os.path.lexists(f / ".git")), None)
