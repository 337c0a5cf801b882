"""``psea report semester|quarter|year``: the progress report, in Markdown or self-contained HTML.

Markdown goes to standard output unless ``--output`` is given; HTML goes to a file named after
the period (``rapport-psea-2020-S2.html``) in the current folder, whose path is printed. A
report is produced even when the data has errors: it then opens with a warning, the same
warning goes to standard error, and the exit code is 1 — except when a text the report prints
identifies a person or names a case (``report.refusal``): then no report is made.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from psea_cli import option_types
from psea_cli.cli_support import err, handle_errors, keyring, options, repository_root, say
from psea_cli.i18n import _

if TYPE_CHECKING:
    from psea_cli.gitrepo import Revision
    from psea_cli.instant import Print
    from psea_cli.report.replay import Made

app = typer.Typer(
    help=_("The progress report for the humanitarian country team, in Markdown, HTML or PDF."),
    no_args_is_help=True,
)

@dataclasses.dataclass(frozen=True)
class Fresh:
    """A report just made, and where the case store it read was."""

    report: Made
    cases_dir: str


PeriodArgument = Annotated[Optional[str], typer.Argument(  # noqa: UP045 - typer needs Optional
    metavar="PERIOD", help=_("The period (default: the last complete one inside a plan)."),
    show_default=False)]
FormatOption = Annotated[Optional[str], typer.Option(  # noqa: UP045
    "--format", help=_("md (Markdown, the default), html (one self-contained file) or pdf "
                       "(A4, needs the optional extra: pip install 'psea[pdf]'); default: "
                       "what the --output file's name says (r.html, r.pdf), else md."),
    show_default=False)]
LangOption = Annotated[Optional[str], typer.Option(  # noqa: UP045
    "--lang", help=_("fr or en (default: the network's first language)."), show_default=False)]
DraftOption = Annotated[bool, typer.Option(
    "--draft", help=_("Write a skeleton of the network's text for the period (summary from the "
                      "key figures, highlights, challenges, decisions requested, priorities) "
                      "into its progress file, keeping any text already there; no report."))]
OutputOption = Annotated[Optional[Path], typer.Option(  # noqa: UP045
    "--output", "-o", dir_okay=False, show_default=False,
    help=_("File to write ('-' for standard output); default: standard output for md, "
           "rapport-psea-PERIOD.html (psea-report-PERIOD.html in English) for html."))]


def _run(ctx: typer.Context, kind: str, period_text: str | None, output_format: str | None,
         lang: str | None, output: Path | None) -> None:

    from psea_cli import clock
    from psea_cli.i18n import set_language
    from psea_cli.report.shipped import FORMATS, format_for

    output_format = format_for(output_format, None if output is None else str(output))
    if output_format not in FORMATS:
        raise typer.BadParameter(_("choose md, html or pdf"), param_hint="--format")
    lang = option_types.optional_language(lang)
    root = repository_root(ctx)
    if lang is not None:
        options(ctx).lang = lang
        set_language(lang)
    if output_format == "pdf":
        from psea_cli.report.pdf import require

        require()  # refuses at once, before any work, when the extra is missing
    today = clock.today()
    taken, revision = _print_and_revision(root, today.isoformat())  # before anything is read
    key = made = None
    if taken is not None:
        from psea_cli.i18n import current_language
        from psea_cli.report.replay import find, report_key

        key = report_key(taken, revision, (kind, period_text or "", output_format,
                                           current_language()))
        made = find(root, key)
    if made is None:
        fresh = _make(ctx, root, today, kind, period_text, output_format, revision)
        made = fresh.report
        if key is not None and taken is not None:
            from psea_cli.report.replay import keep

            keep(root, taken, fresh.cases_dir, key, made)
    _give(made, revision, output)


def _print_and_revision(root: Path, today: str) -> tuple[Print | None, Revision | None]:
    """The print a report made now may be kept under (``report.replay``; None under
    --no-cache) and the repository's git revision: those the console script took a moment
    before, when it looked for a kept report and found none, else taken now."""
    from psea_cli import cache, gitrepo, instant
    from psea_cli.report.replay import template_folders

    if not cache.is_enabled():
        return None, gitrepo.revision(root)
    held = instant.held_for_report(root, today)
    if held is not None:
        return held
    return instant.take_print(root, today, template_folders(root)), gitrepo.revision(root)


def _make(ctx: typer.Context, root: Path, today: dt.date, kind: str, period_text: str | None,
          output_format: str, revision: Revision | None) -> Fresh:
    """Read the data and make the report."""
    from psea_cli.directory.changes import changes_or_none
    from psea_cli.indicators.compute import covering_plans
    from psea_cli.problems import has_errors
    from psea_cli.report.ahead import Ahead
    from psea_cli.report.context import ReportInputs
    from psea_cli.report.narrative import unwritten
    from psea_cli.report.refusal import refuse_identifying_text
    from psea_cli.report.render import choose_period, default_file_name, render, render_pdf
    from psea_cli.report.replay import Made
    from psea_cli.validation import load_dataset

    with Ahead(kind, period_text) as ahead:  # type: ignore[arg-type]
        dataset, problems = load_dataset(root, today=today, keyring=keyring(ctx, root),
                                         on_records=ahead.begin)
        dataset = dataset.for_figures(problems)  # a case record with an error: none shared
        period = choose_period(dataset, kind, period_text)  # type: ignore[arg-type]
        refuse_identifying_text(problems, dataset, covering_plans(dataset, period)[0],
                                period)  # before anything is made, kept or written
        inputs = ReportInputs(period=period, today=dataset.today, revision=revision,
                              changes=changes_or_none(root, period.start, period.end,
                                                     known=dataset.parsed_files))
        quarters = ahead.quarters()
        text: str | bytes = (render_pdf(dataset, problems, inputs, quarters)
                             if output_format == "pdf"
                             else render(dataset, problems, inputs, output_format, quarters))
    return Fresh(Made(text, has_errors(problems), default_file_name(period, output_format),
                      unwritten(dataset, period)), dataset.cases_dir)


def _give(made: Made, revision: Revision | None, output: Path | None) -> None:
    """Write the report where it goes, say what went wrong with the data; exit 1 if it had
    errors."""
    from psea_cli.printable import printable_document
    from psea_cli.report.replay import destination, warnings, written_file
    from psea_cli.safe_output import write_atomically

    target = destination(made, None if output is None else str(output))
    written = written_file(made, None if output is None else str(output))  # before any word
    for line in warnings(made, revision):
        err(line)
    if target is None or written is None:
        typer.echo(printable_document(made.text) if isinstance(made.text, str) else made.text,
                   nl=False)  # no escape sequence of a network's own template
    else:
        write_atomically(written, made.text)
        say(str(target))
    if made.broken:
        raise typer.Exit(code=1)


def _draft(ctx: typer.Context, kind: str, period_text: str | None, lang: str | None) -> None:

    from psea_cli import clock
    from psea_cli.i18n import set_language
    from psea_cli.report.context import ReportInputs
    from psea_cli.report.render import choose_period, write_draft
    from psea_cli.safe_output import write_data
    from psea_cli.validation import load_dataset

    root = repository_root(ctx)
    if lang is not None:
        lang = option_types.language(lang, "--lang")
        options(ctx).lang = lang
        set_language(lang)
    dataset, problems = load_dataset(root, today=clock.today(), keyring=keyring(ctx, root))
    dataset = dataset.for_figures(problems)
    period = choose_period(dataset, kind, period_text)  # type: ignore[arg-type]
    result = write_draft(dataset, problems, ReportInputs(period, dataset.today, None, None))
    if result.text is None:
        say(_("{file}: every part of the narrative is already there; nothing changed.")
            .format(file=result.file))
        return
    write_data(root / result.file, result.text, root)  # a plan's first draft: folders made
    message = (_("{file}: created with a narrative to fill in ({keys}).") if result.created
               else _("{file}: added {keys} to the narrative; text already written was kept."))
    say(message.format(file=result.file, keys=", ".join(result.added)))


def _period_command(kind: str, help_text: str) -> None:
    """Register ``psea report KIND``: the three commands differ only by the period kind."""

    @app.command(kind, help=help_text)
    @handle_errors
    def command(ctx: typer.Context, period: PeriodArgument = None,
                output_format: FormatOption = None, lang: LangOption = None,
                output: OutputOption = None, draft: DraftOption = False) -> None:
        if draft:
            _draft(ctx, kind, period, lang)
            return
        _run(ctx, kind, period, output_format, lang, output)


_period_command("semester", _("Report on a semester (2020-S2)."))
_period_command("quarter", _("Report on a quarter (2020-Q3)."))
_period_command("year", _("Report on a year (2020)."))
