"""The ``psea`` command: global options and the list of commands (each in psea_cli/commands/).

Commands parse options, call the library, print and choose the exit code: 0 when all is well,
1 when the data has problems, 2 for usage or configuration errors.
"""

from __future__ import annotations

import dataclasses
import importlib
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional

import typer

from psea_cli import option_types
from psea_cli.cli_support import GlobalOptions, startup_language, version_callback
from psea_cli.i18n import SUPPORTED_LANGUAGES, _, psea_lang_unknown, set_language
from psea_cli.usage_errors import LocalisedUsageError, PseaGroup, option_hint

set_language(startup_language(sys.argv[1:]))

def main_options(
    ctx: typer.Context,
    root: Annotated[Optional[Path], typer.Option(  # noqa: UP045 - typer needs Optional
        "--root", envvar="PSEA_ROOT", file_okay=False,
        help=_("Network repository (the folder holding data/network.yaml); default: the "
               "nearest one above the current folder."))] = None,
    lang: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--lang", help=_("Language of messages: fr or en (default: PSEA_LANG, else the "
                         "network's first language, else the system's, LANG)."))] = None,
    version: Annotated[Optional[bool], typer.Option(  # noqa: UP045
        "--version", callback=version_callback, is_eager=True,
        help=_("Show the version and exit."))] = None,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", envvar="PSEA_NO_CACHE",
        help=_("Read and check every file afresh, without using or writing any cache "
               "(.psea-cache/, compiled report templates)."))] = False,
    identity: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--identity", envvar="PSEA_IDENTITY", metavar="<file>",
        help=_("Key file that decrypts encrypted case records (an age key, or an OpenSSH "
               "ed25519 key); default: ~/.ssh/id_ed25519 if the network lists SSH keys."))] = None,
) -> None:
    lang = option_types.optional_language(lang)
    from psea_cli import cache, clock
    from psea_cli.problems import PseaError


    if lang is None and psea_lang_unknown():  # --lang wins: PSEA_LANG is then not read
        raise LocalisedUsageError(
            _("invalid value for the environment variable {name}: {reason}").format(
                name="PSEA_LANG", reason=_("choose one of: {choices}").format(
                    choices=", ".join(SUPPORTED_LANGUAGES))),
            _("Set PSEA_LANG to fr or en (a locale such as fr_ML.UTF-8 reads as fr), or "
              "unset it."), ctx)

    try:  # a malformed PSEA_TODAY stops every command, before any reads the day
        clock.fixed_day()
    except PseaError as error:
        raise LocalisedUsageError(error.message, error.hint, ctx) from None

    cache.set_enabled(not no_cache)
    ctx.call_on_close(lambda: cache.set_enabled(True))  # for this command only
    key = option_types.key_file(identity, option_hint(ctx, "identity"))
    ctx.obj = GlobalOptions(root=root, lang=lang, identity=key)


def _command(name: str, module: str, function: str, help_text: str) -> Command:
    return Command(name, module, function, help_text, group=False)


def _group(name: str, module: str, attribute: str, help_text: str) -> Command:
    return Command(name, module, attribute, help_text, group=True)


@dataclasses.dataclass(frozen=True)
class Command:
    """A command of ``psea`` and where its code is: its module is imported only when the
    command is the one being run (or for ``app``, which has them all)."""

    name: str
    module: str
    attribute: str
    help: str
    group: bool

    def load(self) -> Any:
        module = importlib.import_module(f"psea_cli.commands.{self.module}")
        return getattr(module, self.attribute)


