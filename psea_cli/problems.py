"""Problems are data: a small frozen value per finding, collected and never raised.

Only fatal conditions (no network repository, a bad option, a broken template) raise
``PseaError``; everything wrong *in the data* becomes a ``Problem`` with a stable code.
The catalogue of codes lives in ``problem_codes``.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable


class Severity(enum.IntEnum):
    """How bad a problem is: warnings never fail a run unless ``--strict``."""

    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        """``error`` or ``warning``, for programs (JSON, CI annotations)."""
        return self.name.lower()

    @property
    def word(self) -> str:
        """``error`` or ``warning`` in the user's language, for people."""
        from psea_cli.i18n import N_, _

        return _(N_("error") if self is Severity.ERROR else N_("warning"))


@dataclasses.dataclass(frozen=True, order=True)
class Problem:
    """One finding in the data, located at a 1-based line and column of a repository file.

    ``message`` says what is wrong and ``hint`` how to fix it, both already in the user's
    language. Neither ever contains the value of a case field or a personal contact.
    """

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.label,
            "message": self.message,
            "hint": self.hint,
        }


class PseaError(Exception):
    """A condition that stops the command: usage or configuration, not data (exit 2).

    ``problems`` are located findings in files that explain it (shown before the message), such
    as the YAML problem of a file a command refused to edit."""

    def __init__(self, message: str, hint: str = "", exit_code: int = 2,
                 problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.exit_code = exit_code
        self.problems = problems


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


def exit_code(problems: Iterable[Problem], *, strict: bool) -> int:
    """0 when clean (warnings allowed), 1 on any error, or on any warning under ``strict``."""
    worst = max((p.severity for p in problems), default=None)
    if worst is None:
        return 0
    if worst is Severity.ERROR or strict:
        return 1
    return 0


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Order by file, then position, then code; drop exact duplicates."""
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.column, p.code, p.message))
