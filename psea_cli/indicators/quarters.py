"""One quarter's case figures as psea publishes them (``shared``, which adds quarters up into
periods): the quarter's cases split every way a metric splits them, each split rounded to the
quarter's rounded total (``rounding``), read on its own last day and again after its records
moved on (``readings``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from psea_cli import periods
from psea_cli.disclosure import threshold_of
from psea_cli.indicators.accountability_metrics import MEDIAN_STEPS, days_to
from psea_cli.indicators.case_metrics import pending_days
from psea_cli.indicators.compute import covering_plans
from psea_cli.indicators.context import SEA_ALLEGATIONS, CaseFacts, MeasureContext
from psea_cli.indicators.layouts import (
    AGED,
    LAYOUTS,
    Contained,
    Layout,
    _detail,
    aged_most,
    containments,
)
from psea_cli.indicators.partitions import Followed, followed, partitions
from psea_cli.indicators.readings import Reading, Rounder, reading_days
from psea_cli.indicators.registry import METRICS
from psea_cli.indicators.rounding import (
    NO_ENTITY,
    Parts,
    cell_draw,
    cell_seed,
    round_count,
)

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset, Located, PlanBundle
    from psea_cli.models import Case


def shared_day(as_of: dt.date) -> dt.date:
    """The day shared figures are read as of: the end of the last complete calendar quarter
    on or before ``as_of`` (2021-11-16 gives 2021-09-30; 2021-12-31 gives itself)."""
    quarter = periods.containing(as_of, "quarter")
    return as_of if as_of == quarter.end else quarter.start - dt.timedelta(days=1)


def shared_case(case: Case) -> bool:
    """A case that may be counted in shared figures: an SEA allegation (sexual exploitation or
    abuse) whose survivor did not refuse to be counted, not closed as a duplicate."""
    return (case.allegation in SEA_ALLEGATIONS and case.consent.reporting != "no"
            and not case.duplicate)


@dataclasses.dataclass
class Quarter:
    """The published (rounded) figures of one quarter."""

    total: int
    survivors: int
    parts: dict[str, Parts]
    breakdowns: dict[str, dict[str, Parts]]
    medians: dict[str, tuple[list[int], Parts, dt.date]]
    """For each median, the days of the quarter's cases it counts, the published parts of its
    ``population``'s metric and the day they were read on, as of one reading: this one, or an
    earlier one where the
    median may not move (``Layout.entering``). A quarter that keeps an earlier reading keeps
    them too: a median read on later records, set beside the earlier counts, said that they
    were earlier and which side had grown."""
    left_out: int
    accountability: dict[str, Parts]
    """The report's accountability partitions (``partitions``), rounded in the same reading
    by the same ``rounder``: a reading that cannot keep them is not taken for the case
    metrics either, and the reverse."""
    rounder: Rounder
    """How it was rounded: its ``reading`` is kept by the quarter's next reading."""
    read_on: dt.date
    """The day of the reading these figures are: the quarter's own last day, or the end of a
    later quarter in which one of its records had an event."""
    aged: dict[str, int]
    """For each split of ``layouts.AGED``: the most cases its parts that hold the old
    complaints can stand for, at the reading of this quarter so far where that is fewest (a
    reader may set a median beside any of them; a complaint reopened leaves "closed")."""
    held: bool = False
    """Read again later, one figure whose count had not changed would have been given
    another value: these are the figures of an earlier reading (``readings``)."""


def by_quarter(dataset: Dataset, day: dt.date) -> dict[str, list[Located[Case]]]:
    """{quarter key: SEA cases received in it by ``day``}, in one pass over the cases."""
    found: dict[str, list[Located[Case]]] = {}
    for located in dataset.cases:
        case = located.value
        received = case.received_day
        if case.allegation not in SEA_ALLEGATIONS or received > day or case.duplicate:
            continue
        found.setdefault(f"{received.year}-Q{(received.month - 1) // 3 + 1}", []).append(located)
    return found


def settled_quarters(dataset: Dataset, counted: list[periods.Period], day: dt.date,
                     bundles: tuple[PlanBundle, ...], base: int, cache: QuarterCache
                     ) -> list[tuple[str, Quarter]]:
    """The ``counted`` quarters as published on ``day`` (``settled_quarter``), kept in
    ``cache`` for the next caller (the report's case figures and accountability section, the
    audit's every period)."""
    missing = [q for q in counted if (q.key, day) not in cache]
    cases = by_quarter(dataset, day) if missing else {}
    for q in missing:
        cache[(q.key, day)] = settled_quarter(dataset, cases.get(q.key, []), q, day, bundles,
                                               base, cache)
    return [(q.key, cache[(q.key, day)]) for q in counted]


