"""Each case record is judged on its own and what it gave is reused while neither its bytes nor
anything it is judged against changed: psea validate reads only the records that changed, and
always says exactly what a run without any cache says."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from psea_cli import cache, outcomes, pipeline, validation
from psea_cli.cases import rules
from psea_cli.check_marks import day_by_dates, judges_by_dates, view_of
from psea_cli.dataset import Dataset, Finding, Located
from psea_cli.i18n import set_language
from psea_cli.models import Case
from psea_cli.problems import Problem
from psea_cli.validation import check_repository

CASES = "data/cases"


@pytest.fixture
def network(trusted_network: Path) -> Path:
    """The shipped network (300 case records), with signatures trusted at once."""
    return trusted_network


@pytest.fixture
def judged(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The case records judged (not taken from an outcome) since set up."""
    seen: list[str] = []
    original = rules.case_findings

    def counting(located: Located[Case], *args: Any, **kwargs: Any) -> Iterator[Finding]:
        seen.append(located.file)
        return original(located, *args, **kwargs)

    monkeypatch.setattr(rules, "case_findings", counting)
    return seen


def _cases(root: Path) -> list[Path]:
    return sorted((root / CASES).glob("*.yaml"))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path.name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _fresh(root: Path) -> tuple[int, list[Problem]]:
    """What a run that trusts no cache says."""
    return check_repository(root, use_cache=False)


def _codes(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.file, p.code) for p in problems]


def test_an_edited_record_is_the_only_one_judged_again(network: Path, judged: list[str]) -> None:
    check_repository(network)
    assert len(judged) == 300
    first, second = _cases(network)[:2]
    _edit(first, "region: ML0", "region: ML9")
    judged.clear()
    found = check_repository(network)
    assert judged == [f"{CASES}/{first.name}"]
    assert found == _fresh(network)
    assert (f"{CASES}/{first.name}", "ref.unknown-region") in _codes(found[1])
    _edit(second, "region: ", "region: ML99\nregion_: ")
    judged.clear()
    found = check_repository(network)
    assert judged == []  # an invalid record is not judged
    assert found == _fresh(network)  # the first record's problems come from its outcome
    assert {f"{CASES}/{first.name}", f"{CASES}/{second.name}"} <= {p.file for p in found[1]}


DAY = dt.date(2026, 3, 10)


def test_the_next_day_judges_no_record_again(network: Path, judged: list[str]) -> None:
    """The day is in no record's outcome but through its own dates: the first run of the next
    day, or of any later day, takes every outcome and reads no record."""
    check_repository(network, today=DAY)
    assert len(judged) == 300
    for later in (DAY + dt.timedelta(days=1), dt.date(2031, 1, 1)):
        judged.clear()
        found = check_repository(network, today=later)
        assert judged == []
        assert found == check_repository(network, today=later, use_cache=False)


def test_a_record_dated_after_today_is_judged_again_once_its_date_is_reached(
    network: Path, judged: list[str]
) -> None:
    case = _cases(network)[0]
    _edit(case, "received: 20", "received: 2026-03-12 #")
    label = f"{CASES}/{case.name}"
    future = check_repository(network, today=DAY)
    assert (label, "cases.future-date") in _codes(future[1])
    for day, again in ((DAY, []), (DAY + dt.timedelta(days=1), []),
                       (dt.date(2026, 3, 12), [label]), (dt.date(2026, 3, 13), []),
                       (dt.date(2026, 3, 11), [label])):
        judged.clear()
        found = check_repository(network, today=day)
        assert judged == again, day
        assert found == check_repository(network, today=day, use_cache=False), day
        assert ((label, "cases.future-date") in _codes(found[1])) == (day < dt.date(2026, 3, 12))


