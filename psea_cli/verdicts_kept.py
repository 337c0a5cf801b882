"""Verdicts of costly rules on one value, kept from one run to the next: the screening of a
plan's and a progress file's texts (``cases.privacy.screen``), and the phones the numbering
plan accepts (``checks.contacts``).

When a focal point's file changes, the checks over the files that are not case records run
again (``pipeline``): without these verdicts, a plan's few hundred texts would be screened
again too (two tenths of a second) and every phone of the directory parsed again (a tenth).
A verdict depends only on the value and on psea's code and libraries: the pipeline keeps them
in the cache (``Cache.extra``, which holds nothing across another version of either), and only
those the last run that ran these checks used, so the table never outgrows the data.

Keys are digests, never the text: nothing written to the cache repeats a word of the plan, and
no case record's note is kept here (those are screened beside their record and their problems
kept with it, ``outcomes``). A value that breaks a rule is judged anew each time: only what
costs nothing to say again (a list of rule names, "accepted") is kept.
"""

from __future__ import annotations

import hashlib
from typing import Any

NAME = "verdicts"
"""The cache's name for the table (``Cache.extra``)."""

_last: dict[tuple[str, bytes], Any] = {}
"""The verdicts the last run kept, by (rule, digest of the value)."""
_used: dict[tuple[str, bytes], Any] = {}
"""The verdicts this run asked for or found."""
_found = False
"""Whether this run found a verdict the last one did not keep."""


def key(*values: str) -> bytes:
    hasher = hashlib.blake2b(digest_size=16)
    for value in values:
        hasher.update(value.encode("utf-8", "surrogatepass") + b"\0")
    return hasher.digest()


def known(rule: str, digest: bytes) -> Any:
    """The verdict of ``rule`` on the value of ``digest`` this run or the last one found, or
    None."""
    found = _used.get((rule, digest))
    if found is None:
        found = _last.get((rule, digest))
        if found is not None:
            _used[(rule, digest)] = found
    return found


def keep(rule: str, digest: bytes, verdict: Any) -> None:
    """Keep ``verdict`` (never None), found now for the value of ``digest``."""
    global _found
    if (rule, digest) not in _used:
        _found = True
    _used[(rule, digest)] = verdict


def load(stored: Any) -> None:
    """Take the verdicts the cache kept (``taken``'s value), or nothing from anything else."""
    _last.clear()
    if isinstance(stored, dict):
        _last.update({k: v for k, v in stored.items()
                      if type(k) is tuple and len(k) == 2 and type(k[0]) is str
                      and type(k[1]) is bytes and v is not None})


def taken() -> dict[tuple[str, bytes], Any] | None:
    """What to keep for the next run: the verdicts this run used, when it found one the last
    run did not keep; else None (the kept table still serves)."""
    return dict(_used) if _found else None


def merge(verdicts: dict[tuple[str, bytes], Any] | None) -> None:
    """Add the verdicts a worker process used (``taken`` there): they are this run's too."""
    global _found
    if verdicts:
        _used.update(verdicts)
        _found = True


def forget() -> None:
    """Start afresh: no verdict kept or used (a new run in the same process)."""
    global _found
    _last.clear()
    _used.clear()
    _found = False
