"""``psea plan``: the action plan as a tree, with totals per result and overall."""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from psea_cli.cli_support import echo_json, err, handle_errors, load
from psea_cli.i18n import _, ngettext
from psea_cli.problems import PseaError


@handle_errors
def plan_command(
    ctx: typer.Context,
    plan_id: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--plan", help=_("Id of the plan (default: the only or first plan)."))] = None,
    output_format: Annotated[str, typer.Option(
        "--format", help=_("table or json."))] = "table",
) -> None:
    from psea_cli.plan_summary import actor_names, plan_tree
    from psea_cli.problems import has_errors

    if output_format not in ("table", "json"):
        raise typer.BadParameter(_("choose table or json"), param_hint="--format")
    dataset, problems = load(ctx)
    bundle = dataset.plan(plan_id)
    if bundle is None:
        known = ", ".join(p.id for p in dataset.plans) or _("none")
        if any(p.file.startswith("data/plan/") for p in problems):
            err(_("the plan could not be read; run 'psea validate' to see why"))
            raise typer.Exit(code=1)
        raise PseaError(_("no plan '{id}' in data/plan/ (plans: {known})").format(
            id=plan_id or "", known=known))
    if has_errors(problems):
        err(_("warning: the data has problems; run 'psea validate' to see them"))
    tree = plan_tree(bundle.plan.value, actor_names(dataset))
    if output_format == "json":
        echo_json(tree)
        return
    _print_tree(tree)


def _money(amount: float) -> str:
    from psea_cli.formatting import format_amount

    return format_amount(amount)


def _count(indicators: int) -> str:
    return ngettext("{n} indicator", "{n} indicators", indicators).format(n=indicators)


def _title(entry: dict[str, Any]) -> str:
    """The title in the user's language: the English one in English when the plan gives it."""
    from psea_cli.i18n import current_language

    if current_language() == "en" and entry.get("title_en"):
        return str(entry["title_en"])
    return str(entry["title"])


def _print_tree(tree: dict[str, Any]) -> None:
    from rich.text import Text
    from rich.tree import Tree

    from psea_cli.console import terminal
    from psea_cli.i18n import current_language

    plan = tree["plan"]
    totals = tree["totals"]
    root = Tree(Text.assemble((_title(plan), "bold"), f" ({plan['start']} → {plan['end']})"))
    result_word = _("Result")
    for result in plan["results"]:
        r_node = root.add(Text.assemble(
            (f"{result_word} {result['id']}", "bold"), f" {_title(result)}  ",
            (_money(result["totals"]["budget_usd"]), "cyan")))
        for sub in result["sub_results"]:
            s_node = r_node.add(Text.assemble((str(sub["id"]), "bold"), f" {_title(sub)}"))
            for activity in sub["activities"]:
                budget = activity["budget"]
                if budget.get("amount_usd") is not None:
                    money = _money(budget["amount_usd"])
                elif budget.get("funded_elsewhere"):
                    money = (budget.get("funded_elsewhere_en") if current_language() == "en"
                             else None) or budget["funded_elsewhere"]
                else:
                    money = "—"
                who = ", ".join(activity["responsible_names"]) or "—"
                period = activity["period"] or "—"
                s_node.add(Text.assemble(
                    f"{activity['id']} {_title(activity)}\n",
                    (f"{who} · {period} · {money} · {_count(len(activity['indicators']))}",
                     "dim")))
    console = terminal()
    console.print(root)
    console.print(_("{activities}, {indicators}, budget {budget} ({elsewhere} funded "
                    "elsewhere)").format(
        activities=ngettext("{n} activity", "{n} activities", totals["activities"]).format(
            n=totals["activities"]),
        indicators=ngettext("{n} indicator", "{n} indicators", totals["indicators"]).format(
            n=totals["indicators"]),
        budget=_money(totals["budget_usd"]), elsewhere=totals["funded_elsewhere"]))
