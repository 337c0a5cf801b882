"""Screening the free text of a case (``note``) and of records for what identifies a person.

A note may say "orientée vers le CSRef le 2020-07-15, 5 000 FCFA de transport"; it may not hold
a phone number, an e-mail address, a social-media handle or profile link, a position or an
address, a name, or an exact age or a date of birth (``privacy_age``).
``screen`` names the rules a text breaks, never the matching text, so that no caller can echo
the value. The text is folded first (``textfold``: NFKC, invisible characters, digits of any
script, dashes, spaces, Cyrillic and Greek look-alikes), so each pattern is written once.

The rules are a registry: ``PATTERNS`` names every pattern and the rule it serves (the tests
hold an example for each), and ``RULES`` gives the order they are reported in.

Phone numbers: eight digits or more in one run, separated or not, whatever separates them
(``20 00 90 19``, ``76,12,34,56``, ``76_12_34_56``, ``7612 ; 3456``, ``7612 | 3456``, a line
break, ``+223 20 00 90 19``, ``(555) 123-4567``). Dates, years, times, percentages and
amounts written with their currency (``12 500 000 FCFA``) are not numbers to screen, but an
amount of eight digits or more must be round (end in 000): ``20009019 FCFA`` is a phone
number with a currency after it. A long bare number is refused even when it is an amount.

Names: a word after a civility, religious, customary, military or official title — in
capitals, in Bambara letters (Ɛ, Ɲ, Ŋ), in N'Ko, inside guillemets. After a title that is
only a title (Mme, Madame, Docteur, Dr, El Hadji…), a lower-case name counts too; function
words (``Mme la directrice``, ``le Dr. est absent``) and a number before ``M`` (``5 M FCFA``)
do not. Any word after a name's label (``nom :``, ``name:``), a capitalised word after a word
for a person of the case (``victime : Fatoumata``, ``la survivante Aminata``), but for an
acronym (``victime de la MINUSMA``) or a word that names nobody (``nom : inconnu``).

Places: a street, a door or a plot with its number (``rue 345 porte 12``), a place below the
cercle with its name (``quartier Hamdallaye``, ``village de Kona``); rule ``coordinates``.
These and the name's labels are read in a case note only: a plan's text names the villages of
its activities. The words are in ``privacy_words``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from psea_cli import verdicts_kept
from psea_cli.cases import privacy_words as words
from psea_cli.cases.privacy_age import AGE_PATTERNS, PROFILE_LINK, is_age, spelled_in_digits
from psea_cli.cases.privacy_names import names_someone
from psea_cli.cases.privacy_phone import has_phone
from psea_cli.cases.textfold import fold
from psea_cli.i18n import N_

NoteRule = Literal["phone", "email", "coordinates", "name", "age"]
RULES: tuple[NoteRule, ...] = ("phone", "email", "coordinates", "name", "age")
NOTE_CODES: dict[str, str] = {rule: f"cases.note-{rule}" for rule in RULES}
"""The problem code of a case note breaking each rule (``cases.note-phone``…)."""
RULE_WORDS: dict[str, str] = {
    "phone": N_("a phone number or an identity document's number"),
    "email": N_("an e-mail address or a handle"),
    "coordinates": N_("a precise place (GPS coordinates, an address, a neighbourhood or a map "
                      "link)"),
    "name": N_("a person's name (after a title such as Mme or Dr, after nom, victime, "
               "survivante…, or after words that give one, such as s'appelle or her name is)"),
    "age": N_("an exact age or a date of birth")}
"""What each rule finds, in words (translated with ``_`` where shown)."""

# -- e-mail addresses and handles ---------------------------------------------------------
_AT = r"(?:\s*@\s*|\s*[(\[{]\s*(?:at|arobase)\s*[)\]}]\s*|\s+(?:at|arobase|chez)\s+)"
_DOT = r"(?:(?<=\w)\.(?=\w)|\s*[(\[{]\s*(?:dot|point)\s*[)\]}]\s*|\s+(?:dot|point)\s+|\s\.\s)"
_RUN_START = r"(?<![\w.+'-])"
"""An address's local part starts where a run of its characters starts: a match found from
inside the run is found from its start too, and a long run without an ``@`` is then tried
once, not once per character (which took minutes on one long comment line)."""
_SOCIAL = (r"facebook|fb|whatsapp|whats\s?app|instagram|insta|tiktok|snapchat|telegram|twitter"
           r"|messenger|skype|viber|linkedin")

# -- positions ----------------------------------------------------------------------------
_DEGREE = r"[°º˚]"
_LABEL = (r"lat(?:itude)?|lon(?:g(?:itude)?)?|lng|gps|coordonn[ée]es|coordinates|geo"
          r"|position\s+gps")

PATTERNS: dict[str, tuple[NoteRule, re.Pattern[str]]] = {
    "email-address": ("email", re.compile(
        rf"{_RUN_START}[\w.+'-]+{_AT}[^\W\d_][\w-]*(?:{_DOT}[\w-]+)+", re.IGNORECASE)),
    "email-no-domain-ending": ("email", re.compile(
        rf"{_RUN_START}[\w.+'-]+\s*@\s*[^\W\d_][\w-]+")),
    "handle": ("email", re.compile(r"(?<![\w@])@[A-Za-z0-9_.]{3,}")),
    "social-media-account": ("email", re.compile(
        rf"\b(?:{_SOCIAL})\s*[:=]\s*@?[\w.-]{{2,}}", re.IGNORECASE)),
    "profile-link": ("email", PROFILE_LINK),
    "decimal-degrees-pair": ("coordinates", re.compile(
        rf"[-+]?\d{{1,2}}[.,]\d{{4,}}\s*{_DEGREE}?\s*[NSns]?\s*[,;/\s]\s*[-+]?\d{{1,3}}[.,]\d{{4,}}"
        rf"|(?:(?<![\w.,])[-+]?\d{{1,2}}[.,]\d{{4,}}\s*{_DEGREE}?\s*[NSns]?\s*[,;/\s]\s*[-+]?\d{{1,3}}[.,]\d+"
        rf"|(?<![\w.,])[-+]?\d{{1,2}}[.,]\d+\s*{_DEGREE}?\s*[NSns]?\s*[,;/\s]\s*[-+]?\d{{1,3}}[.,]\d{{4,}})"
        rf"(?![\d.,]|\s*(?:%|‰|€|\$|[A-Z]{{3,4}}\b|F\s?CFA|francs?\b|pts?\b|points?\b|°\s*C))")),
    "signed-decimal-pair": ("coordinates", re.compile(
        rf"(?:(?<![\w.,])[-+]?\d{{1,2}}[.,]\d{{3,}}\s*{_DEGREE}?\s*[NSns]?\s*[,;/\s]\s*-\d{{1,3}}[.,]\d{{3,}}"
        rf"|(?<![\w.,])-\d{{1,2}}[.,]\d{{3,}}\s*{_DEGREE}?\s*[,;/\s]\s*[-+]?\d{{1,3}}[.,]\d{{3,}})"
        rf"(?![\d.,]|\s*(?:%|‰|€|\$|[A-Z]{{3,4}}\b|F\s?CFA|francs?\b|pts?\b|points?\b|°\s*C))")),
    "degrees-minutes": ("coordinates", re.compile(
        rf"\d{{1,3}}(?:[.,]\d+)?\s*(?:{_DEGREE}|d|deg)\s*\d{{1,2}}(?:[.,]\d+)?\s*(?:['′’]|m(?=\d|\b)|min)",
        re.IGNORECASE)),
    "degrees-minutes-seconds-spaced": ("coordinates", re.compile(
        r"\b\d{1,3}\s+\d{1,2}\s+\d{1,2}(?:[.,]\d+)?\s*[NSEWO]\b")),
    "degrees-with-hemisphere": ("coordinates", re.compile(
        rf"\d{{1,3}}[.,]\d{{2,}}\s*{_DEGREE}\s*[NSEWO]\b|\d{{1,3}}[.,]\d{{3,}}\s*[NSEWO]\b",
        re.IGNORECASE)),
    "hemisphere-before-degrees": ("coordinates", re.compile(
        r"(?<![\w.])[NSEWO]\s?[-+]?\d{1,3}[.,]\d{3,}")),
    "labelled-coordinate": ("coordinates", re.compile(
        rf"\b(?:{_LABEL})\b\.?\s*[:=]?\s*\(?\s*[-+]?\d", re.IGNORECASE)),
    "map-link": ("coordinates", re.compile(
        r"\b(?:maps\.google|google\.[a-z.]+/maps|goo\.gl/maps|maps\.app\.goo\.gl"
        r"|openstreetmap\.org|osm\.org|maps\.apple|apple\.com/maps|waze\.com|plus\.codes"
        r"|what3words|bing\.com/maps|here\.com)|\bgeo:\s*[-+]?\d", re.IGNORECASE)),
    "what3words": ("coordinates", re.compile(r"///[a-z]+\.[a-z]+\.[a-z]+", re.IGNORECASE)),
    "plus-code": ("coordinates", re.compile(
        r"(?<![\w+])[23456789CFGHJMPQRVWX]{4,8}\+[23456789CFGHJMPQRVWX]{2,3}(?![\w+])")),
    "personal-title": ("name", re.compile(
        rf"(?<![\w.])(?:{words.PERSONAL})\b\.?", re.IGNORECASE)),
    "office-title": ("name", re.compile(rf"(?<![\w.])(?:{words.OFFICE})\b\.?", re.IGNORECASE)),
    "abbreviated-title": ("name", re.compile(
        rf"(?<![\w.])(?<!\d\s)(?:{words.SHORT}|{words.SHORT.upper()})(?:\.\s*|\s+)(?=\S)")),
    "label-cue": ("name", re.compile(
        rf"(?<![\w.])(?:{words.LABEL_CUES})\s*[:=]", re.IGNORECASE)),
    "naming": ("name", re.compile(rf"(?<![\w.])(?:{words.NAMING})\b\s*[:=,]?", re.IGNORECASE)),
    "person-cue": ("name", re.compile(rf"(?<![\w.])(?:{words.PERSON_CUES})\b\s*[:=,]?",
                                      re.IGNORECASE)),
    "street-number": ("coordinates", re.compile(
        rf"(?<![\w.])(?:{words.STREET})\.?\s*(?:(?:n°|no\.?|num[ée]ro|number|#)\s*)?\d+(?![.,]\d)"
        rf"(?![\s,]*(?:(?:du|de\s+la|de\s+l['’]|des|of\s+the|at\s+the)\s*)?(?:{words.NOT_A_HOME})\b)",
        re.IGNORECASE)),
    "neighbourhood": ("coordinates", re.compile(
        rf"(?<![\w.])(?:{words.NEIGHBOURHOOD})(?:\s*[:=]\s*|\s+)(?:(?:de|du|des)\s+|d['’]\s?)?",
        re.IGNORECASE)),
    **{name: ("age", pattern) for name, pattern in AGE_PATTERNS.items()},
}
"""Every pattern, by name, with the rule it serves (phone numbers are found by
``privacy_phone.has_phone``)."""

CASE_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""``cases.ids.ALPHABET`` (a test keeps them equal): this layer may not import ``cases.ids``."""
_CASE_NOUN = (r"cas|case|cases|dossiers?|plaintes?|complaints?|incidents?|r[ée]f|ref|references?"
              r"|r[ée]f[ée]rences?")
