"""One reading of the repository, as the pipeline (``pipeline``) goes through it: its loader,
network and files, the checks it runs, and what its problems depend on, which says when an
earlier run's problems may be reused (``verdict_key``, ``checks_context``, ``case_context``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from psea_cli import outcomes, quick, store_checks
from psea_cli.cache import is_external
from psea_cli.cache_files import digest
from psea_cli.check_marks import judges_by_dates, view_of
from psea_cli.dataset import Dataset, Finding, Located
from psea_cli.i18n import current_language
from psea_cli.layout import NETWORK_FILE, Files
from psea_cli.loader import Loader
from psea_cli.models import Case, Network
from psea_cli.problems import Problem, Severity
from psea_cli.sealing import Keyring

Check = Callable[[Dataset], Iterable[Finding]]
"""A cross-file rule: the dataset in, findings out. The caller chooses the lists
(``psea_cli.validation``), so the pipeline sits below the checks it runs. One in ``checks``
reads no case record (its problems are kept while the files that are not case records are
unchanged); one in ``across_cases`` reads ``Dataset.case_entries`` (never ``cases``, which
stays empty while only checking)."""
CaseCheck = Callable[[Dataset], Callable[[Located[Case]], Iterable[Finding]]]
"""A rule one case record must follow: given the dataset (everything but the case records),
the judge of one record. What it finds may depend only on that record and on files that are
not case records: its problems are kept and reused while neither changes (``outcomes``)."""


@dataclasses.dataclass
class Run:
    """One reading of the repository: the loader, the network and which file holds what."""

    loader: Loader
    network: Located[Network] | None
    cases_dir: str
    files: Files
    checks: Sequence[Check]
    case_checks: Sequence[CaseCheck]
    across_cases: Sequence[Check]
    today: dt.date
    keyring: Keyring | None = None
    quick: bool = False
    """Whether ``quick.cached_verdict`` may reuse this run's verdict (the standard checks)."""
    need_models: bool = True
    """Whether every case record's model is wanted (a loaded dataset), or only the problems."""
    kept: outcomes.Outcomes | None = None
    """The case records' outcomes of the last run (``outcomes``), once the survey is done."""
    key: bytes | None = None
    """The verdict's key, once every file's digest is known (``verdict_key``)."""
    ledger: store_checks.LedgerRead = dataclasses.field(default_factory=list)
    """``psea import``'s ledger, read once: judged, and its digest part of the key."""
    store_absent: bool = False
    """The case store is not here (``store_checks.absence``), judged once per run."""
    on_records: Callable[[Dataset], object] | None = None
    """Given the dataset once its records are read, before the checks across files."""

    def verdict_key(self) -> bytes | None:
        """``_verdict_key``, computed once all the digests are known."""
        if self.key is None:
            self.key = self._verdict_key()
        return self.key

    def _verdict_key(self) -> bytes | None:
        """What the problems depend on: every file's content, the plan folders, psea's code
        and list of checks, the language and the day the checks judge dates at. None when a
        file could not be read or lies outside the repository, and when a key may decrypt
        case records (their problems are never kept)."""
        states = self.loader.states
        if any(s.digest is None or is_external(s.label) for s in states):
            return None
        if self.keyring is not None and self.files.sealed_cases:
            return None
        surveyed = []
        for state in states:
            assert state.digest is not None
            surveyed.append((state.label, state.digest))
        for label, got in self.ledger:
            if isinstance(got, Problem) or is_external(label):
                return None
            surveyed.append((label, digest(got)))
        return quick.verdict_key(self.loader.cache.fingerprint, current_language(), self.today,
                                 self.checks_name(), self.files, surveyed)

    def checks_name(self) -> str:
        return " ".join(f"{c.__module__}.{c.__qualname__}"
                        for c in [*self.checks, *self.case_checks, *self.across_cases])

    def checks_context(self) -> bytes | None:
        """What the problems of the checks beside the case records depend on: every file read
        as anything but a case record (one may be both), and the day unless every per-record
        check is marked ``day_by_dates``. None when one of those files could not be read or
        lies outside."""
        besides = self.files.besides_cases()
        others = [s for s in self.loader.states
                  if s.label not in self.loader.case_files or s.label in besides]
        if any(s.digest is None or is_external(s.label) for s in others):
            return None
        return outcomes.context_key(self._parts(), [(s.label, s.digest) for s in others
                                                    if s.digest is not None])

    def case_context(self, dataset: Dataset) -> bytes | None:
        """What a case record's problems depend on besides its own bytes and its dates:
        network.yaml and what each per-record check reads of ``dataset`` (``judged_against``),
        or ``checks_context`` when a check does not say (or a file is both a case record and
        something else)."""
        views = [view_of(make) for make in self.case_checks]
        if None in views or self.files.besides_cases() & self.loader.case_files:
            return self.checks_context()
        network = [s for s in self.loader.states if s.label == NETWORK_FILE]
        if any(s.digest is None or is_external(s.label) for s in network):
            return None
        seen = [repr(view(dataset)) for view in views if view is not None]
        return outcomes.context_key([*self._parts(), *seen],
                                    [(s.label, s.digest) for s in network if s.digest])

    def _parts(self) -> list[str]:
        day = "" if all(judges_by_dates(make) for make in self.case_checks) \
            else self.today.isoformat()  # a check not marked so may read the day otherwise
        return [self.loader.cache.fingerprint, current_language(), self.checks_name(),
                self.cases_dir, day]

    def cached_verdict(self) -> tuple[int, list[Problem]] | None:
        """(files read, problems) of an earlier run that read exactly these files."""
        key = self.verdict_key()
        found = self.loader.cache.verdict(key) if key is not None else None
        if found is None:
            return None
        return found[0], [Problem(f, line, column, code, Severity(severity), message, hint)
                          for f, line, column, code, severity, message, hint in found[1]]

    def finish(self, files_read: int, problems: list[Problem]) -> None:
        """Keep this run's verdict and parsed files for the next run."""
        cache = self.loader.cache
        if self.kept is not None:
            self.kept.save()
        cache.set_verdict(self.verdict_key(), files_read, [
            (p.file, p.line, p.column, p.code, int(p.severity), p.message, p.hint)
            for p in problems], (self.cases_dir, self.checks_name()) if self.quick else None)
        cache.save()
