"""The marks a per-record check (``pipeline.CaseCheck``) carries to say what it reads: the
day only through the record's own days (``day_by_dates``), each value of the record on its own
(``part_by_part``), and which view of the dataset (``judged_against``). The pipeline reads them
to keep a record's problems across runs (``outcomes``) and to judge records that broke their
schema (``salvage``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset

F = TypeVar("F", bound=Callable[..., Any])

_DAY_BY_DATES: set[str] = set()


def day_by_dates(make: F) -> F:
    """Mark a per-record check (``pipeline.CaseCheck``) whose judge reads the day only to
    compare it with the record's own days (``Case.days()``), or not at all: its problems are
    then kept across days (``outcomes.span``). A per-record check without this mark makes
    every record be judged again each day."""
    _DAY_BY_DATES.add(f"{make.__module__}.{make.__qualname__}")
    return make


def judges_by_dates(make: Callable[..., Any]) -> bool:
    """Whether ``make`` carries the mark of ``day_by_dates``."""
    return f"{make.__module__}.{make.__qualname__}" in _DAY_BY_DATES


_PART_BY_PART: set[str] = set()


def part_by_part(make: F) -> F:
    """Mark a per-record check (``pipeline.CaseCheck``) each of whose findings rests on one
    value of the record valid on its own (a region, an organisation, a note), never on what
    the record lacks or on an order among its parts: it then also judges a record that broke
    its schema, once the parts that break it are set aside (``salvage``), in the same run."""
    _PART_BY_PART.add(f"{make.__module__}.{make.__qualname__}")
    return make


def judges_part_by_part(make: Callable[..., Any]) -> bool:
    """Whether ``make`` carries the mark of ``part_by_part``."""
    return f"{make.__module__}.{make.__qualname__}" in _PART_BY_PART


View = Callable[["Dataset"], object]
_VIEWS: dict[str, View] = {}


def judged_against(view: View) -> Callable[[F], F]:
    """Mark a per-record check (``pipeline.CaseCheck``) that reads nothing of the dataset but
    what ``view`` returns (and the day, see ``day_by_dates``): a value whose ``repr`` says all
    of it, such as sorted tuples of ids. A record's problems are then kept across edits that
    leave every view as it was — a focal point's phone, a semester's narrative, a plan's
    budget — and judged again when one changes (a service's type, an organisation removed).
    A per-record check without this mark makes every record be judged again after an edit of
    any file that is not a case record."""

    def mark(make: F) -> F:
        _VIEWS[f"{make.__module__}.{make.__qualname__}"] = view
        return make

    return mark


def view_of(make: Callable[..., Any]) -> View | None:
    """The view ``make`` was marked with by ``judged_against``, or None."""
    return _VIEWS.get(f"{make.__module__}.{make.__qualname__}")
