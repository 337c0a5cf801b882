"""The comments of a case record, screened: no schema sees a comment, and git keeps it, so a
comment or a directive that breaks a rule of the note screening (a phone number, a name, an
age, a position) is refused where the record is read, the rules named, never the text.

    found = failure(text, privacy.screen)   # a ParseFailure at the comment, or None

A comment longer than a note may be (or comments that are, together, eight times that) is
refused unread, as a note too long is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from psea_cli import yamlio
from psea_cli.cases.vocabulary import NOTE_MAX_LENGTH

Screen = Callable[[str], list[str]]
"""The note screening (``cases.privacy.screen``)."""


_MAYBE_COMMENT = re.compile("#(?<![^ \t\r\n\ufeff]#)[^\r\n]*")
"""A ``#`` at the text's start or after a blank, a line break or a byte order mark (which
libyaml skips at a line's start), to the line's end: every comment is one of these, with the
same text (a ``#`` in quoted text may be one too). The pattern starts with the ``#`` itself,
so that the engine skips to each one at the speed of a memory search."""
_OTHER_BREAKS = re.compile("[%\x85\u2028\u2029]")
"""A directive, or the characters libyaml alone takes as line breaks (a comment then ends
there): the scanner decides."""


COMMENT_MAX_LENGTH = NOTE_MAX_LENGTH
"""The longest comment of a case record that is screened (a note's limit): a longer one, or
comments longer than ``COMMENTS_MAX_LENGTH`` together, is refused unread, as a note too long
is: screening a megabyte of comment took a minute."""
COMMENTS_MAX_LENGTH = 8 * NOTE_MAX_LENGTH


def failure(text: str, screen: Screen) -> yamlio.ParseFailure | None:
    """A case record's comment or directive that breaks a rule of the note screening: no
    schema sees comments, and git keeps them. The rules are named, never the text. When no
    text that may be a comment breaks a rule, none does: libyaml's scanner, which tells a
    comment from a ``#`` in quoted text and costs five times a parse, is not run."""
    if "#" not in yamlio.without_modeline(text) and "%" not in text:
        return None  # no comment, no directive (what every file psea writes holds)
    if _OTHER_BREAKS.search(text) is None and not _maybe_breaks(text, screen):
        return None
    total = 0
    for line, column, piece in yamlio.free_text(text):
        total += len(piece)
        if len(piece) > COMMENT_MAX_LENGTH or total > COMMENTS_MAX_LENGTH:
            return yamlio.failure("cases.identifying-comment", line, column, "long",
                                  limit=COMMENT_MAX_LENGTH)
        rules = screen(piece)
        if rules:
            return yamlio.failure("cases.identifying-comment", line, column,
                                  rules=", ".join(rules))
    return None


def _maybe_breaks(text: str, screen: Screen) -> bool:
    """Whether a text that may be a comment breaks a rule, or is too long to be screened
    (then the scanner tells whether it is a comment)."""
    total = 0
    for found in _MAYBE_COMMENT.finditer(text):
        piece = found.group(0)[1:]
        if found.start() == 0 and yamlio.is_modeline(found.group(0)):
            continue
        total += len(piece)
        if len(piece) > COMMENT_MAX_LENGTH or total > COMMENTS_MAX_LENGTH or screen(piece):
            return True
    return False