def test_every_check_of_one_record_reads_the_day_only_through_its_dates(network: Path) -> None:
    """What lets an outcome be reused on another day (``outcomes.span``): each per-record
    check, all marked ``day_by_dates``, finds the same on every day of the span, and something
    else on a day outside it only because a date of the record is then after the day. Days are
    tried around each date and far from them (a month to a century), so that a rule counting
    any delay up to today (a complaint overdue, a record kept too long) fails here."""
    assert all(judges_by_dates(make) for make in validation.CASE_CHECKS)
    dataset, _ = validation.load_dataset(network, today=DAY, use_cache=False)
    assert len(dataset.cases) == 300
    far = (1, 30, 365, 3650, 36500)
    for located in dataset.cases:
        dates = sorted(set(located.value.days()))
        days = {d + dt.timedelta(days=shift) for d in dates for shift in (-1, 0, 1)}
        days |= {dates[-1] + dt.timedelta(days=shift) for shift in far}
        days |= {dates[0] - dt.timedelta(days=shift) for shift in far[:-1]}
        judges = {day: [make(dataclasses.replace(dataset, today=day))
                        for make in validation.CASE_CHECKS] for day in days}
        seen = {day: [f for judge in judged for f in judge(located)]
                for day, judged in judges.items()}
        for day in seen:
            window = outcomes.span(dates, day)
            for other in seen:
                if outcomes.holds(window, other.isoformat()):
                    assert seen[other] == seen[day], (located.file, day, other)


def test_a_per_record_check_not_marked_so_judges_every_record_again_each_day(
    network: Path, judged: list[str]
) -> None:
    """A per-record check that may read the day otherwise (here: a record kept more than ten
    years) is not marked ``day_by_dates``: every record is then judged again each day, and a
    run never says what another day found."""
    def kept_too_long(ds: Dataset) -> Callable[[Located[Case]], Iterator[Finding]]:
        def judge(located: Located[Case]) -> Iterator[Finding]:
            if (ds.today - located.value.received_day).days > 3650:
                yield Finding.of("cases.future-date", located.file, ("received",))
        return judge

    checks = [*validation.CASE_CHECKS, kept_too_long]

    def run(day: dt.date, use_cache: bool = True) -> tuple[int, list[Problem]]:
        return pipeline.check_repository(network, checks=validation.CHECKS, case_checks=checks,
                                         across_cases=validation.ACROSS_CASES, today=day,
                                         use_cache=use_cache)

    run(DAY)
    later = dt.date(2034, 1, 1)
    judged.clear()
    found = run(later)
    assert len(judged) == 300
    assert found == run(later, use_cache=False)
    assert {p.code for p in found[1]} == {"cases.future-date"}
    judged.clear()
    assert run(later) == found
    assert judged == []


def test_a_change_beside_the_cases_judges_every_record_again(network: Path) -> None:
    check_repository(network)
    referring = [p for p in _cases(network) if "organisation: wfp" in p.read_text("utf-8")]
    assert referring
    (network / "data" / "focal_points" / "wfp.yaml").unlink()
    files, problems = check_repository(network)
    assert (files, problems) == _fresh(network)
    flagged = {p.file for p in problems if p.code == "ref.unknown-organisation"}
    assert {f"{CASES}/{p.name}" for p in referring} <= flagged


def test_an_edit_no_per_record_check_reads_judges_no_record_again(
    network: Path, judged: list[str]
) -> None:
    """A focal point's new phone, a semester's narrative, a service's opening hours: each
    per-record check says what it reads (``judged_against``) and none reads them, so the
    commit that changes them judges no case record again, and says what a fresh run says."""
    assert all(view_of(make) is not None for make in validation.CASE_CHECKS)
    check_repository(network)
    edits = [
        (network / "data" / "focal_points" / "wfp.yaml", '"+223 20 00 00 31"', '"+223 20 00 00 32"'),
        (next((network / "data" / "plan").glob("*/progress/2020-S2.yaml")), "period: 2020-S2",
         "period: 2020-S2  # relu"),
        (network / "data" / "services" / "mopti.yaml", '"24h/24, 7j/7"', '"8h-18h, lun-sam"'),
    ]
    for path, old, new in edits:
        _edit(path, old, new)
        judged.clear()
        found = check_repository(network)
        assert judged == [], path.name
        assert found == _fresh(network)


