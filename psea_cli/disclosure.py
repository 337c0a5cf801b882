"""Disclosure control: the threshold and the rules every shared case figure follows.

The figures psea shares about cases (``psea indicators --suppress`` in every format, every
report) all come from one protected view, ``psea_cli.indicators.shared.publish``: whole
quarters read at a quarter's end, cases whose survivor refused to be counted left out, each
quarter's counts rounded to a multiple of the threshold by cell-key controlled rounding, and
longer periods adding up their quarters (docs/disclosure.md). This module holds what that view
and the display code share:

* ``threshold_of``: the network's threshold, ``suppression_threshold`` of
  ``data/network.yaml`` (5 by default), never below 3;
* ``withhold_percent``: a percentage whose denominator is under the threshold is withheld
  (1 case out of 2 is "50 %", which identifies people as surely as the count);
* ``shown_share``: whether a shared percentage of published counts may be shown: not when
  its whole, its part or the rest is under the threshold. A part published ``<5`` stands for
  0 to 4 cases, so "0 %" would say none where there may be 4, and "100 %" all where 4 may
  be missing;
* ``WITHHELD`` (``x``), the mark of a withheld value.

Protecting each table on its own (small cells withheld, then enough others to protect them)
was psea's first method; it was dropped because a withheld cell came back from another
period's table, another day's output or the figures beside it.
"""

from __future__ import annotations

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


def withhold_percent(value: float | None, denominator: int | None, threshold: int) -> float | None:
    """The percentage, or None when its denominator is unknown or under the threshold."""
    if value is None or denominator is None:
        return None
    if denominator < max(MINIMUM_THRESHOLD, threshold):
        return None
    return value


def shown_share(part: int | None, whole: int | None, threshold: int) -> bool:
    """Whether the percentage ``part`` of ``whole`` (published counts, multiples of the
    threshold) may be shown: the whole, the part and the rest each of at least the
    threshold. Otherwise it is withheld: "0 %" or "100 %" of rounded counts would state none
    or all where up to threshold - 1 cases may be on the other side."""
    if part is None or whole is None:
        return False
    base = max(MINIMUM_THRESHOLD, threshold)
    return whole >= base and part >= base and whole - part >= base
