"""A quarter's case metrics and its accountability figures (perpetrator's category, measures
taken, services referred) are one reading: a later reading is taken only when both can keep
their unchanged figures, and otherwise the quarter keeps both at the earlier reading. Read in
two chains, one quarter's case figures could be those of June and its accountability figures
those of December, and a reader could set one beside the other (assistance "pending", in
survivors, against a service's "not referred", in cases)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from psea_cli.dataset import Dataset
from psea_cli.disclosure import threshold_of
from psea_cli.indicators.accountability import accountability
from psea_cli.indicators.compute import covering_plans
from psea_cli.indicators.partitions import followed, partitions
from psea_cli.indicators.quarters import (
    Quarter,
    by_quarter,
    quarter_readings,
    settled_quarter,
    shared_case,
)
from psea_cli.indicators.readings import Rounder
from psea_cli.indicators.rounding import cell_draw, cell_seed, round_count
from psea_cli.periods import Period, parse
from psea_cli.validation import load_dataset

SHIPPED = Path(__file__).resolve().parent.parent
JUNE, SEPTEMBER, DECEMBER = dt.date(2021, 6, 30), dt.date(2021, 9, 30), dt.date(2021, 12, 31)


def _settled(dataset: Dataset, quarter: Period, day: dt.date) -> Quarter:
    return settled_quarter(dataset, by_quarter(dataset, day).get(quarter.key, []), quarter, day,
                           tuple(covering_plans(dataset, quarter)),
                           threshold_of(dataset.network), {})


def test_accountability_figures_that_could_move_on_keep_the_reading_of_the_case_metrics(
        ) -> None:
    """In the shipped data, 2021-Q2 read on 30 September 2021 cannot keep its case metrics
    (the complaints referred in time would change value, their count unchanged): it keeps its
    reading of 30 June. Alone, its measures taken could be read again on 31 December (two
    measures recorded since: "not recorded" 25 → 20, "none" 0 → 5); they keep June's too."""
    dataset = load_dataset(SHIPPED)[0]
    quarter, base = parse("2021-Q2"), threshold_of(dataset.network)
    shared = [c.value for c in by_quarter(dataset, DECEMBER)[quarter.key]
              if shared_case(c.value)]
    seed, cases = cell_seed([c.id for c in shared], quarter.key), [followed(c) for c in shared]
    total = round_count(len(cases), base, cell_draw(seed, "total"))
    alone = Rounder(base, seed)
    june = partitions(cases, JUNE, total, alone)
    for day in (SEPTEMBER, DECEMBER):
        alone = Rounder(base, seed, alone.reading)
        later = partitions(cases, day, total, alone)
        assert not alone.afresh  # read on their own, the partitions would move on
    assert later["measures"] != june["measures"]

    settled = _settled(dataset, quarter, dt.date(2026, 9, 30))
    assert settled.held
    assert settled.read_on == JUNE
    assert settled.accountability == june
    now = accountability(dataset, quarter, dt.date(2026, 10, 15))
    assert now.parts == june
    assert now.parts == accountability(dataset, quarter, dt.date(2021, 7, 15)).parts
    assert [when for when, _r in quarter_readings(dataset, quarter, DECEMBER)] == [JUNE]


def _case(case_id: str, acknowledged: str) -> dict[str, Any]:
    return {"id": case_id, "received": "2020-07-10", "channel": "hotline", "region": "ML05",
            "allegation": "sexual_abuse", "survivor": {"sex": "female", "age_group": "adult"},
            "perpetrator": {"affiliation": "nngo"},
            "consent": {"assistance": "yes", "investigation": "yes", "reporting": "yes"},
            "events": [{"kind": "acknowledged", "date": acknowledged}]}


def test_case_metrics_that_could_move_on_keep_the_reading_of_the_accountability_figures(
        valid_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """2020-Q3's case metrics can be read again on 31 December (a complaint answered in
    October); when its accountability figures cannot (made so here), the quarter keeps its
    reading of 30 September for both."""
    store = valid_repo / "data" / "cases"
    for old in store.glob("*.yaml"):
        old.unlink()
    for n in range(1, 7):
        record = _case(f"JNTCASE{n + 1}", "2020-10-20" if n == 1 else "2020-07-11")
        (store / f"{record['id']}.yaml").write_text(yaml.safe_dump(record, sort_keys=False),
                                                   encoding="utf-8")
    dataset = load_dataset(valid_repo)[0]
    assert len(dataset.cases) == 6
    quarter, day = parse("2020-Q3"), dt.date(2020, 12, 31)
    moved_on = _settled(dataset, quarter, day)
    assert (moved_on.read_on, moved_on.held) == (day, False)

    split = Rounder.split

    def accountability_afresh(self: Rounder, cells: Any, total: int, family: str,
                              moves: Any = (), above_zero: Any = (), at_least: Any = ()) -> Any:
        if family.startswith("accountability/") and self.earlier:
            self.afresh.append(family)  # as when its changed cells cannot make up the rest
        return split(self, cells, total, family, moves, above_zero, at_least)

    monkeypatch.setattr(Rounder, "split", accountability_afresh)
    held = _settled(dataset, quarter, day)
    assert (held.read_on, held.held) == (dt.date(2020, 9, 30), True)
    assert held.parts == _settled(dataset, quarter, dt.date(2020, 9, 30)).parts
