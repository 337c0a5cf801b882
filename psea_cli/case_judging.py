"""Judging case records one by one: the known outcome of an unchanged record, or its model
built and judged by each per-record check (``pipeline.CaseCheck``), its problems located at
once and kept for the next run (``outcomes``). The pipeline calls it once the rest of the
dataset is built, since the checks judge a record against it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from psea_cli import forked, outcomes, yamllocate
from psea_cli.cases.privacy import NOTE_CODES
from psea_cli.dataset import CaseEntry, Dataset, Finding, Located, leaves_out
from psea_cli.layout import Source
from psea_cli.loader import Loader
from psea_cli.models import Case
from psea_cli.models.sharing import share_fields_sets
from psea_cli.problems import Problem
from psea_cli.reading import FileState, Screen
from psea_cli.salvage import salvage
from psea_cli.sealed_reading import Opened

Judge = Callable[[Located[Case]], Iterable[Finding]]


def judge_cases(loader: Loader, dataset: Dataset, sources: list[Source], *,
                known: dict[str, outcomes.Outcome], kept: outcomes.Outcomes,
                judges: tuple[list[Judge], list[Judge]], need_models: bool, sealed: Opened
                ) -> dict[str, yamllocate.Locator]:
    """Each case record of ``sources`` (clear, then opened) into ``dataset``: its ``known``
    outcome, or its model judged by every judge of ``judges[0]``, its problems located at
    once and ``kept`` for the next run; a record that broke its schema is judged by those of
    ``judges[1]`` (``part_by_part``) on what is valid on its own (``salvage``), and stays out
    of the dataset. With ``need_models``, the model of every valid record is built (a
    loaded dataset); else a record whose outcome is known is not read at all. Returns the
    decrypted texts kept to locate findings (none for a clear record)."""
    states = {state.label: state for state in loader.states}  # digests known once read
    texts: dict[str, yamllocate.Locator] = {}
    apart = _apart(loader, dataset, sources, known=known, judges=judges,
                   need_models=need_models, sealed=sealed, states=states)
    for source in sources:
        label = source[0]
        found = known.get(label)
        if found is not None and (not need_models or found[1] is None):
            _take(loader, dataset, label, found)
        elif apart is not None and label not in sealed.envelopes:
            _gather(loader, dataset, kept, next(apart))
        else:
            keep = _judge(loader, dataset, source, found, judges=judges,
                          need_models=need_models, sealed=sealed, texts=texts, states=states)
            if keep is not None:
                kept.keep(*keep)
    return texts


Keep = tuple[str, bytes | None, outcomes.Outcome, outcomes.Span]
"""What ``outcomes.Outcomes.keep`` is given of one record."""


def _judge(loader: Loader, dataset: Dataset, source: Source, found: outcomes.Outcome | None,
           *, judges: tuple[list[Judge], list[Judge]], need_models: bool, sealed: Opened,
           texts: dict[str, yamllocate.Locator], states: dict[str, FileState]
           ) -> Keep | None:
    """One record read, built and judged (``judge_cases``); what to keep of its outcome."""
    label = source[0]
    problems, findings = len(loader.problems), len(loader.findings)
    located = loader.load(Case, source, "case")
    broken = loader.broken.pop(label, None)  # what a record that broke its schema held
    if located is not None:
        if need_models:  # else judged and let go: 10,000 models weigh 40 MB
            share_fields_sets(located.value)
            dataset.cases.append(located)
        dataset.case_entries.append(CaseEntry.of(located))
    if found is not None:  # the model was wanted; its problems are known
        del loader.problems[problems:], loader.findings[findings:]
        loader.problems.extend(outcomes.problem(row) for row in found[0])
        _count_or_not(dataset, located, loader.problems[problems:])
        return None
    judged = located if located is not None else _salvaged(broken, label, judges[1])
    if judged is not None:
        for judge in judges[0] if located is not None else judges[1]:
            loader.findings.extend(judge(judged))
    elif located is None:  # nothing valid on its own: its note is screened still
        loader.findings.extend(_note_findings(broken, label, loader.screen))
    new = loader.findings[findings:]
    del loader.findings[findings:]
    if new and label in sealed.envelopes:
        texts[label] = yamllocate.Locator(sealed.plaintext(label))
    loader.problems.extend(loader.locate(f, texts) for f in new)
    texts.pop(label, None)
    if need_models:
        _count_or_not(dataset, located, loader.problems[problems:])
    if label in sealed.envelopes:
        return None
    entry = (located.value.id, located.value.synthetic) if located else None
    state = states.get(label)
    days = outcomes.span(judged.value.days(), dataset.today) if judged is not None \
        else outcomes.ALWAYS  # nothing valid: no rule read the day
    return (label, state.digest if state is not None else None,
            (outcomes.rows(loader.problems[problems:]), entry), days)


JUDGED_APART_FROM = 1000
"""From this many clear case records to judge while only checking, they are judged in worker
processes, each a share: on fewer, judging them is over before the forks have paid."""

Apart = tuple[list[Problem], set[str], dict[str, set[str]], list[CaseEntry], int, Keep | None]
"""What judging one record apart changed: its problems, the files found invalid, the ids of
broken files, its entry, the files read and what to keep of its outcome."""


def _apart(loader: Loader, dataset: Dataset, sources: list[Source], *,
           known: dict[str, outcomes.Outcome], judges: tuple[list[Judge], list[Judge]],
           need_models: bool, sealed: Opened, states: dict[str, FileState]
           ) -> Iterator[Apart] | None:
    """The clear records whose outcome is not known judged in forked workers (``forked``),
    when only their problems are wanted and there are many; each one's changes, in order."""
    todo = [source for source in sources
            if source[0] not in known and source[0] not in sealed.envelopes]
    if need_models or len(todo) < JUDGED_APART_FROM or forked.workers() < 2:
        return None
    loader.drain()  # every record parsed, for the workers to inherit

    def judge_one(source: Source) -> Apart:
        """One record judged on fresh lists, put back after (this may run here, if a worker
        fails): the changes it made, and nothing else."""
        before = (loader.problems, loader.invalid, loader.unvalidated_ids,
                  dataset.case_entries, loader.files_read)
        loader.problems, loader.invalid, loader.unvalidated_ids = [], set(), {}
        dataset.case_entries, loader.files_read = [], 0
        try:
            keep = _judge(loader, dataset, source, None, judges=judges, need_models=False,
                          sealed=sealed, texts={}, states=states)
            return (loader.problems, loader.invalid, loader.unvalidated_ids,
                    dataset.case_entries, loader.files_read, keep)
        finally:
            (loader.problems, loader.invalid, loader.unvalidated_ids,
             dataset.case_entries, loader.files_read) = before

    return forked.each(judge_one, todo, parallel=True)


