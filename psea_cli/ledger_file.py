"""Whether the ledger of ``psea import`` (``.imports.yaml`` in the case store) can be read:
a regular file, valid YAML, shaped as ``psea import`` writes it. ``psea import`` refuses to
run on a damaged one, before writing anything (a ledger read as empty would import every
submission again); it sits in the reading layer so that ``psea validate`` can report it too.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, NamedTuple

from psea_cli import yamlio
from psea_cli.i18n import _, os_reason
from psea_cli.safe_input import FileTooLarge, NotRegularFile, read_regular

LEDGER_FILE = ".imports.yaml"


class Damage(NamedTuple):
    line: int
    column: int
    message: str
    hint: str


def damaged(file: str, reason: str, line: int = 1, column: int = 1) -> Damage:
    """What is wrong with the ledger ``file`` (as the hint's git command names it)."""
    return Damage(line, column,
                  _("the ledger of 'psea import' is damaged: {reason}").format(reason=reason),
                  _("Never edit it by hand: restore it from git (git checkout -- {file}; an "
                    "earlier version: git log -- {file}), then import again: what was imported "
                    "is skipped.").format(file=file))


def _unreadable(exc: OSError) -> str:
    if isinstance(exc, NotRegularFile):
        return _("it is a {kind}, not a regular file").format(kind=exc.kind)
    if isinstance(exc, FileTooLarge):
        return _("it is larger than 5 MB")
    return _("it cannot be read ({reason})").format(reason=os_reason(exc))


def _line_of(text: str, key: Any) -> int:
    """The line where ``key`` (an entry's digest) is written, else 1."""
    offset = text.find(str(key))
    return text.count("\n", 0, offset) + 1 if offset >= 0 else 1


def _shape_damage(file: str, text: str, data: Any) -> Damage | None:
    odd = _("it is not shaped as 'psea import' writes it")
    if not isinstance(data, dict) or not isinstance(data.get("submissions") or {}, dict):
        return damaged(file, odd, _line_of(text, "submissions") if isinstance(data, dict) else 1)
    for digest, entry in (data.get("submissions") or {}).items():
        if (not isinstance(entry, dict) or not {"case", "content"} <= entry.keys()
                or not all(isinstance(entry[k], str) for k in ("case", "content"))):
            return damaged(file, odd, _line_of(text, digest))
    return None


def ledger_damage(path: Path, file: str) -> Damage | None:
    """What is wrong with the ledger at ``path`` (its line), or None when it is sound or
    absent; ``file`` names it in the hint. Only a regular file is ever opened (a FIFO, a
    device or a folder is refused)."""
    if not os.path.lexists(path):
        return None
    try:
        text = read_regular(path).decode("utf-8")
    except OSError as exc:
        return damaged(file, _unreadable(exc))
    except UnicodeDecodeError:
        return damaged(file, _("it is not UTF-8 text"))
    data = yamlio.parse(text)
    if isinstance(data, yamlio.ParseFailure):
        return damaged(file, data.message, data.line, data.column)
    return _shape_damage(file, text, data)
