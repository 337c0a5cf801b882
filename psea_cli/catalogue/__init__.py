"""The problem catalogue: every code psea emits, its severity, meaning, message, hint and fix.

Problems are data. An emitter names the code and gives the parameters; the catalogue gives the
rest, in the user's language::

    catalogue.problem("yaml.too-deep", "data/x.yaml", line, column)
    Finding(file, path, *catalogue.finding_texts("cases.future-date", field="received"))

Codes are stable: tools and people rely on them. Each has a bad-file example in
``tests/gallery/`` and a row in the fix tables of CONTRIBUTING.fr.md and CONTRIBUTING.en.md and
in docs/problem-codes.md, generated from here by ``scripts/problem_codes.py``. Entries live by
area: ``reading`` (files, YAML, schema), ``plan`` (references, plan and progress),
``directory``, ``cases`` (cases, the poster's wording, and in its section the case store's
codes from ``case_store`` and the records' from ``records``), ``store`` (the case store's own files: ``psea
import``'s ledger).
"""

from __future__ import annotations

from psea_cli.catalogue import cases, directory, plan, reading, store
from psea_cli.catalogue.entry import Entry, Section
from psea_cli.i18n import _
from psea_cli.problems import Problem, Severity

__all__ = ["CATALOGUE", "SECTIONS", "Entry", "Section", "finding_texts", "problem", "texts"]

SECTIONS: list[Section] = [reading.READING, reading.SCHEMA, plan.REFERENCES, plan.PLAN,
                           directory.DIRECTORY, cases.CASES]
CATALOGUE: dict[str, Entry] = {
    entry.code: entry
    for entry in (*reading.ENTRIES, *plan.ENTRIES, *directory.ENTRIES, *cases.ENTRIES,
                  *store.ENTRIES)}


def texts(code: str, variant: str | None = None, /,
          **params: object) -> tuple[Severity, str, str]:
    """The severity, message and hint of ``code`` (or of its ``variant``), translated and
    filled with ``params``."""
    entry = CATALOGUE[code]
    message, hint = entry.variants[variant] if variant is not None else (entry.message,
                                                                         entry.hint)
    if not message:
        raise KeyError(f"{code} has no message in the catalogue")
    return entry.severity, _fill(message, params), _fill(hint, params) if hint else ""


def finding_texts(code: str, variant: str | None = None, /,
                  **params: object) -> tuple[str, Severity, str, str]:
    """``code, severity, message, hint``: the tail of a ``Finding`` or a ``ParseFailure``."""
    return (code, *texts(code, variant, **params))


def problem(code: str, file: str, line: int = 1, column: int = 1, /, *,
            variant: str | None = None, **params: object) -> Problem:
    """A located problem, worded by the catalogue."""
    severity, message, hint = texts(code, variant, **params)
    return Problem(file, line, column, code, severity, message, hint)


def _fill(template: str, params: dict[str, object]) -> str:
    text = _(template)
    return text.format(**params) if params else text
