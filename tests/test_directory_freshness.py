"""Freshness and coverage of the directory: the plain data ``directory check`` and the report use."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from psea_cli.dataset import Dataset
from psea_cli.directory import (
    coverage_matrix,
    example_entries,
    incomplete_contacts,
    organisations_without_focal_point,
    stale_entries,
)
from psea_cli.validation import load_dataset

AS_OF = dt.date(2021, 1, 15)

GAMMA = """\
id: gamma
name: ONG Gamma
type: nngo
membership:
  since: 2019-06-01
focal_points:
  - id: fp-1
    name: Point focal (exemple)
    role: focal_point
    email: pf@gamma.example.org
    example: true
"""

DELTA = """\
id: delta
name: Ancienne ONG Delta
type: ingo
membership:
  since: 2019-01-01
  until: 2020-06-30
"""

SERVICES = """\
services:
  - id: tombouctou-pss
    provider: alpha
    type: psychosocial
    name: Écoute et soutien
    region: ML06
    email: pss@alpha.example.org
    status: active
  - id: tombouctou-shelter
    provider: alpha
    type: safety_shelter
    name: Maison d'accueil
    region: ML06
    phone: "+223 20 00 00 05"
    status: temporarily_closed
    verified_on: 2020-12-01
  - id: tombouctou-medical-example
    provider: beta
    type: medical
    name: Centre de santé (exemple)
    region: ML06
    phone: "+223 20 00 00 06"
    status: active
    example: true
    verified_on: 2021-01-01
  - id: tombouctou-legal-closed
    provider: beta
    type: legal
    name: Clinique juridique fermée
    region: ML06
    status: closed
"""


ALPHA_SECOND = """\
  - id: fp-2
    name: Suppléant PSEA
    role: alternate
    email: suppleant@alpha.example.org
"""


@pytest.fixture
def dataset(valid_repo: Path) -> Dataset:
    data = valid_repo / "data"
    with (data / "focal_points" / "alpha.yaml").open("a", encoding="utf-8") as handle:
        handle.write(ALPHA_SECOND)
    (data / "focal_points" / "gamma.yaml").write_text(GAMMA, encoding="utf-8")
    (data / "focal_points" / "delta.yaml").write_text(DELTA, encoding="utf-8")
    (data / "services" / "tombouctou.yaml").write_text(SERVICES, encoding="utf-8")
    loaded, problems = load_dataset(valid_repo)
    assert problems == []
    return loaded


def test_members_without_a_real_focal_point(dataset: Dataset) -> None:
    found = organisations_without_focal_point(dataset, AS_OF)
    assert [(m.organisation, m.examples_only, m.file) for m in found] == [
        ("beta", False, "data/focal_points/beta.yaml"),
        ("gamma", True, "data/focal_points/gamma.yaml")]


def test_former_and_future_members_are_not_asked_for_a_focal_point(dataset: Dataset) -> None:
    assert "delta" in {m.organisation for m in
                       organisations_without_focal_point(dataset, dt.date(2020, 3, 1))}
    assert "beta" not in {m.organisation for m in
                          organisations_without_focal_point(dataset, dt.date(2019, 12, 31))}


def test_stale_entries_oldest_first_never_verified_first(dataset: Dataset) -> None:
    found = stale_entries(dataset, AS_OF, 90)
    assert [(s.entry.kind, s.entry.id, s.entry.verified_on, s.days) for s in found] == [
        ("focal_point", "alpha/fp-2", None, None),
        ("focal_point", "gamma/fp-1", None, None),
        ("service", "tombouctou-pss", None, None),
        ("service", "mopti-medical", dt.date(2020, 9, 1), 136),
        ("focal_point", "alpha/fp-1", dt.date(2020, 10, 1), 106),
    ]
    assert found[0].entry.path == ("focal_points", 1)
    assert found[2].entry.path == ("services", 0)


def test_threshold_is_inclusive_and_closed_services_are_not_checked(dataset: Dataset) -> None:
    ids = {s.entry.id for s in stale_entries(dataset, AS_OF, 106)}
    assert "alpha/fp-1" not in ids  # exactly 106 days: still fresh
    assert "mopti-medical" in ids
    assert "tombouctou-legal-closed" not in ids


def test_verification_after_the_day_asked_counts_as_recent(dataset: Dataset) -> None:
    ids = {s.entry.id for s in stale_entries(dataset, dt.date(2020, 1, 1), 30)}
    assert "alpha/fp-1" not in ids


def test_contacts_missing(dataset: Dataset) -> None:
    found = incomplete_contacts(dataset, AS_OF)
    # a service is reachable by phone or e-mail; a closed one is not checked
    assert [(c.entry.id, c.missing, c.entry.example) for c in found] == [
        ("alpha/fp-2", ("phone",), False), ("gamma/fp-1", ("phone",), True)]


def test_example_entries_are_listed_apart(dataset: Dataset) -> None:
    assert [(e.kind, e.id) for e in example_entries(dataset, AS_OF)] == [
        ("focal_point", "gamma/fp-1"), ("service", "tombouctou-medical-example")]
    stale = {s.entry.id: s.entry.example for s in stale_entries(dataset, AS_OF, 90)}
    assert stale["gamma/fp-1"] is True


def test_coverage_matrix_counts_and_gaps(dataset: Dataset) -> None:
    rows = {r.region: r for r in coverage_matrix(dataset, AS_OF)}
    assert list(rows) == ["ML01", "ML04", "ML05", "ML06", "ML09"]
    tombouctou = rows["ML06"]
    assert tombouctou.high_risk
    assert tombouctou.name == "Tombouctou"
    assert tombouctou.active["psychosocial"] == 1
    assert tombouctou.stale["psychosocial"] == 1  # never verified
    assert tombouctou.temporarily_closed["safety_shelter"] == 1
    assert tombouctou.active["medical"] == 0  # an example entry is not coverage
    assert tombouctou.examples["medical"] == 1
    assert tombouctou.active["legal"] == 0  # closed
    assert tombouctou.gaps == ("medical", "legal", "safety_shelter")
    mopti = rows["ML05"]
    assert mopti.active["medical"] == 1
    assert mopti.stale["medical"] == 0
    assert mopti.gaps == ("psychosocial", "legal", "safety_shelter")
    assert not rows["ML09"].high_risk
    assert set(mopti.active) == set(mopti.stale) == set(mopti.temporarily_closed)


def test_coverage_threshold(dataset: Dataset) -> None:
    mopti = next(r for r in coverage_matrix(dataset, AS_OF, threshold_days=30)
                 if r.region == "ML05")
    assert mopti.stale["medical"] == 1
