"""Printing a records view (``psea action list``, ``psea cbcm list``, ``psea assessment list``)
as aligned text, Markdown, CSV or JSON, and what the records commands share when they write.

Table and Markdown use the user's language for headers; CSV and JSON keep the stable keys.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any, Literal

import typer

from psea_cli.cli_support import echo_json, err, say
from psea_cli.i18n import _

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset, Finding
    from psea_cli.records.editing import Outcome
    from psea_cli.records.views import View

Format = Literal["table", "md", "csv", "json"]


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _csv(view: View) -> None:
    """The view as CSV on standard output, its codes as they are; a text a spreadsheet would
    run as a formula (an action point typed ``=HYPERLINK(…)`` in a meeting file) gets a
    leading apostrophe, as the directory's CSV export does."""
    from psea_cli.safe_output import neutralise
    from psea_cli.spreadsheet_csv import write_rows

    write_rows(sys.stdout, [view.keys, *(["" if row[k] is None else neutralise(row[k])
                                           if isinstance(row[k], str) else row[k]
                                           for k in view.keys] for row in view.rows)],
               lineterminator="\n")


def emit(view: View, headers: list[str], output_format: Format, extra: dict[str, Any],
         empty: str, table_keys: tuple[str, ...] | None = None,
         coded: tuple[str, ...] = ()) -> None:
    """Print ``view``; ``extra`` goes into the JSON document (the as-of day, the filter).
    ``headers`` name ``view.keys``; the terminal table shows ``table_keys`` only (default:
    all), so that it fits a terminal; Markdown, CSV and JSON have every column. The table
    and Markdown say the ``coded`` columns' codes in words (``records.vocabulary``); CSV and
    JSON keep the codes."""
    if output_format == "json":
        echo_json({**extra, "count": len(view.rows), "items": view.rows})
        return
    if output_format == "csv":
        _csv(view)
        return
    from psea_cli.records.vocabulary import word

    cells = [[word(k, row[k]) if k in coded and isinstance(row[k], str) else _cell(row[k])
              for k in view.keys] for row in view.rows]
    if output_format == "md":
        escape = re.compile(r"([|\\`*_\[\]<>])")
        say("| " + " | ".join(headers) + " |")
        say("|" + " --- |" * len(headers))
        for line in cells:
            say("| " + " | ".join(escape.sub(r"\\\1", c) for c in line) + " |")
        return
    if not cells:
        say(empty)
        return
    if table_keys is not None:
        shown = [view.keys.index(k) for k in table_keys]
        headers = [headers[i] for i in shown]
        cells = [[line[i] for i in shown] for line in cells]
    widths = [max(len(c) for c in column) for column in zip(headers, *cells, strict=True)]
    for line in [headers, *cells]:
        say("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())


def days(text: str, option: str) -> int:
    """``90d``, ``12w`` or ``90``: a number of days."""
    match = re.fullmatch(r"\s*(\d{1,5})\s*([dDwWjJsS]?)\s*", text)
    if not match:
        raise typer.BadParameter(_("write a number of days such as 90d, or of weeks such as "
                                   "12w"), param_hint=option)
    number = int(match.group(1))
    return number * 7 if match.group(2).lower() in ("w", "s") else number


def finish(dataset: Dataset, outcome: Outcome, commit: bool, message: str) -> None:
    """Show what was found; exit 1 if nothing was written; commit the one file if asked."""
    from psea_cli import gitrepo
    from psea_cli.commands.case_common import show_findings

    findings: list[Finding] = outcome.findings
    show_findings(findings, whole="")
    if not outcome.written:
        err(_("nothing was written: correct the errors above and run the command again"))
        raise typer.Exit(code=1)
    err(_("written: {file}").format(file=outcome.label))
    if commit:
        sha = gitrepo.commit_files(dataset.root, [outcome.path], message)
        err(_("committed: {sha}").format(sha=sha[:8]))


def check_commit(dataset: Dataset, commit: bool) -> None:
    """Refuse ``--commit`` before writing anything when git would refuse it after."""
    if commit:
        from psea_cli import gitrepo

        gitrepo.ensure_can_commit(dataset.root)
