"""Turning parsed documents into validated models, and collecting what goes wrong on the way.

A file that cannot be parsed gives a located problem at once; a file that breaks the schema
gives findings (a path in the file) located at the end of the run, by reading again only the
files that have findings. Ids declared by broken files are remembered, so one broken file
does not make every reference to it an error too.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from psea_cli import reading, safe_input, yamlio, yamllocate
from psea_cli.cache import Cache, Signature
from psea_cli.dataset import Finding, Located
from psea_cli.layout import Source
from psea_cli.problems import Problem, Severity
from psea_cli.schema_errors import findings_from_error

M = TypeVar("M", bound=BaseModel)


@dataclasses.dataclass
class Loader:
    """Reads and validates documents, collecting what goes wrong."""

    root: Path
    cache: Cache
    states: list[reading.FileState] = dataclasses.field(default_factory=list)
    documents: dict[str, reading.Document] = dataclasses.field(default_factory=dict)
    findings: list[Finding] = dataclasses.field(default_factory=list)
    problems: list[Problem] = dataclasses.field(default_factory=list)
    invalid: set[str] = dataclasses.field(default_factory=set)
    files_read: int = 0
    unvalidated_ids: dict[str, set[str]] = dataclasses.field(default_factory=dict)
    screen: reading.Screen | None = None
    """The note screening the comments of case records go through (set by the pipeline)."""
    case_files: frozenset[str] = frozenset()
    """Labels of the case records, whose data ``reading`` keeps as JSON text."""
    broken: dict[str, Any] = dataclasses.field(default_factory=dict)
    """The data of each file that broke its schema, by label: what ``salvage`` saves of it."""
    phone_code: str = "223"
    """The network's country code, whose example number a phone's hint gives (set by the
    pipeline once network.yaml is read)."""
    area_word: str | None = None
    """The network's word for its admin-2 areas, which an admin2's hint names (set by the
    pipeline once network.yaml is read: ``schema_errors.area_word``)."""
    pending: Iterator[tuple[str, reading.Document]] | None = None
    """Documents being parsed in the background (``stream``), taken by ``read`` in order."""

    def survey(self, sources: list[Source],
               known: dict[str, tuple[Signature, bytes]] | None = None) -> None:
        """Stat every file and know its digest (``known``: see ``reading.survey``); nothing
        is parsed yet."""
        self.states += reading.survey(sources, self.cache, known)

    def parse(self, skip: frozenset[str] | set[str] = frozenset()) -> None:
        """Parse every surveyed file not parsed yet, but those in ``skip`` (not needed)."""
        self.documents.update(reading.parse_all(
            [s for s in self.states if s.label not in self.documents and s.label not in skip],
            self.cache, self.case_files, self.screen))

    def stream(self, labels: set[str]) -> None:
        """Start parsing the surveyed files ``labels``: ``read`` takes each document as soon as
        its share is parsed, while the workers parse the next ones."""
        self.pending = reading.parse_each(
            [s for s in self.states if s.label in labels and s.label not in self.documents],
            self.cache, self.case_files, self.screen)

    def drain(self) -> None:
        """Take the documents of ``stream`` nobody read yet (and let its workers go)."""
        if self.pending is not None:
            self.documents.update(self.pending)
            self.pending = None

    def read(self, source: Source) -> tuple[str, reading.Document] | None:
        """(label, document) or None when the file cannot be read as YAML."""
        label = source[0]
        while label not in self.documents and self.pending is not None:
            taken = next(self.pending, None)
            if taken is None:
                self.pending = None
            else:
                self.documents[taken[0]] = taken[1]
        if label not in self.documents:  # a file found after the survey: read it now
            self.survey([source])
            self.parse()
        self.files_read += 1
        document = self.documents[label]
        if document.failure is not None:
            failure = document.failure
            self._fail(label, failure.code, failure.line, failure.column, failure.message,
                       failure.hint)
            return None
        return label, document

    def _fail(self, label: str, code: str, line: int, column: int, message: str, hint: str) -> None:
        self.invalid.add(label)
        kind = "case" if label in self.case_files else _kind_of(label)  # a case store's folder
        self.unvalidated_ids.setdefault(kind, set()).add(Path(label).stem)  # may be "services"
        self.problems.append(Problem(label, line, column, code, Severity.ERROR, message, hint))

    def _remember_ids(self, kind: str, label: str, data: Any) -> None:
        """Keep the ids a broken file declares (or its name), to avoid cascading errors."""
        ids = self.unvalidated_ids.setdefault(kind, set())
        ids.add(Path(label).stem)
        entries = data.get("services") if isinstance(data, dict) and kind == "services" else [data]
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                ids.add(entry["id"])

    def build(self, model: type[M], label: str, data: Any, kind: str) -> M | None:
        if not isinstance(data, dict):
            self._remember_ids(kind, label, data)
            self.invalid.add(label)
            self.findings.append(Finding.of("schema.wrong-type", label, (), "file"))
            return None
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            self._remember_ids(kind, label, data)
            self.invalid.add(label)
            self.broken[label] = data
            self.findings.extend(findings_from_error(exc, data, label, kind,
                                                     phone=self.phone_code,
                                                     area=self.area_word))
            self.findings.extend(_misnamed(label, data, kind))
            return None
        except RecursionError:
            deep = yamlio.failure("yaml.too-deep")
            self._fail(label, deep.code, deep.line, deep.column, deep.message, deep.hint)
            return None

    def load(self, model: type[M], source: Source, kind: str) -> Located[M] | None:
        read = self.read(source)
        if read is None:
            return None
        label, document = read
        if document.json is not None:  # a case record: pydantic reads the JSON text itself
            for strict in (True, None):  # strict (a third faster) takes records as psea
                try:  # writes them; lax takes what a person may write, numbers strict still
                    return Located(model.model_validate_json(document.json, strict=strict),
                                   label)
                except ValidationError:
                    continue  # after both: the problems come from the data, as for any file
        built = self.build(model, label, document.parsed(), kind)
        return Located(built, label) if built is not None else None

    def locate(self, finding: Finding, texts: dict[str, yamllocate.Locator]) -> Problem:
        """The finding at its line and column, read again from the file (only files with
        findings are read twice; ``texts`` keeps each one, composed, for the file's other
        findings: linear in the number of findings)."""
        if finding.file not in texts:
            try:
                text = safe_input.read_text(self.root / finding.file)
            except (OSError, UnicodeDecodeError):
                text = ""
            texts[finding.file] = yamllocate.Locator(text)
        line, column = texts[finding.file].locate(finding.path)
        message = finding.message
        if finding.line_of is not None:
            message = message.replace("{line}", str(texts[finding.file].locate(finding.line_of)[0]))
        return Problem(finding.file, line, column, finding.code, finding.severity, message,
                       finding.hint)


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _misnamed(label: str, data: dict[str, Any], kind: str) -> list[Finding]:
    """An organisation file that broke its schema, named otherwise than its (valid) id: said
    with its other problems, not only once they are fixed (``checks.consistency`` says it of
    the files that pass)."""
    found = data.get("id")
    if kind != "organisation" or not isinstance(found, str) or not _SLUG.fullmatch(found) \
            or len(found) > 60 or Path(label).stem == found:
        return []
    return [Finding.of("ref.file-name-mismatch", label, ("id",), id=found)]


def _kind_of(label: str) -> str:
    if "/focal_points/" in f"/{label}":
        return "organisation"
    if "/services/" in f"/{label}":
        return "services"
    return "other"
