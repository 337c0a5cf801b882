"""Case ids: eight random Crockford base-32 characters, such as ``7KQ2M9AB``.

An id says nothing about the case: it is drawn from the operating system's secure random
source, never from a date, a place or a person. A new id is also checked against every id of
the store. Across branches, 40 random bits make a clash negligible: two focal points adding
100 cases each on their own branches share an id with a chance of about 1 in 110 million.
Even then nothing is lost: git reports the two new files at one path as a conflict at merge
time, and ``psea validate`` reports a duplicated id.
"""

from __future__ import annotations

import random
import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base 32: digits and capitals without I, L, O and U (no misreading, no words)."""
LENGTH = 8

_ID = re.compile(rf"^[{ALPHABET}]{{{LENGTH}}}$")
_NUMBER_LIKE = re.compile(r"^[0-9]+(?:E[0-9]+)?$")
"""Ids YAML would read as a number when written without quotes (12345678, 12E45678)."""
_MISREAD = str.maketrans({"I": "1", "L": "1", "O": "0"})


def new_id(rng: random.Random | None = None) -> str:
    """A fresh id; ``rng`` only for reproducible demonstration data, never for real cases."""
    while True:
        if rng is None:
            candidate = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        else:
            candidate = "".join(rng.choice(ALPHABET) for _ in range(LENGTH))
        if not _NUMBER_LIKE.match(candidate):
            return candidate


def normalise(text: str) -> str | None:
    """The id a person meant (case-insensitive; I and L read as 1, O as 0), or None."""
    candidate = text.strip().upper().replace("-", "").translate(_MISREAD)
    return candidate if _ID.match(candidate) else None
