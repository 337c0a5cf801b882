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
kept with it, ``outcomes``). Only verdicts that cost nothing to say again are kept: a text's
list of rule names (empty or not), a phone "accepted" (a phone the plan refuses is parsed anew,
for its message). A run that ran the checks keeps exactly the verdicts it used: a text
deleted from the plan leaves no digest behind.
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


def used() -> dict[tuple[str, bytes], Any]:
    """The verdicts this run asked for or found (a worker's, for ``merge``)."""
    return dict(_used)


def taken() -> dict[tuple[str, bytes], Any] | None:
    """What to keep for the next run, once the checks ran: the verdicts this run used, when
    they are not those the last run kept (one new, or one no longer asked for); else None."""
    return dict(_used) if _found or _used.keys() != _last.keys() else None


def merge(verdicts: dict[tuple[str, bytes], Any] | None) -> None:
    """Add the verdicts a worker process used (``used`` there): they are this run's too."""
    global _found
    for key, verdict in (verdicts or {}).items():
        if key not in _last:
            _found = True
        _used[key] = verdict


def forget() -> None:
    """Start afresh: no verdict kept or used (a new run in the same process)."""
    global _found
    _last.clear()
    _used.clear()
    _found = False
