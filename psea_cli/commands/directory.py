"""``psea directory``: the focal points, filtered and exported; ``psea directory check``: what
keeps the directory from being complete and up to date.

Exports: csv (UTF-8 with BOM; ``--sep ';'`` for French Excel; formula-like cells, phones
included, start with ``'``), hxl (CSV with a hashtag row, for programs: phones as written),
xlsx (a "Focal points" and an "Organisations" sheet), md and vcf (vCard, for phones). Text
exports go to standard output unless ``--output`` is given; xlsx goes to a file.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from psea_cli import clock, option_types
from psea_cli.cli_support import echo_json, err, handle_errors, load, options, say
from psea_cli.i18n import _

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset
    from psea_cli.directory.editing import Edit
    from psea_cli.problems import Problem

app = typer.Typer(invoke_without_command=True, no_args_is_help=False)

FORMATS = ("table", "md", "csv", "xlsx", "hxl", "vcf")

FormatOption = Annotated[str, typer.Option("--format", help=_(
    "table, md, csv, xlsx, hxl or vcf (vCard, for phones). csv is for spreadsheets: a cell "
    "they would run as a formula (=, +, -, @), a phone number included, starts with an "
    "apostrophe; xlsx shows phones without it; hxl is for programs (HDX, libhxl): phones keep "
    "their +, only dangerous cells (=, @) get the apostrophe."))]
OutputOption = Annotated[Optional[Path], typer.Option(  # noqa: UP045 - typer needs Optional
    "--output", "-o", dir_okay=False, show_default=False,
    help=_("File to write (default: standard output; for xlsx, a file in the current folder)."))]
SepOption = Annotated[str, typer.Option("--sep", help=_(
    "Column separator of csv and hxl: ',' or ';' (French Excel) or 'tab'."))]
LangOption = Annotated[Optional[str], typer.Option(  # noqa: UP045
    "--lang", help=_("Language of headers and labels: fr or en."), show_default=False)]
AsOfOption = Annotated[Optional[str], typer.Option(  # noqa: UP045
    "--as-of", help=_("The day to check against (YYYY-MM-DD; default: today)."),
    show_default=False)]


def parse_day(text: str | None, option: str = "--as-of") -> dt.date:
    return clock.today() if text is None else option_types.day(text, option)


def prepare(ctx: typer.Context, output_format: str, formats: tuple[str, ...], sep: str,
            lang: str | None, output: Path | None = None) -> tuple[Dataset, list[Problem], str]:
    """Check the output options, then load the data: (dataset, problems, separator)."""
    if output_format not in formats:
        raise typer.BadParameter(_("choose {choices}").format(choices=", ".join(formats)),
                                 param_hint="--format")
    if output is not None and output_format == "table":
        raise typer.BadParameter(_("a table is for the screen; choose a file format with "
                                   "--format (csv, xlsx, md…)"), param_hint="--output")
    separator = option_types.separator(sep)
    if lang is not None:
        lang = option_types.language(lang, "--lang")
        options(ctx).lang = lang
    dataset, problems = load(ctx)
    return dataset, problems, separator


def emit(data: bytes | str, output: Path | None, default_name: str | None = None) -> None:
    """Write an export to ``output`` (atomically), else to standard output; binary exports
    without ``--output`` go to ``default_name`` in the current folder (a link of that name is
    replaced, never written through), whose path is printed."""
    from psea_cli.safe_output import file_in_folder, write_atomically, write_output

    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output is None and default_name is not None:
        target = file_in_folder(Path(), default_name)
        write_atomically(target, raw)
        err(_("written: {path}").format(path=target))
        return
    if output is None or str(output) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()
        return
    write_output(output, raw)


def print_table(table: object) -> None:
    from psea_cli.console import terminal

    terminal().print(table)


def finish(problems: list[Problem]) -> None:
    """Exit 1 after the output when some files could not be read: the list is incomplete."""
    from psea_cli.problems import has_errors

    if has_errors(problems):
        err(_("warning: some data files have errors and were left out; run 'psea validate' "
              "to see them"))
        raise typer.Exit(code=1)


@app.callback()
@handle_errors
def directory_command(
    ctx: typer.Context,
    org: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--org", help=_("Only this organisation (id or acronym)."), show_default=False)] = None,
    region: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--region", help=_("Only focal points covering this region (p-code or name)."),
        show_default=False)] = None,
    role: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--role", help=_("Only this role: focal_point, alternate, lead_agency, co_facilitator "
                         "or coordinator."), show_default=False)] = None,
    output_format: FormatOption = "table",
    output: OutputOption = None,
    sep: SepOption = ",",
    lang: LangOption = None,
) -> None:
    """The PSEA focal points of the member organisations, to look up or export."""
    if ctx.invoked_subcommand is not None:
        return
    from psea_cli.directory import export_csv, export_md, export_vcf, tables
    from psea_cli.directory.lookup import find_focal_points, find_region, listed_organisations

    dataset, problems, separator = prepare(ctx, output_format, FORMATS, sep, lang, output)
    today = dataset.today
    pcode = find_region(dataset.network, region).pcode if region else None
    listed = find_focal_points(dataset, today, org, pcode, role)
    sheet = tables.focal_points_sheet(dataset, listed)
    if output_format == "table":
        from psea_cli.directory.display import focal_points_table

        print_table(focal_points_table(dataset, listed))
        if any(item.focal_point.example for item in listed):
            err(_("Entries marked EXAMPLE are placeholders with fictitious contacts."))
    elif output_format == "md":
        emit(export_md.render_markdown(sheet, _("PSEA focal points")), output)
    elif output_format in ("csv", "hxl"):
        emit(export_csv.render_csv(sheet, separator, hxl=output_format == "hxl"), output)
    elif output_format == "vcf":
        emit(export_vcf.render_vcards(dataset, listed), output)
    else:
        from psea_cli.directory import workbook
        from psea_cli.directory.export_xlsx import render_xlsx

        organisations = [o for o in listed_organisations(dataset, today)
                         if not org or o.value.id in {i.organisation.id for i in listed}]
        editable = workbook.editable_sheet(dataset, listed)
        emit(render_xlsx([editable, tables.organisations_sheet(organisations)],
                         workbook.metadata(editable, filtered=bool(org or region or role))),
             output, None if output else _("psea-directory.xlsx"))
    finish(problems)


@app.command("check", help=_(
    "Member organisations without a focal point, entries not verified within the network's "
    "interval (with their file's last change in git), missing contact details, example "
    "entries."))
@handle_errors
def check_command(
    ctx: typer.Context,
    strict: Annotated[bool, typer.Option(
        "--strict", help=_("Exit 1 when anything is found (for CI)."))] = False,
    days: Annotated[Optional[int], typer.Option(  # noqa: UP045
        "--days", min=1, help=_("Verification interval in days (default: the network's "
                                "sop.directory_verification_days)."), show_default=False)] = None,
    as_of: AsOfOption = None,
    output_format: Annotated[str, typer.Option("--format", help=_("text or json."))] = "text",
    lang: LangOption = None,
) -> None:
    """Organisations without a focal point, entries not verified recently, missing contacts."""
    from psea_cli import gitrepo
    from psea_cli.directory.check import as_document, check_directory, text_lines
    from psea_cli.problems import has_errors

    day = parse_day(as_of)
    dataset, problems, _sep = prepare(ctx, output_format, ("text", "json"), ",", lang)
    threshold = days or (dataset.network.sop.directory_verification_days
                         if dataset.network else 180)
    last = gitrepo.last_changes(dataset.root, ["data/focal_points", "data/services"])
    check = check_directory(dataset, day, threshold, last)
    if output_format == "json":
        echo_json(as_document(check))
    else:
        say(*text_lines(check))
    if has_errors(problems):
        err(_("warning: some data files have errors and were left out; run 'psea validate' "
              "to see them"))
    if strict and (check.found or has_errors(problems)):
        raise typer.Exit(code=1)


@app.command("import", help=_(
    "Read back a workbook written by 'psea directory --format xlsx' and edited in Excel or "
    "LibreOffice: show the changes entry by entry, validate them, write the YAML files "
    "(comments and key order kept)."))
@handle_errors
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", dir_okay=False, help=_(
        "The edited workbook (annuaire-psea.xlsx)."))],
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help=_("Show the changes and what validation finds; write nothing."))] = False,
    commit: Annotated[bool, typer.Option(
        "--commit", help=_("Commit the changed files (refused when other changes are "
                           "staged)."))] = False,
) -> None:
    """Import an edited directory workbook into data/focal_points/."""
    from psea_cli import gitrepo
    from psea_cli.directory import editing, workbook
    from psea_cli.directory.workbook_guard import refuse_mixed_rows

    if dry_run and commit:
        raise typer.BadParameter(_("--dry-run writes nothing, so it cannot commit"),
                                 param_hint="--dry-run")
    dataset, _problems = load(ctx)
    meta, rows = workbook.read_rows(
        file, dataset.network.phone_country_code if dataset.network else None)
    refuse_mixed_rows(rows, {o.value.id: (o.value.name, o.value.acronym or "")
                             for o in dataset.organisations})
    names = {r.pcode: r.name for r in dataset.network.regions} if dataset.network else {}
    for row in rows:
        if workbook.regions_disagree(row, names, meta.get("language", "en")):
            err(_("row {row}: the Regions column differs from the P-codes column; psea reads the "
                  "P-codes: write the p-codes of the regions covered there").format(row=row.number))
    edit = editing.plan(dataset, rows)
    if not show_edit(edit):
        return
    if dry_run:
        return
    if commit:
        gitrepo.ensure_can_commit(dataset.root)
    written = editing.write(dataset, edit)
    for path in written:
        err(_("written: {file}").format(file=path.relative_to(dataset.root).as_posix()))
    if commit:
        sha = gitrepo.commit_files(dataset.root, written,
                                   f"directory: import {len(edit.changes)} changes from a workbook")
        err(_("committed: {sha}").format(sha=sha[:8]))


def show_edit(edit: Edit, unchanged: str | None = None, refused: str | None = None) -> bool:
    """Show the changes and findings of a directory edit; False when there is nothing to do.
    Errors stop here (exit 1): nothing is written. ``unchanged`` and ``refused`` say it for
    a source other than a workbook."""
    from psea_cli.directory import labels

    for number in edit.ignored:
        err(_("row {row}: no focal point of this organisation has this id (removed since the "
              "workbook was exported, or an id typed by hand); the row is not imported. To add "
              "a focal point, leave its id empty.").format(row=number))
    if not edit.changes and not edit.findings:
        err(unchanged or _("No change: the workbook matches the directory."))
        return False
    from psea_cli.directory.tables import field_titles

    for change in edit.changes:
        say(f"{labels.label(labels.CHANGE_KINDS, change.kind):<10} "
            f"{labels.label(labels.ENTITIES, change.entity):<14} {change.id:<28} "
            f"{field_titles(change.entity, change.fields)}".rstrip())
    for finding in edit.findings:
        err(_("{where}: {finding}").format(where=edit.where(finding), finding=(
            f"{finding.severity.word} [{finding.code}] {finding.message}")))
        if finding.hint:
            err(f"    → {finding.hint}")
    if edit.errors:
        err(refused or _("nothing was written: correct the workbook and import it again"))
        raise typer.Exit(code=1)
    return True
