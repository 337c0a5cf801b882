"""Disclosure control: the threshold, percentages on small numbers, and the cell-key
controlled rounding every shared case count goes through (indicators/shared.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from psea_cli.disclosure import threshold_of, withhold_percent
from psea_cli.indicators.rounding import cell_draw, cell_seed, controlled_round, round_count


def test_threshold_is_never_below_3() -> None:
    assert threshold_of(None) == 5


def test_percentage_on_fewer_cases_than_the_threshold_is_withheld() -> None:
    assert withhold_percent(50.0, 4, 5) is None
    assert withhold_percent(50.0, 5, 5) == 50.0
    assert withhold_percent(None, 10, 5) is None
    assert withhold_percent(20.0, None, 5) is None


@pytest.mark.parametrize(("n", "draw", "rounded"), [
    (0, 0.0, 0), (5, 0.0, 5), (10, 0.99, 10),   # multiples stay
    (3, 0.59, 5), (3, 0.6, 0),                  # 3 goes up with probability 3/5
    (7, 0.39, 10), (7, 0.4, 5), (1, 0.19, 5), (1, 0.2, 0)])
def test_a_count_is_rounded_to_a_neighbouring_multiple_up_with_its_remainder_s_odds(
        n: int, draw: float, rounded: int) -> None:
    assert round_count(n, 5, draw) == rounded


def test_the_same_cases_always_give_the_same_draw_and_others_another() -> None:
    seed = cell_seed(["B2", "A1"], "2021-Q3")
    assert seed == cell_seed(["A1", "B2"], "2021-Q3")
    assert cell_draw(seed, "total") == cell_draw(cell_seed(["A1", "B2"], "2021-Q3"), "total")
    assert cell_draw(seed, "total") != cell_draw(cell_seed(["A1", "C3"], "2021-Q3"), "total")
    assert 0 <= cell_draw(seed, "total") < 1


@given(cells=st.dictionaries(st.sampled_from([f"ML{i:02d}" for i in range(1, 12)]),
                             st.integers(0, 30), min_size=1),
       draw=st.floats(0, 0.999), seed=st.binary(min_size=4, max_size=8))
def test_a_split_is_rounded_to_neighbours_that_add_up_to_its_rounded_total(
        cells: dict[str, int], draw: float, seed: bytes) -> None:
    total = round_count(sum(cells.values()), 5, draw)
    rounded = controlled_round(cells, total, 5, seed, "region")
    assert sum(rounded.values()) == total
    for key, n in cells.items():
        assert rounded[key] % 5 == 0
        assert abs(rounded[key] - n) < 5
        assert n % 5 or rounded[key] == n


def test_a_rounded_total_that_is_no_neighbour_is_refused() -> None:
    with pytest.raises(ValueError, match="neighbour"):
        controlled_round({"a": 3, "b": 3}, 15, 5, b"seed", "region")


def test_every_case_metric_is_published_through_a_layout() -> None:
    """A new case metric must say how it splits a quarter's cases, or it is not shared."""
    from psea_cli.indicators.layouts import LAYOUTS
    from psea_cli.indicators.registry import METRICS

    assert {name for name, metric in METRICS.items() if metric.sensitive} <= set(LAYOUTS)


def test_raw_case_figures_cannot_be_shown_as_shared() -> None:
    from psea_cli.indicators.export import metric_document
    from psea_cli.indicators.values import MetricValue

    raw = MetricValue("cases_received", 3.0, None, None, {"region": {"ML05": 3}}, {})
    assert metric_document(raw)["value"] == 3  # the core team's view
    with pytest.raises(ValueError, match="publish"):
        metric_document(raw, 5)


@pytest.mark.parametrize(("as_of", "read_on", "quarters"), [
    ("2021-09-29", "2021-06-30", ()),
    ("2021-11-16", "2021-09-30", ("2021-Q3",)),
    ("2021-12-31", "2021-12-31", ("2021-Q3", "2021-Q4")),
    ("2026-12-02", "2026-09-30", ("2021-Q3", "2021-Q4")),
])
def test_shared_figures_count_the_complete_quarters_only(as_of: str, read_on: str,
                                                         quarters: tuple[str, ...]) -> None:
    import datetime as dt
    from pathlib import Path

    from psea_cli import periods
    from psea_cli.indicators.export import metric_document
    from psea_cli.indicators.shared import publish
    from psea_cli.validation import load_dataset

    dataset = load_dataset(Path(__file__).parent.parent)[0]
    report = publish(dataset, periods.parse("2021-S2"), dt.date.fromisoformat(as_of))
    assert report.protection is not None
    assert (report.protection.read_on.isoformat(), report.protection.quarters) == (
        read_on, quarters)
    received = metric_document(report.metrics["cases_received"], 5)
    if not quarters:  # no figure at all, and why: "<5" would read as 0 to 4 cases
        assert (received["value"], received["breakdowns"]) == (None, {})
        assert received["not_published"] == "no_complete_quarter"
        response = metric_document(report.metrics["response_within_7_days"], 5)
        assert (response["value"], response["not_published"]) == (None, "no_complete_quarter")
    else:
        assert list(received["breakdowns"]["quarter"]) == list(quarters)
