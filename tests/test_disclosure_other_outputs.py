"""Published figures set against each other outside the quarterly case-metric chain, as a
hostile review of 2026-12-04 did: the survivors beside the cases, and what else a member
holds at once (reports, tables, published figure files), on small hand-written networks of
2020-Q3, read on 2020-12-31."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from helpers import network_of

from psea_cli import periods
from psea_cli.dataset import Dataset
from psea_cli.indicators.shared import publish

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
        "events": [{"kind": "acknowledged", "date": received}]}
    record.update(fields)
    return record


def _network(root: Path, cases: list[dict[str, Any]]) -> Dataset:
    return network_of(root, cases, AS_OF)


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


def _demonstration(dataset: Dataset, period: str, today: dt.date) -> dict[str, int] | None:
    from psea_cli.indicators.compute import covering_plans
    from psea_cli.report import demonstration

    chosen = periods.parse(period)
    return demonstration.found(dataset, covering_plans(dataset, chosen)[0],
                               publish(dataset, chosen, today))


@pytest.mark.parametrize(("received", "count", "said"), [
    ("2020-10-20", 1, False),  # 4th quarter, not counted on 15 November: nothing published
    ("2020-07-20", 1, False),  # counted, but published "<5": said, it was "1 to 4"
    ("2020-07-20", 6, True),   # counted and published: the figures are demonstration data
])
def test_the_demonstration_notice_says_nothing_the_case_figures_do_not(
        valid_repo: Path, received: str, count: int, said: bool) -> None:
    """The report's cover said "cases of this period are synthetic" whenever a synthetic case
    was received in the period, read on the day the report was made: on 15 November, beside
    case figures that count the 3rd quarter alone (read on 30 September), it said that a case
    had come in during October, and the report made on 19 October did not say it; beside "<5
    complaints received" it said there was one at least. It now speaks of the cases the
    figures count, and only when they publish some."""
    cases = [{**_case(f"SY{i:06d}", received=received), "synthetic": True}
             for i in range(count)]
    dataset = _network(valid_repo, cases)
    found = _demonstration(dataset, "2020-S2", dt.date(2020, 11, 15))
    assert bool(found and found["synthetic_cases"]) is said


def test_the_audit_catches_survivors_published_beside_no_case() -> None:
    """What the review found, planted in a publication: ``psea audit`` says that "<5"
    complaints beside 5 survivors are 1 to 4."""
    from psea_cli.audit import audit_publication
    from psea_cli.audit.publication import Output, Publication

    document = {"protection": {"quarters": ["2020-Q3"]}, "metrics": {"cases_received": {
        "value": "<5", "numerator": None, "denominator": None, "details": {"survivors": 5},
        "breakdowns": {"region": {"ML05": "<5"}}}}}
    publication = Publication(AS_OF, AS_OF, BASE, [Output(Q3, document)])
    findings, _bounded, _narrowest = audit_publication(publication)
    assert [(f.check, f.figure, f.detail) for f in findings] == [
        ("programme", "2020-Q3 cases_received.value",
         "pinned to 1..4: survivors are published above 0 beside it, and every survivor is "
         "some case's")]


def test_the_demonstration_notice_is_not_said_of_a_quarter_published_under_five(
        valid_repo: Path) -> None:
    """2020-S2 read on 31 January: seven real complaints in July, two synthetic ones in
    November. The 3rd quarter's report published 5 complaints and no notice, the 4th quarter's
    "<5"; the semester's said "some cases of this period are synthetic", so the 4th quarter
    held one case at least: 1 to 4 where "<5" means 0 to 4 (found by a disclosure attacker).
    Only a quarter published with some case is now searched."""
    real = [_case(f"RX{i:06d}", received=f"2020-07-0{i + 1}") for i in range(7)]
    demo = [{**_case(f"SX{i:06d}", received=f"2020-11-0{i + 3}"), "synthetic": True}
            for i in range(2)]
    dataset = _network(valid_repo, real + demo)
    semester = publish(dataset, periods.parse("2020-S2"), AS_OF)
    by_quarter = semester.metrics["cases_received"].breakdowns["quarter"]
    assert by_quarter["2020-Q4"] == 0
    assert by_quarter["2020-Q3"] >= BASE
    assert _demonstration(dataset, "2020-Q3", AS_OF) is None
    found = _demonstration(dataset, "2020-S2", AS_OF)
    assert not (found and found["synthetic_cases"])
