"""The one clock: the day psea judges dates at, read once by the command and passed down.

The command layer (``psea_cli.commands``, ``psea_cli.validation``) calls ``today()`` once per
command and hands the day to the library as a parameter (``Dataset.today``, ``as_of``,
``day``); no other module reads the system clock (``tests/test_architecture.py`` checks it).
``PSEA_TODAY=YYYY-MM-DD`` fixes the day for a whole process (a demonstration, a subprocess in a
test); tests in-process replace ``today`` with ``monkeypatch``.
"""

from __future__ import annotations

import datetime as dt
import os

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


def now() -> dt.datetime:
    """The current time, in the machine's time zone (for file ages and commit times)."""
    return dt.datetime.now().astimezone()