@pytest.mark.parametrize("edit", [
    ("services/mopti.yaml", "type: medical", "type: legal"),       # a service's type
    ("focal_points/wfp.yaml", "id: wfp", "id: wfp-mali"),          # an organisation's id
    ("network.yaml", "pcode: ML05", "pcode: ML55"),                # a region
])
def test_an_edit_a_per_record_check_reads_judges_every_record_again(
    network: Path, judged: list[str], edit: tuple[str, str, str]
) -> None:
    check_repository(network)
    name, old, new = edit
    _edit(network / "data" / name, old, new)
    judged.clear()
    found = check_repository(network)
    assert len(judged) == 300
    assert found == _fresh(network)


def test_a_per_record_check_that_does_not_say_what_it_reads_judges_every_record_again(
    network: Path, judged: list[str]
) -> None:
    """A per-record check not marked ``judged_against`` may read any file beside the case
    records (here: the focal points' phones): after an edit of any of them, every record is
    judged again, and the run says what a fresh run says."""
    def reads_phones(ds: Dataset) -> Callable[[Located[Case]], Iterator[Finding]]:
        phones = {fp.phone for org in ds.organisations for fp in org.value.focal_points}

        def judge(located: Located[Case]) -> Iterator[Finding]:
            if "+223 20 00 00 32" in phones and located.value.region == "ML05":
                yield Finding.of("cases.future-date", located.file, ("received",))
        return judge

    checks = [*validation.CASE_CHECKS, day_by_dates(reads_phones)]

    def run(use_cache: bool = True) -> tuple[int, list[Problem]]:
        return pipeline.check_repository(network, checks=validation.CHECKS, case_checks=checks,
                                         across_cases=validation.ACROSS_CASES, today=DAY,
                                         use_cache=use_cache)

    run()
    _edit(network / "data" / "focal_points" / "wfp.yaml", '"+223 20 00 00 31"',
          '"+223 20 00 00 32"')
    judged.clear()
    found = run()
    assert len(judged) == 300
    assert found == run(use_cache=False)
    assert "cases.future-date" in {p.code for p in found[1]}


def test_records_across_the_store_see_unchanged_records(network: Path) -> None:
    check_repository(network)
    first, second = _cases(network)[:2]
    _edit(second, f"id: {second.stem}", f"id: {first.stem}")
    _edit(first, "synthetic: true", "synthetic: false")
    found = check_repository(network)
    assert found == _fresh(network)
    codes = {code for _file, code in _codes(found[1])}
    assert {"ref.duplicate-id", "ref.file-name-mismatch", "cases.synthetic-mixed"} <= codes


def test_outcomes_are_worded_in_the_language_of_the_run(network: Path) -> None:
    case = _cases(network)[0]
    _edit(case, "region: ", "region: ML99\nx_region: ")
    set_language("fr")
    french = check_repository(network)[1]
    set_language("en")
    english = check_repository(network)[1]
    assert english == _fresh(network)[1]
    assert [p.message for p in english] != [p.message for p in french]


def test_a_damaged_or_foreign_outcomes_file_is_not_used(network: Path, tmp_path: Path) -> None:
    case = _cases(network)[0]
    check_repository(network)
    kept = network / cache.CACHE_DIR / outcomes.NAME
    raw = bytearray(kept.read_bytes())
    raw[-5] ^= 0xFF
    kept.write_bytes(bytes(raw))
    _edit(_cases(network)[1], "region: ", "region: ML99\nx_region: ")
    assert check_repository(network) == _fresh(network)
    _edit(case, "region: ", "region: ML99\nx_region: ")
    check_repository(network)  # outcomes with a problem in ``case``
    foreign = kept.read_bytes()
    _edit(case, "region: ML99\nx_region: ", "region: ")
    check_repository(network)
    kept.write_bytes(foreign)  # the outcomes of other bytes of the record: not taken
    assert check_repository(network) == _fresh(network)


EDITS = [
    ("region: ", "region: ML99\nx_region: "),      # an unknown key
    ("region: ML0", "region: ML9"),                # an unknown region
    ("synthetic: true", "synthetic: false"),       # a real case among synthetic ones
    ("received: 20", "received: 29"),              # a date in the future
    ("kind: acknowledged", "kind: acknowledgd"),   # an unknown event
]


