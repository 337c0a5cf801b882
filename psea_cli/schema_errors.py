"""Turn pydantic validation errors into findings with stable codes and plain-language messages.

Messages name the key and the rule, never the value that was written: a case note or a phone
number must not travel into a CI log.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from psea_cli import catalogue
from psea_cli.cases.vocabulary import LABELS, LEGACY_EVENT_KINDS
from psea_cli.clock import PLAUSIBLE_DAYS
from psea_cli.dataset import Finding, PathInFile
from psea_cli.directory_words import ORGANISATION_TYPES, ROLES, SERVICE_TYPES, STATUSES
from psea_cli.i18n import N_, _, current_language
from psea_cli.models.base import DATE_RANGE_ERROR, ONE_LINE, PROSE
from psea_cli.models.network import AREA_WORD_PATTERN, Network
from psea_cli.models.plan import LONGEST_PLAN_YEARS, PERIOD_KEY_PATTERN, PLAN_TOO_LONG_ERROR
from psea_cli.problems import Severity

_SAFE_KEY = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")

_PATTERN_VARIANTS = {
    "^[a-z0-9]+(?:-[a-z0-9]+)*$": "id",
    "^[A-Z]{2,3}[0-9]{2,12}$": "pcode",
    "^[a-z]{2,3}$": "language",
    "^[A-Z]{3}$": "country",
    "^[0-9A-HJKMNP-TV-Z]{8}$": "case-id",
    r"^(\d{4}-(0[1-9]|1[0-2])|unknown)$": "month",
    PERIOD_KEY_PATTERN: "period",
    AREA_WORD_PATTERN: "area-word",
}
"""The models' patterns, by the variant of ``schema.invalid-format`` that explains them."""
_AREA_WORDS = frozenset({"admin2_name", "admin2_name_en"})

_CUSTOM_CODES: dict[str, tuple[str, str | None]] = {
    "psea.email": ("directory.invalid-email", None),
    "psea.phone": ("directory.invalid-phone", None),
    "psea.time-zone": ("schema.invalid-date", "time-zone"),
    "psea.start-after-end": ("schema.start-after-end", "custom"),
    "psea.budget-both": ("plan.budget-both", None),
    "psea.fraction": ("progress.invalid-fraction", None),
}
"""The models' own errors (``PydanticCustomError``): their code and catalogue variant; the
message names the rule the model gives."""


def _key_label(part: str | int) -> str:
    text = str(part)
    return text if _SAFE_KEY.match(text) else "…"


_FIELD_NAME = re.compile(r"[a-z_][a-z0-9_]*")
"""How every key of psea's models is spelt."""


def _named(key: str, kind: str) -> bool:
    """Whether a finding may name the key it is about: never a number (``-76123456``, a
    phone; ``12.639231``, a position) and, in a case record, nothing but a model's own key
    spelling: a key typed there may itself be a name or a contact."""
    if re.fullmatch(r"[-+]?[0-9][0-9.,:_-]*|[-+][0-9.]+", key):
        return False
    return kind != "case" or _FIELD_NAME.fullmatch(key) is not None


def data_path(data: Any, loc: Sequence[str | int], etype: str = "") -> PathInFile:
    """The part of pydantic's ``loc`` that exists in the data (drops union tags and the like);
    for a missing or unknown key, the key itself as the last step."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            if type(part) is not str:  # pydantic says 1 for a key true: the key itself
                part = next((k for k in node if k == part and type(k) is type(part)),
                            next(k for k in node if k == part))
            node = node[part]
            path.append(part)
        elif isinstance(node, dict) and str(part) in {str(k) for k in node}:
            key = next(k for k in node if str(k) == str(part))
            node = node[key]
            path.append(key)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            path.append(part)
        elif isinstance(node, dict) and etype in ("missing", "extra_forbidden"):
            path.append(part)  # a missing or unknown key: the message names it
            break
        else:
            break
    return tuple(path)


def _expected_choices(error: ErrorDetails) -> str:
    """Pydantic's ``'a', 'b' or 'c'`` as ``a, b, c``: the English "or" is not carried over."""
    ctx = error.get("ctx") or {}
    expected = str(ctx.get("expected", "")).replace("'", "")
    return ", ".join(part.strip() for part in re.split(r",| or ", expected) if part.strip())


_BOUNDS = {"ge": N_("at least {n}"), "gt": N_("more than {n}"), "le": N_("at most {n}"),
           "lt": N_("less than {n}")}


def _allowed_range(error: ErrorDetails) -> str:
    """Pydantic's "Input should be greater than or equal to 3" in the user's language."""
    ctx = error.get("ctx") or {}
    return ", ".join(_(text).format(n=ctx[bound]) for bound, text in _BOUNDS.items()
                     if bound in ctx) or _("within the limits of the schema")


