"""Reading a file that a command is about to edit: the careful reader first, then ruamel.yaml.

ruamel.yaml's round-trip mode keeps comments, key order and quotes, but it is no safe reader of
hostile text: it expands every alias (a file of a few hundred bytes can ask for gigabytes), it
recurses once per level of nesting, and it fails on a duplicate key with an exception of its own.
So the text first goes through the reader ``psea validate`` uses (``yamlio.decode`` and
``yamlio.parse``): a file with a YAML-level problem (an alias, a duplicate key, nesting too deep,
bad syntax, a forbidden tag, bytes that are not UTF-8) is refused with that problem located, as
``validate`` reports it, before ruamel.yaml sees a byte of it.

    document = yamledit.load(_yaml().load, raw, "data/cases/7KQ2M9AB.yaml")
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ruamel.yaml.error import YAMLError

from psea_cli import yamlio
from psea_cli.i18n import _
from psea_cli.problems import Problem, PseaError, Severity
from psea_cli.yamlfailure import mark_position


def refusal(label: str, failure: yamlio.ParseFailure) -> PseaError:
    """The error that stops an edit of ``label``: the located problem, exit 1."""
    problem = Problem(label, failure.line, failure.column, failure.code, Severity.ERROR,
                      failure.message, failure.hint)
    return PseaError(
        _("{file} has a YAML problem (above); psea edits no such file, and nothing was "
          "written").format(file=label),
        _("Correct the file by hand ('psea validate' lists every problem), then run the "
          "command again."), exit_code=1, problems=(problem,))


def check(raw: bytes | str, label: str) -> str:
    """The text of ``raw`` once the careful reader found no YAML-level problem in it; else the
    ``refusal`` naming the first one."""
    text = yamlio.decode(raw.encode("utf-8") if isinstance(raw, str) else raw)
    if isinstance(text, yamlio.ParseFailure):
        raise refusal(label, text)
    parsed = yamlio.parse(text)
    if isinstance(parsed, yamlio.ParseFailure):
        raise refusal(label, parsed)
    return text


def load(round_trip: Callable[[str], Any], raw: bytes | str, label: str) -> Any:
    """The round-trip document of ``raw`` (``round_trip`` is a ruamel.yaml ``YAML().load``),
    read only once ``check`` let it through. Should ruamel.yaml still refuse a text the careful
    reader took, that too is a located refusal, never a traceback."""
    text = check(raw, label)
    try:
        return round_trip(text)
    except (YAMLError, RecursionError) as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        raise refusal(label, yamlio.failure("yaml.syntax", *mark_position(text, mark))) from exc
