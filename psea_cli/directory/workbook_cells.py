"""The cells of an edited directory workbook read as what the person typed, where the
spreadsheet changed it as it was typed.

- **A phone number kept as a number.** ``+22320000062`` typed in a cell formatted General
  (Standard in a French Excel) or Number is kept as the number 22320000062: the ``+`` and any
  leading zero are gone. Its digits are read back with the ``+`` in front when they make a
  number psea accepts (``phones.typed_with_plus``) and stored as the directory writes phones
  (``+223 20 00 00 62``); any other number (a national number, which may have lost a leading
  zero, a number with a decimal part) is refused by place: guessing would store a wrong
  number without a word. The text of such a number with a trailing ``.0``
  (``22320000062.0``, as a copy through other tools leaves it) is read the same way.
- **A day shown as its serial number.** A date column formatted as Number shows 44197 for
  1 January 2021: the days since 30 December 1899 (since 1 January 1904 in a workbook made
  with the 1904 date system, which openpyxl gives as the workbook's ``epoch``). A whole
  number that stands for a day within ``clock.PLAUSIBLE_DAYS`` is read as that day; any
  other number (a time of day in it, a day psea does not read) stays as it is, for
  validation to refuse by row and field as "not a valid date".
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

NOT_TYPED = object()
"""What ``phone`` returns for a number cell that cannot be read as the phone typed."""

_NUMBER_TEXT = re.compile(r"[0-9]+\.0+")
_LAST_SERIAL = 2_958_465
"""31 December 9999, the last day a spreadsheet has: a larger serial is no day at all."""


def text(value: Any) -> str:
    """A cell's value as text, stripped; a whole floating-point number without its ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def phone(value: Any, country_code: str | None) -> str | object | None:
    """The phone a cell holds: its text, the number typed with ``+`` when the spreadsheet
    kept it as a number, None when empty, ``NOT_TYPED`` for a number that is no phone typed
    with ``+`` (or any number when ``country_code``, network.yaml's, is unknown)."""
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value.strip()):
        value = float(value)
    if not _is_number(value):
        return text(value) or None
    if isinstance(value, float) and not value.is_integer():
        return NOT_TYPED
    if country_code is None:
        return NOT_TYPED
    from psea_cli import phones

    return phones.typed_with_plus(str(int(value)), country_code) or NOT_TYPED


def day(value: Any, epoch: dt.datetime) -> Any:
    """A date cell's day (a serial number counted from ``epoch``, the workbook's); anything
    else that is no YYYY-MM-DD day as it is, for validation to refuse."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if _is_number(value) and (isinstance(value, int) or value.is_integer()):
        serial = _serial_day(int(value), epoch)
        if serial is not None:
            return serial
    written = text(value)
    try:
        return dt.date.fromisoformat(written) if written else None
    except ValueError:
        return written


def _serial_day(serial: int, epoch: dt.datetime) -> dt.date | None:
    """The day a spreadsheet's serial number stands for, None outside ``PLAUSIBLE_DAYS``."""
    from openpyxl.utils.datetime import from_excel

    from psea_cli.clock import plausible

    if not 0 < serial <= _LAST_SERIAL:
        return None
    moment = from_excel(serial, epoch)
    return moment.date() if isinstance(moment, dt.datetime) and plausible(moment) else None
