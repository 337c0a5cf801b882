"""A quarter read again after its records moved on: the quarterly report made in October reads
2020-Q3 on 30 September, the semester's in January reads it on 31 December, and in between a
complaint pending in September was answered late. Its split moved (pending → late), the other
parts did not: the complaints acknowledged in time are the same three. Rounded afresh, that
unchanged part could read ``<5`` in October and 5 in January, narrowed to 1–4 by anyone
holding both reports; it keeps its published value instead (``indicators.readings``), and
``psea audit`` checks every cell of every past quarter so."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import random
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from psea_cli.audit.readings import _moved
from psea_cli.cli import app
from psea_cli.indicators.readings import Rounder, reading_days
from psea_cli.indicators.rounding import cell_draw, cell_seed, controlled_round, round_count
from psea_cli.periods import parse

BASE = 5


def _case(case_id: str, received: str, acknowledged: str | None) -> dict[str, Any]:
    events = [{"kind": "acknowledged", "date": acknowledged}] if acknowledged else []
    return {"id": case_id, "received": received, "channel": "hotline", "region": "ML05",
            "allegation": "sexual_abuse", "survivor": {"sex": "female", "age_group": "adult"},
            "perpetrator": {"affiliation": "nngo"},
            "consent": {"assistance": "yes", "investigation": "yes", "reporting": "yes"},
            "events": events}


def _fresh_flips(ids: list[str]) -> bool:
    """Whether rounding afresh on 31 December would publish the three complaints answered in
    time with another value than on 30 September (the draws depend on the ids only)."""
    seed = cell_seed(ids, "2020-Q3")
    total = round_count(len(ids), BASE, cell_draw(seed, "total"))
    family = "response_within_7_days"
    september = controlled_round({"on_time": 3, "late": 0, "pending": 1}, total, BASE, seed,
                                 family)
    december = controlled_round({"on_time": 3, "late": 1, "pending": 0}, total, BASE, seed,
                                family)
    return september["on_time"] != december["on_time"]


def _ids() -> list[str]:
    """Four case ids for which rounding afresh would narrow the unchanged part (found by the
    same rounding functions, so that the test fails if the part is rounded afresh)."""
    chooser = random.Random(7)
    alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
    for _try in range(2000):
        ids = ["".join(chooser.choice(alphabet) for _ in range(8)) for _n in range(4)]
        if _fresh_flips(ids):
            return ids
    raise AssertionError("no ids found for which a fresh rounding moves the unchanged part")


@pytest.fixture
def network(valid_repo: Path) -> Path:
    store = valid_repo / "data" / "cases"
    for old in store.glob("*.yaml"):
        old.unlink()
    ids = _ids()
    records = [_case(ids[0], "2020-07-10", "2020-07-11"), _case(ids[1], "2020-07-10", "2020-07-11"),
               _case(ids[2], "2020-07-10", "2020-07-11"),
               _case(ids[3], "2020-09-28", "2020-10-20")]  # pending on 30 September, then late
    for record in records:
        (store / f"{record['id']}.yaml").write_text(yaml.safe_dump(record, sort_keys=False),
                                                   encoding="utf-8")
    return valid_repo


def _run(root: Path, *args: str) -> Result:
    result = CliRunner().invoke(app, ["--root", str(root), "--lang", "en", *args])
    assert result.exit_code == 0, result.output
    return result


def _response(root: Path, period: str, as_of: str) -> dict[str, Any]:
    result = _run(root, "indicators", period, "--suppress", "--format", "json",
                  "--as-of", as_of)
    metric: dict[str, Any] = json.loads(result.stdout)["metrics"]["response_within_7_days"]
    return metric


def test_an_unchanged_part_keeps_its_value_when_its_quarter_is_read_again(
        network: Path) -> None:
    october = _response(network, "2020-Q3", "2020-10-15")
    january = _response(network, "2020-Q3", "2021-01-15")
    assert january["details"]["on_time"] == october["details"]["on_time"]
    semester = _response(network, "2020-S2", "2021-01-15")
    assert semester["breakdowns"]["quarter"]["2020-Q3"] == october["details"]["on_time"]


def test_the_audit_says_when_a_part_is_rounded_afresh(network: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    assert "[reading]" not in _run(network, "audit", "--as-of", "2021-01-15").stdout

    def afresh(self: Rounder, cells: Any, total: int, family: str, earlier: Any,
               moves: Any = (), floors: Any = None, need: Any = ()) -> Any:
        return controlled_round(cells, total, self.base, self.seed, family)

    monkeypatch.setattr(Rounder, "_stable", afresh)
    result = CliRunner().invoke(app, ["--root", str(network), "--lang", "en", "audit",
                                      "--as-of", "2021-01-15"])
    assert result.exit_code == 1
    assert ("[reading] 2020-Q3: a figure whose count did not change is published with another "
            "value when the quarter is read again (response_within_7_days)") in result.stdout
    assert "--as-of 2020-09-30" in result.stdout
    assert "--as-of 2020-12-31" in result.stdout
    french = CliRunner().invoke(app, ["--root", str(network), "--lang", "fr", "audit",
                                      "--as-of", "2021-01-15"])
    assert "un chiffre dont l'effectif n'a pas changé" in french.stdout


def _record(*days: dt.date) -> Any:
    return SimpleNamespace(events=[SimpleNamespace(day=day) for day in days])


def test_a_quarter_is_read_again_only_where_its_records_moved() -> None:
    quarter = parse("2020-Q3")
    assert reading_days(quarter, [_record(dt.date(2020, 8, 1))], dt.date(2021, 6, 30)) == (
        [dt.date(2020, 9, 30)], [set()])
    early, late = _record(dt.date(2020, 8, 1), dt.date(2020, 10, 2)), _record(
        dt.date(2021, 5, 1), dt.date(2021, 6, 30), dt.date(2021, 8, 1))
    assert reading_days(quarter, [early, late], dt.date(2021, 6, 30)) == (
        [dt.date(2020, 9, 30), dt.date(2020, 12, 31), dt.date(2021, 6, 30)],
        [set(), {id(early)}, {id(late)}])


@dataclasses.dataclass
class _Split:
    before: dict[str, int]
    after: dict[str, int]


@st.composite
def _splits(draw: st.DrawFn) -> tuple[list[str], list[_Split]]:
    """A quarter's cases split into parts several ways, then some cases moved between parts
    (what later events do), the quarter's cases staying the same."""
    count = draw(st.integers(1, 40))
    ids = [f"C{n:07d}" for n in draw(st.lists(st.integers(0, 10**6), min_size=count,
                                              max_size=count, unique=True))]
    splits = []
    for _family in range(draw(st.integers(1, 4))):
        keys = [f"p{k}" for k in range(draw(st.integers(2, 5)))]
        before = [draw(st.sampled_from(keys)) for _ in ids]
        after = [draw(st.sampled_from(keys)) if draw(st.booleans()) and draw(st.booleans())
                 else part for part in before]
        splits.append(_Split({k: before.count(k) for k in keys},
                             {k: after.count(k) for k in keys}))
    return ids, splits


