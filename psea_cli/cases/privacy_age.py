"""The note screening's rule ``age``: an exact age or a date of birth (and profile links).

A case record gives an age group (``child``, ``adult``), never an age: ``fille de 14 ans``,
``14ans``, ``âgée de 9 ans``, ``Aminata Keita, 14 ans``, ``elle a 14 ans``, ``14 years old``,
``the survivor is 17 years old``, ``aged 14``, ``age: 14``, ``née le 12/03/2008``, ``née en
mars 2008``, ``DOB 2008-03-12``, ``fille née en 2008`` are refused. A duration is not an age
(``projet de 3 ans``, ``depuis 2 ans``, ``a duré 2 ans``, ``il y a 2 ans``), nor an age group, a
threshold or a range (``enfants de 5 ans``, ``adolescentes (13 ans)``, ``girls aged 14``,
``moins de 18 ans``, ``dès 15 ans``, ``âge minimum 18 ans``, ``18 ans et plus``, ``aged 5 and
under``, ``de 10 à 14 ans``), nor an organisation's age (``le programme a 5 ans``, ``le réseau
fête ses 5 ans``, ``the programme is 5 years old``): a number of years is refused after one
person's word (a plural is a group), an age's label, a person's subject (``elle a``), a comma
or a bracket, or alone. A date of birth needs its day or month (``le réseau, né en 2019`` and
a label alone, ``le DOB a validé``, pass), or a year right after the label or a person's
``née en``. A number from one to ninety-nine written in words, in French or English, is read
as in digits (``fille de quatorze ans``, ``fourteen years old``).

The patterns run on folded text (``textfold``) and are linear: each quantifier is bounded or
followed by a character it cannot match, so no run is tried in more than one way.
"""

from __future__ import annotations

import functools
import re

_MONTHS = (r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre"
           r"|novembre|d[ée]cembre|january|february|march|april|may|june|july|august"
           r"|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct"
           r"|nov|dec")
_PERSON = (r"[âa]g[ée]e?s?|fille|fillette|gar[çc]on|enfant|b[ée]b[ée]|nourrisson|adolescente?|ado"
           r"|jeune|mineure?|survivante?|victime|plaignante?|femme|homme|s[oœ]eur|fr[èe]re|cousine?"
           r"|ni[èe]ce|neveu|[ée]l[èe]ve|[ée]pouse|mari|auteur|girl|boy|child|baby|teen|teenager"
           r"|survivor|victim|woman|man|minor|daughter|son|sister|brother|patiente?|cliente?"
           r"|b[ée]n[ée]ficiaire|participante?|personne|dame|demoiselle|m[èe]re|maman|tante|p[èe]re"
           r"|oncle|patient|client|person|mother|aunt|wife|husband|complainant|beneficiary")
"""Words of one person (or ``âgée``) that an age follows: ``fille de 14 ans``. A plural is a
group (``enfants de 5 ans``, ``jeunes de 18 ans``): an age group, not a person's age."""
_PERSON_WORD = re.compile(rf"(?:{_PERSON}|elle|il|qui|lui|she|he|who|him|her)", re.IGNORECASE)

_WORDS_OF_A_GROUP = """
enfants jeunes élèves eleves adolescents adolescentes ados filles fillettes garçons garcons femmes
hommes survivants survivantes victimes mineurs mineures participants participantes bénéficiaires
beneficiaires personnes adultes apprenants apprenantes étudiants étudiantes etudiants etudiantes
children girls boys youth youths women men students pupils adolescents teens teenagers people
persons survivors victims minors adults learners beneficiaries participants
"""
_GROUP = frozenset(_WORDS_OF_A_GROUP.split())
"""Plural words of a group: ``adolescentes (13 ans)``, ``girls aged 14`` are an age group."""

