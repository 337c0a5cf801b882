"""``psea directory check``: everything that keeps the directory from being "regularly updated
and available", gathered once, then written as text or JSON.

Each stale entry comes with the last commit that changed its file (one ``git log`` pass for the
whole repository, done by the caller): a file edited last week whose ``verified_on`` is two years
old usually means someone changed a detail without confirming the rest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import textwrap
from typing import TYPE_CHECKING, Any

from psea_cli.directory import labels
from psea_cli.directory.freshness import (
    DirectoryEntry,
    IncompleteContact,
    MissingFocalPoint,
    StaleEntry,
    example_entries,
    incomplete_contacts,
    organisations_without_focal_point,
    stale_entries,
)
from psea_cli.formatting import format_date
from psea_cli.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset
    from psea_cli.gitrepo import LastChange


@dataclasses.dataclass(frozen=True)
class DirectoryCheck:
    as_of: dt.date
    threshold_days: int
    without_focal_point: list[MissingFocalPoint]
    stale: list[StaleEntry]
    incomplete: list[IncompleteContact]
    examples: list[DirectoryEntry]
    last_changes: dict[str, LastChange] | None
    """File → last commit; None outside git."""

    @property
    def found(self) -> int:
        return (len(self.without_focal_point) + len(self.stale) + len(self.incomplete)
                + len(self.examples))


def check_directory(dataset: Dataset, as_of: dt.date, threshold_days: int,
                    last_changes: dict[str, LastChange] | None) -> DirectoryCheck:
    return DirectoryCheck(
        as_of, threshold_days, organisations_without_focal_point(dataset, as_of),
        stale_entries(dataset, as_of, threshold_days), incomplete_contacts(dataset, as_of),
        example_entries(dataset, as_of), last_changes)


def _entry_label(entry: DirectoryEntry) -> str:
    example = " [" + _("example") + "]" if entry.example else ""
    return f"{labels.label(labels.ENTITIES, entry.kind)} {entry.id} ({entry.name}){example}"


def _file_heading(check: DirectoryCheck, file: str) -> str:
    if check.last_changes is None:
        return file
    last = check.last_changes.get(file)
    if last is None:
        return _("{file}: not committed yet").format(file=file)
    return _("{file}: last changed on {date} ({commit})").format(
        file=file, date=format_date(last.date), commit=last.commit[:8])


def _stale_lines(check: DirectoryCheck) -> list[str]:
    """Stale entries grouped by file, each file with its last commit."""
    by_file: dict[str, list[StaleEntry]] = {}
    for stale in check.stale:
        by_file.setdefault(stale.entry.file, []).append(stale)
    lines = []
    for file in sorted(by_file):
        lines.append(f"  {_file_heading(check, file)}")
        for s in by_file[file]:
            when = (_("never verified") if s.entry.verified_on is None else
                    _("verified on {date}, {days} days ago").format(
                        date=format_date(s.entry.verified_on), days=s.days))
            lines.append("    - " + _("{entry}: {when}").format(entry=_entry_label(s.entry),
                                                              when=when))
    return lines


def text_lines(check: DirectoryCheck) -> list[str]:
    """The check for a person: one section per kind of finding, then a summary line."""
    lines: list[str] = []

    def section(title: str, count: int, items: list[str]) -> None:
        if count:
            lines.extend([f"{title} ({count})", *items, ""])

    section(_("Member organisations without a focal point"), len(check.without_focal_point), [
        "  - " + (_("{name} ({id}): only example entries") if m.examples_only else
                  _("{name} ({id}): no focal point")).format(name=m.acronym or m.name,
                                                            id=m.organisation)
        for m in check.without_focal_point])
    section(_("Not verified in the last {days} days").format(days=check.threshold_days),
            len(check.stale), _stale_lines(check))
    missing = {("email",): N_("{entry}: no e-mail"), ("phone",): N_("{entry}: no phone"),
               ("phone", "email"): N_("{entry}: no phone and no e-mail")}
    section(_("Contact details missing"), len(check.incomplete), [
        "  - " + _(missing[c.missing]).format(entry=_entry_label(c.entry))
        for c in check.incomplete])
    section(_("Example entries to replace with real ones"), len(check.examples),
            textwrap.wrap(", ".join(e.id for e in check.examples), width=96,
                          initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False))
    if check.last_changes is None and check.stale:
        lines.extend([_("(not a git repository: the files' last changes are not shown)"), ""])
    lines.append(summary(check))
    return lines


def summary(check: DirectoryCheck) -> str:
    """``As of 31 December 2021: 8 organisations without a focal point, 37 entries …``."""
    if not check.found:
        return _("The directory is complete and up to date as of {date}.").format(
            date=format_date(check.as_of))
    parts = [
        ngettext("{n} organisation without a focal point",
                 "{n} organisations without a focal point", len(check.without_focal_point)),
        ngettext("{n} entry not verified in {days} days",
                 "{n} entries not verified in {days} days", len(check.stale)),
        ngettext("{n} entry with missing contact details",
                 "{n} entries with missing contact details", len(check.incomplete)),
        ngettext("{n} example entry", "{n} example entries", len(check.examples)),
    ]
    counts = (len(check.without_focal_point), len(check.stale), len(check.incomplete),
              len(check.examples))
    return _("As of {date}: {parts}.").format(date=format_date(check.as_of), parts=", ".join(
        part.format(n=n, days=check.threshold_days)
        for part, n in zip(parts, counts, strict=True) if n))


def _entry_dict(entry: DirectoryEntry) -> dict[str, Any]:
    return {"kind": entry.kind, "id": entry.id, "name": entry.name, "organisation": entry.owner,
            "regions": list(entry.regions), "file": entry.file,
            "verified_on": entry.verified_on.isoformat() if entry.verified_on else None}


def as_document(check: DirectoryCheck) -> dict[str, Any]:
    """The check for a program (``--format json``)."""
    def last(file: str) -> dict[str, str] | None:
        change = (check.last_changes or {}).get(file)
        return {"commit": change.commit, "date": change.date.isoformat()} if change else None

    return {
        "as_of": check.as_of.isoformat(),
        "threshold_days": check.threshold_days,
        "without_focal_point": [dataclasses.asdict(m) for m in check.without_focal_point],
        "stale": [{**_entry_dict(s.entry), "days": s.days, "file_last_changed": last(s.entry.file)}
                  for s in check.stale],
        "incomplete_contacts": [{**_entry_dict(c.entry), "missing": list(c.missing)}
                                for c in check.incomplete],
        "examples": [_entry_dict(e) for e in check.examples],
        "found": check.found,
    }
