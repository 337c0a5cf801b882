"""Display names of the codes the report shows (``sexual_abuse``, ``in_progress``…).

Case, directory and indicator codes use the words their own areas define; only the report's
own vocabularies (activity status, kinds of change) live here, marked with ``N_`` and
translated when the report is built, in its language.
"""

from __future__ import annotations

from psea_cli.cases.vocabulary import LABELS as CASE_LABELS
from psea_cli.directory.labels import SERVICE_TYPES
from psea_cli.directory.labels import label as directory_label
from psea_cli.i18n import N_, _
from psea_cli.indicators.shown import status_label
from psea_cli.indicators.values import STATUSES

_LABELS: dict[str, dict[str, str]] = {
    "activity_status": {
        "not_started": N_("Not started"),
        "in_progress": N_("In progress"),
        "ongoing": N_("Ongoing (continuous)"),
        "done": N_("Done"),
        "delayed": N_("Delayed"),
        "cancelled": N_("Cancelled"),
        "none": N_("No progress recorded"),
    },
    "entity": {"organisation": N_("Organisation"), "focal_point": N_("Focal point"),
               "service": N_("Service")},
    "change": {"added": N_("Added"), "removed": N_("Removed"), "modified": N_("Modified")},
}


def label(kind: str, value: str) -> str:
    """The translated display name of ``value``; an unknown value is shown as it is."""
    text = _LABELS.get(kind, {}).get(value)
    return _(text) if text else value


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def case_label(kind: str, value: str) -> str:
    """A case code (channel, allegation, sex, age group) as a table heading: ``Sexual abuse``."""
    text = CASE_LABELS.get(kind, {}).get(value)
    return capitalised(_(text)) if text else value


def service_type_label(value: str) -> str:
    return directory_label(SERVICE_TYPES, value)


def withheld_share(threshold: int) -> str:
    """A shared percentage withheld (``disclosure.shown_share``), in words an HCT member reads:
    « masqué pour protéger les personnes survivantes (une de ses parts compte moins de 5
    cas) »: its whole, its part or the rest is under the threshold (« a count under 5 » beside
    a part of 5 and a whole of 5 read as a contradiction; « under 5 cases in it or outside
    it » read as jargon)."""
    return _("withheld to protect survivors (a part of it counts fewer than {threshold} "
             "cases)").format(threshold=threshold)


def status_labels() -> dict[str, str]:
    """Every indicator status with its display name, in the order the charts show them, and
    the report's own: a shared figure withheld."""
    return {**{status: capitalised(status_label(status)) for status in STATUSES},
            "withheld": capitalised(_("withheld"))}
