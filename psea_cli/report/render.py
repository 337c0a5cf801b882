"""Producing a report: choose the period, build the context, render it, write it safely.

The command (``psea report semester|quarter|year``) calls ``choose_period`` and ``render``,
then ``psea_cli.safe_output.write_atomically`` or prints. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from psea_cli import formatting, periods
from psea_cli.dataset import Dataset
from psea_cli.i18n import N_, _, current_language
from psea_cli.indicators.shown import display, target_text
from psea_cli.problems import Problem, PseaError
from psea_cli.report import charts, maps, narrative
from psea_cli.report.context import ReportInputs, build_context
from psea_cli.report.environment import render_template
from psea_cli.report.labels import status_labels

if TYPE_CHECKING:
    from psea_cli.indicators.quarters import QuarterCache
    from psea_cli.report.draft import Draft

_EXAMPLES = {"quarter": "2020-Q3", "semester": "2020-S2", "year": "2020"}
_KINDS = {"quarter": N_("quarter"), "semester": N_("semester"), "year": N_("year")}


def choose_period(dataset: Dataset, kind: periods.PeriodKind, text: str | None) -> periods.Period:
    """The period asked for, or the last complete one of ``kind`` inside a plan; one outside
    every plan is refused (``PseaError``) with the plans' spans named."""
    from psea_cli.indicators.compute import covering_plans, default_period

    if text is None:
        return default_period(dataset, kind)
    try:
        period = periods.typed(text)
    except ValueError:
        period = None
    if period is None or period.kind != kind:
        raise PseaError(_("{text} is not a {kind} (example: {example})").format(
            text=text, kind=_(_KINDS[kind]), example=_EXAMPLES[kind]),
            _("Give the period as 2020-S2 (semester), 2020-Q3 (quarter) or 2020 (year)."))
    covering_plans(dataset, period)  # refuses a period outside every plan, naming their spans
    return period


def _point(value: float | None, unit: str) -> str:
    """A point of a trajectory as the table says it: ``73%``, ``5 days``, ``12``."""
    if value is None:
        return "—"
    if unit in ("percent", "days", "amount", "qualitative"):
        return display(value, unit)
    return formatting.format_number(value, decimals=0 if float(value).is_integer() else 1)


def _sparklines(context: dict[str, Any]) -> None:
    """Each indicator row with values in more than one period gets its trajectory (``trend``)."""
    for result in context["results"]:
        for row in result["indicators"]:
            points = row.get("trajectory", [])
            if sum(1 for _label, value in points if value is not None) < 2:
                continue
            target = row.get("target_number")
            unit = row.get("unit", "count")
            said = _("; ").join(charts.said(label, _point(value, unit)) for label, value in points)
            if target is not None:
                said += _("; ") + _("target: {target}").format(target=target_text(target, unit))
            row["trend"] = charts.sparkline(f"spark-{row['id']}", points, target,
                                            _("Trajectory of {id}").format(id=row["id"]), said)


def _sparkline_key(context: dict[str, Any]) -> str:
    """The legend of the indicator tables' small lines, when a row has one."""
    drawn = [row["trajectory"] for result in context["results"]
             for row in result["indicators"] if row.get("trend")]
    if not drawn:
        return ""
    labels = [label for label, _value in max(drawn, key=len)]
    return charts.sparkline_key(labels[0], labels[-1])


def chart_images(context: dict[str, Any]) -> dict[str, Any]:
    """The inline SVG charts of the HTML report, from the context's values."""
    _sparklines(context)
    threshold = context["threshold"]
    status_rows = [(_("Result {id}").format(id=r["id"]), r["status_counts"])
                   for r in context["results"]]
    services = context["services"]
    return {
        **_maps(context),
        "sparkline_key": _sparkline_key(context),
        "quarters": charts.bar_chart(
            "chart-quarters", context["cases"]["quarters"], _("Complaints received per quarter"),
            _("Bar chart of the SEA cases received in each quarter of the period, rounded to "
              "a multiple of {threshold}; a dashed bar is a count under {threshold} (0 to "
              "{top}).").format(threshold=threshold, top=threshold - 1), threshold),
        "status": charts.status_chart(
            "chart-status", status_rows, status_labels(),
            _("Indicator status per result"),
            _("For each result, how many indicators are on track, behind, without target, "
              "without data or withheld.")),
        "coverage": charts.coverage_heatmap(
            "chart-coverage", [r["region"] for r in services["rows"]], services["types"],
            [r["counts"] for r in services["rows"]], _("Active services per region and type"),
            _("Each cell holds the number of active services of one type in one region; 0 is "
              "a gap.")),
    }


def _ranges(values: dict[int, list[int]]) -> dict[int, str]:
    """Each level's values as the legend says them: ``5`` or ``10–15``."""
    found = {}
    for level, shown in values.items():
        low, high = min(shown), max(shown)
        found[level] = formatting.format_number(low) if low == high else \
            f"{formatting.format_number(low)}–{formatting.format_number(high)}"
    return found


