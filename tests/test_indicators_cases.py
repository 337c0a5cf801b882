"""Case metrics against a table computed by hand: 14 cases, every edge case of the formulas.

Period 2020-S2 (1 July – 31 December 2020), as of 2 January 2021; deadlines of the fixture
network: acknowledgement 7 days, referral to assistance 72 hours.

| case | received        | in  | acknowledged       | consent A/I | referral          | other         |
|------|-----------------|-----|--------------------|-------------|-------------------|---------------|
| A    | 07-01           | Q3  | 07-08, day 7: ok   | yes/yes     | 07-03, 2 d: ok    | inv, legal, + |
| B    | 07-10           | Q3  | 07-18, day 8: late | yes/no      | 07-14, 4 d: late  | inv (no), -   |
| C    | 08-03 09:00     | Q3  | 08-04: ok          | yes/-       | 08-06 08:00, 71 h | ok            |
| D    | 08-10 09:00     | Q3  | 08-11: ok          | yes/-       | 08-13 10:00, 73 h | late; legal   |
| E    | 09-01           | Q3  | 09-02: ok          | no/yes      | none (no consent) | inv           |
| F    | 09-15           | Q3  | never: late        | not asked   | none              |               |
| G    | 12-31, last day | Q4  | 2021-01-01: ok     | yes         | 2021-01-01: ok    |               |
| K    | 10-05, 3 surv.  | Q4  | 10-05, day 0: ok   | yes/yes     | 10-08, 3 d: ok    | +, then -     |
| Q    | 11-20 15:00     | Q4  | 11-27, day 7: ok   | yes         | 11-23 (day): ok   | legal, +      |
| M    | 12-20           | Q4  | 2021-01-03: after as-of, late | not asked | none  |               |
| N    | 12-31 10:00     | Q4  | none, 2 days old: pending | yes  | none yet: pending |               |
| H    | 10-01, not_sea  | no  | every event        | yes/yes     | 10-01             | all           |
| J    | 2020-06-30      | S1  |                    |             |                   |               |
| P    | 2021-01-01      | S1 of 2021 |             |             |                   |               |

(+ satisfied, - not satisfied; inv: referred to the concerned entity, with the survivor's
consent to take part unless "(no)"). E and M are ``other`` misconduct: not SEA, counted apart.
Every alleged perpetrator works for an international NGO, except F's (unknown: no entity to
refer to).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from psea_cli import periods
from psea_cli.dataset import Dataset, Located
from psea_cli.indicators import compute
from psea_cli.models import Case
from psea_cli.validation import load_dataset

AS_OF = dt.date(2021, 1, 2)
DETAILS = {"assistance_referred": {"service": "medical", "service_id": "mopti-medical"},
           "referred_to_entity": {"organisation": "alpha"}}
S2 = periods.parse("2020-S2")


def case(ident: str, received: str, *, sex: str = "female", age: str = "adult",
         region: str = "ML05", channel: str = "hotline", allegation: str = "sexual_exploitation",
         assistance: str = "not_asked", investigation: str = "not_asked", survivors: int = 1,
         affiliation: str = "ingo", events: Sequence[tuple[str, ...]] = ()) -> Case:
    data: dict[str, Any] = {
        "id": f"CASE000{ident}", "received": received, "channel": channel, "region": region,
        "allegation": allegation, "perpetrator": {"affiliation": affiliation},
        "survivor": {"sex": sex, "age_group": age, "count": survivors},
        "consent": {"assistance": assistance, "investigation": investigation},
        "events": [{"kind": e[0], "date": e[1], **DETAILS.get(e[0], {}),
                    **({"value": e[2]} if len(e) > 2 else {})} for e in events],
    }
    return Case.model_validate(data)


CASES = [
    case("A", "2020-07-01", assistance="yes", investigation="yes", events=[
        ("acknowledged", "2020-07-08"), ("assistance_referred", "2020-07-03"),
        ("referred_to_entity", "2020-07-10"), ("legal_information", "2020-07-09"),
        ("satisfaction", "2020-09-01", "satisfied")]),
    case("B", "2020-07-10", age="child", channel="cbcm", allegation="sexual_abuse",
         assistance="yes", investigation="no", events=[
             ("acknowledged", "2020-07-18"), ("assistance_referred", "2020-07-14"),
             ("referred_to_entity", "2020-07-20"),
             ("satisfaction", "2020-09-01", "not_satisfied")]),
    case("C", "2020-08-03T09:00", sex="male", age="child", region="ML06", channel="focal_point",
         allegation="sexual_abuse", assistance="yes", events=[
             ("acknowledged", "2020-08-04"), ("assistance_referred", "2020-08-06T08:00")]),
    case("D", "2020-08-10T09:00", age="child", region="ML06", assistance="yes", events=[
        ("acknowledged", "2020-08-11"), ("assistance_referred", "2020-08-13T10:00"),
        ("legal_information", "2020-08-20")]),
    case("E", "2020-09-01", region="ML09", channel="staff_report", allegation="other",
         assistance="no", investigation="yes", events=[
             ("acknowledged", "2020-09-02"), ("referred_to_entity", "2020-09-10")]),
    case("F", "2020-09-15", age="unknown", channel="community_relay", affiliation="unknown"),
    case("G", "2020-12-31", assistance="yes", events=[
        ("acknowledged", "2021-01-01"), ("assistance_referred", "2021-01-01")]),
    case("K", "2020-10-05", sex="male", region="ML06", allegation="sexual_abuse",
         assistance="yes", investigation="yes", survivors=3, events=[
             ("acknowledged", "2020-10-05"), ("assistance_referred", "2020-10-08"),
             ("satisfaction", "2020-11-01", "satisfied"),
             ("satisfaction", "2020-12-01", "not_satisfied")]),
    case("Q", "2020-11-20T15:00", age="child", channel="cbcm", assistance="yes", events=[
        ("acknowledged", "2020-11-27"), ("assistance_referred", "2020-11-23"),
        ("legal_information", "2020-11-24"), ("satisfaction", "2020-12-10", "satisfied")]),
    case("M", "2020-12-20", region="ML09", allegation="other", events=[
        ("acknowledged", "2021-01-03")]),
    case("N", "2020-12-31T10:00", sex="unknown", age="unknown", region="ML04", channel="other",
         assistance="yes"),
    case("H", "2020-10-01", allegation="not_sea", assistance="yes", investigation="yes", events=[
        ("acknowledged", "2020-10-01"), ("assistance_referred", "2020-10-01"),
        ("referred_to_entity", "2020-10-01"), ("legal_information", "2020-10-01"),
        ("satisfaction", "2020-10-02", "satisfied")]),
    case("J", "2020-06-30", assistance="yes", events=[
        ("acknowledged", "2020-06-30"), ("assistance_referred", "2020-06-30")]),
    case("P", "2021-01-01", assistance="yes", events=[
        ("acknowledged", "2021-01-01"), ("assistance_referred", "2021-01-01")]),
]


@pytest.fixture
def dataset(valid_repo: Path) -> Dataset:
    loaded, problems = load_dataset(valid_repo)
    assert problems == []
    return dataclasses.replace(
        loaded, cases=[Located(c, f"data/cases/{c.id}.yaml") for c in CASES])


def test_cases_received_counts_sea_cases_by_quarter_region_channel_allegation_sex_age(
        dataset: Dataset) -> None:
    m = compute(dataset, S2, AS_OF).metrics["cases_received"]
    assert m.value == 9  # 14 records less not_sea (H), June (J), January (P), other (E, M)
    b = m.breakdowns
    assert b["quarter"] == {"2020-Q3": 5, "2020-Q4": 4}
    assert b["region"] == {"ML01": 0, "ML04": 1, "ML05": 5, "ML06": 3, "ML09": 0, "unlisted": 0}
    assert {k: v for k, v in b["channel"].items() if v} == {
        "hotline": 4, "cbcm": 2, "focal_point": 1, "community_relay": 1, "other": 1}
    assert b["allegation"] == {"sexual_exploitation": 6, "sexual_abuse": 3}
    assert {k: v for k, v in b["sex_age"].items() if v} == {
        "female/adult": 2, "female/child": 3, "female/unknown": 1, "male/child": 1,
        "male/adult": 1, "unknown/unknown": 1}
    assert len(b["sex_age"]) == 12  # every sex × age cell is listed, zeros included
    assert m.details == {"survivors": 11,  # K concerns 3 survivors
                         "other_allegations": 2,  # E and M, counted apart
                         "duplicates": 0}


def test_response_within_7_days_day_7_on_time_day_8_late_recent_pending(
        dataset: Dataset) -> None:
    m = compute(dataset, S2, AS_OF).metrics["response_within_7_days"]
    # on time: A (day 7), C, D, G, K (day 0), Q (day 7 from 15:00); late: B (day 8),
    # F (never); pending: N (2 days old); E and M are not SEA complaints
    assert (m.numerator, m.denominator) == (6, 8)
    assert m.value == pytest.approx(75.0)
    assert m.details == {"on_time": 6, "late": 2, "pending": 1}
    assert m.breakdowns["quarter"] == {"2020-Q3": 3, "2020-Q4": 3}
    assert m.breakdowns["quarter_denominator"] == {"2020-Q3": 5, "2020-Q4": 3}


def test_response_pending_case_becomes_late_when_seen_later(dataset: Dataset) -> None:
    m = compute(dataset, S2, dt.date(2021, 2, 1)).metrics["response_within_7_days"]
    assert (m.numerator, m.denominator) == (6, 9)  # N is now late
    assert m.details["pending"] == 0


def test_assistance_referral_counts_survivors_and_keeps_not_asked_in_the_denominator(
        dataset: Dataset) -> None:
    m = compute(dataset, S2, AS_OF).metrics["assistance_referral_within_72h"]
    # survivors: in time A, C (71 h), G, K (3 survivors, 3 days), Q (3 days, no time) = 7;
    # late B (4 days), D (73 h); never asked and not referred: F; pending: N
    assert (m.numerator, m.denominator) == (7, 10)
    assert m.value == pytest.approx(70.0)
    assert m.details == {"pending": 1, "late_or_not_referred": 3, "declined": 0,
                         "consent_not_asked": 1}
    assert {k: v for k, v in m.breakdowns["sex_age"].items() if v} == {
        "female/adult": 2, "female/child": 1, "male/child": 1, "male/adult": 3}
    assert {k: v for k, v in m.breakdowns["sex_age_denominator"].items() if v} == {
        "female/adult": 2, "female/child": 3, "male/child": 1, "male/adult": 3,
        "female/unknown": 1}


def test_referral_to_the_entity_needs_no_consent_and_an_unknown_employer_is_left_out(
        dataset: Dataset) -> None:
    m = compute(dataset, S2, AS_OF).metrics["investigation_referral_with_consent"]
    # entity known: every SEA case but F; referred: A, and B although B declined to take part
    assert (m.numerator, m.denominator) == (2, 8)
    # A was referred after 9 days, B after 10: both later than the SOP's 7 days
    assert m.details == {"referred_with_consent_breach": 0, "no_entity_known": 1,
                         "respected_in_time": 0, "breach_in_time": 0}


def test_legal_information_given_counts_survivors(dataset: Dataset) -> None:
    m = compute(dataset, S2, AS_OF).metrics["legal_information_given"]
    assert (m.numerator, m.denominator) == (3, 11)  # A, D, Q of 11 survivors (K: 3)
    assert m.value == pytest.approx(300 / 11)


def test_survivor_satisfaction_uses_latest_recorded_value(dataset: Dataset) -> None:
    m = compute(dataset, S2, AS_OF).metrics["survivor_satisfaction"]
    # recorded: A satisfied, B not, K's 3 survivors satisfied then not (latest counts), Q
    assert (m.numerator, m.denominator) == (2, 6)
    assert m.details == {"not_recorded": 5}


def test_quarter_of_the_last_day_and_next_period(dataset: Dataset) -> None:
    q4 = compute(dataset, periods.parse("2020-Q4"), AS_OF).metrics["cases_received"]
    assert q4.value == 4  # G, received on 31 December, belongs to Q4 (M is not SEA)
    q1 = compute(dataset, periods.parse("2021-Q1"), AS_OF).metrics["cases_received"]
    assert q1.value == 1  # P, received on 1 January 2021


def test_as_of_before_period_end_ignores_later_cases_and_events(dataset: Dataset) -> None:
    m = compute(dataset, S2, dt.date(2020, 8, 5)).metrics
    assert m["cases_received"].value == 3  # A, B, C: received by 5 August
    # C received 3 August, acknowledged 4 August: on time; A day 7; B day 8
    assert (m["response_within_7_days"].numerator,
            m["response_within_7_days"].denominator) == (2, 3)


def test_no_case_gives_no_percentage(dataset: Dataset) -> None:
    empty = dataclasses.replace(dataset, cases=[])
    m = compute(empty, S2, AS_OF).metrics
    assert m["cases_received"].value == 0
    for name in ("response_within_7_days", "assistance_referral_within_72h",
                 "investigation_referral_with_consent", "legal_information_given",
                 "survivor_satisfaction"):
        assert m[name].value is None, name
        assert m[name].denominator == 0


def test_the_window_closes_at_the_end_of_the_deadline_day(dataset: Dataset) -> None:
    # received 24 December, nothing recorded: pending on 30 December (day 6); by the end of
    # 31 December (day 7) it could still be on time only if acknowledged that day: it was not
    waiting = dataclasses.replace(dataset, cases=[
        Located(case("R", "2020-12-24", assistance="yes"), "data/cases/CASE000R.yaml")])
    day6 = compute(waiting, S2, dt.date(2020, 12, 30)).metrics
    day7 = compute(waiting, S2, dt.date(2020, 12, 31)).metrics
    assert day6["response_within_7_days"].details["pending"] == 1
    assert (day7["response_within_7_days"].numerator,
            day7["response_within_7_days"].denominator) == (0, 1)
    # the 72-hour window: pending on 26 December (day 2), missed by the end of day 3
    day2 = compute(waiting, S2, dt.date(2020, 12, 26)).metrics["assistance_referral_within_72h"]
    day3 = compute(waiting, S2, dt.date(2020, 12, 27)).metrics["assistance_referral_within_72h"]
    assert (day2.denominator, day2.details["pending"]) == (0, 1)
    assert (day3.numerator, day3.denominator) == (0, 1)
