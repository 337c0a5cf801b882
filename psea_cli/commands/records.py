"""The records commands: ``psea activity``, ``psea meeting``, ``psea action``, ``psea cbcm`` and
``psea assessment``. Adding lives in ``records_add``, the weekly views in ``records_views``;
here are the two changes a coordinator makes to a record: an action point done (or dropped),
a complaint mechanism checked.

Every writing command judges the file as ``psea validate`` would: an error writes nothing
(exit 1); warnings are shown and the file is written; ``--commit`` commits that file only.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Optional

import typer

from psea_cli.cli_support import handle_errors, load
from psea_cli.commands import case_input, records_add, records_views
from psea_cli.commands.records_output import check_commit, finish
from psea_cli.i18n import _, ngettext
from psea_cli.problems import PseaError


def _app() -> typer.Typer:
    return typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                       context_settings={"help_option_names": ["-h", "--help"]})


activity_app, meeting_app, action_app, cbcm_app, assessment_app = (
    _app(), _app(), _app(), _app(), _app())

Commit = Annotated[bool, typer.Option(
    "--commit", help=_("Commit the file to git; refused when other changes are staged."))]
Date = Annotated[Optional[str], typer.Option(  # noqa: UP045 - typer needs Optional
    "--date", help=_("Day, YYYY-MM-DD (default: today)."))]


@action_app.command("done", help=_("Mark an action point done (or dropped) on a day."))
@handle_errors
def action_done_command(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="MEETING#N", help=_(
        "The action point, as 'psea action list' names it: the meeting id, #, its number."))],
    dropped: Annotated[bool, typer.Option(
        "--dropped", help=_("Dropped rather than done."))] = False,
    date: Date = None,
    commit: Commit = False,
) -> None:
    from psea_cli.clock import today
    from psea_cli.records import editing

    meeting_id, _sep, number = ref.partition("#")
    if not re.fullmatch(r"[0-9]{1,6}", number) or int(number) < 1:  # never "²", nor 5,000 digits
        raise typer.BadParameter(_("write the meeting id, #, and the action point's number, "
                                   "such as 2021-11-04-network#2"), param_hint="MEETING#N")
    day = case_input.parse_day(date, "--date") if date is not None else today()
    dataset, _problems = load(ctx)
    located = editing.find(dataset, "meeting", meeting_id)
    index = int(number) - 1
    if index >= len(located.value.action_points):
        count = len(located.value.action_points)
        raise PseaError(ngettext("meeting {id} has {n} action point",
                                 "meeting {id} has {n} action points", count).format(
            id=meeting_id, n=count),
            _("'psea action list' shows them."))
    point = located.value.action_points[index]
    if day < located.value.date:  # the file's rule would say "or use 'psea action done'"
        raise typer.BadParameter(_("{day} is before the meeting ({meeting}): an action point "
                                   "is closed on the meeting's day or after").format(
            day=day.isoformat(), meeting=located.value.date.isoformat()), param_hint="--date")
    if point.status != "open":  # a second closing would rewrite the first without a word
        raise PseaError(
            (_("action point {ref} was already marked dropped on {day}; nothing was written")
             if point.status == "dropped" else
             _("action point {ref} was already marked done on {day}; nothing was written")
             ).format(ref=ref, day=point.closed.isoformat() if point.closed else "?"),
            _("To change how or when it was closed, edit its status and closed in "
              "{file}.").format(file=located.file), exit_code=1)
    check_commit(dataset, commit)

    def change(document: Any) -> None:
        point = document["action_points"][index]
        point["status"] = "dropped" if dropped else "done"
        point["closed"] = day

    outcome = editing.update(dataset, "meeting", located, change)
    finish(dataset, outcome, commit, f"records: action point {ref} "
                                     f"{'dropped' if dropped else 'done'}")


@cbcm_app.command("check", help=_("Record a functionality check of a complaint mechanism."))
@handle_errors
def cbcm_check_command(
    ctx: typer.Context,
    mechanism_id: Annotated[str, typer.Argument(metavar="ID", help=_(
        "Id of the mechanism ('psea cbcm list' shows them)."))],
    functional: Annotated[bool, typer.Option(
        "--functional/--not-functional", help=_("Whether the mechanism works."))],
    date: Date = None,
    note: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--note", help=_("One short note (280 characters): no name, contact or "
                         "coordinates."))] = None,
    commit: Commit = False,
) -> None:
    from psea_cli.cases import store
    from psea_cli.clock import today
    from psea_cli.records import editing

    day = case_input.parse_day(date, "--date") if date is not None else today()
    dataset, _problems = load(ctx)
    located = editing.find(dataset, "complaint_mechanism", mechanism_id)
    check_commit(dataset, commit)
    check = {"date": day, "functional": functional, "note": note}

    def change(document: Any) -> None:
        store.append_item(document, "checks", {k: v for k, v in check.items() if v is not None})

    outcome = editing.update(dataset, "complaint_mechanism", located, change)
    finish(dataset, outcome, commit, f"records: check complaint mechanism {mechanism_id}")


activity_app.command("add", help=_("Record a training or awareness session (counts only); "
                                   "prints its id last."))(records_add.activity_add_command)
meeting_app.command("add", help=_("Record a meeting, its decisions and action points; prints "
                                  "its id last."))(records_add.meeting_add_command)
action_app.command("list", help=_("Action points of the meetings, by owner; --overdue for the "
                                  "weekly reminder."))(records_views.action_list_command)
cbcm_app.command("add", help=_("Register a complaint mechanism; prints its id last."))(
    records_add.cbcm_add_command)
cbcm_app.command("list", help=_("Complaint mechanisms in place and their latest check."))(
    records_views.cbcm_list_command)
assessment_app.command("add", help=_("Record an agency's PSEA assessment; prints its id "
                                     "last."))(records_add.assessment_add_command)
assessment_app.command("list", help=_("Each organisation's latest assessment; --due for those "
                                      "due for review."))(records_views.assessment_list_command)