@settings(max_examples=400, deadline=None)
@given(_splits())
def test_every_cell_whose_count_did_not_change_keeps_its_value(
        quarter: tuple[list[str], list[_Split]]) -> None:
    ids, splits = quarter
    seed = cell_seed(ids, "2020-Q3")
    total = round_count(len(ids), BASE, cell_draw(seed, "total"))
    first = Rounder(BASE, seed)
    for index, split in enumerate(splits):
        first.split(split.before, total, f"family{index}")
    again = Rounder(BASE, seed, first.reading)
    for index, split in enumerate(splits):
        rounded = again.split(split.after, total, f"family{index}")
        assert sum(rounded.values()) == total
        assert all(value % BASE == 0 and abs(value - split.after[key]) < BASE
                   for key, value in rounded.items())
    moved = _moved(first.reading, again.reading)
    assert set(moved) <= set(again.afresh)  # only where the changed cells could not make it up


def test_rounding_afresh_is_rare() -> None:
    """Over many random quarters where cases moved, the changed cells make up what is left
    almost always: a split is rounded afresh (and ``psea audit`` says so) in few of them."""
    chooser = random.Random(11)
    afresh = tried = 0
    for _quarter in range(3000):
        ids = [f"C{chooser.randrange(10**7):07d}" for _ in range(chooser.randint(2, 60))]
        keys = [f"p{k}" for k in range(chooser.randint(2, 4))]
        before = [chooser.choice(keys) for _ in ids]
        after = [chooser.choice(keys) if chooser.random() < 0.1 else part for part in before]
        if before == after:
            continue
        seed = cell_seed(ids, "2020-Q3")
        total = round_count(len(ids), BASE, cell_draw(seed, "total"))
        first = Rounder(BASE, seed)
        first.split({k: before.count(k) for k in keys}, total, "f")
        again = Rounder(BASE, seed, first.reading)
        again.split({k: after.count(k) for k in keys}, total, "f")
        tried += 1
        afresh += bool(again.afresh)
    assert tried > 1000
    assert afresh / tried < 0.05, (afresh, tried)


