"""Spreadsheet formula injection: the one rule every export applies to every text cell.

Excel, LibreOffice and Google Sheets evaluate a cell that starts with ``=``, ``+``, ``-`` or
``@`` (and some read a leading tab or carriage return the same way). Directory data is typed by
focal points of many organisations, so a cell such as ``=HYPERLINK("http://…")`` must arrive
as inert text. Phone numbers start with ``+`` and are caught by the same rule.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula."""
    return text.startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """``text`` made inert for a spreadsheet: a formula-like value gets a leading ``'``, the
    mark Excel itself uses for "this is text" (``'+223 20 00 00 01`` stays readable)."""
    return "'" + text if is_formula_like(text) else text
