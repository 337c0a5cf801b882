"""A quarter that keeps an earlier reading keeps its medians too.

2020-Q3: 23 complaints whose perpetrator's employer is known. On 30 September, 11 were referred
to the entity within 7 days, 3 later, 9 not yet; the quarterly report published 20 cases,
referred in time 15, later ``<5``, not referred 5, and a median of 4 days (the published
ranges, 11 or more in time against 8 or fewer later, already said that most were in time).
In November the 9 were referred, late: read on 31 December, the referral cannot be rounded
without moving "referred in time" (11, unchanged) or publishing "later" against its way, so
2020-Q3 keeps its September figures. Its median, read on the December records, said 50 days
beside the same "in time 15, later <5": a reader learnt that the quarter kept an earlier
reading, that at least as many referrals are now late as in time (12 or more, against 11 or
more in time), so 22 to 24 cases where 20 is published, and 11 or 12 referred in time where
15 is: two values of nine.

A median also counts only the cases of the quarters the counts cover: a span from May to
September counts 2020-Q3 alone, and its median was computed over the complaints of May and
June too, which no figure beside it counts.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.indicators.rounding import cell_draw, cell_seed, controlled_round, round_count

BASE = 5
SEPTEMBER = {"respected_in_time": 11, "respected_late": 3, "breach_in_time": 0,
             "breach_late": 0, "not_referred": 9}
PUBLISHED = {"respected_in_time": 15, "respected_late": 0, "breach_in_time": 0,
             "breach_late": 0, "not_referred": 5}


def _ids() -> list[str]:
    """23 case ids for which the real rounding publishes 20 cases and the September referral
    as ``PUBLISHED`` (the draws depend on the ids only)."""
    chooser = random.Random(11)
    alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
    for _try in range(5000):
        ids = ["".join(chooser.choice(alphabet) for _ in range(8)) for _n in range(23)]
        seed = cell_seed(ids, "2020-Q3")
        if round_count(23, BASE, cell_draw(seed, "total")) == 20 and controlled_round(
                SEPTEMBER, 20, BASE, seed, "investigation_referral_with_consent") == PUBLISHED:
            return ids
    raise AssertionError("no ids found for the September figures")


def _case(case_id: str, referred: str) -> dict[str, Any]:
    return {"id": case_id, "received": "2020-07-01", "channel": "hotline", "region": "ML05",
            "allegation": "sexual_abuse", "survivor": {"sex": "female", "age_group": "adult"},
            "perpetrator": {"affiliation": "nngo"},
            "consent": {"assistance": "yes", "investigation": "yes", "reporting": "yes"},
            "events": [{"kind": "acknowledged", "date": "2020-07-02"},
                       {"kind": "referred_to_entity", "date": referred,
                        "organisation": "alpha"}]}


@pytest.fixture
def referred_late(valid_repo: Path) -> Path:
    store = valid_repo / "data" / "cases"
    for old in store.glob("*.yaml"):
        old.unlink()
    days = ["2020-07-05"] * 11 + ["2020-08-20"] * 3 + ["2020-11-20"] * 9
    for case_id, day in zip(_ids(), days, strict=True):
        (store / f"{case_id}.yaml").write_text(
            yaml.safe_dump(_case(case_id, day), sort_keys=False), encoding="utf-8")
    return valid_repo


def _metrics(root: Path, as_of: str, period: str = "2020-Q3") -> dict[str, Any]:
    result = CliRunner().invoke(app, ["--root", str(root), "--lang", "en", "indicators",
                                      period, "--suppress", "--format", "json",
                                      "--as-of", as_of])
    assert result.exit_code == 0, result.output
    metrics: dict[str, Any] = json.loads(result.stdout)["metrics"]
    return metrics


def test_a_quarter_that_keeps_an_earlier_reading_keeps_its_medians(
        referred_late: Path) -> None:
    october, january = _metrics(referred_late, "2020-10-15"), _metrics(referred_late,
                                                                      "2021-01-15")
    referral = "investigation_referral_with_consent"
    assert october[referral]["details"]["referred_in_time"] == 15
    assert october[referral]["details"]["referred_late"] == "<5"
    assert january[referral] == october[referral]  # the September reading, kept
    assert october["median_days_to_entity_referral"]["value"] == 4
    assert january["median_days_to_entity_referral"] == october["median_days_to_entity_referral"]


def test_a_median_counts_only_the_quarters_the_figures_count(referred_late: Path) -> None:
    store = referred_late / "data" / "cases"
    for n in range(30):  # received in May, referred 51 days later: not in 2020-Q3
        case = _case(f"MAY{n:05d}", "2020-06-30")
        case["received"] = "2020-05-10"
        (store / f"{case['id']}.yaml").write_text(yaml.safe_dump(case, sort_keys=False),
                                                 encoding="utf-8")
    span = _metrics(referred_late, "2020-10-15", "2020-05..2020-09")
    assert span["cases_received"]["breakdowns"]["quarter"] == {"2020-Q3": 20}
    assert span["median_days_to_entity_referral"]["value"] == 4


def _concluded(case_id: str, received: str, after: int | None) -> dict[str, Any]:
    """A complaint whose investigation was concluded ``after`` days after its reception (or
    never opened)."""
    day = dt.date.fromisoformat(received)
    events = [{"kind": "acknowledged", "date": str(day + dt.timedelta(days=1))}]
    if after is not None:
        events += [{"kind": "investigation_opened", "date": str(day + dt.timedelta(days=2))},
                   {"kind": "investigation_concluded", "date": str(day + dt.timedelta(after)),
                    "outcome": "unsubstantiated"}]
    return {**_case(case_id, "2020-07-05"), "received": received, "events": events}


def _quarter_ids(count: int, quarter: str, total: int, cells: dict[str, int] | None = None,
                 shown: dict[str, int] | None = None) -> list[str]:
    """``count`` ids whose quarter the real rounding publishes with ``total`` cases (and the
    investigations ``cells`` as ``shown``)."""
    chooser = random.Random(count)
    alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
    for _try in range(5000):
        ids = ["".join(chooser.choice(alphabet) for _ in range(8)) for _n in range(count)]
        seed = cell_seed(ids, quarter)
        if round_count(count, BASE, cell_draw(seed, "total")) == total and (
                cells is None or controlled_round(cells, total, BASE, seed,
                                                  "investigations") == shown):
            return ids
    raise AssertionError(f"no ids found for {quarter}")


def test_a_median_over_quarters_counts_only_those_that_show_some_of_its_cases(
        valid_repo: Path) -> None:
    """2020-Q3: nine investigations concluded 10 to 90 days after the complaint (median 50
    days), six complaints whose investigation was never opened; 2020-Q4: one complaint,
    concluded after 80 days, shown ``<5``. The semester's median of 55 days, beside 2020-Q3's
    50, said that 2020-Q4 had a concluded investigation: 1 to 4 complaints, not 0 to 4. The
    semester's median now leaves out the quarters whose published figures may stand for none
    of its cases: 50 days, whether 2020-Q4 had one or not."""
    store = valid_repo / "data" / "cases"
    for old in store.glob("*.yaml"):
        old.unlink()
    keys = [f"{o}/{t}" for o in ("substantiated", "unsubstantiated", "insufficient_information")
            for t in ("informed", "not_informed")]
    cells = {**dict.fromkeys(keys, 0), "unsubstantiated/not_informed": 9, "ongoing": 0,
             "not_opened": 6}
    shown = {**cells, "unsubstantiated/not_informed": 10, "not_opened": 5}
    third = _quarter_ids(15, "2020-Q3", 15, cells, shown)
    records = [_concluded(i, "2020-07-01", after) for i, after in
               zip(third, [10, 20, 30, 40, 50, 60, 70, 80, 90, *[None] * 6], strict=True)]
    records.append(_concluded(_quarter_ids(1, "2020-Q4", 0)[0], "2020-10-01", 80))
    for record in records:
        (store / f"{record['id']}.yaml").write_text(yaml.safe_dump(record, sort_keys=False),
                                                   encoding="utf-8")
    quarter = _metrics(valid_repo, "2021-01-15")
    semester = _metrics(valid_repo, "2021-01-15", "2020-S2")
    assert quarter["median_days_to_investigation_concluded"]["value"] == 50
    assert semester["cases_received"]["breakdowns"]["quarter"] == {"2020-Q3": 15,
                                                                   "2020-Q4": "<5"}
    assert semester["investigation_outcomes"]["value"] == 10
    assert semester["median_days_to_investigation_concluded"]["value"] == 50


def test_a_median_does_not_move_when_what_it_waits_for_is_shown_below_the_threshold(
        valid_repo: Path) -> None:
    """2020-Q3: 17 complaints, 16 referred to the entity within 7 days (eight after 2 days,
    eight after 6: a median of 4 days), one not referred on 30 September and referred on
    20 November. The counts read in January are those of October ("not referred" ``<5``
    both times), and the median went from 4 to 6 days: a referral had come in between, so
    one complaint at least was not referred on 30 September (1 to 4, not 0 to 4). With
    "not referred" published 0 the median keeps the reading before."""
    store = valid_repo / "data" / "cases"
    for old in store.glob("*.yaml"):
        old.unlink()
    ids = _quarter_ids(17, "2020-Q3", 15)
    days = ["2020-07-03"] * 8 + ["2020-07-07"] * 8 + ["2020-11-20"]
    for case_id, day in zip(ids, days, strict=True):
        record = {**_case(case_id, day), "received": "2020-07-01"}
        (store / f"{case_id}.yaml").write_text(yaml.safe_dump(record, sort_keys=False),
                                               encoding="utf-8")
    october, january = _metrics(valid_repo, "2020-10-15"), _metrics(valid_repo, "2021-01-15")
    referral = "investigation_referral_with_consent"
    assert october[referral]["details"]["not_referred"] == "<5"
    assert january[referral] == october[referral]
    assert october["median_days_to_entity_referral"]["value"] == 4
    assert january["median_days_to_entity_referral"]["value"] == 4
