"""Disclosure control: small counts never leave psea in a report, a JSON file or a table.

Three rules, used by ``psea indicators --suppress`` and by every report:

* **Small counts.** A count from 1 to ``threshold - 1`` is shown as ``"<threshold"`` (``<5``);
  0 stays 0. The threshold is ``suppression_threshold`` of ``data/network.yaml`` (5 by
  default) and never below 3 (``threshold_of``).
* **Percentages on small numbers.** A percentage whose denominator is under the threshold is
  withheld (``withhold_percent``): 1 case out of 2 is "50 %", which identifies people as
  surely as the count.
* **Tables.** ``suppress_table`` withholds the small cells of a table (primary suppression)
  and then as many other cells as needed so that no withheld cell can be worked out from the
  row and column totals that are shown (secondary suppression). The algorithm is described on
  that function.

In a table every withheld entry is shown with the same mark, ``WITHHELD`` (``x``), whatever
the reason it was withheld. Showing small cells as ``<5`` and the others differently would
leak them: a row ``<5 | x`` with a total of 6 can only be ``1 | 5``.
"""

from __future__ import annotations

import dataclasses
import heapq
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from psea_cli.models import Network

MINIMUM_THRESHOLD = 3
DEFAULT_THRESHOLD = 5
WITHHELD = "x"
"""The mark of a withheld table entry, as statistical offices print it (Statistics Canada)."""


def threshold_of(network: Network | None) -> int:
    """The network's suppression threshold, never below 3 (5 when network.yaml is unreadable)."""
    if network is None:
        return DEFAULT_THRESHOLD
    return max(MINIMUM_THRESHOLD, network.suppression_threshold)


def is_small(count: int, threshold: int) -> bool:
    """True for a count that must not be shown: 1 to ``threshold - 1``."""
    return 0 < count < max(MINIMUM_THRESHOLD, threshold)


def suppress_count(n: int, threshold: int) -> int | str:
    """``n`` itself, or ``"<threshold"`` when it is a small count (0 stays 0)."""
    threshold = max(MINIMUM_THRESHOLD, threshold)
    return f"<{threshold}" if is_small(n, threshold) else n


def withhold_percent(value: float | None, denominator: int | None, threshold: int) -> float | None:
    """The percentage, or None when its denominator is unknown or under the threshold."""
    if value is None or denominator is None:
        return None
    if denominator < max(MINIMUM_THRESHOLD, threshold):
        return None
    return value


# --- tables -------------------------------------------------------------------------------

_ROWS = "rows"
_COLUMNS = "columns"
Entry = tuple[str, str | None, str | None]
"""A table entry: ("cell", row, column), ("row_total", row, None), ("column_total", None,
column) or ("total", None, None)."""


@dataclasses.dataclass(frozen=True)
class SuppressedTable:
    """A count table after disclosure control: a withheld entry is ``None``.

    ``primary`` holds the entries withheld because they are small, ``secondary`` those
    withheld to protect them; both are for audits and tests; never display the difference.
    """

    cells: dict[str, dict[str, int | None]]
    row_totals: dict[str, int | None]
    column_totals: dict[str, int | None]
    total: int | None
    primary: frozenset[Entry]
    secondary: frozenset[Entry]

    def shown(self, value: int | None) -> int | str:
        """A value as printed: the number, or ``WITHHELD``."""
        return WITHHELD if value is None else value


