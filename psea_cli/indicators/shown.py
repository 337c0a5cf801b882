"""Figures as words in the reader's language: values, fractions, targets, statuses, and the
reason a shared figure is not published. The JSON and CSV documents (``indicators.export``)
keep codes; the tables and the report read these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from psea_cli import formatting
from psea_cli.i18n import N_, _
from psea_cli.indicators.targets import AT_MOST, direction
from psea_cli.indicators.values import (
    NO_COMPLETE_QUARTER,
    RECORDS_WITH_ERRORS,
    SEALED_RECORDS,
    STORE_ABSENT,
)

if TYPE_CHECKING:
    from psea_cli.indicators.values import Protection

Shown = int | float | str | bool | None
"""A value as published: raw or protected (``<5``, ``x``)."""

STATUS_LABELS = {
    "on_track": N_("on track"),
    "behind": N_("behind"),
    "no_target": N_("no target"),
    "no_data": N_("no data"),
}
MILESTONE_LABELS = {
    "not_started": N_("not started"),
    "in_progress": N_("in progress"),
    "done": N_("done"),
}
NOT_PUBLISHED = {NO_COMPLETE_QUARTER: N_("not published: no complete quarter"),
                 SEALED_RECORDS: N_("not published: encrypted records"),
                 RECORDS_WITH_ERRORS: N_("not published: case records with errors"),
                 STORE_ABSENT: N_("not published: case store not found")}
"""Why a shared case figure is not published, in words (JSON keeps the code)."""
SEALED_NOTE = N_("Case figures are not published: some case records are encrypted and cannot be "
                 "read here, and no figures are published for this period (a key holder runs "
                 "'psea case publish'). Figures over the other records only, set beside the "
                 "core team's, would give away what the rounding protects.")
"""Why a shared output has no case figure when some records cannot be read here."""
ERRORS_NOTE = N_("Case figures are not published: some case records have errors and are left "
                 "out of every figure. Figures over the other records, set beside those made "
                 "once they are corrected, would give away what the rounding protects. Run "
                 "'psea validate' and correct them.")
"""Why a shared output has no case figure when some records have errors."""
ABSENT_NOTE = N_("Case figures are not published: the case store is not found here, and no "
                 "figures are published for this period (a key holder runs 'psea case "
                 "publish'). Figures over no record would read as no case, whatever "
                 "the store holds. Clone the case store where cases_dir says, or correct "
                 "cases_dir.")
"""Why a shared output has no case figure when the case store is not here."""


def quarters_text(quarters: dict[str, int | str | None]) -> str:
    """``Q3 2021: 36 · Q4 2021: 41`` (``T3 2021 : 36 · …`` in French), each value as
    displayed. A line breaks between quarters, or after a quarter's colon when its name and
    its value do not fit on one line (« T3 2021 : » then « 1 150 »); never inside a quarter's
    name nor inside a number."""
    return " · ".join(f"{name} {value}" for name, value in quarter_parts(quarters))


def quarter_parts(quarters: dict[str, int | str | None]) -> list[tuple[str, str]]:
    """Each quarter as its name with its colon (``Q3 2021:``, « T3 2021 : ») and its value
    as displayed (``1,150``, « 1 150 »), each one unbroken: its spaces are no-break spaces."""
    return [(_("{quarter}:").format(quarter=formatting.quarter_name(key)).replace(" ", "\u00a0"),
             display(value, "count").replace(" ", "\u00a0"))
            for key, value in quarters.items()]


def shown_text(document: dict[str, Any], unit: str) -> str:
    """The value of a metric's or an indicator's document as text: the reason when it is not
    published (``not published: no complete quarter``), never a figure."""
    reason = document.get("not_published")
    if reason is not None:
        return _(NOT_PUBLISHED[reason])
    return display(document["value"], unit)


def display(value: Shown, unit: str) -> str:
    """A value (raw or protected) as text in the current language."""
    from psea_cli.formatting import format_amount, format_number, format_percent, yes_no

    if value is None:
        return "—"
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, str):
        return _(MILESTONE_LABELS[value]) if value in MILESTONE_LABELS else value
    if unit == "percent":
        return format_percent(value)
    if unit == "amount":
        return format_amount(value)
    if unit == "qualitative":
        return _("level {level}/3").format(level=format_number(value))
    if unit == "days":
        return formatting.format_days(value)
    return format_number(value)


def target_text(target: Shown, unit: str) -> str:
    """A target as shown beside its value: a delay's says it is a ceiling ("at most 10 days",
    « au plus 10 jours »); the others are floors and read as the value does ("100 %")."""
    shown = display(target, unit)
    if target is None or direction(unit) != AT_MOST:
        return shown
    return _("at most {target}").format(target=shown)


def display_fraction(numerator: Shown, denominator: Shown) -> str:
    if numerator is None or denominator is None:
        return ""
    return f"{display(numerator, 'count')}/{display(denominator, 'count')}"


def status_label(status: str) -> str:
    return _(STATUS_LABELS.get(status, status))


def read_again_note(protection: Protection) -> str | None:
    """How the quarters read with what happened after them are protected, or None when none
    was (every counted quarter ends on the reading's day). It depends only on what is
    published (the quarters and the day of the reading), never on whether a later reading
    was taken: that a quarter keeps an earlier reading tells something of its counts."""
    from psea_cli import periods

    if not any(periods.parse(key).end < protection.read_on for key in protection.quarters):
        return None
    return _("Quarters that ended before {day} are read with what happened since (a complaint "
             "referred or concluded later), within limits that keep the published figures "
             "safe: a count that did not change keeps its published value, a count that only "
             "grows as events come is never shown lower (pending complaints: never higher), "
             "and a quarter keeps its earlier figures where new ones would give small counts "
             "away.").format(
                 day=formatting.format_date(protection.read_on)) + " " + _(
        "A record entered or corrected since with a day inside a quarter already published "
        "changes that quarter's past: its figures are then read anew, and may differ from "
        "those published before.")
