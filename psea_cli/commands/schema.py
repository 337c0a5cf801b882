"""``psea schema``: write (or check) the JSON Schemas that editors use to check data files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from psea_cli import safe_input
from psea_cli.cli_support import err, handle_errors, repository_root, say
from psea_cli.i18n import _, ngettext, os_reason


@handle_errors
def schema_command(
    ctx: typer.Context,
    output: Annotated[Optional[Path], typer.Option(  # noqa: UP045 - typer needs Optional
        "--output", "-o", file_okay=False,
        help=_("Folder to write the schemas to (default: schemas/ of the network "
               "repository)."))] = None,
    check: Annotated[bool, typer.Option(
        "--check", help=_("Write nothing; fail (exit 1) if a schema is missing or differs "
                          "from the data models."))] = False,
) -> None:
    from psea_cli import schema_export

    root = repository_root(ctx) if output is None else None
    folder = root / schema_export.SCHEMA_DIR if root is not None else output
    assert folder is not None
    if root is not None and not safe_input.inside(folder, root):
        from psea_cli.problems import PseaError

        raise PseaError(_("{folder} is a link that leads outside the repository; psea does not "
                          "write through it").format(folder=schema_export.SCHEMA_DIR),
                        _("Replace the link with a folder, or name a folder with --output."),
                        exit_code=1)
    if check:
        stale = schema_export.stale_schemas(folder)
        for name in stale:
            err(_("{file} is missing or out of date").format(file=folder / name))
        if stale:
            err("    → " + _("Run 'psea schema' and commit the files it writes."))
            raise typer.Exit(code=1)
        say(_("the schemas in {folder} match the data models").format(folder=folder))
        return
    from psea_cli.safe_output import output_folder

    output_folder(folder, "--output", root, None if output is not None else _(
        "Replace the link with a folder, or name a folder with --output."))
    try:
        written = schema_export.write_schemas(folder)
    except OSError as exc:
        from psea_cli.problems import PseaError

        raise PseaError(_("cannot write to {folder} ({reason})").format(
            folder=folder, reason=os_reason(exc))) from exc
    say(ngettext("wrote {n} schema to {folder}", "wrote {n} schemas to {folder}",
                 len(written)).format(n=len(written), folder=folder))
