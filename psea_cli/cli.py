"""The ``psea`` command: global options and the list of commands (each in psea_cli/commands/).

Commands parse options, call the library, print and choose the exit code: 0 when all is well,
1 when the data has problems, 2 for usage or configuration errors.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from psea_cli import option_types
from psea_cli.cli_support import GlobalOptions, startup_language, version_callback
from psea_cli.i18n import _, set_language
from psea_cli.usage_errors import PseaGroup

set_language(startup_language(sys.argv[1:]))

from psea_cli.commands import (  # noqa: E402 - help texts need the language first
    audit,
    case,
    changes,
    demo,
    directory,
    forms,
    imports,
    indicators,
    init,
    pathway,
    plan,
    records,
    report,
    schema,
    services,
    validate,
)

app = typer.Typer(
    name="psea",
    cls=PseaGroup,
    help=_("Action plan, focal points, GBV services and anonymised SEA cases of a national "
           "PSEA network, kept as validated YAML in git."),
    epilog=_("The options above may also come after the command: psea validate --lang en."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def main_options(
    ctx: typer.Context,
    root: Annotated[Optional[Path], typer.Option(  # noqa: UP045 - typer needs Optional
        "--root", envvar="PSEA_ROOT", file_okay=False,
        help=_("Network repository (the folder holding data/network.yaml); default: the "
               "nearest one above the current folder."))] = None,
    lang: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--lang", help=_("Language of messages: fr or en (default: PSEA_LANG, "
                                          "else the network's first language)."))] = None,
    version: Annotated[Optional[bool], typer.Option(  # noqa: UP045
        "--version", callback=version_callback, is_eager=True,
        help=_("Show the version and exit."))] = None,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", envvar="PSEA_NO_CACHE",
        help=_("Read and check every file afresh, without using or writing any cache "
               "(.psea-cache/, compiled report templates)."))] = False,
    identity: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--identity", envvar="PSEA_IDENTITY", dir_okay=False,
        help=_("Key file that decrypts encrypted case records (an age key, or an OpenSSH "
               "ed25519 key); default: ~/.ssh/id_ed25519 if the network lists SSH keys."))] = None,
) -> None:
    lang = option_types.optional_language(lang)
    from psea_cli import cache

    cache.set_enabled(not no_cache)
    ctx.call_on_close(lambda: cache.set_enabled(True))  # for this command only
    ctx.obj = GlobalOptions(root=root, lang=lang, identity=identity)


app.command("validate", help=_("Check every data file and report all problems in one run."))(
    validate.validate_command)
app.command("plan", help=_("Show the action plan: results, activities, budgets."))(
    plan.plan_command)
app.command("indicators", help=_("Every indicator of the plan for a period: computed from the "
                                 "data or recorded by hand, against its target."),
            epilog=indicators.epilog())(indicators.indicators_command)
app.command("schema", help=_("Write the JSON Schemas that editors use to check data files."))(
    schema.schema_command)
app.add_typer(case.case_app, name="case",
              help=_("Anonymised SEA case records: record a case and each step of the SOP, "
                     "consent, follow-up, encryption."))
app.command("init", help=_("Start a new network repository, ready for pull requests."))(
    init.init_command)
app.add_typer(report.app, name="report")
app.command("audit", help=_("Attack everything psea would publish about cases, as a reader "
                            "holding every output would; exit 1 if a figure can be narrowed "
                            "down."))(audit.audit_command)
app.add_typer(directory.app, name="directory", help=_(
    "The focal-point directory: look up, export (csv, xlsx, hxl, vcf), check freshness."))
app.add_typer(services.app, name="services", help=_(
    "The GBV service map: where to refer a survivor, and the coverage matrix."))
app.command("pathway", help=_("A zone's referral pathway on one page: an A4 poster or a phone "
                              "card, from the service map."))(pathway.pathway_command)
app.command("changes", help=_("What changed in the directory, the services and the plan, "
                              "from git history."))(changes.changes_command)
app.command("forms", help=_("Write the XLSForm forms (complaint intake, focal-point update, "
                            "sessions, meetings, CBCM checks) for KoboToolbox and ODK, in French "
                            "and English."))(forms.forms_command)
app.command("import", help=_("Import submissions exported from KoboToolbox or ODK Central: "
                             "the intake form's as validated case records, the focal-point "
                             "form's as directory updates."))(imports.import_command)
app.add_typer(records.activity_app, name="activity", help=_(
    "Trainings and awareness sessions: who was reached (counts), where, by whom."))
app.add_typer(records.meeting_app, name="meeting", help=_(
    "The network's meetings, their decisions and action points."))
app.add_typer(records.action_app, name="action", help=_(
    "Action points of the meetings: list (--overdue), done."))
app.add_typer(records.cbcm_app, name="cbcm", help=_(
    "Community-based complaint mechanisms: add, check, list (--not-checked-since 90d)."))
demo.register(case.case_app, records.activity_app)
app.add_typer(records.assessment_app, name="assessment", help=_(
    "Agencies' PSEA assessments (MOS-PSEA, UN IP Protocol): add, list (--due)."))


def main() -> None:
    """Console-script entry point: no Python traceback ever reaches the user."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write(_("interrupted") + "\n")
        sys.exit(130)
    except Exception as exc:
        import os

        if os.environ.get("PSEA_DEBUG"):
            raise
        sys.stderr.write(_("internal error ({kind}); nothing was written. Set PSEA_DEBUG=1 to "
                           "see details, and report it to the psea maintainers.").format(
                               kind=type(exc).__name__) + "\n")
        sys.exit(2)
