"""Cell-key controlled rounding: the arithmetic every protected case figure goes through.

    total = round_count(n, base, cell_draw(cell_seed(ids, label), "total"))
    parts = controlled_round(cells, total, base, seed, family)

A draw is a number in [0, 1) fixed by a hash of the ids of the cases a figure is made of (the
*cell key*): the same cases always give the same figure, and case ids are random and never
published. ``indicators.shared`` (the case metrics) and ``indicators.accountability`` (what
happened after each complaint) both round through here, so their figures are rounded alike.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Mapping, Sequence

Parts = dict[str, int]


def cell_seed(ids: Iterable[str], label: str) -> bytes:
    """The cell key's seed: a hash of the ids of the cases a figure is made of."""
    digest = hashlib.blake2b(label.encode(), digest_size=16)
    for case_id in sorted(ids):
        digest.update(case_id.encode() + b"\n")
    return digest.digest()


def cell_draw(seed: bytes, *labels: str) -> float:
    """A number in [0, 1) fixed by the seed and the labels (the cell key)."""
    digest = hashlib.blake2b(seed + "\0".join(labels).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def round_count(n: int, base: int, draw: float) -> int:
    """``n`` rounded to a neighbouring multiple of ``base``: up with probability
    remainder / base (unbiased); multiples of ``base`` are kept."""
    low = n - n % base
    return low + base if draw < (n % base) / base else low


Sums = Sequence[tuple[tuple[str, ...], int, int]]
"""Sums of cells a rounding must keep within bounds: (the cells, least, greatest)."""


def controlled_round(cells: Mapping[str, int], rounded_total: int, base: int, seed: bytes,
                     family: str, bounds: Mapping[str, tuple[int, int]] | None = None,
                     sums: Sums = ()) -> Parts:
    """Round each cell to a neighbouring multiple of ``base`` so that they add up to
    ``rounded_total`` (itself a neighbouring multiple of the cells' sum).

    Which cells go up is drawn from the cell keys, a cell with a larger remainder being more
    likely to (weighted sampling without replacement). Such a rounding always exists: the sum
    of the rounded-down cells is at most the rounded total, and enough cells have a remainder.

    A quarter read again (``readings``) narrows the choice: ``bounds`` gives a cell's least
    and greatest value (its published value kept, or no value below or above it), ``sums``
    bounds sums of cells; the first choice in the draws' order that keeps them all is taken,
    and when none does, ValueError.
    """
    lows = {key: n - n % base for key, n in cells.items()}
    highs = {key: low + base if cells[key] % base else low for key, low in lows.items()}
    for key, (least, greatest) in (bounds or {}).items():
        lows[key], highs[key] = max(lows[key], least), min(highs[key], greatest)
    need, left = divmod(rounded_total - sum(lows.values()), base)
    candidates = [key for key in cells if highs[key] > lows[key]]
    if not left and 0 <= need <= len(candidates) and all(
            lows[key] <= highs[key] for key in cells):
        order = sorted(candidates, key=lambda key: cell_draw(seed, family, key) ** (
            base / (cells[key] % base)), reverse=True)
        for up in itertools.combinations(order, need):  # the draws' own choice first
            rounded = {key: lows[key] + (base if key in up else 0) for key in cells}
            if all(least <= sum(rounded[key] for key in keys) <= greatest
                   for keys, least, greatest in sums):
                return rounded
    raise ValueError(f"{family}: cells do not add up to a neighbour of {rounded_total}")


NO_ENTITY = "no_entity_known"
"""The cases whose alleged perpetrator's employer is not known: no entity to refer them to."""


def entity_round(known: int, no_entity: int, rounded_total: int, base: int, seed: bytes) -> Parts:
    """A quarter's cases with a concerned entity known, and without, rounded once to the
    quarter's published total (``known``, ``no_entity_known``). The referral indicator splits
    its parts within the first, and so do the perpetrator's categories: the cases without an
    entity, one category's subset, are then one published figure in both, where two roundings
    of nested sets (the category 5, the cases without an entity ``<5``) narrow both."""
    return controlled_round({"known": known, NO_ENTITY: no_entity}, rounded_total, base, seed,
                            "entity")
