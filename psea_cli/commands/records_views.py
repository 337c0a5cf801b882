"""``psea action list``, ``psea cbcm list``, ``psea assessment list``: the weekly views of the
records, as a table, Markdown, CSV or JSON. Nothing here writes."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from psea_cli.cli_support import handle_errors, load, say
from psea_cli.commands import case_input
from psea_cli.commands.records_output import Format, days, emit
from psea_cli.i18n import _, ngettext

OutputFormat = Annotated[Format, typer.Option(
    "--format", case_sensitive=False, help=_("Output format: table, md, csv or json."))]
AsOf = Annotated[Optional[str], typer.Option(  # noqa: UP045 - typer needs Optional
    "--as-of", help=_("Judge as of this day, YYYY-MM-DD (default: today)."))]


def _day(as_of: str | None) -> dt.date:
    from psea_cli.clock import today

    return case_input.parse_day(as_of, "--as-of") if as_of is not None else today()


@handle_errors
def action_list_command(
    ctx: typer.Context,
    overdue: Annotated[bool, typer.Option(
        "--overdue", help=_("Only open action points past their due day."))] = False,
    owner: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--owner", help=_("Only the action points of this organisation (id or acronym)."))
    ] = None,
    as_of: AsOf = None,
    output_format: OutputFormat = "table",
) -> None:
    from psea_cli.records import views

    day = _day(as_of)
    dataset, _problems = load(ctx)
    if owner is not None:  # by id or acronym; an unknown one is said, not "no point"
        from psea_cli.directory.lookup import find_organisation

        owner = find_organisation(dataset, owner).id
    view = views.action_points(dataset, day, overdue=overdue, owner=owner)
    emit(view, [_("Action point"), _("Meeting"), _("Owner id"), _("Owner"), _("Due"),
                _("Status"), _("Days late"), _("Action")],
         output_format, {"as_of": day.isoformat(), "overdue_only": overdue},
         _("No action point is past its due day.") if overdue else _("No action point."),
         ("ref", "owner", "due", "status", "days_late", "text"), coded=("status",))
    if output_format == "table" and view.rows:
        say(ngettext("{n} action point", "{n} action points", len(view.rows)).format(
            n=len(view.rows)))


@handle_errors
def cbcm_list_command(
    ctx: typer.Context,
    not_checked_since: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--not-checked-since", help=_("Only mechanisms whose latest check is older than this "
                                      "(90d, 12w), or never checked."))] = None,
    region: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--region", help=_("Region: p-code or name."))] = None,
    as_of: AsOf = None,
    output_format: OutputFormat = "table",
) -> None:
    from psea_cli.records import views

    limit = days(not_checked_since, "--not-checked-since") if not_checked_since else None
    day = _day(as_of)
    dataset, _problems = load(ctx)
    pcode = (case_input.region(case_input.network(dataset), region, "--region")
             if region is not None else None)
    view = views.mechanisms(dataset, day, not_checked_since=limit, region=pcode)
    emit(view, [_("Id"), _("Name"), _("Kind"), _("Region"), _("Host"), _("Set up"),
                _("Latest check"), _("Functional"), _("Days since check")],
         output_format, {"as_of": day.isoformat(), "not_checked_since_days": limit},
         _("No complaint mechanism to show."),
         ("id", "kind", "region", "last_check", "functional", "days_since_check"),
         coded=("kind",))
    if output_format == "table" and view.rows:
        say(ngettext("{n} complaint mechanism", "{n} complaint mechanisms",
                     len(view.rows)).format(n=len(view.rows)))


@handle_errors
def assessment_list_command(
    ctx: typer.Context,
    due: Annotated[bool, typer.Option(
        "--due", help=_("Only assessments whose review day has come."))] = False,
    as_of: AsOf = None,
    output_format: OutputFormat = "table",
) -> None:
    from psea_cli.records import views

    day = _day(as_of)
    dataset, _problems = load(ctx)
    view = views.assessments(dataset, day, due=due)
    emit(view, [_("Id"), _("Organisation"), _("Framework"), _("Assessed on"), _("Overall"),
                _("Next review"), _("Days late")],
         output_format, {"as_of": day.isoformat(), "due_only": due},
         _("No assessment is due for review.") if due else _("No assessment."),
         ("id", "framework", "date", "overall", "next_review", "days_late"),
         coded=("framework", "overall"))
    if output_format == "table" and view.rows:
        say(ngettext("{n} assessment", "{n} assessments", len(view.rows)).format(
            n=len(view.rows)))
