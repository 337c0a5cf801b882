"""``psea indicators``: every indicator of the plan for a period, computed or recorded."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from psea_cli import option_types
from psea_cli.cli_support import echo_json, err, handle_errors, load, options
from psea_cli.i18n import _, ngettext

if TYPE_CHECKING:
    from psea_cli.indicators import IndicatorReport

FORMATS = ("table", "json", "csv")
def epilog() -> str:
    """The metric names a plan may use, for the help text (the registry is a light import)."""
    from psea_cli.indicators.registry import METRIC_NAMES

    return _("Metrics a plan indicator may name in measured_by (defined in "
             "docs/indicators.md): {names}.").format(names=", ".join(METRIC_NAMES))


def _as_of(text: str | None) -> dt.date | None:
    return None if text is None else option_types.day(text, "--as-of")


@handle_errors
def indicators_command(
    ctx: typer.Context,
    period: Annotated[Optional[str], typer.Argument(  # noqa: UP045 - typer needs Optional
        metavar="PERIOD",
        help=_("2020 (year), 2020-S2 (semester: S1 January–June, S2 July–December), 2020-Q3 "
               "(quarter), or a plan's id for its whole span. Default: the last complete "
               "semester inside a plan."), show_default=False)] = None,
    output_format: Annotated[str, typer.Option(
        "--format", help=_("table, json or csv (UTF-8 with BOM, for Excel)."))] = "table",
    sep: Annotated[str, typer.Option("--sep", help=_(
        "Column separator of csv: ',' or ';' (French Excel, which also gets decimal commas: "
        "87,5) or 'tab'."))] = ",",
    lang: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--lang", help=_("Language of the output: fr or en."))] = None,
    as_of: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--as-of", help=_("Read the records as they were on this day (YYYY-MM-DD; default: "
                          "today). Directory and service indicators are measured on the "
                          "period's last day or this day, whichever is earlier. With "
                          "--suppress, case figures are read as of the end of the last "
                          "complete calendar quarter on or before this day, and cover the "
                          "period's quarters that had ended by then."),
        show_default=False)] = None,
    suppress: Annotated[bool, typer.Option(
        "--suppress", help=_("Figures to share: cases whose survivor refused to be counted "
                             "left out, every case count rounded to a multiple of the "
                             "network's threshold (5) so that no figure can be worked out "
                             "from others (0 is shown as <5), percentages computed from the "
                             "rounded counts and withheld (x) when their whole, their part or "
                             "the rest is under 5 cases. See docs/disclosure.md."))] = False,
) -> None:
    from psea_cli.indicators import compute, default_period, period_named
    from psea_cli.problems import has_errors

    if output_format not in FORMATS:
        raise typer.BadParameter(_("choose table, json or csv"), param_hint="--format")
    separator = option_types.separator(sep)
    if lang is not None:
        lang = option_types.language(lang, "--lang")
        options(ctx).lang = lang
    day = _as_of(as_of)
    dataset, problems = load(ctx)
    dataset = dataset.for_figures(problems)  # a case record with an error is not counted
    chosen = period_named(dataset, period) if period else default_period(dataset)
    if suppress:
        from psea_cli.indicators.compute import covering_plans
        from psea_cli.indicators.shared import publish
        from psea_cli.report.refusal import refuse_identifying_text

        for bundle in covering_plans(dataset, chosen)[:1]:  # the figures to share print its text
            refuse_identifying_text(problems, dataset, bundle, chosen, indicators=True)
        report = publish(dataset, chosen, day)
    else:
        report = compute(dataset, chosen, day)
        if output_format != "table":
            from psea_cli.indicators.export import not_for_sharing

            err(not_for_sharing())
    if output_format == "json":
        from psea_cli.indicators.export import report_document

        echo_json(report_document(report, suppress))
    elif output_format == "csv":
        _write_csv(report, suppress, separator)
    else:
        from psea_cli.commands.indicators_table import print_indicators
        from psea_cli.console import terminal

        regions = {r.pcode: r.name for r in dataset.network.regions} if dataset.network else {}
        print_indicators(terminal(), report, suppress, regions)
    if dataset.store_absent and not suppress:  # the shared view says it in every figure
        err(_("warning: the case store {folder} is not here: these figures count no case; "
              "run 'psea validate' to see why").format(folder=dataset.cases_dir))
    elif dataset.sealed_cases and not suppress:
        err(ngettext("warning: {n} case record is encrypted and no key you gave opens it: these "
                     "figures leave it out (give --identity FILE)",
                     "warning: {n} case records are encrypted and no key you gave opens them: "
                     "these figures leave them out (give --identity FILE)",
                     dataset.sealed_cases).format(n=dataset.sealed_cases))
    if has_errors(problems):
        err(_("warning: some data files have errors and were left out, so these figures may be "
              "incomplete; run 'psea validate' to see them"))
        raise typer.Exit(code=1)


def _safe_cell(value: object, decimal_comma: bool) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; a decimal
    figure is written with a comma for a French spreadsheet (``decimal_comma``)."""
    from psea_cli.safe_output import neutralise

    if isinstance(value, str):
        return neutralise(value)
    if decimal_comma and isinstance(value, float):
        return str(value).replace(".", ",")
    return "" if value is None else value


def _write_csv(report: IndicatorReport, suppress: bool, separator: str) -> None:
    """The CSV on standard output: UTF-8 with a BOM (Excel then reads its accents); with the
    separator ``;``, French Excel's, decimals have a comma, as French Excel reads them."""
    import io
    import sys

    from psea_cli.indicators.export import csv_rows
    from psea_cli.spreadsheet_csv import write_rows

    buffer = io.StringIO()
    write_rows(buffer, ([_safe_cell(cell, separator == ";") for cell in row]
                        for row in csv_rows(report, suppress)), delimiter=separator)
    sys.stdout.buffer.write(("\ufeff" + buffer.getvalue()).encode("utf-8"))
    sys.stdout.flush()
