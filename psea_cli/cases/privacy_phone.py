"""Phone numbers, and identity documents' numbers, in a case note (``privacy.screen``): runs
of digits of eight or more, once dates, amounts with their currency, ranges of years, times,
percentages and the numbers of posts in links are set apart; an identity document's number after
its name; eight digits spelled out one by one."""

from __future__ import annotations

import re

MIN_PHONE_DIGITS = 8
"""The shortest national numbers of the region have eight digits (Mali, Senegal, Niger…)."""

_DATE_YMD = re.compile(r"(?<![\d+])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\.?\d)")
_DATE_DMY = re.compile(r"(?<![\d+])(?<!\d[-/.])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![-/.]?\d)")
_CURRENCY = r"(?:FCFA|F\s?CFA|CFA|XOF|USD|US\$|EUR|\$|€|dollars?|francs?|euros?)"
_NUMBER = r"(?:\d{1,3}(?:[ .,'’]\d{3})+|\d+)(?:[.,]\d{1,2})?"
_AMOUNT = re.compile(
    rf"(?<!\d)(?<!\d[ .,'’_-])(?:{_CURRENCY}\s?{_NUMBER}(?![ .,'’_-]?\d)"
    rf"|{_NUMBER}\s?{_CURRENCY}(?![A-Za-z]))",
    re.IGNORECASE)
"""An amount with its currency, the number plain or grouped by thousands (not by pairs)."""
_TIME = re.compile(r"(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?!:?\d)")
_DAY_MONTH = re.compile(r"(?<![\d/])(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])(?!/?\d)")
_PERCENT = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,]\d{1,2})? ?%")
"""Times (``08:00-16:00``), days of a month (``12/07 ; 15/07``) and percentages: not parts
of a phone number, whatever separates them."""
_DIGIT_RUN = re.compile(r"(?<![\w])[+(]{0,6}\d(?:(?:(?![,:] )[\W_]){1,3}\d|\d)*")
"""A run of digits and separators, with at most 6 ``+`` and ``(`` before it: unbounded, a
long line of ``(`` was tried once per character, to its end (minutes on one comment).

A separator is one to three characters that are no letter and no digit, whatever they are
(spaces, a line break, ``; | * · /`` and the like): ``7612 | 3456`` is a phone number. A comma
or a colon followed by a space ends the run: it separates a list (``30.000, 15.000``) or a
label from its value (``2020 : 60000``). A separator cannot hold a digit, so a run is tried
once from each start and never backtracks (linear time)."""
_DOCUMENT = re.compile(
    r"(?<![^\W\d_])(?:cnib|cni|nina|nin|nni|passeports?|passports?|visa"
    r"|cartes?\s+(?:nationale\s+)?(?:d['’]\s?)?(?:identit[ée]|[ée]lecteur|[ée]lectorale|consulaire"
    r"|de\s+r[ée]fugi[ée]e?|biom[ée]trique)"
    r"|pi[èe]ces?\s+d['’]\s?identit[ée]|(?:national\s+)?id(?:entity)?\s+(?:card|number)|voter\s+card"
    r"|attestations?\s+de\s+r[ée]fugi[ée]e?|refugee\s+(?:id|card|certificate)"
    r"|actes?\s+de\s+naissance|birth\s+certificate|permis\s+de\s+conduire"
    r"|driv(?:ing|er'?s)\s+licen[cs]e)(?![^\W\d_])"
    r"[^\n\d]{0,24}?((?:[A-Za-z]{1,3}[\s./-]?)?\d(?:[\s./-]?(?:\d|[A-Za-z]{1,2}(?=\d)))*)",
    re.IGNORECASE)
"""The number of an identity document after the document's name, within a few words
(« CNIB B12345678 », « passeport n° AA1234567 », « NIN B12 345 678 », « attestation de
réfugié 123-09C12345 »): six digits or more, letters and separators among them. A reference
of a plan or an invoice (« PO4500123456 ») and a p-code name no document."""
_DOCUMENT_DIGITS = 6


