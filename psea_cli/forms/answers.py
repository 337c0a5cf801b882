"""A submission's answers read as the fields of a case record: days as ODK and KoboToolbox
export them, regions by name or P-code, organisations by id or the form's label of them,
counts, the consents a survivor gave; and the refusal of an export whose consent cannot be
read whole.

What ``forms.importing`` writes, and ``forms.session_import`` reads for the prevention sessions'
form, goes through here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from psea_cli.forms.intake import CONSENT_PURPOSES, FIELDS, QUESTIONS, organisation_label
from psea_cli.i18n import _, ngettext
from psea_cli.problems import PseaError

if TYPE_CHECKING:
    from psea_cli.forms.exports import Export
    from psea_cli.models.network import Network
    from psea_cli.models.organisation import Organisation

MULTIPLES: dict[str, tuple[str, ...]] = {"consent_given": CONSENT_PURPOSES}
INTAKE_QUESTIONS = set(QUESTIONS)
REQUIRED_COLUMNS = ("received", "channel", "region", "allegation", "survivor_sex",
                    "survivor_age_group", "consent_asked")
"""The questions whose column every export of the intake form has, and whose absence would be
read wrongly: a required field missing from every row, or every consent read as not asked.
``consent_given`` is needed as soon as one survivor was asked (``refuse_consent_unread``)."""
ALWAYS_ASKED = ("assistance", "investigation", "reporting")
"""The consent purposes every intake form psea wrote asks; an export of a form written before
the identity purpose was added has no column for that one."""
DATES = ("received", "incident_month")
"""The intake form's questions of type date."""

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})"
                      r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$")
"""A day, or a day and a time as ODK and KoboToolbox export them (``2024-05-02T10:20:00.000+00:00``):
never a day followed by other text (``2008-03-12 Awa Traore``), which is refused, not cut."""


def day(value: Any) -> Any:
    """A day as the tools export it (a date cell, 2020-07-15, 2020-07-15T10:11:12.000+00:00;
    a day with slashes is read by ``exports.read_export``, in the order its file proves) as a
    date; anything else as it is, for validation to refuse."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    iso = _ISO_DAY.match(text)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
    except ValueError:
        pass
    return text


def month(value: Any) -> str:
    read = day(value)
    return f"{read.year:04d}-{read.month:02d}" if isinstance(read, dt.date) else str(read)


def count(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    # decimal digits ("²" is a digit int() refuses), and few (int() refuses 4,300 of them):
    # anything else is left for the schema to refuse by row and column
    return int(text) if text.isdecimal() and len(text) <= 18 else value


_LABELLED = re.compile(r"^(.*?)\s*\(\s*([A-Za-z]{2,3}[0-9]+)\s*\)$")
"""A region as the form labels it, its name and its p-code in brackets: ``Kayes (ML01)``."""


def region(network: Network, value: Any) -> Any:
    """A region's p-code from its p-code, its name, or the form's label of it (``Kayes
    (ML01)``, an export made with labels): by the p-code in brackets, unless the name before
    it is another region's (the label says two regions: refused)."""
    from psea_cli.cases.query import resolve_region

    text = str(value).strip()
    found = resolve_region(network, text)
    labelled = _LABELLED.match(text) if found is None else None
    if labelled is not None:
        found = resolve_region(network, labelled[2])
        named = resolve_region(network, labelled[1]) if labelled[1] else None
        if named is not None and named is not found:
            found = None
    return found.pcode if found is not None else value


def folded(text: str) -> str:
    """Lowercase, without accents, spaces or punctuation: ``Féminin`` → ``feminin``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


_BRACKETED = re.compile(r"^(.*?)\s*\(\s*([^()]+?)\s*\)$")
"""An organisation as the form labels it, its name and its acronym in brackets."""


def organisation(organisations: Sequence[Organisation], value: Any) -> Any:
    """An organisation's id from its id, or from the form's label of it (an export made with
    labels): the one organisation so labelled (``Fonds des Nations unies pour l'enfance
    (UNICEF)``; the name alone of one without acronym), else the one whose acronym is in
    brackets, unless the name before it is another's (the label says two organisations). Any
    other answer as it is, for validation to refuse."""
    text = str(value).strip()
    if any(o.id == text for o in organisations):
        return text
    wanted = folded(text)
    found = {o.id for o in organisations if folded(organisation_label(o)) == wanted}
    labelled = _BRACKETED.match(text) if not found else None
    if labelled is not None:
        named = {o.id for o in organisations if folded(o.name) == folded(labelled[1])}
        found = {o.id for o in organisations
                 if o.acronym and folded(o.acronym) == folded(labelled[2])}
        if named:  # the name chooses among those of the acronym, or names another
            found = found & named if named <= found else set()
    return found.pop() if len(found) == 1 else value


def refuse_consent_unread(export: Export, name: str) -> None:
    """Refuse an export whose consent given cannot be read whole while a survivor was asked:
    no column for it, or (without its own column) a column for only some of its purposes.
    Every purpose without a column would be recorded as refused by a survivor who may have
    consented to it."""
    asked = sum(s.answers.get("consent_asked") == "yes" for s in export.submissions)
    given = {choice for question, choice in export.columns if question == "consent_given"}
    missing = [p for p in ALWAYS_ASKED if p not in given]
    if not asked or None in given or not missing:
        return
    said = (ngettext("{file} has no column for the form's question consent_given, and {count} "
                     "submission says the consent was asked",
                     "{file} has no column for the form's question consent_given, and {count} "
                     "submissions say the consent was asked", asked)
            if not given else
            ngettext("{file} has no column for consent_given/{purposes}, and {count} submission "
                     "says the consent was asked",
                     "{file} has no column for consent_given/{purposes}, and {count} "
                     "submissions say the consent was asked", asked))
    raise PseaError(
        said.format(file=name, count=asked, purposes=", consent_given/".join(missing)),
        _("A column was renamed or deleted after the export: export the submissions again "
          "from KoboToolbox or ODK Central, with XML values and headers and every column. "
          "Without it, every consent would be recorded as refused."), exit_code=1)


def case_fields(answers: Mapping[str, Any], network: Network,
                organisations: Sequence[Organisation] = ()) -> dict[str, Any]:
    """The fields of a case record (everything but the id) from a submission's answers; the
    perpetrator's organisation read among ``organisations`` (the directory's)."""
    fields: dict[str, Any] = {}
    for question, path in FIELDS.items():
        value = answers.get(question)
        if value is None or value == "":
            continue
        if question == "received":
            value = day(value)
        elif question == "region":
            value = region(network, value)
        elif question == "perpetrator_org":
            value = organisation(organisations, value)
        elif question == "survivor_count":
            value = count(value)
        elif question == "incident_month":
            value = month(value)
        elif isinstance(value, str):
            value = value.strip()
        target = fields
        for key in path[:-1]:
            target = target.setdefault(key, {})
        target[path[-1]] = value
    known = answers.get("incident_month_known")
    if known == "no" or (known != "yes" and "incident_month" not in fields):
        fields["incident_month"] = "unknown"  # without the question, a month given stands
    given = answers.get("consent_given") or []
    asked = answers.get("consent_asked") == "yes"
    fields["consent"] = {purpose: ("yes" if purpose in given else "no") if asked else "not_asked"
                         for purpose in CONSENT_PURPOSES}
    return fields
