"""The bulk YAML path: yaml-rs (a YAML 1.2 parser written in Rust) for the files it reads
exactly as psea's careful path does, and nothing else.

yaml-rs builds dicts, lists and scalars without calling back into Python for every scalar:
about five times faster than libyaml with psea's builder on a case file (measured in
docs/performance.md). It reads the YAML 1.2 core schema (``yes``/``on`` stay text,
``0o12`` is 10), keeps dates as text (``parse_datetime=False``, pydantic parses them and so
reports them with a location) and refuses duplicate keys. What it does differently from the
careful path (``yamlio.parse_careful``: libyaml with node marks) is never left to it:

- tags (``!!python/...``, ``!x``), which it drops silently, anchors and aliases, which it
  expands, ``%`` directives and ``---``/``...`` markers (several documents become a list);
- ``1_000``, ``0b101``, ``-0o7``, ``0X1F``: numbers to it, text in the YAML 1.2 core schema;
- explicit (``?``) keys and brackets used as keys, which it turns into tuples, and empty
  keys (``: a``), which libyaml refuses;
- escaped surrogates (it joins ``"\\ud83d\\ude00"`` into one character, as JSON does, where
  libyaml refuses the file) and anything after a backslash that is not one of YAML's escapes
  (``_ODD_ESCAPE``); the escapes YAML defines (``\\xE9``, ``\\u00e9``, ``\\n``, an escaped line
  break…), which PyYAML's ``safe_dump`` and JSON write for every accent, both read alike;
- characters YAML does not allow (control characters), which it accepts, and the
  characters libyaml takes as line breaks (NEL, U+2028, U+2029) and yaml-rs does not;
- block scalars (``|``, ``>``) that start with a blank line or none, which it reads as
  ``\n`` where libyaml reads an empty string, and ``|`` or ``>`` in flow style;
- tabs and lone carriage returns, and nesting that might go deeper than
  ``yamlio.MAX_DEPTH`` (it allows 256 levels);
- a flow collection over several lines, where it reads a key split over two lines
  (``{a⏎ b: 1}``) that libyaml refuses.

A text where any of these *might* occur (``takes``: conservative regular expressions and
counts, all in C) goes to the careful path, as does every text yaml-rs refuses: the
careful path then says what is wrong, with its line and column. A differential property test
(``tests/test_yaml_paths.py``) generates YAML of every kind and checks that the two paths read
every accepted file to the same data and refuse the same files.
"""

from __future__ import annotations

import re
from typing import Any

import yaml_rs

VERSION: str = yaml_rs.__version__
NOT_TAKEN: Any = object()
"""What ``load`` returns for a text the careful path must read."""

MAX_LEAD = 20
"""A line whose indentation and indicators (``- ``, ``? ``, ``: ``) reach this many columns
may start a collection that deep; 2 levels a column at most, so 2 * 20 + 2 levels."""
MAX_BRACKETS = 20
"""With at most this many ``[`` and ``{``, flow nesting adds at most 20 levels: 42 + 20 stays
within ``yamlio.MAX_DEPTH`` (64)."""

_END = r"(?=[ \t\r\n]|\Z)"
# Each pattern starts with a literal character, so that the regular expression engine skips
# to its occurrences at the speed of a memory search: checking costs a fraction of parsing.
_TAG = re.compile(r"[!&*](?<![^\s\[\]{},:?-][!&*])")  # a tag, an anchor or an alias
_LINE = re.compile(rf"\n(?:[ ?:-]{{{MAX_LEAD}}}|%|---|\.\.\.)")
"""At a line's start: deep indentation, a directive, a document marker."""
_START = re.compile(r"[ \t]*+:" + _END + rf"|[ ?:-]{{{MAX_LEAD}}}|%|---|\.\.\.")
_COLON = re.compile(r":(?<=[\n\[\]{},?\- ]:)" + _END)
"""A ``:`` indicator right after a line break, a flow indicator, ``-``, ``?`` or a space:
maybe an empty key (``: a``, ``- : a``, ``[: a]``), which libyaml refuses and yaml-rs reads as
null, or a bracketed collection used as a key (``[a]: b``), which yaml-rs reads as a tuple."""
_UNDERSCORE = re.compile(r"_(?:(?<=[0-9]_)|(?<=0[xXoObB]_)|(?=[0-9]))")  # 1_000, _0, 0x_1F
_BASE = re.compile(r"0(?:(?<=[-+]0)[xXoObB]|(?<![\w]0)[bBXO])")  # -0o7, +0x1, 0b1, 0X1F
_QUESTION = re.compile(r"\?(?<![^\s,\[{]\?)")
"""A ``?`` where a token starts: an explicit key to libyaml in flow style even before ``}`` or
``,`` (``{id: ?}``), where yaml-rs reads the text ``?``."""
_ESCAPE = (r"[0abtnvfre \"/\\N_LP]|\r?\n|x[0-9A-Fa-f]{2}|u(?![dD][89a-fA-F])[0-9A-Fa-f]{4}"
           r"|U(?:0000(?![dD][89a-fA-F])|000[1-9A-Fa-f]|0010)[0-9A-Fa-f]{4}")
