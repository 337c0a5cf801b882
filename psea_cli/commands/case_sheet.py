"""``psea case show``'s sheet: one case record in the reader's words and language — each
field by its title, each code by its word, each date as a date, the organisations and
services by their names — then its derived step and missed deadlines. The file as it is
stays one option away (``--format yaml``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from psea_cli.cases.vocabulary import word
from psea_cli.formatting import format_date
from psea_cli.i18n import N_, _, current_language

if TYPE_CHECKING:
    from pydantic import BaseModel

    from psea_cli.cases.deadlines import Overdue
    from psea_cli.dataset import Dataset
    from psea_cli.models.case import Case, CaseEvent

CONSENT = {"yes": N_("yes"), "no": N_("no"), "not_asked": N_("not asked")}
CONSENTS = ("assistance", "investigation", "identity", "reporting")
"""The purposes of consent, in the order the SOP asks them."""
SHEET_KINDS = {"investigation_concluded": N_("investigation concluded")}
"""Event kinds whose word in the vocabulary describes what follows it ("…, with its
outcome"): on the sheet the outcome itself follows."""


def title(model: type[BaseModel], name: str) -> str:
    """A field's title in the current language, as the exported schemas give it."""
    from psea_cli.models.base import field_title

    return field_title(model, name, current_language())


def when(value: dt.date | dt.datetime) -> str:
    """``1er décembre 2020``, ``4 December 2020, 14:30``."""
    if isinstance(value, dt.datetime):
        return _("{day}, {time}").format(day=format_date(value.date()),
                                         time=value.strftime("%H:%M"))
    return format_date(value)


def month(value: str) -> str:
    """``2020-10`` as ``October 2020``; ``unknown`` in words."""
    if value == "unknown":
        return _("unknown")
    from babel.dates import format_date as babel_date

    from psea_cli.formatting import locale

    return babel_date(dt.date.fromisoformat(value + "-01"), format="MMMM y",
                      locale=locale(current_language()))


class Names:
    """The names the sheet gives to codes of the rest of the network (regions, organisations,
    services), with the code beside so that it can be typed again."""

    def __init__(self, dataset: Dataset) -> None:
        network = dataset.network
        self.regions = {r.pcode: r.name for r in network.regions} if network else {}
        self.organisations = {o.value.id: o.value.acronym or o.value.name
                              for o in dataset.organisations}
        self.services = {s.value.id: s.value.name for s in dataset.services}

    def of(self, table: dict[str, str], code: str) -> str:
        name = table.get(code)
        return f"{name} ({code})" if name and name != code else code


def _survivor(case: Case) -> str:
    from psea_cli.i18n import ngettext

    survivor = case.survivor
    count = ngettext("{n} person", "{n} people", survivor.count).format(n=survivor.count)
    sex = _("sex unknown") if survivor.sex == "unknown" else word("sex", survivor.sex)
    age = _("age unknown") if survivor.age_group == "unknown" else word("age_group",
                                                                       survivor.age_group)
    return f"{sex}, {age} · {count}"


def _perpetrator(case: Case, names: Names) -> str:
    text = word("affiliation", case.perpetrator.affiliation)
    if case.perpetrator.organisation:
        text += " · " + names.of(names.organisations, case.perpetrator.organisation)
    return text


def _consent(case: Case) -> list[tuple[str, str]]:
    """A row for each purpose of consent: its title, and yes, no or not asked."""
    from psea_cli.models.case import CaseConsent

    return [(title(CaseConsent, purpose), _(CONSENT[getattr(case.consent, purpose)]))
            for purpose in CONSENTS]


def _details(event: CaseEvent, names: Names) -> list[str]:
    """An event's details in words: the service, the organisation, the measure…"""
    from psea_cli.report.labels import service_type_label

    found: list[str] = []
    if event.service:
        found.append(service_type_label(event.service))
    if event.service_id:
        found.append(names.of(names.services, event.service_id))
    if event.organisation:
        found.append(names.of(names.organisations, event.organisation))
    for kind in ("measure", "value", "reason", "outcome"):
        code = getattr(event, kind)
        if code:
            found.append(word(kind, code))
    if event.survivor_participates is not None:
        found.append(_("the survivor takes part") if event.survivor_participates
                     else _("without the survivor"))
    return found


def sheet(case: Case, label: str, dataset: Dataset, status: str, late: list[Overdue],
          deadline_word: Any) -> list[str]:
    """The lines of ``psea case show`` for ``case`` (file ``label``)."""
    from psea_cli.models.case import Case as CaseModel

    names = Names(dataset)
    head = _("Case {id}").format(id=case.id) + f" — {label}"
    if case.synthetic:
        head += " " + _("(synthetic demonstration data)")
    rows: list[tuple[str, str]] = [
        (title(CaseModel, "received"), when(case.received)),
        (title(CaseModel, "channel"), word("channel", case.channel)),
        (title(CaseModel, "region"), names.of(names.regions, case.region)),
        *([(title(CaseModel, "admin2"), case.admin2)] if case.admin2 else []),
        (title(CaseModel, "incident_month"), month(case.incident_month)),
        (title(CaseModel, "allegation"), word("allegation", case.allegation)),
        (title(CaseModel, "survivor"), _survivor(case)),
        (title(CaseModel, "perpetrator"), _perpetrator(case, names)),
        (title(CaseModel, "goods_exchanged"), word("goods", case.goods_exchanged)),
        *_consent(case),
    ]
    width = max(len(name) for name, _value in rows)
    lines = [head, _("Step: {step} · Status: {status}").format(
        step=word("step", case.step), status=word("status", status)), ""]
    lines += [f"{name.ljust(width)}  {value}" for name, value in rows]
    lines += ["", title(CaseModel, "events")]
    dates = [when(event.date) for _index, event in case.chronology]
    column = max((len(d) for d in dates), default=0)
    for shown, (_index, event) in zip(dates, case.chronology, strict=True):
        details = _details(event, names)
        kind = _(SHEET_KINDS[event.kind]) if event.kind in SHEET_KINDS else word("kind",
                                                                                event.kind)
        text = kind + (" — " + ", ".join(details) if details else "")
        lines.append(f"  {shown.ljust(column)}  {text}")
    if not case.events:
        lines.append("  " + _("none recorded yet"))
    if case.note:
        lines += ["", _("{name}: {value}").format(name=title(CaseModel, "note"), value=case.note)]
    from psea_cli.i18n import ngettext

    for item in sorted(late, key=lambda o: o.due):  # the oldest first, as case overdue lists
        lines.append(_("Overdue: {deadline}, due {due}").format(
            deadline=deadline_word(item.deadline), due=format_date(item.due)) + " "
            + ngettext("({n} day late)", "({n} days late)", item.days_late).format(
                n=item.days_late))
    return lines
