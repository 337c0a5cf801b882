"""The values people type on the command line that several commands share: a day, a day with an
optional time, a month, a language. One parser each, for options (``typer.Option(parser=…)``)
and for answers to questions alike.

A refused value is a usage error (exit 2) that says what to write, in the user's language,
and never repeats what was typed: a date typed by mistake may be a case detail.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from pathlib import Path

import typer

from psea_cli import clock, languages
from psea_cli.i18n import _

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DAY_OR_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?$")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _plausible(value: dt.date, option: str | None) -> dt.date:
    """``value`` when it lies within ``clock.PLAUSIBLE_DAYS``, as every date of the data does;
    else a usage error (a day of year 1 would make psea count periods past the calendar)."""
    if not clock.plausible(value):
        first, last = clock.PLAUSIBLE_DAYS
        raise typer.BadParameter(_("not a day between {first} and {last}").format(
            first=first, last=last), param_hint=option)
    return value


def day(text: str, option: str | None = None) -> dt.date:
    """``2020-07-15``: a day, without time, within ``clock.PLAUSIBLE_DAYS``."""
    value = text.strip()
    if _DAY.match(value):
        try:
            parsed = dt.date.fromisoformat(value)
        except ValueError:
            pass
        else:
            return _plausible(parsed, option)
    raise typer.BadParameter(_("not a valid date: write YYYY-MM-DD"), param_hint=option)


def day_or_time(text: str, option: str | None = None) -> dt.date | dt.datetime:
    """``2020-07-15`` as a date, ``2020-07-15T14:30`` as a date and time."""
    value = text.strip()
    if _DAY_OR_TIME.match(value):
        try:
            moment = dt.date.fromisoformat(value) if len(value) == 10 else \
                dt.datetime.fromisoformat(value.replace(" ", "T"))
        except ValueError:  # well written, but no such day or time (2026-02-31, 25:00)
            raise typer.BadParameter(_("this day or time does not exist in the calendar"),
                                     param_hint=option) from None
        return _plausible(moment, option)
    raise typer.BadParameter(_("not a valid date: write YYYY-MM-DD, optionally followed by "
                               "THH:MM"), param_hint=option)


def month(text: str, option: str | None = None) -> str:
    """``2020-07``, or ``unknown``."""
    value = text.strip().lower()
    if value == "unknown" or _MONTH.match(value):
        return value
    raise typer.BadParameter(_("write the month as YYYY-MM, or unknown"), param_hint=option)


SEPARATORS = {",": ",", ";": ";", "tab": "\t", "\\t": "\t", "\t": "\t"}
"""The column separators a CSV export takes (``--sep``): the separator each stands for."""


def separator(text: str, option: str | None = "--sep") -> str:
    """``;`` for ``;``, a tab for ``tab``: a CSV export's column separator."""
    if text not in SEPARATORS:
        raise typer.BadParameter(_("choose ',' or ';' or 'tab'"), param_hint=option)
    return SEPARATORS[text]


def language(text: str, option: str | None = None) -> str:
    """One of the languages psea speaks (``fr``, ``en``), in any case."""
    value = text.strip().lower()
    if languages.is_supported(value):
        return value
    raise typer.BadParameter(_("choose one of: {choices}").format(
        choices=", ".join(languages.SUPPORTED)), param_hint=option)


def optional_language(text: str | None, option: str = "--lang") -> str | None:
    """``language``, for an option that may be left out."""
    return None if text is None else language(text, option)


def key_file(text: str | None, option: str = "--identity") -> Path | None:
    """A key file given with ``--identity`` (or PSEA_IDENTITY), refused before anything reads
    it when it is empty or exists and is not a regular file (links followed): ``/dev/zero``,
    a FIFO or a folder would make the read hang or never end. A missing file is left to the
    reader, which says so when a key is needed."""
    if text is None:
        return None
    if not text.strip():
        raise typer.BadParameter(_("the key file's path is empty; give the path of an age key "
                                   "file or of an OpenSSH ed25519 private key"),
                                 param_hint=option)
    path = Path(text)
    from psea_cli.sealing import MAX_KEY_BYTES

    try:
        found = os.stat(path)  # noqa: PTH116
    except FileNotFoundError:
        return path
    except OSError:
        return path  # the reader names the reason
    if not stat.S_ISREG(found.st_mode):
        raise typer.BadParameter(_("the key file is not a regular file (a device, a pipe or "
                                   "a folder); give the path of an age key file or of an "
                                   "OpenSSH ed25519 private key"), param_hint=option)
    if found.st_size > MAX_KEY_BYTES:  # a key file is a few hundred bytes: never read it whole
        raise typer.BadParameter(_("the key file is larger than {size} kB, far too large for "
                                   "an age key file or an OpenSSH ed25519 private key").format(
                                       size=MAX_KEY_BYTES // 1000), param_hint=option)
    return path
