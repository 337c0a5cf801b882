"""The questions ``psea case add`` asks after the core of a complaint, in a terminal: the month
of the incident, how many survivors, the alleged perpetrator's employer and organisation, and
whether goods or money were exchanged. Each may be left unknown (Enter); a value given as an
option is not asked again. The referral to the concerned entity, its indicator and the
accountability tables need the employer: a case whose employer is never asked counts among
the cases with no entity known.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import typer

from psea_cli import catalogue
from psea_cli.cases.vocabulary import AFFILIATIONS, LABELS, consent_needed
from psea_cli.commands import case_input
from psea_cli.i18n import _

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset
    from psea_cli.models import Case

WITH_ORGANISATION = frozenset({"un_staff", "un_related", "un_mission", "un_uniformed", "ingo",
                               "nngo", "implementing_partner"})
"""The employers that are an organisation of the directory, which a question then asks for."""


def ask(dataset: Dataset, given: dict[str, Any], received: dt.date | None = None
        ) -> dict[str, Any]:
    """``given`` (incident_month, survivors, affiliation, organisation, goods), each value
    that is None asked for; the month no later than that of ``received`` (the record's rule,
    said at the question rather than after every other answer)."""
    month = given["incident_month"]
    if month is None:
        month = case_input.ask_text(_("Month of the incident (YYYY-MM; Enter if unknown)"),
                                    lambda text: _month_by(text, received),
                                    default=_("unknown"))
    survivors = given["survivors"]
    if survivors is None:
        survivors = case_input.ask_text(_("Number of survivors"), _count, default="1")
    affiliation = given["affiliation"] or case_input.ask_choice(
        _("Alleged perpetrator's employer:"), AFFILIATIONS, LABELS["affiliation"])
    organisation = given["organisation"]
    if organisation is None and affiliation in WITH_ORGANISATION and dataset.organisations:
        organisation = case_input.ask_text(
            _("Alleged perpetrator's organisation: its id or name in the directory (Enter if "
              "not known)"), lambda t: _organisation(dataset, t), default=_("not known"))
    goods = given["goods"] or case_input.ask_choice(
        _("Were goods, money, services or favours exchanged?"), ("yes", "no", "unknown"),
        LABELS["goods"])
    return {"incident_month": month, "survivors": survivors, "affiliation": affiliation,
            "organisation": organisation or None, "goods": goods}


def _month_by(text: str, received: dt.date | None) -> str:
    """``_month``, refused when after the month of ``received``."""
    month = _month(text)
    if received is not None and month != "unknown" and month > f"{received:%Y-%m}":
        _code, _severity, message, _hint = catalogue.finding_texts(
            "cases.incident-after-reception")
        raise typer.BadParameter(message)  # the question says how to answer "unknown"
    return month


def _month(text: str) -> str:
    """The month typed, or ``unknown`` for Enter (the word shown, in the user's language)."""
    if case_input.folded(text) in {case_input.folded(_("unknown")), "unknown"}:
        return "unknown"
    try:
        return case_input.parse_month(text)
    except typer.BadParameter:  # its "or unknown" is the option's English word
        raise typer.BadParameter(_("write the month as YYYY-MM, or press Enter if it is "
                                   "unknown")) from None


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 1000:
        from psea_cli.formatting import format_number

        raise typer.BadParameter(_("a whole number from 1 to {most} is expected").format(
            most=format_number(1000)))
    return value


def _organisation(dataset: Dataset, text: str) -> str:
    """The id of the organisation written ``text``, "" when it is not known."""
    if text == _("not known"):
        return ""
    return organisation_id(dataset, text)


def find_organisation(dataset: Dataset, text: str) -> str | None:
    """The id of the organisation written ``text`` (its id, name or acronym, in any case)."""
    folded = case_input.folded(text)
    for located in dataset.organisations:
        organisation = located.value
        names = (organisation.id, organisation.name, organisation.acronym or "")
        if folded in {case_input.folded(name) for name in names if name}:
            return organisation.id
    return None


def organisation_id(dataset: Dataset, text: str, option: str | None = None) -> str:
    """The id of the organisation written ``text``; a message listing a few ids when none
    matches (about ``option``, when one is given)."""
    found = find_organisation(dataset, text)
    if found is not None:
        return found
    known = ", ".join(sorted(o.value.id for o in dataset.organisations)[:12])
    raise typer.BadParameter(_("not an organisation of the directory; ids such as: {known} "
                               "('psea directory' lists them all)").format(known=known),
                             param_hint=option)


def refused_consent(case: Case | None, step: str, details: dict[str, Any]) -> str | None:
    """The question to confirm an event the survivor refused (``consent.…: no``), asked
    before it is written in a terminal; None when the survivor did not refuse it."""
    purpose = consent_needed(step, details.get("survivor_participates"))
    if case is None or purpose is None or getattr(case.consent, purpose) != "no":
        return None
    return {"identity": _("The survivor refused to have their identifying details shared "
                          "(consent.identity: no). Record that they were shared all the same, "
                          "and tell the coordinator?"),
            "assistance": _("The survivor declined assistance (consent.assistance: no). Record "
                            "a referral all the same, and tell the coordinator?"),
            "investigation": _("The survivor refused to take part in an investigation "
                               "(consent.investigation: no). Record that it involves them all "
                               "the same, and tell the coordinator?")}[purpose]


def event_day(case: Case | None, today: dt.date, kind: str | None = None
              ) -> Callable[[str], dt.date | dt.datetime]:
    """The answer to "Day of the event" read as a day (or a moment), asked again when it is
    before the complaint was received, after today, or (for a ``kind`` other than
    ``reopened``) on a day the case stands closed: the record would refuse it, and every
    answer before it would be lost."""
    def convert(text: str) -> dt.date | dt.datetime:
        found = case_input.parse_day_or_time(text, "--date")
        day = found.date() if isinstance(found, dt.datetime) else found
        if case is not None and day < case.received_day:
            raise typer.BadParameter(_("the event cannot come before the complaint was "
                                       "received ({day})").format(day=case.received_day))
        if day > today:
            raise typer.BadParameter(_("the event cannot be after today ({day})").format(
                day=today))
        if case is not None and kind not in (None, "reopened") and case.closure_on(day):
            _code, _severity, message, hint = catalogue.finding_texts("cases.event-after-closure")
            raise typer.BadParameter(f"{message}. {hint}")
        return found
    return convert


