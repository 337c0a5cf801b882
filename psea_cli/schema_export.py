"""JSON Schemas of the data files, for editors (yaml-language-server) and third-party validators.

The schemas are generated from the pydantic models, never written by hand, in the draft-07
dialect that the YAML language server understands:

* definitions live under ``definitions`` (pydantic emits 2020-12 ``$defs``);
* a ``$ref`` with sibling keywords is wrapped in ``allOf`` (draft-07 ignores siblings of ``$ref``,
  which would hide descriptions on hover);
* the lenient date fields accept what the loader accepts: a year (``2020``), a month
  (``2020-11``) or a day for plan periods, a day with an optional time for case events;
* a mapping keyed by pattern (targets per period) refuses other keys, as the model does;
* every property gets a ``markdownDescription`` in English and French.

Every data file starts with a ``# yaml-language-server: $schema=<relative path>`` modeline
pointing at ``schemas/<kind>.schema.json`` (see ``modeline``).
"""

from __future__ import annotations

import copy
import dataclasses
import json
import posixpath
import typing
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel, BeforeValidator
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from psea_cli import safe_input
from psea_cli.clock import PLAUSIBLE_DAYS, PLAUSIBLE_YEAR
from psea_cli.layout import RECORD_FOLDERS
from psea_cli.models import (
    AgencyAssessment,
    Case,
    ComplaintMechanism,
    Meeting,
    Network,
    Organisation,
    Plan,
    Progress,
    RiskAssessment,
    ServiceFile,
    Session,
)
from psea_cli.models.base import Day, DayOrTime
from psea_cli.models.pathway import PathwayWording
from psea_cli.models.plan import PeriodEnd, PeriodStart
from psea_cli.safe_output import file_in_folder, write_atomically

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
SCHEMA_DIR = "schemas"
MODELINE_PREFIX = "# yaml-language-server: $schema="


@dataclasses.dataclass(frozen=True)
class SchemaKind:
    """One kind of data file: its model, where such files live, and its schema's file name."""

    name: str
    model: type[BaseModel]
    where: str
    title: str

    @property
    def file_name(self) -> str:
        return f"{self.name}.schema.json"


KINDS: dict[str, SchemaKind] = {k.name: k for k in (
    SchemaKind("network", Network, "data/network.yaml", "PSEA network settings"),
    SchemaKind("plan", Plan, "data/plan/<plan-id>/plan.yaml", "PSEA action plan"),
    SchemaKind("progress", Progress, "data/plan/<plan-id>/progress/<period>.yaml",
               "Progress of a PSEA action plan over one period"),
    SchemaKind("organisation", Organisation, "data/focal_points/<organisation-id>.yaml",
               "Member organisation and its PSEA focal points"),
    SchemaKind("services", ServiceFile, "data/services/*.yaml", "GBV services of the referral map"),
    SchemaKind("case", Case, "data/cases/<CASE-ID>.yaml", "Anonymised SEA case record"),
    SchemaKind("session", Session, "data/sessions/<id>.yaml",
               "Training or awareness session (counts of participants, never names)"),
    SchemaKind("meeting", Meeting, "data/meetings/<id>.yaml",
               "Meeting of the network, its decisions and action points"),
    SchemaKind("complaint_mechanism", ComplaintMechanism, "data/complaint_mechanisms/<id>.yaml",
               "Community-based complaint mechanism and its functionality checks"),
    SchemaKind("risk_assessment", RiskAssessment, "data/risk_assessments/<id>.yaml",
               "SEA risk assessment"),
    SchemaKind("agency_assessment", AgencyAssessment, "data/agency_assessments/<id>.yaml",
               "An organisation's PSEA assessment (MOS-PSEA or UN IP Protocol)"),
    SchemaKind("pathway", PathwayWording, "data/pathway/<language>.yaml",
               "Wording of the referral-pathway poster in one language"),
)}


def _before_function(annotated: Any) -> Callable[..., Any]:
    """The function of the ``BeforeValidator`` inside an ``Annotated`` field type."""
    for meta in typing.get_args(annotated)[1:]:
        if isinstance(meta, BeforeValidator):
            return meta.func
    raise TypeError(f"{annotated!r} has no BeforeValidator")  # pragma: no cover - import-time bug


_FIRST, _LAST = PLAUSIBLE_DAYS
assert (_FIRST.year % 100, _FIRST.timetuple()[1:3], _LAST.year, _LAST.timetuple()[1:3]) == (
    0, (1, 1), _FIRST.year + 99, (12, 31)), "clock.PLAUSIBLE_YEAR assumes one whole century"
_YEAR = "^" + PLAUSIBLE_YEAR
_DAY = {"type": "string", "format": "date", "pattern": _YEAR + "-"}
_YEAR_MONTH_OR_DAY: JsonSchemaValue = {"anyOf": [
    {"type": "integer", "minimum": _FIRST.year, "maximum": _LAST.year,
     "description": "A year: 2020"},
    {"type": "string", "pattern": _YEAR + r"(-(0[1-9]|1[0-2]))?$",
     "description": "A year or a month: 2020, 2019-11"},
    {**_DAY, "description": "A day: 2019-11-15"},
]}
_DAY_OR_TIME: JsonSchemaValue = {"anyOf": [
    {**_DAY, "description": "A day: 2020-07-15"},
    {"type": "string",
     "pattern": _YEAR + r"-\d{2}-\d{2}[Tt _]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$",
     "description": "A day and a local time, without a time zone: 2020-07-15T14:30"},
]}

