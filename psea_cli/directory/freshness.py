"""Is the directory usable? Member organisations without a focal point, entries not verified
recently, focal points that cannot be reached (no e-mail or no phone).

The plan asks for a directory "regularly updated and available": these functions say where it
is not, as plain data that ``psea directory check`` prints and the semester report renders.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset, PathInFile
    from psea_cli.models import FocalPoint, Service

EntryKind = Literal["focal_point", "service"]


@dataclasses.dataclass(frozen=True)
class MissingFocalPoint:
    """A member organisation nobody can be referred to: no focal point, or only example ones."""

    organisation: str
    name: str
    acronym: str | None
    file: str
    examples_only: bool


@dataclasses.dataclass(frozen=True)
class DirectoryEntry:
    """A focal point or a service as the checks report it; ``id`` is ``org-id/fp-id`` for a
    focal point. ``owner`` is the organisation (the provider for a service)."""

    kind: EntryKind
    id: str
    name: str
    owner: str
    regions: tuple[str, ...]
    file: str
    path: PathInFile
    verified_on: dt.date | None
    example: bool


@dataclasses.dataclass(frozen=True)
class StaleEntry:
    """An entry not verified within the threshold; ``days`` since its last verification (None
    when it never was)."""

    entry: DirectoryEntry
    days: int | None


@dataclasses.dataclass(frozen=True)
class IncompleteContact:
    """A focal point without e-mail or phone, or a service with neither."""

    entry: DirectoryEntry
    missing: tuple[str, ...]


def organisations_without_focal_point(dataset: Dataset, as_of: dt.date) -> list[MissingFocalPoint]:
    """Organisations that are members on ``as_of`` and have no focal point other than example
    (placeholder) entries, by id."""
    found = []
    for located in dataset.organisations:
        org = located.value
        if not org.member_on(as_of) or any(not fp.example for fp in org.focal_points):
            continue
        found.append(MissingFocalPoint(org.id, org.name, org.acronym, located.file,
                                       examples_only=bool(org.focal_points)))
    return sorted(found, key=lambda m: m.organisation)


def _focal_points(dataset: Dataset, as_of: dt.date) -> Iterator[tuple[DirectoryEntry, FocalPoint]]:
    for located in dataset.organisations:
        org = located.value
        if org.member_on(as_of):
            for i, fp in enumerate(org.focal_points):
                yield (DirectoryEntry("focal_point", f"{org.id}/{fp.id}", fp.name, org.id,
                                      tuple(fp.regions), located.file, ("focal_points", i),
                                      fp.verified_on, fp.example), fp)


def _services(dataset: Dataset) -> Iterator[tuple[DirectoryEntry, Service]]:
    for located in dataset.services:
        s = located.value
        if s.status != "closed":
            yield (DirectoryEntry("service", s.id, s.name, s.provider, (s.region,), located.file,
                                  located.path, s.verified_on, s.example), s)


def directory_entries(dataset: Dataset, as_of: dt.date) -> list[DirectoryEntry]:
    """Focal points of organisations that are members on ``as_of``, then services that are not
    closed for good, in file order: the entries that must be kept up to date."""
    return [e for e, _fp in _focal_points(dataset, as_of)] + [e for e, _s in _services(dataset)]


def example_entries(dataset: Dataset, as_of: dt.date) -> list[DirectoryEntry]:
    """Placeholder entries (``example: true``) still to be replaced by real, verified ones."""
    return [entry for entry in directory_entries(dataset, as_of) if entry.example]


def stale_entries(dataset: Dataset, as_of: dt.date, threshold_days: int) -> list[StaleEntry]:
    """Focal points of member organisations and services not closed whose details were not
    confirmed in the ``threshold_days`` before ``as_of`` (or never were), oldest first.
    A verification dated after ``as_of`` counts as recent. Example entries are included, with
    their ``example`` flag (they are also listed by ``example_entries``)."""
    found = []
    for entry in directory_entries(dataset, as_of):
        if entry.verified_on is None:
            found.append(StaleEntry(entry, None))
        elif (as_of - entry.verified_on).days > threshold_days:
            found.append(StaleEntry(entry, (as_of - entry.verified_on).days))
    return sorted(found, key=lambda s: (s.entry.verified_on is not None,
                                        s.entry.verified_on or as_of, s.entry.kind, s.entry.id))


def incomplete_contacts(dataset: Dataset, as_of: dt.date) -> list[IncompleteContact]:
    """Focal points missing an e-mail or a phone, services with neither: they cannot be reached."""
    found = []
    for entry, fp in _focal_points(dataset, as_of):
        missing = tuple(name for name, value in (("email", fp.email), ("phone", fp.phone))
                        if not value)
        if missing:
            found.append(IncompleteContact(entry, missing))
    found.extend(IncompleteContact(entry, ("phone", "email")) for entry, service in _services(dataset)
                 if not service.phone and not service.email)
    return found
