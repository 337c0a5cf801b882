"""Adding a case, appending an event, recording consent: judged exactly as ``psea validate``
judges a file, then written, or not written at all.

Each operation builds the text the file would hold, reads it back with the pipeline's own
YAML reader, validates it with the ``Case`` model and runs every check on the dataset as it
would be. Errors: nothing is written. Warnings only: the file is written and the warnings are
returned for the command to show.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap

from psea_cli import yamlio
from psea_cli.cases import ids, rules, store
from psea_cli.check_marks import judges_part_by_part
from psea_cli.dataset import CaseEntry, Dataset, Finding, Located
from psea_cli.i18n import _
from psea_cli.models.case import Case
from psea_cli.problems import PseaError, Severity
from psea_cli.salvage import salvage
from psea_cli.schema_errors import area_word, findings_from_error
from psea_cli.sealing import SEALED_SUFFIX


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What an operation did: the case, its file, what was found, and whether it was written."""

    case_id: str
    path: Path
    findings: list[Finding]
    written: bool

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]


@dataclasses.dataclass(frozen=True)
class CaseFile:
    """A case found in the store: its file, and its record when the file is valid."""

    case_id: str
    path: Path
    label: str
    case: Case | None


def judge(dataset: Dataset, label: str, text: str) -> list[Finding]:
    """Every finding ``psea validate`` would report on the case file ``label`` holding ``text``
    (and on the case store as a whole), with the rest of the dataset as it is."""
    from psea_cli.cases import checks as cases_checks
    from psea_cli.checks import ACROSS_CASES, CASE_CHECKS, run_checks

    data = yamlio.parse(text)
    if isinstance(data, yamlio.ParseFailure):  # a tag written by hand survives the round trip
        return [Finding(label, (), data.code, Severity.ERROR, data.message, data.hint)]
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        found = list(findings_from_error(exc, data, label, "case",
                                         area=area_word(dataset.network)))
        saved = salvage(Case, data)  # judged as psea validate judges it (``part_by_part``)
        if saved is not None:
            parts = [make for make in [*CASE_CHECKS, *cases_checks.CASE_CHECKS]
                     if judges_part_by_part(make)]
            return found + run_checks(dataset, (), parts, [Located(saved, label)])
        note = data.get("note") if isinstance(data, dict) else None
        return found + list(rules.note_findings(label, note if isinstance(note, str) else None))
    located = Located(case, label)
    others = [c for c in dataset.cases if c.file != label]
    entries = [e for e in dataset.case_entries if e.file != label]
    candidate = dataclasses.replace(dataset, cases=[*others, located],
                                    case_entries=[*entries, CaseEntry.of(located)],
                                    invalid_files=dataset.invalid_files - {label})
    # the other cross-file checks (``checks.CHECKS``) read no case record and find nothing in
    # one: judging them again for each record made an import of 1,000 rows take 27 s
    found = run_checks(candidate, [*ACROSS_CASES, *cases_checks.ACROSS_CASES],
                       [*CASE_CHECKS, *cases_checks.CASE_CHECKS], [located])
    return [f for f in found if f.file in (label, dataset.cases_dir)]


def encrypts_new_cases(dataset: Dataset) -> bool:
    """True when network.yaml lists recipients: a new case is written encrypted to them."""
    return bool(dataset.network and dataset.network.case_recipients())


def holds_sealed(dataset: Dataset) -> bool:
    """True when the case store holds an encrypted record (``<id>.age``), by its name."""
    folder = dataset.root / dataset.cases_dir
    return folder.is_dir() and next(folder.rglob(f"*{SEALED_SUFFIX}"), None) is not None


def refuse_clear_next_to_sealed(dataset: Dataset) -> None:
    """Refuse (exit 1) to write a case in clear into a store that holds encrypted records:
    network.yaml lists no recipients, yet the store was encrypted, so a change removed
    ``case_encryption`` (by mistake, or to have the next cases written in clear). Only file
    names are looked at, never a record."""
    if encrypts_new_cases(dataset) or not holds_sealed(dataset):
        return
    raise PseaError(
        _("the case store holds encrypted case records, but data/network.yaml lists no "
          "recipients to encrypt a new one to; psea writes no case in clear next to them, and "
          "nothing was written"),
        _("Restore case_encryption (with its recipients) in data/network.yaml, as it was when "
          "the store was encrypted, then run the command again. To stop encrypting for good, a "
          "key holder first runs 'psea case decrypt'."), exit_code=1)


@dataclasses.dataclass(frozen=True)
class Prepared:
    """A new case file as it would be written (encrypted when the store is), and what judging
    it found; nothing is written yet."""

    case_id: str
    path: Path
    data: str
    findings: list[Finding]

    @property
    def refused(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)


def taken_ids(dataset: Dataset) -> set[str]:
    """The case ids the store holds (in valid and invalid files)."""
    return {c.value.id for c in dataset.cases} | {Path(f).stem for f in dataset.invalid_files}


def prepare_case(dataset: Dataset, fields: dict[str, Any], taken: set[str],
                 case_id: str | None = None) -> Prepared:
    """The new case file for ``fields`` under ``case_id`` (an id reserved before), else under
    a fresh id not in ``taken``; the id is added to ``taken``."""
    folder = store.store_folder(dataset, create=True)
    sealed = encrypts_new_cases(dataset)
    while case_id is None:
        drawn = ids.new_id()
        if drawn not in taken and not (sealed and (folder / f"{drawn}.yaml").exists()):
            case_id = drawn
    taken.add(case_id)
    path = folder / f"{case_id}{SEALED_SUFFIX if sealed else '.yaml'}"
    label = store.label(dataset, path)
    text = store.render({"id": case_id, **fields}, label)
    findings = judge(dataset, label, text)
    data = text if any(f.severity is Severity.ERROR for f in findings) else (
        store.encoded(dataset, case_id, text, sealed))
    return Prepared(case_id, path, data, findings)


