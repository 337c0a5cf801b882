"""The checks the cases own: case records follow the SOP and identify no one (rules in
``psea_cli.cases.rules``). ``psea_cli.validation`` adds them to the pipeline's checks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from psea_cli.cases import rules
from psea_cli.cases.vocabulary import AFFILIATION_ORGANISATION_TYPES
from psea_cli.check_marks import day_by_dates, judged_against, part_by_part
from psea_cli.dataset import Dataset, Finding, Located
from psea_cli.models.case import Case


def _service_types(ds: Dataset) -> object:
    return sorted((s.value.id, s.value.type) for s in ds.services)


@day_by_dates
@judged_against(_service_types)
def case_rules(ds: Dataset) -> Callable[[Located[Case]], Iterable[Finding]]:
    """No date after today, no event before reception, each event with its detail (a closure
    its reason), nothing after a closure but ``reopened``, referrals with consent (warnings).
    A per-record check: the service types are looked up in a dict built once."""
    service_types = {s.value.id: s.value.type for s in ds.services}

    def check(located: Located[Case]) -> Iterable[Finding]:
        return rules.case_findings(located, service_types, ds.today, note=False)
    return check


def _organisation_types(ds: Dataset) -> object:
    return sorted((o.value.id, o.value.type) for o in ds.organisations)


@day_by_dates
@judged_against(_organisation_types)
def case_affiliation(ds: Dataset) -> Callable[[Located[Case]], Iterator[Finding]]:
    """The alleged perpetrator's affiliation fits the type the directory gives their
    organisation (``AFFILIATION_ORGANISATION_TYPES``): a warning for the staff of an
    international NGO recorded at a national one, say. An organisation the directory does not
    hold is ``ref.unknown-organisation``'s."""
    types = {o.value.id: o.value.type for o in ds.organisations}

    def check(located: Located[Case]) -> Iterator[Finding]:
        perpetrator = located.value.perpetrator
        fitting = AFFILIATION_ORGANISATION_TYPES.get(perpetrator.affiliation)
        org_type = types.get(perpetrator.organisation or "")
        if fitting is not None and org_type is not None and org_type not in fitting:
            yield Finding.of("cases.affiliation-mismatch", located.file,
                             ("perpetrator", "affiliation"))
    return check


@day_by_dates
@judged_against(lambda _ds: None)
@part_by_part
def case_note(_ds: Dataset) -> Callable[[Located[Case]], Iterator[Finding]]:
    """A case's note holds no phone number, e-mail address, coordinates, titled name or exact
    age: screened in a record that broke its schema too, when the note itself is valid."""
    def check(located: Located[Case]) -> Iterator[Finding]:
        return rules.note_findings(located.file, located.value.note)
    return check


def check_case_store(ds: Dataset) -> Iterator[Finding]:
    """Synthetic demonstration cases and real cases are not mixed in one case store (warning)."""
    yield from rules.store_findings(ds.cases_dir, ds.case_entries)


ACROSS_CASES = [check_case_store]
"""The checks of the case records together (``pipeline.Check``, reading ``case_entries``)."""
CASE_CHECKS = [case_rules, case_affiliation, case_note]
"""The per-record checks: each case record is judged on its own (``pipeline.CaseCheck``)."""
