"""``psea services``: the referral lookup (which service, where, when open, how to reach it, and
what is missing); ``psea services matrix``: region × service type coverage."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from psea_cli.cli_support import handle_errors, say
from psea_cli.commands.directory import (
    AsOfOption,
    LangOption,
    OutputOption,
    SepOption,
    emit,
    finish,
    parse_day,
    prepare,
    print_table,
)
from psea_cli.i18n import _

app = typer.Typer(invoke_without_command=True, no_args_is_help=False)

FORMATS = ("table", "md", "csv", "xlsx", "hxl")
FormatOption = Annotated[str, typer.Option("--format", help=_(
    "table, md, csv, xlsx or hxl. csv is for spreadsheets: a cell they would run as a formula "
    "(=, +, -, @), a phone number included, starts with an apostrophe; xlsx shows phones without "
    "it; hxl is for programs (HDX, libhxl): phones keep their +, only dangerous cells (=, @) get "
    "the apostrophe."))]


@app.callback()
@handle_errors
def services_command(
    ctx: typer.Context,
    region: Annotated[Optional[str], typer.Option(  # noqa: UP045 - typer needs Optional
        "--region", help=_("Region, by p-code or name, as data/network.yaml lists them."),
        show_default=False)] = None,
    service_type: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--type", help=_("medical, psychosocial, legal, safety_shelter, livelihood, "
                         "child_protection, case_management or complaint_channel."),
        show_default=False)] = None,
    include_closed: Annotated[bool, typer.Option(
        "--all", help=_("Also list services closed for good."))] = False,
    output_format: FormatOption = "table",
    output: OutputOption = None,
    sep: SepOption = ",",
    lang: LangOption = None,
) -> None:
    """Where to refer a survivor: open services first, with contact, place and hours."""
    if ctx.invoked_subcommand is not None:
        return

    from psea_cli.directory import coverage_matrix, export_csv, export_md, gaps, labels, tables
    from psea_cli.directory.lookup import check_choice, find_region, find_services
    from psea_cli.models.service import SERVICE_TYPES

    dataset, problems, separator = prepare(ctx, output_format, FORMATS, sep, lang, output)
    if service_type is not None:
        check_choice(service_type, SERVICE_TYPES, "--type")
    chosen = find_region(dataset.network, region) if region else None
    services = find_services(dataset, chosen.pcode if chosen else None, service_type,
                             include_closed)
    rows = coverage_matrix(dataset, dataset.today)
    notes = [(sentence := labels.gap_sentence(g))[:1].upper() + sentence[1:]
             for g in gaps(rows, chosen.pcode if chosen else None, service_type)]
    if any(s.value.example for s in services):
        notes.append(_("Entries marked example are placeholders with fictitious contacts: do "
                       "not refer anyone to them."))
    title = (_("GBV services in {region} ({pcode})").format(region=chosen.name, pcode=chosen.pcode)
             if chosen else _("GBV services"))
    sheet = tables.services_sheet(dataset, services)
    if output_format == "table":
        from psea_cli.directory.display import services_table

        say(title)
        if services:
            print_table(services_table(dataset, services))
        else:
            say(_("No service found."))
        say(*(f"! {note}" for note in notes))
    elif output_format == "md":
        emit(export_md.render_markdown(sheet, title, notes), output)
    elif output_format in ("csv", "hxl"):
        emit(export_csv.render_csv(sheet, separator, hxl=output_format == "hxl"), output)
    else:
        from psea_cli.directory.export_xlsx import render_xlsx

        emit(render_xlsx([sheet, tables.coverage_sheet(rows)]), output,
             None if output else _("gbv-services.xlsx"))
    finish(problems)


@app.command("matrix", help=_(
    "Coverage: active services per region and service type, and the gaps."))
@handle_errors
def matrix_command(
    ctx: typer.Context,
    output_format: FormatOption = "table",
    output: OutputOption = None,
    sep: SepOption = ",",
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> None:
    """Coverage: active services per region and service type, and the gaps."""
    from psea_cli.directory import coverage_matrix, export_csv, export_md, tables

    day = parse_day(as_of)
    dataset, problems, separator = prepare(ctx, output_format, FORMATS, sep, lang, output)
    rows = coverage_matrix(dataset, day)
    sheet = tables.coverage_sheet(rows)
    days = dataset.network.sop.directory_verification_days if dataset.network else 180
    legend = _("* high-risk zone · – no service · (n) example entries only · † some not "
               "verified in the last {days} days · in red: a core service (medical, "
               "psychosocial, legal, safety and shelter) is missing").format(days=days)
    if output_format == "table":
        from psea_cli.directory.display import matrix_table

        print_table(matrix_table(rows))
        say(legend)
    elif output_format == "md":
        emit(export_md.render_markdown(sheet, _("Coverage of the GBV service map")), output)
    elif output_format in ("csv", "hxl"):
        emit(export_csv.render_csv(sheet, separator, hxl=output_format == "hxl"), output)
    else:
        from psea_cli.directory.export_xlsx import render_xlsx

        emit(render_xlsx([sheet]), output, None if output else _("gbv-coverage.xlsx"))
    finish(problems)

