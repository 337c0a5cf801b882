"""The pipeline: read files, parse YAML, build models, run checks, return (dataset, problems).

    files = discover(root)                       # which file holds what
    documents = read + parse each file           # yamlio: bytes -> text -> plain data
    dataset = build models from documents        # pydantic, errors -> findings
    findings += run_checks(dataset)              # cross-file rules (checks/)
    problems = locate(findings)                  # file, line, column for each finding

Nothing here prints or exits; indicators and reports take the returned dataset.
"""

from __future__ import annotations

import dataclasses
import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from psea_cli import yamlio
from psea_cli.dataset import Dataset, Finding, Located, PlanBundle
from psea_cli.i18n import _
from psea_cli.models import Case, Network, Organisation, Plan, Progress, ServiceFile
from psea_cli.problems import Problem, PseaError, Severity, sort_problems
from psea_cli.schema_errors import findings_from_error

NETWORK_FILE = "data/network.yaml"
DEFAULT_CASES_DIR = "data/cases"
M = TypeVar("M", bound=BaseModel)


def find_root(start: Path) -> Path | None:
    """The nearest ancestor of ``start`` (itself included) holding data/network.yaml."""
    current = start.resolve()
    for folder in (current, *current.parents):
        if (folder / NETWORK_FILE).is_file():
            return folder
    return None


def _yaml_files(folder: Path) -> Iterator[Path]:
    """Every *.yaml / *.yml below ``folder``, in a stable order, through os.scandir (fast)."""
    if not folder.is_dir():
        return
    stack = [folder]
    found: list[Path] = []
    while stack:
        current = stack.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                elif entry.name.endswith((".yaml", ".yml")) and (
                    entry.is_file() or entry.is_symlink()
                ):
                    found.append(Path(entry.path))  # a dangling link is reported, not skipped
    yield from sorted(found)


@dataclasses.dataclass
class _Loader:
    """Reads and validates documents, collecting what goes wrong."""

    root: Path
    texts: dict[str, str] = dataclasses.field(default_factory=dict)
    findings: list[Finding] = dataclasses.field(default_factory=list)
    problems: list[Problem] = dataclasses.field(default_factory=list)
    invalid: set[str] = dataclasses.field(default_factory=set)
    files_read: int = 0
    unvalidated_ids: dict[str, set[str]] = dataclasses.field(default_factory=dict)

    def label(self, path: Path) -> str:
        return Path(os.path.relpath(path, self.root)).as_posix()

    def read(self, path: Path) -> tuple[str, Any] | None:
        """(label, parsed data) or None when the file cannot be read as YAML."""
        label = self.label(path)
        self.files_read += 1
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self._fail(label, "file.unreadable", 1, 1, _("the file cannot be read ({reason})").format(
                reason=exc.strerror or type(exc).__name__), _("Check the file's permissions."))
            return None
        text = yamlio.decode(raw)
        if isinstance(text, yamlio.ParseFailure):
            self._fail(label, text.code, text.line, text.column, text.message, text.hint)
            return None
        self.texts[label] = text
        data = yamlio.parse(text)
        if isinstance(data, yamlio.ParseFailure):
            self._fail(label, data.code, data.line, data.column, data.message, data.hint)
            return None
        return label, data

    def _fail(self, label: str, code: str, line: int, column: int, message: str, hint: str) -> None:
        self.invalid.add(label)
        self.unvalidated_ids.setdefault(_kind_of(label), set()).add(Path(label).stem)
        self.problems.append(Problem(label, line, column, code, Severity.ERROR, message, hint))

    def _remember_ids(self, kind: str, label: str, data: Any) -> None:
        """Keep the ids a broken file declares (or its name), to avoid cascading errors."""
        ids = self.unvalidated_ids.setdefault(kind, set())
        ids.add(Path(label).stem)
        entries = data.get("services") if isinstance(data, dict) and kind == "services" else [data]
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                ids.add(entry["id"])

    def build(self, model: type[M], label: str, data: Any, kind: str) -> M | None:
        if not isinstance(data, dict):
            self._remember_ids(kind, label, data)
            self.invalid.add(label)
            self.findings.append(Finding(
                label, (), "schema.wrong-type", Severity.ERROR,
                _("the file must be a mapping of keys and values, not a list or a single value"),
                _("Start the file with 'key: value' lines as in the other files of this folder.")))
            return None
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            self._remember_ids(kind, label, data)
            self.invalid.add(label)
            self.findings.extend(findings_from_error(exc, data, label, kind))
            return None
        except RecursionError:
            self._fail(label, "yaml.too-deep", 1, 1, _("the file nests too deeply"),
                       _("Data files need only a few levels of indentation."))
            return None

    def load(self, model: type[M], path: Path, kind: str) -> Located[M] | None:
        read = self.read(path)
        if read is None:
            return None
        label, data = read
        built = self.build(model, label, data, kind)
        return Located(built, label) if built is not None else None

    def locate(self, finding: Finding) -> Problem:
        text = self.texts.get(finding.file)
        if text is None:
            try:
                text = (self.root / finding.file).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
        line, column = yamlio.locate(text, finding.path) if text else (1, 1)
        return Problem(finding.file, line, column, finding.code, finding.severity,
                       finding.message, finding.hint)


