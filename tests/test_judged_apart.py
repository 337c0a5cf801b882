"""While only checking, many case records whose outcome is not known are judged in forked
workers (``case_judging._apart``): the same problems, at the same lines and in the same
order, the same files counted, and the same outcomes kept for the next run, as when this
process judges them one after the other; encrypted records and a loaded dataset stay here."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from psea_cli import case_judging, forked, pipeline
from psea_cli.pipeline import load_dataset
from psea_cli.validation import CASE_CHECKS, CHECKS, check_repository

TODAY = dt.date(2026, 9, 30)


@pytest.fixture
def apart(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many records each judging in workers was given (``forked.each`` as the judging
    calls it), recorded."""
    given: list[int] = []
    each = forked.each

    def recorded(function, items, **options):  # type: ignore[no-untyped-def]
        given.append(len(items))
        return each(function, items, **options)

    monkeypatch.setattr(forked, "each", recorded)
    return given


@pytest.fixture
def judged(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, ...]]:
    """What each run's dataset holds once its records are judged: the invalid files, the ids
    of broken files, the entries of the valid records and the files read."""
    seen: list[tuple[object, ...]] = []
    after = pipeline._after_judging

    def recorded(run, dataset, *rest):  # type: ignore[no-untyped-def]
        problems = after(run, dataset, *rest)
        seen.append((dataset.invalid_files, dataset.unvalidated_ids, dataset.case_entries,
                     dataset.files_read))
        return problems

    monkeypatch.setattr(pipeline, "_after_judging", recorded)
    return seen


def broken(repo: Path) -> Path:
    """Case records broken in each way a record can be: a choice off the list, a YAML
    syntax error, a name in the note, an id another record has, a service nobody lists, a
    day after today, a count below one, and a file named otherwise than its id."""
    cases = sorted((repo / "data" / "cases").glob("*.yaml"))
    edits = [
        ("channel: ", "channel: pigeon_"),  # patterns of re.sub
        ("events:", "events: [\n"),
        (None, 'note: "victime : Fatoumata Coulibaly"\n'),
        (f"id: {cases[8].stem}", f"id: {cases[0].stem}"),
        ("service_id: ", "service_id: zz-"),
        (r"received: \S+", "received: 2026-12-01"),
        ("count: 1", "count: -2"),
    ]
    for case, (old, new) in zip(cases[5:12], edits, strict=True):
        text = case.read_text(encoding="utf-8")
        edited = text + new if old is None else re.sub(old, new, text, count=1)
        assert edited != text
        case.write_text(edited, encoding="utf-8")
    cases[20].rename(cases[20].with_name("renamed.yaml"))
    return repo


def test_records_judged_apart_give_what_records_judged_here_give(
        shipped_network: Path, apart: list[int], judged: list[tuple[object, ...]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    repo = broken(shipped_network)
    monkeypatch.setattr(case_judging, "JUDGED_APART_FROM", 10**9)
    here = check_repository(repo, today=TODAY, use_cache=False)
    assert apart == []
    monkeypatch.setattr(case_judging, "JUDGED_APART_FROM", 1)
    there = check_repository(repo, today=TODAY, use_cache=False)
    assert apart == [300] or forked.workers() == 1
    assert there == here
    assert judged[0] == judged[1]
    invalid, unvalidated, _entries, _read = judged[1]
    assert len(invalid) == 3  # type: ignore[arg-type]
    assert len(unvalidated["case"]) == 3  # type: ignore[index]
    codes = {p.code for p in here[1] if p.file.startswith("data/cases/")}
    assert {"schema.invalid-choice", "yaml.syntax", "cases.note-name", "ref.duplicate-id",
            "ref.unknown-service", "cases.future-date", "ref.file-name-mismatch"} <= codes


def test_outcomes_kept_by_workers_serve_the_next_run(
        shipped_network: Path, apart: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    """The outcomes the workers found are kept here: the next run, after one record changed,
    judges that one alone and says what a run without any kept outcome says."""
    repo = broken(shipped_network)
    monkeypatch.setattr(case_judging, "JUDGED_APART_FROM", 2)
    first = check_repository(repo, today=TODAY)
    case = sorted((repo / "data" / "cases").glob("*.yaml"))[40]
    case.write_text(case.read_text(encoding="utf-8").replace("region: ML", "region: ML7", 1),
                    encoding="utf-8")
    second = check_repository(repo, today=TODAY)
    assert apart == [300] or forked.workers() == 1  # the second run judged one, here
    monkeypatch.setattr(case_judging, "JUDGED_APART_FROM", 10**9)
    fresh = check_repository(repo, today=TODAY, use_cache=False)
    assert second == fresh != first


def test_a_loaded_dataset_is_judged_here(shipped_network: Path, apart: list[int],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The report needs every model: its records are never judged apart."""
    monkeypatch.setattr(case_judging, "JUDGED_APART_FROM", 1)
    dataset, _problems = load_dataset(broken(shipped_network), checks=CHECKS,
                                      case_checks=CASE_CHECKS, today=TODAY, use_cache=False)
    assert apart == []
    assert len(dataset.cases) == len(dataset.case_entries) > 290
