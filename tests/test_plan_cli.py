"""``psea plan`` on the shipped plan: the plan's words for who is responsible, ids in JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from psea_cli.cli import app

REPO = Path(__file__).resolve().parent.parent


def _activities(tree: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for r in tree["plan"]["results"] for s in r["sub_results"]
            for a in s["activities"]}


def test_each_list_of_members_the_plan_writes_is_its_own_group(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--root", str(REPO), "plan", "--format", "json"])
    assert result.exit_code == 0, result.output
    activities = _activities(json.loads(result.stdout))
    assert activities["1.1.5"]["responsible"] == ["core-team-minusma"]
    assert activities["3.1.6"]["responsible"] == ["core-team-ocha"]
    assert activities["1.1.5"]["responsible_names"] == [
        "Core team PSEA (UNICEF/MINUSMA/UNFPA et Save the Children)"]
    network = (REPO / "data" / "network.yaml").read_text(encoding="utf-8")
    from ruamel.yaml import YAML

    groups = {g["id"]: g.get("members", []) for g in YAML(typ="safe").load(network)["groups"]}
    assert sorted(groups["core-team-minusma"]) == ["minusma", "save-the-children", "unfpa",
                                                   "unicef"]
    assert sorted(groups["core-team-ocha"]) == ["ocha", "save-the-children", "unfpa", "unicef"]
    lists = [tuple(sorted(m)) for m in groups.values() if m]
    assert len(lists) == len(set(lists)), "two groups with the same members"


def test_the_table_shows_names_never_ids(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--root", str(REPO), "plan"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Core team PSEA (UNICEF/MINUSMA/UNFPA et Save the Children) · 2020-2021" in out
    assert "Core Team (UNICEF/UNFPA/OCHA/SAVE THE CHILDREN) · —" in out
    for ident in ("core-team", "acteurs-humanitaires", "save-the-children", "sc-vbg"):
        assert ident not in out
    assert "· 1 indicateur\n" in out  # the network speaks French; one, not "1 indicateurs"


def test_the_tree_speaks_the_users_language_where_the_plan_gives_both(runner: CliRunner) -> None:
    tree = json.loads(runner.invoke(app, ["--root", str(REPO), "plan", "--format", "json"]).stdout)
    activity = _activities(tree)["1.1.5"]
    assert activity["title_en"]
    assert activity["title_en"] != activity["title"]
    english = runner.invoke(app, ["--root", str(REPO), "--lang", "en", "plan"],
                            env={"COLUMNS": "400"}).stdout
    french = runner.invoke(app, ["--root", str(REPO), "--lang", "fr", "plan"],
                           env={"COLUMNS": "400"}).stdout
    assert activity["title_en"] in english
    assert activity["title"] not in english
    assert activity["title"] in french
    assert activity["title_en"] not in french
