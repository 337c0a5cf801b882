"""``psea forms``: write the XLSForm forms (complaint intake, focal-point self-update) that
KoboToolbox, ODK Central and ODK Collect load, generated from psea's models and the network's
current regions and organisations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from psea_cli.cli_support import err, handle_errors, load
from psea_cli.i18n import _
from psea_cli.problems import PseaError

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset
    from psea_cli.forms.xlsform import Form


def _builders() -> dict[str, tuple[str, Callable[[Dataset], Form]]]:
    """Form name → (file name, builder)."""
    from psea_cli.forms.focal_point import focal_point_form
    from psea_cli.forms.intake import intake_form

    return {"intake": ("psea-intake.xlsx", intake_form),
            "focal-point": ("psea-focal-point.xlsx", focal_point_form)}


FORM_NAMES = ("intake", "focal-point")


@handle_errors
def forms_command(
    ctx: typer.Context,
    form: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045 - typer needs Optional
        "--form", help=_("Only this form: intake or focal-point (repeat for several; default: "
                         "all)."), show_default=False)] = None,
    output_dir: Annotated[Path, typer.Option(
        "--output-dir", "-o", file_okay=False,
        help=_("Folder to write the forms to (default: the current folder)."))] = Path(),
) -> None:
    """Write each form as an XLSForm workbook, labelled in French and English."""
    from psea_cli.forms.xlsform import render
    from psea_cli.safe_output import write_atomically

    unknown = [name for name in form or [] if name not in FORM_NAMES]
    if unknown:
        raise typer.BadParameter(_("choose intake or focal-point"), param_hint="--form")
    dataset, _problems = load(ctx)
    if dataset.network is None:
        raise PseaError(_("data/network.yaml has problems, so no form can list its choices"),
                        _("Run 'psea validate' and correct network.yaml first."), exit_code=1)
    if not output_dir.is_dir():
        raise PseaError(_("the folder {folder} does not exist").format(folder=output_dir),
                        _("Create it, or give another folder with --output-dir."))
    builders = _builders()
    for name in form or FORM_NAMES:
        file_name, build = builders[name]
        target = output_dir / file_name
        write_atomically(target, render(build(dataset)))
        err(_("written: {path}").format(path=target))
    err(_("Upload each form to KoboToolbox (Deploy) or ODK Central (New form), or load it in "
          "ODK Collect. Generate the forms again whenever network.yaml or the directory "
          "changes, and deploy the new version."))
