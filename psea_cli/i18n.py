"""Message catalogues: English is the source language, French comes from gettext catalogues.

Catalogues are ``psea_cli/locale/<lang>/LC_MESSAGES/*.po`` (one per area, so that areas can be
translated independently), compiled to ``.mo`` by ``python scripts/compile_catalogues.py``.
Every ``.mo`` of a language is merged at load time. ``N_`` marks a string for extraction
without translating it (module-level tables translated later with ``_``).
"""

from __future__ import annotations

import gettext
import os
import re
from pathlib import Path

from psea_cli.languages import SOURCE, SUPPORTED

SUPPORTED_LANGUAGES = SUPPORTED
LOCALE_DIR = Path(__file__).parent / "locale"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"
_looked_up: dict[str, str] = {}
"""Messages already translated in the current language: the catalogues are chained (one per
area), so a message found in the last one costs a lookup in each; a report asks for the same
few hundred messages thousands of times."""


def load_translations(lang: str) -> gettext.NullTranslations:
    """Merge every compiled catalogue of ``lang``; English gets the identity."""
    merged: gettext.NullTranslations = gettext.NullTranslations()
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    if lang == "en" or not folder.is_dir():
        return merged
    first: gettext.NullTranslations | None = None
    for mo in sorted(folder.glob("*.mo")):
        with mo.open("rb") as handle:
            catalogue = gettext.GNUTranslations(handle)
        if first is None:
            first = catalogue
        else:
            first.add_fallback(catalogue)
    return first or merged


def set_language(lang: str) -> None:
    global _translations, _language
    _language = lang if lang in SUPPORTED_LANGUAGES else SOURCE
    _translations = load_translations(_language)
    _looked_up.clear()


def current_language() -> str:
    return _language


def _(message: str) -> str:
    try:
        return _looked_up[message]
    except KeyError:
        translated = _looked_up[message] = _translations.gettext(message)
        return translated


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    return message


def language_part(value: str) -> str:
    """The language of a language code or a locale, lower case: ``en_US.UTF-8`` and ``EN`` are
    ``en``, ``fr_ML`` and ``fr-FR`` are ``fr``; ``""`` for an empty value."""
    return re.split(r"[_.@-]", value.strip(), maxsplit=1)[0].lower()


def psea_lang() -> str | None:
    """The language ``PSEA_LANG`` names (a code or a locale, ``en_US.UTF-8``) when psea speaks
    it; None when it is unset, empty or another language (see ``psea_lang_unknown``)."""
    code = language_part(os.environ.get("PSEA_LANG", ""))
    return code if code in SUPPORTED_LANGUAGES else None


def psea_lang_unknown() -> bool:
    """True when ``PSEA_LANG`` is set to a language psea does not speak (``de``): a usage
    error, never a silent fallback to another language."""
    return bool(language_part(os.environ.get("PSEA_LANG", ""))) and psea_lang() is None


def language_from_environment() -> str | None:
    """``PSEA_LANG``, else the system locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``) if supported."""
    explicit = psea_lang()
    if explicit:
        return explicit
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        code = language_part(os.environ.get(name, ""))
        if code in SUPPORTED_LANGUAGES:
            return code
    return None


def choose_language(option: str | None, network_languages: list[str] | None) -> str:
    """``--lang``, then ``PSEA_LANG``, then the network's first supported language, then English."""
    if option:
        return option
    explicit = psea_lang()
    if explicit:
        return explicit
    for lang in network_languages or []:
        if lang in SUPPORTED_LANGUAGES:
            return lang
    return language_from_environment() or "en"


_OS_REASONS = {
    "ENOENT": N_("no such file or folder"),
    "EACCES": N_("permission denied"),
    "EPERM": N_("operation not permitted"),
    "ENOSPC": N_("no space left on the device"),
    "EROFS": N_("the file system is read-only"),
    "EISDIR": N_("it is a folder"),
    "ENOTDIR": N_("a part of the path is not a folder"),
    "EEXIST": N_("it already exists"),
    "ELOOP": N_("too many levels of symbolic links"),
    "ENAMETOOLONG": N_("the name is too long"),
    "EDQUOT": N_("the disk quota is exceeded"),
}


def os_reason(exc: OSError) -> str:
    """Why the system refused, in the current language: the words of ``_OS_REASONS`` for the
    usual errors, else the system's own (in English), else the error's name."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    if name in _OS_REASONS:
        return _(_OS_REASONS[name])
    return exc.strerror or type(exc).__name__
