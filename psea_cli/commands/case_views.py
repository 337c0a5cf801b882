"""``psea case list|show|overdue``: what the coordinator reads, as aligned text or JSON.

Nothing here writes: the cases come from the pipeline's dataset, the derived step and the
deadlines from ``psea_cli.cases``. The note is never listed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal, Optional

import typer

from psea_cli import safe_input
from psea_cli.cli_support import echo_json, err, handle_errors, load, say
from psea_cli.commands import case_input
from psea_cli.i18n import _
from psea_cli.printable import printable_document, printable_lines

if TYPE_CHECKING:
    from psea_cli.cases.deadlines import Overdue
    from psea_cli.dataset import Dataset

Status = Literal["open", "closed", "overdue"]
TableOrJson = Literal["table", "json"]
SheetFormat = Literal["text", "yaml", "json"]


def _table(headers: list[str], rows: list[list[str]]) -> None:
    """Plain aligned columns: readable in a terminal, in a log and in an e-mail."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    for line in [headers, *rows]:
        say("  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())


def _warn_unreadable(dataset: Dataset) -> None:
    if dataset.store_absent:
        err(_("warning: the case store {folder} is not here: no case record was read; run "
              "'psea validate' to see why").format(folder=dataset.cases_dir))
    broken = dataset.broken_cases()
    if broken:
        from psea_cli.i18n import ngettext

        err(ngettext("warning: {n} case file has problems and is left out; run 'psea validate'",
                     "warning: {n} case files have problems and are left out; run 'psea "
                     "validate'", broken).format(n=broken))
    if dataset.sealed_cases:
        from psea_cli.i18n import ngettext

        err(ngettext("warning: {n} case record is encrypted and no key you gave opens it; it is "
                     "left out (give --identity FILE)",
                     "warning: {n} case records are encrypted and no key you gave opens them; "
                     "they are left out (give --identity FILE)",
                     dataset.sealed_cases).format(n=dataset.sealed_cases))


@handle_errors
def list_command(
    ctx: typer.Context,
    period: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--period", help=_("Cases received in 2020, 2020-S2, 2020-Q3 or 2019-07..2021-12."))] = None,
    status: Annotated[Optional[Status], typer.Option(  # noqa: UP045
        "--status", case_sensitive=False,
        help=_("overdue: past an SOP deadline today."))] = None,
    region: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--region", help=_("Region: p-code or name."))] = None,
    output_format: Annotated[TableOrJson, typer.Option(
        "--format", case_sensitive=False, help=_("Output format."))] = "table",
) -> None:
    from psea_cli import clock, periods
    from psea_cli.cases import query
    from psea_cli.i18n import ngettext

    dataset, _problems = load(ctx)
    network = case_input.network(dataset)
    try:
        chosen_period = periods.typed(period) if period is not None else None
    except ValueError:
        raise typer.BadParameter(_("write a period as 2020, 2020-S2, 2020-Q3 or "
                                   "2019-07..2021-12"), param_hint="--period") from None
    pcode = case_input.region(network, region, "--region") if region is not None else None
    chosen = query.select(dataset.cases, period=chosen_period, status=status,
                          region=pcode, sop=network.sop, as_of=clock.today())
    names = {r.pcode: r.name for r in network.regions}
    rows = [query.summary(c, names) for c in chosen]
    _warn_unreadable(dataset)
    if output_format == "json":
        echo_json({"cases": rows, "count": len(rows)})
        return
    if rows:
        from psea_cli.cases.vocabulary import word

        _table([_("ID"), _("Received"), _("Region"), _("Channel"), _("Allegation"), _("Step"),
                _("Status")],
               [[r["id"], r["received"], r["region"], word("channel", r["channel"]),
                 word("allegation", r["allegation"]), word("step", r["step"]),
                 word("status", r["status"])] for r in rows])
    say(ngettext("{n} case", "{n} cases", len(rows)).format(n=len(rows)))


@handle_errors
def show_command(
    ctx: typer.Context,
    case_id: Annotated[str, typer.Argument(metavar="CASE_ID", help=_("Id of the case."))],
    output_format: Annotated[SheetFormat, typer.Option(
        "--format", case_sensitive=False,
        help=_("text: the case in words; yaml: its file as it is; json."))] = "text",
) -> None:
    from psea_cli import clock
    from psea_cli.cases import deadlines, editing
    from psea_cli.dataset import Located

    dataset, _problems = load(ctx)
    network = case_input.network(dataset)
    found = editing.find_case(dataset, case_id)
    if found.case is None:
        err(_("{file} has problems; run 'psea validate' to see them").format(file=found.label))
        raise typer.Exit(code=1)
    case = found.case
    status = "closed" if case.is_closed else "open"
    late = deadlines.overdue_items(Located(case, found.label), network.sop, clock.today())
    if output_format == "json":
        echo_json({"id": case.id, "file": found.label, "step": case.step, "status": status,
                   "overdue": [{"deadline": o.deadline, "due": o.due.isoformat(),
                                "days_late": o.days_late} for o in late],
                   "record": case.model_dump(mode="json", exclude_none=True)})
        return
    if output_format == "text":
        from psea_cli.commands.case_sheet import sheet

        typer.echo(printable_lines(
            "\n".join(sheet(case, found.label, dataset, status, late, _deadline_label))))
        return
    say(f"# {found.label}")
    from psea_cli.cases.store import plaintext

    typer.echo(printable_document(plaintext(found.path, safe_input.read_regular(found.path),
                                            dataset.keyring).rstrip("\n")))
    from psea_cli.cases.vocabulary import word

    say(_("# derived: step {step}, {status}").format(step=word("step", case.step),
                                                     status=word("status", status)))
    for item in late:
        say(_("# overdue: {deadline}, due {due}").format(
            deadline=_deadline_label(item.deadline), due=item.due.isoformat()))


def _deadline_label(deadline: str) -> str:
    return _("acknowledgement") if deadline == "acknowledgement" else _("referral to assistance")


@handle_errors
def overdue_command(
    ctx: typer.Context,
    as_of: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--as-of", help=_("Judge as of this day, YYYY-MM-DD (default: today)."))] = None,
    output_format: Annotated[TableOrJson, typer.Option(
        "--format", case_sensitive=False, help=_("Output format."))] = "table",
) -> None:
    from psea_cli import clock
    from psea_cli.cases import deadlines
    from psea_cli.formatting import format_date, format_number
    from psea_cli.i18n import ngettext

    day = case_input.parse_day(as_of, "--as-of") if as_of is not None else clock.today()
    dataset, _problems = load(ctx)
    network = case_input.network(dataset)
    items = deadlines.overdue(dataset.cases, network.sop, day)
    not_sea = deadlines.open_not_sea(dataset.cases, day)
    names = {r.pcode: r.name for r in network.regions}
    _warn_unreadable(dataset)
    if output_format == "json":
        echo_json({"as_of": day.isoformat(),
                   "sop": {"acknowledgement_days": network.sop.acknowledgement_days,
                           "assistance_referral_hours": network.sop.assistance_referral_hours},
                   "overdue": [{"id": o.case_id, "file": o.file, "received": o.received.isoformat(),
                                "region": names.get(o.region, o.region),
                                "allegation": o.allegation, "deadline": o.deadline,
                                "due": o.due.isoformat(), "days_late": o.days_late}
                               for o in items],
                   "open_not_sea": not_sea})
        return
    days, hours = network.sop.acknowledgement_days, network.sop.assistance_referral_hours
    say(_("SOP deadlines: acknowledgement within {acknowledgement}, referral to assistance "
          "within {referral}; as of {day}.").format(
              acknowledgement=ngettext("{n} day", "{n} days", days).format(n=days),
              referral=ngettext("{n} hour", "{n} hours", hours).format(n=hours),
              day=format_date(day)))
    if not items:
        say(_("No case is past an SOP deadline."))
    else:
        _table([_("ID"), _("Received"), _("Region"), _("Deadline missed"), _("Due"),
                _("Late by")],
               [[o.case_id, o.received.isoformat(), names.get(o.region, o.region),
                 _missed_label(o), o.due.isoformat(),
                 ngettext("{n} day", "{n} days", o.days_late).format(
                     n=format_number(o.days_late))]
                for o in items])
        cases = len({o.case_id for o in items})
        say(ngettext("{n} case past a deadline.", "{n} cases past a deadline.", cases).format(
            n=cases))
    if not_sea:
        say(ngettext("{n} complaint found not SEA after analysis is still open and is not "
                     "listed: close it (reason not_sea).",
                     "{n} complaints found not SEA after analysis are still open and are not "
                     "listed: close them (reason not_sea).", not_sea).format(n=not_sea))


def _missed_label(item: Overdue) -> str:
    """The deadline missed, marked when the complaint is of other misconduct, not SEA."""
    label = _deadline_label(item.deadline)
    if item.allegation == "other":
        return _("{deadline} (other misconduct, not SEA)").format(deadline=label)
    return label