def _maps(context: dict[str, Any]) -> dict[str, Any]:
    """The two tile maps of the report: service coverage and (protected) cases, by region.
    The legend names every shade a square has, with the values it stands for there."""
    geo = context["geography"]
    total = geo["core_total"] or 1
    threshold = context["threshold"]
    coverage = []
    cases = []
    counts = [r["cases"] for r in geo["regions"] if isinstance(r["cases"], int)]
    top = max([*counts, 1])
    available_at: dict[int, list[int]] = {}
    cases_at: dict[int, list[int]] = {}
    for r in geo["regions"]:
        column, row = r["tile"] or (None, None)
        available, count = r["core_available"], r["cases"]
        if available is None:
            coverage.append(maps.Tile(r["name"], column, row, "—", None, _("no data")))
        else:
            shade = round(4 * available / total)
            available_at.setdefault(shade, []).append(available)
            coverage.append(maps.Tile(r["name"], column, row, f"{available}/{total}", shade))
        level = (0 if not isinstance(count, int) or count == 0
                 else max(1, -(-4 * count // top)))
        if level:
            cases_at.setdefault(level, []).append(count)
        cases.append(maps.Tile(r["name"], column, row, str(count), level))
    services = _ranges(available_at)
    complaints = _ranges(cases_at)
    return {
        "map_coverage": maps.tile_map(
            "map-coverage", coverage, _("Services the plan asks for, by region"),
            _("One square per region, roughly where it lies; the darker, the more of the "
              "{total} services the plan asks for have an active service there.").format(
                  total=total),
            [*((level, _("{values} of {total} services").format(
                values=services[level], total=total))
               for level in sorted(services, reverse=True)),
             (None, _("no data (see below)"))]),
        "map_cases": maps.tile_map(
            "map-cases", cases, _("SEA complaints received, by region"),
            _("One square per region, roughly where it lies; the darker, the more complaints. "
              "Counts are rounded to protect survivors: <{threshold} means 0 to {most} in "
              "each quarter the period adds up.").format(threshold=threshold,
                                                         most=threshold - 1),
            [*((level, _("{values} complaints").format(values=complaints[level]))
               for level in sorted(complaints, reverse=True)),
             (0, _("<{threshold} in each quarter").format(threshold=threshold))]),
    }


def render(dataset: Dataset, problems: Sequence[Problem], inputs: ReportInputs,
           output_format: str, quarters: QuarterCache | None = None) -> str:
    """The report of ``inputs.period`` as Markdown or HTML, in the current language (a PDF
    is the HTML report, see ``render_pdf``); ``quarters`` as ``build_context`` takes them."""
    from psea_cli.indicators.compute import covering_plans

    template = "html" if output_format == "pdf" else output_format
    bundle = covering_plans(dataset, inputs.period)[0]
    context = build_context(dataset, problems, bundle, inputs, quarters)
    context["charts"] = chart_images(context) if template == "html" else {}
    return render_template(dataset.root, f"report.{template}.j2", context)


def render_pdf(dataset: Dataset, problems: Sequence[Problem], inputs: ReportInputs,
               quarters: QuarterCache | None = None) -> bytes:
    """The HTML report laid out on A4 by WeasyPrint (``PseaError`` when it is missing)."""
    from psea_cli.report.pdf import html_to_pdf

    return html_to_pdf(render(dataset, problems, inputs, "pdf", quarters))


def default_file_name(period: periods.Period, output_format: str) -> str:
    """``rapport-psea-2020-S2.html`` in French, ``psea-report-2020-S2.html`` in English."""
    stem = "rapport-psea" if current_language() == "fr" else "psea-report"
    return f"{stem}-{period.key}.{output_format}"


def write_draft(dataset: Dataset, problems: Sequence[Problem], inputs: ReportInputs) -> Draft:
    """The period's progress file with the missing parts of its narrative added (see
    ``psea_cli.report.draft``); the summary starts from the key figures, in both languages,
    but for the case figures: written into a committed file, they would stay as they were
    while every later report rounds the period's cases afresh (a record entered late), and
    one document would then hold both figures of a quarter. The caller writes
    ``Draft.text`` when it is not None."""
    from psea_cli.i18n import set_language
    from psea_cli.indicators.compute import covering_plans
    from psea_cli.report import draft  # ruamel.yaml: only a draft needs it
    from psea_cli.schema_export import modeline

    bundle = covering_plans(dataset, inputs.period)[0]
    language = current_language()
    summaries = {}
    try:
        for lang, key in (("fr", "summary"), ("en", "summary_en")):
            set_language(lang)
            figures = build_context(dataset, problems, bundle, inputs)["key_figures"]
            listed = _("; ").join(f"{_shown(f['value'])} {f['label']}" for f in figures
                                  if not f.get("cases"))  # « … ; … » in French
            summaries[key] = _(narrative.DRAFT).format(
                figures=listed)
    finally:
        set_language(language)
    located = bundle.progress.get(inputs.period.key)
    label = draft.progress_file(bundle.plan.file, inputs.period.key,
                                located.file if located is not None else None)
    return draft.draft(dataset.root, label, inputs.period.key, summaries,
                       modeline("progress", label))


def _shown(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return formatting.format_number(value)
    return str(value)
