"""``psea case demo`` and ``psea activity demo``: write (or remove) the synthetic demonstration
cases and prevention records, so that indicators and reports have something to show.

The library (``cases.demo``, ``records.demo``) draws and writes the files; these commands load
the repository, call it and say what was done.
"""

from __future__ import annotations

from typing import Annotated

import typer

from psea_cli.cli_support import handle_errors, load, say
from psea_cli.i18n import _, ngettext

Seed = Annotated[int, typer.Option("--seed", min=0, help=_(
    "Seed of the random draws: the same seed gives the same files."))]
Remove = Annotated[bool, typer.Option("--remove", help=_(
    "Only delete the synthetic files, and write none."))]


@handle_errors
def case_demo_command(
    ctx: typer.Context,
    count: Annotated[int, typer.Option("--count", min=1, max=100_000, help=_(
        "Number of cases."))] = 300,
    seed: Seed = 2019,
    remove: Remove = False,
) -> None:
    from psea_cli.cases import demo

    dataset, _problems = load(ctx)
    if remove:
        removed = demo.remove_synthetic(dataset)
        say(ngettext("removed {n} synthetic case", "removed {n} synthetic cases",
                     removed).format(n=removed))
        return
    written = demo.write(dataset, count, seed)
    say(ngettext("wrote {n} synthetic case to {folder}",
                 "wrote {n} synthetic cases to {folder}", written).format(
                     n=written, folder=dataset.cases_dir))


@handle_errors
def records_demo_command(ctx: typer.Context, seed: Seed = 2019, remove: Remove = False) -> None:
    from psea_cli.records import demo

    dataset, _problems = load(ctx)
    if remove:
        removed = demo.remove(dataset)
        say(ngettext("removed {n} synthetic record", "removed {n} synthetic records",
                     removed).format(n=removed))
        return
    written = demo.generate(dataset, seed)
    say(ngettext("wrote {n} synthetic record", "wrote {n} synthetic records",
                 written).format(n=written))


def register(case_app: typer.Typer, activity_app: typer.Typer) -> None:
    case_app.command("demo", help=_(
        "Write synthetic demonstration cases (marked synthetic: true), or remove them; "
        "refused when the case store holds real cases."))(case_demo_command)
    activity_app.command("demo", help=_(
        "Write the synthetic demonstration records (sessions, meetings, complaint mechanisms, "
        "assessments; marked synthetic: true), or remove them."))(records_demo_command)
