"""Text from the data or a file name made safe to print: no control or invisible character
reaches a terminal or a log as itself.

Validation refuses control characters in the data (``psea_cli/models/base.py``); this is the
second line, for whatever slips through (a file read before that rule, a name of a file).
"""

from __future__ import annotations

import re

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069"
                          r"\ufeff]")
_UNPRINTABLE_IN_LINES = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                                   r"\u2066-\u2069]")
_UNPRINTABLE_IN_DOCUMENTS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029"
                                       r"\u202a-\u202e\u2066-\u2069]|\r(?!\n)")
_UNPRINTABLE_IN_JSON = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f"
                                  r"\u202a-\u202e\u2066-\u2069\ufeff]")


def _escaped(match: re.Match[str]) -> str:
    return match.group(0).encode("unicode_escape").decode("ascii")


def printable(text: str) -> str:
    """``text`` on one line, every control or invisible character written as an escape
    (``\\n``, ``\\x1b``, ``\\u202e``): a file name cannot start a new line in a log (forging
    a CI workflow command such as ``::add-mask::``), move the cursor or reverse the text."""
    return _UNPRINTABLE.sub(_escaped, text)


def printable_lines(text: str) -> str:
    """``text`` with its line breaks kept and every other control character (an escape, a
    bell, a carriage return, a direction override) written as an escape: for output laid out
    on several lines, a table."""
    return _UNPRINTABLE_IN_LINES.sub(_escaped, text)


def printable_document(text: str) -> str:
    """``text`` with its line breaks (``\\n``, ``\\r\\n``) and tabs kept and every other control
    character written as an escape: a document printed as it is (a Markdown report, a case
    file), where a tab is text but an escape sequence from a network's own template must not
    reach the terminal."""
    return _UNPRINTABLE_IN_DOCUMENTS.sub(_escaped, text)


def printable_json(text: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``) with every control or invisible
    character that JSON leaves as itself (``\\x85``, ``\\u202e``, ``\\u2028``…) written as a
    ``\\uXXXX`` escape: the document stays valid JSON and reads back to the same values, and
    none of them reaches a terminal. JSON text holds such characters only inside strings, and
    its own line breaks are kept."""
    return _UNPRINTABLE_IN_JSON.sub(lambda match: f"\\u{ord(match.group(0)):04x}", text)
