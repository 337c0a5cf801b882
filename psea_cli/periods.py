"""Reporting periods: quarters (``2020-Q3``), semesters (``2020-S2``), years (``2020``) and spans.

S1 is January to June and S2 July to December. A case belongs to the period of its received
date; directory and service indicators are measured as of the period's last day.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from typing import Literal

from psea_cli.clock import PLAUSIBLE_DAYS

PeriodKind = Literal["quarter", "semester", "year", "span"]

_PATTERN = re.compile(r"^(\d{4})(?:-([QS])([1-4]))?$")
_SPAN = re.compile(r"^(\d{4})(?:-(\d{2}))?\.\.(\d{4})(?:-(\d{2}))?$")


@dataclasses.dataclass(frozen=True, order=True)
class Period:
    """A closed interval of calendar days with a canonical key."""

    start: dt.date
    end: dt.date
    kind: PeriodKind
    key: str

    def __contains__(self, day: object) -> bool:
        if isinstance(day, dt.datetime):
            day = day.date()
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        if self.kind == "span":
            length = self.end - self.start
            end = self.start - dt.timedelta(days=1)
            return span(end - length, end)
        return containing(self.start - dt.timedelta(days=1), self.kind)

    def quarters(self) -> list[Period]:
        """The quarters that lie inside this period."""
        result: list[Period] = []
        day = self.start
        while day <= self.end:
            q = containing(day, "quarter")
            if q.start >= self.start and q.end <= self.end:
                result.append(q)
            day = q.end + dt.timedelta(days=1)
        return result

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def within(self, other: Period) -> bool:
        return other.start <= self.start and self.end <= other.end


def _last_day(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def quarter(year: int, q: int) -> Period:
    return Period(dt.date(year, 3 * q - 2, 1), _last_day(year, 3 * q), "quarter", f"{year}-Q{q}")


def semester(year: int, s: int) -> Period:
    return Period(dt.date(year, 6 * s - 5, 1), _last_day(year, 6 * s), "semester", f"{year}-S{s}")


def year(y: int) -> Period:
    return Period(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", str(y))


def span(start: dt.date, end: dt.date) -> Period:
    return Period(start, end, "span", f"{start.isoformat()}..{end.isoformat()}")


def containing(day: dt.date, kind: PeriodKind) -> Period:
    if kind == "quarter":
        return quarter(day.year, (day.month - 1) // 3 + 1)
    if kind == "semester":
        return semester(day.year, 1 if day.month <= 6 else 2)
    if kind == "year":
        return year(day.year)
    raise ValueError(kind)


_FRENCH_QUARTER = re.compile(r"^(\d{4})-T([1-4])$")


def typed(text: str) -> Period:
    """A period as a person types it on the command line: ``parse``'s forms, and a quarter
    written the French way, T for *trimestre* (``2026-T3`` is ``2026-Q3``). Data files keep
    the one form ``parse`` reads."""
    found = _FRENCH_QUARTER.match(str(text).strip().upper())
    return parse(f"{found.group(1)}-Q{found.group(2)}" if found else text)


def parse(text: str) -> Period:
    """Parse ``2020``, ``2020-S2``, ``2020-Q3`` or a span ``2019-07..2021-12``.

    Raises ``ValueError`` with an English explanation when the text is not a period.
    """
    value = str(text).strip().upper()
    match = _PATTERN.match(value)
    if match:
        y = int(match.group(1))
        if not PLAUSIBLE_DAYS[0].year <= y <= PLAUSIBLE_DAYS[1].year:
            raise ValueError(f"year out of range: {y}")
        kind, index = match.group(2), match.group(3)
        if kind is None:
            return year(y)
        number = int(index)
        if kind == "S":
            if number > 2:
                raise ValueError("a semester is S1 or S2")
            return semester(y, number)
        return quarter(y, number)
    match = _SPAN.match(value)
    if match:
        y1, m1, y2, m2 = match.groups()
        for y in (int(y1), int(y2)):
            if not PLAUSIBLE_DAYS[0].year <= y <= PLAUSIBLE_DAYS[1].year:
                raise ValueError(f"year out of range: {y}")
        start = dt.date(int(y1), int(m1 or 1), 1)
        end = _last_day(int(y2), int(m2 or 12))
        if start > end:
            raise ValueError("a span must start before it ends")
        return span(start, end)
    raise ValueError("expected a period such as 2020, 2020-S2 or 2020-Q3")


def is_period_key(text: str) -> bool:
    try:
        parse(text)
    except ValueError:
        return False
    return True


def iterate(kind: PeriodKind, start: dt.date, end: dt.date) -> Iterator[Period]:
    """Every period of ``kind`` overlapping ``start``..``end``, in order."""
    day = start
    while day <= end:
        p = containing(day, kind)
        yield p
        day = p.end + dt.timedelta(days=1)


def last_complete(kind: PeriodKind, spans: list[Period], today: dt.date) -> Period | None:
    """The last period of ``kind`` that has ended by ``today`` and lies inside one of ``spans``.

    For a plan running 2019-07-01..2021-12-31 and any day from 2022 on, the last complete
    semester is 2021-S2; on 2020-10-05 it is 2020-S1.
    """
    best: Period | None = None
    for outer in spans:
        for candidate in iterate(kind, outer.start, min(outer.end, today)):
            if candidate.end <= today and candidate.within(outer) and (
                    best is None or candidate.end > best.end):
                best = candidate
    return best


def days_allowed(hours: int) -> int:
    """Calendar days a deadline in hours allows when only days are known: 72 hours is 3 days
    after reception (the one rule for the reminder and the 72-hour indicator alike)."""
    return -(-hours // 24)
