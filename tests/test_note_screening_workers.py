"""A case record's note is screened where the record is parsed: in the worker processes of a
first run on a large store, beside the parse, so that the process that judges the records
finds each note's verdict ready (``reading._note_screened``, ``privacy.remember``). The
problems must be those of a note screened where it is judged, and no note may escape."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from psea_cli import case_comments, forked, reading
from psea_cli.cases import privacy
from psea_cli.cases.textfold import fold
from psea_cli.validation import load_dataset

NOTES = ["Orientée vers le partenaire, suivi prévu {n}.",
         "Appeler la mère au 76 12 34 {n:02d} pour le suivi.",
         "Vue par Mme Traoré au centre, dossier {n}.",
         "Référée au service juridique ; décision attendue {n}."]


def _with_notes(repo: Path) -> set[str]:
    """Give every case record of ``repo`` a note (one in two identifying someone); the notes
    as the screening reads them (folded)."""
    written = set()
    for n, path in enumerate(sorted((repo / "data" / "cases").glob("*.yaml"))):
        record: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        record["note"] = NOTES[n % len(NOTES)].format(n=n % 97 + 1).replace(
            "suivi prévu", "suivi prévu" + " bis" * (n % 5))
        written.add(fold(record["note"]))
        path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True),
                        encoding="utf-8")
    return written


@pytest.mark.skipif(forked.workers() < 2, reason="one processor: no worker is started")
def test_notes_screened_by_the_workers_give_the_problems_of_notes_screened_here(
        shipped_network: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notes = _with_notes(shipped_network)
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 10**9)  # parsed and screened here
    privacy._SCREENED.clear()
    here = load_dataset(shipped_network, use_cache=False)[1]
    identifying = [p for p in here if p.code.startswith("cases.note-")]
    assert len(identifying) >= 100  # a phone or a titled name in one note in two

    privacy._SCREENED.clear()
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 1)
    this_process = os.getpid()
    screened_here: list[str] = []
    breaks = privacy._breaks

    def counted(rule: privacy.NoteRule, folded: str, about_a_person: bool) -> bool:
        if os.getpid() == this_process and folded in notes:
            screened_here.append(folded)
        return breaks(rule, folded, about_a_person)

    monkeypatch.setattr(privacy, "_breaks", counted)
    in_workers = load_dataset(shipped_network, use_cache=False)[1]
    assert in_workers == here
    assert screened_here == []  # every note's verdict came from the worker that parsed it


@given(st.text(alphabet="#a \t\r\n\ufeff\"'", max_size=40))
def test_the_comments_looked_for_are_every_hash_at_a_line_start_or_after_a_blank(
        text: str) -> None:
    """``case_comments._MAYBE_COMMENT`` starts with its ``#`` (so that the engine skips to each at
    the speed of a memory search; a pattern starting with a lookbehind tried every position
    and made a first ``validate`` of 10,000 cases 8 % slower): the same matches as the plain
    definition."""
    plain = re.compile("(?<![^ \t\r\n\ufeff])#[^\r\n]*")
    assert ([(m.start(), m.group()) for m in case_comments._MAYBE_COMMENT.finditer(text)]
            == [(m.start(), m.group()) for m in plain.finditer(text)])


def test_a_note_too_long_for_the_schema_is_not_screened_where_it_is_parsed(
        shipped_network: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A note over 280 characters is a schema error and is never screened (a pull request's
    megabyte of note took seconds of regular expressions where it is parsed): the same one
    problem, and no screening of it anywhere."""
    case = sorted((shipped_network / "data" / "cases").glob("*.yaml"))[0]
    record: dict[str, Any] = yaml.safe_load(case.read_text(encoding="utf-8"))
    record["note"] = "suivi 12 a, " * 30
    case.write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")
    screened: list[str] = []
    screen = privacy.screen

    def counted(text: str, about_a_person: bool = True) -> list[privacy.NoteRule]:
        screened.append(text)
        return screen(text, about_a_person)

    monkeypatch.setattr(privacy, "screen", counted)
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 10**9)
    problems = load_dataset(shipped_network, use_cache=False)[1]
    assert [p.code for p in problems if p.file.endswith(case.name)] == ["schema.too-long"]
    assert record["note"] not in screened