class _Graph:
    """Withheld entries as edges between lines (rows, columns and the two margin lines).

    Each row, each column, the line of column totals (``"T", "rows"``) and the line of row
    totals (``"T", "columns"``) is a node; an entry is the edge between the two lines it lies
    on. The totals give one equation per node, and a withheld entry can be worked out from
    them exactly when its edge is a *bridge* of the graph of withheld entries: an edge on no
    cycle. Secondary suppression therefore puts every withheld edge on a cycle.
    """

    def __init__(self, rows: list[str], columns: list[str]) -> None:
        self.ends: dict[Entry, tuple[tuple[str, str], tuple[str, str]]] = {}
        for r in rows:
            for c in columns:
                self.ends[("cell", r, c)] = ((_ROWS, r), (_COLUMNS, c))
            self.ends[("row_total", r, None)] = ((_ROWS, r), (_COLUMNS, "\0T"))
        for c in columns:
            self.ends[("column_total", None, c)] = ((_ROWS, "\0T"), (_COLUMNS, c))
        self.ends[("total", None, None)] = ((_ROWS, "\0T"), (_COLUMNS, "\0T"))

    def bridges(self, withheld: set[Entry]) -> list[Entry]:
        """Withheld entries that lie on no cycle of withheld entries (recoverable ones)."""
        adjacency: dict[tuple[str, str], list[tuple[tuple[str, str], Entry]]] = {}
        for entry in withheld:
            a, b = self.ends[entry]
            adjacency.setdefault(a, []).append((b, entry))
            adjacency.setdefault(b, []).append((a, entry))
        order: dict[tuple[str, str], int] = {}
        low: dict[tuple[str, str], int] = {}
        found: list[Entry] = []
        for start in sorted(adjacency):
            if start in order:
                continue
            order[start] = low[start] = len(order)
            stack: list[tuple[tuple[str, str], Entry | None, int]] = [(start, None, 0)]
            while stack:
                node, via, index = stack[-1]
                neighbours = adjacency[node]
                if index < len(neighbours):
                    stack[-1] = (node, via, index + 1)
                    nxt, edge = neighbours[index]
                    if edge == via:
                        continue
                    if nxt in order:
                        low[node] = min(low[node], order[nxt])
                    else:
                        order[nxt] = low[nxt] = len(order)
                        stack.append((nxt, edge, 0))
                    continue
                stack.pop()
                if stack and via is not None:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        found.append(via)
        return sorted(found, key=_entry_order)

    def cheapest_path(self, bridge: Entry, withheld: set[Entry],
                      cost: Mapping[Entry, float]) -> list[Entry]:
        """The shown entries to withhold so that ``bridge`` lies on a cycle, at least cost.

        Dijkstra between the bridge's two lines over every other entry with a cost (withheld
        entries are free, zero entries are unusable: withholding a 0 protects nothing).
        """
        source, target = self.ends[bridge]
        adjacency: dict[tuple[str, str], list[tuple[tuple[str, str], Entry]]] = {}
        for entry, (a, b) in self.ends.items():
            if entry == bridge or (entry not in withheld and entry not in cost):
                continue
            adjacency.setdefault(a, []).append((b, entry))
            adjacency.setdefault(b, []).append((a, entry))
        best: dict[tuple[str, str], float] = {source: 0.0}
        back: dict[tuple[str, str], tuple[tuple[str, str], Entry]] = {}
        queue: list[tuple[float, tuple[str, str]]] = [(0.0, source)]
        while queue:
            distance, node = heapq.heappop(queue)
            if node == target:
                break
            if distance > best.get(node, float("inf")):
                continue
            for nxt, entry in sorted(adjacency.get(node, []), key=lambda x: _entry_order(x[1])):
                step = 0.0 if entry in withheld else cost[entry]
                if distance + step < best.get(nxt, float("inf")):
                    best[nxt] = distance + step
                    back[nxt] = (node, entry)
                    heapq.heappush(queue, (distance + step, nxt))
        path: list[Entry] = []
        node = target
        while node != source and node in back:
            node, entry = back[node]
            if entry not in withheld:
                path.append(entry)
        return path


def _entry_order(entry: Entry) -> tuple[str, str, str]:
    return (entry[0], entry[1] or "", entry[2] or "")


def suppress_table(rows: Mapping[str, Mapping[str, int]], threshold: int) -> SuppressedTable:
    """Withhold the small cells of a count table and enough others to protect them.

    ``rows`` maps a row label to ``{column label: count}``; missing cells count as 0. The
    row totals, column totals and grand total are computed here and take part in the
    protection like any cell. The algorithm:

    1. **Primary suppression.** Every cell and every total from 1 to ``threshold - 1`` is
       withheld.
    2. **Secondary suppression, for exact recovery.** Each row, each column and each margin
       gives one equation (the entries add up to the total). A withheld entry can be worked
       out from the shown numbers exactly when it lies on no *cycle* of withheld entries
       (row → column → row … back to the start, see ``_Graph``). For each such entry, the
       cheapest set of shown, non-zero entries that closes a cycle through it is withheld
       (cost: the entry's value, so small cells go first; the grand total only when nothing
       else works, as national totals are always shown if possible).
    3. **Secondary suppression, for small sums.** In a line whose total is shown, the
       withheld entries add up to a number anyone can compute. When that sum is under the
       threshold, or not larger than the number of withheld entries (every withheld entry is
       at least 1, so ``a + b = 2`` means 1 and 1), the smallest shown non-zero cell of the
       line is withheld too, or else the line's total.
    4. Steps 2 and 3 repeat until nothing changes. This ends: each round withholds at least
       one more entry, and withholding every non-zero entry satisfies both rules.

    Zero cells are never withheld: a 0 reveals no one, and withholding it protects nothing.
    """
    threshold = max(MINIMUM_THRESHOLD, threshold)
    row_labels = list(rows)
    column_labels: list[str] = []
    for values in rows.values():
        column_labels.extend(c for c in values if c not in column_labels)
    value: dict[Entry, int] = {}
    for r in row_labels:
        for c in column_labels:
            value[("cell", r, c)] = int(rows[r].get(c, 0))
        value[("row_total", r, None)] = sum(value[("cell", r, c)] for c in column_labels)
    for c in column_labels:
        value[("column_total", None, c)] = sum(value[("cell", r, c)] for r in row_labels)
    value[("total", None, None)] = sum(value[("row_total", r, None)] for r in row_labels)

    primary = {e for e, v in value.items() if is_small(v, threshold)}
    withheld = set(primary)
    graph = _Graph(row_labels, column_labels)
    grand_total_cost = float(sum(value.values()) + 1) * 1000.0
    while True:
        cost = {e: (grand_total_cost if e[0] == "total" else float(v))
                for e, v in value.items() if v > 0 and e not in withheld}
        added = _close_cycles(graph, withheld, cost) or _protect_small_sums(
            _lines(row_labels, column_labels), value, withheld, threshold)
        if not added:
            break

    def shown(entry: Entry) -> int | None:
        return None if entry in withheld else value[entry]

    return SuppressedTable(
        cells={r: {c: shown(("cell", r, c)) for c in column_labels} for r in row_labels},
        row_totals={r: shown(("row_total", r, None)) for r in row_labels},
        column_totals={c: shown(("column_total", None, c)) for c in column_labels},
        total=shown(("total", None, None)),
        primary=frozenset(primary),
        secondary=frozenset(withheld - primary),
    )


