"""``psea case``: record anonymised SEA cases from reception to closure, list them, show them,
and remind the coordinator of the cases past the SOP deadlines (those three in ``case_views``).

Writing commands (add, event, consent) judge the result as ``psea validate`` would: an error
writes nothing (exit 1), warnings are shown and the file is written. ``--commit`` commits only
the file touched, with a message that carries no case detail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from psea_cli.cases.vocabulary import (
    EVENT_KINDS,
    LABELS,
    EventKind,
)
from psea_cli.cli_support import err, handle_errors, load
from psea_cli.commands import case_add, case_common, case_details, case_input, case_views
from psea_cli.i18n import _
from psea_cli.problems import PseaError

if TYPE_CHECKING:

    from psea_cli.dataset import Dataset

case_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                       context_settings={"help_option_names": ["-h", "--help"]})
case_app.command("add", help=_("Record a new case; prints its id alone on the last line."))(
    case_add.add_command)


def _list(values: tuple[str, ...]) -> str:
    return ", ".join(values)


_OPTION_FOR_KIND = {"assistance_referred": "--service", "referred_to_entity": "--org",
                    "identity_shared": "--org", "investigation_concluded": "--outcome",
                    "measures_taken": "--value", "satisfaction": "--value", "closed": "--reason"}
"""The option each kind of event needs (asked for when missing)."""
_OPTIONAL_FOR_KIND = {"entity_acknowledged": ("--org",),
                      "investigation_opened": ("--org", "--survivor-participates"),
                      "investigation_concluded": ("--org",)}
"""Options a kind of event may take besides the one it needs."""


def _event_detail(dataset: Dataset, kind: str, text: str, option: str) -> dict[str, str]:
    """The detail keys of an event from its option (a service may be a type or a service id)."""
    from psea_cli.cases.vocabulary import CLOSURE_REASONS, MEASURES, OUTCOMES, SATISFACTIONS
    from psea_cli.models.service import SERVICE_TYPES

    value = text.strip()
    if option == "--service":
        service = next((s.value for s in dataset.services if s.value.id == value), None)
        if service is not None:
            return {"service": service.type, "service_id": service.id}
        if value.lower() in SERVICE_TYPES:
            return {"service": value.lower()}
        raise typer.BadParameter(
            _("neither a service type ({types}) nor a service id of data/services/").format(
                types=_list(SERVICE_TYPES)), param_hint=option)
    if option == "--org":
        return {"organisation": case_details.organisation_id(dataset, value, option)}
    key, allowed = {"--reason": ("reason", CLOSURE_REASONS),
                    "--outcome": ("outcome", OUTCOMES),
                    "--value": ("measure", MEASURES) if kind == "measures_taken"
                    else ("value", SATISFACTIONS)}[option]
    if value.lower() not in allowed:
        raise typer.BadParameter(_("for a '{kind}' event, choose one of: {choices}").format(
            kind=kind, choices=_list(allowed)), param_hint=option)
    return {key: value.lower()}


def _ask_detail(dataset: Dataset, kind: str, option: str) -> dict[str, str]:
    from psea_cli.cases.vocabulary import CLOSURE_REASONS, MEASURES, OUTCOMES, SATISFACTIONS
    from psea_cli.models.service import SERVICE_TYPES

    if option == "--service":
        from psea_cli.directory.labels import SERVICE_TYPES as SERVICE_WORDS

        case_input.list_choices(_("Service the survivor is referred to:"), SERVICE_TYPES,
                                SERVICE_WORDS)
        return case_input.ask_text(_("Choice, or the id of a service of data/services/"),
                                   lambda t: _service_answer(dataset, t, SERVICE_WORDS))
    if option == "--org":
        question = (_("Organisation the survivor's identifying details are shared with: its id "
                      "or name in the directory") if kind == "identity_shared" else
                    _("Organisation the case is referred to: its id or name in the directory"))
        return case_input.ask_text(
            question, lambda t: {"organisation": case_details.organisation_id(dataset, t)})
    key, question, values = {
        "--reason": ("reason", _("Reason for closing the case:"), CLOSURE_REASONS),
        "--outcome": ("outcome", _("Outcome of the investigation:"), OUTCOMES),
        "--value": ("measure", _("Measure taken:"), MEASURES) if kind == "measures_taken"
        else ("value", _("Survivor's satisfaction:"), SATISFACTIONS)}[option]
    return {key: case_input.ask_choice(question, values, LABELS[key])}


def _service_answer(dataset: Dataset, text: str, words: dict[str, str]) -> dict[str, str]:
    """A service type typed as its number, code or meaning, or a service's id."""
    from psea_cli.models.service import SERVICE_TYPES

    value = text.strip()
    service = next((s.value for s in dataset.services if s.value.id == value), None)
    if service is not None:
        return {"service": service.type, "service_id": service.id}
    try:
        return {"service": case_input.chosen(value, SERVICE_TYPES, words)}
    except typer.BadParameter:
        raise typer.BadParameter(_(
            "type a number from 1 to {n}, one of the codes shown, or the id of a service of "
            "data/services/ ('psea services' lists them)").format(n=len(SERVICE_TYPES))
        ) from None


