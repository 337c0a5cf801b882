"""Where a network repository keeps what, listed fast.

    data/network.yaml                      the network's settings (and where the cases are)
    data/plan/<plan-id>/plan.yaml          a plan, with data/plan/<plan-id>/progress/*.yaml
    data/focal_points/<org-id>.yaml        an organisation and its focal points
    data/services/*.yaml                   the GBV service map
    data/cases/**/<case-id>.yaml           the case store (``cases_dir`` in network.yaml)
    data/cases/**/<case-id>.age            an encrypted case record (see ``sealing``)
    data/sessions/, data/meetings/, …      prevention records, one file each (``RECORD_FOLDERS``)

Listing uses ``os.scandir`` and builds labels from strings: a case store may hold tens of
thousands of files, and Path objects would cost more than reading them.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

NETWORK_FILE = "data/network.yaml"
DEFAULT_CASES_DIR = "data/cases"

RECORD_FOLDERS: dict[str, str] = {
    "session": "data/sessions",
    "meeting": "data/meetings",
    "complaint_mechanism": "data/complaint_mechanisms",
    "risk_assessment": "data/risk_assessments",
    "agency_assessment": "data/agency_assessments",
}
"""Each kind of prevention record and the folder that holds its files (one record a file)."""

Source = tuple[str, str]
"""A data file: its label (the path from the repository root, with '/') and its path."""


def label_of(path: Path, root: Path) -> str:
    """The path from the root; a case store given by a resolved path is taken from the real
    root, so that a root reached through a symbolic link still gives data/cases/... labels."""
    real_root = root.resolve()
    base = real_root if path.is_absolute() and path.is_relative_to(real_root) else root
    return Path(os.path.relpath(path, base)).as_posix()


def _kept_aside(name: str) -> bool:
    """Files a data folder may hold besides YAML: hidden files and a README."""
    return name.startswith(".") or name.lower().startswith(("readme", "lisezmoi"))


def yaml_files(folder: Path, root: Path, others: list[str] | None = None,
               sealed: list[Source] | None = None) -> list[Source]:
    """Every *.yaml / *.yml below ``folder``, in a stable order, through os.scandir (fast:
    labels are built from strings, not Path objects, as there may be tens of thousands).
    The labels of any other files (besides hidden ones and a README) go to ``others``; with
    ``sealed``, encrypted case records (*.age) go there instead, in the same order."""
    if not folder.is_dir():
        return []
    top = str(folder)
    prefix = label_of(folder, root) + "/"
    stack = [top]
    found: list[Source] = []
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif entry.name.endswith((".yaml", ".yml")) and (
                    entry.is_file() or entry.is_symlink()
                ):  # a dangling link is reported, not skipped
                    found.append((prefix + entry.path[len(top) + 1:].replace(os.sep, "/"),
                                  entry.path))
                elif sealed is not None and entry.name.endswith(".age"):
                    sealed.append((prefix + entry.path[len(top) + 1:].replace(os.sep, "/"),
                                   entry.path))
                elif others is not None and not _kept_aside(entry.name):
                    others.append(prefix + entry.path[len(top) + 1:].replace(os.sep, "/"))
    if sealed is not None:
        sealed.sort(key=lambda source: source[0].split("/"))
    return sorted(found, key=lambda source: source[0].split("/"))  # the order of Path objects


@dataclasses.dataclass
class Files:
    """Which file holds what, in the order the dataset is built."""

    plan_folders: list[tuple[str, list[Source]]] = dataclasses.field(default_factory=list)
    """Each plan folder with its plan.yaml and progress files (none when plan.yaml is missing)."""
    organisations: list[Source] = dataclasses.field(default_factory=list)
    services: list[Source] = dataclasses.field(default_factory=list)
    cases: list[Source] = dataclasses.field(default_factory=list)
    records: dict[str, list[Source]] = dataclasses.field(default_factory=dict)
    """Prevention records by kind (``RECORD_FOLDERS``)."""
    strays_in_cases: list[str] = dataclasses.field(default_factory=list)
    """Files of the case store that are no case record (a spreadsheet, a document…)."""
    strays: list[str] = dataclasses.field(default_factory=list)
    """Files of the other data folders that psea does not read (not YAML)."""
    sealed_cases: list[Source] = dataclasses.field(default_factory=list)
    """Encrypted case records (<id>.age in the case store)."""

    def all(self) -> list[Source]:
        plans = [source for _folder, sources in self.plan_folders for source in sources]
        records = [source for sources in self.records.values() for source in sources]
        return (plans + self.organisations + self.services + records + self.cases
                + self.sealed_cases)


def discover(root: Path, cases_dir: str) -> Files:
    """Which file holds what: plans with their progress, organisations, services, cases."""
    files = Files()
    files.organisations = yaml_files(root / "data" / "focal_points", root, files.strays)
    files.services = yaml_files(root / "data" / "services", root, files.strays)
    files.records = {kind: yaml_files(root / folder, root, files.strays)
                     for kind, folder in RECORD_FOLDERS.items()}
    files.cases = yaml_files((root / cases_dir).resolve(), root, files.strays_in_cases,
                             files.sealed_cases)
    plan_root = root / "data" / "plan"
    if plan_root.is_dir():
        for folder in sorted(p for p in plan_root.iterdir()
                             if p.is_dir() and not p.name.startswith(".")):
            plan_file = folder / "plan.yaml"
            sources = ([(label_of(plan_file, root), str(plan_file)),
                        *yaml_files(folder / "progress", root, files.strays)]
                       if plan_file.is_file() else [])
            files.plan_folders.append((label_of(folder, root), sources))
    return files
