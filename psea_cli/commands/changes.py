"""``psea changes``: what changed in the directory, the service map and the plan between two
dates or revisions, read from git history (one ``git log`` pass)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from psea_cli import option_types
from psea_cli.cli_support import echo_json, err, handle_errors, options, repository_root, say
from psea_cli.i18n import _

FORMATS = ("table", "md", "json")
AREAS = {"directory": "data/focal_points", "services": "data/services", "plan": "data/plan"}


@handle_errors
def changes_command(
    ctx: typer.Context,
    since: Annotated[Optional[str], typer.Option(  # noqa: UP045 - typer needs Optional
        "--since", help=_("From this day (YYYY-MM-DD, included) or after this revision (commit, "
                          "tag, branch); default: the beginning of the history."),
        show_default=False)] = None,
    until: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--until", help=_("Up to this day (included) or this revision; default: the last "
                          "commit."), show_default=False)] = None,
    area: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
        "--area", help=_("Only directory, services or plan (repeat for several)."),
        show_default=False)] = None,
    output_format: Annotated[str, typer.Option("--format", help=_("table, md or json."))] = "table",
    lang: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--lang", help=_("Language of headers and labels: fr or en."), show_default=False)] = None,
) -> None:
    """Entries added, removed or modified, by id, with the fields that changed."""
    from psea_cli import gitrepo
    from psea_cli.directory.changes import history

    if output_format not in FORMATS:
        raise typer.BadParameter(_("choose table, md or json"), param_hint="--format")
    unknown = [a for a in area or [] if a not in AREAS]
    if unknown:
        raise typer.BadParameter(_("choose directory, services or plan"), param_hint="--area")
    if lang is not None:
        lang = option_types.language(lang, "--lang")
        options(ctx).lang = lang
    root = repository_root(ctx)
    paths = [AREAS[a] for a in area] if area else None
    read = history(root, since, until, paths)
    found = read.changes
    if gitrepo.is_shallow(root):
        err(_("warning: this is a shallow clone, so older history is missing; fetch it with "
              "'git fetch --unshallow'"))
    for file, commit in read.unreadable:
        err(_("warning: {file} cannot be read as YAML from commit {commit} on: what changed "
              "in it after that is not shown ('psea validate' says where it breaks)").format(
                  file=file, commit=commit[:10]))
    if output_format == "json":
        echo_json({"since": since, "until": until, "changes": [
            {"date": c.date.isoformat(), "commit": c.commit, "kind": c.kind,
             "entity": c.entity, "id": c.id, "file": c.file, "fields": list(c.fields)}
            for c in found], "unreadable": [{"file": file, "commit": commit}
                                            for file, commit in read.unreadable]})
        return
    from psea_cli.directory.tables import changes_sheet

    sheet = changes_sheet(found, with_file=output_format == "md")
    if output_format == "md":
        from psea_cli.directory.export_md import render_markdown

        typer.echo(render_markdown(sheet, _("Changes")), nl=False)
    elif found:
        from psea_cli.console import terminal
        from psea_cli.directory.display import sheet_table

        terminal().print(sheet_table(sheet))
    else:
        say(_("No change in this range."))
