"""The network's own words at the top of the report: summary, highlights, challenges,
decisions requested from the HCT, priorities for the next period.

They come from the ``narrative:`` block of the period's progress file, in the report's
language (the ``*_en`` fields in an English report; when a part has no English version the
French one is shown, marked as French). A part left empty is said to be empty, never hidden:
the HCT sees what the network did not write.
"""

from __future__ import annotations

import posixpath
from typing import Any

from psea_cli import periods
from psea_cli.dataset import Dataset, PlanBundle
from psea_cli.i18n import N_, _, current_language, load_translations
from psea_cli.languages import SUPPORTED
from psea_cli.models.progress import Narrative
from psea_cli.report import plan_section

PARTS: tuple[tuple[str, str], ...] = (
    ("summary", N_("Summary")),
    ("highlights", N_("Highlights")),
    ("challenges", N_("Challenges")),
    ("decisions", N_("Decisions requested from the HCT")),
    ("priorities", N_("Priorities for the next period")),
)


def in_language(narrative: Narrative, key: str) -> tuple[Any, str]:
    """A part's text as the report prints it, and its language (``en``: the ``*_en`` field)."""
    french = getattr(narrative, key)
    english = getattr(narrative, f"{key}_en")
    if current_language() == "en" and english:
        return english, "en"
    return french, "fr"


def build(narrative: Narrative | None, progress_file: str | None) -> dict[str, Any]:
    """Each part with its title, its text (a string or a list) and whether it is empty."""
    parts = []
    for key, title in PARTS:
        value, lang = in_language(narrative, key) if narrative is not None else (None, "fr")
        parts.append({"key": key, "title": _(title), "value": value or None,
                      "list": key != "summary", "lang": lang, "empty": not value})
    return {"parts": {p["key"]: p for p in parts}, "ordered": parts,
            "written": any(not p["empty"] for p in parts), "file": progress_file}


def of_period(bundle: PlanBundle, period: periods.Period) -> dict[str, Any]:
    """The network's words for the period, from the progress file that covers it (``file``:
    where they are written, or are to be)."""
    progress = plan_section.covering_progress(bundle, period)
    located = next((item for item in bundle.progress.values() if item.value is progress), None)
    expected = posixpath.join(posixpath.dirname(bundle.plan.file), "progress",
                              f"{period.key}.yaml")
    return build(progress.narrative if progress is not None else None,
                 located.file if located is not None else expected)


DRAFT = N_("To rewrite in the network's words. Key figures: {figures}.")
"""The summary ``--draft`` writes (``render.write_draft``), until the network rewrites it."""


def unwritten(dataset: Dataset, period: periods.Period) -> str | None:
    """The progress file where the network's words for ``period`` are still to be written
    (none at all, or a summary still as ``--draft`` wrote it), or None (said to the person
    making the report, never in it)."""
    from psea_cli.indicators.compute import covering_plans

    words = of_period(covering_plans(dataset, period)[0], period)
    summary = words["parts"]["summary"]["value"]
    drafted = isinstance(summary, str) and any(
        summary.startswith(load_translations(lang).gettext(DRAFT).partition("{figures}")[0])
        for lang in SUPPORTED)
    return str(words["file"]) if drafted or not words["written"] else None