# The loader is lenient for these field types (a before-validator widens what they accept);
# the schema must accept the same, or editors would flag files that ``psea validate`` passes.
LENIENT_TYPES: dict[Callable[..., Any], JsonSchemaValue] = {
    _before_function(PeriodStart): _YEAR_MONTH_OR_DAY,
    _before_function(PeriodEnd): _YEAR_MONTH_OR_DAY,
    _before_function(DayOrTime): _DAY_OR_TIME,
    _before_function(Day): _DAY,
}


class _Draft07(GenerateJsonSchema):
    """pydantic's generator with the lenient field types of ``LENIENT_TYPES``."""

    def function_before_schema(
        self, schema: core_schema.BeforeValidatorFunctionSchema
    ) -> JsonSchemaValue:
        lenient = LENIENT_TYPES.get(schema["function"]["function"])
        if lenient is not None:
            return copy.deepcopy(lenient)  # a fresh copy: pydantic adds keys to the result
        return super().function_before_schema(schema)


def _to_draft07(node: Any) -> Any:
    """Rewrite pydantic's output, recursively, into the draft-07 form described above."""
    if isinstance(node, list):
        return [_to_draft07(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _to_draft07(value) for key, value in node.items()}
    if "$ref" in out and len(out) > 1:
        out = {"allOf": [{"$ref": out.pop("$ref")}], **out}
    if "patternProperties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False
    if "x-title-fr" in out and "description" in out:
        out["markdownDescription"] = (
            f"{out['description']}\n\n*{out['x-title-fr']}* — {out.get('x-description-fr', '')}")
    return out


def schema_for(kind: SchemaKind) -> dict[str, Any]:
    """The draft-07 JSON Schema of one kind of data file."""
    generated = kind.model.model_json_schema(
        ref_template="#/definitions/{model}", schema_generator=_Draft07, mode="validation")
    definitions = generated.pop("$defs", {})
    body: dict[str, Any] = _to_draft07(generated)
    body.pop("title", None)
    head = {
        "$schema": DRAFT_07,
        "title": kind.title,
        "description": f"{body.pop('description', kind.title).strip()}\n\nFile: {kind.where}",
    }
    document: dict[str, Any] = {**head, **body}
    if definitions:
        document["definitions"] = _to_draft07(definitions)
    return document


def render(kind: SchemaKind) -> str:
    """The schema file's exact text (stable: committed and compared in tests)."""
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"


def rendered_schemas() -> dict[str, str]:
    """File name → text for every kind."""
    return {kind.file_name: render(kind) for kind in KINDS.values()}


def stale_schemas(folder: Path) -> list[str]:
    """File names under ``folder`` that are missing or differ from the models."""
    stale = []
    for name, text in rendered_schemas().items():
        path = folder / name
        try:
            current = safe_input.read_text(path)
        except (OSError, UnicodeDecodeError):
            current = None
        if current != text:
            stale.append(name)
    return stale


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder`` (created if needed); each file is replaced whole,
    and a link in its place is replaced, never written through (``file_in_folder``)."""
    schemas = rendered_schemas()
    targets = [file_in_folder(folder, name) for name in schemas]  # refused before any write
    folder.mkdir(parents=True, exist_ok=True)
    for path, text in zip(targets, schemas.values(), strict=True):
        write_atomically(path, text)
    return targets


def kind_of(label: str, cases_dir: str = "data/cases") -> str | None:
    """The kind of data file at repository-relative ``label`` (posix), or None if not a data file."""
    path = PurePosixPath(label)
    if path.suffix not in (".yaml", ".yml"):
        return None
    parts = path.parts
    if label == "data/network.yaml":
        return "network"
    if parts[:2] == ("data", "plan") and len(parts) == 4 and path.stem == "plan":
        return "plan"
    if parts[:2] == ("data", "plan") and len(parts) == 5 and parts[3] == "progress":
        return "progress"
    if parts[:2] == ("data", "focal_points"):
        return "organisation"
    if parts[:2] == ("data", "services"):
        return "services"
    if parts[:2] == ("data", "pathway"):
        return "pathway"
    if path.parent == PurePosixPath(cases_dir) or parts[:2] == ("data", "cases"):
        return "case"
    for kind, folder in RECORD_FOLDERS.items():
        if label.startswith(folder + "/"):
            return kind
    return None


def modeline(kind: str, label: str) -> str:
    """The first line of a data file at repository-relative ``label``, pointing at its schema."""
    folder = PurePosixPath(label).parent
    target = PurePosixPath(SCHEMA_DIR) / KINDS[kind].file_name
    return f"{MODELINE_PREFIX}{posixpath.relpath(str(target), str(folder))}"
