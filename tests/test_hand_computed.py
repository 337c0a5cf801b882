"""Figures a coordinator computes by hand from docs/indicators.md, compared with what ``psea
indicators`` and ``psea report`` print.

The network's cases come in groups of five alike (the threshold): every published count is
then a multiple of 5 and rounds to itself, so the report's figures are the hand-computed ones
and any difference is psea's arithmetic or wording, never disclosure control.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from helpers import committed
from typer.testing import CliRunner

from psea_cli import clock
from psea_cli.cli import app

TODAY = dt.date(2021, 1, 15)


def _case(number: int, received: dt.date, events: list[dict[str, object]],
          **fields: object) -> dict[str, object]:
    return {"id": f"HC{number:06d}", "received": received, "channel": "hotline",
            "region": "ML05", "incident_month": "unknown",
            "allegation": "sexual_exploitation",
            "survivor": {"sex": "female", "age_group": "adult"},
            "perpetrator": {"affiliation": fields.get("affiliation", "unknown")},
            "consent": {"assistance": "yes", "investigation": "yes", "reporting": "yes"},
            "events": events}


def write_groups(repo: Path, groups: list[tuple[int, int, dict[str, int], str]]) -> Path:
    """Replace the network's cases by groups of alike cases, all received on 1 July 2020:
    ``(count, days to acknowledgement, {event kind: days after reception}, affiliation)``;
    an ``assistance_referred`` goes to a psychosocial service."""
    store = repo / "data" / "cases"
    for old in store.glob("*.yaml"):
        old.unlink()
    received = dt.date(2020, 7, 1)
    number = 0
    for count, acknowledged, steps, affiliation in groups:
        for _ in range(count):
            number += 1
            events: list[dict[str, object]] = [
                {"kind": "acknowledged", "date": received + dt.timedelta(days=acknowledged)}]
            for kind, days in steps.items():
                event: dict[str, object] = {"kind": kind,
                                            "date": received + dt.timedelta(days=days)}
                if kind == "assistance_referred":
                    event["service"] = "psychosocial"
                if kind == "referred_to_entity":
                    event["organisation"] = "alpha"
                events.append(event)
            record = _case(number, received, events, affiliation=affiliation)
            (store / f"{record['id']}.yaml").write_text(
                yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return committed(repo)


@pytest.fixture
def forty(valid_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """40 complaints received on 1 July 2020: 25 acknowledged the next day, 15 after 9 days
    (late); 5 referred to psychosocial support the next day; 10 referred to the concerned
    entity after 2 days, 10 after 3; 20 with no entity known."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return write_groups(valid_repo, [
        (5, 1, {"referred_to_entity": 2, "assistance_referred": 1}, "ingo"),
        (5, 1, {"referred_to_entity": 2}, "ingo"),
        (10, 1, {"referred_to_entity": 3}, "ingo"),
        (5, 1, {}, "unknown"),
        (15, 9, {}, "unknown"),
    ])


