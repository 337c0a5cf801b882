"""Directory, service-map and plan metrics, measured on the period's last day (or as-of day)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from psea_cli import periods
from psea_cli.dataset import Dataset
from psea_cli.indicators import compute
from psea_cli.validation import load_dataset

S1, S2 = periods.parse("2020-S1"), periods.parse("2020-S2")
LATER = dt.date(2022, 1, 1)

GAMMA = """\
id: gamma
name: ONG Gamma
type: ingo
membership:
  since: 2019-01-01
  until: 2020-08-31
focal_points:
  - id: fp-1
    name: Cheffe de file PSEA
    role: lead_agency
    email: psea@gamma.example.org
  - id: fp-2
    name: Exemple
    role: lead_agency
    email: exemple@gamma.example.org
    example: true
"""
DELTA = """\
id: delta
name: ONG Delta
type: nngo
membership:
  since: 2021-03-01
commitments:
  code_of_conduct_signed: 2021-03-01
focal_points:
  - id: fp-1
    name: Point focal
    role: focal_point
"""
EPSILON = """\
id: epsilon
name: ONG Epsilon
type: ingo
membership:
  since: 2019-01-01
commitments:
  code_of_conduct_signed: 2021-01-10
  psea_in_induction: 2020-12-31
  sg_bulletin_disseminated: 2020-05-01
focal_points:
  - id: fp-a
    name: Co-facilitation
    role: co_facilitator
    phone: "+223 20 00 00 09"
    trainings:
      - kind: investigation
        date: 2020-12-31
      - kind: sop
        date: 2020-11-01
    sop_received_on: 2020-10-01
    verified_on: 2020-06-15
  - id: fp-b
    name: Suppléant
    role: alternate
    verified_on: 2021-01-05
"""
SERVICES = """\
services:
  - {id: tbk-medical, provider: alpha, type: medical, name: Centre de santé, region: ML06}
  - {id: tbk-pss, provider: alpha, type: psychosocial, name: Écoute, region: ML06}
  - {id: tbk-legal, provider: alpha, type: legal, name: Clinique juridique, region: ML06}
  - {id: tbk-shelter, provider: alpha, type: safety_shelter, name: Abri, region: ML06}
  - {id: tbk-social, provider: alpha, type: case_management, name: Suivi social, region: ML06}
  - {id: mopti-shelter, provider: alpha, type: safety_shelter, name: Abri, region: ML05}
  - {id: tbk-line, provider: alpha, type: complaint_channel, name: Ligne, region: ML06,
     status: temporarily_closed}
  - {id: mopti-box, provider: alpha, type: complaint_channel, name: Boîte, region: ML05}
  - {id: bko-box, provider: alpha, type: complaint_channel, name: Exemple, region: ML09,
     example: true}
