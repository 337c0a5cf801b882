"""Markdown tables (GitHub-flavoured), for a wiki page, an e-mail or a pull request.

Values show as written, as in the Markdown report (``markdown_text``): pipes and line breaks
escaped, no raw HTML, link or image (a name ``<img src=x onerror=…>`` or ``![t](http://…)``
would run or call out wherever the page is viewed). A formula-like value is set in a code
span, so it stays readable and inert if the table is pasted into a spreadsheet.
"""

from __future__ import annotations

import datetime as dt

from psea_cli.directory.tables import Cell, Sheet
from psea_cli.markdown_text import md_cell as _escaped_cell
from psea_cli.markdown_text import md_code
from psea_cli.printable import printable
from psea_cli.safe_output import is_formula_like


def md_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = printable(" ".join(str(value).split()))  # a line break would end the table row
    if is_formula_like(text):  # a code span shows HTML and links as text; a pipe still splits
        return "`" + md_code(text).replace("|", "\\|") + "`"
    return _escaped_cell(text)


def render_markdown(sheet: Sheet, title: str | None = None, notes: list[str] | None = None) -> str:
    """A heading (when given), the table, then notes as a list."""
    lines = [f"## {md_cell(title)}", ""] if title else []
    lines.append("| " + " | ".join(md_cell(c.header) for c in sheet.columns) + " |")
    lines.append("|" + "---|" * len(sheet.columns))
    lines.extend("| " + " | ".join(md_cell(v) for v in row) + " |" for row in sheet.rows)
    if notes:
        lines += [""] + [f"- {note}" for note in notes]
    return "\n".join(lines) + "\n"
