"""Adding a record and changing one (an action point done, a mechanism checked): judged as
``psea validate`` judges the file, then written whole, or not at all.

The file text is built, read back with the pipeline's YAML reader, validated with the record's
model, and every check runs on the dataset as it would be. Errors: nothing is written.
Warnings only: the file is written and the warnings are returned for the command to show.
New files never overwrite an existing one (``cases.store.create``); changes replace a file
atomically only if it still holds what was read.
"""

from __future__ import annotations

import dataclasses
import os
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from psea_cli import yamlio
from psea_cli.cases import store
from psea_cli.dataset import RECORD_FIELDS, RECORD_MODELS, Dataset, Finding, Located
from psea_cli.i18n import _, os_reason
from psea_cli.layout import RECORD_FOLDERS
from psea_cli.problems import PseaError, Severity
from psea_cli.safe_output import data_target
from psea_cli.schema_errors import area_word, findings_from_error


@dataclasses.dataclass(frozen=True)
class Outcome:
    record_id: str
    path: Path
    label: str
    findings: list[Finding]
    written: bool


def render(kind: str, data: dict[str, Any], label: str) -> str:
    """A record file's text: the modeline of its schema, then the record (keys as given)."""
    from psea_cli.schema_export import modeline

    return modeline(kind, label) + "\n" + store.dump(_clean(data))


def _clean(value: Any) -> Any:
    """Without empty values (None, empty lists and mappings), at every level."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v not in (None, [], {})}
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value


def judge(dataset: Dataset, kind: str, label: str, text: str) -> list[Finding]:
    """Every finding ``psea validate`` would report on ``label`` holding ``text``."""
    from psea_cli.checks import CHECKS, run_checks
    from psea_cli.records import checks as records_checks

    data = yamlio.parse(text)
    if isinstance(data, yamlio.ParseFailure):
        return [Finding(label, (), data.code, Severity.ERROR, data.message, data.hint)]
    try:
        record = RECORD_MODELS[kind].model_validate(data)
    except ValidationError as exc:
        return list(findings_from_error(exc, data, label, kind,
                                        area=area_word(dataset.network)))
    name = RECORD_FIELDS[kind]
    records = dataclasses.replace(dataset.records)
    setattr(records, name, [r for r in getattr(dataset.records, name) if r.file != label]
            + [Located(record, label)])
    candidate = dataclasses.replace(dataset, records=records,
                                    invalid_files=dataset.invalid_files - {label})
    found = run_checks(candidate, [*CHECKS, *records_checks.CHECKS])
    return [f for f in found if f.file == label]


def slug(*parts: str) -> str:
    """An id made of ``parts``: lowercase ASCII letters, digits and hyphens."""
    text = unicodedata.normalize("NFKD", "-".join(p for p in parts if p)).encode(
        "ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-")


def add(dataset: Dataset, kind: str, base_id: str, fields: dict[str, Any]) -> Outcome:
    """Create a new record of ``kind`` under ``base_id`` (``-2``, ``-3``… when taken)."""
    folder = dataset.root / RECORD_FOLDERS[kind]
    data_target(folder / f"{base_id}.yaml", dataset.root, exclusive=True)  # before mkdir
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PseaError(_("{folder} cannot be created ({reason})").format(
            folder=RECORD_FOLDERS[kind], reason=os_reason(exc))) from exc
    for number in range(1, 1000):
        record_id = base_id if number == 1 else f"{base_id[:56]}-{number}"
        path = folder / f"{record_id}.yaml"
        if path.exists():
            continue
        label = store.label(dataset, path)
        text = render(kind, {"id": record_id, **fields}, label)
        findings = judge(dataset, kind, label, text)
        if any(f.severity is Severity.ERROR for f in findings):
            return Outcome(record_id, path, label, findings, written=False)
        if store.create(path, text, dataset.root):
            return Outcome(record_id, path, label, findings, written=True)
    raise PseaError(_("no free id for this record"), _("Remove old records or give another day."))


def find(dataset: Dataset, kind: str, record_id: str) -> Located[Any]:
    """The valid record of ``kind`` with this id; a PseaError (exit 1 for a broken file)."""
    for located in getattr(dataset.records, RECORD_FIELDS[kind]):
        if located.value.id == record_id:
            return located  # type: ignore[no-any-return]
    folder = RECORD_FOLDERS[kind]
    if f"{folder}/{record_id}.yaml" in dataset.invalid_files:
        raise PseaError(_("{file} has problems; run 'psea validate' to see them").format(
            file=f"{folder}/{record_id}.yaml"), exit_code=1)
    listing = {"meeting": "psea action list", "complaint_mechanism": "psea cbcm list",
               "agency_assessment": "psea assessment list"}.get(kind)
    raise PseaError(_("no record '{id}' in {folder}").format(id=record_id, folder=folder),
                    _("'{command}' lists them with their ids.").format(command=listing)
                    if listing else _("The ids are the file names in {folder}.").format(
                        folder=folder))


def update(dataset: Dataset, kind: str, located: Located[Any],
           change: Callable[[Any], None]) -> Outcome:
    """Apply ``change`` to the round-trip document of the record and write it back if the
    result passes; otherwise the file stays byte for byte as it was."""
    path = Path(os.path.normpath(dataset.root / located.file))
    try:
        original, document = store.read(path, located.file)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise PseaError(_("the file cannot be read as YAML; nothing was written"),
                        _("Run 'psea validate' to see what is wrong with it.")) from exc
    change(document)
    text = store.dump(document)
    findings = judge(dataset, kind, located.file, text)
    record_id = str(located.value.id)
    if any(f.severity is Severity.ERROR for f in findings):
        return Outcome(record_id, path, located.file, findings, written=False)
    store.replace(path, original, text, dataset.root)
    return Outcome(record_id, path, located.file, findings, written=True)