def _invoke(runner: CliRunner, repo: Path, *args: str) -> str:
    result = runner.invoke(app, ["--root", str(repo), *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_half_is_rounded_up_as_by_hand(runner: CliRunner, forty: Path) -> None:
    """25 of 40 complaints on time is 62.5 %: 63 % by hand, not 62 % (a half to the even
    neighbour); 5 of 40 referred to psychosocial support, 12.5 %, is 13 %; the median of 2
    and 3 days, 2.5, is 3 days in whole days."""
    raw = json.loads(_invoke(runner, forty, "--lang", "en", "indicators", "2020-Q3",
                             "--format", "json"))["metrics"]
    assert raw["response_within_7_days"]["value"] == 62.5
    assert raw["assistance_referral_within_72h"]["value"] == 12.5
    assert raw["median_days_to_entity_referral"]["value"] == 2.5
    table = _invoke(runner, forty, "--lang", "en", "indicators", "2020-Q3")
    assert "│    63% │     25/40 │" in table
    assert "│    13% │      5/40 │" in table
    assert "│ 3 days │           │" in table  # the median of 2.5 days, a half rounded up
    report = _invoke(runner, forty, "--lang", "en", "report", "quarter", "2020-Q3")
    assert "- **63%** of complaints acknowledged within 7 days" in report
    assert "- **13%** of survivors referred to assistance within 72 hours" in report
    assert "| Psychosocial support | 5 | 13% |" in report
    assert "- **3 days** median time from reception to referral to the entity" in report
    french = _invoke(runner, forty, "--lang", "fr", "report", "quarter", "2020-Q3")
    assert "- **63\u202f%** des plaintes ont reçu une réponse sous 7 jours" in french
    shared = json.loads(_invoke(runner, forty, "--lang", "en", "indicators", "2020-Q3",
                                "--format", "json", "--suppress"))["metrics"]
    assert shared["median_days_to_entity_referral"]["value"] == 3


@pytest.fixture
def one_day(valid_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """SOP deadlines of 1 day and 1 hour (network.yaml allows both); 20 complaints referred
    to the concerned entity the next day (a median of 1 day), 20 with no entity known."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    network = valid_repo / "data" / "network.yaml"
    text = network.read_text(encoding="utf-8")
    network.write_text(text.replace("acknowledgement_days: 7", "acknowledgement_days: 1")
                       .replace("assistance_referral_hours: 72", "assistance_referral_hours: 1"),
                       encoding="utf-8")
    return write_groups(valid_repo, [(20, 1, {"referred_to_entity": 1}, "ingo"),
                                     (20, 3, {}, "unknown")])


def test_one_day_and_one_hour_are_singular(runner: CliRunner, one_day: Path) -> None:
    """The SOP deadlines and the median are counted in words: "1 day", "1 jour", never
    "1 days" or "1 jours"."""
    report = _invoke(runner, one_day, "--lang", "en", "report", "quarter", "2020-Q3")
    assert "of complaints acknowledged within 1 day\n" in report
    assert "| Complaints acknowledged within the deadline | 1 day | 50% of 40 cases |" in report
    assert "| Survivors referred to assistance within the deadline, of those who did not " \
        "decline it | 1 hour |" \
        in report
    # 20 of 20 in time, none late: "100 %" would say none was late where <5 may be 0 to 4
    assert "- Complaints referred to the entity concerned within 1 day, of those referred: " \
        "**withheld to protect survivors (a part of it counts fewer than 5 cases)**\n" in report
    assert "| Referred within 1 day | 20 |" in report
    assert "- **1 day** median time from reception to referral to the entity" in report
    assert "1 days" not in report
    assert "1 hours" not in report
    french = _invoke(runner, one_day, "--lang", "fr", "report", "quarter", "2020-Q3")
    assert "des plaintes ont reçu une réponse sous 1 jour\n" in french
    assert "| Transmise sous 1 jour | 20 |" in french
    assert "- **1 jour** délai médian entre la réception et la transmission à l'entité" in french
    assert "1 jours" not in french
    assert "1 heures" not in french
    overdue = _invoke(runner, one_day, "--lang", "en", "case", "overdue", "--as-of",
                      "2020-07-01")
    assert overdue.startswith("SOP deadlines: acknowledgement within 1 day, referral to "
                              "assistance within 1 hour; as of 1 July 2020.")
    overdue = _invoke(runner, one_day, "--lang", "fr", "case", "overdue", "--as-of",
                      "2020-07-01")
    assert overdue.startswith("Délais des SOP : accusé de réception sous 1 jour, orientation "
                              "vers l'assistance sous 1 heure ; au 1er juillet 2020.")


def test_the_survivors_informed_of_the_outcome_are_counted_as_complaints(
        runner: CliRunner, valid_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A complaint of three survivors told the outcome and one of a single survivor not told:
    the metric counts complaints (1 of 2, 50 %), as its definition says, so its title names
    complaints; "survivors informed" read beside the legal information's survivors (3 of 4)
    made a coordinator expect 75 %."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    store = valid_repo / "data" / "cases"
    for old in store.glob("*.yaml"):
        old.unlink()
    received = dt.date(2020, 7, 1)
    for number, (survivors, told) in enumerate([(3, True), (1, False)]):
        events: list[dict[str, object]] = [
            {"kind": "investigation_opened", "date": dt.date(2020, 7, 5)},
            {"kind": "investigation_concluded", "date": dt.date(2020, 8, 1),
             "outcome": "substantiated"}]
        if told:
            events.append({"kind": "feedback_given", "date": dt.date(2020, 8, 3)})
        record = _case(number, received, events, affiliation="ingo")
        record["survivor"] = {"sex": "female", "age_group": "adult", "count": survivors}
        (store / f"{record['id']}.yaml").write_text(
            yaml.safe_dump(record, sort_keys=False), encoding="utf-8")
    committed(valid_repo)
    raw = json.loads(_invoke(runner, valid_repo, "--lang", "en", "indicators", "2020-Q3",
                             "--format", "json"))["metrics"]["survivors_informed_of_outcome"]
    assert (raw["numerator"], raw["denominator"]) == (1, 2)
    table = _invoke(runner, valid_repo, "--lang", "en", "indicators", "2020-Q3")
    row = next(line for line in table.splitlines()
               if "Complaints whose survivors were informed of the investigation's outcome" in line)
    assert [cell.strip() for cell in row.split("│")[2:4]] == ["50%", "1/2"]
    table = _invoke(runner, valid_repo, "--lang", "fr", "indicators", "2020-Q3")
    assert "Plaintes dont les personnes survivantes ont été informées de la conclusion" in table


def _add_duplicates(repo: Path, count: int, *, reopened: int = 0) -> None:
    """``count`` more records of complaints the forty already hold (hotline and CBCM both
    took them), closed as duplicates; the last ``reopened`` of them reopened since."""
    store = repo / "data" / "cases"
    received = dt.date(2020, 7, 1)
    for number in range(count):
        events: list[dict[str, object]] = [
            {"kind": "acknowledged", "date": dt.date(2020, 7, 2)},
            {"kind": "closed", "date": dt.date(2020, 7, 3), "reason": "duplicate"}]
        if number >= count - reopened:
            events.append({"kind": "reopened", "date": dt.date(2020, 7, 4)})
        record = _case(900 + number, received, events)
        (store / f"{record['id']}.yaml").write_text(
            yaml.safe_dump(record, sort_keys=False), encoding="utf-8")
    committed(repo)


def _figures(runner: CliRunner, repo: Path, *extra: str) -> dict[str, object]:
    return json.loads(_invoke(runner, repo, "--lang", "en", "indicators", "2020-Q3",
                              "--format", "json", *extra))["metrics"]  # type: ignore[no-any-return]


def test_a_complaint_recorded_twice_is_counted_once(runner: CliRunner, forty: Path) -> None:
    """Five complaints of the forty recorded a second time (the hotline and the CBCM each
    took them) and closed as duplicates change no figure, raw or shared: they were counted
    45 received, and in every denominator. The raw details say how many were left out; the
    shared figures do not (a count under 5). A duplicate reopened is a complaint again."""
    raw, shared = _figures(runner, forty), _figures(runner, forty, "--suppress")
    _add_duplicates(forty, 5)
    after = _figures(runner, forty)
    received = after["cases_received"]
    assert isinstance(received, dict)
    assert received["value"] == 40
    assert received["details"]["duplicates"] == 5
    received["details"]["duplicates"] = 0
    assert raw["cases_received"]["details"]["duplicates"] == 0  # type: ignore[index]
    assert after == raw
    assert _figures(runner, forty, "--suppress") == shared
    _add_duplicates(forty, 5, reopened=1)
    again = _figures(runner, forty)["cases_received"]
    assert isinstance(again, dict)
    assert (again["value"], again["details"]["duplicates"]) == (41, 4)
