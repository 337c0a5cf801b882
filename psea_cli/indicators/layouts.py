"""How each case metric's figures split a quarter's cases, for the protected view
(``psea_cli.indicators.shared``): every case metric of the registry has its layout here."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

from psea_cli.indicators.accountability_metrics import AGE_BANDS
from psea_cli.indicators.values import MetricValue

Parts = dict[str, int]


@dataclasses.dataclass(frozen=True)
class Layout:
    """How one case metric's figures split a quarter's cases (its parts add up to them).

    ``parts`` reads the parts from the metric measured on one quarter; ``numerator`` and
    ``denominator`` name the parts they add up; ``details`` maps each published detail to
    the parts it adds up. ``breakdowns`` are the dimensions published for the metric, each
    a split of all the quarter's cases. Breakdowns not listed are not shared. ``unit`` says
    what the parts split: the quarter's SEA cases, or their survivors (``survivor.count``)
    for the indicators the plan words as "% des personnes survivantes".
    """

    parts: Callable[[MetricValue], Parts]
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()
    details: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    breakdowns: tuple[str, ...] = ()
    unit: str = "cases"
    kind: str = "percent"
    """``percent`` (numerator over denominator), ``count`` (the numerator's parts added up) or
    ``median`` (days: no parts; given over the period's counted quarters at once, in whole
    days, only when ``population`` guarantees at least the threshold's number of cases)."""
    entity_first: bool = False
    """The part ``no_entity_known`` is rounded first, against all the others together
    (``rounding.entity_round``, as the perpetrator's categories are), and the others within
    the cases with an entity known."""
    deadline: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    """For a median whose population a published split divides by a deadline: the parts in
    time and the parts later. A median says on which side of the deadline most cases fell, so
    it is given only when the published ranges of the two sides already say it."""
    family: str | None = None
    """The rounding's name (default: the metric's): two layouts with the same family and the
    same parts are rounded alike, part for part."""
    population: tuple[str, tuple[str, ...]] | None = None
    """For a median: a metric with a layout, and parts of it whose cases all count in the
    median. Whether the median is shown is read from those parts' *published* figures (each
    stands for at least its value less the threshold plus one), never from the exact number
    of cases, which showing or withholding it would otherwise tell."""
    entering: tuple[str, ...] = ()
    """For a median: the parts of ``population``'s metric whose cases may still enter it as
    events come (not referred yet, not opened, not concluded). A quarter read again takes its
    median from the new reading only when these were published above 0 at the reading before:
    a median that moved beside "not referred: <5" said that one at least had been referred
    since, so 1 to 4 where ``<5`` means 0 to 4."""
    moves: tuple[tuple[tuple[str, ...], int], ...] = ()
    """Parts, or sums of parts, whose count only rises (1) or only falls (-1) as events come,
    whatever they are (``readings.Moves``): pending only falls, late only rises. A quarter
    read again publishes them moving only that way; a reader who knows it (late 10 in
    October, 5 in January) would otherwise narrow them (6 to 8, then 7 to 9). A sum whose
    parts move both ways is one move (a referral in time that turns out to breach consent
    leaves "referred in time" as it was). Leave out what a later event can undo (a closure
    reopened, an outcome concluded again)."""


def _detail(metric: MetricValue, key: str) -> int:
    value = metric.details.get(key, 0)
    return value if isinstance(value, int) else 0


def _num(metric: MetricValue) -> int:
    return metric.numerator or 0


def _den(metric: MetricValue) -> int:
    return metric.denominator or 0


_REFERRED = ("respected_in_time", "respected_late", "breach_in_time", "breach_late")
"""The referrals to the concerned entity, split by consent and by the SOP's deadline: one
rounding gives the referral indicator, its breaches and the report's referral table, so that
none of them can be set against another (two roundings of nested sets narrow both)."""


def _referral_parts(metric: MetricValue) -> Parts:
    respected, breach = _num(metric), _detail(metric, "referred_with_consent_breach")
    respected_in_time = _detail(metric, "respected_in_time")
    breach_in_time = _detail(metric, "breach_in_time")
    return {"respected_in_time": respected_in_time, "respected_late": respected - respected_in_time,
            "breach_in_time": breach_in_time, "breach_late": breach - breach_in_time,
            "not_referred": _den(metric) - respected - breach,
            "no_entity_known": _detail(metric, "no_entity_known")}


_OUTCOMES = ("substantiated", "unsubstantiated", "insufficient_information")
"""The investigation outcomes of the case model (``cases.vocabulary.InvestigationOutcome``)."""
_CONCLUDED = tuple(f"{o}/{told}" for o in _OUTCOMES for told in ("informed", "not_informed"))
"""The concluded investigations by outcome and by whether the survivor was told it: one
rounding gives the investigations by outcome and the complaints whose survivor was informed,
which are nested sets (two roundings of them narrowed both)."""


_INVESTIGATION_MOVES = ((("not_opened",), -1), (_CONCLUDED, 1))
"""An investigation opened is never unopened, and a conclusion stays one (a later conclusion
may change its outcome, or leave the survivor to be told again)."""


def _investigation_parts(metric: MetricValue) -> Parts:
    """Every case by the stage of its investigation, a concluded one by its outcome and by
    whether the survivor was informed (``investigation_outcomes`` and
    ``survivors_informed_of_outcome`` give the same details, so the same parts)."""
    return {**{key: _detail(metric, key) for key in _CONCLUDED},
            "ongoing": _detail(metric, "ongoing"), "not_opened": _detail(metric, "not_opened")}

LAYOUTS: dict[str, Layout] = {
    "cases_received": Layout(
        lambda m: {"cases": int(m.value or 0)},
        breakdowns=("region", "channel", "allegation", "sex_age")),
    "response_within_7_days": Layout(
        lambda m: {"on_time": _num(m), "late": _den(m) - _num(m),
                   "pending": _detail(m, "pending")},
        numerator=("on_time",), denominator=("on_time", "late"),
        details={"on_time": ("on_time",), "late": ("late",), "pending": ("pending",)},
        moves=((("on_time",), 1), (("late",), 1), (("pending",), -1))),
    "assistance_referral_within_72h": Layout(
        lambda m: {"in_time": _num(m), "late_or_not_referred": _den(m) - _num(m),
                   "pending": _detail(m, "pending"), "declined": _detail(m, "declined")},
        numerator=("in_time",), denominator=("in_time", "late_or_not_referred"),
        details={"pending": ("pending",), "late_or_not_referred": ("late_or_not_referred",),
                 "declined": ("declined",)}, unit="survivors",
        moves=((("in_time",), 1), (("late_or_not_referred",), 1), (("pending",), -1))),
    "investigation_referral_with_consent": Layout(
        _referral_parts, entity_first=True,
        numerator=("respected_in_time", "respected_late"),
        denominator=(*_REFERRED, "not_referred"),
        details={"referred_with_consent_breach": ("breach_in_time", "breach_late"),
                 "no_entity_known": ("no_entity_known",),
                 "respected_in_time": ("respected_in_time",),
                 "breach_in_time": ("breach_in_time",),
                 "referred_in_time": ("respected_in_time", "breach_in_time"),
                 "referred_late": ("respected_late", "breach_late"),
                 "not_referred": ("not_referred",)},
        moves=((("not_referred",), -1), (("breach_in_time",), 1), (("breach_late",), 1),
               (("respected_in_time", "breach_in_time"), 1),
               (("respected_late", "breach_late"), 1))),
    "legal_information_given": Layout(
        lambda m: {"informed": _num(m), "not_informed": _den(m) - _num(m)},
        numerator=("informed",), denominator=("informed", "not_informed"), unit="survivors",
        moves=((("informed",), 1), (("not_informed",), -1))),
    "survivor_satisfaction": Layout(
        lambda m: {"satisfied": _num(m), "not_satisfied": _den(m) - _num(m),
                   "not_recorded": _detail(m, "not_recorded")},
        numerator=("satisfied",), denominator=("satisfied", "not_satisfied"),
        details={"not_recorded": ("not_recorded",)}, unit="survivors",
        moves=((("not_recorded",), -1),)),
    "median_days_to_entity_referral": Layout(
        lambda m: {}, kind="median",
        population=("investigation_referral_with_consent", _REFERRED),
        entering=("not_referred",),
        deadline=(("respected_in_time", "breach_in_time"), ("respected_late", "breach_late"))),
    "median_days_to_investigation_opened": Layout(
        lambda m: {}, kind="median", population=("investigation_outcomes", ("ongoing", *_CONCLUDED)),
        entering=("not_opened",)),
    "median_days_to_investigation_concluded": Layout(
        lambda m: {}, kind="median", population=("investigation_outcomes", _CONCLUDED),
        entering=("ongoing", "not_opened")),
    "investigation_outcomes": Layout(
        _investigation_parts, numerator=_CONCLUDED, kind="count", family="investigations",
        details={**{key: (f"{key}/informed", f"{key}/not_informed") for key in _OUTCOMES},
                 **{key: (key,) for key in _CONCLUDED},
                 "ongoing": ("ongoing",), "not_opened": ("not_opened",)},
        moves=_INVESTIGATION_MOVES),
    "open_cases_by_age": Layout(
        lambda m: {key: _detail(m, key) for key in (*AGE_BANDS, "closed")},
        numerator=AGE_BANDS, kind="count",
        details={key: (key,) for key in (*AGE_BANDS, "closed")}),
    "survivors_informed_of_outcome": Layout(
        _investigation_parts, numerator=tuple(f"{o}/informed" for o in _OUTCOMES),
        denominator=_CONCLUDED, family="investigations",
        details={"no_conclusion": ("ongoing", "not_opened"),
                 **{key: (key,) for key in _CONCLUDED},
                 "ongoing": ("ongoing",), "not_opened": ("not_opened",)},
        moves=_INVESTIGATION_MOVES),
}
"""Every case metric (``Metric.sensitive``) must have a layout here; one without is published
as withheld (``x``) and a test fails until it has one."""


Contained = tuple[tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...]]]
"""((metric, parts), (metric, parts)): what the first parts count lies inside what the second
count, by what they count, in every reading of a quarter."""


