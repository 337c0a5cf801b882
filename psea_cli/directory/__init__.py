"""The focal-point directory and the GBV service map: lookup, freshness, coverage, exports, history.

Plain data for commands and reports (nothing here prints):

- ``organisations_without_focal_point``, ``stale_entries``, ``incomplete_contacts``,
  ``example_entries`` (freshness);
- ``coverage_matrix`` (region × service type, with gaps);
- the lookup of focal points and services, and the export writers, in their own modules;
- ``history.Change``, what ``gitrepo.changes`` returns.
"""

from psea_cli.directory.coverage import CoverageRow, coverage_matrix
from psea_cli.directory.freshness import (
    DirectoryEntry,
    IncompleteContact,
    MissingFocalPoint,
    StaleEntry,
    directory_entries,
    example_entries,
    incomplete_contacts,
    organisations_without_focal_point,
    stale_entries,
)

__all__ = [
    "CoverageRow", "DirectoryEntry", "IncompleteContact", "MissingFocalPoint", "StaleEntry",
    "coverage_matrix", "directory_entries", "example_entries", "incomplete_contacts",
    "organisations_without_focal_point", "stale_entries",
]