def test_any_sequence_of_edits_says_what_a_fresh_run_says(network: Path) -> None:
    """A run of random edits, to records and beside them, checked after each against a run
    that trusts no cache."""
    chance = random.Random(1203)
    cases = _cases(network)
    service = network / "data" / "services" / "mopti.yaml"
    directory = network / "data" / "focal_points" / "wfp.yaml"
    beside = [(service, "region: ML0", "region: ML9"),  # the service's region
              (service, "type: medical", "type: legal"),  # its type, which the rules read
              (service, '"24h/24, 7j/7"', '"8h-18h"'),  # its hours, which nothing reads
              (directory, '"+223 20 00 00 31"', '"+223 20 00 00 32"'),  # a phone: neither
              (directory, "id: wfp", "id: wfp-mali")]  # an organisation's id: the references
    for _step in range(12):
        if chance.random() < 0.5:
            path, old, new = chance.choice(beside)
            text = path.read_text(encoding="utf-8")
            _edit(path, old, new) if old in text else _edit(path, new, old)
        for path in chance.sample(cases, 3):
            old, new = chance.choice(EDITS)
            text = path.read_text(encoding="utf-8")
            if old in text:
                _edit(path, old, new)
            elif new in text:
                _edit(path, new, old)
        assert check_repository(network) == _fresh(network)


