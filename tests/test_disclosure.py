"""Disclosure control: small counts, percentages on small numbers, and table suppression that
no reader can undo from the totals shown (checked by an independent linear-algebra audit)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from psea_cli.disclosure import (
    WITHHELD,
    SuppressedTable,
    suppress_breakdown,
    suppress_count,
    suppress_table,
    threshold_of,
    withhold_percent,
)


@pytest.mark.parametrize(("n", "shown"), [(0, 0), (1, "<5"), (4, "<5"), (5, 5), (120, 120)])
def test_small_counts_are_shown_as_under_the_threshold(n: int, shown: int | str) -> None:
    assert suppress_count(n, 5) == shown


def test_threshold_is_never_below_3() -> None:
    assert suppress_count(2, 1) == "<3"
    assert suppress_count(3, 2) == 3
    assert threshold_of(None) == 5


def test_percentage_on_fewer_cases_than_the_threshold_is_withheld() -> None:
    assert withhold_percent(50.0, 4, 5) is None
    assert withhold_percent(50.0, 5, 5) == 50.0
    assert withhold_percent(None, 10, 5) is None
    assert withhold_percent(20.0, None, 5) is None


def test_a_small_cell_is_protected_by_a_rectangle_of_cells() -> None:
    table = suppress_table({"ML05": {"female": 2, "male": 7},
                            "ML06": {"female": 6, "male": 9}}, 5)
    # 2 is small; withholding only 2 leaves it equal to 9 - 7. The cheapest protection is the
    # rectangle of the four cells; every total stays visible.
    assert table.cells == {"ML05": {"female": None, "male": None},
                           "ML06": {"female": None, "male": None}}
    assert table.row_totals == {"ML05": 9, "ML06": 15}
    assert table.column_totals == {"female": 8, "male": 16}
    assert table.total == 24
    assert table.primary == {("cell", "ML05", "female")}


def test_a_table_without_small_cells_is_unchanged() -> None:
    table = suppress_table({"a": {"x": 5, "y": 0}, "b": {"x": 7, "y": 12}}, 5)
    assert table.cells == {"a": {"x": 5, "y": 0}, "b": {"x": 7, "y": 12}}
    assert not table.primary
    assert not table.secondary


def test_small_grand_total_is_withheld_too() -> None:
    table = suppress_table({"a": {"x": 1, "y": 2}}, 5)
    assert table.total is None
    assert table.row_totals == {"a": None}
    assert table.shown(table.total) == WITHHELD


def test_breakdown_never_leaves_a_single_small_cell_next_to_its_public_total() -> None:
    shown = suppress_breakdown({"ML05": 3, "ML06": 8, "ML09": 12, "ML01": 0}, 5)
    assert shown["ML05"] is None
    assert shown["ML06"] is None  # the smallest other cell, else ML05 = total - 8 - 12
    assert shown["ML09"] == 12
    assert shown["ML01"] == 0


def test_two_ones_are_not_left_as_the_only_withheld_cells() -> None:
    # withheld 1 and 1 beside a public total: both are ≥ 1 and add up to 2, so both are 1
    shown = suppress_breakdown({"a": 1, "b": 1, "c": 9}, 5)
    assert shown == {"a": None, "b": None, "c": None}


# --- the audit ------------------------------------------------------------------------------


def _entries(table: SuppressedTable, rows: dict[str, dict[str, int]]) -> dict[tuple, int | None]:
    """Every entry with the value published (None when withheld)."""
    shown: dict[tuple, int | None] = {}
    for r, cells in table.cells.items():
        for c, v in cells.items():
            shown[("cell", r, c)] = v
        shown[("row", r)] = table.row_totals[r]
    for c, v in table.column_totals.items():
        shown[("col", c)] = v
    shown[("total",)] = table.total
    return shown


def _lines(rows: list[str], columns: list[str]) -> list[tuple[list[tuple], tuple]]:
    lines: list[tuple[list[tuple], tuple]] = []
    for r in rows:
        lines.append(([("cell", r, c) for c in columns], ("row", r)))
    for c in columns:
        lines.append(([("cell", r, c) for r in rows], ("col", c)))
    lines.append(([("row", r) for r in rows], ("total",)))
    lines.append(([("col", c) for c in columns], ("total",)))
    return lines


def _rank(matrix: list[list[Fraction]]) -> int:
    m = [row[:] for row in matrix]
    rank, columns = 0, len(m[0]) if m else 0
    for col in range(columns):
        pivot = next((i for i in range(rank, len(m)) if m[i][col] != 0), None)
        if pivot is None:
            continue
        m[rank], m[pivot] = m[pivot], m[rank]
        for i in range(len(m)):
            if i != rank and m[i][col] != 0:
                factor = m[i][col] / m[rank][col]
                m[i] = [a - factor * b for a, b in zip(m[i], m[rank], strict=True)]
        rank += 1
    return rank


def recoverable(shown: dict[tuple, int | None], lines: list[tuple[list[tuple], tuple]]) -> list:
    """Withheld entries whose value the line equations (entries add up to the total) fix."""
    unknown = [e for e, v in shown.items() if v is None]
    index = {e: i for i, e in enumerate(unknown)}
    equations = []
    for members, total in lines:
        row = [Fraction(0)] * len(unknown)
        for e in members:
            if e in index:
                row[index[e]] += 1
        if total in index:
            row[index[total]] -= 1
        if any(row):
            equations.append(row)
    base = _rank(equations) if equations else 0
    found = []
    for e, i in index.items():
        unit = [Fraction(int(j == i)) for j in range(len(unknown))]
        if _rank([*equations, unit]) == base:
            found.append(e)
    return found


tables = st.integers(1, 4).flatmap(lambda n_rows: st.integers(1, 4).flatmap(
    lambda n_cols: st.lists(
        st.lists(st.one_of(st.integers(0, 6), st.integers(0, 40)), min_size=n_cols,
                 max_size=n_cols), min_size=n_rows, max_size=n_rows)))


@settings(max_examples=300, deadline=None)
@given(tables, st.sampled_from([3, 5, 10]))
def test_no_withheld_cell_can_be_recomputed_from_the_totals_shown(
        grid: list[list[int]], threshold: int) -> None:
    rows = {f"r{i}": {f"c{j}": v for j, v in enumerate(line)} for i, line in enumerate(grid)}
    table = suppress_table(rows, threshold)
    shown = _entries(table, rows)
    row_labels, col_labels = list(rows), list(next(iter(rows.values())))
    lines = _lines(row_labels, col_labels)
    # 1. what is shown is true, and every small number is withheld
    exact = {("cell", r, c): rows[r][c] for r in row_labels for c in col_labels}
    exact.update({("row", r): sum(rows[r].values()) for r in row_labels})
    exact.update({("col", c): sum(rows[r][c] for r in row_labels) for c in col_labels})
    exact[("total",)] = sum(exact[("row", r)] for r in row_labels)
    for entry, value in shown.items():
        if value is not None:
            assert value == exact[entry]
            assert not 0 < value < threshold, entry
        else:
            assert exact[entry] > 0, "a zero is never withheld"
    # 2. the totals shown fix no withheld entry
    assert recoverable(shown, lines) == []
    # 3. where a line's total is shown, its withheld entries add up to no small number
    for members, total in lines:
        hidden = [exact[e] for e in members if shown[e] is None]
        if hidden and shown[total] is not None:
            assert sum(hidden) >= threshold
            assert sum(hidden) > len(hidden)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["ML01", "ML04", "ML05", "ML06", "ML09", "ML10"]),
                       st.integers(0, 30) | st.integers(0, 3), min_size=1),
       st.sampled_from([3, 5]))
def test_breakdowns_cannot_be_undone_from_their_public_total(counts: dict[str, int],
                                                             threshold: int) -> None:
    shown = suppress_breakdown(counts, threshold)
    hidden = [counts[k] for k, v in shown.items() if v is None]
    assert all(v == counts[k] for k, v in shown.items() if v is not None)
    assert all(v is None for k, v in shown.items() if 0 < counts[k] < threshold)
    if not hidden or sum(counts.values()) < threshold:
        return  # nothing withheld, or a total shown as "<threshold" itself
    assert len(hidden) >= 2  # the total minus the shown cells is a sum, not a cell
    assert sum(hidden) >= threshold  # ... and that sum is not itself a small count
    # each withheld cell could be 1 or more (or is possibly 0), unless nothing is left to hide
    assert sum(hidden) > len(hidden) or 0 in hidden or len(hidden) == len(counts)


def test_five_single_cases_in_five_regions_are_not_pinned_to_one() -> None:
    shown = suppress_breakdown({"ML01": 1, "ML04": 1, "ML05": 1, "ML06": 1, "ML09": 1,
                                "ML10": 0}, 5)
    assert shown == dict.fromkeys(["ML01", "ML04", "ML05", "ML06", "ML09", "ML10"])


def test_every_case_metric_is_published_through_a_layout() -> None:
    """A new case metric must say how it splits a quarter's cases, or it is not shared."""
    from psea_cli.indicators.registry import METRICS
    from psea_cli.indicators.shared import LAYOUTS

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
    from psea_cli.pipeline import load_dataset

    dataset = load_dataset(Path(__file__).parent.parent)[0]
    report = publish(dataset, periods.parse("2021-S2"), dt.date.fromisoformat(as_of))
    assert report.protection is not None
    assert (report.protection.read_on.isoformat(), report.protection.quarters) == (
        read_on, quarters)
    received = metric_document(report.metrics["cases_received"], 5)
    assert list(received["breakdowns"]["quarter"]) == list(quarters)
    if not quarters:
        assert received["value"] == "<5"
        assert metric_document(report.metrics["response_within_7_days"], 5)["value"] == "x"
