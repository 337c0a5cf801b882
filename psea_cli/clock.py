"""The one clock: the day psea judges dates at, read once by the command and passed down.

The command layer (``psea_cli.commands``, ``psea_cli.validation``) calls ``today()`` once per
command and hands the day to the library as a parameter (``Dataset.today``, ``as_of``,
``day``); no other module reads the system clock (``tests/test_architecture.py`` checks it).
``seconds()`` is for file ages only. ``PSEA_TODAY=YYYY-MM-DD`` fixes the day for a whole
process (a demonstration, a subprocess in a test); tests in-process replace ``today`` with
``monkeypatch``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time

ENVIRONMENT = "PSEA_TODAY"
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

PLAUSIBLE_DAYS = (dt.date(2000, 1, 1), dt.date(2099, 12, 31))
"""The first and last day psea reads, in the data (every date of a file, a plan's bounds) and
in ``PSEA_TODAY``. PSEA networks exist since the early 2000s (the IASC task force of 2002, the
Secretary-General's bulletin of 2003), so no record, membership or training of one comes
before 2000; plans run a few years ahead, so none reaches past this century. A date outside
is a typo (0019 or 2109 for 2019) and is refused with its line: psea counts periods, quarters
and delays between dates, and a date from year 1 or 9999 would make it count for minutes or
beyond the calendar."""

PLAUSIBLE_YEAR = rf"{PLAUSIBLE_DAYS[0].year // 100}[0-9]{{2}}"
"""The years of ``PLAUSIBLE_DAYS`` (``20[0-9]{2}``), for the patterns of period keys and of
the JSON Schemas, where a date has no minimum: the days are one whole century."""


def plausible(day: dt.date) -> bool:
    """True when ``day`` (or a moment's day) lies within ``PLAUSIBLE_DAYS``."""
    first, last = PLAUSIBLE_DAYS
    return first <= (day.date() if isinstance(day, dt.datetime) else day) <= last


def fixed_day() -> dt.date | None:
    """The day ``PSEA_TODAY`` names, or None when it is not set (or empty); a ``PseaError``
    (exit 2) when it is set but is not a YYYY-MM-DD day within ``PLAUSIBLE_DAYS``."""
    text = os.environ.get(ENVIRONMENT, "")
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(text) if _DAY.fullmatch(text) else None
    except ValueError:
        day = None
    if day is None or not plausible(day):
        from psea_cli.i18n import _
        from psea_cli.problems import PseaError

        first, last = PLAUSIBLE_DAYS
        raise PseaError(
            _("the environment variable {name} is not a day written YYYY-MM-DD between {first} "
              "and {last}").format(name=ENVIRONMENT, first=first, last=last),
            _("Set it to the day psea should judge at, for example {name}=2021-07-15, or unset "
              "it to judge at today.").format(name=ENVIRONMENT))
    return day


def today() -> dt.date:
    """Today, or the day ``PSEA_TODAY`` names (a ``PseaError``, exit 2, when it is malformed
    or outside ``PLAUSIBLE_DAYS``)."""
    return fixed_day() or dt.date.today()


def seconds() -> float:
    """The system time in seconds, to compare with a file's modification time (how old a
    leftover temporary file is): not a day psea judges data at, so any layer may read it."""
    return time.time()