def test_a_reading_whose_changed_cells_cannot_make_up_the_rest_is_said() -> None:
    """Referred in time 2 (shown 5), late 7 → 10, not referred 14 → 11, out of 20 shown: the
    unchanged 2 keeps its 5, so the changed cells must make 15, and 10 + 10 or 10 + 15 cannot.
    The reading is flagged (``afresh``) for the quarter to keep its earlier figures."""
    first = Rounder(BASE, b"seed")
    first.reading["f\0a\0b\0c"] = [({"a": 2, "b": 7, "c": 14}, {"a": 5, "b": 5, "c": 10})]
    again = Rounder(BASE, b"seed", first.reading)
    rounded = again.split({"a": 2, "b": 10, "c": 11}, 20, "f")
    assert again.afresh == ["f"]
    assert sum(rounded.values()) == 20


SHIPPED = Path(__file__).resolve().parent.parent


def _shared_quarter(*args: str) -> dict[str, Any]:
    figures = json.loads(_run(SHIPPED, "indicators", *args, "--suppress", "--format",
                              "json").stdout)
    metrics: dict[str, Any] = figures["metrics"]
    return metrics


def test_a_quarter_that_cannot_be_read_again_keeps_its_figures_and_says_nothing_of_it(
        tmp_path: Path) -> None:
    """In the shipped data, 2021-Q2 read on 30 September 2021 would give the complaints
    referred in time to the entity another value, their count unchanged: its figures stay
    those of 30 June 2021. Which quarter keeps an earlier reading is never said (that a later
    reading could not be taken tells something of its counts): the JSON, the table and the
    report say, in both languages, the same of every quarter read again, whether it kept an
    earlier reading or not."""
    from psea_cli.disclosure import threshold_of
    from psea_cli.indicators.compute import covering_plans
    from psea_cli.indicators.quarters import by_quarter, settled_quarter
    from psea_cli.validation import load_dataset

    dataset, day, quarter = load_dataset(SHIPPED)[0], dt.date(2026, 9, 30), parse("2021-Q2")
    settled = settled_quarter(dataset, by_quarter(dataset, day)[quarter.key], quarter, day,
                              tuple(covering_plans(dataset, quarter)),
                              threshold_of(dataset.network), {})
    assert settled.held
    assert settled.read_on == dt.date(2021, 6, 30)
    assert (_shared_quarter("2021-Q2", "--as-of", "2026-10-15")
            == _shared_quarter("2021-Q2", "--as-of", "2021-07-15"))
    held = json.loads(_run(SHIPPED, "indicators", "2021-S1", "--suppress", "--format",
                           "json", "--as-of", "2026-10-15").stdout)
    kept = json.loads(_run(SHIPPED, "indicators", "2020-S2", "--suppress", "--format",
                           "json", "--as-of", "2026-10-15").stdout)
    assert "held" not in held["protection"]
    assert set(held["protection"]) == set(kept["protection"])
    notes = []
    for period in ("2021-S1", "2020-S2"):
        table = _run(SHIPPED, "indicators", period, "--suppress", "--as-of", "2026-10-15")
        notes.append([line for line in " ".join(table.stdout.split()).split(". ")
                      if "read with what happened since" in line])
    assert notes[0] == notes[1]
    assert len(notes[0]) == 1
    texts = []
    for period in ("2021-S1", "2020-S2"):
        report = tmp_path / f"rapport-{period}.md"
        result = CliRunner().invoke(app, ["--root", str(SHIPPED), "--lang", "fr", "report",
                                          "semester", period, "--output", str(report)])
        assert result.exit_code == 0, result.output
        text = " ".join(report.read_text(encoding="utf-8").split())
        assert "lecture antérieure (" not in text
        start = text.index("Les trimestres terminés avant le ")
        texts.append(text[start:text.index("petits effectifs.", start)])
    assert texts[0] == texts[1]


