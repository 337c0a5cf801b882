"""Shared base model and field types.

Every field carries a title and a description in English and French: ``title`` and
``description`` are the English ones (JSON Schema keywords), ``x-title-fr`` and
``x-description-fr`` the French ones, shown by editors and used in messages.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    Strict,
    StringConstraints,
)
from pydantic_core import CoreSchema, PydanticCustomError

from psea_cli import no_plugins
from psea_cli.clock import PLAUSIBLE_DAYS, plausible

no_plugins.install()  # before any validator is built: no plugin ever sees a record


def field(
    title_en: str,
    title_fr: str,
    description_en: str,
    description_fr: str,
    default: Any = ...,
    **kwargs: Any,
) -> Any:
    """A pydantic ``Field`` documented in both languages."""
    extra: dict[str, Any] = {"x-title-fr": title_fr, "x-description-fr": description_fr}
    return Field(
        default,
        title=title_en,
        description=description_en,
        json_schema_extra=extra,
        **kwargs,
    )


def field_title(model: type[BaseModel], name: str, language: str) -> str:
    """A field's title in ``language`` (``fr``: its French title), as the exported schemas
    give it; the name itself for a field the model does not have."""
    info = model.model_fields.get(name)
    if info is None:
        return name
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    french = extra.get("x-title-fr")
    if language == "fr" and isinstance(french, str):
        return french
    return info.title or name


ONE_LINE = r"^[^\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]*$"
"""A text without a control character: C0 (tab and newline included), DEL or C1, the line
and paragraph separators, or a bidirectional override, embedding or isolate (U+202E turns
the rest of a line around: in a report's table, the figures after a name)."""
PROSE = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]*$"
"""A text whose only control characters are newlines and tabs: several lines of prose."""

MULTI_LINE = frozenset({
    "note", "note_en", "minutes", "summary", "summary_en", "highlights", "highlights_en",
    "challenges", "challenges_en", "decisions", "decisions_en", "priorities", "priorities_en",
    "findings", "report_intro", "small_print", "principles"})
"""The fields of notes and narratives, written on several lines (``|`` blocks). Every other
text is one line: a name, a title, an e-mail, a phone, an address."""

_INNER = ("schema", "items_schema", "keys_schema", "values_schema")


def _forbid_controls(schema: Any, pattern: str) -> None:
    """Give every text of ``schema`` without a pattern of its own ``pattern``: checked by
    pydantic-core's own regex engine, so that 10,000 case records cost no Python call. Every
    number is read as the published schemas read it: ``count: true`` or ``count: "2"`` was
    read as 1 or 2 where check-jsonschema and every editor refuse it; ``count: 2.0`` is 2 and
    ``amount_usd: 5000`` is 5000.0 to both."""
    kind = schema.get("type")
    if kind == "str":
        schema.setdefault("pattern", pattern)
        return
    if kind == "float":  # a whole number stands for a decimal one: amount_usd: 5000
        schema["strict"] = True
        return
    if kind == "int":  # 2.0 is a whole number, as JSON Schema's integer says
        inner = dict(schema)
        schema.clear()
        schema.update({"type": "function-before", "schema": inner,
                       "function": {"type": "no-info", "function": _no_text_nor_truth}})
        return
    if kind in ("model", "definitions", "definition-ref"):
        return  # a model's texts are its own class's
    for key in _INNER:
        if isinstance(schema.get(key), dict):
            _forbid_controls(schema[key], pattern)
    for choice in schema.get("choices", ()):
        _forbid_controls(choice[0] if isinstance(choice, tuple) else choice, pattern)


def _no_text_nor_truth(value: Any) -> Any:
    """A whole number's value as pydantic's lax mode reads it, but never from a text nor from
    true or false (``count: "2"``, ``count: true``)."""
    if isinstance(value, bool | str):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


def _model_fields_schema(schema: Any) -> Any:
    while isinstance(schema, dict) and schema.get("type") != "model-fields":
        schema = schema.get("schema")
    return schema


