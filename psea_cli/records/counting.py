"""Counting sessions once: two organisations that each record the same session (same kind,
first day, region, cercle and audience) describe one session, not two. The first file (in
file-name order) counts; ``psea validate`` warns about the others (records.duplicate-session).
A session run by several organisers is one record with several ``organisers``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from psea_cli.dataset import Located
from psea_cli.models.records import Session

SessionKey = tuple[str, dt.date, str, str | None, str]


def session_key(session: Session) -> SessionKey:
    return (session.kind, session.start, session.region, session.admin2, session.audience)


def first_records(sessions: Iterable[Located[Session]]
                  ) -> tuple[list[Located[Session]], list[tuple[Located[Session], str]]]:
    """(sessions counted, [(a repeated session, the file of the one counted)])."""
    seen: dict[SessionKey, str] = {}
    counted: list[Located[Session]] = []
    repeated: list[tuple[Located[Session], str]] = []
    for located in sorted(sessions, key=lambda s: s.file):
        key = session_key(located.value)
        if key in seen:
            repeated.append((located, seen[key]))
        else:
            seen[key] = located.file
            counted.append(located)
    return counted, repeated


def sessions_between(sessions: Iterable[Located[Session]], start: dt.date,
                     end: dt.date) -> list[Session]:
    """The sessions counted once whose first day lies between ``start`` and ``end``."""
    counted, _repeated = first_records(sessions)
    return [s.value for s in counted if start <= s.value.start <= end]