def test_the_note_on_later_readings_depends_only_on_what_is_published() -> None:
    """Shown when a counted quarter ended before the reading's day, whatever the counts."""
    from psea_cli.i18n import current_language, set_language
    from psea_cli.indicators.shown import read_again_note
    from psea_cli.indicators.values import Protection

    on_end = Protection(BASE, dt.date(2021, 6, 30), ("2021-Q2",), 0)
    assert read_again_note(on_end) is None
    later = Protection(BASE, dt.date(2021, 9, 30), ("2021-Q2",), 0)
    note = read_again_note(later)
    assert note is not None
    assert note.startswith("Quarters that ended before 30 September 2021")
    assert read_again_note(Protection(BASE, dt.date(2021, 6, 30), ("2021-Q1", "2021-Q2"), 10)
                           ) is not None
    was = current_language()
    set_language("fr")
    try:
        french = read_again_note(later)
    finally:
        set_language(was)
    assert french is not None
    assert french.startswith("Les trimestres terminés avant le 30")


def test_the_accountability_figures_are_read_in_the_same_chain(network: Path) -> None:
    """The accountability section's partitions of 2020-Q3 are read on 30 September and again
    on 31 December (a complaint was answered in October), in the readings of the quarter's
    case metrics, and the audit compares them too."""
    from psea_cli.audit.readings import _compared
    from psea_cli.indicators.quarters import quarter_readings
    from psea_cli.validation import load_dataset

    dataset = load_dataset(network)[0]
    readings = quarter_readings(dataset, parse("2020-Q3"), dt.date(2020, 12, 31))
    assert [when for when, _rounder in readings] == [dt.date(2020, 9, 30),
                                                      dt.date(2020, 12, 31)]
    for _when, rounder in readings:
        families = {key.split("\0", 1)[0] for key in rounder.reading}
        assert {"response_within_7_days", "accountability/measures",
                "accountability/category", "accountability/service/medical"} <= families
    assert _compared(readings, "2020-Q3", "psea indicators 2020-Q3 --suppress") == []
    moved = Rounder(BASE, b"seed", readings[0][1].reading)
    for key, splits in readings[0][1].reading.items():
        for counts, shown in splits:  # every cell given another value, its count the same
            moved.reading.setdefault(key, []).append(
                (counts, {k: v + BASE if v == 0 else v - BASE for k, v in shown.items()}))
    found = _compared([readings[0], (dt.date(2020, 12, 31), moved)], "2020-Q3", "x")
    assert found
    assert found[0].check == "reading"


