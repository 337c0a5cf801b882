"""The report's context: everything a template may show, as plain, already-safe values.

``build_context`` turns the dataset, its problems and the indicator reports into a dict of
strings, numbers and dates. Templates never see a case record: case figures arrive as
counts that went through disclosure control, and nothing here copies a case id, a case note,
a case's admin-2 area or a case file's name. ``today`` and ``revision`` are arguments so that
the same data always gives the same report (golden files, reproducible reports).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
from collections.abc import Sequence
from typing import Any

from psea_cli import formatting, periods
from psea_cli.dataset import Dataset, PlanBundle
from psea_cli.directory.history import Change
from psea_cli.disclosure import threshold_of, withhold_percent
from psea_cli.gitrepo import Revision
from psea_cli.i18n import _, current_language
from psea_cli.indicators.accountability import accountability
from psea_cli.indicators.quarters import QuarterCache
from psea_cli.indicators.settling import settle
from psea_cli.indicators.shared import publish
from psea_cli.indicators.shown import ABSENT_NOTE, ERRORS_NOTE, SEALED_NOTE, read_again_note
from psea_cli.indicators.values import IndicatorReport
from psea_cli.problems import Problem, Severity
from psea_cli.report import (
    accountability_section,
    annex,
    cases_section,
    demonstration,
    directory_section,
    geography,
    narrative,
    plan_section,
    records_section,
)
from psea_cli.report.labels import capitalised

PROBLEMS_SHOWN = 20


@dataclasses.dataclass(frozen=True)
class ReportInputs:
    """What a report is made of, besides the dataset: when, from which revision, what changed.

    ``today`` is also the as-of day of the indicators: a case event dated later is ignored, so
    the same data and the same day always give the same report."""

    period: periods.Period
    today: dt.date
    revision: Revision | None
    changes: Sequence[Change] | None
    """Directory and service-map changes during the period; None outside git."""


def build_context(dataset: Dataset, problems: Sequence[Problem], bundle: PlanBundle,
                  inputs: ReportInputs, quarters: QuarterCache | None = None,
                  ) -> dict[str, Any]:
    """The whole report as plain values, in the current language; ``quarters``: those
    settled already for this report (``report.ahead``)."""
    period = inputs.period
    threshold = threshold_of(dataset.network)
    if quarters is None:  # one reading of each quarter for its figures and accountability
        quarters = {}
    settle(dataset, shown_periods(bundle, period), inputs.today, (bundle,), quarters)
    now = publish(dataset, period, as_of=inputs.today, cache=quarters)
    before = (publish(dataset, period.previous(), as_of=inputs.today, cache=quarters)
              if _inside(bundle, period.previous()) else None)
    cases = cases_section.build(dataset, now, threshold)
    sop = dataset.network.sop if dataset.network else None
    figures_after = accountability(dataset, period, inputs.today, quarters)
    after = accountability_section.build(figures_after, now,
                                         sop.acknowledgement_days if sop else 7)
    results = plan_section.results(dataset, bundle, period, now, before, threshold)
    lines = plan_section.trajectories(_history(dataset, bundle, period, inputs.today, now,
                                               before, quarters), threshold)
    for result in results:
        for row in result["indicators"]:
            row["trajectory"] = lines.get(row["id"], [])
    directory = directory_section.directory(dataset, now.measuring_day, inputs.changes,
                                             (period.start, period.end))
    received = now.metrics.get("cases_received")
    views = geography.regions(dataset, now.measuring_day,
                              received.breakdowns.get("region", {}) if received else {},
                              threshold)
    services = directory_section.services(dataset, now.measuring_day)
    plan = bundle.plan.value
    network = dataset.network
    return {
        "lang": current_language(),
        "network": {"name": (network.name_en if current_language() == "en" and network
                             and network.name_en else network.name if network else "")},
        "plan": {"id": plan.id, "title": plan_section.in_language(plan.title, plan.title_en),
                 "start": plan.start, "end": plan.end},
        "period": {"key": period.key, "label": formatting.period_label(period),
                   "start": period.start, "end": period.end, "kind": period.kind},
        "previous_label": formatting.period_label(period.previous()),
        "generated_on": inputs.today,
        "provisional": period.end >= inputs.today,
        "revision": _revision(inputs.revision),
        "threshold": threshold,
        "key_figures": _with_trends(_key_figures(bundle, period, now, cases, results, services),
                                    now, before, threshold),
        "results": results,
        "narrative": narrative.of_period(bundle, period),
        "cases": cases,
        "accountability": after,
        "directory": directory,
        "services": services,
        "geography": {**geography.summary(views),
                      "regions": [dataclasses.asdict(v) for v in views]},
        "quality": _quality(problems, dataset, now),
        "protection": _protection(now),
        "records": records_section.build(dataset, period, inputs.today),
        "demonstration": demonstration.found(dataset, bundle, now),
        "annex": {"metrics": annex.metric_definitions(bundle, dataset.network)},
    }


def shown_periods(bundle: PlanBundle, period: periods.Period) -> list[periods.Period]:
    """The report's period and every earlier one of its kind in the plan (its trends)."""
    shown = [period]
    while _inside(bundle, shown[-1].previous()):
        shown.append(shown[-1].previous())
    return shown


