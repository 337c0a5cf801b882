"""``psea activity add``, ``psea meeting add``, ``psea cbcm add``, ``psea assessment add``: a new
record from options, judged as ``psea validate`` judges it, its id printed alone on the last
line of standard output (for scripts). Required options missing: a usage error naming them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from psea_cli.cli_support import handle_errors, load, say
from psea_cli.commands import case_input
from psea_cli.commands.records_output import check_commit, finish
from psea_cli.i18n import _
from psea_cli.records.vocabulary import (
    WORDS,
    Audience,
    Framework,
    MechanismKind,
    MeetingKind,
    SessionKind,
)

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset

Commit = Annotated[bool, typer.Option(
    "--commit", help=_("Commit the file to git; refused when other changes are staged."))]
Text = Optional[str]  # noqa: UP045 - typer needs Optional
Texts = Optional[list[str]]  # noqa: UP045


def _pairs(values: list[str] | None, option: str) -> dict[str, str]:
    """``KEY=VALUE`` options as a mapping."""
    found: dict[str, str] = {}
    for value in values or []:
        key, sep, rest = value.partition("=")
        if not sep or not key.strip() or not rest.strip():
            raise typer.BadParameter(_("write KEY=VALUE"), param_hint=option)
        found[key.strip()] = rest.strip()
    return found


def _write(ctx: typer.Context, kind: str, id_parts: list[str], fields: dict[str, Any],
           commit: bool, dataset: Dataset | None = None) -> None:
    from psea_cli.records import editing

    if dataset is None:
        dataset, _problems = load(ctx)
    check_commit(dataset, commit)
    outcome = editing.add(dataset, kind, editing.slug(*id_parts), fields)
    finish(dataset, outcome, commit, f"records: add {kind} {outcome.record_id}")
    say(outcome.record_id)


def _day(text: str | None, option: str, default: dt.date | None = None) -> dt.date | None:
    return case_input.parse_day(text, option) if text is not None else default


@handle_errors
def activity_add_command(
    ctx: typer.Context,
    kind: Annotated[SessionKind, typer.Argument(metavar="KIND", case_sensitive=False,
                                                help=_("training or awareness."))],
    date: Annotated[Text, typer.Option("--date", help=_("First day, YYYY-MM-DD."))] = None,
    end: Annotated[Text, typer.Option("--end", help=_("Last day, when it lasted several "
                                                      "days."))] = None,
    region: Annotated[Text, typer.Option("--region", help=_("Region: p-code or name."))] = None,
    admin2: Annotated[Text, typer.Option("--admin2", help=_(
        "P-code of the admin-2 area (the network's admin2_name: cercle, province…)."))] = None,
    organiser: Annotated[Texts, typer.Option(
        "--organiser", help=_("Id of an organising organisation (repeat for each)."))] = None,
    activity: Annotated[Texts, typer.Option(
        "--plan-activity", help=_("Id of the plan activity it serves, such as 1.1.5 (repeat "
                                  "for each)."))] = None,
    audience: Annotated[Optional[Audience], typer.Option(  # noqa: UP045
        "--audience", case_sensitive=False, help=_("Who was reached."))] = None,
    women: Annotated[int, typer.Option("--women", min=0, help=_("Women (18 and over)."))] = 0,
    men: Annotated[int, typer.Option("--men", min=0, help=_("Men (18 and over)."))] = 0,
    girls: Annotated[int, typer.Option("--girls", min=0, help=_("Girls (under 18)."))] = 0,
    boys: Annotated[int, typer.Option("--boys", min=0, help=_("Boys (under 18)."))] = 0,
    topic: Annotated[Texts, typer.Option("--topic", help=_(
        "A topic covered, by its code (repeat): {codes}.").format(
            codes=", ".join(WORDS["topic"])))] = None,
    material: Annotated[Texts, typer.Option(
        "--material", help=_("Materials distributed, KIND=COUNT: posters=20 (repeat)."))] = None,
    note: Annotated[Text, typer.Option("--note", help=_(
        "One short note (280 characters): no name, contact or coordinates."))] = None,
    commit: Commit = False,
) -> None:
    given = {"--date": date, "--region": region, "--organiser": organiser,
             "--audience": audience}
    case_input.refuse_missing([option for option, value in given.items() if not value],
                              asks=False)
    start = _day(date, "--date")
    assert start is not None
    assert region is not None
    assert audience is not None
    dataset, _problems = load(ctx)
    pcode = case_input.region(case_input.network(dataset), region, "--region")
    # decimal digits, few of them: "²" or 5,000 digits stay text, for the schema to refuse
    counts = {k: int(v) if v.isdecimal() and len(v) <= 18 else v
              for k, v in _pairs(material, "--material").items()}
    fields = {"kind": kind, "start": start, "end": _day(end, "--end"), "region": pcode,
              "admin2": admin2, "organisers": organiser, "plan_activities": activity or [],
              "audience": audience,
              "participants": {"women": women, "men": men, "girls": girls, "boys": boys},
              "topics": topic or [], "materials": counts, "note": note}
    _write(ctx, "session", [start.isoformat(), pcode, audience], fields, commit, dataset)


@handle_errors
def meeting_add_command(
    ctx: typer.Context,
    date: Annotated[Text, typer.Option("--date", help=_("Day of the meeting, YYYY-MM-DD."))
                    ] = None,
    kind: Annotated[MeetingKind, typer.Option(
        "--kind", case_sensitive=False, help=_("Kind of meeting."))] = "network",
    org: Annotated[Texts, typer.Option(
        "--org", help=_("Id of an organisation present (repeat for each)."))] = None,
    minutes: Annotated[Text, typer.Option(
        "--minutes", help=_("Reference of the formal minutes (file, link)."))] = None,
    decision: Annotated[Texts, typer.Option("--decision", help=_("A decision (repeat)."))] = None,
    action: Annotated[Texts, typer.Option("--action", help=_(
        "An action point, OWNER|YYYY-MM-DD|what is to be done (repeat)."))] = None,
    commit: Commit = False,
) -> None:
    case_input.refuse_missing([] if date else ["--date"], asks=False)  # never today by itself:
    day = _day(date, "--date")  # trying the command would record a meeting that never was
    assert day is not None
    points = []
    for text in action or []:
        parts = [p.strip() for p in text.split("|", 2)]
        if len(parts) != 3 or not all(parts):
            raise typer.BadParameter(_("write OWNER|YYYY-MM-DD|what is to be done"),
                                     param_hint="--action")
        points.append({"text": parts[2], "owner": parts[0],
                       "due": case_input.parse_day(parts[1], "--action"), "status": "open"})
    fields = {"date": day, "kind": kind, "organisations": org or [], "minutes": minutes,
              "decisions": decision or [], "action_points": points}
    _write(ctx, "meeting", [day.isoformat(), kind.replace("_", "-")], fields, commit)


@handle_errors
def cbcm_add_command(
    ctx: typer.Context,
    name: Annotated[Text, typer.Option("--name", help=_(
        "Name of the mechanism: a place, never a person."))] = None,
    kind: Annotated[Optional[MechanismKind], typer.Option(  # noqa: UP045
        "--kind", case_sensitive=False, help=_("Kind of mechanism."))] = None,
    region: Annotated[Text, typer.Option("--region", help=_("Region: p-code or name."))] = None,
    admin2: Annotated[Text, typer.Option("--admin2", help=_(
        "P-code of the admin-2 area (the network's admin2_name: cercle, province…)."))] = None,
    host: Annotated[Text, typer.Option("--host", help=_("Id of the host organisation."))] = None,
    set_up: Annotated[Text, typer.Option("--set-up", help=_(
        "Day it started working, YYYY-MM-DD (default: today)."))] = None,
    commit: Commit = False,
) -> None:
    from psea_cli.clock import today

    given = {"--name": name, "--kind": kind, "--region": region, "--host": host}
    case_input.refuse_missing([option for option, value in given.items() if not value],
                              asks=False)
    assert name is not None
    assert region is not None
    dataset, _problems = load(ctx)
    pcode = case_input.region(case_input.network(dataset), region, "--region")
    fields = {"name": name, "kind": kind, "region": pcode, "admin2": admin2, "host": host,
              "set_up": _day(set_up, "--set-up", today())}
    _write(ctx, "complaint_mechanism", [pcode, name], fields, commit, dataset)


@handle_errors
def assessment_add_command(
    ctx: typer.Context,
    org: Annotated[Text, typer.Option("--org", help=_("Id of the organisation assessed."))] = None,
    framework: Annotated[Optional[Framework], typer.Option(  # noqa: UP045
        "--framework", case_sensitive=False,
        help=_("mos_psea (self-assessment) or un_ip_protocol (capacity assessment)."))] = None,
    date: Annotated[Text, typer.Option("--date", help=_(
        "Day of the assessment, YYYY-MM-DD (default: today)."))] = None,
    rating: Annotated[Texts, typer.Option("--rating", help=_(
        "A standard's rating, STANDARD=met|partially_met|not_met (repeat)."))] = None,
    overall: Annotated[Text, typer.Option("--overall", help=_(
        "Overall rating (default: what the ratings give)."))] = None,
    next_review: Annotated[Text, typer.Option("--next-review", help=_(
        "Day of the next review (default: one year later)."))] = None,
    commit: Commit = False,
) -> None:
    from psea_cli.clock import today
    from psea_cli.records import frameworks

    given = {"--org": org, "--framework": framework}
    case_input.refuse_missing([option for option, value in given.items() if not value],
                              asks=False)
    assert org is not None
    assert framework is not None
    day = _day(date, "--date", today())
    assert day is not None
    ratings = _pairs(rating, "--rating")
    chosen = overall or frameworks.expected_overall(framework, ratings)
    if chosen is None:
        raise typer.BadParameter(_("give --overall, or rate every standard of the framework: "
                                   "{standards}").format(
                                       standards=", ".join(frameworks.STANDARDS[framework])),
                                 param_hint="--overall")
    review = _day(next_review, "--next-review", day.replace(year=day.year + 1)
                  if (day.month, day.day) != (2, 29) else day + dt.timedelta(days=365))
    fields = {"organisation": org, "framework": framework, "date": day, "ratings": ratings,
              "overall": chosen, "next_review": review}
    _write(ctx, "agency_assessment", [org, str(day.year)], fields, commit)