def _details(dataset: Dataset, kind: str, given: dict[str, str | None], ask: bool | None
             ) -> dict[str, Any]:
    """The event's detail keys from the options given; the one it needs is asked for."""
    needed = _OPTION_FOR_KIND.get(kind)
    allowed = {needed, *_OPTIONAL_FOR_KIND.get(kind, ())}
    wrong = [option for option, text in given.items() if text is not None and option not in allowed]
    if wrong:
        raise PseaError(_("{options}: not for a '{kind}' event").format(
            options=", ".join(wrong), kind=kind), _("See 'psea case event --help'."))
    details: dict[str, Any] = {}
    for option in _OPTIONAL_FOR_KIND.get(kind, ()):
        text = given.get(option)
        if option == "--survivor-participates":
            if text is not None:
                details["survivor_participates"] = True
        elif text is not None and option != needed:
            details.update(_event_detail(dataset, kind, text, option))
    if needed is not None:
        text = given[needed]
        if text is not None:
            details.update(_event_detail(dataset, kind, text, needed))
        elif case_input.interactive(ask):
            details.update(_ask_detail(dataset, kind, needed))
        else:
            case_input.refuse_missing([needed])
    return details


@case_app.command("event", help=_("Append one dated event of the SOP to a case."))
@handle_errors
def event_command(
    ctx: typer.Context,
    case_id: Annotated[str, typer.Argument(metavar="CASE_ID", help=_("Id of the case."))],
    kind: Annotated[Optional[EventKind], typer.Argument(  # noqa: UP045
        metavar="KIND", case_sensitive=False, show_default=False,
        help=_("The SOP step the event records; asked for, from a numbered list, when "
               "missing in a terminal."))] = None,
    date: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--date", help=_("Day of the event, YYYY-MM-DD (optionally THH:MM); default: "
                         "today."))] = None,
    service: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--service", help=_("assistance_referred: service type, or id of a service of "
                            "data/services/."))] = None,
    org: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--org", help=_("referred_to_entity, identity_shared: the concerned entity, its id, "
                        "name or acronym in the directory; entity_acknowledged, "
                        "investigation_opened, investigation_concluded: optionally."))] = None,
    outcome: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--outcome", help=_("investigation_concluded: substantiated, unsubstantiated or "
                            "insufficient_information."))] = None,
    survivor_participates: Annotated[bool, typer.Option(
        "--survivor-participates",
        help=_("investigation_opened: the investigation involves the survivor (interview, "
               "testimony)."))] = False,
    value: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--value", help=_("satisfaction: satisfied or not_satisfied; measures_taken: the "
                          "measure."))] = None,
    reason: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--reason", help=_("closed: the reason."))] = None,
    commit: case_common.Commit = False,
    store_moved: case_common.StoreMoved = False,
    recipients_changed: case_common.RecipientsChanged = False,
    ask: case_common.Interactive = None,
) -> None:
    from psea_cli import clock
    from psea_cli.cases import editing

    if kind is None and not case_input.interactive(ask):  # a script: a usage error (exit 2)
        raise case_input.missing_argument(ctx, "kind")
    dataset, _problems = load(ctx)
    found = editing.find_case(dataset, case_id)
    case_common.guard_recipients(dataset, recipients_changed, commit)
    case_common.guard_store(dataset, store_moved)
    step: str = kind or case_input.ask_choice(
        _("Which step of the SOP does the event record?"), EVENT_KINDS, LABELS["kind"])
    given = {"--service": service, "--org": org, "--outcome": outcome, "--value": value,
             "--reason": reason, "--survivor-participates": "yes" if survivor_participates
             else None}
    details = _details(dataset, step, given, ask)
    refused = case_details.refused_consent(found.case, step, details)
    if refused is not None and case_input.interactive(ask) and not case_input.confirm(refused):
        err(_("nothing was written"))
        raise typer.Exit(code=1)
    if date is None and case_input.interactive(ask):  # a step recorded days late keeps its day
        day = case_input.ask_text(_("Day of the event (YYYY-MM-DD)"),
                                  case_details.event_day(found.case, clock.today(), step),
                                  clock.today().isoformat())
    else:
        day = case_input.parse_day_or_time(date, "--date") if date is not None else clock.today()
    case_common.check_commit(found.path.parent, commit, [found.path])
    outcome_ = editing.append_event(dataset, found, {"kind": step, "date": day, **details})
    case_common.finish(dataset, outcome_, commit, f"case: update {found.case_id}")


