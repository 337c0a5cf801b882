"""Numbers, amounts, dates and period names in the user's language, through Babel (CLDR).

French: ``330 000 USD``, ``15 juillet 2020``, ``1er semestre 2020``; English: ``330,000 USD``,
``15 July 2020``, ``1st semester 2020``.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools

from babel.dates import format_date as _babel_date
from babel.lists import format_list as _babel_list
from babel.numbers import format_decimal

from psea_cli import periods
from psea_cli.i18n import _, current_language, ngettext

_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def locale(lang: str | None = None) -> str:
    return _LOCALES.get(lang or current_language(), "en_GB")


def half_up(value: float, decimals: int = 0) -> float:
    """``value`` rounded as a reader rounds by hand: a half goes up (12.5 → 13, 6.25 → 6.3).

    Python's ``round`` and Babel's default round a half to the even neighbour, so 25 cases
    of 40 (62.5 %) read 62 % and a median of 6.5 days 6, where a coordinator checking the
    figure writes 63 % and 7. The value is read as its shortest decimal form (``repr``), with
    as many digits as it has (a plan's target of 1e30 has more than a context's 28)."""
    written = decimal.Decimal(repr(value))
    if not written.is_finite():
        return value
    quantum = decimal.Decimal(1).scaleb(-decimals)
    with decimal.localcontext() as context:
        context.prec = _digits(value, decimals)
        exact = written.quantize(quantum, rounding=decimal.ROUND_HALF_UP)
    return float(exact)


def _digits(value: float, decimals: int) -> int:
    """The precision a decimal context needs to round ``value`` to ``decimals`` digits: the
    default 28 digits, more for a larger number (quantizing 1e30 in 28 digits is an error)."""
    written = decimal.Decimal(repr(value))
    return max(28, written.adjusted() + decimals + 2) if written.is_finite() else 28


def format_number(value: float, lang: str | None = None, decimals: int = 0) -> str:
    """``value`` with ``decimals`` digits after the point, halves rounded up (``half_up``)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    with decimal.localcontext() as context:
        context.rounding = decimal.ROUND_HALF_UP
        context.prec = _digits(value, decimals)
        return format_decimal(value, format=pattern, locale=locale(lang))


def format_list(items: list[str], lang: str | None = None) -> str:
    """``A, B et C`` (``A, B and C``): items joined as the language writes a list."""
    return _babel_list(items, locale=locale(lang))


def format_days(days: float) -> str:
    """``7 days``, ``1 day`` (``7 jours``, ``1 jour``, ``0 jour``): a number of days, a half
    rounded up (a median of 6.5 days reads 7 days), singular as the language says."""
    whole = int(half_up(days))
    return ngettext("{days} day", "{days} days", whole).format(
        days=format_number(whole))


def format_amount(value: float, currency: str = "USD", lang: str | None = None) -> str:
    return f"{format_number(value, lang)}\u00a0{currency}"


def format_percent(value: float, lang: str | None = None, decimals: int = 0) -> str:
    """``63%`` (« 63 % »); a share that is not whole but would read 100 % or 0 % reads
    ``>99%`` or ``<1%``: 199 of 200 is not all of them, and reads « behind » a target of
    100 % (``shown_percent``)."""
    shown = shown_percent(value, decimals)
    number = format_number(shown, lang, decimals)
    if shown != half_up(value, decimals):  # not all, not none: above 99, below 1
        number = (">" if shown < value else "<") + number
    return f"{number}\u202f%" if (lang or current_language()) == "fr" else f"{number}%"


def shown_percent(value: float, decimals: int = 0) -> float:
    """The number a share is read as: rounded half up (``half_up``), but never to 100 or 0
    when it is not: 99.6 reads above 99 (``>99%``), 0.3 below 1 (``<1%``)."""
    rounded = half_up(value, decimals)
    step = 10.0 ** -decimals
    if rounded >= 100 > value:
        return 100 - step
    if rounded <= 0 < value:
        return step
    return rounded


def format_date(day: dt.date, lang: str | None = None) -> str:
    return _long_date(day, lang or current_language())


@functools.lru_cache(maxsize=4096)
def _long_date(day: dt.date, language: str) -> str:
    """Babel formats a date in about 30 µs; a report shows the same few hundred days often."""
    text = _babel_date(day, format="long", locale=locale(language))
    if language == "fr" and day.day == 1:
        text = "1er" + text[1:]
    return text


def period_label(period: periods.Period, lang: str | None = None) -> str:
    """``1er semestre 2020`` / ``1st semester 2020``; ``3e trimestre 2020`` / ``3rd quarter 2020``."""
    language = lang or current_language()
    if period.kind == "year":
        return str(period.start.year)
    if period.kind == "span":
        return f"{format_date(period.start, language)} – {format_date(period.end, language)}"
    index = int(period.key[-1])
    if language == "fr":
        rank = "1er" if index == 1 else f"{index}e"
        noun = "semestre" if period.kind == "semester" else "trimestre"
    else:
        rank = {1: "1st", 2: "2nd", 3: "3rd"}.get(index, f"{index}th")
        noun = "semester" if period.kind == "semester" else "quarter"
    return f"{rank} {noun} {period.start.year}"


def quarter_name(key: str) -> str:
    """``2021-Q3`` as a reader says it: ``Q3 2021``, ``T3 2021`` (*trimestre*) in French."""
    year, _dash, number = key.partition("-Q")
    if not (year.isdigit() and number.isdigit()):
        return key
    return _("Q{number} {year}").format(number=number, year=year).replace(" ", "\u00a0")


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")
