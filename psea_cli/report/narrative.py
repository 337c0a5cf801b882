"""The network's own words at the top of the report: summary, highlights, challenges,
decisions requested from the HCT, priorities for the next period.

They come from the ``narrative:`` block of the period's progress file, in the report's
language (the ``*_en`` fields in an English report; when a part has no English version the
French one is shown, marked as French). A part left empty is said to be empty, never hidden:
the HCT sees what the network did not write.
"""

from __future__ import annotations

from typing import Any

from psea_cli.i18n import N_, _, current_language
from psea_cli.models.progress import Narrative

PARTS: tuple[tuple[str, str], ...] = (
    ("summary", N_("Summary")),
    ("highlights", N_("Highlights")),
    ("challenges", N_("Challenges")),
    ("decisions", N_("Decisions requested from the HCT")),
    ("priorities", N_("Priorities for the next period")),
)


def _in_language(narrative: Narrative, key: str) -> tuple[Any, str]:
    french = getattr(narrative, key)
    english = getattr(narrative, f"{key}_en")
    if current_language() == "en" and english:
        return english, "en"
    return french, "fr"


def build(narrative: Narrative | None, progress_file: str | None) -> dict[str, Any]:
    """Each part with its title, its text (a string or a list) and whether it is empty."""
    parts = []
    for key, title in PARTS:
        value, lang = _in_language(narrative, key) if narrative is not None else (None, "fr")
        parts.append({"key": key, "title": _(title), "value": value or None,
                      "list": key != "summary", "lang": lang, "empty": not value})
    return {"parts": {p["key"]: p for p in parts}, "ordered": parts,
            "written": any(not p["empty"] for p in parts), "file": progress_file}
