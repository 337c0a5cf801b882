"""The accountability chain's metrics on hand-written cases (period 2020-S2, as of 2 January
2021): delays to the entity, to an investigation opened and concluded; outcomes; open cases by
age; survivors informed of the outcome.

| case | received | referred      | opened        | concluded               | informed        | closed |
|------|----------|---------------|---------------|-------------------------|-----------------|--------|
| R1   | 07-01    | 07-11 (10 d)  | 07-21 (20 d)  | 09-29 (90 d), substant. | 10-01, 2 surv.  | 10-05  |
| R2   | 08-01    | 08-05 (4 d)   | 08-31 (30 d)  | 12-30 (151 d), unsubst. | 08-10: before   | open   |
| R3   | 09-01    | 09-21 (20 d)  | 10-01 (30 d)  | ongoing                 |                 | open   |
| R4   | 11-15    |               |               |                         |                 | open   |
| R5   | 12-20    |               |               |                         |                 | open   |
| R7   | 07-05    |               |               |                         |                 | 08-01  |
| R6   | 07-01, ``other`` misconduct, referred, opened, concluded: never counted          |        |
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from psea_cli import periods
from psea_cli.dataset import Dataset, Located
from psea_cli.indicators import compute
from psea_cli.indicators.shared import publish
from psea_cli.models import Case
from psea_cli.validation import load_dataset

AS_OF = dt.date(2021, 1, 2)
S2 = periods.parse("2020-S2")
ENTITY = {"organisation": "alpha"}


def _case(ident: str, received: str, *events: tuple[str, str, dict[str, Any]],
          survivors: int = 1, allegation: str = "sexual_exploitation") -> Case:
    return Case.model_validate({
        "id": f"CASE00{ident}", "received": received, "channel": "hotline", "region": "ML05",
        "allegation": allegation, "perpetrator": {"affiliation": "ingo", "organisation": "alpha"},
        "survivor": {"sex": "female", "age_group": "adult", "count": survivors},
        "consent": {"assistance": "yes", "investigation": "yes"},
        "events": [{"kind": kind, "date": day, **extra} for kind, day, extra in events]})


def _chain(referred: str, opened: str | None = None, concluded: str | None = None,
           outcome: str = "substantiated") -> list[tuple[str, str, dict[str, Any]]]:
    found = [("referred_to_entity", referred, ENTITY)]
    if opened:
        found.append(("investigation_opened", opened, {**ENTITY, "survivor_participates": True}))
    if concluded:
        found.append(("investigation_concluded", concluded, {**ENTITY, "outcome": outcome}))
    return found


CASES = [
    _case("R1", "2020-07-01", *_chain("2020-07-11", "2020-07-21", "2020-09-29"),
          ("feedback_given", "2020-10-01", {}), ("closed", "2020-10-05", {"reason": "needs_met"}),
          survivors=2),
    _case("R2", "2020-08-01", *_chain("2020-08-05", "2020-08-31", "2020-12-30",
                                      "unsubstantiated"), ("feedback_given", "2020-08-10", {})),
    _case("R3", "2020-09-01", *_chain("2020-09-21", "2020-10-01")),
    _case("R4", "2020-11-15"),
    _case("R5", "2020-12-20"),
    _case("R6", "2020-07-01", *_chain("2020-07-02", "2020-07-03", "2020-07-04"),
          allegation="other"),
    _case("R7", "2020-07-05", ("closed", "2020-08-01", {"reason": "needs_met"})),
]


@pytest.fixture
def dataset(valid_repo: Path) -> Dataset:
    loaded, _problems = load_dataset(valid_repo)
    return dataclasses.replace(loaded, cases=[Located(c, f"data/cases/{c.id}.yaml")
                                              for c in CASES])


def _metric(dataset: Dataset, name: str) -> Any:
    return compute(dataset, S2, AS_OF).metrics[name]


def test_median_days_to_each_step(dataset: Dataset) -> None:
    referral = _metric(dataset, "median_days_to_entity_referral")
    assert (referral.value, referral.details) == (10, {"cases": 3})  # 10, 4, 20
    assert _metric(dataset, "median_days_to_investigation_opened").value == 30  # 20, 30, 30
    assert _metric(dataset, "median_days_to_investigation_concluded").value == 120.5  # 90, 151


def test_the_median_to_referral_counts_only_the_referrals_the_referral_figures_count(
        dataset: Dataset) -> None:
    """A referral recorded for a case whose entity is unknown is no referral to the concerned
    entity: the referral figures leave it out (``no_entity_known``), so does the median, or
    its days (here 40) would say where complaints the referral table does not show fell."""
    unknown = [Case.model_validate({
        **_case(f"X{i}", "2020-07-01", ("referred_to_entity", "2020-08-10", {})).model_dump(),
        "perpetrator": {"affiliation": "unknown"}}) for i in range(5)]
    widened = dataclasses.replace(dataset, cases=[*dataset.cases, *(
        Located(c, f"data/cases/{c.id}.yaml") for c in unknown)])
    referral = _metric(widened, "median_days_to_entity_referral")
    assert (referral.value, referral.details) == (10, {"cases": 3})  # R1, R2, R3 only
    assert _metric(widened, "investigation_referral_with_consent").details[
        "no_entity_known"] == 5


def test_outcomes_by_category_and_investigations_not_concluded(dataset: Dataset) -> None:
    outcomes = _metric(dataset, "investigation_outcomes")
    assert outcomes.value == 2
    assert outcomes.details == {"substantiated": 1, "unsubstantiated": 1,
                                "insufficient_information": 0, "ongoing": 1, "not_opened": 3,
                                # R1 was told the outcome, R2 only before it
                                "substantiated/informed": 1, "substantiated/not_informed": 0,
                                "unsubstantiated/informed": 0, "unsubstantiated/not_informed": 1,
                                "insufficient_information/informed": 0,
                                "insufficient_information/not_informed": 0}


def test_open_cases_by_age_on_the_as_of_day(dataset: Dataset) -> None:
    still_open = _metric(dataset, "open_cases_by_age")
    assert still_open.value == 4
    # R5: 13 days; R4: 48 days; R2: 154 days, R3: 123 days; R1 and R7 closed
    assert still_open.details == {"under_30_days": 1, "30_to_60_days": 1, "over_60_days": 2,
                                  "closed": 2}


def test_survivors_informed_after_the_conclusion_only(dataset: Dataset) -> None:
    informed = _metric(dataset, "survivors_informed_of_outcome")
    # complaints: R1's survivors were told after the conclusion; R2's feedback came before it
    assert (informed.numerator, informed.denominator) == (1, 2)
    assert informed.details["no_conclusion"] == 4  # R3 (ongoing), R4, R5, R7


def test_shared_view_gives_no_median_over_fewer_cases_than_the_threshold(
        dataset: Dataset) -> None:
    shared = publish(dataset, S2, AS_OF).metrics
    assert shared["median_days_to_entity_referral"].value is None  # 3 cases < 5
    assert shared["open_cases_by_age"].value is not None
    assert int(shared["open_cases_by_age"].value) % 5 == 0
