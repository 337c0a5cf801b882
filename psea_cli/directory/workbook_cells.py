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
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

NOT_TYPED = object()
"""What ``phone`` returns for a number cell that cannot be read as the phone typed."""

_NUMBER_TEXT = re.compile(r"[0-9]+\.0+")


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


def day(value: Any) -> Any:
    """A date cell's day; text that is no YYYY-MM-DD day as it is, for validation to refuse."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    written = text(value)
    try:
        return dt.date.fromisoformat(written) if written else None
    except ValueError:
        return written