def _history(dataset: Dataset, bundle: PlanBundle, period: periods.Period, today: dt.date,
             now: IndicatorReport, before: IndicatorReport | None, quarters: QuarterCache
             ) -> list[tuple[str, IndicatorReport]]:
    """The published indicators of every period of the report's kind, from the plan's start to
    the report's period (the two last ones are already computed)."""
    history = [(formatting.period_label(period), now)]
    for earlier in shown_periods(bundle, period)[1:]:
        report = before if before is not None and earlier == before.period else publish(
            dataset, earlier, as_of=today, cache=quarters)
        history.append((formatting.period_label(earlier), report))
    return history[::-1]


def _inside(bundle: PlanBundle, period: periods.Period) -> bool:
    plan = bundle.plan.value
    return plan.start <= period.start and period.end <= plan.end


def _revision(revision: Revision | None) -> dict[str, Any] | None:
    if revision is None:
        return None
    return {"commit": revision.commit, "short": revision.short, "dirty": revision.dirty,
            "committed_on": revision.committed_on}


def _key_figures(bundle: PlanBundle, period: periods.Period, now: IndicatorReport,
                 cases: dict[str, Any], results: list[dict[str, Any]],
                 services: dict[str, Any]) -> list[dict[str, Any]]:
    activities = [a for r in results for a in r["activities"]]
    once = [a for a in activities if not a.get("ongoing")]  # ongoing ones are never done
    done = sum(1 for a in once if a["status"] == "done")
    indicators = [i for r in results for i in r["indicators"]]
    judged = [i for i in indicators if i["status"] in ("on_track", "behind")
              and i.get("target_source") in ("plan", "network")]  # not against examples
    on_track = sum(1 for i in judged if i["status"] == "on_track")
    spent = sum(filter(None, (plan_section.spent_until(bundle, a["id"], period.end)
                              for a in activities)))
    budget = plan_section.plan_budget(bundle)
    coverage = [i.id for _a, i in bundle.plan.value.indicators()
                if i.measured_by == "regions_with_service_coverage"]
    figures: list[dict[str, Any]] = [
        {"value": cases["total_shown"], "label": _("complaints received"), "cases": True}
        if cases["published"] else  # "Complaints received: not published: …"
        {"value": cases["total_shown"], "label": capitalised(_("complaints received")),
         "cases": True, "stated": True},
    ]
    figures += [{"value": t["percent"], "label": t["after"], "cases": True} if t["shown"] else
                {"value": t["percent"], "label": capitalised(t["short"]), "cases": True,
                 "stated": True}
                for t in cases["timeliness"]]  # "91 %" "of…", or "complaints…: withheld"
    figures += [
        {"value": f"{on_track}/{len(judged)}" if judged else "—",
         "label": _("indicators on track (of those with a target in the plan or decided by "
                    "the network)")},
        {"value": f"{done}/{len(once)}" if once else "—", "label": _("one-off activities done")},
        {"value": formatting.format_amount(spent),
         "label": _("spent to date, of {budget} budgeted").format(
             budget=formatting.format_amount(budget))} if budget or spent else
        {"value": "—", "label": _("spent to date: the plan has no budget yet")},
        {"value": _fraction(now, "orgs_with_focal_point"),
         "label": _("member organisations with a focal point")},
        {"value": _fraction(now, "regions_with_service_coverage"),
         "label": _("regions with medical, psychosocial, social and legal services")
         + (f" ({', '.join(coverage)})" if coverage else "")},  # the plan's ids, never another's
    ]
    for figure in figures:  # "stated": said after its name ("…: withheld"), not before "of…"
        figure.setdefault("stated", False)
    return figures


_TRENDS = {0: ("cases_received", "count"), 1: ("response_within_7_days", "percent"),
           2: ("assistance_referral_within_72h", "percent")}
"""Key figures (by position) that show their change since the previous period."""