def _gather(loader: Loader, dataset: Dataset, kept: outcomes.Outcomes, apart: Apart) -> None:
    """The changes judging one record apart made (``_apart``), made here."""
    problems, invalid, unvalidated, entries, files_read, keep = apart
    loader.problems.extend(problems)
    loader.invalid.update(invalid)
    for kind, ids in unvalidated.items():
        loader.unvalidated_ids.setdefault(kind, set()).update(ids)
    dataset.case_entries.extend(entries)
    loader.files_read += files_read
    if keep is not None:
        kept.keep(*keep)


def _count_or_not(dataset: Dataset, located: Located[Case] | None,
                  problems: list[Problem]) -> None:
    """A record read whose own problems hold an error is left out of every figure
    (``Dataset.uncounted``)."""
    if located is not None and any(leaves_out(p) for p in problems):
        dataset.uncounted.add(located.file)


def _salvaged(data: object, label: str, judges: list[Judge]) -> Located[Case] | None:
    """What is valid on its own of a case record that broke its schema (``salvage``), when a
    judge may see it."""
    saved = salvage(Case, data) if judges and data is not None else None
    return Located(saved, label) if saved is not None else None


def _note_findings(data: object, label: str, screen: Screen | None) -> list[Finding]:
    """The note screening's findings on the ``note`` of a case record too broken to salvage
    (a required key wrong): a phone number or a name in it is said in the same run as the
    schema's errors, not only once they are fixed."""
    note = data.get("note") if isinstance(data, dict) else None
    if not isinstance(note, str) or screen is None:
        return []
    return [Finding.of(NOTE_CODES[rule], label, ("note",)) for rule in screen(note)]


def _take(loader: Loader, dataset: Dataset, label: str, found: outcomes.Outcome) -> None:
    """A case record's known outcome, as if it had been read and judged."""
    rows, entry = found
    loader.files_read += 1
    loader.problems.extend(outcomes.problem(row) for row in rows)
    if entry is None:
        loader.invalid.add(label)
    else:
        dataset.case_entries.append(CaseEntry(label, *entry))

