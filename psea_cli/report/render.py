"""Producing a report: choose the period, build the context, render it, write it safely.

The command (``psea report semester|quarter|year``) calls ``choose_period`` and ``render``,
then ``psea_cli.safe_output.write_atomically`` or prints. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from psea_cli import periods
from psea_cli.dataset import Dataset
from psea_cli.i18n import N_, _, current_language
from psea_cli.problems import Problem, PseaError
from psea_cli.report import charts
from psea_cli.report.context import ReportInputs, build_context
from psea_cli.report.environment import render_template
from psea_cli.report.labels import status_labels

FORMATS = ("md", "html")
_EXAMPLES = {"quarter": "2020-Q3", "semester": "2020-S2", "year": "2020"}
_KINDS = {"quarter": N_("quarter"), "semester": N_("semester"), "year": N_("year")}


def choose_period(dataset: Dataset, kind: periods.PeriodKind, text: str | None) -> periods.Period:
    """The period asked for, or the last complete one of ``kind`` inside a plan; one outside
    every plan is refused (``PseaError``) with the plans' spans named."""
    from psea_cli.indicators.compute import covering_plans, default_period

    if text is None:
        return default_period(dataset, kind)
    try:
        period = periods.parse(text)
    except ValueError:
        period = None
    if period is None or period.kind != kind:
        raise PseaError(_("{text} is not a {kind} (example: {example})").format(
            text=text, kind=_(_KINDS[kind]), example=_EXAMPLES[kind]),
            _("Give the period as 2020-S2 (semester), 2020-Q3 (quarter) or 2020 (year)."))
    covering_plans(dataset, period)  # refuses a period outside every plan, naming their spans
    return period


def chart_images(context: dict[str, Any]) -> dict[str, Any]:
    """The three inline SVG charts of the HTML report, from the context's values."""
    threshold = context["threshold"]
    status_rows = [(_("Result {id}").format(id=r["id"]), r["status_counts"])
                   for r in context["results"]]
    services = context["services"]
    return {
        "quarters": charts.bar_chart(
            "chart-quarters", context["cases"]["quarters"], _("Complaints received per quarter"),
            _("Bar chart of the SEA cases received in each quarter of the period; a dashed "
              "bar is a count withheld because it is small."), threshold),
        "status": charts.status_chart(
            "chart-status", status_rows, status_labels(),
            _("Indicator status per result"),
            _("For each result, how many indicators are on track, behind, without target or "
              "without data.")),
        "coverage": charts.coverage_heatmap(
            "chart-coverage", [r["region"] for r in services["rows"]], services["types"],
            [r["counts"] for r in services["rows"]], _("Active services per region and type"),
            _("Each cell holds the number of active services of one type in one region; 0 is "
              "a gap.")),
    }


def render(dataset: Dataset, problems: Sequence[Problem], inputs: ReportInputs,
           output_format: str) -> str:
    """The report of ``inputs.period`` as Markdown or HTML, in the current language."""
    from psea_cli.indicators.compute import covering_plans

    bundle = covering_plans(dataset, inputs.period)[0]
    context = build_context(dataset, problems, bundle, inputs)
    context["charts"] = chart_images(context) if output_format == "html" else {}
    return render_template(dataset.root, f"report.{output_format}.j2", context)


def default_file_name(period: periods.Period, output_format: str) -> str:
    """``rapport-psea-2020-S2.html`` in French, ``psea-report-2020-S2.html`` in English."""
    stem = "rapport-psea" if current_language() == "fr" else "psea-report"
    return f"{stem}-{period.key}.{output_format}"
