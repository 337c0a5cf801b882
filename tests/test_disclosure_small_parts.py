"""A percentage whose part is published ``<5`` is withheld: the part stands for 0 to 4 cases,
and "0 %" of 10 complaints would tell the HCT that none was answered in time where up to 4
were. The whole is a count like any other; the core team's exact view is unchanged."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from psea_cli.cli import app

RECEIVED = [f"2020-07-{day:02d}" for day in range(1, 11)]


def _case(number: int, received: str, days_to_answer: int) -> dict[str, Any]:
    answered = f"2020-08-{int(received[-2:]) + days_to_answer - 20:02d}" \
        if int(received[-2:]) + days_to_answer > 31 else \
        f"2020-07-{int(received[-2:]) + days_to_answer:02d}"
    return {"id": f"K7M2Q9{number:02d}".replace("0", "A").replace("1", "B"),
            "received": received, "channel": "hotline", "region": "ML05",
            "allegation": "sexual_abuse", "survivor": {"sex": "female", "age_group": "adult"},
            "perpetrator": {"affiliation": "nngo"},
            "consent": {"assistance": "yes", "investigation": "yes", "reporting": "yes"},
            "events": [{"kind": "acknowledged", "date": answered}]}


def network(repo: Path, days_to_answer: int) -> Path:
    store = repo / "data" / "cases"
    for old in store.glob("*.yaml"):
        old.unlink()
    for number, received in enumerate(RECEIVED):
        record = _case(number, received, days_to_answer)
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


def test_a_percentage_of_parts_of_five_or_more_is_shown(valid_repo: Path) -> None:
    shared = response(network(valid_repo, days_to_answer=2), "--suppress")
    assert (shared["numerator"], shared["denominator"], shared["value"]) == (10, 10, 100)


@pytest.mark.parametrize(("lang", "withheld"), [("en", "withheld (fewer than 5 cases)"),
                                                 ("fr", "masqué (moins de 5 cas)")])
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
    assert cells[1] == "Masqué (moins de 5 cas) (<5/10)"
    assert cells[3] == "Masqué"


@pytest.mark.parametrize(("now", "before"), [("<5", "<5"), ("x", "x"), ("<5", 5), ("x", 20.0)])
def test_a_protected_value_is_never_said_unchanged_or_compared(now: object,
                                                               before: object) -> None:
    """« <5 » then « <5 » may be 4 then 0 cases: the change is not known."""
    from psea_cli.report.plan_section import change_text

    assert change_text("count", now, before) == "—"  # type: ignore[arg-type]