def _close_cycles(graph: _Graph, withheld: set[Entry], cost: Mapping[Entry, float]) -> bool:
    for bridge in graph.bridges(withheld):
        path = graph.cheapest_path(bridge, withheld, cost)
        if path:
            withheld.update(path)
            return True
    return False


def _lines(rows: list[str], columns: list[str]) -> Iterable[tuple[list[Entry], Entry]]:
    """Every line of the table with its total: rows, columns and the two margins."""
    for r in rows:
        yield [("cell", r, c) for c in columns], ("row_total", r, None)
    for c in columns:
        yield [("cell", r, c) for r in rows], ("column_total", None, c)
    yield [("row_total", r, None) for r in rows], ("total", None, None)
    yield [("column_total", None, c) for c in columns], ("total", None, None)


def _protect_small_sums(lines: Iterable[tuple[list[Entry], Entry]], value: Mapping[Entry, int],
                        withheld: set[Entry], threshold: int) -> bool:
    for members, total in lines:
        hidden = [e for e in members if e in withheld]
        if not hidden or total in withheld:
            continue
        hidden_sum = sum(value[e] for e in hidden)
        if hidden_sum >= threshold and hidden_sum > len(hidden):
            continue
        candidates = sorted((value[e], _entry_order(e), e) for e in members
                            if e not in withheld and value[e] > 0)
        withheld.add(candidates[0][2] if candidates else total)
        return True
    return False


def suppress_breakdown(counts: Mapping[str, int], threshold: int) -> dict[str, int | None]:
    """A one-way breakdown (region → count) after disclosure control; withheld is None.

    The breakdown's total is the metric's own value, published beside it, so it cannot be
    hidden: the cells alone carry the protection. Small cells (1 to ``threshold - 1``) are
    withheld; then, while only one cell is withheld, or the withheld cells add up to less
    than the threshold or to no more than their number (each is at least 1, so "x, x" out of
    a total 2 more than the rest means 1 and 1), the smallest shown non-zero cell is withheld
    too. When no non-zero cell is left, a zero cell is withheld, so that a reader cannot
    count on every withheld cell being at least 1.
    """
    threshold = max(MINIMUM_THRESHOLD, threshold)
    withheld = {key for key, n in counts.items() if is_small(n, threshold)}

    def unsafe() -> bool:
        hidden = [counts[k] for k in withheld]
        if not hidden:
            return False
        zero_hidden = any(n == 0 for n in hidden)
        return len(hidden) == 1 or sum(hidden) < threshold or (
            sum(hidden) <= len(hidden) and not zero_hidden)

    while unsafe():
        shown = sorted((n, key) for key, n in counts.items() if key not in withheld)
        nonzero = [key for n, key in shown if n > 0]
        zeros = [key for n, key in shown if n == 0]
        if nonzero:
            withheld.add(nonzero[0])
        elif zeros:
            withheld.add(zeros[0])
        else:
            break  # every cell is withheld: nothing more can be hidden
    return {key: None if key in withheld else n for key, n in counts.items()}