def _with_trends(figures: list[dict[str, Any]], now: IndicatorReport,
                 before: IndicatorReport | None, threshold: int) -> list[dict[str, Any]]:
    """Each figure with ``trend``: its change since the previous period, when both values are
    published (a percentage over too few cases is withheld, so is its change)."""
    for i, figure in enumerate(figures):
        figure["trend"] = ""
        if before is None or i not in _TRENDS:
            continue
        metric, unit = _TRENDS[i]
        if unit == "count" and not (_whole(now) and _whole(before)):
            continue  # a quarter's complaints beside a semester's: no change to read
        values = []
        for report in (now, before):
            value = report.metrics.get(metric)
            shown = None if value is None else (
                # a count shown "<5" may be 4 then 0: never "unchanged" nor compared
                (value.value if value.value is not None and value.value >= threshold else None)
                if unit == "count"
                else withhold_percent(value.value, value.denominator, threshold))
            values.append(shown)
        if None not in values:
            figure["trend"] = _since(before.period).format(
                change=plan_section.change_text(unit, values[0], values[1]),
                period=formatting.period_label(before.period),
                year=formatting.period_label(before.period))
    return figures


def _whole(report: IndicatorReport) -> bool:
    """Whether the shared figures of ``report`` count every quarter of its period (one not
    over yet counts only those that ended)."""
    counted = report.protection.quarters if report.protection is not None else ()
    return len(counted) == len(report.period.quarters())


def _since(period: periods.Period) -> str:
    """« +5 since 1st semester 2020 »: in French « depuis le 1er semestre 2020 », but « depuis
    2020 » and « depuis la période … »."""
    if period.kind == "year":
        return _("{change} since {year}")
    if period.kind == "span":
        return _("{change} since the period {period}")
    return _("{change} since {period}")


def _fraction(report: IndicatorReport, metric: str) -> str:
    value = report.metrics.get(metric)
    if value is None or not value.denominator:  # none yet: "0/0" would read as a result
        return "—"
    return f"{value.numerator}/{value.denominator}"


_PUBLIC_AREAS = ("data/plan/", "data/focal_points/", "data/services/")


def _locatable(file: str, dataset: Dataset) -> bool:
    """A file whose problems the report may locate: the network file and the plan, directory
    and service folders. Anything else (a case file, wherever the store is, through any path
    form or link) is only counted."""
    cases_prefix = posixpath.normpath(dataset.cases_dir) + "/"
    return ((file == dataset.network_file or file.startswith(_PUBLIC_AREAS))
            and not file.startswith(cases_prefix))


def _quality(problems: Sequence[Problem], dataset: Dataset, now: IndicatorReport
             ) -> dict[str, Any]:
    """Validation counts and messages of the files a report may name: the network file and the
    plan, directory and service folders. Problems in case records are neither listed nor
    counted, not even rounded: they are read on the day the report is made, over every record
    (any period, survivors who refused to be counted), so that a code's presence alone would
    say that some record holds such an event. ``psea report`` tells the person making it, on
    standard error, that the data has errors (``report.replay.warnings``)."""
    shown_problems = [p for p in problems if _locatable(p.file, dataset)]
    listed = [{"location": f"{p.file}:{p.line}:{p.column}", "severity": p.severity.word,
               "code": p.code, "message": p.message} for p in shown_problems]
    errors = sum(1 for p in shown_problems if p.severity is Severity.ERROR)
    missing = [{"id": i.id, "text": plan_section.in_language(i.text, i.text_en)}
               for i in now.indicators if i.metric is None and i.value is None]
    return {"errors": errors, "warnings": len(shown_problems) - errors,
            "problems": listed[:PROBLEMS_SHOWN], "more": max(0, len(listed) - PROBLEMS_SHOWN),
            "missing_manual": missing,
            "manual": any(i.metric is None for i in now.indicators)}


def _protection(now: IndicatorReport) -> dict[str, Any]:
    """How the case figures were protected, for the report's explanation."""
    protection = now.protection
    if protection is None:
        raise ValueError("the report needs the shared view of indicators.shared.publish")
    left_out = protection.left_out
    return {"base": protection.base, "read_on": protection.read_on,
            "quarters": [formatting.period_label(periods.parse(q)) for q in protection.quarters],
            "left_out": left_out if left_out >= protection.base else None,
            "read_again": read_again_note(protection),
            "sealed": _(SEALED_NOTE) if protection.sealed else None,
            "erroneous": _(ERRORS_NOTE) if protection.erroneous else None,
            "absent": _(ABSENT_NOTE) if protection.absent else None}
