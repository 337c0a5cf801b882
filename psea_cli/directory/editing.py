"""Applying an edited directory workbook to the YAML files, keeping everything else.

Each organisation file is read in ruamel.yaml's round-trip mode, so comments, key order,
quotes and flow lists survive; only the fields a row changed are set (a new value keeps the
quoting style of the old one), and a new focal point is appended with its keys in the model's
order. The files as they would be are judged exactly as ``psea validate`` judges them; any error
and nothing is written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from psea_cli import yamledit, yamlio
from psea_cli.dataset import Finding, Located
from psea_cli.directory.history import Change, ChangeTracker
from psea_cli.directory.workbook import FIELDS
from psea_cli.directory.workbook_guard import Row
from psea_cli.i18n import _
from psea_cli.models.organisation import FocalPoint, Organisation
from psea_cli.problems import PseaError, Severity
from psea_cli.safe_input import read_regular
from psea_cli.schema_errors import findings_from_error

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset

ORDER = tuple(FocalPoint.model_fields)


@dataclasses.dataclass
class Edit:
    """What importing the workbook would do: the files changed (old and new text), the
    entries changed, and what validation found."""

    texts: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)
    changes: list[Change] = dataclasses.field(default_factory=list)
    findings: list[Finding] = dataclasses.field(default_factory=list)
    ignored: list[int] = dataclasses.field(default_factory=list)
    rows: dict[tuple[str, int], int] = dataclasses.field(default_factory=dict)
    """(file, index in focal_points) → the workbook row that set it."""

    def where(self, finding: Finding) -> str:
        """``row 7 (data/focal_points/ajm.yaml)``, or the file alone."""
        path = finding.path
        if len(path) > 1 and path[0] == "focal_points" and isinstance(path[1], int) and (
                (finding.file, path[1]) in self.rows):
            row = _("row {row}").format(row=self.rows[(finding.file, path[1])])
            return f"{row} ({finding.file}, {'.'.join(str(p) for p in path[2:]) or path[0]})"
        return finding.file

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    return yaml


def _dump(document: Any) -> str:
    buffer = io.StringIO()
    _yaml().dump(document, buffer)
    return buffer.getvalue()


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, list) or isinstance(new, list):
        return list(old or []) == list(new or [])
    if isinstance(old, bool) or isinstance(new, bool):
        return bool(old) == bool(new)
    if isinstance(old, dt.date) and isinstance(new, str):
        return old.isoformat() == new
    return bool((None if old == "" else old) == new)


QUOTED = ("name", "title", "phone")
"""Fields a new entry writes in quotes, as the shipped files do (a phone is never a number)."""


def _node(old: Any, new: Any, quoted: bool = False) -> Any:
    """``new`` written as ``old`` was: a quoted string stays quoted, a flow list stays flow."""
    if isinstance(new, list):
        sequence = CommentedSeq(new)
        if not isinstance(old, CommentedSeq) or old.fa.flow_style():
            sequence.fa.set_flow_style()
        return sequence
    if isinstance(new, str) and (isinstance(old, DoubleQuotedScalarString)
                                 or (old is None and quoted)):
        return DoubleQuotedScalarString(new)
    return new


def _set(entry: CommentedMap, field: str, value: Any) -> None:
    if value is None or value == [] or value is False:
        if field in entry:
            del entry[field]
        return
    if field in entry:
        entry[field] = _node(entry[field], value)
        return
    rank = ORDER.index(field)
    position = next((i for i, k in enumerate(entry) if k in ORDER and ORDER.index(k) > rank),
                    len(entry))
    entry.insert(position, field, _node(None, value, field in QUOTED))


def _apply(entry: Any, fields: dict[str, Any]) -> bool:
    changed = False
    for field in FIELDS:
        if not _same(entry.get(field), fields.get(field)):
            _set(entry, field, fields.get(field))
            changed = True
    return changed


def _new_id(entries: list[Any]) -> str:
    taken = {str(e.get("id")) for e in entries if isinstance(e, dict)}
    number = 1
    while f"fp-{number}" in taken:
        number += 1
    return f"fp-{number}"


def _organisation_of(row: Row, documents: dict[str, tuple[str, Any]]) -> str | None:
    if row.organisation:
        return row.organisation if row.organisation in documents else None
    name, acronym = (t.casefold() for t in row.organisation_text)
    for org_id, (_label, document) in documents.items():
        if (name and str(document.get("name", "")).casefold() == name) or (
                acronym and str(document.get("acronym", "")).casefold() == acronym):
            return org_id
    return None


def _unknown_organisation(row: Row) -> Finding:
    return Finding.of("ref.unknown-organisation", _("row {row}").format(row=row.number), (),
                      "row")


def _load(dataset: Dataset) -> dict[str, tuple[str, Any]]:
    documents: dict[str, tuple[str, Any]] = {}
    for located in dataset.organisations:
        path = dataset.root / located.file
        documents[located.value.id] = (located.file, yamledit.load(
            _yaml().load, read_regular(path), located.file))
    return documents


def _apply_row(row: Row, documents: dict[str, tuple[str, Any]], edit: Edit,
               touched: set[str]) -> None:
    org_id = _organisation_of(row, documents)
    if org_id is None:
        edit.findings.append(_unknown_organisation(row))
        return
    label, document = documents[org_id]
    entries = document.setdefault("focal_points", CommentedSeq())
    entry = next((e for e in entries if isinstance(e, dict) and row.focal_point is not None
                  and str(e.get("id")) == row.focal_point), None)
    if entry is None and row.focal_point is not None:
        edit.ignored.append(row.number)  # an id that no longer exists: never re-created
        return
    if entry is None:
        entry = CommentedMap([("id", _new_id(entries))])
        entries.append(entry)
        _apply(entry, row.fields)
        touched.add(org_id)
    elif _apply(entry, row.fields):
        touched.add(org_id)
    edit.rows[(label, entries.index(entry))] = row.number


def plan(dataset: Dataset, rows: list[Row]) -> Edit:
    """What importing ``rows`` would change, judged; nothing is written."""
    documents = _load(dataset)
    before = {org_id: _dump(document) for org_id, (_label, document) in documents.items()}
    edit = Edit()
    touched: set[str] = set()
    for row in rows:
        _apply_row(row, documents, edit, touched)
    tracker = ChangeTracker()
    files = []
    for org_id in sorted(touched):
        label, document = documents[org_id]
        text = _dump(document)
        edit.texts[label] = (before[org_id], text)
        files.append((label, yamlio.parse(before[org_id]), yamlio.parse(text)))
    tracker.commit("workbook", dataset.today, files)
    edit.changes = tracker.changes()
    edit.findings.extend(_judge(dataset, edit.texts))
    return edit


def _judge(dataset: Dataset, texts: dict[str, tuple[str, str]]) -> list[Finding]:
    from psea_cli.checks import run_checks

    findings: list[Finding] = []
    replaced: dict[str, Located[Organisation]] = {}
    for label, (_old, text) in texts.items():
        data = yamlio.parse(text)
        try:
            replaced[label] = Located(Organisation.model_validate(data), label)
        except ValidationError as exc:
            findings.extend(findings_from_error(
                exc, data, label, "organisation",
                phone=dataset.network.phone_country_code if dataset.network else "223"))
    if findings:
        return findings
    organisations = [replaced.get(o.file, o) for o in dataset.organisations]
    candidate = dataclasses.replace(dataset, organisations=organisations)
    return [f for f in run_checks(candidate) if f.file in texts]


def targets(dataset: Dataset, edit: Edit) -> dict[str, Path]:
    """The path of each file ``edit`` changes; a PseaError (exit 1) when one of them is a link
    or lies through a link outside the repository (``safe_output.data_target``)."""
    from psea_cli.safe_output import data_target

    return {label: data_target(dataset.root / label, dataset.root) for label in edit.texts}


def write(dataset: Dataset, edit: Edit) -> list[Path]:
    """Write the changed files, each only if it still holds what was read; none when one of
    them is refused by ``targets``."""
    from psea_cli.safe_output import write_atomically

    paths = targets(dataset, edit)
    written = []
    for label, (old, new) in edit.texts.items():
        path = paths[label]
        if path.read_text(encoding="utf-8") != old:
            raise PseaError(_("{file} changed while the workbook was being imported; nothing more "
                              "was written").format(file=label), _("Run the command again."))
        write_atomically(path, new)
        written.append(path)
    return written