_DURATION_WORDS = """
de d depuis pendant durant dans sur en pour après apres avant les des ces aux à et ou moins
plus environ chaque tous toutes premiers premières derniers dernières prochains prochaines
durée duree duration période periode period mandat for over under within after before than of
dès sous minimum maximum min max moyen moyenne médian médiane median mean average duré dure
durera durait lasted lasts below above younger older
"""
_DURATION_BEFORE = frozenset(_DURATION_WORDS.split())
"""Words before a number of years that make it a duration, a threshold, an average or a range
(``depuis 2 ans``, ``il y a 2 ans``, ``moins de 18 ans``, ``dès 15 ans``, ``âge minimum 18
ans``, ``a duré 2 ans``)."""
_THRESHOLD_WORDS = """
minimum maximum min max moyen moyenne médian médiane median mean average over under above below
"""
_THRESHOLD = frozenset(_THRESHOLD_WORDS.split())
_VERB_WORDS = "a avait aura eu ses is was turns turned be"
_VERBS_OF_AN_AGE = frozenset(_VERB_WORDS.split())
"""Words before a number of years whose subject says whose age it is: ``elle a 14 ans`` is a
person's, ``le programme a 5 ans``, ``le réseau fête ses 5 ans`` an organisation's."""
_NOT_SUBJECT_WORDS = """
a avait aura eu ses fête fete fêtait fetait célèbre celebre is was turns turned will be has just
now déjà deja bientôt bientot maintenant désormais already vient d
"""
_NOT_A_SUBJECT = frozenset(_NOT_SUBJECT_WORDS.split())
_AFTER_DURATION = re.compile(
    r"\s*(?:de\b|d'|d’|du\b|des\b|(?:et|ou)\s+(?:plus|moins|\+|au-dessus|en\s+dessous)|\+"
    r"|r[ée]volus|apr[èe]s|plus\s+tard|plus\s+t[ôo]t|avant|auparavant|environ|[àa]\s+\d|-\s*\d"
    r"|(?:and|or)\s+(?:over|above|older|up|under|below|younger)|to\s+\d|%)",
    re.IGNORECASE)
"""What after a number of years makes it a duration, a range or an age group
(``2 ans de programme``, ``18 ans et plus``, ``12 ans et moins``, ``aged 5 and under``)."""
_WORD_BEFORE = re.compile(r"([^\W\d_]+)['’]?\s?([,(;:]?)\s?$")
"""The word before a number of years, and a comma, bracket or colon between them."""
_WORDS = re.compile(r"[^\W\d_]+")
_RANGE_BEFORE = re.compile(r"\d\s?(?:-|à|a|et|ou|to|and|or)\s?$", re.IGNORECASE)
_NUMBER_BEFORE = re.compile(r"\d\s?[(,;:]?\s?$")

_DAY_AND_MONTH = (rf"(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[/.-]\d{{1,2}}(?:[/.-]\d{{2,4}})?"
                  rf"|\d{{1,2}}(?:er|st|nd|rd|th)?\s(?:{_MONTHS})\b|(?:{_MONTHS})\b\.?\s\d)")
"""A date with its day and month, or its month (``12/03/2008``, ``12 mars``, ``mars 2008``,
``March 12``): a year alone is not a date of birth (``le réseau, né en 2019``)."""
_DOB = (r"\b(?:d\.?o\.?b\b\.?|ddn\b|date\s(?:de\s|of\s)?(?:naissance|birth)|birth\s?date"
        r"|ann[ée]e\sde\snaissance|naissance(?=\s?[:=]))")

AGE_PATTERNS: dict[str, re.Pattern[str]] = {
    "age-in-years": re.compile(r"(?<![\w.])(?<!\d[,-])\d{1,3} ?ans?\b", re.IGNORECASE),
    "age-of-person": re.compile(
        rf"\b(?:{_PERSON})\s?(?:de\s|d['’]|[:,(]\s?)?\d{{1,3}}(?:\s?(?:,|et|and|ou)\s?\d{{1,3}})*"
        r"\s?(?:ans?|mois|years?|yrs?|months?)\b", re.IGNORECASE),
    "age-label": re.compile(
        r"(?<!over )(?<!under )(?<!above )(?<!below )(?<!plus de )(?<!moins de )(?<!minimum )"
        r"(?<!maximum )(?<!average )(?<!mean )(?<!median )"
        r"\b(?:aged?|[âa]ge)\s?[:=]?\s?\d{1,3}(?!\d)(?![.,/]\d)", re.IGNORECASE),
    "years-old": re.compile(
        r"\b\d{1,3}\s?-?\s?(?:years?|yrs?|y|months?|mos?)\.?\s?-?\s?old\b"
        r"|\b\d{1,3}\s?(?:yo|y/o|y\.o\.?)(?!\w)", re.IGNORECASE),
    "date-of-birth": re.compile(
        rf"{_DOB}\s?[:=]?\s?(?:le\s|on\s)?(?:{_DAY_AND_MONTH}|(?:19|20)\d\d\b)", re.IGNORECASE),
    "born-on": re.compile(
        rf"(?<!\w)(?:née?s?|nee|born)\s(?:le\s|en\s|vers\s|on\s(?:the\s)?|in\s|around\s)?"
        rf"{_DAY_AND_MONTH}", re.IGNORECASE),
    "born-in-year": re.compile(
        rf"\b(?:{_PERSON}|elle\sest|il\sest|she\swas|he\swas)\s?,?\s(?:née?|nee|born)\s"
        r"(?:en\s|in\s|vers\s|around\s)?(?:19|20)\d\d\b", re.IGNORECASE),
}
"""The patterns of the rule ``age``, by name; ``is_age`` says whether a match is an age. A
date of birth is one with its day or month after ``née le``, ``DOB``, ``date de naissance``
(a year right after the label too), or a year after a person's ``née en``."""

