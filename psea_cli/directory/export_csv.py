"""CSV and HXL exports: UTF-8 with a byte-order mark, so that Excel reads accents correctly.

French Excel expects ``;`` between columns (``,`` is its decimal mark): ``--sep ';'``. HXL is the
same CSV with a row of hashtags under the headers (``#org+name``, ``#contact+phone``…), for HDX
and the humanitarian tools that read it. Every text cell goes through ``neutralise``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from psea_cli.directory.tables import Cell, Sheet
from psea_cli.safe_output import neutralise

SEPARATORS = (",", ";", "\t")


def text_cell(value: Cell) -> str:
    """A cell as CSV text: dates as YYYY-MM-DD, nothing for a missing value, text made inert."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return neutralise(value)


def render_csv(sheet: Sheet, sep: str = ",", hxl: bool = False) -> bytes:
    """The sheet as CSV bytes (UTF-8 with BOM, CRLF line ends as RFC 4180 and Excel expect)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n")
    writer.writerow([neutralise(c.header) for c in sheet.columns])
    if hxl:
        writer.writerow([c.hxl for c in sheet.columns])
    writer.writerows([text_cell(v) for v in row] for row in sheet.rows)
    return buffer.getvalue().encode("utf-8-sig")