def _is_date_error(etype: str) -> bool:
    return etype.startswith(("date_", "datetime_"))


_SIMPLE: tuple[tuple[frozenset[str], str, str | None], ...] = (
    (frozenset({"model_type", "dict_type", "model_attributes_type"}), "schema.wrong-type",
     "mapping"),
    (frozenset({"list_type"}), "schema.wrong-type", "list"),
    (frozenset({"int_parsing", "int_type", "int_from_float", "float_parsing", "float_type"}),
     "schema.wrong-type", "number"),
    (frozenset({"bool_parsing", "bool_type"}), "schema.wrong-type", "boolean"),
    (frozenset({"string_too_long", "too_long"}), "schema.too-long", None),
    (frozenset({"string_too_short", "too_short"}), "schema.too-short", None),
    (frozenset({"recursion_loop"}), "yaml.too-deep", None),
)
"""Error types explained by the catalogue alone: (types, code, variant)."""

_RANGE = frozenset({"greater_than_equal", "less_than_equal", "greater_than", "less_than"})


def _worded(code: str, variant: str | None = None, /, **params: object) -> tuple[str, str, str]:
    """(code, message, hint) from the problem catalogue."""
    _severity, message, hint = catalogue.texts(code, variant, **params)
    return code, message, hint


def _unknown_key(key: str, kind: str) -> tuple[str, str, str]:
    if kind == "case":  # a key typed in a case file may itself be a name: never repeat it
        return _worded("schema.unknown-key", "case")
    return _worded("schema.unknown-key", key=key)


_DIRECTORY_WORDS: dict[tuple[str, str], dict[str, str]] = {
    ("organisation", "type"): ORGANISATION_TYPES, ("organisation", "role"): ROLES,
    ("services", "type"): SERVICE_TYPES, ("services", "status"): STATUSES,
}
_CASE_WORDS = {"goods_exchanged": "goods"}
"""A case record's keys whose words ``cases.vocabulary.LABELS`` keeps under another name."""


def _with_meanings(choices: str, kind: str, key: str) -> str:
    """``nngo — national NGO; ingo — international NGO…``: each allowed code with its meaning
    in the user's language, when psea has words for it (a focal point reads "nngo" once)."""
    words = (LABELS.get(_CASE_WORDS.get(key, key), {}) if kind == "case"
             else _DIRECTORY_WORDS.get((kind, key), {}))
    if not words:
        return choices
    return _("; ").join(f"{code} — {_(words[code])}" if code in words else code
                        for code in choices.split(", "))


def _invalid_choice(error: ErrorDetails, key: str, kind: str) -> tuple[str, str, str]:
    value = error.get("input")
    legacy = LEGACY_EVENT_KINDS.get(value) if isinstance(value, str) else None
    if kind == "case" and key == "kind" and legacy is not None:
        return _worded("cases.legacy-event", old=value, new=legacy)
    return _worded("schema.invalid-choice", key=key,
                   choices=_with_meanings(_expected_choices(error), kind, key))


def _number_for_text(key: str, phone: str) -> tuple[str, str, str]:
    if key == "phone":
        return _worded("directory.phone-not-quoted", example=_example(phone))
    return _worded("schema.not-text", key=key)


def area_word(network: Network | None) -> str | None:
    """The network's word for its admin-2 areas in the current language (``cercle``), or None:
    what the hint of an admin2 that is no p-code names."""
    return network.admin2_word(current_language()) if network is not None else None


def _explain_special(error: ErrorDetails, key: str, kind: str, phone: str,
                     area: str | None = None) -> tuple[str, str, str] | None:
    """The error types whose message depends on the file kind, the key or the value."""
    etype = error["type"]
    value = error.get("input")
    if etype == "extra_forbidden":
        return _unknown_key(key, kind)
    if etype == "invalid_key":  # 12:, true:, 2021-05-01: (a number may be a phone)
        return _worded("schema.unknown-key", "not-text")
    if etype == "missing":
        return _worded("schema.missing-field", key=key)
    if etype in ("literal_error", "enum"):
        return _invalid_choice(error, key, kind)
    if _is_date_error(etype):
        return _worded("schema.invalid-date", key=key)
    if etype == PLAN_TOO_LONG_ERROR:
        return _worded("plan.too-long", years=LONGEST_PLAN_YEARS)
    if etype == DATE_RANGE_ERROR:
        first, last = PLAUSIBLE_DAYS
        return _worded("schema.invalid-date", "range", key=key, first=first, last=last)
    if etype == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return _number_for_text(key, phone)
    if etype == "string_type" and key in _AREA_WORDS:  # {fr: cercle, en: cercle}, a list
        return _worded("schema.invalid-format", "area-word", key=key)
    if etype == "string_pattern_mismatch":
        return _mismatch(str((error.get("ctx") or {}).get("pattern", "")), key, area)
    return None


