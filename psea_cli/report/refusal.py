"""No report is made from data whose free text identifies a person or names a case.

A report is otherwise made even when the data has errors (it opens with a warning). Not when
a text it may print — a progress file's note or narrative, a record's note, decision or action
point — broke the note screening: the report would carry the text to the humanitarian country
team word for word. The refusal lists where, never what.
"""

from __future__ import annotations

from collections.abc import Iterable

from psea_cli.i18n import _
from psea_cli.problems import Problem, PseaError, Severity

IDENTIFYING_CODES = frozenset({"progress.identifying-text", "records.identifying-note"})
"""The codes of a text the report may print that names, contacts, dates or locates someone."""


def refuse_identifying_text(problems: Iterable[Problem]) -> None:
    """Raise ``PseaError`` (exit 1), with the problems, when one is an identifying text."""
    found = tuple(p for p in problems
                  if p.code in IDENTIFYING_CODES and p.severity is Severity.ERROR)
    if found:
        raise PseaError(
            _("no report was made: {count} text(s) the report would print look like they "
              "identify a person or name a case").format(count=len(found)),
            _("Rewrite the texts listed above without names, contacts, ages, places or case "
              "ids, then run the command again ('psea validate' lists them too)."),
            exit_code=1, problems=found)
