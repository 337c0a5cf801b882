"""Click's own words in the user's language: the help's usage line and headings, the notes after
an option's help (``[default: …]``, ``[env var: …]``, ``[required]``), the help option's text
and the message of an aborted command.

Typer's copy of click writes them in English, without gettext; older clicks use the stdlib's
default gettext domain, which follows the system locale, not ``--lang``. Rather than patch
either, psea gives every command of its tree a context whose help formatter writes them
through psea's catalogue; ``abort`` writes click's "Aborted!" in psea's words.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import typer

from psea_cli.i18n import N_, _

HEADINGS = (N_("Usage: "), N_("Options"), N_("Arguments"), N_("Commands"))
_HELP_OPTION = N_("Show this message and exit.")
_NOTES = re.compile(r"\s*\[(?P<notes>(?:env var|default|required|-?\d+<=x|x>=)[^\[\]]*)\]$")
_NOTE_WORDS = {"env var: ": N_("env var: {value}"), "default: ": N_("default: {value}")}
_RANGE = re.compile(r"^(?P<low>-?\d+)<=x<=(?P<high>-?\d+)$")
_AT_LEAST = re.compile(r"^(?:x>=(?P<low>-?\d+)|(?P<low2>-?\d+)<=x)$")
_METAVARS = {"<str>": N_("<text>"), "<int range>": N_("<number>"), "<int>": N_("<number>"),
             "<float>": N_("<number>"), "<file>": N_("<file>"), "<dir>": N_("<folder>"),
             "<path>": N_("<path>"), "<list[str]>": N_("<text>"),
             "<list[int]>": N_("<number>"), "<list[path]>": N_("<path>")}
"""The kinds of values typer shows after an option, in the user's words."""
_ARGUMENTS = re.compile(r"\b(PERIOD|KIND|CASE_ID|FILE|ID|LANG|REGION|URL|PATH|MEETING)\b")
_ARGUMENT_WORDS = {"PERIOD": N_("PERIOD"), "KIND": N_("KIND"), "CASE_ID": N_("CASE_ID"),
                   "FILE": N_("FILE"), "ID": N_("ID"), "LANG": N_("LANG"),
                   "REGION": N_("REGION"), "URL": N_("URL"), "PATH": N_("PATH"),
                   "MEETING": N_("MEETING")}
"""The names of psea's arguments in usage lines and argument lists, in the user's words."""


def words(text: str) -> str:
    """A usage line's or an option's placeholders in the user's language."""
    for metavar, word in _METAVARS.items():
        text = text.replace(metavar, _(word))
    return _ARGUMENTS.sub(lambda found: _(_ARGUMENT_WORDS[found.group(1)]), text)

_BaseContext: Any = typer.Context
_BaseFormatter: Any = typer.Context.formatter_class


def _grouped(number: int) -> str:
    """``100,000`` / ``100 000``, without loading babel (help pages start fast)."""
    from psea_cli.i18n import current_language

    return f"{number:,}".replace(",", "\u202f" if current_language() == "fr" else ",")


def _note(note: str) -> str:
    if note == "required":
        return _("required")
    bounds = _RANGE.match(note)
    if bounds:
        return _("from {low} to {high}").format(low=_grouped(int(bounds["low"])),
                                                high=_grouped(int(bounds["high"])))
    least = _AT_LEAST.match(note)
    if least:
        return _("{low} or more").format(low=_grouped(int(least["low"] or least["low2"])))
    for prefix, template in _NOTE_WORDS.items():
        if note.startswith(prefix):
            return _(template).format(value=note[len(prefix):])
    return note


def usage_pieces(text: str) -> str:
    """A usage line's metavariables, with a group's ``COMMAND [ARGS]...`` translated."""
    return words(text.replace("COMMAND [ARGS]...", _("COMMAND [ARGS]...")))


def help_text(text: str) -> str:
    """An option's help with click's own sentence and notes translated."""
    if text == _HELP_OPTION:
        return _(_HELP_OPTION)
    found = _NOTES.search(text)
    if not found:
        return text
    notes = _("; ").join(_note(n) for n in found.group("notes").split("; "))
    return f"{text[:found.start()]}  [{notes}]"


class HelpFormatter(_BaseFormatter):  # type: ignore[misc]
    """Click's help formatter, writing click's own words in the user's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, usage_pieces(args), _("Usage: ") if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}"
                   + _("{heading}:").format(heading=_(heading)) + "\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(words(term), tied(help_text(text))) for term, text in rows],
                         col_max, col_spacing)

    def write_text(self, text: str) -> None:
        super().write_text(tied(text))


_BEFORE_SIGN = re.compile(r" (?=[:;?!»])")


def tied(text: str) -> str:
    """French text with a non-breaking space before ``: ; ? ! »`` and after ``«``, so that
    wrapping never starts a line with a colon or leaves a quotation mark alone."""
    from psea_cli.i18n import current_language

    if current_language() != "fr":
        return text
    return _BEFORE_SIGN.sub("\u00a0", text).replace("« ", "«\u00a0")


class Context(_BaseContext):  # type: ignore[misc]
    formatter_class = HelpFormatter


def localise(root: Any) -> None:
    """Give ``root`` and every command below it psea's context (and so its help formatter)."""
    pending = [root]
    while pending:
        command = pending.pop()
        if issubclass(Context, command.context_class):
            command.context_class = Context
        pending.extend(getattr(command, "commands", {}).values())


class Interrupted(typer.Abort):
    """Ctrl-C at a question: the command stops as at Ctrl-D, with the exit code of an
    interruption (130, as a shell gives it)."""


def abort(code: int = 1) -> typer.Exit:
    """Say that the command was stopped at a question (click's "Aborted!"); exit ``code``:
    1 for a closed input (Ctrl-D), 130 for Ctrl-C."""
    sys.stderr.write("\n" + _("aborted: nothing was written") + "\n")
    return typer.Exit(code=code)


def interrupted() -> typer.Exit:
    """Say that the command was interrupted (Ctrl-C); exit code 130, as a shell's."""
    sys.stderr.write("\n" + _("interrupted") + "\n")
    return typer.Exit(code=130)
