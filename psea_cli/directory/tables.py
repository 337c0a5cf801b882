"""The directory and the service map as tables (sheets): what every export writes.

A ``Sheet`` has translated headers, an HXL hashtag per column and rows of plain cells (text,
numbers, dates). The writers (CSV, HXL, XLSX, Markdown) only lay sheets out, so the columns of
a view are defined once here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from psea_cli.directory import labels
from psea_cli.formatting import yes_no
from psea_cli.i18n import _, current_language
from psea_cli.models.service import SERVICE_TYPES

if TYPE_CHECKING:
    from pydantic import BaseModel

    from psea_cli.dataset import Dataset, Located
    from psea_cli.directory.coverage import CoverageRow
    from psea_cli.directory.history import Change
    from psea_cli.directory.lookup import ListedFocalPoint
    from psea_cli.models import Organisation, Service

Cell = str | int | dt.date | None


@dataclasses.dataclass(frozen=True)
class Column:
    header: str
    hxl: str


@dataclasses.dataclass(frozen=True)
class Sheet:
    """One view: a name (the XLSX sheet), its columns and its rows."""

    name: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]]


def _regions(dataset: Dataset, pcodes: list[str]) -> str:
    names = dataset.network.region_by_pcode() if dataset.network else {}
    return ", ".join(names[p].name if p in names else p for p in pcodes)


def _example(flag: bool) -> str:
    return _("example") if flag else ""


def focal_points_sheet(dataset: Dataset, listed: list[ListedFocalPoint]) -> Sheet:
    """One row per focal point, with its organisation."""
    columns = (
        Column(_("Organisation"), "#org+name"), Column(_("Acronym"), "#org+acronym"),
        Column(_("Type"), "#org+type"), Column(_("Name"), "#contact+name"),
        Column(_("Role"), "#contact+role"), Column(_("Job title"), "#contact+title"),
        Column(_("E-mail"), "#contact+email"), Column(_("Phone"), "#contact+phone"),
        Column(_("Regions"), "#adm1+name"), Column(_("P-codes"), "#adm1+code"),
        Column(_("Languages"), "#contact+language"), Column(_("SOPs received"), "#date+sop"),
        Column(_("Last verified"), "#date+verified"), Column(_("Example entry"), "#meta+example"),
    )
    rows: list[tuple[Cell, ...]] = []
    for item in listed:
        org, fp = item.organisation, item.focal_point
        rows.append((
            org.name, org.acronym, labels.label(labels.ORGANISATION_TYPES, org.type), fp.name,
            labels.label(labels.ROLES, fp.role), fp.title, fp.email, fp.phone,
            _regions(dataset, fp.regions) if fp.regions else _("whole country"),
            ", ".join(fp.regions), labels.language_names(fp.languages), fp.sop_received_on,
            fp.verified_on, _example(fp.example)))
    return Sheet(_("Focal points"), columns, rows)


def organisations_sheet(organisations: list[Located[Organisation]]) -> Sheet:
    """One row per organisation: membership, commitments, how many focal points it has."""
    columns = (
        Column(_("Id"), "#org+code"), Column(_("Organisation"), "#org+name"),
        Column(_("Acronym"), "#org+acronym"), Column(_("Type"), "#org+type"),
        Column(_("Member since"), "#date+start"), Column(_("HCT member"), "#org+hct"),
        Column(_("Cluster member"), "#org+cluster"), Column(_("Focal points"), "#contact+num"),
        Column(_("Code of conduct signed"), "#date+code_of_conduct"),
    )
    rows: list[tuple[Cell, ...]] = []
    for located in sorted(organisations, key=lambda o: o.value.id):
        org = located.value
        rows.append((
            org.id, org.name, org.acronym, labels.label(labels.ORGANISATION_TYPES, org.type),
            org.membership.since if org.membership else None, yes_no(org.ehp_member),
            yes_no(org.cluster_member), sum(not fp.example for fp in org.focal_points),
            org.commitments.code_of_conduct_signed))
    return Sheet(_("Organisations"), columns, rows)


def _admin2_header(dataset: Dataset) -> str:
    """The network's word for its admin-2 areas (``Cercle``), else the neutral "Admin 2"."""
    word = dataset.network.admin2_title(current_language()) if dataset.network else None
    return word or _("Admin 2")