def _unknown_employer(case_id: str, events: list[dict[str, Any]]) -> dict[str, Any]:
    record = _case(case_id, "2020-07-10", "2020-07-11")
    record["perpetrator"] = {"affiliation": "unknown"}
    record["events"] += events
    return record


def test_the_accountability_figures_take_a_later_reading_when_some_employers_are_unknown(
        valid_repo: Path) -> None:
    """Five complaints of 2020-Q3 name no employer (the category "other or unknown" holds
    the published "no entity known", 5) and one was referred to medical care in November.
    Read on 31 December, the categories have the same counts as on 30 September, so they keep
    their values and the reading is taken: the referral in November is counted, and the
    quarter is not said to keep its September figures."""
    from psea_cli.disclosure import threshold_of
    from psea_cli.indicators.accountability import accountability
    from psea_cli.indicators.compute import covering_plans
    from psea_cli.indicators.quarters import by_quarter, settled_quarter
    from psea_cli.validation import load_dataset

    store = valid_repo / "data" / "cases"
    for old in store.glob("*.yaml"):
        old.unlink()
    referred = {"kind": "assistance_referred", "date": "2020-11-05", "service": "medical"}
    records = [_unknown_employer(f"NKNWN00{n}", [referred] if n == 1 else [])
               for n in range(1, 6)]
    records.append(_case("KNWN0001", "2020-07-10", "2020-07-11"))
    for record in records:
        (store / f"{record['id']}.yaml").write_text(yaml.safe_dump(record, sort_keys=False),
                                                   encoding="utf-8")
    dataset = load_dataset(valid_repo)[0]
    october = accountability(dataset, parse("2020-Q3"), dt.date(2020, 10, 15))
    january = accountability(dataset, parse("2020-Q3"), dt.date(2021, 1, 15))
    quarter, day = parse("2020-Q3"), dt.date(2020, 12, 31)
    settled = settled_quarter(dataset, by_quarter(dataset, day)[quarter.key], quarter, day,
                              tuple(covering_plans(dataset, quarter)),
                              threshold_of(dataset.network), {})
    assert not settled.held
    assert settled.read_on == day
    assert january.parts["category"] == october.parts["category"]
    assert october.parts["category"]["other_unknown"] >= BASE


_LATE_THEN = {"on_time": 0, "late": 7, "pending": 9}
_LATE_NOW = {"on_time": 8, "late": 8, "pending": 0}


def _reversing_ids() -> list[str]:
    """Sixteen case ids for which a rounding that ignores which way the figures move would
    publish the complaints answered late lower in January than in October, though their
    count rose (found by the same rounding functions, so that the test fails if it does)."""
    chooser = random.Random(7)
    alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
    for _try in range(5000):
        ids = ["".join(chooser.choice(alphabet) for _ in range(8)) for _n in range(16)]
        seed = cell_seed(ids, "2020-Q3")
        total = round_count(len(ids), BASE, cell_draw(seed, "total"))
        family = "response_within_7_days"
        then = controlled_round(_LATE_THEN, total, BASE, seed, family)
        now = controlled_round(_LATE_NOW, total, BASE, seed, family)
        if now["late"] < then["late"]:
            return ids
    raise AssertionError("no ids found for which a fresh rounding publishes late lower")


@pytest.fixture
def answered_late(valid_repo: Path) -> Path:
    """Seven complaints answered late in July; nine received on 27 September, not answered on
    the 30th (pending), of which eight are answered on time on 2 October, one late on the 20th
    (read in January, none is pending any more)."""
    store = valid_repo / "data" / "cases"
    for old in store.glob("*.yaml"):
        old.unlink()
    answers = ["2020-07-30"] * 7 + ["2020-10-20"] + ["2020-10-02"] * 8
    for n, case_id in enumerate(_reversing_ids()):
        record = _case(case_id, "2020-07-10" if n < 7 else "2020-09-27", answers[n])
        (store / f"{case_id}.yaml").write_text(yaml.safe_dump(record, sort_keys=False),
                                              encoding="utf-8")
    return valid_repo


