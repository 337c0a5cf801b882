"""One run says every problem it can know: a file that breaks its schema still has the parts
valid on their own judged (a focal point's phone against its numbering plan, a region, a
provider, a case's references and note), at their lines, in the same run, and stays out of
the dataset that indicators and reports read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import EXAMPLES, launch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psea_cli import salvage, yamlio
from psea_cli.cases import editing
from psea_cli.models import Case, FocalPoint, Organisation, Service, ServiceFile
from psea_cli.problems import Problem
from psea_cli.validation import load_dataset

ORGANISATION = """\
id: sahel
name: ONG Sahel
type: ngo
membership:
  since: 2024-03-01
focal_points:
  - id: fp-1
    name: Point focal
    role: focal_point
    email: psea@ong-sahel
    phone: "+223 76 55 44"
    regions: [ML09, ML99]
  - id: fp-2
    name: Suppléant
    role: alternate
    phone: 76123456
    regions: [ml05]
    verifed_on: 2024-05-02
  - id: fp-3
    name: Coordination
    role: point_focal
    phone: "+223 20 00"
    regions: [ML98]
"""
"""Three schema errors at the top and in entries (a type, an e-mail, a role), an unquoted
phone and a lower-case p-code (schema errors too) and an unknown key; beside them, in
entries valid on their own, a short phone (line 11) and an unknown region (line 12). The
third focal point's role is wrong: it is not judged further."""

WHAT_ORGANISATION_GIVES = [
    (3, "schema.invalid-choice"), (10, "directory.invalid-email"),
    (11, "directory.phone-format"), (12, "ref.unknown-region"),
    (16, "directory.phone-not-quoted"), (17, "schema.invalid-format"),
    (18, "schema.unknown-key"), (21, "schema.invalid-choice")]


def _write(root: Path, label: str, text: str) -> Path:
    path = root / label
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _found(problems: list[Problem], label: str) -> list[tuple[int, str]]:
    return sorted((p.line, p.code) for p in problems if p.file == label)


def test_a_focal_point_file_with_schema_errors_has_its_phones_and_regions_judged_at_once(
        valid_repo: Path) -> None:
    label = "data/focal_points/sahel.yaml"
    _write(valid_repo, label, ORGANISATION)
    for language, words in (("en", ["a +223 number has 8 digits after the country code",
                                    "this region p-code is not among the regions"]),
                            ("fr", ["un numéro +223 a 8 chiffres après l'indicatif",
                                    "ce p-code de région ne figure pas parmi les régions"])):
        out, _err, code, _loaded = launch(valid_repo, "--no-cache", "validate", "--lang", language)
        assert code == 1
        lines = [line for line in out.splitlines() if line.startswith(label)]
        assert [(int(line.split(":")[1]), line.split("[")[1].split("]")[0]) for line in lines] \
            == WHAT_ORGANISATION_GIVES, out
        for word in words:
            assert word in out
        assert "76 55 44" not in out  # the phone itself is never repeated


def test_the_cached_and_instant_paths_say_the_same(valid_repo: Path) -> None:
    label = "data/focal_points/sahel.yaml"
    _write(valid_repo, label, ORGANISATION)
    fresh = launch(valid_repo, "--no-cache", "validate")
    assert launch(valid_repo, "validate", margin=0)[:3] == fresh[:3]  # cold, cache kept
    assert launch(valid_repo, "validate", margin=0)[:3] == fresh[:3]  # warm: the verdict


def test_a_file_that_breaks_its_schema_stays_out_of_the_dataset(valid_repo: Path) -> None:
    _write(valid_repo, "data/focal_points/sahel.yaml", ORGANISATION)
    _write(valid_repo, "data/services/gao.yaml", SERVICES)
    dataset, _problems = load_dataset(valid_repo)
    assert {o.value.id for o in dataset.organisations} == {"alpha", "beta"}
    assert {s.value.id for s in dataset.services} == {"mopti-medical"}
    assert [fp.path for fp in dataset.salvaged.focal_points] == [("focal_points", 0),
                                                                ("focal_points", 1)]
    assert [s.path for s in dataset.salvaged.services] == [("services", 0), ("services", 1)]
    assert "sahel" in dataset.organisation_ids()  # referring to it is no second error


