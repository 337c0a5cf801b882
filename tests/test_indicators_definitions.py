"""Each case indicator measures what the plan's wording says, on small hand-written cases:
survivors counted one by one, consent not asked versus declined, ``other`` allegations apart,
referral to the concerned entity versus identifying details shared without consent, and the
per-quarter figures of 1.1-d, protected like every case figure."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from psea_cli import periods
from psea_cli.cases import rules
from psea_cli.dataset import Dataset, Located
from psea_cli.indicators import compute
from psea_cli.indicators.export import indicator_document
from psea_cli.indicators.shared import publish
from psea_cli.models import Case
from psea_cli.validation import load_dataset

AS_OF = dt.date(2021, 1, 31)
S2 = periods.parse("2020-S2")
REFERRED = ("assistance_referred", "2020-07-02", {"service": "medical"})


def case(ident: str, *, received: str = "2020-07-01", allegation: str = "sexual_abuse",
         survivors: int = 1, sex: str = "female", age: str = "child",
         assistance: str = "yes", investigation: str = "not_asked", identity: str = "not_asked",
         events: Sequence[tuple[str, str, dict[str, Any]]] = ()) -> Located[Case]:
    record = Case.model_validate({
        "id": f"DEF{ident:0>5}", "received": received, "channel": "cbcm", "region": "ML05",
        "allegation": allegation, "survivor": {"sex": sex, "age_group": age, "count": survivors},
        "perpetrator": {"affiliation": "nngo"},
        "consent": {"assistance": assistance, "investigation": investigation,
                    "identity": identity},
        "events": [{"kind": kind, "date": day, **extra} for kind, day, extra in events]})
    return Located(record, f"data/cases/{record.id}.yaml")


@pytest.fixture
def base(valid_repo: Path) -> Dataset:
    plan = valid_repo / "data/plan/test-plan/plan.yaml"  # 1.1-a: "# de cas … par trimestre"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "measured_by: cases_received\n",
        "measured_by: cases_received\n                per: quarter\n", 1), encoding="utf-8")
    loaded, problems = load_dataset(valid_repo)
    assert problems == []
    return loaded


def measure(base: Dataset, *cases: Located[Case], name: str, period: str = "2020-S2"
            ) -> Any:
    dataset = dataclasses.replace(base, cases=list(cases))
    return compute(dataset, periods.parse(period), AS_OF).metrics[name]


def test_a_case_of_four_survivors_counts_four_survivors(base: Dataset) -> None:
    m = measure(base, case("A", survivors=4, sex="female", age="child", events=[REFERRED]),
                case("B", sex="male", age="adult"), name="assistance_referral_within_72h")
    assert (m.numerator, m.denominator) == (4, 5)
    assert m.value == pytest.approx(80.0)
    assert m.breakdowns["sex_age"]["female/child"] == 4
    assert m.breakdowns["sex_age_denominator"]["male/adult"] == 1
    received = measure(base, case("A", survivors=4), case("B"), name="cases_received")
    assert (received.value, received.details["survivors"]) == (2, 5)


def test_consent_not_asked_is_not_referred_and_declined_is_not_a_failure(base: Dataset) -> None:
    referred = case("A", events=[REFERRED])
    asked_no = measure(base, referred, case("B", assistance="no"),
                       name="assistance_referral_within_72h")
    assert (asked_no.numerator, asked_no.denominator) == (1, 1)  # a choice, left out
    assert asked_no.details["declined"] == 1
    not_asked = measure(base, referred, case("B", assistance="not_asked"),
                        name="assistance_referral_within_72h")
    assert (not_asked.numerator, not_asked.denominator) == (1, 2)  # not asking never helps
    assert not_asked.details["consent_not_asked"] == 1


def test_an_other_allegation_is_counted_apart_from_sea(base: Dataset) -> None:
    cases = (case("A", allegation="sexual_exploitation"), case("B", allegation="other"),
             case("C", allegation="not_sea"))
    received = measure(base, *cases, name="cases_received")
    assert received.value == 1
    assert received.details["other_allegations"] == 1
    assert "other" not in received.breakdowns["allegation"]
    timely = measure(base, *cases, name="assistance_referral_within_72h")
    assert timely.denominator == 1


def _findings(located: Located[Case]) -> list[str]:
    return [f.code for f in rules.case_findings(located, {}, AS_OF)]


def test_referral_to_the_entity_without_consent_counts_and_warns_of_nothing(
        base: Dataset) -> None:
    declined = case("A", investigation="no", events=[
        ("referred_to_entity", "2020-07-03", {"organisation": "alpha"})])
    assert _findings(declined) == []
    m = measure(base, declined, case("B"), name="investigation_referral_with_consent")
    assert (m.numerator, m.denominator) == (1, 2)  # B was not referred: that is the gap
    assert m.details["referred_with_consent_breach"] == 0


def test_identity_shared_without_consent_warns_and_does_not_count(base: Dataset) -> None:
    shared = case("A", investigation="yes", identity="not_asked", events=[
        ("referred_to_entity", "2020-07-03", {"organisation": "alpha"}),
        ("identity_shared", "2020-07-04", {"organisation": "alpha"})])
    assert _findings(shared) == ["cases.identity-shared-without-consent"]
    m = measure(base, shared, name="investigation_referral_with_consent")
    assert (m.numerator, m.denominator) == (0, 1)
    assert m.details["referred_with_consent_breach"] == 1
    consented = case("A", investigation="yes", identity="yes", events=[
        ("referred_to_entity", "2020-07-03", {"organisation": "alpha"}),
        ("identity_shared", "2020-07-04", {"organisation": "alpha"})])
    assert _findings(consented) == []
    assert measure(base, consented, name="investigation_referral_with_consent").numerator == 1


def test_participation_without_consent_is_a_breach(base: Dataset) -> None:
    involved = case("A", investigation="no", events=[
        ("referred_to_entity", "2020-07-03", {"organisation": "alpha"}),
        ("investigation_opened", "2020-07-10", {"survivor_participates": True})])
    assert _findings(involved) == ["cases.participation-without-consent"]
    m = measure(base, involved, name="investigation_referral_with_consent")
    assert m.numerator == 0


def test_legal_information_and_satisfaction_count_survivors(base: Dataset) -> None:
    cases = (case("A", survivors=3, events=[
                 ("legal_information", "2020-07-05", {}),
                 ("satisfaction", "2020-08-01", {"value": "satisfied"})]),
             case("B", events=[("satisfaction", "2020-08-01", {"value": "not_satisfied"})]),
             case("C"))
    legal = measure(base, *cases, name="legal_information_given")
    assert (legal.numerator, legal.denominator) == (3, 5)
    satisfied = measure(base, *cases, name="survivor_satisfaction")
    assert (satisfied.numerator, satisfied.denominator) == (3, 4)
    assert satisfied.details["not_recorded"] == 1


def test_the_per_quarter_indicator_gives_each_quarter_protected(base: Dataset) -> None:
    cases = [case(str(i), received="2020-07-15") for i in range(6)]
    cases += [case(f"X{i}", received="2020-11-15") for i in range(2)]
    dataset = dataclasses.replace(base, cases=cases)
    report = compute(dataset, S2, AS_OF)
    [result] = [r for r in report.indicators if r.metric == "cases_received"][:1]
    assert result.by_quarter == {"2020-Q3": 6, "2020-Q4": 2}
    assert indicator_document(result)["by_quarter"] == {"2020-Q3": 6, "2020-Q4": 2}
    with pytest.raises(ValueError, match="raw case figures"):
        indicator_document(result, threshold=5)  # a shared view takes published figures only
    [shared] = [r for r in publish(dataset, S2, AS_OF).indicators
                if r.metric == "cases_received"][:1]
    protected = indicator_document(shared, threshold=5)["by_quarter"]
    assert protected["2020-Q3"] in (5, 10)  # 6, rounded to a multiple of 5
    assert protected["2020-Q4"] in ("<5", 5)  # 2: never shown as such
