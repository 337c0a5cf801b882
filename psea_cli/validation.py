"""The pipeline wired to every check: how a command (or a script, or a test) loads a repository.

The pipeline (``pipeline``) reads, parses and builds; it runs the checks its caller gives it.
This module gives it all of them: the cross-file checks (``checks.CHECKS``) and those the domain
packages own (cases, records, indicators). It sits with the commands, above every layer whose
checks it gathers, and reads the clock when its caller does not pass the day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from psea_cli import clock, pipeline
from psea_cli.cases import checks as case_checks
from psea_cli.checks import ACROSS_CASES as ACROSS_CASE_RECORDS
from psea_cli.checks import CASE_CHECKS as CROSS_FILE_CASE_CHECKS
from psea_cli.checks import CHECKS as CROSS_FILE_CHECKS
from psea_cli.dataset import Dataset
from psea_cli.indicators import checks as indicator_checks
from psea_cli.pipeline import CaseCheck, Check
from psea_cli.problems import Problem
from psea_cli.quick import Look
from psea_cli.records import checks as record_checks
from psea_cli.sealing import Keyring

CHECKS: list[Check] = [*CROSS_FILE_CHECKS, *record_checks.CHECKS, *indicator_checks.CHECKS]
"""Every check ``psea validate`` runs on the dataset but the case records, in order."""
ACROSS_CASES: list[Check] = [*ACROSS_CASE_RECORDS, *case_checks.ACROSS_CASES]
"""Every check ``psea validate`` runs on the case records together."""
CASE_CHECKS: list[CaseCheck] = [*CROSS_FILE_CASE_CHECKS, *case_checks.CASE_CHECKS]
"""Every check ``psea validate`` runs on each case record, in order."""


def load_dataset(root: Path, *, today: dt.date | None = None, use_cache: bool = True,
                 keyring: Keyring | None = None,
                 on_records: Callable[[Dataset], object] | None = None,
                 ) -> tuple[Dataset, list[Problem]]:
    """``pipeline.load_dataset`` with every check; ``today`` defaults to the clock's day."""
    return pipeline.load_dataset(root, checks=CHECKS, case_checks=CASE_CHECKS,
                                 across_cases=ACROSS_CASES,
                                 today=today or clock.today(),
                                 use_cache=use_cache, keyring=keyring, standard=True,
                                 on_records=on_records)


def check_repository(root: Path, *, today: dt.date | None = None, use_cache: bool = True,
                     keyring: Keyring | None = None,
                     look: Look | None = None) -> tuple[int, list[Problem]]:
    """``pipeline.check_repository`` with every check; ``today`` defaults to the clock's day."""
    return pipeline.check_repository(root, checks=CHECKS, case_checks=CASE_CHECKS,
                                     across_cases=ACROSS_CASES,
                                     today=today or clock.today(),
                                     use_cache=use_cache, keyring=keyring, standard=True,
                                     look=look)