SERVICES = """\
services:
  - id: gao-medical
    provider: alpha
    type: medical
    name: Prise en charge médicale
    region: ML07
    phone: "+223 20 00"
    horaires: 24h/24
  - id: gao-legal
    provider: nobody
    type: legal
    name: Clinique juridique
    region: ML05
  - id: gao-shelter
    provider: alpha
    type: shelter
    name: Abri
    region: ML99
    phone: "+223 20 00"
"""


def test_a_services_file_with_a_schema_error_has_its_valid_services_judged(
        valid_repo: Path) -> None:
    label = "data/services/gao.yaml"
    _write(valid_repo, label, SERVICES)
    _dataset, problems = load_dataset(valid_repo)
    assert _found(problems, label) == [
        (6, "ref.unknown-region"), (7, "directory.phone-format"), (8, "schema.unknown-key"),
        (10, "ref.unknown-organisation"), (16, "schema.invalid-choice")]


def test_a_service_id_used_twice_is_said_across_a_broken_file(valid_repo: Path) -> None:
    label = "data/services/gao.yaml"
    _write(valid_repo, label, SERVICES.replace("id: gao-legal", "id: mopti-medical"))
    _dataset, problems = load_dataset(valid_repo)
    [twice] = [p for p in problems if p.file == "data/services/mopti.yaml"]
    assert twice.code == "ref.duplicate-id"  # in the file that comes second, after gao.yaml
    assert "also in data/services/gao.yaml" in twice.message


CASE = """\
id: 7KQ2M9AB
received: 2020-07-15
channel: hotline
region: ML99
incident_month: 2020-06
allegation: sexual_exploitation
survivor:
  sex: female
  age_group: child
perpetrator:
  affiliation: un_staff
  organisation: nobody
consent:
  assistance: "yes"
  investigation: "yes"
  reporting: "yes"
events:
  - kind: acknowledged
    date: 2020-07-16
    colour: red
  - kind: assistance_referred
    date: 2020-07-17
    service: medical
    service_id: nowhere
note: appeler le +223 76 12 34 56
"""


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_case_record_with_a_schema_error_has_its_references_and_note_judged(
        valid_repo: Path, language: str) -> None:
    label = "data/cases/7KQ2M9AB.yaml"
    _write(valid_repo, label, CASE)
    out, _err, code, _loaded = launch(valid_repo, "--no-cache", "validate", "--lang", language,
                                      PSEA_TODAY="2021-01-15")
    assert code == 1
    codes = [line.split("[")[1].split("]")[0] for line in out.splitlines()
             if line.startswith(label)]
    assert sorted(codes) == sorted(["ref.unknown-region", "ref.unknown-organisation",
                                    "schema.unknown-key", "ref.unknown-service",
                                    "cases.note-phone"]), out
    assert "76 12" not in out


def test_a_case_record_is_judged_alike_by_validate_and_before_it_is_written(
        valid_repo: Path) -> None:
    label = "data/cases/7KQ2M9AB.yaml"
    dataset, _problems = load_dataset(valid_repo, today=dt.date(2021, 1, 15))
    _write(valid_repo, label, CASE)
    _after, problems = load_dataset(valid_repo, today=dt.date(2021, 1, 15))
    judged = editing.judge(dataset, label, CASE)
    assert sorted(f.code for f in judged) == sorted(p.code for p in problems if p.file == label)


def test_a_salvaged_case_record_stays_invalid(valid_repo: Path) -> None:
    _write(valid_repo, "data/cases/7KQ2M9AB.yaml", CASE)
    dataset, _problems = load_dataset(valid_repo, today=dt.date(2021, 1, 15))
    assert dataset.cases == []
    assert dataset.case_entries == []
    assert "data/cases/7KQ2M9AB.yaml" in dataset.invalid_files


def test_no_value_is_judged_twice_for_one_fault(valid_repo: Path) -> None:
    """A phone or a region that breaks the schema is set aside: its schema problem only."""
    _write(valid_repo, "data/focal_points/sahel.yaml", ORGANISATION)
    _dataset, problems = load_dataset(valid_repo)
    lines = [p.line for p in problems if p.file == "data/focal_points/sahel.yaml"]
    assert len(lines) == len(set(lines))


# -- salvage on its own: any shape --------------------------------------------------------

JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6)
    | st.dates() | st.sampled_from(["ML05", "ML99", "+223 20 00", "fp-1", "alpha", "medical",
                                    "focal_point", "2020-07-15", "hotline", "yes", "child"]),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["id", "name", "role", "phone", "regions", "type",
                                       "services", "focal_points", "events", "kind", "date",
                                       "region", "provider", "note", "x", 1, None]),
                      inner, max_size=5),
    max_leaves=25)

VALID_FOCAL_POINT = {"id": "fp-1", "name": "N", "role": "focal_point", "phone": "+223 20 00",
                     "regions": ["ML05"]}


def _salvage_is_safe(model: Any, data: Any) -> None:
    saved = salvage.salvage(model, data)
    if saved is None:
        return
    assert type(saved) is model
    assert isinstance(data, dict)
    for name in saved.model_fields_set:  # every value it holds was written so
        assert any(str(key) == name for key in data)


@settings(max_examples=max(EXAMPLES * 50, 200), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(JUNK, st.sampled_from([FocalPoint, Service, Case, Organisation, ServiceFile]))
def test_salvage_never_fails_on_any_shape(data: Any, model: Any) -> None:
    _salvage_is_safe(model, data)


@settings(max_examples=max(EXAMPLES * 50, 200), deadline=None)
@given(st.dictionaries(st.sampled_from([*list(FocalPoint.model_fields), "x", "verifed_on"]),
                       JUNK, max_size=4))
def test_a_focal_point_keeps_its_valid_values_whatever_else_is_wrong(junk: dict[str, Any]
                                                                    ) -> None:
    data = {**VALID_FOCAL_POINT, **{k: v for k, v in junk.items() if k not in VALID_FOCAL_POINT}}
    saved = salvage.salvage(FocalPoint, data)
    assert saved is not None
    assert (saved.id, saved.phone, saved.regions) == ("fp-1", "+223 20 00", ["ML05"])


@settings(max_examples=max(EXAMPLES * 5, 20), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(JUNK, max_size=3), JUNK)
def test_a_broken_file_of_any_shape_gives_problems_never_a_failure(
        valid_repo: Path, entries: list[Any], top: Any) -> None:
    """Lists of garbage, wrong types at every level, in an organisation's and a services file
    and a case record: problems, each at most once, never an internal error."""
    texts = {"data/focal_points/alpha.yaml": {"id": "alpha", "name": "A", "type": top,
                                              "focal_points": [VALID_FOCAL_POINT, *entries]},
             "data/services/mopti.yaml": {"services": [*entries, top]},
             "data/cases/7KQ2M9AB.yaml": {**yamlio.parse((valid_repo / "data/cases/7KQ2M9AB.yaml")
                                                          .read_text(encoding="utf-8")),
                                          "events": entries, "region": top}}
    for label, data in texts.items():
        (valid_repo / label).write_text(yaml.safe_dump(data, allow_unicode=True),
                                        encoding="utf-8")
    _dataset, problems = load_dataset(valid_repo, use_cache=False)
    keys = [(p.file, p.line, p.column, p.code, p.message) for p in problems]
    assert len(keys) == len(set(keys))
    assert ("data/focal_points/alpha.yaml", "directory.phone-format") in {
        (p.file, p.code) for p in problems}  # the valid first focal point, always judged


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_note_of_a_case_record_too_broken_to_salvage_is_screened_at_once(
        valid_repo: Path, language: str) -> None:
    """A required key wrong (``channel: [x]``) leaves nothing of the record valid on its own;
    its note is screened in the same run all the same, so that a pull request carrying a
    phone number in it is told at its first CI run, not after the schema is fixed."""
    label = "data/cases/7KQ2M9AB.yaml"
    broken = CASE.replace("channel: hotline", "channel: [x]")
    assert broken != CASE
    _write(valid_repo, label, broken)
    for cache in (["--no-cache"], []):
        out, _err, code, _loaded = launch(valid_repo, *cache, "validate", "--lang", language,
                                          PSEA_TODAY="2021-01-15")
        assert code == 1
        codes = [line.split("[")[1].split("]")[0] for line in out.splitlines()
                 if line.startswith(label)]
        assert "cases.note-phone" in codes, out
        assert "76 12" not in out
