"""``psea indicators`` for a person: a table on a wide terminal, one block per indicator on a
narrow one, and words everywhere codes would be (region names, the vocabulary in the reader's
language, metric titles). The JSON and CSV exports keep the codes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from psea_cli.i18n import _

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from psea_cli.indicators import IndicatorReport
    from psea_cli.indicators.values import IndicatorResult

STACKED_BELOW = 120
"""Under this many columns the seven-column table leaves the indicator's text a dozen
characters (one word per line over hundreds of lines): each indicator is printed as a block."""


def _source(result: IndicatorResult, period_key: str) -> str:
    from psea_cli.indicators.titles import metric_title

    source = (_("computed by psea: {title}").format(title=metric_title(result.metric))
              if result.metric else result.source or "")
    if result.recorded_period and result.recorded_period != period_key:
        source = f"{source} ({result.recorded_period})"
    return source


def _cells(result: IndicatorResult, threshold: int | None) -> tuple[str, str, str]:
    """Value, numerator/denominator and target as shown."""
    from psea_cli.disclosure import WITHHELD
    from psea_cli.indicators import export
    from psea_cli.indicators import shown as words

    doc = export.indicator_document(result, threshold)
    shown = words.shown_text(doc, result.unit)
    if threshold is not None and export.shown_value(result, threshold) == WITHHELD:
        # withheld as a share, its counts beside it read as one: "10/10" where "late: <5"
        # stands for 0 to 4 (the report shows it without its fraction too)
        return shown, "", words.target_text(result.target, result.unit)
    if "by_quarter" in doc:
        shown = f"{words.quarters_text(doc['by_quarter'])} ({shown})"
    return (shown, words.display_fraction(doc["numerator"], doc["denominator"]),
            words.target_text(result.target, result.unit))


def _status(result: IndicatorResult, threshold: int | None) -> str:
    """The indicator's status in words: "withheld" for a shared figure withheld."""
    from psea_cli.disclosure import WITHHELD
    from psea_cli.indicators import export
    from psea_cli.indicators import shown as words

    if threshold is not None and export.shown_value(result, threshold) == WITHHELD:
        return _("withheld")
    return words.status_label(result.status)


def _wide(report: IndicatorReport, threshold: int | None, title: str) -> Table:
    from rich.table import Table

    from psea_cli.indicators import export

    table = Table(title=title, title_justify="left", show_lines=False)
    table.add_column(_("Id"), no_wrap=True)
    table.add_column(_("Indicator"), overflow="fold")
    table.add_column(_("Value"), justify="right", max_width=14)
    table.add_column(_("Num./Den."), justify="right", no_wrap=True)
    table.add_column(_("Target"), justify="right", no_wrap=True)
    table.add_column(_("Status"))
    table.add_column(_("Source"), overflow="fold", max_width=24)
    for result in report.indicators:
        value, fraction, target = _cells(result, threshold)
        table.add_row(result.id, export.indicator_text(result), value, fraction, target,
                      _status(result, threshold), _source(result, report.period.key))
    return table


def _stacked(report: IndicatorReport, threshold: int | None, title: str) -> Table:
    """Each indicator as a block: its id, its whole text, then one line of figures."""
    from rich.table import Table
    from rich.text import Text

    from psea_cli.indicators import export

    table = Table.grid(padding=(0, 2))
    table.title, table.title_justify = title, "left"
    table.add_column(no_wrap=True, style="bold")
    table.add_column(overflow="fold")
    for result in report.indicators:
        value, fraction, target = _cells(result, threshold)
        figures = [f"{value} ({fraction})" if fraction else value]
        if result.target is not None:
            figures.append(_("target {target}").format(target=target))
        figures.append(_status(result, threshold))
        if result.metric or result.source:
            figures.append(_source(result, report.period.key) if result.metric else
                           _("source: {source}").format(source=_source(result, report.period.key)))
        body = Text(export.indicator_text(result))
        body.append("\n" + " · ".join(figures), style="dim")
        table.add_row(result.id, body)
        table.add_row("", "")
    return table


def _metrics(report: IndicatorReport, threshold: int | None) -> Table:
    from rich.table import Table

    from psea_cli.indicators import METRICS, export
    from psea_cli.indicators import shown as words
    from psea_cli.indicators.titles import metric_title

    metrics = Table(title=_("Computed metrics"), title_justify="left")
    metrics.add_column(_("Metric"), overflow="fold")
    metrics.add_column(_("Value"), justify="right", no_wrap=True)
    metrics.add_column(_("Num./Den."), justify="right", no_wrap=True)
    for name, metric in report.metrics.items():
        doc = export.metric_document(metric, threshold)
        if metric.met is not None:
            doc["value"] = metric.met
        metrics.add_row(metric_title(name), words.shown_text(doc, METRICS[name].unit),
                        words.display_fraction(doc["numerator"], doc["denominator"]))
    return metrics


def print_indicators(console: Console, report: IndicatorReport, suppress: bool,
                     regions: Mapping[str, str]) -> None:
    """The indicators, the computed metrics and their breakdowns, in words; ``regions`` names
    each p-code."""
    from psea_cli.disclosure import WITHHELD
    from psea_cli.formatting import format_date, period_label, quarter_name
    from psea_cli.indicators import export
    from psea_cli.indicators.labels import dimension_label, key_label
    from psea_cli.indicators.shown import ABSENT_NOTE, ERRORS_NOTE, SEALED_NOTE, read_again_note
    from psea_cli.indicators.titles import metric_title

    threshold = report.threshold if suppress else None
    if not suppress:
        console.print(export.not_for_sharing())
    title = _("Indicators — {period} (as of {day})").format(
        period=period_label(report.period), day=format_date(report.as_of))
    layout = _stacked if console.width < STACKED_BELOW else _wide
    console.print(layout(report, threshold, title))
    console.print(_metrics(report, threshold))
    for name, metric in report.metrics.items():
        cells = export.breakdown_cells(
            metric, threshold, lambda dimension, key: key_label(dimension, key, regions))
        for dimension, line in cells.items():
            console.print(_("{metric} by {dimension}: {cells}").format(
                metric=metric_title(name), dimension=dimension_label(dimension), cells=line))
    if suppress and report.protection is not None and report.protection.absent:
        console.print(_(ABSENT_NOTE))
    elif suppress and report.protection is not None and report.protection.sealed:
        console.print(_(SEALED_NOTE))
    elif suppress and report.protection is not None and report.protection.erroneous:
        console.print(_(ERRORS_NOTE))
    elif suppress and report.protection is not None and not report.protection.quarters:
        console.print(_("Case figures: not published, no quarter of the period was complete on "
                        "{day} (shared figures add up whole quarters).").format(
                            day=format_date(report.protection.read_on)))
    elif suppress and report.protection is not None:
        protection = report.protection
        console.print(_("Case figures: records as of {day}, quarters {quarters}; every count "
                        "rounded to a multiple of {base} ({small}: 0 to {top}); {mark}: "
                        "withheld.").format(
                            day=format_date(protection.read_on),
                            quarters=", ".join(quarter_name(q) for q in protection.quarters),
                            base=protection.base, small=f"<{protection.base}",
                            top=protection.base - 1, mark=WITHHELD))
        note = read_again_note(protection)
        if note is not None:
            console.print(note)