_NUMBER_WORD = r"n°|no\.|num[ée]ro|number|id"
_CASE_ID = re.compile(
    rf"(?<![\w-])(?i:(?:{_CASE_NOUN})\b\.?\s?(?:(?:{_NUMBER_WORD})\s?)?|(?:n°|no\.)\s?)[:#]?\s?"
    rf"(?=\d*[A-Z])[{CASE_ID_ALPHABET}]{{8}}(?![\w-])")
"""A case id right after a word that names a case (``cas 07Z8DKN1``, ``case #07Z8DKN1``,
``dossier n° 07Z8DKN1``, ``réf. 7KQ2M9AB``): capitals and digits, or capitals alone (one id in
twenty has no digit); one of digits only is a phone number to the screening. An id standing
alone is not one: campaigns, funds and p-codes are written so (``PSEA2021``, ``CERF2024``,
``SHF2024B``, ``NG008016``)."""
CASE_ID_WORDS = N_("a case id")


def names_a_case(text: str) -> bool:
    """Whether ``text`` holds a case id: a report or a plan's narrative never names a case."""
    return _CASE_ID.search(fold(text)) is not None


def has_phone_number(text: str) -> bool:
    return has_phone(fold(text))


_ABOUT_A_PERSON_ONLY = frozenset({"profile-link", "label-cue", "naming", "person-cue",
                                  "street-number", "neighbourhood"})
