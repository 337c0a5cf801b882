"""``psea validate``: every problem in the repository, in one run."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from psea_cli.cli_support import check, handle_errors
from psea_cli.i18n import _


@handle_errors
def validate_command(
    ctx: typer.Context,
    output_format: Annotated[str, typer.Option(
        "--format", help=_("auto, text, json or github (auto: github when GITHUB_ACTIONS=true, "
                           "else text)."))] = "auto",
    strict: Annotated[bool, typer.Option(
        "--strict", help=_("Fail (exit 1) on warnings too."))] = False,
) -> None:
    from psea_cli import console
    from psea_cli.problems import exit_code

    if output_format not in ("auto", "text", "json", "github"):
        raise typer.BadParameter(_("choose auto, text, json or github"), param_hint="--format")
    files, problems = check(ctx)
    if output_format == "auto":
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    writer = {"text": console.write_text, "json": console.write_json,
              "github": console.write_github}[output_format]
    writer(problems, files, sys.stdout)
    raise typer.Exit(code=exit_code(problems, strict=strict))