_ODD_ESCAPE = re.compile(rf"\\(?!{_ESCAPE})")
"""A backslash not followed by one of YAML 1.2's escapes of a code point that is no surrogate
(``\\ud800``, ``\\U00110000``, ``\\q``): in double quotes yaml-rs joins escaped surrogate pairs
and libyaml refuses them. Every backslash counts, escaped or in plain or single-quoted text,
where both read it as itself: conservative, never a wrong reading."""
_ESCAPED_BREAK = re.compile(r"\\\r?\n")
"""An escaped line break, left to yaml-rs only outside flow style: there it lets a quoted key
span two lines (``{"a\\<line break>b": 1}``), which libyaml refuses and yaml-rs reads."""
_LONE_CR = re.compile(r"\r(?!\n)")
_EMPTY_BLOCK = re.compile(r"[|>](?<![^\s][|>])[-+0-9]*+[ \t]*+(?:#[^\r\n]*+)?"
                          r"(?:\r?\n[ \t]*+)?(?:\r?\n|\Z)")
"""A block scalar (``|``, ``>``) whose first line is blank or missing: yaml-rs reads ``\n``
where libyaml reads an empty string."""
_BLOCK_INDICATOR = re.compile(r"[|>](?<![^\s\[{,:][|>])")
"""``|`` or ``>`` where a value may start: in flow style (``{a: >}``) libyaml refuses it and
yaml-rs reads it as text."""
_PRINTABLE_BYTES = bytes([10, 13, *range(0x20, 0x7F), *range(0x80, 0x100)])
_SPECIAL_UTF8 = re.compile(rb"\xc2[\x80-\x9f]|\xef\xbf[\xbe\xbf]|\xed[\xa0-\xbf]|\xe2\x80[\xa8\xa9]")
"""C1 controls and NEL, U+FFFE/U+FFFF, surrogates, and the line and paragraph separators
(line breaks to libyaml, ordinary characters to yaml-rs)."""


def _unusual_characters(text: str) -> bool:
    raw = text.encode("utf-8", "surrogatepass")
    if raw.translate(None, _PRINTABLE_BYTES):  # a control character (tabs included)
        return True
    return (b"\xc2" in raw or b"\xef\xbf" in raw or b"\xed" in raw or b"\xe2\x80" in raw) \
        and _SPECIAL_UTF8.search(raw) is not None


def _key_without_text(text: str) -> bool:
    for match in _COLON.finditer(text):
        before = match.start() - 1
        while before >= 0 and text[before] == " ":
            before -= 1
        if before < 0 or text[before] in "\n[]{},?-":
            return True
    return False


def _flow_over_lines(text: str) -> bool:
    """True when a line opens more brackets than it closes, or closes more (a bracket in quoted
    text counts too): a flow collection may go on over the next line, where a key split over
    two lines (``{a⏎ b: 1}``) is one key to yaml-rs and an error to libyaml."""
    for line in text.split("\n"):
        if ("[" in line or "{" in line or "]" in line or "}" in line) and (
                line.count("[") + line.count("{") != line.count("]") + line.count("}")):
            return True
    return False


def takes(text: str) -> bool:
    """True when yaml-rs reads ``text`` exactly as the careful path would (if it reads it)."""
    brackets = text.count("[") + text.count("{")
    return not (
        brackets > MAX_BRACKETS
        or (brackets > 0 and _flow_over_lines(text))
        or (("!" in text or "&" in text or "*" in text) and _TAG.search(text) is not None)
        or ("\\" in text and (_ODD_ESCAPE.search(text) is not None or (
            brackets > 0 and _ESCAPED_BREAK.search(text) is not None)))
        or ("\r" in text and _LONE_CR.search(text) is not None)
        or (("|" in text or ">" in text) and (
            _EMPTY_BLOCK.search(text) is not None
            or (brackets > 0 and _BLOCK_INDICATOR.search(text) is not None)))
        or _START.match(text) is not None
        or _LINE.search(text) is not None
        or _UNDERSCORE.search(text) is not None
        or _BASE.search(text) is not None
        or _key_without_text(text)
        or ("?" in text and _QUESTION.search(text) is not None)
        or _unusual_characters(text))


_DUPLICATES = yaml_rs.DuplicateKeyPolicy.Error


def load(text: str) -> Any:
    """The data of ``text``, or NOT_TAKEN when the careful path must read it (it might hold
    something yaml-rs reads differently, or yaml-rs refuses it)."""
    if not takes(text):
        return NOT_TAKEN
    try:
        return yaml_rs.loads(text, parse_datetime=False, duplicate_key_policy=_DUPLICATES)
    except Exception:  # refused, or a value Python cannot hold: the careful path explains
        return NOT_TAKEN