def containments(acknowledgement_days: int) -> list[Contained]:
    """The parts of one split that lie inside parts of another: a complaint not yet due on the
    day a quarter is read (``response_within_7_days``'s pending) came in the SOP's last
    ``acknowledgement_days`` days, so on that day it is open for fewer days than that, or
    closed (``open_cases_by_age``). Rounded each on its own, 10 pending beside ``<5`` open
    under 30 days and ``<5`` closed said 6 to 8 and 2 to 4: the second split is rounded so
    that its parts are published no less than the first's (``quarters``), and ``psea audit``
    checks it (``audit.attack``)."""
    if acknowledgement_days > 61:  # pending up to 60 days old: the 30-to-60 band holds it
        return []
    bands = ("closed", "under_30_days", *(("30_to_60_days",) if acknowledgement_days > 30
                                          else ()))
    return [(("response_within_7_days", ("pending",)), ("open_cases_by_age", bands))]


AGED: dict[str, tuple[str, ...]] = {
    "open_cases_by_age": ("over_60_days", "closed"),
    "response_within_7_days": ("on_time", "late"),
    "assistance_referral_within_72h": ("in_time", "late_or_not_referred", "declined"),
}
"""Parts that hold every case of a quarter received long enough before its last day: more
than 60 days before, a complaint is open for more than 60 days or closed; a week and more
before (and the SOP's delays, when longer), it is no longer pending. A median of days from
reception says that half the cases it counts took that many days at least, so were received
that long before the day it was read: a median of 65 days read on a quarter's last day,
beside "open more than 60 days: <5" and "closed: <5", said that 6 complaints at least were
in one or the other (2 to 4 each where 0 to 4 is published). A median is shown only when
that says nothing of these parts, whatever its value (``median_guard.ages_said``)."""


def aged_most(parts: Parts, metric: str, base: int) -> int:
    """The most cases (survivors, for a split of survivors) the published ``AGED`` parts of
    ``metric`` can stand for: a published ``r`` stands for ``r + base - 1`` at most."""
    return sum(parts.get(part, 0) + base - 1 for part in AGED[metric])


__all__ = ["AGED", "LAYOUTS", "Contained", "Layout", "Parts", "aged_most", "containments"]