def _document_number(folded: str) -> bool:
    return any(sum(c.isdigit() for c in found.group(1)) >= _DOCUMENT_DIGITS
               for found in _DOCUMENT.finditer(folded))


_DIGIT_WORDS = (r"z[ée]ro|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf"
                r"|zero|oh|one|two|three|four|five|seven|eight|nine")
_SPELLED_RUN = re.compile(
    rf"(?<![^\W\d_])(?:{_DIGIT_WORDS})(?:[\W_]{{1,3}}(?:{_DIGIT_WORDS})){{{MIN_PHONE_DIGITS - 1},}}"
    r"(?![^\W\d_])", re.IGNORECASE)
"""Eight digits or more spelled out one by one, in French or English (``sept six un deux
trois quatre cinq six``): no sentence holds eight digit words in a row. Numbers read in
pairs (``soixante-seize douze``) are not screened."""
_YEAR_RANGE = re.compile(r"(?<![\d+])((?:19|20)\d{2}) ?[-/] ?((?:19|20)\d{2})(?![-/.]?\d)")
"""A range of years (``2023-2025``, ``2023–2025``, ``2023/2025``), the second after the first
and at most 30 years on: ``Stratégie 2023–2025 (3 ans)`` is no phone number. An eight-digit
run without a separator (``20240315``) stays one: a Bamako landline is written so."""
_POST_NUMBER = re.compile(
    r"/(?:events|status|statuses|posts|videos|photos|reels?|permalink|p)/\d+|[?&](?:v|story_fbid|fbid)=\d+",
    re.IGNORECASE)
"""The number of a post, an event or a video in a link (``facebook.com/events/123456789``,
``x.com/ONU_Mali/status/1790…``): no phone number. ``wa.me/22376…`` is one."""
_GROUP = re.compile(r"\d+")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")

def _is_date(match: re.Match[str], day_first: bool) -> bool:
    numbers = [int(match.group(i)) for i in (1, 3, 4)]
    day, month = (numbers[0], numbers[1]) if day_first else (numbers[2], numbers[1])
    return 1 <= day <= 31 and 1 <= month <= 12


def _is_year_range(match: re.Match[str]) -> bool:
    first, last = int(match.group(1)), int(match.group(2))
    return first < last <= first + 30


def _is_amount(match: re.Match[str]) -> bool:
    """An amount, unless it is eight digits or more and not round (a number with a currency)."""
    digits = "".join(_GROUP.findall(re.sub(r"[.,]\d{1,2}(?!\d)", "", match.group(0))))
    return len(digits) < MIN_PHONE_DIGITS or digits.endswith("000")


def _mask(pattern: re.Pattern[str], text: str, day_first: bool | None = None) -> str:
    """Replace what ``pattern`` finds by letters, so that no digit run continues across it."""

    def replace(match: re.Match[str]) -> str:
        if day_first is not None and not _is_date(match, day_first):
            return match.group(0)
        if pattern is _YEAR_RANGE:
            if not _is_year_range(match):
                return match.group(0)
        elif day_first is None and not _is_amount(match):
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


def has_phone(folded: str) -> bool:
    """Whether ``folded`` (``textfold.fold``) holds a phone number or a document's number."""
    masked = _mask(_DATE_YMD, folded, day_first=False)
    masked = _mask(_DATE_DMY, masked, day_first=True)
    masked = _mask(_AMOUNT, masked)
    masked = _mask(_YEAR_RANGE, masked)
    masked = _POST_NUMBER.sub(lambda match: "x" * len(match.group(0)), masked)
    for pattern in (_TIME, _DAY_MONTH, _PERCENT):
        masked = pattern.sub(lambda match: "x" * len(match.group(0)), masked)
    return (any(_is_phone(m.group(0)) for m in _DIGIT_RUN.finditer(masked))
            or _document_number(masked)
            or _SPELLED_RUN.search(folded) is not None)
