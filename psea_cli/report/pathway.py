"""Rendering a zone's referral pathway: the A4 poster and the phone card, as one self-contained
HTML page (inline CSS and SVG, no script, no font or image to fetch), or as PDF.

The command (``psea pathway``) builds the pathway (``psea_cli.directory.pathway``), calls
``render`` here and writes the result; nothing here prints.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal

from psea_cli.pathway_wording import Wording, language_names
from psea_cli.report.environment import render_template

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset
    from psea_cli.directory.pathway import Entry, Pathway
    from psea_cli.gitrepo import Revision

Layout = Literal["poster", "card"]


def _served(entry: Entry, words: Wording) -> str | None:
    """``Femmes et filles, 0 à 17 ans``; None when the service sets no limit."""
    sexes = set(entry.sexes)
    who = (words.get("women") if sexes == {"female"} else words.get("men") if sexes == {"male"}
           else None)
    low = entry.age_min or None
    high = entry.age_max
    ages = (words.get("ages_range", low=low, high=high) if low is not None and high is not None
            else words.get("ages_from", low=low) if low is not None
            else words.get("ages_to", high=high) if high is not None else None)
    parts = [p for p in (who, ages) if p]
    return ", ".join(parts) if parts else None


def _warning(entry: Entry, words: Wording) -> str | None:
    if entry.example:
        return words.get("example_warning")
    if entry.stale:
        return (words.get("stale_warning", date=words.date(entry.verified_on))
                if entry.verified_on else words.get("never_verified"))
    return None


def _entry(entry: Entry, words: Wording) -> dict[str, Any]:
    return {
        "name": (words.get("focal_point", organisation=entry.organisation)
                 if entry.kind == "focal_point" else entry.name),
        "organisation": entry.organisation if entry.kind != "focal_point" else None,
        "phone": entry.phone,
        "email": entry.email,
        "place": entry.place,
        "hours": entry.hours,
        "languages": language_names(list(entry.languages), words.lang) if entry.languages else None,
        "cost": words.get(f"cost_{entry.cost}") if entry.cost else None,
        "features": [words.get(f) for f in entry.features],
        "served": _served(entry, words),
        "nationwide": entry.nationwide,
        "verified": words.get("verified", date=words.date(entry.verified_on))
        if entry.verified_on and not entry.doubtful else None,
        "warning": _warning(entry, words),
    }


def context(dataset: Dataset, pathway: Pathway, words: Wording, layout: Layout,
            revision: Revision | None, today: dt.date) -> dict[str, Any]:
    """Everything the template shows, already worded in the poster's language."""
    network = dataset.network
    network_name = (network.name_en if words.lang == "en" and network and network.name_en
                    else network.name if network else "")
    gaps = []
    for gap in pathway.gaps:
        text = words.get("gap_unverified" if gap.marked else "gap",
                         service=words.get(gap.service_type))
        where = (words.get("gap_nearest", region=gap.nearest) if gap.nearest
                 else words.get("gap_elsewhere", regions=", ".join(gap.elsewhere))
                 if gap.elsewhere else words.get("gap_nowhere"))
        gaps.append(f"{text} — {where}")
    return {
        "lang": words.lang,
        "layout": layout,
        "w": words.texts,
        "title": words.get("title", region=pathway.region.name),
        "channels": [_entry(e, words) for e in pathway.channels],
        "care": [{"type": kind, "title": words.get(kind),
                  "entries": [_entry(e, words) for e in entries]}
                 for kind, entries in pathway.care],
        "gaps": gaps,
        "small_print": words.get(
            "small_print", network=network_name, date=words.date(today),
            revision=(revision.short + (" +" if revision.dirty else ""))
            if revision is not None and revision.short else words.get("no_revision")),
    }


def render(dataset: Dataset, pathway: Pathway, words: Wording, layout: Layout,
           revision: Revision | None, today: dt.date) -> str:
    """The pathway as one self-contained HTML page."""
    return render_template(dataset.root, "pathway.html.j2",
                           context(dataset, pathway, words, layout, revision, today))
