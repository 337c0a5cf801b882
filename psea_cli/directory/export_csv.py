"""CSV and HXL exports: UTF-8 with a byte-order mark, so that Excel reads accents correctly.

French Excel expects ``;`` between columns (``,`` is its decimal mark): ``--sep ';'``. HXL is the
same CSV with a row of hashtags under the headers (``#org+name``, ``#contact+phone``…), for HDX
and the humanitarian tools that read it.

The two are protected differently against formula injection, by who reads them. CSV is opened
in spreadsheets: every cell a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) gets a leading ``'`` (``neutralise``), phone numbers
included, which Excel would otherwise turn into a number or an error. HXL is read by programs
(libhxl, HDX): a phone keeps its ``+``, and only cells dangerous on their own get the ``'``
(``neutralise_for_machines``: ``=``, ``@``, tab, carriage return, ``+``/``-`` before anything but
a number).
"""

from __future__ import annotations

import datetime as dt
import io

from psea_cli.directory.tables import Cell, Sheet
from psea_cli.safe_output import neutralise, neutralise_for_machines
from psea_cli.spreadsheet_csv import write_rows

SEPARATORS = (",", ";", "\t")


def text_cell(value: Cell, for_machines: bool = False) -> str:
    """A cell as CSV text: dates as YYYY-MM-DD, nothing for a missing value, text made inert
    (for a spreadsheet, or for programs when ``for_machines``)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return neutralise_for_machines(value) if for_machines else neutralise(value)


def render_csv(sheet: Sheet, sep: str = ",", hxl: bool = False) -> bytes:
    """The sheet as CSV bytes (UTF-8 with BOM, CRLF line ends as RFC 4180 and Excel expect)."""
    buffer = io.StringIO()
    head = [[text_cell(c.header, hxl) for c in sheet.columns]]
    if hxl:
        head.append([c.hxl for c in sheet.columns])
    write_rows(buffer, [*head, *([text_cell(v, hxl) for v in row] for row in sheet.rows)],
               delimiter=sep)
    return buffer.getvalue().encode("utf-8-sig")
