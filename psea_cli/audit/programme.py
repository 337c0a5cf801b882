"""The attacker's linear programme: how far every published quarter count can be narrowed.

For one quarter, the unknowns are the true counts behind its published figures: the number
of cases ``T`` and every part of every split. What the reader knows:

* each true count lies within ``t - 1`` of its published value, and is at least 0;
* the parts of each split add up to ``T``;
* what the figures count makes some parts of one split lie inside parts of another
  (``attack.containments``: a complaint still pending on the quarter's last day came in its
  last days, so it is open for less than 30 days or closed): those add up to no more.

For every unknown, its least and greatest value under these constraints are two linear
programmes. They are solved all at once: one programme made of independent copies of the
quarter's constraints, one copy per (unknown, direction), whose objective adds up each copy's
own target. The copies share nothing, so the optimum optimises each copy on its own, and each
copy's target at the optimum is that unknown's bound. The constraint matrix is that of a
network (each part in one split, ``T`` in all), so the bounds are whole numbers; a
containment adds an inequality, and a bound that is no whole number is taken to the next whole
number inside the range (a count is whole: none lies between the two).
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
    within: list[tuple[list[int], list[int]]] = dataclasses.field(default_factory=list)
    """(inner, outer): the parts ``inner`` add up to no more than the parts ``outer``."""


def box(published: int, threshold: int) -> tuple[float, float]:
    """True values a published count allows: within threshold - 1 of it, never below 0."""
    return float(max(0, published - threshold + 1)), float(published + threshold - 1)


def system(label: str, total: tuple[str, int], splits: dict[str, dict[str, int]],
           threshold: int, within: list[tuple[list[str], list[str]]] | None = None) -> System:
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
    index = {name: i for i, name in enumerate(names)}
    contained = [([index[n] for n in inner], [index[n] for n in outer])
                 for inner, outer in within or []
                 if all(n in index for n in (*inner, *outer))]
    return System(label, names, low, high, rows, contained)


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
    upper: tuple[list[float], list[int], list[int]] = ([], [], [])
    inequalities = 0
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
        for inner, outer in s.within:  # sum(inner) - sum(outer) <= 0
            for i, coefficient in [(i, 1.0) for i in inner] + [(i, -1.0) for i in outer]:
                upper[0].append(coefficient)
                upper[1].append(inequalities)
                upper[2].append(start + i)
            inequalities += 1
    matrix = sparse.csr_array((data, (row_index, col_index)), shape=(row, len(cost)))
    at_most = sparse.csr_array((upper[0], (upper[1], upper[2])),
                               shape=(inequalities, len(cost))) if inequalities else None
    result = linprog(np.array(cost), A_eq=matrix if row else None,
                     b_eq=np.zeros(row) if row else None, A_ub=at_most,
                     b_ub=np.zeros(inequalities) if inequalities else None,
                     bounds=bounds, method="highs")
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
