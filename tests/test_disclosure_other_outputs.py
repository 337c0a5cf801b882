"""Published figures set against each other outside the quarterly case-metric chain, as a
hostile review of 2026-12-04 did: the survivors beside the cases, and what else a member
holds at once (reports, tables, published figure files), on small hand-written networks of
2020-Q3, read on 2020-12-31."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from psea_cli import periods
from psea_cli.dataset import Dataset
from psea_cli.indicators.shared import publish
from psea_cli.validation import load_dataset

AS_OF = dt.date(2021, 1, 31)  # read on 2020-12-31
Q3 = periods.parse("2020-Q3")
BASE = 5


def _case(case_id: str, *, survivors: int = 1, received: str = "2020-07-01",
          **fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": case_id, "received": received, "channel": "hotline", "region": "ML05",
        "allegation": "sexual_abuse",
        "survivor": {"sex": "female", "age_group": "adult", "count": survivors},
        "perpetrator": {"affiliation": "nngo"},
        "consent": {"assistance": "yes", "investigation": "yes", "reporting": "yes"},
        "events": [{"kind": "acknowledged", "date": "2020-07-02"}]}
    record.update(fields)
    return record


def _network(root: Path, cases: list[dict[str, Any]]) -> Dataset:
    store = root / "data" / "cases"
    for old in store.glob("*.yaml"):
        old.unlink()
    for record in cases:
        (store / f"{record['id']}.yaml").write_text(yaml.safe_dump(record, sort_keys=False),
                                                   encoding="utf-8")
    dataset, _problems = load_dataset(root, today=AS_OF, use_cache=False)
    assert len(dataset.cases) == len(cases)
    return dataset


@pytest.mark.parametrize("number", range(6))
def test_cases_are_never_under_the_threshold_beside_survivors_above_it(
        valid_repo: Path, number: int) -> None:
    """One complaint of five survivors: "SEA complaints received: <5" beside "survivors: 5"
    (and "0 % of 5 survivors referred within 72 hours") told a reader that the quarter had a
    complaint at least, 1 to 4 where "<5" means 0 to 4. Whenever survivors are published,
    so is a number of cases (5 here, within 4 of the one case)."""
    dataset = _network(valid_repo, [_case(f"SV{number:06d}", survivors=5)])
    received = publish(dataset, Q3, AS_OF).metrics["cases_received"]
    assert received.details["survivors"] == 5
    assert received.value == 5