def settled_quarter(dataset: Dataset, cases: list[Located[Case]], quarter: periods.Period,
                     day: dt.date, bundles: tuple[PlanBundle, ...], base: int,
                     cache: QuarterCache) -> Quarter:
    """The quarter as published on ``day``: read on its own last day, then again at each
    later quarter's end where one of its records had an event (``readings``), each reading
    keeping the values of the cells whose counts did not change. A reading that could not
    (``Rounder.afresh``) is not taken: the quarter keeps the figures of the reading before,
    and says so (``held``), until a later reading can be taken."""
    records = _records(cases, quarter, base)  # once, for every reading
    days, moved = reading_days(quarter, [c.value for c in cases], day,
                               pending_days(dataset.network))
    taken: Quarter | None = None
    known: dict[int, CaseFacts] = {}
    for index, when in enumerate(days):
        found = cache.get((quarter.key, when))
        if found is None:
            found, known = _publish_quarter(
                dataset, records, quarter, when, bundles, base,
                taken.rounder.reading if taken is not None else None,
                {k: facts for k, facts in known.items() if k not in moved[index]})
            if taken is not None and found.rounder.afresh:
                found = dataclasses.replace(taken, held=True)
            elif taken is not None:
                found = dataclasses.replace(
                    found, medians=_medians(taken, found, base),
                    aged={k: min(n, taken.aged[k]) for k, n in found.aged.items()})
            cache[(quarter.key, when)] = found
        else:
            known = {}
        taken = found
    assert taken is not None
    return taken


def quarter_readings(dataset: Dataset, quarter: periods.Period, day: dt.date
                     ) -> list[tuple[dt.date, Rounder]]:
    """Each reading of ``quarter`` up to its reading of ``day`` (a quarter's end), with how it
    was rounded (its case metrics and accountability partitions): what ``psea audit``
    checks."""
    cases = by_quarter(dataset, day).get(quarter.key, [])
    bundles = tuple(covering_plans(dataset, quarter))
    cache: QuarterCache = {}
    settled_quarter(dataset, cases, quarter, day, bundles, threshold_of(dataset.network), cache)
    taken = {q.read_on: q.rounder for q in cache.values()}
    return sorted(taken.items())


class _Records(NamedTuple):
    """A quarter's records, and what every reading of it reads of them alike."""

    cases: list[Located[Case]]
    after: list[Followed]
    """What the accountability partitions read of its shared cases (``partitions.followed``)."""
    seed: bytes
    """The key of its cells' draws: its shared cases' ids (``cell_seed``)."""
    shared: int
    left_out: int
    """The cases its survivors refused to have counted, rounded."""


def _records(cases: list[Located[Case]], quarter: periods.Period, base: int) -> _Records:
    ids: list[str] = []
    refused: list[str] = []
    after: list[Followed] = []
    for located in cases:
        case = located.value
        if shared_case(case):
            ids.append(case.id)
            after.append(followed(case))
        else:
            refused.append(case.id)
    left_out = round_count(len(refused), base,
                           cell_draw(cell_seed(refused, quarter.key), "left_out"))
    return _Records(cases, after, cell_seed(ids, quarter.key), len(ids), left_out)


