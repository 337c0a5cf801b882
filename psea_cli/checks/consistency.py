"""Ids are unique, file names match ids, periods are ordered and inside the plan, budgets add up."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from psea_cli import periods
from psea_cli.check_marks import day_by_dates, judged_against, part_by_part
from psea_cli.dataset import Dataset, Finding, PathInFile
from psea_cli.i18n import _

if TYPE_CHECKING:
    from psea_cli.dataset import Located
    from psea_cli.models.case import Case
    from psea_cli.models.progress import Progress


def _duplicates(items: Iterable[tuple[str, str, PathInFile]], what: str) -> Iterator[Finding]:
    first: dict[str, tuple[str, PathInFile]] = {}
    for ident, file, path in items:
        if ident in first:
            other_file, other_path = first[ident]
            if other_file == file:  # the line of the other, not the file it is already in
                yield Finding.naming_line("ref.duplicate-id", file, path, other_path,
                                          "same_file", what=what, id=ident)
            else:
                yield Finding.of("ref.duplicate-id", file, path, what=what, id=ident,
                                 file=other_file)
        else:
            first[ident] = (file, path)


def check_unique_ids(ds: Dataset) -> Iterator[Finding]:
    """Organisation, focal point, service, activity and indicator ids are unique (case ids:
    ``check_unique_case_ids``); a focal point's or a service's valid on its own in a file
    that broke its schema too."""
    yield from _duplicates(((o.value.id, o.file, ("id",)) for o in ds.organisations),
                           _("organisation id"))
    by_file: dict[str, list[tuple[str, str, PathInFile]]] = {}
    for fp in ds.judged_focal_points():  # unique within their organisation's file
        by_file.setdefault(fp.file, []).append((fp.value.id, fp.file, (*fp.path, "id")))
    for items in by_file.values():
        yield from _duplicates(items, _("focal point id"))
    yield from _duplicates(((s.value.id, s.file, (*s.path, "id")) for s in ds.judged_services()),
                           _("service id"))
    if ds.network is not None:
        yield from _duplicates(((r.pcode, ds.network_file, ("regions", i, "pcode"))
                                for i, r in enumerate(ds.network.regions)), _("region p-code"))
        yield from _duplicates(((g.id, ds.network_file, ("groups", i, "id"))
                                for i, g in enumerate(ds.network.groups)), _("group id"))
    for bundle in ds.plans:
        plan = bundle.plan
        activities: list[tuple[str, str, PathInFile]] = []
        indicators: list[tuple[str, str, PathInFile]] = []
        for ri, result in enumerate(plan.value.results):
            for si, sub in enumerate(result.sub_results):
                for ai, activity in enumerate(sub.activities):
                    base = ("results", ri, "sub_results", si, "activities", ai)
                    activities.append((activity.id, plan.file, (*base, "id")))
                    indicators.extend((ind.id, plan.file, (*base, "indicators", ii, "id"))
                                      for ii, ind in enumerate(activity.indicators))
        yield from _duplicates(activities, _("activity id"))
        yield from _duplicates(indicators, _("indicator id"))


def check_unique_case_ids(ds: Dataset) -> Iterator[Finding]:
    """No two case records share an id (the later file is flagged)."""
    seen: dict[str, str] = {}
    for entry in ds.case_entries:
        if entry.id in seen:
            yield Finding.of("ref.duplicate-id", entry.file, ("id",), "case",
                             file=seen[entry.id])
        else:
            seen[entry.id] = entry.file


def check_file_names(ds: Dataset) -> Iterator[Finding]:
    """An organisation file is named after its id, a plan folder after its plan, a progress file
    after its period (case files: ``case_file_name``)."""
    for org in ds.organisations:
        if PurePosixPath(org.file).stem != org.value.id:
            yield Finding.of("ref.file-name-mismatch", org.file, ("id",), id=org.value.id)
    for bundle in ds.plans:
        if PurePosixPath(bundle.plan.file).parent.name != bundle.id:
            yield Finding.of("ref.file-name-mismatch", bundle.plan.file, ("id",), "plan",
                             id=bundle.id)
        for period, progress in bundle.progress.items():
            if PurePosixPath(progress.file).stem != period:
                yield Finding.of("ref.file-name-mismatch", progress.file, ("period",), "period",
                                 period=period)


@day_by_dates
@judged_against(lambda _ds: None)
@part_by_part
def case_file_name(_ds: Dataset) -> Callable[[Located[Case]], Iterator[Finding]]:
    """A case file is named after its case (a per-record check)."""
    def check(case: Located[Case]) -> Iterator[Finding]:
        name = case.file.rpartition("/")[2]  # a label: always "/" (no Path: 10,000 of them)
        dot = name.rfind(".")
        if (name[:dot] if 0 < dot < len(name) - 1 else name) != case.value.id:  # Path.stem
            yield Finding.of("ref.file-name-mismatch", case.file, ("id",), "case")
    return check


def check_plan_periods(ds: Dataset) -> Iterator[Finding]:
    """Each start comes before its end; activity periods and target periods lie inside the plan."""
    for bundle in ds.plans:
        plan = bundle.plan.value
        file = bundle.plan.file
        if plan.start > plan.end:
            yield Finding.of("schema.start-after-end", file, ("start",), "plan")
            continue
        span = periods.span(plan.start, plan.end)
        for ri, result in enumerate(plan.results):
            for si, sub in enumerate(result.sub_results):
                for ai, activity in enumerate(sub.activities):
                    base = ("results", ri, "sub_results", si, "activities", ai)
                    p = activity.period
                    if p.start and p.end and p.start > p.end:
                        yield Finding.of("schema.start-after-end", file,
                                         (*base, "period", "start"), "activity")
                    elif (p.start and p.start < plan.start) or (p.end and p.end > plan.end):
                        yield Finding.of("plan.period-outside-plan", file, (*base, "period"),
                                         start=plan.start.isoformat(), end=plan.end.isoformat())
                    for ii, indicator in enumerate(activity.indicators):
                        for key in indicator.targets:
                            if not periods.is_period_key(key):
                                continue
                            if not periods.parse(key).within(span):
                                yield Finding.of(
                                    "plan.target-outside-plan", file,
                                    (*base, "indicators", ii, "targets", key), period=key,
                                    start=plan.start.isoformat(), end=plan.end.isoformat())


def check_plan_budget(ds: Dataset) -> Iterator[Finding]:
    """The activities' budgets add up to the total the plan document states."""
    for bundle in ds.plans:
        plan = bundle.plan.value
        if plan.stated_total_usd is None:
            continue
        total = sum(a.budget.amount_usd or 0 for _, _, a in plan.activities() if a.budget)
        if abs(total - plan.stated_total_usd) > 0.5:
            yield Finding.of("plan.budget-total-mismatch", bundle.plan.file,
                             ("stated_total_usd",), total=f"{total:,.0f}",
                             stated=f"{plan.stated_total_usd:,.0f}")


