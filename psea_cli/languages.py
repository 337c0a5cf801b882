"""The languages psea speaks: one vocabulary for the messages, the reports, the forms and the
``--lang`` option. Adding one means a catalogue in ``psea_cli/locale/<code>/`` and its wording
in ``psea_cli/wording/``; the network's own languages (``languages`` in network.yaml) may be
more, for the referral poster."""

from __future__ import annotations

SUPPORTED: tuple[str, ...] = ("fr", "en")
"""The codes psea has catalogues for, in the order help texts list them."""
SOURCE = "en"
"""The language of the messages in the code, and the one used when none of the others fits."""


def is_supported(code: str | None) -> bool:
    return code in SUPPORTED


def supported_or_source(code: str | None) -> str:
    """``code`` when psea speaks it, else English."""
    return code if code is not None and code in SUPPORTED else SOURCE


def first_supported(codes: list[str] | tuple[str, ...]) -> str:
    """The first of ``codes`` psea speaks (a network lists its languages in its order of
    preference), else English."""
    return next((code for code in codes if code in SUPPORTED), SOURCE)


def choices_text() -> str:
    """``fr or en``, for a message that lists the choices (untranslated codes)."""
    return " or ".join(SUPPORTED) if len(SUPPORTED) == 2 else ", ".join(SUPPORTED)


MORE_LANGUAGES: dict[str, tuple[str, str]] = {
    "taq": ("Tamasheq", "tamasheq"), "ttq": ("Tamajaq", "tamajaq"),
    "thz": ("Tamajeq", "tamajeq"), "thv": ("Tamahaq", "tamahaq"),
    "dts": ("Toro So Dogon", "dogon toro so"), "ffm": ("Maasina Fulfulde", "peul du Macina"),
    "fuv": ("Nigerian Fulfulde", "peul du Nigeria"), "emk": ("Eastern Maninkakan", "malinké"),
    "mnk": ("Mandinka", "mandinka"), "bze": ("Jenaama Bozo", "bozo jenaama"),
}
"""Languages of the Sahel that CLDR has no name for, by their ISO 639-3 code: (English,
French). No name may be one CLDR gives another code: a workbook names languages, and a name
must lead back to one code (a test keeps it so)."""


def language_table(language: str) -> dict[str, str]:
    """Every language code psea can name, with its name in ``language`` (CLDR's, and those it
    lacks: in French for a French text, else in English); empty for a language CLDR does not
    know."""
    from babel.core import Locale, UnknownLocaleError

    try:
        names = dict(Locale.parse(language).languages)
    except (UnknownLocaleError, ValueError):
        return {}
    extra = {code: said[1] if language == "fr" else said[0]
             for code, said in MORE_LANGUAGES.items()}
    return {**extra, **names}