def _mismatch(pattern: str, key: str, area: str | None) -> tuple[str, str, str]:
    """A text that does not match ``pattern``: an admin2 is an area's p-code, not a region's."""
    if pattern in (ONE_LINE, PROSE):  # the value is never repeated: it may be a name
        return _worded("schema.control-character", key=key)
    variant = _PATTERN_VARIANTS.get(pattern)
    if variant == "pcode" and key == "admin2":
        return _worded("schema.invalid-format", "admin2", key=key, level=area or _("admin-2"))
    return _worded("schema.invalid-format", variant, key=key)


def _example(phone: str) -> str:
    """An example number of the country code ``phone`` (read only when a hint gives one)."""
    from psea_cli.phones import filled_example

    return filled_example(phone)


def _explain(error: ErrorDetails, key: str, kind: str, phone: str = "223",
             area: str | None = None) -> tuple[str, str, str]:
    """(code, message, hint) for one pydantic error; ``kind`` is the file kind (case, plan…)."""
    special = _explain_special(error, key, kind, phone, area)
    if special is not None:
        return special
    etype = error["type"]
    limit = (error.get("ctx") or {}).get("max_length")
    if etype in ("string_too_long", "too_long") and isinstance(limit, int) and key != "note":
        return _worded("schema.too-long", "limit", key=key, limit=limit)
    for types, code, variant in _SIMPLE:
        if etype in types:
            return _worded(code, variant, key=key)
    if etype in _RANGE:
        return _worded("schema.out-of-range", key=key, rule=_allowed_range(error))
    if etype in _CUSTOM_CODES:
        code, variant = _CUSTOM_CODES[etype]
        example = _example(phone) if code == "directory.invalid-phone" else ""
        return _worded(code, variant, key=key, rule=_(error["msg"]), example=example)
    return _worded("schema.invalid-value", key=key)


def findings_from_error(
    exc: ValidationError, data: Any, file: str, kind: str, base: PathInFile = (),
    phone: str = "223", area: str | None = None,
) -> Iterator[Finding]:
    """One finding per location, in pydantic's order. Several errors at one location come from
    a value that may take several forms (a number, true/false or a word): one generic finding,
    unless every form was a date (a day, or a day with a time), which is explained as a date.
    ``phone`` is the network's country code, whose example number a phone's hint gives;
    ``area`` the network's word for its admin-2 areas (``area_word``), which an admin2's
    hint names."""
    grouped: dict[PathInFile, list[ErrorDetails]] = {}
    for error in exc.errors(include_url=False):
        grouped.setdefault(data_path(data, error["loc"], error["type"]), []).append(error)
    for path, errors in grouped.items():
        key = _key_label(path[-1]) if path else kind
        if errors[0]["type"] == "extra_forbidden" and kind != "case" and (
                key == "…" or not _named(key, kind)):  # 2021-05-01: reads as a day
            code, message, hint = _worded("schema.unknown-key",
                                          "unshown" if key == "…" else "not-text")
            yield Finding(file, base + path, code, Severity.ERROR, message, hint)
            continue  # a key that may hold a name or a number is never repeated
        if key == "…" or not _named(key, kind):
            key = _key_label(path[-2]) if len(path) > 1 else kind
        if len(errors) > 1 and errors[0]["type"] != "missing" and not all(
                _is_date_error(e["type"]) for e in errors):
            code, message, hint = _worded("schema.invalid-value", "forms", key=key)
        else:
            code, message, hint = _explain(errors[0], key, kind, phone, area)
        located = path[:-1] if errors[0]["type"] == "missing" else path
        yield Finding(file, base + located, code, Severity.ERROR, message, hint)


# Messages of the models' custom errors, marked for translation.
_CUSTOM_MESSAGES = (
    N_("not a valid e-mail address (expected name@organisation.org)"),
    N_("not a valid phone number: digits, spaces, '+', dots, hyphens, brackets only, no extension"),
    N_("membership ends before it starts"),
    N_("the session ends before it starts"),
    N_("age_min is above age_max"),
    N_("give either amount_usd or funded_elsewhere, not both"),
    N_("give both numerator and denominator"),
    N_("numerator is larger than denominator"),
    N_("not a year, month or date"),
    N_("a time zone is given"),
)