def _count(value: Any) -> int:
    return 0 if value == f"<{BASE}" else int(value)


def test_a_figure_that_only_rises_is_never_published_lower_when_read_again(
        answered_late: Path) -> None:
    """Late 10 in October, 5 in January: the complaints answered late can only grow, so a
    reader holding both would know they were 6 to 9 both times. Read again, what only rises
    is published no lower, what only falls no higher."""
    october = _response(answered_late, "2020-Q3", "2020-10-15")["details"]
    january = _response(answered_late, "2020-Q3", "2021-01-15")["details"]
    assert _count(october["late"]) == 10
    assert _count(january["late"]) >= _count(october["late"])
    assert _count(january["on_time"]) >= _count(october["on_time"])
    assert _count(january["pending"]) <= _count(october["pending"])
    assert "[reading]" not in _run(answered_late, "audit", "--as-of", "2021-01-15").stdout


def test_the_audit_says_when_a_figure_moves_against_its_way(
        answered_late: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from psea_cli.indicators import readings

    monkeypatch.setattr(readings, "_ways", lambda moves, shown, total: [])
    result = CliRunner().invoke(app, ["--root", str(answered_late), "--lang", "en", "audit",
                                      "--as-of", "2021-01-15"])
    assert result.exit_code == 1
    assert ("[reading] 2020-Q3: a figure that only rises (or only falls) as events come is "
            "published lower (or higher) when the quarter is read again "
            "(response_within_7_days)") in result.stdout
    french = CliRunner().invoke(app, ["--root", str(answered_late), "--lang", "fr", "audit",
                                      "--as-of", "2021-01-15"])
    assert "un chiffre qui ne peut que monter (ou que baisser)" in french.stdout


_STEPS = {"not_referred": ("respected_in_time", "respected_late", "breach_late"),
          "respected_in_time": ("breach_in_time",), "respected_late": ("breach_late",)}
"""How later events move a complaint between the referral's parts: referred (in time or
late), and a referral found to breach consent."""


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 40), st.lists(st.integers(0, 10**6), min_size=120, max_size=120),
       st.integers(0, 2**32))
def test_what_only_rises_is_never_published_lower_over_three_readings(
        count: int, numbers: list[int], choice: int) -> None:
    """Random referrals read on three days, each complaint moving on only as events do: what
    the layout says only rises (or falls), its published sum never falls (or rises) from one
    taken reading to the next."""
    from psea_cli.indicators.layouts import LAYOUTS

    chooser = random.Random(choice)
    ids = [f"C{n:07d}" for n in sorted(set(numbers))[:count]]
    keys = ["respected_in_time", "respected_late", "breach_in_time", "breach_late",
            "not_referred"]
    states = [chooser.choice(keys) for _ in ids]
    seed = cell_seed(ids, "2020-Q3")
    total = round_count(len(ids), BASE, cell_draw(seed, "total"))
    moves = LAYOUTS["investigation_referral_with_consent"].moves
    taken: list[dict[str, int]] = []
    rounder: Rounder | None = None
    for _reading in range(3):
        again = Rounder(BASE, seed, rounder.reading if rounder else None)
        shown = again.split({k: states.count(k) for k in keys}, total, "referral", moves)
        if rounder is None or not again.afresh:
            rounder = again
            taken.append(shown)
        states = [chooser.choice(_STEPS[s]) if s in _STEPS and chooser.random() < 0.4 else s
                  for s in states]
    for before, after in itertools.pairwise(taken):
        for parts, way in moves:
            assert (sum(after[p] for p in parts) - sum(before[p] for p in parts)) * way >= 0
