"""Cross-file checks: plain functions ``check(dataset) -> Iterable[Finding]`` in one explicit list.

Each check's docstring says what it enforces; the problem codes it emits are listed in
``psea_cli.problem_codes``. Checks never read files: they see only the dataset, and judge dates
at ``dataset.today``. The domain packages own the checks of their own records
(``cases.checks``, ``records.checks``, ``indicators.checks``); ``psea_cli.validation`` hands the
pipeline this list and theirs.
"""

from __future__ import annotations

from collections.abc import Iterable

from psea_cli.checks import consistency, contacts, free_text, pathway, references, targets
from psea_cli.dataset import Dataset, Finding, Located
from psea_cli.models.case import Case
from psea_cli.pipeline import CaseCheck, Check

CHECKS: list[Check] = [
    consistency.check_unique_ids,
    consistency.check_file_names,
    consistency.check_plan_periods,
    consistency.check_plan_budget,
    consistency.check_progress,
    free_text.check_progress_text,
    targets.check_target_sources,
    references.check_plan_references,
    references.check_network_references,
    references.check_directory_references,
    references.check_service_references,
    contacts.check_phone_numbers,
    contacts.check_verification_days,
    pathway.check_pathway_wording,
]

ACROSS_CASES: list[Check] = [consistency.check_unique_case_ids]
"""The cross-file rules on the case records together (they read ``Dataset.case_entries``)."""
CASE_CHECKS: list[CaseCheck] = [consistency.case_file_name, references.case_references]
"""The cross-file rules one case record must follow, judged record by record."""


def run_checks(dataset: Dataset, checks: Iterable[Check] = CHECKS,
               case_checks: Iterable[CaseCheck] = (), cases: Iterable[Located[Case]] = ()
               ) -> list[Finding]:
    """The findings of ``checks`` on ``dataset``, and of ``case_checks`` on ``cases``."""
    findings: list[Finding] = []
    for check in checks:
        findings.extend(check(dataset))
    judges = [make(dataset) for make in case_checks]
    for located in cases:
        for judge in judges:
            findings.extend(judge(located))
    return findings