_NEEDS_CONTEXT = frozenset({"age-in-years", "age-of-person", "age-label", "years-old"})

_NOT_A_PROFILE = (r"events?|groups?|watch|share|sharer(?:\.php)?|status|joinchat|pages?|hashtags?"
                  r"|photos?(?:\.php)?|videos?|story\.php|permalink(?:\.php)?|posts?|reels?|p|explore"
                  r"|live|search|intent|i|home|channel|c|playlist|results|shorts|embed|login|help"
                  r"|policies|about|privacy|legal|gaming|marketplace|notes|media|fundraisers")
PROFILE_LINK = re.compile(
    r"(?<![\w.])(?:(?:www|m|web|mobile|[a-z]{2}-[a-z]{2})\.)?"
    r"(?:facebook\.com|fb\.com|fb\.me|m\.me|instagram\.com|instagr\.am|tiktok\.com|twitter\.com"
    r"|x\.com|t\.me|telegram\.me|wa\.me|linkedin\.com/in|snapchat\.com/add|youtube\.com"
    rf"|threads\.net)/(?!(?:{_NOT_A_PROFILE})(?![\w.-]))@?[\w.-]{{2,}}(?![\w.-])"
    r"(?!/(?:status|posts|videos|photos|reels?|p)/)", re.IGNORECASE)
"""A link to a social-media profile (``facebook.com/awa.traore``, ``t.me/awa_t``): a handle.
A page of the site that is no one's (``facebook.com/events/…``, ``youtube.com/watch?v=…``,
``t.me/joinchat/…``) and a link to one post (``x.com/ONU_Mali/status/…``) are not. Only a
text about a person (a case note) is screened for them: a progress or record text may cite an
organisation's page (``facebook.com/PSEANetworkMali``)."""


_FR_UNITS = ("", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
             "onze", "douze", "treize", "quatorze", "quinze", "seize")
_FR_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante",
            70: "septante", 80: "huitante", 90: "nonante"}
_EN_UNITS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
             "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
             "eighteen", "nineteen")
_EN_TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy",
            80: "eighty", 90: "ninety"}


def _french(n: int) -> list[str]:
    """The ways French writes ``n`` (1 to 99), hyphens standing for a hyphen or a space."""
    if n <= 16:
        return [_FR_UNITS[n], "une"] if n == 1 else [_FR_UNITS[n]]
    if n < 20:
        return [f"dix-{_FR_UNITS[n - 10]}"]
    tens, unit = divmod(n, 10)
    forms = [_FR_TENS[tens * 10]] if unit == 0 else (
        [f"{_FR_TENS[tens * 10]}-et-un", f"{_FR_TENS[tens * 10]}-et-une"] if unit == 1
        else [f"{_FR_TENS[tens * 10]}-{_FR_UNITS[unit]}"])
    if 70 <= n < 80:  # soixante-dix, soixante et onze, soixante-douze…
        forms += [f"soixante-{form}" if n != 71 else "soixante-et-onze" for form in _french(n - 60)]
    elif n >= 80:  # quatre-vingts, quatre-vingt-un, quatre-vingt-dix…
        forms += ["quatre-vingts", "quatre-vingt"] if n == 80 else [
            f"quatre-vingt-{form}" for form in _french(n - 80)]
    if 80 <= n < 90:
        forms.append(f"octante{'' if unit == 0 else '-' + _french(unit)[0]}")
    return forms


