"""Whether a title, a label or a word for a person in a case note is followed by a name
(``privacy.screen``): the word after it read past words that name nobody, a copula and a
dash, and a participle that gives the name of a thing left alone."""

from __future__ import annotations

import re
import unicodedata

from psea_cli.cases import privacy_words as words

_GIVEN_AS = re.compile(words.GIVEN_AS, re.IGNORECASE)
_NOT_A_PREPOSITION = r"(?!(?:of|at|in|de|du|des|à|au|aux|dans)\b)"
_THING_BEFORE = re.compile(
    r"(?<![\w.])(?<!of )(?<!at )(?<!in )(?<!de )(?<!à )(?<!dans )"
    r"(?:(?:the|a|an|this|that|le|la|un|une|ce|cette)\s+|l['’]\s?)"
    rf"(?:{_NOT_A_PREPOSITION}[\w'’-]+\s+){{0,2}}(?:{words.THINGS})"
    r"(?:\s+d['’]\s?[\w-]+|\s+(?:de|du|des|pour|for)\s+[\w'’-]+)?\s*[,:]?\s*$",
    re.IGNORECASE)
"""The name of a thing, the subject of the words that give a name (``the camp is called``,
``l'association dénommée``), not a place of the person they name (``the guard at the camp
is called Peter``, ``the leader of the group``): ``words.THINGS``."""
_AFTER_TITLE = re.compile(r"[\s\"«»“”‘’'‹›(–—-]*([^\W\d_][\w'’-]*)")
"""The word after a title: quotes and guillemets skipped."""


def names_someone(name: str, folded: str, match: re.Match[str]) -> bool:
    """Whether the title ``match`` (of pattern ``name``) is followed by a name. A word that
    names nobody (``veuve``, ``Mineure``, ``Refusé``) is read past: « Mme veuve Koné »,
    « victime : Réfugiée Fatoumata » name someone; « Nom : Refusé » does not."""
    if _GIVEN_AS.match(match.group(0)) \
            and _THING_BEFORE.search(folded, max(0, match.start() - 40), match.start()):
        return False  # l'association dénommée Espoir, a project known as Cash Plus
    at = match.end()
    for _skipped in range(4):
        after = _AFTER_TITLE.match(folded, at)
        if after is None:
            return False
        word = after.group(1)
        if word.lower() in words.COPULAS and name != "personal-title":  # la victime est Awa
            at = after.end()
            continue
        if word.lower().strip("'’-") in words.FUNCTION_WORDS or _elided(word):
            return False
        if _plain(word) not in _NOBODY:
            return _is_a_name(name, word, folded[after.end():])
        at = after.end()
    return False


def _elided(word: str) -> bool:
    """An article or a pronoun elided before an apostrophe (« l'ONG », « n'a »), not a name
    in capitals that holds one (« N'DIAYE », « D'ALMEIDA »)."""
    head, apostrophe, tail = word.lower().partition("'")
    return bool(apostrophe) and head in ("l", "d", "qu", "n", "s") \
        and not (word.isupper() and len(tail) > 1)


def _plain(word: str) -> str:
    """``word`` in small letters without accents: « RÉFUGIÉE », « REFUGIEE » and « réfugiée »
    are one word to ``NOT_A_NAME``."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower())
                   if not unicodedata.combining(c))


_NOBODY = frozenset(_plain(w) for w in words.NOT_A_NAME)


def _is_a_name(name: str, word: str, rest: str = "") -> bool:
    """Whether ``word``, after the title or cue of pattern ``name``, is a name; ``rest`` is
    what follows it."""
    if name == "label-cue":  # nom : keita
        return True
    if name == "naming":  # elle s'appelle awa; not: their names were recorded separately
        return not (word.islower() and len(word) >= 9 and word.endswith(words.ADVERB_ENDINGS))
    first = word[0]
    if name in _CAPITALISED_AFTER:  # la survivante Aminata, quartier Hamdallaye; not MINUSMA
        if len(word) < 2 or not first.isupper():  # not F
            return False
        if word.isupper() and name == "person-cue":
            return _surname_first(word, rest)
        if word.isupper():  # quartier HAMDALLAYE, not quartier ONU
            return word.lower() not in words.ACRONYMS
        return True
    if not first.islower():  # a capital, or a letter of a script without case (N'Ko)
        return True
    return name == "personal-title"


_GIVEN_NAME = re.compile(r"[\s,]+([^\W\d_][^\W\d_'’-]*)")


def _surname_first(word: str, rest: str) -> bool:
    """Whether a word in capitals after a word for a person is a surname written first, as
    the region's records write it: followed by a given name, capitalised in small letters
    (« victime : TRAORE Awa »). Alone, or before a word in small letters, it is an acronym or
    an answer typed in capitals (« survivante : PEP administrée », « Auteur : MILITAIRE »),
    too often to be read as a name; an acronym of ``ACRONYMS`` before a capitalised word
    (« plaignante UNICEF Mali ») is not one either."""
    given = _GIVEN_NAME.match(rest)
    if given is None or word.lower() in words.ACRONYMS:
        return False
    name = given.group(1)
    return (len(name) > 1 and name[0].isupper() and not name.isupper()
            and name[1:].replace("'", "").replace("’", "").replace("-", "").islower()
            and name.lower() not in words.FUNCTION_WORDS and _plain(name) not in _NOBODY)


_CAPITALISED_AFTER = frozenset({"person-cue", "neighbourhood"})
"""Patterns whose next word names someone (or a place) only when it is capitalised."""
