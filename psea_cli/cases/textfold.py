"""Text folded to one plain form before it is screened for what identifies a person.

A note can hide a phone number or a title from a pattern without looking any different to a
reader: full-width or Arabic-Indic digits, zero-width or ideographic spaces between digits,
en dashes and minus signs instead of hyphens, a Cyrillic ``М`` in ``Мme``. ``fold`` undoes all
of that, so each rule is written once, for plain text:

* Unicode NFKC (full-width ``＠`` and digits, ligatures, no-break and ideographic spaces);
* invisible format characters removed (zero-width space and joiners, soft hyphen, BOM);
* every decimal digit of any script written as an ASCII digit;
* every dash and minus sign written ``-``, every space ``" "``;
* Cyrillic and Greek letters that look like Latin ones written as the Latin letter (the
  confusables that matter for titles and handles; Bambara's Ɛ, Ɲ, Ŋ are Latin and stay).
"""

from __future__ import annotations

import re
import unicodedata

_CONFUSABLES = str.maketrans({
    # Cyrillic capitals and small letters that look Latin
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i", "ј": "j",
    "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "ё": "e", "г": "r", "п": "n",
    "т": "t", "м": "m", "к": "k", "в": "b", "н": "h",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v", "ι": "i", "κ": "k",
    "α": "a", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ε": "e",
})
_INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d]")
_SPACES = re.compile(r"[^\S\n]+")
_BREAKS = re.compile(r"(?: ?\n)+ ?")  # after _SPACES: each character is tried once
"""A run of blanks is one space, and a run of blanks holding line breaks one line break:
several screening patterns allow blanks in several places in a row (``\\s*°?\\s*``), and a
long run was tried in every way they can share it (45 s for 2,000 blanks)."""


_OTHER_DIGIT = re.compile(r"(?![0-9])\d")
"""A decimal digit of another script (Arabic-Indic, N'Ko, Devanagari…)."""


def fold(text: str) -> str:
    """``text`` in the one plain form the screening rules are written for (see above)."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = _OTHER_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group(0))), text)
    text = _DASHES.sub("-", text)
    text = _BREAKS.sub("\n", _SPACES.sub(" ", text))
    return text.translate(_CONFUSABLES)
