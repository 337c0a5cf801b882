"""Building the models of every file but the case records from their parsed documents: each
file that holds a valid model gives a located record, the others findings (``loader``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pydantic

from psea_cli import salvage
from psea_cli.dataset import RECORD_MODELS, Dataset, Finding, Located, PlanBundle
from psea_cli.layout import Files, Source
from psea_cli.loader import Loader
from psea_cli.models import FocalPoint, Organisation, Plan, Progress, Service, ServiceFile
from psea_cli.models.pathway import PathwayWording
from psea_cli.models.published import PublishedFigures

_M = TypeVar("_M", bound=pydantic.BaseModel)


def _loaded(loader: Loader, model: type[_M], sources: list[Source], kind: str
            ) -> Iterator[Located[_M]]:
    """The files of ``sources`` that hold a valid ``model``, in order (the others are findings)."""
    for source in sources:
        found = loader.load(model, source, kind)
        if found is not None:
            yield found


def load_entries(loader: Loader, files: Files, dataset: Dataset) -> None:
    """Build the models of the directory, the services, the records, the pathway wordings and
    the published figures into ``dataset`` (the case records: ``case_judging``); of a file of
    the directory or the services that broke its schema, the entries valid on their own
    (``salvage``) go to ``dataset.salvaged``."""
    dataset.organisations.extend(_loaded(loader, Organisation, files.organisations, "organisation"))
    for services in _loaded(loader, ServiceFile, files.services, "services"):
        dataset.services.extend(Located(s, services.file, ("services", i))
                                for i, s in enumerate(services.value.services))
    organisations, services_files = _labels(files.organisations), _labels(files.services)
    for label, data in loader.broken.items():
        if label in organisations:
            dataset.salvaged.focal_points.extend(
                Located(entry, label, ("focal_points", i))
                for i, entry in salvage.entries(FocalPoint, data, "focal_points"))
        elif label in services_files:
            dataset.salvaged.services.extend(
                Located(entry, label, ("services", i))
                for i, entry in salvage.entries(Service, data, "services"))
    for kind, sources in files.records.items():
        for record in _loaded(loader, RECORD_MODELS[kind], sources, kind):
            dataset.records.add(kind, record)
    for wording in _loaded(loader, PathwayWording, files.pathway, "pathway"):
        dataset.pathway_wordings[Path(wording.file).stem] = wording
    dataset.published.extend(_loaded(loader, PublishedFigures, files.published, "published"))


def _labels(sources: list[Source]) -> set[str]:
    return {label for label, _path in sources}


def load_plans(loader: Loader, files: Files) -> Iterator[PlanBundle]:
    """Each plan folder's plan with its progress records by period (a period twice, or a
    folder without files, is a finding)."""
    for folder, sources in files.plan_folders:
        if not sources:
            loader.findings.append(Finding.of("plan.missing-file", folder, ()))
            continue
        plan = loader.load(Plan, sources[0], "plan")
        progress: dict[str, Located[Progress]] = {}
        for source in sources[1:]:
            record = loader.load(Progress, source, "progress")
            if record is None:
                continue
            if record.value.period in progress:
                loader.findings.append(Finding.of(
                    "ref.duplicate-id", record.file, ("period",), "period",
                    period=record.value.period, file=progress[record.value.period].file))
            else:
                progress[record.value.period] = record
        if plan is not None:
            yield PlanBundle(plan, progress)

