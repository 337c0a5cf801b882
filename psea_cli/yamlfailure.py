"""What goes wrong reading YAML, and where: the failures both reading paths give (``yamlio``,
``yamlcareful``), positions counted as an editor counts lines, and psea's modeline. The
bottom of the YAML modules: it imports none of them."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from psea_cli import catalogue

MAX_DEPTH = 64


@dataclasses.dataclass(frozen=True)
class ParseFailure:
    """Why a file could not be read as YAML, with a 1-based position."""

    code: str
    line: int
    column: int
    message: str
    hint: str


def failure(code: str, line: int = 1, column: int = 1, variant: str | None = None, /,
            **params: object) -> ParseFailure:
    """A failure worded by the problem catalogue."""
    _severity, message, hint = catalogue.texts(code, variant, **params)
    return ParseFailure(code, line, column, message, hint)


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of ``offset``, a line ending at CR LF, LF or a lone CR, as an
    editor counts them."""
    if "\r" not in text:
        return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1
    breaks = (text.count("\n", 0, offset) + text.count("\r", 0, offset)
              - text.count("\r\n", 0, offset))
    last = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset))
    return breaks + 1, offset - (last + 1) + 1


_LIBYAML_BREAKS = ("\x85", "\u2028", "\u2029")
"""Line breaks to YAML 1.1 (and libyaml's marks), not to an editor nor to YAML 1.2."""


def mark_position(text: str, mark: Any) -> tuple[int, int]:
    """1-based (line, column) of a libyaml mark in ``text``, its lines counted as an editor
    counts them (libyaml counts NEL, U+2028 and U+2029 as line breaks too); (1, 1) without
    a mark."""
    if mark is None:
        return 1, 1
    if any(character in text for character in _LIBYAML_BREAKS):
        return position(text, min(mark.index, len(text)))
    return mark.line + 1, mark.column + 1


MODELINE = "# yaml-language-server:"
"""The first line psea writes in a case record (which schema editors check it against)."""
_MODELINE_ONLY = re.compile(r"# yaml-language-server: ?\$schema=[^\s#]*[ \t]*")
"""That line as psea writes it, and nothing else: any other text on it is screened as a
comment (``# yaml-language-server: Awa 76 12 34 56`` is not a modeline)."""


def is_modeline(comment: str) -> bool:
    """True for the comment ``# yaml-language-server: $schema=PATH`` and nothing more."""
    return _MODELINE_ONLY.fullmatch(comment.rstrip("\r")) is not None
