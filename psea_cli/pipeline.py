"""The pipeline: read files, parse YAML, build models, run checks, return (dataset, problems).

    files = discover(root)                       # which file holds what
    documents = read + parse each file           # reading: cache, or bytes -> text -> data
    dataset = build models from documents        # pydantic, errors -> findings
    each case record: its outcome, or judged     # schema and per-record checks, located
    findings += each check(dataset)              # cross-file rules, given by the caller
    problems = locate(findings)                  # file, line, column for each finding

Parsed files come from the content-keyed cache (``cache``) when their bytes were seen before;
``check_repository`` also reuses the last run's problems when no file, no line of psea, the
language and the day are unchanged, and each case record's problems when neither its bytes nor
anything it is judged against changed (``outcomes``). Nothing here prints or exits; indicators
and reports take the returned dataset.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from psea_cli import catalogue, forked, outcomes, quick, safe_input, store_checks, verdicts_kept, yamllocate
from psea_cli.cache import Cache
from psea_cli.case_judging import judge_cases
from psea_cli.check_marks import judges_part_by_part
from psea_cli.dataset import Dataset, Finding
from psea_cli.i18n import _
from psea_cli.layout import DEFAULT_CASES_DIR, NETWORK_FILE, discover
from psea_cli.loader import Loader
from psea_cli.memory import gc_paused
from psea_cli.model_building import load_entries, load_plans
from psea_cli.models import Network
from psea_cli.pipeline_run import CaseCheck, Check, Run
from psea_cli.problems import Problem, PseaError, sort_problems
from psea_cli.quick import find_root, network_languages
from psea_cli.schema_errors import area_word
from psea_cli.sealed_reading import Opened, clear_records, open_sealed
from psea_cli.sealing import Keyring

__all__ = ["DEFAULT_CASES_DIR", "NETWORK_FILE", "CaseCheck", "Check", "check_repository",
           "find_root", "load_dataset", "network_languages"]


def _start(root: Path, use_cache: bool, checks: tuple[Sequence[Check], Sequence[CaseCheck],
                                                    Sequence[Check]],
           today: dt.date, keyring: Keyring | None = None, look: quick.Look | None = None
           ) -> Run:
    """Read network.yaml (it says where the cases are), then list and stat every file (or take
    what ``look`` found a moment before)."""
    if not safe_input.is_regular(root / NETWORK_FILE):
        raise PseaError(_("{path} not found in {root}").format(path=NETWORK_FILE, root=root),
                        _("Run psea from inside a network repository, or give --root PATH."))
    if not safe_input.inside(root / NETWORK_FILE, root):
        raise PseaError(_("{path} is a link that leads outside the repository; psea does not "
                          "read it").format(path=NETWORK_FILE),
                        _("Replace the link with the file itself."), exit_code=1)
    opened = look.cache if look is not None and look.cache is not None else None
    loader = Loader(root, (opened or Cache.open(root)) if use_cache else Cache(None))
    from psea_cli.cases.privacy import screen

    loader.screen = screen  # type: ignore[assignment]  # NoteRule strings are str
    network_source = (NETWORK_FILE, str(root / NETWORK_FILE))
    known = look.files if look is not None and use_cache else None
    loader.survey([network_source], known)
    loader.parse()
    network = loader.load(Network, network_source, "network")
    if network is not None:
        loader.phone_code = network.value.phone_country_code
        loader.area_word = area_word(network.value)
    cases_dir = (network.value.cases_dir if network else None) or DEFAULT_CASES_DIR
    refusal = store_checks.refused_cases_dir(root, cases_dir)
    if refusal is not None:  # the default store is checked instead
        loader.findings.append(Finding.of("network.cases-dir", NETWORK_FILE, ("cases_dir",),
                                          refusal or None))
        cases_dir = DEFAULT_CASES_DIR
    listed = look.listing if look is not None and known else None
    if listed is not None and listed[0] == cases_dir:  # the look listed the same store
        files, withheld = listed[1], listed[2]
    else:
        files = discover(root, cases_dir)
        withheld = store_checks.withhold_identifying_names(files, cases_dir)
    named = network is not None and network.value.cases_dir is not None
    absent = store_checks.absence(root, files, cases_dir, named)
    if absent is not None and not named:  # data/cases: a link that leads nowhere, a file
        loader.problems.append(catalogue.problem("cases.store-missing", cases_dir,
                                                 variant=absent or None, folder=cases_dir))
    elif absent is not None:  # said where cases_dir names it
        loader.findings.append(Finding.of("cases.store-missing", NETWORK_FILE, ("cases_dir",),
                                          absent or None, folder=cases_dir))
    loader.problems.extend(withheld)
    loader.case_files = frozenset(label for label, _path in files.cases + files.sealed_cases)
    loader.survey(files.all(), known)
    return Run(loader, network, cases_dir, files, *checks, today, keyring,
                ledger=store_checks.read_ledger(files), store_absent=absent is not None)


def _build(run: Run) -> tuple[Dataset, list[Problem]]:
    """Parse what the cache does not hold, build the models, run the checks, locate findings."""
    loader, network = run.loader, run.network
    dataset = Dataset(root=loader.root, network=network.value if network else None,
                      network_file=NETWORK_FILE, today=run.today, cases_dir=run.cases_dir,
                      keyring=run.keyring, case_files=loader.case_files)
    sealed = open_sealed(run.files.sealed_cases, {s.label: s for s in loader.states},
                         dataset.network, run.keyring, loader.documents)
    loader.invalid.update(sealed.broken)
    clear = {label for label, _path in run.files.cases}
    if not loader.cache.may_hold(outcomes.NAME):  # no record's outcome is known: all are read,
        loader.stream(clear)  # so their parsing starts now, while this process does the rest
    loader.parse(skip=clear)  # all but the case records, parsed while they are judged
    dataset.plans = list(load_plans(loader, run.files))
    loader.problems.extend(store_checks.listing_problems(run.files, run.cases_dir))
    loader.problems.extend(store_checks.ledger_problems(run.ledger))
    loader.problems.extend(clear_records(run.files.cases, dataset.network) + sealed.problems)
    load_entries(loader, run.files, dataset)
    dataset.unvalidated_ids = loader.unvalidated_ids
    judges = [make(dataset) for make in run.case_checks]
    parts = [j for make, j in zip(run.case_checks, judges, strict=True) if judges_part_by_part(make)]
    run.kept = outcomes.Outcomes(loader.cache, run.case_context(dataset), run.today)
    digests = {state.label: state.digest for state in loader.states}
    known = {label: found for label, _path in run.files.cases
             if (found := run.kept.known(label, digests.get(label))) is not None}
    streamed = clear - {label for label, found in known.items()  # the others: not read
                        if not run.need_models or found[1] is None}
    if loader.pending is None:
        loader.stream(streamed)
    with _checks_begun(run, dataset, len(streamed) + len(sealed.readable)) as checked:
        texts = judge_cases(loader, dataset, run.files.cases + sealed.readable, known=known,
                            kept=run.kept, judges=(judges, parts),
                            need_models=run.need_models, sealed=sealed)
        return dataset, _after_judging(run, dataset, sealed, texts, checked)


def _after_judging(run: Run, dataset: Dataset, sealed: Opened,
                   texts: dict[str, yamllocate.Locator],
                   checked: forked.Later[ChecksFound] | None) -> list[Problem]:
    """The records read: the dataset completed, then the problems of every check, located."""
    loader = run.loader
    loader.drain()
    dataset.parsed_files = {
        state.digest: loader.documents[state.label].data for state in loader.states
        if state.digest is not None and state.label not in loader.case_files
        and state.label in loader.documents and loader.documents[state.label].failure is None}
    dataset.invalid_files = frozenset(loader.invalid)
    dataset.files_read = loader.files_read
    dataset.sealed_cases = sealed.sealed
    dataset.store_absent = run.store_absent
    dataset.unread_in_store = store_checks.unread_in_store(run.files)
    if run.on_records is not None:  # from here on, the records do not change
        run.on_records(dataset)
    verdict = run.cached_verdict()
    if verdict is not None:  # same files, code, language and day: the checks would say the same
        return verdict[1]
    loader.problems.extend(_checked(run, dataset, checked))
    for check in run.across_cases:
        loader.findings.extend(check(dataset))
    texts.update({label: yamllocate.Locator(sealed.plaintext(label))
                  for label in {f.file for f in loader.findings}
                  if label in sealed.envelopes})  # decrypted again, in memory, to locate them
    problems = loader.problems + [loader.locate(f, texts) for f in loader.findings]
    return sort_problems(problems)


def load_dataset(root: Path, *, checks: Sequence[Check], today: dt.date,
                 case_checks: Sequence[CaseCheck] = (), across_cases: Sequence[Check] = (),
                 use_cache: bool = True,
                 keyring: Keyring | None = None, standard: bool = False,
                 on_records: Callable[[Dataset], object] | None = None,
                 ) -> tuple[Dataset, list[Problem]]:
    """Read and validate the whole repository at ``root`` with ``checks``, each case record with
    ``case_checks`` and the case records together with ``across_cases``, judging dates at
    ``today``; never raises for bad data.

    With ``use_cache`` (the default), files whose bytes were parsed before are not parsed
    again, and this run's parsed files are kept in ``<root>/.psea-cache/``. With a
    ``keyring``, the encrypted case records it opens are read too, in memory only.
    ``standard`` says ``checks`` are psea's own list (``validation.CHECKS``): the verdict may
    then be found by ``quick.cached_verdict`` without loading anything. ``on_records`` is
    given the dataset as soon as its records are read, to start work that needs only them
    while the checks across files run (nothing changes the records after)."""
    with gc_paused():
        run = _start(root, use_cache, (checks, case_checks, across_cases), today, keyring)
        run.quick, run.on_records = standard, on_records
        dataset, problems = _build(run)
        run.finish(dataset.files_read, problems)
    return dataset, problems


def check_repository(root: Path, *, checks: Sequence[Check], today: dt.date,
                     case_checks: Sequence[CaseCheck] = (),
                     across_cases: Sequence[Check] = (), use_cache: bool = True,
                     keyring: Keyring | None = None, standard: bool = False,
                     look: quick.Look | None = None) -> tuple[int, list[Problem]]:
    """(files read, problems) of the repository at ``root``, as ``load_dataset`` finds them;
    when nothing they depend on changed since the last run, the cached verdict is returned
    without parsing or validating anything, and a case record whose outcome is known is not
    read at all. ``look`` is what ``quick.cached_verdict`` found when it missed."""
    with gc_paused():
        run = _start(root, use_cache, (checks, case_checks, across_cases), today, keyring, look)
        run.quick, run.need_models = standard, False
        found = run.cached_verdict()
        if found is not None:
            run.loader.cache.save()
            return found
        dataset, problems = _build(run)
        run.finish(dataset.files_read, problems)
    return dataset.files_read, problems


CHECKS_BESIDE_FROM = 1000
"""From this many case records to judge, the checks beside them are begun in a worker process
meanwhile: on fewer, judging them is over before a fork has paid for itself."""


def _checks_begun(run: Run, dataset: Dataset, judged: int
                  ) -> contextlib.AbstractContextManager[forked.Later[ChecksFound] | None]:
    """The problems of ``run.checks`` begun in a worker process while this one judges
    ``judged`` case records (they read none), when there are enough of them and those problems
    are not kept from an earlier run (``_checked`` takes them); else nothing is begun."""
    assert run.kept is not None
    if judged < CHECKS_BESIDE_FROM or run.kept.checks(run.checks_context()) is not None:
        return contextlib.nullcontext()
    _verdicts_loaded(run)
    return forked.Later(lambda: (_located(run, dataset), verdicts_kept.used()))


ChecksFound = tuple[list[Problem], dict[tuple[str, bytes], object] | None]
"""The problems of the checks beside the case records, and the verdicts they used
(``verdicts_kept.used``), from the process that ran them."""


def _verdicts_loaded(run: Run) -> None:
    """The verdicts the last run that ran the checks kept (``verdicts_kept``), for this run's."""
    verdicts_kept.forget()
    verdicts_kept.load(run.loader.cache.extra(verdicts_kept.NAME))


def _located(run: Run, dataset: Dataset) -> list[Problem]:
    """The problems of ``run.checks`` on ``dataset``, located."""
    texts: dict[str, yamllocate.Locator] = {}
    return [run.loader.locate(f, texts) for check in run.checks for f in check(dataset)]


def _checked(run: Run, dataset: Dataset, checked: forked.Later[ChecksFound] | None
             ) -> list[Problem]:
    """The problems of ``run.checks``, located: those kept under the same context (they read
    no case record, see ``outcomes``), or those ``checked`` found meanwhile, or found now; and
    kept, with the verdicts they found (``verdicts_kept``)."""
    assert run.kept is not None
    context = run.checks_context()
    known = run.kept.checks(context)
    if known is not None:
        return [outcomes.problem(row) for row in known]
    if checked is not None:
        problems, verdicts = checked.result()
        verdicts_kept.merge(verdicts)
    else:
        _verdicts_loaded(run)
        problems = _located(run, dataset)
    run.kept.keep_checks(context, outcomes.rows(problems))
    found = verdicts_kept.taken()
    if found is not None:
        run.loader.cache.keep_extra(verdicts_kept.NAME, found)
    return problems
