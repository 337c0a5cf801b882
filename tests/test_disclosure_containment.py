"""Parts of two splits tied by what they count: a complaint not yet due on a quarter's last day
came in its last days, so it is open for under 30 days or closed. Rounded each on its own, 10
pending beside ``<5`` open under 30 days and ``<5`` closed pinned all three (6 to 8, 2 to 4,
2 to 4: a hostile review's network, rebuilt here with its case ids, whose cell keys draw that
rounding). The complaints open by age are rounded so that those two parts are published no
less than the pending ones, and ``psea audit`` checks it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from psea_cli.audit import audit
from psea_cli.indicators import layouts
from psea_cli.indicators.export import report_document
from psea_cli.indicators.shared import publish
from psea_cli.periods import parse
from psea_cli.validation import load_dataset

AS_OF = dt.date(2021, 10, 10)  # the quarterly report of 2021-Q3: its first reading
PENDING = ["1D86XGN6", "GX2KM4YW", "JZ4956SB", "MM68JG4S"]  # received 26 to 30 September
CLOSED = ["5X3DQN79", "E0YAZJCG", "QSWXV5JY"]  # received 24 to 26 September, closed the 30th
AUGUST = ["6PTWVR2N", "8M2A64D0", "BPFJ5AWQ", "J5120WEM", "Y3QXZQ1P", "ZMYTBNF2"]
JULY = ["07CRFJYV", "C944KTTM", "GH7RE5Y8", "MYMBK2JV", "QB4V1EVB", "YVX9CQCS"]


def _case(case_id: str, received: str, events: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": case_id, "received": received, "channel": "hotline", "region": "ML01",
            "incident_month": received[:7], "allegation": "sexual_exploitation",
            "survivor": {"sex": "female", "age_group": "adult", "count": 1},
            "perpetrator": {"affiliation": "unknown"},
            "consent": {"assistance": "yes", "investigation": "yes", "reporting": "yes"},
            "events": events}


@pytest.fixture
def network(shipped_network: Path) -> Path:
    store = shipped_network / "data" / "cases"
    for old in store.glob("*.yaml"):
        old.unlink()
    records = [_case(i, f"2021-09-{26 + n}", []) for n, i in enumerate(PENDING)]
    records += [_case(i, f"2021-09-{24 + n}", [
        {"kind": "closed", "date": "2021-09-30", "reason": "transferred"}])
        for n, i in enumerate(CLOSED)]
    for month, ids in (("08", AUGUST), ("07", JULY)):
        records += [_case(i, f"2021-{month}-{10 + n:02d}", [
            {"kind": "acknowledged", "date": f"2021-{month}-{11 + n:02d}"}])
            for n, i in enumerate(ids)]
    for record in records:
        (store / f"{record['id']}.yaml").write_text(yaml.safe_dump(record, sort_keys=False),
                                                   encoding="utf-8")
    return shipped_network


def _published(network: Path) -> tuple[int, dict[str, int]]:
    dataset, problems = load_dataset(network, today=AS_OF)
    assert not [p for p in problems if p.file.startswith("data/cases/")]
    metrics = report_document(publish(dataset, parse("2021-Q3"), AS_OF), suppress=True)[
        "metrics"]

    def count(shown: object) -> int:
        return 0 if shown == "<5" else int(shown)  # type: ignore[call-overload]

    bands = {key: count(n) for key, n in metrics["open_cases_by_age"]["details"].items()}
    return count(metrics["response_within_7_days"]["details"]["pending"]), bands


def test_pending_complaints_are_published_no_more_than_the_recent_or_closed_ones(
        network: Path) -> None:
    pending, bands = _published(network)
    assert pending == 10  # 7 complaints: 4 open and 3 closed, all received in the last week
    assert pending <= bands["under_30_days"] + bands["closed"]
    dataset, _problems = load_dataset(network, today=AS_OF)
    assert audit(dataset, AS_OF).findings == []


def test_rounded_each_on_its_own_they_are_pinned_and_the_audit_says_so(
        network: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same network with the two splits rounded apart (no containment known to the
    rounding): what the hostile review found (10 pending beside ``<5`` and ``<5``, which pins
    all three: ``test_audit``), and what the audit now says of it."""
    from psea_cli.indicators import quarters

    monkeypatch.setattr(quarters, "containments", lambda _days: [])
    pending, bands = _published(network)
    assert (pending, bands["under_30_days"], bands["closed"]) == (10, 0, 0)
    dataset, _problems = load_dataset(network, today=AS_OF)
    found = {f.figure: f.detail for f in audit(dataset, AS_OF).findings}
    assert found["2021-Q3 response_within_7_days.details.pending"].startswith(
        "published above the figures it lies inside")


def test_a_deadline_beyond_30_days_ties_the_next_band_too() -> None:
    assert layouts.containments(7) == [
        (("response_within_7_days", ("pending",)),
         ("open_cases_by_age", ("closed", "under_30_days")))]
    assert layouts.containments(45)[0][1][1] == ("closed", "under_30_days", "30_to_60_days")
    assert layouts.containments(61)[0][1][1] == ("closed", "under_30_days", "30_to_60_days")
    assert layouts.containments(62) == []  # pending may be 61 days old: over 60 days