def _publish_quarter(dataset: Dataset, records: _Records, quarter: periods.Period,
                     day: dt.date, bundles: tuple[PlanBundle, ...], base: int,
                     earlier: Reading | None = None, known: dict[int, CaseFacts] | None = None
                     ) -> tuple[Quarter, dict[int, CaseFacts]]:
    """The quarter's figures read on ``day``, and the facts of its records read for them
    (``known``: facts of its records still true on ``day``)."""
    context = MeasureContext(dataclasses.replace(dataset, cases=records.cases), quarter, day,
                             bundles, shared=True, known=known)
    seed = records.seed
    rounder = Rounder(base, seed, earlier)
    raw = {name: metric.measure(context) for name, metric in METRICS.items()
           if metric.sensitive and name in LAYOUTS and LAYOUTS[name].kind != "median"}
    received = raw["cases_received"]
    true_total = int(received.value or 0)
    if true_total != records.shared:
        raise ValueError(f"{quarter.key}: {true_total} cases counted, {records.shared} keyed")
    draw = cell_draw(seed, "total")
    true_survivors = _detail(received, "survivors")
    survivors = round_count(true_survivors, base, draw)  # one draw: never fewer than cases
    total = _cases_total(true_total, survivors, base, draw)
    totals = {"cases": (true_total, total), "survivors": (true_survivors, survivors)}
    parts: dict[str, Parts] = {}
    breakdowns: dict[str, dict[str, Parts]] = {}
    contained = containments(dataset.network.sop.acknowledgement_days if dataset.network
                             else 7)
    for name, value in raw.items():
        layout = LAYOUTS[name]
        split = layout.parts(value)
        true_whole, whole = totals[layout.unit]
        if sum(split.values()) != true_whole or min(split.values(), default=0) < 0:
            raise ValueError(f"{quarter.key}: the parts of {name} do not split its {layout.unit}")
        parts[name] = _rounded(split, layout, (true_whole, whole), rounder,
                               layout.family or name, _at_least(name, parts, contained))
        breakdowns[name] = {dim: rounder.split(value.breakdowns.get(dim, {}), total,
                                               f"{name}/{dim}")
                            for dim in layout.breakdowns}
    medians = {name: (days_to(context, step), dict(parts[_population(name)]), day)
               for name, step in MEDIAN_STEPS.items()}
    aged = {metric: aged_most(parts[metric], metric, base) for metric in AGED}
    return Quarter(total, survivors, parts, breakdowns, medians, records.left_out,
                   partitions(records.after, day, total, rounder, _unreferred_shown(parts)),
                   rounder, day, aged), \
        context.facts_by_record


def _unreferred_shown(parts: dict[str, Parts]) -> bool:
    """Whether the reading publishes survivors pending a referral to assistance above 0: a
    case without any referral to assistance (``partitions``). (Survivors who declined it
    prove none: a referral recorded after a refusal is a warning, not impossible.)"""
    return parts.get("assistance_referral_within_72h", {}).get("pending", 0) > 0


def _cases_total(cases: int, survivors: int, base: int, draw: float) -> int:
    """The quarter's number of cases as published: rounded by the quarter's draw, but never
    ``<5`` beside survivors published above 0. Every survivor is one case's, so "cases: <5"
    beside "survivors: 5" said that there was one case at least (1 to 4 where ``<5`` means 0
    to 4); a quarter of 1 to 4 cases whose survivors are published is therefore published 5,
    within ``base - 1`` of its count like any other."""
    total = round_count(cases, base, draw)
    return base if total == 0 and survivors > 0 else total


def _population(median: str) -> str:
    population = LAYOUTS[median].population
    assert population is not None, median
    return population[0]


def _medians(before: Quarter, after: Quarter, base: int
             ) -> dict[str, tuple[list[int], Parts, dt.date]]:
    """``after``'s medians, except those whose ``entering`` parts were published 0 in
    ``before``: those keep ``before``'s (a median that moved said that one of them had
    entered since, so 1 to 4 where 0 to 4 is published)."""
    return {name: found if sum(before.parts[_population(name)].get(part, 0)
                               for part in LAYOUTS[name].entering) >= base
            else before.medians[name] for name, found in after.medians.items()}


def _at_least(name: str, parts: dict[str, Parts], contained: list[Contained]
              ) -> list[tuple[tuple[str, ...], int]]:
    """What the parts of ``name`` must add up to at least: the published parts of a split
    rounded before it that lie inside them (``layouts.containments``)."""
    return [(outer_parts, sum(parts[inner].get(part, 0) for part in inner_parts))
            for (inner, inner_parts), (outer, outer_parts) in contained
            if outer == name and inner in parts]


def _rounded(split: Parts, layout: Layout, whole: tuple[int, int], rounder: Rounder,
             name: str, at_least: list[tuple[tuple[str, ...], int]]) -> Parts:
    """A metric's parts rounded to the published whole: at once, or the cases without an
    entity known first (``Layout.entity_first``), the other parts within the rest."""
    if not layout.entity_first:
        return rounder.split(split, whole[1], name, layout.moves, at_least=at_least)
    outer = rounder.entity(whole[0] - split[NO_ENTITY], split[NO_ENTITY], whole[1])
    inner = rounder.split({k: n for k, n in split.items() if k != NO_ENTITY}, outer["known"],
                          name, layout.moves)
    return {key: outer[NO_ENTITY] if key == NO_ENTITY else inner[key] for key in split}


QuarterCache = dict[tuple[str, dt.date], Quarter]
