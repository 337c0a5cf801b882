"""The focal-point directory and the GBV service map: lookup, freshness, coverage, exports, history.

Plain data for commands and reports (nothing here prints):

- ``organisations_without_focal_point``, ``stale_entries``, ``incomplete_contacts``,
  ``example_entries`` (freshness);
- ``coverage_matrix`` (region × service type) and ``gaps`` (said plainly by ``labels.gap``);
- the lookup of focal points and services, and the export writers, in their own modules;
- ``history.Change``, what ``changes.changes`` returns (from the commits ``gitrepo`` reads).
"""

from psea_cli.directory.coverage import CoverageRow, Gap, coverage_matrix, gaps
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
    "CoverageRow", "DirectoryEntry", "Gap", "IncompleteContact", "MissingFocalPoint", "StaleEntry",
    "coverage_matrix", "directory_entries", "example_entries", "gaps", "incomplete_contacts",
    "organisations_without_focal_point", "stale_entries",
]