COMMANDS = [
    _command("validate", "validate", "validate_command",
             _("Check every data file and report all problems in one run.")),
    _command("plan", "plan", "plan_command",
             _("Show the action plan: results, activities, budgets.")),
    _command("indicators", "indicators", "indicators_command",
             _("Every indicator of the plan for a period: computed from the data or recorded by "
               "hand, against its target.")),
    _command("schema", "schema", "schema_command",
             _("Write the JSON Schemas that editors use to check data files.")),
    _group("case", "case", "case_app",
           _("Anonymised SEA case records: record a case and each step of the SOP, consent, "
             "follow-up, encryption.")),
    _command("init", "init", "init_command",
             _("Start a new network repository, ready for pull requests.")),
    _group("report", "report", "app",
           _("The progress report for the humanitarian country team, in Markdown, HTML or PDF.")),
    _command("audit", "audit", "audit_command",
             _("Attack everything psea would publish about cases, as a reader holding every "
               "output would; exit 1 if a figure can be narrowed down.")),
    _group("directory", "directory", "app",
           _("The focal-point directory: look up, export (csv, xlsx, hxl, vcf), check "
             "freshness.")),
    _group("services", "services", "app",
           _("The GBV service map: where to refer a survivor, and the coverage matrix.")),
    _command("pathway", "pathway", "pathway_command",
             _("A zone's referral pathway on one page: an A4 poster or a phone card, from the "
               "service map.")),
    _command("changes", "changes", "changes_command",
             _("What changed in the directory, the services and the plan, from git history.")),
    _command("forms", "forms", "forms_command",
             _("Write the XLSForm forms (complaint intake, focal-point update, sessions, "
               "meetings, CBCM checks) for KoboToolbox and ODK, in French and English.")),
    _command("import", "imports", "import_command",
             _("Import submissions exported from KoboToolbox or ODK Central: the intake form's "
               "as validated case records, the focal-point form's as directory updates.")),
    _group("activity", "records", "activity_app",
           _("Trainings and awareness sessions: who was reached (counts), where, by whom.")),
    _group("meeting", "records", "meeting_app",
           _("The network's meetings, their decisions and action points.")),
    _group("action", "records", "action_app",
           _("Action points of the meetings: list (--overdue), done.")),
    _group("cbcm", "records", "cbcm_app",
           _("Community-based complaint mechanisms: add, check, list (--not-checked-since 90d).")),
    _group("assessment", "records", "assessment_app",
           _("Agencies' PSEA assessments (MOS-PSEA, UN IP Protocol): add, list (--due).")),
]
"""Every command, in the order of ``psea --help`` (commands first, then groups)."""

_DEMO: list[bool] = []
"""Whether ``psea case demo`` and ``psea activity demo`` are registered (once a process)."""


def _placeholder() -> None:
    """Stands in for a command that is not being run: only its name and help are shown."""


def _register(app: typer.Typer, command: Command, real: bool) -> None:
    if not real:
        if command.group:
            app.add_typer(typer.Typer(), name=command.name, help=command.help)
        else:
            app.command(command.name, help=command.help)(_placeholder)
        return
    if command.name in ("case", "activity") and not _DEMO:
        from psea_cli.commands import case, demo, records

        demo.register(case.case_app, records.activity_app)
        _DEMO.append(True)
    if command.group:
        app.add_typer(command.load(), name=command.name, help=command.help)
    elif command.name == "indicators":
        from psea_cli.commands import indicators

        app.command(command.name, help=command.help, epilog=indicators.epilog())(
            command.load())
    else:
        app.command(command.name, help=command.help)(command.load())


_GLOBAL_WITH_VALUE = ("--root", "--lang", "--identity")


def wanted(args: list[str]) -> str:
    """The command a command line runs: its first word that is no option or option value
    ("" when there is none)."""
    i = 0
    while i < len(args):
        token = args[i]
        if token == "--":
            return args[i + 1] if i + 1 < len(args) else ""
        if not token.startswith("-"):
            return token
        i += 2 if token in _GLOBAL_WITH_VALUE else 1
    return ""


def build(only: str | None = None) -> typer.Typer:
    """The ``psea`` app; with ``only``, that command is the only one whose code is loaded and
    converted (the others show their name and help, which is all ``psea --help`` needs):
    building every command's options costs a command more than its own work."""
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
    app.callback()(main_options)
    for command in COMMANDS:
        _register(app, command, only is None or command.name == only)
    return app


def __getattr__(name: str) -> Any:
    """``app``, with every command (the tests' ``CliRunner`` runs any of them), built once."""
    if name == "app":
        built = build()
        globals()["app"] = built
        return built
    raise AttributeError(name)


def main() -> None:
    """Console-script entry point: no Python traceback ever reaches the user."""
    try:
        build(wanted(sys.argv[1:]))()
    except KeyboardInterrupt:
        sys.stderr.write(_("interrupted") + "\n")
        sys.exit(130)
    except OSError as exc:
        import errno

        if exc.errno not in (errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EROFS):
            _internal(exc)
        from psea_cli.console import output_failed

        output_failed(exc)  # the disk or device, not psea: said, exit 1
    except Exception as exc:
        _internal(exc)


def _internal(exc: Exception) -> NoReturn:
    """An error psea did not foresee: said in one line, exit 2 (PSEA_DEBUG=1: the traceback)."""
    import os

    if os.environ.get("PSEA_DEBUG"):
        raise exc
    sys.stderr.write(_("internal error ({kind}): psea stopped. Each file it writes is written "
                       "whole or not at all; 'git status' shows what changed. Set PSEA_DEBUG=1 "
                       "to see details, and report it to the psea maintainers.").format(
                           kind=type(exc).__name__) + "\n")
    sys.exit(2)
