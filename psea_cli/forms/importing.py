"""Submissions of the intake form turned into case records, each judged exactly as
``psea case add`` judges a new case (the same schema, rules and note screening), then written,
or not written at all.

A submission is *added* (a new case file), *refused* (with its row and the rules it breaks,
never its values), *known* (imported before, unchanged), *changed* (imported before, answers
corrected since: reported, never applied over what the core team recorded), or a *duplicate*
of an earlier row of the same export. Rows of one submission id with other answers are all
refused: either may be the correction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from psea_cli.cases import editing, ids, rules, store
from psea_cli.dataset import CaseEntry, Finding
from psea_cli.forms.answers import case_fields
from psea_cli.forms.exports import Export, Submission
from psea_cli.forms.import_rows import (
    Outcome,
    Status,
    disagreeing,
    misfit_row,
    missing_id,
    repeated,
    unknown_choice,
)
from psea_cli.forms.intake import CONSENT_PURPOSES, FIELDS
from psea_cli.forms.ledger import Ledger
from psea_cli.i18n import _
from psea_cli.problems import Severity

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset

@dataclasses.dataclass
class Result:
    outcomes: list[Outcome] = dataclasses.field(default_factory=list)
    written: list[Path] = dataclasses.field(default_factory=list)
    ledger_changed: bool = False
    """The ledger was written again (a new case, an edit's new id, a correction settled)."""
    store: list[Finding] = dataclasses.field(default_factory=list)
    """What is found on the case store as a whole once the cases are added (synthetic cases
    among real ones): said once, with the import's count, not at each row with one more."""

    def count(self, status: Status) -> int:
        return sum(o.status == status for o in self.outcomes)


def _preview(dataset: Dataset, fields: dict[str, Any]) -> list[Finding]:
    """What adding the case would find, without writing it."""
    case_id = ids.new_id()
    label = f"{dataset.cases_dir.rstrip('/')}/{case_id}.yaml"
    return editing.judge(dataset, label, store.render({"id": case_id, **fields}, label))


@dataclasses.dataclass
class _Plan:
    """The case files an import will write, once the ledger has them as pending."""

    folder: Path
    dry_run: bool
    taken: set[str]
    writes: list[tuple[int, str, dict[str, Any], editing.Prepared]] = dataclasses.field(
        default_factory=list)
    """(index of the outcome, submission id, fields, the file) for each case to write."""
    dirty: bool = False
    compared: tuple[tuple[str, ...], ...] = ()
    """The fields a correction is compared on (``compared_fields``)."""
    added: dict[str, int] = dataclasses.field(default_factory=dict)
    """The row of each submission id this import adds (or would add), to tell an edit of one of
    them in the same export."""

    def written(self, case_id: str) -> bool:
        return any(
            os.path.lexists(self.folder / f"{case_id}{suffix}") for suffix in (".yaml", ".age"))


def _add(dataset: Dataset, ledger: Ledger, submission: Submission, fields: dict[str, Any],
         plan: _Plan, index: int, reserved: str | None = None) -> Outcome:
    """A new case, judged; unless refused, planned and recorded as pending in the ledger."""
    assert submission.uuid is not None
    if plan.dry_run:
        findings = _preview(dataset, fields)
        refused = any(f.severity is Severity.ERROR for f in findings)
        if not refused:
            plan.added[submission.uuid] = submission.row
        return Outcome(submission.row, "refused" if refused else "added", None, tuple(findings))
    prepared = editing.prepare_case(dataset, fields, plan.taken, reserved)
    if prepared.refused:
        if ledger.entries.pop(ledger.digest(submission.uuid), None) is not None:
            plan.dirty = True  # a pending entry whose case cannot be written now
        return Outcome(submission.row, "refused", None, tuple(prepared.findings))
    ledger.add(submission.uuid, prepared.case_id, fields, pending=True)
    plan.writes.append((index, submission.uuid, fields, prepared))
    plan.added[submission.uuid] = submission.row
    return Outcome(submission.row, "added", prepared.case_id, tuple(prepared.findings))


def _one(dataset: Dataset, ledger: Ledger, submission: Submission, plan: _Plan,
         index: int) -> Outcome:
    assert dataset.network is not None
    uuid = submission.uuid
    if uuid is None:
        return missing_id(submission.row)
    if submission.misfit is not None:
        return misfit_row(submission.row, submission.misfit)
    refused = unknown_choice(submission.row, submission.answers) or disagreeing(submission)
    if refused is not None:
        return refused
    if submission.deprecated is not None and submission.deprecated in plan.added:
        return Outcome(submission.row, "refused", reason=_(
            "this submission corrects the one of row {row}, which this import adds too: one "
            "complaint would be two cases; export the submissions again, so that only the "
            "corrected one is in it").format(row=plan.added[submission.deprecated]))
    fields = case_fields(submission.answers, dataset.network,
                         [located.value for located in dataset.organisations])
    known = ledger.find(uuid) or ledger.find(submission.deprecated)
    if known is not None and known.pending and not plan.written(known.case):
        # an interrupted import recorded it, and stopped before writing its file
        return _add(dataset, ledger, submission, fields, plan, index, known.case)
    if known is not None:
        content = ledger.content(fields)
        if known.content == content:
            return Outcome(submission.row, "known", known.case)
        differing = _differing(dataset, known.case, fields, plan.compared)
        if not plan.dry_run and (ledger.find(uuid) is None or not differing):
            # the edit keeps pointing to its case; a record that agrees with it takes it
            ledger.entries[ledger.digest(uuid)] = (known if differing else dataclasses.replace(
                known, content=content))
            plan.dirty = True
        if not differing:
            return Outcome(submission.row, "known", known.case)
        unread = not any(c.value.id == known.case for c in dataset.cases)
        return Outcome(submission.row, "changed", known.case,
                       fields=() if unread else tuple(differing))  # () : not read, not compared
    return _add(dataset, ledger, submission, fields, plan, index)


def _differing(dataset: Dataset, case_id: str, fields: Mapping[str, Any],
               compared: tuple[tuple[str, ...], ...]) -> list[str]:
    """The fields of ``compared`` (those the export has a column for: dotted, in the form's
    order) whose answer differs from the case record's value, an answer removed since
    included: what a submission corrected since its import would change. None differs once
    the core team corrected the record alike; a record that cannot be read differs in every
    one. A field the export has no column for is the core team's alone."""
    found = next((c.value for c in dataset.cases if c.value.id == case_id), None)
    recorded = found.model_dump(mode="json") if found is not None else {}
    differing = []
    for path in compared:
        here: Any = recorded
        given: Any = fields
        for key in path:
            here = here.get(key) if isinstance(here, dict) else None
            given = given.get(key) if isinstance(given, Mapping) else None
        if given is None:  # not answered: the record holds the field's default then
            given = _default(path)
        if (given.isoformat() if isinstance(given, dt.date) else given) != here:
            differing.append(".".join(path))
    return differing


def _default(path: tuple[str, ...]) -> Any:
    """The value a case record holds at ``path`` when the form's answer is missing: the
    model's default (``goods_exchanged: unknown``), None for a field without one."""
    from pydantic import BaseModel
    from pydantic_core import PydanticUndefined

    from psea_cli.models import Case

    model: Any = Case
    for key in path:
        field = model.model_fields.get(key) if isinstance(model, type) and issubclass(
            model, BaseModel) else None
        if field is None:
            return None
        if key == path[-1]:
            return None if field.default is PydanticUndefined else field.default
        model = field.annotation
    return None


def compared_fields(export: Export) -> tuple[tuple[str, ...], ...]:
    """The fields of a case record the export's columns answer, in the form's order."""
    questions = {question for question, _choice in export.columns}
    paths = [path for question, path in FIELDS.items() if question in questions]
    if "incident_month_known" in questions and ("incident_month",) not in paths:
        paths.append(("incident_month",))
    if questions & {"consent_asked", "consent_given"}:
        paths += [("consent", purpose) for purpose in CONSENT_PURPOSES]
    return tuple(paths)


def _write(dataset: Dataset, ledger: Ledger, plan: _Plan, result: Result) -> None:
    """The ledger with the new cases pending, then their files, then the ledger with them
    final: interrupted at any moment, every case file written is in the ledger."""
    folder = store.store_folder(dataset)
    if plan.writes:
        ledger.save()
    for index, uuid, fields, prepared in plan.writes:
        while not store.create(prepared.path, prepared.data, dataset.root, folder):
            prepared = editing.prepare_case(dataset, fields, plan.taken)
            ledger.add(uuid, prepared.case_id, fields, pending=True)
            ledger.save()
            result.outcomes[index] = dataclasses.replace(result.outcomes[index],
                                                         case_id=prepared.case_id)
        result.written.append(prepared.path)
    result.ledger_changed = bool(plan.writes or plan.dirty or any(
        entry.pending for entry in ledger.entries.values()))
    if result.ledger_changed:
        ledger.settle(plan.written)
        ledger.save()


def import_export(dataset: Dataset, export: Export, ledger: Ledger, dry_run: bool) -> Result:
    """Judge every submission of ``export``, then (unless ``dry_run``) write the ledger with
    the new ones pending, their case files, and the ledger again."""
    result = Result()
    plan = _Plan(ledger.path.parent, dry_run, editing.taken_ids(dataset),
                 compared=compared_fields(export))
    for submission, said in zip(export.submissions, repeated(export.submissions, ledger.digest),
                                strict=True):
        result.outcomes.append(said if said is not None else _one(
            dataset, ledger, submission, plan, len(result.outcomes)))
    _store_findings(dataset, result)
    if not dry_run:
        _write(dataset, ledger, plan, result)
    return result


def _store_findings(dataset: Dataset, result: Result) -> None:
    """Each row's warnings on the whole case store (judged with that one case added) moved to
    ``result.store``, judged once with every case the import adds."""
    for index, outcome in enumerate(result.outcomes):
        kept = tuple(f for f in outcome.findings
                     if f.file != dataset.cases_dir or f.severity is Severity.ERROR)
        if kept != outcome.findings:
            result.outcomes[index] = dataclasses.replace(outcome, findings=kept)
    added = result.count("added")
    if added:  # an imported case is never synthetic
        entries = [*dataset.case_entries, *[CaseEntry("", "", False)] * added]
        result.store = list(rules.store_findings(dataset.cases_dir, entries))
