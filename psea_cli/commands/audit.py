"""``psea audit``: attack everything psea would publish about cases; exit 1 if anything leaks."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from psea_cli import clock
from psea_cli.cli_support import echo_json, handle_errors, load, say
from psea_cli.i18n import _, ngettext
from psea_cli.problems import PseaError


@handle_errors
def audit_command(
    ctx: typer.Context,
    as_of: Annotated[Optional[str], typer.Option(  # noqa: UP045 - typer needs Optional
        "--as-of", help=_("Audit what would be published on this day (YYYY-MM-DD; default: "
                          "today)."), show_default=False)] = None,
    output_format: Annotated[str, typer.Option(
        "--format", help=_("text or json."))] = "text",
) -> None:
    from psea_cli.audit import audit
    from psea_cli.commands.indicators import _as_of
    from psea_cli.disclosure import threshold_of
    from psea_cli.formatting import format_date, format_number

    if output_format not in ("text", "json"):
        raise typer.BadParameter(_("choose text or json"), param_hint="--format")
    day = _as_of(as_of) or clock.today()
    dataset, problems = load(ctx)
    dataset = dataset.for_figures(problems)
    if dataset.store_absent:  # no record: the audit would attack figures the report withholds
        raise PseaError(_("the case store {folder} is not here: there is no case figure to "
                          "audit").format(folder=dataset.cases_dir),
                        _("Clone the case store there, or correct cases_dir in "
                          "data/network.yaml."), exit_code=1)
    unread = dataset.left_out_of_figures() + dataset.sealed_cases
    if unread:  # the figures would be made without them: the audit would say nothing of
        raise PseaError(ngettext(  # what a report made with them publishes
            "{n} case record cannot be read here (it has problems, or no key you gave opens "
            "it): an audit without it says nothing of the figures made with it",
            "{n} case records cannot be read here (they have problems, or no key you gave "
            "opens them): an audit without them says nothing of the figures made with them",
            unread).format(n=unread),
            _("Run 'psea validate' and repair what it says; give your key with --identity "
              "FILE when the case store is encrypted."), exit_code=1)
    result = audit(dataset, day)
    if output_format == "json":
        echo_json({"read_on": result.read_on.isoformat(), "outputs": result.outputs,
                   "figures": result.figures, "unknowns_bounded": result.programmes,
                   "narrowest": result.narrowest,
                   "findings": [{"check": f.check, "figure": f.figure, "outputs": list(f.outputs),
                                 "detail": f.detail} for f in result.findings]})
    else:
        say(_("Audited {outputs} outputs (every quarter, semester, year and plan span, "
              "records as of {day}): {figures} case figures; {bounded} true counts "
              "bounded by linear programming, the narrowest still {narrowest} values "
              "wide.").format(outputs=result.outputs, day=format_date(result.read_on),
                              figures=format_number(result.figures),
                              bounded=format_number(result.programmes),
                              narrowest=result.narrowest if result.narrowest is not None
                              else "—"))
        for finding in result.findings:
            say(finding.text())
        say(_("{count} figures can be narrowed down: do not publish.").format(
            count=len(result.findings)) if result.findings
            else _("No figure can be narrowed down to fewer than {threshold} values.").format(
                threshold=threshold_of(dataset.network)))
    if result.findings:
        raise typer.Exit(code=1)
