"""One entry of the problem catalogue: what a code means, how bad it is, what psea says and how
to fix it."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from psea_cli.problems import Severity

DOCS_PAGE = "docs/problem-codes.md"


@dataclasses.dataclass(frozen=True)
class Section:
    """A group of codes in the fix tables (CONTRIBUTING.fr.md, CONTRIBUTING.en.md)."""

    key: str
    title: str


@dataclasses.dataclass(frozen=True)
class Entry:
    """A problem code. Texts are English msgids (``N_``), translated when used.

    ``meaning`` is the one line of the tables; ``fix`` how a focal point fixes it, for the
    tables too. ``message`` and ``hint`` are what psea prints at the file and line, templates
    filled with the emitter's parameters (``{key}``, never a value of a case or a contact);
    ``variants`` are other wordings of the same code, by name (a YAML syntax error that is an
    unclosed bracket). An entry without ``message`` is still emitted in the older way, its
    wording written where it is found."""

    code: str
    section: Section
    severity: Severity
    meaning: str
    fix: str
    message: str = ""
    hint: str = ""
    variants: Mapping[str, tuple[str, str]] = dataclasses.field(default_factory=dict)

    @property
    def anchor(self) -> str:
        """Where the docs explain the code (``docs/problem-codes.md#yaml.too-deep``)."""
        return f"{DOCS_PAGE}#{self.code}"
