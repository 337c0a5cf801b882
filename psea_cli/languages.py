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