def _english(n: int) -> list[str]:
    if n < 20:
        return [_EN_UNITS[n]]
    tens, unit = divmod(n, 10)
    return [_EN_TENS[tens * 10] + ("" if unit == 0 else f"-{_EN_UNITS[unit]}")]


_SPELLED = {form: str(n) for n in range(1, 100) for form in _french(n) + _english(n)}
_FORMS = sorted(_SPELLED, key=len, reverse=True)


@functools.cache
def _spelled_number() -> re.Pattern[str]:
    """Each form in its own group, which names the number matched: ignoring case, a letter
    of another alphabet matches a Latin one (a dotless ``ı`` or ``İ`` an ``i``), so the text
    matched is not always a form as written. Compiled when a text first names an age's unit
    (a few milliseconds every run would pay)."""
    return re.compile(
        r"(?<![^\W\d_])(?:" + "|".join(
            f"(?P<f{index}>" + re.escape(form).replace(r"\-", r"[\s-]{1,2}") + ")"
            for index, form in enumerate(_FORMS)) + r")(?![^\W\d_])",
        re.IGNORECASE)


_AGE_WORD = re.compile(r"\b(?:ans?|years?|yrs?|mois|months?|aged?|[âa]g[ée]e?s?|old)\b",
                       re.IGNORECASE)


def spelled_in_digits(folded: str) -> str:
    """``folded`` with the numbers from one to ninety-nine written in words, in French or
    English, written in digits (``fille de quatorze ans`` → ``fille de 14 ans``), so that the
    rule ``age`` reads an age written either way; the text itself when it names no unit of
    an age (most texts: the conversion is then skipped)."""
    if _AGE_WORD.search(folded) is None:
        return folded
    return _spelled_number().sub(lambda m: _SPELLED[_FORMS[int(str(m.lastgroup)[1:])]], folded)


def _a_thing_is_said_to_have(head: str) -> bool:
    """Whether the subject before ``a``/``ses``/``is`` is a thing (``le programme a 5 ans``),
    not a person, a pronoun or a name (``elle a 14 ans``, ``Aminata a 14 ans``)."""
    words = [w for w in _WORDS.findall(head[-60:]) if w.lower() not in _NOT_A_SUBJECT]
    if not words:
        return False
    subject = words[-1]
    return subject[0].islower() and _PERSON_WORD.fullmatch(subject) is None


def _group_or_threshold_before(head: str) -> bool:
    """Whether a group's plural or a word of a threshold comes right before: ``girls aged 14``,
    ``jeunes âgés de 15 ans``, ``âge minimum``."""
    before = _WORD_BEFORE.search(head)
    return before is not None and before.group(1).lower() in _GROUP | _THRESHOLD


def _years_is_age(head: str) -> bool:
    """Whether a number of years after ``head`` is a person's age (``age-in-years``)."""
    if _RANGE_BEFORE.search(head):
        return False  # a range: 10-14 ans, de 10 à 14 ans
    before = _WORD_BEFORE.search(head)
    if before is None:
        # at the start, or after a sign; after a number it is the number's unit: 2023-2025 (3 ans)
        return _NUMBER_BEFORE.search(head) is None
    word = before.group(1).lower()
    if word in _GROUP:
        return False  # adolescentes (13 ans), élèves de 12 ans
    if before.group(2) in (",", "(", ";"):
        return True  # Aminata Keita, 14 ans ; survivante (14 ans)
    if word == "a" and head[:before.start()].endswith("y "):
        return False  # il y a 2 ans
    if word in _VERBS_OF_AN_AGE:
        return not _a_thing_is_said_to_have(head[:before.start()])
    return word not in _DURATION_BEFORE


def is_age(name: str, folded: str, match: re.Match[str]) -> bool:
    """Whether ``match`` of the pattern ``name`` is a person's age, not a duration or a group."""
    if name not in _NEEDS_CONTEXT:
        return True
    if _AFTER_DURATION.match(folded, match.end()):
        return False
    head = folded[max(0, match.start() - 60):match.start()]
    if name == "age-in-years":
        return _years_is_age(head)
    if name == "years-old":
        before = _WORD_BEFORE.search(head)
        if before is None or before.group(1).lower() not in _VERBS_OF_AN_AGE:
            return True
        return not _a_thing_is_said_to_have(head[:before.start()])
    if name == "age-label" or match.group(0)[:2].lower() in ("âg", "ag"):
        return not _group_or_threshold_before(head)  # girls aged 14, âge minimum, jeunes âgés
    return True
