"""The JSON Schemas editors use: generated from the models, committed, draft-07, and no stricter
nor looser than ``psea validate`` on the values people actually write."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.models.case import Case
from psea_cli.models.plan import ActivityPeriod
from psea_cli.schema_export import KINDS, kind_of, modeline, rendered_schemas, schema_for

REPO = Path(__file__).parent.parent
SCHEMAS = REPO / "schemas"


def test_committed_schemas_are_in_step_with_the_models() -> None:
    committed = {p.name for p in SCHEMAS.glob("*.schema.json")}
    expected = rendered_schemas()
    assert committed == set(expected)
    for name, text in expected.items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == text, (
            f"schemas/{name} is stale: run 'psea schema' and commit it")


def _walk(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found += _walk(value)
    elif isinstance(node, list):
        for value in node:
            found += _walk(value)
    return found


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_schema_is_valid_draft07_that_editors_understand(kind: str) -> None:
    schema = schema_for(KINDS[kind])
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    nodes = _walk(schema)
    assert not any("$defs" in n for n in nodes)
    refs = [n for n in nodes if "$ref" in n]
    assert all(n["$ref"].startswith("#/definitions/") and len(n) == 1 for n in refs), (
        "draft-07 ignores keywords beside $ref: they must be wrapped in allOf")
    objects = [n for n in nodes if n.get("type") == "object" and "properties" in n]
    assert objects
    assert all(n["additionalProperties"] is False for n in objects)


def test_descriptions_are_bilingual() -> None:
    region = schema_for(KINDS["network"])["definitions"]["Region"]["properties"]["pcode"]
    assert region["description"] == "OCHA place code of the admin-1 region."
    assert "Code OCHA (p-code) de la région (admin 1)." in region["markdownDescription"]


def _schema_accepts(schema: dict[str, Any], document: dict[str, Any]) -> bool:
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    return validator.is_valid(document)


def _model_accepts(model: Any, document: dict[str, Any]) -> bool:
    try:
        model.model_validate(document)
    except ValidationError:
        return False
    return True


PERIOD_SCHEMA = {**schema_for(KINDS["plan"])["definitions"]["ActivityPeriod"],
                 "definitions": schema_for(KINDS["plan"])["definitions"]}

period_bounds = st.one_of(
    st.integers(min_value=1000, max_value=9999),
    st.integers(min_value=1000, max_value=9999).map(str),
    st.tuples(st.integers(1990, 2040), st.integers(0, 13)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
    st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)).map(dt.date.isoformat),
    st.sampled_from(["2020-02-30", "Nov. 2019", "2020/11", "", "20201"]),
)


@given(period_bounds)
def test_plan_period_bounds_schema_agrees_with_the_loader(value: object) -> None:
    document = {"start": value, "end": value}
    assert _schema_accepts(PERIOD_SCHEMA, document) == _model_accepts(ActivityPeriod, document)


CASE = {"id": "7KQ2M9AB", "channel": "hotline", "region": "ML05", "allegation": "other",
        "survivor": {"sex": "female", "age_group": "adult"}}


@pytest.mark.parametrize(("received", "valid"), [
    ("2020-07-15", True), ("2020-07-15T14:30", True), ("2020-07-15T14:30:05", True),
    ("2020-07-15 14:30", True), ("2020-07-15t14:30", True), ("2020-07-15T14:30:00Z", False),
    ("2020-07-15T14:30+00:00", False), ("20200715", False),
    ("2020-02-30", False), ("15/07/2020", False), ("2020-07-15T25:00", False), ("July", False),
])
def test_day_or_time_schema_agrees_with_the_loader(received: str, valid: bool) -> None:
    document = {**CASE, "received": received}
    assert _model_accepts(Case, document) is valid
    if received != "2020-07-15T25:00":  # the schema checks the shape of a time, not its range
        assert _schema_accepts(schema_for(KINDS["case"]), document) is valid


@pytest.mark.parametrize(("label", "kind"), [
    ("data/network.yaml", "network"),
    ("data/plan/psea-2019-2021/plan.yaml", "plan"),
    ("data/plan/psea-2019-2021/progress/2020-S2.yaml", "progress"),
    ("data/focal_points/unfpa.yaml", "organisation"),
    ("data/services/mopti.yaml", "services"),
    ("data/cases/7KQ2M9AB.yaml", "case"),
    ("data/README.md", None),
    ("templates/report.md.j2", None),
])
def test_kind_of_a_repository_file(label: str, kind: str | None) -> None:
    assert kind_of(label) == kind


def test_modeline_points_at_the_schema_relative_to_the_file() -> None:
    assert modeline("network", "data/network.yaml") == (
        "# yaml-language-server: $schema=../schemas/network.schema.json")
    assert modeline("progress", "data/plan/p/progress/2020-S2.yaml") == (
        "# yaml-language-server: $schema=../../../../schemas/progress.schema.json")


def test_schema_command_writes_then_checks(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "schemas"
    result = runner.invoke(app, ["schema", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote {len(KINDS)} schemas" in result.stdout
    assert json.loads((out / "case.schema.json").read_text())["title"] == KINDS["case"].title

    assert runner.invoke(app, ["schema", "--output", str(out), "--check"]).exit_code == 0
    (out / "plan.schema.json").write_text("{}", encoding="utf-8")
    (out / "case.schema.json").unlink()
    result = runner.invoke(app, ["schema", "--output", str(out), "--check"])
    assert result.exit_code == 1
    assert "plan.schema.json is missing or out of date" in result.stderr
    assert "case.schema.json is missing or out of date" in result.stderr
    assert "network.schema.json" not in result.stderr


def test_schema_command_defaults_to_the_repository(valid_repo: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), "schema"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (valid_repo / "schemas").iterdir()) == sorted(rendered_schemas())


def test_schema_command_outside_a_repository_is_a_usage_error(
        tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 2
    assert "psea init" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("check", [False, True])
def test_schemas_folder_linked_outside_the_repository_is_not_written_through(
        valid_repo: Path, tmp_path: Path, runner: CliRunner, check: bool) -> None:
    """A pull request can carry ``schemas`` as a link to any folder of the one who runs
    ``psea schema``: nothing is written (or read) there."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "case.schema.json").write_text("mine\n", encoding="utf-8")
    shutil.rmtree(valid_repo / "schemas", ignore_errors=True)
    (valid_repo / "schemas").symlink_to(elsewhere)
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "schema",
                                 *(["--check"] if check else [])])
    assert result.exit_code == 1, result.output
    assert "schemas is a link that leads outside the repository" in result.stderr
    assert "Traceback" not in result.output
    assert sorted(p.name for p in elsewhere.iterdir()) == ["case.schema.json"]
    assert (elsewhere / "case.schema.json").read_text(encoding="utf-8") == "mine\n"
    # a folder named with --output is the user's own choice, link or not
    written = runner.invoke(app, ["--root", str(valid_repo), "schema", "-o",
                                  str(valid_repo / "schemas")])
    assert written.exit_code == 0, written.output
