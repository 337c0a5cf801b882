"""Building a real git history in tests: dated commits of the whole working tree."""

from __future__ import annotations

from pathlib import Path

import git

ACTOR = git.Actor("Coordination PSEA", "coordination@example.org")


def commit_all(repo: git.Repo, message: str, day: str) -> str:
    """Stage every change in the working tree (removals too) and commit it on ``day``."""
    repo.git.add("-A")
    stamp = f"{day}T10:00:00"
    return str(repo.index.commit(message, author=ACTOR, committer=ACTOR, author_date=stamp,
                                 commit_date=stamp).hexsha)


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` by ``new`` in a file that must contain it."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
