"""The attacker's linear programme: how far every published quarter count can be narrowed.

For one quarter, the unknowns are the true counts behind its published figures: the number
of cases ``T`` and every part of every split. What the reader knows:

* each true count lies within ``t - 1`` of its published value, and is at least 0;
* the parts of each split add up to ``T``.

For every unknown, its least and greatest value under these constraints are two linear
programmes. They are solved all at once: one programme made of independent copies of the
quarter's constraints, one copy per (unknown, direction), whose objective adds up each copy's
own target. The copies share nothing, so the optimum optimises each copy on its own, and each
copy's target at the optimum is that unknown's bound. The constraint matrix is that of a
network (each part in one split, ``T`` in all), so the bounds are whole numbers.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from scipy import sparse
from scipy.optimize import linprog


@dataclasses.dataclass(frozen=True)
class System:
    """One quarter's unknowns (named by the figure they stand behind) and constraints."""

    label: str
    names: list[str]
    low: list[float]
    high: list[float]
    rows: list[list[int]]
    """Each split: indexes of its parts; the parts add up to the unknown at index 0."""


def box(published: int, threshold: int) -> tuple[float, float]:
    """True values a published count allows: within threshold - 1 of it, never below 0."""
    return float(max(0, published - threshold + 1)), float(published + threshold - 1)


def system(label: str, total: tuple[str, int], splits: dict[str, dict[str, int]],
           threshold: int) -> System:
    names = [total[0]]
    low, high = [box(total[1], threshold)[0]], [box(total[1], threshold)[1]]
    rows: list[list[int]] = []
    for parts in splits.values():
        row = []
        for name, published in parts.items():
            row.append(len(names))
            names.append(name)
            lo, hi = box(published, threshold)
            low.append(lo)
            high.append(hi)
        rows.append(row)
    return System(label, names, low, high, rows)


def ranges(systems: list[System]) -> dict[tuple[str, str], tuple[int, int]]:
    """{(system label, unknown): (least, greatest)} for every unknown of every system, from
    one call to HiGHS. Raises ValueError when the published figures contradict each other."""
    blocks: list[tuple[System, int, float]] = [
        (s, i, sign) for s in systems for i in range(len(s.names)) for sign in (1.0, -1.0)]
    if not blocks:
        return {}
    cost: list[float] = []
    bounds: list[tuple[float, float]] = []
    data: list[float] = []
    row_index: list[int] = []
    col_index: list[int] = []
    row = 0
    for s, target, sign in blocks:
        start = len(cost)
        cost += [sign if i == target else 0.0 for i in range(len(s.names))]
        bounds += list(zip(s.low, s.high, strict=True))
        for parts in s.rows:
            for i in parts:
                data.append(1.0)
                row_index.append(row)
                col_index.append(start + i)
            data.append(-1.0)
            row_index.append(row)
            col_index.append(start)
            row += 1
    matrix = sparse.csr_array((data, (row_index, col_index)), shape=(row, len(cost)))
    result = linprog(np.array(cost), A_eq=matrix if row else None,
                     b_eq=np.zeros(row) if row else None, bounds=bounds, method="highs")
    if result.status != 0:
        raise ValueError(f"the published figures contradict each other: {result.message}")
    found: dict[tuple[str, str], tuple[int, int]] = {}
    position = 0
    for s, target, sign in blocks:
        value = float(result.x[position + target])
        key = (s.label, s.names[target])
        least, greatest = found.get(key, (0, 0))
        if sign > 0:
            least = int(np.ceil(value - 1e-6))
        else:
            greatest = int(np.floor(value + 1e-6))
        found[key] = (least, greatest)
        position += len(s.names)
    return found