def add_case(dataset: Dataset, fields: dict[str, Any]) -> Outcome:
    """Create a new case file from ``fields`` (everything but the id) under a fresh id:
    encrypted when network.yaml lists recipients, refused in clear next to encrypted
    records (``refuse_clear_next_to_sealed``)."""
    refuse_clear_next_to_sealed(dataset)
    taken = taken_ids(dataset)
    while True:
        prepared = prepare_case(dataset, fields, taken)
        if prepared.refused:
            return Outcome(prepared.case_id, prepared.path, prepared.findings, written=False)
        if store.create(prepared.path, prepared.data, dataset.root, store.store_folder(dataset)):
            return Outcome(prepared.case_id, prepared.path, prepared.findings, written=True)
        # another run took this id a moment ago: draw again (prepare_case marked it taken)


def find_case(dataset: Dataset, text: str) -> CaseFile:
    """The case whose id is ``text`` (as a person may type it), valid or not."""
    case_id = ids.normalise(text)
    if case_id is None:
        raise PseaError(_("this is not a case id"),
                        _("A case id has eight characters, such as 7KQ2M9AB; 'psea case list' "
                          "shows them."))
    prefix = dataset.cases_dir.rstrip("/") + "/"
    found = [CaseFile(case_id, Path(os.path.normpath(dataset.root / located.file)),
                      located.file, located.value)
             for located in dataset.cases if located.value.id == case_id]
    found += [CaseFile(case_id, Path(os.path.normpath(dataset.root / file)), file, None)
              for file in sorted(dataset.invalid_files)
              if file.startswith(prefix) and Path(file).stem == case_id
              and file not in {f.label for f in found}]
    sealed = sorted((dataset.root / dataset.cases_dir).rglob(f"{case_id}.age")) \
        if dataset.sealed_cases else []  # records no key given opens, seen by their name
    unopened = [CaseFile(case_id, path, label, None) for path in sealed
                if (label := path.relative_to(dataset.root).as_posix())
                not in {f.label for f in found}]
    found += unopened
    if len(found) > 1:  # a copy planted beside the record: which one is the survivor's?
        raise PseaError(
            _("case {id} is held by {count} files ({files}): psea cannot tell which is the "
              "record").format(id=case_id, count=len(found),
                               files=", ".join(f.label for f in found)),
            _("Run 'psea validate' (ref.duplicate-id); keep the record the core team wrote "
              "and delete the other copies."), exit_code=1)
    if found and not unopened:
        return found[0]
    if found:
        raise PseaError(_("case {id} is encrypted and no key you gave opens it").format(
            id=case_id), _("Give your key with --identity FILE (or PSEA_IDENTITY); only the "
                           "recipients of data/network.yaml can read case records."))
    named = sorted(label for label in dataset.case_files if label.startswith(prefix)
                   and label.rsplit("/", 1)[-1].rsplit(".", 1)[0] == case_id)
    if named:  # a record copied or swapped under this case's name
        raise PseaError(_("no case {id} in {folder}: the file {file} holds another case's "
                          "id").format(id=case_id, folder=dataset.cases_dir, file=named[0]),
                        _("Run 'psea validate' (ref.file-name-mismatch): restore the file from "
                          "git, or rename it after the id it holds."), exit_code=1)
    raise PseaError(_("no case {id} in {folder}").format(id=case_id, folder=dataset.cases_dir),
                    _("'psea case list' shows the cases."))


def update_case(
    dataset: Dataset, found: CaseFile, change: Callable[[Any], None]
) -> Outcome:
    """Apply ``change`` to the round-trip document of the case and write it back if the result
    passes; otherwise the file stays byte for byte as it was."""
    sealed = store.is_sealed(found.path)
    if not sealed and dataset.network is not None and dataset.network.requires_encryption():
        raise PseaError(_("this case record is in clear, and the network requires encrypted "
                          "records; nothing was written"),
                        _("Run 'psea case encrypt' first, then run the command again."))
    try:
        original, document = store.read(found.path, found.label, dataset.keyring)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise PseaError(_("the case file cannot be read as YAML; nothing was written"),
                        _("Run 'psea validate' to see what is wrong with it.")) from exc
    if not isinstance(document, dict):
        raise PseaError(_("the case file is not a mapping of keys and values; nothing was "
                          "written"), _("Run 'psea validate' to see what is wrong with it."))
    change(document)
    text = store.dump(document)
    findings = judge(dataset, found.label, text)
    if any(f.severity is Severity.ERROR for f in findings):
        return Outcome(found.case_id, found.path, findings, written=False)
    store.replace(found.path, original, store.encoded(dataset, found.case_id, text, sealed),
                  dataset.root, store.store_folder(dataset))
    return Outcome(found.case_id, found.path, findings, written=True)


def append_event(dataset: Dataset, found: CaseFile, event: dict[str, Any]) -> Outcome:
    """Append one event (kind, date and its detail) to the case's event log."""
    return update_case(dataset, found, lambda doc: store.append_item(doc, "events", event))


def set_consent(dataset: Dataset, found: CaseFile, consent: dict[str, str]) -> Outcome:
    """Record consent for the purposes given, leaving the others as they are."""

    def change(document: Any) -> None:
        current = document.get("consent")
        if not isinstance(current, CommentedMap):
            store.set_in_order(document, "consent", consent)
            return
        for purpose, value in consent.items():
            store.set_in_order(current, purpose, value, "consent")

    return update_case(dataset, found, change)
