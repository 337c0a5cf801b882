"""The checks the cases own: case records follow the SOP and identify no one (rules in
``psea_cli.cases.rules``). ``psea_cli.validation`` adds them to the pipeline's checks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from psea_cli.cases import rules
from psea_cli.dataset import (
    Dataset,
    Finding,
    Located,
    day_by_dates,
    judged_against,
    part_by_part,
)
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
CASE_CHECKS = [case_rules, case_note]
"""The per-record checks: each case record is judged on its own (``pipeline.CaseCheck``)."""
