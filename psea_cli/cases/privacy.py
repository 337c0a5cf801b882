"""Screening the one free-text field of a case, ``note``, for what identifies a person.

A note may say "orientée vers le centre de santé le 2020-07-15, 5 000 FCFA de transport"; it
may not hold a phone number, an e-mail address or social-media handle, GPS coordinates or a
name after a civility title. ``screen`` names the rules a text breaks, never the matching
text, so that no caller can echo the value. The patterns are compiled once, at import.

Phone numbers: eight digits or more in one run (``76 12 34 56``, ``76123456``, ``+223 76 12
34 56``, ``0022376123456``, ``+33 6 12 34 56 78``, ``(555) 123-4567``). Dates (``2020-07-15``,
``15/07/2020``), years (``2019-2021``) and amounts written with their currency
(``12 500 000 FCFA``) are not numbers to screen; a long bare number is refused even when it
is an amount: write its currency.
"""

from __future__ import annotations

import re
from typing import Literal

NoteRule = Literal["phone", "email", "coordinates", "name"]
RULES: tuple[NoteRule, ...] = ("phone", "email", "coordinates", "name")

MIN_PHONE_DIGITS = 8
"""The shortest national numbers of the region have eight digits (Mali, Senegal, Niger…)."""

_DATE_YMD = re.compile(r"(?<![\d+])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\.?\d)")
_DATE_DMY = re.compile(r"(?<![\d+])(?<!\d[-/.])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![-/.]?\d)")
_CURRENCY = r"(?:FCFA|F\s?CFA|CFA|XOF|USD|US\$|EUR|\$|€|dollars?|francs?|euros?)"
_NUMBER = r"(?:\d{1,3}(?:[ .,'’\u00a0\u202f]\d{3})+|\d+)(?:[.,]\d{1,2})?"
_AMOUNT = re.compile(
    rf"(?<!\d)(?<!\d[ .,'’-])(?:{_CURRENCY}\s?{_NUMBER}(?![ .,'’-]?\d)"
    rf"|{_NUMBER}\s?{_CURRENCY}(?![A-Za-z]))",
    re.IGNORECASE)
"""An amount with its currency, the number plain or grouped by thousands (not by pairs)."""
_DIGIT_RUN = re.compile(r"(?<![\w])[+(]*\d(?:[ \t.\-/()\u00a0\u202f]{1,3}\d|\d)*")
_GROUP = re.compile(r"\d+")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")

_EMAIL = re.compile(
    r"[\w.+'-]+\s*(?:@|\(at\)|\[at\]|\{at\}|\barobase\b)\s*[\w-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[\w-]+)+"
    r"|(?<![\w@])@[A-Za-z0-9_.]{3,}",
    re.IGNORECASE,
)

_DEGREE = r"[°º˚]"
_COORDINATES = re.compile(
    "|".join((
        # a pair of decimal degrees: 14.4974, -4.1983 (four decimals or more)
        r"[-+]?\d{1,2}[.,]\d{4,}\s*" + _DEGREE + r"?\s*[NSns]?\s*[,;/\s]\s*[-+]?\d{1,3}[.,]\d{4,}",
        # one coordinate in degrees: 14.4974° N, 14° 29' 51", 14°29′N
        r"\d{1,3}(?:[.,]\d+)?\s*" + _DEGREE + r"\s*\d{1,2}(?:[.,]\d+)?\s*['′’]",
        r"\d{1,3}[.,]\d{2,}\s*" + _DEGREE + r"\s*[NSEWO]\b",
        r"\d{1,3}[.,]\d{3,}\s*[NSEWO]\b",
        # a labelled coordinate: lat 14.49, GPS: 14,497…, longitude = -4.19
        r"\b(?:lat(?:itude)?|lon(?:g(?:itude)?)?|lng|gps|coordonn[ée]es|coordinates)\b"
        r"\s*[:=]?\s*\(?\s*[-+]?\d",
        # map links and what3words addresses
        r"\b(?:maps\.google|google\.[a-z.]+/maps|goo\.gl/maps|maps\.app\.goo\.gl"
        r"|openstreetmap\.org|plus\.codes|what3words)",
        r"///[a-z]+\.[a-z]+\.[a-z]+",
    )),
    re.IGNORECASE,
)

_UPPER = "A-ZÀ-ÖØ-Þ"
_TITLES_WITH_DOT = r"M|MM|Mr|Mrs|Ms|Mme|Mmes|Mlle|Mlles|Dr|Pr|Me|Sr|Cne|Capt|Cdt|Col|Lt|Sgt|Adj"
_TITLES_WORD = (
    r"Mr|Mrs|Ms|Mme|Mmes|Mlle|Mlles|Dr|Pr|Me|Sr|Miss|Madame|Monsieur|Mademoiselle|Messieurs"
    r"|Mesdames|Docteur|Professeur|Ma[îi]tre|El[- ]?Hadj|Elhadj|Hadja|Capitaine|Commandant"
    r"|Colonel|Lieutenant|Sergent|Adjudant|Caporal|Cne|Capt|Cdt|Lt|Sgt|Adj"
)
_TITLED_NAME = re.compile(
    rf"(?<![\w.])(?:(?:{_TITLES_WITH_DOT})\.\s*|(?:{_TITLES_WORD})\s+)[{_UPPER}]")


def _is_date(match: re.Match[str], day_first: bool) -> bool:
    numbers = [int(match.group(i)) for i in (1, 3, 4)]
    day, month = (numbers[0], numbers[1]) if day_first else (numbers[2], numbers[1])
    return 1 <= day <= 31 and 1 <= month <= 12


def _mask(pattern: re.Pattern[str], text: str, day_first: bool | None = None) -> str:
    """Replace what ``pattern`` finds by letters, so that no digit run continues across it."""

    def replace(match: re.Match[str]) -> str:
        if day_first is not None and not _is_date(match, day_first):
            return match.group(0)
        return "x" * len(match.group(0))

    return pattern.sub(replace, text)


def _is_phone(run: str) -> bool:
    groups = _GROUP.findall(run)
    digits = sum(len(g) for g in groups)
    if digits < MIN_PHONE_DIGITS:
        return False
    international = run.lstrip("(").startswith(("+", "00"))
    return international or not all(_YEAR.match(g) for g in groups)


def has_phone_number(text: str) -> bool:
    masked = _mask(_DATE_YMD, text, day_first=False)
    masked = _mask(_DATE_DMY, masked, day_first=True)
    masked = _mask(_AMOUNT, masked)
    return any(_is_phone(m.group(0)) for m in _DIGIT_RUN.finditer(masked))


def screen(text: str) -> list[NoteRule]:
    """The rules ``text`` breaks, in the order of ``RULES``; empty when the note is safe."""
    broken: list[NoteRule] = []
    if has_phone_number(text):
        broken.append("phone")
    if _EMAIL.search(text):
        broken.append("email")
    if _COORDINATES.search(text):
        broken.append("coordinates")
    if _TITLED_NAME.search(text):
        broken.append("name")
    return broken
