"""The report's accountability partitions of a quarter's cases: the category of the alleged
perpetrator, the measures the entity took, the assistance by service type
(``accountability`` adds them up into periods).

A partition puts every shared case of the quarter in exactly one part, every part listed even
when empty (``Partition``). Its parts are rounded in the quarter's reading with the case
metrics (``quarters``, one ``readings.Rounder``), to multiples of the threshold adding up to
the quarter's published total: a quarter's case metrics and accountability figures are always
one reading, and a reading that cannot keep one of them is not taken for either (a reader
could set "assistance pending", in survivors, of one reading beside a service's "not
referred", in cases, of another).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING, NamedTuple

from psea_cli.cases.vocabulary import MEASURES, PERPETRATOR_CATEGORIES
from psea_cli.indicators.context import has_entity
from psea_cli.indicators.readings import Moves, Rounder
from psea_cli.indicators.rounding import NO_ENTITY, Parts
from psea_cli.models.service import SERVICE_TYPES

if TYPE_CHECKING:
    from psea_cli.models import Case


Partition = tuple[tuple[str, ...], Moves]
"""Every part a partition has, and what only rises or falls as events come
(``readings.Moves``): each part is listed, 0 included, so that a missing row never says 0 and
``<5`` always means 0 to 4."""

_MEASURES: Partition = (("not_recorded", *MEASURES), ((("not_recorded",), -1),))
_SERVICE: Partition = (("referred", "not_referred"),
                       ((("referred",), 1), (("not_referred",), -1)))
_CATEGORY: Partition = (PERPETRATOR_CATEGORIES, ())


class Followed(NamedTuple):
    """What the partitions read of one case, taken from its events once for all the readings
    of its quarter (``followed``)."""

    category: str | None
    """The perpetrator's category; None when no entity is known (``has_entity``)."""
    measures: tuple[tuple[dt.date, str], ...]
    """The measures recorded, (day, measure), in the order of the events."""
    services: tuple[tuple[dt.date, str], ...]
    """The referrals to assistance, (day, type of service)."""


def followed(case: Case) -> Followed:
    """What the partitions read of ``case``, in one pass over its events."""
    measures, services = [], []
    for event in case.events:
        if event.kind == "measures_taken":
            measures.append((event.day, str(event.measure or "other")))
        elif event.kind == "assistance_referred" and event.service is not None:
            services.append((event.day, str(event.service)))
    return Followed(case.perpetrator.category if has_entity(case) else None, tuple(measures),
                    tuple(services))


def _measure(measures: tuple[tuple[dt.date, str], ...], day: dt.date) -> str:
    """The last measure recorded by ``day`` (the first of that day's), or ``not_recorded``."""
    last: tuple[dt.date, str] | None = None
    for when, measure in measures:
        if when <= day and (last is None or when > last[0]):
            last = (when, measure)
    return "not_recorded" if last is None else last[1]


def _cells(counts: Counter[str], name: str, partition: Partition) -> Parts:
    cells = {key: counts.pop(key, 0) for key in partition[0]}
    if counts:  # a part the list lacks: an error of psea's, never shown half
        raise ValueError(f"accountability/{name}: parts {sorted(counts)} are not listed")
    return cells


def _categories(known: Counter[str], cases: int, total: int, rounder: Rounder) -> Parts:
    """The perpetrator's categories (``known``: of the cases with an entity known), split
    within those cases as the shared view rounds them (``rounding.entity_round``); the cases
    without one, all of the category ``other_unknown``, are the referral indicator's own
    published figure."""
    outer = rounder.entity(known.total(), cases - known.total(), total)
    inner = rounder.split(_cells(known, "category", _CATEGORY), outer["known"],
                          "accountability/category")
    return {**inner, "other_unknown": inner["other_unknown"] + outer[NO_ENTITY]}


def partitions(cases: list[Followed], day: dt.date, total: int, rounder: Rounder,
               unreferred_shown: bool = False) -> dict[str, Parts]:
    """Every partition of a quarter's shared ``cases`` (``followed``) as read on ``day``
    (the perpetrator's category, the measures taken, each type of service referred or not),
    rounded by the reading's ``rounder`` to the quarter's published ``total``.

    ``unreferred_shown``: the reading publishes survivors whose referral to assistance is
    pending above 0, so a reader knows that a case has no referral to assistance at all,
    and so that no type of service took every case: a type's "not referred" published 0
    would then mean 1 to 4, where 0 must mean 0 to 4. It is published 5 instead, whenever
    the quarter's total allows (when it does not, ``psea audit`` says so)."""
    known: Counter[str] = Counter()
    measures: Counter[str] = Counter()
    referred: Counter[str] = Counter()
    for case in cases:  # one pass: this runs at every reading of every quarter
        if case.category is not None:
            known[case.category] += 1
        measures[_measure(case.measures, day) if case.measures else "not_recorded"] += 1
        if case.services:
            for kind in {kind for when, kind in case.services if when <= day}:
                referred[kind] += 1
    published = {"category": _categories(known, len(cases), total, rounder),
                 "measures": rounder.split(_cells(measures, "measures", _MEASURES), total,
                                           "accountability/measures", _MEASURES[1])}
    for kind in SERVICE_TYPES:
        cells = {"referred": referred[kind], "not_referred": len(cases) - referred[kind]}
        published[f"service/{kind}"] = rounder.split(
            cells, total, f"accountability/service/{kind}", _SERVICE[1],
            ("not_referred",) if unreferred_shown else ())
    return published
