"""Terminal views (rich tables) of the directory, the services, the coverage matrix and the
changes. They are built here and printed by the commands; nothing here prints."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text

from psea_cli import phones
from psea_cli.directory import labels
from psea_cli.formatting import format_date
from psea_cli.i18n import _
from psea_cli.models.service import SERVICE_TYPES

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset, Located
    from psea_cli.directory.coverage import CoverageRow
    from psea_cli.directory.lookup import ListedFocalPoint
    from psea_cli.directory.tables import Sheet
    from psea_cli.models import Service

EXAMPLE_STYLE = "yellow"


def _lines(*parts: str | None) -> str:
    """The non-empty parts, one per line, each once (a cercle often bears its region's name)."""
    return "\n".join(dict.fromkeys(p for p in parts if p))


def _contact(phone: str | None, email: str | None, country_code: str | None
             ) -> Group | Text:
    """A phone on one line, never split (grouped as its country writes it), then the e-mail,
    which may fold; "no contact" in red when there is neither."""
    if not phone and not email:
        return Text(_("no contact"), style="red")
    parts: list[Text] = []
    if phone:
        shown = phones.display_form(phone, country_code) if country_code else phone
        parts.append(Text(shown, no_wrap=True, overflow="ellipsis"))
    if email:
        parts.append(Text(email, overflow="fold"))
    return Group(*parts)


def _phone_width(found: list[str | None], country_code: str | None) -> int | None:
    """The width of the longest phone as shown: the contact column's width, so that no phone
    is ever split over two lines (an e-mail folds inside it); None without phones."""
    return max((len(phones.display_form(p, country_code) if country_code else p)
                for p in found if p), default=None)


def _verified(day: object) -> str:
    return format_date(day) if isinstance(day, dt.date) else _("never verified")


def _example_mark(example: bool) -> Text | str:
    return Text(_("EXAMPLE, fictitious contact"), style=EXAMPLE_STYLE) if example else ""


def focal_points_table(dataset: Dataset, listed: list[ListedFocalPoint]) -> Table:
    regions = dataset.network.region_by_pcode() if dataset.network else {}
    table = Table(show_lines=True)
    code = dataset.network.phone_country_code if dataset.network else None
    for header in (_("Organisation"), _("Focal point"), _("Contact"),
                   _("Regions and languages"), _("Last verified")):
        table.add_column(header, overflow="fold", width=_phone_width(
            [item.focal_point.phone for item in listed], code) if header == _("Contact") else None)
    for item in listed:
        org, fp = item.organisation, item.focal_point
        where = ", ".join(regions[p].name if p in regions else p for p in fp.regions)
        table.add_row(
            org.acronym or org.name,
            _lines(fp.name, labels.label(labels.ROLES, fp.role), fp.title),
            _contact(fp.phone, fp.email, code),
            _lines(where or _("whole country"), labels.language_names(fp.languages)),
            Text.assemble(_verified(fp.verified_on), "\n", _example_mark(fp.example)))
    return table


def services_table(dataset: Dataset, services: list[Located[Service]]) -> Table:
    regions = dataset.network.region_by_pcode() if dataset.network else {}
    table = Table(show_lines=True)
    code = dataset.network.phone_country_code if dataset.network else None
    for header in (_("Service"), _("Where"), _("Hours"), _("Contact"), _("Who is served"),
                   _("Status")):
        table.add_column(header, overflow="fold", width=_phone_width(
            [s.value.phone for s in services], code) if header == _("Contact") else None)
    for located in services:
        s = located.value
        provider = dataset.organisation(s.provider)
        region = regions[s.region].name if s.region in regions else s.region
        status = labels.label(labels.STATUSES, s.status)
        table.add_row(
            Text.assemble((labels.label(labels.SERVICE_TYPES, s.type), "bold"), "\n", s.name,
                          "\n", (provider.acronym or provider.name) if provider else s.provider),
            _lines(s.place, s.admin2, region),
            s.hours or "—",
            _contact(s.phone, s.email, code),
            _lines(labels.served(s.serves), labels.language_names(s.languages),
                   labels.label(labels.COSTS, s.cost)),
            Text.assemble((status, "green" if s.status == "active" else "red"), "\n",
                          _("verified: {date}").format(date=_verified(s.verified_on)), "\n",
                          _example_mark(s.example)))
    return table


def matrix_table(rows: list[CoverageRow]) -> Table:
    """Regions down, service types across; '–' for none, '(n)' for example entries only, '†'
    when some of the services were not verified within the interval."""
    table = Table()
    table.add_column(_("Region"), no_wrap=True)
    for service_type in SERVICE_TYPES:
        table.add_column(labels.label(labels.SERVICE_TYPES, service_type), justify="center",
                         overflow="fold")
    for row in rows:
        cells: list[Text | str] = []
        for service_type in SERVICE_TYPES:
            count, examples = row.active[service_type], row.examples[service_type]
            core = service_type in row.gaps
            if count:
                cells.append(f"{count}†" if row.stale[service_type] else str(count))
            else:
                shown = f"({examples})" if examples else "–"
                cells.append(Text(shown, style="bold red" if core else "dim"))
        name = f"{row.name} *" if row.high_risk else row.name
        table.add_row(name, *cells)
    return table


def sheet_table(sheet: Sheet) -> Table:
    """Any sheet as a plain terminal table (dates as YYYY-MM-DD); an id or a date is never cut
    in the middle, long text wraps."""
    rows = [["" if v is None else v.isoformat() if isinstance(v, dt.date) else str(v) for v in row]
            for row in sheet.rows]
    table = Table()
    for i, column in enumerate(sheet.columns):
        longest_word = max((len(word) for row in rows for word in row[i].split()), default=0)
        table.add_column(column.header, overflow="fold", min_width=min(longest_word, 32))
    for row in rows:
        table.add_row(*row)
    return table
