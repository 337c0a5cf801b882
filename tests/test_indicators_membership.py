"""3.2-a1, 3.2-a2, 3.2-c1, 3.2-c2/c3 on hand-written organisations: the denominators the plan's
wording names (HCT members, cluster members, national and international NGOs apart)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from psea_cli import periods
from psea_cli.dataset import Dataset
from psea_cli.indicators import compute
from psea_cli.validation import load_dataset

S2 = periods.parse("2020-S2")
LATER = dt.date(2022, 1, 1)


def _org(ident: str, kind: str, hct: bool, cluster: bool, **commitments: str) -> str:
    lines = [f"id: {ident}", f"name: Organisation {ident}", f"type: {kind}",
             "membership:", "  since: 2019-01-01",
             f"ehp_member: {str(hct).lower()}", f"cluster_member: {str(cluster).lower()}"]
    if commitments:
        lines.append("commitments:")
        lines += [f"  {key}: {day}" for key, day in commitments.items()]
    return "\n".join([*lines, "focal_points: []", ""])


# With the fixture's alpha (UN agency, HCT and cluster member, code signed in 2019) and beta
# (national NGO, member of neither, nothing signed).
ORGS = {
    "hct-only": _org("hct-only", "un_agency", True, False, code_of_conduct_signed="2020-01-01",
                     sop_integrated="2020-02-01", internal_reporting_system="2020-03-01"),
    "nngo-signed": _org("nngo-signed", "nngo", False, True, code_of_conduct_signed="2020-05-01"),
    "nngo-not-signed": _org("nngo-not-signed", "nngo", False, True),
    "ingo-cluster": _org("ingo-cluster", "ingo", False, True, code_of_conduct_signed="2020-07-01",
                         sop_integrated="2020-07-01"),
    "ingo-outside": _org("ingo-outside", "ingo", False, False,
                         code_of_conduct_signed="2020-01-01"),
    "ingo-late": _org("ingo-late", "ingo", True, True, code_of_conduct_signed="2021-01-01",
                      sop_integrated="2021-01-01"),
}


@pytest.fixture
def dataset(valid_repo: Path) -> Dataset:
    folder = valid_repo / "data" / "focal_points"
    for ident, text in ORGS.items():
        (folder / f"{ident}.yaml").write_text(text, encoding="utf-8")
    loaded, problems = load_dataset(valid_repo)
    assert [p for p in problems if p.severity.label == "error"] == []
    return loaded


def _fraction(dataset: Dataset, name: str) -> tuple[int | None, int | None]:
    metric = compute(dataset, S2, LATER).metrics[name]
    return metric.numerator, metric.denominator


def test_hct_and_cluster_members_are_the_denominator_of_3_2_a(dataset: Dataset) -> None:
    # members of the HCT or of the clusters: alpha, hct-only, both nngo, ingo-cluster,
    # ingo-late (6); beta and ingo-outside are members of neither.
    # code and SOPs both by 31 Dec 2020: hct-only and ingo-cluster (alpha has no SOPs,
    # nngo-signed no SOPs, ingo-late signs in 2021)
    metric = compute(dataset, S2, LATER).metrics["hct_cluster_orgs_code_and_sop_integrated"]
    assert (metric.numerator, metric.denominator) == (2, 6)
    assert metric.details["other_members"] == 2
    assert _fraction(dataset, "hct_cluster_orgs_internal_reporting_system") == (1, 6)
    # every member organisation, as before: a different denominator
    assert _fraction(dataset, "orgs_sop_integrated") == (2, 8)


def test_hct_members_are_the_denominator_of_3_2_c1(dataset: Dataset) -> None:
    # HCT members: alpha (signed), hct-only (signed), ingo-late (signs in 2021)
    assert _fraction(dataset, "hct_orgs_code_of_conduct_signed") == (2, 3)
    assert _fraction(dataset, "orgs_code_of_conduct_signed") == (5, 8)


def test_national_and_international_ngos_in_the_clusters_apart(dataset: Dataset) -> None:
    # national NGOs in the clusters: nngo-signed, nngo-not-signed (beta is in none)
    assert _fraction(dataset, "cluster_national_ngos_code_of_conduct_signed") == (1, 2)
    # international NGOs in the clusters: ingo-cluster, ingo-late (ingo-outside is in none)
    assert _fraction(dataset, "cluster_international_ngos_code_of_conduct_signed") == (1, 2)