class StrictModel(BaseModel):
    """Unknown keys are errors: a typo or a ``name:`` in a case file never passes silently.
    No text holds a control character (an escape that would drive the terminal it is printed
    on, a line break in a name): the texts of ``MULTI_LINE`` fields may hold newlines and
    tabs, no other.

    A model's validator is built when a file of its kind is first read (``defer_build``):
    a ``psea validate`` after one case record changed reads no meeting or pathway file, and
    building every validator was about a seventh of its time."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler
                                     ) -> CoreSchema:
        schema = handler(source)
        fields = _model_fields_schema(schema)
        if isinstance(fields, dict):
            for name, field_schema in fields["fields"].items():
                _forbid_controls(field_schema["schema"],
                                 PROSE if name in MULTI_LINE else ONE_LINE)
        return schema


Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=60),
]
"""A short lowercase identifier such as ``save-the-children``."""

PCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,3}[0-9]{2,12}$")]
"""An OCHA place code such as ``ML05``."""

LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
"""An ISO 639-1 or 639-3 language code (``fr``, ``bm``, ``ses``)."""

Flag = Annotated[bool, Strict()]
"""``true`` or ``false`` as YAML writes them, and nothing else: ``yes``, ``on``, ``y``, ``1`` or
``"true"`` are refused with their line, as the exported JSON Schema (and so every editor) refuses
them. pydantic alone would read them as true."""

ShortText = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
"""Display text (titles, notes) of reasonable length."""


_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def _check_email(value: str) -> str:
    if not _EMAIL.match(value):
        raise PydanticCustomError(
            "psea.email", "not a valid e-mail address (expected name@organisation.org)"
        )
    return value


Email = Annotated[str, AfterValidator(_check_email)]

_PHONE = re.compile(r"^\+?[0-9][0-9 .()-]{5,22}[0-9]$")


def _check_phone(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    if not _PHONE.match(value) or not 6 <= len(digits) <= 15:
        raise PydanticCustomError(
            "psea.phone",
            "not a valid phone number: digits, spaces, '+', dots, hyphens, brackets only, no extension",
        )
    return value


Phone = Annotated[str, AfterValidator(_check_phone)]
"""A phone number kept as a string; the country-specific rule is a cross-file check."""


def last_day_of_month(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?![0-9])")
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[Tt _]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?")
_TIME_ZONE = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})")


def _not_a_date() -> PydanticCustomError:
    return PydanticCustomError("date_parsing", "not a date written as YYYY-MM-DD")


def _day(value: object) -> object:
    """A date is text that starts with ``YYYY-MM-DD`` (or a date already); a number is refused,
    since pydantic would read 20200715 as seconds after 1 January 1970."""
    if type(value) is str:
        text = value.strip()
        if ISO_DAY.match(text):
            return text
        raise _not_a_date()
    if isinstance(value, dt.date):
        return value
    raise _not_a_date()


DATE_RANGE_ERROR = "psea.date-range"
_FIRST_DAY, _LAST_DAY = PLAUSIBLE_DAYS


def in_plausible_range(value: dt.date) -> dt.date:
    """A day (or a moment) within ``clock.PLAUSIBLE_DAYS``: a date from year 1 or 9999 is a
    typo, and would make psea count periods and delays for minutes or past the calendar."""
    if not plausible(value):
        first, last = PLAUSIBLE_DAYS
        raise PydanticCustomError(DATE_RANGE_ERROR, "not a date between {first} and {last}",
                                  {"first": first.isoformat(), "last": last.isoformat()})
    return value


Day = Annotated[dt.date, BeforeValidator(_day), AfterValidator(in_plausible_range)]
"""A day written ``2020-07-15``."""


def _day_or_time(value: object) -> object:
    """Keep a bare ``YYYY-MM-DD`` a date; only a value with a time becomes a datetime, always
    local time (no zone), within ``clock.PLAUSIBLE_DAYS``. Numbers and other text are refused
    (20200715 would otherwise be read as seconds after 1970). The range is checked here, not
    by a second validator: a case record holds about seven of these, and each call counts
    when 10,000 records are read."""
    if type(value) is str:
        text = value.strip()
        if len(text) == 10 and ISO_DAY.match(text):
            try:
                day = dt.date.fromisoformat(text)
            except ValueError:
                raise _not_a_date() from None
            return day if _FIRST_DAY <= day <= _LAST_DAY else in_plausible_range(day)
        moment = _ISO_MOMENT.match(text)
        if moment and moment.end() == len(text):
            try:  # any of the separators T, t, space and _ means the same
                moment_read = dt.datetime.fromisoformat(f"{text[:10]}T{text[11:]}")
            except ValueError:  # 25:00, 14:60
                raise _not_a_date() from None
            return in_plausible_range(moment_read)
        if moment and _TIME_ZONE.fullmatch(text, moment.end()):
            raise _time_zone()
        raise _not_a_date()
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        raise _time_zone()
    if isinstance(value, dt.date):
        return in_plausible_range(value)
    raise _not_a_date()


def _time_zone() -> PydanticCustomError:
    """Deadlines count local hours, and a time with a zone cannot be compared with one
    without: every time of a case is the local time of the network's country."""
    return PydanticCustomError("psea.time-zone", "a time zone is given")


DayOrTime = Annotated[dt.datetime | dt.date, BeforeValidator(_day_or_time)]
"""A day, optionally with a time of day (``2020-07-15`` or ``2020-07-15T14:30``)."""