def _ongoing_done(located: Located[Progress], ongoing: set[str]) -> Iterator[Finding]:
    """An ongoing activity (``recurrence: continuous``: a function the network performs in
    every period, such as referring survivors) is never done for good: each period says
    whether it ran."""
    for activity_id, progress in located.value.activities.items():
        if activity_id in ongoing and progress.status == "done":
            yield Finding.of("progress.ongoing-done", located.file,
                             ("activities", activity_id, "status"), id=activity_id)


def check_progress(ds: Dataset) -> Iterator[Finding]:
    """Progress files name a period inside the plan, existing activities and manual indicators."""
    for bundle in ds.plans:
        plan = bundle.plan.value
        span = periods.span(plan.start, plan.end)
        activity_ids = {a.id for _, _, a in plan.activities()}
        ongoing = {a.id for _, _, a in plan.activities() if a.period.recurrence == "continuous"}
        indicators = {i.id: i for _, i in plan.indicators()}
        for period, located in bundle.progress.items():
            if not periods.parse(period).overlaps(span):
                yield Finding.of("progress.period-outside-plan", located.file, ("period",),
                                 period=period, start=plan.start.isoformat(),
                                 end=plan.end.isoformat())
            for activity_id in located.value.activities:
                if activity_id not in activity_ids:
                    yield Finding.of("progress.unknown-activity", located.file,
                                     ("activities", activity_id), id=activity_id)
            yield from _ongoing_done(located, ongoing)
            for indicator_id in located.value.indicators:
                indicator = indicators.get(indicator_id)
                if indicator is None:
                    yield Finding.of("progress.unknown-indicator", located.file,
                                     ("indicators", indicator_id), id=indicator_id)
                elif indicator.measured_by != "manual":
                    yield Finding.of("progress.computed-indicator", located.file,
                                     ("indicators", indicator_id), id=indicator_id)
