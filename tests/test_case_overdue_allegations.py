"""``psea case overdue`` and the complaints that are not SEA (docs/cases.md).

The SOP's two deadlines run from the reception of every complaint: the complainant gets a
first response, a consenting survivor is referred to assistance. A complaint of *other*
misconduct is still owed both, so it stays in the reminder, marked as not SEA. A complaint
found *not SEA after analysis* has left the SEA procedure: it is not listed, in ``case
overdue``, ``case list --status overdue`` or ``case show``, and the reminder counts those
still open, to be closed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from psea_cli.cli import app

AS_OF = ["--as-of", "2020-08-01"]


def _case(ident: str, allegation: str) -> dict[str, object]:
    return {"id": ident, "received": "2020-07-01", "channel": "hotline", "region": "ML05",
            "incident_month": "2020-06", "allegation": allegation,
            "survivor": {"sex": "female", "age_group": "adult"},
            "consent": {"assistance": "yes", "investigation": "no", "reporting": "yes"},
            "events": []}


@pytest.fixture
def network(valid_repo: Path) -> Path:
    """Three complaints received on 1 July 2020, nothing done since: SEA, other, not SEA."""
    for ident, allegation in (("SEAAAAA2", "sexual_abuse"), ("0THERAA3", "other"),
                              ("N0TSEAA4", "not_sea")):
        (valid_repo / "data" / "cases" / f"{ident}.yaml").write_text(
            yaml.safe_dump(_case(ident, allegation), sort_keys=False), encoding="utf-8")
    return valid_repo


def _run(runner: CliRunner, root: Path, lang: str, *args: str) -> str:
    result = runner.invoke(app, ["--root", str(root), "--lang", lang, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(("lang", "marked", "note"), [
    ("en", "acknowledgement (other misconduct, not SEA)",
     "1 complaint found not SEA after analysis is still open and is not listed: close it "
     "(reason not_sea)."),
    ("fr", "accusé de réception (autre manquement, pas d'EAS)",
     "1 plainte jugée sans EAS après analyse est encore ouverte et n'est pas listée : "
     "clôturez-la (motif not_sea)."),
])
def test_the_reminder_marks_other_misconduct_and_leaves_out_what_is_not_sea(
        runner: CliRunner, network: Path, lang: str, marked: str, note: str) -> None:
    out = _run(runner, network, lang, "case", "overdue", *AS_OF)
    lines = out.splitlines()
    assert "N0TSEAA4" not in out
    sea = [line for line in lines if line.startswith("SEAAAAA2")]
    other = [line for line in lines if line.startswith("0THERAA3")]
    assert len(sea) == 2
    assert len(other) == 2
    assert not any("(" in line for line in sea)  # an SEA complaint needs no mark
    assert any(marked in line for line in other)
    assert lines[-1] == note


def test_json_gives_each_item_its_allegation(runner: CliRunner, network: Path) -> None:
    document = json.loads(_run(runner, network, "en", "case", "overdue", *AS_OF,
                               "--format", "json"))
    allegations = {(o["id"], o["allegation"]) for o in document["overdue"]}
    assert allegations == {("SEAAAAA2", "sexual_abuse"), ("0THERAA3", "other")}
    assert document["open_not_sea"] == 1


def test_list_and_show_agree_with_the_reminder(runner: CliRunner, network: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from psea_cli import clock

    monkeypatch.setattr(clock, "today", lambda: dt.date(2020, 8, 1))
    listed = _run(runner, network, "en", "case", "list", "--status", "overdue")
    assert "SEAAAAA2" in listed
    assert "0THERAA3" in listed
    assert "N0TSEAA4" not in listed
    shown = json.loads(_run(runner, network, "en", "case", "show", "N0TSEAA4",
                            "--format", "json"))
    assert shown["overdue"] == []