def services_sheet(dataset: Dataset, services: list[Located[Service]]) -> Sheet:
    """One row per service, in the order given (the lookup's: open ones first)."""
    columns = (
        Column(_("Service"), "#service+name"), Column(_("Type"), "#service+type"),
        Column(_("Provider"), "#org+name"), Column(_("Status"), "#status"),
        Column(_("Region"), "#adm1+name"), Column(_("P-code"), "#adm1+code"),
        Column(_admin2_header(dataset), "#adm2+name"), Column(_("Place"), "#loc+name"),
        Column(_("Phone"), "#contact+phone"), Column(_("E-mail"), "#contact+email"),
        Column(_("Opening hours"), "#access+hours"), Column(_("Languages"), "#service+language"),
        Column(_("Who is served"), "#beneficiary+description"), Column(_("Cost"), "#access+cost"),
        Column(_("Last verified"), "#date+verified"), Column(_("Example entry"), "#meta+example"),
    )
    rows: list[tuple[Cell, ...]] = []
    for located in services:
        s = located.value
        provider = dataset.organisation(s.provider)
        rows.append((
            s.name, labels.label(labels.SERVICE_TYPES, s.type),
            provider.name if provider else s.provider, labels.label(labels.STATUSES, s.status),
            _regions(dataset, [s.region]), s.region, s.admin2, s.place, s.phone, s.email, s.hours,
            labels.language_names(s.languages), labels.served(s.serves),
            labels.label(labels.COSTS, s.cost), s.verified_on, _example(s.example)))
    return Sheet(_("GBV services"), columns, rows)


def coverage_sheet(rows: list[CoverageRow]) -> Sheet:
    """Region × service type: active services per cell, the gaps in the last column."""
    columns = (
        Column(_("Region"), "#adm1+name"), Column(_("P-code"), "#adm1+code"),
        Column(_("High-risk zone"), "#meta+high_risk"),
        *(Column(labels.label(labels.SERVICE_TYPES, t), f"#service+num+{t}")
          for t in SERVICE_TYPES),
        Column(_("Gaps"), "#meta+gaps"),
    )
    return Sheet(_("Coverage"), columns, [
        (row.name, row.region, yes_no(row.high_risk), *(row.active[t] for t in SERVICE_TYPES),
         ", ".join(labels.label(labels.SERVICE_TYPES, t) for t in row.gaps))
        for row in rows])


def changes_sheet(changes: list[Change], with_file: bool = True) -> Sheet:
    """One row per change, as ``psea changes`` lists them (field names only, never values);
    the terminal leaves out the file to keep the table narrow."""
    columns = (
        Column(_("Date"), "#date+changed"), Column(_("Commit"), "#meta+commit"),
        Column(_("Change type"), "#meta+change"), Column(_("Entry"), "#meta+entity"),
        Column(_("Id"), "#meta+id"), Column(_("Fields"), "#meta+fields"),
        Column(_("File"), "#meta+file"),
    )
    width = len(columns) if with_file else len(columns) - 1
    return Sheet(_("Changes"), columns[:width], [
        (c.date, c.commit[:8], labels.label(labels.CHANGE_KINDS, c.kind),
         labels.label(labels.ENTITIES, c.entity), c.id, field_titles(c.entity, c.fields),
         c.file)[:width]
        for c in changes])


def field_titles(entity: str, fields: Sequence[str]) -> str:
    """The changed fields by their titles in the current language (``Téléphone``);
    recorded progress by its period (``Avancement 2020-S2 : status``)."""
    from psea_cli.models import FocalPoint, Organisation, Service
    from psea_cli.models.base import field_title
    from psea_cli.models.plan import Activity, Indicator

    models: dict[str, type[BaseModel]] = {
        "organisation": Organisation, "focal_point": FocalPoint, "service": Service,
        "activity": Activity, "indicator": Indicator}
    model = models.get(entity)
    said = []
    for name in fields:
        top, _dot, rest = name.partition(".")
        words = _("progress") if top == "progress" else \
            field_title(model, top, current_language()) if model else top
        said.append(_("{name}: {value}").format(name=words, value=rest) if rest else words)
    return ", ".join(said)
