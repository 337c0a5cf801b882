"""The checks the cases own: case records follow the SOP and identify no one (rules in
``psea_cli.cases.rules``). ``psea_cli.validation`` adds them to the pipeline's checks."""

from __future__ import annotations

from collections.abc import Iterator

from psea_cli.cases import rules
from psea_cli.dataset import Dataset, Finding


def check_case_rules(ds: Dataset) -> Iterator[Finding]:
    """No date after today, no event before reception, each event with its detail (a closure
    its reason), nothing after a closure but ``reopened``, referrals with consent (warnings),
    and a note without phone numbers, e-mail addresses, coordinates or titled names.
    Linear: one pass over the cases, the service types looked up in a dict built once."""
    service_types = {s.value.id: s.value.type for s in ds.services}
    for located in ds.cases:
        yield from rules.case_findings(located, service_types, ds.today)


def check_case_store(ds: Dataset) -> Iterator[Finding]:
    """Synthetic demonstration cases and real cases are not mixed in one case store (warning)."""
    yield from rules.store_findings(ds.cases_dir, ds.cases)


CHECKS = [check_case_rules, check_case_store]
