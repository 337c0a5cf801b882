"""``psea forms``: write the XLSForm forms (complaint intake, focal-point self-update, training
and awareness attendance, meeting and action points, CBCM functionality check) that
KoboToolbox, ODK Central and ODK Collect load, generated from psea's models and the network's
current regions, organisations and complaint mechanisms."""

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


def _builders() -> dict[str, tuple[str, Callable[[Dataset], Form | None]]]:
    """Form name → (file name, builder)."""
    from psea_cli.forms.focal_point import focal_point_form
    from psea_cli.forms.intake import intake_form
    from psea_cli.forms.records import mechanism_check_form, meeting_form, session_form

    return {"intake": ("psea-intake.xlsx", intake_form),
            "focal-point": ("psea-focal-point.xlsx", focal_point_form),
            "session": ("psea-session.xlsx", session_form),
            "meeting": ("psea-meeting.xlsx", meeting_form),
            "cbcm-check": ("psea-cbcm-check.xlsx", mechanism_check_form)}


FORM_NAMES = ("intake", "focal-point", "session", "meeting", "cbcm-check")


@handle_errors
def forms_command(
    ctx: typer.Context,
    form: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045 - typer needs Optional
        "--form", help=_("Only this form: intake, focal-point, session, meeting or cbcm-check "
                         "(repeat for several; default: all)."), show_default=False)] = None,
    output_dir: Annotated[Path, typer.Option(
        "--output-dir", "-o", file_okay=False,
        help=_("Folder to write the forms to (default: the current folder)."))] = Path(),
) -> None:
    """Write each form as an XLSForm workbook, labelled in French and English."""
    from psea_cli.forms.xlsform import render
    from psea_cli.safe_output import file_in_folder, output_folder, write_atomically

    unknown = [name for name in form or [] if name not in FORM_NAMES]
    if unknown:
        raise typer.BadParameter(_("choose intake, focal-point, session, meeting or "
                                   "cbcm-check"), param_hint="--form")
    dataset, _problems = load(ctx)
    output_folder(output_dir, "--output-dir", dataset.root)
    if not output_dir.is_dir():
        raise PseaError(_("the folder {folder} does not exist").format(folder=output_dir),
                        _("Create it, or give another folder with --output-dir."))
    builders = _builders()
    names = form or FORM_NAMES
    targets = {name: file_in_folder(output_dir, builders[name][0], dataset.root)
               for name in names}  # every refusal before the first file is written
    if dataset.network is None:
        raise PseaError(_("data/network.yaml has problems, so no form can list its choices"),
                        _("Run 'psea validate' and correct network.yaml first."), exit_code=1)
    for name in names:
        _file_name, build = builders[name]
        built = build(dataset)
        if built is None:
            err(_("no complaint mechanism in data/complaint_mechanisms/, so no check form: "
                  "record the mechanisms first") if name == "cbcm-check" else
                _("no organisation in data/focal_points/, so no {form} form: add the member "
                  "organisations first").format(form=name))
            continue
        target = targets[name]
        write_atomically(target, render(built))
        err(_("written: {path}").format(path=target))
    err(_("Upload each form to KoboToolbox (Deploy) or ODK Central (New form), or load it in "
          "ODK Collect. Generate the forms again whenever network.yaml or the directory "
          "changes, and deploy the new version."))
