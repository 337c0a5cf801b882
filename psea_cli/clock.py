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
import time

ENVIRONMENT = "PSEA_TODAY"


def today() -> dt.date:
    """Today, or the day ``PSEA_TODAY`` names (ignored when it is not a YYYY-MM-DD date)."""
    fixed = os.environ.get(ENVIRONMENT, "")
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            pass
    return dt.date.today()


def seconds() -> float:
    """The system time in seconds, to compare with a file's modification time (how old a
    leftover temporary file is): not a day psea judges data at, so any layer may read it."""
    return time.time()
