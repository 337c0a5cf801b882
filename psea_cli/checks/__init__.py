"""Cross-file checks: plain functions ``check(dataset) -> Iterable[Finding]`` in one explicit list.

Each check's docstring says what it enforces; the problem codes it emits are listed in
``psea_cli.problem_codes``. Checks never read files: they see only the dataset.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from psea_cli.checks import cases, consistency, contacts, pathway, records, references
from psea_cli.dataset import Dataset, Finding

Check = Callable[[Dataset], Iterable[Finding]]

CHECKS: list[Check] = [
    consistency.check_unique_ids,
    consistency.check_file_names,
    consistency.check_plan_periods,
    consistency.check_plan_budget,
    consistency.check_progress,
    references.check_plan_references,
    references.check_network_references,
    references.check_directory_references,
    references.check_service_references,
    references.check_case_references,
    contacts.check_phone_numbers,
    cases.check_case_rules,
    cases.check_case_store,
    records.check_records,
    pathway.check_pathway_wording,
]


def run_checks(dataset: Dataset) -> list[Finding]:
    findings: list[Finding] = []
    for check in CHECKS:
        findings.extend(check(dataset))
    return findings
