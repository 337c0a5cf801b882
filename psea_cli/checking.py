"""The check ``psea validate`` runs, without the command-line framework: the last verdict when
nothing it depends on changed (``quick``), else the pipeline, judging only the case records
that changed; the verdict is then filed under the print taken at start, for the instant
answer of the next run (``instant``).

The ``validate`` command runs it, and so does the ``psea`` script itself for a plain
``psea validate`` whose instant answer missed (``launch``): a commit's pre-commit hook then
does not load typer and every command's options before the work starts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from psea_cli.instant import Print
    from psea_cli.sealing import Keyring

Verdict = tuple[int, list[tuple[Any, ...]]]
"""(files read, problems as rows: file, line, column, code, severity, message, hint)."""


def default_key_file(root: Path) -> Path | None:
    """The user's ``~/.ssh/id_ed25519`` when the network lists an ssh-ed25519 recipient (it
    may open encrypted case records without ``--identity``), else None."""
    from psea_cli import safe_input
    from psea_cli.layout import NETWORK_FILE

    try:  # a regular file of bounded size only: network.yaml may be a link to a device
        wanted = "ssh-ed25519 " in safe_input.read_text(root / NETWORK_FILE)
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    ssh_key = Path.home() / ".ssh" / "id_ed25519"
    return ssh_key if wanted and ssh_key.is_file() else None


def verdict(root: Path, today: dt.date, keyring: Callable[[], Keyring | None], key_given: bool,
            taken: Print | None) -> Verdict:
    """The problems of the repository at ``root`` on ``today``, in the current language.
    ``keyring`` is asked for the keys only when the check has to run; ``key_given`` says a
    key may open encrypted records (their problems are never kept)."""
    from psea_cli import cache, instant, quick
    from psea_cli.i18n import current_language

    found: Verdict | None = None
    look = quick.Look()  # what the quick look saw, for the full check when it misses
    if cache.is_enabled():
        found = quick.cached_verdict(root, today, current_language(), keyring_given=key_given,
                                     look=look, taken=taken)
    if found is None:
        from psea_cli.validation import check_repository

        files, problems = check_repository(root, today=today, keyring=keyring(), look=look)
        found = files, [(p.file, p.line, p.column, p.code, int(p.severity), p.message, p.hint)
                        for p in problems]
    if cache.is_enabled():
        instant.remember(root, taken, quick.network_settings(root), current_language(), *found)
    return found
