"""Whether the ledger of ``psea import`` (``.imports.yaml`` in the case store) can be read:
a regular file, valid YAML, shaped as ``psea import`` writes it. ``psea import`` refuses to
run on a damaged one, before writing anything (a ledger read as empty would import every
submission again); ``psea validate`` reports it (``store_checks.ledger_problems``), as
``cases.import-ledger-damaged``. A damage names the ledger's line, never what it holds.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from psea_cli import catalogue, yamlio
from psea_cli.i18n import _, os_reason
from psea_cli.layout import LEDGER_FILE
from psea_cli.problems import Problem
from psea_cli.safe_input import FileTooLarge, NotRegularFile, read_regular

__all__ = ["LEDGER_FILE", "damaged", "judge_ledger", "ledger_damage", "read_ledger"]

CODE = "cases.import-ledger-damaged"
_MERGE_MARK = re.compile(r"^(?:<{7}|={7}|>{7}|\|{7})(?:[ \t\r]|$)", re.MULTILINE)
"""A line git writes into a file it could not merge (``|||||||``: the common version's)."""
_ENTRY = re.compile(r'^[ \t]+"?[0-9a-f]+"?[ \t]*:')
"""A line of the ledger that holds one submission (``  "<digest>": {case: …}``)."""


def damaged(file: str, reason: str, line: int = 1, column: int = 1) -> Problem:
    """The ledger ``file`` (as the hint's git command names it) is damaged, for ``reason``."""
    return catalogue.problem(CODE, file, line, column, reason=reason, file=file)


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


def _shape_damage(file: str, text: str, data: Any) -> Problem | None:
    odd = _("it is not shaped as 'psea import' writes it")
    if not isinstance(data, dict) or not isinstance(data.get("submissions") or {}, dict):
        return damaged(file, odd, _line_of(text, "submissions") if isinstance(data, dict) else 1)
    for digest, entry in (data.get("submissions") or {}).items():
        if (not isinstance(entry, dict) or not {"case", "content"} <= entry.keys()
                or not all(isinstance(entry[k], str) for k in ("case", "content"))):
            return damaged(file, odd, _line_of(text, digest))
    return None


def _text_damage(file: str, text: str) -> Problem | None:
    """A merge git left unfinished, or what the YAML reader refuses (a submission written
    twice: two merged imports of the same one)."""
    mark = _MERGE_MARK.search(text)
    if mark is not None:
        return catalogue.problem(CODE, file, text.count("\n", 0, mark.start()) + 1, 1,
                                 variant="merge")
    data = yamlio.parse(text)
    if not isinstance(data, yamlio.ParseFailure):
        return _shape_damage(file, text, data)
    lines = text.splitlines()
    if data.code == "yaml.duplicate-key" and 0 < data.line <= len(lines) \
            and _ENTRY.match(lines[data.line - 1]):
        return catalogue.problem(CODE, file, data.line, data.column, variant="twice")
    return damaged(file, data.message, data.line, data.column)


def read_ledger(path: Path, file: str) -> bytes | Problem:
    """The bytes of the ledger at ``path``, or why it cannot be read (``file`` names it).
    Only a regular file is ever opened (a FIFO, a device or a folder is refused)."""
    try:
        return read_regular(path)
    except OSError as exc:
        return damaged(file, _unreadable(exc))


def judge_ledger(raw: bytes, file: str) -> Problem | None:
    """What is wrong with the ledger ``file`` whose bytes are ``raw`` (located), or None."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return damaged(file, _("it is not UTF-8 text"))
    return _text_damage(file, text)


def ledger_damage(path: Path, file: str) -> Problem | None:
    """What is wrong with the ledger at ``path`` (located), or None when it is sound or
    absent; ``file`` names it in the problem and its hint."""
    if not os.path.lexists(path):
        return None
    raw = read_ledger(path, file)
    return raw if isinstance(raw, Problem) else judge_ledger(raw, file)
