"""Printing problems: text for people, JSON for programs, GitHub workflow annotations for CI.

This module and the command modules are the only places that write to the terminal.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn, TextIO

from psea_cli.i18n import _, ngettext
from psea_cli.printable import printable, printable_json, printable_lines
from psea_cli.problems import Problem, PseaError, Severity

GITHUB_ANNOTATIONS_PER_KIND = 10

if TYPE_CHECKING:
    from rich.console import Console


def terminal() -> Console:
    """The rich console every table, tree and line of data is printed through: text from the
    data is shown as written, never read as console markup (``[/b]`` in a name) or emoji
    codes; styles come only from rich ``Text`` objects built by psea."""
    from rich.console import Console

    class _Terminal(Console):
        """Every text segment made printable as it is written out (rich keeps an escape
        sequence as it is): a value that slipped past validation cannot drive the terminal.
        Segments rich marks as its own controls (cursor moves) are left as they are."""

        def _render_buffer(self, buffer: Any) -> str:
            from rich.segment import Segment

            return super()._render_buffer(
                segment if segment.control else Segment(printable_lines(segment.text),
                                                        segment.style)
                for segment in buffer)

    return _Terminal(soft_wrap=False, markup=False, emoji=False)


def summary_counts(problems: Sequence[Problem], files: int) -> dict[str, int]:
    errors = sum(p.severity is Severity.ERROR for p in problems)
    return {"errors": errors, "warnings": len(problems) - errors, "files": files}


def summary_line(problems: Sequence[Problem], files: int) -> str:
    counts = summary_counts(problems, files)
    errors = ngettext("{n} error", "{n} errors", counts["errors"]).format(n=counts["errors"])
    warnings = ngettext("{n} warning", "{n} warnings", counts["warnings"]).format(
        n=counts["warnings"])
    checked = ngettext("{n} file checked", "{n} files checked", files).format(n=files)
    return f"{errors}, {warnings} ({checked})"


_STYLES = {"bold": "1", "dim": "2", "red": "1;31", "yellow": "1;33", "green": "1;32"}


def colour_wanted(out: IO[Any]) -> bool:
    """Colour on a terminal, never when piped or redirected; ``NO_COLOR`` (any value) turns it
    off and ``FORCE_COLOR`` on, as https://no-color.org and https://force-color.org say;
    ``TERM=dumb`` off. Hand-written escapes, not rich: ``validate`` runs at every commit."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(out, "isatty", None)
    return bool(isatty is not None and isatty())


def _paint(text: str, style: str, colour: bool) -> str:
    return f"\x1b[{_STYLES[style]}m{text}\x1b[0m" if colour else text


def format_text(problem: Problem, colour: bool = False) -> str:
    """``file:line:col: error [code] message`` and its hint; with ``colour``, the place in bold,
    an error in red, a warning in yellow, the hint dim. Text from files is made printable first,
    so it can hold no escape of its own."""
    kind = "red" if problem.severity is Severity.ERROR else "yellow"
    place = _paint(f"{printable(problem.file)}:{problem.line}:{problem.column}:", "bold", colour)
    label = _paint(f"{problem.severity.word} [{problem.code}]", kind, colour)
    head = f"{place} {label} {printable(problem.message)}"
    if not problem.hint:
        return head
    return f"{head}\n    " + _paint(f"→ {printable(problem.hint)}", "dim", colour)


def write_text(problems: Sequence[Problem], files: int, out: TextIO,
               colour: bool | None = None) -> None:
    """Every problem, then the summary line; coloured when ``colour_wanted(out)`` (or as told)."""
    colour = colour_wanted(out) if colour is None else colour
    for problem in problems:
        out.write(format_text(problem, colour) + "\n")
    counts = summary_counts(problems, files)
    tone = "red" if counts["errors"] else "yellow" if counts["warnings"] else "green"
    out.write(_paint(summary_line(problems, files), tone, colour) + "\n")


def write_json(problems: Sequence[Problem], files: int, out: TextIO) -> None:
    """The problems as a JSON document: file names and messages exactly as they are, every
    control or invisible character in them written as a JSON escape (``printable_json``)."""
    document = {"problems": [p.as_dict() for p in problems],
                "summary": summary_counts(problems, files)}
    out.write(printable_json(json.dumps(document, ensure_ascii=False, indent=2)) + "\n")


def _escape_data(text: str) -> str:
    """``text`` for a workflow command, escaped as GitHub's toolkit does (``%25``, ``%0D``,
    ``%0A``, which GitHub decodes), and with no other control character (an escape sequence
    in a file name is written ``\\x1b``)."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    kind = "error" if problem.severity is Severity.ERROR else "warning"
    message = problem.message + (f" — {problem.hint}" if problem.hint else "")
    props = (f"file={_escape_property(problem.file)},line={problem.line},col={problem.column},"
             f"title={_escape_property(problem.code)}")
    return f"::{kind} {props}::{_escape_data(message)}"


def _md_cell(text: str) -> str:
    """Text safe in a Markdown table cell: one line, no column break, no HTML."""
    return (printable(text).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;"))


def markdown_summary(problems: Sequence[Problem], files: int) -> str:
    lines = [f"### psea validate: {summary_line(problems, files)}", ""]
    if problems:
        headers = [_("File"), _("Line"), _("Severity"), _("Code"), _("Message")]
        lines += ["| " + " | ".join(headers) + " |", "|---|---:|---|---|---|"]
        for p in problems:
            cells = [p.file, str(p.line), p.severity.word, f"`{p.code}`",
                     f"{p.message} — {p.hint}" if p.hint else p.message]
            lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def write_github(problems: Sequence[Problem], files: int, out: TextIO) -> None:
    """At most ten annotations of each kind (GitHub drops the rest), then every problem as text,
    and the full table in the job summary when ``GITHUB_STEP_SUMMARY`` is set."""
    shown = {Severity.ERROR: 0, Severity.WARNING: 0}
    left_off = 0
    for problem in problems:
        if shown[problem.severity] < GITHUB_ANNOTATIONS_PER_KIND:
            out.write(github_annotation(problem) + "\n")
            shown[problem.severity] += 1
        else:
            left_off += 1
    if left_off:
        note = _("{n} more problems are not annotated; see the log below and the job summary.")
        out.write("::notice::" + _escape_data(note.format(n=left_off)) + "\n")
    write_text(problems, files, out, colour=False)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        try:
            with Path(summary_file).open("a", encoding="utf-8") as handle:
                handle.write(markdown_summary(problems, files))
        except OSError:
            out.write(_("could not write the job summary") + "\n")


def format_fatal(error: PseaError, colour: bool = False) -> str:
    """``error: message`` (red with ``colour``) and its hint (dim), after the located problems
    that explain it, if any."""
    located = [format_text(problem, colour) for problem in error.problems]
    return "\n".join([*located, format_error(error.message, error.hint, colour)])


def format_error(message: str, hint: str, colour: bool = False) -> str:
    """``error: message`` and its hint, every control character of either (a file name from a
    clone, a sheet's name) written as an escape; a message of several lines keeps them."""
    text = _paint(_("error: {message}").format(message=printable_lines(message)), "red", colour)
    return f"{text}\n    " + _paint(f"→ {printable(hint)}", "dim", colour) if hint else text


def output_failed(error: OSError) -> NoReturn:
    """Say on standard error that the output could not be written, and end with exit 1."""
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(_("error: the output could not be written ({reason})").format(
            reason=error.strerror or type(error).__name__) + "\n")
    sys.exit(1)