"""Patterns for a case note only: a plan's or a record's text names the villages of its
activities and speaks of survivors and social-media pages of organisations."""


def _breaks(rule: NoteRule, folded: str, about_a_person: bool) -> bool:
    if rule == "phone":
        return has_phone(folded)
    if rule == "age":  # an age written in words is an age: fille de quatorze ans
        folded = spelled_in_digits(folded)
    for name, (owner, pattern) in PATTERNS.items():
        if owner != rule or (name in _ABOUT_A_PERSON_ONLY and not about_a_person):
            continue
        for match in pattern.finditer(folded):
            if (rule == "name" or name == "neighbourhood") and not names_someone(
                    name, folded, match):
                continue
            if rule != "age" or is_age(name, folded, match):
                return True
    return False


def screen(text: str, about_a_person: bool = True) -> list[NoteRule]:
    """The rules ``text`` breaks, in the order of ``RULES``; empty when the note is safe.

    ``about_a_person`` is false for the text of a progress file or a record, which speaks of
    activities and organisations: a link to a social-media page is then an organisation's.
    A note's verdict is kept (``remember``): the same text always breaks the same rules."""
    if about_a_person:
        known = _SCREENED.get(text)
        if known is not None:
            return list(known)
    else:  # a plan's or a record's text: its verdict is kept from one run to the next
        digest = verdicts_kept.key(text)
        kept = verdicts_kept.known(_TEXT_RULE, digest)
        if kept is not None:
            return list(kept)
    folded = fold(text)
    found = [rule for rule in RULES if _breaks(rule, folded, about_a_person)]
    if about_a_person:
        remember(text, found)
    else:
        verdicts_kept.keep(_TEXT_RULE, digest, tuple(found))
    return found


_TEXT_RULE = "screen-text"


_SCREENED: dict[str, tuple[NoteRule, ...]] = {}
"""The verdicts of the notes screened in this process, or in the workers that parsed the case
records (``reading``: a note is screened there, beside its parse, so that the process that
judges the records finds its verdict ready)."""
MAX_SCREENED = 100_000


def remember(text: str, rules: Sequence[str]) -> None:
    """Keep ``screen(text)``'s verdict (as computed by ``screen`` itself, here or in a worker
    forked from this process)."""
    if len(_SCREENED) >= MAX_SCREENED:
        _SCREENED.clear()
    _SCREENED[text] = tuple(rule for rule in RULES if rule in rules)
