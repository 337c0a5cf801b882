"""SOP deadlines and the cases past them: the coordinator's weekly reminder.

Two deadlines run from the reception of a complaint (``sop`` in data/network.yaml):

* acknowledgement: the complainant receives a first response within ``acknowledgement_days``
  (7 by default);
* referral to assistance: a survivor who consents to assistance is referred within
  ``assistance_referral_hours`` (72 by default).

Deadlines are counted in whole days: with a reception time, a deadline in hours falls on the day
it ends; with a day only, 72 hours are the third day after reception. A case is overdue for a
deadline when it is open, the step has not happened, and the deadline's day is over.

Both run for every complaint the network receives, SEA or ``other`` misconduct (which the
reminder marks): the complainant is owed a first response whatever the complaint. A complaint
found ``not_sea`` after analysis has left the SEA procedure: it has no deadline here, and
``open_not_sea`` counts those still open, which are to be closed (reason ``not_sea``).
Everything is judged "as of" a day, so last month's reminder can be reproduced exactly: events
recorded after that day are ignored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Literal

from psea_cli.dataset import Located
from psea_cli.models.case import Case
from psea_cli.models.network import SopDeadlines
from psea_cli.periods import days_allowed

Deadline = Literal["acknowledgement", "assistance_referral"]


@dataclasses.dataclass(frozen=True)
class Overdue:
    """One missed deadline of one case."""

    case_id: str
    file: str
    region: str
    allegation: str
    received: dt.date
    deadline: Deadline
    due: dt.date
    days_late: int


def due_date(case: Case, deadline: Deadline, sop: SopDeadlines) -> dt.date:
    """The last day on which ``deadline`` is met."""
    if deadline == "acknowledgement":
        return case.received_day + dt.timedelta(days=sop.acknowledgement_days)
    hours = dt.timedelta(hours=sop.assistance_referral_hours)
    if isinstance(case.received, dt.datetime):
        return (case.received + hours).date()
    return case.received_day + dt.timedelta(days=days_allowed(sop.assistance_referral_hours))


def _done(case: Case, kind: str, as_of: dt.date) -> bool:
    return any(e.kind == kind and e.day <= as_of for e in case.events)


def overdue_items(located: Located[Case], sop: SopDeadlines, as_of: dt.date) -> list[Overdue]:
    """The deadlines this case has missed as of ``as_of`` (none once it is closed)."""
    case = located.value
    if (case.allegation == "not_sea" or case.received_day > as_of
            or case.closure_on(as_of) is not None):
        return []
    missed: list[Deadline] = []
    if not _done(case, "acknowledged", as_of):
        missed.append("acknowledgement")
    if case.consent.assistance == "yes" and not _done(case, "assistance_referred", as_of):
        missed.append("assistance_referral")
    found = []
    for deadline in missed:
        due = due_date(case, deadline, sop)
        if as_of > due:
            found.append(Overdue(case.id, located.file, case.region, case.allegation,
                                 case.received_day, deadline, due, (as_of - due).days))
    return found


def overdue(cases: Iterable[Located[Case]], sop: SopDeadlines, as_of: dt.date) -> list[Overdue]:
    """Every missed deadline, oldest case first; a case's deadlines together, by due day."""
    found = [item for located in cases for item in overdue_items(located, sop, as_of)]
    return sorted(found, key=lambda o: (o.received, o.case_id, o.due))


def open_not_sea(cases: Iterable[Located[Case]], as_of: dt.date) -> int:
    """Complaints found not SEA, received by ``as_of`` and still open that day: out of the
    reminder, to be closed."""
    return sum(1 for located in cases if located.value.allegation == "not_sea"
               and located.value.received_day <= as_of
               and located.value.closure_on(as_of) is None)