def load_dataset(root: Path) -> tuple[Dataset, list[Problem]]:
    """Read and validate the whole repository at ``root``; never raises for bad data."""
    from psea_cli.checks import run_checks

    loader = _Loader(root)
    network_path = root / NETWORK_FILE
    if not network_path.is_file():
        raise PseaError(_("{path} not found in {root}").format(path=NETWORK_FILE, root=root),
                        _("Run psea from inside a network repository, or give --root PATH."))
    network = loader.load(Network, network_path, "network")
    cases_dir = (network.value.cases_dir if network else None) or DEFAULT_CASES_DIR

    dataset = Dataset(root=root, network=network.value if network else None,
                      network_file=NETWORK_FILE, cases_dir=cases_dir)
    gc_was_enabled = gc.isenabled()
    gc.disable()  # bulk loading creates many small objects: the cyclic GC only costs time here
    try:
        dataset.plans = list(_load_plans(loader, root / "data" / "plan"))
        for path in _yaml_files(root / "data" / "focal_points"):
            org = loader.load(Organisation, path, "organisation")
            if org is not None:
                dataset.organisations.append(org)
        for path in _yaml_files(root / "data" / "services"):
            services = loader.load(ServiceFile, path, "services")
            if services is not None:
                dataset.services.extend(
                    Located(s, services.file, ("services", i))
                    for i, s in enumerate(services.value.services))
        for path in _yaml_files((root / cases_dir).resolve()):
            case = loader.load(Case, path, "case")
            if case is not None:
                dataset.cases.append(case)
    finally:
        if gc_was_enabled:
            gc.enable()
    dataset.invalid_files = frozenset(loader.invalid)
    dataset.files_read = loader.files_read
    dataset.unvalidated_ids = loader.unvalidated_ids
    loader.findings.extend(run_checks(dataset))
    problems = loader.problems + [loader.locate(f) for f in loader.findings]
    return dataset, sort_problems(problems)


def _kind_of(label: str) -> str:
    if "/focal_points/" in f"/{label}":
        return "organisation"
    if "/services/" in f"/{label}":
        return "services"
    return "other"


def _load_plans(loader: _Loader, plan_root: Path) -> Iterator[PlanBundle]:
    if not plan_root.is_dir():
        return
    for folder in sorted(p for p in plan_root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        plan_file = folder / "plan.yaml"
        if not plan_file.is_file():
            loader.findings.append(Finding(
                loader.label(folder), (), "plan.missing-file", Severity.ERROR,
                _("this plan folder has no plan.yaml"),
                _("Add plan.yaml to the folder, or remove the folder.")))
            continue
        plan = loader.load(Plan, plan_file, "plan")
        progress: dict[str, Located[Progress]] = {}
        for path in _yaml_files(folder / "progress"):
            record = loader.load(Progress, path, "progress")
            if record is None:
                continue
            if record.value.period in progress:
                loader.findings.append(Finding(
                    record.file, ("period",), "ref.duplicate-id", Severity.ERROR,
                    _("period {period} already has a progress file ({file})").format(
                        period=record.value.period, file=progress[record.value.period].file),
                    _("Keep one progress file per period, named after it.")))
            else:
                progress[record.value.period] = record
        if plan is not None:
            yield PlanBundle(plan, progress)


def network_languages(root: Path) -> list[str]:
    """The network's languages, read cheaply before the full load (to choose the message language)."""
    try:
        text = (root / NETWORK_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    data = yamlio.parse(text)
    if isinstance(data, dict) and isinstance(data.get("languages"), list):
        return [str(lang) for lang in data["languages"]]
    return []
