"""XLSX export through openpyxl: one sheet per view, bold frozen header, filters, column widths.

Text is written as text cells: openpyxl would otherwise store a value starting with ``=`` as a
formula. A formula-like value (``=…``, ``+223…``) also gets Excel's "quote prefix" style, so it
shows without a visible apostrophe and stays text when someone edits the cell. Dates are real
dates, shown as YYYY-MM-DD.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from psea_cli.directory.tables import Sheet
from psea_cli.safe_output import is_formula_like

MAX_WIDTH = 60
META_SHEET = "psea"


def render_xlsx(sheets: list[Sheet], metadata: list[tuple[str, str]] | None = None) -> bytes:
    """A workbook with one sheet per view, as bytes; ``metadata`` goes to a hidden sheet
    (``directory.workbook``: how ``psea directory import`` recognises its own workbook)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "psea"
    bold = Font(bold=True)
    for sheet in sheets:
        ws = workbook.create_sheet(title=sheet.name[:31])
        widths = [len(c.header) for c in sheet.columns]
        for col, column in enumerate(sheet.columns, start=1):
            _text(ws.cell(row=1, column=col), column.header).font = bold
        for r, row in enumerate(sheet.rows, start=2):
            for col, value in enumerate(row, start=1):
                cell = ws.cell(row=r, column=col)
                if isinstance(value, str):
                    _text(cell, value)
                elif isinstance(value, dt.date):
                    cell.value = value
                    cell.number_format = "yyyy-mm-dd"
                else:
                    cell.value = value
                shown = value.isoformat() if isinstance(value, dt.date) else str(value or "")
                widths[col - 1] = max(widths[col - 1], len(shown))
        for col, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(col)].width = min(width + 2, MAX_WIDTH)
        ws.freeze_panes = "A2"
        if sheet.rows:
            ws.auto_filter.ref = ws.dimensions
    if metadata is not None:
        hidden = workbook.create_sheet(title=META_SHEET)
        for key, value in metadata:
            hidden.append([key, value])
        hidden.sheet_state = "hidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text(cell: Any, value: str) -> Any:
    """Store ``value`` as a text cell, never as a formula."""
    cell.value = value
    cell.data_type = "s"
    if is_formula_like(value):
        cell.quotePrefix = True
    return cell
