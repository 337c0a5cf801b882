"""What each case record gave when it was last judged, kept so that an unchanged record is not
read, built or judged again.

A case record is judged on its own: its YAML, its schema, the SOP's rules and its references
(``pipeline.CaseCheck``). What that gives depends on its own bytes and on a *context*: psea's
code, the checks, the language, network.yaml and what each per-record check reads of the rest
of the dataset (``check_marks.judged_against``: the services' types, the organisations' and
services' ids, the regions; every file that is not a case record for a check that does not
say); and on the day only through the record's own dates (no date after today: ``span``). For
each case file, psea keeps the digest of the bytes it judged, the problems it found (located
and worded), the days over which they hold and, for a valid record, its id and whether it is
synthetic (all the checks across records need). A later run under the same context takes them
for every file whose digest is unchanged, on a day they hold, and reads only the others: one
edited case costs one case, not ten thousand, and neither does the first run of the next day,
nor a focal point's new phone number. Under another context (a service added, another language)
every record is judged again.

The problems of the checks over the rest of the dataset (``pipeline.Check``) depend on every
file that is not a case record and on the day: they are kept with a context of their own
(the digests of those files) and the day.

Kept as the cache's ``outcomes`` file (``Cache.extra``: checksummed, bound to the cache folder,
written atomically, owner only), for the last context only. Nothing is kept for an encrypted
record, a file outside the repository or one that could not be read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from psea_cli.cache import Cache, is_external
from psea_cli.problems import Problem, Severity

ProblemRow = tuple[str, int, int, str, int, str, str]
"""A located problem as plain values: file, line, column, code, severity, message, hint."""
Entry = tuple[str, bool] | None
"""A valid record's id and whether it is synthetic; None for an invalid one."""
Outcome = tuple[tuple[ProblemRow, ...], Entry]
Span = tuple[str, str]
"""The days an outcome holds on: from the first (ISO day, included) to the second (excluded),
"" where unbounded."""
ALWAYS: Span = ("", "")
NAME = "outcomes"


def span(days: Iterable[dt.date], today: dt.date) -> Span:
    """The days on which a record with these dates is judged as it is on ``today``: the only
    rule that reads the day compares each of its dates with it (no date after today), so its
    outcome holds from its latest date not after today until its first date after today."""
    before = [day for day in days if day <= today]
    after = [day for day in days if day > today]
    return (max(before).isoformat() if before else "", min(after).isoformat() if after else "")


def holds(days: Span, today: str) -> bool:
    start, end = days
    return start <= today and (not end or today < end)


def context_key(parts: Iterable[str], files: Iterable[tuple[str, bytes]]) -> bytes:
    """A digest of ``parts`` (code, checks, language, day...) and of the (label, digest) pairs
    of the files the records are judged against."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for label, digest in sorted(files):
        hasher.update(label.encode("utf-8", "surrogatepass") + b"\0" + digest)
    return hasher.digest()


class Outcomes:
    """The outcomes kept under one context, and those of this run, kept on ``save``."""

    def __init__(self, cache: Cache, context: bytes | None, today: dt.date) -> None:
        self._cache = cache
        self._context = context if cache.enabled else None
        self._today = today.isoformat()
        self._old: dict[str, Any] = {}
        self._new: dict[str, tuple[bytes, Outcome, Span]] = {}
        self._old_checks: Any = None
        self._new_checks: tuple[bytes, str, tuple[ProblemRow, ...]] | None = None
        stored = cache.extra(NAME) if self._context is not None else None
        if isinstance(stored, tuple) and len(stored) == 3 and stored[0] == self._context \
                and isinstance(stored[1], dict):
            self._old, self._old_checks = stored[1], stored[2]
            kept = self._old_checks
            if isinstance(kept, tuple) and len(kept) == 3 and type(kept[0]) is bytes \
                    and kept[1] == self._today and _rows(kept[2]):
                self._new_checks = kept  # kept on, unless this run finds them under another

    def checks(self, context: bytes | None) -> tuple[ProblemRow, ...] | None:
        """The problems the checks over everything but the case records found under
        ``context`` (the digests of those files, ``pipeline``) on this day (they read no case
        record), or None."""
        kept = self._new_checks
        return kept[2] if kept is not None and context is not None and kept[0] == context \
            else None

    def keep_checks(self, context: bytes | None, rows: tuple[ProblemRow, ...]) -> None:
        if context is not None:
            self._new_checks = (context, self._today, rows)

    def known(self, label: str, digest: bytes | None) -> Outcome | None:
        """The outcome of the record ``label`` when it was judged with these same bytes, on a
        day it holds today too."""
        found = self._old.get(label) if digest is not None else None
        if type(found) is not tuple or len(found) != 3 or found[0] != digest:
            return None
        days, outcome = found[2], found[1]
        if not (_span(days) and holds(days, self._today) and _well_formed(outcome)):
            return None
        self._new[label] = found
        return outcome  # type: ignore[no-any-return]

    def keep(self, label: str, digest: bytes | None, outcome: Outcome, days: Span) -> None:
        """Keep ``outcome``, found for the bytes of ``digest`` and holding on ``days``."""
        if self._context is not None and digest is not None and not is_external(label):
            self._new[label] = (digest, outcome, days)

    def save(self) -> None:
        """Hand this run's outcomes to the cache (written by its next ``save``), when they
        differ from those it holds."""
        if self._context is not None and (self._new != self._old
                                          or self._new_checks != self._old_checks):
            self._cache.keep_extra(NAME, (self._context, self._new, self._new_checks))


def rows(problems: Iterable[Problem]) -> tuple[ProblemRow, ...]:
    return tuple((p.file, p.line, p.column, p.code, int(p.severity), p.message, p.hint)
                 for p in problems)


def problem(row: ProblemRow) -> Problem:
    file, line, column, code, severity, message, hint = row
    return Problem(file, line, column, code, Severity(severity), message, hint)


_ROW_TYPES = (str, int, int, str, int, str, str)
_SEVERITIES = frozenset(int(s) for s in Severity)


def _rows(value: Any) -> bool:
    """True when ``value`` is a tuple of well-formed problem rows (a damaged file is not
    used: its checksum finds damage; this finds what a checksum cannot say, a wrong shape)."""
    return isinstance(value, tuple) and all(
        type(row) is tuple and len(row) == 7 and row[4] in _SEVERITIES
        and all(type(part) is kind for part, kind in zip(row, _ROW_TYPES, strict=True))
        for row in value)


def _span(value: Any) -> bool:
    return (type(value) is tuple and len(value) == 2
            and type(value[0]) is str and type(value[1]) is str)


def _well_formed(outcome: Any) -> bool:
    if type(outcome) is not tuple or len(outcome) != 2:
        return False
    rows, entry = outcome
    if rows != () and not _rows(rows):  # most records have no problem: no loop to run
        return False
    return entry is None or (type(entry) is tuple and len(entry) == 2
                             and type(entry[0]) is str and type(entry[1]) is bool)