@case_app.command("consent", help=_("Record the survivor's consent for one or more purposes."))
@handle_errors
def consent_command(
    ctx: typer.Context,
    case_id: Annotated[str, typer.Argument(metavar="CASE_ID", help=_("Id of the case."))],
    assistance: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--assistance", metavar="yes|no|not_asked",
        help=_("Consent to assistance."))] = None,
    investigation: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--investigation", metavar="yes|no|not_asked",
        help=_("Consent to take part in an investigation (interview, testimony)."))] = None,
    identity: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--identity", metavar="yes|no|not_asked",
        help=_("Consent to share identifying details with the concerned entity or an "
               "investigator."))] = None,
    reporting: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--reporting", metavar="yes|no|not_asked",
        help=_("Consent to non-identifying reporting."))] = None,
    commit: case_common.Commit = False,
    store_moved: case_common.StoreMoved = False,
    recipients_changed: case_common.RecipientsChanged = False,
) -> None:
    from psea_cli.cases import editing

    given = {purpose: case_input.consent_option(value, f"--{purpose}") for purpose, value in
             (("assistance", assistance), ("investigation", investigation),
              ("identity", identity), ("reporting", reporting))}
    consent: dict[str, str] = {purpose: value for purpose, value in given.items()
                               if value is not None}
    if not consent:
        raise PseaError(_("give at least one of --assistance, --investigation, --identity, "
                          "--reporting"))
    dataset, _problems = load(ctx)
    found = editing.find_case(dataset, case_id)
    case_common.guard_recipients(dataset, recipients_changed, commit)
    case_common.guard_store(dataset, store_moved)
    case_common.check_commit(found.path.parent, commit, [found.path])
    outcome = editing.set_consent(dataset, found, consent)
    case_common.finish(dataset, outcome, commit, f"case: update {found.case_id}")


@case_app.command("migrate", help=_("Rewrite case files written by an earlier psea version "
                                     "in today's form, comments kept, and say what changed."))
@handle_errors
def migrate_command(
    ctx: typer.Context,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help=_("Say what would change; write nothing."))] = False,
    commit: case_common.Commit = False,
    recipients_changed: case_common.RecipientsChanged = False,
) -> None:
    from psea_cli import gitrepo
    from psea_cli.cases import migrate
    from psea_cli.cases.store import label, store_folder

    dataset, _problems = load(ctx)
    folder = store_folder(dataset)
    if not dry_run:  # encrypted records are encrypted again, to the current recipients
        case_common.guard_recipients(dataset, recipients_changed, commit)
    if commit and not dry_run:
        case_common.check_commit(folder, commit, migrate.case_files(dataset))
    result = migrate.migrate(dataset, write=not dry_run)
    for path in result.unreadable:
        err(_("not readable as YAML, left as it is: {file}").format(file=label(dataset, path)))
    if not result.changed:
        err(_("{n} case files examined: all are already in today's form").format(
            n=result.examined))
        return
    for change, count in sorted(result.renamed.items()):
        err(_("  event kind {change}: {n}").format(change=change, n=count))
    template = (_("{changed} of {n} case files would be rewritten (nothing written)") if dry_run
                else _("{changed} of {n} case files rewritten"))
    err(template.format(changed=len(result.changed), n=result.examined))
    if commit and not dry_run:
        sha = gitrepo.commit_files(folder, result.changed, "case: migrate case files")
        err(_("committed: {sha}").format(sha=sha[:8]))


case_app.command("list", help=_("List cases, oldest first, with their derived step."))(
    case_views.list_command)
case_app.command("show", help=_("Show one case in words: its fields, its events, its derived "
                                "step and status, its missed deadlines."))(
    case_views.show_command)
case_app.command("overdue", help=_("Cases past the SOP deadlines, and how late: the weekly "
                                   "reminder."))(case_views.overdue_command)

from psea_cli.commands import case_keys  # noqa: E402 - encrypt, decrypt, rekey

case_keys.register(case_app)
