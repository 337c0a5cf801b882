"""The report judges an indicator against a target only with the target's source beside it."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from psea_cli import periods
from psea_cli.i18n import set_language
from psea_cli.indicators.values import IndicatorResult
from psea_cli.report.plan_section import indicator_row

BEHIND = IndicatorResult(
    id="2.1-a", activity="2.1.1", text="% des personnes survivantes", text_en="% of survivors",
    metric=None, unit="percent", value=60.0, numerator=3, denominator=5, target=100,
    status="behind", source="Rapport", plan="p", date=dt.date(2020, 12, 31))


@pytest.mark.parametrize(("source", "reference", "target", "status", "counted"), [
    ("plan", "dans chaque région", "100% (in the plan)", "Behind", "behind"),
    ("network", "Réunion du réseau, 2020-03-12",
     "100% (decided by the network: Réunion du réseau, 2020-03-12)", "Behind", "behind"),
    ("example", None, "100% (example target)", "Behind (against an example target)", "behind"),
    (None, None, "100%", "Not judged: the target's source is not recorded", "no_target"),
])
def test_status_only_with_the_source_beside_it(source: str | None, reference: str | None,
                                               target: str, status: str, counted: str) -> None:
    result = dataclasses.replace(BEHIND, target_source=source, target_reference=reference)
    row = indicator_row(result, None, 5, "Rapport")
    assert (row["target"], row["status_label"], row["status"]) == (target, status, counted)


def test_in_french_too() -> None:
    set_language("fr")
    row = indicator_row(dataclasses.replace(BEHIND, target_source="example"), None, 5, "Rapport")
    assert row["status_label"] == "En retard (par rapport à une cible d'exemple)"
    assert row["target"].endswith("(cible d'exemple)")
    assert periods.parse("2020-S2").key == "2020-S2"


def test_a_network_decision_is_quoted_after_a_french_colon() -> None:
    """French sets a space before a colon: « décidée par le réseau : Réunion… »."""
    set_language("fr")
    result = dataclasses.replace(BEHIND, target_source="network",
                                 target_reference="Réunion du réseau, 2020-03-12")
    row = indicator_row(result, None, 5, "Rapport")
    assert row["target"] == "100\u202f% (décidée par le réseau : Réunion du réseau, 2020-03-12)"