"""


@pytest.fixture
def dataset(valid_repo: Path) -> Dataset:
    folder = valid_repo / "data" / "focal_points"
    (folder / "gamma.yaml").write_text(GAMMA, encoding="utf-8")
    (folder / "delta.yaml").write_text(DELTA, encoding="utf-8")
    (folder / "epsilon.yaml").write_text(EPSILON, encoding="utf-8")
    (valid_repo / "data" / "services" / "tombouctou.yaml").write_text(SERVICES, encoding="utf-8")
    loaded, problems = load_dataset(valid_repo)
    assert [p for p in problems if p.severity.label == "error"] == []
    return loaded


def fraction(dataset: Dataset, name: str, period: periods.Period = S2,
             as_of: dt.date = LATER) -> tuple[int | None, int | None]:
    metric = compute(dataset, period, as_of).metrics[name]
    return metric.numerator, metric.denominator


def test_members_are_those_whose_membership_is_active_on_the_measuring_day(
        dataset: Dataset) -> None:
    # 31 Dec 2020: alpha, beta, epsilon (gamma left in August, delta joins in 2021)
    assert fraction(dataset, "orgs_with_focal_point") == (2, 3)
    # 30 June 2020: gamma is still a member, and has a (non-example) focal point
    assert fraction(dataset, "orgs_with_focal_point", S1) == (3, 4)
    # as of 30 Sept 2020, earlier than the period's end: gamma has left
    assert fraction(dataset, "orgs_with_focal_point", S2, dt.date(2020, 9, 30)) == (2, 3)


def test_directory_verified_within_180_days_before_the_measuring_day(dataset: Dataset) -> None:
    # alpha fp-1 verified 2020-10-01 (91 days): yes; epsilon fp-a 2020-06-15 (199 days): no;
    # epsilon fp-b verified after the measuring day: not for this period
    assert fraction(dataset, "directory_verified") == (1, 3)


def test_commitments_count_when_dated_on_or_before_the_measuring_day(dataset: Dataset) -> None:
    metrics = compute(dataset, S2, LATER).metrics
    signed = metrics["orgs_code_of_conduct_signed"]
    assert (signed.numerator, signed.denominator) == (1, 3)  # epsilon signs in 2021
    assert {k: v for k, v in signed.breakdowns["org_type"].items() if v} == {"un_agency": 1}
    assert {k: v for k, v in signed.breakdowns["org_type_denominator"].items() if v} == {
        "un_agency": 1, "nngo": 1, "ingo": 1}
    assert fraction(dataset, "orgs_psea_in_induction") == (1, 3)  # on the last day counts
    assert fraction(dataset, "orgs_internal_reporting_system") == (0, 3)
    bulletin = metrics["orgs_sg_bulletin_disseminated"]
    assert bulletin.value == 1
    assert bulletin.details == {"member_organisations": 3}


def test_focal_point_training_and_sops(dataset: Dataset) -> None:
    assert fraction(dataset, "focal_points_trained_investigation") == (1, 3)
    received = compute(dataset, S2, LATER).metrics["focal_points_received_sop"]
    assert (received.numerator, received.denominator) == (1, 3)
    assert received.details == {"received_and_trained": 1}
    # 30 June: gamma (a member then) adds its focal point; epsilon received the SOPs in October
    assert fraction(dataset, "focal_points_received_sop", S1) == (0, 4)


def test_lead_and_cofacilitator_need_a_contact_and_ignore_examples(
        dataset: Dataset, valid_repo: Path) -> None:
    metric = compute(dataset, S2, LATER).metrics["lead_and_cofacilitator_identified"]
    assert metric.met is True
    assert metric.value == 2
    assert metric.details == {"lead_agency": 1, "co_facilitator": 1}
    (valid_repo / "data" / "focal_points" / "epsilon.yaml").write_text(
        EPSILON.replace('    phone: "+223 20 00 00 09"\n', ""), encoding="utf-8")
    without_contact, _ = load_dataset(valid_repo)
    metric = compute(without_contact, S2, LATER).metrics["lead_and_cofacilitator_identified"]
    assert metric.met is False
    assert metric.value == 1


def test_service_coverage_of_every_region_and_of_each_high_risk_zone(dataset: Dataset) -> None:
    metric = compute(dataset, S2, LATER).metrics["regions_with_service_coverage"]
    # every region is assessed: only Tombouctou (ML06) has medical, psychosocial, social (case
    # management) and legal services; Mopti's shelter is not the plan's "sociaux"
    assert (metric.numerator, metric.denominator) == (1, 5)
    assert metric.details["gaps"] == {
        "ML01": ["medical", "psychosocial", "social", "legal"],
        "ML04": ["medical", "psychosocial", "social", "legal"],
        "ML05": ["psychosocial", "social", "legal"],
        "ML09": ["medical", "psychosocial", "social", "legal"]}
    assert metric.details["high_risk_zones"] == {"covered": 1, "assessed": 2}
    assert metric.breakdowns["service"] == {
        "medical": 2, "psychosocial": 1, "social": 1, "legal": 1}


def test_complaint_channels_count_active_ones_by_region(dataset: Dataset) -> None:
    metric = compute(dataset, S2, LATER).metrics["complaint_channels_active"]
    assert metric.value == 1  # the closed one and the example do not count
    assert metric.breakdowns["region"] == {"ML01": 0, "ML04": 0, "ML05": 1, "ML06": 0, "ML09": 0}


def test_plan_budgeted_when_amounts_add_up_to_the_stated_total(
        dataset: Dataset, valid_repo: Path) -> None:
    metric = compute(dataset, S2, LATER).metrics["plan_budgeted"]
    assert metric.value == 45000
    assert metric.met is True
    assert metric.details["funded_elsewhere"] == ["2.1.2: Voir Sous-Cluster VBG"]
    plan = valid_repo / "data" / "plan" / "test-plan" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "stated_total_usd: 45000", "stated_total_usd: 50000"), encoding="utf-8")
    unbalanced, _ = load_dataset(valid_repo)
    assert compute(unbalanced, S2, LATER).metrics["plan_budgeted"].met is False
