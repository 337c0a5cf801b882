"""The note screening's rule ``age``: an exact age or a date of birth (and profile links).

A case record gives an age group (``child``, ``adult``), never an age: ``fille de 14 ans``,
``14ans``, ``âgée de 9 ans``, ``Aminata Keita, 14 ans``, ``14 years old``, ``aged 14``,
``age: 14``, ``née le 12/03/2008``, ``born on 12 March 2008``, ``DOB``, ``date of birth`` are
refused. A duration is not an age (``projet de 3 ans``, ``depuis 2 ans``, ``durant 2 ans``,
``5 ans d'expérience``, ``il y a 2 ans``, ``tous les 2 ans``), nor an age group or a range
(``moins de 18 ans``, ``18 ans et plus``, ``aged 18 and over``, ``de 10 à 14 ans``,
``10-14 ans``): a number of years is refused when a person's word or an age's label comes
before it, or when it stands alone (after a comma, a bracket, ``a``, or at the start), unless
a word of duration comes before it or a word of duration or of an age group after it.

The patterns run on folded text (``textfold``) and are linear: each quantifier is bounded or
followed by a character it cannot match, so no run is tried in more than one way.
"""

from __future__ import annotations

import re

_MONTHS = (r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre"
           r"|novembre|d[ée]cembre|january|february|march|april|may|june|july|august"
           r"|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct"
           r"|nov|dec")
_PERSON = (r"[âa]g[ée]e?s?|fille|fillette|filles|gar[çc]on|gar[çc]ons|enfant|enfants|b[ée]b[ée]"
           r"|nourrisson|adolescente?s?|ado|jeune|mineure?s?|survivante?s?|victimes?"
           r"|plaignante?s?|femme|homme|s[oœ]eur|fr[èe]re|cousine?|ni[èe]ce|neveu|[ée]l[èe]ve"
           r"|[ée]pouse|mari|auteur|girl|boy|child|baby|teen|teenager|survivor|victim|woman|man"
           r"|minor|daughter|son|sister|brother")
"""Words of a person (or ``âgée``) that an age follows: ``fille de 14 ans``."""

_DURATION_WORDS = """
de d depuis pendant durant dans sur en pour après apres avant les des ces aux à et ou moins
plus environ chaque tous toutes premiers premières derniers dernières prochains prochaines
durée duree duration période periode period mandat for over under within after before than of
"""
_DURATION_BEFORE = frozenset(_DURATION_WORDS.split())
"""Words before a number of years that make it a duration, a threshold or a range
(``depuis 2 ans``, ``il y a 2 ans``, ``moins de 18 ans``, ``de 10 à 14 ans``)."""
_AFTER_DURATION = re.compile(
    r"\s*(?:de\b|d'|d’|du\b|des\b|et\s+(?:plus|\+|au-dessus)|ou\s+(?:plus|\+|au-dessus)|\+"
    r"|r[ée]volus|apr[èe]s|plus\s+tard|plus\s+t[ôo]t|avant|auparavant|environ|[àa]\s+\d|-\s*\d"
    r"|and\s+(?:over|above|older|up)|or\s+(?:over|above|older)|to\s+\d|%)",
    re.IGNORECASE)
"""What after a number of years makes it a duration, a range or an age group
(``2 ans de programme``, ``18 ans et plus``, ``aged 18 and over``, ``aged 10 to 14``)."""
_WORD_BEFORE = re.compile(r"([^\W\d_]+)['’]?\s?([,(;:]?)\s?$")
"""The word before a number of years, and a comma, bracket or colon between them."""
_RANGE_BEFORE = re.compile(r"\d\s?(?:-|à|a|et|ou|to|and|or)\s?$", re.IGNORECASE)

AGE_PATTERNS: dict[str, re.Pattern[str]] = {
    "age-in-years": re.compile(r"(?<![\w.])(?<!\d[,-])\d{1,3} ?ans?\b", re.IGNORECASE),
    "age-of-person": re.compile(
        rf"\b(?:{_PERSON})s?\s?(?:de\s|d['’]|[:,(]\s?)?\d{{1,3}}(?:\s?(?:,|et|and|ou)\s?\d{{1,3}})*"
        r"\s?(?:ans?|mois|years?|yrs?|months?)\b", re.IGNORECASE),
    "age-label": re.compile(
        r"(?<!over )(?<!under )(?<!above )(?<!below )(?<!plus de )(?<!moins de )"
        r"\b(?:aged?|[âa]ge)\s?[:=]?\s?\d{1,3}(?!\d)(?![.,/]\d)", re.IGNORECASE),
    "years-old": re.compile(
        r"\b\d{1,3}\s?-?\s?(?:years?|yrs?|y|months?|mos?)\.?\s?-?\s?old\b"
        r"|\b\d{1,3}\s?(?:yo|y/o|y\.o\.?)(?!\w)", re.IGNORECASE),
    "date-of-birth": re.compile(
        r"\b(?:d\.?o\.?b\b\.?|ddn\b|date\s(?:de\s|of\s)?(?:naissance|birth)|birth\s?date"
        r"|ann[ée]e\sde\snaissance|naissance\s?[:=])", re.IGNORECASE),
    "born-on": re.compile(
        rf"(?<!\w)(?:née?s?|nee|born)\s(?:le\s|en\s|vers\s|on\s(?:the\s)?|in\s|around\s)?"
        rf"(?:\d|(?:{_MONTHS})\b)", re.IGNORECASE),
}
"""The patterns of the rule ``age``, by name; ``is_age`` says whether a match is an age."""

_NEEDS_CONTEXT = frozenset({"age-in-years", "age-of-person", "age-label"})

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


def is_age(name: str, folded: str, match: re.Match[str]) -> bool:
    """Whether ``match`` of the pattern ``name`` is a person's age, not a duration or a group."""
    if name not in _NEEDS_CONTEXT:
        return True
    if _AFTER_DURATION.match(folded, match.end()):
        return False
    if name != "age-in-years":
        return True
    head = folded[max(0, match.start() - 40):match.start()]
    if _RANGE_BEFORE.search(head):
        return False  # a range: 10-14 ans, de 10 à 14 ans
    before = _WORD_BEFORE.search(head)
    if before is None:
        return True  # at the start, after a number or a sign
    if before.group(2) in (",", "(", ";"):
        return True  # Aminata Keita, 14 ans ; (14 ans)
    word = before.group(1).lower()
    if word == "a" and head[:before.start()].endswith("y "):
        return False  # il y a 2 ans
    return word not in _DURATION_BEFORE