def test_a_check_after_a_quick_look_that_missed_starts_from_what_it_saw(
    network: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The quick look (``quick.cached_verdict``) hands its listing and its stat of every file
    to the full check when it finds no verdict: the full check lists and stats none of them
    again and says what a fresh run says, the file withheld for its name included."""
    import datetime as dt

    from psea_cli import pipeline, quick, reading

    edited = _cases(network)[0]
    shutil.copy(_cases(network)[1], network / CASES / "+22376123456.yaml")  # withheld
    check_repository(network)
    _edit(edited, "region: ML0", "region: ML9")
    look = quick.Look()
    assert quick.cached_verdict(network, dt.date.today(), "en", False, look) is None
    assert look.cache is not None
    assert len(look.files) > 300
    statted: list[str] = []
    original = reading.os.stat

    def counting(path: str, *args: Any, **kwargs: Any) -> Any:
        if isinstance(path, str) and path.endswith(".yaml"):  # the survey's stat of a file
            statted.append(path)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(reading.os, "stat", counting)
    listed = []
    discover = pipeline.discover
    monkeypatch.setattr(pipeline, "discover", lambda *args: listed.append(args))
    found = check_repository(network, look=look)
    monkeypatch.setattr(reading.os, "stat", original)
    monkeypatch.setattr(pipeline, "discover", discover)
    assert listed == []  # the look's listing, not a second one
    assert statted == [str(edited)]  # opened to be read; no other file is looked at again
    assert found == _fresh(network)
    assert {"ref.unknown-region", "cases.identifying-name"} <= {p.code for p in found[1]}


def test_a_case_store_inside_the_directory_is_judged_against_it(network: Path) -> None:
    """A file read both as an organisation and as a case record (``cases_dir`` set to the
    directory's folder) is part of what every record is judged against."""
    with (network / "data" / "network.yaml").open("a", encoding="utf-8") as out:
        out.write("cases_dir: data/focal_points\n")
    shutil.copy(_cases(network)[0], network / "data" / "focal_points")
    assert check_repository(network) == _fresh(network)
    (network / "data" / "focal_points" / "wfp.yaml").unlink()
    found = check_repository(network)
    assert found == _fresh(network)
    assert "ref.unknown-organisation" in {p.code for p in found[1]}


def test_a_broken_case_record_in_a_folder_named_like_the_directory_declares_nothing(
    network: Path
) -> None:
    """A case record that does not parse, in ``data/cases/focal_points/``, is not taken for an
    organisation whose id others may cite: the problems of the other files do not depend on
    a case record, so they can be kept."""
    session = network / "data" / "sessions" / "2020-10-20-ml05-community-members-2.yaml"
    _edit(session, "  - wfp", "  - acme")
    folder = network / CASES / "focal_points"
    folder.mkdir()
    (folder / "acme.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    first = check_repository(network)
    assert first == _fresh(network)
    assert (str(session.relative_to(network)), "ref.unknown-organisation") in _codes(first[1])
    shutil.copy(_cases(network)[0], folder / "acme.yaml")
    assert check_repository(network) == _fresh(network)
    (folder / "acme.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    assert check_repository(network) == _fresh(network)


@pytest.mark.parametrize("row", [(), ("x",), ("f", 1, 1, "c", 9, "m", "h"), [1, 2]])
def test_outcomes_of_the_wrong_shape_are_not_used(network: Path, row: object) -> None:
    check_repository(network)
    kept = network / cache.CACHE_DIR / outcomes.NAME
    binding = cache.Cache.open(network)._binding()
    context, cases, _checks = cache._read(kept, binding)[2]  # (fingerprint, binding, value)
    label = f"{CASES}/{_cases(network)[0].name}"
    cases[label] = (cases[label][0], ((row,), None), cases[label][2])
    stored = cache._read(kept, binding)
    today = dt.date.today().isoformat()
    cache._write(kept, (stored[0], stored[1], (context, cases, (today, (row,)))), binding)
    _edit(_cases(network)[1], "region: ML0", "region: ML9")  # not the verdict: the outcomes
    assert check_repository(network) == _fresh(network)



def test_any_sequence_of_edits_breaking_and_mending_files_says_what_a_fresh_run_says(
        network: Path) -> None:
    """Files that break their schema keep their valid parts judged (``salvage``): a run of
    random edits that break and mend the schema of an organisation's file, a services file
    and case records, and change what their valid parts hold, checked after each against a
    run that trusts no cache."""
    chance = random.Random(21)
    cases = _cases(network)
    service = network / "data" / "services" / "mopti.yaml"
    directory = network / "data" / "focal_points" / "wfp.yaml"
    beside = [(directory, "type: un_agency", "type: agency"),  # the file breaks its schema
              (directory, '"+223 20 00 00 31"', '"+223 20 00 31"'),  # a short phone
              (directory, "regions: [ML09, ML07", "regions: [ML09, ML97"),  # an unknown region
              (directory, "id: wfp", "id: wfp-mali"),  # an id others refer to
              (service, "type: medical", "type: medic"),  # one service breaks the schema
              (service, "region: ML05", "region: ML95")]  # a region of a valid service
    edits = [*EDITS, ("channel: ", "channel: nowhere\nchannel_x: "),  # nothing to save
             ("events:", "events: 3\nevents_x:")]  # a case with its events set aside
    seen: set[frozenset[str]] = set()  # the codes of a file, at each step
    for _step in range(14):
        for path, old, new in chance.sample(beside, 2):
            text = path.read_text(encoding="utf-8")
            _edit(path, old, new) if old in text else _edit(path, new, old)
        for path in chance.sample(cases, 3):
            old, new = chance.choice(edits)
            text = path.read_text(encoding="utf-8")
            if old in text:
                _edit(path, old, new)
            elif new in text:
                _edit(path, new, old)
        found = check_repository(network)
        assert found == _fresh(network)
        seen.update(frozenset(p.code for p in found[1] if p.file == label)
                    for label in {p.file for p in found[1]})
    assert any({"schema.invalid-choice", "directory.phone-format"} <= codes for codes in seen)
    assert any({"schema.unknown-key", "ref.unknown-region"} <= codes for codes in seen)


def test_an_organisation_s_new_type_judges_the_affiliations_again(network: Path) -> None:
    """``cases.affiliation-mismatch`` reads each organisation's type: a commit that changes
    one says, with the cache, what a fresh run says."""
    check_repository(network)
    at_unicef = {f"{CASES}/{p.name}" for p in _cases(network)
                 if "\n  organisation: unicef\n" in p.read_text("utf-8")
                 and "\n  affiliation: un_staff\n" in p.read_text("utf-8")}
    assert at_unicef
    _edit(network / "data" / "focal_points" / "unicef.yaml", "type: un_agency", "type: donor")
    files, problems = check_repository(network)
    assert (files, problems) == _fresh(network)
    assert at_unicef <= {p.file for p in problems if p.code == "cases.affiliation-mismatch"}
