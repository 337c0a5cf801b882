"""A percentage whose part is published ``<5`` is withheld: the part stands for 0 to 4 cases,
and "0 %" of 10 complaints would tell the HCT that none was answered in time where up to 4
were. The whole is a count like any other; the core team's exact view is unchanged."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from psea_cli.cli import app


def _case(number: int, days_to_answer: int) -> dict[str, Any]:
    received = dt.date(2020, 7, 1 + number)
    answered = received + dt.timedelta(days=days_to_answer)
    return {"id": f"K7M2Q9{number:02d}".replace("0", "A").replace("1", "B"),
            "received": received.isoformat(), "channel": "hotline", "region": "ML05",
            "allegation": "sexual_abuse", "survivor": {"sex": "female", "age_group": "adult"},
            "perpetrator": {"affiliation": "nngo"},
            "consent": {"assistance": "yes", "investigation": "yes", "reporting": "yes"},
            "events": [{"kind": "acknowledged", "date": answered.isoformat()}]}


def network(repo: Path, days_to_answer: int | list[int]) -> Path:
    """Complaints received in July 2020, one a day, each answered ``days_to_answer`` days
    later (ten alike when one number is given)."""
    delays = [days_to_answer] * 10 if isinstance(days_to_answer, int) else days_to_answer
    store = repo / "data" / "cases"
    for old in store.glob("*.yaml"):
        old.unlink()
    for number, delay in enumerate(delays):
        record = _case(number, delay)
        (store / f"{record['id']}.yaml").write_text(yaml.safe_dump(record, sort_keys=False),
                                                   encoding="utf-8")
    return repo


def response(root: Path, *options: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["--root", str(root), "--lang", "en", "indicators",
                                      "2020-Q3", "--format", "json", "--as-of", "2020-12-31",
                                      *options])
    assert result.exit_code == 0, result.output
    metric: dict[str, Any] = json.loads(result.stdout)["metrics"]["response_within_7_days"]
    return metric


def test_a_percentage_of_a_part_published_under_five_is_withheld(valid_repo: Path) -> None:
    late = network(valid_repo, days_to_answer=12)  # none of the 10 answered within 7 days
    shared = response(late, "--suppress")
    assert (shared["numerator"], shared["denominator"]) == ("<5", 10)
    assert shared["value"] == "x"  # it was 0: "0 %" of 10
    assert response(late)["value"] == 0.0  # the core team's exact view says it


def test_a_percentage_whose_rest_is_published_under_five_is_withheld(valid_repo: Path) -> None:
    """The mirror of "0 %": "100 %" of 10 would say that none was late where up to 4 were
    (10 on time and 4 late publish 10 and <5)."""
    shared = response(network(valid_repo, days_to_answer=2), "--suppress")
    assert (shared["numerator"], shared["denominator"], shared["value"]) == (10, 10, "x")
    assert response(valid_repo)["value"] == 100.0  # the core team's exact view says it


def test_a_percentage_of_a_part_and_a_rest_of_five_or_more_is_shown(valid_repo: Path) -> None:
    shared = response(network(valid_repo, [2] * 10 + [12] * 10), "--suppress")
    assert (shared["numerator"], shared["denominator"], shared["value"]) == (10, 20, 50)


@pytest.mark.parametrize(("lang", "withheld"), [
    ("en", "withheld to protect survivors (a part of it counts fewer than 5 cases)"),
    ("fr", "masqué pour protéger les personnes survivantes (une de ses parts compte moins de "
           "5 cas)")])
def test_the_report_withholds_it_in_words(valid_repo: Path, tmp_path: Path, lang: str,
                                          withheld: str, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    monkeypatch.setenv("PSEA_TODAY", "2021-01-15")
    late = network(valid_repo, days_to_answer=12)
    out = tmp_path / "report.md"
    result = CliRunner().invoke(app, ["--root", str(late), "--lang", lang, "report",
                                      "semester", "2020-S2", "--format", "md", "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    text = out.read_text(encoding="utf-8")
    assert withheld in text
    assert not re.search(r"(?<![\d.,])0(?:[.,]0)?[\s\u202f\u00a0]?%", text)  # no "0 %"


def test_the_indicator_row_says_withheld_never_no_data(valid_repo: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The plan's indicator of responses within 7 days showed « — » and « Pas de données »
    where 10 complaints were received: it is withheld, with its published fraction."""
    monkeypatch.setenv("PSEA_TODAY", "2021-01-15")
    late = network(valid_repo, days_to_answer=12)
    shared = CliRunner().invoke(app, ["--root", str(late), "--lang", "en", "indicators",
                                      "2020-S2", "--format", "json", "--suppress"])
    [row] = [i for i in json.loads(shared.stdout)["indicators"]
             if i["metric"] == "response_within_7_days"]
    assert (row["value"], row["numerator"], row["denominator"]) == ("x", "<5", 10)
    out = tmp_path / "report.md"
    result = CliRunner().invoke(app, ["--root", str(late), "--lang", "fr", "report",
                                      "semester", "2020-S2", "--format", "md", "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    [line] = [line for line in out.read_text(encoding="utf-8").splitlines()
              if line.startswith("| 1.1-b ")]
    cells = [cell.strip() for cell in line.strip("|").split("|")]
    assert cells[1] == ("Masqué pour protéger les personnes survivantes (une de ses parts "
                        "compte moins de 5 cas)")  # no fraction: 15/15 would read as 100 %
    assert cells[3] == "Masqué"


@pytest.mark.parametrize(("now", "before"), [("<5", "<5"), ("x", "x"), ("<5", 5), ("x", 20.0)])
def test_a_protected_value_is_never_said_unchanged_or_compared(now: object,
                                                               before: object) -> None:
    """« <5 » then « <5 » may be 4 then 0 cases: the change is not known."""
    from psea_cli.report.plan_section import change_text

    assert change_text("count", now, before) == "—"  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_key_figures_never_say_unchanged_between_two_counts_under_five(
        valid_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """2 complaints in each semester are "<5" twice: « inchangé depuis le 1er semestre 2020 »
    told the HCT that the count had not moved, where it may be 4 then 0."""
    monkeypatch.setenv("PSEA_TODAY", "2021-01-15")
    store = valid_repo / "data" / "cases"
    for old in store.glob("*.yaml"):
        old.unlink()
    for number, received in enumerate(["2020-02-03", "2020-02-04", "2020-07-01", "2020-07-02"]):
        record = {**_case(number, 2), "received": received,
                  "events": [{"kind": "acknowledged", "date": received}]}
        (store / f"{record['id']}.yaml").write_text(yaml.safe_dump(record, sort_keys=False),
                                                   encoding="utf-8")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["--root", str(valid_repo), "--lang", lang, "report",
                                      "semester", "2020-S2", "--format", "html", "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    html = out.read_text(encoding="utf-8")
    assert "&lt;5</span><span class=\"label\">" in html  # the count is shown protected
    assert "unchanged since" not in html
    assert "inchangé depuis" not in html


def test_a_withheld_indicator_is_called_withheld_in_the_table_and_the_chart(
        valid_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """« x (<5/10) · pas de données » in the terminal, and the report's chart counted the
    row under « Pas de données » beside a table saying « Masqué »."""
    monkeypatch.setenv("PSEA_TODAY", "2021-01-15")
    late = network(valid_repo, days_to_answer=12)
    table = CliRunner().invoke(app, ["--root", str(late), "--lang", "fr", "indicators",
                                     "2020-S2", "--suppress"])
    assert table.exit_code == 0, table.output
    [line] = [line for line in table.stdout.splitlines() if line.strip().startswith("x ·")]
    assert "<5/10" not in line  # counts beside a withheld share read as one
    assert "masqué" in line
    assert "pas de données" not in line
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["--root", str(late), "--lang", "fr", "report",
                                      "semester", "2020-S2", "--format", "html", "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    html = out.read_text(encoding="utf-8")
    chart = html[html.index('"chart-status-t'):]
    chart = chart[:chart.index("</svg>")]
    assert re.search(r"<title>Masqué[\s\u202f\u00a0]?: 1</title>", chart)
    assert '<span class="badge s-withheld">Masqué</span>' in html
