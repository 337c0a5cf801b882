"""CSV rows written so that no spreadsheet runs a cell, whatever separator it splits on.

A cell that a spreadsheet would run as a formula is made inert by the caller (``safe_output.
neutralise``); but that protects only the start of a cell. A file written with ``,`` whose cell
holds ``x;=cmd|' /C calc'!A0`` was left unquoted by ``csv``'s minimal quoting, and a French
Excel, which splits a double-clicked ``.csv`` on ``;``, made ``=cmd|…`` a cell of its own. So a
formula sign right after a separator inside a text gets the same ``'`` (``x;'=cmd…``): it
starts no cell wherever the line is split, quotes or not (Excel splitting on a separator that
is not the file's reads quotes as text). And a row with a cell holding a separator is written
with every cell quoted, which a program or LibreOffice with several separators ticked honours.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from typing import TextIO

SPREADSHEET_SEPARATORS = (",", ";", "\t", "|", "\r", "\n")
"""What Excel and LibreOffice may split a CSV line on, whatever the file's own separator, and
the line breaks that end a row when quotes are read as text."""


_SIGN_AFTER_SEPARATOR = re.compile(
    r"([,;\t|\r\n][ \t\"]*)(?=[=@]|[+-](?![0-9][0-9 .()/-]*(?:[,;\t|\r\n\"]|\Z)))")
"""A formula sign after a separator or a line break (a spreadsheet reading quotes as text
ends the row there), spaces and quotes between them: ``=`` or ``@``, or ``+``/``-`` before
anything but a number (``+cmd|…``, ``-2+3+cmd|…``); a phone or a signed number standing
alone there (``+223 70 00 00 01``, ``-3``) stays as written."""


def inert_inside(text: str) -> str:
    """``text`` with a ``'`` before every formula sign that follows a separator in it."""
    return _SIGN_AFTER_SEPARATOR.sub(r"\1'", text)


def write_rows(handle: TextIO, rows: Iterable[Sequence[object]], delimiter: str = ",",
               lineterminator: str = "\r\n") -> None:
    """``rows`` as CSV on ``handle``: minimal quoting, and every cell of a row quoted when
    one of its cells holds a separator a spreadsheet may split on."""
    minimal = csv.writer(handle, delimiter=delimiter, lineterminator=lineterminator)
    quoted = csv.writer(handle, delimiter=delimiter, lineterminator=lineterminator,
                        quoting=csv.QUOTE_ALL)
    for row in rows:
        risky = any(isinstance(cell, str) and any(s in cell for s in SPREADSHEET_SEPARATORS)
                    for cell in row)
        if risky:
            quoted.writerow([inert_inside(cell) if isinstance(cell, str) else cell
                             for cell in row])
        else:
            minimal.writerow(row)
